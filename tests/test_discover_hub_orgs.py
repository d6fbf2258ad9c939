"""Hub organizations that are also router or provider prefixes (``huggingface/``, ``databricks/``,
``groq/``): where the context takes Hub repositories only (``from_pretrained``, ``licaudit check``)
the value is the Hub repository as written; where it may be a hosted API's model, the prefix
still names the provider. Real files in a temporary folder, scanned by the real discovery, and
the installed command line."""

from __future__ import annotations

import json
from pathlib import Path

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def found(root: Path, files: dict[str, str]) -> set[tuple[str, str, str, int]]:
    result = discover(write_files(root, files))
    return {(r.id, r.source, r.location.path, r.location.line) for r in result.refs}


def test_a_provider_named_organization_is_a_hub_repository_in_a_hub_loader(tmp_path):
    py = """from transformers import AutoModelForCausalLM, AutoTokenizer
import litellm

base = AutoModelForCausalLM.from_pretrained("databricks/dolly-v2-3b")
tok = AutoTokenizer.from_pretrained("Groq/Llama-3-Groq-8B-Tool-Use")
api = litellm.completion(model="groq/llama3-8b-8192", messages=[])
"""
    refs = found(tmp_path, {"train.py": py})
    assert ("databricks/dolly-v2-3b", HUGGINGFACE, "train.py", 4) in refs
    assert ("Groq/Llama-3-Groq-8B-Tool-Use", HUGGINGFACE, "train.py", 5) in refs
    # decoy: in LiteLLM's place the prefix still names the provider, and no Hub id is made of it
    assert ("llama3-8b-8192", HOSTED, "train.py", 6) in refs
    assert not {r for r in refs if r[0].lower().startswith("groq/llama3")}


def test_a_hosted_model_name_under_a_provider_prefix_is_not_a_hub_id_even_in_a_hub_loader(
    tmp_path,
):
    py = """from transformers import AutoTokenizer

tok = AutoTokenizer.from_pretrained("openai/gpt-4o")
tok2 = AutoTokenizer.from_pretrained("anthropic/claude-3-opus")
"""
    refs = found(tmp_path, {"tok.py": py})
    assert not {r for r in refs if r[1] == HUGGINGFACE}


def test_huggingface_org_with_one_slash_is_the_repository_as_written(tmp_path):
    cfg = """hparams:
    model_name: huggingface/acme-7b
    tokenizer_name: huggingface/acme-org/acme-7b-tokenizer
"""
    refs = found(tmp_path, {"config.yaml": cfg})
    assert ("huggingface/acme-7b", HUGGINGFACE, "config.yaml", 2) in refs
    # decoy: LiteLLM's huggingface/org/name still routes to the Hub repository org/name
    assert ("acme-org/acme-7b-tokenizer", HUGGINGFACE, "config.yaml", 3) in refs
    assert not {r for r in refs if r[0] == "huggingface/acme-org/acme-7b-tokenizer"}


def test_check_takes_a_hub_repository_of_a_provider_named_organization(run_licaudit, tmp_path):
    for model in ("huggingface/acme-7b", "databricks/dolly-v2-3b"):
        proc = run_licaudit("check", model, "--offline", "--format", "json", cwd=tmp_path)
        assert proc.returncode in (0, 1), proc.stdout + proc.stderr
        doc = json.loads(proc.stdout)
        assert [(m["id"], m["source"]) for m in doc["models"]] == [(model, HUGGINGFACE)]
    # decoy: a hosted API's own model name under its prefix has no open-weight license to check
    proc = run_licaudit("check", "anthropic/claude-3-opus", "--offline", cwd=tmp_path)
    assert proc.returncode == 2 and "not a model id" in proc.stderr
