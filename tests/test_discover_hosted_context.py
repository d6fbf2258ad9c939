"""Whose hosted model a name is when the code around it says so: a provider given first to a call,
a provider passed by position to a parameter that says provider, the provider an ``if`` selects,
a provider-named class's default model; and what is not a model beside a provider (its brand
word, a selector word standing in for a name)."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.discover.loaders import knowledge
from licaudit.model import HOSTED, HUGGINGFACE, OLLAMA

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> list[tuple[str, str, str | None, int]]:
    found = discover(write_files(tmp_path, files)).refs
    return sorted((r.id, r.source, r.provider, r.location.line) for r in found)


def test_a_provider_given_first_to_a_call_serves_its_model_keyword(tmp_path):
    src = """from app.llm import GenericLLMProvider, get_llm
GenericLLMProvider.from_provider("nebius", model="Qwen/Qwen3-32B", verbose=False)
get_llm("ollama", model="llama3")
get_llm("gigachat", model="GigaChat-Max")
make_agent("researcher", model="Qwen/Qwen3-8B")
get_llm(name, "nebius", model="Qwen/Qwen2.5-7B-Instruct")
get_llm("nebius", model="Qwen/Qwen3-14B", llm_provider="huggingface")
"""
    assert refs(tmp_path, {"run.py": src}) == [
        ("GigaChat-Max", HOSTED, "gigachat", 4),
        ("Qwen/Qwen2.5-7B-Instruct", HUGGINGFACE, None, 6),  # not the first argument
        ("Qwen/Qwen3-14B", HUGGINGFACE, None, 7),  # the provider keyword says otherwise
        ("Qwen/Qwen3-32B", HOSTED, "nebius", 2),
        ("Qwen/Qwen3-8B", HUGGINGFACE, None, 5),  # "researcher" names no provider
        ("llama3:latest", OLLAMA, None, 3),
    ]


def test_a_provider_passed_by_position_to_a_parameter_that_says_provider(tmp_path):
    memory = """class Memory:
    def __init__(self, embedding_provider, model, **kwargs):
        self.provider = embedding_provider
        self.model = model


class Store:
    def __init__(self, name, model):
        self.name = name
        self.model = model
"""
    test = """from memory import Memory, Store
embeddings = Memory("nebius", "Qwen/Qwen3-Embedding-8B")
store = Store("nebius", "Qwen/Qwen3-Embedding-4B")
assert embeddings.model != store.model
"""
    assert refs(tmp_path, {"memory.py": memory, "test_memory.py": test}) == [
        ("Qwen/Qwen3-Embedding-4B", HUGGINGFACE, None, 3),  # Store's first parameter is a name
        ("Qwen/Qwen3-Embedding-8B", HOSTED, "nebius", 2),
    ]


def test_a_model_set_in_the_branch_that_selects_a_provider(tmp_path):
    src = """import os
embedding_provider = os.environ["EMBEDDING_PROVIDER"]
if embedding_provider == "gigachat":
    embedding_model = "Embeddings"
elif embedding_provider == "azure_openai":
    embedding_model = "gpt-4o"
elif embedding_provider == "huggingface":
    embedding_model = "sentence-transformers/all-MiniLM-L6-v2"
elif embedding_provider == "nebius":
    embedding_model = "Qwen/Qwen3-Embedding-8B"
elif embedding_provider == "openai":
    embedding_model = "./models/local-embedder"
elif embedding_provider == "house":
    embedding_model = "Embeddings"
else:
    embedding_model = "Embeddings"
if embedding_provider != "gigachat":
    fallback_model = "Embeddings"
if mode == "gigachat":
    other_model = "Embeddings"
"""
    assert refs(tmp_path, {"config.py": src}) == [
        ("Embeddings", HOSTED, "gigachat", 4),  # no shape of its own: only the branch says so
        ("Qwen/Qwen3-Embedding-8B", HOSTED, "nebius", 10),  # an open-weight host's Hub name
        ("gpt-4o", HOSTED, "azure-openai", 6),
        ("sentence-transformers/all-MiniLM-L6-v2", HUGGINGFACE, None, 8),
    ]


def test_a_model_set_in_the_case_that_selects_a_provider(tmp_path):
    src = """def embeddings(embedding_provider: str):
    match embedding_provider:
        case "gigachat":
            embedding_model = "Embeddings"
        case "nebius" if fast:
            embedding_model = "Qwen/Qwen3-Embedding-0.6B"
        case "house" | "gigachat":
            embedding_model = "Embeddings"
        case _:
            embedding_model = "org/fallback-embedder"
    return embedding_model
"""
    # a case with an if-guard or several values tests more than the provider
    assert refs(tmp_path, {"embeddings.py": src}) == [
        ("Embeddings", HOSTED, "gigachat", 4),
        ("Qwen/Qwen3-Embedding-0.6B", HUGGINGFACE, None, 6),
        ("org/fallback-embedder", HUGGINGFACE, None, 10),
    ]


def test_a_providers_brand_word_beside_it_is_not_a_model(tmp_path):
    src = """from types import SimpleNamespace
cfg = SimpleNamespace(strategic_llm_provider="openai", strategic_llm_model="gpt")
chat = SimpleNamespace(llm_provider="anthropic", llm_model="claude")
giga = SimpleNamespace(llm_provider="gigachat", llm_model="GigaChat")
GIGACHAT_URL = "https://gigachat.devices.sberbank.ru/api/v1"
"""
    # GigaChat is the name of GigaChat's own first model (it has the provider's shape)
    assert refs(tmp_path, {"test_stub.py": src}) == [("GigaChat", HOSTED, "gigachat", 4)]


def test_a_selector_word_standing_in_for_a_model_name(tmp_path):
    src = """import os
embedding_model = os.getenv("OPENAI_EMBEDDING_MODEL", "custom")
served_model = os.getenv("OPENAI_MODEL", "default")
chat_model = os.getenv("OPENAI_MODEL", "gpt-4o-mini")
local_model = os.getenv("OPENAI_MODEL", "house-router")
"""
    assert refs(tmp_path, {"settings.py": src}) == [
        ("gpt-4o-mini", HOSTED, "openai", 4),
        # every OpenAI model has one of its shapes (closed_names): house-router is an alias a
        # compatible server answers to, not an OpenAI model
    ]


def test_the_default_model_of_a_class_named_for_a_provider(tmp_path):
    src = """API_URL = "https://modelslab.com/api/v6/images/text2img"


class ModelsLabImageGeneratorProvider:
    DEFAULT_MODEL = "flux"
    MODELS = ["flux", "sdxl"]


class GroqClient:
    model_size = "large"
    DEFAULT_MODEL = "default"


class Settings:
    DEFAULT_MODEL = "flux"
"""
    # a plain word counts only as the provider class's default; a list of plain words, a
    # selector word and a class that names no provider give nothing
    assert refs(tmp_path, {"images.py": src}) == [("flux", HOSTED, "modelslab", 5)]


def test_the_prebuilt_models_of_azure_document_intelligence(tmp_path):
    src = """from pydantic import BaseModel, Field
class Loader(BaseModel):
    model: str = Field("prebuilt-layout", description="Default is prebuilt-layout.")
    reader: str = Field("prebuilt-reader")
"""
    assert refs(tmp_path, {"loader.py": src}) == [
        ("prebuilt-layout", HOSTED, "azure-document-intelligence", 3),
    ]


def test_an_openai_client_pointed_at_nebius_serves_its_hub_named_models(tmp_path):
    src = """from openai import OpenAI
client = OpenAI(base_url="https://api.tokenfactory.nebius.com/v1/", api_key="k")
client.chat.completions.create(model="meta-llama/Meta-Llama-3.1-70B-Instruct", messages=[])
local = OpenAI(base_url="http://localhost:8000/v1", api_key="k")
local.chat.completions.create(model="meta-llama/Meta-Llama-3.1-8B-Instruct", messages=[])
"""
    assert refs(tmp_path, {"client.py": src}) == [
        ("meta-llama/Meta-Llama-3.1-70B-Instruct", HOSTED, "nebius", 3),
        ("meta-llama/Meta-Llama-3.1-8B-Instruct", HUGGINGFACE, None, 5),
    ]


def test_the_new_providers_are_data_with_a_contracting_entity():
    from licaudit.resolve.catalog import provider

    k = knowledge()
    shaped = {
        "GigaChat": "gigachat",
        "GigaChat-2-Max": "gigachat",
        "EmbeddingsGigaR": "gigachat",
        "prebuilt-layout": "azure-document-intelligence",
        "prebuilt-tax.us.w2": "azure-document-intelligence",
    }
    assert {v: getattr(k.hosted_provider(v), "provider", None) for v in shaped} == shaped
    for value in ("Embeddings", "flux", "prebuilt", "gigachatbot", "Qwen/Qwen3-32B"):
        assert k.hosted_provider(value) is None, value
    assert k.provider_for_url("https://api.tokenfactory.nebius.com/v1").provider == "nebius"
    assert k.provider_for_url("https://gigachat.devices.sberbank.ru/api/v1").provider == "gigachat"
    for name in ("nebius", "gigachat", "modelslab", "azure-document-intelligence"):
        assert provider(name) is not None, name


def test_an_api_response_names_the_model_that_answered_not_one_the_code_calls(tmp_path):
    import json

    embedding = {
        "object": "list",
        "data": [{"object": "embedding", "index": 0, "embedding": [0.1, 0.2]}],
        "model": "ada",
        "usage": {"prompt_tokens": 3, "total_tokens": 3},
    }
    chat = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1692338378,
        "model": "gpt-35-turbo",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}}],
        "usage": {"completion_tokens": 9, "prompt_tokens": 10, "total_tokens": 19},
    }
    message = {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "claude-3-5-sonnet-20241022",
        "content": [{"type": "text", "text": "hi"}],
        "stop_reason": "end_turn",
        "usage": {"input_tokens": 3, "output_tokens": 1},
    }
    # settings that look like part of a reply are settings still
    settings = {"model": "text-embedding-ada-002", "usage": "retrieval", "data": "docs/"}
    tests = {"fixtures": {"reply": chat, "expected_model": "gpt-4o-mini"}}
    files = {
        "tests/resources/embedding_openai.json": json.dumps(embedding, indent=2),
        "tests/resources/chat.json": json.dumps(chat, indent=2),
        "tests/resources/message.json": json.dumps(message, indent=2),
        "config/settings.json": json.dumps(settings, indent=2),
        "tests/cases.json": json.dumps(tests, indent=2),
    }
    assert refs(tmp_path, files) == [
        ("gpt-4o-mini", HOSTED, "openai", 23),
        ("text-embedding-ada-002", HOSTED, "openai", 2),
    ]


def test_the_id_of_each_record_in_a_list_of_models_in_a_configuration(tmp_path):
    yaml_text = """external_providers:
  - name: openai
    type: openai
    api_base: https://api.openai.com
    models:
      - id: gpt-4o-mini
        type: chat
        aliases:
          - gpt4o-mini
      - id: fast-chat
        type: chat
  - name: together
    models:
      - id: meta-llama/Llama-3.3-70B-Instruct-Turbo
servers:
  - id: gpt-4o
    port: 8080
models:
  - name: llama3-8b
    url: hf://meta-llama/Meta-Llama-3-8B-Instruct
"""
    json_text = '{"models": [{"id": "claude-3-5-haiku-latest", "label": "Haiku"}, {"id": "3"}]}\n'
    assert refs(tmp_path, {"providers.yaml": yaml_text, "models.json": json_text}) == [
        ("claude-3-5-haiku-latest", HOSTED, "anthropic", 1),
        ("gpt-4o-mini", HOSTED, "openai", 6),
        # a list entry's name is its alias or served name; its URL says what it serves
        ("meta-llama/Llama-3.3-70B-Instruct-Turbo", HUGGINGFACE, None, 14),
        ("meta-llama/Meta-Llama-3-8B-Instruct", HUGGINGFACE, None, 20),
    ]


def test_a_canned_reply_in_python_names_the_model_that_answered(tmp_path):
    src = """from anthropic.types import Message
REPLAY = {
    "message": {
        "id": "msg_01abc",
        "type": "message",
        "role": "assistant",
        "content": [],
        "model": "claude-sonnet-4-6",
        "stop_reason": "end_turn",
        "usage": {"input_tokens": 1, "output_tokens": 1},
    },
    "request": {"model": "claude-haiku-4-5", "max_tokens": 256},
}
reply = Message(id="msg_2", type="message", role="assistant", content=[], model="claude-opus-4-1",
                stop_reason="end_turn", usage=None)
"""
    # the request beside the reply is what the code sends
    assert refs(tmp_path, {"tests/registry.py": src}) == [
        ("claude-haiku-4-5", HOSTED, "anthropic", 12)
    ]


def test_a_stand_in_model_name_of_a_test(tmp_path):
    src = """import anthropic
client = anthropic.Anthropic()
client.messages.stream(model="custom-model", max_tokens=16, messages=[])
client.messages.stream(model="default_llm", max_tokens=16, messages=[])
client.messages.stream(model="claude-3-5-haiku-latest", max_tokens=16, messages=[])
"""
    assert refs(tmp_path, {"tests/test_stream.py": src}) == [
        ("claude-3-5-haiku-latest", HOSTED, "anthropic", 5),
    ]


def test_an_azure_deployment_named_like_its_model_is_that_model(tmp_path):
    env = """AZURE_OPENAI_CHAT_DEPLOYMENT=gpt-35-turbo
AZURE_OPENAI_EMBEDDINGS_DEPLOYMENT=text-embedding-ada-002
AZURE_OPENAI_VISION_DEPLOYMENT=prod-vision-eastus
K8S_DEPLOYMENT=gpt-4o-router
"""
    src = """from app.embeddings import AzureEmbeddings
embedder = AzureEmbeddings(azure_deployment="embedding-deployment", azure_endpoint="https://x.openai.azure.com/")
"""
    # a deployment its owner named otherwise is that owner's alias; a deployment word without a
    # hosted API's word in the name says nothing
    assert refs(tmp_path, {".env.example": env, "tests/test_embeddings.py": src}) == [
        ("gpt-35-turbo", HOSTED, "azure-openai", 1),
        ("text-embedding-ada-002", HOSTED, "azure-openai", 2),
    ]


def test_an_azure_client_deployment_alias_is_no_model(tmp_path):
    src = """import os
from langchain_openai import AzureChatOpenAI

alias = AzureChatOpenAI(azure_deployment=os.environ.get("AZURE_OPENAI_DEPLOYMENT", "gpt35"))
named = AzureChatOpenAI(azure_deployment="gpt-4o-mini")
"""
    assert [(i, line) for i, _, _, line in refs(tmp_path, {"app.py": src})] == [("gpt-4o-mini", 5)]


_NIM_CODE = """import os
from langchain_nvidia_ai_endpoints import ChatNVIDIA

llm = ChatNVIDIA(model=os.getenv("MODEL", "meta/llama-3.1-8b-instruct"))
"""


def test_an_env_setting_the_code_sends_to_a_hosted_api_is_that_apis_model(tmp_path):
    got = refs(
        tmp_path,
        {
            "app/.env.example": "MODEL=meta/llama-3.1-8b-instruct\n",
            "app/src/crew.py": _NIM_CODE,
        },
    )
    assert ("meta/llama-3.1-8b-instruct", HOSTED, "nvidia", 1) in got
    assert not any(source == HUGGINGFACE for _, source, _, _ in got)


def test_an_env_setting_beside_other_code_keeps_its_hub_id(tmp_path):
    got = refs(
        tmp_path,
        {
            "local/.env": "MODEL=meta/llama-3.1-8b-instruct\nEMBED_MODEL=BAAI/bge-small-en-v1.5\n",
            "hosted/crew.py": _NIM_CODE,
        },
    )
    assert ("meta/llama-3.1-8b-instruct", HUGGINGFACE, None, 1) in got
    assert ("BAAI/bge-small-en-v1.5", HUGGINGFACE, None, 2) in got
