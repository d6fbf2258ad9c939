"""Go: model references the way Go programs and their tests write them.

Parsed with tree-sitter (its Go grammar, through ``treesitter``: imported on the first Go file a
scan reads). A string is a reference because of where it sits, and every value decision is the
shared context mechanism's (``context.py``):

* a name that says model (``context.named``): a field of a struct or map literal
  (``ModelID: "org/name"``, ``{"model": "gpt-4o"}``), a constant or variable
  (``const DefaultModel = ...``, ``embedModel := ...``), an assignment (``cfg.Model = ...``),
  and the argument of a setter or builder method whose name says which field it sets
  (``WithModel("...")``, ``SetModelID(...)``, ``ModelSourceWithModelID("org/name", ...)``: the
  words after ``With``, ``Set`` or ``Use``, its first argument);
* the default of an environment variable a helper reads (``getEnv("MODEL_ID", "org/name")``:
  a function whose name says env, the variable's name then its default);
* a value that flows there: a string constant or variable of the file used by name, the items
  of a string list under a plural model name (``Models = []string{...}``);
* a command line written as a string list (``[]string{"--model-id", "org/name"}``: the
  command-line scanner's argument rules) and the shapes that say what they are wherever they
  are written (``ollama://name:tag``, ``hf://org/name``, a Hub file URL);
* the model's source: where a sibling field or a call of the same builder chain names
  ModelScope (``ModelHub{Name: "ModelScope", ModelID: ...}``,
  ``.ModelSourceWithModelHub("ModelScope").ModelSourceWithModelID(...)``) an ``org/name`` is a
  ModelScope model, never the Hub model of that name.

Comments and doc strings are not in the tree's strings; import paths, strings with escapes and
the arguments of other calls are never references (``MakeModel("llama3-8b")`` names an object,
not a model).
"""

from __future__ import annotations

import re
from typing import Any

from ..model import ModelRef, Skipped, Unresolvable
from . import commands, context, treesitter
from .common import Context, Found, Trigger, make_ref, norm_key
from .ids import could_be_id
from .interface import FunctionScanner, ScanResult
from .javascript import NAME_WORDS

TRIGGER = Trigger(*NAME_WORDS, b"ollama://", b"hf://", b"huggingface.co")

_PATTERNS = (
    "(literal_value (keyed_element)) @fields",
    "(const_spec) @spec",
    "(var_spec) @spec",
    "(short_var_declaration) @assign",
    "(assignment_statement) @assign",
    "(call_expression function: [(selector_expression) (identifier)]) @call",
    "(composite_literal type: [(slice_type) (array_type)] body: (literal_value) @list)",
    "[(interpreted_string_literal) (raw_string_literal)] @string",
)
# Every site is reached from a node the query returns, walking down: a node's parent costs a walk
# from the root in tree-sitter, so a deep builder chain walked upwards would cost its depth squared.
_STRINGS = frozenset({"interpreted_string_literal", "raw_string_literal"})
_SETTER_VERBS = ("With", "Set", "Use")
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")
_NAME_WORDS = re.compile(b"|".join(re.escape(w) for w in NAME_WORDS), re.IGNORECASE)


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


def _unwrap(node: Any) -> Any:
    while node is not None and node.type in ("literal_element", "parenthesized_expression"):
        kids = node.named_children
        node = kids[0] if kids else None
    return node


class _File:
    def __init__(self, text: str, ctx: Context) -> None:
        self.ctx = ctx
        self.src = text.encode("utf-8")
        self.positions = treesitter.Positions(self.src)
        self.lines = text.split("\n")
        self.refs: dict[tuple, ModelRef] = {}
        self.unresolvable: list[Unresolvable] = []
        self.constants: dict[str, Any] = {}  # a string constant or variable of the file

    def _emit(self, ident: context.Identity, node: Any, evidence: str) -> None:
        line, col = self.positions(node, inside=True)
        key = (line, col, ident.id, ident.source)
        if key not in self.refs:
            self.refs[key] = make_ref(ident, self.ctx, self.lines, line, col, evidence)

    def _strings(self, node: Any, plural: bool):
        """(literal, name it came through) for the strings a value is: a literal, a string
        constant of the file, the items of a string list under a plural name."""
        node = _unwrap(node)
        if node is None:
            return
        if node.type in _STRINGS:
            yield node, None
        elif node.type == "identifier":
            lit = self.constants.get(_text(node))
            if lit is not None:
                yield lit, _text(node)
        elif node.type == "composite_literal" and plural:
            kind = node.child_by_field_name("type")
            body = node.child_by_field_name("body")
            if kind is not None and kind.type in ("slice_type", "array_type") and body:
                for item in body.named_children:
                    item = _unwrap(item)
                    if item is not None and item.type in _STRINGS:
                        yield item, None

    def named(self, name: str, value: Any, what: str, *, modelscope: bool = False) -> None:
        """A value under a name: what the context mechanism makes of each string it holds."""
        if not name or not context.takes_value(name):
            return
        plural = norm_key(name).endswith("s")
        for lit, via in self._strings(value, plural):
            text = string_value(lit)
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
            if via is not None:
                evidence += f" (through {via})"
            self._emit(ident, lit, evidence)

    # the sites a query returns

    def spec(self, spec: Any) -> None:
        names = [c for c in spec.children_by_field_name("name") if c.type == "identifier"]
        values = spec.child_by_field_name("value")
        items = values.named_children if values is not None else []
        if not names or len(items) != len(names):
            return
        what = "constant" if spec.type == "const_spec" else "variable"
        for name, item in zip(names, items, strict=True):
            if item.type in _STRINGS:
                self.constants.setdefault(_text(name), item)
            self.named(_text(name), item, what)

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
                if field is not None:
                    self.named(_text(field), value, "attribute")

    def fields(self, body: Any) -> None:
        """The keyed fields of one struct or map literal; a sibling naming ModelScope makes
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
            if name and _NAME_WORDS.search(name.encode()):
                named.append((len(says_modelscope) - 1, name, value))
        saying = sum(says_modelscope)  # counted once (a literal may have thousands of fields)
        for i, name, value in named:
            modelscope = saying - says_modelscope[i] > 0  # another field names ModelScope
            self.named(name, value, "field", modelscope=modelscope)

    def calls(self, calls: list[Any]) -> None:
        """Setters, builders and env helpers; a builder chain (``a.X(...).Y(...)``) is walked
        once, from its outermost call, for whether one of its calls names ModelScope."""
        inner = set()
        for call in calls:
            operand = _receiver_call(call)
            if operand is not None:
                inner.add(operand.id)
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
        if "env" in name.lower() and len(kids) >= 2:
            env = string_value(kids[0])
            if env and env.isidentifier():
                self.named(env, kids[1], "env")
            return
        field = setter_field(name)
        if field is not None and _NAME_WORDS.search(field.encode()):
            self.named(field, kids[0], f"setter {name} of the field", modelscope=modelscope)

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

    def evident(self, node: Any) -> None:
        if b"://" not in node.text:
            return
        text = string_value(node)
        found = context.self_evident(text) if text else None
        if found is not None and found[0].source != "huggingface-dataset":
            self._emit(found[0], node, found[1])
        for ident, evidence in context.uri_parameters(text, self.ctx) if text else ():
            self._emit(ident, node, evidence)

    def result(self) -> Found:
        refs = sorted(
            self.refs.values(),
            key=lambda r: (r.location.line, r.location.column, r.id, r.source),
        )
        return refs, self.unresolvable


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


def scan(text: str, ctx: Context) -> ScanResult:
    """The references of one file; a file nested deeper than ``treesitter.MAX_DEPTH`` is listed
    as skipped (``partially scanned``), with what was found in the rest."""
    parser, query = _grammar()
    f = _File(text, ctx)
    root = parser.parse(f.src).root_node
    got, cut = treesitter.captures(query, root)
    for node in sorted(got.get("spec", ()), key=lambda n: n.start_byte):
        f.spec(node)  # constants first: the other sites may use them by name
    for node in got.get("assign", ()):
        f.assign(node)
    for node in got.get("fields", ()):
        f.fields(node)
    f.calls(got.get("call", []))
    for node in got.get("list", ()):
        f.listed(node)
    for node in got.get("string", ()):
        f.evident(node)
    refs, unresolvable = f.result()
    cut = treesitter.partially([cut] if cut else [])
    return ScanResult(refs, unresolvable, [Skipped(ctx.rel, cut)] if cut else [])


SCANNER = FunctionScanner("go", TRIGGER, scan)
