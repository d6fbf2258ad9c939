"""Where the shipped data folders (licenses/, policies/, schemas/) are, and schema validation.

In a wheel they live inside the package under ``_data/``; in a checkout (editable install or
running from source) they are the top-level folders of the repository.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .errors import ConfigError

_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def data_dir(name: str) -> Path:
    """The folder ``licenses``, ``policies`` or ``schemas``."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise ConfigError(f"licaudit data folder '{name}' is missing from the installation")


@functools.cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema from ``schemas/`` by file stem, e.g. ``schema('license')``."""
    path = data_dir("schemas") / f"{name}.schema.json"
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@functools.cache
def validator(name: str):
    """The JSON Schema validator of ``schemas/<name>.schema.json`` (dates checked). A schema may
    refer to another by its file name (``report.schema.json#/$defs/finding``)."""
    import jsonschema  # heavy: imported only when something is validated
    from referencing import Registry, Resource

    sch = schema(name)
    cls = jsonschema.validators.validator_for(sch)
    cls.check_schema(sch)
    registry = Registry().with_resources(
        (other["$id"], Resource.from_contents(other))
        for other in (schema(p.name.removesuffix(".schema.json")) for p in _schema_files())
        if "$id" in other
    )
    return cls(sch, format_checker=cls.FORMAT_CHECKER, registry=registry)


def _schema_files() -> list[Path]:
    return sorted(data_dir("schemas").glob("*.schema.json"))


def validation_errors(name: str, document: Any) -> list[str]:
    """Every schema error as ``path.to.key: message``, sorted; empty when the document is valid."""
    errors = []
    for err in validator(name).iter_errors(document):
        where = ".".join(str(p) for p in err.absolute_path) or "(top level)"
        errors.append(f"{where}: {err.message}")
    return sorted(errors)


# --- the user cache folder ------------------------------------------------------------------

# The layout of everything under the cache folder (validated data files, Hub answers): raise it
# when what is stored, or how a data file reads, changes. 2: validated documents come from the
# one reader (licaudit.datafile).
CACHE_FORMAT = 2


def cache_root() -> Path:
    """``LICAUDIT_CACHE_DIR``, else the user cache folder (platformdirs)."""
    override = os.environ.get("LICAUDIT_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("licaudit", appauthor=False))


def read_json(path: Path) -> Any | None:
    """The JSON value in ``path``, or None when it is missing or damaged (a cache only saves time)."""
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError, RecursionError):
        return None


def write_json_atomic(path: Path, value: Any, *, compact: bool = False) -> None:
    """Replace ``path`` atomically (``atomic.write_text``); any failure is ignored (a cache that
    cannot be written is not used). ``compact``: no spaces after separators (a large index)."""
    from .atomic import write_text

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # key order kept: documents round-trip as loaded
        separators = (",", ":") if compact else None
        text = json.dumps(value, ensure_ascii=False, separators=separators)
        write_text(path, text, durable=False)
    except (OSError, TypeError, ValueError):
        pass


# --- validated data files --------------------------------------------------------------------


def files_digest(files: Sequence[tuple[str, bytes]]) -> str:
    """One SHA-256 over data files (their names and bytes, in name order): what a report names
    as the knowledge it was made with."""
    h = hashlib.sha256()
    for name, data in sorted(files):
        h.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def load_validated(
    schema_name: str,
    files: Sequence[tuple[str, bytes]],
    parse: Callable[[str, bytes], Any],
    *,
    namespace: str,
    cache: bool = True,
) -> list[Any]:
    """Parse and schema-validate data files, remembering what validated.

    ``files`` are ``(name, content)`` pairs; ``parse(name, content)`` returns the validated
    document or raises ConfigError. Validating a hundred YAML files (and importing jsonschema)
    costs most of a second, so validated documents are kept in ``<cache>/<namespace>/``, keyed by
    the SHA-256 of the schema and of each file's name and bytes: any change to a file or to the
    schema means it is parsed and validated again, and a missing or damaged cache only costs time.
    An entry is trusted only when it is exactly what was written after validation (its
    ``digest``, the SHA-256 of its documents, matches): a cache file damaged or edited into
    other valid JSON is a miss, never a document of the wrong shape.
    """
    schema_path = data_dir("schemas") / f"{schema_name}.schema.json"
    try:
        schema_key = hashlib.sha256(schema_path.read_bytes()).hexdigest()
    except OSError:
        schema_key = "none"
    cache_file = cache_root() / namespace / f"validated-{CACHE_FORMAT}-{schema_key[:16]}.json"
    keys = [hashlib.sha256(name.encode() + b"\0" + data).hexdigest() for name, data in files]
    known: dict[str, Any] = _read_validated(cache_file, schema_key) if cache else {}
    out: dict[str, Any] = {}
    for key, (name, data) in zip(keys, files, strict=True):
        out[key] = known[key] if key in known else parse(name, data)
    if cache and out != known:
        _write_validated(cache_file, schema_key, out)
    return [out[key] for key in keys]


# A validated-data cache file is one line of JSON written in exactly this shape: the header, the
# documents (compact JSON, key order kept: documents round-trip as loaded), and the SHA-256 of
# those bytes. The check hashes the bytes as they
# are on disk (no second serialization on every run); any other shape — another writer's
# spacing, a hand edit, a truncated file — is a miss.
_HEADER = '{"format":%d,"schema":"%s","documents":'
_TRAILER = ',"digest":"%s"}'
_TRAILER_BYTES = len(_TRAILER % ("0" * 64))


def _write_validated(path: Path, schema_key: str, documents: dict[str, Any]) -> None:
    from .atomic import write_text

    body = json.dumps(documents, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    text = (_HEADER % (CACHE_FORMAT, schema_key)) + body.decode("utf-8")
    text += _TRAILER % hashlib.sha256(body).hexdigest()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, text, durable=False)
    except (OSError, TypeError, ValueError):
        pass


def _read_validated(path: Path, schema_key: str) -> dict[str, Any]:
    """The documents of a validated-data cache file, or nothing when it is missing, damaged or
    not exactly what ``_write_validated`` wrote."""
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    header = (_HEADER % (CACHE_FORMAT, schema_key)).encode("utf-8")
    if not raw.startswith(header) or len(raw) < len(header) + _TRAILER_BYTES:
        return {}
    body = raw[len(header) : len(raw) - _TRAILER_BYTES]
    trailer = (_TRAILER % hashlib.sha256(body).hexdigest()).encode("utf-8")
    if raw[len(raw) - _TRAILER_BYTES :] != trailer:
        return {}
    try:
        documents = json.loads(body)
    except (ValueError, RecursionError):
        return {}
    return documents if isinstance(documents, dict) else {}
