"""The review desk in a real browser: suggestions from both sides, the confirmation before official status
is withdrawn, figures that follow each save, warnings before approving an error, and notifications."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tms.model import PublicationStatus, SegmentState
from tms.services import certification, review
from tms.services.notifications import list_notifications, mark_read
from tms.services.users import get_user
from tms.storage.pofile import load_catalog
from tests.browser.conftest import sign_in
from tests.browser.test_review_ui import segment, units
from tests.web.factory import HUMAN_JA

pytestmark = pytest.mark.browser




def approve_all(project, users, texts=HUMAN_JA, certify=False):
    reviewer = get_user(project, users.reviewer.name)
    for seg, text in zip(review.get_segments(project, "demo", "ja").segments, texts):
        review.save_segment(project, reviewer, "demo", "ja", seg.key, text, "approved", seg.revision)
    if certify:
        certification.certify(project, get_user(project, users.approver.name), "demo", "ja")


def second_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    return context, context.new_page()


def test_a_translators_change_to_an_approved_segment_goes_to_the_reviewer_as_a_suggestion(
        page, browser, live_server, users, web_project):
    approve_all(web_project, users)
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/demo/ja")
    area = page.get_by_label("Segment 1 (Japanese)")
    area.fill("日韓、新交流プログラムで合意")
    segment(page, 1).get_by_role("button", name="Save").click()
    expect(segment(page, 1).locator(".status")).to_contain_text("sent to the reviewers as a suggestion")
    expect(area).to_have_value(HUMAN_JA[0])                       # the approved text stands
    expect(segment(page, 1).locator(".state-label")).to_have_text("approved")
    expect(segment(page, 1).locator("details.proposals-box .count")).to_have_text("1")
    assert (units(web_project)[0].target, units(web_project)[0].state) == (HUMAN_JA[0], SegmentState.APPROVED)

    context, other = second_page(browser)
    try:
        sign_in(other, live_server, users.reviewer)
        other.goto(f"{live_server}/articles/demo/ja")
        box = other.locator("#seg-1 details.proposals-box")
        box.locator("summary").click()
        proposal = box.locator(".proposal")
        expect(proposal).to_contain_text("tina")
        expect(proposal.locator(".diff ins")).to_have_text(["合意"])
        expect(proposal.locator(".diff del")).to_have_text(["しい", "一致"])
        proposal.get_by_role("button", name="Accept the suggestion by tina for segment 1").click()
        expect(other.get_by_label("Segment 1 (Japanese)")).to_have_value("日韓、新交流プログラムで合意")
        expect(other.locator("#seg-1 .status")).to_have_text("Suggestion accepted.")
        expect(box.locator(".count")).to_have_text("0")
    finally:
        context.close()
    unit = units(web_project)[0]
    assert (unit.target, unit.state, unit.approval.by) == ("日韓、新交流プログラムで合意", SegmentState.APPROVED, "rita")


def test_a_reviewer_rejects_a_suggestion_with_a_reason(page, live_server, users, web_project):
    approve_all(web_project, users)
    first = review.get_segments(web_project, "demo", "ja").segments[1]
    review.save_segment(web_project, get_user(web_project, users.translator.name), "demo", "ja", first.key,
                        "大臣たちはソウルで会った。", None, first.revision)
    sign_in(page, live_server, users.reviewer)
    page.goto(f"{live_server}/articles/demo/ja?state=suggested")
    expect(page.locator("li.segment")).to_have_count(1)
    box = segment(page, 2).locator("details.proposals-box")
    box.locator("summary").click()
    box.get_by_label("Reason").fill("the approved wording follows the style guide")
    box.get_by_role("button", name="Reject the suggestion by tina for segment 2").click()
    expect(segment(page, 2).locator(".status")).to_have_text("Suggestion rejected.")
    expect(box.locator(".proposal")).to_have_count(0)
    assert units(web_project)[1].target == HUMAN_JA[1]


def test_withdrawing_official_status_needs_a_confirmation_with_a_reason(page, browser, live_server, users,
                                                                         web_project):
    approve_all(web_project, users, certify=True)
    mark_read(web_project, get_user(web_project, users.approver.name))    # "ready for certification"
    context, approver = second_page(browser)
    try:
        sign_in(approver, live_server, users.approver)
        expect(approver.locator("#unread-count")).to_have_text("0")

        sign_in(page, live_server, users.reviewer)
        page.goto(f"{live_server}/articles/demo/ja")
        expect(page.locator("#publication")).to_have_text("official")
        area = page.get_by_label("Segment 2 (Japanese)")
        area.fill("両大臣は月曜日にソウルで会談した。")
        segment(page, 2).get_by_role("button", name="Save").click()
        dialog = page.locator("#withdraw-dialog")
        expect(dialog).to_be_visible()
        expect(dialog).to_contain_text("withdraws its official status")
        dialog.get_by_role("button", name="Cancel").click()
        expect(dialog).to_be_hidden()
        expect(segment(page, 2).locator(".status")).to_contain_text("stays official")
        assert load_catalog(web_project.po_path("demo", "ja")).publication is PublicationStatus.OFFICIAL

        segment(page, 2).get_by_role("button", name="Save").click()
        dialog.get_by_label("Why must the official text change?").fill("the meeting was on Monday morning")
        dialog.get_by_role("button", name="Withdraw and save").click()
        expect(segment(page, 2).locator(".status")).to_have_text("Saved.")
        expect(page.locator("#publication")).to_have_text("unofficial translation")
        expect(page.locator("#withdrawn")).to_contain_text("the meeting was on Monday morning")
        assert load_catalog(web_project.po_path("demo", "ja")).publication is PublicationStatus.UNOFFICIAL
        page.reload()
        expect(page.locator("#withdrawn")).to_contain_text("Official status withdrawn by rita")

        # The certifying approver, in another browser, sees the unread count change without reloading.
        expect(approver.locator("#unread-count")).to_have_text("1", timeout=15_000)
        approver.locator("#notifications-link").click()
        expect(approver.locator(".notification.is-unread")).to_contain_text("withdrew the official status")
    finally:
        context.close()
    assert [n.event for n in list_notifications(web_project, users.approver.name)] == [
        "official-withdrawn", "ready-for-certification"]


def test_figures_and_the_certification_panel_follow_each_save(page, live_server, users, web_project):
    sign_in(page, live_server, users.approver)
    page.goto(f"{live_server}/articles/demo/ja")
    before = float(page.locator("#machine-share").inner_text())
    assert before > 0
    expect(segment(page, 1).locator(".unmodified-share")).to_have_text("100")
    panel = page.locator("#certification")
    expect(panel.get_by_role("link", name=re.compile("4 of 4 segments are not approved"))).to_be_visible()
    expect(panel.get_by_role("button", name="Certify as official")).to_be_disabled()

    page.get_by_label("Segment 1 (Japanese)").fill(HUMAN_JA[0])
    segment(page, 1).get_by_role("button", name="Approve").click()
    expect(segment(page, 1).locator(".approved-by")).to_have_text("approved by alex")
    share = segment(page, 1).locator(".unmodified-share")
    expect(share).not_to_have_text("100")
    expect(page.locator("#machine-share")).not_to_have_text(f"{before:.1f}")
    expect(panel.get_by_role("link", name=re.compile("3 of 4 segments are not approved"))).to_be_visible()
    shown, segment_share = float(page.locator("#machine-share").inner_text()), share.inner_text()
    page.reload()
    assert float(page.locator("#machine-share").inner_text()) == shown     # what a reload shows
    assert share.inner_text() == segment_share

    # A reason links to the segments it concerns.
    panel.get_by_role("link", name=re.compile("segments are not approved")).click()
    expect(page.locator("li.segment")).to_have_count(3)
    page.goto(f"{live_server}/articles/demo/ja")
    for number in (2, 3, 4):
        page.get_by_label(f"Segment {number} (Japanese)").fill(HUMAN_JA[number - 1])
        segment(page, number).get_by_role("button", name="Approve").click()
        expect(segment(page, number).locator(".state-label")).to_have_text("approved")
    expect(panel.locator(".verdict")).to_have_text("Every segment is approved and checked.")
    expect(panel.get_by_role("button", name="Certify as official")).to_be_enabled()


def test_approving_a_segment_with_an_error_asks_first(page, live_server, users, web_project):
    sign_in(page, live_server, users.reviewer)
    page.goto(f"{live_server}/articles/demo/ja")
    area = page.get_by_label("Segment 3 (Japanese)")
    area.fill("両者は覚書に署名した。")                   # the source's markup is missing: an error
    segment(page, 3).get_by_role("button", name="Save").click()
    expect(segment(page, 3).locator(".checks .severity-error").first).to_be_visible()
    asked = []

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    segment(page, 3).get_by_role("button", name="Approve").click()
    expect(segment(page, 3).locator(".status")).to_contain_text("Not approved")
    assert asked and "error-level quality check" in asked[0]
    assert units(web_project)[2].state is SegmentState.TRANSLATED
    page.once("dialog", lambda dialog: dialog.accept())
    segment(page, 3).get_by_role("button", name="Approve").click()
    expect(segment(page, 3).locator(".state-label")).to_have_text("approved")


def test_the_other_languages_of_a_segment_are_shown_beside_it(page, live_server, users, web_project):
    reviewer = get_user(web_project, users.reviewer.name)
    second = review.get_segments(web_project, "demo", "ar").segments[1]
    review.save_segment(web_project, reviewer, "demo", "ar", second.key, "التقى الوزيران في سيول.", "approved",
                        second.revision)
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/demo/ja")
    page.get_by_label("Segment 2 (Japanese)").focus()
    panel = page.locator("#other-languages")
    expect(panel.locator("li")).to_have_count(1)
    expect(panel.locator("li")).to_contain_text("Arabic (approved)")
    expect(panel.locator('li [lang="ar"]')).to_have_text("التقى الوزيران في سيول.")
    page.get_by_label("Segment 3 (Japanese)").focus()
    expect(panel.locator(".other-note")).to_contain_text("not translated in another language")


def test_someone_who_may_not_edit_a_language_suggests_from_the_editor(page, live_server, users, web_project):
    sign_in(page, live_server, users.translator_de)
    page.goto(f"{live_server}/articles/demo/ja")
    area = page.get_by_label("Segment 2 (Japanese)")
    area.fill("大臣たちは月曜日にソウルで会った。")
    page.keyboard.press("Control+Enter")
    expect(segment(page, 2).locator(".status")).to_contain_text("sent to the reviewers as a suggestion")
    expect(segment(page, 2).locator("details.proposals-box .count")).to_have_text("1")
    assert units(web_project)[1].state is SegmentState.MACHINE


def test_the_memory_is_searched_from_the_editor(page, live_server, users, web_project):
    reviewer = get_user(web_project, users.reviewer.name)
    second = review.get_segments(web_project, "demo", "ja").segments[1]
    review.save_segment(web_project, reviewer, "demo", "ja", second.key, HUMAN_JA[1], "approved", second.revision)
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/demo/ja")
    panel = page.locator("#concordance")
    panel.get_by_label("Text in a source or translation").fill("Seoul")
    panel.get_by_role("button", name="Search").click()
    expect(panel.locator(".concordance li")).to_have_count(1)
    expect(panel.locator(".concordance li")).to_contain_text(HUMAN_JA[1])
    expect(panel.locator(".concordance li")).to_contain_text("approved")
