"""Suggestions kept for review: who makes them, who decides, and what each decision does to the catalog."""
from __future__ import annotations

import pytest

from tms.errors import ConfirmationRequired, Conflict, InputError, NotFound, PermissionDenied
from tms.model import PublicationStatus, SegmentState
from tms.services import certification, review
from tms.services.proposal_decisions import accept_proposal, reject_proposal
from tms.services.proposals import list_proposals, open_counts
from tms.services.users import Account, AccountRole
from tms.storage.database import close_databases
from tms.storage.pofile import load_catalog
from tests.web.factory import HUMAN_JA, build_article

TRANSLATOR = Account(1, "tina", AccountRole.TRANSLATOR, ("ja",))
REVIEWER = Account(2, "rita", AccountRole.REVIEWER, ("ja", "ar"))
APPROVER = Account(3, "alex", AccountRole.APPROVER, ("ja",))
GERMAN = Account(4, "dirk", AccountRole.TRANSLATOR, ("de",))
ARABIC_REVIEWER = Account(5, "amal", AccountRole.REVIEWER, ("ar",))


@pytest.fixture
def demo(project, monkeypatch):
    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)
    build_article(project)
    yield project
    close_databases()


def _segment(project, index=0):
    return review.get_segments(project, "demo", "ja").segments[index]


def _unit(project, index=0):
    return load_catalog(project.po_path("demo", "ja")).active_units()[index]


def _approved(project, index=0, text=None):
    segment = _segment(project, index)
    return review.save_segment(project, REVIEWER, "demo", "ja", segment.key, text or HUMAN_JA[index], "approved",
                               segment.revision).segment


def test_a_translators_change_to_an_approved_segment_is_a_suggestion(demo):
    approved = _approved(demo)
    result = review.save_segment(demo, TRANSLATOR, "demo", "ja", approved.key, "日韓が合意", None, approved.revision)
    assert result.proposal.author == "tina" and result.proposal.target == "日韓が合意"
    assert result.proposal.base_target == HUMAN_JA[0]
    assert (result.segment.state, result.segment.approved_by) == (SegmentState.APPROVED, "rita")
    unit = _unit(demo)
    assert (unit.target, unit.state, unit.approval.by) == (HUMAN_JA[0], SegmentState.APPROVED, "rita")
    assert review.history(demo, "demo", "ja", approved.key)[0].user == "rita"     # nothing recorded for tina
    assert [p.target for p in list_proposals(demo, "demo", "ja", approved.key)] == ["日韓が合意"]
    # A second suggestion by the same person replaces the first; another person's stands beside it.
    review.save_segment(demo, TRANSLATOR, "demo", "ja", approved.key, "日韓が一致", None, approved.revision)
    review.save_segment(demo, GERMAN, "demo", "ja", approved.key, "日韓合意", None, approved.revision)
    assert [(p.author, p.target) for p in list_proposals(demo, "demo", "ja", approved.key)] == [
        ("tina", "日韓が一致"), ("dirk", "日韓合意")]
    assert open_counts(demo, "demo", "ja") == {approved.key: 2}


def test_a_translator_may_not_unapprove_without_changing_the_text(demo):
    approved = _approved(demo)
    with pytest.raises(PermissionDenied, match="only a reviewer may withdraw its approval"):
        review.save_segment(demo, TRANSLATOR, "demo", "ja", approved.key, HUMAN_JA[0], "needs-editing",
                            approved.revision)
    with pytest.raises(PermissionDenied, match="only a reviewer may withdraw its approval"):
        review.save_segment(demo, TRANSLATOR, "demo", "ja", approved.key, "", None, approved.revision)
    assert _unit(demo).state is SegmentState.APPROVED


def test_a_translators_change_to_an_unapproved_segment_is_saved(demo):
    segment = _segment(demo, 1)
    result = review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, HUMAN_JA[1], None, segment.revision)
    assert result.proposal is None and _unit(demo, 1).target == HUMAN_JA[1]


def test_a_reviewer_accepts_a_suggestion_and_it_becomes_the_approved_text(demo):
    approved = _approved(demo)
    made = review.save_segment(demo, TRANSLATOR, "demo", "ja", approved.key, "日韓が合意", None,
                               approved.revision).proposal
    result = accept_proposal(demo, REVIEWER, "demo", "ja", approved.key, made.id)
    assert (result.segment.target, result.segment.state) == ("日韓が合意", SegmentState.APPROVED)
    assert result.proposal.status == "accepted" and result.proposal.decided_by == "rita"
    unit = _unit(demo)
    assert (unit.target, unit.approval.by) == ("日韓が合意", "rita")
    entry = review.history(demo, "demo", "ja", approved.key)[0]
    assert (entry.action, entry.user, entry.note) == ("accept", "rita", f"suggestion #{made.id} by tina")
    assert list_proposals(demo, "demo", "ja", approved.key) == []
    with pytest.raises(Conflict, match="accepted by rita already"):
        accept_proposal(demo, REVIEWER, "demo", "ja", approved.key, made.id)


def test_a_reviewer_rejects_a_suggestion_with_a_reason(demo):
    approved = _approved(demo)
    made = review.save_segment(demo, TRANSLATOR, "demo", "ja", approved.key, "日韓が合意", None,
                               approved.revision).proposal
    with pytest.raises(InputError, match="needs a reason"):
        reject_proposal(demo, REVIEWER, "demo", "ja", approved.key, made.id, "  ")
    rejected = reject_proposal(demo, REVIEWER, "demo", "ja", approved.key, made.id, "the headline style says 一致")
    assert (rejected.status, rejected.reason, rejected.decided_by) == ("rejected", "the headline style says 一致", "rita")
    assert _unit(demo).target == HUMAN_JA[0]
    assert [p.status for p in list_proposals(demo, "demo", "ja", approved.key, status=None)] == ["rejected"]


def test_who_may_decide_on_suggestions(demo):
    approved = _approved(demo)
    made = review.save_segment(demo, TRANSLATOR, "demo", "ja", approved.key, "日韓が合意", None,
                               approved.revision).proposal
    for account in (TRANSLATOR, GERMAN, ARABIC_REVIEWER):
        with pytest.raises(PermissionDenied):
            accept_proposal(demo, account, "demo", "ja", approved.key, made.id)
        with pytest.raises(PermissionDenied):
            reject_proposal(demo, account, "demo", "ja", approved.key, made.id, "no")
    other = _segment(demo, 1)
    with pytest.raises(NotFound, match="has no suggestion"):
        accept_proposal(demo, REVIEWER, "demo", "ja", other.key, made.id)
    assert accept_proposal(demo, APPROVER, "demo", "ja", approved.key, made.id).proposal.status == "accepted"


def test_accepting_into_an_official_catalog_needs_the_confirmation(demo):
    for index, text in enumerate(HUMAN_JA):
        _approved(demo, index, text)
    certification.certify(demo, APPROVER, "demo", "ja")
    first = _segment(demo)
    made = review.save_segment(demo, TRANSLATOR, "demo", "ja", first.key, "日韓が合意", None, first.revision).proposal
    with pytest.raises(ConfirmationRequired):
        accept_proposal(demo, REVIEWER, "demo", "ja", first.key, made.id)
    assert list_proposals(demo, "demo", "ja", first.key)[0].status == "open"
    result = accept_proposal(demo, REVIEWER, "demo", "ja", first.key, made.id,
                             withdrawal=review.Withdrawal("a better headline"))
    assert result.publication is PublicationStatus.UNOFFICIAL


def test_an_approver_dismisses_a_false_positive_with_a_reason(demo):
    from tms.services.certification import certification_blockers, dismiss_check
    from tms.services.checking import check_catalog

    third = _segment(demo, 2)
    review.save_segment(demo, REVIEWER, "demo", "ja", third.key, "両者は覚書に署名した。", None, third.revision)
    before = [r for r in certification_blockers(demo, "demo", "ja") if "quality-check" in r]
    assert before[0].startswith("4 quality-check errors")
    for account in (TRANSLATOR, REVIEWER, GERMAN):
        with pytest.raises(PermissionDenied):
            dismiss_check(demo, account, "demo", "ja", third.key, "markup", "the script tag is not for readers")
    with pytest.raises(InputError, match="needs a reason"):
        dismiss_check(demo, APPROVER, "demo", "ja", third.key, "markup", "")
    with pytest.raises(InputError, match="unknown check 'nonsense'"):
        dismiss_check(demo, APPROVER, "demo", "ja", third.key, "nonsense", "x")
    dismiss_check(demo, APPROVER, "demo", "ja", third.key, "markup", "the script tag is not for readers")
    assert "markup" in _unit(demo, 2).ignored_checks
    assert "# tms: ignore=markup" in demo.po_path("demo", "ja").read_text(encoding="utf-8")
    entry = review.history(demo, "demo", "ja", third.key)[0]
    assert (entry.action, entry.user, entry.note) == ("dismiss", "alex", "markup: the script tag is not for readers")
    assert check_catalog(demo, "demo", "ja", keys={third.key}) == []
    remaining = [r for r in certification_blockers(demo, "demo", "ja") if "quality-check" in r]
    assert remaining and remaining[0].startswith("2 quality-check errors")      # only the other segments' now
    with pytest.raises(Conflict, match="dismissed for segment"):
        dismiss_check(demo, APPROVER, "demo", "ja", third.key, "markup", "again")
