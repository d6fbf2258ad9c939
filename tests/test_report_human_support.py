"""A realistic scan for the human-facing report tests: several models, lineage, waivers (one
valid, one expired), every severity — built through the real pipeline from a temporary git
repository, then completed where the pipeline does not (yet) produce one of those cases."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from licaudit.model import SEVERITY_RANK
from licaudit.resources import validation_errors

from .conftest import write_git_repo as write_repo  # noqa: F401 - the report tests import it from here

LLAMA = "meta-llama/Llama-3.1-8B-Instruct"
COHERE = "CohereForAI/c4ai-command-r-v01"
MISTRAL = "mistralai/Mistral-7B-Instruct-v0.3"
MINILM = "sentence-transformers/all-MiniLM-L6-v2"
GEMMA = "google/gemma-2-9b-it"
LOCAL_FT = "models/acme-llama-ft"
APPROVER = "Jane Doe (Legal)"
EXPIRES = "2099-12-31"
MAU = 2_500_000

MAIN_PY = f'''from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

chat = AutoModelForCausalLM.from_pretrained("{LLAMA}")
summarizer = pipeline("summarization", model="{COHERE}")
tokenizer = AutoTokenizer.from_pretrained("{MISTRAL}")
assistant = AutoModelForCausalLM.from_pretrained("./{LOCAL_FT}")
reranker = AutoModelForCausalLM.from_pretrained("{GEMMA}")
'''

EMBED_PY = f'''from transformers import AutoModel

encoder = AutoModel.from_pretrained("{MINILM}")
'''

CARD = f"""---
license: apache-2.0
base_model: {LLAMA}
base_model_relation: finetune
---
# acme-llama-ft

Our support assistant, fine-tuned from Llama 3.1 8B Instruct.
"""

POLICY = f"""version: 1
extends: default
organization:
  monthly_active_users: {MAU}
waivers:
  - model: {LLAMA}
    rules: [category-review]
    reason: Legal reviewed the Llama 3.1 Community License for the chat feature (LEGAL-42).
    approved_by: {APPROVER}
    expires: "{EXPIRES}"
  - model: {COHERE}
    rules: [commercial-use]
    reason: Evaluation only, pending a commercial agreement.
    approved_by: John Roe
    expires: "2020-01-31"
"""

FILES = {
    "app/main.py": MAIN_PY,
    "app/embed.py": EMBED_PY,
    f"{LOCAL_FT}/README.md": CARD,
    f"{LOCAL_FT}/config.json": '{"model_type": "llama", "architectures": ["LlamaForCausalLM"]}\n',
    "policy.yaml": POLICY,
}


def scan(root: Path, cache: Path) -> dict[str, Any]:
    """The real pipeline, offline: discover, resolve, evaluate, then the JSON report document."""
    from licaudit import audit
    from licaudit.policy import load_policy
    from licaudit.report import document

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LICAUDIT_CACHE_DIR", str(cache))
        mp.setenv("HF_HUB_OFFLINE", "1")
        policy = load_policy(str(root / "policy.yaml"))
        result = audit.run(root, policy, audit.Options(offline=True))
        return document.build(result)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _loc(path: str, text: str, needle: str) -> dict[str, Any]:
    line = line_of(text, needle)
    snippet = text.splitlines()[line - 1]
    return {
        "path": path,
        "line": line,
        "column": snippet.index(needle) + 1,
        "snippet": snippet.strip(),
        "suppressed": False,
    }


def _finding_key(f: dict[str, Any]) -> tuple:
    return (
        -SEVERITY_RANK[f["severity"]],
        f["model"] or "",
        f["rule"],
        f["license"] or "",
        tuple(f["chain"]),
        f["message"],
        f["waived"] is not None,
    )


def _summary(doc: dict[str, Any]) -> None:
    active = [f for f in doc["findings"] if not f["waived"]]
    s = doc["summary"]
    s["models"] = sum(1 for m in doc["models"] if m["direct"])
    s["ancestors"] = sum(1 for m in doc["models"] if not m["direct"])
    for sev, key in (("error", "errors"), ("warning", "warnings"), ("info", "infos")):
        s[key] = sum(1 for f in active if f["severity"] == sev)
    s["waived"] = sum(1 for f in doc["findings"] if f["waived"])
    fail_on = doc["policy"]["fail_on"]
    s["verdict"] = (
        "fail"
        if fail_on != "never"
        and any(SEVERITY_RANK[f["severity"]] >= SEVERITY_RANK[fail_on] for f in active)
        else "pass"
    )


def complete(real: dict[str, Any]) -> dict[str, Any]:
    """The real document with every case the report tests need present: a valid waiver (who,
    until when), an expired waiver, an info finding, and a local fine-tune whose own license is
    apache-2.0 but which inherits llama3.1 through its base model. Cases the pipeline already
    produces are left as the pipeline made them. The result still validates against the schema."""
    doc = copy.deepcopy(real)
    by_id = {m["id"]: m for m in doc["models"]}
    llama, cohere = by_id[LLAMA], by_id[COHERE]

    if not any(f["waived"] for f in doc["findings"]):
        for f in doc["findings"]:
            if f["model"] == LLAMA and f["rule"] in ("category-review", "license-review"):
                f["waived"] = {
                    "model": LLAMA,
                    "rules": [f["rule"]],
                    "reason": "Legal reviewed the Llama 3.1 Community License for the chat feature (LEGAL-42).",
                    "approved_by": APPROVER,
                    "expires": EXPIRES,
                }
    if not any(f["rule"] == "waiver-expired" for f in doc["findings"]):
        doc["findings"].append(
            {
                "rule": "waiver-expired",
                "severity": "warning",
                "model": COHERE,
                "message": f"{COHERE}: the waiver for commercial-use expired on 2020-01-31 (approved by John Roe)",
                "remediation": "Renew the waiver with a new expiry date after review, or remove it and fix the finding.",
                "locations": cohere["locations"],
                "waived": None,
                "license": None,
                "chain": [],
            }
        )
    if not any(f["severity"] == "info" for f in doc["findings"]):
        doc["findings"].append(
            {
                "rule": "gated",
                "severity": "info",
                "model": LLAMA,
                "message": f"{LLAMA} is gated on the Hub: every user must accept the license to download it",
                "remediation": "Make sure whoever deploys the model has accepted the license on the Hub.",
                "locations": llama["locations"],
                "waived": None,
                "license": "llama3.1",
                "chain": [],
            }
        )
    ft = by_id.get(LOCAL_FT)
    inherits = ft is not None and any(
        e["license"] == "llama3.1" and len(e["chain"]) > 1 for e in ft["effective_licenses"]
    )
    if not inherits:
        if ft is not None:
            doc["models"].remove(ft)
            doc["findings"] = [f for f in doc["findings"] if f["model"] != LOCAL_FT]
        apache = copy.deepcopy(by_id[MISTRAL]["license"])
        own = {"license": "apache-2.0", "model": LOCAL_FT, "chain": [LOCAL_FT]}
        inherited = [
            {"license": e["license"], "model": e["model"], "chain": [LOCAL_FT, *e["chain"]]}
            for e in llama["effective_licenses"]
        ]
        doc["models"].append(
            {
                "id": LOCAL_FT,
                "source": "local",
                "purl": None,
                "revision": None,
                "direct": True,
                "suppressed": False,
                "license": apache,
                "license_expression": None,
                "license_name": None,
                "license_link": None,
                "license_provenance": "card",
                "provenance": {
                    "base_models": {"source": "card", "detail": f"{LOCAL_FT}/README.md"},
                    "license": {"source": "card", "detail": f"{LOCAL_FT}/README.md"},
                },
                "effective_licenses": [own, *inherited],
                "base_models": [LLAMA],
                "base_model_relation": "finetune",
                "publisher": {"name": None, "country": None, "org": None},
                "gated": None,
                "eu_disallowed": None,
                "modalities": [],
                "notes": [],
                "unresolved": None,
                "locations": [_loc("app/main.py", MAIN_PY, f"./{LOCAL_FT}")],
            }
        )
        chain = [LOCAL_FT, LLAMA]
        doc["findings"].append(
            {
                "rule": "category-review",
                "severity": "warning",
                "model": LOCAL_FT,
                "message": f"{LOCAL_FT}: license llama3.1 (community) needs legal sign-off (inherited through {' -> '.join(chain)})",
                "remediation": "Have legal review the license terms, then record the approval as a waiver for this model.",
                "locations": doc["models"][-1]["locations"],
                "waived": None,
                "license": "llama3.1",
                "chain": chain,
            }
        )
        for lic in ("apache-2.0", "llama3.1"):
            assert lic in doc["licenses"], f"the real scan did not carry {lic}"
    doc["models"].sort(key=lambda m: (not m["direct"], m["id"].lower(), m["source"]))
    doc["findings"].sort(key=_finding_key)
    _summary(doc)
    errors = validation_errors("report", doc)
    assert errors == [], errors
    return json.loads(json.dumps(doc))
