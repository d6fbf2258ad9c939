"""The pre-commit hooks, through the real ``pre-commit``.

A git copy of this source tree is the hook repository; pre-commit installs it into its own
virtual environment (``language: python``, from PyPI for the dependencies: the one test module
that needs the network beyond 127.0.0.1, skipped when PyPI cannot be reached). The install
happens once per module (a shared PRE_COMMIT_HOME); the hooks themselves run offline.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import GIT_ENV, REPO_ROOT, git, licaudit_executable

pytestmark = pytest.mark.slow

HOOK_SOURCE = (
    "licaudit",
    "licenses",
    "policies",
    "schemas",
    "pyproject.toml",
    "README.md",
    ".pre-commit-hooks.yaml",
)

DENIED = 'from transformers import pipeline\n\nsummarizer = pipeline(model="CohereForAI/c4ai-command-r-v01")\n'
CLEAN = 'from transformers import AutoModel\n\nencoder = AutoModel.from_pretrained("mistralai/Mistral-7B-Instruct-v0.3")\n'


def pre_commit_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "pre-commit"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "pre_commit"]


def pypi_reachable() -> bool:
    if os.environ.get("PIP_NO_INDEX") and not os.environ.get("PIP_FIND_LINKS"):
        return False
    try:
        with socket.create_connection(("pypi.org", 443), timeout=3):
            return True
    except OSError:
        return False


def test_manifest_is_valid_and_runs_the_cli_offline():
    """The manifest pre-commit reads: ids, entries, filename passing (pre-commit's own validator)."""
    manifest = REPO_ROOT / ".pre-commit-hooks.yaml"
    proc = subprocess.run(
        [*pre_commit_cmd(), "validate-manifest", str(manifest)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    hooks = {h["id"]: h for h in yaml.safe_load(manifest.read_text(encoding="utf-8"))}
    assert set(hooks) == {"licaudit", "licaudit-lock"}
    assert hooks["licaudit"]["entry"] == "licaudit scan --offline"
    assert hooks["licaudit"]["language"] == "python"
    assert hooks["licaudit"].get("pass_filenames", True) is True
    assert hooks["licaudit-lock"]["entry"] == "licaudit lock --check"
    assert hooks["licaudit-lock"]["pass_filenames"] is False


def hook_env(
    home: Path, cache: Path, *, drop: tuple[str, ...] = (), **extra: str
) -> dict[str, str]:
    """The environment pre-commit runs in: a private PRE_COMMIT_HOME and cache, no colour, and a
    Hub endpoint that does not answer (the hooks must not need the network: this proves it).
    pre-commit and git are found on PATH, this interpreter's folder first."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HF_", "LICAUDIT_", "PRE_COMMIT", *drop))
    }
    env.update(GIT_ENV)
    env.update(
        {
            "PRE_COMMIT_HOME": str(home),
            "LICAUDIT_CACHE_DIR": str(cache),
            "NO_COLOR": "1",
            "HF_ENDPOINT": "http://127.0.0.1:9",
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
            **extra,
        }
    )
    return env


@pytest.fixture(scope="module")
def hooks(tmp_path_factory):
    """(hook repository path, its commit, environment with a private PRE_COMMIT_HOME)."""
    if not pypi_reachable():
        pytest.skip(
            "pre-commit installs the hook's dependencies from PyPI, which cannot be reached"
        )
    base = tmp_path_factory.mktemp("precommit")
    repo = base / "licaudit-hooks"
    repo.mkdir()
    for name in HOOK_SOURCE:
        src = REPO_ROOT / name
        if src.is_dir():
            shutil.copytree(src, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, repo / name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "hooks")
    rev = git(repo, "rev-parse", "HEAD").strip()
    env = hook_env(
        base / "home",
        base / "cache",
        drop=("VIRTUAL_ENV",),  # the hook's own licaudit comes from its venv
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_INPUT="1",
        PIP_PREFER_BINARY="1",
    )
    return repo, rev, env


def run(
    cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 300
) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def hook_config() -> str:
    """A ``repo: local`` configuration carrying the manifest's hooks unchanged except for
    ``language: system``: the real pre-commit runs the real entries, filename passing and serial
    settings against the licaudit installed with these tests, without a second install from
    PyPI (``test_try_repo_...`` covers the ``language: python`` install)."""
    manifest = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hooks = [{**hook, "language": "system"} for hook in manifest]
    for hook in hooks:
        hook.pop("minimum_pre_commit_version", None)
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, sort_keys=False)


@pytest.fixture
def target_repo(make_repo):
    """A git repository for the hooks to check: its files staged, or committed with ``commit``."""

    def make(name: str, files: dict[str, str], *, commit: bool = False) -> Path:
        root = make_repo(files, name=name, commit=commit)
        if not commit:
            git(root, "add", "-A")
        return root

    return make


@pytest.fixture
def installed(tmp_path):
    """Environment for running the hooks from the local configuration (see ``hook_config``)."""
    return hook_env(tmp_path / "pre-commit-home", tmp_path / "cache")


def lock(target: Path, env: dict[str, str]) -> None:
    proc = run(
        [licaudit_executable(), "lock", "--offline"],
        target,
        {**env, "HF_HUB_OFFLINE": "1"},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr


def run_hook(
    env: dict[str, str], target: Path, hook_id: str, *files: str
) -> subprocess.CompletedProcess:
    (target / ".pre-commit-config.yaml").write_text(hook_config(), encoding="utf-8")
    git(target, "add", ".pre-commit-config.yaml")
    args = ["--files", *files] if files else ["--all-files"]
    return run([*pre_commit_cmd(), "run", hook_id, "--verbose", *args], target, env)


def test_try_repo_blocks_a_denied_model_with_a_readable_message(hooks, target_repo):
    """``pre-commit try-repo`` (a fresh install of the hook, as a first-time user gets it)."""
    repo, _, env = hooks
    target = target_repo("app", {"src/app.py": DENIED})
    proc = run(
        [*pre_commit_cmd(), "try-repo", str(repo), "licaudit", "--files", "src/app.py"], target, env
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "licaudit (AI model licenses)" in out and "Failed" in out
    assert "commercial-use" in out
    assert "CohereForAI/c4ai-command-r-v01" in out
    assert "src/app.py:3" in out
    assert "Traceback" not in out and "internal error" not in out


def test_hook_passes_a_clean_change(installed, target_repo):
    target = target_repo("app", {"src/app.py": CLEAN})
    proc = run_hook(installed, target, "licaudit", "src/app.py")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "Passed" in out


def test_git_commit_is_blocked_for_the_staged_denied_model_only(installed, target_repo):
    """Installed as a git hook: the commit adding the non-commercial model is refused; a later
    commit of a clean file passes although an older file (not staged) references a denied model."""
    env = installed
    target = target_repo("product", {"legacy/old.py": DENIED}, commit=True)
    (target / ".pre-commit-config.yaml").write_text(hook_config(), encoding="utf-8")
    lock(target, env)
    git(target, "add", ".pre-commit-config.yaml", "licaudit.lock")
    git(target, "commit", "-q", "--no-verify", "-m", "hooks")
    assert run([*pre_commit_cmd(), "install"], target, env).returncode == 0
    head = git(target, "rev-parse", "HEAD")

    (target / "src").mkdir()
    (target / "src" / "new.py").write_text(DENIED, encoding="utf-8")
    git(target, "add", "src/new.py")
    blocked = run(["git", "commit", "-m", "add a summarizer"], target, env)
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "CohereForAI/c4ai-command-r-v01" in out and "src/new.py:3" in out
    assert "legacy/old.py" not in out  # only the staged files are scanned
    assert git(target, "rev-parse", "HEAD") == head

    git(target, "rm", "-q", "--cached", "src/new.py")
    (target / "src" / "new.py").unlink()
    (target / "src" / "encoder.py").write_text(CLEAN, encoding="utf-8")
    git(target, "add", "src/encoder.py")
    lock(target, env)  # the lock hook wants the new model pinned too
    git(target, "add", "licaudit.lock")
    ok = run(["git", "commit", "-m", "add an encoder"], target, env)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert git(target, "rev-parse", "HEAD") != head


def test_hook_uses_the_repository_policy(installed, target_repo):
    policy = "version: 1\nname: strict\nextends: default\nlicenses:\n  deny: [apache-2.0]\n"
    target = target_repo(
        "strict",
        {"src/app.py": CLEAN, "policy.yaml": policy, ".licaudit.yaml": "policy: policy.yaml\n"},
    )
    proc = run_hook(installed, target, "licaudit", "src/app.py")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "mistralai/Mistral-7B-Instruct-v0.3" in out and "apache-2.0" in out


def test_lock_hook_fails_until_the_lockfile_pins_every_model(installed, target_repo):
    target = target_repo("locked", {"src/app.py": CLEAN})
    missing = run_hook(installed, target, "licaudit-lock")
    out = missing.stdout + missing.stderr
    assert missing.returncode == 1, out
    assert "mistralai/Mistral-7B-Instruct-v0.3" in out and "licaudit lock" in out

    lock(target, installed)
    git(target, "add", "licaudit.lock")
    ok = run_hook(installed, target, "licaudit-lock")
    assert ok.returncode == 0, ok.stdout + ok.stderr
