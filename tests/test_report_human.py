"""The human-facing formats — text, markdown and html (the legal review report), notice, github —
on a realistic scan: several models, lineage, a valid and an expired waiver, every severity."""

from __future__ import annotations

import copy
import json
import os
import pty
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from licaudit.report import FORMATS, load_saved, render

from .conftest import GIT_ENV
from .test_report_human_support import (
    APPROVER,
    COHERE,
    EXPIRES,
    FILES,
    GEMMA,
    LLAMA,
    LOCAL_FT,
    MAU,
    MINILM,
    MISTRAL,
    complete,
    scan,
    write_repo,
)

HUMAN = ("text", "markdown", "html", "notice", "github")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return write_repo(tmp_path_factory.mktemp("human") / "repo", FILES)


@pytest.fixture(scope="module")
def real(repo, tmp_path_factory) -> dict:
    return scan(repo, tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def doc(real) -> dict:
    return complete(real)


# --- helpers: read rendered HTML back -------------------------------------------------------

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source", "area", "base"}
BLOCK = {
    "p",
    "li",
    "ul",
    "ol",
    "td",
    "th",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "section",
    "br",
    "pre",
    "blockquote",
    "header",
    "main",
}


class Page(HTMLParser):
    """Tags, attributes, and visible text per element id (sections of the report)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.by_id: dict[str, list[str]] = {}
        self.unbalanced: list[str] = []
        self.in_style = False

    def _space(self, tag):
        if tag in BLOCK:
            self.handle_data(" ")

    def handle_starttag(self, tag, attrs):
        self._space(tag)
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "style":
            self.in_style = True
        if tag not in VOID:
            self.stack.append((tag, a.get("id")))
            if a.get("id"):
                self.by_id.setdefault(a["id"], [])

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._space(tag)
        if tag == "style":
            self.in_style = False
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.unbalanced.append(tag)
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.in_style:
            return
        self.text.append(data)
        for _tag, ident in self.stack:
            if ident:
                self.by_id[ident].append(data)

    def visible(self, ident: str | None = None) -> str:
        parts = self.by_id[ident] if ident else self.text
        return re.sub(r"\s+", " ", "".join(parts)).strip()


def parse_html(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def markdown_to_html(text: str) -> str:
    """What a Markdown viewer would show: CommonMark with GitHub's tables and strikethrough, raw
    HTML allowed (a report must be safe even where a viewer does not sanitise)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(text)


def md_sections(text: str) -> dict[str, str]:
    """Visible text of each per-model section of the Markdown report, by model id."""
    chunks = re.split(r'^<a id="model-\d+"></a>$', text, flags=re.M)
    out = {}
    for chunk in chunks[1:]:
        heading = re.search(r"^### (.+)$", chunk, flags=re.M).group(1)
        visible = parse_html(markdown_to_html(chunk)).visible()
        model = (
            parse_html(markdown_to_html(heading))
            .visible()
            .replace(" (base model, reached through lineage)", "")
            .strip()
        )
        out[model] = visible
    return out


def part(out: str, fmt: str, name: str) -> str:
    """Visible text of the report's summary, reproducibility or review-identity part."""
    if fmt == "html":
        return parse_html(out).visible(name)
    heading = {
        "summary": "## Summary",
        "reproducibility": "## Reproducibility",
        "review": "## What was reviewed",
    }[name]
    start = out.index(f"\n{heading}\n")
    end = out.find("\n## ", start + len(heading) + 2)
    return parse_html(markdown_to_html(out[start : end if end > 0 else None])).visible()


def html_sections(text: str, doc: dict) -> dict[str, str]:
    page = parse_html(text)
    return {m["id"]: page.visible(f"model-{i}") for i, m in enumerate(doc["models"], 1)}


ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "main",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "strong",
    "em",
    "code",
    "pre",
    "span",
    "br",
    "blockquote",
    "hr",
}
ALLOWED_ATTRS = {"href", "class", "id", "rel", "lang", "charset", "name", "content", "http-equiv"}


def assert_inert(html_text: str) -> Page:
    """Only the report's own markup: known tags, no event handlers, links to http(s) or in-page."""
    page = parse_html(html_text)
    for tag, attrs in page.tags:
        assert tag in ALLOWED_TAGS, f"unexpected <{tag}> in the report"
        assert set(attrs) <= ALLOWED_ATTRS, (
            f"unexpected attributes {set(attrs) - ALLOWED_ATTRS} on <{tag}>"
        )
        href = attrs.get("href")
        if href is not None:
            assert re.match(r"^(https?://|#model-\d+$)", href), f"unsafe link {href!r}"
    return page


# --- the realistic scan ----------------------------------------------------------------------


def test_the_real_scan_has_the_models_and_licenses(real):
    ids = {m["id"] for m in real["models"] if m["direct"]}
    assert {LLAMA, COHERE, MISTRAL, MINILM} <= ids
    assert {"llama3.1", "cc-by-nc-4.0", "apache-2.0"} <= set(real["licenses"])
    assert any(f["model"] == COHERE and f["severity"] == "error" for f in real["findings"])
    assert real["policy"]["organization"]["monthly_active_users"] == MAU


def test_formats_are_registered():
    for fmt in HUMAN:
        assert fmt in FORMATS
    assert len({FORMATS[f].filename for f in FORMATS}) == len(FORMATS), (
        "default file names must differ"
    )


# --- text ------------------------------------------------------------------------------------


def test_text_one_row_per_model_and_findings_by_severity(doc):
    out = render(doc, "text")
    assert "\x1b" not in out
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("MODEL"))
    assert header + 1 < len(lines)
    direct = [m for m in doc["models"] if m["direct"]]
    rows = lines[header + 1 : header + 1 + len(direct)]
    expected_verdict = {
        COHERE: "fail",
        LLAMA: "waived",
        LOCAL_FT: "review",
        MISTRAL: "ok",
        MINILM: "ok",
    }
    for m, row in zip(direct, rows, strict=True):
        cells = row.split()
        assert cells[0] == m["id"]
        assert cells[1] == (m["license"]["id"] if m["license"] else "unknown")
        assert cells[-1] == expected_verdict.get(m["id"], cells[-1])
        for loc in m["locations"][:2]:
            assert f"{loc['path']}:{loc['line']}" in row
    ft_row = next(r for r in rows if r.startswith(LOCAL_FT))
    assert "apache-2.0 (+llama3.1 via lineage)" in ft_row
    # groups in severity order, each finding under its own group, remediation or waiver below it
    starts = {
        sev: next(i for i, line in enumerate(lines) if line.startswith(f"{sev.upper()}S ("))
        for sev in ("error", "warning", "info")
    }
    assert starts["error"] < starts["warning"] < starts["info"]
    bounds = sorted(starts.values()) + [
        next(i for i, line in enumerate(lines) if line.startswith(("FAIL:", "PASS:")))
    ]
    for sev, start in starts.items():
        block = "\n".join(lines[start : bounds[bounds.index(start) + 1]])
        for f in doc["findings"]:
            if f["severity"] == sev:
                assert f["message"] in block
                if f["waived"]:
                    assert f"approved by {f['waived']['approved_by']}" in block
                    assert f"until {f['waived']['expires']}" in block
                else:
                    assert f"fix: {f['remediation']}" in block
    s = doc["summary"]
    assert lines[-1].startswith(s["verdict"].upper() + ":")
    assert f"{s['errors']} error" in lines[-1] and f"{s['waived']} waived" in lines[-1]


def test_text_colour_only_when_asked(doc):
    coloured = render(doc, "text", color=True)
    assert "\x1b[31m" in coloured and "\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render(doc, "text")


def test_text_strips_terminal_escapes_from_untrusted_text(doc):
    evil = copy.deepcopy(doc)
    evil["findings"][0]["message"] = "boom \x1b]0;owned\x07\x1b[2J\r\nFAKE: PASS"
    out = render(evil, "text", color=False)
    assert "\x1b" not in out and "\x07" not in out
    assert "\nFAKE: PASS" not in out


def _run_on_pty(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=slave, stderr=subprocess.DEVNULL)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=60)
    finally:
        os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_cli_colours_a_terminal_but_not_a_pipe_or_no_color(repo, licaudit_bin, tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HF_", "LICAUDIT_")) and k != "NO_COLOR"
    }
    env.update({"LICAUDIT_CACHE_DIR": str(tmp_path / "cache"), "HF_HUB_OFFLINE": "1", **GIT_ENV})
    args = [licaudit_bin, "scan", ".", "--offline", "--policy", "policy.yaml"]
    on_tty = _run_on_pty(args, repo, env)
    assert "\x1b[31m" in on_tty and COHERE in on_tty
    piped = subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert COHERE in piped.stdout and "\x1b[" not in piped.stdout
    no_color = _run_on_pty(args, repo, {**env, "NO_COLOR": "1"})
    assert COHERE in no_color and "\x1b[" not in no_color


# --- markdown and html: the legal review report ----------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_review_summary_comes_first(doc, fmt):
    out = render(doc, fmt)
    assert_inert(markdown_to_html(out) if fmt == "markdown" else out)
    assert (
        f"License review: {doc['project']}"
        in parse_html(markdown_to_html(out) if fmt == "markdown" else out).visible()
    )
    summary = part(out, fmt, "summary")
    assert summary.startswith("Summary")
    assert "FAIL" in summary and f"policy {doc['policy']['name']}" in summary
    # every model referenced, its license and verdict
    for m in doc["models"]:
        if m["direct"]:
            assert m["id"] in summary
    for lic_id, entry in doc["licenses"].items():
        assert entry["name"] in summary and lic_id in summary
    blocked = summary[summary.index("Blocked (") : summary.index("Needs sign-off (")]
    signoff = summary[summary.index("Needs sign-off (") : summary.index("Approved by waiver (")]
    waived = summary[summary.index("Approved by waiver (") :]
    for f in doc["findings"]:
        where = (
            blocked
            if f["severity"] == "error" and not f["waived"]
            else signoff
            if f["severity"] == "warning" and not f["waived"]
            else waived
            if f["waived"]
            else None
        )
        if where is not None:
            assert f["message"] in where, (f["rule"], f["model"])
    assert "commercial-use" in blocked and COHERE in blocked
    assert "waiver-expired" in signoff and LOCAL_FT in signoff
    assert LLAMA in waived and f"approved by {APPROVER}" in waived and f"until {EXPIRES}" in waived
    assert (
        f"Blocked ({sum(1 for f in doc['findings'] if f['severity'] == 'error' and not f['waived'])})"
        in blocked
    )


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_review_per_model_sections(doc, fmt):
    out = render(doc, fmt)
    sections = md_sections(out) if fmt == "markdown" else html_sections(out, doc)
    assert set(sections) == {m["id"] for m in doc["models"]}
    llama_lic = doc["licenses"]["llama3.1"]
    terms = llama_lic["terms"]
    ft = sections[LOCAL_FT]
    # declared and effective licenses, lineage, where used
    assert "Declared license Apache License 2.0 (apache-2.0)" in ft
    assert f"{llama_lic['name']} (llama3.1) — inherited from {LLAMA}" in ft
    assert f"Lineage {LOCAL_FT} → {LLAMA}" in ft
    # the obligations checklist carries what binds through lineage, and the MAU comparison
    assert f"{terms['display_text']}" in ft and f"through {LOCAL_FT} → {LLAMA}" in ft
    assert terms["naming"]["rule"] in ft
    assert terms["use_policy"]["name"] in ft
    assert f"limit {terms['mau_limit']['threshold']:,}; the organization reports {MAU:,}" in ft
    assert "below the limit" in ft
    assert "category-review" in ft and "To fix:" in ft
    # publisher and country, provenance, waiver with approver and expiry
    llama = sections[LLAMA]
    model = next(m for m in doc["models"] if m["id"] == LLAMA)
    assert f"Publisher {model['publisher']['name']}" in llama
    assert f"Publisher country {model['publisher']['country']}" in llama
    assert f"from {model['provenance']['license']['source']}" in llama
    assert f"approved by {APPROVER}" in llama and f"until {EXPIRES}" in llama
    cohere = sections[COHERE]
    assert "ERROR commercial-use" in cohere and "Blocked" in cohere
    assert "WARNING waiver-expired" in cohere
    for m in doc["models"]:
        for loc in m["locations"]:
            assert f"{loc['path']}:{loc['line']}" in sections[m["id"]]
        for f in doc["findings"]:
            if f["model"] == m["id"]:
                assert f["message"] in sections[m["id"]]
                assert f["remediation"] in sections[m["id"]]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_review_links_every_license(doc, fmt):
    out = render(doc, fmt)
    page = assert_inert(markdown_to_html(out) if fmt == "markdown" else out)
    hrefs = {a.get("href") for tag, a in page.tags if tag == "a"}
    for entry in doc["licenses"].values():
        if entry.get("url"):
            assert entry["url"] in hrefs
    assert doc["licenses"]["llama3.1"]["terms"]["use_policy"]["url"] in hrefs
    internal = {h for h in hrefs if h and h.startswith("#")}
    assert internal == {f"#model-{i}" for i, m in enumerate(doc["models"], 1) if m["direct"]}


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_review_is_reproducible(doc, fmt):
    out = render(doc, fmt)
    repro = part(out, fmt, "reproducibility")
    assert f"licaudit {doc['tool']['version']}" in part(out, fmt, "review")
    assert (
        f"Policy: {doc['policy']['name']} from {doc['policy']['source']}, fails on {doc['policy']['fail_on']}"
        in repro
    )
    assert f"monthly_active_users = {MAU:,}" in repro
    assert "Lockfile: " + (doc["lockfile"] or "none") in repro
    for m in doc["models"]:
        assert f"{m['id']} {m['source']} {m['revision'] or 'not pinned'}" in repro


def test_html_is_one_self_contained_printable_file(doc):
    out = render(doc, "html")
    page = assert_inert(out)
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert f"<title>License review: {doc['project']}</title>" in out
    assert page.unbalanced == [] and page.stack == []
    assert not any(tag in ("script", "link", "img", "iframe", "object") for tag, _ in page.tags)
    assert not any("src" in a for _, a in page.tags)
    style = out[out.index("<style>") : out.index("</style>")]
    assert "@media print" in style and "url(" not in style and "@import" not in style
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids))


# --- notice ----------------------------------------------------------------------------------


def _notice_groups(out: str) -> dict[str, str]:
    parts = re.split(r"^## ", out, flags=re.M)
    return {p.splitlines()[0]: p for p in parts[1:]}


def test_notice_groups_what_each_license_requires(doc):
    out = render(doc, "notice")
    groups = _notice_groups(out)
    llama = doc["licenses"]["llama3.1"]
    t = llama["terms"]
    g = groups[llama["name"]]
    assert f"> **{t['display_text']}**" in g
    assert "Built with Llama" in g  # the knowledge base's display text for Llama 3.1
    assert f"```text\n{t['notice_text']}\n```" in g
    assert f"- License text: <{llama['url']}>" in g and f"({t['use_policy']['url']})" in g
    assert f"- {LLAMA}\n" in g
    assert f"- {LOCAL_FT} (through its base model: {LOCAL_FT} → {LLAMA})" in g
    apache = groups[doc["licenses"]["apache-2.0"]["name"]]
    for model in (MISTRAL, MINILM, LOCAL_FT):
        assert f"- {model}\n" in apache
    assert "Display" not in apache and "```" not in apache
    nc = groups[doc["licenses"]["cc-by-nc-4.0"]["name"]]
    assert f"- {COHERE}\n" in nc
    for item in doc["licenses"]["cc-by-nc-4.0"]["terms"]["attribution"]:
        assert f"- {item}" in nc
    # every license's own display text, notice and use policy, whatever the license
    for entry in doc["licenses"].values():
        terms = entry.get("terms") or {}
        group = groups[entry["name"]]
        if terms.get("display_text"):
            assert f"> **{terms['display_text']}**" in group
        if terms.get("notice_text"):
            assert f"```text\n{terms['notice_text']}\n```" in group
        if terms.get("license_copy") and entry.get("url"):
            assert f"with any redistribution: <{entry['url']}>" in group
        policy = terms.get("use_policy")
        if policy:
            assert f"[{policy['name']}]({policy['url']})" in group
            assert ("pass it on to your users" in group) == bool(policy.get("pass_on"))
    gemma = next(e for e in doc["licenses"].values() if e["id"] == "gemma")
    assert f"- {GEMMA}\n" in groups[gemma["name"]]
    assert "Gemma is provided under and subject to the Gemma Terms of Use" in groups[gemma["name"]]
    # one group per license in use, no more
    assert set(groups) == {doc["licenses"][lic]["name"] for lic in doc["licenses"]}


def test_notice_leaves_out_suppressed_and_lists_unknown(doc):
    variant = copy.deepcopy(doc)
    for m in variant["models"]:
        if m["id"] == COHERE:
            m["suppressed"] = True
        if m["id"] == MINILM:
            m["license"] = None
            m["effective_licenses"] = [{"license": None, "model": MINILM, "chain": [MINILM]}]
            m["unresolved"] = "no source declares a license"
    out = render(variant, "notice")
    groups = _notice_groups(out)
    assert doc["licenses"]["cc-by-nc-4.0"]["name"] not in groups
    assert COHERE not in out
    assert f"- {MINILM}" in groups["Models with an unknown license"]
    assert MINILM not in groups[doc["licenses"]["apache-2.0"]["name"]]


def test_notice_for_no_models():
    empty = {
        "tool": {"name": "licaudit", "version": "0"},
        "models": [],
        "licenses": {},
        "findings": [],
    }
    assert "No AI models are in use." in render(empty, "notice")


# --- github ----------------------------------------------------------------------------------

ANNOTATION = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def _decode(text: str) -> str:
    return re.sub(r"%([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), text)


def parse_annotations(out: str) -> list[tuple[str, dict[str, str], str]]:
    result = []
    for line in out.splitlines():
        m = ANNOTATION.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
        result.append((m.group(1), {k: _decode(v) for k, v in props.items()}, _decode(m.group(3))))
    return result


def test_github_one_annotation_per_finding_location(doc):
    annotations = parse_annotations(render(doc, "github"))
    expected = []
    for f in doc["findings"]:
        command = (
            "notice"
            if f["waived"]
            else {"error": "error", "warning": "warning", "info": "notice"}[f["severity"]]
        )
        for loc in f["locations"] or [None]:
            expected.append((command, f, loc))
    expected.sort(key=lambda x: ("error", "warning", "notice").index(x[0]))
    assert len(annotations) == len(expected)
    for (command, props, message), (want, f, loc) in zip(annotations, expected, strict=True):
        assert command == want
        assert props["title"].startswith(f"licaudit {f['rule']}")
        assert message.startswith(f["message"])
        if f["waived"]:
            assert (
                f"Waived: {f['waived']['reason']}; approved by {f['waived']['approved_by']}; "
                f"until {f['waived']['expires']}" in message
            )
        else:
            assert message.endswith(f"Fix: {f['remediation']}")
        assert (
            props["file"] == loc["path"]
            and props["line"] == str(loc["line"])
            and props["col"] == str(loc["column"])
        )
    kinds = {a[0] for a in annotations}
    assert kinds == {"error", "warning", "notice"}


def test_github_escapes_and_findings_without_location():
    finding = {
        "rule": "license-unknown",
        "severity": "error",
        "model": "acme/odd",
        "message": "100% unknown\r\nsecond line: with, commas",
        "remediation": "fix it",
        "locations": [
            {"path": "dir,x/a:b.py", "line": 7, "column": 0, "snippet": "", "suppressed": False},
            {"path": "hidden.py", "line": 2, "column": 1, "snippet": "", "suppressed": True},
        ],
        "waived": None,
        "license": None,
        "chain": [],
    }
    policy_level = {
        **finding,
        "model": None,
        "severity": "warning",
        "rule": "policy-x",
        "message": "no location",
        "locations": [],
    }
    out = render({"findings": [finding, policy_level]}, "github")
    lines = out.splitlines()
    assert (
        len(lines) == 2
    )  # the suppressed location is left out; newlines never split an annotation
    assert (
        lines[0]
        == "::error file=dir%2Cx/a%3Ab.py,line=7,title=licaudit license-unknown::100%25 unknown  second line: with, commas%0AFix: fix it"
    )
    assert lines[1] == "::warning title=licaudit policy-x::no location%0AFix: fix it"
    (_, props, message), _ = parse_annotations(out)
    # the message's own line breaks are scrubbed (one plain line per part); licaudit's stay
    assert props["file"] == "dir,x/a:b.py" and message.startswith("100% unknown  second line")


# --- determinism and re-rendering ------------------------------------------------------------


@pytest.mark.parametrize("fmt", HUMAN)
def test_render_is_deterministic_and_survives_a_saved_report(doc, fmt, tmp_path):
    first = render(doc, fmt)
    assert render(doc, fmt) == first
    saved = tmp_path / "report.json"
    saved.write_text(render(doc, "json"), encoding="utf-8")
    assert render(load_saved(saved), fmt) == first
    assert render(json.loads(json.dumps(doc, sort_keys=True)), fmt) == first


def test_scanning_again_renders_the_same_bytes(real, repo, tmp_path):
    again = scan(repo, tmp_path / "cache")
    for fmt in HUMAN:
        assert render(again, fmt) == render(real, fmt), fmt


def test_cli_report_rerenders_a_saved_scan_byte_for_byte(repo, run_licaudit, tmp_path):
    from licaudit.report import default_filename

    during, later = tmp_path / "during", tmp_path / "later"
    formats = ",".join(("json", *HUMAN))
    proc = run_licaudit(
        "scan",
        ".",
        "--offline",
        "--policy",
        "policy.yaml",
        "--format",
        formats,
        "--output-dir",
        str(during),
        cwd=repo,
    )
    assert proc.returncode == 1, proc.stderr
    saved = during / default_filename("json")
    again = run_licaudit(
        "report", str(saved), "--format", ",".join(HUMAN), "--output-dir", str(later), cwd=tmp_path
    )
    assert again.stderr == ""
    for fmt in HUMAN:
        first = (during / default_filename(fmt)).read_bytes()
        assert first == (later / default_filename(fmt)).read_bytes(), fmt
        assert COHERE.encode() in first
    assert b"\x1b[" not in (during / default_filename("text")).read_bytes()
    stdout = run_licaudit("report", str(saved), "--format", "markdown", cwd=tmp_path)
    assert stdout.stdout.encode() == (during / default_filename("markdown")).read_bytes()


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_review_shows_pinned_revisions_and_the_lockfile(doc, fmt):
    pinned = copy.deepcopy(doc)
    revision = "0e9e39f249a16976918f6564b8830bc894c89659"
    pinned["lockfile"] = "licaudit.lock"
    for m in pinned["models"]:
        if m["id"] == LLAMA:
            m["revision"] = revision
            m["purl"] = f"pkg:huggingface/{LLAMA}@{revision}"
            m["provenance"]["revision"] = {"source": "lockfile", "detail": "licaudit.lock"}
    repro = part(render(pinned, fmt), fmt, "reproducibility")
    assert "Lockfile: licaudit.lock" in repro
    assert f"{LLAMA} huggingface {revision} (from lockfile)" in repro
    assert f"{MISTRAL} huggingface not pinned" in repro


def test_sparse_report_renders_everything_it_has(doc):
    """Unknown licenses, a policy-level finding, a notebook cell, datasets, skipped files, run-time
    model arguments and run warnings: each format shows them and none crashes."""
    sparse = copy.deepcopy(doc)
    nb_loc = {
        "path": "notebooks/explore.ipynb",
        "line": 3,
        "column": 9,
        "snippet": "m = load()",
        "suppressed": False,
        "cell": 2,
    }
    sparse["models"].append(
        {
            "id": "acme/mystery",
            "source": "huggingface",
            "purl": "pkg:huggingface/acme/mystery",
            "revision": None,
            "direct": True,
            "suppressed": False,
            "license": None,
            "license_provenance": None,
            "provenance": {},
            "effective_licenses": [
                {"license": None, "model": "acme/mystery", "chain": ["acme/mystery"]}
            ],
            "base_models": [],
            "publisher": {"name": None, "country": None, "org": None},
            "unresolved": "offline: not in the lockfile or the catalog",
            "locations": [nb_loc],
        }
    )
    sparse["findings"].append(
        {
            "rule": "license-unknown",
            "severity": "error",
            "model": "acme/mystery",
            "message": "acme/mystery: license unknown",
            "remediation": "Pin it.",
            "locations": [nb_loc],
            "waived": None,
            "license": None,
            "chain": [],
        }
    )
    sparse["findings"].append(
        {
            "rule": "policy-config",
            "severity": "warning",
            "model": None,
            "message": "waiver for acme/* matches no model",
            "remediation": "Remove the stale waiver.",
            "locations": [],
            "waived": None,
            "license": None,
            "chain": [],
        }
    )
    sparse["datasets"] = [
        {
            "id": "acme/corpus",
            "source": "huggingface-dataset",
            "locations": [
                {"path": "data.py", "line": 1, "column": 1, "snippet": "", "suppressed": False}
            ],
        }
    ]
    sparse["skipped"] = [{"path": "broken.ipynb", "reason": "not valid JSON"}]
    sparse["unresolvable"] = [
        {
            "location": {
                "path": "app/dyn.py",
                "line": 4,
                "column": 1,
                "snippet": "",
                "suppressed": False,
            },
            "expression": 'f"org/{name}"',
            "reason": "built at run time",
        }
    ]
    sparse["warnings"] = ["the Hub could not be reached: resolved from the catalog"]
    from licaudit.resources import validation_errors

    assert validation_errors("report", sparse) == []
    text = render(sparse, "text")
    assert (
        "acme/mystery" in text
        and "notebooks/explore.ipynb[cell 2]:3" in text
        and "broken.ipynb: not valid JSON" in text
    )
    assert "acme/corpus" in text and "the Hub could not be reached" in text
    for fmt in ("markdown", "html"):
        out = render(sparse, fmt)
        visible = parse_html(markdown_to_html(out) if fmt == "markdown" else out).visible()
        sections = md_sections(out) if fmt == "markdown" else html_sections(out, sparse)
        assert "Unresolved offline: not in the lockfile or the catalog" in sections["acme/mystery"]
        assert "Unknown until the license is known." in sections["acme/mystery"]
        assert "notebooks/explore.ipynb[cell 2]:3" in sections["acme/mystery"]
        assert "Policy findings" in visible and "waiver for acme/* matches no model" in visible
        assert "acme/corpus — data.py:1" in visible
        assert "Skipped broken.ipynb: not valid JSON" in visible
        assert "Warning: the Hub could not be reached" in visible
        assert 'app/dyn.py:4 f"org/{name}" (built at run time)' in visible
    notice = render(sparse, "notice")
    assert "- acme/mystery" in notice.split("## Models with an unknown license")[1]
    annotations = parse_annotations(render(sparse, "github"))
    policy_level = [a for a in annotations if a[1]["title"] == "licaudit policy-config"]
    assert policy_level == [
        (
            "warning",
            {"title": "licaudit policy-config"},
            "waiver for acme/* matches no model\nFix: Remove the stale waiver.",
        )
    ]
    cell = next(
        a
        for a in annotations
        if a[1]["title"] == "licaudit license-unknown"
        and a[1].get("file") == "notebooks/explore.ipynb"
    )
    assert "line" not in cell[1] and cell[2].endswith("(in cell 2, line 3)")


@pytest.mark.parametrize(("org", "status"), [(700_000_000, "below"), (700_000_001, "above")])
def test_mau_checklist_agrees_with_the_rule_at_the_threshold(org, status):
    """Exactly at the threshold is within the license (as the mau-limit rule sees it)."""
    from licaudit.licensing import knowledge_base
    from licaudit.licensing.obligations import UserLimit
    from licaudit.report import _common
    from licaudit.report.document import license_entry

    doc = {
        "licenses": {"llama3.1": license_entry("llama3.1", knowledge_base())},
        "policy": {"organization": {"monthly_active_users": org}},
    }
    (mau,) = [o for o in _common.license_obligations(doc, "llama3.1") if isinstance(o, UserLimit)]
    assert mau.status == status


def test_every_format_describes_a_waiver_in_the_same_words(doc):
    """One description of a waiver: a missing approver or expiry is said, never left out."""
    bare = copy.deepcopy(doc)
    waived = [f for f in bare["findings"] if f["waived"]]
    assert waived
    for f in waived:
        f["waived"]["approved_by"] = f["waived"]["expires"] = None
    reason = waived[0]["waived"]["reason"]
    said = f"{reason}; approver not recorded; no expiry"
    assert f"[waived: {said}]" in render(bare, "text")
    assert f"waived: {said}" in parse_html(markdown_to_html(render(bare, "markdown"))).visible()
    assert f"waived: {said}" in parse_html(render(bare, "html")).visible()
    messages = [m for _c, _p, m in parse_annotations(render(bare, "github"))]
    assert any(f"\nWaived: {said}" in m for m in messages)
    results = json.loads(render(bare, "sarif"))["runs"][0]["results"]
    justifications = [s["justification"] for r in results for s in r.get("suppressions", [])]
    assert justifications and set(justifications) == {said}
