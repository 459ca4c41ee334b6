"""Bad requests get clean 4xx answers, and errors never show the client the server's insides: no database
URL, no SQL, no absolute path. On SQLite and on PostgreSQL alike."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from tms.storage import files
from tms.storage.database import get_database
from tests.web.conftest import csrf_token, login, token_of
from tests.web.factory import unit_keys

INTERNALS = ("sqlite", "postgresql", "psycopg", "INSERT", "SELECT", "comments.", "Traceback", "/tmp/", "/work/")


def _assert_nothing_leaks(response, project) -> None:
    body = response.get_data(as_text=True)
    for secret in (*INTERNALS, str(project.root)):
        assert secret not in body, f"{secret!r} shown to the client: {body[:300]}"


def _comment_url(project) -> str:
    return f"/api/articles/demo/ja/comments"


@pytest.mark.parametrize("text_", ["a\x00b", "bell\x07", "esc\x1b[31m", "del\x7f", "c1\x85x"])
def test_control_characters_in_a_comment_are_refused(any_db_app, users, web_project, text_):
    client = any_db_app.test_client()
    key = unit_keys(web_project)[0]
    response = client.post(_comment_url(web_project), json={"key": key, "text": text_},
                           headers=token_of(any_db_app, users.translator))
    assert response.status_code == 400
    assert "control character U+" in response.get_json()["error"]
    _assert_nothing_leaks(response, web_project)
    listed = client.get(f"{_comment_url(web_project)}?key={key}", headers=token_of(any_db_app, users.translator))
    assert listed.get_json()["comments"] == []


def test_a_comment_with_nul_from_the_form_is_refused(any_db_app, users, web_project):
    client = any_db_app.test_client()
    login(client, users.translator)
    key = unit_keys(web_project)[0]
    response = client.post(f"/articles/demo/ja/segments/{key}/comments",
                           data={"csrf_token": csrf_token(client), "text": "NUL \x00 here"})
    assert response.status_code == 400
    assert "control character U+0000" in response.get_data(as_text=True)
    _assert_nothing_leaks(response, web_project)


def test_tabs_and_line_breaks_are_fine_in_a_comment(any_db_app, users, web_project):
    client = any_db_app.test_client()
    key = unit_keys(web_project)[0]
    response = client.post(_comment_url(web_project), json={"key": key, "text": "line one\n\tline two\r\n"},
                           headers=token_of(any_db_app, users.translator))
    assert response.status_code == 201


def test_a_token_label_with_control_characters_is_refused(any_db_app, users, web_project):
    client = any_db_app.test_client()
    login(client, users.translator)
    response = client.post("/account/tokens", data={"csrf_token": csrf_token(client), "label": "lap\x00top"})
    assert response.status_code == 400
    _assert_nothing_leaks(response, web_project)


def test_a_database_error_shows_a_reference_and_logs_the_details(any_db_app, users, web_project, caplog):
    client = any_db_app.test_client()
    with get_database(web_project).engine.begin() as connection:       # the database breaks under the server
        connection.execute(text("DROP TABLE comments"))
    key = unit_keys(web_project)[0]
    with caplog.at_level(logging.ERROR):
        api = client.post(_comment_url(web_project), json={"key": key, "text": "a fine comment"},
                          headers=token_of(any_db_app, users.translator))
    assert api.status_code == 500
    message = api.get_json()["error"]
    assert message.startswith("the server could not complete this request") and "server's log" in message
    _assert_nothing_leaks(api, web_project)
    reference = message.rsplit(" ", 1)[1]
    assert any(reference in record.getMessage() and record.exc_info for record in caplog.records)
    login(client, users.translator)
    page = client.get(f"/articles/demo/ja/segments/{key}/comments")
    assert page.status_code == 500 and "the server could not complete this request" in page.get_data(as_text=True)
    _assert_nothing_leaks(page, web_project)


def test_an_unexpected_exception_is_a_plain_500(client, users, web_project, monkeypatch):
    from tms.services import review

    def broken(*_args, **_kwargs):
        raise RuntimeError(f"secret detail at {web_project.root}/locales")

    monkeypatch.setattr(review, "get_segments", broken)
    response = client.get("/api/articles/demo/ja", headers={"Authorization": f"Bearer {users.translator.token}"})
    assert response.status_code == 500 and "secret detail" not in response.get_data(as_text=True)
    _assert_nothing_leaks(response, web_project)


# -- JSON bodies ------------------------------------------------------------------------------------
@pytest.mark.parametrize("body, why", [
    ('{"key": "%s", "text": "\\ud800 lone"}', "lone surrogate"),
    ('{"key": "%s", "text": "ok", "\\udfff": 1}', "lone surrogate"),
    ("[" * 100_000 + "]" * 100_000, "nested deeper"),
    ('{"key": "%s", "text": ' + "[" * 70 + "]" * 70 + "}", "nested deeper"),
    ('{"key": "%s", "text": "unfinished', "not valid JSON"),
    (b'{"text": "\xff\xfe bad utf-8"}', "not valid JSON"),
])
def test_bad_json_bodies_are_400(client, users, web_project, body, why):
    if isinstance(body, str) and "%s" in body:
        body = body % unit_keys(web_project)[0]
    response = client.post(_comment_url(web_project), data=body, content_type="application/json",
                           headers={"Authorization": f"Bearer {users.translator.token}"})
    assert response.status_code == 400
    assert why in response.get_json()["error"]


def test_deep_json_to_an_endpoint_that_takes_an_optional_body_is_400_or_ignored(client, users):
    response = client.post("/api/changes/1/revert", data="[" * 100_000 + "]" * 100_000,
                           content_type="application/json",
                           headers={"Authorization": f"Bearer {users.reviewer.token}"})
    assert response.status_code in (400, 404)


# -- redirects ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("evil", ["/x%0d%0aSet-Cookie:%20a=b", "/x%0aLocation:%20//evil.example", "/x%0d", "/x%09y"])
def test_next_with_control_characters_goes_home(client, users, evil):
    token = csrf_token(client)
    data = {"username": users.reviewer.name, "password": users.reviewer.password, "csrf_token": token}
    response = client.post(f"/login?next={evil}", data=data)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    again = client.get(f"/login?next={evil}")
    assert again.status_code == 302 and again.headers["Location"] == "/"


def test_next_in_a_form_with_a_line_break_goes_to_the_editor(client, users, web_project):
    login(client, users.translator)
    key = unit_keys(web_project)[0]
    response = client.post(f"/articles/demo/ja/segments/{key}/comments",
                           data={"csrf_token": csrf_token(client), "text": "fine", "next": "/x\r\nSet-Cookie: a=b"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/articles/demo/ja")


# -- a catalog folder that cannot be written ------------------------------------------------------------
@pytest.fixture
def read_only_ja(web_project, monkeypatch):
    """The Japanese folder refuses new files, as a read-only folder does (the tests run as root, whom a
    folder's permissions do not stop, so the refusal is the kernel's answer played back)."""
    folder = str(web_project.po_path("demo", "ja").parent)
    real_open = files.os.open

    def refusing_open(path, flags, *args, **kwargs):
        if str(path).startswith(folder) and flags & files.os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", refusing_open)
    return web_project.po_path("demo", "ja")


def test_a_save_to_a_folder_that_cannot_be_written_says_so_and_keeps_the_text(client, users, web_project,
                                                                                read_only_ja):
    from tests.web.test_pages import JSON, page_token, unit

    before = read_only_ja.read_bytes()
    login(client, users.translator)
    key = unit_keys(web_project)[1]
    data = {"csrf_token": page_token(client), "target": "保存されない訳文", "action": "save",
            "revision": unit(web_project, 1).revision}
    response = client.post(f"/articles/demo/ja/segments/{key}", data=data, headers=JSON)
    assert 400 <= response.status_code < 500
    error = response.get_json()["error"]
    assert error.startswith("Your text was not saved") and "locales/ja/LC_MESSAGES/demo.po" in error
    _assert_nothing_leaks(response, web_project)
    assert read_only_ja.read_bytes() == before
    page = client.post(f"/articles/demo/ja/segments/{key}", data=data, follow_redirects=True)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Your text was not saved" in html and "保存されない訳文" in html
    _assert_nothing_leaks(page, web_project)
