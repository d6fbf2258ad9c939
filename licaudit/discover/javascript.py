"""JavaScript / TypeScript: model references the way applications write them.

Parsed with tree-sitter (the JavaScript grammar for ``.js .mjs .cjs .jsx``, TypeScript for
``.ts .mts .cts``, TSX for ``.tsx``), imported on the first JS/TS file a scan reads. A string is
a reference because of where it sits, and every value decision is the shared context mechanism's
(``context.py``), with the loader knowledge of the ``javascript`` ecosystem (``loaders/``):

* a loader's model-taking place: ``pipeline(task, id)`` and ``X.from_pretrained(id)``
  (Transformers.js), ``ollama.chat({ model })`` (ollama-js), ``ollama("llama3.1")``,
  ``openai("gpt-4o")``, ``gateway.languageModel("anthropic/claude-haiku-4.5")``,
  ``generateText({ model: "openai/gpt-4o" })`` (the AI SDK), ``new ChatOllama({ model })``
  (LangChain.js), ``hf.chatCompletion({ model })`` (Hugging Face inference); the callee is
  identified by its import (``import``, ``require``, ``await import``, a CDN URL), the
  receiver it is called on and the constructor or factory that built that receiver; a factory's
  local base URL (``createOpenAI({ baseURL: "http://localhost:11434/v1" })``) makes its models
  those of the local server;
* a name that says model (``context.named``): variables (``const MODEL_ID = ...``), object
  properties (``{ model: ... }`` in any call), class fields (``static model_id = ...``),
  assignments (``this.model = ...``), enum members (``enum OpenAIModelID``), parameter defaults,
  JSX attributes, and the items of a list or map of model options under such a name
  (``chatModels = [{ id: ... }]``, ``MODELS = { fast: "..." }``), or the quoted keys of such a
  map whose values are sizes or settings (``models = { "org/a": [41, 152] }``); a record's provider key says
  whose its model is (``{ modelId: "llama3-8b-8192", provider: "groq" }``) and its name key
  beside its id key is a display label; a record typed with a model type (``const X: LLM``)
  holds its model under its ``...Id`` keys too; the members of a union type whose name says
  model (``type GroqLLMID = "llama3-8b-8192" | ...``: the type's name may name the provider),
  and the keys of a record keyed by such a type (``Record<LLMID, Limits>``, the union followed
  through imports); a comparison or ``switch`` case on a model-naming name (as in Python);
* a value that flows into one of those places: a constant (also one another module of the
  repository exports, through re-exports and the ``paths`` aliases of ``tsconfig.json``), a
  class field (``this.model_id``),
  an enum member, a subscript or loop over a list of models (every item), ``a ?? b`` / ``a || b``
  and ``c ? a : b`` (every literal branch), a join (``"org/" + size``; ``id += ".en"`` gives
  both forms, the append may not run), an environment default
  (``process.env.MODEL ?? "qwen3:8b"``: the evidence names the variable), and a parameter of a
  function of the file that passes it on (``run("mistral")`` where ``run(model)`` calls
  ``ollama.chat({ model })``);
* an implicit model: ``pipeline("sentiment-analysis")`` loads the task's default of the
  Transformers.js release line the project uses (read from the import's version, the folder's
  other scripts or ``package.json``), a LangChain.js class without a model its default; the
  evidence names the default.

A reference is reported where its id is written (the literal's line), with the place it reaches
in the evidence; a ``licaudit: ignore`` marker on either line suppresses it. Comments and JSDoc
are not in the tree's strings; template literals with substitutions, environment variables
without a default and ids imported from another module are computed at run time (listed as
unresolvable where a loader takes them); import specifiers and CDN URLs, console messages and
other arguments of unknown calls and display names are never references.

Why tree-sitter and not line patterns or a tokenizer of our own: measured on the labelled
JS/TS repositories and on a large TypeScript tree (the AI SDK monorepo: 4,575 files, 3,154 past
the prefilter, 12.5 MB) on a loaded two-core machine. The line patterns this module replaced
found 0.77, 0.88 and 0.00 of the models of ollama-js, a Transformers.js examples collection and
an AI SDK chatbot (now 1.00, 1.00, 0.80), and none of the 1,826 references of the large tree;
the shapes above need scopes, nested objects and arrays, class bodies, enums, JSX, and
regular-expression literals told apart from division, which line patterns cannot see and a
hand-written tokenizer would have to rebuild (the comment blanker the patterns ran on was such a
tokenizer, a character loop in Python: 571 files/s on those files). tree-sitter parses them at
870 files/s, is error-tolerant (a file with a syntax error keeps its other references) and this
scanner, which reads only what a query of the tree returns, runs at 480 files/s parse included
(``bench/jsparse.py`` measures both, file by file).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from ..decoding import decode
from ..model import HOSTED, HUGGINGFACE, OLLAMA, Location, ModelRef, Skipped, Unresolvable
from ..recordtype import dataclass
from . import context, treesitter
from .common import Context, Found, Trigger, location_at, make_ref, norm_key
from .common import file_signature as _regular
from .common import read_small as _read_small
from .ids import could_be_id, ollama_id
from .interface import Pending, ScanResult
from .loaders import Arg, Default, Loader, knowledge
from .packages import HUB_WRITTEN, nearest_package, package_provider
from .suppress import suppress

ECOSYSTEM = "javascript"

# words one of which every model-naming name of the vocabulary contains (lower-cased, as the raw
# bytes are searched; tests/test_discover_javascript.py checks the vocabulary against them)
NAME_WORDS = (
    b"model",
    b"llm",
    b"checkpoint",
    b"weight",
    b"pretrain",
    b"tokenizer",
    b"processor",
    b"adapter",
    b"rerank",
    b"reward",
    b"dataset",
    b"hf_repo",
    b"hfrepo",
    b"hf_path",
    b"hfpath",
    b"torch_path",
    b"torchpath",
    b"prm_path",  # a process reward model (search-and-learn's Config.prm_path)
    b"prmpath",
    # a TensorFlow graph file's names (tensor_graph, graph_path: the vocabulary's)
    b"tensor_graph",
    b"tensorgraph",
    b"frozen_graph",
    b"frozengraph",
    b"graph_path",
    b"graphpath",
    b"graph_file",
    b"graphfile",
    # the vocabulary's model_kinds (an adapter kind holds "adapter" already)
    b"controlnet",
    b"brushnet",
    b"lora",
    b"vae",
    b"unet",
    # a vision-language model's image encoder (vision_tower, mm_vision_tower, visionTower)
    b"tower",
)


class _Trigger(Trigger):
    """The prefilter: a model-naming word, or a literal the loader data names for JavaScript
    (import roots, callables, the Ollama port). Built on the first file it is asked about."""

    def __init__(self) -> None:
        pass

    @functools.cached_property
    def literals(self) -> tuple[bytes, ...]:  # type: ignore[override]
        # (and a webpack config's copy rules: which files a web app serves)
        words = {*NAME_WORDS, *knowledge().triggers(ECOSYSTEM), _COPY_PLUGIN.encode()}
        return tuple(sorted(words))


TRIGGER = _Trigger()

# --- the parser ---------------------------------------------------------------------------------

_ENV_PREFIXES = (b"process.env", b"import.meta.env", b"Bun.env", b"Deno.env.get")
# what a query of the tree returns: calls by the callee's name (its text is checked against the
# loader data before any other work), and the names a value can sit under (checked for a
# model-naming word before the value is looked at); a pattern whose node kind a dialect lacks is
# left out of that dialect's query
_PATTERNS = (
    "(call_expression) @call",
    "(new_expression constructor: (_)) @new",
    "(variable_declarator value: (_)) @declarator",
    "(variable_declarator name: (identifier) @name) @site",
    "(pair key: [(property_identifier) (string)] @name) @site",
    "(assignment_expression left: (identifier) @name) @site",
    "(assignment_pattern left: (identifier) @name) @site",
    "(object_assignment_pattern left: (shorthand_property_identifier_pattern) @name) @site",
    "(jsx_attribute (property_identifier) @name) @site",
    "(enum_assignment name: [(property_identifier) (string)] @name) @site",
    "(assignment_expression left: (member_expression property: (property_identifier))) @held",
    "(field_definition property: [(property_identifier) (private_property_identifier) (string)]) @held",
    "(public_field_definition name: [(property_identifier) (private_property_identifier) (string)]) @held",
    "(enum_declaration name: (identifier)) @held",
    "(required_parameter pattern: (identifier) value: (_)) @held",
    "(optional_parameter pattern: (identifier) value: (_)) @held",
    "(binary_expression left: [(member_expression) (subscript_expression) (call_expression)]) @env",
    "(type_alias_declaration name: (type_identifier) @name)",
    '(binary_expression operator: ["===" "==" "!==" "!="]) @compare',
    "(switch_statement value: (_)) @switch",
    "(variable_declarator type: (type_annotation) value: (_)) @typed",
    "(augmented_assignment_expression left: (identifier)) @augmented",
)
# Every call, ``new`` and environment default is reached from the node the query returns, walking
# down, the variable a call's value is held in from its declarator, and a name a value sits under
# from the node that holds both (``@site``, which starts where its ``@name`` does; ``@held``, whose
# name ``_site_name`` finds): a node's parent costs a walk from the root in tree-sitter, so walking
# up from each call of a deep chain (``a.b().c()`` thousands of times) would cost its depth
# squared. A name is resolved walking down from the root to its use
# (``treesitter.ancestors``), once per use, within the file's ``treesitter.Budget``.
_NAME_WORDS = re.compile(b"|".join(re.escape(w) for w in NAME_WORDS), re.IGNORECASE)


def _dialect(rel: str) -> str:
    ext = rel.rsplit(".", 1)[-1].lower()
    return {"ts": "ts", "mts": "ts", "cts": "ts", "tsx": "tsx"}.get(ext, "js")


_GRAMMARS = {
    "js": ("tree_sitter_javascript", "language"),
    "ts": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
}


def _grammar(dialect: str) -> tuple[Any, Any]:
    """(parser, query) of a dialect; tree-sitter and the grammar load on first use."""
    return treesitter.grammar(*_GRAMMARS[dialect], _PATTERNS)


# --- what the loader data says, indexed once ----------------------------------------------------


@dataclass(frozen=True)
class _Index:
    callees: frozenset[str]  # every name a JS loader call may be written with
    callee_bytes: frozenset[bytes]  # the same, and the factories that make a loader's receiver
    by_factory: dict[str, tuple[Loader, ...]]  # createOpenAI -> the loaders of its instances
    packages: dict[str, str]  # npm package -> library
    task_library: str | None  # the library whose pipeline(task) has task defaults


@functools.cache
def _index() -> _Index:
    k = knowledge()
    callees: set[str] = set()
    by_factory: dict[str, list[Loader]] = {}
    packages: dict[str, str] = {}
    task_library = None
    for lib in k.libraries.values():
        if lib.ecosystem != ECOSYSTEM:
            continue
        for _, name in lib.packages:
            packages[name] = lib.name
        for i in lib.imports:
            packages.setdefault(i, lib.name)
        for ld in lib.loaders:
            callees.add(ld.name.rsplit(".", 1)[-1])
            callees.update(q.split(":")[-1].rsplit(".", 1)[-1] for q in ld.qualnames)
            callees.update(ld.methods)
            if ld.task_defaults:
                task_library = lib.name
            for q in ld.receiver.instances_of if ld.receiver else ():
                by_factory.setdefault(q.split(":")[-1], []).append(ld)
    return _Index(
        frozenset(callees),
        frozenset(c.encode() for c in callees | set(by_factory)),
        {key: tuple(v) for key, v in by_factory.items()},
        packages,
        task_library,
    )


@functools.lru_cache(maxsize=4096)
def _loaders_for_call(
    name: str,
    *,
    module: str | None = None,
    receiver: str | None = None,
    built_from: str | None = None,
    ecosystem: str = ECOSYSTEM,
) -> tuple[Loader, ...]:
    """``loaders_for_call`` of the JavaScript libraries; the same few calls recur in every file."""
    return knowledge().loaders_for_call(
        name, module=module, receiver=receiver, built_from=built_from, ecosystem=ecosystem
    )


_CDN = re.compile(
    r"^[a-z]+://[^/]+/(?:npm/|v\d+/)?((?:@[^/@\s]+/)?[^/@\s]+)(?:@([^/\s?#]+))?(/[^?#]*)?"
)
_BARE = re.compile(r"^((?:@[^/@\s]+/)?[^/@\s]+)(/[^\s]*)?$")


def package_of(specifier: str) -> tuple[str, str | None, str]:
    """(package, version or None, module) of an import specifier: a bare one
    (``@langchain/community/embeddings/hf``) or a CDN URL
    (``https://cdn.jsdelivr.net/npm/@huggingface/transformers@3.0.0``); ``module`` is the
    specifier without the host and version (the package and its subpath)."""
    m = _CDN.match(specifier)
    if m:
        sub = (m.group(3) or "").rstrip("/")
        return m.group(1), m.group(2), m.group(1) + sub
    m = _BARE.match(specifier)
    if m and not specifier.startswith("."):
        return m.group(1), None, specifier
    return specifier, None, specifier


def _version(spec: str) -> str | None:
    m = re.search(r"\d+(?:\.\d+){0,2}", spec)
    return m.group(0) if m else None


def _declared(ctx: Context, packages: tuple[str, ...]) -> tuple[str, str | None, str] | None:
    """(package, version, where) of the first of ``packages`` the nearest package.json above the
    file declares."""
    found = nearest_package(ctx)
    if found is None:
        return None
    rel, deps = found
    for p in packages:
        if p in deps:
            return p, _version(deps[p]), rel
    return None


_SCRIPT_EXTS = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".tsx", ".html", ".htm")


@functools.lru_cache(maxsize=256)
def _folder_imports(
    root: str, folder: str, names: tuple[str, ...]
) -> tuple[str, str | None, str] | None:
    """(package, version, file) of one of the npm packages ``names`` as the scripts of a folder
    import it (a page's helper script that loads a library from a CDN for the sketches beside
    it); a bounded look at at most 50 files of at most 256 KiB."""
    pattern = re.compile("(" + "|".join(re.escape(n) for n in names) + r")(?:@(\d[\w.\-]*))?")
    try:
        entries = sorted(os.listdir(os.path.join(root, folder)))[:200]
    except (OSError, ValueError):
        return None
    seen = 0
    for name in entries:
        if not name.lower().endswith(_SCRIPT_EXTS):
            continue
        seen += 1
        if seen > 50:
            break
        rel = f"{folder}/{name}" if folder else name
        if _regular(root, rel) is None:
            continue
        raw = _read_small(root, rel, 256 * 1024)
        m = pattern.search(decode(raw)) if raw is not None else None
        if m:
            return m.group(1), m.group(2), name
    return None


# --- values -------------------------------------------------------------------------------------


@dataclass
class _Lit:
    text: str
    node: Any  # where it is reported: the literal, or the use of a name imported from a module
    env: str | None = None  # the environment variable it is the default of
    via: str | None = None  # the name it came through (a constant, a field)
    written: bool = True  # node is the literal itself (its id starts after the quote)
    origin: tuple[str, int] | None = None  # file and line of a literal in another module


@dataclass
class _Param:
    function: str  # the function's name as its callers write it
    index: int
    key: str | None  # a destructured parameter's property
    node: Any


@dataclass
class _Unres:
    node: Any
    reason: str


_WRAPPERS = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
        "type_assertion",
        "await_expression",
    }
)
_FUNCTIONS = frozenset(
    {
        "function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
    }
)
_SCOPES = frozenset({"program", "statement_block", "class_body", "switch_body"})
_DEFAULT_OPS = frozenset({"??", "||"})
# the values a table of model options keyed by id gives each model: sizes, flags, settings
_OLLAMA_ONLY = frozenset({"ollama-js"})
_SETTINGS_VALUES = frozenset({"number", "array", "object", "true", "false"})
_ENV_OBJECTS = frozenset({"process.env", "import.meta.env", "Bun.env"})
_ENV_OBJECT_BYTES = max(len(o) for o in _ENV_OBJECTS)
_MAX_DEPTH = 8
_MAX_JOINED = 64  # the strings one join may make (each of a list of models with each suffix)
_LONG = 240  # bytes: a receiver or callee written longer is not copied whole for each call
_SPACE = re.compile(r"\s")


def _text(node: Any) -> str:
    return node.text.decode("utf-8", "replace")


def _is(node: Any, text: str) -> bool:
    """Whether ``node``'s text is ``text`` (compared without copying a longer node)."""
    return node.end_byte - node.start_byte == len(text.encode()) and _text(node) == text


def _named(node: Any) -> list[Any]:
    return [c for c in node.named_children if c.type != "comment"]


def _string_value(node: Any) -> str | None:
    """The text of a string literal or a template literal without substitutions; None for a
    template with substitutions or a string with escapes (never an id)."""
    parts = []
    for c in node.named_children:
        if c.type == "string_fragment":
            parts.append(c.text)
        elif c.type in ("template_substitution", "escape_sequence"):
            return None
    return b"".join(parts).decode("utf-8", "replace")


def _key_text(key: Any) -> str | None:
    if key.type in ("property_identifier", "identifier", "private_property_identifier"):
        return _text(key).lstrip("#")
    if key.type == "string":
        return _string_value(key)
    return None  # computed keys, numbers


def _inner(node: Any) -> Any:
    kids = _named(node)
    if not kids:
        return None
    return kids[-1] if node.type == "type_assertion" else kids[0]


def _env_name(node: Any) -> str | None:
    """``MODEL`` of ``process.env.MODEL``, ``process.env["MODEL"]``, ``import.meta.env.MODEL``,
    ``Deno.env.get("MODEL")``."""
    t = node.type
    if t == "member_expression":
        obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        if obj is not None and prop is not None and _env_object(obj):
            return _text(prop)
    elif t == "subscript_expression":
        obj, index = node.child_by_field_name("object"), node.child_by_field_name("index")
        if obj is not None and index is not None and _env_object(obj):
            return _string_value(index) if index.type == "string" else None
    elif t == "call_expression":
        fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
        if fn is not None and _is(fn, "Deno.env.get") and args is not None:
            kids = _named(args)
            if kids and kids[0].type == "string":
                return _string_value(kids[0])
    return None


def _env_object(node: Any) -> bool:
    """Whether ``node`` is ``process.env``, ``import.meta.env`` or ``Bun.env`` (a longer node is
    not copied to be compared)."""
    return node.end_byte - node.start_byte <= _ENV_OBJECT_BYTES and _text(node) in _ENV_OBJECTS


def _holder(parents: list[Any]) -> Any:
    """The first of a node's enclosing nodes (innermost first) that is no wrapper, or None."""
    return next((p for p in parents if p.type not in _WRAPPERS), None)


def _function_name(fn: Any, parents: list[Any]) -> str | None:
    """How callers name a function (``parents``: the nodes enclosing it, innermost first): its
    declaration, the variable or property holding it, or ``this.name`` for a method."""
    if fn.type in ("function_declaration", "generator_function_declaration"):
        name = fn.child_by_field_name("name")
        return _text(name) if name is not None else None
    if fn.type == "method_definition":
        name = fn.child_by_field_name("name")
        return "this." + _text(name) if name is not None else None
    parent = _holder(parents)
    if parent is not None and parent.type == "variable_declarator":
        name = parent.child_by_field_name("name")
        if name is not None and name.type == "identifier":
            return _text(name)
    return None


def _params(fn: Any) -> list[Any]:
    params = fn.child_by_field_name("parameters")
    if params is not None:
        return _named(params)
    one = fn.child_by_field_name("parameter")  # x => ...
    return [one] if one is not None else []


def _param_bindings(fn: Any) -> dict[str, tuple[int, str | None, Any]]:
    """Name -> (index, destructured key, default value) of the parameters of ``fn``, the first
    parameter of a name."""
    out: dict[str, tuple[int, str | None, Any]] = {}

    def bind(node: Any, found: tuple[int, str | None, Any]) -> None:
        if node is not None and node.end_byte - node.start_byte <= _LONG:
            out.setdefault(_text(node), found)

    for i, p in enumerate(_params(fn)):
        default = None
        if p.type in ("required_parameter", "optional_parameter"):
            default = p.child_by_field_name("value")
            p = p.child_by_field_name("pattern") or p
        if p.type == "assignment_pattern":
            default = p.child_by_field_name("right")
            p = p.child_by_field_name("left") or p
        if p.type == "identifier":
            bind(p, (i, None, default))
        if p.type == "object_pattern":
            for prop in _named(p):
                if prop.type == "shorthand_property_identifier_pattern":
                    bind(prop, (i, _text(prop), None))
                if prop.type == "object_assignment_pattern":
                    left = prop.child_by_field_name("left")
                    if left is not None:
                        bind(left, (i, _text(left), prop.child_by_field_name("right")))
                if prop.type == "pair_pattern":
                    key, value = prop.child_by_field_name("key"), prop.child_by_field_name("value")
                    if value is not None and value.type == "assignment_pattern":
                        default = value.child_by_field_name("right")
                        value = value.child_by_field_name("left")
                    if key is not None and value is not None:
                        bind(value, (i, _key_text(key), default))
    return out


def _declarations(scope: Any) -> dict[str, Any]:
    """Names a scope declares -> the node that gives the value (a declarator's value, a class,
    an enum, a function)."""
    found: dict[str, Any] = {}

    def add(name: str, node: Any) -> None:
        found[name] = None if name in found and found[name] is not node else node

    for stmt in scope.named_children:
        if stmt.type == "export_statement":
            stmt = stmt.child_by_field_name("declaration") or stmt
        t = stmt.type
        if t in ("lexical_declaration", "variable_declaration"):
            for d in stmt.named_children:
                if d.type != "variable_declarator":
                    continue
                name, value = d.child_by_field_name("name"), d.child_by_field_name("value")
                if name is not None and name.type == "identifier":
                    add(_text(name), value)
        elif t in (
            "class_declaration",
            "enum_declaration",
            "function_declaration",
            "abstract_class_declaration",
        ):
            name = stmt.child_by_field_name("name")
            if name is not None:
                add(_text(name), stmt)
    return found


# --- names imported from another module of the repository --------------------------------------

_MODULE_EXTS = (".ts", ".tsx", ".js", ".mjs", ".cjs", ".jsx", ".mts", ".cts")
_exporting: set[tuple[str, str, str]] = set()  # modules being read (an import cycle stops there)


def _module_file(ctx: Context, module: str) -> str | None:
    """The repository file an import names: a relative one (``./models``,
    ``../lib/ai/models.js``), or one through a path alias of the nearest ``tsconfig.json`` /
    ``jsconfig.json`` (``@/lib/models`` with ``"paths": {"@/*": ["./*"]}``)."""
    root = os.fspath(ctx.root)
    if module.startswith("."):
        bases = [os.path.normpath(os.path.join(ctx.folder, module)).replace(os.sep, "/")]
    else:
        bases = _aliased(root, ctx.folder, module)
    for base in bases:
        if base.startswith("../") or base == ".." or base.startswith("/"):
            continue
        stem, ext = os.path.splitext(base)
        tries = [base] if ext in _MODULE_EXTS else []
        if ext in (".js", ".mjs", ".cjs", ".jsx"):  # TypeScript imports name the compiled file
            tries += [stem + e for e in (".ts", ".tsx", ".mts", ".cts")]
        tries += [base + e for e in _MODULE_EXTS] + [f"{base}/index{e}" for e in _MODULE_EXTS]
        found = next((t for t in tries if _regular(root, t) is not None), None)
        if found is not None:
            return found
    return None


_CONFIG_FILES = ("tsconfig.json", "jsconfig.json")
_JSONC_NOISE = re.compile(r'"(?:\\.|[^"\\\n])*"|//[^\n]*|/\*.*?\*/', re.S)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def _aliased(root: str, folder: str, module: str) -> list[str]:
    """The repository paths (relative to the root, without extension) a bare import may name
    through the ``compilerOptions.paths`` of the nearest TypeScript or JavaScript project file
    above ``folder``; none when it names a package."""
    while True:
        for name in _CONFIG_FILES:
            rel = f"{folder}/{name}" if folder else name
            signature = _regular(root, rel)
            if signature is not None:
                base, paths = _ts_paths(root, rel, signature)
                return _apply_paths(base, paths, module)
        if not folder:
            return []
        folder = os.path.dirname(folder)


def _apply_paths(
    base: str, paths: tuple[tuple[str, tuple[str, ...]], ...], module: str
) -> list[str]:
    out = []
    # the longest matching prefix first, as TypeScript picks it
    for pattern, targets in sorted(paths, key=lambda p: -len(p[0].split("*", 1)[0])):
        head, star, tail = pattern.partition("*")
        if star:
            if not (module.startswith(head) and module.endswith(tail)) or len(module) < len(
                head
            ) + len(tail):
                continue
            rest = module[len(head) : len(module) - len(tail)]
        elif module != pattern:
            continue
        else:
            rest = ""
        for target in targets:
            path = os.path.normpath(os.path.join(base, target.replace("*", rest, 1)))
            out.append(path.replace(os.sep, "/"))
    return out[:8]


@functools.lru_cache(maxsize=64)
def _ts_paths(
    root: str, rel: str, signature: tuple[int, int]
) -> tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """(folder the paths are relative to, (pattern, targets) ...) of a ``tsconfig.json``:
    JSON with comments and trailing commas; anything unreadable gives no paths."""
    folder = os.path.dirname(rel)
    raw = _read_small(root, rel, 256 * 1024)
    try:
        text = raw.decode("utf-8", "replace") if raw is not None else ""
        text = _JSONC_NOISE.sub(lambda m: m.group(0) if m.group(0)[0] == '"' else "", text)
        doc = json.loads(_TRAILING_COMMA.sub(r"\1", text)) if text.strip() else None
    except (ValueError, RecursionError):
        return folder, ()
    options = doc.get("compilerOptions") if isinstance(doc, dict) else None
    if not isinstance(options, dict):
        return folder, ()
    base_url = options.get("baseUrl")
    base = os.path.normpath(os.path.join(folder, base_url)) if isinstance(base_url, str) else folder
    base = "" if base == "." else base.replace(os.sep, "/")
    paths = options.get("paths")
    found = []
    if isinstance(paths, dict):
        for pattern, targets in list(paths.items())[:64]:
            if isinstance(pattern, str) and pattern.count("*") <= 1 and isinstance(targets, list):
                kept = tuple(t for t in targets[:8] if isinstance(t, str) and t.count("*") <= 1)
                if kept:
                    found.append((pattern, kept))
    return base, tuple(found)


def _exported(
    ctx: Context, module: str, name: str
) -> tuple[tuple[str, str, int, str | None], ...] | None:
    """The string values (each with the file and line it is written on) that a module of the
    repository gives the name another file imports from it (``export const DEFAULT_MODEL =
    "..."``, also through a constant that module imports in turn)."""
    rel = _module_file(ctx, module)
    if rel is None:
        return None
    root = os.fspath(ctx.root)
    signature = _regular(root, rel)
    if signature is None:
        return None
    return _exported_values(root, rel, signature, name) or None


@functools.lru_cache(maxsize=1024)
def _exported_values(
    root: str, rel: str, signature: tuple[int, int], name: str
) -> tuple[tuple[str, str, int, str | None], ...]:
    return _in_module(root, rel, name, _exported_from)


def _in_module(root: str, rel: str, key: str, read: Any) -> tuple:
    """``read(f, key)`` of the module ``rel`` of the repository, parsed with its imports; ``()``
    when the module cannot be read, is already being read (an import cycle), lies too long a
    chain of modules away, or is cut by a walk bound (the importing file lists the name as
    unresolvable)."""
    mark = (root, rel, f"{read.__name__} {key}")
    if mark in _exporting or len(_exporting) > 4:
        return ()
    raw = _read_small(root, rel, MAX_MODULE_BYTES)
    if raw is None:
        return ()
    _exporting.add(mark)
    try:
        f = _File(raw.decode("utf-8", "replace"), Context(root=Path(root), rel=rel))
        for node in f.root.named_children:
            if node.type == "import_statement":
                f.import_statement(node)
        return read(f, key)
    except treesitter.WalkLimit:
        return ()
    finally:
        _exporting.discard(mark)


def _exported_from(f: _File, name: str) -> tuple[tuple[str, str, int, str | None], ...]:
    """The string values ``name`` has in the module ``f`` (each with its file and line)."""
    rel = f.ctx.rel
    value = _declarations(f.root).get(name)
    if value is None:
        for module, imported in _reexports(f.root, name):
            found = _exported(f.ctx, module, imported)
            if found:
                return found
        return ()
    out = []
    for v in f.values(value):
        if isinstance(v, _Lit):
            out.append((v.text, *(v.origin or (rel, f._pos(v.node)[0])), v.env))
    return tuple(out)


MAX_MODULE_BYTES = 2 * 1024 * 1024


def _exported_type(ctx: Context, module: str, name: str) -> tuple[tuple[str, str], ...]:
    """The string literals (each with the alias listing it) of the union type alias ``name``
    that a module of the repository exports, itself or through ``export * from`` and
    ``export { name } from``."""
    rel = _module_file(ctx, module)
    if rel is None:
        return ()
    root = os.fspath(ctx.root)
    signature = _regular(root, rel)
    if signature is None:
        return ()
    return _exported_type_literals(root, rel, signature, name)


@functools.lru_cache(maxsize=1024)
def _exported_type_literals(
    root: str, rel: str, signature: tuple[int, int], name: str
) -> tuple[tuple[str, str], ...]:
    return _in_module(root, rel, name, _type_literals_of)


def _type_literals_of(f: _File, name: str) -> tuple[tuple[str, str], ...]:
    """The string literals of the union type alias ``name`` of the module ``f``, itself or
    through its re-exports."""
    if name in _type_aliases(f.root) or name in f.imports:
        return tuple(sorted(f.type_literals(name).items()))
    for module, imported in _reexports(f.root, name):
        found = _exported_type(f.ctx, module, imported)
        if found:
            return found
    return ()


def _reexports(root: Any, name: str) -> list[tuple[str, str]]:
    """(module, name there) of each re-export that may give a module's ``name``: ``export {
    name } from "./m"`` (also ``export { other as name }``) first, then every ``export * from
    "./m"``."""
    named: list[tuple[str, str]] = []
    star: list[tuple[str, str]] = []
    for stmt in root.named_children:
        if stmt.type != "export_statement":
            continue
        source = stmt.child_by_field_name("source")
        module = _string_value(source) if source is not None else None
        if not module:
            continue
        clause = next((c for c in stmt.named_children if c.type == "export_clause"), None)
        if clause is None:
            if any(c.type == "*" for c in stmt.children) and not any(
                c.type == "namespace_export" for c in stmt.named_children
            ):
                star.append((module, name))
            continue
        for spec in clause.named_children:
            if spec.type != "export_specifier":
                continue
            original = spec.child_by_field_name("name")
            alias = spec.child_by_field_name("alias") or original
            if original is not None and alias is not None and _text(alias) == name:
                named.append((module, _text(original)))
    return named + star


# --- one file -----------------------------------------------------------------------------------


@dataclass
class _Place:
    """A loader's model-taking place that a value reaches."""

    mode: str
    provider: str | None
    evidence: str
    name_map: str | None = None  # ``library:id`` of the map a ``mapped`` place's names follow


class _File:
    def __init__(self, text: str, ctx: Context) -> None:
        self.ctx = ctx
        self.src = text.encode("utf-8")
        self.root = _grammar(_dialect(ctx.rel))[0].parse(self.src).root_node
        self.positions = treesitter.Positions(self.src)
        self.budget = treesitter.Budget()
        self.declarators: dict[int, Any] = {}  # node id of a declared value -> its declarator
        self.lines = text.split("\n")
        self.imports: dict[str, tuple[str, str]] = {}  # local name -> (module, imported name)
        self.modules: list[tuple[str, str | None, str]] = []  # (package, version, module) imported
        self.refs: dict[tuple, ModelRef] = {}
        self.unresolvable: list[Unresolvable] = []
        self.consumed: set[int] = set()
        self.tables: set[int] = set()  # objects read as tables of model names per provider
        self.flows: dict[str, list[tuple[int, str | None, _Place]]] = {}
        self._scopes: dict[int, dict[str, Any]] = {}
        self._indexes: dict[Any, Any] = {}  # classes, objects and enums by key, read once
        self._items: dict[tuple, list[Any]] = {}  # the models of a list or map (items)
        self._item_lists: set[int] = set()
        self._reached: set[tuple[int, str, str | None]] = set()  # items lists in a place
        self._libraries: set[str] | None = None
        self.instances: set[str] = set()  # variables holding a provider a factory made
        self._aliases: dict[str, Any] | None = None  # the file's type aliases by name
        self.records: dict[int, tuple[tuple[str, ...], dict[str, str]]] = {}  # object literals
        self.appended: dict[str, list[Any]] = {}  # name -> its ``name += ...`` assignments
        # a root-relative weights path a loader opens (InferenceSession.create("/model/x.onnx")),
        # by the key of its reference: where the web app serves it from is settled after the scan
        self.served: dict[tuple, str] = {}

    # positions, references

    def _pos(self, node: Any, *, inside: bool = False) -> tuple[int, int]:
        return self.positions(node, inside=inside)

    def _emit(
        self,
        ident: context.Identity,
        node: Any,
        evidence: str,
        *,
        use: Any = None,
        inside: bool = True,
    ) -> tuple | None:
        line, col = self._pos(node, inside=inside)
        if ident.source == HUGGINGFACE and not self.libraries:
            provider = self.package_provider
            written = (_string_value(node) or "") if node.type == "string" else ""
            if provider is not None and not any(w in written for w in HUB_WRITTEN):
                ident = context.Identity(ident.id, HOSTED, provider)
                evidence += f" (the package's only model client is the {provider} SDK)"
        key = (line, col, ident.id, ident.source)
        if key in self.refs:
            return key
        if ident.source == HOSTED and node.type == "string":
            evidence += context.alias_note(_string_value(node) or "", ident)
        ref = make_ref(
            ident.pair, self.ctx, self.lines, line, col, evidence, provider=ident.provider
        )
        if use is not None:
            use_line = use.start_point[0] + 1
            if use_line != line and 0 < use_line <= len(self.lines):
                ref = suppress(ref, self.lines[use_line - 1])
        self.refs[key] = ref
        return key

    def _head(self, node: Any, chars: int) -> str:
        """The first ``chars`` characters of ``node``'s text, read no further (a large expression
        cut in a message is not copied whole: nested thousands of times, it would be copied for
        each level)."""
        # a character takes at most 4 bytes: one cut at the end of the slice comes after them
        end = min(node.end_byte, node.start_byte + 4 * chars)
        return self.src[node.start_byte : end].decode("utf-8", "replace")[:chars]

    def _unresolvable(self, node: Any, reason: str) -> None:
        line, col = self._pos(node)
        expression = self._head(node, 201)
        self.unresolvable.append(
            Unresolvable(
                location_at(self.ctx, self.lines, line, col),
                expression if len(expression) <= 200 else expression[:197] + "...",
                reason,
            )
        )

    @functools.cached_property
    def package_provider(self) -> str | None:
        return package_provider(self.ctx)

    # imports

    def _add_module(self, spec: str) -> tuple[str, str | None, str]:
        found = package_of(spec)
        self.modules.append(found)
        self._libraries = None
        return found

    def import_statement(self, node: Any) -> None:
        source = node.child_by_field_name("source")
        if source is None:
            return
        spec = _string_value(source)
        if not spec:
            return
        module = self._add_module(spec)[2]
        for clause in node.named_children:
            if clause.type != "import_clause":
                continue
            for part in clause.named_children:
                if part.type == "identifier":
                    self.imports[_text(part)] = (module, "default")
                elif part.type == "namespace_import":
                    for ident in part.named_children:
                        if ident.type == "identifier":
                            self.imports[_text(ident)] = (module, "*")
                elif part.type == "named_imports":
                    for spec_node in part.named_children:
                        if spec_node.type != "import_specifier":
                            continue
                        name = spec_node.child_by_field_name("name")
                        alias = spec_node.child_by_field_name("alias")
                        if name is not None:
                            local = alias if alias is not None else name
                            self.imports[_text(local)] = (module, _text(name))

    def require(self, call: Any) -> bool:
        """``require("m")`` and ``import("m")``: the module, and the names it is bound to
        (``const x = require("m")``, ``const { a, b: c } = await import("m")``)."""
        fn = call.child_by_field_name("function")
        if (
            fn is None
            or fn.type not in ("identifier", "import")
            or _text(fn) not in ("require", "import")
        ):
            return False
        args = call.child_by_field_name("arguments")
        kids = _named(args) if args is not None else []
        if not kids or kids[0].type != "string":
            return True
        spec = _string_value(kids[0])
        if not spec:
            return True
        module = self._add_module(spec)[2]
        parent = self.declarators.get(call.id)
        if parent is None:
            return True
        name = parent.child_by_field_name("name")
        if name is None:
            return True
        if name.type == "identifier":
            self.imports[_text(name)] = (module, "default" if _text(fn) == "require" else "*")
        elif name.type == "object_pattern":
            for prop in _named(name):
                if prop.type == "shorthand_property_identifier_pattern":
                    self.imports[_text(prop)] = (module, _text(prop))
                elif prop.type == "pair_pattern":
                    key, value = prop.child_by_field_name("key"), prop.child_by_field_name("value")
                    if key is not None and value is not None and value.type == "identifier":
                        self.imports[_text(value)] = (module, _text(key))
        return True

    @property
    def libraries(self) -> set[str]:
        """The loader libraries this file imports."""
        if self._libraries is None:
            libs = set()
            for lib in knowledge().libraries.values():
                if lib.ecosystem != ECOSYSTEM:
                    continue
                for _, _, module in self.modules:
                    if any(module == i or module.startswith(i + "/") for i in lib.imports):
                        libs.add(lib.name)
            self._libraries = libs
        return self._libraries

    # scopes and bindings

    def augmented(self, expr: Any) -> None:
        """``name += value``: a string appended to what ``name`` holds (``modelName += ".en"``),
        asked for when ``name`` is resolved (``values``)."""
        op = expr.child_by_field_name("operator")
        left = expr.child_by_field_name("left")
        if op is not None and op.type == "+=" and left is not None:
            found = self.appended.setdefault(_text(left), [])
            if len(found) < _MAX_JOINED:  # a name appended to thousands of times: the first
                found.append(expr)

    def suffix_questions(self) -> list[SuffixQuestion]:
        """``name += "<suffix>"`` on a model-naming variable whose value comes from outside the
        file only (a parameter, a message's field), in a file that imports a loader library."""
        if not self.libraries:
            return []
        out: list[SuffixQuestion] = []
        package: str | None = None
        for name, exprs in self.appended.items():
            if not context.is_model_name(name, "variable"):
                continue
            for expr in exprs:
                left, right = expr.child_by_field_name("left"), expr.child_by_field_name("right")
                if left is None or right is None or left.type != "identifier":
                    continue
                suffix = _string_value(right) if right.type == "string" else None
                if suffix is None or not _SUFFIX.fullmatch(suffix):
                    continue
                kind, bound = self.resolve(left, name)
                if kind != "value" or bound is None:
                    continue
                held = self.values(bound, 1, name)
                if not held or any(isinstance(v, _Lit) for v in held):
                    continue  # a value the file writes: joined in the file (``_appended``)
                excluded, required = self._prefix_guards(expr)
                if package is None:
                    found = nearest_package(self.ctx)
                    package = os.path.dirname(found[0]) if found is not None else ""
                line, col = self._pos(right)
                out.append(
                    SuffixQuestion(
                        location_at(self.ctx, self.lines, line, col),
                        name,
                        suffix,
                        package,
                        excluded,
                        required,
                    )
                )
        return out

    def _prefix_guards(self, expr: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The name prefixes the ``if`` around ``expr`` leaves out and requires: each ``&&``
        term ``!x.startsWith("p")`` (or ``!flag`` for ``const flag = x.startsWith("p")``)
        leaves ``p`` out, ``x.startsWith("p")`` requires it."""
        excluded: list[str] = []
        required: list[str] = []
        for node in self.parents(expr):
            if node.type in _FUNCTIONS:
                break
            if node.type != "if_statement":
                continue
            body = node.child_by_field_name("consequence")
            if body is None or not (body.start_byte <= expr.start_byte < body.end_byte):
                continue
            terms = [node.child_by_field_name("condition")]
            while terms:
                term = terms.pop()
                while term is not None and term.type in _WRAPPERS:
                    term = _inner(term)
                if term is None:
                    continue
                if term.type == "binary_expression":
                    op = term.child_by_field_name("operator")
                    if op is not None and op.type == "&&":
                        terms.append(term.child_by_field_name("left"))
                        terms.append(term.child_by_field_name("right"))
                    continue
                negated = False
                if term.type == "unary_expression":
                    op = term.child_by_field_name("operator")
                    if op is None or op.type != "!":
                        continue
                    negated, term = True, term.child_by_field_name("argument")
                    while term is not None and term.type in _WRAPPERS:
                        term = _inner(term)
                if term is not None and term.type == "identifier":
                    kind, bound = self.resolve(term, _text(term))
                    term = bound if kind == "value" else None
                prefix = _starts_with(term)
                if prefix is not None:
                    (excluded if negated else required).append(prefix)
        return tuple(excluded), tuple(required)

    def declared(self, declarator: Any) -> None:
        """A variable declarator: the value it holds (through wrappers) is known by its id."""
        value = declarator.child_by_field_name("value")
        while value is not None and value.type in _WRAPPERS:
            value = _inner(value)
        if value is not None:
            self.declarators[value.id] = declarator

    def parents(self, node: Any) -> list[Any]:
        """The nodes enclosing ``node``, innermost first."""
        return treesitter.ancestors(self.root, node, self.budget)

    def _scope(self, node: Any) -> dict[str, Any]:
        got = self._scopes.get(node.id)
        if got is None:
            got = self._scopes[node.id] = _declarations(node)
        return got

    def resolve(self, use: Any, name: str) -> tuple[str, Any]:
        """What ``name`` at ``use`` is bound to: ``("value", node)``, ``("param", (fn, index, key,
        default))``, ``("loop", iterable)``, ``("import", (module, imported))`` or
        ``("unknown", None)``."""
        for node in self.parents(use):
            t = node.type
            if t in _FUNCTIONS:
                params = self._indexes.get((node.id, "params"))
                if params is None:  # read once per function (thousands of parameters, each used)
                    params = self._indexes[(node.id, "params")] = _param_bindings(node)
                found = params.get(name)
                if found is not None:
                    return "param", (node, *found)
            elif t == "for_in_statement":
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
                if left is not None and right is not None and _is(left, name):
                    return "loop", right
            if t in _SCOPES:
                decls = self._scope(node)
                if name in decls:
                    return ("value", decls[name]) if decls[name] is not None else ("unknown", None)
        if name in self.imports:
            return "import", self.imports[name]
        return "unknown", None

    def _class_member(self, cls_body: Any, name: str) -> Any:
        """The value a class gives ``name``: a field (``static model_id = "..."``) or a
        constructor's ``this.name = ...``."""
        fields, assigned = self._class_index(cls_body)
        if name in fields:
            return fields[name]
        return assigned.get(f"this.{name}")

    def _class_index(self, cls_body: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        """(field -> value, ``this.x`` a constructor assigns -> value) of a class, the first of
        each name, read once per class (a class of thousands of fields, each used, would
        otherwise be read again for each use)."""
        got = self._indexes.get(cls_body.id)
        if got is not None:
            return got
        fields: dict[str, Any] = {}
        assigned: dict[str, Any] = {}
        for member in cls_body.named_children:
            if member.type in ("public_field_definition", "field_definition"):
                key = member.child_by_field_name("name") or member.child_by_field_name("property")
                text = _key_text(key) if key is not None else None
                if text is not None:
                    fields.setdefault(text, member.child_by_field_name("value"))
        for member in cls_body.named_children:
            if member.type != "method_definition":
                continue
            mname = member.child_by_field_name("name")
            body = member.child_by_field_name("body")
            if mname is None or not _is(mname, "constructor") or body is None:
                continue
            for stmt in body.named_children:
                expr = (
                    stmt.named_children[0]
                    if stmt.type == "expression_statement" and stmt.named_children
                    else None
                )
                if expr is None or expr.type != "assignment_expression":
                    continue
                left = expr.child_by_field_name("left")
                if left is not None and left.end_byte - left.start_byte <= _LONG:
                    text = _text(left)
                    if text.startswith("this."):
                        assigned.setdefault(text, expr.child_by_field_name("right"))
        got = self._indexes[cls_body.id] = (fields, assigned)
        return got

    def _keyed(self, container: Any, *, last: bool = False) -> dict[str, Any]:
        """Key -> value of an object literal's pairs (the first of a key; ``last``: the last, and
        a shorthand ``{ model }`` gives the identifier), or of an enum body's members, read once
        per container (a table of thousands of models, each looked up, would otherwise be read
        again for each lookup)."""
        key_of = (container.id, last)
        got = self._indexes.get(key_of)
        if got is not None:
            return got
        out: dict[str, Any] = {}
        for kid in container.named_children:
            if kid.type in ("pair", "enum_assignment"):
                key = kid.child_by_field_name("key" if kid.type == "pair" else "name")
                text = _key_text(key) if key is not None else None
                if text is None:
                    continue
                value = kid.child_by_field_name("value")
                if last:
                    out[text] = value
                else:
                    out.setdefault(text, value)
            elif last and kid.type == "shorthand_property_identifier":
                out[_text(kid)] = kid
        self._indexes[key_of] = out
        return out

    def _member(self, node: Any, depth: int) -> Any:
        """The node a member expression stands for (``this.model``, ``Config.MODEL``,
        ``Models.Chat``, ``settings.llm.model``), or None."""
        obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        if obj is None or prop is None:
            return None
        name = _text(prop)
        if obj.type == "this":
            cls = next((p for p in self.parents(node) if p.type == "class_body"), None)
            return self._class_member(cls, name) if cls is not None else None
        target = self._target(obj, depth + 1)
        if target is None:
            return None
        if target.type in ("class_declaration", "class", "abstract_class_declaration"):
            body = target.child_by_field_name("body")
            return self._class_member(body, name) if body is not None else None
        if target.type == "enum_declaration":
            body = target.child_by_field_name("body")
            return self._keyed(body).get(name) if body is not None else None
        if target.type == "object":
            return self._keyed(target).get(name)
        return None

    def _target(self, node: Any, depth: int) -> Any:
        """The declaration or literal an expression names (through constants and members)."""
        if depth > _MAX_DEPTH or node is None:
            return None
        while node is not None and node.type in _WRAPPERS:
            node = _inner(node)
        if node is None:
            return None
        if node.type in ("identifier", "shorthand_property_identifier"):
            kind, got = self.resolve(node, _text(node))
            return self._target(got, depth + 1) if kind == "value" else None
        if node.type == "member_expression":
            return self._target(self._member(node, depth), depth + 1)
        return node

    def values(self, node: Any, depth: int = 0, via: str | None = None) -> list[Any]:
        """What a value expression may evaluate to: literals, parameters of the enclosing
        function, or an unresolvable expression."""
        if node is None or depth > _MAX_DEPTH:
            return []
        t = node.type
        if t in ("string", "template_string"):
            text = _string_value(node)
            if text is None:
                return (
                    [_Unres(node, "a template string computed at run time")]
                    if t == "template_string"
                    else []
                )
            return [_Lit(text, node, via=via)]
        if t in _WRAPPERS:
            return self.values(_inner(node), depth + 1, via)
        if t == "binary_expression":
            op = node.child_by_field_name("operator")
            if op is not None and op.type == "+":
                return self._joined(
                    node.child_by_field_name("left"), node.child_by_field_name("right"), depth, via
                )
            if op is None or op.type not in _DEFAULT_OPS:
                return []
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            env = _env_name(left) if left is not None else None
            out = [] if env is not None else list(self.values(left, depth + 1, via))
            for v in self.values(right, depth + 1, via):
                if isinstance(v, _Lit) and env is not None and v.env is None:
                    v = dataclasses.replace(v, env=env)  # a list's items are shared (items)
                out.append(v)
            return out
        if t == "ternary_expression":
            return self.values(
                node.child_by_field_name("consequence"), depth + 1, via
            ) + self.values(node.child_by_field_name("alternative"), depth + 1, via)
        if t in ("identifier", "shorthand_property_identifier"):
            name = _text(node)
            if name == "undefined":
                return []
            kind, got = self.resolve(node, name)
            if kind == "value":
                held = self.values(got, depth + 1, via or name)
                appended = self.appended.get(name)
                if appended and got is not None:
                    return held + self._appended(name, got, held, appended, depth, via)
                return held
            if kind == "param":
                fn, index, key, default = got
                out: list[Any] = []
                fname = _function_name(fn, self.parents(fn))
                if fname is not None:
                    out.append(_Param(fname, index, key, node))
                if default is not None:
                    out.extend(self.values(default, depth + 1, via or name))
                if fname is None and default is None:
                    out.append(_Unres(node, f"a parameter of a function ({name})"))
                return out
            if kind == "loop":
                return self.items(got, depth + 1, name)
            if kind == "import":
                module, imported = got
                found = _exported(self.ctx, module, name if imported == "default" else imported)
                if found is None:
                    return [_Unres(node, f"imported from {module}")]
                return [
                    _Lit(
                        text,
                        node,
                        via=f"{name}, written in {rel} line {line}",
                        written=False,
                        origin=(rel, line),
                        env=env,
                    )
                    for text, rel, line, env in found
                ]
            return [_Unres(node, f"'{name}' is computed at run time")]
        if t == "member_expression":
            env = _env_name(node)
            if env is not None:
                return [_Unres(node, f"the environment variable {env}")]
            target = self._member(node, depth)
            if target is not None:
                return self.values(target, depth + 1, via or _text(node))
            return [_Unres(node, f"'{self._head(node, 80)}' is computed at run time")]
        if t == "subscript_expression":
            env = _env_name(node)
            if env is not None:
                return [_Unres(node, f"the environment variable {env}")]
            obj, index = node.child_by_field_name("object"), node.child_by_field_name("index")
            container = self._target(obj, depth + 1)
            if container is None or container.type not in ("object", "array"):
                return [_Unres(node, f"'{self._head(node, 80)}' is computed at run time")]
            if index is not None and index.type == "string" and container.type == "object":
                value = self._member_of(container, _string_value(index) or "")
                return self.values(value, depth + 1, via or _text(obj)) if value is not None else []
            return self.items(container, depth + 1, via or _text(obj))
        return []

    def _member_of(self, obj: Any, name: str) -> Any:
        return self._keyed(obj).get(name)

    def _joined(self, left: Any, right: Any, depth: int, via: str | None) -> list[Any]:
        """``a + b``: each string ``a`` may be joined with each ``b`` may be (``model + ".en"``,
        ``"Xenova/" + size``), reported at the literal written in the expression (the part the
        join adds); anything else it joins is computed at run time."""
        if left is None or right is None:
            return []
        return self._join(self.values(left, depth + 1, via), right, depth, via, left)

    def _join(
        self, heads: list[Any], right: Any, depth: int, via: str | None, left: Any = None
    ) -> list[Any]:
        tails = self.values(right, depth + 1, via)
        unknown = [_Unres(left if left is not None else right, "a string joined at run time")]
        if not heads or not tails:
            return unknown
        if len(heads) * len(tails) > _MAX_JOINED:
            return [_Unres(right, "a string joined from too many parts")]
        partly = any(not isinstance(v, _Lit) for v in (*heads, *tails))
        heads = [v for v in heads if isinstance(v, _Lit)]
        tails = [v for v in tails if isinstance(v, _Lit)]
        # where the joined id is reported: where it starts when the expression writes its head
        # ("acme/" + size), else at the part the expression adds (model + ".en")
        if left is not None and left.type == "string":
            at, inside = left, True
        elif right.type == "string" or left is None:
            at, inside = right, False
        else:
            at, inside = left, False
        out: list[Any] = []
        for h in heads:
            for tail in tails:
                head = h.via or repr(h.text)
                out.append(
                    _Lit(
                        h.text + tail.text,
                        at,
                        env=h.env or tail.env,
                        via=f"{head} + {tail.text!r}",
                        written=inside,
                    )
                )
        return out + unknown if partly else out

    def _appended(
        self,
        name: str,
        bound: Any,
        held: list[Any],
        appended: list[Any],
        depth: int,
        via: str | None,
    ) -> list[Any]:
        """What ``name += value`` makes of the values ``name`` holds (``let id = model; if
        (!multilingual) id += ".en"``): each joined form, besides the ones it held (the
        append may not run)."""
        out: list[Any] = []
        for expr in appended:
            left = expr.child_by_field_name("left")
            if left is None or self.resolve(left, name) != ("value", bound):
                continue  # another variable of the same name
            right = expr.child_by_field_name("right")
            if right is not None:
                out.extend(
                    v for v in self._join(held, right, depth, via or name) if isinstance(v, _Lit)
                )
        return out

    def items(self, node: Any, depth: int, via: str | None) -> list[Any]:
        """Every model a list or map of models holds: its string items, the string values of a
        map, the ``id`` / ``value`` of its records (a loop or a subscript with a key known only
        at run time takes any of them)."""
        target = self._target(node, depth)
        if target is None or depth > _MAX_DEPTH:
            return []
        key = (target.id, depth, via)
        got = self._items.get(key)
        if got is None:  # read once (a list of thousands of models, subscripted for each)
            got = self._items[key] = self._read_items(target, depth, via)
            self._item_lists.add(id(got))  # kept alive by the cache: its id is its own
        return got

    def _read_items(self, target: Any, depth: int, via: str | None) -> list[Any]:
        out: list[Any] = []
        if target.type == "array":
            kids = _named(target)
        elif target.type == "object":
            kids = [
                p.child_by_field_name("value") for p in target.named_children if p.type == "pair"
            ]
        else:
            return []
        for kid in kids:
            if kid is None:
                continue
            if kid.type == "object":
                value = _id_value(kid)
                if value is not None:
                    out.extend(v for v in self.values(value, depth + 1, via) if isinstance(v, _Lit))
            else:
                out.extend(v for v in self.values(kid, depth + 1, via) if isinstance(v, _Lit))
        return out

    # calls

    def _callee(self, call: Any) -> tuple[str, str | None, Any, str | None] | None:
        """(name, receiver as written, receiver node, callee text) of a call or ``new``. A
        receiver longer than ``_LONG`` bytes is written as ``…`` and its part from its last dot
        (``….b()`` of a chain ``a.….b().c()``), a callee text that long is None (but for a method
        of ``this``): the calls of a chain of thousands of calls would otherwise copy its text
        thousands of times."""
        fn = call.child_by_field_name(
            "function" if call.type == "call_expression" else "constructor"
        )
        if fn is None:
            return None
        while fn.type in _WRAPPERS:
            fn = _inner(fn)
            if fn is None:
                return None
        if fn.type == "identifier":
            return _text(fn), None, None, _text(fn)
        if fn.type == "member_expression":
            obj, prop = fn.child_by_field_name("object"), fn.child_by_field_name("property")
            if obj is None or prop is None:
                return None
            text = _text(fn) if obj.type == "this" else self._short(fn)
            return _text(prop), self._receiver(obj), obj, text
        return None

    def _short(self, node: Any) -> str | None:
        """The text of ``node`` if it is at most ``_LONG`` bytes, else None."""
        return _text(node) if node.end_byte - node.start_byte <= _LONG else None

    def _receiver(self, node: Any) -> str:
        text = self._short(node)
        if text is not None:
            return text
        dot = self.src.rfind(b".", node.start_byte, node.end_byte)
        if dot < 0:
            return _text(node)  # one long name
        return "…" + self.src[dot : node.end_byte].decode("utf-8", "replace")

    def _built_from(self, node: Any, depth: int = 0) -> tuple[str, str | None, Any] | None:
        """(callable, module, the constructing call) that made the value ``node`` names:
        ``const client = new Ollama()``, ``const lmstudio = createOpenAICompatible({...})``."""
        if node is None or depth > _MAX_DEPTH:
            return None
        while node is not None and node.type in _WRAPPERS:
            node = _inner(node)
        if node is None:
            return None
        if node.type in ("identifier", "member_expression"):
            if node.type == "identifier":
                kind, got = self.resolve(node, _text(node))
                target = got if kind == "value" else None
            else:
                target = self._member(node, depth)
            return self._built_from(target, depth + 1) if target is not None else None
        if node.type in ("call_expression", "new_expression"):
            callee = self._callee(node)
            if callee is None:
                return None
            name, receiver, _, _ = callee
            if receiver is None and name in self.imports:
                module, imported = self.imports[name]
                return (imported if imported not in ("default", "*") else name), module, node
            return name, None, node
        return None

    def loaders(
        self, call: Any, callee: tuple[str, str | None, Any, str], args: list[Any]
    ) -> tuple[list[Loader], Any]:
        """The loaders a call may be, best first, and the call that built its receiver."""
        idx = _index()
        name, receiver, recv_node, _ = callee
        candidates: tuple[Loader, ...] = ()
        certain = False
        made = None
        if receiver is None:
            if name in self.imports:
                module, imported = self.imports[name]
                if imported == "*":
                    return [], None
                imported = name if imported == "default" else imported
                candidates = _loaders_for_call(imported, module=module, ecosystem=ECOSYSTEM)
                certain = True
            else:
                kind, got = self.resolve(call, name)
                made = self._built_from(got) if kind == "value" else None
                if made is not None:  # a provider instance called with a model id
                    factory = made[0]
                    candidates = idx.by_factory.get(factory, ()) or _loaders_for_call(
                        factory, module=made[1], ecosystem=ECOSYSTEM
                    )
                    certain = made[1] is not None and bool(candidates)
                if not candidates and kind in ("unknown", "value") and name in idx.callees:
                    # a global, or a function a helper loads at run time
                    # (let pipeline = await loadTransformers())
                    candidates = _loaders_for_call(name, ecosystem=ECOSYSTEM)
                    made = None
        else:
            if name not in idx.callees:
                return [], None
            root = recv_node
            while root is not None and root.type == "member_expression":
                root = root.child_by_field_name("object")
            last = receiver.rsplit(".", 1)[-1]
            root_name = _text(root) if root is not None and root.type == "identifier" else None
            if root_name is not None and root == recv_node and root_name in self.imports:
                module, imported = self.imports[root_name]
                if imported == "*":  # import * as ai from "ai"; ai.generateText(...)
                    candidates = _loaders_for_call(name, module=module, ecosystem=ECOSYSTEM)
                else:
                    candidates = _loaders_for_call(
                        name, module=module, receiver=receiver, ecosystem=ECOSYSTEM
                    )
                certain = True
            else:
                made = self._built_from(recv_node)
                if made is not None:
                    candidates = _loaders_for_call(
                        name, module=made[1], receiver=last, built_from=made[0], ecosystem=ECOSYSTEM
                    )
                    certain = made[1] is not None
                if not candidates:
                    candidates = _loaders_for_call(name, receiver=last, ecosystem=ECOSYSTEM)
                    certain = False
        if certain:
            return list(candidates), made
        kept = []
        for ld in candidates:
            if ld.library in self.libraries:
                kept.append(ld)
            elif ld.receiver is not None and ld.receiver.any:
                kept.append(ld)  # X.from_pretrained(...)
            elif ld.task_defaults and self._known_task(ld, args):
                kept.append(ld)  # pipeline("sentiment-analysis") with the library loaded elsewhere
        return kept, made

    def _known_task(self, ld: Loader, args: list[Any]) -> bool:
        task_arg = next((a for a in ld.args if a.role == "task"), None)
        if task_arg is None or task_arg.position is None or len(args) <= task_arg.position:
            return False
        k = knowledge()
        for v in self.values(args[task_arg.position]):
            if isinstance(v, _Lit) and k.task_default(ld.library, v.text) is not None:
                return True
        return False

    def _options(self, args: list[Any]) -> tuple[Any, bool]:
        """The options object of an options-object call and whether it is known in full (a
        literal without spreads); (None, True) when the call has no arguments."""
        if not args:
            return None, True
        for a in args:
            target = self._target(a, 0)
            if target is not None and target.type == "object":
                full = not self._spreads(target)
                return target, full and target == a
        return None, False

    def _spreads(self, obj: Any) -> bool:
        """Whether an object literal has a ``...spread`` (read once per object)."""
        key = (obj.id, "spread")
        got = self._indexes.get(key)
        if got is None:
            got = self._indexes[key] = any(c.type == "spread_element" for c in obj.named_children)
        return got

    def _option(self, obj: Any, keyword: str) -> Any:
        """The node of ``keyword`` (``configuration.baseURL``: nested) in an object literal; a
        shorthand ``{ model }`` gives the identifier."""
        node = obj
        for part in keyword.split("."):
            if node is None or node.type != "object":
                return None
            found = self._keyed(node, last=True).get(part)
            node = self._target(found, 0) if found is not None and "." in keyword else found
        return node

    def _mode(
        self, ld: Loader, arg: Arg, call: Any, args: list[Any], made: Any
    ) -> tuple[str, str | None]:
        """The id mode of a place and its provider; a local base URL (the call's or the one of
        the factory that built its receiver) makes it the local server's."""
        mode, provider = arg.id or ld.id, ld.provider
        if ld.local_server:
            for host_call in (call, made[2] if made else None):
                if host_call is None:
                    continue
                host_args = host_call.child_by_field_name("arguments")
                obj, _ = self._options(_named(host_args) if host_args is not None else [])
                if obj is None:
                    continue
                for kw in ld.local_server.get("keywords", ()):
                    url_node = self._option(obj, kw)
                    for v in self.values(url_node) if url_node is not None else ():
                        if isinstance(v, _Lit):
                            server = knowledge().local_server(v.text)
                            if server is not None:
                                return {"ollama": "ollama", "hub": "hub-served"}.get(
                                    server.then, "any"
                                ), None
        return mode, provider

    def call(self, call: Any) -> None:
        callee = self._callee(call)
        if callee is None:
            return
        holder = self.declarators.get(call.id)
        if holder is not None:
            name = holder.child_by_field_name("name")
            if name is not None and name.type == "identifier":
                self.instances.add(_text(name))  # a provider or client: its calls are looked at
        args_node = call.child_by_field_name("arguments")
        args = _named(args_node) if args_node is not None else []
        lds, made = self.loaders(call, callee, args)
        if not lds:
            return
        ld = lds[0]
        written = callee[3] if callee[3] is not None and len(callee[3]) <= 60 else callee[0]
        where = f"{'new ' if call.type == 'new_expression' else ''}{written}()"
        if not ld.model_args and ld.default is not None:
            self.implicit(ld, call, args, where)  # no model can be given: always its default
            return
        for arg in ld.args:
            if not arg.names_model:
                if arg.role == "destination":
                    self._destination(ld, arg, args)
                continue
            value = None
            absent = False
            if arg.keywords and (ld.form == "options-object" or arg.position is None):
                obj, full = self._options(args)
                for kw in arg.keywords:
                    if obj is not None:
                        value = self._option(obj, kw)
                    if value is not None:
                        break
                absent = value is None and full
                label = f"{where} {arg.keywords[0]}"
            elif arg.position is not None:
                if len(args) > arg.position and args[arg.position].type != "spread_element":
                    value = args[arg.position]
                absent = len(args) <= arg.position and not any(
                    a.type == "spread_element" for a in args
                )
                label = f"{where} argument {arg.position + 1}" if arg.position else where
            else:
                continue
            mode, provider = self._mode(ld, arg, call, args, made)
            name_map = context.map_ref(ld.library, arg.name_map or ld.name_map)
            place = _Place(mode, provider, f"{ld.library}: {label}", name_map)
            if value is not None:
                self.reach(value, place, call, where)
            elif absent and arg is ld.model_args[0]:
                self.implicit(ld, call, args, where)

    def _destination(self, ld: Loader, arg: Arg, args: list[Any]) -> None:
        """The strings a loader call is given as what it makes (``ollama.create({ model:
        "my-assistant", from: "qwen3:8b" })``): the call's product, never read again as a model
        under their key's name."""
        value = None
        if arg.keywords and (ld.form == "options-object" or arg.position is None):
            obj, _ = self._options(args)
            for kw in arg.keywords if obj is not None else ():
                value = self._option(obj, kw)
                if value is not None:
                    break
        elif arg.position is not None and len(args) > arg.position:
            value = args[arg.position]
        if value is None:
            return
        for v in self.values(value):
            if isinstance(v, _Lit):
                self.consumed.add(v.node.id)

    def reach(self, value: Any, place: _Place, use: Any, where: str) -> None:
        """A value expression in a loader's place: its literals are references, its parameters
        flows to follow, anything else unresolvable."""
        values = self.values(value)
        if id(values) in self._item_lists:
            # every model of a list, reached in this place before: each would be the same
            # reference again (``_emit`` keeps the first)
            key = (id(values), place.mode, place.provider)
            if key in self._reached:
                return
            self._reached.add(key)
        for v in values:
            if isinstance(v, _Lit):
                self.consumed.add(v.node.id)
                if place.mode == "mapped":
                    found = context.map_value(place.name_map, v.text, self.ctx)
                    ident = context.with_metadata(found) if found is not None else None
                else:
                    ident = context.loader_value(
                        v.text, self.ctx, place.mode, provider=place.provider
                    )
                if ident is None:
                    continue
                evidence = place.evidence
                if v.via:
                    evidence += f" (through {v.via})"
                if v.env:
                    evidence += f", the default of environment variable {v.env}"
                key = self._emit(ident, v.node, evidence, use=use, inside=v.written)
                if place.mode == "local-path" and key is not None and _served_path(v.text):
                    self.served[key] = v.text.strip()
            elif isinstance(v, _Param):
                flows = self.flows.setdefault(v.function, [])
                entry = (v.index, v.key, place)
                if entry not in flows:
                    flows.append(entry)
            else:
                self._unresolvable(v.node, f"model id of {where}: {v.reason}")

    def implicit(self, ld: Loader, call: Any, args: list[Any], where: str) -> None:
        """A loader called without a model: the library's default (a task's default for
        ``pipeline(task)``)."""
        k = knowledge()
        if ld.task_defaults:
            task_arg = next((a for a in ld.args if a.role == "task"), None)
            if task_arg is None or task_arg.position is None or len(args) <= task_arg.position:
                return
            line = self._task_line(ld)
            for v in self.values(args[task_arg.position]):
                if not isinstance(v, _Lit):
                    continue
                package, version, found_in = line
                d = k.default_model(ld.library, ld.name, v.text, package=package, version=version)
                if d is None:
                    continue
                used = f"{package} {version}" if version else package
                note = ""
                if found_in and used in d.origin:
                    note = f" (as {found_in} loads it)"
                elif found_in:
                    note = f"; {found_in} loads {used}"
                self._default(d, call, f"{where} without a model: {d.origin}{note}")
            return
        if ld.default is not None and (ld.library in self.libraries):
            self._default(
                ld.default,
                call,
                f"{where} without a model: {ld.default.origin}",
                context.map_ref(ld.library, ld.name_map),
            )

    def _default(self, d: Default, call: Any, evidence: str, name_map: str | None = None) -> None:
        if d.id == "mapped":
            found = context.map_value(name_map, d.model, self.ctx)
            ident = context.with_metadata(found) if found is not None else None
        elif d.id == "ollama":
            oid = ollama_id(d.model)
            ident = context.Identity(oid, OLLAMA) if oid else None
        elif d.id == "hosted":
            ident = context.Identity(d.model, HOSTED, d.provider)
        else:
            ident = context.Identity(d.model, HUGGINGFACE)
        if ident is not None:
            self._emit(ident, call, evidence, inside=False)

    def _task_line(self, ld: Loader) -> tuple[str | None, str | None, str | None]:
        """(package, version, where it was found) of the library release line this file uses."""
        lib = knowledge().libraries[ld.library]
        names = tuple(name for _, name in lib.packages)
        for package, version, _ in self.modules:
            if package in names:
                if version:
                    return package, version, "its import"
                declared = _declared(self.ctx, (package,))
                if declared is not None:
                    return declared
                return package, None, None
        found = _folder_imports(os.fspath(self.ctx.root), self.ctx.folder, names)
        if found is not None:
            return found
        return _declared(self.ctx, names) or (None, None, None)

    def follow_flows(self, calls: list[Any]) -> None:
        """Calls of the file's own functions whose parameters reach a loader's place."""
        done: set[tuple[int, int, str | None]] = set()
        for _ in range(3):  # a parameter passed on through up to three functions
            before = sum(len(v) for v in self.flows.values())
            for call in calls:
                if call.type != "call_expression":
                    continue
                callee = self._callee(call)
                if callee is None:
                    continue
                name = callee[3] if callee[1] == "this" else callee[0]
                if callee[1] not in (None, "this") or name not in self.flows:
                    continue
                args_node = call.child_by_field_name("arguments")
                args = _named(args_node) if args_node is not None else []
                for index, key, place in list(self.flows[name]):
                    if (call.id, index, key) in done:
                        continue
                    done.add((call.id, index, key))
                    if len(args) <= index:
                        continue
                    value = args[index]
                    if key is not None:
                        target = self._target(value, 0)
                        value = self._option(target, key) if target is not None else None
                        if value is None:
                            continue
                    via = replace(place, evidence=f"{place.evidence} through {name}()")
                    self.reach(value, via, call, f"{name}()")
            if sum(len(v) for v in self.flows.values()) == before:
                break

    # values under a name

    def site(self, holder: Any, name_node: Any) -> None:
        """A name a value is written under (a variable, key, field, attribute, enum, parameter
        default, JSX attribute; ``holder`` holds both, ``_site_name`` the name): if it names a
        model, the strings of its value that are its models (``_fits``) are references."""
        t = holder.type
        value = None
        what = "key"
        if t == "variable_declarator":
            value, what = holder.child_by_field_name("value"), "variable"
        elif t == "pair":
            value = holder.child_by_field_name("value")
        elif t in ("public_field_definition", "field_definition"):
            value, what = holder.child_by_field_name("value"), "field"
        elif t == "assignment_expression":
            value = holder.child_by_field_name("right")
            what = "variable" if name_node.type == "identifier" else "attribute"
        elif t in ("assignment_pattern", "object_assignment_pattern"):
            value, what = holder.child_by_field_name("right"), "parameter"
        elif t in ("required_parameter", "optional_parameter"):
            value, what = holder.child_by_field_name("value"), "parameter"
        elif t == "enum_declaration":
            value, what = holder.child_by_field_name("body"), "enum"
        elif t == "enum_assignment":
            value, what = holder.child_by_field_name("value"), "enum member"
        elif t == "jsx_attribute":
            kids = holder.named_children
            value, what = (kids[1] if len(kids) > 1 else None), "attribute"
        elif t == "type_alias_declaration":  # type GroqModelId = "llama3-8b-8192" | "gemma-7b-it"
            value, what = holder.child_by_field_name("value"), "type"
        if value is None:
            return
        name = _key_text(name_node) if name_node.type == "string" else _text(name_node)
        if not name:
            return
        k = knowledge()
        nc = k.name_context(name)
        if (
            nc is None
            or nc.is_decoy
            or not (nc.names_model or nc.role in ("dataset", "hosted-model"))
        ):
            return
        table = value
        while table is not None and table.type in _WRAPPERS:
            table = _inner(table)
        if (
            nc.names_model
            and table is not None
            and table.type == "object"
            and self._provider_table(table, (what, name))
        ):
            return
        if (
            (nc.names_model or nc.role == "hosted-model")
            and table is not None
            and table.type == "object"
            and norm_key(name).endswith("s")
        ):
            self._keyed_options(table, name, what)
        # a key of a record: its provider key, and its id beside a display name (a node's parent
        # costs tree-sitter a walk from the root: asked only when needed)
        pair = t == "pair"
        record = holder.parent if pair and norm_key(name).endswith("name") else None
        if record is not None and record.type != "object":
            record = None
        if record is not None and context.display_name_beside_id(name, self._record(record)[0]):
            return
        typed = t == "type_alias_declaration"
        for node, steps, env in self._strings(value, ()):
            if node.id in self.consumed or not _fits(name, steps):
                continue
            given = None
            if nc.names_model:
                if steps and steps[0][0] == "key":
                    inner = steps[0][2]  # a list's record
                else:
                    if pair and record is None:
                        record = holder.parent
                        record = record if record is not None and record.type == "object" else None
                    inner = record
                given = self._record_provider(name, inner) if inner is not None else None
                if given is None and inner is not None and not steps:
                    given = self._keyed_provider(inner)
            self._named(name, what, node, env, provider=given, in_provider=typed)

    def _keyed_options(self, table: Any, name: str, what: str) -> None:
        """A table of model options keyed by the model's id under a plural model-naming name
        (``const models = { "org/a": [41, 152], "org/b": { size: 776 } }``: the keys a model
        dropdown lists, each with its sizes or settings): each quoted key whose value holds no
        string (a number, a list of numbers, a record of settings) is a model, what the name
        makes of it. A table whose values are strings names its models by its values
        (``MODELS = { fast: "org/x" }``): its keys are labels. Under a name that says a hosted
        provider's models (``AZURE_OPENAI_CHAT_MODELS = { "gpt-35-turbo-16k": { openAIModel:
        "gpt-3.5-turbo-16k" } }``) a key is its model only with a version digit."""
        nc = knowledge().name_context(name)
        hosted_name = nc is not None and nc.role == "hosted-model"
        for pair in table.named_children:
            if pair.type != "pair":
                continue
            key = pair.child_by_field_name("key")
            value = pair.child_by_field_name("value")
            while value is not None and value.type in _WRAPPERS:
                value = _inner(value)
            if key is None or key.type != "string" or value is None:
                continue
            if value.type not in _SETTINGS_VALUES or key.id in self.consumed:
                continue
            if value.type == "array" and any(
                kid.type in ("string", "template_string") for kid in _named(value)
            ):
                continue  # { fast: ["org/a", "org/b"] }: the models are the items
            if value.type == "object" and _has_id(value):
                continue  # { fast: { id: "org/a" } }: the record's id is the model
            if hosted_name and not any(c.isdigit() for c in _key_text(key) or ""):
                continue  # GROQ_MODELS = { chat: {...} }: a provider's model names have versions
            self._named(name, "key of the table", key, None)

    def _provider_table(self, obj: Any, named: tuple[str, str]) -> bool:
        """A table of model names per provider under a model-naming name (``MODEL_NAMES = {
        openai: ["gpt-4o"], ollama: ["qwen2.5:7b"] }``: most of its keys name a provider): each
        name under a provider's key is that provider's model, under another key its shape
        decides. True when ``obj`` is such a table (read once)."""
        if obj is None or obj.type != "object":
            return False
        pairs = []
        for pair in obj.named_children:
            if pair.type == "pair" and pair.child_by_field_name("key") is not None:
                key = _key_text(pair.child_by_field_name("key"))
                if key:
                    pairs.append((key, pair.child_by_field_name("value")))
        kinds = [context.provider_kind(key) for key, _ in pairs]
        providers = sum(1 for kind in kinds if kind is not None)
        if providers < 2 or providers * 2 < len(pairs):
            return False
        if obj.id in self.tables:
            return True
        self.tables.add(obj.id)
        for (key, value), kind in zip(pairs, kinds, strict=True):
            for node, steps, _env in self._strings(value, ()):
                text = _string_value(node)
                if steps not in ((), (("item",),)) or not text or _SPACE.search(text):
                    continue
                if kind is not None:
                    ident = context.with_provider(key, text, self.ctx)
                else:
                    ident = context.model_value(text, self.ctx)
                if ident is None:
                    continue
                word = {HOSTED: "hosted model", OLLAMA: "Ollama model"}.get(ident.source, "model")
                place = f" in {named[0]} {named[1]}"
                if ident.source == OLLAMA or kind is None:
                    evidence = f"{word} under key {key} of a table of models per provider{place}"
                else:
                    evidence = f"{word} of provider {key} in a table of models per provider{place}"
                self._emit(ident, node, evidence)
        return True

    # records typed as models, comparisons

    def typed(self, declarator: Any) -> None:
        """A variable declared with a type that names a model (``const GPT4o: LLM = {...}``,
        ``chatModels: ChatModel[] = [...]``, ``CHAT_SETTING_LIMITS: Record<LLMID, Limits> =
        {...}``): its records' ids, and the keys of a record keyed by a model id type."""
        annotation = declarator.child_by_field_name("type")
        kids = _named(annotation) if annotation is not None else []
        if kids:
            self._typed_value(kids[0], declarator.child_by_field_name("value"), 0)

    def _typed_value(self, type_node: Any, value: Any, depth: int) -> None:
        while value is not None and value.type in _WRAPPERS:
            value = _inner(value)
        if value is None or depth > 2:
            return
        t = type_node.type
        if t == "type_identifier":
            name = _text(type_node)
            if value.type == "object" and _names_model_type(name):
                self._model_record(value, name)
            return
        if t == "array_type":
            inner = _named(type_node)
            if inner and value.type == "array":
                for item in _named(value):
                    self._typed_value(inner[0], item, depth + 1)
            return
        if t != "generic_type":
            return
        generic = type_node.child_by_field_name("name")
        arguments = type_node.child_by_field_name("type_arguments")
        args = _named(arguments) if arguments is not None else []
        generic_name = _text(generic) if generic is not None else ""
        if generic_name in ("Array", "ReadonlyArray") and len(args) == 1:
            if value.type == "array":
                for item in _named(value):
                    self._typed_value(args[0], item, depth + 1)
        elif generic_name == "Record" and len(args) == 2 and value.type == "object":
            key_type = _text(args[0]) if args[0].type == "type_identifier" else None
            if key_type is not None and _names_model_type(key_type):
                self._model_keys(value, key_type)
            for _, item in _pairs(value):
                if item is not None:
                    self._typed_value(args[1], item, depth + 1)

    def _model_record(self, obj: Any, type_name: str) -> None:
        """A record typed ``type_name`` (a type that names a model): its ``id`` and ``...Id``
        keys that no name of the vocabulary speaks of (``hostedId``; ``modelId`` is read by its
        own name) hold the model's id when the value has a model's shape, or repeats the model
        a model-naming key of the record holds; its provider key says whose."""
        pairs = _pairs(obj)
        k = knowledge()
        named = {
            _string_value(v)
            for key, v in pairs
            if v is not None and v.type == "string" and k.is_model_name(key)
        }
        for key, value in pairs:
            if value is None or value.type != "string" or not _ID_KEY.search(key):
                continue
            if k.name_context(key) is not None or value.id in self.consumed:
                continue
            text = _string_value(value)
            if not text or not could_be_id(text) or context.names_a_provider(text):
                continue
            shaped = context.named(type_name, text, self.ctx)
            if shaped is None and text not in named:
                continue  # workspaceId: "ws-1234" beside the model: another record's id
            provider = self._record_provider(key, obj)
            if provider is not None:
                ident = context.with_provider(provider, text, self.ctx)
            else:
                ident = shaped[0] if shaped is not None else None
            if ident is None:
                continue
            kind = "hosted model" if ident.source == HOSTED else "model"
            evidence = f"{kind} key {key} of a record typed {type_name}"
            self._emit(ident, value, evidence + (f" (provider {provider})" if provider else ""))

    def _model_keys(self, obj: Any, key_type: str) -> None:
        """The keys of a record keyed by a model id type (``Record<LLMID, Limits>``): each is
        a model, what the union member it belongs to says (``GroqLLMID``: Groq's), else what
        the key type's name says."""
        members = self.type_literals(key_type)
        for pair in obj.named_children:
            key = pair.child_by_field_name("key") if pair.type == "pair" else None
            if key is None or key.type != "string":
                continue
            text = _string_value(key)
            if not text or not could_be_id(text):
                continue
            alias = members.get(text, key_type)
            what = "key of a record keyed by"
            if alias != key_type:
                what = f"key of a record keyed by {key_type}, a member of"
            self._named(alias, what, key, None, in_provider=True)

    def type_literals(self, name: str, depth: int = 0) -> dict[str, str]:
        """The string literals a union type alias of this file or one it imports (``type LLMID =
        OpenAILLMID | GroqLLMID``, ``import { LLMID } from "@/types"``) admits, each with the
        name of the alias that lists it."""
        if depth > _MAX_DEPTH:
            return {}
        if self._aliases is None:
            self._aliases = _type_aliases(self.root)
        value = self._aliases.get(name)
        if value is not None:
            return _alias_literals(
                name, value, self._aliases, lambda n: self._imported_type(n, depth)
            )
        return self._imported_type(name, depth)

    def _imported_type(self, name: str, depth: int) -> dict[str, str]:
        if name not in self.imports:
            return {}
        module, imported = self.imports[name]
        if imported in ("default", "*"):
            return {}
        return dict(_exported_type(self.ctx, module, imported))

    def compare(self, expr: Any) -> None:
        """``settings.model === "gpt-4o"``: the code branches on a model (as Python's
        comparisons)."""
        left, right = expr.child_by_field_name("left"), expr.child_by_field_name("right")
        if left is None or right is None:
            return
        for side, other in ((left, right), (right, left)):
            if other.type == "string":
                name = _compared_name(side)
                if name is not None:
                    self._compared(name, other)

    def switch(self, stmt: Any) -> None:
        """``switch (settings.model) { case "gpt-4o": ... }``: each case names a model."""
        name = _compared_name(stmt.child_by_field_name("value"))
        body = stmt.child_by_field_name("body")
        if name is None or body is None:
            return
        for case in body.named_children:
            value = case.child_by_field_name("value") if case.type == "switch_case" else None
            if value is not None and value.type == "string":
                self._compared(name, value)

    def _compared(self, name: str, node: Any) -> None:
        nc = knowledge().name_context(name)
        if nc is None or nc.is_decoy or not (nc.names_model or nc.role == "hosted-model"):
            return
        if node.id not in self.consumed:
            self._named(name, "compared with", node, None)

    def env_default(self, expr: Any) -> None:
        """``process.env.X ?? "..."`` / ``|| "..."``: the default of an environment variable
        whose name says model."""
        left = expr.child_by_field_name("left")
        if left is None:
            return
        head = self.src[left.start_byte : min(left.end_byte, left.start_byte + 16)]
        if not head.startswith(_ENV_PREFIXES):
            return
        env = _env_name(left)
        op = expr.child_by_field_name("operator")
        if env is None or op is None or op.type not in _DEFAULT_OPS:
            return
        for node, steps, _ in self._strings(expr.child_by_field_name("right"), ()):
            if not steps and node.id not in self.consumed:
                self._named(env, "default of environment variable", node, None)

    def _record(self, obj: Any) -> tuple[tuple[str, ...], dict[str, str]]:
        """(keys, ``context.record_providers``) of an object literal, read once."""
        got = self.records.get(obj.id)
        if got is None:
            pairs = _pairs(obj)
            providers = context.record_providers(
                (k, _string_value(v) if v is not None and v.type == "string" else None)
                for k, v in pairs
            )
            got = self.records[obj.id] = (tuple(k for k, _ in pairs), providers)
        return got

    def _record_provider(self, key: str, obj: Any) -> str | None:
        """The provider a record's provider key names for its model key ``key``
        (``{ modelId: "llama3-8b-8192", provider: "groq" }``), when it names a known provider."""
        providers = self._record(obj)[1]
        given = context.provider_for_key(key, providers) if providers else None
        return given if given is not None and context.provider_kind(given) is not None else None

    def _in_library_table(
        self, name: str, what: str, text: str
    ) -> tuple[context.Identity, str] | None:
        """A model-naming name's value that is a name of the name table of a library the file
        imports or its package.json declares (``model: "Phi-3.5-mini-instruct-q4f16_1-MLC"`` in
        a WebLLM app: the Hub repository web-llm's prebuilt config loads for that id), written
        where no loader call of the file reaches it (a configuration posted to a worker)."""
        k = knowledge()
        for ref, lib in _library_tables():
            m = k.map_name(ref, text)
            if m is None or m.not_a_reference:
                continue
            if lib.name in self.libraries:
                why = "the file imports it"
            else:
                declared = _declared(self.ctx, tuple(p for _, p in lib.packages))
                if declared is None:
                    continue
                why = f"{declared[2]} declares {declared[0]}"
            found = context.from_map(m, self.ctx)
            if found is None:
                continue
            ident = context.with_metadata(found)
            kind = "hosted model" if ident.source == HOSTED else "model"
            table = ref.split(":", 1)[1]
            return ident, context.evidence(kind, what, name) + f" ({lib.title} {table}: {why})"
        return None

    def _keyed_provider(self, record: Any) -> str | None:
        """The provider the key a record is the value of names (``{ ollama: { model: "mistral" },
        openai: { model: "gpt-4o" } }``: a configuration per provider), when the record itself
        names none."""
        got = self._indexes.get((record.id, "keyed provider"), False)
        if got is not False:
            return got
        got = None
        node = record
        while node.parent is not None and node.parent.type in _WRAPPERS:
            node = node.parent
        pair = node.parent
        if pair is not None and pair.type == "pair" and pair.child_by_field_name("value") == node:
            key = pair.child_by_field_name("key")
            text = _key_text(key) if key is not None else None
            if text and context.provider_kind(text) is not None:
                got = text
        self._indexes[(record.id, "keyed provider")] = got
        return got

    def _named(
        self,
        name: str,
        what: str,
        node: Any,
        env: str | None,
        *,
        provider: str | None = None,
        in_provider: bool = False,
    ) -> None:
        """``node``'s string under the model-naming ``name``: what the name says it is; with
        ``provider`` (its record's provider key), that provider's model; ``in_provider``: the
        name is a type's that may name the provider of the models it lists
        (``GroqModelId``, ``GatewayModelId``: ``named_in_provider``). (A file's name does not
        say whose its models are, as in Python: the tests of a provider's package name their
        stand-ins ``deepinfra-chat-model`` in ``deepinfra-provider.test.ts``.)"""
        text = _string_value(node)
        if not could_be_id(text):
            return
        found = None
        if provider is not None:
            found = context.named_with_provider(name, text, self.ctx, provider, what=what)
        elif in_provider:
            found = context.named_in_provider(name, text, self.ctx, what=what)
        if found is None and provider is None:
            found = context.named(name, text, self.ctx, what=what)
        if found is None and context.is_model_name(name, what):
            found = self._in_library_table(name, what, text)
        if found is None and provider is None and self.libraries == _OLLAMA_ONLY:
            found = self._ollama_name(name, what, text)
        if found is None:
            return
        ident, evidence = found
        if env:
            evidence += f", the default of environment variable {env}"
        self._emit(ident, node, evidence)

    def _ollama_name(self, name: str, what: str, text: str) -> tuple[context.Identity, str] | None:
        """A plain name under a model-naming name that nothing else reads, in a file whose only
        loader library is the Ollama client (``const MODELS = ["llama3:8b", "phi3"]`` beside
        ``import ollama from "ollama"``): the Ollama model the file runs, ``phi3:latest``."""
        if not context.is_model_name(name, what) or knowledge().hosted_provider(text):
            return None
        got = context.named(name, text, self.ctx, what=what, ollama=True)
        if got is None or got[0].source != OLLAMA:
            return None
        return got[0], f"{got[1]} (the file imports only the Ollama client: an Ollama name)"

    def _strings(self, node: Any, steps: tuple, env: str | None = None, depth: int = 0):
        """The strings a value holds, with the steps down to each (``("item",)`` into a list or
        an enum, ``("key", k, object)`` into an object, outermost first) and the environment
        variable a string is the default of. Keys that themselves say something are left to their
        own name; at most two steps down."""
        if node is None or depth > _MAX_DEPTH:
            return
        t = node.type
        if t in ("string", "template_string"):
            yield node, steps[::-1], env
        elif t in _WRAPPERS:
            yield from self._strings(_inner(node), steps, env, depth + 1)
        elif t == "ternary_expression":
            for field in ("consequence", "alternative"):
                yield from self._strings(node.child_by_field_name(field), steps, env, depth + 1)
        elif t == "binary_expression":
            op = node.child_by_field_name("operator")
            if op is None or op.type not in _DEFAULT_OPS:
                return
            left = node.child_by_field_name("left")
            left_env = _env_name(left) if left is not None else None
            if left_env is None:
                yield from self._strings(left, steps, env, depth + 1)
            yield from self._strings(
                node.child_by_field_name("right"), steps, env or left_env, depth + 1
            )
        elif t == "literal_type":
            yield from self._strings(_inner(node), steps, env, depth + 1)
        elif len(steps) >= 2:
            return
        elif t == "union_type":  # "a" | "b" | (string & {}): each literal member
            for member in _union_members(node):
                if member.type == "literal_type":
                    yield from self._strings(_inner(member), (*steps, ("item",)), env, depth + 1)
        elif t in ("array", "enum_body"):
            for kid in _named(node):
                if kid.type == "enum_assignment":
                    kid = kid.child_by_field_name("value")
                yield from self._strings(kid, (*steps, ("item",)), env, depth + 1)
        elif t == "object":
            k = knowledge()
            for pair in node.named_children:
                if pair.type != "pair":
                    continue
                key = pair.child_by_field_name("key")
                name = _key_text(key) if key is not None else None
                if name is None or k.name_context(name) is not None:
                    continue
                yield from self._strings(
                    pair.child_by_field_name("value"), (*steps, ("key", name, node)), env, depth + 1
                )

    def result(self) -> Found:
        refs = sorted(
            self.refs.values(),
            key=lambda r: (r.location.line, r.location.column, r.id, r.source),
        )
        return refs, self.unresolvable


@functools.cache
def _library_tables() -> tuple[tuple[str, Any], ...]:
    """(map ref, library) of every name table (a map of exact names) of a JavaScript library."""
    return tuple(
        (f"{lib.name}:{map_id}", lib)
        for lib in knowledge().libraries.values()
        if lib.ecosystem == ECOSYSTEM
        for map_id, m in lib.name_maps.items()
        if m.get("kind") == "table"
    )


def _pairs(obj: Any) -> list[tuple[str, Any]]:
    """(key, value node) of each ``key: value`` of an object literal whose key is a name or a
    string."""
    out = []
    for pair in obj.named_children if obj is not None else ():
        if pair.type == "pair":
            key = pair.child_by_field_name("key")
            text = _key_text(key) if key is not None else None
            if text:
                out.append((text, pair.child_by_field_name("value")))
    return out


# a key that holds an id: id, modelId, hosted_id, api-id (not valid, uuid, paid)
_ID_KEY = re.compile(r"(^[iI][dD]|[a-z0-9](Id|ID)|[_-][iI][dD])$")


def _names_model_type(name: str) -> bool:
    """A type whose name says its values are models (``LLM``, ``ChatModel``, ``LLMID``,
    ``OpenAIModelID``), not one the vocabulary calls a decoy (``ModelConfig``)."""
    nc = knowledge().name_context(name)
    return nc is not None and not nc.is_decoy and (nc.names_model or nc.role == "hosted-model")


def _compared_name(node: Any) -> str | None:
    """The name a compared value is read under (``model``, ``settings.chatModel``), if it holds
    a model-naming word."""
    while node is not None and node.type in _WRAPPERS:
        node = _inner(node)
    if node is None:
        return None
    if node.type == "member_expression":
        node = node.child_by_field_name("property")
    if node is None or node.type not in ("identifier", "property_identifier"):
        return None
    return _text(node) if _NAME_WORDS.search(node.text) else None


def _type_aliases(root: Any) -> dict[str, Any]:
    """The type aliases a module declares at its top level (exported or not): name -> value."""
    found: dict[str, Any] = {}
    for stmt in root.named_children:
        if stmt.type == "export_statement":
            stmt = stmt.child_by_field_name("declaration") or stmt
        if stmt.type == "type_alias_declaration":
            name, value = stmt.child_by_field_name("name"), stmt.child_by_field_name("value")
            if name is not None and value is not None:
                found.setdefault(_text(name), value)
    return found


def _alias_literals(name: str, value: Any, aliases: dict[str, Any], imported) -> dict[str, str]:
    """The string literals of the union ``value`` of the alias ``name``, through the other
    aliases it names (``aliases``: the module's; ``imported``: the literals of one it imports),
    each with the alias that lists it."""
    out: dict[str, str] = {}
    seen = {name}
    todo = [(name, value)]
    while todo and len(seen) <= 64:
        alias, node = todo.pop(0)
        for member in _union_members(node):
            while member.type == "parenthesized_type" and _named(member):
                member = _named(member)[0]
            if member.type == "literal_type":
                text = _string_value(_inner(member)) if _inner(member) is not None else None
                if text:
                    out.setdefault(text, alias)
            elif member.type == "type_identifier":
                other = _text(member)
                if other in seen:
                    continue
                seen.add(other)
                if other in aliases:
                    todo.append((other, aliases[other]))
                else:
                    for text, where in imported(other).items():
                        out.setdefault(text, where)
    return out


def _union_members(node: Any) -> list[Any]:
    """The members of a union type, in order (the grammar nests ``a | b | c`` to the left)."""
    out: list[Any] = []
    stack = [node]
    while stack and len(out) < 10_000:
        n = stack.pop()
        if n.type == "union_type":
            stack.extend(reversed(_named(n)))
        else:
            out.append(n)
    return out


def _fits(name: str, steps: tuple) -> bool:
    """Whether a string ``steps`` away from a model-naming ``name`` is one of its models: the
    value itself, an item of its list, a value of its map (a plural name: ``MODELS = { fast:
    "..." }``) or the ``id`` of its record (``model = { id: "..." }``), or the ``id`` of a record
    in its list or map (``chatModels = [{ id: "...", name: "Claude" }]``)."""
    if not steps:
        return True
    if steps == (("item",),):
        return True
    first = steps[0]
    if first[0] != "key" or first[1] is None:
        return False
    key, obj = first[1], first[2]
    if len(steps) == 1:
        if norm_key(name).endswith("s"):
            return True
        return _is_id_key(key) or (norm_key(key) == "name" and not _has_id(obj))
    if len(steps) == 2 and steps[1][0] in ("item", "key"):
        return _is_id_key(key) or (norm_key(key) == "name" and not _has_id(obj))
    return False


def _is_id_key(key: str) -> bool:
    """A record's key that holds its id (the vocabulary's ``record_keys`` that are no display
    name: ``id``, ``key``, ``slug``, ``value``)."""
    return norm_key(key) in knowledge().record_id_keys


def _has_id(obj: Any) -> bool:
    """The record has a key holding its model's id: one of ``_is_id_key``, or a key whose own
    name says model (``{ name: "GPT-4o", model: "gpt-4o" }``): its ``name`` is a label."""
    k = knowledge()
    for pair in obj.named_children if obj is not None else ():
        if pair.type == "pair":
            key = pair.child_by_field_name("key")
            text = _key_text(key) if key is not None else None
            if text and (_is_id_key(text) or k.is_model_name(text)):
                return True
    return False


def _id_value(obj: Any) -> Any:
    """The value of the first key of a record that holds its id (``_is_id_key``)."""
    for pair in obj.named_children:
        if pair.type == "pair":
            key = pair.child_by_field_name("key")
            text = _key_text(key) if key is not None else None
            if text and _is_id_key(text):
                return pair.child_by_field_name("value")
    return None


_SITE_NAMES = {
    "variable_declarator": "name",
    "pair": "key",
    "assignment_expression": "left",
    "assignment_pattern": "left",
    "object_assignment_pattern": "left",
    "field_definition": "property",
    "public_field_definition": "name",
    "enum_declaration": "name",
    "enum_assignment": "name",
    "required_parameter": "pattern",
    "optional_parameter": "pattern",
}


def _site_name(holder: Any) -> Any:
    """The name a ``@site`` of the query writes a value under (``model`` of ``this.model = ...``,
    of ``{ model: ... }``, of ``<Chat model="..." />``)."""
    if holder.type == "jsx_attribute":
        kids = holder.named_children
        return kids[0] if kids and kids[0].type == "property_identifier" else None
    name = holder.child_by_field_name(_SITE_NAMES.get(holder.type, "name"))
    if name is not None and name.type == "member_expression":
        name = name.child_by_field_name("property")
    return name


def _sites(f: _File, captures: dict[str, list[Any]]) -> list[tuple[int, Any, Any]]:
    """(where the name is written, holder, name) of the names that say model, in the order they
    are written. A ``@name`` is matched to the ``@site`` that starts where it does (were there
    another there, to the node enclosing it); the holders are only indexed by where they start,
    their names are looked at for the few names that pass the word filter."""
    names = [n for n in captures.get("name", ()) if _NAME_WORDS.search(n.text)]
    sites = []
    if names:
        holders = {h.start_byte: h for h in captures.get("site", ())}
        for name in names:
            holder = holders.get(name.start_byte)
            if holder is None or _site_name(holder) != name:
                parent = f.parents(name)[:1]
                holder = parent[0] if parent and _site_name(parent[0]) == name else None
            if holder is not None:
                sites.append((name.start_byte, holder, name))
    for holder in captures.get("held", ()):
        name = _site_name(holder)
        if name is not None and _NAME_WORDS.search(name.text):
            sites.append((name.start_byte, holder, name))
    sites.sort(key=lambda s: s[0])  # by where the name is written
    return sites


def _constructor_name(node: Any) -> bytes | None:
    """``Ollama`` of ``new Ollama()`` and of ``new ollama.Ollama()`` (never the text of a longer
    expression: a ``new`` nested thousands of times would copy it for each)."""
    if node is not None and node.type == "member_expression":
        node = node.child_by_field_name("property")
    if node is None or node.type not in ("identifier", "property_identifier"):
        return None
    return node.text


def _this_method(fn: Any, prop: Any) -> bool:
    """Whether the member expression ``fn`` is ``this.prop`` (the named node before its property
    is ``this``)."""
    before = None
    for kid in fn.named_children:
        if kid == prop:
            return before is not None and before.type == "this"
        before = kid
    return False


def scan(text: str, ctx: Context) -> ScanResult:
    """The references of one file; a file the bounds of ``treesitter`` cut is listed as skipped
    (``partially scanned``), with what was found in the rest. A suffix appended to a model name
    the file is handed (``modelName += ".en"`` on a parameter) is a question for the whole scan
    (``SuffixQuestion``)."""
    f = _File(text, ctx)
    cut = treesitter.partially(_scan(f))
    refs, unresolvable = f.result()
    pending = [Pending("javascript", q) for q in f.suffix_questions()]
    if f.served:  # a root-relative weights path: the web app's copy rules say which file it is
        held = {id(f.refs[k]): path for k, path in f.served.items()}
        package = _package_folder(ctx)
        for r in refs:
            if id(r) in held:
                pending.append(Pending("javascript", ServedQuestion(r, held[id(r)], package)))
        refs = [r for r in refs if id(r) not in held]
    if _COPY_PLUGIN in text:
        copies = _copy_patterns(f)
        if copies:
            pending.append(
                Pending("javascript", CopyQuestion(_package_folder(ctx), ctx.rel, copies))
            )
    return ScanResult(refs, unresolvable, [Skipped(ctx.rel, cut)] if cut else [], pending=pending)


# --- files a web app serves ----------------------------------------------------------------------

# the webpack plugin that copies a package's folders into the served build (its `patterns`)
_COPY_PLUGIN = "copy-webpack-plugin"
_GLOB = re.compile(r"[*?\[\]{}!]")


def _served_path(value: str) -> bool:
    """A root-relative URL path (``/model/x.onnx``): a file the web app serves, not ``//host``."""
    value = value.strip()
    return value.startswith("/") and not value.startswith("//") and "://" not in value


def _package_folder(ctx: Context) -> str:
    """The folder of the nearest package.json above the file ("" at the root or without one)."""
    found = nearest_package(ctx)
    return os.path.dirname(found[0]) if found is not None else ""


class ServedQuestion(NamedTuple):
    """A weights file a loader opens by a root-relative URL path (``/model/x.onnx``), reported
    as ``ref`` (named by its file name) unless a copy rule of its package serves that path."""

    ref: ModelRef
    path: str
    package: str


class CopyQuestion(NamedTuple):
    """The ``(to, from)`` patterns of a webpack config's ``new CopyPlugin({patterns})``: the
    package folder ``from`` (relative to the package, webpack's default context) served at
    ``/to``."""

    package: str
    config: str
    patterns: tuple[tuple[str, str], ...]


def _copy_patterns(f: _File) -> tuple[tuple[str, str], ...]:
    """``(to, from)`` of each plain pattern of ``new X({patterns: [...]})`` where ``X`` is
    imported or required from copy-webpack-plugin; globs and computed values are left out."""
    plugin = {name for name, (module, _) in f.imports.items() if module == _COPY_PLUGIN}
    for name, value in _declarations(f.root).items():
        if _required(value) == _COPY_PLUGIN:
            plugin.add(name)
    if not plugin:
        return ()
    out: list[tuple[str, str]] = []
    stack, seen = [f.root], 0
    while stack and seen < 200_000:
        node = stack.pop()
        seen += 1
        if node.type == "new_expression":
            ctor = node.child_by_field_name("constructor")
            args = node.child_by_field_name("arguments")
            if ctor is not None and _text(ctor) in plugin and args is not None:
                out.extend(_patterns_of(_named(args)))
        stack.extend(node.named_children)
    return tuple(dict.fromkeys(out))[:64]


def _required(node: Any) -> str | None:
    """``m`` of ``require("m")``."""
    if node is None or node.type != "call_expression":
        return None
    fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if fn is None or _text(fn) != "require" or args is None:
        return None
    kids = _named(args)
    return _string_value(kids[0]) if len(kids) == 1 and kids[0].type == "string" else None


def _patterns_of(args: list[Any]) -> list[tuple[str, str]]:
    if not args or args[0].type != "object":
        return []
    patterns = dict(_pairs(args[0])).get("patterns")
    if patterns is None or patterns.type != "array":
        return []
    out = []
    for item in _named(patterns):
        if item.type == "string":  # a folder copied under its own name
            src, dest = _string_value(item), None
        elif item.type == "object":
            fields = dict(_pairs(item))
            src = _string_value(fields["from"]) if "from" in fields else None
            to = fields.get("to")
            dest = _string_value(to) if to is not None and to.type == "string" else None
            if to is not None and dest is None:
                continue
        else:
            continue
        if not src or _GLOB.search(src) or dest is not None and _GLOB.search(dest):
            continue
        out.append((dest if dest is not None else src, src))
    return out


def _served_from(path: str, package: str, patterns: tuple[tuple[str, str], ...]) -> str | None:
    """The repository file a copy pattern serves at ``path``: ``{from: "model", to: "model"}``
    serves ``/model/x.onnx`` from ``<package>/model/x.onnx``; the longest ``to`` wins."""
    served = path.strip().split("?", 1)[0].split("#", 1)[0].lstrip("/")
    for dest, src in sorted(patterns, key=lambda p: -len(p[0])):
        to = os.path.normpath(dest).replace(os.sep, "/").strip("/")
        to = "" if to == "." else to
        if to and served != to and not served.startswith(to + "/"):
            continue
        rest = served[len(to) :].lstrip("/")
        rel = os.path.normpath(os.path.join(package, src, rest)).replace(os.sep, "/")
        if rel.startswith("..") or rel.startswith("/"):
            continue
        return rel
    return None


def settle_served(questions: Sequence, copies: Sequence[CopyQuestion]) -> list[ModelRef]:
    """Each served weights file: the package file a copy rule of its package serves it from,
    else the reference as scanned (named by its file name)."""
    out = []
    for q in questions:
        mapped = None
        for c in copies:
            if c.package != q.package:
                continue
            rel = _served_from(q.path, c.package, c.patterns)
            if rel is not None:
                evidence = f"{q.ref.evidence} (served from {rel} by the CopyPlugin of {c.config})"
                mapped = replace(q.ref, id=rel, evidence=evidence)
                break
        out.append(mapped if mapped is not None else q.ref)
    return out


# a suffix a model name is given (".en", "-int8"): a name part, not a path or a URL
_SUFFIX = re.compile(r"[._-][A-Za-z0-9][A-Za-z0-9._-]{0,31}")


def _starts_with(node: Any) -> str | None:
    """``p`` of ``x.startsWith("p")``."""
    if node is None or node.type != "call_expression":
        return None
    fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if fn is None or args is None or fn.type != "member_expression":
        return None
    prop = fn.child_by_field_name("property")
    kids = _named(args)
    if prop is None or _text(prop) != "startsWith" or len(kids) != 1 or kids[0].type != "string":
        return None
    return _string_value(kids[0]) or None


def _scan(f: _File) -> list[str]:
    """Read what the query returns; the reasons a bound cut it short (the names under which
    values sit are still read when the calls were cut short: they take no walks)."""
    query = _grammar(_dialect(f.ctx.rel))[1]
    root = f.root
    for node in root.named_children:
        if node.type == "import_statement":
            f.import_statement(node)
    captures, cut = treesitter.captures(query, root)
    reasons = [cut] if cut else []
    for node in captures.get("declarator", ()):
        f.declared(node)
    for node in captures.get("augmented", ()):
        f.augmented(node)
    try:
        _calls(f, captures)
    except treesitter.WalkLimit as limit:
        reasons.append(limit.reason)
    try:
        for _, holder, name in _sites(f, captures):
            f.site(holder, name)
        for node in captures.get("env", ()):
            f.env_default(node)
        for node in captures.get("typed", ()):
            f.typed(node)
        for node in captures.get("compare", ()):
            f.compare(node)
        for node in captures.get("switch", ()):
            f.switch(node)
    except treesitter.WalkLimit as limit:
        if limit.reason not in reasons:
            reasons.append(limit.reason)
    return reasons


def _calls(f: _File, captures: dict[str, list[Any]]) -> None:
    """The calls of the file, its own functions' parameters followed to loaders."""
    callees = _index().callee_bytes
    calls: list[tuple[int, Any]] = []  # (rank, call): the order in which calls are looked at
    # calls of other plain names (the file's own functions and providers), by the name called:
    # of a plain name, then of a method of ``this``
    plain: list[tuple[bytes, Any]] = []
    methods: list[tuple[bytes, Any]] = []
    dynamic: list[Any] = []  # await import("m"), read after every require("m")
    for call in captures.get("call", ()):
        fn = call.child_by_field_name("function")
        kind = fn.type if fn is not None else None
        if kind == "identifier":
            if fn.text == b"require":
                f.require(call)
            elif fn.text in callees:
                calls.append((0, call))
            else:
                plain.append((fn.text, call))
        elif kind == "import":
            dynamic.append(call)
        elif kind == "member_expression":
            prop = fn.child_by_field_name("property")
            if prop is None or prop.type != "property_identifier":
                continue
            if prop.text in callees:
                calls.append((1, call))
            elif _this_method(fn, prop):
                methods.append((prop.text, call))
        elif kind == "call_expression":
            calls.append((3, call))
    for call in dynamic:
        f.require(call)
    for new in captures.get("new", ()):
        if _constructor_name(new.child_by_field_name("constructor")) in callees:
            calls.append((2, new))
    # by where a call starts; of calls that start together, a plain call, a method (a chain's inner
    # call first), a ``new``, a curried call (the outer first)
    calls.sort(
        key=lambda rc: (rc[1].start_byte, rc[0], -rc[1].end_byte if rc[0] == 3 else rc[1].end_byte)
    )
    for _, c in calls:
        f.call(c)
    # const lmstudio = createOpenAICompatible({...}); lmstudio("model")
    instances = {n.encode() for n in f.instances}
    for name, call in plain:
        if name in instances:
            f.call(call)
    if f.flows:
        names = {n.split(".", 1)[-1].encode() for n in f.flows}
        own = [call for name, call in plain + methods if name in names]
        f.follow_flows(own + [c for _, c in calls])


class SuffixQuestion(NamedTuple):
    """A model-naming variable of a file that imports a loader library, given its model from
    outside the file (a parameter, a worker's message) and appended a suffix there
    (``let modelName = model; if (!isDistil && !multilingual) modelName += ".en"``): settled
    after the scan with the Hub ids the package's other JS/TS files name, the suffix appended,
    as far as the ``if`` around the append admits them (``excluded`` / ``required`` name
    prefixes of ``!model.startsWith(...)`` / ``model.startsWith(...)``)."""

    location: Location
    name: str
    suffix: str
    package: str  # the folder of the nearest package.json ("" at the root or without one)
    excluded: tuple[str, ...]
    required: tuple[str, ...]


_JS_FILE = re.compile(r"\.(?:[cm]?[jt]sx?)$")


def _in_package(path: str, package: str) -> bool:
    return not package or path.startswith(package + "/")


def settle_suffixes(questions: Sequence[SuffixQuestion], refs: Sequence[ModelRef]) -> Found:
    """Each question's suffix appended to the Hub ids the JS/TS files of its package name (not
    those it already ends in, nor those its ``if`` leaves out): the model reported where the
    suffix is appended, once, and where each base id is written."""
    out: list[ModelRef] = []
    for q in questions:
        done: set[str] = set()
        for r in refs:
            if r.source != HUGGINGFACE or not _JS_FILE.search(r.location.path):
                continue
            if r.location.path == q.location.path or not _in_package(r.location.path, q.package):
                continue
            base = r.id
            low = base.lower()
            if low.endswith(q.suffix.lower()):
                continue
            if any(low.startswith(x.lower()) for x in q.excluded):
                continue
            if q.required and not any(low.startswith(x.lower()) for x in q.required):
                continue
            model = base + q.suffix
            if not could_be_id(model):
                continue
            at = f"{q.location.path}:{q.location.line}"
            evidence = (
                f"model variable {q.name} + {q.suffix!r} at {at}, with the model {base} "
                "written here"
            )
            out.append(
                suppress(ModelRef(model, HUGGINGFACE, r.location, evidence), r.location.snippet)
            )
            if model not in done:
                done.add(model)
                evidence = (
                    f"model variable {q.name} + {q.suffix!r} ({base}, from "
                    f"{r.location.path}:{r.location.line})"
                )
                ref = ModelRef(model, HUGGINGFACE, q.location, evidence)
                out.append(suppress(ref, q.location.snippet))
    return out, []


class _Scanner:
    """JavaScript / TypeScript sources; a suffix appended to a model name handed to the file
    is settled after the scan, with the names the package's other files write."""

    kind = "javascript"
    trigger = TRIGGER
    settles_with_refs = True

    def scan(self, text: str, ctx: Context) -> ScanResult:
        return scan(text, ctx)

    def settle(self, root: Path, questions: Sequence, refs: Sequence[ModelRef] = ()) -> ScanResult:
        asked = [q for q in questions if isinstance(q, SuffixQuestion)]
        found, unresolvable = settle_suffixes(asked, refs)
        served = [q for q in questions if isinstance(q, ServedQuestion)]
        if served:
            copies = [q for q in questions if isinstance(q, CopyQuestion)]
            found = [*found, *settle_served(served, copies)]
        return ScanResult(found, unresolvable)


SCANNER = _Scanner()
