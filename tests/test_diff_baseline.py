"""What a change adds: ``licaudit diff OLD.json NEW.json`` (text, JSON, Markdown, github) and
``licaudit scan --baseline OLD.json`` (fails only on new findings; SARIF ``baselineState``).
Two commits of a real repository, scanned through the CLI."""

from __future__ import annotations

import json
import re

from licaudit.resources import validation_errors

from .conftest import git

MISTRAL = "mistralai/Mistral-7B-Instruct-v0.3"
MINILM = "sentence-transformers/all-MiniLM-L6-v2"
COHERE = "CohereForAI/c4ai-command-r-v01"
BOT = "acme/support-bot"
REV_A, REV_B = "a" * 40, "b" * 40


def app(*models: str) -> str:
    lines = ["from transformers import AutoModel"]
    lines += [f'm{i} = AutoModel.from_pretrained("{m}")' for i, m in enumerate(models)]
    return "\n".join(lines) + "\n"


def catalog(license_id: str) -> str:
    return f"models:\n  - id: {BOT}\n    license: {license_id}\n    source: LEGAL-3 intake\n"


def lockfile(revision: str) -> str:
    record = {
        "id": MISTRAL, "source": "huggingface", "revision": revision, "license": "apache-2.0",
        "license_expression": None, "license_name": None, "license_link": None,
        "base_models": [], "base_model_relation": None,
        "publisher": {"name": "Mistral AI SAS", "country": "FR", "org": "mistralai"},
        "gated": False, "eu_disallowed": None, "modalities": ["text"],
        "provenance": {"license": {"source": "hub", "detail": "hub card data"}},
        "notes": [], "unresolved": None,
    }  # fmt: skip
    return json.dumps({"lockfile_version": 1, "models": [record]}, indent=2) + "\n"


def two_commits(make_repo, run_licaudit):
    repo = make_repo(
        {
            "app.py": app(MISTRAL, MINILM, BOT),
            ".licaudit.yaml": "catalog: [legal]\n",
            "legal/models.yaml": catalog("mit"),
            "licaudit.lock": lockfile(REV_A),
            ".gitignore": "*.json\n*.sarif\n",
        }
    )
    old = run_licaudit("scan", ".", "--format", "json", "-o", "old.json", cwd=repo)
    assert old.returncode == 0, old.stderr
    (repo / "app.py").write_text(app(MISTRAL, BOT, COHERE), encoding="utf-8")
    (repo / "legal/models.yaml").write_text(catalog("cc-by-nc-4.0"), encoding="utf-8")
    (repo / "licaudit.lock").write_text(lockfile(REV_B), encoding="utf-8")
    git(repo, "commit", "-qam", "swap models")
    new = run_licaudit("scan", ".", "--format", "json", "-o", "new.json", cwd=repo)
    assert new.returncode == 1, new.stderr
    return repo


def test_diff_of_two_saved_reports(make_repo, run_licaudit):
    repo = two_commits(make_repo, run_licaudit)
    proc = run_licaudit("diff", "old.json", "new.json", "--format", "json", cwd=repo)
    assert proc.returncode == 1, proc.stderr  # a new finding fails the policy
    diff = json.loads(proc.stdout)
    assert validation_errors("diff", diff) == []
    old_commit, new_commit = (diff[s]["review"]["commit"] for s in ("old", "new"))
    assert old_commit != new_commit and diff["old"]["verdict"] == "pass"

    assert [m["id"] for m in diff["models"]["added"]] == [COHERE]
    assert diff["models"]["added"][0]["verdict"] == "blocked"
    assert [m["id"] for m in diff["models"]["removed"]] == [MINILM]
    changes = {(ch["id"], ch["field"]): (ch["old"], ch["new"]) for ch in diff["models"]["changed"]}
    assert changes == {
        (BOT, "license"): ("mit", "cc-by-nc-4.0"),
        (BOT, "verdict"): ("ok", "blocked"),
        (MISTRAL, "revision"): (REV_A, REV_B),
    }
    new = {(f["rule"], f["model"]) for f in diff["findings"]["new"]}
    assert {("commercial-use", COHERE), ("commercial-use", BOT)} <= new
    assert ("obligations", MISTRAL) not in new  # unchanged: not what the change adds
    assert ("obligations", MINILM) in {
        (f["rule"], f["model"]) for f in diff["findings"]["resolved"]
    }
    assert diff["summary"]["verdict"] == "fail" and diff["summary"]["failing_findings"] == 2

    text = run_licaudit("diff", "old.json", "new.json", cwd=repo).stdout
    assert f"+ {COHERE}  cc-by-nc-4.0  blocked" in text
    assert f"- {MINILM}  apache-2.0" in text
    assert f"~ {BOT}  license: mit -> cc-by-nc-4.0" in text
    assert f"~ {MISTRAL}  revision: {REV_A} -> {REV_B}" in text
    assert text.splitlines()[0] == (
        f"licaudit diff: repo at {old_commit[:12]} -> repo at {new_commit[:12]}"
    )
    s = diff["summary"]
    assert text.rstrip().splitlines()[-1] == (
        f"FAIL: 1 model added, 1 removed, 3 changes; {s['new_findings']} new findings "
        f"(2 failing the policy), {s['resolved_findings']} resolved"
    )

    md = run_licaudit("diff", "old.json", "new.json", "--format", "markdown", cwd=repo).stdout
    assert f"| added | {COHERE} | license cc-by-nc-4.0, verdict blocked |" in md
    assert f"| changed | {BOT} | license: mit → cc-by-nc-4.0 |" in md
    assert "### New findings" in md and "### Resolved findings (" in md

    github = run_licaudit("diff", "old.json", "new.json", "--format", "github", cwd=repo).stdout
    lines = github.splitlines()
    assert lines and all(re.match(r"^::(error|warning|notice) ", line) for line in lines)
    assert any(line.startswith("::error file=app.py,line=4,") for line in lines)  # Cohere
    assert not any(MISTRAL in line for line in lines)

    same = run_licaudit("diff", "new.json", "new.json", cwd=repo)
    assert same.returncode == 0 and "No change to the models or the findings." in same.stdout

    (repo / "broken.json").write_text("{}", encoding="utf-8")
    bad = run_licaudit("diff", "old.json", "broken.json", cwd=repo)
    assert bad.returncode == 2 and bad.stderr.startswith("licaudit: error: broken.json")


def test_scan_against_a_baseline_fails_only_on_new_findings(make_repo, run_licaudit):
    repo = two_commits(make_repo, run_licaudit)

    against_old = run_licaudit(
        "scan", ".", "--baseline", "old.json", "--format", "json,sarif,text,github",
        "--output-dir", "out", cwd=repo,
    )  # fmt: skip
    assert against_old.returncode == 1
    doc = json.loads((repo / "out/licaudit.json").read_text(encoding="utf-8"))
    assert validation_errors("report", doc) == []
    states = {(f["rule"], f["model"]): f["baseline_state"] for f in doc["findings"]}
    assert states[("commercial-use", COHERE)] == "new"
    assert states[("obligations", MISTRAL)] == "unchanged"
    assert doc["baseline"]["new"] == sum(1 for s in states.values() if s == "new")
    assert doc["baseline"]["absent"] == 2  # the obligations of MiniLM, and of the bot under MIT
    assert doc["baseline"]["review"]["commit"] != doc["review"]["commit"]

    sarif = json.loads((repo / "out/licaudit.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert {r["baselineState"] for r in results} == {"new", "unchanged"}
    assert len(results) == len(doc["findings"])

    text = (repo / "out/licaudit.txt").read_text(encoding="utf-8")
    assert "commercial-use" in text and f"{MISTRAL}: to comply" not in text
    assert "unchanged (not shown)" in text
    github = (repo / "out/licaudit-annotations.txt").read_text(encoding="utf-8")
    assert MISTRAL not in github and COHERE in github

    # against itself nothing is new: the errors it already had do not fail the run
    itself = run_licaudit("scan", ".", "--baseline", "new.json", "--format", "json", cwd=repo)
    assert itself.returncode == 0, itself.stderr
    same = json.loads(itself.stdout)
    assert same["summary"]["errors"] >= 2 and same["summary"]["verdict"] == "pass"
    assert same["baseline"] == {**same["baseline"], "new": 0, "absent": 0}
    quiet = run_licaudit("scan", ".", "--baseline", "new.json", "-q", cwd=repo)
    assert quiet.stdout.startswith("PASS:") and "0 new against the baseline" in quiet.stdout

    # a waiver that lapses makes its finding new: it fails again
    def policy(expires: str) -> None:
        (repo / "policy.yaml").write_text(
            "version: 1\nname: p\nextends: default\nwaivers:\n"
            f"  - model: '{COHERE.split('/')[0]}/*'\n    reason: LEGAL-9\n    expires: '{expires}'\n"
            f"  - model: {BOT}\n    reason: LEGAL-10\n",
            encoding="utf-8",
        )

    policy("2099-12-31")
    waived = run_licaudit(
        "scan", ".", "--policy", "policy.yaml", "--format", "json", "-o", "waived.json", cwd=repo
    )
    assert waived.returncode == 0, waived.stderr
    policy("2000-01-01")
    lapsed = run_licaudit(
        "scan", ".", "--baseline", "waived.json", "--policy", "policy.yaml", "--format", "json",
        cwd=repo,
    )  # fmt: skip
    assert lapsed.returncode == 1
    (cohere,) = [
        f for f in json.loads(lapsed.stdout)["findings"]
        if f["rule"] == "commercial-use" and f["model"] == COHERE
    ]  # fmt: skip
    assert cohere["waived"] is None and cohere["baseline_state"] == "new"

    missing = run_licaudit("scan", ".", "--baseline", "nowhere.json", cwd=repo)
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.startswith("licaudit: error: cannot read report nowhere.json")
