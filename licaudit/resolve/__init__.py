"""resolve: what each referenced model is and what it declares.

``resolve(refs, ...)`` returns a ``Resolution``: one ``ModelRecord`` per referenced model and
per ancestor reached through ``base_model`` lineage, each fact with its provenance.
Sources, in order: lockfile, local metadata, the Hugging Face Hub (online), the built-in catalog.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..licensing import knowledge_base
from ..model import HUGGINGFACE, LOCAL, OLLAMA, Fact, ModelRecord, ModelRef, Publisher
from .catalog import Catalog, catalog
from .lineage import MAX_DEPTH


def model_key(model_id: str, source: str = HUGGINGFACE) -> str:
    """Hub ids compare case-insensitively; other identities as written."""
    return model_id.lower() if source == HUGGINGFACE else model_id


@dataclass
class Resolution:
    records: dict[str, ModelRecord] = field(default_factory=dict)  # model_key -> record
    warnings: list[str] = field(default_factory=list)  # run-level: "Hub unreachable, used the catalog"
    lockfile: str | None = None  # the lockfile used, relative to the root
    unlocked: list[str] = field(default_factory=list)  # referenced ids the lockfile does not pin

    def get(self, model_id: str, source: str = HUGGINGFACE) -> ModelRecord | None:
        return self.records.get(model_key(model_id, source))


def _license_id(declared: str | None) -> str | None:
    if not declared:
        return None
    lic = knowledge_base().lookup(declared)
    return lic.id if lic else declared


def _publisher(cat: Catalog, org: str | None, detail: str) -> tuple[Publisher, Fact | None]:
    pub = cat.publisher(org)
    if pub is None:
        return Publisher(org=org), None
    return Publisher(name=pub.name, country=pub.country, org=org), Fact("catalog", f"publisher {pub.org} ({pub.source})")


def from_catalog(model_id: str, cat: Catalog) -> ModelRecord:
    """A Hub model as the catalog knows it (license None with the reason when it does not)."""
    org = model_id.split("/")[0]
    entry = cat.model(model_id)
    publisher, pub_fact = _publisher(cat, org, model_id)
    provenance: dict[str, Fact] = {}
    if pub_fact:
        provenance["publisher"] = pub_fact
    if entry is None:
        return ModelRecord(
            id=model_id,
            source=HUGGINGFACE,
            publisher=publisher,
            provenance=provenance,
            unresolved="not in the built-in catalog (resolve online or pin it in the lockfile)",
        )
    fact = Fact("catalog", entry.detail)
    provenance["license"] = fact
    if entry.base_models:
        provenance["base_models"] = fact
    if entry.modalities:
        provenance["modalities"] = fact
    if entry.gated is not None:
        provenance["gated"] = fact
    return ModelRecord(
        id=model_id if entry.is_pattern else entry.key,
        source=HUGGINGFACE,
        license=_license_id(entry.license),
        base_models=entry.base_models,
        base_model_relation=entry.base_model_relation,
        publisher=publisher,
        gated=entry.gated,
        modalities=entry.modalities,
        provenance=provenance,
    )


def from_ollama(name_tag: str, cat: Catalog) -> ModelRecord:
    upstream, entry = cat.ollama_upstream(name_tag)
    if entry is None:
        return ModelRecord(id=name_tag, source=OLLAMA, unresolved="not in the built-in Ollama library catalog")
    fact = Fact("catalog", f"ollama library {entry['name']} ({entry['source']})")
    provenance = {}
    if upstream:
        provenance["base_models"] = fact
    lic = entry.get("license")
    if lic is None and upstream:
        up = cat.model(upstream)
        lic = up.license if up else None
        if up:
            fact = Fact("catalog", f"ollama library {entry['name']} -> {upstream}: {up.detail}")
    if lic:
        provenance["license"] = fact
    return ModelRecord(
        id=name_tag,
        source=OLLAMA,
        license=_license_id(lic),
        base_models=(upstream,) if upstream else (),
        base_model_relation="quantized" if upstream else None,
        provenance=provenance,
        unresolved=None if lic else f"no license known for the tag {name_tag}",
    )


def from_local(ref: ModelRef) -> ModelRecord:
    """A local artifact, from what discovery read of it (card front matter, GGUF header, LICENSE)."""
    meta = dict(ref.metadata)
    source = meta.get("metadata_source", "card")
    declared = meta.get("license")
    if declared and str(declared).lower() == "other" and meta.get("license_name"):
        declared = meta["license_name"]
    base = meta.get("base_models") or ()
    if isinstance(base, str):
        base = (base,)
    fact = Fact(source, meta.get("metadata_path", ref.location.path))
    provenance = {}
    if declared:
        provenance["license"] = fact
    if base:
        provenance["base_models"] = fact
    return ModelRecord(
        id=ref.id,
        source=LOCAL,
        license=_license_id(declared),
        license_name=meta.get("license_name"),
        license_link=meta.get("license_link"),
        base_models=tuple(base),
        provenance=provenance,
        unresolved=None if declared else "the local artifact declares no license",
    )


def resolve(
    refs: Iterable[ModelRef],
    *,
    root: Path | None = None,
    lockfile: Path | None = None,
    offline: bool = True,
    cat: Catalog | None = None,
) -> Resolution:
    """Records for every referenced model and its ancestors.

    ``lockfile`` (when it exists) pins records; ``offline`` keeps to the lockfile, local metadata
    and the catalog; otherwise the Hub is asked (cached) and the catalog is the fallback."""
    cat = cat or catalog()
    res = Resolution()
    pending: list[tuple[str, str, int]] = []
    for ref in refs:
        key = model_key(ref.id, ref.source)
        if key in res.records:
            continue
        if ref.source == LOCAL:
            rec = from_local(ref)
        elif ref.source == OLLAMA:
            rec = from_ollama(ref.id, cat)
        else:
            rec = from_catalog(ref.id, cat)
        res.records[key] = rec
        pending.extend((b, HUGGINGFACE, 1) for b in rec.base_models)
    while pending:
        model_id, source, depth = pending.pop(0)
        key = model_key(model_id, source)
        if key in res.records or depth > MAX_DEPTH:
            continue
        rec = from_catalog(model_id, cat)
        res.records[key] = rec
        pending.extend((b, HUGGINGFACE, depth + 1) for b in rec.base_models)
    return res
