"""Atomic writes and inter-process locks, so that no reader sees half a file and no writer loses an update."""
from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import Iterator


def atomic_write(path: Path, data: str | bytes, *, encoding: str = "utf-8", durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and an atomic rename.

    Readers see the old file or the new one, never a mix. ``durable`` also flushes the data to disk
    before the rename; bulk jobs turn it off per file and call ``os.sync()`` once at the end. The new
    file keeps the permissions of the one it replaces (0644 for a new one).
    """
    path = Path(path)
    raw = data.encode(encoding) if isinstance(data, str) else data
    try:
        mode = os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(fd, mode)
            handle.write(raw)
            handle.flush()
            if durable:
                os.fsync(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new hidden file in the folder of ``path``, opened for writing (a cheaper ``tempfile.mkstemp``)."""
    folder, name = os.path.split(os.fspath(path))
    while True:
        tmp = os.path.join(folder, f".{name}.{os.urandom(5).hex()}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), tmp
        except FileExistsError:
            continue


def file_stamp(stat: os.stat_result) -> tuple[int, int, int]:
    """What tells one version of a file from another: modification time (ns), size and inode. A file
    replaced by a save-by-rename has a new inode even when its size and time are the same."""
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def lock_path_for(path: Path) -> Path:
    """The lock file that guards ``path`` (a hidden file beside it)."""
    path = Path(path)
    return path.parent / f".{path.name}.lock"


@contextlib.contextmanager
def locked(path: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold an exclusive (or shared) lock on ``path`` across processes and threads for the block."""
    lock = lock_path_for(path)
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except FileNotFoundError:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


class ChangeStamp:
    """A small file whose content changes each time some shared records change, so that every process can
    tell with one read whether what it keeps of them is still current, instead of asking the database.

    A writer calls ``bump`` once its change is committed; a reader calls ``read`` before it fetches what it
    will keep, and trusts that copy only while ``read`` returns the same value. (Read first, fetch second:
    a change committed in between then makes the next ``read`` differ, so a stale copy is never trusted.)
    """

    def __init__(self, path: Path):
        self.path = Path(path)

    def read(self) -> str:
        """The current value; empty while nothing has been bumped."""
        try:
            with open(self.path, "rb") as handle:
                return handle.read(64).decode("ascii", "replace")
        except FileNotFoundError:
            return ""

    def bump(self) -> None:
        """Give the stamp a new value (atomically, so a reader sees the old value or the new one)."""
        # Not flushed to disk: what readers keep is in memory and does not outlive a power cut either.
        atomic_write(self.path, os.urandom(8).hex(), durable=False)
