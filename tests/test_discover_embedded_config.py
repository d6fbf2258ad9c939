"""A YAML configuration written as a Python string literal (an f-string a deploy script writes
for a service to read) is read as the YAML file it stands for, its references placed on the
source's lines. Docstrings, prompts and other prose, a single line, and text that is not a
structured YAML document stay silent."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def found(tmp_path, files):
    refs = discover(write_files(tmp_path, files)).refs
    return sorted((r.location.path, r.location.line, r.id, r.source) for r in refs)


def test_a_yaml_configuration_in_an_f_string_is_read(tmp_path):
    code = '''import json


def deploy(app_name, workspace):
    MODEL_CONFIG = f"""
    model_providers:
      - provider_name: gateway
        base_url: http://{app_name}-llm.{workspace}.svc.cluster.local:8000
        llm_model_ids:
          - "openai/gpt-4o-mini"
        embedding_model_ids:
          - "mixedbread-ai/mxbai-embed-large-v1"
        default_headers: {{}}
    """
    return {"MODELS_CONFIG": MODEL_CONFIG}
'''
    got = found(tmp_path, {"deploy.py": code})
    assert got == [
        ("deploy.py", 10, "gpt-4o-mini", HOSTED),
        ("deploy.py", 12, "mixedbread-ai/mxbai-embed-large-v1", HUGGINGFACE),
    ]
    (emb,) = [r for r in discover(tmp_path).refs if r.source == HUGGINGFACE]
    assert emb.location.column == 14
    assert "a YAML configuration in a string" in emb.evidence


def test_prose_docstrings_and_single_lines_are_not_configurations(tmp_path):
    code = '''def run(client):
    """Run the model.

    model: Qwen/Qwen2.5-7B-Instruct
    tokenizer: Qwen/Qwen2.5-7B-Instruct
    """
    prompt = """Answer in this format:
    model: the model you would pick, e.g. meta-llama/Llama-3.1-8B
    reason: why you picked it
    """
    one = "model: Qwen/Qwen2.5-0.5B"
    flat = """
    model: mistralai/Mistral-7B-v0.1
    size: 7b
    """
    return client.complete(prompt + one + flat)
'''
    assert found(tmp_path, {"run.py": code}) == []
