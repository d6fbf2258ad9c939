"""The license knowledge base: every license file under ``licenses/``, looked up by any alias.

Every file is validated against ``schemas/license.schema.json`` when it is loaded. Validating
~100 files (and importing jsonschema) costs most of a second, so the result is remembered in a
small cache keyed by the SHA-256 of the schema and of each file's bytes: a file is parsed and
validated again whenever its content (or the schema) changes, and a damaged or missing cache only
costs time. The cache lives in ``LICAUDIT_CACHE_DIR`` (else the user cache folder) under
``licenses/``; set ``LICAUDIT_CACHE_DIR`` to a fresh folder to force full validation.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..resources import data_dir, validation_errors

CACHE_FORMAT = 1


@dataclass(frozen=True)
class License:
    id: str
    name: str
    spdx: str
    category: str
    url: str | None
    licensor_name: str | None
    licensor_country: str | None
    aliases: tuple[str, ...]
    placeholder: bool
    terms: Mapping[str, Any] = field(compare=False, hash=False)
    data: Mapping[str, Any] = field(compare=False, hash=False)  # the whole file, as loaded

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> License:
        return cls(
            id=d["id"],
            name=d["name"],
            spdx=d["spdx"],
            category=d["category"],
            url=d.get("url"),
            licensor_name=d["licensor"].get("name"),
            licensor_country=d["licensor"].get("country"),
            aliases=tuple(d.get("aliases", ())),
            placeholder=bool(d.get("placeholder", False)),
            terms=d["terms"],
            data=d,
        )


def normalize(name: str) -> str:
    """The key aliases are compared by: case-insensitive, surrounding space and quotes dropped,
    inner white space and underscores folded to '-'."""
    key = name.strip().strip("'\"").strip().lower()
    return re.sub(r"[\s_]+", "-", key)


class KnowledgeBase:
    def __init__(self, licenses: list[License]):
        self._by_id: dict[str, License] = {}
        self._by_alias: dict[str, License] = {}
        for lic in sorted(licenses, key=lambda x: x.id):
            if lic.id in self._by_id:
                raise ConfigError(f"license id '{lic.id}' is defined twice")
            self._by_id[lic.id] = lic
        for lic in self._by_id.values():
            for key in (lic.id, lic.spdx, *lic.aliases):
                k = normalize(key)
                other = self._by_alias.get(k)
                if other is not None and other.id != lic.id:
                    raise ConfigError(f"alias '{key}' names both '{other.id}' and '{lic.id}'")
                self._by_alias[k] = lic

    @classmethod
    def load(cls, folder: Path | None = None, *, cache: bool = True) -> KnowledgeBase:
        """Every ``*.yaml`` of ``folder`` (default: the shipped ``licenses/``), each validated
        against the schema (once per distinct file content when ``cache`` is on)."""
        folder = folder or data_dir("licenses")
        paths = sorted(folder.glob("*.yaml"))
        raw: dict[Path, bytes] = {}
        for path in paths:
            try:
                raw[path] = path.read_bytes()
            except OSError as exc:
                raise ConfigError(f"{path.name}: cannot read license file: {exc.strerror or exc}") from exc
        schema_key = _schema_key()
        keys = {path: hashlib.sha256(path.name.encode() + b"\0" + data).hexdigest() for path, data in raw.items()}
        known = _read_cache(schema_key) if cache else {}
        docs: dict[str, Any] = {}
        licenses = []
        for path in paths:
            doc = known.get(keys[path])
            if doc is None:
                doc = parse_license(path.name, raw[path])
            docs[keys[path]] = doc
            licenses.append(License.from_dict(doc))
        if cache and docs != known:
            _write_cache(schema_key, docs)
        return cls(licenses)

    def __iter__(self) -> Iterator[License]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, license_id: str) -> License | None:
        """By canonical id only."""
        return self._by_id.get(license_id)

    def lookup(self, name: str | None) -> License | None:
        """By id, SPDX id or any alias, case-insensitively."""
        if not name:
            return None
        return self._by_alias.get(normalize(name))


def load_license_file(path: Path) -> dict[str, Any]:
    """One license file, parsed and validated (no cache)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path.name}: cannot read license file: {exc.strerror or exc}") from exc
    return parse_license(path.name, data)


def parse_license(filename: str, data: bytes) -> dict[str, Any]:
    """Parse and validate the bytes of the license file ``filename`` (``<id>.yaml``)."""
    import yaml  # only when a file is not in the validation cache

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        doc = yaml.load(data.decode("utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{filename}: cannot read license file: {exc}".splitlines()[0]) from exc
    errors = validation_errors("license", doc)
    if errors:
        raise ConfigError(f"{filename}: {errors[0]}")
    if doc["id"] != Path(filename).stem:
        raise ConfigError(f"{filename}: id '{doc['id']}' does not match the file name")
    return doc


def cache_dir() -> Path:
    override = os.environ.get("LICAUDIT_CACHE_DIR")
    if override:
        return Path(override) / "licenses"
    import platformdirs

    return Path(platformdirs.user_cache_dir("licaudit", appauthor=False)) / "licenses"


def _schema_key() -> str:
    path = data_dir("schemas") / "license.schema.json"
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "none"


def _cache_file(schema_key: str) -> Path:
    return cache_dir() / f"validated-{CACHE_FORMAT}-{schema_key[:16]}.json"


def _read_cache(schema_key: str) -> dict[str, Any]:
    """{file key: validated document}; empty when the cache is missing or damaged."""
    try:
        with _cache_file(schema_key).open(encoding="utf-8") as fh:
            entry = json.load(fh)
    except (OSError, ValueError):
        return {}
    if not isinstance(entry, dict) or entry.get("format") != CACHE_FORMAT or entry.get("schema") != schema_key:
        return {}
    docs = entry.get("documents")
    if not isinstance(docs, dict):
        return {}
    return {k: v for k, v in docs.items() if isinstance(v, dict)}


def _write_cache(schema_key: str, docs: dict[str, Any]) -> None:
    """Atomically replace the cache; any failure is ignored (the cache only saves time)."""
    import tempfile

    target = _cache_file(schema_key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".validated-", suffix=".tmp", dir=target.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"format": CACHE_FORMAT, "schema": schema_key, "documents": docs}, fh, ensure_ascii=False)
        os.replace(tmp, target)
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)


@functools.cache
def knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    return KnowledgeBase.load()
