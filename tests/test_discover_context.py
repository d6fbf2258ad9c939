"""The one context mechanism every scanner asks: what a string is, given the name it sits under."""

from __future__ import annotations

import pytest

from licaudit.discover.common import Context
from licaudit.discover.context import hosted, loader_value, named
from licaudit.model import DATASET, HOSTED, HUGGINGFACE, OLLAMA


@pytest.fixture
def ctx(tmp_path):
    (tmp_path / "checkpoints" / "run1").mkdir(parents=True)
    return Context(root=tmp_path, rel="app.py")


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("model_name", "Qwen/Qwen2.5-7B-Instruct", ("Qwen/Qwen2.5-7B-Instruct", HUGGINGFACE, None)),
        (
            "GENERATION_MODEL",
            "meta-llama/Llama-3.1-8B",
            ("meta-llama/Llama-3.1-8B", HUGGINGFACE, None),
        ),
        ("self.teacher_model", "Qwen/Qwen3-8B", ("Qwen/Qwen3-8B", HUGGINGFACE, None)),
        ("MODEL_ID", "qwen3:8b", ("qwen3:8b", OLLAMA, None)),
        ("OLLAMA_MODEL", "llama3.1", ("llama3.1:latest", OLLAMA, None)),
        ("OPENAI_MODEL", "gpt-4o", ("gpt-4o", HOSTED, "openai")),
        ("model", "gpt-4.1-mini", ("gpt-4.1-mini", HOSTED, "openai")),
        (
            "model",
            "anthropic/claude-3-5-sonnet-latest",
            ("claude-3-5-sonnet-latest", HOSTED, "anthropic"),
        ),
        ("model", "openai:gpt-4.1", ("gpt-4.1", HOSTED, "openai")),
        (
            "dataset_name",
            "HuggingFaceH4/ultrachat_200k",
            ("HuggingFaceH4/ultrachat_200k", DATASET, None),
        ),
    ],
)
def test_a_model_naming_name_makes_a_reference(ctx, name, value, expected):
    found = named(name, value, ctx)
    assert found is not None
    ident, evidence = found
    assert (ident.id, ident.source, ident.provider) == expected
    assert name in evidence


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("output_dir", "acme/llama-sft"),  # a destination
        ("hub_model_id", "acme/llama-sft"),  # an upload target
        ("served_model_name", "meta-llama/Llama-3.1-8B"),  # an alias
        ("model", "username/model-name"),  # a placeholder
        ("model", "<org>/<model>"),
        ("model_path", "checkpoints/run1"),  # a local folder
        ("image", "vllm/vllm-openai:latest"),  # says nothing about models
        ("description", "Qwen/Qwen2.5-7B-Instruct"),
        ("OPENAI_MODEL", "meta-llama/llama-3.1-8b-instruct"),  # whose route: OpenAI has none
    ],
)
def test_decoy_names_and_shapes_make_nothing(ctx, name, value):
    assert named(name, value, ctx) is None


def test_a_provider_prefix_or_shape_is_a_hosted_model():
    assert hosted("google_genai:gemini-2.0-flash").provider == "google-gemini"
    assert hosted("claude-sonnet-4-20250514").provider == "anthropic"
    assert hosted("qwen3:8b") is None  # an Ollama tag, not a provider prefix
    assert hosted("Qwen/Qwen2.5-7B") is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("OPENAI_API_KEY", "sk-abc123"),  # a hosted-API word alone does not name a model
        ("OPENAI_API_TYPE", "openai"),
        ("OPENAI_API_VERSION", "2023-03-15-preview"),
        ("gptTokenizer", "cl100k_base"),
        ("model", "dummy"),  # the model of a mocked request
        ("model", "mock-model"),
        ("modelId", "model-id"),
        ("model", "mock/media-model"),
        ("label", "GPT-4o"),  # a display label beside an option's id
    ],
)
def test_names_and_values_that_only_look_like_models(ctx, name, value):
    assert named(name, value, ctx) is None


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("OpenAIModelID", "gpt-35-turbo", ("gpt-35-turbo", HOSTED, "openai")),
        (
            "OPENAI_EMBEDDING_MODEL",
            "text-embedding-3-small",
            ("text-embedding-3-small", HOSTED, "openai"),
        ),
        (
            "chatModels",
            "google/gemini-2.5-flash-lite",
            ("gemini-2.5-flash-lite", HOSTED, "google-gemini"),
        ),
        ("SUPPORTED_MODELS", "openai/gpt-4.1-mini", ("gpt-4.1-mini", HOSTED, "openai")),
        ("models", "google/gemma-2-9b-it", ("google/gemma-2-9b-it", HUGGINGFACE, None)),
        # a router's vendor/name route is the router's hosted model, never a Hub model
        (
            "OPENROUTER_MODEL",
            "meta-llama/llama-3.1-8b-instruct",
            ("meta-llama/llama-3.1-8b-instruct", HOSTED, "openrouter"),
        ),
        ("NOVITA_MODEL", "deepseek/deepseek_v3", ("deepseek_v3", HOSTED, "novita")),
        (
            "NOVITA_MODEL",
            "qwen/qwen-2.5-72b-instruct",
            ("qwen/qwen-2.5-72b-instruct", HOSTED, "novita"),
        ),
        ("OPENAI_MODEL", "anthropic/claude-3-haiku", ("claude-3-haiku", HOSTED, "anthropic")),
    ],
)
def test_model_lists_and_gateway_ids(ctx, name, value, expected):
    ident, _ = named(name, value, ctx)
    assert (ident.id, ident.source, ident.provider) == expected


@pytest.mark.parametrize(
    ("value", "mode", "provider", "expected"),
    [
        ("gpt-4o", "hosted", "openai", ("gpt-4o", HOSTED, "openai")),
        ("gpt-35-turbo", "hosted", "azure-openai", ("gpt-35-turbo", HOSTED, "azure-openai")),
        (
            "anthropic/claude-haiku-4.5",
            "hosted",
            "vercel-ai-gateway",
            ("claude-haiku-4.5", HOSTED, "anthropic"),
        ),
        (
            "meta/llama-3.3-70b",
            "hosted",
            "vercel-ai-gateway",
            ("llama-3.3-70b", HOSTED, "vercel-ai-gateway"),
        ),
        ("openai/gpt-4o", "prefixed", "vercel-ai-gateway", ("gpt-4o", HOSTED, "openai")),
        ("ollama:llama3.1", "prefixed", None, ("llama3.1:latest", OLLAMA, None)),
        ("openai:gpt-4.1", "prefixed", None, ("gpt-4.1", HOSTED, "openai")),
        ("llama3.2", "ollama", None, ("llama3.2:latest", OLLAMA, None)),
        ("gpt2", "hub-bare", None, ("gpt2", HUGGINGFACE, None)),
        ("Xenova/gpt2", "hub", None, ("Xenova/gpt2", HUGGINGFACE, None)),
    ],
)
def test_a_value_in_a_loader_place_by_its_id_mode(ctx, value, mode, provider, expected):
    ident = loader_value(value, ctx, mode, provider=provider)
    assert (ident.id, ident.source, ident.provider) == expected


@pytest.mark.parametrize(
    ("value", "mode"),
    [
        ("gpt2", "hub"),
        ("llama3.1", "prefixed"),
        ("dummy", "ollama"),
        ("a b", "hosted"),
        ("https://x.io", "hosted"),
    ],
)
def test_a_loader_place_rejects_what_its_mode_cannot_take(ctx, value, mode):
    assert loader_value(value, ctx, mode) is None


def test_an_azure_deployment_alias_is_no_model(ctx):
    # Azure OpenAI is called by its users' deployment names: one of no model's shape is an alias
    assert loader_value("my-azure-deployment", ctx, "hosted", provider="azure-openai") is None
    assert loader_value("gpt35", ctx, "hosted", provider="azure-openai") is None
    got = loader_value("gpt-4o", ctx, "hosted", provider="azure-openai")
    assert got is not None and (got.id, got.source) == ("gpt-4o", HOSTED)
