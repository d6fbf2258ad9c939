"""Text from bytes, one way for every file licaudit reads.

- A byte order mark decides, in any file: UTF-8, UTF-16 and UTF-32, little or big endian (a
  YAML, JSON or text file saved by a Windows editor often starts with one).
- A Python source may declare its encoding (PEP 263: ``# -*- coding: latin-1 -*-`` on one of
  its first two lines), and that encoding is used, as Python itself would.
- Everything else is UTF-8.

``decode(data)`` replaces bytes that are not valid in the encoding (U+FFFD): the scanners look
for model ids, which are ASCII and survive, so one stray byte never hides every reference in a
file. ``decode(data, strict=True)`` raises ``UnicodeDecodeError`` instead, for licaudit's own
data files (a policy, the configuration, the lockfile), where a wrong byte is an error to fix.
"""

from __future__ import annotations

import codecs
import io
import tokenize

# Longest first: a UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding ``data``'s byte order mark names (``utf-8-sig``, ``utf-16``, ``utf-32``:
    each consumes its mark), or None without one."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def python_encoding(data: bytes) -> str:
    """The encoding of a Python source: its byte order mark, else its PEP 263 declaration,
    else UTF-8 (an unknown or contradictory declaration counts as none)."""
    try:
        name, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        return "utf-8"
    return name


def decode(data: bytes, *, python: bool = False, strict: bool = False) -> str:
    """``data`` as text (see the module docstring); ``python``: honour a PEP 263 declaration."""
    name = bom_encoding(data) or (python_encoding(data) if python else "utf-8")
    return data.decode(name, "strict" if strict else "replace")
