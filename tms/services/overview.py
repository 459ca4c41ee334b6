"""The project overview behind the dashboard: the statistics of every catalog, kept current cheaply.

Asking the statistics service for 100,000 catalogs on every page view means 100,000 ``stat`` calls and
cache rows, seconds at 10,000 articles. Every catalog tms (and Poedit, and an atomic ``tms update``)
writes is replaced by a rename, which changes its folder's modification time; so the overview keeps the
statistics in memory and, on each view, looks at the twelve folders (``templates`` and one per language).
Only a folder that changed is listed again, and only the catalogs in it whose size, time or inode
changed are asked of the statistics service again. A file rewritten in place by an outside tool is
noticed with the next change in its folder, or with ``refresh(full=True)``.

Each catalog's count of error-level check findings is kept beside its figures (``error_counts``). The
checks cost milliseconds a catalog, so a page counts only the catalogs it shows that have no count yet,
and a server counts the others in the background after its warm-up. A count holds for one version of the
PO file and one ``checking.checks_stamp`` of its language (the checks, their settings, the glossary) and
is kept in the statistics cache too, so another process or a restart finds it there.

Each process keeps its own overview; all figures still come from ``tms.services.stats``.
"""
from __future__ import annotations

import gc
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from tms.errors import CatalogError, TmsError
from tms.languages import CODES
from tms.model import CatalogStats, PublicationStatus, SegmentState
from tms.services.checking import checks_stamp, error_counts
from tms.services.reports import summarize
from tms.services.stats import stats_for
from tms.storage.files import file_stamp, locked
from tms.storage.layout import ID_PATTERN, Project

#: A folder time this close to now may still change within the same clock tick: list it again next time.
SETTLE_SECONDS = 2.0
#: Articles whose catalogs' errors are counted at a time in the background, and the pause after each.
COUNT_CHUNK = 10
COUNT_PAUSE = 0.01


def stage(stats: CatalogStats) -> str:
    """Where a catalog stands: draft, machine, review ("in review"), unofficial or official.

    Official and unofficial are the publication status. Short of that, a catalog whose only
    translations are machine output is "machine", one a person has started to translate or approve
    is "review", and one with nothing in it yet is a "draft".
    """
    if stats.publication is not PublicationStatus.DRAFT:
        return stats.publication.value
    count = stats.segments
    if count(SegmentState.TRANSLATED, SegmentState.APPROVED):
        return "review"
    if count(SegmentState.MACHINE, SegmentState.NEEDS_EDITING):
        return "machine"
    return "draft"


@dataclass(frozen=True)
class Entry:
    """One catalog in the overview: its statistics, stage and the day its file last changed (UTC)."""

    stats: CatalogStats
    stage: str
    day: date


@dataclass
class _Language:
    folder_time: int | None = None
    files: dict[str, tuple[int, int, int]] = field(default_factory=dict)     # id -> (mtime_ns, size, inode)
    entries: dict[str, Entry] = field(default_factory=dict)
    by_stage: dict[str, set[str]] = field(default_factory=dict)
    by_day: dict[date, set[str]] = field(default_factory=dict)
    totals: dict | None = None
    errors: dict[str, tuple[tuple, str, int]] = field(default_factory=dict)  # id -> (file, checks stamp, count)

    def put(self, article_id: str, entry: Entry) -> None:
        self.drop(article_id)
        self.entries[article_id] = entry
        self.by_stage.setdefault(entry.stage, set()).add(article_id)
        self.by_day.setdefault(entry.day, set()).add(article_id)
        self.totals = None

    def drop(self, article_id: str) -> None:
        old = self.entries.pop(article_id, None)
        if old is not None:
            self.by_stage[old.stage].discard(article_id)
            self.by_day[old.day].discard(article_id)
            self.totals = None
        self.errors.pop(article_id, None)

    def matching(self, wanted: str | None, first: date | None, last: date | None) -> set[str]:
        found = set(self.by_stage.get(wanted, ())) if wanted else set(self.entries)
        if first or last:
            days = [d for d in self.by_day if (not first or d >= first) and (not last or d <= last)]
            in_range: set[str] = set().union(*(self.by_day[d] for d in days)) if days else set()
            found &= in_range
        return found


class Overview:
    """The statistics of every catalog of one project, refreshed folder by folder."""

    def __init__(self, project: Project):
        self.project = project
        self._lock = threading.Lock()
        self._templates_time: int | None = None
        self._articles: list[str] = []
        self._languages = {code: _Language() for code in CODES}
        self._errors: dict[tuple[str, str], str] = {}

    def refresh(self, *, full: bool = False) -> None:
        """Bring the overview up to date with the files (every folder when ``full``)."""
        with self._lock:
            if full:
                self._templates_time = None
                for language in self._languages.values():
                    language.folder_time, language.files = None, {}
            articles_changed = self._refresh_articles()
            listings: dict[str, tuple[int, dict]] = {}
            pairs: list[tuple[str, str]] = []
            known = set(self._articles)
            for code, language in self._languages.items():
                folder = self.project.locales_dir / code / "LC_MESSAGES"
                stamp = _folder_time(folder)
                if stamp == language.folder_time and not articles_changed:
                    continue
                files = {a: sig for a, sig in _listing(folder, ".po").items() if a in known}
                listings[code] = (stamp, files)
                for article_id in [a for a in language.entries if a not in files]:
                    language.drop(article_id)
                    self._errors.pop((code, article_id), None)
                pairs += [(a, code) for a, sig in files.items() if language.files.get(a) != sig]
            for stats in _stats(self.project, pairs, self._errors):
                day = datetime.fromtimestamp(stats.mtime, timezone.utc).date()
                self._languages[stats.language].put(stats.article_id, Entry(stats, stage(stats), day))
            for code, (stamp, files) in listings.items():
                language = self._languages[code]
                language.files = {a: sig for a, sig in files.items() if a in language.entries}
                language.folder_time = _settled(stamp)

    def articles(self) -> list[str]:
        """Every article id, sorted."""
        with self._lock:
            return list(self._articles)

    def errors(self) -> list[str]:
        """Why some catalogs are missing from the overview (files that cannot be read)."""
        with self._lock:
            return [self._errors[key] for key in sorted(self._errors)]

    def entries(self, lang: str) -> dict[str, Entry]:
        """The catalogs of one language, by article id."""
        with self._lock:
            return dict(self._languages[lang].entries)

    def entry(self, article_id: str, lang: str) -> Entry | None:
        """One catalog, or None where the article has no catalog in ``lang``."""
        with self._lock:
            return self._languages[lang].entries.get(article_id)

    def matching(self, langs, wanted: str | None = None, first: date | None = None,
                 last: date | None = None) -> list[str]:
        """The sorted ids of the articles with a catalog in one of ``langs`` at this stage and changed
        between these days (UTC, inclusive)."""
        with self._lock:
            found: set[str] = set()
            for lang in langs:
                found |= self._languages[lang].matching(wanted, first, last)
            return [a for a in self._articles if a in found]

    def totals(self, lang: str) -> dict:
        """``reports.summarize`` of every catalog in ``lang``, kept until the language changes."""
        with self._lock:
            language = self._languages[lang]
            if language.totals is None:
                language.totals = summarize(e.stats for e in language.entries.values())
            return language.totals

    def error_counts(self, pairs) -> dict[tuple[str, str], int]:
        """The error-level findings of these (article id, language) catalogs, counted where no count is kept
        for the catalog's file and its language's checks. Catalogs without a count (none in the overview,
        or they cannot be checked: their editor page says why) are left out."""
        pairs = list(pairs)
        try:
            stamps = {lang: checks_stamp(self.project, lang) for lang in {lang for _, lang in pairs}}
        except (TmsError, OSError):
            return {}           # the settings cannot be read: every page that needs them says so
        found: dict[tuple[str, str], int] = {}
        missing: dict[tuple[str, str], tuple] = {}
        with self._lock:
            for article_id, lang in pairs:
                language = self._languages[lang]
                signature = language.files.get(article_id)
                kept = language.errors.get(article_id)
                if signature is None:
                    continue
                if kept is not None and kept[:2] == (signature, stamps[lang]):
                    found[(article_id, lang)] = kept[2]
                else:
                    missing[(article_id, lang)] = signature
        if missing:
            counted = error_counts(self.project, [(a, lang, sig) for (a, lang), sig in missing.items()], stamps)
            with self._lock:
                for (article_id, lang), count in counted.items():
                    self._languages[lang].errors[article_id] = (missing[(article_id, lang)], stamps[lang], count)
            found.update(counted)
        return found

    def count_every_error(self, chunk: int = COUNT_CHUNK) -> None:
        """Count the error-level findings of every catalog that has no count kept, a few articles at a time
        in the dashboard's order, pausing between them so that page views go first."""
        articles = self.articles()
        for start in range(0, len(articles), chunk):
            self.error_counts((a, lang) for a in articles[start:start + chunk] for lang in CODES)
            time.sleep(COUNT_PAUSE)

    # -- refreshing -------------------------------------------------------------------------------
    def _refresh_articles(self) -> bool:
        folder = self.project.templates_dir
        stamp = _folder_time(folder)
        if stamp == self._templates_time:
            return False
        self._articles = sorted(_listing(folder, ".pot"))
        self._templates_time = _settled(stamp)
        return True


#: Held by the server process counting every catalog's errors in the background.
ERROR_COUNTS_LOCK = "error-counts"

MISSING = -1     # the folder time of a folder that does not exist (yet)


def _folder_time(folder) -> int:
    try:
        return os.stat(folder).st_mtime_ns
    except FileNotFoundError:
        return MISSING


def _settled(stamp: int) -> int | None:
    # A change in the same clock tick as this listing would leave the folder's time as it is: only a
    # time safely in the past is trusted to mean "nothing changed since".
    if stamp == MISSING:
        return MISSING
    if time.time_ns() - stamp < SETTLE_SECONDS * 1e9:
        return None
    return stamp


def _listing(folder, suffix: str) -> dict[str, tuple[int, int, int]]:
    found: dict[str, tuple[int, int, int]] = {}
    try:
        entries = os.scandir(folder)
    except FileNotFoundError:
        return found
    with entries:
        for entry in entries:
            name = entry.name
            if not name.endswith(suffix) or name.startswith("."):
                continue
            article_id = name[: -len(suffix)]
            if not ID_PATTERN.fullmatch(article_id):
                continue
            try:
                stat = entry.stat()
            except FileNotFoundError:
                continue
            found[article_id] = file_stamp(stat)
    return found


def _stats(project: Project, pairs: list[tuple[str, str]], errors: dict[tuple[str, str], str]) -> list[CatalogStats]:
    if not pairs:
        return []
    try:
        found = stats_for(project, pairs)
    except CatalogError:
        # One catalog cannot be read: ask one at a time, so that it does not hide every other catalog.
        found = []
        for pair in pairs:
            try:
                found += stats_for(project, [pair])
            except CatalogError as exc:
                errors[(pair[1], pair[0])] = project.without_root(str(exc))
    for stats in found:
        errors.pop((stats.language, stats.article_id), None)
    return found


_OVERVIEWS: dict[str, Overview] = {}
_OVERVIEWS_LOCK = threading.Lock()


def _forget_after_fork() -> None:
    # A server that forks its workers after building the app (gunicorn --preload) may fork while a
    # warm-up thread holds a lock; the child starts afresh rather than wait on it forever.
    global _OVERVIEWS_LOCK
    _OVERVIEWS.clear()
    _OVERVIEWS_LOCK = threading.Lock()


os.register_at_fork(after_in_child=_forget_after_fork)


def warm_up(project: Project) -> threading.Thread:
    """Gather the overview and its totals in a background thread (a server does it at start), then count
    the check errors of the catalogs that have no count kept in another ("tms-error-counts")."""
    thread = threading.Thread(target=_warm_up, args=(project,), name="tms-overview-warm-up", daemon=True)
    thread.start()
    return thread


def _warm_up(project: Project) -> None:
    overview = get_overview(project)
    for code in CODES:
        overview.totals(code)
    # Hundreds of thousands of long-lived objects would otherwise be walked by every full run of the
    # cycle collector, a pause of half a second in the middle of some request; they live as long as
    # the process, so they are moved out of its way.
    gc.freeze()
    threading.Thread(target=_count_errors, args=(overview,), name="tms-error-counts", daemon=True).start()


def _count_errors(overview: Overview) -> None:
    # Once per install (and after a glossary or settings change) the checks run over every catalog, a few
    # milliseconds each: in the background, so that a page rarely has to. Server processes take turns, and
    # each after the first finds the counts kept.
    try:
        with locked(overview.project.state_dir / ERROR_COUNTS_LOCK):
            overview.count_every_error()
    except TmsError:
        pass                    # a project whose state folder cannot be written: pages count what they show


def get_overview(project: Project) -> Overview:
    """The overview of ``project`` in this process, refreshed."""
    with _OVERVIEWS_LOCK:
        overview = _OVERVIEWS.get(str(project.root))
        if overview is None:
            overview = _OVERVIEWS[str(project.root)] = Overview(project)
    overview.refresh()
    return overview
