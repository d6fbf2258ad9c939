"""End to end through the installed console script: the example, exit codes, determinism,
packaging and start-up cost."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from licaudit.resources import validation_errors

from .conftest import REPO_ROOT

DEMO = REPO_ROOT / "examples" / "demo-app"

APP = """
from transformers import AutoModel, pipeline
from huggingface_hub import hf_hub_download

BASE = "mistralai/Mistral-7B-Instruct-v0.3"

model = AutoModel.from_pretrained(BASE)
summarizer = pipeline("summarization", model="CohereForAI/c4ai-command-r-v01")
weights = hf_hub_download(repo_id="sentence-transformers/all-MiniLM-L6-v2", filename="model.safetensors")
"""


def test_version_and_help(run_licaudit):
    from licaudit import __version__

    version = run_licaudit("--version")
    assert version.returncode == 0
    assert __version__ in version.stdout
    helptext = run_licaudit("--help")
    assert helptext.returncode == 0
    assert "scan" in helptext.stdout
    scan_help = run_licaudit("scan", "--help")
    for option in ("--format", "--output", "--policy", "--offline", "--fail-on"):
        assert option in scan_help.stdout


def test_demo_example_is_flagged(run_licaudit, tmp_path):
    """The README quick start: the bundled example fails the default policy on Command R."""
    proc = run_licaudit("scan", str(DEMO), "--offline", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "CohereForAI/c4ai-command-r-v01" in proc.stdout
    assert "commercial-use" in proc.stdout
    assert "app/search.py:" in proc.stdout
    assert "FAIL" in proc.stdout


def test_demo_json_validates_against_report_schema(run_licaudit, tmp_path):
    out = tmp_path / "report.json"
    proc = run_licaudit(
        "scan", str(DEMO), "--offline", "--format", "json", "--output", str(out), cwd=tmp_path
    )
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert validation_errors("report", doc) == []
    ids = {m["id"] for m in doc["models"] if m["direct"]}
    assert {
        "meta-llama/Llama-3.1-8B-Instruct",
        "CohereForAI/c4ai-command-r-v01",
        "mistralai/Mistral-7B-Instruct-v0.3",
    } <= ids
    command_r = next(m for m in doc["models"] if m["id"] == "CohereForAI/c4ai-command-r-v01")
    assert command_r["license"]["id"] == "cc-by-nc-4.0"
    assert command_r["license_provenance"] == "catalog"
    assert any(f["rule"] == "commercial-use" and f["severity"] == "error" for f in doc["findings"])
    assert doc["summary"]["verdict"] == "fail"


def test_scan_temporary_git_repo(make_repo, run_licaudit):
    repo = make_repo(
        {
            "app.py": APP,
            ".gitignore": "vendor/\n",
            "vendor/ignored.py": 'AutoModel.from_pretrained("org/ignored-model")\n',
        }
    )
    (repo / "untracked.py").write_text(
        'AutoModel.from_pretrained("org/untracked-model")\n', encoding="utf-8"
    )
    proc = run_licaudit("scan", "--format", "json", cwd=repo)
    doc = json.loads(proc.stdout)
    ids = {m["id"] for m in doc["models"] if m["direct"]}
    # module constant followed, keyword and positional forms, untracked-not-ignored included
    assert ids == {
        "mistralai/Mistral-7B-Instruct-v0.3",
        "CohereForAI/c4ai-command-r-v01",
        "sentence-transformers/all-MiniLM-L6-v2",
        "org/untracked-model",
    }
    mistral = next(m for m in doc["models"] if m["id"] == "mistralai/Mistral-7B-Instruct-v0.3")
    # where the constant is written, and where it is loaded
    assert [(x["path"], x["line"]) for x in mistral["locations"]] == [("app.py", 5), ("app.py", 7)]
    assert mistral["purl"] == "pkg:huggingface/mistralai/Mistral-7B-Instruct-v0.3"
    unknown = next(m for m in doc["models"] if m["id"] == "org/untracked-model")
    assert unknown["license"] is None and unknown["unresolved"]
    assert any(
        f["rule"] == "license-unknown" and f["model"] == "org/untracked-model"
        for f in doc["findings"]
    )
    assert proc.returncode == 1


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [("never", 0), ("error", 1), ("warning", 1)],
)
def test_fail_on_controls_exit_code(make_repo, run_licaudit, fail_on, code):
    repo = make_repo({"app.py": APP})
    assert run_licaudit("scan", "--fail-on", fail_on, cwd=repo).returncode == code


def test_clean_repo_exits_zero(make_repo, run_licaudit):
    repo = make_repo(
        {
            "app.py": 'from transformers import AutoModel\nAutoModel.from_pretrained("mistralai/Mistral-7B-Instruct-v0.3")\n'
        }
    )
    proc = run_licaudit("scan", cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PASS" in proc.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("scan", "does-not-exist"), "path not found"),
        (("scan", "--format", "yaml"), "unknown format"),
        (("scan", "--policy", "no-such-policy"), "unknown policy"),
        (("scan", "--policy", "broken.yaml"), "broken.yaml"),
        (("scan", "--fail-on", "sometimes"), "sometimes"),
    ],
)
def test_usage_errors_exit_2_with_one_line(make_repo, run_licaudit, args, needle):
    repo = make_repo({"app.py": APP, "broken.yaml": "licenses: [unclosed\n"})
    proc = run_licaudit(*args, cwd=repo)
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr
    if args[1] != "--fail-on":  # click's own usage errors print a usage block
        assert len(proc.stderr.strip().splitlines()) == 1


def test_reports_are_byte_identical_across_runs(make_repo, run_licaudit):
    repo = make_repo({"app.py": APP})
    first = run_licaudit("scan", "--format", "json", cwd=repo).stdout
    second = run_licaudit("scan", "--format", "json", cwd=repo).stdout
    assert first == second
    text1 = run_licaudit("scan", cwd=repo).stdout
    assert text1 == run_licaudit("scan", cwd=repo).stdout


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys\n"
        "from licaudit.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('jsonschema', 'huggingface_hub', 'spdx_tools', 'cyclonedx', 'yaml', 'license_expression', 'tree_sitter', 'tree_sitter_go', 'tree_sitter_javascript', 'tree_sitter_typescript') if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "HEAVY:"


@pytest.mark.slow
def test_wheel_ships_the_data_folders(tmp_path):
    """`pip install .` must carry licenses/, policies/ and schemas/ inside the package."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO_ROOT),
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0 and "hatchling" in proc.stderr:
        pytest.fail(
            "hatchling is needed to build the wheel: " + proc.stderr.strip().splitlines()[-1]
        )
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("licaudit-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "licaudit/_data/policies/default.yaml" in names
    assert "licaudit/_data/schemas/report.schema.json" in names
    assert "licaudit/_data/licenses/apache-2.0.yaml" in names
    assert any(n.startswith("licaudit/_data/licenses/catalog/") for n in names)
    assert "licaudit/report/templates/review.html" in names  # the HTML report's page
