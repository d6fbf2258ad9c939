"""report: render the JSON report in every format.

``document.build`` turns an audit into the JSON report (``contract.Report``, the contract
``schemas/report.schema.json`` defines); every format renders that document and nothing else,
so ``licaudit report saved.json --format F`` renders a saved report exactly as the scan would
have. A format is one class implementing ``interface.Format`` (name, default file name,
``render(document) -> str``), registered once, in ``FORMATS`` below (its module imported
when the format is first asked for).
"""

from __future__ import annotations

import importlib
import json as _json  # not ``json``: importing the json format submodule rebinds that name
from pathlib import Path
from typing import Any

from ..errors import LicauditError
from ..resources import validation_errors
from .contract import Report
from .interface import Format


class _Builtin:
    """A format of this package, by the module and class that render it: imported when first
    asked for (a scan renders one or two formats of eleven)."""

    def __init__(self, name: str, module: str, cls: str) -> None:
        self.name = name
        self._where = (module, cls)
        self._made: Format | None = None

    def _format(self) -> Format:
        if self._made is None:
            module, cls = self._where
            self._made = getattr(importlib.import_module(f"{__name__}.{module}"), cls)()
        return self._made

    @property
    def filename(self) -> str:
        return self._format().filename

    def render(self, document: Report, /, **options: Any) -> str:
        return self._format().render(document, **options)


# Every format, by its --format name (in the order --help and errors list them).
FORMATS: dict[str, Format] = {
    name: _Builtin(name, module, cls)
    for name, module, cls in (
        ("text", "text", "TextFormat"),
        ("json", "json", "JsonFormat"),
        ("markdown", "markdown", "MarkdownFormat"),
        ("summary", "markdown", "SummaryFormat"),
        ("html", "html", "HtmlFormat"),
        ("notice", "notice", "NoticeFormat"),
        ("github", "github", "GithubFormat"),
        ("sarif", "sarif", "SarifFormat"),
        ("spdx", "spdx", "SpdxJsonFormat"),
        ("spdx-tv", "spdx", "SpdxTagValueFormat"),
        ("cyclonedx", "cyclonedx", "CycloneDxFormat"),
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
