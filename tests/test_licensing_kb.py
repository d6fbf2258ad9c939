"""The license knowledge base: every file valid, every Hub id resolves, the key terms right."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
import yaml

from licaudit.errors import ConfigError
from licaudit.licensing import KnowledgeBase, cache_dir
from licaudit.resources import validation_errors

REPO = Path(__file__).resolve().parent.parent
LICENSES = REPO / "licenses"


def _ids(text: str) -> list[str]:
    return text.split()


REFERENCE_IDS = _ids(
    "apache-2.0 mit openrail bigscience-openrail-m creativeml-openrail-m bigscience-bloom-rail-1.0 bigcode-openrail-m afl-3.0 "
    "artistic-2.0 bsl-1.0 bsd bsd-2-clause bsd-3-clause bsd-3-clause-clear c-uda cc cc0-1.0 cc-by-2.0 cc-by-2.5 cc-by-3.0 "
    "cc-by-4.0 cc-by-sa-3.0 cc-by-sa-4.0 cc-by-nc-2.0 cc-by-nc-3.0 cc-by-nc-4.0 cc-by-nd-4.0 cc-by-nc-nd-3.0 cc-by-nc-nd-4.0 "
    "cc-by-nc-sa-2.0 cc-by-nc-sa-3.0 cc-by-nc-sa-4.0 cdla-sharing-1.0 cdla-permissive-1.0 cdla-permissive-2.0 wtfpl ecl-2.0 "
    "epl-1.0 epl-2.0 etalab-2.0 eupl-1.1 eupl-1.2 agpl-3.0 gfdl gpl gpl-2.0 gpl-3.0 lgpl lgpl-2.1 lgpl-3.0 isc h-research "
    "intel-research lppl-1.3c ms-pl apple-ascl apple-amlr mpl-2.0 odc-by odbl openmdw-1.0 openmdw-1.1 openrail++ osl-3.0 "
    "postgresql ofl-1.1 ncsa unlicense zlib pddl lgpl-lr deepfloyd-if-license fair-noncommercial-research-license llama2 "
    "llama3 llama3.1 llama3.2 llama3.3 llama4 grok2-community gemma unknown other"
)
AGREED_IDS = _ids(
    "llama2 llama3 llama3.1 llama3.2 llama3.3 llama4 gemma mrl mnpl deepseek qwen qwen-research tongyi-qianwen "
    "tongyi-qianwen-research falcon-180b falcon-llm-license falcon-2-11b openrail openrail++ creativeml-openrail-m "
    "bigscience-openrail-m bigscience-bloom-rail-1.0 bigcode-openrail-m nvidia-open-model-license "
    "nvidia-nemotron-open-model-license fair-noncommercial-research-license deepfloyd-if-license grok2-community apple-amlr "
    "apple-ascl openmdw-1.0 openmdw-1.1 yi-license stability-ai-community h-research intel-research c-uda apache-2.0 mit "
    "bsd-2-clause bsd-3-clause bsd-3-clause-clear cc0-1.0 cc-by-4.0 cc-by-sa-4.0 cc-by-nc-4.0 cc-by-nc-sa-4.0 cc-by-nd-4.0 "
    "cc-by-nc-nd-4.0 gpl-3.0 agpl-3.0 lgpl-3.0 mpl-2.0 unlicense other unknown"
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(LICENSES, cache=False)  # validates every file for real


def terms(kb, lid):
    lic = kb.get(lid)
    assert lic is not None, lid
    return lic.terms


# ---------------------------------------------------------------- files


@pytest.mark.parametrize("path", sorted(LICENSES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_license_file_validates(path):
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert validation_errors("license", doc) == []
    assert doc["id"] == path.stem
    assert doc["sources"], "every license says where its facts come from"
    assert doc.get("summary"), "every license has a plain-language summary"


def test_at_least_45_licenses_and_the_agreed_ids(kb):
    assert len(kb) >= 45
    missing = [i for i in AGREED_IDS if kb.get(i) is None]
    assert missing == []


def test_every_hub_license_id_resolves(kb):
    unresolved = [i for i in REFERENCE_IDS if kb.lookup(i) is None]
    assert unresolved == []
    assert len(REFERENCE_IDS) == 83  # the Hub's license identifiers


def test_placeholders(kb):
    for lid in ("other", "unknown"):
        lic = kb.get(lid)
        assert lic.placeholder and lic.category == "unknown"
    assert "license_name" in kb.get("other").data["summary"]
    assert "must be found" in kb.get("unknown").data["summary"]
    assert not kb.get("llama3.1").placeholder


def test_lookup_by_alias_spdx_and_case(kb):
    cases = {
        "deepseek-license": "deepseek",
        "tongyi-qianwen-license-agreement": "tongyi-qianwen",
        "Apache-2.0": "apache-2.0",
        "APACHE LICENSE 2.0": "apache-2.0",
        "LicenseRef-scancode-llama-3.1-license-2024": "llama3.1",
        "llama-3.2-license-2024": "llama3.2",
        "llama-4-cla-2025": "llama4",
        "Llama 3.3 Community License": "llama3.3",
        "CC-BY-NC-4.0": "cc-by-nc-4.0",
        "GPL-3.0-or-later": "gpl-3.0",
        "OpenMDW-1.0": "openmdw-1.0",
        "mrl-0.1": "mrl",
        "creativeml open rail++-m": "openrail++",
        " 'MIT' ": "mit",
    }
    for name, lid in cases.items():
        lic = kb.lookup(name)
        assert lic is not None and lic.id == lid, name
    assert kb.lookup("no-such-license") is None


def test_aliases_are_unique_across_files():
    seen = {}
    from licaudit.licensing import normalize

    for path in sorted(LICENSES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in (doc["id"], doc["spdx"], *doc["aliases"]):
            k = normalize(key)
            assert seen.setdefault(k, doc["id"]) == doc["id"], f"{key} in {doc['id']} and {seen[k]}"


# ---------------------------------------------------------------- key terms


def test_meta_llama_family(kb):
    for lid in ("llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4"):
        lic, t = kb.get(lid), terms(kb, lid)
        assert lic.category == "community" and lic.licensor_country == "US"
        assert t["mau_limit"]["threshold"] == 700_000_000
        assert "no rights" in t["mau_limit"]["above"].lower()
        assert t["commercial_use"] == "conditional"
        assert t["license_copy"] is True
        assert t["governing_law"].startswith("California")
        assert any("litigation" in x or "sues" in x for x in t["termination"])
        assert any("breach" in x for x in t["termination"])
        assert t["use_policy"]["incorporated"] is True


def test_llama_output_ban_only_before_3_1(kb):
    for lid in ("llama2", "llama3"):
        assert any(
            "improve any other large language model" in r
            for r in terms(kb, lid)["output_restrictions"]
        ), lid
    for lid in ("llama3.1", "llama3.2", "llama3.3", "llama4"):
        assert terms(kb, lid)["output_restrictions"] == [], lid


def test_llama_attribution_and_naming(kb):
    assert terms(kb, "llama2")["display_text"] is None and terms(kb, "llama2")["naming"] is None
    assert terms(kb, "llama3")["display_text"] == "Built with Meta Llama 3"
    assert terms(kb, "llama3")["naming"]["prefix"] == "Llama 3"
    for lid in ("llama3.1", "llama3.2", "llama3.3", "llama4"):
        t = terms(kb, lid)
        assert t["display_text"] == "Built with Llama"
        assert t["naming"]["prefix"] == "Llama"
        assert "outputs" in t["naming"]["rule"]


def test_eu_multimodal_restriction(kb):
    for lid in ("llama3.2", "llama4"):
        geo = terms(kb, lid)["geographic_restrictions"]
        assert len(geo) == 1
        assert geo[0]["region"] == "EU" and geo[0]["modalities"] == ["multimodal"]
        assert "end users" in geo[0]["exempt"].lower()
    for lid in ("llama2", "llama3", "llama3.1"):
        assert terms(kb, lid)["geographic_restrictions"] == [], lid


def test_gemma(kb):
    lic, t = kb.get("gemma"), terms(kb, "gemma")
    assert lic.licensor_country == "US" and lic.category == "community"
    assert t["commercial_use"] == "allowed" and t["mau_limit"] is None
    assert t["use_policy"]["pass_on"] is True and t["use_policy"]["incorporated"] is True
    assert t["remote_restriction"] is True
    assert t["derivatives"]["includes_outputs_training"] is True


def test_mistral(kb):
    mrl, mnpl = kb.get("mrl"), kb.get("mnpl")
    assert mrl.licensor_country == mnpl.licensor_country == "FR"
    assert mrl.category == "research-only" and mrl.terms["research_only"] is True
    assert mrl.terms["commercial_use"] == "prohibited" and mrl.terms["output_restrictions"]
    assert mnpl.category == "non-production" and mnpl.terms["non_production"] is True
    assert mnpl.terms["commercial_use"] == "prohibited" and mnpl.terms["output_restrictions"] == []


def test_deepseek(kb):
    lic, t = kb.get("deepseek"), terms(kb, "deepseek")
    assert lic.licensor_country == "CN"
    assert t["commercial_use"] == "allowed"
    assert t["use_policy"]["pass_on"] is True
    assert t["remote_restriction"] is True
    assert t["derivatives"]["includes_outputs_training"] is True
    assert "military" in lic.data["summary"].lower()
    assert kb.lookup("deepseek-license").id == "deepseek"


def test_qwen_family(kb):
    for lid in ("qwen", "tongyi-qianwen"):
        assert kb.get(lid).licensor_country == "CN"
        assert terms(kb, lid)["mau_limit"]["threshold"] == 100_000_000
        assert terms(kb, lid)["commercial_use"] == "conditional"
    assert terms(kb, "qwen")["display_text"] == "Built with Qwen"
    assert terms(kb, "qwen")["output_restrictions"] == []
    assert any(
        "improve any other large language model" in r
        for r in terms(kb, "tongyi-qianwen")["output_restrictions"]
    )
    for lid in ("qwen-research", "tongyi-qianwen-research"):
        assert (
            kb.get(lid).category == "non-commercial"
            and terms(kb, lid)["commercial_use"] == "prohibited"
        )


def test_falcon(kb):
    for lid in ("falcon-180b", "falcon-llm-license", "falcon-2-11b"):
        assert kb.get(lid).licensor_country == "AE"
        assert terms(kb, lid)["use_policy"]["updatable"] is True
    assert terms(kb, "falcon-180b")["hosting_restricted"] is True
    assert "Technology Innovation Institute" in terms(kb, "falcon-llm-license")["display_text"]
    assert terms(kb, "falcon-llm-license")["use_policy"]["pass_on"] is True


def test_rail_family(kb):
    for lid in (
        "openrail",
        "openrail++",
        "creativeml-openrail-m",
        "bigscience-openrail-m",
        "bigscience-bloom-rail-1.0",
        "bigcode-openrail-m",
    ):
        t = terms(kb, lid)
        assert kb.get(lid).category == "open-rail"
        assert t["use_policy"]["pass_on"] is True and t["remote_restriction"] is True


def test_nvidia(kb):
    lic, t = kb.get("nvidia-open-model-license"), terms(kb, "nvidia-open-model-license")
    assert lic.licensor_country == "US" and t["commercial_use"] == "allowed"
    assert t["notice_text"].startswith("Licensed by NVIDIA")
    assert any("guardrail" in x for x in t["termination"])


def test_standard_licenses(kb):
    cats = {
        "apache-2.0": "permissive",
        "mit": "permissive",
        "bsd-3-clause": "permissive",
        "cc-by-4.0": "permissive",
        "cc0-1.0": "public-domain",
        "unlicense": "public-domain",
        "gpl-3.0": "copyleft",
        "agpl-3.0": "copyleft",
        "cc-by-sa-4.0": "copyleft",
        "lgpl-3.0": "weak-copyleft",
        "mpl-2.0": "weak-copyleft",
        "cc-by-nc-4.0": "non-commercial",
        "cc-by-nc-sa-4.0": "non-commercial",
        "cc-by-nc-nd-4.0": "non-commercial",
        "cc-by-nd-4.0": "permissive",
    }
    for lid, cat in cats.items():
        assert kb.get(lid).category == cat, lid
    assert (
        kb.get("apache-2.0").spdx == "Apache-2.0"
        and terms(kb, "apache-2.0")["patent_grant"] is True
    )
    assert terms(kb, "cc-by-nc-4.0")["commercial_use"] == "prohibited"
    assert terms(kb, "cc-by-sa-4.0")["share_alike"] is True
    assert "NoDerivatives" in kb.get("cc-by-nd-4.0").data["summary"]


def test_verified_marks_follow_the_reference(kb):
    assert {s["verified"] for s in kb.get("llama3.2").data["sources"]} >= {"primary"}
    assert any(s["verified"] == "unverified" for s in kb.get("grok2-community").data["sources"])
    for lic in kb:
        for s in lic.data["sources"]:
            assert s.get("verified") in ("primary", "secondary", "unverified"), lic.id


# ---------------------------------------------------------------- loading


def test_invalid_file_is_refused(tmp_path):
    folder = tmp_path / "licenses"
    folder.mkdir()
    shutil.copy(LICENSES / "mit.yaml", folder / "mit.yaml")
    doc = yaml.safe_load((LICENSES / "apache-2.0.yaml").read_text(encoding="utf-8"))
    doc["terms"]["commercial_use"] = "sometimes"
    (folder / "apache-2.0.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    with pytest.raises(
        ConfigError,
        match=r"license apache-2\.0\.yaml:\d+: terms\.commercial_use: 'sometimes' is not one of",
    ):
        KnowledgeBase.load(folder, cache=False)
    (folder / "apache-2.0.yaml").write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"license apache-2\.0\.yaml:\d+: invalid YAML"):
        KnowledgeBase.load(folder, cache=False)


def test_id_must_match_file_name(tmp_path):
    folder = tmp_path / "licenses"
    folder.mkdir()
    (folder / "mit-copy.yaml").write_text(
        (LICENSES / "mit.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="does not match the file name"):
        KnowledgeBase.load(folder, cache=False)


def test_validation_cache_revalidates_changed_files(tmp_path, monkeypatch):
    monkeypatch.setenv("LICAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "licenses"
    shutil.copytree(LICENSES, folder)
    first = KnowledgeBase.load(folder)
    files = list(cache_dir().glob("validated-*.json"))
    assert len(files) == 1
    cached = json.loads(files[0].read_text(encoding="utf-8"))
    assert len(cached["documents"]) == len(first)
    second = KnowledgeBase.load(folder)  # from the cache
    assert [lic.id for lic in second] == [lic.id for lic in first]
    assert second.get("llama3.1").data == first.get("llama3.1").data
    # a changed file is parsed and validated again: an invalid change is caught despite the cache
    doc = yaml.safe_load((folder / "mit.yaml").read_text(encoding="utf-8"))
    doc["category"] = "free-for-all"
    (folder / "mit.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"license mit\.yaml:\d+: category"):
        KnowledgeBase.load(folder)
    # a damaged cache is ignored
    doc["category"] = "permissive"
    (folder / "mit.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    files[0].write_text("{not json", encoding="utf-8")
    assert KnowledgeBase.load(folder).get("mit").category == "permissive"


def test_warm_load_is_fast(tmp_path, monkeypatch):
    monkeypatch.setenv("LICAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    KnowledgeBase.load(LICENSES)
    start = time.perf_counter()
    KnowledgeBase.load(LICENSES)
    assert time.perf_counter() - start < 0.15
