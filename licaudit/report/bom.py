"""What the bill-of-materials formats (SPDX, CycloneDX) share: identity, times and names derived
from the report alone, so re-rendering a saved report gives the same bytes."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import PurePosixPath
from typing import Any

from ..review import source_date_epoch
from .contract import LocationEntry, ModelEntry, Report


def content_digest(doc: Report) -> str:
    """SHA-256 of the report's canonical JSON: the same report always gives the same digest,
    whether it comes from a scan or from a saved file."""
    canonical = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def creation_time(doc: Report, override: datetime | None = None) -> datetime:
    """When a document says it was created: ``override``, else ``SOURCE_DATE_EPOCH`` (the
    reproducible-builds convention), else the date of the review the report records (the
    commit's date), else the Unix epoch. A report carries no clock time of its own, so anything
    else would make re-rendering differ."""
    if override is not None:
        return override.astimezone(timezone.utc).replace(microsecond=0)
    stamp = source_date_epoch()
    if stamp is not None:
        return stamp
    date = (doc.get("review") or {}).get("date")
    if date:
        try:
            return datetime.fromisoformat(date.replace("Z", "+00:00")).astimezone(timezone.utc)
        except ValueError:
            pass  # a hand-edited report: fall back to the epoch
    return datetime.fromtimestamp(0, tz=timezone.utc)


def vcs_location(doc: Report) -> str | None:
    """``git+URL@COMMIT`` (SPDX's VCS download location) when the report names a repository by
    URL and a commit, else None."""
    review = doc.get("review") or {}
    url, commit = review.get("repository"), review.get("commit")
    if not (url and commit and "://" in url):
        return None
    return f"{url if url.startswith('git+') else 'git+' + url}@{commit}"


def review_properties(doc: Report) -> list[tuple[str, str]]:
    """The review identity as ``(name, value)`` pairs, for the bills of materials' properties."""
    review = doc.get("review") or {}
    pairs = [
        (key.replace("_", "-"), "true" if value is True else "false" if value is False else value)
        for key, value in sorted(review.items())
        if value is not None
    ]
    if doc["policy"].get("sha256"):
        pairs.append(("policy-sha256", doc["policy"]["sha256"]))
    return pairs


def project_name(doc: Report) -> str:
    """The report's ``project`` (the scanned folder's name); for older reports, the root's name."""
    if doc.get("project"):
        return doc["project"]
    name = PurePosixPath(doc["root"].replace("\\", "/")).name
    return name if name and name not in (".", "..") else "project"


def download_location(model: ModelEntry) -> str | None:
    """Where the model can be fetched (its Hub, ModelScope or Ollama library page, the page of a
    registry's model the loader data gives, a torch.hub repository on GitHub, the URL weights are
    downloaded from), when that is known."""
    if model["source"] == "huggingface":
        return f"https://huggingface.co/{model['id']}"
    if model["source"] == "modelscope":
        return f"https://modelscope.cn/models/{model['id']}"
    if model["source"] == "url":  # weights downloaded from that URL
        return model["id"]
    from ..discover.loaders import knowledge

    reg = knowledge().registries.get(model["source"])
    if reg is not None:
        return reg.page.format(id=model["id"]) if reg.page and "{id}" in reg.page else None
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
