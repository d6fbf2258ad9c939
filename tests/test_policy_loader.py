"""Loading policies: schema errors with the bad key and its line, extends chains and loops,
the built-in policies."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from licaudit.datafile import load_toml, load_yaml
from licaudit.errors import ConfigError
from licaudit.policy import load_policy
from licaudit.policy.loader import builtin_names, check_file
from licaudit.resources import data_dir, validation_errors

BUILTINS = ["default", "enterprise", "permissive", "research"]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_policies_exist_validate_and_are_commented():
    assert builtin_names() == BUILTINS
    for name in BUILTINS:
        path = data_dir("policies") / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# licaudit built-in policy: {name}")
        assert sum(1 for line in text.splitlines() if line.lstrip().startswith("#")) >= 5
        doc, errors = check_file(path)
        assert errors == [] and doc["name"] == name
        policy = load_policy(name)
        assert policy.source == f"builtin:{name}" and policy.name == name
        assert validation_errors("policy", policy.doc) == []


def test_builtin_policies_say_what_they_promise():
    default, permissive, enterprise, research = (
        load_policy(n).doc for n in ("default", "permissive", "enterprise", "research")
    )
    assert (
        default["organization"]["use"] == "commercial" and default["licenses"]["unknown"] == "error"
    )
    assert "community" in default["licenses"]["categories"]["review"]
    assert permissive["licenses"]["categories"]["allow"] == ["permissive", "public-domain"]
    assert enterprise["organization"]["monthly_active_users"] > 100_000_000
    assert enterprise["procurement"]["deny_countries"] and enterprise["lineage"] is True
    assert research["organization"]["use"] == "research"


def test_typo_key_rejected_with_key_and_line(tmp_path):
    path = write(
        tmp_path / "p.yaml",
        "version: 1\nname: acme\norganization:\n  use: commercial\n  monthly_active_user: 5\n",
    )
    with pytest.raises(ConfigError) as exc:
        load_policy(str(path))
    msg = str(exc.value)
    assert (
        f"{path.as_posix()}:5: organization.monthly_active_user: unknown key 'monthly_active_user'"
        in msg
    )
    assert "did you mean 'monthly_active_users'?" in msg


def test_typo_top_level_and_in_waiver_every_error_listed(tmp_path):
    path = write(
        tmp_path / "p.yaml",
        (
            "version: 1\n"
            "fail_onn: error\n"
            "waivers:\n"
            "  - model: 'meta-llama/*'\n"
            "    reason: signed\n"
            "    expire: 2027-01-01\n"
            "severity:\n"
            "  gated: off\n"
            "  mau-limits: warning\n"
        ),
    )
    _, errors = check_file(path, "p.yaml")
    assert errors[0].startswith(
        "policy p.yaml:2: fail_onn: unknown key 'fail_onn' (did you mean 'fail_on'?)"
    )
    assert errors[1].startswith(
        "policy p.yaml:6: waivers.0.expire: unknown key 'expire' (did you mean 'expires'?)"
    )
    assert errors[2].startswith(
        "policy p.yaml:9: severity.mau-limits: unknown key 'mau-limits' (did you mean 'mau-limit'?)"
    )
    assert len(errors) == 3  # 'off' is a severity, not a YAML 1.1 boolean


def test_bad_values_name_the_line(tmp_path):
    path = write(
        tmp_path / "p.yaml",
        "organization:\n  use: commerical\nwaivers:\n  - model: x\n    reason: r\n    rules: [mau-limit, gatd]\n    expires: 2027-02-30\n",
    )
    _, errors = check_file(path, "p.yaml")
    assert any(
        e.startswith("policy p.yaml:2: organization.use: 'commerical' is not one of")
        and "did you mean 'commercial'" in e
        for e in errors
    )
    assert any(e.startswith("policy p.yaml:6: waivers.0.rules.1: 'gatd'") for e in errors)
    assert any(
        e.startswith("policy p.yaml:7: waivers.0.expires: '2027-02-30' is not a date")
        for e in errors
    )


def test_invalid_yaml_and_non_mapping(tmp_path):
    path = write(tmp_path / "p.yaml", "version: 1\nlicenses: [unclosed\n")
    with pytest.raises(ConfigError, match=r"p\.yaml:\d+: invalid YAML"):
        load_policy(str(path))
    path = write(tmp_path / "q.yaml", "- a list\n")
    with pytest.raises(ConfigError, match="must be a mapping"):
        load_policy(str(path))


def test_extends_chain_merges(tmp_path):
    write(
        tmp_path / "base" / "org.yaml",
        "version: 1\nname: org\nextends: default\norganization:\n  monthly_active_users: 1000\n  jurisdictions: [US]\nlicenses:\n  deny: [gpl-3.0]\n",
    )
    team = write(
        tmp_path / "team.yaml",
        "version: 1\nextends: base/org.yaml\norganization:\n  jurisdictions: [EU]\nlicenses:\n  review: [llama3.1]\n",
    )
    policy = load_policy(str(team))
    doc = policy.doc
    assert policy.name == "team" and "extends" not in doc
    assert doc["organization"] == {
        "use": "commercial",
        "deployment": "hosted",
        "monthly_active_users": 1000,
        "jurisdictions": ["EU"],
    }
    assert doc["licenses"]["deny"] == ["gpl-3.0"] and doc["licenses"]["review"] == ["llama3.1"]
    assert (
        doc["licenses"]["categories"]["review"]
        == load_policy("default").doc["licenses"]["categories"]["review"]
    )
    assert "description" not in doc  # a parent's description does not describe the child


def test_extends_relative_to_the_extending_file(tmp_path, monkeypatch):
    write(tmp_path / "a" / "b" / "leaf.yaml", "extends: ../root.yaml\n")
    write(tmp_path / "a" / "root.yaml", "extends: research\nfail_on: never\n")
    monkeypatch.chdir(tmp_path)
    doc = load_policy("a/b/leaf.yaml").doc
    assert doc["fail_on"] == "never" and doc["organization"]["use"] == "research"


def test_extends_loops_are_rejected(tmp_path):
    write(tmp_path / "a.yaml", "extends: b.yaml\n")
    write(tmp_path / "b.yaml", "extends: c.yaml\n")
    write(tmp_path / "c.yaml", "extends: a.yaml\n")
    with pytest.raises(ConfigError, match="'extends' loops"):
        load_policy(str(tmp_path / "a.yaml"))
    write(tmp_path / "self.yaml", "extends: self.yaml\n")
    with pytest.raises(ConfigError, match="'extends' loops"):
        load_policy(str(tmp_path / "self.yaml"))


def test_extends_errors_name_the_parent_file_and_line(tmp_path):
    write(tmp_path / "parent.yaml", "version: 1\nlicences:\n  deny: [mit]\n")
    write(tmp_path / "child.yaml", "extends: parent.yaml\n")
    with pytest.raises(
        ConfigError,
        match=r"parent\.yaml:2: licences: unknown key 'licences' \(did you mean 'licenses'\?\)",
    ):
        load_policy(str(tmp_path / "child.yaml"))
    write(tmp_path / "orphan.yaml", "extends: missing.yaml\n")
    with pytest.raises(ConfigError, match="policy file not found: missing.yaml"):
        load_policy(str(tmp_path / "orphan.yaml"))
    write(tmp_path / "bad-builtin.yaml", "extends: no-such-policy\n")
    with pytest.raises(ConfigError, match="unknown policy 'no-such-policy'"):
        load_policy(str(tmp_path / "bad-builtin.yaml"))


def test_unknown_policy_name():
    with pytest.raises(
        ConfigError, match="built-in policies: default, enterprise, permissive, research"
    ):
        load_policy("strict")


def test_waivers_become_waiver_records(tmp_path):
    path = write(
        tmp_path / "p.yaml",
        "waivers:\n  - model: 'a/*'\n    reason: ok\n    expires: 2027-06-30\n  - model: b\n    rules: [gated]\n    reason: fine\n",
    )
    w = load_policy(str(path)).waivers
    assert (
        w[0].expires == "2027-06-30"
        and w[0].rules == ()
        and w[1].rules == ("gated",)
        and w[1].expires is None
    )


def test_load_yaml_lines_and_values():
    doc = load_yaml("a:\n  b: [1, 2]\n  c:\n    - x: off\n      y: 2027-01-01\n", "t")
    assert doc.data == {"a": {"b": [1, 2], "c": [{"x": "off", "y": "2027-01-01"}]}}
    assert (
        doc.line(("a",)) == 1
        and doc.line(("a", "b")) == 2
        and doc.line(("a", "c", 0)) == 4
        and doc.line(("a", "c", 0, "y")) == 5
        and doc.line(("a", "c", 0, "missing")) == 4  # the closest written parent
    )


def test_toml_key_lines():
    text = '[project]\npolicy = "x"\n\n[tool.licaudit]\npolicy = "p.yaml"\n"fail_on" = "error"\n[tool.other]\nexclude = []\n'
    doc = load_toml(text, "pyproject.toml")
    section = doc.section("tool", "licaudit")
    assert section.data == {"policy": "p.yaml", "fail_on": "error"}
    assert section.line(("policy",)) == 5 and section.line(("fail_on",)) == 6
    assert section.line(("unknown",)) == 4  # the table header
    assert doc.section("project").line(("policy",)) == 2
    assert doc.section("tool", "other").line(("exclude",)) == 8


def test_policy_schema_lists_every_rule():
    from licaudit.policy import RULES
    from licaudit.resources import schema

    sch = schema("policy")
    assert sch["properties"]["severity"]["propertyNames"]["enum"] == list(RULES)
    # a waiver clears findings, never duties: the obligations rule cannot be waived
    assert sch["properties"]["waivers"]["items"]["properties"]["rules"]["items"]["enum"] == [
        r.id for r in RULES.values() if r.waivable
    ]
    assert [r.id for r in RULES.values() if not r.waivable] == ["obligations"]


def test_issue_example_policy_is_valid(tmp_path):
    text = """\
version: 1
name: acme-hosted-assistant
extends: default
organization:
  monthly_active_users: 850000000
  use: commercial
  deployment: hosted
  jurisdictions: [US, EU]
licenses:
  allow: [apache-2.0, mit]
  deny: [cc-by-nc-4.0]
  review: [llama3.1, gemma]
  categories: {deny: [non-commercial], review: [community]}
  unknown: error
procurement:
  deny_countries: [CN]
  deny_publishers: []
  allow_publishers: []
models: {deny: ["*-GGUF"], allow: []}
lineage: true
fail_on: error
severity: {obligations: info}
waivers:
  - model: "meta-llama/*"
    rules: [mau-limit]
    reason: Separate license agreement signed with Meta (LEGAL-142)
    approved_by: legal@acme.example
    expires: 2027-06-30
"""
    path = write(tmp_path / "acme.yaml", text)
    policy = load_policy(str(path))
    assert policy.name == "acme-hosted-assistant" and policy.fail_on == "error"
    assert yaml.safe_load(text)["organization"] == {
        k: v for k, v in policy.doc["organization"].items()
    }


def test_duplicate_keys_are_rejected_with_both_lines(tmp_path):
    path = write(
        tmp_path / "p.yaml",
        "version: 1\nlicenses:\n  deny: [mit]\nfail_on: never\nlicenses:\n  allow: [mit]\n",
    )
    with pytest.raises(
        ConfigError, match=r"p\.yaml:5: licenses: duplicate key 'licenses' \(first at line 2\)"
    ):
        load_policy(str(path))
