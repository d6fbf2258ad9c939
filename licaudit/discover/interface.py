"""The scanner seam: what discovery asks of a scanner, and what a scanner gives back.

A ``Scanner`` reads the text of one kind of file (``kind``: ``python``, ``yaml`` ...). Before any
parser runs, its ``trigger`` (a cheap byte-level prefilter) must match the file's raw bytes;
``scan(text, ctx)`` then returns a ``ScanResult``. A scanner whose answers depend on other files
of the scan (a Python name imported from another module) returns them as ``Pending`` questions
and answers them in ``settle`` once every file is scanned (``Settles``). A ``TreeScanner``
looks at the list of files instead of one file's text (model folders, weight files by name and
header).

Scanners are registered, by the files they read, in ``licaudit.discover.SCANNERS``; this module
imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ..model import ModelRef, Skipped, Unresolvable
from ..recordtype import dataclass
from .common import Context, Found, Trigger

__all__ = [
    "Context",
    "FunctionScanner",
    "Pending",
    "ScanResult",
    "Scanner",
    "Settles",
    "SettlesEach",
    "TreeScanner",
    "Trigger",
]


@dataclass(frozen=True)
class Pending:
    """A question only the whole scan can answer, for the scanner of ``kind`` to settle after
    every file is scanned (what it holds is that scanner's own record; it must pickle)."""

    kind: str
    question: Any


@dataclass
class ScanResult:
    """What a scan yields, for one file, a slice of the file list or a whole tree.

    ``refs``: model references, and dataset references (``source`` is ``model.DATASET``), each
    with its location; ``unresolvable``: model arguments computed at run time (f-strings,
    environment lookups), never models; ``skipped``: files that could not be read or parsed, with
    the reason; ``pending``: questions for ``Settles.settle``; ``files_scanned``: files read
    (counted by whoever reads them: the discovery loop for text scanners, a tree scanner itself).
    """

    refs: list[ModelRef] = field(default_factory=list)
    unresolvable: list[Unresolvable] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    files_scanned: int = 0

    def add(self, other: ScanResult) -> None:
        """Append ``other`` (results are merged in file-list order)."""
        self.refs.extend(other.refs)
        self.unresolvable.extend(other.unresolvable)
        self.skipped.extend(other.skipped)
        self.pending.extend(other.pending)
        self.files_scanned += other.files_scanned


class Scanner(Protocol):
    """Finds references in the text of one kind of file.

    ``scan`` may raise ``SyntaxError`` or ``ValueError`` for text it cannot parse (the file is
    then listed as skipped, ``cannot parse: <reason>``); any other exception is caught and
    reported the same way as a scanner error, so one file never ends a scan. ``licaudit: ignore``
    markers on a reference's line are applied by discovery, not by the scanner."""

    kind: str
    trigger: Trigger

    def scan(self, text: str, ctx: Context) -> ScanResult: ...


@runtime_checkable
class Settles(Protocol):
    """A scanner that returns ``Pending`` questions answers them here, once, after the scan,
    with every question of the scan. Discovery has no text to read ``licaudit: ignore``
    markers from at this point: the references returned carry their own suppression. A scanner
    whose ``settles_with_refs`` is true is also given every reference the scan found (a third
    argument): a question may be about what other files name."""

    def settle(self, root: Path, questions: Sequence[Any]) -> ScanResult: ...


@runtime_checkable
class SettlesEach(Protocol):
    """A ``Settles`` scanner that can also answer the questions of one file alone, given the
    file's context, and say which files of the tree that answer read (path ->
    ``common.file_state``): the scan cache keeps the answer and uses it again while those
    files, the file itself and the context's answers are unchanged. None for a file whose
    questions need the whole scan (they are settled with ``settle``). The answers, taken file
    by file, must be those ``settle`` gives."""

    def settle_each(
        self, root: Path, files: Sequence[tuple[Context, Sequence[Any]]]
    ) -> list[tuple[ScanResult, dict[str, str]] | None]: ...


class TreeScanner(Protocol):
    """Finds references in the list of files rather than in one file's text (local model folders
    and weight files, recognised by name and read by bounded header readers). ``complete`` says
    ``files`` is every file of the scan (a folder's other files are then taken from it)."""

    kind: str

    def scan_tree(self, root: Path, files: Sequence[str], *, complete: bool) -> ScanResult: ...


@dataclass(frozen=True)
class FunctionScanner:
    """A ``Scanner`` made of a function ``(text, ctx) -> (refs, unresolvable)``, or one that
    returns its ``ScanResult`` (a file it lists as skipped, partially scanned)."""

    kind: str
    trigger: Trigger
    function: Callable[[str, Context], Found | ScanResult]

    def scan(self, text: str, ctx: Context) -> ScanResult:
        found = self.function(text, ctx)
        if isinstance(found, ScanResult):
            return found
        refs, unresolvable = found
        return ScanResult(refs, unresolvable)
