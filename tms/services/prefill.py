"""Prefilling empty catalog entries with machine translation, without touching anyone's work.

Only entries that are untranslated and not obsolete are filled; each gets the machine state and its
provenance (engine, date, score). Work goes in chunks of articles: within a chunk every distinct text is
translated once per language pair (the engine's cache keeps it for later runs), then each catalog is
re-read under its lock and saved atomically. An interrupted run keeps every catalog saved so far, and the
cache keeps every answer received, so a second run sends nothing twice and picks up the rest.
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tms.errors import InputError, UnsupportedLanguage
from tms.memory import MemoryIndex, TranslationMemory, load_memory, memory_threshold
from tms.model import Catalog, MachineInfo, SegmentState
from tms.mt.base import Engine, Outcome
from tms.mt.cache import MtCache
from tms.mt.registry import engine_settings, get_engine
from tms.storage.config import load_settings
from tms.storage.files import file_stamp, locked
from tms.storage.layout import Project
from tms.storage.pofile import gettext_date, parse_catalog, read_po_text, save_catalog

#: Pending entries per chunk: small enough to save often, large enough for full batches.
CHUNK_SEGMENTS = 2000
#: Statuses of an outcome that fill an entry.
FILLING = ("memory", "cached", "translated", "copied")

Progress = Callable[[int, int, str], None]


@dataclass
class Rejection:
    """An entry left untranslated because the machine's answer was refused or never came."""

    where: str          # the catalog, and the line of the original
    source: str
    reason: str


@dataclass
class LanguageReport:
    """Entries of one target language, by what became (or would become) of them."""

    lang: str
    segments: int = 0       # untranslated entries chosen
    memory: int = 0         # filled from the translation memory
    cached: int = 0         # filled from the machine-translation cache
    translated: int = 0     # filled by the engine in this run
    copied: int = 0         # nothing to translate (a number, a URL): copied
    no_match: int = 0       # the memory had nothing close enough
    rejected: int = 0
    failed: int = 0
    skipped: int = 0        # beyond --limit
    texts: int = 0          # distinct texts sent (or that would be sent)
    chars: int = 0          # characters sent (or that would be sent): what a paid engine bills
    requests: int = 0       # requests a dry run expects

    @property
    def filled(self) -> int:
        """Entries filled (or that would be)."""
        return self.memory + self.cached + self.translated + self.copied


@dataclass
class PrefillReport:
    """What a prefill run did, or (``is_dry_run``) would do."""

    engine: str
    is_dry_run: bool = False
    languages: dict[str, LanguageReport] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    failures: Counter = field(default_factory=Counter)      # reason -> entries
    saved: list[str] = field(default_factory=list)
    requests: int = 0
    retries: int = 0
    memory_entries: dict[str, int] = field(default_factory=dict)   # "en→ko" -> entries in the memory
    memory_problems: list[str] = field(default_factory=list)
    changed_meanwhile: int = 0  # entries someone filled between our read and our write

    def language(self, lang: str) -> LanguageReport:
        """The report of one language, created on first use."""
        return self.languages.setdefault(lang, LanguageReport(lang))

    @property
    def filled(self) -> int:
        """Entries filled (or that would be) in every language."""
        return sum(r.filled for r in self.languages.values())

    @property
    def segments(self) -> int:
        """Untranslated entries chosen in every language."""
        return sum(r.segments for r in self.languages.values())


@dataclass
class _Work:
    """The untranslated entries of one catalog, as read before translating."""

    article_id: str
    lang: str
    source_lang: str
    path: Path
    stat: tuple
    catalog: Catalog
    sources: dict[str, str]     # unit key -> source text, for the entries to fill
    digest: bytes = b""         # of the text read, to tell under the lock whether anyone saved since


def default_engine(project: Project) -> str:
    """The engine of ``[prefill] engine`` in tms.toml (the translation memory unless set)."""
    return load_settings(project.config_path)["prefill"]["engine"]


def open_engine(project: Project, name: str | None = None, *, memory: TranslationMemory | None = None,
                environ=None, **extra) -> Engine:
    """The engine ``name`` (default ``[prefill] engine``) with the project's settings, cache and memory."""
    settings = load_settings(project.config_path)
    name = name or settings["prefill"]["engine"]
    table = settings.get("engines", {}).get(name, {})
    if not isinstance(table, dict):
        raise InputError(f"{project.config_path}: [engines.{name}] must be a table")
    config = engine_settings(name, table, os.environ if environ is None else environ, str(project.config_path))
    if name == "memory":
        config.setdefault("threshold", memory_threshold(project))
        config["memory"] = memory if memory is not None else load_memory(project)[0]
    else:
        config["cache"] = MtCache.for_project(project)
    return get_engine(name, **config, **extra)


def choose(project: Project, ids: Sequence[str], langs: Sequence[str]) -> list[tuple[str, str, Path]]:
    """The (article, language, catalog) triples a run covers; every id and language is checked."""
    chosen_ids = [project.require_article(i) for i in ids] if ids else project.article_ids()
    wanted = list(dict.fromkeys(langs))
    triples = []
    for article_id in chosen_ids:
        for lang in project.catalog_languages(article_id):
            if not wanted or lang in wanted:
                triples.append((article_id, lang, project.po_path(article_id, lang)))
    covered = {lang for _, lang, _ in triples}
    missing = [lang for lang in wanted if lang not in covered]
    if missing and chosen_ids:
        raise InputError(f"no catalog in {', '.join(missing)} for {', '.join(chosen_ids[:5])}"
                         f"{' ...' if len(chosen_ids) > 5 else ''} (an article has no catalog in its own language)")
    return triples


def _file_identity(path: Path) -> tuple:
    return file_stamp(path.stat())


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _scan(triples: Iterable[tuple[str, str, Path]]) -> list[_Work]:
    works = []
    for article_id, lang, path in triples:
        identity = _file_identity(path)
        text = read_po_text(path)
        catalog = parse_catalog(text, str(path))
        sources = {u.key: u.source for u in catalog.units if _is_open(u)}
        works.append(_Work(article_id, lang, catalog.source_language, path, identity, catalog, sources,
                           _digest(text)))
    return works


def _is_open(unit) -> bool:
    return (not unit.is_obsolete and unit.state is SegmentState.UNTRANSLATED and unit.source_plural is None
            and bool(unit.source.strip()))


def _check_pairs(engine: Engine, works: Sequence[_Work]) -> None:
    problems = []
    for pair in sorted({(w.source_lang, w.lang) for w in works if w.sources}):
        try:
            engine.check_pair(*pair)
        except UnsupportedLanguage as exc:
            problems.append(str(exc))
    if problems:
        raise UnsupportedLanguage(problems[0] if len(problems) == 1 else
                                  f"{len(problems)} language pairs are not served; first: {problems[0]}")


def _apply_limit(works: Sequence[_Work], limit: int | None, report: PrefillReport) -> None:
    for work in works:
        report.language(work.lang).segments += len(work.sources)
    if limit is None:
        return
    left = max(0, limit)
    for work in works:
        if len(work.sources) > left:
            keep = dict(list(work.sources.items())[:left])
            report.language(work.lang).skipped += len(work.sources) - len(keep)
            work.sources = keep
        left -= len(work.sources)


def _chunks(works: Sequence[_Work], size: int) -> Iterable[list[_Work]]:
    chunk: list[_Work] = []
    count = 0
    for index, work in enumerate(works):
        chunk.append(work)
        count += len(work.sources)
        is_article_end = index + 1 == len(works) or works[index + 1].article_id != work.article_id
        if is_article_end and count >= size:
            yield chunk
            chunk, count = [], 0
    if chunk:
        yield chunk


def _texts_by_pair(works: Iterable[_Work]) -> dict[tuple[str, str], list[str]]:
    pairs: dict[tuple[str, str], list[str]] = {}
    for work in works:
        pairs.setdefault((work.source_lang, work.lang), []).extend(work.sources.values())
    return {pair: list(dict.fromkeys(texts)) for pair, texts in pairs.items()}


def _from_memory(memory: TranslationMemory | None, texts: list[str], pair: tuple[str, str],
                 table: dict[str, Outcome]) -> list[str]:
    """Fill ``table`` with exact memory matches; return the texts still to translate."""
    if memory is None:
        return texts
    rest = []
    for text in texts:
        match = memory.exact(text, *pair)
        if match is None:
            rest.append(text)
        else:
            table[text] = Outcome(match.target, "memory", match.score, status="memory")
    return rest


def prefill(project: Project, ids: Sequence[str] = (), langs: Sequence[str] = (), engine: str | None = None, *,
            limit: int | None = None, dry_run: bool = False, use_memory: bool = True,
            progress: Progress | None = None, now: datetime | None = None,
            chunk_segments: int = CHUNK_SEGMENTS, engine_object: Engine | None = None) -> PrefillReport:
    """Fill the untranslated entries of the chosen articles and languages (all by default).

    ``use_memory``: take exact memory matches before asking a remote engine. ``engine_object``
    replaces the named engine (tests, benchmarks). Nothing is sent for a dry run.
    """
    triples = choose(project, ids, langs)
    works = _scan(triples)
    name = engine or default_engine(project)
    own_memory, problems = None, []
    if engine_object is None and name == "memory":
        # the memory engine's index is refreshed from the catalogs just read, not by reading them again
        own_memory, refresh = load_memory(project, preloaded=_preloaded(works))
        problems = refresh.problems
    mt = engine_object or open_engine(project, name, memory=own_memory)
    _check_pairs(mt, works)
    report = PrefillReport(mt.name, is_dry_run=dry_run, memory_problems=problems)
    memory = _memory_for(project, mt, use_memory, works, report)
    _apply_limit(works, limit, report)
    works = [w for w in works if w.sources]
    if dry_run:
        _plan(mt, memory, works, report)
        return report
    if any(w.sources for w in works) and mt.is_remote:
        mt.check_ready()
    _run(project, mt, memory, works, report, progress, now, chunk_segments)
    if mt.is_remote:
        report.requests, report.retries = mt.stats.requests, mt.stats.retries
    return report


def _memory_for(project: Project, mt: Engine, use_memory: bool, works: Sequence[_Work],
                report: PrefillReport) -> TranslationMemory | None:
    memory = getattr(mt, "memory", None)
    if memory is None and use_memory and mt.is_remote and any(w.sources for w in works):
        memory, refresh = load_memory(project, preloaded=_preloaded(works))
        report.memory_problems = refresh.problems
    if memory is not None:
        for pair in sorted({(w.source_lang, w.lang) for w in works if w.sources}):
            report.memory_entries[f"{pair[0]}→{pair[1]}"] = memory.size(*pair)
    return None if mt.name == "memory" else memory


def _preloaded(works: Sequence[_Work]) -> dict:
    """The catalogs just read, as ``load_memory`` takes them."""
    return {w.path: (w.stat[0], w.stat[1], w.catalog) for w in works}


def _plan(mt: Engine, memory: TranslationMemory | None, works: Sequence[_Work], report: PrefillReport) -> None:
    for pair, texts in _texts_by_pair(works).items():
        counts = Counter(s for w in works if (w.source_lang, w.lang) == pair for s in w.sources.values())
        lang = report.language(pair[1])
        table: dict[str, Outcome] = {}
        rest = _from_memory(memory, texts, pair, table)
        lang.memory += sum(counts[t] for t in table)
        plan = mt.plan(rest, *pair)
        buckets = {"send": "translated", "cached": "cached", "copied": "copied", "memory": "memory",
                   "no-match": "no_match", "rejected": "rejected", "translated": "translated"}
        for text, status in plan.statuses.items():
            name = buckets.get(status, "rejected")
            setattr(lang, name, getattr(lang, name) + counts[text])
        if mt.is_remote:     # what a local engine (pseudo) "sends" costs nothing
            lang.texts += plan.count("send")
            lang.chars += plan.chars
            lang.requests += plan.requests


def _run(project: Project, mt: Engine, memory: TranslationMemory | None, works: list[_Work],
         report: PrefillReport, progress: Progress | None, now: datetime | None, chunk_segments: int) -> None:
    total = sum(len(w.sources) for w in works)
    done = 0
    stamp = now or datetime.now(timezone.utc)
    index = MemoryIndex(project)
    if progress:
        progress(0, total, "starting")
    for chunk in _chunks(works, chunk_segments):
        tables: dict[tuple[str, str], dict[str, Outcome]] = {}
        for pair, texts in _texts_by_pair(chunk).items():
            if progress:
                progress(done, total, f"translating {len(texts)} texts {pair[0]}→{pair[1]}")
            table: dict[str, Outcome] = {}
            rest = _from_memory(memory, texts, pair, table)
            texts_before, chars_before = mt.stats.texts_sent, mt.stats.chars_sent
            table.update(mt.translate(rest, *pair) if rest else {})
            if mt.is_remote:
                report.language(pair[1]).texts += mt.stats.texts_sent - texts_before
                report.language(pair[1]).chars += mt.stats.chars_sent - chars_before
            tables[pair] = table
        saved = []
        for work in chunk:
            written = _save(project, work, tables[(work.source_lang, work.lang)], stamp, report)
            if written:
                saved.append(written)
            done += len(work.sources)
            if progress:
                progress(done, total, f"saved {work.article_id} ({work.lang})")
        index.note_saved(saved)


def _save(project: Project, work: _Work, table: dict[str, Outcome], stamp: datetime,
          report: PrefillReport) -> tuple[Path, int, int, Catalog] | None:
    """Re-read the catalog under its lock, fill the entries still untranslated, and save it atomically.

    Returns what the memory index needs to know of the written file, or None if nothing was written.
    """
    lang = report.language(work.lang)
    date = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    with locked(work.path):
        # The text, not the file's time stamp, tells whether someone saved since the scan: on a shared
        # filesystem (NFS) another machine's save can hide behind cached attributes, never behind the
        # text an open() reads under the lock.
        text = read_po_text(work.path)
        unchanged = _digest(text) == work.digest
        catalog = work.catalog if unchanged else parse_catalog(text, str(work.path))
        filled = 0
        by_key = {u.key: u for u in catalog.units if not u.is_obsolete}
        for key, source in work.sources.items():
            unit = by_key.get(key)
            if unit is None or not _is_open(unit):
                report.changed_meanwhile += 1
                continue
            outcome = table[source]
            if outcome.status in FILLING:
                unit.target = outcome.text
                unit.state = SegmentState.MACHINE
                unit.previous_source = None     # a "#| msgid" without a translation means nothing
                unit.machine = MachineInfo(outcome.engine, outcome.text, date, outcome.score)
                filled += 1
            _count(project, work, unit, outcome, lang, report)
        if not filled:
            return None
        catalog.headers["PO-Revision-Date"] = gettext_date(stamp)
        save_catalog(work.path, catalog)
        report.saved.append(project.relative(work.path))
        mtime_ns, size, _ = _file_identity(work.path)
        return work.path, mtime_ns, size, catalog


def _count(project: Project, work: _Work, unit, outcome: Outcome, lang: LanguageReport,
           report: PrefillReport) -> None:
    bucket = {"memory": "memory", "cached": "cached", "translated": "translated", "copied": "copied",
              "no-match": "no_match", "rejected": "rejected", "failed": "failed"}[outcome.status]
    setattr(lang, bucket, getattr(lang, bucket) + 1)
    if outcome.status == "rejected":
        origin = f" ({unit.references[0]})" if unit.references else ""
        report.rejections.append(Rejection(f"{project.relative(work.path)}{origin}", unit.source, outcome.reason))
    elif outcome.status == "failed":
        report.failures[outcome.reason] += 1
