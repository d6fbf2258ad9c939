"""Command lines wherever they appear: shell scripts, Dockerfile RUN/CMD, compose ``command``,
Kubernetes ``args``, CI ``run:``, Makefiles, Terraform, notebook ``!`` lines, Python argv lists.

Recognised: ``vllm serve ID``, ``--model ID`` (and ``--model-id``, ``--model_name_or_path``,
``--model-path``, ``--base-model`` ...), ``--model_args pretrained=ID``, ``huggingface-cli
download ID``, ``hf download ID``, ``ollama pull|run|show NAME[:TAG]``, ``llama-server -hf ID``,
``KEY=VALUE`` assignments whose key names a model.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

from ..model import HUGGINGFACE, ModelRef, Unresolvable
from .common import (
    Context,
    Found,
    Trigger,
    dataset_value,
    find_in_lines,
    keyed_value,
    location_at,
    make_ref,
)
from .ids import classify
from .interface import FunctionScanner

TRIGGER = Trigger(
    b"model",
    b"pretrained",
    b"vllm",
    b"huggingface-cli",
    b"download",
    b"ollama",
    b"text-generation-launcher",
    b"-hf",
    b"dataset",
)

# flags whose value is a model id (normalised: lower case, leading dashes dropped, '_' -> '-')
_MODEL_FLAGS = {
    "model",
    "model-id",
    "model-name",
    "model-name-or-path",
    "model-path",
    "model-repo",
    "base-model",
    "base-model-name-or-path",
    "pretrained-model-name-or-path",
    "pretrained",
    "hf-repo",
    "hf",
    "hfr",
    "draft-model",
    "speculative-model",
    "embedding-model",
    "reranker-model",
    "teacher-model",
    "student-model",
    "hf-model",
    "hf-model-id",
    "adapter-id",
    "lora-id",
}
_HF_FLAGS = {"hf-repo", "hf", "hfr"}  # llama.cpp: value may carry a ':QUANT' suffix
_DATASET_FLAGS = {"dataset", "dataset-name", "dataset-id", "dataset-name-or-path"}
_MODEL_ARGS_FLAGS = {"model-args"}
_MODEL_ARGS_KEYS = {"pretrained", "peft", "model", "base-model"}
_OLLAMA_SUBCOMMANDS = {"pull", "run", "show", "push", "cp"}
_DOWNLOAD_VALUE_FLAGS = {
    "repo-type",
    "revision",
    "local-dir",
    "cache-dir",
    "token",
    "include",
    "exclude",
    "max-workers",
    "local-dir-use-symlinks",
}
_SEPARATORS = {"&&", "||", ";", "|", "&", "(", ")", ";;"}
_VAR = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")
_ASSIGN = re.compile(r"^(?:export\s+|ENV\s+|ARG\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$")


def _flag_name(token: str) -> tuple[str, str | None] | None:
    if not token.startswith("-") or token in ("-", "--"):
        return None
    name, sep, value = token.partition("=")
    return name.lstrip("-").lower().replace("_", "-"), (value if sep else None)


def tokenize(line: str) -> list[str]:
    try:
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        return list(lexer)
    except ValueError:
        return line.split()


def scan_argv(tokens: Sequence[str], variables: dict[str, str] | None = None):
    """Model references in one argument vector.

    Yields (token, (id, source) | None, evidence, revision, unresolved_reason)."""
    variables = variables or {}

    def value_of(tok: str) -> tuple[str | None, str | None]:
        m = _VAR.match(tok)
        if m:
            name = m.group(1)
            if name in variables:
                return variables[name], None
            return None, f"shell variable ${name} is set at run time"
        if "$" in tok:
            return None, "built from shell variables at run time"
        return tok, None

    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if tok in _SEPARATORS:
            i += 1
            continue
        base = tok.rsplit("/", 1)[-1].lower()
        nxt = tokens[i + 1] if i + 1 < n else None
        flag = _flag_name(tok)
        if flag:
            name, inline = flag
            takes = name in _MODEL_FLAGS or name in _MODEL_ARGS_FLAGS or name in _DATASET_FLAGS
            if takes:
                raw = inline if inline is not None else nxt
                if raw is None or (inline is None and raw.startswith("-")):
                    i += 1
                    continue
                value, why = value_of(raw)
                if value is None:
                    yield raw, None, f"--{name} flag", None, why
                elif name in _MODEL_ARGS_FLAGS:
                    for part in value.split(","):
                        k, _, v = part.partition("=")
                        if k.strip().lower().replace("_", "-") in _MODEL_ARGS_KEYS and v:
                            ident = classify(v)
                            if ident:
                                yield v, ident, f"--{name} {k.strip()}=", None, None
                elif name in _DATASET_FLAGS:
                    yield value, ("dataset", value), f"--{name} flag", None, None
                else:
                    v = value
                    if name in _HF_FLAGS and ":" in v and "/" in v:
                        v = v.rsplit(":", 1)[0]
                    yield value, classify(v), f"--{name} flag", None, None
                i += 1 if inline is not None else 2
                continue
            i += 1
            continue
        if base == "vllm" and nxt == "serve" and i + 2 < n and not tokens[i + 2].startswith("-"):
            value, why = value_of(tokens[i + 2])
            yield tokens[i + 2], (classify(value) if value else None), "vllm serve", None, why
            i += 3
            continue
        if base in ("huggingface-cli", "hf") and nxt == "download":
            j = i + 2
            repo_type = None
            revision = None
            target = None
            while j < n and tokens[j] not in _SEPARATORS:
                fl = _flag_name(tokens[j])
                if fl:
                    fname, inline = fl
                    if fname in _DOWNLOAD_VALUE_FLAGS:
                        val = (
                            inline if inline is not None else (tokens[j + 1] if j + 1 < n else None)
                        )
                        if fname == "repo-type":
                            repo_type = (val or "").lower()
                        elif fname == "revision":
                            revision = val
                        j += 1 if inline is not None else 2
                        continue
                    j += 1
                    continue
                if target is None:
                    target = tokens[j]
                j += 1
            if target is not None:
                value, why = value_of(target)
                if repo_type in ("dataset", "datasets"):
                    yield (
                        target,
                        ("dataset", value) if value else None,
                        f"{base} download",
                        None,
                        why,
                    )
                elif repo_type in (None, "model"):
                    yield (
                        target,
                        (classify(value) if value else None),
                        f"{base} download",
                        revision,
                        why,
                    )
            i = j
            continue
        if base == "ollama" and nxt in _OLLAMA_SUBCOMMANDS:
            j = i + 2
            while j < n and tokens[j].startswith("-"):
                j += 1
            if j < n and tokens[j] not in _SEPARATORS:
                value, why = value_of(tokens[j])
                yield (
                    tokens[j],
                    (classify(value, ollama=True) if value else None),
                    f"ollama {nxt}",
                    None,
                    why,
                )
            i = j + 1
            continue
        i += 1


def logical_lines(text: str) -> list[tuple[int, int, str]]:
    """(first line, last line, joined text) with backslash continuations joined."""
    out = []
    buf: list[str] = []
    first = 0
    for n, line in enumerate(text.splitlines(), 1):
        if not buf:
            first = n
        stripped = line.rstrip()
        if stripped.endswith("\\") and not stripped.endswith("\\\\"):
            buf.append(stripped[:-1])
            continue
        buf.append(line)
        out.append((first, n, " ".join(buf)))
        buf = []
    if buf:
        out.append((first, first + len(buf) - 1, " ".join(buf)))
    return out


def refs_from_argv(
    tokens: Sequence[str],
    ctx: Context,
    lines: list[str],
    first: int,
    last: int,
    variables: dict[str, str],
    *,
    cell: int | None = None,
) -> Found:
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    for token, ident, evidence, revision, why in scan_argv(tokens, variables):
        line, col = find_in_lines(lines, token, first, last)
        if ident is None:
            if why:
                unresolvable.append(
                    Unresolvable(location_at(ctx, lines, line, col, cell=cell), token, why)
                )
            continue
        if ident[0] == "dataset":
            ident = dataset_value(ident[1], ctx)
            if ident is None:
                continue
        elif ident[1] == HUGGINGFACE and ctx.is_local_path(ident[0]):
            continue
        refs.append(make_ref(ident, ctx, lines, line, col, evidence, revision=revision, cell=cell))
    return refs, unresolvable


def scan_command_text(
    text: str,
    ctx: Context,
    lines: list[str] | None = None,
    *,
    line_offset: int = 0,
    variables: dict[str, str] | None = None,
    cell: int | None = None,
    assignments: bool = True,
) -> Found:
    """References in shell-like text. ``lines`` are the file's lines (for positions and
    snippets); ``line_offset`` is added to the line numbers of ``text``."""
    lines = lines if lines is not None else text.splitlines()
    variables = {} if variables is None else variables
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    for first, last, logical in logical_lines(text):
        r, u = scan_logical(
            logical,
            ctx,
            lines,
            first + line_offset,
            last + line_offset,
            variables,
            cell=cell,
            assignments=assignments,
        )
        refs.extend(r)
        unresolvable.extend(u)
    return refs, unresolvable


def scan_logical(
    logical: str,
    ctx: Context,
    lines: list[str],
    first: int,
    last: int,
    variables: dict[str, str],
    *,
    cell: int | None = None,
    assignments: bool = True,
) -> Found:
    """One logical command line spanning file lines ``first..last``."""
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    stripped = logical.strip()
    if not stripped or stripped.startswith("#"):
        return refs, unresolvable
    tokens = tokenize(stripped)
    # KEY=VALUE assignments (shell, .env style, Dockerfile ENV/ARG)
    for tok in tokens:
        m = _ASSIGN.match(tok)
        if not m:
            continue
        key, value = m.group(1), m.group(2)
        if "$" not in value:
            variables[key] = value
        found = keyed_value(key, value, ctx) if assignments else None
        if found:
            line, col = find_in_lines(lines, value, first, last)
            refs.append(make_ref(found[0], ctx, lines, line, col, found[1], cell=cell))
    r, u = refs_from_argv(tokens, ctx, lines, first, last, variables, cell=cell)
    refs.extend(r)
    unresolvable.extend(u)
    return refs, unresolvable


def scan_shell(text: str, ctx: Context) -> Found:
    return scan_command_text(text, ctx)


_DOCKER_INSTR = re.compile(r"^\s*(RUN|CMD|ENTRYPOINT|ENV|ARG)\s+(.*)$", re.I)


def scan_dockerfile(text: str, ctx: Context) -> Found:
    """Dockerfile: RUN/CMD/ENTRYPOINT command lines and ENV/ARG model keys; ``FROM`` names a
    container image, never a model."""
    lines = text.splitlines()
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    variables: dict[str, str] = {}
    for first, last, logical in logical_lines(text):
        m = _DOCKER_INSTR.match(logical)
        if not m:
            continue
        instr, body = m.group(1).upper(), m.group(2).strip()
        if instr in ("CMD", "ENTRYPOINT", "RUN") and body.startswith("["):
            import json

            try:
                argv = json.loads(body)
            except ValueError:
                argv = None
            if isinstance(argv, list) and all(isinstance(a, str) for a in argv):
                r, u = refs_from_argv(argv, ctx, lines, first, last, variables)
                refs.extend(r)
                unresolvable.extend(u)
                continue
        if instr in ("ENV", "ARG") and "=" not in body.split()[0] and len(body.split()) >= 2:
            key, value = body.split(None, 1)
            body = f"{key}={value}"
        r, u = scan_logical(body, ctx, lines, first, last, variables)
        refs.extend(r)
        unresolvable.extend(u)
    return refs, unresolvable


def scan_makefile(text: str, ctx: Context) -> Found:
    """Makefile recipes are shell lines; ``VAR = value`` and ``VAR := value`` are assignments."""
    normalized = re.sub(r"(?m)^([A-Za-z_][A-Za-z0-9_]*)\s*[:?+]?=\s*", r"\1=", text)
    normalized = re.sub(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", r"${\1}", normalized)
    return scan_command_text(normalized, ctx, text.splitlines())


SHELL = FunctionScanner("shell", TRIGGER, scan_shell)
DOCKERFILE = FunctionScanner("dockerfile", TRIGGER, scan_dockerfile)
MAKEFILE = FunctionScanner("makefile", TRIGGER, scan_makefile)
