"""What every scanner shares: the scan context, the prefilter, reference construction.

What a value means under a name (a model key, a flag, an environment variable) is decided in
one place, ``context.py``, from the loader vocabulary."""

from __future__ import annotations

import collections
import contextlib
import functools
import hashlib
import os
import stat
import time
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import lazyre
from ..cards import check_yaml_depth as check_yaml_depth  # the YAML scanner's guard
from ..model import DATASET, Location, ModelRef, Unresolvable
from ..recordtype import dataclass
from .ids import dataset_id

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .context import Identity

Found = tuple[list[ModelRef], list[Unresolvable]]


@dataclass
class Context:
    """One file being scanned: the scan root and the file's path relative to it."""

    root: Path
    rel: str
    _exists: dict[str, bool] = field(default_factory=dict)
    # folders of the repository mounted into a container (compose ``./models:/models``), as
    # (container folder, folder relative to the root): a weights file at /models/x.gguf is
    # models/x.gguf of the repository
    mounts: tuple[tuple[str, str], ...] = ()

    @property
    def folder(self) -> str:
        return os.path.dirname(self.rel)

    def is_local_path(self, value: str) -> bool:
        """True when ``value`` names an existing file or folder (relative to the root or to the
        file's folder): then it is a local path, not a Hub id."""
        if value in self._exists:
            return self._exists[value]
        root = os.fspath(self.root)
        found = False
        shared = _PATHS_SEEN[-1] if _PATHS_SEEN else None
        for base in (root, os.path.join(root, self.folder)) if self.folder else (root,):
            try:
                path = os.path.join(base, value)
                there = shared.get(path) if shared is not None else None
                if there is None:
                    there = os.path.exists(path)
                    if shared is not None and len(shared) < _PATHS_SEEN_MAX:
                        shared[path] = there
                if there:
                    found = True
                    break
            except (OSError, ValueError):
                continue
        self._exists[value] = found
        return found

    def tree_file(self, rel: str, limit: int) -> tuple[str, bytes | None]:
        """``file_state`` of another file of the tree (``rel`` from the root): its state and,
        when it is a readable regular file of at most ``limit`` bytes, its bytes. The scan
        cache keeps the state with the file's answer (``RecordingContext``), so what a scanner
        learns from a manifest holds until the manifest changes."""
        return file_state(os.fspath(self.root), rel, limit)


# whether each path asked about exists, shared by the files of one scan (``paths_seen``): the
# files of a tree ask about the same names (a module of the repository, a model's folder)
_PATHS_SEEN: list[dict[str, bool]] = []
_PATHS_SEEN_MAX = 1 << 16


@contextlib.contextmanager
def paths_seen() -> Iterator[None]:
    """While a scan runs: ``Context.is_local_path`` looks each path up once for all its files
    (every file's own answers are still kept with it, for the scan cache); the answers are
    dropped when the scan is over, so a later scan of a changed tree looks again."""
    _PATHS_SEEN.append({})
    try:
        yield
    finally:
        _PATHS_SEEN.pop()


# the note of a Hub model read from a local copy's path (``context.local_copy``)
LOCAL_COPY_NOTE = " (local copy "


class Trigger:
    """The cheap prefilter of a file kind: lower-case byte literals, any of which must occur in
    the (lower-cased) raw bytes before a parser is worth running. Substring search runs at
    memory speed; no regular expression is involved."""

    def __init__(self, *literals: bytes) -> None:
        self.literals = tuple(sorted({lit.lower() for lit in literals}))

    def __add__(self, other: Trigger) -> Trigger:
        return Trigger(*self.literals, *other.literals)

    def search(self, data: bytes) -> bool:
        return self.search_lower(data.lower())

    def search_lower(self, low: bytes) -> bool:
        """``search`` of bytes already lower-cased (the caller lowered them once for every
        stage of the prefilter)."""
        for lit in self.literals:  # noqa: SIM110 - a plain loop is faster, and this runs per file
            if lit in low:
                return True
        return False


# weights files (the vocabulary's weight_extensions; a test keeps them in step) and the names
# that hold them: prefilter literals of the command-line and configuration-file scanners
WEIGHTS_WORDS = (
    b"checkpoint",
    b"weights",
    b".pt",
    b".ckpt",
    b".safetensors",
    b".gguf",
    b".ggml",
    b".onnx",
    b".tflite",
    b".nemo",
    b".jit",
    b".pb",
)

_NOT_ALNUM = lazyre.compile(r"[^a-z0-9]")


@functools.lru_cache(maxsize=4096)
def norm_key(key: str) -> str:
    """``model_name_or_path``, ``MODEL-NAME-OR-PATH`` -> ``modelnameorpath``; the same few keys
    recur across a tree's files and each is asked about several times, hence the cache."""
    return _NOT_ALNUM.sub("", key.lower())


def dataset_value(value: str, ctx: Context, *, bare: bool = False) -> tuple[str, str] | None:
    value = value.strip().strip("'\"")
    did = dataset_id(value, bare=bare)
    return (did, DATASET) if did and not ctx.is_local_path(value) else None


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


_NONSPACE = lazyre.compile(r"\S")
SNIPPET = 200  # characters of a line kept as a reference's snippet


def snippet_at(lines: list[str], line: int) -> str:
    """The line, stripped, its first ``SNIPPET`` characters (``line.strip()[:SNIPPET]``, read no
    further than them: a long line holding many references is not copied for each)."""
    if not 0 < line <= len(lines):
        return ""
    text = lines[line - 1]
    first = _NONSPACE.search(text)
    if first is None:
        return ""
    start = first.start()
    window = text[start : start + SNIPPET]
    # the end of the line is stripped only when nothing but blanks follows the window
    return window.rstrip() if _NONSPACE.search(text, start + SNIPPET) is None else window


def location_at(
    ctx: Context, lines: list[str], line: int, column: int, *, cell: int | None = None
) -> Location:
    """Where in the scanned file: the position and the stripped source line as snippet."""
    return Location(
        path=ctx.rel, line=line, column=column, snippet=snippet_at(lines, line), cell=cell
    )


def make_ref(
    ident: tuple[str, str] | Identity,
    ctx: Context,
    lines: list[str],
    line: int,
    column: int,
    evidence: str,
    *,
    revision: str | None = None,
    cell: int | None = None,
    provider: str | None = None,
) -> ModelRef:
    """A reference at ``line``/``column``; ``ident`` is an ``(id, source)`` pair or a
    ``context.Identity`` (whose provider and revision it carries unless given here, and its
    metadata)."""
    metadata = None
    if isinstance(ident, tuple):
        rid, source = ident[0], ident[1]
    else:
        rid, source, metadata = ident.id, ident.source, ident.metadata
        if ident.note and ident.note not in evidence:
            evidence += ident.note
        provider = provider or ident.provider
        revision = revision or ident.revision
    return ModelRef(
        id=rid,
        source=source,
        location=location_at(ctx, lines, line, column, cell=cell),
        evidence=evidence,
        revision=revision,
        provider=provider,
        metadata=metadata,
    )


def make_refs(
    ident: tuple[str, str] | Identity,
    ctx: Context,
    lines: list[str],
    line: int,
    column: int,
    evidence: str,
    **kw,
) -> list[ModelRef]:
    """``make_ref``, and a reference at the same place for every model the identity implies
    (``Identity.implies``: what a library loads along with it, another library's reading)."""
    ref = make_ref(ident, ctx, lines, line, column, evidence, **kw)
    if isinstance(ident, tuple) or not ident.implies:
        return [ref]
    cell = kw.get("cell")
    return [ref] + [
        make_ref(other, ctx, lines, line, column, why, cell=cell) for other, why in ident.implies
    ]


def find_in_lines(
    lines: list[str],
    needle: str,
    first: int,
    last: int,
    after: tuple[int, int] | None = None,
) -> tuple[int, int]:
    """(line, column) of the first occurrence of ``needle`` in lines ``first..last`` (1-based,
    inclusive), or of the first one past the place ``after`` when one is given (the same value
    written a second time in one command); falls back to (first, 1)."""
    for n in range(max(first, 1), min(last, len(lines)) + 1):
        start = 0
        if after is not None:
            if n < after[0]:
                continue
            if n == after[0]:
                start = after[1]  # the 0-based index just past the earlier occurrence's start
        col = lines[n - 1].find(needle, start)
        if col >= 0:
            return n, col + 1
    if after is not None:
        return find_in_lines(lines, needle, first, last)
    return first, 1


def file_signature(root: str, rel: str) -> tuple[int, int] | None:
    """(size, mtime) of a regular file that is no symbolic link, else None: what a scanner that
    reads another file of the tree keys what it learnt from it by (a changed file is read
    again)."""
    try:
        st = os.lstat(os.path.join(root, rel))
    except (OSError, ValueError):
        return None
    return (st.st_size, st.st_mtime_ns) if stat.S_ISREG(st.st_mode) else None


def read_small(root: str, rel: str, limit: int) -> bytes | None:
    """The bytes of another file of the tree, through discovery's bounded reader (regular
    files, no FIFO, no escape from the root); None when it cannot be read or is larger than
    ``limit``."""
    from . import _read

    raw, _ = _read(root, rel, limit)
    return raw


# --- what an answer read of the rest of the tree -------------------------------------------------

MISSING = "-"  # not a regular file (nothing there, a folder, a FIFO), or no stat
UNREADABLE = "!"  # a regular file that cannot be opened or read


# the states last read, by path, limit and the file's stamp: the files of a tree that many of
# its files read (a lock file, a manifest) are read and hashed once while they stay the same;
# bounded by the bytes kept
_READ: collections.OrderedDict[tuple[str, int, tuple[int, ...]], tuple[str, bytes | None]] = (
    collections.OrderedDict()
)
_READ_BYTES = 64 << 20
_read_bytes = 0


def file_state(root: str, rel: str, limit: int) -> tuple[str, bytes | None]:
    """(state, bytes) of the file ``rel`` of the tree, read as ``Path.is_file`` and
    ``read_bytes`` see it (symbolic links followed), at most ``limit`` bytes. The state says
    all an answer made from it can depend on: ``MISSING``, ``UNREADABLE``, ``"<limit>>"``
    (larger than ``limit``: not read) or ``"<limit>:<digest of the content>"``; the bytes are
    there only in the last case. A file read before with the same size, times and inode is
    not read again (unless it changed in the last two seconds)."""
    global _read_bytes
    path = os.path.join(root, rel)
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return MISSING, None
    if not stat.S_ISREG(st.st_mode):
        return MISSING, None
    key = (path, limit, (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    known = _READ.get(key)
    if known is not None:
        _READ.move_to_end(key)
        return known
    found = _read_state(path, limit)
    size = len(found[1] or b"")
    # a file changed in the last two seconds may change again within the same time stamp:
    # read again (the scan cache's racy rule)
    settled = max(st.st_mtime_ns, st.st_ctime_ns) < time.time_ns() - 2_000_000_000
    if settled and size <= _READ_BYTES // 4:
        _READ[key] = found
        _read_bytes += size
        while _read_bytes > _READ_BYTES:
            _, (_, old) = _READ.popitem(last=False)
            _read_bytes -= len(old or b"")
    return found


def _read_state(path: str, limit: int) -> tuple[str, bytes | None]:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return UNREADABLE, None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return MISSING, None
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(limit + 1 - total, 1 << 20) or 1)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError:
        return UNREADABLE, None
    finally:
        os.close(fd)
    if total > limit:
        return f"{limit}>", None
    data = b"".join(chunks)
    return f"{limit}:{hashlib.sha256(data).hexdigest()[:32]}", data


def state_holds(root: str, rel: str, state: str, memo: dict[tuple[str, int], str]) -> bool:
    """Whether ``file_state`` of ``rel`` is still ``state`` (``memo``: the states found so far
    in this scan, by path and limit)."""
    head, sep, _ = state.partition(":")
    limit_text = head if sep else state[:-1] if state.endswith(">") else "0"
    if not limit_text.isdigit():
        return False
    key = (rel, int(limit_text))
    now = memo.get(key)
    if now is None:
        now = memo[key] = file_state(root, rel, key[1])[0]
    return now == state


class TreeReads:
    """The files of the tree that the answer of one file's questions read besides the file
    itself (``files``: path -> ``file_state``), for the scan cache to find out whether that
    answer still holds; and the context the questions are asked in (``ctx``; None: each
    question's own). ``memo``: the states and bytes already read in this scan, shared by the
    files settled together."""

    def __init__(
        self,
        root: Path,
        ctx: Context | None = None,
        memo: dict[tuple[str, int], tuple[str, bytes | None]] | None = None,
    ) -> None:
        self.root = os.fspath(root)
        self.ctx = ctx
        self.files: dict[str, str] = {}
        self._memo = {} if memo is None else memo

    def context(self, rel: str) -> Context:
        if self.ctx is not None and self.ctx.rel == rel:
            return self.ctx
        return Context(root=Path(self.root), rel=rel)

    def _look(self, rel: str, limit: int) -> tuple[str, bytes | None]:
        got = self._memo.get((rel, limit))
        if got is None:
            got = self._memo[(rel, limit)] = file_state(self.root, rel, limit)
        self.files[rel] = got[0]
        return got

    def is_file(self, rel: str, limit: int) -> bool:
        """``Path.is_file`` of ``rel``, noted (with what reading it up to ``limit`` gives)."""
        return self._look(rel, limit)[0] != MISSING

    def read(self, rel: str, limit: int) -> bytes | None:
        """The bytes of ``rel`` when it is a readable regular file of at most ``limit`` bytes."""
        return self._look(rel, limit)[1]
