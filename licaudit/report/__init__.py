"""report: render the JSON report in every format.

``document.build`` turns an audit into the JSON report (``contract.Report``, the contract
``schemas/report.schema.json`` defines); every format renders that document and nothing else,
so ``licaudit report saved.json --format F`` renders a saved report exactly as the scan would
have. A format is one class implementing ``interface.Format`` (name, default file name,
``render(document) -> str``), registered once, in ``FORMATS`` below.
"""

from __future__ import annotations

import json as _json  # not ``json``: importing the json format submodule rebinds that name
from pathlib import Path
from typing import Any

from ..errors import LicauditError
from ..resources import validation_errors
from .contract import Report
from .cyclonedx import CycloneDxFormat
from .github import GithubFormat
from .html import HtmlFormat
from .interface import Format
from .json import JsonFormat
from .markdown import MarkdownFormat, SummaryFormat
from .notice import NoticeFormat
from .sarif import SarifFormat
from .spdx import SpdxJsonFormat, SpdxTagValueFormat
from .text import TextFormat

# Every format, by its --format name (in the order --help and errors list them).
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        TextFormat(),
        JsonFormat(),
        MarkdownFormat(),
        SummaryFormat(),
        HtmlFormat(),
        NoticeFormat(),
        GithubFormat(),
        SarifFormat(),
        SpdxJsonFormat(),
        SpdxTagValueFormat(),
        CycloneDxFormat(),
    )
}


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise LicauditError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    return fmt


def parse_formats(values: str | tuple[str, ...] | list[str] | None) -> list[str]:
    """``--format a,b --format c`` -> ``["a", "b", "c"]`` (validated, duplicates dropped)."""
    if values is None:
        return []
    if isinstance(values, str):
        values = (values,)
    out: list[str] = []
    for value in values:
        for name in value.split(","):
            name = name.strip().lower()
            if name and check_format(name) not in out:
                out.append(name)
    return out


def render(doc: Report, fmt: str, **options: Any) -> str:
    return FORMATS[check_format(fmt)].render(doc, **options)


def default_filename(fmt: str) -> str:
    return FORMATS[check_format(fmt)].filename


def load_saved(path: Path) -> Report:
    """A saved JSON report, validated against the report schema."""
    try:
        doc = _json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LicauditError(f"cannot read report {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise LicauditError(f"{path} is not a JSON report: not UTF-8 text") from exc
    except _json.JSONDecodeError as exc:
        raise LicauditError(f"{path} is not a JSON report: {exc}") from exc
    if not isinstance(doc, dict):
        raise LicauditError(f"{path} is not a licaudit JSON report: expected an object")
    errors = validation_errors("report", doc)
    if errors:
        raise LicauditError(f"{path} is not a licaudit JSON report: {errors[0]}")
    return doc
