"""Python sources, parsed with ``ast`` and read in one pass.

One pass over the tree builds every scope's bindings (assignments, parameters with their
defaults, loop variables, imports, class and instance attributes) and collects the places a
model can be named: calls, assignments to names, attributes and keys, parameters with defaults,
dict literals. Each place is then asked for the strings it can hold — following names through
bindings, defaults, subscripts, loops, f-strings, concatenations, ``or`` chains, declared
defaults (dataclass and pydantic fields, typer and click options, argparse arguments) and the
defaults of environment lookups — and what surrounds it decides what each string is:

* a call the loader knowledge knows (``loaders/*.yaml``): its model arguments as the library
  reads them (Hub ids, bare names its name map completes, Ollama names, hosted API models unless
  the client is pointed at a local server) and, when no model is given, the library's default
  (a pipeline task's default model, a wrapper's default embedder), reported as implicit;
* a name that says model (``context.named``): any call's keyword, a variable, an attribute, a
  dict key, a parameter, a declared option, an environment variable (its default is what runs);
* an output or upload destination (``output_dir=``, ``save_pretrained``, ``push_to_hub``): a
  string the file writes a model to is what it produces, and no model it uses.

A string that comes from a literal elsewhere in the file is reported where it is used and where
it is written. Docstrings, comments and strings in no such place are never read. Names imported
from another module of the repository are followed after the scan (``resolve_deferred``).
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import functools
import itertools
import posixpath
import re
import sys
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from ..cards import ArtifactMetadata
from ..decoding import decode
from ..model import (
    DATASET,
    HOSTED,
    HUGGINGFACE,
    LOCAL,
    OLLAMA,
    PRODUCT,
    URL,
    Location,
    ModelRef,
    Unresolvable,
)
from ..recordtype import dataclass
from . import commands, context
from .common import (
    Context,
    Found,
    TreeReads,
    Trigger,
    dataset_value,
    location_at,
    norm_key,
)
from .context import Identity
from .ids import classify, has_space, hub_id
from .interface import Pending, ScanResult
from .loaders import Loader, LoaderKnowledge, knowledge, older_default
from .suppress import suppress


class _Words(NamedTuple):
    """What a Python file must contain to be worth parsing (lower case)."""

    modules: tuple[str, ...]  # the modules loader libraries are imported from
    methods: tuple[str, ...]  # methods that count on any receiver, the Ollama port
    programs: tuple[str, ...]  # programs a file may run (subprocess.run(["ollama", "pull", ...]))
    names: tuple[str, ...]  # words of every name that says model, dataset or hosted model


def _trigger_words(k: LoaderKnowledge) -> _Words:
    """The prefilter's words, from the loader knowledge. A loader is recognised through its
    import; ``model`` covers model_id, GENERATION_MODEL, the option --model_name ..."""
    modules: set[str] = set()
    methods: set[str] = set()
    programs: set[str] = set()
    for lib in k.libraries.values():
        if lib.ecosystem not in ("python", "cli"):
            continue
        for i in lib.imports:  # google.genai: "genai"; torch.hub: all of it
            last = i.rsplit(".", 1)[-1]
            modules.add((last if len(last) >= 5 else i).lower())
            if "." in i and len(last) < 5:  # torch.hub.load(...) after a plain ``import torch``
                methods.add(i.lower() + ".")
        for ld in lib.loaders:
            if ld.receiver is not None and ld.receiver.any and ld.kind != "destination":
                methods.update(m.lower() for m in (ld.name.rsplit(".", 1)[-1], *ld.methods))
        for cmd in lib.commands:
            programs.add(next((w for w in cmd.argv if w not in ("python", "python3", "-m")), ""))
    methods.update(str(p) for p, server in k._local_ports.items() if server.get("then") == "ollama")
    names: set[str] = set()
    for nc in k.names():  # a hosted-API word counts only in a name with a model suffix
        if (nc.names_model or nc.role in ("dataset", "hosted-model")) and nc.match != "contains":
            name = nc.name.lower()
            names.add("model" if "model" in name else name)

    def minimal(words: set[str]) -> tuple[str, ...]:  # a word holding a shorter one adds nothing
        words = {w for w in words if len(w) >= 3}
        return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))

    return _Words(minimal(modules), minimal(methods), minimal(programs), minimal(names))


# a quoted string without whitespace that can be an id: a '/', ':', '.', '-', '_' or a digit in
# it (org/name, name:tag, gpt-4o, en_core_web_sm, x.pth, gpt2). A file that speaks of models
# only through names (model_dim, model.train()) and holds no such string names no model.
_ID_STRING = re.compile(rb"""["'][^"'\s]*[/:._0-9-][^"'\s]*["']""")
# the shapes that say what they are wherever a string holds them (``context.self_evident``): an
# ``hf://`` or ``ollama://`` URI, a Hub download URL
_EVIDENT = (b"hf://", b"ollama://", b"huggingface.co/")


class PythonTrigger(Trigger):
    """The Python prefilter, read from the loader knowledge on the first file that needs it (a
    tree without Python files never loads it): an import of a loader library, a method that
    counts on any receiver, a program run by subprocess, or a model-naming word together with
    a string that can be an id. Imports are found by two regular expressions that start with a
    literal (``import``, ``from``); the rest are plain substring searches."""

    def __init__(self) -> None:
        pass

    @functools.cached_property
    def _parts(self):
        w = _trigger_words(knowledge())
        modules = b"|".join(re.escape(m.encode()) for m in w.modules)
        # "import x" / "from x": each pattern starts with a literal, which the regular
        # expression engine finds at memory speed
        imports = (
            re.compile(rb"import[ \t][^\n]*?(?:" + modules + rb")"),
            # a shorter word stands for the longer names holding it (whisper: faster_whisper)
            re.compile(rb"from[ \t]+[a-z0-9_.]*?(?:" + modules + rb")"),
        )
        encode = lambda words: tuple(x.encode() for x in words)  # noqa: E731
        return imports, encode(w.methods), encode(w.programs), encode(w.names)

    @functools.cached_property
    def literals(self) -> tuple[bytes, ...]:  # type: ignore[override]
        w = _trigger_words(knowledge())
        words = {x.encode() for x in (*w.modules, *w.methods, *w.programs, *w.names)}
        return tuple(sorted(words | set(_EVIDENT)))

    def search(self, data: bytes) -> bool:
        return self.search_lower(data.lower())

    def search_lower(self, low: bytes) -> bool:
        imports, methods, programs, names = self._parts
        for lit in methods:  # plain loops: faster than any() over a generator, once per file
            if lit in low:
                return True
        if imports[0].search(low) is not None or imports[1].search(low) is not None:
            return True
        if b"subprocess" in low or b"system(" in low:
            for lit in programs:
                if lit in low:
                    return True
        for lit in _EVIDENT:  # a URI or Hub download URL says what it is wherever it is written
            if lit in low:
                return True
        for lit in names:
            if lit in low:
                # no letter in the pattern: the lower-cased bytes match where the bytes do
                return _ID_STRING.search(low) is not None
        return False


TRIGGER = PythonTrigger()

# fields of a node that never hold a node worth visiting
_SKIP_FIELDS = frozenset(
    {"ctx", "op", "ops", "id", "attr", "arg", "name", "module", "level", "kind", "conversion"}
    | {"type_comment", "is_async", "simple", "annotation", "returns", "type_params"}
)
_LEAVES = frozenset(
    {ast.Constant, ast.Name, ast.Load, ast.Store, ast.Del, ast.Pass, ast.Break, ast.Continue}
    | {ast.Global, ast.Nonlocal, ast.Import, ast.ImportFrom}
)
# leaves the pass does nothing with: not visited at all (an import is a leaf the pass reads)
_INERT = frozenset(_LEAVES - {ast.Import, ast.ImportFrom})
_FIELDS: dict[type, tuple[str, ...]] = {}
_MAX_STEPS = 4000  # resolution work allowed for one expression
_MAX_COMBINATIONS = 32  # strings an f-string or a concatenation may stand for
# calls whose one argument is what they return, as far as a model id goes: conversions, and the
# path functions that only expand or normalise it (os.path.expanduser("~/models/org/x"))
_IDENTITY_CALLS = frozenset(
    {"str", "Path", "PurePath", "PosixPath", "fspath", "strip", "list", "tuple"}
    | {"expanduser", "expandvars", "abspath", "realpath", "normpath"}
)
# methods of a path or a string that return the same path or string, for a model id
# (Path("~/models").expanduser().resolve(), name.strip())
_IDENTITY_METHODS = frozenset({"strip", "lower", "expanduser", "resolve", "absolute"})
_ITERATION_CALLS = frozenset({"list", "tuple", "set", "sorted", "reversed", "frozenset"})
_PROVIDER_SUFFIX = context.PROVIDER_SUFFIX
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.[A-Za-z0-9]{1,12}")
_REVISION = re.compile(
    r"^([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*)@([A-Za-z0-9._/-]+)$"
)


def _fields(tp: type) -> tuple[str, ...]:
    f = _FIELDS.get(tp)
    if f is None:
        f = _FIELDS[tp] = tuple(x for x in tp._fields if x not in _SKIP_FIELDS)
    return f


# --- what a name can be bound to ---------------------------------------------------------------


class _Module:
    """``import x.y`` (bound as ``x``) or ``import x.y as z``."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class _From(NamedTuple):
    """``from module import name as local``: followed after the scan when the module is one of
    the repository's."""

    module: str
    level: int
    name: str
    local: str


class _Items:
    """The items of an iterable (a loop or comprehension variable); ``part`` picks a mapping's
    ``keys`` or ``values``."""

    __slots__ = ("node", "part")

    def __init__(self, node: ast.expr, part: str | None = None) -> None:
        self.node, self.part = node, part


_LOCAL = object()  # a function or class of this file: no library's callable


class _Signature:
    """A function of this file as its callers see it: its name, the class it is a method of,
    and the parameters a call fills by position (a method's ``self`` left out) or keyword."""

    __slots__ = ("name", "owner", "positional", "kwonly")

    def __init__(self, name: str, owner: str | None, positional, kwonly) -> None:
        self.name, self.owner = name, owner
        self.positional: tuple[str, ...] = tuple(positional)
        self.kwonly: tuple[str, ...] = tuple(kwonly)


class _Param:
    """A parameter with no default: what the file's own calls of its function pass; ``kind``:
    the class its annotation names (``configurable: Configuration``), if it names one;
    ``members``: the string literals the function asserts it is one of."""

    __slots__ = ("sig", "name", "kind", "members")

    def __init__(self, sig: _Signature, name: str, kind: str | None = None) -> None:
        self.sig, self.name, self.kind = sig, name, kind
        self.members: tuple[ast.expr, ...] = ()


def _annotated_class(node: ast.expr | None) -> str | None:
    """The class a parameter's annotation names: ``Configuration``, ``"Configuration"``,
    ``Configuration | None``, ``Optional[Configuration]``."""
    if node is None:
        return None
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if node.value.isidentifier() else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        sides = [n for n in (node.left, node.right) if not _is_none(n)]
        return _annotated_class(sides[0]) if len(sides) == 1 else None
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Optional"
    ):
        return _annotated_class(node.slice)
    return None


def _factory_class(call: ast.Call) -> str | None:
    """The class an alternate constructor builds: ``Configuration.from_runnable_config(config)``
    (a ``from_*`` class method, by Python's convention an instance of its class)."""
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.attr.startswith("from_")
        and func.value.id[:1].isupper()
    ):
        return func.value.id
    return None


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


# where a binding is written or a name is used: (line, column, blocks), ``blocks`` the nested
# statement lists (if / for / try bodies) of its scope it is in, outermost first
_At = tuple[int, int, tuple[int, ...]]


class _Scope:
    __slots__ = ("names", "parent", "is_class", "attrs", "bases", "owner", "self_name", "name")

    def __init__(self, parent: _Scope | None, is_class: bool = False) -> None:
        self.names: dict[str, list[tuple[object, _Scope | None, _At | None]]] = {}
        self.parent = parent
        self.is_class = is_class
        self.attrs: dict[str, list[tuple[object, _Scope | None, _At | None]]] = {}  # self.x = ...
        self.bases: tuple[str, ...] = ()
        self.owner: _Scope | None = None  # a method's class
        self.self_name: str | None = None  # a method's first parameter
        self.name: str | None = None  # a class's name

    def bind(self, name: str, value: object, where: _Scope | None, at: _At | None = None) -> None:
        bound = self.names.get(name)
        if bound is None:
            self.names[name] = [(value, where, at)]
        else:
            bound.append((value, where, at))


def _reaching(bound: list, at: _At | None, branches: dict[int, int] | None = None) -> list:
    """The bindings of a name that can reach a use at ``at`` (None: after the scope's code, as
    a function body sees a module's constants): the last one written before it, and the
    earlier ones as long as the later ones sit in a nested block (an ``if`` body) that does not
    hold the use. A name used before any binding (in a loop) may be any of them. ``branches``
    (block -> its ``if``): a binding in another branch of an ``if`` that holds the use (an
    earlier ``elif``) never reaches it."""
    if len(bound) == 1:
        return bound
    if at is not None:
        before = [b for b in bound if b[2] is None or b[2][:2] < at[:2]]
        if branches:
            before = [b for b in before if b[2] is None or not _exclusive(b[2][2], at[2], branches)]
        if not before:
            return bound
    else:
        before = bound
    out = []
    for b in reversed(before):
        out.append(b)
        where = b[2]
        if where is None:
            continue
        blocks = where[2]
        if (at is None and len(blocks) <= 1) or (at is not None and at[2][: len(blocks)] == blocks):
            break  # written in a block that holds the use: nothing earlier reaches it
    return out


def _exclusive(a: tuple[int, ...], b: tuple[int, ...], branches: dict[int, int]) -> bool:
    """Blocks ``a`` and ``b`` sit in different branches of one ``if`` statement."""
    for x, y in zip(a, b, strict=False):
        if x != y:
            owner = branches.get(x)
            return owner is not None and owner == branches.get(y)
    return False


# --- the one pass --------------------------------------------------------------------------------


class _Pass:
    """Visits the tree once: bindings per scope, and the places a model can be named."""

    def __init__(self, k: LoaderKnowledge) -> None:
        self.k = k
        self.module = self.scope = _Scope(None)
        self.scopes = [self.module]  # every scope, for ``release``
        self.block: tuple[int, ...] = (0,)
        self.blocks = 0
        self.branches: dict[int, int] = {}  # the block of an if's body or else -> that if
        # the block of an if's body or else -> (the if's test, whether it is the else)
        self.guards: dict[int, tuple[ast.expr, bool]] = {}
        # ``if model in ("claude-3.5", ...): model = "claude-3-5-sonnet-20240620"``: the tests
        # whose branch writes another value over the name compared, never using the ones matched
        self.rewrites: set[int] = set()
        self.calls: list[tuple[ast.Call, _Scope, _At]] = []
        # exec(code), run("python", code): calls that run Python source a string holds
        self.code_calls: list[tuple[ast.Call, _Scope, _At]] = []
        self.named: list[tuple[str, str, ast.expr, _Scope, _At]] = []  # name, what, value ...
        self.dicts: list[tuple[ast.Dict, _Scope, _At]] = []
        self.module_urls: list[str] = []  # the URLs the module binds at its top (API base URLs)
        self.shown: set[int] = set()  # the dicts of a sample document (sdk_sample={...})
        # (name, scope id) of the names spelled as a Hub cache folder, f"models--{x.replace(...)}"
        self.cache_named: set[tuple[str, int]] = set()
        # a keyword or key that starts a library's configuration key path, and its value
        self.configs: list[tuple[str, ast.expr, _Scope, _At]] = []
        self.config_heads = k.config_heads
        self.classes: dict[str, list[_Scope]] = {}
        self.enums: set[str] = set()  # the file's enumeration classes (a base of its own too)
        self.imported: set[str] = set()  # top-level modules the file imports from
        self.options: dict[str, list] = {}  # argparse dest -> its defaults
        self.declared = {d["call"].rsplit(".", 1)[-1]: d for d in k.declarations}
        self.callables = _callable_names(k)
        self.named_names = _named_names(k)  # name -> whether it is a model-naming place's
        self.examples = _example_names(k)  # name -> whether it says example (``_show``)
        self.aliases: set[str] = set()  # from ollama import chat as ask: "ask"
        self.keyworded: set[int] = set()  # calls with a keyword worth reading
        self.runners = {r["call"].rsplit(".", 1)[-1] for r in k.command_runners}
        self.bodies = k.request_body_keywords  # json=: a request body, read with its URL
        self.function: str | None = None  # the function whose body is being visited
        self.span: tuple[int, int] = (0, 1 << 30)  # its lines (the whole module outside one)
        # base URLs the code sets (``self.api_base = "https://..."``): (span, url), the lines of
        # the function (or module) that sets it
        self.base_urls: list[tuple[tuple[int, int], str]] = []
        self.arguments: set[int] = set()  # expressions passed to a call (read as its arguments)
        # calls with arguments by the name called (f(...), self.f(...), Cls.f(...)): (call,
        # scope, where, the receiver's name or None), for the file's own functions' parameters
        self.local_calls: dict[str, list[tuple[ast.Call, _Scope, _At, str | None]]] = {}
        self.signatures: dict[str, list[_Signature]] = {}  # by function name; __init__ by class
        self.import_names: set[str] = set()  # the names imports bind (modules, imported names)
        # the names of lists of name fragments: ``any(m in model_id for m in THINKING)``,
        # ``model_id.startswith(tuple(PREFIXES))`` (``_fragments``)
        self.fragments: set[str] = set()
        # list literals of dicts, whatever they are bound to: a list of model options
        # ([{"id": "claude-3-haiku-20240307", "name": "Claude 3 Haiku"}], ``_Scan._options``)
        self.options_lists: list[tuple[ast.expr, _At]] = []
        self.env_names = frozenset(
            e["call"].rsplit(".", 1)[-1] for e in k.env_lookups if e["call"] != "os.environ"
        )

    def release(self) -> None:
        """Drop every binding. A scope's bindings name the scope they were made in (a module's
        own assignments: the module), so scopes and the tree they hold form reference cycles
        that only the cyclic garbage collector would free, after walking the whole tree;
        emptied, the tree is freed by reference counting as soon as the scan is over."""
        for scope in self.scopes:
            scope.names.clear()
            scope.attrs.clear()
        self.local_calls.clear()

    def visit(self, node: ast.AST) -> None:
        fn = _DISPATCH.get(node.__class__)
        if fn is not None:
            fn(self, node)
            return
        if node.__class__ in _LEAVES:
            if node.__class__ is ast.Import or node.__class__ is ast.ImportFrom:
                self._import(node)
            return
        self._children(node)

    def _children(self, node: ast.AST) -> None:
        for f in _fields(node.__class__):
            v = getattr(node, f, None)
            if v is None:
                continue
            if v.__class__ is list:
                if f in _BLOCKS:
                    if node.__class__ is ast.If:
                        self._block(v, branch_of=node, orelse=f == "orelse")
                    else:
                        self._block(v)
                    continue
                for x in v:
                    if isinstance(x, ast.AST) and x.__class__ not in _LEAVES:
                        self.visit(x)
                    elif x.__class__ is ast.Import or x.__class__ is ast.ImportFrom:
                        self._import(x)
            elif isinstance(v, ast.AST) and v.__class__ not in _LEAVES:
                self.visit(v)

    def _block(
        self,
        body: list,
        new_scope: bool = False,
        branch_of: ast.If | ast.Match | None = None,
        orelse: bool = False,
        test: ast.expr | None = None,
    ) -> None:
        """A statement list: a block of its own (bindings in it may not run); ``branch_of``: the
        ``if`` whose body (or else, ``orelse``) it is, or the ``match`` whose case it is, with
        ``test`` what the case tests."""
        outer = self.block
        self.blocks += 1
        if branch_of is not None:
            self.branches[self.blocks] = id(branch_of)
            guard = branch_of.test if branch_of.__class__ is ast.If else test
            if guard is not None:
                self.guards[self.blocks] = (guard, orelse)
        self.block = (self.blocks,) if new_scope else (*outer, self.blocks)
        for x in body:
            self.visit(x)
        self.block = outer

    def at(self, node: ast.AST) -> _At:
        return node.lineno, node.col_offset, self.block

    def _visit_all(self, nodes: Iterable[ast.AST | None]) -> None:
        for n in nodes:
            if n is not None and n.__class__ not in _INERT:
                self.visit(n)

    def _body(self, node) -> None:
        self._visit_all(node.body)

    def _show(self, name: str | None, value: ast.expr | None) -> None:
        """A value under a name that says example (``sdk_sample={...}``, ``samples = [...]``,
        ``"examples": [...]``): a request or response shown, so its records name nothing."""
        if not name or value is None:
            return
        example = self.examples.get(name)
        if example is None:
            example = context.name_role(name) == "example"
            if len(self.examples) < 65536:
                self.examples[name] = example
        if example:
            self.shown.update(id(n) for n in ast.walk(value) if n.__class__ is ast.Dict)

    def _is_named(self, name: str) -> bool:
        got = self.named_names.get(name)
        if got is None:
            nc = self.k.name_context(name)
            got = nc is not None and (
                nc.names_model or nc.role in ("dataset", "hosted-model", "destination")
            )
            if len(self.named_names) < 65536:
                self.named_names[name] = got
        return got

    # scopes

    def _function(self, node) -> None:
        outer = self.scope
        self._visit_all(node.decorator_list)
        args = node.args
        self._visit_all(args.defaults)
        self._visit_all(args.kw_defaults)
        outer.bind(node.name, _LOCAL, None)
        positional = args.posonlyargs + args.args
        static = outer.is_class and any(
            isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list
        )
        method = outer.is_class and bool(positional) and not static
        sig = _Signature(
            node.name,
            outer.name if outer.is_class else None,
            [a.arg for a in (positional[1:] if method else positional)],
            [a.arg for a in args.kwonlyargs],
        )
        key = outer.name if outer.is_class and node.name == "__init__" and outer.name else node.name
        self.signatures.setdefault(key, []).append(sig)
        fs = self._parameters(args, outer, sig, skip=positional[0].arg if method else None)
        for d in node.decorator_list:
            self._parametrize(d, fs, outer)
        if method:
            fs.owner, fs.self_name = outer, positional[0].arg
        elif not outer.is_class:
            fs.owner, fs.self_name = outer.owner, outer.self_name
        self.scope, function, self.function = fs, self.function, node.name
        span, self.span = self.span, (node.lineno, node.end_lineno or node.lineno)
        self._block(node.body, new_scope=True)
        self.scope, self.function, self.span = outer, function, span

    def _parameters(
        self,
        args: ast.arguments,
        outer: _Scope,
        sig: _Signature | None = None,
        skip: str | None = None,
    ) -> _Scope:
        fs = _Scope(outer)
        self.scopes.append(fs)
        positional = args.posonlyargs + args.args
        defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        for a, d in itertools.chain(
            zip(positional, defaults, strict=True),
            zip(args.kwonlyargs, args.kw_defaults, strict=True),
        ):
            if d is None:
                # no default: what the file's own calls pass, if it calls the function
                given = (
                    _Param(sig, a.arg, _annotated_class(a.annotation))
                    if sig is not None and a.arg != skip
                    else None
                )
                fs.bind(a.arg, given, None, None)
                continue
            fs.bind(a.arg, d, outer, self.at(a))
            if d is not None and self._is_named(a.arg):
                self.named.append((a.arg, "parameter", d, outer, self.at(d)))
        for a in (args.vararg, args.kwarg):
            if a is not None:
                fs.bind(a.arg, None, None)
        return fs

    def _parametrize(self, decorator: ast.expr, fs: _Scope, outer: _Scope) -> None:
        """``@pytest.mark.parametrize("model_id", ["org/a", "org/b"])``: the test's parameters
        take each value (a tuple of values for several names)."""
        if not (
            isinstance(decorator, ast.Call)
            and _last_name(decorator.func) == "parametrize"
            and len(decorator.args) >= 2
            and _is_str(decorator.args[0])
            and isinstance(decorator.args[1], (ast.List, ast.Tuple))
        ):
            return
        names = [n.strip() for n in decorator.args[0].value.split(",") if n.strip()]
        at = self.at(decorator)
        for case in decorator.args[1].elts:
            if len(names) == 1:
                values = [case]
            elif isinstance(case, (ast.Tuple, ast.List)) and len(case.elts) == len(names):
                values = case.elts
            else:
                continue
            for name, value in zip(names, values, strict=True):
                # every case reaches the test's body: none hides another
                fs.bind(name, value, outer, (*at[:2], (-1,)))
                if self._is_named(name):
                    self.named.append((name, "parameter", value, outer, self.at(value)))

    def _lambda(self, node: ast.Lambda) -> None:
        outer = self.scope
        self._visit_all(node.args.defaults)
        self._visit_all(node.args.kw_defaults)
        self.scope = self._parameters(node.args, outer)
        outer_block = self.block
        self.blocks += 1
        self.block = (self.blocks,)
        self.visit(node.body)
        self.block = outer_block
        self.scope = outer

    def _class(self, node: ast.ClassDef) -> None:
        outer = self.scope
        self._visit_all(node.decorator_list)
        self._visit_all(node.bases)
        self._visit_all(node.keywords)
        outer.bind(node.name, _LOCAL, None)
        cs = _Scope(outer, is_class=True)
        cs.name = node.name
        self.scopes.append(cs)
        cs.bases = tuple(b.id for b in node.bases if isinstance(b, ast.Name))
        self.classes.setdefault(node.name, []).append(cs)
        self.scope, function, self.function = cs, self.function, None
        if _is_enum(node) or any(b in self.enums for b in cs.bases):
            # an enumeration, or a subclass of one of the file's own (class Choices(str, Enum)
            # with a values() helper, class RemoveBGModel(Choices))
            self.enums.add(node.name)
            if self._is_named(node.name):
                self._enum_members(node, cs)
        self._block(node.body, new_scope=True)
        self.scope, self.function = outer, function

    def _enum_members(self, node: ast.ClassDef, cs: _Scope) -> None:
        """``class Llm(Enum): GPT_4O = "gpt-4o"``: an enumeration whose name says model lists
        models, each member's string value one. A value that qualifies its model with a note in
        parentheses (``"gpt-5.5 (low thinking)"``: the variant of a model an application offers)
        names that model."""
        for stmt in node.body:
            value = stmt.value if stmt.__class__ in (ast.Assign, ast.AnnAssign) else None
            if not _is_str(value):
                continue
            m = _VARIANT_NOTE.fullmatch(value.value)
            if m is not None:
                value = ast.copy_location(ast.Constant(m.group(1)), value)
            self.named.append((node.name, "enum member", value, cs, self.at(value)))

    # imports

    def _import(self, node) -> None:
        scope = self.scope
        if node.__class__ is ast.Import:
            for alias in node.names:
                top = alias.name.split(".")[0]
                self.imported.add(top)
                if alias.asname:
                    scope.bind(alias.asname, _Module(alias.name), None)
                    self.import_names.add(alias.asname)
                else:
                    scope.bind(top, _Module(top), None)
                    self.import_names.add(top)
            return
        module = node.module or ""
        if not node.level:
            self.imported.add(module.split(".")[0])
        for alias in node.names:
            if alias.name != "*":
                local = alias.asname or alias.name
                scope.bind(local, _From(module, node.level, alias.name, local), None)
                self.import_names.add(local)
                if alias.asname and alias.name in self.callables:
                    self.aliases.add(alias.asname)

    # bindings

    def _section(self, name: str, value: ast.Dict, scope: _Scope) -> None:
        """``model_config = {"path": "org/x"}``: a dict bound to the configuration of a section
        whose name says model (``<section>_config`` / ``_cfg``) holds that section's keys, as
        ``model.path`` in a Hydra / OmegaConf configuration does: each key read as
        ``<section>_<key>`` (``model_path``)."""
        low = name.lower()
        for suffix in ("_config", "_cfg", "_conf"):
            if low.endswith(suffix) and len(low) > len(suffix):
                section = name[: -len(suffix)]
                break
        else:
            return
        nc = self.k.name_context(section)
        if nc is None or nc.is_decoy or not nc.names_model:
            return
        for key, v in zip(value.keys, value.values, strict=True):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                continue
            joined = f"{section}_{key.value}"
            if _is_str(v) and self._is_named(joined):
                self.named.append((joined, "key", v, scope, self.at(v)))

    def _assign(self, node: ast.Assign) -> None:
        value = node.value
        if (
            _is_str(value)
            and "://" in value.value
            and self.function is None
            and not self.scope.is_class
            and self.scope.parent is None
        ):
            self.module_urls.append(value.value)
        if _is_str(value) and value.value.startswith(("http://", "https://")):
            for target in node.targets:
                name = _target_name(target)
                if name and name.lower().endswith(_BASE_URL_NAMES):
                    self.base_urls.append((self.span, value.value))
        for target in node.targets:
            self._show(_target_name(target), node.value)
        if node.value.__class__ not in _INERT:
            self.visit(node.value)
        for target in node.targets:
            self._target(target, node.value, node.value)

    def _annassign(self, node: ast.AnnAssign) -> None:
        target = node.target
        name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", None)
        if name and _literal_members(node.annotation) and self._is_named(name):
            # model: Literal["gpt-4o-mini", "o3-mini"]: the models the setting takes
            what = (
                "attribute"
                if self.scope.is_class or target.__class__ is not ast.Name
                else "variable"
            )
            self.named.append((name, what, node.annotation, self.scope, self.at(node.annotation)))
        if node.value is not None:
            self._show(name, node.value)
            self.visit(node.value)
            self._target(node.target, node.value, node.value)
        elif not isinstance(node.target, ast.Name):
            self.visit(node.target)

    def _type_alias(self, node) -> None:
        """``type GroqModelId = Literal[...]`` (Python 3.12): as an assignment of the alias."""
        name = getattr(node.name, "id", None)
        if name and _literal_members(node.value) and self._is_named(name):
            self.named.append((name, "type", node.value, self.scope, self.at(node.value)))
        self._children(node)

    def _match(self, node) -> None:
        """``match settings.model: case "gpt-4o": ...``: each case names a model, as a
        comparison does."""
        subject = node.subject
        name = subject.attr if isinstance(subject, ast.Attribute) else getattr(subject, "id", None)
        if name and self._is_named(name):
            for case in node.cases:
                for const in _case_strings(case.pattern):
                    self.named.append((name, "compared with", const, self.scope, self.at(const)))
        if subject.__class__ not in _INERT:
            self.visit(subject)
        for case in node.cases:  # the cases are branches of one statement, as an if's are
            self._visit_all((case.pattern, case.guard))
            consts = _case_strings(case.pattern)
            # case "gigachat": the guard subject == "gigachat" (a case's own if-guard aside)
            test = (
                ast.Compare(left=subject, ops=[ast.Eq()], comparators=[consts[0]])
                if len(consts) == 1 and case.guard is None
                else None
            )
            self._block(case.body, branch_of=node, test=test)

    def _augassign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        if isinstance(node.target, ast.Name):
            self.scope.bind(node.target.id, None, None)
        else:
            self.visit(node.target)

    def _namedexpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self._target(node.target, node.value, node.value)

    def _target(
        self, target: ast.expr, value: ast.expr | None, after: ast.expr | None = None
    ) -> None:
        """Bind ``target`` to ``value``; ``after``: the assigned expression, whose end is where
        the binding takes effect (``model = WhisperModel(model)`` reads the parameter)."""
        scope = self.scope
        cls = target.__class__
        if cls is ast.Name:
            at = (
                self.at(target)
                if after is None or after.end_lineno is None
                else (after.end_lineno, after.end_col_offset or 0, self.block)
            )
            scope.bind(target.id, value, scope if value is not None else None, at)
            if value is not None and self._is_named(target.id):
                what = "attribute" if scope.is_class else "variable"
                self.named.append((target.id, what, value, scope, self.at(value)))
            elif value.__class__ is ast.Dict:
                self._section(target.id, value, scope)
        elif cls is ast.Attribute:
            if target.value.__class__ not in _INERT:
                self.visit(target.value)
            recv = target.value
            if (
                isinstance(recv, ast.Name)
                and recv.id == scope.self_name
                and scope.owner is not None
                and value is not None
            ):
                scope.owner.attrs.setdefault(target.attr, []).append(
                    (value, scope, self.at(target))
                )
            if value is not None and self._is_named(target.attr):
                self.named.append((target.attr, "attribute", value, scope, self.at(value)))
        elif cls is ast.Subscript:
            if target.value.__class__ not in _INERT:
                self.visit(target.value)
            if target.slice.__class__ not in _INERT:
                self.visit(target.slice)
            key = target.slice
            if (
                value is not None
                and isinstance(key, ast.Constant)
                and isinstance(key.value, str)
                and self._is_named(key.value)
            ):
                self.named.append((key.value, "key", value, scope, self.at(value)))
        elif cls is ast.Tuple or cls is ast.List:
            elts = target.elts
            if (
                isinstance(value, (ast.Tuple, ast.List))
                and len(value.elts) == len(elts)
                and not any(isinstance(e, ast.Starred) for e in elts)
            ):
                for t, v in zip(elts, value.elts, strict=True):
                    self._target(t, v, after)
            else:
                for t in elts:
                    self._target(t.value if isinstance(t, ast.Starred) else t, None, after)
        elif cls is ast.Starred:
            self._target(target.value, None, after)

    def _loop_target(self, target: ast.expr, iterable: ast.expr) -> None:
        scope = self.scope
        if isinstance(target, ast.Name):
            at = self.at(target)
            if isinstance(iterable, (ast.List, ast.Tuple, ast.Set)):
                for elt in iterable.elts:
                    scope.bind(target.id, elt, scope, at[:2] + (at[2] + (-1,),))
            else:
                scope.bind(target.id, _Items(iterable), scope, at)
            return
        if isinstance(target, ast.Tuple) and len(target.elts) == 2:
            first, second = target.elts
            if isinstance(iterable, ast.Call) and not iterable.keywords:
                func = iterable.func
                if isinstance(func, ast.Attribute) and func.attr == "items" and not iterable.args:
                    self._bind_items(first, _Items(func.value, "keys"))
                    self._bind_items(second, _Items(func.value, "values"))
                    return
                if isinstance(func, ast.Name) and func.id == "enumerate" and iterable.args:
                    self._bind_items(first, None)
                    self._bind_items(second, _Items(iterable.args[0]))
                    return
                if isinstance(func, ast.Name) and func.id == "zip" and len(iterable.args) == 2:
                    self._bind_items(first, _Items(iterable.args[0]))
                    self._bind_items(second, _Items(iterable.args[1]))
                    return
        self._target(target, None)

    def _bind_items(self, target: ast.expr, items: _Items | None) -> None:
        if isinstance(target, ast.Name):
            where = self.scope if items is not None else None
            self.scope.bind(target.id, items, where, self.at(target))
        else:
            self._target(target, None)

    def _fragments(self, generators: list[ast.comprehension], tests: list[ast.expr]) -> None:
        """A loop whose variable the ``tests`` look for in one string (``any(m in model_id for
        m in THINKING)``, ``for p in PREFIXES: if model_id.startswith(p)``): the list it runs
        over holds name fragments."""
        for gen in generators:
            target = gen.target
            if target.__class__ is not ast.Name:
                continue
            table = _table_name(gen.iter)
            if table is None or table in self.fragments:
                continue
            if any(_tests_part(test, target.id) for test in (*tests, *gen.ifs)):
                self.fragments.add(table)

    def _comprehended(self, node) -> None:  # ListComp, SetComp, GeneratorExp, DictComp
        elts = [node.key, node.value] if node.__class__ is ast.DictComp else [node.elt]
        self._fragments(node.generators, elts)
        self._children(node)

    def _for(self, node) -> None:
        tests = [s.test for s in node.body[:8] if s.__class__ is ast.If]
        if tests:
            self._fragments([ast.comprehension(node.target, node.iter, [], 0)], tests)
        self.visit(node.iter)
        self._loop_target(node.target, node.iter)
        self._block(node.body)
        self._block(node.orelse)

    def _comprehension(self, node: ast.comprehension) -> None:
        self.visit(node.iter)
        self._loop_target(node.target, node.iter)
        self._visit_all(node.ifs)

    def _withitem(self, node: ast.withitem) -> None:
        self.visit(node.context_expr)
        if node.optional_vars is not None:
            self._target(node.optional_vars, None)

    def _handler(self, node: ast.ExceptHandler) -> None:
        if node.type is not None:
            self.visit(node.type)
        if node.name:
            self.scope.bind(node.name, None, None, self.at(node))
        self._block(node.body)

    # places

    def _return(self, node: ast.Return) -> None:
        """``def get_models(): return ["org/a", "org/b"]``: what a model-naming function returns
        (an offline fallback list, a default) names its models."""
        if node.value is None:
            return
        self.visit(node.value)
        name = self.function
        if name and self._is_named(name):
            self.named.append((name, "returned by", node.value, self.scope, self.at(node.value)))

    def _call(self, node: ast.Call) -> None:
        func = node.func
        func_class = func.__class__
        last = func.attr if func_class is ast.Attribute else getattr(func, "id", None)
        args = node.args
        keywords = node.keywords
        keyworded = body = False
        if keywords:
            named = self._is_named
            heads = self.config_heads
            bodies = self.bodies
            for kw in keywords:
                arg = kw.arg
                if arg is None:  # **kwargs
                    continue
                self._show(arg, kw.value)
                if not keyworded and (named(arg) or arg.lower().endswith(_PROVIDER_SUFFIX)):
                    keyworded = True
                    self.keyworded.add(id(node))
                if norm_key(arg) in heads:
                    self.configs.append((arg, kw.value, self.scope, self.at(kw.value)))
                if arg in bodies:
                    body = True
        if _runs_python(node, last):
            self.code_calls.append((node, self.scope, (node.lineno, node.col_offset, self.block)))
        decl = self.declared.get(last)  # None for a call of no declared option's callable
        if (
            keyworded
            or body
            or last in self.callables
            or last in self.aliases
            or last in self.runners
            or (last in self.env_names and _is_env_call(func, last))
            or decl is not None
        ):
            # a call worth reading later: a loader (or an alias of one), a model-naming
            # keyword, an environment lookup, a declared option, a command run
            self.calls.append((node, self.scope, (node.lineno, node.col_offset, self.block)))
        if last in _AFFIXES and func_class is ast.Attribute and len(args) == 1:
            table = _table_name(args[0])
            if table is not None:  # startswith(PREFIXES), startswith(tuple(PREFIXES))
                self.fragments.add(table)
        if last in _GROWERS and args and func_class is ast.Attribute:
            # EMBEDDING_MODELS.append("org/x"), .extend([...]): entries of a model list
            owner = func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
            if name and self._is_named(name):
                value = args[-1]
                self.named.append((name, "entry", value, self.scope, self.at(value)))
        if (  # config.get("Model", {"value": "org/x"}): the default of a model-naming key
            last == "get"
            and len(args) > 1
            and _is_str(args[0])
            and id(node) not in self.arguments  # an argument: read as the callee reads it
            and not _is_env_call(func, last)
            and self._is_named(args[0].value)
        ):
            value = args[1]
            self.named.append((args[0].value, "key", value, self.scope, self.at(value)))
        if decl is not None and ("name_position" in decl or "name_keyword" in decl):
            self._option(node, decl)
        if args or keywords:
            if func_class is ast.Name:
                name, receiver = func.id, None
            elif func_class is ast.Attribute and func.value.__class__ is ast.Name:
                name, receiver = func.attr, func.value.id
            else:
                name = None
            if name is not None:
                calls = self.local_calls.get(name)
                if calls is None:
                    calls = self.local_calls[name] = []
                calls.append(
                    (node, self.scope, (node.lineno, node.col_offset, self.block), receiver)
                )
        if func_class is not ast.Name:
            self.visit(func)
        # the calls passed to this one, each marked before it is visited (only a call is ever
        # asked whether it is an argument, and only while it is visited or later)
        arguments = self.arguments
        for a in args:
            cls = a.__class__
            if cls is ast.Call:
                arguments.add(id(a))
                self.visit(a)
            elif cls not in _INERT:
                self.visit(a)
        for kw in keywords:
            value = kw.value
            cls = value.__class__
            if cls is ast.Call:
                arguments.add(id(value))
                self.visit(value)
            elif cls not in _INERT:
                self.visit(value)

    def _option(self, node: ast.Call, decl: dict) -> None:
        """``parser.add_argument("--model", default=...)``: ``args.model`` has that default."""
        name = _declared_name(node, decl)
        default = _argument(node, decl.get("default_position"), decl.get("default_keyword"))
        if name and default is not None:
            dest = name.lstrip("-").replace("-", "_")
            self.options.setdefault(dest, []).append((default, self.scope, None))

    def _compare(self, node: ast.Compare) -> None:
        """``if model_name == "org/x"`` / ``model in ("a", "b")``: the code branches on a model."""
        left = node.left
        name = left.attr if isinstance(left, ast.Attribute) else getattr(left, "id", None)
        if name and id(node) not in self.rewrites and self._is_named(name):
            for op, right in zip(node.ops, node.comparators, strict=True):
                if op.__class__ in (ast.Eq, ast.NotEq, ast.In, ast.NotIn):
                    self.named.append((name, "compared with", right, self.scope, self.at(right)))
        if left.__class__ not in _INERT:
            self.visit(left)
        self._visit_all(node.comparators)

    def _attribute(self, node: ast.Attribute) -> None:
        value = node.value
        while value.__class__ is ast.Attribute:  # a dotted name holds nothing to read
            value = value.value
        if value.__class__ is not ast.Name:
            self.visit(value)

    # the commonest nodes the pass has nothing of its own to do with, visited as the generic
    # walk in ``visit`` would (the same children, in the same order), without its field loop

    def _assert(self, node: ast.Assert) -> None:
        self._guard(node.test, ast.In)
        self._children(node)

    def _guard(self, test: ast.expr, op: type) -> None:
        """``assert model_type in {"gpt2", "gpt2-medium"}``, ``if name not in ("a", "b"): raise``
        on a parameter with no default (also a dict literal's keys it looks up, ``{"gpt2":
        ...}[model_type]``): the literals are the values the function takes, as the arguments
        of its own calls are (``_Param.members``)."""
        if (
            test.__class__ is not ast.Compare
            or len(test.ops) != 1
            or test.ops[0].__class__ is not op
            or test.left.__class__ is not ast.Name
            or test.comparators[0].__class__ not in (ast.Set, ast.List, ast.Tuple)
        ):
            return
        self._members(test.left.id, test.comparators[0].elts)

    def _members(self, name: str, elts: list) -> None:
        bound = self.scope.names.get(name)
        if elts and all(_is_str(e) for e in elts) and bound and len(bound) == 1:
            param = bound[0][0]
            if param.__class__ is _Param:
                param.members += tuple(elts)

    def _if(self, node: ast.If) -> None:
        if _rewrites_subject(node):
            self.rewrites.add(id(node.test))
        if len(node.body) == 1 and node.body[0].__class__ is ast.Raise and not node.orelse:
            self._guard(node.test, ast.NotIn)
        if node.test.__class__ not in _INERT:
            self.visit(node.test)
        self._block(node.body, branch_of=node)
        self._block(node.orelse, branch_of=node, orelse=True)

    def _value(self, node) -> None:  # Expr, Starred
        if node.value.__class__ not in _INERT:
            self.visit(node.value)

    def _elts(self, node) -> None:  # Tuple, List, Set
        elts = node.elts
        if elts and elts[0].__class__ is ast.Dict and len(self.options_lists) < 4096:
            self.options_lists.append((node, self.at(node)))
        self._visit_all(elts)

    def _values(self, node) -> None:  # BoolOp
        self._visit_all(node.values)

    def _joined(self, node: ast.JoinedStr) -> None:
        """``f"models--{model_id.replace('/', '--')}"``: the name spelled as the folder the Hub
        cache keeps a repository in."""
        parts = node.values
        for head, part in zip(parts, parts[1:], strict=False):
            if (
                _is_str(head)
                and head.value.endswith("models--")
                and isinstance(part, ast.FormattedValue)
            ):
                name = _cache_spelled(part.value)
                if name is not None:
                    self.cache_named.add((name, id(self.scope)))
        self._visit_all(parts)

    def _subscript(self, node: ast.Subscript) -> None:
        if node.value.__class__ is ast.Dict and node.slice.__class__ is ast.Name:
            # {"gpt2": dict(n_layer=12), "gpt2-xl": ...}[model_type]: the keys it may be
            self._members(node.slice.id, node.value.keys)
        if node.value.__class__ not in _INERT:
            self.visit(node.value)
        if node.slice.__class__ not in _INERT:
            self.visit(node.slice)

    def _binop(self, node: ast.BinOp) -> None:
        if node.left.__class__ not in _INERT:
            self.visit(node.left)
        if node.right.__class__ not in _INERT:
            self.visit(node.right)

    def _unaryop(self, node: ast.UnaryOp) -> None:
        if node.operand.__class__ not in _INERT:
            self.visit(node.operand)

    def _ifexp(self, node: ast.IfExp) -> None:
        self._visit_all((node.test, node.body, node.orelse))

    def _formatted(self, node: ast.FormattedValue) -> None:
        self._visit_all((node.value, node.format_spec))

    def _slice(self, node: ast.Slice) -> None:
        self._visit_all((node.lower, node.upper, node.step))

    def _dict(self, node: ast.Dict) -> None:
        heads = self.config_heads
        for key, value in zip(node.keys, node.values, strict=True):
            if _is_str(key):
                self._show(key.value, value)
                if norm_key(key.value) in heads:
                    self.configs.append((key.value, value, self.scope, self.at(value)))
        for key in node.keys:
            if id(node) in self.shown:
                break
            if _is_str(key) and (
                self._is_named(key.value)
                or norm_key(key.value).endswith(_PROVIDER_SUFFIX)
                or context.provider_kind(key.value) is not None
            ):
                self.dicts.append((node, self.scope, self.at(node)))
                break
        self._visit_all(node.keys)
        self._visit_all(node.values)


def _is_super(func: ast.expr) -> bool:
    """``super().__init__``."""
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Call)
        and getattr(func.value.func, "id", None) == "super"
    )


def _cache_spelled(node: ast.expr) -> str | None:
    """``x`` of ``x.replace("/", "--")``."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "replace"
        and isinstance(node.func.value, ast.Name)
        and len(node.args) == 2
        and all(_is_str(a) for a in node.args)
        and [a.value for a in node.args] == ["/", "--"]
    ):
        return node.func.value.id
    return None


def _test_module(rel: str) -> bool:
    """A test module by the conventions pytest and unittest collect: a file under ``tests/`` or
    ``test/``, ``test_*.py``, ``*_test.py``, ``conftest.py``."""
    parts = rel.replace("\\", "/").split("/")
    base = parts[-1]
    return (
        any(p in ("tests", "test") for p in parts[:-1])
        or base.startswith("test_")
        or base.endswith("_test.py")
        or base == "conftest.py"
    )


# the names of an OpenAI-compatible client's base URL (LiteLLM's api_base, the SDKs' base_url)
_BASE_URL_NAMES = ("api_base", "base_url", "apibase", "baseurl")


def _target_name(target: ast.expr) -> str | None:
    return target.id if isinstance(target, ast.Name) else getattr(target, "attr", None)


_BLOCKS = frozenset({"body", "orelse", "finalbody"})
# the expressions a whole string literal can be passed as (a literal, a name bound to one)
_VALUE_NODES = frozenset({ast.Constant, ast.Name, ast.Attribute})


def _passes_through(node: ast.expr) -> bool:
    """``os.path.expanduser("~/models/org/x")``: a call of one argument that returns it, as far
    as a model id goes (``_IDENTITY_CALLS``)."""
    if node.__class__ is not ast.Call or len(node.args) != 1 or node.keywords:
        return False
    name = _last_name(node.func)
    inner = node.args[0]
    return name in _IDENTITY_CALLS and (inner.__class__ in _VALUE_NODES or _passes_through(inner))


def _leading_provider(call: ast.Call) -> ast.Constant | None:
    """The string literal a call is given first when it names a provider (``get_llm("groq",
    model=...)``, ``GenericLLMProvider.from_provider("nebius", model=...)``), else None."""
    lead = call.args[0] if call.args else None
    if _is_str(lead) and context.provider_kind(lead.value) is not None:
        return lead
    return None


def _providers_by_position(call: ast.Call) -> tuple[tuple[int, str], ...]:
    """(position, name) of each string literal passed by position that names a provider."""
    return tuple(
        (at, a.value)
        for at, a in enumerate(call.args)
        if _is_str(a) and context.provider_kind(a.value) is not None
    )


@functools.lru_cache(maxsize=4096)
def _model_shaped(text: str) -> bool:
    """``text`` has a model's shape wherever it is written: a Hub id, a hosted model's name."""
    return not context.never_a_model(text) and (
        classify(text) is not None or context.hosted(text) is not None
    )


def _passable(text: str) -> bool:
    """``text`` may be a model passed to a function of another module: a model's shape, a
    Hub model's bare legacy id (``bert-base-uncased``), or a local copy's path named after a Hub
    model (``~/models/org/name``)."""
    return (
        _model_shaped(text)
        or text.lower() in knowledge().legacy_hub_ids
        or context.copied_id(text) is not None
    )


# the names a value is bound to, rather than passed to (a keyword, an option, an argument)
_BINDINGS = frozenset({"variable", "attribute", "key", "parameter"})
# the bindings of a list of name fragments (a variable, an attribute, what a function returns)
_FRAGMENT_BINDINGS = frozenset({"variable", "attribute", "returned by"})
# a model's variant written as the model and a note: "gpt-5.5 (low thinking)"
_VARIANT_NOTE = re.compile(r"([^\s()]+) \([a-z][a-z -]*\)", re.A)


@functools.lru_cache(maxsize=4)
def _local_imports(k: LoaderKnowledge) -> frozenset[str]:
    """The modules of the Python libraries the loader knowledge knows that load models
    themselves (no hosted API's SDK)."""
    out: set[str] = set()
    for lib in k.libraries.values():
        if lib.ecosystem == "python" and not any(ld.provider for ld in lib.loaders):
            out.update(m.split(".")[0] for m in lib.imports)
    return frozenset(out)


def _is_enum(node: ast.ClassDef) -> bool:
    """The class derives from an enumeration (``Enum``, ``StrEnum``, ``enum.Enum``)."""
    for base in node.bases:
        name = base.id if base.__class__ is ast.Name else getattr(base, "attr", None)
        if name in ("Enum", "StrEnum"):
            return True
    return False


_GROWERS = frozenset({"append", "extend", "insert", "add"})
# the node kinds the pass handles itself (a class-level table: a table of bound methods would make
# every pass a reference cycle, kept with its tree until the garbage collector runs)
_DISPATCH = {
    ast.Module: _Pass._body,
    ast.Interactive: _Pass._body,
    ast.FunctionDef: _Pass._function,
    ast.AsyncFunctionDef: _Pass._function,
    ast.Lambda: _Pass._lambda,
    ast.ClassDef: _Pass._class,
    ast.Assign: _Pass._assign,
    ast.AnnAssign: _Pass._annassign,
    ast.AugAssign: _Pass._augassign,
    ast.NamedExpr: _Pass._namedexpr,
    ast.For: _Pass._for,
    ast.AsyncFor: _Pass._for,
    ast.comprehension: _Pass._comprehension,
    ast.ListComp: _Pass._comprehended,
    ast.SetComp: _Pass._comprehended,
    ast.GeneratorExp: _Pass._comprehended,
    ast.DictComp: _Pass._comprehended,
    ast.withitem: _Pass._withitem,
    ast.ExceptHandler: _Pass._handler,
    ast.Call: _Pass._call,
    ast.Dict: _Pass._dict,
    ast.Attribute: _Pass._attribute,
    ast.Compare: _Pass._compare,
    ast.Return: _Pass._return,
    ast.If: _Pass._if,
    ast.Assert: _Pass._assert,
    ast.Expr: _Pass._value,
    ast.Starred: _Pass._value,
    ast.Tuple: _Pass._elts,
    ast.List: _Pass._elts,
    ast.Set: _Pass._elts,
    ast.BoolOp: _Pass._values,
    ast.JoinedStr: _Pass._joined,
    ast.Subscript: _Pass._subscript,
    ast.BinOp: _Pass._binop,
    ast.UnaryOp: _Pass._unaryop,
    ast.IfExp: _Pass._ifexp,
    ast.FormattedValue: _Pass._formatted,
    ast.Slice: _Pass._slice,
    ast.Match: _Pass._match,
}
if hasattr(ast, "TypeAlias"):  # Python 3.12
    _DISPATCH[ast.TypeAlias] = _Pass._type_alias


_TYPE_WRAPPERS = frozenset({"Union", "Optional", "Annotated", "Final", "ClassVar"})


def _type_name(node: ast.expr) -> str | None:
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)


def _literal_members(node: ast.expr | None, depth: int = 0) -> list[ast.Constant]:
    """The string literals a type admits: ``Literal["a", "b"]``, also inside ``Union[...]``,
    ``Optional[...]``, ``Annotated[..., x]`` (its type) and ``X | Y``."""
    if node is None or depth > 8:
        return []
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _literal_members(node.left, depth + 1) + _literal_members(node.right, depth + 1)
    if not isinstance(node, ast.Subscript):
        return []
    head = _type_name(node.value)
    items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    if head == "Literal":
        return [i for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
    if head in _TYPE_WRAPPERS:
        items = items[:1] if head == "Annotated" else items
        return [m for i in items for m in _literal_members(i, depth + 1)]
    return []


def _case_strings(pattern, depth: int = 0) -> list[ast.Constant]:
    """The string constants a ``case`` pattern matches (``case "a" | "b":``)."""
    if depth > 8 or pattern is None:
        return []
    if isinstance(pattern, ast.MatchValue):
        value = pattern.value
        return [value] if isinstance(value, ast.Constant) and isinstance(value.value, str) else []
    if isinstance(pattern, ast.MatchOr):
        return [c for p in pattern.patterns for c in _case_strings(p, depth + 1)]
    if isinstance(pattern, ast.MatchAs):
        return _case_strings(pattern.pattern, depth + 1)
    return []


def _is_env_call(func: ast.expr, last: str) -> bool:
    """``os.getenv(...)``, ``environ.get(...)``: a ``get`` counts on ``environ`` only."""
    if last not in ("get", "setdefault"):
        return True
    owner = func.value if isinstance(func, ast.Attribute) else None
    name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
    return name == "environ"


def _argument(call: ast.Call, position: int | None, keyword: str | None) -> ast.expr | None:
    """The argument at ``position`` (none after a ``*args``) or passed as ``keyword``."""
    if keyword:
        for kw in call.keywords:
            if kw.arg == keyword:
                return kw.value
    if (
        position is not None
        and position < len(call.args)
        and not any(isinstance(a, ast.Starred) for a in call.args[: position + 1])
    ):
        return call.args[position]
    return None


def _passed_for(call: ast.Call, sig: _Signature, name: str) -> ast.expr | None:
    """The argument ``call`` passes for the parameter ``name`` of ``sig``."""
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    if name not in sig.positional:
        return None
    return _argument(call, sig.positional.index(name), None)


def _declared_name(call: ast.Call, decl: dict) -> str | None:
    """The name a declaration call gives its setting: ``dest=``, else the first long option
    (``--model_name``), else its first name."""
    if decl.get("name_keyword"):
        node = _argument(call, None, decl["name_keyword"])
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
    if "name_position" not in decl:
        return None
    names = [
        a.value
        for a in call.args[decl["name_position"] :]
        if isinstance(a, ast.Constant) and isinstance(a.value, str)
    ]
    if decl.get("default_position") is not None:
        names = names[:1]
    longs = [n for n in names if n.startswith("--")]
    return (longs or names or [None])[0]


# --- what an expression can be ------------------------------------------------------------------


class _Unresolved(Exception):
    """An expression whose string is not known before run time; ``quiet``: it is an object
    (a model built at run time, a number, None), not an id computed at run time."""

    def __init__(self, reason: str, quiet: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.quiet = reason, quiet


class _ImportedValue(Exception):
    """A value imported from another module; ``arg``: the expression to evaluate there when it
    is not the argument as written (``Configuration.local_llm`` for ``configurable.local_llm``,
    ``configurable`` an instance of the imported class)."""

    def __init__(self, imported: _From, arg: ast.expr | None = None) -> None:
        super().__init__(imported.name)
        self.imported, self.arg = imported, arg


class _Val(NamedTuple):
    """A string an expression can be: the text, the literal it is written in, the
    environment variable whose default it is (None when it is not one), and whether it is a
    path joined from a folder and a name."""

    text: str
    literal: ast.AST
    env: str | None = None
    path: bool = False  # joined with pathlib's ``/``: a path in a folder, never a Hub id


class _Resolver:
    def __init__(self, p: _Pass) -> None:
        self.p = p
        self.k = p.k
        self.steps = 0
        self.active: set[tuple[int, str]] = set()
        self.templates: list[_Template] = []  # templates over a table of names (``_template``)
        self.env_calls = _env_calls(p.k)
        self.env_last = frozenset(call.rsplit(".", 1)[-1] for call, _ in self.env_calls)
        self.declared = p.declared
        self.at: _At | None = None  # where the expression being resolved is written

    def resolve(self, node: ast.expr, scope: _Scope, at: _At | None = None) -> list[_Val]:
        self.steps = 0
        self.at = at
        self.templates = []
        return self.values(node, scope)

    def lookup(self, name: str, scope: _Scope | None, at: _At | None = None) -> list | None:
        """The bindings of ``name`` as seen from ``scope``; with ``at``, those that can reach a
        use there (see _reaching)."""
        first = True
        while scope is not None:
            if not (scope.is_class and not first):
                bound = scope.names.get(name)
                if bound is not None:
                    return _reaching(bound, at if first else None, self.p.branches)
            first = False
            scope = scope.parent
        return None

    def values(self, node: ast.expr, scope: _Scope, depth: int = 0) -> list[_Val]:
        """Every string ``node`` can evaluate to (what is not known is left out when something
        is); raises _Unresolved / _ImportedValue when nothing is known."""
        self.steps += 1
        if depth > 24 or self.steps > _MAX_STEPS:
            raise _Unresolved("too deeply indirect")
        cls = node.__class__
        if cls is ast.Constant:
            if isinstance(node.value, str):
                return [_Val(node.value, node)]
            raise _Unresolved("not a string", quiet=True)
        if cls is ast.Name:
            return self._name(node.id, scope, depth)
        if cls is ast.Attribute:
            return self._attribute(node, scope, depth)
        if cls is ast.JoinedStr:
            return self._joined(node, scope, depth)
        if cls is ast.Subscript:
            return self._subscript(node, scope, depth)
        if cls is ast.IfExp:
            return self._any((node.body, node.orelse), scope, depth)
        if cls is ast.BoolOp:
            return self._any(node.values, scope, depth)
        if cls is ast.BinOp:
            return self._binop(node, scope, depth)
        if cls is ast.Call:
            return self._call(node, scope, depth)
        if cls is ast.NamedExpr:
            return self.values(node.value, scope, depth + 1)
        raise _Unresolved("computed at run time", quiet=cls in (ast.List, ast.Dict, ast.Tuple))

    def _any(self, nodes: Iterable[ast.expr], scope: _Scope, depth: int) -> list[_Val]:
        out: list[_Val] = []
        first: Exception | None = None
        for n in nodes:
            try:
                out.extend(self.values(n, scope, depth + 1))
            except (_Unresolved, _ImportedValue) as exc:
                first = first or exc.with_traceback(None)
        if out or first is None:
            return out
        try:
            raise first
        finally:  # the traceback holds this frame: the frame must not hold the error (a cycle)
            first = None

    def _bound(self, bound: list, depth: int, what: str) -> list[_Val]:
        out: list[_Val] = []
        first: Exception | None = None
        imported = None
        outer_at = self.at
        for value, where, at in bound:
            self.at = at
            try:
                if value is None:
                    raise _Unresolved(f"{what} is not a constant")
                if value is _LOCAL or value.__class__ is _Module:
                    raise _Unresolved(f"{what} is not a string", quiet=True)
                if value.__class__ is _From:
                    imported = value
                    continue
                if value.__class__ is _Param:
                    out.extend(self._passed(value, depth + 1))
                elif value.__class__ is _Items:
                    out.extend(self._items(value, where, depth + 1))
                else:
                    out.extend(self.values(value, where, depth + 1))
            except _Unresolved as exc:
                first = first or exc.with_traceback(None)
            finally:
                self.at = outer_at
        if out:
            return out
        if imported is not None:
            raise _ImportedValue(imported)
        first = first or _Unresolved(f"{what} is not a constant")
        try:
            raise first
        finally:  # as in _any: no reference cycle through this frame
            first = None

    def _name(self, name: str, scope: _Scope, depth: int) -> list[_Val]:
        bound = self.lookup(name, scope, self.at)
        if not bound:
            raise _Unresolved(f"{name} is not a constant")
        key = (id(bound), name)
        if key in self.active:
            raise _Unresolved(f"{name} depends on itself")
        self.active.add(key)
        try:
            return self._bound(bound, depth, name)
        finally:
            self.active.discard(key)

    def called(self, name: str, scope: _Scope, receiver: str | None) -> _Signature | None:
        """The function of this file a call of ``name`` (on ``receiver``: ``self``, ``cls`` or a
        class of the file) in ``scope`` calls, when it is one and only one; a class's call
        calls its ``__init__``."""
        sigs = self.p.signatures.get(name)
        if not sigs:
            return None
        if receiver is None:
            bound = self.lookup(name, scope)
            if not bound or bound[-1][0] is not _LOCAL:
                return None
            if name in self.p.classes:
                sigs = [s for s in sigs if s.name == "__init__" and s.owner == name]
            else:  # a plain name never calls a method
                sigs = [s for s in sigs if s.owner is None]
        else:  # self.f(...) / cls.f(...): the class's or a base's; Cls.f(...): that class's
            if receiver == scope.self_name:
                owners = {cs.name for cs in self._owner_scopes(scope)}
            elif receiver in self.p.classes:
                owners = {receiver}
            else:  # pipe.merge(...) with pipe = Merger(...) / Merger.from_pretrained(...)
                owners = {cs.name for cs in self._class_scopes(self._built_by(receiver, scope))}
            sigs = [s for s in sigs if s.owner is not None and s.owner in owners]
        return sigs[0] if len(sigs) == 1 else None

    def _built_by(self, name: str, scope: _Scope) -> str:
        """The class of this file whose instance the variable ``name`` holds, when its one
        binding is a call of the class or of one of its class methods (``Merger(...)``,
        ``Merger.from_pretrained(...)``); else ``name`` itself."""
        bound = self.lookup(name, scope)
        if not bound or len(bound) != 1 or not isinstance(bound[0][0], ast.Call):
            return name
        func = bound[0][0].func
        if isinstance(func, ast.Attribute):
            func = func.value
        if isinstance(func, ast.Name) and func.id in self.p.classes:
            return func.id
        return name

    def _passed(self, param: _Param, depth: int) -> list[_Val]:
        """What the file's own calls of a function pass for its parameter ``param``."""
        key = (id(param), "passed")
        if key in self.active:
            return []
        self.active.add(key)
        out: list[_Val] = []
        try:
            for arg, scope in self._local_arguments(param):
                with contextlib.suppress(_Unresolved, _ImportedValue):
                    out.extend(self.values(arg, scope, depth + 1))
            for member in param.members:
                out.extend(self.values(member, self.p.module, depth + 1))
        finally:
            self.active.discard(key)
        return out

    def _local_arguments(self, param: _Param) -> Iterator[tuple[ast.expr, object]]:
        """The argument each of the file's own calls of ``param``'s function passes for it,
        with the call's scope (``self.at`` set to the call's place)."""
        sig = param.sig
        name = sig.owner if sig.name == "__init__" and sig.owner else sig.name
        for call, scope, at, receiver in self.p.local_calls.get(name, ()):
            if self.called(name, scope, receiver) is not sig:
                continue
            arg = _passed_for(call, sig, param.name)
            if arg is not None:
                self.at = at
                yield arg, scope

    def _passed_container(self, param: _Param, depth: int):
        """The literal list or dict the file's own call of the function passes for ``param``
        (``pipe.merge(["org/a", "org/b"])`` with ``def merge(self, names)`` iterating over
        ``names``), as ``container`` gives it: the first such call's."""
        key = (id(param), "container")
        if key in self.active:
            return None
        self.active.add(key)
        outer_at = self.at
        try:
            for arg, scope in self._local_arguments(param):
                with contextlib.suppress(_Unresolved, _ImportedValue):
                    found = self.container(arg, scope, depth + 1)
                    if found is not None:
                        return found
        finally:
            self.active.discard(key)
            self.at = outer_at
        return None

    def _instance_of(
        self, kind: str, node: ast.Attribute, scope: _Scope
    ) -> tuple[list[_Scope], _ImportedValue | None]:
        """The scopes of class ``kind`` of this file that bind the field read off one of its
        instances (``node``); for a class imported from another module, the field to read
        there (``Kind.field``), asked when nothing here answers (an argparse default of the
        same name does)."""
        if kind in self.p.classes:
            scopes = self._class_scopes(kind)
            attr = node.attr
            return [s for s in scopes if attr in s.names or attr in s.attrs] and scopes, None
        bound = self.lookup(kind, scope)
        if bound and len(bound) == 1 and bound[0][0].__class__ is _From:
            imported = bound[0][0]
            arg = ast.Attribute(
                value=ast.Name(id=imported.local, ctx=ast.Load()), attr=node.attr, ctx=ast.Load()
            )
            return [], _ImportedValue(imported, ast.copy_location(arg, node))
        return [], None

    def _class_scopes(self, name: str) -> list[_Scope]:
        """A class of this file and its bases (of this file)."""
        out: list[_Scope] = []
        todo = [name]
        while todo and len(out) < 16:
            scopes = self.p.classes.get(todo.pop(0), ())
            for s in scopes:
                if s not in out:
                    out.append(s)
                    todo.extend(s.bases)
        return out

    def _subclass_scopes(self, cls: _Scope) -> list[_Scope]:
        """The file's subclasses of ``cls``, theirs too (at most 64)."""
        out: list[_Scope] = []
        names = [cls.name]
        while names and len(out) < 64:
            name = names.pop(0)
            for scopes in self.p.classes.values():
                for s in scopes:
                    if name in s.bases and s not in out and s is not cls:
                        out.append(s)
                        names.append(s.name)
        return out

    def _owner_scopes(self, scope: _Scope) -> list[_Scope]:
        owner = scope.owner
        if owner is None:
            return []
        out = [owner]
        for base in owner.bases:
            out.extend(self._class_scopes(base))
        return out

    def _attribute(self, node: ast.Attribute, scope: _Scope, depth: int) -> list[_Val]:
        recv, attr = node.value, node.attr
        if isinstance(recv, ast.Name):
            classes: list[_Scope] = []
            ctor: ast.Call | None = None
            imported: _From | None = None
            elsewhere: _ImportedValue | None = None  # the field of an imported class
            if recv.id == scope.self_name:
                classes = self._owner_scopes(scope)
            else:
                bound = self.lookup(recv.id, scope)
                if bound and len(bound) == 1 and bound[0][0].__class__ is _From:
                    imported = bound[0][0]
                if bound and len(bound) == 1 and bound[0][0] is _LOCAL:
                    classes = self._class_scopes(recv.id)
                elif bound and len(bound) == 1 and isinstance(bound[0][0], ast.Call):
                    call = bound[0][0]
                    if isinstance(call.func, ast.Name) and call.func.id in self.p.classes:
                        classes, ctor = self._class_scopes(call.func.id), call
                    else:
                        # configurable = Configuration.from_runnable_config(config)
                        kind = _factory_class(call)
                        if kind is not None:
                            classes, elsewhere = self._instance_of(kind, node, scope)
                elif bound and len(bound) == 1 and bound[0][0].__class__ is _Param:
                    # def get_llm(configurable: Configuration): an instance of that class
                    kind = bound[0][0].kind
                    if kind is not None:
                        classes, elsewhere = self._instance_of(kind, node, scope)
                elif bound and len(bound) == 1 and isinstance(bound[0][0], ast.Subscript):
                    # spec = CONFIGS[name]; spec.repo_id: a field of the registry's records
                    got = self._record_field(bound[0][0], attr, bound[0][1] or scope, depth)
                    if got:
                        return got
            if ctor is not None:
                for kw in ctor.keywords:
                    if kw.arg == attr:
                        return self.values(kw.value, scope, depth + 1)
            bound = []
            for cs in classes:
                bound.extend(cs.names.get(attr, ()))
                bound.extend(cs.attrs.get(attr, ()))
            if not bound and classes and recv.id == scope.self_name:
                # a base class's method reading what its subclasses set (class K22(Base):
                # name = "org/x" with Base.init_model loading self.name): each subclass's value
                for cs in self._subclass_scopes(classes[0]):
                    bound.extend(cs.names.get(attr, ()))
            if bound:
                return self._bound(bound, depth, f"{recv.id}.{attr}")
            if not classes and attr in self.p.options:  # args.model: an argparse default
                return self._bound(self.p.options[attr], depth, f"{recv.id}.{attr}")
            if imported is not None and not imported.level:  # ModelTypes.GRANITE_13B_CHAT_V2
                member = self._member(f"{imported.module}.{imported.name}", attr, node)
                if member is not None:
                    return [member]
            if elsewhere is not None:
                raise elsewhere
        elif isinstance(recv, ast.Subscript):  # CONFIGS[name].repo_id
            got = self._record_field(recv, attr, scope, depth)
            if got:
                return got
        elif isinstance(recv, ast.Attribute) and attr in self.p.options:  # self.args.model
            return self._bound(self.p.options[attr], depth, attr)
        elif isinstance(recv, ast.Attribute) and isinstance(recv.value, ast.Name):
            bound = self.lookup(recv.value.id, scope)  # aai.SpeechModel.best (import ... as aai)
            if bound and len(bound) == 1 and bound[0][0].__class__ is _Module:
                member = self._member(f"{bound[0][0].name}.{recv.attr}", attr, node)
                if member is not None:
                    return [member]
        raise _Unresolved("attribute computed at run time")

    def _picked(self, node: ast.expr, scope: _Scope) -> tuple[ast.Subscript, _Scope] | None:
        """The subscript ``node`` is, or the one a name is bound to (``spec = CONFIGS[name]``)."""
        if isinstance(node, ast.Subscript):
            return node, scope
        if isinstance(node, ast.Name):
            bound = self.lookup(node.id, scope, self.at)
            if bound and len(bound) == 1 and isinstance(bound[0][0], ast.Subscript):
                return bound[0][0], bound[0][1] or scope
        return None

    def _records(self, node: ast.Subscript, scope: _Scope, depth: int) -> list[tuple]:
        """(entry, its scope) for each entry of a literal table ``node`` can pick: the one a
        constant key names, every entry for a key known only at run time (``CONFIGS[name]``)."""
        container = self.container(node.value, scope, depth + 1)
        if container is None:
            return []
        kind, items, where = container
        key = node.slice
        if isinstance(key, ast.Constant):
            if kind == "dict":
                return [
                    (v, where)
                    for k, v in items
                    if isinstance(k, ast.Constant) and k.value == key.value
                ]
            if isinstance(key.value, int) and -len(items) <= key.value < len(items):
                return [(items[key.value], where)]
            return []
        return [(v, where) for _, v in items] if kind == "dict" else [(v, where) for v in items]

    def _record_field(
        self, node: ast.Subscript, field: str, scope: _Scope, depth: int
    ) -> list[_Val]:
        """``CONFIGS[name].repo_id``: the ``field`` keyword of each record the table holds
        (``ModelSpec(repo_id="org/x", ...)``, ``SimpleNamespace(...)``): what a registry of model
        configurations gives the code that looks an entry up."""
        out: list[_Val] = []
        for entry, where in self._records(node, scope, depth):
            if not isinstance(entry, ast.Call):
                continue
            for kw in entry.keywords:
                if kw.arg == field:
                    with contextlib.suppress(_Unresolved, _ImportedValue):
                        out.extend(self.values(kw.value, where, depth + 1))
        return out

    def _joined(self, node: ast.JoinedStr, scope: _Scope, depth: int) -> list[_Val]:
        parts: list[list[str]] = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                parts.append([str(v.value)])
            elif isinstance(v, ast.FormattedValue) and v.format_spec is None and v.conversion == -1:
                try:
                    parts.append([x.text for x in self.values(v.value, scope, depth + 1)])
                except (_Unresolved, _ImportedValue):
                    filled = self._template(node)
                    if filled:
                        return filled
                    raise _Unresolved("f-string built at run time") from None
            else:
                raise _Unresolved("f-string built at run time")
        return [_Val(t, node) for t in _product(parts)]

    def _template(self, node: ast.JoinedStr) -> list[_Val]:
        """``f"distil-whisper/{model_size}"`` whose one placeholder, a model-naming name, is
        known only at run time, where the fixed text names a library with a table of names
        (whisper's sizes): a template over that finite set. The names of the table the file
        lists under a model-naming name fill it here (those the ``if`` around it admits:
        ``model_size.startswith("distil")``); the template is kept (``templates``) for the
        names the rest of the repository gives (``resolve_templates``)."""
        holes = [v for v in node.values if isinstance(v, ast.FormattedValue)]
        if len(holes) != 1:
            return []
        hole = holes[0].value
        name = _last_name(hole)
        nc = self.k.name_context(name) if name else None
        if nc is None or not nc.names_model or nc.is_decoy:
            return []
        i = node.values.index(holes[0])
        prefix = "".join(str(v.value) for v in node.values[:i])
        suffix = "".join(str(v.value) for v in node.values[i + 1 :])
        maps = context.family_maps(prefix + suffix)
        if not maps:
            return []
        guards = self._guards(hole)
        written = ast.unparse(node)[:120]
        template = _Template(prefix, suffix, written, maps, guards, node.lineno, node.col_offset)
        if template not in self.templates:
            self.templates.append(template)
        out: list[_Val] = []
        seen: set[str] = set()
        for literal in self._listed_names(maps):
            text = literal.value
            if text not in seen and _admits(guards, text):
                seen.add(text)
                out.append(_Val(prefix + text + suffix, literal))
        return out

    def _guards(self, hole: ast.expr) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
        """What the ``if`` statements around the expression being read say of ``hole``: (test,
        values, negated) for ``x.startswith("a")``, ``x.endswith(...)``, ``x == "a"``,
        ``x in ("a", "b")`` and their ``not``; an ``else`` negates its ``if``."""
        if self.at is None:
            return ()
        target = _dotted(hole)
        out = []
        for block in self.at[2]:
            guard = self.p.guards.get(block)
            if guard is not None and target:
                for part, orelse in _conjuncts(guard[0], guard[1]):
                    test = _guard_test(part, target)
                    if test is not None:
                        out.append((test[0], test[1], test[2] != orelse))
        return tuple(out)

    def _listed_names(self, maps: tuple[str, ...]) -> list[ast.Constant]:
        """The string literals the file lists under a model-naming name (``distil_models =
        [...]``) that one of ``maps`` knows."""
        out = []
        for _name, _what, value, _scope, _at in self.p.named:
            elts = value.elts if isinstance(value, (ast.List, ast.Tuple, ast.Set)) else [value]
            for e in elts:
                if _is_str(e) and any(self.k.map_name(m, e.value) is not None for m in maps):
                    out.append(e)
        return out

    def _binop(self, node: ast.BinOp, scope: _Scope, depth: int) -> list[_Val]:
        if isinstance(node.op, ast.Add):
            left = self.values(node.left, scope, depth + 1)
            # ``if model.startswith("ollama/"): model = model + ":latest"``: only the values
            # the ``if`` around the expression admits take the suffix
            guards = self._guards(node.left)
            if guards:
                left = [x for x in left if _admits(guards, x.text)]
            right = self.values(node.right, scope, depth + 1)
            return [
                _Val(t, node) for t in _product([[x.text for x in left], [x.text for x in right]])
            ]
        if isinstance(node.op, ast.Div):  # pathlib: a file under a folder
            right = self.values(node.right, scope, depth + 1)
            try:
                left = [x.text for x in self.values(node.left, scope, depth + 1)]
            except (_Unresolved, _ImportedValue):
                # the folder is known only at run time: a file name still names the file
                files = [x for x in right if _FILE_NAME.fullmatch(x.text)]
                if files:
                    return files
                raise
            joined = _product([left, ["/"], [x.text for x in right]])
            return [_Val(t, node, path=True) for t in joined]
        raise _Unresolved("computed at run time")

    def _call(self, node: ast.Call, scope: _Scope, depth: int) -> list[_Val]:
        env = self.env_lookup(node, scope)
        if env is not None:
            name, default = env
            if default is None:
                raise _Unresolved("environment lookup")
            return [v._replace(env=v.env or name) for v in self.values(default, scope, depth + 1)]
        func = node.func
        last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        decl = self.declared.get(last) if last else None
        if decl is not None:  # field(default=...), Field("..."), typer.Option("...")
            default = _argument(node, decl.get("default_position"), decl.get("default_keyword"))
            if default is not None:
                return self.values(default, scope, depth + 1)
        if last in _IDENTITY_CALLS and len(node.args) == 1 and not node.keywords:
            return self.values(node.args[0], scope, depth + 1)
        if isinstance(func, ast.Attribute) and func.attr in _IDENTITY_METHODS and not node.args:
            return self.values(func.value, scope, depth + 1)
        if (  # "mn,en".split(","): each part
            isinstance(func, ast.Attribute)
            and func.attr == "split"
            and len(node.args) == 1
            and _is_str(node.args[0])
            and node.args[0].value
        ):
            sep = node.args[0].value
            return [
                v._replace(text=part.strip())
                for v in self.values(func.value, scope, depth + 1)
                for part in v.text.split(sep)
                if part.strip()
            ]
        if isinstance(func, ast.Attribute) and func.attr == "get" and node.args:
            container = self.container(func.value, scope, depth + 1)
            got = []
            if container is not None:
                got = self._lookup_key(container, node.args[0], scope, depth)
            if len(node.args) > 1:  # config.get("model", "org/x"): the default when it is unset
                with contextlib.suppress(_Unresolved, _ImportedValue):
                    got = got + self.values(node.args[1], scope, depth + 1)
            if got:
                return got
        raise _Unresolved("computed at run time", quiet=True)

    def env_lookup(self, node: ast.expr, scope: _Scope) -> tuple[str, ast.expr | None] | None:
        """(variable, default expression) of ``os.getenv("X", default)``, ``os.environ.get``,
        ``os.environ["X"]`` (no default) ...; None for any other expression."""
        if isinstance(node, ast.Subscript):
            if _dotted(node.value).removeprefix("os.") == "environ":
                key = node.slice
                name = key.value if isinstance(key, ast.Constant) else None
                return (str(name) if name is not None else "?"), None
            return None
        if not isinstance(node, ast.Call):
            return None
        func = node.func
        last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if last not in self.env_last:
            return None
        dotted = _dotted(func).removeprefix("os.")
        if not dotted:
            return None
        for call, position in self.env_calls:
            if dotted == call or dotted.endswith("." + call):
                if not node.args:
                    return None
                key = node.args[0]
                name = key.value if isinstance(key, ast.Constant) else None
                if not isinstance(name, str):
                    try:
                        got = self.values(key, scope)
                        name = got[0].text if len(got) == 1 else None
                    except (_Unresolved, _ImportedValue):
                        name = None
                default = _argument(node, position, "default") if position is not None else None
                return name or "?", default
        return None

    def _member(self, enum: str, name: str, node: ast.AST, env: str | None = None):
        """The value of the member ``name`` of the enumeration ``enum`` (its qualified name) a
        library's name map lists (ibm_watsonx_ai's ModelTypes: the model id), else None."""
        ref = self.k.enumeration(enum)
        m = self.k.map_name(ref, name) if ref is not None else None
        if m is None:
            return None
        if m.hosted_id or m.hub_id:
            return _Val(m.hosted_id or m.hub_id, node, env)
        # a member of an enumeration of platforms (ModelPlatformType.GROQ): the provider
        return _Val(m.provider, node, env) if m.provider else None

    def _subscript(self, node: ast.Subscript, scope: _Scope, depth: int) -> list[_Val]:
        if self.env_lookup(node, scope) is not None:
            raise _Unresolved("environment lookup")
        if isinstance(node.value, ast.Name):  # ModelTypes[os.getenv("MODEL_TYPE", "X")]
            bound = self.lookup(node.value.id, scope)
            imported = bound[0][0] if bound and len(bound) == 1 else None
            enum = f"{imported.module}.{imported.name}" if imported.__class__ is _From else None
            if enum and not imported.level and self.k.enumeration(enum):
                keys = self.values(node.slice, scope, depth + 1)
                members = [self._member(enum, k.text, k.literal, k.env) for k in keys]
                if any(members):
                    return [m for m in members if m is not None]
        container = self.container(node.value, scope, depth + 1)
        if container is None:
            picked = self._picked(node.value, scope)
            if picked is not None and isinstance(node.slice, ast.Constant):
                # CONFIGS[name]["repo"], spec = CONFIGS[name]; spec["repo"]: the key of each
                # record the table holds
                got = []
                for entry, where in self._records(*picked, depth):
                    record = self.container(entry, where, depth + 1)
                    if record is not None and record[0] == "dict":
                        got.extend(self._lookup_key(record, node.slice, where, depth))
                if got:
                    return got
            raise _Unresolved("subscript computed at run time")
        got = self._lookup_key(container, node.slice, scope, depth)
        if got:
            return got
        raise _Unresolved("subscript computed at run time")

    def _lookup_key(self, container, key: ast.expr, scope: _Scope, depth: int) -> list[_Val]:
        """The values ``container[key]`` can be: the entry a constant key names, every entry
        for a key computed at run time (``MODELS[name]``)."""
        kind, items, where = container
        if isinstance(key, ast.Constant):
            if kind == "dict":
                for k, v in items:
                    if isinstance(k, ast.Constant) and k.value == key.value:
                        return self.values(v, where, depth + 1)
                return []
            if isinstance(key.value, int) and -len(items) <= key.value < len(items):
                return self.values(items[key.value], where, depth + 1)
            return []
        values = [v for _, v in items] if kind == "dict" else list(items)
        return self._any(values, where, depth) if values else []

    def container(self, node: ast.expr, scope: _Scope, depth: int):
        """("dict", [(key, value)], scope) or ("seq", [items], scope) for a literal the
        expression names, else None."""
        if depth > 24:
            return None
        cls = node.__class__
        if cls is ast.Dict:
            return "dict", list(zip(node.keys, node.values, strict=True)), scope
        if cls in (ast.List, ast.Tuple, ast.Set):
            return "seq", node.elts, scope
        if (
            cls is ast.Call
            and isinstance(node.func, ast.Name)
            and node.func.id == "dict"
            and not node.args
        ):
            pairs = [(ast.Constant(kw.arg), kw.value) for kw in node.keywords if kw.arg]
            return "dict", pairs, scope
        if cls is ast.Name:
            bound = self.lookup(node.id, scope, self.at)
            if not bound:
                return None
            if len(bound) == 1 and bound[0][0].__class__ is _From:
                raise _ImportedValue(bound[0][0])
            for value, where, _at in bound:
                if isinstance(value, ast.expr):
                    found = self.container(value, where, depth + 1)
                    if found is not None:
                        return found
                elif value.__class__ is _Param:
                    found = self._passed_container(value, depth)
                    if found is not None:
                        return found
            return None
        if cls is ast.Subscript and isinstance(node.slice, ast.Constant):
            outer = self.container(node.value, scope, depth + 1)
            if outer is None:
                return None
            kind, items, where = outer
            key = node.slice.value
            if kind == "dict":
                for k, v in items:
                    if isinstance(k, ast.Constant) and k.value == key:
                        return self.container(v, where, depth + 1)
            elif isinstance(key, int) and -len(items) <= key < len(items):
                return self.container(items[key], where, depth + 1)
            return None
        if cls is ast.Attribute and isinstance(node.value, ast.Name):
            classes = (
                self._owner_scopes(scope)
                if node.value.id == scope.self_name
                else self._class_scopes(node.value.id)
            )
            for cs in classes:
                for value, where, _at in (
                    *cs.names.get(node.attr, ()),
                    *cs.attrs.get(node.attr, ()),
                ):
                    if isinstance(value, ast.expr):
                        found = self.container(value, where, depth + 1)
                        if found is not None:
                            return found
        return None

    def _items(self, items: _Items, scope: _Scope, depth: int) -> list[_Val]:
        node = items.node
        part = items.part
        if isinstance(node, ast.Call) and not node.keywords:
            func = node.func
            if len(node.args) == 1 and isinstance(func, ast.Name) and func.id in _ITERATION_CALLS:
                return self._items(_Items(node.args[0], part), scope, depth + 1)
            if (
                not node.args
                and isinstance(func, ast.Attribute)
                and func.attr in ("values", "keys")
            ):
                return self._items(_Items(func.value, func.attr), scope, depth + 1)
        container = self.container(node, scope, depth + 1)
        if container is None:
            raise _Unresolved("iterates over a value computed at run time")
        kind, elts, where = container
        if kind == "dict":
            elts = [v for _, v in elts] if part == "values" else [k for k, _ in elts if k]
        return self._any(elts, where, depth) if elts else []


class _Template(NamedTuple):
    """``f"openai/whisper-{model_size}"``: the fixed text around the one placeholder, the
    expression as written, the name tables (``library:id``) its values come from, and what the
    ``if`` around it admits (``_admits``)."""

    prefix: str
    suffix: str
    written: str
    maps: tuple[str, ...]
    guards: tuple[tuple[str, tuple[str, ...], bool], ...]
    line: int
    col: int


def _rewrites_subject(node: ast.If) -> bool:
    """``if model in ("claude-3.5", "claude-3-5"): model = "claude-3-5-sonnet-20240620"``: the
    ``if`` tests a name against constant strings and the first statement of its body that
    mentions the name writes a new value over it, one that does not read it: the values matched
    are aliases rewritten before anything uses them, not models the code picks."""
    test = node.test
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], (ast.Eq, ast.In))
        and _constants(test.comparators[0])
    ):
        return False
    subject = _dotted(test.left)
    if not subject:
        return False
    for stmt in node.body:
        if not _mentions(stmt, subject):
            continue
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        else:
            return False
        return any(_dotted(t) == subject for t in targets) and not _mentions(value, subject)
    return False


def _mentions(node: ast.AST, subject: str) -> bool:
    return any(
        _dotted(n) == subject for n in ast.walk(node) if isinstance(n, (ast.Name, ast.Attribute))
    )


def _conjuncts(test: ast.expr, orelse: bool) -> list[tuple[ast.expr, bool]]:
    """The tests that each hold in a branch of ``if test:`` (its body, or its ``else`` when
    ``orelse``), each with whether the branch negates it: every operand of an ``and`` in the
    body, of an ``or`` in the ``else``; a test of the other kind constrains no operand alone."""
    if isinstance(test, ast.BoolOp):
        if isinstance(test.op, ast.And) != orelse:
            return [p for v in test.values for p in _conjuncts(v, orelse)]
        return []
    return [(test, orelse)]


def _guard_test(test: ast.expr, target: str) -> tuple[str, tuple[str, ...], bool] | None:
    """(test, values, negated) when ``test`` tests the expression ``target`` against constant
    strings, else None."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _guard_test(test.operand, target)
        return (inner[0], inner[1], not inner[2]) if inner is not None else None
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Attribute)
        and test.func.attr in ("startswith", "endswith")
        and len(test.args) == 1
        and not test.keywords
        and _dotted(test.func.value) == target
    ):
        values = _constants(test.args[0])
        return (test.func.attr, values, False) if values else None
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and _dotted(test.left) == target
        and isinstance(test.ops[0], (ast.Eq, ast.NotEq, ast.In, ast.NotIn))
    ):
        values = _constants(test.comparators[0])
        negated = isinstance(test.ops[0], (ast.NotEq, ast.NotIn))
        return ("in", values, negated) if values else None
    return None


def _constants(node: ast.expr) -> tuple[str, ...]:
    if _is_str(node):
        return (node.value,)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and all(_is_str(e) for e in node.elts):
        return tuple(e.value for e in node.elts)
    return ()


def _admits(guards: tuple[tuple[str, tuple[str, ...], bool], ...], value: str) -> bool:
    for test, values, negated in guards:
        if test == "startswith":
            hit = value.startswith(values)
        elif test == "endswith":
            hit = value.endswith(values)
        else:
            hit = value in values
        if hit == negated:
            return False
    return True


def _product(parts: list[list[str]]) -> list[str]:
    out = [""]
    for options in parts:
        out = [a + b for a in out for b in options]
        if len(out) > _MAX_COMBINATIONS:
            raise _Unresolved("built from too many values")
    return out


def _dotted(node: ast.expr) -> str:
    """``os.environ.get`` for the expression as written; "" when it is not a dotted name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    parts.append(node.id)
    return ".".join(reversed(parts))


def _env_calls(k: LoaderKnowledge) -> tuple[tuple[str, int | None], ...]:
    return tuple(
        (e["call"].removeprefix("os."), e.get("default_position"))
        for e in k.env_lookups
        if e["call"].removeprefix("os.") != "environ"
    )


# --- calls: which loader, and what it makes of its arguments -------------------------------------


class _Callee(NamedTuple):
    name: str
    module: str | None  # the module a called name was imported from
    receiver: str | None  # a method's receiver as written (module names spelt out)
    built_from: str | None  # the callable whose result the receiver is (ollama.Client)
    chain: str  # attributes between that result and the method (chat.completions)
    client: ast.Call | None  # the call that built the receiver
    client_scope: _Scope | None


class _Found(NamedTuple):
    ident: Identity
    evidence: str
    location: Location
    revision: str | None
    literal_line: int
    metadata: ArtifactMetadata | None = None
    loaded: bool = False  # a loader's argument, not a name's value


class _Scan:
    """What one file's places name, once the pass has bound every name."""

    def __init__(self, p: _Pass, ctx: Context, lines: list[str], pending: list | None) -> None:
        self.p = p
        self.k = p.k
        self.ctx = ctx
        self.lines = lines
        self.pending = pending
        self.r = _Resolver(p)
        self.found: list[_Found] = []
        # (line, id) of literals a loader reads as a Space's repository (repo_type="space"):
        # what a name around them says does not make them models
        self.spaces: set[tuple[int, str]] = set()
        # dict literals a loader argument of shape ``mapping`` read (api_params={"model": …})
        self.read_dicts: set[int] = set()
        self.unresolvable: list[Unresolvable] = []
        # unresolvable arguments whose text is written once the scan is done, innermost first
        self._unwritten: list[tuple[int, Location, ast.expr, str]] = []
        self.texts: dict[int, tuple[str, bool]] = {}  # calls' texts (_PrefixUnparser)
        self.destinations: dict[str, int] = {}  # value -> first line the file writes it to
        self.destination_literals: set[int] = set()  # those places, and the literals they hold
        self.names = _callable_names(self.k)
        self.imported = frozenset(p.imported)  # which of a family of libraries the file uses
        self.loader_of: dict[int, tuple[Loader, _Callee] | None] = {}
        self.at: _At | None = None  # where the place being read is
        # the loader that reads a setting by its key, in a class (or the module): (class name,
        # normalised key) -> (loader, id mode, how it reads it, display name)
        self.fed: dict[tuple[str | None, str], tuple] = {}
        # the file's name (groq_generator), the context of its module-level settings
        self.stem = posixpath.splitext(posixpath.basename(ctx.rel))[0] or None
        self._api_provider: list[str | None] = []
        self._config_docs: dict[str, object] = {}  # a configuration file's YAML, read once
        self._own_libraries: dict[str, bool] = {}  # library -> the repository is it

    def _routed_to_base_url(self, v: _Val) -> tuple[Identity, str] | None:
        """``model = "openai/i"`` where the same function sets ``api_base`` to a remote API
        (``self.api_base = "https://api.example.ai/v0"``): LiteLLM's ``openai/`` route to that
        OpenAI-compatible API, and the rest its model name, not a Hub repository. Only a prefix
        that depends on the base URL, and only a base URL that is neither local nor the Hub."""
        pre = self.k.prefix(v.text)
        if pre is None or pre[0].kind != "depends" or not pre[1] or "/" in pre[1]:
            return None
        if "openai" not in pre[0].prefix.lower():  # openai/, openai_like/, custom_openai/
            return None
        line = getattr(v.literal, "lineno", None)
        if line is None:
            return None
        for (start, end), url in self.p.base_urls:
            if not start <= line <= end or self.k.local_server(url):
                continue
            host = url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()
            if not host or host.endswith(("huggingface.co", "hf.co")):
                continue
            by = self.k.provider_for_url(url)
            ident = Identity(pre[1], HOSTED, by.provider if by else None)
            return ident, f" (an OpenAI-compatible API at {host}, its base URL set beside it)"
        return None

    def api_provider(self) -> str | None:
        """The hosted provider whose API the module talks to, when that provider serves open
        models under their Hub names (Replicate's ``black-forest-labs/flux-2-klein-4b``,
        Together's ``meta-llama/...``): the module binds that provider's API base URL at its top
        (``REPLICATE_API_BASE_URL = "https://api.replicate.com/v1"``), no other provider's, and
        imports no library that loads models itself. Its Hub-shaped model names are that
        provider's models, not downloads."""
        if not self._api_provider:
            found = {self.k.provider_for_url(url) for url in self.p.module_urls}
            found.discard(None)
            provider = None
            if len(found) == 1:
                only = found.pop()
                if only.serves_open_weights and not self.imported & _local_imports(self.k):
                    provider = only.provider
            self._api_provider.append(provider)
        return self._api_provider[0]

    # which loader

    def callee(self, call: ast.Call, scope: _Scope) -> _Callee | None:
        func = call.func
        r = self.r
        if isinstance(func, ast.Name):
            bound = r.lookup(func.id, scope)
            if bound:
                value = bound[-1][0]
                if value.__class__ is _From and not value.level:
                    return _Callee(value.name, value.module, None, None, "", None, None)
                return None  # a function, class or variable of this file
            return _Callee(func.id, None, None, None, "", None, None)
        if not isinstance(func, ast.Attribute):
            return None
        parts: list[str] = []
        node = func.value
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        parts.reverse()
        if isinstance(node, ast.Call):
            return self._client_call(func.attr, node, scope, parts)
        if not isinstance(node, ast.Name):
            return None
        if node.id == scope.self_name and parts:
            built = self._bound_call(ast.Attribute(node, parts[0]), scope)
            if built is not None:
                return self._client_call(func.attr, built[0], built[1], parts[1:])
        bound = r.lookup(node.id, scope)
        value = bound[-1][0] if bound and len(bound) == 1 else None
        if value.__class__ is _Module:
            return _Callee(func.attr, None, ".".join([value.name, *parts]), None, "", None, None)
        if value.__class__ is _From:
            if value.level:
                return None
            receiver = ".".join([value.name, *parts])
            if not parts:
                full = f"{value.module}.{value.name}"
                return _Callee(func.attr, None, receiver, None, "", None, None)._replace(
                    receiver=full if self._exact(full, func.attr) else receiver
                )
            return _Callee(func.attr, None, receiver, None, "", None, None)
        if isinstance(value, ast.Call):
            return self._client_call(func.attr, value, bound[0][1], parts)
        if bound and not parts:
            built = self._bound_call(node, scope)
            if built is not None:
                return self._client_call(func.attr, built[0], built[1], [])
        return _Callee(func.attr, None, ".".join([node.id, *parts])[-200:], None, "", None, None)

    def _exact(self, qualname: str, name: str) -> bool:
        return self.k.loader(f"{qualname}.{name}") is not None

    def _bound_call(self, node: ast.expr, scope: _Scope) -> tuple[ast.Call, _Scope] | None:
        """The constructor call a name or ``self.attr`` was bound to, when there is one."""
        r = self.r
        if isinstance(node, ast.Name):
            bound = r.lookup(node.id, scope) or []
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            bound = []
            for cs in r._owner_scopes(scope):
                bound.extend(cs.names.get(node.attr, ()))
                bound.extend(cs.attrs.get(node.attr, ()))
        else:
            return None
        for value, where, _at in bound:
            if isinstance(value, ast.Call) and where is not None:
                return value, where
        return None

    def _client_call(
        self, name: str, client: ast.Call, scope: _Scope | None, parts: list[str]
    ) -> _Callee:
        built = self.qualname(client.func, scope) if scope is not None else None
        receiver = parts[-1] if parts else None
        return _Callee(name, None, receiver, built, ".".join(parts), client, scope)

    def qualname(self, func: ast.expr, scope: _Scope) -> str | None:
        """``openai.OpenAI`` for a callable as the imports name it."""
        dotted = _dotted(func)
        if not dotted:
            return None
        root, _, rest = dotted.partition(".")
        bound = self.r.lookup(root, scope)
        value = bound[-1][0] if bound else None
        if value.__class__ is _From:
            if value.level:
                return None
            root = f"{value.module}.{value.name}" if value.module else value.name
        elif value.__class__ is _Module:
            root = value.name
        elif value is not None:
            return None
        return f"{root}.{rest}" if rest else root

    def loader(self, call: ast.Call, scope: _Scope) -> tuple[Loader, _Callee] | None:
        key = id(call)
        if key in self.loader_of:
            return self.loader_of[key]
        found = None
        func = call.func
        last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if isinstance(func, ast.Name) and last not in self.names:
            bound = self.r.lookup(last, scope)
            if bound and bound[-1][0].__class__ is _From:
                last = bound[-1][0].name  # from ollama import chat as ask
        if last in self.names:
            callee = self.callee(call, scope)
            if callee is not None:
                found = self._choose(callee)
        elif last == "__init__" and _is_super(func) and scope.owner is not None:
            found = self._base_loader(scope)
        self.loader_of[key] = found
        return found

    def _base_loader(self, scope: _Scope) -> tuple[Loader, _Callee] | None:
        """``super().__init__(hf_repo=...)`` in a subclass of a loader class the file imports
        (``class MyTask(LightevalTaskConfig)``): that class's constructor."""
        for base in scope.owner.bases:
            bound = self.r.lookup(base, scope)
            value = bound[-1][0] if bound else None
            if value.__class__ is _From and not value.level:
                callee = _Callee(value.name, value.module, None, None, "", None, None)
                found = self._choose(callee)
                if found is not None and found[0].form == "constructor":
                    return found
        return None

    def _choose(self, c: _Callee) -> tuple[Loader, _Callee] | None:
        for ld in _loaders_for(self.k, c.name, c.module, c.receiver, c.built_from):
            if c.receiver is None and c.module is None and c.built_from is None:
                # a name called without an import: only a library the file imports
                lib = self.k.libraries[ld.library]
                if not any(i.split(".")[0] in self.p.imported for i in lib.imports):
                    continue
            chain = ld.receiver.chain if ld.receiver is not None else ()
            if c.built_from and chain and c.chain not in chain:
                continue  # client.files.create: not a method that takes a model
            return ld, c
        return None

    # the scan

    def run(self) -> None:
        p = self.p
        placed = [(call, scope, at, self.loader(call, scope)) for call, scope, at in p.calls]
        # what the file writes models to, before anything is reported
        for call, scope, at, found in placed:
            self.at = at
            if found is not None and found[0].kind == "destination":
                for arg in found[0].args:
                    if arg.role == "destination":
                        self._destination(_arg_node(call, arg), scope)
            for kw in call.keywords:
                if kw.arg and self._role(kw.arg) == "destination":
                    self._destination(kw.value, scope)
            decl = p.declared.get(_last_name(call.func))
            if decl is not None and ("name_position" in decl or "name_keyword" in decl):
                self._output_option(call, decl, scope)
        passed = self._passed_by_position()
        for name, _what, value, scope, at in [*p.named, *passed]:
            if self._role(name) == "destination":
                self.at = at
                self._destination(value, scope)
        for call, scope, at, found in placed:
            self.at = at
            consumed: set[str] = set()
            if found is not None:
                consumed = self._loader_call(call, scope, *found)
            self._keywords(call, scope, consumed)
            if self.k.request_body_keywords:
                self._request_body(call, scope)
            env = self.r.env_lookup(call, scope)
            if env is not None and env[1] is not None:
                self._named(env[0], "env", env[1], scope)
            decl = p.declared.get(_last_name(call.func))
            if decl is not None and ("name_position" in decl or "name_keyword" in decl):
                name = _declared_name(call, decl)
                default = _argument(call, decl.get("default_position"), decl.get("default_keyword"))
                choices = _argument(call, None, decl.get("choices_keyword"))
                what = "option" if name and name.startswith("-") else "argument"
                if name and default is not None:
                    self._named(name, what, default, scope)
                if name and choices is not None:
                    self._named(name, f"{what} choice of", choices, scope)
                    if default is not None:
                        self._sibling_choices(name, what, default, choices, scope)
        faked = p.cache_named if p.cache_named and _test_module(self.ctx.rel) else ()
        fragments = p.fragments
        for name, what, value, scope, at in [*p.named, *passed]:
            if what == "variable" and (name, id(scope)) in faked:
                # a test that spells the id as a Hub cache folder makes that folder of its own
                # files (a fake cache): the name alone says no model, only a loader would
                continue
            if name in fragments and what in _FRAGMENT_BINDINGS:
                continue  # parts of names the code looks for in a model's name, no models
            self.at = at
            self._named(name, what, value, scope)
        for node, at in p.options_lists:
            self.at = at
            self._options(node)
        if self.pending is not None:
            self._imported_calls()
        for key, value, scope, at in p.configs:
            self.at = at
            self._config_value((norm_key(key),), value, scope, 0)
        for node, scope, at in p.dicts:
            if id(node) in self.read_dicts:
                continue  # a loader's settings, its model read there
            self.at = at
            pairs = [
                (k.value, v) for k, v in zip(node.keys, node.values, strict=True) if _is_str(k)
            ]
            if self.k.api_response({key for key, _ in pairs}):
                continue  # a canned or recorded reply: the model that answered it
            self._provider_table(node, scope)
            self._pairs(pairs, scope, "key")

    def _options(self, node: ast.expr) -> None:
        """A list of model options, whatever name holds it (``self.pipelines = [{"id":
        "sonar-pro", "name": "Sonar Pro"}, ...]``): records of an id and a display name only
        (the vocabulary's ``record_keys``; at most two other fields), written as literals; an id with a hosted provider's
        model-name shape is that provider's model (under a model-naming name any id counts:
        ``_named``)."""
        k = self.k
        labels = k.record_keys - k.record_id_keys
        records = []
        for elt in node.elts:
            if elt.__class__ is not ast.Dict or len(elt.keys) > 4:
                return
            pairs = zip(elt.keys, elt.values, strict=True)
            keys = {norm_key(key.value): v for key, v in pairs if _is_str(key)}
            if len(keys) != len(elt.keys) or not labels & keys.keys():
                return
            ids = [keys[key] for key in keys.keys() & k.record_id_keys if _is_str(keys[key])]
            if len(ids) != 1:
                return
            records.append(ids[0])
        for lit in records:
            provider = k.hosted_provider(lit.value) if not has_space(lit.value) else None
            if provider is None or context.never_a_model(lit.value):
                continue
            ident = Identity(lit.value, HOSTED, provider.provider)
            evidence = "hosted model of a list of model options (an id and a display name)"
            self._add(ident, evidence, lit, _Val(lit.value, lit))

    def _config_value(self, path: tuple[str, ...], node: ast.expr, scope: _Scope, depth: int):
        """A library's configuration written as nested dicts in code (Ray Serve's
        ``LLMConfig(model_loading_config=dict(model_source="org/x"))``): the strings under a key
        path the loader data names, read as the configuration file's would be."""
        container = self._local_container(node, scope) if depth < 8 else None
        if container is None:
            return
        kind, items, where = container
        if kind == "seq":
            for item in items:
                self._config_value((*path, "[]"), item, where, depth + 1)
            return
        k = self.k
        for key, value in items:
            if not _is_str(key):
                continue
            sub = (*path, norm_key(key.value))
            ck = k.config_key(sub, self.ctx.rel.rsplit("/", 1)[-1])
            if ck is None:  # a part of the configuration further down
                self._config_value(sub, value, where, depth + 1)
                continue
            if not ck.names_model:
                continue
            evidence = f"model key {ck.written} ({ck.library})"
            for v in self._strings(value, where):
                ident = context.model_value(v.text, self.ctx, ollama=ck.id == "ollama")
                if ident is not None:
                    self._add(ident, evidence, value, v)

    def _output_option(self, call: ast.Call, decl: dict, scope: _Scope) -> None:
        """``add_argument("--mlx-path", default="mlx_model")``: where the script writes what it
        produces, a destination here and, when it is a local path and no Hub id, the
        repository's own product wherever another file reads it (``model.PRODUCT``)."""
        name = _declared_name(call, decl)
        default = _argument(call, decl.get("default_position"), decl.get("default_keyword"))
        if not name or default is None or self._role(name) != "destination":
            return
        self._destination(default, scope)
        for v in self._strings(default, scope):
            text = _plain_path(v.text)
            if not text or not _local_path_shape(v.text.strip()):
                continue
            lit = v.literal if getattr(v.literal, "lineno", None) else default
            loc = location_at(self.ctx, self.lines, lit.lineno, lit.col_offset + 1)
            evidence = f"the default of output option {name}"
            self.found.append(_Found(Identity(text, PRODUCT), evidence, loc, None, lit.lineno))

    def _passed_by_position(self) -> list[tuple[str, str, ast.expr, _Scope, _At]]:
        """``Tokenizer(config, "t5-base")`` with ``def __init__(self, config, model_name)``: a
        value passed by position to a parameter of the file's own function whose name says what
        it is (a model, a destination), as the keyword ``model_name="t5-base"`` would say."""
        p = self.p
        out = []
        for name, calls in p.local_calls.items():
            if name not in p.signatures:
                continue
            for call, scope, at, receiver in calls:
                if not call.args:
                    continue
                sig = self.r.called(name, scope, receiver)
                if sig is None:
                    continue
                for param, arg in zip(sig.positional, call.args, strict=False):
                    if isinstance(arg, ast.Starred):
                        break
                    if p._is_named(param) and not isinstance(arg, (ast.BinOp, ast.JoinedStr)):
                        # a value built here (model_id + "tokenizer") is a key, not an id
                        out.append((param, "argument", arg, scope, self._at(arg, at)))
        return out

    def _imported_calls(self) -> None:
        """``StableDiffusionXL("stabilityai/sdxl-turbo")`` of a class imported from another module
        (``from stable_diffusion import StableDiffusionXL``, ``mistral.load_model(...)``): a
        model-shaped value passed by position, asked about after the scan, when the callee's
        parameters can be read (``resolve_imported_calls``)."""
        p, r = self.p, self.r
        own: dict[tuple[str, int], bool] = {}
        loader_of = self.loader_of
        imports = p.import_names
        for name, calls in p.local_calls.items():
            if name not in imports and not any(c[3] in imports for c in calls):
                continue  # neither an imported name nor called on an imported module
            for call, scope, at, receiver in calls:
                if (receiver if receiver is not None else name) not in imports:
                    continue
                args = call.args
                passing = False
                for a in args:
                    cls = a.__class__
                    if cls is ast.Starred:
                        passing = False
                        break
                    if cls is ast.Constant:  # a literal says at once whether it can be an id
                        passing = passing or (isinstance(a.value, str) and _passable(a.value))
                    else:
                        passing = passing or cls in _VALUE_NODES or _passes_through(a)
                if not passing or loader_of.get(id(call)):
                    continue  # nothing to pass; a library's loader reads it as the library does
                bound = r.lookup(receiver if receiver is not None else name, scope)
                if not bound or len(bound) != 1:
                    continue
                value = bound[0][0]
                if receiver is None and value.__class__ is _From:
                    callee = (value.module, value.level, value.name)
                elif receiver is not None and value.__class__ is _Module:
                    callee = (value.name, 0, name)
                else:
                    continue
                key = (callee[0], callee[1])
                if key not in own:
                    own[key] = self._own_module(*key)
                if not own[key]:
                    continue
                for position, arg in enumerate(call.args):
                    if arg.__class__ not in _VALUE_NODES and not _passes_through(arg):
                        continue
                    self.at = at
                    shaped = [
                        (v.text, getattr(v.literal, "lineno", arg.lineno))
                        for v in self._strings(arg, scope)
                        if isinstance(v.literal, ast.Constant)  # a whole literal, not built
                        and _passable(v.text)
                        and not self._saved_before(v.text, arg.lineno)
                    ]
                    if not shaped:
                        continue
                    line = self.lines[arg.lineno - 1] if 0 < arg.lineno <= len(self.lines) else ""
                    self.pending.append(
                        ImportedCall(
                            location_at(self.ctx, self.lines, arg.lineno, arg.col_offset + 1),
                            callee,
                            position,
                            tuple(shaped),
                            line,
                            _providers_by_position(call),
                        )
                    )

    def _saved_before(self, text: str, line: int) -> bool:
        """The file writes a model to ``text`` before ``line``: what it reads there is its own."""
        written = self.destinations.get(_plain_path(text))
        return written is not None and written <= line

    def _is_the_library(self, ld: Loader) -> bool:
        """The repository is ``ld``'s library, or holds a copy of it: a package the library is
        imported as is a module of the repository. Its defaults are then the repository's own
        code, which the scan reads, not what the loader data says of a release."""
        got = self._own_libraries.get(ld.library)
        if got is None:
            imports = self.k.libraries[ld.library].imports
            got = self._own_libraries[ld.library] = any(self._own_module(m, 0) for m in imports)
        return got

    def _own_module(self, module: str, level: int) -> bool:
        """The module is one of the repository's: a relative import, or a file or package next
        to the importing file, at the root or under src/, or at the root of the project the
        importing file is part of (``_import_bases``)."""
        if level:
            return True
        first = module.split(".", 1)[0]
        if not first or first in sys.stdlib_module_names:
            return False
        ctx = self.ctx
        bases = _import_bases(ctx.rel, ctx.is_local_path)
        if not any(
            ctx.is_local_path(f"{base}{first}") or ctx.is_local_path(f"{base}{first}.py")
            for base in bases
        ):
            return False  # no file or folder of that name: an installed package
        path = module.replace(".", "/")
        return any(
            ctx.is_local_path(candidate)
            for base in bases
            for candidate in (f"{base}{path}.py", f"{base}{path}/__init__.py")
        )

    @staticmethod
    def _at(node: ast.expr, at: _At) -> _At:
        return node.lineno, node.col_offset, at[2]

    def _role(self, name: str) -> str | None:
        nc = self.k.name_context(name)
        return nc.role if nc is not None else None

    def _destination(self, node: ast.expr | None, scope: _Scope) -> None:
        if node is None:
            return
        self.destination_literals.add(id(node))  # an f-string written to is one too
        try:
            for v in self.r.resolve(node, scope, self.at):
                text = _plain_path(v.text)
                line = min(self.destinations.get(text, node.lineno), node.lineno)
                self.destinations[text] = line
                self.destination_literals.add(id(v.literal))
        except (_Unresolved, _ImportedValue):
            pass

    def _strings(self, node: ast.expr, scope: _Scope) -> list[_Val]:
        try:
            return self.r.resolve(node, scope, self.at)
        except (_Unresolved, _ImportedValue):
            return []

    # names

    def _named(self, name: str, what: str, node: ast.expr, scope: _Scope, via: str = "") -> None:
        nc = self.k.name_context(name)
        if (
            nc is None
            or nc.is_decoy
            or not (nc.names_model or nc.role in ("dataset", "hosted-model"))
        ):
            return
        members = _literal_members(node) if node.__class__ in (ast.Subscript, ast.BinOp) else ()
        if members:
            self._literal_type(name, what, node, members, scope)
            return
        strings = self._strings(node, scope)
        if not strings and nc.names_model and self._provider_table(node, scope, (what, name)):
            return
        # a name that says whose models (OPENAI_MODELS, get_anthropic_models) holds them as any
        # model-naming name does: in a list, a list of records, a table
        holds = nc.names_model or nc.role == "hosted-model"
        if not strings and holds and node.__class__ is ast.Call:
            strings = self._widget_values(node, scope)
            via = via or " (a widget's value)"
        if not strings and holds:
            strings, key = self._record_values(node, scope)
            via = via or (f" (the {key} of a record)" if key else "")
        if not strings:
            container = self._container_values(node, scope) if holds else []
            strings, via = container, via or ("" if what == "entry" else " (an entry)")
        if not strings and holds:
            strings, via = self._table_keys(node, scope), " (a key of its table of models)"
        # a class (WhisperParams) may name the library its fields configure; the class or else
        # the file holding the setting (UpstageGenerator, groq_models.py) the hosted provider
        within = scope.name if scope.is_class else None
        provider_within = self._provider_place(scope)
        ollama_place = self._ollama_place(scope) if strings else None
        imported = self.imported
        fed = self.fed.get((_enclosing_class(scope), norm_key(name)))
        branch = self._branch_provider() if strings and what in _BINDINGS else None
        for v in _split_listed(name, strings):
            if fed is not None and self._fed(name, what, node, v, fed):
                continue
            got = context.named_or_mapped(
                name,
                v.text,
                self.ctx,
                what=what,
                within=within,
                imported=imported,
                provider_within=provider_within,
            )
            if got is None and ollama_place is not None and not self.k.hosted_provider(v.text):
                # vision_model = "llava" in ollama_vision_filter.py: a plain name nothing else
                # reads is the Ollama model the class or file says it runs
                got = context.named(name, v.text, self.ctx, what=what, ollama=True)
                if got is not None and got[0].source == OLLAMA:
                    got = got[0], f"{got[1]} (in {ollama_place}: an Ollama name)"
                else:
                    got = None
            if branch is not None:
                got = context.in_provider_branch(got, name, v.text, self.ctx, branch, what=what)
            if got is None or (
                got[0].source == LOCAL and got[0].metadata is None and context.never_a_model(v.text)
            ):
                continue  # a generic weights file (bge/model_optimized.onnx): what a run writes
            ident, evidence = got
            if v.path and _joined_hub_id(ident, v.text):
                continue  # MODEL_DIR / "tokenizer.model": a file in a folder
            metadata = ident.metadata
            if v.env and what != "env":
                evidence += f", the default of {v.env}"
            held = what in _BINDINGS
            self._add(ident, evidence + via, node, v, metadata=metadata, held=held)

    def _provider_place(self, scope: _Scope) -> str | None:
        """The class or file whose name may say the hosted provider of a setting with no shape
        of its own: the innermost enclosing class whose name names a provider, else the file's
        (``class Valves`` in ``class Pipeline`` of ``azure_jais_pipeline.py``: Azure's), else
        the innermost class or the file as before."""
        classes = []
        s: _Scope | None = scope
        while s is not None and len(classes) < 16:
            if s.is_class and s.name:
                classes.append(s.name)
            s = s.parent
        for place in (*classes, self.stem):
            if place and self.k.provider_for_name(place) is not None:
                return place
        return classes[0] if classes else self.stem

    def _ollama_place(self, scope: _Scope) -> str | None:
        """The enclosing class or the file whose name says it runs Ollama models
        (``class OllamaVisionFilter``, ``dynamic_ollama_vision_filter.py``), or None."""
        s: _Scope | None = scope
        for _ in range(16):
            if s is None:
                break
            if s.is_class and s.name and "ollama" in s.name.lower():
                return s.name
            s = s.parent
        return self.stem if self.stem and "ollama" in self.stem.lower() else None

    def _sibling_choices(
        self, name: str, what: str, default: ast.expr, choices: ast.expr, scope: _Scope
    ) -> None:
        """The other choices of an option whose default is a hosted model (``--model
        choices=["deepseek-chat", "deepseek-coder"], default="deepseek-chat"``): the option sends
        every choice where it sends its default, so a choice of the default's own family (the
        same leading word: ``deepseek-``), of a model name's shape, is that provider's model
        too. A choice of no such family (``auto``, ``none``, ``llama3``) says nothing."""
        nc = self.k.name_context(name)
        if nc is None or nc.is_decoy or not nc.names_model:
            return
        hosted = {}
        for v in self._strings(default, scope):
            got = context.named_or_mapped(name, v.text, self.ctx, what=what)
            if got is not None and got[0].source == HOSTED and got[0].provider:
                stem = _family_stem(v.text)
                if stem:
                    hosted[stem] = (v.text, got[0].provider)
        if not hosted:
            return
        elts = choices.elts if isinstance(choices, (ast.List, ast.Tuple, ast.Set)) else ()
        for v in itertools.chain.from_iterable(self._strings(e, scope) for e in elts):
            stem = _family_stem(v.text)
            if stem not in hosted or v.text == hosted[stem][0]:
                continue
            if context.named_or_mapped(name, v.text, self.ctx, what=what) is not None:
                continue  # a name of its own shape: read as such by the choices themselves
            written, provider = hosted[stem]
            ident = Identity(v.text, HOSTED, provider)
            evidence = f"hosted model {what} choice of {name} (beside its default {written})"
            self._add(ident, evidence, v.literal, v)

    def _request_body(self, call: ast.Call, scope: _Scope) -> None:
        """A JSON body POSTed to a hosted provider's API (``requests.post(f"{base}/generate",
        json={"model": "v1", ...})`` with ``base = "https://api.contextual.ai/v1"``): the body's
        model entry is that provider's model, whatever its shape. The URL is the call's first or
        second argument or ``url=``; a local or unknown host, or a body not written in the file, says
        nothing (the entry's own shape still does, as any dict key)."""
        body = next(
            (kw.value for kw in call.keywords if kw.arg in self.k.request_body_keywords), None
        )
        if body is None:
            return
        # the URL: post(url, ...), request(method, url, ...) or url=
        urls = [a for a in call.args[:2] if not isinstance(a, ast.Starred)]
        urls += [kw.value for kw in call.keywords if kw.arg == "url"]
        provider = None
        for v in itertools.chain.from_iterable(self._strings(u, scope) for u in urls):
            if not v.text.startswith(("http://", "https://")) or self.k.local_server(v.text):
                continue
            hosted_by = self.k.provider_for_url(v.text)
            if hosted_by is not None:
                provider = hosted_by
                break
        if provider is None:
            return
        container = self._local_container(body, scope)
        if container is None or container[0] != "dict":
            return
        _, items, where = container
        for key, value in items:
            if not _is_str(key):
                continue
            nc = self.k.name_context(key.value)
            if nc is None or nc.is_decoy or not (nc.names_model or nc.role == "hosted-model"):
                continue
            for v in self._strings(value, where):
                if context.named_or_mapped(key.value, v.text, self.ctx, what="key") is not None:
                    continue  # a name of its own shape: read as the key's value already
                if not _BODY_MODEL.fullmatch(v.text):
                    continue
                ident = Identity(v.text, HOSTED, provider.provider)
                evidence = (
                    f"hosted model {key.value!r} of a request body posted to {provider.title}"
                )
                self._add(ident, evidence, v.literal, v)

    def _branch_provider(self) -> str | None:
        """The provider the innermost ``if`` around the binding being read selects (``if
        embedding_provider == "gigachat":``, ``elif cfg.llm_provider == "nebius":``): a test of
        a name ending in ``provider`` against a provider's name, in the ``if``'s body, not its
        ``else``; None when no such ``if`` holds it."""
        if self.at is None:
            return None
        for block in reversed(self.at[2]):
            guard = self.p.guards.get(block)
            if guard is None:
                continue
            test, orelse = guard
            if not (
                isinstance(test, ast.Compare)
                and len(test.ops) == 1
                and isinstance(test.ops[0], ast.Eq)
                and _is_str(test.comparators[0])
            ):
                continue
            left = test.left
            subject = left.attr if isinstance(left, ast.Attribute) else getattr(left, "id", None)
            if not subject or not norm_key(subject).endswith(_PROVIDER_SUFFIX):
                continue
            if orelse:
                continue  # the else of one provider's test: some other provider, unknown
            given = test.comparators[0].value
            return given if context.provider_kind(given) is not None else None
        return None

    def _literal_type(
        self, name: str, what: str, node: ast.expr, members: list[ast.Constant], scope: _Scope
    ) -> None:
        """The literals of a type under a model-naming name (``GroqModelId = Literal[
        "llama3-8b-8192", "gemma-7b-it"]``, ``model: Literal["gpt-4o-mini"]``): each is a model,
        the name naming its provider when it names one (``named_in_provider``), as the union
        types of TypeScript."""
        provider_within = self._provider_place(scope)
        for const in members:
            got = context.named_in_provider(name, const.value, self.ctx, what=what)
            if got is None:
                got = context.named_or_mapped(
                    name, const.value, self.ctx, what=what, provider_within=provider_within
                )
            if got is not None:
                self._add(got[0], got[1], node, _Val(const.value, const), metadata=got[0].metadata)

    def _provider_table(
        self, node: ast.expr, scope: _Scope, named: tuple[str, str] | None = None
    ) -> bool:
        """A table of model names per provider (``{"openai": ["gpt-4o"], "ollama":
        ["qwen2.5:7b"], "ibm": ["meta-llama/llama-3-2-90b-vision-instruct"]}``: most of its keys
        name a provider): each name under a provider's key is that provider's model (an Ollama
        name, a Hub id, a hosted model); under another key its shape decides. ``named``: (what,
        name) the table is bound to, a model-naming name; without one (a table in a call or a
        return) only names with a model's shape count. True when ``node`` is such a table."""
        container = self._local_container(node, scope)
        if container is None or container[0] != "dict":
            return False
        _, items, where = container
        keyed = [(k.value, v) for k, v in items if _is_str(k)]
        kinds = [context.provider_kind(key) for key, _ in keyed]
        providers = sum(1 for kind in kinds if kind is not None)
        if providers < 2 or providers * 2 < len(keyed):
            return False
        for (key, value), kind in zip(keyed, kinds, strict=True):
            entries = self._entries(value, where)
            for v in entries:
                if kind is not None:
                    ident = context.with_provider(key, v.text, self.ctx)
                else:
                    ident = context.model_value(v.text, self.ctx)
                if ident is None or (
                    named is None and context.model_value(v.text, self.ctx) is None
                ):
                    continue
                word = {HOSTED: "hosted model", OLLAMA: "Ollama model"}.get(ident.source, "model")
                place = f" in {named[0]} {named[1]}" if named is not None else ""
                if ident.source == OLLAMA or kind is None:
                    evidence = f"{word} under key {key} of a table of models per provider{place}"
                else:
                    evidence = f"{word} of provider {key} in a table of models per provider{place}"
                self._add(ident, evidence, value, v)
        return True

    def _local_container(self, node: ast.expr, scope: _Scope):
        """The dict or list literal ``node`` is bound to in this file (``Resolver.container``), or
        None (also for one imported from another module)."""
        try:
            return self.r.container(node, scope, 0)
        except _ImportedValue:
            return None

    def _entries(self, node: ast.expr, scope: _Scope) -> list[_Val]:
        """The strings a table entry holds: one string, or a list's items."""
        container = self._local_container(node, scope)
        if container is None:
            return self._strings(node, scope)
        kind, items, where = container
        if kind != "seq":
            return []
        out: list[_Val] = []
        for n in items:
            if not isinstance(n, (ast.Dict, ast.List, ast.Tuple, ast.Set)):
                out.extend(self._strings(n, where))
        return out

    def _fed(self, name: str, what: str, node: ast.expr, v: _Val, fed: tuple) -> bool:
        """A value under a key a loader of the same class reads (``SentenceTransformer(config.get(
        "Model").value)``): what that loader makes of it (its name map: a bare ``all-MiniLM-L6-v2`` is
        ``sentence-transformers/all-MiniLM-L6-v2``); False when the loader makes nothing of it."""
        ld, mode, how, display = fed
        got = self._identify(v.text, mode, ld, how)
        if got is None:
            return False
        ident, metadata, note = got
        kind = "hosted model" if ident.source == HOSTED else "model"
        evidence = f"{context.evidence(kind, what, name)} (read by {display}()){note}"
        self._add(ident, evidence, node, v, metadata=metadata)
        return True

    def _looked_up_key(self, node: ast.expr, scope: _Scope, depth: int = 0) -> str | None:
        """The key ``node`` reads a setting by (``config.get("Model").value``, ``cfg["model"]``,
        through a variable bound to one)."""
        if depth > 4:
            return None
        if node.__class__ is ast.Name:
            bound = self.r.lookup(node.id, scope, self.at)
            if bound and len(bound) == 1 and isinstance(bound[0][0], ast.expr):
                return self._looked_up_key(bound[0][0], bound[0][1] or scope, depth + 1)
            return None
        if node.__class__ is ast.Attribute and node.attr in self.k.widget_keywords:
            node = node.value  # a widget setting's .value
        if (
            node.__class__ is ast.Call
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and node.args
            and _is_str(node.args[0])
        ):
            return node.args[0].value
        if node.__class__ is ast.Subscript and _is_str(node.slice):
            return node.slice.value
        return None

    def _widget_values(self, call: ast.Call, scope: _Scope) -> list[_Val]:
        """The strings a configuration or UI widget's value-carrying keywords hold
        (``InputConfig(type="dropdown", value="org/x", values=[...])``, ``gr.Dropdown(choices=[...])``:
        the vocabulary's ``widget_keywords``)."""
        out: list[_Val] = []
        for kw in call.keywords:
            if kw.arg in self.k.widget_keywords:
                out.extend(
                    self._strings(kw.value, scope) or self._container_values(kw.value, scope)
                )
        return out

    def _table_keys(self, node: ast.expr, scope: _Scope) -> list[_Val]:
        """``_MODELS = {"stabilityai/sdxl-turbo": {"unet": ...}, ...}``: a table of models keyed
        by their ids, each entry a record of its files or settings: the keys are its models."""
        container = self._local_container(node, scope)
        if container is None or container[0] != "dict" or not container[1]:
            return []
        items = container[1]
        if not all(_is_str(k) and isinstance(v, ast.Dict) for k, v in items):
            return []
        return [_Val(k.value, k) for k, _ in items]

    def _container_values(self, node: ast.expr, scope: _Scope) -> list[_Val]:
        """The strings of a dict's values or a list's items a model-naming name is bound to."""
        container = self._local_container(node, scope)
        if container is None:
            return []
        kind, items, where = container
        nodes = [v for _, v in items] if kind == "dict" else items
        if kind == "dict" and any(isinstance(n, (ast.Dict, ast.List, ast.Tuple)) for n in nodes):
            # a record with nested parts (a Kubernetes manifest: apiVersion, kind, metadata,
            # spec), not a table of models by name: its fields are read by their own keys, the
            # one that names its model by ``_record_values``
            return []
        out: list[_Val] = []
        for n in nodes:
            if n.__class__ is ast.Dict:  # a list of records: [{"id": "org/a", "label": "A"}]
                out.extend(self._record(list(zip(n.keys, n.values, strict=True)), where)[0])
            elif n.__class__ is ast.Call and n.keywords and not n.args:
                # records built by a constructor: {"fast": ModelConfig(id="openai:gpt-4o-mini",
                # name="GPT-4o mini")}, its keywords the record's keys
                fields = [(ast.Constant(kw.arg), kw.value) for kw in n.keywords if kw.arg]
                out.extend(self._record(fields, where)[0])
            elif not isinstance(n, (ast.List, ast.Tuple)):
                out.extend(self._strings(n, where))
        return out

    def _record_values(self, node: ast.expr, scope: _Scope) -> tuple[list[_Val], str | None]:
        """A record with nested parts a model-naming name is bound to (``model={"name": "org/x",
        "params": {...}}``, ``{"model": {"id": "org/x", "kwargs": {...}}}``): the strings under
        the key that names its model, and that key."""
        container = self._local_container(node, scope)
        if container is None or container[0] != "dict":
            return [], None
        _, items, where = container
        if not any(isinstance(v, (ast.Dict, ast.List, ast.Tuple)) for _, v in items):
            return [], None  # a flat dict: a table of models by name (_container_values)
        return self._record(items, where)

    def _record(self, items: list, scope: _Scope) -> tuple[list[_Val], str | None]:
        """The strings a record built as a dict holds under the keys that name its model (the
        vocabulary's ``record_keys``: name, id, repo_id ...), and the first such key."""
        keys = self.k.record_keys
        if any(_is_str(k) and norm_key(k.value) in self.k.record_id_keys for k, _ in items):
            keys = self.k.record_id_keys  # {"name": "GPT-4 omni", "key": "gpt-4o"}: a label
        out: list[_Val] = []
        first = None
        for k, v in items:
            if _is_str(k) and norm_key(k.value) in keys and v.__class__ is not ast.Dict:
                got = self._strings(v, scope)
                out.extend(got)
                first = first or (k.value if got else None)
        return out, first

    def _keywords(self, call: ast.Call, scope: _Scope, consumed: set[str]) -> None:
        if id(call) not in self.p.keyworded:
            return
        interesting = self.p._is_named
        if self.k.api_response({kw.arg for kw in call.keywords if kw.arg}):
            return  # Message(id=..., type="message", model=..., stop_reason=...): a canned reply
        pairs = [
            (kw.arg, kw.value)
            for kw in call.keywords
            if kw.arg
            and kw.arg not in consumed
            and (interesting(kw.arg) or kw.arg.lower().endswith(_PROVIDER_SUFFIX))
        ]
        if pairs:
            lead = _leading_provider(call)
            if lead is not None and not any(
                norm_key(key).endswith(_PROVIDER_SUFFIX) for key, _ in pairs
            ):
                # from_provider("nebius", model="Qwen/Qwen3-32B"): the provider, given first
                pairs.append(("provider", lead))
            self._pairs(pairs, scope, "keyword")

    def _pairs(self, pairs: list[tuple[str, ast.expr]], scope: _Scope, what: str) -> None:
        """Keys of one dict literal or keywords of one call: a ``*_provider`` sibling says whose
        model a ``*_model`` value is (``{"planner_provider": "groq", "planner_model": ...}``)."""
        providers = context.record_providers(
            (key, value.value if _is_str(value) else None) for key, value in pairs
        )
        for key, value in pairs:
            if not providers:
                self._named(key, what, value, scope)
                continue
            provider = context.provider_for_key(key, providers)
            if provider is None or not self.k.is_model_name(key):
                self._named(key, what, value, scope)
                continue
            if context.display_name_beside_id(key, (k for k, _ in pairs)):
                continue  # the label of the id beside it, which the provider would make a model
            for v in self._strings(value, scope):
                found = context.named_with_provider(key, v.text, self.ctx, provider, what=what)
                if found is not None:
                    self._add(found[0], found[1], value, v)

    # loaders

    def _loader_call(self, call: ast.Call, scope: _Scope, ld: Loader, c: _Callee) -> set[str]:
        consumed = {kw for a in ld.args for kw in a.keywords}
        if ld.kind == "destination":
            return consumed
        given: list[tuple] = []
        task = revision = repo_type = tag = provider = None
        urls: list[str] = []
        url_envs: list[str] = []  # the environment variables the base URL is read from
        for a in ld.args:
            node = _arg_node(call, a)
            if node is None:
                continue
            if a.unless and any(
                _arg_node(call, b) is not None
                for b in ld.args
                if b is not a and set(b.keywords) & set(a.unless)
            ):
                continue  # another argument takes its place (lang beside model_type)
            if a.role == "task":
                task = node
            elif a.role in ("revision", "repo-type", "tag", "provider"):
                text = self._one(node, scope)
                if a.role == "revision":
                    revision = text
                elif a.role == "repo-type":
                    repo_type = text
                elif a.role == "tag":
                    tag = text
                else:
                    provider = text
            elif a.role == "base-url":
                for v in self._strings(node, scope):
                    urls.append(v.text)
                    if v.env:
                        url_envs.append(v.env)
                env = self.r.env_lookup(node, scope)
                if env is not None and env[1] is None:  # url=os.getenv("ZHIPUAI_API_BASE_URL")
                    url_envs.append(env[0])
            elif a.names_model or a.role == "dataset":
                given.append((a, node))
        if ld.local_server and c.client is not None and c.client_scope is not None:
            url_keys = ld.local_server.get("keywords", ())
            for kw in c.client.keywords:
                if kw.arg in url_keys:
                    got = self._strings(kw.value, c.client_scope)
                    urls.extend(v.text for v in got)
                    url_envs.extend(v.env for v in got if v.env)
                    if not got:  # server_url=AZURE_MISTRAL_BASE_URL: a name that says whose
                        env = self.r.env_lookup(kw.value, c.client_scope)
                        named = env[0] if env is not None else _last_name(kw.value)
                        if named:
                            url_envs.append(named)
                elif kw.arg is None:  # Anthropic(**CLIENT_KWARGS): the dict's base_url entry
                    container = self._local_container(kw.value, c.client_scope)
                    if container is not None and container[0] == "dict":
                        _, items, where = container
                        for k, v in items:
                            if _is_str(k) and k.value in url_keys:
                                urls.extend(s.text for s in self._strings(v, where))
        if not ld.loads(*_literal_arguments(call)):
            return consumed
        server = None
        # a provider that names any compatible server leaves it to the base URL
        for url in urls:
            server = self.k.local_server(url) or self.k.hub_server(url)
            if server is None:
                hosted_by = self.k.provider_for_url(url)
                if hosted_by is not None and (provider is None or context.any_server(provider)):
                    provider = hosted_by.provider
            if server is not None:
                break
        if server is None and (provider is None or context.any_server(provider)):
            # base_url=os.getenv("SILICONFLOW_ENDPOINT", ""): the variable names the provider
            for env in url_envs:
                named_by = self.k.provider_for_name(env)
                if named_by is not None:
                    provider = named_by.provider
                    break
        how = _How(ld, provider, server, repo_type, tag, bool(urls))
        display = (_dotted(call.func) or ld.name)[-60:]
        if ld.also_loads:  # from_single_file(..., load_safety_checker=True): the checker too
            for d in ld.loaded_along(*_literal_arguments(call), _receiver_written(call)):
                self._implicit(call, ld, d.model, "hub", None, d, how)
        for a, node in given:
            self._loader_arg(call, scope, ld, a, node, how, revision, display)
        place = ld.default.in_place_of if ld.default is not None else None
        if place is not None:  # a default that stands for one argument only
            given = [(a, n) for a, n in given if place in a.keywords]
        # a string of options that sets none of the model's flags (config="--psm 6") gives none
        given = [(a, n) for a, n in given if a.value != "options" or self._sets_option(a, n, scope)]
        if given or _splat(call) or self._is_the_library(ld):
            return consumed
        # no model given: the library's default
        if ld.task_defaults and task is None:
            task = ast.Constant(None)
        if ld.task_defaults:
            tasks = []
            try:
                tasks = [v.text for v in self.r.resolve(task, scope, self.at)]
            except (_Unresolved, _ImportedValue) as exc:
                if not getattr(exc, "quiet", False) or not isinstance(task, ast.Constant):
                    self._unresolvable(
                        task, f"model of {display}(): the task is computed at run time"
                    )
            for t in tasks:
                d = self.k.task_default(ld.library, t, package=ld.task_defaults)
                if d is not None:
                    self._implicit(call, ld, d.model, "hub", None, d, how)
        elif ld.default is not None:
            d = self._release_default(ld)
            # a release from before the default, or a configuration entry that names the model
            if not d.no_model and not self._set_in_config(call, ld):
                self._implicit(call, ld, d.model, d.id or ld.id, d.provider, d, how)
        return consumed

    def _config_doc(self, rel: str) -> object:
        """The YAML document of the repository file ``rel`` (None: absent, too large, invalid,
        hostile)."""
        _state, data = self.ctx.tree_file(rel, 1 << 20)
        if data is None:
            return None
        from ..datafile import DataFileError, load_yaml  # the bounded reader (aliases, depth)

        try:
            return load_yaml(data, rel).data
        except DataFileError:
            return None

    def _set_in_config(self, call: ast.Call, ld: Loader) -> bool:
        """Whether the call's configuration entry sets the model the default stands for
        (``Default.set_in``: ``Agent(config=self.agents_config["researcher"])`` where
        ``config/agents.yaml`` gives ``researcher`` an ``llm``), in every release."""
        if ld.default is None or ld.default.set_in is None:
            return False
        keyword, file, key = ld.default.set_in
        node = next((kw.value for kw in call.keywords if kw.arg == keyword), None)
        if node is None:
            return False
        entry = None
        if isinstance(node, ast.Subscript) and _is_str(node.slice):
            entry = node.slice.value
        rel = posixpath.normpath(posixpath.join(self.ctx.folder, file))
        if rel not in self._config_docs:  # every agent of the file asks the same file
            self._config_docs[rel] = self._config_doc(rel)
        doc = self._config_docs[rel]
        if not isinstance(doc, dict):
            return False
        entries = [doc.get(entry)] if entry is not None else list(doc.values())
        return any(isinstance(e, dict) and e.get(key) for e in entries)

    def _release_default(self, ld: Loader):
        """``ld``'s default at the release of its library the repository pins (an older
        release's, ``Loader.older_defaults``), else its newest releases' default."""
        if not ld.older_defaults:
            return ld.default
        packages = tuple(name for _, name in self.k.libraries[ld.library].packages)
        pin = context.declared_version(self.ctx, packages)
        older = older_default(ld, pin[:2] if pin else None)
        if older is None or pin is None:
            return ld.default
        op, version, where = pin
        return dataclasses.replace(older, origin=f"{older.origin} ({where} pins {op}{version})")

    def _sets_option(self, a, node: ast.expr, scope: _Scope) -> bool:
        return any(_option_values(v.text, a.keys) for v in self._strings(node, scope))

    def _implicit(self, call, ld: Loader, model: str, mode: str, provider, d, how) -> None:
        how = how._replace(
            provider=provider or how.provider, name_map=context.map_ref(ld.library, ld.name_map)
        )
        got = self._identify(model, mode, ld, how)
        if got is None:
            return
        ident, metadata, note = got
        ident = context.with_implied(ident, d.implies, self.ctx)
        loc = location_at(self.ctx, self.lines, call.lineno, call.col_offset + 1)
        origin = d.origin
        called = _last_name(call.func)
        short = ld.name.rsplit(".", 1)[-1]
        if called and called != short and any(q.endswith("." + called) for q in ld.qualnames):
            # one entry for several classes (a text and a document embedder): the one called
            origin = origin.replace(f" {ld.name}()", f" {called}()")
        evidence = f"implicit: {origin}{note}"
        self.found.append(_Found(ident, evidence, loc, d.revision, call.lineno, metadata))

    def _loader_arg(self, call, scope, ld: Loader, a, node, how, revision, display) -> None:
        if isinstance(node, ast.Starred):
            return
        if a.value == "mapping":
            # api_params={"model": "org/x", "provider": "together"}: the entry under the
            # argument's keys is the model, read as the loader reads it (the provider beside it
            # serves that Hub model); the dict's other entries are settings
            if node.__class__ is not ast.Dict:
                return  # a dict built elsewhere: read as any dict is
            self.read_dicts.add(id(node))
            for k, v in zip(node.keys, node.values, strict=True):
                if _is_str(k) and k.value in a.keys:
                    plain = dataclasses.replace(a, value="plain")
                    self._loader_arg(call, scope, ld, plain, v, how, revision, display)
            return
        mode = a.id or ld.id
        try:
            if a.value == "list" and isinstance(node, (ast.List, ast.Tuple)):
                values = [v for e in node.elts for v in self.r.resolve(e, scope, self.at)]
            else:
                values = self.r.resolve(node, scope, self.at)
        except _ImportedValue as exc:
            self._imported(node, exc.imported, ld, a, how, revision, display, call, exc.arg)
            return
        except _Unresolved as exc:
            self._ask_templates(ld, a, how, revision, mode)
            key = self._looked_up_key(node, scope)
            if key is not None:  # the values the file writes under that key are what it reads
                name_map = context.map_ref(ld.library, a.name_map or ld.name_map)
                fed_how = how._replace(name_map=name_map, mode=mode)
                where = (_enclosing_class(scope), norm_key(key))
                self.fed.setdefault(where, (ld, mode, fed_how, display))
            if not exc.quiet:
                self._unresolvable(node, f"model id of {display}(): {exc.reason}")
            return
        self._ask_templates(ld, a, how, revision, mode)
        name_map = a.name_map or ld.name_map
        arg_how = how._replace(name_map=context.map_ref(ld.library, name_map), mode=mode)
        kind = "dataset" if a.role == "dataset" else _role_word(a.role)
        values = _shaped(values, a)
        if how.repo_type == "space" and a.names_model:
            for v in values:
                line = getattr(v.literal, "lineno", None)
                if line is not None:
                    self.spaces.add((line, v.text.lower()))
        alone = self._alone(values, mode, ld, arg_how) if a.value == "list" else ()
        for v in values:
            if v in alone or self._routed_away(node, v):
                continue
            got = self._identify(v.text, mode, ld, arg_how)
            if got is None:
                continue
            ident, metadata, note = got
            if v.path and _joined_hub_id(ident, v.text):
                continue
            if ident.source == DATASET:
                kind_word = "dataset"
            elif ident.source == HOSTED:
                kind_word = "hosted model"
            else:
                kind_word = kind
            via = (
                ""
                if v.literal is node or _within(v.literal, node)
                else f" via {_unparsed(node, 60, self.texts)}"
            )
            if v.env:
                via += f", the default of {v.env}"
            evidence = f"{display}() {kind_word} argument{via}{note}"
            rev = revision or _revision_of(v.text)
            self._add(ident, evidence, node, v, revision=rev, metadata=metadata, loaded=True)
            if ld.also_loads and ident.source == HUGGINGFACE:  # a decoder's connected prior
                for d in ld.loaded_with(ident.id, _receiver_written(call)):
                    self._implicit(call, ld, d.model, "hub", None, d, how)

    def _routed_away(self, node: ast.expr, v: _Val) -> bool:
        """A value that reached the argument through a name (a parameter's default) which the
        ``if`` around the call sends elsewhere: ``if mask_model != "sam" ...:`` around
        ``new_session(mask_model)``, or the ``else`` of ``if mask_model == "sam":``. The
        operand of an ``and`` or ``or`` that tests the name says which of its values the branch
        is for (the others test something else)."""
        target = _dotted(node)
        if not target or self.at is None or v.literal is node or _within(v.literal, node):
            return False
        for block in self.at[2]:
            guard = self.p.guards.get(block)
            if guard is None:
                continue
            test, orelse = guard
            tests = test.values if isinstance(test, ast.BoolOp) else [test]
            for t in tests:
                got = _guard_test(t, target)
                if got is not None and not _admits(((got[0], got[1], got[2] != orelse),), v.text):
                    return True
        return False

    def _alone(self, values: list[_Val], mode: str, ld: Loader, how: _How) -> list[_Val]:
        """The values of a list that name a model only when nothing else in the list does (a
        name map's ``alone`` entries: EasyOCR's ``en``), when something else does."""
        if not how.name_map or mode != "mapped":
            return []
        alone = []
        others = False
        for v in values:
            m = self.k.map_name(how.name_map, v.text.strip())
            if m is not None and m.alone:
                alone.append(v)
            elif not others and self._identify(v.text, mode, ld, how) is not None:
                others = True
        return alone if others else []

    def _ask_templates(self, ld: Loader, a, how, revision, mode: str) -> None:
        """The templates over a table of names the argument just read was built from: questions
        for ``resolve_templates``, which knows the names the whole repository gives."""
        if self.pending is None or a.role == "dataset":
            return
        for t in self.r.templates:
            line = self.lines[t.line - 1] if 0 < t.line <= len(self.lines) else ""
            self.pending.append(
                TemplateQuestion(
                    location_at(self.ctx, self.lines, t.line, t.col + 1),
                    t,
                    ld.library,
                    ld.name,
                    a.role,
                    mode,
                    how.repo_type,
                    revision,
                    line,
                )
            )
        self.r.templates = []

    def _identify(
        self, value: str, mode: str, ld: Loader, how: _How
    ) -> tuple[Identity, ArtifactMetadata | None, str] | None:
        """What a value a loader receives is, the way that loader reads it."""
        value = value.strip()
        m = _REVISION.match(value)
        if m and mode == "mapped":  # a table's own name may hold an @ (CLIP's ViT-L/14@336px)
            got = context.map_value(how.name_map, value, self.ctx, tag=how.tag)
            if got is not None:
                return got
        if m and mode != "dataset":
            if (
                ld.kind == "hosted"
                and ld.provider
                and how.server is None
                and self.k.value_role(value) == "action"
            ):
                # a hosted API's own publisher/model@version (Vertex AI Model Garden's
                # nvidia/llama-nemotron-super@49b), not a GitHub action's owner/repo@ref
                return Identity(value, HOSTED, how.provider or ld.provider), None, ""
            value = m.group(1)
        ctx = self.ctx
        if mode == "dataset" or how.repo_type == "dataset" or ld.kind == "dataset":
            ds = dataset_value(value, ctx, bare=mode == "dataset")
            return (Identity(*ds), None, "") if ds else None
        if how.repo_type == "space" or mode == "local-path":
            return None
        if mode == "url":  # a library default that is a file downloaded from a fixed URL
            if value.startswith(("https://", "http://")) and not has_space(value):
                return Identity(value, URL), None, ""
            return None
        if mode == "mapped":
            return context.map_value(how.name_map, value, ctx, tag=how.tag)
        if mode in ("hub", "repo", "hub-bare"):
            place = "hub-bare" if mode == "hub-bare" else "hub"
            got = context.loader_value(value, ctx, place)
            if got is not None and got.source in self.k.registry_names:
                # a registry's name (a torchaudio bundle) where the code may pass it to a Hub
                # loader: that model, as it is wherever a model goes
                return got, got.metadata, ""
            return _only(got, HUGGINGFACE)
        if mode == "ollama":
            return _only(context.loader_value(value, ctx, "ollama"), OLLAMA, HUGGINGFACE)
        if mode in ("hosted", "prefixed") or ld.kind == "hosted":
            if mode == "prefixed" and how.name_map is not None:  # embed_model="default"
                got = context.map_value(how.name_map, value, ctx, tag=how.tag)
                if got is not None:
                    return got
            return self._hosted(value, ld, how)
        got = context.loader_value(value, ctx, mode)
        return (got, None, "") if got is not None else None

    def _hosted(self, value: str, ld: Loader, how: _How):
        """A hosted API's model, or what a local OpenAI-compatible server serves."""
        ctx = self.ctx
        server = how.server
        if server is not None:  # an OpenAI-compatible client of a local server
            if server.then == "ollama":
                got = context.model_value(value, ctx, ollama=True)
            elif server.then == "hub":
                got = context.loader_value(value, ctx, "hub-served")
            else:
                got = context.model_value(value, ctx)
                if got is None and server.names_of and _server_name(value):
                    # LM Studio's own key (qwen_qwq-32b): a model of that server's catalog
                    got = Identity(value, HOSTED, server.names_of)
                    note = f" (a model of the local {server.server or 'server'} at {server.host})"
                    return got, None, note
            if server.remote:
                note = f" (served by the {server.server} at {server.host})"
            else:
                note = f" (a local {server.server or 'server'} at {server.host})"
            return (got, None, note) if got is not None and got.source != HOSTED else None
        if how.provider:  # the call or the client's URL names the provider
            got = context.with_provider(how.provider, value, ctx)
            return (got, None, "") if got is not None else None
        place = "prefixed" if ld.id == "prefixed" else "hosted"
        if place == "hosted" and self._serves_open_weights(ld.provider):
            # watsonx.ai's google/flan-ul2, meta-llama/llama-3-3-70b-instruct: its own names
            got = context.with_provider(ld.provider, value, ctx)
            return (got, None, "") if got is not None else None
        got = context.loader_value(value, ctx, place, provider=ld.provider)
        if (
            got is not None
            and got.source == HOSTED
            and place == "hosted"
            and not how.urls
            and not self._serves_open_weights(got.provider)
        ):
            # no base URL in sight: an open-weight name (qwen2.5:7b, org/name) is served by
            # whatever OPENAI_BASE_URL points at, most often a local server (a provider that
            # serves open weights by their names, watsonx.ai or Together, is that provider's)
            shaped = context.model_value(value, ctx)
            if shaped is not None and shaped.source != HOSTED:
                return shaped, None, ""
        return (got, None, "") if got is not None else None

    def _serves_open_weights(self, provider: str | None) -> bool:
        known = self.k.providers.get(provider) if provider else None
        return known is not None and known.serves_open_weights

    def _imported(
        self, node, imported: _From, ld: Loader, a, how, revision, display, call=None, arg=None
    ) -> None:
        loc = location_at(self.ctx, self.lines, node.lineno, node.col_offset + 1)
        expression = _unparsed(node, 200, self.texts)
        if self.pending is None:
            where = f"{'.' * imported.level}{imported.module}"
            self.unresolvable.append(
                Unresolvable(loc, expression, f"model id of {display}(): imported from {where}")
            )
            return
        line = self.lines[node.lineno - 1] if 0 < node.lineno <= len(self.lines) else ""
        self.pending.append(
            ImportedArgument(
                loc,
                expression,
                node if arg is None else arg,
                imported,
                ld.library,
                ld.name,
                a.role,
                a.id or ld.id,
                context.map_ref(ld.library, a.name_map or ld.name_map),
                how.repo_type,
                how.tag,
                revision,
                line,
                _receiver_written(call) if call is not None else None,
            )
        )

    # strings that say what they are

    def evident(self, tree: ast.AST, text: str) -> None:
        """An ``hf://`` or ``ollama://`` URI or a Hub download URL in any string of the code
        (``pd.read_parquet("hf://datasets/org/name/x.parquet")``, a constant, any call's
        argument): the model or dataset it names (``context.self_evident``, as in configuration
        files and command lines), also at the head of an f-string whose name part is written out
        (``f"hf://datasets/org/name/{split}.parquet"``). Statement strings (docstrings) are prose;
        a string the file writes to (``df.to_parquet("hf://datasets/me/out/x.parquet")``) is its
        own product. A file with no such string in its text is not walked."""
        if not _evident_in(text):
            return
        prose: set[int] = set()  # docstrings, and the pieces of an f-string
        for node in ast.walk(tree):
            cls = node.__class__
            if cls is ast.Expr:
                prose.add(id(node.value))
                continue
            if cls is ast.JoinedStr:
                parts = node.values
                prose.update(id(v) for v in parts)
                head = parts[0] if parts else None
                if id(node) in prose or not _is_str(head) or len(parts) < 2:
                    continue
                value = _uri_head(head.value)
            elif cls is ast.Constant and node.value.__class__ is str and id(node) not in prose:
                value = node.value
            else:
                continue
            if value is None or "://" not in value or id(node) in self.destination_literals:
                continue
            found = context.self_evident(value)
            if found is None:
                continue
            ident, evidence = found
            v = _Val(value, node)
            if ident.source == DATASET and _plain_path(value) in self.destinations:
                continue  # a dataset the file writes (an upload of its own data)
            self._add(ident, evidence, node, v, revision=ident.revision)

    def versions(self, tree: ast.AST) -> None:
        """In a module that talks to one hosted provider's API (``api_provider``) whose API runs
        a model's version by its id (the provider's ``version_ids``: Replicate's 64-hex ids), a
        string of that shape bound to a name whose last word says version
        (``REMOVE_BACKGROUND_VERSION = "a029...bc"``) or under a request body's ``version`` key:
        that provider's hosted model, named by the id (the owner/name it is a version of is not
        written)."""
        provider = self.api_provider()
        hp = self.k.providers.get(provider) if provider else None
        if hp is None or hp.version_pattern is None:
            return
        names = hp.version_names
        for node in ast.walk(tree):
            pairs: list[tuple[str, ast.expr]] = []
            if node.__class__ is ast.Assign:
                pairs = [(t.id, node.value) for t in node.targets if isinstance(t, ast.Name)]
            elif node.__class__ is ast.AnnAssign and isinstance(node.target, ast.Name):
                if node.value is not None:
                    pairs = [(node.target.id, node.value)]
            elif node.__class__ is ast.Dict:
                pairs = [
                    (k.value, v) for k, v in zip(node.keys, node.values, strict=True) if _is_str(k)
                ]
            for name, value in pairs:
                key = norm_key(name)
                if not _is_str(value) or not any(key.endswith(n) for n in names):
                    continue
                if not hp.version_pattern.fullmatch(value.value):
                    continue
                loc = location_at(self.ctx, self.lines, value.lineno, value.col_offset + 2)
                evidence = f"{hp.title} model version id under {name}"
                ident = Identity(value.value, HOSTED, provider=provider)
                self.found.append(_Found(ident, evidence, loc, None, value.lineno))

    def members(self, tree: ast.AST, text: str) -> None:
        """A member of a module whose members are models of a registry (``torchaudio.pipelines``:
        ``LoaderKnowledge.registry_enumerations``), written as an attribute
        (``torchaudio.pipelines.WAV2VEC2_ASR_BASE_960H``, ``pipelines.HUBERT_BASE`` after
        ``from torchaudio import pipelines``) or imported (``from torchaudio.pipelines import
        MMS_FA``): that model, where it is written. A file whose text does not name such a module's
        package (``torchaudio``: every way to reach a member imports it) is not walked."""
        enums = self.k.registry_enumerations
        if not any(q.split(".", 1)[0] in text for q in enums):
            return
        aliases: dict[str, str] = {}  # a name the file binds -> the module or member it is
        attrs: list[ast.Attribute] = []
        for node in ast.walk(tree):
            cls = node.__class__
            if cls is ast.Import:
                for a in node.names:
                    if a.asname:
                        aliases[a.asname] = a.name
                    else:
                        top = a.name.split(".", 1)[0]
                        aliases[top] = top
            elif cls is ast.ImportFrom:
                if node.level or not node.module:
                    continue
                if node.module in enums:
                    for a in node.names:
                        self._registry_member(node.module, a.name, node, enums)
                else:
                    for a in node.names:
                        aliases[a.asname or a.name] = f"{node.module}.{a.name}"
            elif cls is ast.Attribute and node.ctx.__class__ is ast.Load:
                attrs.append(node)
        for node in attrs:
            base = _dotted(node.value)
            head, _, rest = base.partition(".")
            full = aliases.get(head) if head else None
            if full is None:
                continue
            module = f"{full}.{rest}" if rest else full
            if module in enums:
                self._registry_member(module, node.attr, node, enums)

    def _registry_member(self, module: str, name: str, node: ast.AST, enums) -> None:
        m = self.k.map_name(enums[module], name)
        if m is None or m.not_a_reference or not m.registry_id:
            return
        ident, metadata, note = context.registry_model(m, self.ctx)
        self._add(ident, f"{module}.{name}{note}", node, _Val(name, node), metadata=metadata)

    # reporting

    def _one(self, node: ast.expr, scope: _Scope) -> str | None:
        got = self._strings(node, scope)
        return got[0].text if len(got) == 1 else None

    def _unresolvable(self, node: ast.expr, reason: str) -> None:
        loc = location_at(self.ctx, self.lines, node.lineno, node.col_offset + 1)
        self._unwritten.append((len(self.unresolvable), loc, node, reason))
        self.unresolvable.append(None)  # type: ignore[arg-type] - written by unresolved()

    def unresolved(self) -> list[Unresolvable]:
        """The unresolvable arguments, each with its text: written from the last to start (the
        innermost of those that start together) first, so that an argument nested in another is
        written before it (``_PrefixUnparser``)."""
        order = sorted(
            self._unwritten,
            key=lambda u: (
                -u[2].lineno,
                -u[2].col_offset,
                u[2].end_lineno or 0,
                u[2].end_col_offset or 0,
            ),
        )
        for i, loc, node, reason in order:
            self.unresolvable[i] = Unresolvable(loc, _unparsed(node, 200, self.texts), reason)
        self._unwritten.clear()
        return self.unresolvable

    def _add(
        self,
        ident,
        evidence,
        node,
        v: _Val,
        *,
        revision=None,
        metadata=None,
        held=False,
        loaded=False,
    ) -> None:
        if ident.source != DATASET:
            # a model the file saved before it loads it back is its own product; ``held``: a
            # name the value is bound to (a constant, a setting), its product wherever it saves it
            for text in (_plain_path(v.text), ident.id):
                written = self.destinations.get(text)
                if written is not None and (held or written <= node.lineno):
                    return
        if ident.source == HUGGINGFACE and self.p.base_urls:
            routed = self._routed_to_base_url(v)
            if routed is not None:
                ident, note = routed
                evidence += note
        if ident.source == HUGGINGFACE and self.p.module_urls:
            provider = self.api_provider()
            hosted = context.with_provider(provider, v.text, self.ctx) if provider else None
            if hosted is not None and hosted.source == HOSTED:
                ident = hosted
                evidence += f" (the module calls the {provider} API)"
        evidence = context.with_note(evidence + context.alias_note(v.text, ident), ident)
        lit = v.literal
        if lit is not node and _within(lit, node):
            node = lit  # written in the expression itself: report it where it is written
        loc = location_at(self.ctx, self.lines, node.lineno, node.col_offset + 1)
        lit_line = getattr(lit, "lineno", node.lineno)
        self.found.append(_Found(ident, evidence, loc, revision, lit_line, metadata, loaded))
        if lit is not node and getattr(lit, "lineno", None) is not None:
            # the literal itself: where the id is written
            lit_loc = location_at(self.ctx, self.lines, lit.lineno, lit.col_offset + 1)
            written = f"{evidence.split(' via ')[0]}, written here"
            self.found.append(
                _Found(ident, written, lit_loc, revision, lit.lineno, metadata, loaded)
            )

    def refs(self) -> list[ModelRef]:
        out: list[ModelRef] = []
        seen: set[tuple] = set()
        lines = self.lines
        # the models a library loads along with one (a pipeline's sub-models) are found where
        # that one is
        found = [
            *self.found,
            *(
                _Found(ident, evidence, f.location, None, f.literal_line, ident.metadata)
                for f in self.found
                for ident, evidence in f.ident.implies
            ),
        ]
        # a literal a loader reads as a dataset (load_dataset(name), a task's hf_repo) is one,
        # whatever the name it is bound to says (a parameter hf_repo, model_name), also where
        # it is passed on (prep(HF_DATASET) of def prep(hf_path): load_dataset(hf_path))
        datasets = {
            key
            for f in found
            if f.loaded and f.ident.source == DATASET
            for key in (
                (f.location.line, f.location.column, f.ident.id.lower()),
                ("literal", f.literal_line, f.ident.id.lower()),
            )
        }
        for f in found:
            key = (f.location.line, f.location.column, f.ident.id, f.ident.source)
            if key in seen:
                continue
            if (
                datasets
                and not f.loaded
                and f.ident.source == HUGGINGFACE
                and (
                    key[:2] + (f.ident.id.lower(),) in datasets
                    or ("literal", f.literal_line, f.ident.id.lower()) in datasets
                )
            ):
                continue
            if (
                self.spaces
                and not f.loaded
                and f.ident.source == HUGGINGFACE
                and (f.literal_line, f.ident.id.lower()) in self.spaces
            ):
                continue  # HF_REPO_ID = "org/app" downloaded from with repo_type="space"
            seen.add(key)
            ref = ModelRef(
                id=f.ident.id,
                source=f.ident.source,
                location=f.location,
                evidence=f.evidence,
                revision=f.revision,
                metadata=f.metadata,
                provider=f.ident.provider,
            )
            # a suppression marker on the literal's own line counts too
            literal_line = f.literal_line
            if literal_line != f.location.line and 0 < literal_line <= len(lines):
                ref = suppress(ref, lines[literal_line - 1])
            out.append(ref)
        return out


class _How(NamedTuple):
    """How a loader's arguments are read at one call."""

    ld: Loader
    provider: str | None
    server: object | None  # loaders.LocalServer
    repo_type: str | None
    tag: str | None
    urls: bool
    name_map: str | None = None
    mode: str | None = None


_NAMES_CACHE: dict[int, frozenset[str]] = {}
_NAMED_CACHE: dict[int, tuple[LoaderKnowledge, dict[str, bool]]] = {}
_EXAMPLE_CACHE: dict[int, tuple[LoaderKnowledge, dict[str, bool]]] = {}


def _example_names(k: LoaderKnowledge) -> dict[str, bool]:
    """The answers of ``_Pass._show`` so far, per knowledge, as ``_named_names``."""
    got = _EXAMPLE_CACHE.get(id(k))
    if got is None or got[0] is not k:
        got = _EXAMPLE_CACHE[id(k)] = (k, {})
    return got[1]


def _named_names(k: LoaderKnowledge) -> dict[str, bool]:
    """The answers of ``_Pass._is_named`` so far, per knowledge (the same names recur in every
    file of a tree)."""
    got = _NAMED_CACHE.get(id(k))
    if got is None or got[0] is not k:
        got = _NAMED_CACHE[id(k)] = (k, {})
    return got[1]


def _callable_names(k: LoaderKnowledge) -> frozenset[str]:
    got = _NAMES_CACHE.get(id(k))
    if got is None:
        got = _NAMES_CACHE[id(k)] = k.callable_names()
    return got


_LOADER_CACHE: dict[tuple, tuple[Loader, ...]] = {}


def _loaders_for(k: LoaderKnowledge, name, module, receiver, built_from) -> tuple[Loader, ...]:
    key = (id(k), name, module, receiver, built_from)
    got = _LOADER_CACHE.get(key)
    if got is None:
        got = k.loaders_for_call(
            name, module=module, receiver=receiver, built_from=built_from, ecosystem="python"
        )
        if len(_LOADER_CACHE) > 50_000:
            _LOADER_CACHE.clear()
        _LOADER_CACHE[key] = got
    return got


def _arg_node(call: ast.Call, a) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg in a.keywords:
            return kw.value
    return _argument(call, a.position, None)


def _splat(call: ast.Call) -> bool:
    return any(kw.arg is None for kw in call.keywords) or any(
        isinstance(a, ast.Starred) for a in call.args
    )


def _receiver_written(call: ast.Call) -> str | None:
    """The name of what a method is called on (``AutoPipelineForInpainting`` of
    ``AutoPipelineForInpainting.from_pretrained(...)``, ``pipe`` of ``self.pipe.load(...)``)."""
    func = call.func
    recv = func.value if isinstance(func, ast.Attribute) else None
    return getattr(recv, "id", None) or getattr(recv, "attr", None)


def _literal_arguments(call: ast.Call) -> tuple[dict, tuple]:
    keywords = {
        kw.arg: kw.value.value
        for kw in call.keywords
        if kw.arg and isinstance(kw.value, ast.Constant)
    }
    keywords.update(
        {kw.arg: True for kw in call.keywords if kw.arg and not isinstance(kw.value, ast.Constant)}
    )
    positional = tuple(a.value if isinstance(a, ast.Constant) else True for a in call.args)
    return keywords, positional


# str methods testing a part of a string: model_id.startswith(prefix)
_AFFIXES = frozenset({"startswith", "endswith", "removeprefix", "removesuffix"})
# what a string to test a part of may be read from: a name that says one (model_id, name)
_ONE_STRING_ENDINGS = ("id", "name", "model", "str", "string", "text")
_STRING_METHODS = frozenset({"lower", "upper", "casefold", "strip", "lstrip", "rstrip"})


def _one_string(node: ast.expr) -> bool:
    """``node`` reads one string (``model_id``, ``model["id"]``, ``name.lower()``), not a
    collection (``available_models``): ``x in node`` tests whether ``x`` is a part of it."""
    cls = node.__class__
    if cls is ast.Subscript:
        return _is_str(node.slice)
    if cls is ast.Call:
        func = node.func
        if func.__class__ is ast.Attribute and func.attr in _STRING_METHODS:
            return _one_string(func.value)
        return func.__class__ is ast.Name and func.id == "str"
    name = node.attr if cls is ast.Attribute else getattr(node, "id", None)
    return name is not None and norm_key(name).endswith(_ONE_STRING_ENDINGS)


def _table_name(node: ast.expr) -> str | None:
    """The name a list of name fragments is read by: a variable, an attribute, or a function
    returning it (``self.get_thinking_supported_models()``), through ``tuple(...)``."""
    cls = node.__class__
    if cls is ast.Call:
        func = node.func
        if func.__class__ is ast.Name and func.id in _ITERATION_CALLS and len(node.args) == 1:
            return _table_name(node.args[0])
        if node.args or node.keywords:
            return None
        return func.attr if func.__class__ is ast.Attribute else getattr(func, "id", None)
    if cls is ast.Attribute:
        return node.attr
    return node.id if cls is ast.Name else None


def _tests_part(node: ast.expr, var: str, limit: int = 256) -> bool:
    """``node`` tests the variable ``var`` as a part of one string: ``var in model_id``,
    ``model["id"].startswith(var)`` (within its first ``limit`` nodes)."""
    for n in itertools.islice(ast.walk(node), limit):
        cls = n.__class__
        if cls is ast.Compare:
            if (
                n.left.__class__ is ast.Name
                and n.left.id == var
                and len(n.ops) == 1
                and n.ops[0].__class__ in (ast.In, ast.NotIn)
                and _one_string(n.comparators[0])
            ):
                return True
        elif cls is ast.Call:
            func = n.func
            if (
                func.__class__ is ast.Attribute
                and func.attr in _AFFIXES
                and len(n.args) == 1
                and n.args[0].__class__ is ast.Name
                and n.args[0].id == var
            ):
                return True
    return False


def _split_listed(name: str, strings: list[_Val]) -> list[_Val]:
    """Each string as written, or the model names a plural setting lists in it
    (``AZURE_OPENAI_MODELS = "gpt-35-turbo;gpt-4o"``: ``context.listed_models``), each at the
    string's literal."""
    out: list[_Val] = []
    for v in strings:
        parts = context.listed_models(name, v.text)
        out.extend([v] if parts is None else (v._replace(text=part) for part in parts))
    return out


def _shaped(values: list[_Val], a) -> list[_Val]:
    """The names a loader argument's strings hold by the argument's ``value`` shape: each part
    of a ``plus-list`` (``deu+eng``); the values of the ``keys`` flags of an ``options`` string
    (``--psm 6 -l deu+eng``), each a plus-list; else the strings themselves."""
    if a.value == "options":
        values = [v._replace(text=word) for v in values for word in _option_values(v.text, a.keys)]
    elif a.value != "plus-list":
        return values
    return [v._replace(text=part) for v in values for part in v.text.split("+") if part.strip()]


def _option_values(text: str, flags: Sequence[str]) -> list[str]:
    """The values the ``flags`` are given in a string of command-line options (``-l deu`` and
    ``-l=deu``)."""
    if not any(f in text for f in flags):
        return []
    words = commands.tokenize(text)
    out = []
    for i, word in enumerate(words):
        for f in flags:
            if word == f and i + 1 < len(words) and not words[i + 1].startswith("-"):
                out.append(words[i + 1])
            elif word.startswith(f + "=") and len(word) > len(f) + 1:
                out.append(word[len(f) + 1 :])
    return out


def _role_word(role: str) -> str:
    return "model" if role == "model" else role.replace("-", " ")


def _only(ident: Identity | None, *sources: str):
    return (ident, None, "") if ident is not None and ident.source in sources else None


def _revision_of(value: str) -> str | None:
    m = _REVISION.match(value.strip())
    return m.group(2) if m else None


def _enclosing_class(scope: _Scope) -> str | None:
    """The name of the class ``scope`` is (or is a method of, at any depth)."""
    while scope is not None:
        if scope.is_class:
            return scope.name
        scope = scope.parent
    return None


def _within(inner: ast.AST, outer: ast.AST) -> bool:
    """``inner`` is written inside ``outer``'s source span."""
    try:
        start = (outer.lineno, outer.col_offset)
        end = (outer.end_lineno, outer.end_col_offset)
        return (
            start <= (inner.lineno, inner.col_offset)
            and (inner.end_lineno, inner.end_col_offset) <= end
        )
    except (AttributeError, TypeError):
        return False


_SERVER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$")


def _server_name(text: str) -> bool:
    """A local server's own model key: one word of letters, digits and ``._@-`` (no path, no
    placeholder)."""
    return bool(_SERVER_NAME.match(text)) and not context.never_a_model(text)


def _local_path_shape(text: str) -> bool:
    """A path no Hub id looks like: a bare folder or file name (``mlx_model``), or a path of
    more than two parts (``out/mlx/model``); ``org/name`` may be an upload target."""
    if not text or "://" in text or has_space(text) or text in (".", ".."):
        return False
    return text.startswith(("./", "../", "/", "~")) or hub_id(text) is None


def _joined_hub_id(ident: Identity, text: str) -> bool:
    """A path joined with pathlib's ``/`` read as the Hub id it looks like: it never is one (a
    name map's answer for the path, a Hub cache folder's model, are other ids)."""
    return ident.source in (HUGGINGFACE, DATASET) and ident.id.lower() == _plain_path(text).lower()


def _plain_path(value: str) -> str:
    return value.strip().rstrip("/").removeprefix("./")


def _evident_in(text: str) -> bool:
    """Whether ``text`` may hold a string that says what it is (``context.self_evident``): an
    ``hf://`` or ``ollama://`` URI, a Hub URL, the URL of a weights file; the tree is walked
    only for a file that does."""
    at = text.find("://")
    while at >= 0:
        scheme = text[max(0, at - 6) : at].lower()
        if scheme.endswith(("hf", "ollama", "http", "https")):
            m = _URL_REST.match(text, at + 3)
            word = text[at - len(_SCHEME.search(scheme).group()) : m.end()]
            if "{" in word:  # an f-string: its head, when it names a whole repository
                word = _uri_head(word.split("{", 1)[0]) or ""
            if word and _may_be_evident(word) and context.self_evident(word) is not None:
                return True
        at = text.find("://", at + 3)
    return False


def _may_be_evident(url: str) -> bool:
    """Cheap: a URI, a Hub URL or a URL ending in a weights file's extension (most URLs in
    code are links to documentation)."""
    if not url.lower().startswith("http"):
        return True
    if "huggingface.co/" in url:
        return True
    tail = url.split("?", 1)[0].rsplit("/", 1)[-1]
    ext = tail.rsplit(".", 1)[-1].lower() if "." in tail else ""
    if not ext:
        return False
    k = knowledge()
    return ext in k.weight_extensions or tail.lower().endswith(k.model_archive_extensions)


# what follows a URL's "://" up to a quote, a space or a backslash; the scheme before it
_URL_REST = re.compile(r"""[^\s'"\\]*""")
_SCHEME = re.compile(r"(hf|ollama|https?)$")


def _uri_head(head: str) -> str | None:
    """The literal start of an f-string when it names a whole ``hf://`` repository (its name
    part ends before the first substitution: ``hf://datasets/org/name/``), else None."""
    if not head.lower().startswith("hf://"):
        return None
    rest = head[len("hf://") :]
    if rest.lower().startswith("datasets/"):
        rest = rest[len("datasets/") :]
    org, _, tail = rest.partition("/")
    name_end = min((i for i in (tail.find("/"), tail.find("@")) if i >= 0), default=-1)
    return head if org and name_end > 0 else None


# a hosted model's name of a family: a leading word of letters, then words of letters, digits, dots
_FAMILY_NAME = re.compile(r"([a-z]{3,})(?:-[a-z0-9.]+)+")


# a model name in a request body: one word of letters, digits, dots, dashes, colons, slashes
_BODY_MODEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}")


def _family_stem(text: str) -> str | None:
    """The leading word of a hosted model's name of a family (``deepseek`` of ``deepseek-chat``)."""
    m = _FAMILY_NAME.fullmatch(text)
    return m.group(1) if m else None


def _is_str(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _last_name(func: ast.expr) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


class _PrefixUnparser(getattr(ast, "_Unparser", object)):  # type: ignore[misc]
    """``ast.unparse``, writing no more once more than ``limit`` characters are written (and
    visiting no further node): an expression's text is cut to a few dozen characters. ``memo``
    keeps, by node, the text of the calls written out (a call's text does not depend on where it
    stands) for the next unparser, with whether it is whole: the texts of ``f(f(f(...)))``, taken
    from the innermost out, cost the length of each text, where unparsing each call afresh would
    cost its nesting, and unparsing each whole its nesting squared. Only the text written out is
    counted (an f-string's parts are written into a buffer first, and never kept)."""

    def __init__(
        self, limit: int = sys.maxsize, memo: dict[int, tuple[str, bool]] | None = None, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.limit = limit
        self.memo = memo
        self.written = 0
        self.cut = False  # some text left unwritten (since the innermost call being written began)
        self._top: list[str] | None = None
        self._calls: list[tuple[ast.Call, int, int | None]] = []  # (call, start, end if whole)

    def visit(self, node):  # noqa: ANN001, ANN201 - ast._Unparser's signature
        self._source = self._top = []
        self.traverse(node)
        text = "".join(self._source)
        if self.memo is not None:
            for call, start, end in self._calls:
                known = self.memo.get(id(call))
                got = (text[start:end], True) if end is not None else (text[start:], False)
                if known is None or not known[1] and (got[1] or len(got[0]) > len(known[0])):
                    self.memo[id(call)] = got
        return text

    def traverse(self, node) -> None:  # noqa: ANN001
        if self.written > self.limit:
            self.cut = True
            return
        if self.memo is None or type(node) is not ast.Call or self._source is not self._top:
            super().traverse(node)
            return
        known = self.memo.get(id(node))
        need = self.limit + 1 - self.written
        if known is not None and (known[1] or len(known[0]) >= need):
            self.write(known[0] if known[1] else known[0][:need])
            self.cut = self.cut or not known[1]
            return
        start, cut_before, self.cut = self.written, self.cut, False
        super().traverse(node)
        self._calls.append((node, start, None if self.cut else self.written))
        self.cut = self.cut or cut_before

    def write(self, *text: str) -> None:
        if self._source is not self._top:
            super().write(*text)
        elif self.written <= self.limit:
            super().write(*text)
            self.written += sum(map(len, text))
        else:
            self.cut = True


def _unparsed(node: ast.AST, limit: int, memo: dict[int, tuple[str, bool]] | None = None) -> str:
    """``ast.unparse(node)[:limit]``, written only as far as ``limit`` (``memo``: the texts of
    calls already written, ``_PrefixUnparser``)."""
    if not hasattr(ast, "_Unparser"):
        return ast.unparse(node)[:limit]
    return _PrefixUnparser(limit, memo).visit(node)[:limit]


# --- one file --------------------------------------------------------------------------------


def scan(
    text: str, path: str | Context, pending: list | None = None, *, nested: bool = False
) -> Found:
    """References in one Python source. Raises SyntaxError / ValueError on unparsable text.

    Loader arguments imported from another module are appended to ``pending`` (None: reported
    as unresolvable)."""
    ctx = path if isinstance(path, Context) else Context(root=Path("."), rel=path)
    k = knowledge()
    tree = ast.parse(text, filename=ctx.rel)
    p = _Pass(k)
    try:
        p.visit(tree)
        lines = text.splitlines()
        s = _Scan(p, ctx, lines, pending)
        s.run()
        s.evident(tree, text)
        s.members(tree, text)
        s.versions(tree)
        embedded = _embedded_configs(tree, lines, ctx) if _yaml_block(text) else []
        if p.code_calls and not nested:
            embedded += _executed_code(p, s, ctx, lines)
        return s.refs() + _command_runners(p, s, ctx, lines) + embedded, s.unresolved()
    finally:
        p.release()


# the language names a code runner's argument gives for Python (run("python", code))
_PYTHON_LANGUAGES = frozenset({"python", "python3", "py"})
_CODE_MAX = 64 * 1024  # the longest string read as Python source a call runs


def _runs_python(call: ast.Call, last: str | None) -> bool:
    """``exec(code)``, or a call that names Python as the language of what it runs
    (``computer.run("python", code)``, ``sandbox.run(code, language="python")``)."""
    if last == "exec" and call.func.__class__ is ast.Name and call.args:
        return True
    given = [*call.args[:2], *(kw.value for kw in call.keywords if kw.arg in ("language", "lang"))]
    return any(_is_str(a) and a.value.lower() in _PYTHON_LANGUAGES for a in given)


def _executed_code(p: _Pass, s: _Scan, ctx: Context, lines: list[str]) -> list[ModelRef]:
    """Python source written as a string the file runs (``exec(code)``, ``computer.run("python",
    custom_tool)`` with ``custom_tool = \"\"\"import requests ...\"\"\"``): scanned as Python,
    its references placed on the source's lines. Only a multi-line literal that parses as Python
    and imports or defines something is code; a prompt or a message is not."""
    out: list[ModelRef] = []
    seen: set[int] = set()
    for call, scope, at in p.code_calls:
        if _last_name(call.func) == "exec":
            codes = call.args[:1]
        else:
            codes = [
                *(a for a in call.args[:2] if not _is_str(a) or a.value.count("\n") >= 2),
                *(kw.value for kw in call.keywords if kw.arg in ("code", "source", "script")),
            ]
        s.at = at
        for node in codes:
            for v in s._strings(node, scope):
                lit = v.literal
                if not _is_str(lit) or id(lit) in seen:
                    continue
                seen.add(id(lit))
                out.extend(_code_refs(lit, ctx, lines))
    return out


def _code_refs(lit: ast.Constant, ctx: Context, lines: list[str]) -> list[ModelRef]:
    text = lit.value
    start, end = lit.lineno, getattr(lit, "end_lineno", None)
    if text.count("\n") < 2 or len(text) > _CODE_MAX:
        return []
    if end is None or end - start != text.count("\n"):
        return []  # lines joined by escapes: the text's lines are not the source's
    body = textwrap.dedent(text)
    try:
        tree = ast.parse(body)
    except (SyntaxError, ValueError):
        return []
    if not any(isinstance(n, (ast.Import, ast.ImportFrom, ast.FunctionDef)) for n in tree.body):
        return []
    try:
        refs, _ = scan(body, ctx, nested=True)
    except (SyntaxError, ValueError):
        return []
    out: list[ModelRef] = []
    for r in refs:
        line = start + r.location.line - 1
        loc = location_at(ctx, lines, line, r.location.column)
        out.append(
            dataclasses.replace(
                r, location=loc, evidence=f"{r.evidence} (in Python source the file runs)"
            )
        )
    return out


_EMBEDDED_MAX = 64 * 1024  # the longest string read as an embedded configuration
_CONFIG_LINE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w.-]*\s*:(?:\s|$)")
# a YAML key opening a block of keys or items (``model_providers:`` over ``  - provider_name:``),
# a shape of no Python statement: files without one hold no YAML configuration in a string
_YAML_BLOCK = re.compile(
    r"^([ \t]*)(?:-[ \t]+)?[a-z_][\w.-]*:[ \t]*\n\1[ \t]+(?:-[ \t]+)?[a-z_][\w.-]*:", re.M
)
# where a block can open: the colon ending its first line, a key opening the next; the block
# itself is tried only at the start of such a line (a pattern anchored at every line start of a
# text is a test at every character; this one starts with a literal, found at C speed)
_BLOCK_TURN = re.compile(r":[ \t]*\n[ \t]+(?:-[ \t]+)?[a-z_][\w.-]*:")


def _yaml_block(text: str) -> bool:
    """Whether ``_YAML_BLOCK`` matches somewhere in ``text``."""
    at = 0
    while (m := _BLOCK_TURN.search(text, at)) is not None:
        start = m.start()
        if _YAML_BLOCK.match(text, text.rfind("\n", 0, start) + 1):
            return True
        at = start + 1
    return False


def _embedded_configs(tree: ast.AST, lines: list[str], ctx: Context) -> list[ModelRef]:
    """A YAML configuration written as a string literal (``MODEL_CONFIG = f\"\"\"\n
    model_providers:\n  - provider_name: ...\n    llm_model_ids: [...]\"\"\"``, written to a
    file or an environment variable for a service to read): read by the YAML scanner, its
    references placed on the source's lines. Only a multi-line literal whose text parses as a
    mapping or list holding nested collections is one; an f-string's substitutions stand as
    ``${...}`` placeholders. Docstrings, prose and a single line are never read."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    out: list[ModelRef] = []
    inner: set[int] = set()
    for node in ast.walk(tree):
        if node.__class__ is ast.JoinedStr:
            inner.update(id(v) for v in node.values)
            parts = []
            for v in node.values:
                if isinstance(v, ast.Constant) and isinstance(v.value, str):
                    parts.append(v.value)
                else:
                    parts.append("${VALUE}")
            text = "".join(parts)
        elif node.__class__ is ast.Constant and isinstance(node.value, str):
            if id(node) in inner:
                continue
            text = node.value
        else:
            continue
        if id(node) in docstrings or text.count("\n") < 2 or len(text) > _EMBEDDED_MAX:
            continue
        if sum(1 for t in text.splitlines() if _CONFIG_LINE.match(t)) < 2:
            continue
        out.extend(_embedded_refs(node, text, lines, ctx))
    return out


def _embedded_refs(node: ast.expr, text: str, lines: list[str], ctx: Context) -> list[ModelRef]:
    from . import config  # the YAML scanner (its import costs nothing on most files)

    start, end = node.lineno, getattr(node, "end_lineno", None)
    if end is None or end - start != text.count("\n"):
        return []  # lines joined by escapes: the text's lines are not the source's
    body = textwrap.dedent(text)
    try:
        docs = config.compose_yaml(body, max_depth=config.MAX_DEPTH)
    except Exception:  # noqa: BLE001 - not YAML: prose, a template, a prompt
        return []
    if not any(_structured(d) for d in docs):
        return []
    mounts = ctx.mounts
    try:
        refs, _ = config.scan_yaml(body, ctx)
    except ValueError:
        return []
    finally:
        ctx.mounts = mounts
    out: list[ModelRef] = []
    body_lines = body.splitlines()
    for r in refs:
        line = start + r.location.line - 1
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
        written = body_lines[r.location.line - 1] if 0 < r.location.line <= len(body_lines) else ""
        col = r.location.column
        if written and source_line.endswith(written):  # the indentation dedent took off
            col += len(source_line) - len(written)
        loc = location_at(ctx, lines, line, col)
        out.append(
            dataclasses.replace(
                r, location=loc, evidence=f"{r.evidence} (a YAML configuration in a string)"
            )
        )
    return out


def _structured(node) -> bool:
    """A YAML document that is a mapping or a list holding a mapping or a list."""
    import yaml

    if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        return False
    items = node.value if isinstance(node, yaml.SequenceNode) else [v for _, v in node.value]
    return any(isinstance(v, (yaml.MappingNode, yaml.SequenceNode)) for v in items)


def _command_runners(p: _Pass, s: _Scan, ctx: Context, lines: list[str]) -> list[ModelRef]:
    """``subprocess.run(["ollama", "pull", "x"])``, ``os.system("vllm serve x")``."""
    runners = {r["call"]: r.get("argv", "list") for r in p.k.command_runners}
    last_names = {r.rsplit(".", 1)[-1] for r in runners}
    out: list[ModelRef] = []
    for call, _scope, _at in p.calls:
        if _last_name(call.func) not in last_names:
            continue
        dotted = _dotted(call.func)
        if dotted not in runners or not call.args:
            continue
        arg = call.args[0]
        if isinstance(arg, (ast.List, ast.Tuple)) and all(_is_str(e) for e in arg.elts):
            argv = [e.value for e in arg.elts]
        elif _is_str(arg):
            argv = commands.tokenize(arg.value)
        else:
            continue
        last = getattr(arg, "end_lineno", None) or arg.lineno  # a list written over lines
        refs, _ = commands.refs_from_argv(argv, ctx, lines, arg.lineno, last)
        out.extend(r for r in refs if r.source != DATASET)
    return out


# --- names imported from another module of the repository ---------------------------------------


class ImportedArgument(NamedTuple):
    """A loader argument whose value is imported from another module of the repository:
    settled after the scan (``resolve_deferred``), when every module can be read."""

    location: Location
    expression: str
    arg: ast.expr
    imported: _From
    library: str
    loader: str
    role: str
    mode: str
    name_map: str | None
    repo_type: str | None
    tag: str | None
    revision: str | None
    source_line: str
    receiver: str | None = None  # the class or object the loader is called on, as written


class TemplateQuestion(NamedTuple):
    """A loader argument built from a template over a library's table of names
    (``f"openai/whisper-{model_size}"``): settled after the scan with the names of that table
    the repository writes anywhere (``resolve_templates``)."""

    location: Location
    template: _Template
    library: str
    loader: str
    role: str
    mode: str
    repo_type: str | None
    revision: str | None
    source_line: str


_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _written_names(maps: tuple[str, ...], refs: Sequence[ModelRef], root: Path) -> list:
    """(name, location) for each name of the tables ``maps`` written on the line of a
    reference one of those tables gave (``model_size: large-v2`` read as
    Systran/faster-whisper-large-v2): the names the repository gives that family of libraries."""
    k = knowledge()
    known: set[str] = set()
    for ref in maps:
        for e in k._name_map(ref).get("entries", ()):
            if "name" in e:
                known.add(e["name"])
    out = []
    seen: set[tuple] = set()
    for ref in refs:
        if ref.source not in (HUGGINGFACE, LOCAL):
            continue
        for token in _TOKEN.findall(ref.location.snippet):
            if token not in known or (token, ref.location) in seen:
                continue
            ctx = Context(root=root, rel=ref.location.path)
            for m in maps:
                mapped = k.map_name(m, token)
                got = (
                    context.from_map(mapped, ctx) if mapped and not mapped.not_a_reference else None
                )
                if got is not None and got[0].pair == (ref.id, ref.source):
                    seen.add((token, ref.location))
                    out.append((token, ref.location))
                    break
    return out


def resolve_templates(
    root: Path, questions: Sequence[TemplateQuestion], refs: Sequence[ModelRef]
) -> Found:
    """Each template filled with the names its library family's tables know that the
    repository writes (``_written_names``) and its ``if`` admits: the model reported where the
    name is written and where the template is."""
    k = knowledge()
    out: list[ModelRef] = []
    names: dict[tuple[str, ...], list] = {}
    scan_ = _Scan(_Pass(k), Context(root=root, rel=""), [], None)
    for q in questions:
        t = q.template
        if t.maps not in names:
            names[t.maps] = _written_names(t.maps, refs, root)
        ld = next((x for x in k.libraries[q.library].loaders if x.name == q.loader), None)
        if ld is None:
            continue
        how = _How(ld, None, None, q.repo_type, None, False, None, q.mode)
        done: set[str] = set()
        for name, where in names[t.maps]:
            if not _admits(t.guards, name):
                continue
            scan_.ctx = Context(root=root, rel=where.path)
            got = scan_._identify(t.prefix + name + t.suffix, q.mode, ld, how)
            if got is None:
                continue
            ident = got[0]
            kind = {DATASET: "dataset", HOSTED: "hosted model"}.get(
                ident.source, _role_word(q.role)
            )
            at = f"{q.location.path}:{q.location.line}"
            evidence = f"{q.loader}() {kind} {t.written} at {at}, with the name {name} written here"
            evidence = context.with_note(evidence, ident)
            ref = ModelRef(ident.id, ident.source, where, evidence, provider=ident.provider)
            out.append(suppress(ref, where.snippet))
            if ident.id not in done:  # and where the template is, once per model
                done.add(ident.id)
                evidence = f"{q.loader}() {kind} argument {t.written} ({name}, from {where.path}:{where.line})"
                ref = ModelRef(
                    ident.id,
                    ident.source,
                    q.location,
                    evidence,
                    revision=q.revision,
                    provider=ident.provider,
                )
                out.append(suppress(ref, q.source_line))
    return out, []


class ImportedCall(NamedTuple):
    """A model-shaped value passed by position to a function or class imported from another
    module of the repository: a model when the callee's parameter there says model."""

    location: Location
    callee: tuple[str, int, str]  # module, import level, name in the module
    position: int
    values: tuple[tuple[str, int], ...]  # (value, line it is written on)
    source_line: str
    # (position, provider name) of the string literals passed by position that name a provider
    providers: tuple[tuple[int, str], ...] = ()


def resolve_imported_calls(
    root: Path,
    questions: Sequence[ImportedCall],
    reads: TreeReads | None = None,
    passes: dict[str, _Pass | None] | None = None,
    handed: dict | None = None,
) -> Found:
    """Each call's value named by the callee's parameter at its position, in the module that
    defines it (``class StableDiffusionXL: def __init__(self, model: str = ...)``). ``reads``:
    notes every file looked at; ``passes``: the modules' passes already made in this scan;
    ``handed``: what values handed on to another module's function were found to load there,
    in this scan (``_handed_on_refs``)."""
    k = knowledge()
    reads = TreeReads(root) if reads is None else reads
    passes = {} if passes is None else passes
    per_file: dict[str, set] = {}
    # in question order: a reference, or a call handed on whose references are read after the
    # loop, all values handed to one function at once
    parts: list[ModelRef | _HandedOn] = []
    over: list[Unresolvable] = []
    for q in questions:
        module, level, name = q.callee
        rel = _module_file(reads, q.location.path, module, level)
        if rel is None:
            continue
        found = _defining_module(reads, rel, name, k, passes)
        if found is None:
            continue  # not defined there, nor in the module a re-export names
        rel, name, raw = found
        p = passes[rel]
        sigs = p.signatures.get(name, [])
        sigs = [
            s
            for s in sigs
            if (s.name == "__init__" and s.owner == name) or (s.owner is None and s.name == name)
        ]
        if len(sigs) != 1 or q.position >= len(sigs[0].positional):
            continue
        positional = sigs[0].positional
        param = positional[q.position]
        nc = k.name_context(param)
        if nc is not None and nc.is_decoy:
            continue
        if nc is None or not nc.names_model:
            # def hf_tokenizer(name_or_path): AutoTokenizer.from_pretrained(name_or_path): what
            # the function hands to a loader, read by the module's own scan of a call of it
            job, skipped = _handed_on(
                rel, raw, name, q, per_file.setdefault(q.location.path, set())
            )
            parts.append(job)
            over.extend(skipped)
            continue
        # Memory("nebius", "Qwen/Qwen3-Embedding-8B") with def __init__(self, embedding_provider,
        # model): the provider passed to a parameter whose name says provider serves the model
        provider = next(
            (
                given
                for at, given in q.providers
                if at < len(positional) and norm_key(positional[at]).endswith(_PROVIDER_SUFFIX)
            ),
            None,
        )
        ctx = reads.context(q.location.path)
        for text, _line in q.values:
            if provider is not None:
                got = context.named_with_provider(param, text, ctx, provider, what="argument")
            else:
                got = context.named_or_mapped(param, text, ctx, what="argument")
            if got is None:
                continue
            ident, evidence = got
            evidence = context.with_note(f"{evidence} of {name}() ({rel})", ident)
            ref = ModelRef(ident.id, ident.source, q.location, evidence, provider=ident.provider)
            parts.append(suppress(ref, q.source_line))
    jobs = [j for j in parts if j.__class__ is _HandedOn]
    sinks = _handed_on_refs(reads, jobs, {} if handed is None else handed)
    out: list[ModelRef] = []
    for part in parts:
        if part.__class__ is not _HandedOn:
            out.append(part)
            continue
        for text in part.texts:
            for ref in sinks[(part.rel, part.name, part.q.position, text)]:
                evidence = (
                    f"passed to {part.name}() ({part.rel}), which hands it on: {ref.evidence} "
                    f"at {part.rel}:{ref.location.line}"
                )
                moved = dataclasses.replace(ref, location=part.q.location, evidence=evidence)
                out.append(suppress(moved, part.q.source_line))
    return out, over


# re-exports followed to the module that defines a function (``from .tokenizer import f`` in
# a package's ``__init__``); calls of one function read through its module's scan, per run
_REEXPORT_HOPS = 3
_MAX_HANDED_ON = 64
# values handed to one function followed in one scan of its module (few: each is a value of
# the parameter the module's scan follows, within its resolution budget)
_HANDED_ON_BATCH = 16


def _defining_module(
    reads: TreeReads, rel: str, name: str, k: LoaderKnowledge, passes: dict
) -> tuple[str, str, bytes] | None:
    """(file, name there, its bytes) of the module that defines ``name`` as seen from ``rel``:
    ``rel`` itself, or the module a re-export there imports it from (``from .tokenizer import
    hf_tokenizer`` in ``utils/__init__.py``), followed a few hops; None when neither."""
    for _ in range(_REEXPORT_HOPS + 1):
        raw = reads.read(rel, MODULE_MAX_BYTES)
        if rel not in passes:
            passes[rel] = _module_pass(raw, rel, k)
        p = passes[rel]
        if p is None or raw is None:
            return None
        bound = p.module.names.get(name, [(None,)])[-1][0]
        if bound is _LOCAL:
            return rel, name, raw
        if bound.__class__ is not _From:
            return None
        nxt = _module_file(reads, rel, bound.module, bound.level)
        if nxt is None or nxt == rel:
            return None
        rel, name = nxt, bound.name
    return None


@dataclass(frozen=True)
class _HandedOn:
    """A call ``name(..., value)`` of a function defined in module ``rel``, with the values
    followed (``texts``)."""

    rel: str
    raw: bytes
    name: str
    q: ImportedCall
    texts: tuple[str, ...]


def _handed_on(
    rel: str, raw: bytes, name: str, q: ImportedCall, used: set
) -> tuple[_HandedOn, list[Unresolvable]]:
    """The call's values to follow into ``rel``, up to the limit per calling file (as a file
    settled alone counts them); the ones over it, reported as unresolvable."""
    texts: list[str] = []
    over: list[Unresolvable] = []
    for text, _line in q.values:
        key = (rel, name, q.position, text)
        if key not in used:
            if len(used) >= _MAX_HANDED_ON:
                reason = (
                    f"passed to {name}() ({rel}); not followed: the file passes more than "
                    f"{_MAX_HANDED_ON} values to functions of other modules"
                )
                over.append(Unresolvable(q.location, text, reason))
                continue
            used.add(key)
        texts.append(text)
    return _HandedOn(rel, raw, name, q, tuple(texts)), over


def _handed_on_refs(reads: TreeReads, jobs: Sequence[_HandedOn], out: dict) -> dict:
    """(module, function, position, value) -> the references a call ``name(None, ..., value)``
    adds to the scan of the module on its own lines (its loader reading the parameter). The
    module is scanned as it is and once more with a call per value added at its end; a
    reference is the value's when its id is the value's or its tail (a local copy's path). When
    one is no single value's (the function builds another id from it), the module is scanned
    again per value. A function that only names, prints or stores the value adds none. ``out``
    holds the answers found before in this scan (and the modules' own scans), and is returned
    with these added."""
    wanted: dict[tuple[str, str, int], tuple[bytes, list[str]]] = {}
    for j in jobs:
        texts = wanted.setdefault((j.rel, j.name, j.q.position), (j.raw, []))[1]
        texts.extend(
            t for t in j.texts if t not in texts and (j.rel, j.name, j.q.position, t) not in out
        )
    for (rel, name, position), (raw, texts) in wanted.items():
        ctx = reads.context(rel)
        if not texts:
            continue
        src = decode(raw, python=True)
        if (rel,) not in out:  # the module's own scan
            try:
                out[(rel,)] = {_ref_key(r) for r in _loaded_refs(src, ctx)}
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                out[(rel,)] = None
        base = out[(rel,)]
        if base is None:
            out.update(((rel, name, position, t), []) for t in texts)
            continue
        n = len(src.splitlines())

        call = (src, ctx, name, position, n, base)
        for at in range(0, len(texts), _HANDED_ON_BATCH):
            chunk = texts[at : at + _HANDED_ON_BATCH]
            together = _added(call, chunk)
            owners = [_value_of(r.id, chunk) for r in together or ()]
            if together is not None and all(o is not None for o in owners):
                for t in chunk:
                    out[(rel, name, position, t)] = []
                for r, o in zip(together, owners, strict=True):
                    out[(rel, name, position, o)].append(r)
                continue
            for t in chunk:
                out[(rel, name, position, t)] = _added(call, [t]) or []
    return out


def _added(call: tuple, values: Sequence[str]) -> list[ModelRef] | None:
    """The references calls of ``name`` with ``values`` add to the module's scan on its own
    lines (``call``: its text, context, the function, the position, its line count, the
    references of its scan alone); None when it does not parse."""
    src, ctx, name, position, n, base = call
    calls = "".join(f"{name}({', '.join(['None'] * position + [repr(v)])})\n" for v in values)
    try:
        refs = _loaded_refs(f"{src}\n{calls}", ctx)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return [r for r in refs if r.location.line <= n and _ref_key(r) not in base]


def _value_of(rid: str, texts: Sequence[str]) -> str | None:
    """The one value a reference's id is (``Qwen/Qwen2-VL-2B-Instruct``), or ends (its local
    copy ``~/models/Qwen/Qwen2-VL-2B-Instruct``), else None."""
    low = rid.lower()
    exact = [t for t in texts if t.lower() == low]
    if len(exact) == 1:
        return exact[0]
    if exact:
        return None
    tails = [t for t in texts if t.lower().endswith("/" + low)]
    return tails[0] if len(tails) == 1 else None


def _ref_key(r: ModelRef) -> tuple[int, str, str]:
    return r.location.line, r.id.lower(), r.source


def _loaded_refs(text: str, ctx: Context) -> list[ModelRef]:
    """The references of a module's scan that a library's loader reads (its arguments), not
    the values of names that only say model (a cache folder's name built from a parameter)."""
    tree = ast.parse(text, filename=ctx.rel)
    p = _Pass(knowledge())
    try:
        p.visit(tree)
        s = _Scan(p, ctx, text.splitlines(), None)
        s.run()
        loaded = {(f.location.line, f.ident.id, f.ident.source) for f in s.found if f.loaded}
        return [r for r in s.refs() if (r.location.line, r.id, r.source) in loaded]
    finally:
        p.release()


def _module_pass(raw: bytes | None, rel: str, k: LoaderKnowledge) -> _Pass | None:
    """The one pass over a module of the repository, from its bytes (None: unreadable, too
    large, unparsable)."""
    if raw is None:
        return None
    try:
        tree = ast.parse(decode(raw, python=True), filename=rel)
        p = _Pass(k)
        p.visit(tree)
        return p
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


# the files that make a folder a project's root, from which its packages are imported (an
# installed or editable project, its tests run from there)
_PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg")


def _import_bases(importer: str, exists) -> list[str]:
    """The folders (relative to the root, each "" or ending in "/") an absolute import in the
    file ``importer`` finds the repository's modules in: the root and its src/, the file's own
    folder (a script's ``sys.path[0]``), and each folder above the file that is a project's
    root (``_PROJECT_FILES``: ``server/pyproject.toml`` with ``server/pkg/``, imported by
    ``server/tests/test_x.py``) and its src/. ``exists(rel)``: whether a path of the tree is
    there."""
    folder = importer.split("/")[:-1]
    bases = ["", "src/", "".join(f"{f}/" for f in folder)]
    for depth in range(len(folder) - 1, 0, -1):
        base = "".join(f"{f}/" for f in folder[:depth])
        if any(exists(f"{base}{marker}") for marker in _PROJECT_FILES):
            bases.extend((base, f"{base}src/"))
    return list(dict.fromkeys(bases))


def _module_file(reads: TreeReads, importer: str, module: str, level: int) -> str | None:
    """The repository file a ``from module import x`` in ``importer`` reads, relative to root
    (each path tried is noted in ``reads``: a module that appears where none was changes the
    answer)."""
    parts = module.split(".") if module else []
    if level:
        base = importer.split("/")[:-1]
        if level - 1 > len(base):
            return None
        base = base[: len(base) - (level - 1)]
        bases = ["/".join(base + parts)]
    else:  # from the root, src/, the importing script's own folder (its sys.path[0]), or the
        # root of the project the script is part of
        path = "/".join(parts)
        bases = [
            f"{b}{path}"
            for b in _import_bases(importer, lambda rel: reads.is_file(rel, MODULE_MAX_BYTES))
        ]
    for b in bases:
        b = b.strip("/")
        if not b:
            continue
        for candidate in (f"{b}.py", f"{b}/__init__.py"):
            if reads.is_file(candidate, MODULE_MAX_BYTES):
                return candidate
    return None


MODULE_MAX_BYTES = 1024 * 1024


def resolve_deferred(
    root: Path,
    deferred: Sequence[ImportedArgument],
    reads: TreeReads | None = None,
    modules: dict[str, tuple[_Pass, _Resolver] | None] | None = None,
) -> Found:
    """Follow names imported from another module of the repository to their strings; what
    cannot be followed is unresolvable. ``reads``: notes every file looked at; ``modules``:
    the modules already read in this scan."""
    k = knowledge()
    reads = TreeReads(root) if reads is None else reads
    cache = {} if modules is None else modules
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    for q in deferred:
        imp = q.imported
        rel = _module_file(reads, q.location.path, imp.module, imp.level)
        reason = f"model id of {q.loader}(): imported from {'.' * imp.level}{imp.module}"
        entry = None
        if rel is not None:
            raw = reads.read(rel, MODULE_MAX_BYTES)
            if rel not in cache:
                p = _module_pass(raw, rel, k)
                cache[rel] = None if p is None else (p, _Resolver(p))
            entry = cache[rel]
        values = None
        if entry is not None:
            p, resolver = entry
            # evaluate the argument as written, its imported name standing for the module's
            alias = _Scope(p.module)
            alias.names[imp.local] = p.module.names.get(imp.name, [])
            arg = q.arg
            if not any(n.__class__ is ast.Name and n.id == imp.local for n in ast.walk(arg)):
                # reached through a binding of the name (a class attribute name = K_NAME read
                # as self.name): the imported value is what the binding holds
                arg = ast.copy_location(ast.Name(id=imp.local, ctx=ast.Load()), arg)
            try:
                values = resolver.resolve(arg, alias)
            except (_Unresolved, _ImportedValue):
                values = None
        if not values:
            unresolvable.append(Unresolvable(q.location, q.expression, reason))
            continue
        ctx = reads.context(q.location.path)
        scan_ = _Scan(_Pass(k), ctx, [], None)
        ld = next(
            (x for x in k.libraries[q.library].loaders if x.name == q.loader),
            None,
        )
        if ld is None:
            continue
        how = _How(ld, None, None, q.repo_type, q.tag, False, q.name_map, q.mode)
        for v in values:
            got = scan_._identify(v.text, q.mode, ld, how)
            if got is None:
                continue
            ident, metadata, note = got
            kind = {DATASET: "dataset", HOSTED: "hosted model"}.get(
                ident.source, _role_word(q.role)
            )
            ref = ModelRef(
                id=ident.id,
                source=ident.source,
                location=q.location,
                revision=q.revision or _revision_of(v.text),
                evidence=context.with_note(
                    f"{q.loader}() {kind} argument via {q.expression[:60]} from {rel}{note}", ident
                ),
                metadata=metadata,
                provider=ident.provider,
            )
            refs.append(suppress(ref, q.source_line))
            if ident.source != HUGGINGFACE:
                continue
            for d in ld.loaded_with(ident.id, q.receiver):  # a decoder's connected prior
                along = scan_._identify(d.model, "hub", ld, how)
                if along is None:
                    continue
                implied = ModelRef(
                    id=along[0].id,
                    source=along[0].source,
                    location=q.location,
                    revision=d.revision,
                    evidence=f"implicit: {d.origin}",
                    metadata=along[1],
                    provider=along[0].provider,
                )
                refs.append(suppress(implied, q.source_line))
    return refs, unresolvable


class PythonScanner:
    """Python sources; names imported from other modules of the repository are settled after
    the scan, when every module can be read."""

    kind = "python"
    trigger = TRIGGER

    settles_with_refs = True  # templates are filled with names other files write

    def scan(self, text: str, ctx: Context) -> ScanResult:
        imported: list = []
        refs, unresolvable = scan(text, ctx, imported)
        return ScanResult(refs, unresolvable, pending=[Pending(self.kind, q) for q in imported])

    def settle(self, root: Path, questions: Sequence, refs: Sequence[ModelRef] = ()) -> ScanResult:
        imported = [q for q in questions if isinstance(q, ImportedArgument)]
        calls = [q for q in questions if isinstance(q, ImportedCall)]
        templates = [q for q in questions if isinstance(q, TemplateQuestion)]
        result = ScanResult(*resolve_deferred(root, imported))
        if calls:
            result.add(ScanResult(*resolve_imported_calls(root, calls)))
        if templates:
            result.add(ScanResult(*resolve_templates(root, templates, refs)))
        return result

    def settle_each(
        self, root: Path, files: Sequence[tuple[Context, Sequence]]
    ) -> list[tuple[ScanResult, dict[str, str]] | None]:
        """The questions of each file settled alone, with the files of the tree their answer
        read (path -> ``common.file_state``): a name imported from another module depends on
        that module and on the modules tried before it, nothing else. None for a file with a
        question about the whole scan (a template over the names other files write)."""
        out: list[tuple[ScanResult, dict[str, str]] | None] = []
        memo: dict = {}
        modules: dict = {}
        passes: dict = {}
        alone = [
            all(
                isinstance(q, (ImportedArgument, ImportedCall)) and q.location.path == ctx.rel
                for q in questions
            )
            for ctx, questions in files
        ]
        # the values the files hand on to other modules' functions, followed together first (a
        # scan of each module per few values, not per value: the same answers, ``_value_of``);
        # each file's answer below reads them, and notes the files it depends on itself
        handed: dict = {}
        every = [
            q
            for (_ctx, questions), ok in zip(files, alone, strict=True)
            if ok
            for q in questions
            if isinstance(q, ImportedCall)
        ]
        if every:
            resolve_imported_calls(root, every, TreeReads(root, None, memo), passes, handed)
        for (ctx, questions), ok in zip(files, alone, strict=True):
            if not ok:
                out.append(None)
                continue
            reads = TreeReads(root, ctx, memo)
            imported = [q for q in questions if isinstance(q, ImportedArgument)]
            calls = [q for q in questions if isinstance(q, ImportedCall)]
            result = ScanResult(*resolve_deferred(root, imported, reads, modules))
            if calls:
                result.add(ScanResult(*resolve_imported_calls(root, calls, reads, passes, handed)))
            out.append((result, reads.files))
        return out


SCANNER = PythonScanner()
