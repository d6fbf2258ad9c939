"""The identity of a review: what was audited, at which revision, when, and under which rules.

A sign-off must name what it signs: the repository (its remote URL, else the folder's name), the
commit and whether the work tree had changes the commit does not hold, the date of the review,
the policy (its SHA-256, of the merged document after ``extends``) and the knowledge base and
catalog in use (one SHA-256 over their files). ``identify`` gathers it once per audit; the
report carries it (``review`` and ``policy.sha256``) and every format shows it.

The date is reproducible, never the clock: ``SOURCE_DATE_EPOCH`` when set (the
reproducible-builds convention), else the commit's date, else none — so the same inputs give
byte-identical reports.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .errors import LicauditError
from .recordtype import dataclass

# What a review covers: a repository's tree, models named on the command line, a model cache.
REPOSITORY, MODELS, CACHE = "repository", "models", "cache"
GIT_TIMEOUT = 10  # seconds for each git command


@dataclass(frozen=True)
class Review:
    kind: str  # REPOSITORY | MODELS | CACHE
    repository: str | None = None  # remote URL (credentials dropped), else the folder's name
    path: str | None = None  # the scanned folder inside the repository ("." for its top)
    commit: str | None = None  # HEAD's commit id; None outside git or before the first commit
    dirty: bool | None = None  # the scanned tree differs from the commit (None: not in git)
    date: str | None = None  # ISO 8601, UTC
    date_source: str | None = None  # "SOURCE_DATE_EPOCH" | "commit"
    knowledge_sha256: str = ""  # the license files and catalog files in use

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "repository": self.repository,
            "path": self.path,
            "commit": self.commit,
            "dirty": self.dirty,
            "date": self.date,
            "date_source": self.date_source,
            "knowledge_sha256": self.knowledge_sha256,
        }


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def source_date_epoch() -> datetime | None:
    """``SOURCE_DATE_EPOCH`` as a time, None when unset; a usage error when it is not a number."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        return datetime.fromtimestamp(int(raw), tz=timezone.utc)
    except (ValueError, OverflowError, OSError) as exc:
        raise LicauditError(f"SOURCE_DATE_EPOCH must be a Unix timestamp, not '{raw}'") from exc


def _git(root: Path, *args: str) -> str | None:
    """The stripped output of a git command in ``root``, None when git fails or is missing."""
    return _git_each(root, args)[0]


def _git_each(root: Path, *commands: tuple[str, ...]) -> list[str | None]:
    """``_git`` of each command, the processes running side by side (each within its time)."""
    procs: list[subprocess.Popen | None] = []
    for args in commands:
        try:
            procs.append(
                subprocess.Popen(
                    ["git", "-C", str(root), *args],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
        except OSError:
            procs.append(None)
    out: list[str | None] = []
    for proc in procs:
        if proc is None:
            out.append(None)
            continue
        try:
            stdout, _ = proc.communicate(timeout=GIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            out.append(None)
            continue
        except BaseException:
            for other in procs:
                if other is not None and other.poll() is None:
                    other.kill()
                    other.wait()
            raise
        out.append(stdout.strip() if proc.returncode == 0 else None)
    return out


def public_url(url: str) -> str:
    """A remote URL fit to print: user name and password (a token, often) dropped from a URL
    with a scheme, query and fragment too; an scp-style ``git@host:org/repo`` stays as is."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host + (f":{port}" if port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _remote(listing: str | None) -> str | None:
    """The fetch URL of ``origin``, else of the first remote, from ``git remote -v``."""
    urls: dict[str, str] = {}
    for line in (listing or "").splitlines():
        name, _, rest = line.partition("\t")
        url, _, kind = rest.rpartition(" ")
        if kind == "(fetch)" and url:
            urls.setdefault(name, url)
    if not urls:
        return None
    return public_url(urls.get("origin") or next(iter(urls.values())))


def folder_name(root: Path) -> str:
    return root.resolve().name or str(root.resolve())


def repository(root: Path, *, kind: str = REPOSITORY, knowledge_sha256: str = "") -> Review:
    """The review of the tree at ``root``: inside a git work tree its remote, commit, state and
    commit date; outside git the folder's name alone."""
    epoch = source_date_epoch()
    date, date_source = (iso(epoch), "SOURCE_DATE_EPOCH") if epoch else (None, None)
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return Review(
            kind,
            folder_name(root),
            date=date,
            date_source=date_source,
            knowledge_sha256=knowledge_sha256,
        )
    try:
        inside = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    except ValueError:
        inside = "."
    # the commit and its date in one process (fails, as it should, on a branch with no commit),
    # the state and the remotes, the three processes side by side
    logged, status, remotes = _git_each(
        root,
        ("log", "-1", "--format=%H %ct", "HEAD"),
        ("status", "--porcelain", "--untracked-files=normal", "--", "."),
        ("remote", "-v"),
    )
    commit, _, stamp = (logged or "").partition(" ")
    if commit and date is None and stamp.isdigit():
        date, date_source = iso(datetime.fromtimestamp(int(stamp), tz=timezone.utc)), "commit"
    return Review(
        kind,
        _remote(remotes) or Path(top).name,
        path=inside or ".",
        commit=commit or None,
        dirty=bool(status) if status is not None else None,
        date=date,
        date_source=date_source,
        knowledge_sha256=knowledge_sha256,
    )


def named_models(*, knowledge_sha256: str = "") -> Review:
    """The review of models named on the command line: no repository, no commit."""
    epoch = source_date_epoch()
    return Review(
        MODELS,
        date=iso(epoch) if epoch else None,
        date_source="SOURCE_DATE_EPOCH" if epoch else None,
        knowledge_sha256=knowledge_sha256,
    )


def cache(folder: Path, *, knowledge_sha256: str = "") -> Review:
    """The review of a model cache or an unpacked filesystem: the folder, no commit."""
    epoch = source_date_epoch()
    return Review(
        CACHE,
        Path(folder).resolve().as_posix(),
        date=iso(epoch) if epoch else None,
        date_source="SOURCE_DATE_EPOCH" if epoch else None,
        knowledge_sha256=knowledge_sha256,
    )


def document_sha256(doc: Mapping[str, Any]) -> str:
    """SHA-256 of a document's canonical JSON (keys sorted, no white space)."""
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def knowledge_sha256(*digests: str | None) -> str:
    """One SHA-256 over the digests of the data in use (knowledge base, catalog layers)."""
    return hashlib.sha256("\n".join(d or "" for d in digests).encode("ascii")).hexdigest()
