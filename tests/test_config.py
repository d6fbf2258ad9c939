"""Repository configuration: [tool.licaudit] in pyproject.toml or .licaudit.yaml."""

from __future__ import annotations

import pytest

from licaudit.config import DEFAULT_LOCKFILE, Config, load_config
from licaudit.errors import ConfigError


def test_defaults_without_configuration(tmp_path):
    assert load_config(tmp_path) == Config()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert (
        load_config(tmp_path).source is None
    )  # a pyproject without [tool.licaudit] is not a config


def test_pyproject_section(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.licaudit]\npolicy = "policies/acme.yaml"\nexclude = ["vendor/**"]\n'
        'lockfile = "ci/licaudit.lock"\nfail_on = "warning"\noffline = true\nformat = "json"\n',
        encoding="utf-8",
    )
    c = load_config(tmp_path)
    assert (c.policy, c.exclude, c.lockfile, c.fail_on, c.offline, c.format) == (
        "policies/acme.yaml",
        ("vendor/**",),
        "ci/licaudit.lock",
        "warning",
        True,
        "json",
    )
    assert c.base_dir == tmp_path


def test_yaml_config_wins_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.licaudit]\npolicy = "permissive"\n', encoding="utf-8"
    )
    (tmp_path / ".licaudit.yaml").write_text("policy: research\n", encoding="utf-8")
    c = load_config(tmp_path)
    assert (
        c.policy == "research"
        and c.lockfile == DEFAULT_LOCKFILE
        and c.source.name == ".licaudit.yaml"
    )


def test_unknown_key_names_key_and_line(tmp_path):
    (tmp_path / ".licaudit.yaml").write_text("policy: default\n\nexcludes: [a]\n", encoding="utf-8")
    with pytest.raises(
        ConfigError,
        match=r"\.licaudit\.yaml:3: excludes: unknown key 'excludes' \(did you mean 'exclude'\?\)",
    ):
        load_config(tmp_path)


def test_bad_values(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.licaudit]\n# comment\nfail_on = "sometimes"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"pyproject\.toml:3: fail_on: 'sometimes' is not one of"):
        load_config(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.licaudit\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(tmp_path)


def test_yaml_config_must_be_a_mapping_and_valid_yaml(tmp_path):
    (tmp_path / ".licaudit.yaml").write_text("- policy\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a mapping"):
        load_config(tmp_path)
    (tmp_path / ".licaudit.yaml").write_text("policy: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid YAML"):
        load_config(tmp_path)
    (tmp_path / ".licaudit.yaml").write_text("offline: yes\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=":1: offline: 'yes' is not of type 'boolean'"):
        load_config(tmp_path)


def test_a_pyproject_whose_tool_is_not_a_table_has_no_licaudit_configuration(tmp_path):
    (tmp_path / "pyproject.toml").write_text("tool = 5\n", encoding="utf-8")
    assert load_config(tmp_path).source is None
