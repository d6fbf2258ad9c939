"""Shapes real applications use to name their models: a library's default reranker, a provider's
resource prefix, the options of a model flag, a model table's keys, an id built by appending a
suffix, a value carried from one file to a loader in another."""

from __future__ import annotations

import json

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def _refs(tmp_path, files: dict[str, str]):
    return discover(write_files(tmp_path, files)).refs


def _got(refs) -> set[tuple[str, str, str | None, str, int]]:
    return {(r.id, r.source, r.provider, r.location.path, r.location.line) for r in refs}


def test_a_langchain_cohere_reranker_without_a_model_runs_its_default(tmp_path):
    src = """from langchain.retrievers.document_compressors import CohereRerank
from langchain.retrievers import ContextualCompressionRetriever

squeeze = CohereRerank()
ranked = CohereRerank(model="rerank-multilingual-v3.0", top_n=3)
"""
    refs = _refs(tmp_path, {"rank.py": src})
    assert _got(refs) == {
        ("rerank-english-v2.0", HOSTED, "cohere", "rank.py", 4),
        ("rerank-multilingual-v3.0", HOSTED, "cohere", "rank.py", 5),
    }
    implicit = [r.evidence for r in refs if r.location.line == 4]
    assert implicit == ["implicit: the default model of langchain CohereRerank()"]


def test_a_cohere_rerank_class_from_elsewhere_has_no_default(tmp_path):
    src = """from myapp.rerankers import CohereRerank

squeeze = CohereRerank()
"""
    assert list(_refs(tmp_path, {"rank.py": src})) == []


def test_a_gemini_resource_name_is_the_model_it_names(tmp_path):
    files = {
        "chat.py": """import google.generativeai as genai

fast = genai.GenerativeModel("models/gemini-1.5-flash")
GEMINI_MODEL = "models/gemini-2.0-flash-exp"
""",
        "web/client.ts": """import { GoogleGenerativeAI } from "@google/generative-ai";
const genAI = new GoogleGenerativeAI(key);
const model = genAI.getGenerativeModel({ model: "models/gemini-1.5-pro" });
""",
    }
    got = {(r.id, r.source, r.provider, r.location.path) for r in _refs(tmp_path, files)}
    assert got == {
        ("gemini-1.5-flash", HOSTED, "google-gemini", "chat.py"),
        ("gemini-2.0-flash-exp", HOSTED, "google-gemini", "chat.py"),
        ("gemini-1.5-pro", HOSTED, "google-gemini", "web/client.ts"),
    }


def test_a_models_folder_is_no_resource_name(tmp_path):
    # a local folder called models/ holds weights; only a Gemini name after it is a resource name
    src = """from transformers import AutoModel
MODEL_PATH = "models/llama-3-8b"
model = AutoModel.from_pretrained("models/bert-base-uncased")
GEMINI_MODEL = "models/gemma-2-9b-it"
"""
    refs = _refs(tmp_path, {"app.py": src})
    assert not [r for r in refs if r.source == HOSTED]
    assert not [r for r in refs if r.id.startswith(("llama-3-8b", "bert-base-uncased", "gemma"))]


def test_a_values_template_is_read_as_the_yaml_it_renders(tmp_path):
    files = {
        # a Terraform templatefile() of Helm values: ${...} interpolation, valid YAML
        "deploy/values.tpl": """servingEngineSpec:
  modelSpec:
    - name: "chat"
      modelURL: "/data/models/chat"
      initContainer:
        command: ["/bin/sh", "-c"]
        args:
          - |
            pip install huggingface_hub &&
            hf download acme-labs/Chat-7B-Instruct --local-dir /data/models/chat
      replicaCount: ${replicas}
""",
        # a Helm chart's helpers: Go template defines, not YAML
        "chart/templates/_helpers.tpl": """{{- define "chart.fullname" -}}
{{- printf "%s-%s" .Release.Name "acme-labs/Not-A-Model" | trunc 63 }}
{{- end }}
model: {{ .Values.model }}
""",
        # a template of another language whose lines are no settings
        "boot/cloud-init.tpl": "#!/bin/sh\necho 'acme-labs/Chat-7B-Instruct' > /etc/motd\n[broken: yaml\n",
    }
    got = {(r.id, r.location.path, r.location.line) for r in _refs(tmp_path, files)}
    assert got == {("acme-labs/Chat-7B-Instruct", "deploy/values.tpl", 10)}


def test_the_keys_of_a_table_of_model_options_are_its_models(tmp_path):
    text = """export function Picker() {
  const models = {
    // id: [size quantized, size full] in MB
    'acme-labs/speech-tiny': [41, 152],
    "acme-labs/speech-base": [77],
    'acme-labs/speech-large': { sizeMb: 900, multilingual: true },
    "gpt-4o-mini": 128000,
  };
  return Object.keys(models).map((key) => <option key={key} value={key}>{key}</option>);
}
"""
    refs = _refs(tmp_path, {"src/Picker.tsx": text})
    assert {(r.id, r.source, r.location.line) for r in refs} == {
        ("acme-labs/speech-tiny", HUGGINGFACE, 4),
        ("acme-labs/speech-base", HUGGINGFACE, 5),
        ("acme-labs/speech-large", HUGGINGFACE, 6),
        ("gpt-4o-mini", HOSTED, 7),
    }
    assert {r.evidence for r in refs} == {
        "model key of the table models",
        "hosted model key of the table models",
    }


def test_keys_that_label_a_table_s_models_are_no_models(tmp_path):
    text = """export const MODELS = { "acme-labs/label-a": "acme-labs/real-a" };
export const groupedModels = { "acme-labs/group": ["acme-labs/real-b", "acme-labs/real-c"] };
export const chatModels = { "acme-labs/record": { id: "acme-labs/real-d", size: 3 } };
export const sizes = { "acme-labs/sized": [41, 152] };
export const model = { "acme-labs/single": [1] };
"""
    got = {(r.id, r.location.line) for r in _refs(tmp_path, {"src/models.ts": text})}
    assert got == {
        ("acme-labs/real-a", 1),
        ("acme-labs/real-d", 3),
    }  # (the lists of a map of groups are not read, as before: only their keys are asked here)


def test_the_records_of_a_list_of_models_name_their_model_by_id(tmp_path):
    files = {
        "router.yaml": """external_providers:
  - name: openai
    type: openai
    models:
      - id: gpt-4o-mini
        type: chat
        aliases: [mini]
      - id: acme-labs/Router-8B
""",
        "catalog.json": json.dumps(
            {"models": [{"name": "acme-labs/Embed-1B", "dims": 768}]}, indent=1
        ),
    }
    got = {(r.id, r.source, r.location.path, r.location.line) for r in _refs(tmp_path, files)}
    assert got == {
        ("gpt-4o-mini", HOSTED, "router.yaml", 5),
        ("acme-labs/Router-8B", HUGGINGFACE, "router.yaml", 8),
        ("acme-labs/Embed-1B", HUGGINGFACE, "catalog.json", 4),
    }


def test_a_record_that_names_its_model_itself_has_a_label_for_a_name(tmp_path):
    files = {
        "values.yaml": """models:
  - name: acme-labs/Label-Only
    model: acme-labs/Served-7B
providers:
  - id: acme-labs/Not-In-A-Model-List
modelSpec:
  - name: acme-labs/Spec-Label
""",
    }
    got = {(r.id, r.location.line) for r in _refs(tmp_path, files)}
    assert got == {("acme-labs/Served-7B", 3)}


def test_a_file_named_after_a_provider_whose_names_all_have_a_shape(tmp_path):
    # OpenAI's and Anthropic's model names all have their shapes: a shapeless name in a file
    # named after them is an application's alias; Groq serves open weights under bare names
    files = {
        "tests/test_openai_provider.py": 'body = {"model": "gpt4o"}\nreal = {"model": "gpt-4o"}\n',
        "anthropic_client.py": 'MODEL = "sonnet-latest"\n',
        "groq_models.py": 'MODEL = "gemma-7b-it"\n',
    }
    got = {(r.id, r.provider, r.location.path) for r in _refs(tmp_path, files)}
    assert got == {
        ("gpt-4o", "openai", "tests/test_openai_provider.py"),
        ("gemma-7b-it", "groq", "groq_models.py"),
    }


def test_an_id_with_a_suffix_appended_is_both_forms(tmp_path):
    text = """import { pipeline } from "@huggingface/transformers";
const DEFAULT_MODEL = "acme-labs/speech-tiny";
export async function load(multilingual) {
  let modelName = DEFAULT_MODEL;
  if (!multilingual) {
    modelName += ".en";
  }
  return pipeline("automatic-speech-recognition", modelName);
}
export const base = () => pipeline("automatic-speech-recognition", "acme-labs/speech-" + "base");
export const small = (m = "acme-labs/speech-small") => pipeline("automatic-speech-recognition", m + "-q8");
"""
    refs = _refs(tmp_path, {"src/worker.js": text})
    got = {(r.id, r.location.line) for r in refs}
    assert got == {
        ("acme-labs/speech-tiny", 2),
        ("acme-labs/speech-tiny.en", 6),
        ("acme-labs/speech-base", 10),
        ("acme-labs/speech-small-q8", 11),  # only the joined form reaches the loader
    }
    by_id = {r.id: r.evidence for r in refs}
    assert by_id["acme-labs/speech-tiny.en"].endswith("(through modelName + '.en')")


def test_a_join_with_a_part_known_only_at_run_time_is_no_model(tmp_path):
    text = """import { pipeline } from "@huggingface/transformers";
export async function load(size) {
  let modelName = "acme-labs/speech-tiny";
  const other = "acme-labs/other";
  function shadow() { let modelName = "x"; modelName += ".en"; return modelName; }
  const fromUser = pipeline("automatic-speech-recognition", "acme-labs/speech-" + size);
  return pipeline("automatic-speech-recognition", modelName);
}
"""
    result = discover(write_files(tmp_path, {"src/worker.js": text}))
    assert {(r.id, r.location.line) for r in result.refs} == {("acme-labs/speech-tiny", 3)}
    assert [u.reason for u in result.unresolvable if u.location.line == 6] == [
        "model id of pipeline(): a string joined at run time"
    ]


def test_a_yaml_file_in_a_configmap_and_the_lora_adapters_it_lists(tmp_path):
    files = {
        "deploy/lora.yaml": """apiVersion: v1
kind: ConfigMap
metadata:
  name: lora-adapters
data:
  configmap.yaml: |
      vLLMLoRAConfig:
        name: adapters
        port: 8000
        ensureExist:
          models:
          - id: chat-adapter
            source: acme-labs/Chat-LoRA
        ensureNotExist:
          models:
          - id: old-adapter
            source: acme-labs/Retired-LoRA
  notes.txt: |
      model: acme-labs/Written-In-Prose
  broken.yaml: |
      model: [acme-labs/Never
""",
    }
    got = {(r.id, r.location.line, r.location.snippet) for r in _refs(tmp_path, files)}
    assert got == {("acme-labs/Chat-LoRA", 13, "source: acme-labs/Chat-LoRA")}


def test_the_choices_of_a_model_option_are_models_a_user_runs(tmp_path):
    src = """import argparse
from transformers import AutoModel

parser = argparse.ArgumentParser()
parser.add_argument("--model", choices=["acme-labs/Small-1B", "acme-labs/Large-7B"], default="acme-labs/Small-1B")
parser.add_argument("--size", choices=["acme-labs/Not-A-Model-Flag"])
parser.add_argument("--output-dir", choices=["acme-labs/Out-A", "acme-labs/Out-B"])
parser.add_argument("--judge", choices=["gpt-4o", "mini", "tiny"])
args = parser.parse_args()
model = AutoModel.from_pretrained(args.model)
"""
    got = {(r.id, r.location.line) for r in _refs(tmp_path, {"run.py": src})}
    assert got == {
        ("acme-labs/Small-1B", 5),
        ("acme-labs/Large-7B", 5),
        ("acme-labs/Small-1B", 10),  # args.model: the default; a choice is named where listed
    }
