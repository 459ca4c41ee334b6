"""Status reports from the statistics: coverage, per-catalog entries, summaries, the JSON document, CSV rows.

One implementation behind ``tms status --format json|csv``, ``GET /api/status`` and the dashboard's
totals. The fields are documented in docs/status.md.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone

from tms.languages import CODES
from tms.model import CatalogStats, PublicationStatus, SegmentState, StateCounts
from tms.storage.poparser import collector_paused

#: The version of the ``tms status --format json`` document (see docs/status.md).
REPORT_VERSION = 1
_STATES = tuple(SegmentState)

_SLUGS = tuple(state.slug for state in _STATES)
_TRANSLATED_AT = (_STATES.index(SegmentState.TRANSLATED), _STATES.index(SegmentState.APPROVED))
_APPROVED_AT = _STATES.index(SegmentState.APPROVED)
_ZERO = StateCounts()


_VALUES = {status: status.value for status in PublicationStatus}


def _counts(item: CatalogStats) -> tuple[int, ...]:
    """Segments in each state, then words in each state, in ``_STATES`` order."""
    get = item.by_state.get
    u, m, n, t, a = get(_STATES[0], _ZERO), get(_STATES[1], _ZERO), get(_STATES[2], _ZERO), \
        get(_STATES[3], _ZERO), get(_STATES[4], _ZERO)
    return (u.segments, m.segments, n.segments, t.segments, a.segments, u.words, m.words, n.words, t.words, a.words)


def translated_coverage(stats: Iterable[CatalogStats]) -> float:
    """Translated and approved segments over all segments of these catalogs, in percent (100 when empty)."""
    return _coverage([_counts(item) for item in stats])


def _coverage(counts: Sequence[tuple[int, ...]]) -> float:
    total = sum(sum(c[:len(_STATES)]) for c in counts)
    translated = sum(c[i] for c in counts for i in _TRANSLATED_AT)
    return 100.0 * translated / total if total else 100.0


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 2) if whole else 100.0


def _figures(counts: Sequence[int], machine_words: int, unmodified_words: float) -> dict:
    size = len(_STATES)
    segments = dict(zip(_SLUGS, counts[:size]))
    words = dict(zip(_SLUGS, counts[size:]))
    segments["total"] = total_segments = sum(counts[:size])
    words["total"] = total_words = sum(counts[size:])
    return {
        "segments": segments,
        "words": words,
        "translated_percent": _percent(sum(counts[i] for i in _TRANSLATED_AT), total_segments),
        "approved_percent": _percent(counts[_APPROVED_AT], total_segments),
        "translated_words_percent": _percent(sum(counts[size + i] for i in _TRANSLATED_AT), total_words),
        "approved_words_percent": _percent(counts[size + _APPROVED_AT], total_words),
        "machine_output_words": machine_words,
        "unmodified_machine_percent": round(100.0 * unmodified_words / machine_words, 2) if machine_words else 0.0,
    }


def catalog_entry(stats: CatalogStats, counts: tuple[int, ...] | None = None) -> dict:
    """One catalog in the status report (fields in docs/status.md)."""
    entry = {
        "article": stats.article_id,
        "language": stats.language,
        "source_language": stats.source_language,
        "publication": _VALUES[stats.publication],
        "publication_label": stats.publication.label,
    }
    entry.update(_figures(counts or _counts(stats), stats.machine_words,
                          stats.machine_words * stats.unmodified_machine_share))
    entry["modified"] = (datetime.fromtimestamp(stats.mtime, timezone.utc).isoformat(timespec="seconds")
                         if stats.mtime else None)
    return entry


def summarize(stats: Iterable[CatalogStats]) -> dict:
    """Totals over several catalogs: summed counts, percentages of the sums, catalogs per publication status."""
    items = list(stats)
    return _summary(items, [_counts(item) for item in items])


def _summary(items: Sequence[CatalogStats], counts: Sequence[tuple[int, ...]]) -> dict:
    sums = [sum(column) for column in zip(*counts)] if counts else [0] * (2 * len(_STATES))
    publication = {status.value: 0 for status in PublicationStatus}
    machine_words = 0
    unmodified = 0.0
    for item in items:
        publication[_VALUES[item.publication]] += 1
        machine_words += item.machine_words
        unmodified += item.machine_words * item.unmodified_machine_share
    return {"catalogs": len(items), **publication, **_figures(sums, machine_words, unmodified)}


def status_report(stats: Sequence[CatalogStats], errors: dict[tuple[str, str], str] | None = None) -> dict:
    """The JSON document of ``tms status --format json`` and ``GET /api/status`` (see docs/status.md);
    ``errors`` are the catalogs that could not be read, by (article id, language)."""
    with collector_paused():
        report = _status_report(stats)
    report["errors"] = [{"article": article_id, "language": lang, "error": message}
                        for (article_id, lang), message in sorted((errors or {}).items())]
    return report


def _status_report(stats: Sequence[CatalogStats]) -> dict:
    counts = [_counts(item) for item in stats]
    by_article: dict[str, list[int]] = {}
    by_language: dict[str, list[int]] = {}
    for index, item in enumerate(stats):
        by_article.setdefault(item.article_id, []).append(index)
        by_language.setdefault(item.language, []).append(index)

    def summary_of(indexes: list[int]) -> dict:
        return _summary([stats[i] for i in indexes], [counts[i] for i in indexes])

    articles = {}
    for article_id, indexes in by_article.items():
        source = next((stats[i].source_language for i in indexes if stats[i].source_language), "")
        articles[article_id] = {"source_language": source, **summary_of(indexes)}
    total = _summary(stats, counts)
    return {
        "format": "tms-status",
        "version": REPORT_VERSION,
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "coverage": round(_coverage(counts), 2),
        "total": total,
        "languages": {code: summary_of(by_language[code]) for code in CODES if code in by_language},
        "articles": articles,
        "catalogs": [catalog_entry(item, count) for item, count in zip(stats, counts)],
    }


#: Columns of ``tms status --format csv``, one row per catalog.
CSV_FIELDS = (
    ["article", "language", "source_language", "publication"]
    + [f"{state.slug.replace('-', '_')}_segments" for state in _STATES] + ["total_segments"]
    + [f"{state.slug.replace('-', '_')}_words" for state in _STATES] + ["total_words"]
    + ["translated_percent", "approved_percent", "translated_words_percent", "approved_words_percent",
       "machine_output_words", "unmodified_machine_percent", "modified"]
)


def csv_rows(stats: Iterable[CatalogStats]) -> Iterator[dict]:
    """The rows of ``tms status --format csv``: one flat dict per catalog, keys ``CSV_FIELDS``."""
    for item in stats:
        entry = catalog_entry(item)
        row = {key: entry[key] for key in ("article", "language", "source_language", "publication")}
        for kind in ("segments", "words"):
            for state, value in entry[kind].items():
                row[f"{state.replace('-', '_')}_{kind}"] = value
        for key in CSV_FIELDS:
            row.setdefault(key, entry.get(key))
        yield row
