"""Structured configuration: YAML, JSON, JSON Lines, TOML, ``.env`` and Terraform/HCL.

A value counts when a key names a model (``model``, ``model_id``, ``base_model``,
``HF_MODEL_ID``, ``embedding_model`` ... case and separator insensitive), when it carries a
LiteLLM-style prefix under such a key, or when it appears in a command line (compose
``command``, Kubernetes ``args``, CI ``run:``, package.json ``scripts``). ``datasets:`` keys are
datasets. Container images, ``apiVersion``, ``uses:`` actions and URLs are never models.

YAML, JSON and TOML are parsed by the shared reader (``licaudit.datafile``) with the same
semantics as licaudit's own files; YAML aliases are walked once, never expanded, and a file
nested deeper than ``MAX_DEPTH`` is skipped with the reason.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import posixpath
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..datafile import DataFileError, LimitError, compose_yaml, load_json, load_toml
from ..model import HOSTED, HUGGINGFACE, ModelRef, Unresolvable
from ..recordtype import dataclass
from . import commands
from .common import (
    WEIGHTS_WORDS,
    Context,
    Found,
    Trigger,
    line_col,
    location_at,
    make_refs,
    norm_key,
)
from .context import (
    Identity,
    in_provider_branch,
    model_value,
    name_role,
    named_with_provider,
    names_modelscope,
    on_modelscope,
    provider_kind,
    takes_value,
)
from .ids import hub_repo_url
from .interface import FunctionScanner
from .loaders import DECOY_ROLES, MODEL_ROLES, knowledge
from .packages import HUB_WRITTEN, package_provider

if TYPE_CHECKING:
    import yaml

TRIGGER = Trigger(
    b"model",
    b"pretrained",
    b"dataset",
    b"reranker",
    b"llm",
    b"adapter",
    b"ollama",
    b"huggingface",
    b"hf.co",
    b"hf://",
    b"vllm",
    b"download",
    b"hf_repo",
    b"hfrepo",
    b"hf-repo",
    b"tokenizer",
    b"_deployment",  # AZURE_OPENAI_CHAT_DEPLOYMENT (a Kubernetes Deployment has no underscore)
    b"tower",  # mm_vision_tower: a vision-language model's image encoder
    *WEIGHTS_WORDS,
)

# the key of a YAML file written as a literal block (a ConfigMap's data entry)
_YAML_NAMES = (".yaml", ".yml")
_KV = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$")
MAX_NODES = 200_000
# deeper than any real configuration, and shallow enough for the recursive tree walks below
MAX_DEPTH = 200
# keys under which a mapping's repository is a Hub repository, when a sibling says the source
# is the Hub ({type: huggingface, repository: org/lora}: a LoRA adapter source); elsewhere a
# `repository` is the image of a container spec
_REPO_KEYS = frozenset({"repository", "repo", "repoid", "repositoryid"})
_HUB_WORDS = frozenset({"huggingface", "hf", "huggingfacehub", "hfhub"})


@dataclass(frozen=True)
class _Scope:
    """What the walk knows at a node: the key path from the root (normalised, "[]" for list
    items), whether an Ollama context covers it, the hub a sibling names for this mapping
    (``huggingface``, ``modelscope``), and whether it is a command or an environment list."""

    path: tuple[str, ...] = ()
    ollama: bool = False
    hub: str | None = None
    command: bool = False
    env: bool = False
    provider: str | None = None  # the hosted provider a record names (its provider key, base URL)

    def child(self, key: str | None, **kw) -> _Scope:
        path = (*self.path, norm_key(key) if key is not None else "[]")
        return _Scope(
            path=path,
            ollama=kw.get("ollama", self.ollama),
            hub=kw.get("hub"),
            command=kw.get("command", self.command),
            env=kw.get("env", False),
            provider=kw.get("provider", self.provider),
        )

    def within(self, ollama: bool, hub: str | None, provider: str | None) -> _Scope:
        """The scope of a mapping's own values, given what its keys say (``_sibling_context``)."""
        return _Scope(self.path, ollama, hub, self.command, provider=provider or self.provider)


@dataclass(frozen=True)
class _Hit:
    kind: str  # value | command | argv | json (a YAML string holding a JSON document)
    key: str
    value: object  # str, or list[str] for argv
    scope: _Scope
    pos: tuple[int, int] | None = (
        None  # (line, column) or, for command and JSON text, (first, last)
    )
    item: bool = False  # a string item of the list under ``key``


def _role(key: str) -> str | None:
    return name_role(key)


def _sibling_context(pairs: list[tuple[str, object]]) -> tuple[bool, str | None, str | None]:
    """(Ollama context, hub, hosted provider) that the string values of one mapping give its
    other keys: a provider key saying ollama, an Ollama URL (port 11434), an ``ollama_*`` key; a
    provider key saying huggingface, any value saying ModelScope; a provider key naming a hosted
    provider (``provider: Groq``), or a base URL on a hosted provider's or gateway's host, which
    wins over the provider key (an OpenAI-style client pointed at another API)."""
    ollama, hub = False, None
    named: str | None = None
    by_url: str | None = None
    for k, v in pairs:
        nk = norm_key(k)
        if "ollama" in nk and nk != "ollama":
            ollama = True
        if not isinstance(v, str) or len(v) > 200:
            continue
        if names_modelscope(v):
            hub = "modelscope"
        role = _role(k)
        if role == "provider-key":
            if "ollama" in v.lower():
                ollama = True
            elif hub is None and norm_key(v) in _HUB_WORDS:
                hub = "huggingface"
            elif named is None:
                named = _hosted_provider(v)
        elif role == "url-key" and ":11434" in v:
            ollama = True
        elif role == "url-key" and by_url is None:
            p = knowledge().provider_for_url(v) if "://" in v else None
            by_url = p.provider if p is not None else None
    return ollama, hub, by_url or named


def _hosted_provider(value: str) -> str | None:
    """The hosted provider a provider key's value names (``groq``, ``Together AI``), or None
    (a local runtime, the Hub, a word that names no provider)."""
    value = value.strip()
    if not value or len(value) > 40:
        return None
    kind = provider_kind(value) or provider_kind(norm_key(value))
    if kind is None and len(value.split()) <= 3:  # a display name: Together AI
        p = knowledge().provider_for_name(value)
        kind = p.provider if p is not None else None
    if kind in (None, "ollama", "hub"):
        return None
    return kind


def _at(here: _Scope, key: str, role: str | None) -> _Scope:
    """The scope of a scalar under ``key`` of the mapping whose scope is ``here``."""
    command = here.command or role == "command-key"
    ollama = here.ollama or "ollama" in key.lower()
    if command == here.command and ollama == here.ollama:
        return here
    return _Scope(here.path, ollama, here.hub, command, provider=here.provider)


def _below(here: _Scope, key: str, role: str | None) -> _Scope:
    """The scope of the mapping or list under ``key`` (its own siblings decide its hub)."""
    return here.child(
        key,
        ollama=here.ollama or "ollama" in key.lower(),
        command=here.command or role == "command-key",
        env=role == "env-key",
    )


def _listed_under(nk: str, scope: _Scope) -> str | None:
    """The model-naming key of the list whose record holds ``nk`` as its id (``models: [{id:
    gpt-4o, type: chat}]``: ``models``), else None. The vocabulary's ``record_keys`` say which
    fields name a record's model; ``name`` is left out (such lists use it for an entry's alias
    or served name), and a field whose own name says model (``model_id``) is read as such."""
    path = scope.path
    if nk == "name" or len(path) < 2 or path[-1] != "[]" or nk not in knowledge().record_keys:
        return None
    if _role(nk) in MODEL_ROLES:
        return None
    parent = path[-2]
    return parent if parent != "[]" and _role(parent) in MODEL_ROLES else None


def _key_path(key: str, scope: _Scope, item: bool) -> tuple[str, ...]:
    """The normalised key path of a value: its mapping's path and its key, or, for a string
    item of a list (``ollama: {models: {pull: [llama3.1]}}``), the list's path and ``[]``."""
    return (*scope.path, "[]" if item else norm_key(key))


def _worth_asking(key: str, value: str, scope: _Scope, item: bool = False) -> bool:
    """Cheap: may this string be a reference (before the context mechanism decides)?"""
    if takes_value(key) or "://" in value or "${" in value or "hf.co/" in value:
        return True
    if _listed_under(norm_key(key), scope) is not None:
        return True
    if "huggingface.co" in value:
        return True
    nk = norm_key(key)
    if scope.hub is not None and nk in _REPO_KEYS:
        return True
    k = knowledge()
    path = _key_path(key, scope, item)
    return k.ends_config_key(path[-1]) and k.config_key(path) is not None


# ---------------------------------------------------------------- generic tree walk (no marks)


def _walk(obj, key: str | None, scope: _Scope, budget: list[int]) -> Iterator[_Hit]:
    """The candidate values of a plain Python tree (JSON, TOML). An API's response (a canned
    reply, a recorded run: ``knowledge().api_responses``) names the model that answered it,
    none the code calls: nothing in it is a candidate."""
    budget[0] -= 1
    if budget[0] < 0:
        return
    if isinstance(obj, dict):
        if _api_response(obj):
            return
        pairs = [(str(k), v) for k, v in obj.items()]
        ollama, hub, provider = _sibling_context(pairs)
        ollama = ollama or scope.ollama
        nv = _name_value(pairs)
        if nv:
            yield _Hit("value", nv[0], nv[1], scope)
        here = scope.within(ollama, hub, provider)
        listed = _record_list_key(scope, pairs)
        if listed is not None:
            records = _record_model_keys(pairs)
            for k, v in pairs:
                if isinstance(v, str) and norm_key(k) in records:
                    yield _Hit("value", listed, v, here)
        for k, v in pairs:
            role = _role(k)
            if role in ("own-key", "example"):
                continue
            if isinstance(v, str):
                inner = _at(here, k, role)
                if _worth_asking(k, v, inner):
                    yield _Hit("value", k, v, inner)
                if inner.command and " " in v.strip():
                    yield _Hit("command", k, v, inner)
            elif isinstance(v, (dict, list)):
                yield from _walk(v, k, _below(here, k, role), budget)
    elif isinstance(obj, list):
        if scope.command and obj and all(isinstance(x, str) for x in obj):
            yield _Hit("argv", key or "", obj, scope)
        for x in obj:
            if isinstance(x, str):
                yield from _item(key or "", x, scope)
            else:
                yield from _walk(x, key, scope.child(None, ollama=scope.ollama), budget)


def _api_response(obj: dict) -> bool:
    """``obj`` has every top-level key of an API response's shape (``object``, ``data``,
    ``model``, ``usage`` of an embeddings reply)."""
    return knowledge().api_response(obj)


def _item(key: str, value: str, scope: _Scope, pos=None, *, alone: bool = True):
    """A string item of a list under ``key``."""
    if scope.env:
        m = _KV.match(value)
        if m:
            yield _Hit("value", m.group(1), m.group(2), scope, pos)
            return
    if _worth_asking(key, value, scope, item=True):
        yield _Hit("value", key, value, scope, pos, item=True)
    elif scope.command and (alone or " " in value.strip()):
        yield _Hit("command", key, value, scope, pos)


def _record_list_key(scope: _Scope, pairs: list[tuple[str, object]]) -> str | None:
    """The plural model-naming key of the list a mapping is an item of (``models: [{id: gpt-4o,
    aliases: [gpt4o]}]``): the record's model is its value under one of the vocabulary's
    ``record_keys`` (id, name, model_id ...), read as the list's key would read it. None when
    the mapping is no such item, or when another of its keys names its model itself (``{name:
    chat, model: org/x}``: the name is a label)."""
    path = scope.path
    if path and path[-1] != "[]":
        # the mapping under a singular model-naming key (a chart's ``model: {name: org/x,
        # ngcAPIKey: ...}``): the record of that one model
        listed = path[-1]
    elif len(path) < 2 or path[-1] != "[]" or not path[-2].endswith("s"):
        return None
    else:
        listed = path[-2]
    if name_role(listed) not in MODEL_ROLES:
        return None
    if any(takes_value(k) for k, _ in pairs):
        return None
    return listed


def _record_model_keys(pairs: list[tuple[str, object]]) -> frozenset[str] | set[str]:
    """The keys (normalised) under which a record of a model list names its model: the
    vocabulary's ``record_keys``, only its id keys when one is there (``{name: "GPT-4 omni",
    key: gpt-4o}``: the name is a label), and only the field that links a Hub repository when
    one does (``{name: phi-2, version: https://huggingface.co/microsoft/phi-2/commit/<sha>}``:
    the record is that repository's, its name the table's own alias for it)."""
    linked = {norm_key(k) for k, v in pairs if isinstance(v, str) and hub_repo_url(v)}
    if linked:
        return linked
    k = knowledge()
    if any(norm_key(key) in k.record_id_keys for key, _ in pairs):
        return k.record_id_keys
    return k.record_keys


def _name_value(pairs: list[tuple[str, object]]) -> tuple[str, str] | None:
    """Kubernetes-style ``{name: MODEL_ID, value: org/name}``."""
    d = {norm_key(k): v for k, v in pairs}
    if isinstance(d.get("name"), str) and isinstance(d.get("value"), str) and len(d) <= 4:
        return d["name"], d["value"]
    return None


def decide(
    key: str,
    value: str,
    ctx: Context,
    scope: _Scope | None = None,
    file: str | None = None,
    item: bool = False,
) -> tuple[Identity, str] | str | None:
    """What the string ``value`` under ``key`` is: (identity, evidence), the reason it is only
    known at run time (a string), or None. A library's configuration key (loader data:
    LiteLLM's ``model_list[].model_name`` is an alias) wins over what the key's name says; a
    sibling that names the source decides a ``repository`` (``{type: huggingface, repository:
    org/lora}``) and keeps a ModelScope id from passing for a Hugging Face one. ``item``: the
    value is a string item of the list under ``key``."""
    scope = scope or _Scope()
    k = knowledge()
    nk = norm_key(key)
    path = _key_path(key, scope, item)
    ck = k.config_key(path, file) if k.ends_config_key(path[-1]) else None
    role = ck.role if ck is not None else _role(key)
    repo_key = nk in _REPO_KEYS
    if role in DECOY_ROLES and not (repo_key and scope.hub is not None):
        return None
    expanded, names = commands.expand_defaults(value)
    by = f": the default of ${names[0]}" if names else ""
    if ck is not None and ck.names_model and not takes_value(key):
        ident = model_value(expanded, ctx, ollama=scope.ollama or ck.id == "ollama")
        return (ident, f"model key {ck.written} ({ck.library}){by}") if ident else None
    if scope.hub == "modelscope" and (role in MODEL_ROLES or repo_key):
        ident = on_modelscope(model_value(expanded, ctx))
        return (ident, f"model key {key} (a ModelScope source){by}") if ident else None
    if scope.hub == "huggingface" and repo_key:
        ident = model_value(expanded, ctx)
        return (ident, f"model key {key} (a Hugging Face source){by}") if ident else None
    listed = _listed_under(nk, scope)
    if listed is not None:  # models: [{id: gpt-4o-mini, type: chat}]: only a model's shape counts
        ident = model_value(expanded, ctx, ollama=scope.ollama)
        found = (ident, f"model key {key} of a record under {listed}{by}") if ident else None
        return _of_provider(found, key, expanded, ctx, scope)
    within = ".".join(p for p in scope.path if p != "[]") or None
    found = commands.assigned(key, value, ctx, what="key", ollama=scope.ollama, within=within)
    if scope.provider is not None and (found is not None or takes_value(key)):
        found = _of_provider(found, key, expanded, ctx, scope)
    if found is not None:
        return found
    if takes_value(key) and ("${" in value or "{{" in value or value.startswith("$")):
        return f"{key}: interpolated at run time"
    return None


# a model id written as a path of name segments (org/name, accounts/x/models/y)
_PATH_SHAPED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._:-]*)+", re.A)


def _of_provider(
    found: tuple[Identity, str] | None, key: str, value: str, ctx: Context, scope: _Scope
) -> tuple[Identity, str] | None:
    """What a value under a model-naming key is in a record that names its hosted provider
    (``{id: qwen/qwen3-32b, provider: groq}``, ``{base_url: https://api.together.xyz/v1,
    llm_model_ids: [...]}``): the provider's model where the value has no other reading of its
    own (an Ollama tag, a path) or reads as a Hub id and the provider serves open weights under
    such names (``context.in_provider_branch``); as it was otherwise."""
    if scope.provider is None or scope.ollama or "$" in value:
        return found
    known = knowledge().providers.get(scope.provider)
    if found is None and known is not None and known.closed_names:
        return None  # every OpenAI model has its shapes: fast-chat there is an alias
    if found is None and _PATH_SHAPED.fullmatch(value.strip()):
        # the provider's own resource path or org/name catalogue id, which nothing else reads
        # (accounts/fireworks/models/zai-org/glm-4p5)
        return named_with_provider(key, value, ctx, scope.provider)
    return in_provider_branch(found, key, value, ctx, scope.provider)


def values_in_data(data: object, ctx: Context) -> Iterator[tuple[str, Identity, str]]:
    """(value as written, identity, evidence) for every reference in a parsed JSON document
    (a request body on a command line)."""
    for hit in _walk(data, None, _Scope(), [MAX_NODES]):
        if hit.kind == "value":
            found = decide(hit.key, hit.value, ctx, hit.scope, item=hit.item)
            if isinstance(found, tuple):
                yield hit.value, found[0], found[1]


def _emit(hits: Iterable[_Hit], ctx: Context, lines: list[str], locate) -> Found:
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    variables = commands.Variables()
    file = ctx.rel.rsplit("/", 1)[-1]
    for hit in hits:
        if hit.kind == "value":
            found = decide(hit.key, hit.value, ctx, hit.scope, file, hit.item)
            if found is None:
                continue
            line, col = hit.pos if hit.pos else locate(hit.value)
            if isinstance(found, str):
                unresolvable.append(
                    Unresolvable(location_at(ctx, lines, line, col), hit.value[:200], found)
                )
                continue
            refs.extend(make_refs(found[0], ctx, lines, line, col, found[1]))
        elif hit.kind == "command":
            value = hit.value
            if not commands.TRIGGER.search(value.encode("utf-8", "replace")):
                continue
            if hit.pos:
                first, last = hit.pos
            else:
                first = locate(value)[0]
                last = first + value.count("\n")
            for logical in commands.logical_lines(value):
                r, u = commands.scan_logical(
                    logical[2], ctx, lines, first, last, variables, assignments=True
                )
                refs.extend(r)
                unresolvable.extend(u)
        elif hit.kind == "argv":
            value = hit.value
            first, last = hit.pos if hit.pos else (locate(value[0])[0], locate(value[-1])[0])
            r, u = commands.refs_from_argv(value, ctx, lines, first, max(first, last), variables)
            refs.extend(r)
            unresolvable.extend(u)
    return refs, unresolvable


def _text_locator(text: str):
    seen: dict[str, int] = {}

    def locate(value: str) -> tuple[int, int]:
        start = seen.get(value, 0)
        idx = text.find(value, start)
        if idx < 0:
            idx = text.find(value)
        if idx < 0:
            return 1, 1
        seen[value] = idx + len(value)
        return line_col(text, idx)

    return locate


# The keys of licaudit's own cache files: validated data files, Hub answers, the scan cache.
_OWN_CACHE_ENTRIES = (
    {"format", "schema", "documents"},
    {"format", "schema", "documents", "digest"},
    {"format", "stored", "id", "revision", "value"},
    {"format", "fingerprint", "root", "scanners", "files", "found"},
)


def _written_by_licaudit(data: object) -> bool:
    """licaudit's own outputs (JSON report, lockfile, SARIF, SPDX, CycloneDX) name the models they
    describe, not models the code uses: a saved report must not count as a reference."""
    if not isinstance(data, dict):
        return False
    if set(data) in _OWN_CACHE_ENTRIES:
        return True  # a licaudit cache folder inside the tree (LICAUDIT_CACHE_DIR)

    def named(tool: object) -> bool:
        return isinstance(tool, dict) and tool.get("name") == "licaudit"

    if (
        named(data.get("tool"))
        or "lockfile_version" in data
        and isinstance(data.get("models"), list)
    ):
        return True
    runs = data.get("runs")
    if isinstance(runs, list) and any(
        isinstance(r, dict) and named((r.get("tool") or {}).get("driver")) for r in runs
    ):
        return True
    creators = (
        (data.get("creationInfo") or {}).get("creators")
        if isinstance(data.get("creationInfo"), dict)
        else None
    )
    if isinstance(creators, list) and any(
        isinstance(c, str) and c.startswith("Tool: licaudit") for c in creators
    ):
        return True
    tools = (
        (data.get("metadata") or {}).get("tools")
        if isinstance(data.get("metadata"), dict)
        else None
    )
    components = tools.get("components") if isinstance(tools, dict) else None
    return isinstance(components, list) and any(named(c) for c in components)


def _parsed(load, text: str):
    """What the shared reader makes of ``text``; a file it refuses (invalid, nested too deeply)
    is a ``ValueError``, so the scan lists it as skipped with the reason."""
    try:
        return load(text, max_depth=MAX_DEPTH)
    except DataFileError as exc:
        raise ValueError(_why(exc)) from exc


def _why(exc: DataFileError) -> str:
    return f"line {exc.line}: {exc.problem}" if exc.line else exc.problem


def scan_json(text: str, ctx: Context) -> Found:
    data = _parsed(load_json, text).data
    if _written_by_licaudit(data):
        return [], []
    lines = text.splitlines()
    refs, unresolvable = _emit(
        _walk(data, None, _Scope(), [MAX_NODES]), ctx, lines, _text_locator(text)
    )
    return _of_package_provider(refs, ctx, lines), unresolvable


def _of_package_provider(refs: list[ModelRef], ctx: Context, lines: list[str]) -> list[ModelRef]:
    """The Hub readings of a JavaScript package's data file (a model list the package's code
    reads) as the models of the hosted provider whose SDK is the package's only model client
    (``packages.package_provider``); a value written as a Hub address stays a Hub id."""
    if not any(r.source == HUGGINGFACE for r in refs):
        return refs
    provider = package_provider(ctx)
    if provider is None:
        return refs
    out = []
    for r in refs:
        line = lines[r.location.line - 1] if 0 < r.location.line <= len(lines) else ""
        if r.source == HUGGINGFACE and not any(w in line for w in HUB_WRITTEN):
            evidence = f"{r.evidence} (the package's only model client is the {provider} SDK)"
            r = dataclasses.replace(r, source=HOSTED, provider=provider, evidence=evidence)
        out.append(r)
    return out


def scan_jsonl(text: str, ctx: Context) -> Found:
    """JSON Lines (``.jsonl``, ``.ndjson``) of API requests: batch files (``{"custom_id": ...,
    "body": {"model": "gpt-4o-mini", "messages": [...]}}``, Anthropic's ``params``) and
    request logs (``{"model": ..., "messages": ...}``); each request is read like a JSON file
    and its references are placed on its line. Lines that are not requests are data (a
    training set's records name models as content, not as what the code calls)."""
    lines = text.splitlines()
    hits: list[_Hit] = []
    budget = [MAX_NODES]
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        request = _request(_parsed(load_json, line).data)
        if request is None:
            continue
        for hit in _walk(request, None, _Scope(), budget):
            at = _in_line(line, hit.value if isinstance(hit.value, str) else hit.value[0])
            pos = (n, n) if hit.kind in ("command", "argv") else (n, at)
            hits.append(dataclasses.replace(hit, pos=pos))
    return _emit(hits, ctx, lines, _text_locator(text))


_REQUEST_KEYS = ("messages", "prompt", "input", "contents")


def _request(doc: object) -> dict | None:
    """The request a JSON Lines record is, or None: a batch line's ``body`` / ``params``, or a
    record with a ``model`` and what is sent to it."""
    if not isinstance(doc, dict):
        return None
    for key in ("body", "params"):
        inner = doc.get(key)
        if isinstance(inner, dict) and "model" in inner:
            return inner
    if "model" in doc and any(k in doc for k in _REQUEST_KEYS):
        return doc
    return None


def _in_line(line: str, value: str) -> int:
    col = line.find(json.dumps(value)[1:-1]) + 1
    return col if col > 0 else 1


def scan_toml(text: str, ctx: Context) -> Found:
    data = _parsed(load_toml, text).data
    return _emit(
        _walk(data, None, _Scope(), [MAX_NODES]), ctx, text.splitlines(), _text_locator(text)
    )


# ---------------------------------------------------------------- YAML, with positions


def _scalar_pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _embedded(key: str, v, scope: _Scope, seen: set[int], budget: list[int]) -> Iterator[_Hit]:
    """A YAML file written as a literal block under a key named after it (a ConfigMap's ``data:
    {config.yaml: |...}``, a Helm value holding a sidecar's configuration), or as the one block
    of a mapping that names the file (``{mount_path: /models_config.yaml, data: |...}``): walked
    as the document it is, below ``key``, its positions those of the outer file. One level deep; a
    block that is no YAML is text."""
    try:
        docs = compose_yaml(v.value, max_depth=MAX_DEPTH)
    except DataFileError:
        return
    shift = v.start_mark.line + 1  # the block's first line follows its indicator's
    inner = scope.child(key, ollama=scope.ollama)
    for doc in docs:
        if doc is None:
            continue
        for hit in _yaml_walk(doc, None, inner, seen, budget, nested=True):
            pos = hit.pos
            if pos is not None:
                pos = (pos[0] + shift, pos[1] if hit.kind == "value" else pos[1] + shift)
            yield dataclasses.replace(hit, pos=pos)


def _yaml_file_named(pairs: list[tuple[str, object]]) -> str | None:
    """The YAML file a mapping writes its literal block to, when one of its values (and only
    one) is such a file's path (a mount's ``{mount_path: /config.yaml, data: |...}``)."""
    named = [
        v
        for _, v in pairs
        if isinstance(v, str) and "\n" not in v and v.strip().lower().endswith(_YAML_NAMES)
    ]
    return named[0] if len(named) == 1 else None


def _yaml_walk(
    node, key, scope: _Scope, seen: set[int], budget: list[int], nested: bool = False
) -> Iterator[_Hit]:
    import yaml  # imported by scan_yaml: JSON, TOML, .env and HCL scans never load it

    if id(node) in seen:  # aliases point at nodes already walked: never expand them
        return
    seen.add(id(node))
    budget[0] -= 1
    if budget[0] < 0:
        return
    if isinstance(node, yaml.MappingNode):
        pairs = [
            (k.value, v.value)
            for k, v in node.value
            if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)
        ]
        ollama, hub, provider = _sibling_context(pairs)
        ollama = ollama or scope.ollama
        nv = _name_value(pairs)
        if nv:
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and norm_key(k.value) == "value":
                    yield _Hit("value", nv[0], nv[1], scope, _scalar_pos(v))
        here = scope.within(ollama, hub, provider)
        blocks = [v for _, v in node.value if isinstance(v, yaml.ScalarNode) and v.style == "|"]
        written_to = _yaml_file_named(pairs) if len(blocks) == 1 else None
        listed = _record_list_key(scope, pairs)
        if listed is not None:
            records = _record_model_keys(pairs)
            for k, v in node.value:
                if (
                    isinstance(k, yaml.ScalarNode)
                    and isinstance(v, yaml.ScalarNode)
                    and norm_key(k.value) in records
                ):
                    yield _Hit("value", listed, v.value, here, _scalar_pos(v))
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                continue
            role = _role(k.value)
            if role in ("own-key", "example"):
                continue
            if isinstance(v, yaml.ScalarNode):
                if (
                    v.tag != "tag:yaml.org,2002:str"
                    and v.style is None
                    and not _is_plain_str(v.value)
                ):
                    continue
                data = _json_in(v)
                if data is not None:  # read as the JSON it holds, not as one string
                    span = (v.start_mark.line + 1, v.end_mark.line + 1)
                    yield _Hit("json", k.value, data, _below(here, k.value, role), span)
                    continue
                inner = _at(here, k.value, role)
                if _worth_asking(k.value, v.value, inner):
                    yield _Hit("value", k.value, v.value, inner, _scalar_pos(v))
                if inner.command and " " in v.value.strip():
                    span = (v.start_mark.line + 1, v.end_mark.line + 1)
                    yield _Hit("command", k.value, v.value, inner, span)
                if (
                    not nested
                    and v.style == "|"
                    and (k.value.lower().endswith(_YAML_NAMES) or written_to is not None)
                ):
                    yield from _embedded(k.value, v, here, seen, budget)
            else:
                yield from _yaml_walk(v, k.value, _below(here, k.value, role), seen, budget, nested)
    elif isinstance(node, yaml.SequenceNode):
        items = node.value
        if scope.command and items and all(isinstance(x, yaml.ScalarNode) for x in items):
            span = (items[0].start_mark.line + 1, items[-1].end_mark.line + 1)
            yield _Hit("argv", key or "", [x.value for x in items], scope, span)
        for x in items:
            if isinstance(x, yaml.ScalarNode):
                pos = _scalar_pos(x)
                for hit in _item(key or "", x.value, scope, pos, alone=len(items) == 1):
                    if hit.kind == "command":
                        hit = dataclasses.replace(
                            hit, pos=(x.start_mark.line + 1, x.end_mark.line + 1)
                        )
                    yield hit
            else:
                yield from _yaml_walk(
                    x,
                    key,
                    scope.child(None, ollama=scope.ollama, command=scope.command),
                    seen,
                    budget,
                    nested,
                )


def _mounts(docs, ctx: Context) -> tuple[tuple[str, str], ...]:
    """The repository folders a compose file mounts into its containers (``volumes:`` entries
    ``./models:/models`` and ``{type: bind, source: ./models, target: /models}``): (container
    folder, folder relative to the root), longest container folder first."""
    import yaml

    found: dict[str, str] = {}
    budget = [MAX_NODES]

    def bind(host: str, container: str) -> None:
        if not host.startswith(".") and "/" not in host:
            return  # a named volume, not a folder of the repository
        if host.startswith(("/", "~", "$")) or not container.startswith("/"):
            return  # a folder of the machine, or a variable
        rel = posixpath.normpath(posixpath.join(ctx.folder, host))
        if not rel.startswith(".."):
            found.setdefault(container.rstrip("/") or "/", rel)

    def walk(node) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            return
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == "volumes":
                    for item in v.value if isinstance(v, yaml.SequenceNode) else ():
                        if isinstance(item, yaml.ScalarNode) and item.value.count(":") in (1, 2):
                            host, container = item.value.split(":")[:2]
                            bind(host, container)
                        elif isinstance(item, yaml.MappingNode):
                            d = {
                                a.value: b.value
                                for a, b in item.value
                                if isinstance(b, yaml.ScalarNode)
                            }
                            if isinstance(d.get("source"), str) and isinstance(
                                d.get("target"), str
                            ):
                                bind(d["source"], d["target"])
                walk(v)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    for doc in docs:
        if doc is not None:
            walk(doc)
    return tuple(sorted(found.items(), key=lambda kv: -len(kv[0])))


def _is_plain_str(value: str) -> bool:
    return "/" in value or ":" in value


def _json_document(text: str) -> dict | list | None:
    """The JSON object or array a string holds (read by the shared reader, within its depth
    bound), else None: text that only looks like JSON is a string."""
    t = text.strip()
    if len(t) < 3 or t[0] + t[-1] not in ("[]", "{}") or '"' not in t:
        return None
    try:
        data = load_json(t, max_depth=MAX_DEPTH).data
    except DataFileError:
        return None
    return data if isinstance(data, (dict, list)) else None


def _json_in(node: yaml.ScalarNode) -> dict | list | None:
    """The JSON document a quoted or block YAML string holds (a Helm or compose value holding
    an app's model list: ``MODELS: >`` then ``[{"id": "org/x"}]``), else None."""
    return _json_document(node.value) if node.style is not None else None


# a JSON string as written on a line: its text between the quotes, escapes kept
_JSON_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def _json_hits(hit: _Hit, lines: list[str], budget: list[int]) -> Iterator[_Hit]:
    """The candidates of the JSON document a YAML string or a ``.env`` value holds, read as a
    JSON file's are, below its key; each value placed where its lines write it as a JSON string
    (a value written twice under the same key: each time in turn), or, inside a one-line
    double-quoted YAML string whose quotes are escaped (``\\"org/x\\"``), where the line writes
    it. Every line is read once, whatever the number of values."""
    first, last = hit.pos
    last = min(last, len(lines))
    places: dict[str, list[tuple[int, int]]] = {}
    for n in range(first, last + 1):
        for m in _JSON_STRING.finditer(lines[n - 1]):
            places.setdefault(m.group(1), []).append((n, m.start() + 2))
    taken: dict[tuple[str, str], int] = {}
    for inner in _walk(hit.value, hit.key, hit.scope, budget):
        if inner.kind != "value":
            yield dataclasses.replace(inner, pos=(first, last))
            continue
        found = places.get(json.dumps(inner.value, ensure_ascii=False)[1:-1])
        if found:
            i = taken.get((inner.key, inner.value), 0)
            taken[inner.key, inner.value] = i + 1
            pos = found[min(i, len(found) - 1)]
        else:
            col = lines[first - 1].find(inner.value) if first == last else -1
            pos = (first, col + 1 if col >= 0 else 1)
        yield dataclasses.replace(inner, pos=pos)


def scan_yaml(text: str, ctx: Context) -> Found:
    lines = text.splitlines()
    try:
        docs = compose_yaml(text, max_depth=MAX_DEPTH)
    except LimitError as exc:
        raise ValueError(_why(exc)) from exc
    except DataFileError as exc:
        if "{{" in text or "{%" in text:  # a template (Helm, Jinja): read it line by line
            return _scan_template_lines(text, ctx)
        raise ValueError(_why(exc)) from exc
    hits: list[_Hit] = []
    seen: set[int] = set()
    budget = [MAX_NODES]
    ctx.mounts = _mounts(docs, ctx)
    for doc in docs:
        if doc is not None:
            for hit in _yaml_walk(doc, None, _Scope(), seen, budget):
                if hit.kind == "json":
                    hits.extend(_json_hits(hit, lines, budget))
                else:
                    hits.append(hit)
    # a line-based pass finds the value's exact column when the mark points at a quote (or
    # the default inside ${VAR:-default})
    fixed = []
    for hit in hits:
        if hit.kind == "value" and hit.pos:
            line = hit.pos[0]
            text_line = lines[line - 1] if 0 < line <= len(lines) else ""
            value = commands.expand_defaults(hit.value)[0]
            col = text_line.find(value) + 1 or text_line.find(hit.value) + 1
            hit = dataclasses.replace(hit, pos=(line, col if col > 0 else hit.pos[1]))
        fixed.append(hit)
    return _emit(fixed, ctx, lines, _text_locator(text))


_TEMPLATE_KV = re.compile(
    r"""^\s*(?:-\s+)?([A-Za-z_][\w.-]*)\s*:\s*(["']?)([^"'#{}\s]+)\2\s*(?:#.*)?$"""
)
_TEMPLATE_ITEM = re.compile(r"""^\s*-\s+(["']?)([^"'#{}]+?)\1\s*(?:#.*)?$""")


def _scan_template_lines(text: str, ctx: Context) -> Found:
    """A templated YAML file (Helm chart, Jinja) that is not YAML until rendered: model keys and
    command lines, line by line; ``args`` lists of single items are joined into one argv."""
    lines = text.splitlines()
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    variables: dict[str, str] = {}
    argv: list[str] = []
    argv_first = 0
    for n, line in enumerate(lines + [""], 1):
        item = _TEMPLATE_ITEM.match(line) if n <= len(lines) else None
        if item and "{{" not in line:
            if not argv:
                argv_first = n
            argv.append(item.group(2))
            continue
        if argv:
            r, u = commands.refs_from_argv(argv, ctx, lines, argv_first, n - 1, variables)
            refs.extend(r)
            unresolvable.extend(u)
            argv = []
        m = _TEMPLATE_KV.match(line) if n <= len(lines) else None
        found = decide(m.group(1), m.group(3), ctx) if m else None
        if isinstance(found, tuple):
            refs.extend(make_refs(found[0], ctx, lines, n, line.find(m.group(3)) + 1, found[1]))
    return refs, unresolvable


# ---------------------------------------------------------------- .env and Terraform/HCL

_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$")


# the most lines a quoted .env value may span (dotenv's multi-line values)
_ENV_VALUE_LINES = 5000


def _env_json(
    lines: list[str], n: int, key: str, value: str, quoted: dict[str, list[int]]
) -> tuple[_Hit | None, int] | None:
    """A quoted value on line ``n`` (1-based) that opens a JSON object or array, closed on that
    line or on a later one (``MODELS=`[`` ... ``]` ``, as dotenv reads a multi-line value): its
    JSON hit below the key (None when it holds no JSON) and its last line; None when the value
    opens none or is never closed. ``quoted``: per quote character, the lines holding it."""
    q = value[:1]
    if q not in ("'", '"', "`") or value[1:].lstrip()[:1] not in ("[", "{"):
        return None
    end = value.find(q, 1)
    if end > 0:
        body, last = value[1:end], n
    else:
        at = quoted.get(q)
        if at is None:
            at = quoted[q] = [i for i, line in enumerate(lines, 1) if q in line]
        i = bisect.bisect_right(at, n)
        if i == len(at) or at[i] - n > _ENV_VALUE_LINES:
            return None
        last = at[i]
        tail = lines[last - 1]
        body = "\n".join([value[1:], *lines[n : last - 1], tail[: tail.find(q)]])
    data = _json_document(body)
    if data is None:
        return None, last
    return _Hit("json", key, data, _below(_Scope(), key, _role(key)), (n, last)), last


def scan_env(text: str, ctx: Context) -> Found:
    lines = text.splitlines()
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    budget = [MAX_NODES]
    quoted: dict[str, list[int]] = {}
    after = 0  # the last line of a multi-line value already read
    for n, line in enumerate(lines, 1):
        if n <= after:
            continue
        m = _ENV_LINE.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2)
        held = _env_json(lines, n, key, value, quoted)
        if held is not None:
            hit, after = held
            if hit is not None:
                r, u = _emit(_json_hits(hit, lines, budget), ctx, lines, _text_locator(text))
                refs.extend(r)
                unresolvable.extend(u)
            continue
        if value[:1] in ("'", '"'):
            q = value[0]
            end = value.find(q, 1)
            value = value[1:end] if end > 0 else value[1:]
        else:
            value = value.split(" #", 1)[0].strip()
        found = commands.assigned(key, value, ctx)
        if found:
            shown = commands.expand_defaults(value)[0]
            col = line.find(shown) + 1 or line.find(value) + 1
            refs.extend(make_refs(found[0], ctx, lines, n, max(col, 1), found[1]))
    return refs, unresolvable


_HCL_ASSIGN = re.compile(
    r"""(?m)^\s*"?([A-Za-z_][A-Za-z0-9_.-]*)"?\s*[=:]\s*"([^"\n]*)"\s*,?\s*(?:#.*|//.*)?$"""
)
_HCL_NAME = re.compile(r"""(?m)^\s*name\s*=\s*"([^"\n]*)"\s*$""")
_HCL_VALUE = re.compile(r"""^\s*value\s*=\s*"([^"\n]*)"\s*$""")
_HCL_LIST = re.compile(r"\[([^\[\]]*)\]", re.S)
_HCL_STR = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def scan_hcl(text: str, ctx: Context) -> Found:
    lines = text.splitlines()
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    variables: dict[str, str] = {}
    for m in _HCL_ASSIGN.finditer(text):
        key, value = m.group(1), m.group(2)
        line = text.count("\n", 0, m.start(2)) + 1
        if _worth_asking(key, value, _Scope()):
            found = decide(key, value, ctx)
            if isinstance(found, tuple):
                refs.extend(
                    make_refs(found[0], ctx, lines, line, lines[line - 1].find(value) + 1, found[1])
                )
        elif _role(key) == "command-key" and commands.TRIGGER.search(value.encode()):
            r, u = commands.scan_logical(value, ctx, lines, line, line, variables)
            refs.extend(r)
            unresolvable.extend(u)
    # env { name = "MODEL_ID"  value = "org/name" }
    for n, line_text in enumerate(lines, 1):
        m = _HCL_NAME.match(line_text)
        if not m or not takes_value(m.group(1)):
            continue
        for k in range(n, min(n + 3, len(lines))):
            mv = _HCL_VALUE.match(lines[k])
            if mv:
                found = decide(m.group(1), mv.group(1), ctx)
                if isinstance(found, tuple):
                    refs.extend(
                        make_refs(
                            found[0], ctx, lines, k + 1, lines[k].find(mv.group(1)) + 1, found[1]
                        )
                    )
                break
    # args = ["--model", "org/name"]
    for m in _HCL_LIST.finditer(text):
        argv = [s.group(1) for s in _HCL_STR.finditer(m.group(1))]
        if len(argv) < 2:
            continue
        first = text.count("\n", 0, m.start()) + 1
        last = text.count("\n", 0, m.end()) + 1
        r, u = commands.refs_from_argv(argv, ctx, lines, first, last, variables)
        refs.extend(r)
        unresolvable.extend(u)
    return refs, unresolvable


def scan_template(text: str, ctx: Context) -> Found:
    """A ``.tpl`` file: a template (Terraform's templatefile, a Helm chart's helpers, a values
    file rendered by a script) of a configuration that is most often YAML. Read as YAML when it
    parses as YAML, else line by line as a templated YAML file is."""
    try:
        compose_yaml(text, max_depth=MAX_DEPTH)
    except LimitError as exc:
        raise ValueError(_why(exc)) from exc
    except DataFileError:
        return _scan_template_lines(text, ctx)
    return scan_yaml(text, ctx)


YAML = FunctionScanner("yaml", TRIGGER, scan_yaml)
TEMPLATE = FunctionScanner("template", TRIGGER, scan_template)
JSON = FunctionScanner("json", TRIGGER, scan_json)
JSONL = FunctionScanner("jsonl", TRIGGER, scan_jsonl)
TOML = FunctionScanner("toml", TRIGGER, scan_toml)
ENV = FunctionScanner("env", TRIGGER, scan_env)
HCL = FunctionScanner("hcl", TRIGGER, scan_hcl)
