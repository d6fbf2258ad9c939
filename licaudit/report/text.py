"""The terminal view: one row per model, findings grouped by severity, a summary line."""

from __future__ import annotations

from typing import Any

_COLORS = {"error": "31", "warning": "33", "info": "36", "pass": "32", "fail": "31", "dim": "2", "bold": "1"}
_SEVERITY_ORDER = ("error", "warning", "info")


def _paint(text: str, style: str, color: bool) -> str:
    return f"\033[{_COLORS[style]}m{text}\033[0m" if color else text


def _where(locations: list[dict[str, Any]], limit: int = 2) -> str:
    if not locations:
        return "-"
    shown = [f"{loc['path']}:{loc['line']}" if loc.get("line") else loc["path"] for loc in locations[:limit]]
    more = len(locations) - limit
    return ", ".join(shown) + (f" (+{more} more)" if more > 0 else "")


def _verdict(model: dict[str, Any], findings: list[dict[str, Any]]) -> str:
    if model["suppressed"]:
        return "suppressed"
    mine = [f for f in findings if f["model"] == model["id"] and not f["waived"]]
    for sev, word in (("error", "fail"), ("warning", "review"), ):
        if any(f["severity"] == sev for f in mine):
            return word
    if any(f["model"] == model["id"] and f["waived"] for f in findings):
        return "waived"
    return "ok"


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]


def render(doc: dict[str, Any], color: bool = False) -> str:
    out: list[str] = []
    direct = [m for m in doc["models"] if m["direct"]]
    findings = doc["findings"]
    out.append(f"licaudit {doc['tool']['version']} — {doc['root']} — policy {doc['policy']['name']} ({doc['policy']['source']})")
    out.append("")
    if direct:
        rows = [["MODEL", "LICENSE", "CATEGORY", "FOUND IN", "VERDICT"]]
        for m in direct:
            lic = m["license"]
            eff = [e["license"] for e in m["effective_licenses"][1:] if e["license"] and (not lic or e["license"] != lic["id"])]
            lic_text = (lic["id"] if lic else "unknown") + (f" (+{', '.join(dict.fromkeys(eff))} via lineage)" if eff else "")
            rows.append([m["id"], lic_text, lic["category"] if lic else "unknown", _where(m["locations"]), _verdict(m, findings)])
        table = _table(rows)
        out.append(_paint(table[0], "bold", color))
        for line, m in zip(table[1:], direct):
            verdict = _verdict(m, findings)
            style = {"fail": "error", "review": "warning", "ok": "pass"}.get(verdict)
            out.append(_paint(line, style, color) if style else line)
    else:
        out.append("No models found.")
    for sev in _SEVERITY_ORDER:
        group = [f for f in findings if f["severity"] == sev]
        if not group:
            continue
        out.append("")
        out.append(_paint(f"{sev.upper()}S ({len(group)})", sev, color))
        for f in group:
            waived = f["waived"]
            tag = f"  [waived: {waived['reason']}{', until ' + waived['expires'] if waived.get('expires') else ''}]" if waived else ""
            out.append(f"  {_paint(f['rule'], sev, color)}  {f['message']}{tag}")
            where = _where(f["locations"], limit=3)
            if where != "-":
                out.append(f"      at {where}")
            out.append(f"      fix: {f['remediation']}")
    if doc.get("warnings"):
        out.append("")
        for w in doc["warnings"]:
            out.append(_paint(f"warning: {w}", "warning", color))
    if doc.get("datasets"):
        out.append("")
        out.append(f"Datasets (not audited as models): {', '.join(d['id'] for d in doc['datasets'])}")
    if doc.get("skipped"):
        out.append("")
        out.append(f"Skipped {len(doc['skipped'])} file(s):")
        for s in doc["skipped"]:
            out.append(f"  {s['path']}: {s['reason']}")
    if doc.get("unresolvable"):
        out.append("")
        out.append("Model arguments computed at run time (not audited):")
        for u in doc["unresolvable"]:
            loc = u["location"]
            out.append(f"  {loc['path']}:{loc['line']}: {u['expression']} — {u['reason']}")
    s = doc["summary"]
    out.append("")
    parts = [f"{s['models']} model(s)"]
    if s["ancestors"]:
        parts.append(f"{s['ancestors']} ancestor(s)")
    parts += [f"{s['errors']} error(s)", f"{s['warnings']} warning(s)", f"{s['infos']} info"]
    if s["waived"]:
        parts.append(f"{s['waived']} waived")
    if s["suppressed"]:
        parts.append(f"{s['suppressed']} suppressed")
    verdict = s["verdict"].upper()
    out.append(f"{_paint(verdict, s['verdict'], color)}: " + ", ".join(parts) + f" (fail on: {doc['policy']['fail_on']})")
    return "\n".join(out) + "\n"
