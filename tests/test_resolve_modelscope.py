"""ModelScope models: their own source end to end (discovery, resolution offline through the
catalog's table of ModelScope organizations that copy Hub models, the JSON report), never taken
for the Hub model of the same name."""

from __future__ import annotations

import json

import pytest

from licaudit.errors import ConfigError
from licaudit.model import HUGGINGFACE, INFERRED, MODELSCOPE, model_key
from licaudit.resolve import resolve
from licaudit.resolve.catalog import Catalog, catalog
from licaudit.resolve.sources import from_modelscope

OPENMODEL = """apiVersion: llmaz.io/v1alpha1
kind: OpenModel
spec:
  source:
    modelHub:
      name: ModelScope
      modelID: LLM-Research/Meta-Llama-3-8B
"""


def test_a_mirror_org_copy_has_the_upstream_license_inferred_from_the_name():
    rec = from_modelscope("LLM-Research/Meta-Llama-3-8B", catalog())
    assert (rec.id, rec.source, rec.license) == (
        "LLM-Research/Meta-Llama-3-8B",
        MODELSCOPE,
        "llama3",
    )
    assert rec.base_models == ("meta-llama/Meta-Llama-3-8B",)
    assert rec.base_model_relation == "mirror"
    fact = rec.provenance["license"]
    assert fact.source == INFERRED
    assert fact.detail == (
        "inferred from the name: a ModelScope copy of meta-llama/Meta-Llama-3-8B (catalog "
        "ModelScope organization LLM-Research, secondary; catalog entry meta-llama/Meta-Llama-3-8B "
        "(https://huggingface.co/meta-llama/Meta-Llama-3-8B))"
    )
    assert rec.publisher.org == "meta-llama"


def test_a_publisher_org_and_a_conversion_on_modelscope():
    rec = from_modelscope("Qwen/Qwen2-0.5B-Instruct-GGUF", catalog())
    assert (rec.source, rec.license, rec.base_models) == (
        MODELSCOPE,
        "apache-2.0",
        ("Qwen/Qwen2-0.5B-Instruct",),
    )
    assert rec.base_model_relation == "quantized"
    assert "ModelScope model of its publisher of a conversion" in rec.provenance["license"].detail


@pytest.mark.parametrize(
    "model_id",
    [
        "AI-ModelScope/opt-125",  # a mirror's name no model of the catalog has
        "iic/speech_paraformer",  # an organization the table does not know
        "LLM-Research/no-such-model-name",
        "not-an-id",
    ],
)
def test_what_the_table_does_not_lead_to_stays_unresolved(model_id):
    rec = from_modelscope(model_id, catalog())
    assert (rec.source, rec.license, rec.base_models) == (MODELSCOPE, None, ())
    assert "ModelScope model" in rec.unresolved


def test_resolution_never_answers_a_modelscope_id_as_the_hub_model(tmp_path):
    from licaudit.discover import discover

    (tmp_path / "m.yaml").write_text(OPENMODEL, encoding="utf-8")
    refs = discover(tmp_path).refs
    assert [(r.id, r.source) for r in refs] == [("LLM-Research/Meta-Llama-3-8B", MODELSCOPE)]
    res = resolve(refs, offline=True, progress=False)
    assert set(res.records) == {
        model_key("LLM-Research/Meta-Llama-3-8B", MODELSCOPE),
        model_key("meta-llama/Meta-Llama-3-8B", HUGGINGFACE),  # its base model, by lineage
    }
    assert res.get("LLM-Research/Meta-Llama-3-8B") is None  # not a Hub id


def test_the_modelscope_python_client_names_modelscope_models(tmp_path):
    from licaudit.discover import discover

    (tmp_path / "a.py").write_text(
        "import modelscope\n"
        "from modelscope import AutoTokenizer, snapshot_download\n"
        "from transformers import AutoModel\n"
        "from huggingface_hub import snapshot_download as hub_download\n"
        'snapshot_download("LLM-Research/Meta-Llama-3-8B", revision="master")\n'
        'AutoTokenizer.from_pretrained("Qwen/Qwen2-0.5B-Instruct")\n'
        'modelscope.AutoModelForCausalLM.from_pretrained("Qwen/Qwen2-1.5B")\n'
        'AutoModel.from_pretrained("acme/hub-model")\n'
        'hub_download("meta-llama/Meta-Llama-3-8B")\n'
        '# snapshot_download("acme/in-a-comment")\n',
        encoding="utf-8",
    )
    refs = discover(tmp_path).refs
    assert [(r.location.line, r.id, r.source) for r in refs] == [
        (5, "LLM-Research/Meta-Llama-3-8B", MODELSCOPE),
        (6, "Qwen/Qwen2-0.5B-Instruct", MODELSCOPE),
        (7, "Qwen/Qwen2-1.5B", MODELSCOPE),
        (8, "acme/hub-model", HUGGINGFACE),
        (9, "meta-llama/Meta-Llama-3-8B", HUGGINGFACE),
    ]


def test_the_json_report_says_modelscope(make_repo, run_licaudit):
    repo = make_repo({"deploy/model.yaml": OPENMODEL})
    proc = run_licaudit("scan", "--offline", "--format", "json", "--fail-on", "never", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    (model,) = [m for m in doc["models"] if m["locations"]]
    assert (model["id"], model["source"]) == ("LLM-Research/Meta-Llama-3-8B", "modelscope")
    assert model["purl"] == "pkg:generic/modelscope/LLM-Research/Meta-Llama-3-8B"
    assert model["license"]["id"] == "llama3"
    assert model["license_provenance"] == INFERRED
    assert model["base_models"] == ["meta-llama/Meta-Llama-3-8B"]
    import jsonschema

    from licaudit.resources import schema

    report = schema("report")
    errors = list(jsonschema.validators.validator_for(report)(report).iter_errors(doc))
    assert errors == []


def test_the_catalog_table_is_schema_checked_and_layered(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "ms.yaml").write_text(
        "modelscope:\n  - {org: Acme, source: x, verified: unverified}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError):
        Catalog.load(extra=[bad])
    own = tmp_path / "own"
    own.mkdir()
    (own / "ms.yaml").write_text(
        "modelscope:\n  - {org: LLM-Research, relation: mirror, hub_orgs: [google], source: ours, verified: unverified}\n",
        encoding="utf-8",
    )
    layered = Catalog.load(extra=[own])
    assert layered.modelscope_copy("LLM-Research/Meta-Llama-3-8B") is None  # no longer meta-llama
    assert layered.modelscope_copy("LLM-Research/gemma-2-9b")[0] == "google/gemma-2-9b"


def test_check_takes_a_modelscope_id(run_licaudit, tmp_path):
    proc = run_licaudit(
        "check", "--offline", "--format", "json", "modelscope:LLM-Research/gemma-2-9b", cwd=tmp_path
    )
    assert proc.returncode in (0, 1), proc.stderr
    (model,) = [m for m in json.loads(proc.stdout)["models"] if m["direct"]]
    assert (model["id"], model["source"], model["license"]["id"]) == (
        "LLM-Research/gemma-2-9b",
        "modelscope",
        "gemma",
    )
    bad = run_licaudit("check", "--offline", "modelscope:not-an-id", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.strip() == (
        "licaudit: error: not a ModelScope model id: 'not-an-id' (give modelscope:org/name)"
    )
