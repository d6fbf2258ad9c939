"""The scan cache: what each file yielded, kept so that an unchanged file is not read again.

One JSON file per scanned folder, ``<cache folder>/scan/<hash of the folder's path>.json``, holds
an index in the manner of git's: per path, the file's kind, size, modification and change times
and inode, the SHA-256 of its content and what its scan yielded (references, unresolvable
arguments, files skipped, and the answers the scan got from its ``Context`` about other paths).

- A file whose ``lstat`` matches its entry is not read: its entry answers, once the answers it
  depended on (does ``models/x`` exist?) are asked again and found unchanged. An unchanged tree
  costs the listing, one ``lstat`` per file and one JSON read.
- A file whose times changed but whose content did not (a fresh checkout, a restored CI cache)
  is read and hashed, not scanned.
- A file written in the two seconds before the scan began has its entry stored without times,
  so its next scan reads it again (git's "racily clean" entries: a change within the clock's
  granularity would otherwise go unseen).

- A file whose scan returned ``Pending`` questions (a name imported from another module) that
  its scanner settles file by file (``SettlesEach``) keeps their answer in its entry with the
  files that answer read (``reads``: path -> ``common.file_state``, the defining module and
  every path tried before it, which a module appearing there would change): the entry is used
  while all of them are as they were, so a change in the defining module reaches its users.

What an entry does not capture is never stored: a scan whose questions need the whole scan
(a template filled with names other files write), a scan that looked at the tree beyond its
``Context``'s recorded questions (``ctx.root`` used directly), a reference carrying artifact
metadata, a file that could not be read. Such files are scanned every time.

The whole cache is keyed by a fingerprint of what makes a scan's answer: licaudit's version and
code (size and time of every module of the package), the loader knowledge's content, the size
limit and the prefilter mode; each entry by its scanner's version as well
(``SCANNERS.register(..., version=N)``: bump it when a scanner's answers change, and only
that scanner's entries are dropped). A cache that is missing, damaged, truncated or
of another fingerprint is empty; an entry of the wrong shape or types is a miss. Both only cost
time, never a crash or a different report. ``--no-cache`` bypasses the cache.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import stat
import time
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import field, fields
from pathlib import Path
from typing import Any

from ..model import Location, ModelRef, Skipped, Unresolvable
from ..recordtype import dataclass
from ..resources import cache_root, read_json, write_json_atomic
from .common import Context, file_state, state_holds
from .interface import ScanResult

FORMAT = 2
NAMESPACE = "scan"
RACY_NS = 2_000_000_000  # entries of files changed this close to the scan's start are re-read

# (size, mtime_ns, ctime_ns, inode) of a regular file
Stamp = tuple[int, int, int, int]


def stamp(st: os.stat_result) -> Stamp | None:
    """What the index compares a file by; None for anything but a regular file (a symbolic
    link's target may change without the link changing)."""
    if not stat.S_ISREG(st.st_mode):
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


class RecordingContext(Context):
    """A ``Context`` that notes what the scan of one file asked about the rest of the tree: the
    answers of ``is_local_path`` (asked again before a cached entry is used), the other files
    it read through ``tree_file`` (their states checked again), and whether the scanner read
    ``root`` itself (then its answer may depend on any file: never cached)."""

    def __init__(self, root: Path, rel: str) -> None:
        self.untracked = False
        self._asking = False
        self.reads: dict[str, str] = {}  # the other files it read: path -> file_state
        super().__init__(root=root, rel=rel)

    @property  # type: ignore[override]
    def root(self) -> Path:
        if not self._asking:
            self.untracked = True
        return self.__dict__["_root"]

    @root.setter
    def root(self, value: Path) -> None:
        self.__dict__["_root"] = value

    def is_local_path(self, value: str) -> bool:
        asking, self._asking = self._asking, True
        try:
            return super().is_local_path(value)
        finally:
            self._asking = asking

    def tree_file(self, rel: str, limit: int) -> tuple[str, bytes | None]:
        state, data = file_state(os.fspath(self.__dict__["_root"]), rel, limit)
        if rel != self.rel:  # the file's own bytes are what its entry is kept by already
            self.reads[rel] = state
        return state, data

    def answers(self) -> dict[str, bool]:
        return dict(self._exists)


def answers_hold(
    root: Path, rel: str, answers: Mapping[str, bool], seen: dict[str, bool] | None = None
) -> bool:
    """Whether every recorded ``is_local_path`` answer is still the same (``seen``: whether each
    path asked about so far in this scan exists: files ask about the same names)."""
    if not answers:
        return True
    seen = {} if seen is None else seen
    top = os.fspath(root)
    folder = os.path.dirname(rel)
    bases = (top, os.path.join(top, folder)) if folder else (top,)
    for value, answer in answers.items():
        found = False
        for base in bases:  # as ``Context.is_local_path`` looks
            try:
                path = os.path.join(base, value)
                exists = seen.get(path)
                if exists is None:
                    exists = seen[path] = os.path.exists(path)
            except (OSError, ValueError):
                continue
            if exists:
                found = True
                break
        if found is not answer:
            return False
    return True


# --- encoding the records of a result ------------------------------------------------------


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, frozenset[type] | type], ...]:
    """Each field of the record ``cls`` with what a stored value may be: a set of plain types
    (``str | None`` -> {str, NoneType}; any other type in a union, such as artifact metadata,
    allows nothing), or ``Location`` for a nested location."""
    hints = typing.get_type_hints(cls)
    out: list[tuple[str, frozenset[type] | type]] = []
    for f in fields(cls):
        hint = hints[f.name]
        if hint is Location:
            out.append((f.name, Location))
            continue
        union = isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union
        options = typing.get_args(hint) if union else (hint,)
        out.append((f.name, frozenset(t for t in options if t in (str, int, bool, type(None)))))
    return tuple(out)


class _Bad(ValueError):
    """A record this cache cannot store, or an entry of the wrong shape."""


@functools.cache
def _shapes(cls: type) -> tuple[frozenset[tuple[type, ...]], tuple[int, ...], tuple[str, ...]]:
    """(the types a stored record ``cls`` may have, field by field, as tuples: every choice of
    ``_fields`` with ``list`` for a nested location; the positions of its locations; the names
    of its fields, in order)."""
    choices = [(list,) if allowed is Location else tuple(allowed) for _, allowed in _fields(cls)]
    nested = tuple(i for i, (_, allowed) in enumerate(_fields(cls)) if allowed is Location)
    names = tuple(name for name, _ in _fields(cls))
    return frozenset(itertools.product(*choices)), nested, names


def _encode(obj: Any) -> list[Any]:
    """The record ``obj`` as the list of its field values (a location as its own list)."""
    out: list[Any] = []
    for name, allowed in _fields(type(obj)):
        value = getattr(obj, name)
        if allowed is Location:
            value = _encode(value)
        elif type(value) not in allowed:  # type: ignore[operator]
            raise _Bad(name)  # artifact metadata, or a value of a type not stored
        out.append(value)
    return out


def _decode(cls: type, data: Any) -> Any:
    """The record ``cls`` stored as ``data``; ``_Bad`` unless it has every field, each a value
    of its type (a bool is not an int here, nor an int a bool). Made as its ``__init__`` makes
    it, every field set from ``data`` (the records have no ``__post_init__``), without a call
    of ``object.__setattr__`` per field: a warm scan decodes thousands of them."""
    shapes, nested, names = _shapes(cls)
    if type(data) is not list or tuple(map(type, data)) not in shapes:
        raise _Bad(cls.__name__)
    if nested:
        data = list(data)
        for i in nested:
            data[i] = _decode(Location, data[i])
    record = _new(cls)
    record.__dict__.update(zip(names, data, strict=True))
    return record


_new = object.__new__


@dataclass
class Outcome:
    """What scanning one file yielded, as the cache stores it; ``settled``: what its pending
    questions were answered with (``SettlesEach``), and ``reads``, the files of the tree that
    answer read (path -> ``common.file_state``)."""

    refs: list[ModelRef]
    unresolvable: list[Unresolvable]
    skipped: list[Skipped]
    answers: dict[str, bool]
    settled: ScanResult | None = None
    reads: dict[str, str] = field(default_factory=dict)

    def encode(self) -> dict[str, Any] | int:
        if (
            not (self.refs or self.unresolvable or self.skipped or self.answers or self.settled)
            and not self.reads
        ):
            return 0
        out: dict[str, Any] = {
            "refs": [_encode(r) for r in self.refs],
            "unresolvable": [_encode(u) for u in self.unresolvable],
            "skipped": [_encode(s) for s in self.skipped],
            "answers": self.answers,
        }
        if self.settled is not None:
            out["settled"] = {
                "refs": [_encode(r) for r in self.settled.refs],
                "unresolvable": [_encode(u) for u in self.settled.unresolvable],
                "skipped": [_encode(s) for s in self.settled.skipped],
            }
        if self.settled is not None or self.reads:
            out["reads"] = self.reads
        return out

    @classmethod
    def decode(cls, data: Any) -> Outcome:
        if data == 0 and type(data) is int:
            return cls([], [], [], {})
        if not isinstance(data, dict) or set(data) not in (_PLAIN, _READ, _SETTLED):
            raise _Bad("outcome")
        refs, unresolvable, skipped = _lists(data)
        answers = data["answers"]
        if not isinstance(answers, dict) or not all(type(v) is bool for v in answers.values()):
            raise _Bad("answers")
        settled, reads = None, data.get("reads", {})
        if "settled" in data:
            if not isinstance(data["settled"], dict) or set(data["settled"]) != _LISTS:
                raise _Bad("settled")
            settled = ScanResult(*_lists(data["settled"]))
        if not isinstance(reads, dict) or not all(type(v) is str for v in reads.values()):
            raise _Bad("reads")
        return cls(refs, unresolvable, skipped, dict(answers), settled, dict(reads))


_LISTS = frozenset({"refs", "unresolvable", "skipped"})
_PLAIN = _LISTS | {"answers"}
_READ = _PLAIN | {"reads"}  # a file whose scanner read other files of the tree (a manifest)
_SETTLED = _READ | {"settled"}


def _lists(data: dict[str, Any]) -> tuple[list[ModelRef], list[Unresolvable], list[Skipped]]:
    lists = [data["refs"], data["unresolvable"], data["skipped"]]
    if not all(type(x) is list for x in lists):
        raise _Bad("outcome")
    return (
        [_decode(ModelRef, r) for r in lists[0]],
        [_decode(Unresolvable, u) for u in lists[1]],
        [_decode(Skipped, s) for s in lists[2]],
    )


# --- the fingerprint ---------------------------------------------------------------------------


@functools.cache
def _code_stamp() -> str:
    """Size and modification time of every module of the licaudit package: any change to the
    code (an edit, a reinstall) empties the cache."""
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    stack = [package]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    stack.append(Path(entry.path))
            elif entry.name.endswith(".py"):
                try:
                    st = entry.stat()
                except OSError:
                    continue
                h.update(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


# ``loaders.FOLDER``, named without importing the loader module (a warm scan never needs it)
LOADERS_FOLDER = Path(__file__).resolve().parent / "loaders"


@functools.cache
def _knowledge_stamp() -> str:
    """The SHA-256 of the loader knowledge's files, names and content."""
    h = hashlib.sha256()
    for path in sorted(LOADERS_FOLDER.glob("*.yaml")):
        try:
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            h.update(path.name.encode() + b"\0unreadable\0")
    # the built-in catalog's model names say what a folder named only after a model is a copy
    # of (``context.copied_id``): its files' sizes and times, as the code's
    catalog = _catalog_models_folder()
    for path in sorted(catalog.glob("*.yaml")) if catalog is not None else ():
        try:
            st = path.stat()
        except OSError:
            continue
        h.update(f"{path.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _catalog_models_folder() -> Path | None:
    """``licenses/catalog/models`` of the installation, without importing the resolver."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_data" / "licenses", package.parent / "licenses"):
        if candidate.is_dir():
            return candidate / "catalog" / "models"
    return None


def fingerprint(limit: int, prefilter: bool) -> str:
    """What every entry's answer depends on (each scanner's version is kept per entry)."""
    from .. import __version__

    parts = [
        f"format {FORMAT}",
        f"licaudit {__version__}",
        f"code {_code_stamp()}",
        f"knowledge {_knowledge_stamp()}",
        f"limit {limit}",
        f"prefilter {'code' if prefilter else 'bytes'}",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


# --- the index -------------------------------------------------------------------------------


def _row(kind: str, st: Stamp | None, content_digest: str) -> str:
    """An index row: ``kind size mtime ctime inode digest``, or ``kind - digest`` for a file
    compared by content only (one string per file keeps a large index small in memory)."""
    if st is None:
        return f"{kind} - {content_digest}"
    return f"{kind} {st[0]} {st[1]} {st[2]} {st[3]} {content_digest}"


class ScanCache:
    """The index of one scanned folder: ``rows`` (path -> index row) and ``found`` (path -> the
    encoded outcome of a file that yielded anything)."""

    def __init__(self, root: Path, key: str, versions: Mapping[str, int]) -> None:
        self.root = root
        self.key = key
        self.versions = dict(versions)
        self.path = _cache_path(root)
        self.started_ns = time.time_ns()
        self.rows: dict[str, str] = {}
        self.found: dict[str, Any] = {}
        self.changed = False
        self._states: dict[tuple[str, int], str] = {}  # file_state of the files entries read
        self._exists: dict[str, bool] = {}  # the paths entries' answers asked about
        data = read_json(self.path)
        if not (
            isinstance(data, dict)
            and data.get("format") == FORMAT
            and data.get("fingerprint") == key
            and isinstance(data.get("scanners"), dict)
            and isinstance(data.get("files"), dict)
            and isinstance(data.get("found"), dict)
        ):
            self.changed = data is not None
            return
        # the rows of a scanner whose version changed are not used
        current = {f"{k} " for k, v in data["scanners"].items() if self.versions.get(k) == v}
        for rel, row in data["files"].items():
            if type(row) is str and row[: row.find(" ") + 1] in current:
                self.rows[rel] = row
            else:
                self.changed = True
        self.found = {rel: v for rel, v in data["found"].items() if rel in self.rows}

    @classmethod
    def open(
        cls, root: Path, versions: Mapping[str, int], limit: int, prefilter: bool
    ) -> ScanCache:
        """The cache of the folder ``root`` for scanners of these versions."""
        return cls(root, fingerprint(limit, prefilter), versions)

    def hit(self, rel: str, kind: str, st: os.stat_result) -> Outcome | None:
        """The entry's outcome when ``st`` matches it and its answers still hold."""
        row = self.rows.get(rel)
        if row is None or not stat.S_ISREG(st.st_mode):
            return None
        if not row.startswith(
            f"{kind} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino} "
        ):
            return None
        return self._outcome(rel)

    def digest_of(self, rel: str, kind: str) -> str | None:
        """The content digest the entry of ``rel`` was made from."""
        row = self.rows.get(rel)
        if row is None or not row.startswith(f"{kind} "):
            return None
        return row[row.rfind(" ") + 1 :]

    def same_content(self, rel: str, kind: str, content_digest: str) -> Outcome | None:
        """The entry's outcome when the file's content is the one it was made from."""
        if self.digest_of(rel, kind) != content_digest:
            return None
        return self._outcome(rel)

    def _outcome(self, rel: str) -> Outcome | None:
        encoded = self.found.get(rel, 0)
        if encoded == 0 and type(encoded) is int:
            return _NOTHING
        try:
            outcome = Outcome.decode(encoded)
        except (_Bad, TypeError, ValueError):
            return None
        if not answers_hold(self.root, rel, outcome.answers, self._exists):
            return None
        root = os.fspath(self.root)
        states = self._states
        if not all(state_holds(root, path, st, states) for path, st in outcome.reads.items()):
            return None
        return outcome

    def store(self, rel: str, kind: str, st: Stamp, content_digest: str, outcome: Outcome) -> None:
        """Remember what scanning ``rel`` yielded (not at all when it cannot be stored)."""
        try:
            encoded = outcome.encode()
        except _Bad:
            self.forget(rel)
            return
        racy = st[1] >= self.started_ns - RACY_NS or st[2] >= self.started_ns - RACY_NS
        row = _row(kind, None if racy else st, content_digest)
        if self.rows.get(rel) != row or self.found.get(rel, 0) != encoded:
            self.rows[rel] = row
            if encoded == 0:
                self.found.pop(rel, None)
            else:
                self.found[rel] = encoded
            self.changed = True

    def forget(self, rel: str) -> None:
        if self.rows.pop(rel, None) is not None:
            self.found.pop(rel, None)
            self.changed = True

    def keep_only(self, rels: Iterable[str]) -> None:
        """Drop the entries of paths a whole-folder scan no longer lists."""
        wanted = set(rels)
        for rel in [rel for rel in self.rows if rel not in wanted]:
            self.forget(rel)

    def save(self) -> None:
        if not self.changed:
            return
        write_json_atomic(
            self.path,
            {
                "format": FORMAT,
                "fingerprint": self.key,
                "root": str(self.root),
                "scanners": self.versions,
                "files": dict(sorted(self.rows.items())),
                "found": dict(sorted(self.found.items())),
            },
            compact=True,
        )
        self.changed = False


_NOTHING = Outcome([], [], [], {})


def _cache_path(root: Path) -> Path:
    where = os.path.realpath(root)
    return cache_root() / NAMESPACE / f"{hashlib.sha256(where.encode()).hexdigest()[:24]}.json"


__all__ = ["Outcome", "RecordingContext", "ScanCache", "digest", "stamp"]
