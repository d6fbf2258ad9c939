"""licaudit's own outputs saved inside the scanned tree are not references, and legacy
single-name dataset ids are datasets."""

from __future__ import annotations

import json

from licaudit.discover import discover
from licaudit.model import DATASET

APP = 'from transformers import pipeline\npipeline("text-generation", model="mistralai/Mistral-7B-Instruct-v0.3")\n'


def test_saved_reports_and_lockfile_are_not_references(make_repo, run_licaudit):
    repo = make_repo({"app.py": APP})
    first = run_licaudit(
        "scan", "--format", "json,sarif,spdx,cyclonedx", "--output-dir", "out", cwd=repo
    )
    assert first.returncode == 0, first.stderr
    assert run_licaudit("lock", "--offline", cwd=repo).returncode == 0
    saved = sorted(p.name for p in (repo / "out").iterdir())
    assert saved == ["licaudit.cdx.json", "licaudit.json", "licaudit.sarif", "licaudit.spdx.json"]
    # the saved files really name the model: only their origin keeps them out
    assert all(
        "Mistral-7B-Instruct-v0.3" in (repo / "out" / name).read_text(encoding="utf-8")
        for name in saved
    )
    second = json.loads(run_licaudit("scan", "--format", "json", cwd=repo).stdout)
    paths = {loc["path"] for m in second["models"] for loc in m["locations"]}
    assert paths == {"app.py"}


def test_a_json_file_that_merely_mentions_licaudit_is_still_scanned(make_repo):
    repo = make_repo(
        {
            "config.json": json.dumps(
                {"tool": "licaudit", "model": "mistralai/Mistral-7B-Instruct-v0.3"}
            )
        }
    )
    assert [r.id for r in discover(repo).refs] == ["mistralai/Mistral-7B-Instruct-v0.3"]


def test_load_dataset_takes_legacy_single_names_but_not_packaged_builders(make_repo):
    repo = make_repo(
        {
            "data.py": (
                "from datasets import load_dataset\n"
                'a = load_dataset("squad")\n'
                'b = load_dataset("json", data_files="train.jsonl")\n'
                'c = load_dataset("rajpurkar/squad_v2")\n'
            )
        }
    )
    refs = discover(repo).refs
    assert [(r.id, r.source, r.location.line) for r in refs] == [
        ("squad", DATASET, 2),
        ("rajpurkar/squad_v2", DATASET, 4),
    ]


def test_a_cache_folder_of_an_earlier_run_in_the_tree_is_not_scanned(make_repo, run_licaudit):
    # LICAUDIT_CACHE_DIR in a CI workspace: the validated loader data (with its example and
    # default model ids) and the scan cache (with what it found) are licaudit's own files
    repo = make_repo({"app.py": APP})
    first = run_licaudit(
        "scan", "--format", "json", cwd=repo, env={"LICAUDIT_CACHE_DIR": str(repo / ".ci-a")}
    )
    assert first.returncode == 0, first.stderr
    assert any((repo / ".ci-a").rglob("*.json"))
    second = run_licaudit(
        "scan", "--format", "json", cwd=repo, env={"LICAUDIT_CACHE_DIR": str(repo / ".ci-b")}
    )
    paths = {loc["path"] for m in json.loads(second.stdout)["models"] for loc in m["locations"]}
    assert paths == {"app.py"}
