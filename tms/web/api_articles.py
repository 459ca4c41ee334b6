"""The JSON API of the newsroom: articles in (``POST /api/articles``, a new version with ``PUT
/api/articles/ID/source``), deadlines, priorities and assignees, what waits for the caller, and translations
out (the published page, a zip of every publishable language, a catalog as PO, MO or XLIFF, an XLIFF
coming back).

Authentication is the API's (``tms.web.api``): a token, or a signed-in session sending its CSRF token.
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

from tms.errors import InputError
from tms.services import newsroom, publishing, schedules
from tms.services import work as work_service
from tms.services import webhooks as webhook_service
from tms.services.importing import import_limit
from tms.services.interchange import merge_xliff
from tms.services.users import require
from tms.storage.database import utcnow
from tms.storage.layout import check_id
from tms.web.api import _account, _authenticate, _body, _project
from tms.web.auth import csrf
from tms.web.views import catalog_args
from tms.web.work_pages import work_query

bp = Blueprint("api_articles", __name__, url_prefix="/api")
csrf.exempt(bp)
_TAKES_ARTICLES = {"api_articles.add_article", "api_articles.preview_article", "api_articles.update_source",
                   "api_articles.upload_xliff"}


@bp.before_request
def _room_for_an_article():
    """An article may be as large as the project imports (``[import] max_bytes``), more than the
    application's limit for other requests; set before anything reads the body."""
    if request.endpoint in _TAKES_ARTICLES:
        request.max_content_length = upload_limit(_project())


def upload_limit(project) -> int:
    """The largest request that may carry an article: the import limit, base64-encoded (the browser's
    confirmation sends the previewed file back that way), and room for the form's other fields."""
    return max(import_limit(project) * 4 // 3 + 65536, current_app.config.get("MAX_CONTENT_LENGTH") or 0)


bp.before_request(_authenticate)
_FIELDS = ("lang", "id", "deadline", "priority")
#: Catalogs in one answer of ``GET /api/my-work``.
API_PER_PAGE = 100


def read_submission(project) -> newsroom.Submission:
    """The article a request sends: multipart with ``file`` (and form fields), or JSON with ``content`` and
    ``format``; optional ``lang``, ``id``, ``deadline`` and ``priority`` either way."""
    upload = request.files.get("file")
    if upload is not None:
        fields = {name: request.form.get(name) or None for name in _FIELDS}
        return newsroom.submission(project, data=upload.read(), name=upload.filename or "file",
                                   lang=fields["lang"], article_id=fields["id"], deadline=fields["deadline"],
                                   priority=fields["priority"])
    if request.mimetype == "multipart/form-data":
        raise InputError("the multipart request has no 'file' part; send the article as 'file'")
    data = _body("content", "format", *_FIELDS)
    return newsroom.submission(project, content=data.get("content"), fmt=data.get("format"), lang=data.get("lang"),
                               article_id=data.get("id"), deadline=data.get("deadline"),
                               priority=data.get("priority"))


@bp.post("/articles")
def add_article():
    """Import a new article (editors and admins): 201 with its id, language, catalogs and schedule."""
    account = require(_account(), "publish")
    project = _project()
    added = newsroom.add_article(project, account, read_submission(project))
    return jsonify(added.to_json()), 201, {"Location": f"{request.script_root}/api/articles/{added.article_id}"}


@bp.post("/articles/preview")
def preview_article():
    """What importing the article would make of it (language, title, metadata, segments); writes nothing."""
    require(_account(), "publish")
    return jsonify(newsroom.preview(read_submission(_project())).to_json())


@bp.put("/articles/<article_id>/source")
def update_source(article_id: str):
    """Merge a new version of the article, as ``tms update`` does; answers what changed."""
    account = require(_account(), "publish")
    project = _project()
    item = read_submission(project)
    return jsonify(newsroom.update_source(project, account, check_id(article_id), item).to_json())


@bp.get("/articles/<article_id>/schedule")
def article_schedule(article_id: str):
    """The article's deadline and priority, and each language's plan."""
    _account()
    project = _project()
    project.require_article(check_id(article_id))
    zone = schedules.reader_zone(request.args.get("tz"))
    plan = schedules.plan_lookup(project)
    return jsonify({"article": article_id, **plan(article_id, "").to_json(zone),
                    "languages": {lang: plan(article_id, lang).to_json(zone)
                                  for lang in project.catalog_languages(article_id)}})


@bp.put("/articles/<article_id>/schedule")
def set_article_schedule(article_id: str):
    """Set the article's ``deadline`` and ``priority`` (editors); a key left out is kept, null clears it."""
    data = _body()
    plan = schedules.set_schedule(_project(), _account(), check_id(article_id), None, **_plan_fields(data, False))
    return jsonify(plan.to_json(schedules.reader_zone(request.args.get("tz"))))


@bp.put("/articles/<article_id>/<lang>/schedule")
def set_language_schedule(article_id: str, lang: str):
    """Set one language's ``deadline``, ``priority`` and ``assignee`` (editors)."""
    article_id, lang = catalog_args(article_id, lang)
    data = _body()
    plan = schedules.set_schedule(_project(), _account(), article_id, lang, **_plan_fields(data, True))
    return jsonify(plan.to_json(schedules.reader_zone(request.args.get("tz"))))


def _plan_fields(data: dict, with_assignee: bool) -> dict:
    names = ("deadline", "priority", "assignee") if with_assignee else ("deadline", "priority")
    unknown = set(data) - set(names)
    if unknown:
        raise InputError(f"unknown field {sorted(unknown)[0]!r}; send {', '.join(names)}")
    return {name: data[name] for name in names if name in data}


@bp.get("/my-work")
def my_work():
    """The catalogs waiting for the caller, as on the page "My work": overdue first, then by deadline,
    priority and the amount of work; ``lang``, ``mine`` and ``page`` as there, 100 a page."""
    account = _account()
    zone = schedules.reader_zone(request.args.get("tz"))
    work = work_service.my_work(_project(), account, **work_query(), per_page=API_PER_PAGE)
    now = utcnow()
    return jsonify({"items": [item.to_json(zone, now) for item in work.items], "total": work.total,
                    "page": work.page, "pages": work.pages})


@bp.get("/articles/<article_id>/<lang>/render")
def render(article_id: str, lang: str):
    """The published page (``?format=html|markdown|text``), or 409 with the reasons it is not publishable."""
    _account()
    article_id, lang = catalog_args(article_id, lang)
    project = _project()
    fmt = publishing.page_format(request.args.get("format"))
    reasons = publishing.publish_blockers(project, article_id, lang)
    if reasons:
        return jsonify({"error": f"{article_id} ({lang}) is not publishable yet", "status": 409,
                        "reasons": reasons}), 409
    page = publishing.render_published(project, article_id, lang, fmt)
    return Response(page, mimetype=publishing.PAGE_TYPES[fmt][0].split(";")[0],
                    headers=_attachment(f"{article_id}.{lang}.{publishing.PAGE_TYPES[fmt][1]}"))


@bp.get("/articles/<article_id>/bundle")
def bundle(article_id: str):
    """A zip of the article in every publishable language, with its embedded files."""
    _account()
    data, langs = publishing.bundle(_project(), check_id(article_id), request.args.get("format") or "html")
    headers = {**_attachment(f"{article_id}.zip", inline=False), "X-TMS-Languages": ",".join(langs)}
    return Response(data, mimetype="application/zip", headers=headers)


@bp.get("/articles/<article_id>/<lang>/catalog")
def catalog_file(article_id: str, lang: str):
    """The catalog as a file: ``?format=po`` (default), ``mo`` or ``xliff``."""
    _account()
    found = publishing.catalog_file(_project(), *catalog_args(article_id, lang), request.args.get("format") or "po")
    return Response(found.data, mimetype=found.mimetype, headers=_attachment(found.filename, inline=False))


@bp.post("/articles/<article_id>/<lang>/xliff")
def upload_xliff(article_id: str, lang: str):
    """Merge a translated XLIFF file (multipart ``file``, or the XML as the body) into the catalog, as
    ``tms import-translations`` does; approved segments are kept unless the file signs them off too."""
    article_id, lang = catalog_args(article_id, lang)
    account = require(_account(), "edit", lang)
    upload = request.files.get("file")
    data, name = (upload.read(), upload.filename or "upload.xlf") if upload else (request.get_data(), "upload.xlf")
    if not data:
        raise InputError("send the XLIFF file as multipart 'file' or as the request body")
    report = merge_xliff(_project(), data, name, by=account.name, expected=(article_id, lang))
    return jsonify(_xliff_report(report))


def _xliff_report(report) -> dict:
    return {key: value for key, value in report.__dict__.items()}


@bp.get("/webhooks/deliveries")
def deliveries():
    """Webhook deliveries, newest first (admins): status, attempts, last answer."""
    require(_account(), "manage-users")
    status = request.args.get("status") or None
    return jsonify({"deliveries": [d.to_json() for d in webhook_service.list_deliveries(_project(), status=status)]})


def _attachment(filename: str, inline: bool = True) -> dict:
    kind = "inline" if inline else "attachment"
    return {"Content-Disposition": f'{kind}; filename="{filename}"'}
