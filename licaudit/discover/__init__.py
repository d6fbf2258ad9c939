"""discover: find every model a repository references.

``discover(root, ...)`` walks the tree (git-aware), hands each file to the scanner for its kind
and returns a ``DiscoveryResult``. Files that cannot contain a reference cost almost nothing:
each kind has a cheap byte-level prefilter that runs before any parser, and files above a size
limit are never parsed. A file that cannot be read or parsed is listed as skipped with the
reason; the scan goes on.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..model import LOCAL, DiscoveryResult, ModelRef, Skipped, Unresolvable
from . import artifacts, commands, config, javascript, modelfile, notebook, python
from .common import Context, Found
from .suppress import apply_suppressions
from .walk import list_files

MAX_FILE_BYTES = 2 * 1024 * 1024

Scanner = Callable[[str, Context], Found]

# data files of a model folder that never name a model the repository uses
_SKIP_NAMES = {
    "tokenizer.json", "vocab.json", "merges.txt", "tokenizer_config.json", "special_tokens_map.json",
    "package-lock.json", "composer.lock", "generation_config.json", "preprocessor_config.json",
    ".licaudit.yaml", ".licaudit.yml",  # licaudit's own settings and waivers
}


_BY_EXT: dict[str, tuple[str, Scanner, object, bool]] = {
    "py": ("python", python.scan, python.TRIGGER, False),
    "pyw": ("python", python.scan, python.TRIGGER, False),
    "ipynb": ("notebook", notebook.scan, notebook.TRIGGER, True),
    "yaml": ("yaml", config.scan_yaml, config.TRIGGER, False),
    "yml": ("yaml", config.scan_yaml, config.TRIGGER, False),
    "json": ("json", config.scan_json, config.TRIGGER, False),
    "toml": ("toml", config.scan_toml, config.TRIGGER, False),
    "env": ("env", config.scan_env, config.TRIGGER, False),
    "tf": ("hcl", config.scan_hcl, config.TRIGGER, False),
    "tfvars": ("hcl", config.scan_hcl, config.TRIGGER, False),
    "hcl": ("hcl", config.scan_hcl, config.TRIGGER, False),
    "dockerfile": ("dockerfile", commands.scan_dockerfile, commands.TRIGGER, False),
    "containerfile": ("dockerfile", commands.scan_dockerfile, commands.TRIGGER, False),
    "mk": ("makefile", commands.scan_makefile, commands.TRIGGER, False),
    "sh": ("shell", commands.scan_shell, commands.TRIGGER, False),
    "bash": ("shell", commands.scan_shell, commands.TRIGGER, False),
    "zsh": ("shell", commands.scan_shell, commands.TRIGGER, False),
    "ksh": ("shell", commands.scan_shell, commands.TRIGGER, False),
    **{
        ext: ("javascript", javascript.scan, javascript.TRIGGER, False)
        for ext in ("js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts")
    },
}
_BY_NAME = {
    "dockerfile": _BY_EXT["dockerfile"],
    "containerfile": _BY_EXT["dockerfile"],
    "makefile": _BY_EXT["mk"],
    "gnumakefile": _BY_EXT["mk"],
    "procfile": _BY_EXT["sh"],
    "justfile": _BY_EXT["sh"],
    ".env": _BY_EXT["env"],
    "modelfile": ("modelfile", modelfile.scan, modelfile.TRIGGER, False),
}


def _kind(rel: str) -> tuple[str, Scanner, object, bool] | None:
    """(kind, scanner, prefilter, handles its own suppressions) for a path."""
    name = rel[rel.rfind("/") + 1 :]
    lower = name.lower()
    dot = lower.rfind(".")
    ext = lower[dot + 1 :] if dot >= 0 else ""
    if ext == "modelfile":
        return _BY_NAME["modelfile"]
    if lower in _BY_NAME:
        return _BY_NAME[lower]
    if lower in _SKIP_NAMES or lower.endswith((".min.js", ".d.ts")):
        return None
    if lower.startswith(".env."):
        return _BY_EXT["env"]
    if lower.startswith(("dockerfile.", "containerfile.")):
        return _BY_EXT["dockerfile"]
    return _BY_EXT.get(ext)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    return first[:200]


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _read(root: Path, rel: str, limit: int, root_s: str | None = None) -> tuple[bytes | None, str | None]:
    """The file's bytes, or None and the reason it is skipped (None reason: silently nothing).

    The common case costs one open, one fstat and one read: symbolic links are refused by
    O_NOFOLLOW and checked on the slow path; O_NONBLOCK keeps a FIFO from blocking the open."""
    path = f"{root_s or os.fspath(root)}/{rel}"
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK) or os.path.islink(path):
            return _read_link(root, rel, path, limit)
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


def _read_link(root: Path, rel: str, path: str, limit: int) -> tuple[bytes | None, str | None]:
    try:
        os.stat(path)  # a loop raises ELOOP, a dangling link ENOENT
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    real = os.path.realpath(path)
    if not (real + os.sep).startswith(os.path.realpath(root) + os.sep):
        return None, "symbolic link to a file outside the scanned folder"
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    try:
        return _read_fd(fd, limit)
    finally:
        os.close(fd)


def _merge_local_metadata(root: Path, refs: list[ModelRef], skipped: list[Skipped]) -> list[ModelRef]:
    """Every local ref of one artifact carries the artifact's metadata (a Modelfile's
    ``FROM ./x.gguf`` gets the GGUF header even when the GGUF file itself is not listed)."""
    best: dict[str, dict] = {}
    for ref in refs:
        if ref.source == LOCAL and ref.metadata and len(ref.metadata) > len(best.get(ref.id, {})):
            best[ref.id] = dict(ref.metadata)
    out = []
    skipped_paths = {s.path for s in skipped}
    for ref in refs:
        if ref.source == LOCAL and not ref.metadata:
            meta = best.get(ref.id)
            if meta is None and ref.id.lower().endswith(".gguf"):
                meta, reason = artifacts.local_gguf(root, ref.id)
                if meta is None:
                    if os.path.lexists(root / ref.id) and ref.id not in skipped_paths:
                        skipped.append(Skipped(ref.id, reason or "unreadable GGUF header"))
                        skipped_paths.add(ref.id)
                    meta = {}
                best[ref.id] = meta
            if meta:
                ref = dataclasses.replace(ref, metadata=meta)
        out.append(ref)
    return out


Scanned = tuple[list[ModelRef], list[Skipped], list[Unresolvable], int]


def scan_files(root_s: str, rels: Sequence[str], limit: int) -> Scanned:
    """Read, prefilter and parse each of ``rels`` (paths of a scannable kind)."""
    root = Path(root_s)
    refs: list[ModelRef] = []
    skipped: list[Skipped] = []
    unresolvable: list[Unresolvable] = []
    deferred: list = []
    scanned = 0
    for rel in rels:
        kind = _kind(rel)
        if kind is None:
            continue
        _, scanner, trigger, own_suppress = kind
        raw, why = _read(root, rel, limit, root_s)
        if raw is None:
            if why:
                skipped.append(Skipped(rel, why))
            continue
        scanned += 1
        if b"\0" in raw[:8192]:
            skipped.append(Skipped(rel, "binary content"))
            continue
        if not trigger.search(raw):
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            skipped.append(Skipped(rel, "not valid UTF-8 text"))
            continue
        ctx = Context(root=root, rel=rel, deferred=deferred if scanner is python.scan else None)
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
    if deferred:
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
        candidates = sorted({f.replace(os.sep, "/") for f in files})
        excludes = list(exclude)
        if excludes:
            import pathspec

            spec = pathspec.GitIgnoreSpec.from_lines(excludes)
            candidates = [f for f in candidates if not spec.match_file(f)]
    else:
        candidates = list_files(root, exclude)
    refs, skipped, unresolvable, scanned = scan_files(os.fspath(root), candidates, max_file_bytes)
    local, local_skipped, local_scanned = artifacts.scan_artifacts(root, candidates, complete=files is None)
    refs.extend(local)
    skipped.extend(local_skipped)
    scanned += local_scanned
    refs = _merge_local_metadata(root, refs, skipped)
    unique: dict[tuple, ModelRef] = {}
    for ref in refs:
        key = (ref.location.path, ref.location.cell, ref.location.line, ref.location.column, ref.id, ref.source)
        unique.setdefault(key, ref)
    refs = sorted(
        unique.values(),
        key=lambda r: (r.location.path, r.location.cell or 0, r.location.line, r.location.column, r.id, r.source),
    )
    skipped = sorted(set(skipped), key=lambda s: (s.path, s.reason))
    unresolvable = sorted(
        set(unresolvable),
        key=lambda u: (u.location.path, u.location.cell or 0, u.location.line, u.location.column, u.expression),
    )
    return DiscoveryResult(tuple(refs), tuple(skipped), tuple(unresolvable), scanned)
