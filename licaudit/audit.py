"""audit.run: the pipeline end to end — discover, resolve, evaluate — into one AuditResult."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .discover import discover
from .model import DATASET, AuditedModel, AuditResult, Location, ModelRef
from .policy import Policy, evaluate
from .resolve import Resolution, model_key, resolve
from .resolve.lineage import effective_licenses


@dataclass(frozen=True)
class Options:
    files: Sequence[str] | None = None  # scan exactly these (relative to root)
    exclude: Sequence[str] = ()
    offline: bool = True
    fail_on: str | None = None  # overrides the policy's
    lockfile: str = "licaudit.lock"  # relative to the root
    verbose: bool = False
    extra: dict = field(default_factory=dict)
    locked: bool = False  # every Hub/Ollama reference must be pinned by the lockfile (NotLockedError)


def audited_models(refs: Sequence[ModelRef], resolution: Resolution) -> list[AuditedModel]:
    """One AuditedModel per referenced model (locations merged) and per ancestor reached."""
    locations: dict[str, list[Location]] = defaultdict(list)
    suppressed: dict[str, bool] = {}
    for ref in refs:
        key = model_key(ref.id, ref.source)
        locations[key].append(ref.location)
        suppressed[key] = suppressed.get(key, True) and ref.suppressed

    def lookup(model_id: str):
        return resolution.get(model_id)

    out = []
    for key, rec in resolution.records.items():
        direct = key in locations
        out.append(
            AuditedModel(
                record=rec,
                locations=tuple(sorted(set(locations.get(key, ())))),
                direct=direct,
                suppressed=direct and suppressed[key],
                effective_licenses=effective_licenses(rec, lookup),
            )
        )
    out.sort(key=lambda m: (not m.direct, m.record.id.lower(), m.record.source))
    return out


def run(root: Path, policy: Policy, options: Options | None = None) -> AuditResult:
    options = options or Options()
    found = discover(root, files=options.files, exclude=options.exclude)
    models_refs = [r for r in found.refs if r.source != DATASET]
    datasets = tuple(r for r in found.refs if r.source == DATASET)
    lockfile = root / options.lockfile
    resolution = resolve(
        models_refs, root=root, lockfile=lockfile, offline=options.offline, require_locked=options.locked
    )
    models = audited_models(models_refs, resolution)
    findings = evaluate(models, policy)
    return AuditResult(
        root=str(root),
        policy=policy.info(options.fail_on),
        models=tuple(models),
        datasets=datasets,
        findings=tuple(findings),
        skipped=found.skipped,
        unresolvable=found.unresolvable if options.verbose else (),
        lockfile=resolution.lockfile,
        warnings=tuple(resolution.warnings),
    )
