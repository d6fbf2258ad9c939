"""Progress on a terminal while a large tree is scanned: click's bar on standard error when it
is a terminal (a pseudo-terminal here), nothing in a pipe, nothing with ``--quiet``."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time

from licaudit.discover import PROGRESS_MIN_FILES

from .conftest import GIT_ENV

N_FILES = PROGRESS_MIN_FILES + 100


def large_tree(make_repo):
    files = {f"pkg{i // 100}/m{i}.py": "x = 1\n" for i in range(N_FILES)}
    files["app.py"] = (
        'from transformers import AutoModel\nm = AutoModel.from_pretrained("mistralai/Mistral-7B-Instruct-v0.3")\n'
    )
    return make_repo(files)


def on_a_terminal(licaudit_bin, cwd, *args, workers="1", timeout=120):
    """(exit code, everything written to the terminal) for a run whose standard streams are a
    pseudo-terminal."""
    cache = cwd.parent / f"{cwd.name}-cache"  # outside the scanned tree
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "LICAUDIT_"))}
    env.update(
        {"HF_HUB_OFFLINE": "1", "NO_COLOR": "1", "LICAUDIT_CACHE_DIR": str(cache),
         "LICAUDIT_SCAN_WORKERS": workers, **GIT_ENV}
    )  # fmt: skip
    proc = subprocess.Popen(
        [licaudit_bin, *args], cwd=cwd, stdin=follower, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    out, deadline = b"", time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the follower side closed: the run is over
                    break
                if not chunk:
                    break
                out += chunk
            elif proc.poll() is not None:
                break
        return proc.wait(timeout=10), out.decode("utf-8", "replace")
    finally:
        os.close(leader)
        if proc.poll() is None:
            proc.kill()


def test_a_large_scan_shows_progress_on_a_terminal_only(make_repo, licaudit_bin, run_licaudit):
    repo = large_tree(make_repo)
    for workers in ("1", "2"):  # one process, and worker processes the parent counts for
        code, shown = on_a_terminal(licaudit_bin, repo, "scan", ".", "--offline", workers=workers)
        assert code == 0, shown
        assert "scanning files [" in shown
        assert f"{N_FILES + 1}/{N_FILES + 1}" in shown  # every file counted, to the end
        assert "PASS: 1 model" in shown

    code, quiet = on_a_terminal(licaudit_bin, repo, "scan", ".", "--offline", "--quiet")
    assert code == 0 and "scanning files" not in quiet and quiet.strip().startswith("PASS:")

    piped = run_licaudit("scan", ".", "--offline", cwd=repo)
    assert piped.returncode == 0 and piped.stderr == ""

    small = make_repo({"app.py": "x = 1\n"}, name="small")
    code, shown = on_a_terminal(licaudit_bin, small, "scan", ".", "--offline")
    assert code == 0 and "scanning files" not in shown
