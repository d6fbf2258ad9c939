"""Files written whole or not at all, and one writer at a time.

``write_text(path, text)`` is how licaudit writes every file a user keeps (the lockfile, reports
written with ``--output`` / ``--output-dir``) and every cache entry: the text goes to a temporary
file with a unique name in the target's own folder, is flushed to disk, and is renamed over the
target. A reader sees the old file or the new one, never a part of either; two writers never
share a temporary file; when anything fails (a full disk, a file size limit, a permission) the
temporary file is removed and ``OSError`` is raised with the target untouched. A symbolic link
is written through: the file it points to is replaced, the link stays.

``exclusive(path)`` is an advisory lock for a read-modify-write of ``path`` (``licaudit lock``
reads the pins, resolves, writes them): a second licaudit process waits until the first is
done, so neither loses the other's pins. It locks the folder (``flock``; released by the
operating system if the process dies), so it leaves no file behind. Where ``flock`` does not
exist it is a no-op; the writes stay atomic.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path


def _mode(target: Path) -> int:
    """The permissions the written file gets: the target's own, else what a plain ``open``
    would give (0666 less the umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text(path: str | Path, text: str, *, durable: bool = True) -> None:
    """Replace ``path`` with ``text`` (UTF-8, as written) atomically; ``OSError`` when it
    cannot be written, the previous file untouched and no temporary file left. ``durable``:
    flush the data to disk before the rename (a cache entry can do without)."""
    import tempfile  # not at import: a run that writes nothing does without it

    target = Path(os.path.realpath(path))
    data = text.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def exclusive(path: str | Path, waiting: Callable[[], object] | None = None) -> Iterator[None]:
    """Hold the advisory lock for writing ``path`` (see the module docstring); ``waiting`` is
    called once when another process holds it and this one has to wait."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no flock on this platform
        yield
        return
    folder = Path(os.path.realpath(path)).parent
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # the folder cannot be opened: the write will say why
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # a file system without locks: atomic writes still hold
            pass
        yield
    finally:
        os.close(fd)  # releases the lock
