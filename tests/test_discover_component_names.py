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


def test_a_vision_tower_flag_of_a_launcher_script_names_its_image_encoder(tmp_path):
    script = """#!/bin/bash
deepspeed train/train_mem.py \\
    --deepspeed ./scripts/zero2.json \\
    --model_name_or_path acme/chat-13b \\
    --vision_tower openai/clip-vit-large-patch14-336 \\
    --mm_vision_select_layer -2 \\
    --tune_vision_tower True \\
    --output_dir ./checkpoints/run-13b
torchrun --nproc_per_node 8 train.py --mm_vision_tower=google/siglip-so400m-patch14-384 --bf16 True
"""
    assert refs(tmp_path, {"scripts/pretrain.sh": script}) == {
        ("acme/chat-13b", HUGGINGFACE, 4),
        ("openai/clip-vit-large-patch14-336", HUGGINGFACE, 5),
        ("google/siglip-so400m-patch14-384", HUGGINGFACE, 9),
    }


def test_vision_tower_flags_and_keys_holding_no_repository_id_name_nothing(tmp_path):
    script = """#!/bin/bash
python train.py \\
    --vision_tower ./checkpoints/my-tower \\
    --vision_tower $TOWER \\
    --freeze_vision_tower False \\
    --unfreeze_mm_vision_tower True \\
    --vision_tower_lr 2e-6 \\
    --model_type llama
"""
    config = """{
  "mm_vision_tower": "clip",
  "vision_tower_pretrained": null,
  "tune_vision_tower": true
}
"""
    assert refs(tmp_path, {"scripts/train.sh": script, "configs/model.json": config}) == set()


def test_a_vision_tower_key_or_default_in_configuration_and_code(tmp_path):
    config = """{
  "architectures": ["LlavaLlamaForCausalLM"],
  "mm_vision_tower": "openai/clip-vit-large-patch14-336",
  "model_type": "llava"
}
"""
    code = """from dataclasses import dataclass, field
from typing import Optional


@dataclass
class ModelArguments:
    vision_tower: Optional[str] = field(default="google/siglip-base-patch16-224")
    tune_vision_tower: bool = field(default=False)
"""
    assert refs(tmp_path, {"checkpoint/config.json": config, "train/args.py": code}) == {
        ("openai/clip-vit-large-patch14-336", HUGGINGFACE, 3),
        ("google/siglip-base-patch16-224", HUGGINGFACE, 7),
    }


def test_a_file_naming_only_a_vision_tower_passes_the_prefilter(tmp_path):
    files = {
        "run.sh": "python train.py --vision_tower google/siglip-so400m-patch14-384 --bf16 True\n",
        "tower.json": '{"mm_vision_tower": "openai/clip-vit-large-patch14"}\n',
        "tower.ts": 'export const visionTower = "openai/clip-vit-base-patch32";\n',
    }
    assert refs(tmp_path, files) == {
        ("google/siglip-so400m-patch14-384", HUGGINGFACE, 1),
        ("openai/clip-vit-large-patch14", HUGGINGFACE, 1),
        ("openai/clip-vit-base-patch32", HUGGINGFACE, 1),
    }
