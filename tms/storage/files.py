"""Atomic writes and inter-process locks, so that no reader sees half a file and no writer loses an update."""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from tms.errors import NotSaved

T = TypeVar("T")


def atomic_write(path: Path, data: str | bytes, *, encoding: str = "utf-8", durable: bool = True,
                 sync_folder: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and an atomic rename.

    Readers see the old file or the new one, never a mix. ``durable`` also flushes the data to disk
    before the rename and the folder after it, so a save that has returned survives a power cut; bulk
    jobs turn it off per file and call ``os.sync()`` once at the end. The new file keeps the permissions
    of the one it replaces (0644 for a new one). A temporary file left by a writer that was killed is
    removed by the next write of the same file. ``NotSaved`` (an ``OSError``) when the folder cannot be
    written or the disk is full; the old file is then untouched. ``sync_folder=False`` leaves flushing the
    folder to the caller (``flush_folder``), who may first release a lock.
    """
    path = Path(path)
    raw = data.encode(encoding) if isinstance(data, str) else data
    try:
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
        if durable and sync_folder:
            flush_folder(path.parent)
    except NotSaved:
        raise
    except OSError as exc:
        raise NotSaved(f"could not save {path}: {exc.strerror or exc}; nothing was changed") from exc


def flush_folder(folder: Path) -> None:
    """Flush ``folder`` to disk: a rename is an entry in the folder, and until the folder is flushed a power
    cut can bring the old file back. ``NotSaved`` if it cannot be done."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise NotSaved(f"could not flush {folder} to disk: {exc.strerror or exc}") from exc


#: A temporary file this old whose writer holds no lock on it was left by a writer that died.
STALE_SECONDS = 2.0


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new hidden file in the folder of ``path``, opened for writing and locked while it is written.

    Each target has one usual temporary name, so that the next write finds and removes one left by a
    killed writer without listing the folder (a language folder may hold thousands of catalogs); a writer
    that finds it held by a live writer (one that did not take the target's lock) takes a random name.
    """
    folder, name = os.path.split(os.fspath(path))
    usual = os.path.join(folder, f".{name}.{hashlib.sha1(name.encode('utf-8', 'surrogateescape')).hexdigest()[:10]}.tmp")
    tmp = usual
    while True:
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            if tmp == usual and remove_if_stale(usual):
                continue
            tmp = os.path.join(folder, f".{name}.{os.urandom(5).hex()}.tmp")
            continue
        fcntl.flock(fd, fcntl.LOCK_EX)      # a cleaner may hold it for an instant, finding it too young to remove
        return fd, tmp


def remove_if_stale(tmp: str | Path, *, min_age: float = STALE_SECONDS) -> bool:
    """Remove the temporary file ``tmp`` if its writer is gone (it holds no lock on it and it is older than
    ``min_age`` seconds); True if it was removed or is already gone."""
    try:
        fd = os.open(tmp, os.O_RDONLY)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        if time.time() - os.fstat(fd).st_mtime < min_age:
            return False
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        return True
    finally:
        os.close(fd)


def remove_stale_temporaries(root: Path, *, min_age: float = STALE_SECONDS) -> int:
    """Remove the temporary files (``.NAME.HEX.tmp``) that killed writers left anywhere under ``root``;
    returns how many were removed. Files live writers hold are kept."""
    removed = 0
    for folder, _dirs, names in os.walk(root):
        for name in names:
            if name.startswith(".") and name.endswith(".tmp") and name.count(".") >= 3:
                if remove_if_stale(os.path.join(folder, name), min_age=min_age):
                    removed += 1
    return removed


def file_stamp(stat: os.stat_result) -> tuple[int, int, int]:
    """What tells one version of a file from another: modification time (ns), size and inode. A file
    replaced by a save-by-rename has a new inode even when its size and time are the same."""
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def lock_path_for(path: Path) -> Path:
    """The lock file that guards ``path`` (a hidden file beside it)."""
    return Path(_lock_file(os.fspath(path)))


def _lock_file(path: str) -> str:
    folder, name = os.path.split(path)
    return os.path.join(folder, f".{name}.lock")


@contextlib.contextmanager
def locked(path: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold an exclusive (or shared) lock on ``path`` across processes and threads for the block."""
    lock = _lock_file(os.fspath(path))        # strings, not Path objects: every save takes two locks
    try:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(lock) or ".", exist_ok=True)
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise NotSaved(f"could not lock {path} (its folder must be writable): {exc.strerror or exc}; "
                       "nothing was changed") from exc
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


class StampedCache:
    """Values built from shared records (the accounts, a checked API token, people's notification choices),
    kept in this process while the records' ``ChangeStamp`` keeps its value, and for at most ``max_age``
    seconds, for changes made behind tms's back (straight in the database); the ``max_kept`` last built."""

    def __init__(self, max_age: float, max_kept: int = 64):
        self.max_age, self.max_kept = max_age, max_kept
        self._kept: OrderedDict[tuple[str, str], tuple[str, float, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, stamp: ChangeStamp, build: Callable[[], T], now: float, key: str = "") -> T:
        """The value ``build`` gives for ``key``, built again only if the stamp changed or the kept one is
        too old; ``now``: a monotonic clock's reading. What ``build`` raises is not kept."""
        version = stamp.read()                  # before building: see ChangeStamp
        slot = (str(stamp.path), key)
        with self._lock:
            kept = self._kept.get(slot)
        if kept is not None and kept[0] == version and now - kept[1] < self.max_age:
            return kept[2]
        value = build()
        with self._lock:
            self._kept[slot] = (version, now, value)
            self._kept.move_to_end(slot)
            while len(self._kept) > self.max_kept:
                self._kept.popitem(last=False)
        return value
