"""Python shapes that say what a string is without a model-naming name or a loader around it: an
``hf://`` URI anywhere in the code (a dataset read with pandas, a model file opened through the
Hub's file system), and a record passed as a model (``model={"name": "org/x", "params": ...}``).
Each with the decoys real code holds next to them."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import DATASET, HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> set[tuple[str, str, int]]:
    return {(r.id, r.source, r.location.line) for r in discover(write_files(tmp_path, files)).refs}


def test_an_hf_uri_in_any_string_of_the_code_names_its_dataset_or_model(tmp_path):
    src = '''"""Reads hf://datasets/doc-org/doc-data/train.parquet (prose)."""
import pandas as pd
from huggingface_hub import HfFileSystem

# df = pd.read_parquet("hf://datasets/comment-org/comment-data/x.parquet")
df = pd.read_parquet("hf://datasets/stanfordnlp/imdb/plain_text/train-00000-of-00001.parquet")
fs = HfFileSystem()
with fs.open("hf://openai-community/gpt2/config.json") as f:
    config = f.read()
SAMPLE = "hf://datasets/HuggingFaceFW/fineweb/sample/10BT"
weights = load_file("hf://meta-llama/Llama-3.2-1B@main/model.safetensors")
shards = pd.read_parquet(f"hf://datasets/allenai/c4/en/{split}.parquet")
print("see hf://datasets/print-org/print-data for details")
partial = pd.read_parquet(f"hf://datasets/allenai/{name}/x.parquet")
fixture = "hf://test-org/test-model"
'''
    got = refs(tmp_path, {"data.py": src})
    assert got == {
        ("stanfordnlp/imdb", DATASET, 6),
        ("openai-community/gpt2", HUGGINGFACE, 8),
        ("HuggingFaceFW/fineweb", DATASET, 10),
        ("meta-llama/Llama-3.2-1B", HUGGINGFACE, 11),
        ("allenai/c4", DATASET, 12),  # the f-string's literal head names the whole repository
    }
    found = discover(tmp_path).refs
    assert next(r for r in found if r.id == "meta-llama/Llama-3.2-1B").revision == "main"
    assert all("hf:// URI" in r.evidence for r in found)


def test_an_hf_uri_the_file_writes_to_is_its_own_product(tmp_path):
    src = """import pandas as pd
import polars as pl

OUT = "hf://datasets/acme/exported/data.csv"
df = pd.read_parquet("hf://datasets/stanfordnlp/imdb/plain_text/train.parquet")
df.to_parquet("hf://datasets/acme/processed/train.parquet")
df.to_csv(OUT, index=False)
pl.from_pandas(df).write_parquet(f"hf://datasets/acme/polars-out/{name}.parquet")
"""
    assert refs(tmp_path, {"export.py": src}) == {("stanfordnlp/imdb", DATASET, 5)}


def test_hub_urls_and_ollama_uris_in_code_strings(tmp_path):
    src = """import urllib.request

urllib.request.urlretrieve(
    "https://huggingface.co/TheBloke/Llama-2-7B-GGUF/resolve/main/llama-2-7b.Q4_K_M.gguf", "m.gguf"
)
SOURCE = "ollama://qwen2.5:0.5b"
HELP = "https://huggingface.co/docs/hub/index"
SAM = {"vit_b": "https://dl.fbaipublicfiles.com/segment_anything/sam_vit_b_01ec64.pth"}
PAGE = "https://huggingface.co/TheBloke/Llama-2-7B-GGUF/blob/main/README.md"
"""
    assert refs(tmp_path, {"fetch.py": src}) == {
        ("TheBloke/Llama-2-7B-GGUF", HUGGINGFACE, 4),
        ("qwen2.5:0.5b", "ollama", 6),
        (
            "https://dl.fbaipublicfiles.com/segment_anything/sam_vit_b_01ec64.pth",
            "url",
            8,
        ),  # a weights file's download URL, named by the URL
    }


def test_a_record_passed_as_a_model_names_it_by_its_name_or_id(tmp_path):
    src = """from agents import build

agent = build(model={"name": "Qwen/Qwen2.5-7B-Instruct", "params": {"temperature": 0.1}})
CONFIG = {"model": {"id": "mistralai/Mistral-7B-Instruct-v0.3", "kwargs": {"max_tokens": 100}}}
judge_model = {"repo_id": "google/gemma-2-2b-it", "revision": "main", "options": {"seed": 1}}
EMBEDDING_MODELS = [
    {"id": "BAAI/bge-small-en-v1.5", "label": "BGE small", "dims": [384]},
    {"id": "intfloat/e5-base-v2", "label": "E5 base"},
]
"""
    assert refs(tmp_path, {"agent.py": src}) == {
        ("Qwen/Qwen2.5-7B-Instruct", HUGGINGFACE, 3),
        ("mistralai/Mistral-7B-Instruct-v0.3", HUGGINGFACE, 4),
        ("google/gemma-2-2b-it", HUGGINGFACE, 5),
        ("BAAI/bge-small-en-v1.5", HUGGINGFACE, 7),
        ("intfloat/e5-base-v2", HUGGINGFACE, 8),
    }
    by_id = {r.id: r.evidence for r in discover(tmp_path).refs}
    assert by_id["Qwen/Qwen2.5-7B-Instruct"] == "model keyword model (the name of a record)"
    assert by_id["mistralai/Mistral-7B-Instruct-v0.3"].endswith("(the id of a record)")


def test_a_table_of_model_records_built_by_a_constructor_names_their_ids(tmp_path):
    src = """from dataclasses import dataclass


@dataclass
class ModelConfig:
    id: str
    name: str
    provider: str


MODELS: dict[str, ModelConfig] = {
    "claude-haiku-4.5": ModelConfig(
        id="anthropic:claude-haiku-4-5-20251001", name="Claude Haiku 4.5", provider="anthropic"
    ),
    "fast": ModelConfig(id="openai:gpt-4.1-nano", name="GPT-4.1 Nano", provider="openai"),
}
FALLBACK_MODELS = [MODELS["fast"]]
"""
    got = {(i, s, line) for i, s, line in refs(tmp_path, {"config.py": src})}
    assert ("claude-haiku-4-5-20251001", HOSTED, 13) in got
    assert ("gpt-4.1-nano", HOSTED, 15) in got
    assert not any(i in ("claude-haiku-4.5", "Claude Haiku 4.5", "GPT-4.1 Nano") for i, _, _ in got)


def test_constructor_records_without_a_model_key_or_under_other_names_name_nothing(tmp_path):
    src = """from app import Column, Spec, Route

MODELS = {
    "user": Column(table="users", column="org/name"),
    "spec": Spec("acme/positional-not-a-record", name="x"),
}
ROUTES = {"fast": Route(id="openai:gpt-4.1-nano", name="Fast")}
"""
    assert refs(tmp_path, {"tables.py": src}) == set()


def test_nested_settings_without_a_model_key_name_nothing(tmp_path):
    src = """model = {
    "apiVersion": "kubeai.org/v1",
    "kind": "Model",
    "metadata": {"name": "facebook-opt-125m", "labels": {"org": "acme/team"}},
    "spec": {"owner": "facebook", "engine": "VLLM"},
}
model_settings = {"optimizer": {"name": "adamw"}, "tokenizer_path": "acme/tokenizers"}
MODEL = {"encoder": {"name": "acme/encoder-v2"}, "layers": [6, 6]}
model_kwargs = {"name": "acme/not-a-model", "cache": {"dir": "/tmp"}}
llm = {"name": "my-assistant", "tools": ["search"], "description": "org/x helper"}
"""
    assert refs(tmp_path, {"settings.py": src}) == set()


def test_a_choice_of_the_hosted_default_s_family_is_that_provider_s_model(tmp_path):
    src = """import argparse
from app.lm import DeepSeekModel

parser = argparse.ArgumentParser()
parser.add_argument(
    "--model",
    choices=["deepseek-chat", "deepseek-coder"],
    default="deepseek-chat",
    help='"deepseek-chat" for general tasks, "deepseek-coder" for coding tasks.',
)
args = parser.parse_args()
lm = DeepSeekModel(model=args.model)
"""
    found = discover(write_files(tmp_path, {"run.py": src})).refs
    coder = [r for r in found if r.id == "deepseek-coder"]
    assert [(r.source, r.provider, r.location.line) for r in coder] == [(HOSTED, "deepseek", 7)]
    assert "beside its default deepseek-chat" in coder[0].evidence


def test_choices_of_no_family_of_the_hosted_default_are_no_models(tmp_path):
    src = """import argparse

parser = argparse.ArgumentParser()
parser.add_argument("--model", choices=["gpt-4o", "auto", "none", "local-llm"], default="gpt-4o")
parser.add_argument("--mode", choices=["deepseek-fast", "deepseek-slow"], default="deepseek-chat")
parser.add_argument("--model-name", choices=["my-model", "my-other-model"], default="my-model")
"""
    got = refs(tmp_path, {"cli.py": src})
    assert {r[0] for r in got} == {"gpt-4o"}


def test_the_model_of_a_request_body_posted_to_a_hosted_api(tmp_path):
    src = """import requests

base_url = "https://api.contextual.ai/v1"
endpoint = f"{base_url}/generate"
payload = {
    "model": "v1",
    "messages": messages,
    "max_new_tokens": 1024,
}
response = requests.post(endpoint, json=payload, headers=headers)
"""
    found = discover(write_files(tmp_path, {"glm.py": src})).refs
    assert [(r.id, r.source, r.provider, r.location.line) for r in found] == [
        ("v1", HOSTED, "contextual", 6)
    ]
    assert "request body posted to Contextual AI" in found[0].evidence


def test_a_request_body_to_a_local_or_unknown_host_or_without_a_model_key_names_nothing(
    tmp_path,
):
    src = '''import httpx
import requests

"""requests.post("https://api.contextual.ai/v1/generate", json={"model": "v1"})"""
local = requests.post("http://localhost:8000/generate", json={"model": "v1"})
own = httpx.post("https://api.example.com/run", json={"model": "v2"})
other = requests.post("https://api.contextual.ai/v1/parse", json={"mode": "fast"})
prose = requests.post("https://api.contextual.ai/v1/x", json={"model": "a long sentence"})
'''
    assert not refs(tmp_path, {"client.py": src})
