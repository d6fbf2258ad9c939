"""Names of a composite model's components (a VLM's vision encoder and language model, their
tokenizer): ``vit_model_type``, ``lm_model_type``, ``lm_tokenizer`` and their plural list flags
hold org/name Hub ids, while a bare ``model_type`` (a transformers architecture name) and the same
names holding a type or a placeholder name no model."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HUGGINGFACE

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> set[tuple[str, str, int]]:
    return {(r.id, r.source, r.location.line) for r in discover(write_files(tmp_path, files)).refs}


def test_component_model_and_tokenizer_fields_of_a_config_dataclass(tmp_path):
    src = """from dataclasses import dataclass


@dataclass
class VLMConfig:
    vit_hidden_dim: int = 768
    vit_model_type: str = 'google/siglip2-base-patch16-512'
    lm_model_type: str = 'HuggingFaceTB/SmolLM2-360M-Instruct'  # 'HuggingFaceTB/SmolLM2-135M'
    lm_tokenizer: str = 'HuggingFaceTB/SmolLM2-360M-Instruct'
    lm_chat_template: str = "{{ messages }}"
    hf_repo_name: str = 'nanoVLM'
"""
    assert refs(tmp_path, {"models/config.py": src}) == {
        ("google/siglip2-base-patch16-512", HUGGINGFACE, 7),
        ("HuggingFaceTB/SmolLM2-360M-Instruct", HUGGINGFACE, 8),
        ("HuggingFaceTB/SmolLM2-360M-Instruct", HUGGINGFACE, 9),
    }


def test_plural_component_flags_name_each_item_of_their_default_list(tmp_path):
    src = """import argparse

parser = argparse.ArgumentParser()
parser.add_argument("--vit_model_types", nargs='+', default=["google/siglip2-base-patch16-256", "google/siglip2-so400m-patch16-512"])
parser.add_argument("--lm_model_types", nargs='+', default=["HuggingFaceTB/SmolLM2-135M"])
parser.add_argument("--lm_tokenizer", type=str, default="HuggingFaceTB/cosmo2-tokenizer")
parser.add_argument("--lm_model_type", type=str, default='HuggingFaceTB/SmolLM2-135M-Instruct')
parser.add_argument("--mp_pixel_shuffle_factors", type=int, nargs='+', default=[1, 2, 4])
args = parser.parse_args()
"""
    assert refs(tmp_path, {"bench.py": src}) == {
        ("google/siglip2-base-patch16-256", HUGGINGFACE, 4),
        ("google/siglip2-so400m-patch16-512", HUGGINGFACE, 4),
        ("HuggingFaceTB/SmolLM2-135M", HUGGINGFACE, 5),
        ("HuggingFaceTB/cosmo2-tokenizer", HUGGINGFACE, 6),
        ("HuggingFaceTB/SmolLM2-135M-Instruct", HUGGINGFACE, 7),
    }


def test_architecture_names_and_settings_under_the_same_names_are_no_models(tmp_path):
    config = """{
  "model_type": "llava",
  "text_config": {"model_type": "llama"},
  "vision_model_type": "siglip_vision_model",
  "decoder_model_type": "gpt2",
  "pretokenizer": "whitespace"
}
"""
    src = """from transformers import LlamaConfig

cfg = LlamaConfig(model_type="llama")
vit_model_type = "testing"
lm_model_type = "gpt2"
detokenizer = "moses"
text_tokenizer = "bert-base-uncased"
"""
    assert refs(tmp_path, {"settings.json": config, "test_build.py": src}) == set()


def test_a_path_under_a_component_name_is_no_repository_id(tmp_path):
    src = """import pytest


@pytest.fixture
def broken_cache_no_tokenizer(hf_cache_dir):
    repo_dir = hf_cache_dir / "models--mistralai--mistral-7b-v0.1"
    repo_dir.mkdir(parents=True)
    return repo_dir
"""
    assert refs(tmp_path, {"tests/conftest.py": src}) == set()
