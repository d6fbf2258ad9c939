"""The one reader for every data file licaudit reads: YAML, JSON and TOML.

Policies, the configuration (``.licaudit.yaml``, ``[tool.licaudit]``), license files, catalog
files and the lockfile all go through here, and so share one set of rules:

- **One YAML semantics**, whatever the file: a safe loader (libyaml's C parser when it is
  installed), where only ``true``/``false`` are booleans (the YAML 1.2 core schema:
  ``severity: {gated: off}`` is the string ``off``, ``name: yes`` the string ``yes``), dates stay
  the strings written (``expires: 2027-06-30`` is ``"2027-06-30"``, ready for a JSON Schema
  ``"format": "date"``), and a key written twice in one mapping is an error.
- **Limits**: a document nested deeper than ``MAX_DEPTH`` collections, or whose aliases would
  add more than ``ALIAS_ALLOWANCE`` nodes beyond those written (an alias bomb), is refused with a
  one-line error naming the file and line, never a hang or a ``RecursionError``. YAML is
  composed from the parser's event stream by an iterative loop that counts as it goes; JSON and
  TOML are measured before their (recursive) parsers see them.
- **Errors** are ``DataFileError`` (a ``ConfigError``: exit code 2) reading
  ``label:line: problem``; the label is how the caller names the file (``policy acme.yaml``,
  ``catalog models/qwen.yaml``, ``licaudit.lock``).
- **Positions**: a ``Document`` keeps the line of every key path, so schema errors read
  ``label:line: key.path: message``, with "did you mean" for unknown keys and enum values, in
  file order (``Document.schema_errors``, ``Document.validate``).

The API::

    load_yaml(text, label=None, *, max_depth=MAX_DEPTH) -> Document
    load_json(text, label=None, *, max_depth=MAX_DEPTH) -> Document
    load_toml(text, label=None, *, max_depth=MAX_DEPTH) -> Document
    load(text, label, fmt, **limits) -> Document      # fmt: "yaml" | "json" | "toml"
    read(path, label=None, fmt=None, **limits) -> Document   # format from the suffix
    read_bytes(path, label) -> bytes
    compose_yaml(text, *, max_depth=MAX_DEPTH) -> list[yaml.Node]
    Document: .data, .label, .line(path), .section(*keys), .mapping(),
              .error(path, problem), .schema_errors(schema), .validate(schema)

``text`` may be ``str`` or UTF-8 ``bytes``. Scanners of repository files (``discover``) use
``compose_yaml`` (every document's node tree with positions; aliases stay shared nodes, neither
counted nor expanded, since a scanner walks each node once), ``load_json`` and ``load_toml``
with their own depth limit, and report a ``DataFileError`` as a skipped file. PyYAML and
jsonschema are imported only when a file is actually parsed or validated.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import lazyre
from .errors import ConfigError

if TYPE_CHECKING:
    import yaml

KeyPath = tuple[Any, ...]  # mapping keys and list indexes, from the top of a document

MAX_DEPTH = 64  # licaudit's own files nest 5 deep
ALIAS_ALLOWANCE = 10_000  # nodes aliases may add beyond those written in the file


class DataFileError(ConfigError):
    """A data file that cannot be read, parsed or validated: ``label:line: problem``."""

    def __init__(self, problem: str, label: str | None = None, line: int | None = None):
        self.problem = problem
        self.label = label
        self.line = line
        where = f"{label}:{line}" if label and line else label
        super().__init__(f"{where}: {problem}" if where else problem)


class LimitError(DataFileError):
    """Nesting or alias expansion beyond the reader's limits."""


def _too_deep(max_depth: int) -> str:
    return f"nested too deeply (more than {max_depth} levels)"


def _dotted(path: KeyPath) -> str:
    return ".".join(str(p) for p in path)


class Document:
    """A parsed data file: its ``data``, its ``label``, and the line of each key path."""

    __slots__ = ("data", "label", "_lines", "_prefix")

    def __init__(
        self,
        data: Any,
        label: str | None,
        lines: Callable[[], dict[KeyPath, int]],
        prefix: KeyPath = (),
    ):
        self.data = data
        self.label = label
        self._lines = lines  # computed on first use for JSON and TOML (only errors need it)
        self._prefix = prefix  # where this document sits in the file (see ``section``)

    def line(self, path: KeyPath = ()) -> int | None:
        """The line of ``path``, or of its closest written parent."""
        lines = self._lines()
        full = (*self._prefix, *path)
        while full:
            if full in lines:
                return lines[full]
            full = full[:-1]
        return None

    def error(self, path: KeyPath, problem: str) -> DataFileError:
        """A ``DataFileError`` about ``path``, at its line."""
        return DataFileError(
            f"{_dotted(path)}: {problem}" if path else problem, self.label, self.line(path)
        )

    def section(self, *keys: Any) -> Document | None:
        """The document below ``keys`` (``[tool.licaudit]`` of a pyproject.toml), positions kept;
        None when it is not there."""
        data = self.data
        for key in keys:
            if not isinstance(data, dict) or key not in data:
                return None
            data = data[key]
        return Document(data, self.label, self._lines, (*self._prefix, *keys))

    def mapping(self) -> dict[str, Any]:
        """The data as a mapping (an empty file is an empty one); ``DataFileError`` otherwise."""
        if self.data is None:
            self.data = {}
        if not isinstance(self.data, dict):
            raise DataFileError(
                f"must be a mapping of keys, not {type(self.data).__name__}", self.label
            )
        return self.data

    def schema_errors(self, schema_name: str) -> list[str]:
        """Every error against ``schemas/<schema_name>.schema.json`` as
        ``label:line: path.to.key: message``, in file order; empty when the data is valid."""
        return [str(err) for err in self._schema_errors(schema_name)]

    def validate(self, schema_name: str) -> Any:
        """The data when it is valid; else ``DataFileError`` for the first error in the file."""
        errors = self._schema_errors(schema_name)
        if errors:
            raise errors[0]
        return self.data

    def _schema_errors(self, schema_name: str) -> list[DataFileError]:
        from .resources import validator

        found = {}
        for path, msg in _explain(validator(schema_name), self.data):
            key = _dotted(path) or "(top level)"
            line = self.line(path)
            found[(line or 0, key, msg)] = DataFileError(f"{key}: {msg}", self.label, line)
        return [found[k] for k in sorted(found)]


# --- schema errors that say what to write ----------------------------------------------------

_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


def _close(key: str, allowed: list[str]) -> str | None:
    import difflib  # only for an error's suggestion

    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _suggest(key: str, allowed: list[str]) -> str:
    close = _close(key, allowed)
    return f" (did you mean '{close}'?)" if close else ""


def _is_boolean_type(err) -> bool:
    expected = err.validator_value
    return err.validator == "type" and "boolean" in (
        expected if isinstance(expected, list) else [expected]
    )


def _explain(validator, data: Any) -> list[tuple[KeyPath, str]]:
    """(path to the bad key or value, message) for every schema error, unknown keys named. A
    misspelt required key is one error, not two: the "did you mean" says what is missing."""
    found: list[tuple[KeyPath, str]] = []
    misspelt: set[tuple[KeyPath, str]] = set()  # (object path, the key it probably meant)
    required = []
    for err in validator.iter_errors(data):
        path = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = sorted(err.schema.get("properties", {}))
            for key in sorted((k for k in err.instance if k not in allowed), key=str):
                meant = _close(str(key), allowed)
                if meant:
                    misspelt.add((path, meant))
                msg = f"unknown key '{key}'{_suggest(str(key), allowed)}"
                if allowed:
                    msg += f"; expected one of: {', '.join(allowed)}"
                found.append(((*path, key), msg))
        elif "propertyNames" in err.relative_schema_path or err.validator == "propertyNames":
            names = (
                err.validator_value
                if err.validator == "enum"
                else err.validator_value.get("enum", [])
            )
            allowed = [str(v) for v in names]
            key = err.instance
            found.append(
                (
                    (*path, key),
                    f"unknown key '{key}'{_suggest(str(key), allowed)}; expected one of: {', '.join(allowed)}",
                )
            )
        elif err.validator == "enum":
            allowed = [str(v) for v in err.validator_value]
            found.append(
                (
                    path,
                    f"{err.instance!r} is not one of: {', '.join(allowed)}{_suggest(str(err.instance), allowed)}",
                )
            )
        elif err.validator == "format" and err.validator_value == "date":
            found.append((path, f"{err.instance!r} is not a date (write YYYY-MM-DD)"))
        elif (
            _is_boolean_type(err)
            and isinstance(err.instance, str)
            and err.instance.lower() in _YAML11_BOOLEANS
        ):
            found.append((path, f"{err.message} (only true and false are booleans)"))
        elif err.validator == "required":
            required.append((path, err.message))
        else:
            found.append((path, err.message))
    for path, message in required:
        if not any(
            message == f"{meant!r} is a required property" for p, meant in misspelt if p == path
        ):
            found.append((path, message))
    return found


# --- reading ---------------------------------------------------------------------------------


def read_bytes(path: Path, label: str) -> bytes:
    """The bytes of ``path``; ``DataFileError`` ``cannot read <label>: <reason>`` when it cannot."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"cannot read {label}: {exc.strerror or exc}") from exc


def _text(text: str | bytes, label: str | None) -> str:
    """``text`` decoded as ``decoding.decode`` does (a byte order mark decides, else UTF-8),
    strictly: a byte that is not valid text is an error to fix in licaudit's own files."""
    if isinstance(text, str):
        return text
    from .decoding import decode

    try:
        return decode(text, strict=True)
    except UnicodeDecodeError as exc:
        what = f"not valid {exc.encoding.upper().replace('-SIG', '')} text"
        raise DataFileError(f"cannot read {label}: {what}" if label else what) from exc


def load(text: str | bytes, label: str | None, fmt: str, **limits: Any) -> Document:
    """``text`` parsed as ``fmt`` (``yaml``, ``json`` or ``toml``)."""
    return LOADERS[fmt](text, label, **limits)


SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


def read(path: Path, label: str | None = None, fmt: str | None = None, **limits: Any) -> Document:
    """The file at ``path`` (its format from its suffix unless ``fmt`` is given); ``label``
    names it in errors (default: the path)."""
    label = label or str(path)
    return load(read_bytes(path, label), label, fmt or SUFFIXES[path.suffix.lower()], **limits)


# --- YAML ------------------------------------------------------------------------------------


@functools.cache
def _loader_class() -> type:
    """The safe loader with licaudit's semantics (see the module docstring)."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    Loader.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
    )
    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    return Loader


def _yaml_error(exc: Exception, label: str | None, max_depth: int) -> DataFileError:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark else None
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or ["invalid YAML"])[0]
    if "maximum nesting depth" in problem:  # libyaml's own limit (1000 levels), met first
        return LimitError(_too_deep(max_depth), label, line)
    return DataFileError(f"invalid YAML: {problem}", label, line)


def _compose(loader, label: str | None, max_depth: int, expand: bool, single: bool) -> list:
    """The root node of each document, built from the parser's events without recursion.

    ``expand``: the caller builds the data, so every alias stands for a copy of its node: the
    copies are counted against ``ALIAS_ALLOWANCE`` and their depth against ``max_depth``, and an
    alias inside its own anchor (a recursive structure) is refused."""
    from yaml.events import (
        AliasEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    get, resolve = loader.get_event, loader.resolve
    get()  # the stream start
    roots = []
    while True:
        event = get()  # a document start, or the stream end
        if isinstance(event, StreamEndEvent):
            return roots
        if single and roots:
            raise DataFileError(
                "invalid YAML: expected a single document, found another",
                label,
                event.start_mark.line + 1,
            )
        anchors: dict[str, tuple[Any, int | None, int]] = {}  # name -> (node, size, height)
        stack: list[list] = []  # [node, key node waiting for its value, size, height, anchor]
        written = expanded = 0
        root = None
        while True:
            event = get()
            cls = event.__class__
            if cls is ScalarEvent:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(ScalarNode, event.value, event.implicit)
                node = ScalarNode(
                    tag, event.value, event.start_mark, event.end_mark, style=event.style
                )
                size, height = 1, 0
                written += 1
                if event.anchor is not None:
                    if event.anchor in anchors:
                        raise DataFileError(
                            f"invalid YAML: duplicate anchor '{event.anchor}'",
                            label,
                            event.start_mark.line + 1,
                        )
                    anchors[event.anchor] = (node, 1, 0)
            elif cls is AliasEvent:
                line = event.start_mark.line + 1
                if event.anchor not in anchors:
                    raise DataFileError(
                        f"invalid YAML: undefined alias '{event.anchor}'", label, line
                    )
                node, size, height = anchors[event.anchor]
                if expand:
                    if size is None:
                        raise LimitError(
                            f"alias '{event.anchor}' is inside the node it names (a recursive structure)",
                            label,
                            line,
                        )
                    expanded += size
                    if expanded > written + ALIAS_ALLOWANCE:
                        raise LimitError(
                            f"aliases expand to more than {ALIAS_ALLOWANCE} nodes beyond those written",
                            label,
                            line,
                        )
                    if len(stack) + height > max_depth:
                        raise LimitError(_too_deep(max_depth), label, line)
                size = size or 1
            elif cls is SequenceStartEvent or cls is MappingStartEvent:
                if len(stack) >= max_depth:
                    raise LimitError(_too_deep(max_depth), label, event.start_mark.line + 1)
                kind = SequenceNode if cls is SequenceStartEvent else MappingNode
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(kind, None, event.implicit)
                node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
                written += 1
                if event.anchor is not None:
                    if event.anchor in anchors:
                        raise DataFileError(
                            f"invalid YAML: duplicate anchor '{event.anchor}'",
                            label,
                            event.start_mark.line + 1,
                        )
                    anchors[event.anchor] = (node, None, 0)  # open: its size is not known yet
                stack.append([node, None, 1, 0, event.anchor])
                continue
            elif cls is SequenceEndEvent or cls is MappingEndEvent:
                node, _, size, height, anchor = stack.pop()
                node.end_mark = event.end_mark
                height += 1
                if anchor is not None:
                    anchors[anchor] = (node, size, height)
            else:  # the document end
                roots.append(root)
                break
            if not stack:
                root = node
                continue
            parent = stack[-1]
            parent[2] += size
            if height > parent[3]:
                parent[3] = height
            collection = parent[0]
            if collection.__class__ is SequenceNode:
                collection.value.append(node)
            elif parent[1] is None:
                parent[1] = node
            else:
                collection.value.append((parent[1], node))
                parent[1] = None


def _node_lines(root, label: str | None) -> dict[KeyPath, int]:
    """{key path: line} for every key and list item; a key written twice is an error. Each node
    is visited once, so a path inside an aliased node falls back to the alias's line."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    out: dict[KeyPath, int] = {}
    seen: set[int] = set()
    todo = [(root, ())]
    while todo:
        node, path = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        children = []
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                key = (
                    key_node.value if isinstance(key_node, ScalarNode) else str(key_node.start_mark)
                )
                sub = (*path, key)
                line = key_node.start_mark.line + 1
                if sub in out and key != "<<":
                    raise DataFileError(
                        f"{_dotted(sub)}: duplicate key '{key}' (first at line {out[sub]})",
                        label,
                        line,
                    )
                out[sub] = line
                children.append((value_node, sub))
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                sub = (*path, i)
                out.setdefault(sub, item.start_mark.line + 1)
                children.append((item, sub))
        todo.extend(reversed(children))  # visit in file order
    return out


def compose_yaml(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> list[yaml.Node]:
    """Every document's node tree, with positions, for a scanner that walks nodes itself:
    aliases are the shared nodes they name (walk each node once), neither counted nor copied.
    ``LimitError`` beyond ``max_depth``; ``DataFileError`` for text that is not YAML."""
    import yaml

    loader = _loader_class()(_text(text, None))
    try:
        return _compose(loader, None, max_depth, expand=False, single=False)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, None, max_depth) from exc
    finally:
        loader.dispose()


def load_yaml(
    text: str | bytes, label: str | None = None, *, max_depth: int = MAX_DEPTH
) -> Document:
    """One YAML document (None when the file is empty)."""
    import yaml

    loader = _loader_class()(_text(text, label))
    try:
        roots = _compose(loader, label, max_depth, expand=True, single=True)
        root = roots[0] if roots else None
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, label, max_depth) from exc
    finally:
        loader.dispose()
    lines = _node_lines(root, label) if root is not None else {}
    return Document(data, label, lambda: lines)


# --- JSON and TOML ---------------------------------------------------------------------------

_BRACKET = lazyre.compile(r"[\[\]{}]")


def _check_brackets(text: str, label: str | None, max_depth: int) -> None:
    """``LimitError`` when brackets in ``text`` (strings and comments already blanked out,
    lines kept) nest deeper than ``max_depth``: the JSON and TOML parsers recurse per level."""
    if text.count("[") + text.count("{") <= max_depth:
        return
    depth = 0
    for m in _BRACKET.finditer(text):
        if m.group() in "[{":
            depth += 1
            if depth > max_depth:
                raise LimitError(_too_deep(max_depth), label, text.count("\n", 0, m.start()) + 1)
        elif depth:
            depth -= 1


_JSON_STRING = lazyre.compile(r'"(?:[^"\\\n]|\\.)*"')
_JSON_TOKEN = lazyre.compile(r'"(?:[^"\\\n]|\\.)*"|[\[\]{}:,\n]|[^\s\[\]{}:,"]+')


def _json_lines(text: str) -> dict[KeyPath, int]:
    """{key path: line} of a valid JSON text: every object key and array item."""
    out: dict[KeyPath, int] = {}
    stack: list[list] = []  # [path, is object, key or index, expecting a key]
    line = 1
    for m in _JSON_TOKEN.finditer(text):
        token = m.group()
        if token == "\n":
            line += 1
            continue
        top = stack[-1] if stack else None
        if token == ",":
            if top[1]:
                top[3] = True
            else:
                top[2] += 1
            continue
        if token == ":":
            continue
        if token in "]}":
            stack.pop()
            continue
        if top is not None and top[1] and top[3]:  # an object key
            top[2], top[3] = json.loads(token), False
            out.setdefault((*top[0], top[2]), line)
            continue
        path: KeyPath = () if top is None else (*top[0], top[2])
        if top is not None and not top[1]:
            out.setdefault(path, line)
        if token == "{":
            stack.append([path, True, None, True])
        elif token == "[":
            stack.append([path, False, 0, False])
    return out


def load_json(
    text: str | bytes, label: str | None = None, *, max_depth: int = MAX_DEPTH
) -> Document:
    """One JSON document."""
    text = _text(text, label)
    _check_brackets(_JSON_STRING.sub('""', text), label, max_depth)
    try:
        data = json.loads(text)
    except ValueError as exc:  # json.JSONDecodeError, or an integer too long to convert
        raise DataFileError(
            f"invalid JSON: {getattr(exc, 'msg', exc)}", label, getattr(exc, "lineno", None)
        ) from exc
    return Document(data, label, functools.cache(lambda: _json_lines(text)))


def _tomllib():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib


_TOML_BLANK = lazyre.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*'
)
_TOML_AT = lazyre.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$")
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_TOML_HEADER = lazyre.compile(
    rf"^\s*(\[\[?)\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*\]\]?\s*(?:#.*)?$"
)
_TOML_KEY = lazyre.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_TOML_PART = lazyre.compile(r"""[A-Za-z0-9_-]+|"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'""")


def _toml_parts(key: str) -> KeyPath:
    return tuple(
        m.group(1)
        if m.group(1) is not None
        else m.group(2)
        if m.group(2) is not None
        else m.group()
        for m in _TOML_PART.finditer(key)
    )


def _toml_lines(text: str) -> dict[KeyPath, int]:
    """{key path: line} of a valid TOML text: table headers and keys (dotted keys and arrays of
    tables included; good enough for messages, never used for data)."""
    out: dict[KeyPath, int] = {}
    arrays: dict[KeyPath, int] = {}  # array of tables -> index of its last element
    table: KeyPath = ()
    multiline = None  # the quotes of a multi-line string being read
    for n, raw in enumerate(text.splitlines(), start=1):
        if multiline:
            if raw.count(multiline) % 2:
                multiline = None
            continue
        header = _TOML_HEADER.match(raw)
        if header:
            parts = _toml_parts(header.group(2))
            if header.group(1) == "[[":
                arrays[parts] = arrays.get(parts, -1) + 1
            table, plain = (), ()
            for part in parts:  # a table inside an array of tables belongs to its last element
                plain, table = (*plain, part), (*table, part)
                out.setdefault(table, n)
                if plain in arrays:
                    table = (*table, arrays[plain])
            out.setdefault(table, n)
            continue
        key = _TOML_KEY.match(raw)
        if key:
            out.setdefault((*table, *_toml_parts(key.group(1))), n)
            rest = raw[key.end() :]
            multiline = next((q for q in ('"""', "'''") if rest.count(q) % 2), None)
    return out


_TOML_BLANK_HEADER = lazyre.compile(r"[ \t]*\[\[?([\w\-. \t]*)\]\]?[ \t]*$")


def _check_dotted_keys(blank: str, label: str | None, max_depth: int) -> None:
    """``LimitError`` for a dotted key or table header of more than ``max_depth`` parts: they
    nest without brackets, and tomllib takes quadratic time over a long one."""
    if blank.count(".") < max_depth:
        return
    for n, line in enumerate(blank.split("\n"), start=1):
        if line.count(".") < max_depth:
            continue
        header = _TOML_BLANK_HEADER.match(line)
        key = header.group(1) if header else line.split("=", 1)[0] if "=" in line else ""
        if key.count(".") >= max_depth:
            raise LimitError(_too_deep(max_depth), label, n)


def _check_data_depth(data: Any, label: str | None, max_depth: int) -> None:
    """What the checks of the text cannot see (dotted keys spread over tables): measure what was
    built."""
    todo = [(data, 0)]
    while todo:
        value, depth = todo.pop()
        children = value.values() if isinstance(value, dict) else value
        if depth >= max_depth:
            raise LimitError(_too_deep(max_depth), label)
        todo.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))


def load_toml(
    text: str | bytes, label: str | None = None, *, max_depth: int = MAX_DEPTH
) -> Document:
    """One TOML document (the tomllib/tomli shim lives here)."""
    text = _text(text, label)
    blank = _TOML_BLANK.sub(lambda m: "\n" * m.group().count("\n"), text)  # lines kept
    _check_brackets(blank, label, max_depth)
    _check_dotted_keys(blank, label, max_depth)
    tomllib = _tomllib()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_AT.search(message)
        line = None if at is None else int(at.group(1) or len(text.splitlines()) or 1)
        problem = message[: at.start()] if at else message
        raise DataFileError(f"invalid TOML: {problem}", label, line) from exc
    _check_data_depth(data, label, max_depth)
    return Document(data, label, functools.cache(lambda: _toml_lines(text)))


LOADERS: dict[str, Callable[..., Document]] = {
    "yaml": load_yaml,
    "json": load_json,
    "toml": load_toml,
}
