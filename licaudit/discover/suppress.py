"""``licaudit: ignore`` markers on a reference's line, with the reason legal can read.

One syntax in every comment style (``#``, ``//``, ``--``, ``;``, ``<!-- -->``, ``/* */``)::

    model = load("org/x")  # licaudit: ignore[org/x] -- LEGAL-123 approved for the demo

``ignore`` alone covers every model on the line, ``ignore[ID, ...]`` those ids (case-insensitive;
an Ollama name without a tag covers every tag). What follows `` -- `` to the end of the comment
is the reason; it travels with the location (``Location.suppression_reason``) into every report,
and a policy can require one (``suppressions.require_reason``).
"""

from __future__ import annotations

import dataclasses
import re

from .. import lazyre
from ..model import ModelRef
from ..recordtype import dataclass

_IGNORE = lazyre.compile(
    r"licaudit:\s*ignore(?:\[(?P<ids>[^\]]*)\])?"
    r"(?:\s*--(?!>)(?P<reason>(?:(?!-->|\*/|licaudit:).)*))?",
    re.IGNORECASE,
)
_CLOSERS = ("*)", "#}", "%}", "%>")  # comment closers a reason may run into
MAX_REASON = 300  # characters kept of a reason


@dataclass(frozen=True)
class Marker:
    """One ``licaudit: ignore`` marker: the ids it covers (empty: every id) and its reason."""

    ids: frozenset[str] = frozenset()
    reason: str | None = None

    def covers(self, ident: str) -> bool:
        low = ident.lower()
        return not self.ids or low in self.ids or low.split(":")[0] in self.ids


def markers(line: str) -> list[Marker]:
    """Every marker on ``line``, in order."""
    out = []
    for m in _IGNORE.finditer(line):
        ids = (x.strip().lower() for x in (m.group("ids") or "").split(","))
        reason = " ".join((m.group("reason") or "").split())
        while reason.endswith(_CLOSERS):
            reason = reason[:-2].rstrip()
        reason = reason[:MAX_REASON] or None
        out.append(Marker(frozenset(x for x in ids if x), reason))
    return out


def covering(line: str, ident: str) -> Marker | None:
    """The first marker on ``line`` that covers ``ident``, else None."""
    return next((m for m in markers(line) if m.covers(ident)), None)


def mark_suppressed(ref: ModelRef, marker: Marker | None = None) -> ModelRef:
    """``ref`` suppressed, with the marker's reason on its location."""
    reason = marker.reason if marker else None
    return dataclasses.replace(
        ref,
        suppressed=True,
        location=dataclasses.replace(ref.location, suppressed=True, suppression_reason=reason),
    )


def suppress(ref: ModelRef, line: str) -> ModelRef:
    """``ref`` suppressed when a marker on ``line`` covers it, else ``ref`` itself."""
    marker = covering(line, ref.id)
    return mark_suppressed(ref, marker) if marker is not None else ref


def apply_suppressions(refs: list[ModelRef], text: str) -> list[ModelRef]:
    """Mark the references whose source line in ``text`` carries a suppression marker. A
    position inside a notebook cell is not a line of ``text``: the notebook scanner reads the
    cell's markers itself."""
    if not refs:
        return refs
    lines = text.splitlines()
    on_line: dict[int, list[Marker]] = {}  # read once a line (a long one may hold many refs)
    out = []
    for ref in refs:
        if ref.location.cell is not None:
            out.append(ref)
            continue
        n = ref.location.line
        if n not in on_line:
            on_line[n] = markers(lines[n - 1]) if 0 < n <= len(lines) else []
        marker = next((m for m in on_line[n] if m.covers(ref.id)), None)
        out.append(mark_suppressed(ref, marker) if marker is not None else ref)
    return out
