"""Translation statistics: the one implementation behind ``tms status``, the web dashboard and ``GET /api/status``.

For every catalog: segments and source words in each state, the publication status, and how much of
the machine output no person has changed. Figures are cached per PO file in ``.tms/stats.sqlite3``
and computed again only when the file's modification time, size or inode change, so a repeated status
over a large project reads one small database and stats the files.

Words are counted in the source text, by script: each Han ideograph and each kana counts as one word
(Chinese and Japanese are written without spaces, and CAT tools count them per character); every other
run of letters or digits between spaces is one word, which is right for the Latin, Cyrillic, Arabic,
Vietnamese and Hangul scripts (Korean puts spaces between its words). Punctuation alone is no word.
"""
from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from rapidfuzz.distance import Indel

from tms.errors import CatalogError, NotFound
from tms.languages import CODES, get_language
from tms.model import Catalog, CatalogStats, PublicationStatus, SegmentState, StateCounts, Unit
from tms.storage.files import file_stamp
from tms.storage.layout import Project
from tms.storage.catalogs import load as load_catalog
from tms.storage.poparser import collector_paused
from tms.storage.snapshot import read_snapshot, write_snapshot

#: Bump when the way figures are computed changes: every cached figure is then computed again.
STATS_VERSION = 1
CACHE_NAME = "stats.sqlite3"
#: The cached rows in one file (``tms.storage.snapshot``), read instead of SQLite for many catalogs.
SNAPSHOT_NAME = "stats.snapshot"
SNAPSHOT_FROM = 1000
#: Error-level check findings per catalog, beside its figures: (catalog, file stamp, checks stamp, count).
COUNTS_TABLE = "error_counts"
_COUNTS_SCHEMA = (f"CREATE TABLE IF NOT EXISTS {COUNTS_TABLE} (catalog TEXT PRIMARY KEY, mtime_ns INTEGER, "
                  "size INTEGER, inode INTEGER, checks TEXT, errors INTEGER)")

Progress = Callable[[int, int], None]

_IDEOGRAPHIC = (
    "\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9d\U00020000-\U0003134f"
)
_CHARACTER_WORD = re.compile(f"[{_IDEOGRAPHIC}]")
_SPACED_WORD = re.compile(r"\S*[^\W_]\S*")
_STATES = tuple(SegmentState)
_COLUMNS = [f"{state.name.lower()}_{kind}" for state in _STATES for kind in ("segments", "words")]


# -- computing ------------------------------------------------------------------------------------
def count_words(text: str) -> int:
    """Words in ``text``: one per ideograph or kana, one per space-separated run with a letter or digit."""
    ideographs = len(_CHARACTER_WORD.findall(text))
    if ideographs:
        text = _CHARACTER_WORD.sub(" ", text)
    return ideographs + len(_SPACED_WORD.findall(text))


def unmodified_share(unit: Unit) -> float:
    """How much of the unit's machine translation no person changed: 1.0 untouched, 0.0 none left or no MT.

    The similarity is rapidfuzz's normalised Indel similarity between the machine's text and the target
    (one minus insertions and deletions over both lengths), so an edited comma keeps most of the share.
    """
    machine = unit.machine.text if unit.machine else ""
    if not machine:
        return 0.0
    target = unit.target if unit.source_plural is None else unit.plural_targets.get(0, "")
    if target == machine:
        return 1.0
    return float(Indel.normalized_similarity(machine, target))


def compute_stats(catalog: Catalog, language: str | None = None) -> CatalogStats:
    """The statistics of a catalog in memory (not cached); obsolete units are left out."""
    by_state = {state: StateCounts() for state in _STATES}
    machine_words = 0
    unmodified_words = 0.0
    for unit in catalog.active_units():
        words = count_words(unit.source)
        counts = by_state[unit.state]
        counts.segments += 1
        counts.words += words
        if unit.machine and unit.machine.text:
            machine_words += words
            unmodified_words += words * unmodified_share(unit)
    return CatalogStats(
        article_id=catalog.article_id,
        language=language or catalog.language or "",
        by_state=by_state,
        publication=catalog.publication,
        unmodified_machine_share=unmodified_words / machine_words if machine_words else 0.0,
        source_language=catalog.source_language,
        machine_words=machine_words,
    )


# -- the cache ------------------------------------------------------------------------------------
class _Cache:
    """Cached figures keyed by ``<lang>/<article id>``, checked against the PO file's mtime, size and inode.

    SQLite keeps concurrent ``tms`` processes and web workers safe; a cache that cannot be opened or
    written (a read-only project, a damaged file) is recreated or bypassed, never an error.
    """

    def __init__(self, project: Project):
        self.path = project.state_dir / CACHE_NAME
        self.connection: sqlite3.Connection | None = None
        try:
            self.connection = self._open()
        except sqlite3.OperationalError:
            self.connection = None          # locked too long, read-only, unopenable: answer without it
        except sqlite3.DatabaseError:
            with contextlib.suppress(OSError):
                self.path.unlink()          # not a database any more: start a new one
            with contextlib.suppress(sqlite3.Error, OSError):
                self.connection = self._open()
        except OSError:
            self.connection = None

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            if self._version(connection) != str(STATS_VERSION):
                self._prepare(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    @staticmethod
    def _version(connection: sqlite3.Connection) -> str | None:
        try:
            row = connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return None
            raise
        return row[0] if row else None

    @staticmethod
    def _prepare(connection: sqlite3.Connection) -> None:
        with contextlib.suppress(sqlite3.OperationalError):
            connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            columns = ", ".join(f"{name} INTEGER" for name in _COLUMNS)
            connection.execute(
                "CREATE TABLE IF NOT EXISTS stats (catalog TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER, "
                "inode INTEGER, article TEXT, language TEXT, source_language TEXT, publication TEXT, "
                f"share REAL, machine_output_words INTEGER, {columns})"
            )
            row = connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is None or row[0] != str(STATS_VERSION):     # another process may have done it meanwhile
                connection.execute("DELETE FROM stats")
                connection.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (str(STATS_VERSION),))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()

    def lookup(self, paths: Sequence[str], table: str = "stats") -> dict[str, tuple]:
        """The cached rows of ``paths`` in ``table``: the whole table when most of it is wanted, else by key."""
        if self.connection is None or not paths:
            return {}
        query = f"SELECT * FROM {table}"
        try:
            if len(paths) > 500:
                return {row[0]: row for row in self.connection.execute(query)}
            rows: dict[str, tuple] = {}
            for start in range(0, len(paths), 250):
                chunk = paths[start:start + 250]
                marks = ",".join("?" * len(chunk))
                rows.update((row[0], row) for row in self.connection.execute(f"{query} WHERE catalog IN ({marks})", chunk))
            return rows
        except sqlite3.Error:
            return {}           # also a cache from before the table existed: it is made on the first store

    def store(self, rows: list[tuple], table: str = "stats") -> None:
        """Remember freshly computed rows; a cache that cannot be written is simply not updated."""
        if self.connection is None or not rows:
            return
        marks = ",".join("?" * len(rows[0]))
        try:
            with self.connection:
                self.connection.execute("BEGIN IMMEDIATE")
                if table == COUNTS_TABLE:
                    self.connection.execute(_COUNTS_SCHEMA)
                self.connection.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", rows)
        except sqlite3.Error:
            pass


def _row(path: str, stat: os.stat_result, stats: CatalogStats) -> tuple:
    counts = [getattr(stats.by_state[state], kind) for state in _STATES for kind in ("segments", "words")]
    return (path, *file_stamp(stat), stats.article_id, stats.language,
            stats.source_language, stats.publication.value, stats.unmodified_machine_share,
            stats.machine_words, *counts)


_PUBLICATIONS = {status.value: status for status in PublicationStatus}


def _from_row(row: tuple) -> CatalogStats:
    # positional and unrolled: a warm status over 100,000 catalogs builds this many objects
    untranslated, machine, needs_editing, translated, approved = _STATES
    by_state = {
        untranslated: StateCounts(row[10], row[11]), machine: StateCounts(row[12], row[13]),
        needs_editing: StateCounts(row[14], row[15]), translated: StateCounts(row[16], row[17]),
        approved: StateCounts(row[18], row[19]),
    }
    return CatalogStats(row[4], row[5], by_state, _PUBLICATIONS[row[7]], row[8], row[1] / 1e9, row[6], row[9])


def _is_current(row: tuple | None, stat: os.stat_result) -> bool:
    return row is not None and row[1:4] == file_stamp(stat)


# -- the service ----------------------------------------------------------------------------------
def catalog_stats(project: Project, article_id: str, lang: str) -> CatalogStats:
    """The statistics of one catalog, from the cache while its PO file is unchanged."""
    found = stats_for(project, [(article_id, lang)])
    if not found:
        path = project.po_path(article_id, lang)
        raise NotFound(f"article {article_id!r} has no {lang} catalog ({project.relative(path)})")
    return found[0]


def select_catalogs(project: Project, ids: Iterable[str] | None = None,
                    langs: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """The (article id, language) pairs a command works on: given articles (default all) × languages.

    Unknown articles raise ``NotFound`` and unknown languages ``InputError``; pairs without a catalog
    (an article's source language) are still listed, and left out where the files are read.
    """
    chosen_ids = project.article_ids() if ids is None else [project.require_article(i) for i in ids]
    wanted = set(CODES) if langs is None else {get_language(code).code for code in langs}
    order = [code for code in CODES if code in wanted]
    return [(article_id, code) for article_id in chosen_ids for code in order]


def collect_stats(project: Project, ids: Iterable[str] | None = None, langs: Iterable[str] | None = None,
                  progress: Progress | None = None, errors: CatalogErrors | None = None) -> list[CatalogStats]:
    """The statistics of every catalog of the given articles (default all) in the given languages (default all).

    Articles come in the order given (sorted by default), languages in site order; languages an article
    has no catalog in (its source language) are left out. ``progress(done, total)`` is called as
    catalogs that are not cached are read. With ``errors``, a catalog that cannot be read is left out and
    its error recorded there, so that one broken file does not hide every other catalog.
    """
    # Hundreds of thousands of small objects (pairs, file stats, rows, figures) that form no cycles:
    # without the pause the collector would walk the growing heap again and again.
    with collector_paused():
        return stats_for(project, select_catalogs(project, ids, langs), progress, errors)


#: Catalogs that could not be read: (article id, language) -> the error, with the path relative to the project.
CatalogErrors = dict[tuple[str, str], str]


def stats_for(project: Project, pairs: Sequence[tuple[str, str]], progress: Progress | None = None,
              errors: CatalogErrors | None = None) -> list[CatalogStats]:
    """The statistics of these (article id, language) catalogs, in order; pairs without a PO file are left out.

    A catalog that cannot be read raises its ``CatalogError``, or, with ``errors``, is left out and recorded there.
    """
    found = stat_catalogs(project, pairs)
    keys = [f"{lang}/{article_id}" for article_id, lang, _ in found]
    cache = _Cache(project)
    try:
        results: list[CatalogStats | None] = []
        missing: list[int] = []
        with collector_paused():
            cached, snapshot = _cached_rows(project, cache, keys, found)
            for index, (key, (_, _, stat)) in enumerate(zip(keys, found)):
                row = cached.get(key)
                if _is_current(row, stat):
                    results.append(_from_row(row))
                else:
                    results.append(None)
                    missing.append(index)
        done = 0
        for batch in _batches(missing, 200):
            rows = []
            for index in batch:
                article_id, lang, stat = found[index]
                path = project.po_path(article_id, lang)
                try:
                    stats = compute_stats(load_catalog(path), lang)
                except (CatalogError, OSError) as exc:
                    if errors is None:
                        raise
                    message = str(exc).replace(str(path), project.relative(path))
                    errors[(article_id, lang)] = message if project.relative(path) in message else \
                        f"{project.relative(path)}: {message}"
                    done += 1
                    continue
                stats.article_id = article_id
                stats.mtime = stat.st_mtime_ns / 1e9
                results[index] = stats
                rows.append(_row(keys[index], stat, stats))
                done += 1
                if progress:
                    progress(done, len(missing))
            cache.store(rows)
            if snapshot is not None:
                snapshot.update((row[0], row) for row in rows)
        if snapshot is not None:
            write_snapshot(project.state_dir / SNAPSHOT_NAME, STATS_VERSION, snapshot)
    finally:
        cache.close()
    return [stats for stats in results if stats is not None]


def kept_counts(project: Project, catalogs: Sequence[tuple[str, str, tuple[int, int, int]]],
                stamps: dict[str, str], count: Callable[[str, str], int | None]) -> dict[tuple[str, str], int]:
    """A per-catalog figure that is slower to find than the statistics (the error-level check findings),
    kept beside them while the PO file and ``stamps[lang]`` (what else the figure depends on) are unchanged.

    ``catalogs``: (article id, language, ``file_stamp`` of its PO file as the caller saw it).
    ``count(article_id, lang)`` finds the figure of a catalog that has none kept (None: it cannot, and
    nothing is kept); what is found is kept 200 catalogs at a time, so long work keeps what it has done.
    """
    keys = [f"{lang}/{article_id}" for article_id, lang, _ in catalogs]
    cache = _Cache(project)
    try:
        kept = cache.lookup(keys, COUNTS_TABLE)
        counts: dict[tuple[str, str], int] = {}
        rows: list[tuple] = []
        for key, (article_id, lang, signature) in zip(keys, catalogs):
            row, stamp = kept.get(key), (*signature, stamps[lang])
            if row is not None and tuple(row[1:5]) == stamp:
                counts[(article_id, lang)] = row[5]
                continue
            value = count(article_id, lang)
            if value is not None:
                counts[(article_id, lang)] = value
                rows.append((key, *stamp, value))
            if len(rows) >= 200:
                cache.store(rows, COUNTS_TABLE)
                rows = []
        cache.store(rows, COUNTS_TABLE)
    finally:
        cache.close()
    return counts


def _cached_rows(project: Project, cache: _Cache, keys: list[str],
                 found: list[tuple[str, str, os.stat_result]]) -> tuple[dict[str, tuple], dict[str, tuple] | None]:
    """The cached rows of ``keys``, and the snapshot to write back afterwards (None: leave it as it is).

    Many catalogs are read from the snapshot first, and only the rows it has no current figures for
    from SQLite; the snapshot then needs writing again. A few catalogs are looked up in SQLite by key.
    """
    if len(keys) < SNAPSHOT_FROM:
        return cache.lookup(keys), None
    snapshot = read_snapshot(project.state_dir / SNAPSHOT_NAME, STATS_VERSION) or {}
    stale = [key for key, (_, _, stat) in zip(keys, found) if not _is_current(snapshot.get(key), stat)]
    if not stale:
        return snapshot, None
    snapshot.update(cache.lookup(stale))
    return snapshot, snapshot


def stat_catalogs(project: Project, pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str, os.stat_result]]:
    """(article id, language, stat of its PO file) for the pairs whose file exists."""
    if len(pairs) < 100 or os.stat not in os.supports_dir_fd:
        found = []
        for article_id, lang in pairs:
            with contextlib.suppress(FileNotFoundError):
                found.append((article_id, lang, os.stat(project.po_path(article_id, lang))))
        return found
    # Many files: list each language folder once and stat names relative to it, which spares a path
    # lookup from the root and an exception for every article's source language.
    folders: dict[str, tuple[int, set[str]] | None] = {}
    found = []
    try:
        for article_id, lang in pairs:
            if lang not in folders:
                folders[lang] = _open_folder(project.po_path(article_id, lang).parent)
            folder = folders[lang]
            name = f"{article_id}.po"
            if folder is None or name not in folder[1]:
                continue
            try:
                found.append((article_id, lang, os.stat(name, dir_fd=folder[0])))
            except FileNotFoundError:
                continue            # removed since the folder was listed
    finally:
        for folder in folders.values():
            if folder is not None:
                os.close(folder[0])
    return found


def _open_folder(path: Path) -> tuple[int, set[str]] | None:
    try:
        names = set(os.listdir(path))
        return os.open(path, os.O_RDONLY | os.O_DIRECTORY), names
    except (FileNotFoundError, NotADirectoryError):
        return None


def _batches(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
