"""The scanner seam: a scanner of its own is one class registered in one place, and gets the
prefilter, suppression markers, the error policy, cross-file questions and worker processes
from discovery; scanners are imported only for the files that need them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import licaudit.discover as discover_mod
from licaudit.discover import SCANNERS, discover
from licaudit.discover.common import Context, Trigger, make_ref
from licaudit.discover.interface import Pending, ScanResult
from licaudit.model import HUGGINGFACE, Skipped

from .conftest import git
from .discover_helpers import write_files


class ModelListScanner:
    """``*.models`` files: one Hub id per line; ``include PATH`` takes the ids of another list,
    answered once every file is scanned."""

    kind = "model-list"
    trigger = Trigger(b"/")
    calls: list[str] = []

    def scan(self, text: str, ctx: Context) -> ScanResult:
        self.calls.append(ctx.rel)
        lines = text.splitlines()
        out = ScanResult()
        for n, line in enumerate(lines, 1):
            word = line.split("#")[0].strip()
            if word.startswith("include "):
                out.pending.append(Pending(self.kind, (ctx.rel, n, word.split()[1])))
            elif word == "!":
                raise ValueError(f"line {n}: not an id")
            elif word:
                out.refs.append(make_ref((word, HUGGINGFACE), ctx, lines, n, 1, "model list"))
        return out

    def settle(self, root: Path, questions) -> ScanResult:
        out = ScanResult()
        for rel, line, target in questions:
            ctx = Context(root=root, rel=rel)
            lines = (root / rel).read_text().splitlines()
            try:
                included = (root / target).read_text().split()
            except OSError:
                out.skipped.append(Skipped(rel, f"include {target}: no such list"))
                continue
            for ident in included:
                out.refs.append(
                    make_ref((ident, HUGGINGFACE), ctx, lines, line, 1, f"included from {target}")
                )
        return out


@pytest.fixture
def registry(monkeypatch):
    """The built-in scanners plus the model lists, for one test."""
    extended = SCANNERS.copy()
    extended.register(ModelListScanner(), extensions=("models",), names=("MODELS",))
    monkeypatch.setattr(discover_mod, "SCANNERS", extended)
    ModelListScanner.calls.clear()
    return extended


FILES = {
    "lists/a.models": "org/one\n# a comment\norg/two  # licaudit: ignore\ninclude shared/base.txt\n",
    "lists/sub/MODELS": "org/three\n",
    "lists/none.models": "nothing that looks like an id\n",
    "lists/bad.models": "org/lost\n!\n",
    "lists/gone.models": "include shared/missing.txt\n",
    "shared/base.txt": "org/base-1 org/base-2\n",
    "app.py": 'from transformers import AutoModel\nAutoModel.from_pretrained("org/python")\n',
}


def _summary(result):
    return (
        sorted(
            (r.location.path, r.location.line, r.id, r.evidence, r.suppressed) for r in result.refs
        ),
        sorted((s.path, s.reason) for s in result.skipped),
    )


def test_a_scanner_of_its_own(tmp_path, registry, monkeypatch):
    root = write_files(tmp_path / "repo", FILES)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "lists")
    assert registry.kind_of("lists/sub/MODELS") == registry.kind_of("x.MODELS") == "model-list"
    assert registry.kind_of("shared/base.txt") is None

    result = discover(root)
    refs, skipped = _summary(result)
    assert refs == [
        ("app.py", 2, "org/python", "AutoModel.from_pretrained() model argument", False),
        ("lists/a.models", 1, "org/one", "model list", False),
        ("lists/a.models", 3, "org/two", "model list", True),  # the marker, applied by discovery
        ("lists/a.models", 4, "org/base-1", "included from shared/base.txt", False),
        ("lists/a.models", 4, "org/base-2", "included from shared/base.txt", False),
        ("lists/sub/MODELS", 1, "org/three", "model list", False),
    ]
    assert skipped == [
        ("lists/bad.models", "cannot parse: line 2: not an id"),
        ("lists/gone.models", "include shared/missing.txt: no such list"),
    ]
    # the prefilter kept the parser away from the list without an id
    assert sorted(ModelListScanner.calls) == [
        "lists/a.models",
        "lists/bad.models",
        "lists/gone.models",
        "lists/sub/MODELS",
    ]

    # forked workers scan with the same registry; the pending includes travel back and are
    # settled once, across the whole list
    monkeypatch.setattr(discover_mod, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setenv("LICAUDIT_SCAN_WORKERS", "2")
    assert discover(root) == result


def test_a_file_belongs_to_one_scanner(registry):
    with pytest.raises(ValueError, match="already read by 'python'"):
        registry.register(ModelListScanner(), kind="other", extensions=("PY",))
    with pytest.raises(ValueError, match="already registered"):
        registry.register(ModelListScanner(), extensions=("lst",))
    with pytest.raises(ValueError, match="needs a kind"):
        registry.register(".python:SCANNER", extensions=("pyi",))
    assert registry.kind_of("stubs.lst") is None  # nothing of a refused registration was kept


def test_every_registered_scanner_loads_as_its_kind():
    for kind in SCANNERS.kinds():
        scanner = SCANNERS.scanner(kind)
        assert scanner.kind == kind and isinstance(scanner.trigger, Trigger)
        try:
            result = scanner.scan("model: x\n", Context(root=Path("."), rel=f"x.{kind}"))
        except (SyntaxError, ValueError):  # the text is not of this kind: allowed
            continue
        assert isinstance(result, ScanResult)
    assert [tree.kind for tree in SCANNERS.tree_scanners()] == ["artifacts"]


def _modules_after(code: str, cwd: Path) -> list[str]:
    probe = textwrap.dedent(code) + (
        "\nimport sys\n"
        "print(sorted(m for m in sys.modules if m.startswith('licaudit.discover')"
        " or m in ('yaml', 'multiprocessing')))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True, check=True
    )
    return eval(proc.stdout.strip().splitlines()[-1])


def test_scanners_are_imported_only_for_their_files(tmp_path):
    root = write_files(tmp_path, {"a.yaml": "model: org/yaml\n", "b.py": "import os\n"})
    loaded = _modules_after(
        """
        from pathlib import Path
        from licaudit.discover import discover
        refs = discover(Path('.'), files=['a.yaml']).refs
        assert [r.id for r in refs] == ['org/yaml'], refs
        """,
        root,
    )
    assert "licaudit.discover.config" in loaded and "yaml" in loaded
    for scanner in ("python", "notebook", "javascript", "modelfile"):
        assert f"licaudit.discover.{scanner}" not in loaded

    # a whole small tree loads every scanner, never the worker pool
    loaded = _modules_after(
        """
        from pathlib import Path
        from licaudit.discover import discover
        assert [r.id for r in discover(Path('.')).refs] == ['org/yaml']
        """,
        root,
    )
    assert "licaudit.discover.python" in loaded and "multiprocessing" not in loaded

    help_loaded = _modules_after(
        """
        from licaudit.cli import main
        try:
            main(['--help'])
        except SystemExit:
            pass
        """,
        root,
    )
    assert help_loaded == []


def test_a_scan_the_cache_answers_imports_no_scanner_nor_the_loader_knowledge(
    tmp_path, monkeypatch
):
    root = write_files(
        tmp_path / "repo",
        {
            "a.yaml": "model: org/yaml\n",
            "b.py": 'from transformers import AutoModel\nAutoModel.from_pretrained("org/py")\n',
        },
    )
    for name in ("a.yaml", "b.py"):  # not written just before the scan: trusted by their times
        os.utime(root / name, (1_700_000_000, 1_700_000_000))
    monkeypatch.setenv("LICAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    scan = """
        from pathlib import Path
        from licaudit.discover import discover
        assert sorted(r.id for r in discover(Path('.'), cache=True).refs) == ['org/py', 'org/yaml']
        """
    cold = _modules_after(scan, root)
    assert "licaudit.discover.loaders" in cold and "licaudit.discover.python" in cold
    warm = _modules_after(scan, root)
    for module in ("loaders", "python", "config"):  # the knowledge and every parser
        assert f"licaudit.discover.{module}" not in warm
    assert "yaml" not in warm
