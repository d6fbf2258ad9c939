"""Fixtures shared by every test module: the installed console script and temporary git repos."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

GIT_ENV = {
    "GIT_AUTHOR_NAME": "licaudit tests",
    "GIT_AUTHOR_EMAIL": "tests@licaudit.invalid",
    "GIT_COMMITTER_NAME": "licaudit tests",
    "GIT_COMMITTER_EMAIL": "tests@licaudit.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def licaudit_executable() -> str:
    """The installed ``licaudit`` console script of the running interpreter's environment."""
    candidate = Path(sys.executable).parent / ("licaudit.exe" if os.name == "nt" else "licaudit")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("licaudit")
    if not found:
        pytest.fail("the licaudit console script is not installed (pip install '.[test]')")
    return found


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Caches written by in-process tests go to a folder of the test session, never the user's."""
    previous = os.environ.get("LICAUDIT_CACHE_DIR")
    os.environ["LICAUDIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("licaudit-cache"))
    yield
    if previous is None:
        os.environ.pop("LICAUDIT_CACHE_DIR", None)
    else:
        os.environ["LICAUDIT_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def licaudit_bin() -> str:
    return licaudit_executable()


@pytest.fixture
def run_licaudit(licaudit_bin, tmp_path_factory):
    """Run the installed console script; returns the CompletedProcess (text mode).

    The environment is isolated: offline by default, a private cache folder, no colour.
    ``preexec_fn`` runs in the child before licaudit starts (to set a resource limit)."""
    cache = tmp_path_factory.mktemp("cache")

    def run(
        *args: str,
        cwd: Path | str | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 120,
        input: str | None = None,
        preexec_fn=None,
    ):
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "LICAUDIT_"))}
        full_env.update(
            {"LICAUDIT_CACHE_DIR": str(cache), "HF_HUB_OFFLINE": "1", "NO_COLOR": "1", **GIT_ENV}
        )
        if env:
            full_env.update(env)
            for k in [k for k, v in env.items() if v is None]:
                full_env.pop(k, None)
        return subprocess.run(
            [licaudit_bin, *args],
            cwd=cwd,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=input,
            preexec_fn=preexec_fn,
        )

    return run


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", *args],
        cwd=repo,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout


def write_git_repo(
    root: Path, files: dict[str, str | bytes], *, init_git: bool = True, commit: bool = True
) -> Path:
    """Write ``files`` ({relative path: text or bytes}) under ``root``, as a git repository with
    one commit unless told otherwise."""
    root.mkdir(parents=True, exist_ok=True)
    if init_git:
        git(root, "init", "-q", "-b", "main")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if init_git and commit and files:
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "fixture")
    return root


@pytest.fixture
def make_repo(tmp_path):
    """Create a temporary git repository from a {relative path: text or bytes} mapping."""

    def make(
        files: dict[str, str | bytes],
        *,
        commit: bool = True,
        name: str = "repo",
        init_git: bool = True,
    ) -> Path:
        return write_git_repo(tmp_path / name, files, init_git=init_git, commit=commit)

    return make
