"""A YAML string or a ``.env`` value that holds a JSON document (a Helm, compose or dotenv value
carrying an app's model list: ``MODELS: >`` then ``[{"id": "org/x"}]``) is read with the rules
of a JSON file, below its key, each reference placed on the line that writes it. Text that only
looks like JSON, prose and decoys inside the document stay silent. The Ollama Helm chart's
``ollama.models.pull`` and ``run`` lists (loader data) are the Ollama models the server pulls
and loads."""

from __future__ import annotations

import time

from licaudit.discover import discover
from licaudit.model import HUGGINGFACE, OLLAMA

from .discover_helpers import write_files

VALUES = """\
envVars:
  OPENAI_BASE_URL: "https://router.huggingface.co/v1"
  PUBLIC_FEATURE_ANNOUNCEMENTS: >
    [{"title": "New", "link": "/models/google/gemma-3-27b-it", "cta": "Go to the model"}]
  TASK_MODEL: "meta-llama/Llama-3.1-8B-Instruct"
  MCP_SERVERS: >
    [{"name": "Search", "url": "https://mcp.example.com/mcp"}]
  MODELS: >
    [
      { "id": "omni", "supportsArtifacts": true },
      { "id": "zai-org/GLM-4.5", "description": "Flagship GLM agent model." },
      { "id": "zai-org/GLM-4", "description": "Its predecessor." },
      { "id": "Qwen/Qwen3-30B-A3B", "parameters": { "max_tokens": 4096 } }
    ]
  ROUTES: '{"routes": [{"name": "code", "primary_model": "Qwen/Qwen3-Coder-480B-A35B-Instruct"}]}'
  FALLBACK_MODELS: "[{\\"id\\": \\"mistralai/Mistral-7B-Instruct-v0.3\\"}]"
  BROKEN: '[{"id": "microsoft/phi-4",]'
  SIDECAR: '{"image": "vllm/vllm-openai", "repository": "org/image"}'
"""


def found(tmp_path, files):
    refs = discover(write_files(tmp_path, files)).refs
    return sorted((r.location.line, r.location.column, r.id, r.source) for r in refs)


def test_a_json_model_list_in_a_helm_value_is_read_on_its_lines(tmp_path):
    got = found(tmp_path, {"chart/env/prod.yaml": VALUES})
    assert got == [
        (5, 16, "meta-llama/Llama-3.1-8B-Instruct", HUGGINGFACE),
        (11, 16, "zai-org/GLM-4.5", HUGGINGFACE),
        # a prefix of the id above is placed on its own line, not inside the longer id
        (12, 16, "zai-org/GLM-4", HUGGINGFACE),
        (13, 16, "Qwen/Qwen3-30B-A3B", HUGGINGFACE),
        (15, 59, "Qwen/Qwen3-Coder-480B-A35B-Instruct", HUGGINGFACE),
        # inside a double-quoted YAML string, where the JSON's quotes are escaped
        (16, 33, "mistralai/Mistral-7B-Instruct-v0.3", HUGGINGFACE),
    ]
    ref = next(r for r in discover(tmp_path).refs if r.id == "zai-org/GLM-4.5")
    assert "models" in ref.evidence.lower()


def test_text_that_only_looks_like_json_is_no_document(tmp_path):
    values = """\
env:
  NOTE: "[see the docs] {model: meta-llama/Llama-3.1-8B}"
  BROKEN: '[{"id": "microsoft/phi-4",]'
  DEEP: '{"model": DEPTH"x"HTPED}'
""".replace("DEPTH", "[" * 5000).replace("HTPED", "]" * 5000)
    result = discover(write_files(tmp_path, {"values.yaml": values}))
    assert [r.id for r in result.refs] == []
    assert list(result.skipped) == []  # the file is read; only its strings are no JSON


def test_a_value_written_twice_is_placed_on_each_line(tmp_path):
    values = """\
MODELS: |
  [
    {"id": "google/gemma-3-4b-it", "name": "small"},
    {"id": "google/gemma-3-4b-it", "name": "small again"}
  ]
"""
    got = found(tmp_path, {"values.yaml": values})
    assert got == [
        (3, 13, "google/gemma-3-4b-it", HUGGINGFACE),
        (4, 13, "google/gemma-3-4b-it", HUGGINGFACE),
    ]


def test_the_ollama_charts_pull_and_run_lists_are_ollama_models(tmp_path):
    values = """\
ollama:
  models:
    # pull:
    #  - llama2
    pull:
      - moondream
      - qwen2.5:7b
    run:
      - moondream
    create:
      - name: llama3.1-ctx32768
"""
    parent = """\
ollama:
  enabled: true
  ollama:
    models:
      pull: [nomic-embed-text]
"""
    got = found(tmp_path, {"ci/test-values.yaml": values, "deploy/values.yaml": parent})
    assert got == [
        (5, 14, "nomic-embed-text:latest", OLLAMA),
        (6, 9, "moondream:latest", OLLAMA),
        (7, 9, "qwen2.5:7b", OLLAMA),
        (9, 9, "moondream:latest", OLLAMA),
    ]
    ref = next(r for r in discover(tmp_path).refs if r.id == "qwen2.5:7b")
    assert "ollama.models.pull" in ref.evidence and "ollama-helm" in ref.evidence


def test_other_pull_and_run_lists_are_not_models(tmp_path):
    values = """\
images:
  pull:
    - moondream
steps:
  run:
    - lint
models:
  pull: [moondream]
"""
    assert found(tmp_path, {"values.yaml": values}) == []


def test_a_json_value_of_a_dotenv_file_on_one_line_or_several(tmp_path):
    env = """\
TASK_MODEL=meta-llama/Llama-3.1-8B-Instruct
MODELS=`[
  {
    "name": "mistralai/Mistral-7B-Instruct-v0.3",
    "endpoints": [{"type": "tgi", "url": "http://127.0.0.1:8080"}]
  },
  {"id": "zai-org/GLM-4.5", "description": "a model"}
]`
ROUTER='{"model": "Qwen/Qwen2.5-7B-Instruct"}'
MCP_SERVERS='[{"name": "Search", "url": "https://mcp.example.com/mcp"}]'
NOTE="[not json] model: org/name"
UNCLOSED=`[{"id": "microsoft/phi-4",
"""
    got = found(tmp_path, {".env.local": env})
    assert got == [
        (1, 12, "meta-llama/Llama-3.1-8B-Instruct", HUGGINGFACE),
        (4, 14, "mistralai/Mistral-7B-Instruct-v0.3", HUGGINGFACE),
        (7, 11, "zai-org/GLM-4.5", HUGGINGFACE),
        (9, 20, "Qwen/Qwen2.5-7B-Instruct", HUGGINGFACE),
    ]


def test_many_unclosed_json_values_cost_linear_time(tmp_path):
    # every line opens a multi-line value that the next line closes badly: read once each
    env = "".join(f'MODEL_{i}=`[{{"id": "org/m{i}"}},\n' for i in range(20000))
    write_files(tmp_path, {".env": env})
    start = time.process_time()
    result = discover(tmp_path)
    assert time.process_time() - start < 10  # quadratic took minutes
    assert list(result.refs) == [] and list(result.skipped) == []


def test_a_long_json_model_list_costs_linear_time(tmp_path):
    # every value is looked up in one index of the lines' JSON strings (one search per value
    # from the block's first line took minutes)
    body = "".join(f'    {{"id": "org/model-{i}"}},\n' for i in range(15000))
    values = "MODELS: |\n  [\n" + body + '    {"id": "org/last"}\n  ]\n'
    write_files(tmp_path, {"values.yaml": values})
    start = time.process_time()
    refs = discover(tmp_path).refs
    assert time.process_time() - start < 10  # quadratic: about 35 s
    assert {(r.id, r.location.line) for r in refs} >= {("org/model-0", 3), ("org/last", 15003)}
