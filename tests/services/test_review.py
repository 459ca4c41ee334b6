"""The review workflow: segments, saves with revisions, approval, revert, history and certification."""
from __future__ import annotations

import pytest

from tests.concurrency import at_once, in_processes, save_in_process
from tms.errors import ConfirmationRequired, Conflict, InputError, NotFound, PermissionDenied
from tms.services.notifications import list_notifications
from tms.model import MachineInfo, PublicationStatus, SegmentState
from tms.services import certification, review
from tms.services.users import Account, AccountRole
from tms.storage.database import close_databases
from tms.storage.layout import Project
from tms.storage.pofile import load_catalog, save_catalog
from tests.web.factory import HUMAN_JA, SOURCES, build_article

TRANSLATOR = Account(1, "tina", AccountRole.TRANSLATOR, ("ja",))
REVIEWER = Account(2, "rita", AccountRole.REVIEWER, ("ja", "ar"))
APPROVER = Account(3, "alex", AccountRole.APPROVER, ("ja",))
GERMAN = Account(4, "dirk", AccountRole.TRANSLATOR, ("de",))


@pytest.fixture
def demo(project, monkeypatch) -> Project:
    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)
    build_article(project)
    yield project
    close_databases()


def _segments(project, lang="ja"):
    return review.get_segments(project, "demo", lang).segments


def _po_units(project, lang="ja"):
    return load_catalog(project.po_path("demo", lang)).active_units()


def _translate_all(project, account=TRANSLATOR, texts=HUMAN_JA, state="translated"):
    for segment, text in zip(_segments(project), texts):
        review.save_segment(project, account, "demo", "ja", segment.key, text, state, segment.revision)


def test_segments_in_article_order_with_structure(demo):
    view = review.get_segments(demo, "demo", "ja")
    assert [s.source for s in view.segments] == [text for _, text in SOURCES]
    assert [s.number for s in view.segments] == [1, 2, 3, 4]
    assert [s.role for s in view.segments] == ["title", "paragraph", "paragraph", "caption"]
    first = view.segments[0]
    assert first.state is SegmentState.MACHINE and first.machine == first.target
    assert first.unmodified_share == 1.0
    assert view.publication is PublicationStatus.DRAFT
    assert view.to_json()["segments"][0].keys() >= {"key", "source", "target", "state", "revision"}
    assert review.get_segments(demo, "demo", "ar").direction == "rtl"


def test_save_writes_the_po_file_at_once(demo):
    segment = _segments(demo)[1]
    result = review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, HUMAN_JA[1], None, segment.revision)
    unit = next(u for u in _po_units(demo) if u.key == segment.key)
    assert unit.target == HUMAN_JA[1] and unit.state is SegmentState.TRANSLATED
    assert result.segment.revision == unit.revision != segment.revision
    assert load_catalog(demo.po_path("demo", "ja")).headers["Last-Translator"] == "tina"
    change = review.history(demo, "demo", "ja", segment.key)[0]
    assert (change.user, change.action, change.old_target, change.new_target) == \
        ("tina", "save", segment.target, HUMAN_JA[1])
    assert (change.old_state, change.new_state) == ("machine", "translated")
    assert result.change_id == change.id


def test_translator_may_mark_needs_editing_and_clear(demo):
    segment = _segments(demo)[2]
    saved = review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, "下書き", "needs-editing",
                                segment.revision).segment
    assert saved.state is SegmentState.NEEDS_EDITING
    cleared = review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, "", None, saved.revision).segment
    assert cleared.state is SegmentState.UNTRANSLATED and cleared.target == ""


def test_saving_unchanged_text_writes_nothing(demo):
    segment = _segments(demo)[1]
    first = review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, "同じ", None, segment.revision)
    again = review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, "同じ", None, first.segment.revision)
    assert again.change_id is None
    assert len(review.history(demo, "demo", "ja", segment.key)) == 1


def test_stale_revision_is_a_conflict_with_the_current_text(demo):
    segment = _segments(demo)[1]
    review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, "最初の訳", None, segment.revision)
    with pytest.raises(Conflict) as caught:
        review.save_segment(demo, REVIEWER, "demo", "ja", segment.key, "別の訳", None, segment.revision)
    assert caught.value.current.target == "最初の訳"
    assert caught.value.current.to_json()["revision"] == _segments(demo)[1].revision
    assert _po_units(demo)[1].target == "最初の訳"


@pytest.mark.parametrize("target, state, message", [
    ("訳", "machine", "cannot save a segment as 'machine'"),
    ("訳", "final", "unknown state 'final'"),
    ("", "translated", "empty target"),
    ("訳", "untranslated", "empty target"),
    ("bell\x07", None, "control characters"),
    ("x" * 20_001, None, "over the limit"),
    (42, None, "must be a string"),
])
def test_bad_saves_are_refused_and_change_nothing(demo, target, state, message):
    before = demo.po_path("demo", "ja").read_bytes()
    segment = _segments(demo)[1]
    with pytest.raises(InputError, match=message):
        review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, target, state, segment.revision)
    assert demo.po_path("demo", "ja").read_bytes() == before


def test_revision_is_required(demo):
    segment = _segments(demo)[1]
    with pytest.raises(InputError, match="revision"):
        review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, "訳", None, "")


def test_unknown_article_language_and_segment(demo):
    key = _segments(demo)[0].key
    with pytest.raises(NotFound, match="unknown article 'nope'"):
        review.get_segments(demo, "nope", "ja")
    with pytest.raises(NotFound, match="no French catalog"):
        review.get_segments(demo, "demo", "fr")
    with pytest.raises(InputError, match="unknown language code"):
        review.get_segments(demo, "demo", "xx")
    with pytest.raises(InputError, match="invalid article id"):
        review.get_segments(demo, "../../etc/passwd", "ja")
    with pytest.raises(NotFound, match="no segment"):
        review.save_segment(demo, TRANSLATOR, "demo", "ja", "0" * 12, "訳", None, "r")
    with pytest.raises(NotFound):
        review.get_segment(demo, "demo", "de", key[::-1])


def test_permissions_by_role_and_language(demo):
    segment = _segments(demo)[1]
    args = ("demo", "ja", segment.key)
    # Someone who may read Japanese but not edit it suggests; the catalog is not touched.
    suggested = review.save_segment(demo, GERMAN, *args, "訳", None, segment.revision)
    assert suggested.proposal is not None and suggested.proposal.author == GERMAN.name
    with pytest.raises(PermissionDenied, match="only a reviewer or above may approve segments in Japanese"):
        review.save_segment(demo, GERMAN, *args, "訳", "approved", segment.revision)
    with pytest.raises(PermissionDenied, match="only a reviewer"):
        review.save_segment(demo, TRANSLATOR, *args, "訳", "approved", segment.revision)
    with pytest.raises(PermissionDenied, match="only a reviewer"):
        review.approve(demo, TRANSLATOR, *args, segment.revision)
    with pytest.raises(PermissionDenied, match="rita is a reviewer; only an approver or above may certify"):
        certification.certify(demo, REVIEWER, "demo", "ja")
    assert _segments(demo)[1].revision == segment.revision


def test_reviewer_approves(demo):
    segment = _segments(demo)[0]
    result = review.approve(demo, REVIEWER, "demo", "ja", segment.key, segment.revision)
    assert result.segment.state is SegmentState.APPROVED
    unit = _po_units(demo)[0]
    assert unit.state is SegmentState.APPROVED
    assert unit.approval.by == "rita" and unit.approval.date.endswith("Z")
    untranslated = _segments(demo)[2]
    with pytest.raises(InputError, match="untranslated"):
        review.approve(demo, REVIEWER, "demo", "ja", untranslated.key, untranslated.revision)


def test_revert_restores_the_earlier_text(demo):
    segment = _segments(demo)[1]
    first = review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, "一", None, segment.revision)
    review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, "二", None, first.segment.revision)
    newest = review.history(demo, "demo", "ja", segment.key)[0]
    assert newest.new_target == "二"
    reverted = review.revert(demo, TRANSLATOR, newest.id)
    assert reverted.segment.target == "一" and reverted.segment.state is SegmentState.TRANSLATED
    assert _po_units(demo)[1].target == "一"
    assert [c.action for c in review.history(demo, "demo", "ja", segment.key)] == ["revert", "save", "save"]
    with pytest.raises(PermissionDenied):
        review.revert(demo, GERMAN, newest.id)
    with pytest.raises(NotFound):
        review.revert(demo, TRANSLATOR, 99999)


def test_translator_revert_does_not_restore_an_approval(demo):
    segment = _segments(demo)[0]
    approved = review.approve(demo, REVIEWER, "demo", "ja", segment.key, segment.revision)
    review.save_segment(demo, REVIEWER, "demo", "ja", segment.key, "変更", None, approved.segment.revision)
    change = review.history(demo, "demo", "ja", segment.key)[0]
    assert review.revert(demo, TRANSLATOR, change.id).segment.state is SegmentState.TRANSLATED


def test_concurrent_saves_of_different_segments_both_stay(demo):
    segments = _segments(demo)

    def save(segment, text):
        return review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, text, None, segment.revision)

    outcomes = at_once(save, list(zip(segments, HUMAN_JA)))
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert [u.target for u in _po_units(demo)] == HUMAN_JA


def test_concurrent_saves_of_one_segment_from_one_revision_conflict(demo):
    segment = _segments(demo)[1]

    def save(text):
        return review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, text, None, segment.revision)

    first, second = at_once(save, [("甲",), ("乙",)])
    saved, refused = (first, second) if isinstance(second, Exception) else (second, first)
    assert isinstance(refused, Conflict), refused
    winner = saved.segment.target
    assert refused.current.target == winner            # the loser is told what the winner wrote
    assert _po_units(demo)[1].target == winner and winner in ("甲", "乙")


def test_saves_from_several_processes_are_all_kept(demo):
    saves = [(s.key, s.revision, text) for s, text in zip(_segments(demo), HUMAN_JA)]
    # Two processes, each saving every other segment of the same catalog.
    assert in_processes(save_in_process, [(str(demo.root), TRANSLATOR, saves[i::2]) for i in range(2)]) == [0, 0]
    assert [u.target for u in _po_units(demo)] == HUMAN_JA
    assert len(review.history(demo, "demo", "ja")) == len(HUMAN_JA)


def _save_rounds_in_process(root, keys, rounds, tag):
    project = Project(root)
    for n in range(rounds):
        for key in keys:
            current = review.get_segment(project, "demo", "ja", key)   # read through this process's cache
            review.save_segment(project, TRANSLATOR, "demo", "ja", key, f"{tag} {n}", None, current.revision)


def test_interleaved_saves_from_processes_with_their_own_caches_lose_nothing(demo):
    # Each process keeps its own parse of the catalog, which the other's saves make stale again and again.
    keys = [s.key for s in _segments(demo)]
    assert in_processes(_save_rounds_in_process, [(str(demo.root), keys[i::2], 15, f"p{i}") for i in range(2)]) == [0, 0]
    assert [u.target for u in _po_units(demo)] == ["p0 14", "p1 14", "p0 14", "p1 14"]
    assert len(review.history(demo, "demo", "ja")) == 2 * 2 * 15


def test_the_cached_catalog_after_every_kind_of_change_is_what_the_file_says(demo):
    from tms.storage.catalogcache import read_shared

    path = demo.po_path("demo", "ja")
    first, second = _segments(demo)[:2]

    def check(result):
        assert read_shared(path) == load_catalog(path)
        assert result.segment.revision == load_catalog(path).find(result.segment.key).revision
        return result.segment

    s = check(review.save_segment(demo, TRANSLATOR, "demo", "ja", first.key, "一", None, first.revision))
    s = check(review.save_segment(demo, TRANSLATOR, "demo", "ja", first.key, "一つ", "needs-editing", s.revision))
    s = check(review.approve(demo, REVIEWER, "demo", "ja", first.key, s.revision))
    s = check(review.save_segment(demo, REVIEWER, "demo", "ja", first.key, "", None, s.revision))
    for change in review.history(demo, "demo", "ja", first.key)[:2]:
        s = check(review.revert(demo, REVIEWER, change.id))
    m = check(review.save_segment(demo, REVIEWER, "demo", "ja", second.key, second.machine, "approved",
                                  second.revision))
    change = review.history(demo, "demo", "ja", second.key)[0]
    assert check(review.revert(demo, REVIEWER, change.id)).state is SegmentState.MACHINE
    assert m.state is SegmentState.APPROVED


# -- certification ----------------------------------------------------------------------------------
def _approve_all(project):
    for segment in _segments(project):
        review.approve(project, REVIEWER, "demo", "ja", segment.key, segment.revision)


def test_certify_needs_every_segment_approved(demo):
    _translate_all(demo)
    assert review.get_segments(demo, "demo", "ja").publication is PublicationStatus.UNOFFICIAL
    with pytest.raises(Conflict, match="4 of 4 segments are not approved"):
        certification.certify(demo, APPROVER, "demo", "ja")
    assert load_catalog(demo.po_path("demo", "ja")).certification is None


def test_certify_then_any_edit_returns_to_unofficial(demo):
    _translate_all(demo)
    _approve_all(demo)
    assert certification.certification_blockers(demo, "demo", "ja") == []
    view = certification.certify(demo, APPROVER, "demo", "ja")
    assert view.publication is PublicationStatus.OFFICIAL and view.certified_by == "alex"
    catalog = load_catalog(demo.po_path("demo", "ja"))
    assert catalog.publication is PublicationStatus.OFFICIAL and catalog.certification.by == "alex"
    assert review.history(demo, "demo", "ja")[0].action == "certify"
    segment = _segments(demo)[3]
    # A translator's change is a suggestion: the official text stays as certified.
    suggested = review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, "握手する大臣たち。", None,
                                    segment.revision)
    assert suggested.proposal is not None and suggested.publication is PublicationStatus.OFFICIAL
    assert load_catalog(demo.po_path("demo", "ja")).publication is PublicationStatus.OFFICIAL
    # A reviewer must confirm, with a reason, that the change withdraws the official status.
    with pytest.raises(ConfirmationRequired, match="withdraws its official status") as refused:
        review.save_segment(demo, REVIEWER, "demo", "ja", segment.key, "握手する大臣たち。", None, segment.revision)
    assert refused.value.confirm == "withdraw_official"
    assert load_catalog(demo.po_path("demo", "ja")).publication is PublicationStatus.OFFICIAL
    with pytest.raises(InputError, match="needs a reason"):
        review.Withdrawal.confirmed(True, " ")
    result = review.save_segment(demo, REVIEWER, "demo", "ja", segment.key, "握手する大臣たち。", None,
                                 segment.revision, withdrawal=review.Withdrawal("the caption names the wrong people"))
    assert result.publication is PublicationStatus.UNOFFICIAL
    assert load_catalog(demo.po_path("demo", "ja")).publication is PublicationStatus.UNOFFICIAL
    withdrawn = review.history(demo, "demo", "ja")[0]
    assert (withdrawn.action, withdrawn.user, withdrawn.note) == ("withdraw", "rita", "the caption names the wrong people")
    told = list_notifications(demo, "alex")
    assert [n.event for n in told] == ["official-withdrawn"]
    assert "rita" in told[0].text and "wrong people" in told[0].text


def _machine_output(project, change_last: str | None = None) -> None:
    """Every segment machine-translated, then approved. ``change_last``: a person's own text for the last
    segment, which leaves about 80% of the words unmodified machine output."""
    path = project.po_path("demo", "ja")
    catalog = load_catalog(path)
    for unit, text in zip(catalog.units, HUMAN_JA):
        unit.machine = MachineInfo("libre", text, "2026-11-23T10:00:00Z")
        unit.target, unit.state = text, SegmentState.MACHINE
    if change_last is not None:
        catalog.units[3].target, catalog.units[3].state = change_last, SegmentState.TRANSLATED
    save_catalog(path, catalog)
    _approve_all(project)


def test_unmodified_machine_output_blocks_certification(demo):
    # Every segment approved exactly as the engine wrote it: 100% unmodified machine output.
    _machine_output(demo)
    with pytest.raises(Conflict, match=r"100.0% of the text is unmodified machine output; the limit for "
                                       r"Japanese is 95%"):
        certification.certify(demo, APPROVER, "demo", "ja")


def test_threshold_is_configurable_per_language(demo):
    demo.config_path.write_text("[publication]\nmax_unmodified_machine_percent = 95\n"
                                "max_unmodified_machine_percent_by_language = { ja = 50 }\n", encoding="utf-8")
    assert certification.machine_threshold(demo, "ja") == 50.0
    assert certification.machine_threshold(demo, "de") == 95.0
    demo.config_path.write_text("[publication]\nmax_unmodified_machine_percent = 'lots'\n", encoding="utf-8")
    with pytest.raises(InputError, match="tms.toml.*number from 0 to 100"):
        certification.machine_threshold(demo, "de")


def test_quality_check_errors_block_certification(demo):
    # The third segment loses the source's markup: the "markup" check reports an error.
    texts = HUMAN_JA[:2] + ["両者は覚書に署名した。"] + HUMAN_JA[3:]
    _translate_all(demo, texts=texts)
    _approve_all(demo)
    with pytest.raises(Conflict, match=r"cannot certify demo \(ja\): 2 quality-check errors remain "
                                       r"\(see: tms check demo --lang ja\)"):
        certification.certify(demo, APPROVER, "demo", "ja")
    assert load_catalog(demo.po_path("demo", "ja")).certification is None


def test_stricter_limit_for_one_language_blocks_what_the_default_allows(demo):
    _machine_output(demo, change_last="全く別の説明文。")   # about 80% unmodified
    share = certification.compute_stats(load_catalog(demo.po_path("demo", "ja")), "ja").unmodified_machine_share
    assert 0.5 < share < 0.95
    demo.config_path.write_text("[publication]\nmax_unmodified_machine_percent_by_language = { ja = 50 }\n",
                                encoding="utf-8")
    with pytest.raises(Conflict, match=rf"{100 * share:.1f}% of the text is unmodified machine output; "
                                       r"the limit for Japanese is 50%"):
        certification.certify(demo, APPROVER, "demo", "ja")
    demo.config_path.write_text("[publication]\nmax_unmodified_machine_percent = 95\n", encoding="utf-8")
    assert certification.certify(demo, APPROVER, "demo", "ja").publication is PublicationStatus.OFFICIAL


def test_segment_view_shows_the_unmodified_share(demo):
    _machine_output(demo, change_last="全く別の説明文。")   # about 80% unmodified
    shares = [s.unmodified_share for s in _segments(demo)]
    assert shares[:3] == [1.0, 1.0, 1.0] and 0.0 <= shares[3] < 0.5
    assert _segments(demo, "de")[0].unmodified_share is None       # no machine translation at all


def test_returned_revision_matches_the_file_for_untouched_machine_output(demo):
    # "Needs editing" on the machine's own text is stored as machine output: the PO cannot tell them apart.
    segment = _segments(demo)[0]
    result = review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, segment.target, "needs-editing",
                                 segment.revision)
    assert result.segment.state is SegmentState.MACHINE
    assert result.segment.revision == _segments(demo)[0].revision
    edited = review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, "直し中", "needs-editing",
                                 result.segment.revision)
    assert edited.segment.state is SegmentState.NEEDS_EDITING
    assert edited.segment.revision == _segments(demo)[0].revision


def test_machine_limit_counts_the_whole_text_not_only_its_machine_part(demo):
    # Half the segments left as machine output, half written by people: not 100% but about half.
    path = demo.po_path("demo", "ja")
    catalog = load_catalog(path)
    for unit, text in list(zip(catalog.units, HUMAN_JA))[:2]:
        unit.machine = MachineInfo("libre", text, "2026-11-23T10:00:00Z")
        unit.target, unit.state = text, SegmentState.MACHINE
    for unit, text in list(zip(catalog.units, HUMAN_JA))[2:]:
        unit.target, unit.state = text, SegmentState.TRANSLATED
    save_catalog(path, catalog)
    catalog = load_catalog(path)
    stats = certification.compute_stats(catalog, "ja")
    assert stats.unmodified_machine_share == 1.0
    expected = 100.0 * stats.machine_words / stats.total.words
    assert 0 < expected < 100
    assert certification.unmodified_text_percent(catalog, "ja") == pytest.approx(expected)
    _approve_all(demo)
    demo.config_path.write_text("[publication]\nmax_unmodified_machine_percent = 95\n", encoding="utf-8")
    assert certification.certify(demo, APPROVER, "demo", "ja").publication is PublicationStatus.OFFICIAL
