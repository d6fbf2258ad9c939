"""What every scanner shares: the scan context, model-naming keys, reference construction."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..cards import check_yaml_depth as check_yaml_depth  # the YAML scanner's guard
from ..model import DATASET, HUGGINGFACE, OLLAMA, Location, ModelRef, Unresolvable
from .ids import classify, dataset_id, ollama_id

Found = tuple[list[ModelRef], list[Unresolvable]]


@dataclass
class Context:
    """One file being scanned: the scan root and the file's path relative to it."""

    root: Path
    rel: str
    _exists: dict[str, bool] = field(default_factory=dict)

    @property
    def folder(self) -> str:
        return os.path.dirname(self.rel)

    def is_local_path(self, value: str) -> bool:
        """True when ``value`` names an existing file or folder (relative to the root or to the
        file's folder): then it is a local path, not a Hub id."""
        if value in self._exists:
            return self._exists[value]
        found = False
        for base in {self.root, self.root / self.folder}:
            try:
                if (base / value).exists():
                    found = True
                    break
            except (OSError, ValueError):
                continue
        self._exists[value] = found
        return found


class Trigger:
    """The cheap prefilter of a file kind: lower-case byte literals, any of which must occur in
    the (lower-cased) raw bytes before a parser is worth running. Substring search runs at
    memory speed; no regular expression is involved."""

    def __init__(self, *literals: bytes) -> None:
        self.literals = tuple(sorted({lit.lower() for lit in literals}))

    def __add__(self, other: Trigger) -> Trigger:
        return Trigger(*self.literals, *other.literals)

    def search(self, data: bytes) -> bool:
        low = data.lower()
        for lit in self.literals:  # noqa: SIM110 - a plain loop is faster, and this runs per file
            if lit in low:
                return True
        return False


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


@functools.lru_cache(maxsize=4096)
def norm_key(key: str) -> str:
    """``model_name_or_path``, ``MODEL-NAME-OR-PATH`` -> ``modelnameorpath``; the same few keys
    recur across a tree's files and each is asked about several times, hence the cache."""
    return _NOT_ALNUM.sub("", key.lower())


_MODEL_KEYS = {
    "model",
    "models",
    "modelid",
    "modelname",
    "modelnameorpath",
    "modelidorpath",
    "modelrepo",
    "modelrepoid",
    "modelurl",
    "modeluri",
    "modelpath",
    "basemodel",
    "basemodelnameorpath",
    "basemodelid",
    "pretrained",
    "pretrainedmodel",
    "pretrainedmodelnameorpath",
    "hfmodel",
    "hfmodelid",
    "hfmodelname",
    "hfrepo",
    "hfrepoid",
    "huggingfacemodel",
    "huggingfacemodelid",
    "embeddingmodel",
    "embeddingsmodel",
    "embedmodel",
    "reranker",
    "rerankermodel",
    "rerankmodel",
    "llm",
    "llmmodel",
    "chatmodel",
    "draftmodel",
    "speculativemodel",
    "teachermodel",
    "studentmodel",
    "tokenizername",
    "tokenizernameorpath",
    "adapter",
    "adapterid",
    "adaptermodel",
    "loraadapter",
    "peftmodel",
    "peftmodelid",
}
_MODEL_SUFFIXES = ("model", "modelid", "modelname", "modelnameorpath", "modelrepo", "modelrepoid")
_NOT_MODEL_KEYS = {"servedmodelname", "modeltype", "modelclass", "datamodel", "modelformat"}
_DATASET_KEYS = {
    "dataset",
    "datasets",
    "datasetname",
    "datasetid",
    "datasetrepo",
    "hfdataset",
    "hfdatasetid",
    "traindataset",
    "evaldataset",
    "testdataset",
    "datasetnameorpath",
}


# keys that name a hosted API's model (OPENROUTER_MODEL=meta-llama/llama-3.1-8b-instruct is an
# API route, not a model the repository loads)
_API_KEY_WORDS = (
    "openai",
    "openrouter",
    "together",
    "groq",
    "anthropic",
    "azure",
    "bedrock",
    "fireworks",
    "deepinfra",
    "replicate",
    "perplexity",
    "gemini",
    "vertex",
    "cohere",
    "claude",
    "gpt",
)


def is_model_key(key: str) -> bool:
    k = norm_key(key)
    if not k or k in _NOT_MODEL_KEYS or any(w in k for w in _API_KEY_WORDS):
        return False
    return k in _MODEL_KEYS or k.endswith(_MODEL_SUFFIXES)


def is_dataset_key(key: str) -> bool:
    return norm_key(key) in _DATASET_KEYS


def classify_config_value(
    value: str, ctx: Context, *, ollama_hint: bool = False
) -> tuple[str, str] | None:
    """A value under a model-naming key: a Hub id (``org/name``), an Ollama ``name:tag``, a
    LiteLLM-prefixed value; bare names only when the context says Ollama."""
    value = value.strip().strip("'\"")
    found = classify(value, ollama=ollama_hint)
    if found is None and ":" in value and "/" not in value and "://" not in value:
        oid = ollama_id(value)
        if oid and not value.split(":")[1].isdigit():
            found = (oid, OLLAMA)
    # the file system is asked only about values that look like ids
    if found is None or ctx.is_local_path(value):
        return None
    if found[1] == HUGGINGFACE and ctx.is_local_path(found[0]):
        return None
    return found


def dataset_value(value: str, ctx: Context, *, bare: bool = False) -> tuple[str, str] | None:
    value = value.strip().strip("'\"")
    did = dataset_id(value, bare=bare)
    return (did, DATASET) if did and not ctx.is_local_path(value) else None


def keyed_value(
    key: str, value: str, ctx: Context, *, ollama_hint: bool = False
) -> tuple[tuple[str, str], str] | None:
    """(identity, evidence) for ``value`` written under a model- or dataset-naming ``key``
    (``KEY=VALUE``, ``key: value``, ``key = "value"``); None for any other key or value."""
    if is_model_key(key):
        ident = classify_config_value(
            value, ctx, ollama_hint=ollama_hint or "ollama" in key.lower()
        )
    elif is_dataset_key(key):
        ident = dataset_value(value, ctx)
    else:
        return None
    if ident is None:
        return None
    return ident, f"{'dataset key' if ident[1] == DATASET else 'model key'} {key}"


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def snippet_at(lines: list[str], line: int) -> str:
    return lines[line - 1].strip()[:200] if 0 < line <= len(lines) else ""


def location_at(
    ctx: Context, lines: list[str], line: int, column: int, *, cell: int | None = None
) -> Location:
    """Where in the scanned file: the position and the stripped source line as snippet."""
    return Location(
        path=ctx.rel, line=line, column=column, snippet=snippet_at(lines, line), cell=cell
    )


def make_ref(
    ident: tuple[str, str],
    ctx: Context,
    lines: list[str],
    line: int,
    column: int,
    evidence: str,
    *,
    revision: str | None = None,
    cell: int | None = None,
    provider: str | None = None,
) -> ModelRef:
    return ModelRef(
        id=ident[0],
        source=ident[1],
        location=location_at(ctx, lines, line, column, cell=cell),
        evidence=evidence,
        revision=revision,
        provider=provider,
    )


def find_in_lines(lines: list[str], needle: str, first: int, last: int) -> tuple[int, int]:
    """(line, column) of the first occurrence of ``needle`` in lines ``first..last`` (1-based,
    inclusive); falls back to (first, 1)."""
    for n in range(max(first, 1), min(last, len(lines)) + 1):
        col = lines[n - 1].find(needle)
        if col >= 0:
            return n, col + 1
    return first, 1
