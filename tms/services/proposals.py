"""Suggested translations waiting for review, as Weblate and Pontoon keep them.

A translator's change to an approved segment, and any change by someone who may read a language but not
edit it, does not touch the catalog: it is kept here, in the database, with its author, until a reviewer
accepts it (it becomes the translation) or rejects it with a reason. The pages and the API call them
"suggestions"; the code calls them proposals, apart from the memory and machine suggestions of
``tms.services.suggestions``. Deciding on them is ``tms.services.proposal_decisions``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, insert, select, update

from tms.errors import NotFound
from tms.languages import get_language
from tms.services.notifications import excerpt, notify, people_in, segment_link
from tms.services.users import AccountRole
from tms.storage.database import Proposal, as_utc, get_database, given, utcnow
from tms.storage.layout import Project

OPEN, ACCEPTED, REJECTED = "open", "accepted", "rejected"


@dataclass
class ProposalView:
    """One suggestion as the pages and the API show it."""

    id: int
    article_id: str
    lang: str
    key: str
    author: str
    target: str
    base_target: str            # the translation it would replace, as it was when it was made
    status: str
    created: datetime
    decided_by: str = ""
    decided: datetime | None = None
    reason: str = ""

    def to_json(self) -> dict:
        """The JSON object of the API."""
        return {"id": self.id, "author": self.author, "target": self.target, "created": self.created.isoformat(),
                "status": self.status, "base_target": self.base_target, "article": self.article_id,
                "language": self.lang, "key": self.key, "decided_by": self.decided_by or None,
                "decided": self.decided.isoformat() if self.decided else None, "reason": self.reason or None}


def _view(row: Proposal) -> ProposalView:
    return ProposalView(row.id, row.article_id, row.lang, row.key, row.author, row.target, row.base_target,
                        row.status, as_utc(row.created), row.decided_by, as_utc(row.decided), row.reason)


def create_proposal(project: Project, author: str, article_id: str, lang: str, key: str, target: str,
                    base_target: str) -> ProposalView:
    """Keep a suggestion; a second one by the same author on the same segment replaces their first."""
    now = utcnow()
    where = dict(article_id=article_id, lang=lang, key=key, author=author, status=OPEN)
    with get_database(project).transaction() as connection:
        renewed = connection.execute(_RENEW, dict({f"mine_{k}": v for k, v in where.items()}, new_target=target,
                                                  new_base_target=base_target, new_created=now)).all()
        if renewed:
            proposal_id = renewed[0].id
        else:
            proposal_id = connection.execute(insert(Proposal.__table__), dict(
                where, target=target, base_target=base_target, created=now, decided_by="", reason="")
            ).inserted_primary_key[0]
    return ProposalView(proposal_id, article_id, lang, key, author, target, base_target, OPEN, as_utc(now))


# Built once: a suggestion is kept on every save a translator makes to an approved segment. The author's
# open suggestion on the segment, if there is one, takes the new text (one statement, its id returned).
_PROPOSALS = Proposal.__table__.c
_RENEW = (update(Proposal.__table__)
          .where(*(_PROPOSALS[name] == bindparam(f"mine_{name}")
                   for name in ("article_id", "lang", "key", "author", "status")))
          .values(target=bindparam("new_target"), base_target=bindparam("new_base_target"),
                  created=bindparam("new_created"))
          .returning(_PROPOSALS.id))


def list_proposals(project: Project, article_id: str, lang: str, key: str | None = None, *,
                   status: str | None = OPEN) -> list[ProposalView]:
    """Suggestions of one catalog (or segment), oldest first; open ones unless ``status`` says otherwise."""
    query = (select(Proposal).filter_by(article_id=article_id, lang=lang, **given(key=key, status=status))
             .order_by(Proposal.created, Proposal.id))
    with get_database(project).session() as session:
        return [_view(p) for p in session.scalars(query)]


def open_counts(project: Project, article_id: str, lang: str) -> dict[str, int]:
    """How many open suggestions each segment of a catalog has, by key."""
    query = (select(Proposal.key, func.count()).filter_by(article_id=article_id, lang=lang, status=OPEN)
             .group_by(Proposal.key))
    with get_database(project).reading() as connection:
        return dict(connection.execute(query).all())


def get_proposal(project: Project, proposal_id: int, article_id: str, lang: str, key: str) -> ProposalView:
    """Suggestion ``proposal_id`` of the segment; ``NotFound`` for another segment's or an unknown id."""
    with get_database(project).session() as session:
        row = session.get(Proposal, int(proposal_id))
        if row is None or (row.article_id, row.lang, row.key) != (article_id, lang, key):
            raise NotFound(f"segment {key} of {article_id} ({lang}) has no suggestion #{proposal_id}")
        return _view(row)


def close_proposal(project: Project, proposal_id: int, status: str, by: str, reason: str = "") -> ProposalView:
    """Record the decision on a suggestion: accepted or rejected, by whom, why."""
    with get_database(project).session() as session:
        row = session.get(Proposal, int(proposal_id))
        row.status, row.decided_by, row.decided, row.reason = status, by, utcnow(), reason
        session.flush()
        return _view(row)


# -- telling people -------------------------------------------------------------------------------
def announce_proposal(project: Project, proposal: ProposalView, number: int) -> int:
    """Tell the reviewers of the suggestion's language that it waits for them, linking to segment ``number``."""
    return notify(project, "suggestion-made", people_in(project, proposal.lang, AccountRole.REVIEWER),
                  f"{proposal.author} suggests a translation of segment {number} of {proposal.article_id} "
                  f"({get_language(proposal.lang).name}): {excerpt(proposal.target)}",
                  link=segment_link(proposal.article_id, proposal.lang, number), article_id=proposal.article_id,
                  lang=proposal.lang, actor=proposal.author)


def announce_decision(project: Project, proposal: ProposalView, number: int | None) -> int:
    """Tell the suggestion's author that it was accepted, or rejected and why."""
    what = (f"{proposal.decided_by} {proposal.status} your suggestion for segment {number} of "
            f"{proposal.article_id} ({get_language(proposal.lang).name})" if number else
            f"{proposal.decided_by} {proposal.status} your suggestion for {proposal.article_id} "
            f"({get_language(proposal.lang).name})")
    if proposal.status == REJECTED:
        what += f": {excerpt(proposal.reason)}"
    return notify(project, "suggestion-decided", [proposal.author], what,
                  link=segment_link(proposal.article_id, proposal.lang, number), article_id=proposal.article_id,
                  lang=proposal.lang, actor=proposal.decided_by)
