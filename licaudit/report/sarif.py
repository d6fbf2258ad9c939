"""SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, IDE viewers).

One ``rule`` per policy rule (title, help text, default level), one ``result`` per finding with
its file/line locations; severities map to levels (error -> error, warning -> warning,
info -> note); a waived finding carries a ``suppression`` with the waiver's justification;
against a baseline (``scan --baseline``) each result has its ``baselineState`` (new, unchanged).
Artifact URIs are relative to the scanned root (``uriBaseId: SRCROOT``).
"""

from __future__ import annotations

from typing import Any

from .. import jsontext
from ._common import waiver_description
from .baseline import fingerprint
from .contract import FindingEntry, LocationEntry, Report, WaiverEntry

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "licauditFinding/v1"


def _rule_name(rule_id: str) -> str:
    """``commercial-use`` -> ``CommercialUse`` (SARIF's human-facing ``name``)."""
    return "".join(part.capitalize() for part in rule_id.split("-"))


def _rules_metadata() -> dict[str, dict[str, str]]:
    from ..policy.rules import RULES

    return {
        r.id: {"title": r.title, "help": r.help, "severity": r.severity} for r in RULES.values()
    }


def _rule(rule_id: str, meta: dict[str, str] | None) -> dict[str, Any]:
    title = meta["title"] if meta else rule_id.replace("-", " ").capitalize()
    help_text = meta["help"] if meta else f"licaudit policy rule '{rule_id}'."
    severity = meta["severity"] if meta else "warning"
    return {
        "id": rule_id,
        "name": _rule_name(rule_id),
        "shortDescription": {"text": title},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text, "markdown": f"**{title}** (`{rule_id}`)\n\n{help_text}"},
        "defaultConfiguration": {"level": LEVELS.get(severity, "warning")},
        "properties": {
            "tags": ["license", "compliance", "ai-model"],
            "licaudit-severity": severity,
        },
    }


def _location(loc: LocationEntry) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": loc["path"], "uriBaseId": "SRCROOT"}}
    if loc.get("line"):
        region: dict[str, Any] = {"startLine": loc["line"]}
        if loc.get("column"):
            region["startColumn"] = loc["column"]
        physical["region"] = region
        if loc.get("snippet"):  # the whole source line, as context around the reference
            physical["contextRegion"] = {
                "startLine": loc["line"],
                "snippet": {"text": loc["snippet"]},
            }
    out: dict[str, Any] = {"physicalLocation": physical}
    if loc.get("cell") is not None:
        out["properties"] = {"notebookCell": loc["cell"]}
    return out


def _suppression(waiver: WaiverEntry) -> dict[str, Any]:
    return {
        "kind": "external",
        "status": "accepted",
        "justification": waiver_description(waiver),
        "properties": {
            "approvedBy": waiver.get("approved_by"),
            "expires": waiver.get("expires"),
            "model": waiver["model"],
            "rules": sorted(waiver.get("rules") or []),
        },
    }


def _anchor(doc: Report) -> dict[str, Any] | None:
    """Where a finding without a file location points (code scanning wants one): the policy
    file, when the policy is a file in the repository."""
    source = doc["policy"]["source"]
    if source.startswith("builtin:") or source.startswith("/") or ":" in source[:3]:
        return None
    return {"path": source}


def _result(
    finding: FindingEntry, rule_index: int, anchor: dict[str, Any] | None = None
) -> dict[str, Any]:
    text = finding["message"]
    if finding.get("remediation"):
        text += f"\nHow to fix: {finding['remediation']}"
    result: dict[str, Any] = {
        "ruleId": finding["rule"],
        "ruleIndex": rule_index,
        "level": LEVELS[finding["severity"]],
        "message": {"text": text},
        "locations": [
            _location(loc) for loc in finding.get("locations") or ([anchor] if anchor else [])
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding)},
        "properties": {
            "severity": finding["severity"],
            "model": finding.get("model"),
            "license": finding.get("license"),
            "chain": list(finding.get("chain") or []),
            "remediation": finding.get("remediation", ""),
        },
    }
    if finding.get("model"):
        # the model the finding is about, as a logical location on every location
        logical = [
            {"name": finding["model"], "fullyQualifiedName": finding["model"], "kind": "module"}
        ]
        if not result["locations"]:
            result["locations"].append({})
        for loc in result["locations"]:
            loc["logicalLocations"] = logical
    if finding.get("waived"):
        result["suppressions"] = [_suppression(finding["waived"])]
    if finding.get("baseline_state"):
        result["baselineState"] = finding["baseline_state"]
    return result


def build(doc: Report) -> dict[str, Any]:
    """The SARIF log as a dict (``render`` serializes it)."""
    meta = _rules_metadata()
    used = {f["rule"] for f in doc["findings"]}
    rule_ids = sorted(set(meta) | used)
    index = {rid: i for i, rid in enumerate(rule_ids)}
    anchor = _anchor(doc)
    results = [_result(f, index[f["rule"]], anchor) for f in doc["findings"]]
    summary = doc["summary"]
    review = doc.get("review")
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "licaudit",
                "version": doc["tool"]["version"],
                "semanticVersion": doc["tool"]["version"],
                "rules": [_rule(rid, meta.get(rid)) for rid in rule_ids],
            }
        },
        "automationDetails": {"id": "licaudit/"},
        "results": results,
        "invocations": [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {"level": "warning", "message": {"text": w}} for w in doc.get("warnings", [])
                ]
                + [
                    {
                        "level": "note",
                        "message": {"text": f"skipped {s['path']}: {s['reason']}"},
                        "locations": [_location({"path": s["path"]})],
                    }
                    for s in doc.get("skipped", [])
                ],
            }
        ],
        "properties": {
            "policy": {
                "name": doc["policy"]["name"],
                "source": doc["policy"]["source"],
                "failOn": doc["policy"]["fail_on"],
            },
            "lockfile": doc.get("lockfile"),
            "verdict": summary["verdict"],
            "summary": summary,
        },
    }
    if doc.get("baseline"):
        run["properties"]["baseline"] = doc["baseline"]
    if doc["policy"].get("sha256"):
        run["properties"]["policy"]["sha256"] = doc["policy"]["sha256"]
    if review is not None:
        run["properties"]["review"] = review
        repository = review.get("repository") or ""
        if review.get("commit") and "://" in repository:
            run["versionControlProvenance"] = [
                {"repositoryUri": repository, "revisionId": review["commit"]}
            ]
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


class SarifFormat:
    """SARIF 2.1.0 for code-scanning dashboards."""

    name = "sarif"
    filename = "licaudit.sarif"

    def render(self, doc: Report, /, *, color: bool = False, quiet: bool = False) -> str:
        return jsontext.dumps(build(doc), sort_keys=True, ensure_ascii=False) + "\n"
