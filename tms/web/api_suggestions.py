"""The JSON API of suggestions (kept for review) and of notifications, on the API blueprint.

    GET  /api/articles/ID/LANG/segments/KEY/suggestions            open suggestions (?status=all for every one)
    POST /api/articles/ID/LANG/segments/KEY/suggestions/N/accept   reviewers: it becomes the approved text
    POST /api/articles/ID/LANG/segments/KEY/suggestions/N/reject   reviewers: with a "reason"
    GET  /api/notifications                                         the caller's, newest first, with the unread count
    POST /api/notifications/read                                    mark "ids" (or all) read
    POST /api/articles/ID/LANG/segments/KEY/checks/CHECK/dismiss    approvers: a false positive, with a "reason"
    GET  /api/articles/ID/LANG/approve-all                          reviewers: what approving all would approve
    POST /api/articles/ID/LANG/approve-all                          approve those previewed ("confirm": true)
    GET  /api/articles/ID/LANG/replace?find=&replace=               the segments a replacement would change
    POST /api/articles/ID/LANG/replace                              replace in those previewed ("confirm": true)
    GET  /api/articles/ID/LANG/segments/KEY/other-languages         the segment in the other languages
    GET  /api/articles/ID/LANG/concordance?q=                       a search of the translation memory
"""
from __future__ import annotations

from flask import jsonify, request

from tms.errors import InputError
from tms.services import bulk, context
from tms.services import notifications as notification_service
from tms.services import review
from tms.services.certification import dismiss_check
from tms.services.proposal_decisions import accept_proposal, reject_proposal
from tms.services.proposals import list_proposals
from tms.web.api import _account, _body, _key, _project, _string, bp, withdrawal
from tms.web.views import catalog_args

STATUSES = ("open", "accepted", "rejected", "all")


@bp.get("/articles/<article_id>/<lang>/segments/<key>/suggestions")
def suggestions(article_id: str, lang: str, key: str):
    """The suggestions of one segment, oldest first: open ones, or ``?status=accepted|rejected|all``."""
    _account()
    status = request.args.get("status", "open")
    if status not in STATUSES:
        raise InputError(f"unknown status {status!r}; use one of: {', '.join(STATUSES)}")
    found = list_proposals(_project(), *catalog_args(article_id, lang), _key(key),
                           status=None if status == "all" else status)
    return jsonify({"suggestions": [p.to_json() for p in found]})


@bp.post("/articles/<article_id>/<lang>/segments/<key>/suggestions/<int:proposal_id>/accept")
def accept(article_id: str, lang: str, key: str, proposal_id: int):
    """Accept a suggestion: it becomes the segment's approved translation."""
    data = request.get_json(silent=True) or {}
    if not isinstance(data, dict):
        raise InputError("send a JSON object")
    result = accept_proposal(_project(), _account(), *catalog_args(article_id, lang), _key(key), proposal_id,
                             withdrawal=withdrawal(data))
    return jsonify(result.to_json())


@bp.post("/articles/<article_id>/<lang>/segments/<key>/suggestions/<int:proposal_id>/reject")
def reject(article_id: str, lang: str, key: str, proposal_id: int):
    """Reject a suggestion with a ``reason``."""
    data = _body()
    proposal = reject_proposal(_project(), _account(), *catalog_args(article_id, lang), _key(key), proposal_id,
                               _string(data, "reason"))
    return jsonify({"suggestion": proposal.to_json()})


@bp.get("/notifications")
def notifications():
    """The caller's notifications, newest first (``?unread=1`` for unread only), and the unread count."""
    account = _account()
    project = _project()
    found = notification_service.list_notifications(project, account.name,
                                                    unread_only=request.args.get("unread") == "1")
    return jsonify({"unread": notification_service.unread_count(project, account.name),
                    "notifications": [n.to_json() for n in found]})


@bp.post("/notifications/read")
def read_notifications():
    """Mark the caller's notifications ``ids`` read, or all of them without ``ids``."""
    data = request.get_json(silent=True) or {}
    ids = data.get("ids") if isinstance(data, dict) else None
    if ids is not None and (not isinstance(ids, list) or not all(isinstance(i, int) for i in ids)):
        raise InputError("'ids' must be a list of notification ids")
    account = _account()
    changed = notification_service.mark_read(_project(), account, ids)
    return jsonify({"marked": changed, "unread": notification_service.unread_count(_project(), account.name)})


@bp.post("/articles/<article_id>/<lang>/segments/<key>/checks/<check_id>/dismiss")
def dismiss(article_id: str, lang: str, key: str, check_id: str):
    """Dismiss a check's finding on one segment as a false positive, with a ``reason`` (approvers)."""
    data = _body()
    change = dismiss_check(_project(), _account(), *catalog_args(article_id, lang), _key(key), check_id,
                           _string(data, "reason"))
    return jsonify({"change": change, "check": check_id})


def _planned(data: dict) -> list[tuple[str, str]]:
    items = data.get("segments")
    if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("key"), str)
                                              and isinstance(i.get("revision"), str) for i in items):
        raise InputError("'segments' must be the list of {key, revision} from the preview")
    if data.get("confirm") is not True:
        raise InputError("bulk changes need \"confirm\": true, after the preview")
    return [(_key(i["key"]), i["revision"]) for i in items]


@bp.get("/articles/<article_id>/<lang>/approve-all")
def approve_all_preview(article_id: str, lang: str):
    """The translated segments that pass the checks: what approving all would approve (reviewers)."""
    planned = bulk.approvable(_project(), _account(), *catalog_args(article_id, lang))
    return jsonify({"segments": [c.to_json() for c in planned]})


@bp.post("/articles/<article_id>/<lang>/approve-all")
def approve_all(article_id: str, lang: str):
    """Approve the previewed segments (``segments``: their key and revision, ``confirm``: true)."""
    data = _body()
    done = bulk.approve_all(_project(), _account(), *catalog_args(article_id, lang), _planned(data),
                            withdrawal=withdrawal(data))
    return jsonify({"approved": [r.segment.key for r in done]})


@bp.get("/articles/<article_id>/<lang>/replace")
def replace_preview(article_id: str, lang: str):
    """The segments whose translation contains ``find``, before and after replacing it by ``replace``."""
    planned = bulk.replacements(_project(), _account(), *catalog_args(article_id, lang),
                                request.args.get("find", ""), request.args.get("replace", ""))
    return jsonify({"segments": [c.to_json() for c in planned]})


@bp.post("/articles/<article_id>/<lang>/replace")
def replace(article_id: str, lang: str):
    """Replace ``find`` by ``replace`` in the previewed ``segments`` (``confirm``: true)."""
    data = _body()
    done = bulk.replace_all(_project(), _account(), *catalog_args(article_id, lang), _string(data, "find"),
                            _string(data, "replace"), _planned(data), withdrawal=withdrawal(data))
    return jsonify({"saved": [r.segment.key for r in done if r.proposal is None],
                    "suggested": [r.segment.key for r in done if r.proposal is not None]})


@bp.get("/articles/<article_id>/<lang>/segments/<key>/other-languages")
def other_languages(article_id: str, lang: str, key: str):
    """The segment's translations in the article's other languages, approved first."""
    _account()
    found = context.other_languages(_project(), *catalog_args(article_id, lang), _key(key))
    return jsonify({"translations": [o.to_json() for o in found]})


@bp.get("/articles/<article_id>/<lang>/concordance")
def concordance(article_id: str, lang: str):
    """Translated segments of the project (into ``lang``) whose source or translation contains ``q``."""
    _account()
    article_id, lang = catalog_args(article_id, lang)
    source = review.get_segments(_project(), article_id, lang).source_language
    hits = context.concordance(_project(), source, lang, request.args.get("q", ""))
    return jsonify({"hits": [h.to_json() for h in hits]})
