"""``licaudit: ignore`` and ``licaudit: ignore[ID]`` comments on a reference's line."""

from __future__ import annotations

import dataclasses
import re

from ..model import ModelRef

_IGNORE = re.compile(r"licaudit:\s*ignore(?:\[([^\]]*)\])?", re.IGNORECASE)


def suppressed_ids(line: str) -> set[str] | None:
    """None when the line carries no marker; an empty set for a bare ``ignore`` (every id)."""
    found: set[str] | None = None
    for m in _IGNORE.finditer(line):
        found = found if found is not None else set()
        if m.group(1) is None:
            return set()
        found.update(x.strip().lower() for x in m.group(1).split(",") if x.strip())
    return found


def suppresses(ids: set[str] | None, ident: str) -> bool:
    """Whether markers read by ``suppressed_ids`` cover ``ident``: a bare ``ignore`` covers every
    id, ``ignore[ID]`` that id (case-insensitive) and an Ollama name without tag every tag."""
    if ids is None:
        return False
    low = ident.lower()
    return not ids or low in ids or low.split(":")[0] in ids


def is_suppressed(ref: ModelRef, line: str) -> bool:
    return suppresses(suppressed_ids(line), ref.id)


def mark_suppressed(ref: ModelRef) -> ModelRef:
    return dataclasses.replace(
        ref, suppressed=True, location=dataclasses.replace(ref.location, suppressed=True)
    )


def apply_suppressions(refs: list[ModelRef], text: str) -> list[ModelRef]:
    """Mark the references whose source line in ``text`` carries a suppression marker. A
    position inside a notebook cell is not a line of ``text``: the notebook scanner reads the
    cell's markers itself."""
    lines = text.splitlines()
    out = []
    for ref in refs:
        if ref.location.cell is not None:
            out.append(ref)
            continue
        n = ref.location.line
        line = lines[n - 1] if 0 < n <= len(lines) else ""
        out.append(mark_suppressed(ref) if is_suppressed(ref, line) else ref)
    return out
