"""Whose model names a file's are when the file runs or calls a provider's own model server: a
Helm values file deploying a NIM container (``nvcr.io/nim/...``), code sending requests to
NVIDIA's API hosts or using NVIDIA's LangChain client. A value written as a Hub address, a
tokenizer, a file with no such server, an image tag and a cloud's resource name stay as they
were or are no models."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> list[tuple[str, str, str | None, str, int]]:
    found = discover(write_files(tmp_path, files)).refs
    return sorted((r.id, r.source, r.provider, r.location.path, r.location.line) for r in found)


NIM_VALUES = """nim-llm:
  image:
    repository: nvcr.io/nim/nvidia/llama-3.1-nemotron-nano-8b-v1
    tag: "1.8.4"
rag-server:
  envVars:
    APP_LLM_MODELNAME: "nvidia/llama-3.1-nemotron-nano-8b-v1"
    APP_EMBEDDINGS_MODELNAME: "nvidia/llama-3.2-nv-embedqa-1b-v2"
    MODEL_PATH: "git:https://huggingface.co/nvidia/Cosmos-Reason2-8B"
"""


def test_a_values_file_that_runs_a_nim_names_nvidias_models(tmp_path):
    found = refs(tmp_path, {"helm/values.yaml": NIM_VALUES})
    assert (
        "nvidia/llama-3.1-nemotron-nano-8b-v1",
        HOSTED,
        "nvidia",
        "helm/values.yaml",
        7,
    ) in found
    assert ("nvidia/llama-3.2-nv-embedqa-1b-v2", HOSTED, "nvidia", "helm/values.yaml", 8) in found
    # the image is no model; a value written as a Hub address stays a Hub id
    assert not any("nvcr.io" in r[0] for r in found)
    assert all(r[1] != HUGGINGFACE or r[0] == "nvidia/Cosmos-Reason2-8B" for r in found)


def test_the_same_values_without_a_nim_image_stay_hub_ids(tmp_path):
    text = NIM_VALUES.replace("nvcr.io/nim/nvidia/", "registry.example.com/")
    found = refs(tmp_path, {"helm/values.yaml": text})
    assert [r[1] for r in found if r[0].startswith("nvidia/llama")] == [HUGGINGFACE, HUGGINGFACE]


def test_a_request_to_nvidias_api_host_sends_its_model(tmp_path):
    code = """import requests

MODEL = "mistralai/mixtral-8x7b-instruct-v0.1"
URL = "https://integrate.api.nvidia.com/v1/chat/completions"


def ask(q):
    body = {"model": MODEL, "messages": [{"role": "user", "content": q}]}
    return requests.post(URL, json=body).json()
"""
    found = refs(tmp_path, {"tool.py": code})
    assert found and all(r[1:3] == (HOSTED, "nvidia") for r in found)
    assert {r[0] for r in found} == {"mistralai/mixtral-8x7b-instruct-v0.1"}  # as written


def test_a_tokenizer_and_a_hub_address_in_a_nim_file_stay_hub_ids(tmp_path):
    code = """from transformers import AutoTokenizer

IMAGE = "nvcr.io/nim/nvidia/llm-nim:1.13.0"
NIM_MODEL_NAME = "hf://meta-llama/Meta-Llama-3-8B"
env = {"NIM_MODEL_NAME": NIM_MODEL_NAME}
tok = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")
"""
    found = refs(tmp_path, {"deploy.py": code})
    assert {(r[0], r[1]) for r in found} == {
        ("meta-llama/Meta-Llama-3-8B", HUGGINGFACE),
        ("meta-llama/Llama-3.1-8B-Instruct", HUGGINGFACE),
    }


def test_an_image_tag_and_a_clouds_resource_name_in_a_nim_file_are_no_models(tmp_path):
    code = """IMAGE = "nvcr.io/nim/meta/llama3-8b-instruct:1.0.0"
nim_model = "nim:llama3-8b-instruct-1.0.0"
va_model_name = "nim-llama3-8b-instruct"
payload_model = "meta/llama3-8b-instruct"
"""
    plain = refs(tmp_path / "a", {"nim_vertexai.py": code.replace("nvcr.io/nim/", "example/")})
    assert {r[0] for r in plain} >= {"nim:llama3-8b-instruct-1.0.0", "nim-llama3-8b-instruct"}
    found = refs(tmp_path / "b", {"nim_vertexai.py": code})
    assert [r[:3] for r in found] == [("meta/llama3-8b-instruct", HOSTED, "nvidia")]


def test_nvidias_langchain_client_names_nvidias_models(tmp_path):
    code = """from langchain_nvidia_ai_endpoints import ChatNVIDIA

llm = ChatNVIDIA(model="meta/llama3-8b-instruct")
"""
    found = refs(tmp_path, {"chat.py": code})
    assert [r[:3] for r in found] == [("meta/llama3-8b-instruct", HOSTED, "nvidia")]


MARKETPLACE_NOTEBOOK_CELLS = [
    ("markdown", "# Deploy a NIM from a marketplace package\nSee the guide."),
    ("code", 'model_package_arn = "arn:aws:sagemaker:us-east-1:123:model-package/pkg"'),
    (
        "code",
        'payload_model = "nvidia/nemotron-nano-12b-v2-vl"\n'
        'payload = {"model": payload_model, "messages": []}\n'
        'client.invoke_endpoint(EndpointName="ep", Body=json.dumps(payload))',
    ),
]


def _notebook(cells: list[tuple[str, str]]) -> str:
    import json

    return json.dumps(
        {
            "cells": [
                {"cell_type": k, "metadata": {}, "source": s.splitlines(keepends=True)}
                | ({"outputs": [], "execution_count": None} if k == "code" else {})
                for k, s in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_a_notebook_linking_the_nim_guide_sends_nvidias_model_names(tmp_path):
    cells = list(MARKETPLACE_NOTEBOOK_CELLS)
    cells[0] = (
        "markdown",
        cells[0][1]
        + " [NIM docs](https://docs.nvidia.com/nim/large-language-models/latest/introduction.html)"
        # a link to the model's card is prose: the value sent is still NVIDIA's model name
        + " Prompt as the [card](https://huggingface.co/nvidia/nemotron-nano-12b-v2-vl#input) says.",
    )
    found = refs(tmp_path, {"deploy.ipynb": _notebook(cells)})
    assert {r[:3] for r in found} == {("nvidia/nemotron-nano-12b-v2-vl", HOSTED, "nvidia")}


def test_the_same_notebook_without_the_nim_guide_keeps_a_hub_reading(tmp_path):
    found = refs(tmp_path, {"deploy.ipynb": _notebook(MARKETPLACE_NOTEBOOK_CELLS)})
    assert {r[:2] for r in found} == {("nvidia/nemotron-nano-12b-v2-vl", HUGGINGFACE)}
    # another vendor's documentation is no NIM guide
    cells = list(MARKETPLACE_NOTEBOOK_CELLS)
    cells[0] = ("markdown", "see https://docs.example.com/nim/guide.html")
    found = refs(tmp_path / "b", {"deploy.ipynb": _notebook(cells)})
    assert {r[:2] for r in found} == {("nvidia/nemotron-nano-12b-v2-vl", HUGGINGFACE)}


def test_a_notebook_linking_the_api_catalogs_model_page_sends_nvidias_model_names(tmp_path):
    cells = list(MARKETPLACE_NOTEBOOK_CELLS)
    cells[0] = (
        "markdown",
        "See [its page](https://build.nvidia.com/nvidia/nemotron-nano-12b-v2-vl).",
    )
    found = refs(tmp_path, {"deploy.ipynb": _notebook(cells)})
    assert {r[:3] for r in found} == {("nvidia/nemotron-nano-12b-v2-vl", HOSTED, "nvidia")}


DEPLOY_PY = """IMAGE = "nvcr.io/nim/meta/llama3-8b-instruct:1.0.0"
payload_model = "meta/llama3-8b-instruct"
"""
REQUEST = '{\n  "model": "meta/llama-3.1-70b-instruct",\n  "messages": []\n}\n'


def test_a_sample_request_beside_a_nim_deployment_sends_nvidias_model_name(tmp_path):
    files = {"vertex/deploy.py": DEPLOY_PY, "vertex/samples/request.json": REQUEST}
    found = refs(tmp_path, files)
    assert ("meta/llama-3.1-70b-instruct", HOSTED, "nvidia", "vertex/samples/request.json", 2) in (
        found
    )


def test_a_sample_request_away_from_any_nim_deployment_keeps_its_hub_reading(tmp_path):
    files = {
        "vertex/deploy.py": DEPLOY_PY,
        "other/samples/request.json": REQUEST,
        "plain/deploy.py": DEPLOY_PY.replace("nvcr.io/nim/", "example/"),
        "plain/request.json": REQUEST,
    }
    found = refs(tmp_path, files)
    assert {r[:3] for r in found if r[3].endswith(".json")} == {
        ("meta/llama-3.1-70b-instruct", HUGGINGFACE, None)
    }


def test_nim_model_name_is_the_model_a_nim_serves_unless_a_hub_address_or_a_path(tmp_path):
    script = """export NIM_MODEL_NAME="llama-3_3-nemotron-super-49b-v1.5"
genai-perf profile -m $NIM_MODEL_NAME -u rag-server:8081
"""
    hub = 'env:\n  NIM_MODEL_NAME: "hf://meta-llama/Meta-Llama-3-8B"\n'
    path = "env:\n  NIM_MODEL_NAME: /model-repo/phi3-mini-4k-nim/\n"
    found = refs(tmp_path, {"sweep.sh": script, "hub/values.yaml": hub, "path/values.yaml": path})
    assert {r[:4] for r in found} == {
        ("llama-3_3-nemotron-super-49b-v1.5", HOSTED, "nvidia", "sweep.sh"),
        ("meta-llama/Meta-Llama-3-8B", HUGGINGFACE, None, "hub/values.yaml"),
    }


def test_a_file_setting_nim_model_name_calls_a_nim(tmp_path):
    script = """export BENCH_MODEL="nvidia/llama-3.3-nemotron-super-49b-v1.5"
export NIM_MODEL_NAME="llama-3_3-nemotron-super-49b-v1.5"
export BENCH_TOKENIZER="nvidia/Llama-3_3-Nemotron-Super-49B-v1"
"""
    found = refs(tmp_path, {"sweep.sh": script})
    assert {r[:3] for r in found} == {
        ("nvidia/llama-3.3-nemotron-super-49b-v1.5", HOSTED, "nvidia"),
        ("llama-3_3-nemotron-super-49b-v1.5", HOSTED, "nvidia"),
        ("nvidia/Llama-3_3-Nemotron-Super-49B-v1", HUGGINGFACE, None),  # a tokenizer
    }
    plain = script.replace("NIM_MODEL_NAME", "NIM_MODEL_NAMES_SEEN")
    found = refs(tmp_path / "b", {"sweep.sh": plain})
    assert ("nvidia/llama-3.3-nemotron-super-49b-v1.5", HUGGINGFACE, None) in {r[:3] for r in found}


def test_a_sample_request_anywhere_naming_a_model_the_repository_sends_to_a_nim(tmp_path):
    request = REQUEST.replace("meta/llama-3.1-70b-instruct", "meta/llama3-8b-instruct")
    files = {"vertex/deploy.py": DEPLOY_PY, "workshop/sample_files/request.json": request}
    found = refs(tmp_path, files)
    assert (
        "meta/llama3-8b-instruct",
        HOSTED,
        "nvidia",
        "workshop/sample_files/request.json",
        2,
    ) in (found)


def test_a_sample_request_naming_a_model_the_repository_also_loads_from_the_hub(tmp_path):
    request = REQUEST.replace("meta/llama-3.1-70b-instruct", "meta/llama3-8b-instruct")
    loads = (
        'from transformers import AutoModel\nAutoModel.from_pretrained("meta/llama3-8b-instruct")\n'
    )
    files = {
        "vertex/deploy.py": DEPLOY_PY,
        "train/load.py": loads,
        "workshop/sample_files/request.json": request,
    }
    found = refs(tmp_path, files)
    assert {r[:3] for r in found if r[3].endswith(".json")} == {
        ("meta/llama3-8b-instruct", HUGGINGFACE, None)
    }


MODEL_MANIFEST = """apiVersion: example.org/v1
kind: Model
metadata:
  name: tiny-chat
spec:
  url: hf://acme-labs/tiny-chat-1b
  adapters:
  - id: painter
    url: hf://acme-labs/tiny-chat-painter-lora
"""
SERVED_REQUESTS = """curl http://localhost:8000/v1/completions -d '{"model": "tiny-chat/painter", "prompt": "hi"}'
curl http://localhost:8000/v1/completions -d '{"model": "acme-labs/other-1b", "prompt": "hi"}'
"""


def test_a_request_naming_a_manifests_served_object_sends_its_alias(tmp_path):
    files = {"e2e/model.yaml": MODEL_MANIFEST, "e2e/run.sh": SERVED_REQUESTS}
    got = {(r[0], r[3]) for r in refs(tmp_path, files)}
    assert ("tiny-chat/painter", "e2e/run.sh") not in got
    assert ("acme-labs/other-1b", "e2e/run.sh") in got  # no object of that name
    assert ("acme-labs/tiny-chat-1b", "e2e/model.yaml") in got


def test_a_request_away_from_the_manifest_keeps_its_hub_reading(tmp_path):
    files = {"deploy/model.yaml": MODEL_MANIFEST, "e2e/run.sh": SERVED_REQUESTS}
    got = {(r[0], r[3]) for r in refs(tmp_path, files)}
    assert ("tiny-chat/painter", "e2e/run.sh") in got
