"""bench/realrepos.py: a notebook reference, placed by the report at a cell and a line in the
cell, is scored at the line of the notebook file the labels name."""

from __future__ import annotations

import importlib.util
import json
import sys

from licaudit.discover import discover

from .conftest import REPO_ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("realrepos", REPO_ROOT / "bench" / "realrepos.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Fine-tune\n", "with a model\n"]},
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "outputs": [{"name": "stdout", "output_type": "stream", "text": ['"source": x\n']}],
            "source": [
                "from transformers import AutoModel\n",
                "\n",
                'model = AutoModel.from_pretrained("Qwen/Qwen2.5-0.5B")\n',
            ],
        },
        {
            "cell_type": "code",
            "execution_count": 2,
            "metadata": {},
            "outputs": [],
            "source": 'x = 1\ntok = AutoModel.from_pretrained("google-t5/t5-small")',
        },
    ],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def test_notebook_places_are_lines_of_the_notebook_file(tmp_path):
    text = json.dumps(NOTEBOOK, indent=1) + "\n"
    (tmp_path / "nb.ipynb").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    qwen = next(i for i, t in enumerate(lines, 1) if "Qwen/Qwen2.5-0.5B" in t)
    t5 = next(i for i, t in enumerate(lines, 1) if "google-t5/t5-small" in t)
    bench = _bench()
    assert bench.notebook_lines(text)[(1, 3)] == qwen
    assert bench.notebook_lines(text)[(2, 2)] == t5  # a source written as one string
    refs = {r.id: r.location for r in discover(tmp_path).refs}
    assert (refs["Qwen/Qwen2.5-0.5B"].cell, refs["Qwen/Qwen2.5-0.5B"].line) == (1, 3)
    doc = {
        "models": [
            {
                "id": rid,
                "source": "huggingface",
                "locations": [{"path": "nb.ipynb", "line": loc.line, "cell": loc.cell}],
            }
            for rid, loc in refs.items()
        ]
    }
    labels = bench.Labels(
        "a/nb",
        "0" * 40,
        "notebook-tutorials",
        {
            ("huggingface", "qwen/qwen2.5-0.5b"): {("nb.ipynb", qwen)},
            ("huggingface", "google-t5/t5-small"): {("nb.ipynb", t5)},
        },
        set(),
        set(),
        [],
    )
    scored = bench.score(labels, doc, 0.0, tmp_path)
    assert (scored.places_hit, scored.places) == (2, 2)
    assert bench.notebook_lines("not json") == {}


def test_a_hosted_models_notebook_places_are_mapped_too(tmp_path):
    notebook = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Chat\n"]},
            {
                "cell_type": "code",
                "execution_count": 1,
                "metadata": {},
                "outputs": [],
                "source": ["from openai import OpenAI\n", 'MODEL = "gpt-4o-mini"\n'],
            },
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    text = json.dumps(notebook, indent=1) + "\n"
    (tmp_path / "chat.ipynb").write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "gpt-4o-mini" in t)
    bench = _bench()
    doc = {
        "models": [],
        "hosted_models": [
            {
                "id": "gpt-4o-mini",
                "provider": "openai",
                "locations": [{"path": "chat.ipynb", "line": 2, "cell": 1}],
            }
        ],
    }
    labels = bench.Labels(
        "a/chat", "0" * 40, "notebook-tutorials",
        {("hosted", "gpt-4o-mini"): {("chat.ipynb", line)}}, set(), set(), [],
    )  # fmt: skip
    scored = bench.score(labels, doc, 0.0, tmp_path)
    assert (scored.hits, scored.places_hit, scored.places) == (1, 1, 1)
