"""The legal review report as one self-contained HTML file.

Same content as the Markdown report: a summary first, then one section per model, then what
makes the review reproducible. Inline CSS only — no scripts, fonts, images or any other network
asset — and a print stylesheet, so the file can be archived, mailed and printed as is.

Every value from a repository, a model card or a policy file is passed through ``html.escape``
(quotes included); ``href`` only ever holds an http/https URL (``_common.safe_url``).
"""

from __future__ import annotations

import html
from typing import Any

from . import _common as c

_CSS = """
:root { color-scheme: light; }
body { font: 15px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; max-width: 72rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.35rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f6f8fa; }
table.facts th { width: 12rem; }
ul { padding-left: 1.4rem; }
ul.checklist { list-style: none; padding-left: .2rem; }
ul.checklist li::before { content: "\\2610\\00a0"; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; }
.muted { color: #57606a; }
.verdict { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-weight: 600; font-size: .85em; border: 1px solid currentColor; }
.v-blocked, .sev-error, .fail { color: #b42318; }
.v-review, .sev-warning { color: #9a6700; }
.v-waived, .sev-info { color: #0b5cad; }
.v-ok, .pass { color: #1a7f37; }
.v-suppressed, .v-base { color: #57606a; }
.banner { font-size: 1.1rem; padding: .6rem .9rem; border: 2px solid currentColor; border-radius: .4rem; margin: 1rem 0; }
.model { border-top: 1px solid #d0d7de; }
.display { font-weight: 700; }
.waiver { color: #0b5cad; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; color: #000; }
  a { color: #000; text-decoration: underline; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; overflow-wrap: anywhere; }
  a.url::after { content: none; }
  h2 { break-after: avoid; }
  h3, h4 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  .model { break-before: auto; }
  th { background: none; }
}
""".strip()


def e(text: Any) -> str:
    """Untrusted text as inert HTML: one line, every markup character escaped."""
    return html.escape(c.one_line(text), quote=True)


def link(text: Any, url: Any, css: str = "") -> str:
    safe = c.safe_url(url)
    if not safe:
        return e(text)
    cls = f' class="{css}"' if css else ""
    return f'<a href="{html.escape(safe, quote=True)}"{cls} rel="noopener noreferrer">{e(text)}</a>'


def _license_link(doc: dict[str, Any], lic_id: str | None) -> str:
    if not lic_id:
        return "unknown"
    entry = c.license_entry(doc, lic_id)
    name = c.license_name(doc, lic_id)
    out = link(name, (entry or {}).get("url"))
    if name != lic_id:
        out += f' <span class="muted">({e(lic_id)})</span>'
    return out


def _chain(chain: list[str] | tuple[str, ...]) -> str:
    return " &rarr; ".join(e(x) for x in chain)


def _verdict(doc: dict[str, Any], m: dict[str, Any]) -> str:
    v = c.model_verdict(doc, m)
    return f'<span class="verdict v-{v}">{e(c.VERDICT_LABELS[v])}</span>'


def _waiver(w: dict[str, Any]) -> str:
    parts = [f"waived: {e(w['reason'])}"]
    parts.append(f"approved by <strong>{e(w['approved_by'])}</strong>" if w.get("approved_by") else "approver not recorded")
    parts.append(f"until <strong>{e(w['expires'])}</strong>" if w.get("expires") else "no expiry")
    return f'<span class="waiver">{"; ".join(parts)}</span>'


def _finding(f: dict[str, Any]) -> str:
    sev = f["severity"]
    out = [f'<li><strong class="sev-{e(sev)}">{e(sev.upper())}</strong> <code>{e(f["rule"])}</code>: {e(f["message"])}<ul>']
    if f.get("chain"):
        out.append(f"<li>Through lineage: {_chain(f['chain'])}</li>")
    out.append(f"<li>To fix: {e(f['remediation'])}</li>")
    if f.get("waived"):
        out.append(f"<li>{_waiver(f['waived'])}</li>")
    out.append("</ul></li>")
    return "".join(out)


def _anchors(doc: dict[str, Any]) -> dict[int, str]:
    return {id(m): f"model-{i}" for i, m in enumerate(doc["models"], 1)}


def _summary(doc: dict[str, Any], anchors: dict[int, str], out: list[str]) -> None:
    s = doc["summary"]
    direct = [m for m in doc["models"] if m["direct"]]
    out.append('<section id="summary"><h2>Summary</h2>')
    verdict = s["verdict"]
    out.append(
        f'<p class="banner {e(verdict)}"><strong>{e(verdict.upper())}</strong> under policy <strong>{e(doc["policy"]["name"])}</strong> '
        f'(fails on: {e(doc["policy"]["fail_on"])}): {c.count(s["models"], "model")} referenced, '
        f'{c.count(s["ancestors"], "base model")} reached through lineage; {c.count(s["errors"], "error")}, '
        f'{c.count(s["warnings"], "warning")}, {s["infos"]} info, {s["waived"]} waived.</p>'
    )
    if direct:
        out.append("<table><thead><tr><th>Model</th><th>License</th><th>Category</th><th>Inherited through lineage</th><th>Verdict</th></tr></thead><tbody>")
        for m in direct:
            lic = m["license"]["id"] if m["license"] else None
            inherited = [x for x in c.bound_licenses(m) if len(x["chain"]) > 1 and x["license"] != lic]
            inh = "<br>".join(f"{_license_link(doc, x['license'])} from {e(x['model'])}" for x in inherited) or "&mdash;"
            out.append(
                f'<tr><td><a href="#{anchors[id(m)]}">{e(m["id"])}</a></td><td>{_license_link(doc, lic)}</td>'
                f"<td>{e(c.license_category(doc, lic))}</td><td>{inh}</td><td>{_verdict(doc, m)}</td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append("<p>No models were found in the repository.</p>")
    lic_ids = sorted(doc.get("licenses", {}))
    if lic_ids:
        out.append("<h3>Licenses in use</h3>")
        out.append("<table><thead><tr><th>License</th><th>Category</th><th>Commercial use</th><th>Models bound</th></tr></thead><tbody>")
        for lic_id in lic_ids:
            entry = doc["licenses"][lic_id]
            users = sorted({m["id"] for m in direct for x in c.bound_licenses(m) if x["license"] == lic_id}, key=str.lower)
            commercial = (entry.get("terms") or {}).get("commercial_use", "unknown") if entry.get("known") else "unknown"
            out.append(
                f"<tr><td>{_license_link(doc, lic_id)}</td><td>{e(entry.get('category'))}</td><td>{e(commercial)}</td>"
                f"<td>{'<br>'.join(e(u) for u in users) or '&mdash;'}</td></tr>"
            )
        out.append("</tbody></table>")
    threshold = min(c.blocking_rank(doc), 2)
    groups = [
        ("Blocked", "v-blocked", [f for f in doc["findings"] if c.active(f) and c.SEVERITY_RANK[f["severity"]] >= threshold]),
        ("Needs sign-off", "v-review", [f for f in doc["findings"] if c.active(f) and f["severity"] != "info" and c.SEVERITY_RANK[f["severity"]] < threshold]),
        ("Approved by waiver", "v-waived", [f for f in doc["findings"] if not c.active(f)]),
    ]
    for title, cls, group in groups:
        out.append(f'<h3 class="{cls}">{title} ({len(group)})</h3>')
        if not group:
            out.append("<p>None.</p>")
            continue
        out.append("<ul>")
        for f in group:
            item = f"<li><strong>{e(f['model'] or 'policy')}</strong> &mdash; <code>{e(f['rule'])}</code>: {e(f['message'])}"
            if f.get("waived"):
                item += f" ({_waiver(f['waived'])})"
            out.append(item + "</li>")
        out.append("</ul>")
    out.append("</section>")


def _obligation(ob: c.Obligation) -> str:
    line = e(ob.text)
    if ob.kind in ("display", "notice"):
        line += f': <span class="display">&ldquo;{e(ob.detail)}&rdquo;</span>'
    elif ob.kind == "mau":
        flag = {"above": '<strong class="fail">ABOVE THE LIMIT</strong>', "below": '<span class="pass">below the limit</span>', "unknown": '<strong class="sev-warning">organization figure missing</strong>'}[ob.status]
        line += f" &mdash; {flag} ({e(ob.detail)})"
    elif ob.detail:
        line += f" ({e(ob.detail)})"
    if c.safe_url(ob.url):
        line += f" &mdash; {link(ob.url, ob.url, 'url')}"
    return f"<li>{line}</li>"


def _model(doc: dict[str, Any], m: dict[str, Any], anchor: str, out: list[str]) -> None:
    kind = "" if m["direct"] else ' <span class="muted">(base model, reached through lineage)</span>'
    out.append(f'<section class="model" id="{anchor}"><h3>{e(m["id"])}{kind}</h3>')
    rows: list[tuple[str, str]] = [("Verdict", _verdict(doc, m))]
    lic = m["license"]
    declared = _license_link(doc, lic["id"]) if lic else "unknown"
    if lic:
        declared += f", category {e(lic['category'])}, SPDX <code>{e(lic['spdx'])}</code>"
    fact = (m.get("provenance") or {}).get("license")
    if fact:
        declared += f" &mdash; from {e(fact['source'])}" + (f" ({e(fact['detail'])})" if fact.get("detail") else "")
    rows.append(("Declared license", declared))
    if m.get("license_expression"):
        rows.append(("License expression", e(m["license_expression"])))
    if m.get("license_name"):
        rows.append(("Card license name", e(m["license_name"])))
    if m.get("license_link"):
        rows.append(("Card license link", link(m["license_link"], m["license_link"])))
    if m.get("unresolved"):
        rows.append(("Unresolved", e(m["unresolved"])))
    effective = []
    for x in c.bound_licenses(m):
        how = "own" if len(x["chain"]) == 1 else f"inherited from {e(x['model'])} ({_chain(x['chain'])})"
        effective.append(f"{_license_link(doc, x['license'])} &mdash; {how}")
    rows.append(("Effective licenses", "<br>".join(effective) or "none"))
    chain = c.lineage(m)
    if len(chain) > 1 or m.get("base_models"):
        text = _chain(chain) if len(chain) > 1 else ", ".join(e(b) for b in m["base_models"])
        if m.get("base_model_relation"):
            text += f" ({e(m['base_model_relation'])})"
        rows.append(("Lineage", text))
    pub = m["publisher"]
    who = e(pub.get("name") or pub.get("org") or "unknown")
    if pub.get("org") and pub.get("name"):
        who += f" (Hub organization {e(pub['org'])})"
    rows.append(("Publisher", who))
    rows.append(("Publisher country", e(pub.get("country") or "unknown")))
    if m.get("gated") is not None:
        rows.append(("Gated on the Hub", "yes" if m["gated"] else "no"))
    if m.get("eu_disallowed"):
        rows.append(("EU", "the license excludes use in the European Union for this model"))
    if m.get("modalities"):
        rows.append(("Modalities", ", ".join(e(x) for x in m["modalities"])))
    rows.append(("Source", e(m["source"]) + (f", revision <code>{e(m['revision'])}</code>" if m.get("revision") else ", revision not pinned")))
    if m.get("purl"):
        rows.append(("Package URL", f"<code>{e(m['purl'])}</code>"))
    out.append('<table class="facts"><tbody>')
    out.extend(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    out.append("</tbody></table>")
    if m["locations"]:
        out.append("<h4>Where it is used</h4><ul>")
        for loc in m["locations"]:
            item = f'<li><span class="mono">{e(c.where(loc))}</span>'
            if loc.get("snippet"):
                item += f": <code>{e(loc['snippet'])}</code>"
            if loc.get("suppressed"):
                item += ' <span class="muted">(suppressed)</span>'
            out.append(item + "</li>")
        out.append("</ul>")
    elif not m["direct"]:
        users = [x["id"] for x in doc["models"] if x["direct"] and m["id"] in c.lineage(x)[1:]]
        if users:
            out.append(f"<p>Not referenced directly; reached through {', '.join(e(u) for u in users)}.</p>")
    if m.get("notes"):
        out.append("<h4>Notes</h4><ul>")
        out.extend(f"<li>{e(n)}</li>" for n in m["notes"])
        out.append("</ul>")
    out.append("<h4>Obligations checklist</h4>")
    groups = c.model_obligations(doc, m)
    if not groups:
        out.append("<p>Unknown until the license is known.</p>")
    for eff, obligations in groups:
        how = "" if len(eff["chain"]) == 1 else f", inherited through {_chain(eff['chain'])}"
        out.append(f"<p><em>{_license_link(doc, eff['license'])}{how}:</em></p>")
        if obligations:
            out.append('<ul class="checklist">')
            out.extend(_obligation(ob) for ob in obligations)
            out.append("</ul>")
        elif (c.license_entry(doc, eff["license"]) or {}).get("known"):
            out.append("<p>No obligations recorded for this license.</p>")
        else:
            out.append("<p>licaudit does not know this license's terms: read the license.</p>")
    findings = c.findings_for(doc, m["id"])
    out.append("<h4>Findings</h4>")
    if findings:
        out.append("<ul>")
        out.extend(_finding(f) for f in findings)
        out.append("</ul>")
    else:
        out.append("<p>None.</p>")
    out.append("</section>")


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, (list, tuple)):
        return ", ".join(_value(x) for x in v)
    return str(v)


def _reproducibility(doc: dict[str, Any], out: list[str]) -> None:
    policy = doc["policy"]
    out.append('<section id="reproducibility"><h2>Reproducibility</h2><ul>')
    out.append(f"<li>Tool: {e(doc['tool']['name'])} {e(doc['tool']['version'])} (report schema {e(doc['schema_version'])})</li>")
    out.append(f"<li>Scanned root: <span class=\"mono\">{e(doc['root'])}</span></li>")
    out.append(f"<li>Policy: <strong>{e(policy['name'])}</strong> from <span class=\"mono\">{e(policy['source'])}</span>, fails on {e(policy['fail_on'])}</li>")
    org = policy.get("organization") or {}
    if org:
        out.append("<li>Organization: " + ", ".join(f"{e(k)} = {e(_value(v))}" for k, v in sorted(org.items())) + "</li>")
    lock = f'<span class="mono">{e(doc["lockfile"])}</span>' if doc.get("lockfile") else "none (resolved without a lockfile)"
    out.append(f"<li>Lockfile: {lock}</li></ul>")
    if doc["models"]:
        out.append("<table><thead><tr><th>Model</th><th>Source</th><th>Revision</th><th>License from</th></tr></thead><tbody>")
        for m in doc["models"]:
            fact = (m.get("provenance") or {}).get("license")
            if fact:
                src = e(fact["source"]) + (f" ({e(fact['detail'])})" if fact.get("detail") else "")
            else:
                src = e(m.get("license_provenance") or "—")
            rev = f"<code>{e(m['revision'])}</code>" if m.get("revision") else "not pinned"
            rev_fact = (m.get("provenance") or {}).get("revision")
            if m.get("revision") and rev_fact:
                rev += f" (from {e(rev_fact['source'])})"
            out.append(f"<tr><td>{e(m['id'])}</td><td>{e(m['source'])}</td><td>{rev}</td><td>{src}</td></tr>")
        out.append("</tbody></table>")
    out.append("</section>")


def render(doc: dict[str, Any], **_options: Any) -> str:
    anchors = _anchors(doc)
    title = "License review" + (f": {e(doc['project'])}" if doc.get("project") else "")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>{title}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        f"<header><h1>{title}</h1>",
        "<p class=\"muted\">Models this repository depends on, the licenses that bind them (their own and their base models'), "
        f"and what the policy says about them. Generated by licaudit {e(doc['tool']['version'])}.</p></header>",
        "<main>",
    ]
    _summary(doc, anchors, out)
    out.append("<section><h2>Models</h2>")
    if not doc["models"]:
        out.append("<p>None.</p>")
    for m in doc["models"]:
        _model(doc, m, anchors[id(m)], out)
    out.append("</section>")
    general = c.findings_for(doc, None)
    if general:
        out.append("<section><h2>Policy findings</h2><ul>")
        out.extend(_finding(f) for f in general)
        out.append("</ul></section>")
    if doc.get("datasets"):
        out.append("<section><h2>Datasets (not audited as models)</h2><ul>")
        for d in doc["datasets"]:
            locs = ", ".join(e(c.where(loc)) for loc in d["locations"])
            out.append(f"<li>{e(d['id'])}" + (f" &mdash; <span class=\"mono\">{locs}</span>" if locs else "") + "</li>")
        out.append("</ul></section>")
    if doc.get("warnings") or doc.get("skipped") or doc.get("unresolvable"):
        out.append("<section><h2>Limits of this review</h2><ul>")
        out.extend(f"<li>Warning: {e(w)}</li>" for w in doc.get("warnings", []))
        out.extend(f"<li>Skipped <span class=\"mono\">{e(s['path'])}</span>: {e(s['reason'])}</li>" for s in doc.get("skipped", []))
        for u in doc.get("unresolvable", []):
            out.append(f"<li>Not audited, computed at run time: <span class=\"mono\">{e(c.where(u['location']))}</span> <code>{e(u['expression'])}</code> ({e(u['reason'])})</li>")
        out.append("</ul></section>")
    _reproducibility(doc, out)
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
