"""An organization's own catalog folder (``catalog`` in the configuration) on top of the built-in one."""

from __future__ import annotations

import json

ORG_CATALOG = """\
publishers:
  - org: acme
    name: Acme Corp.
    country: US
    source: internal registry
models:
  - id: acme/support-llm
    license: llama3.1
    publisher: acme
    modalities: [text]
    base_models: [meta-llama/Llama-3.1-8B-Instruct]
    base_model_relation: finetune
    source: LEGAL-7 model intake review
    verified: primary
  - id: mistralai/Codestral-22B-v0.1
    license: apache-2.0
    publisher: mistralai
    modalities: [text]
    source: LEGAL-9 relicensing confirmed with Mistral AI
    verified: primary
"""

APP = (
    "from transformers import AutoModel\n"
    'a = AutoModel.from_pretrained("acme/support-llm")\n'
    'b = AutoModel.from_pretrained("mistralai/Codestral-22B-v0.1")\n'
)


def _models(proc) -> dict:
    return {m["id"]: m for m in json.loads(proc.stdout)["models"]}


def test_org_catalog_adds_models_and_replaces_builtin_entries(make_repo, run_licaudit):
    repo = make_repo(
        {
            "app.py": APP,
            ".licaudit.yaml": "catalog: [legal/catalog]\n",
            "legal/catalog/models.yaml": ORG_CATALOG,
        }
    )
    models = _models(run_licaudit("scan", "--format", "json", cwd=repo))
    own = models["acme/support-llm"]
    assert own["license"]["id"] == "llama3.1"
    assert own["publisher"] == {"name": "Acme Corp.", "country": "US", "org": "acme"}
    assert "LEGAL-7" in own["provenance"]["license"]["detail"]
    assert [e["license"] for e in own["effective_licenses"]][:2] == ["llama3.1", "llama3.1"]
    codestral = models["mistralai/Codestral-22B-v0.1"]
    assert codestral["license"]["id"] == "apache-2.0"  # the built-in entry says mnpl
    # without the configuration the built-in facts apply
    (repo / ".licaudit.yaml").unlink()
    assert (
        _models(run_licaudit("scan", "--format", "json", cwd=repo))["mistralai/Codestral-22B-v0.1"][
            "license"
        ]["id"]
        == "mnpl"
    )


def test_lock_pins_what_the_org_catalog_says(make_repo, run_licaudit):
    repo = make_repo(
        {
            "app.py": APP,
            ".licaudit.yaml": "catalog: [legal/catalog]\n",
            "legal/catalog/models.yaml": ORG_CATALOG,
        }
    )
    assert run_licaudit("lock", "--offline", cwd=repo).returncode == 0
    pins = {
        m["id"]: m
        for m in json.loads((repo / "licaudit.lock").read_text(encoding="utf-8"))["models"]
    }
    assert pins["acme/support-llm"]["license"] == "llama3.1"
    assert pins["mistralai/Codestral-22B-v0.1"]["license"] == "apache-2.0"


def test_missing_or_invalid_org_catalog_is_a_configuration_error(make_repo, run_licaudit):
    repo = make_repo({"app.py": APP, ".licaudit.yaml": "catalog: [nowhere]\n"})
    proc = run_licaudit("scan", cwd=repo)
    assert proc.returncode == 2
    assert "nowhere" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    (repo / ".licaudit.yaml").write_text("catalog: [legal]\n", encoding="utf-8")
    (repo / "legal").mkdir()
    (repo / "legal" / "bad.yaml").write_text(
        "models:\n  - id: acme/x\n    licence: mit\n", encoding="utf-8"
    )
    proc = run_licaudit("scan", cwd=repo)
    assert proc.returncode == 2
    assert "bad.yaml" in proc.stderr and "Traceback" not in proc.stderr
