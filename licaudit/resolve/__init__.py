"""resolve: what each referenced model is and what it declares.

``resolve(refs, ...)`` returns a ``Resolution``: one ``ModelRecord`` per referenced model and
per ancestor reached through ``base_model`` lineage, each fact with its provenance.

A ``Resolver`` asks a list of ``Source``s (``interface``) about each model, in order; the first
answer wins. ``default_sources`` is the built-in chain: the lockfile's pins (used as is), local
artifact metadata, Ollama library tags, the Hugging Face Hub (online only, cached on disk) and
the built-in catalog. When the Hub and the catalog disagree the Hub wins and the record's
``notes`` say so; a model no source knows has ``license: None`` and ``unresolved`` says why.

The resolver itself knows no source: it runs each lineage level's lookups on a thread pool (the
Hub's requests overlap), queues every base model a record names (cycle-safe, at most
``lineage.MAX_DEPTH`` levels), keeps results in reference order, shows click's progress bar on a
terminal while the Hub is asked, and gathers each source's run-level warnings. It never
discovers anything: the references come from the caller (``licaudit.audit``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

from ..licensing import knowledge_base
from ..model import HUGGINGFACE, ModelRecord, ModelRef, model_key
from ..progress import progress_bar
from .catalog import Catalog, catalog
from .hub import HubClient, HubSource, offline_from_env
from .interface import Query, Source
from .lineage import MAX_DEPTH
from .lockfile import Pins, unpinned_ids
from .sources import CatalogSource, LocalSource, LockfileSource, OllamaSource

MAX_WORKERS = 8


@dataclass
class Resolution:
    records: dict[str, ModelRecord] = field(default_factory=dict)  # model_key -> record
    warnings: list[str] = field(default_factory=list)  # run-level: "Hub unreachable, ..."
    lockfile: str | None = None  # the lockfile used, relative to the root
    unlocked: list[str] = field(default_factory=list)  # referenced ids the lockfile does not pin
    pinned: dict[str, ModelRecord] = field(default_factory=dict)  # model_key -> record as pinned
    hub_requests: int = 0  # HTTP requests made to the Hub (cache hits excluded)

    def get(self, model_id: str, source: str = HUGGINGFACE) -> ModelRecord | None:
        return self.records.get(model_key(model_id, source))


class Resolver:
    """Asks ``sources`` in order about every model and every ancestor lineage reaches; the
    first answer wins. ``workers``: lookups run at once (1: in the calling thread, for sources
    that never wait); ``progress``: a progress bar when standard error is a terminal."""

    def __init__(
        self, sources: Sequence[Source], *, progress: bool = False, workers: int = MAX_WORKERS
    ):
        self.sources = list(sources)
        self.progress = progress
        self.workers = workers

    def answer(self, query: Query) -> ModelRecord:
        """The first source's answer about ``query``'s model."""
        for source in self.sources:
            record = source.lookup(query)
            if record is not None:
                return record
        return ModelRecord(
            id=query.id,
            source=query.source,
            unresolved=f"no resolution source knows the {query.source} model {query.id}",
        )

    def resolve(self, refs: Iterable[ModelRef]) -> Resolution:
        """Records for ``refs`` (each model once) and for every base model their records name,
        level by level; the run-level warnings of every source at the end."""
        level: list[Query] = []
        queued: set[str] = set()
        for ref in refs:
            query = Query(ref.id, ref.source, ref.revision, ref)
            if query.key not in queued:
                queued.add(query.key)
                level.append(query)
        records: dict[str, ModelRecord] = {}
        with (
            progress_bar("resolving models", len(level), self.progress) as bar,
            ThreadPoolExecutor(max_workers=self.workers) as pool,
        ):
            depth = 0
            while level and depth <= MAX_DEPTH:
                if depth:  # lineage added models: the bar grows, its count goes on
                    bar.length = (bar.length or 0) + len(level)
                    bar.finished = False
                    bar.render_progress()
                if self.workers > 1:
                    futures = [pool.submit(self.answer, query) for query in level]
                    for _ in as_completed(futures):
                        bar.update(1)
                    answers = [future.result() for future in futures]
                else:
                    answers = [self.answer(query) for query in level]
                    bar.update(len(level))
                nxt: list[Query] = []
                for query, record in zip(level, answers, strict=True):
                    records[query.key] = record
                    for base in record.base_models:
                        parent = Query(base, HUGGINGFACE)
                        if parent.key not in queued:
                            queued.add(parent.key)
                            nxt.append(parent)
                level = nxt
                depth += 1
        return Resolution(
            records=records, warnings=[w for source in self.sources for w in source.warnings()]
        )


def default_sources(
    cat: Catalog,
    *,
    pins: Pins | None = None,
    hub: HubClient | None = None,
    refresh: bool = False,
) -> list[Source]:
    """The built-in chain, in the order it is asked: lockfile (when ``pins``), local artifact,
    Ollama, Hub (when ``hub``: online; ``refresh`` bypasses its disk cache), catalog."""
    sources: list[Source] = []
    if pins is not None:
        sources.append(LockfileSource(pins))
    sources += [LocalSource(cat), OllamaSource(cat)]
    if hub is not None:
        sources.append(HubSource(hub, cat, refresh=refresh))
    sources.append(CatalogSource(cat))
    return sources


def resolve(
    refs: Iterable[ModelRef],
    *,
    pins: Pins | None = None,
    offline: bool = True,
    hub: HubClient | None = None,
    refresh: bool = False,
    cat: Catalog | None = None,
    progress: bool = True,
) -> Resolution:
    """Records for every referenced model and its ancestors, from the built-in chain.

    ``pins`` (a lockfile read with ``Pins.read``) are used as is. ``offline`` (or
    ``HF_HUB_OFFLINE``) keeps to the lockfile, local metadata and the catalog; otherwise the Hub
    is asked (``hub``, else a ``HubClient`` from the environment; cached on disk unless
    ``refresh``) and the catalog is the fallback. Network problems never raise: they become
    notes, ``unresolved`` reasons and run-level warnings. ``progress``: a progress bar on a
    terminal while the Hub is asked."""
    refs = list(refs)
    cat = cat or catalog()
    client = None if offline or offline_from_env() else (hub or HubClient())
    if refs:
        knowledge_base()  # loaded here, once, rather than by several lookup threads at a time
    resolver = Resolver(  # only the Hub waits: offline lookups run in this thread
        default_sources(cat, pins=pins, hub=client, refresh=refresh),
        progress=progress and client is not None,
        workers=MAX_WORKERS if client is not None else 1,
    )
    res = resolver.resolve(refs)
    if pins is not None:
        res.lockfile = pins.path
        res.pinned = dict(pins.records)
    res.unlocked = unpinned_ids(refs, pins)
    if client is not None:
        res.hub_requests = client.requests
    return res
