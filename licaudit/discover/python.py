"""Python sources, parsed with ``ast``: loader calls that take a model id."""

from __future__ import annotations

import ast

from ..model import Location, ModelRef, Unresolvable
from .ids import classify

# call name -> (positional index of the model argument, keyword names that carry it)
_LOADERS: dict[str, tuple[int | None, tuple[str, ...]]] = {
    "from_pretrained": (0, ("pretrained_model_name_or_path", "model_id", "model_name_or_path")),
    "pipeline": (1, ("model",)),
    "hf_hub_download": (0, ("repo_id",)),
    "snapshot_download": (0, ("repo_id",)),
}


def _call_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


class _Constants(ast.NodeVisitor):
    """Names bound to a string literal once (module constants, simple assignments)."""

    def __init__(self) -> None:
        self.values: dict[str, str | None] = {}

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name):
                self._bind(target.id, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if isinstance(node.target, ast.Name) and node.value is not None:
            self._bind(node.target.id, node.value)
        self.generic_visit(node)

    def _bind(self, name: str, value: ast.expr) -> None:
        s = value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None
        if name in self.values and self.values[name] != s:
            self.values[name] = None  # rebound to something else: no longer a constant
        else:
            self.values[name] = s


def scan(text: str, path: str) -> tuple[list[ModelRef], list[Unresolvable]]:
    """References in one Python source. Raises SyntaxError / ValueError on unparsable text."""
    tree = ast.parse(text, filename=path)
    consts = _Constants()
    consts.visit(tree)
    lines = text.splitlines()
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node.func)
        if name not in _LOADERS:
            continue
        pos, keywords = _LOADERS[name]
        arg: ast.expr | None = None
        for kw in node.keywords:
            if kw.arg in keywords:
                arg = kw.value
        if arg is None and pos is not None and len(node.args) > pos:
            arg = node.args[pos]
        if arg is None:
            continue
        value: str | None = None
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            value = arg.value
        elif isinstance(arg, ast.Name):
            value = consts.values.get(arg.id)
        line = getattr(arg, "lineno", node.lineno)
        col = getattr(arg, "col_offset", node.col_offset) + 1
        snippet = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        loc = Location(path=path, line=line, column=col, snippet=snippet)
        if value is None:
            unresolvable.append(Unresolvable(loc, ast.unparse(arg), f"model id of {name}() is computed at run time"))
            continue
        ident = classify(value)
        if ident is None:
            continue
        refs.append(ModelRef(id=ident[0], source=ident[1], location=loc, evidence=f"{name}()"))
    return refs, unresolvable
