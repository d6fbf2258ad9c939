"""The Format seam: a format is one class with a name, a default file name and ``render``,
registered once in ``report.FORMATS``; the CLI, ``--output-dir`` and the error for an unknown
format all follow the registry."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from licaudit.cli import main
from licaudit.report import FORMATS, load_saved
from licaudit.report.contract import Report

SAVED = Path(__file__).parent / "fixtures" / "reports" / "demo-default.json"


class CsvFormat:
    """A format written here, as a newcomer would: one line per model referenced."""

    name = "csv"
    filename = "licaudit-models.csv"

    def render(self, doc: Report, /, *, color: bool = False, quiet: bool = False) -> str:
        rows = ["model,license,verdict"]
        for m in doc["models"]:
            if m["direct"]:
                lic = m["license"]["id"] if m["license"] else ""
                rows.append(f"{m['id']},{lic},{doc['summary']['verdict']}")
        return "\n".join(rows) + "\n"


def test_a_format_is_one_class_registered_in_one_place(monkeypatch, tmp_path):
    runner = CliRunner()
    unknown = runner.invoke(main, ["report", str(SAVED), "--format", "csv"])
    assert unknown.exit_code == 2 and "unknown format 'csv'" in unknown.output

    monkeypatch.setitem(FORMATS, CsvFormat.name, CsvFormat())  # the one place
    expected = CsvFormat().render(load_saved(SAVED))
    assert expected.count("\n") > 2  # the demo has models

    stdout = runner.invoke(main, ["report", str(SAVED), "--format", "csv"])
    assert stdout.exit_code == 0, stdout.output
    assert stdout.output == expected

    out = tmp_path / "out"
    both = runner.invoke(
        main, ["report", str(SAVED), "--format", "json,csv", "--output-dir", str(out)]
    )
    assert both.exit_code == 0, both.output
    assert (out / "licaudit-models.csv").read_text(encoding="utf-8") == expected
    assert (out / "licaudit.json").is_file()

    listed = runner.invoke(main, ["report", str(SAVED), "--format", "nope"])
    assert "csv" in listed.output.split("choose from", 1)[1]


def test_every_registered_format_is_a_format():
    assert list(FORMATS)[0] == "text"  # the default comes first in every list
    doc = load_saved(SAVED)
    for name, fmt in FORMATS.items():
        assert fmt.name == name
        assert fmt.filename and "/" not in fmt.filename
        plain = fmt.render(doc)
        assert isinstance(plain, str) and plain.endswith("\n")
        if name != "text":
            assert fmt.render(doc, color=True) == plain  # only the terminal view has colours
    assert len({f.filename for f in FORMATS.values()}) == len(FORMATS)


def test_jinja2_loads_only_for_the_html_report():
    import subprocess
    import sys

    code = (
        "import sys, pathlib\n"
        "from licaudit.report import load_saved, render\n"
        f"doc = load_saved(pathlib.Path({str(SAVED)!r}))\n"
        "for fmt in ('text', 'markdown', 'notice', 'github', 'json'):\n"
        "    render(doc, fmt)\n"
        "print('jinja2' in sys.modules)\n"
        "render(doc, 'html')\n"
        "print('jinja2' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True"]


def test_each_registered_format_is_imported_when_first_asked_for():
    """A scan renders one or two formats: the others' modules (and what they import) are not
    loaded for it; a format's name, file name and output are its class's."""
    code = (
        "import sys\n"
        "from licaudit.report import FORMATS, load_saved, render\n"
        f"doc = load_saved(__import__('pathlib').Path({str(SAVED)!r}))\n"
        "render(doc, 'json')\n"
        "from licaudit.report.spdx import SpdxJsonFormat\n"
        "assert FORMATS['spdx'].filename == SpdxJsonFormat.filename\n"
        "import json\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('licaudit.report.'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(out))
    assert "licaudit.report.json" in loaded
    assert not loaded & {"licaudit.report.html", "licaudit.report.sarif", "licaudit.report.text"}
