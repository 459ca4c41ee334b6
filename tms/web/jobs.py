"""Background prefill jobs from the browser: starting one, the list of jobs, and progress for the pages.

Every job is recorded in the project database (``tms.services.jobs``), so any page of any worker process
shows the same jobs: the editor those of its catalog, the dashboard those still running or just finished,
``/jobs/`` every recent one.
"""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import login_required

from tms.services import jobs as job_service
from tms.web import current_project, wants_json
from tms.web.auth import current_account
from tms.web.views import catalog_args, local_redirect

bp = Blueprint("jobs", __name__, url_prefix="/jobs")
#: Jobs that ended longer ago than this are no longer shown beside a catalog or on the dashboard.
SHOWN_AFTER_THE_END = timedelta(hours=1)
SHOWN_ON_A_PAGE = 10


def job_views(project, article_id: str | None = None, lang: str | None = None) -> list:
    """The jobs to show on a page (of one catalog, if given), newest first: unfinished ones and those
    that ended within the last hour."""
    return job_service.list_jobs(project, article_id=article_id, lang=lang, finished_within=SHOWN_AFTER_THE_END,
                             limit=SHOWN_ON_A_PAGE)


@bp.post("/prefill")
@login_required
def start_prefill():
    """Queue a prefill of one catalog's untranslated segments with the project's engine."""
    article_id, lang = catalog_args(request.form.get("article", ""), request.form.get("lang", ""))
    project, account = current_project(), current_account()
    job_service.require_prefill(account, [lang])
    job_id = job_service.enqueue_prefill(project, [article_id], [lang], None, user=account.name)
    if wants_json():
        return jsonify({"job": job_id, "url": url_for("jobs.status", job_id=job_id)}), 202
    flash("Prefill started; its progress is shown below. Run 'tms worker' if no worker is running.", "success")
    fallback = url_for("editor.page", article_id=article_id, lang=lang)
    return redirect(local_redirect(request.form.get("next"), fallback))


@bp.get("/")
@login_required
def index():
    """Every recent job: what it does, who started it, where it stands."""
    jobs = job_service.list_jobs(current_project(), limit=200)
    return render_template("jobs/index.html", jobs=jobs)


@bp.get("/<job_id>")
@login_required
def status(job_id: str):
    """Where a job stands, as JSON for the progress indicator."""
    return jsonify(job_service.job_status(current_project(), job_id).to_json())
