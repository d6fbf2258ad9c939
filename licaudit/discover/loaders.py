"""Loader knowledge: what discovery knows about libraries, kept as data.

``licaudit/discover/loaders/<library>.yaml`` says, per library, which callables and commands
take a model, in which argument, keyword or flag, with which default per class and per task,
how a bare name maps to an identity, and which callables take hosted API models;
``loaders/vocabulary.yaml`` holds what every library shares: names that say model, dataset,
hosted model or decoy, flags, value shapes that are never models, local-server addresses,
hosted providers and LiteLLM-style prefixes. Every file is validated against
``schemas/loaders.schema.json`` (and checked for dangling references and broken patterns) the
first time ``knowledge()`` is called; validated documents are cached like the license files.

The query API serves a mechanism that scores a string by its context: ``loaders_for_call`` for
the callable around it, ``Loader.arg`` for the argument it sits in, ``name_context`` for a key,
keyword, parameter, variable or attribute name, ``flag_context`` for a command-line flag,
``config_key`` for a key path of a library's configuration file,
``value_role`` for shapes that are never models, ``default_model`` / ``task_default`` for
implicit models, ``map_name`` for bare names, ``hosted_provider`` / ``prefix`` /
``local_server`` for hosted API models and local servers.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..recordtype import dataclass
from ..resources import load_validated
from .common import norm_key

FOLDER = Path(__file__).resolve().parent / "loaders"
VOCABULARY_FILE = "vocabulary.yaml"
CACHE_NAMESPACE = "loaders"

# argument and name roles whose value names a model (the others: dataset, task, revision, ...)
MODEL_ROLES = frozenset(
    {
        "model",
        "tokenizer",
        "processor",
        "config",
        "adapter",
        "base-model",
        "ref-model",
        "reward-model",
        "teacher-model",
        "student-model",
        "draft-model",
        "embedding-model",
        "reranker",
    }
)
# the roles of a name that, with a hosted-API word in it, names a hosted model (OPENAI_MODEL,
# OPENAI_EMBEDDING_MODEL, AZURE_OPENAI_CHAT_DEPLOYMENT; a tokenizer name such as gptTokenizer
# holds an encoding); ``deployment`` says nothing without such a word
_HOSTED_MODEL_ROLES = frozenset({"model", "embedding-model", "reranker", "deployment"})
# name roles that make a value never a model in use
DECOY_ROLES = frozenset({"decoy", "destination", "revision"})


# a provider prefix is everything up to and including the first '/' or ':' (ollama/, hf-hub:)
_PREFIX_HEAD = re.compile(r"[^/:]*[/:]")


@functools.lru_cache(maxsize=4096)
def norm_flag(flag: str) -> str:
    """``--Model_Name`` -> ``model-name``: how command-line flags are compared."""
    return flag.split("=", 1)[0].lstrip("-").lower().replace("_", "-")


# --- the facts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where a fact was read: a repository file at a commit, a released package's file, a page,
    or an observed convention."""

    key: str
    repo: str | None = None
    commit: str | None = None
    tag: str | None = None
    path: str | None = None
    package: str | None = None
    registry: str | None = None
    version: str | None = None
    url: str | None = None
    observed: str | None = None
    note: str | None = None

    @property
    def where(self) -> str:
        if self.repo:
            at = f"@{self.commit[:12]}" if self.commit else ""
            return f"{self.repo}{at}:{self.path}"
        if self.package:
            return f"{self.package}=={self.version}:{self.path}"
        return self.url or f"observed: {self.observed}"


@dataclass(frozen=True)
class Arg:
    """Where a value sits in a call or a command line, and what it names."""

    role: str
    position: int | None = None
    keywords: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    id: str | None = None
    name_map: str | None = None
    value: str = "plain"
    keys: tuple[str, ...] = ()
    note: str | None = None
    rest: bool = False
    unless: tuple[str, ...] = ()  # keywords whose argument, when given, takes its place

    @property
    def names_model(self) -> bool:
        return self.role in MODEL_ROLES


@dataclass(frozen=True)
class Implied:
    """A model a library loads along with another (a diarization pipeline's segmentation and
    embedding models, a document converter's table model): a Hub id, or a weights file the
    library ships or downloads (``file``, a local artifact); ``note`` says what loads it."""

    note: str
    hub_id: str | None = None
    file: str | None = None
    license: str | None = None
    licensor: str | None = None
    # in a name map of a registry: the model's id there, and that registry
    registry_id: str | None = None
    registry: str | None = None


def _implied(d: Mapping[str, Any] | None, registry: str | None = None) -> tuple[Implied, ...]:
    return tuple(
        Implied(**i, registry=registry if "registry_id" in i else None)
        for i in (d or {}).get("implies", ())
    )


@dataclass(frozen=True)
class Default:
    """The model used when none is given: a class default or a task's default."""

    model: str
    source: Source
    verified: bool
    origin: str  # says which library default it is, for the evidence of an implicit reference
    revision: str | None = None
    id: str | None = None
    provider: str | None = None
    dtype: str | None = None
    note: str | None = None
    implies: tuple[Implied, ...] = ()
    in_place_of: str | None = None
    until: str | None = None  # an older release's default: the last release it holds for
    no_model: bool = False  # those older releases load no model at all
    # (keyword, YAML file, key): not applied when the keyword's entry of the file sets the key
    set_in: tuple[str, str, str] | None = None


@dataclass(frozen=True)
class Receiver:
    """Which receivers a method counts on."""

    any: bool = False
    names: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    instances_of: tuple[str, ...] = ()
    chain: tuple[str, ...] = ()

    def accepts(self, name: str | None, built_from: str | None = None) -> bool:
        """``name``: the receiver as written (a module alias, a class, a variable); ``built_from``:
        the callable whose result it is, when the mechanism knows (``ollama.Client``)."""
        if self.any:
            return True
        if built_from and any(_same_callable(built_from, i) for i in self.instances_of):
            return True
        if not name:
            return False
        low = name.lower()
        return (
            name in self.names
            or name.startswith(self.prefixes)
            or any(c.lower() in low for c in self.contains)
        )


def _same_callable(written: str, qualname: str) -> bool:
    """``Client`` / ``ollama.Client`` match ``ollama.Client``; ``pkg:Ollama`` matches ``Ollama``."""
    q = qualname.split(":")[-1]
    return written in (qualname, q) or q.endswith("." + written)


@dataclass(frozen=True)
class Loader:
    """A callable that takes a model (or a hosted model, a dataset, a destination)."""

    library: str
    name: str
    form: str
    kind: str
    id: str
    source: Source
    verified: bool
    qualnames: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    receiver: Receiver | None = None
    provider: str | None = None
    args: tuple[Arg, ...] = ()
    default: Default | None = None
    # the defaults of older releases (``Default.until``), oldest first
    older_defaults: tuple[Default, ...] = ()
    task_defaults: str | None = None
    name_map: str | None = None
    loads_when: tuple[Mapping[str, Any], ...] = ()
    # models loaded besides the one given: (the model as a Default, its conditions, the class
    # name prefixes of the receiver it needs, the given models it goes with: lower case)
    also_loads: tuple[
        tuple[Default, tuple[Mapping[str, Any], ...], tuple[str, ...], tuple[str, ...]], ...
    ] = ()
    local_server: Mapping[str, Any] | None = None
    example: str | None = None
    note: str | None = None

    @property
    def model_args(self) -> tuple[Arg, ...]:
        return tuple(a for a in self.args if a.names_model)

    def arg(self, *, position: int | None = None, keyword: str | None = None) -> Arg | None:
        """The argument at ``position`` or passed as ``keyword`` (JS: the options property)."""
        for a in self.args:
            if keyword is not None and keyword in a.keywords:
                return a
        if position is not None:
            for a in self.args:
                if a.position == position:
                    return a
        return None

    def loads(self, keywords: Mapping[str, Any], positional: tuple[Any, ...] = ()) -> bool:
        """Whether the call loads weights at all (timm needs pretrained=True); ``keywords`` and
        ``positional`` hold the literal values the mechanism could read."""
        if not self.loads_when:
            return True
        return any_condition(self.loads_when, keywords, positional)

    def loaded_along(
        self, keywords: Mapping[str, Any], positional: tuple[Any, ...], receiver: str | None
    ) -> list[Default]:
        """The ``also_loads`` models a call with these literal arguments on ``receiver`` (the
        class or object it is called on, as written) loads."""
        out = []
        for d, when, prefixes, given in self.also_loads:
            if given or (prefixes and not (receiver and receiver.startswith(prefixes))):
                continue
            if when and not any_condition(when, keywords, positional):
                continue
            out.append(d)
        return out

    def loaded_with(self, model: str, receiver: str | None) -> list[Default]:
        """The ``also_loads`` models that go with the given ``model`` (a Hub id) on
        ``receiver``."""
        low = model.lower()
        return [
            d
            for d, _when, prefixes, given in self.also_loads
            if low in given and (not prefixes or (receiver and receiver.startswith(prefixes)))
        ]


def any_condition(
    conditions: tuple[Mapping[str, Any], ...],
    keywords: Mapping[str, Any],
    positional: tuple[Any, ...] = (),
) -> bool:
    """One of ``conditions`` (a ``loads_when`` list) holds for the call's literal arguments."""
    for cond in conditions:
        for key in cond["keywords"]:
            value = keywords.get(key, _MISSING)
            pos = cond.get("position")
            if value is _MISSING and pos is not None and pos < len(positional):
                value = positional[pos]
            if value is _MISSING:
                value = cond.get("default", _MISSING)  # the keyword's own default
            if value is _MISSING:
                continue
            if "values" in cond and value in cond["values"]:
                return True
            if cond.get("any_value") and value not in (None, False):
                return True
    return False


_MISSING = object()


@dataclass(frozen=True)
class Command:
    """A command line that takes a model: the words that start it and where the model goes."""

    library: str
    name: str
    argv: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]
    kind: str
    id: str
    args: tuple[Arg, ...]
    source: Source
    verified: bool
    value_flags: tuple[str, ...] = ()
    default: Default | None = None
    example: str | None = None
    note: str | None = None

    def arg_for_flag(self, flag: str) -> Arg | None:
        f = norm_flag(flag)
        return next((a for a in self.args if any(norm_flag(x) == f for x in a.flags)), None)

    @property
    def positional(self) -> Arg | None:
        return next((a for a in self.args if a.position is not None and not a.flags), None)


@dataclass(frozen=True)
class TaskTable:
    library: str
    id: str
    package: str
    version: str
    aliases: Mapping[str, str]
    tasks: Mapping[tuple[str, str | None], Mapping[str, Any]]
    source: Source
    verified: bool


@dataclass(frozen=True)
class Mapped:
    """What a name means for a library: a Hub id, downloaded weights with their license, or no
    reference at all (``not_a_reference``: a packaged builder, a config that builds an untrained
    model)."""

    value: str
    name_map: str  # library:id
    source: Source
    verified: bool
    hub_id: str | None = None
    weights: str | None = None
    license: str | None = None
    license_declared: str | None = None
    licensor: str | None = None
    not_a_reference: bool = False
    note: str | None = None
    hosted_id: str | None = None  # a hosted API model, with its provider
    provider: str | None = None
    implies: tuple[Implied, ...] = ()
    file: str | None = None
    alone: bool = False  # in a list, only when no other name of it names a model
    # a model of a registry that is no model hub (a library's ``registries`` in the loader data:
    # a torch.hub GitHub repository, a torchaudio bundle, an Ultralytics asset), with its id there
    registry: str | None = None
    registry_id: str | None = None
    url: str | None = None  # the model is the file downloaded from this URL (``url_template``)


@dataclass(frozen=True)
class NameContext:
    """What a key, keyword, parameter, variable, attribute (or a flag) says about its value."""

    name: str
    role: str
    match: str  # exact | suffix | contains | flag
    strength: str
    source: Source
    verified: bool
    value: str = "plain"
    keys: tuple[str, ...] = ()
    note: str | None = None
    provider: str | None = None  # a hosted-model name's provider, where no key word says it

    @property
    def names_model(self) -> bool:
        return self.role in MODEL_ROLES

    @property
    def is_decoy(self) -> bool:
        return self.role in DECOY_ROLES


@dataclass(frozen=True)
class ConfigKey:
    """A key path of a library's configuration file and what its value is
    (``model_list[].litellm_params.model``: a model; ``model_list[].model_name``: an alias)."""

    library: str
    path: tuple[str, ...]  # normalised keys, "[]" for the items of a list
    role: str
    files: tuple[str, ...]
    source: Source
    verified: bool
    id: str | None = None
    note: str | None = None
    written: str = ""  # the path as the loader data writes it (model_loading_config.model_source)

    @property
    def names_model(self) -> bool:
        return self.role in MODEL_ROLES


def key_path(path: str) -> tuple[str, ...]:
    """``model_list[].litellm_params.model`` -> ``('modellist', '[]', 'litellmparams', 'model')``."""
    out: list[str] = []
    for part in path.split("."):
        name = part.rstrip("[]")
        if name:
            out.append(norm_key(name))
        out.extend(["[]"] * (part[len(name) :].count("[]")))
    return tuple(out)


@dataclass(frozen=True)
class HostedProvider:
    provider: str
    title: str
    pattern_texts: tuple[str, ...]
    hosts: tuple[str, ...]
    key_words: tuple[str, ...]
    serves_open_weights: bool
    source: Source
    verified: bool
    note: str | None = None
    names: tuple[str, ...] = ()  # what code calls the provider (a selector value, a table key)
    alias_suffixes: tuple[str, ...] = ()  # an app's mode suffix on a model name (-thinking)
    resource_prefixes: tuple[str, ...] = ()  # the API's resource path before a name (models/)
    closed_names: bool = False  # every model name it serves has one of its patterns' shapes
    deployment_names: bool = False  # called by users' deployment names (Azure OpenAI)
    account_prefixed: bool = False  # a gateway's ids are account/model (openai-main/gpt-4o)
    sdk_packages: tuple[tuple[str, str], ...] = ()  # (registry, name) of its own client packages
    serving_images: tuple[str, ...] = ()  # image prefixes of its self-hosted servers (nvcr.io/nim/)
    serving_docs: tuple[str, ...] = ()  # where those servers' own documentation lives
    # the shape of the ids its API runs one version of a model by, and the names they are under
    version_pattern: re.Pattern[str] | None = None
    version_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Prefix:
    """A LiteLLM-style ``provider/`` (or ``hf-hub:``) prefix and what it makes of the rest."""

    prefix: str
    kind: str  # hosted | ollama | hub | local-server | depends
    provider: str | None
    source: Source
    verified: bool
    note: str | None = None
    name_map: str | None = None  # hub kind: the map a bare name after the prefix goes through


@dataclass(frozen=True)
class LocalServer:
    host: str
    port: int | None
    server: str | None
    then: str  # how its model names read: ollama | hub | any
    names_of: str | None = None  # a name of no other shape is this server's own (provider)
    remote: bool = False  # a remote API serving Hub models by their ids (vocabulary hub_servers)


@dataclass(frozen=True)
class Library:
    name: str
    file: str
    title: str
    ecosystem: str
    packages: tuple[tuple[str, str], ...]
    imports: tuple[str, ...]
    sources: Mapping[str, Source]
    loaders: tuple[Loader, ...]
    commands: tuple[Command, ...]
    task_tables: tuple[TaskTable, ...]
    name_maps: Mapping[str, Mapping[str, Any]]
    config_keys: tuple[Mapping[str, Any], ...]
    setting_words: tuple[str, ...] = ()
    wrappers: frozenset[str] = frozenset()  # Go: package path:function handing back its argument
    registries: tuple[Registry, ...] = ()  # the registries its name maps' models belong to


@dataclass(frozen=True)
class Registry:
    """A registry of models that is no model hub (a library's ``registries``): the identity
    source its models have, what one of them is (for messages), their Package URL type and the
    page a model can be read about at (``{id}`` filled in)."""

    name: str
    what: str
    purl: str = "generic"
    page: str | None = None


# --- reading and checking the files -------------------------------------------------------------


def _parse(name: str, data: bytes) -> dict[str, Any]:
    """One loader file, parsed, schema-validated and checked; ConfigError names the file."""
    from ..datafile import DataFileError, load_yaml

    try:
        parsed = load_yaml(data, f"loader file {name}")
        doc = parsed.data
        errors = parsed.schema_errors("loaders")
    except DataFileError as exc:
        raise ConfigError(str(exc)) from exc
    if errors:
        raise ConfigError(errors[0])
    problem = _check(name, doc)
    if problem:
        raise ConfigError(f"loader file {name}: {problem}")
    return doc


def _facts(node: Any, where: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every mapping that states a fact (has source / verified), with its path."""
    if isinstance(node, Mapping):
        if "source" in node and isinstance(node["source"], str):
            yield where, node
        for k, v in node.items():
            if k != "sources":
                yield from _facts(v, f"{where}.{k}" if where else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _facts(v, f"{where}.{i}")


def _patterns(doc: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for i, v in enumerate(doc.get("values", ())):
        yield f"values.{i}.pattern", v["pattern"]
    for i, p in enumerate(doc.get("hosted_providers", ())):
        for j, pat in enumerate(p.get("patterns", ())):
            yield f"hosted_providers.{i}.patterns.{j}", pat
    for i, m in enumerate(doc.get("name_maps", ())):
        for j, e in enumerate(m.get("entries", ())):
            if "pattern" in e:
                yield f"name_maps.{i}.entries.{j}.pattern", e["pattern"]


def _check(name: str, doc: Mapping[str, Any]) -> str | None:
    """What the schema cannot say: the file name, source keys, verified facts with a pinned
    source, name-map and task-table references, regular expressions."""
    stem = name.rsplit("/", 1)[-1].removesuffix(".yaml")
    if "vocabulary" in doc:
        if name != VOCABULARY_FILE:
            return f"only {VOCABULARY_FILE} may hold the vocabulary"
    elif doc["library"] != stem:
        return f"library '{doc['library']}' does not match the file name"
    elif stem == VOCABULARY_FILE.removesuffix(".yaml"):
        return f"{VOCABULARY_FILE} must hold the vocabulary"
    sources = doc["sources"]
    for where, fact in _facts(doc):
        key = fact["source"]
        if key not in sources:
            return f"{where}: source '{key}' is not one of this file's sources"
        src = sources[key]
        pinned = ("repo" in src and "commit" in src) or "package" in src
        if fact.get("verified") and not pinned:
            return f"{where}: verified facts need a source read at a commit or a released version ('{key}' is not)"
    maps = {m["id"] for m in doc.get("name_maps", ())}
    declared = {r["name"] for r in doc.get("registries", ())}
    for m in doc.get("name_maps", ()):
        if m.get("registry") and m["registry"] not in declared:
            return f"name map '{m['id']}': registry '{m['registry']}' is not one of this file's registries"
    packages = {t["package"] for t in doc.get("task_defaults", ())}
    ids = [t["id"] for t in doc.get("task_defaults", ())] + [
        m["id"] for m in doc.get("name_maps", ())
    ]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        return f"id '{sorted(dup)[0]}' is used twice"
    for kind in ("callables", "commands"):
        for i, c in enumerate(doc.get(kind, ())):
            refs = [c.get("name_map")] + [a.get("name_map") for a in c.get("args", ())]
            for ref in refs:
                if ref and ":" not in ref and ref not in maps:
                    return f"{kind}.{i}: name map '{ref}' is not defined in this file"
            table = c.get("task_defaults")
            if table and table not in packages:
                return f"{kind}.{i}: no task_defaults table for package '{table}'"
    for where, pattern in _patterns(doc):
        try:
            re.compile(pattern)
        except re.error as exc:
            return f"{where}: not a regular expression: {exc}"
    return None


def _source(key: str, d: Mapping[str, Any]) -> Source:
    return Source(key=key, **{k: d[k] for k in d})


def _arg(d: Mapping[str, Any]) -> Arg:
    return Arg(
        role=d["role"],
        position=d.get("position"),
        keywords=tuple(d.get("keywords", ())),
        flags=tuple(d.get("flags", ())),
        id=d.get("id"),
        name_map=d.get("name_map"),
        value=d.get("value", "plain"),
        keys=tuple(d.get("keys", ())),
        note=d.get("note"),
        rest=bool(d.get("rest", False)),
        unless=tuple(d.get("unless", ())),
    )


def _default(
    d: Mapping[str, Any] | None, sources: Mapping[str, Source], origin: str
) -> Default | None:
    if d is None:
        return None
    return Default(
        model=d.get("model", ""),
        source=sources[d["source"]],
        verified=d["verified"],
        origin=origin,
        revision=d.get("revision"),
        id=d.get("id"),
        provider=d.get("provider"),
        note=d.get("note"),
        implies=_implied(d),
        in_place_of=d.get("in_place_of"),
        until=d.get("until"),
        no_model=bool(d.get("no_model", False)),
        set_in=(d["set_in"]["keyword"], d["set_in"]["file"], d["set_in"]["key"])
        if d.get("set_in")
        else None,
    )


def older_default(ld: Loader, pin: tuple[str, str] | None) -> Default | None:
    """The default of the oldest of ``ld``'s older releases that a pin of its package
    (``(operator, version)``: ``==``, ``<=`` or ``<``) keeps the repository within, else None
    (the newest releases' default holds: no pin, or one that allows newer releases)."""
    if pin is None or not ld.older_defaults:
        return None
    op, version = pin
    v = _version_key(version)
    for d in ld.older_defaults:
        until = _version_key(d.until or "0")
        if op in ("==", "<=", "<") and v <= until:
            return d
    return None


def _library(file: str, doc: Mapping[str, Any]) -> Library:
    lib = doc["library"]
    sources = {k: _source(k, v) for k, v in doc["sources"].items()}
    loaders = []
    for c in doc.get("callables", ()):
        rec = c.get("receiver")
        loaders.append(
            Loader(
                library=lib,
                name=c["name"],
                form=c["form"],
                kind=c["kind"],
                id=c["id"],
                source=sources[c["source"]],
                verified=c["verified"],
                qualnames=tuple(c.get("qualnames", ())),
                methods=tuple(c.get("methods", ())),
                receiver=Receiver(**{k: (v if k == "any" else tuple(v)) for k, v in rec.items()})
                if rec
                else None,
                provider=c.get("provider"),
                args=tuple(_arg(a) for a in c.get("args", ())),
                default=_default(
                    c.get("default"), sources, f"the default model of {lib} {c['name']}()"
                ),
                older_defaults=tuple(
                    sorted(
                        (
                            _default(
                                o,
                                sources,
                                f"the default model of {lib} {c['name']}() up to {lib} {o['until']}",
                            )
                            for o in c.get("older_defaults", ())
                        ),
                        key=lambda d: _version_key(d.until or "0"),
                    )
                ),
                task_defaults=c.get("task_defaults"),
                name_map=_map_ref(lib, c.get("name_map")),
                loads_when=tuple(c.get("loads_when", ())),
                also_loads=tuple(
                    (
                        _default(
                            {**x, "id": "hub"},
                            sources,
                            f"loaded by {lib} {c['name']}() along with the model it is given"
                            + (f" ({x['note']})" if x.get("note") else ""),
                        ),
                        tuple(x.get("when", ())),
                        tuple(x.get("receiver_prefixes", ())),
                        tuple(g.lower() for g in x.get("given", ())),
                    )
                    for x in c.get("also_loads", ())
                ),
                local_server=c.get("local_server"),
                example=c.get("example"),
                note=c.get("note"),
            )
        )
    commands = [
        Command(
            library=lib,
            name=c["name"],
            argv=tuple(c["argv"]),
            alternatives=tuple(tuple(a) for a in c.get("alternatives", ())),
            kind=c["kind"],
            id=c["id"],
            args=tuple(_arg(a) for a in c["args"]),
            source=sources[c["source"]],
            verified=c["verified"],
            value_flags=tuple(c.get("value_flags", ())),
            default=_default(c.get("default"), sources, f"the default model of `{c['name']}`"),
            example=c.get("example"),
            note=c.get("note"),
        )
        for c in doc.get("commands", ())
    ]
    tables = [
        TaskTable(
            library=lib,
            id=t["id"],
            package=t["package"],
            version=t["version"],
            aliases=dict(t.get("aliases", {})),
            tasks={(r["task"], r.get("variant")): r for r in t["tasks"]},
            source=sources[t["source"]],
            verified=t["verified"],
        )
        for t in doc.get("task_defaults", ())
    ]
    return Library(
        name=lib,
        file=file,
        title=doc["title"],
        ecosystem=doc["ecosystem"],
        packages=tuple((p["registry"], p["name"]) for p in doc["packages"]),
        imports=tuple(doc.get("imports", ())),
        sources=sources,
        loaders=tuple(loaders),
        commands=tuple(commands),
        task_tables=tuple(tables),
        name_maps={m["id"]: m for m in doc.get("name_maps", ())},
        config_keys=tuple(doc.get("config_keys", ())),
        setting_words=tuple(doc.get("setting_words", ())),
        wrappers=frozenset(q for w in doc.get("wrappers", ()) for q in w["qualnames"]),
        registries=tuple(Registry(**r) for r in doc.get("registries", ())),
    )


def _map_ref(library: str, ref: str | None) -> str | None:
    return None if ref is None else (ref if ":" in ref else f"{library}:{ref}")


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version)[:3])


# --- the knowledge ------------------------------------------------------------------------------


class LoaderKnowledge:
    """Every library file and the vocabulary, indexed for the questions a scanner asks."""

    def __init__(self, docs: Iterable[tuple[str, Mapping[str, Any]]]):
        vocab: Mapping[str, Any] | None = None
        libs: dict[str, Library] = {}
        for file, doc in docs:
            if "vocabulary" in doc:
                vocab = doc
                continue
            lib = _library(file, doc)
            if lib.name in libs:
                raise ConfigError(f"loader file {file}: library '{lib.name}' is defined twice")
            libs[lib.name] = lib
        if vocab is None:
            raise ConfigError(f"loader files: {VOCABULARY_FILE} is missing")
        self.libraries: Mapping[str, Library] = dict(sorted(libs.items()))
        self._qualnames: dict[str, Loader] = {}
        self._by_name: dict[str, list[Loader]] = {}  # function, class and qualname names
        self._by_method: dict[str, list[Loader]] = {}  # method names of method families
        for lib in self.libraries.values():
            for ld in lib.loaders:
                for q in ld.qualnames:
                    other = self._qualnames.get(q)
                    if other is not None:
                        raise ConfigError(
                            f"loader file {lib.file}: '{q}' is also a callable of {other.library}"
                        )
                    self._qualnames[q] = ld
                last = {q.split(":")[-1].split(".")[-1] for q in ld.qualnames}
                if ld.form in ("function", "constructor", "field"):
                    names, methods = {ld.name.split(".")[-1], *last}, set(ld.methods)
                else:
                    names, methods = set(), {ld.name.split(".")[-1], *last, *ld.methods}
                for k in names:
                    self._by_name.setdefault(k, []).append(ld)
                for k in methods - names:
                    self._by_method.setdefault(k, []).append(ld)
            for ld in lib.loaders:
                for ref in [ld.name_map, *(a.name_map for a in ld.args)]:
                    if (
                        ref
                        and _map_ref(lib.name, ref)
                        and not self._name_map(_map_ref(lib.name, ref))
                    ):
                        raise ConfigError(
                            f"loader file {lib.file}: name map '{ref}' does not exist"
                        )
        self._commands_by_program: dict[str, list[tuple[Command, tuple[str, ...]]]] = {}
        for lib in self.libraries.values():
            for cmd in lib.commands:
                for words in (cmd.argv, *cmd.alternatives):
                    self._commands_by_program.setdefault(words[0], []).append((cmd, words))
        self._config_keys: dict[str, list[ConfigKey]] = {}  # by the last key of the path
        for lib in self.libraries.values():
            for c in lib.config_keys:
                ck = ConfigKey(
                    library=lib.name,
                    path=key_path(c["path"]),
                    role=c["role"],
                    files=tuple(c.get("files", ())),
                    source=lib.sources[c["source"]],
                    verified=c["verified"],
                    id=c.get("id"),
                    note=c.get("note"),
                    written=c["path"].replace("[]", ""),
                )
                self._config_keys.setdefault(ck.path[-1], []).append(ck)
        # the first key of every path of more than one key: where a path starts in code that
        # writes the configuration as nested dicts (LLMConfig(model_loading_config=dict(...)))
        self.config_heads = frozenset(
            ck.path[0] for cks in self._config_keys.values() for ck in cks if len(ck.path) > 1
        )
        self._vocab(vocab)

    def _model_kinds(self, kinds: Mapping[str, Any] | None, sources: dict) -> None:
        """The vocabulary's ``model_kinds``: every kind, its plural and each kind followed by an
        ending, a suffix whose value is a model named by its ``org/name`` id (``value:
        repo-id``); a suffix the names already list keeps its own meaning."""
        if not kinds:
            return
        listed = {key for key, _ in self._suffix}
        for kind in kinds["kinds"]:
            for name in (kind, kind + "s", *(f"{kind}_{e}" for e in kinds["endings"])):
                key = norm_key(name)
                if key in listed:
                    continue
                listed.add(key)
                ctx = NameContext(
                    name=name,
                    role="model",
                    match="suffix",
                    strength="strong",
                    source=sources[kinds["source"]],
                    verified=kinds["verified"],
                    value="repo-id",
                    note=f"a {kind} model (vocabulary model_kinds)",
                )
                self._suffix.append((key, ctx))

    def _vocab(self, vocab: Mapping[str, Any]) -> None:
        sources = {k: _source(k, v) for k, v in vocab["sources"].items()}
        self.vocabulary_sources = sources
        self._exact: dict[str, NameContext] = {}
        self._name_cache: dict[str, NameContext | None] = {}
        self._suffix: list[tuple[str, NameContext]] = []
        self._contains: list[tuple[str, NameContext]] = []
        for n in vocab["names"]:
            ctx = NameContext(
                name=n["name"],
                role=n["role"],
                match=n.get("match", "exact"),
                strength=n.get("strength", "strong"),
                source=sources[n["source"]],
                verified=n["verified"],
                value=n.get("value", "plain"),
                note=n.get("note"),
                provider=n.get("provider"),
            )
            key = norm_key(n["name"])
            if ctx.match == "exact":
                if key in self._exact:
                    raise ConfigError(
                        f"loader file {VOCABULARY_FILE}: name '{n['name']}' is listed twice"
                    )
                self._exact[key] = ctx
            else:
                (self._suffix if ctx.match == "suffix" else self._contains).append((key, ctx))
        self._model_kinds(vocab.get("model_kinds"), sources)
        self._suffix.sort(key=lambda kv: -len(kv[0]))
        # the same answers by suffix: a key's own suffixes looked up longest first find the
        # entry the sorted list finds first (a dict lookup per length, not a test per entry)
        self._suffix_of: dict[str, NameContext] = {}
        for key, ctx in self._suffix:
            self._suffix_of.setdefault(key, ctx)
        # the lengths of the entries, longest first: a key's suffixes of those lengths only
        self._suffix_lengths = tuple(sorted({len(key) for key in self._suffix_of}, reverse=True))
        self._flags = {
            norm_flag(f["flag"]): NameContext(
                name=f["flag"],
                role=f["role"],
                match="flag",
                strength="strong",
                source=sources[f["source"]],
                verified=f["verified"],
                value=f.get("value", "plain"),
                keys=tuple(f.get("keys", ())),
                note=f.get("note"),
            )
            for f in vocab.get("flags", ())
        }
        # ids are ASCII: ASCII matching compiles ten times faster than Unicode case folding
        self._values = [
            (re.compile(v["pattern"], re.A), v["role"]) for v in vocab.get("values", ())
        ]
        self.env_lookups = tuple(vocab.get("env_lookups", ()))
        self.declarations = tuple(vocab.get("declarations", ()))
        self.command_runners = tuple(vocab.get("command_runners", ()))
        self.file_extensions = tuple(vocab.get("file_extensions", {}).get("extensions", ()))
        self.weight_extensions = tuple(vocab.get("weight_extensions", {}).get("extensions", ()))
        archives = vocab.get("model_archives", {})
        self.model_archive_extensions = tuple(archives.get("extensions", ()))
        self.model_archive_words = frozenset(archives.get("words", ()))
        self.modelscope_switches = tuple(e["env"] for e in vocab.get("modelscope_switches", ()))
        # program -> the options that name the file it downloads into
        # flags that make a command print its usage or version and exit: it loads no model
        self.exit_flags: frozenset[str] = frozenset(vocab.get("exit_flags", {}).get("flags", ()))
        self.download_programs: Mapping[str, frozenset[str]] = {
            e["program"]: frozenset(e["output_flags"]) for e in vocab.get("download_programs", ())
        }
        folders = vocab.get("model_folders", {})
        self.model_folders = frozenset(norm_key(n) for n in folders.get("names", ()))
        # a cache's own folders under a models folder (huggingface/hub, huggingface/datasets)
        self.cache_folders = frozenset(
            norm_key(n) for n in folders.get("cache_folders", {}).get("names", ())
        )
        self.widget_keywords = frozenset(w["keyword"] for w in vocab.get("widget_keywords", ()))
        self.request_body_keywords = frozenset(
            w["keyword"] for w in vocab.get("request_body_keywords", ())
        )
        self.record_keys = frozenset(norm_key(r["key"]) for r in vocab.get("record_keys", ()))
        # the record keys that hold an id, not a display name (``key`` beside ``name``)
        self.record_id_keys = frozenset(
            norm_key(r["key"]) for r in vocab.get("record_keys", ()) if not r.get("label")
        )
        self.api_responses = tuple(frozenset(r["keys"]) for r in vocab.get("api_responses", ()))
        local = vocab.get("local_servers", {})
        self._local_hosts = tuple(local.get("hosts", ()))
        self._local_ports = {p["port"]: p for p in local.get("ports", ())}
        self._hub_servers = tuple(
            (tuple(h.lower() for h in e["hosts"]), e["server"])
            for e in vocab.get("hub_servers", ())
        )
        # a provider may have several entries, each with its own source (its SDK's model list,
        # its documentation's): their patterns, hosts and names add up; the first entry gives
        # its title, source and note
        providers: dict[str, HostedProvider] = {}
        for p in vocab.get("hosted_providers", ()):
            entry = HostedProvider(
                provider=p["provider"],
                title=p["title"],
                pattern_texts=tuple(p.get("patterns", ())),
                hosts=tuple(p.get("hosts", ())),
                key_words=tuple(p.get("key_words", ())),
                serves_open_weights=bool(p.get("serves_open_weights", False)),
                source=sources[p["source"]],
                verified=p["verified"],
                note=p.get("note"),
                names=tuple(p.get("names", ())),
                alias_suffixes=tuple(p.get("alias_suffixes", ())),
                resource_prefixes=tuple(p.get("resource_prefixes", ())),
                closed_names=bool(p.get("closed_names", False)),
                deployment_names=bool(p.get("deployment_names", False)),
                account_prefixed=bool(p.get("account_prefixed", False)),
                sdk_packages=tuple((d["registry"], d["name"]) for d in p.get("sdk_packages", ())),
                serving_images=tuple(p.get("serving_images", ())),
                serving_docs=tuple(p.get("serving_docs", ())),
                version_pattern=(
                    re.compile(p["version_ids"]["pattern"]) if "version_ids" in p else None
                ),
                version_names=tuple(norm_key(n) for n in p.get("version_ids", {}).get("names", ())),
            )
            first = providers.get(entry.provider)
            if first is not None:
                entry = replace(
                    first,
                    pattern_texts=first.pattern_texts + entry.pattern_texts,
                    hosts=first.hosts + entry.hosts,
                    key_words=first.key_words + entry.key_words,
                    names=first.names + entry.names,
                    alias_suffixes=first.alias_suffixes + entry.alias_suffixes,
                    resource_prefixes=first.resource_prefixes + entry.resource_prefixes,
                    closed_names=first.closed_names or entry.closed_names,
                    deployment_names=first.deployment_names or entry.deployment_names,
                    account_prefixed=first.account_prefixed or entry.account_prefixed,
                    sdk_packages=first.sdk_packages + entry.sdk_packages,
                    serving_images=first.serving_images + entry.serving_images,
                    serving_docs=first.serving_docs + entry.serving_docs,
                    version_pattern=first.version_pattern or entry.version_pattern,
                    version_names=first.version_names + entry.version_names,
                    serves_open_weights=first.serves_open_weights or entry.serves_open_weights,
                )
            providers[entry.provider] = entry
        self.providers: Mapping[str, HostedProvider] = providers
        # a provider's server's own variables (NIM_MODEL_NAME): a file setting one is about it
        # (the name lower-cased, its whole-word pattern): the pattern is tried only where the
        # name is written
        self._server_variables: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for named in self._exact.values():
            if named.provider is None:
                continue
            if named.provider not in providers:
                raise ConfigError(
                    f"loader file {VOCABULARY_FILE}: name '{named.name}' names the unknown "
                    f"provider '{named.provider}'"
                )
            self._server_variables.setdefault(named.provider, []).append(
                (
                    named.name.lower(),
                    re.compile(rf"(?<![A-Za-z0-9_]){re.escape(named.name)}(?![A-Za-z0-9_])", re.I),
                )
            )
        # every provider's key words, normalised, in order (``provider_for_name``), and its
        # answers so far
        self._provider_key_words = tuple(
            (p, norm_key(w)) for p in providers.values() for w in p.key_words
        )
        self._provider_by_name: dict[str, HostedProvider | None] = {}
        # a provider by the whole name code calls it: its key, a name or a key word
        self._provider_names: dict[str, HostedProvider] = {}
        for p in self.providers.values():
            for word in (p.provider, *p.names, *p.key_words):
                self._provider_names.setdefault(norm_key(word), p)
        # (provider, the literal every match starts with, pattern): most values are ruled out by
        # the literal, so most patterns are never compiled
        self._provider_patterns = tuple(
            (p, _literal_head(text), text)
            for p in self.providers.values()
            for text in p.pattern_texts
        )
        self._pattern_cache: dict[str, re.Pattern[str]] = {}
        self.prefixes: tuple[Prefix, ...] = tuple(
            sorted(
                (
                    Prefix(
                        prefix=p["prefix"],
                        kind=p["kind"],
                        provider=p.get("provider"),
                        source=sources[p["source"]],
                        verified=p["verified"],
                        note=p.get("note"),
                        name_map=p.get("name_map"),
                    )
                    for p in vocab.get("provider_prefixes", ())
                ),
                key=lambda p: -len(p.prefix),
            )
        )
        self._prefix_index: dict[str, Prefix] = {}
        for p in self.prefixes:
            m = _PREFIX_HEAD.match(p.prefix)
            if m is None or m.group(0) != p.prefix:
                raise ConfigError(
                    f"loader file {VOCABULARY_FILE}: prefix '{p.prefix}' must end in its only '/' or ':'"
                )
            if p.name_map is not None:
                # a map of a library this folder lacks leaves the prefix's bare names as they are
                lib = p.name_map.partition(":")[0]
                if p.kind != "hub" or (
                    lib in self.libraries and self._name_map(p.name_map) is None
                ):
                    raise ConfigError(
                        f"loader file {VOCABULARY_FILE}: prefix '{p.prefix}' names map"
                        f" '{p.name_map}', which is no library:id map of a prefix of kind hub"
                    )
                if lib not in self.libraries:
                    p = replace(p, name_map=None)
            self._prefix_index[p.prefix.lower()] = p

    # --- callables

    def loaders(self) -> Iterator[Loader]:
        for lib in self.libraries.values():
            yield from lib.loaders

    def loader(self, qualname: str) -> Loader | None:
        """By dotted import path (``transformers.pipeline``) or JS ``package:export``."""
        return self._qualnames.get(qualname)

    def callable_names(self) -> frozenset[str]:
        """Every name a call of a loader can end in (function, class and method names): a call
        whose name is not one of these is no loader, whatever its receiver."""
        return frozenset(self._by_name) | frozenset(self._by_method)

    def loaders_named(self, name: str) -> tuple[Loader, ...]:
        """Every loader a call of ``name`` may be (the function, class or method name as written,
        ``from_pretrained``, ``chat``): the candidates when nothing else is known."""
        short = name.rsplit(".", 1)[-1]
        named = self._by_name.get(short, [])
        return tuple(named + [ld for ld in self._by_method.get(short, ()) if ld not in named])

    def loaders_for_call(
        self,
        name: str,
        *,
        module: str | None = None,
        receiver: str | None = None,
        built_from: str | None = None,
        ecosystem: str | None = None,
    ) -> tuple[Loader, ...]:
        """The loaders a call may be, best first. ``name``: the called name; ``module``: the module
        (or npm package) it was imported from, when known; ``receiver``: the receiver of a method
        call as written; ``built_from``: the callable that made the receiver (``ollama.Client``).
        A candidate whose library is not imported or whose receiver does not fit is dropped when
        the mechanism says what it knows."""
        short = name.rsplit(".", 1)[-1]
        method_call = bool(receiver or built_from)
        candidates = list(
            self.loaders_named(short) if method_call else self._by_name.get(short, ())
        )
        # a function imported by name (from ollama import chat) or called on its module
        # (mlx_lm.load, with the module as receiver)
        for prefix in {module, receiver} - {None}:
            for sep in (".", ":"):
                exact = self._qualnames.get(f"{prefix}{sep}{name}")
                if exact is not None and exact not in candidates:
                    candidates.append(exact)
        found = []
        for ld in candidates:
            lib = self.libraries[ld.library]
            if ecosystem and lib.ecosystem != ecosystem:
                continue
            rank = 3
            if module is not None:
                dotted = {f"{module}.{short}", f"{module}:{short}", f"{module}.{name}"}
                if dotted & set(ld.qualnames):
                    rank = 0
                elif any(
                    module == i or module.startswith(i + ".") or module.startswith(i + "/")
                    for i in lib.imports
                ):
                    rank = 1
                else:
                    continue
            if method_call:
                # a method call: only loaders that are methods, on a receiver they accept
                if receiver and f"{receiver}.{short}" in ld.qualnames:
                    rank = 0
                elif ld.receiver is None or not ld.receiver.accepts(receiver, built_from):
                    continue
                else:
                    rank = min(rank, 2 if ld.receiver.any else 1)
            elif ld.form in ("method", "options-object") and rank != 0:
                continue  # a bare call of a name that is a method elsewhere
            found.append((rank, ld))
        return tuple(ld for _, ld in sorted(found, key=lambda r: r[0]))

    # --- defaults

    def task_tables(self, library: str, package: str | None = None) -> tuple[TaskTable, ...]:
        lib = self.libraries.get(library)
        if lib is None:
            return ()
        return tuple(t for t in lib.task_tables if package is None or t.package == package)

    def task_default(
        self,
        library: str,
        task: str,
        *,
        variant: str | None = None,
        package: str | None = None,
        version: str | None = None,
    ) -> Default | None:
        """The model ``pipeline(task)`` loads: from the table of ``package`` whose major version
        matches ``version`` (the newest table when the version is unknown or no table matches).
        ``translation_en_to_fr`` is the task ``translation`` with the variant ``en_fr``."""
        tables = sorted(
            self.task_tables(library, package), key=lambda t: _version_key(t.version), reverse=True
        )
        if not tables:
            return None
        if package is None:  # a library with several packages (transformers.js): its newest line
            tables = [t for t in tables if t.package == tables[0].package]
        table = tables[0]
        if version:
            major = _version_key(version)[:1]
            table = next((t for t in tables if _version_key(t.version)[:1] == major), table)
        m = re.fullmatch(r"translation_([a-z]+)_to_([a-z]+)", task)
        if m:
            task, variant = "translation", f"{m.group(1)}_{m.group(2)}"
        task = table.aliases.get(task, task)
        row = table.tasks.get((task, variant)) or table.tasks.get((task, None))
        if row is None:
            return None
        return Default(
            model=row["model"],
            revision=row.get("revision"),
            dtype=row.get("dtype"),
            source=table.source,
            verified=table.verified,
            origin=f"the default model of {table.package} pipeline('{task}') ({table.package} {table.version})",
            note=row.get("note"),
        )

    def default_model(
        self,
        library: str,
        name: str,
        task: str | None = None,
        *,
        package: str | None = None,
        version: str | None = None,
    ) -> Default | None:
        """The model a callable (or a command) of ``library`` uses when given none: the task's
        default for a pipeline, else the callable's own default."""
        lib = self.libraries.get(library)
        if lib is None:
            return None
        for ld in lib.loaders:
            if name in (ld.name, ld.name.rsplit(".", 1)[-1], *ld.qualnames):
                if task is not None and ld.task_defaults:
                    return self.task_default(
                        library, task, package=package or ld.task_defaults, version=version
                    )
                if ld.default is not None:
                    return ld.default
        for cmd in lib.commands:
            if name == cmd.name and cmd.default is not None:
                return cmd.default
        return None

    # --- names

    def _name_map(self, ref: str) -> Mapping[str, Any] | None:
        lib, _, map_id = ref.partition(":")
        library = self.libraries.get(lib)
        return library.name_maps.get(map_id) if library else None

    @functools.cached_property
    def legacy_hub_ids(self) -> frozenset[str]:
        """Single-segment Hub ids (``bert-base-uncased``, ``gpt2``; lower case): the names a
        prefix map keeps bare because the Hub still serves them without an organization."""
        return frozenset(
            name.lower()
            for lib in self.libraries.values()
            for m in lib.name_maps.values()
            if m["kind"] == "prefix"
            for name in m.get("keep_bare", ())
        )

    @functools.cached_property
    def repository_implies(self) -> Mapping[str, tuple[str, tuple[Implied, ...]]]:
        """Hub id (lower case) -> (library, implied models) for the name map entries whose
        implied models the Hub repository's own configuration names (``implies_wherever_named``:
        a pyannote pipeline's config.yaml), which go with the id wherever it is a model."""
        out: dict[str, tuple[str, tuple[Implied, ...]]] = {}
        for lib in self.libraries.values():
            for m in lib.name_maps.values():
                for e in m.get("entries", ()):
                    if e.get("implies_wherever_named") and e.get("hub_id"):
                        out.setdefault(e["hub_id"].lower(), (lib.name, _implied(e)))
        return out

    @functools.cached_property
    def _enumerations(self) -> dict[str, str]:
        return {
            qualname: f"{lib.name}:{map_id}"
            for lib in self.libraries.values()
            for map_id, m in lib.name_maps.items()
            if m.get("members_of")
            for qualname in (
                [m["members_of"]] if isinstance(m["members_of"], str) else m["members_of"]
            )
        }

    @functools.cached_property
    def _wrappers(self) -> frozenset[str]:
        return frozenset(q for lib in self.libraries.values() for q in lib.wrappers)

    def wrapper(self, qualname: str) -> bool:
        """Whether the function ``qualname`` (Go ``package path:Name``) hands back its one
        argument as a request field (``openai.F(x)``: the value is ``x``)."""
        return qualname in self._wrappers

    @functools.cached_property
    def _registry_members(self) -> dict[str, str]:
        return {
            e["name"]: f"{lib.name}:{map_id}"
            for lib in self.libraries.values()
            for map_id, m in lib.name_maps.items()
            if m.get("registry") and m.get("members_of")
            for e in m.get("entries", ())
            if "name" in e and not e.get("not_a_reference")
        }

    def registry_member(self, value: str) -> Mapped | None:
        """The registry model (a torchaudio bundle) ``value`` names exactly, as a member of the
        module a registry map enumerates (``torchaudio.pipelines``): such a name is that model
        wherever a model goes (``WAV2VEC2_ASR_BASE_960H``; no Hub id has its shape). None for
        any other value."""
        ref = self._registry_members.get(value)
        return self.map_name(ref, value) if ref is not None else None

    @functools.cached_property
    def registries(self) -> dict[str, Registry]:
        """name -> the registry of models that is no model hub, as the libraries declare them."""
        return {r.name: r for lib in self.libraries.values() for r in lib.registries}

    @functools.cached_property
    def registry_names(self) -> frozenset[str]:
        return frozenset(self.registries)

    @functools.cached_property
    def registry_enumerations(self) -> dict[str, str]:
        """qualname -> name map (``library:id``) of the modules whose members are registry
        models (``torchaudio.pipelines``)."""
        return {
            q: ref for q, ref in self._enumerations.items() if self._name_map(ref).get("registry")
        }

    def enumeration(self, qualname: str) -> str | None:
        """The name map (``library:id``) whose entries are the members of the enumeration
        ``qualname`` (``ibm_watsonx_ai.foundation_models.utils.enums.ModelTypes``)."""
        return self._enumerations.get(qualname)

    def map_name(self, ref: str, value: str, *, tag: str | None = None) -> Mapped | None:
        """What ``value`` means under the name map ``ref`` (``library:id``, as a loader's
        ``name_map``): a prefix map puts its prefix before a bare name, a table looks the name (and
        ``tag``) up, a pattern map matches its expressions in order. None: the map does not
        know the name (it is then whatever the loader's id mode makes of it)."""
        m = self._name_map(ref)
        if m is None:
            raise KeyError(ref)
        lib = self.libraries[ref.partition(":")[0]]
        src, verified = lib.sources[m["source"]], m["verified"]
        fold = m.get("case_insensitive", False)
        if tag is None:  # Reranker("colbert"): the loader's own default for its tag argument
            tag = m.get("default_tag")
        if m["kind"] == "prefix":
            if "/" in value or "\\" in value:
                return None
            keep = (
                {k.lower() for k in m.get("keep_bare", ())} if fold else set(m.get("keep_bare", ()))
            )
            if (value.lower() if fold else value) in keep:
                return None
            return Mapped(value, ref, src, verified, hub_id=m["prefix"] + value, note=m.get("note"))
        for e in m.get("entries", ()):
            if "name" in e:
                hit = (e["name"].lower() == value.lower()) if fold else e["name"] == value
                if not hit or ("tag" in e and e["tag"] != tag):
                    continue
                groups: dict[str, str] = {}
            else:
                match = re.fullmatch(e["pattern"], value, re.I if fold else 0)
                if not match:
                    continue
                groups = {k: v for k, v in match.groupdict().items() if v is not None}
            hub = e.get("hub_id")
            if hub is None and "hub_id_template" in e:
                hub = e["hub_id_template"].format(name=value, **groups)
            return Mapped(
                value,
                ref,
                lib.sources[e["source"]] if "source" in e else src,
                e.get("verified", verified),
                hub_id=hub,
                weights=e.get("weights"),
                license=e.get("license"),
                license_declared=e.get("license_declared"),
                licensor=e.get("licensor"),
                not_a_reference=bool(e.get("not_a_reference", False)),
                note=e.get("note"),
                hosted_id=e.get("hosted_id"),
                provider=e.get("provider", m.get("provider")),
                implies=_implied(e, m.get("registry")),
                file=e["file"].format(name=value, **groups) if "file" in e else None,
                url=(
                    e["url_template"].format(name=value, **groups) if "url_template" in e else None
                ),
                alone=bool(e.get("alone", False)),
                registry=m.get("registry"),
                registry_id=(
                    e.get("id_template", "{name}").format(name=e.get("name", value), **groups)
                    if m.get("registry")
                    else None
                ),
            )
        return None

    def name_context(self, name: str) -> NameContext | None:
        """What a key, keyword, parameter, variable or attribute name says about its value
        (case and separators ignored): an exact entry first, then a hosted-API word in a name
        that without it names a model (``OPENAI_MODEL``, ``claudeModel``, ``OpenAIModelID``; not
        ``OPENAI_API_KEY`` or ``gptTokenizer``), then the longest matching suffix. None: the name
        says nothing."""
        try:
            return self._name_cache[name]
        except KeyError:
            pass
        found = self._name_context(norm_key(name))
        if len(self._name_cache) < 65536:  # the same few names recur across a tree's files
            self._name_cache[name] = found
        return found

    def _name_context(self, key: str) -> NameContext | None:
        if not key:
            return None
        if key in self._exact:
            return self._exact[key]
        for word, ctx in self._contains:
            if word in key:
                left = key.replace(word, "", 1)
                rest = self._plain_context(left)
                if rest is None or rest.role not in _HOSTED_MODEL_ROLES:
                    # (OPENAI_ENGINE: engine alone is a provider key, as a suffix a deployment)
                    rest = self._suffix_context(left)
                if rest is not None and rest.role in _HOSTED_MODEL_ROLES:
                    return ctx
        return self._plain_context(key)

    def _plain_context(self, key: str) -> NameContext | None:
        found = self._exact.get(key)
        if found is not None:
            return found
        return self._suffix_context(key)

    def _suffix_context(self, key: str) -> NameContext | None:
        suffixes = self._suffix_of
        n = len(key)
        for length in self._suffix_lengths:
            if length <= n:
                found = suffixes.get(key[n - length :])
                if found is not None:
                    return found
        return None

    def names_deployment(self, name: str) -> bool:
        """``name`` says a deployment (``AZURE_OPENAI_CHAT_DEPLOYMENT``, ``azure_deployment``):
        its value is the name its owner gave a deployment, a model only when it has a model's
        shape."""
        found = self._plain_context(norm_key(name))
        return found is not None and found.role == "deployment"

    def names(self) -> tuple[NameContext, ...]:
        """Every name of the vocabulary (exact, suffix and contains entries)."""
        return (
            *self._exact.values(),
            *(c for _, c in self._suffix),
            *(c for _, c in self._contains),
        )

    def is_model_name(self, name: str) -> bool:
        ctx = self.name_context(name)
        return ctx is not None and ctx.names_model

    def is_dataset_name(self, name: str) -> bool:
        ctx = self.name_context(name)
        return ctx is not None and ctx.role == "dataset"

    def is_decoy_name(self, name: str) -> bool:
        ctx = self.name_context(name)
        return ctx is not None and ctx.is_decoy

    def ends_config_key(self, key: str) -> bool:
        """Some library configuration key path ends with ``key`` (normalised): cheap, before
        ``config_key`` is asked with the whole path."""
        return key in self._config_keys

    def config_key(self, path: tuple[str, ...], file: str | None = None) -> ConfigKey | None:
        """The library configuration key that ``path`` (normalised keys from the document's
        root, ``"[]"`` for list items) ends with, in a file named ``file``; the longest wins."""
        if not path:
            return None
        best: ConfigKey | None = None
        for ck in self._config_keys.get(path[-1], ()):
            n = len(ck.path)
            if path[-n:] != ck.path:
                continue
            if ck.files and file is not None and not any(fnmatch(file, f) for f in ck.files):
                continue
            if best is None or n > len(best.path):
                best = ck
        return best

    def flag_context(self, flag: str) -> NameContext | None:
        """What a command-line flag (``--model``, ``--model_name_or_path=``) takes. A namespaced
        flag (``--actor.model_name_or_path``, ``--model.init_args.tokenizer``) takes what its
        parts say, read from the longest known tail: ``--teacher.model_name_or_path`` is
        ``teacher-model-name-or-path``, ``--hub.model_id`` is ``hub-model-id`` (a destination),
        ``--actor.model_name_or_path`` is ``model-name-or-path``; a whole that the names
        vocabulary calls a decoy (``--output.model_name``: ``output_model_name``) stays one.
        A flag the flags do not list takes what the names say of a component model
        (``component_flag``: ``--vision_tower org/x``)."""
        name = norm_flag(flag)
        found = self._flags.get(name)
        if found is not None:
            return found
        if "." not in name:
            return self.component_flag(name) or self.named_flag(name)
        parts = [p for p in name.split(".") if p][-4:]  # deeper namespaces add nothing
        whole = self.name_context("-".join(parts))
        if whole is not None and whole.is_decoy:
            return whole
        for start in range(len(parts)):
            found = self._flags.get("-".join(parts[start:]))
            if found is not None:
                return found
        return self.component_flag("-".join(parts))

    def named_flag(self, flag: str) -> NameContext | None:
        """A flag the flags do not list whose name ends in a name that says model
        (``--hf_truth_model_name_or_path``, ``--llm_judge_model``: a suffix of the names), read
        as that name but only with an ``org/name`` id as written (``value: repo-id``), as a
        script's own flags also take sizes, types and local folders; or a name with a
        hosted-API word that names a hosted model (``--openai_model``, ``--openai_engine``),
        whose value counts only with its provider's shape where the name says a deployment.
        Decoys (``--output_model_name``) stay decoys."""
        found = self.name_context(flag)
        if found is None or found.is_decoy:
            return found
        if found.role == "hosted-model" and found.match == "contains":
            return found
        if found.match != "suffix" or not found.names_model:
            return None
        return replace(found, value="repo-id")

    def component_flag(self, flag: str) -> NameContext | None:
        """A flag named like a name whose value is a component model given by its ``org/name``
        id only (a ``value: repo-id`` suffix of the names: ``--vision_tower``,
        ``--mm_vision_tower``, ``--lm_model_type``, ``--controlnet_id``): what that name says,
        so only an ``org/name`` value is a model (``--tune_vision_tower True``, ``--model_type
        llama`` and a local folder are not). Names the vocabulary calls decoys, and names that
        say a model in any shape (whose flags the flags list), are left out."""
        found = self.name_context(flag)
        if found is None or found.match != "suffix" or found.value != "repo-id":
            return None
        return found if found.names_model and not found.is_decoy else None

    def api_response(self, keys) -> bool:
        """A mapping with these top-level keys is an API's response (``api_responses``: the
        ``object``, ``data``, ``model``, ``usage`` of an embeddings reply)."""
        if "model" not in keys:
            return False
        return any(all(k in keys for k in entry) for entry in self.api_responses)

    def value_role(self, value: str) -> str | None:
        """``placeholder``, ``metric-key``, ``container-image``, ``action`` or ``not-a-model`` for
        a value whose shape is never a model reference, else None."""
        for pattern, role in self._values:
            if pattern.fullmatch(value):
                return role
        return None

    # --- hosted APIs and local servers

    def prefix(self, value: str) -> tuple[Prefix, str] | None:
        """The provider prefix of ``ollama/llama3``, ``anthropic/claude-3``, ``hf-hub:org/x``
        and the rest of the value; the longest prefix wins."""
        m = _PREFIX_HEAD.match(value)
        p = self._prefix_index.get(m.group(0).lower()) if m else None
        return (p, value[len(p.prefix) :]) if p is not None else None

    def hosted_provider(self, model: str) -> HostedProvider | None:
        """The provider whose hosted model names ``model`` has the shape of (``gpt-4o``,
        ``claude-sonnet-4-5``, ``anthropic.claude-3-5-sonnet-20241022-v2:0``)."""
        low = model.lower()
        for p, head, text in self._provider_patterns:
            if low.startswith(head) and self._compiled(text).fullmatch(model):
                return p
        return None

    def _compiled(self, text: str) -> re.Pattern[str]:
        """A hosted provider's pattern, compiled the first time a value could match it (ids are
        ASCII: ASCII matching, which also compiles ten times faster than Unicode folding)."""
        pattern = self._pattern_cache.get(text)
        if pattern is None:
            pattern = self._pattern_cache[text] = re.compile(text, re.I | re.A)
        return pattern

    def provider_for_name(self, name: str) -> HostedProvider | None:
        """The provider a key or variable name speaks of (``OPENAI_MODEL``, ``claude_model``);
        of several, the one named first (``AZURE_OPENAI_CHAT_DEPLOYMENT``: Azure OpenAI)."""
        try:
            return self._provider_by_name[name]
        except KeyError:
            pass
        key = norm_key(name)
        best: HostedProvider | None = None
        at = len(key)
        for p, word in self._provider_key_words:
            i = key.find(word)
            if 0 <= i < at:
                best, at = p, i
        if len(self._provider_by_name) < 65536:  # the same names recur across a tree's files
            self._provider_by_name[name] = best
        return best

    def provider_named(self, name: str) -> HostedProvider | None:
        """The provider ``name`` is, as a whole (``openai``, ``azure_openai``, ``ibm``, ``grok``):
        a provider selector's value or the key of a table of model names per provider."""
        return self._provider_names.get(norm_key(name))

    def provider_of_sdk(self, registry: str, package: str) -> HostedProvider | None:
        """The hosted provider whose own client package ``package`` is (``together-ai``)."""
        for p in self.providers.values():
            if (registry, package) in p.sdk_packages:
                return p
        return None

    def runtime_packages(self, ecosystem: str) -> frozenset[str]:
        """The packages of an ecosystem's loader libraries (model runtimes, the Hub's and
        Ollama's clients, multi-provider frameworks): each says whose models its calls name."""
        registry = {"javascript": "npm", "python": "pypi"}.get(ecosystem)
        return frozenset(
            name
            for lib in self.libraries.values()
            if lib.ecosystem == ecosystem
            for reg, name in lib.packages
            if reg == registry
        )

    def served_by(self, text: str) -> HostedProvider | None:
        """The provider with self-hosted model servers (``serving_images``) whose server image,
        API host, server documentation (``serving_docs``), server variable (a vocabulary name
        with its ``provider``: NIM_MODEL_NAME) or Python client package (imported) ``text``
        names, when it names one such provider only."""
        lowered: list[str | None] = []  # the text lower-cased, once, when a variable is looked for
        found = {
            p.provider: p
            for p in self.providers.values()
            if p.serving_images
            and (
                any(i in text for i in p.serving_images)
                or any(f"://{d}" in text for d in p.serving_docs)
                or any(f"://{h}" in text for h in p.hosts)
                or any(
                    _names_word(word, v, text, lowered)
                    for word, v in self._server_variables.get(p.provider, ())
                )
                or any(_imports(n, text) for reg, n in p.sdk_packages if reg == "pypi")
            )
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def provider_for_url(self, url: str) -> HostedProvider | None:
        host = _host(url)
        for p in self.providers.values():
            if any(
                host == h or host.endswith("." + h) or host.startswith(h + ".") for h in p.hosts
            ):
                return p
        return None

    def hub_server(self, url: str) -> LocalServer | None:
        """A base URL on a remote API that serves Hub models under their Hub ids (the Hugging
        Face Inference API): its model names read as Hub ids, as a local Hub server's do."""
        host = _host(url)
        for hosts, server in self._hub_servers:
            if any(host == h or host.endswith("." + h) for h in hosts):
                return LocalServer(
                    host=host, port=_port(url), server=server, then="hub", remote=True
                )
        return None

    def local_server(self, url: str) -> LocalServer | None:
        """A base URL on this machine, a private network or a compose service: the client talks
        to a local server, and its model names are not hosted API models."""
        host, port = _host(url), _port(url)
        entry = self._local_ports.get(port) if port is not None else None
        local = host in self._local_hosts or _private(host)
        if not local and entry is None:
            return None
        if not local and entry is not None and self.provider_for_url(url) is not None:
            return None
        return LocalServer(
            host=host,
            port=port,
            server=entry["server"] if entry else None,
            then=entry.get("then", "any") if entry else "any",
            names_of=entry.get("names_of") if entry else None,
        )

    # --- commands and triggers

    def commands(self) -> Iterator[Command]:
        for lib in self.libraries.values():
            yield from lib.commands

    def is_command_program(self, word: str) -> bool:
        """``word`` (a base name) starts a command of the data: worth a ``match_command``."""
        return word in self._commands_by_program

    def match_command(
        self, tokens: list[str] | tuple[str, ...], start: int = 0
    ) -> tuple[Command, int] | None:
        """The command whose words begin at ``tokens[start]`` (the program compared by base name)
        and how many words it took; the longest match wins."""
        if start >= len(tokens):
            return None
        best: tuple[Command, int] | None = None
        for cmd, words in self._commands_by_program.get(tokens[start].rsplit("/", 1)[-1], ()):
            n = len(words)
            if list(tokens[start + 1 : start + n]) == list(words[1:]) and (
                best is None or n > best[1]
            ):
                best = (cmd, n)
        return best

    def triggers(self, ecosystem: str | None = None) -> tuple[bytes, ...]:
        """Lower-case literals for a cheap prefilter: import roots, the names of functions and
        classes that take a model, methods that count on any receiver (``from_pretrained``),
        command programs, and the Ollama port (OpenAI-compatible clients of a local Ollama)."""
        words: set[str] = set()
        for lib in self.libraries.values():
            if ecosystem and lib.ecosystem not in (ecosystem, "cli"):
                continue
            for i in lib.imports:
                words.update((i, i.rsplit(".", 1)[-1]) if "." in i else (i,))
            for ld in lib.loaders:
                if ld.kind == "destination" or not ld.model_args:
                    continue
                if ld.form in ("function", "constructor") or (ld.receiver and ld.receiver.any):
                    words.add(ld.name.rsplit(".", 1)[-1])
                    if ld.form != "method":
                        words.update(q.split(":")[-1].rsplit(".", 1)[-1] for q in ld.qualnames)
            for cmd in lib.commands:
                words.add(
                    next((w for w in cmd.argv if w not in ("python", "python3", "-m")), cmd.argv[0])
                )
        words.update(
            str(port) for port, p in self._local_ports.items() if p.get("then") == "ollama"
        )
        return tuple(sorted({w.lower().encode() for w in words if len(w) >= 3}))


def _literal_head(pattern: str) -> str:
    """The lower-case text every match of ``pattern`` starts with ("gpt-" for ``gpt-(?!oss)...``;
    "" when it starts with a group, a class or a top-level alternative)."""
    depth = 0
    for c in pattern:  # a top-level '|' lets a match start anywhere
        depth += c in "([" and 1 or (-1 if c in ")]" else 0)
        if c == "|" and depth == 0:
            return ""
    head: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        step = 1
        if c == "\\" and i + 1 < len(pattern) and pattern[i + 1] in ".-/:":
            c, step = pattern[i + 1], 2
        elif not (c.isalnum() or c in "-_/:@"):
            break
        if i + step < len(pattern) and pattern[i + step] in "?*{":
            break  # the character is optional
        head.append(c.lower())
        i += step
    return "".join(head)


def _names_word(word: str, pattern: re.Pattern[str], text: str, lowered: list) -> bool:
    """Whether ``pattern`` (``word``, lower-cased, as a whole word in any case) matches ``text``.
    A text without the word lower-cased holds no match (a case-insensitive pattern's check at
    every character is the cost), unless it has one of the letters that are not ASCII and that
    the pattern takes for an ASCII one in another case (the Kelvin sign a k, the dotted capital
    I an i): then the pattern itself decides. ``lowered``: the text lower-cased, kept for the
    next word (empty: not yet; None in it: such a letter is written)."""
    if not lowered:
        folds = not text.isascii() and any(c in text for c in _FOLDS_TO_ASCII)
        lowered.append(None if folds else text.lower())
    low = lowered[0]
    if low is not None and word not in low:
        return False
    return pattern.search(text) is not None


# the letters that are not ASCII which a case-insensitive pattern matches with an ASCII letter
# (Python's ``re`` documentation, IGNORECASE): dotted capital I, dotless i, long s, Kelvin sign
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _imports(package: str, text: str) -> bool:
    """Whether ``text`` imports the Python package ``package`` (``from x`` / ``import x``). A
    name without pattern characters is looked for as a plain string first: the pattern can
    match only where it is written (a whole text's word boundaries cost a regular expression
    a check at every character)."""
    name = package.replace("-", "_")
    if name not in text and name == re.escape(name):
        return False
    return re.search(rf"\b(from|import)\s+{name}\b", text) is not None


def _host(url: str) -> str:
    rest = url.split("://", 1)[-1]
    rest = rest.split("/", 1)[0].split("@")[-1]
    if rest.startswith("["):
        return rest[1:].split("]", 1)[0].lower()
    return rest.rsplit(":", 1)[0].lower() if rest.count(":") == 1 else rest.lower()


def _port(url: str) -> int | None:
    rest = url.split("://", 1)[-1].split("/", 1)[0].split("@")[-1]
    tail = rest.rsplit("]", 1)[-1] if rest.startswith("[") else rest
    if tail.count(":") != 1:
        return None
    port = tail.rsplit(":", 1)[1]
    return int(port) if port.isdigit() else None


def _private(host: str) -> bool:
    """10.x, 172.16-31.x, 192.168.x, 127.x, *.local, *.internal, *.svc.cluster.local."""
    if host.endswith((".local", ".internal", ".localhost")):
        return True
    parts = host.split(".")
    if len(parts) != 4 or not all(p.isdigit() for p in parts):
        return False
    a, b = int(parts[0]), int(parts[1])
    return a in (10, 127) or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168)


def load(folder: Path | None = None, *, cache: bool = True) -> LoaderKnowledge:
    """Every ``*.yaml`` of ``folder`` (default: the shipped ``loaders/``), validated."""
    folder = folder or FOLDER
    files = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as exc:
            raise ConfigError(
                f"loader file {path.name}: cannot read: {exc.strerror or exc}"
            ) from exc
    docs = load_validated("loaders", files, _parse, namespace=CACHE_NAMESPACE, cache=cache)
    return LoaderKnowledge([(name, doc) for (name, _), doc in zip(files, docs, strict=True)])


@functools.cache
def knowledge() -> LoaderKnowledge:
    """The shipped loader knowledge, loaded once per process on first use."""
    return load()


__all__ = [
    "MODEL_ROLES",
    "Arg",
    "Implied",
    "Command",
    "ConfigKey",
    "Default",
    "HostedProvider",
    "Library",
    "LocalServer",
    "Loader",
    "LoaderKnowledge",
    "Mapped",
    "NameContext",
    "Prefix",
    "Receiver",
    "Source",
    "TaskTable",
    "key_path",
    "knowledge",
    "load",
    "norm_flag",
]
