"""The pipeline end to end — discover, resolve, evaluate — into one AuditResult.

``run`` audits a repository; ``check`` audits models named without one (``licaudit check``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .discover import discover
from .model import (
    DATASET,
    AuditedModel,
    AuditResult,
    DiscoveryResult,
    Location,
    ModelRef,
    model_key,
)
from .policy import Policy, evaluate
from .resolve import Resolution, resolve
from .resolve.catalog import catalog
from .resolve.lineage import effective_licenses
from .resolve.lockfile import NotLockedError, Pins, unpinned_ids


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
                locations=tuple(sorted(set(locations.get(key, ())))),
                direct=direct,
                suppressed=direct and suppressed[key],
                effective_licenses=effective_licenses(rec, resolution.get),
            )
        )
    out.sort(key=lambda m: (not m.direct, m.record.id.lower(), m.record.source))
    return out


def _discover(root: Path, options: Options) -> tuple[list[ModelRef], DiscoveryResult]:
    """(the model references, everything discovery found) under ``root``."""
    found = discover(root, files=options.files, exclude=options.exclude)
    return [r for r in found.refs if r.source != DATASET], found


def _audit(
    root: Path,
    refs: Sequence[ModelRef],
    policy: Policy,
    options: Options,
    *,
    named_only: bool = False,
    found: DiscoveryResult | None = None,
) -> AuditResult:
    """Resolve and evaluate ``refs``; ``named_only`` drops their locations (models named on the
    command line are found nowhere in a repository)."""
    lockpath = root / options.lockfile
    pins = Pins.read(lockpath, root)
    if options.locked:  # before any network use
        missing = unpinned_ids(refs, pins)
        if missing:
            raise NotLockedError(lockpath.name, missing)
    resolution = resolve(refs, pins=pins, offline=options.offline, cat=catalog(options.catalogs))
    models = audited_models(refs, resolution)
    if named_only:
        models = [replace(m, locations=()) for m in models]
    return AuditResult(
        root=str(root),
        policy=policy.info(options.fail_on),
        models=tuple(models),
        datasets=tuple(r for r in found.refs if r.source == DATASET) if found else (),
        findings=tuple(evaluate(models, policy)),
        skipped=found.skipped if found else (),
        unresolvable=found.unresolvable if found and options.verbose else (),
        lockfile=resolution.lockfile,
        warnings=tuple(resolution.warnings),
    )


def run(root: Path, policy: Policy, options: Options | None = None) -> AuditResult:
    """Audit the repository at ``root`` (or exactly ``options.files``)."""
    options = options or Options()
    refs, found = _discover(root, options)
    return _audit(root, refs, policy, options, found=found)


def check(refs: Sequence[ModelRef], policy: Policy, options: Options | None = None) -> AuditResult:
    """Audit models named without a repository; the lockfile of the current folder still pins."""
    return _audit(Path("."), refs, policy, options or Options(), named_only=True)
