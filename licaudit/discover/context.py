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
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..model import DATASET, HOSTED, HUGGINGFACE, OLLAMA
from .common import Context, dataset_value
from .ids import classify, hub_id, ollama_id
from .loaders import knowledge


@dataclass(frozen=True)
class Identity:
    """What a string in context is: ``id`` and ``source`` as in ``ModelRef``; ``provider`` for a
    hosted model."""

    id: str
    source: str
    provider: str | None = None

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
    if not value or any(c.isspace() for c in value) or "://" in value or len(value) > 200:
        return None
    k = knowledge()
    pre = k.prefix(value)
    if pre is not None and pre[0].kind == "hosted" and pre[1]:
        return Identity(pre[1], HOSTED, pre[0].provider or provider)
    if pre is not None and pre[0].kind == "depends" and pre[0].provider and pre[1]:
        # openai/gpt-4o, google/gemini-2.5-flash: the provider's own model name after its prefix
        # (openai/whisper-large-v3 and google/gemma-2-9b are Hub repositories)
        by_shape = k.hosted_provider(pre[1])
        if by_shape is not None and by_shape.provider == pre[0].provider:
            return Identity(pre[1], HOSTED, by_shape.provider)
    shaped = k.hosted_provider(value)
    if shaped is not None:
        return Identity(value, HOSTED, provider or shaped.provider)
    if ":" in value and "/" not in value:  # LangChain's init_chat_model("openai:gpt-4.1")
        head, _, rest = value.partition(":")
        by_head = k.provider_for_name(head) if head.isidentifier() else None
        by_shape = k.hosted_provider(rest) if rest else None
        if by_head is not None or (by_shape is not None and head.isidentifier()):
            return Identity(rest, HOSTED, (by_head or by_shape).provider)
    return None


def model_value(
    value: str,
    ctx: Context,
    *,
    ollama: bool = False,
    bare: bool = False,
    provider: str | None = None,
) -> Identity | None:
    """What a value in a model-taking place is: a hosted model, a Hub id (``org/name``; a bare
    ``gpt2`` only where ``bare`` says the place takes nothing but Hub ids), an Ollama
    ``name:tag`` (any name where ``ollama`` says the place is an Ollama one), or nothing.
    Existing local paths and decoy shapes are nothing."""
    value = _clean(value)
    if not value or never_a_model(value):
        return None
    if not ollama:
        h = hosted(value, provider)
        if h is not None:
            return h
    found = classify(value, ollama=ollama, bare=bare)
    if found is None and not ollama and ":" in value and "/" not in value and "://" not in value:
        oid = ollama_id(value)
        if oid and not value.split(":", 1)[1].isdigit():
            found = (oid, OLLAMA)
    if found is None and ollama:
        h = hosted(value, provider)
        if h is not None:
            return h
    if found is None or ctx.is_local_path(value):
        return None
    if found[1] == HUGGINGFACE and ctx.is_local_path(found[0]):
        return None
    return Identity(*found)


def loader_value(
    value: str, ctx: Context, mode: str, *, provider: str | None = None
) -> Identity | None:
    """What a value is in a loader's model-taking place, by the place's id mode (a loader's or an
    argument's ``id`` in the loader data): ``hub`` / ``hub-bare`` (Hub ids; bare legacy names too),
    ``ollama`` (any Ollama name), ``hosted`` (the model name of the hosted API ``provider``; a
    provider prefix, ``anthropic/claude-haiku-4.5`` through a gateway, names who serves it),
    ``prefixed`` (the value carries its provider: ``openai/gpt-4o``, ``openai:gpt-4.1``,
    ``ollama:llama3.1``; a plain name is hosted only by its shape), ``dataset``; any other mode
    (``any``: an OpenAI-compatible server) lets the value's shape decide."""
    value = _clean(value)
    if not value or never_a_model(value):
        return None
    if mode in ("hub", "hub-bare"):
        return model_value(value, ctx, bare=mode == "hub-bare")
    if mode == "ollama":
        return model_value(value, ctx, ollama=True)
    if mode == "dataset":
        ds = dataset_value(value, ctx)
        return Identity(*ds) if ds else None
    if mode not in ("hosted", "prefixed"):
        return model_value(value, ctx, provider=provider)
    if any(c.isspace() for c in value) or "://" in value or len(value) > 200:
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
            return Identity(rest, HOSTED, p.provider or provider)
        if p.kind in ("ollama", "hub"):
            found = classify(value)
            return Identity(*found) if found else None
    h = hosted(value, provider)
    if h is not None:
        return h
    if mode == "hosted":
        return Identity(value, HOSTED, provider)
    return None


def named(
    name: str,
    value: str,
    ctx: Context,
    *,
    ollama: bool = False,
    what: str = "key",
) -> tuple[Identity, str] | None:
    """(identity, evidence) for ``value`` written under ``name`` — ``what`` says which kind of
    name (``key``, ``keyword``, ``variable``, ``attribute``, ``parameter``, ``flag``, ``env``) for
    the evidence — or None when the name says nothing about models or says it is a decoy."""
    k = knowledge()
    nc = k.flag_context(name) if what == "flag" else k.name_context(name)
    if nc is None or nc.is_decoy:
        return None
    value = _clean(value)
    if nc.role == "dataset":
        ds = dataset_value(value, ctx)
        return (Identity(*ds), f"dataset {what} {name}") if ds else None
    if nc.role == "hosted-model":
        provider = k.provider_for_name(name)
        h = hosted(value, provider.provider if provider else None)
        if h is None and value and not never_a_model(value) and "/" not in value:
            h = Identity(value, HOSTED, provider.provider if provider else None)
        if h is None:  # OPENROUTER_MODEL=meta-llama/llama-3.1-8b-instruct: an API route
            return None
        return h, f"hosted model {what} {name}"
    if not nc.names_model:
        return None
    ident = model_value(value, ctx, ollama=ollama or "ollama" in name.lower())
    if ident is None:
        return None
    kind = {HOSTED: "hosted model", DATASET: "dataset"}.get(ident.source, "model")
    return ident, f"{kind} {what} {name}"


def is_model_name(name: str, what: str = "key") -> bool:
    """The name says its value is a model (not a decoy, dataset or hosted model)."""
    k = knowledge()
    nc = k.flag_context(name) if what == "flag" else k.name_context(name)
    return nc is not None and nc.names_model


def is_decoy_name(name: str) -> bool:
    return knowledge().is_decoy_name(name)


__all__ = [
    "Identity",
    "hosted",
    "hub_id",
    "is_decoy_name",
    "is_model_name",
    "loader_value",
    "model_value",
    "named",
    "never_a_model",
]
