"""Go: model references the way Go programs and their tests write them.

Parsed with tree-sitter (its Go grammar, through ``treesitter``: imported on the first Go file a
scan reads). A string is a reference because of where it sits, and every value decision is the
shared context mechanism's (``context.py``), with the loader knowledge of the ``go`` ecosystem
(``loaders/``):

* a loader's model-taking place, identified by the package it is imported from: a field of a
  request struct (``api.ChatRequest{Model: "llama3.2"}``, the Ollama client's: an Ollama name;
  also a field set later on a variable of that type, ``req.Model = ...``), a functional option
  (``ollama.WithModel("llama3")``, ``openai.WithModel("gpt-4o")``: langchaingo's), with the
  base URL a sibling option gives (``openai.WithBaseURL`` on a local server serves that
  server's models, on a hosted provider's URL that provider's); a field the loader data names
  for something else (``api.CreateRequest{Model: ...}``, the model it creates) is no reference;
* an SDK's model constant (``openai.GPT4oMini`` of go-openai, ``openai.ChatModelGPT4o``,
  ``anthropic.ModelClaude3_5SonnetLatest``): a name map whose ``members_of`` is the package,
  its entries the hosted models they stand for, counted where a model goes (also through the
  SDKs' ``wrappers``: ``openai.F(x)``, ``anthropic.Model("...")``);
* a name that says model (``context.named``): a field of a struct or map literal
  (``ModelID: "org/name"``, ``{"model": "gpt-4o"}``), a constant or variable
  (``const DefaultModel = ...``, ``embedModel := ...``), an assignment (``cfg.Model = ...``),
  and the argument of a setter or builder method whose name says which field it sets
  (``WithModel("...")``, ``SetModelID(...)``, ``ModelSourceWithModelID("org/name", ...)``: the
  words after ``With``, ``Set`` or ``Use``, its first argument);
* the default of an environment variable a helper reads (``getEnv("MODEL_ID", "org/name")``:
  a function whose name says env, the variable's name then its default);
* a value that flows there: a string constant or variable of the file used by name (also one
  declared once with ``:=``), one of another file of the same package (Go packages span the
  files of a folder: ``const DefaultModel`` in consts.go, ``Model: DefaultModel`` in main.go;
  reported where it is used, the evidence naming the file and line it is written on), an
  exported one of another package of the repository's module (``config.DefaultModel``, by the
  module path of the nearest go.mod), the items of a string list under a plural model name
  (``Models = []string{...}``);
* a command line written as a string list (``[]string{"--model-id", "org/name"}``: the
  command-line scanner's argument rules) and the shapes that say what they are wherever they
  are written (``ollama://name:tag``, ``hf://org/name``, a Hub file URL);
* the model's source: where a sibling field or a call of the same builder chain names
  ModelScope (``ModelHub{Name: "ModelScope", ModelID: ...}``,
  ``.ModelSourceWithModelHub("ModelScope").ModelSourceWithModelID(...)``) an ``org/name`` is a
  ModelScope model, never the Hub model of that name.

Comments and doc strings are not in the tree's strings; import paths, struct tags, strings with
escapes and the arguments of other calls are never references (``MakeModel("llama3-8b")``
names an object, not a model; ``log.Printf("model %s", m)`` is a message). A file that uses a
name of another file of its package or module is parsed on every scan (the scan cache cannot
know when that file changes; reading ``ctx.root`` marks it so).
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

from ..model import ModelRef, Skipped, Unresolvable
from ..recordtype import dataclass
from . import commands, context, treesitter
from .common import Context, Found, Trigger, file_signature, make_ref, norm_key, read_small
from .ids import could_be_id
from .interface import FunctionScanner, ScanResult
from .javascript import NAME_WORDS
from .loaders import MODEL_ROLES, Arg, Loader, knowledge

ECOSYSTEM = "go"
TRIGGER = Trigger(*NAME_WORDS, b"ollama://", b"hf://", b"huggingface.co")

_PATTERNS = (
    "(import_spec) @import",
    "(literal_value (keyed_element)) @fields",
    "(composite_literal type: (qualified_type) body: (literal_value)) @struct",
    "(const_spec) @spec",
    "(var_spec) @spec",
    "(short_var_declaration) @assign",
    "(assignment_statement) @assign",
    "(call_expression function: [(selector_expression) (identifier)]) @call",
    "(composite_literal type: [(slice_type) (array_type)] body: (literal_value) @list)",
    "(parameter_declaration name: (identifier) @local)",
    "(variadic_parameter_declaration name: (identifier) @local)",
    "(range_clause left: (expression_list (identifier) @local))",
    "(type_switch_statement alias: (expression_list (identifier) @local))",
    "[(interpreted_string_literal) (raw_string_literal)] @string",
)
# Every site is reached from a node the query returns, walking down: a node's parent costs a walk
# from the root in tree-sitter, so a deep builder chain walked upwards would cost its depth squared.
_STRINGS = frozenset({"interpreted_string_literal", "raw_string_literal"})
_SETTER_VERBS = ("With", "Set", "Use")
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")
_NAME_WORDS = re.compile(b"|".join(re.escape(w) for w in NAME_WORDS), re.IGNORECASE)
_MAJOR = re.compile(r"/v[0-9]+(?=/|$)")
_PREDECLARED = frozenset({"nil", "true", "false", "iota", "_"})
_MAX_DEPTH = 6
# another file of the package is read only when it is no larger than this, and a package of
# more files than this is not looked into (a generated package of thousands of files)
MAX_PACKAGE_FILE_BYTES = 2 * 1024 * 1024
MAX_PACKAGE_FILES = 1000


def _grammar() -> tuple[Any, Any]:
    return treesitter.grammar("tree_sitter_go", "language", _PATTERNS)


def _text(node: Any) -> str:
    return node.text.decode("utf-8", "replace")


def string_value(node: Any) -> str | None:
    """The text of a Go string literal; None for one with escape sequences (never an id)."""
    if node is None or node.type not in _STRINGS:
        return None
    parts = []
    for c in node.named_children:
        if c.type == "escape_sequence":
            return None
        parts.append(c.text)
    return b"".join(parts).decode("utf-8", "replace")


def setter_field(method: str) -> str | None:
    """The field a setter or builder method sets, by its name: the words after its last
    ``With`` / ``Set`` / ``Use`` (``ModelSourceWithModelID`` -> ``ModelID``); None for any
    other name."""
    words = _WORD.findall(method)
    for i in range(len(words) - 2, -1, -1):
        if words[i] in _SETTER_VERBS:
            return "".join(words[i + 1 :])
    return None


@functools.lru_cache(maxsize=4096)
def package_path(path: str) -> str:
    """An import path without its major-version elements, as the loader data names packages:
    ``github.com/openai/openai-go/v3/shared`` -> ``github.com/openai/openai-go/shared``."""
    return _MAJOR.sub("", path)


@functools.lru_cache(maxsize=4096)
def assumed_name(path: str) -> str:
    """The name a package imported without one is used by, from its path alone (as Go's
    tooling assumes it): the last element that is no major version, without a ``go-`` prefix,
    up to its first character that cannot be in a name (``go-openai`` -> ``openai``,
    ``anthropic-sdk-go`` -> ``anthropic``)."""
    base = package_path(path).rstrip("/").rsplit("/", 1)[-1].removeprefix("go-")
    m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", base)
    return m.group(0) if m else ""


def _unwrap(node: Any, imports: dict[str, str] | None = None) -> Any:
    """The expression inside a literal element, parentheses, a conversion to string
    (``string(openai.GPT4o)``) or, with the file's ``imports``, a function of the loader data
    that hands back its argument (``openai.F(openai.ChatModelGPT4o)``)."""
    while node is not None:
        if node.type in ("literal_element", "parenthesized_expression"):
            kids = node.named_children
            node = kids[0] if kids else None
        elif node.type == "call_expression" and _hands_back(node, imports):
            node = node.child_by_field_name("arguments").named_children[0]
        else:
            return node
    return None


def _hands_back(call: Any, imports: dict[str, str] | None) -> bool:
    args = call.child_by_field_name("arguments")
    if args is None or args.named_child_count != 1:
        return False
    fn = call.child_by_field_name("function")
    if fn is None:
        return False
    if fn.type == "identifier":
        return fn.text == b"string"
    if not imports or fn.type != "selector_expression":
        return False
    operand = fn.child_by_field_name("operand")
    field = fn.child_by_field_name("field")
    path = imports.get(_text(operand)) if operand is not None and field is not None else None
    return path in _loader_packages() and knowledge().wrapper(f"{path}:{_text(field)}")


@dataclass(frozen=True)
class _Val:
    """A value that reaches a place: a string's text, or an SDK constant's identity."""

    node: Any  # where it is reported: the literal, the constant, or the use of another file's
    text: str | None = None
    ident: context.Identity | None = None
    via: str | None = None  # the name it came through
    note: str | None = None  # the SDK constant it is
    inside: bool = True  # node is a string literal (its id starts after the quote)

    def says(self) -> str:
        """What the evidence adds: the name it came through, the constant it is."""
        out = f" (through {self.via})" if self.via else ""
        return out + (f" ({self.note})" if self.note else "")


@functools.cache
def _loader_packages() -> frozenset[str]:
    """The package paths of the Go loader data's callables, structs and wrappers: a call or a
    type of any other package is looked up no further."""
    k = knowledge()
    out = set()
    for lib in k.libraries.values():
        if lib.ecosystem != ECOSYSTEM:
            continue
        for ld in lib.loaders:
            out.update(q.rsplit(":", 1)[0] for q in ld.qualnames)
        out.update(q.rsplit(":", 1)[0] for q in lib.wrappers)
    return frozenset(out)


def _member(
    imports: dict[str, str], node: Any, ctx: Context
) -> tuple[context.Identity, str] | None:
    """(identity, note) of ``pkg.Name`` where ``pkg`` is an import whose package is an SDK's
    model enumeration in the loader data (go-openai's ``openai.GPT4o``), else None."""
    if node.type != "selector_expression":
        return None
    operand = node.child_by_field_name("operand")
    field = node.child_by_field_name("field")
    if operand is None or field is None or operand.type != "identifier":
        return None
    path = imports.get(_text(operand))
    k = knowledge()
    ref = k.enumeration(path) if path else None
    if ref is None:
        return None
    name = _text(field)
    m = k.map_name(ref, name)
    if m is None or m.not_a_reference or not m.hosted_id:
        return None
    found = context.from_map(m, ctx)
    if found is None:
        return None
    return found[0], f"{ref.split(':', 1)[0]} constant {_text(operand)}.{name}"


class _File:
    def __init__(self, text: str, ctx: Context) -> None:
        self.ctx = ctx
        self.src = text.encode("utf-8")
        self.positions = treesitter.Positions(self.src)
        self.lines = text.split("\n")
        self.refs: dict[tuple, ModelRef] = {}
        self.unresolvable: list[Unresolvable] = []
        self.constants: dict[str, Any] = {}  # a constant or variable of the file: its value
        self.declared: Counter[str] = Counter()  # names the file declares (constants included)
        self.imports: dict[str, str] = {}  # local name -> package path (major version dropped)
        self.raw_imports: dict[str, str] = {}  # local name -> import path as written
        self._imported: dict[tuple[str, str], tuple] = {}  # a module package's name's values
        self.typed: dict[str, tuple[Loader, str]] = {}  # a variable of a loader's struct type
        self.package: str | None = None
        self._package_values: dict[str, tuple] = {}  # a name -> what the package gives it
        self.siblings: dict[int, list[Any]] = {}  # an argument call -> the other arguments

    def _emit(self, ident: context.Identity, node: Any, evidence: str, inside: bool) -> None:
        line, col = self.positions(node, inside=inside)
        key = (line, col, ident.id, ident.source)
        if key not in self.refs:
            self.refs[key] = make_ref(ident, self.ctx, self.lines, line, col, evidence)

    # values

    def values(self, node: Any, plural: bool, depth: int = 0, via: str | None = None):
        """The values an expression is: a literal, a constant of the file or of another file
        of its package, an SDK's model constant, the items of a string list under a plural
        name."""
        node = _unwrap(node, self.imports)
        if node is None or depth > _MAX_DEPTH:
            return
        kind = node.type
        if kind in _STRINGS:
            text = string_value(node)
            if text is not None:
                yield _Val(node, text=text, via=via)
        elif kind == "identifier":
            name = _text(node)
            bound = self.constants.get(name)
            if bound is not None:
                yield from self.values(bound, plural, depth + 1, via or name)
            elif name not in self.declared and name not in _PREDECLARED:
                yield from self._from_package(node, name)
        elif kind == "selector_expression":
            member = _member(self.imports, node, self.ctx)
            if member is not None:
                yield _Val(node, ident=member[0], via=via, note=member[1], inside=False)
            else:
                yield from self._from_import(node)
        elif kind == "composite_literal" and plural:
            kind_node = node.child_by_field_name("type")
            body = node.child_by_field_name("body")
            if kind_node is not None and kind_node.type in ("slice_type", "array_type") and body:
                for item in body.named_children:
                    yield from self.values(item, False, depth + 1, via)

    def _from_package(self, node: Any, name: str):
        """A name no declaration of the file binds: a constant or variable another file of
        the package declares, reported where it is used."""
        if name not in self._package_values:
            found = _package(self.ctx, self.package, name) if self.package else ()
            self._package_values[name] = found
        for text, ident, note, rel, line in self._package_values[name]:
            via = f"{name}, written in {rel} line {line}"
            yield _Val(node, text=text, ident=ident, via=via, note=note, inside=False)

    def _from_import(self, node: Any):
        """``config.DefaultModel``: an exported constant or variable of a package of the
        repository's own module (``config`` imported as ``<module>/internal/config``),
        reported where it is used."""
        operand = node.child_by_field_name("operand")
        field = node.child_by_field_name("field")
        if self.package is None or operand is None or field is None or operand.type != "identifier":
            return  # (a file read for its declarations follows nothing further)
        local, name = _text(operand), _text(field)
        path = self.raw_imports.get(local)
        if path is None or not name[:1].isupper() or "." not in path.split("/", 1)[0]:
            return  # not an import, not exported, or the standard library
        if (path, name) not in self._imported:
            self._imported[path, name] = _imported(self.ctx, path, name)
        for text, ident, note, rel, line in self._imported[path, name]:
            via = f"{local}.{name}, written in {rel} line {line}"
            yield _Val(node, text=text, ident=ident, via=via, note=note, inside=False)

    def named(self, name: str, value: Any, what: str, *, modelscope: bool = False) -> None:
        """A value under a name: what the context mechanism makes of each string it holds."""
        if not name or not context.takes_value(name):
            return
        plural = norm_key(name).endswith("s")
        role = context.name_role(name, what)
        for v in self.values(value, plural):
            if v.ident is not None:  # an SDK's model constant: a model wherever a model goes
                if role not in MODEL_ROLES and role != "hosted-model" or modelscope:
                    continue
                evidence = context.evidence("hosted model", what, name) + v.says()
                self._emit(v.ident, v.node, evidence, v.inside)
                continue
            text = v.text
            if not could_be_id(text):
                continue
            found = context.named(name, text, self.ctx, what=what)
            if found is None:
                continue
            ident, evidence = found
            if modelscope:
                ident = context.on_modelscope(ident)
                if ident is None:
                    continue
                evidence += " (a ModelScope source)"
            self._emit(ident, v.node, evidence + v.says(), v.inside)

    def place(
        self,
        ld: Loader,
        arg: Arg,
        value: Any,
        where: str,
        place: tuple[str, str | None],
        named: tuple[str, str],
    ) -> None:
        """A value in a loader's model-taking place: what its id mode (and provider) makes of
        each string, and an SDK's model constant as it stands. A string the mode makes nothing
        of is still what the name it sits under says (``named``: the field or the option's
        field and what kind of name it is), as anywhere: ``llms.WithModel("gpt2")``, any
        provider's model, is the Hub's gpt2."""
        mode, provider = place
        for v in self.values(value, False):
            if v.ident is not None:
                ident = v.ident
            else:
                if not v.text or not could_be_id(v.text):
                    continue
                ident = context.loader_value(v.text, self.ctx, mode, provider=provider)
            if ident is None:
                found = context.named(named[0], v.text, self.ctx, what=named[1])
                if found is not None:
                    self._emit(found[0], v.node, found[1] + v.says(), v.inside)
                continue
            self._emit(ident, v.node, f"{ld.library}: {where}{v.says()}", v.inside)

    # the sites a query returns

    def import_spec(self, spec: Any) -> None:
        path = string_value(spec.child_by_field_name("path"))
        if not path:
            return
        name = spec.child_by_field_name("name")
        if name is None:
            local = assumed_name(path)
        elif name.type == "package_identifier":
            local = _text(name)
        else:  # _ and . imports bring no name to look things up by
            return
        if local:
            self.imports[local] = package_path(path)
            self.raw_imports[local] = path

    def declare(self, nodes: list[Any]) -> None:
        for node in nodes:
            self.declared[_text(node)] += 1

    def spec(self, spec: Any) -> None:
        names = [c for c in spec.children_by_field_name("name") if c.type == "identifier"]
        values = spec.child_by_field_name("value")
        items = values.named_children if values is not None else []
        if not names or len(items) != len(names):
            return
        what = "constant" if spec.type == "const_spec" else "variable"
        for name, item in zip(names, items, strict=True):
            if item.type in _STRINGS or item.type in ("selector_expression", "identifier"):
                self.constants.setdefault(_text(name), item)
            self.named(_text(name), item, what)

    def short_vars(self, statements: list[Any], specs: list[Any]) -> None:
        """Names bound by ``:=`` and ``var``, in one pass. ``x := "..."``: a name the file
        declares once, with a string, and never assigns again is followed like a constant
        (declared more than once, it is not: which one reaches a use is a matter of scopes;
        assigned again, which value does). A variable of a request struct type declared once
        (``req := &api.ChatRequest{}``, ``var req api.ChatRequest``): a field set later
        (``req.Model = "llama3.2"``) is that struct's field."""
        once: list[tuple[str, Any]] = []
        typed: list[tuple[str, tuple[Loader, str]]] = []
        plain = []
        for statement in statements:
            if statement.type != "short_var_declaration":
                plain.append(statement)
                continue
            left = statement.child_by_field_name("left")
            targets = left.named_children if left is not None else []
            right = statement.child_by_field_name("right")
            values = right.named_children if right is not None else []
            self.declare([t for t in targets if t.type == "identifier"])
            if len(targets) != len(values):
                continue
            for target, value in zip(targets, values, strict=True):
                if target.type != "identifier":
                    continue
                if value.type in _STRINGS:
                    once.append((_text(target), value))
                elif self.imports and value.type in ("composite_literal", "unary_expression"):
                    got = self._literal_type(value)
                    if got is not None:
                        typed.append((_text(target), got))
        for spec in specs if self.imports else ():
            if spec.type != "var_spec":
                continue
            names = [c for c in spec.children_by_field_name("name") if c.type == "identifier"]
            values = spec.child_by_field_name("value")
            items = values.named_children if values is not None else []
            declared = self.struct_type(spec.child_by_field_name("type"))
            for i, name in enumerate(names):
                got = declared or (self._literal_type(items[i]) if i < len(items) else None)
                if got is not None:
                    typed.append((_text(name), got))
        once = [(name, value) for name, value in once if self.declared[name] == 1]
        assigned = set()
        for statement in plain if once else ():
            left = statement.child_by_field_name("left")
            for t in left.named_children if left is not None else ():
                if t.type == "identifier":
                    assigned.add(_text(t))
        for name, value in once:
            if name not in assigned:
                self.constants.setdefault(name, value)
        for name, got in typed:
            if self.declared[name] == 1:
                self.typed[name] = got

    def assign(self, statement: Any) -> None:
        left = statement.child_by_field_name("left")
        right = statement.child_by_field_name("right")
        targets = left.named_children if left is not None else []
        values = right.named_children if right is not None else []
        if len(targets) != len(values):
            return
        for target, value in zip(targets, values, strict=True):
            if target.type == "identifier":
                self.named(_text(target), value, "variable")
            elif target.type == "selector_expression":
                field = target.child_by_field_name("field")
                operand = target.child_by_field_name("operand")
                typed = self.typed.get(_text(operand)) if operand is not None else None
                arg = typed[0].arg(keyword=_text(field)) if typed and field is not None else None
                if arg is not None:  # req.Model = "..." of a request struct: as the data says
                    if arg.names_model:
                        ld, written = typed
                        where = f"{written}{{{_text(field)}}}"
                        name = _text(field)
                        place = _place(ld, arg)
                        self.place(ld, arg, value, where, place, (name, "attribute"))
                elif field is not None:
                    self.named(_text(field), value, "attribute")

    def struct_type(self, kind: Any) -> tuple[Loader, str] | None:
        """(loader, the type as written) for a type (``api.ChatRequest``, ``*api.ChatRequest``)
        that is a request struct of the loader data, else None."""
        if kind is not None and kind.type == "pointer_type" and kind.named_children:
            kind = kind.named_children[0]
        if kind is None or kind.type != "qualified_type" or not self.imports:
            return None
        package = kind.child_by_field_name("package")
        name = kind.child_by_field_name("name")
        path = self.imports.get(_text(package)) if package is not None else None
        if path not in _loader_packages() or name is None:
            return None
        k = knowledge()
        ld = k.loader(f"{path}:{_text(name)}")
        if ld is None or ld.form != "struct" or k.libraries[ld.library].ecosystem != ECOSYSTEM:
            return None
        return ld, f"{_text(package)}.{_text(name)}"

    def struct_loaders(self, literals: list[Any]) -> dict[int, tuple[Loader, str]]:
        """The request structs of the loader data among the composite literals, by their body."""
        out: dict[int, tuple[Loader, str]] = {}
        for lit in literals:
            body = lit.child_by_field_name("body")
            found = self.struct_type(lit.child_by_field_name("type"))
            if found is not None and body is not None:
                out[body.id] = found
        return out

    def _literal_type(self, value: Any) -> tuple[Loader, str] | None:
        """The request struct a value builds (``api.ChatRequest{...}``, ``&api.ChatRequest{}``)."""
        if value.type == "unary_expression" and value.named_children:
            value = value.named_children[-1]
        if value.type != "composite_literal":
            return None
        return self.struct_type(value.child_by_field_name("type"))

    def fields(self, body: Any, loader: tuple[Loader, str] | None) -> None:
        """The keyed fields of one struct or map literal: a loader's request struct's fields as
        the loader data says, any other field by its name; a sibling naming ModelScope makes
        their ids ModelScope models."""
        elements = [e for e in body.named_children if e.type == "keyed_element"]
        named = []
        says_modelscope = []
        for element in elements:
            value = element.child_by_field_name("value")
            says_modelscope.append(context.names_modelscope(string_value(_unwrap(value)) or ""))
            inner = _unwrap(element.child_by_field_name("key"))
            if inner is None:
                continue
            name = string_value(inner) if inner.type in _STRINGS else _text(inner)
            if loader is not None and inner.type == "identifier":
                arg = loader[0].arg(keyword=name)
                if arg is not None:  # the loader data says what the field is
                    if arg.names_model:
                        ld = loader[0]
                        where = f"{loader[1]}{{{name}}}"
                        self.place(ld, arg, value, where, _place(ld, arg), (name, "field"))
                    continue
            if name and _NAME_WORDS.search(name.encode()):
                named.append((len(says_modelscope) - 1, name, value))
        saying = sum(says_modelscope)  # counted once (a literal may have thousands of fields)
        for i, name, value in named:
            modelscope = saying - says_modelscope[i] > 0  # another field names ModelScope
            self.named(name, value, "field", modelscope=modelscope)

    def calls(self, calls: list[Any]) -> None:
        """Loader options, setters, builders and env helpers; a builder chain
        (``a.X(...).Y(...)``) is walked once, from its outermost call, for whether one of its
        calls names ModelScope."""
        inner = set()
        for call in calls:
            operand = _receiver_call(call)
            if operand is not None:
                inner.add(operand.id)
            args = call.child_by_field_name("arguments")
            kids = args.named_children if args is not None else []
            for kid in kids:
                if kid.type == "call_expression":
                    self.siblings[kid.id] = kids
        modelscope: dict[int, bool] = {}
        for call in calls:
            if call.id in inner:
                continue
            chain = []
            node = call
            while node is not None:
                chain.append(node)
                node = _receiver_call(node)
            says = any(_names_modelscope_in(c) for c in chain)
            modelscope.update((c.id, says) for c in chain)
        for call in calls:
            self.call(call, modelscope.get(call.id, False))

    def call(self, call: Any, modelscope: bool) -> None:
        fn = call.child_by_field_name("function")
        callee = fn.child_by_field_name("field") if fn.type == "selector_expression" else fn
        args = call.child_by_field_name("arguments")
        kids = [_unwrap(a) for a in args.named_children] if args is not None else []
        if callee is None or not kids:
            return
        name = _text(callee)
        if fn.type == "selector_expression" and self.option(call, fn, name, kids):
            return
        if "env" in name.lower() and len(kids) >= 2:
            env = string_value(kids[0])
            if env and env.isidentifier():
                self.named(env, kids[1], "env")
            return
        field = setter_field(name)
        if field is not None and _NAME_WORDS.search(field.encode()):
            self.named(field, kids[0], f"setter {name} of the field", modelscope=modelscope)

    def option(self, call: Any, fn: Any, name: str, kids: list[Any]) -> bool:
        """A function of the loader data called on its package (``ollama.WithModel("llama3")``):
        its model argument by position; True when the call is one (it is then nothing else)."""
        operand = fn.child_by_field_name("operand")
        if operand is None or operand.type != "identifier":
            return False
        path = self.imports.get(_text(operand))
        if path not in _loader_packages():
            return False
        k = knowledge()
        ld = k.loader(f"{path}:{name}")
        if ld is None or ld.form != "function" or k.libraries[ld.library].ecosystem != ECOSYSTEM:
            return False
        where = f"{_text(operand)}.{name}()"
        for arg in ld.model_args:
            if arg.position is not None and arg.position < len(kids):
                field = setter_field(name) or "model"
                named = (field, f"setter {name} of the field")
                self.place(ld, arg, kids[arg.position], where, self._mode(ld, arg, call), named)
        return True

    def _mode(self, ld: Loader, arg: Arg, call: Any) -> tuple[str, str | None]:
        """The id mode and provider of an option's place: a sibling option giving a local base
        URL (``openai.WithBaseURL("http://localhost:11434/v1")``) makes it the local server's,
        one giving a hosted provider's URL (``https://api.deepseek.com``) that provider's."""
        mode, provider = _place(ld, arg)
        options = (ld.local_server or {}).get("keywords", ())
        if not options:
            return mode, provider
        for other in self.siblings.get(call.id, ()):
            if other.type != "call_expression" or other.id == call.id:
                continue
            fn = other.child_by_field_name("function")
            callee = fn.child_by_field_name("field") if fn.type == "selector_expression" else fn
            if callee is None or _text(callee) not in options:
                continue
            args = other.child_by_field_name("arguments")
            first = args.named_children[0] if args is not None and args.named_children else None
            for v in self.values(first, False) if first is not None else ():
                server = knowledge().local_server(v.text) if v.text else None
                if server is not None:
                    then = {"ollama": "ollama", "hub": "hub-served"}.get(server.then, "any")
                    return then, None
                hosted = knowledge().provider_for_url(v.text) if v.text else None
                if hosted is not None:
                    return mode, hosted.provider
        return mode, provider

    def listed(self, body: Any) -> None:
        items = [_unwrap(c) for c in body.named_children]
        tokens = [string_value(i) if i is not None else None for i in items]
        if (
            not tokens
            or any(t is None for t in tokens)
            or not any(t.startswith("-") for t in tokens)
        ):
            return
        first, last = body.start_point[0] + 1, body.end_point[0] + 1
        refs, unresolvable = commands.refs_from_argv(tokens, self.ctx, self.lines, first, last)
        for ref in refs:
            self.refs.setdefault((ref.location.line, ref.location.column, ref.id, ref.source), ref)
        self.unresolvable.extend(unresolvable)

    def list_options(self, body: Any) -> None:
        """The items of a slice of calls are each other's siblings (``[]openai.Option{
        openai.WithModel(...), openai.WithBaseURL(...)}``), as the arguments of one call are."""
        kids = [_unwrap(c) for c in body.named_children]
        kids = [c for c in kids if c is not None]
        for kid in kids:
            if kid.type == "call_expression":
                self.siblings.setdefault(kid.id, kids)

    def evident(self, node: Any) -> None:
        if b"://" not in node.text:
            return
        text = string_value(node)
        found = context.self_evident(text) if text else None
        if found is not None and found[0].source != "huggingface-dataset":
            self._emit(found[0], node, found[1], True)
        for ident, evidence in context.uri_parameters(text, self.ctx) if text else ():
            self._emit(ident, node, evidence, True)

    def result(self) -> Found:
        refs = sorted(
            self.refs.values(),
            key=lambda r: (r.location.line, r.location.column, r.id, r.source),
        )
        return refs, self.unresolvable


def _place(ld: Loader, arg: Arg) -> tuple[str, str | None]:
    """The id mode and provider of a loader's place: a place whose value's shape decides
    (``any``: an OpenAI-compatible client) names no provider of its own, so a model name of
    another provider's shape is that provider's."""
    mode = arg.id or ld.id
    return mode, None if mode == "any" else ld.provider


def _receiver_call(call: Any) -> Any:
    """The call a method is called on (``a.X()`` of ``a.X().Y()``), or None."""
    fn = call.child_by_field_name("function")
    if fn is None or fn.type != "selector_expression":
        return None
    operand = fn.child_by_field_name("operand")
    return operand if operand is not None and operand.type == "call_expression" else None


def _names_modelscope_in(call: Any) -> bool:
    """Whether a string argument of ``call`` names ModelScope (``WithModelHub("ModelScope")``)."""
    args = call.child_by_field_name("arguments")
    return any(
        context.names_modelscope(string_value(_unwrap(a)) or "")
        for a in (args.named_children if args is not None else ())
    )


# --- the other files of a package ----------------------------------------------------------------


def _package_name(root: Any) -> str | None:
    for node in root.named_children:
        if node.type == "package_clause":
            name = node.named_children[0] if node.named_children else None
            return _text(name) if name is not None else None
    return None


def _package(ctx: Context, package: str, name: str) -> tuple:
    """The values (text, identity, note, file, line) the other files of the file's package
    give the package-level constant or variable ``name``. Go compiles the files of a folder that
    declare the same package together: a test file sees the package's other files, tests
    included; any other file sees no test file; an external test package (``x_test``) sees its
    own test files only."""
    root = os.fspath(ctx.root)  # read by this file's answer: never kept in the scan cache
    own = os.path.basename(ctx.rel)
    return _folder(root, ctx.folder, own, own.endswith("_test.go"), package, name)


def _imported(ctx: Context, path: str, name: str) -> tuple:
    """The values of the exported constant or variable ``name`` of the package of this
    repository's Go module that ``path`` (an import path, as written) names, by the module path
    its nearest ``go.mod`` declares (``github.com/acme/app/internal/config`` in the module
    ``github.com/acme/app`` is the folder ``internal/config`` beside that go.mod); nothing for
    a package of another module."""
    root = os.fspath(ctx.root)  # read by this file's answer: never kept in the scan cache
    module = _module_of(root, ctx.folder)
    if module is None:
        return ()
    module_path, folder = module
    if path != module_path and not path.startswith(module_path + "/"):
        return ()
    sub = path[len(module_path) :].strip("/")
    target = "/".join(p for p in (folder, sub) if p)
    if ".." in target.split("/"):
        return ()
    return _folder(root, target, None, False, None, name)


def _module_of(root: str, folder: str) -> tuple[str, str] | None:
    """(module path, the folder of its go.mod) for the nearest go.mod at or above ``folder``."""
    parts = folder.split("/") if folder else []
    for i in range(len(parts), -1, -1):
        at = "/".join(parts[:i])
        rel = f"{at}/go.mod" if at else "go.mod"
        signature = file_signature(root, rel)
        if signature is not None:
            name = _module_path(root, rel, signature)
            return (name, at) if name else None
    return None


_MODULE = re.compile(rb"^\s*module\s+\"?([^\s\"/][^\s\"]*)\"?\s*(?://.*)?$", re.M)


@functools.lru_cache(maxsize=256)
def _module_path(root: str, rel: str, signature: tuple[int, int]) -> str | None:
    raw = read_small(root, rel, 1 << 20)
    m = _MODULE.search(raw) if raw else None
    return m.group(1).decode("utf-8", "replace") if m else None


def _folder(
    root: str, folder: str, own: str | None, test: bool, package: str | None, wanted: str
) -> tuple:
    """The values the Go files of ``folder`` (``own`` left out; test files only when
    ``test``) that declare ``package`` (None: the folder's importable package, whatever its
    name) give the package-level constant or variable ``wanted``. Only the files whose bytes
    hold the name are parsed."""
    try:
        names = sorted(
            e.name
            for e in os.scandir(os.path.join(root, folder) if folder else root)
            if e.name.endswith(".go") and e.name != own
        )
    except (OSError, ValueError):
        return ()
    if len(names) > MAX_PACKAGE_FILES:
        return ()
    out: tuple = ()
    for name in names:
        if name.endswith("_test.go") and not test:
            continue
        rel = f"{folder}/{name}" if folder else name
        signature = file_signature(root, rel)
        if signature is None or signature[0] > MAX_PACKAGE_FILE_BYTES:
            continue
        if not _mentions(root, rel, signature, wanted):
            continue
        declared, table = _declarations(root, rel, signature)
        if declared is None or (declared != package if package else declared.endswith("_test")):
            continue
        out += table.get(wanted, ())
    return out


@functools.lru_cache(maxsize=8192)
def _mentions(root: str, rel: str, signature: tuple[int, int], name: str) -> bool:
    """Whether the bytes of a file hold ``name`` at all (a file that does not is not parsed)."""
    raw = read_small(root, rel, MAX_PACKAGE_FILE_BYTES)
    return raw is not None and name.encode() in raw


@functools.lru_cache(maxsize=2048)
def _declarations(root: str, rel: str, signature: tuple[int, int]) -> tuple[str | None, dict]:
    """(package name, name -> values) of one Go file: its package-level constants and
    variables whose value is a string or an SDK's model constant (also through another
    constant of the file); ``signature`` keys it, so a changed file is read again."""
    raw = read_small(root, rel, MAX_PACKAGE_FILE_BYTES)
    if raw is None or raw.find(b"\0", 0, 8192) >= 0:
        return None, {}
    parser, _ = _grammar()
    try:
        tree = parser.parse(raw)
    except (ValueError, RecursionError, MemoryError):
        return None, {}
    top = tree.root_node
    # one file on its own: a name it does not declare is not looked for further
    f = _File(raw.decode("utf-8", "replace"), Context(root=Path(root), rel=rel))
    specs = []
    for node in top.named_children:
        if node.type == "import_declaration":
            for spec in _descendants(node, "import_spec"):
                f.import_spec(spec)
        elif node.type in ("const_declaration", "var_declaration"):
            specs.extend(_descendants(node, "const_spec", "var_spec"))
    for spec in specs:
        names = [c for c in spec.children_by_field_name("name") if c.type == "identifier"]
        values = spec.child_by_field_name("value")
        items = values.named_children if values is not None else []
        if names and len(items) == len(names):
            for name, item in zip(names, items, strict=True):
                f.constants.setdefault(_text(name), item)
    table: dict[str, tuple] = {}
    for name, item in f.constants.items():
        got = []
        for v in f.values(item, False):
            line = v.node.start_point[0] + 1
            got.append((v.text, v.ident, v.note, rel, line))
        if got:
            table[name] = tuple(got)
    return _package_name(top), table


def _descendants(node: Any, *kinds: str) -> list[Any]:
    """The nodes of ``kinds`` under a declaration (``var (...)`` holds a spec list)."""
    out = []
    for child in node.named_children:
        if child.type in kinds:
            out.append(child)
        elif child.type.endswith("_list"):
            out.extend(_descendants(child, *kinds))
    return out


def scan(text: str, ctx: Context) -> ScanResult:
    """The references of one file; a file nested deeper than ``treesitter.MAX_DEPTH`` is listed
    as skipped (``partially scanned``), with what was found in the rest."""
    parser, query = _grammar()
    f = _File(text, ctx)
    root = parser.parse(f.src).root_node
    f.package = _package_name(root)
    got, cut = treesitter.captures(query, root)
    for node in got.get("import", ()):
        f.import_spec(node)
    f.declare(got.get("local", []))
    specs = sorted(got.get("spec", ()), key=lambda n: n.start_byte)
    for node in specs:
        f.declare([c for c in node.children_by_field_name("name") if c.type == "identifier"])
    assigns = got.get("assign", [])
    f.short_vars(assigns, specs)
    for node in specs:
        f.spec(node)  # constants first: the other sites may use them by name
    for node in assigns:
        f.assign(node)
    loaders = f.struct_loaders(got.get("struct", []))
    for node in got.get("fields", ()):
        f.fields(node, loaders.get(node.id))
    for node in got.get("list", ()):
        f.list_options(node)
    f.calls(got.get("call", []))
    for node in got.get("list", ()):
        f.listed(node)
    for node in got.get("string", ()):
        f.evident(node)
    refs, unresolvable = f.result()
    cut = treesitter.partially([cut] if cut else [])
    return ScanResult(refs, unresolvable, [Skipped(ctx.rel, cut)] if cut else [])


SCANNER = FunctionScanner("go", TRIGGER, scan)
