"""``--quiet`` (what fails the run and the summary line), ``lock --format json`` for every lock
mode (validated against schemas/lock-result.schema.json), and shell completion. Through the CLI."""

from __future__ import annotations

import json

from licaudit.resources import validation_errors

from .hubserver import HubServer
from .hubserver import _fake_sha as hub_sha

APP = (
    "from transformers import AutoModel\n"
    'bad = AutoModel.from_pretrained("CohereForAI/c4ai-command-r-v01")\n'
    'ok = AutoModel.from_pretrained("mistralai/Mistral-7B-Instruct-v0.3")\n'
    'llama = AutoModel.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n'
)


def test_quiet_prints_what_fails_and_the_summary_line(make_repo, run_licaudit):
    repo = make_repo({"app.py": APP})
    full = run_licaudit("scan", ".", "--offline", cwd=repo)
    quiet = run_licaudit("scan", ".", "--offline", "--quiet", cwd=repo)
    assert quiet.returncode == full.returncode == 1
    lines = quiet.stdout.splitlines()
    assert lines[-1] == full.stdout.splitlines()[-1]  # the same summary line
    assert lines[:-1] == [
        "error  commercial-use  CohereForAI/c4ai-command-r-v01: Creative Commons "
        "Attribution-NonCommercial 4.0 International (cc-by-nc-4.0) permits no commercial use, "
        "and the organization's use is commercial. NonCommercial: not primarily intended for or "
        "directed towards commercial advantage or monetary compensation. (at app.py:2)"
    ]  # no table, no warnings (category-review), no infos
    assert quiet.stderr == ""

    passing = run_licaudit("check", "mistralai/Mistral-7B-Instruct-v0.3", "--offline", "-q")
    assert passing.returncode == 0
    assert passing.stdout.splitlines() == [passing.stdout.strip()]
    assert passing.stdout.startswith("PASS: 1 model")

    # documents stay complete under --quiet
    as_json = run_licaudit("scan", ".", "--offline", "-q", "--format", "json", cwd=repo)
    assert (
        json.loads(as_json.stdout)["findings"]
        == json.loads(run_licaudit("scan", ".", "--offline", "--format", "json", cwd=repo).stdout)[
            "findings"
        ]
    )

    # warnings fail the run under --fail-on warning: then they are what --quiet shows
    strict = run_licaudit("scan", ".", "--offline", "-q", "--fail-on", "warning", cwd=repo)
    assert any(line.startswith("warning  category-review") for line in strict.stdout.splitlines())


def test_lock_modes_as_json(make_repo, run_licaudit, tmp_path):
    repo = make_repo({"app.py": APP})

    def run(*args, env=None):
        proc = run_licaudit("lock", *args, "--format", "json", cwd=repo, env=env)
        doc = json.loads(proc.stdout)
        assert validation_errors("lock-result", doc) == [], doc
        assert proc.returncode == (0 if doc["ok"] else 1)
        return doc

    check = run("--check")
    assert check["mode"] == "check" and check["ok"] is False and check["lockfile_exists"] is False
    assert check["referenced"] == 3
    missing = {m["id"]: m for m in check["missing"]}
    assert missing["CohereForAI/c4ai-command-r-v01"]["locations"][0]["line"] == 2

    locked = run("--offline")
    assert locked["mode"] == "lock" and locked["ok"] is True
    assert "meta-llama/Llama-3.1-8B" in locked["added"]  # the base model is pinned too
    assert locked["pinned"] == 4 and locked["removed"] == locked["changed"] == []
    assert run("--check")["missing"] == []
    assert run("--offline")["added"] == []

    quiet = run_licaudit("lock", "--check", "--quiet", cwd=repo)
    assert quiet.stdout == "licaudit.lock: every referenced model is pinned (3)\n"

    with HubServer() as hub:
        hub.add("CohereForAI/c4ai-command-r-v01", card={"license": "cc-by-nc-4.0"})
        hub.add("mistralai/Mistral-7B-Instruct-v0.3", card={"license": "mit"})  # drifted
        hub.add("meta-llama/Llama-3.1-8B-Instruct", card={"license": "llama3.1"})
        env = {"HF_ENDPOINT": hub.url, "HF_HUB_OFFLINE": None, "HF_HOME": str(tmp_path / "hf"),
               "LICAUDIT_HUB_TIMEOUT": "5", "LICAUDIT_HUB_RETRIES": "1"}  # fmt: skip
        drift = run("--diff", env=env)
    assert drift["mode"] == "diff" and drift["ok"] is False
    (license_drift,) = [d for d in drift["drift"] if d["field"] == "license"]
    assert license_drift == {
        "model": "mistralai/Mistral-7B-Instruct-v0.3",
        "field": "license",
        "pinned": "apache-2.0",
        "now": "mit",
        "pinned_revision": None,
        "revision": hub_sha("mistralai/Mistral-7B-Instruct-v0.3"),
    }
    assert [u["model"] for u in drift["unchecked"]] == ["meta-llama/Llama-3.1-8B"]
    assert drift["checked"] == 3


def test_shell_completion(run_licaudit):
    script = run_licaudit(env={"_LICAUDIT_COMPLETE": "bash_source"})
    assert script.returncode == 0 and "_licaudit_completion" in script.stdout
    assert "complete -o nosort -F _licaudit_completion licaudit" in script.stdout

    def complete(words: str, cword: int) -> list[str]:
        proc = run_licaudit(
            env={
                "_LICAUDIT_COMPLETE": "bash_complete",
                "COMP_WORDS": words,
                "COMP_CWORD": str(cword),
            }
        )
        return proc.stdout.splitlines()

    assert "plain,scan" in complete("licaudit sc", 1)
    assert complete("licaudit scan --format json,sa", 3) == ["plain,json,sarif"]
    assert complete("licaudit scan --format sp", 3) == ["plain,spdx", "plain,spdx-tv"]
    assert "plain,enterprise" in complete("licaudit check x --policy ent", 4)
