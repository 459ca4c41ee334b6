"""The persistent machine-translation cache: one SQLite file, so that no text is ever sent twice.

A row is keyed by a digest of the engine's identity (its name and the settings that shape its output,
never its keys), the two languages and the source text. Several processes may share the file: SQLite's
write-ahead log lets readers and one writer work at once.
"""
from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from tms.errors import TmsError

CACHE_FILE = "mt-cache.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key BLOB PRIMARY KEY,
    engine TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source TEXT NOT NULL,
    translation TEXT NOT NULL,
    score REAL,
    created TEXT NOT NULL
) WITHOUT ROWID
"""
_CHUNK = 500    # stays under SQLite's limit on bound parameters


def cache_key(identity: str, source_lang: str, target_lang: str, text: str) -> bytes:
    """The row key of one text: a digest of the engine identity, the languages and the text."""
    raw = f"{identity}\x00{source_lang}\x00{target_lang}\x00{text}".encode("utf-8")
    return hashlib.blake2b(raw, digest_size=16).digest()


class MtCache:
    """Machine translations already received, shared by every run and process of a project."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    @classmethod
    def for_project(cls, project) -> "MtCache":
        """The cache of a project, under its ``.tms/`` folder."""
        return cls(project.state_dir / CACHE_FILE)

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute(_SCHEMA)
            except sqlite3.Error as exc:
                raise TmsError(f"{self.path}: cannot open the translation cache ({exc}); "
                               "delete the file to start an empty cache") from exc
            self._conn = conn
        return self._conn

    def get_many(self, identity: str, source_lang: str, target_lang: str,
                 texts: Sequence[str]) -> dict[str, tuple[str, float | None]]:
        """The cached translation and score of each text that has one."""
        keys = {cache_key(identity, source_lang, target_lang, text): text for text in texts}
        found: dict[str, tuple[str, float | None]] = {}
        items = list(keys)
        with self._lock:
            conn = self._connect()
            for start in range(0, len(items), _CHUNK):
                chunk = items[start:start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    f"SELECT key, translation, score FROM translations WHERE key IN ({marks})", chunk)
                for key, translation, score in rows:
                    found[keys[bytes(key)]] = (translation, score)
        return found

    def put_many(self, identity: str, source_lang: str, target_lang: str,
                 items: Iterable[tuple[str, str, float | None]]) -> None:
        """Store ``(source text, translation, score)`` triples."""
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows = [(cache_key(identity, source_lang, target_lang, text), identity, source_lang, target_lang,
                 text, translation, score, now) for text, translation, score in items]
        if not rows:
            return
        with self._lock:
            conn = self._connect()
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.executemany("INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def __len__(self) -> int:
        with self._lock:
            return self._connect().execute("SELECT count(*) FROM translations").fetchone()[0]

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
