"""report: one module per format, each ``render(document) -> str`` over the JSON report.

Formats never reach back into scanning: ``licaudit report saved.json --format F`` renders a saved
report exactly as the scan would have.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from ..errors import LicauditError
from ..resources import validation_errors

# format name -> (module, default file name for --output-dir)
FORMATS: dict[str, tuple[str, str]] = {
    "text": ("text", "licaudit.txt"),
    "json": ("json", "licaudit.json"),
    "markdown": ("markdown", "licaudit-review.md"),
    "html": ("html", "licaudit-review.html"),
    "notice": ("notice", "ATTRIBUTION.md"),
    "github": ("github", "licaudit-annotations.txt"),
}


def render(doc: dict[str, Any], fmt: str, **options: Any) -> str:
    if fmt not in FORMATS:
        raise LicauditError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt][0]}")
    return module.render(doc, **options)


def load_saved(path: Path) -> dict[str, Any]:
    """A saved JSON report, validated against the report schema."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LicauditError(f"cannot read report {path}: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise LicauditError(f"{path} is not a JSON report: {exc}") from exc
    errors = validation_errors("report", doc)
    if errors:
        raise LicauditError(f"{path} is not a licaudit JSON report: {errors[0]}")
    return doc
