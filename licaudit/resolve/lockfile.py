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

``Pins`` is the lockfile as one run reads it (once): the resolver's first source
(``sources.LockfileSource``) answers from it, and ``unpinned`` says which references it misses
(``lock --check``, ``scan --locked``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..datafile import DataFileError, load_json, read_bytes
from ..errors import ConfigError, LicauditError
from ..model import LOCAL, Fact, ModelRecord, ModelRef, Publisher, model_key
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


def pinnable(source: str) -> bool:
    return source != LOCAL


@dataclass(frozen=True)
class Pins:
    """A lockfile's pinned records (by ``model_key``) and how to name the file: ``name`` as
    provenance and messages cite it, ``path`` relative to the scanned root, as reports show it."""

    records: Mapping[str, ModelRecord]
    name: str = "licaudit.lock"
    path: str = "licaudit.lock"

    @classmethod
    def read(cls, lockfile: Path, root: Path | None = None) -> Pins | None:
        """The pins of ``lockfile``, or None when it does not exist; ``ConfigError`` when it
        is not a valid lockfile."""
        records = read(lockfile)
        if records is None:
            return None
        try:
            shown = lockfile.relative_to(root).as_posix() if root is not None else lockfile.name
        except ValueError:
            shown = lockfile.name
        return cls(records, lockfile.name, shown)


def unpinned(refs: Iterable[ModelRef], pins: Pins | None) -> dict[str, list[ModelRef]]:
    """The references to each pinnable model the lockfile does not pin, by ``model_key`` (in
    key order; every reference when there is no lockfile)."""
    pinned = pins.records if pins is not None else {}
    out: dict[str, list[ModelRef]] = {}
    for ref in refs:
        key = model_key(ref.id, ref.source)
        if pinnable(ref.source) and key not in pinned:
            out.setdefault(key, []).append(ref)
    return {k: out[k] for k in sorted(out)}


def unpinned_ids(refs: Iterable[ModelRef], pins: Pins | None) -> list[str]:
    """The ids of the referenced models the lockfile does not pin, each once, sorted."""
    return sorted((found[0].id for found in unpinned(refs, pins).values()), key=str.lower)


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
        task=d.get("task"),
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
            unique[model_key(rec.id, rec.source)] = rec
    models = [unique[k].as_dict() for k in sorted(unique)]
    return {"lockfile_version": LOCKFILE_VERSION, "models": models}


def dumps(records: Iterable[ModelRecord]) -> str:
    return _text(document(records))


def _text(doc: dict[str, Any]) -> str:
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def loads(text: str | bytes, name: str = "licaudit.lock") -> dict[str, ModelRecord]:
    """Pinned records by ``model_key``; ``ConfigError`` (exit 2) when the file is not a valid lockfile."""
    try:
        doc = load_json(text, name).validate("lockfile")
    except DataFileError as exc:
        raise ConfigError(f"{exc} (not a valid lockfile; rerun 'licaudit lock')") from exc
    out: dict[str, ModelRecord] = {}
    for d in doc["models"]:
        rec = record_from_dict(d)
        out[model_key(rec.id, rec.source)] = rec
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
