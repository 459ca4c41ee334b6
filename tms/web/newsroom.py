"""The newsroom pages: an editor brings in an article (upload or paste, check what tms read, confirm), plans
the work on it (deadline, priority, an assignee per language); admins see the webhook deliveries. What is
due for each person is "My work" (``tms.web.work_pages``); its old address here leads there.

The preview writes nothing: the source travels back with the confirmation form, so a preview left
unconfirmed leaves no trace, and the confirmation reads it again exactly as the API would.
"""
from __future__ import annotations

import base64
import binascii
from datetime import datetime

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required

from tms.errors import InputError, TmsError
from tms.languages import CODES, all_languages, get_language
from tms.services import newsroom, schedules
from tms.services import webhooks as webhook_service
from tms.services.interchange import merge_xliff
from tms.services.users import AccountRole, list_users, require
from tms.web import current_project
from tms.web.api_articles import upload_limit
from tms.web.auth import csrf, current_account
from tms.web.dates import ZONE_COOKIE, reader_zone
from tms.web.views import catalog_args, local_redirect

bp = Blueprint("newsroom", __name__, url_prefix="/newsroom")
csrf.exempt(bp)     # checked in _room_for_an_article, once the request may be as large as an article


@bp.before_request
def _room_for_an_article():
    if request.endpoint in ("newsroom.preview", "newsroom.confirm", "newsroom.upload_xliff"):
        request.max_content_length = upload_limit(current_project())
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        csrf.protect()


def _form_deadline(value: str | None) -> str | None:
    """A deadline from the form: ``datetime-local`` gives no offset; it is the reader's time zone's."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"deadline: {value!r} is not a date and time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=reader_zone())
    return moment.isoformat()


def _form_submission(project) -> newsroom.Submission:
    form = request.form
    upload = request.files.get("file")
    fields = dict(lang=form.get("lang") or None, article_id=form.get("id", "").strip() or None,
                  deadline=_form_deadline(form.get("deadline")), priority=form.get("priority") or None)
    if form.get("payload"):
        try:
            data = base64.b64decode(form["payload"], validate=True)
        except (binascii.Error, ValueError):
            raise InputError("the previewed article was damaged on its way back; upload it again") from None
        return newsroom.submission(project, data=data, name=form.get("name") or "article", **fields)
    if upload is not None and upload.filename:
        return newsroom.submission(project, data=upload.read(), name=upload.filename, **fields)
    text = form.get("content", "")
    if not text.strip():
        raise InputError("choose a file to upload, or paste the article's text")
    return newsroom.submission(project, content=text, fmt=form.get("format") or "text", **fields)


@bp.get("/new")
@login_required
def new():
    """The form: upload a file or paste text, with language, id, deadline and priority."""
    require(current_account(), "publish")
    return _form_page()


@bp.post("/preview")
@login_required
def preview():
    """What tms reads in the article: language, title, metadata and segments; nothing is written yet."""
    require(current_account(), "publish")
    project = current_project()
    try:
        item = _form_submission(project)
        shown = newsroom.preview(item)
    except TmsError as exc:
        return _form_again(str(exc))
    return render_template("newsroom/preview.html", preview=shown, item=item, zone=reader_zone(),
                           payload=base64.b64encode(item.data).decode("ascii"),
                           language=get_language(shown.source.article.language),
                           priority=item.priority or schedules.NORMAL, priorities=schedules.PRIORITIES)


@bp.post("/confirm")
@login_required
def confirm():
    """Import the previewed article."""
    account = require(current_account(), "publish")
    project = current_project()
    try:
        added = newsroom.add_article(project, account, _form_submission(project))
    except TmsError as exc:
        return _form_again(str(exc))
    flash(f"Imported {added.article_id} ({added.language}, {added.segments} segments) into "
          f"{len(added.catalogs)} catalogs.", "success")
    return redirect(url_for("newsroom.plan", article_id=added.article_id))


def _form_again(message: str):
    return _form_page(message), 400


def _form_page(error: str = "") -> str:
    """The new-article form, filled with what was sent, and the error that sent it back."""
    return render_template("newsroom/new.html", languages=all_languages(), priorities=schedules.PRIORITIES,
                           formats=newsroom.CONTENT_FORMATS, zone=reader_zone(), form=request.form, error=error)


@bp.route("/articles/<article_id>/plan", methods=["GET", "POST"])
@login_required
def plan(article_id: str):
    """The article's deadline and priority, and each language's own deadline, priority and assignee."""
    project = current_project()
    article_id, _ = catalog_args(article_id, "en")
    project.require_article(article_id)
    account = current_account()
    langs = project.catalog_languages(article_id)
    if request.method == "POST":
        require(account, "publish")
        _save_plan(project, account, article_id, langs)
        flash("Plan saved.", "success")
        return redirect(url_for("newsroom.plan", article_id=article_id))
    lookup = schedules.plan_lookup(project)
    people = [a for a in list_users(project) if a.is_active]
    return render_template("newsroom/plan.html", article_id=article_id, article_plan=lookup(article_id, ""),
                           plans={lang: lookup(article_id, lang) for lang in langs},
                           languages=[get_language(c) for c in CODES if c in langs], people=people,
                           priorities=schedules.PRIORITIES, zone=reader_zone(), time_left=schedules.time_left,
                           may_plan=account.has(AccountRole.EDITOR))


def _save_plan(project, account, article_id: str, langs: list[str]) -> None:
    form = request.form
    schedules.set_schedule(project, account, article_id, None, deadline=_form_deadline(form.get("deadline")),
                           priority=form.get("priority") or None)
    for lang in langs:
        own = {"deadline": _form_deadline(form.get(f"deadline-{lang}")),
               "priority": form.get(f"priority-{lang}") or None, "assignee": form.get(f"assignee-{lang}") or ""}
        schedules.set_schedule(project, account, article_id, lang, **own)


@bp.get("/my-work")
def my_work():
    """The page "My work" moved to ``/my-work``: links and bookmarks to the old address follow it."""
    return redirect(url_for("work.index", **request.args.to_dict(flat=False)), 301)


@bp.post("/time-zone")
@login_required
def time_zone():
    """Remember the time zone the reader wants deadlines in."""
    zone = schedules.reader_zone(request.form.get("tz"))
    response = redirect(local_redirect(request.form.get("next"), url_for("work.index")))
    response.set_cookie(ZONE_COOKIE, zone.key, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    return response


@bp.post("/articles/<article_id>/<lang>/xliff")
@login_required
def upload_xliff(article_id: str, lang: str):
    """Merge a translated XLIFF file into the catalog, from the editor."""
    article_id, lang = catalog_args(article_id, lang)
    account = require(current_account(), "edit", lang)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash("Choose an XLIFF file to upload.", "error")
    else:
        try:
            report = merge_xliff(current_project(), upload.read(), upload.filename, by=account.name,
                                 expected=(article_id, lang))
        except TmsError as exc:
            flash(str(exc), "error")
        else:
            message = f"{upload.filename}: {report.updated} segments updated, {report.unchanged} unchanged"
            if report.conflicts:
                message += f"; {len(report.conflicts)} approved segments kept: " + "; ".join(report.conflicts[:5])
            flash(message, "success" if not report.conflicts else "warning")
    return redirect(url_for("editor.page", article_id=article_id, lang=lang))


@bp.get("/webhooks")
@login_required
def webhooks():
    """Every recent webhook delivery: event, receiver, status, attempts, last answer (admins)."""
    require(current_account(), "manage-users")
    project = current_project()
    try:
        receivers, problem = webhook_service.webhooks(project), ""
    except InputError as exc:
        receivers, problem = [], str(exc)
    return render_template("newsroom/webhooks.html", deliveries=webhook_service.list_deliveries(project),
                           receivers=receivers, problem=problem)


@bp.post("/webhooks/<int:delivery_id>/retry")
@login_required
def retry(delivery_id: int):
    """Queue a failed delivery again."""
    require(current_account(), "manage-users")
    webhook_service.retry(current_project(), delivery_id)
    flash(f"Delivery #{delivery_id} queued again.", "success")
    return redirect(url_for("newsroom.webhooks"))
