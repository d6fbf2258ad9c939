"""Offline answers for fine-tunes named after their base model: a model the catalog does not list,
whose name contains the name of a model it does (``philschmid/flan-t5-base-samsum``), is bound
by that base's terms as a derivative. Its own license is not known offline; every report says
that the base's terms were inferred from the name, and the policy's ``licenses.inferred`` decides
how such an answer counts, as for repacks. Matching is strict: word boundaries, and sizes and
versions must agree; an ambiguous name gives no answer."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from licaudit.resolve.catalog import FINETUNE, NAMESAKE, Catalog


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return Catalog.load()


@pytest.mark.parametrize(
    ("model_id", "base"),
    [
        ("philschmid/flan-t5-base-samsum", "google/flan-t5-base"),  # not google-t5/t5-base
        ("philschmid/flan-t5-xxl-sharded-fp16", "google/flan-t5-xxl"),
        ("loubnabnl/smollm2-1.7B-sft", "HuggingFaceTB/SmolLM2-1.7B"),
        ("loubnabnl/smollm2-360M-sft", "HuggingFaceTB/SmolLM2-360M"),
        ("philschmid/dpo-llama-3-1-8b-math-ep3-merged", "meta-llama/Llama-3.1-8B"),  # 3-1 is 3.1
        ("philschmid/llama-2-7b-instruction-generator", "meta-llama/Llama-2-7b"),
        ("philschmid/qwen-2.5-3b-r1-countdown", "Qwen/Qwen2.5-3B"),  # research-only, unlike 7B
        ("open-r1/Qwen2.5-Math-7B-RoPE-300k", "Qwen/Qwen2.5-Math-7B"),  # not Qwen/Qwen2.5-7B
        ("SetFit/distilbert-base-uncased__sst2__train-16-4", "distilbert/distilbert-base-uncased"),
        ("dkorat/bge-small-en-v1.5_setfit-sst2-english", "BAAI/bge-small-en-v1.5"),
        (
            "tomaarsen/setfit-absa-bge-small-en-v1.5-restaurants-aspect",
            "BAAI/bge-small-en-v1.5",
        ),
        ("someone/Meta-Llama-3.1-8B-Instruct-dpo", "meta-llama/Meta-Llama-3.1-8B-Instruct"),
    ],
)
def test_a_fine_tune_is_bound_by_the_base_its_name_contains(cat, model_id, base):
    got = cat.infer(model_id)
    assert got is not None, model_id
    upstream, entry, how = got
    assert (upstream, how) == (base, FINETUNE)
    assert entry.license == cat.model(base).license


@pytest.mark.parametrize(
    "model_id",
    [
        "someone/mt5-small-finetuned",  # t5-small inside the word mt5
        "someone/sophia-2-chat",  # phi-2 inside sophia
        "someone/graphi-3-mini",  # phi-3-mini inside graphi
        "someone/enigemma-7b",  # gemma-7b inside a longer word
        "someone/xgemma-2b-it",
        "someone/gemma-2b1-sft",  # gemma-2b followed by more digits: another size
        "someone/distil-large-v3.5-german",  # distil-large-v3 would stop short of v3.5
        "someone/whisper-large-v3-5-ft",  # the same version spelled with a dash
        "someone/whisper-large-v4-ft",  # not whisper-large (v1): another version follows
        "someone/bloom-filter",  # a name that states no size never vouches for a lineage
        "someone/mini-deepseek-r1-grpo",  # DeepSeek-R1 states no size: a method, not a base
        "someone/gpt2-poetry",  # gpt2 states no size either
        "someone/my-t5-model",  # t5 alone names no catalogued model
        "someone/llama-3-1-8b-vs-qwen-2.5-3b-distill",  # two bases with different terms
        "someone/gemma-tokenizer-chatml",  # a family word without a size
        "lewtun/my-awesome-setfit-model",
    ],
)
def test_no_inference_from_a_name_that_merely_contains_a_word(cat, model_id):
    got = cat.infer(model_id)
    assert got is None, f"{model_id}: inferred {got and got[0]}"


def test_a_model_under_another_models_name_is_its_copy_or_fine_tune(cat):
    upstream, entry, how = cat.infer("someone/Qwen2.5-7B-Instruct")
    assert (upstream, how, entry.license) == ("Qwen/Qwen2.5-7B-Instruct", NAMESAKE, "apache-2.0")
    assert cat.infer("NousResearch/Meta-Llama-3-8B-Instruct")[2] == NAMESAKE


def test_sizes_and_versions_must_agree(cat):
    small, large = cat.infer("a/qwen-2.5-3b-x"), cat.infer("a/qwen-2.5-7b-x")
    assert small[0] == "Qwen/Qwen2.5-3B" and small[1].license == "qwen-research"
    assert large[0] == "Qwen/Qwen2.5-7B" and large[1].license == "apache-2.0"
    assert cat.infer("a/qwen-2.5-32b-sft")[0] == "Qwen/Qwen2.5-32B"  # not the 3B
    assert cat.infer("a/llama-2-70b-sft")[0] == "meta-llama/Llama-2-70b"  # not the 7b
    assert cat.infer("a/mt5-base-finetuned")[0] == "google/mt5-base"  # not google-t5/t5-base
    assert cat.infer("a/phi-3-mini-4k-instruct-sft")[0] == "microsoft/Phi-3-mini-4k-instruct"


def test_a_model_is_never_its_own_base(cat):
    assert cat.infer("google/flan-t5-base") is None  # not t5-base, which its name contains


def _check(run_licaudit, where: Path, *models: str, policy: str = "default", fmt: str = "json"):
    proc = run_licaudit(
        "check", *models, "--offline", "--policy", policy, "--format", fmt, cwd=where
    )
    assert proc.returncode in (0, 1), proc.stderr
    return proc


def test_the_report_says_the_fine_tunes_own_license_is_unknown(run_licaudit, tmp_path):
    model = "philschmid/flan-t5-base-samsum"
    doc = json.loads(_check(run_licaudit, tmp_path, model).stdout)
    got = {m["id"]: m for m in doc["models"]}[model]
    assert got["license"]["id"] == "apache-2.0"
    assert got["base_models"] == ["google/flan-t5-base"]
    assert got["base_model_relation"] == "finetune"
    fact = got["provenance"]["license"]
    assert fact["source"] == "inferred"
    assert fact["detail"].startswith("inferred from the name: a fine-tune of google/flan-t5-base")
    assert "its own license is not known offline" in fact["detail"]
    found = {(f["rule"], f["severity"]) for f in doc["findings"] if f["model"] == model}
    assert ("license-inferred", "info") in found


@pytest.mark.parametrize("fmt", ["text", "markdown", "sarif", "cyclonedx"])
def test_every_report_says_the_base_terms_were_inferred(run_licaudit, tmp_path, fmt):
    out = _check(run_licaudit, tmp_path, "loubnabnl/smollm2-1.7B-sft", fmt=fmt).stdout
    assert "inferred from the name" in out and "not known offline" in out, fmt


def test_the_bases_terms_bind_the_fine_tune(run_licaudit, tmp_path):
    """A fine-tune of a research-only base is not allowed commercially, whatever its name says."""
    proc = _check(run_licaudit, tmp_path, "philschmid/qwen-2.5-3b-r1-countdown")
    assert proc.returncode == 1
    rules = {(f["rule"], f["severity"]) for f in json.loads(proc.stdout)["findings"]}
    assert ("commercial-use", "error") in rules


def test_inferred_unknown_policy_counts_a_fine_tune_as_unknown(run_licaudit, tmp_path):
    (tmp_path / "strict.yaml").write_text(
        "version: 1\nextends: default\nlicenses:\n  inferred: unknown\n", encoding="utf-8"
    )
    model = "philschmid/flan-t5-base-samsum"
    proc = _check(run_licaudit, tmp_path, model, policy="strict.yaml")
    found = {(f["rule"], f["severity"]) for f in json.loads(proc.stdout)["findings"]}
    assert proc.returncode == 1 and ("license-unknown", "error") in found


def test_a_hostile_name_is_answered_quickly(cat):
    """Thousands of words that all start a catalogued name cost a string search each, not a
    comparison per word and per base."""
    started = time.perf_counter()
    assert cat.infer("someone/" + "qwen-" * 20000) is None
    assert cat.infer("someone/" + "qwen2.5-" * 10000) is None
    assert time.perf_counter() - started < 10
