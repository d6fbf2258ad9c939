"""What each ``licaudit lock`` mode decides, given what the audit hands it (``licaudit.audit``
discovers the references and resolves them; nothing here scans a repository):

- ``check`` (``lock --check``): which referenced models the lockfile does not pin;
- ``write`` (``lock``, ``lock --update``): the lockfile a resolution gives, and what changed;
- ``diff`` (``lock --diff``): how the pinned records differ from what the Hub says now.

Each returns a result object that says what to print (``messages``), what to write as JSON
(``as_dict``: ``lock --format json``, ``schemas/lock-result.schema.json``) and whether the run
passed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import LicauditError
from ..model import HUGGINGFACE, ModelRecord, ModelRef, model_key
from ..recordtype import dataclass
from . import MAX_WORKERS, Resolution
from . import lockfile as lockfile_mod
from .catalog import Catalog
from .hub import HubClient, from_hub
from .lockfile import Pins

RESULT_SCHEMA_VERSION = "1"


def _result(mode: str, name: str, ok: bool, **fields: Any) -> dict[str, Any]:
    """The JSON of a lock mode: what every mode says, then its own fields."""
    return {
        "schema_version": RESULT_SCHEMA_VERSION,
        "tool": {"name": "licaudit", "version": __version__},
        "mode": mode,
        "lockfile": name,
        "ok": ok,
        **fields,
    }


# The fields whose change upstream is license drift.
DRIFT_FIELDS = (
    "license",
    "license_expression",
    "license_name",
    "license_link",
    "base_models",
    "gated",
    "eu_disallowed",
)


@dataclass
class CheckResult:
    lockfile_exists: bool
    referenced: int  # distinct pinnable references
    missing: list[tuple[str, list[ModelRef]]]  # (model id, its references) not pinned

    @property
    def ok(self) -> bool:
        return not self.missing

    def messages(self, name: str) -> tuple[list[str], list[str]]:
        """(standard output lines, standard error lines) for ``licaudit lock --check``."""
        if self.ok:
            return [f"{name}: every referenced model is pinned ({self.referenced})"], []
        n = len(self.missing)
        head = (
            f"{name} does not exist: {n} referenced model(s) are not pinned"
            if not self.lockfile_exists
            else f"{name}: {n} referenced model(s) are not pinned:"
        )
        lines = [
            f"  {model_id}  ({refs[0].location.path}:{refs[0].location.line})"
            for model_id, refs in self.missing
        ]
        return [], [head, *lines, "run 'licaudit lock' and commit the lockfile"]

    def as_dict(self, name: str) -> dict[str, Any]:
        return _result(
            "check",
            name,
            self.ok,
            lockfile_exists=self.lockfile_exists,
            referenced=self.referenced,
            missing=[
                {
                    "id": model_id,
                    "source": refs[0].source,
                    "locations": [r.location.as_dict() for r in refs],
                }
                for model_id, refs in self.missing
            ],
        )


def check(refs: Iterable[ModelRef], pins: Pins | None) -> CheckResult:
    """Which referenced models ``pins`` (None: there is no lockfile) does not pin."""
    refs = list(refs)
    referenced = {model_key(r.id, r.source) for r in refs if lockfile_mod.pinnable(r.source)}
    missing = [
        (found[0].id, sorted(found, key=lambda r: r.location))
        for found in lockfile_mod.unpinned(refs, pins).values()
    ]
    return CheckResult(pins is not None, len(referenced), missing)


@dataclass
class LockResult:
    text: str
    pinned: int
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)  # pinned without a license
    kept: list[str] = field(default_factory=list)  # "id: why": previous pins kept as they were
    not_pinned: list[str] = field(default_factory=list)  # "id: why": no answer worth a pin
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Written, and every model is pinned with a license."""
        return not self.unresolved and not self.not_pinned

    def messages(self, name: str) -> tuple[list[str], list[str]]:
        """(standard output lines, standard error lines) for ``licaudit lock``."""
        parts = f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed"
        out = [f"{name}: {self.pinned} model(s) pinned ({parts})"]
        if self.unresolved:
            out.append(f"  no license known for: {', '.join(self.unresolved)}")
        err = [f"licaudit: warning: {w}" for w in self.warnings]
        err += [f"licaudit: warning: pin kept as it was: {line}" for line in self.kept]
        err += [f"licaudit: warning: not pinned: {line}" for line in self.not_pinned]
        if self.not_pinned:
            err.append(
                "licaudit: rerun 'licaudit lock' when the Hub answers, or pin what the built-in "
                "catalog knows with 'licaudit lock --offline'"
            )
        return out, err

    def as_dict(self, name: str) -> dict[str, Any]:
        return _result(
            "lock",
            name,
            self.ok,
            pinned=self.pinned,
            added=self.added,
            removed=self.removed,
            changed=self.changed,
            unresolved=self.unresolved,
            kept=[_why(line) for line in self.kept],
            not_pinned=[_why(line) for line in self.not_pinned],
            warnings=self.warnings,
        )


def _why(line: str) -> dict[str, str]:
    """``"id: why"`` as ``{"model", "reason"}`` (a model id never holds ``": "``)."""
    model, _, reason = line.partition(": ")
    return {"model": model, "reason": reason}


def write(
    lockfile: Path, res: Resolution, previous: Pins | None, *, partial: bool = False
) -> LockResult:
    """Write the lockfile of ``res`` and say how it differs from ``previous`` (the pins read
    before resolving). A pin the resolution used is written as pinned; every other pinnable
    record as resolved, except stand-ins (``res.unanswered``: the Hub had no answer worth a
    pin) and unexamined ancestors (``res.cut``): their previous pin is kept as it was, and
    without one they are not pinned (a transient failure is not a fact). ``partial`` (given
    files scanned, or a folder below the lockfile's) keeps every other previous pin; otherwise
    pins no reference reaches any more are dropped."""
    old = dict(previous.records) if previous is not None else {}
    records: dict[str, ModelRecord] = {}
    kept: list[str] = []
    not_pinned: list[str] = []
    for k, rec in res.records.items():
        if not lockfile_mod.pinnable(rec.source):
            continue
        why = res.unanswered.get(k) or res.cut.get(k)
        if why is not None:
            if k in old:
                records[k] = old[k]
                kept.append(f"{old[k].id}: {why}")
            else:
                not_pinned.append(f"{rec.id}: {why}")
            continue
        raw = res.pinned.get(k, rec)
        records[model_key(raw.id, raw.source)] = raw
    if partial:
        for k, rec in old.items():
            records.setdefault(k, rec)
    text = lockfile_mod.write(lockfile, records.values())
    result = LockResult(
        text=text,
        pinned=len(records),
        warnings=list(res.warnings),
        kept=sorted(kept, key=str.lower),
        not_pinned=sorted(not_pinned, key=str.lower),
    )
    result.added = sorted((records[k].id for k in records if k not in old), key=str.lower)
    result.removed = sorted((old[k].id for k in old if k not in records), key=str.lower)
    result.changed = sorted(
        (records[k].id for k in records if k in old and records[k].as_dict() != old[k].as_dict()),
        key=str.lower,
    )
    result.unresolved = sorted((r.id for r in records.values() if r.license is None), key=str.lower)
    return result


@dataclass(frozen=True)
class Drift:
    model: str
    field: str
    pinned: object
    now: object
    pinned_revision: str | None
    revision: str | None

    def describe(self) -> str:
        def show(v: object) -> str:
            """As the lockfile writes it: true/false, none, [a, b]."""
            if isinstance(v, (list, tuple)):
                return "[" + ", ".join(show(x) for x in v) + "]"
            if isinstance(v, bool):
                return "true" if v else "false"
            return "none" if v is None else str(v)

        revs = ""
        if self.pinned_revision or self.revision:
            revs = f" (pinned at {(self.pinned_revision or '?')[:12]}, the Hub now at {(self.revision or '?')[:12]})"
        return f"{self.model}: {self.field} {show(self.pinned)} -> {show(self.now)}{revs}"

    def as_dict(self) -> dict[str, Any]:
        def plain(v: object) -> object:
            return list(v) if isinstance(v, (list, tuple)) else v

        return {
            "model": self.model,
            "field": self.field,
            "pinned": plain(self.pinned),
            "now": plain(self.now),
            "pinned_revision": self.pinned_revision,
            "revision": self.revision,
        }


@dataclass
class DiffResult:
    checked: int = 0
    drift: list[Drift] = field(default_factory=list)
    unchecked: list[tuple[str, str]] = field(default_factory=list)  # (model id, why)

    @property
    def ok(self) -> bool:
        return not self.drift

    def messages(self, name: str) -> tuple[list[str], list[str]]:
        """(standard output lines, standard error lines) for ``licaudit lock --diff``."""
        err = [f"licaudit: warning: could not check {mid}: {why}" for mid, why in self.unchecked]
        if self.ok:
            return [
                f"{name}: no license drift ({self.checked} model(s) checked against the Hub)"
            ], err
        out = [f"{name}: license drift in {len({d.model for d in self.drift})} model(s):"]
        out += [f"  {d.describe()}" for d in self.drift]
        return [*out, "review the changes, then run 'licaudit lock --update' to pin them"], err

    def as_dict(self, name: str) -> dict[str, Any]:
        return _result(
            "diff",
            name,
            self.ok,
            checked=self.checked,
            drift=[d.as_dict() for d in self.drift],
            unchecked=[{"model": mid, "reason": why} for mid, why in self.unchecked],
        )


def diff(pins: Pins, client: HubClient, cat: Catalog) -> DiffResult:
    """Compare every pinned Hub record with what the Hub says now (fresh, not from the cache);
    ``LicauditError`` when the Hub cannot be reached at all."""
    hub_pins = sorted(
        (r for r in pins.records.values() if r.source == HUGGINGFACE), key=lambda r: r.id.lower()
    )
    from concurrent.futures import ThreadPoolExecutor

    out = DiffResult()
    pool = ThreadPoolExecutor(max_workers=MAX_WORKERS)
    try:
        answers = list(pool.map(lambda r: client.fetch(r.id, refresh=True), hub_pins))
    except BaseException:  # Ctrl-C: stop the requests in flight, wait for none
        client.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    if client.down:
        raise LicauditError(f"{client.down}: cannot compare the lockfile with the Hub")
    for rec, answer in zip(hub_pins, answers, strict=True):
        if not answer.ok:
            out.unchecked.append((rec.id, answer.message))
            continue
        out.checked += 1
        now = from_hub(rec.id, answer.info or {}, cat)
        for name in DRIFT_FIELDS:
            a, b = getattr(rec, name), getattr(now, name)
            if name == "base_models":
                a, b = [model_key(x) for x in a], [model_key(x) for x in b]
                if sorted(a) == sorted(b):
                    continue
                a, b = list(getattr(rec, name)), list(getattr(now, name))
            if a != b:
                out.drift.append(Drift(rec.id, name, a, b, rec.revision, now.revision))
    return out
