"""Loading a policy: built-in name or file, schema-validated, ``extends`` merged.

Files are read by ``licaudit.datafile``; errors name the file and the line of the offending key:
``policy acme.yaml:12: waivers.0.rulez: unknown key 'rulez' (did you mean 'rules'?)``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..datafile import DataFileError, load_yaml, read_bytes
from ..errors import ConfigError
from ..resources import data_dir, load_validated

BUILTIN_PREFIX = "builtin:"
MAX_EXTENDS = 8


def builtin_names() -> list[str]:
    return sorted(p.stem for p in data_dir("policies").glob("*.yaml"))


def _label(path: Path) -> str:
    """How a policy file is named in messages: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        if path.resolve().parent == data_dir("policies").resolve():
            return f"{BUILTIN_PREFIX}{path.stem}"
        return path.as_posix()


def _read_bytes(path: Path) -> bytes:
    return read_bytes(path, f"policy {_label(path)}")


def check_file(
    path: Path, name: str | None = None, data: bytes | None = None
) -> tuple[dict[str, Any] | None, list[str]]:
    """(document, every error) for one policy file, its own keys only (``extends`` not followed).
    ``data``: the file's content when the caller has already read it."""
    label = f"policy {name or _label(path)}"
    doc = load_yaml(_read_bytes(path) if data is None else data, label)
    try:
        policy = doc.mapping()
    except DataFileError as exc:
        return None, [str(exc)]
    return policy, doc.schema_errors("policy")


def _read(path: Path, name: str | None = None) -> dict[str, Any]:
    """One valid policy document. What validated is remembered by content (see
    ``load_validated``), so a scan does not pay for jsonschema when the policy has not changed."""

    def parse(_name: str, data: bytes) -> dict[str, Any]:
        doc, errors = check_file(path, name, data)
        if errors:
            more = (
                f" (and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''}; see `licaudit policy validate`)"
                if len(errors) > 1
                else ""
            )
            raise ConfigError(errors[0] + more)
        assert doc is not None
        return doc

    # one small cache file per policy file, so a chain of policies does not evict itself
    namespace = "policies/" + hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
    return load_validated("policy", [(path.name, _read_bytes(path))], parse, namespace=namespace)[0]


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
        builtin = data_dir("policies") / f"{spec[len(BUILTIN_PREFIX) :]}.yaml"
        if builtin.is_file():
            return builtin, spec
        raise ConfigError(
            f"unknown built-in policy '{spec}'{_did_you_mean(spec[len(BUILTIN_PREFIX) :])} (built-in policies: {', '.join(builtin_names())})"
        )
    candidate = Path(spec)
    if relative_to is not None and not candidate.is_absolute():
        candidate = relative_to / candidate
    if candidate.suffix in (".yaml", ".yml") or "/" in spec or candidate.is_file():
        if not candidate.is_file():
            raise ConfigError(f"policy file not found: {spec}")
        return candidate, Path(spec).as_posix() if not Path(spec).is_absolute() else _label(
            candidate
        )
    builtin = data_dir("policies") / f"{spec}.yaml"
    if builtin.is_file():
        return builtin, f"{BUILTIN_PREFIX}{spec}"
    raise ConfigError(
        f"unknown policy '{spec}'{_did_you_mean(spec)} (built-in policies: {', '.join(builtin_names())}; or give a .yaml file)"
    )


def _did_you_mean(name: str) -> str:
    """`` (did you mean 'x'?)`` for the closest built-in policy name, else nothing."""
    import difflib

    close = difflib.get_close_matches(name, builtin_names(), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def load_document(spec: str, relative_to: Path | None = None) -> tuple[dict[str, Any], str]:
    """The merged policy document (``extends`` resolved, key removed) and its source label."""
    path, label = locate(spec, relative_to)
    chain = [path.resolve()]
    doc = _read(path, label)
    own_name, own_description = doc.get("name"), doc.get("description")
    while "extends" in doc:
        parent_spec = doc.pop("extends")
        parent_path, parent_label = locate(parent_spec, path.parent)
        if parent_path.resolve() in chain:
            names = " -> ".join(_label(p) for p in (*chain, parent_path.resolve()))
            raise ConfigError(f"policy {label}: 'extends' loops: {names}")
        if len(chain) > MAX_EXTENDS:
            raise ConfigError(
                f"policy {label}: 'extends' chain is longer than {MAX_EXTENDS} policies"
            )
        chain.append(parent_path.resolve())
        doc = merge(_read(parent_path), doc)  # the parent's own 'extends' carries on the loop
        path = parent_path
    default_name = (
        label[len(BUILTIN_PREFIX) :] if label.startswith(BUILTIN_PREFIX) else Path(label).stem
    )
    doc["name"] = own_name or default_name
    doc.pop("description", None)
    if own_description:
        doc["description"] = own_description
    return doc, label
