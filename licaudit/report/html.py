"""The legal review report as one self-contained HTML file.

Same content as the Markdown report: a summary first, then one section per model, then what
makes the review reproducible. Inline CSS only — no scripts, fonts, images or any other network
asset — and a print stylesheet, so the file can be archived, mailed and printed as is.

The page is the jinja2 template ``templates/review.html``, autoescaped; what goes into it is
``Html`` markup the shared builders (``_common``) make through ``HtmlInline``. Escaping is by
type: ``Html`` is a ``markupsafe.Markup`` whose escape folds a value onto one line and escapes
it (quotes included), so every value from a repository, a model card or a policy file is escaped
exactly once wherever it lands, and ``href`` only ever holds an http/https URL
(``_common.safe_url``). jinja2 loads only when this format is rendered.
"""

from __future__ import annotations

import functools
from typing import Any

import markupsafe

from . import _common as c
from .contract import FindingEntry, ModelEntry, Report


class Html(markupsafe.Markup):
    """HTML that is safe as it is; any other value meeting it (``format``, ``join``, ``+``) is
    put on one line and escaped."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Html:
        return cls(s) if hasattr(s, "__html__") else cls(markupsafe.escape(c.one_line(s)))


_NO_CLASS = Html()


def _class(css: str) -> Html:
    return Html(' class="{}"').format(css) if css else _NO_CLASS


def link(text: Any, url: Any, css: str = "") -> Html:
    safe = c.safe_url(url)
    if not safe:
        return Html.escape(text)
    return Html('<a href="{}"{} rel="noopener noreferrer">{}</a>').format(safe, _class(css), text)


class HtmlInline(c.Inline):
    markup = Html
    DASH = Html(" &mdash; ")
    ARROW = Html(" &rarr; ")
    NONE = Html("&mdash;")

    def text(self, value: Any) -> Html:
        return Html.escape(value)

    def link(self, text: Any, url: Any) -> Html:
        return link(text, url)

    def url(self, url: Any) -> Html:
        return link(url, url, "url")

    def anchor(self, text: Any, anchor: str) -> Html:
        return Html('<a href="#{}">{}</a>').format(anchor, text)

    def code(self, text: Any) -> Html:
        return Html("<code>{}</code>").format(text)

    def mono(self, text: Any) -> Html:
        return Html('<span class="mono">{}</span>').format(text)

    def strong(self, text: Any, css: str = "") -> Html:
        return Html("<strong{}>{}</strong>").format(_class(css), text)

    def span(self, text: Any, css: str) -> Html:
        return Html('<span class="{}">{}</span>').format(css, text)

    def value(self, text: Any) -> Html:
        return Html("<strong>{}</strong>").format(text)

    def muted(self, text: Any) -> Html:
        return self.span(text, "muted")

    def display(self, text: Any) -> Html:
        return self.span(Html("&ldquo;{}&rdquo;").format(text), "display")

    def verdict(self, verdict: str) -> Html:
        return self.span(c.VERDICT_LABELS[verdict], f"verdict v-{verdict}")

    def cell_lines(self, items: list[Any], sep: str) -> Html:
        return Html("<br>").join(items)


H = HtmlInline()


@functools.cache
def _template():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("licaudit.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("review.html")


def _finding(f: FindingEntry) -> tuple[Html, list[Html]]:
    return c.finding_parts(f, H)


def _model(doc: Report, m: ModelEntry, anchor: str) -> dict[str, Any]:
    return {
        "anchor": anchor,
        "heading": c.model_heading(m, H),
        "facts": c.model_facts(doc, m, H),
        "locations": [c.location_item(loc, H) for loc in m["locations"]],
        "reached": None if m["direct"] else c.reached_through(doc, m, H),
        "notes": [H.text(n) for n in m.get("notes") or ()],
        "checklist": c.checklist(doc, m, H),
        "findings": [_finding(f) for f in c.findings_for(doc, m["id"])],
    }


class HtmlFormat:
    """The legal review report as one self-contained HTML file."""

    name = "html"
    filename = "licaudit-review.html"

    def render(self, doc: Report, /, *, color: bool = False, quiet: bool = False) -> str:
        anchors = c.anchors(doc)
        return _template().render(
            title=c.title(doc, H),
            intro=c.intro(doc, H),
            review_heading=c.REVIEW_HEADING,
            review=c.review_facts(doc, H),
            verdict=doc["summary"]["verdict"],
            summary=c.summary_line(doc, H),
            models_header=c.MODELS_HEADER,
            models_rows=c.models_rows(doc, H),
            licenses_header=c.LICENSES_HEADER,
            licenses_rows=c.licenses_rows(doc, H),
            review_groups=c.review_groups(doc, H),
            suppressed_heading=c.SUPPRESSED_HEADING,
            suppressed=c.suppressed_items(doc, H),
            models=[_model(doc, m, anchors[id(m)]) for m in doc["models"]],
            general=[_finding(f) for f in c.findings_for(doc, None)],
            datasets=c.dataset_items(doc, H),
            hosted=c.hosted_items(doc, H),
            limits=c.limit_items(doc, H),
            reproducibility=c.reproducibility_items(doc, H),
            reproducibility_header=c.REPRODUCIBILITY_HEADER,
            reproducibility_rows=c.reproducibility_rows(doc, H) if doc["models"] else [],
            nothing=c.NONE,
            no_models=c.NO_MODELS,
            no_license=c.NO_LICENSE,
        )
