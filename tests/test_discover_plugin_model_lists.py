"""The model lists of plugin classes that serve hosted APIs: several names in one setting string,
lists held by a name that says whose models they are, lists of model options bound to any name,
tables of name fragments a model's name is tested against, the provider a file's name gives a
nested settings class, an Ollama file's plain names, and the defaults of Detoxify, LLM Guard and
Presidio."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE, OLLAMA, URL

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> list[tuple[str, str, str | None, int]]:
    found = discover(write_files(tmp_path, files)).refs
    return sorted((r.id, r.source, r.provider, r.location.line) for r in found)


def test_a_plural_setting_lists_several_models_in_one_string(tmp_path):
    src = """import os
from pydantic import BaseModel


class Valves(BaseModel):
    AZURE_OPENAI_MODELS: str = "gpt-35-turbo;gpt-4o"
    AZURE_OPENAI_MODEL_NAMES: str = "GPT-35 Turbo;GPT-4o"
    CHAT_MODELS: str = "gpt-4o-mini, o3-mini"


settings = {"AZURE_OPENAI_MODELS": os.getenv("AZURE_OPENAI_MODELS", "dall-e-2;dall-e-3")}
"""
    assert refs(tmp_path, {"valves.py": src}) == [
        ("dall-e-2", HOSTED, "azure-openai", 11),
        ("dall-e-3", HOSTED, "azure-openai", 11),
        ("gpt-35-turbo", HOSTED, "azure-openai", 6),
        ("gpt-4o", HOSTED, "azure-openai", 6),
        ("gpt-4o-mini", HOSTED, "openai", 8),
        ("o3-mini", HOSTED, "openai", 8),
    ]  # display names (with spaces) are no list of models, and no string is one model


def test_a_separated_string_under_a_singular_name_is_no_model(tmp_path):
    src = """OPENAI_MODEL = "gpt-4o;gpt-4o-mini"
MODELS_NOTE = "see the docs, then pick"
"""
    assert refs(tmp_path, {"settings.py": src}) == []


def test_a_name_that_says_whose_models_holds_them_in_a_list(tmp_path):
    src = """OPENAI_MODELS = ["gpt-4o", "gpt-4o-mini"]


class Pipeline:
    def get_anthropic_models(self):
        return [
            {"id": "claude-3-haiku-20240307", "name": "claude-3-haiku"},
            {"id": "claude-3-5-sonnet-20241022", "name": "claude-3.5-sonnet"},
        ]
"""
    assert refs(tmp_path, {"manifold.py": src}) == [
        ("claude-3-5-sonnet-20241022", HOSTED, "anthropic", 8),
        ("claude-3-haiku-20240307", HOSTED, "anthropic", 7),
        ("gpt-4o", HOSTED, "openai", 1),
        ("gpt-4o-mini", HOSTED, "openai", 1),
    ]  # the names beside the ids are display labels


def test_a_list_of_model_options_names_its_ids_of_a_providers_shape(tmp_path):
    src = """class Pipeline:
    def __init__(self):
        self.url = "https://api.perplexity.ai/chat/completions"
        self.pipelines = [
            {"id": "sonar-pro", "name": "Sonar Pro"},
            {"id": "gemini-2.0-flash", "name": "Gemini 2.0 Flash"},
            {"id": "rag-pipeline", "name": "My RAG"},
        ]
        self.filters = [{"id": "gpt-4o", "name": "x", "kind": "a", "level": 1, "extra": 2}]
        self.users = [{"id": "gpt-4o", "email": "a@b.c"}]

    def pipe(self, user_message, model_id, body):
        return {**body, "model": model_id}
"""
    assert refs(tmp_path, {"plugin.py": src}) == [
        ("gemini-2.0-flash", HOSTED, "google-gemini", 6),
        ("sonar-pro", HOSTED, "perplexity", 5),
    ]  # an id of no provider's shape, a record with more fields, one without a label: nothing


def test_a_table_of_name_fragments_names_no_models(tmp_path):
    src = """THINKING_PREFIXES = ("claude-3-7", "claude-sonnet-4")
SUPPORTED_MODELS = ["gpt-4o", "gpt-4o-mini"]


class Pipeline:
    def get_thinking_supported_models(self):
        return ["claude-3-7", "claude-sonnet-4", "claude-opus-4"]

    def thinks(self, model_id):
        return any(m in model_id for m in self.get_thinking_supported_models())

    def listed(self, model):
        allowed_models = ["gpt", "o1", "o3"]
        return [m for m in model["data"] if any(s in m["id"] for s in allowed_models)]

    def prefixed(self, model_name):
        for p in ["o4", "o5"]:
            if model_name.startswith(p):
                return True
        return model_name.startswith(THINKING_PREFIXES)

    def available(self, installed_models):
        return [m for m in SUPPORTED_MODELS if m in installed_models]
"""
    assert refs(tmp_path, {"manifold.py": src}) == [
        ("gpt-4o", HOSTED, "openai", 2),
        ("gpt-4o-mini", HOSTED, "openai", 2),
    ]  # a list tested for membership in a collection holds whole names


def test_a_nested_settings_class_takes_the_provider_its_file_names(tmp_path):
    src = """from pydantic import BaseModel


class Pipeline:
    class Valves(BaseModel):
        MODEL_ID: str = "jais-30b-chat"

    def get_models(self):
        return [{"id": "DeepSeek-R1", "name": "DeepSeek R1"}]
"""
    other = """class Pipeline:
    class Valves:
        MODEL_ID: str = "jais-30b-chat"
"""
    assert refs(tmp_path, {"azure_inference_pipeline.py": src, "plain_pipeline.py": other}) == [
        ("DeepSeek-R1", HOSTED, "azure-openai", 9),
        ("jais-30b-chat", HOSTED, "azure-openai", 6),
    ]  # a file whose name names no provider: the plain name stays unknown


def test_a_plain_name_in_an_ollama_file_is_an_ollama_model(tmp_path):
    src = """from pydantic import BaseModel


class Pipeline:
    class Valves(BaseModel):
        vision_model: str = "llava"
        fallback_model: str = "gpt-4o"
        mode: str = "llava"
"""
    other = """class Valves:
    vision_model: str = "llava"
"""
    assert refs(tmp_path, {"ollama_vision_filter.py": src, "vision_filter.py": other}) == [
        ("gpt-4o", HOSTED, "openai", 7),
        ("llava:latest", OLLAMA, None, 6),
    ]


def test_a_fallback_entry_of_a_fetched_model_list_is_no_model(tmp_path):
    src = """import requests


def get_ollama_models(base):
    try:
        return [{"id": m["model"], "name": m["name"]} for m in requests.get(base).json()]
    except Exception:
        return [{"id": "error", "name": "Could not fetch models"}]
"""
    assert refs(tmp_path, {"manifold.py": src}) == []


def test_filter_libraries_load_their_default_models(tmp_path):
    src = """from detoxify import Detoxify
from llm_guard.input_scanners import PromptInjection
from presidio_analyzer import AnalyzerEngine

toxicity = Detoxify("original")
multilingual = Detoxify(model_type="multilingual")
scanner = PromptInjection(threshold=0.8)
analyzer = AnalyzerEngine()
own = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
custom = PromptInjection(model=MY_MODEL)
"""
    release = "https://github.com/unitaryai/detoxify/releases/download/"
    assert refs(tmp_path, {"filters.py": src}) == [
        ("bert-base-uncased", HUGGINGFACE, None, 5),
        (release + "v0.1-alpha/toxic_original-c1212f89.ckpt", URL, None, 5),
        (release + "v0.4-alpha/multilingual_debiased-0b549669.ckpt", URL, None, 6),
        ("protectai/deberta-v3-base-prompt-injection-v2", HUGGINGFACE, None, 7),
        ("spacy/en_core_web_lg", HUGGINGFACE, None, 8),
        ("xlm-roberta-base", HUGGINGFACE, None, 6),
    ]  # an engine or a model record of the caller's own: no default
