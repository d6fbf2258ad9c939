"""Repository configuration: ``[tool.licaudit]`` in pyproject.toml or ``.licaudit.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafile import Document, read

CONFIG_FILES = (".licaudit.yaml", ".licaudit.yml", "pyproject.toml")
DEFAULT_LOCKFILE = "licaudit.lock"


@dataclass(frozen=True)
class Config:
    policy: str = "default"
    exclude: tuple[str, ...] = ()
    lockfile: str = DEFAULT_LOCKFILE
    catalogs: tuple[Path, ...] = ()  # the organization's own catalog folders, resolved
    fail_on: str | None = None
    offline: bool = False
    format: str | None = None
    source: Path | None = None  # the file the configuration came from

    @property
    def base_dir(self) -> Path | None:
        return self.source.parent if self.source else None


def pyproject_section(pyproject: Document) -> Document | None:
    """``[tool.licaudit]`` of a parsed pyproject.toml, positions kept; None when it has none
    (a ``tool = 5`` is not ours to judge)."""
    return pyproject.section("tool", "licaudit")


def _find(root: Path) -> tuple[Path, Document] | None:
    """(file, its licaudit configuration) for the first configuration file at ``root``. A
    pyproject.toml without [tool.licaudit] is no configuration."""
    for name in CONFIG_FILES:
        path = root / name
        if not path.is_file():
            continue
        doc = read(path)
        if name == "pyproject.toml":
            doc = pyproject_section(doc)
            if doc is None:
                continue
        return path, doc
    return None


def load_config(root: Path) -> Config:
    """The configuration at ``root`` (defaults when there is none)."""
    found = _find(root)
    if found is None:
        return Config()
    path, doc = found
    doc.mapping()
    raw = doc.validate("config")
    return Config(
        policy=raw.get("policy", "default"),
        exclude=tuple(raw.get("exclude", ())),
        lockfile=raw.get("lockfile", DEFAULT_LOCKFILE),
        catalogs=tuple(path.parent / c for c in raw.get("catalog", ())),
        fail_on=raw.get("fail_on"),
        offline=raw.get("offline", False),
        format=raw.get("format"),
        source=path,
    )
