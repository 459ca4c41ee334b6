"""The storage seam: ``read`` gives one shared parse per version of a file, ``edit`` locks, saves only what
changed and keeps the shared view current."""
from __future__ import annotations

import fcntl
import os
import threading
import time

import pytest

from tests.storage.test_pofile import sample_catalog
from tms.model import SegmentState
from tms.storage import catalogs, poparser
from tms.storage.files import locked
from tms.storage.pofile import load_catalog, save_catalog


@pytest.fixture(autouse=True)
def empty_cache():
    catalogs.forget()
    yield
    catalogs.forget()


@pytest.fixture
def po(tmp_path):
    path = tmp_path / "demo.po"
    save_catalog(path, sample_catalog())
    return path


@pytest.fixture
def parses(monkeypatch):
    """How many times a whole catalog has been read by the PO reader."""
    count = [0]
    real = poparser._Reader.finish

    def finish(reader):
        entries = real(reader)
        count[0] += len(entries) > 1
        return entries

    monkeypatch.setattr(poparser._Reader, "finish", finish)
    return count


def test_read_is_shared_and_parsed_once_per_version(po):
    first = catalogs.read(po)
    assert catalogs.read(po) is first
    assert first == load_catalog(po)


def test_edit_without_a_change_writes_nothing(po):
    before = os.stat(po)
    with catalogs.edit(po) as draft:
        draft.unit(draft.catalog.units[0].key)      # taken for change, left as it was
    after = os.stat(po)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_edit_saves_the_change_and_keeps_the_cache_warm(po, parses):
    key = catalogs.read(po).units[1].key
    with catalogs.edit(po) as draft:
        unit = draft.unit(key)
        unit.target, unit.state = "新しい訳。", SegmentState.TRANSLATED
    parses[0] = 0
    shared = catalogs.read(po)
    assert parses[0] == 0                           # what was saved is what is shared: no parse
    assert shared.find(key).target == "新しい訳。"
    assert load_catalog(po) == shared


def test_edit_never_changes_the_shared_view_before_saving(po):
    shared = catalogs.read(po)
    key = shared.units[1].key
    old = shared.find(key).target
    with pytest.raises(RuntimeError):
        with catalogs.edit(po) as draft:
            draft.unit(key).target = "途中"
            for unit in draft.units():
                unit.comments.append("half done")
            raise RuntimeError("the caller gave up")
    assert catalogs.read(po).find(key).target == old
    assert "途中" not in po.read_text(encoding="utf-8")


def test_edit_holds_the_lock_for_the_block(po):
    entered = threading.Event()
    order = []

    def other():
        entered.wait()
        with locked(po):
            order.append("other")

    thread = threading.Thread(target=other)
    thread.start()
    with catalogs.edit(po) as draft:
        entered.set()
        time.sleep(0.2)
        order.append("edit")
        draft.catalog.headers["Last-Translator"] = "alex"
    thread.join()
    assert order == ["edit", "other"]
    assert catalogs.read(po).headers["Last-Translator"] == "alex"


def test_a_header_change_alone_is_saved(po):
    with catalogs.edit(po) as draft:
        draft.catalog.headers["Last-Translator"] = "rita"
    assert "Last-Translator: rita" in po.read_text(encoding="utf-8")


def test_a_wrap_setting_lays_out_the_changed_entries(po):
    long = "The ministers agreed to meet again in the spring to review the progress of the joint program."
    key = catalogs.read(po).units[1].key
    with catalogs.edit(po, wrap=79) as draft:
        unit = draft.unit(key)
        unit.target, unit.state = long, SegmentState.TRANSLATED
    text = po.read_text(encoding="utf-8")
    assert 'msgstr ""\n"The ministers agreed to meet again in the spring to review the progress of "\n"the joint' in text
    with catalogs.edit(po, wrap=0) as draft:
        unit = draft.unit(key)
        unit.target = long + " Again."
    assert f'msgstr "{long} Again."\n' in po.read_text(encoding="utf-8")


def test_a_file_saved_by_this_process_then_changed_elsewhere_reads_right(po):
    key = catalogs.read(po).units[1].key
    with catalogs.edit(po) as draft:
        draft.unit(key).target = "一"
        draft.unit(key).state = SegmentState.TRANSLATED
    other = load_catalog(po)                        # another process saves a different entry, same header
    other.units[0].target, other.units[0].state = "二", SegmentState.TRANSLATED
    save_catalog(po, other)
    assert catalogs.read(po) == load_catalog(po)


def test_edit_flushes_file_and_folder_to_disk_and_the_folder_after_the_lock(po, monkeypatch):
    """A durable save flushes the new file before its rename and the folder after it; the folder only once the
    catalog's lock is free, so the next writer does not wait for the disk, but before ``edit`` returns."""
    from tms.storage import files

    flushed = []
    real_fsync = files.os.fsync

    def fsync(fd):
        target = os.readlink(f"/proc/self/fd/{fd}")
        lock_fd = os.open(files.lock_path_for(po), os.O_RDWR)
        try:
            try:
                fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                lock_free = True
                fcntl.flock(lock_fd, fcntl.LOCK_UN)
            except BlockingIOError:
                lock_free = False
        finally:
            os.close(lock_fd)
        flushed.append((target, lock_free))
        real_fsync(fd)

    monkeypatch.setattr(files.os, "fsync", fsync)
    with catalogs.edit(po) as draft:
        draft.unit(load_catalog(po).active_units()[0].key).target = "flushed"
    (file_flushed, lock_free_then), folder = flushed
    assert file_flushed.endswith(".tmp") and not lock_free_then       # the new file, before the rename, locked
    assert folder == (str(po.parent), True)                           # the folder, once the lock is free
    assert load_catalog(po).active_units()[0].target == "flushed"
