"""Build the JSON report — the contract every format renders from — out of an AuditResult.

The document is self-contained: it carries what the formats need to know about each license
(name, category, terms, obligations), so a saved report renders without the knowledge base. Its
shape is ``report.contract.Report`` (``schemas/report.schema.json``).
"""

from __future__ import annotations

from pathlib import Path

from packageurl import PackageURL

from .. import __version__
from ..licensing import KnowledgeBase, knowledge_base
from ..model import (
    HUGGINGFACE,
    MODELSCOPE,
    OLLAMA,
    SEVERITY_RANK,
    URL,
    AuditedModel,
    AuditResult,
    Fact,
)
from .contract import (
    DatasetEntry,
    FactEntry,
    FindingEntry,
    HostedModelEntry,
    LicenseEntry,
    LicenseRef,
    LocationEntry,
    ModelEntry,
    Report,
)

SCHEMA_VERSION = "1"


def purl(source: str, model_id: str, revision: str | None) -> str | None:
    """The model's Package URL (``packageurl`` builds it, so every part is encoded as the purl
    spec says): ``pkg:huggingface/ORG/NAME@REVISION`` for the Hub, ``pkg:generic/ollama/NAME@TAG``
    for an Ollama tag, ``pkg:generic/modelscope/ORG/NAME@REVISION`` for a ModelScope model (the
    purl spec has no ModelScope type), ``pkg:github/OWNER/REPO`` for a torch.hub repository (a
    registry whose ``purl`` is github), ``pkg:generic/<registry>/<id>`` for a model of another
    registry (a torchaudio bundle, an Ultralytics asset), ``pkg:generic/<file>?download_url=<url>``
    for weights downloaded from a URL; ``None`` for a local artifact."""
    if source == HUGGINGFACE:
        org, _, name = model_id.rpartition("/")
        return PackageURL("huggingface", org or None, name, revision or None).to_string()
    if source == OLLAMA:
        path, _, tag = model_id.partition(":")
        user, _, name = path.rpartition("/")  # ollama.com/USER/NAME, or a bare library NAME
        namespace = "ollama/" + user if user else "ollama"
        return PackageURL("generic", namespace, name, tag or "latest").to_string()
    if source == MODELSCOPE:
        org, _, name = model_id.rpartition("/")
        namespace = "modelscope/" + org if org else "modelscope"
        return PackageURL("generic", namespace, name, revision or None).to_string()
    if source == URL:
        name = model_id.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or "weights"
        return PackageURL("generic", None, name, None, {"download_url": model_id}).to_string()
    from ..discover.loaders import knowledge

    reg = knowledge().registries.get(source)
    if reg is not None and reg.purl == "github":  # a GitHub repository
        owner, _, name = model_id.rpartition("/")
        return PackageURL("github", owner or None, name, revision or None).to_string()
    if reg is not None:
        namespace, _, name = f"{source}/{model_id}".rpartition("/")
        return PackageURL("generic", namespace, name, revision or None).to_string()
    return None


def license_ref_id(text: str) -> str:
    """An SPDX ``LicenseRef-`` id for a license licaudit does not know."""
    safe = "".join(c if c.isalnum() or c in ".-" else "-" for c in text).strip("-") or "unknown"
    return f"LicenseRef-{safe}"


def project_name(root: str) -> str:
    """The scanned project's name for bills of materials: the scanned folder's own name (never
    its path), ``project`` when there is none."""
    return Path(root).resolve().name or "project"


def license_summary(lic_id: str | None, kb: KnowledgeBase) -> LicenseRef | None:
    if lic_id is None:
        return None
    lic = kb.lookup(lic_id)
    if lic is None:
        return {
            "id": lic_id,
            "name": lic_id,
            "spdx": license_ref_id(lic_id),
            "category": "unknown",
            "url": None,
        }
    return {
        "id": lic.id,
        "name": lic.name,
        "spdx": lic.spdx,
        "category": lic.category,
        "url": lic.url,
    }


def license_entry(lic_id: str, kb: KnowledgeBase) -> LicenseEntry:
    """What the report keeps of one license: identity, licensor, summary and structured terms."""
    lic = kb.lookup(lic_id)
    if lic is None:
        return {**license_summary(lic_id, kb), "known": False}
    d = lic.data
    return {
        **license_summary(lic_id, kb),
        "version": d.get("version"),
        "date": d.get("date"),
        "licensor": dict(d["licensor"]),
        "summary": d.get("summary"),
        "terms": d["terms"],
        "known": True,
    }


def fact_entry(fact: Fact) -> FactEntry:
    """A fact's provenance as the report shows it: a catalog fact also says how it was verified
    and carries the catalog's note on the license."""
    entry: FactEntry = {"source": fact.source, "detail": fact.detail}
    if fact.verified:
        entry["verified"] = fact.verified
    if fact.note:
        entry["note"] = fact.note
    return entry


def model_entry(m: AuditedModel, kb: KnowledgeBase) -> ModelEntry:
    rec = m.record
    return {
        **rec.as_dict(),
        "provenance": {k: fact_entry(f) for k, f in sorted(rec.provenance.items())},
        "purl": purl(rec.source, rec.id, rec.revision),
        "direct": m.direct,
        "suppressed": m.suppressed,
        "license": license_summary(rec.license, kb),
        "license_provenance": rec.license_provenance,
        "effective_licenses": [e.as_dict() for e in m.effective_licenses],
        "locations": [loc.as_dict() for loc in m.locations],
    }


def fails(findings: list[FindingEntry], fail_on: str) -> bool:
    """Whether any finding no waiver clears is at or above ``fail_on`` (``never``: none is)."""
    return fail_on != "never" and any(
        not f["waived"] and SEVERITY_RANK[f["severity"]] >= SEVERITY_RANK[fail_on] for f in findings
    )


def build(result: AuditResult, kb: KnowledgeBase | None = None) -> Report:
    kb = kb or knowledge_base()
    models = [model_entry(m, kb) for m in result.models]
    findings = [f.as_dict() for f in result.findings]
    license_ids = sorted(
        {e["license"] for m in models for e in m["effective_licenses"] if e["license"]}
    )
    active = [f for f in result.findings if f.waiver is None]
    counts = {
        sev: sum(1 for f in active if f.severity == sev) for sev in ("error", "warning", "info")
    }
    failed = fails(findings, result.policy.fail_on)
    unseen = len(result.skipped) + len(result.lineage_cut) + len(result.unanswered)
    failed = failed or (result.strict and unseen > 0)
    datasets: dict[str, list[LocationEntry]] = {}
    for ref in result.datasets:
        datasets.setdefault(ref.id, []).append(ref.location.as_dict())
    hosted: dict[tuple[str, str], tuple[str | None, set]] = {}
    for ref in result.hosted:
        provider, places = hosted.setdefault((ref.id, ref.provider or ""), (ref.provider, set()))
        places.add(ref.location)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "licaudit", "version": __version__},
        "root": result.root,
        "project": project_name(result.root),
        "policy": {
            "name": result.policy.name,
            "source": result.policy.source,
            "fail_on": result.policy.fail_on,
            "organization": dict(result.policy.organization),
            **({"sha256": result.policy.sha256} if result.policy.sha256 else {}),
        },
        **({"review": result.review.as_dict()} if result.review else {}),
        "lockfile": result.lockfile,
        "models": models,
        "datasets": [
            DatasetEntry(id=k, source="huggingface-dataset", locations=v)
            for k, v in sorted(datasets.items())
        ],
        "hosted_models": [
            HostedModelEntry(
                id=model_id, provider=provider, locations=[loc.as_dict() for loc in sorted(places)]
            )
            for (model_id, _), (provider, places) in sorted(hosted.items())
        ],
        "findings": findings,
        "licenses": {lid: license_entry(lid, kb) for lid in license_ids},
        "warnings": list(result.warnings),
        "skipped": [s.as_dict() for s in sorted(result.skipped, key=lambda s: s.path)],
        "unresolvable": [u.as_dict() for u in result.unresolvable],
        "summary": {
            "models": sum(1 for m in result.models if m.direct),
            "ancestors": sum(1 for m in result.models if not m.direct),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
            "waived": sum(1 for f in result.findings if f.waiver is not None),
            "suppressed": sum(1 for m in result.models if m.suppressed),
            "skipped": len(result.skipped),
            "lineage_cut": len(result.lineage_cut),
            "unanswered": len(result.unanswered),
            "strict": result.strict,
            "verdict": "fail" if failed else "pass",
        },
    }
