"""End to end through the installed ``licaudit`` script: check, scan with the built-in policies
on realistic model sets, policy validate/show, init, and configuration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

DISTILL = "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"  # MIT card, fine-tuned from Llama 3.1 8B
LLAMA = "meta-llama/Llama-3.1-8B-Instruct"
VISION = "meta-llama/Llama-3.2-11B-Vision-Instruct"
COHERE = "CohereForAI/c4ai-command-r-v01"  # CC BY-NC 4.0
MISTRAL = "mistralai/Mistral-7B-Instruct-v0.3"  # Apache-2.0
QWEN72 = "Qwen/Qwen2.5-72B-Instruct"  # Qwen license, CN


def findings(proc) -> list[dict]:
    assert proc.stdout, proc.stderr
    return json.loads(proc.stdout)["findings"]


def rules_for(found: list[dict], model: str, *, active: bool = True) -> set[str]:
    return {f["rule"] for f in found if f["model"] == model and (f["waived"] is None or not active)}


def test_check_default_policy(run_licaudit, tmp_path):
    proc = run_licaudit(
        "check",
        MISTRAL,
        COHERE,
        LLAMA,
        DISTILL,
        "nobody/unknown-model",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["policy"]["source"] == "builtin:default"
    f = doc["findings"]
    assert rules_for(f, COHERE) >= {"commercial-use", "gated"}
    assert "license-unknown" in rules_for(f, "nobody/unknown-model")
    assert "category-review" in rules_for(f, LLAMA)
    distill = [x for x in f if x["model"] == DISTILL]
    # the MIT distill is bound by Llama 3.1 through lineage
    assert any(
        x["rule"] == "category-review" and x["license"] == "llama3.1" and x["chain"]
        for x in distill
    )
    assert any(
        x["rule"] == "lineage-conflict" and "mit" in x["message"] and "llama3.1" in x["message"]
        for x in distill
    )
    ob = next(x for x in distill if x["rule"] == "obligations")
    assert "Built with Llama" in ob["message"]
    assert not {r for r in rules_for(f, MISTRAL) if r not in ("obligations",)}
    assert {m["id"] for m in doc["models"] if m["direct"]} == {
        MISTRAL,
        COHERE,
        LLAMA,
        DISTILL,
        "nobody/unknown-model",
    }


def test_check_passes_and_text_format(run_licaudit, tmp_path):
    proc = run_licaudit("check", MISTRAL, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert MISTRAL in proc.stdout


def test_check_rejects_non_model_and_bad_policy(run_licaudit, tmp_path):
    proc = run_licaudit("check", "./some/file.py", cwd=tmp_path)
    assert proc.returncode == 2 and "not a model id" in proc.stderr
    (tmp_path / "p.yaml").write_text(
        "version: 1\nlicenses:\n  deny: [mit]\n  alow: [apache-2.0]\n", encoding="utf-8"
    )
    proc = run_licaudit("check", MISTRAL, "--policy", "p.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "p.yaml:4: licenses.alow: unknown key 'alow' (did you mean 'allow'?)" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_check_permissive_policy(run_licaudit, tmp_path):
    proc = run_licaudit(
        "check", MISTRAL, LLAMA, DISTILL, "--policy", "permissive", "--format", "json", cwd=tmp_path
    )
    assert proc.returncode == 1
    f = findings(proc)
    assert "license-not-allowed" in rules_for(f, LLAMA)
    # the MIT card does not make the distill permissive: Llama 3.1 binds through lineage
    assert {"license-not-allowed", "lineage-conflict"} <= rules_for(f, DISTILL)
    assert (
        next(x for x in f if x["model"] == DISTILL and x["rule"] == "lineage-conflict")["severity"]
        == "error"
    )
    assert not rules_for(f, MISTRAL) - {"obligations"}


def test_check_enterprise_policy(run_licaudit, tmp_path):
    proc = run_licaudit(
        "check", QWEN72, VISION, LLAMA, "--policy", "enterprise", "--format", "json", cwd=tmp_path
    )
    assert proc.returncode == 1
    f = findings(proc)
    assert {"origin-denied", "mau-limit", "category-review"} <= rules_for(
        f, QWEN72
    )  # 250M users > Qwen's 100M
    assert "jurisdiction" in rules_for(f, VISION)  # EU exclusion for multimodal Llama 3.2
    assert "mau-limit" not in rules_for(f, LLAMA)  # 250M < 700M
    assert "jurisdiction" not in rules_for(f, LLAMA)


def test_check_research_policy(run_licaudit, tmp_path):
    proc = run_licaudit(
        "check", COHERE, MISTRAL, "--policy", "research", "--format", "json", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stdout
    f = findings(proc)
    assert "commercial-use" not in rules_for(f, COHERE)
    assert "obligations" in rules_for(f, COHERE)


def test_check_waiver_and_expired_waiver(run_licaudit, tmp_path):
    base = {
        "version": 1,
        "extends": "default",
        "organization": {"monthly_active_users": 800_000_000},
    }
    valid = {
        **base,
        "waivers": [
            {
                "model": "meta-llama/*",
                "rules": ["mau-limit", "category-review"],
                "reason": "Agreement with Meta (LEGAL-142)",
                "approved_by": "legal@example.com",
                "expires": "2999-12-31",
            }
        ],
    }
    (tmp_path / "valid.yaml").write_text(yaml.safe_dump(valid), encoding="utf-8")
    proc = run_licaudit(
        "check", DISTILL, "--policy", "valid.yaml", "--format", "json", cwd=tmp_path
    )
    doc = json.loads(proc.stdout)
    mau = [x for x in doc["findings"] if x["rule"] == "mau-limit"]
    assert mau and all(x["waived"] and x["waived"]["reason"].startswith("Agreement") for x in mau)
    stale = {**valid, "waivers": [{**valid["waivers"][0], "expires": "2020-01-31"}]}
    (tmp_path / "stale.yaml").write_text(yaml.safe_dump(stale), encoding="utf-8")
    proc = run_licaudit(
        "check", DISTILL, "--policy", "stale.yaml", "--format", "json", cwd=tmp_path
    )
    assert proc.returncode == 1
    f = findings(proc)
    assert {"mau-limit", "waiver-expired"} <= rules_for(f, DISTILL)


def test_fail_on_option_and_policy(run_licaudit, tmp_path):
    # category-review is a warning: passes with fail_on error, fails with --fail-on warning
    assert run_licaudit("check", LLAMA, cwd=tmp_path).returncode == 0
    assert run_licaudit("check", LLAMA, "--fail-on", "warning", cwd=tmp_path).returncode == 1
    (tmp_path / "never.yaml").write_text("extends: default\nfail_on: never\n", encoding="utf-8")
    assert run_licaudit("check", COHERE, "--policy", "never.yaml", cwd=tmp_path).returncode == 0


APP = f'''from transformers import AutoModelForCausalLM

chat = AutoModelForCausalLM.from_pretrained("{LLAMA}")
distilled = AutoModelForCausalLM.from_pretrained("{DISTILL}")
embedder = AutoModelForCausalLM.from_pretrained("{MISTRAL}")
'''


def test_scan_repository_with_configured_policy(run_licaudit, make_repo):
    policy = {
        "version": 1,
        "name": "acme",
        "extends": "enterprise",
        "organization": {"monthly_active_users": 900_000_000},
        "waivers": [
            {
                "model": "meta-llama/*",
                "rules": ["mau-limit"],
                "reason": "LEGAL-142",
                "expires": "2999-01-01",
            }
        ],
    }
    repo = make_repo(
        {
            "app.py": APP,
            "config/licaudit-policy.yaml": yaml.safe_dump(policy),
            "pyproject.toml": '[project]\nname = "acme"\n\n[tool.licaudit]\npolicy = "config/licaudit-policy.yaml"\nfail_on = "error"\n',
        }
    )
    proc = run_licaudit("scan", ".", "--format", "json", cwd=repo)
    doc = json.loads(proc.stdout)
    assert doc["policy"]["name"] == "acme"
    f = doc["findings"]
    # config fail_on=error wins over the enterprise policy's warning; the distill fails on mau-limit
    # (the waiver names meta-llama/*, which is on the distill's lineage chain, so it is waived)
    distill_mau = [x for x in f if x["model"] == DISTILL and x["rule"] == "mau-limit"]
    assert distill_mau and all(x["waived"] for x in distill_mau)
    assert "lineage-conflict" in rules_for(f, DISTILL)
    assert proc.returncode == 1  # lineage-conflict is an error in enterprise
    app_loc = next(x for x in f if x["model"] == LLAMA)["locations"][0]
    assert app_loc["path"] == "app.py" and app_loc["line"] == 3
    # command-line options win over the configuration
    proc = run_licaudit("scan", ".", "--policy", "research", "--format", "json", cwd=repo)
    assert json.loads(proc.stdout)["policy"]["name"] == "research" and proc.returncode == 0


def test_scan_reports_policy_typo_with_line(run_licaudit, make_repo):
    repo = make_repo(
        {
            "app.py": APP,
            ".licaudit.yaml": "policy: policy.yaml\n",
            "policy.yaml": "version: 1\nextends: default\nwaivers:\n  - model: x\n    reason: r\n    approved: legal\n",
        }
    )
    proc = run_licaudit("scan", ".", cwd=repo)
    assert proc.returncode == 2
    assert (
        "policy.yaml:6: waivers.0.approved: unknown key 'approved' (did you mean 'approved_by'?)"
        in proc.stderr
    )


def test_config_typo_with_line(run_licaudit, make_repo):
    repo = make_repo(
        {
            "app.py": APP,
            "pyproject.toml": '[project]\nname = "x"\n[tool.licaudit]\npolicy = "default"\nfail-on = "error"\n',
        }
    )
    proc = run_licaudit("scan", ".", cwd=repo)
    assert proc.returncode == 2
    assert (
        "pyproject.toml:5: fail-on: unknown key 'fail-on' (did you mean 'fail_on'?)" in proc.stderr
    )
    repo = make_repo(
        {".licaudit.yaml": "policy: default\nexclude: [x]\nofline: true\n"}, name="yaml"
    )
    proc = run_licaudit("scan", ".", cwd=repo)
    assert (
        proc.returncode == 2
        and ".licaudit.yaml:3: ofline: unknown key 'ofline' (did you mean 'offline'?)"
        in proc.stderr
    )


def test_policy_validate(run_licaudit, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("version: 1\nextends: enterprise\nfail_on: never\n", encoding="utf-8")
    proc = run_licaudit("policy", "validate", "good.yaml", cwd=tmp_path)
    assert proc.returncode == 0 and "good.yaml: valid" in proc.stdout
    (tmp_path / "bad.yaml").write_text(
        "version: 1\norganization:\n  use: commercial\n  juristictions: [EU]\nfail_on: sometimes\n",
        encoding="utf-8",
    )
    proc = run_licaudit("policy", "validate", "good.yaml", "bad.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert (
        lines[0]
        == "policy bad.yaml:4: organization.juristictions: unknown key 'juristictions' (did you mean 'jurisdictions'?); expected one of: annual_revenue_usd, daily_active_users, deployment, jurisdictions, monthly_active_users, monthly_revenue_usd, serves_models, use"
    )
    assert lines[1].startswith(
        "policy bad.yaml:5: fail_on: 'sometimes' is not one of: error, warning, never"
    )
    (tmp_path / "loop.yaml").write_text("extends: loop.yaml\n", encoding="utf-8")
    proc = run_licaudit("policy", "validate", "loop.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and "'extends' loops" in proc.stderr
    proc = run_licaudit(
        "policy", "validate", "default", "enterprise", "permissive", "research", cwd=tmp_path
    )
    assert proc.returncode == 0 and proc.stdout.count(": valid") == 4
    proc = run_licaudit("policy", "validate", "missing.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and "not found" in proc.stderr


@pytest.mark.parametrize("name", ["default", "permissive", "enterprise", "research"])
def test_policy_show_builtin_roundtrips(run_licaudit, tmp_path, name):
    proc = run_licaudit("policy", "show", name, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"# policy {name} (builtin:{name})")
    (tmp_path / "shown.yaml").write_text(proc.stdout, encoding="utf-8")
    assert run_licaudit("policy", "validate", "shown.yaml", cwd=tmp_path).returncode == 0
    assert yaml.safe_load(proc.stdout)["name"] == name


def test_policy_show_merges_extends_and_uses_config(run_licaudit, tmp_path):
    (tmp_path / "team.yaml").write_text(
        "extends: default\norganization:\n  jurisdictions: [EU]\nseverity: {gated: off}\n",
        encoding="utf-8",
    )
    (tmp_path / ".licaudit.yaml").write_text("policy: team.yaml\n", encoding="utf-8")
    proc = run_licaudit("policy", "show", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    doc = yaml.safe_load(proc.stdout)
    assert doc["name"] == "team" and "extends" not in doc
    assert doc["organization"] == {
        "use": "commercial",
        "deployment": "hosted",
        "jurisdictions": ["EU"],
    }
    assert doc["severity"] == {"gated": "off"}
    assert run_licaudit("policy", "show", cwd=tmp_path).stdout == proc.stdout  # deterministic


def test_policy_rules_lists_every_rule(run_licaudit, tmp_path):
    from licaudit.policy import RULES

    out = run_licaudit("policy", "rules", cwd=tmp_path).stdout
    for rule in RULES:
        assert rule in out


def test_init_without_pyproject_then_refuses(run_licaudit, make_repo):
    repo = make_repo({"app.py": APP})
    proc = run_licaudit("init", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert (repo / "licaudit-policy.yaml").is_file() and (repo / ".licaudit.yaml").is_file()
    assert yaml.safe_load((repo / ".licaudit.yaml").read_text())["policy"] == "licaudit-policy.yaml"
    assert run_licaudit("policy", "validate", "licaudit-policy.yaml", cwd=repo).returncode == 0
    text = (repo / "licaudit-policy.yaml").read_text()
    assert "extends: default" in text and "# waivers:" in text
    # the starter policy is what a scan uses now
    proc = run_licaudit("scan", ".", "--format", "json", cwd=repo)
    assert json.loads(proc.stdout)["policy"]["source"] == "licaudit-policy.yaml"
    before = text
    proc = run_licaudit("init", cwd=repo)
    assert (
        proc.returncode == 2
        and "already exists" in proc.stderr
        and "not overwriting" in proc.stderr
    )
    assert (repo / "licaudit-policy.yaml").read_text() == before


def test_init_appends_to_pyproject_and_refuses_existing_section(run_licaudit, make_repo):
    original = '[project]\nname = "acme"\nversion = "1.0"\n'
    repo = make_repo({"pyproject.toml": original})
    proc = run_licaudit("init", "--policy", "enterprise", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    text = (repo / "pyproject.toml").read_text()
    assert (
        text.startswith(original)
        and "[tool.licaudit]" in text
        and not (repo / ".licaudit.yaml").exists()
    )
    assert "extends: enterprise" in (repo / "licaudit-policy.yaml").read_text()
    proc = run_licaudit("policy", "show", cwd=repo)
    assert proc.returncode == 0 and yaml.safe_load(proc.stdout)["procurement"]["deny_countries"]
    # a pyproject that already configures licaudit is left alone, and nothing else is written
    repo2 = make_repo(
        {"pyproject.toml": original + '\n[tool.licaudit]\npolicy = "default"\n'}, name="two"
    )
    proc = run_licaudit("init", cwd=repo2)
    assert proc.returncode == 2 and "[tool.licaudit]" in proc.stderr
    assert not (repo2 / "licaudit-policy.yaml").exists()
    repo3 = make_repo({".licaudit.yaml": "policy: default\n"}, name="three")
    proc = run_licaudit("init", cwd=repo3)
    assert proc.returncode == 2 and not (repo3 / "licaudit-policy.yaml").exists()


def test_check_is_deterministic(run_licaudit, tmp_path):
    a = run_licaudit("check", DISTILL, COHERE, "--format", "json", cwd=tmp_path).stdout
    b = run_licaudit("check", COHERE, DISTILL, "--format", "json", cwd=tmp_path).stdout
    assert a == b and str(Path(tmp_path)) not in a
