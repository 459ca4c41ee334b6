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
