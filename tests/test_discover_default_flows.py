"""Defaults that reach a model: a parameter rebound to what its loader returns, the URL of a
model archive, and the other shapes of a wrapper library's default models."""

from __future__ import annotations

from licaudit.discover import discover

from .discover_helpers import write_files


def _ids(tmp_path, files):
    return {(r.id, r.source) for r in discover(write_files(tmp_path, files)).refs}


def test_a_parameter_rebound_to_its_loaders_result_still_reaches_the_loader(tmp_path):
    src = """def recognize(recognizer, audio, model: str = "base", options=None):
    from faster_whisper import WhisperModel

    model = WhisperModel(model, **options or {})
    return model.transcribe(audio)
"""
    assert _ids(tmp_path, {"rec.py": src}) == {("Systran/faster-whisper-base", "huggingface")}


def test_a_name_rebound_before_the_call_is_the_new_value(tmp_path):
    # the rebinding is a statement before the call: the loader gets the new value only
    src = """def recognize(audio, model: str = "base"):
    from faster_whisper import WhisperModel

    model = "small"
    engine = WhisperModel(model)
    return engine
"""
    assert _ids(tmp_path, {"rec.py": src}) == {("Systran/faster-whisper-small", "huggingface")}


def test_the_url_of_a_model_archive_is_a_model(tmp_path):
    src = """import argparse

def main(argv=None):
    parser = argparse.ArgumentParser(prog="tool")
    sub = parser.add_subparsers(dest="command")
    fetch = sub.add_parser("fetch")
    fetch.add_argument("--url", default="https://example.org/asr/models/asr-model-small-en-0.1.zip")
    fetch.add_argument("--alt", default="https://dl.acme.io/models/acme-model-en.tar.gz")
    return parser.parse_args(argv)
"""
    src = src.replace("example.org", "files.acme-speech.net")
    assert _ids(tmp_path, {"cli.py": src}) == {
        ("https://files.acme-speech.net/asr/models/asr-model-small-en-0.1.zip", "url"),
        ("https://dl.acme.io/models/acme-model-en.tar.gz", "url"),
    }


def test_archives_whose_name_says_no_model_are_no_models(tmp_path):
    # a data set under a models/ folder, a package named ...model, a tool release, a template
    src = """DATA = "http://download.acme.org/models/speech_commands_v0.01.zip"
PKG = "https://files.pythonhosted.org/packages/ea/80/sqlmodel-0.0.25.tar.gz"
TOOL = "https://github.com/acme/pandoc/releases/download/3.6/pandoc-3.6-linux-amd64.tar.gz"
TEMPLATE = "https://dl.acme.io/{name}-model.zip"
LOCAL = "http://localhost:8000/acme-model.zip"
"""
    assert _ids(tmp_path, {"urls.py": src}) == set()


def test_a_settings_field_read_off_a_typed_parameter_or_a_factory_is_its_default(tmp_path):
    files = {
        "app/configuration.py": """from pydantic import BaseModel, Field


class Configuration(BaseModel):
    local_llm: str = Field(default="llama3.2", title="LLM Model Name")

    @classmethod
    def from_runnable_config(cls, config=None) -> "Configuration":
        return cls(**((config or {}).get("configurable") or {}))
""",
        "app/graph.py": """from langchain_ollama import ChatOllama

from app.configuration import Configuration


def get_llm(configurable: Configuration):
    return ChatOllama(model=configurable.local_llm, temperature=0)


def summarize(state, config):
    configurable = Configuration.from_runnable_config(config)
    return ChatOllama(model=configurable.local_llm)
""",
    }
    refs = discover(write_files(tmp_path, files)).refs
    assert {(r.id, r.source) for r in refs} == {("llama3.2:latest", "ollama")}
    # reported where the field is used, as a constant imported from another module is
    places = {(r.location.path, r.location.line) for r in refs}
    assert places == {("app/graph.py", 7), ("app/graph.py", 12)}


def test_a_typed_parameter_of_a_class_of_the_file_reads_its_field(tmp_path):
    src = """from dataclasses import dataclass

from langchain_ollama import ChatOllama


@dataclass
class Settings:
    chat_model: str = "qwen2.5:7b"


def build(settings: "Settings | None"):
    return ChatOllama(model=settings.chat_model)
"""
    assert _ids(tmp_path, {"app.py": src}) == {("qwen2.5:7b", "ollama")}


def test_fields_of_other_shapes_are_no_defaults(tmp_path):
    # an annotation that names no class of the repository, a factory of no class of the file,
    # a field that holds no string
    src = """from langchain_ollama import ChatOllama


class Settings:
    chat_model = None


def build(settings: dict, other: Settings, cfg):
    a = ChatOllama(model=settings.chat_model)
    b = ChatOllama(model=other.chat_model)
    conf = Unknown.from_env()
    c = ChatOllama(model=conf.chat_model)
    return a, b, c, ChatOllama(model=cfg.chat_model)
"""
    assert _ids(tmp_path, {"app.py": src}) == set()


def test_a_model_key_of_a_local_lm_studio_server_is_its_model(tmp_path):
    src = """from langchain_openai import ChatOpenAI


class ChatLocal(ChatOpenAI):
    def __init__(self, base_url: str = "http://localhost:1234/v1", model: str = "qwen_qwq-32b", **kw):
        super().__init__(base_url=base_url, model=model, **kw)


direct = ChatOpenAI(base_url="http://127.0.0.1:1234/v1", model="mistral-nemo-instruct-2407")
"""
    refs = discover(write_files(tmp_path, {"llm.py": src})).refs
    assert {(r.id, r.source, r.provider) for r in refs} == {
        ("qwen_qwq-32b", "hosted", "lmstudio"),
        ("mistral-nemo-instruct-2407", "hosted", "lmstudio"),
    }


def test_a_bare_name_at_another_local_server_or_a_placeholder_is_no_lm_studio_model(tmp_path):
    src = """from langchain_openai import ChatOpenAI

vllm = ChatOpenAI(base_url="http://localhost:8000/v1", model="qwen_qwq-32b")
lm = ChatOpenAI(base_url="http://localhost:1234/v1", model="<your-model>")
lm2 = ChatOpenAI(base_url="http://localhost:1234/v1", model="models/local/file name")
"""
    assert _ids(tmp_path, {"llm.py": src}) == set()


def test_a_tensorflow_graph_file_where_a_graph_goes_is_a_local_model(tmp_path):
    files = {
        "pkg/__init__.py": """class Recognizer:
    def recognize_graph(self, audio, tensor_graph="graph-data/commands_frozen.pb", labels="graph-data/labels.txt"):
        import tensorflow as tf

        with tf.io.gfile.GFile(tensor_graph, "rb") as f:
            graph_def = tf.compat.v1.GraphDef()
            graph_def.ParseFromString(f.read())
        return graph_def
""",
        "examples/commands.py": """import pkg

pkg.Recognizer().recognize_graph(None, tensor_graph="pkg/graph-data/commands_frozen.pb")
""",
    }
    assert _ids(tmp_path, files) == {
        # a package's module reads a relative path from the working folder
        ("graph-data/commands_frozen.pb", "local"),
        # a path that starts at a folder of the root is read from the root
        ("pkg/graph-data/commands_frozen.pb", "local"),
    }


def test_graphs_that_are_no_files_are_no_models(tmp_path):
    src = """from langgraph.graph import StateGraph

graph = StateGraph(dict).compile()
knowledge_graph = "data/kg.json"
graph_path = "out/graph.png"
proto = "schemas/message.pb"
"""
    assert _ids(tmp_path, {"app.py": src}) == set()


def test_a_scripts_relative_weights_path_stays_in_its_folder(tmp_path):
    # no folder of the root starts the path, and the script is no package module
    src = 'CHECKPOINT = "weights/sam_vit_b.pth"\n'
    assert _ids(tmp_path, {"tools/run.py": src}) == {("tools/weights/sam_vit_b.pth", "local")}


def test_an_imported_annotation_leaves_an_argparse_default_of_the_field(tmp_path):
    src = """import argparse
from argparse import Namespace

from faster_whisper import WhisperModel


def run(args: Namespace):
    return WhisperModel(args.model)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="medium")
    run(parser.parse_args())
"""
    assert _ids(tmp_path, {"run.py": src}) == {("Systran/faster-whisper-medium", "huggingface")}


def test_a_name_that_only_ends_in_graph_takes_no_graph_file(tmp_path):
    src = 'paragraph = "acme/intro"\nphotograph = "shots/frozen.pb"\n'
    assert _ids(tmp_path, {"text.py": src}) == set()
