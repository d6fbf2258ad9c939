"""Large scans are split over forked worker processes: the result must be exactly the result of
one process, whatever the split (cross-module Python ids included), and a failed worker must
cost nothing but time."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

import licaudit.discover as discover_mod
from licaudit.discover import discover

from .conftest import git
from .discover_helpers import augment_corpus

CORPUS = Path(__file__).parent / "fixtures" / "corpus"

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="forking platforms only"
)


def _tree(root: Path, packages: int = 40) -> None:
    """Many packages whose main module loads ids defined in a settings module of another
    package at the far end of the sorted file list, so importer and definition land in
    different slices; plus decoys, a suppression, an unreadable id and a binary file."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "zz_shared").mkdir()
    (root / "zz_shared" / "__init__.py").write_text("")
    (root / "zz_shared" / "settings.py").write_text(
        "".join(f'MODEL_{i} = "org/shared-{i}"\n' for i in range(packages))
        + 'DYNAMIC = os.environ["M"]\n'
    )
    for i in range(packages):
        pkg = root / f"a{i:03d}"
        pkg.mkdir()
        (pkg / "__init__.py").write_text("")
        (pkg / "settings.py").write_text(f'LOCAL = "org/local-{i}"\n')
        (pkg / "main.py").write_text(
            "from transformers import AutoModel\n"
            f"from zz_shared.settings import MODEL_{i}, DYNAMIC\n"
            "from .settings import LOCAL\n"
            f"AutoModel.from_pretrained(MODEL_{i})\n"
            "AutoModel.from_pretrained(LOCAL)  # licaudit: ignore\n"
            "AutoModel.from_pretrained(DYNAMIC)\n"
            f'AutoModel.from_pretrained("org/direct-{i}")\n'
        )
        (pkg / "config.yaml").write_text(f"model: org/yaml-{i}\nother: value\n")
        (pkg / "notes.md").write_text("the model is described elsewhere\n")
        (pkg / "util.py").write_text("def f(model):\n    return model\n")
        (pkg / "blob.json").write_bytes(b'{"model": "org/x"}\0\0binary')
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "tree")


def _scan(root: Path, workers: int, monkeypatch, **kwargs):
    monkeypatch.setattr(discover_mod, "PARALLEL_MIN_FILES", 0)
    monkeypatch.setenv("LICAUDIT_SCAN_WORKERS", str(workers))
    return discover(root, **kwargs)


def _count_forks(monkeypatch) -> list[int]:
    """Pids of the workers forked; a worker whose parts did not arrive is recorded negated."""
    forks: list[int] = []
    real_fork, real_collect = discover_mod._fork_scan, discover_mod._collect

    def counting(*args, **kwargs):
        pid_r = real_fork(*args, **kwargs)
        forks.append(pid_r[0])
        return pid_r

    def collect(pid, r, reaped):
        parts = real_collect(pid, r, reaped)
        if parts is None:
            forks[forks.index(pid)] = -pid
        return parts

    monkeypatch.setattr(discover_mod, "_fork_scan", counting)
    monkeypatch.setattr(discover_mod, "_collect", collect)
    return forks


@pytest.mark.parametrize("workers", [2, 3])
def test_parallel_scan_equals_single_process(tmp_path, monkeypatch, workers):
    root = tmp_path / "repo"
    _tree(root)
    single = _scan(root, 1, monkeypatch)
    forks = _count_forks(monkeypatch)
    parallel = _scan(root, workers, monkeypatch)
    assert len(forks) == workers - 1 and all(pid > 0 and pid != os.getpid() for pid in forks)
    assert parallel == single
    ids = {r.id for r in parallel.refs}
    # ids defined in zz_shared/settings.py, loaded from a/NNN/main.py in other slices
    assert {f"org/shared-{i}" for i in range(40)} <= ids
    assert {f"org/local-{i}" for i in range(40)} <= ids
    assert all(r.suppressed for r in parallel.refs if r.id.startswith("org/local-"))
    assert len(parallel.unresolvable) == 40
    assert {s.reason for s in parallel.skipped} == {"binary content"}
    assert parallel.files_scanned == single.files_scanned == 40 * 6 + 2


def test_parallel_scan_of_fixture_corpus(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    shutil.copytree(CORPUS, root, symlinks=True)
    augment_corpus(root)
    single = _scan(root, 1, monkeypatch, exclude=["expected.yaml"])
    forks = _count_forks(monkeypatch)
    parallel = _scan(root, 2, monkeypatch, exclude=["expected.yaml"])
    assert len(forks) == 1 and forks[0] > 0
    assert parallel == single
    assert parallel.refs and parallel.skipped


def test_failed_worker_is_rescanned_by_the_parent(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    _tree(root, packages=10)
    single = _scan(root, 1, monkeypatch)
    parent = os.getpid()
    real_dump = discover_mod._dump_parts

    def dump_fails_in_child(parts):
        if os.getpid() != parent:
            raise RuntimeError("worker failure")
        return real_dump(parts)

    monkeypatch.setattr(discover_mod, "_dump_parts", dump_fails_in_child)
    forks = _count_forks(monkeypatch)
    assert _scan(root, 2, monkeypatch) == single
    assert len(forks) == 1 and forks[0] < 0  # the worker failed; its slices were scanned here


def test_small_scans_stay_in_process(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    _tree(root, packages=3)
    forks = _count_forks(monkeypatch)
    monkeypatch.setenv("LICAUDIT_SCAN_WORKERS", "2")
    result = discover(root)  # far below PARALLEL_MIN_FILES
    assert forks == []
    assert {f"org/shared-{i}" for i in range(3)} <= {r.id for r in result.refs}
    monkeypatch.setattr(discover_mod, "PARALLEL_MIN_FILES", 0)
    monkeypatch.setenv("LICAUDIT_SCAN_WORKERS", "1")
    assert discover(root) == result
    assert forks == []


def test_fewer_files_than_workers(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    _tree(root, packages=2)
    for files in (
        [],
        ["a000/main.py"],
        ["a000/main.py", "a001/config.yaml", "zz_shared/settings.py"],
    ):
        single = _scan(root, 1, monkeypatch, files=files)
        assert _scan(root, 4, monkeypatch, files=files) == single
    assert {r.id for r in single.refs} == {
        "org/shared-0",
        "org/local-0",
        "org/direct-0",
        "org/yaml-1",
    }


def test_interrupted_parent_leaves_no_worker_behind(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    _tree(root, packages=10)
    parent = os.getpid()
    real_part = discover_mod._scan_part

    def interrupted_in_parent(*args):
        if os.getpid() == parent:
            raise KeyboardInterrupt
        return real_part(*args)

    monkeypatch.setattr(discover_mod, "_scan_part", interrupted_in_parent)
    forks = _count_forks(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        _scan(root, 2, monkeypatch)
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):  # killed and reaped: no zombie, no orphan
        os.waitpid(forks[0], os.WNOHANG)


def test_no_process_to_spare_scans_in_process(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    _tree(root, packages=10)
    single = _scan(root, 1, monkeypatch)
    fds_before = set(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else set()

    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert _scan(root, 2, monkeypatch) == single
    if fds_before:
        assert set(os.listdir("/proc/self/fd")) <= fds_before  # the pipe was closed
