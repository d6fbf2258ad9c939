"""Helpers for the policy tests: a small knowledge base of realistic license terms (validated
against the license schema), model records with lineage, and policies loaded from real files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from licaudit.licensing import KnowledgeBase, License
from licaudit.model import AuditedModel, Fact, ModelRecord, Publisher
from licaudit.policy import Policy, evaluate, load_policy
from licaudit.resolve.lineage import effective_licenses
from licaudit.resources import validation_errors

TODAY = date(2026, 6, 1)

_SOURCES = [{"source": "test fixture", "verified": "unverified"}]


def _lic(
    id: str,
    name: str,
    category: str,
    terms: dict[str, Any],
    *,
    licensor=(None, None),
    placeholder=False,
) -> dict[str, Any]:
    d = {
        "id": id,
        "name": name,
        "spdx": f"LicenseRef-{id}",
        "category": category,
        "aliases": [],
        "licensor": {"name": licensor[0], "country": licensor[1]},
        "terms": terms,
        "sources": _SOURCES,
    }
    if placeholder:
        d["placeholder"] = True
    return d


LLAMA_TERMS = {
    "commercial_use": "conditional",
    "mau_limit": {"threshold": 700_000_000, "above": "No rights until Meta grants a license."},
    "display_text": "Built with Llama",
    "notice_text": "Llama is licensed under the Llama Community License.",
    "license_copy": True,
    "naming": {
        "rule": 'A distributed model built with Llama must have a name beginning with "Llama".',
        "prefix": "Llama",
    },
    "use_policy": {
        "name": "Llama Acceptable Use Policy",
        "url": "https://llama.example/use-policy",
        "pass_on": True,
    },
}

LICENSES = [
    _lic(
        "apache-2.0",
        "Apache License 2.0",
        "permissive",
        {"commercial_use": "allowed", "license_copy": True},
    ),
    _lic("mit", "MIT License", "permissive", {"commercial_use": "allowed"}),
    _lic("cc0-1.0", "CC0 1.0", "public-domain", {"commercial_use": "allowed"}),
    _lic(
        "gpl-3.0",
        "GNU GPL v3",
        "copyleft",
        {"commercial_use": "allowed", "license_copy": True, "share_alike": True},
    ),
    _lic(
        "cc-by-nc-4.0",
        "CC BY-NC 4.0",
        "non-commercial",
        {"commercial_use": "prohibited", "attribution": ["Credit the creator."]},
    ),
    _lic(
        "llama3.3",
        "Llama 3.3 Community License",
        "community",
        LLAMA_TERMS,
        licensor=("Meta Platforms, Inc.", "US"),
    ),
    _lic(
        "llama3.2",
        "Llama 3.2 Community License",
        "community",
        {
            **LLAMA_TERMS,
            "geographic_restrictions": [
                {
                    "region": "EU",
                    "modalities": ["multimodal"],
                    "who": "individuals domiciled in, or companies with a principal place of business in, the EU",
                    "exempt": "end users of products that incorporate the models",
                    "description": "The multimodal-model rights are not granted in the EU.",
                }
            ],
        },
        licensor=("Meta Platforms, Inc.", "US"),
    ),
    _lic(
        "qwen",
        "Qwen License",
        "community",
        {
            "commercial_use": "conditional",
            "mau_limit": {
                "threshold": 100_000_000,
                "above": "Request a license from Alibaba Cloud.",
            },
            "license_copy": True,
        },
        licensor=("Alibaba Cloud", "CN"),
    ),
    _lic(
        "qwen-research",
        "Qwen Research License",
        "research-only",
        {"commercial_use": "prohibited", "research_only": True},
        licensor=("Alibaba Cloud", "CN"),
    ),
    _lic(
        "mnpl",
        "Mistral AI Non-Production License",
        "non-production",
        {"commercial_use": "prohibited", "non_production": True},
        licensor=("Mistral AI", "FR"),
    ),
    _lic(
        "hosting-restricted",
        "Hosting Restricted License",
        "community",
        {"commercial_use": "conditional", "hosting_restricted": True},
        licensor=("Technology Innovation Institute", "AE"),
    ),
    _lic(
        "revenue-capped",
        "Revenue Capped License",
        "community",
        {
            "commercial_use": "conditional",
            "thresholds": [
                {
                    "metric": "monthly_revenue",
                    "value": 20_000_000,
                    "unit": "USD",
                    "measured": "Global consolidated monthly revenue of your company.",
                    "consequence": "license-required",
                    "above": "No rights under the license.",
                },
                {
                    "metric": "daily_active_users",
                    "value": 1_000_000,
                    "unit": "users",
                    "consequence": "duty",
                    "above": 'Display "Built with X".',
                    "uses": ["commercial"],
                },
            ],
        },
        licensor=("Mistral AI SAS", "FR"),
    ),
    _lic("other", "Other", "unknown", {"commercial_use": "prohibited"}, placeholder=True),
]


def knowledge_base() -> KnowledgeBase:
    for d in LICENSES:
        errors = validation_errors("license", d)
        assert not errors, (d["id"], errors)
    return KnowledgeBase([License.from_dict(d) for d in LICENSES])


def rec(
    model_id: str,
    license: str | None,
    *,
    base: tuple[str, ...] = (),
    country: str | None = None,
    publisher: str | None = None,
    gated: bool | None = None,
    modalities: tuple[str, ...] = ("text",),
    eu_disallowed: bool | None = None,
    unresolved: str | None = None,
    source: str = "huggingface",
) -> ModelRecord:
    org = model_id.split("/")[0] if "/" in model_id else None
    return ModelRecord(
        id=model_id,
        source=source,
        license=license,
        base_models=base,
        publisher=Publisher(name=publisher or org, country=country, org=org),
        gated=gated,
        modalities=modalities,
        eu_disallowed=eu_disallowed,
        provenance={"license": Fact("catalog", "test")} if license else {},
        unresolved=unresolved if license is None else None,
    )


def audited(*records: ModelRecord, direct: tuple[str, ...] | None = None) -> list[AuditedModel]:
    """AuditedModels for the records; the first (or those named in ``direct``) are direct."""
    by_id = {r.id.lower(): r for r in records}
    direct = direct or (records[0].id,)
    out = []
    for r in records:
        out.append(
            AuditedModel(
                record=r,
                direct=r.id in direct,
                effective_licenses=effective_licenses(r, lambda m: by_id.get(m.lower())),
            )
        )
    return out


def policy(tmp_path: Path, doc: dict[str, Any], name: str = "test-policy.yaml") -> Policy:
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"version": 1, **doc}, sort_keys=False), encoding="utf-8")
    return load_policy(str(path))


def run(
    tmp_path: Path, doc: dict[str, Any], *records: ModelRecord, today: date = TODAY, direct=None
):
    return evaluate(
        audited(*records, direct=direct), policy(tmp_path, doc), knowledge_base(), today=today
    )


def by_rule(findings, rule: str, *, waived: bool | None = None):
    out = [f for f in findings if f.rule == rule]
    if waived is not None:
        out = [f for f in out if (f.waiver is not None) == waived]
    return out
