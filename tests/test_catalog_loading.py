"""Catalog loading and matching rules, on small catalog folders the tests write."""

from __future__ import annotations

from pathlib import Path

import pytest

from licaudit.errors import ConfigError
from licaudit.resolve.catalog import Catalog

PUBLISHERS = """\
publishers:
  - org: acme
    aliases: [acme-labs]
    name: Acme Corp.
    country: US
    source: https://example.org/acme
  - org: quantizer
    name: A quantizer
    role: repacker
    source: https://example.org/quantizer
"""

MODELS = """\
models:
  - pattern: acme/Widget-*
    license: apache-2.0
    publisher: acme
    modalities: [text]
    source: https://example.org/widget
    verified: unverified
  - pattern: acme/Widget-2-*
    license: mit
    publisher: acme
    modalities: [text]
    source: https://example.org/widget2
    verified: unverified
  - pattern: acme/Widget-2-*-Vision*
    license: mit
    publisher: acme
    modalities: [text, image]
    source: https://example.org/widget2
    verified: unverified
  - id: acme/Widget-2-7B-Special
    license: cc-by-nc-4.0
    publisher: acme
    modalities: [text]
    base_models: [acme/Widget-2-7B]
    base_model_relation: finetune
    gated: true
    source: https://example.org/special
    verified: primary
  - id: acme/Widget-2-7B
    license: mit
    publisher: acme
    modalities: [text]
    source: https://example.org/w27
    verified: secondary
"""

OLLAMA = """\
ollama:
  - name: widget
    default: 7b
    tags:
      7b: acme/Widget-2-7B
      7b-*: acme/Widget-2-7B
      7b-special*: acme/Widget-2-7B-Special
    source: https://example.org/ollama/widget
"""


def write_catalog(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def small(tmp_path: Path) -> Catalog:
    return Catalog.load(
        write_catalog(
            tmp_path / "catalog",
            **{"publishers.yaml": PUBLISHERS, "models__acme.yaml": MODELS, "ollama.yaml": OLLAMA},
        )
    )


def test_exact_ids_win_over_patterns(small: Catalog):
    entry = small.model("acme/Widget-2-7B-Special")
    assert entry.license == "cc-by-nc-4.0" and not entry.is_pattern
    assert entry.verified == "primary" and entry.gated is True
    assert entry.file == "models/acme.yaml"


def test_the_most_specific_pattern_wins(small: Catalog):
    assert small.model("acme/Widget-1-3B").key == "acme/Widget-*"
    assert small.model("acme/Widget-2-13B").key == "acme/Widget-2-*"
    vision = small.model("acme/Widget-2-13B-Vision-Instruct")
    assert vision.key == "acme/Widget-2-*-Vision*" and vision.modalities == ("text", "image")
    assert small.model("other/Widget-2-7B") is None


def test_matching_is_case_insensitive(small: Catalog):
    assert small.model("ACME/widget-2-7b-special").key == "acme/Widget-2-7B-Special"
    assert small.model("Acme/WIDGET-2-70b").key == "acme/Widget-2-*"
    assert small.publisher("ACME-LABS").name == "Acme Corp."


def test_publishers_with_aliases_roles_and_unknown_country(small: Catalog):
    assert [p.org for p in small.publisher_list()] == ["acme", "quantizer"]
    quantizer = small.publisher("quantizer")
    assert quantizer.country is None and quantizer.is_repacker
    assert small.publisher(None) is None


def test_ollama_tags_exact_pattern_and_default(small: Catalog):
    assert small.ollama_upstream("widget")[0] == "acme/Widget-2-7B"
    assert small.ollama_upstream("widget:7b-q4_K_M")[0] == "acme/Widget-2-7B"
    assert small.ollama_upstream("widget:7b-special-q8_0")[0] == "acme/Widget-2-7B-Special"
    assert small.ollama_upstream("WIDGET:7B")[0] == "acme/Widget-2-7B"
    assert small.ollama_upstream("widget:13b") == (None, small.ollama["widget"])


def test_a_duplicate_id_is_a_config_error(tmp_path: Path):
    one = "models:\n  - id: acme/X\n    license: mit\n    source: https://example.org\n"
    folder = write_catalog(
        tmp_path / "c", **{"a.yaml": one, "b.yaml": one.replace("acme/X", "ACME/x")}
    )
    with pytest.raises(
        ConfigError, match="catalog b.yaml: model 'ACME/x' is listed twice \\(also in a.yaml\\)"
    ):
        Catalog.load(folder)


def test_a_duplicate_pattern_across_files_is_a_config_error(tmp_path: Path):
    pattern_only = MODELS.split("  - id:")[0]
    folder = write_catalog(tmp_path / "c", **{"a.yaml": pattern_only, "b.yaml": pattern_only})
    with pytest.raises(
        ConfigError,
        match="catalog b.yaml: pattern 'acme/Widget-\\*' is listed twice \\(also in a.yaml\\)",
    ):
        Catalog.load(folder)


def test_a_duplicate_ollama_name_or_publisher_is_a_config_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="Ollama library name 'widget'"):
        Catalog.load(
            write_catalog(tmp_path / "o", **{"a.yaml": OLLAMA, "b.yaml": OLLAMA.upper().lower()})
        )
    with pytest.raises(ConfigError, match="publisher name"):
        Catalog.load(write_catalog(tmp_path / "p", **{"a.yaml": PUBLISHERS, "b.yaml": PUBLISHERS}))


@pytest.mark.parametrize(
    "text,message",
    [
        (
            "models:\n  - id: acme/x\n    source: https://example.org\n",
            "license",
        ),  # license missing
        ("models:\n  - id: not an id\n    license: mit\n    source: s\n", "does not match"),
        (
            "models:\n  - id: a/b\n    license: mit\n    source: s\n    modalities: [smell]\n",
            "smell",
        ),
        ("publishers:\n  - org: x\n    name: X\n    country: usa\n    source: s\n", "usa"),
        ("unknown_key: 1\n", "unknown_key"),
        ("models: [\n", "broken.yaml:2: invalid YAML"),
    ],
)
def test_invalid_files_are_config_errors_naming_the_file(tmp_path: Path, text: str, message: str):
    folder = write_catalog(tmp_path / "bad", **{"broken.yaml": text})
    with pytest.raises(ConfigError) as err:
        Catalog.load(folder)
    assert "catalog broken.yaml" in str(err.value) and message in str(err.value)


def test_an_empty_catalog_folder_knows_nothing(tmp_path: Path):
    empty = Catalog.load(write_catalog(tmp_path / "empty", **{"nothing.yaml": ""}))
    assert empty.model("acme/x") is None and empty.ollama_upstream("x") == (None, None)
    assert list(empty.entries()) == []


def test_an_organization_catalog_extends_and_overrides_the_built_in_one(tmp_path: Path):
    org = write_catalog(
        tmp_path / "our-models",
        **{
            "models.yaml": """\
models:
  - id: meta-llama/Llama-3.1-8B-Instruct
    license: llama3.1
    publisher: meta-llama
    modalities: [text]
    source: https://legal.example.org/reviews/llama-3.1
    verified: primary
  - id: acme/in-house-7b
    license: apache-2.0
    publisher: acme
    modalities: [text]
    base_models: [mistralai/Mistral-7B-v0.1]
    base_model_relation: finetune
    source: https://models.example.org/in-house-7b
    verified: primary
  - pattern: acme/*
    license: apache-2.0
    publisher: acme
    source: https://models.example.org
""",
            "publishers.yaml": PUBLISHERS,
            "ollama.yaml": OLLAMA.replace("acme/Widget-2-7B-Special", "acme/in-house-7b"),
        },
    )
    cat = Catalog.load(extra=[org])
    built_in = Catalog.load()
    assert len(cat.models) == len(built_in.models) + 1
    assert (
        cat.model("meta-llama/Llama-3.1-8B-Instruct").source
        == "https://legal.example.org/reviews/llama-3.1"
    )
    assert cat.model("meta-llama/Llama-3.1-8B-Instruct").file == "our-models/models.yaml"
    assert cat.model("acme/in-house-7b").base_models == ("mistralai/Mistral-7B-v0.1",)
    assert cat.model("acme/other").key == "acme/*"
    assert (
        cat.model("mistralai/Mistral-7B-v0.1").license == "apache-2.0"
    )  # the built-in entries stay
    assert cat.publisher("acme").country == "US"
    assert cat.ollama_upstream("widget:7b-special")[0] == "acme/in-house-7b"
    assert cat.ollama_upstream("llama3.1:70b")[0] == "meta-llama/Llama-3.1-70B-Instruct"


def test_a_missing_organization_catalog_folder_is_a_config_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="does not exist"):
        Catalog.load(extra=[tmp_path / "nope"])
