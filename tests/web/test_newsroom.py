"""The newsroom pages: new article (upload or paste, preview, confirm), the plan, my work, the editor's files
panel and XLIFF upload, the previous source's diff, the dashboard's deadlines, the webhook deliveries."""
from __future__ import annotations

import io
import re

import pytest

from tms.services import schedules
from tms.services.users import create_user
from tests.web.conftest import PASSWORD, WebUser, csrf_token, login
from tests.web.test_api_articles import ARTICLE_HTML, NEW_VERSION


@pytest.fixture
def editor(web_project) -> WebUser:
    create_user(web_project, "eddie", "editor", PASSWORD, None)
    return WebUser("eddie", "editor", PASSWORD, "")


def _post(client, url, **data):
    return client.post(url, data={"csrf_token": csrf_token(client), **data}, content_type="multipart/form-data")


def test_the_new_article_page_is_for_editors(client, users, editor):
    login(client, users.translator)
    assert client.get("/newsroom/new").status_code == 403
    assert "New article" not in client.get("/").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    login(client, editor)
    page = client.get("/newsroom/new")
    assert page.status_code == 200 and 'type="file"' in page.get_data(as_text=True)
    assert "New article" in client.get("/").get_data(as_text=True)


def test_upload_preview_then_confirm(client, editor, web_project):
    login(client, editor)
    preview = _post(client, "/newsroom/preview", file=(io.BytesIO(ARTICLE_HTML.encode()), "summit.html"),
                    deadline="2030-01-15T18:00", priority="2")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200, html
    assert "English (en)" in html and "Seoul hosts regional summit" in html
    assert html.count('<td class="role">') == 4 and "2030-01-15 18:00 KST" in html
    assert not web_project.originals_dir.exists() or not list(web_project.originals_dir.glob("*.md"))
    fields = dict(re.findall(r'<input name="(\w+)" type="hidden" value="([^"]*)"', html))
    confirmed = _post(client, "/newsroom/confirm", **{k: v for k, v in fields.items() if k != "csrf_token"})
    assert confirmed.status_code == 302 and "/newsroom/articles/2026-12-01-seoul-hosts-regional-summit/plan" in confirmed.location
    plan = schedules.article_plan(web_project, "2026-12-01-seoul-hosts-regional-summit")
    assert plan.deadline.isoformat() == "2030-01-15T09:00:00+00:00" and plan.priority == 2


def test_pasted_text_and_bad_input_come_back_to_the_form_with_the_message(client, editor, web_project):
    login(client, editor)
    nothing = _post(client, "/newsroom/preview", content="")
    assert nothing.status_code == 400 and "choose a file to upload, or paste" in nothing.get_data(as_text=True)
    bad = _post(client, "/newsroom/preview", content="Ministers met.", format="text", lang="xx")
    assert bad.status_code == 400 and "xx" in bad.get_data(as_text=True)
    pasted = _post(client, "/newsroom/preview", content="장관들이 월요일 서울에서 만났다. 그들은 합의했다.", format="text")
    assert pasted.status_code == 200 and "Korean (ko)" in pasted.get_data(as_text=True)
    assert not web_project.originals_dir.exists() or not list(web_project.originals_dir.glob("*.md"))


def test_the_plan_page_assigns_a_language_and_my_work_shows_it_first(client, editor, users, web_project):
    login(client, editor)
    _post(client, "/newsroom/confirm", content=ARTICLE_HTML, format="html", id="summit")
    saved = _post(client, "/newsroom/articles/summit/plan", deadline="2030-01-15T18:00", priority="3",
                  **{"deadline-ja": "2030-01-10T09:00", "assignee-ja": "tina", "priority-ja": "1"})
    assert saved.status_code == 302
    plan = schedules.get_plan(web_project, "summit", "ja")
    assert (plan.assignee, plan.priority, plan.deadline.isoformat()) == ("tina", 1, "2030-01-10T00:00:00+00:00")
    assert schedules.get_plan(web_project, "summit", "de").assignee == ""
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    login(client, users.translator)
    work = client.get("/my-work").get_data(as_text=True)
    rows = re.findall(r'data-article="([^"]+)" data-lang="(\w+)"', work)
    assert rows[0] == ("summit", "ja") and ("demo", "ja") in rows
    assert "2030-01-10 09:00 KST" in work and "urgent" in work
    assert _post(client, "/newsroom/articles/summit/plan", deadline="").status_code == 403


def test_the_dashboard_shows_deadlines_first_and_marks_the_overdue(client, editor, web_project):
    login(client, editor)
    _post(client, "/newsroom/confirm", content=ARTICLE_HTML, format="html", id="summit", deadline="2001-01-01T09:00")
    page = client.get("/").get_data(as_text=True)
    assert page.index("summit") < page.index(">demo<")
    assert "overdue by" in page and 'class="due overdue"' in page


def test_the_editor_offers_files_takes_an_xliff_and_shows_how_the_source_changed(client, editor, users, web_project):
    from tms.services.newsroom import submission, update_source
    from tms.services.users import get_user

    login(client, editor)
    _post(client, "/newsroom/confirm", content=ARTICLE_HTML, format="html", id="summit")
    page = client.get("/articles/summit/ja").get_data(as_text=True)
    for fmt in ("po", "mo", "xliff"):
        assert f"/api/articles/summit/ja/catalog?format={fmt}" in page
    xliff = client.get("/api/articles/summit/ja/catalog?format=xliff").data.decode("utf-8")
    translated = re.sub(r'(<source>Seoul hosts regional summit</source>)\s*(<target[^>]*/>|<target[^>]*>.*?</target>)?',
                        r'\1<target state="translated">ソウルで地域首脳会議</target>', xliff, count=1)
    assert translated != xliff
    uploaded = _post(client, "/newsroom/articles/summit/ja/xliff",
                     file=(io.BytesIO(translated.encode("utf-8")), "back.xlf"))
    assert uploaded.status_code == 302
    assert "back.xlf: 1 segments updated" in client.get(uploaded.location).get_data(as_text=True)
    new_title = NEW_VERSION.replace("Seoul hosts regional summit", "Seoul hosts big regional summit")
    update_source(web_project, get_user(web_project, "eddie"), "summit",
                  submission(web_project, content=new_title, fmt="html"))
    page = client.get("/articles/summit/ja").get_data(as_text=True)
    assert "The source changed:" in page and "<ins>big </ins>" in page


def test_the_webhook_page_is_for_admins(client, users, editor, web_project):
    login(client, editor)
    assert client.get("/newsroom/webhooks").status_code == 403
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    login(client, users.admin)
    web_project.config_path.write_text('[[webhooks]]\nurl = "http://127.0.0.1:9/h"\nsecret = "0123456789abcdef"\n'
                                       '[delivery]\nmax_attempts = 1\n')
    from tms.services.webhooks import deliver, emit

    [delivery_id] = emit(web_project, "catalog.certified", "demo", "ja")
    deliver(web_project, delivery_id, requeue=False)
    page = client.get("/newsroom/webhooks").get_data(as_text=True)
    assert "catalog.certified" in page and "delivery-failed" in page and "http://127.0.0.1:9/h" in page
    retried = _post(client, f"/newsroom/webhooks/{delivery_id}/retry")
    assert retried.status_code == 302
    assert "delivery-pending" in client.get("/newsroom/webhooks").get_data(as_text=True)


def test_every_form_needs_the_csrf_token(client, editor, web_project):
    login(client, editor)
    for url in ("/newsroom/preview", "/newsroom/confirm", "/newsroom/articles/demo/ja/xliff",
                "/newsroom/webhooks/1/retry"):
        response = client.post(url, data={"content": "Ministers met.", "format": "text"})
        assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True), url
    assert not web_project.originals_dir.exists() or not list(web_project.originals_dir.glob("*.md"))


def test_a_reader_chooses_the_time_zone_of_deadlines(client, editor, users, web_project):
    login(client, editor)
    _post(client, "/newsroom/confirm", content=ARTICLE_HTML, format="html", id="summit", deadline="2030-01-15T18:00")
    assert "2030-01-15 18:00 KST" in client.get("/my-work").get_data(as_text=True)
    chosen = _post(client, "/newsroom/time-zone", tz="Europe/Paris", next="/")
    assert chosen.status_code == 302 and chosen.location == "/"
    assert "2030-01-15 10:00 CET" in client.get("/my-work").get_data(as_text=True)
    assert "due 01-15 10:00 CET" in client.get("/").get_data(as_text=True)
    assert "2030-01-15 04:00 EST" in client.get("/my-work?tz=America/New_York").get_data(as_text=True)
    assert client.get("/my-work?tz=Mars/Base").status_code == 400
    assert _post(client, "/newsroom/time-zone", tz="Mars/Base").status_code == 400
