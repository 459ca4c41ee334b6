"""Context for a translator: the same segment in the article's other languages, approved translations first,
as Pontoon shows them beside the editor; and a search of the translation memory (concordance), as in
OmegaT and Weblate."""
from __future__ import annotations

from dataclasses import dataclass

from tms.errors import InputError, NotFound, TmsError
from tms.languages import CODES, get_language
from tms.memory.index import MemoryIndex
from tms.model import SegmentState
from tms.storage import catalogs
from tms.storage.layout import Project


@dataclass(frozen=True)
class OtherLanguage:
    """The segment's translation in another language."""

    lang: str
    target: str
    state: SegmentState

    def to_json(self) -> dict:
        """The JSON object of the pages' scripts and the API."""
        return {"language": self.lang, "target": self.target, "state": self.state.slug}


def other_languages(project: Project, article_id: str, lang: str, key: str) -> list[OtherLanguage]:
    """The segment ``key`` in every other language it is translated in: approved first, then by state, then
    in the project's order of languages. Machine output nobody reviewed is left out."""
    project.require_catalog(article_id, lang)
    if catalogs.read(project.po_path(article_id, lang)).find(key) is None:
        raise NotFound(f"article {article_id!r} ({lang}) has no segment {key!r}")
    found = []
    for code in project.catalog_languages(article_id):
        if code == lang:
            continue
        try:
            unit = catalogs.read(project.po_path(article_id, code)).find(key)
        except TmsError:
            continue        # a catalog that cannot be read gives no context; its own page says why
        if unit is not None and unit.target and unit.state in (SegmentState.TRANSLATED, SegmentState.APPROVED):
            found.append(OtherLanguage(code, unit.target, unit.state))
    order = {code: i for i, code in enumerate(CODES)}
    return sorted(found, key=lambda o: (o.state is not SegmentState.APPROVED, order.get(o.lang, 99)))


MAX_QUERY_CHARS = 200


@dataclass(frozen=True)
class ConcordanceHit:
    """A memory entry whose source or translation contains the searched text."""

    source: str
    target: str
    article_id: str
    is_approved: bool

    def to_json(self) -> dict:
        """The JSON object of the pages' scripts and the API."""
        return {"source": self.source, "target": self.target, "article": self.article_id,
                "approved": self.is_approved}


def concordance(project: Project, source_lang: str, lang: str, query: str, *, limit: int = 20) -> list[ConcordanceHit]:
    """The translated and approved segments of the project (from ``source_lang`` into ``lang``) whose source or
    translation contains ``query``, whatever the case; approved ones first."""
    get_language(lang)
    query = (query or "").strip()
    if len(query) < 2:
        raise InputError("search the memory for at least two characters")
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"a memory search is limited to {MAX_QUERY_CHARS} characters")
    index = MemoryIndex(project)
    index.refresh()
    needle = query.casefold()
    hits, seen = [], set()
    for entry in index.entries(source_lang, lang):
        if needle in entry.source.casefold() or needle in entry.target.casefold():
            if (entry.source, entry.target) in seen:
                continue
            seen.add((entry.source, entry.target))
            hits.append(ConcordanceHit(entry.source, entry.target, entry.article_id,
                                       entry.state == SegmentState.APPROVED.value))
    hits.sort(key=lambda h: (not h.is_approved, len(h.source)))
    return hits[:limit]
