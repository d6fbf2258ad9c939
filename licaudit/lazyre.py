"""``compile``: a module's regular expression compiled when it is first used, not at import.

A run imports some forty modules whose patterns most runs never use (a scan the scan cache
answers reads no file; a report reads no card): compiling them all at import cost every run a few
milliseconds. A ``Pattern`` here stands for ``re.compile(pattern, flags)``: the first attribute
asked of it compiles the expression and keeps the compiled pattern's methods and attributes on
the object itself, so that every later ``P.match(...)`` is one lookup and the compiled pattern's
own method, as fast as before.
"""

from __future__ import annotations

import re
from typing import Any

# what is kept on the object once compiled (everything else is asked of the compiled pattern)
_KEPT = (
    "match",
    "search",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class Pattern:
    """``re.compile(pattern, flags)``, compiled on first use."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self.__dict__["_source"] = (pattern, flags)

    def compiled(self) -> re.Pattern:
        """The compiled pattern itself (for an API that wants a ``re.Pattern``)."""
        known = self.__dict__.get("_compiled")
        if known is None:
            known = re.compile(*self.__dict__["_source"])
            self.__dict__.update({name: getattr(known, name) for name in _KEPT}, _compiled=known)
        return known

    def __getattr__(self, name: str) -> Any:  # only for what is not on the object yet
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazyre.compile({self.__dict__['_source'][0]!r})"


def compile(pattern: str | bytes, flags: int = 0) -> Pattern:  # noqa: A001 - as re.compile
    return Pattern(pattern, flags)


__all__ = ["Pattern", "compile"]
