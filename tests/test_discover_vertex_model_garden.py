"""Vertex AI Model Garden's ``OpenModel(model_name)``: a Model Garden name with its version
(``publisher/model@version``) is Vertex AI's hosted model, a Hugging Face id is the Hub model it
deploys; a GitHub action's ``owner/repo@ref`` elsewhere is still no model."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def _refs(tmp_path, files):
    found = discover(write_files(tmp_path, files)).refs
    return {(r.id, r.source, r.provider, r.location.line) for r in found}


def test_open_model_names_model_garden_and_hub_models(tmp_path):
    code = """from vertexai import model_garden

MODEL_ID = "acme/chat-super@49b"
model = model_garden.OpenModel(MODEL_ID)
hub = model_garden.OpenModel("acme-labs/chat-7b")
"""
    assert _refs(tmp_path, {"deploy.py": code}) == {
        ("acme/chat-super@49b", HOSTED, "google-vertex", 3),
        ("acme/chat-super@49b", HOSTED, "google-vertex", 4),
        ("acme-labs/chat-7b", HUGGINGFACE, None, 5),
    }


def test_a_versioned_name_outside_a_hosted_loader_is_no_model(tmp_path):
    code = """from transformers import AutoModel

ACTION = "actions/checkout@v4"
model = AutoModel.from_pretrained("acme-labs/chat-7b@main")
"""
    workflow = "jobs:\n  t:\n    steps:\n      - uses: actions/checkout@v4\n"
    got = _refs(tmp_path, {"load.py": code, ".github/workflows/ci.yml": workflow})
    assert {(i, s) for i, s, _, _ in got} == {("acme-labs/chat-7b", HUGGINGFACE)}
