"""Repository configuration: ``[tool.licaudit]`` in pyproject.toml or ``.licaudit.yaml``."""

from __future__ import annotations

import sys
from dataclasses import dataclass
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

    @property
    def base_dir(self) -> Path | None:
        return self.source.parent if self.source else None


def toml_tool_section(text: str) -> dict[str, Any] | None:
    """``[tool.licaudit]`` of a pyproject.toml text (None when it has none); ``ValueError``
    (``tomllib.TOMLDecodeError``) when the text is not TOML."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    tool = tomllib.loads(text).get("tool")
    return (
        tool.get("licaudit") if isinstance(tool, dict) else None
    )  # `tool = 5` is not ours to judge


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"cannot read {path}: not UTF-8 text") from exc


def _find(root: Path) -> tuple[Path, Any, dict] | None:
    """(file, its licaudit configuration, {key path: line}) for the first configuration file
    at ``root``; each file is read and parsed once. A pyproject.toml without [tool.licaudit]
    is no configuration."""
    for name in CONFIG_FILES:
        path = root / name
        if not path.is_file():
            continue
        text = _read_text(path)
        if name == "pyproject.toml":
            try:
                raw = toml_tool_section(text)
            except ValueError as exc:
                raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
            if raw is None:
                continue
            from .policy.yamlsrc import toml_key_lines

            return path, raw, toml_key_lines(text)
        from .policy.yamlsrc import load_yaml

        doc, lines = load_yaml(text, str(path))
        return path, ({} if doc is None else doc), lines
    return None


def load_config(root: Path) -> Config:
    """The configuration at ``root`` (defaults when there is none)."""
    found = _find(root)
    if found is None:
        return Config()
    path, raw, lines = found
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: licaudit configuration must be a mapping")
    from .policy.yamlsrc import schema_errors

    errors = schema_errors("config", raw, lines, str(path))
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
    )
