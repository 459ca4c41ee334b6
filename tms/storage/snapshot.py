"""A snapshot of cached rows in one file, read in a tenth of the time the same rows take from SQLite.

The statistics cache keeps its rows in SQLite, which several processes can update safely. Reading all
100,000 of them back costs about half a second; the same rows marshalled into one file load in about
a tenth of that. A snapshot is only an accelerator: every row it holds is checked by the caller exactly
as a row from the database would be (against the file it describes), a snapshot of another version or
that cannot be read is ignored, and it is replaced whole by an atomic rename.
"""
from __future__ import annotations

import marshal
from pathlib import Path

from tms.storage.files import atomic_write

_MAGIC = "tms-snapshot"


def read_snapshot(path: Path, version: int) -> dict[str, tuple] | None:
    """The rows of the snapshot at ``path``, or None if there is none or it is of another version."""
    try:
        data = Path(path).read_bytes()
        magic, found_version, rows = marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if magic != _MAGIC or found_version != version or not isinstance(rows, dict):
        return None
    return rows


def write_snapshot(path: Path, version: int, rows: dict[str, tuple]) -> bool:
    """Replace the snapshot at ``path`` with ``rows``; False (and nothing changed) if it cannot be written."""
    try:
        atomic_write(path, marshal.dumps((_MAGIC, version, rows)), durable=False)
    except (OSError, ValueError):
        return False
    return True
