"""The legal review lists duties as duties: each once (the license's attribution sentences that
restate a structured duty are not listed again), and no waiver turns them into "Approved by
waiver" — a waiver clears findings, never what a license asks. Through the CLI."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

APP = (
    "from transformers import AutoModel\n"
    'chat = AutoModel.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n'
    'summary = AutoModel.from_pretrained("mistralai/Mistral-7B-Instruct-v0.3")\n'
)
CATCH_ALL = """\
version: 1
name: signed
extends: default
waivers:
  - model: meta-llama/*
    reason: LEGAL-42 Llama agreement signed
    approved_by: legal@acme.example
    expires: "2099-12-31"
"""


class _Items(HTMLParser):
    """The text of each <li> of the page, and of each section by id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self._open: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self._open.append([])

    def handle_endtag(self, tag):
        if tag == "li" and self._open:
            self.items.append(re.sub(r"\s+", " ", "".join(self._open.pop())).strip())

    def handle_data(self, data):
        for parts in self._open:
            parts.append(data)


def checklist(html: str, model: str) -> list[str]:
    """The checklist lines of one model's section of the HTML review."""
    section = html.split(f"<h3>{model}</h3>", 1)[1].split('<section class="model"', 1)[0]
    section = section.split("Obligations checklist", 1)[1].split("<h4>Findings</h4>", 1)[0]
    page = _Items()
    page.feed(section)
    return page.items


def test_each_duty_appears_once_in_the_checklist_and_the_notice(make_repo, run_licaudit):
    repo = make_repo({"app.py": APP})
    proc = run_licaudit(
        "scan", ".", "--offline", "--format", "html,notice", "--output-dir", "out", cwd=repo
    )
    assert proc.returncode in (0, 1), proc.stderr
    html = (repo / "out" / "licaudit-review.html").read_text(encoding="utf-8")
    notice = (repo / "out" / "ATTRIBUTION.md").read_text(encoding="utf-8")

    llama = checklist(html, "meta-llama/Llama-3.1-8B-Instruct")
    assert [line for line in llama if "Built with Llama" in line] == [
        "Display this attribution prominently (website, user interface, documentation): "
        "“Built with Llama”"
    ]
    assert len([line for line in llama if "copy of the" in line.lower()]) == 1
    assert len([line for line in llama if "notice" in line.lower()]) == 1
    assert len(llama) == len(set(llama))
    apache = checklist(html, "mistralai/Mistral-7B-Instruct-v0.3")
    assert len([line for line in apache if "copy of the" in line.lower()]) == 1
    # a duty of the license's own words that no structured duty states stays listed
    assert "Mark modified files as changed." in apache

    llama_part = notice.split("## Llama 3.1 Community License Agreement", 1)[1].split("\n## ")[0]
    assert llama_part.count("Built with Llama") == 1
    assert len(re.findall(r"copy of the", llama_part, re.IGNORECASE)) == 1
    assert llama_part.count('"Notice" text file') == 0 and llama_part.count("### Notice") == 1

    # licenses show keeps the license's own sentences, under the duty they state
    show = run_licaudit("licenses", "show", "llama3.1").stdout
    assert 'in the license\'s words: Prominently display "Built with Llama"' in " ".join(
        show.split()
    )


def test_a_catch_all_waiver_clears_findings_not_duties(make_repo, run_licaudit):
    repo = make_repo({"app.py": APP, "policy.yaml": CATCH_ALL})
    scan = ("scan", ".", "--offline", "--policy", "policy.yaml")
    doc = json.loads(run_licaudit(*scan, "--format", "json", cwd=repo).stdout)
    llama = [f for f in doc["findings"] if f["model"] == "meta-llama/Llama-3.1-8B-Instruct"]
    assert {f["rule"] for f in llama if f["waived"]} >= {"category-review", "gated"}
    assert [f["waived"] for f in llama if f["rule"] == "obligations"] == [None]

    html = run_licaudit(*scan, "--format", "html", cwd=repo).stdout
    waived_group = html.split('class="v-waived">Approved by waiver', 1)[1].split("<h3", 1)[0]
    assert "obligations" not in waived_group and "category-review" in waived_group
    lines = checklist(html, "meta-llama/Llama-3.1-8B-Instruct")
    assert any("Built with Llama" in line for line in lines)  # still a duty to meet

    md = run_licaudit(*scan, "--format", "markdown", cwd=repo).stdout
    section = md.split("### meta-llama/Llama-3.1-8B-Instruct", 1)[1].split("<a id=", 1)[0]
    assert "- **INFO** obligations:" in section
    obligations_line = next(
        line for line in section.splitlines() if line.startswith("- **INFO** obligations")
    )
    following = section.split(obligations_line, 1)[1].split("\n- ", 1)[0]
    assert "waived" not in following

    # a waiver that names the obligations rule is refused: it would clear nothing
    (repo / "policy.yaml").write_text(
        CATCH_ALL.replace("    reason:", "    rules: [obligations]\n    reason:"), encoding="utf-8"
    )
    refused = run_licaudit(*scan, cwd=repo)
    assert refused.returncode == 2 and "rules" in refused.stderr and "obligations" in refused.stderr
