"""A small disk cache for Hub answers, so a second scan makes no requests.

Entries live under the user cache folder (``platformdirs``; ``LICAUDIT_CACHE_DIR`` overrides it),
one JSON file per (endpoint, model id, revision), and expire after a TTL
(``LICAUDIT_CACHE_TTL`` seconds, default one day). A damaged entry is ignored, never fatal.
Nothing secret is stored: only what the Hub answered about a model.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_TTL = 24 * 3600
CACHE_FORMAT = 1


def default_dir() -> Path:
    override = os.environ.get("LICAUDIT_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("licaudit", appauthor=False))


def default_ttl() -> float:
    raw = os.environ.get("LICAUDIT_CACHE_TTL")
    if raw:
        try:
            return max(0.0, float(raw))
        except ValueError:
            pass
    return float(DEFAULT_TTL)


class HubCache:
    def __init__(self, folder: Path | None = None, ttl: float | None = None):
        self.folder = (folder or default_dir()) / "hub"
        self.ttl = default_ttl() if ttl is None else ttl

    def _path(self, endpoint: str, model_id: str, revision: str | None) -> Path:
        key = "\n".join((endpoint.rstrip("/"), model_id.lower(), revision or "main"))
        return self.folder / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.json"

    def get(self, endpoint: str, model_id: str, revision: str | None) -> dict[str, Any] | None:
        if self.ttl <= 0:
            return None
        path = self._path(endpoint, model_id, revision)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("format") != CACHE_FORMAT:
            return None
        stored = entry.get("stored")
        if not isinstance(stored, (int, float)) or time.time() - stored > self.ttl:
            return None
        value = entry.get("value")
        return value if isinstance(value, dict) else None

    def put(self, endpoint: str, model_id: str, revision: str | None, value: dict[str, Any]) -> None:
        """Write atomically; a cache that cannot be written is simply not used."""
        path = self._path(endpoint, model_id, revision)
        entry = {"format": CACHE_FORMAT, "stored": time.time(), "id": model_id, "revision": revision, "value": value}
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(entry, fh, sort_keys=True)
            os.replace(tmp, path)
        except OSError:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
