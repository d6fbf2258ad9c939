"""evaluate: apply the organization's policy to the audited models.

``evaluate(models, policy)`` returns the findings, sorted and de-duplicated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..licensing import KnowledgeBase, knowledge_base
from ..model import SEVERITY_RANK, AuditedModel, Finding, PolicyInfo
from .context import Context
from .loader import load_document
from .rules import RULES


@dataclass(frozen=True)
class Policy:
    doc: dict[str, Any]
    name: str
    source: str

    @property
    def fail_on(self) -> str:
        return self.doc.get("fail_on", "error")

    def info(self, fail_on: str | None = None) -> PolicyInfo:
        return PolicyInfo(self.name, self.source, fail_on or self.fail_on, dict(self.doc.get("organization", {})))


def load_policy(spec: str, relative_to: Path | None = None) -> Policy:
    doc, source = load_document(spec, relative_to)
    return Policy(doc, doc["name"], source)


def _sort_key(f: Finding) -> tuple:
    return (-SEVERITY_RANK[f.severity], f.model or "", f.rule, f.license or "", f.message)


def evaluate(models: Iterable[AuditedModel], policy: Policy, kb: KnowledgeBase | None = None) -> list[Finding]:
    ctx = Context(policy.doc, kb or knowledge_base(), {r.id: r.severity for r in RULES.values()})
    findings: dict[tuple, Finding] = {}
    for model in models:
        if model.suppressed or not model.direct:
            continue  # ancestors bind through their descendants' effective licenses
        for rule in RULES.values():
            if rule.check is None:
                continue
            for f in rule.check(ctx, model):
                if f.severity == "off":
                    continue
                findings.setdefault((f.rule, f.model, f.license, f.message), f)
    return sorted(findings.values(), key=_sort_key)
