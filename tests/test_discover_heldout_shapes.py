"""Shapes real applications use to name their models: a library's default reranker, a provider's
resource prefix, the options of a model flag, a model table's keys, an id built by appending a
suffix, a value carried from one file to a loader in another."""

from __future__ import annotations

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
