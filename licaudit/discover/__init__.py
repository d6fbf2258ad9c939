"""discover: find every model a repository references.

``discover(root, ...)`` walks the tree (git-aware), hands each file to the scanner for its kind
and returns a ``DiscoveryResult``. Files that cannot contain a reference cost almost nothing:
each kind has a cheap byte-level prefilter that runs before any parser, and files above a size
limit are never parsed. A file that cannot be read or parsed is listed as skipped with the
reason; the scan goes on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import importlib
import os
import signal
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..model import LOCAL, DiscoveryResult, ModelRef, Skipped, Unresolvable
from .common import Context, Found, Trigger
from .suppress import apply_suppressions
from .walk import list_files, without_excluded

MAX_FILE_BYTES = 2 * 1024 * 1024

Scanner = Callable[[str, Context], Found]

# data files of a model folder that never name a model the repository uses
_SKIP_NAMES = {
    "tokenizer.json",
    "vocab.json",
    "merges.txt",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "package-lock.json",
    "composer.lock",
    "generation_config.json",
    "preprocessor_config.json",
    ".licaudit.yaml",
    ".licaudit.yml",  # licaudit's own settings and waivers
}


# kind -> (scanner module, function); a module is imported on the first file of its kind, so a
# scan of a few files (pre-commit) loads only the parsers it needs
_SCANNERS: dict[str, tuple[str, str]] = {
    "python": ("python", "scan"),
    "notebook": ("notebook", "scan"),
    "yaml": ("config", "scan_yaml"),
    "json": ("config", "scan_json"),
    "toml": ("config", "scan_toml"),
    "env": ("config", "scan_env"),
    "hcl": ("config", "scan_hcl"),
    "dockerfile": ("commands", "scan_dockerfile"),
    "makefile": ("commands", "scan_makefile"),
    "shell": ("commands", "scan_shell"),
    "javascript": ("javascript", "scan"),
    "modelfile": ("modelfile", "scan"),
}
_OWN_SUPPRESSIONS = {"notebook"}  # scanners that apply ``licaudit: ignore`` themselves

_BY_EXT: dict[str, str] = {
    "py": "python",
    "pyw": "python",
    "ipynb": "notebook",
    "yaml": "yaml",
    "yml": "yaml",
    "json": "json",
    "toml": "toml",
    "env": "env",
    "tf": "hcl",
    "tfvars": "hcl",
    "hcl": "hcl",
    "dockerfile": "dockerfile",
    "containerfile": "dockerfile",
    "mk": "makefile",
    "sh": "shell",
    "bash": "shell",
    "zsh": "shell",
    "ksh": "shell",
    **{ext: "javascript" for ext in ("js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts")},
}
_BY_NAME = {
    "dockerfile": "dockerfile",
    "containerfile": "dockerfile",
    "makefile": "makefile",
    "gnumakefile": "makefile",
    "procfile": "shell",
    "justfile": "shell",
    ".env": "env",
    "modelfile": "modelfile",
}

Handler = tuple[
    str, Scanner, Trigger, bool
]  # kind, scanner, prefilter, handles its own suppressions
_handlers: dict[str, Handler] = {}


def _handler(kind: str) -> Handler:
    handler = _handlers.get(kind)
    if handler is None:
        module, func = _SCANNERS[kind]
        mod = importlib.import_module(f"{__name__}.{module}")
        handler = _handlers[kind] = (
            kind,
            getattr(mod, func),
            mod.TRIGGER,
            kind in _OWN_SUPPRESSIONS,
        )
    return handler


def _load_all_scanners() -> None:
    for kind in _SCANNERS:
        _handler(kind)


def _kind_name(rel: str) -> str | None:
    """The kind of file a path names (see _SCANNERS), or None when it is not scanned."""
    name = rel[rel.rfind("/") + 1 :]
    lower = name.lower()
    dot = lower.rfind(".")
    ext = lower[dot + 1 :] if dot >= 0 else ""
    if ext == "modelfile":
        return "modelfile"
    if lower in _BY_NAME:
        return _BY_NAME[lower]
    if lower in _SKIP_NAMES or lower.endswith((".min.js", ".d.ts")):
        return None
    if lower.startswith(".env."):
        return "env"
    if lower.startswith(("dockerfile.", "containerfile.")):
        return "dockerfile"
    return _BY_EXT.get(ext)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    return first[:200]


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _read(root_s: str, rel: str, limit: int) -> tuple[bytes | None, str | None]:
    """The file's bytes, or None and the reason it is skipped (None reason: silently nothing).

    The common case costs one open, one fstat and one read: symbolic links are refused by
    O_NOFOLLOW and checked on the slow path; O_NONBLOCK keeps a FIFO from blocking the open."""
    path = f"{root_s}/{rel}"
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK) or os.path.islink(path):
            return _read_link(root_s, path, limit)
        if exc.errno == errno.ENOENT:
            return None, None  # listed by git but deleted from the work tree
        return None, f"cannot read: {exc.strerror or exc}"
    try:
        return _read_fd(fd, limit)
    finally:
        os.close(fd)


def _read_fd(fd: int, limit: int) -> tuple[bytes | None, str | None]:
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None, None if stat.S_ISDIR(st.st_mode) else "not a regular file"
        if st.st_size > limit:
            return None, f"larger than the {limit // (1024 * 1024)} MiB scan limit"
        first = os.read(fd, st.st_size or 65536)
        if st.st_size and len(first) == st.st_size:
            return first, None  # the common case: one read, no second call to find the end
        chunks = [first]
        total = len(first)
        while first and total <= limit:
            first = os.read(fd, 65536)
            chunks.append(first)
            total += len(first)
    except BlockingIOError:
        return None, "not a regular file"
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    if total > limit:
        return None, f"larger than the {limit // (1024 * 1024)} MiB scan limit"
    return b"".join(chunks), None


def _read_link(root_s: str, path: str, limit: int) -> tuple[bytes | None, str | None]:
    try:
        os.stat(path)  # a loop raises ELOOP, a dangling link ENOENT
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    real = os.path.realpath(path)
    if not (real + os.sep).startswith(os.path.realpath(root_s) + os.sep):
        return None, "symbolic link to a file outside the scanned folder"
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    try:
        return _read_fd(fd, limit)
    finally:
        os.close(fd)


def _merge_local_metadata(
    root: Path, refs: list[ModelRef], skipped: list[Skipped]
) -> list[ModelRef]:
    """Every local ref of one artifact carries the artifact's metadata (a Modelfile's
    ``FROM ./x.gguf`` gets the GGUF header even when the GGUF file itself is not listed)."""
    from ..cards import ArtifactMetadata
    from . import artifacts

    known: dict[str, ArtifactMetadata | None] = {}  # None: a GGUF file whose header is unreadable
    for ref in refs:
        if ref.source == LOCAL and ref.metadata is not None:
            known.setdefault(ref.id, ref.metadata)
    out = []
    skipped_paths = {s.path for s in skipped}
    for ref in refs:
        if ref.source == LOCAL and ref.metadata is None:
            if ref.id not in known and ref.id.lower().endswith(".gguf"):
                meta, reason = artifacts.local_gguf(root, ref.id)
                if meta is None and os.path.lexists(root / ref.id) and ref.id not in skipped_paths:
                    skipped.append(Skipped(ref.id, reason or "unreadable GGUF header"))
                    skipped_paths.add(ref.id)
                known[ref.id] = meta
            meta = known.get(ref.id)
            if meta is not None:
                ref = dataclasses.replace(ref, metadata=meta)
        out.append(ref)
    return out


Scanned = tuple[list[ModelRef], list[Skipped], list[Unresolvable], int]
# what one slice of the file list yields: refs, skipped, unresolvable, deferred Python ids, files read
_Part = tuple[list[ModelRef], list[Skipped], list[Unresolvable], list, int]

# Large scans are split over worker processes forked from this one (the parent works too).
# Below this many candidate files (pre-commit, small repositories) one process is faster.
PARALLEL_MIN_FILES = 2000
MAX_WORKERS = 4
_PIECES_PER_WORKER = 8  # contiguous slices dealt round-robin: balances dense and sparse folders


def _scan_part(root: Path, rels: Sequence[str], limit: int) -> _Part:
    root_s = os.fspath(root)
    refs: list[ModelRef] = []
    skipped: list[Skipped] = []
    unresolvable: list[Unresolvable] = []
    deferred: list = []
    scanned = 0
    handlers = _handlers
    for rel in rels:
        kind_name = _kind_name(rel)
        if kind_name is None:
            continue
        kind_name, scanner, trigger, own_suppress = handlers.get(kind_name) or _handler(kind_name)
        raw, why = _read(root_s, rel, limit)
        if raw is None:
            if why:
                skipped.append(Skipped(rel, why))
            continue
        scanned += 1
        if raw.find(b"\0", 0, 8192) >= 0:
            skipped.append(Skipped(rel, "binary content"))
            continue
        if not trigger.search(raw):
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            skipped.append(Skipped(rel, "not valid UTF-8 text"))
            continue
        ctx = Context(root=root, rel=rel, deferred=deferred if kind_name == "python" else None)
        try:
            found, unres = scanner(text, ctx)
        except (SyntaxError, ValueError) as exc:
            skipped.append(Skipped(rel, f"cannot parse: {_reason(exc)}"))
            continue
        except (RecursionError, MemoryError):
            skipped.append(Skipped(rel, "cannot parse: nested too deeply"))
            continue
        except Exception as exc:  # a scanner bug must not end the scan: report the file
            skipped.append(Skipped(rel, f"scanner error: {type(exc).__name__}"))
            continue
        refs.extend(found if own_suppress else apply_suppressions(found, text))
        unresolvable.extend(unres)
    return refs, skipped, unresolvable, deferred, scanned


def _workers(n_files: int) -> int:
    """How many processes scan ``n_files`` files: 1 unless the list is large, this platform
    forks cheaply and safely (no other threads running), and more than one CPU is ours.
    ``LICAUDIT_SCAN_WORKERS`` overrides the CPU count (1 turns forking off)."""
    if n_files < PARALLEL_MIN_FILES or not hasattr(os, "fork") or sys.platform == "darwin":
        return 1
    env = os.environ.get("LICAUDIT_SCAN_WORKERS", "").strip()
    if env:
        try:
            return max(1, min(int(env), MAX_WORKERS))
        except ValueError:
            return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    import threading

    if threading.active_count() > 1:  # forking a threaded process can deadlock the child
        return 1
    return max(1, min(cpus, MAX_WORKERS))


def _dump_parts(parts: list[_Part]) -> bytes:
    import copyreg
    import io
    import pickle

    from . import python

    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    # a deferred Python id carries the importing module's name as a python._Imported node,
    # which the default AST pickling cannot rebuild (its constructor takes arguments)
    pickler.dispatch_table = {
        **copyreg.dispatch_table,
        python._Imported: lambda i: (python._Imported, (i.module, i.level, i.name, i.local)),
    }
    pickler.dump(parts)
    return buf.getvalue()


def _fork_scan(root: Path, pieces: list[Sequence[str]], limit: int) -> tuple[int, int]:
    """Start a child scanning ``pieces``; (pid, read end of the pipe its pickled parts arrive on)."""
    r, w = os.pipe()
    try:
        pid = os.fork()
    except BaseException:
        os.close(r)
        os.close(w)
        raise
    if pid == 0:  # the child: never returns, never runs the parent's exit handlers
        code = 1
        try:
            os.close(r)
            data = _dump_parts([_scan_part(root, p, limit) for p in pieces])
            view = memoryview(data)
            while view:
                view = view[os.write(w, view) :]
            code = 0
        except BaseException:  # noqa: BLE001 - the parent rescans what a failed child had
            pass
        finally:
            os._exit(code)
    os.close(w)
    return pid, r


def _collect(pid: int, r: int, reaped: set[int]) -> list[_Part] | None:
    """The child's parts, read to the end of the pipe once it exits (its pid is then added to
    ``reaped``); None when it failed (the parent then scans its pieces itself). The caller
    closes ``r``."""
    import pickle

    chunks: list[bytes] | None = []
    try:
        while chunk := os.read(r, 1 << 20):
            chunks.append(chunk)
    except OSError:
        chunks = None
    _, status = os.waitpid(pid, 0)
    reaped.add(pid)
    if chunks is None or not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001
        return None


def _scan_parallel(
    root: Path, rels: Sequence[str], limit: int, workers: int, while_waiting: Callable[[], object]
) -> list[_Part]:
    """Parts of ``rels`` in list order, scanned by this process and ``workers - 1`` forked
    children; the slices each process takes are fixed by the list alone, and a child that
    fails has its slices scanned here, so the merged parts never depend on the split."""
    n_pieces = workers * _PIECES_PER_WORKER
    size = max(1, -(-len(rels) // n_pieces))
    pieces = [rels[i : i + size] for i in range(0, len(rels), size)]
    workers = min(workers, len(pieces))
    mine = {w: list(range(w, len(pieces), workers)) for w in range(workers)}
    children: dict[int, tuple[int, int]] = {}  # worker -> (pid, read end of its pipe)
    reaped: set[int] = set()
    parts: dict[int, _Part] = {}
    try:
        for w in range(1, workers):
            try:
                children[w] = _fork_scan(root, [pieces[i] for i in mine[w]], limit)
            except Exception:  # noqa: BLE001 - no process to spare, or a warning turned error: scan here
                break
        for w in range(workers):
            if w == 0 or w not in children:
                for i in mine[w]:
                    parts[i] = _scan_part(root, pieces[i], limit)
        while_waiting()
        for w, (pid, r) in children.items():
            got = _collect(pid, r, reaped)
            if got is None or len(got) != len(mine[w]):
                got = [_scan_part(root, pieces[i], limit) for i in mine[w]]
            parts.update(zip(mine[w], got, strict=True))
    finally:
        for pid, r in children.values():
            os.close(r)
            if pid not in reaped:  # interrupted: do not leave a child behind
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
    return [parts[i] for i in range(len(pieces))]


def scan_files(
    root: Path,
    rels: Sequence[str],
    limit: int,
    *,
    while_waiting: Callable[[], object] = lambda: None,
) -> Scanned:
    """Read, prefilter and parse each of ``rels`` (paths of a scannable kind); large lists are
    split over forked worker processes with the same result as one process.

    ``while_waiting``: other work for this process, run once its own share is done (while the
    workers finish theirs)."""
    workers = _workers(len(rels))
    if workers > 1:
        parts = _scan_parallel(root, rels, limit, workers, while_waiting)
    else:
        parts = [_scan_part(root, rels, limit)]
        while_waiting()
    refs: list[ModelRef] = []
    skipped: list[Skipped] = []
    unresolvable: list[Unresolvable] = []
    deferred: list = []
    scanned = 0
    for r, s, u, d, n in parts:
        refs.extend(r)
        skipped.extend(s)
        unresolvable.extend(u)
        deferred.extend(d)
        scanned += n
    if deferred:  # across the whole list: an import may point into another worker's slice
        from . import python

        r, u = python.resolve_deferred(root, deferred)
        refs.extend(r)
        unresolvable.extend(u)
    return refs, skipped, unresolvable, scanned


def discover(
    root: Path,
    files: Sequence[str] | None = None,
    exclude: Iterable[str] = (),
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
) -> DiscoveryResult:
    """References under ``root``; ``files`` (relative to root) restricts the scan to exactly those.

    ``max_file_bytes``: files above it are skipped, never parsed."""
    root = Path(root)
    if files is not None:
        candidates = without_excluded(sorted({f.replace(os.sep, "/") for f in files}), exclude)
    else:
        # every parser is wanted for a whole tree: load them while git lists the files
        candidates = list_files(root, exclude, while_listing=_load_all_scanners)
    from . import artifacts

    found_local: list = []

    def local_artifacts() -> None:  # model files named by path; independent of the text scan
        found_local.append(artifacts.scan_artifacts(root, candidates, complete=files is None))

    refs, skipped, unresolvable, scanned = scan_files(
        root, candidates, max_file_bytes, while_waiting=local_artifacts
    )
    local, local_skipped, local_scanned = found_local[0]
    refs.extend(local)
    skipped.extend(local_skipped)
    scanned += local_scanned
    refs = _merge_local_metadata(root, refs, skipped)
    unique: dict[tuple, ModelRef] = {}
    for ref in refs:
        key = (
            ref.location.path,
            ref.location.cell,
            ref.location.line,
            ref.location.column,
            ref.id,
            ref.source,
        )
        unique.setdefault(key, ref)
    refs = sorted(
        unique.values(),
        key=lambda r: (
            r.location.path,
            r.location.cell or 0,
            r.location.line,
            r.location.column,
            r.id,
            r.source,
        ),
    )
    skipped = sorted(set(skipped), key=lambda s: (s.path, s.reason))
    unresolvable = sorted(
        set(unresolvable),
        key=lambda u: (
            u.location.path,
            u.location.cell or 0,
            u.location.line,
            u.location.column,
            u.expression,
        ),
    )
    return DiscoveryResult(tuple(refs), tuple(skipped), tuple(unresolvable), scanned)
