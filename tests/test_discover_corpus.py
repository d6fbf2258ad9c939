"""The fixture corpus: every kind of reference, with decoys, scored for recall and precision."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from licaudit.discover import discover

from .conftest import git
from .discover_helpers import augment_corpus

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


def _key(item: dict) -> tuple:
    return (item["id"], item["source"], item["path"], item["line"], item.get("cell"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "repo"
    shutil.copytree(CORPUS, root, symlinks=True)
    augment_corpus(root)
    return root


def _found(result) -> set[tuple]:
    return {
        (r.id, r.source, r.location.path, r.location.line, r.location.cell) for r in result.refs
    }


def _score(found: set[tuple], expected: set[tuple]) -> tuple[float, float]:
    hits = found & expected
    recall = len(hits) / len(expected)
    precision = len(hits) / len(found) if found else 0.0
    return recall, precision


def test_corpus_recall_and_precision(corpus):
    result = discover(corpus, exclude=["expected.yaml"])
    expected = {_key(r) for r in EXPECTED["refs"]}
    found = _found(result)
    recall, precision = _score(found, expected)
    assert expected - found == set(), "missed references"
    assert found - expected == set(), "false references"
    assert (recall, precision) == (1.0, 1.0)


def test_corpus_covers_every_kind(corpus):
    """The corpus exercises every scanner and every source."""
    paths = {r["path"] for r in EXPECTED["refs"]}
    for suffix in (
        ".py",
        ".ipynb",
        ".yml",
        ".yaml",
        ".json",
        ".toml",
        ".env",
        "Dockerfile",
        "Makefile",
        ".sh",
        ".tf",
        "Modelfile",
        ".ts",
        ".tsx",
        ".mjs",
        ".js",
        ".go",
        "README.md",
        "LICENSE",
        ".gguf",
        ".safetensors",
    ):
        assert any(p.endswith(suffix) for p in paths), suffix
    assert {r["source"] for r in EXPECTED["refs"]} == {
        "huggingface",
        "modelscope",
        "ollama",
        "local",
        "huggingface-dataset",
        "hosted",
        "url",  # weights downloaded from a URL
        # models of a library's own registry, named as the library names them
        "openai-whisper",
        "faster-whisper",
        "easyocr",
        "tesseract",
        "uvr",
        "ultralytics",
    }
    assert any(r.get("cell") is not None for r in EXPECTED["refs"])
    assert any(r.get("suppressed") for r in EXPECTED["refs"])


def test_corpus_decoys_never_reported(corpus):
    result = discover(corpus, exclude=["expected.yaml"])
    ids = {r.id.lower() for r in result.refs}
    leaked = [d for d in EXPECTED["decoys"] if str(d).lower() in ids]
    assert leaked == []


def test_corpus_suppressed_flags(corpus):
    result = discover(corpus, exclude=["expected.yaml"])
    expected = {_key(r) for r in EXPECTED["refs"] if r.get("suppressed")}
    found = {
        (r.id, r.source, r.location.path, r.location.line, r.location.cell)
        for r in result.refs
        if r.suppressed
    }
    assert found == expected
    assert all(r.location.suppressed == r.suppressed for r in result.refs)


def test_corpus_skipped_and_unresolvable(corpus):
    result = discover(corpus, exclude=["expected.yaml"])
    assert sorted(s.path for s in result.skipped) == sorted(EXPECTED["skipped"])
    assert all(s.reason for s in result.skipped)
    got = sorted((u.location.path, u.location.line) for u in result.unresolvable)
    assert got == sorted((u["path"], u["line"]) for u in EXPECTED["unresolvable"])
    # an id computed at run time is never a model; an environment variable's default is one
    (default,) = [r for r in result.refs if r.id == "org/default-model"]
    assert default.evidence.endswith("the default of MODEL_ID")


def test_corpus_same_result_inside_git(corpus, tmp_path):
    """git ls-files (tracked + untracked-not-ignored) gives the same references as the walk."""
    root = tmp_path / "gitcopy"
    shutil.copytree(corpus, root, symlinks=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A", "src", "deploy")
    git(root, "commit", "-q", "-m", "part")
    plain = discover(corpus, exclude=["expected.yaml"])
    inside = discover(root, exclude=["expected.yaml"])
    assert _found(inside) == _found(plain)


def test_corpus_local_metadata(corpus):
    result = discover(corpus, exclude=["expected.yaml"])
    local = {}
    for r in result.refs:
        if r.source == "local":
            local.setdefault(r.id, []).append(r)
    card = local["models/local-llama"][0].metadata
    assert card.license == "llama3.1"
    assert card.base_models == ("meta-llama/Llama-3.1-8B-Instruct",)
    assert card.base_model_relation == "finetune"
    assert (card.source, card.path) == ("card", "models/local-llama/README.md")
    lic = local["models/licensed"][0].metadata
    assert (lic.license, lic.source, lic.path) == ("mit", "license-file", "models/licensed/LICENSE")
    assert lic.license_file.path == "models/licensed/LICENSE"
    assert lic.license_file.license == "mit" and lic.license_file.confidence >= 0.9
    gguf_refs = local["models/tiny.gguf"]
    assert {r.location.path for r in gguf_refs} == {"models/tiny.gguf", "ollama/local.Modelfile"}
    for r in gguf_refs:  # the Modelfile's FROM carries the GGUF header too
        assert r.metadata.license == "llama3.2"
        assert r.metadata.base_models == ("meta-llama/Llama-3.2-1B-Instruct",)
        assert (r.metadata.source, r.metadata.path) == ("gguf", "models/tiny.gguf")
        assert (r.metadata.name, r.metadata.organization) == ("Tiny Llama Q4", "Acme")
    st = local["models/lora-style"][0].metadata
    assert (st.license, st.source) == ("openrail++", "safetensors")


def test_corpus_hosted_models_carry_their_provider(corpus):
    result = discover(corpus, exclude=["expected.yaml"])
    want = {_key(r): r["provider"] for r in EXPECTED["refs"] if r.get("provider")}
    got = {
        (r.id, r.source, r.location.path, r.location.line, r.location.cell): r.provider
        for r in result.refs
        if r.source == "hosted"
    }
    assert want and {k: got.get(k) for k in want} == want
