"""What a change adds: findings compared across two JSON reports.

A finding is the same finding in two reports when it is about the same thing — rule, model,
license and lineage chain (``fingerprint``, also SARIF's ``partialFingerprints``) — and in the
same state (cleared by a waiver or not): moving a reference to another line changes nothing,
and a finding whose waiver lapsed is new, because it newly fails. Several findings with one
fingerprint (one per region of a geographic restriction, say) are matched one for one.

``apply(doc, old)`` marks each finding of ``doc`` ``new`` or ``unchanged`` against the saved
report ``old`` (``licaudit scan --baseline OLD.json``), counts the findings of ``old`` that are
gone, and decides the verdict on the new findings only. ``licaudit diff`` (``report.diff``)
compares two whole reports with the same matching.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from .contract import BaselineEntry, FindingEntry, Report

NEW, UNCHANGED = "new", "unchanged"


def fingerprint(finding: FindingEntry) -> str:
    """Stable across scans: what the finding is about, not where the reference sits."""
    key = "\x1f".join(
        [
            finding["rule"],
            finding.get("model") or "",
            finding.get("license") or "",
            "\x1e".join(finding.get("chain") or []),
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _key(finding: FindingEntry) -> tuple[str, bool]:
    return fingerprint(finding), bool(finding.get("waived"))


def match(
    old: Iterable[FindingEntry], new: Iterable[FindingEntry]
) -> tuple[list[FindingEntry], list[FindingEntry], list[FindingEntry]]:
    """(the findings of ``new`` that ``old`` had, those it did not, those of ``old`` now gone),
    each in its report's order."""
    left = Counter(_key(f) for f in old)
    unchanged, added = [], []
    for f in new:
        key = _key(f)
        if left[key]:
            left[key] -= 1
            unchanged.append(f)
        else:
            added.append(f)
    gone = []
    for f in old:
        key = _key(f)
        if left[key]:
            left[key] -= 1
            gone.append(f)
    return unchanged, added, gone


def apply(doc: Report, old: Report) -> Report:
    """``doc`` with every finding marked against ``old`` (``baseline_state``), the counts in
    ``baseline``, and a verdict that only the new findings decide (and, in a strict run, what
    the audit could not see)."""
    from .document import fails

    unchanged, added, gone = match(old["findings"], doc["findings"])
    ids = {id(f) for f in added}
    findings = [
        {**f, "baseline_state": NEW if id(f) in ids else UNCHANGED} for f in doc["findings"]
    ]
    baseline: BaselineEntry = {
        "new": len(added),
        "unchanged": len(unchanged),
        "absent": len(gone),
        "review": old.get("review"),
    }
    s = doc["summary"]
    unseen = s.get("skipped", 0) + s.get("lineage_cut", 0) + s.get("unanswered", 0)
    failed = fails(added, doc["policy"]["fail_on"]) or (s.get("strict", False) and unseen > 0)
    verdict = "fail" if failed else "pass"
    return {
        **doc,
        "findings": findings,
        "baseline": baseline,
        "summary": {**doc["summary"], "verdict": verdict},
    }


def is_new(finding: FindingEntry) -> bool:
    """Whether a finding is for the reader: new against the baseline, or there is none."""
    return finding.get("baseline_state", NEW) == NEW
