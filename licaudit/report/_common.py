"""What the human-facing formats (text, markdown, html, notice, github) share.

Everything here reads the JSON report document only — never the scanner or the knowledge base —
so a saved report renders exactly as the scan did. The helpers in the first part return plain
data; each format does its own escaping (see ``markdown.md_escape`` and ``html.escape``): nothing
they return is safe to paste into markup as is. The legal review builders at the end (Markdown and
HTML share them) decide the report's content and write it through a ``Markup`` the format
supplies, which escapes every value: what they return is markup of that format.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from ..model import SEVERITY_RANK

# model verdicts, worst first
BLOCKED, REVIEW, WAIVED, OK, SUPPRESSED, BASE = (
    "blocked",
    "review",
    "waived",
    "ok",
    "suppressed",
    "base",
)
VERDICT_LABELS = {
    BLOCKED: "Blocked",
    REVIEW: "Needs sign-off",
    WAIVED: "Approved by waiver",
    OK: "OK",
    SUPPRESSED: "Suppressed in the code",
    BASE: "Checked through the models built on it",
}


def one_line(text: Any) -> str:
    """A value as a single line of text: control characters (newlines included) become spaces."""
    if text is None:
        return ""
    s = str(text)
    return "".join(
        " " if (ord(c) < 32 or ord(c) == 127 or c in "\u2028\u2029\u0085") else c for c in s
    ).strip()


def safe_url(url: Any) -> str | None:
    """``url`` when it is an absolute http(s) URL, percent-encoded so it cannot break out of a
    Markdown link or an HTML attribute; ``None`` for anything else (``javascript:``, ``data:``,
    relative paths, URLs with white space or control characters)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or any(ord(c) < 33 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


def where(loc: dict[str, Any], column: bool = False) -> str:
    """``path:line`` (``path:line:column`` with ``column``), ``path`` when the line is unknown;
    notebook cells as ``path[cell N]:line``."""
    path = loc["path"]
    if loc.get("cell") is not None:
        path = f"{path}[cell {loc['cell']}]"
    if not loc.get("line"):
        return path
    if column and loc.get("column"):
        return f"{path}:{loc['line']}:{loc['column']}"
    return f"{path}:{loc['line']}"


def active(finding: dict[str, Any]) -> bool:
    return not finding.get("waived")


def blocking_rank(doc: dict[str, Any]) -> int:
    """The lowest severity rank that fails the policy (errors always block a model)."""
    fail_on = doc["policy"].get("fail_on", "error")
    return SEVERITY_RANK.get(fail_on, SEVERITY_RANK["error"])


def findings_for(doc: dict[str, Any], model_id: str | None) -> list[dict[str, Any]]:
    return [f for f in doc["findings"] if f["model"] == model_id]


def finding_verdict(doc: dict[str, Any], finding: dict[str, Any]) -> str | None:
    """What one finding asks of the review: BLOCKED (it fails the policy; errors always do),
    REVIEW (a warning below the policy's threshold), WAIVED, or None (an info that does not block)."""
    if not active(finding):
        return WAIVED
    if SEVERITY_RANK[finding["severity"]] >= min(blocking_rank(doc), SEVERITY_RANK["error"]):
        return BLOCKED
    return REVIEW if finding["severity"] != "info" else None


def model_verdict(doc: dict[str, Any], model: dict[str, Any]) -> str:
    if model.get("suppressed"):
        return SUPPRESSED
    mine = findings_for(doc, model["id"])
    if not model.get("direct", True) and not mine:
        return BASE
    verdicts = {finding_verdict(doc, f) for f in mine}
    return next((v for v in (BLOCKED, REVIEW, WAIVED) if v in verdicts), OK)


def license_entry(doc: dict[str, Any], lic_id: str | None) -> dict[str, Any] | None:
    if not lic_id:
        return None
    return doc.get("licenses", {}).get(lic_id)


def license_name(doc: dict[str, Any], lic_id: str | None) -> str:
    entry = license_entry(doc, lic_id)
    if entry:
        return entry.get("name") or lic_id or "unknown"
    return lic_id or "unknown"


def license_category(doc: dict[str, Any], lic_id: str | None) -> str:
    entry = license_entry(doc, lic_id)
    return (entry or {}).get("category") or "unknown"


def bound_licenses(model: dict[str, Any]) -> list[dict[str, Any]]:
    """The model's effective licenses, one per license id (the shortest chain wins), own first."""
    best: dict[Any, dict[str, Any]] = {}
    for eff in model.get("effective_licenses", []):
        key = eff["license"]
        if key not in best or len(eff["chain"]) < len(best[key]["chain"]):
            best[key] = eff
    return sorted(best.values(), key=lambda e: (len(e["chain"]), e["license"] or "", e["model"]))


def lineage(model: dict[str, Any]) -> list[str]:
    """The longest lineage chain the model's effective licenses walk (model -> base -> ...)."""
    chains = [e["chain"] for e in model.get("effective_licenses", [])]
    longest = max(chains, key=len, default=[model["id"]])
    return list(longest) if len(longest) > 1 else [model["id"]]


def organization_mau(doc: dict[str, Any]) -> int | None:
    value = doc["policy"].get("organization", {}).get("monthly_active_users")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class Obligation:
    """One thing a license asks the team to do (or know), for the legal review checklist."""

    kind: str  # display | notice | license-copy | naming | use-policy | mau | attribution | geographic | output | commercial
    license: str  # license id
    text: str  # the obligation, plain text
    detail: str = ""  # exact text to display/ship, or the threshold comparison
    url: str | None = None  # a link (use policy, license text), unchecked: pass through safe_url
    status: str = ""  # for mau: below | above | unknown
    via: tuple[str, ...] = field(default=())  # lineage chain when inherited


def _fmt_int(n: int) -> str:
    return f"{n:,}"


def obligations(
    doc: dict[str, Any], lic_id: str, chain: list[str] | tuple[str, ...] = ()
) -> list[Obligation]:
    """The checklist one license brings, read from the document's ``licenses`` terms."""
    entry = license_entry(doc, lic_id)
    if not entry or not entry.get("known"):
        return []
    terms = entry.get("terms") or {}
    via = tuple(chain) if len(chain) > 1 else ()
    out: list[Obligation] = []

    def add(kind: str, text: str, **kw: Any) -> None:
        out.append(Obligation(kind=kind, license=lic_id, text=text, via=via, **kw))

    if terms.get("display_text"):
        when = f", {terms['display_when']}" if terms.get("display_when") else ""
        add(
            "display",
            f"Display this attribution prominently (website, user interface, documentation){when}",
            detail=terms["display_text"],
        )
    if terms.get("notice_text"):
        add("notice", "Ship a notice file containing this text", detail=terms["notice_text"])
    if terms.get("license_copy"):
        add(
            "license-copy",
            f"Give a copy of the {entry.get('name') or lic_id} with any redistribution",
            url=entry.get("url"),
        )
    naming = terms.get("naming")
    if naming:
        prefix = naming.get("prefix")
        add("naming", naming["rule"], detail=f"required name prefix: {prefix}" if prefix else "")
    policy = terms.get("use_policy")
    if policy:
        name = policy.get("name") or "the acceptable use policy"
        text = f"Follow {name}"
        if policy.get("pass_on"):
            text += " and pass it on to your users as an enforceable term"
        add("use-policy", text, url=policy.get("url"))
    if terms.get("prohibited_uses"):
        add("use-policy", "Never use the model for: " + "; ".join(terms["prohibited_uses"]))
    mau = terms.get("mau_limit")
    if mau:
        threshold = mau["threshold"]
        org = organization_mau(doc)
        if org is None:
            status, detail = (
                "unknown",
                f"limit {_fmt_int(threshold)}; the policy does not state the organization's figure (organization.monthly_active_users)",
            )
        elif org > threshold:  # the licenses speak of "greater than": the mau-limit rule agrees
            status, detail = (
                "above",
                f"limit {_fmt_int(threshold)}; the organization reports {_fmt_int(org)}",
            )
            if mau.get("above"):
                detail += f": {mau['above']}"
        else:
            status, detail = (
                "below",
                f"limit {_fmt_int(threshold)}; the organization reports {_fmt_int(org)}",
            )
        add("mau", "Stay within the monthly active users limit", detail=detail, status=status)
    for item in terms.get("attribution") or []:
        add("attribution", item)
    for geo in terms.get("geographic_restrictions") or []:
        text = f"{geo['region']}: {geo['description']}"
        if geo.get("modalities"):
            text += f" (applies to {', '.join(geo['modalities'])} models)"
        add("geographic", text, detail=geo.get("exempt", ""))
    for item in terms.get("output_restrictions") or []:
        add("output", item)
    if terms.get("commercial_use") in ("conditional", "prohibited"):
        add(
            "commercial",
            f"Commercial use is {terms['commercial_use']}",
            detail=terms.get("commercial_note", ""),
        )
    return out


def model_obligations(
    doc: dict[str, Any], model: dict[str, Any]
) -> list[tuple[dict[str, Any], list[Obligation]]]:
    """(effective license, its checklist) for every license that binds the model, own first."""
    return [
        (eff, obligations(doc, eff["license"], eff["chain"]))
        for eff in bound_licenses(model)
        if eff["license"]
    ]


@dataclass
class NoticeGroup:
    license: str
    entry: dict[str, Any] | None
    uses: list[tuple[str, tuple[str, ...]]] = field(
        default_factory=list
    )  # (model id, chain when inherited)


def notice_groups(doc: dict[str, Any]) -> tuple[list[NoticeGroup], list[str]]:
    """(one group per license binding a used model, ids of used models with no known license).

    "Used" means referenced by the repository and not suppressed; a license binds the model
    itself or through its lineage (a fine-tune carries its base model's license)."""
    groups: dict[str, NoticeGroup] = {}
    unknown: list[str] = []
    for model in doc["models"]:
        if not model["direct"] or model["suppressed"]:
            continue
        bound = [e for e in bound_licenses(model) if e["license"]]
        if not bound:
            unknown.append(model["id"])
        for eff in bound:
            group = groups.setdefault(
                eff["license"], NoticeGroup(eff["license"], license_entry(doc, eff["license"]))
            )
            group.uses.append((model["id"], tuple(eff["chain"]) if len(eff["chain"]) > 1 else ()))
    for group in groups.values():
        group.uses.sort(key=lambda u: (u[0].lower(), u[0], u[1]))
    ordered = sorted(
        groups.values(), key=lambda g: ((g.entry or {}).get("name") or g.license).lower()
    )
    return ordered, sorted(set(unknown), key=lambda s: (s.lower(), s))


def iter_findings(doc: dict[str, Any], severity: str) -> Iterator[dict[str, Any]]:
    return (f for f in doc["findings"] if f["severity"] == severity)


def count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


# --- the legal review report (markdown, html): what it says, once --------------------------------
#
# The builders below decide the content of the review report: which rows and facts, in which
# order, in which words. They write through a ``Markup`` — a handful of inline constructs each
# format implements once (``markdown.MarkdownMarkup``, ``html.HtmlMarkup``) — and return markup
# strings or lists of them; each format only lays them out as headings, lists and tables.
# ``Markup.text`` is the one place untrusted text is escaped: every builder passes data through it
# (or through ``link``/``url``, which take raw values) before wrapping it.

TITLE = "License review"
INTRO = (
    "Models this repository depends on, the licenses that bind them (their own and their base models'), "
    "and what the policy says about them. Generated by licaudit {version}."
)
NO_MODELS = "No models were found in the repository."
NO_LICENSE = "Unknown until the license is known."
NONE = "None."
BASE_MODEL_KIND = "(base model, reached through lineage)"
# MAU status -> (words, css class, strong)
MAU_FLAGS = {
    "above": ("ABOVE THE LIMIT", "fail", True),
    "below": ("below the limit", "pass", False),
    "unknown": ("organization figure missing", "sev-warning", True),
}


class Markup:
    """Inline markup of one format. ``text``, ``link`` and ``url`` take raw (untrusted) values;
    every other method wraps markup the caller already built from escaped pieces."""

    DASH = " — "  # between a thing and what is said about it
    ARROW = " → "  # between the steps of a lineage chain
    NONE = "—"  # an empty table cell

    def text(self, value: Any) -> str:
        raise NotImplementedError

    def link(self, text: Any, url: Any) -> str:
        raise NotImplementedError

    def url(self, url: Any) -> str:
        """A bare URL shown as itself (the caller checked it with ``safe_url``)."""
        raise NotImplementedError

    def anchor(self, markup: str, anchor: str) -> str:
        raise NotImplementedError

    def code(self, markup: str) -> str:
        return markup

    def mono(self, markup: str) -> str:
        return markup

    def strong(self, markup: str, css: str = "") -> str:
        return markup

    def span(self, markup: str, css: str) -> str:
        return markup

    def value(self, markup: str) -> str:
        """A value the reader looks for (a policy, an approver, a model)."""
        return markup

    def muted(self, markup: str) -> str:
        return markup

    def display(self, markup: str) -> str:
        """Text a license requires to be displayed or shipped as is."""
        return markup

    def verdict(self, verdict: str) -> str:
        return self.text(VERDICT_LABELS[verdict])

    def cell_lines(self, items: list[str], sep: str) -> str:
        """Several items in one table cell."""
        return sep.join(items)


def anchors(doc: dict[str, Any]) -> dict[int, str]:
    """The in-page anchor of each model section, by the model dict's identity."""
    return {id(m): f"model-{i}" for i, m in enumerate(doc["models"], 1)}


def title(doc: dict[str, Any], mk: Markup) -> str:
    return TITLE + (f": {mk.text(doc['project'])}" if doc.get("project") else "")


def intro(doc: dict[str, Any], mk: Markup) -> str:
    return INTRO.format(version=mk.text(doc["tool"]["version"]))


def license_link(doc: dict[str, Any], lic_id: str | None, mk: Markup) -> str:
    if not lic_id:
        return "unknown"
    name = license_name(doc, lic_id)
    label = mk.link(name, (license_entry(doc, lic_id) or {}).get("url"))
    if name != lic_id:
        label += " " + mk.muted(f"({mk.text(lic_id)})")
    return label


def chain_text(chain: list[str] | tuple[str, ...], mk: Markup) -> str:
    return mk.ARROW.join(mk.text(x) for x in chain)


def waiver_text(w: dict[str, Any], mk: Markup) -> str:
    parts = [f"waived: {mk.text(w['reason'])}"]
    parts.append(
        f"approved by {mk.value(mk.text(w['approved_by']))}"
        if w.get("approved_by")
        else "approver not recorded"
    )
    parts.append(f"until {mk.value(mk.text(w['expires']))}" if w.get("expires") else "no expiry")
    return mk.span("; ".join(parts), "waiver")


def finding_parts(f: dict[str, Any], mk: Markup) -> tuple[str, list[str]]:
    """(the finding's line, the lines under it)."""
    sev = f["severity"]
    head = f"{mk.strong(mk.text(sev.upper()), f'sev-{sev}')} {mk.code(mk.text(f['rule']))}: {mk.text(f['message'])}"
    subs = []
    if f.get("chain"):
        subs.append(f"Through lineage: {chain_text(f['chain'], mk)}")
    subs.append(f"To fix: {mk.text(f['remediation'])}")
    if f.get("waived"):
        subs.append(waiver_text(f["waived"], mk))
    return head, subs


def summary_line(doc: dict[str, Any], mk: Markup) -> str:
    s, policy = doc["summary"], doc["policy"]
    verdict = "FAIL" if s["verdict"] == "fail" else "PASS"
    return (
        f"{mk.strong(verdict)} under policy {mk.value(mk.text(policy['name']))} (fails on: {mk.text(policy['fail_on'])}): "
        f"{count(s['models'], 'model')} referenced, {count(s['ancestors'], 'base model')} reached through lineage; "
        f"{count(s['errors'], 'error')}, {count(s['warnings'], 'warning')}, {s['infos']} info, {s['waived']} waived."
    )


MODELS_HEADER = ("Model", "License", "Category", "Inherited through lineage", "Verdict")


def models_rows(doc: dict[str, Any], mk: Markup) -> list[list[str]]:
    """The summary table: one row per model the repository references."""
    where_to = anchors(doc)
    rows = []
    for m in doc["models"]:
        if not m["direct"]:
            continue
        lic = m["license"]["id"] if m["license"] else None
        inherited = [e for e in bound_licenses(m) if len(e["chain"]) > 1 and e["license"] != lic]
        inh = (
            mk.cell_lines(
                [
                    f"{license_link(doc, e['license'], mk)} from {mk.text(e['model'])}"
                    for e in inherited
                ],
                ", ",
            )
            or mk.NONE
        )
        rows.append(
            [
                mk.anchor(mk.text(m["id"]), where_to[id(m)]),
                license_link(doc, lic, mk),
                mk.text(license_category(doc, lic)),
                inh,
                mk.verdict(model_verdict(doc, m)),
            ]
        )
    return rows


LICENSES_HEADER = ("License", "Category", "Commercial use", "Models bound")


def licenses_rows(doc: dict[str, Any], mk: Markup) -> list[list[str]]:
    """The licenses in use: one row per license in the report."""
    direct = [m for m in doc["models"] if m["direct"]]
    rows = []
    for lic_id in sorted(doc.get("licenses", {})):
        entry = doc["licenses"][lic_id]
        users = sorted(
            {m["id"] for m in direct for e in bound_licenses(m) if e["license"] == lic_id},
            key=str.lower,
        )
        commercial = (
            (entry.get("terms") or {}).get("commercial_use", "unknown")
            if entry.get("known")
            else "unknown"
        )
        rows.append(
            [
                license_link(doc, lic_id, mk),
                mk.text(entry.get("category")),
                mk.text(commercial),
                mk.cell_lines([mk.text(u) for u in users], ", ") or mk.NONE,
            ]
        )
    return rows


def review_groups(doc: dict[str, Any], mk: Markup) -> list[tuple[str, str, list[str]]]:
    """(title, verdict, one line per finding) for what is blocked, needs sign-off, was waived."""
    out = []
    for verdict in (BLOCKED, REVIEW, WAIVED):
        heading = VERDICT_LABELS[verdict]
        findings = [f for f in doc["findings"] if finding_verdict(doc, f) == verdict]
        lines = []
        for f in findings:
            line = f"{mk.value(mk.text(f['model'] or 'policy'))}{mk.DASH}{mk.code(mk.text(f['rule']))}: {mk.text(f['message'])}"
            if f.get("waived"):
                line += f" ({waiver_text(f['waived'], mk)})"
            lines.append(line)
        out.append((f"{heading} ({len(findings)})", verdict, lines))
    return out


def model_heading(m: dict[str, Any], mk: Markup) -> str:
    return mk.text(m["id"]) + ("" if m["direct"] else " " + mk.muted(BASE_MODEL_KIND))


def model_facts(doc: dict[str, Any], m: dict[str, Any], mk: Markup) -> list[tuple[str, str]]:
    """The facts table of one model section: (label, value) rows."""
    rows: list[tuple[str, str]] = [("Verdict", mk.verdict(model_verdict(doc, m)))]
    lic = m["license"]
    declared = license_link(doc, lic["id"], mk) if lic else "unknown"
    if lic:
        declared += f", category {mk.text(lic['category'])}, SPDX {mk.code(mk.text(lic['spdx']))}"
    fact = (m.get("provenance") or {}).get("license")
    if fact:
        declared += f"{mk.DASH}from {provenance_text(fact, mk)}"
    rows.append(("Declared license", declared))
    if m.get("license_expression"):
        rows.append(("License expression", mk.text(m["license_expression"])))
    if m.get("license_name"):
        rows.append(("Card license name", mk.text(m["license_name"])))
    if m.get("license_link"):
        rows.append(("Card license link", mk.link(m["license_link"], m["license_link"])))
    if m.get("unresolved"):
        rows.append(("Unresolved", mk.text(m["unresolved"])))
    effective = []
    for e in bound_licenses(m):
        how = (
            "own"
            if len(e["chain"]) == 1
            else f"inherited from {mk.text(e['model'])} ({chain_text(e['chain'], mk)})"
        )
        effective.append(f"{license_link(doc, e['license'], mk)}{mk.DASH}{how}")
    rows.append(("Effective licenses", mk.cell_lines(effective, "; ") or "none"))
    chain = lineage(m)
    if len(chain) > 1 or m.get("base_models"):
        text = (
            chain_text(chain, mk)
            if len(chain) > 1
            else ", ".join(mk.text(b) for b in m["base_models"])
        )
        if m.get("base_model_relation"):
            text += f" ({mk.text(m['base_model_relation'])})"
        rows.append(("Lineage", text))
    pub = m["publisher"]
    who = mk.text(pub.get("name") or pub.get("org") or "unknown")
    if pub.get("org") and pub.get("name"):
        who += f" (Hub organization {mk.text(pub['org'])})"
    rows.append(("Publisher", who))
    rows.append(("Publisher country", mk.text(pub.get("country") or "unknown")))
    if m.get("gated") is not None:
        rows.append(("Gated on the Hub", "yes" if m["gated"] else "no"))
    if m.get("eu_disallowed"):
        rows.append(("EU", "the license excludes use in the European Union for this model"))
    if m.get("modalities"):
        rows.append(("Modalities", ", ".join(mk.text(x) for x in m["modalities"])))
    revision = (
        f", revision {mk.code(mk.text(m['revision']))}"
        if m.get("revision")
        else ", revision not pinned"
    )
    rows.append(("Source", mk.text(m["source"]) + revision))
    if m.get("purl"):
        rows.append(("Package URL", mk.code(mk.text(m["purl"]))))
    return rows


def provenance_text(fact: dict[str, Any], mk: Markup) -> str:
    return mk.text(fact["source"]) + (f" ({mk.text(fact['detail'])})" if fact.get("detail") else "")


def location_item(loc: dict[str, Any], mk: Markup) -> str:
    item = mk.mono(mk.text(where(loc)))
    if loc.get("snippet"):
        item += f": {mk.code(mk.text(loc['snippet']))}"
    if loc.get("suppressed"):
        item += " " + mk.muted("(suppressed)")
    return item


def reached_through(doc: dict[str, Any], m: dict[str, Any], mk: Markup) -> str | None:
    """For a base model nothing references directly: the sentence naming the models that reach it."""
    users = [x["id"] for x in doc["models"] if x["direct"] and m["id"] in lineage(x)[1:]]
    return (
        f"Not referenced directly; reached through {', '.join(mk.text(u) for u in users)}."
        if users
        else None
    )


def obligation_line(ob: Obligation, mk: Markup) -> str:
    line = mk.text(ob.text)
    if ob.kind in ("display", "notice"):
        line += f": {mk.display(mk.text(ob.detail))}"
    elif ob.kind == "mau":
        words, css, strong = MAU_FLAGS[ob.status]
        flag = mk.strong(words, css) if strong else mk.span(words, css)
        line += f"{mk.DASH}{flag} ({mk.text(ob.detail)})"
    elif ob.detail:
        line += f" ({mk.text(ob.detail)})"
    if safe_url(ob.url):
        line += f"{mk.DASH}{mk.url(ob.url)}"
    return line


def checklist(
    doc: dict[str, Any], m: dict[str, Any], mk: Markup
) -> list[tuple[str, list[str], str]]:
    """(heading, obligation lines, what to say when there are none) per license binding the model;
    empty when no license is known (say ``NO_LICENSE``)."""
    out = []
    for eff, obs in model_obligations(doc, m):
        how = (
            "" if len(eff["chain"]) == 1 else f", inherited through {chain_text(eff['chain'], mk)}"
        )
        known = (license_entry(doc, eff["license"]) or {}).get("known")
        empty = (
            "No obligations recorded for this license."
            if known
            else "licaudit does not know this license's terms: read the license."
        )
        out.append(
            (
                f"{license_link(doc, eff['license'], mk)}{how}:",
                [obligation_line(ob, mk) for ob in obs],
                empty,
            )
        )
    return out


def dataset_items(doc: dict[str, Any], mk: Markup) -> list[str]:
    out = []
    for d in doc.get("datasets") or []:
        locs = ", ".join(mk.text(where(loc)) for loc in d["locations"])
        out.append(mk.text(d["id"]) + (f"{mk.DASH}{mk.mono(locs)}" if locs else ""))
    return out


def limit_items(doc: dict[str, Any], mk: Markup) -> list[str]:
    """What the review could not cover: run warnings, skipped files, run-time model arguments."""
    out = [f"Warning: {mk.text(w)}" for w in doc.get("warnings", [])]
    out += [
        f"Skipped {mk.mono(mk.text(s['path']))}: {mk.text(s['reason'])}"
        for s in doc.get("skipped", [])
    ]
    for u in doc.get("unresolvable", []):
        out.append(
            f"Not audited, computed at run time: {mk.mono(mk.text(where(u['location'])))} "
            f"{mk.code(mk.text(u['expression']))} ({mk.text(u['reason'])})"
        )
    return out


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, (list, tuple)):
        return ", ".join(_value(x) for x in v)
    return str(v)


def reproducibility_items(doc: dict[str, Any], mk: Markup) -> list[str]:
    policy = doc["policy"]
    out = [
        f"Tool: {mk.text(doc['tool']['name'])} {mk.text(doc['tool']['version'])} (report schema {mk.text(doc['schema_version'])})",
        f"Scanned root: {mk.mono(mk.text(doc['root']))}",
        f"Policy: {mk.value(mk.text(policy['name']))} from {mk.mono(mk.text(policy['source']))}, fails on {mk.text(policy['fail_on'])}",
    ]
    org = policy.get("organization") or {}
    if org:
        out.append(
            "Organization: "
            + ", ".join(f"{mk.text(k)} = {mk.text(_value(v))}" for k, v in sorted(org.items()))
        )
    out.append(
        f"Lockfile: {mk.mono(mk.text(doc['lockfile'])) if doc.get('lockfile') else 'none (resolved without a lockfile)'}"
    )
    return out


REPRODUCIBILITY_HEADER = ("Model", "Source", "Revision", "License from")


def reproducibility_rows(doc: dict[str, Any], mk: Markup) -> list[list[str]]:
    rows = []
    for m in doc["models"]:
        prov = m.get("provenance") or {}
        src = (
            provenance_text(prov["license"], mk)
            if prov.get("license")
            else mk.text(m.get("license_provenance") or "—")
        )
        rev = mk.code(mk.text(m["revision"])) if m.get("revision") else "not pinned"
        if m.get("revision") and prov.get("revision"):
            rev += f" (from {mk.text(prov['revision']['source'])})"
        rows.append([mk.text(m["id"]), mk.text(m["source"]), rev, src])
    return rows
