"""Ollama Modelfiles (``Modelfile``, ``*.Modelfile``): ``FROM name[:tag]``, ``FROM ./file.gguf``
(the local file), ``FROM hf.co/org/repo:quant`` and ``ADAPTER``."""

from __future__ import annotations

import posixpath
import re

from ..model import LOCAL, ModelRef
from .common import Context, Found, Trigger, make_ref
from .ids import classify
from .interface import FunctionScanner

TRIGGER = Trigger(b"from", b"adapter")
_LINE = re.compile(r"^\s*(FROM|ADAPTER)\s+(\S+)", re.I)


def _local_target(value: str, ctx: Context) -> str | None:
    """The path of a local FROM/ADAPTER target relative to the root, or None when it is not one."""
    if value.startswith(("/", "~")):
        return None
    if not (
        value.startswith(("./", "../"))
        or value.lower().endswith((".gguf", ".safetensors", ".bin"))
        or "/" not in value
        and ctx.is_local_path(value)
    ):
        return None
    joined = posixpath.normpath(posixpath.join(ctx.folder, value))
    if joined.startswith("../") or joined == "..":
        return None
    return joined


def scan(text: str, ctx: Context) -> Found:
    lines = text.splitlines()
    refs: list[ModelRef] = []
    for n, line in enumerate(lines, 1):
        m = _LINE.match(line)
        if not m:
            continue
        instr, value = m.group(1).upper(), m.group(2).strip("'\"")
        col = m.start(2) + 1
        local = _local_target(value, ctx)
        if local is not None:
            refs.append(
                make_ref((local, LOCAL), ctx, lines, n, col, f"Modelfile {instr} (local file)")
            )
            continue
        ident = classify(value, ollama=True)
        if ident:
            refs.append(make_ref(ident, ctx, lines, n, col, f"Modelfile {instr}"))
    return refs, []


SCANNER = FunctionScanner("modelfile", TRIGGER, scan)
