"""resolve: what each referenced model is and what it declares.

``resolve(refs, ...)`` returns a ``Resolution``: one ``ModelRecord`` per referenced model and
per ancestor reached through ``base_model`` lineage, each fact with its provenance.
Sources, in order: the lockfile (pins used as is), local metadata, the Hugging Face Hub (online,
cached on disk), the built-in catalog. When the Hub and the catalog disagree the Hub wins and the
record's ``notes`` say so; a model no source knows has ``license: None`` and ``unresolved`` says why.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..cards import CARD, ArtifactMetadata
from ..licensing import knowledge_base
from ..licensing.expression import ExpressionError, looks_like_expression, parse_expression
from ..model import HUGGINGFACE, LOCAL, OLLAMA, Fact, ModelRecord, ModelRef, Publisher, model_key
from . import lockfile as lockfile_mod
from .catalog import Catalog, catalog
from .lineage import MAX_DEPTH

MAX_WORKERS = 8

# Hub pipeline tags -> the modalities a model takes or produces (not license facts: the Hub's
# task taxonomy, used when the catalog has no entry).
PIPELINE_MODALITIES: dict[str, tuple[str, ...]] = {
    "text-generation": ("text",),
    "text2text-generation": ("text",),
    "fill-mask": ("text",),
    "feature-extraction": ("text",),
    "sentence-similarity": ("text",),
    "text-classification": ("text",),
    "token-classification": ("text",),
    "question-answering": ("text",),
    "summarization": ("text",),
    "translation": ("text",),
    "text-ranking": ("text",),
    "zero-shot-classification": ("text",),
    "image-text-to-text": ("image", "text"),
    "visual-question-answering": ("image", "text"),
    "image-to-text": ("image", "text"),
    "text-to-image": ("image", "text"),
    "image-to-image": ("image",),
    "unconditional-image-generation": ("image",),
    "image-classification": ("image",),
    "image-segmentation": ("image",),
    "object-detection": ("image",),
    "zero-shot-image-classification": ("image", "text"),
    "automatic-speech-recognition": ("audio", "text"),
    "text-to-speech": ("audio", "text"),
    "text-to-audio": ("audio", "text"),
    "audio-classification": ("audio",),
    "audio-to-audio": ("audio",),
    "text-to-video": ("text", "video"),
    "image-to-video": ("image", "video"),
    "video-text-to-text": ("text", "video"),
}
_RELATIONS = ("adapter", "finetune", "merge", "quantized", "distillation", "distill")


@dataclass
class Resolution:
    records: dict[str, ModelRecord] = field(default_factory=dict)  # model_key -> record
    warnings: list[str] = field(
        default_factory=list
    )  # run-level: "Hub unreachable, used the catalog"
    lockfile: str | None = None  # the lockfile used, relative to the root
    unlocked: list[str] = field(default_factory=list)  # referenced ids the lockfile does not pin
    pinned: dict[str, ModelRecord] = field(default_factory=dict)  # model_key -> record as pinned
    hub_requests: int = 0  # HTTP requests made to the Hub (cache hits excluded)

    def get(self, model_id: str, source: str = HUGGINGFACE) -> ModelRecord | None:
        return self.records.get(model_key(model_id, source))


# -- declared licenses ------------------------------------------------------------------------


def _license_id(declared: str | None) -> str | None:
    if not declared:
        return None
    lic = knowledge_base().lookup(declared)
    return lic.id if lic else declared


def license_fields(declared: Any, license_name: str | None = None) -> tuple[str | None, str | None]:
    """(license, license_expression) for a declared license.

    ``other`` + ``license_name`` is the knowledge-base id of the name; a list is every license
    at once (an ``AND`` expression); an SPDX expression is kept as written."""
    if isinstance(declared, (list, tuple)):
        items = [str(x).strip() for x in declared if str(x).strip()]
        if not items:
            declared = None
        elif len(items) == 1:
            declared = items[0]
        else:
            declared = " AND ".join(items)
    if declared is None:
        return None, None
    declared = str(declared).strip()
    if not declared:
        return None, None
    if declared.lower() == "other" and license_name:
        return _license_id(str(license_name).strip()), None
    if looks_like_expression(declared):
        return _expression_license(declared), declared
    return _license_id(declared), None


def _expression_license(expression: str) -> str:
    """The license value for a declared SPDX expression: the expression with knowledge-base ids
    (``Apache-2.0 OR MIT`` -> ``apache-2.0 OR mit``), as the policy engine expands it; the
    expression as declared when it does not parse."""
    try:
        return parse_expression(expression).normalized or expression
    except ExpressionError:
        return expression


# -- records from each source -----------------------------------------------------------------


def _publisher(cat: Catalog, org: str | None, provenance: dict[str, Fact]) -> Publisher:
    """The publisher of ``org`` as the catalog knows it (its fact added to ``provenance``), else
    the org alone."""
    pub = cat.publisher(org)
    if pub is None:
        return Publisher(org=org)
    provenance["publisher"] = Fact("catalog", f"publisher {pub.org} ({pub.source})")
    return Publisher(name=pub.name, country=pub.country, org=org)


def from_catalog(model_id: str, cat: Catalog) -> ModelRecord:
    """A Hub model as the catalog knows it (license None with the reason when it does not)."""
    org = model_id.split("/")[0]
    entry = cat.model(model_id)
    provenance: dict[str, Fact] = {}
    publisher = _publisher(cat, org, provenance)
    if entry is None:
        return ModelRecord(
            id=model_id,
            source=HUGGINGFACE,
            publisher=publisher,
            provenance=provenance,
            unresolved="not in the built-in catalog (resolve online or pin it in the lockfile)",
        )
    fact = Fact("catalog", entry.detail)
    if entry.license:
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
        unresolved=None if entry.license else f"the catalog lists no license ({entry.detail})",
    )


def from_ollama(name_tag: str, cat: Catalog) -> ModelRecord:
    """An Ollama library tag: a repackaging of its upstream Hub model, whose catalog entry gives
    the license, the publisher and the modalities (the EU multimodal exclusion needs them)."""
    upstream, entry = cat.ollama_upstream(name_tag)
    if entry is None:
        return ModelRecord(
            id=name_tag, source=OLLAMA, unresolved="not in the built-in Ollama library catalog"
        )
    fact = Fact("catalog", f"ollama library {entry['name']} ({entry['source']})")
    provenance: dict[str, Fact] = {}
    if upstream:
        provenance["base_models"] = fact
    up = cat.model(upstream) if upstream else None
    lic = entry.get("license")
    if lic is None and up is not None:
        lic = up.license
        fact = Fact("catalog", f"ollama library {entry['name']} -> {upstream}: {up.detail}")
    if lic:
        provenance["license"] = fact
    publisher = _publisher(cat, upstream.split("/")[0] if upstream else None, provenance)
    modalities = up.modalities if up is not None else ()
    if modalities:
        provenance["modalities"] = fact
    return ModelRecord(
        id=name_tag,
        source=OLLAMA,
        license=_license_id(lic),
        base_models=(upstream,) if upstream else (),
        base_model_relation="quantized" if upstream else None,
        publisher=publisher,
        modalities=modalities,
        provenance=provenance,
        unresolved=None if lic else f"no license known for the tag {name_tag}",
    )


def _as_tuple(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if isinstance(v, str) and v.strip())
    return ()


def from_local(ref: ModelRef, cat: Catalog | None = None) -> ModelRecord:
    """A local artifact, from what discovery read of it (card front matter, GGUF header, LICENSE)."""
    meta = ref.metadata or ArtifactMetadata(CARD, ref.location.path)
    lic, expression = license_fields(meta.license, meta.license_name)
    fact = Fact(meta.source, meta.path or ref.location.path)
    provenance: dict[str, Fact] = {}
    if lic:
        provenance["license"] = fact
    if meta.base_models:
        provenance["base_models"] = fact
    org = meta.organization
    publisher = _publisher(cat, org, provenance) if cat is not None else Publisher(org=org)
    return ModelRecord(
        id=ref.id,
        source=LOCAL,
        license=lic,
        license_expression=expression,
        license_name=meta.license_name,
        license_link=meta.license_link,
        base_models=meta.base_models,
        base_model_relation=meta.base_model_relation,
        publisher=publisher,
        eu_disallowed=meta.eu_disallowed,
        provenance=provenance,
        unresolved=None if lic else "the local artifact declares no license",
    )


def _tag_facts(tags: Iterable[str]) -> tuple[str | None, tuple[str, ...], str | None]:
    """(license, base models, relation) from Hub tags (``license:x``, ``base_model:rel:org/name``)."""
    lic = None
    bases: list[str] = []
    relation = None
    for tag in tags:
        if tag.startswith("license:") and lic is None:
            lic = tag[len("license:") :]
        elif tag.startswith("base_model:"):
            rest = tag[len("base_model:") :]
            head, sep, tail = rest.partition(":")
            if sep and head in _RELATIONS:
                relation = relation or head
                rest = tail
            if rest and rest not in bases:
                bases.append(rest)
    return lic, tuple(bases), relation


def from_hub(model_id: str, info: Mapping[str, Any], cat: Catalog) -> ModelRecord:
    """A Hub model from what the Hub says, completed (never overridden) by the catalog."""
    card = info.get("card") or {}
    sha = info.get("sha")
    at = f" at revision {sha[:12]}" if sha else ""
    card_fact = Fact("hub", f"hub {info.get('card_source') or 'card data'}{at}")
    tags_fact = Fact("hub", f"hub tags{at}")
    tag_license, tag_bases, tag_relation = _tag_facts(info.get("tags") or ())
    provenance: dict[str, Fact] = {}
    notes: list[str] = []

    declared = card.get("license")
    lic, expression = license_fields(declared, card.get("license_name"))
    if lic:
        provenance["license"] = card_fact
    elif tag_license:
        lic, expression = license_fields(tag_license, card.get("license_name"))
        provenance["license"] = tags_fact
    base = _as_tuple(card.get("base_model"))
    relation = (
        card.get("base_model_relation")
        if isinstance(card.get("base_model_relation"), str)
        else None
    )
    if base:
        provenance["base_models"] = card_fact
    elif tag_bases:
        base = tag_bases
        provenance["base_models"] = tags_fact
    relation = relation or (tag_relation if base else None)
    gated_raw = info.get("gated")
    gated = bool(gated_raw) if gated_raw is not None else None
    if gated is not None:
        provenance["gated"] = Fact("hub", f"hub model info{at}")
    eu_raw = card.get("extra_gated_eu_disallowed")
    eu = bool(eu_raw) if eu_raw is not None else None
    if eu is not None:
        provenance["eu_disallowed"] = card_fact
    pipeline = info.get("pipeline_tag") or card.get("pipeline_tag")
    modalities = PIPELINE_MODALITIES.get(pipeline, ()) if isinstance(pipeline, str) else ()
    if modalities:
        provenance["modalities"] = Fact("hub", f"hub pipeline tag {pipeline}{at}")
    provenance["revision"] = Fact("hub", f"hub model info{at}")

    entry = cat.model(model_id)
    if entry is not None:
        cat_fact = Fact("catalog", entry.detail)
        cat_lic = _license_id(entry.license)
        if lic and cat_lic and lic != cat_lic:
            notes.append(
                f"the Hub declares {lic}, the catalog {cat_lic} ({entry.detail}): the Hub wins"
            )
        if not lic and cat_lic:
            lic = cat_lic
            provenance["license"] = cat_fact
            notes.append(f"the Hub card declares no license: the catalog's {cat_lic} is used")
        if not base and entry.base_models:
            base = entry.base_models
            relation = relation or entry.base_model_relation
            provenance["base_models"] = cat_fact
        if not modalities and entry.modalities:
            modalities = entry.modalities
            provenance["modalities"] = cat_fact
        if gated is None and entry.gated is not None:
            gated = entry.gated
            provenance["gated"] = cat_fact
    org = model_id.split("/")[0]
    publisher = _publisher(cat, org, provenance)
    if "publisher" not in provenance and info.get("author"):
        publisher = Publisher(org=info["author"])
        provenance["publisher"] = Fact("hub", f"hub author{at}")
    unresolved = None
    if not lic:
        unresolved = (
            "the Hub card declares no license and the built-in catalog does not know the model"
        )
        if info.get("card_error"):
            unresolved += f" (the model card could not be read: {info['card_error']})"
    return ModelRecord(
        id=info.get("id") or model_id,
        source=HUGGINGFACE,
        revision=sha,
        license=lic,
        license_expression=expression,
        license_name=card.get("license_name")
        if isinstance(card.get("license_name"), str)
        else None,
        license_link=card.get("license_link")
        if isinstance(card.get("license_link"), str)
        else None,
        base_models=base,
        base_model_relation=relation,
        publisher=publisher,
        gated=gated,
        eu_disallowed=eu,
        modalities=tuple(sorted(modalities)),
        provenance=provenance,
        notes=tuple(notes),
        unresolved=unresolved,
    )


def from_lockfile(rec: ModelRecord, lockname: str) -> ModelRecord:
    """A pinned record, used as is; each fact says it came through the lockfile and from where."""
    provenance = {
        k: Fact("lockfile", f"{lockname} ({f.source})" + (f": {f.detail}" if f.detail else ""))
        for k, f in rec.provenance.items()
    }
    if rec.license and "license" not in provenance:  # written into the lockfile by hand
        provenance["license"] = Fact("lockfile", f"{lockname}: pinned without a source")
    unresolved = rec.unresolved
    if rec.license is None:
        unresolved = (
            f"pinned in {lockname} without a license ({rec.unresolved or 'no source declared one'}); "
            f"run 'licaudit lock --update' online, or write the license into {lockname}"
        )
    return replace(rec, provenance=provenance, unresolved=unresolved)


def _hub_fallback(model_id: str, answer: Any, cat: Catalog) -> ModelRecord:
    rec = from_catalog(model_id, cat)
    if answer.status == "unreachable":
        if rec.unresolved:
            rec = replace(
                rec,
                unresolved="the Hub could not be reached and the model is not in the built-in catalog",
            )
        return rec
    if rec.unresolved:
        return replace(rec, unresolved=f"{answer.message}; not in the built-in catalog either")
    return replace(rec, notes=(*rec.notes, f"{answer.message}; the catalog's facts are used"))


# -- the resolver -----------------------------------------------------------------------------


class _Progress:
    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.done = 0
        self.total = 0
        self.shown = False

    def add(self, n: int) -> None:
        self.total += n
        self._show()

    def step(self) -> None:
        self.done += 1
        self._show()

    def _show(self) -> None:
        if self.enabled and self.total:
            width = 24
            filled = int(width * self.done / self.total)
            sys.stderr.write(
                f"\rresolving models [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
            )
            sys.stderr.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def resolve(
    refs: Iterable[ModelRef],
    *,
    root: Path | None = None,
    lockfile: Path | None = None,
    offline: bool = True,
    cat: Catalog | None = None,
    hub: Any = None,
    use_lockfile: bool = True,
    require_locked: bool = False,
    refresh: bool = False,
    progress: bool | None = None,
) -> Resolution:
    """Records for every referenced model and its ancestors.

    ``lockfile`` (when it exists and ``use_lockfile``) pins records; ``require_locked`` raises
    ``NotLockedError`` before any network use when a reference is not pinned. ``offline`` (or
    ``HF_HUB_OFFLINE``) keeps to the lockfile, local metadata and the catalog; otherwise the Hub
    is asked (``hub``: a ``HubClient``, cached on disk unless ``refresh``) and the catalog is
    the fallback. Network problems never raise: they become notes, ``unresolved`` reasons and
    one run-level warning."""
    from .hub import HubClient, offline_from_env

    refs = list(refs)
    res = Resolution()
    pins: dict[str, ModelRecord] = {}
    lockname = lockfile.name if lockfile is not None else "licaudit.lock"
    if lockfile is not None and use_lockfile:
        loaded = lockfile_mod.read(lockfile)
        if loaded is not None:
            pins = loaded
            res.pinned = {model_key(r.id, r.source): r for r in loaded.values()}
            try:
                res.lockfile = (
                    lockfile.relative_to(root).as_posix() if root is not None else lockname
                )
            except ValueError:
                res.lockfile = lockname
    res.unlocked = sorted(
        {
            r.id
            for r in refs
            if lockfile_mod.pinnable(r.source) and model_key(r.id, r.source) not in pins
        },
        key=str.lower,
    )
    if require_locked and res.unlocked:
        raise lockfile_mod.NotLockedError(lockname, res.unlocked)

    cat = cat or catalog()
    offline = offline or offline_from_env()
    client = None if offline else (hub or HubClient())
    show = sys.stderr.isatty() if progress is None else progress
    bar = _Progress(show)

    level: list[tuple[str, str, ModelRef | None, str | None]] = []
    queued: set[str] = set()
    for ref in refs:
        k = model_key(ref.id, ref.source)
        if k not in queued:
            queued.add(k)
            level.append((ref.id, ref.source, ref, ref.revision))
    failures: dict[str, str] = {}
    fell_back = 0
    depth = 0
    try:
        with ThreadPoolExecutor(max_workers=MAX_WORKERS) as pool:
            while level and depth <= MAX_DEPTH:
                to_fetch = [
                    (mid, rev)
                    for mid, source, _ref, rev in level
                    if source == HUGGINGFACE
                    and model_key(mid, source) not in pins
                    and client is not None
                ]
                bar.add(len(to_fetch))

                def fetch(item: tuple[str, str | None]) -> Any:
                    try:
                        return client.fetch(item[0], item[1], refresh=refresh)
                    finally:
                        bar.step()

                answers = dict(
                    zip([m for m, _ in to_fetch], pool.map(fetch, to_fetch), strict=True)
                )
                nxt: list[tuple[str, str, ModelRef | None, str | None]] = []
                for mid, source, ref, _rev in level:
                    k = model_key(mid, source)
                    pin = pins.get(model_key(mid, source))
                    if pin is not None:
                        rec = from_lockfile(pin, lockname)
                    elif source == LOCAL and ref is not None:
                        rec = from_local(ref, cat)
                    elif source == OLLAMA:
                        rec = from_ollama(mid, cat)
                    elif mid in answers:
                        answer = answers[mid]
                        if answer.ok:
                            rec = from_hub(mid, answer.info, cat)
                        else:
                            rec = _hub_fallback(mid, answer, cat)
                            if answer.status == "unreachable":
                                fell_back += 1
                            else:
                                failures[mid] = answer.message
                    else:
                        rec = from_catalog(mid, cat)
                    res.records[k] = rec
                    for base in rec.base_models:
                        bk = model_key(base, HUGGINGFACE)
                        if bk not in queued:
                            queued.add(bk)
                            nxt.append((base, HUGGINGFACE, None, None))
                level = nxt
                depth += 1
    finally:
        bar.close()
    if client is not None:
        res.hub_requests = client.requests
        if client.down:
            res.warnings.append(
                f"{client.down}: {fell_back} model(s) resolved from the lockfile and the built-in catalog instead"
                " (use --offline to skip the Hub)"
            )
    for mid in sorted(failures, key=str.lower):
        res.warnings.append(f"{mid}: {failures[mid]}")
    return res
