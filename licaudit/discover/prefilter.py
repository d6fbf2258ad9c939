"""The code prefilter: is a trigger word in the code of a file, or only in its prose?

A scanner's ``trigger`` (``common.Trigger``) is a set of lower-case literals of which one must
occur in a file's raw bytes before its parser runs. In a machine-learning code base nearly every
file passes that test, because loader names occur in docstrings and comments. For the kinds whose
code this module can lex, discovery asks a second question before parsing: does a trigger literal
occur *outside* comments and statement strings (docstrings), or does a string literal of the code
have the shape of a model id (``org/name``, ``name:tag``)? A file where neither holds cannot
yield a reference, and is not parsed.

The lexer (``python_tokens``) finds only what it must, at C speed between tokens: ``#``
comments, string literals (every quote style and prefix) and the bracket depth of the code
between them (counted, never tokenized). A string is prose when it is a statement of its own: at
bracket depth 0, first on its logical line (not after a backslash continuation) and last on it.
Whatever the lexer cannot be sure of — an unterminated string, an f-string that nests its own
quotes (3.12) — makes it give up, and the file is parsed: the prefilter may let a file through
needlessly, never keep one back. ``LICAUDIT_PREFILTER=bytes`` turns the code stage off (every
file the byte trigger passes is parsed), to check on a repository that nothing is lost.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .. import lazyre

if TYPE_CHECKING:
    from .common import Trigger

# a token the code stage yields: (start, end, prose), where ``prose`` is False for a string
# literal of the code (whose text is checked for an id shape) and True for a comment or a
# statement string
Token = tuple[int, int, bool]
Lexer = Callable[[bytes], Iterator[Token]]


class CannotLex(ValueError):
    """The text is not something the lexer can be sure of: the file is parsed."""


# lower-cased text of a string literal that may be a model id: org/name, name:tag, org/name:tag,
# a prefixed name (openai:gpt-4o, ollama/llama3), a Hub URL
_ID_SHAPE = lazyre.compile(
    rb"\s*(?:https?://)?(?:hf\.co/|huggingface\.co/)?"
    rb"[a-z0-9@][a-z0-9._@-]*(?:[/:][a-z0-9][a-z0-9._@-]*)+/?\s*"
)
_IDENT = frozenset(b"_0123456789abcdefghijklmnopqrstuvwxyz")
_PREFIX = frozenset(b"rbuf")


def python_tokens(data: bytes) -> Iterator[Token]:
    """The comments and string literals of lower-cased Python source, in order.

    Raises ``CannotLex`` for text that does not lex as Python strings and comments do."""
    n = len(data)
    find, count = data.find, data.count
    i = 0  # everything before i is lexed
    depth = 0  # bracket depth of the code before i
    nh, nd, ns = find(b"#"), find(b'"'), find(b"'")
    while True:
        j = n
        if 0 <= nh < j:
            j = nh
        if 0 <= nd < j:
            j = nd
        if 0 <= ns < j:
            j = ns
        if j == n:
            return
        if j > i:
            depth += (
                count(b"(", i, j)
                + count(b"[", i, j)
                + count(b"{", i, j)
                - count(b")", i, j)
                - count(b"]", i, j)
                - count(b"}", i, j)
            )
        if data[j] == 35:  # '#': a comment, to the end of the line
            end = find(b"\n", j)
            if end < 0:
                end = n
            yield j, end, True
        else:
            end, body, close = _string_end(data, j)
            start = j  # the prefix (r, b, u, f and pairs of them) belongs to the literal
            while start > 0 and j - start < 2 and data[start - 1] in _PREFIX:
                start -= 1
            if start < j and start > 0 and (data[start - 1] in _IDENT or data[start - 1] >= 128):
                start = j  # the letters end a name: no prefix (only ``if"x"`` is valid)
            if (
                b"f" in data[start:j]
                and b"{" in data[body:close]
                and _open_field(data, body, close)
            ):
                raise CannotLex("an f-string that nests its own quotes")
            yield start, end, depth == 0 and _statement(data, start, end)
        i = end
        if nh < i:
            nh = find(b"#", i)
        if nd < i:
            nd = find(b'"', i)
        if ns < i:
            ns = find(b"'", i)


def _string_end(data: bytes, j: int) -> tuple[int, int, int]:
    """(end, body start, closing quote position) of the string literal whose quote is at j."""
    q = data[j : j + 1]
    triple = data.startswith(q * 3, j)
    close_with = q * 3 if triple else q
    body = j + len(close_with)
    k = body
    while True:
        e = data.find(close_with, k)
        if e < 0:
            raise CannotLex("an unterminated string")
        b = e
        while data[b - 1] == 92:  # backslashes before the quote: an odd number escapes it
            b -= 1
        if not (e - b) & 1:
            break
        k = e + 1
    if not triple:
        nl = data.find(b"\n", body, e)
        while nl >= 0:  # a one-line string goes on only after an escaped line end
            if data[nl - 1] != 92 and not (data[nl - 1] == 13 and data[nl - 2] == 92):
                raise CannotLex("an unterminated string")
            nl = data.find(b"\n", nl + 1, e)
    return e + len(close_with), body, e


_BRACES = lazyre.compile(rb"\{\{|\}\}|[{}]")


def _open_field(data: bytes, body: int, close: int) -> bool:
    """Whether an f-string's text ends inside a replacement field: then the quote that seemed to
    end it belongs to an expression inside the field (a 3.12 f-string nesting its own quotes)."""
    depth = 0
    for m in _BRACES.finditer(data, body, close):
        token = m.group()
        if depth == 0:
            if token == b"{":
                depth = 1
        elif token == b"{{":
            depth += 2
        elif token == b"}}":
            depth = max(0, depth - 2)
        else:
            depth += 1 if token == b"{" else -1
    return depth > 0


def _statement(data: bytes, start: int, end: int) -> bool:
    """Whether the literal at [start, end), at bracket depth 0, is a whole logical line."""
    ls = data.rfind(b"\n", 0, start)
    before = data[ls + 1 : start]
    if ls < 0 and before.startswith(b"\xef\xbb\xbf"):
        before = before[3:]  # a byte order mark
    if before.strip(b" \t\f"):
        return False  # something before it on its line
    if ls > 0 and (data[ls - 1] == 92 or (data[ls - 1] == 13 and ls > 1 and data[ls - 2] == 92)):
        return False  # the line before goes on here
    le = data.find(b"\n", end)
    rest = data[end : len(data) if le < 0 else le].strip(b" \t\f\r")
    return not rest or rest[0] == 35  # nothing after it but a comment


def in_code(raw: bytes, trigger: Trigger, lexer: Lexer, low: bytes | None = None) -> bool:
    """Whether the code of ``raw`` — the file less its comments and statement strings — passes
    the scanner's ``trigger`` (whatever that asks: a literal, a literal and a string beside
    it), or has a string literal with the shape of a model id. True when the lexer gives up.

    A trigger says whether text may hold a reference, so more text never turns its yes into a
    no: the code read so far is asked at growing checkpoints (the imports at the top of a
    module usually decide), and the rest is not lexed once it says yes. ``low``: ``raw``
    lower-cased, when the caller has it."""
    if low is None:
        low = raw.lower()
    search = trigger.search_lower  # the code is cut from the lower-cased bytes
    code: list[bytes] = []
    pos = 0
    checkpoint = _FIRST_CHECKPOINT
    shape = _ID_SHAPE.fullmatch
    try:
        for start, end, prose in lexer(low):
            if prose:
                code.append(low[pos:start])
                pos = end
                if start >= checkpoint:
                    if search(b"\n".join(code)):
                        return True
                    checkpoint = 4 * start
            elif end - start < 300:
                body = _body(low, start, end)
                if (b"/" in body or b":" in body) and shape(body):
                    return True
    except CannotLex:
        return True
    if not code:
        return True  # no prose: the byte trigger already said yes
    code.append(low[pos:])
    return search(b"\n".join(code))


_FIRST_CHECKPOINT = 4096


def _body(low: bytes, start: int, end: int) -> bytes:
    """The text between the quotes of the string literal at [start, end)."""
    k = start
    while low[k] not in (34, 39):  # past the prefix
        k += 1
    width = 3 if end - k >= 6 and low[k + 1] == low[k] == low[k + 2] else 1
    return low[k + width : end - width]


def enabled() -> bool:
    """False when ``LICAUDIT_PREFILTER=bytes``: the byte trigger alone decides."""
    return os.environ.get("LICAUDIT_PREFILTER", "").strip().lower() != "bytes"
