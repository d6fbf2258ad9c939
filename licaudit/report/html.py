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
from .contract import FindingEntry, ModelEntry, Report

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


class HtmlMarkup(c.Markup):
    DASH = " &mdash; "
    ARROW = " &rarr; "
    NONE = "&mdash;"

    def text(self, value: Any) -> str:
        return e(value)

    def link(self, text: Any, url: Any) -> str:
        return link(text, url)

    def url(self, url: Any) -> str:
        return link(url, url, "url")

    def anchor(self, markup: str, anchor: str) -> str:
        return f'<a href="#{html.escape(anchor, quote=True)}">{markup}</a>'

    def code(self, markup: str) -> str:
        return f"<code>{markup}</code>"

    def mono(self, markup: str) -> str:
        return f'<span class="mono">{markup}</span>'

    def strong(self, markup: str, css: str = "") -> str:
        cls = f' class="{html.escape(css, quote=True)}"' if css else ""
        return f"<strong{cls}>{markup}</strong>"

    def span(self, markup: str, css: str) -> str:
        return f'<span class="{html.escape(css, quote=True)}">{markup}</span>'

    def value(self, markup: str) -> str:
        return f"<strong>{markup}</strong>"

    def muted(self, markup: str) -> str:
        return self.span(markup, "muted")

    def display(self, markup: str) -> str:
        return self.span(f"&ldquo;{markup}&rdquo;", "display")

    def verdict(self, verdict: str) -> str:
        return self.span(e(c.VERDICT_LABELS[verdict]), f"verdict v-{verdict}")

    def cell_lines(self, items: list[str], sep: str) -> str:
        return "<br>".join(items)


H = HtmlMarkup()


def _table(header: tuple[str, ...], rows: list[list[str]], out: list[str]) -> None:
    out.append(
        "<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr></thead><tbody>"
    )
    out.extend("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    out.append("</tbody></table>")


def _finding(f: FindingEntry) -> str:
    head, subs = c.finding_parts(f, H)
    return f"<li>{head}<ul>" + "".join(f"<li>{sub}</li>" for sub in subs) + "</ul></li>"


def _summary(doc: Report, out: list[str]) -> None:
    out.append('<section id="summary"><h2>Summary</h2>')
    out.append(f'<p class="banner {e(doc["summary"]["verdict"])}">{c.summary_line(doc, H)}</p>')
    rows = c.models_rows(doc, H)
    if rows:
        _table(c.MODELS_HEADER, rows, out)
    else:
        out.append(f"<p>{c.NO_MODELS}</p>")
    rows = c.licenses_rows(doc, H)
    if rows:
        out.append("<h3>Licenses in use</h3>")
        _table(c.LICENSES_HEADER, rows, out)
    for heading, verdict, lines in c.review_groups(doc, H):
        out.append(f'<h3 class="v-{verdict}">{heading}</h3>')
        if not lines:
            out.append(f"<p>{c.NONE}</p>")
            continue
        out.append("<ul>")
        out.extend(f"<li>{line}</li>" for line in lines)
        out.append("</ul>")
    out.append("</section>")


def _model(doc: Report, m: ModelEntry, anchor: str, out: list[str]) -> None:
    out.append(f'<section class="model" id="{anchor}"><h3>{c.model_heading(m, H)}</h3>')
    out.append('<table class="facts"><tbody>')
    out.extend(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in c.model_facts(doc, m, H))
    out.append("</tbody></table>")
    if m["locations"]:
        out.append("<h4>Where it is used</h4><ul>")
        out.extend(f"<li>{c.location_item(loc, H)}</li>" for loc in m["locations"])
        out.append("</ul>")
    elif not m["direct"]:
        sentence = c.reached_through(doc, m, H)
        if sentence:
            out.append(f"<p>{sentence}</p>")
    if m.get("notes"):
        out.append("<h4>Notes</h4><ul>")
        out.extend(f"<li>{e(n)}</li>" for n in m["notes"])
        out.append("</ul>")
    out.append("<h4>Obligations checklist</h4>")
    groups = c.checklist(doc, m, H)
    if not groups:
        out.append(f"<p>{c.NO_LICENSE}</p>")
    for heading, lines, empty in groups:
        out.append(f"<p><em>{heading}</em></p>")
        if lines:
            out.append('<ul class="checklist">')
            out.extend(f"<li>{line}</li>" for line in lines)
            out.append("</ul>")
        else:
            out.append(f"<p>{empty}</p>")
    findings = c.findings_for(doc, m["id"])
    out.append("<h4>Findings</h4>")
    if findings:
        out.append("<ul>")
        out.extend(_finding(f) for f in findings)
        out.append("</ul>")
    else:
        out.append(f"<p>{c.NONE}</p>")
    out.append("</section>")


def _section_list(heading: str, items: list[str], out: list[str]) -> None:
    out.append(f"<section><h2>{heading}</h2><ul>")
    out.extend(f"<li>{item}</li>" for item in items)
    out.append("</ul></section>")


class HtmlFormat:
    """The legal review report as one self-contained HTML file."""

    name = "html"
    filename = "licaudit-review.html"

    def render(self, doc: Report, /, *, color: bool = False) -> str:
        title = c.title(doc, H)
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
            f'<p class="muted">{c.intro(doc, H)}</p></header>',
            "<main>",
        ]
        _summary(doc, out)
        out.append("<section><h2>Models</h2>")
        if not doc["models"]:
            out.append(f"<p>{c.NONE}</p>")
        anchors = c.anchors(doc)
        for m in doc["models"]:
            _model(doc, m, anchors[id(m)], out)
        out.append("</section>")
        general = c.findings_for(doc, None)
        if general:
            out.append("<section><h2>Policy findings</h2><ul>")
            out.extend(_finding(f) for f in general)
            out.append("</ul></section>")
        if doc.get("datasets"):
            _section_list("Datasets (not audited as models)", c.dataset_items(doc, H), out)
        limits = c.limit_items(doc, H)
        if limits:
            _section_list("Limits of this review", limits, out)
        out.append('<section id="reproducibility"><h2>Reproducibility</h2><ul>')
        out.extend(f"<li>{item}</li>" for item in c.reproducibility_items(doc, H))
        out[-1] += "</ul>"
        if doc["models"]:
            _table(c.REPRODUCIBILITY_HEADER, c.reproducibility_rows(doc, H), out)
        out.append("</section>")
        out += ["</main>", "</body>", "</html>"]
        return "\n".join(out) + "\n"
