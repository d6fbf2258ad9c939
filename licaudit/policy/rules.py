"""The policy rules: stable ids, default severities, help text and the checks themselves.

Each check takes the evaluation context and one audited model and yields findings. Rule ids
are a public contract (policies, waivers, SARIF and CI filters name them): never rename one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..licensing import License
from ..model import AuditedModel, Finding
from .context import Context


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # default severity
    title: str
    help: str  # what the rule means and how to fix it (SARIF help, README)
    check: Callable[[Context, AuditedModel], Iterator[Finding]] | None = None


def _finding(ctx: Context, rule: str, model: AuditedModel, message: str, remediation: str, *, license: str | None = None, chain: tuple[str, ...] = (), severity: str | None = None) -> Finding:
    return Finding(
        rule=rule,
        severity=severity or ctx.severity(rule),
        model=model.record.id,
        message=message,
        remediation=remediation,
        locations=model.locations,
        license=license,
        chain=chain if len(chain) > 1 else (),
    )


def _bound(ctx: Context, model: AuditedModel) -> Iterator[tuple[tuple[str, ...], str | None, License | None]]:
    """(chain, license id, knowledge-base license) for every license that binds the model:
    its own, and its ancestors' when the policy's ``lineage`` is on."""
    seen = set()
    for eff in model.effective_licenses:
        if len(eff.chain) > 1 and not ctx.lineage:
            continue
        if eff.license in seen:
            continue
        seen.add(eff.license)
        yield eff.chain, eff.license, ctx.kb.lookup(eff.license) if eff.license else None


def _via(chain: tuple[str, ...]) -> str:
    return f" (inherited through {' -> '.join(chain)})" if len(chain) > 1 else ""


def check_unknown(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    rec = model.record
    if rec.license is None:
        why = rec.unresolved or "no source declares a license"
        yield _finding(
            ctx, "license-unknown", model,
            f"{rec.id}: license unknown: {why}",
            "Find the model's license (its model card or LICENSE file), then pin it in licaudit.lock "
            "with `licaudit lock`, or resolve online without --offline.",
            severity=ctx.unknown_severity,
        )
    elif ctx.kb.lookup(rec.license) is None or ctx.kb.lookup(rec.license).placeholder:
        yield _finding(
            ctx, "license-unknown", model,
            f"{rec.id}: declares '{rec.license}', a license licaudit does not know",
            "Check the license text and add it to the policy's allow or deny list, or to licenses/.",
            license=rec.license, severity=ctx.unknown_severity,
        )


def check_categories(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    for chain, lic_id, lic in _bound(ctx, model):
        if lic is None or lic.placeholder:
            continue
        if lic.id in ctx.license_lists("deny") or lic.id in ctx.license_lists("allow") or lic.id in ctx.license_lists("review"):
            continue  # the explicit license lists decide
        restricted = lic.category in ("non-commercial", "research-only", "non-production")
        if restricted and ctx.use in ("commercial", "internal"):
            yield _finding(
                ctx, "commercial-use", model,
                f"{model.record.id}: {lic.name} ({lic.category}) does not permit {ctx.use} use{_via(chain)}",
                "Replace the model with one whose license permits commercial use, or obtain a commercial license from the licensor and record it as a waiver.",
                license=lic.id, chain=chain,
            )
        elif lic.category in ctx.category_lists("deny"):
            yield _finding(
                ctx, "category-denied", model,
                f"{model.record.id}: license {lic.id} is in the denied category '{lic.category}'{_via(chain)}",
                "Replace the model, or change the policy's licenses.categories.deny after legal review.",
                license=lic.id, chain=chain,
            )
        elif lic.category in ctx.category_lists("review"):
            yield _finding(
                ctx, "category-review", model,
                f"{model.record.id}: license {lic.id} ({lic.category}) needs legal sign-off{_via(chain)}",
                "Have legal review the license terms, then record the approval as a waiver for this model.",
                license=lic.id, chain=chain,
            )


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("license-unknown", "error", "License unknown", "No source declares a license licaudit knows for this model. Find the license and pin it in the lockfile, or allow/deny it in the policy.", check_unknown),
        Rule("category-denied", "error", "License category denied", "The policy denies every license in this category.", check_categories),
        Rule("category-review", "warning", "License category needs review", "Licenses in this category carry conditions that need legal sign-off; record the approval as a waiver."),
        Rule("commercial-use", "error", "Commercial use not permitted", "The license permits non-commercial, research or non-production use only, and the organization's use is commercial or internal."),
    )
}
