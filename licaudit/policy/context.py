"""The evaluation context: the merged policy document with convenient accessors."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from dataclasses import field
from datetime import date
from typing import Any

from ..licensing import KnowledgeBase, License
from ..licensing.restrictiveness import CATEGORY_RANK, conditions
from ..model import AuditedModel, EffectiveLicense, ModelRecord
from ..recordtype import dataclass

Bound = tuple[tuple[str, ...], str | None, License | None]  # (chain, license id, known license)

# Region names a policy or a license's geographic restriction may use besides ISO 3166 codes.
# (Geography, not license terms: which countries a region name covers.)
REGIONS: dict[str, frozenset[str]] = {
    "EU": frozenset(
        [
            "AT",
            "BE",
            "BG",
            "HR",
            "CY",
            "CZ",
            "DK",
            "EE",
            "FI",
            "FR",
            "DE",
            "GR",
            "IE",
            "IT",
            "LV",
            "LT",
            "LU",
            "MT",
            "NL",
            "PL",
            "PT",
            "RO",
            "SK",
            "SI",
            "ES",
            "SE",
        ]
    ),
}
REGIONS["EEA"] = REGIONS["EU"] | frozenset({"IS", "LI", "NO"})


def countries(code: str) -> frozenset[str]:
    """The country codes a code stands for: a region's members, or the country itself."""
    code = code.upper()
    return REGIONS.get(code, frozenset()) | {code}


def overlaps(a: str, b: str) -> bool:
    """Do two country/region codes share a country (EU and DE do; EU and EEA do)?"""
    return bool(countries(a) & countries(b))


def glob_match(pattern: str, value: str | None) -> bool:
    return bool(value) and fnmatch.fnmatchcase(value.lower(), pattern.lower())


@dataclass
class Context:
    doc: dict[str, Any]
    kb: KnowledgeBase
    default_severities: dict[str, str] = field(default_factory=dict)
    today: date = field(default_factory=date.today)
    records: dict[str, ModelRecord] = field(default_factory=dict)  # lower-cased id -> record
    _expanded: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _bound: dict[tuple, tuple[Bound, ...]] = field(default_factory=dict, repr=False)
    _lists: dict[str, set[str]] = field(default_factory=dict, repr=False)

    @property
    def org(self) -> dict[str, Any]:
        return self.doc.get("organization", {})

    @property
    def use(self) -> str:
        return self.org.get("use", "commercial")

    @property
    def deployment(self) -> str | None:
        return self.org.get("deployment")

    @property
    def mau(self) -> int | None:
        return self.org.get("monthly_active_users")

    @property
    def jurisdictions(self) -> list[str]:
        return list(self.org.get("jurisdictions", []))

    @property
    def lineage(self) -> bool:
        return self.doc.get("lineage", True)

    @property
    def procurement(self) -> dict[str, Any]:
        return self.doc.get("procurement", {})

    @property
    def inferred(self) -> str:
        """How licenses inferred from a model's name count (licenses.inferred)."""
        return self.doc.get("licenses", {}).get("inferred", "accept")

    @property
    def unknown_severity(self) -> str:
        return self.severity("license-unknown", self.doc.get("licenses", {}).get("unknown"))

    def severity(self, rule: str, fallback: str | None = None) -> str:
        return self.override(rule) or fallback or self.default_severities.get(rule, "error")

    def override(self, rule: str) -> str | None:
        """The policy's own severity for the rule (``severity:``), when it sets one."""
        return self.doc.get("severity", {}).get(rule)

    def license_lists(self, kind: str) -> set[str]:
        """Canonical ids in licenses.allow / deny / review (aliases resolved); computed once."""
        out = self._lists.get(kind)
        if out is None:
            out = set()
            for name in self.doc.get("licenses", {}).get(kind, []):
                lic = self.kb.lookup(name)
                out.add(lic.id if lic else name.lower())
            self._lists[kind] = out
        return out

    def category_lists(self, kind: str) -> set[str]:
        return set(self.doc.get("licenses", {}).get("categories", {}).get(kind, []))

    def record(self, model_id: str) -> ModelRecord | None:
        return self.records.get(model_id.lower())

    def expand(self, license_id: str | None) -> tuple[str | None, ...]:
        """The licenses a declared value binds: itself, or for an SPDX expression the licenses
        of the alternative the licensee would pick (every one of an ``AND``; for an ``OR`` the
        least restrictive alternative whose licenses are all known)."""
        if license_id is None or self.kb.lookup(license_id) is not None:
            return (license_id,)
        cached = self._expanded.get(license_id)
        if cached is None:
            cached = self._expand(license_id)
            self._expanded[license_id] = cached
        return cached

    def _expand(self, text: str) -> tuple[str, ...]:
        from ..licensing.expression import ExpressionError, looks_like_expression, parse_expression

        if not looks_like_expression(text):
            return (text,)
        try:
            expr = parse_expression(text, self.kb)
        except ExpressionError:
            return (text,)

        def cost(choice: tuple[str, ...]) -> tuple[int, int, int]:
            lics = [self.known(x) for x in choice]
            if any(lic is None for lic in lics):
                return (1, 0, 0)
            return (
                0,
                max(CATEGORY_RANK.get(lic.category, 0) for lic in lics),
                sum(len(conditions(lic)) for lic in lics),
            )

        return min(expr.choices, key=cost) if expr.choices else (text,)

    def bound(self, model: AuditedModel) -> tuple[Bound, ...]:
        """(chain, license id, known license or None) for every license that binds the model:
        its own first, then its ancestors' (nearest first) when the policy's ``lineage`` is on.
        Computed once per model: most rules walk it."""
        rec = model.record
        key = (rec.id, rec.source, rec.license, model.effective_licenses)
        cached = self._bound.get(key)
        if cached is None:
            cached = self._bound[key] = tuple(self._walk_bound(model))
        return cached

    def _walk_bound(self, model: AuditedModel) -> Iterator[Bound]:
        seen = set()
        rec = model.record
        for eff in model.effective_licenses or (EffectiveLicense(rec.license, rec.id, (rec.id,)),):
            if len(eff.chain) > 1 and not self.lineage:
                continue
            for lic_id in self.expand(eff.license):
                if lic_id is not None and lic_id in seen:
                    continue
                seen.add(lic_id)
                yield eff.chain, lic_id, self.known(lic_id)

    def known(self, license_id: str | None) -> License | None:
        """The knowledge-base license, or None when unknown, a placeholder (``other``) or of
        unknown category (an id that names no particular terms)."""
        lic = self.kb.lookup(license_id) if license_id else None
        return None if lic is None or lic.placeholder or lic.category == "unknown" else lic
