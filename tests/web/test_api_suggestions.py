"""The API of suggestions and notifications: status codes and permission rules."""
from __future__ import annotations

from tms.model import SegmentState
from tms.storage.pofile import load_catalog
from tests.web.conftest import bearer
from tests.web.factory import HUMAN_JA


def _catalog(client, user, lang="ja"):
    return client.get(f"/api/articles/demo/{lang}", headers=bearer(user)).get_json()


def _put(client, user, segment, target, **extra):
    body = {"target": target, "revision": segment["revision"], **extra}
    return client.put(f"/api/articles/demo/ja/segments/{segment['key']}", json=body, headers=bearer(user))


def _approved_first(client, users):
    segment = _catalog(client, users.reviewer)["segments"][0]
    answer = _put(client, users.reviewer, segment, HUMAN_JA[0], state="approved")
    assert answer.status_code == 200
    return answer.get_json()["segment"]


def _base(segment):
    return f"/api/articles/demo/ja/segments/{segment['key']}/suggestions"


def test_a_translators_put_on_an_approved_segment_answers_202_with_the_suggestion(client, users, web_project):
    segment = _approved_first(client, users)
    answer = _put(client, users.translator, segment, "日韓が合意")
    assert answer.status_code == 202
    suggestion = answer.get_json()["suggestion"]
    assert suggestion["author"] == "tina" and suggestion["target"] == "日韓が合意"
    assert answer.get_json()["segment"]["state"] == "approved"
    unit = load_catalog(web_project.po_path("demo", "ja")).active_units()[0]
    assert (unit.target, unit.state) == (HUMAN_JA[0], SegmentState.APPROVED)
    listed = client.get(_base(segment), headers=bearer(users.translator)).get_json()["suggestions"]
    assert [(s["id"], s["author"], s["target"]) for s in listed] == [(suggestion["id"], "tina", "日韓が合意")]
    assert listed[0]["created"]
    assert client.get(_base(segment)).status_code == 401
    assert client.get(_base(segment) + "?status=nope", headers=bearer(users.translator)).status_code == 400


def test_accept_and_reject_by_reviewers_only(client, users, web_project):
    segment = _approved_first(client, users)
    first = _put(client, users.translator, segment, "日韓が合意").get_json()["suggestion"]
    second = _put(client, users.translator_de, segment, "日韓合意").get_json()["suggestion"]
    accept = f"{_base(segment)}/{first['id']}/accept"
    reject = f"{_base(segment)}/{second['id']}/reject"
    for user in (users.translator, users.translator_de):
        assert client.post(accept, json={}, headers=bearer(user)).status_code == 403
        assert client.post(reject, json={"reason": "no"}, headers=bearer(user)).status_code == 403
    assert client.post(reject, json={}, headers=bearer(users.reviewer)).status_code == 400     # no reason
    rejected = client.post(reject, json={"reason": "keep the approved style"}, headers=bearer(users.reviewer))
    assert rejected.status_code == 200 and rejected.get_json()["suggestion"]["status"] == "rejected"
    accepted = client.post(accept, json={}, headers=bearer(users.reviewer))
    assert accepted.status_code == 200
    assert accepted.get_json()["segment"]["target"] == "日韓が合意"
    assert accepted.get_json()["suggestion"]["status"] == "accepted"
    assert client.post(accept, json={}, headers=bearer(users.reviewer)).status_code == 409
    assert client.post(f"{_base(segment)}/999/accept", json={}, headers=bearer(users.reviewer)).status_code == 404
    every = client.get(_base(segment) + "?status=all", headers=bearer(users.reviewer)).get_json()["suggestions"]
    assert sorted(s["status"] for s in every) == ["accepted", "rejected"]


def test_notifications_list_unread_count_and_mark_read(client, users, web_project):
    from tms.services.notifications import notify

    assert notify(web_project, "mention", ["tina", "rita"], "rita mentioned you", link="/articles/demo/ja",
                  actor="rita") == 1
    listed = client.get("/api/notifications", headers=bearer(users.translator)).get_json()
    assert listed["unread"] == 1 and listed["notifications"][0]["text"] == "rita mentioned you"
    assert client.get("/api/notifications", headers=bearer(users.reviewer)).get_json()["unread"] == 0
    assert client.post("/api/notifications/read", json={"ids": "all"}, headers=bearer(users.translator)).status_code == 400
    marked = client.post("/api/notifications/read", json={}, headers=bearer(users.translator)).get_json()
    assert marked == {"marked": 1, "unread": 0}


def test_dismissing_a_check_by_approvers_only(client, users, web_project):
    segment = _catalog(client, users.translator)["segments"][2]
    _put(client, users.translator, segment, "両者は覚書に署名した。")
    url = f"/api/articles/demo/ja/segments/{segment['key']}/checks/markup/dismiss"
    for user in (users.translator, users.reviewer):
        assert client.post(url, json={"reason": "no"}, headers=bearer(user)).status_code == 403
    assert client.post(url, json={}, headers=bearer(users.approver)).status_code == 400
    answer = client.post(url, json={"reason": "the tag is not shown to readers"}, headers=bearer(users.approver))
    assert answer.status_code == 200 and answer.get_json()["check"] == "markup"
    assert client.post(url, json={"reason": "again"}, headers=bearer(users.approver)).status_code == 409


def test_approve_all_and_replace_through_the_api(client, users, web_project):
    for segment, text in zip(_catalog(client, users.translator)["segments"], HUMAN_JA):
        assert _put(client, users.translator, segment, text).status_code == 200
    url = "/api/articles/demo/ja/approve-all"
    assert client.get(url, headers=bearer(users.translator)).status_code == 403
    preview = client.get(url, headers=bearer(users.reviewer)).get_json()["segments"]
    assert [s["number"] for s in preview] == [1, 2, 3, 4]
    body = {"segments": [{"key": s["key"], "revision": s["revision"]} for s in preview]}
    assert client.post(url, json=body, headers=bearer(users.reviewer)).status_code == 400      # no confirm
    assert client.post(url, json={**body, "confirm": True}, headers=bearer(users.translator)).status_code == 403
    done = client.post(url, json={**body, "confirm": True}, headers=bearer(users.reviewer))
    assert done.status_code == 200 and len(done.get_json()["approved"]) == 4
    replace = "/api/articles/demo/ja/replace"
    preview = client.get(replace + "?find=両&replace=二人の", headers=bearer(users.translator)).get_json()["segments"]
    assert [s["number"] for s in preview] == [2, 3, 4]
    body = {"find": "両", "replace": "二人の", "confirm": True,
            "segments": [{"key": s["key"], "revision": s["revision"]} for s in preview]}
    answer = client.post(replace, json=body, headers=bearer(users.translator)).get_json()
    assert answer["saved"] == [] and len(answer["suggested"]) == 3          # approved: suggestions
    assert client.get(replace + "?find=", headers=bearer(users.translator)).status_code == 400


def test_other_languages_and_memory_matches_with_their_source(client, users, web_project):
    segment = _catalog(client, users.reviewer, "ar")["segments"][1]
    body = {"target": "التقى الوزيران في سيول يوم الاثنين.", "revision": segment["revision"], "state": "approved"}
    assert client.put(f"/api/articles/demo/ar/segments/{segment['key']}", json=body,
                      headers=bearer(users.reviewer)).status_code == 200
    url = f"/api/articles/demo/ja/segments/{segment['key']}/other-languages"
    found = client.get(url, headers=bearer(users.translator)).get_json()["translations"]
    assert found == [{"language": "ar", "target": "التقى الوزيران في سيول يوم الاثنين.", "state": "approved"}]
    assert client.get(url).status_code == 401


def test_concordance_through_the_api_and_the_editor(client, users, web_project):
    segment = _catalog(client, users.translator)["segments"][1]
    assert _put(client, users.translator, segment, "両大臣は月曜日、ソウルで会談した。").status_code == 200
    found = client.get("/api/articles/demo/ja/concordance?q=seoul", headers=bearer(users.translator)).get_json()
    assert [h["target"] for h in found["hits"]] == ["両大臣は月曜日、ソウルで会談した。"]
    assert client.get("/api/articles/demo/ja/concordance?q=", headers=bearer(users.translator)).status_code == 400


def test_suggestions_made_and_decided_through_the_api_are_announced(client, users, web_project):
    segment = _approved_first(client, users)
    made = _put(client, users.translator, segment, "日韓が合意").get_json()["suggestion"]
    inbox = client.get("/api/notifications", headers=bearer(users.reviewer)).get_json()
    assert [(n["event"], n["link"]) for n in inbox["notifications"]] == [("suggestion-made", "/articles/demo/ja#seg-1")]
    assert client.get("/api/notifications", headers=bearer(users.translator)).get_json()["unread"] == 0
    rejected = client.post(f"{_base(segment)}/{made['id']}/reject", json={"reason": "keep the approved style"},
                           headers=bearer(users.reviewer))
    assert rejected.status_code == 200
    told = client.get("/api/notifications", headers=bearer(users.translator)).get_json()
    assert told["unread"] == 1 and told["notifications"][0]["event"] == "suggestion-decided"
    assert told["notifications"][0]["text"].endswith("rejected your suggestion for segment 1 of demo (Japanese): "
                                                     "keep the approved style")
