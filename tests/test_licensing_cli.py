"""`licaudit licenses ...` through the installed console script."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

LICENSES = Path(__file__).resolve().parent.parent / "licenses"


def test_list_text_and_category_filter(run_licaudit):
    p = run_licaudit("licenses", "list")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0].split()[:4] == ["ID", "CATEGORY", "COMMERCIAL", "CC"]
    assert lines[-1] == f"{len(list(LICENSES.glob('*.yaml')))} licenses"
    assert any(line.startswith("llama3.1 ") for line in lines)

    p = run_licaudit("licenses", "list", "--category", "research-only", "--format", "json")
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)["licenses"]
    assert {r["category"] for r in rows} == {"research-only"}
    assert "mrl" in {r["id"] for r in rows}
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)


def test_list_rejects_unknown_category(run_licaudit):
    p = run_licaudit("licenses", "list", "--category", "free-ish")
    assert p.returncode == 2
    assert p.stderr.strip().count("\n") == 0 and "unknown category 'free-ish'" in p.stderr


def test_show_text_is_a_plain_language_summary(run_licaudit):
    p = run_licaudit("licenses", "show", "Llama-3.2")  # an alias, any case
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert out.startswith("llama3.2: Llama 3.2 Community License Agreement")
    assert "700,000,000 monthly active users" in out
    assert 'Display: "Built with Llama"' in out
    assert "EU (multimodal models)" in out
    assert "Governing law: California" in out

    p = run_licaudit("licenses", "show", "gemma")
    assert "MUST be passed on to downstream users" in p.stdout
    assert "the licensor may restrict your use remotely" in p.stdout


def test_show_json_is_the_whole_record_and_deterministic(run_licaudit):
    first = run_licaudit("licenses", "show", "deepseek-license", "--format", "json")
    second = run_licaudit("licenses", "show", "deepseek-license", "--format", "json")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout  # the second run reads the validation cache
    record = json.loads(first.stdout)
    assert record == yaml.safe_load((LICENSES / "deepseek.yaml").read_text(encoding="utf-8"))


def test_show_placeholder(run_licaudit):
    p = run_licaudit("licenses", "show", "other")
    assert p.returncode == 0
    assert "license_name" in p.stdout and "placeholder" in p.stdout


def test_show_unknown_id_suggests_close_matches(run_licaudit):
    p = run_licaudit("licenses", "show", "llama-3.3-licence")
    assert p.returncode == 2
    assert p.stdout == ""
    msg = p.stderr.strip()
    assert "\n" not in msg
    assert (
        "unknown license 'llama-3.3-licence'" in msg and "did you mean" in msg and "llama3.3" in msg
    )


def test_identify_exit_codes(run_licaudit, tmp_path):
    lic = tmp_path / "LICENSE"
    lic.write_text(
        "Gemma Terms of Use\n\nBy using Gemma, Model Derivatives including via any Hosted Service you agree.\n\n"
        "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms\n\n"
        "You must not use Gemma for the restricted uses set forth in the Gemma Prohibited Use Policy.\n",
        encoding="utf-8",
    )
    p = run_licaudit("licenses", "identify", str(lic))
    assert p.returncode == 0, p.stderr
    assert "license gemma (confidence 1.00)" in p.stdout

    p = run_licaudit("licenses", "identify", str(lic), "--format", "json")
    doc = json.loads(p.stdout)
    assert doc["license"] == "gemma" and doc["kind"] == "license" and doc["confidence"] == 1.0

    other = tmp_path / "NOTES.md"
    other.write_text(
        "This folder holds a model we trained ourselves; terms to be decided by the legal team.\n",
        encoding="utf-8",
    )
    p = run_licaudit("licenses", "identify", str(other), "--format", "json")
    assert p.returncode == 1
    doc = json.loads(p.stdout)
    assert doc["license"] is None and doc["reason"].startswith("unrecognised")

    p = run_licaudit("licenses", "identify", str(tmp_path / "missing"))
    assert p.returncode == 2
    assert "cannot read" in p.stderr and p.stderr.strip().count("\n") == 0


def test_validate(run_licaudit, tmp_path):
    p = run_licaudit("licenses", "validate")
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == f"{len(list(LICENSES.glob('*.yaml')))} license files valid"
    bad = tmp_path / "licenses"
    bad.mkdir()
    (bad / "mit.yaml").write_text("id: mit\nname: MIT\n", encoding="utf-8")
    p = run_licaudit("licenses", "validate", str(bad))
    assert p.returncode == 2
    assert "mit.yaml" in p.stderr
