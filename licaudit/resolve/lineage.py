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
    """The model's own license plus every ancestor's (one entry per model in the ancestry),
    less the ancestors' licenses their licensor granted anew (``granted_anew``)."""
    return tuple(
        EffectiveLicense(rec.license, rec.id, chain)
        for chain, rec in ancestry(record, lookup)
        if not granted_anew(chain, rec, lookup)
    )


def granted_anew(
    chain: tuple[str, ...], ancestor: ModelRecord, lookup: Callable[[str], ModelRecord | None]
) -> bool:
    """Has the licensor of the ancestor's license published a model on the chain under a license
    of its own? The same publisher releasing a derivative under another license (DeepSeek's
    MIT DeepSeek-R1 on its DeepSeek-V3-Base) is the licensor's grant, not a conflict: the
    ancestor's own license does not bind through that model. Its own ancestors' licenses, and
    every third party's, still do."""
    from ..licensing import knowledge_base

    if len(chain) < 2 or not ancestor.license or not ancestor.publisher.org:
        return False
    kb = knowledge_base()
    lic = kb.lookup(ancestor.license)
    if lic is None or lic.placeholder:
        return False
    for mid in chain[:-1]:
        rec = lookup(mid)
        if rec is None or (rec.publisher.org or "").lower() != ancestor.publisher.org.lower():
            continue
        own = kb.lookup(rec.license) if rec.license else None
        if (
            own is not None
            and own.id != lic.id
            and not own.placeholder
            and own.category != "unknown"
            and same_party(rec.publisher.name, lic.licensor_name)
        ):
            return True
    return False


def same_party(a: str | None, b: str | None) -> bool:
    """Do two legal names name the same party ("Alibaba Cloud" and "Alibaba Cloud (Alibaba
    Group)" do)? Case and punctuation aside, one must begin with the other."""
    if not a or not b:
        return False
    x, y = (" ".join("".join(c if c.isalnum() else " " for c in n.lower()).split()) for n in (a, b))
    return bool(x and y) and (x.startswith(y) or y.startswith(x))
