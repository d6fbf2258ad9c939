"""Which files a scan looks at: git-aware (tracked + untracked-not-ignored), ``.gitignore``
honoured outside git too (by git itself, through a throwaway repository outside the scanned
folder; by an emulation only where there is no git), ``exclude`` globs applied on top."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

# Folders never worth walking outside git (inside git they are normally ignored anyway).
_ALWAYS_SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    "__pycache__",
    "node_modules",
    ".venv",
    ".tox",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
}


_LS_FILES = ("ls-files", "-z", "--cached", "--others", "--exclude-standard")


def _git_files(
    root: Path,
    while_listing: Callable[[Callable[[], bool]], object],
    env: dict[str, str] | None = None,
) -> list[str] | None:
    """Paths relative to root from git, or None when root is not inside a work tree (or there
    is no git). ``while_listing(still_listing)`` runs in this process while git works: git
    writes into an in-memory file, never blocked by a full pipe meanwhile (where there is no
    such file, it runs first). ``env``: the environment git runs in (a throwaway repository
    for a folder outside git)."""
    memfd = getattr(os, "memfd_create", None)
    try:
        fd = memfd("licaudit-ls-files", getattr(os, "MFD_CLOEXEC", 0)) if memfd else -1
    except OSError:
        fd = -1
    if fd < 0:
        while_listing(lambda: False)
        try:
            proc = subprocess.run(
                ["git", "-C", str(root), *_LS_FILES],
                capture_output=True,
                timeout=60,
                check=False,
                env=env,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        returncode, data = proc.returncode, proc.stdout
    else:
        with open(fd, "w+b") as out:
            try:
                child = subprocess.Popen(
                    ["git", "-C", str(root), *_LS_FILES],
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.DEVNULL,
                    env=env,
                )
            except OSError:
                return None
            try:
                while_listing(lambda: child.poll() is None)
                returncode = child.wait(timeout=60)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
                return None
            except BaseException:
                child.kill()
                child.wait()
                raise
            out.seek(0)
            data = out.read()
    if returncode != 0:
        return None
    names = data.decode("utf-8", "surrogateescape").split("\0")
    return sorted({n for n in names if n})


def _git_files_outside_git(
    root: Path, while_listing: Callable[[Callable[[], bool]], object]
) -> list[str] | None:
    """The files of a folder outside any work tree as git would list them were it one: every
    file less what its ``.gitignore`` files ignore, with git's own rules (nested files,
    negations, a parent folder's exclusion winning). git reads the folder through a bare
    repository made in a temporary folder, so nothing is written under ``root`` (made without
    git's template files: nothing here reads the sample hooks, and a template's own
    ``info/exclude`` is no rule of the scanned folder). None when there is no git."""
    import tempfile  # only outside git: not on the start-up path of a scan in a work tree

    with tempfile.TemporaryDirectory(prefix="licaudit-walk-") as tmp:
        git_dir = os.path.join(tmp, "index.git")
        try:
            made = subprocess.run(
                ["git", "init", "--bare", "--quiet", "--template=", git_dir],
                capture_output=True,
                timeout=60,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        if made.returncode != 0:
            return None
        env = {**os.environ, "GIT_DIR": git_dir, "GIT_WORK_TREE": str(root)}
        files = _git_files(root, while_listing, env)
    if files is None:
        return None
    # a folder that is a repository of its own is listed by git as ``name/``: its files, by
    # git in that repository
    nested = [f for f in files if f.endswith("/")]
    if not nested:
        return files
    out = [f for f in files if not f.endswith("/")]
    for folder in nested:
        inner = _git_files(root / folder, lambda _still: None)
        if inner is None:
            inner = list(_walk_plain(root / folder))
        out.extend(folder + f for f in inner)
    return sorted(out)


def _gitignore_spec(folder: Path):
    path = folder / ".gitignore"
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    import pathspec  # only outside git: inside a work tree git applies .gitignore itself

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _walk_plain(root: Path) -> Iterator[str]:
    """os.walk with nested .gitignore files honoured, symlinked folders not followed: the
    listing where there is no git (an emulation of git's rules, by pathspec)."""
    specs: list[tuple[str, Any]] = []  # (folder prefix relative to root, spec)
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = os.path.relpath(dirpath, root)
        rel_dir = "" if rel_dir == "." else rel_dir.replace(os.sep, "/")
        spec = _gitignore_spec(Path(dirpath))
        if spec is not None:
            specs.append((rel_dir, spec))

        def ignored(rel: str, is_dir: bool) -> bool:
            # the deepest .gitignore with a pattern for the path decides (a nested file's
            # negation re-includes what a parent's pattern ignored)
            for prefix, sp in reversed(specs):
                if prefix and not rel.startswith(prefix + "/"):
                    continue
                sub = rel[len(prefix) + 1 :] if prefix else rel
                verdict = sp.check_file(sub + "/" if is_dir else sub).include
                if verdict is not None:
                    return verdict
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


def _any_skip_dir(files: list[str]) -> bool:
    """Whether any path may have a folder of _ALWAYS_SKIP_DIRS (true also for a folder whose
    name merely ends so): one substring search per name over the whole list is far cheaper
    than splitting every path."""
    blob = "\0".join(files)
    return any(f"{d}/" in blob for d in _ALWAYS_SKIP_DIRS)


def list_files(
    root: Path,
    exclude: Iterable[str] = (),
    *,
    while_listing: Callable[[Callable[[], bool]], object] | None = None,
) -> list[str]:
    """Every file under ``root`` a scan should look at, relative POSIX paths, sorted.

    ``while_listing(still_listing)``: work for this process while git lists the files (it runs
    once, also outside git); ``still_listing()`` says whether git is still at work."""
    ran: list[bool] = []

    def once(still_listing: Callable[[], bool] = lambda: False) -> None:
        if while_listing is not None and not ran:
            ran.append(True)
            while_listing(still_listing)

    files = _git_files(root, once)
    if files is None:
        files = _git_files_outside_git(root, once)
    if files is None:
        once()
        files = sorted(_walk_plain(root))
    elif _any_skip_dir(files):
        files = [f for f in files if not _ALWAYS_SKIP_DIRS.intersection(f.split("/")[:-1])]
    return without_excluded(files, exclude)


def without_excluded(files: list[str], exclude: Iterable[str]) -> list[str]:
    """``files`` less those an ``exclude`` glob (gitignore syntax) matches."""
    excludes = list(exclude)
    if not excludes:
        return files
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(excludes)
    return [f for f in files if not spec.match_file(f)]
