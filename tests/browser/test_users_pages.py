"""The account pages in chromium: an admin adds a colleague, who signs in with the password shown once
and makes an API token; axe finds no accessibility violation on any of these pages."""
from __future__ import annotations

import re

import pytest
import requests

from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import violations
from tests.web.conftest import WebUser

pytestmark = pytest.mark.browser


def test_an_admin_adds_a_colleague_who_signs_in_and_makes_a_token(page, browser, live_server, users):
    sign_in(page, live_server, users.admin)
    page.get_by_role("link", name="Users").click()
    assert violations(page) == []
    page.get_by_label("Username").fill("nora")
    page.get_by_label("Role").select_option("translator")
    page.get_by_label("Chinese (zh)").check()
    page.get_by_label("Vietnamese (vi)").check()
    page.get_by_role("button", name="Add account").click()
    password = page.locator(".secret-value").inner_text()
    assert len(password) >= 12
    assert violations(page) == []
    page.get_by_role("link", name="← Users").click()
    row = page.get_by_role("row", name="nora")
    assert row.get_by_role("cell").all_inner_texts() == ["nora", "translator", "zh,vi", "active", "0"]

    context = browser.new_context(locale="en-GB")
    nora = context.new_page()
    try:
        sign_in(nora, live_server, WebUser("nora", "translator", password, ""))
        nora.get_by_role("link", name="nora").click()
        assert nora.get_by_role("heading", name="nora").is_visible()
        nora.get_by_label("Label").fill("laptop")
        nora.get_by_role("button", name="Create token").click()
        token = nora.locator(".secret-value").inner_text()
        assert violations(nora) == []
        me = requests.get(f"{live_server}/api/me", headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert me.json() == {"name": "nora", "role": "translator", "languages": ["zh", "vi"]}
        nora.goto(f"{live_server}/account")
        nora.get_by_role("button", name=re.compile(r"Revoke token #\d+")).click()
        nora.wait_for_url(f"{live_server}/account")
        gone = requests.get(f"{live_server}/api/me", headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert gone.status_code == 403
    finally:
        context.close()


def test_an_accounts_page_as_the_admin_sees_it(page, live_server, users):
    sign_in(page, live_server, users.admin)
    page.goto(f"{live_server}/users/rita")
    assert page.get_by_label("Role").input_value() == "reviewer"
    assert page.get_by_label("Japanese (ja)").is_checked() and page.get_by_label("Arabic (ar)").is_checked()
    assert not page.get_by_label("German (de)").is_checked()
    assert violations(page) == []
    page.get_by_role("button", name="Set a new password").click()
    assert page.locator(".secret-value").is_visible()
    assert violations(page) == []
