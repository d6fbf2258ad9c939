"""Python sources, parsed with ``ast``: loader calls that take a model id.

Ids passed through module constants, function defaults, dict literals, loops over literal lists
and simple assignments are followed to their string (scope-aware). Ids built at run time
(f-strings, environment lookups, parameters) are reported as unresolvable, never as models.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from ..decoding import decode
from ..model import DATASET, Location, ModelRef, Unresolvable
from . import commands
from .common import Context, Found, Trigger, dataset_value, find_in_lines, location_at, make_ref
from .ids import classify
from .interface import Pending, ScanResult
from .suppress import suppress

TRIGGER = Trigger(
    # one literal per loader family; deliberately not the bare word "model", which nearly every
    # file of an ML code base contains (model.eval(), self.model ...) without loading anything
    b"pretrained",
    b"pipeline",
    b"SentenceTransformer",
    b"Encoder",
    b"HuggingFace",
    b"from_model_id",
    b"InferenceClient",
    b"LLM",
    b"EngineArgs",
    b"download",
    b"TransformersModel",
    b"HfApiModel",
    b"vllm",
    b"ollama",
    b"load_dataset",
    b"create_model",
    b"mlx",
    b"11434",
)

HUB, HUB_BARE, OLLAMA_MODE, PREFIXED, DATASET_MODE, REPO = (
    "hub",
    "hub-bare",
    "ollama",
    "prefixed",
    "dataset",
    "repo",
)

# call name -> (positions of the model argument, keyword names that carry it, mode)
_LOADERS: dict[str, tuple[tuple[int, ...], tuple[str, ...], str]] = {
    "from_pretrained": (
        (0,),
        ("pretrained_model_name_or_path", "model_id", "model_name_or_path", "repo_id"),
        HUB_BARE,
    ),
    "pipeline": ((1,), ("model",), HUB_BARE),
    "SentenceTransformer": ((0,), ("model_name_or_path",), HUB_BARE),
    "CrossEncoder": ((0,), ("model_name", "model_name_or_path"), HUB_BARE),
    "SparseEncoder": ((0,), ("model_name_or_path",), HUB_BARE),
    "HuggingFaceEmbeddings": ((), ("model_name", "model"), HUB_BARE),
    "HuggingFaceBgeEmbeddings": ((), ("model_name",), HUB_BARE),
    "HuggingFaceInstructEmbeddings": ((), ("model_name",), HUB_BARE),
    "HuggingFaceEmbedding": ((), ("model_name",), HUB_BARE),
    "HuggingFaceInferenceAPIEmbeddings": ((), ("model_name",), HUB),
    "HuggingFaceEndpointEmbeddings": ((), ("model", "repo_id"), HUB),
    "HuggingFaceLLM": ((), ("model_name", "tokenizer_name"), HUB_BARE),
    "HuggingFaceInferenceAPI": ((), ("model_name",), HUB),
    "HuggingFaceEndpoint": ((), ("repo_id", "model"), HUB),
    "HuggingFaceHub": ((), ("repo_id",), HUB),
    "ChatHuggingFace": ((), ("model_id",), HUB),
    "from_model_id": ((), ("model_id",), HUB_BARE),
    "InferenceClient": ((0,), ("model",), HUB),
    "AsyncInferenceClient": ((0,), ("model",), HUB),
    "LLM": ((0,), ("model",), HUB),
    "AsyncLLMEngine": ((), ("model",), HUB),
    "EngineArgs": ((), ("model",), HUB),
    "AsyncEngineArgs": ((), ("model",), HUB),
    "hf_hub_download": ((0,), ("repo_id",), REPO),
    "snapshot_download": ((0,), ("repo_id",), REPO),
    "TransformersModel": ((0,), ("model_id",), HUB),
    "HfApiModel": ((0,), ("model_id",), HUB),
    "InferenceClientModel": ((0,), ("model_id",), HUB),
    "VLLMModel": ((0,), ("model_id",), HUB),
    "MLXModel": ((0,), ("model_id",), HUB),
    "ChatOllama": ((), ("model", "model_name"), OLLAMA_MODE),
    "OllamaEmbeddings": ((), ("model", "model_name"), OLLAMA_MODE),
    "Ollama": ((), ("model", "model_name"), OLLAMA_MODE),
    "OllamaLLM": ((), ("model",), OLLAMA_MODE),
    "OllamaEmbedding": ((), ("model_name", "model"), OLLAMA_MODE),
    "OllamaFunctions": ((), ("model",), OLLAMA_MODE),
    "OllamaChatCompletionClient": ((), ("model",), OLLAMA_MODE),
    "load_dataset": ((0,), ("path",), DATASET_MODE),
    "create_model": ((0,), ("model_name",), PREFIXED),
    "create_model_and_transforms": ((0,), ("model_name",), PREFIXED),
    "create_model_from_pretrained": ((0,), ("model_name",), PREFIXED),
}
# functions of a module (or of its client objects) that take a model: module -> names
_MODULE_FUNCS = {
    "ollama": (
        {"chat", "generate", "pull", "embed", "embeddings", "show", "push"},
        OLLAMA_MODE,
        (0,),
        ("model",),
    ),
    "litellm": (
        {"completion", "acompletion", "embedding", "aembedding", "text_completion"},
        PREFIXED,
        (),
        ("model",),
    ),
    "mlx_lm": ({"load"}, HUB, (0,), ("path_or_hf_repo",)),
}
_CLIENT_CLASSES = {"ollama": {"Client", "AsyncClient"}}
_ENV_CALLS = {"getenv", "environ", "get_env", "getenv_or"}


class _Bindings(ast.NodeVisitor):
    """Per scope: name -> the expressions bound to it (None marks a non-literal rebinding)."""

    def __init__(self) -> None:
        self.scopes: dict[int, dict[str, list[ast.expr | None]]] = {}
        self.parent: dict[int, int | None] = {}
        self.scope_of_call: dict[int, list[int]] = {}
        self.stack: list[int] = []
        self.module_aliases: dict[str, str] = {}  # local name -> module (ollama, litellm, mlx_lm)
        self.func_aliases: dict[str, tuple[str, str]] = {}  # local name -> (module, imported name)
        self.client_vars: set[str] = set()
        self.class_scopes: set[int] = set()
        self.classes: dict[str, list[int]] = {}  # class name -> its scope(s)

    def _enter(self, node: ast.AST) -> None:
        key = id(node)
        self.parent[key] = self.stack[-1] if self.stack else None
        self.scopes.setdefault(key, {})
        self.stack.append(key)

    def bind(self, name: str, value: ast.expr | None) -> None:
        self.scopes[self.stack[-1]].setdefault(name, []).append(value)

    def visit_Module(self, node: ast.Module) -> None:
        self._enter(node)
        self.generic_visit(node)
        self.stack.pop()

    def _visit_function(self, node) -> None:
        # defaults are evaluated in the enclosing scope but bound in the function's
        for d in node.decorator_list:
            self.visit(d)
        self._enter(node)
        args = node.args
        positional = args.posonlyargs + args.args
        for arg, default in zip(
            positional[len(positional) - len(args.defaults) :], args.defaults, strict=False
        ):
            self.bind(arg.arg, default)
        for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=False):
            self.bind(arg.arg, default)
        for stmt in node.body:
            self.visit(stmt)
        self.stack.pop()

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for d in node.decorator_list:
            self.visit(d)
        for base in node.bases:
            self.visit(base)
        if self.stack:
            self.bind(node.name, None)
        self._enter(node)
        self.class_scopes.add(id(node))
        self.classes.setdefault(node.name, []).append(id(node))
        for stmt in node.body:
            self.visit(stmt)
        self.stack.pop()

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            top = alias.name.split(".")[0]
            if top in _MODULE_FUNCS:
                self.module_aliases[(alias.asname or alias.name).split(".")[0]] = top

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        top = (node.module or "").split(".")[0]
        if top in _MODULE_FUNCS:
            for alias in node.names:
                self.func_aliases[alias.asname or alias.name] = (top, alias.name)
        elif self.stack:
            for alias in node.names:
                if alias.name != "*":
                    local = alias.asname or alias.name
                    self.bind(local, _Imported(node.module or "", node.level, alias.name, local))

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._bind_target(target, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._bind_target(node.target, node.value)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, ast.Name):
            self.bind(node.target.id, None)
        self.generic_visit(node)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.bind(node.target.id, node.value)
        self.generic_visit(node)

    def visit_For(self, node: ast.For) -> None:
        if isinstance(node.target, ast.Name):
            if isinstance(node.iter, (ast.List, ast.Tuple, ast.Set)):
                for elt in node.iter.elts:
                    self.bind(node.target.id, elt)
            else:
                self.bind(node.target.id, ast.Starred(value=node.iter))  # items of an iterable
        self.generic_visit(node)

    def _bind_target(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, ast.Name):
            self.bind(target.id, value)
            if isinstance(value, ast.Call) and self._is_client_ctor(value.func):
                self.client_vars.add(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts):
                for t, v in zip(target.elts, value.elts, strict=False):
                    self._bind_target(t, v)
            else:
                for t in target.elts:
                    if isinstance(t, ast.Name):
                        self.bind(t.id, None)

    def _is_client_ctor(self, func: ast.expr) -> bool:
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            mod = self.module_aliases.get(func.value.id)
            return bool(mod and func.attr in _CLIENT_CLASSES.get(mod, ()))
        if isinstance(func, ast.Name) and func.id in self.func_aliases:
            mod, original = self.func_aliases[func.id]
            return original in _CLIENT_CLASSES.get(mod, ())
        return False

    def visit_Call(self, node: ast.Call) -> None:
        self.scope_of_call[id(node)] = list(self.stack)
        self.generic_visit(node)


class _Imported(ast.expr):
    """A name bound by ``from module import name``: followed after the walk."""

    _fields = ()

    def __init__(self, module: str, level: int, name: str, local: str) -> None:
        super().__init__()
        self.module, self.level, self.name, self.local = module, level, name, local

    def __reduce__(self):  # the default AST pickling would call the constructor without arguments
        return _Imported, (self.module, self.level, self.name, self.local)


class _ImportedValue(Exception):
    def __init__(self, imported: _Imported) -> None:
        super().__init__(imported.name)
        self.imported = imported


class _Unresolved(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _env_lookup(node: ast.expr) -> bool:
    """os.environ[...], os.environ.get(...), os.getenv(...)"""
    if isinstance(node, ast.Subscript):
        node = node.value
        return isinstance(node, ast.Attribute) and node.attr == "environ"
    if isinstance(node, ast.Call):
        f = node.func
        if isinstance(f, ast.Attribute):
            if f.attr in _ENV_CALLS:
                return True
            if f.attr == "get" and isinstance(f.value, ast.Attribute) and f.value.attr == "environ":
                return True
        if isinstance(f, ast.Name) and f.id in _ENV_CALLS:
            return True
    return False


class _Resolver:
    def __init__(self, b: _Bindings) -> None:
        self.b = b

    def lookup(self, name: str, stack: list[int]) -> list[ast.expr | None] | None:
        for i, key in enumerate(reversed(stack)):
            if i and key in self.b.class_scopes:
                continue  # a class body's names are not visible inside its methods
            scope = self.b.scopes.get(key, {})
            if name in scope:
                return scope[name]
        return None

    def _class_of(self, node: ast.expr, stack: list[int]) -> tuple[int | None, ast.Call | None]:
        """(class scope, constructor call) for ``Cls``, ``self``/``cls`` in a method, or a name
        bound once to ``Cls(...)``."""
        if not isinstance(node, ast.Name):
            return None, None
        scopes = self.b.classes.get(node.id)
        if scopes and len(scopes) == 1:
            return scopes[0], None
        if node.id in ("self", "cls"):
            for key in reversed(stack[:-1]):
                if key in self.b.class_scopes:
                    return key, None
            return None, None
        bound = self.lookup(node.id, stack)
        if (
            bound
            and len(bound) == 1
            and isinstance(bound[0], ast.Call)
            and isinstance(bound[0].func, ast.Name)
        ):
            scopes = self.b.classes.get(bound[0].func.id)
            if scopes and len(scopes) == 1:
                return scopes[0], bound[0]
        return None, None

    def _attribute(
        self, node: ast.Attribute, stack: list[int], depth: int
    ) -> list[tuple[str, ast.expr]]:
        scope, ctor = self._class_of(node.value, stack)
        if scope is None:
            raise _Unresolved("attribute computed at run time")
        if ctor is not None:
            for kw in ctor.keywords:
                if kw.arg == node.attr:
                    return self.values(kw.value, stack, depth + 1)
            if ctor.args or any(kw.arg is None for kw in ctor.keywords):
                raise _Unresolved("attribute set by constructor arguments")
        bound = self.b.scopes.get(scope, {}).get(node.attr)
        if not bound:
            raise _Unresolved(f"attribute {node.attr} is set at run time")
        out = []
        for v in bound:
            if v is None:
                raise _Unresolved(f"attribute {node.attr} is rebound at run time")
            out.extend(self.values(v, [*stack, scope], depth + 1))
        return out

    def values(
        self, node: ast.expr, stack: list[int], depth: int = 0
    ) -> list[tuple[str, ast.expr]]:
        """Every string ``node`` can evaluate to, with the literal it came from."""
        if depth > 12:
            raise _Unresolved("too deeply indirect")
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                return [(node.value, node)]
            raise _Unresolved("not a string")
        if isinstance(node, ast.JoinedStr):
            if all(isinstance(v, ast.Constant) for v in node.values):
                return [("".join(str(v.value) for v in node.values), node)]
            raise _Unresolved("f-string built at run time")
        if _env_lookup(node):
            raise _Unresolved("environment lookup")
        if isinstance(node, ast.Name):
            bound = self.lookup(node.id, stack)
            if not bound:
                raise _Unresolved(f"{node.id} is not a constant")
            out = []
            for v in bound:
                if v is None:
                    raise _Unresolved(f"{node.id} is rebound at run time")
                if isinstance(v, _Imported):
                    if len(bound) > 1:
                        raise _Unresolved(f"{node.id} is rebound at run time")
                    raise _ImportedValue(v)
                out.extend(self.values(v, stack, depth + 1))
            return out
        if isinstance(node, ast.Starred):
            return self._items(node.value, stack, depth)
        if isinstance(node, ast.IfExp):
            return self.values(node.body, stack, depth + 1) + self.values(
                node.orelse, stack, depth + 1
            )
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self.values(node.left, stack, depth + 1)
            right = self.values(node.right, stack, depth + 1)
            if len(left) == 1 and len(right) == 1:
                return [(left[0][0] + right[0][0], left[0][1])]
            raise _Unresolved("concatenation of several values")
        if isinstance(node, ast.Subscript):
            key = node.slice
            if isinstance(key, ast.Constant):
                container = self._container(node.value, stack, depth)
                if isinstance(container, ast.Dict):
                    for k, v in zip(container.keys, container.values, strict=False):
                        if isinstance(k, ast.Constant) and k.value == key.value:
                            return self.values(v, stack, depth + 1)
                elif isinstance(container, (ast.List, ast.Tuple)) and isinstance(key.value, int):
                    try:
                        return self.values(container.elts[key.value], stack, depth + 1)
                    except IndexError:
                        pass
            raise _Unresolved("subscript computed at run time")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            container = self._container(node.func.value, stack, depth)
            if isinstance(container, ast.Dict):
                for k, v in zip(container.keys, container.values, strict=False):
                    if isinstance(k, ast.Constant) and k.value == node.args[0].value:
                        return self.values(v, stack, depth + 1)
                if len(node.args) > 1:
                    return self.values(node.args[1], stack, depth + 1)
        if isinstance(node, ast.Attribute):
            return self._attribute(node, stack, depth)
        raise _Unresolved("computed at run time")

    def _container(self, node: ast.expr, stack: list[int], depth: int) -> ast.expr | None:
        if isinstance(node, (ast.Dict, ast.List, ast.Tuple)):
            return node
        if depth > 12:
            return None
        if isinstance(node, ast.Name):
            bound = self.lookup(node.id, stack)
            if bound and len(bound) == 1 and isinstance(bound[0], _Imported):
                raise _ImportedValue(bound[0])
            if bound and len(bound) == 1 and bound[0] is not None:
                return self._container(bound[0], stack, depth + 1)
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            outer = self._container(node.value, stack, depth + 1)
            key = node.slice.value
            if isinstance(outer, ast.Dict):
                for k, v in zip(outer.keys, outer.values, strict=False):
                    if isinstance(k, ast.Constant) and k.value == key:
                        return self._container(v, stack, depth + 1)
            elif (
                isinstance(outer, (ast.List, ast.Tuple))
                and isinstance(key, int)
                and -len(outer.elts) <= key < len(outer.elts)
            ):
                return self._container(outer.elts[key], stack, depth + 1)
        return None

    def _items(self, node: ast.expr, stack: list[int], depth: int) -> list[tuple[str, ast.expr]]:
        """Items of an iterated literal (for x in LIST / DICT.values())."""
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "values"
        ):
            container = self._container(node.func.value, stack, depth)
            if isinstance(container, ast.Dict):
                out = []
                for v in container.values:
                    out.extend(self.values(v, stack, depth + 1))
                return out
        container = self._container(node, stack, depth)
        if isinstance(container, (ast.List, ast.Tuple)):
            out = []
            for v in container.elts:
                out.extend(self.values(v, stack, depth + 1))
            return out
        raise _Unresolved("iterates over a value computed at run time")


def _call_target(node: ast.Call, b: _Bindings, ollama_openai: bool):
    """(name, positions, keywords, mode) when the call takes a model, else None."""
    func = node.func
    if isinstance(func, ast.Attribute):
        name = func.attr
        recv = func.value
        recv_name = recv.id if isinstance(recv, ast.Name) else None
        module = b.module_aliases.get(recv_name) if recv_name else None
        if recv_name in b.client_vars:
            module = "ollama"
        if isinstance(recv, ast.Call) and b._is_client_ctor(recv.func):
            module = "ollama"
        if module and name in _MODULE_FUNCS[module][0]:
            _, mode, pos, kws = _MODULE_FUNCS[module]
            return f"{module}.{name}", pos, kws, mode
        if name == "from_pretrained":
            recv_id = recv_name or (recv.attr if isinstance(recv, ast.Attribute) else "")
            if recv_id.startswith("PeftModel") or recv_id == "PeftMixedModel":
                return "PeftModel.from_pretrained", (1,), ("model_id",), HUB_BARE
        if (
            ollama_openai
            and name == "create"
            and isinstance(recv, ast.Attribute)
            and recv.attr in ("completions", "embeddings")
        ):
            return "OpenAI-compatible Ollama call", (), ("model",), OLLAMA_MODE
    elif isinstance(func, ast.Name):
        name = func.id
        if name in b.func_aliases:
            module, original = b.func_aliases[name]
            if original in _MODULE_FUNCS[module][0]:
                _, mode, pos, kws = _MODULE_FUNCS[module]
                return f"{module}.{original}", pos, kws, mode
    else:
        return None
    if name in _LOADERS:
        pos, kws, mode = _LOADERS[name]
        return name, pos, kws, mode
    return None


def _identify(value: str, mode: str, ctx: Context, repo_type: str | None):
    if mode == DATASET_MODE or repo_type == "dataset":
        return dataset_value(value, ctx, bare=mode == DATASET_MODE)
    if repo_type == "space":
        return None
    if mode == OLLAMA_MODE:
        ident = classify(value, ollama=True)
    elif mode == PREFIXED:
        ident = classify(value, prefixed_only=True)
    else:
        ident = classify(value, bare=mode == HUB_BARE)
    return None if ident is None or ctx.is_local_path(value) else ident


def _kw_string(node: ast.Call, name: str) -> str | None:
    for kw in node.keywords:
        if (
            kw.arg == name
            and isinstance(kw.value, ast.Constant)
            and isinstance(kw.value.value, str)
        ):
            return kw.value.value
    return None


class ImportedArgument(NamedTuple):
    """A loader argument whose value is imported from another module of the repository: settled
    after the scan (``resolve_deferred``), when every module can be read."""

    location: Location
    expression: str
    arg: ast.expr
    imported: _Imported
    mode: str
    loader: str
    repo_type: str | None
    revision: str | None
    source_line: str


def scan(text: str, path: str | Context, pending: list[ImportedArgument] | None = None) -> Found:
    """References in one Python source. Raises SyntaxError / ValueError on unparsable text.

    Loader arguments imported from another module are appended to ``pending`` (None: reported
    as unresolvable)."""
    ctx = path if isinstance(path, Context) else Context(root=Path("."), rel=path)
    tree = ast.parse(text, filename=ctx.rel)
    b = _Bindings()
    b.visit(tree)
    resolver = _Resolver(b)
    lines = text.splitlines()
    ollama_openai = "11434" in text
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        stack = b.scope_of_call.get(id(node), [])
        target = _call_target(node, b, ollama_openai)
        if target is None:
            refs_, unres_ = _subprocess_argv(node, ctx, lines)
            refs.extend(refs_)
            unresolvable.extend(unres_)
            continue
        name, positions, keywords, mode = target
        args: list[ast.expr] = [kw.value for kw in node.keywords if kw.arg in keywords]
        if not args:
            args = [node.args[p] for p in positions if len(node.args) > p]
        repo_type = _kw_string(node, "repo_type")
        revision = _kw_string(node, "revision")
        for arg in args:
            if isinstance(arg, ast.Starred):
                continue
            loc = location_at(ctx, lines, arg.lineno, arg.col_offset + 1)
            try:
                values = resolver.values(arg, stack)
            except _ImportedValue as exc:
                expression = ast.unparse(arg)[:200]
                imp = exc.imported
                if pending is not None:
                    source_line = lines[arg.lineno - 1] if 0 < arg.lineno <= len(lines) else ""
                    pending.append(
                        ImportedArgument(
                            loc, expression, arg, imp, mode, name, repo_type, revision, source_line
                        )
                    )
                else:
                    unresolvable.append(
                        Unresolvable(
                            loc,
                            expression,
                            f"model id of {name}(): imported from {'.' * imp.level}{imp.module}",
                        )
                    )
                continue
            except _Unresolved as exc:
                unresolvable.append(
                    Unresolvable(loc, ast.unparse(arg)[:200], f"model id of {name}(): {exc.reason}")
                )
                continue
            for value, literal in values:
                ident = _identify(value, mode, ctx, repo_type)
                if ident is None:
                    continue
                via = "" if literal is arg else f" via {ast.unparse(arg)[:60]}"
                kind = "dataset" if ident[1] == DATASET else "model"
                ref = ModelRef(
                    id=ident[0],
                    source=ident[1],
                    location=loc,
                    evidence=f"{name}() {kind} argument{via}",
                    revision=revision,
                )
                # a suppression marker on the literal's own line counts too
                lit_line = getattr(literal, "lineno", 0)
                if literal is not arg and 0 < lit_line <= len(lines):
                    ref = suppress(ref, lines[lit_line - 1])
                refs.append(ref)
    return refs, unresolvable


def _subprocess_argv(node: ast.Call, ctx: Context, lines: list[str]) -> Found:
    """subprocess.run(["ollama", "pull", "x"]) / os.system("vllm serve x")."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return [], []
    if not (
        (
            func.value.id == "subprocess"
            and func.attr in ("run", "call", "check_call", "check_output", "Popen")
        )
        or (func.value.id == "os" and func.attr == "system")
    ):
        return [], []
    if not node.args:
        return [], []
    arg = node.args[0]
    if isinstance(arg, (ast.List, ast.Tuple)) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in arg.elts
    ):
        argv = [e.value for e in arg.elts]
    elif isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        argv = commands.tokenize(arg.value)
    else:
        return [], []
    refs = []
    for token, ident, evidence, revision, _why in commands.scan_argv(argv):
        if ident is None or ident[0] == "dataset":
            continue
        if ctx.is_local_path(ident[0]):
            continue
        line, col = find_in_lines(lines, token, arg.lineno, arg.lineno)
        refs.append(make_ref(ident, ctx, lines, line, col, evidence, revision=revision))
    return refs, []


def _module_file(root: Path, importer: str, module: str, level: int) -> str | None:
    """The repository file a ``from module import x`` in ``importer`` reads, relative to root."""
    parts = module.split(".") if module else []
    if level:
        base = importer.split("/")[:-1]
        if level - 1 > len(base):
            return None
        base = base[: len(base) - (level - 1)]
        bases = ["/".join(base + parts)]
    else:
        bases = ["/".join(parts), "/".join(["src", *parts])]
    for b in bases:
        b = b.strip("/")
        if not b:
            continue
        for candidate in (f"{b}.py", f"{b}/__init__.py"):
            try:
                if (root / candidate).is_file():
                    return candidate
            except OSError:
                continue
    return None


MODULE_MAX_BYTES = 1024 * 1024


def resolve_deferred(root: Path, deferred: Sequence[ImportedArgument]) -> Found:
    """Follow names imported from another module of the repository to their string constants;
    what cannot be followed is unresolvable."""
    cache: dict[str, tuple[_Resolver, list[int]] | None] = {}
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    for loc, expression, arg, imp, mode, loader, repo_type, revision, source_line in deferred:
        rel = _module_file(root, loc.path, imp.module, imp.level)
        reason = f"model id of {loader}(): imported from {'.' * imp.level}{imp.module}"
        entry = None
        if rel is not None:
            if rel not in cache:
                cache[rel] = None
                try:
                    if (root / rel).stat().st_size <= MODULE_MAX_BYTES:
                        source = decode((root / rel).read_bytes(), python=True)
                        tree = ast.parse(source, filename=rel)
                        b = _Bindings()
                        b.visit(tree)
                        cache[rel] = (_Resolver(b), [id(tree)])
                except (
                    OSError,
                    SyntaxError,
                    ValueError,
                    RecursionError,
                    MemoryError,
                ):
                    pass
            entry = cache[rel]
        values = None
        if entry is not None:
            resolver, stack = entry
            # evaluate the argument as written, its imported name standing for the module's
            alias_scope = -len(resolver.b.scopes) - 1
            resolver.b.scopes[alias_scope] = {
                imp.local: resolver.b.scopes[stack[0]].get(imp.name, [])
            }
            try:
                values = resolver.values(arg, [*stack, alias_scope])
            except (_Unresolved, _ImportedValue):
                values = None
            finally:
                del resolver.b.scopes[alias_scope]
        if not values:
            unresolvable.append(Unresolvable(loc, expression, reason))
            continue
        ctx = Context(root=root, rel=loc.path)
        for value, _literal in values:
            ident = _identify(value, mode, ctx, repo_type)
            if ident is None:
                continue
            kind = "dataset" if ident[1] == DATASET else "model"
            ref = ModelRef(
                id=ident[0],
                source=ident[1],
                location=loc,
                revision=revision,
                evidence=f"{loader}() {kind} argument via {expression[:60]} from {rel}",
            )
            refs.append(suppress(ref, source_line))
    return refs, unresolvable


class PythonScanner:
    """Python sources; names imported from other modules of the repository are settled after
    the scan, when every module can be read."""

    kind = "python"
    trigger = TRIGGER

    def scan(self, text: str, ctx: Context) -> ScanResult:
        imported: list[ImportedArgument] = []
        refs, unresolvable = scan(text, ctx, imported)
        return ScanResult(refs, unresolvable, pending=[Pending(self.kind, q) for q in imported])

    def settle(self, root: Path, questions: Sequence[ImportedArgument]) -> ScanResult:
        return ScanResult(*resolve_deferred(root, questions))


SCANNER = PythonScanner()
