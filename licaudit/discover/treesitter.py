"""tree-sitter, for every scanner that parses with it (JavaScript / TypeScript, Go).

A grammar is named by its module and the function that returns its language
(``tree_sitter_go``, ``language``); ``grammar`` builds its parser and one query of the scanner's
patterns on first use, so tree-sitter and the grammar are imported by the first file of that
language a scan reads, never when licaudit starts. A pattern whose node kind the grammar lacks is
left out of the query (the TypeScript grammar has node kinds the JavaScript one does not).
``captures`` runs the query over a parsed tree; ``position`` is where discovery reports a node
(1-based line and column in characters, inside the quote of a string literal); ``ancestors`` are
the nodes enclosing one, found walking down from the root.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any


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


def captures(query: Any, root: Any) -> dict[str, list[Any]]:
    """The nodes ``query`` captures under ``root``, by capture name."""
    import tree_sitter

    return tree_sitter.QueryCursor(query).captures(root)


def position(src: bytes, node: Any, *, inside: bool = False) -> tuple[int, int]:
    """(line, column) of ``node`` in ``src``, 1-based, the column counted in characters;
    ``inside``: one past the node's first character (the id inside a string's quote)."""
    row, col = node.start_point
    start = node.start_byte - col
    col_chars = len(src[start : node.start_byte].decode("utf-8", "replace"))
    return row + 1, col_chars + 1 + (1 if inside else 0)


def ancestors(root: Any, node: Any) -> list[Any]:
    """The nodes of ``root``'s tree that enclose ``node``, innermost first, found walking down
    from ``root``: a node's parent costs a walk from the root in tree-sitter, so walking up a deep
    tree (a chain of thousands of calls) one parent at a time would cost its depth squared."""
    path = []
    at = root
    while at is not None and at != node:
        path.append(at)
        at = at.child_with_descendant(node)
    return path[::-1]
