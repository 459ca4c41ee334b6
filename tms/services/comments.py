"""Comments on segments (or on a whole article-language), kept in the project database."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from tms.errors import InputError, NotFound, PermissionDenied
from tms.languages import get_language
from tms.services.inputs import check_text
from tms.services.notifications import announce_mentions, mentioned
from tms.services.review import get_segment
from tms.services.users import Account, AccountRole, require
from tms.storage.database import Comment, as_utc, get_database, given
from tms.storage.layout import Project

MAX_COMMENT_CHARS = 5_000


@dataclass
class CommentView:
    """One comment as pages and the API show it."""

    id: int
    article_id: str
    lang: str
    key: str
    author: str
    text: str
    created: datetime

    def to_json(self) -> dict:
        """The JSON object of the API."""
        return {"id": self.id, "article": self.article_id, "language": self.lang, "key": self.key,
                "author": self.author, "text": self.text, "created": self.created.isoformat()}


def _view(comment: Comment) -> CommentView:
    return CommentView(comment.id, comment.article_id, comment.lang, comment.key, comment.author, comment.text,
                       as_utc(comment.created))


def add_comment(project: Project, account: Account, article_id: str, lang: str, key: str, text: str) -> CommentView:
    """Comment on segment ``key`` (or on the whole catalog with an empty key); anyone who may edit ``lang``."""
    require(account, "edit", lang)
    project.require_article(article_id)
    get_language(lang)
    if not isinstance(text, str) or not text.strip():
        raise InputError("a comment needs some text")
    check_text(text, "the comment")
    check_text(key or "", "the segment key", multiline=False)
    if len(text) > MAX_COMMENT_CHARS:
        raise InputError(f"comment of {len(text):,} characters is over the limit of {MAX_COMMENT_CHARS:,}")
    with get_database(project).session() as session:
        comment = Comment(article_id=article_id, lang=lang, key=key or "", author=account.name, text=text.strip())
        session.add(comment)
        session.flush()
        view = _view(comment)
    if mentioned(view.text):
        announce_mentions(project, account.name, article_id, lang, view.text, number=_number(project, view))
    return view


def _number(project: Project, comment: CommentView) -> int | None:
    """The place in the editor of the segment ``comment`` is on; None for a comment on the whole catalog or
    on a segment the catalog no longer has."""
    if not comment.key:
        return None
    try:
        return get_segment(project, comment.article_id, comment.lang, comment.key).number
    except NotFound:
        return None


def list_comments(project: Project, article_id: str, lang: str, key: str | None = None) -> list[CommentView]:
    """Comments of one catalog (or one segment of it), oldest first."""
    query = select(Comment).filter_by(article_id=article_id, lang=lang, **given(key=key))
    with get_database(project).session() as session:
        return [_view(c) for c in session.scalars(query.order_by(Comment.created, Comment.id))]


def delete_comment(project: Project, account: Account, comment_id: int) -> None:
    """Delete a comment: its author may, and so may an admin."""
    with get_database(project).session() as session:
        comment = session.get(Comment, int(comment_id))
        if comment is None:
            raise NotFound(f"no comment #{comment_id}")
        require(account, "edit", comment.lang)
        if comment.author != account.name and account.role is not AccountRole.ADMIN:
            raise PermissionDenied(f"only {comment.author} or an admin may delete comment #{comment_id}")
        session.delete(comment)
