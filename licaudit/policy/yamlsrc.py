"""YAML with line numbers, and schema errors that name the bad key and its line.

``load_yaml(text)`` returns the document and a map from each key path (a tuple of mapping keys
and list indexes) to the 1-based line where that key (or list item) is written. Dates stay the
strings they were written as (``expires: 2027-06-30`` is ``"2027-06-30"``), so documents
validate against JSON Schemas that say ``"type": "string", "format": "date"``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

import yaml

from ..errors import ConfigError

Path_ = tuple[Any, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps timestamps as the strings written, and reads only true/false as
    booleans (YAML 1.2): ``severity: {gated: off}`` means the string ``off``, not false."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _lines(node: yaml.Node, path: Path_, out: dict[Path_, int], label: str) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (
                key_node.value
                if isinstance(key_node, yaml.ScalarNode)
                else str(key_node.start_mark)
            )
            sub = (*path, key)
            line = key_node.start_mark.line + 1
            if sub in out and key != "<<":
                raise ConfigError(
                    f"{label}:{line}: {dotted(sub)}: duplicate key '{key}' (first at line {out[sub]})"
                )
            out[sub] = line
            _lines(value_node, sub, out, label)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            sub = (*path, i)
            out.setdefault(sub, item.start_mark.line + 1)
            _lines(item, sub, out, label)


def load_yaml(text: str, label: str) -> tuple[Any, dict[Path_, int]]:
    """(document, {key path: line}); ``ConfigError`` naming ``label:line`` for invalid YAML."""
    loader = _Loader(text)
    try:  # one parse: the node tree gives the lines, and the document is built from it
        node = loader.get_single_node()
        doc = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{label}{where}: invalid YAML: {problem}") from exc
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    if node is not None:
        _lines(node, (), lines, label)
    return doc, lines


def line_of(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of ``path``, or of its closest written parent."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


def dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)


def _suggest(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _schema_errors(validator, doc: Any) -> Iterator[tuple[Path_, str]]:
    """(path to the bad key or value, message) for every schema error, unknown keys named."""
    for err in validator.iter_errors(doc):
        path = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = sorted(err.schema.get("properties", {}))
            for key in sorted(k for k in err.instance if k not in allowed):
                msg = f"unknown key '{key}'{_suggest(str(key), allowed)}"
                if allowed:
                    msg += f"; expected one of: {', '.join(allowed)}"
                yield (*path, key), msg
        elif "propertyNames" in err.relative_schema_path or err.validator == "propertyNames":
            allowed = [
                str(v)
                for v in (
                    err.validator_value
                    if err.validator == "enum"
                    else err.validator_value.get("enum", [])
                )
            ]
            key = err.instance
            yield (
                (*path, key),
                f"unknown key '{key}'{_suggest(str(key), allowed)}; expected one of: {', '.join(allowed)}",
            )
        elif err.validator == "enum":
            allowed = [str(v) for v in err.validator_value]
            yield (
                path,
                f"{err.instance!r} is not one of: {', '.join(allowed)}{_suggest(str(err.instance), allowed)}",
            )
        elif err.validator == "format" and err.validator_value == "date":
            yield path, f"{err.instance!r} is not a date (write YYYY-MM-DD)"
        else:
            yield path, err.message


def schema_errors(schema_name: str, doc: Any, lines: dict[Path_, int], label: str) -> list[str]:
    """Every error as ``label:line: path.to.key: message``, in file order."""
    from ..resources import _validator

    found = []
    for path, msg in _schema_errors(_validator(schema_name), doc):
        line = line_of(lines, path)
        where = f"{label}:{line}" if line else label
        found.append(
            (
                line or 0,
                dotted(path) or "(top level)",
                f"{where}: {dotted(path) or '(top level)'}: {msg}",
            )
        )
    return [text for _, _, text in sorted(set(found))]


def toml_key_lines(text: str, table: str = "tool.licaudit") -> dict[Path_, int]:
    """Lines of the keys of one TOML table (``[tool.licaudit]``), for error messages."""
    lines: dict[Path_, int] = {}
    inside = False
    header = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$")
    keyline = re.compile(r"""^\s*["']?([A-Za-z0-9_.-]+?)["']?\s*=""")
    for n, raw in enumerate(text.splitlines(), start=1):
        m = header.match(raw)
        if m:
            inside = m.group(1).replace('"', "").replace(" ", "") == table
            continue
        if inside:
            k = keyline.match(raw)
            if k:
                lines.setdefault((k.group(1),), n)
    return lines
