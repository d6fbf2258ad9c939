"""The GitHub Action (``action.yml``, composite) runs as written: each ``run:`` step with bash in
a simulated runner (tests/action_runner.py) over a real repository — the job summary, the SARIF
file the upload step is given, the annotations, the outputs and the exit code, on a push and on
a pull request (against its base commit). The install step runs in the slow test, which
installs the action's checkout with pip into a fresh virtual environment."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from .action_runner import Runner, os_path_with, run_steps_text
from .conftest import GIT_ENV, REPO_ROOT, git, licaudit_executable, write_git_repo

ACTION = REPO_ROOT / "action.yml"
COHERE = "CohereForAI/c4ai-command-r-v01"  # non-commercial: an error under the default policy
LLAMA = "meta-llama/Llama-3.1-8B-Instruct"  # community license: a warning (needs sign-off)
MISTRAL = "mistralai/Mistral-7B-Instruct-v0.3"


def app(*models: str) -> str:
    return "from transformers import AutoModel\n" + "".join(
        f'm{i} = AutoModel.from_pretrained("{m}")\n' for i, m in enumerate(models)
    )


def runner_env(tmp: Path, licaudit: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "LICAUDIT", "GITHUB_"))}
    env.update(GIT_ENV)
    env.update(
        {
            "HOME": str(tmp / "home"),
            "LICAUDIT_CACHE_DIR": str(tmp / "licaudit-cache"),
            "HF_ENDPOINT": "http://127.0.0.1:9",  # nothing answers: the inputs keep it offline
            "NO_COLOR": "1",
        }
    )
    if licaudit:  # the install step is skipped: the runner already has licaudit
        env["LICAUDIT"] = licaudit
    return env


def run_action(tmp: Path, workspace: Path, *, install: bool = False, **kwargs) -> tuple:
    temp = tmp / "runner-temp"
    shutil.rmtree(temp, ignore_errors=True)
    temp.mkdir(parents=True)
    action = kwargs.pop("action", ACTION)
    env = kwargs.pop("env", None) or runner_env(tmp, None if install else licaudit_executable())
    runner = Runner(
        action,
        workspace,
        temp,
        env=env,
        skip=() if install else ("Install licaudit",),
        **kwargs,
    )
    return runner.run(), temp


def annotations(step) -> list[str]:
    return [line for line in step.stdout.splitlines() if line.startswith("::")]


def validate_sarif(path: Path) -> dict:
    import jsonschema

    schema = json.loads(
        (REPO_ROOT / "tests/fixtures/sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    log = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    return log


def test_the_action_declares_its_inputs_and_keeps_expressions_out_of_scripts():
    spec = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert spec["runs"]["using"] == "composite"
    assert {"policy", "fail-on", "baseline", "sarif-file", "upload-sarif"} <= set(spec["inputs"])
    for script in run_steps_text(ACTION):
        assert "${{" not in script  # every value reaches the scripts through env: no injection
    (upload,) = [s for s in spec["runs"]["steps"] if "uses" in s]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")


def test_on_a_push_the_action_fails_the_job_with_summary_sarif_and_annotations(tmp_path):
    repo = write_git_repo(tmp_path / "repo", {"app.py": app(COHERE, MISTRAL)})
    job, temp = run_action(tmp_path, repo, inputs={"offline": "true"})
    scan = job.step("Scan")
    assert scan.ran and scan.returncode == 0, scan.stderr
    assert not job.step("Scan the pull request's base commit").ran  # not a pull request

    # the job summary: the verdict, its table, what was reviewed
    assert "**FAIL** under policy default" in job.summary
    assert f"| {COHERE} |" in job.summary and "| Blocked |" in job.summary
    assert "## What was reviewed" in job.summary

    # the SARIF the upload step is given is the scan's, valid, in the workspace
    upload = job.step("Upload SARIF to code scanning")
    assert upload.uses.startswith("github/codeql-action/upload-sarif@")
    assert upload.with_ == {"sarif_file": "licaudit.sarif", "category": "licaudit"}
    log = validate_sarif(repo / upload.with_["sarif_file"])
    assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"commercial-use"}

    assert any(a.startswith("::error file=app.py,line=2,") for a in annotations(scan))
    assert job.outputs["verdict"] == "fail" and job.outputs["exit-code"] == "1"
    assert json.loads(Path(job.outputs["report"]).read_text(encoding="utf-8"))["findings"]
    verdict = job.step("Verdict")
    assert verdict.ran and verdict.returncode == 1  # the step that fails the job
    assert job.failed is verdict


def test_on_a_pull_request_only_what_the_change_adds(tmp_path):
    repo = write_git_repo(tmp_path / "repo", {"app.py": app(COHERE, MISTRAL)})
    base = git(repo, "rev-parse", "HEAD").strip()
    (repo / "app.py").write_text(app(COHERE, MISTRAL, LLAMA), encoding="utf-8")
    (repo / "strict.yaml").write_text(
        "version: 1\nname: strict\nextends: default\nlicenses:\n  deny: [llama3.1]\n",
        encoding="utf-8",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "add a chat model")
    event = {"pull_request": {"base": {"sha": base}, "head": {"sha": "HEAD"}}}

    job, temp = run_action(
        tmp_path, repo, inputs={"offline": "true"}, event_name="pull_request", event=event
    )
    assert job.step("Scan the pull request's base commit").returncode == 0
    assert job.failed is None, [(s.name, s.stderr) for s in job.steps if s.returncode]
    assert job.outputs["verdict"] == "pass"  # the Cohere error was there before the change
    assert "what this change adds" in job.summary
    assert f"| added | {LLAMA} |" in job.summary
    scan = job.step("Scan")
    assert [a for a in annotations(scan) if COHERE in a] == []  # not new
    assert any(LLAMA in a and a.startswith("::warning") for a in annotations(scan))
    log = validate_sarif(repo / "licaudit.sarif")
    states = {r["properties"]["model"]: r["baselineState"] for r in log["runs"][0]["results"]}
    assert states[COHERE] == "unchanged" and states[LLAMA] == "new"
    assert not (temp / "licaudit-base").exists()  # the base worktree is removed

    # --fail-on and --policy pass through: a new warning, then a new denied license, fail
    job, _ = run_action(
        tmp_path, repo, inputs={"offline": "true", "fail-on": "warning"},
        event_name="pull_request", event=event,
    )  # fmt: skip
    assert job.outputs["verdict"] == "fail" and job.failed is job.step("Verdict")
    job, _ = run_action(
        tmp_path, repo, inputs={"offline": "true", "policy": "strict.yaml"},
        event_name="pull_request", event=event,
    )  # fmt: skip
    assert job.outputs["exit-code"] == "1"
    assert any("license-denied" in a for a in annotations(job.step("Scan")))

    # baseline 'none': the whole inventory counts again
    job, _ = run_action(
        tmp_path, repo, inputs={"offline": "true", "baseline": "none"},
        event_name="pull_request", event=event,
    )  # fmt: skip
    assert not job.step("Scan the pull request's base commit").ran
    assert job.outputs["verdict"] == "fail"


def test_a_configuration_error_fails_the_scan_step_and_uploads_nothing(tmp_path):
    repo = write_git_repo(tmp_path / "repo", {"app.py": app(MISTRAL)})
    job, _ = run_action(tmp_path, repo, inputs={"offline": "true", "policy": "missing.yaml"})
    scan = job.step("Scan")
    assert scan.returncode == 2 and "policy file not found: missing.yaml" in scan.stderr
    assert job.failed is scan
    upload = job.step("Upload SARIF to code scanning")
    assert upload.with_ == {}  # no SARIF: the upload step is skipped
    assert not job.step("Verdict").ran
    assert job.summary == ""


@pytest.mark.slow
def test_the_install_step_installs_the_action_checkout(tmp_path):
    """Every step as written, the install step included: pip installs the action's own
    checkout (its dependencies from the package index) into a fresh virtual environment."""
    from .test_precommit import HOOK_SOURCE, pypi_reachable

    if not pypi_reachable():
        pytest.skip("the install step needs the package index for licaudit's dependencies")
    action_dir = tmp_path / "licaudit-action"
    action_dir.mkdir()
    for name in (*HOOK_SOURCE, "action.yml"):
        src = REPO_ROOT / name
        if src.is_dir():
            shutil.copytree(src, action_dir / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, action_dir / name)
    repo = write_git_repo(tmp_path / "repo", {"app.py": app(COHERE)})
    env = runner_env(tmp_path, None)
    env["PATH"] = os_path_with(Path(sys.base_prefix) / "bin")
    job, temp = run_action(
        tmp_path, repo, install=True, action=action_dir / "action.yml", env=env,
        inputs={"offline": "true", "python": sys.executable},
    )  # fmt: skip
    install = job.step("Install licaudit")
    assert install.ran and install.returncode == 0, install.stderr[-2000:]
    installed = temp / "licaudit-venv" / "bin" / "licaudit"
    assert installed.is_file()
    assert job.outputs["verdict"] == "fail" and job.failed is job.step("Verdict")
    assert "**FAIL**" in job.summary
    validate_sarif(repo / "licaudit.sarif")
