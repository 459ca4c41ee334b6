"""The translation-memory page in chromium: an admin uploads a TMX file, searches it, and sees where each
unit came from; axe finds no accessibility violation on the page."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser
TMX = Path(__file__).resolve().parent.parent / "data" / "memory" / "archive-2024.tmx"


def test_an_admin_uploads_a_memory_and_searches_it(page, live_server, users):
    sign_in(page, live_server, users.admin)
    page.get_by_role("link", name="Memory").click()
    assert violations(page) == []
    page.get_by_label("Memory file (.tmx, .tsv)").set_input_files(str(TMX))
    page.get_by_role("button", name="Import").click()
    assert page.get_by_text("archive-2024.tmx: 4 units added, 0 already in the memory.").is_visible()
    page.get_by_role("searchbox", name="Text").fill("cooperation")
    page.get_by_label("Into").select_option("en")
    page.get_by_role("button", name="Search").click()
    rows = page.get_by_role("table", name="2 units containing “cooperation”").get_by_role("row")
    assert rows.count() == 3
    assert "imported from archive-2024.tmx, 2024-06-02" in rows.nth(1).inner_text() + rows.nth(2).inner_text()
    assert violations(page) == []


def test_a_translator_has_no_memory_link(page, live_server, users):
    sign_in(page, live_server, users.translator)
    assert page.get_by_role("link", name="Memory").count() == 0
