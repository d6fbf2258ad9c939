"""evaluate: apply the organization's policy to the audited models.

``evaluate(models, policy)`` returns the findings, sorted and de-duplicated. Waivers are
applied here: a finding a valid waiver covers keeps its severity and carries the waiver (it
never fails the run); an expired waiver clears nothing and is itself a ``waiver-expired``
finding. A model every reference of which is suppressed in the code has no findings, unless the
policy's ``suppressions`` rules refuse the suppression: a marker without a reason
(``require_reason``), or one that would hide error-level findings (``forbid_errors``) — so a
suppressed model with findings is one whose suppression was not honoured.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..licensing import KnowledgeBase, knowledge_base
from ..model import SEVERITY_RANK, AuditedModel, Finding, PolicyInfo, Waiver
from ..recordtype import dataclass
from .context import Context, glob_match
from .loader import builtin_names, load_document
from .rules import RULES

__all__ = ["Policy", "RULES", "builtin_names", "evaluate", "load_policy"]


@dataclass(frozen=True)
class Policy:
    doc: dict[str, Any]
    name: str
    source: str

    @property
    def fail_on(self) -> str:
        return self.doc.get("fail_on", "error")

    def info(self, fail_on: str | None = None) -> PolicyInfo:
        from ..review import document_sha256

        return PolicyInfo(
            self.name,
            self.source,
            fail_on or self.fail_on,
            dict(self.doc.get("organization", {})),
            sha256=document_sha256(self.doc),
        )

    @property
    def waivers(self) -> list[Waiver]:
        return [
            Waiver(
                model=w["model"],
                rules=tuple(w.get("rules") or ()),
                reason=w["reason"],
                approved_by=w.get("approved_by"),
                expires=str(w["expires"]) if w.get("expires") else None,
            )
            for w in self.doc.get("waivers", [])
        ]


def load_policy(spec: str, relative_to: Path | None = None) -> Policy:
    doc, source = load_document(spec, relative_to)
    return Policy(doc, doc["name"], source)


def _sort_key(f: Finding) -> tuple:
    return (
        -SEVERITY_RANK[f.severity],
        f.model or "",
        f.rule,
        f.license or "",
        f.chain,
        f.message,
        f.waiver is not None,
    )


def expired(waiver: Waiver, today: date) -> bool:
    """A waiver is valid through its ``expires`` day."""
    if waiver.expires is None:
        return False
    try:
        return date.fromisoformat(waiver.expires) < today
    except ValueError as exc:
        raise ConfigError(
            f"waiver for '{waiver.model}': expires '{waiver.expires}' is not a date (write YYYY-MM-DD)"
        ) from exc


def covers(waiver: Waiver, finding: Finding) -> bool:
    """The waiver's glob matches the finding's model or a model on its lineage chain, and it
    names the finding's rule (no ``rules``: every rule that is waivable). A waiver clears
    findings, never duties: the ``obligations`` of a license stay listed under any waiver."""
    rule = RULES.get(finding.rule)
    if rule is not None and not rule.waivable:
        return False
    if waiver.rules and finding.rule not in waiver.rules:
        return False
    return any(glob_match(waiver.model, m) for m in (finding.model, *finding.chain))


def _waiver_expired(ctx: Context, model: AuditedModel, w: Waiver, rules: set[str]) -> Finding:
    by = f", approved by {w.approved_by}" if w.approved_by else ""
    return Finding(
        rule="waiver-expired",
        severity=ctx.severity("waiver-expired"),
        model=model.record.id,
        message=(
            f"{model.record.id}: the waiver for '{w.model}' ({w.reason}{by}) expired on {w.expires}; "
            f"it no longer clears: {', '.join(sorted(rules))}"
        ),
        remediation="Review the waiver again and renew its expires date, or resolve the findings it covered.",
        locations=model.locations,
    )


def _suppressions_at(locations) -> str:
    return ", ".join(f"{loc.path}:{loc.line}" if loc.line else loc.path for loc in locations)


def _unjustified(ctx: Context, model: AuditedModel, bare) -> Finding:
    return Finding(
        rule="suppression-unjustified",
        severity=ctx.severity("suppression-unjustified"),
        model=model.record.id,
        message=(
            f"{model.record.id}: 'licaudit: ignore' without a reason at {_suppressions_at(bare)}; "
            "the policy requires one (suppressions.require_reason), so the model is audited"
        ),
        remediation=(
            f"Give the reason after ' -- ': '# licaudit: ignore[{model.record.id}] -- LEGAL-123', "
            "or remove the marker."
        ),
        locations=tuple(bare),
    )


def _denied(ctx: Context, model: AuditedModel, errors: list[Finding]) -> Finding:
    hidden = [loc for loc in model.locations if loc.suppressed]
    return Finding(
        rule="suppression-denied",
        severity=ctx.severity("suppression-denied"),
        model=model.record.id,
        message=(
            f"{model.record.id}: the 'licaudit: ignore' at {_suppressions_at(hidden)} would hide "
            f"error-level findings ({', '.join(sorted({f.rule for f in errors}))}); the policy "
            "forbids it (suppressions.forbid_errors), so they stand"
        ),
        remediation="Resolve the findings, or record legal's approval as a waiver, then remove the marker.",
        locations=tuple(hidden),
    )


def evaluate(
    models: Iterable[AuditedModel],
    policy: Policy,
    kb: KnowledgeBase | None = None,
    *,
    today: date | None = None,
) -> list[Finding]:
    models = list(models)
    ctx = Context(
        policy.doc,
        kb or knowledge_base(),
        {r.id: r.severity for r in RULES.values()},
        today or date.today(),
        {m.record.id.lower(): m.record for m in models},
    )
    waivers = policy.waivers
    valid = [w for w in waivers if not expired(w, ctx.today)]
    stale = [w for w in waivers if expired(w, ctx.today)]

    def waive(f: Finding) -> Finding:
        w = next((w for w in valid if covers(w, f)), None)
        return replace(f, waiver=w) if w else f

    def checked(model: AuditedModel) -> list[Finding]:
        raw: list[Finding] = []
        for rule in RULES.values():
            if rule.check is not None:
                raw.extend(f for f in rule.check(ctx, model) if f.severity != "off")
        return [waive(f) for f in raw]

    rules = policy.doc.get("suppressions") or {}
    findings: dict[tuple, Finding] = {}

    def record(found: Iterable[Finding]) -> None:
        for f in found:
            if f.severity != "off":
                findings.setdefault((f.rule, f.model, f.license, f.chain, f.message), f)

    for model in models:
        if not model.direct:
            continue  # ancestors bind through their descendants' effective licenses
        out: list[Finding] = []
        if model.suppressed:  # honoured unless the policy's suppressions rules say otherwise
            bare = [loc for loc in model.locations if loc.suppressed and not loc.suppression_reason]
            if rules.get("require_reason") and bare:
                out.append(waive(_unjustified(ctx, model, bare)))  # and the model is audited
            elif rules.get("forbid_errors"):
                errors = [f for f in checked(model) if f.severity == "error" and not f.waiver]
                if errors:  # they stand; what is below error level stays suppressed
                    record([*errors, waive(_denied(ctx, model, errors))])
                continue
            else:
                continue
        out += checked(model)
        for w in stale:
            cleared = {f.rule for f in out if f.waiver is None and covers(w, f)}
            if cleared:
                out.append(waive(_waiver_expired(ctx, model, w, cleared)))
        record(out)
    return sorted(findings.values(), key=_sort_key)
