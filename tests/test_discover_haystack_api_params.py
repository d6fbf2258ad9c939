"""Haystack's Hugging Face API generators take their model inside ``api_params``: the Hub model
the Inference API runs, whoever the ``provider`` entry beside it says serves it; and the
default of an evaluator called without a model."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> list[tuple[str, str, str | None, int]]:
    found = discover(write_files(tmp_path, files)).refs
    return sorted((r.id, r.source, r.provider, r.location.line) for r in found)


def test_the_model_of_api_params_is_the_hub_model_whatever_provider_serves_it(tmp_path):
    src = """from haystack_integrations.components.generators.huggingface_api import HuggingFaceAPIChatGenerator

gen = HuggingFaceAPIChatGenerator(
    api_type="serverless_inference_api",
    api_params={"model": "acme-ai/Guard-2-8B", "provider": "together"},
)
tgi = HuggingFaceAPIChatGenerator(api_type="text_generation_inference", api_params={"url": "http://localhost:8080"})
"""
    assert refs(tmp_path, {"app.py": src}) == [("acme-ai/Guard-2-8B", HUGGINGFACE, None, 5)]


def test_a_dict_no_loader_reads_keeps_its_provider(tmp_path):
    src = """settings = {"model": "meta-llama/Llama-3.3-70B-Instruct-Turbo", "provider": "together"}
"""
    assert refs(tmp_path, {"app.py": src}) == [
        ("meta-llama/Llama-3.3-70B-Instruct-Turbo", HOSTED, "together", 1)
    ]


def test_an_evaluator_without_a_model_is_its_default(tmp_path):
    src = """from haystack.components.evaluators import SASEvaluator

sas = SASEvaluator()
own = SASEvaluator(model="acme-ai/sim-encoder")
"""
    got = refs(tmp_path, {"eval.py": src})
    assert (
        "sentence-transformers/paraphrase-multilingual-mpnet-base-v2",
        HUGGINGFACE,
        None,
        3,
    ) in got
    assert ("acme-ai/sim-encoder", HUGGINGFACE, None, 4) in got
    assert len(got) == 2
