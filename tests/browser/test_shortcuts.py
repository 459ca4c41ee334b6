"""Keyboard shortcuts act only inside a segment's text box, on that segment."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tms.model import SegmentState
from tests.browser.conftest import sign_in
from tests.browser.test_review_ui import segment, units
from tests.web.factory import MACHINE_JA

pytestmark = pytest.mark.browser




def test_ctrl_enter_in_the_search_box_saves_nothing(page, live_server, users, web_project):
    sign_in(page, live_server, users.reviewer)
    page.goto(f"{live_server}/articles/demo/ja")
    before = [(u.target, u.state) for u in units(web_project)]
    page.get_by_label("Segment 1 (Japanese)").focus()          # the last segment used
    page.get_by_label("Search").fill("ministers")
    page.keyboard.press("Control+Enter")
    page.keyboard.press("Control+Shift+Enter")
    page.wait_for_timeout(500)
    assert [(u.target, u.state) for u in units(web_project)] == before
    assert units(web_project)[0].state is SegmentState.MACHINE


def test_ctrl_enter_and_ctrl_m_in_a_comment_box_leave_the_segment_alone(page, live_server, users, web_project):
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/demo/ja")
    area = page.get_by_label("Segment 1 (Japanese)")
    area.fill("未保存の訳")
    comments = segment(page, 1).locator("details.comments-box")
    comments.locator("summary").click()
    box = comments.get_by_label("Comment on segment 1")
    box.fill("A comment")
    page.keyboard.press("Control+m")
    page.keyboard.press("Control+Enter")
    page.wait_for_timeout(500)
    expect(area).to_have_value("未保存の訳")                   # Ctrl+M did not replace the typing
    expect(box).to_have_value("A comment")
    assert units(web_project)[0].state is SegmentState.MACHINE  # and Ctrl+Enter saved nothing
    assert units(web_project)[0].target == MACHINE_JA[0]


def test_alt_arrows_outside_a_text_box_do_not_move(page, live_server, users, web_project):
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/demo/ja")
    page.get_by_label("Segment 2 (Japanese)").focus()
    page.get_by_label("Search").focus()
    page.keyboard.press("Alt+ArrowDown")
    expect(page.get_by_label("Search")).to_be_focused()
    page.get_by_label("Segment 2 (Japanese)").focus()
    page.keyboard.press("Alt+ArrowDown")
    expect(page.get_by_label("Segment 3 (Japanese)")).to_be_focused()


def test_ctrl_m_uses_the_stored_machine_text_and_ctrl_z_undoes_it(page, live_server, users, web_project):
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "mt=1" in r.url else None)
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/demo/ja")
    area = page.get_by_label("Segment 2 (Japanese)")
    area.fill("私の下書き")
    area.focus()
    page.keyboard.press("Control+m")
    expect(area).to_have_value(MACHINE_JA[1])
    assert not asked, "the engine was asked although the catalog holds the machine text"
    page.keyboard.press("Control+z")
    expect(area).to_have_value("私の下書き")
    assert units(web_project)[1].state is SegmentState.MACHINE       # nothing saved


def test_ctrl_m_asks_the_engine_when_the_catalog_has_no_machine_text(page, live_server, users, web_project):
    web_project.config_path.write_text('[prefill]\nengine = "pseudo"\n', encoding="utf-8")
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/demo/ja")
    area = page.get_by_label("Segment 3 (Japanese)")
    area.focus()
    page.keyboard.press("Control+m")
    expect(area).not_to_have_value("")
    page.keyboard.press("Control+z")
    expect(area).to_have_value("")


def test_translators_are_not_shown_the_approve_shortcut(page, live_server, users):
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/demo/ja")
    shortcuts = page.locator("dl.shortcuts")
    expect(shortcuts).to_contain_text("Ctrl+Enter")
    expect(shortcuts).not_to_contain_text("Approve")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, users.reviewer)
    page.goto(f"{live_server}/articles/demo/ja")
    expect(page.locator("dl.shortcuts")).to_contain_text("Approve")


def test_cjk_captions_are_not_slanted(page, live_server, users):
    sign_in(page, live_server, users.reviewer)
    page.goto(f"{live_server}/articles/demo/ja")
    caption = page.get_by_label("Segment 4 (Japanese)")
    assert caption.evaluate("e => getComputedStyle(e).fontStyle") == "normal"
    page.goto(f"{live_server}/articles/demo/ar")
    arabic = page.get_by_label("Segment 4 (Arabic)")
    assert arabic.evaluate("e => getComputedStyle(e).fontStyle") == "italic"    # other scripts keep the italic


def test_every_page_has_a_favicon(page, live_server, users):
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/demo/ja")
    href = page.locator('link[rel="icon"]').get_attribute("href")
    assert page.request.get(live_server + href).status == 200
    assert page.request.get(f"{live_server}/favicon.ico").status == 200
    assert missing == []
