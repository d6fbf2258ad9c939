"""Model cards, read one way by discovery (a model folder's README.md) and by resolution (the
README a Hub repository serves), and the typed record of what a local artifact declares."""

from __future__ import annotations

import dataclasses

import pytest

from licaudit.cards import ArtifactError, ArtifactMetadata, front_matter
from licaudit.discover import discover
from licaudit.model import LOCAL
from licaudit.resolve.records import license_fields

CARD = (
    "\ufeff---\n"
    "base_model: acme/base\n"
    "license: [mit, apache-2.0]\n"
    "extra_gated_eu_disallowed: yes\n"
    "base: &shared [x, y]\n"
    "again: *shared\n"
    "---\n"
    "# A model\n"
)


def test_front_matter_with_its_license_line():
    data, line = front_matter(CARD)
    assert line == 3
    assert data["license"] == ["mit", "apache-2.0"]
    assert data["extra_gated_eu_disallowed"] is True
    assert data["again"] is data["base"]  # an alias is the node it names, never a copy


@pytest.mark.parametrize(
    "text",
    ["# no front matter\n", "---\nlicense: mit\n", "--- \n- a list\n---\n", ""],
)
def test_no_front_matter(text):
    assert front_matter(text) is None


@pytest.mark.parametrize(
    "text, message",
    [
        ("---\nlicense: [mit\n---\n", "malformed"),
        ("---\nx: " + "[" * 2000 + "]" * 2000 + "\n---\n", "nested too deeply"),
        (
            "---\n" + "".join(f"k{i}: [{', '.join(['v'] * 50)}]\n" for i in range(3000)) + "---\n",
            "too large",
        ),
    ],
)
def test_hostile_front_matter_is_an_artifact_error(text, message):
    with pytest.raises(ArtifactError, match=message):
        front_matter(text)


def test_both_stages_read_a_card_the_same_way(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "README.md").write_text(CARD, encoding="utf-8")
    (ref,) = [r for r in discover(tmp_path).refs if r.source == LOCAL]
    assert ref.metadata == ArtifactMetadata(
        source="card",
        path="m/README.md",
        license="mit AND apache-2.0",
        base_models=("acme/base",),
        eu_disallowed=True,
    )
    # a list is every license at once, as the Hub card's is read (never a choice: that would
    # let the policy pick the more permissive one)
    assert license_fields(["mit", "apache-2.0"]) == license_fields(ref.metadata.license)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.metadata.license = "apache-2.0"  # type: ignore[misc]
