"""The terminal view: one row per model (id, license, category, where found, verdict), findings
grouped by severity with their remediation, a summary line.

Colour (click's ``style``) only when the caller asks for it (``color=True``: the CLI does on a
terminal, never when the output is piped or ``NO_COLOR`` is set). Text from a repository or a
model card is printed on one line with control characters removed, so it cannot move the cursor
or fake colours.
"""

from __future__ import annotations

from typing import Any

import click

from ..model import SEVERITIES
from . import _common as c
from .baseline import is_new
from .contract import LocationEntry, ModelEntry, Report, WaiverEntry

# style name -> click.style arguments
_STYLES: dict[str, dict[str, Any]] = {
    "error": {"fg": "red"},
    "warning": {"fg": "yellow"},
    "info": {"fg": "cyan"},
    "pass": {"fg": "green"},
    "fail": {"fg": "red"},
    "dim": {"dim": True},
    "bold": {"bold": True},
}
_VERDICT_STYLE = {
    c.BLOCKED: "error",
    c.REVIEW: "warning",
    c.WAIVED: "info",
    c.OK: "pass",
    c.SUPPRESSED: "dim",
    c.BASE: "dim",
}
_VERDICT_WORD = {
    c.BLOCKED: "fail",
    c.REVIEW: "review",
    c.WAIVED: "waived",
    c.OK: "ok",
    c.SUPPRESSED: "suppressed",
    c.BASE: "base",
}


def _paint(text: str, style: str | None, color: bool) -> str:
    return click.style(text, **_STYLES[style]) if color and style else text


def _t(text: Any) -> str:
    """Untrusted text for a terminal: one line, no control characters (no escape sequences)."""
    return c.one_line(text)


def _where(locations: list[LocationEntry], limit: int = 2) -> str:
    if not locations:
        return "-"
    shown = [_t(c.where(loc)) for loc in locations[:limit]]
    more = len(locations) - limit
    return ", ".join(shown) + (f" (+{more} more)" if more > 0 else "")


def _license_cell(doc: Report, m: ModelEntry) -> str:
    lic = m["license"]
    own = lic["id"] if lic else None
    inherited = [
        e["license"]
        for e in c.bound_licenses(m)
        if e["license"] and len(e["chain"]) > 1 and e["license"] != own
    ]
    text = _t(own or "unknown")
    if inherited:
        text += f" (+{', '.join(_t(x) for x in inherited)} via lineage)"
    return text


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows
    ]


def _waiver(w: WaiverEntry) -> str:
    return f"[waived: {_t(c.waiver_description(w))}]"


def _summary_line(doc: Report, color: bool) -> str:
    s, policy = doc["summary"], doc["policy"]
    parts = [c.count(s["models"], "model")]
    if s["ancestors"]:
        parts.append(c.count(s["ancestors"], "base model") + " via lineage")
    parts += [
        c.count(s["errors"], "error"),
        c.count(s["warnings"], "warning"),
        f"{s['infos']} info",
    ]
    if s["waived"]:
        parts.append(f"{s['waived']} waived")
    if s["suppressed"]:
        parts.append(f"{s['suppressed']} suppressed")
    parts += c.unseen(s)
    if doc.get("baseline"):
        parts.append(f"{doc['baseline']['new']} new against the baseline")
    strict = ", strict" if s.get("strict") else ""
    return (
        f"{_paint(s['verdict'].upper(), s['verdict'], color)}: "
        + ", ".join(parts)
        + f" (fail on: {_t(policy['fail_on'])}{strict})"
    )


def _quiet(doc: Report, color: bool) -> str:
    """``--quiet``: one line per finding that fails the run, then the summary line."""
    out = []
    for f in doc["findings"]:
        if c.finding_verdict(doc, f) != c.BLOCKED or not is_new(f):
            continue
        where = _where(f["locations"], limit=1)
        out.append(
            f"{_paint(f['severity'], f['severity'], color)}  {_t(f['rule'])}  {_t(f['message'])}"
            + (f" (at {where})" if where != "-" else "")
        )
    out.append(_summary_line(doc, color))
    return "\n".join(out) + "\n"


class TextFormat:
    """The terminal view (``quiet``: only what fails the run and the summary line)."""

    name = "text"
    filename = "licaudit.txt"

    def render(self, doc: Report, /, *, color: bool = False, quiet: bool = False) -> str:
        if quiet:
            return _quiet(doc, color)
        out: list[str] = []
        direct = [m for m in doc["models"] if m["direct"]]
        policy = doc["policy"]
        subject = c.reviewed_subject(doc)
        out.append(
            f"licaudit {_t(doc['tool']['version'])} — "
            + (f"{_t(subject)} — " if subject else "")
            + f"policy {_t(policy['name'])} ({_t(policy['source'])})"
        )
        out.append("")
        if direct:
            verdicts = [c.model_verdict(doc, m) for m in direct]
            rows = [["MODEL", "LICENSE", "CATEGORY", "FOUND IN", "VERDICT"]]
            for m, v in zip(direct, verdicts, strict=True):
                own = m["license"]["id"] if m["license"] else None
                rows.append(
                    [
                        _t(m["id"]),
                        _license_cell(doc, m),
                        _t(c.license_category(doc, own)),
                        _where(m["locations"]),
                        _VERDICT_WORD[v],
                    ]
                )
            table = _table(rows)
            out.append(_paint(table[0], "bold", color))
            for line, v in zip(table[1:], verdicts, strict=True):
                out.append(_paint(line, _VERDICT_STYLE[v], color))
        else:
            out.append("No models found.")
        for sev in SEVERITIES:
            group = [f for f in c.iter_findings(doc, sev) if is_new(f)]
            if not group:
                continue
            live = sum(1 for f in group if c.active(f))
            label = f"{sev.upper()}S ({live}" + (
                f", {len(group) - live} waived)" if live != len(group) else ")"
            )
            out.append("")
            out.append(_paint(label, sev, color))
            for f in group:
                subject = f"{_t(f['message'])}"
                out.append(
                    f"  {_paint(_t(f['rule']), sev if c.active(f) else 'dim', color)}  {subject}"
                )
                if f.get("chain"):
                    out.append(f"      through {' -> '.join(_t(x) for x in f['chain'])}")
                where = _where(f["locations"], limit=3)
                if where != "-":
                    out.append(f"      at {where}")
                if f.get("waived"):
                    out.append(f"      {_paint(_waiver(f['waived']), 'info', color)}")
                else:
                    out.append(f"      fix: {_t(f['remediation'])}")
        hidden = c.suppressions(doc)
        if hidden:
            out.append("")
            out.append(_paint(f"SUPPRESSED IN THE CODE ({len(hidden)})", "dim", color))
            for m, loc in hidden:
                reason = loc.get("suppression_reason")
                out.append(
                    f"  {_t(m['id'])}  at {_t(c.where(loc))}  "
                    + (f"reason: {_t(reason)}" if reason else c.NO_REASON)
                    + ("" if m["suppressed"] else "  (not honoured: the policy audits the model)")
                )
        if doc.get("warnings"):
            out.append("")
            for w in doc["warnings"]:
                out.append(_paint(f"warning: {_t(w)}", "warning", color))
        if doc.get("datasets"):
            out.append("")
            out.append(
                f"Datasets (not audited as models): {', '.join(_t(d['id']) for d in doc['datasets'])}"
            )
        if doc.get("hosted_models"):
            out.append("")
            names = [
                f"{_t(h['id'])} ({_t(h['provider'])})" if h.get("provider") else _t(h["id"])
                for h in doc["hosted_models"]
            ]
            out.append(f"Hosted API models (no open-weight license): {', '.join(names)}")
        if doc.get("skipped"):
            out.append("")
            out.append(f"Skipped {len(doc['skipped'])} file(s):")
            for s in doc["skipped"]:
                out.append(f"  {_t(s['path'])}: {_t(s['reason'])}")
        if doc.get("unresolvable"):
            out.append("")
            out.append("Model arguments computed at run time (not audited):")
            for u in doc["unresolvable"]:
                out.append(
                    f"  {_t(c.where(u['location']))}: {_t(u['expression'])} — {_t(u['reason'])}"
                )
        if doc.get("baseline"):
            b = doc["baseline"]
            out.append("")
            out.append(
                f"Against the baseline: {c.count(b['new'], 'new finding')} (shown above), "
                f"{b['unchanged']} unchanged (not shown), {b['absent']} gone."
            )
        out.append("")
        out.append(_summary_line(doc, color))
        return "\n".join(out) + "\n"
