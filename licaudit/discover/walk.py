"""Which files a scan looks at: git-aware (tracked + untracked-not-ignored), ``.gitignore``
honoured outside git too, ``exclude`` globs applied on top."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

# Folders never worth walking outside git (inside git they are normally ignored anyway).
_ALWAYS_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", ".tox", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def _git_files(root: Path) -> list[str] | None:
    """Paths relative to root from git, or None when root is not inside a work tree."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    names = proc.stdout.decode("utf-8", "surrogateescape").split("\0")
    return sorted({n for n in names if n})


def _gitignore_spec(folder: Path):
    path = folder / ".gitignore"
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    import pathspec  # only outside git: inside a work tree git applies .gitignore itself

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _walk_plain(root: Path) -> Iterator[str]:
    """os.walk with nested .gitignore files honoured, symlinked folders not followed."""
    specs: list[tuple[str, Any]] = []  # (folder prefix relative to root, spec)
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = os.path.relpath(dirpath, root)
        rel_dir = "" if rel_dir == "." else rel_dir.replace(os.sep, "/")
        spec = _gitignore_spec(Path(dirpath))
        if spec is not None:
            specs.append((rel_dir, spec))

        def ignored(rel: str, is_dir: bool) -> bool:
            for prefix, sp in specs:
                if prefix and not rel.startswith(prefix + "/"):
                    continue
                sub = rel[len(prefix) + 1 :] if prefix else rel
                if sp.match_file(sub + "/" if is_dir else sub):
                    return True
            return False

        kept = []
        for d in sorted(dirnames):
            rel = f"{rel_dir}/{d}" if rel_dir else d
            if d in _ALWAYS_SKIP_DIRS or ignored(rel, True):
                continue
            kept.append(d)
        dirnames[:] = kept
        for f in sorted(filenames):
            rel = f"{rel_dir}/{f}" if rel_dir else f
            if not ignored(rel, False):
                yield rel


def list_files(root: Path, exclude: Iterable[str] = ()) -> list[str]:
    """Every file under ``root`` a scan should look at, relative POSIX paths, sorted."""
    files = _git_files(root)
    if files is None:
        files = sorted(_walk_plain(root))
    else:
        files = [f for f in files if not _ALWAYS_SKIP_DIRS.intersection(f.split("/")[:-1])]
    excludes = list(exclude)
    if excludes:
        import pathspec

        spec = pathspec.GitIgnoreSpec.from_lines(excludes)
        files = [f for f in files if not spec.match_file(f)]
    return files
