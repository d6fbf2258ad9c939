"""Repository configuration: ``.licaudit.yaml`` or ``[tool.licaudit]`` in pyproject.toml.

The configuration is found upward, as ruff and pre-commit find theirs: in the scanned folder,
else in each folder above it up to the repository root (the folder holding ``.git``); outside a
repository only the scanned folder counts. In one folder ``.licaudit.yaml`` (or
``.licaudit.yml``) wins over ``[tool.licaudit]``, with a warning when both exist.

Paths in the configuration are relative to its file: the policy, the catalog folders, the
lockfile and the ``exclude`` globs. ``load_config(root)`` gives them as the scan of ``root``
uses them: the lockfile relative to ``root``, the globs rewritten to match paths relative to
``root`` (``rebase_pattern``), so scanning a subfolder applies the project's configuration.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from .datafile import DataFileError, Document, read
from .recordtype import dataclass

CONFIG_FILES = (".licaudit.yaml", ".licaudit.yml", "pyproject.toml")
DEFAULT_LOCKFILE = "licaudit.lock"


@dataclass(frozen=True)
class Config:
    policy: str = "default"
    exclude: tuple[str, ...] = ()  # gitignore globs, relative to the scanned root
    lockfile: str = DEFAULT_LOCKFILE  # relative to the scanned root
    catalogs: tuple[Path, ...] = ()  # the organization's own catalog folders, resolved
    fail_on: str | None = None
    offline: bool = False
    format: str | None = None
    strict: bool = False
    source: Path | None = None  # the file the configuration came from
    warnings: tuple[str, ...] = ()  # about the configuration files themselves

    @property
    def base_dir(self) -> Path | None:
        return self.source.parent if self.source else None


def pyproject_section(pyproject: Document) -> Document | None:
    """``[tool.licaudit]`` of a parsed pyproject.toml, positions kept; None when it has none
    (a ``tool = 5`` is not ours to judge)."""
    return pyproject.section("tool", "licaudit")


def search_folders(start: Path) -> list[Path]:
    """Where the configuration of a scan of ``start`` may be: ``start`` and each folder above
    it up to the repository root; only ``start`` outside a repository."""
    start = start.resolve()
    chain = [start, *start.parents]
    for i, folder in enumerate(chain):
        if (folder / ".git").exists():
            return chain[: i + 1]
    return [start]


def _in_folder(folder: Path) -> tuple[Path, Document, list[str]] | None:
    """(file, its licaudit configuration, warnings) in ``folder``, or None. A pyproject.toml
    without [tool.licaudit] is no configuration."""
    own = next((folder / n for n in CONFIG_FILES[:2] if (folder / n).is_file()), None)
    pyproject = folder / "pyproject.toml"
    section = None
    if pyproject.is_file():
        try:
            section = pyproject_section(read(pyproject))
        except DataFileError:
            if own is None:
                raise
            section = None  # read only to warn: it is not used either way
    if own is None:
        return (pyproject, section, []) if section is not None else None
    warnings = []
    if section is not None:
        warnings.append(
            f"both {own.name} and [tool.licaudit] in pyproject.toml configure licaudit in "
            f"{folder}: {own.name} is used, [tool.licaudit] is ignored"
        )
    return own, read(own), warnings


def load_config(root: Path) -> Config:
    """The configuration of a scan of ``root`` (defaults when there is none), with its paths
    as that scan uses them."""
    for folder in search_folders(root):
        found = _in_folder(folder)
        if found is not None:
            break
    else:
        return Config()
    path, doc, warnings = found
    doc.mapping()
    raw = doc.validate("config")
    base = path.parent
    try:
        offset = Path(root).resolve().relative_to(base).parts
    except ValueError:  # pragma: no cover - the search only goes upward
        offset = ()
    lockfile = raw.get("lockfile", DEFAULT_LOCKFILE)
    return Config(
        policy=raw.get("policy", "default"),
        exclude=tuple(p for glob in raw.get("exclude", ()) for p in rebase_pattern(glob, offset)),
        lockfile=Path(os.path.relpath(base / lockfile, Path(root).resolve())).as_posix()
        if offset
        else lockfile,
        catalogs=tuple(base / c for c in raw.get("catalog", ())),
        fail_on=raw.get("fail_on"),
        offline=raw.get("offline", False),
        format=raw.get("format"),
        strict=raw.get("strict", False),
        source=path,
        warnings=tuple(warnings),
    )


def rebase_pattern(pattern: str, offset: tuple[str, ...]) -> list[str]:
    """The gitignore globs that select, in paths relative to the folder ``offset`` (its parts)
    below the glob's own folder, what ``pattern`` selects there: a glob without a slash matches
    at any depth and stays as it is (unless it names a folder of ``offset``); an anchored one loses the leading parts that name
    ``offset`` (``**`` may stand for any of them), and is dropped when it cannot reach into
    ``offset`` at all; one that names ``offset`` itself or a folder above it selects
    everything (``*``)."""
    if not offset:
        return [pattern]
    if pattern.startswith("!"):
        return ["!" + p for p in rebase_pattern(pattern[1:], offset)]
    body = pattern.strip()
    if not body or body.startswith("#"):
        return []
    suffix = "/" if body.endswith("/") else ""
    core = body.rstrip("/")
    if "/" not in core:  # any depth: the same below, unless it names a folder holding ``offset``
        return ["*"] if any(fnmatch.fnmatchcase(part, core) for part in offset) else [pattern]
    out: list[str] = []

    def walk(segments: list[str], rest: tuple[str, ...]) -> None:
        if not rest:
            out.append("/" + "/".join(segments) + suffix if segments else "*")
            return
        if not segments:
            out.append("*")  # the glob selects a folder holding the scanned one
            return
        head, tail = segments[0], segments[1:]
        if head == "**":
            out.append("/".join(segments) + suffix)  # deeper than ``offset``: anywhere below
            for k in range(len(rest) + 1):
                walk(tail, rest[k:])
        elif fnmatch.fnmatchcase(rest[0], head):
            walk(tail, rest[1:])

    walk([s for s in core.split("/") if s], offset)
    return list(dict.fromkeys(out))
