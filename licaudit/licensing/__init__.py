"""The license knowledge base: every license file under ``licenses/``, looked up by any alias.

Every file is read by ``licaudit.datafile`` and validated against ``schemas/license.schema.json``
when it is loaded (errors name the file, the line and the key). Validating
~100 files (and importing jsonschema) costs most of a second, so the result is remembered in a
small cache keyed by the SHA-256 of the schema and of each file's bytes: a file is parsed and
validated again whenever its content (or the schema) changes, and a damaged or missing cache only
costs time. The cache lives in ``LICAUDIT_CACHE_DIR`` (else the user cache folder) under
``licenses/``; set ``LICAUDIT_CACHE_DIR`` to a fresh folder to force full validation.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any

from .. import lazyre
from ..datafile import load_yaml, read_bytes
from ..errors import ConfigError
from ..recordtype import dataclass
from ..resources import cache_root, data_dir, files_digest, load_validated

CACHE_NAMESPACE = "licenses"


@dataclass(frozen=True)
class License:
    id: str
    name: str
    spdx: str
    category: str
    url: str | None
    licensor_name: str | None
    licensor_country: str | None
    aliases: tuple[str, ...]
    placeholder: bool
    terms: Mapping[str, Any] = field(compare=False, hash=False)
    data: Mapping[str, Any] = field(compare=False, hash=False)  # the whole file, as loaded

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> License:
        return cls(
            id=d["id"],
            name=d["name"],
            spdx=d["spdx"],
            category=d["category"],
            url=d.get("url"),
            licensor_name=d["licensor"].get("name"),
            licensor_country=d["licensor"].get("country"),
            aliases=tuple(d.get("aliases", ())),
            placeholder=bool(d.get("placeholder", False)),
            terms=d["terms"],
            data=d,
        )


def normalize(name: str) -> str:
    """The key aliases are compared by: case-insensitive, surrounding space and quotes dropped,
    inner white space and underscores folded to '-'."""
    key = name.strip().strip("'\"").strip().lower()
    return _FOLDED.sub("-", key)


_FOLDED = lazyre.compile(r"[\s_]+")


class KnowledgeBase:
    def __init__(self, licenses: list[License], digest: str | None = None):
        self.digest = digest  # SHA-256 of the license files it was loaded from (``files_digest``)
        self._by_id: dict[str, License] = {}
        self._by_alias: dict[str, License] = {}
        for lic in sorted(licenses, key=lambda x: x.id):
            if lic.id in self._by_id:
                raise ConfigError(f"license id '{lic.id}' is defined twice")
            self._by_id[lic.id] = lic
        for lic in self._by_id.values():
            for key in (lic.id, lic.spdx, *lic.aliases):
                k = normalize(key)
                other = self._by_alias.get(k)
                if other is not None and other.id != lic.id:
                    raise ConfigError(f"alias '{key}' names both '{other.id}' and '{lic.id}'")
                self._by_alias[k] = lic

    @classmethod
    def load(cls, folder: Path | None = None, *, cache: bool = True) -> KnowledgeBase:
        """Every ``*.yaml`` of ``folder`` (default: the shipped ``licenses/``), each validated
        against the schema (once per distinct file content when ``cache`` is on)."""
        folder = folder or data_dir("licenses")
        files = [
            (path.name, read_bytes(path, f"license {path.name}"))
            for path in sorted(folder.glob("*.yaml"))
        ]
        if not files:
            raise ConfigError(f"no license files (*.yaml) in {folder}")
        docs = load_validated(
            "license", files, parse_license, namespace=CACHE_NAMESPACE, cache=cache
        )
        return cls([License.from_dict(doc) for doc in docs], files_digest(files))

    def __iter__(self) -> Iterator[License]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, license_id: str) -> License | None:
        """By canonical id only."""
        return self._by_id.get(license_id)

    def lookup(self, name: str | None) -> License | None:
        """By id, SPDX id or any alias, case-insensitively."""
        if not name:
            return None
        return self._by_alias.get(normalize(name))


def parse_license(filename: str, data: bytes) -> dict[str, Any]:
    """Parse and validate the bytes of the license file ``filename`` (``<id>.yaml``)."""
    doc = load_yaml(data, f"license {filename}")
    lic = doc.validate("license")
    if lic["id"] != Path(filename).stem:
        raise doc.error(("id",), f"id '{lic['id']}' does not match the file name")
    return lic


def cache_dir() -> Path:
    """Where the validated license files are remembered."""
    return cache_root() / CACHE_NAMESPACE


@functools.cache
def knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    return KnowledgeBase.load()
