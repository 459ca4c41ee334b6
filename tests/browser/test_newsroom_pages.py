"""The newsroom in chromium: an editor uploads an HTML article with a deadline, checks the segments tms
read, confirms; the translator then finds it at the top of "My work" with its deadline. axe finds no
accessibility violation on the new pages."""
from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import violations
from tests.web.conftest import PASSWORD, WebUser
from tests.web.test_api_articles import ARTICLE_HTML
from tms.services.users import create_user

pytestmark = pytest.mark.browser


def test_an_editor_uploads_checks_and_confirms_and_the_translator_sees_it_first(
        page, browser, live_server, users, web_project, tmp_path):
    create_user(web_project, "eddie", "editor", PASSWORD, None)
    source = tmp_path / "summit.html"
    source.write_text(ARTICLE_HTML, encoding="utf-8")

    sign_in(page, live_server, WebUser("eddie", "editor", PASSWORD, ""))
    page.get_by_role("link", name="New article").click()
    assert violations(page) == []
    page.get_by_label("File").set_input_files(str(source))
    page.get_by_label("Deadline").fill("2030-01-15T18:00")
    page.get_by_label("Priority").select_option("high")
    page.get_by_role("button", name="Preview").click()

    assert page.locator("#preview-language").inner_text() == "English (en)"
    assert page.locator("#preview-title-text").inner_text() == "Seoul hosts regional summit"
    assert page.locator("#preview-deadline").inner_text() == "2030-01-15 18:00 KST"
    rows = page.locator("#preview-segments tbody tr")
    assert rows.count() == 4
    assert rows.nth(0).inner_text().split("\t") == ["1", "title", "Seoul hosts regional summit"]
    assert "They agreed on a common approach to trade." in rows.nth(2).inner_text()
    assert violations(page) == []
    assert not web_project.original_path("2026-12-01-seoul-hosts-regional-summit").exists()   # nothing written yet
    page.get_by_role("button", name="Import this article").click()
    page.wait_for_url("**/newsroom/articles/2026-12-01-seoul-hosts-regional-summit/plan")
    assert "Imported 2026-12-01-seoul-hosts-regional-summit (en, 4 segments)" in page.locator(".flashes").inner_text()
    assert violations(page) == []

    context = browser.new_context(locale="en-GB")
    tina = context.new_page()
    try:
        sign_in(tina, live_server, users.translator)
        tina.get_by_role("link", name="My work").click()
        first = tina.locator("#my-work tbody tr").first
        assert first.get_attribute("data-article") == "2026-12-01-seoul-hosts-regional-summit"
        assert first.get_by_role("rowheader").get_by_role("link").inner_text() == "Seoul hosts regional summit"
        cells = first.get_by_role("cell").all_inner_texts()
        assert cells[0] == "Japanese" and cells[1].startswith("2030-01-15 18:00 KST") and "left" in cells[1]
        assert cells[2] == "high"
        assert violations(tina) == []
        first.get_by_role("rowheader").get_by_role("link").click()
        tina.wait_for_url("**/articles/2026-12-01-seoul-hosts-regional-summit/ja")
    finally:
        context.close()
