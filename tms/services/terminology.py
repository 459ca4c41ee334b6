"""The glossary terms in each segment's source, shown beside the segment as Pontoon and Weblate do.

A translator sees, for every term of the project glossary (``glossary/``, see ``tms.storage.glossary``)
that occurs in a segment's source, its accepted translations, or that it must stay as written. These are
the terms the glossary checks then hold the translation to.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tms.checks.terms import terms_in
from tms.errors import NotFound
from tms.services.checking import project_glossary
from tms.storage.catalogcache import read_shared
from tms.storage.glossary import Term
from tms.storage.layout import Project


@dataclass(frozen=True)
class TermView:
    """One glossary term found in a segment's source."""

    source: str
    translations: tuple[str, ...]       # empty for a do-not-translate term
    is_do_not_translate: bool
    note: str
    where: str                          # "glossary/ja.csv:4"

    @classmethod
    def of(cls, term: Term) -> "TermView":
        """The view of a glossary term."""
        return cls(term.source, term.targets, term.is_do_not_translate, term.note, term.where)

    def to_json(self) -> dict:
        """The JSON object of the API."""
        return {"source": self.source, "translations": list(self.translations),
                "do_not_translate": self.is_do_not_translate, "note": self.note, "where": self.where}


def terms_by_key(project: Project, source_language: str, lang: str,
                 segments: Iterable[tuple[str, str]]) -> dict[str, list[TermView]]:
    """For each ``(key, source)``, the glossary terms of ``lang`` its source contains (keys with none left out)."""
    glossary = project_glossary(project, lang)
    if not glossary.terms:
        return {}
    found = {}
    for key, source in segments:
        terms = terms_in(source, glossary, source_language)
        if terms:
            found[key] = [TermView.of(t) for t in terms]
    return found


def segment_terms(project: Project, article_id: str, lang: str, key: str) -> list[TermView]:
    """The glossary terms in the source of one segment; ``NotFound`` for an unknown catalog or segment."""
    catalog = read_shared(project.require_catalog(article_id, lang))
    unit = catalog.find(key)
    if unit is None:
        raise NotFound(f"article {article_id!r} ({lang}) has no segment {key!r}")
    return terms_by_key(project, catalog.source_language, lang, [(key, unit.source)]).get(key, [])
