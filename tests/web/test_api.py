"""The JSON API: token auth, every endpoint, permission rules, conflicts, bad input and the OpenAPI document."""
from __future__ import annotations

import threading

import pytest
import requests
from openapi_spec_validator import validate
from werkzeug.serving import make_server

from tms.model import PublicationStatus, SegmentState
from tms.storage.pofile import load_catalog
from tests.web.factory import HUMAN_JA
from tests.web.conftest import bearer, csrf_token, login



def _catalog(client, user, lang="ja"):
    response = client.get(f"/api/articles/demo/{lang}", headers=bearer(user))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _put(client, user, segment, target, state=None, lang="ja", revision=None, **extra):
    body = {"target": target, "revision": revision or segment["revision"], **extra}
    if state:
        body["state"] = state
    return client.put(f"/api/articles/demo/{lang}/segments/{segment['key']}", json=body, headers=bearer(user))


def _po_targets(project, lang="ja"):
    return [u.target for u in load_catalog(project.po_path("demo", lang)).active_units()]


# -- the document -----------------------------------------------------------------------------------
def test_openapi_document_is_valid_and_public(client, app):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    validate(document)
    assert document["openapi"].startswith("3.1")
    documented = set(document["paths"])
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = rule.rule.replace("<int:", "{").replace("<", "{").replace(">", "}")
            assert path in documented, f"{rule.rule} is not in the OpenAPI document"


# -- authentication ---------------------------------------------------------------------------------
def test_no_credentials_is_401_in_json(client):
    response = client.get("/api/articles/demo/ja")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in response.get_json()["error"]


@pytest.mark.parametrize("header", ["Bearer tms_not-a-token", "Basic dGluYTpwdw==", "Bearer "])
def test_bad_credentials_are_403(client, header):
    response = client.get("/api/articles/demo/ja", headers={"Authorization": header})
    assert response.status_code == 403
    assert response.get_json()["error"]


def test_token_identifies_the_account(client, users):
    assert client.get("/api/me", headers=bearer(users.reviewer)).get_json()["name"] == "rita"


def test_browser_session_must_send_the_csrf_token(client, users):
    login(client, users.translator)
    segment = client.get("/api/articles/demo/ja").get_json()["segments"][1]
    url = f"/api/articles/demo/ja/segments/{segment['key']}"
    body = {"target": HUMAN_JA[1], "revision": segment["revision"]}
    refused = client.put(url, json=body)
    assert refused.status_code == 400 and "CSRF" in refused.get_json()["error"]
    token = csrf_token(client)
    assert client.put(url, json=body, headers={"X-CSRFToken": token}).status_code == 200


# -- reading ----------------------------------------------------------------------------------------
def test_get_catalog(client, users):
    document = _catalog(client, users.translator)
    assert document["article"] == "demo" and document["language"] == "ja"
    assert document["publication"] == "draft"
    first, third = document["segments"][0], document["segments"][2]
    assert first.keys() >= {"key", "source", "target", "state", "revision"}
    assert first["state"] == "machine" and first["machine"]["engine"] == "pseudo"
    assert third["source"] == "They signed <script>alert('x')</script> a memorandum."
    one = client.get(f"/api/articles/demo/ja/segments/{first['key']}", headers=bearer(users.translator))
    assert one.get_json() == first


def test_list_articles(client, users):
    assert client.get("/api/articles", headers=bearer(users.translator)).get_json() == \
        {"articles": [{"id": "demo", "languages": ["ja", "ar", "de"]}]}


@pytest.mark.parametrize("url, status", [
    ("/api/articles/nope/ja", 404),
    ("/api/articles/demo/fr", 404),            # no French catalog
    ("/api/articles/demo/xx", 400),            # not one of the eleven languages
    ("/api/articles/Bad!Id/ja", 400),
    ("/api/articles/..%2F..%2Fetc/ja", 404),
    ("/api/articles/demo/ja/segments/zzz", 404),
    ("/api/articles/demo/ja/segments/000000000000", 404),
])
def test_bad_ids_and_codes(client, users, url, status):
    response = client.get(url, headers=bearer(users.translator))
    assert response.status_code == status
    assert response.get_json()["error"]


# -- saving -----------------------------------------------------------------------------------------
def test_save_is_in_the_po_file_when_it_returns(client, users, web_project):
    segment = _catalog(client, users.translator)["segments"][1]
    response = _put(client, users.translator, segment, HUMAN_JA[1])
    assert response.status_code == 200
    result = response.get_json()
    assert result["segment"]["target"] == HUMAN_JA[1] and result["segment"]["state"] == "translated"
    assert result["publication"] == "draft" and isinstance(result["change"], int)
    assert _po_targets(web_project)[1] == HUMAN_JA[1]


def test_stale_revision_is_409_with_the_current_text(client, users, web_project):
    segment = _catalog(client, users.translator)["segments"][1]
    assert _put(client, users.translator, segment, "最初").status_code == 200
    response = _put(client, users.reviewer, segment, "二番目")
    assert response.status_code == 409
    body = response.get_json()
    assert body["current"]["target"] == "最初" and body["current"]["revision"] != segment["revision"]
    assert _po_targets(web_project)[1] == "最初"


@pytest.mark.parametrize("body, message", [
    ({"target": "訳"}, "'revision' is required"),
    ({"revision": "abc"}, "'target' is required"),
    ({"target": 5, "revision": "abc"}, "'target' must be a string"),
    ({"target": "訳", "revision": "abc", "state": "machine"}, "cannot save a segment as 'machine'"),
])
def test_bad_bodies_are_400(client, users, web_project, body, message):
    before = web_project.po_path("demo", "ja").read_bytes()
    key = _catalog(client, users.translator)["segments"][1]["key"]
    response = client.put(f"/api/articles/demo/ja/segments/{key}", json=body, headers=bearer(users.translator))
    assert response.status_code == 400 and message in response.get_json()["error"]
    not_json = client.put(f"/api/articles/demo/ja/segments/{key}", data="target=x", headers=bearer(users.translator))
    assert not_json.status_code == 400
    assert web_project.po_path("demo", "ja").read_bytes() == before


def test_permission_rules(client, users):
    segment = _catalog(client, users.admin)["segments"][0]
    approve = f"/api/articles/demo/ja/segments/{segment['key']}/approve"
    suggested = _put(client, users.translator_de, segment, "訳")     # not granted Japanese: a suggestion
    assert suggested.status_code == 202 and suggested.get_json()["suggestion"]["author"] == "dirk"
    assert _put(client, users.translator_de, segment, "訳", state="approved").status_code == 403
    assert _put(client, users.translator, segment, "訳", state="approved").status_code == 403
    assert client.post(approve, json={"revision": segment["revision"]},
                       headers=bearer(users.translator)).status_code == 403
    assert client.post("/api/articles/demo/ja/certify", headers=bearer(users.reviewer)).status_code == 403
    assert client.post("/api/articles/demo/de/certify", headers=bearer(users.approver)).status_code == 403
    ok = client.post(approve, json={"revision": segment["revision"]}, headers=bearer(users.reviewer))
    assert ok.status_code == 200 and ok.get_json()["segment"]["state"] == "approved"


def test_glossary_terms_of_a_segment(client, users, web_project):
    folder = web_project.root / "glossary"
    folder.mkdir()
    (folder / "ja.csv").write_text("source,target,do_not_translate\nministers,閣僚,\nSeoul,,yes\n", encoding="utf-8")
    second = _catalog(client, users.translator)["segments"][1]
    url = f"/api/articles/demo/ja/segments/{second['key']}/terms"
    response = client.get(url, headers=bearer(users.translator))
    assert response.status_code == 200
    assert response.get_json()["terms"] == [
        {"source": "ministers", "translations": ["閣僚"], "do_not_translate": False, "note": "", "where": "glossary/ja.csv:2"},
        {"source": "Seoul", "translations": [], "do_not_translate": True, "note": "", "where": "glossary/ja.csv:3"}]
    assert client.get(url).status_code == 401
    assert client.get("/api/articles/demo/ja/segments/000000000000/terms", headers=bearer(users.translator)).status_code == 404
    assert client.get("/api/articles/demo/ko/segments/000000000000/terms", headers=bearer(users.translator)).status_code == 404


def test_history_and_revert(client, users, web_project):
    segment = _catalog(client, users.translator)["segments"][1]
    first = _put(client, users.translator, segment, "一").get_json()["segment"]
    _put(client, users.translator, first, "二")
    url = f"/api/articles/demo/ja/segments/{segment['key']}/history"
    changes = client.get(url, headers=bearer(users.translator)).get_json()["changes"]
    assert [(c["user"], c["new_target"]) for c in changes] == [("tina", "二"), ("tina", "一")]
    reverted = client.post(f"/api/changes/{changes[0]['id']}/revert", headers=bearer(users.translator))
    assert reverted.status_code == 200 and reverted.get_json()["segment"]["target"] == "一"
    assert _po_targets(web_project)[1] == "一"
    assert client.post(f"/api/changes/{changes[0]['id']}/revert",
                       headers=bearer(users.translator_de)).status_code == 403
    assert client.post("/api/changes/424242/revert", headers=bearer(users.translator)).status_code == 404


def test_comments(client, users):
    key = _catalog(client, users.translator)["segments"][2]["key"]
    url = "/api/articles/demo/ja/comments"
    made = client.post(url, json={"key": key, "text": "<b>check</b> the name"}, headers=bearer(users.translator))
    assert made.status_code == 201
    comment = made.get_json()
    assert comment["author"] == "tina" and comment["text"] == "<b>check</b> the name"
    listed = client.get(f"{url}?key={key}", headers=bearer(users.reviewer)).get_json()["comments"]
    assert [c["id"] for c in listed] == [comment["id"]]
    assert client.post(url, json={"text": "  "}, headers=bearer(users.translator)).status_code == 400
    assert client.post(url, json={"text": "hi"}, headers=bearer(users.translator_de)).status_code == 403
    assert client.delete(f"/api/comments/{comment['id']}", headers=bearer(users.reviewer)).status_code == 403
    assert client.delete(f"/api/comments/{comment['id']}", headers=bearer(users.translator)).status_code == 204
    assert client.get(url, headers=bearer(users.reviewer)).get_json()["comments"] == []


# -- certification ----------------------------------------------------------------------------------
def _translate_and_approve(client, users):
    for segment, text in zip(_catalog(client, users.translator)["segments"], HUMAN_JA):
        assert _put(client, users.translator, segment, text).status_code == 200
    for segment in _catalog(client, users.reviewer)["segments"]:
        response = client.post(f"/api/articles/demo/ja/segments/{segment['key']}/approve",
                               json={"revision": segment["revision"]}, headers=bearer(users.reviewer))
        assert response.status_code == 200


def test_certify_workflow(client, users, web_project):
    refused = client.post("/api/articles/demo/ja/certify", headers=bearer(users.approver))
    assert refused.status_code == 409 and "not approved" in refused.get_json()["error"]
    _translate_and_approve(client, users)
    readiness = client.get("/api/articles/demo/ja/certification", headers=bearer(users.approver)).get_json()
    assert readiness == {"can_certify": True, "reasons": [], "max_unmodified_machine_percent": 95.0}
    certified = client.post("/api/articles/demo/ja/certify", headers=bearer(users.approver))
    assert certified.status_code == 200
    assert certified.get_json()["publication"] == "official"
    assert certified.get_json()["certification"]["by"] == "alex"
    assert load_catalog(web_project.po_path("demo", "ja")).publication is PublicationStatus.OFFICIAL
    # A translator's edit is a suggestion (202); the catalog stays official.
    segment = _catalog(client, users.translator)["segments"][0]
    suggested = _put(client, users.translator, segment, "日韓が交流計画で合意")
    assert suggested.status_code == 202 and suggested.get_json()["publication"] == "official"
    # A reviewer's edit needs the explicit flag and a reason; then it returns to "unofficial translation".
    refused = _put(client, users.reviewer, segment, "日韓が交流計画で合意")
    assert refused.status_code == 409 and refused.get_json()["confirm"] == "withdraw_official"
    assert _catalog(client, users.translator)["publication"] == "official"
    assert _put(client, users.reviewer, segment, "日韓が交流計画で合意", withdraw_official=True).status_code == 400
    edited = _put(client, users.reviewer, segment, "日韓が交流計画で合意", withdraw_official=True,
                  reason="the headline changed")
    assert edited.status_code == 200 and edited.get_json()["publication"] == "unofficial"
    assert _catalog(client, users.translator)["publication"] == "unofficial"


# -- concurrency through a real server --------------------------------------------------------------
@pytest.fixture
def live_url(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


def _race(bodies, headers):
    barrier = threading.Barrier(len(bodies))
    results = [None] * len(bodies)

    def put(i, target_url, body):
        barrier.wait()
        results[i] = requests.put(target_url, json=body, headers=headers, timeout=30)

    threads = [threading.Thread(target=put, args=(i, u, b)) for i, (u, b) in enumerate(bodies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_saves_over_http(client, users, web_project, live_url):
    headers = bearer(users.translator)
    segments = requests.get(f"{live_url}/api/articles/demo/ja", headers=headers, timeout=10).json()["segments"]
    url = f"{live_url}/api/articles/demo/ja/segments/"
    # Different segments at the same moment: both kept.
    results = _race([(url + s["key"], {"target": t, "revision": s["revision"]})
                          for s, t in zip(segments[:2], HUMAN_JA[:2])], headers)
    assert [r.status_code for r in results] == [200, 200]
    assert _po_targets(web_project)[:2] == HUMAN_JA[:2]
    # One segment from the same revision: one wins, the other gets 409 with the winner's text.
    segment = segments[3]
    results = _race([(url + segment["key"], {"target": t, "revision": segment["revision"]})
                          for t in ("甲", "乙")], headers)
    assert sorted(r.status_code for r in results) == [200, 409]
    winner = next(r for r in results if r.status_code == 200).json()["segment"]["target"]
    loser = next(r for r in results if r.status_code == 409).json()
    assert loser["current"]["target"] == winner == _po_targets(web_project)[3]
    assert load_catalog(web_project.po_path("demo", "ja")).active_units()[3].state is SegmentState.TRANSLATED


def test_status_is_the_json_of_tms_status(client, users, web_project):
    from tms.services.reports import status_report
    from tms.services.schedules import add_plans
    from tms.services.stats import collect_stats

    response = client.get("/api/status", headers=bearer(users.translator))
    assert response.status_code == 200
    assert response.get_json() == add_plans(web_project, status_report(collect_stats(web_project)))
    only = client.get("/api/status?lang=ja", headers=bearer(users.translator)).get_json()
    assert only == add_plans(web_project, status_report(collect_stats(web_project, langs=["ja"])))
    assert client.get("/api/status?lang=xx", headers=bearer(users.translator)).status_code == 400


def test_status_reports_a_catalog_that_cannot_be_read_and_shows_the_others(client, users, web_project):
    broken = web_project.po_path("demo", "ar")
    broken.write_text(broken.read_text(encoding="utf-8") + '\ngarbage "\n', encoding="utf-8")
    response = client.get("/api/status", headers=bearer(users.translator))
    assert response.status_code == 200
    report = response.get_json()
    assert sorted(c["language"] for c in report["catalogs"]) == ["de", "ja"]
    (error,) = report["errors"]
    assert (error["article"], error["language"]) == ("demo", "ar")
    assert error["error"].startswith("locales/ar/LC_MESSAGES/demo.po:")
    assert str(web_project.root) not in response.get_data(as_text=True)


# -- background jobs --------------------------------------------------------------------------------
def test_jobs_are_queued_listed_and_run_through_the_api(client, users, web_project):
    from tms.services.jobs import run_job

    web_project.config_path.write_text('[prefill]\nengine = "pseudo"\n', encoding="utf-8")
    queued = client.post("/api/jobs/prefill", json={"articles": ["demo"], "languages": ["ja"]},
                         headers=bearer(users.translator))
    assert queued.status_code == 202, queued.get_json()
    job = queued.get_json()
    assert (job["state"], job["engine"], job["user"], job["article_id"], job["lang"]) == (
        "queued", "pseudo", users.translator.name, "demo", "ja")
    listed = client.get("/api/jobs?article=demo&lang=ja", headers=bearer(users.reviewer)).get_json()["jobs"]
    assert [j["id"] for j in listed] == [job["id"]]
    assert client.get("/api/jobs?user=nobody", headers=bearer(users.reviewer)).get_json()["jobs"] == []
    run_job(web_project, job["id"])                       # what `tms worker` does with it
    done = client.get(f"/api/jobs/{job['id']}", headers=bearer(users.translator)).get_json()
    assert done["state"] == "done" and done["percent"] == 100.0 and done["finished"]
    assert done["summary"]["engine"] == "pseudo" and done["summary"]["segments"] == done["total"]
    assert client.get("/api/jobs/999999", headers=bearer(users.translator)).status_code == 404


@pytest.mark.parametrize("body, status", [
    ({"articles": ["demo"], "languages": ["de"]}, 403),     # tina translates Japanese only
    ({"articles": ["demo"]}, 403),                          # every language: not hers either
    ({"articles": "demo"}, 400),
    ({"articles": ["demo"], "languages": ["xx"]}, 400),
    ({"articles": ["nope"], "languages": ["ja"], "engine": "pseudo"}, 404),
    ({"articles": ["demo"], "languages": ["ja"], "engine": "gogle"}, 400),
    ({"article_id": "demo", "langs": ["ja"], "engine": "pseudo"}, 400),    # misspelt: never a job over everything
])
def test_refused_job_requests(client, users, web_project, body, status):
    response = client.post("/api/jobs/prefill", json=body, headers=bearer(users.translator))
    assert response.status_code == status, response.get_json()
    assert client.get("/api/jobs", headers=bearer(users.admin)).get_json()["jobs"] == []


def test_a_misspelt_job_field_is_named_with_the_ones_the_call_takes(client, users, web_project):
    response = client.post("/api/jobs/prefill", json={"articles": ["demo"], "langs": ["ja"]},
                           headers=bearer(users.admin))
    assert response.status_code == 400
    assert response.get_json()["error"] == "unknown field 'langs'; this call takes: articles, languages, engine"


def test_an_admin_may_prefill_every_language(client, users, web_project):
    response = client.post("/api/jobs/prefill", json={"engine": "pseudo"}, headers=bearer(users.admin))
    assert response.status_code == 202 and response.get_json()["ids"] == [] and response.get_json()["langs"] == []
