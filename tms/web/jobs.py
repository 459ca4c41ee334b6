"""Background prefill jobs from the browser: starting one, and its progress for the pages' indicator.

The jobs a person started are remembered in their session, so the pages can show their progress; the
queue itself (``tms.services.jobs``) holds every job's status, which any worker process updates.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, flash, jsonify, redirect, request, session, url_for
from flask_login import login_required

from tms.errors import InputError, NotFound
from tms.services.users import require
from tms.web import current_project, wants_json
from tms.web.auth import current_account
from tms.web.views import catalog_args, local_redirect, optional_service

bp = Blueprint("jobs", __name__, url_prefix="/jobs")
SESSION_KEY = "tms_jobs"
REMEMBERED = 10
JOB_ID_CHARS = frozenset("0123456789abcdefABCDEF-")


@dataclass
class JobView:
    """A job as the progress indicator shows it."""

    id: str
    article_id: str
    lang: str
    state: str
    done: int
    total: int
    message: str

    @property
    def is_over(self) -> bool:
        """True once the job is done or failed."""
        return self.state in ("done", "failed")

    def to_json(self) -> dict:
        """What the page's script polls."""
        return {"id": self.id, "article": self.article_id, "language": self.lang, "state": self.state,
                "done": self.done, "total": self.total, "message": self.message}


def _service():
    service = optional_service("jobs")
    if service is None:
        raise InputError("background jobs are not available in this installation")
    return service


def _check_job_id(job_id: str) -> str:
    if not job_id or len(job_id) > 64 or not set(job_id) <= JOB_ID_CHARS:
        raise NotFound(f"no job {job_id!r}")
    return job_id


def job_views(project, article_id: str | None = None, lang: str | None = None) -> list[JobView]:
    """The jobs this session started (of one catalog, if given), newest first."""
    service = optional_service("jobs")
    if service is None:
        return []
    views = []
    for entry in session.get(SESSION_KEY, []):
        if (article_id and entry["article"] != article_id) or (lang and entry["lang"] != lang):
            continue
        try:
            status = service.job_status(project, entry["id"])
        except NotFound:
            continue
        views.append(JobView(entry["id"], entry["article"], entry["lang"], status.state, status.done,
                             status.total, status.message))
    return views


@bp.post("/prefill")
@login_required
def start_prefill():
    """Queue a prefill of one catalog's untranslated segments with the project's engine."""
    article_id, lang = catalog_args(request.form.get("article", ""), request.form.get("lang", ""))
    project = current_project()
    require(current_account(), "edit", lang)
    job_id = _service().enqueue_prefill(project, [article_id], [lang], None)
    remembered = [{"id": job_id, "article": article_id, "lang": lang}] + session.get(SESSION_KEY, [])
    session[SESSION_KEY] = remembered[:REMEMBERED]
    if wants_json():
        return jsonify({"job": job_id, "url": url_for("jobs.status", job_id=job_id)}), 202
    flash("Prefill started; its progress is shown below. Run 'tms worker' if no worker is running.", "success")
    fallback = url_for("editor.page", article_id=article_id, lang=lang)
    return redirect(local_redirect(request.form.get("next"), fallback))


@bp.get("/<job_id>")
@login_required
def status(job_id: str):
    """Where a job stands, as JSON for the progress indicator."""
    status = _service().job_status(current_project(), _check_job_id(job_id))
    entry = next((e for e in session.get(SESSION_KEY, []) if e["id"] == job_id), {"article": "", "lang": ""})
    view = JobView(job_id, entry["article"], entry["lang"], status.state, status.done, status.total,
                   status.message)
    return jsonify(view.to_json())
