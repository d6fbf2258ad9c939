"""Model tables the way applications write them: option records whose id sits under ``key`` or
``slug`` beside a display ``name``, enumerations of model names (with an application's variant
note), and a module that talks to one hosted API serving open models under their Hub names."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> list[tuple[str, str, str | None, int]]:
    found = discover(write_files(tmp_path, files)).refs
    return sorted((r.id, r.source, r.provider, r.location.line) for r in found)


def test_a_record_keyed_by_key_names_its_model_there_not_in_its_display_name(tmp_path):
    src = """const defaultChatModels: Model[] = [
  { name: 'GPT-4 omni', key: 'gpt-4o' },
  { name: 'o3', key: 'o3-mini' },
];
const defaultEmbeddingModels = [
  { name: 'all-MiniLM-L6-v2', key: 'Xenova/all-MiniLM-L6-v2' },
  { label: 'Nomic', slug: 'Xenova/nomic-embed-text-v1' },
];
"""
    assert refs(tmp_path, {"src/providers/index.ts": src}) == [
        ("Xenova/all-MiniLM-L6-v2", HUGGINGFACE, None, 6),
        ("Xenova/nomic-embed-text-v1", HUGGINGFACE, None, 7),
        ("gpt-4o", HOSTED, "openai", 2),
        ("o3-mini", HOSTED, "openai", 3),
    ]


def test_a_key_outside_a_model_list_and_a_name_beside_a_model_key_are_no_models(tmp_path):
    src = """const providerConfigFields = [
  { name: 'API Key', key: 'apiKey', placeholder: 'gpt-4o' },
];
const chatModels = [{ name: 'gpt-4o', model: 'gpt-4o-mini' }];
const models = [{ name: 'Fast', key: 'fast' }];
"""
    assert refs(tmp_path, {"src/config.ts": src}) == [("gpt-4o-mini", HOSTED, "openai", 4)]


def test_an_enumeration_of_models_names_each_member_s_model(tmp_path):
    src = """from enum import Enum


class Llm(Enum):
    GPT_5_5_LOW = "gpt-5.5 (low thinking)"
    CLAUDE_SONNET_4_6 = "claude-sonnet-4-6"
    QWEN = "Qwen/Qwen2.5-7B-Instruct"
"""
    assert refs(tmp_path, {"llm.py": src}) == [
        ("Qwen/Qwen2.5-7B-Instruct", HUGGINGFACE, None, 7),
        ("claude-sonnet-4-6", HOSTED, "anthropic", 6),
        ("gpt-5.5", HOSTED, "openai", 5),
    ]


def test_an_enumeration_that_does_not_name_models_names_none(tmp_path):
    src = """from enum import Enum


class Mode(Enum):
    FAST = "gpt-4o (fast)"
    ORG = "acme/widgets"


class Llm:  # no enumeration: its attributes are read by their own names
    FAST = "gpt-4o-mini"
"""
    assert refs(tmp_path, {"modes.py": src}) == []


def test_a_module_calling_a_hosted_api_of_open_models_names_that_provider_s_models(tmp_path):
    src = """import httpx

API_BASE_URL = "https://api.replicate.com/v1"
FLUX_MODEL_PATH = "black-forest-labs/flux-2-klein-4b"


async def run(client: httpx.AsyncClient, prompt: str):
    return await client.post(f"{API_BASE_URL}/models/{FLUX_MODEL_PATH}/predictions", json={})
"""
    assert refs(tmp_path, {"images.py": src}) == [
        ("black-forest-labs/flux-2-klein-4b", HOSTED, "replicate", 4)
    ]


def test_a_module_that_loads_models_itself_keeps_its_hub_ids(tmp_path):
    src = """from diffusers import DiffusionPipeline

DOCS_URL = "https://api.replicate.com/v1"
FLUX_MODEL_PATH = "black-forest-labs/FLUX.1-schnell"
pipe = DiffusionPipeline.from_pretrained(FLUX_MODEL_PATH)
"""
    got = refs(tmp_path, {"local.py": src})
    assert got and all(source == HUGGINGFACE for _, source, _, _ in got)


def test_aliases_in_a_replicate_module_are_not_replicate_models(tmp_path):
    """Replicate serves models as owner/name: a plain name in a module calling its API (a
    ``Literal`` of the application's choices, its default) is an alias, the owner/name values
    it maps to are the models."""
    src = """from typing import Literal

REPLICATE_API_BASE_URL = "https://api.replicate.com/v1"
ReplicateImageModel = Literal["z_image_turbo", "flux_2_klein"]
Z_IMAGE_TURBO_MODEL_PATH = "prunaai/z-image-turbo"
FLUX_2_KLEIN_MODEL_PATH = "black-forest-labs/flux-2-klein-4b"
MODEL_PATHS: dict[ReplicateImageModel, str] = {
    "z_image_turbo": Z_IMAGE_TURBO_MODEL_PATH,
    "flux_2_klein": FLUX_2_KLEIN_MODEL_PATH,
}
DEFAULT_IMAGE_MODEL: ReplicateImageModel = "z_image_turbo"
"""
    result = discover(write_files(tmp_path, {"image_gen/replicate.py": src}))
    found = sorted((r.id, r.source, r.provider) for r in result.refs)
    assert found == [
        ("black-forest-labs/flux-2-klein-4b", HOSTED, "replicate"),
        ("prunaai/z-image-turbo", HOSTED, "replicate"),
    ]


def test_the_mapping_under_a_singular_model_key_is_that_models_record(tmp_path):
    values = """llm:
  model:
    ngcAPIKey: ""
    name: "mistralai/Mistral-7B-Instruct-v0.3"
    hfTokenSecret: ""
config.json: {}
"""
    data = '{"generator": {"model": {"id": "Qwen/Qwen2.5-7B-Instruct", "kwargs": {"t": 0}}}}'
    assert refs(tmp_path, {"values.yaml": values, "app.json": data}) == [
        ("Qwen/Qwen2.5-7B-Instruct", HUGGINGFACE, None, 1),
        ("mistralai/Mistral-7B-Instruct-v0.3", HUGGINGFACE, None, 4),
    ]


def test_a_singular_records_placeholder_label_and_non_model_mapping_name_nothing(tmp_path):
    values = """model:
  name: my-model
  ngcAPIKey: ""
chat:
  model:
    name: "Mistral chat"
    model_id: "mistralai/Mistral-7B-Instruct-v0.3"
service:
  name: "org/not-a-model-record"
"""
    # the model_id is read by its own name; the display name beside it and a service's name
    # are no models
    assert refs(tmp_path, {"values.yaml": values}) == [
        ("mistralai/Mistral-7B-Instruct-v0.3", HUGGINGFACE, None, 7),
    ]


def test_a_key_ending_in_llm_names_an_org_name_model_only(tmp_path):
    values = """rag:
  SUMMARY_LLM: "mistralai/Mixtral-8x22B-Instruct-v0.1"
  USE_LLM: "true"
  DEFAULT_LLM: "gpt"
  vllm: "vllm/vllm-openai:v0.6.0"
"""
    scripts = '[project.scripts]\nopenllm = "openllm.__main__:app"\n'
    assert refs(tmp_path, {"values.yaml": values, "pyproject.toml": scripts}) == [
        ("mistralai/Mixtral-8x22B-Instruct-v0.1", HUGGINGFACE, None, 2),
    ]


def test_a_hub_repository_address_in_a_model_place_is_that_repository(tmp_path):
    values = """env:
  - name: MODEL_PATH
    value: "git:https://huggingface.co/acme-labs/vision-8b"
model_id: https://huggingface.co/acme-labs/chat-7b.git
model_name: https://huggingface.co/spaces/acme-labs/demo
embedding_model: https://huggingface.co/datasets/acme-labs/corpus
homepage: https://huggingface.co/acme-labs/other-7b
"""
    assert refs(tmp_path, {"values.yaml": values}) == [
        ("acme-labs/chat-7b", HUGGINGFACE, None, 4),
        ("acme-labs/vision-8b", HUGGINGFACE, None, 3),
    ]
