"""What a JavaScript package's manifest says: the dependencies its package.json declares, and the
hosted provider every model name of the package goes to when its only model client is that
provider's own SDK (``package_provider``)."""

from __future__ import annotations

import json
import os

from .common import MISSING, Context

_MANIFEST_MAX_BYTES = 1 << 20


def package_json_deps(raw: bytes | None) -> dict[str, str]:
    """The dependency versions a package.json declares."""
    try:
        doc = json.loads(raw) if raw is not None else None
    except (ValueError, RecursionError):
        return {}
    deps: dict[str, str] = {}
    if not isinstance(doc, dict):
        return deps
    for key in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"):
        section = doc.get(key)
        if isinstance(section, dict):
            for name, spec in section.items():
                if isinstance(name, str) and isinstance(spec, str):
                    deps.setdefault(name, spec)
    return deps


_DEPS: dict[str, dict[str, str]] = {}  # by a package.json's file_state (its content digest)


def nearest_package(ctx: Context) -> tuple[str, dict[str, str]] | None:
    """(path, declared dependencies) of the nearest package.json above the file, read through
    the context (``Context.tree_file``: the scan cache keeps what the file's answer read)."""
    folder = ctx.folder
    while True:
        rel = f"{folder}/package.json" if folder else "package.json"
        state, raw = ctx.tree_file(rel, _MANIFEST_MAX_BYTES)
        if state != MISSING:
            if state not in _DEPS:
                _DEPS[state] = package_json_deps(raw)
            return rel, _DEPS[state]
        if not folder:
            return None
        folder = os.path.dirname(folder)


def package_provider(ctx: Context) -> str | None:
    """The hosted provider every model name of the file's package goes to: the nearest
    package.json above the file declares the provider's own client package (``together-ai``)
    and no other model client: no package of a loader library (a runtime that loads Hub
    weights, an Ollama or Hub client, a multi-provider framework, whose calls say whose their
    models are) and no other provider's SDK. The provider must serve open weights, whose names
    are otherwise read as Hub ids (``meta-llama/Llama-3.3-70B-Instruct-Turbo``)."""
    found = nearest_package(ctx)
    return _sole_provider(found[1]) if found is not None else None


def _sole_provider(deps: dict[str, str]) -> str | None:
    from .loaders import knowledge  # not at import: a warm scan never loads it

    k = knowledge()
    runtimes = k.runtime_packages("javascript")
    if any(d in runtimes for d in deps):
        return None
    providers = {p.provider: p for d in deps if (p := k.provider_of_sdk("npm", d)) is not None}
    if len(providers) != 1:
        return None
    (only,) = providers.values()
    return only.provider if only.serves_open_weights else None


# a string that says it names a Hub repository wherever it is written
HUB_WRITTEN = ("huggingface.co", "hf.co/", "hf://")
