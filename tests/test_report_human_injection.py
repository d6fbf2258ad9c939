"""A repository or model card whose fields carry HTML, Markdown or script cannot inject into the
legal review reports (HTML, Markdown), the notice file, the terminal view or the annotations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from licaudit.report import render

from .test_report_human import assert_inert, markdown_to_html, parse_html
from .test_report_human_support import FILES, complete, scan, write_repo

EVIL_DIR = "models/evil<svg onload=alert(1)>[x](javascript:alert(2))|pipe"
LICENSE_NAME = "<script>alert('name')</script> [click](javascript:alert(5))"
EVIL_CARD = f"""---
license: other
license_name: "{LICENSE_NAME}"
license_link: "javascript:alert('link')"
base_model: meta-llama/Llama-3.1-8B-Instruct
---
# <img src=x onerror=alert(6)>
"""
EVIL_LINE = 'm = AutoModel.from_pretrained("mistralai/Mistral-7B-Instruct-v0.3")  # <script>alert(3)</script> [x](javascript:alert(4)) | `tick` **b**'
EVIL_FILES = {
    "app/main.py": f"from transformers import AutoModel\n{EVIL_LINE}\n",
    f"{EVIL_DIR}/README.md": EVIL_CARD,
    f"{EVIL_DIR}/config.json": '{"model_type": "llama"}\n',
    "policy.yaml": "version: 1\nextends: default\n",
}

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))|`tick`**b**~~s~~\n# heading\r\n- item &amp; $x$"


@pytest.fixture(scope="module")
def evil(tmp_path_factory) -> dict:
    root = write_repo(tmp_path_factory.mktemp("evil") / "repo", EVIL_FILES)
    return scan(root, tmp_path_factory.mktemp("cache"))


def _cells_per_row(html_text: str) -> list[set[int]]:
    """For each table: the set of cell counts of its rows (one value when no row is broken)."""
    tables = re.findall(r"<table.*?</table>", html_text, flags=re.S)
    return [
        {len(re.findall(r"<t[dh][ >]", row)) for row in re.findall(r"<tr>.*?</tr>", t, flags=re.S)}
        for t in tables
    ]


def check_markdown(md: str, literals: list[str]) -> str:
    rendered = markdown_to_html(md)
    page = assert_inert(rendered)
    text = page.visible()
    for literal in literals:
        assert literal in text, f"{literal!r} should show as text"
    assert "<code>" not in rendered and "<del>" not in rendered and "<s>" not in rendered
    assert "<strong>b</strong>" not in rendered
    assert all(len(counts) == 1 for counts in _cells_per_row(rendered)), "a pipe broke a table row"
    assert "javascript:" not in " ".join(a.get("href") or "" for _, a in page.tags)
    return text


def check_html(out: str, literals: list[str]) -> None:
    page = assert_inert(out)
    text = page.visible()
    for literal in literals:
        assert literal in text, f"{literal!r} should show as text"
    for bad in ("<script", "<img", "<svg", 'href="javascript', 'href="data'):
        assert bad not in out
    assert all(len(counts) == 1 for counts in _cells_per_row(out))


def test_real_card_and_source_line_cannot_inject(evil):
    ids = {m["id"] for m in evil["models"]}
    assert EVIL_DIR in ids, "the local model folder is found and carries its hostile name"
    literals = [
        EVIL_DIR,
        LICENSE_NAME,
        "<script>alert(3)</script> [x](javascript:alert(4)) | `tick` **b**",
    ]
    check_markdown(render(evil, "markdown"), literals)
    check_html(render(evil, "html"), literals)
    card_link = next(m["license_link"] for m in evil["models"] if m["id"] == EVIL_DIR)
    if card_link:  # shown as text, never as a link
        assert card_link in parse_html(render(evil, "html")).visible()
    notice = render(evil, "notice")
    check_markdown(notice, [EVIL_DIR])
    text = render(evil, "text")
    assert EVIL_DIR in text and "\x1b" not in text


def _poison(value, payload: str):
    """Append ``payload`` to every string of the document (dictionary keys included, so ids stay
    consistent), except the few enumerations the formats switch on."""
    keep = {"severity", "fail_on", "verdict", "schema_version", "commercial_use"}
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            key = k + payload if _is_id_map(value) else k
            out[key] = v if k in keep else _poison(v, payload)
        return out
    if isinstance(value, list):
        return [_poison(v, payload) for v in value]
    if isinstance(value, str):
        return value + payload
    return value


def _is_id_map(d: dict) -> bool:
    """The ``licenses`` map is keyed by license id (the only map keyed by data, not by field)."""
    return bool(d) and all(isinstance(v, dict) and v.get("id") == k for k, v in d.items())


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory) -> dict:
    root = write_repo(tmp_path_factory.mktemp("realistic") / "repo", FILES)
    doc = complete(scan(root, tmp_path_factory.mktemp("cache")))
    bad = _poison(doc, PAYLOAD)
    # and hostile links where links are expected
    first = next(iter(bad["licenses"].values()))
    first["url"] = "javascript:alert('url')"
    for m in bad["models"]:
        m["license_link"] = "data:text/html,<script>alert(1)</script>"
    return bad


def test_every_field_poisoned_cannot_inject_into_markdown(poisoned):
    md = render(poisoned, "markdown")
    text = check_markdown(
        md,
        [
            "<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))|`tick`**b**~~s~~ # heading - item &amp; $x$"
        ],
    )
    assert "data:text/html" in text  # the hostile card link is printed, not linked
    html_text = markdown_to_html(md)
    assert len(re.findall(r"<h1>", html_text)) == 1, "a newline in a field started a heading"


def test_every_field_poisoned_cannot_inject_into_html(poisoned):
    out = render(poisoned, "html")
    check_html(
        out, ["<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))"]
    )
    assert "data:text/html" not in " ".join(a.get("href") or "" for _, a in parse_html(out).tags)
    assert out.count("<h1>") == 1


def test_every_field_poisoned_cannot_inject_into_the_notice(poisoned):
    out = render(poisoned, "notice")
    check_markdown(out, ["<script>alert(1)</script>"])
    # the notice text itself is shipped verbatim inside a fence the payload cannot close
    assert "```text" in out or "````text" in out


def test_every_field_poisoned_stays_one_annotation_per_line(poisoned):
    out = render(poisoned, "github")
    for line in out.splitlines():
        assert re.match(r"^::(error|warning|notice) [^:\r\n]*::", line), line
        assert "\r" not in line
    expected = sum(
        max(1, len([loc for loc in f["locations"] if not loc["suppressed"]]))
        for f in poisoned["findings"]
    )
    assert len(out.splitlines()) == expected


def test_every_field_poisoned_text_has_no_control_characters(poisoned):
    out = render(poisoned, "text", color=False)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out)


def test_notice_fence_outlasts_backticks_in_the_notice_text(poisoned, tmp_path: Path):
    doc = dict(poisoned)
    lic = next(
        k for k, v in doc["licenses"].items() if v.get("known") and v["terms"].get("notice_text")
    )
    doc["licenses"] = {
        **doc["licenses"],
        lic: {
            **doc["licenses"][lic],
            "terms": {**doc["licenses"][lic]["terms"], "notice_text": "a ```` b\n# not a heading"},
        },
    }
    out = render(doc, "notice")
    rendered = markdown_to_html(out)
    assert "<h1>not a heading</h1>" not in rendered
    assert "a ```` b\n# not a heading\n</code></pre>" in rendered


def test_escaping_is_by_type():
    """Raw values are escaped once wherever they meet markup; markup is never escaped again."""
    from licaudit.report._common import waiver_text
    from licaudit.report.html import H, Html
    from licaudit.report.markdown import MD, Md

    raw = "<b>x</b>\n*y*"
    assert Html("<p>{}</p>").format(raw) == "<p>&lt;b&gt;x&lt;/b&gt; *y*</p>"
    assert H.code(H.code(raw)) == "<code><code>&lt;b&gt;x&lt;/b&gt; *y*</code></code>"
    assert H.join(", ", [raw, H.value(raw)]) == (
        "&lt;b&gt;x&lt;/b&gt; *y*, <strong>&lt;b&gt;x&lt;/b&gt; *y*</strong>"
    )
    assert Html.escape(Html("<i>ok</i>")) == "<i>ok</i>"
    assert Md("**{}**").format(raw) == r"**&lt;b&gt;x&lt;/b&gt; \*y\***"
    assert MD.strong(MD.strong(raw)) == r"****&lt;b&gt;x&lt;/b&gt; \*y\*****"
    waiver = {"model": "m", "rules": [], "reason": raw, "approved_by": "<x>", "expires": None}
    assert waiver_text(waiver, H) == (
        '<span class="waiver">waived: &lt;b&gt;x&lt;/b&gt; *y*; approved by '
        "<strong>&lt;x&gt;</strong>; no expiry</span>"
    )
