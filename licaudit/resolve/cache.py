"""A small disk cache for Hub answers, so a second scan makes no requests.

Entries live under the user cache folder (``platformdirs``; ``LICAUDIT_CACHE_DIR`` overrides it),
one JSON file per (endpoint, model id, revision), and expire after a TTL
(``LICAUDIT_CACHE_TTL`` seconds, default one day). A damaged entry is ignored, never fatal.
Nothing secret is stored: only what the Hub answered about a model.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

from ..env import env_float
from ..resources import CACHE_FORMAT, cache_root, read_json, write_json_atomic

DEFAULT_TTL = 24 * 3600


def default_ttl() -> float:
    return env_float("LICAUDIT_CACHE_TTL", float(DEFAULT_TTL))


class HubCache:
    def __init__(self, folder: Path | None = None, ttl: float | None = None):
        self.folder = (folder or cache_root()) / "hub"
        self.ttl = default_ttl() if ttl is None else ttl

    def _path(self, endpoint: str, model_id: str, revision: str | None) -> Path:
        key = "\n".join((endpoint.rstrip("/"), model_id.lower(), revision or "main"))
        return self.folder / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.json"

    def get(self, endpoint: str, model_id: str, revision: str | None) -> dict[str, Any] | None:
        if self.ttl <= 0:
            return None
        entry = read_json(self._path(endpoint, model_id, revision))
        if not isinstance(entry, dict) or entry.get("format") != CACHE_FORMAT:
            return None
        stored = entry.get("stored")
        if not isinstance(stored, (int, float)) or time.time() - stored > self.ttl:
            return None
        value = entry.get("value")
        return value if isinstance(value, dict) else None

    def put(
        self, endpoint: str, model_id: str, revision: str | None, value: dict[str, Any]
    ) -> None:
        """Write atomically; a cache that cannot be written is simply not used."""
        entry = {
            "format": CACHE_FORMAT,
            "stored": time.time(),
            "id": model_id,
            "revision": revision,
            "value": value,
        }
        write_json_atomic(self._path(endpoint, model_id, revision), entry)
