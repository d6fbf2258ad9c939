"""Focused tests, one scanner at a time, on real files in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from licaudit.discover import discover
from licaudit.discover.ids import classify, dataset_id, hub_id, ollama_id

from .discover_helpers import write_files


def scan(tmp_path: Path, files: dict[str, str], **kw):
    return discover(write_files(tmp_path, files), **kw)


def refs(result) -> list[tuple[str, str, int]]:
    return [(r.id, r.source, r.location.line) for r in result.refs]


# ---------------------------------------------------------------- identities


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        ("meta-llama/Llama-3.1-8B", {}, ("meta-llama/Llama-3.1-8B", "huggingface")),
        (
            "hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M",
            {"ollama": True},
            ("bartowski/Llama-3.2-3B-Instruct-GGUF", "huggingface"),
        ),
        ("https://huggingface.co/google/gemma-2-2b", {}, ("google/gemma-2-2b", "huggingface")),
        ("llama3.2", {"ollama": True}, ("llama3.2:latest", "ollama")),
        ("llama3.2:3b", {"ollama": True}, ("llama3.2:3b", "ollama")),
        ("ollama/mistral", {}, ("mistral:latest", "ollama")),
        ("huggingface/org/name", {}, ("org/name", "huggingface")),
        (
            "hf_hub:timm/vit_base_patch16_224.augreg_in21k",
            {"prefixed_only": True},
            ("timm/vit_base_patch16_224.augreg_in21k", "huggingface"),
        ),
        ("gpt2", {"bare": True}, ("gpt2", "huggingface")),
        ("gpt2", {}, None),
        ("./models/x", {}, None),
        ("data/train.json", {}, None),
        ("anthropic/claude-3-opus", {}, None),
        ("openai/gpt-4o", {}, None),
        ("openai/whisper-large-v3", {}, ("openai/whisper-large-v3", "huggingface")),
        ("meta-llama/Llama-3.1-8B", {"prefixed_only": True}, None),
        ("https://example.com/x/y", {}, None),
        ("two words", {}, None),
        ("", {}, None),
    ],
)
def test_classify(value, kwargs, expected):
    assert classify(value, **kwargs) == expected


def test_id_helpers():
    assert hub_id("org/name.") is None
    assert hub_id("a/../b") is None
    assert ollama_id("Mixed/Case") is None
    assert ollama_id("qwen2.5") == "qwen2.5:latest"
    assert dataset_id("https://huggingface.co/datasets/tatsu-lab/alpaca") == "tatsu-lab/alpaca"
    assert dataset_id("json") is None


# ---------------------------------------------------------------- Python


def test_python_loaders_and_constants(tmp_path):
    src = """
import ollama
from ollama import chat as ochat
from transformers import AutoModel
from peft import PeftModel
A = "org/a"
NESTED = {"x": {"y": "org/nested"}}
CHOICE = "org/c1" if True else "org/c2"
AutoModel.from_pretrained(A)
AutoModel.from_pretrained(pretrained_model_name_or_path="org/kw")
PeftModel.from_pretrained(AutoModel.from_pretrained("org/base"), "org/adapter")
AutoModel.from_pretrained(NESTED["x"]["y"])
AutoModel.from_pretrained(CHOICE)
ochat(model="phi3")
ollama.Client().chat(model="llava:13b")
def f():
    A = "org/shadow"
    return AutoModel.from_pretrained(A)
"""
    result = scan(tmp_path, {"m.py": src})
    # where each id is used, and where a constant holding it is written
    assert refs(result) == [
        ("org/a", "huggingface", 6),
        ("org/nested", "huggingface", 7),
        ("org/c1", "huggingface", 8),
        ("org/c2", "huggingface", 8),
        ("org/a", "huggingface", 9),
        ("org/kw", "huggingface", 10),
        ("org/base", "huggingface", 11),
        ("org/adapter", "huggingface", 11),
        ("org/nested", "huggingface", 12),
        ("org/c1", "huggingface", 13),
        ("org/c2", "huggingface", 13),
        ("phi3:latest", "ollama", 14),
        ("llava:13b", "ollama", 15),
        ("org/shadow", "huggingface", 17),
        ("org/shadow", "huggingface", 18),
    ]
    written = {r.location.line: r.evidence for r in result.refs if r.id == "org/a"}
    assert written[6].endswith("written here") and "via A" in written[9]


def test_python_environment_defaults_are_models_and_the_rest_unresolvable(tmp_path):
    src = """
import os
from transformers import AutoModel
def load(name):
    return AutoModel.from_pretrained(name)
AutoModel.from_pretrained(os.getenv("M", "org/default"))
AutoModel.from_pretrained(f"org/{os.environ['X']}")
AutoModel.from_pretrained(os.environ["MODEL"])
"""
    result = scan(tmp_path, {"m.py": src})
    # the shipped default is what runs unless a user overrides it
    (ref,) = result.refs
    assert (ref.id, ref.location.line, ref.location.column) == ("org/default", 6, 42)
    assert ref.evidence.endswith("the default of M")
    reasons = [u.reason for u in result.unresolvable]
    assert len(reasons) == 3
    assert any("environment lookup" in r for r in reasons)
    assert any("f-string" in r for r in reasons)


def test_python_not_loaders(tmp_path):
    src = """
import requests
requests.get("https://huggingface.co/org/x")
label = "org/not-loaded"   # a string under a name that says nothing is not a reference
print("AutoModel.from_pretrained('org/in-string')")
sklearn_pipeline = make_pipeline("org/x", "org/y")
load("org/z")  # a generic load() is not mlx_lm.load
"""
    assert scan(tmp_path, {"m.py": src}).refs == ()


def test_python_datasets_and_repo_type(tmp_path):
    src = """
from datasets import load_dataset
from huggingface_hub import hf_hub_download, snapshot_download
load_dataset("HuggingFaceH4/ultrachat_200k", split="train")
load_dataset("csv", data_files="x.csv")
hf_hub_download("org/data", "f.parquet", repo_type="dataset")
snapshot_download("org/space", repo_type="space")
snapshot_download(repo_id="org/weights", revision="v1.0")
"""
    result = scan(tmp_path, {"m.py": src})
    assert refs(result) == [
        ("HuggingFaceH4/ultrachat_200k", "huggingface-dataset", 4),
        ("org/data", "huggingface-dataset", 6),
        ("org/weights", "huggingface", 8),
    ]
    assert result.refs[-1].revision == "v1.0"


def test_python_litellm_mlx_vllm_openai_compatible(tmp_path):
    src = """
import litellm, mlx_lm
from vllm import LLM
from openai import OpenAI
litellm.completion(model="ollama_chat/llama3.1", messages=[])
litellm.completion(model="groq/llama3-8b-8192", messages=[])
mlx_lm.load("mlx-community/Mistral-7B-Instruct-v0.3-4bit")
LLM("Qwen/Qwen2.5-1.5B")
client = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")
client.chat.completions.create(model="qwen2.5:7b", messages=[])
"""
    result = scan(tmp_path, {"m.py": src})
    assert refs(result) == [
        ("llama3.1:latest", "ollama", 5),
        ("llama3-8b-8192", "hosted", 6),  # a hosted API model, with its provider
        ("mlx-community/Mistral-7B-Instruct-v0.3-4bit", "huggingface", 7),
        ("Qwen/Qwen2.5-1.5B", "huggingface", 8),
        ("qwen2.5:7b", "ollama", 10),
    ]
    assert result.refs[1].provider == "groq"


def test_python_local_folder_is_not_a_hub_id(tmp_path):
    (tmp_path / "checkpoints" / "run1").mkdir(parents=True)
    result = scan(tmp_path, {"m.py": 'AutoModel.from_pretrained("checkpoints/run1")\n'})
    assert result.refs == ()


# ---------------------------------------------------------------- notebooks


def test_a_shell_line_inside_a_block_keeps_its_cell_parsed(tmp_path):
    cell = (
        "import os\n"
        "if not os.path.exists('data/index'):\n"
        "    !python -m indexer --init --root data/index\n"
        "settings['embeddings']['model'] = 'text-embedding-3-large'\n"
        "  %pip install nothing-else\n"
    )
    nb = {
        "cells": [
            {"cell_type": "code", "source": ["!pip install transformers\n"]},
            {"cell_type": "code", "source": cell},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    result = scan(tmp_path, {"n.ipynb": json.dumps(nb)})
    got = [(r.id, r.location.cell, r.location.line) for r in result.refs]
    # the !python line is the if's body: read as `pass`, the cell's model is still found
    assert got == [("text-embedding-3-large", 1, 4)]


def test_a_broken_cell_with_a_shell_line_is_still_left_out(tmp_path):
    nb = {
        "cells": [
            {"cell_type": "code", "source": "if ready:\n    !run\nM = 'org/x'\n  ( broken\n"},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    assert scan(tmp_path, {"n.ipynb": json.dumps(nb)}).refs == ()


def test_notebook_cells_share_globals_and_lines_are_per_cell(tmp_path):
    nb = {
        "cells": [
            {"cell_type": "code", "source": ["M = 'org/nb-model'\n"]},
            {"cell_type": "markdown", "source": ["from_pretrained('org/prose')"]},
            {"cell_type": "code", "source": ["%%time\n", "x = 1\n"]},
            {
                "cell_type": "code",
                "source": "!ollama run mistral\nm = AutoModel.from_pretrained(M)\n",
            },
            {"cell_type": "code", "source": ["def broken(:\n"]},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    result = scan(tmp_path, {"n.ipynb": json.dumps(nb)})
    got = [(r.id, r.location.cell, r.location.line) for r in result.refs]
    # the constant of cell 0 is where the id is written; cell 3 is where it is loaded
    assert got == [("org/nb-model", 0, 1), ("mistral:latest", 3, 1), ("org/nb-model", 3, 2)]


def test_notebook_not_json_is_skipped(tmp_path):
    result = scan(tmp_path, {"n.ipynb": "{ not json from_pretrained"})
    assert [s.path for s in result.skipped] == ["n.ipynb"]


# ---------------------------------------------------------------- structured config


def test_yaml_keys_are_case_and_separator_insensitive(tmp_path):
    text = """
Model-Name: org/one
MODEL_ID: org/two
modelURL: https://huggingface.co/org/three
pretrainedModelNameOrPath: org/four
model_type: org/not-this
image: org/container
OPENROUTER_MODEL: meta-llama/llama-3.1-8b-instruct
together_model: org/api-route
OPENAI_MODEL: org/no-route
"""
    assert refs(scan(tmp_path, {"c.yaml": text})) == [
        ("org/one", "huggingface", 2),
        ("org/two", "huggingface", 3),
        ("org/three", "huggingface", 4),
        ("org/four", "huggingface", 5),
        # a router's vendor/name route is its hosted model, never a Hub id; OpenAI has none
        ("meta-llama/llama-3.1-8b-instruct", "hosted", 8),
        ("org/api-route", "hosted", 9),
    ]


def test_yaml_ollama_context_and_bare_names(tmp_path):
    text = """
ollama:
  model: llama3.2
other:
  model: gpt-4o-mini
providers:
  - provider: ollama
    model: qwen2.5
"""
    assert refs(scan(tmp_path, {"c.yml": text})) == [
        ("llama3.2:latest", "ollama", 3),
        ("gpt-4o-mini", "hosted", 5),  # a hosted API model, inventoried as one
        ("qwen2.5:latest", "ollama", 8),
    ]


def test_yaml_alias_is_not_expanded_and_anchors_report_once(tmp_path):
    text = """
defaults: &d
  model: org/anchored
service:
  <<: *d
"""
    assert refs(scan(tmp_path, {"c.yaml": text})) == [("org/anchored", "huggingface", 3)]


def test_json_toml_env(tmp_path):
    result = scan(
        tmp_path,
        {
            "a.json": json.dumps(
                {"base_model": ["org/b1", "org/b2"], "homepage": "org/page"}, indent=1
            ),
            "b.toml": '[tool.x]\nembedding_model = "org/emb"\nname = "org/nope"\n',
            ".env.local": "# HF_MODEL_ID=org/commented\nHF_MODEL_ID='org/env'  # trailing\nPATH=/usr/bin\n",
        },
    )
    assert refs(result) == [
        ("org/env", "huggingface", 2),
        ("org/b1", "huggingface", 3),
        ("org/b2", "huggingface", 4),
        ("org/emb", "huggingface", 2),
    ]


def test_invalid_yaml_json_toml_are_skipped(tmp_path):
    result = scan(
        tmp_path, {"a.yaml": "model: [unclosed\n", "b.json": '{"model": ', "c.toml": "model = [\n"}
    )
    assert sorted(s.path for s in result.skipped) == ["a.yaml", "b.json", "c.toml"]
    assert all(s.reason.startswith("cannot parse") for s in result.skipped)


# ---------------------------------------------------------------- command lines


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("vllm serve org/served --port 1", ("org/served", "huggingface")),
        ("python -m x --model=org/eq", ("org/eq", "huggingface")),
        ("python -m x --model-path org/sglang", ("org/sglang", "huggingface")),
        (
            "lm_eval --model hf --model_args pretrained=org/ev,dtype=float",
            ("org/ev", "huggingface"),
        ),
        ("huggingface-cli download --revision abc org/dl", ("org/dl", "huggingface")),
        ("hf download org/hf --local-dir x", ("org/hf", "huggingface")),
        ("ollama run deepseek-r1:7b", ("deepseek-r1:7b", "ollama")),
        ("llama-server --hf-repo org/gguf-repo:Q8_0", ("org/gguf-repo", "huggingface")),
        ("text-generation-launcher --model-id org/tgi", ("org/tgi", "huggingface")),
    ],
)
def test_command_lines(tmp_path, line, expected):
    result = scan(tmp_path, {"run.sh": f"#!/bin/sh\n{line}\n"})
    assert [(r.id, r.source) for r in result.refs] == [expected]


def test_command_decoys(tmp_path):
    text = """#!/bin/sh
docker run ollama/ollama
docker pull vllm/vllm-openai
git clone https://github.com/org/repo
python -m module --output data/out
ollama serve
ollama create mine -f Modelfile
echo "--model org/in-a-string-is-still-a-flag-but-not-here"
"""
    result = scan(tmp_path, {"run.sh": text})
    # the echo argument is a single quoted word: no --model flag token
    assert result.refs == ()


def test_dockerfile_from_is_not_a_model_and_run_lines_are(tmp_path):
    text = """FROM vllm/vllm-openai:latest
ENV MODEL_ID org/env-model
RUN huggingface-cli download \\
      org/continued
ENTRYPOINT ["vllm", "serve", "org/exec-form"]
"""
    assert refs(scan(tmp_path, {"Dockerfile": text})) == [
        ("org/env-model", "huggingface", 2),
        ("org/continued", "huggingface", 4),
        ("org/exec-form", "huggingface", 5),
    ]


def test_compose_k8s_ci(tmp_path):
    compose = "services:\n  a:\n    image: org/image\n    command: vllm serve org/compose\n"
    k8s = "apiVersion: apps/v1\nspec:\n  args: ['--model', 'org/k8s']\n"
    ci = "jobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          echo hi\n          ollama pull gemma2\n"
    result = scan(
        tmp_path, {"docker-compose.yml": compose, "k8s.yaml": k8s, ".github/workflows/ci.yml": ci}
    )
    assert sorted(refs(result)) == [
        ("gemma2:latest", "ollama", 7),
        ("org/compose", "huggingface", 4),
        ("org/k8s", "huggingface", 3),
    ]


def test_makefile_and_terraform(tmp_path):
    mk = "MODEL ?= org/mk\nrun:\n\tvllm serve $(MODEL)\n"
    tf = 'locals {\n  model_id = "org/tf"\n  image = "org/img"\n}\n'
    result = scan(tmp_path, {"Makefile": mk, "main.tf": tf})
    assert refs(result) == [
        ("org/mk", "huggingface", 1),
        ("org/mk", "huggingface", 3),
        ("org/tf", "huggingface", 2),
    ]


def test_dashed_keys_count_in_templates_and_terraform_as_in_plain_yaml(tmp_path):
    # keys are compared case and separator insensitive everywhere (model-id is model_id)
    helm = "spec:\n  {{- if .Values.x }}\n  model-id: org/helm\n  {{- end }}\n"
    tf = 'locals {\n  "model-id" = "org/tf"\n}\n'
    plain = "model-id: org/plain\n"
    result = scan(tmp_path, {"chart/templates/a.yaml": helm, "main.tf": tf, "plain.yaml": plain})
    assert refs(result) == [
        ("org/helm", "huggingface", 3),
        ("org/tf", "huggingface", 2),
        ("org/plain", "huggingface", 1),
    ]


# ---------------------------------------------------------------- Modelfiles and JS


def test_modelfile(tmp_path):
    text = "FROM hf.co/org/repo-GGUF:Q4_K_M\nADAPTER ./lora.gguf\n# FROM commented\nSYSTEM FROM prose\n"
    result = scan(tmp_path, {"sub/x.Modelfile": text})
    assert refs(result) == [("org/repo-GGUF", "huggingface", 1), ("sub/lora.gguf", "local", 2)]


def test_modelfile_outside_root_is_not_reported(tmp_path):
    result = scan(tmp_path, {"Modelfile": "FROM ../../elsewhere.gguf\nFROM /abs/path.gguf\n"})
    assert result.refs == ()


def test_javascript(tmp_path):
    text = """import { pipeline } from '@huggingface/transformers';
import { Ollama } from 'ollama';
const M = 'Xenova/const';
const a = await pipeline('feature-extraction', M);
// const b = await pipeline('x', 'Xenova/commented');
const s = "pipeline('x', 'Xenova/in-string')";
const ollama = new Ollama();
await ollama.generate({ prompt: 'x', model: 'phi3:mini' });
const other = { model: 'gpt-4o' };
"""
    # an id is reported where it is written (the constant), a model key in any object counts
    assert refs(scan(tmp_path, {"a.ts": text})) == [
        ("Xenova/const", "huggingface", 3),
        ("phi3:mini", "ollama", 8),
        ("gpt-4o", "hosted", 9),
    ]


def test_javascript_without_ollama_import_ignores_model_props(tmp_path):
    assert scan(tmp_path, {"a.js": "client.chat({ model: 'llama3' })\n"}).refs == ()


# ---------------------------------------------------------------- local artifacts


def test_gguf_header_only(tmp_path):
    from .discover_helpers import write_gguf

    write_gguf(
        tmp_path / "m.gguf",
        {
            "general.license": "apache-2.0",
            "general.license.name": "Apache 2.0",
            "general.license.link": "https://www.apache.org/licenses/LICENSE-2.0",
            "general.base_model.count": 2,
            "general.base_model.0.repo_url": "https://huggingface.co/Qwen/Qwen2.5-7B",
            "general.base_model.1.organization": "mistralai",
            "general.base_model.1.name": "Mistral-7B-v0.3",
        },
    )
    (ref,) = discover(tmp_path).refs
    assert (ref.id, ref.source, ref.evidence) == ("m.gguf", "local", "GGUF header")
    meta = ref.metadata
    assert (meta.source, meta.path) == ("gguf", "m.gguf")
    assert meta.license == "apache-2.0"
    assert meta.license_name == "Apache 2.0"
    assert meta.license_link.startswith("https://www.apache.org")
    assert meta.base_models == ("Qwen/Qwen2.5-7B", "mistralai/Mistral-7B-v0.3")


def test_gguf_reader_never_reads_tensors(tmp_path):
    """The reader stops at the end of the key/value section: a huge tensor area costs nothing."""
    from licaudit.discover.artifacts import read_gguf_header

    from .discover_helpers import write_gguf

    path = write_gguf(tmp_path / "m.gguf", {"general.license": "mit"})
    with open(path, "ab") as f:
        f.truncate(path.stat().st_size + 512 * 1024 * 1024)  # sparse: 512 MiB of "tensors"
    assert read_gguf_header(path)["general.license"] == "mit"


def test_card_without_model_keys_is_not_a_model(tmp_path):
    result = scan(tmp_path, {"docs/README.md": "---\ntitle: Docs\nlicense: mit\n---\n"})
    assert result.refs == ()


def test_card_license_list_and_other(tmp_path):
    card = "---\nlicense: other\nlicense_name: qwen-research\nlicense_link: LICENSE\nbase_model:\n- Qwen/Qwen2.5-3B\nlibrary_name: transformers\n---\n"
    (ref,) = scan(tmp_path, {"m/README.md": card}).refs
    assert ref.id == "m"
    assert ref.metadata.license == "other"
    assert ref.metadata.license_name == "qwen-research"
    assert ref.metadata.license_link == "LICENSE"
    assert ref.metadata.base_models == ("Qwen/Qwen2.5-3B",)


def test_safetensors_metadata_bounded(tmp_path):
    from .discover_helpers import write_safetensors

    write_safetensors(
        tmp_path / "lora" / "model.safetensors",
        {"modelspec.license": "cc-by-nc-4.0", "modelspec.title": "Style"},
    )
    (ref,) = discover(tmp_path).refs
    assert (
        ref.id,
        ref.metadata.license,
        ref.metadata.name,
        ref.metadata.source,
    ) == (
        "lora",
        "cc-by-nc-4.0",
        "Style",
        "safetensors",
    )
    (tmp_path / "lora" / "model.safetensors").write_bytes((2**40).to_bytes(8, "little") + b"{}")
    result = discover(tmp_path)
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("lora/model.safetensors", "safetensors header larger than the reading limit")
    ]


# ---------------------------------------------------------------- prefilter and kinds


def test_prefilter_skips_parsers_for_files_without_triggers(tmp_path):
    """A file whose bytes hold none of its kind's trigger words is never parsed: broken syntax
    in it goes unnoticed (nothing to report), while the same file with a trigger is parsed."""
    result = scan(
        tmp_path, {"a.py": "def broken(:\n", "b.yaml": "key: [unclosed\n", "c.json": "{nope"}
    )
    assert result.skipped == () and result.refs == ()
    assert result.files_scanned == 3
    result = scan(tmp_path, {"a.py": "def broken(:\n  from_pretrained('x/y')\n"})
    assert [s.path for s in result.skipped] == ["a.py"]


def test_prose_and_unknown_kinds_are_not_scanned(tmp_path):
    result = scan(
        tmp_path,
        {
            "README.md": 'Use `AutoModel.from_pretrained("org/prose")` or `ollama pull llama3`.\n',
            "notes.txt": "vllm serve org/txt\n",
            "data.csv": "model,org/csv\n",
            "tokenizer.json": '{"model": "org/tokenizer-data"}',
        },
    )
    assert result.refs == () and result.skipped == ()


def test_space_card_lists_models_and_datasets(tmp_path):
    card = (
        "---\ntitle: Demo\nsdk: gradio\nmodels:\n  - meta-llama/Llama-3.2-1B-Instruct\n"
        "  - org/ignored  # licaudit: ignore\ndatasets:\n  - tatsu-lab/alpaca\nlicense: mit\n---\n# Demo\n"
    )
    result = scan(tmp_path, {"README.md": card})
    assert [(r.id, r.source, r.location.line, r.suppressed) for r in result.refs] == [
        ("meta-llama/Llama-3.2-1B-Instruct", "huggingface", 5, False),
        ("org/ignored", "huggingface", 6, True),
        ("tatsu-lab/alpaca", "huggingface-dataset", 8, False),
    ]


def test_helm_template_is_read_line_by_line(tmp_path):
    text = """apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: {{ .Release.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          args:
            - --model
            - Qwen/Qwen2.5-7B-Instruct
            - --port
            - "{{ .Values.port }}"
          env:
            - name: EMBEDDING_MODEL
              value: {{ .Values.embedding }}
{{- if .Values.extra }}
          model_id: org/templated
{{- end }}
"""
    result = scan(tmp_path, {"chart/templates/deployment.yaml": text})
    assert refs(result) == [
        ("Qwen/Qwen2.5-7B-Instruct", "huggingface", 11),
        ("org/templated", "huggingface", 18),
    ]
    assert result.skipped == ()


def test_python_class_attributes_and_config_objects(tmp_path):
    src = """
from dataclasses import dataclass
from transformers import AutoModel

@dataclass
class Config:
    model_name: str = "org/dataclass-default"
    embedder: str = "org/embedder"

class Loader:
    MODEL_ID = "org/class-attr"
    def load(self):
        MODEL_ID = None  # a method's own name, not the class attribute
        return AutoModel.from_pretrained(self.MODEL_ID)

cfg = Config()
custom = Config(model_name="org/overridden")
AutoModel.from_pretrained(cfg.model_name)
AutoModel.from_pretrained(custom.model_name)
AutoModel.from_pretrained(custom.embedder)
AutoModel.from_pretrained(Loader.MODEL_ID)
AutoModel.from_pretrained(Config(model_name=x).model_name)
"""
    result = scan(tmp_path, {"m.py": src})
    assert refs(result) == [
        ("org/dataclass-default", "huggingface", 7),
        ("org/embedder", "huggingface", 8),
        ("org/class-attr", "huggingface", 11),
        ("org/class-attr", "huggingface", 14),
        ("org/overridden", "huggingface", 17),
        ("org/dataclass-default", "huggingface", 18),
        ("org/overridden", "huggingface", 19),
        ("org/embedder", "huggingface", 20),
        ("org/class-attr", "huggingface", 21),
    ]
    assert [u.location.line for u in result.unresolvable] == [22]


def test_python_ids_imported_from_repository_modules(tmp_path):
    files = {
        "src/app/__init__.py": "",
        "src/app/settings.py": 'CHAT = "org/chat"\nEMBED = {"small": "org/embed-small"}\nDYNAMIC = os.environ["X"]\n',
        "src/app/models/__init__.py": 'DEFAULT = "org/pkg-default"\n',
        "src/app/main.py": (
            "from transformers import AutoModel\n"
            "from .settings import CHAT, DYNAMIC\n"
            "from app.settings import EMBED\n"
            "from .models import DEFAULT as D\n"
            "from elsewhere import MISSING\n"
            "AutoModel.from_pretrained(CHAT)  # licaudit: ignore\n"
            'AutoModel.from_pretrained(EMBED["small"])\n'
            "AutoModel.from_pretrained(D)\n"
            "AutoModel.from_pretrained(DYNAMIC)\n"
            "AutoModel.from_pretrained(MISSING)\n"
        ),
    }
    result = scan(tmp_path, files)
    assert [(r.id, r.location.path, r.location.line, r.suppressed) for r in result.refs] == [
        ("org/chat", "src/app/main.py", 6, True),
        ("org/embed-small", "src/app/main.py", 7, False),
        ("org/pkg-default", "src/app/main.py", 8, False),
    ]
    assert "from src/app/settings.py" in result.refs[0].evidence
    assert [(u.location.line, u.reason) for u in result.unresolvable] == [
        (9, "model id of from_pretrained(): imported from .settings"),
        (10, "model id of from_pretrained(): imported from elsewhere"),
    ]


def test_javascript_huggingface_inference(tmp_path):
    text = """import { InferenceClient } from "@huggingface/inference";
const hf = new InferenceClient(process.env.HF_TOKEN);
const out = await hf.chatCompletion({
  model: "meta-llama/Llama-3.1-8B-Instruct",
  messages: [{ role: "user", content: "hi" }],
});
const emb = await hf.featureExtraction({ model: "BAAI/bge-small-en-v1.5", inputs: "x" });
const cfg = { modelFamily: "org/not-a-model" };
"""
    assert refs(scan(tmp_path, {"a.mjs": text})) == [
        ("meta-llama/Llama-3.1-8B-Instruct", "huggingface", 4),
        ("BAAI/bge-small-en-v1.5", "huggingface", 7),
    ]


def test_interpolated_config_values_are_unresolvable_and_defaults_are_models(tmp_path):
    text = "services:\n  a:\n    environment:\n      MODEL_ID: ${MODEL_ID:-org/default}\n      MODEL_NAME: ${MODEL_NAME}\n    command: vllm serve ${MODEL_ID}\n"
    result = scan(tmp_path, {"compose.yaml": text})
    # the shipped default is what runs unless overridden: a reference, and the evidence says so
    assert [(r.id, r.location.line, r.evidence) for r in result.refs] == [
        ("org/default", 4, "model key MODEL_ID: the default of $MODEL_ID")
    ]
    assert [(u.location.line, u.expression) for u in result.unresolvable] == [
        (5, "${MODEL_NAME}"),
        (6, "${MODEL_ID}"),
    ]
