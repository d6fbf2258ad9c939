"""The policy rules: stable ids, default severities, help text and the checks themselves.

Each check takes the evaluation context and one audited model and yields findings. Rule ids
are a public contract (policies, waivers, SARIF and CI filters name them): never rename one.

Every check reads license terms from the knowledge base (``licenses/``) and applies through
lineage when the policy's ``lineage`` is on: the licenses, publishers and countries of a
model's ancestors bind it as its own do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..licensing import License
from ..licensing.obligations import (
    Attribution,
    Display,
    LicenseCopy,
    ModificationNotice,
    Naming,
    NoEndorsement,
    Notice,
    Obligation,
    ProhibitedUses,
    ResearchScope,
    UsePolicy,
    obligations,
)
from ..licensing.restrictiveness import more_restrictive
from ..licensing.thresholds import Threshold, organization_figure, thresholds
from ..model import INFERRED, LOCAL, AuditedModel, Fact, Finding, ModelRecord
from ..recordtype import dataclass
from .context import Context, glob_match, overlaps


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # default severity
    title: str
    help: str  # what the rule means and how to fix it (SARIF help, README)
    check: Callable[[Context, AuditedModel], Iterator[Finding]] | None = None
    # False for a rule that states duties rather than a violation: a waiver clears findings,
    # never what the license asks (the obligations stay listed as obligations)
    waivable: bool = True


def _finding(
    ctx: Context,
    rule: str,
    model: AuditedModel,
    message: str,
    remediation: str,
    *,
    license: str | None = None,
    chain: tuple[str, ...] = (),
    severity: str | None = None,
) -> Finding:
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


def _records(ctx: Context, model: AuditedModel) -> Iterator[tuple[tuple[str, ...], ModelRecord]]:
    """(chain, record) for the model and, when lineage is on, each ancestor the resolver reached."""
    yield (model.record.id,), model.record
    if not ctx.lineage:
        return
    for eff in model.effective_licenses:
        if len(eff.chain) > 1:
            rec = ctx.record(eff.model)
            if rec is not None:
                yield eff.chain, rec


def _via(chain: tuple[str, ...]) -> str:
    return f" (inherited through {' -> '.join(chain)})" if len(chain) > 1 else ""


def _lic_name(lic: License) -> str:
    return f"{lic.name} ({lic.id})"


def _sentence(text: str) -> str:
    text = " ".join(str(text).split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _n(value: int) -> str:
    return f"{value:,}"


# --- license lists and categories ------------------------------------------------------------


def check_license_lists(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    deny, review, allow = (
        ctx.license_lists("deny"),
        ctx.license_lists("review"),
        ctx.license_lists("allow"),
    )
    cat_deny, cat_review, cat_allow = (
        ctx.category_lists("deny"),
        ctx.category_lists("review"),
        ctx.category_lists("allow"),
    )
    mid = model.record.id
    for chain, lic_id, lic in ctx.bound(model):
        if lic_id is None:
            continue
        any_lic = ctx.kb.lookup(lic_id)
        key = any_lic.id if any_lic else lic_id.lower()
        via = _via(chain)
        if key in deny:
            yield _finding(
                ctx,
                "license-denied",
                model,
                f"{mid}: license {key} is denied by the policy{via}",
                "Replace the model with one under an allowed license, or record a waiver with the reason legal approved it.",
                license=key,
                chain=chain,
            )
        elif key in review:
            yield _finding(
                ctx,
                "license-review",
                model,
                f"{mid}: license {key} needs legal sign-off before use{via}",
                "Have legal review the license terms for this use, then record the approval as a waiver (model, rules: [license-review], reason, approved_by, expires).",
                license=key,
                chain=chain,
            )
        elif key in allow or lic is None:
            continue  # explicitly allowed; unknown licenses are license-unknown's
        elif allow:
            yield _not_allowed(ctx, model, lic, chain)
        elif lic.category in cat_deny:
            yield _finding(
                ctx,
                "category-denied",
                model,
                f"{mid}: license {lic.id} is in the denied category '{lic.category}'{via}",
                "Replace the model, or list the license under licenses.allow / licenses.review after legal review.",
                license=lic.id,
                chain=chain,
            )
        elif lic.category in cat_review:
            yield _finding(
                ctx,
                "category-review",
                model,
                f"{mid}: license {lic.id} ({lic.category}) needs legal sign-off{via}",
                "Have legal review the license terms, then record the approval as a waiver for this model, or list the license under licenses.allow.",
                license=lic.id,
                chain=chain,
            )
        elif cat_allow and lic.category not in cat_allow:
            yield _not_allowed(ctx, model, lic, chain)


def _not_allowed(
    ctx: Context, model: AuditedModel, lic: License, chain: tuple[str, ...]
) -> Finding:
    return _finding(
        ctx,
        "license-not-allowed",
        model,
        f"{model.record.id}: license {lic.id} ({lic.category}) is not on the policy's allow list{_via(chain)}",
        "Replace the model with one under an allowed license, or add the license to licenses.allow (or licenses.review) after legal review.",
        license=lic.id,
        chain=chain,
    )


def inferred_fact(rec: ModelRecord) -> Fact | None:
    """The provenance of the record's license when it was inferred from the model's name (also
    when a lockfile pinned such an answer)."""
    fact = rec.provenance.get("license")
    if fact is not None and (
        fact.source == INFERRED or (fact.source == "lockfile" and f"({INFERRED})" in fact.detail)
    ):
        return fact
    return None


def check_inferred(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    """A license known only from the model's name (a repack, conversion or fine-tune of a model
    the catalog knows): said in every report, and counted as the policy's licenses.inferred says."""
    if ctx.inferred == "unknown":
        return  # license-unknown reports it
    for chain, rec in _records(ctx, model):
        fact = inferred_fact(rec)
        if fact is None or rec.license is None:
            continue
        whose = rec.id if len(chain) == 1 else f"base model {rec.id}{_via(chain)}"
        yield _finding(
            ctx,
            "license-inferred",
            model,
            f"{model.record.id}: the license of {whose}, {rec.license}, is {fact.detail}; no card or "
            "LICENSE file was read",
            "Confirm the license on the model card (resolve online, or pin it in licaudit.lock), or set "
            "licenses.inferred in the policy to decide how such answers count.",
            license=rec.license,
            chain=chain,
            severity=ctx.override("license-inferred")
            or ("warning" if ctx.inferred == "review" else "info"),
        )


def check_unknown(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    listed = ctx.license_lists("allow") | ctx.license_lists("deny") | ctx.license_lists("review")
    for chain, rec in _records(ctx, model):
        if ctx.inferred == "unknown" and rec.license and inferred_fact(rec) is not None:
            yield _finding(
                ctx,
                "license-unknown",
                model,
                f"{model.record.id}: license of {rec.id if len(chain) == 1 else 'base model ' + rec.id + _via(chain)} "
                f"unknown: {rec.license} is only {inferred_fact(rec).detail}, and the policy counts inferred "
                "licenses as unknown (licenses.inferred: unknown)",
                "Confirm the license on the model card and pin it in licaudit.lock, or resolve online without "
                "--offline.",
                license=rec.license,
                chain=chain,
                severity=ctx.unknown_severity,
            )
            continue
        for lic_id in ctx.expand(rec.license):
            if ctx.known(lic_id) is not None:
                continue
            if lic_id is not None and lic_id.lower() in listed:
                continue  # the policy has decided about this license: the list rules report it
            yield _unknown(ctx, model, chain, rec, lic_id)


def _unknown(
    ctx: Context, model: AuditedModel, chain: tuple[str, ...], rec: ModelRecord, lic_id: str | None
) -> Finding:
    whose = rec.id if len(chain) == 1 else f"base model {rec.id}{_via(chain)}"
    in_expr = f" (in '{rec.license}')" if lic_id != rec.license else ""
    if lic_id is None:
        why = rec.unresolved or "no source declares a license"
        message = f"{model.record.id}: license of {whose} unknown: {why}"
    elif (lic := ctx.kb.lookup(lic_id)) is not None:
        message = f"{model.record.id}: {whose} declares '{lic_id}' ({lic.name}){in_expr}, which does not identify particular license terms"
    else:
        message = f"{model.record.id}: {whose} declares '{lic_id}'{in_expr}, a license licaudit does not know"
    return _finding(
        ctx,
        "license-unknown",
        model,
        message,
        "Find the model's license (its model card or LICENSE file) and pin it in licaudit.lock, "
        "or resolve online without --offline; list a license licaudit does not know under licenses.allow or licenses.deny.",
        license=lic_id,
        chain=chain,
        severity=ctx.unknown_severity,
    )


# --- terms ----------------------------------------------------------------------------------


def _non_production(lic: License) -> bool:
    return bool(lic.terms.get("non_production")) or lic.category == "non-production"


def _no_commercial(lic: License) -> str | None:
    """Why the license rules out commercial use, or None when it does not."""
    t = lic.terms
    if t.get("research_only") or lic.category == "research-only":
        return "research use only"
    if t.get("commercial_use") == "prohibited" or lic.category == "non-commercial":
        return "no commercial use"
    return None


def check_commercial(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    """Non-commercial and research-only licenses in commercial or internal use; research-only
    licenses also in personal use (they grant research or evaluation, not every private use)."""
    if ctx.use not in ("commercial", "internal", "personal"):
        return
    for chain, _, lic in ctx.bound(model):
        if lic is None or _non_production(lic):
            continue  # non-production licenses are the non-production rule's
        why = _no_commercial(lic)
        if why and (ctx.use != "personal" or why == "research use only"):
            note = lic.terms.get("commercial_note")
            yield _finding(
                ctx,
                "commercial-use",
                model,
                f"{model.record.id}: {_lic_name(lic)} permits {why}, and the organization's use is {ctx.use}{_via(chain)}"
                + (f". {note}" if note else ""),
                f"Replace the model with one whose license permits {ctx.use} use, or obtain a commercial license from "
                f"{lic.licensor_name or 'the licensor'} and record it as a waiver.",
                license=lic.id,
                chain=chain,
            )


def check_non_production(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    if ctx.deployment is None and ctx.use not in ("commercial", "internal"):
        return
    for chain, _, lic in ctx.bound(model):
        if lic is None or not _non_production(lic):
            continue
        how = f"deployment is {ctx.deployment}" if ctx.deployment else f"use is {ctx.use}"
        yield _finding(
            ctx,
            "non-production",
            model,
            f"{model.record.id}: {_lic_name(lic)} permits non-production use only (research, testing, evaluation), and the organization's {how}{_via(chain)}",
            f"Keep the model out of production, or obtain a commercial license from {lic.licensor_name or 'the licensor'} and record it as a waiver.",
            license=lic.id,
            chain=chain,
        )


def _threshold_rule(t: Threshold) -> str:
    return "mau-limit" if t.metric == "monthly_active_users" else "threshold"


def check_thresholds(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    """Every license threshold (users, revenue) against the organization's figure: above a cap
    that withholds the license, an error; above a duty's threshold, the duty (info); no figure
    in the policy, a warning that asks for it. Monthly-active-user caps keep their rule id
    ``mau-limit``; the other metrics are ``threshold``."""
    for chain, _, lic in ctx.bound(model):
        for t in thresholds(lic.terms) if lic else ():
            if not t.applies_to(ctx.use):
                continue  # e.g. the Qwen cap binds commercial users only
            rule = _threshold_rule(t)
            figure = organization_figure(ctx.org, t)
            via = _via(chain)
            unit = "" if t.metric == "monthly_active_users" else f" {t.label}"  # as it always read
            what = f"the {t.amount(t.value)}{unit} threshold of {_lic_name(lic)}"
            measured = f" The license measures: {_sentence(t.measured)}" if t.measured else ""
            if t.verified == "unverified":
                measured += " This threshold is unverified: read the license."
            if figure is None:
                yield _finding(
                    ctx,
                    rule,
                    model,
                    f"{model.record.id}: {what}{via} cannot be checked: the policy does not state the "
                    f"organization's {t.label} (organization.{t.field}).{measured}",
                    f"Set organization.{t.field} in the policy to have the threshold checked, or record legal's "
                    f"conclusion as a waiver (rules: [{rule}]).",
                    license=lic.id,
                    chain=chain,
                    severity=ctx.override(rule) or "warning",
                )
            elif figure > t.value:  # the licenses speak of "greater than"/"exceeds"
                duty = t.consequence == "duty"
                above = (
                    f" {'Duty' if duty else 'Above it'}: {_sentence(t.above)}" if t.above else ""
                )
                if t.once_at_release:
                    measured += (
                        f" The test is made once, on the release date ({lic.data.get('date')}): an "
                        "organization at or below the threshold in the calendar month before that date "
                        "stays licensed for this version, whatever its figure now (the policy's figure "
                        "stands in for it)."
                    )
                yield _finding(
                    ctx,
                    rule,
                    model,
                    f"{model.record.id}: the organization's {t.amount(figure)} {t.label} exceed {what}{via}.{above}{measured}",
                    "Meet the duty where the model is used (and record it as a waiver once done)."
                    if duty
                    else f"Obtain a license from {lic.licensor_name or 'the licensor'} before use and record it as a "
                    f"waiver (rules: [{rule}]), or use a model without this cap.",
                    license=lic.id,
                    chain=chain,
                    severity=(ctx.override(rule) or "info") if duty else None,
                )


def check_hosting(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    """A license that restricts offering the model as a hosted service (Falcon 180B's "Hosting
    Use"): a hosted deployment needs legal sign-off; offering the model itself as a service is an
    error. Whatever the policy's license lists say: the restriction is in the terms."""
    serves = bool(ctx.org.get("serves_models"))
    if ctx.deployment != "hosted" and not serves:
        return
    for chain, _, lic in ctx.bound(model):
        if lic is None or not lic.terms.get("hosting_restricted"):
            continue
        note = lic.terms.get("commercial_note")
        how = (
            "the organization offers models as a service (organization.serves_models)"
            if serves
            else "the organization's deployment is hosted"
        )
        yield _finding(
            ctx,
            "hosting",
            model,
            f"{model.record.id}: {_lic_name(lic)} restricts offering the model as a hosted service, and {how}{_via(chain)}"
            + (f". {_sentence(note)}" if note else "."),
            f"Have legal confirm that the deployment is not a hosting use under the license, or obtain a hosting license from "
            f"{lic.licensor_name or 'the licensor'}; record the conclusion as a waiver (rules: [hosting]).",
            license=lic.id,
            chain=chain,
            severity=None if serves else (ctx.override("hosting") or "warning"),
        )


def _modalities(ctx: Context, model: AuditedModel, license_id: str) -> tuple[str, ...]:
    """The modalities of the audited model and of every model in its lineage under the license:
    a text-only fine-tune or quantization of a multimodal model still embodies the multimodal
    model's materials, whatever its own task tag says."""
    mods: set[str] = set(model.record.modalities)
    for eff in model.effective_licenses:
        if len(eff.chain) < 2 or license_id not in ctx.expand(eff.license):
            continue
        for mid in eff.chain[1:]:
            rec = ctx.record(mid)
            if rec is not None:
                mods.update(rec.modalities)
    return tuple(sorted(mods))


def _restriction_applies(kinds: list[str], mods: tuple[str, ...]) -> bool:
    if any(m in kinds for m in mods):
        return True
    return "multimodal" in kinds and any(m != "text" for m in mods)


def check_jurisdiction(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    where = ctx.jurisdictions
    if not where:
        return
    fired_regions = set()
    for chain, _, lic in ctx.bound(model):
        for r in (lic.terms.get("geographic_restrictions") or []) if lic else []:
            hits = sorted(j for j in where if overlaps(j, r["region"]))
            if not hits:
                continue
            kinds = r.get("modalities") or []
            uncertain = False
            if kinds:
                mods = _modalities(ctx, model, lic.id)
                if not mods:
                    uncertain = True
                elif not _restriction_applies(kinds, mods):
                    continue
            fired_regions.add(r["region"])
            extra = "".join(
                f" {label}: {_sentence(r[k])}"
                for k, label in (("who", "Who"), ("exempt", "Exempt"))
                if r.get(k)
            )
            scope = (
                f" (applies to {', '.join(kinds)} models{'; this model’s modalities are unknown' if uncertain else ''})"
                if kinds
                else ""
            )
            sev = ctx.severity("jurisdiction")
            if uncertain and sev == "error":
                sev = "warning"
            yield _finding(
                ctx,
                "jurisdiction",
                model,
                f"{model.record.id}: {_lic_name(lic)} restricts use in {r['region']}{scope}, and the organization is in {', '.join(hits)}{_via(chain)}: {_sentence(r['description'])}{extra}",
                "Do not use the model in the restricted region (pick another model or version), or record legal's conclusion that the exemption applies as a waiver.",
                license=lic.id,
                chain=chain,
                severity=sev,
            )
    eu = sorted(j for j in where if overlaps(j, "EU"))
    if eu and not any(overlaps(r, "EU") for r in fired_regions):
        for chain, rec in _records(ctx, model):
            if rec.eu_disallowed:
                fact = rec.provenance.get("eu_disallowed")
                said = f" ({fact.source}: {fact.detail})" if fact else ""
                yield _finding(
                    ctx,
                    "jurisdiction",
                    model,
                    f"{model.record.id}: {rec.id} is marked as not licensed for use in the EU{said}, and the organization is in {', '.join(eu)}{_via(chain)}",
                    "Do not use the model in the EU, or record legal's conclusion that an exemption applies as a waiver.",
                    license=rec.license,
                    chain=chain,
                )
                break


# --- procurement ----------------------------------------------------------------------------


def check_origin(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    denied = ctx.procurement.get("deny_countries") or []
    if not denied:
        return
    reasons: list[tuple[tuple[str, ...], str, str | None]] = []
    for chain, rec in _records(ctx, model):
        c = rec.publisher.country
        if c and any(overlaps(c, d) for d in denied):
            who = rec.publisher.name or rec.publisher.org or "its publisher"
            whose = "published" if len(chain) == 1 else f"base model {rec.id} is published"
            reasons.append((chain, f"{whose} by {who} ({c}){_via(chain)}", rec.license))
    for chain, _, lic in ctx.bound(model):
        c = lic.licensor_country if lic else None
        if c and any(overlaps(c, d) for d in denied):
            reasons.append(
                (
                    chain,
                    f"its license {lic.id} is granted by {lic.licensor_name or 'a licensor'} ({c}){_via(chain)}",
                    lic.id,
                )
            )
    if reasons:
        chain, _, lic_id = reasons[0]
        yield _finding(
            ctx,
            "origin-denied",
            model,
            f"{model.record.id}: of an origin the policy denies ({', '.join(sorted(denied))}): "
            + "; ".join(r for _, r, _ in reasons),
            "Replace the model with one of an allowed origin, or record procurement's approval as a waiver.",
            license=lic_id,
            chain=chain,
        )


def _publisher_matches(patterns: list[str], rec: ModelRecord) -> bool:
    return any(
        glob_match(p, rec.publisher.org) or glob_match(p, rec.publisher.name) for p in patterns
    )


def check_publisher(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    deny = ctx.procurement.get("deny_publishers") or []
    allow = ctx.procurement.get("allow_publishers") or []
    if not deny and not allow:
        return
    for chain, rec in _records(ctx, model):
        pub = rec.publisher
        name = pub.name or pub.org
        whose = "" if len(chain) == 1 else f"base model {rec.id}: "
        if deny and _publisher_matches(deny, rec):
            yield _finding(
                ctx,
                "publisher-denied",
                model,
                f"{model.record.id}: {whose}publisher {name} is on the policy's deny_publishers list{_via(chain)}",
                "Replace the model with one from another publisher, or record procurement's approval as a waiver.",
                license=rec.license,
                chain=chain,
            )
        elif allow and not _publisher_matches(allow, rec):
            if rec.source == LOCAL or (name is None and rec.base_models):
                continue  # the team's own artifact, or a repackaging: its ancestors' publishers decide
            shown = f"publisher {name}" if name else "publisher unknown"
            yield _finding(
                ctx,
                "publisher-denied",
                model,
                f"{model.record.id}: {whose}{shown} is not on the policy's allow_publishers list{_via(chain)}",
                "Use a model from an approved publisher, or add the publisher to procurement.allow_publishers after review.",
                license=rec.license,
                chain=chain,
            )


def check_models(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    deny = ctx.doc.get("models", {}).get("deny") or []
    allow = ctx.doc.get("models", {}).get("allow") or []
    mid = model.record.id
    for chain, rec in _records(ctx, model):
        hit = next((p for p in deny if glob_match(p, rec.id)), None)
        if hit:
            whose = "" if len(chain) == 1 else f"its base model {rec.id} "
            yield _finding(
                ctx,
                "model-denied",
                model,
                f"{mid}: {whose}matches '{hit}' in the policy's models.deny{_via(chain)}",
                "Replace the model, or remove the pattern from models.deny after review.",
                license=rec.license,
                chain=chain,
            )
    if allow and not any(glob_match(p, mid) for p in allow):
        yield _finding(
            ctx,
            "model-denied",
            model,
            f"{mid}: not on the policy's models.allow list",
            "Use an approved model, or add it to models.allow after review.",
            license=model.record.license,
        )


# --- lineage --------------------------------------------------------------------------------


# How restrictive a license category is, least first (categories on one rank are compared by terms).
def check_lineage_conflict(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    if not ctx.lineage:
        return
    owns = [ctx.known(x) for x in ctx.expand(model.record.license)]
    if not owns or any(x is None for x in owns):
        return
    declared = " and ".join(f"{_lic_name(x)} ({x.category})" for x in owns)
    for chain, _, lic in ctx.bound(model):
        if len(chain) == 1 or lic is None or lic.id in {x.id for x in owns}:
            continue
        missing = more_restrictive(lic, owns)
        if missing:
            yield _finding(
                ctx,
                "lineage-conflict",
                model,
                f"{model.record.id} declares {declared}, but its base model {chain[-1]} is under the more restrictive "
                f"{_lic_name(lic)} ({lic.category}) through {' -> '.join(chain)}; the declared license drops "
                f"{', '.join(sorted(missing))}, which still bind",
                f"Treat the model as bound by {lic.id} as well (licaudit does while lineage is on); ask the publisher to correct the "
                "model card, or pin the correct license in licaudit.lock.",
                license=lic.id,
                chain=chain,
            )


# --- information ----------------------------------------------------------------------------


def check_gated(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    rec = model.record
    if rec.gated:
        lic = f" ({rec.license})" if rec.license else ""
        yield _finding(
            ctx,
            "gated",
            model,
            f"{rec.id} is gated on the Hugging Face Hub: its license terms{lic} must be accepted on the model page before download",
            "Accept the terms on the model page with the account whose token CI and production use (HF_TOKEN).",
            license=rec.license,
        )


def _obligations(ctx: Context, lic: License) -> list[str]:
    """The finding's words for the brief items of the license's obligations."""
    return [_brief(item, lic) for item in obligations(lic.terms, ctx.org) if item.brief]


def _brief(item: Obligation, lic: License) -> str:
    match item:
        case Display():
            return f'display "{item.text}"' + (f" {item.when}" if item.when else "")
        case ModificationNotice():
            return (
                "modified files and derivatives must carry prominent notices that you changed them"
            )
        case NoEndorsement():
            return f"do not imply endorsement by {lic.licensor_name or 'the licensor'}"
        case ProhibitedUses():
            return "never use it for: " + "; ".join(item.uses)
        case ResearchScope():
            return f"research use as the license defines it: {item.text.rstrip('.')}"
        case Naming():
            return f"naming: {item.rule.rstrip('.')}"
        case LicenseCopy():
            return f"ship a copy of the {lic.name} with any redistribution"
        case Notice():
            return f'ship a Notice file reading "{item.text}"'
        case UsePolicy():
            where = f" ({item.url})" if item.url else ""
            if item.pass_on:
                return f"pass the {item.name}{where} on to your users"
            return f"follow the {item.name}{where}"
        case Attribution():
            return item.text.rstrip(".")
    raise AssertionError(f"no words for a brief {type(item).__name__}")


def check_obligations(ctx: Context, model: AuditedModel) -> Iterator[Finding]:
    parts = []
    for chain, _, lic in ctx.bound(model):
        if lic is None:
            continue
        items = _obligations(ctx, lic)
        if items:
            parts.append(f"{lic.id}{_via(chain)}: " + "; ".join(items))
    if parts:
        yield _finding(
            ctx,
            "obligations",
            model,
            f"{model.record.id}: to comply — " + " | ".join(parts),
            "Meet each obligation where the model ships (product UI or docs, NOTICE file, distributed model name, your terms of use).",
            license=model.record.license,
        )


_HELP = {
    "license-denied": "The license is on the policy's licenses.deny list. Replace the model, or record a waiver with the reason legal approved it.",
    "license-not-allowed": "The policy has an allow list (licenses.allow, or licenses.categories.allow) and the license is not on it nor on licenses.review. Replace the model or extend the allow list after legal review.",
    "license-review": "The license is on the policy's licenses.review list: allowed after legal sign-off. Record the approval as a waiver.",
    "license-inferred": "The license is known only from the model's name: a repack or conversion (-GGUF, -AWQ, a repacker's copy) of a model the catalog knows takes its original's terms, and a fine-tune named after a catalogued base takes the base's terms (its own license is not known offline). An info, a warning or an unknown license as the policy's licenses.inferred says (accept, review, unknown).",
    "license-unknown": "No source declares a license licaudit knows for the model (or one of its base models). Find the license and pin it in the lockfile, or list it in the policy. Severity: licenses.unknown.",
    "category-denied": "The license's category is in licenses.categories.deny. Replace the model, or list the license under licenses.allow after review.",
    "category-review": "The license's category is in licenses.categories.review: its conditions need legal sign-off. Record the approval as a waiver.",
    "mau-limit": "The organization's monthly_active_users exceed the license's monthly-active-user threshold (terms.mau_limit), or the policy does not state the figure (a warning). Obtain a license from the licensor and record it as a waiver.",
    "threshold": "The organization's figure (annual_revenue_usd, monthly_revenue_usd, daily_active_users) exceeds a license threshold (terms.thresholds): an error where the license then grants no rights, info where a duty applies; a warning asks for the figure when the policy does not state it.",
    "hosting": "The license restricts offering the model as a hosted service (terms.hosting_restricted): a warning (legal sign-off) for a hosted deployment, an error when the organization offers models themselves as a service (organization.serves_models).",
    "commercial-use": "The license is non-commercial or research-only (terms.commercial_use, terms.research_only, category) and the organization's use is commercial or internal; a research-only license also in personal use.",
    "non-production": "The license permits non-production use only (terms.non_production) and the organization deploys the model or uses it commercially.",
    "jurisdiction": "A geographic restriction of the license (terms.geographic_restrictions, e.g. the EU exclusion for multimodal Llama models) covers one of the organization's jurisdictions.",
    "origin-denied": "The publisher of the model or of a base model, or the licensor of a binding license, is in a country listed in procurement.deny_countries.",
    "publisher-denied": "The publisher of the model or of a base model is on procurement.deny_publishers, or not on a non-empty procurement.allow_publishers.",
    "model-denied": "The model or a base model matches a models.deny glob, or the model matches no models.allow glob.",
    "lineage-conflict": "The model declares a less restrictive license than a base model's (category rank, then terms): the base model's terms still bind.",
    "gated": "The model is gated on the Hugging Face Hub: its terms must be accepted on the model page before download.",
    "obligations": "What the team must do to comply with the binding licenses: display text, naming rule, license copy, notice file, use policy to pass on. Duties, not a violation: no waiver clears them.",
    "waiver-expired": "A waiver that would clear findings for the model has expired: it clears nothing until renewed.",
    "suppression-unjustified": "A 'licaudit: ignore' marker gives no reason while the policy requires one (suppressions.require_reason): it is not honoured. Write the reason after ' -- ': '# licaudit: ignore[org/model] -- LEGAL-123'.",
    "suppression-denied": "A 'licaudit: ignore' marker would hide error-level findings while the policy forbids it (suppressions.forbid_errors): the errors stand. Resolve them, or record legal's approval as a waiver.",
}

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "license-denied",
            "error",
            "License denied",
            _HELP["license-denied"],
            check_license_lists,
        ),
        Rule(
            "license-not-allowed",
            "error",
            "License not on the allow list",
            _HELP["license-not-allowed"],
        ),
        Rule("license-review", "warning", "License needs legal review", _HELP["license-review"]),
        Rule(
            "license-unknown", "error", "License unknown", _HELP["license-unknown"], check_unknown
        ),
        Rule(
            "license-inferred",
            "info",
            "License inferred from the name",
            _HELP["license-inferred"],
            check_inferred,
        ),
        Rule("category-denied", "error", "License category denied", _HELP["category-denied"]),
        Rule(
            "category-review", "warning", "License category needs review", _HELP["category-review"]
        ),
        Rule(
            "mau-limit",
            "error",
            "Monthly-active-user threshold exceeded",
            _HELP["mau-limit"],
            check_thresholds,
        ),
        Rule("threshold", "error", "License threshold exceeded", _HELP["threshold"]),
        Rule(
            "commercial-use",
            "error",
            "Commercial use not permitted",
            _HELP["commercial-use"],
            check_commercial,
        ),
        Rule(
            "non-production",
            "error",
            "Non-production license in production",
            _HELP["non-production"],
            check_non_production,
        ),
        Rule("hosting", "error", "Hosting restriction applies", _HELP["hosting"], check_hosting),
        Rule(
            "jurisdiction",
            "error",
            "Geographic restriction applies",
            _HELP["jurisdiction"],
            check_jurisdiction,
        ),
        Rule(
            "origin-denied", "error", "Origin country denied", _HELP["origin-denied"], check_origin
        ),
        Rule(
            "publisher-denied",
            "error",
            "Publisher denied",
            _HELP["publisher-denied"],
            check_publisher,
        ),
        Rule("model-denied", "error", "Model denied", _HELP["model-denied"], check_models),
        Rule(
            "lineage-conflict",
            "warning",
            "Declared license less restrictive than a base model's",
            _HELP["lineage-conflict"],
            check_lineage_conflict,
        ),
        Rule("gated", "info", "Gated model", _HELP["gated"], check_gated),
        Rule(
            "obligations",
            "info",
            "License obligations",
            _HELP["obligations"],
            check_obligations,
            waivable=False,
        ),
        Rule("waiver-expired", "warning", "Waiver expired", _HELP["waiver-expired"]),
        Rule(
            "suppression-unjustified",
            "error",
            "Suppression without a reason",
            _HELP["suppression-unjustified"],
        ),
        Rule(
            "suppression-denied",
            "error",
            "Suppression of error-level findings",
            _HELP["suppression-denied"],
        ),
    )
}

__all__ = ["RULES", "Rule"]
