"""The memory index: every translated and approved entry of every catalog, cached in ``.tms/memory.sqlite3``.

The catalogs stay the source of truth. The index remembers, per PO file, the size and modification time
it was read at; a refresh re-reads only the files that changed, were added or were removed since, so the
memory stays current however the catalogs were edited (tms, Poedit, msgmerge, git).
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tms.errors import CatalogError, TmsError
from tms.languages import CODES
from tms.model import Catalog
from tms.storage.files import locked
from tms.storage.layout import Project
from tms.storage.catalogs import load as load_catalog

INDEX_FILE = "memory.sqlite3"
INDEX_VERSION = 1
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS catalogs (path TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER, "
    "problem TEXT)",
    "CREATE TABLE IF NOT EXISTS entries (path TEXT NOT NULL, article_id TEXT NOT NULL, "
    "source_lang TEXT NOT NULL, target_lang TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, "
    "context TEXT, key TEXT NOT NULL, state INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS entries_pair ON entries (source_lang, target_lang)",
    "CREATE INDEX IF NOT EXISTS entries_path ON entries (path)",
)


@dataclass(frozen=True)
class MemoryEntry:
    """One translated or approved catalog entry, as the memory offers it."""

    source: str
    target: str
    article_id: str
    key: str
    state: int
    context: str | None = None
    origin: str = ""            # where it comes from, as people read it (the article, or the archive file)
    kind: str = "catalog"       # catalog, imported, aligned

    @property
    def is_archived(self) -> bool:
        """True for a unit of the archive memory rather than of a catalog."""
        return self.kind != "catalog"


def like_pattern(text: str) -> str:
    """A SQL ``LIKE`` pattern (escape character ``\\``) for "contains ``text``"."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass
class RefreshReport:
    """What a refresh of the index did."""

    read: int = 0
    removed: int = 0
    catalogs: int = 0
    problems: list[str] = field(default_factory=list)   # catalogs that could not be read, with why


def catalog_entries(catalog: Catalog) -> Iterator[tuple]:
    """The memory rows of a catalog: its active, singular, translated or approved units."""
    for unit in catalog.units:
        if unit.is_obsolete or unit.source_plural is not None or not unit.state.is_translated:
            continue
        if unit.source.strip() and unit.target.strip():
            yield unit.source, unit.target, unit.context, unit.key, int(unit.state)


class MemoryIndex:
    """The cached index of a project's translation memory."""

    def __init__(self, project: Project):
        self.project = project
        self.path = project.state_dir / INDEX_FILE

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")     # a cache: losing the last commit costs a re-read
            for statement in _SCHEMA:
                conn.execute(statement)
            row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is None or row[0] != str(INDEX_VERSION):
                conn.execute("DELETE FROM catalogs")
                conn.execute("DELETE FROM entries")
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (str(INDEX_VERSION),))
        except sqlite3.Error as exc:
            raise TmsError(f"{self.path}: cannot open the memory index ({exc}); delete the file, "
                           "it is rebuilt from the catalogs") from exc
        return conn

    def _catalog_files(self) -> dict[str, os.stat_result]:
        found: dict[str, os.stat_result] = {}
        root = self.project.locales_dir
        for lang in CODES:
            folder = root / lang / "LC_MESSAGES"
            if not folder.is_dir():
                continue
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".po") and entry.is_file():
                        found[f"{lang}/LC_MESSAGES/{entry.name}"] = entry.stat()
        return found

    def refresh(self, preloaded: Mapping[Path, tuple[int, int, Catalog]] | None = None) -> RefreshReport:
        """Re-read the catalogs that changed since the last refresh.

        ``preloaded`` maps catalog paths to ``(mtime_ns, size, catalog)`` a caller has just read; such a
        catalog is used instead of reading the file again, if the file still has that time and size.
        """
        report = RefreshReport()
        given = {self._key(path): value for path, value in (preloaded or {}).items()}
        with locked(self.path):
            conn = self._connect()
            try:
                known = {path: (mtime, size, problem) for path, mtime, size, problem
                         in conn.execute("SELECT path, mtime_ns, size, problem FROM catalogs")}
                current = self._catalog_files()
                report.catalogs = len(current)
                stale = [p for p, st in current.items() if known.get(p, (None, None, None))[:2]
                         != (st.st_mtime_ns, st.st_size)]
                gone = [p for p in known if p not in current]
                conn.execute("BEGIN IMMEDIATE")
                for path in gone:
                    self._forget(conn, path)
                for path in stale:
                    self._read(conn, path, current[path], report, given.get(path))
                conn.execute("COMMIT")
                report.read, report.removed = len(stale), len(gone)
                report.problems += [f"{self.project.relative(self.project.locales_dir / p)}: {problem}"
                                    for p, (_, _, problem) in known.items()
                                    if problem and p in current and p not in stale]
            finally:
                conn.close()
        return report

    @staticmethod
    def _forget(conn: sqlite3.Connection, path: str) -> None:
        conn.execute("DELETE FROM entries WHERE path = ?", (path,))
        conn.execute("DELETE FROM catalogs WHERE path = ?", (path,))

    def _read(self, conn: sqlite3.Connection, path: str, stat: os.stat_result, report: RefreshReport,
              given: tuple[int, int, Catalog] | None) -> None:
        self._forget(conn, path)
        problem = None
        try:
            if given is not None and given[:2] == (stat.st_mtime_ns, stat.st_size):
                catalog = given[2]
            else:
                catalog = load_catalog(self.project.locales_dir / path)
        except CatalogError as exc:
            problem = exc.why if exc.line is None else f"line {exc.line}: {exc.why}"
            report.problems.append(f"{self.project.relative(self.project.locales_dir / path)}: {problem}")
        else:
            self._insert(conn, path, catalog)
        conn.execute("INSERT INTO catalogs VALUES (?, ?, ?, ?)", (path, stat.st_mtime_ns, stat.st_size, problem))

    def _insert(self, conn: sqlite3.Connection, path: str, catalog: Catalog) -> None:
        lang, name = path.split("/")[0], path.split("/")[-1]
        article_id = name[: -len(".po")]
        source_lang = catalog.source_language
        if not source_lang:
            return
        conn.executemany(
            "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(path, article_id, source_lang, catalog.language or lang, source, target, context, key, state)
             for source, target, context, key, state in catalog_entries(catalog)])

    @staticmethod
    def _key(po_path: Path) -> str:
        path = Path(po_path)
        return f"{path.parent.parent.name}/LC_MESSAGES/{path.name}"

    def note_saved(self, saved: Iterable[tuple[Path, int, int, Catalog]]) -> None:
        """Record catalogs tms has just written, as ``(path, mtime_ns, size, catalog)``, sparing re-reads.

        The time and size must be taken while the catalog's lock was still held after writing it.
        """
        saved = list(saved)
        if not saved or not self.path.exists():
            return
        with locked(self.path):
            conn = self._connect()
            try:
                conn.execute("BEGIN IMMEDIATE")
                for po_path, mtime_ns, size, catalog in saved:
                    key = self._key(po_path)
                    self._forget(conn, key)
                    self._insert(conn, key, catalog)
                    conn.execute("INSERT INTO catalogs VALUES (?, ?, ?, NULL)", (key, mtime_ns, size))
                conn.execute("COMMIT")
            finally:
                conn.close()

    def entries(self, source_lang: str, target_lang: str) -> list[MemoryEntry]:
        """Every entry of the index for one language pair (refresh first)."""
        conn = self._connect()
        try:
            rows = conn.execute(
                "SELECT source, target, article_id, key, state, context FROM entries "
                "WHERE source_lang = ? AND target_lang = ?", (source_lang, target_lang)).fetchall()
        finally:
            conn.close()
        return [MemoryEntry(*row, origin=row[2]) for row in rows]

    def counts(self) -> dict[tuple[str, str], int]:
        """Entries by language pair (refresh first)."""
        conn = self._connect()
        try:
            rows = conn.execute("SELECT source_lang, target_lang, count(*) FROM entries "
                                "GROUP BY source_lang, target_lang").fetchall()
        finally:
            conn.close()
        return {(s, t): n for s, t, n in rows}

    def search(self, text: str, *, source_lang: str | None = None, target_lang: str | None = None,
               limit: int = 50) -> list:
        """Entries whose source or translation contains ``text`` (case-insensitive), as archive units."""
        from tms.memory.archive import ArchiveUnit      # the archive builds on this module

        pattern = like_pattern(text)
        query = ("SELECT source_lang, target_lang, source, target, article_id FROM entries "
                 "WHERE (source LIKE ? ESCAPE '\\' OR target LIKE ? ESCAPE '\\')")
        args: list = [pattern, pattern]
        for column, value in (("source_lang", source_lang), ("target_lang", target_lang)):
            if value:
                query += f" AND {column} = ?"
                args.append(value)
        conn = self._connect()
        try:
            rows = conn.execute(query + " ORDER BY article_id LIMIT ?", [*args, limit]).fetchall()
        finally:
            conn.close()
        return [ArchiveUnit(s, t, src, tgt, "catalog", article) for s, t, src, tgt, article in rows]

