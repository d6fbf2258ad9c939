"""Settings read from the environment, parsed one way everywhere.

A setting that is unset, empty or malformed falls back to its default: a typo in an environment
variable never stops an audit (the knobs tune timeouts and caches, they decide no verdict).
"""

from __future__ import annotations

import math
import os

_TRUE = frozenset({"1", "true", "yes", "on"})


def env_float(name: str, default: float, *, minimum: float = 0.0) -> float:
    """The number in ``name``, at least ``minimum``; ``default`` when unset or not a finite
    number."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        return default
    return max(minimum, value) if math.isfinite(value) else default


def env_flag(name: str) -> bool:
    """True when ``name`` is ``1``, ``true``, ``yes`` or ``on`` (any case)."""
    return os.environ.get(name, "").strip().lower() in _TRUE
