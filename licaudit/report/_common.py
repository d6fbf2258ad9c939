"""What the human-facing formats (text, markdown, html, notice, github) share.

Everything here reads the JSON report document only (``contract.Report``) — never the scanner
or the knowledge base — so a saved report renders exactly as the scan did. The helpers in the
first part return plain data: nothing they return is safe to paste into markup as is. The legal
review builders at the end (Markdown and HTML share them) decide the report's content and write
it through an ``Inline`` the format supplies, whose markup type escapes every raw value: what
they return is markup of that format.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import field
from typing import Any
from urllib.parse import quote, urlsplit

from ..licensing.obligations import (
    Attribution,
    Cap,
    CommercialUse,
    Display,
    Geographic,
    Hosting,
    LicenseCopy,
    ModificationNotice,
    Naming,
    NoEndorsement,
    Notice,
    Obligation,
    OutputRestriction,
    ProhibitedUses,
    ResearchScope,
    UsePolicy,
    UserLimit,
    obligations,
)
from ..model import SEVERITY_RANK
from ..recordtype import dataclass
from ..scrub import one_line as one_line  # the formats' one scrub (``c.one_line``)
from .contract import (
    EffectiveLicenseEntry,
    FactEntry,
    FindingEntry,
    LicenseEntry,
    LocationEntry,
    ModelEntry,
    Report,
    Summary,
    WaiverEntry,
)

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


def where(loc: LocationEntry, column: bool = False) -> str:
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


def active(finding: FindingEntry) -> bool:
    return not finding.get("waived")


def blocking_rank(doc: Report) -> int:
    """The lowest severity rank that fails the policy (errors always block a model)."""
    fail_on = doc["policy"].get("fail_on", "error")
    return SEVERITY_RANK.get(fail_on, SEVERITY_RANK["error"])


def findings_for(doc: Report, model_id: str | None) -> list[FindingEntry]:
    return [f for f in doc["findings"] if f["model"] == model_id]


def finding_verdict(doc: Report, finding: FindingEntry) -> str | None:
    """What one finding asks of the review: BLOCKED (it fails the policy; errors always do),
    REVIEW (a warning below the policy's threshold), WAIVED, or None (an info that does not block)."""
    if not active(finding):
        return WAIVED
    if SEVERITY_RANK[finding["severity"]] >= min(blocking_rank(doc), SEVERITY_RANK["error"]):
        return BLOCKED
    return REVIEW if finding["severity"] != "info" else None


def model_verdict(doc: Report, model: ModelEntry) -> str:
    if model.get("suppressed"):
        return SUPPRESSED
    mine = findings_for(doc, model["id"])
    if not model.get("direct", True) and not mine:
        return BASE
    verdicts = {finding_verdict(doc, f) for f in mine}
    return next((v for v in (BLOCKED, REVIEW, WAIVED) if v in verdicts), OK)


def license_entry(doc: Report, lic_id: str | None) -> LicenseEntry | None:
    if not lic_id:
        return None
    return doc.get("licenses", {}).get(lic_id)


def license_name(doc: Report, lic_id: str | None) -> str:
    entry = license_entry(doc, lic_id)
    if entry:
        return entry.get("name") or lic_id or "unknown"
    return lic_id or "unknown"


def license_category(doc: Report, lic_id: str | None) -> str:
    entry = license_entry(doc, lic_id)
    return (entry or {}).get("category") or "unknown"


def bound_licenses(model: ModelEntry) -> list[EffectiveLicenseEntry]:
    """The model's effective licenses, one per license id (the shortest chain wins), own first."""
    best: dict[str | None, EffectiveLicenseEntry] = {}
    for eff in model.get("effective_licenses", []):
        key = eff["license"]
        if key not in best or len(eff["chain"]) < len(best[key]["chain"]):
            best[key] = eff
    return sorted(best.values(), key=lambda e: (len(e["chain"]), e["license"] or "", e["model"]))


def lineage(model: ModelEntry) -> list[str]:
    """The longest lineage chain the model's effective licenses walk (model -> base -> ...)."""
    chains = [e["chain"] for e in model.get("effective_licenses", [])]
    longest = max(chains, key=len, default=[model["id"]])
    return list(longest) if len(longest) > 1 else [model["id"]]


def license_obligations(doc: Report, lic_id: str | None) -> tuple[Obligation, ...]:
    """What one license of the report asks (``licensing.obligations`` over the terms the
    document carries, under the report's organization); nothing for an unknown license."""
    entry = license_entry(doc, lic_id)
    if not entry or not entry.get("known"):
        return ()
    return obligations(entry.get("terms") or {}, doc["policy"].get("organization") or {})


def model_obligations(
    doc: Report, model: ModelEntry
) -> list[tuple[EffectiveLicenseEntry, tuple[Obligation, ...]]]:
    """(effective license, its obligations) for every license that binds the model, own first."""
    return [
        (eff, license_obligations(doc, eff["license"]))
        for eff in bound_licenses(model)
        if eff["license"]
    ]


@dataclass
class NoticeGroup:
    license: str
    entry: LicenseEntry | None
    uses: list[tuple[str, tuple[str, ...]]] = field(
        default_factory=list
    )  # (model id, chain when inherited)


def notice_groups(doc: Report) -> tuple[list[NoticeGroup], list[str]]:
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


def iter_findings(doc: Report, severity: str) -> Iterator[FindingEntry]:
    return (f for f in doc["findings"] if f["severity"] == severity)


def count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def unseen(summary: Summary) -> list[str]:
    """What the audit could not see, as parts of a summary line: files skipped, lineages cut,
    models the Hub did not answer for. Only the counts that are not zero, unless the run is
    strict (it fails on any of them, so it says each, zero included)."""
    strict = summary.get("strict", False)
    parts = []
    for key, word, plural, tail in (
        ("skipped", "file", None, "skipped"),
        ("lineage_cut", "lineage", None, "cut"),
        ("unanswered", "model", None, "not answered by the Hub"),
    ):
        n = summary.get(key, 0)
        if n or strict:
            parts.append(f"{count(n, word, plural)} {tail}")
    return parts


# --- the legal review report (markdown, html): what it says, once --------------------------------
#
# The builders below decide the content of the review report: which rows and facts, in which
# order, in which words. They write through an ``Inline`` — a handful of inline constructs each
# format implements once (``markdown.MarkdownInline``, ``html.HtmlInline``) — and return markup
# of that format, or lists of it; each format only lays it out as headings, lists and tables.
#
# Escaping is by type, not by discipline. ``Inline.markup`` is the format's safe-string type, a
# ``markupsafe.Markup`` whose ``escape`` is the format's (``html.Html``, ``markdown.Md``); the
# builders compose only through ``fmt``, ``join`` and the wrappers, which escape every argument
# that is not already of that type. A value from a repository, a model card or a policy file
# passed anywhere is escaped once; markup built from escaped pieces is never escaped again.

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


class Inline:
    """Inline markup of one format. This base is plain text (``markup`` is ``str``, nothing is
    escaped): the formats that escape on their own terms (terminal, GitHub, SARIF) use it for
    the descriptions they share. Every method takes raw values or markup of the format."""

    markup: type[str] = str  # the format's safe-string type
    DASH = " — "  # between a thing and what is said about it
    ARROW = " → "  # between the steps of a lineage chain
    NONE = "—"  # an empty table cell

    def fmt(self, template: str, /, *args: Any, **kwargs: Any) -> str:
        """``template`` (trusted markup) with every argument escaped unless it is markup."""
        return self.markup(template).format(*args, **kwargs)

    def join(self, sep: str, items: Iterable[Any]) -> str:
        return self.markup(sep).join(self.text(x) for x in items)

    def text(self, value: Any) -> str:
        """A raw value as markup of the format."""
        return "" if value is None else str(value)

    def link(self, text: Any, url: Any) -> str:
        return self.text(text)

    def url(self, url: Any) -> str:
        """A bare URL shown as itself (the caller checked it with ``safe_url``)."""
        return self.text(url)

    def anchor(self, text: Any, anchor: str) -> str:
        return self.text(text)

    def code(self, text: Any) -> str:
        return self.text(text)

    def mono(self, text: Any) -> str:
        return self.text(text)

    def strong(self, text: Any, css: str = "") -> str:
        return self.text(text)

    def span(self, text: Any, css: str) -> str:
        return self.text(text)

    def value(self, text: Any) -> str:
        """A value the reader looks for (a policy, an approver, a model)."""
        return self.text(text)

    def muted(self, text: Any) -> str:
        return self.text(text)

    def display(self, text: Any) -> str:
        """Text a license requires to be displayed or shipped as is."""
        return self.text(text)

    def verdict(self, verdict: str) -> str:
        return self.text(VERDICT_LABELS[verdict])

    def cell_lines(self, items: list[Any], sep: str) -> str:
        """Several items in one table cell."""
        return self.join(sep, items)


PLAIN = Inline()


def anchors(doc: Report) -> dict[int, str]:
    """The in-page anchor of each model section, by the model dict's identity."""
    return {id(m): f"model-{i}" for i, m in enumerate(doc["models"], 1)}


def title(doc: Report, mk: Inline) -> str:
    if doc.get("project"):
        return mk.fmt("{}: {}", mk.markup(TITLE), doc["project"])
    return mk.markup(TITLE)


def intro(doc: Report, mk: Inline) -> str:
    return mk.fmt(INTRO, version=doc["tool"]["version"])


def license_link(doc: Report, lic_id: str | None, mk: Inline) -> str:
    if not lic_id:
        return mk.markup("unknown")
    name = license_name(doc, lic_id)
    label = mk.link(name, (license_entry(doc, lic_id) or {}).get("url"))
    if name != lic_id:
        label = mk.fmt("{} {}", label, mk.muted(mk.fmt("({})", lic_id)))
    return label


def chain_text(chain: list[str] | tuple[str, ...], mk: Inline) -> str:
    return mk.join(mk.ARROW, chain)


def waiver_description(w: WaiverEntry, mk: Inline = PLAIN) -> str:
    """The one description of a waiver, in every format: why, who approved it, until when
    (``Legal reviewed it; approved by Jane Doe; until 2099-12-31``; a missing approver or expiry
    is said, not left out). Plain text unless ``mk`` marks it up."""
    return mk.join(
        "; ",
        [
            mk.text(w["reason"]),
            mk.fmt("approved by {}", mk.value(w["approved_by"]))
            if w.get("approved_by")
            else mk.markup("approver not recorded"),
            mk.fmt("until {}", mk.value(w["expires"]))
            if w.get("expires")
            else mk.markup("no expiry"),
        ],
    )


def waiver_text(w: WaiverEntry, mk: Inline) -> str:
    return mk.span(mk.fmt("waived: {}", waiver_description(w, mk)), "waiver")


def finding_parts(f: FindingEntry, mk: Inline) -> tuple[str, list[str]]:
    """(the finding's line, the lines under it)."""
    sev = f["severity"]
    head = mk.fmt(
        "{} {}: {}", mk.strong(sev.upper(), f"sev-{sev}"), mk.code(f["rule"]), f["message"]
    )
    subs = []
    if f.get("chain"):
        subs.append(mk.fmt("Through lineage: {}", chain_text(f["chain"], mk)))
    subs.append(mk.fmt("To fix: {}", f["remediation"]))
    if f.get("waived"):
        subs.append(waiver_text(f["waived"], mk))
    return head, subs


def summary_line(doc: Report, mk: Inline) -> str:
    s, policy = doc["summary"], doc["policy"]
    line = mk.fmt(
        "{} under policy {} (fails on: {}{}): {} referenced, {} reached through lineage; "
        "{}, {}, {} info, {} waived.",
        mk.strong("FAIL" if s["verdict"] == "fail" else "PASS"),
        mk.value(policy["name"]),
        policy["fail_on"],
        ", strict" if s.get("strict") else "",
        count(s["models"], "model"),
        count(s["ancestors"], "base model"),
        count(s["errors"], "error"),
        count(s["warnings"], "warning"),
        s["infos"],
        s["waived"],
    )
    if s.get("suppressed"):
        line = mk.fmt("{} {} in the code.", line, count(s["suppressed"], "model") + " suppressed")
    baseline = doc.get("baseline")
    if baseline:
        line = mk.fmt(
            "{} Against the baseline: {}, which alone decide the verdict; {} unchanged, {} gone.",
            line,
            count(baseline["new"], "new finding"),
            baseline["unchanged"],
            baseline["absent"],
        )
    parts = unseen(s)
    return mk.fmt("{} Coverage: {}.", line, "; ".join(parts)) if parts else line


MODELS_HEADER = ("Model", "License", "Category", "Inherited through lineage", "Verdict")


def models_rows(doc: Report, mk: Inline) -> list[list[str]]:
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
                    mk.fmt("{} from {}", license_link(doc, e["license"], mk), e["model"])
                    for e in inherited
                ],
                ", ",
            )
            or mk.NONE
        )
        rows.append(
            [
                mk.anchor(m["id"], where_to[id(m)]),
                license_link(doc, lic, mk),
                mk.text(license_category(doc, lic)),
                inh,
                mk.verdict(model_verdict(doc, m)),
            ]
        )
    return rows


LICENSES_HEADER = ("License", "Category", "Commercial use", "Models bound")


def licenses_rows(doc: Report, mk: Inline) -> list[list[str]]:
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
                mk.cell_lines(users, ", ") or mk.NONE,
            ]
        )
    return rows


def review_groups(doc: Report, mk: Inline) -> list[tuple[str, str, list[str]]]:
    """(title, verdict, one line per finding) for what is blocked, needs sign-off, was waived."""
    out = []
    for verdict in (BLOCKED, REVIEW, WAIVED):
        findings = [f for f in doc["findings"] if finding_verdict(doc, f) == verdict]
        lines = []
        for f in findings:
            line = mk.fmt(
                "{}{}{}: {}",
                mk.value(f["model"] or "policy"),
                mk.DASH,
                mk.code(f["rule"]),
                f["message"],
            )
            if f.get("waived"):
                line = mk.fmt("{} ({})", line, waiver_text(f["waived"], mk))
            if f.get("baseline_state") == "unchanged":
                line = mk.fmt("{} {}", line, mk.muted("(already in the baseline)"))
            lines.append(line)
        out.append((mk.fmt("{} ({})", VERDICT_LABELS[verdict], len(findings)), verdict, lines))
    return out


SUPPRESSED_HEADING = "Suppressed in the code"
NO_REASON = "no reason given"


def suppressions(doc: Report) -> list[tuple[ModelEntry, LocationEntry]]:
    """(model, location) for every reference a ``licaudit: ignore`` marker suppresses."""
    return [
        (m, loc)
        for m in doc["models"]
        if m["direct"]
        for loc in m["locations"]
        if loc["suppressed"]
    ]


def suppressed_items(doc: Report, mk: Inline) -> list[str]:
    """One line per suppressed reference: the model, where, and the marker's reason; a model the
    policy refused to let the code suppress says so."""
    out = []
    for m, loc in suppressions(doc):
        reason = loc.get("suppression_reason")
        line = mk.fmt(
            "{}{}{}{}{}",
            mk.value(m["id"]),
            mk.DASH,
            mk.mono(where(loc)),
            mk.DASH,
            mk.fmt("reason: {}", reason) if reason else mk.strong(NO_REASON, "sev-warning"),
        )
        if not m["suppressed"]:
            line = mk.fmt("{} {}", line, mk.muted("(not honoured: the policy audits the model)"))
        out.append(line)
    return out


def model_heading(m: ModelEntry, mk: Inline) -> str:
    if m["direct"]:
        return mk.text(m["id"])
    return mk.fmt("{} {}", m["id"], mk.muted(BASE_MODEL_KIND))


def model_facts(doc: Report, m: ModelEntry, mk: Inline) -> list[tuple[str, str]]:
    """The facts table of one model section: (label, value) rows."""
    rows: list[tuple[str, str]] = [("Verdict", mk.verdict(model_verdict(doc, m)))]
    lic = m["license"]
    declared = license_link(doc, lic["id"] if lic else None, mk)
    if lic:
        declared = mk.fmt(
            "{}, category {}, SPDX {}", declared, lic["category"], mk.code(lic["spdx"])
        )
    fact = (m.get("provenance") or {}).get("license")
    if fact:
        declared = mk.fmt("{}{}from {}", declared, mk.DASH, provenance_text(fact, mk))
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
            mk.markup("own")
            if len(e["chain"]) == 1
            else mk.fmt("inherited from {} ({})", e["model"], chain_text(e["chain"], mk))
        )
        effective.append(mk.fmt("{}{}{}", license_link(doc, e["license"], mk), mk.DASH, how))
    rows.append(("Effective licenses", mk.cell_lines(effective, "; ") or mk.markup("none")))
    chain = lineage(m)
    if len(chain) > 1 or m.get("base_models"):
        text = chain_text(chain, mk) if len(chain) > 1 else mk.join(", ", m["base_models"])
        if m.get("base_model_relation"):
            text = mk.fmt("{} ({})", text, m["base_model_relation"])
        rows.append(("Lineage", text))
    pub = m["publisher"]
    who = mk.text(pub.get("name") or pub.get("org") or "unknown")
    if pub.get("org") and pub.get("name"):
        who = mk.fmt("{} (Hub organization {})", who, pub["org"])
    rows.append(("Publisher", who))
    rows.append(("Publisher country", mk.text(pub.get("country") or "unknown")))
    if m.get("gated") is not None:
        rows.append(("Gated on the Hub", mk.markup("yes" if m["gated"] else "no")))
    if m.get("eu_disallowed"):
        rows.append(
            ("EU", mk.markup("the license excludes use in the European Union for this model"))
        )
    if m.get("modalities"):
        rows.append(("Modalities", mk.join(", ", m["modalities"])))
    revision = (
        mk.fmt(", revision {}", mk.code(m["revision"]))
        if m.get("revision")
        else mk.markup(", revision not pinned")
    )
    rows.append(("Source", mk.fmt("{}{}", m["source"], revision)))
    if m.get("purl"):
        rows.append(("Package URL", mk.code(m["purl"])))
    return rows


def provenance_text(fact: FactEntry, mk: Inline) -> str:
    text = (
        mk.fmt("{} ({})", fact["source"], fact["detail"])
        if fact.get("detail")
        else mk.text(fact["source"])
    )
    if fact.get("verified"):
        text = mk.fmt("{}, verified: {}", text, fact["verified"])
    if fact.get("note"):
        text = mk.fmt("{}. {}", text, fact["note"])
    return text


def location_item(loc: LocationEntry, mk: Inline) -> str:
    item = mk.mono(where(loc))
    if loc.get("snippet"):
        item = mk.fmt("{}: {}", item, mk.code(loc["snippet"]))
    if loc.get("suppressed"):
        reason = loc.get("suppression_reason")
        note = mk.fmt("(suppressed: {})", reason) if reason else mk.markup("(suppressed)")
        item = mk.fmt("{} {}", item, mk.muted(note))
    return item


def reached_through(doc: Report, m: ModelEntry, mk: Inline) -> str | None:
    """For a base model nothing references directly: the sentence naming the models that reach it."""
    users = [x["id"] for x in doc["models"] if x["direct"] and m["id"] in lineage(x)[1:]]
    if not users:
        return None
    return mk.fmt("Not referenced directly; reached through {}.", mk.join(", ", users))


def obligation_line(doc: Report, lic_id: str, ob: Obligation, mk: Inline) -> str:
    """One checklist line of the legal review."""
    entry = license_entry(doc, lic_id) or {}
    url = None
    match ob:
        case Display():
            line = mk.fmt(
                "Display this attribution prominently (website, user interface, documentation)"
                + (", {}" if ob.when else "{}")
                + ": {}",
                ob.when,
                mk.display(ob.text),
            )
        case ModificationNotice():
            line = mk.text(
                "Modified files and derivatives must carry prominent notices of the change"
            )
        case NoEndorsement():
            licensor = (entry.get("licensor") or {}).get("name") or "the licensor"
            line = mk.text(f"Do not imply endorsement by {licensor}")
        case ProhibitedUses():
            line = mk.text("Never use the model for: " + "; ".join(ob.uses))
        case ResearchScope():
            line = mk.text(f"Research as the license defines it: {ob.text}")
        case Cap():
            above = "a duty applies" if ob.duty else "the license grants no rights"
            line = mk.text(f"Stay within the threshold of {ob.text} (above it {above}: {ob.above})")
        case Naming():
            line = mk.text(ob.rule)
            if ob.prefix:
                line = mk.fmt("{} ({})", line, f"required name prefix: {ob.prefix}")
        case LicenseCopy():
            line = mk.text(
                f"Give a copy of the {entry.get('name') or lic_id} with any redistribution"
            )
            url = entry.get("url")
        case Notice():
            line = mk.fmt("Ship a notice file containing this text: {}", mk.display(ob.text))
        case UsePolicy():
            line = mk.text(
                f"Follow {ob.name}"
                + (" and pass it on to your users as an enforceable term" if ob.pass_on else "")
            )
            url = ob.url
        case Attribution():
            line = mk.text(ob.text)
        case CommercialUse():
            line = mk.text(f"Commercial use is {ob.use}")
            if ob.note:
                line = mk.fmt("{} ({})", line, ob.note)
        case UserLimit():
            words, css, strong = MAU_FLAGS[ob.status]
            flag = mk.strong(words, css) if strong else mk.span(words, css)
            line = mk.fmt(
                "Stay within the monthly active users limit{}{} ({})",
                mk.DASH,
                flag,
                _mau_detail(ob),
            )
        case Hosting():
            line = mk.markup("Offering the model as a hosted service may need a separate license")
        case Geographic():
            text = f"{ob.region}: {ob.description}"
            if ob.modalities:
                text += f" (applies to {', '.join(ob.modalities)} models)"
            line = mk.text(text)
            if ob.exempt:
                line = mk.fmt("{} ({})", line, ob.exempt)
        case OutputRestriction():
            line = mk.text(ob.text)
    if safe_url(url):
        line = mk.fmt("{}{}{}", line, mk.DASH, mk.url(url))
    return line


def _mau_detail(ob: UserLimit) -> str:
    limit = f"limit {ob.threshold:,}"
    if ob.organization is None:
        return f"{limit}; the policy does not state the organization's figure (organization.monthly_active_users)"
    detail = f"{limit}; the organization reports {ob.organization:,}"
    if ob.status == "above" and ob.above:
        detail += f": {ob.above}"
    return detail


def checklist(doc: Report, m: ModelEntry, mk: Inline) -> list[tuple[str, list[str], str]]:
    """(heading, obligation lines, what to say when there are none) per license binding the model;
    empty when no license is known (say ``NO_LICENSE``)."""
    out = []
    for eff, obs in model_obligations(doc, m):
        how = (
            mk.markup("")
            if len(eff["chain"]) == 1
            else mk.fmt(", inherited through {}", chain_text(eff["chain"], mk))
        )
        known = (license_entry(doc, eff["license"]) or {}).get("known")
        empty = mk.markup(
            "No obligations recorded for this license."
            if known
            else "licaudit does not know this license's terms: read the license."
        )
        out.append(
            (
                mk.fmt("{}{}:", license_link(doc, eff["license"], mk), how),
                [obligation_line(doc, eff["license"], ob, mk) for ob in obs],
                empty,
            )
        )
    return out


def dataset_items(doc: Report, mk: Inline) -> list[str]:
    out = []
    for d in doc.get("datasets") or []:
        locs = mk.join(", ", [where(loc) for loc in d["locations"]])
        out.append(mk.fmt("{}{}{}", d["id"], mk.DASH, mk.mono(locs)) if locs else mk.text(d["id"]))
    return out


def hosted_items(doc: Report, mk: Inline) -> list[str]:
    out = []
    for h in doc.get("hosted_models") or []:
        name = mk.fmt("{} ({})", h["id"], h["provider"]) if h.get("provider") else mk.text(h["id"])
        locs = mk.join(", ", [where(loc) for loc in h["locations"]])
        out.append(mk.fmt("{}{}{}", name, mk.DASH, mk.mono(locs)) if locs else name)
    return out


def limit_items(doc: Report, mk: Inline) -> list[str]:
    """What the review could not cover: run warnings, skipped files, run-time model arguments."""
    out = [mk.fmt("Warning: {}", w) for w in doc.get("warnings", [])]
    out += [
        mk.fmt("Skipped {}: {}", mk.mono(s["path"]), s["reason"]) for s in doc.get("skipped", [])
    ]
    for u in doc.get("unresolvable", []):
        out.append(
            mk.fmt(
                "Not audited, computed at run time: {} {} ({})",
                mk.mono(where(u["location"])),
                mk.code(u["expression"]),
                u["reason"],
            )
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


def short(sha: str | None, n: int = 12) -> str:
    return (sha or "")[:n]


REVIEW_HEADING = "What was reviewed"
DATE_SOURCES = {"SOURCE_DATE_EPOCH": "from SOURCE_DATE_EPOCH", "commit": "the commit's date"}


def reviewed_subject(doc: Report) -> str | None:
    """What the review covers in a few words (``https://… at 1a2b3c4d5e6f``), for a header;
    None when models were named without a repository."""
    review = doc.get("review")
    if review is None:
        return doc.get("root")
    if review["kind"] == "models":
        return None
    where = review.get("repository") or doc["root"]
    if review.get("path") not in (None, "."):
        where += f" ({review['path']})"
    if review.get("commit"):
        where += f" at {short(review['commit'])}"
        if review.get("dirty"):
            where += " with uncommitted changes"
    elif review["kind"] == "repository":
        where += " (no commit)" if review.get("path") else " (not a git repository)"
    return where


def review_facts(doc: Report, mk: Inline) -> list[tuple[str, str]]:
    """(label, value) rows naming what the review covers: repository, commit and state, date,
    licaudit version, policy and knowledge base with their SHA-256 — what a sign-off cites."""
    review = doc.get("review")
    policy, tool = doc["policy"], doc["tool"]
    rows: list[tuple[str, str]] = []
    if review is None:  # a report saved before the review identity existed
        rows.append(("Scanned root", mk.mono(doc["root"])))
    elif review["kind"] == "models":
        rows.append(("Repository", mk.markup("none: models named on the command line")))
    else:
        label = "Model cache" if review["kind"] == "cache" else "Repository"
        where = mk.value(review.get("repository") or doc["root"])
        if review.get("path") not in (None, "."):
            where = mk.fmt("{}, folder {}", where, mk.mono(review["path"]))
        rows.append((label, where))
        if review["kind"] == "repository":
            if review.get("commit"):
                state = (
                    "with uncommitted changes: the review covers the working tree, not only the commit"
                    if review.get("dirty")
                    else "working tree clean"
                )
                commit = mk.fmt("{} ({})", mk.code(review["commit"]), state)
            elif review.get("path"):
                commit = mk.markup("none yet: the repository has no commit")
            else:
                commit = mk.markup("none: not a git repository")
            rows.append(("Commit", commit))
    if review is not None:
        date = (
            mk.fmt("{} ({})", review["date"], DATE_SOURCES.get(review.get("date_source"), ""))
            if review.get("date")
            else mk.markup("not recorded (no commit, and SOURCE_DATE_EPOCH is not set)")
        )
        rows.append(("Date", date))
    rows.append(
        ("licaudit", mk.fmt("{} (report schema {})", tool["version"], doc["schema_version"]))
    )
    pol = mk.fmt("{} ({})", mk.value(policy["name"]), mk.mono(policy["source"]))
    if policy.get("sha256"):
        pol = mk.fmt("{}, SHA-256 {}", pol, mk.code(policy["sha256"]))
    rows.append(("Policy", pol))
    if review is not None:
        rows.append(
            (
                "Knowledge base and catalog",
                mk.fmt("SHA-256 {}", mk.code(review["knowledge_sha256"])),
            )
        )
    return rows


def reproducibility_items(doc: Report, mk: Inline) -> list[str]:
    policy = doc["policy"]
    out = [
        mk.fmt(
            "Policy: {} from {}, fails on {}",
            mk.value(policy["name"]),
            mk.mono(policy["source"]),
            policy["fail_on"],
        ),
    ]
    org = policy.get("organization") or {}
    if org:
        facts = [mk.fmt("{} = {}", k, _value(v)) for k, v in sorted(org.items())]
        out.append(mk.fmt("Organization: {}", mk.join(", ", facts)))
    lockfile = (
        mk.mono(doc["lockfile"])
        if doc.get("lockfile")
        else mk.markup("none (resolved without a lockfile)")
    )
    out.append(mk.fmt("Lockfile: {}", lockfile))
    return out


REPRODUCIBILITY_HEADER = ("Model", "Source", "Revision", "License from")


def reproducibility_rows(doc: Report, mk: Inline) -> list[list[str]]:
    rows = []
    for m in doc["models"]:
        prov = m.get("provenance") or {}
        src = (
            provenance_text(prov["license"], mk)
            if prov.get("license")
            else mk.text(m.get("license_provenance") or "—")
        )
        rev = mk.code(m["revision"]) if m.get("revision") else mk.markup("not pinned")
        if m.get("revision") and prov.get("revision"):
            rev = mk.fmt("{} (from {})", rev, prov["revision"]["source"])
        rows.append([mk.text(m["id"]), mk.text(m["source"]), rev, src])
    return rows
