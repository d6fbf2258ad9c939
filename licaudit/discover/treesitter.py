"""tree-sitter, for every scanner that parses with it (JavaScript / TypeScript, Go).

A grammar is named by its module and the function that returns its language
(``tree_sitter_go``, ``language``); ``grammar`` builds its parser and one query of the scanner's
patterns on first use, so tree-sitter and the grammar are imported by the first file of that
language a scan reads, never when licaudit starts. A pattern whose node kind the grammar lacks is
left out of the query (the TypeScript grammar has node kinds the JavaScript one does not).
``captures`` runs the query over a parsed tree; ``Positions`` say where discovery reports a node
(1-based line and column in characters, inside the quote of a string literal); ``ancestors`` are
the nodes enclosing one, found walking down from the root.

The bounds that keep a hostile file from hanging a scan, each reported, never silent (the file is
listed as skipped, ``partially scanned: ...``, with what was found in the rest):

* ``MAX_DEPTH``: tree-sitter's query cursor counts depth in 16 bits, so past 65,535 levels it
  loses matches without a word (a chain of 40,000 calls kept 32,767, a Go literal nested 17,000
  times 16,383) and its time grows with the square of the depth; the query is run down to
  ``MAX_DEPTH`` levels and a deeper tree is reported;
* ``Budget``: a node's enclosing nodes cost a walk from the root, so a file whose names are
  resolved thousands of levels deep, thousands of times, would cost their product; the walks of
  one file are bounded (real files take at most a few ten thousand steps).
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

MAX_DEPTH = 65_000  # levels of a tree the query reads (tree-sitter counts them in 16 bits)
MAX_WALK = 1_000_000  # steps of walks to enclosing nodes one file may take


class WalkLimit(Exception):
    """A file's walks to enclosing nodes reached ``MAX_WALK`` steps."""

    reason = f"its names are nested too deeply to resolve (more than {MAX_WALK:,} steps)"


def partially(reasons: list[str]) -> str | None:
    """The reason a file is listed as skipped when bounds cut its scan (None: none did)."""
    return "partially scanned: " + "; ".join(reasons) if reasons else None


@functools.cache
def grammar(module: str, function: str, patterns: tuple[str, ...]) -> tuple[Any, Any]:
    """(parser, query) of the grammar ``module.function()`` and the ``patterns`` it has."""
    import tree_sitter

    language = tree_sitter.Language(getattr(importlib.import_module(module), function)())
    kept = []
    for pattern in patterns:
        try:
            tree_sitter.Query(language, pattern)
        except Exception:  # noqa: BLE001 - a node kind this grammar does not have
            continue
        kept.append(pattern)
    return tree_sitter.Parser(language), tree_sitter.Query(language, "\n".join(kept))


def deeper_than(root: Any, limit: int) -> bool:
    """Whether a node of ``root``'s tree lies more than ``limit`` levels below it. Only nodes
    with enough descendants to reach that far are looked into, so a tree of ordinary depth costs
    a look at its root and a few of its largest nodes."""
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        need = limit - depth  # a child holding more nodes than this may reach beyond the limit
        for child in node.children:
            if child.descendant_count > need:
                stack.append((child, depth + 1))
    return False


def captures(query: Any, root: Any) -> tuple[dict[str, list[Any]], str | None]:
    """The nodes ``query`` captures under ``root``, by capture name, and why part of the tree
    was not read (None: all of it was)."""
    import tree_sitter

    cursor = tree_sitter.QueryCursor(query)
    cut = None
    if deeper_than(root, MAX_DEPTH):
        cursor.set_max_start_depth(MAX_DEPTH)
        cut = f"nested more than {MAX_DEPTH:,} levels deep (what lies deeper is not read)"
    got = cursor.captures(root)
    if cursor.did_exceed_match_limit:
        cut = cut or "more matches at once than the parser's query holds"
    return got, cut


# bytes of valid UTF-8 that continue a character (the text scanned is always valid UTF-8)
_CONTINUATION = bytes(1 if 0x80 <= b < 0xC0 else 0 for b in range(256))
_STEP = 4096  # bytes between the character counts kept of a long line


class Positions:
    """Where nodes of one source (``src``, valid UTF-8) are reported: (line, column), 1-based, the
    column counted in characters. The characters before a column are counted from the nearest of
    the counts kept every ``_STEP`` bytes of its line, so many nodes on one long line (a minified
    file) never count the line again for each."""

    def __init__(self, src: bytes) -> None:
        self.src = src
        self._counts: dict[int, list[int]] = {}  # a line's start -> characters before each step

    def _chars(self, start: int, end: int) -> int:
        return end - start - self.src[start:end].translate(_CONTINUATION).count(1)

    def __call__(self, node: Any, *, inside: bool = False) -> tuple[int, int]:
        """(line, column) of ``node``; ``inside``: one past its first character (the id inside a
        string's quote)."""
        row, col = node.start_point
        start = node.start_byte - col
        if col < _STEP:
            chars = self._chars(start, node.start_byte)
        else:
            counts = self._counts.setdefault(start, [0])
            step = col // _STEP
            while len(counts) <= step:
                at = start + (len(counts) - 1) * _STEP
                counts.append(counts[-1] + self._chars(at, at + _STEP))
            chars = counts[step] + self._chars(start + step * _STEP, node.start_byte)
        return row + 1, chars + 1 + (1 if inside else 0)


class Budget:
    """The steps of walks to enclosing nodes left to one file (``MAX_WALK``)."""

    def __init__(self, steps: int = MAX_WALK) -> None:
        self.left = steps


def ancestors(root: Any, node: Any, budget: Budget | None = None) -> list[Any]:
    """The nodes of ``root``'s tree that enclose ``node``, innermost first, found walking down
    from ``root``: a node's parent costs a walk from the root in tree-sitter, so walking up a deep
    tree (a chain of thousands of calls) one parent at a time would cost its depth squared. Each
    step is taken from ``budget``; ``WalkLimit`` when it runs out."""
    path = []
    at = root
    left = budget.left if budget is not None else -1
    while at is not None and at != node:
        if len(path) == left:
            budget.left = 0  # type: ignore[union-attr]
            raise WalkLimit
        path.append(at)
        at = at.child_with_descendant(node)
    if budget is not None:
        budget.left -= len(path)
    return path[::-1]
