"""resolve: what each referenced model is and what it declares.

``resolve(refs, ...)`` returns a ``Resolution``: one ``ModelRecord`` per referenced model and
per ancestor reached through ``base_model`` lineage, each fact with its provenance.

A ``Resolver`` asks a list of ``Source``s (``interface``) about each model, in order; the first
answer wins. ``default_sources`` is the built-in chain: the lockfile's pins (used as is), local
artifact metadata, registry models (torch.hub, torchaudio) by the loader data, Ollama library tags, ModelScope copies of Hub models, the Hugging Face Hub (online only, cached on disk) and
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
from dataclasses import field

from ..licensing import knowledge_base
from ..model import HUGGINGFACE, ModelRecord, ModelRef, model_key
from ..progress import progress_bar
from ..recordtype import dataclass
from .catalog import Catalog, catalog
from .hub import HubClient, HubSource, offline_from_env
from .interface import Query, Source
from .lineage import MAX_DEPTH
from .lockfile import Pins, unpinned_ids
from .sources import (
    CatalogSource,
    LocalSource,
    LockfileSource,
    ModelScopeSource,
    OllamaSource,
    RegistrySource,
)

MAX_WORKERS = 8


@dataclass
class Resolution:
    records: dict[str, ModelRecord] = field(default_factory=dict)  # model_key -> record
    warnings: list[str] = field(default_factory=list)  # run-level: "Hub unreachable, ..."
    lockfile: str | None = None  # the lockfile used, relative to the root
    unlocked: list[str] = field(default_factory=list)  # referenced ids the lockfile does not pin
    pinned: dict[str, ModelRecord] = field(default_factory=dict)  # model_key -> record as pinned
    hub_requests: int = 0  # HTTP requests made to the Hub (cache hits excluded)
    # model_key -> why: the records a source could only stand in for (``Source.unanswered``)
    unanswered: dict[str, str] = field(default_factory=dict)
    # model_key -> why: ancestors beyond ``MAX_DEPTH``, recorded unexamined (license unknown)
    cut: dict[str, str] = field(default_factory=dict)

    def get(self, model_id: str, source: str = HUGGINGFACE) -> ModelRecord | None:
        return self.records.get(model_key(model_id, source))


class _Progress:
    """click's progress bar on standard error, drawn only on a terminal (and not for nothing).

    The bar measures the referenced models, so it only ever fills; the base models lineage
    adds (whose number is not known until their children are resolved) are counted beside it:
    ``resolving models [####....] 3/8 + 2/5 base models``."""

    def __init__(self, show: bool, length: int):
        self._bar = progress_bar("resolving models", length, show, item_show_func=lambda item: item)
        self._bases = self._bases_done = 0

    def __enter__(self) -> _Progress:
        self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._bar.__exit__(*exc)

    def lineage(self, added: int) -> None:
        """``added`` base models are queued."""
        self._bases += added
        self._show_bases()

    def update(self, done: int, lineage: bool) -> None:
        if lineage:
            self._bases_done += done
            self._show_bases()
        else:
            self._bar.update(done)

    def _show_bases(self) -> None:
        self._bar.current_item = f"+ {self._bases_done}/{self._bases} base models"
        self._bar.render_progress()


def _not_examined(base: str, child: str) -> ModelRecord:
    """The record of an ancestor lineage does not reach: its license is unknown."""
    return ModelRecord(
        id=base,
        source=HUGGINGFACE,
        unresolved=(
            f"not examined: licaudit follows base models {MAX_DEPTH} levels deep, and the "
            f"lineage of {child} goes on to {base}"
        ),
    )


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
        level by level, ``MAX_DEPTH`` levels deep (an ancestor beyond is recorded unexamined);
        the run-level warnings of every source at the end. Interrupted (Ctrl-C), every source
        is cancelled and nothing is waited for."""
        level: list[Query] = []
        queued: set[str] = set()
        for ref in refs:
            query = Query(ref.id, ref.source, ref.revision, ref)
            if query.key not in queued:
                queued.add(query.key)
                level.append(query)
        records: dict[str, ModelRecord] = {}
        children: dict[str, str] = {}  # model_key of a base model -> the id of a model naming it
        pool = None
        if self.workers > 1:  # online: the thread pool's modules (and logging) only then
            from concurrent.futures import ThreadPoolExecutor

            pool = ThreadPoolExecutor(max_workers=self.workers)
        try:
            with _Progress(self.progress, len(level)) as bar:
                depth = 0
                while level and depth <= MAX_DEPTH:
                    if depth:
                        bar.lineage(len(level))
                    if pool is not None:
                        from concurrent.futures import as_completed

                        futures = [pool.submit(self.answer, query) for query in level]
                        for _ in as_completed(futures):
                            bar.update(1, depth > 0)
                        answers = [future.result() for future in futures]
                    else:
                        answers = [self.answer(query) for query in level]
                        bar.update(len(level), depth > 0)
                    nxt: list[Query] = []
                    for query, record in zip(level, answers, strict=True):
                        records[query.key] = record
                        for base in record.base_models:
                            parent = Query(base, HUGGINGFACE)
                            if parent.key not in queued:
                                queued.add(parent.key)
                                children[parent.key] = record.id
                                nxt.append(parent)
                    level = nxt
                    depth += 1
        except BaseException:
            for source in self.sources:
                cancel = getattr(source, "cancel", None)  # optional: sources that wait
                if cancel is not None:
                    cancel()
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            raise
        if pool is not None:
            pool.shutdown()
        cut = {}
        for query in level:  # beyond the depth bound
            records[query.key] = _not_examined(query.id, children[query.key])
            cut[query.key] = records[query.key].unresolved or ""
        res = Resolution(
            records=records, warnings=[w for source in self.sources for w in source.warnings()]
        )
        for source in self.sources:
            unanswered = getattr(source, "unanswered", None)  # optional: sources that stand in
            if unanswered is not None:
                res.unanswered.update(unanswered())
        res.cut = cut
        if cut:
            res.warnings.append(
                f"lineage cut at {MAX_DEPTH} levels: {len(cut)} base model(s) not examined "
                f"({', '.join(sorted((records[k].id for k in cut), key=str.lower))}), their license unknown"
            )
        return res


def default_sources(
    cat: Catalog,
    *,
    pins: Pins | None = None,
    hub: HubClient | None = None,
    refresh: bool = False,
    keep: Pins | None = None,
) -> list[Source]:
    """The built-in chain, in the order it is asked: lockfile (when ``pins``), local artifact,
    Ollama, ModelScope, Hub (when ``hub``: online; ``refresh`` bypasses its disk cache; a pin of ``keep``
    stands while the Hub has no answer as good), catalog."""
    sources: list[Source] = []
    if pins is not None:
        sources.append(LockfileSource(pins, cat))
    sources += [LocalSource(cat), RegistrySource(cat), OllamaSource(cat), ModelScopeSource(cat)]
    if hub is not None:
        sources.append(HubSource(hub, cat, refresh=refresh, keep=keep))
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
    keep: Pins | None = None,
) -> Resolution:
    """Records for every referenced model and its ancestors, from the built-in chain.

    ``pins`` (a lockfile read with ``Pins.read``) are used as is. ``offline`` (or
    ``HF_HUB_OFFLINE``) keeps to the lockfile, local metadata and the catalog; otherwise the Hub
    is asked (``hub``, else a ``HubClient`` from the environment; cached on disk unless
    ``refresh``) and the catalog is the fallback. Network problems never raise: they become
    notes, ``unresolved`` reasons, run-level warnings and ``Resolution.unanswered``. ``keep``
    (``lock``): previous pins the Hub re-checks, each kept while the Hub has no answer at least
    as good. ``progress``: a progress bar on a terminal while the Hub is asked."""
    refs = list(refs)
    cat = cat or catalog()
    client = None if offline or offline_from_env() else (hub or HubClient())
    if refs:
        knowledge_base()  # loaded here, once, rather than by several lookup threads at a time
    resolver = Resolver(  # only the Hub waits: offline lookups run in this thread
        default_sources(cat, pins=pins, hub=client, refresh=refresh, keep=keep),
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
