"""An accessibility audit of every page with axe-core (the engine of Lighthouse and Deque's tools).

Every control must have a name, every image its text, headings and landmarks their structure, colours
enough contrast: axe reports any violation of the WCAG 2.1 A and AA rules it can check automatically.
"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import sign_in
from tests.web.factory import unit_keys

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


def violations(page) -> list[str]:
    """One line per violated rule: its id, impact, how many elements, and the first of them."""
    found = Axe().run(page, options=WCAG).response["violations"]
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']} -- {v['nodes'][0]['html'][:160]}"
            for v in found]


def test_the_sign_in_page(page, live_server):
    page.goto(f"{live_server}/login")
    assert violations(page) == []


@pytest.mark.parametrize("path", [
    "/", "/?lang=ja&status=machine", "/articles/demo/ja", "/articles/demo/ja?state=failing", "/articles/demo/ar",
    "/preview/demo/ja", "/jobs/", "/articles/demo/ja/segments/{key}/history",
    "/articles/demo/ja/segments/{key}/comments"])
def test_the_pages_of_a_signed_in_approver(page, live_server, users, web_project, path):
    # The editor with everything it can show: glossary terms, check findings, the certification form.
    (web_project.root / "glossary").mkdir()
    (web_project.root / "glossary" / "ja.csv").write_text("source,target,dnt\nministers,閣僚,\nSeoul,,yes\n",
                                                         encoding="utf-8")
    sign_in(page, live_server, users.approver)
    page.goto(live_server + path.format(key=unit_keys(web_project)[0]))
    assert violations(page) == []


def test_the_editor_with_a_segment_chosen_and_its_suggestions_open(page, live_server, users, web_project):
    web_project.config_path.write_text('[prefill]\nengine = "pseudo"\n', encoding="utf-8")
    sign_in(page, live_server, users.translator)
    page.goto(f"{live_server}/articles/demo/ja")
    page.get_by_label("Segment 2 (Japanese)").focus()
    page.get_by_role("button", name="Ask machine translation").click()
    page.locator("#suggestions .suggestion").first.wait_for()
    # The history box sits above the comments box: open the comments once the history has loaded, so that
    # their box does not move under the click.
    page.locator("#seg-2 details.history-box summary").click()
    page.locator("#seg-2 details.history-box[data-loaded]").wait_for()
    page.locator("#seg-2 details.comments-box summary").click()
    page.get_by_label("Comment on segment 2").wait_for()
    assert violations(page) == []
