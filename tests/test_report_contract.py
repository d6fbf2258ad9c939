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
    ("properties", "summary"): contract.Summary,
    ("properties", "datasets", "items"): contract.DatasetEntry,
    ("properties", "skipped", "items"): contract.SkippedEntry,
    ("properties", "unresolvable", "items"): contract.UnresolvableEntry,
    ("$defs", "location"): contract.LocationEntry,
    ("$defs", "fact"): contract.FactEntry,
    ("$defs", "license_ref"): contract.LicenseRef,
    ("$defs", "license_entry"): contract.LicenseEntry,
    ("$defs", "model"): contract.ModelEntry,
    ("$defs", "model", "properties", "publisher"): contract.PublisherEntry,
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
