"""The JSON API: token auth (``Authorization: Bearer TOKEN``), segments, saves, approvals, history,
certification and background jobs.

The API also answers a signed-in browser session, so the pages' scripts use the same endpoints; a session
must then send its CSRF token (``X-CSRFToken``) on every change, while token calls need none.
"""
from __future__ import annotations

import re

from flask import Blueprint, current_app, g, jsonify, request
from flask_login import current_user

from tms.errors import InputError, NotFound, PermissionDenied
from tms.languages import get_language
from tms.services import comments as comment_service
from tms.services import jobs as job_service
from tms.services import certification as certification_service
from tms.services import review, terminology
from tms.services.users import user_for_token
from tms.storage.layout import check_id
from tms.web.auth import csrf, current_account, unauthorized_json
from tms.web.views import catalog_args

bp = Blueprint("api", __name__, url_prefix="/api")
csrf.exempt(bp)     # token calls carry no cookie; session calls are checked in _authenticate

KEY_PATTERN = re.compile(r"[0-9a-f]{12}")
_PUBLIC = {"api.openapi"}


def _project():
    from tms.web import current_project

    return current_project()


@bp.before_request
def _authenticate():
    if request.endpoint in _PUBLIC:
        return None
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise PermissionDenied("use the header 'Authorization: Bearer TOKEN'")
        g.api_account = user_for_token(_project(), token.strip())
        return None
    if current_user.is_authenticated:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            csrf.protect()
        return None
    return unauthorized_json()


def _account():
    account = current_account()
    if account is None:
        raise PermissionDenied("sign in first")
    return account


def _key(key: str) -> str:
    if not KEY_PATTERN.fullmatch(key):
        raise NotFound(f"no segment {key!r}: segment keys are 12 hexadecimal digits")
    return key


def _body(*fields: str) -> dict:
    """The request's JSON object; with ``fields``, a field not among them is refused (400) with the ones the
    call takes, where a misspelt name would otherwise be passed over (a job over the whole project)."""
    if not request.is_json:
        raise InputError("send a JSON object with the header 'Content-Type: application/json'")
    try:
        data = current_app.json.loads(request.get_data())
    except ValueError as exc:
        raise InputError(f"the body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InputError("send a JSON object with the header 'Content-Type: application/json'")
    unknown = sorted(set(data) - set(fields)) if fields else []
    if unknown:
        raise InputError(f"unknown field {unknown[0]!r}; this call takes: {', '.join(fields)}")
    return data


def _string(data: dict, name: str, *, required: bool = True) -> str | None:
    value = data.get(name)
    if value is None:
        if required:
            raise InputError(f"{name!r} is required")
        return None
    if not isinstance(value, str):
        raise InputError(f"{name!r} must be a string")
    return value


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API."""
    from tms.web.openapi import openapi_document

    return jsonify(openapi_document())


@bp.get("/me")
def me():
    """The account the request is made as."""
    account = _account()
    return jsonify({"name": account.name, "role": account.role.slug,
                    "languages": None if account.languages is None else list(account.languages)})


@bp.get("/status")
def status():
    """The same JSON document as ``tms status --format json``."""
    from tms.services.reports import status_report
    from tms.services.stats import collect_stats

    from tms.services.schedules import add_plans, reader_zone

    ids = [check_id(i) for i in request.args.getlist("article")] or None
    langs = [get_language(code).code for code in request.args.getlist("lang")] or None
    errors: dict = {}
    report = status_report(collect_stats(_project(), ids=ids, langs=langs, errors=errors), errors)
    return jsonify(add_plans(_project(), report, reader_zone(request.args.get("tz"))))


@bp.get("/articles")
def articles():
    """Every article with the languages it has catalogs in."""
    project = _project()
    return jsonify({"articles": [{"id": i, "languages": project.catalog_languages(i)}
                                 for i in project.article_ids()]})


@bp.get("/articles/<article_id>/<lang>")
def catalog(article_id: str, lang: str):
    """The segments of one article in one language, in article order."""
    _account()
    return jsonify(review.get_segments(_project(), *catalog_args(article_id, lang)).to_json())


@bp.get("/articles/<article_id>/<lang>/segments/<key>")
def segment(article_id: str, lang: str, key: str):
    """One segment."""
    _account()
    return jsonify(review.get_segment(_project(), *catalog_args(article_id, lang), _key(key)).to_json())


def withdrawal(data: dict) -> review.Withdrawal | None:
    """The confirmation to withdraw official status a body carries: ``withdraw_official`` and ``reason``."""
    flag = data.get("withdraw_official", False)
    if not isinstance(flag, bool):
        raise InputError("'withdraw_official' must be true or false")
    return review.Withdrawal.confirmed(flag, data.get("reason"))


@bp.put("/articles/<article_id>/<lang>/segments/<key>")
def save(article_id: str, lang: str, key: str):
    """Save a translation: ``target``, ``state`` (optional) and the ``revision`` it was based on; 202 with
    the suggestion when the change is kept for review."""
    data = _body()
    result = review.save_segment(_project(), _account(), *catalog_args(article_id, lang), _key(key),
                                 _string(data, "target"), _string(data, "state", required=False),
                                 _string(data, "revision"), withdrawal=withdrawal(data))
    return jsonify(result.to_json()), 202 if result.proposal else 200


@bp.post("/articles/<article_id>/<lang>/segments/<key>/approve")
def approve(article_id: str, lang: str, key: str):
    """Approve a segment's translation as of ``revision``."""
    data = _body()
    result = review.approve(_project(), _account(), *catalog_args(article_id, lang), _key(key),
                            _string(data, "revision"), withdrawal=withdrawal(data))
    return jsonify(result.to_json())


@bp.get("/articles/<article_id>/<lang>/segments/<key>/history")
def segment_history(article_id: str, lang: str, key: str):
    """The changes of one segment, newest first."""
    _account()
    changes = review.history(_project(), *catalog_args(article_id, lang), _key(key))
    return jsonify({"changes": [c.to_json() for c in changes]})


@bp.get("/articles/<article_id>/<lang>/segments/<key>/terms")
def segment_terms(article_id: str, lang: str, key: str):
    """The glossary terms in a segment's source, with their accepted translations."""
    _account()
    terms = terminology.segment_terms(_project(), *catalog_args(article_id, lang), _key(key))
    return jsonify({"terms": [t.to_json() for t in terms]})


@bp.post("/changes/<int:change_id>/revert")
def revert(change_id: int):
    """Put a segment back as it was before a change."""
    data = request.get_json(silent=True) or {}
    if not isinstance(data, dict):
        raise InputError("send a JSON object")
    result = review.revert(_project(), _account(), change_id, _string(data, "revision", required=False),
                           withdrawal=withdrawal(data))
    return jsonify(result.to_json())


@bp.get("/articles/<article_id>/<lang>/comments")
def comments(article_id: str, lang: str):
    """Comments of a catalog; ``?key=`` for one segment's."""
    _account()
    key = request.args.get("key")
    found = comment_service.list_comments(_project(), *catalog_args(article_id, lang),
                                          _key(key) if key else None)
    return jsonify({"comments": [c.to_json() for c in found]})


@bp.post("/articles/<article_id>/<lang>/comments")
def add_comment(article_id: str, lang: str):
    """Add a comment: ``text`` and optionally the segment ``key``."""
    data = _body()
    key = _string(data, "key", required=False)
    comment = comment_service.add_comment(_project(), _account(), *catalog_args(article_id, lang),
                                          _key(key) if key else "", _string(data, "text"))
    return jsonify(comment.to_json()), 201


@bp.delete("/comments/<int:comment_id>")
def delete_comment(comment_id: int):
    """Delete a comment (its author or an admin)."""
    comment_service.delete_comment(_project(), _account(), comment_id)
    return "", 204


@bp.get("/articles/<article_id>/<lang>/certification")
def certification(article_id: str, lang: str):
    """Whether the catalog can be certified now, and why not."""
    _account()
    article_id, lang = catalog_args(article_id, lang)
    project = _project()
    reasons = certification_service.certification_blockers(project, article_id, lang)
    return jsonify({"can_certify": not reasons, "reasons": reasons,
                    "max_unmodified_machine_percent": certification_service.machine_threshold(project, lang)})


@bp.post("/articles/<article_id>/<lang>/certify")
def certify(article_id: str, lang: str):
    """Certify the catalog as the official translation (approvers)."""
    view = certification_service.certify(_project(), _account(), *catalog_args(article_id, lang))
    return jsonify(view.to_json())


@bp.get("/jobs")
def jobs():
    """Recorded background jobs, newest first (``?article=ID&lang=LANG&user=NAME&limit=N``)."""
    _account()
    args = request.args
    article_id, lang = args.get("article"), args.get("lang")
    if article_id:
        check_id(article_id)
    if lang:
        get_language(lang)
    try:
        limit = min(max(int(args.get("limit", 50)), 1), 500)
    except ValueError:
        raise InputError("'limit' must be a whole number") from None
    found = job_service.list_jobs(_project(), article_id=article_id, lang=lang, user=args.get("user"), limit=limit)
    return jsonify({"jobs": [job.to_json() for job in found]})


@bp.get("/jobs/<job_id>")
def job(job_id: str):
    """One job: parameters, state, progress and, once done, its summary."""
    _account()
    return jsonify(job_service.job_status(_project(), job_id).to_json())


@bp.post("/jobs/prefill")
def start_prefill():
    """Queue a prefill: ``articles`` and ``languages`` (lists; empty or missing for all), ``engine``."""
    data = _body("articles", "languages", "engine")
    ids = _string_list(data, "articles")
    langs = _string_list(data, "languages")
    account = _account()
    job_service.require_prefill(account, langs)
    engine = _string(data, "engine", required=False) or None
    job_id = job_service.enqueue_prefill(_project(), ids, langs, engine, user=account.name)
    return jsonify(job_service.job_status(_project(), job_id).to_json()), 202


def _string_list(data: dict, name: str) -> list[str]:
    value = data.get(name) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputError(f"{name!r} must be a list of strings")
    return value

