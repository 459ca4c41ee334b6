"""Deciding on suggestions: a reviewer accepts one (it becomes the approved translation) or rejects it with
a reason. The suggestions themselves are kept by ``tms.services.proposals``."""
from __future__ import annotations

from tms.errors import Conflict, InputError, NotFound
from tms.model import SegmentState, Unit
from tms.services.proposals import (ACCEPTED, OPEN, REJECTED, ProposalView, announce_decision, close_proposal,
                                    get_proposal)
from tms.services.review import SaveResult, Withdrawal, edit_segment, get_segment, set_state
from tms.services.users import Account, require
from tms.storage.layout import Project

MAX_REASON_CHARS = 2_000


def _open(project: Project, proposal_id: int, article_id: str, lang: str, key: str) -> ProposalView:
    proposal = get_proposal(project, proposal_id, article_id, lang, key)
    if proposal.status != OPEN:
        raise Conflict(f"suggestion #{proposal_id} was {proposal.status} by {proposal.decided_by} already")
    return proposal


def accept_proposal(project: Project, account: Account, article_id: str, lang: str, key: str, proposal_id: int,
                    *, withdrawal: Withdrawal | None = None) -> SaveResult:
    """Make suggestion ``proposal_id`` the segment's translation, approved by ``account`` (reviewers); its
    author is told."""
    require(account, "approve", lang)
    proposal = _open(project, proposal_id, article_id, lang, key)

    def apply(unit: Unit) -> None:
        unit.target = proposal.target
        set_state(unit, SegmentState.APPROVED, account)

    result = edit_segment(project, account, article_id, lang, key, None, "accept", apply, withdrawal=withdrawal,
                          note=f"suggestion #{proposal.id} by {proposal.author}")
    result.proposal = close_proposal(project, proposal.id, ACCEPTED, account.name)
    announce_decision(project, result.proposal, result.segment.number)
    return result


def reject_proposal(project: Project, account: Account, article_id: str, lang: str, key: str, proposal_id: int,
                    reason: str) -> ProposalView:
    """Turn suggestion ``proposal_id`` down, saying why (reviewers); its author is told."""
    require(account, "approve", lang)
    if not isinstance(reason, str) or not reason.strip():
        raise InputError("rejecting a suggestion needs a reason, for its author to learn from")
    if len(reason) > MAX_REASON_CHARS:
        raise InputError(f"the reason is over the limit of {MAX_REASON_CHARS:,} characters")
    proposal = _open(project, proposal_id, article_id, lang, key)
    rejected = close_proposal(project, proposal.id, REJECTED, account.name, reason.strip())
    announce_decision(project, rejected, _number(project, article_id, lang, key))
    return rejected


def _number(project: Project, article_id: str, lang: str, key: str) -> int | None:
    """The segment's place in the editor; None once an update of the article has removed it."""
    try:
        return get_segment(project, article_id, lang, key).number
    except NotFound:
        return None
