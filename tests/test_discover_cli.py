"""End to end through the installed ``licaudit`` console script on temporary git repositories."""

from __future__ import annotations

import json

REPO = {
    "app.py": (
        "import os\nfrom transformers import AutoModelForCausalLM\n"
        'M = "meta-llama/Llama-3.1-8B-Instruct"\n'
        "AutoModelForCausalLM.from_pretrained(M)\n"
        'AutoModelForCausalLM.from_pretrained("microsoft/phi-2")  # licaudit: ignore\n'
        'AutoModelForCausalLM.from_pretrained(os.environ["RUNTIME_MODEL"])\n'
    ),
    "compose.yaml": "services:\n  v:\n    image: vllm/vllm-openai\n    command: --model Qwen/Qwen2.5-7B-Instruct\n",
    "Modelfile": "FROM llama3.2:3b\n",
    "train.py": 'from datasets import load_dataset\nload_dataset("tatsu-lab/alpaca")\n',
    "vendor/x.py": 'AutoModel.from_pretrained("org/vendored")\n',
    "broken.py": "def (:\n  from_pretrained('x/y')\n",
}


def _json(proc) -> dict:
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def _model_ids(doc) -> set[str]:
    return {m["id"] for m in doc["models"] if any(loc for loc in m["locations"])}


def test_scan_json_end_to_end(make_repo, run_licaudit):
    root = make_repo(REPO)
    doc = _json(
        run_licaudit("scan", "--offline", "--format", "json", "--exclude", "vendor/", cwd=root)
    )
    assert _model_ids(doc) >= {
        "meta-llama/Llama-3.1-8B-Instruct",
        "microsoft/phi-2",
        "Qwen/Qwen2.5-7B-Instruct",
        "llama3.2:3b",
    }
    assert "org/vendored" not in _model_ids(doc)
    phi = next(m for m in doc["models"] if m["id"] == "microsoft/phi-2")
    assert phi["suppressed"] is True
    assert [loc["suppressed"] for loc in phi["locations"]] == [True]
    assert [d["id"] for d in doc["datasets"]] == ["tatsu-lab/alpaca"]
    assert not any(m["id"] == "tatsu-lab/alpaca" for m in doc["models"])
    assert [s["path"] for s in doc["skipped"]] == ["broken.py"]
    assert doc["unresolvable"] == []
    assert not any("vllm" in m["id"] for m in doc["models"])


def test_verbose_lists_unresolvable_never_as_models(make_repo, run_licaudit):
    root = make_repo(REPO)
    doc = _json(run_licaudit("scan", "--offline", "--format", "json", "--verbose", cwd=root))
    assert [(u["location"]["path"], u["location"]["line"]) for u in doc["unresolvable"]] == [
        ("app.py", 6)
    ]
    assert not any("RUNTIME" in m["id"] for m in doc["models"])


def test_config_exclude(make_repo, run_licaudit):
    root = make_repo({**REPO, ".licaudit.yaml": "exclude:\n  - vendor/\n  - compose.yaml\n"})
    ids = _model_ids(_json(run_licaudit("scan", "--offline", "--format", "json", cwd=root)))
    assert "org/vendored" not in ids and "Qwen/Qwen2.5-7B-Instruct" not in ids
    assert "llama3.2:3b" in ids


def test_gitignored_untracked_files_are_not_scanned(make_repo, run_licaudit):
    root = make_repo({**REPO, ".gitignore": "scratch/\n"})
    (root / "scratch").mkdir()
    (root / "scratch" / "try.py").write_text('AutoModel.from_pretrained("org/scratch")\n')
    (root / "new.py").write_text('AutoModel.from_pretrained("org/untracked")\n')
    ids = _model_ids(_json(run_licaudit("scan", "--offline", "--format", "json", cwd=root)))
    assert "org/untracked" in ids and "org/scratch" not in ids


def test_exact_files_pre_commit_path(make_repo, run_licaudit):
    root = make_repo(REPO)
    doc = _json(
        run_licaudit("scan", "--offline", "--format", "json", "compose.yaml", "Modelfile", cwd=root)
    )
    assert _model_ids(doc) == {"Qwen/Qwen2.5-7B-Instruct", "llama3.2:3b"}
    locs = {loc["path"] for m in doc["models"] for loc in m["locations"]}
    assert locs == {"compose.yaml", "Modelfile"}


def test_text_report_counts_suppressed(make_repo, run_licaudit):
    root = make_repo(REPO)
    proc = run_licaudit("scan", "--offline", cwd=root)
    assert proc.returncode in (0, 1), proc.stderr
    assert "suppressed" in proc.stdout.lower()


def test_hostile_repo_does_not_crash(make_repo, run_licaudit):
    root = make_repo(REPO)
    (root / "bin.py").write_bytes(b"\0\1from_pretrained")
    (root / "bad.gguf").write_bytes(b"GGUF\x03\x00\x00\x00")
    (root / "bomb.yaml").write_text("a: &a [model, model]\nb: &b [*a, *a]\nc: [*b, *b]\n")
    doc = _json(run_licaudit("scan", "--offline", "--format", "json", cwd=root))
    reasons = {s["path"]: s["reason"] for s in doc["skipped"]}
    assert reasons["bin.py"] == "binary content"
    assert reasons["bad.gguf"] == "truncated GGUF header"


def test_local_gguf_license_reaches_the_report(make_repo, run_licaudit):
    """Exact-file mode on a Modelfile: the GGUF it names is read (header only) and its declared
    license and base model reach the JSON report."""
    from .discover_helpers import write_gguf

    root = make_repo({"Modelfile": "FROM ./models/q.gguf\n"})
    write_gguf(
        root / "models" / "q.gguf",
        {
            "general.license": "llama3.1",
            "general.base_model.count": 1,
            "general.base_model.0.repo_url": "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct",
        },
    )
    doc = _json(run_licaudit("scan", "--offline", "--format", "json", "Modelfile", cwd=root))
    local = next(m for m in doc["models"] if m["id"] == "models/q.gguf")
    assert local["source"] == "local"
    assert local["license"]["id"] == "llama3.1"
    assert local["license_provenance"] == "gguf"
    assert local["base_models"] == ["meta-llama/Llama-3.1-8B-Instruct"]
    assert [loc["path"] for loc in local["locations"]] == ["Modelfile"]
