"""Bulk work with a preview: approving what passes the checks, search and replace."""
from __future__ import annotations

import pytest

from tms.errors import Conflict, InputError, PermissionDenied
from tms.model import SegmentState
from tms.services import bulk, review
from tms.services.proposals import list_proposals
from tms.services.users import Account, AccountRole
from tms.storage.database import close_databases
from tms.storage.pofile import load_catalog
from tests.web.factory import HUMAN_JA, build_article

TRANSLATOR = Account(1, "tina", AccountRole.TRANSLATOR, ("ja",))
REVIEWER = Account(2, "rita", AccountRole.REVIEWER, ("ja",))
GERMAN_REVIEWER = Account(4, "dora", AccountRole.REVIEWER, ("de",))


@pytest.fixture
def demo(project, monkeypatch):
    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)
    build_article(project)
    for segment, text in zip(review.get_segments(project, "demo", "ja").segments,
                             [HUMAN_JA[0], HUMAN_JA[1], "両者は覚書に署名した。", HUMAN_JA[3]]):
        review.save_segment(project, TRANSLATOR, "demo", "ja", segment.key, text, None, segment.revision)
    yield project
    close_databases()


def _units(project):
    return load_catalog(project.po_path("demo", "ja")).active_units()


def _pairs(planned):
    return [(c.key, c.revision) for c in planned]


def test_approve_all_approves_what_passes_the_checks_after_a_preview(demo):
    planned = bulk.approvable(demo, REVIEWER, "demo", "ja")
    assert [c.number for c in planned] == [1, 2, 4]            # segment 3 lost its markup: an error
    done = bulk.approve_all(demo, REVIEWER, "demo", "ja", _pairs(planned))
    assert len(done) == 3
    assert [u.state for u in _units(demo)] == [SegmentState.APPROVED, SegmentState.APPROVED,
                                               SegmentState.TRANSLATED, SegmentState.APPROVED]
    assert [c.action for c in review.history(demo, "demo", "ja")[:3]] == ["approve"] * 3


def test_approve_all_is_for_reviewers_of_the_language(demo):
    for account in (TRANSLATOR, GERMAN_REVIEWER):
        with pytest.raises(PermissionDenied):
            bulk.approvable(demo, account, "demo", "ja")
        with pytest.raises(PermissionDenied):
            bulk.approve_all(demo, account, "demo", "ja", [])


def test_a_segment_changed_after_the_preview_is_left_alone(demo):
    planned = bulk.approvable(demo, REVIEWER, "demo", "ja")
    first = review.get_segments(demo, "demo", "ja").segments[0]
    review.save_segment(demo, TRANSLATOR, "demo", "ja", first.key, "別の訳", None, first.revision)
    with pytest.raises(Conflict, match="2 approved; 1 changed"):
        bulk.approve_all(demo, REVIEWER, "demo", "ja", _pairs(planned))
    assert _units(demo)[0].state is SegmentState.TRANSLATED


def test_search_and_replace_with_a_preview(demo):
    planned = bulk.replacements(demo, TRANSLATOR, "demo", "ja", "両", "二人の")
    assert [(c.number, c.after) for c in planned] == [(2, "二人の大臣は月曜日、ソウルで会談した。"),
                                                       (3, "二人の者は覚書に署名した。"), (4, "握手する二人の大臣。")]
    bulk.replace_all(demo, TRANSLATOR, "demo", "ja", "両", "二人の", _pairs(planned[:2]))
    assert [u.target for u in _units(demo)][1:] == ["二人の大臣は月曜日、ソウルで会談した。", "二人の者は覚書に署名した。",
                                                  HUMAN_JA[3]]
    with pytest.raises(InputError, match="say what to find"):
        bulk.replacements(demo, TRANSLATOR, "demo", "ja", "", "x")
    with pytest.raises(PermissionDenied):
        bulk.replacements(demo, Account(5, "dirk", AccountRole.TRANSLATOR, ("de",)), "demo", "ja", "両", "x")


def test_replacing_in_an_approved_segment_by_a_translator_is_a_suggestion(demo):
    fourth = review.get_segments(demo, "demo", "ja").segments[3]
    review.approve(demo, REVIEWER, "demo", "ja", fourth.key, fourth.revision)
    planned = bulk.replacements(demo, TRANSLATOR, "demo", "ja", "握手する", "手を握る")
    results = bulk.replace_all(demo, TRANSLATOR, "demo", "ja", "握手する", "手を握る", _pairs(planned))
    assert results[0].proposal is not None
    assert _units(demo)[3].target == HUMAN_JA[3]
    assert [p.target for p in list_proposals(demo, "demo", "ja", fourth.key)] == ["手を握る両大臣。"]
