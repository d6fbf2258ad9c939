"""SPDX license expressions parsed with license-expression and resolved through the knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from licaudit.errors import LicauditError
from licaudit.licensing import KnowledgeBase
from licaudit.licensing.expression import ExpressionError, looks_like_expression, parse_expression

LICENSES = Path(__file__).resolve().parent.parent / "licenses"


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase.load(LICENSES, cache=False)


def test_or_gives_alternatives(kb):
    r = parse_expression("apache-2.0 OR mit", kb)
    assert r.operator == "OR" and r.is_compound and r.is_choice
    assert r.licenses == ("apache-2.0", "mit")
    assert r.choices == (("apache-2.0",), ("mit",))
    assert r.unknown == ()


def test_and_gives_one_combined_choice(kb):
    r = parse_expression("MIT AND CC-BY-4.0", kb)
    assert r.operator == "AND" and not r.is_choice
    assert r.licenses == ("mit", "cc-by-4.0")
    assert r.choices == (("mit", "cc-by-4.0"),)
    assert r.normalized == "mit AND cc-by-4.0"


def test_aliases_and_case_resolve(kb):
    r = parse_expression("Apache License 2.0 or LicenseRef-scancode-llama-3.1-license-2024", kb)
    assert r.licenses == ("apache-2.0", "llama3.1")
    assert r.normalized == "apache-2.0 OR llama3.1"


def test_single_license_and_with_exception(kb):
    r = parse_expression("llama3.2", kb)
    assert r.operator is None and not r.is_compound and r.licenses == ("llama3.2",)
    r = parse_expression("GPL-2.0-only WITH Classpath-exception-2.0", kb)
    assert r.operator is None
    assert r.licenses == ("gpl-2.0",) and r.exceptions == ("Classpath-exception-2.0",)
    assert r.normalized == "gpl-2.0 WITH Classpath-exception-2.0"


def test_nested_expression_expands_to_dnf_and_keeps_unknown_symbols(kb):
    r = parse_expression("(MIT OR Apache-2.0) AND (llama3.1 OR acme-model-license)", kb)
    assert r.operator == "AND"
    assert r.unknown == ("acme-model-license",)
    assert r.licenses == ("mit", "apache-2.0", "llama3.1", "acme-model-license")
    assert set(r.choices) == {
        ("mit", "llama3.1"),
        ("mit", "acme-model-license"),
        ("apache-2.0", "llama3.1"),
        ("apache-2.0", "acme-model-license"),
    }
    assert r.normalized == "(mit OR apache-2.0) AND (llama3.1 OR acme-model-license)"


def test_duplicates_collapse(kb):
    r = parse_expression("mit OR MIT OR expat", kb)
    assert r.licenses == ("mit",) and r.choices == (("mit",),)


@pytest.mark.parametrize("bad", ["", "   ", "mit OR", "AND", "(mit", "mit WITH a WITH b"])
def test_invalid_expressions_raise_a_licaudit_error(kb, bad):
    with pytest.raises(ExpressionError):
        parse_expression(bad, kb)
    assert issubclass(ExpressionError, LicauditError)


def test_looks_like_expression():
    assert looks_like_expression("apache-2.0 OR mit")
    assert looks_like_expression("MIT and CC-BY-4.0")
    assert looks_like_expression("(mit)")
    assert looks_like_expression("GPL-2.0 WITH Classpath-exception-2.0")
    assert not looks_like_expression("apache-2.0")
    assert not looks_like_expression("android-license")  # "and" inside a word is not an operator
    assert not looks_like_expression("")
    assert not looks_like_expression(None)
