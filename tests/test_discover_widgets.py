"""Model choices in configuration and UI widgets, run-time fallbacks of a model-naming key, the
lists a model-naming function returns, and the hosted provider the enclosing class or file
names: each shape on a real file, with the decoys that only look like it."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]):
    return discover(write_files(tmp_path, files)).refs


def found(tmp_path, files: dict[str, str]) -> set[tuple[str, str, str | None]]:
    return {(r.id, r.source, r.provider) for r in refs(tmp_path, files)}


def test_a_widget_under_a_model_naming_key_names_its_models(tmp_path):
    src = """from app.types import InputConfig
import gradio as gr


class Embedder:
    def __init__(self):
        self.config = {
            "Model": InputConfig(
                type="dropdown",
                value="BAAI/bge-m3",
                description="Select an embedding model",
                values=["BAAI/bge-m3", "mixedbread-ai/mxbai-embed-large-v1"],
            ),
            "Chunk Size": InputConfig(type="number", value="org/not-a-model", values=[]),
        }
        self.config["Reranker"] = InputConfig(type="text", value="some text", values=[])


model = gr.Dropdown(choices=["Qwen/Qwen2.5-7B-Instruct", "gpt-4o"], value="gpt-4o", label="Model")
theme = gr.Dropdown(choices=["org/theme-a"], value="org/theme-a")
"""
    got = {(r.id, r.location.line) for r in refs(tmp_path, {"app.py": src})}
    assert got == {
        ("BAAI/bge-m3", 10),
        ("BAAI/bge-m3", 12),
        ("mixedbread-ai/mxbai-embed-large-v1", 12),
        ("Qwen/Qwen2.5-7B-Instruct", 19),
        ("gpt-4o", 19),
    }
    evidence = {r.evidence for r in refs(tmp_path, {"app.py": src}) if r.id == "BAAI/bge-m3"}
    assert evidence == {"model key Model (a widget's value)"}


def test_the_default_of_a_model_naming_key_lookup(tmp_path):
    src = """def generate(config):
    model = config.get("Model", {"value": "deepseek/deepseek_v3"}).value
    embedder = config.get("Model", "embed-english-v3.0").value
    other = config.get("Model", {"value": "text-embedding-ada-002", "description": "An old model"})
    size = config.get("Chunk Size", {"value": "org/not-a-model"})
    none = config.get("Model")
    return model, embedder, other, size, none
"""
    got = {(r.id, r.source, r.location.line) for r in refs(tmp_path, {"gen.py": src})}
    assert got == {
        ("deepseek_v3", HOSTED, 2),
        ("embed-english-v3.0", HOSTED, 3),
        ("text-embedding-ada-002", HOSTED, 4),
    }


def test_what_a_model_naming_function_returns(tmp_path):
    src = """DEFAULT_LIST = ["BAAI/bge-small-en-v1.5", "intfloat/e5-base-v2"]


def get_models(token):
    if token is None:
        return ["text-embedding-3-small", "text-embedding-3-large"]
    try:
        return [m["id"] for m in fetch(token)]
    except Exception:
        return DEFAULT_LIST


def fallback_models():
    return ["No model detected", f"Couldn't connect to {token}"]


def get_colors():
    return ["org/red", "org/blue"]
"""
    got = {(r.id, r.location.line) for r in refs(tmp_path, {"models.py": src})}
    assert got == {
        ("text-embedding-3-small", 6),
        ("text-embedding-3-large", 6),
        ("BAAI/bge-small-en-v1.5", 1),
        ("intfloat/e5-base-v2", 1),
        ("BAAI/bge-small-en-v1.5", 10),
        ("intfloat/e5-base-v2", 10),
    }


def test_the_enclosing_class_or_file_names_the_hosted_provider(tmp_path):
    upstage = """class UpstageGenerator:
    MODELS = ["solar-pro", "solar-mini"]
    DEFAULT_MODEL = "solar-pro"

    @staticmethod
    def get_models():
        return ["embedding-query", "embedding-passage"]
"""
    groq = """DEFAULT_MODEL_LIST = ["gemma-7b-it", "llama3-70b-8192"]


def get_models(url, key):
    if not key:
        return DEFAULT_MODEL_LIST
"""
    plain = """class Settings:
    MODELS = ["fast-v2", "auto"]


class VoyageSettings:
    MODELS = ["default", "auto"]
"""
    got = found(
        tmp_path,
        {"gen/upstage.py": upstage, "gen/GroqGenerator.py": groq, "settings.py": plain},
    )
    assert got == {
        ("solar-pro", HOSTED, "upstage"),
        ("solar-mini", HOSTED, "upstage"),
        ("embedding-query", HOSTED, "upstage"),
        ("embedding-passage", HOSTED, "upstage"),
        ("gemma-7b-it", HOSTED, "groq"),
        ("llama3-70b-8192", HOSTED, "groq"),
    }


def test_a_name_with_a_shape_of_its_own_keeps_it_in_a_provider_class(tmp_path):
    src = """class CohereEmbedder:
    MODELS = ["embed-english-v3.0", "BAAI/bge-m3", "bert-base-uncased", "voyage-2"]
"""
    got = found(tmp_path, {"embed.py": src})
    assert got == {
        ("embed-english-v3.0", HOSTED, "cohere"),
        ("BAAI/bge-m3", HUGGINGFACE, None),
        ("bert-base-uncased", HUGGINGFACE, None),
        ("voyage-2", HOSTED, "voyage"),
    }


def test_a_bare_sentence_transformers_name_in_its_embedders_dropdown(tmp_path):
    src = """from sentence_transformers import SentenceTransformer


class SentenceTransformersEmbedder:
    def __init__(self):
        self.config = {
            "Model": InputConfig(value="all-MiniLM-L6-v2", values=["all-mpnet-base-v2"]),
        }

    def vectorize(self, config, content):
        return SentenceTransformer(config.get("Model").value).encode(content)

"""
    # the same dropdown in a file whose loader reads nothing by that key: a bare name says nothing
    other = """class OtherEmbedder:
    def __init__(self):
        self.config = {"Model": InputConfig(value="all-MiniLM-L6-v2")}

    def vectorize(self, config, content):
        return SentenceTransformer(self.path).encode(content)
"""
    got = {
        (r.id, r.location.path, r.evidence)
        for r in refs(tmp_path, {"st.py": src, "other.py": other})
    }
    read_by = "model key Model (read by SentenceTransformer())"
    assert got == {
        ("sentence-transformers/all-MiniLM-L6-v2", "st.py", read_by),
        ("sentence-transformers/all-mpnet-base-v2", "st.py", read_by),
    }


def test_a_lookup_passed_to_a_call_is_read_as_the_callee_reads_it(tmp_path):
    src = """from langchain_openai import ChatOpenAI


def build(**kwargs):
    return ChatOpenAI(
        base_url="https://api.siliconflow.cn/v1",
        model_name=kwargs.get("model_name", "Qwen/QwQ-32B"),
    )
"""
    got = found(tmp_path, {"llm.py": src})
    assert got == {("Qwen/QwQ-32B", HOSTED, "siliconflow")}
