"""Where the shipped data folders (licenses/, policies/, schemas/) are, and schema validation.

In a wheel they live inside the package under ``_data/``; in a checkout (editable install or
running from source) they are the top-level folders of the repository.
"""

from __future__ import annotations

import functools
import json
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
def _validator(name: str):
    import jsonschema  # heavy: imported only when something is validated

    sch = schema(name)
    cls = jsonschema.validators.validator_for(sch)
    cls.check_schema(sch)
    return cls(sch, format_checker=cls.FORMAT_CHECKER)


def validation_errors(name: str, document: Any) -> list[str]:
    """Every schema error as ``path.to.key: message``, sorted; empty when the document is valid."""
    errors = []
    for err in _validator(name).iter_errors(document):
        where = ".".join(str(p) for p in err.absolute_path) or "(top level)"
        errors.append(f"{where}: {err.message}")
    return sorted(errors)
