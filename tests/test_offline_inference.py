"""Offline answers for repacks and conversions the catalog does not list, inferred from the name:
a ``-GGUF``/``-AWQ``/``-bnb-4bit``... copy, or any copy by a repacker (``unsloth/``, ``Xenova/``),
takes its original's terms, with provenance "inferred from the name" in every report, and the
policy's ``licenses.inferred`` decides how such an answer counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from licaudit.resolve.catalog import Catalog, provider

QUANT = "someone/Qwen2.5-3B-Instruct-GPTQ-Int4"  # a 3B Qwen2.5: research only


def check(run_licaudit, where: Path, *models: str, policy: str = "default", fmt: str = "json"):
    proc = run_licaudit(
        "check", *models, "--offline", "--policy", policy, "--format", fmt, cwd=where
    )
    assert proc.returncode in (0, 1), proc.stderr
    return proc


def entries(proc) -> dict[str, dict]:
    return {m["id"]: m for m in json.loads(proc.stdout)["models"]}


@pytest.mark.parametrize(
    ("model_id", "upstream", "license"),
    [
        ("unsloth/Qwen2.5-7B-Instruct-bnb-4bit", "Qwen/Qwen2.5-7B-Instruct", "apache-2.0"),
        ("mlx-community/Qwen3-4B-4bit", "Qwen/Qwen3-4B", "apache-2.0"),
        (
            "onnx-community/Llama-3.2-1B-Instruct-q4f16",
            "meta-llama/Llama-3.2-1B-Instruct",
            "llama3.2",
        ),
        ("Xenova/all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2", "apache-2.0"),
        ("TheBloke/Llama-2-70B-Chat-GGML", "meta-llama/Llama-2-70b-chat-hf", "llama2"),
        ("lmstudio-community/gemma-2-9b-it-GGUF", "google/gemma-2-9b-it", "gemma"),
        (
            "hugging-quants/Meta-Llama-3.1-8B-Instruct-AWQ-INT4",
            "meta-llama/Meta-Llama-3.1-8B-Instruct",
            "llama3.1",
        ),
        ("casperhansen/mixtral-instruct-awq", "mistralai/Mixtral-*", "apache-2.0"),  # a family
        ("mlc-ai/Qwen2.5-1.5B-Instruct-q4f16_1-MLC", "Qwen/Qwen2.5-1.5B-Instruct", "apache-2.0"),
        ("mlc-ai/gemma-2-2b-it-q0f32-MLC", "google/gemma-2-2b-it", "gemma"),
        ("casperhansen/some-model-awq", None, None),  # no catalog model or family of that name
        (QUANT, "Qwen/Qwen2.5-3B-Instruct", "qwen-research"),
        (
            "someone/Llama-3.3-70B-Instruct-FP8-dynamic",
            "meta-llama/Llama-3.3-70B-Instruct",
            "llama3.3",
        ),
    ],
)
def test_a_repack_takes_its_originals_terms(run_licaudit, tmp_path, model_id, upstream, license):
    got = entries(check(run_licaudit, tmp_path, model_id))[model_id]
    if upstream is None:
        assert got["license"] is None and "not in the built-in catalog" in got["unresolved"]
        return
    assert got["license"]["id"] == license
    assert got["base_models"] == ([] if "*" in upstream else [upstream])  # no id made up
    fact = got["provenance"]["license"]
    assert fact["source"] == "inferred" and fact["detail"].startswith("inferred from the name")
    assert upstream in fact["detail"]


def test_no_inference_without_a_repack_sign_or_a_known_original(run_licaudit, tmp_path):
    models = (
        "someone/my-own-model-GGUF",  # no original the catalog knows
        "someone/all-MiniLM-L6-v2-GGUF",  # the sentence-transformers/* family says nothing of names
    )
    got = entries(check(run_licaudit, tmp_path, *models))
    assert got["someone/all-MiniLM-L6-v2-GGUF"]["base_models"] == [
        "sentence-transformers/all-MiniLM-L6-v2"
    ]  # the exact entry of that name, not the organization-wide pattern
    assert got["someone/my-own-model-GGUF"]["license"] is None


def test_the_lineage_of_an_inferred_repack_binds(run_licaudit, tmp_path):
    proc = check(run_licaudit, tmp_path, QUANT)
    assert proc.returncode == 1
    rules = {(f["rule"], f["severity"]) for f in json.loads(proc.stdout)["findings"]}
    assert ("commercial-use", "error") in rules and ("license-inferred", "info") in rules


@pytest.mark.parametrize(
    "fmt", ["text", "markdown", "html", "github", "sarif", "spdx", "spdx-tv", "cyclonedx"]
)
def test_every_report_says_the_license_was_inferred(run_licaudit, tmp_path, fmt):
    out = check(run_licaudit, tmp_path, "unsloth/Qwen2.5-7B-Instruct-bnb-4bit", fmt=fmt).stdout
    assert "inferred from the name" in out, fmt


def _policy(where: Path, inferred: str) -> str:
    doc = {"version": 1, "extends": "default", "licenses": {"inferred": inferred}}
    (where / f"{inferred}.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    return f"{inferred}.yaml"


def test_the_policy_decides_how_an_inferred_license_counts(run_licaudit, tmp_path):
    model = "unsloth/Qwen2.5-7B-Instruct-bnb-4bit"

    def rules(policy):
        proc = check(run_licaudit, tmp_path, model, policy=policy)
        found = json.loads(proc.stdout)["findings"]
        return proc.returncode, {(f["rule"], f["severity"]) for f in found if f["model"] == model}

    code, found = rules("default")  # accept
    assert code == 0 and ("license-inferred", "info") in found
    code, found = rules(_policy(tmp_path, "review"))
    assert code == 0 and ("license-inferred", "warning") in found
    code, found = rules(_policy(tmp_path, "unknown"))
    assert code == 1 and ("license-unknown", "error") in found
    assert not [r for r in found if r[0] == "license-inferred"]
    code, found = rules("enterprise")
    assert ("license-inferred", "warning") in found


def test_stripped_names_and_conversion_data():
    cat = Catalog.load()
    assert cat.stripped_name("Qwen2.5-7B-Instruct-GPTQ-Int4") == ("Qwen2.5-7B-Instruct", True)
    assert cat.stripped_name("Meta-Llama-3.1-8B-Instruct-Q4_K_M-GGUF") == (
        "Meta-Llama-3.1-8B-Instruct",
        True,
    )
    assert cat.stripped_name("Llama-3.2-1B-Instruct-bnb-4bit") == ("Llama-3.2-1B-Instruct", True)
    assert cat.stripped_name("Llama-2-7b-hf") == ("Llama-2-7b-hf", False)
    assert cat.stripped_name("GGUF") == ("GGUF", False)  # never the whole name
    assert cat.stripped_name("Llama-3.1-8B-Instruct-q4f32_1-MLC") == ("Llama-3.1-8B-Instruct", True)
    assert cat.stripped_name("Phi-3.5-mini-instruct-q0f16-MLC") == ("Phi-3.5-mini-instruct", True)


def test_hosted_api_providers_have_a_country():
    assert provider("openai") == ("OpenAI, L.L.C.", "US")
    assert provider("Bedrock") == provider("aws-bedrock") == ("Amazon Web Services, Inc.", "US")
    assert provider("mistral")[1] == "FR" and provider("cohere")[1] == "CA"
    assert provider("deepseek")[1] == "CN"
    for name in ("anthropic", "google", "ibm-watsonx", "groq", "together", "azure-openai"):
        assert provider(name) is not None, name
    assert provider("no-such-provider") is None
    cat = Catalog.load()
    for prov in {p.name: p for p in cat.providers.values()}.values():
        assert prov.source.startswith("https://") and prov.verified, prov.name


def test_legacy_single_segment_ids_are_the_models_the_hub_moved(run_licaudit, tmp_path):
    got = entries(
        check(run_licaudit, tmp_path, "bert-base-uncased", "xlm-roberta-base", "albert-xxlarge-v2")
    )
    for mid, canonical, license in (
        ("bert-base-uncased", "google-bert/bert-base-uncased", "apache-2.0"),
        ("xlm-roberta-base", "FacebookAI/xlm-roberta-base", "mit"),
        ("albert-xxlarge-v2", "albert/albert-xxlarge-v2", "apache-2.0"),
    ):
        assert got[mid]["license"]["id"] == license, mid
        assert f"legacy id of {canonical}" in got[mid]["provenance"]["license"]["detail"]


def test_classic_families_and_fixtures_offline(run_licaudit, tmp_path):
    got = entries(
        check(
            run_licaudit,
            tmp_path,
            "facebook/opt-125m",
            "bigscience/T0_3B",
            "spacy/en_core_web_sm",
            "hf-internal-testing/tiny-random-gpt2",
        )
    )
    assert got["facebook/opt-125m"]["license"]["id"] == "opt-175b"  # non-commercial research
    assert got["bigscience/T0_3B"]["license"]["id"] == "apache-2.0"
    assert got["spacy/en_core_web_sm"]["license"]["id"] == "mit"
    fixture = got["hf-internal-testing/tiny-random-gpt2"]
    assert fixture["license"] is None and "test fixture" in fixture["unresolved"]


def test_stripped_names_as_every_suffix_matched_as_a_pattern():
    # a suffix without a pattern's characters is compared as text: the same as matching it
    import fnmatch

    cat = Catalog.load()

    def by_patterns(name):
        parts, stripped, changed = name.split("-"), False, True
        while changed and len(parts) > 1:
            changed = False
            for conv in cat.conversions:
                k = conv["suffix"].count("-") + 1
                tail = "-".join(parts[-k:]).lower()
                if len(parts) > k and fnmatch.fnmatchcase(tail, conv["suffix"].lower()):
                    parts, stripped, changed = parts[:-k], True, True
                    break
        return "-".join(parts), stripped

    names = ["Model-7B", "Model-7B-gguf-GGUF", "x-Q5_K", "x-Q5_K_M-q4f16_1-MLC", "x-AWQ-INT4"]
    names += [f"Base-{c['suffix'].replace('?', '3').replace('*', 'ab')}" for c in cat.conversions]
    names += [n.upper() for n in names] + ["GGUF", "x-GGUFs", "x-bnb-4bits"]
    for name in names:
        assert cat.stripped_name(name) == by_patterns(name), name
