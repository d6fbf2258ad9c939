"""What a license asks of the team, as typed items: the one source every view renders.

``obligations(terms, organization)`` reads a license's structured terms (``licenses/*.yaml``,
``terms:``) and, when given, the policy's ``organization`` block, and returns the items in one
order: first the duties (what to do where the model ships), then the limits (what the license
rules out or makes conditional). Three views render them, each in its own words:
``licaudit licenses show`` (``licensing.render``), the ``obligations`` finding
(``policy.rules``) and the legal review checklist and attribution file (``report``). None of
them reads the terms for itself, so a duty or a comparison (is the organization above the
monthly-active-user limit?) is decided here once.

Each item says whether it belongs in the one-line ``obligations`` finding (``brief``): every
duty, except a license's own attribution wording when structured duties already state it, plus
the limits no other rule decides for the organization (the user limit while the organization's
figure is unknown, the hosting limit for a hosted deployment). The rest are left to the rules
that check them (``commercial-use``, ``mau-limit``, ``jurisdiction``) or, for output
restrictions, to the checklist and ``licenses show``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

# --- duties ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Display:
    """Display this exact text prominently (``terms.display_text``)."""

    text: str
    brief: bool = True
    wording: tuple[str, ...] = ()  # the license's own sentences stating this duty (attribution)


@dataclass(frozen=True)
class Naming:
    """A model derived from this one must be named by this rule (``terms.naming``)."""

    rule: str
    prefix: str | None = None
    brief: bool = True


@dataclass(frozen=True)
class LicenseCopy:
    """Give a copy of the license with any redistribution (``terms.license_copy``)."""

    brief: bool = True
    wording: tuple[str, ...] = ()


@dataclass(frozen=True)
class Notice:
    """Ship a notice file with this exact text (``terms.notice_text``)."""

    text: str
    brief: bool = True
    wording: tuple[str, ...] = ()


@dataclass(frozen=True)
class UsePolicy:
    """Follow the licensor's use policy; ``pass_on``: and make it a term for your users."""

    name: str
    url: str | None = None
    pass_on: bool = False
    incorporated: bool = False
    updatable: bool = False
    brief: bool = True


@dataclass(frozen=True)
class Attribution:
    """One attribution duty in the license's own words (``terms.attribution``)."""

    text: str
    brief: bool = True  # False when the structured duties above already state it


# --- limits ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommercialUse:
    """Commercial use is ``conditional`` or ``prohibited`` (``terms.commercial_use``)."""

    use: str
    note: str = ""
    brief: bool = False  # the commercial-use and non-production rules check it


MauStatus = Literal["below", "above", "unknown"]


@dataclass(frozen=True)
class UserLimit:
    """A monthly-active-user limit (``terms.mau_limit``), compared with the organization's figure
    (``organization.monthly_active_users``). The licenses speak of "greater than": exactly at the
    threshold is within the limit, as the ``mau-limit`` rule sees it."""

    threshold: int
    status: MauStatus
    organization: int | None = None  # the organization's figure, when the policy states it
    above: str = ""  # what happens above the limit
    measured: str = ""  # when and how the figure is measured
    brief: bool = True  # True only while the figure is unknown: else mau-limit decides


@dataclass(frozen=True)
class Hosting:
    """Offering the model as a hosted service may need a separate license
    (``terms.hosting_restricted``); listed when the organization's deployment is hosted, and
    always without an organization."""

    brief: bool = True


@dataclass(frozen=True)
class Geographic:
    """Use is restricted in a region (``terms.geographic_restrictions``)."""

    region: str
    description: str
    modalities: tuple[str, ...] = ()  # the models it applies to; empty: every model
    who: str = ""
    exempt: str = ""
    brief: bool = False  # the jurisdiction rule checks it


@dataclass(frozen=True)
class OutputRestriction:
    """What may not be done with the model's outputs (``terms.output_restrictions``)."""

    text: str
    brief: bool = False


Duty = Display | Naming | LicenseCopy | Notice | UsePolicy | Attribution
Limit = CommercialUse | UserLimit | Hosting | Geographic | OutputRestriction
Obligation = Duty | Limit


def organization_mau(organization: Mapping[str, Any] | None) -> int | None:
    """The organization's monthly active users, when the policy states a number."""
    value = (organization or {}).get("monthly_active_users")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# An attribution sentence that states a structured duty of the same license again: it quotes the
# display text, speaks of the "Notice" file whose text the license gives, or asks for a copy of
# the license. Each duty is listed once, with the license's sentence as its ``wording``.
_NOTICE_FILE = re.compile(r"\"notice\"|\bnotice (?:text )?file\b|\bnotice text\b", re.IGNORECASE)
_LICENSE_COPY = re.compile(r"\ba copy of (?:the|this)\b", re.IGNORECASE)


def _restated(item: str, terms: Mapping[str, Any]) -> str | None:
    """Which structured duty the attribution sentence ``item`` restates: ``display``,
    ``notice``, ``license_copy``, or None when it states a duty of its own."""
    display = terms.get("display_text")
    if display and display.lower() in item.lower():
        return "display"
    if terms.get("notice_text") and _NOTICE_FILE.search(item):
        return "notice"
    if terms.get("license_copy") and _LICENSE_COPY.search(item):
        return "license_copy"
    return None


def obligations(
    terms: Mapping[str, Any], organization: Mapping[str, Any] | None = None
) -> tuple[Obligation, ...]:
    """The duties, then the limits, that ``terms`` bring; ``organization`` (the policy's block,
    ``None`` when there is no policy, as for ``licenses show``) decides the user-limit status and
    whether the hosting limit applies. Each duty comes once: an attribution sentence that
    restates a structured duty is that duty's ``wording``, not an item of its own."""
    wording: dict[str | None, list[str]] = {}
    for item in terms.get("attribution") or ():
        wording.setdefault(_restated(item, terms), []).append(item)
    out: list[Obligation] = []
    if terms.get("display_text"):
        out.append(Display(terms["display_text"], wording=tuple(wording.get("display", ()))))
    naming = terms.get("naming")
    if naming:
        out.append(Naming(naming["rule"], naming.get("prefix")))
    if terms.get("license_copy"):
        out.append(LicenseCopy(wording=tuple(wording.get("license_copy", ()))))
    if terms.get("notice_text"):
        out.append(Notice(terms["notice_text"], wording=tuple(wording.get("notice", ()))))
    policy = terms.get("use_policy")
    if policy:
        out.append(
            UsePolicy(
                name=policy.get("name") or "use policy",
                url=policy.get("url"),
                pass_on=bool(policy.get("pass_on")),
                incorporated=bool(policy.get("incorporated")),
                updatable=bool(policy.get("updatable")),
            )
        )
    restated = bool(out)  # structured duties state what the attribution wording says
    out.extend(Attribution(item, brief=not restated) for item in wording.get(None, ()))

    if terms.get("commercial_use") in ("conditional", "prohibited"):
        out.append(CommercialUse(terms["commercial_use"], terms.get("commercial_note", "")))
    mau = terms.get("mau_limit")
    if mau:
        threshold, org = mau["threshold"], organization_mau(organization)
        status: MauStatus = "unknown" if org is None else "above" if org > threshold else "below"
        out.append(
            UserLimit(
                threshold,
                status,
                organization=org,
                above=mau.get("above", ""),
                measured=mau.get("measured", ""),
                brief=status == "unknown",
            )
        )
    deployment = (organization or {}).get("deployment")
    if terms.get("hosting_restricted") and (organization is None or deployment == "hosted"):
        out.append(Hosting())
    for geo in terms.get("geographic_restrictions") or ():
        out.append(
            Geographic(
                geo["region"],
                geo["description"],
                tuple(geo.get("modalities") or ()),
                who=geo.get("who", ""),
                exempt=geo.get("exempt", ""),
            )
        )
    out.extend(OutputRestriction(item) for item in terms.get("output_restrictions") or ())
    return tuple(out)
