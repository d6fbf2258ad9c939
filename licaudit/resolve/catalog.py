"""The built-in offline catalog under ``licenses/catalog/``: models, Ollama tags, publishers."""

from __future__ import annotations

import fnmatch
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..resources import data_dir, validation_errors


@dataclass(frozen=True)
class CatalogModel:
    key: str  # the id or the pattern
    is_pattern: bool
    license: str | None
    publisher: str | None
    modalities: tuple[str, ...]
    base_models: tuple[str, ...]
    base_model_relation: str | None
    gated: bool | None
    source: str
    data: dict[str, Any] = field(compare=False, hash=False)

    @property
    def detail(self) -> str:
        kind = "pattern" if self.is_pattern else "entry"
        return f"catalog {kind} {self.key} ({self.source})"


@dataclass(frozen=True)
class CatalogPublisher:
    org: str
    name: str
    country: str
    source: str


class Catalog:
    def __init__(self, docs: list[tuple[str, dict[str, Any]]]):
        self.models: dict[str, CatalogModel] = {}
        self.patterns: list[CatalogModel] = []
        self.publishers: dict[str, CatalogPublisher] = {}
        self.ollama: dict[str, dict[str, Any]] = {}
        for fname, doc in docs:
            for m in doc.get("models", []):
                entry = CatalogModel(
                    key=m.get("id") or m["pattern"],
                    is_pattern="pattern" in m,
                    license=m.get("license"),
                    publisher=m.get("publisher"),
                    modalities=tuple(m.get("modalities", ())),
                    base_models=tuple(m.get("base_models", ())),
                    base_model_relation=m.get("base_model_relation"),
                    gated=m.get("gated"),
                    source=m["source"],
                    data=m,
                )
                if entry.is_pattern:
                    self.patterns.append(entry)
                else:
                    k = entry.key.lower()
                    if k in self.models:
                        raise ConfigError(f"catalog {fname}: model '{entry.key}' is listed twice")
                    self.models[k] = entry
            for p in doc.get("publishers", []):
                pub = CatalogPublisher(p["org"], p["name"], p["country"], p["source"])
                for key in (p["org"], *p.get("aliases", ())):
                    self.publishers[key.lower()] = pub
            for o in doc.get("ollama", []):
                self.ollama[o["name"].lower()] = o
        # the most specific pattern (longest literal text) first
        self.patterns.sort(key=lambda e: (-len(e.key.replace("*", "")), e.key))

    @classmethod
    def load(cls, folder: Path | None = None) -> Catalog:
        folder = folder or data_dir("licenses") / "catalog"
        docs = []
        for path in sorted(folder.rglob("*.yaml")):
            try:
                doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as exc:
                raise ConfigError(f"catalog {path.name}: cannot read: {str(exc).splitlines()[0]}") from exc
            errors = validation_errors("catalog", doc)
            if errors:
                raise ConfigError(f"catalog {path.name}: {errors[0]}")
            docs.append((path.name, doc))
        return cls(docs)

    def model(self, model_id: str) -> CatalogModel | None:
        """Exact entry first, then the most specific matching pattern (case-insensitive)."""
        key = model_id.lower()
        if key in self.models:
            return self.models[key]
        for entry in self.patterns:
            if fnmatch.fnmatchcase(key, entry.key.lower()):
                return entry
        return None

    def publisher(self, org: str | None) -> CatalogPublisher | None:
        return self.publishers.get(org.lower()) if org else None

    def ollama_upstream(self, name_tag: str) -> tuple[str | None, dict[str, Any] | None]:
        """(upstream Hub id, the library entry) for an Ollama ``name:tag``."""
        name, _, tag = name_tag.partition(":")
        entry = self.ollama.get(name.lower())
        if entry is None:
            return None, None
        tag = tag or "latest"
        if tag == "latest" and entry.get("default"):
            tag = entry["default"]
        tags = entry.get("tags", {})
        if tag in tags:
            return tags[tag], entry
        for pattern in sorted(tags, key=lambda p: (-len(p.replace("*", "")), p)):
            if fnmatch.fnmatchcase(tag, pattern):
                return tags[pattern], entry
        return None, entry


@functools.cache
def catalog() -> Catalog:
    return Catalog.load()
