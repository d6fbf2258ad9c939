"""The lockfile (``licaudit.lock``): resolved model records pinned for CI and pre-commit.

JSON with sorted keys and a fixed layout, so writing what was read gives the same bytes::

    {"lockfile_version": 1,
     "models": [{"id", "source", "revision", "license", "license_expression", "license_name",
                 "license_link", "base_models", "base_model_relation", "publisher", "gated",
                 "eu_disallowed", "modalities",
                 "provenance": {field: {"source", "detail", "value"}},
                 "notes", "unresolved"}, ...]}

Models are sorted by (source, id). Local artifacts are not pinned: their metadata is in the
repository already. Validated against ``schemas/lockfile.schema.json`` when read and written;
read through ``licaudit.datafile`` (depth-bounded, errors with the line of the bad key); a model
pinned twice is an error naming both lines.

Provenance belongs to a value: each fact records the ``value`` its source gave. A field edited
by hand no longer matches it, and is read as ``pinned without a source`` (saying what the source
had said), never as the source's fact. A fact without a ``value`` (a lockfile written before
values were recorded) is taken as it stands.

``Pins`` is the lockfile as one run reads it (once): the resolver's first source
(``sources.LockfileSource``) answers from it, and ``unpinned`` says which references it misses
(``lock --check``, ``scan --locked``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .. import jsontext
from ..atomic import write_text
from ..datafile import DataFileError, load_json, read_bytes
from ..errors import ConfigError, LicauditError
from ..model import LOCAL, Fact, ModelRecord, ModelRef, Publisher, model_key
from ..recordtype import dataclass
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

    def licensed(self) -> Pins:
        """These pins less those without a license: ``lock`` asks about those again."""
        kept = {k: r for k, r in self.records.items() if r.license is not None}
        return Pins(kept, self.name, self.path)


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


HAND_EDITED = "pinned without a source"
EDITED = f"{HAND_EDITED}: edited by hand; "  # then what the source had said


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def _fact(name: str, raw: Mapping[str, Any], d: Mapping[str, Any]) -> Fact:
    """The provenance of field ``name``: its source's fact while the pinned value is the one
    that source gave, else ``pinned without a source`` (edited by hand)."""
    fact = Fact(raw["source"], raw.get("detail", ""))
    if "value" not in raw or name not in d or raw["value"] == d[name]:
        return fact
    said = f"{fact.source}" + (f" ({fact.detail})" if fact.detail else "")
    return Fact("lockfile", f"{EDITED}{said} said {_show(raw['value'])}")


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
        provenance={k: _fact(k, v, d) for k, v in (d.get("provenance") or {}).items()},
        notes=tuple(d.get("notes") or ()),
        unresolved=d.get("unresolved"),
    )


def document(records: Iterable[ModelRecord]) -> dict[str, Any]:
    unique: dict[str, ModelRecord] = {}
    for rec in records:
        if pinnable(rec.source):
            unique[model_key(rec.id, rec.source)] = rec
    models = []
    for k in sorted(unique):
        d = unique[k].as_dict()
        for name, fact in d["provenance"].items():
            if name in d:
                fact["value"] = d[name]
        models.append(d)
    return {"lockfile_version": LOCKFILE_VERSION, "models": models}


def dumps(records: Iterable[ModelRecord]) -> str:
    return _text(document(records))


def _text(doc: dict[str, Any]) -> str:
    return jsontext.dumps(doc, sort_keys=True, ensure_ascii=False) + "\n"


def loads(text: str | bytes, name: str = "licaudit.lock") -> dict[str, ModelRecord]:
    """Pinned records by ``model_key``; ``ConfigError`` (exit 2) when the file is not a valid lockfile."""
    try:
        parsed = load_json(text, name)
        doc = parsed.validate("lockfile")
    except DataFileError as exc:
        raise ConfigError(
            f"{exc} (not a valid lockfile: restore the committed one with "
            f"'git checkout -- {name}', or rebuild it with 'licaudit lock --update')"
        ) from exc
    out: dict[str, ModelRecord] = {}
    first: dict[str, int] = {}
    for i, d in enumerate(doc["models"]):
        rec = record_from_dict(d)
        key = model_key(rec.id, rec.source)
        if key in first:
            raise parsed.error(
                ("models", i),
                f"{rec.id} is pinned twice (first at line {parsed.line(('models', first[key]))}): "
                f"keep one entry",
            )
        first[key] = i
        out[key] = rec
    return out


def read(path: Path) -> dict[str, ModelRecord] | None:
    """The pinned records, or None when there is no lockfile."""
    if not path.exists():
        return None
    return loads(read_bytes(path, path.name), path.name)


def write(path: Path, records: Iterable[ModelRecord]) -> str:
    """Write the lockfile atomically (``atomic.write_text``: a reader never sees a part of it,
    a failed write leaves the previous file and no temporary one); returns the text written."""
    doc = document(records)
    errors = validation_errors("lockfile", doc)
    if errors:  # a bug, not a user error: never write a lockfile we would refuse to read
        raise LicauditError(f"refusing to write an invalid lockfile: {errors[0]}")
    text = _text(doc)
    try:
        write_text(path, text)
    except OSError as exc:
        raise LicauditError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return text
