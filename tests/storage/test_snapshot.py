"""Snapshots of cached rows: round trip, versions, and damaged files that are ignored, never an error."""
from __future__ import annotations

import os

import pytest

from tms.storage.snapshot import read_snapshot, write_snapshot

ROWS = {"ja/mofa": ("ja/mofa", 1_700_000_000_123_456_789, 4096, 12, "mofa", "ja", "en", "draft", 0.5, 17,
                    3, 20, 0, 0, 1, 4, 0, 0, 0, 0),
        "ko/한국": ("ko/한국", 1, 2, 3, "한국", "ko", "en", "official", 0.0, 0, *range(10))}


def test_rows_come_back_as_written(tmp_path):
    path = tmp_path / "state" / "stats.snapshot"
    assert write_snapshot(path, 3, ROWS)
    assert read_snapshot(path, 3) == ROWS
    assert not [p for p in path.parent.iterdir() if p != path]        # no temporary file left behind


def test_a_snapshot_of_another_version_is_ignored(tmp_path):
    path = tmp_path / "stats.snapshot"
    write_snapshot(path, 3, ROWS)
    assert read_snapshot(path, 4) is None


@pytest.mark.parametrize("content", [b"", b"not marshal data", b"\x00" * 64])
def test_a_damaged_or_foreign_file_is_ignored(tmp_path, content):
    path = tmp_path / "stats.snapshot"
    path.write_bytes(content)
    assert read_snapshot(path, 1) is None


def test_marshalled_data_of_another_shape_is_ignored(tmp_path):
    import marshal

    path = tmp_path / "stats.snapshot"
    for value in ([1, 2, 3], ("tms-snapshot", 1, [1]), ("other", 1, {})):
        path.write_bytes(marshal.dumps(value))
        assert read_snapshot(path, 1) is None


def test_a_missing_file_is_none_and_an_unwritable_place_is_false(tmp_path):
    assert read_snapshot(tmp_path / "none", 1) is None
    (tmp_path / "taken").mkdir()
    assert write_snapshot(tmp_path / "taken", 1, ROWS) is False           # a folder where the file belongs
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        assert write_snapshot(locked / "stats.snapshot", 1, ROWS) is False
