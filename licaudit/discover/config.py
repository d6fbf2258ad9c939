"""Structured configuration: YAML, JSON, TOML, ``.env`` and Terraform/HCL.

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

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..datafile import DataFileError, LimitError, compose_yaml, load_json, load_toml
from ..model import ModelRef, Unresolvable
from . import commands
from .common import (
    Context,
    Found,
    Trigger,
    is_dataset_key,
    is_model_key,
    keyed_value,
    line_col,
    location_at,
    make_ref,
    norm_key,
)
from .interface import FunctionScanner

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
    b"vllm",
    b"download",
    b"hf_repo",
    b"hfrepo",
    b"hf-repo",
    b"tokenizer",
)

_COMMAND_KEYS = {
    "command",
    "commands",
    "args",
    "arguments",
    "entrypoint",
    "run",
    "script",
    "scripts",
    "cmd",
    "beforescript",
    "afterscript",
    "exec",
    "shell",
    "start",
    "serve",
    "launch",
    "prestart",
    "poststart",
    "setup",
    "install",
    "test",
    "build",
    "postcreatecommand",
    "oncreatecommand",
    "poststartcommand",
    "postattachcommand",
    "updatecontentcommand",
    "initializecommand",
}
_ENV_KEYS = {"environment", "env", "envs", "variables", "environmentvariables"}
_PROVIDER_KEYS = {
    "provider",
    "type",
    "backend",
    "apitype",
    "llmprovider",
    "engine",
    "client",
    "api",
}
_URL_KEYS = {"baseurl", "apibase", "host", "endpoint", "url", "ollamahost", "ollamabaseurl"}
_KV = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$")
MAX_NODES = 200_000
# deeper than any real configuration, and shallow enough for the recursive tree walks below
MAX_DEPTH = 200
# licaudit's own settings: waivers name models that are approved, not models the code uses
_OWN_KEYS = {"licaudit", "waivers"}


def _ollama_siblings(pairs: list[tuple[str, object]]) -> bool:
    for k, v in pairs:
        nk = norm_key(k)
        if isinstance(v, str):
            if nk in _PROVIDER_KEYS and "ollama" in v.lower():
                return True
            if nk in _URL_KEYS and ":11434" in v:
                return True
        if "ollama" in nk and nk not in ("ollama",):
            return True
    return False


# ---------------------------------------------------------------- generic tree walk (no marks)


def _walk(
    obj, key: str | None, ollama: bool, command: bool, env: bool, budget: list[int]
) -> Iterator[tuple]:
    """Yield (kind, key, value, ollama) for plain Python trees (JSON, TOML)."""
    budget[0] -= 1
    if budget[0] < 0:
        return
    if isinstance(obj, dict):
        pairs = [(str(k), v) for k, v in obj.items()]
        hint = ollama or _ollama_siblings(pairs)
        name_value = _name_value(pairs)
        if name_value:
            yield ("kv", name_value[0], name_value[1], hint)
        for k, v in pairs:
            nk = norm_key(k)
            if nk in _OWN_KEYS:
                continue
            yield from _walk_value(
                k,
                v,
                hint or "ollama" in nk,
                command or nk in _COMMAND_KEYS,
                nk in _ENV_KEYS,
                budget,
            )
    elif isinstance(obj, list):
        if command and obj and all(isinstance(x, str) for x in obj):
            yield ("argv", key, obj, ollama)
        for x in obj:
            if isinstance(x, str):
                if env:
                    m = _KV.match(x)
                    if m:
                        yield ("kv", m.group(1), m.group(2), ollama)
                        continue
                if is_model_key(key or ""):
                    yield ("model", key, x, ollama)
                elif is_dataset_key(key or ""):
                    yield ("dataset", key, x, ollama)
                elif command:
                    yield ("command", key, x, ollama)
            else:
                yield from _walk(x, key, ollama, command, env, budget)


def _walk_value(
    k: str, v, ollama: bool, command: bool, env: bool, budget: list[int]
) -> Iterator[tuple]:
    if isinstance(v, str):
        if is_model_key(k):
            yield ("model", k, v, ollama)
        elif is_dataset_key(k):
            yield ("dataset", k, v, ollama)
        if command and " " in v.strip():
            yield ("command", k, v, ollama)
    elif isinstance(v, (dict, list)):
        yield from _walk(v, k, ollama, command, env, budget)


def _name_value(pairs: list[tuple[str, object]]) -> tuple[str, str] | None:
    """Kubernetes-style ``{name: MODEL_ID, value: org/name}``."""
    d = {norm_key(k): v for k, v in pairs}
    if isinstance(d.get("name"), str) and isinstance(d.get("value"), str) and len(d) <= 4:
        return d["name"], d["value"]
    return None


def _emit(hits, ctx: Context, lines: list[str], locate) -> Found:
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    variables: dict[str, str] = {}
    for kind, key, value, ollama, pos in hits:
        if kind in ("model", "dataset", "kv"):
            if kind == "kv" and not (is_model_key(key) or is_dataset_key(key)):
                continue
            found = keyed_value(key, value, ctx, ollama_hint=ollama)
            if found is None:
                if "${" in value or "{{" in value or value.startswith("$"):
                    line, col = pos if pos else locate(value)
                    unresolvable.append(
                        Unresolvable(
                            location_at(ctx, lines, line, col),
                            value[:200],
                            f"{key}: interpolated at run time",
                        )
                    )
                continue
            line, col = pos if pos else locate(value)
            refs.append(make_ref(found[0], ctx, lines, line, col, found[1]))
        elif kind == "command":
            if not commands.TRIGGER.search(value.encode("utf-8", "replace")):
                continue
            if pos:
                first, last = pos
            else:
                first = locate(value)[0]
                last = first + value.count("\n")
            for logical in commands.logical_lines(value):
                r, u = commands.scan_logical(
                    logical[2], ctx, lines, first, last, variables, assignments=True
                )
                refs.extend(r)
                unresolvable.extend(u)
        elif kind == "argv":
            first, last = pos if pos else (locate(value[0])[0], locate(value[-1])[0])
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


def _written_by_licaudit(data: object) -> bool:
    """licaudit's own outputs (JSON report, lockfile, SARIF, SPDX, CycloneDX) name the models they
    describe, not models the code uses: a saved report must not count as a reference."""
    if not isinstance(data, dict):
        return False

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
    hits = [(*h, None) for h in _walk(data, None, False, False, False, [MAX_NODES])]
    return _emit(hits, ctx, lines, _text_locator(text))


def scan_toml(text: str, ctx: Context) -> Found:
    data = _parsed(load_toml, text).data
    lines = text.splitlines()
    hits = [(*h, None) for h in _walk(data, None, False, False, False, [MAX_NODES])]
    return _emit(hits, ctx, lines, _text_locator(text))


# ---------------------------------------------------------------- YAML, with positions


def _scalar_pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _yaml_walk(
    node, key, ollama, command, env, seen: set[int], budget: list[int]
) -> Iterator[tuple]:
    import yaml  # imported by scan_yaml: JSON, TOML, .env and HCL scans never load it

    if id(node) in seen:  # aliases point at nodes already walked: never expand them
        return
    seen.add(id(node))
    budget[0] -= 1
    if budget[0] < 0:
        return
    if isinstance(node, yaml.MappingNode):
        pairs = []
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                pairs.append((k.value, v.value if isinstance(v, yaml.ScalarNode) else None))
        hint = ollama or _ollama_siblings([(k, v) for k, v in pairs if v is not None])
        nv = _name_value([(k, v) for k, v in pairs if v is not None])
        if nv:
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and norm_key(k.value) == "value":
                    yield ("kv", nv[0], nv[1], hint, _scalar_pos(v))
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                continue
            nk = norm_key(k.value)
            if nk in _OWN_KEYS:
                continue
            sub_command = command or nk in _COMMAND_KEYS
            if isinstance(v, yaml.ScalarNode):
                if (
                    v.tag != "tag:yaml.org,2002:str"
                    and v.style is None
                    and not _is_plain_str(v.value)
                ):
                    continue
                if is_model_key(k.value):
                    yield ("model", k.value, v.value, hint or "ollama" in nk, _scalar_pos(v))
                elif is_dataset_key(k.value):
                    yield ("dataset", k.value, v.value, hint, _scalar_pos(v))
                if sub_command and " " in v.value.strip():
                    yield (
                        "command",
                        k.value,
                        v.value,
                        hint,
                        (v.start_mark.line + 1, v.end_mark.line + 1),
                    )
            else:
                yield from _yaml_walk(
                    v, k.value, hint or "ollama" in nk, sub_command, nk in _ENV_KEYS, seen, budget
                )
    elif isinstance(node, yaml.SequenceNode):
        items = node.value
        if command and items and all(isinstance(x, yaml.ScalarNode) for x in items):
            yield (
                "argv",
                key,
                [x.value for x in items],
                ollama,
                (items[0].start_mark.line + 1, items[-1].end_mark.line + 1),
            )
        for x in items:
            if isinstance(x, yaml.ScalarNode):
                if env:
                    m = _KV.match(x.value)
                    if m:
                        yield ("kv", m.group(1), m.group(2), ollama, _scalar_pos(x))
                        continue
                if is_model_key(key or ""):
                    yield ("model", key, x.value, ollama, _scalar_pos(x))
                elif is_dataset_key(key or ""):
                    yield ("dataset", key, x.value, ollama, _scalar_pos(x))
                elif command and not (len(items) > 1) or command and " " in x.value.strip():
                    yield (
                        "command",
                        key,
                        x.value,
                        ollama,
                        (x.start_mark.line + 1, x.end_mark.line + 1),
                    )
            else:
                yield from _yaml_walk(x, key, ollama, command, env, seen, budget)


def _is_plain_str(value: str) -> bool:
    return "/" in value or ":" in value


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
    hits = []
    seen: set[int] = set()
    budget = [MAX_NODES]
    for doc in docs:
        if doc is not None:
            hits.extend(_yaml_walk(doc, None, False, False, False, seen, budget))
    # a line-based pass finds the value's exact column when the mark points at a quote
    fixed = []
    for kind, key, value, ollama, pos in hits:
        if kind in ("model", "dataset", "kv") and pos:
            line = pos[0]
            col = lines[line - 1].find(value) + 1 if 0 < line <= len(lines) else 0
            pos = (line, col if col > 0 else pos[1])
        fixed.append((kind, key, value, ollama, pos))
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
        found = keyed_value(m.group(1), m.group(3), ctx) if m else None
        if found:
            refs.append(make_ref(found[0], ctx, lines, n, line.find(m.group(3)) + 1, found[1]))
    return refs, unresolvable


# ---------------------------------------------------------------- .env and Terraform/HCL

_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$")


def scan_env(text: str, ctx: Context) -> Found:
    lines = text.splitlines()
    refs: list[ModelRef] = []
    for n, line in enumerate(lines, 1):
        m = _ENV_LINE.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2)
        if value[:1] in ("'", '"'):
            q = value[0]
            end = value.find(q, 1)
            value = value[1:end] if end > 0 else value[1:]
        else:
            value = value.split(" #", 1)[0].strip()
        found = keyed_value(key, value, ctx)
        if found:
            refs.append(make_ref(found[0], ctx, lines, n, max(line.find(value) + 1, 1), found[1]))
    return refs, []


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
        if is_model_key(key) or is_dataset_key(key):
            found = keyed_value(key, value, ctx)
            if found:
                refs.append(
                    make_ref(found[0], ctx, lines, line, lines[line - 1].find(value) + 1, found[1])
                )
        elif norm_key(key) in _COMMAND_KEYS and commands.TRIGGER.search(value.encode()):
            r, u = commands.scan_logical(value, ctx, lines, line, line, variables)
            refs.extend(r)
            unresolvable.extend(u)
    # env { name = "MODEL_ID"  value = "org/name" }
    for n, line_text in enumerate(lines, 1):
        m = _HCL_NAME.match(line_text)
        if not m or not is_model_key(m.group(1)) and not is_dataset_key(m.group(1)):
            continue
        for k in range(n, min(n + 3, len(lines))):
            mv = _HCL_VALUE.match(lines[k])
            if mv:
                found = keyed_value(m.group(1), mv.group(1), ctx)
                if found:
                    refs.append(
                        make_ref(
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


YAML = FunctionScanner("yaml", TRIGGER, scan_yaml)
JSON = FunctionScanner("json", TRIGGER, scan_json)
TOML = FunctionScanner("toml", TRIGGER, scan_toml)
ENV = FunctionScanner("env", TRIGGER, scan_env)
HCL = FunctionScanner("hcl", TRIGGER, scan_hcl)
