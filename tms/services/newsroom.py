"""The news desk's side of tms: articles in from the browser or a publishing system, with a deadline, a
priority and an assignee per language; the events the desk's tools hear about. What each person has due
is ``tms.services.work``.

An article sent here goes through the same reading (``tms.services.sources``) and writing
(``tms.services.importing``) as ``tms import``, so it gets the same segments, the same catalogs and the
same messages for bad input; nothing is written until the whole source has been read and the request
checked.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tms.errors import InputError, NotFound
from tms.languages import get_language, targets_for
from tms.model import Segment
from tms.segmentation.segments import segment_blocks
from tms.services import schedules
from tms.services.importing import check_size, import_source, write_article
from tms.services.merging import MergeReport
from tms.services.sources import Source, prepare_source
from tms.services.users import Account, require
from tms.storage.files import locked
from tms.storage.layout import Project, check_id
from tms.storage.originals import load_article
from tms.storage.catalogs import read as load_catalog

#: What ``format`` may say for text sent as ``content``, and the file name it is read as.
CONTENT_FORMATS = {"text": "article.txt", "html": "article.html", "markdown": "article.md"}


@dataclass
class Submission:
    """An article as sent: its bytes and file name, and what the sender asked for."""

    data: bytes
    name: str
    lang: str | None = None
    article_id: str | None = None
    deadline: datetime | None = None
    priority: int | None = None


def submission(project: Project, *, data: bytes | None = None, name: str = "", content=None, fmt=None,
               lang=None, article_id=None, deadline=None, priority=None) -> Submission:
    """Check what a request sends (a file's ``data``, or ``content`` text with its ``fmt``) before anything
    is read; ``InputError`` says what is wrong."""
    if data is None:
        if content is None:
            raise InputError("send the article as a file ('file', multipart) or as text ('content' and 'format')")
        if not isinstance(content, str) or not content.strip():
            raise InputError("'content' must be the article's text, not empty")
        if fmt not in CONTENT_FORMATS:
            raise InputError(f"'format' must be one of: {', '.join(CONTENT_FORMATS)} (got {fmt!r})")
        data, name = content.encode("utf-8"), CONTENT_FORMATS[fmt]
    elif not data:
        raise InputError(f"{name or 'file'}: the file is empty")
    check_size(project, len(data), name or "file")
    if lang:
        lang = get_language(lang).code
    if article_id:
        article_id = check_id(article_id)
    return Submission(data, name or "article", lang or None, article_id or None,
                      schedules.parse_deadline(deadline), schedules.parse_priority(priority))


@dataclass
class Preview:
    """What an import would make of a source, shown before it is confirmed; nothing is written."""

    source: Source
    segments: list[Segment]

    def to_json(self) -> dict:
        """The detected language, id, title, metadata and segments."""
        article = self.source.article
        meta = article.meta
        return {"id": article.id, "language": article.language, "language_name": get_language(article.language).name,
                "title": meta.title, "date": meta.date, "category": meta.category, "byline": meta.byline,
                "format": meta.source_format, "is_unofficial_translation": meta.is_unofficial_translation,
                "segments": [{"text": s.text, "role": s.location.role.value, "block": s.location.block}
                             for s in self.segments]}


def preview(item: Submission) -> Preview:
    """Read a submission into its article and segments, writing nothing."""
    source = prepare_source(item.data, item.name, lang=item.lang, article_id=item.article_id)
    return Preview(source, segment_blocks(source.article.blocks, source.article.language))


@dataclass
class Added:
    """An article brought in: its id, language, catalogs and plan."""

    article_id: str
    language: str
    segments: int
    catalogs: list[str]
    plan: schedules.Plan

    def to_json(self) -> dict:
        """The answer of ``POST /api/articles``."""
        return {"id": self.article_id, "language": self.language, "segments": self.segments,
                "catalogs": self.catalogs, **self.plan.to_json()}


def add_article(project: Project, account: Account | None, item: Submission) -> Added:
    """Import a new article (editors and admins), set its deadline and priority, and tell the webhooks."""
    require(account, "publish")
    source = prepare_source(item.data, item.name, lang=item.lang, article_id=item.article_id)
    result = import_source(project, source, keep_id=bool(item.article_id))
    plan = schedules.Plan(result.article_id, "")
    if item.deadline is not None or item.priority is not None:
        plan = schedules.set_schedule(project, account, result.article_id, None,
                                      **({"deadline": item.deadline} if item.deadline is not None else {}),
                                      **({"priority": item.priority} if item.priority is not None else {}))
    announce(project, "article.imported", result.article_id)
    return Added(result.article_id, result.language, result.segments,
                 sorted(targets_for(result.language)), plan)


@dataclass
class Updated:
    """What a new version of an article changed: per segment key, and the merge's counts."""

    article_id: str
    is_changed: bool
    segments: int
    changed: list[str] = field(default_factory=list)     # edited where translated: kept, needs editing, "#|" shown
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    merges: dict[str, MergeReport] = field(default_factory=dict)     # by language

    def to_json(self) -> dict:
        """The answer of ``PUT /api/articles/ID/source``."""
        return {"id": self.article_id, "is_changed": self.is_changed, "segments": self.segments,
                "changed": self.changed, "added": self.added, "removed": self.removed,
                "languages": {lang: {"kept": m.kept, "needs_editing": m.fuzzy, "new": m.new, "obsoleted": m.obsoleted}
                              for lang, m in sorted(self.merges.items())}}


def update_source(project: Project, account: Account | None, article_id: str, item: Submission) -> Updated:
    """Merge a new version of an article's source into every catalog as ``tms update`` does: nothing is
    lost, edited segments keep their translation, need editing and show their previous source. The same
    version twice changes nothing."""
    require(account, "publish")
    path = project.original_path(check_id(article_id))
    if not path.exists():
        raise NotFound(f"no article {article_id!r}; send a new one with POST /api/articles")
    old, _ = load_article(path)
    if item.lang and item.lang != old.language:
        raise InputError(f"{article_id} is written in {old.language}; a new version must be too (got {item.lang})")
    source = prepare_source(item.data, item.name, lang=old.language, article_id=article_id)
    with locked(path):      # two new versions at once: one merges after the other, never interleaved
        before = _keys(project, article_id)
        result = write_article(project, source.article, assets=source.assets)
        after = _keys(project, article_id)
    update = Updated(article_id, result.is_changed, result.segments)
    if result.is_changed:
        update.merges = result.merges
        edited = _edited_keys(project, article_id, old.language)
        update.changed = [k for k in after if k not in before and k in edited]
        update.added = [k for k in after if k not in before and k not in edited]
        update.removed = [k for k in before if k not in after]
        announce(project, "article.updated", article_id)
    return update


def _keys(project: Project, article_id: str) -> list[str]:
    path = project.pot_path(article_id)
    return [u.key for u in load_catalog(path).active_units()] if path.exists() else []


def _edited_keys(project: Project, article_id: str, source_language: str) -> set[str]:
    """Segments some catalog shows as edited (an old translation kept beside the previous source)."""
    found: set[str] = set()
    for lang in targets_for(source_language):
        path = project.po_path(article_id, lang)
        if path.exists():
            found |= {u.key for u in load_catalog(path).active_units() if u.previous_source is not None}
    return found


# -- events ---------------------------------------------------------------------------------------
def announce(project: Project, event: str, article_id: str, lang: str = "") -> None:
    """Tell the webhooks about an event; a failure to queue is logged by the webhook service, never
    raised into the save that caused it."""
    from tms.services.webhooks import emit

    emit(project, event, article_id, lang)


def assigned(project: Project, article_id: str, lang: str, assignee: str, by: str) -> None:
    """A person was given one language of an article to translate: they are notified (event ``assigned``),
    on their page or by mail, as they chose."""
    from tms.services.notifications import notify

    notify(project, "assigned", [assignee], f"{by or 'The desk'} assigned you {article_id} ({lang})",
           link=f"/articles/{article_id}/{lang}", article_id=article_id, lang=lang, actor=by)
