"""The legal review report as Markdown (GitHub-flavoured: tables, task lists).

A summary first (what models, which licenses, what is blocked, what needs sign-off, what was
waived), then one section per model (declared and effective licenses with links, lineage,
publisher and country, where it is used, the obligations checklist, findings and waivers), then
what makes the review reproducible (policy, tool version, lockfile and revisions).

Every value that comes from a repository, a model card or a policy file goes through
``md_escape`` (one line, Markdown and HTML metacharacters neutralised) and every link through
``_common.safe_url`` (http/https only), so a model card cannot inject markup or script.
"""

from __future__ import annotations

import re
from typing import Any

from . import _common as c

_ESCAPE = {ch: "\\" + ch for ch in "\\`*_[]|~$"}
_ESCAPE.update({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_BLOCK_START = re.compile(r"^(?:#{1,6}|[-+*=]+|\d{1,9}[.)])(?:\s|$)")


def md_escape(text: Any) -> str:
    """Untrusted text as inert Markdown: a single line, inline markup (emphasis, code, links,
    tables, strikethrough, math) backslash-escaped, HTML turned into entities, and a leading
    block marker (heading, list, setext underline) escaped."""
    s = "".join(_ESCAPE.get(ch, ch) for ch in c.one_line(text))
    if _BLOCK_START.match(s):
        s = re.sub(r"^(\d+)([.)])", r"\1\\\2", s) if s[0].isdigit() else "\\" + s
    return s


def md_link(text: Any, url: Any) -> str:
    safe = c.safe_url(url)
    return f"[{md_escape(text)}]({safe})" if safe else md_escape(text)


def md_autolink(url: Any) -> str:
    """An http(s) URL as a CommonMark autolink (readable as is in the raw file), else nothing."""
    safe = c.safe_url(url)
    return f"<{safe}>" if safe else ""


def _license_link(doc: dict[str, Any], lic_id: str | None) -> str:
    if not lic_id:
        return "unknown"
    entry = c.license_entry(doc, lic_id)
    name = c.license_name(doc, lic_id)
    label = md_link(name, (entry or {}).get("url"))
    if name != lic_id:
        label += f" ({md_escape(lic_id)})"
    return label


def _chain(chain: list[str] | tuple[str, ...]) -> str:
    return " → ".join(md_escape(x) for x in chain)


def _waiver(w: dict[str, Any]) -> str:
    parts = [f"waived: {md_escape(w['reason'])}"]
    parts.append(f"approved by {md_escape(w['approved_by'])}" if w.get("approved_by") else "approver not recorded")
    parts.append(f"until {md_escape(w['expires'])}" if w.get("expires") else "no expiry")
    return "; ".join(parts)


def _finding_line(f: dict[str, Any], with_model: bool) -> list[str]:
    head = f"**{md_escape(f['severity'].upper())}** {md_escape(f['rule'])}"
    if with_model and f.get("model"):
        head += f" — {md_escape(f['model'])}"
    lines = [f"- {head}: {md_escape(f['message'])}"]
    if f.get("chain"):
        lines.append(f"  - Through lineage: {_chain(f['chain'])}")
    lines.append(f"  - To fix: {md_escape(f['remediation'])}")
    if f.get("waived"):
        lines.append(f"  - {_waiver(f['waived'])}")
    return lines


def _summary(doc: dict[str, Any], out: list[str]) -> None:
    s = doc["summary"]
    direct = [m for m in doc["models"] if m["direct"]]
    out.append("## Summary")
    out.append("")
    verdict = "FAIL" if s["verdict"] == "fail" else "PASS"
    out.append(
        f"**{verdict}** under policy {md_escape(doc['policy']['name'])} (fails on: {md_escape(doc['policy']['fail_on'])}): "
        f"{c.count(s['models'], 'model')} referenced, {c.count(s['ancestors'], 'base model')} reached through lineage; "
        f"{c.count(s['errors'], 'error')}, {c.count(s['warnings'], 'warning')}, {s['infos']} info, {s['waived']} waived."
    )
    out.append("")
    if direct:
        out.append("| Model | License | Category | Inherited through lineage | Verdict |")
        out.append("| --- | --- | --- | --- | --- |")
        for m in direct:
            lic = m["license"]["id"] if m["license"] else None
            inherited = [e for e in c.bound_licenses(m) if len(e["chain"]) > 1 and e["license"] != lic]
            inh = ", ".join(f"{_license_link(doc, e['license'])} from {md_escape(e['model'])}" for e in inherited) or "—"
            out.append(
                f"| [{md_escape(m['id'])}](#{_anchor(doc, m)}) | {_license_link(doc, lic)} | {md_escape(c.license_category(doc, lic))} "
                f"| {inh} | {c.VERDICT_LABELS[c.model_verdict(doc, m)]} |"
            )
        out.append("")
    else:
        out.append("No models were found in the repository.")
        out.append("")
    lic_ids = sorted(doc.get("licenses", {}))
    if lic_ids:
        out.append("### Licenses in use")
        out.append("")
        out.append("| License | Category | Commercial use | Models bound |")
        out.append("| --- | --- | --- | --- |")
        for lic_id in lic_ids:
            entry = doc["licenses"][lic_id]
            users = sorted({m["id"] for m in direct for e in c.bound_licenses(m) if e["license"] == lic_id}, key=str.lower)
            commercial = (entry.get("terms") or {}).get("commercial_use", "unknown") if entry.get("known") else "unknown"
            out.append(
                f"| {_license_link(doc, lic_id)} | {md_escape(entry.get('category'))} | {md_escape(commercial)} "
                f"| {', '.join(md_escape(u) for u in users) or '—'} |"
            )
        out.append("")
    groups = [
        ("Blocked", [f for f in doc["findings"] if c.active(f) and c.SEVERITY_RANK[f["severity"]] >= min(c.blocking_rank(doc), 2)]),
        ("Needs sign-off", [f for f in doc["findings"] if c.active(f) and f["severity"] != "info" and c.SEVERITY_RANK[f["severity"]] < min(c.blocking_rank(doc), 2)]),
        ("Approved by waiver", [f for f in doc["findings"] if not c.active(f)]),
    ]
    for title, group in groups:
        out.append(f"### {title} ({len(group)})")
        out.append("")
        if not group:
            out.append("None.")
        for f in group:
            line = f"- {md_escape(f['model'] or 'policy')} — {md_escape(f['rule'])}: {md_escape(f['message'])}"
            if f.get("waived"):
                line += f" ({_waiver(f['waived'])})"
            out.append(line)
        out.append("")


def _anchor(doc: dict[str, Any], model: dict[str, Any]) -> str:
    index = next(i for i, m in enumerate(doc["models"], 1) if m is model)
    return f"model-{index}"


def _obligation(ob: c.Obligation) -> str:
    line = md_escape(ob.text)
    if ob.kind in ("display", "notice"):
        line += f": **{md_escape(ob.detail)}**"
    elif ob.kind == "mau":
        flag = {"above": "**ABOVE THE LIMIT**", "below": "below the limit", "unknown": "**organization figure missing**"}[ob.status]
        line += f" — {flag} ({md_escape(ob.detail)})"
    elif ob.detail:
        line += f" ({md_escape(ob.detail)})"
    if c.safe_url(ob.url):
        line += f" — {md_autolink(ob.url)}"
    return line


def _model(doc: dict[str, Any], m: dict[str, Any], out: list[str]) -> None:
    kind = "" if m["direct"] else " (base model, reached through lineage)"
    out.append(f'<a id="{_anchor(doc, m)}"></a>')
    out.append("")
    out.append(f"### {md_escape(m['id'])}{kind}")
    out.append("")
    rows: list[tuple[str, str]] = [("Verdict", c.VERDICT_LABELS[c.model_verdict(doc, m)])]
    lic = m["license"]
    declared = _license_link(doc, lic["id"]) if lic else "unknown"
    if lic:
        declared += f", category {md_escape(lic['category'])}, SPDX {md_escape(lic['spdx'])}"
    fact = (m.get("provenance") or {}).get("license")
    if fact:
        declared += f" — from {md_escape(fact['source'])}" + (f" ({md_escape(fact['detail'])})" if fact.get("detail") else "")
    rows.append(("Declared license", declared))
    if m.get("license_expression"):
        rows.append(("License expression", md_escape(m["license_expression"])))
    if m.get("license_name"):
        rows.append(("Card license name", md_escape(m["license_name"])))
    if m.get("license_link"):
        rows.append(("Card license link", md_link(m["license_link"], m["license_link"])))
    if m.get("unresolved"):
        rows.append(("Unresolved", md_escape(m["unresolved"])))
    effective = []
    for e in c.bound_licenses(m):
        how = "own" if len(e["chain"]) == 1 else f"inherited from {md_escape(e['model'])} ({_chain(e['chain'])})"
        effective.append(f"{_license_link(doc, e['license'])} — {how}")
    rows.append(("Effective licenses", "; ".join(effective) or "none"))
    chain = c.lineage(m)
    if len(chain) > 1 or m.get("base_models"):
        text = _chain(chain) if len(chain) > 1 else ", ".join(md_escape(b) for b in m["base_models"])
        if m.get("base_model_relation"):
            text += f" ({md_escape(m['base_model_relation'])})"
        rows.append(("Lineage", text))
    pub = m["publisher"]
    who = md_escape(pub.get("name") or pub.get("org") or "unknown")
    if pub.get("org") and pub.get("name"):
        who += f" (Hub organization {md_escape(pub['org'])})"
    rows.append(("Publisher", who))
    rows.append(("Publisher country", md_escape(pub.get("country") or "unknown")))
    if m.get("gated") is not None:
        rows.append(("Gated on the Hub", "yes" if m["gated"] else "no"))
    if m.get("eu_disallowed"):
        rows.append(("EU", "the license excludes use in the European Union for this model"))
    if m.get("modalities"):
        rows.append(("Modalities", ", ".join(md_escape(x) for x in m["modalities"])))
    rows.append(("Source", md_escape(m["source"]) + (f", revision {md_escape(m['revision'])}" if m.get("revision") else ", revision not pinned")))
    if m.get("purl"):
        rows.append(("Package URL", md_escape(m["purl"])))
    out.append("| | |")
    out.append("| --- | --- |")
    for k, v in rows:
        out.append(f"| {k} | {v} |")
    out.append("")
    if m["locations"]:
        out.append("**Where it is used**")
        out.append("")
        for loc in m["locations"]:
            line = f"- {md_escape(c.where(loc))}"
            if loc.get("snippet"):
                line += f": {md_escape(loc['snippet'])}"
            if loc.get("suppressed"):
                line += " (suppressed)"
            out.append(line)
        out.append("")
    elif not m["direct"]:
        users = [x["id"] for x in doc["models"] if x["direct"] and m["id"] in c.lineage(x)[1:]]
        if users:
            out.append(f"Not referenced directly; reached through {', '.join(md_escape(u) for u in users)}.")
            out.append("")
    if m.get("notes"):
        out.append("**Notes**")
        out.append("")
        out.extend(f"- {md_escape(n)}" for n in m["notes"])
        out.append("")
    out.append("**Obligations checklist**")
    out.append("")
    groups = c.model_obligations(doc, m)
    if not groups:
        out.append("Unknown until the license is known.")
        out.append("")
    for eff, obligations in groups:
        how = "" if len(eff["chain"]) == 1 else f", inherited through {_chain(eff['chain'])}"
        out.append(f"*{_license_link(doc, eff['license'])}{how}:*")
        out.append("")
        if not obligations:
            known = (c.license_entry(doc, eff["license"]) or {}).get("known")
            out.append("- No obligations recorded for this license." if known else "- licaudit does not know this license's terms: read the license.")
        out.extend(f"- [ ] {_obligation(ob)}" for ob in obligations)
        out.append("")
    findings = c.findings_for(doc, m["id"])
    out.append("**Findings**")
    out.append("")
    if not findings:
        out.append("None.")
    for f in findings:
        out.extend(_finding_line(f, with_model=False))
    out.append("")


def _reproducibility(doc: dict[str, Any], out: list[str]) -> None:
    policy = doc["policy"]
    out.append("## Reproducibility")
    out.append("")
    out.append(f"- Tool: {md_escape(doc['tool']['name'])} {md_escape(doc['tool']['version'])} (report schema {md_escape(doc['schema_version'])})")
    out.append(f"- Scanned root: {md_escape(doc['root'])}")
    out.append(f"- Policy: {md_escape(policy['name'])} from {md_escape(policy['source'])}, fails on {md_escape(policy['fail_on'])}")
    org = policy.get("organization") or {}
    if org:
        out.append("- Organization: " + ", ".join(f"{md_escape(k)} = {md_escape(_value(v))}" for k, v in sorted(org.items())))
    out.append(f"- Lockfile: {md_escape(doc['lockfile']) if doc.get('lockfile') else 'none (resolved without a lockfile)'}")
    out.append("")
    if doc["models"]:
        out.append("| Model | Source | Revision | License from |")
        out.append("| --- | --- | --- | --- |")
        for m in doc["models"]:
            fact = (m.get("provenance") or {}).get("license")
            src = md_escape(fact["source"]) + (f" ({md_escape(fact['detail'])})" if fact.get("detail") else "") if fact else md_escape(m.get("license_provenance") or "—")
            rev = md_escape(m.get("revision") or "not pinned")
            rev_fact = (m.get("provenance") or {}).get("revision")
            if m.get("revision") and rev_fact:
                rev += f" (from {md_escape(rev_fact['source'])})"
            out.append(f"| {md_escape(m['id'])} | {md_escape(m['source'])} | {rev} | {src} |")
        out.append("")


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, (list, tuple)):
        return ", ".join(_value(x) for x in v)
    return str(v)


def render(doc: dict[str, Any], **_options: Any) -> str:
    title = "License review" + (f": {md_escape(doc['project'])}" if doc.get("project") else "")
    out: list[str] = [f"# {title}", ""]
    out.append(
        "Models this repository depends on, the licenses that bind them (their own and their base models'), "
        f"and what the policy says about them. Generated by licaudit {md_escape(doc['tool']['version'])}."
    )
    out.append("")
    _summary(doc, out)
    out.append("## Models")
    out.append("")
    if not doc["models"]:
        out.append("None.")
        out.append("")
    for m in doc["models"]:
        _model(doc, m, out)
    general = c.findings_for(doc, None)
    if general:
        out.append("## Policy findings")
        out.append("")
        for f in general:
            out.extend(_finding_line(f, with_model=False))
        out.append("")
    if doc.get("datasets"):
        out.append("## Datasets (not audited as models)")
        out.append("")
        for d in doc["datasets"]:
            locs = ", ".join(md_escape(c.where(loc)) for loc in d["locations"])
            out.append(f"- {md_escape(d['id'])}" + (f" — {locs}" if locs else ""))
        out.append("")
    if doc.get("warnings") or doc.get("skipped") or doc.get("unresolvable"):
        out.append("## Limits of this review")
        out.append("")
        for w in doc.get("warnings", []):
            out.append(f"- Warning: {md_escape(w)}")
        for s in doc.get("skipped", []):
            out.append(f"- Skipped {md_escape(s['path'])}: {md_escape(s['reason'])}")
        for u in doc.get("unresolvable", []):
            out.append(f"- Not audited, computed at run time: {md_escape(c.where(u['location']))} {md_escape(u['expression'])} ({md_escape(u['reason'])})")
        out.append("")
    _reproducibility(doc, out)
    return "\n".join(out).rstrip("\n") + "\n"
