"""Atomic writes, inter-process locks, file stamps and change stamps."""
from __future__ import annotations

import os
import stat
import time

import pytest

from tests.concurrency import in_processes
from tms.storage import files
from tms.storage.files import ChangeStamp, atomic_write, file_stamp, lock_path_for, locked


def test_atomic_write_creates_folders_and_replaces_whole_files(tmp_path):
    target = tmp_path / "new" / "folder" / "ja.po"
    atomic_write(target, "첫 번째\n")
    assert target.read_text(encoding="utf-8") == "첫 번째\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    atomic_write(target, b"second\n", durable=False)
    assert target.read_bytes() == b"second\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["ja.po"]     # no temporary file left


def test_atomic_write_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "secret_key"
    atomic_write(target, "one")
    os.chmod(target, 0o600)
    atomic_write(target, "two")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "ja.po"
    atomic_write(target, "old\n")

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["ja.po"]


def test_a_new_file_has_a_new_stamp_even_with_the_same_size_and_time(tmp_path):
    target = tmp_path / "ja.po"
    atomic_write(target, "aaaa")
    before = target.stat()
    atomic_write(target, "bbbb")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert file_stamp(target.stat()) != file_stamp(before)


def _hold_and_append(lock_target: str, log: str, label: str) -> None:
    with locked(lock_target):
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{label} in\n")
            handle.flush()
            time.sleep(0.5)
            handle.write(f"{label} out\n")


def test_the_lock_lets_one_process_in_at_a_time(tmp_path):
    target, log = tmp_path / "ja.po", tmp_path / "log"
    codes = in_processes(_hold_and_append, [(str(target), str(log), label) for label in "abc"])
    assert codes == [0, 0, 0]
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6
    for first, second in zip(lines[::2], lines[1::2]):       # every "in" is followed by its own "out"
        assert first.endswith(" in") and second == first.replace(" in", " out")
    assert lock_path_for(target) == tmp_path / ".ja.po.lock" and lock_path_for(target).exists()
    assert not target.exists()                                 # the lock never creates the file it guards


def test_a_change_stamp_is_empty_until_bumped_and_differs_after_every_bump(tmp_path):
    stamp = ChangeStamp(tmp_path / ".tms" / "accounts.stamp")
    assert stamp.read() == ""
    seen = set()
    for _ in range(20):
        stamp.bump()
        seen.add(stamp.read())
    assert len(seen) == 20 and "" not in seen


def _bump(path: str) -> None:
    ChangeStamp(path).bump()


def test_a_bump_in_another_process_is_seen_here(tmp_path):
    stamp = ChangeStamp(tmp_path / "accounts.stamp")
    stamp.bump()
    before = stamp.read()
    assert in_processes(_bump, [(str(stamp.path),)]) == [0]
    assert stamp.read() not in ("", before)


# -- what a killed writer leaves behind ------------------------------------------------------------
def _write_and_die(target: str) -> None:
    """Write ``target`` and get killed (SIGKILL) just before the rename, as a power cut or the OOM killer would."""
    import signal

    files.os.replace = lambda *_args: os.kill(os.getpid(), signal.SIGKILL)
    atomic_write(target, "half a save\n")


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _age(folder, seconds: float = 60) -> None:
    for path in folder.iterdir():
        if path.name.endswith(".tmp"):
            then = time.time() - seconds
            os.utime(path, (then, then))


def test_the_next_write_removes_what_a_killed_writer_left(tmp_path):
    target = tmp_path / "ja.po"
    atomic_write(target, "old\n")
    assert in_processes(_write_and_die, [(str(target),)]) == [-9]
    left = _leftovers(tmp_path)
    assert len(left) == 1 and left[0].startswith(".ja.po.") and target.read_text() == "old\n"
    _age(tmp_path)
    atomic_write(target, "new\n")
    assert _leftovers(tmp_path) == [] and target.read_text() == "new\n"


def test_a_live_writers_temporary_file_is_left_alone(tmp_path):
    import fcntl

    live = tmp_path / ".ja.po.0123456789.tmp"
    fd = os.open(live, os.O_WRONLY | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        _age(tmp_path)
        assert not files.remove_if_stale(live)
        assert files.remove_stale_temporaries(tmp_path) == 0 and live.exists()
    finally:
        os.close(fd)
    assert files.remove_stale_temporaries(tmp_path) == 1 and not live.exists()


def test_a_fresh_temporary_file_is_left_alone(tmp_path):
    fresh = tmp_path / ".ja.po.0123456789.tmp"
    fresh.write_text("just created")
    assert files.remove_stale_temporaries(tmp_path) == 0 and fresh.exists()


def test_stale_temporaries_anywhere_under_a_folder_are_removed(tmp_path):
    deep = tmp_path / "ja" / "LC_MESSAGES"
    deep.mkdir(parents=True)
    for name in (".a.po.0123456789.tmp", ".b.po.abcdefabcd.tmp"):
        (deep / name).write_text("left")
    (deep / "a.po").write_text("kept")
    (deep / "notes.tmp").write_text("kept: not ours")
    _age(deep)
    assert files.remove_stale_temporaries(tmp_path) == 2
    assert sorted(p.name for p in deep.iterdir()) == ["a.po", "notes.tmp"]


def test_a_durable_write_flushes_the_folder_after_the_rename(tmp_path, monkeypatch):
    synced: list[str] = []
    real_fsync, real_replace = files.os.fsync, files.os.replace

    def fsync(fd):
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    def replace(src, dst):
        synced.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "fsync", fsync)
    monkeypatch.setattr(files.os, "replace", replace)
    atomic_write(tmp_path / "ja.po", "saved\n")
    assert synced == ["file", "rename", "folder"]
    synced.clear()
    atomic_write(tmp_path / "ja.po", "bulk\n", durable=False)
    assert synced == ["rename"]


def test_a_folder_that_cannot_be_written_is_not_saved(tmp_path, monkeypatch):
    from tms.errors import NotSaved

    target = tmp_path / "ja.po"
    atomic_write(target, "old\n")

    def refuse(path, flags, *args):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(files.os, "open", refuse)
    with pytest.raises(NotSaved, match=r"could not save .*ja.po: Permission denied; nothing was changed"):
        atomic_write(target, "new\n")
    assert target.read_text() == "old\n"


def test_a_stamped_cache_builds_again_when_the_stamp_changes_or_the_value_is_too_old(tmp_path):
    from tms.storage.files import StampedCache

    stamp, cache, built = ChangeStamp(tmp_path / "people.stamp"), StampedCache(60.0), []

    def build():
        built.append(len(built))
        return len(built)

    assert cache.get(stamp, build, now=0.0) == 1
    assert cache.get(stamp, build, now=59.0) == 1 and len(built) == 1         # kept
    stamp.bump()
    assert cache.get(stamp, build, now=59.5) == 2                             # changed through tms
    assert cache.get(stamp, build, now=120.0) == 3                            # too old


def test_a_stamped_cache_keeps_each_key_apart_and_only_the_last_ones(tmp_path):
    from tms.storage.files import StampedCache

    stamp, cache, built = ChangeStamp(tmp_path / "tokens.stamp"), StampedCache(60.0, max_kept=2), []

    def build(key):
        built.append(key)
        return key.upper()

    assert [cache.get(stamp, lambda k=k: build(k), now=0.0, key=k) for k in ("a", "b", "a")] == ["A", "B", "A"]
    assert built == ["a", "b"]                                                 # "a" kept apart from "b"
    cache.get(stamp, lambda: build("c"), now=0.0, key="c")                     # three: the oldest built goes
    assert cache.get(stamp, lambda: build("a"), now=0.0, key="a") == "A" and built == ["a", "b", "c", "a"]
