"""The verdicts a license review found wrong, each through the installed CLI the way a user meets it
(``licaudit check MODEL --offline --policy ...``): the wrong allows first, then the wrong blocks,
the imprecise facts, and the thresholds beyond monthly active users."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

OMNI_3B = "Qwen/Qwen2.5-Omni-3B"
DEVSTRAL_2 = "mistralai/Devstral-2-123B-Instruct-2512"
DEVSTRAL_SMALL_2 = "mistralai/Devstral-Small-2-24B-Instruct-2512"
VISION = "meta-llama/Llama-3.2-11B-Vision-Instruct"
SCOUT = "meta-llama/Llama-4-Scout-17B-16E-Instruct"
FALCON_180B = "tiiuae/falcon-180B"


def write_policy(where: Path, organization: dict, name: str = "policy.yaml", **more) -> str:
    doc = {"version": 1, "extends": "default", "organization": organization, **more}
    (where / name).write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return name


def check(run_licaudit, where: Path, *models: str, policy: str = "default"):
    """(exit code, JSON report) of ``licaudit check MODELS --offline --policy POLICY``."""
    proc = run_licaudit(
        "check", *models, "--offline", "--policy", policy, "--format", "json", cwd=where
    )
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def findings(doc: dict, model: str, rule: str | None = None) -> list[dict]:
    return [
        f
        for f in doc["findings"]
        if f["model"] == model and (rule is None or f["rule"] == rule) and f["waived"] is None
    ]


def model_entry(doc: dict, model: str) -> dict:
    return next(m for m in doc["models"] if m["id"] == model)


# --- wrong allows -------------------------------------------------------------------------------


def test_1_qwen25_omni_3b_is_research_only_not_apache(run_licaudit, tmp_path):
    code, doc = check(run_licaudit, tmp_path, OMNI_3B, "Qwen/Qwen2.5-Omni-3B-GPTQ-Int4")
    assert code == 1
    for mid in (OMNI_3B, "Qwen/Qwen2.5-Omni-3B-GPTQ-Int4"):
        entry = model_entry(doc, mid)
        assert entry["license"]["id"] == "qwen-research"
        assert set(entry["modalities"]) == {"audio", "image", "text", "video"}
        assert [f["severity"] for f in findings(doc, mid, "commercial-use")] == ["error"]
    # its 7B sibling stays Apache-2.0
    _, doc = check(run_licaudit, tmp_path, "Qwen/Qwen2.5-Omni-7B")
    assert model_entry(doc, "Qwen/Qwen2.5-Omni-7B")["license"]["id"] == "apache-2.0"


def test_2_devstral_2_has_a_revenue_cap_devstral_small_2_is_apache(run_licaudit, tmp_path):
    code, doc = check(run_licaudit, tmp_path, DEVSTRAL_2, DEVSTRAL_SMALL_2)
    assert model_entry(doc, DEVSTRAL_2)["license"]["id"] == "mistral-modified-mit"
    assert model_entry(doc, DEVSTRAL_SMALL_2)["license"]["id"] == "apache-2.0"
    ask = findings(doc, DEVSTRAL_2, "threshold")
    assert [f["severity"] for f in ask] == ["warning"]
    assert "organization.monthly_revenue_usd" in ask[0]["message"]
    policy = write_policy(tmp_path, {"use": "commercial", "monthly_revenue_usd": 25_000_000})
    code, doc = check(run_licaudit, tmp_path, DEVSTRAL_2, DEVSTRAL_SMALL_2, policy=policy)
    assert code == 1
    above = findings(doc, DEVSTRAL_2, "threshold")
    assert [f["severity"] for f in above] == ["error"]
    assert "USD 25,000,000 monthly revenue exceed the USD 20,000,000" in above[0]["message"]
    assert "Global consolidated monthly revenue of your company" in above[0]["message"]
    assert not findings(doc, DEVSTRAL_SMALL_2, "threshold")


def _catalog_repo(tmp_path: Path, models: list[dict]) -> Path:
    (tmp_path / "legal").mkdir()
    (tmp_path / "legal" / "models.yaml").write_text(
        yaml.safe_dump({"models": models}, sort_keys=False), encoding="utf-8"
    )
    (tmp_path / ".licaudit.yaml").write_text("catalog: [legal]\n", encoding="utf-8")
    return tmp_path


def test_3_eu_exclusion_reaches_text_only_derivatives_of_multimodal_llama(run_licaudit, tmp_path):
    derivatives = [
        {
            "id": f"acme/{name}",
            "license": lic,
            "modalities": ["text"],  # what a Hub text-generation tag gives
            "base_models": [base],
            "base_model_relation": "finetune",
            "source": "test fixture",
        }
        for name, lic, base in (
            ("vision-text-ft", "llama3.2", VISION),
            ("scout-text-ft", "llama4", SCOUT),
        )
    ]
    _catalog_repo(tmp_path, derivatives)
    policy = write_policy(tmp_path, {"use": "commercial", "jurisdictions": ["DE"]})
    code, doc = check(
        run_licaudit,
        tmp_path,
        "acme/vision-text-ft",
        "acme/scout-text-ft",
        "meta-llama/Llama-3.2-1B-Instruct",
        policy=policy,
    )
    assert code == 1
    for mid in ("acme/vision-text-ft", "acme/scout-text-ft"):
        geo = findings(doc, mid, "jurisdiction")
        assert geo and all(f["severity"] == "error" for f in geo), mid
    assert not findings(doc, "meta-llama/Llama-3.2-1B-Instruct", "jurisdiction")


def test_4_falcon_180b_hosting_needs_sign_off_and_fails_as_a_model_service(run_licaudit, tmp_path):
    allowed = {"licenses": {"allow": ["falcon-180b", "apache-2.0"]}}
    hosted = write_policy(tmp_path, {"use": "commercial", "deployment": "hosted"}, **allowed)
    _, doc = check(run_licaudit, tmp_path, FALCON_180B, "falcon:180b", policy=hosted)
    for mid in (FALCON_180B, "falcon:180b"):
        assert [f["severity"] for f in findings(doc, mid, "hosting")] == ["warning"], mid
    assert doc["summary"]["warnings"] >= 2
    service = write_policy(
        tmp_path,
        {"use": "commercial", "deployment": "hosted", "serves_models": True},
        name="service.yaml",
        **allowed,
    )
    code, doc = check(run_licaudit, tmp_path, FALCON_180B, policy=service)
    assert code == 1
    assert [f["severity"] for f in findings(doc, FALCON_180B, "hosting")] == ["error"]
    on_prem = write_policy(
        tmp_path, {"use": "commercial", "deployment": "on-premises"}, name="onprem.yaml", **allowed
    )
    _, doc = check(run_licaudit, tmp_path, FALCON_180B, policy=on_prem)
    assert not findings(doc, FALCON_180B, "hosting")


def test_5_research_only_licenses_fail_personal_use(run_licaudit, tmp_path):
    research_only = [
        "mistralai/Mistral-Large-Instruct-2407",
        "Qwen/Qwen2.5-3B-Instruct",
        "qwen2.5:3b",
        "Qwen/Qwen-1_8B-Chat",
    ]
    policy = write_policy(tmp_path, {"use": "personal"})
    code, doc = check(
        run_licaudit, tmp_path, *research_only, "CohereForAI/c4ai-command-r-v01", policy=policy
    )
    assert code == 1
    for mid in research_only:
        hits = findings(doc, mid, "commercial-use")
        assert hits and "personal" in hits[0]["message"], mid
    # a non-commercial (not research-only) license permits personal use
    assert not findings(doc, "CohereForAI/c4ai-command-r-v01", "commercial-use")
    # and research use is what these licenses grant
    research = write_policy(tmp_path, {"use": "research"}, name="research.yaml")
    _, doc = check(run_licaudit, tmp_path, *research_only, policy=research)
    assert not [f for f in doc["findings"] if f["rule"] == "commercial-use"]


def test_6_qwen2_math_72b_is_not_apache(run_licaudit, tmp_path):
    policy = write_policy(tmp_path, {"use": "commercial", "monthly_active_users": 150_000_000})
    code, doc = check(
        run_licaudit,
        tmp_path,
        "Qwen/Qwen2-Math-72B-Instruct",
        "Qwen/Qwen2-Math-7B-Instruct",
        policy=policy,
    )
    assert code == 1
    entry = model_entry(doc, "Qwen/Qwen2-Math-72B-Instruct")
    assert entry["license"]["id"] == "tongyi-qianwen"
    assert findings(doc, "Qwen/Qwen2-Math-72B-Instruct", "mau-limit")[0]["severity"] == "error"
    assert model_entry(doc, "Qwen/Qwen2-Math-7B-Instruct")["license"]["id"] == "apache-2.0"


# --- wrong blocks -------------------------------------------------------------------------------


def test_7_mistral_3_is_apache_not_mrl(run_licaudit, tmp_path):
    mistral_3 = [
        "mistralai/Mistral-Large-3-675B-Instruct-2512",
        "mistralai/Ministral-3-3B-Instruct-2512",
        "mistralai/Ministral-3-8B-Instruct-2512",
        "mistralai/Ministral-3-14B-Reasoning-2512",
    ]
    code, doc = check(run_licaudit, tmp_path, *mistral_3, "mistralai/Ministral-8B-Instruct-2410")
    for mid in mistral_3:
        assert model_entry(doc, mid)["license"]["id"] == "apache-2.0", mid
        assert not findings(doc, mid, "commercial-use"), mid
    # the 2024 Ministral stays under the research license
    assert model_entry(doc, "mistralai/Ministral-8B-Instruct-2410")["license"]["id"] == "mrl"
    assert code == 1


def test_8_qwen_user_cap_binds_commercial_use_only(run_licaudit, tmp_path):
    models = ("Qwen/Qwen2.5-72B-Instruct", "Qwen/Qwen1.5-7B-Chat")
    research = write_policy(tmp_path, {"use": "research", "monthly_active_users": 200_000_000})
    _, doc = check(run_licaudit, tmp_path, *models, policy=research)
    assert not [f for f in doc["findings"] if f["rule"] == "mau-limit"]
    commercial = write_policy(
        tmp_path, {"use": "commercial", "monthly_active_users": 200_000_000}, name="c.yaml"
    )
    code, doc = check(run_licaudit, tmp_path, *models, policy=commercial)
    assert code == 1
    for mid in models:
        assert [f["severity"] for f in findings(doc, mid, "mau-limit")] == ["error"]


def test_9_deepseek_relicensing_its_own_base_is_no_lineage_conflict(run_licaudit, tmp_path):
    r1 = ("deepseek-ai/DeepSeek-R1", "deepseek-ai/DeepSeek-R1-0528", "deepseek-ai/DeepSeek-V3-0324")
    policy = write_policy(tmp_path, {"use": "commercial"}, procurement={"deny_countries": []})
    _, doc = check(run_licaudit, tmp_path, *r1, policy="enterprise")
    for mid in r1:
        assert not findings(doc, mid, "lineage-conflict"), mid
        assert [e["license"] for e in model_entry(doc, mid)["effective_licenses"]] == ["mit"]
    # a third party's derivative is still bound by the licensor's terms
    _, doc = check(
        run_licaudit, tmp_path, "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", policy=policy
    )
    bound = {
        e["license"]
        for e in model_entry(doc, "deepseek-ai/DeepSeek-R1-Distill-Llama-8B")["effective_licenses"]
    }
    assert "llama3.1" in bound


def test_10_check_takes_a_bare_ollama_library_name_as_latest(run_licaudit, tmp_path):
    code, doc = check(run_licaudit, tmp_path, "llama4", "gemma3", "deepseek-r1")
    direct = {m["id"]: m for m in doc["models"] if m["direct"]}
    assert set(direct) == {"llama4:latest", "gemma3:latest", "deepseek-r1:latest"}
    assert all(m["source"] == "ollama" for m in direct.values())
    assert direct["llama4:latest"]["license"]["id"] == "llama4"
    assert not [f for f in doc["findings"] if f["rule"] == "license-unknown"]
    # a legacy single-segment Hub id is still a Hub id
    _, doc = check(run_licaudit, tmp_path, "gpt2")
    assert model_entry(doc, "gpt2")["source"] == "huggingface"


RAIL_FILLER = (
    "\n\nSection II: INTELLECTUAL PROPERTY RIGHTS Both copyright and patent grants apply to the Model, "
    "Derivatives of the Model and Complementary Material. Disclaimer of Warranty. Unless required by "
    'applicable law or agreed to in writing, Licensor provides the Model on an "AS IS" BASIS.\n\n'
)
RAIL_TEXTS = {
    # the title line, the use-based restrictions paragraph, the updates clause and Attachment A's
    # heading, in each license's own wording
    "creativeml-openrail-m": (
        "CreativeML Open RAIL-M\ndated August 22, 2022\n\nSection I: PREAMBLE"
        + RAIL_FILLER
        + "Use-based restrictions. The restrictions set forth in Attachment A are considered Use-based "
        "restrictions.\n\nUpdates and Runtime Restrictions. To the maximum extent permitted by law, "
        "Licensor reserves the right to restrict (remotely or otherwise) usage of the Model in violation "
        "of this License, update the Model through electronic means, or modify the Output of the Model "
        "based on updates.\n\nAttachment A\nUse Restrictions\nYou agree not to use the Model"
    ),
    "openrail++": (
        "Copyright (c) 2023 Stability AI CreativeML Open RAIL++-M License dated July 26, 2023\n\n"
        "Section I: PREAMBLE"
        + RAIL_FILLER
        + "Use-based restrictions. The restrictions set forth in Attachment A are considered Use-based "
        "restrictions.\n\nSection IV: OTHER PROVISIONS Updates and Runtime Restrictions. To the maximum "
        "extent permitted by law, Licensor reserves the right to restrict (remotely or otherwise) usage "
        "of the Model in violation of this License. Trademarks and related. Nothing in this License "
        "permits You to make use of Licensors' trademarks.\n\nAttachment A Use Restrictions"
    ),
    "bigscience-openrail-m": (
        "BigScience Open RAIL-M License\ndated August 18, 2022\n\nSection I: PREAMBLE"
        + RAIL_FILLER
        + "Use-based restrictions. The restrictions set forth in Attachment A are considered Use-based "
        "restrictions.\n\nAttachment A\nUse Restrictions\nYou agree not to use the Model"
    ),
}


def test_11_identify_names_each_rail_variant_not_the_generic_family(run_licaudit, tmp_path):
    for license_id, text in RAIL_TEXTS.items():
        path = tmp_path / f"{license_id}.LICENSE"
        path.write_text(text, encoding="utf-8")
        proc = run_licaudit("licenses", "identify", str(path), "--format", "json", cwd=tmp_path)
        assert proc.returncode == 0, (license_id, proc.stdout)
        assert json.loads(proc.stdout)["license"] == license_id
    # the generic Open RAIL text is still recognised as itself
    generic = tmp_path / "generic.LICENSE"
    generic.write_text(
        "Open RAIL License" + RAIL_FILLER + "Attachment A\nUse Restrictions\n", encoding="utf-8"
    )
    proc = run_licaudit("licenses", "identify", str(generic), "--format", "json", cwd=tmp_path)
    assert json.loads(proc.stdout)["license"] == "openrail"


def test_12_llama_user_cap_is_a_release_date_test_and_says_so(run_licaudit, tmp_path):
    policy = write_policy(tmp_path, {"use": "commercial", "monthly_active_users": 800_000_000})
    code, doc = check(run_licaudit, tmp_path, "meta-llama/Llama-3.1-8B-Instruct", policy=policy)
    assert code == 1
    (f,) = findings(doc, "meta-llama/Llama-3.1-8B-Instruct", "mau-limit")
    assert f["severity"] == "error"
    msg = f["message"]
    assert "800,000,000 monthly active users exceed the 700,000,000" in msg
    # the license's own measure reaches the finding, and the one-time test on the release date
    assert "in the calendar month before the Llama 3.1 release date" in msg
    assert "made once, on the release date (2024-07-23)" in msg
    assert "in the calendar month before that date stays licensed" in msg


# --- thresholds beyond monthly active users -----------------------------------------------------


def test_a_missing_organization_figure_is_a_warning_never_a_silent_pass(run_licaudit, tmp_path):
    policy = write_policy(tmp_path, {"use": "commercial"}, licenses={"allow": ["lfm-open-license"]})
    (tmp_path / "legal").mkdir()
    (tmp_path / "legal" / "models.yaml").write_text(
        yaml.safe_dump(
            {"models": [{"id": "acme/lfm-ft", "license": "lfm-open-license", "source": "test"}]}
        ),
        encoding="utf-8",
    )
    (tmp_path / ".licaudit.yaml").write_text("catalog: [legal]\n", encoding="utf-8")
    _, doc = check(run_licaudit, tmp_path, "acme/lfm-ft", policy=policy)
    (ask,) = findings(doc, "acme/lfm-ft", "threshold")
    assert ask["severity"] == "warning" and "organization.annual_revenue_usd" in ask["message"]
    assert doc["summary"]["verdict"] != "pass" or doc["summary"]["warnings"] >= 1
    small = write_policy(
        tmp_path, {"use": "commercial", "annual_revenue_usd": 2_000_000}, name="small.yaml"
    )
    _, doc = check(run_licaudit, tmp_path, "acme/lfm-ft", policy=small)
    assert not findings(doc, "acme/lfm-ft", "threshold")
    big = write_policy(
        tmp_path, {"use": "commercial", "annual_revenue_usd": 50_000_000}, name="big.yaml"
    )
    code, doc = check(run_licaudit, tmp_path, "acme/lfm-ft", policy=big)
    assert code == 1 and findings(doc, "acme/lfm-ft", "threshold")[0]["severity"] == "error"


def test_daily_users_and_duty_thresholds(run_licaudit, tmp_path):
    (tmp_path / "legal").mkdir()
    (tmp_path / "legal" / "models.yaml").write_text(
        yaml.safe_dump(
            {
                "models": [
                    {
                        "id": "acme/baichuan-ft",
                        "license": "baichuan2-community-license",
                        "source": "t",
                    },
                    {"id": "acme/kimi-ft", "license": "moonshot-modified-mit", "source": "t"},
                ]
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / ".licaudit.yaml").write_text("catalog: [legal]\n", encoding="utf-8")
    policy = write_policy(
        tmp_path,
        {
            "use": "commercial",
            "daily_active_users": 2_000_000,
            "monthly_active_users": 150_000_000,
            "monthly_revenue_usd": 1_000_000,
        },
    )
    code, doc = check(run_licaudit, tmp_path, "acme/baichuan-ft", "acme/kimi-ft", policy=policy)
    assert code == 1
    (dau,) = findings(doc, "acme/baichuan-ft", "threshold")
    assert dau["severity"] == "error" and "daily active users" in dau["message"]
    duty = findings(doc, "acme/kimi-ft", "mau-limit")
    assert [f["severity"] for f in duty] == ["info"] and '"Kimi K2"' in duty[0]["message"]
    assert not findings(doc, "acme/kimi-ft", "threshold")  # 1M monthly revenue is below USD 20M


# --- imprecise facts ----------------------------------------------------------------------------


def _obligations(doc: dict, model: str) -> str:
    (f,) = findings(doc, model, "obligations")
    return f["message"]


def test_obligations_keep_modification_endorsement_and_use_restrictions(run_licaudit, tmp_path):
    _, doc = check(
        run_licaudit,
        tmp_path,
        "mistralai/Mistral-Large-Instruct-2407",
        "mistralai/Codestral-22B-v0.1",
        "google/gemma-2-9b-it",
        "deepseek-ai/DeepSeek-V3",
        "Qwen/Qwen2.5-72B-Instruct",
    )
    for mid in ("mistralai/Mistral-Large-Instruct-2407", "mistralai/Codestral-22B-v0.1"):
        text = _obligations(doc, mid)
        assert "prominent notices that you changed them" in text, mid
        assert "do not imply endorsement by Mistral AI" in text, mid
    for mid in ("google/gemma-2-9b-it", "deepseek-ai/DeepSeek-V3", "Qwen/Qwen2.5-72B-Instruct"):
        assert "prominent notices that you changed them" in _obligations(doc, mid), mid
    assert "never use it for: military use in any way" in _obligations(
        doc, "deepseek-ai/DeepSeek-V3"
    )
    # "Built with Qwen" is due when a model built with Qwen is distributed, not on every use
    assert (
        'display "Built with Qwen" when the materials or their outputs are used to create'
        in _obligations(doc, "Qwen/Qwen2.5-72B-Instruct")
    )


def test_research_policy_says_what_research_the_mrl_allows(run_licaudit, tmp_path):
    _, doc = check(
        run_licaudit, tmp_path, "mistralai/Mistral-Large-Instruct-2407", policy="research"
    )
    text = _obligations(doc, "mistralai/Mistral-Large-Instruct-2407")
    assert "employees or contractors of companies in their daily tasks" in text
    proc = run_licaudit("policy", "show", "research", cwd=tmp_path)
    assert "internal R&D" in proc.stdout


def test_modalities_of_audio_omni_and_the_smallest_gemma(run_licaudit, tmp_path):
    _, doc = check(
        run_licaudit,
        tmp_path,
        "Qwen/Qwen2-Audio-7B",
        "Qwen/Qwen2-Audio-7B-Instruct",
        "Qwen/Qwen2.5-Omni-3B",
        "google/gemma-3-270m",
        "google/gemma-3-270m-it",
    )
    mods = {m["id"]: set(m["modalities"]) for m in doc["models"]}
    assert mods["Qwen/Qwen2-Audio-7B"] == mods["Qwen/Qwen2-Audio-7B-Instruct"] == {"audio", "text"}
    assert mods["Qwen/Qwen2.5-Omni-3B"] == {"audio", "image", "text", "video"}
    assert mods["google/gemma-3-270m"] == mods["google/gemma-3-270m-it"] == {"text"}
