"""Context for a translator: the same segment in the article's other languages, approved translations first,
as Pontoon shows them beside the editor."""
from __future__ import annotations

from dataclasses import dataclass

from tms.errors import NotFound, TmsError
from tms.languages import CODES
from tms.model import SegmentState
from tms.storage.catalogcache import read_shared
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
    if read_shared(project.po_path(article_id, lang)).find(key) is None:
        raise NotFound(f"article {article_id!r} ({lang}) has no segment {key!r}")
    found = []
    for code in project.catalog_languages(article_id):
        if code == lang:
            continue
        try:
            unit = read_shared(project.po_path(article_id, code)).find(key)
        except TmsError:
            continue        # a catalog that cannot be read gives no context; its own page says why
        if unit is not None and unit.target and unit.state in (SegmentState.TRANSLATED, SegmentState.APPROVED):
            found.append(OtherLanguage(code, unit.target, unit.state))
    order = {code: i for i, code in enumerate(CODES)}
    return sorted(found, key=lambda o: (o.state is not SegmentState.APPROVED, order.get(o.lang, 99)))
