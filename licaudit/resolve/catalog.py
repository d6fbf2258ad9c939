"""The built-in offline catalog under ``licenses/catalog/``: models, Ollama tags, publishers.

Every ``*.yaml`` file below the folder may hold any of the three lists (``models``,
``publishers``, ``ollama``); each file is validated against ``schemas/catalog.schema.json``.
Model ids compare case-insensitively; an exact id always wins over a pattern, and among
patterns the most specific one (the longest literal text) wins.
"""

from __future__ import annotations

import fnmatch
import functools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .. import lazyre
from ..datafile import load_yaml, read_bytes
from ..errors import ConfigError
from ..recordtype import dataclass
from ..resources import data_dir, files_digest, load_validated

# prefixes an Ollama model name may carry in front of a library name
_OLLAMA_PREFIXES = (
    "registry.ollama.ai/library/",
    "registry.ollama.ai/",
    "ollama.com/library/",
    "library/",
)
# prefixes that make an Ollama name a Hugging Face model (``hf.co/org/repo:quant``)
_HF_PREFIXES = ("hf.co/", "huggingface.co/")


def _parse(name: str, data: bytes) -> dict[str, Any]:
    """One catalog file, parsed and validated against the catalog schema."""
    doc = load_yaml(data, f"catalog {name}")
    doc.mapping()  # an empty file is an empty catalog
    return doc.validate("catalog")


def _name_key(name: str) -> str:
    """A model name as repacks spell it: case folded, a trailing ``-hf`` dropped."""
    key = name.lower()
    return key[: -len("-hf")] if key.endswith("-hf") else key


def _names_a_family(pattern: str) -> bool:
    """An ``org/name*`` pattern whose name part says something (not ``org/*``)."""
    return len(pattern.partition("/")[2].replace("*", "").replace("?", "")) >= 3


# how ``Catalog.infer`` calls a model named after the base model it was trained from, and one
# whose whole name is another model's (another organization's copy, or a fine-tune kept its name)
FINETUNE = "fine-tune"
NAMESAKE = "copy or fine-tune"
# a name's words: runs of letters or of digits (``Qwen2.5-3B`` and ``qwen-2.5-3b`` are both
# qwen 2 5 3 b), with where each starts and ends in the name
_WORD = lazyre.compile(r"[a-z]+|[0-9]+")
# a base model's name vouches for a fine-tune only when it states a size, which the fine-tune's
# name must then spell too: a number of parameters (``7B``, ``1.7B``, ``360M``, ``8x7B``) or a
# size word (``flan-t5-base``, ``bge-small-en-v1.5``, ``whisper-large-v3``). A name without one
# (``bloom``, ``gpt2``, ``DeepSeek-R1``) is as often the method or the family a fine-tune imitates
# (``mini-deepseek-r1``, trained from another base) as its base.
_SIZE_WORDS = frozenset(
    ("nano", "micro", "tiny", "mini", "small", "base", "medium", "large", "xl", "xxl", "xxxl")
)
_SIZE_UNITS = frozenset(("b", "m"))


def _words(name: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of each word of ``name``, case folded."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(name.lower())]


class _Words:
    """A name's words (``_words``), and the same joined by single spaces, to be searched for a
    base name's words at the speed of ``str.find``; ``index`` maps the offset in ``joined`` of
    the space before each word to the word's index."""

    def __init__(self, name: str):
        self.items = _words(name)
        self.index: dict[int, int] = {}
        parts, at = [], 0
        for i, (w, _, _) in enumerate(self.items):
            self.index[at] = i
            parts.append(w)
            at += len(w) + 1
        self.joined = " " + " ".join(parts) + " "


def _states_size(words: tuple[str, ...]) -> bool:
    """Does a name (its words) state a size: a size word, or a number of parameters?"""
    return any(
        w in _SIZE_WORDS or (w in _SIZE_UNITS and i > 0 and words[i - 1].isdigit())
        for i, w in enumerate(words)
    )


def _version_at(words: list[tuple[str, int, int]], j: int) -> bool:
    """Does a version (``v3``, ``v0.2``: a ``v`` joined to a number) start at word ``j``?"""
    return (
        j + 1 < len(words)
        and words[j][0] == "v"
        and words[j + 1][0].isdigit()
        and words[j][2] == words[j + 1][1]
    )


def _span(name: str, words: _Words, base: tuple[str, ...]) -> tuple[int, int] | None:
    """Where the lower-case ``name`` spells the base model name whose words are ``base``, at word
    boundaries (its first such place), else None. Separators may differ (``llama-3-1-8b`` spells
    ``Llama-3.1-8B``), but a match never starts or ends inside a word (``t5-small`` in
    ``mt5-small``, ``gemma-2b`` in ``xgemma-2b`` or ``gemma-2b1``) and never stops short of a
    longer version or size (``whisper-large-v3`` in ``whisper-large-v3.5``, ``whisper-large`` in
    ``whisper-large-v3``, ``qwen2.5-3b`` in ``qwen2.5-32b``). ``words`` are the name's words."""
    n, k = len(words.items), len(base)
    needle = " " + " ".join(base) + " "
    at = words.joined.find(needle)
    while at >= 0:
        i = words.index[at]
        at = words.joined.find(needle, at + 1)
        start, end = words.items[i][1], words.items[i + k - 1][2]
        if (start > 0 and name[start - 1].isalnum()) or (end < len(name) and name[end].isalnum()):
            continue  # starts or ends inside a word
        if i + k < n and base[-1].isdigit() and words.items[i + k][0].isdigit():
            continue  # a number goes on: the 3 of 3.5 or 3-5
        if _version_at(words.items, i + k):
            continue  # another version follows: whisper-large, then -v3
        if i > 0 and base[0].isdigit() and words.items[i - 1][0].isdigit():
            continue
        return start, end
    return None


_GLOB_SPECIAL = lazyre.compile(r"[*?\[]")


def _literal_head(pattern: str) -> str:
    """The text a glob pattern's matches all start with: up to its first ``*``, ``?`` or ``[``."""
    m = _GLOB_SPECIAL.search(pattern)
    return pattern if m is None else pattern[: m.start()]


def _specificity(pattern: str) -> tuple[int, str]:
    """Sort key: the pattern with the most literal text first, then alphabetically (deterministic)."""
    return (-len(pattern.replace("*", "").replace("?", "")), pattern)


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
    verified: str | None = None
    license_note: str | None = None
    file: str | None = None  # the catalog file it came from, relative to licenses/catalog/

    @property
    def detail(self) -> str:
        kind = "pattern" if self.is_pattern else "entry"
        return f"catalog {kind} {self.key} ({self.source})"


@dataclass(frozen=True)
class CatalogPublisher:
    org: str
    name: str
    country: str | None
    source: str
    aliases: tuple[str, ...] = ()
    role: str = "publisher"  # publisher | repacker | community
    note: str | None = None
    verified: str | None = None

    @property
    def is_repacker(self) -> bool:
        return self.role == "repacker"


@dataclass(frozen=True)
class CatalogModelScopeOrg:
    """A ModelScope organization whose models are copies of Hub models under the same name."""

    org: str
    relation: str  # publisher (the Hub publisher's own organization) | mirror
    hub_orgs: tuple[str, ...]  # the Hub organizations it copies; empty: any the catalog knows
    source: str
    verified: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class CatalogDownload:
    """Weights downloaded from a URL that is no model hub's (a project's release asset, its file
    server): the license their publisher states for every file under ``prefix``."""

    prefix: str
    license: str
    source: str
    publisher: str | None = None  # a publishers[].org
    verified: str | None = None
    license_note: str | None = None

    @property
    def detail(self) -> str:
        return f"catalog download {self.prefix} ({self.source})"


@dataclass(frozen=True)
class CatalogProvider:
    """A hosted API provider: who serves a hosted model, and from which country."""

    name: str  # the provider's short name, as discovery reports it (openai, aws-bedrock, ...)
    legal_name: str
    country: str | None
    source: str
    aliases: tuple[str, ...] = ()
    verified: str | None = None


class Catalog:
    def __init__(self, docs: list[tuple[str, dict[str, Any]]]):
        self.models: dict[str, CatalogModel] = {}
        self.patterns: list[CatalogModel] = []
        self.publishers: dict[str, CatalogPublisher] = {}  # org or alias (lower case) -> publisher
        self.ollama: dict[str, dict[str, Any]] = {}  # library name (lower case) -> entry
        self.conversions: list[dict[str, Any]] = []  # name suffixes of repacks and conversions
        self.legacy_orgs: list[str] = []  # where the Hub moved its single-segment legacy models
        self.providers: dict[str, CatalogProvider] = {}  # name or alias (lower case) -> provider
        self.modelscope: dict[str, CatalogModelScopeOrg] = {}  # ModelScope org (lower case)
        self._downloads: dict[str, CatalogDownload] = {}  # URL prefix (lower case) -> entry
        self.downloads: list[CatalogDownload] = []  # the longest prefix first
        self.digests: list[str] = []  # SHA-256 of each layer's files (``files_digest``)
        self._add(docs)

    def _add(self, docs: list[tuple[str, dict[str, Any]]]) -> None:
        """Add one layer of documents. Within a layer a repeated id, pattern, publisher name or
        Ollama name is an error; a later layer (a user's catalog over the built-in one) replaces
        the earlier layer's entry with the same key."""
        layer_keys: dict[tuple[str, str], str] = {}  # (kind, key) -> file, for this layer

        def claim(kind: str, key: str, label: str, fname: str) -> None:
            if (kind, key) in layer_keys:
                raise ConfigError(
                    f"catalog {fname}: {label} is listed twice (also in {layer_keys[kind, key]})"
                )
            layer_keys[kind, key] = fname

        patterns = {e.key.lower(): e for e in self.patterns}
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
                    verified=m.get("verified"),
                    license_note=m.get("license_note"),
                    file=fname,
                )
                k = entry.key.lower()
                if entry.is_pattern:
                    claim("pattern", k, f"pattern '{entry.key}'", fname)
                    patterns[k] = entry
                else:
                    claim("model", k, f"model '{entry.key}'", fname)
                    self.models[k] = entry
            for p in doc.get("publishers", []):
                pub = CatalogPublisher(
                    org=p["org"],
                    name=p["name"],
                    country=p.get("country"),
                    source=p["source"],
                    aliases=tuple(p.get("aliases", ())),
                    role=p.get("role", "publisher"),
                    note=p.get("note"),
                    verified=p.get("verified"),
                )
                for key in (p["org"], *pub.aliases):
                    claim("publisher", key.lower(), f"publisher name '{key}'", fname)
                    self.publishers[key.lower()] = pub
            for o in doc.get("ollama", []):
                name = o["name"].lower()
                claim("ollama", name, f"Ollama library name '{o['name']}'", fname)
                self.ollama[name] = o
            for lo in doc.get("legacy_orgs", []):
                claim("legacy", lo["org"].lower(), f"legacy organization '{lo['org']}'", fname)
                self.legacy_orgs.append(lo["org"])
            for c in doc.get("conversions", []):
                claim(
                    "conversion", c["suffix"].lower(), f"conversion suffix '{c['suffix']}'", fname
                )
                self.conversions.append(c)
            for ms in doc.get("modelscope", []):
                org = ms["org"]
                claim("modelscope", org.lower(), f"ModelScope organization '{org}'", fname)
                self.modelscope[org.lower()] = CatalogModelScopeOrg(
                    org=org,
                    relation=ms["relation"],
                    hub_orgs=tuple(ms.get("hub_orgs", ())),
                    source=ms["source"],
                    verified=ms.get("verified"),
                    note=ms.get("note"),
                )
            for h in doc.get("providers", []):
                prov = CatalogProvider(
                    name=h["name"],
                    legal_name=h["legal_name"],
                    country=h.get("country"),
                    source=h["source"],
                    aliases=tuple(h.get("aliases", ())),
                    verified=h.get("verified"),
                )
                for key in (h["name"], *prov.aliases):
                    claim("provider", key.lower(), f"provider name '{key}'", fname)
                    self.providers[key.lower()] = prov
            for d in doc.get("downloads", []):
                prefix = d["prefix"].lower()
                claim("download", prefix, f"download prefix '{d['prefix']}'", fname)
                self._downloads[prefix] = CatalogDownload(
                    prefix=d["prefix"],
                    license=d["license"],
                    source=d["source"],
                    publisher=d.get("publisher"),
                    verified=d.get("verified"),
                    license_note=d.get("license_note"),
                )
        self.downloads = sorted(self._downloads.values(), key=lambda d: -len(d.prefix))
        # the most specific pattern (longest literal text) first
        self.patterns = sorted(patterns.values(), key=lambda e: _specificity(e.key.lower()))
        # each pattern with its literal head: a key that does not start with it cannot match,
        # and most lookups end there, without compiling the pattern (a run that looks up a few
        # models compiles none of the others)
        self._globs = [(_literal_head(e.key.lower()), e.key.lower(), e) for e in self.patterns]
        self.conversions.sort(key=lambda c: (-c["suffix"].count("-"), c["suffix"].lower()))
        # each suffix as (its number of words, lower-cased, whether it is a pattern): a suffix
        # without a pattern's characters matches exactly itself, compared without compiling it
        self._suffixes = [
            (c["suffix"].count("-") + 1, c["suffix"].lower(), _GLOB_SPECIAL.search(c["suffix"]))
            for c in self.conversions
        ]
        self._by_name: dict[str, list[CatalogModel]] | None = None
        self._by_words: dict[str, dict[tuple[str, ...], list[CatalogModel]]] | None = None

    @staticmethod
    def _read(folder: Path, label: str = "") -> tuple[list[tuple[str, dict[str, Any]]], str]:
        """(the validated documents of ``folder``, the digest of its files)."""
        files = []
        for path in sorted(folder.rglob("*.yaml")):
            name = label + path.relative_to(folder).as_posix()
            files.append((name, read_bytes(path, f"catalog {name}")))
        docs = load_validated("catalog", files, _parse, namespace="catalog")
        return [(name, doc) for (name, _), doc in zip(files, docs, strict=True)], files_digest(
            files
        )

    @classmethod
    def load(cls, folder: Path | None = None, extra: Iterable[Path] = ()) -> Catalog:
        """The catalog of ``folder`` (the built-in ``licenses/catalog/`` by default), then each
        ``extra`` folder on top (an organization's own catalog): an extra entry replaces the
        built-in entry with the same id, pattern, publisher name or Ollama library name."""
        docs, digest = cls._read(folder or data_dir("licenses") / "catalog")
        cat = cls(docs)
        cat.digests.append(digest)
        for more in extra:
            if not more.is_dir():
                raise ConfigError(f"catalog folder {more} does not exist")
            docs, digest = cls._read(more, label=f"{more.name}/")
            cat._add(docs)
            cat.digests.append(digest)
        return cat

    # --- models

    def model(self, model_id: str) -> CatalogModel | None:
        """Exact entry first, then the most specific matching pattern (case-insensitive)."""
        key = model_id.lower()
        if key in self.models:
            return self.models[key]
        for head, pattern, entry in self._globs:
            if key.startswith(head) and fnmatch.fnmatchcase(key, pattern):
                return entry
        return None

    def download(self, url: str) -> CatalogDownload | None:
        """The download entry of the longest prefix ``url`` starts with (case-insensitive)."""
        low = url.lower()
        return next((d for d in self.downloads if low.startswith(d.prefix.lower())), None)

    def entries(self) -> Iterator[CatalogModel]:
        """Every exact entry, then every pattern, in a stable order."""
        yield from sorted(self.models.values(), key=lambda e: e.key.lower())
        yield from self.patterns

    def legacy(self, model_id: str) -> tuple[str, CatalogModel] | None:
        """(canonical id, its entry) of a legacy single-segment Hub id (``bert-base-uncased``):
        the model under the organization the Hub moved it to (``google-bert/bert-base-uncased``)."""
        if "/" in model_id:
            return None
        for org in self.legacy_orgs:
            entry = self.model(f"{org}/{model_id}")
            if entry is not None:
                return (f"{org}/{model_id}" if entry.is_pattern else entry.key), entry
        return None

    # --- repacks and conversions, by name

    def stripped_name(self, name: str) -> tuple[str, bool]:
        """The name with every conversion suffix dropped (``Qwen2.5-7B-Instruct-GPTQ-Int4`` ->
        ``Qwen2.5-7B-Instruct``) and whether one was."""
        parts = name.split("-")
        stripped = False
        changed = True
        while changed and len(parts) > 1:
            changed = False
            for k, suffix, pattern in self._suffixes:
                if len(parts) > k and (
                    fnmatch.fnmatchcase("-".join(parts[-k:]).lower(), suffix)
                    if pattern
                    else "-".join(parts[-k:]).lower() == suffix
                ):
                    parts = parts[:-k]
                    stripped = changed = True
                    break
        return "-".join(parts), stripped

    def _names(self) -> dict[str, list[CatalogModel]]:
        """Exact entries by their name part, normalized (``-hf`` dropped), repackers' left out."""
        if self._by_name is None:
            index: dict[str, list[CatalogModel]] = {}
            for entry in sorted(self.models.values(), key=lambda e: e.key.lower()):
                org, _, name = entry.key.partition("/")
                pub = self.publisher(org)
                if pub is not None and pub.role == "repacker":
                    continue
                index.setdefault(_name_key(name), []).append(entry)
            self._by_name = index
        return self._by_name

    def hub_id_named(self, name: str) -> str | None:
        """The Hub id of the one exact entry whose name part is ``name`` (case-insensitive,
        repackers' left out): what a folder named only after a model (``Qwen3-8B``) is a copy
        of; None when no entry, or entries of several organizations, have that name."""
        if "/" in name or not name:
            return None
        ids = {
            e.key
            for e in self._names().get(_name_key(name), ())
            if e.key.partition("/")[2].lower() == name.lower()
        }
        return ids.pop() if len(ids) == 1 else None

    def _bases(self) -> dict[str, dict[tuple[str, ...], list[CatalogModel]]]:
        """The names of exact entries as words (``_words``), by their first word, for fine-tunes
        named after their base; only names that state a size (``_states_size``)."""
        if self._by_words is None:
            index: dict[str, dict[tuple[str, ...], list[CatalogModel]]] = {}
            for key, entries in self._names().items():
                words = tuple(w for w, _, _ in _words(key))
                if _states_size(words):
                    index.setdefault(words[0], {}).setdefault(words, []).extend(entries)
            self._by_words = index
        return self._by_words

    def named_base(self, model_id: str, name: str | None = None) -> tuple[CatalogModel, str] | None:
        """(the catalog entry of the base model whose name the model's name contains, how:
        ``FINETUNE``, or ``NAMESAKE`` when the names are the same), else None
        (``philschmid/flan-t5-base-samsum`` -> ``google/flan-t5-base``). Matching is
        strict (``_span``: word boundaries, sizes and versions agree); a name inside a longer one
        that also matches gives way to it (``flan-t5-base`` over ``t5-base``); two different
        names, or entries of one name that disagree on the license or name none, give no answer."""
        name = (name if name is not None else model_id.partition("/")[2]).lower()
        words = _Words(name)
        found: list[tuple[int, int, tuple[str, ...], list[CatalogModel]]] = []
        for first in sorted({w for w, _, _ in words.items}):
            for base, entries in self._bases().get(first, {}).items():
                span = _span(name, words, base)
                if span is not None:
                    found.append((*span, base, entries))
        outer = [
            f for f in found if not any(g is not f and g[0] <= f[0] and f[1] <= g[1] for g in found)
        ]
        if len({f[2] for f in outer}) != 1:
            return None  # nothing, or two different models named
        entries = [e for e in outer[0][3] if e.key.lower() != model_id.lower()]  # not itself
        licenses = {e.license for e in entries}
        if len(licenses) != 1 or None in licenses:
            return None  # none left, or no license to infer, or no agreement
        whole = outer[0][:2] == (0, len(name))
        return entries[0], NAMESAKE if whole else FINETUNE

    def infer(self, model_id: str) -> tuple[str | None, CatalogModel, str] | None:
        """(upstream id, its catalog entry, how) for a model the catalog does not list, from its
        name alone. A repack or conversion: a name with a conversion suffix (``-GGUF``, ``-AWQ``,
        ``-bnb-4bit`` ...), or any model of a repacker (``unsloth/``, ``Xenova/`` ...), whose
        name without the suffixes is a model the catalog knows (upstream: its id) or falls in a
        family pattern (upstream None: the family's terms, no model id is made up). Else a
        fine-tune named after its base: a name that contains the name of a model the catalog
        lists (``named_base``), whose terms bind it as a derivative. None when nothing fits, or
        when the candidates disagree on the license (no guess)."""
        org, sep, name = model_id.partition("/")
        if not sep or not name:
            return None
        base, stripped = self.stripped_name(name)
        pub = self.publisher(org)
        repacker = pub is not None and pub.role == "repacker"
        if stripped or repacker:
            how = "conversion" if stripped else "copy by a repacker"
            found = [
                e
                for e in self._names().get(_name_key(base), ())
                if e.key.lower() != model_id.lower()
            ]
            if found:
                if len({e.license for e in found}) > 1:
                    return None
                return found[0].key, found[0], how
            for head, pattern, entry in self._globs:
                if not _names_a_family(entry.key):
                    continue  # an organization-wide pattern says nothing about a name
                candidate = f"{entry.key.partition('/')[0]}/{base}".lower()
                if (
                    candidate != model_id.lower()
                    and candidate.startswith(head)
                    and fnmatch.fnmatchcase(candidate, pattern)
                ):
                    return None, entry, how
        named = self.named_base(model_id, base)
        return (named[0].key, *named) if named is not None else None

    def modelscope_copy(
        self, model_id: str
    ) -> tuple[str | None, CatalogModel, str, CatalogModelScopeOrg] | None:
        """(upstream Hub id, its entry, how, the organization) for a model of a ModelScope
        organization that copies Hub models under their names (``LLM-Research/Meta-Llama-3-8B``
        is ``meta-llama/Meta-Llama-3-8B``): the same name under one of the Hub organizations it
        copies (a model the catalog lists, a conversion of one as ``infer`` finds it, or a family
        pattern: upstream None), or, for a mirror of any publisher, a model of that name the
        catalog lists. None when nothing fits or the candidates disagree on the license."""
        org, sep, name = model_id.partition("/")
        ms = self.modelscope.get(org.lower()) if sep and name else None
        if ms is None:
            return None
        found: list[tuple[str | None, CatalogModel, str]] = []
        if ms.hub_orgs:
            for hub_org in ms.hub_orgs:
                candidate = f"{hub_org}/{name}"
                entry = self.models.get(candidate.lower())
                inferred = self.infer(candidate) if entry is None else None
                if entry is not None:
                    found.append((entry.key, entry, "copy"))
                elif inferred is not None and inferred[2] not in (FINETUNE, NAMESAKE):
                    found.append(
                        inferred
                    )  # a conversion; a namesake of another org's model is not one of the copied orgs
                else:
                    entry = self.model(candidate)
                    if entry is not None and entry.is_pattern and _names_a_family(entry.key):
                        found.append((None, entry, "copy"))
        else:
            base, stripped = self.stripped_name(name)
            how = "conversion" if stripped else "copy"
            found = [(e.key, e, how) for e in self._names().get(_name_key(base), ())]
        if not found or len({f[1].license for f in found}) > 1:
            return None
        upstream, entry, how = found[0]
        return upstream, entry, how, ms

    # --- hosted API providers

    def provider(self, name: str | None) -> CatalogProvider | None:
        """A hosted API provider by its name or an alias (``openai``, ``aws-bedrock``, ``bedrock``)."""
        return self.providers.get(name.strip().lower()) if name else None

    # --- publishers

    def publisher(self, org: str | None) -> CatalogPublisher | None:
        return self.publishers.get(org.lower()) if org else None

    def publisher_list(self) -> list[CatalogPublisher]:
        """Each publisher once (not once per alias), by org."""
        unique = {pub.org: pub for pub in self.publishers.values()}
        return [unique[k] for k in sorted(unique, key=str.lower)]

    # --- Ollama

    @staticmethod
    def ollama_name(name_tag: str) -> tuple[str, str]:
        """``(library name, tag)`` of an Ollama model name, registry prefixes dropped, ``latest`` by default."""
        name, _, tag = name_tag.strip().partition(":")
        low = name.lower()
        for prefix in _OLLAMA_PREFIXES:
            if low.startswith(prefix):
                low = low[len(prefix) :]
                break
        return low, (tag or "latest")

    @staticmethod
    def ollama_hub_id(name_tag: str) -> str | None:
        """The Hub id ``org/repo`` of an Ollama name that pulls from Hugging Face
        (``hf.co/org/repo:Q4_K_M``), else None."""
        name = name_tag.strip().partition(":")[0]
        low = name.lower()
        for prefix in _HF_PREFIXES:
            if low.startswith(prefix):
                rest = name[len(prefix) :].strip("/")
                parts = rest.split("/")
                if len(parts) == 2 and all(parts):
                    return rest
        return None

    def is_ollama_library(self, name: str) -> bool:
        """Is ``name`` (no tag) an Ollama library name the catalog knows (``llama4``)?"""
        return "/" not in name and ":" not in name and self.ollama_name(name)[0] in self.ollama

    def ollama_upstream(self, name_tag: str) -> tuple[str | None, dict[str, Any] | None]:
        """(upstream Hub id, the library entry) for an Ollama ``name:tag``."""
        name, tag = self.ollama_name(name_tag)
        entry = self.ollama.get(name)
        if entry is None:
            return None, None
        tag = tag.lower()
        if tag == "latest" and entry.get("default"):
            tag = entry["default"].lower()
        tags = {t.lower(): up for t, up in entry.get("tags", {}).items()}
        if tag in tags:
            return tags[tag], entry
        for pattern in sorted(tags, key=_specificity):
            if fnmatch.fnmatchcase(tag, pattern):
                return tags[pattern], entry
        return None, entry


def provider(name: str) -> tuple[str, str | None] | None:
    """(legal name, country) of a hosted API provider the built-in catalog knows, else None:
    what procurement rules need of a hosted model's provider (``openai`` -> ``("OpenAI, L.L.C.",
    "US")``)."""
    prov = catalog().provider(name)
    return (prov.legal_name, prov.country) if prov is not None else None


@functools.cache
def catalog(extra: tuple[Path, ...] = ()) -> Catalog:
    """The built-in catalog, with an organization's own catalog folders on top (``catalog`` in
    the configuration), loaded once per process."""
    return Catalog.load(extra=extra)
