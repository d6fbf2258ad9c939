"""Suppressions carry a reason and appear in the review: ``licaudit: ignore[ID] -- REASON`` in
every comment style; suppressed models listed with location and reason and counted in the
banner; a policy can require a reason or forbid suppressing error-level findings. Through the
CLI, in a real repository."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

COHERE = "CohereForAI/c4ai-command-r-v01"
LLAMA = "meta-llama/Llama-3.1-8B-Instruct"
MISTRAL = "mistralai/Mistral-7B-Instruct-v0.3"

FILES = {
    # Python, hash comment
    "app.py": (
        "from transformers import AutoModel\n"
        f'bad = AutoModel.from_pretrained("{COHERE}")  # licaudit: ignore[{COHERE}] -- LEGAL-123 research demo only\n'
        f'ok = AutoModel.from_pretrained("{MISTRAL}")  # licaudit: ignore\n'
    ),
    # JavaScript, slash comment
    "web/chat.ts": (
        'import { pipeline } from "@huggingface/transformers";\n'
        f'const chat = await pipeline("text-generation", "{LLAMA}"); '
        f"// licaudit: ignore[{LLAMA.lower()}] -- LEGAL-7 signed\n"
    ),
    # YAML, hash comment; shell, hash comment; a block comment
    "deploy/values.yaml": f"model: {MISTRAL}  # licaudit: ignore -- LEGAL-8 eval cluster only\n",
    "serve.sh": f"vllm serve {MISTRAL} /* licaudit: ignore -- LEGAL-9 */\n",
}
REASONS = {
    ("app.py", 2): "LEGAL-123 research demo only",
    ("app.py", 3): None,
    ("web/chat.ts", 2): "LEGAL-7 signed",
    ("deploy/values.yaml", 1): "LEGAL-8 eval cluster only",
    ("serve.sh", 1): "LEGAL-9",
}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(html: str) -> str:
    page = _Text()
    page.feed(html)
    return re.sub(r"\s+", " ", " ".join(page.parts))


def scan(run_licaudit, repo, *args):
    return run_licaudit("scan", ".", "--offline", *args, cwd=repo)


def test_reasons_travel_from_every_comment_style_into_the_review(make_repo, run_licaudit):
    repo = make_repo(FILES)
    doc = json.loads(scan(run_licaudit, repo, "--format", "json").stdout)
    seen = {}
    for m in doc["models"]:
        for loc in m["locations"]:
            assert loc["suppressed"], (m["id"], loc)
            seen[(loc["path"], loc["line"])] = loc.get("suppression_reason")
    assert seen == REASONS
    assert doc["summary"]["suppressed"] == 3 and doc["findings"] == []

    md = scan(run_licaudit, repo, "--format", "markdown").stdout
    banner = next(line for line in md.splitlines() if line.startswith("**PASS**"))
    assert "3 models suppressed in the code." in banner
    listed = md.split("### Suppressed in the code (5)", 1)[1].split("\n## ", 1)[0]
    assert f"{COHERE} — app.py:2 — reason: LEGAL-123 research demo only" in listed
    assert f"{MISTRAL} — app.py:3 — **no reason given**" in listed
    assert f"{MISTRAL} — serve.sh:1 — reason: LEGAL-9" in listed

    html = visible(scan(run_licaudit, repo, "--format", "html").stdout)
    assert "Suppressed in the code (5)" in html
    assert f"{LLAMA} — web/chat.ts:2 — reason: LEGAL-7 signed" in html

    text = scan(run_licaudit, repo).stdout
    assert f"  {COHERE}  at app.py:2  reason: LEGAL-123 research demo only" in text
    assert f"  {MISTRAL}  at app.py:3  no reason given" in text


def test_a_policy_can_require_a_reason_and_forbid_hiding_errors(make_repo, run_licaudit):
    repo = make_repo(
        {
            **FILES,
            "strict.yaml": "version: 1\nname: strict\nsuppressions:\n  require_reason: true\n",
            "no-errors.yaml": "version: 1\nname: no-errors\nsuppressions:\n  forbid_errors: true\n",
        }
    )
    strict = scan(run_licaudit, repo, "--policy", "strict.yaml", "--format", "json")
    assert strict.returncode == 1
    doc = json.loads(strict.stdout)
    (unjustified,) = [f for f in doc["findings"] if f["rule"] == "suppression-unjustified"]
    assert unjustified["model"] == MISTRAL and unjustified["severity"] == "error"
    assert [loc["path"] for loc in unjustified["locations"]] == ["app.py"]
    assert "at app.py:3" in unjustified["message"]
    models = {m["id"]: m for m in doc["models"]}
    assert models[MISTRAL]["suppressed"] is False  # not honoured: audited like any model
    assert models[COHERE]["suppressed"] is True  # its marker gives a reason
    assert {f["model"] for f in doc["findings"]} == {MISTRAL}

    md = scan(run_licaudit, repo, "--policy", "strict.yaml", "--format", "markdown").stdout
    assert "(not honoured: the policy audits the model)" in md

    no_errors = scan(run_licaudit, repo, "--policy", "no-errors.yaml", "--format", "json")
    assert no_errors.returncode == 1
    doc = json.loads(no_errors.stdout)
    rules = {(f["rule"], f["model"]) for f in doc["findings"]}
    assert ("commercial-use", COHERE) in rules  # the error stands despite the marker
    assert ("suppression-denied", COHERE) in rules
    assert not any(f["severity"] != "error" for f in doc["findings"])  # the rest stays hidden
    assert {m["id"]: m["suppressed"] for m in doc["models"]}[COHERE] is False
    assert {m["id"]: m["suppressed"] for m in doc["models"]}[MISTRAL] is True

    # the default policy honours every marker, as before
    assert scan(run_licaudit, repo).returncode == 0
