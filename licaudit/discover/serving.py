"""Whose model names a file's are when the file runs or calls a provider's own model server.

A Helm values file, manifest or notebook that deploys a NIM container (``nvcr.io/nim/...``) or
sends requests to NVIDIA's API hosts names the models that server serves, by NVIDIA's model
names (``meta/llama-3.1-8b-instruct``), which are no Hub repositories even where they look like
one. ``served_in_file`` reads a file's references so: a model name read as a Hub id from a
model-naming key, variable or request argument is the provider's hosted model (a value written
as a Hub address, ``hf://`` or ``huggingface.co``, stays a Hub id, as does a tokenizer); a
name read as a hosted model only because the file is named after a cloud (``nim_azureml``) or
as an Ollama tag from its shape alone is the cloud's resource or the image's tag, not a model.
The providers with such servers and their image prefixes are data (``serving_images``)."""

from __future__ import annotations

import dataclasses
import posixpath
import re

from .. import lazyre
from ..model import HOSTED, HUGGINGFACE, OLLAMA, ModelRef
from .packages import HUB_WRITTEN

# what a scanner says of a value it read as a model name (not a download by a loader library)
_NAMED = lazyre.compile(
    r"^(hosted )?model (key|variable|keyword)\b|^model, the default of |model argument"
)
# a hosted reading that rests on the file's or class's name naming a provider
_WITHIN = lazyre.compile(r"\(in [^()]*: ([a-z0-9-]+)\)$")


def served_in_file(refs: list[ModelRef], text: str) -> list[ModelRef]:
    """``refs`` of one file as the models of the provider whose model server the file's text
    names (``loaders.served_by``); unchanged when it names none."""
    if not refs:
        return refs
    from .loaders import knowledge  # a file scanned: its scanner loaded the loader knowledge

    provider = knowledge().served_by(text)
    if provider is None:
        return refs
    name = provider.provider
    out = []
    for r in refs:
        evidence = r.evidence
        if r.source == OLLAMA and "ollama" not in evidence.lower():
            continue  # nim:llama3-8b-instruct-1.0.0: an image's name:tag
        if r.source == HOSTED:
            within = _WITHIN.search(evidence)
            if within is not None and within.group(1) != name:
                continue  # a cloud's resource name (an endpoint, a model asset)
            if r.provider is None:
                r = dataclasses.replace(r, provider=name, evidence=f"{evidence} ({name} server)")
        elif r.source == HUGGINGFACE and _served_name(r, text):
            written = _written(r.id, text)
            r = dataclasses.replace(
                r,
                id=written,
                source=HOSTED,
                provider=name,
                revision=None,
                evidence=f"{evidence} (the file runs or calls a {provider.title} server)",
            )
        out.append(r)
    return out


# a sample request body file: its ``model`` is what a request sent from beside it names
_REQUEST_FILE = lazyre.compile(r"\.json$", re.I)
_REQUEST_EVIDENCE = "model key model"


def served_beside(refs: list[ModelRef]) -> list[ModelRef]:
    """A sample request body (a JSON file whose ``model`` key reads as a Hub id) kept in a folder
    of files that run or call one provider's model server, or in a folder under one (``samples/
    request.json`` beside the notebook that deploys a NIM and posts it: ``--data @request.json``),
    names that server's model as written, as the files around it do (``served_in_file``); so
    does one kept anywhere whose model, as written, is one the repository's files send to one
    provider's server and nowhere read as a Hub model (``sample_files/request.json`` with
    ``{"model": "nvidia/x-7b", "messages": [...]}`` where a notebook posts ``nvidia/x-7b`` to a
    NIM endpoint)."""
    by_folder: dict[str, set[str]] = {}
    by_model: dict[str, set[str]] = {}
    on_hub: set[str] = set()
    for r in refs:
        if r.source == HOSTED and r.provider and r.evidence.endswith(" server)"):
            by_folder.setdefault(posixpath.dirname(r.location.path), set()).add(r.provider)
            by_model.setdefault(r.id.lower(), set()).add(r.provider)
        elif r.source == HUGGINGFACE and not _sample_request(r):
            on_hub.add(r.id.lower())
    if not by_folder:
        return refs
    out = []
    for r in refs:
        if _sample_request(r):
            folder = posixpath.dirname(r.location.path)
            near = by_folder.get(folder)
            if near is None and folder:
                near = by_folder.get(posixpath.dirname(folder))
            if near is None and r.id.lower() not in on_hub:
                near = by_model.get(r.id.lower())
            if near is not None and len(near) == 1:
                (name,) = near
                from .loaders import knowledge  # a file scanned: its scanner loaded it

                provider = knowledge().providers[name]
                r = dataclasses.replace(
                    r,
                    id=_written(r.id, r.location.snippet),
                    source=HOSTED,
                    provider=name,
                    revision=None,
                    evidence=f"{r.evidence} (a request kept beside files that run or call a "
                    f"{provider.title} server)",
                )
        out.append(r)
    return out


_MANIFEST = re.compile(r"\.ya?ml$", re.I)
_MANIFEST_MAX_BYTES = 1024 * 1024


def without_served_names(root, refs: list[ModelRef]) -> list[ModelRef]:
    """A request's ``model`` (a JSON body's key: ``curl -d '{"model": "tiny-chat/painter"}'``)
    that is the name a manifest in the same folder gives an object deploying a model (its
    ``metadata.name``, where the manifest names a model), or that name with an adapter after a
    slash, is the served model's name on the server the manifest deploys, not a Hub id: dropped.
    ``root``: the scanned folder (the manifests are read from it)."""
    asked = [
        r
        for r in refs
        if r.source == HUGGINGFACE
        and r.evidence == _REQUEST_EVIDENCE
        and not _MANIFEST.search(r.location.path)
    ]
    if not asked:
        return refs
    manifests: dict[str, set[str]] = {}
    for r in refs:
        if _MANIFEST.search(r.location.path) and r.evidence != _REQUEST_EVIDENCE:
            manifests.setdefault(posixpath.dirname(r.location.path), set()).add(r.location.path)
    names: dict[str, set[str]] = {}
    drop: set[int] = set()
    for r in asked:
        folder = posixpath.dirname(r.location.path)
        if folder not in manifests:
            continue
        if folder not in names:
            names[folder] = set()
            for path in manifests[folder]:
                names[folder] |= _object_names(root, path)
        low = r.id.lower()
        if any(low == n or low.startswith(f"{n}/") for n in names[folder]):
            drop.add(id(r))
    return [r for r in refs if id(r) not in drop] if drop else refs


def _object_names(root, rel: str) -> set[str]:
    """The ``metadata.name`` of each object of the YAML manifest ``rel`` (lower-cased)."""
    import os

    from ..datafile import DataFileError, compose_yaml
    from .common import file_state

    _, raw = file_state(os.fspath(root), rel, _MANIFEST_MAX_BYTES)
    if raw is None:
        return set()
    try:
        docs = compose_yaml(raw)
    except (DataFileError, ValueError, RecursionError, MemoryError):
        return set()
    out: set[str] = set()
    for doc in docs:
        meta = _child(doc, "metadata")
        name = _child(meta, "name") if meta is not None else None
        value = getattr(name, "value", None)
        if isinstance(value, str) and value.strip():
            out.add(value.strip().lower())
    return out


def _child(node, key: str):
    """The value node under ``key`` of a YAML mapping node, else None."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if getattr(k, "value", None) == key:
            return v
    return None


def _sample_request(r: ModelRef) -> bool:
    """``r`` is the ``model`` of a JSON request body file read as a Hub id, not written as a
    Hub address."""
    return (
        r.source == HUGGINGFACE
        and r.evidence == _REQUEST_EVIDENCE
        and _REQUEST_FILE.search(r.location.path) is not None
        and not any(w in r.location.snippet for w in HUB_WRITTEN)
    )


def _served_name(r: ModelRef, text: str) -> bool:
    evidence = r.evidence.lower()
    if not _NAMED.search(evidence) or "tokenizer" in evidence:
        return False
    if any(w in r.location.snippet for w in HUB_WRITTEN):
        return False
    # NIM_MODEL_NAME = "hf://org/name" read where the variable is used; a Markdown link to the
    # model's card ("the [guidance](https://huggingface.co/org/name#input) of its authors") is
    # prose, not the value
    low = text.lower()
    marks = (w if w.endswith("/") else f"{w}/" for w in HUB_WRITTEN)
    return not any(_written_as_value(low, f"{w}{r.id.lower()}") for w in marks)


_LINK_TARGET = lazyre.compile(r"\]\((?:https?://)?(?:www\.)?$")


def _written_as_value(low: str, address: str) -> bool:
    """Whether ``address`` occurs in ``low`` other than as a Markdown link's target."""
    start = low.find(address)
    while start >= 0:
        if not _LINK_TARGET.search(low, max(0, start - 16), start):
            return True
        start = low.find(address, start + 1)
    return False


def _written(model: str, text: str) -> str:
    """``model`` as the file writes it (the Hub reading may have another letter case)."""
    m = re.search(r"(?<![\w./-])" + re.escape(model) + r"(?![\w/-])", text, re.I)
    return m.group(0) if m is not None else model
