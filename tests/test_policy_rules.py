"""Each policy rule: firing, not firing, waived, and waived with an expired waiver."""

from __future__ import annotations

from dataclasses import replace

import pytest

from licaudit.model import Fact
from licaudit.policy import RULES

from .policy_support import TODAY, by_rule, knowledge_base, rec, run

LLAMA = rec(
    "meta-llama/Llama-3.3-70B-Instruct",
    "llama3.3",
    country="US",
    publisher="Meta Platforms, Inc.",
    gated=True,
)
LLAMA_VISION = rec(
    "meta-llama/Llama-3.2-11B-Vision", "llama3.2", country="US", modalities=("text", "image")
)
QWEN = rec("Qwen/Qwen2.5-7B", "qwen", country="CN", publisher="Alibaba Cloud")
NC = rec("acme/nc-model", "cc-by-nc-4.0", country="US")
APACHE = rec("acme/apache-model", "apache-2.0", country="US")
GPL = rec("acme/gpl-model", "gpl-3.0", country="US")
MNPL = rec("mistralai/Codestral-22B", "mnpl", country="FR")
MIT_DISTILL = rec("acme/mit-distill", "mit", base=(LLAMA.id,), country="US")
QWEN_FT = rec("acme/qwen-ft", "apache-2.0", base=(QWEN.id,), country="US")
INFERRED_QUANT = replace(
    rec("acme/Qwen2.5-7B-GGUF", "qwen", country="US"),
    provenance={
        "license": Fact("inferred", "inferred from the name: a conversion of Qwen/Qwen2.5-7B")
    },
)

# rule -> (policy, records where the rule fires (first is the audited model), the same where it does not)
SCENARIOS = {
    "license-denied": ({"licenses": {"deny": ["cc-by-nc-4.0"]}}, [NC], [APACHE]),
    "license-not-allowed": (
        {"licenses": {"allow": ["apache-2.0"]}},
        [rec("acme/mit", "mit")],
        [APACHE],
    ),
    "license-review": ({"licenses": {"review": ["llama3.3"]}}, [LLAMA], [APACHE]),
    "license-unknown": ({}, [rec("acme/mystery", None, unresolved="not in the catalog")], [APACHE]),
    "license-inferred": ({}, [INFERRED_QUANT], [APACHE]),
    "category-denied": ({"licenses": {"categories": {"deny": ["copyleft"]}}}, [GPL], [APACHE]),
    "category-review": ({"licenses": {"categories": {"review": ["community"]}}}, [LLAMA], [APACHE]),
    "mau-limit": ({"organization": {"monthly_active_users": 850_000_000}}, [LLAMA], [APACHE]),
    "commercial-use": ({"organization": {"use": "commercial"}}, [NC], [APACHE]),
    "non-production": (
        {"organization": {"use": "research", "deployment": "hosted"}},
        [MNPL],
        [APACHE],
    ),
    "jurisdiction": ({"organization": {"jurisdictions": ["US", "DE"]}}, [LLAMA_VISION], [LLAMA]),
    "origin-denied": ({"procurement": {"deny_countries": ["CN"]}}, [QWEN], [APACHE]),
    "publisher-denied": (
        {"procurement": {"deny_publishers": ["evilcorp"]}},
        [rec("evilcorp/model", "apache-2.0")],
        [APACHE],
    ),
    "model-denied": (
        {"models": {"deny": ["*-GGUF"]}},
        [rec("TheBloke/Mistral-7B-GGUF", "apache-2.0")],
        [APACHE],
    ),
    "lineage-conflict": (
        {},
        [MIT_DISTILL, LLAMA],
        [rec("acme/llama-ft", "llama3.3", base=(LLAMA.id,)), LLAMA],
    ),
    "threshold": (
        {"organization": {"monthly_revenue_usd": 30_000_000, "daily_active_users": 10}},
        [rec("mistralai/big-model", "revenue-capped")],
        [APACHE],
    ),
    "hosting": (
        {"organization": {"deployment": "hosted", "serves_models": True}},
        [rec("tiiuae/big-model", "hosting-restricted")],
        [APACHE],
    ),
    "gated": ({}, [LLAMA], [APACHE]),
    "obligations": ({}, [LLAMA], [rec("acme/cc0", "cc0-1.0")]),
}


def test_every_rule_has_a_scenario_and_help():
    # evaluate() itself emits the waiver and suppression findings (tested in their own files)
    evaluated = {"waiver-expired", "suppression-unjustified", "suppression-denied"}
    assert set(SCENARIOS) | evaluated == set(RULES)
    for rule in RULES.values():
        assert rule.severity in ("error", "warning", "info") and rule.title and len(rule.help) > 40


@pytest.mark.parametrize("rule", sorted(SCENARIOS))
def test_rule_fires_with_message_and_remediation(tmp_path, rule):
    doc, firing, _ = SCENARIOS[rule]
    findings = by_rule(run(tmp_path, doc, *firing), rule)
    assert findings, f"{rule} did not fire"
    f = findings[0]
    assert f.model == firing[0].id
    assert f.severity == RULES[rule].severity
    assert firing[0].id in f.message and f.remediation
    assert f.waiver is None


@pytest.mark.parametrize("rule", sorted(SCENARIOS))
def test_rule_does_not_fire(tmp_path, rule):
    doc, _, quiet = SCENARIOS[rule]
    assert by_rule(run(tmp_path, doc, *quiet), rule) == []


WAIVABLE = sorted(r for r in SCENARIOS if RULES[r].waivable)


@pytest.mark.parametrize("rule", WAIVABLE)
def test_rule_waived(tmp_path, rule):
    doc, firing, _ = SCENARIOS[rule]
    waiver = {
        "model": firing[0].id.split("/")[0] + "/*",
        "rules": [rule],
        "reason": "LEGAL-1 approved",
        "approved_by": "legal@example.com",
        "expires": "2026-06-01",
    }  # valid through its day
    findings = run(tmp_path, {**doc, "waivers": [waiver]}, *firing)
    waived = by_rule(findings, rule, waived=True)
    assert waived and not by_rule(findings, rule, waived=False)
    assert (
        waived[0].waiver.reason == "LEGAL-1 approved" and waived[0].waiver.expires == "2026-06-01"
    )
    assert waived[0].severity == RULES[rule].severity  # a waived finding keeps its severity
    assert by_rule(findings, "waiver-expired") == []


@pytest.mark.parametrize("rule", WAIVABLE)
def test_rule_waived_but_expired(tmp_path, rule):
    doc, firing, _ = SCENARIOS[rule]
    waiver = {
        "model": firing[0].id,
        "rules": [rule],
        "reason": "LEGAL-1 approved",
        "expires": "2026-05-31",
    }
    findings = run(tmp_path, {**doc, "waivers": [waiver]}, *firing)
    assert by_rule(findings, rule, waived=False), "an expired waiver must clear nothing"
    assert not by_rule(findings, rule, waived=True)
    expired = by_rule(findings, "waiver-expired")
    assert len(expired) == 1 and expired[0].severity == "warning"
    assert "2026-05-31" in expired[0].message and rule in expired[0].message


def test_waiver_without_rules_clears_every_rule(tmp_path):
    doc = {
        "organization": {"monthly_active_users": 850_000_000},
        "licenses": {"review": ["llama3.3"]},
        "waivers": [{"model": "META-LLAMA/*", "reason": "signed agreement"}],
    }
    findings = run(tmp_path, doc, LLAMA)
    assert {f.rule for f in findings} >= {"mau-limit", "license-review", "gated", "obligations"}
    # a waiver clears findings, never duties: the obligations stay, unwaived
    assert all(f.waiver is not None for f in findings if f.rule != "obligations")
    assert [f.waiver for f in findings if f.rule == "obligations"] == [None]


def test_waiver_on_a_base_model_covers_its_descendants(tmp_path):
    doc = {
        "organization": {"monthly_active_users": 850_000_000},
        "waivers": [
            {"model": "meta-llama/*", "rules": ["mau-limit"], "reason": "agreement with Meta"}
        ],
    }
    findings = run(tmp_path, doc, MIT_DISTILL, LLAMA)
    assert by_rule(findings, "mau-limit", waived=True)
    assert not by_rule(findings, "mau-limit", waived=False)


def test_waiver_for_other_rules_or_models_does_not_clear(tmp_path):
    doc = {
        "organization": {"monthly_active_users": 850_000_000},
        "waivers": [
            {"model": "meta-llama/*", "rules": ["gated"], "reason": "x"},
            {"model": "acme/*", "rules": ["mau-limit"], "reason": "y"},
        ],
    }
    assert by_rule(run(tmp_path, doc, LLAMA), "mau-limit", waived=False)


def test_expired_waiver_that_clears_nothing_is_silent(tmp_path):
    doc = {
        "waivers": [
            {"model": "acme/*", "rules": ["mau-limit"], "reason": "old", "expires": "2020-01-01"}
        ]
    }
    assert by_rule(run(tmp_path, doc, APACHE), "waiver-expired") == []


def test_waiver_expired_can_itself_be_waived_or_expire(tmp_path):
    stale = {
        "model": "meta-llama/*",
        "rules": ["mau-limit"],
        "reason": "old agreement",
        "expires": "2025-12-31",
    }
    doc = {"organization": {"monthly_active_users": 850_000_000}}
    ok = {
        "model": "*",
        "rules": ["waiver-expired"],
        "reason": "renewal in progress",
        "expires": "2026-12-31",
    }
    findings = run(tmp_path, {**doc, "waivers": [stale, ok]}, LLAMA)
    assert by_rule(findings, "waiver-expired", waived=True) and not by_rule(
        findings, "waiver-expired", waived=False
    )
    old = {**ok, "expires": "2026-01-31"}
    findings = run(tmp_path, {**doc, "waivers": [stale, old]}, LLAMA)
    assert len(by_rule(findings, "waiver-expired", waived=False)) == 2
    assert by_rule(findings, "mau-limit", waived=False)


def test_today_decides_expiry(tmp_path):
    from datetime import date

    doc = {
        "organization": {"monthly_active_users": 850_000_000},
        "waivers": [
            {
                "model": "meta-llama/*",
                "rules": ["mau-limit"],
                "reason": "r",
                "expires": "2026-06-01",
            }
        ],
    }
    assert by_rule(run(tmp_path, doc, LLAMA, today=date(2026, 6, 1)), "mau-limit", waived=True)
    assert by_rule(run(tmp_path, doc, LLAMA, today=date(2026, 6, 2)), "mau-limit", waived=False)


# --- through lineage ------------------------------------------------------------------------


def test_mit_distill_of_llama_is_bound_by_mau_and_naming(tmp_path):
    doc = {"organization": {"monthly_active_users": 850_000_000}}
    findings = run(tmp_path, doc, MIT_DISTILL, LLAMA)
    mau = by_rule(findings, "mau-limit")
    assert len(mau) == 1 and mau[0].model == "acme/mit-distill" and mau[0].license == "llama3.3"
    assert mau[0].chain == ("acme/mit-distill", LLAMA.id)
    assert "700,000,000" in mau[0].message and "850,000,000" in mau[0].message
    ob = by_rule(findings, "obligations")[0]
    assert "Built with Llama" in ob.message and 'beginning with "Llama"' in ob.message
    assert "Llama Acceptable Use Policy" in ob.message and "pass the" in ob.message


def test_lineage_off_ignores_ancestors(tmp_path):
    doc = {"organization": {"monthly_active_users": 850_000_000}, "lineage": False}
    findings = run(tmp_path, doc, MIT_DISTILL, LLAMA)
    assert not by_rule(findings, "mau-limit") and not by_rule(findings, "lineage-conflict")


def test_lineage_conflict_names_both_licenses_and_the_chain(tmp_path):
    f = by_rule(run(tmp_path, {}, MIT_DISTILL, LLAMA), "lineage-conflict")[0]
    assert "mit" in f.message and "llama3.3" in f.message
    assert f"acme/mit-distill -> {LLAMA.id}" in f.message
    assert "naming rule" in f.message and "monthly-active-user cap" in f.message


def test_lineage_conflict_same_category_compares_terms(tmp_path):
    # a Qwen-licensed fine-tune of a Llama model drops Llama's naming, display and use policy
    qwen_on_llama = rec("acme/q-on-l", "qwen", base=(LLAMA.id,))
    f = by_rule(run(tmp_path, {}, qwen_on_llama, LLAMA), "lineage-conflict")
    assert f and "naming rule" in f[0].message
    # a Llama fine-tune of a Qwen model drops Qwen's lower (100M) monthly-active-user cap
    llama_on_qwen = rec("acme/l-on-q", "llama3.3", base=(QWEN.id,))
    f = by_rule(run(tmp_path, {}, llama_on_qwen, QWEN), "lineage-conflict")
    assert (
        len(f) == 1
        and "100,000,000 monthly-active-user cap" in f[0].message
        and "naming" not in f[0].message
    )
    # a Llama 3.3 fine-tune of a Llama 3.2 text model: same terms but the EU clause
    ft = rec("acme/l33-on-l32", "llama3.3", base=(LLAMA_VISION.id,))
    f = by_rule(run(tmp_path, {}, ft, LLAMA_VISION), "lineage-conflict")
    assert len(f) == 1 and f[0].message.endswith("drops geographic restrictions, which still bind")
    # and the other way round nothing is dropped
    back = rec("acme/l32-on-l33", "llama3.2", base=(LLAMA.id,))
    assert by_rule(run(tmp_path, {}, back, LLAMA), "lineage-conflict") == []


def test_fine_tune_of_cn_model_is_of_cn_origin(tmp_path):
    findings = run(tmp_path, {"procurement": {"deny_countries": ["CN"]}}, QWEN_FT, QWEN)
    f = by_rule(findings, "origin-denied")
    assert len(f) == 1 and f[0].model == "acme/qwen-ft" and f[0].chain == ("acme/qwen-ft", QWEN.id)
    assert "Alibaba Cloud (CN)" in f[0].message


def test_origin_by_licensor_country(tmp_path):
    # publisher country unknown; the license's licensor is in CN
    unknown_pub = rec("someone/qwen-quant", "qwen")
    assert by_rule(
        run(tmp_path, {"procurement": {"deny_countries": ["CN"]}}, unknown_pub), "origin-denied"
    )


def test_eu_region_covers_member_states(tmp_path):
    assert by_rule(
        run(tmp_path, {"procurement": {"deny_countries": ["EU"]}}, MNPL), "origin-denied"
    )
    assert by_rule(
        run(tmp_path, {"organization": {"jurisdictions": ["EU"]}}, LLAMA_VISION), "jurisdiction"
    )
    assert not by_rule(
        run(tmp_path, {"organization": {"jurisdictions": ["US", "GB"]}}, LLAMA_VISION),
        "jurisdiction",
    )


def test_jurisdiction_through_lineage_and_unknown_modalities(tmp_path):
    ft = rec("acme/vision-ft", "apache-2.0", base=(LLAMA_VISION.id,), modalities=())
    f = by_rule(
        run(tmp_path, {"organization": {"jurisdictions": ["FR"]}}, ft, LLAMA_VISION), "jurisdiction"
    )
    assert f and f[0].severity == "error" and f[0].chain == ("acme/vision-ft", LLAMA_VISION.id)
    nothing_known = rec("meta-llama/Llama-3.2-mystery", "llama3.2", modalities=())
    f = by_rule(
        run(tmp_path, {"organization": {"jurisdictions": ["FR"]}}, nothing_known), "jurisdiction"
    )
    assert f and f[0].severity == "warning" and "unknown" in f[0].message


def test_jurisdiction_from_record_eu_flag(tmp_path):
    flagged = rec("acme/eu-blocked", "apache-2.0", eu_disallowed=True)
    assert by_rule(
        run(tmp_path, {"organization": {"jurisdictions": ["IT"]}}, flagged), "jurisdiction"
    )
    assert not by_rule(
        run(tmp_path, {"organization": {"jurisdictions": ["US"]}}, flagged), "jurisdiction"
    )


def test_commercial_use_research_only_and_internal(tmp_path):
    qr = rec("Qwen/Qwen-research", "qwen-research", country="CN")
    assert by_rule(run(tmp_path, {"organization": {"use": "internal"}}, qr), "commercial-use")
    assert not by_rule(run(tmp_path, {"organization": {"use": "research"}}, qr), "commercial-use")
    # a non-production license is the non-production rule's, not commercial-use's
    findings = run(tmp_path, {"organization": {"use": "commercial"}}, MNPL)
    assert by_rule(findings, "non-production") and not by_rule(findings, "commercial-use")
    assert not by_rule(run(tmp_path, {"organization": {"use": "research"}}, MNPL), "non-production")


def test_non_commercial_through_lineage(tmp_path):
    ft = rec("acme/nc-ft", "apache-2.0", base=(NC.id,))
    f = by_rule(run(tmp_path, {}, ft, NC), "commercial-use")
    assert f and "inherited through acme/nc-ft -> acme/nc-model" in f[0].message


def test_mau_at_threshold_is_allowed_and_qwen_threshold(tmp_path):
    assert not by_rule(
        run(tmp_path, {"organization": {"monthly_active_users": 700_000_000}}, LLAMA), "mau-limit"
    )
    f = by_rule(
        run(
            tmp_path,
            {"organization": {"monthly_active_users": 150_000_000}},
            QWEN,
            LLAMA,
            direct=(QWEN.id, LLAMA.id),
        ),
        "mau-limit",
    )
    assert [x.model for x in f] == [QWEN.id]


def test_unknown_license_of_ancestor_and_severity(tmp_path):
    ft = rec("acme/ft", "apache-2.0", base=("nobody/base",))
    base = rec("nobody/base", None, unresolved="not in the catalog")
    f = by_rule(run(tmp_path, {"licenses": {"unknown": "warning"}}, ft, base), "license-unknown")
    assert f and f[0].severity == "warning" and "base model nobody/base" in f[0].message
    placeholder = rec("acme/other", "other")
    assert by_rule(run(tmp_path, {}, placeholder), "license-unknown")


def test_license_lists_precedence(tmp_path):
    doc = {
        "licenses": {
            "allow": ["apache-2.0"],
            "review": ["llama3.3"],
            "deny": ["gpl-3.0"],
            "categories": {"deny": ["non-commercial"]},
        }
    }
    findings = run(
        tmp_path,
        doc,
        APACHE,
        LLAMA,
        GPL,
        NC,
        rec("acme/mit", "mit"),
        direct=(APACHE.id, LLAMA.id, GPL.id, NC.id, "acme/mit"),
    )
    rules = {(f.model, f.rule) for f in findings if f.severity != "info"}
    assert (LLAMA.id, "license-review") in rules and (LLAMA.id, "license-not-allowed") not in rules
    assert (GPL.id, "license-denied") in rules and (GPL.id, "license-not-allowed") not in rules
    # the license lists decide before the category lists
    assert (NC.id, "license-not-allowed") in rules and ("acme/mit", "license-not-allowed") in rules
    assert not any(m == APACHE.id for m, _ in rules)
    doc["licenses"].pop("allow")
    findings = run(tmp_path, doc, NC, APACHE, direct=(NC.id, APACHE.id))
    assert {(f.model, f.rule) for f in findings if f.severity != "info"} >= {
        (NC.id, "category-denied")
    }
    assert not by_rule(findings, "license-not-allowed")


def test_category_allow_list(tmp_path):
    doc = {"licenses": {"categories": {"allow": ["permissive", "public-domain"]}}}
    findings = run(
        tmp_path,
        doc,
        LLAMA,
        APACHE,
        rec("acme/cc0", "cc0-1.0"),
        direct=(LLAMA.id, APACHE.id, "acme/cc0"),
    )
    assert {f.model for f in by_rule(findings, "license-not-allowed")} == {LLAMA.id}


def test_publisher_allow_list(tmp_path):
    doc = {"procurement": {"allow_publishers": ["meta-llama", "Mistral*"]}}
    findings = run(tmp_path, doc, LLAMA, MNPL, QWEN, direct=(LLAMA.id, MNPL.id, QWEN.id))
    assert {f.model for f in by_rule(findings, "publisher-denied")} == {QWEN.id}
    # through lineage: an allowed publisher's fine-tune of a not-allowed base
    ft = rec("meta-llama/qwen-ft", "apache-2.0", base=(QWEN.id,))
    f = by_rule(run(tmp_path, doc, ft, QWEN), "publisher-denied")
    assert f and f[0].chain == (ft.id, QWEN.id)


def test_models_allow_and_deny_through_lineage(tmp_path):
    gguf = rec("TheBloke/Llama-GGUF", "llama3.3", base=(LLAMA.id,))
    ft = rec("acme/from-quant", "llama3.3", base=(gguf.id,))
    f = by_rule(run(tmp_path, {"models": {"deny": ["*-gguf"]}}, ft, gguf, LLAMA), "model-denied")
    assert f and f[0].chain == (ft.id, gguf.id)
    f = by_rule(
        run(
            tmp_path,
            {"models": {"allow": ["meta-llama/*"]}},
            APACHE,
            LLAMA,
            direct=(APACHE.id, LLAMA.id),
        ),
        "model-denied",
    )
    assert [x.model for x in f] == [APACHE.id]


def test_severity_overrides_and_off(tmp_path):
    doc = {
        "organization": {"monthly_active_users": 850_000_000},
        "severity": {"mau-limit": "warning", "gated": "off", "obligations": "off"},
    }
    findings = run(tmp_path, doc, LLAMA)
    assert by_rule(findings, "mau-limit")[0].severity == "warning"
    assert not by_rule(findings, "gated") and not by_rule(findings, "obligations")


def test_suppressed_and_ancestor_models_are_not_evaluated(tmp_path):
    from dataclasses import replace

    from licaudit.policy import evaluate

    from .policy_support import audited, knowledge_base, policy

    models = audited(NC, APACHE, direct=(NC.id,))
    models = [replace(models[0], suppressed=True), models[1]]
    assert evaluate(models, policy(tmp_path, {}), knowledge_base(), today=TODAY) == []


def test_findings_are_sorted_and_deterministic(tmp_path):
    doc = {
        "organization": {"monthly_active_users": 850_000_000, "jurisdictions": ["EU"]},
        "procurement": {"deny_countries": ["CN"]},
    }
    records = (QWEN_FT, QWEN, LLAMA_VISION, NC)
    direct = (QWEN_FT.id, LLAMA_VISION.id, NC.id)
    a = run(tmp_path, doc, *records, direct=direct)
    b = run(tmp_path, doc, *reversed(records), direct=direct)
    assert a == b
    ranks = [{"error": 0, "warning": 1, "info": 2}[f.severity] for f in a]
    assert ranks == sorted(ranks)


def test_terms_come_from_the_knowledge_base(tmp_path):
    """Changing the data changes the verdict: no license fact lives in the code."""
    from licaudit.licensing import KnowledgeBase, License
    from licaudit.policy import evaluate

    from .policy_support import LICENSES, audited, policy

    changed = []
    for d in LICENSES:
        if d["id"] == "llama3.3":
            d = {
                **d,
                "terms": {**d["terms"], "mau_limit": {"threshold": 900_000_000, "above": "x"}},
            }
        changed.append(License.from_dict(d))
    doc = policy(tmp_path, {"organization": {"monthly_active_users": 850_000_000}})
    assert by_rule(evaluate(audited(LLAMA), doc, knowledge_base(), today=TODAY), "mau-limit")
    assert not by_rule(
        evaluate(audited(LLAMA), doc, KnowledgeBase(changed), today=TODAY), "mau-limit"
    )


def test_spdx_expressions(tmp_path):
    either = rec("acme/either", "apache-2.0 OR cc-by-nc-4.0")
    findings = run(tmp_path, {}, either)
    assert not by_rule(findings, "commercial-use") and not by_rule(findings, "license-unknown")
    both = rec("acme/both", "mit AND cc-by-nc-4.0")
    f = by_rule(run(tmp_path, {}, both), "commercial-use")
    assert f and f[0].license == "cc-by-nc-4.0"
    # an OR picks the alternative whose terms are known
    assert not by_rule(
        run(tmp_path, {}, rec("acme/x", "mit OR acme-proprietary-1")), "license-unknown"
    )
    f = by_rule(run(tmp_path, {}, rec("acme/y", "mit AND acme-proprietary-1")), "license-unknown")
    assert (
        len(f) == 1
        and f[0].license == "acme-proprietary-1"
        and "in 'mit AND acme-proprietary-1'" in f[0].message
    )
    # a compound declared license is compared as a whole with a base model's
    ft = rec("acme/dual", "apache-2.0 AND mit", base=(LLAMA.id,))
    assert by_rule(run(tmp_path, {}, ft, LLAMA), "lineage-conflict")


def test_a_listed_license_licaudit_does_not_know_is_decided_by_the_policy(tmp_path):
    inhouse = rec("acme/inhouse", "acme-internal-1")
    assert by_rule(run(tmp_path, {}, inhouse), "license-unknown")
    findings = run(tmp_path, {"licenses": {"allow": ["ACME-internal-1"]}}, inhouse)
    assert not by_rule(findings, "license-unknown") and not by_rule(findings, "license-not-allowed")
    findings = run(tmp_path, {"licenses": {"deny": ["acme-internal-1"]}}, inhouse)
    assert by_rule(findings, "license-denied") and not by_rule(findings, "license-unknown")
