"""Large scans are split over forked worker processes: the result must be exactly the result of
one process, whatever the split (cross-module Python ids included), a failed or killed worker
must cost nothing but time, and an interrupted scan leaves no process behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
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
    monkeypatch.setattr(discover_mod, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setenv("LICAUDIT_SCAN_WORKERS", str(workers))
    return discover(root, **kwargs)


def _record_scanners(monkeypatch, log: Path, fail=None) -> None:
    """Every slice parsed appends the parsing process's pid and the slice's first path to
    ``log`` (workers are forked, so they run the patched function too); ``fail(rels)`` runs
    first in a worker. The pass that reads and prefilters every file (``defer``) is not a
    slice."""
    real = discover_mod._scan_slice
    parent = os.getpid()

    def recording(root, rels, limit, *cache, **options):
        if options.get("defer") is None:
            if fail is not None and os.getpid() != parent:
                fail(rels)
            with log.open("a") as f:
                f.write(f"{os.getpid()} {rels[0] if rels else ''}\n")
        return real(root, rels, limit, *cache, **options)

    monkeypatch.setattr(discover_mod, "_scan_slice", recording)


def _slices(log: Path) -> list[tuple[int, str]]:
    """(pid, first path) per slice scanned."""
    lines = log.read_text().splitlines() if log.exists() else []
    return [(int(pid), first) for pid, _, first in (line.partition(" ") for line in lines)]


def _pids(log: Path) -> list[int]:
    return [pid for pid, _ in _slices(log)]


def _children() -> set[int]:
    """This process's child processes, zombies included (Linux /proc)."""
    me, found = os.getpid(), set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == me:
                found.add(int(entry))
    return found


needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="lists processes in /proc")


@pytest.mark.parametrize("workers", [2, 3])
def test_parallel_scan_equals_single_process(tmp_path, monkeypatch, workers):
    root = tmp_path / "repo"
    _tree(root)
    single = _scan(root, 1, monkeypatch)
    log = tmp_path / "pids"
    _record_scanners(monkeypatch, log)
    parallel = _scan(root, workers, monkeypatch)
    forked = set(_pids(log)) - {os.getpid()}
    assert 1 <= len(forked) <= workers - 1  # this process is the other one
    firsts = [first for _, first in _slices(log)]
    # the files to parse, in contiguous slices (about _SLICES_PER_WORKER per process)
    assert len(firsts) == len(set(firsts)) > workers * discover_mod._SLICES_PER_WORKER // 2
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
    log = tmp_path / "pids"
    _record_scanners(monkeypatch, log)
    parallel = _scan(root, 2, monkeypatch, exclude=["expected.yaml"])
    assert set(_pids(log)) - {os.getpid()}
    assert parallel == single
    assert parallel.refs and parallel.skipped


def _killed(rels):
    if "a000/main.py" in rels:  # the first slice is a worker's
        os.kill(os.getpid(), signal.SIGKILL)


def _raises(rels):
    if "a000/main.py" in rels:
        raise RuntimeError("worker failure")


@pytest.mark.parametrize("fail", [_killed, _raises], ids=["killed", "raises"])
def test_failed_worker_is_rescanned_by_the_parent(tmp_path, monkeypatch, fail):
    root = tmp_path / "repo"
    _tree(root, packages=10)
    single = _scan(root, 1, monkeypatch)
    _record_scanners(monkeypatch, tmp_path / "clean")
    _scan(root, 2, monkeypatch)
    every_slice = {first for _, first in _slices(tmp_path / "clean")}
    _record_scanners(monkeypatch, tmp_path / "failed", fail)
    assert _scan(root, 2, monkeypatch) == single
    # the failed slice (with a killed worker: every slice unfinished when the pool broke) ran
    # here, once; no slice was left out
    scanned = _slices(tmp_path / "failed")
    here = [first for pid, first in scanned if pid == os.getpid()]
    assert min(every_slice) in here and len(here) == len(set(here))
    if fail is _raises:
        assert len(scanned) == len(every_slice)
    assert {first for _, first in scanned} == every_slice


def test_small_scans_stay_in_process(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    _tree(root, packages=3)
    log = tmp_path / "pids"
    _record_scanners(monkeypatch, log)
    monkeypatch.setenv("LICAUDIT_SCAN_WORKERS", "2")
    result = discover(root)  # far below PARALLEL_MIN_BYTES: parsed as it was read
    assert _pids(log) == []
    assert {f"org/shared-{i}" for i in range(3)} <= {r.id for r in result.refs}
    monkeypatch.setattr(discover_mod, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setenv("LICAUDIT_SCAN_WORKERS", "1")
    assert discover(root) == result
    assert _pids(log) == [os.getpid()]


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


def _slow(rels):
    time.sleep(0.5)


@needs_proc
def test_interrupted_parent_leaves_no_worker_behind(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    _tree(root, packages=10)
    log = tmp_path / "pids"
    _record_scanners(monkeypatch, log, _slow)
    monkeypatch.setattr(discover_mod, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setenv("LICAUDIT_SCAN_WORKERS", "3")
    before = _children()
    rels = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())

    def interrupted():
        assert len(_children() - before) == 2  # both forked workers are running
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        discover_mod.scan_files(root, rels, 1 << 20, while_waiting=interrupted)
    assert _children() <= before  # killed and reaped: no orphan, no zombie
    assert _pids(log) == []  # no slice was finished after the interruption


@needs_proc
def test_no_process_to_spare_scans_in_process(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    _tree(root, packages=10)
    single = _scan(root, 1, monkeypatch)
    before = _children()

    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert _scan(root, 2, monkeypatch) == single
    assert _children() <= before


INTERRUPTED_SCAN = """
import os, sys, time
import licaudit.discover as d
from licaudit.cli import main

real, parent = d._scan_slice, os.getpid()

def slow(root, rels, limit, *cache, **options):
    if os.getpid() != parent:
        try:  # the first worker here sleeps on its slice; the other one is soon idle
            os.close(os.open(sys.argv[1], os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            time.sleep(5)
        except FileExistsError:
            pass
    return real(root, rels, limit, *cache, **options)

d._scan_slice, d.PARALLEL_MIN_BYTES = slow, 0
main(["scan", "--offline", "--format", "json", "."])
"""


def test_ctrl_c_during_parallel_discovery_ends_cleanly(tmp_path):
    """A real SIGINT to the whole process group (what a terminal sends) while one worker scans
    and the other waits for work: the one-line message, the usual exit code, no worker
    traceback, every process gone."""
    root = tmp_path / "repo"
    _tree(root, packages=10)
    started = tmp_path / "started"
    env = {**os.environ, "LICAUDIT_SCAN_WORKERS": "3", "HF_HUB_OFFLINE": "1", "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED_SCAN, str(started)],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not started.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert started.exists(), proc.communicate()
        time.sleep(0.5)  # the other worker and the parent have scanned every other slice
        t0 = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert time.monotonic() - t0 < 4  # the workers were stopped, not waited for
    assert proc.returncode == 130  # 128 + SIGINT
    assert err == "licaudit: interrupted\n" and out == ""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # the workers are gone with their parent
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("a worker outlived the interrupted scan")
