"""Turn a string found in a model-taking context into a model identity (see DESIGN.md)."""

from __future__ import annotations

import re

from .. import lazyre
from ..model import DATASET, HUGGINGFACE, OLLAMA

# A Hub repo id: org/name, each part letters, digits, '-', '_', '.'; at most 96 chars each.
_HF_ID = lazyre.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
# A legacy single-segment Hub id (gpt2, bert-base-uncased, all-MiniLM-L6-v2)
_HF_BARE = lazyre.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
# An Ollama library name with optional tag, e.g. llama3.2:3b, nomic-embed-text, user/model:tag
_OLLAMA = lazyre.compile(r"^(?:[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*(?::[A-Za-z0-9._-]+)?$")
_HF_CO = lazyre.compile(
    r"^(?:https?://)?(?:hf\.co|huggingface\.co)/([^/\s:]+/[^/\s:@]+?)(?::([A-Za-z0-9._-]+))?/?$"
)
_FILE_EXT = lazyre.compile(
    r"\.(py|json|jsonl|ya?ml|toml|txt|md|bin|safetensors|gguf|pt|pth|ckpt|onnx|pb|csv|tsv|parquet|"
    r"sh|js|ts|png|jpe?g|gif|svg|html?|xml|zip|gz|tar|tgz|whl|log|ini|cfg|lock|env|pkl|npy|npz|h5)$",
    re.I,
)
# Provider prefixes of hosted-API model strings (LiteLLM and friends): ``anthropic/claude-3``
# names an API, not a Hub repository.
_API_PROVIDERS = {
    "anthropic",
    "azure",
    "azure_ai",
    "bedrock",
    "vertex_ai",
    "vertex_ai_beta",
    "gemini",
    "groq",
    "together_ai",
    "cohere",
    "cohere_chat",
    "replicate",
    "deepinfra",
    "fireworks_ai",
    "perplexity",
    "sagemaker",
    "xai",
    "cerebras",
    "openrouter",
    "mistral",
    "text-completion-openai",
    "databricks",
    "watsonx",
    "anyscale",
    "cloudflare",
    "nvidia_nim",
    "ai21",
    "voyage",
    "deepseek",
    "openai_like",
}
# ``openai/...`` is both a LiteLLM provider prefix and a Hub org (openai/whisper-large-v3).
_OPENAI_API_MODEL = lazyre.compile(
    r"^(gpt-3|gpt-4|gpt-5|o1|o3|o4|chatgpt|text-|dall-e|tts-|whisper-1|davinci|babbage)", re.I
)


def hub_id(value: str, *, bare: bool = False, hub: bool = False) -> str | None:
    """``org/name`` when ``value`` is a plausible Hub model id (or an hf.co URL), else None.

    ``bare`` also accepts a legacy single-segment id (``gpt2``) — only for contexts that take
    nothing but Hub ids (``from_pretrained``). ``hub``: the context takes only Hub repositories,
    so an organization that is also a hosted API's provider prefix (``databricks/dolly-v2-3b``,
    ``Groq/Llama-3-Groq-8B-Tool-Use``, ``cerebras/btlm-3b-8k-base``) is that organization."""
    value = value.strip()
    m = _HF_CO.match(value)
    if m:
        value = m.group(1)
    elif bare and _HF_BARE.match(value) and "/" not in value:
        if value.endswith((".", "-")) or _FILE_EXT.search(value) or ".." in value:
            return None
        return value
    if not _HF_ID.match(value) or value.endswith((".", "-")):
        return None
    if ".." in value:
        return None
    org, name = value.split("/")
    # file paths look like ids; file name extensions give them away
    if _FILE_EXT.search(name):
        return None
    if org.lower() in _API_PROVIDERS and not hub:
        return None
    if org.lower() == "openai" and _OPENAI_API_MODEL.match(name):
        return None
    return f"{org}/{name}"


# A file (or folder) of a Hub repository: huggingface.co/<org>/<name>/resolve/<revision>/<path>,
# also blob / raw / tree, and the same under datasets/ (spaces are apps, not models)
_HF_FILE_URL = lazyre.compile(
    r"^(?:https?://)?(?:www\.)?(?:hf\.co|huggingface\.co)/(?:(datasets|spaces)/)?"
    r"([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*)/(resolve|blob|raw|tree)/"
    r"([^/?#\s]+)(?:[/?#]\S*)?$",
    re.I,
)
# a folder of the Hub cache (huggingface_hub's repo_folder_name): models--<org>--<name>
_HF_CACHE_FOLDER = lazyre.compile(
    r"(?:^|[/\\])models--([A-Za-z0-9][A-Za-z0-9._-]*?)--([A-Za-z0-9][A-Za-z0-9._-]*)(?:[/\\]|$)"
)


def hub_url(value: str, *, downloads_only: bool = False) -> tuple[str, str, str | None] | None:
    """(source, id, revision) for a URL of a file or folder inside a Hub repository
    (``https://huggingface.co/org/name/resolve/main/model.gguf``): the model (or dataset) it
    is part of; None for anything else, a Space included. ``downloads_only``: only the URLs
    that fetch the file (``resolve``, ``raw``), not the pages that show it (``blob``, ``tree``)."""
    m = _HF_FILE_URL.match(value.strip())
    if m is None or (m.group(1) or "").lower() == "spaces":
        return None
    if downloads_only and m.group(3).lower() not in ("resolve", "raw"):
        return None
    if (m.group(1) or "").lower() == "datasets":
        did = dataset_id(m.group(2))
        return (DATASET, did, m.group(4)) if did else None
    hid = hub_id(m.group(2))
    return (HUGGINGFACE, hid, m.group(4)) if hid else None


# a Hub file URL inside a line of text (a string literal, a curl argument): the repository and the
# file, with no revision or folder in the file's place
_HF_FILE_IN_TEXT = lazyre.compile(
    r"(?:hf\.co|huggingface\.co)/([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*)"
    r"/(?:resolve|raw)/[^/?#\s\"'`]+/(?:[^?#\s\"'`]*/)?([^/?#\s\"'`]+)",
    re.I,
)


def hub_files_in(text: str, repo: str) -> set[str]:
    """The names of the files of the Hub repository ``repo`` that the download URLs in ``text``
    fetch (``huggingface.co/org/x-GGUF/resolve/main/x-Q5_K_M.gguf``: ``x-Q5_K_M.gguf``)."""
    want = repo.lower()
    return {m.group(2) for m in _HF_FILE_IN_TEXT.finditer(text) if m.group(1).lower() == want}


# a Hub model repository's own address, as a git remote may be written (``git:`` / ``git+``
# before it: a clone of the repository); no file, folder, Space or dataset in it
_HF_REPO_URL = lazyre.compile(
    r"^(?:git[:+])?https?://(?:www\.)?(?:hf\.co|huggingface\.co)/"
    r"(?!(?:datasets|spaces|docs|models|api|blog)/)"
    r"([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*?)"
    r"(?:\.git|/(?:commit|tree)/[A-Za-z0-9._-]+)?/?$",
    re.I,
)


def hub_repo_url(value: str) -> str | None:
    """``org/name`` for the address of a Hub model repository (``https://huggingface.co/org/x``,
    ``git:https://huggingface.co/org/x``, ``.../org/x.git``, one revision of it:
    ``.../org/x/commit/<sha>``, ``.../org/x/tree/main``): in a place that takes a model, that
    repository, cloned or downloaded."""
    m = _HF_REPO_URL.match(value.strip())
    return hub_id(m.group(1)) if m else None


def cache_folder_id(value: str) -> str | None:
    """``org/name`` for a path through a Hub cache folder (``.../models--org--name/...``)."""
    m = _HF_CACHE_FOLDER.search(value.strip())
    return hub_id(f"{m.group(1)}/{m.group(2)}") if m else None


def ollama_id(value: str) -> str | None:
    """``name:tag`` (tag ``latest`` when absent) for an Ollama model name, else None.
    ``hf.co/org/repo:quant`` is a Hugging Face model, not an Ollama one: see ``classify``."""
    value = value.strip()
    if not _OLLAMA.match(value) or _FILE_EXT.search(value.split(":")[0]):
        return None
    return value if ":" in value else f"{value}:latest"


def looks_like_path(value: str) -> bool:
    return value.startswith(("/", "./", "../", "~", ".\\")) or "\\" in value or value in (".", "..")


# white space as ``str.isspace`` has it (both ask ``Py_UNICODE_ISSPACE`` of each character): one
# search at C speed instead of a generator over the characters
_SPACE = lazyre.compile(r"\s")


def has_space(value: str) -> bool:
    """Whether ``value`` holds a white-space character (``any(c.isspace() for c in value)``)."""
    return _SPACE.search(value) is not None


def could_be_id(value: str) -> bool:
    """A string that can be a model id at all: not empty, at most 200 characters, no white
    space (a sentence, a prompt or a log line never is one)."""
    return bool(value) and len(value) <= 200 and not has_space(value)


def classify(
    value: str, *, ollama: bool = False, bare: bool = False, prefixed_only: bool = False
) -> tuple[str, str] | None:
    """(id, source) for a string a model-taking context received, or None when it is not a model id.

    ``ollama`` says the context takes Ollama names (``ollama.chat(model=...)``, ``ollama pull``).
    ``bare`` accepts single-segment Hub ids (``gpt2``) for Hub-only loaders.
    ``prefixed_only`` accepts only LiteLLM-style prefixed values (``litellm.completion``).
    LiteLLM-style prefixes (``ollama/...``, ``huggingface/...``) are understood everywhere.
    """
    value = value.strip()
    if not could_be_id(value):
        return None
    lowered = value.lower()
    if lowered.startswith(
        ("hf.co/", "huggingface.co/", "https://huggingface.co/", "https://hf.co/")
    ):
        if lowered.startswith(("https://huggingface.co/datasets/", "huggingface.co/datasets/")):
            return None
        hid = hub_id(value)
        return (hid, HUGGINGFACE) if hid else None
    for prefix in ("ollama/", "ollama_chat/"):
        if lowered.startswith(prefix):
            oid = ollama_id(value[len(prefix) :])
            return (oid, OLLAMA) if oid else None
    if lowered.startswith("huggingface/"):
        # LiteLLM's huggingface/org/name routes to the Hub repository org/name; with one slash
        # the value is a repository of the Hub's own huggingface organization as written
        # (huggingface/llama-7b), not a route to a bare name
        rest = value[len("huggingface/") :]
        hid = hub_id(rest) if "/" in rest else hub_id(value)
        return (hid, HUGGINGFACE) if hid else None
    for prefix in ("hf_hub:", "hf-hub:"):
        if lowered.startswith(prefix):
            hid = hub_id(value[len(prefix) :])
            return (hid, HUGGINGFACE) if hid else None
    if prefixed_only or looks_like_path(value) or "://" in value:
        return None
    if ollama:
        if "/" in value and not _OLLAMA.match(value):
            hid = hub_id(value)
            return (hid, HUGGINGFACE) if hid else None
        oid = ollama_id(value)
        return (oid, OLLAMA) if oid else None
    hid = hub_id(value, bare=bare)
    return (hid, HUGGINGFACE) if hid else None


# ``load_dataset`` builders that ship with the datasets library and read local files
_PACKAGED_BUILDERS = {
    "json",
    "csv",
    "parquet",
    "text",
    "arrow",
    "pandas",
    "sql",
    "generator",
    "spark",
    "xml",
    "imagefolder",
    "audiofolder",
    "videofolder",
    "webdataset",
    "cache",
}


def dataset_id(value: str, *, bare: bool = False) -> str | None:
    """``org/name`` for a Hub dataset id (``load_dataset``, ``datasets:`` keys). ``bare`` also
    accepts a legacy single-segment id (``squad``) — only where nothing but a dataset can go."""
    value = value.strip()
    if bare and "/" not in value and _HF_BARE.match(value):
        bad = (
            value.lower() in _PACKAGED_BUILDERS
            or value.endswith((".", "-"))
            or _FILE_EXT.search(value)
        )
        return None if bad else value
    for prefix in (
        "https://huggingface.co/datasets/",
        "huggingface.co/datasets/",
        "hf://datasets/",
    ):
        if value.lower().startswith(prefix):
            value = value[len(prefix) :].rstrip("/")
            value = "/".join(value.split("/")[:2])
    if looks_like_path(value) or not _HF_ID.match(value) or value.endswith((".", "-")):
        return None
    if _FILE_EXT.search(value.split("/")[1]):
        return None
    return value


__all__ = [
    "cache_folder_id",
    "classify",
    "dataset_id",
    "hub_id",
    "hub_url",
    "looks_like_path",
    "ollama_id",
]
