"""The one orchestrator: every command that audits runs its pipeline here.

- ``run`` (``licaudit scan``): discover -> resolve -> evaluate, into one ``AuditResult``;
- ``check`` (``licaudit check``): resolve -> evaluate for models named without a repository;
- ``run_cache`` (``licaudit scan --hf-cache``): the models a Hugging Face cache or a folder of
  model files holds -> resolve (offline, from the cached files) -> evaluate;
- ``lock`` (``licaudit lock``, ``lock --update``): discover -> resolve -> write the lockfile;
- ``lock_check`` (``lock --check``): discover -> which references the lockfile misses (offline);
- ``lock_diff`` (``lock --diff``): the pins against what the Hub says now.

Each stage is called from here and from nowhere else: discovery never resolves, resolution never
discovers (it is handed the references), the lock modes in ``resolve.locking`` decide on what
they are given. The command line only turns options into an ``Options`` and calls one of these.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import review
from .atomic import exclusive
from .discover import discover
from .errors import ConfigError, LicauditError
from .licensing import knowledge_base
from .model import (
    DATASET,
    HOSTED,
    LOCATION_ORDER,
    AuditedModel,
    AuditResult,
    DiscoveryResult,
    Location,
    ModelRef,
    model_key,
)
from .policy import Policy, evaluate
from .recordtype import dataclass
from .resolve import Resolution, resolve
from .resolve.catalog import catalog
from .resolve.hub import offline_from_env
from .resolve.lineage import effective_licenses
from .resolve.lockfile import NotLockedError, Pins, unpinned_ids

if TYPE_CHECKING:  # the lock modes are imported by the lock commands alone
    from .resolve import locking


@dataclass(frozen=True)
class Options:
    files: Sequence[str] | None = None  # scan exactly these (relative to root)
    exclude: Sequence[str] = ()
    offline: bool = True
    fail_on: str | None = None  # overrides the policy's
    lockfile: str = "licaudit.lock"  # relative to the root
    catalogs: tuple[Path, ...] = ()  # the organization's own catalog folders
    verbose: bool = False
    locked: bool = (
        False  # every Hub/Ollama reference must be pinned by the lockfile (NotLockedError)
    )
    progress: bool = True  # progress bars on a terminal (off with --quiet)
    cache: bool = False  # use and update the scan cache (the command line's default)
    strict: bool = False  # fail on any skipped file, cut lineage or unanswered Hub request


def audited_models(refs: Sequence[ModelRef], resolution: Resolution) -> list[AuditedModel]:
    """One AuditedModel per referenced model (locations merged) and per ancestor reached."""
    locations: dict[str, list[Location]] = defaultdict(list)
    suppressed: dict[str, bool] = {}
    for ref in refs:
        key = model_key(ref.id, ref.source)
        locations[key].append(ref.location)
        suppressed[key] = suppressed.get(key, True) and ref.suppressed

    out = []
    for key, rec in resolution.records.items():
        direct = key in locations
        out.append(
            AuditedModel(
                record=rec,
                locations=tuple(sorted(set(locations.get(key, ())), key=LOCATION_ORDER)),
                direct=direct,
                suppressed=direct and suppressed[key],
                effective_licenses=effective_licenses(rec, resolution.get),
            )
        )
    out.sort(key=lambda m: (not m.direct, m.record.id.lower(), m.record.source))
    return out


def _discover(root: Path, options: Options) -> tuple[list[ModelRef], DiscoveryResult]:
    """(the references to resolve, everything discovery found) under ``root``: datasets and
    hosted API models are inventoried, not resolved."""
    found = discover(
        root,
        files=options.files,
        exclude=options.exclude,
        cache=options.cache,
        progress=options.progress,
    )
    return [r for r in found.refs if r.source not in (DATASET, HOSTED)], found


def _audit(
    root: Path,
    refs: Sequence[ModelRef],
    policy: Policy,
    options: Options,
    *,
    named_only: bool = False,
    found: DiscoveryResult | None = None,
    kind: str = review.REPOSITORY,
) -> AuditResult:
    """Resolve and evaluate ``refs``; ``named_only`` drops their locations (models named on the
    command line are found nowhere in a repository)."""
    lockpath = root / options.lockfile
    pins = Pins.read(lockpath, root)
    if options.locked:  # before any network use
        missing = unpinned_ids(refs, pins)
        if missing:
            raise NotLockedError(lockpath.name, missing)
    cat = catalog(options.catalogs)
    resolution = resolve(
        refs, pins=pins, offline=options.offline, cat=cat, progress=options.progress
    )
    models = audited_models(refs, resolution)
    if named_only:
        models = [replace(m, locations=()) for m in models]
    knowledge = review.knowledge_sha256(knowledge_base().digest, *cat.digests)
    findings = evaluate(models, policy)
    # a suppressed model with findings is one the policy did not let the code suppress
    refused = {f.model for f in findings}
    models = [replace(m, suppressed=False) if m.suppressed and m.record.id in refused else m
              for m in models]  # fmt: skip
    return AuditResult(
        root=str(root),
        policy=policy.info(options.fail_on),
        models=tuple(models),
        datasets=tuple(r for r in found.refs if r.source == DATASET) if found else (),
        hosted=tuple(r for r in found.refs if r.source == HOSTED) if found else (),
        findings=tuple(findings),
        skipped=found.skipped if found else (),
        unresolvable=found.unresolvable if found and options.verbose else (),
        lockfile=resolution.lockfile,
        warnings=tuple(resolution.warnings),
        review=review.named_models(knowledge_sha256=knowledge)
        if named_only
        else review.cache(root, knowledge_sha256=knowledge)
        if kind == review.CACHE
        else review.repository(root, knowledge_sha256=knowledge),
        lineage_cut=_ids(resolution, resolution.cut),
        unanswered=_ids(resolution, resolution.unanswered),
        strict=options.strict,
    )


def _ids(resolution: Resolution, keys) -> tuple[str, ...]:
    """The model ids of ``keys`` (model keys of ``resolution``'s records), sorted."""
    return tuple(
        sorted((resolution.records[k].id for k in keys if k in resolution.records), key=str.lower)
    )


def run(root: Path, policy: Policy, options: Options | None = None) -> AuditResult:
    """Audit the repository at ``root`` (or exactly ``options.files``)."""
    options = options or Options()
    refs, found = _discover(root, options)
    return _audit(root, refs, policy, options, found=found)


def run_cache(folder: Path, policy: Policy, options: Options | None = None) -> AuditResult:
    """Audit the models the Hugging Face caches and the model folders under ``folder`` hold,
    each from its cached files at its cached revision (the Hub is never asked)."""
    from .discover.hfcache import discover_cache

    options = replace(options or Options(), offline=True)
    found = discover_cache(folder)
    refs = [r for r in found.refs if r.source not in (DATASET, HOSTED)]
    return _audit(folder, refs, policy, options, found=found, kind=review.CACHE)


def check(refs: Sequence[ModelRef], policy: Policy, options: Options | None = None) -> AuditResult:
    """Audit models named without a repository; the lockfile of the current folder still pins."""
    return _audit(Path("."), refs, policy, options or Options(), named_only=True)


def lock(
    root: Path,
    options: Options | None = None,
    *,
    update: bool = False,
    waiting: Callable[[], object] | None = None,
) -> locking.LockResult:
    """Resolve every model the repository references (online unless ``options.offline``) and
    write the lockfile, holding its advisory lock from reading to writing (``waiting`` is
    called when another run holds it). Pinned models keep their pin unless ``update``; online,
    pins without a license are asked about again; a pin is replaced only by an answer at least
    as good (``HubSource``). A whole-folder scan of the lockfile's folder drops pins no
    reference reaches any more; a scan of given files, or of a folder below, only adds.
    ``update`` rebuilds a lockfile that is not valid any more."""
    from .resolve import locking

    options = options or Options()
    refs, _ = _discover(root, options)
    lockpath = root / options.lockfile
    online = not options.offline and not offline_from_env()
    with exclusive(lockpath, waiting):
        warnings = []
        try:
            pins = Pins.read(lockpath, root)  # read once: the previous state, and the pins kept
        except ConfigError as exc:
            if not update:
                raise
            pins = None
            warnings.append(f"{exc}: rebuilt from what the sources say now")
        used = None  # the pins the lockfile source answers from, as they are
        if pins is not None and not update:
            used = pins.licensed() if online else pins  # online, unlicensed pins are asked again
        resolution = resolve(
            refs,
            pins=used,
            offline=options.offline,
            refresh=update,
            cat=catalog(options.catalogs),
            keep=pins if online else None,
            progress=options.progress,
        )
        partial = options.files is not None or not _within(lockpath.parent, root)
        result = locking.write(lockpath, resolution, pins, partial=partial)
    result.warnings[:0] = warnings
    return result


def _within(folder: Path, root: Path) -> bool:
    """True when ``folder`` is ``root`` or below it."""
    folder, root = folder.resolve(), root.resolve()
    return folder == root or root in folder.parents


def lock_check(root: Path, options: Options | None = None) -> locking.CheckResult:
    """Which referenced models the lockfile does not pin. Never touches the network."""
    from .resolve import locking

    options = options or Options()
    refs, _ = _discover(root, options)
    return locking.check(refs, Pins.read(root / options.lockfile, root))


def lock_diff(root: Path, options: Options | None = None) -> locking.DiffResult:
    """Compare the lockfile's pins with what the Hub says now (never from the cache)."""
    from .resolve import locking
    from .resolve.hub import HubClient

    options = options or Options()
    lockpath = root / options.lockfile
    pins = Pins.read(lockpath, root)
    if pins is None:
        raise LicauditError(f"no {lockpath.name} to compare: run 'licaudit lock' first")
    if offline_from_env():
        raise LicauditError(
            "lock --diff compares with the Hub: it cannot run with HF_HUB_OFFLINE set"
        )
    return locking.diff(pins, HubClient(), catalog(options.catalogs))
