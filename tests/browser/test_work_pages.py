"""The work queues in chromium: the dashboard's cells count what is left and open the editor on those
segments; "My work" lists what waits for the person, overdue first, and filters by language and by
assignment; axe finds no WCAG A/AA violation on either."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import violations
from tests.web.factory import HUMAN_JA, build_article
from tms.services import review, schedules
from tms.services.proposals import create_proposal
from tms.services.users import Account, AccountRole, get_user
from tms.storage.database import utcnow

pytestmark = pytest.mark.browser

EDITOR = Account(1, "eddie", AccountRole.EDITOR)


@pytest.fixture
def desk(web_project, users):
    """demo in Japanese: segment 1 translated, 2 the pseudo engine's (an error), 3 approved, 4 empty with a
    suggestion; summit overdue and assigned to rita in Arabic; budget due later, with a headline."""
    reviewer = get_user(web_project, users.reviewer.name)
    segments = review.get_segments(web_project, "demo", "ja").segments
    review.save_segment(web_project, reviewer, "demo", "ja", segments[0].key, HUMAN_JA[0], None, segments[0].revision)
    review.save_segment(web_project, reviewer, "demo", "ja", segments[2].key, HUMAN_JA[2], "approved",
                        segments[2].revision)
    last = segments[3]
    create_proposal(web_project, users.translator.name, "demo", "ja", last.key, "握手する二人の大臣。", "")
    build_article(web_project, "summit", langs=("ja", "ar"), machine=False)
    build_article(web_project, "budget", langs=("ja", "ar"), machine=False)
    web_project.originals_dir.mkdir(parents=True, exist_ok=True)
    web_project.original_path("budget").write_text("---\nid: budget\nlanguage: en\ntitle: Budget passes the "
                                                   "National Assembly\n---\n", encoding="utf-8")
    schedules.set_schedule(web_project, EDITOR, "summit", deadline=(utcnow() - timedelta(hours=3)).isoformat(),
                           priority="urgent")
    schedules.set_schedule(web_project, EDITOR, "summit", "ar", assignee=users.reviewer.name)
    schedules.set_schedule(web_project, EDITOR, "budget", deadline="2030-01-15T09:00Z")
    return web_project


def test_dashboard_cells_count_and_open_the_editor_on_those_segments(page, live_server, users, desk):
    sign_in(page, live_server, users.translator)                           # Japanese
    cell = page.locator('#dashboard tbody tr', has_text="demo").locator('td[data-lang="ja"]')
    counts = cell.locator("ul.counts li").all_inner_texts()
    assert counts == ["2 to translate", "1 to review", "1 error", "1 machine"]
    assert violations(page) == []
    cell.get_by_role("link", name="2 to translate").click()
    page.wait_for_url("**/articles/demo/ja?state=untranslated&state=machine&state=needs-editing")
    shown = page.locator("ol.segments > li.segment")
    assert [shown.nth(i).get_attribute("id") for i in range(shown.count())] == ["seg-2", "seg-4"]
    page.go_back()
    cell.get_by_role("link", name="1 error").click()
    page.wait_for_url("**/articles/demo/ja?state=errors")
    assert shown.count() == 1 and shown.first.get_attribute("id") == "seg-2"


def test_my_work_lists_overdue_first_and_filters(page, live_server, users, desk):
    sign_in(page, live_server, users.reviewer)                             # Japanese and Arabic
    page.get_by_role("link", name="My work").click()
    page.wait_for_url("**/my-work")
    rows = page.locator("#my-work tbody tr")
    order = [(rows.nth(i).get_attribute("data-article"), rows.nth(i).get_attribute("data-lang"))
             for i in range(rows.count())]
    assert order == [("summit", "ar"), ("summit", "ja"), ("budget", "ja"), ("budget", "ar"),
                     ("demo", "ja"), ("demo", "ar")]      # overdue, then by deadline, own first, most work
    first = rows.first
    assert "overdue by 3 h" in first.locator(".due-cell").inner_text()
    cells = first.get_by_role("cell")
    assert [cells.nth(i).inner_text() for i in (0, 2, 3)] == ["Arabic", "urgent", "you"]
    assert first.get_by_role("link", name="4 to translate").is_visible()
    budget = rows.nth(2)
    assert budget.get_by_role("rowheader").inner_text().startswith("Budget passes the National Assembly")
    assert budget.get_by_role("cell").nth(1).inner_text().startswith("2030-01-15 18:00 KST")
    demo = rows.nth(4)
    assert demo.get_by_role("link", name="1 with suggestions").is_visible()
    assert demo.get_by_role("link", name="1 to review").is_visible()
    assert violations(page) == []

    page.get_by_label("Language").select_option("ar")
    page.get_by_label("Assigned to me only").check()
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/my-work?lang=ar&mine=1")
    assert page.locator("#my-work tbody tr").count() == 1
    assert page.locator("#work-count").inner_text() == "1 catalog in Arabic waits for you (assigned to you)"
    assert violations(page) == []
    page.get_by_role("link", name="Show all my work").click()
    page.wait_for_url("**/my-work")
    page.locator('#my-work tr[data-article="demo"][data-lang="ja"]').get_by_role(
        "link", name="1 with suggestions").click()
    page.wait_for_url("**/articles/demo/ja?state=suggested")
    assert page.locator("ol.segments > li.segment").count() == 1


def test_an_approver_sees_what_is_ready_for_certification(page, live_server, users, desk):
    reviewer = get_user(desk, users.reviewer.name)
    for seg, text in zip(review.get_segments(desk, "demo", "ja").segments, HUMAN_JA):
        if seg.state.slug != "approved":
            review.save_segment(desk, reviewer, "demo", "ja", seg.key, text, "approved", seg.revision)
    sign_in(page, live_server, users.approver)                             # Japanese
    page.goto(f"{live_server}/my-work")
    row = page.locator('#my-work tbody tr[data-article="demo"]')
    row.get_by_role("link", name="ready for certification").click()
    page.wait_for_url(re.compile(r"/articles/demo/ja#certification$"))
    page.goto(f"{live_server}/my-work")
    assert violations(page) == []
