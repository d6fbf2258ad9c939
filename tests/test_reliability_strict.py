"""What the audit could not see is never silent: files in another encoding are read, not
skipped; what is still skipped, cut or unanswered is counted in the summary line of every
format; ``--strict`` (config ``strict: true``) fails the run on any of it. Through the CLI."""

from __future__ import annotations

import json

import pytest

from .hubserver import HubServer
from .resolve_support import hub_cli_env

ALLOWED = "mistralai/Mistral-7B-v0.1"  # apache-2.0 in the catalog: the default policy passes it
APP = f'from transformers import AutoModel\nAutoModel.from_pretrained("{ALLOWED}")\n'
BROKEN = 'AutoModel.from_pretrained("org/hidden"\n'  # a syntax error: the file is skipped


def refs(report) -> set[tuple[str, str]]:
    return {(loc["path"], m["id"]) for m in report["models"] for loc in m["locations"]}


def test_declared_encodings_and_byte_order_marks_are_honoured(make_repo, run_licaudit):
    latin = (
        "# -*- coding: latin-1 -*-\n"
        'GREETING = "café"\n'
        'AutoModel.from_pretrained("google-bert/bert-base-uncased")\n'
    ).encode("latin-1")
    wide = "model_name_or_path: google-bert/bert-base-cased\n".encode("utf-16")  # with its BOM
    marked = ("\ufeff" + APP).encode("utf-8")
    stray = b'x = "\xff"\nAutoModel.from_pretrained("openai-community/gpt2")\n'  # no declaration
    repo = make_repo(
        {"legacy.py": latin, "train.yaml": wide, "marked.py": marked, "stray.py": stray}
    )
    proc = run_licaudit("scan", "--offline", "--format", "json", cwd=repo)
    report = json.loads(proc.stdout)
    assert report["skipped"] == []
    assert refs(report) == {
        ("legacy.py", "google-bert/bert-base-uncased"),
        ("train.yaml", "google-bert/bert-base-cased"),
        ("marked.py", ALLOWED),
        ("stray.py", "openai-community/gpt2"),
    }
    snippet = next(m for m in report["models"] if m["id"] == "google-bert/bert-base-uncased")
    assert snippet["locations"][0]["line"] == 3


SUMMARY_FORMATS = ("text", "markdown", "html", "github", "spdx-tv")


@pytest.mark.parametrize("fmt", SUMMARY_FORMATS)
def test_every_format_counts_what_was_not_audited(make_repo, run_licaudit, fmt):
    repo = make_repo({"app.py": APP, "broken.py": BROKEN})
    proc = run_licaudit("scan", "--offline", "--format", fmt, cwd=repo)
    assert proc.returncode == 0, proc.stderr  # not strict: the rest passes
    assert "1 file skipped" in proc.stdout
    strict = run_licaudit("scan", "--offline", "--strict", "--format", fmt, cwd=repo)
    assert strict.returncode == 1
    assert "1 file skipped" in strict.stdout and "0 lineages cut" in strict.stdout
    assert "0 models not answered by the Hub" in strict.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif", "cyclonedx", "spdx"])
def test_machine_formats_carry_the_counts(make_repo, run_licaudit, fmt):
    repo = make_repo({"app.py": APP, "broken.py": BROKEN})
    proc = run_licaudit("scan", "--offline", "--strict", "--format", fmt, cwd=repo)
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    if fmt == "json":
        summary = doc["summary"]
        assert (summary["skipped"], summary["lineage_cut"], summary["unanswered"]) == (1, 0, 0)
        assert summary["strict"] is True and summary["verdict"] == "fail"
    elif fmt == "sarif":
        summary = doc["runs"][0]["properties"]["summary"]
        assert summary["skipped"] == 1 and summary["strict"] is True
    elif fmt == "cyclonedx":
        props = {p["name"]: p["value"] for p in doc["metadata"]["properties"]}
        assert props["licaudit:summary:skipped"] == "1"
        assert props["licaudit:summary:unanswered"] == "0"
    else:
        assert "1 file skipped" in json.dumps(doc)


def test_strict_from_the_configuration(make_repo, run_licaudit):
    repo = make_repo({"app.py": APP, "broken.py": BROKEN, ".licaudit.yaml": "strict: true\n"})
    proc = run_licaudit("scan", "--offline", cwd=repo)
    assert proc.returncode == 1
    assert "FAIL" in proc.stdout and "(fail on: error, strict)" in proc.stdout
    # a clean tree passes in strict mode too
    (repo / "broken.py").unlink()
    assert run_licaudit("scan", "--offline", cwd=repo).returncode == 0


def test_strict_fails_on_a_model_the_hub_did_not_answer(run_licaudit, tmp_path):
    with HubServer() as hub:
        hub.add(ALLOWED, card={"license": "apache-2.0"}, fail_times=10**6, fail_status=503)
        env = hub_cli_env(hub, tmp_path)
        proc = run_licaudit("check", ALLOWED, "--format", "json", cwd=tmp_path, env=env)
        report = json.loads(proc.stdout)
        # the catalog stands in, the run passes, and the summary says the Hub did not answer
        assert proc.returncode == 0, proc.stderr
        assert report["models"][0]["license"]["id"] == "apache-2.0"
        assert report["summary"]["unanswered"] == 1
        proc = run_licaudit("check", ALLOWED, "--strict", cwd=tmp_path, env=env)
        assert proc.returncode == 1
        assert "1 model not answered by the Hub" in proc.stdout


def test_strict_fails_on_cut_lineage_even_when_the_policy_ignores_unknowns(run_licaudit, tmp_path):
    with HubServer() as hub:
        chain = [f"acme/step-{n}" for n in range(15)]
        for child, base in zip(chain, chain[1:], strict=False):
            hub.add(child, card={"license": "apache-2.0", "base_model": base})
        hub.add(chain[-1], card={"license": "apache-2.0"})
        env = hub_cli_env(hub, tmp_path)
        args = ("check", chain[0], "--policy", "research", "--format", "json")
        proc = run_licaudit(*args, cwd=tmp_path, env=env)
        assert proc.returncode == 0  # research: an unknown license is a warning
        assert json.loads(proc.stdout)["summary"]["lineage_cut"] == 1
        assert run_licaudit(*args, "--strict", cwd=tmp_path, env=env).returncode == 1
