"""Repository configuration: ``[tool.licaudit]`` in pyproject.toml or ``.licaudit.yaml``."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

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
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def base_dir(self) -> Path | None:
        return self.source.parent if self.source else None


def _load_toml(path: Path) -> dict[str, Any] | None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    return doc.get("tool", {}).get("licaudit")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"cannot read {path}: not UTF-8 text") from exc


def _load_yaml(path: Path) -> tuple[Any, dict]:
    from .policy.yamlsrc import load_yaml

    doc, lines = load_yaml(_read_text(path), str(path))
    return ({} if doc is None else doc), lines


def find_config_file(root: Path) -> Path | None:
    for name in CONFIG_FILES:
        path = root / name
        if path.is_file():
            if name == "pyproject.toml" and _load_toml(path) is None:
                continue
            return path
    return None


def load_config(root: Path) -> Config:
    """The configuration at ``root`` (defaults when there is none)."""
    path = find_config_file(root)
    if path is None:
        return Config()
    from .policy.yamlsrc import schema_errors, toml_key_lines

    if path.name == "pyproject.toml":
        raw, lines = _load_toml(path), toml_key_lines(_read_text(path))
        label = str(path)
    else:
        raw, lines = _load_yaml(path)
        label = str(path)
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: licaudit configuration must be a mapping")
    errors = schema_errors("config", raw, lines, label)
    if errors:
        raise ConfigError(errors[0])
    return Config(
        policy=raw.get("policy", "default"),
        exclude=tuple(raw.get("exclude", ())),
        lockfile=raw.get("lockfile", DEFAULT_LOCKFILE),
        catalogs=tuple(path.parent / c for c in raw.get("catalog", ())),
        fail_on=raw.get("fail_on"),
        offline=raw.get("offline", False),
        format=raw.get("format"),
        source=path,
        raw=raw,
    )
