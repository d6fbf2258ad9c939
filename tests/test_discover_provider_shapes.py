"""Hosted providers told by their models' own shape (Contextual AI's ctxl-rerank-* rerankers),
with the look-alikes that are none."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> list[tuple[str, str, str | None, int]]:
    found = discover(write_files(tmp_path, files)).refs
    return sorted((r.id, r.source, r.provider, r.location.line) for r in found)


def test_a_contextual_reranker_name_is_its_hosted_model(tmp_path):
    src = """from contextual import ContextualAI

client = ContextualAI(api_key=API_KEY)
model = "ctxl-rerank-en-v1-instruct"
ranked = client.rerank.create(query=query, documents=documents, model=model)
"""
    assert refs(tmp_path, {"rerank.py": src}) == [
        ("ctxl-rerank-en-v1-instruct", HOSTED, "contextual", 4),
        ("ctxl-rerank-en-v1-instruct", HOSTED, "contextual", 5),
    ]


def test_look_alikes_of_a_reranker_name_are_none(tmp_path):
    src = """# model = "ctxl-rerank-en-v1-instruct"
RERANK_DOCS = "see ctxl-rerank-en-v1-instruct in the docs"
title = "ctxl-rerank-en-v1-instruct"
output_dir = "ctxl-rerank-finetuned"
"""
    assert refs(tmp_path, {"notes.py": src}) == []
