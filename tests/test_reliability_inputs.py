"""Every file licaudit reads is bounded, the configuration is found from a subfolder, reports are
written whole or not at all, and messages say what to do, through the installed CLI."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import time

import pytest

APP = 'from transformers import AutoModel\nAutoModel.from_pretrained("mistralai/Mistral-7B-v0.1")\n'


def alias_bomb(levels: int = 9) -> str:
    """Nine lines of YAML that expand to 10**9 nodes."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, levels):
        refs = ", ".join([f"*a{n - 1}"] * 10)
        lines.append(f"a{n}: &a{n} [{refs}]")
    return "\n".join(lines) + "\n"


def deep_yaml(depth: int = 5000) -> str:
    return "x: " + "[" * depth + "]" * depth + "\n"


def deep_json(depth: int = 100_000) -> str:
    return '{"lockfile_version": 1, "models": ' + "[" * depth + "]" * depth + "}\n"


def run_bounded(run_licaudit, *args, cwd, **kwargs):
    started = time.monotonic()
    proc = run_licaudit(*args, cwd=cwd, timeout=60, **kwargs)
    assert time.monotonic() - started < 30
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return proc


# --- item 8 and 11: alias bombs and deep nesting in every file licaudit reads ---------------


@pytest.mark.parametrize(
    "name, text, where",
    [
        ("policy.yaml", alias_bomb(), "policy policy.yaml:"),
        ("policy.yaml", deep_yaml(), "policy policy.yaml:1: nested too deeply"),
        (".licaudit.yaml", alias_bomb(), ".licaudit.yaml:"),
        (".licaudit.yaml", deep_yaml(), ".licaudit.yaml:1: nested too deeply"),
        (
            "pyproject.toml",
            "[tool.licaudit]\nx = " + "[" * 5000 + "]" * 5000 + "\n",
            "pyproject.toml:2: nested too deeply",
        ),
        ("licaudit.lock", deep_json(), "licaudit.lock:1: nested too deeply"),
    ],
    ids=["policy-bomb", "policy-deep", "config-bomb", "config-deep", "pyproject-deep", "lock-deep"],
)
def test_hostile_files_licaudit_reads_are_configuration_errors(
    make_repo, run_licaudit, name, text, where
):
    files = {"app.py": APP, name: text}
    if name == "policy.yaml":
        files[".licaudit.yaml"] = "policy: policy.yaml\n"
    repo = make_repo(files)
    proc = run_bounded(run_licaudit, "scan", "--offline", cwd=repo)
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert line.startswith("licaudit: error: ") and where in line, line
    assert "aliases expand" in line or "nested too deeply" in line


def test_a_policy_from_a_pull_request_is_validated_without_expanding_it(make_repo, run_licaudit):
    repo = make_repo({"policy.yaml": alias_bomb()})
    proc = run_bounded(run_licaudit, "policy", "validate", "policy.yaml", cwd=repo)
    assert proc.returncode == 2 and "aliases expand to more than" in proc.stderr


# --- item 14: the configuration of a project, found from a subfolder -----------------------

PROJECT = {
    ".licaudit.yaml": "policy: legal/policy.yaml\nexclude:\n  - src/generated/\n  - '*.ipynb'\n",
    "legal/policy.yaml": "extends: default\nlicenses:\n  deny: [apache-2.0]\n",
    "src/app.py": APP,
    "src/generated/models.py": 'AutoModel.from_pretrained("google-bert/bert-base-uncased")\n',
}


def test_the_configuration_is_found_from_a_subfolder(make_repo, run_licaudit):
    repo = make_repo(PROJECT)
    assert run_licaudit("lock", "--offline", cwd=repo).returncode == 0
    sub = repo / "src"
    proc = run_licaudit("scan", "--offline", "--format", "json", cwd=sub)
    assert proc.returncode == 1, proc.stderr  # the project's policy denies apache-2.0
    report = json.loads(proc.stdout)
    assert report["policy"]["source"].endswith("legal/policy.yaml")
    assert [m["id"] for m in report["models"]] == ["mistralai/Mistral-7B-v0.1"]  # excludes
    assert [f["rule"] for f in report["findings"] if f["severity"] == "error"] == ["license-denied"]
    # the project's lockfile, not one of its own
    assert report["models"][0]["license_provenance"] == "lockfile"
    assert run_licaudit("scan", "--offline", "--locked", cwd=sub).returncode == 1
    assert "not pinned" not in run_licaudit("scan", "--offline", "--locked", cwd=sub).stderr
    assert run_licaudit("lock", "--check", cwd=sub).returncode == 0
    # lock from the subfolder adds to the project's lockfile and drops nothing
    before = (repo / "licaudit.lock").read_text()
    assert run_licaudit("lock", "--offline", cwd=sub).returncode == 0
    assert (repo / "licaudit.lock").read_text() == before
    assert not (sub / "licaudit.lock").exists()


def test_a_configuration_outside_the_repository_is_not_used(tmp_path, make_repo, run_licaudit):
    (tmp_path / ".licaudit.yaml").write_text("policy: nowhere.yaml\n")
    repo = make_repo({"app.py": APP})
    assert run_licaudit("scan", "--offline", cwd=repo).returncode == 0


def test_two_configurations_in_one_folder_warn(make_repo, run_licaudit):
    repo = make_repo(
        {
            "app.py": APP,
            ".licaudit.yaml": "fail_on: never\n",
            "pyproject.toml": '[tool.licaudit]\nfail_on = "error"\n',
        }
    )
    proc = run_licaudit("scan", "--offline", cwd=repo)
    assert (
        "licaudit: warning: both .licaudit.yaml and [tool.licaudit] in pyproject.toml configure "
        "licaudit" in proc.stderr
    )
    assert ".licaudit.yaml is used, [tool.licaudit] is ignored" in proc.stderr


# --- item 3: reports written whole or not at all --------------------------------------------


def _file_size_limit(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize("how", ["output", "output-dir"])
def test_a_report_write_that_fails_keeps_the_previous_report(make_repo, run_licaudit, how):
    repo = make_repo({"app.py": APP})
    out = repo / "reports"
    out.mkdir()
    target = out / ("report.json" if how == "output" else "licaudit.json")
    args = ["-o", str(target)] if how == "output" else ["--output-dir", str(out)]
    assert run_licaudit("scan", "--offline", "--format", "json", *args, cwd=repo).returncode == 0
    before = target.read_bytes()
    assert len(before) > 2048
    proc = run_licaudit(
        "scan",
        "--offline",
        "--format",
        "json",
        *args,
        cwd=repo,
        preexec_fn=_file_size_limit(2048),
    )
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"licaudit: error: cannot write {target}") and "File too large" in line
    assert target.read_bytes() == before
    assert os.listdir(out) == [target.name]


def test_standard_output_on_a_full_disk_is_a_one_line_error(make_repo, licaudit_bin, tmp_path):
    repo = make_repo({"app.py": APP})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "LICAUDIT_"))}
    env.update(HF_HUB_OFFLINE="1", LICAUDIT_CACHE_DIR=str(tmp_path / "cache"))
    for args in (["scan", "--offline"], ["licenses", "list"], ["lock", "--offline"]):
        with open("/dev/full", "w") as full:
            proc = subprocess.run(
                [licaudit_bin, *args],
                cwd=repo,
                env=env,
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                timeout=60,
            )
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr == (
            "licaudit: error: cannot write to standard output: No space left on device\n"
        ), args


# --- item 16: messages that say what to do --------------------------------------------------


def test_a_misspelt_policy_name_says_which_was_meant(make_repo, run_licaudit):
    proc = run_licaudit("check", "mistralai/Mistral-7B-v0.1", "--policy", "defualt")
    assert proc.returncode == 2
    assert "unknown policy 'defualt' (did you mean 'default'?)" in proc.stderr


def test_validating_an_empty_license_folder_fails(tmp_path, run_licaudit):
    (tmp_path / "licenses").mkdir()
    proc = run_licaudit("licenses", "validate", str(tmp_path / "licenses"))
    assert proc.returncode == 2
    assert "no license files (*.yaml) in" in proc.stderr


MIT_WITHOUT_ITS_NOTICE_CLAUSE = """\
Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:
THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def test_identify_reports_one_confidence_in_text_and_json(tmp_path, run_licaudit):
    """A text too long for the license it resembles: the confidence it is refused with is one
    number, the same in text and in JSON (the text used to cite the score before the length
    penalty)."""
    path = tmp_path / "LICENSE"
    path.write_text(MIT_WITHOUT_ITS_NOTICE_CLAUSE + " ".join(f"word{i}" for i in range(400)))
    as_json = json.loads(run_licaudit("licenses", "identify", str(path), "--format", "json").stdout)
    as_text = run_licaudit("licenses", "identify", str(path)).stdout
    assert as_json["license"] is None and 0 < as_json["confidence"] < 0.5
    assert f"at confidence {as_json['confidence']:.2f}" in as_text
    assert as_json["reason"] in as_text
