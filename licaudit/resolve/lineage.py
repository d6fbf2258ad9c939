"""Lineage: the licenses that bind a model through its ``base_model`` ancestry."""

from __future__ import annotations

from collections.abc import Callable

from ..model import EffectiveLicense, ModelRecord, model_key

MAX_DEPTH = 12  # ancestor levels the resolver examines; one beyond is recorded unexamined


def ancestry(
    record: ModelRecord, lookup: Callable[[str], ModelRecord | None]
) -> list[tuple[tuple[str, ...], ModelRecord]]:
    """Every ancestor with the chain that reaches it (model -> ... -> ancestor), breadth first,
    cycle-safe. The model itself comes first with chain ``(model,)``. The depth bound is the
    resolver's: ``lookup`` knows the records it made, and an ancestor beyond ``MAX_DEPTH`` is
    one of them (unexamined, license unknown), so a long chain is never cut short here."""
    out: list[tuple[tuple[str, ...], ModelRecord]] = [((record.id,), record)]
    seen = {model_key(record.id, record.source)}
    frontier = [((record.id,), record)]
    while frontier:
        nxt = []
        for chain, rec in frontier:
            for base in rec.base_models:
                if model_key(base) in seen:
                    continue
                seen.add(model_key(base))
                parent = lookup(base)
                if parent is None:
                    continue
                item = ((*chain, parent.id), parent)
                out.append(item)
                nxt.append(item)
        frontier = nxt
    return out


def effective_licenses(
    record: ModelRecord, lookup: Callable[[str], ModelRecord | None]
) -> tuple[EffectiveLicense, ...]:
    """The model's own license plus every ancestor's (one entry per model in the ancestry)."""
    return tuple(
        EffectiveLicense(rec.license, rec.id, chain) for chain, rec in ancestry(record, lookup)
    )
