"""``report.contract`` says what ``schemas/report.schema.json`` says, key for key: the schema is
the authority, the types are what the builder and the formats are written against."""

from __future__ import annotations

import pytest

from licaudit.report import contract
from licaudit.resources import schema

REPORT = schema("report")


def node(*path: str) -> dict:
    """The schema object at ``path`` (``$defs`` references followed)."""
    here = REPORT
    for key in path:
        here = here[key]
        while "$ref" in here:
            here = REPORT["$defs"][here["$ref"].rsplit("/", 1)[1]]
    return here


TYPES = {
    (): contract.Report,
    ("properties", "tool"): contract.ToolEntry,
    ("properties", "policy"): contract.PolicyEntry,
    ("$defs", "review"): contract.ReviewEntry,
    ("properties", "baseline"): contract.BaselineEntry,
    ("properties", "summary"): contract.Summary,
    ("properties", "datasets", "items"): contract.DatasetEntry,
    ("properties", "hosted_models", "items"): contract.HostedModelEntry,
    ("properties", "skipped", "items"): contract.SkippedEntry,
    ("properties", "unresolvable", "items"): contract.UnresolvableEntry,
    ("$defs", "location"): contract.LocationEntry,
    ("$defs", "fact"): contract.FactEntry,
    ("$defs", "license_ref"): contract.LicenseRef,
    ("$defs", "license_entry"): contract.LicenseEntry,
    ("$defs", "model"): contract.ModelEntry,
    ("$defs", "model", "properties", "publisher"): contract.PublisherEntry,
    ("$defs", "model", "properties", "files", "items"): contract.ArtifactFileEntry,
    ("$defs", "model", "properties", "effective_licenses", "items"): (
        contract.EffectiveLicenseEntry
    ),
    ("$defs", "finding"): contract.FindingEntry,
    ("$defs", "finding", "properties", "waived"): contract.WaiverEntry,
}


@pytest.mark.parametrize("path", list(TYPES), ids=lambda p: "/".join(p) or "report")
def test_each_type_has_the_schema_keys_and_requires_what_it_requires(path):
    obj, typed = node(*path), TYPES[path]
    assert typed.__required_keys__ | typed.__optional_keys__ == set(obj["properties"])
    assert typed.__required_keys__ == frozenset(obj.get("required", ()))


def test_every_object_of_the_schema_has_a_type():
    """A new object in the schema needs a type here (and in this test's table)."""

    def objects(here: dict, path: tuple[str, ...]):
        if "properties" in here:
            yield path
            for key, sub in here["properties"].items():
                yield from objects(sub, (*path, "properties", key))
        for key in ("items", "additionalProperties"):
            if isinstance(here.get(key), dict) and "$ref" not in here[key]:
                yield from objects(here[key], (*path, key))

    found = set(objects({k: v for k, v in REPORT.items() if k != "$defs"}, ()))
    for name, sub in REPORT["$defs"].items():
        found |= set(objects(sub, ("$defs", name)))
    assert found == set(TYPES)


SHA = "0e9e39f249a16976918f6564b8830bc894c89659"


@pytest.mark.parametrize(
    ("source", "model_id", "revision", "expected", "parts"),
    [
        ("huggingface", "meta-llama/Llama-3.1-8B", None, "pkg:huggingface/meta-llama/Llama-3.1-8B",
         ("huggingface", "meta-llama", "Llama-3.1-8B", None)),
        ("huggingface", "meta-llama/Llama-3.1-8B", SHA, f"pkg:huggingface/meta-llama/Llama-3.1-8B@{SHA}",
         ("huggingface", "meta-llama", "Llama-3.1-8B", SHA)),
        ("huggingface", "gpt2", None, "pkg:huggingface/gpt2", ("huggingface", None, "gpt2", None)),
        ("ollama", "llama3.1:8b", None, "pkg:generic/ollama/llama3.1@8b",
         ("generic", "ollama", "llama3.1", "8b")),
        ("ollama", "llama3.1", None, "pkg:generic/ollama/llama3.1@latest",
         ("generic", "ollama", "llama3.1", "latest")),
        ("ollama", "hf.co/bartowski/Qwen-GGUF:Q4_K_M", None,
         "pkg:generic/ollama/hf.co/bartowski/Qwen-GGUF@Q4_K_M",
         ("generic", "ollama/hf.co/bartowski", "Qwen-GGUF", "Q4_K_M")),
        ("modelscope", "LLM-Research/Meta-Llama-3-8B", None,
         "pkg:generic/modelscope/LLM-Research/Meta-Llama-3-8B",
         ("generic", "modelscope/LLM-Research", "Meta-Llama-3-8B", None)),
        # a revision that is not a commit id is encoded, not pasted into the purl
        ("huggingface", "acme/m", "x y@z#w", "pkg:huggingface/acme/m@x%20y%40z%23w",
         ("huggingface", "acme", "m", "x y@z#w")),
    ],
)  # fmt: skip
def test_package_urls_are_built_to_the_spec_and_parse_back(
    source, model_id, revision, expected, parts
):
    from packageurl import PackageURL

    from licaudit.report.document import purl

    built = purl(source, model_id, revision)
    assert built == expected
    back = PackageURL.from_string(built)
    assert (back.type, back.namespace, back.name, back.version) == parts


def test_a_local_artifact_has_no_package_url():
    from licaudit.report.document import purl

    assert purl("local", "models/acme-llama-ft", None) is None
