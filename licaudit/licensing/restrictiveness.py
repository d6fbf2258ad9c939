"""How restrictive a license is: its category's rank and the conditions its terms carry.

Used to tell when a model declares a less restrictive license than a base model's
(``lineage-conflict``) and which alternative of an ``OR`` expression a licensee would pick.
"""

from __future__ import annotations

from . import License

CATEGORY_RANK = {
    "public-domain": 0,
    "permissive": 1,
    "weak-copyleft": 2,
    "copyleft": 3,
    "open-rail": 3,
    "community": 4,
    "non-commercial": 5,
    "non-production": 5,
    "research-only": 6,
    "proprietary": 7,
}


def conditions(lic: License) -> set[str]:
    """The restrictive conditions a license's terms carry, as short labels."""
    t = lic.terms
    out = set()
    cu = t.get("commercial_use")
    if cu == "prohibited":
        out.add("no commercial use")
    elif cu == "conditional":
        out.add("conditional commercial use")
    if t.get("naming"):
        out.add("a naming rule")
    if t.get("display_text"):
        out.add("attribution display")
    if t.get("use_policy"):
        out.add("a use policy")
    if t.get("geographic_restrictions"):
        out.add("geographic restrictions")
    if t.get("output_restrictions"):
        out.add("output restrictions")
    for flag, label in (
        ("non_production", "non-production only"),
        ("research_only", "research only"),
        ("hosting_restricted", "hosting restrictions"),
        ("share_alike", "share-alike"),
    ):
        if t.get(flag):
            out.add(label)
    return out


def more_restrictive(ancestor: License, own: License | list[License]) -> set[str] | None:
    """The ancestor's conditions the own license(s) drop, when the ancestor is more restrictive."""
    owns = own if isinstance(own, list) else [own]
    a, o = (
        CATEGORY_RANK.get(ancestor.category, 0),
        max(CATEGORY_RANK.get(x.category, 0) for x in owns),
    )
    missing = conditions(ancestor) - set().union(*(conditions(x) for x in owns))
    cap = (ancestor.terms.get("mau_limit") or {}).get("threshold")
    caps = [(x.terms.get("mau_limit") or {}).get("threshold") for x in owns]
    own_cap = min((c for c in caps if c is not None), default=None)
    if cap is not None and (own_cap is None or own_cap > cap):
        missing.add(f"a {cap:,} monthly-active-user cap")
    if a > o:
        return missing or {f"its {ancestor.category} category"}
    if a == o and missing:
        return missing
    return None
