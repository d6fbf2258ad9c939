"""One mechanism for context, shared by every language scanner.

A candidate string becomes a reference because of where it sits, not because a list of calls
names it. A scanner finds the string and says what surrounds it — the name it is written under
(a key, keyword, parameter, variable, attribute or flag: ``model_name``, ``self.embedding_model``,
``--model``), the loader argument it is passed as, or the environment variable whose default it
is — and asks ``named`` or ``for_role`` what it is. The answer comes from the loader knowledge
(``discover/loaders/``: which names say model, dataset, hosted model or decoy; value shapes that
are never models; hosted providers and their model-name shapes; LiteLLM-style prefixes), so the
same rules hold for Python, JS/TS, configuration files and command lines.

A value is never a reference when its name is a decoy (``output_dir``, ``hub_model_id``,
``served_model_name``), or when its shape is one (a placeholder such as ``username/model-name``,
a container image, a metric key, a URL that is not a model page). A hosted model
(``gpt-4o``, ``claude-sonnet-4``, ``anthropic/claude-3``) is its own kind (``model.HOSTED``) with
its provider.

A few shapes say what they are wherever they sit (``self_evident``): a Hub file URL
(``https://huggingface.co/org/name/resolve/main/x.gguf``, downloaded by curl or named by a
``MODEL_DOWNLOAD_URL``) and an ``ollama://name:tag`` URI. In a model-taking place a Hub cache
folder (``/data/models--org--name``) names its model too.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import posixpath
import re
from dataclasses import field, replace

from ..cards import ArtifactMetadata
from ..model import DATASET, HOSTED, HUGGINGFACE, LOCAL, MODELSCOPE, OLLAMA, URL
from ..recordtype import dataclass
from .common import LOCAL_COPY_NOTE, Context, dataset_value, norm_key
from .ids import (
    cache_folder_id,
    classify,
    dataset_id,
    has_space,
    hub_id,
    hub_repo_url,
    hub_url,
    ollama_id,
)
from .loaders import MODEL_ROLES, Implied, Mapped, knowledge

# the metadata source of a license a loader name map records for the weights it downloads
NAME_MAP = "name-map"
# roles whose value is never an Ollama library name, even in an Ollama context
_HUB_ONLY_ROLES = frozenset({"tokenizer", "processor", "config"})


@dataclass(frozen=True)
class Identity:
    """What a string in context is: ``id`` and ``source`` as in ``ModelRef``; ``provider`` for a
    hosted model; ``revision`` when the value itself pins one (a Hub file URL); ``metadata``
    what the loader data says about downloaded weights (their license: ``from_map``), carried
    to the reference (not part of the identity); ``implies`` the models the library loads along
    with it, each with the evidence of its own reference (``implied``)."""

    id: str
    source: str
    provider: str | None = None
    revision: str | None = None
    metadata: ArtifactMetadata | None = field(default=None, compare=False, hash=False)
    implies: tuple[tuple[Identity, str], ...] = field(default=(), compare=False, hash=False)
    # what the reference's evidence adds about how the value names the model (``local_copy``)
    note: str = field(default="", compare=False, hash=False)

    @property
    def pair(self) -> tuple[str, str]:
        return self.id, self.source


def _clean(value: str) -> str:
    return value.strip().strip("'\"").strip()


@functools.lru_cache(maxsize=8192)
def never_a_model(value: str) -> bool:
    """True for a value whose shape is never a model reference (placeholder, container image,
    metric key, GitHub action, URL that is not a model page)."""
    return knowledge().value_role(value) is not None


@functools.lru_cache(maxsize=8192)
def hosted(value: str, provider: str | None = None) -> Identity | None:
    """``value`` as a hosted API model: a LiteLLM-style ``provider/model`` prefix, or a model name
    of a known provider's shape (``gpt-4o``, ``claude-3-5-sonnet-latest``); ``provider`` is what
    the context already says (the client, the key name)."""
    value = _clean(value)
    if not value or has_space(value) or "://" in value or len(value) > 200:
        return None
    k = knowledge()
    pre = k.prefix(value)
    if pre is not None and pre[0].kind == "hosted" and pre[1]:
        return _hosted_identity(pre[1], pre[0].provider or provider)
    if pre is not None and pre[0].kind == "depends" and pre[0].provider and pre[1]:
        # openai/gpt-4o, google/gemini-2.5-flash: the provider's own model name after its prefix
        # (openai/whisper-large-v3 and google/gemma-2-9b are Hub repositories)
        by_shape = k.hosted_provider(pre[1])
        if by_shape is not None and by_shape.provider == pre[0].provider:
            return _hosted_identity(pre[1], by_shape.provider)
    shaped = k.hosted_provider(value)
    if shaped is not None:
        return _hosted_identity(value, provider or shaped.provider)
    if ":" in value and "/" not in value:  # LangChain's init_chat_model("openai:gpt-4.1")
        head, _, rest = value.partition(":")
        by_head = k.provider_for_name(head) if head.isidentifier() else None
        by_shape = k.hosted_provider(rest) if rest else None
        if by_head is not None or (by_shape is not None and head.isidentifier()):
            return _hosted_identity(rest, (by_head or by_shape).provider)
    return None


def _hosted_identity(model: str, provider: str | None) -> Identity:
    """A hosted model, without the mode suffix an application added to its name
    (``claude-3.7-sonnet-thinking``: ``claude-3.7-sonnet`` with extended thinking) when the
    provider whose shape the rest has never ends a name so (its ``alias_suffixes``), and
    without the resource path its API writes before the name (``models/gemini-1.5-flash``:
    ``gemini-1.5-flash``, the provider's ``resource_prefixes``)."""
    return Identity(without_alias_suffix(without_resource_prefix(model)), HOSTED, provider)


@functools.lru_cache(maxsize=4096)
def without_resource_prefix(model: str) -> str:
    """``model`` without the resource path (``models/``) of the provider whose model name the
    rest is (its ``resource_prefixes``); any other value as it is."""
    k = knowledge()
    low = model.lower()
    for p in k.providers.values():
        for prefix in p.resource_prefixes:
            if low.startswith(prefix) and len(model) > len(prefix):
                rest = model[len(prefix) :]
                if k.hosted_provider(rest) is p:
                    return rest
    return model


@functools.lru_cache(maxsize=4096)
def without_alias_suffix(model: str) -> str:
    """``model`` without a suffix that its maker's names never end in (``alias_suffixes``)."""
    k = knowledge()
    low = model.lower()
    for p in k.providers.values():
        for suffix in p.alias_suffixes:
            if low.endswith(suffix) and len(model) > len(suffix):
                stem = model[: -len(suffix)]
                if k.hosted_provider(stem) is p:
                    return stem
    return model


def alias_note(written: str, ident: Identity) -> str:
    """What a reference's evidence says when its hosted model was written with an app's mode
    suffix (``anthropic/claude-3.7-sonnet-thinking``), else ""."""
    if ident.source != HOSTED or not written:
        return ""
    value = _clean(written)
    at = value.rfind(ident.id)
    suffix = value[at + len(ident.id) :].lower() if at >= 0 else ""
    if not suffix or not any(suffix in p.alias_suffixes for p in knowledge().providers.values()):
        return ""
    return f" ({suffix}: an application's mode of {ident.id}, not a model name)"


def self_evident(value: str, *, downloads_only: bool = True) -> tuple[Identity, str] | None:
    """(identity, evidence) for a value whose shape alone says it is a model or dataset, wherever
    it is written: a download URL of a Hub file (``.../resolve/<revision>/<file>``, with its
    revision), an ``ollama://name:tag`` or ``hf://org/name`` URI. A page of the Hub
    (``https://huggingface.co/org/x``, ``.../blob/main/README.md``) is a link, not a download:
    it counts only in a model-taking place (``model_value``)."""
    found = _self_evident(_clean(value), downloads_only)
    if found is not None and _placeholder_id(found[0].id):
        return None  # hf://test-repo/test-model: a URI around a stand-in is still a stand-in
    return found


def uri_parameters(value: str, ctx: Context) -> list[tuple[Identity, str]]:
    """(identity, evidence) for each query parameter of a URI whose name says model
    (``pvc://my-pvc?model=qwen2:0.5b``): ``named`` with the parameter's name."""
    value = _clean(value)
    if "://" not in value or "?" not in value or len(value) > 2048:
        return []
    out = []
    for pair in value.split("?", 1)[1].split("#", 1)[0].split("&"):
        key, sep, item = pair.partition("=")
        if sep and item and takes_value(key):
            found = named(key, item, ctx, what="URI parameter")
            if found is not None:
                out.append(found)
    return out


def _placeholder_id(rid: str) -> bool:
    """An id (or an Ollama name without its tag) whose shape is never a model's."""
    return never_a_model(rid) or (":" in rid and never_a_model(rid.rsplit(":", 1)[0]))


def _self_evident(value: str, downloads_only: bool) -> tuple[Identity, str] | None:
    if len(value) > 2048 or has_space(value):
        return None
    low = value.lower()
    if low.startswith(("hf://", "ollama://")):  # the URI's options are not its name
        value = value.split("?", 1)[0].split("#", 1)[0]
    if low.startswith("hf://"):
        return _hf_uri(value[len("hf://") :])
    found = hub_url(value, downloads_only=downloads_only)
    if found is not None:
        source, rid, revision = found
        kind = "dataset" if source == DATASET else "model"
        return Identity(rid, source, revision=revision), f"Hugging Face {kind} file URL"
    if value.lower().startswith("ollama://"):
        oid = ollama_id(value[len("ollama://") :])
        return (Identity(oid, OLLAMA), "ollama:// URI") if oid else None
    if low.startswith(("https://", "http://")):
        url = download_url(value)
        if url is not None:
            host, _, rest = url.split("://", 1)[1].partition("/")
            what = "weights file" if _weights_name(rest) is not None else "model archive"
            return Identity(url, URL), f"{what} downloaded from {host}"
    return None


# hosts whose URLs are never a publisher's download: the machine itself, documentation examples
_NO_PUBLISHER = re.compile(
    r"^(localhost|127\.[0-9.]+|0\.0\.0\.0|\[::1\]|(?:[^/]+\.)?example\.(?:com|org|net))$", re.I
)


def download_url(value: str) -> str | None:
    """The identity of weights downloaded from a URL that is no model hub's
    (``https://github.com/org/repo/releases/download/v1/x.pth``): the URL without its query and
    fragment, when its file is a weights file; None for a Hugging Face URL (that names a Hub
    repository), a template or placeholder, or a host that is no publisher."""
    url = value.strip().split("#", 1)[0].split("?", 1)[0]
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https") or any(c in url for c in "{}<>$*[]\\"):
        return None
    host = rest.split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0].lower()
    if "/" not in rest or "." not in host and not host.startswith("["):
        return None
    if host in ("hf.co", "huggingface.co") or host.endswith((".hf.co", ".huggingface.co")):
        return None
    if _NO_PUBLISHER.match(host) or (_weights_name(rest) is None and not _model_archive(rest)):
        return None
    return url


_WORD_SPLIT = re.compile(r"[^a-z0-9]+")


def _model_archive(path: str) -> bool:
    """Whether the file of ``path`` is an archive whose name says it holds a model
    (``vosk-model-small-en-us-0.15.zip``; the vocabulary's ``model_archives``)."""
    k = knowledge()
    name = path.rstrip("/").rsplit("/", 1)[-1].lower()
    for ext in k.model_archive_extensions:
        if name.endswith("." + ext) and len(name) > len(ext) + 1:
            stem = name[: -len(ext) - 1]
            return any(w in k.model_archive_words for w in _WORD_SPLIT.split(stem))
    return False


def _weights_name(path: str) -> str | None:
    """The file name of ``path`` when it names a weights file (``sam_vit_h_4b8939.pth``)."""
    name = path.rstrip("/").rsplit("/", 1)[-1]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not ext or ext not in knowledge().weight_extensions or name.startswith("."):
        return None
    if any(c in name for c in "*?[]{}$<>"):  # a pattern or a template, not one file
        return None
    return name


def mapped(
    ref: str, value: str, ctx: Context, *, tag: str | None = None
) -> tuple[Identity, ArtifactMetadata | None, str] | None:
    """(identity, metadata, note) for what a library's name map (``ref``: ``library:id``) makes
    of ``value`` (``from_map``); a path the map does not know is the weights file it names
    (``yolo predict model=/app/models/yolov8n.pt``); None for a name the map knows as no
    reference (a config that builds an untrained model) or a bare name it does not know."""
    value = _clean(value)
    m = knowledge().map_name(ref, value, tag=tag)
    if m is not None:
        return None if m.not_a_reference else from_map(m, ctx)
    if "/" in value:
        ident = weights_file(value, ctx)
        return (ident, None, "") if ident is not None else None
    return None


def map_ref(library: str, ref: str | None) -> str | None:
    """A loader's name map as ``library:id`` (a map of another library is written so already)."""
    return None if ref is None else (ref if ":" in ref else f"{library}:{ref}")


def map_value(
    ref: str | None, value: str, ctx: Context, *, tag: str | None = None
) -> tuple[Identity, ArtifactMetadata | None, str] | None:
    """(identity, metadata, note) for a value in a ``mapped`` place (a loader whose names a
    library's name map ``ref`` gives): the map's answer (None for a name it knows as no
    reference); a name the map does not know is a Hub id, a bare one only when it is a legacy
    Hub id (``bert-base-uncased``)."""
    if ref:
        m = knowledge().map_name(ref, value, tag=tag)
        if m is not None:
            return None if m.not_a_reference else from_map(m, ctx)
    place = "hub-bare" if value.lower() in knowledge().legacy_hub_ids else "hub"
    got = loader_value(value, ctx, place)
    return (got, None, "") if got is not None and got.source == HUGGINGFACE else None


def implied(items: tuple[Implied, ...], ctx: Context) -> tuple[tuple[Identity, str], ...]:
    """The models a library loads along with another (loader data ``implies``), as (identity,
    evidence) pairs: a Hub id, or a weights file the library ships, with the license the data
    records as its metadata."""
    out = []
    legacy = knowledge().legacy_hub_ids
    for i in items:
        if i.hub_id:
            # org/name, or a legacy id with no organization (bert-base-uncased) as written
            hid = hub_id(i.hub_id) or (i.hub_id if i.hub_id.lower() in legacy else None)
            if hid is None:
                continue
            ident = Identity(hid, HUGGINGFACE)
        else:
            metadata = None
            if i.license:
                metadata = ArtifactMetadata(
                    NAME_MAP, ctx.rel, license=i.license, organization=i.licensor
                )
            if i.registry and i.registry_id:  # a model of the same registry
                ident = Identity(i.registry_id, i.registry, metadata=metadata)
            else:
                ident = Identity(i.file, LOCAL, metadata=metadata)
        out.append((ident, f"implicit: {i.note}"))
    return tuple(out)


def with_implied(ident: Identity, items: tuple[Implied, ...], ctx: Context) -> Identity:
    """``ident`` carrying the models ``items`` say the library loads along with it."""
    return replace(ident, implies=ident.implies + implied(items, ctx)) if items else ident


def with_metadata(found: tuple[Identity, ArtifactMetadata | None, str]) -> Identity:
    """The identity of a ``mapped`` / ``from_map`` / ``mapped_by_name`` answer, carrying its
    metadata to the reference."""
    ident, metadata, _ = found
    return ident if metadata is None else replace(ident, metadata=metadata)


def from_map(m: Mapped, ctx: Context) -> tuple[Identity, ArtifactMetadata | None, str] | None:
    """A name map's answer (``Mapped``): a Hub id (its own, or the one another map of the
    library gives, where the publisher hosts the weights on the Hub), else the downloaded
    weights as a local artifact named by their file, with the license the map records as the
    artifact's metadata (source ``NAME_MAP``); ``note`` says where the identity came from."""
    found = _from_map(m, ctx)
    if found is None or not m.implies:
        return found
    return with_implied(found[0], m.implies, ctx), found[1], found[2]


def _from_map(m: Mapped, ctx: Context) -> tuple[Identity, ArtifactMetadata | None, str] | None:
    k = knowledge()
    if m.hosted_id:  # an SDK's enumeration member: the hosted API model it stands for
        return Identity(m.hosted_id, HOSTED, m.provider), None, ""
    if m.url:  # fastText's cc.en.300.bin.gz: the file the library downloads from that URL
        meta = None
        if m.license:
            meta = ArtifactMetadata(NAME_MAP, ctx.rel, license=m.license, organization=m.licensor)
        return (
            Identity(m.url, URL),
            meta,
            f" ({m.url.rsplit('/', 1)[-1]}, downloaded from {_download_host(m.url)})",
        )
    if m.registry and m.registry_id:  # a model of a registry that is no model hub
        return registry_model(m, ctx)
    if m.hub_id:  # a legacy id with no organization (bert-base-uncased) as the map writes it
        hid = model_value(m.hub_id, ctx, bare=m.hub_id.lower() in k.legacy_hub_ids)
        return (hid, None, "") if hid is not None and hid.source == HUGGINGFACE else None
    library = m.name_map.split(":", 1)[0]
    for map_id in k.libraries[library].name_maps:
        other = f"{library}:{map_id}"
        if other == m.name_map:
            continue
        again = k.map_name(other, m.value)
        if again is not None and again.hub_id:
            hid = model_value(again.hub_id, ctx)
            if hid is not None and hid.source == HUGGINGFACE:
                return hid, None, f" ({library} publishes {m.value} on the Hub)"
    if not (m.weights or m.license or m.file):
        return None
    name = m.file or m.value
    if not m.file and m.weights and not m.weights.endswith("/") and "{" not in m.weights:
        name = m.weights.rsplit("/", 1)[-1]
    metadata = None
    if m.license:
        metadata = ArtifactMetadata(NAME_MAP, ctx.rel, license=m.license, organization=m.licensor)
    where = f" ({library} weights {name}"
    where += f", downloaded from {_download_host(m.weights)})" if m.weights else ")"
    if m.note and not m.weights:
        where = f"{where[:-1]}: {m.note})"
    return Identity(name, LOCAL), metadata, where


def registry_model(m: Mapped, ctx: Context) -> tuple[Identity, ArtifactMetadata | None, str]:
    """A name map's answer that is a model of a registry (``LoaderKnowledge.registries``): its identity
    there, with the license the map records (with its licensor) as the reference's metadata."""
    metadata = None
    if m.license:
        metadata = ArtifactMetadata(NAME_MAP, ctx.rel, license=m.license, organization=m.licensor)
    library = m.name_map.split(":", 1)[0]
    reg = knowledge().registries.get(m.registry)
    where = f" ({library}: {reg.what if reg else m.registry + ' model'}"
    where += f", downloaded from {_download_host(m.weights)})" if m.weights else ")"
    return Identity(m.registry_id, m.registry, metadata=metadata), metadata, where


def registry_member(value: str, ctx: Context) -> Identity | None:
    """A registry model named exactly as the registry's module names it
    (``WAV2VEC2_ASR_BASE_960H``, a member of ``torchaudio.pipelines``): that model wherever a
    model goes, never a Hub id (``LoaderKnowledge.registry_member``)."""
    m = knowledge().registry_member(value)
    if m is None or not m.registry_id:
        return None
    return with_metadata(registry_model(m, ctx))


# the files, in each folder from the scanned file's up to the root, whose package pins say which
# release of a library the repository runs (requirement files, project metadata, an image's
# pip install)
_PIN_FILES = ("requirements.txt", "pyproject.toml", "setup.cfg", "Dockerfile")
_PIN_LIMIT = 1 << 20
_PIN = re.compile(
    r"(?<![A-Za-z0-9_.-])(?P<name>[A-Za-z0-9][A-Za-z0-9_.-]*)\s*(?:\[[^\]\n]*\])?\s*"
    r"(?:(?:>=|>|!=)\s*[0-9][0-9.]*\s*,\s*)*(?P<op>==|<=|<(?!=))\s*(?P<version>[0-9]+(?:\.[0-9]+){0,2})(?![0-9.]*[A-Za-z*])"
)


# lock files beside them: the release a resolver chose for the project, which is what runs
# whatever range the requirements allow (uv, Poetry and PDM write TOML [[package]] tables,
# pipenv JSON)
# a notebook cell's install command (the line as the notebook's JSON stores it)
_PIP_INSTALL = re.compile(r'[!%]\s*(?:uv\s+)?pip3?\s+install\b(?:[^\n"\\]|\\[^n])*')
_LOCK_FILES = ("uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock")
_LOCK_LIMIT = 32 << 20
_LOCKED = re.compile(
    r'^\[\[package\]\]\s*\nname\s*=\s*"(?P<name>[^"\n]+)"\s*\n'
    r'version\s*=\s*"(?P<version>[0-9]+(?:\.[0-9]+){0,2})"',
    re.M,
)


def _norm_package(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked_version(ctx: Context, rel: str, wanted: set[str]) -> str | None:
    """The release of one of ``wanted`` (normalized names) the lock file ``rel`` resolved, else
    None."""
    state, data = ctx.tree_file(rel, _LOCK_LIMIT)
    if data is None:
        return None
    locked = _LOCKED_BY_STATE.get(state)
    if locked is None:
        locked = _LOCKED_BY_STATE[state] = _locked_versions(rel, data)
    for name in sorted(wanted):
        if name in locked:
            return locked[name]
    return None


# what each lock file resolved, by its file_state (its content digest)
_LOCKED_BY_STATE: dict[str, dict[str, str]] = {}


def _locked_versions(rel: str, data: bytes) -> dict[str, str]:
    text = data.decode("utf-8", "replace")
    out: dict[str, str] = {}
    if rel.endswith("Pipfile.lock"):
        from ..datafile import DataFileError, load_json  # bounded: depth, brackets

        try:
            doc = load_json(text, rel).data
        except DataFileError:
            return {}
        if not isinstance(doc, dict):
            return {}
        for section in ("default", "develop"):
            entries = doc.get(section)
            for name, entry in entries.items() if isinstance(entries, dict) else ():
                version = entry.get("version", "") if isinstance(entry, dict) else ""
                m = isinstance(version, str) and re.fullmatch(
                    r"==([0-9]+(?:\.[0-9]+){0,2})", version
                )
                if m:
                    out.setdefault(_norm_package(name), m.group(1))
        return out
    for m in _LOCKED.finditer(text):
        out.setdefault(_norm_package(m.group("name")), m.group("version"))
    return out


def declared_version(ctx: Context, packages: tuple[str, ...]) -> tuple[str, str, str] | None:
    """(operator, version, file) of the nearest pin of one of ``packages`` (``docling<=2.5.2``,
    ``smolagents==1.9.0``, ``x<2``: an upper bound or an exact release) in the lock files and
    requirement files of the scanned file's folder and each folder above it up to the root
    (``_LOCK_FILES``, whose resolved release is an exact pin, then ``_PIN_FILES``; the first
    that pins one of them wins), a notebook's own ``!pip install`` lines first; None when none
    does. A lower bound alone (``>=``) says nothing of the release that runs. The files are
    read through the context (``Context.tree_file``), so the scan cache keeps the answer until
    one of them changes."""
    wanted = {_norm_package(p) for p in packages}
    if ctx.rel.endswith(".ipynb"):
        # a notebook installs what it runs: its own %pip / !pip install line pins first
        text = _pin_text(ctx, ctx.rel) or ""
        for line in _PIP_INSTALL.findall(text):
            for m in _PIN.finditer(line):
                if _norm_package(m.group("name")) in wanted:
                    return m.group("op"), m.group("version"), ctx.rel
    folder = ctx.folder
    while True:
        for name in _LOCK_FILES:
            rel = f"{folder}/{name}" if folder else name
            version = _locked_version(ctx, rel, wanted)
            if version is not None:
                return "==", version, rel
        for name in _PIN_FILES:
            rel = f"{folder}/{name}" if folder else name
            text = _pin_text(ctx, rel)
            if text is None:
                continue
            for m in _PIN.finditer(text):
                if _norm_package(m.group("name")) in wanted:
                    return m.group("op"), m.group("version"), rel
        if not folder:
            return None
        folder = os.path.dirname(folder)


def _pin_text(ctx: Context, rel: str) -> str | None:
    data = ctx.tree_file(rel, _PIN_LIMIT)[1]
    return None if data is None else data.decode("utf-8", "replace")


def mapped_by_name(
    name: str, value: str, ctx: Context, *, within: str | None = None
) -> tuple[Identity, ArtifactMetadata | None, str] | None:
    """A value a library's name map knows, under a name that names the library
    (``SPACY_MODEL=en_core_web_sm``, ``spacy_model = "..."``) or in a shape only that library
    uses (an Ultralytics checkpoint name): (identity, metadata, note) as ``from_map``.
    ``within``: the section or class holding the setting (``whisper:`` / ``class WhisperParams``
    around ``model_size``), which may name the library instead."""
    found = mapped_by_names(name, value, ctx, within=within)
    return found[0] if found else None


def mapped_by_names(
    name: str,
    value: str,
    ctx: Context,
    *,
    within: str | None = None,
    imported: frozenset[str] | None = None,
) -> list[tuple[Identity, ArtifactMetadata | None, str]]:
    """Every library's answer ``mapped_by_name`` could give: a setting named after a family of
    libraries (``WHISPER_MODEL = "tiny"``: openai-whisper's ``tiny.pt``, faster-whisper's
    ``Systran/faster-whisper-tiny``) is what each of them makes of it, unless the file imports
    (``imported``: top-level module names) some of them: then theirs only."""
    k = knowledge()
    words = _name_words(name) + (_name_words(within) if within else ())
    out: list[tuple[Identity, ArtifactMetadata | None, str]] = []
    libs: list = []
    for lib, ref, pattern in _distinctive_maps(k):
        if any(lib is x for x in libs):
            continue
        if pattern is None:
            hinted = any(_hinted(h, words) for h in _hints(lib))
            if not hinted:
                continue
        elif not pattern.fullmatch(value):
            continue
        m = k.map_name(ref, value)
        if m is None or m.not_a_reference:
            continue
        found = from_map(m, ctx)
        if found is not None and all(found[0].pair != f[0].pair for f in out):
            out.append((found[0], found[1], f" ({lib.name} {m.name_map.split(':')[1]})"))
            libs.append(lib)
    if imported and len(libs) > 1:
        mine = [
            f
            for f, lib in zip(out, libs, strict=True)
            if any(i.split(".")[0] in imported for i in lib.imports)
        ]
        out = mine or out
    return out


@functools.lru_cache(maxsize=1024)
def family_maps(text: str) -> tuple[str, ...]:
    """The name tables (``library:id`` refs of ``kind: table`` maps) of the libraries whose name
    a template's fixed text speaks of (``openai/whisper-`` and ``distil-whisper/``: the whisper
    libraries' size tables): the finite set of names a placeholder there may take."""
    k = knowledge()
    norm = norm_key(text)
    out: list[str] = []
    for lib, ref, pattern in _distinctive_maps(k):
        if pattern is not None or ref in out:
            continue
        if k._name_map(ref).get("kind") != "table":
            continue
        if any(h in norm for h in _hints(lib)):
            out.append(ref)
    return tuple(out)


_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


@functools.lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    """The words of a name, lower-case: ``offline_model`` and ``offlineModel`` -> offline,
    model; ``WHISPER_MODEL`` -> whisper, model."""
    return tuple(w.lower() for w in _WORD.findall(name))


def _hinted(hint: str, words: tuple[str, ...]) -> bool:
    """``hint`` (a library's name, as ``norm_key`` writes it) starts at one of the name's words:
    ``faster_whisper_model`` and ``spacymodel`` name theirs, ``offline_model`` does not name
    NeMo (the letters inside ``offline``)."""
    return any("".join(words[i:]).startswith(hint) for i in range(len(words)))


def _hints(lib) -> tuple[str, ...]:
    """The words that, in a setting's name, say it configures ``lib`` (those of four letters
    or more: a shorter one is in too many names), computed once per library object."""
    got = _HINTS.get(id(lib))
    if got is None or got[0] is not lib:
        words = (
            norm_key(lib.name),
            *(norm_key(i) for i in lib.imports),
            *(norm_key(w) for w in lib.setting_words),
        )
        got = _HINTS[id(lib)] = (lib, tuple(h for h in words if len(h) >= 4))
    return got[1]


_HINTS: dict[int, tuple[object, tuple[str, ...]]] = {}  # id(library) -> (library, its hints)


def _per_knowledge(build):
    """``build(knowledge)`` computed once per loader knowledge object (the object is kept with
    its answer, so its id is never reused for another)."""
    cache: dict[int, tuple[object, list]] = {}

    @functools.wraps(build)
    def get(k) -> list:
        got = cache.get(id(k))
        if got is None or got[0] is not k:
            got = cache[id(k)] = (k, build(k))
        return got[1]

    return get


@_per_knowledge
def _distinctive_maps(k) -> list:
    """(library, map ref, pattern) for every name map: pattern None for a map only a name that
    names the library reads; a compiled pattern for an entry shape no other library uses
    (literal letters in it: ``yolov8[nsmlx]...``, not ``[a-z0-9_]+``)."""
    got = []
    for lib in k.libraries.values():
        if lib.ecosystem not in ("python", "cli"):
            continue
        for map_id, m in lib.name_maps.items():
            ref = f"{lib.name}:{map_id}"
            got.append((lib, ref, None))
            for e in m.get("entries", ()):
                pattern = e.get("pattern")
                if pattern and not e.get("not_a_reference") and _distinctive(pattern):
                    flags = re.I if m.get("case_insensitive") else 0
                    got.append((lib, ref, re.compile(pattern, flags)))
    return got


def _distinctive(pattern: str) -> bool:
    pattern = re.sub(r"^\(\?P<\w+>", "", pattern)  # a named group around the whole name
    plain = re.sub(r"\[[^\]]*\]|\\.|\{[^}]*\}", "", pattern)
    return re.search(r"[A-Za-z]{3}", plain) is not None and not plain.startswith((".", "("))


def _download_host(url: str) -> str:
    """Where downloaded weights come from: the host and the first two parts of the path."""
    parts = url.split("://", 1)[-1].split("{", 1)[0].split("/")
    return "/".join(p for p in parts[:3] if p)


def weights_file(value: str, ctx: Context) -> Identity | None:
    """A weights file named where a model goes (``--model ./models/x.gguf``,
    ``SAM_CHECKPOINT=/app/models/sam_vit_h.pth``): a local artifact. A relative path is the
    repository file it names (relative to the root when the repository holds it there or the
    path starts at a folder of the root, as written in a package's module, else to the scanned
    file's folder: a script or notebook reads its own folder's files; the file may be
    downloaded there at run time); an absolute path under a compose mount is the mounted
    repository file; a bare file name, and any other absolute path (a container's or a
    machine's folder), is named by its file name."""
    value = _clean(value)
    if not value or "://" in value or has_space(value):
        return None
    name = _weights_name(value)
    if name is None:
        return None
    if value.startswith("/"):
        for container, host in ctx.mounts:
            if value == container or value.startswith(container.rstrip("/") + "/"):
                rel = posixpath.normpath(host + "/" + value[len(container) :].lstrip("/"))
                if not rel.startswith(".."):
                    return Identity(rel, LOCAL)
    if value.startswith(("/", "~", "\\")) or ":" in value:
        return Identity(name, LOCAL)
    rel = posixpath.normpath(value)
    if not rel.startswith("..") and os.path.exists(os.path.join(ctx.root, rel)):
        return Identity(rel, LOCAL)
    if "/" not in value:  # a bare file name: the folder it is read from is not written here
        return Identity(name, LOCAL)
    if not rel.startswith("..") and ctx.folder and _read_from_working_folder(rel, ctx):
        return Identity(rel, LOCAL)
    here = posixpath.normpath(posixpath.join(ctx.folder, value))
    return Identity(name if here.startswith("..") else here, LOCAL)


def _read_from_working_folder(rel: str, ctx: Context) -> bool:
    """A relative path the file reads from the working folder, not its own: one that starts at
    a folder of the root the file's folder does not hold (``pkg/data/x.pb`` in
    ``examples/run.py``), or any path in a module of a package (its folder holds an
    ``__init__.py``: it is imported, not run from its folder)."""
    root = os.fspath(ctx.root)
    first = rel.split("/", 1)[0]
    try:
        if os.path.isdir(os.path.join(root, first)) and not os.path.exists(
            os.path.join(root, ctx.folder, first)
        ):
            return True
        return os.path.isfile(os.path.join(root, ctx.folder, "__init__.py"))
    except (OSError, ValueError):
        return False


def local_folder(value: str, ctx: Context) -> Identity | None:
    """A folder of weights named where only a local folder goes (a converter's ``--torch-path``,
    often filled by downloading the original checkpoint there): the local artifact, named as a
    weights file is (``weights_file``), whether or not the folder exists yet."""
    value = _clean(value).rstrip("/")
    if (
        not value
        or "://" in value
        or has_space(value)
        or never_a_model(value)
        or value in (".", "..", "~")
    ):
        return None
    name = value.rsplit("/", 1)[-1]
    if value.startswith(("/", "~", "\\")) or ":" in value:
        return Identity(name, LOCAL)
    rel = posixpath.normpath(value)
    if rel.startswith(".."):
        return Identity(name, LOCAL)
    if os.path.exists(os.path.join(ctx.root, rel)) or "/" not in rel:
        return Identity(rel, LOCAL)
    here = posixpath.normpath(posixpath.join(ctx.folder, rel))
    return Identity(name if here.startswith("..") else here, LOCAL)


def _hf_uri(rest: str) -> tuple[Identity, str] | None:
    """``hf://org/name[@revision][/path]`` (huggingface_hub's file system, KServe's
    storageUri) and ``hf://datasets/org/name``; spaces are apps."""
    kind, _, tail = rest.partition("/")
    if kind.lower() == "spaces":
        return None
    dataset = kind.lower() == "datasets"
    parts = (tail if dataset else rest).split("/")
    if len(parts) < 2:
        return None
    name, _, revision = parts[1].partition("@")
    rid = f"{parts[0]}/{name}"
    if dataset:
        return (
            (Identity(rid, DATASET, revision=revision or None), "hf:// URI")
            if dataset_id(rid)
            else None
        )
    hid = hub_id(rid)
    return (Identity(hid, HUGGINGFACE, revision=revision or None), "hf:// URI") if hid else None


_PROVIDER_HEAD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def _through_prefix_map(p, rest: str, ctx: Context) -> Identity | None:
    """A bare name after a prefix that hands it to a library with names of its own
    (``sentence-transformers:all-MiniLM-L6-v2``): what that library's map makes of it."""
    if p.name_map is None:
        return None
    m = knowledge().map_name(p.name_map, rest)
    if m is None or m.not_a_reference:
        return None
    found = from_map(m, ctx)
    return found[0] if found is not None else None


def model_value(
    value: str,
    ctx: Context,
    *,
    ollama: bool = False,
    bare: bool = False,
    provider: str | None = None,
    hub: bool = False,
) -> Identity | None:
    """What a value in a model-taking place is: a hosted model, a Hub id (``org/name``; a bare
    ``gpt2`` only where ``bare`` says the place takes nothing but Hub ids), an Ollama
    ``name:tag`` (any name where ``ollama`` says the place is an Ollama one), or nothing.
    ``hub``: the place takes Hub repositories only (``from_pretrained``), so an ``org/name``
    whose organization is also a hosted API's provider prefix (``databricks/dolly-v2-3b``) is
    that Hub repository, not the provider's model. Existing local paths and decoy shapes are
    nothing."""
    value = _clean(value)
    if not value or (never_a_model(value) and copied_id(value) is None and not _fetched(value)):
        return None
    member = registry_member(value, ctx)
    if member is not None:
        return member
    evident = self_evident(value, downloads_only=False)
    if evident is not None:
        return evident[0] if evident[0].source != DATASET else None
    cached = cache_folder_id(value)
    if cached is not None:  # a Hub cache folder (models--org--name) is that model
        return Identity(cached, HUGGINGFACE)
    cloned = hub_repo_url(value)
    if cloned is not None:  # MODEL_PATH: git:https://huggingface.co/org/x, a clone of it
        return Identity(cloned, HUGGINGFACE)
    if hub and value.count("/") == 1 and hub_id(value) is None and hosted(value) is not None:
        hid = hub_id(value, hub=True)
        own_name = hid is not None and knowledge().hosted_provider(hid.split("/", 1)[1])
        if hid is not None and not own_name and not ctx.is_local_path(value):
            # (anthropic/claude-3-opus, the API's own model name, is no Hub repository)
            return Identity(hid, HUGGINGFACE)
    pre = knowledge().prefix(value)
    if pre is not None and pre[0].kind in ("ollama", "hub") and pre[1]:
        # ollama/llama3, ollama:llama3.1 (LangChain), huggingface/org/x, hf-hub:org/x
        mapped = _through_prefix_map(pre[0], pre[1], ctx)
        if mapped is not None:
            return mapped
        found = classify(value) or classify(pre[1], ollama=pre[0].kind == "ollama")
        if found is None or (not _ollama_name(found, pre[1]) and ctx.is_local_path(pre[1])):
            return None
        return Identity(*found)
    if pre is not None and pre[0].kind == "local-server" and pre[1].count("/") == 1:
        # hosted_vllm/Qwen/Qwen3-32B: LiteLLM's route to a local OpenAI-compatible server, which
        # answers to the Hub id it loaded (vLLM's served name defaults to it): that Hub model
        hid = hub_id(pre[1])
        if hid is not None and not never_a_model(pre[1]) and not ctx.is_local_path(pre[1]):
            return Identity(hid, HUGGINGFACE, note=f" (through {pre[0].prefix}, a local server)")
    if not ollama:
        h = hosted(value, provider)
        if h is not None:
            return h
    found = classify(value, ollama=ollama, bare=bare)
    if found is None and not ollama:
        copy = local_copy(value, ctx)
        if copy is not None:
            return copy
    if found is None and not ollama and ":" in value and "/" not in value and "://" not in value:
        oid = ollama_id(value)
        if oid and not value.split(":", 1)[1].isdigit():
            found = (oid, OLLAMA)
    if found is None and ollama:
        h = hosted(value, provider)
        if h is not None:
            return h
    if found is None:
        return None
    if not (ollama and _ollama_name(found, value)) and ctx.is_local_path(value):
        return None
    if found[1] == HUGGINGFACE and ctx.is_local_path(found[0]):
        return None
    return Identity(*found)


def _ollama_name(found: tuple[str, str], value: str) -> bool:
    """An Ollama library name (``mistral``, ``llama3:8b``) where the context takes Ollama models:
    a folder of the repository that happens to have the name (a ``mistral/`` folder of
    examples) does not make it a path: Ollama takes names, never paths."""
    return found[1] == OLLAMA and "/" not in value and not value.startswith(".")


# the folders the file being scanned downloads Hub models into (``hf download org/name
# --local-dir DIR``, also in a comment telling the reader to run it): folder as written -> id
_DOWNLOADED: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "downloaded_dirs", default=None
)


def _dir_key(value: str) -> str:
    return _BRACED_VAR.sub(r"$\1", _clean(value).strip("'\"")).rstrip("/")


@contextlib.contextmanager
def downloaded_dirs(pairs: dict[str, str]):
    """While a file is scanned: the folders its download commands put Hub models in."""
    token = _DOWNLOADED.set({_dir_key(d): hid for d, hid in pairs.items()} or None)
    try:
        yield
    finally:
        _DOWNLOADED.reset(token)


def _fetched(value: str) -> bool:
    return _DOWNLOADED.get() is not None and downloaded_id(value) is not None


def downloaded_id(value: str) -> str | None:
    """The Hub id a download command of the file being scanned puts into the folder ``value``
    (``hf download Skywork/X --local-dir $HOME/models/X`` ... ``model.path=$HOME/models/X``)."""
    dirs = _DOWNLOADED.get()
    return dirs.get(_dir_key(value)) if dirs else None


def local_copy(value: str, ctx: Context) -> Identity | None:
    """The Hub model a local copy of it is named after: a path (``~/models/Qwen/Qwen2-VL-2B``,
    ``$HOME/models/org/name``, ``/data/models/org/name``) whose last two parts are a Hub id
    under a folder that holds models (the vocabulary's ``model_folders``), as downloading
    ``org/name`` into ``<models folder>/org/name`` leaves it. A folder the repository holds is
    its own artifact, and a path of any other shape (a single name, an output folder) no copy."""
    value = _clean(value).rstrip("/")
    fetched = downloaded_id(value)
    if fetched is not None and not ctx.is_local_path(value):
        note = f"{LOCAL_COPY_NOTE}{value}, where the file's download command puts it)"
        return Identity(fetched, HUGGINGFACE, note=note)
    hid = copied_id(value)
    if hid is None or ctx.is_local_path(value):
        return None
    return Identity(hid, HUGGINGFACE, note=f"{LOCAL_COPY_NOTE}{value}, named after the Hub model)")


# how a local copy's evidence begins (``local_copy``)


@functools.lru_cache(maxsize=4096)
def copied_id(value: str) -> str | None:
    """The Hub id ``org/name`` a path of a local copy ends in (``local_copy``), whatever comes
    before its models folder (``$HOME``, ``${DATA_ROOT}``: set at run time), or the copy a
    weights file in it belongs to, else None."""
    value = _clean(value).rstrip("/")
    if not value or "://" in value or "\\" in value or has_space(value):
        return None
    parts = value.split("/")
    if len(parts) >= 4 and norm_key(parts[-4]) in knowledge().model_folders:
        ext = parts[-1].rsplit(".", 1)[-1].lower() if "." in parts[-1] else ""
        if ext in knowledge().file_extensions:
            # a file of the copy (<models folder>/org/name/mm_projector.bin): its repository
            parts = parts[:-1]
            value = "/".join(parts)
    if len(parts) >= 3 and norm_key(parts[-3]) not in knowledge().model_folders:
        return _named_copy(value, parts)
    if len(parts) < 3:
        return None
    if norm_key(parts[-2]) in knowledge().cache_folders:
        return None  # ~/.cache/huggingface/datasets/x: a cache's own folder, no organization
    # a folder of the file system: absolute, under the home or a variable, relative to "."
    # or the models folder itself; an API's resource path (accounts/x/models/org/name) is none
    if not (value.startswith(("/", "~", "$", "./", "../")) or len(parts) == 3):
        return None
    hid = hub_id(f"{parts[-2]}/{parts[-1]}")
    # a variable's braces (${HOME}) are no template marker
    if hid is None or never_a_model(_BRACED_VAR.sub(r"$\1", value)) or never_a_model(hid):
        return None
    return hid


_BRACED_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _named_copy(value: str, parts: list[str]) -> str | None:
    """The Hub id of a folder of the file system named only after a model, with no
    organization (``$HOME/models/Qwen3-8B``, ``/data/models/gemma-1.1-7b-it``), under a models
    folder: as ``hf download org/name --local-dir <models folder>/name`` leaves it. Only a name
    the built-in catalog lists under exactly one organization (an output folder, a conversion or
    a fine-tune is named otherwise); a legacy single-segment id is left alone."""
    if norm_key(parts[-2]) not in knowledge().model_folders:
        return None
    if not value.startswith(("/", "~", "$")):  # (models/gemini-pro: an API's resource path)
        return None
    name = parts[-1]
    if hub_id(f"x/{name}") is None or name.lower() in knowledge().legacy_hub_ids:
        return None
    if never_a_model(_BRACED_VAR.sub(r"$\1", value)):
        return None
    from ..resolve.catalog import catalog

    return catalog().hub_id_named(name)


def with_note(evidence: str, ident: Identity) -> str:
    """``evidence`` with what the identity adds about how its value names it (``note``)."""
    return evidence if not ident.note or ident.note in evidence else evidence + ident.note


def loader_value(
    value: str, ctx: Context, mode: str, *, provider: str | None = None
) -> Identity | None:
    """What a value is in a loader's model-taking place, by the place's id mode (a loader's or an
    argument's ``id`` in the loader data): ``hub`` / ``hub-bare`` (Hub ids; bare legacy names too),
    ``hub-served`` (the model field of a local server that serves Hub models, vLLM on :8000: a
    bare name is a legacy Hub id only when a name map keeps it bare, else a served-model alias),
    ``modelscope`` (ModelScope ids: ``on_modelscope``),
    ``ollama`` (any Ollama name), ``hosted`` (the model name of the hosted API ``provider``; a
    provider prefix, ``anthropic/claude-haiku-4.5`` through a gateway, names who serves it),
    ``prefixed`` (the value carries its provider: ``openai/gpt-4o``, ``openai:gpt-4.1``,
    ``ollama:llama3.1``; a plain name is hosted only by its shape), ``dataset``, ``local-path``
    (a weights file the loader opens: ``weights_file``); any other mode
    (``any``: an OpenAI-compatible server) lets the value's shape decide."""
    value = _clean(value)
    if not value or (never_a_model(value) and copied_id(value) is None and not _fetched(value)):
        return None
    if mode in ("hub", "hub-bare"):
        return model_value(value, ctx, bare=mode == "hub-bare", hub=True)
    if mode == "hub-served":  # --served-model-name opt-125m-cpu: an alias no map knows
        return model_value(value, ctx, bare=value.lower() in knowledge().legacy_hub_ids)
    if mode == "modelscope":
        return on_modelscope(model_value(value, ctx))
    if mode == "ollama":
        return model_value(value, ctx, ollama=True)
    if mode == "dataset":
        ds = dataset_value(value, ctx)
        return Identity(*ds) if ds else None
    if mode == "local-path":  # InferenceSession.create("/model/x.onnx"): the weights file
        return weights_file(value, ctx)
    if mode not in ("hosted", "prefixed"):
        return model_value(value, ctx, provider=provider)
    if has_space(value) or "://" in value or len(value) > 200:
        return None
    head, sep, rest = value.partition(":")
    if sep and "/" not in head and rest and head.isidentifier():
        # LangChain's initChatModel("ollama:llama3.1") / ("openai:gpt-4.1")
        low = head.lower()
        if low == "ollama":
            oid = ollama_id(rest)
            return Identity(oid, OLLAMA) if oid else None
        if low in ("huggingface", "hf"):
            hid = hub_id(rest, bare=True)
            return Identity(hid, HUGGINGFACE) if hid else None
    k = knowledge()
    pre = k.prefix(value)
    if pre is not None and pre[1]:
        p, rest = pre
        if p.kind in ("hosted", "depends"):  # the place says the prefix names a provider
            return _hosted_identity(rest, p.provider or provider)
        if p.kind in ("ollama", "hub"):
            mapped = _through_prefix_map(p, rest, ctx)
            if mapped is not None:
                return mapped
            found = classify(value)
            return Identity(*found) if found else None
    if mode == "prefixed" and sep and rest and _PROVIDER_HEAD.fullmatch(head):
        # provider:model where the provider is one by its whole name and the rest reads as a
        # model name (pydantic-ai's "together:meta-llama/Llama-3.3-70B-Instruct-Turbo"); an
        # Ollama tag (mistral:7b, mistral:instruct) is not one
        named = k.provider_named(head)
        if named is not None and ("-" in rest or "/" in rest or k.hosted_provider(rest)):
            return with_provider(head, rest, ctx)
    h = hosted(value, provider)
    if h is not None:
        return h
    if mode == "hosted" and not _deployment_alias(provider):
        return Identity(value, HOSTED, provider)
    return None


def _deployment_alias(provider: str | None) -> bool:
    """Whether a name of no known model's shape is, for ``provider``, the user's deployment
    alias rather than a model (``deployment_names``: Azure OpenAI's ``gpt35``)."""
    known = knowledge().providers.get(provider) if provider else None
    return known is not None and known.deployment_names


def names_modelscope(value: str) -> bool:
    """The value names ModelScope as a model's source (``modelHub: {name: ModelScope}``,
    ``WithModelHub("ModelScope")``)."""
    return _clean(value).lower() == "modelscope"


def on_modelscope(ident: Identity | None) -> Identity | None:
    """What a model id is where its source says ModelScope: an ``org/name`` the Hub's rules
    accept is that ModelScope model (the same shape, another repository); anything else
    (an Ollama name, a hosted model, a weights file) is nothing."""
    if ident is None or ident.source != HUGGINGFACE or "/" not in ident.id:
        return None
    return Identity(ident.id, MODELSCOPE, revision=ident.revision)


def named(
    name: str,
    value: str,
    ctx: Context,
    *,
    ollama: bool = False,
    what: str = "key",
    default_of: str | None = None,
    weights: bool = False,
) -> tuple[Identity, str] | None:
    """(identity, evidence) for ``value`` written under ``name`` — ``what`` says which kind of
    name (``key``, ``keyword``, ``variable``, ``attribute``, ``parameter``, ``flag``, ``env``) for
    the evidence — or None when the name says nothing about models or says it is a decoy.
    ``default_of``: the variable whose default ``value`` is (``${MODEL_ID:-org/x}``); the
    evidence says so, as users may override it. ``weights``: a weights file path under a
    model-naming name is a local artifact (``weights_file``)."""
    found = _named(name, value, ctx, ollama=ollama, what=what, weights=weights)
    if found is None or default_of is None or (what == "env" and default_of == name):
        return found  # an environment variable's own default already says so (``evidence``)
    return found[0], f"{found[1]}: the default of ${default_of}"


def _named(
    name: str, value: str, ctx: Context, *, ollama: bool, what: str, weights: bool
) -> tuple[Identity, str] | None:
    k = knowledge()
    nc = k.flag_context(name) if what == "flag" else k.name_context(name)
    if nc is None or nc.is_decoy:
        return None
    value = _clean(value)
    if nc.role == "dataset":
        ds = dataset_value(value, ctx)
        return (Identity(*ds), evidence("dataset", what, name)) if ds else None
    if nc.role == "hosted-model":
        provider = k.providers.get(nc.provider) if nc.provider else k.provider_for_name(name)
        if _names_a_provider(value):
            return None  # ANTHROPIC_PROVIDER = "anthropic": the provider, not a model
        h = hosted(value, provider.provider if provider else None)
        router = provider is not None and provider.serves_open_weights
        if h is not None and router and h.provider != provider.provider and _vendor_prefixed(value):
            h = Identity(h.id, HOSTED, provider.provider)  # NOVITA_MODEL=deepseek/deepseek_v3
        plain = "/" not in value or (router and _ROUTE.fullmatch(value) is not None)
        if h is None and (k.names_deployment(name) or _closed_out(provider, value)):
            # azure_deployment="embedding-deployment": its owner's name for it; OPENAI_MODEL=
            # house-router: no OpenAI name has that shape, an alias on a compatible server
            return None
        prose = has_space(value)  # "Using openai compatible model to ..."
        listed = _SEPARATOR.search(value) is not None  # "gpt-35-turbo;gpt-4o": several names
        if h is None and value and plain and not prose and not listed and not never_a_model(value):
            # a plain name, or a router's vendor/name route (OPENROUTER_MODEL=meta-llama/...)
            h = Identity(value, HOSTED, provider.provider if provider else None)
        if h is None:  # OPENAI_MODEL=meta-llama/llama-3.1-8b-instruct: whose route, unknown
            return None
        return h, evidence("hosted model", what, name)
    if not nc.names_model:
        return None
    if nc.value == "local-folder":  # --torch-path mistral-7B-v0.1: the original weights' folder
        folder = local_folder(value, ctx)
        return (folder, f"local weights folder {what} {name}") if folder is not None else None
    ollama = (ollama or "ollama" in name.lower()) and nc.role not in _HUB_ONLY_ROLES
    ident = model_value(value, ctx, ollama=ollama)
    if ident is None and value.lower() in k.legacy_hub_ids and not ctx.is_local_path(value):
        ident = Identity(value, HUGGINGFACE)  # bert-base-uncased: a Hub id with no organization
    if ident is None and weights and ("/" in value or nc.value == "weights-file"):
        # a path under any model name; a bare file name only where the name says weights
        # (SAM_CHECKPOINT=sam_vit_h.pth), not where it names a model (MODEL_NAME=x.gguf)
        ident = weights_file(value, ctx)
        if ident is not None:
            return ident, f"weights file {what} {name}"
    if ident is None:
        return None
    routed = k.prefix(value.strip())
    if routed is not None and routed[0].kind == "local-server":
        value = routed[1]  # hosted_vllm/org/x: the Hub id the local server answers to
    if nc.value == "repo-id" and (
        ident.source not in (HUGGINGFACE, MODELSCOPE)
        or "/" not in ident.id
        or value.strip().lower() != ident.id.lower()
    ):
        # lm_model_type='HuggingFaceTB/SmolLM2-360M' is a model; 'llama' is a type, and a path
        # (a cache folder a test fixture named *_tokenizer makes) no repository id as written
        return None
    kind = {HOSTED: "hosted model", DATASET: "dataset"}.get(ident.source, "model")
    return ident, evidence(kind, what, name)


# a setting that lists several models in one string (AZURE_OPENAI_MODELS="gpt-35-turbo;gpt-4o",
# CHAT_MODELS="a,b"): a name ending in a plural of model; one string is never one model so
_SEPARATOR = re.compile(r"[;,]")
_PLURAL_MODEL_ENDINGS = ("models", "modelids", "modellist")


def listed_models(name: str, value: str) -> tuple[str, ...] | None:
    """The model names a setting lists in one string, split at its one separator (``;`` or
    ``,``), when the name ends in a plural of model (``AZURE_OPENAI_MODELS``, ``chat_model_ids``)
    and every part is one word (no space: ``GPT-35 Turbo;GPT-4o`` is a list of display names);
    None for any other value. Each part is then read as the name's value on its own."""
    if not norm_key(name).endswith(_PLURAL_MODEL_ENDINGS):
        return None
    value = _clean(value)
    separators = {c for c in value if c in ";,"}
    if len(separators) != 1 or len(value) > 2000:
        return None
    parts = tuple(part.strip() for part in value.split(separators.pop()))
    if len(parts) < 2 or len(parts) > 64 or any(not p or has_space(p) for p in parts):
        return None
    return parts


def named_or_mapped(
    name: str,
    value: str,
    ctx: Context,
    *,
    what: str = "key",
    ollama: bool = False,
    default_of: str | None = None,
    within: str | None = None,
    imported: frozenset[str] | None = None,
    provider_within: str | None = None,
) -> tuple[Identity, str] | None:
    """``named`` (weights files included), and where the name names a library whose name map
    knows the value (``SPACY_MODEL=en_core_web_sm``, ``yolo_weights = "yolov8n.pt"``) what
    that map makes of it (``mapped_by_name``): a Hub id, or the downloaded weights with the
    license the map records (``Identity.metadata``). ``within`` (the section or class holding
    the setting) may name the library instead; when several libraries read the value, the
    others' answers are ``Identity.implies`` (``mapped_by_names``). ``provider_within`` (the
    class or file holding the setting) may name the hosted provider of a model name with no
    shape of its own (``hosted_within``)."""
    tail = ""
    if default_of is not None and not (what == "env" and default_of == name):
        tail = f": the default of ${default_of}"
    member = hinted_member(name, value, ctx)
    if member is not None:
        return member[0], evidence("hosted model", what, name) + member[1] + tail
    found = named(name, value, ctx, ollama=ollama, what=what, default_of=default_of, weights=True)
    if found is not None and found[0].source == HOSTED and provider_within:
        served = served_within(found[0], value, provider_within)
        if served is not found[0]:
            return served, f"{found[1]} (in {provider_within}: {served.provider})"
    if found is not None and found[0].source != LOCAL or not is_model_name(name, what):
        return found
    by_maps = mapped_by_names(name, value, ctx, within=within, imported=imported)
    if not by_maps:
        if found is None and provider_within:
            return within_provider(name, value, provider_within, what=what, tail=tail)
        return found
    (first, *others) = [
        (with_metadata(m), evidence("model", what, name) + m[2] + tail) for m in by_maps
    ]
    if others:  # the other libraries' readings, reported where this one is
        return replace(first[0], implies=first[0].implies + tuple(others)), first[1]
    return first


# a name holding this (DEFAULT_MODEL, default_model_id) names the one model a class uses by default
_DEFAULT_WORD = "default"
# a model name with nothing but its provider to say what it is: letters, digits and . _ -
# (solar-pro, embedding-query, gemma-7b-it), with a digit or a hyphen (not a plain word: auto)
_PLAIN_MODEL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9._-]*", re.A)


def hosted_within(value: str, within: str, *, default: bool = False) -> Identity | None:
    """A model name written in a class or file whose name names a hosted provider (``class
    UpstageGenerator: MODELS = ["solar-pro"]``, ``VoyageAIEmbedder``, ``groq_models.py``): that
    provider's hosted model, where nothing else (a Hub id, an Ollama tag, a path) says what
    it is. A plain word (no digit, no hyphen) counts only as the class's ``default`` model
    (``class ModelsLabImageGenerator: DEFAULT_MODEL = "flux"``), never as one of a list."""
    value = _clean(value)
    if (
        not _PLAIN_MODEL_NAME.fullmatch(value)
        or not (default or any(c.isdigit() or c == "-" for c in value))
        or never_a_model(value)
        or names_a_provider(value)
    ):
        return None
    provider = knowledge().provider_for_name(within)
    if provider is None or provider.closed_names:
        return None  # OpenAI's names all have its shapes: gpt4o there is an app's alias
    return Identity(value, HOSTED, provider.provider)


def within_provider(
    name: str, value: str, within: str, *, what: str = "key", tail: str = ""
) -> tuple[Identity, str] | None:
    """(identity, evidence) for a model name under the model-naming ``name`` whose only context
    is the class, file, type or constant ``within`` whose name names a hosted provider
    (``hosted_within``): ``groq_models.py``, ``type CerebrasChatModelId = "llama3.1-8b"``."""
    ident = hosted_within(value, within, default=_DEFAULT_WORD in norm_key(name))
    if ident is None:
        return None
    word = f" (in {within}: {ident.provider})"
    return ident, evidence("hosted model", what, name) + word + tail


def named_in_provider(
    name: str, value: str, ctx: Context, *, what: str = "key"
) -> tuple[Identity, str] | None:
    """(identity, evidence) for a value listed by a name that names a hosted provider and says
    model (a TypeScript type ``GroqModelId``, ``GatewayModelId``): that provider's model, a
    gateway's ``vendor/model`` the vendor's; None when the name names no hosted provider or the
    value has no model name's shape (then ``named`` decides)."""
    provider = knowledge().provider_for_name(name)
    value = _clean(value)
    if provider is None or not value or never_a_model(value) or names_a_provider(value):
        return None
    ident = loader_value(value, ctx, "prefixed", provider=provider.provider)
    if ident is None and provider.serves_open_weights and "/" in value:
        ident = with_provider(provider.provider, value, ctx)  # Together's meta-llama/Llama-3-8b
    if ident is None:
        ident = hosted_within(value, name)
    if ident is None or ident.source != HOSTED:
        return None
    return ident, evidence("hosted model", what, name) + f" (provider {ident.provider})"


def hinted_member(name: str, value: str, ctx: Context) -> tuple[Identity, str] | None:
    """(identity, note) for a value that is the name of an entry of a map with hint words,
    under a name holding one of them (``WATSONX_MODELTYPE=GRANITE_13B_CHAT_V2``: a member of
    the SDK's model enumeration): what the map makes of it, whatever else the name says."""
    value = _clean(value)
    if not value or not value.replace("_", "").isalnum():
        return None
    norm = norm_key(name)
    for ref, words in _hinted_maps(knowledge()):
        if not any(w in norm for w in words):
            continue
        m = knowledge().map_name(ref, value)
        if m is None or m.not_a_reference:
            continue
        found = from_map(m, ctx)
        if found is not None:
            return found[0], f" ({ref.split(':', 1)[0]} {ref.split(':', 1)[1]} {value})"
    return None


@_per_knowledge
def _hinted_maps(k) -> list:
    """(map ref, normalised hint words) for every name map that has hint words."""
    return [
        (f"{lib.name}:{map_id}", tuple(norm_key(w) for w in m["hint_words"]))
        for lib in k.libraries.values()
        for map_id, m in lib.name_maps.items()
        if m.get("hint_words")
    ]


def evidence(kind: str, what: str, name: str) -> str:
    """How a reference found by its name says so: ``model keyword model_id``; an environment
    variable's default says whose default it is (``model, the default of MODEL_ID``)."""
    if what == "env":
        return f"{kind}, the default of {name}"
    return f"{kind} {what} {name}"


def names_a_provider(value: str) -> bool:
    """The value is a provider's name (``openai``, ``groq``) or brand word (``gpt``), not a
    model's: a name that is also the provider's model (``GigaChat``) has its shape."""
    k = knowledge()
    return k.provider_named(value) is not None and k.hosted_provider(value.strip()) is None


_names_a_provider = names_a_provider


_HUB_PROVIDERS = frozenset({"huggingface", "hf", "transformers"})


@functools.lru_cache(maxsize=4096)
def provider_kind(name: str) -> str | None:
    """What a provider's name (a selector's value, the key of a table of model names per
    provider: ``openai``, ``ollama``, ``azure_openai``, ``ibm``) says its model names are:
    ``ollama``, ``hub``, or the hosted provider's key; None when ``name`` names no provider."""
    p = name.strip().lower()
    if not p or has_space(p):
        return None
    k = knowledge()
    pre = k.prefix(p + "/") or k.prefix(p + ":")
    if pre is not None and pre[0].kind in ("ollama", "hub"):
        return pre[0].kind
    if p in _HUB_PROVIDERS:
        return "hub"
    known = k.provider_named(p)
    if known is not None:
        return known.provider
    if pre is not None and pre[0].kind in ("hosted", "depends") and pre[0].provider:
        return pre[0].provider
    return None


def any_server(provider: str) -> bool:
    """The provider's name says any server speaking an API, none in particular
    (``openai_compatible``, CAMEL's ``openai-compatible-model``): the base URL says which."""
    return "compatible" in provider.lower()


def with_provider(provider: str, value: str, ctx: Context) -> Identity | None:
    """A model name given with its provider's name (``ollama``, ``groq``, ``openai``, the key
    of a table of model names per provider): an Ollama name, a Hub id, or that provider's
    hosted model; a provider nothing knows leaves it to the value's shape."""
    p = provider.strip().lower()
    if any_server(p):  # openai_compatible: any server speaking that API, none in particular
        return model_value(value, ctx)
    k = knowledge()
    pre = k.prefix(p + "/") or k.prefix(p + ":")
    kind = pre[0].kind if pre is not None else None
    if kind == "ollama":
        return model_value(value, ctx, ollama=True)
    if kind == "hub" or p in _HUB_PROVIDERS:
        return model_value(value, ctx, bare=True)
    known = k.provider_named(p) or k.provider_for_name(p)
    if known is None and (kind is None or pre[0].provider is None):
        return model_value(value, ctx)
    name = known.provider if known is not None else pre[0].provider
    if never_a_model(value) or not value.strip() or " " in value.strip():
        return None
    if known is not None and known.account_prefixed:
        return through_account(known, value.strip())
    if names_a_provider(value):
        return None  # strategic_llm_model="gpt" beside provider "openai": a brand, not a model
    h = hosted(value, name)
    if h is not None and h.provider != name and _vendor_prefixed(value):
        # Novita's deepseek/deepseek_v3, OpenRouter's anthropic/claude-3.5-sonnet: the vendor's
        # prefix is part of the name the provider the context names serves it under
        return Identity(h.id, HOSTED, name)
    if h is None and (_closed_out(known, value) or _deployment_alias(name)):
        return None  # not a name of its shape: an application's alias (flux_2_klein, gpt35)
    return h if h is not None else Identity(value.strip(), HOSTED, name)


def _closed_out(provider, value: str) -> bool:
    """Whether ``value``, which has none of ``provider``'s shapes, cannot be its model: every
    name it serves has one (``closed_names``; for a provider serving open weights, owner/name:
    Replicate's ``flux_2_klein`` is an application's alias)."""
    if provider is None or not provider.closed_names:
        return False
    return not (provider.serves_open_weights and "/" in value)


def through_account(gateway, value: str) -> Identity | None:
    """A model id of a gateway whose ids are ``account/model`` (its ``account_prefixed``:
    TrueFoundry's ``openai-main/gpt-4o-mini``): the model after the account, served by the
    provider the account's name speaks of (``openai-main``: OpenAI; ``together-ai``: Together),
    or by the gateway when the name says none; a value without an account is no such id."""
    head, sep, rest = value.partition("/")
    if not sep or not head or not rest or names_a_provider(rest):
        return None
    account = knowledge().provider_for_name(head)
    provider = account.provider if account is not None else gateway.provider
    h = hosted(rest, provider)
    return h if h is not None else Identity(rest, HOSTED, provider)


# a key whose name ends in this names the provider of its record's models (provider, llm_provider)
PROVIDER_SUFFIX = "provider"


def record_providers(pairs) -> dict[str, str]:
    """The providers the keys of one record (a dict or object literal, a call's keywords) name:
    stem -> provider for each key ending in ``provider`` with a string value (``provider:
    "groq"`` -> ``{"": "groq"}``, ``planner_provider`` -> ``{"planner": ...}``). ``pairs``:
    (key, string value or None)."""
    found: dict[str, str] = {}
    for key, value in pairs:
        norm = norm_key(key)
        if norm.endswith(PROVIDER_SUFFIX) and isinstance(value, str):
            found[norm[: -len(PROVIDER_SUFFIX)]] = value
    return found


def provider_for_key(key: str, providers: dict[str, str]) -> str | None:
    """The provider of the model under ``key`` among its record's ``record_providers``: the one
    whose stem starts the key (``planner_provider`` for ``planner_model``), or a plain
    ``provider`` / ``model_provider`` / ``llm_provider`` for any model key of the record."""
    norm = norm_key(key)
    for stem, given in providers.items():
        if norm.startswith(stem) or stem in ("", "model", "llm"):
            return given
    return None


def named_with_provider(
    name: str, value: str, ctx: Context, provider: str, *, what: str = "key"
) -> tuple[Identity, str] | None:
    """(identity, evidence) for ``value`` under the model-naming ``name`` of a record whose
    provider key names ``provider`` (``{ modelId: "llama3-8b-8192", provider: "groq" }``):
    ``with_provider``, the evidence saying whose it is."""
    ident = with_provider(provider, value, ctx)
    if ident is None:
        return None
    kind = "hosted model" if ident.source == HOSTED else "model"
    return ident, evidence(kind, what, name) + f" (provider {provider})"


def in_provider_branch(
    found: tuple[Identity, str] | None,
    name: str,
    value: str,
    ctx: Context,
    provider: str,
    *,
    what: str = "key",
) -> tuple[Identity, str] | None:
    """What a value under the model-naming ``name`` is when it is set in the branch of an ``if``
    that selects ``provider`` (``elif embedding_provider == "gigachat": self.embedding_model =
    "Embeddings"``), ``found`` being what the name alone makes of it: a hosted model the
    provider's (``azure_openai`` and ``gpt-4o``), a Hub id an open-weight host's, a plain name
    with no shape of its own the provider's model; anything else (a path, a Hub id for a
    provider that serves no open weights) stays what it was."""
    if provider_kind(provider) is None:
        return found
    alt = named_with_provider(name, value, ctx, provider, what=what)
    if alt is None:
        return found
    if found is None:
        plain = _PLAIN_MODEL_NAME.fullmatch(_clean(value)) is not None
        return alt if plain or alt[0].source != HOSTED else None
    if found[0].source == HOSTED:
        return alt if alt[0].source == HOSTED else found
    known = knowledge().provider_named(provider)
    if found[0].source == HUGGINGFACE and alt[0].source == HOSTED:
        return alt if known is not None and known.serves_open_weights else found
    return found


def display_name_beside_id(key: str, keys) -> bool:
    """A record's name key beside the key holding its id is the id's display label
    (``modelName: "LLaMA3-8b-chat"`` beside ``modelId: "llama3-8b-8192"``; ``name`` beside
    ``id``), not a second model. ``keys``: the record's keys."""
    norm = norm_key(key)
    if not norm.endswith("name"):
        return False
    ids = knowledge().record_id_keys
    for other in keys:
        o = norm_key(other)
        if o == norm:
            continue
        if o.endswith("id") and is_model_name(other):
            return True
        if o in ids and not is_model_name(other):  # id, key, slug, value
            return True
    return False


# a router's route: vendor/name (meta-llama/llama-3.1-8b-instruct), or Pro/vendor/name
_ROUTE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._:-]*){1,2}", re.A)


def _vendor_prefixed(value: str) -> bool:
    """The value starts with a provider prefix (``deepseek/``, ``openai/``): ``hosted`` gives it
    the prefix's provider when nothing else is known."""
    return knowledge().prefix(_clean(value)) is not None


def served_within(ident: Identity, value: str, within: str | None) -> Identity:
    """A hosted model whose name carries another vendor's prefix (``deepseek/deepseek_v3``),
    written in a class or file whose name names a provider that serves other vendors' models
    under such names (``class NovitaGenerator``, ``openrouter_models.py``: a router, whose
    ``serves_open_weights``): that provider's model; else ``ident`` as it is."""
    if ident.source != HOSTED or not within or not _vendor_prefixed(value):
        return ident
    provider = knowledge().provider_for_name(within)
    if provider is None or provider.provider == ident.provider or not provider.serves_open_weights:
        return ident
    return replace(ident, provider=provider.provider)


@functools.lru_cache(maxsize=4096)
def name_role(name: str, what: str = "key") -> str | None:
    """The role the vocabulary gives a key, keyword, variable or flag name: a model role
    (``model``, ``tokenizer``, ``adapter`` ...), ``dataset``, ``hosted-model``, a decoy role
    (``decoy``, ``destination``, ``revision``), or the structure of configuration files
    (``command-key``, ``env-key``, ``provider-key``, ``url-key``, ``own-key``); None: the name
    says nothing."""
    k = knowledge()
    nc = k.flag_context(name) if what == "flag" else k.name_context(name)
    return nc.role if nc is not None else None


def takes_value(name: str, what: str = "key") -> bool:
    """The name's value is worth asking ``named`` about: a model, a dataset or a hosted model."""
    role = name_role(name, what)
    return role is not None and (role in MODEL_ROLES or role in ("dataset", "hosted-model"))


def is_model_name(name: str, what: str = "key") -> bool:
    """The name says its value is a model (not a decoy, dataset or hosted model)."""
    return name_role(name, what) in MODEL_ROLES


def is_decoy_name(name: str) -> bool:
    return knowledge().is_decoy_name(name)


__all__ = [
    "Identity",
    "alias_note",
    "LOCAL_COPY_NOTE",
    "any_server",
    "copied_id",
    "local_copy",
    "with_note",
    "evidence",
    "hinted_member",
    "hosted",
    "hosted_within",
    "hub_id",
    "implied",
    "is_decoy_name",
    "is_model_name",
    "NAME_MAP",
    "registry_model",
    "declared_version",
    "registry_member",
    "from_map",
    "loader_value",
    "mapped",
    "mapped_by_name",
    "mapped_by_names",
    "model_value",
    "name_role",
    "named",
    "named_or_mapped",
    "named_with_provider",
    "named_in_provider",
    "names_a_provider",
    "within_provider",
    "display_name_beside_id",
    "in_provider_branch",
    "provider_for_key",
    "record_providers",
    "PROVIDER_SUFFIX",
    "names_modelscope",
    "never_a_model",
    "on_modelscope",
    "provider_kind",
    "self_evident",
    "served_within",
    "uri_parameters",
    "takes_value",
    "weights_file",
    "with_implied",
    "with_metadata",
    "with_provider",
]
