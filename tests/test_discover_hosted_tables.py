"""Hosted API models and Ollama names the way applications list them: tables of model names per
provider behind a dropdown, provider selectors, base URLs read from a provider's variable, and
branches of one ``if`` that never meet."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.discover.context import provider_kind
from licaudit.discover.loaders import knowledge
from licaudit.model import HOSTED, HUGGINGFACE, OLLAMA

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> list[tuple[str, str, str | None, int]]:
    found = discover(write_files(tmp_path, files)).refs
    return sorted((r.id, r.source, r.provider, r.location.line) for r in found)


def test_a_table_of_model_names_per_provider_gives_each_name_its_provider(tmp_path):
    src = """model_names = {
    "openai": ["gpt-4o", "o3-mini"],
    "ollama": ["qwen2.5:7b", "llama3"],
    "ibm": ["meta-llama/llama-3-2-90b-vision-instruct"],
    "siliconflow": ["Pro/Qwen/Qwen2.5-7B-Instruct", "deepseek-ai/DeepSeek-V3"],
    "huggingface": ["bert-base-uncased"],
    "alibaba": ["qwen-long"],
    "in_house": ["gpt-4o-mini", "house-router"],
}
"""
    assert refs(tmp_path, {"config.py": src}) == [
        ("Pro/Qwen/Qwen2.5-7B-Instruct", HOSTED, "siliconflow", 5),
        ("bert-base-uncased", HUGGINGFACE, None, 6),
        ("deepseek-ai/DeepSeek-V3", HOSTED, "siliconflow", 5),
        ("gpt-4o", HOSTED, "openai", 2),
        ("gpt-4o-mini", HOSTED, "openai", 8),  # an unknown key: the shape decides
        ("llama3:latest", OLLAMA, None, 3),
        ("meta-llama/llama-3-2-90b-vision-instruct", HOSTED, "ibm-watsonx", 4),
        ("o3-mini", HOSTED, "openai", 2),
        ("qwen-long", HOSTED, "alibaba-cloud", 7),
        ("qwen2.5:7b", OLLAMA, None, 3),
    ]


def test_a_provider_table_without_a_model_name_counts_only_model_shaped_names(tmp_path):
    src = """import gradio as gr
llm_model_name = gr.Dropdown(choices={
    "anthropic": ["claude-3-5-haiku-latest", "house-router"],
    "ollama": ["qwen2.5:14b", "house"],
    "deepseek": "deepseek-chat",
})
"""
    assert refs(tmp_path, {"ui.py": src}) == [
        ("claude-3-5-haiku-latest", HOSTED, "anthropic", 3),
        ("deepseek-chat", HOSTED, "deepseek", 5),
        ("qwen2.5:14b", OLLAMA, None, 4),
    ]


def test_tables_keyed_by_provider_that_hold_no_models(tmp_path):
    src = """PROVIDER_DISPLAY_NAMES = {"openai": "OpenAI", "anthropic": "Anthropic", "ollama": "Ollama"}
KEYS = {"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY", "ibm": "IBM_API_KEY"}
URLS = {"openai": "https://api.openai.com/v1", "ollama": "http://localhost:11434"}
LIMITS = {"openai": [8, 16], "anthropic": [4]}
model_names = {"fast": ["house-a"], "slow": ["house-b"], "openai": ["gpt-4o"]}
"""
    # the last table has one provider key of three: not a table per provider; its names are
    # read as any model-naming table's entries (lists are records, not names)
    assert refs(tmp_path, {"labels.py": src}) == []


def test_a_binding_in_another_branch_of_the_if_does_not_reach_the_use(tmp_path):
    src = """import os
from langchain_openai import ChatOpenAI
def make(provider, **kwargs):
    if provider == "ollama":
        if not kwargs.get("base_url"):
            base_url = os.getenv("OLLAMA_ENDPOINT", "http://localhost:11434")
        else:
            base_url = kwargs["base_url"]
        return ChatOpenAI(model=kwargs.get("model_name", "qwen2.5:7b"), base_url=base_url)
    elif provider == "alibaba":
        if not kwargs.get("base_url"):
            base_url = os.getenv("ALIBABA_ENDPOINT", "https://dashscope.aliyuncs.com/compatible-mode/v1")
        else:
            base_url = kwargs["base_url"]
        return ChatOpenAI(model=kwargs.get("model_name", "qwen-plus"), base_url=base_url)
    if provider == "local":
        model = "org/local-model"
    else:
        model = "org/other-model"
    return ChatOpenAI(model=model, base_url="http://localhost:8000/v1")
"""
    assert refs(tmp_path, {"llm.py": src}) == [
        ("org/local-model", HUGGINGFACE, None, 17),  # after the if: both branches reach it
        ("org/local-model", HUGGINGFACE, None, 20),
        ("org/other-model", HUGGINGFACE, None, 19),
        ("org/other-model", HUGGINGFACE, None, 20),
        ("qwen-plus", HOSTED, "alibaba-cloud", 15),
        ("qwen2.5:7b", OLLAMA, None, 9),
    ]


def test_a_base_url_read_from_a_providers_variable_names_the_provider(tmp_path):
    src = """import os
from langchain_openai import ChatOpenAI
ChatOpenAI(model_name="Qwen/QwQ-32B", base_url=os.getenv("SILICONFLOW_ENDPOINT", ""))
ChatOpenAI(model_name="Qwen/QwQ-32B", base_url=os.getenv("CUSTOM_ENDPOINT", "http://localhost:8000/v1"))
"""
    assert refs(tmp_path, {"llm.py": src}) == [
        ("Qwen/QwQ-32B", HOSTED, "siliconflow", 3),
        ("Qwen/QwQ-32B", HUGGINGFACE, None, 4),  # a local server names the Hub model
    ]


def test_a_provider_selector_beside_the_model_name(tmp_path):
    src = """LLMConfig(provider="ibm", model_name="meta-llama/llama-4-maverick-17b-128e-instruct-fp8")
LLMConfig(provider="alibaba", model_name="qwen-max")
LLMConfig(provider="house", model_name="meta-llama/Llama-3.1-8B-Instruct")
"""
    assert refs(tmp_path, {"t.py": src}) == [
        ("meta-llama/Llama-3.1-8B-Instruct", HUGGINGFACE, None, 3),  # an unknown provider
        ("meta-llama/llama-4-maverick-17b-128e-instruct-fp8", HOSTED, "ibm-watsonx", 1),
        ("qwen-max", HOSTED, "alibaba-cloud", 2),
    ]


def test_the_judge_model_of_an_llm_judged_benchmark(tmp_path):
    sh = """python gen_judgment.py --model-list "my-dpo" "my-sft" --judge-model "gpt-4-1106-preview" --mode pairwise-all
python show_result.py --judge-file data/judge_prompts.jsonl --model-list "my-dpo"
"""
    assert refs(tmp_path, {"judge.sh": sh}) == [("gpt-4-1106-preview", HOSTED, "openai", 1)]


def test_provider_names_and_the_commercial_qwen_shapes_are_data():
    k = knowledge()
    assert {n: provider_kind(n) for n in ("ibm", "azure_openai", "grok", "google", "ollama")} == {
        "ibm": "ibm-watsonx",
        "azure_openai": "azure-openai",
        "grok": "xai",
        "google": "google-gemini",
        "ollama": "ollama",
    }
    assert provider_kind("fast") is None and provider_kind("model") is None
    assert provider_kind("huggingface") == "hub"
    for hosted in (
        "qwen-plus",
        "qwen-max-latest",
        "qwen3-coder-plus",
        "qwq-plus",
        "moonshot-v1-8k",
    ):
        assert k.hosted_provider(hosted) is not None, hosted
    for open_weights in (
        "qwen2.5-coder",
        "qwen3-coder",
        "qwen3-vl-32b-instruct",
        "qwq",
        "qwen2.5:7b",
    ):
        assert k.hosted_provider(open_weights) is None, open_weights


def test_a_member_of_an_sdks_model_enumeration_names_its_model(tmp_path):
    files = {
        "docker-compose.yml": """services:
  backend:
    environment:
      - WATSONX_MODELTYPE=GRANITE_13B_CHAT_V2
      - WATSONX_URL=https://us-south.ml.cloud.ibm.com
      - MODEL_TYPE=LLAMA_2_70B_CHAT
      - WATSONX_TASK=SUMMARIZATION
""",
        "wx.py": """import os
from ibm_watsonx_ai.foundation_models import ModelInference
from ibm_watsonx_ai.foundation_models.utils.enums import ModelTypes, DecodingMethods
from house.enums import Models

ModelInference(model_id=ModelTypes.LLAMA_3_8B_INSTRUCT, project_id="p")
ModelInference(model_id=ModelTypes[os.getenv("WATSONX_MODELTYPE", "FLAN_UL2")], project_id="p")
ModelInference(model_id="meta-llama/llama-3-3-70b-instruct", project_id="p")
ModelInference(model_id=Models.LLAMA_3_8B_INSTRUCT, params={"decoding_method": DecodingMethods.GREEDY})
""",
    }
    # MODEL_TYPE names no SDK (the member is not read there); an imported enumeration no map
    # knows is computed at run time
    assert refs(tmp_path, files) == [
        ("google/flan-ul2", HOSTED, "ibm-watsonx", 7),
        ("ibm/granite-13b-chat-v2", HOSTED, "ibm-watsonx", 4),
        ("meta-llama/llama-3-3-70b-instruct", HOSTED, "ibm-watsonx", 8),
        ("meta-llama/llama-3-8b-instruct", HOSTED, "ibm-watsonx", 6),
    ]


def test_text_to_speech_without_a_model_uses_the_apis_default_voice(tmp_path):
    src = """from deepgram import DeepgramClient
class Speaker:
    def setup(self, key):
        self.client = DeepgramClient(api_key=key)
    def say(self, text):
        return self.client.speak.v1.audio.generate(text=text)
    def say_as(self, text):
        return self.client.speak.v1.audio.generate(text=text, model="aura-2-thalia-en")
def elsewhere(audio):
    return audio.generate(text="not a Deepgram call")
"""
    found = discover(write_files(tmp_path, {"tts.py": src})).refs
    assert [(r.id, r.source, r.provider, r.location.line) for r in found] == [
        ("aura-asteria-en", HOSTED, "deepgram", 6),
        ("aura-2-thalia-en", HOSTED, "deepgram", 8),
    ]
    assert found[0].evidence.startswith("implicit: ")


def test_the_new_hosted_providers_have_a_contracting_entity():
    from licaudit.resolve.catalog import provider

    for name in (
        "alibaba-cloud",
        "moonshot",
        "siliconflow",
        "modelscope",
        "deepgram",
        "google-gemini",
    ):
        assert provider(name) is not None, name


def test_every_new_hosted_provider_has_a_contracting_entity():
    from licaudit.resolve.catalog import provider

    for name in ("cloudflare", "databricks", "jina", "sambanova", "anyscale", "aws-sagemaker"):
        assert provider(name) is not None, name
    assert provider("vercel-ai-gateway") is not None


def test_every_hosted_provider_example_has_its_providers_shape():
    k = knowledge()
    for p in k.providers.values():
        for entry in _entries(p.provider):
            for example in entry.get("examples", ()):
                assert k.hosted_provider(example) is p, (p.provider, example)


def _entries(name: str) -> list[dict]:
    import yaml

    from licaudit.discover import loaders

    path = loaders.FOLDER / loaders.VOCABULARY_FILE
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [e for e in doc["hosted_providers"] if e["provider"] == name]


def test_provider_name_shapes_of_groq_perplexity_and_the_newer_apis():
    k = knowledge()
    shaped = {
        "llama3-70b-8192": "groq",
        "mixtral-8x7b-32768": "groq",
        "llama3-groq-8b-8192-tool-use-preview": "groq",
        "sonar-medium-online": "perplexity",
        "llama-3.1-sonar-huge-128k-online": "perplexity",
        "pplx-7b-chat": "perplexity",
        "@cf/meta/llama-3.1-8b-instruct": "cloudflare",
        "databricks-meta-llama-3-3-70b-instruct": "databricks",
        "jina-reranker-v2-base-multilingual": "jina",
    }
    assert {v: getattr(k.hosted_provider(v), "provider", None) for v in shaped} == shaped
    # open-weight names without their organization, and Hub repositories, have no such shape
    for value in (
        "gemma-7b-it",
        "mistral-7b-instruct",
        "mixtral-8x7b-instruct",
        "jinaai/jina-embeddings-v3",
        "databricks/dbrx-instruct",
        "llama3-8b",
        "sonar-large",
    ):
        assert k.hosted_provider(value) is None, value
    for name in ("sambanova", "anyscale", "sagemaker", "workers-ai", "jina_ai", "vercel"):
        assert provider_kind(name) is not None, name


def test_a_python_record_with_a_provider_key_takes_its_id_not_its_display_name(tmp_path):
    src = """MODELS = [
    {"provider": "groq", "model_id": "gemma-7b-it", "model_name": "Gemma-7b-It"},
    {"provider": "perplexity", "model": "mistral-7b-instruct"},
]
PLANNER = {"planner_provider": "groq", "planner_model": "llama3-70b-8192", "planner_model_name": "LLaMA3 70b"}
REASONING = {"model": "claude-3-7-sonnet-thinking"}
"""
    assert refs(tmp_path, {"settings.py": src}) == [
        ("claude-3-7-sonnet", HOSTED, "anthropic", 6),
        ("gemma-7b-it", HOSTED, "groq", 2),
        ("llama3-70b-8192", HOSTED, "groq", 5),
        ("mistral-7b-instruct", HOSTED, "perplexity", 3),
    ]
    found = discover(tmp_path).refs
    note = next(r.evidence for r in found if r.id == "claude-3-7-sonnet")
    assert "(-thinking: an application's mode of claude-3-7-sonnet, not a model name)" in note


def test_a_typescript_table_of_model_names_per_provider(tmp_path):
    src = """export const MODEL_NAMES: Record<string, string[]> = {
  openai: ["gpt-4o", "o3-mini"],
  ollama: ["qwen2.5:7b", "llama3"],
  siliconflow: ["deepseek-ai/DeepSeek-V3"],
  "in-house": ["house-router"],
} as const;
export const PROVIDER_LABELS = { openai: "OpenAI", anthropic: "Anthropic", ollama: "Ollama" };
export const FAVOURITE_MODELS = { fast: "org/fast-model", openai: "gpt-4o-mini" };
"""
    assert refs(tmp_path, {"models.ts": src}) == [
        ("deepseek-ai/DeepSeek-V3", HOSTED, "siliconflow", 4),
        ("gpt-4o", HOSTED, "openai", 2),
        ("gpt-4o-mini", HOSTED, "openai", 8),  # one provider key of two: a plain map of models
        ("llama3:latest", OLLAMA, None, 3),
        ("o3-mini", HOSTED, "openai", 2),
        ("org/fast-model", HUGGINGFACE, None, 8),
        ("qwen2.5:7b", OLLAMA, None, 3),
    ]


def test_a_python_literal_type_of_model_ids_and_a_match_on_a_model(tmp_path):
    src = """from typing import Annotated, Literal, Optional, Union
GroqModelId = Literal["llama3-8b-8192", "gemma-7b-it"]
ChatModel = Union[Literal["gpt-4o", "house-router"], str]
Theme = Literal["dark", "gpt-4"]
ModelSize = Optional[Literal["small", "large"]]
class Settings:
    model: Annotated[Literal["o3-mini"] | None, "the model"] = None
    theme: Literal["claude-2.1"] = "claude-2.1"
def pick(settings, role):
    match settings.model:
        case "claude-3-5-haiku-latest" | "command-r":
            return 1
        case _:
            return 2
    match role:
        case "gpt-4o-mini":
            return 3
"""
    assert refs(tmp_path, {"settings.py": src}) == [
        ("claude-3-5-haiku-latest", HOSTED, "anthropic", 11),
        ("command-r", HOSTED, "cohere", 11),
        ("gemma-7b-it", HOSTED, "groq", 2),
        ("gpt-4o", HOSTED, "openai", 3),
        ("llama3-8b-8192", HOSTED, "groq", 2),
        ("o3-mini", HOSTED, "openai", 7),
    ]


def test_a_routers_vendor_prefixed_names_are_its_own_models(tmp_path):
    """Novita, OpenRouter and the like serve other vendors' models under vendor/name routes; a
    vendor prefix that LiteLLM reads as a provider (deepseek/, anthropic/) is part of the name
    the router serves it under, wherever the router is the one the context names."""
    generator = """import os
import requests

base_url = "https://api.novita.ai/v3/openai"


class NovitaGenerator:
    def generate(self, config):
        model = config.get("Model", {"value": "deepseek/deepseek_v3"}).value
        return requests.post(f"{base_url}/chat/completions", json={"model": model})
"""
    client = """from openai import OpenAI

client = OpenAI(base_url="https://api.novita.ai/v3/openai", api_key="x")
client.chat.completions.create(model="deepseek/deepseek-r1-turbo", messages=[])
client.chat.completions.create(model="meta-llama/llama-3.1-8b-instruct", messages=[])
router = OpenAI(base_url="https://openrouter.ai/api/v1")
router.chat.completions.create(model="anthropic/claude-3.5-sonnet", messages=[])
"""
    settings = """NOVITA_MODEL = "qwen/qwen-2.5-72b-instruct"
OPENROUTER_MODEL = "meta-llama/llama-3.3-70b-instruct"
OPENAI_MODEL = "meta-llama/llama-3.3-70b-instruct"
LITELLM_MODEL = "deepseek/deepseek-chat"
NOVITA_API_KEY = "sk-live/abc"
"""
    got = refs(
        tmp_path,
        {
            "app/NovitaGenerator.py": generator,
            "client.py": client,
            "settings.py": settings,
        },
    )
    assert got == [
        ("claude-3.5-sonnet", HOSTED, "openrouter", 7),
        ("deepseek-chat", HOSTED, "deepseek", 4),  # LiteLLM's prefix: DeepSeek's own API
        ("deepseek-r1-turbo", HOSTED, "novita", 4),
        ("deepseek_v3", HOSTED, "novita", 9),
        ("meta-llama/llama-3.1-8b-instruct", HOSTED, "novita", 5),
        ("meta-llama/llama-3.3-70b-instruct", HOSTED, "openrouter", 2),
        ("qwen/qwen-2.5-72b-instruct", HOSTED, "novita", 1),
    ]


def test_provider_model_names_of_their_own_shape():
    k = knowledge()
    shapes = {
        "sonar-small-chat": "perplexity",
        "pplx-70b-online": "perplexity",
        "rerank-2.5-lite": "voyage",
        "rerank-lite-1": "voyage",
        "rerank-v3.5": "cohere",
        "rerank-multilingual-v3.0": "cohere",
        "accounts/fireworks/routers/kimi-k2p6-fast": "fireworks",
        "gpt-realtime-mini": "openai",
        "computer-use-preview": "openai",
        "nova-3": "deepgram",
        "nova-2-meeting": "deepgram",
        "ministral-3-8b-2512": "mistral",
    }
    for name, provider in shapes.items():
        got = k.hosted_provider(name)
        assert got is not None and got.provider == provider, name
    for name in ("nova-lite-v1", "gpt2", "sora", "rerank", "mistral", "nova-2-lite-v1"):
        assert k.hosted_provider(name) is None, name
