"""The Python scanner, one shape at a time: what real code names a model with (defaults, names,
implicit library defaults, hosted APIs) and what it must never report, each on a real file."""

from __future__ import annotations

import json

import pytest

from licaudit.discover import discover, python
from licaudit.model import HOSTED, HUGGINGFACE, LOCAL, OLLAMA

from .discover_helpers import write_files


def found(tmp_path, src: str, name: str = "app.py") -> list[tuple[str, str, int]]:
    return [(r.id, r.source, r.location.line) for r in scan(tmp_path, src, name).refs]


def scan(tmp_path, src: str, name: str = "app.py"):
    return discover(write_files(tmp_path, {name: src}))


def ids(tmp_path, src: str) -> set[str]:
    return {r.id for r in scan(tmp_path, src).refs}


# ---------------------------------------------------------------- defaults that are the model


def test_environment_defaults_are_the_model_in_practice(tmp_path):
    src = """import os
from transformers import AutoModel
MODEL_ID = os.getenv("MODEL_ID", "Qwen/Qwen2.5-0.5B")
EMBED = os.environ.get("EMBEDDING_MODEL", "BAAI/bge-small-en-v1.5")
GENERATION_MODEL = os.getenv("GENERATION_MODEL") or CONFIG.get("generation") or "qwen3:8b"
os.environ.setdefault("RERANKER_MODEL", "BAAI/bge-reranker-base")
AutoModel.from_pretrained(os.getenv("WHICH", "org/loaded-default"))
LOG_DIR = os.getenv("LOG_DIR", "runs/2024")
"""
    result = scan(tmp_path, src)
    got = {(r.id, r.source, r.location.line): r.evidence for r in result.refs}
    assert got == {
        ("Qwen/Qwen2.5-0.5B", HUGGINGFACE, 3): "model, the default of MODEL_ID",
        ("BAAI/bge-small-en-v1.5", HUGGINGFACE, 4): "model, the default of EMBEDDING_MODEL",
        ("qwen3:8b", OLLAMA, 5): "model variable GENERATION_MODEL",
        ("BAAI/bge-reranker-base", HUGGINGFACE, 6): "model, the default of RERANKER_MODEL",
        (
            "org/loaded-default",
            HUGGINGFACE,
            7,
        ): "AutoModel.from_pretrained() model argument, the default of WHICH",
    }


def test_an_environment_lookup_without_default_is_unresolvable_never_a_model(tmp_path):
    src = 'import os\nfrom transformers import AutoModel\nAutoModel.from_pretrained(os.environ["M"])\n'
    result = scan(tmp_path, src)
    assert result.refs == ()
    assert [u.reason for u in result.unresolvable] == [
        "model id of AutoModel.from_pretrained(): environment lookup"
    ]


def test_declared_options_and_fields(tmp_path):
    src = """import argparse, click, typer
from dataclasses import dataclass, field
from pydantic import BaseModel, Field
from absl import flags
from sentence_transformers import SentenceTransformer

parser = argparse.ArgumentParser()
parser.add_argument("--model_name_or_path", default="meta-llama/Llama-3.2-1B")
parser.add_argument("--student", dest="student_model", default="paraphrase-MiniLM-L3-v2")
parser.add_argument("--output_dir", default="acme/not-a-dependency")
args = parser.parse_args()
SentenceTransformer(args.student_model)

@click.command()
@click.option("--model", "-m", default="mistralai/Mistral-7B-v0.3")
def serve(model):
    pass

def train(base_model: str = typer.Option("google/gemma-2-2b", help="x")):
    pass

flags.DEFINE_string("teacher_model", "Qwen/Qwen2.5-7B", "the teacher")

@dataclass
class Args:
    sft_model_path: str = field(default="EleutherAI/pythia-1b")
    hub_model_id: str = field(default="acme/pushed")

class Settings(BaseModel):
    embedding_model: str = Field("intfloat/e5-base-v2", description="x")
"""
    assert found(tmp_path, src) == [
        ("meta-llama/Llama-3.2-1B", HUGGINGFACE, 8),
        ("sentence-transformers/paraphrase-MiniLM-L3-v2", HUGGINGFACE, 9),
        ("sentence-transformers/paraphrase-MiniLM-L3-v2", HUGGINGFACE, 12),
        ("mistralai/Mistral-7B-v0.3", HUGGINGFACE, 15),
        ("google/gemma-2-2b", HUGGINGFACE, 19),
        ("Qwen/Qwen2.5-7B", HUGGINGFACE, 22),
        ("EleutherAI/pythia-1b", HUGGINGFACE, 26),
        ("intfloat/e5-base-v2", HUGGINGFACE, 30),
    ]


def test_a_parameter_default_that_reaches_a_loader(tmp_path):
    src = """from transformers import AutoModelForSequenceClassification
def train(model_id: str = "distilbert-base-uncased", dataset_id: str = "sst2"):
    return AutoModelForSequenceClassification.from_pretrained(model_id)
def label(model_name: str = "org/named-only"):
    pass
def plain(path: str = "org/not-named"):
    pass
"""
    got = found(tmp_path, src)
    # the legacy id counts where it is written and where it is loaded; a name says it too
    assert got == [
        ("distilbert-base-uncased", HUGGINGFACE, 2),
        ("distilbert-base-uncased", HUGGINGFACE, 3),
        ("org/named-only", HUGGINGFACE, 4),
    ]


# ---------------------------------------------------------------- names in any call or binding


def test_model_naming_keywords_of_any_callable(tmp_path):
    src = """from trl import SFTTrainer, GRPOTrainer
from transformers import TrainingArguments, pipeline
from my_framework import build_agent
SFTTrainer(model="Qwen/Qwen2.5-0.5B", args=TrainingArguments(output_dir="acme/out", hub_model_id="acme/pushed"))
GRPOTrainer(model="Qwen/Qwen2.5-1.5B", reward_funcs="weqweasdas/RM-Gemma-2B")
pipeline("text-generation", model=model, tokenizer="org/tokenizer-only")
build_agent(teacher_model="meta-llama/Llama-3.1-70B", embedding_model="BAAI/bge-m3", served_model_name="acme/alias")
trainer.push_to_hub("acme/pushed-too")
"""
    assert found(tmp_path, src) == [
        ("Qwen/Qwen2.5-0.5B", HUGGINGFACE, 4),
        ("Qwen/Qwen2.5-1.5B", HUGGINGFACE, 5),
        ("weqweasdas/RM-Gemma-2B", HUGGINGFACE, 5),
        ("org/tokenizer-only", HUGGINGFACE, 6),
        ("meta-llama/Llama-3.1-70B", HUGGINGFACE, 7),
        ("BAAI/bge-m3", HUGGINGFACE, 7),
    ]


def test_assignments_to_names_attributes_and_class_fields(tmp_path):
    src = """GENERATION_MODEL = "meta-llama/Llama-3.1-8B-Instruct"
label = "org/not-a-model-name"
class Retriever:
    reranker_model = "BAAI/bge-reranker-v2-m3"
    def __init__(self):
        self.model_id = "sentence-transformers/all-mpnet-base-v2"
        self.output_dir = "acme/trained"
config = {}
config["embedding_model"] = "nomic-ai/nomic-embed-text-v1.5"
"""
    assert found(tmp_path, src) == [
        ("meta-llama/Llama-3.1-8B-Instruct", HUGGINGFACE, 1),
        ("BAAI/bge-reranker-v2-m3", HUGGINGFACE, 4),
        ("sentence-transformers/all-mpnet-base-v2", HUGGINGFACE, 6),
        ("nomic-ai/nomic-embed-text-v1.5", HUGGINGFACE, 9),
    ]


def test_dict_and_list_literals_consumed_with_a_computed_key(tmp_path):
    src = """from transformers import AutoModel
MODELS = {"small": "org/small", "large": "org/large"}
CHOICES = ["org/a", "org/b"]
SIZES = {"small": "org/not-loaded"}
def load(size, i):
    AutoModel.from_pretrained(MODELS[size])
    AutoModel.from_pretrained(CHOICES[i])
EMBEDDING_MODELS = []
EMBEDDING_MODELS.append("BAAI/bge-m3")
EMBEDDING_MODELS.extend(["intfloat/e5-small-v2"])
"""
    got = found(tmp_path, src)
    assert ("org/small", HUGGINGFACE, 6) in got and ("org/large", HUGGINGFACE, 6) in got
    assert ("org/a", HUGGINGFACE, 7) in got and ("org/b", HUGGINGFACE, 7) in got
    assert ("BAAI/bge-m3", HUGGINGFACE, 9) in got
    assert ("intfloat/e5-small-v2", HUGGINGFACE, 10) in got
    assert not any(i == "org/not-loaded" for i, _, _ in got)


def test_keys_of_a_record_and_a_provider_beside_the_model(tmp_path):
    src = """CONFIG = {
    "llm": {"provider": "ollama", "model": "llama3.1"},
    "planner_provider": "groq",
    "planner_model": "deepseek-r1-distill-llama-70b",
    "writer_model": models.get("writer_model", "claude-3-5-sonnet-latest"),
    "temperature": 0.2,
}
"""
    refs = scan(tmp_path, src).refs
    assert [(r.id, r.source, r.provider) for r in refs] == [
        ("llama3.1:latest", OLLAMA, None),
        ("deepseek-r1-distill-llama-70b", HOSTED, "groq"),
        ("claude-3-5-sonnet-latest", HOSTED, "anthropic"),
    ]


def test_a_model_name_compared_with_a_literal(tmp_path):
    src = 'if planner_model == "claude-3-7-sonnet-latest":\n    pass\nif mode == "org/not-named":\n    pass\n'
    assert found(tmp_path, src) == [("claude-3-7-sonnet-latest", HOSTED, 1)]


def test_values_follow_the_binding_that_reaches_the_use(tmp_path):
    src = """from transformers import AutoModel
model_id = "org/first"
AutoModel.from_pretrained(model_id)
model_id = "org/second"
AutoModel.from_pretrained(model_id)
if fast:
    name = "org/fast"
else:
    name = "org/slow"
AutoModel.from_pretrained(name)
"""
    got = [(i, line) for i, _, line in found(tmp_path, src)]
    assert ("org/first", 3) in got and ("org/second", 5) in got
    assert ("org/second", 3) not in got and ("org/first", 5) not in got
    assert ("org/fast", 10) in got and ("org/slow", 10) in got


def test_test_parameters_and_patched_settings(tmp_path):
    src = """import pytest
from unittest import mock
from transformers import AutoTokenizer
@pytest.mark.parametrize("tokenizer_name", ["org/tok-a", "org/tok-b"])
def test_tok(tokenizer_name):
    AutoTokenizer.from_pretrained(tokenizer_name)
def test_patch(monkeypatch):
    monkeypatch.setenv("GENERATION_MODEL", "org/patched-env")
    with mock.patch("app.BASELINE_MODEL_NAME", new="org/patched-constant"):
        pass
"""
    got = ids(tmp_path, src)
    assert {"org/tok-a", "org/tok-b", "org/patched-env", "org/patched-constant"} <= got


# ---------------------------------------------------------------- implicit models


def test_implicit_library_defaults_say_which_default(tmp_path):
    src = """from transformers import pipeline
from langchain_huggingface import HuggingFaceEmbeddings
clf = pipeline("sentiment-analysis")
zs = pipeline(task="zero-shot-classification")
fr = pipeline("translation_en_to_fr")
emb = HuggingFaceEmbeddings()
given = pipeline("summarization", model="org/given")
"""
    refs = scan(tmp_path, src).refs
    got = {(r.id, r.location.line): r.evidence for r in refs}
    assert got[("distilbert/distilbert-base-uncased-finetuned-sst-2-english", 3)].startswith(
        "implicit: the default model of transformers pipeline('text-classification')"
    )
    assert ("facebook/bart-large-mnli", 4) in got
    assert got[("sentence-transformers/all-mpnet-base-v2", 6)] == (
        "implicit: the default model of langchain HuggingFaceEmbeddings()"
    )
    assert ("org/given", 7) in got
    assert not any(line == 7 and i != "org/given" for i, line in got)  # a given model wins
    assert sum(1 for i, line in got if line == 5) <= 1


def test_library_names_completed_by_the_loader_data(tmp_path):
    src = """import spacy, timm, whisper
from sentence_transformers import SentenceTransformer
from ultralytics import YOLO
SentenceTransformer("all-MiniLM-L6-v2")
SentenceTransformer("bert-base-uncased")
spacy.load("en_core_web_sm")
timm.create_model("resnet50", pretrained=True)
timm.create_model("resnet18")
whisper.load_model("large-v3")
YOLO("yolov8n.pt")
YOLO("yolov8n.yaml")
"""
    refs = scan(tmp_path, src).refs
    assert [(r.id, r.source, r.location.line) for r in refs] == [
        ("sentence-transformers/all-MiniLM-L6-v2", HUGGINGFACE, 4),
        ("bert-base-uncased", HUGGINGFACE, 5),  # a legacy id the prefix map keeps bare
        ("spacy/en_core_web_sm", HUGGINGFACE, 6),  # spaCy publishes its pipelines on the Hub
        ("timm/resnet50.a1_in1k", HUGGINGFACE, 7),  # untrained resnet18: nothing is loaded
        ("large-v3", "openai-whisper", 9),  # OpenAI's checkpoint, from its CDN
        (
            "yolov8n.pt",
            "ultralytics",
            10,
        ),  # an Ultralytics asset; a .yaml builds an untrained model
    ]
    yolo = refs[-1]
    assert yolo.metadata.license == "agpl-3.0" and yolo.metadata.organization == "Ultralytics"
    assert "github.com/ultralytics/assets" in yolo.evidence
    assert refs[-2].metadata.license == "mit"


def test_a_library_named_by_the_setting(tmp_path):
    src = 'spacy_model = "en_core_web_lg"\nmodel_path = "yolov8m.pt"\nSAM_CHECKPOINT = "sam_vit_h_4b8939.pth"\nbest_model_path = "best_model.pt"\n'
    refs = scan(tmp_path, src).refs
    assert [(r.id, r.source) for r in refs] == [
        ("spacy/en_core_web_lg", HUGGINGFACE),
        ("yolov8m.pt", "ultralytics"),  # an Ultralytics release asset, named by its file
        ("sam_vit_h_4b8939.pth", LOCAL),  # a weights file, named by its file
    ]
    assert refs[1].metadata.license == "agpl-3.0"  # the Ultralytics map knows the asset


# ---------------------------------------------------------------- hosted APIs and local servers


def test_hosted_api_models_with_their_provider(tmp_path):
    src = """import anthropic, litellm
from openai import OpenAI
from langchain_openai import ChatOpenAI
from langchain.chat_models import init_chat_model
ChatOpenAI(model="gpt-4o")
client = OpenAI()
client.chat.completions.create(model="gpt-4o-mini", messages=[])
claude = anthropic.Anthropic()
claude.messages.create(model="claude-3-5-haiku-latest", max_tokens=1, messages=[])
litellm.completion(model="groq/llama-3.1-8b-instant", messages=[])
init_chat_model("openai:gpt-4.1")
init_chat_model("llama3.1", model_provider="ollama")
ANTHROPIC = "anthropic"
OPENAI_API_KEY = "sk-not-a-model"
"""
    refs = scan(tmp_path, src).refs
    assert [(r.id, r.source, r.provider, r.location.line) for r in refs] == [
        ("gpt-4o", HOSTED, "openai", 5),
        ("gpt-4o-mini", HOSTED, "openai", 7),
        ("claude-3-5-haiku-latest", HOSTED, "anthropic", 9),
        ("llama-3.1-8b-instant", HOSTED, "groq", 10),
        ("gpt-4.1", HOSTED, "openai", 11),
        ("llama3.1:latest", OLLAMA, None, 12),
    ]


def test_an_openai_compatible_client_of_a_local_server_names_local_models(tmp_path):
    src = """import os
from openai import OpenAI
from langchain_openai import ChatOpenAI
local = OpenAI(base_url=os.getenv("OLLAMA_URL", "http://localhost:11434/v1"), api_key="x")
local.chat.completions.create(model="qwen2.5:7b", messages=[])
class Bot:
    def __init__(self):
        self.client = OpenAI(base_url="http://ollama:11434/v1")
    def ask(self):
        return self.client.chat.completions.create(model="llama3.2", messages=[])
ChatOpenAI(model="meta-llama/Llama-3.1-8B-Instruct", base_url="http://localhost:8000/v1")
client = OpenAI()
client.files.create(file=b"x", purpose="batch")
"""
    refs = scan(tmp_path, src).refs
    assert [(r.id, r.source) for r in refs] == [
        ("qwen2.5:7b", OLLAMA),
        ("llama3.2:latest", OLLAMA),
        ("meta-llama/Llama-3.1-8B-Instruct", HUGGINGFACE),
    ]


# ---------------------------------------------------------------- what is never reported


def test_prose_destinations_aliases_metric_keys_and_placeholders(tmp_path):
    src = '''"""Usage: AutoModel.from_pretrained("acme/in-docstring")."""
# AutoModel.from_pretrained("acme/in-comment")
from transformers import AutoModel, TrainingArguments, pipeline
print("model: acme/in-a-message")
TrainingArguments(output_dir="acme/out-dir", hub_model_id="acme/hub-target", metric_for_best_model="eval/loss")
trainer.push_to_hub("acme/pushed")
served_model_name = "acme/served-alias"
metrics = {"rewards/chosen": 1.0}
model = "your-org/your-model"
AutoModel.from_pretrained("username/model-name")
OUTPUT_MODEL = "acme/trained"
'''
    result = scan(tmp_path, src)
    assert result.refs == ()


def test_a_model_the_file_saves_and_loads_back_is_its_own_product(tmp_path):
    src = """from transformers import AutoModel, TrainingArguments, pipeline
base = AutoModel.from_pretrained("bert-base-cased")
repository_id = "my-finetune"
args = TrainingArguments(output_dir=repository_id)
base.save_pretrained("bert-base-cased-copy")
clf = pipeline("text-classification", model=repository_id)
again = AutoModel.from_pretrained("bert-base-cased-copy")
"""
    assert found(tmp_path, src) == [("bert-base-cased", HUGGINGFACE, 2)]


def test_a_trainer_checkpoint_and_generic_weights_files_are_no_models(tmp_path):
    src = 'finetuned_model_path = "models/checkpoint-10"\nresume_from_checkpoint = "out/checkpoint-500"\nmodel_file = "model.safetensors"\nweights = "pytorch_model.bin"\nexport(model_path="bge_onnx/model_optimized.onnx")\n'
    assert scan(tmp_path, src).refs == ()


# ---------------------------------------------------------------- notebooks


def test_notebook_writefile_cells_and_what_is_never_read(tmp_path):
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": ["model_id: acme/in-markdown\n"]},
            {
                "cell_type": "code",
                "source": ["%%writefile recipe.yaml\n", "model_name_or_path: org/recipe-model\n"],
                "outputs": [],
            },
            {
                "cell_type": "code",
                "source": ["x = 1\n"],
                "outputs": [{"output_type": "stream", "text": ["model_id: acme/in-output\n"]}],
            },
            {
                "cell_type": "code",
                "source": ["%%writefile train.py\n", "MODEL_ID = 'org/script-model'\n"],
            },
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    refs = scan(tmp_path, json.dumps(nb), "n.ipynb").refs
    assert [(r.id, r.location.cell, r.location.line) for r in refs] == [
        ("org/recipe-model", 1, 2),
        ("org/script-model", 3, 2),
    ]


def test_notebook_env_magic_is_the_environment_assignment_it_makes(tmp_path):
    code = lambda *lines: {"cell_type": "code", "source": [f"{x}\n" for x in lines]}  # noqa: E731
    nb = {
        "cells": [
            code(
                "%env MODEL_ID=microsoft/phi-2",
                '%env EMBEDDING_MODEL "BAAI/bge-small-en-v1.5"',
                "%env WANDB_PROJECT=acme/experiments",
                "%env CUDA_VISIBLE_DEVICES=0",
            ),
            code(
                "import os",
                "from transformers import AutoModelForCausalLM",
                "from sentence_transformers import SentenceTransformer",
                'model = AutoModelForCausalLM.from_pretrained(os.environ["MODEL_ID"])',
                'embedder = SentenceTransformer(os.getenv("EMBEDDING_MODEL"))',
            ),
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    refs = scan(tmp_path, json.dumps(nb), "n.ipynb").refs
    got = [
        (r.id, r.location.cell, r.location.line, r.location.column, r.location.snippet)
        for r in refs
    ]
    assert sorted(got) == [
        ("BAAI/bge-small-en-v1.5", 0, 2, 23, '%env EMBEDDING_MODEL "BAAI/bge-small-en-v1.5"'),
        ("microsoft/phi-2", 0, 1, 15, "%env MODEL_ID=microsoft/phi-2"),
    ]


# ---------------------------------------------------------------- the pass and the prefilter


def test_the_prefilter_passes_files_that_name_models_and_skips_those_that_only_say_model():
    trigger = python.TRIGGER
    assert trigger.search(b"from transformers import pipeline\n")
    assert trigger.search(b'MODEL_ID = "org/x"\n')
    assert trigger.search(b"x = obj.from_pretrained(path)\n")
    assert not trigger.search(b"def step(model, batch):\n    return model(batch['input'])\n")
    assert not trigger.search(b"import os\nprint('hello world')\n")


def test_one_pass_builds_no_reference_cycle(tmp_path):
    import gc

    from licaudit.discover.common import Context

    gc.collect()
    gc.disable()
    try:
        before = len(gc.get_objects())
        for _ in range(3):
            python.scan(
                'from transformers import AutoModel\nAutoModel.from_pretrained("org/x")\n',
                Context(root=tmp_path, rel="a.py"),
            )
        leaked = gc.collect()
    finally:
        gc.enable()
    assert leaked == 0, f"{leaked} objects kept alive by cycles ({before} objects before)"


@pytest.mark.parametrize(
    "src",
    [
        "x = " + "(" * 90 + "1" + ")" * 90 + "\n",
        "model = model or model\n" * 50,
        "\n".join(f"model_{i} = model_{i - 1} + 'x'" for i in range(1, 300)) + "\nmodel_0 = 'a'\n",
    ],
)
def test_hostile_shapes_end_quickly(tmp_path, src):
    result = scan(tmp_path, src)
    assert all(len(r.id) < 300 for r in result.refs)


# ---------------------------------------------------------------- cost


def test_a_scanned_tree_is_freed_by_reference_counting(tmp_path):
    """Nothing the scan builds outlives it in a reference cycle: with the cyclic collector off
    (as discovery runs the scanner), the tree is gone when the scan returns, so the collector
    never walks it. Scopes binding in themselves, errors kept to raise later (a name bound only
    to run-time values, a conditional of two such) are the shapes that used to make cycles."""
    import gc

    src = """import os
from transformers import AutoModel
from .settings import IMPORTED
MODEL_ID = os.getenv("MODEL_ID", "Qwen/Qwen2.5-0.5B")
which = compute() if flag else other()


class Loader:
    name = MODEL_ID

    def load(self, path=None):
        self.path = path or which
        return AutoModel.from_pretrained(self.path or IMPORTED)


def main(model_name=MODEL_ID):
    return [AutoModel.from_pretrained(x) for x in (model_name, which, f"{which}/x")]
"""
    ctx = python.Context(root=tmp_path, rel="app.py")
    python.scan(src, ctx, [])  # the loader knowledge loaded, the patterns compiled
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        refs, unresolvable = python.scan(src, ctx, [])
        left = gc.collect()
    finally:
        if was:
            gc.enable()
    assert {r.id for r in refs} == {"Qwen/Qwen2.5-0.5B"}
    assert left == 0


def test_ray_serve_model_loading_config_names_its_model_source(tmp_path):
    src = (
        "from ray.serve.llm import ModelLoadingConfig\n"
        'cfg = ModelLoadingConfig(model_id="my-qwen", model_source="Qwen/Qwen2.5-7B-Instruct")\n'
        'other = SomethingElse(model_id="my-qwen", model_source="local")\n'
    )
    assert ids(tmp_path, src) == {"Qwen/Qwen2.5-7B-Instruct"}


def test_a_library_configuration_written_as_dicts_in_code_is_read_by_its_key_paths(tmp_path):
    """A configuration key path of the loader data (Ray Serve's
    ``model_loading_config.model_source``) is followed through ``dict(...)``, dict literals, a
    name bound to one and a list of configurations, as in the library's own config file."""
    src = (
        "from ray.serve.llm import LLMConfig, build_openai_app\n"
        "a = LLMConfig(model_loading_config=dict(model_id='qwen', model_source='Qwen/Qwen2.5-7B-Instruct'))\n"
        "b = LLMConfig(model_loading_config={'model_id': 'x', 'model_source': 'meta-llama/Llama-3.1-8B'})\n"
        "loading = dict(model_id='m', model_source='mistralai/Mistral-7B-v0.1', tokenizer_source='mistralai/Mistral-7B-v0.3')\n"
        "c = LLMConfig(model_loading_config=loading)\n"
        "app = build_openai_app({'llm_configs': [{'model_loading_config': {'model_source': 'google/gemma-2-9b-it'}}]})\n"
    )
    found = scan(tmp_path, src).refs
    assert {r.id for r in found} == {
        "Qwen/Qwen2.5-7B-Instruct",
        "meta-llama/Llama-3.1-8B",
        "mistralai/Mistral-7B-v0.1",
        "mistralai/Mistral-7B-v0.3",
        "google/gemma-2-9b-it",
    }
    qwen = next(r for r in found if r.id == "Qwen/Qwen2.5-7B-Instruct")
    assert "model_loading_config.model_source (ray-serve-llm)" in qwen.evidence
    assert qwen.location.line == 2


def test_a_key_of_a_configuration_path_elsewhere_is_not_that_configuration(tmp_path):
    """The same inner key under another outer key, or the alias beside the source, is not read
    as the library's configuration."""
    src = (
        "settings = {'storage': {'model_source': 'acme/weights-bucket'}}\n"
        "run(model_config=dict(model_source='acme/other'))\n"
        "c = LLMConfig(model_loading_config=dict(model_id='my-alias'))\n"
    )
    assert ids(tmp_path, src) == set()


# the nodes the pass visits with handlers of its own only to go faster than its generic walk
_FAST_PATHS = [
    "If",
    "Expr",
    "Starred",
    "Tuple",
    "List",
    "Set",
    "BoolOp",
    "JoinedStr",
    "Subscript",
    "BinOp",
    "UnaryOp",
    "IfExp",
    "FormattedValue",
    "Slice",
]


def _what_the_pass_saw(tree, k) -> dict:
    """Everything a pass over ``tree`` leaves for the scan, by node identity (the same tree
    object for every pass compared)."""
    import ast

    p = python._Pass(k)
    p.visit(tree)
    index = {id(s): i for i, s in enumerate(p.scopes)}

    def value(v):
        if isinstance(v, ast.AST):
            return id(v)
        if v is None or v is python._LOCAL:
            return repr(v)
        if isinstance(v, python._From):
            return tuple(v)
        if isinstance(v, python._Module):
            return ("module", v.name)
        if isinstance(v, python._Param):
            sig = v.sig
            return ("param", sig.name, sig.owner, sig.positional, sig.kwonly, v.name)
        return ("items", id(v.node), v.part)

    def entries(table):
        return {
            name: [(value(v), index.get(id(w)), at) for v, w, at in bound]
            for name, bound in table.items()
        }

    calls = {id(n) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    seen = {
        "calls": [(id(c), index[id(s)], at) for c, s, at in p.calls],
        "named": [(n, w, id(v), index[id(s)], at) for n, w, v, s, at in p.named],
        "dicts": [(id(d), index[id(s)], at) for d, s, at in p.dicts],
        "configs": [(k, id(v), index[id(s)], at) for k, v, s, at in p.configs],
        "scopes": [
            (entries(s.names), entries(s.attrs), s.bases, index.get(id(s.owner)), s.self_name)
            for s in p.scopes
        ],
        "blocks": (p.blocks, p.branches, {b: (id(t), e) for b, (t, e) in p.guards.items()}),
        "module": (p.imported, p.aliases, p.keyworded, p.arguments & calls),
        "options": {
            d: [(value(v), index.get(id(w)), at) for v, w, at in x] for d, x in p.options.items()
        },
    }
    p.release()
    return seen


def test_the_pass_sees_through_its_fast_paths_what_its_generic_walk_sees(monkeypatch):
    """The handlers that skip the generic walk's field loop for the commonest nodes (an ``if``,
    an expression statement, a tuple, a subscript, an operator ...) leave the scan exactly what
    the generic walk leaves: the same calls, places, dicts, bindings and blocks, on every Python
    file of this project and of the corpus."""
    import ast

    from licaudit.discover.loaders import knowledge

    from .conftest import REPO_ROOT

    k = knowledge()
    generic = {cls: fn for cls, fn in python._DISPATCH.items() if cls.__name__ not in _FAST_PATHS}
    assert len(generic) == len(python._DISPATCH) - len(_FAST_PATHS)
    files = sorted(
        [*REPO_ROOT.joinpath("licaudit").rglob("*.py"), *REPO_ROOT.joinpath("tests").rglob("*.py")]
    )
    compared = 0
    for path in files:
        try:
            tree = ast.parse(path.read_bytes())
        except SyntaxError:
            continue
        fast = _what_the_pass_saw(tree, k)
        with monkeypatch.context() as m:
            m.setattr(python, "_DISPATCH", generic)
            slow = _what_the_pass_saw(tree, k)
        assert fast == slow, path
        compared += 1
    assert compared > 100
