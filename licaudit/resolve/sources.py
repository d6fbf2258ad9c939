"""The offline sources, in the order the resolver asks them (see ``interface``): the lockfile's
pins, local artifacts, Ollama library tags, ModelScope copies of Hub models, the built-in
catalog. The Hub's source is in
``hub``; it comes between Ollama and the catalog.

Each source answers only the models it knows (a pin, a local reference, an Ollama tag) and None
otherwise; the catalog answers every Hub model, with the reason when it does not know it.
"""

from __future__ import annotations

from dataclasses import replace

from ..cards import CARD, ArtifactMetadata
from ..model import (
    HUGGINGFACE,
    INFERRED,
    LOCAL,
    MODELSCOPE,
    OLLAMA,
    URL,
    Fact,
    ModelRecord,
    ModelRef,
    Publisher,
    fetched_elsewhere,
)
from .catalog import FINETUNE, NAMESAKE, Catalog, CatalogDownload, CatalogModel
from .interface import Query, Source
from .lockfile import EDITED, HAND_EDITED, Pins
from .records import catalog_publisher, license_fields, license_id


class LockfileSource(Source):
    """Records pinned in the lockfile, used as is (never re-resolved); a pinned license the
    catalog disagrees with gets a note."""

    name = "lockfile"

    def __init__(self, pins: Pins, cat: Catalog | None = None):
        self.pins = pins
        self.cat = cat

    def lookup(self, query: Query) -> ModelRecord | None:
        pin = self.pins.records.get(query.key)
        return from_lockfile(pin, self.pins.name, self.cat) if pin is not None else None


class LocalSource(Source):
    """Model files on this machine, from what they declare about themselves: a local artifact
    referenced by the repository, or a Hub model's snapshot in a Hugging Face cache (its card
    and LICENSE at the cached revision, completed by the catalog; never the Hub)."""

    name = "local"

    def __init__(self, cat: Catalog):
        self.cat = cat

    def lookup(self, query: Query) -> ModelRecord | None:
        if query.ref is None:
            return None
        if query.source == LOCAL:
            return from_local(query.ref, self.cat)
        if query.source == HUGGINGFACE and query.ref.metadata is not None:
            return from_snapshot(query.ref, self.cat)
        return None


class RegistrySource(Source):
    """A model of a registry that is no model hub (a torch.hub GitHub repository, an Ultralytics
    release asset: the registries the loader data declares, ``model.fetched_elsewhere``) or weights
    downloaded from a URL that is no hub's (``model.URL``), from what the loader data records of
    it (the license a name map gives, with its licensor), which discovery carries on the
    reference, else, for a URL, from the catalog's download entries (the license a project
    states for the files under a URL prefix). Every such model is answered here, never by the
    Hub or the catalog's Hub entries (the id is no Hub id): unresolved when neither records a
    license."""

    name = "registry"

    def __init__(self, cat: Catalog):
        self.cat = cat

    def lookup(self, query: Query) -> ModelRecord | None:
        if not fetched_elsewhere(query.source):
            return None
        return from_registry(query, self.cat)


class OllamaSource(Source):
    """An Ollama library tag, through the catalog's table of library models."""

    name = "ollama"

    def __init__(self, cat: Catalog):
        self.cat = cat

    def lookup(self, query: Query) -> ModelRecord | None:
        return from_ollama(query.id, self.cat) if query.source == OLLAMA else None


class ModelScopeSource(Source):
    """A ModelScope model, through the catalog's table of ModelScope organizations that copy Hub
    models under their names: the upstream's terms, inferred from the name. Every ModelScope
    model is answered here (never by the Hub or the catalog's Hub entries: the id is not a Hub
    id), unresolved when the table does not lead to a model the catalog knows."""

    name = "modelscope"

    def __init__(self, cat: Catalog):
        self.cat = cat

    def lookup(self, query: Query) -> ModelRecord | None:
        return from_modelscope(query.id, self.cat) if query.source == MODELSCOPE else None


class CatalogSource(Source):
    """The built-in catalog (and the organization's own on top): the last word on any model
    no earlier source answered, offline."""

    name = "catalog"

    def __init__(self, cat: Catalog):
        self.cat = cat

    def lookup(self, query: Query) -> ModelRecord | None:
        return from_catalog(query.id, self.cat)


def from_catalog(model_id: str, cat: Catalog) -> ModelRecord:
    """A Hub model as the catalog knows it (license None with the reason when it does not)."""
    entry = cat.model(model_id)
    canonical = model_id
    legacy = cat.legacy(model_id) if entry is None else None
    if legacy is not None:  # a legacy id the Hub redirects
        canonical, entry = legacy
    org = canonical.split("/")[0]
    provenance: dict[str, Fact] = {}
    publisher = catalog_publisher(cat, org, provenance)
    if entry is None:
        inferred = cat.infer(model_id)
        if inferred is not None:
            return _inferred(model_id, inferred, publisher, provenance)
        return ModelRecord(
            id=model_id,
            source=HUGGINGFACE,
            publisher=publisher,
            provenance=provenance,
            unresolved="not in the built-in catalog (resolve online or pin it in the lockfile)",
        )
    detail = entry.detail
    if legacy is not None:
        detail = f"the Hub's legacy id of {canonical}: {entry.detail}"
    fact = Fact("catalog", detail, entry.verified, entry.license_note)
    if entry.license:
        provenance["license"] = fact
    if entry.base_models:
        provenance["base_models"] = fact
    if entry.modalities:
        provenance["modalities"] = fact
    if entry.gated is not None:
        provenance["gated"] = fact
    return ModelRecord(
        id=model_id if entry.is_pattern or legacy is not None else entry.key,
        source=HUGGINGFACE,
        license=license_id(entry.license),
        base_models=entry.base_models,
        base_model_relation=entry.base_model_relation,
        publisher=publisher,
        gated=entry.gated,
        modalities=entry.modalities,
        provenance=provenance,
        unresolved=None if entry.license else _no_license(entry),
    )


def _no_license(entry: CatalogModel) -> str:
    """Why a catalog entry names no license: its own note says (a test fixture, a family the
    catalog's patterns leave out on purpose)."""
    note = f": {entry.license_note}" if entry.license_note else ""
    return f"the catalog lists no license ({entry.detail}){note}"


def from_modelscope(model_id: str, cat: Catalog) -> ModelRecord:
    """A ModelScope model: the Hub model it copies (``Catalog.modelscope_copy``) is its base
    model, whose license it has, inferred from the name; unresolved otherwise."""
    copy = cat.modelscope_copy(model_id)
    if copy is None:
        return ModelRecord(
            id=model_id,
            source=MODELSCOPE,
            unresolved=(
                "a ModelScope model the built-in catalog does not know as a copy of a Hub model "
                "(pin it in the lockfile with its license)"
            ),
        )
    upstream, entry, how, org = copy
    provenance: dict[str, Fact] = {}
    publisher = catalog_publisher(cat, (upstream or entry.key).split("/")[0], provenance)
    kind = "model of its publisher" if org.relation == "publisher" else "copy"
    if how == "conversion":
        kind += " of a conversion"
    where = f"catalog ModelScope organization {org.org}, {org.verified or 'unverified'}"
    return _inferred(
        model_id,
        (upstream, entry, f"ModelScope {kind}"),
        publisher,
        provenance,
        source=MODELSCOPE,
        where=where,
        relation="quantized" if how == "conversion" else "mirror",
    )


# how a model named after another one derives from it (``Catalog.infer``'s how)
_RELATION = {
    "conversion": "quantized",
    "copy by a repacker": "mirror",
    FINETUNE: "finetune",
    NAMESAKE: "finetune",  # a copy or a fine-tune: a derivative either way, bound alike
}


def _inferred(
    model_id: str,
    inferred: tuple[str | None, CatalogModel, str],
    publisher: Publisher,
    provenance: dict[str, Fact],
    *,
    source: str = HUGGINGFACE,
    where: str | None = None,
    relation: str | None = None,
) -> ModelRecord:
    """A model the catalog does not list, with the terms of the model its name shows it derives
    from: the original of a repack or conversion, the base of a fine-tune named after it, or (a
    ``source`` copy of a Hub model: ``where`` says what says so) the Hub model it copies. That
    model is its base model (so its license binds it through lineage too) and every fact says it
    was inferred from the name; of a fine-tune it also says that its own license is not known."""
    upstream, entry, how = inferred
    of = upstream or f"a model of the family {entry.key}"
    if how in (FINETUNE, NAMESAKE):
        what = (
            f"a {how} of {of}, whose terms bind it as a derivative; its own license is not "
            "known offline"
        )
    else:
        what = f"a {how} of {of}"
    said = f"{where}; {entry.detail}" if where else entry.detail
    fact = Fact(INFERRED, f"inferred from the name: {what} ({said})")
    provenance["license"] = fact
    if upstream:
        provenance["base_models"] = fact
    if entry.modalities:
        provenance["modalities"] = fact
    return ModelRecord(
        id=model_id,
        source=source,
        license=license_id(entry.license),
        base_models=(upstream,) if upstream else (),
        base_model_relation=(relation or _RELATION[how]) if upstream else None,
        publisher=publisher,
        modalities=entry.modalities,
        provenance=provenance,
        unresolved=None if entry.license else _no_license(entry),
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
    publisher = catalog_publisher(cat, upstream.split("/")[0] if upstream else None, provenance)
    modalities = up.modalities if up is not None else ()
    if modalities:
        provenance["modalities"] = fact
    return ModelRecord(
        id=name_tag,
        source=OLLAMA,
        license=license_id(lic),
        base_models=(upstream,) if upstream else (),
        base_model_relation="quantized" if upstream else None,
        publisher=publisher,
        modalities=modalities,
        provenance=provenance,
        unresolved=None if lic else f"no license known for the tag {name_tag}",
    )


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
    if meta.task:
        provenance["task"] = fact
    org = meta.organization
    publisher = catalog_publisher(cat, org, provenance) if cat is not None else Publisher(org=org)
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
        task=meta.task,
        files=meta.files,
        provenance=provenance,
        unresolved=None if lic else "the local artifact declares no license",
    )


def from_registry(query: Query, cat: Catalog) -> ModelRecord:
    """A registry model (``RegistrySource``): the license the loader data records for it (the
    reference's metadata), else unresolved with the reason."""
    meta = query.ref.metadata if query.ref is not None else None
    if meta is None or not meta.license:
        known = cat.download(query.id) if query.source == URL else None
        if known is not None:
            return from_download(query.id, known, cat)
        if query.source == URL:
            host = query.id.split("://", 1)[-1].split("/", 1)[0]
            what = f"weights file downloaded from {host}"
        else:
            what = f"a model of the {query.source} registry"
        return ModelRecord(
            id=query.id,
            source=query.source,
            unresolved=(
                f"{what} whose license licaudit does not record (read the terms its publisher "
                "gives for these weights and pin it in the lockfile)"
            ),
        )
    rec = from_local(query.ref, cat)
    return replace(rec, source=query.source)


def from_download(url: str, entry: CatalogDownload, cat: Catalog) -> ModelRecord:
    """Weights downloaded from ``url``, with the license the catalog's download entry records
    for the files under its prefix (and that entry's publisher)."""
    provenance = {"license": Fact("catalog", entry.detail, entry.verified, entry.license_note)}
    publisher = catalog_publisher(cat, entry.publisher, provenance) if entry.publisher else None
    return ModelRecord(
        id=url,
        source=URL,
        license=license_id(entry.license),
        publisher=publisher or Publisher(),
        provenance=provenance,
    )


def from_snapshot(ref: ModelRef, cat: Catalog) -> ModelRecord:
    """A Hub model cached on this machine, at the cached revision: what its snapshot declares
    (card, identified LICENSE, weight files), completed — never overridden — by the catalog."""
    own = from_local(ref, cat)
    known = from_catalog(ref.id, cat)
    short = (ref.revision or "")[:12]
    provenance = {**own.provenance, "revision": Fact("hf-cache", f"cached snapshot {short}")}
    notes = list(own.notes)
    fields: dict[str, object] = {}
    if own.license is None and known.license is not None:
        fields.update(license=known.license, unresolved=None)
        provenance["license"] = known.provenance["license"]
        notes.append(
            f"the cached snapshot declares no license: the catalog's {known.license} is used"
        )
    if own.task and not own.modalities:  # what the Hub derives from the pipeline tag
        from .hub import PIPELINE_MODALITIES

        if PIPELINE_MODALITIES.get(own.task):
            fields["modalities"] = tuple(sorted(PIPELINE_MODALITIES[own.task]))
            provenance["modalities"] = own.provenance["task"]
    for name in ("base_models", "modalities"):
        if not (fields.get(name) or getattr(own, name)) and getattr(known, name):
            fields[name] = getattr(known, name)
            provenance[name] = known.provenance[name]
            if name == "base_models":
                fields["base_model_relation"] = own.base_model_relation or known.base_model_relation
    if known.gated is not None:
        fields["gated"] = known.gated
        provenance["gated"] = known.provenance["gated"]
    if own.publisher.name is None:
        fields["publisher"] = known.publisher
        if "publisher" in known.provenance:
            provenance["publisher"] = known.provenance["publisher"]
    unresolved = fields.pop("unresolved", own.unresolved)
    if unresolved and (fields.get("license") or own.license) is None:
        unresolved = (
            "the cached snapshot declares no license and the catalog does not know the model"
        )
    return replace(
        own,
        source=HUGGINGFACE,
        revision=ref.revision,
        provenance=provenance,
        notes=tuple(notes),
        unresolved=unresolved,
        **fields,
    )


def from_lockfile(rec: ModelRecord, lockname: str, cat: Catalog | None = None) -> ModelRecord:
    """A pinned record, used as is; each fact says it came through the lockfile and from where
    (a value edited by hand, ``lockfile.HAND_EDITED``, from the lockfile alone, with a note
    saying what its source had said). A license not from the Hub that the catalog now disagrees
    with gets a note: the pin wins, and says so."""
    provenance = {}
    notes = rec.notes
    for k, f in sorted(rec.provenance.items()):
        if f.source == "lockfile":
            provenance[k] = Fact("lockfile", f"{lockname}: {f.detail}")
            if f.detail.startswith(EDITED):  # the pin disagrees with the source it came from
                notes = (*notes, f"{k} edited by hand in {lockname}: {f.detail[len(EDITED) :]}")
        else:
            detail = f"{lockname} ({f.source})" + (f": {f.detail}" if f.detail else "")
            provenance[k] = Fact("lockfile", detail)
    if rec.license and "license" not in provenance:  # written into the lockfile by hand
        provenance["license"] = Fact("lockfile", f"{lockname}: {HAND_EDITED}")
    entry = cat.model(rec.id) if cat is not None and rec.source == HUGGINGFACE else None
    from_hub = rec.provenance.get("license", Fact("")).source == "hub"
    if entry is not None and rec.license and not from_hub:
        cat_lic = license_id(entry.license)
        if cat_lic and cat_lic != rec.license:
            notes = (
                *notes,
                f"{lockname} pins {rec.license}, the built-in catalog says {cat_lic} "
                f"({entry.detail}): the pin is used",
            )
    unresolved = rec.unresolved
    if rec.license is None:
        unresolved = (
            f"pinned in {lockname} without a license ({rec.unresolved or 'no source declared one'}); "
            f"run 'licaudit lock --update' online, or write the license into {lockname}"
        )
    return replace(rec, provenance=provenance, notes=notes, unresolved=unresolved)
