"""Loading a policy: built-in name or file, schema-validated, ``extends`` merged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..resources import data_dir, validation_errors

BUILTIN_PREFIX = "builtin:"
MAX_EXTENDS = 8


def builtin_names() -> list[str]:
    return sorted(p.stem for p in data_dir("policies").glob("*.yaml"))


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read policy {path}: {exc.strerror or exc}") from exc
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"policy {path}{where}: invalid YAML: {problem}") from exc
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise ConfigError(f"policy {path}: must be a mapping of keys, not {type(doc).__name__}")
    errors = validation_errors("policy", doc)
    if errors:
        raise ConfigError(f"policy {path}: {errors[0]}")
    return doc


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` wins key by key; mappings merge recursively; lists and scalars replace."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def locate(spec: str, relative_to: Path | None = None) -> tuple[Path, str]:
    """(path, source label) for a built-in name or a file path."""
    if spec.startswith(BUILTIN_PREFIX):
        spec = spec[len(BUILTIN_PREFIX) :]
    candidate = Path(spec)
    if relative_to is not None and not candidate.is_absolute():
        candidate = relative_to / candidate
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        if not candidate.is_file():
            raise ConfigError(f"policy file not found: {spec}")
        return candidate, str(Path(spec))
    builtin = data_dir("policies") / f"{spec}.yaml"
    if builtin.is_file():
        return builtin, f"{BUILTIN_PREFIX}{spec}"
    raise ConfigError(f"unknown policy '{spec}' (built-in policies: {', '.join(builtin_names())}; or give a .yaml file)")


def load_document(spec: str, relative_to: Path | None = None) -> tuple[dict[str, Any], str]:
    """The merged policy document (``extends`` resolved, key removed) and its source label."""
    path, label = locate(spec, relative_to)
    chain = [path.resolve()]
    doc = _read(path)
    own_name = doc.get("name")
    while "extends" in doc:
        parent_spec = doc.pop("extends")
        parent_path, _ = locate(parent_spec, path.parent)
        if parent_path.resolve() in chain or len(chain) > MAX_EXTENDS:
            raise ConfigError(f"policy {label}: 'extends' loops back to {parent_spec}")
        chain.append(parent_path.resolve())
        doc = merge(_read(parent_path), doc)  # the parent's own 'extends' carries on the loop
        path = parent_path
    default_name = label[len(BUILTIN_PREFIX) :] if label.startswith(BUILTIN_PREFIX) else Path(label).stem
    doc["name"] = own_name or default_name
    return doc, label
