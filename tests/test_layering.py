"""The stages' boundaries, read from the import graph (every import statement, at any depth of
a module, lazy ones included): resolution never reaches into discovery, the shared modules reach
into no stage, and the lock command leaves the pipeline to the orchestrator."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "licaudit"


def imported_modules(path: Path) -> set[str]:
    """The absolute names of every module ``path`` imports (``from . import x`` gives both the
    package and ``package.x``)."""
    package = list(path.relative_to(PACKAGE.parent).parts[:-1])  # the module's package
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            else:
                module = node.module or ""
            out.add(module)
            out.update(f"{module}.{alias.name}" for alias in node.names)
    return out


def modules_under(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def test_the_import_reader_sees_relative_and_lazy_imports():
    # the reader itself, on modules of this package with relative, nested and lazy imports
    assert "licaudit.discover" in imported_modules(PACKAGE / "audit.py")
    assert "licaudit.resolve.hub.HubClient" in imported_modules(PACKAGE / "audit.py")  # lazy
    assert "licaudit.resolve.hub" in imported_modules(PACKAGE / "resolve" / "__init__.py")
    assert "licaudit.cards" in imported_modules(PACKAGE / "discover" / "artifacts.py")


@pytest.mark.parametrize("path", modules_under("resolve"), ids=lambda p: p.name)
def test_resolve_imports_nothing_from_discover(path):
    leaks = sorted(m for m in imported_modules(path) if m.startswith("licaudit.discover"))
    assert leaks == []


@pytest.mark.parametrize("name", ["cards.py", "model.py", "env.py"])
def test_shared_modules_import_no_stage(name):
    stages = ("licaudit.discover", "licaudit.resolve", "licaudit.policy", "licaudit.report")
    assert sorted(m for m in imported_modules(PACKAGE / name) if m.startswith(stages)) == []


def test_the_lock_command_only_wires_options_to_the_audit():
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    (lock,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "lock"]
    imported = {
        f"{'.' * n.level}{n.module or ''}:{a.name}"
        for n in ast.walk(lock)
        if isinstance(n, ast.ImportFrom)
        for a in n.names
    }
    assert imported == {".:audit"}  # the configuration comes through the shared _config()
    called = {
        n.func.attr
        for n in ast.walk(lock)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and isinstance(n.func.value, ast.Name)
        and n.func.value.id == "audit"
    }
    assert called == {"Options", "lock", "lock_check", "lock_diff"}
