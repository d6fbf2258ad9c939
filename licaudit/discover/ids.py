"""Turn a string found in a model-taking context into a model identity (see DESIGN.md)."""

from __future__ import annotations

import re

from ..model import HUGGINGFACE, LOCAL, OLLAMA

# A Hub repo id: org/name, each part letters, digits, '-', '_', '.'; at most 96 chars each.
_HF_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
# An Ollama library name with optional tag, e.g. llama3.2:3b, nomic-embed-text, user/model:tag
_OLLAMA = re.compile(r"^(?:[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*(?::[A-Za-z0-9._-]+)?$")
_HF_CO = re.compile(r"^(?:https?://)?(?:hf\.co|huggingface\.co)/([^/\s:]+/[^/\s:]+?)(?::([A-Za-z0-9._-]+))?/?$")


def hub_id(value: str) -> str | None:
    """``org/name`` when ``value`` is a plausible Hub model id (or an hf.co URL), else None."""
    value = value.strip()
    m = _HF_CO.match(value)
    if m:
        value = m.group(1)
    if not _HF_ID.match(value) or value.endswith((".", "-")):
        return None
    if value.startswith(("./", "../")) or ".." in value:
        return None
    org, name = value.split("/")
    # file paths look like ids; file name extensions give them away
    if re.search(r"\.(py|json|ya?ml|txt|md|bin|safetensors|gguf|pt|pth|ckpt|onnx|csv|parquet)$", name, re.I):
        return None
    return f"{org}/{name}"


def ollama_id(value: str) -> str | None:
    """``name:tag`` (tag ``latest`` when absent) for an Ollama model name, else None.
    ``hf.co/org/repo:quant`` is a Hugging Face model, not an Ollama one: see ``classify``."""
    value = value.strip()
    if not _OLLAMA.match(value):
        return None
    return value if ":" in value else f"{value}:latest"


def looks_like_path(value: str) -> bool:
    return value.startswith(("/", "./", "../", "~")) or "\\" in value


def classify(value: str, *, ollama: bool = False) -> tuple[str, str] | None:
    """(id, source) for a string a model-taking context received, or None when it is not a model id.

    ``ollama`` says the context takes Ollama names (``ollama.chat(model=...)``, ``ollama pull``).
    LiteLLM-style prefixes (``ollama/...``, ``huggingface/...``) are understood everywhere.
    """
    value = value.strip()
    if not value or len(value) > 200:
        return None
    lowered = value.lower()
    if lowered.startswith(("hf.co/", "huggingface.co/", "https://huggingface.co/", "https://hf.co/")):
        hid = hub_id(value)
        return (hid, HUGGINGFACE) if hid else None
    for prefix in ("ollama/", "ollama_chat/"):
        if lowered.startswith(prefix):
            oid = ollama_id(value[len(prefix) :])
            return (oid, OLLAMA) if oid else None
    if lowered.startswith("huggingface/"):
        hid = hub_id(value[len("huggingface/") :])
        return (hid, HUGGINGFACE) if hid else None
    if looks_like_path(value):
        return None
    if ollama:
        if "/" in value and hub_id(value) and not _OLLAMA.match(value):
            return hub_id(value), HUGGINGFACE
        oid = ollama_id(value)
        return (oid, OLLAMA) if oid else None
    hid = hub_id(value)
    return (hid, HUGGINGFACE) if hid else None


__all__ = ["classify", "hub_id", "ollama_id", "looks_like_path", "LOCAL"]
