"""The newsroom API: articles in (permissions, every bad input, nothing written), a new version merged,
deadlines, priorities and assignees, what waits for whom, and translations out (render, bundle, PO/MO/XLIFF)."""
from __future__ import annotations

import io
import subprocess
import zipfile
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner

from tms.services.users import create_token, create_user
from tms.storage.pofile import load_catalog
from tests.web.conftest import PASSWORD, WebUser, bearer

ARTICLE_HTML = """<!doctype html><html lang="en"><head><title>Seoul hosts regional summit</title></head>
<body><article><h1>Seoul hosts regional summit</h1>
<p class="date">2026-12-01</p>
<p>Leaders of five countries met in Seoul on Monday. They agreed on a common approach to trade.</p>
<p>The next meeting will take place in Jakarta.</p>
</article></body></html>"""
NEW_VERSION = ARTICLE_HTML.replace("They agreed on a common approach to trade.",
                                   "They agreed on a common approach to trade and energy.").replace(
    "<p>The next meeting will take place in Jakarta.</p>",
    "<p>The next meeting will take place in Jakarta.</p><p>A joint statement was issued.</p>")
DEADLINE = "2030-01-15T18:00:00+09:00"


@pytest.fixture
def editor(web_project) -> WebUser:
    """An editor (the news desk), with an API token."""
    create_user(web_project, "eddie", "editor", PASSWORD, None)
    return WebUser("eddie", "editor", PASSWORD, create_token(web_project, "eddie", "tests"))


def _post_file(client, user, data=ARTICLE_HTML, name="summit.html", **fields):
    payload = {"file": (io.BytesIO(data.encode() if isinstance(data, str) else data), name), **fields}
    return client.post("/api/articles", data=payload, headers=bearer(user), content_type="multipart/form-data")


def _originals(project) -> list[str]:
    return sorted(p.name for p in project.originals_dir.glob("*.md")) if project.originals_dir.exists() else []


# -- articles in ----------------------------------------------------------------------------------
def test_an_editor_imports_a_file_with_a_deadline_and_gets_its_catalogs(client, editor, web_project):
    response = _post_file(client, editor, deadline=DEADLINE, priority="2")
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["id"] == "2026-12-01-seoul-hosts-regional-summit" and body["language"] == "en"
    assert len(body["catalogs"]) == 10 and "en" not in body["catalogs"] and "ko" in body["catalogs"]
    assert body["segments"] == 4         # title, two sentences, one; the date is metadata
    assert body["deadline"] == "2030-01-15T09:00:00+00:00" and body["deadline_local"] == DEADLINE
    assert body["priority"] == 2 and body["priority_label"] == "high" and not body["is_overdue"]
    assert response.headers["Location"].endswith(f"/api/articles/{body['id']}")
    assert web_project.po_path(body["id"], "ko").is_file() and web_project.pot_path(body["id"]).is_file()


def test_json_content_and_an_explicit_id(client, editor, web_project):
    text = "# 서울에서 정상회의 개최\n\n5개국 정상이 월요일 서울에서 만났다. 그들은 무역에 대한 공동 접근법에 합의했다.\n"
    response = client.post("/api/articles", json={"content": text, "format": "markdown", "id": "summit-ko"},
                           headers=bearer(editor))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["language"] == "ko" and "en" in response.get_json()["catalogs"]
    again = client.post("/api/articles", json={"content": text, "format": "markdown", "id": "summit-ko"},
                        headers=bearer(editor))
    assert again.status_code == 409 and "PUT /api/articles/ID/source" in again.get_json()["error"]
    derived = client.post("/api/articles", json={"content": ARTICLE_HTML, "format": "html"}, headers=bearer(editor))
    twice = client.post("/api/articles", json={"content": ARTICLE_HTML, "format": "html"}, headers=bearer(editor))
    assert twice.get_json()["id"] == derived.get_json()["id"] + "-2"      # a new article, never an overwrite
    misspelt = client.post("/api/articles", json={"content": text, "format": "markdown", "dead_line": "2026-12-04"},
                           headers=bearer(editor))
    assert misspelt.status_code == 400 and "unknown field 'dead_line'" in misspelt.get_json()["error"]


@pytest.mark.parametrize("role", ["translator", "reviewer", "approver"])
def test_only_editors_and_admins_import(client, users, web_project, role):
    response = _post_file(client, getattr(users, role))
    assert response.status_code == 403 and "only an editor or above" in response.get_json()["error"]
    assert _originals(web_project) == []
    assert _post_file(client, users.admin).status_code == 201


def test_no_credentials_is_401(client):
    assert client.post("/api/articles", json={"content": "x", "format": "text"}).status_code == 401


@pytest.mark.parametrize("body, message", [
    ({}, "send the article as a file"),
    ({"content": "   ", "format": "text"}, "'content' must be the article's text"),
    ({"content": "Hello.", "format": "docx"}, "'format' must be one of: text, html, markdown"),
    ({"content": "Hello.", "format": "text", "deadline": "2030-01-15T18:00:00"}, "has no UTC offset"),
    ({"content": "Hello.", "format": "text", "deadline": "tomorrow"}, "is not an ISO 8601 time"),
    ({"content": "Hello.", "format": "text", "priority": 9}, "is not a priority"),
    ({"content": "Hello.", "format": "text", "priority": True}, "is not a priority"),
    ({"content": "Hello.", "format": "text", "lang": "xx"}, "xx"),
    ({"content": "Hello.", "format": "text", "id": "../etc"}, "id"),
])
def test_bad_input_is_400_and_writes_nothing(client, editor, web_project, body, message):
    response = client.post("/api/articles", json=body, headers=bearer(editor))
    assert response.status_code == 400, response.get_json()
    assert message in response.get_json()["error"]
    assert _originals(web_project) == []


def test_a_file_the_cli_refuses_is_refused_with_the_cli_message(client, editor, web_project, tmp_path):
    from tms.cli.main import cli

    junk = b"\x00\x01\x02" * 50 + b"\xff\xfe"
    response = _post_file(client, editor, data=junk, name="broken.txt")
    assert response.status_code == 400
    (tmp_path / "broken.txt").write_bytes(junk)
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "import", str(tmp_path / "broken.txt")])
    assert result.exit_code == 1
    # the same reading, so the same message; the API names the uploaded file by its name
    assert response.get_json()["error"].replace("broken.txt", "") in result.stderr.replace(str(tmp_path / "broken.txt"), "")
    assert _originals(web_project) == []
    empty = _post_file(client, editor, data=b"", name="empty.html")
    assert empty.status_code == 400 and "the file is empty" in empty.get_json()["error"]
    missing = client.post("/api/articles", data={"deadline": DEADLINE}, headers=bearer(editor),
                          content_type="multipart/form-data")
    assert missing.status_code == 400 and "no 'file' part" in missing.get_json()["error"]


def test_an_oversized_file_is_refused(client, editor, web_project):
    web_project.config_path.write_text("[import]\nmax_bytes = 100\n")
    response = _post_file(client, editor)
    assert response.status_code == 400 and "over the import limit of 100 bytes" in response.get_json()["error"]
    assert _originals(web_project) == []


def test_preview_shows_what_would_be_imported_and_writes_nothing(client, editor, web_project):
    response = client.post("/api/articles/preview", json={"content": ARTICLE_HTML, "format": "html"},
                           headers=bearer(editor))
    assert response.status_code == 200
    body = response.get_json()
    assert body["language"] == "en" and body["title"] == "Seoul hosts regional summit"
    assert body["date"] == "2026-12-01"
    assert body["segments"][0]["text"] == "Seoul hosts regional summit" and body["segments"][0]["role"] == "title"
    assert len(body["segments"]) == 4 and _originals(web_project) == []


# -- a new version ----------------------------------------------------------------------------------
def test_a_new_version_merges_keeps_translations_shows_the_previous_source_and_is_idempotent(
        client, editor, users, web_project):
    article_id = _post_file(client, editor).get_json()["id"]
    catalog = client.get(f"/api/articles/{article_id}/ja", headers=bearer(users.translator)).get_json()
    for segment in catalog["segments"]:
        saved = client.put(f"/api/articles/{article_id}/ja/segments/{segment['key']}",
                           json={"target": "訳:" + segment["source"], "revision": segment["revision"]},
                           headers=bearer(users.translator))
        assert saved.status_code == 200
    before = {s["key"]: s for s in catalog["segments"]}
    response = client.put(f"/api/articles/{article_id}/source", json={"content": NEW_VERSION, "format": "html"},
                          headers=bearer(editor))
    assert response.status_code == 200, response.get_json()
    change = response.get_json()
    assert change["is_changed"] and change["segments"] == 5
    assert len(change["changed"]) == 1 and len(change["added"]) == 1 and len(change["removed"]) == 1
    assert change["languages"]["ja"] == {"kept": 3, "needs_editing": 1, "new": 1, "obsoleted": 0}
    assert change["languages"]["ar"]["needs_editing"] == 0 and len(change["languages"]) == 10
    edited = client.get(f"/api/articles/{article_id}/ja/segments/{change['changed'][0]}",
                        headers=bearer(users.translator)).get_json()
    assert edited["state"] == "needs-editing" and edited["target"] == "訳:They agreed on a common approach to trade."
    assert edited["previous_source"] == before[change["removed"][0]]["source"]
    assert {"op": "inserted", "text": "and energy. "} in edited["source_diff"] or \
        any(p["op"] == "inserted" and "energy" in p["text"] for p in edited["source_diff"])
    po_text = web_project.po_path(article_id, "ja").read_text(encoding="utf-8")
    assert '#| msgid "They agreed on a common approach to trade."' in po_text
    kept = [u for u in load_catalog(web_project.po_path(article_id, "ja")).active_units() if u.key in before]
    assert len(kept) == 3 and all(u.target.startswith("訳:") for u in kept)
    again = client.put(f"/api/articles/{article_id}/source", json={"content": NEW_VERSION, "format": "html"},
                       headers=bearer(editor))
    assert again.status_code == 200 and again.get_json()["is_changed"] is False
    assert again.get_json()["changed"] == [] and web_project.po_path(article_id, "ja").read_text(encoding="utf-8") == po_text


def test_a_new_version_is_refused_for_translators_unknown_articles_and_another_language(client, editor, users):
    article_id = _post_file(client, editor).get_json()["id"]
    body = {"content": NEW_VERSION, "format": "html"}
    assert client.put(f"/api/articles/{article_id}/source", json=body, headers=bearer(users.translator)).status_code == 403
    missing = client.put("/api/articles/nope/source", json=body, headers=bearer(editor))
    assert missing.status_code == 404 and "POST /api/articles" in missing.get_json()["error"]
    other = client.put(f"/api/articles/{article_id}/source", json={**body, "lang": "ko"}, headers=bearer(editor))
    assert other.status_code == 400 and "written in en" in other.get_json()["error"]


# -- plans and what is due ----------------------------------------------------------------------------
def test_deadlines_priorities_and_assignees(client, editor, users, web_project):
    article_id = _post_file(client, editor, deadline=DEADLINE).get_json()["id"]
    url = f"/api/articles/{article_id}"
    assert client.put(f"{url}/schedule", json={"priority": 1}, headers=bearer(users.translator)).status_code == 403
    plan = client.put(f"{url}/schedule", json={"priority": "urgent"}, headers=bearer(editor)).get_json()
    assert plan["priority"] == 1 and plan["deadline"] == "2030-01-15T09:00:00+00:00"     # the deadline kept
    own = client.put(f"{url}/ja/schedule", json={"deadline": "2030-01-14T12:00:00Z", "assignee": "tina"},
                     headers=bearer(editor))
    assert own.status_code == 200 and own.get_json()["assignee"] == "tina"
    assert own.get_json()["deadline_local"] == "2030-01-14T21:00:00+09:00" and own.get_json()["priority"] == 1
    wrong = client.put(f"{url}/de/schedule", json={"assignee": "tina"}, headers=bearer(editor))
    assert wrong.status_code == 400 and "tina may not work in German" in wrong.get_json()["error"]
    nobody = client.put(f"{url}/de/schedule", json={"assignee": "ghost"}, headers=bearer(editor))
    assert nobody.status_code == 400 and "no user 'ghost'" in nobody.get_json()["error"]
    unknown = client.put(f"{url}/schedule", json={"due": "soon"}, headers=bearer(editor))
    assert unknown.status_code == 400 and "unknown field 'due'" in unknown.get_json()["error"]
    shown = client.get(f"{url}/schedule?tz=Europe/Paris", headers=bearer(users.translator)).get_json()
    assert shown["deadline_local"] == "2030-01-15T10:00:00+01:00"
    assert shown["languages"]["ja"]["assignee"] == "tina" and shown["languages"]["de"]["assignee"] == ""
    assert client.get(f"{url}/schedule?tz=Mars/Base", headers=bearer(editor)).status_code == 400
    status = client.get(f"/api/status?article={article_id}", headers=bearer(users.translator)).get_json()
    assert status["articles"][article_id]["schedule"]["priority"] == 1
    ja = next(c for c in status["catalogs"] if c["language"] == "ja")
    assert ja["schedule"]["deadline"] == "2030-01-14T12:00:00+00:00" and ja["schedule"]["assignee"] == "tina"
    cleared = client.put(f"{url}/schedule", json={"deadline": None}, headers=bearer(editor)).get_json()
    assert cleared["deadline"] is None and cleared["seconds_left"] is None


def test_my_work_puts_the_soonest_deadline_first_and_marks_the_overdue(client, editor, users, web_project):
    later = _post_file(client, editor, deadline=DEADLINE).get_json()["id"]
    past = (datetime.now(timezone.utc) - timedelta(hours=2)).isoformat()
    overdue = client.post("/api/articles", json={"content": "Ministers met in Busan on Friday. They agreed.",
                                                 "format": "text", "id": "busan", "deadline": past},
                          headers=bearer(editor)).get_json()["id"]
    items = client.get("/api/my-work", headers=bearer(users.translator)).get_json()["items"]
    assert [(i["article"], i["language"]) for i in items[:2]] == [(overdue, "ja"), (later, "ja")]
    assert items[0]["is_overdue"] and items[0]["seconds_left"] < 0 and not items[1]["is_overdue"]
    assert {i["language"] for i in items} == {"ja"}                      # only the languages granted to tina
    assert items[-1]["article"] == "demo" and items[-1]["deadline"] is None
    client.put(f"/api/articles/{later}/ja/schedule", json={"assignee": "rita"}, headers=bearer(editor))
    items = client.get("/api/my-work", headers=bearer(users.translator)).get_json()["items"]
    assert later not in [i["article"] for i in items]                    # someone else's now


def test_my_work_gives_each_catalogs_figures_and_takes_the_pages_filters(client, editor, users, web_project):
    summit = _post_file(client, editor, deadline=DEADLINE).get_json()["id"]
    client.put(f"/api/articles/{summit}/ar/schedule", json={"assignee": "rita"}, headers=bearer(editor))
    answer = client.get("/api/my-work?tz=Europe/Paris", headers=bearer(users.reviewer)).get_json()
    assert (answer["total"], answer["page"], answer["pages"]) == (4, 1, 1)
    first = answer["items"][0]
    assert (first["article"], first["language"], first["assignee"]) == (summit, "ar", "rita")   # her own first
    assert first["headline"] == "Seoul hosts regional summit" and first["deadline_local"] == "2030-01-15T10:00:00+01:00"
    assert {key: first[key] for key in ("to_translate", "to_review", "machine", "suggestions", "errors")} == {
        "to_translate": 4, "to_review": 0, "machine": 0, "suggestions": 0, "errors": 0}
    assert first["ready_for_certification"] is False and first["stage"] == "draft" and first["percent"] == 0
    demo = next(i for i in answer["items"] if i["article"] == "demo" and i["language"] == "ja")
    assert (demo["headline"], demo["machine"], demo["errors"]) == ("demo", 2, 2)        # no original: its id
    only = client.get("/api/my-work?lang=ja&mine=0", headers=bearer(users.reviewer)).get_json()
    assert {i["language"] for i in only["items"]} == {"ja"} and only["total"] == 2
    mine = client.get("/api/my-work?mine=1", headers=bearer(users.reviewer)).get_json()
    assert [(i["article"], i["language"]) for i in mine["items"]] == [(summit, "ar")]
    refused = client.get("/api/my-work?lang=de", headers=bearer(users.reviewer))
    assert refused.status_code == 400 and "you do not work in German (de)" in refused.get_json()["error"]
    assert client.get("/api/my-work?page=0", headers=bearer(users.reviewer)).status_code == 400


def test_tms_status_json_carries_the_plans(client, editor, web_project):
    import json

    from tms.cli.main import cli

    article_id = _post_file(client, editor, deadline=DEADLINE, priority="high").get_json()["id"]
    result = CliRunner().invoke(cli, ["--root", str(web_project.root), "status", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles"][article_id]["schedule"]["deadline_local"] == DEADLINE
    assert report["articles"][article_id]["schedule"]["priority_label"] == "high"


# -- translations out -----------------------------------------------------------------------------
def _translate_all(client, user, article_id, lang="ja"):
    catalog = client.get(f"/api/articles/{article_id}/{lang}", headers=bearer(user)).get_json()
    for segment in catalog["segments"]:
        client.put(f"/api/articles/{article_id}/{lang}/segments/{segment['key']}",
                   json={"target": "訳" + str(segment["number"]), "revision": segment["revision"]}, headers=bearer(user))


def test_render_is_409_with_reasons_until_publishable_then_the_published_page(client, editor, users):
    article_id = _post_file(client, editor).get_json()["id"]
    refused = client.get(f"/api/articles/{article_id}/ja/render", headers=bearer(users.translator))
    assert refused.status_code == 409
    assert "4 of 4 segments are untranslated" in refused.get_json()["reasons"]
    _translate_all(client, users.translator, article_id)
    page = client.get(f"/api/articles/{article_id}/ja/render?format=html", headers=bearer(users.translator))
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert '<html lang="ja"' in html and "訳1" in html and "非公式翻訳" in html
    assert f'href="{article_id}.en.html"' in html                         # the switcher, as tms render links it
    text = client.get(f"/api/articles/{article_id}/ja/render?format=text", headers=bearer(editor))
    assert text.mimetype == "text/plain" and "訳2" in text.get_data(as_text=True)
    markdown = client.get(f"/api/articles/{article_id}/ja/render?format=markdown", headers=bearer(editor))
    assert markdown.mimetype == "text/markdown" and "title: 訳1" in markdown.get_data(as_text=True)
    source = client.get(f"/api/articles/{article_id}/en/render", headers=bearer(editor))
    assert source.status_code == 200 and "Seoul hosts regional summit" in source.get_data(as_text=True)
    assert client.get(f"/api/articles/{article_id}/ja/render?format=pdf", headers=bearer(editor)).status_code == 400
    assert client.get("/api/articles/nope/ja/render", headers=bearer(editor)).status_code == 404


def test_the_render_matches_tms_render(client, editor, users, web_project, tmp_path):
    from tms.cli.main import cli

    article_id = _post_file(client, editor).get_json()["id"]
    _translate_all(client, users.translator, article_id)
    page = client.get(f"/api/articles/{article_id}/ja/render", headers=bearer(editor)).get_data(as_text=True)
    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["--root", str(web_project.root), "render", article_id, "--lang", "ja",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == page


def test_the_bundle_holds_every_publishable_language(client, editor, users):
    article_id = _post_file(client, editor).get_json()["id"]
    _translate_all(client, users.translator, article_id)
    response = client.get(f"/api/articles/{article_id}/bundle", headers=bearer(users.translator))
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["X-TMS-Languages"] == "en,ja"
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert names == [f"{article_id}.en.html", f"{article_id}.ja.html"]
    assert client.get("/api/articles/nope/bundle", headers=bearer(editor)).status_code == 404


def test_catalog_downloads_and_an_xliff_coming_back(client, editor, users, web_project, tmp_path):
    article_id = _post_file(client, editor).get_json()["id"]
    po = client.get(f"/api/articles/{article_id}/ja/catalog?format=po", headers=bearer(users.translator))
    assert po.status_code == 200 and po.data == web_project.po_path(article_id, "ja").read_bytes()
    assert po.headers["Content-Disposition"] == f'attachment; filename="{article_id}.ja.po"'
    _translate_all(client, users.translator, article_id)
    mo = client.get(f"/api/articles/{article_id}/ja/catalog?format=mo", headers=bearer(users.translator))
    (tmp_path / "c.mo").write_bytes(mo.data)
    unpacked = subprocess.run(["msgunfmt", str(tmp_path / "c.mo")], capture_output=True, text=True, check=True).stdout
    assert 'msgstr "訳1"' in unpacked
    xliff = client.get(f"/api/articles/{article_id}/ja/catalog?format=xliff", headers=bearer(users.translator))
    assert xliff.status_code == 200 and b"<xliff" in xliff.data and xliff.mimetype == "application/x-xliff+xml"
    assert client.get(f"/api/articles/{article_id}/ja/catalog?format=docx", headers=bearer(editor)).status_code == 400
    edited = xliff.data.replace("訳2".encode(), "外部訳".encode())
    upload = client.post(f"/api/articles/{article_id}/ja/xliff", headers=bearer(users.translator),
                         data={"file": (io.BytesIO(edited), "back.xlf")}, content_type="multipart/form-data")
    assert upload.status_code == 200, upload.get_json()
    assert upload.get_json()["updated"] == 1
    assert "外部訳" in [u.target for u in load_catalog(web_project.po_path(article_id, "ja")).active_units()]
    wrong = client.post(f"/api/articles/{article_id}/de/xliff", headers=bearer(users.translator_de),
                        data={"file": (io.BytesIO(edited), "back.xlf")}, content_type="multipart/form-data")
    assert wrong.status_code == 400 and f"for {article_id} (ja), not {article_id} (de)" in wrong.get_json()["error"]
    denied = client.post(f"/api/articles/{article_id}/ja/xliff", headers=bearer(users.translator_de),
                         data=edited, content_type="application/x-xliff+xml")
    assert denied.status_code == 403


def test_webhook_deliveries_are_for_admins(client, users, editor):
    assert client.get("/api/webhooks/deliveries", headers=bearer(editor)).status_code == 403
    response = client.get("/api/webhooks/deliveries", headers=bearer(users.admin))
    assert response.status_code == 200 and response.get_json() == {"deliveries": []}


def test_an_article_may_be_larger_than_other_requests_up_to_the_import_limit(web_project, editor):
    from tms.web import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "test", "MAX_CONTENT_LENGTH": 300},
                     project_root=web_project.root)
    client = app.test_client()
    assert len(ARTICLE_HTML) > 300
    assert _post_file(client, editor).status_code == 201            # over the app's limit, under the import's
    web_project.config_path.write_text("[import]\nmax_bytes = 100\n")
    refused = client.post("/api/articles", data={"file": (io.BytesIO(ARTICLE_HTML.encode() * 20), "big.html")},
                          headers=bearer(editor), content_type="multipart/form-data")
    assert refused.status_code == 400 and "over the import limit of 100 bytes" in refused.get_json()["error"]
    huge = client.post("/api/articles", data={"file": (io.BytesIO(ARTICLE_HTML.encode() * 200), "huge.html")},
                       headers=bearer(editor), content_type="multipart/form-data")
    assert huge.status_code == 413                                   # far over: not even read
    saving = client.put("/api/articles/demo/ja/segments/000000000000", json={"target": "x" * 400, "revision": "r"},
                        headers=bearer(editor))
    assert saving.status_code == 413                                 # other requests keep the app's limit
