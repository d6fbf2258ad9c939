"""The lockfile (``licaudit.lock``): resolved model records pinned for CI and pre-commit.

JSON with sorted keys and a fixed layout, so writing what was read gives the same bytes::

    {"lockfile_version": 1,
     "models": [{"id", "source", "revision", "license", "license_expression", "license_name",
                 "license_link", "base_models", "base_model_relation", "publisher", "gated",
                 "eu_disallowed", "modalities", "provenance": {field: {"source", "detail"}},
                 "notes", "unresolved"}, ...]}

Models are sorted by (source, id). Local artifacts are not pinned: their metadata is in the
repository already. Validated against ``schemas/lockfile.schema.json`` when read and written;
read through ``licaudit.datafile`` (depth-bounded, errors with the line of the bad key).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..datafile import DataFileError, load_json, read_bytes
from ..errors import ConfigError, LicauditError
from ..model import HUGGINGFACE, LOCAL, Fact, ModelRecord, Publisher
from ..resources import validation_errors

LOCKFILE_VERSION = 1


class NotLockedError(LicauditError):
    """``scan --locked``: some references are not pinned by the lockfile."""

    def __init__(self, lockfile: str, models: list[str]):
        self.lockfile = lockfile
        self.models = models
        listing = ", ".join(models)
        super().__init__(
            f"{len(models)} referenced model(s) not pinned in {lockfile}: {listing} (run 'licaudit lock' and commit {lockfile})"
        )


def key(model_id: str, source: str) -> str:
    """The identity a lockfile entry is found by (Hub ids compare case-insensitively)."""
    return f"{source}:{model_id.lower() if source == HUGGINGFACE else model_id}"


def pinnable(source: str) -> bool:
    return source != LOCAL


def record_from_dict(d: Mapping[str, Any]) -> ModelRecord:
    pub = d.get("publisher") or {}
    return ModelRecord(
        id=d["id"],
        source=d["source"],
        revision=d.get("revision"),
        license=d.get("license"),
        license_expression=d.get("license_expression"),
        license_name=d.get("license_name"),
        license_link=d.get("license_link"),
        base_models=tuple(d.get("base_models") or ()),
        base_model_relation=d.get("base_model_relation"),
        publisher=Publisher(name=pub.get("name"), country=pub.get("country"), org=pub.get("org")),
        gated=d.get("gated"),
        eu_disallowed=d.get("eu_disallowed"),
        modalities=tuple(d.get("modalities") or ()),
        provenance={
            k: Fact(v["source"], v.get("detail", ""))
            for k, v in (d.get("provenance") or {}).items()
        },
        notes=tuple(d.get("notes") or ()),
        unresolved=d.get("unresolved"),
    )


def document(records: Iterable[ModelRecord]) -> dict[str, Any]:
    unique: dict[str, ModelRecord] = {}
    for rec in records:
        if pinnable(rec.source):
            unique[key(rec.id, rec.source)] = rec
    models = [unique[k].as_dict() for k in sorted(unique)]
    return {"lockfile_version": LOCKFILE_VERSION, "models": models}


def dumps(records: Iterable[ModelRecord]) -> str:
    return _text(document(records))


def _text(doc: dict[str, Any]) -> str:
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def loads(text: str | bytes, name: str = "licaudit.lock") -> dict[str, ModelRecord]:
    """Pinned records by ``key``; ``ConfigError`` (exit 2) when the file is not a valid lockfile."""
    try:
        doc = load_json(text, name).validate("lockfile")
    except DataFileError as exc:
        raise ConfigError(f"{exc} (not a valid lockfile; rerun 'licaudit lock')") from exc
    out: dict[str, ModelRecord] = {}
    for d in doc["models"]:
        rec = record_from_dict(d)
        out[key(rec.id, rec.source)] = rec
    return out


def read(path: Path) -> dict[str, ModelRecord] | None:
    """The pinned records, or None when there is no lockfile."""
    if not path.exists():
        return None
    return loads(read_bytes(path, path.name), path.name)


def write(path: Path, records: Iterable[ModelRecord]) -> str:
    """Write the lockfile atomically; returns the text written."""
    doc = document(records)
    errors = validation_errors("lockfile", doc)
    if errors:  # a bug, not a user error: never write a lockfile we would refuse to read
        raise LicauditError(f"refusing to write an invalid lockfile: {errors[0]}")
    text = _text(doc)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    except OSError as exc:
        raise LicauditError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return text
