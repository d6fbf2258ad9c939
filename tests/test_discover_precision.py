"""Precision: the shapes an operator's repository writes that look like model ids and are not —
a Kubernetes API group/version in a manifest built as a dict, a served-model alias sent to a
local server, placeholder ids in tests (under any scheme), source files named ``adapter_*`` —
each next to the real reference of the same shape that must still be found. Real files in a
temporary folder, scanned by the real discovery."""

from __future__ import annotations

from pathlib import Path

import pytest

from licaudit.discover import discover
from licaudit.discover.context import never_a_model
from licaudit.model import HUGGINGFACE, LOCAL, OLLAMA

from .discover_helpers import write_files, write_safetensors


def found(root: Path, files: dict[str, str]) -> list[tuple[str, str, str, int]]:
    result = discover(write_files(root, files))
    return sorted((r.id, r.source, r.location.path, r.location.line) for r in result.refs)


@pytest.mark.parametrize(
    "value",
    [
        "kubeai.org/v1",
        "serving.kserve.io/v1beta1",
        "inference.networking.x-k8s.io/v1alpha2",
        "apps/v1",
        "test-repo/test-model",
        "some-repo/some-model",
        "test-user/model-name",
        "test-org/test-model",
        "test-repo/updated-model",
        "my-org/anything",
        "example-org/llama",
        "acme/test-adapter",
        "acme/some-model",
    ],
)
def test_shapes_that_are_never_models(value):
    assert never_a_model(value)


@pytest.mark.parametrize(
    "value",
    [
        "hf-internal-testing/tiny-random-gpt2",
        "trl-internal-testing/tiny-Qwen2ForCausalLM-2.5",
        "facebook/opt-125m",
        "mychen76/invoice-model",
        "someone/llama-test",
        "testing/model",
        "acme/tester-model",
        "meta-llama/Llama-3.1-8B-Instruct",
        "v1/model",
    ],
)
def test_real_ids_and_test_fixtures_are_not_placeholders(value):
    assert not never_a_model(value)


def test_a_manifest_built_as_a_dict_is_a_record_not_a_table_of_models(tmp_path):
    text = """model = {
    "apiVersion": "kubeai.org/v1",
    "kind": "Model",
    "owner": "acme/platform-team",
    "metadata": {"name": "facebook-opt-125m"},
    "spec": {"url": "hf://facebook/opt-125m"},
}
models = {"fast": "acme/fast-model", "slow": "acme/slow-model"}
"""
    refs = found(tmp_path, {"app.py": text})
    assert [r for r in refs if r[0] in ("kubeai.org/v1", "acme/platform-team")] == []
    # a flat table of models by name is still every value
    assert ("acme/fast-model", HUGGINGFACE, "app.py", 8) in refs
    assert ("acme/slow-model", HUGGINGFACE, "app.py", 8) in refs


def test_a_served_alias_of_a_local_hub_server_is_not_a_hub_id(tmp_path):
    py = """from openai import OpenAI

client = OpenAI(base_url="http://localhost:8000/v1", api_key="x")
client.completions.create(model="opt-125m-cpu", prompt="hi")
client.completions.create(model="gpt2", prompt="hi")
client.completions.create(model="facebook/opt-125m", prompt="hi")
"""
    js = """import OpenAI from "openai";

const client = new OpenAI({ baseURL: "http://localhost:8000/v1", apiKey: "x" });
await client.chat.completions.create({ model: "llama-alias", messages: [] });
await client.chat.completions.create({ model: "distilgpt2", messages: [] });
await client.chat.completions.create({ model: "Qwen/Qwen2.5-0.5B-Instruct", messages: [] });
"""
    refs = found(tmp_path, {"client.py": py, "web/client.mjs": js})
    ids = {(r[0], r[2]) for r in refs}
    assert ("opt-125m-cpu", "client.py") not in ids
    assert ("llama-alias", "web/client.mjs") not in ids
    # a legacy single-segment id a name map keeps bare, and org/name ids, are still models
    assert ("gpt2", HUGGINGFACE, "client.py", 5) in refs
    assert ("facebook/opt-125m", HUGGINGFACE, "client.py", 6) in refs
    assert ("distilgpt2", HUGGINGFACE, "web/client.mjs", 5) in refs
    assert ("Qwen/Qwen2.5-0.5B-Instruct", HUGGINGFACE, "web/client.mjs", 6) in refs


def test_placeholder_ids_under_a_scheme_are_not_models(tmp_path):
    go = """package x

var cases = []Case{
	{URL: "hf://test-repo/test-model"},
	{URL: "hf://some-repo/some-model"},
	{URL: "ollama://test-repo/test-model"},
	{URL: "hf://hf-internal-testing/tiny-random-gpt2"},
	{URL: "ollama://gemma2:2b"},
}
"""
    yaml = """apiVersion: kubeai.org/v1
kind: Model
spec:
  url: hf://test-org/test-model
  adapters:
    - {name: a, url: "hf://test-repo/test-adapter"}
    - {name: b, url: "hf://trl-internal-testing/tiny-Qwen2ForCausalLM-2.5"}
"""
    py = """def test_source():
    assert load(model="hf://test-user/model-name")
    assert load(model="hf://facebook/opt-125m")
"""
    refs = found(
        tmp_path, {"pkg/source_test.go": go, "model.yaml": yaml, "tests/test_source.py": py}
    )
    assert {r[0] for r in refs} == {
        "hf-internal-testing/tiny-random-gpt2",
        "gemma2:2b",
        "trl-internal-testing/tiny-Qwen2ForCausalLM-2.5",
        "facebook/opt-125m",
    }
    assert ("gemma2:2b", OLLAMA, "pkg/source_test.go", 8) in refs


def test_a_source_file_named_adapter_is_code_not_an_adapter(tmp_path):
    write_files(
        tmp_path,
        {
            "test/integration/adapter_test.go": "package integration\n",
            "src/adapter_utils.py": "X = 1\n",
            "lora/adapter_config.json": '{"base_model_name_or_path": "acme/base-model"}\n',
        },
    )
    write_safetensors(tmp_path / "lora/adapter_model.safetensors", {})
    refs = found(tmp_path, {})
    local = [r[0] for r in refs if r[1] == LOCAL]
    assert local == ["lora"]


def test_stand_in_repository_names_and_paths_are_not_models(tmp_path):
    py = """from transformers import AutoTokenizer
from mypkg.cache import prune

tok = AutoTokenizer.from_pretrained("path_to_llama_7b")
prune(model_id="cleanup/test")
prune(model_id="acme/dummy")
tok2 = AutoTokenizer.from_pretrained("acme/test-tokenizer-7b")
tok3 = AutoTokenizer.from_pretrained("acme/testing")
"""
    refs = found(tmp_path, {"tests/test_cache.py": py})
    ids = {r[0] for r in refs}
    assert not ids & {"path_to_llama_7b", "cleanup/test", "acme/dummy"}
    # decoys of the decoy: real names that merely contain the words
    assert ("acme/test-tokenizer-7b", HUGGINGFACE, "tests/test_cache.py", 7) in refs
    assert ("acme/testing", HUGGINGFACE, "tests/test_cache.py", 8) in refs


def test_a_lighteval_task_names_a_dataset_not_a_model(tmp_path):
    py = """from lighteval.tasks.lighteval_task import LightevalTaskConfig

TASKS = [
    LightevalTaskConfig(name="math", prompt_function=None, hf_repo="acme/math-problems",
                        hf_subset="main", metric=[]),
    LightevalTaskConfig("arc", None, "acme/arc-questions", "default", [], hf_revision="abc123"),
]
"""
    other = """from mytool import Fetch

Fetch(hf_repo="acme/fetched-model")
"""
    result = discover(write_files(tmp_path, {"tasks.py": py, "fetch.py": other}))
    refs = {(r.id, r.source, r.location.path) for r in result.refs}
    assert ("acme/math-problems", "huggingface-dataset", "tasks.py") in refs
    assert ("acme/arc-questions", "huggingface-dataset", "tasks.py") in refs
    assert not {r for r in refs if r[1] == HUGGINGFACE and r[2] == "tasks.py"}
    # decoy: hf_repo of another library's call still says model
    assert ("acme/fetched-model", HUGGINGFACE, "fetch.py") in refs


def test_a_subclass_of_a_loader_class_passes_its_parameters_to_that_loader(tmp_path):
    py = """from lighteval.tasks.lighteval_task import LightevalTaskConfig
from mylib import Base


class MyTask(LightevalTaskConfig):
    def __init__(self, name, hf_repo="acme/task-data", hf_subset=None):
        super().__init__(name=name, prompt_function=None, hf_repo=hf_repo, hf_subset=hf_subset,
                         metric=[])


class Other(Base):
    def __init__(self, hf_repo="acme/other-model"):
        super().__init__(hf_repo=hf_repo)
"""
    result = discover(write_files(tmp_path, {"tasks.py": py}))
    refs = {(r.id, r.source, r.location.line) for r in result.refs}
    assert ("acme/task-data", "huggingface-dataset", 6) in refs
    # the parameter's name (hf_repo says model) does not outvote the loader that reads it
    assert ("acme/task-data", HUGGINGFACE, 6) not in refs
    # decoy: a base class that is no loader leaves the name to decide
    assert ("acme/other-model", HUGGINGFACE, 12) in refs


def test_a_dataset_loader_wins_over_a_model_naming_parameter(tmp_path):
    py = """from datasets import load_dataset
from transformers import AutoModel


def data(model_name="acme/some-data"):
    return load_dataset(model_name)


def load_model(model_id="acme/encoder-7b"):
    return AutoModel.from_pretrained(model_id)


NAME = "acme/both"
ds = load_dataset(NAME)
m = AutoModel.from_pretrained(NAME)
"""
    result = discover(write_files(tmp_path, {"both.py": py}))
    refs = {(r.id, r.source, r.location.line) for r in result.refs}
    assert ("acme/some-data", "huggingface-dataset", 5) in refs
    assert ("acme/some-data", HUGGINGFACE, 5) not in refs
    # decoys: a model loader's parameter, and a name two loaders read each their way
    assert ("acme/encoder-7b", HUGGINGFACE, 9) in refs
    assert ("acme/both", HUGGINGFACE, 13) in refs
    assert ("acme/both", "huggingface-dataset", 13) in refs
