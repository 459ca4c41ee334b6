""""My work" in the browser's terms, through Flask's test client: one page at /my-work with the plan and the
figures of each catalog, its filters, the role rules, and the old address of the newsroom's page."""
from __future__ import annotations

import re
from datetime import timedelta

from tests.web.conftest import csrf_token
from tests.web.factory import HUMAN_JA, build_article
from tests.web.test_pages import save, signed_in
from tms.services import schedules
from tms.services.users import Account, AccountRole
from tms.storage.database import utcnow

EDITOR = Account(1, "eddie", AccountRole.EDITOR)


def _rows(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<tr class="work-item[^"]*" data-article="([^"]+)" data-lang="(\w+)"', html)


def _headline(project, article_id: str, title: str) -> None:
    project.originals_dir.mkdir(parents=True, exist_ok=True)
    project.original_path(article_id).write_text(f"---\nid: {article_id}\nlanguage: en\ntitle: {title}\n---\n",
                                                 encoding="utf-8")


def test_one_page_with_plan_and_figures_overdue_first(client, users, web_project):
    build_article(web_project, "summit", langs=("ja",), machine=False)
    build_article(web_project, "budget", langs=("ja",), machine=False)
    _headline(web_project, "summit", "Seoul hosts regional summit")
    schedules.set_schedule(web_project, EDITOR, "summit", deadline=(utcnow() - timedelta(hours=2)).isoformat())
    schedules.set_schedule(web_project, EDITOR, "budget", deadline="2030-01-15T09:00Z", priority="high")
    schedules.set_schedule(web_project, EDITOR, "budget", "ja", assignee="tina")
    signed_in(client, users.translator)
    html = client.get("/my-work").get_data(as_text=True)
    assert _rows(html) == [("summit", "ja"), ("budget", "ja"), ("demo", "ja")]
    assert "3 catalogs in your languages wait for you" in html
    summit = re.search(r'<tr class="work-item overdue" data-article="summit".*?</tr>', html, re.S).group(0)
    assert '<a href="/articles/summit/ja">Seoul hosts regional summit</a> <span class="article-id">summit</span>' in summit
    assert "<strong>overdue by 2 h" in summit
    budget = re.search(r'data-article="budget".*?</tr>', html, re.S).group(0)
    assert "2030-01-15 18:00 KST" in budget and ">high<" in budget and "<td>you</td>" in budget
    assert 'href="/articles/budget/ja?state=untranslated&amp;state=machine&amp;state=needs-editing">4<' in budget
    assert "<th scope=\"col\">To review</th>" not in html and "Suggestions" not in html   # translators translate


def test_reviewers_see_what_to_review_and_approvers_what_to_certify(client, users, web_project):
    signed_in(client, users.reviewer)
    for index, text in enumerate(HUMAN_JA):
        assert save(client, web_project, index, text, action="approve" if index else "save").status_code == 302
    html = client.get("/my-work").get_data(as_text=True)
    assert _rows(html) == [("demo", "ar"), ("demo", "ja")]                 # no deadlines: the most work first
    ja = re.search(r'data-lang="ja".*?</tr>', html, re.S).group(0)
    assert 'href="/articles/demo/ja?state=translated">1<span class="visually-hidden"> to review</span>' in ja
    assert "<th scope=\"col\">Suggestions</th>" in html and "ready for certification" not in html
    save(client, web_project, 0, HUMAN_JA[0], action="approve")
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    signed_in(client, users.approver)                                       # Japanese
    html = client.get("/my-work").get_data(as_text=True)
    assert _rows(html) == [("demo", "ja")]
    assert 'href="/articles/demo/ja#certification">ready for certification</a>' in html


def test_filters_by_language_and_own_assignments(client, users, web_project):
    build_article(web_project, "summit", langs=("ja", "ar"), machine=False)
    schedules.set_schedule(web_project, EDITOR, "summit", "ar", assignee="rita")
    signed_in(client, users.reviewer)                                       # Japanese and Arabic
    assert len(_rows(client.get("/my-work").get_data(as_text=True))) == 4
    arabic = client.get("/my-work?lang=ar").get_data(as_text=True)
    assert _rows(arabic) == [("summit", "ar"), ("demo", "ar")]              # her own first
    assert '<option value="ar" selected>Arabic</option>' in arabic and "2 catalogs in Arabic wait for you" in arabic
    mine = client.get("/my-work?mine=1").get_data(as_text=True)
    assert _rows(mine) == [("summit", "ar")] and 'name="mine" value="1" checked' in mine
    assert "(assigned to you)" in mine and 'href="/my-work">Show all my work</a>' in mine
    nothing = client.get("/my-work?lang=ja&mine=1").get_data(as_text=True)
    assert _rows(nothing) == [] and "Nothing is waiting for you with these filters." in nothing
    refused = client.get("/my-work?lang=de")
    assert refused.status_code == 400
    assert "you do not work in German (de); your languages: ja, ar" in refused.get_data(as_text=True)
    assert client.get("/my-work?mine=maybe").status_code == 400
    assert client.get("/my-work?page=first").status_code == 400


def test_pages_of_fifty(client, users, web_project):
    for number in range(55):
        build_article(web_project, f"extra-{number:02d}", langs=("ja",), machine=False)
    signed_in(client, users.translator)
    first = client.get("/my-work").get_data(as_text=True)
    assert len(_rows(first)) == 50 and "56 catalogs in your languages wait for you, page 1 of 2" in first
    assert 'href="/my-work?page=2" rel="next"' in first
    second = client.get("/my-work?page=2").get_data(as_text=True)
    assert len(_rows(second)) == 6 and 'rel="prev"' in second


def test_the_newsroom_address_leads_to_my_work_with_its_query(client, users):
    moved = client.get("/newsroom/my-work?tz=Europe/Paris&lang=ja")
    assert moved.status_code == 301 and moved.location == "/my-work?tz=Europe/Paris&lang=ja"
    assert client.get("/newsroom/my-work").location == "/my-work"
    signed_in(client, users.translator)
    followed = client.get("/newsroom/my-work?tz=Europe/Paris", follow_redirects=True)
    assert followed.status_code == 200 and "times in Europe/Paris" in followed.get_data(as_text=True)


def test_one_entry_in_the_navigation(client, users):
    signed_in(client, users.translator)
    html = client.get("/").get_data(as_text=True)
    nav = re.search(r'<nav aria-label="Main">.*?</nav>', html, re.S).group(0)
    assert nav.count(">My work<") == 1 and 'href="/my-work"' in nav and "Queue" not in nav
    assert 'aria-current="page">My work<' in client.get("/my-work").get_data(as_text=True)


def test_a_chosen_time_zone_comes_back_to_my_work(client, users):
    signed_in(client, users.translator)
    chosen = client.post("/newsroom/time-zone", data={"tz": "Asia/Tokyo", "csrf_token": csrf_token(client)})
    assert chosen.status_code == 302 and chosen.location == "/my-work"
    assert "times in Asia/Tokyo" in client.get("/my-work").get_data(as_text=True)
