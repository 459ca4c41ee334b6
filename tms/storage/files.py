"""Atomic writes and inter-process locks, so that no reader sees half a file and no writer loses an update."""
from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from pathlib import Path
from typing import Iterator


def atomic_write(path: Path, data: str | bytes, *, encoding: str = "utf-8", durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and an atomic rename.

    Readers see the old file or the new one, never a mix. ``durable`` also flushes the data to disk
    before the rename; bulk jobs turn it off per file and call ``os.sync()`` once at the end.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode(encoding) if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


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
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
