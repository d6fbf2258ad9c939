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
the limits no other rule decides for the organization (what a research license counts as
research, for research or personal use). The rest are left to the rules that check them
(``commercial-use``, ``mau-limit`` and ``threshold``, which also ask for a missing figure,
``hosting``, ``jurisdiction``) or, for output restrictions, to the checklist and
``licenses show``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from .. import lazyre
from ..recordtype import dataclass
from .thresholds import thresholds

# --- duties ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Display:
    """Display this exact text prominently (``terms.display_text``); ``when``: only in that case
    (``terms.display_when``: "Built with Qwen" is due for a distributed model built with Qwen)."""

    text: str
    when: str = ""
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
class ModificationNotice:
    """Modified files and derivatives carry prominent notices of the change
    (``terms.modification_notice``)."""

    brief: bool = True
    wording: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoEndorsement:
    """The licensor's endorsement may not be implied (``terms.no_endorsement``)."""

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
class ProhibitedUses:
    """Uses the license (or its use policy) bans outright (``terms.prohibited_uses``)."""

    uses: tuple[str, ...]
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
    brief: bool = False  # the mau-limit rule decides, and asks for a missing figure


@dataclass(frozen=True)
class Hosting:
    """Offering the model as a hosted service may need a separate license
    (``terms.hosting_restricted``); listed when the organization's deployment is hosted, and
    always without an organization. The ``hosting`` rule decides it for an organization."""

    brief: bool = False


@dataclass(frozen=True)
class Cap:
    """A revenue or daily-user threshold (``terms.thresholds``: Devstral 2's monthly revenue, the
    LFM license's annual revenue, Baichuan 2's daily users); the ``threshold`` rule compares it
    with the organization's figure, and asks for a missing one."""

    text: str  # the threshold as it reads: "USD 20,000,000 monthly revenue"
    duty: bool  # above it a duty applies (else the license grants no rights)
    above: str
    measured: str = ""
    brief: bool = False


@dataclass(frozen=True)
class ResearchScope:
    """What a research-only license counts as research (``terms.research_scope``); in the
    finding when the organization's use is research or personal."""

    text: str
    brief: bool = False


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


Duty = (
    Display
    | Naming
    | LicenseCopy
    | ModificationNotice
    | NoEndorsement
    | Notice
    | UsePolicy
    | ProhibitedUses
    | Attribution
)
Limit = CommercialUse | UserLimit | Cap | Hosting | ResearchScope | Geographic | OutputRestriction
Obligation = Duty | Limit


def organization_mau(organization: Mapping[str, Any] | None) -> int | None:
    """The organization's monthly active users, when the policy states a number."""
    value = (organization or {}).get("monthly_active_users")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# An attribution sentence that states a structured duty of the same license again: it quotes the
# display text, speaks of the "Notice" file whose text the license gives, asks for a copy of the
# license, for notices of modifications, or forbids implying endorsement. Each duty is listed
# once, with the license's sentence as its ``wording``.
_NOTICE_FILE = lazyre.compile(
    r"\"notice\"|\bnotice (?:text )?file\b|\bnotice text\b", re.IGNORECASE
)
_LICENSE_COPY = lazyre.compile(r"\ba copy of (?:the|this)\b", re.IGNORECASE)
_MODIFICATION = lazyre.compile(r"\bmodif(?:y|ied|ication)", re.IGNORECASE)
_ENDORSEMENT = lazyre.compile(r"\bendors", re.IGNORECASE)


def _restated(item: str, terms: Mapping[str, Any]) -> str | None:
    """Which structured duty the attribution sentence ``item`` restates (``display``,
    ``notice``, ``license_copy``, ``modification_notice``, ``no_endorsement``), or None when
    it states a duty of its own."""
    display = terms.get("display_text")
    if display and display.lower() in item.lower():
        return "display"
    if terms.get("notice_text") and _NOTICE_FILE.search(item):
        return "notice"
    if terms.get("license_copy") and _LICENSE_COPY.search(item):
        return "license_copy"
    if terms.get("modification_notice") and _MODIFICATION.search(item):
        return "modification_notice"
    if terms.get("no_endorsement") and _ENDORSEMENT.search(item):
        return "no_endorsement"
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
        out.append(
            Display(
                terms["display_text"],
                terms.get("display_when") or "",
                wording=tuple(wording.get("display", ())),
            )
        )
    naming = terms.get("naming")
    if naming:
        out.append(Naming(naming["rule"], naming.get("prefix")))
    if terms.get("license_copy"):
        out.append(LicenseCopy(wording=tuple(wording.get("license_copy", ()))))
    if terms.get("modification_notice"):
        out.append(ModificationNotice(wording=tuple(wording.get("modification_notice", ()))))
    if terms.get("no_endorsement"):
        out.append(NoEndorsement(wording=tuple(wording.get("no_endorsement", ()))))
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
    if terms.get("prohibited_uses"):
        out.append(ProhibitedUses(tuple(terms["prohibited_uses"])))
    restated = bool(out)  # structured duties state what the attribution wording says
    out.extend(Attribution(item, brief=not restated) for item in wording.get(None, ()))

    if terms.get("commercial_use") in ("conditional", "prohibited"):
        out.append(CommercialUse(terms["commercial_use"], terms.get("commercial_note", "")))
    use = (organization or {}).get("use", "commercial")
    mau = terms.get("mau_limit")
    if mau and (organization is None or use in (mau.get("uses") or (use,))):
        threshold, org = mau["threshold"], organization_mau(organization)
        status: MauStatus = "unknown" if org is None else "above" if org > threshold else "below"
        out.append(
            UserLimit(
                threshold,
                status,
                organization=org,
                above=mau.get("above", ""),
                measured=mau.get("measured", ""),
            )
        )
    for t in thresholds({"thresholds": terms.get("thresholds") or ()}):  # mau_limit: UserLimit
        if organization is None or t.applies_to(use):
            out.append(
                Cap(
                    f"{t.amount(t.value)} {t.label}",
                    t.consequence == "duty",
                    t.above,
                    t.measured,
                )
            )
    deployment = (organization or {}).get("deployment")
    if terms.get("hosting_restricted") and (organization is None or deployment == "hosted"):
        out.append(Hosting())
    if terms.get("research_scope"):
        scoped = organization is not None and use in ("research", "personal")
        out.append(ResearchScope(terms["research_scope"], brief=scoped))
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
