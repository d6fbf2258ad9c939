"""report: one module per format, each ``render(document) -> str`` over the JSON report.

Formats never reach back into scanning: ``licaudit report saved.json --format F`` renders a saved
report exactly as the scan would have.
"""

from __future__ import annotations

import hashlib
import importlib
import json as _json  # not ``json``: importing the json format submodule rebinds that name
import os
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import LicauditError
from ..resources import validation_errors
from .contract import LocationEntry, ModelEntry, Report

# format name -> ("module" or "module:function" under licaudit.report, default file name for
# --output-dir). The function defaults to ``render``.
FORMATS: dict[str, tuple[str, str]] = {
    "text": ("text", "licaudit.txt"),
    "json": ("json", "licaudit.json"),
    "markdown": ("markdown", "licaudit-review.md"),
    "html": ("html", "licaudit-review.html"),
    "notice": ("notice", "ATTRIBUTION.md"),
    "github": ("github", "licaudit-annotations.txt"),
    "sarif": ("sarif", "licaudit.sarif"),
    "spdx": ("spdx", "licaudit.spdx.json"),
    "spdx-tv": ("spdx:render_tag_value", "licaudit.spdx"),
    "cyclonedx": ("cyclonedx", "licaudit.cdx.json"),
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
    check_format(fmt)
    module_name, _, function = FORMATS[fmt][0].partition(":")
    module = importlib.import_module(f"{__name__}.{module_name}")
    return getattr(module, function or "render")(doc, **options)


def default_filename(fmt: str) -> str:
    return FORMATS[check_format(fmt)][1]


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


# --- helpers shared by the bill-of-materials formats (SPDX, CycloneDX) ------------------------


def content_digest(doc: Report) -> str:
    """SHA-256 of the report's canonical JSON: the same report always gives the same digest,
    whether it comes from a scan or from a saved file."""
    canonical = _json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def creation_time(override: datetime | None = None) -> datetime:
    """When a document says it was created: ``override``, else ``SOURCE_DATE_EPOCH`` (the
    reproducible-builds convention, e.g. the commit time), else the Unix epoch. A report carries
    no clock time of its own, so anything else would make re-rendering differ."""
    if override is not None:
        return override.astimezone(timezone.utc).replace(microsecond=0)
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            return datetime.fromtimestamp(int(raw), tz=timezone.utc)
        except (ValueError, OverflowError, OSError) as exc:
            raise LicauditError(f"SOURCE_DATE_EPOCH must be a Unix timestamp, not '{raw}'") from exc
    return datetime.fromtimestamp(0, tz=timezone.utc)


def project_name(doc: Report) -> str:
    """The report's ``project`` (the scanned folder's name); for older reports, the root's name."""
    if doc.get("project"):
        return doc["project"]
    name = PurePosixPath(doc["root"].replace("\\", "/")).name
    return name if name and name not in (".", "..") else "project"


def download_location(model: ModelEntry) -> str | None:
    """Where the model can be fetched (its Hub or Ollama library page), when that is known."""
    if model["source"] == "huggingface":
        return f"https://huggingface.co/{model['id']}"
    if model["source"] == "ollama":
        name = model["id"].partition(":")[0]
        return (
            f"https://ollama.com/library/{name}"
            if "/" not in name
            else f"https://ollama.com/{name}"
        )
    return None


def license_infos(doc: Report) -> dict[str, dict[str, Any]]:
    """licaudit license id -> what a bill of materials needs of it (spdx id, name, url, summary, terms)."""
    out: dict[str, dict[str, Any]] = {}
    for model in doc["models"]:
        lic = model.get("license")
        if lic:
            out.setdefault(lic["id"], dict(lic))
    for lid, entry in doc.get("licenses", {}).items():
        out[lid] = {**out.get(lid, {}), **entry}
    return out


def location_text(loc: LocationEntry) -> str:
    """``path:line`` (``path`` when the line is unknown), as the bills of materials list references."""
    return f"{loc['path']}:{loc['line']}" if loc.get("line") else loc["path"]
