"""The bulk-work page of a catalog: approve everything that passes the checks, search and replace; each
shows what it would change, and does it only for the segments the person confirms."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_required

from tms.errors import Conflict
from tms.languages import get_language
from tms.services import bulk, review
from tms.web import current_project
from tms.web.auth import current_account
from tms.web.diffing import diff_html
from tms.web.views import catalog_args

bp = Blueprint("bulk", __name__)


def _chosen() -> list[tuple[str, str]]:
    """The (key, revision) pairs the person left ticked in the preview."""
    pairs = []
    for value in request.form.getlist("segment"):
        key, _, revision = value.partition(":")
        pairs.append((key, revision))
    return pairs


@bp.get("/articles/<article_id>/<lang>/bulk")
@login_required
def page(article_id: str, lang: str):
    """The previews: what approving all would approve, and (with ``find``) what a replacement would change."""
    article_id, lang = catalog_args(article_id, lang)
    project, account = current_project(), current_account()
    may_approve = review.is_allowed(account, "approve", lang)
    approvable = bulk.approvable(project, account, article_id, lang) if may_approve else []
    find, replace = request.args.get("find", ""), request.args.get("replace", "")
    replacements = ([(c, diff_html(c.before, c.after)) for c in bulk.replacements(project, account, article_id,
                                                                                   lang, find, replace)]
                    if find else None)
    return render_template("bulk/page.html", article_id=article_id, lang=lang, language=get_language(lang),
                           may_approve=may_approve, approvable=approvable, find=find, replace=replace,
                           replacements=replacements)


@bp.post("/articles/<article_id>/<lang>/bulk/approve")
@login_required
def approve(article_id: str, lang: str):
    """Approve the segments confirmed in the preview."""
    article_id, lang = catalog_args(article_id, lang)
    try:
        done = bulk.approve_all(current_project(), current_account(), article_id, lang, _chosen())
        flash(f"{len(done)} segment{'s' if len(done) != 1 else ''} approved.", "success")
    except Conflict as exc:
        flash(str(exc), "error")
    return redirect(url_for("editor.page", article_id=article_id, lang=lang))


@bp.post("/articles/<article_id>/<lang>/bulk/replace")
@login_required
def replace(article_id: str, lang: str):
    """Replace in the segments confirmed in the preview."""
    article_id, lang = catalog_args(article_id, lang)
    try:
        done = bulk.replace_all(current_project(), current_account(), article_id, lang,
                                request.form.get("find", ""), request.form.get("replace", ""), _chosen())
        suggested = sum(1 for r in done if r.proposal is not None)
        flash(f"{len(done) - suggested} segment(s) changed"
              + (f", {suggested} approved one(s) sent to the reviewers as suggestions." if suggested else "."),
              "success")
    except Conflict as exc:
        flash(f"Stopped: {exc}", "error")
    return redirect(url_for("editor.page", article_id=article_id, lang=lang))
