"""The review workflow in a real browser: sign in, edit, save, approve, certify, and see the dashboard change."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tms.model import SegmentState
from tms.services import review
from tms.services.users import get_user
from tms.storage.pofile import load_catalog
from tests.web.factory import HUMAN_JA
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser



def units(project, lang="ja"):
    return load_catalog(project.po_path("demo", lang)).active_units()


def segment(page, number: int):
    return page.locator(f"#seg-{number}")


def test_edit_approve_certify_and_see_the_dashboard_change(page, live_server, users, web_project):
    sign_in(page, live_server, users.approver)
    ja_cell = page.locator('td.cell[data-lang="ja"]')
    expect(ja_cell.locator(".badge")).to_have_text("machine")
    ja_cell.get_by_role("link", name=re.compile(r"% translated")).click()      # the cell's own link, not a count
    page.wait_for_url(re.compile(r"/articles/demo/ja$"))

    # Save with the button: the PO file has the text the moment the page says "Saved."
    page.get_by_label("Segment 1 (Japanese)").fill(HUMAN_JA[0])
    segment(page, 1).get_by_role("button", name="Save").click()
    expect(segment(page, 1).locator(".status")).to_have_text("Saved.")
    expect(segment(page, 1).locator(".state-label")).to_have_text("translated")
    assert (units(web_project)[0].target, units(web_project)[0].state) == (HUMAN_JA[0], SegmentState.TRANSLATED)

    # Ctrl+Enter saves and moves on; Alt+Up/Down move between segments.
    page.get_by_label("Segment 2 (Japanese)").fill(HUMAN_JA[1])
    page.keyboard.press("Control+Enter")
    expect(segment(page, 2).locator(".state-label")).to_have_text("translated")
    expect(page.get_by_label("Segment 3 (Japanese)")).to_be_focused()
    page.keyboard.press("Alt+ArrowDown")
    expect(page.get_by_label("Segment 4 (Japanese)")).to_be_focused()
    page.keyboard.press("Alt+ArrowUp")
    expect(page.get_by_label("Segment 3 (Japanese)")).to_be_focused()

    # Ctrl+Shift+Enter approves; the Approve button does too.
    page.get_by_label("Segment 3 (Japanese)").fill(HUMAN_JA[2])
    page.keyboard.press("Control+Shift+Enter")
    expect(segment(page, 3).locator(".state-label")).to_have_text("approved")
    for number in (1, 2):
        segment(page, number).get_by_role("button", name="Approve").click()
        expect(segment(page, number).locator(".state-label")).to_have_text("approved")
    page.get_by_label("Segment 4 (Japanese)").fill(HUMAN_JA[3])
    segment(page, 4).get_by_role("button", name="Approve").click()
    expect(segment(page, 4).locator(".state-label")).to_have_text("approved")
    expect(page.locator("#publication")).to_have_text("unofficial translation")
    expect(page.locator("#progress-text")).to_have_text("4 of 4 translated, 4 approved")
    assert all(u.state is SegmentState.APPROVED for u in units(web_project))

    page.reload()
    page.get_by_role("button", name="Certify as official").click()
    expect(page.locator("#publication")).to_have_text("official")
    assert load_catalog(web_project.po_path("demo", "ja")).certification.by == users.approver.name

    page.get_by_role("link", name="Dashboard", exact=True).first.click()
    expect(page.locator('td.cell[data-lang="ja"] .badge')).to_have_text("official")
    expect(page.locator("#chart-summary")).to_contain_text("4 segments translated and 4 approved")
    expect(page.locator(".chart svg polyline.series-translated")).to_be_visible()


def test_a_conflicting_save_shows_their_version(page, live_server, users, web_project):
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/demo/ja")
    first = units(web_project)[1]
    account = get_user(web_project, users.reviewer.name)
    review.save_segment(web_project, account, "demo", "ja", first.key, "別の人の訳。", None, first.revision)

    page.get_by_label("Segment 2 (Japanese)").fill("私の訳。")
    segment(page, 2).get_by_role("button", name="Save").click()
    conflict = segment(page, 2).locator(".conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator(".their-text")).to_have_text("別の人の訳。")
    assert units(web_project)[1].target == "別の人の訳。"        # nothing was overwritten
    conflict.get_by_role("button", name="Keep mine").click()
    segment(page, 2).get_by_role("button", name="Save").click()
    expect(segment(page, 2).locator(".status")).to_have_text("Saved.")
    assert units(web_project)[1].target == "私の訳。"


def test_suggestions_history_and_comments(page, live_server, users, web_project):
    web_project.config_path.write_text('[prefill]\nengine = "pseudo"\n', encoding="utf-8")
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/demo/ja")
    area = page.get_by_label("Segment 3 (Japanese)")
    area.focus()
    page.keyboard.press("Control+m")                     # copy the machine translation
    expect(area).not_to_have_value("")
    expect(page.locator("#suggestions .suggestion").first).to_contain_text("pseudo")
    segment(page, 3).get_by_role("button", name="Save").click()
    expect(segment(page, 3).locator(".status")).to_have_text("Saved.")

    history = segment(page, 3).locator("details.history-box")
    history.locator("summary").click()
    expect(history.locator(".history li")).to_have_count(1)
    history.get_by_role("button", name=re.compile("Revert segment 3")).click()
    expect(segment(page, 3).locator(".state-label")).to_have_text("untranslated")
    expect(area).to_have_value("")
    assert units(web_project)[2].target == ""

    comments = segment(page, 3).locator("details.comments-box")
    comments.locator("summary").click()
    comments.get_by_label("Comment on segment 3").fill("Keep <b>the</b> markup")
    comments.get_by_role("button", name="Add comment").click()
    expect(comments.locator(".comments li")).to_contain_text("Keep <b>the</b> markup")
    expect(comments.locator(".count")).to_have_text("1")


def test_a_glossary_term_is_inserted_where_the_cursor_is(page, live_server, users, web_project):
    (web_project.root / "glossary").mkdir()
    (web_project.root / "glossary" / "ja.csv").write_text("source,target\nmemorandum,覚書\n", encoding="utf-8")
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/demo/ja")
    area = page.get_by_label("Segment 3 (Japanese)")
    area.fill("両者はに署名した。")
    area.evaluate("el => el.setSelectionRange(3, 3)")
    segment(page, 3).get_by_role("button", name="Insert “覚書” into segment 3").click()
    expect(area).to_have_value("両者は覚書に署名した。")
    expect(area).to_be_focused()
    segment(page, 3).get_by_role("button", name="Save").click()
    expect(segment(page, 3).locator(".status")).to_have_text("Saved.")
    assert units(web_project)[2].target == "両者は覚書に署名した。"


def test_arabic_is_right_to_left_and_cjk_has_its_fonts(page, live_server, users):
    sign_in(page, live_server, users.reviewer)
    page.goto(f"{live_server}/articles/demo/ar")
    arabic = page.get_by_label("Segment 1 (Arabic)")
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert "Arabic" in arabic.evaluate("e => getComputedStyle(e).fontFamily")
    page.goto(f"{live_server}/articles/demo/ja")
    japanese = page.get_by_label("Segment 1 (Japanese)")
    assert japanese.evaluate("e => getComputedStyle(e).fontFamily").startswith('"Noto Sans CJK JP"')
    assert page.locator(".source-text").first.get_attribute("lang") == "en"


def test_prefill_job_shows_its_progress(page, live_server, users, web_project):
    from tms.services.jobs import get_queue

    web_project.config_path.write_text('[prefill]\nengine = "pseudo"\n', encoding="utf-8")
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/demo/ja")
    page.get_by_role("button", name="Prefill untranslated segments").click()
    job = page.locator("li.job")
    expect(job.locator(".job-state")).to_have_text("queued")
    huey = get_queue(web_project)                       # what `tms worker` does, here in the test's thread
    huey.execute(huey.dequeue())
    expect(job.locator(".job-state")).to_have_text("done", timeout=15_000)
    expect(job.locator(".job-reload")).to_be_visible()
    job.locator(".job-reload").click()
    expect(segment(page, 3).locator(".state-label")).to_have_text("machine")
    assert units(web_project)[3].state is SegmentState.MACHINE
