"""Writing small catalogs straight through tms.storage, for memory tests that need no import."""
from __future__ import annotations

from tms.model import Approval, Catalog, SegmentState, Unit
from tms.storage.layout import Project
from tms.storage.pofile import save_catalog

#: Three short news sentences, for tests that need a small article.
SENTENCES = ["Seoul hosts the summit.", "Ministers met on 27 March.", "The talks went well."]


def unit(source: str, target: str = "", state: SegmentState = SegmentState.UNTRANSLATED, **extra) -> Unit:
    """A unit; approved units get an approval so that the state survives writing."""
    if state is SegmentState.APPROVED:
        extra.setdefault("approval", Approval("alice", "2026-01-01T00:00:00Z"))
    return Unit(source=source, target=target, state=state, **extra)


def write_catalog(project: Project, article_id: str, lang: str, units: list[Unit], source_lang: str = "en"):
    """Write ``locales/<lang>/LC_MESSAGES/<id>.po`` and return its path."""
    catalog = Catalog(article_id, lang, source_lang, units,
                      {"Language": lang, "X-Source-Language": source_lang, "X-TMS-Article": article_id,
                       "Content-Type": "text/plain; charset=UTF-8"})
    path = project.po_path(article_id, lang)
    save_catalog(path, catalog)
    return path


def write_article(project: Project, article_id: str, sources: list[str], langs=("ko", "ja"),
                  done: dict | None = None, source_lang: str = "en") -> None:
    """A template and one catalog per language; ``done[lang][source] = (target, state)`` pre-fills entries."""
    template = Catalog(article_id, None, source_lang, [Unit(source=s) for s in sources],
                       {"X-Source-Language": source_lang, "X-TMS-Article": article_id,
                        "Content-Type": "text/plain; charset=UTF-8"})
    save_catalog(project.pot_path(article_id), template)
    for lang in langs:
        filled = (done or {}).get(lang, {})
        units = [unit(s, *filled[s]) if s in filled else unit(s) for s in sources]
        write_catalog(project, article_id, lang, units, source_lang)
