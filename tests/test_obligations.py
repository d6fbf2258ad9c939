"""``licensing.obligations()`` is the one source of what a license asks of the team: ``licaudit
licenses show``, the ``obligations`` finding and the legal review's checklist render its items
(and the attribution file its duties), none of them reads the terms for itself.

Each view is rendered for real (the policy engine, the report builder, the HTML report), then
again with one item taken out of what ``obligations()`` returns: the view must change exactly
when it is meant to show that item."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from typing import get_args

import pytest

from licaudit.licensing import knowledge_base
from licaudit.licensing import obligations as source
from licaudit.licensing import render as show_view
from licaudit.licensing.obligations import (
    Attribution,
    Cap,
    CommercialUse,
    Display,
    Duty,
    Geographic,
    Hosting,
    LicenseCopy,
    Limit,
    ModificationNotice,
    Naming,
    NoEndorsement,
    Notice,
    Obligation,
    OutputRestriction,
    ProhibitedUses,
    ResearchScope,
    UsePolicy,
    UserLimit,
    obligations,
)
from licaudit.model import (
    AuditedModel,
    AuditResult,
    EffectiveLicense,
    Location,
    ModelRecord,
)
from licaudit.policy import Policy, evaluate
from licaudit.policy import rules as finding_view
from licaudit.report import _common as report_view
from licaudit.report import document, render

# Between them, every kind of obligation, a brief and a restated attribution, every user-limit status.
LICENSES = (
    "llama3.2",  # display, naming, copy, notice, use policy, attribution, limits, EU restriction
    "flux-1-dev-non-commercial-license",  # notice, prohibited commercial use, hosting, outputs
    "bigcode-openrail-m",  # use policy passed on, output restrictions
    "cc-by-nc-4.0",  # attribution wording and nothing structured: brief attributions
    "mrl",  # modification notices, no implied endorsement, what research means
    "deepseek",  # uses banned outright
    "mistral-modified-mit",  # a revenue threshold
)
ORGANIZATIONS = {
    "no figure": {"deployment": "hosted"},
    "above the limit": {"monthly_active_users": 800_000_000, "deployment": "hosted"},
    "below the limit": {"monthly_active_users": 5, "deployment": "on-premises"},
    "research": {"use": "research"},
}
MODEL = "acme/model"


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _checklist(html: str) -> str:
    page = _Visible()
    page.feed(html)
    text = _words(" ".join(page.parts))
    return text.split("Obligations checklist", 1)[1].split("Findings", 1)[0]


def views(lic_id: str, organization: dict) -> dict[str, str]:
    """Each view of one license's obligations, as a user meets it."""
    kb = knowledge_base()
    lic = kb.lookup(lic_id)
    rec = ModelRecord(id=MODEL, source="huggingface", license=lic.id)
    model = AuditedModel(
        rec, (Location("app.py", 3),), True, False, (EffectiveLicense(lic.id, MODEL, (MODEL,)),)
    )
    policy = Policy({"version": 1, "name": "t", "organization": organization}, "t", "test")
    findings = evaluate([model], policy, kb, today=date(2025, 1, 1))
    result = AuditResult(root="/repo", policy=policy.info(), models=(model,))
    doc = document.build(result, kb)
    return {
        "show": _words(show_view.show_text(lic)),
        "finding": _words(next((f.message for f in findings if f.rule == "obligations"), "")),
        "checklist": _checklist(render(doc, "html")),
        "notice": _words(render(doc, "notice")),
    }


def needle(item: Obligation) -> str:
    """What shows the item in every view."""
    match item:
        case Display() | Notice():
            return item.text
        case Naming():
            return item.rule.rstrip(".")
        case LicenseCopy():
            return "copy of the"
        case UsePolicy():
            return item.name
        case Attribution() | OutputRestriction():
            return item.text.rstrip(".")
        case CommercialUse():
            return item.use
        case UserLimit():
            return f"{item.threshold:,}"
        case Hosting():
            return "service may need a separate license"
        case Geographic():
            return _words(item.description).rstrip(".")
        case ModificationNotice():
            return "prominent notices"
        case NoEndorsement():
            return "endorsement"
        case ProhibitedUses():
            return item.uses[0]
        case ResearchScope():
            return item.text.rstrip(".")
        case Cap():
            return item.text
    raise AssertionError(item)


@pytest.mark.parametrize("organization", list(ORGANIZATIONS))
@pytest.mark.parametrize("lic_id", LICENSES)
def test_each_view_renders_exactly_the_items_it_is_meant_to(lic_id, organization, monkeypatch):
    org = ORGANIZATIONS[organization]
    terms = knowledge_base().lookup(lic_id).terms
    items, items_shown = obligations(terms, org), obligations(terms)  # show has no organization
    real = views(lic_id, org)

    for item in items_shown:
        assert _words(needle(item)) in real["show"], item
    for item in items:
        assert _words(needle(item)) in real["checklist"], item
        if item.brief:
            assert _words(needle(item)) in real["finding"], item
        if isinstance(item, Duty):
            assert _words(needle(item)) in real["notice"], item

    for item in {*items, *items_shown}:

        def without(t, organization=None, item=item):
            return tuple(x for x in obligations(t, organization) if x != item)

        with monkeypatch.context() as mp:
            for view in (show_view, finding_view, report_view):
                mp.setattr(view, "obligations", without)
            less = views(lic_id, org)
        # licenses show states commercial use for every license (allowed ones too) first
        if item in items_shown and not isinstance(item, CommercialUse):
            assert less["show"] != real["show"], item
        if item in items:
            assert less["checklist"] != real["checklist"], item
            assert (less["finding"] != real["finding"]) == item.brief, item
            assert (less["notice"] != real["notice"]) == isinstance(item, Duty), item
        else:
            assert less["checklist"] == real["checklist"]


def test_the_cases_above_cover_every_kind_of_obligation():
    seen: set[tuple[type, bool]] = set()
    statuses = set()
    for lic_id in LICENSES:
        terms = knowledge_base().lookup(lic_id).terms
        for org in [None, *ORGANIZATIONS.values()]:
            for item in obligations(terms, org):
                seen.add((type(item), item.brief))
                if isinstance(item, UserLimit):
                    statuses.add(item.status)
    assert {kind for kind, _ in seen} == set(get_args(Duty)) | set(get_args(Limit))
    assert {
        (Attribution, True),
        (Attribution, False),
        (UserLimit, False),
        (ResearchScope, True),
        (ResearchScope, False),
    } <= seen
    assert statuses == {"unknown", "above", "below"}


def test_the_user_limit_is_compared_once_and_exactly_at_the_limit_is_within():
    terms = {"commercial_use": "conditional", "mau_limit": {"threshold": 100, "above": "stop"}}

    def status(figure):
        (limit,) = [o for o in source.obligations(terms, figure) if isinstance(o, UserLimit)]
        return limit.status

    assert status(None) == "unknown"
    assert status({"monthly_active_users": 100}) == "below"
    assert status({"monthly_active_users": 101}) == "above"
    assert status({"monthly_active_users": True}) == "unknown"  # not a figure
