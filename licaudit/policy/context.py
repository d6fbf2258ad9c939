"""The evaluation context: the merged policy document with convenient accessors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..licensing import KnowledgeBase


@dataclass
class Context:
    doc: dict[str, Any]
    kb: KnowledgeBase
    default_severities: dict[str, str] = field(default_factory=dict)

    @property
    def org(self) -> dict[str, Any]:
        return self.doc.get("organization", {})

    @property
    def use(self) -> str:
        return self.org.get("use", "commercial")

    @property
    def lineage(self) -> bool:
        return self.doc.get("lineage", True)

    @property
    def unknown_severity(self) -> str:
        return self.severity("license-unknown", self.doc.get("licenses", {}).get("unknown"))

    def severity(self, rule: str, fallback: str | None = None) -> str:
        override = self.doc.get("severity", {}).get(rule)
        return override or fallback or self.default_severities.get(rule, "error")

    def license_lists(self, kind: str) -> set[str]:
        """Canonical ids in licenses.allow / deny / review (aliases resolved)."""
        out = set()
        for name in self.doc.get("licenses", {}).get(kind, []):
            lic = self.kb.lookup(name)
            out.add(lic.id if lic else name.lower())
        return out

    def category_lists(self, kind: str) -> set[str]:
        return set(self.doc.get("licenses", {}).get("categories", {}).get(kind, []))
