"""discover: find every model a repository references.

``discover(root, ...)`` walks the tree (git-aware), hands each file to the scanner for its kind
and returns a ``DiscoveryResult``. Files that cannot contain a reference cost almost nothing:
each kind has a cheap byte-level prefilter that runs before any parser, and files above a size
limit are never parsed. A file that cannot be read or parsed is listed as skipped with the
reason; the scan goes on.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
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
}


def _kind(rel: str) -> tuple[str, Scanner, object, bool] | None:
    """(kind, scanner, prefilter, handles its own suppressions) for a path."""
    name = posixpath.basename(rel)
    lower = name.lower()
    ext = lower.rsplit(".", 1)[-1] if "." in lower else ""
    if ext == "py" or ext == "pyw":
        return "python", python.scan, python.TRIGGER, False
    if ext == "ipynb":
        return "notebook", notebook.scan, notebook.TRIGGER, True
    if modelfile.is_modelfile(rel):
        return "modelfile", modelfile.scan, modelfile.TRIGGER, False
    if lower in _SKIP_NAMES:
        return None
    if ext in ("yaml", "yml"):
        return "yaml", config.scan_yaml, config.TRIGGER, False
    if ext == "json":
        return "json", config.scan_json, config.TRIGGER, False
    if ext == "toml":
        return "toml", config.scan_toml, config.TRIGGER, False
    if lower == ".env" or lower.startswith(".env.") or ext == "env":
        return "env", config.scan_env, config.TRIGGER, False
    if ext in ("tf", "tfvars", "hcl"):
        return "hcl", config.scan_hcl, config.TRIGGER, False
    if lower in ("dockerfile", "containerfile") or lower.startswith(("dockerfile.", "containerfile.")) or ext == "dockerfile":
        return "dockerfile", commands.scan_dockerfile, commands.TRIGGER, False
    if lower in ("makefile", "gnumakefile") or ext == "mk":
        return "makefile", commands.scan_makefile, commands.TRIGGER, False
    if ext in ("sh", "bash", "zsh", "ksh") or lower in ("procfile", "justfile"):
        return "shell", commands.scan_shell, commands.TRIGGER, False
    if ext in ("js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts"):
        if lower.endswith((".min.js", ".d.ts")):
            return None
        return "javascript", javascript.scan, javascript.TRIGGER, False
    return None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    return first[:200]


def _read(root: Path, rel: str, limit: int) -> tuple[bytes | None, str | None]:
    """The file's bytes, or None and the reason it is skipped (None reason: silently nothing)."""
    path = root / rel
    try:
        st = os.stat(path)  # follows symlinks; a loop raises ELOOP
    except FileNotFoundError:
        if not os.path.lexists(path):
            return None, None  # listed by git but deleted from the work tree
        return None, "cannot read: broken symbolic link"
    except OSError as exc:
        if os.path.islink(path) and not os.path.exists(path):
            return None, f"cannot read: {exc.strerror or 'broken symbolic link'}"
        return None, f"cannot read: {exc.strerror or exc}"
    if not stat.S_ISREG(st.st_mode):
        return None, None if stat.S_ISDIR(st.st_mode) else "not a regular file"
    if os.path.islink(path):
        real = os.path.realpath(path)
        if not (real + os.sep).startswith(os.path.realpath(root) + os.sep):
            return None, "symbolic link to a file outside the scanned folder"
    if st.st_size > limit:
        return None, f"larger than the {limit // (1024 * 1024)} MiB scan limit"
    try:
        with open(path, "rb") as f:
            raw = f.read(limit + 1)
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    if len(raw) > limit:
        return None, f"larger than the {limit // (1024 * 1024)} MiB scan limit"
    return raw, None


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


def discover(
    root: Path,
    files: Sequence[str] | None = None,
    exclude: Iterable[str] = (),
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
) -> DiscoveryResult:
    """References under ``root``; ``files`` (relative to root) restricts the scan to exactly those."""
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
    refs: list[ModelRef] = []
    skipped: list[Skipped] = []
    unresolvable: list[Unresolvable] = []
    scanned = 0
    for rel in candidates:
        kind = _kind(rel)
        if kind is None:
            continue
        _, scanner, trigger, own_suppress = kind
        raw, why = _read(root, rel, max_file_bytes)
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
        ctx = Context(root=root, rel=rel)
        try:
            found, unres = scanner(text, ctx)
        except (SyntaxError, ValueError) as exc:
            skipped.append(Skipped(rel, f"cannot parse: {_reason(exc)}"))
            continue
        except RecursionError:
            skipped.append(Skipped(rel, "cannot parse: nested too deeply"))
            continue
        refs.extend(found if own_suppress else apply_suppressions(found, text))
        unresolvable.extend(unres)
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
