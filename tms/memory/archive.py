"""The archive memory: translations from outside the catalogs, kept in the project database.

Units come from TMX or tab-separated files (kind ``imported``) or from aligning a past article with its
translation (kind ``aligned``, with the aligner's confidence). Each remembers its origin: the file and the
date of the translation. The database rather than a file under the project, because a unique key on the
pair of languages and texts lets concurrent importers (two admins uploading, a CLI run beside the web
server) add units without losing or doubling any, on SQLite as on PostgreSQL, and the memory is read by
language pair through an index instead of parsing a file on every lookup.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from tms.memory.index import MemoryEntry, like_pattern
from tms.model import SegmentState
from tms.storage.database import Database, MemoryUnit, as_utc, database_url, get_database, utcnow
from tms.storage.layout import Project

IMPORTED = "imported"
ALIGNED = "aligned"
KINDS = (IMPORTED, ALIGNED)
#: Units per INSERT: far below SQLite's limit of bound variables, large enough to be quick.
BATCH = 400


@dataclass(frozen=True)
class ArchiveUnit:
    """One translation of the archive: two texts, their languages, and where the pair came from."""

    source_lang: str
    target_lang: str
    source: str
    target: str
    kind: str = IMPORTED
    origin: str = ""                    # the file's name
    date: datetime | None = None        # when the translation was made, where the file says
    confidence: float | None = None     # aligned units: how sure the aligner is (0-1)
    line: int = 0                       # where in the file (for messages), not stored

    @property
    def digest(self) -> str:
        """What makes two units the same: the languages and the texts, whatever their origin."""
        text = "\x1f".join((self.source_lang, self.target_lang, self.source, self.target))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def describe(self) -> str:
        """The origin as people read it: "aligned from a.html (0.93), 2024-05-02"."""
        verb = "aligned from" if self.kind == ALIGNED else "imported from"
        confidence = f" ({self.confidence:.2f})" if self.confidence is not None else ""
        date = f", {self.date:%Y-%m-%d}" if self.date else ""
        return f"{verb} {self.origin or 'an unnamed file'}{confidence}{date}"


@dataclass
class ArchiveStats:
    """What the archive memory holds: units by language pair and by kind, and the files they came from."""

    total: int
    pairs: dict[tuple[str, str], int]
    kinds: dict[str, int]
    origins: list[tuple[str, int]]      # (file, units), most units first


class ArchiveStore:
    """The archive memory of one project database."""

    def __init__(self, database: Database):
        self.database = database

    @classmethod
    def for_project(cls, project: Project) -> "ArchiveStore":
        """The store of the project's database (created and upgraded on first use)."""
        return cls(get_database(project))

    def add(self, units: Iterable[ArchiveUnit], *, by: str = "") -> int:
        """Add the units not yet in the memory, all or none; returns how many were new.

        Concurrent writers are safe: the unique digest keeps a unit from being added twice, and a unit
        another writer added meanwhile is skipped rather than failing the batch.
        """
        rows: dict[str, dict] = {}
        for unit in units:
            rows.setdefault(unit.digest, _row(unit, by))
        if not rows:
            return 0
        added = 0
        with self.database.transaction() as connection:
            insert = _insert_ignoring_duplicates(connection.dialect.name)
            digests = list(rows)
            for start in range(0, len(digests), BATCH):
                batch = digests[start:start + BATCH]
                known = set(connection.scalars(select(MemoryUnit.digest).where(MemoryUnit.digest.in_(batch))))
                fresh = [rows[d] for d in batch if d not in known]
                if fresh:
                    result = connection.execute(insert, fresh)
                    added += result.rowcount if result.rowcount >= 0 else len(fresh)
        return added

    def entries(self, source_lang: str, target_lang: str) -> list[MemoryEntry]:
        """The units of one language pair, as the translation memory offers them."""
        query = select(MemoryUnit).where(MemoryUnit.source_lang == source_lang,
                                         MemoryUnit.target_lang == target_lang)
        with self.database.reading() as connection:
            return [_entry(row) for row in connection.execute(query)]

    def units(self, source_lang: str | None = None, target_lang: str | None = None) -> Iterator[ArchiveUnit]:
        """Every unit, or those of the languages given, oldest first."""
        query = select(MemoryUnit).order_by(MemoryUnit.id)
        if source_lang:
            query = query.where(MemoryUnit.source_lang == source_lang)
        if target_lang:
            query = query.where(MemoryUnit.target_lang == target_lang)
        with self.database.reading() as connection:
            rows = connection.execute(query).all()
        return (_unit(row) for row in rows)

    def search(self, text: str, *, source_lang: str | None = None, target_lang: str | None = None,
               limit: int = 50) -> list[ArchiveUnit]:
        """Units whose source or translation contains ``text`` (case-insensitive), newest first: a concordance."""
        pattern = like_pattern(text)
        query = (select(MemoryUnit)
                 .where(or_(MemoryUnit.source.ilike(pattern, escape="\\"),
                            MemoryUnit.target.ilike(pattern, escape="\\")))
                 .order_by(MemoryUnit.id.desc()).limit(limit))
        if source_lang:
            query = query.where(MemoryUnit.source_lang == source_lang)
        if target_lang:
            query = query.where(MemoryUnit.target_lang == target_lang)
        with self.database.reading() as connection:
            return [_unit(row) for row in connection.execute(query)]

    def stats(self) -> ArchiveStats:
        """Counts by language pair, by kind and by file."""
        count = func.count(MemoryUnit.id)
        with self.database.reading() as connection:
            pairs = {(s, t): n for s, t, n in connection.execute(
                select(MemoryUnit.source_lang, MemoryUnit.target_lang, count)
                .group_by(MemoryUnit.source_lang, MemoryUnit.target_lang))}
            kinds = dict(connection.execute(select(MemoryUnit.kind, count).group_by(MemoryUnit.kind)).all())
            origins = [(o, n) for o, n in connection.execute(
                select(MemoryUnit.origin, count).group_by(MemoryUnit.origin).order_by(count.desc(), MemoryUnit.origin))]
        return ArchiveStats(sum(pairs.values()), pairs, kinds, origins)


def project_entries(project: Project, source_lang: str, target_lang: str) -> list[MemoryEntry]:
    """The archive units of one pair, without creating a database for a project that has none yet."""
    url = database_url(project)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        return []
    return ArchiveStore.for_project(project).entries(source_lang, target_lang)


def _row(unit: ArchiveUnit, by: str) -> dict:
    return {"digest": unit.digest, "source_lang": unit.source_lang, "target_lang": unit.target_lang,
            "source": unit.source, "target": unit.target, "kind": unit.kind, "origin": unit.origin[:255],
            "origin_date": unit.date, "confidence": unit.confidence, "added_by": by[:64],
            "added": utcnow()}


def _insert_ignoring_duplicates(dialect: str):
    table = MemoryUnit.__table__
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=["digest"])
    if dialect == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing(index_elements=["digest"])
    return table.insert()       # other servers: the lookup above, under the transaction, has to do


def _unit(row) -> ArchiveUnit:
    return ArchiveUnit(row.source_lang, row.target_lang, row.source, row.target, row.kind, row.origin,
                       as_utc(row.origin_date), row.confidence)


def _entry(row) -> MemoryEntry:
    unit = _unit(row)
    # Imported translations rank as translated work; aligned ones below it, since the aligner may be wrong.
    state = SegmentState.TRANSLATED if unit.kind == IMPORTED else SegmentState.NEEDS_EDITING
    return MemoryEntry(unit.source, unit.target, "", f"archive:{row.id}", int(state), None,
                       origin=unit.describe(), kind=unit.kind)
