"""``licaudit: ignore`` and ``licaudit: ignore[ID]`` comments on a reference's line."""

from __future__ import annotations

import dataclasses
import re

from ..model import ModelRef

_IGNORE = re.compile(r"licaudit:\s*ignore(?:\[([^\]]*)\])?", re.IGNORECASE)


def suppressed_ids(line: str) -> set[str] | None:
    """None when the line carries no marker; an empty set for a bare ``ignore`` (every id)."""
    found: set[str] | None = None
    for m in _IGNORE.finditer(line):
        found = found if found is not None else set()
        if m.group(1) is None:
            return set()
        found.update(x.strip().lower() for x in m.group(1).split(",") if x.strip())
    return found


def is_suppressed(ref: ModelRef, line: str) -> bool:
    ids = suppressed_ids(line)
    if ids is None:
        return False
    return not ids or ref.id.lower() in ids or ref.id.lower().split(":")[0] in ids


def apply_suppressions(refs: list[ModelRef], text: str) -> list[ModelRef]:
    """Mark the references whose source line carries a suppression marker."""
    lines = text.splitlines()
    out = []
    for ref in refs:
        n = ref.location.line
        line = lines[n - 1] if 0 < n <= len(lines) else ""
        if is_suppressed(ref, line):
            loc = dataclasses.replace(ref.location, suppressed=True)
            ref = dataclasses.replace(ref, location=loc, suppressed=True)
        out.append(ref)
    return out
