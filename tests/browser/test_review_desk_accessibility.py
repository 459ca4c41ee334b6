"""axe finds no WCAG 2.1 A/AA violation on the review desk's pages: suggestions, notifications, the
account page's choices, and the editor with the withdrawal dialog open."""
from __future__ import annotations

import pytest

from tms.services import certification, review
from tms.services.notifications import notify
from tms.services.users import get_user
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import violations
from tests.web.factory import HUMAN_JA

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(web_project, users):
    """Every segment approved and certified, a suggestion for the first, a notification for the approver."""
    reviewer = get_user(web_project, users.reviewer.name)
    for seg, text in zip(review.get_segments(web_project, "demo", "ja").segments, HUMAN_JA):
        review.save_segment(web_project, reviewer, "demo", "ja", seg.key, text, "approved", seg.revision)
    certification.certify(web_project, get_user(web_project, users.approver.name), "demo", "ja")
    first = review.get_segments(web_project, "demo", "ja").segments[0]
    review.save_segment(web_project, get_user(web_project, users.translator.name), "demo", "ja", first.key,
                        "日韓、新交流で合意", None, first.revision)
    notify(web_project, "mention", [users.approver.name], "tina mentioned you in demo (Japanese)",
           link="/articles/demo/ja")
    return first.key


@pytest.mark.parametrize("path", ["/notifications", "/account", "/my-work", "/", "/articles/demo/ja/segments/{key}/proposals",
                                  "/articles/demo/ja?state=suggested", "/articles/demo/ja/bulk?find=両&replace=二人の",
                                  "/articles/demo/ja/concordance?q=minister"])
def test_the_review_desk_pages(page, live_server, users, desk, path):
    sign_in(page, live_server, users.approver)
    page.goto(live_server + path.format(key=desk))
    assert violations(page) == []


def test_the_editor_with_suggestions_and_the_withdrawal_dialog_open(page, live_server, users, desk):
    sign_in(page, live_server, users.approver)
    page.goto(f"{live_server}/articles/demo/ja")
    page.locator("#seg-1 details.proposals-box summary").click()
    page.locator("#seg-1 .proposal").wait_for()
    assert violations(page) == []
    page.get_by_label("Segment 2 (Japanese)").fill("両大臣は会談した。")
    page.locator("#seg-2").get_by_role("button", name="Save").click()
    page.locator("#withdraw-dialog").wait_for(state="visible")
    assert violations(page) == []
