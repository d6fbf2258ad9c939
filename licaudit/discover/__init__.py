"""discover: find every model a repository references.

``discover(root, ...)`` walks the tree (git-aware), hands each file to the scanner for its kind
and returns a ``DiscoveryResult``. A file that cannot be read or parsed is listed as skipped with
the reason; the scan goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ..model import DiscoveryResult, ModelRef, Skipped, Unresolvable
from . import python
from .suppress import apply_suppressions
from .walk import list_files

MAX_FILE_BYTES = 2 * 1024 * 1024


def _scanner_for(rel: str):
    if rel.endswith(".py"):
        return python.scan
    return None


def discover(
    root: Path,
    files: Sequence[str] | None = None,
    exclude: Iterable[str] = (),
) -> DiscoveryResult:
    """References under ``root``; ``files`` (relative to root) restricts the scan to exactly those."""
    candidates = list(files) if files is not None else list_files(root, exclude)
    refs: list[ModelRef] = []
    skipped: list[Skipped] = []
    unresolvable: list[Unresolvable] = []
    scanned = 0
    for rel in candidates:
        scanner = _scanner_for(rel)
        if scanner is None:
            continue
        path = root / rel
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                skipped.append(Skipped(rel, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB"))
                continue
            raw = path.read_bytes()
        except OSError as exc:
            skipped.append(Skipped(rel, f"cannot read: {exc.strerror or exc}"))
            continue
        scanned += 1
        try:
            text = raw.decode("utf-8")
            found, unres = scanner(text, rel)
        except UnicodeDecodeError:
            skipped.append(Skipped(rel, "not valid UTF-8 text"))
            continue
        except (SyntaxError, ValueError) as exc:
            skipped.append(Skipped(rel, f"cannot parse: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"))
            continue
        refs.extend(apply_suppressions(found, text))
        unresolvable.extend(unres)
    refs.sort(key=lambda r: (r.location.path, r.location.line, r.location.column, r.id))
    return DiscoveryResult(tuple(refs), tuple(skipped), tuple(unresolvable), scanned)
