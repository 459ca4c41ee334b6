"""Inline tags in a real browser: tokens insert their tag by click, keyboard and Alt+number, undoably."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import violations
from tests.tagged import build_tagged_article
from tms.storage.pofile import load_catalog

pytestmark = pytest.mark.browser


@pytest.fixture
def tagged_editor(page, live_server, users, web_project):
    """The Japanese editor of the tagged article, signed in as a translator."""
    build_tagged_article(web_project, langs=("ja",))
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/tagged/ja")
    return page


def box(page, number: int):
    return page.get_by_label(f"Segment {number} (Japanese)")


def select(page, number: int, text: str) -> None:
    """Select ``text`` in the translation box of segment ``number``, as a mouse drag would."""
    box(page, number).evaluate("(area, text) => { const i = area.value.indexOf(text); area.focus(); "
                               "area.setSelectionRange(i, i + text.length); }", text)


def test_a_click_on_a_token_wraps_the_selection_or_goes_in_at_the_cursor(tagged_editor, web_project):
    page = tagged_editor
    box(page, 2).fill("65か国の共同声明を読む。")
    select(page, 2, "共同声明")
    page.get_by_role("button", name="Insert link 1 into segment 2").click()
    expect(box(page, 2)).to_have_value("65か国の<a1>共同声明</a1>を読む。")
    expect(box(page, 2)).to_be_focused()
    # nothing selected: the pair goes in at the cursor, which is left between its halves
    box(page, 2).evaluate("area => area.setSelectionRange(0, 0)")
    page.get_by_role("button", name="Insert bold 2 into segment 2").click()
    page.keyboard.type("大勢の")
    page.keyboard.press("End")
    page.get_by_role("button", name="Insert line break into segment 2").click()
    expect(box(page, 2)).to_have_value("<b2>大勢の</b2>65か国の<a1>共同声明</a1>を読む。<br/>")
    # the dashed end token inserts the same pair, for the mouse
    box(page, 3).fill("化学式H2O")
    select(page, 3, "2")
    page.locator("#seg-3 .tag-close").click()
    expect(box(page, 3)).to_have_value("化学式H<sub2>2</sub2>O")
    # what is saved is the tags written out
    box(page, 2).focus()
    page.keyboard.press("Control+Enter")
    expect(page.locator("#seg-2 .state-label")).to_have_text("translated")
    saved = load_catalog(web_project.po_path("tagged", "ja")).active_units()[1]
    assert saved.target == "<b2>大勢の</b2>65か国の<a1>共同声明</a1>を読む。<br/>"


def test_tokens_are_buttons_the_keyboard_reaches(tagged_editor):
    page = tagged_editor
    box(page, 3).fill("外務省のロゴ：")
    image = page.get_by_role("button", name="Insert image 1 into segment 3")
    expect(image).to_have_attribute("title", "image 1: https://www.mofa.go.kr/images/logo.png")
    image.focus()
    page.keyboard.press("Enter")
    expect(box(page, 3)).to_have_value("外務省のロゴ：<img1/>")


def test_alt_number_wraps_the_selection_and_ctrl_z_takes_it_back(tagged_editor):
    page = tagged_editor
    box(page, 2).fill("65か国の共同声明を読む。")
    select(page, 2, "共同声明")
    page.keyboard.press("Alt+1")
    expect(box(page, 2)).to_have_value("65か国の<a1>共同声明</a1>を読む。")
    select(page, 2, "65か国")
    page.keyboard.press("Alt+2")
    expect(box(page, 2)).to_have_value("<b2>65か国</b2>の<a1>共同声明</a1>を読む。")
    expect(page.locator("#seg-2")).to_have_class(re.compile(r"\bis-dirty\b"))
    page.keyboard.press("Control+z")
    expect(box(page, 2)).to_have_value("65か国の<a1>共同声明</a1>を読む。")
    page.keyboard.press("Control+z")
    expect(box(page, 2)).to_have_value("65か国の共同声明を読む。")
    # a number the source has no tag for, and a segment without tags: the key does nothing
    page.keyboard.press("Alt+7")
    expect(box(page, 2)).to_have_value("65か国の共同声明を読む。")
    box(page, 4).fill("両大臣は会談した。")
    page.keyboard.press("Alt+1")
    expect(box(page, 4)).to_have_value("両大臣は会談した。")


def test_alt_number_outside_a_translation_box_does_nothing(tagged_editor):
    page = tagged_editor
    box(page, 2).fill("共同声明")
    page.locator("#search").focus()
    page.keyboard.press("Alt+1")
    expect(page.locator("#search")).to_have_value("")
    page.locator("#seg-2 details.comments-box summary").click()
    comment = page.get_by_label("Comment on segment 2")
    comment.fill("リンク先を確認")
    page.keyboard.press("Alt+1")
    expect(comment).to_have_value("リンク先を確認")
    expect(box(page, 2)).to_have_value("共同声明")


def test_the_tagged_editor_passes_the_accessibility_audit(tagged_editor):
    page = tagged_editor
    box(page, 2).focus()
    assert violations(page) == []


def test_the_read_only_tokens_pass_the_accessibility_audit(page, live_server, users, web_project):
    build_tagged_article(web_project, langs=("ja",))
    sign_in(page, live_server, users.translator_de)
    page.goto(f"{live_server}/articles/tagged/ja")
    expect(page.locator("#seg-2 .tag-chip").first).to_have_text("a1")
    assert page.locator("#seg-2 button.tag-chip").count() == 0
    assert violations(page) == []
