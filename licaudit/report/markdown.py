"""The legal review report as Markdown (GitHub-flavoured: tables, task lists).

A summary first (what models, which licenses, what is blocked, what needs sign-off, what was
waived), then one section per model (declared and effective licenses with links, lineage,
publisher and country, where it is used, the obligations checklist, findings and waivers), then
what makes the review reproducible (policy, tool version, lockfile and revisions).

Escaping is by type (``Md``): every value that comes from a repository, a model card or a policy
file is escaped by ``md_escape`` (one line, Markdown and HTML metacharacters neutralised) when it
meets markup, and every link goes through ``_common.safe_url`` (http/https only), so a model card
cannot inject markup or script.
"""

from __future__ import annotations

import re
from typing import Any

import markupsafe

from . import _common as c
from .contract import FindingEntry, ModelEntry, Report

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


class Md(markupsafe.Markup):
    """Markdown that is safe as it is: markupsafe's composition (``format``, ``join``, ``+``
    escape every value that is not already ``Md``) with ``md_escape`` as the escape. It is
    Markdown for the Markdown formats, never pasted into HTML."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Md:
        return cls(s) if hasattr(s, "__html__") else cls(md_escape(s))


def md_link(text: Any, url: Any) -> Md:
    safe = c.safe_url(url)
    return Md("[{}]({})").format(text, Md(safe)) if safe else Md.escape(text)


def md_autolink(url: Any) -> Md:
    """An http(s) URL as a CommonMark autolink (readable as is in the raw file), else nothing."""
    safe = c.safe_url(url)
    return Md("<{}>").format(Md(safe)) if safe else Md()


class MarkdownInline(c.Inline):
    """Inline Markdown. Values stay plain where HTML would style them (code, monospace, muted,
    highlighted values): the raw file should read as well as the rendered one."""

    markup = Md
    DASH = Md(" — ")
    ARROW = Md(" → ")
    NONE = Md("—")

    def text(self, value: Any) -> Md:
        return Md.escape(value)

    def link(self, text: Any, url: Any) -> Md:
        return md_link(text, url)

    def url(self, url: Any) -> Md:
        return md_autolink(url)

    def anchor(self, text: Any, anchor: str) -> Md:
        return Md("[{}](#{})").format(text, Md(anchor))

    def strong(self, text: Any, css: str = "") -> Md:
        return Md("**{}**").format(text)

    def display(self, text: Any) -> Md:
        return Md("**{}**").format(text)


MD = MarkdownInline()


class _StandaloneInline(MarkdownInline):
    """Markdown for a page without the model sections: model names are not links."""

    def anchor(self, text: Any, anchor: str) -> Md:
        return self.text(text)


STANDALONE = _StandaloneInline()


def _table(header: tuple[str, ...], rows: list[list[str]], out: list[str]) -> None:
    out.append("| " + " | ".join(header) + " |")
    out.append("| " + " | ".join("---" for _ in header) + " |")
    out.extend(f"| {' | '.join(row)} |" for row in rows)
    out.append("")


def _bullets(items: list[str], out: list[str]) -> None:
    out.extend(f"- {item}" for item in items)
    out.append("")


def _findings(findings: list[FindingEntry], out: list[str]) -> None:
    for f in findings:
        head, subs = c.finding_parts(f, MD)
        out.append(f"- {head}")
        out.extend(f"  - {sub}" for sub in subs)


def _summary(doc: Report, out: list[str], mk: MarkdownInline = MD) -> None:
    out += ["## Summary", "", c.summary_line(doc, mk), ""]
    rows = c.models_rows(doc, mk)
    if rows:
        _table(c.MODELS_HEADER, rows, out)
    else:
        out += [c.NO_MODELS, ""]
    rows = c.licenses_rows(doc, mk)
    if rows:
        out += ["### Licenses in use", ""]
        _table(c.LICENSES_HEADER, rows, out)
    for heading, _verdict, lines in c.review_groups(doc, mk):
        out += [f"### {heading}", ""]
        if not lines:
            out.append(c.NONE)
        _bullets(lines, out)
    suppressed = c.suppressed_items(doc, mk)
    if suppressed:
        out += [f"### {c.SUPPRESSED_HEADING} ({len(suppressed)})", ""]
        _bullets(suppressed, out)


def _model(doc: Report, m: ModelEntry, anchor: str, out: list[str]) -> None:
    out += [f'<a id="{anchor}"></a>', "", f"### {c.model_heading(m, MD)}", ""]
    out += ["| | |", "| --- | --- |"]
    out.extend(f"| {k} | {v} |" for k, v in c.model_facts(doc, m, MD))
    out.append("")
    if m["locations"]:
        out += ["**Where it is used**", ""]
        _bullets([c.location_item(loc, MD) for loc in m["locations"]], out)
    elif not m["direct"]:
        sentence = c.reached_through(doc, m, MD)
        if sentence:
            out += [sentence, ""]
    if m.get("notes"):
        out += ["**Notes**", ""]
        _bullets([MD.text(n) for n in m["notes"]], out)
    out += ["**Obligations checklist**", ""]
    groups = c.checklist(doc, m, MD)
    if not groups:
        out += [c.NO_LICENSE, ""]
    for heading, lines, empty in groups:
        out += [f"*{heading}*", ""]
        if not lines:
            out.append(f"- {empty}")
        out.extend(f"- [ ] {line}" for line in lines)
        out.append("")
    findings = c.findings_for(doc, m["id"])
    out += ["**Findings**", ""]
    if not findings:
        out.append(c.NONE)
    _findings(findings, out)
    out.append("")


def _identity(doc: Report, out: list[str]) -> None:
    out += [f"## {c.REVIEW_HEADING}", "", "| | |", "| --- | --- |"]
    out.extend(f"| {k} | {v} |" for k, v in c.review_facts(doc, MD))
    out.append("")


class SummaryFormat:
    """The verdict as a short Markdown page: what was reviewed, the verdict banner and table,
    what is blocked, needs sign-off or was waived (a CI job summary, a pull request comment)."""

    name = "summary"
    filename = "licaudit-summary.md"

    def render(self, doc: Report, /, *, color: bool = False, quiet: bool = False) -> str:
        out: list[str] = [f"# {c.title(doc, MD)}", ""]
        _summary(doc, out, STANDALONE)
        _identity(doc, out)
        return "\n".join(out).rstrip("\n") + "\n"


class MarkdownFormat:
    """The legal review report as Markdown."""

    name = "markdown"
    filename = "licaudit-review.md"

    def render(self, doc: Report, /, *, color: bool = False, quiet: bool = False) -> str:
        out: list[str] = [f"# {c.title(doc, MD)}", "", c.intro(doc, MD), ""]
        _identity(doc, out)
        _summary(doc, out)
        out += ["## Models", ""]
        if not doc["models"]:
            out += [c.NONE, ""]
        anchors = c.anchors(doc)
        for m in doc["models"]:
            _model(doc, m, anchors[id(m)], out)
        general = c.findings_for(doc, None)
        if general:
            out += ["## Policy findings", ""]
            _findings(general, out)
            out.append("")
        if doc.get("datasets"):
            out += ["## Datasets (not audited as models)", ""]
            _bullets(c.dataset_items(doc, MD), out)
        if doc.get("hosted_models"):
            out += ["## Hosted API models (no open-weight license; the provider's terms apply)", ""]
            _bullets(c.hosted_items(doc, MD), out)
        limits = c.limit_items(doc, MD)
        if limits:
            out += ["## Limits of this review", ""]
            _bullets(limits, out)
        out += ["## Reproducibility", ""]
        _bullets(c.reproducibility_items(doc, MD), out)
        if doc["models"]:
            _table(c.REPRODUCIBILITY_HEADER, c.reproducibility_rows(doc, MD), out)
        return "\n".join(out).rstrip("\n") + "\n"
