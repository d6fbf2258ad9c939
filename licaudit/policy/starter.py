"""``licaudit init``: a commented starter policy and the repository configuration."""

from __future__ import annotations

from pathlib import Path

from ..errors import LicauditError
from .loader import builtin_names

POLICY_FILE = "licaudit-policy.yaml"

STARTER_POLICY = """\
# licaudit policy for this repository. Every key is optional; this file starts from the
# built-in '{base}' policy (`licaudit policy show {base}`) and changes what you uncomment.
# Check it with `licaudit policy validate {policy_file}`; see the merged result with
# `licaudit policy show {policy_file}`.
version: 1
name: {name}
extends: {base}

# How the organization uses models: the rules compare this with each license's terms.
# organization:
#   monthly_active_users: 5000000   # compared with license MAU thresholds (mau-limit)
#   daily_active_users: 200000      # compared with daily-user thresholds (threshold)
#   annual_revenue_usd: 50000000    # global consolidated, with affiliates (threshold)
#   monthly_revenue_usd: 4000000    # (threshold)
#   serves_models: false            # true when you offer models themselves as a service (hosting)
#   use: commercial                 # commercial | internal | research | personal
#   deployment: hosted              # hosted | on-premises | distributed
#   jurisdictions: [US, EU]         # where you are domiciled / do business (jurisdiction)

# Licenses by id (licaudit licenses list) or by category.
# licenses:
#   allow: [apache-2.0, mit]        # when non-empty, any other license fails (license-not-allowed)
#   deny: [cc-by-nc-4.0]            # license-denied
#   review: [llama3.1, gemma]       # allowed after legal sign-off: a warning (license-review)
#   categories: {{deny: [non-commercial], review: [community]}}
#   unknown: error                  # error | warning | info for a license nobody declares
#   inferred: accept                # accept | review | unknown: a license known only from the name

# Where models come from: publisher/licensor country and Hub organizations, base models included.
# procurement:
#   deny_countries: [CN]
#   deny_publishers: []
#   allow_publishers: []            # when non-empty, only these

# models: {{deny: ["*-GGUF"], allow: []}}   # globs on model ids
# lineage: true                     # base models' licenses bind fine-tunes, quantizations, distills
# fail_on: error                    # error | warning | never
# severity: {{obligations: info, gated: off}}   # per rule: error | warning | info | off

# Approvals: a waived finding is still reported but never fails the run. An expired waiver
# clears nothing and is itself a warning (waiver-expired).
# waivers:
#   - model: "meta-llama/*"         # glob on the model id (or on a base model on its lineage)
#     rules: [mau-limit]            # omitted: every rule
#     reason: Separate license agreement signed with Meta (LEGAL-142)
#     approved_by: legal@example.com
#     expires: 2027-06-30
"""

TOML_SECTION = """
[tool.licaudit]
# licaudit configuration; command-line options win over these.
policy = "{policy_file}"      # built-in policy name or a path relative to this file
exclude = []                   # gitignore-style globs to leave out of scans
lockfile = "licaudit.lock"     # pinned resolutions (licaudit lock)
# fail_on = "error"            # error | warning | never (default: the policy's)
# offline = false              # true: never use the network
# format = "text"              # default report format
"""

YAML_CONFIG = """\
# licaudit configuration; command-line options win over these.
policy: {policy_file}   # built-in policy name or a path relative to this file
exclude: []                     # gitignore-style globs to leave out of scans
lockfile: licaudit.lock         # pinned resolutions (licaudit lock)
# fail_on: error                # error | warning | never (default: the policy's)
# offline: false                # true: never use the network
# format: text                  # default report format
"""


def _has_tool_section(text: str) -> bool:
    from ..config import pyproject_section
    from ..datafile import DataFileError, load_toml

    try:
        return pyproject_section(load_toml(text, "pyproject.toml")) is not None
    except DataFileError as exc:
        raise LicauditError(f"{exc}; not changing it") from exc


def init_repository(root: Path, base: str = "default") -> list[str]:
    """Write the starter policy and configuration into ``root``; the lines to print.
    Refuses (``LicauditError``) before writing anything when either already exists."""
    if base not in builtin_names():
        raise LicauditError(
            f"unknown built-in policy '{base}' (choose from {', '.join(builtin_names())})"
        )
    if not root.is_dir():
        raise LicauditError(f"folder not found: {root}")
    policy_path = root / POLICY_FILE
    if policy_path.exists():
        raise LicauditError(
            f"{POLICY_FILE} already exists; not overwriting it (edit it, or remove it and rerun 'licaudit init')"
        )
    pyproject = root / "pyproject.toml"
    yaml_configs = [root / n for n in (".licaudit.yaml", ".licaudit.yml") if (root / n).exists()]
    if yaml_configs:
        raise LicauditError(f"{yaml_configs[0].name} already exists; not overwriting it")
    py_text = None
    if pyproject.is_file():
        try:
            py_text = pyproject.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LicauditError(f"cannot read pyproject.toml: {exc}") from exc
        if _has_tool_section(py_text):
            raise LicauditError(
                "pyproject.toml already has a [tool.licaudit] section; not overwriting it"
            )
    name = root.resolve().name or "repository"
    policy_text = STARTER_POLICY.format(base=base, name=f"{name}-policy", policy_file=POLICY_FILE)
    from ..atomic import write_text  # a full disk never leaves a truncated pyproject.toml

    try:
        write_text(policy_path, policy_text)
        if py_text is not None:
            sep = "" if py_text.endswith("\n") or not py_text else "\n"
            write_text(pyproject, py_text + sep + TOML_SECTION.format(policy_file=POLICY_FILE))
            config_line = "added [tool.licaudit] to pyproject.toml"
        else:
            write_text(root / ".licaudit.yaml", YAML_CONFIG.format(policy_file=POLICY_FILE))
            config_line = "wrote .licaudit.yaml"
    except OSError as exc:
        raise LicauditError(f"cannot write into {root}: {exc.strerror or exc}") from exc
    return [
        f"wrote {POLICY_FILE} (extends the built-in '{base}' policy)",
        config_line,
        f"next: edit {POLICY_FILE}, then run 'licaudit scan'",
    ]
