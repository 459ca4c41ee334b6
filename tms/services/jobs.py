"""Background prefill jobs: Huey carries them, the project database records them.

The web UI calls ``enqueue_prefill``, which records the job in the ``jobs`` table (who asked, for which
articles and languages, with which engine) and queues its id on Huey; ``tms worker`` runs Huey's consumer,
which reads the job's parameters from the table, runs it and writes its progress and outcome back:
queued, running (with progress), done (with a summary of the report) or failed (with the error).

The queue is SQLite under ``.tms/`` by default, shared by every worker on the machine. With Redis
(``TMS_REDIS_URL`` or ``[jobs] redis_url`` in ``tms.toml``) workers on several machines share the queue,
each on the one project folder they all mount (``tms --root``, at any path: docs/deploy.md) and all on
one database (``TMS_DATABASE_URL``), so that the pages see every job's progress. Webhook deliveries
(``tms.services.webhooks``) and notification e-mail (``tms.services.notifications``) ride the same queue.
"""
from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from huey import Huey, SqliteHuey
from sqlalchemy import or_, select, update

from tms.errors import InputError, NotFound, TmsError
from tms.languages import CODES, get_language
from tms.mt.registry import engine_names
from tms.services.prefill import PrefillReport, choose, default_engine, prefill
from tms.services.users import Account, require
from tms.storage.config import project_settings
from tms.storage.database import Job, as_utc, get_database, given, utcnow
from tms.storage.layout import Project

JOBS_FILE = "jobs.sqlite3"
PROGRESS_EVERY = 0.5            # seconds between progress updates in the database
#: A running job whose worker has not reported for this long has most likely lost its worker.
STALLED_AFTER = timedelta(minutes=15)
OVER = ("done", "failed")
_queues: dict[tuple, Huey] = {}
_queues_lock = threading.Lock()


@dataclass
class JobStatus:
    """A background job as recorded: what it does, who asked, where it stands."""

    id: str
    state: str                  # queued, running, done, failed
    kind: str = "prefill"
    engine: str = ""
    user: str = ""
    article_id: str = ""        # the article, when the job is about one
    lang: str = ""              # the language, when the job is about one
    ids: list[str] = field(default_factory=list)      # the articles asked for (none: all)
    langs: list[str] = field(default_factory=list)    # the languages asked for (none: all)
    done: int = 0               # entries handled so far
    total: int = 0              # entries to handle
    message: str = ""           # the current step, or the error of a failed job
    enqueued: str = ""
    started: str = ""
    finished: str = ""
    updated: str = ""           # when the worker last reported
    is_stalled: bool = False    # running, but no report for STALLED_AFTER: its worker has likely stopped
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def percent(self) -> float:
        """Progress in percent (100 once done)."""
        if self.state == "done":
            return 100.0
        return 100.0 * self.done / self.total if self.total else 0.0

    @property
    def is_over(self) -> bool:
        """True once the job is done or failed."""
        return self.state in OVER

    def to_json(self) -> dict[str, Any]:
        """The job as JSON, for the pages and the API."""
        return {**asdict(self), "percent": round(self.percent, 1)}


def queue_settings(project: Project, environ=None) -> dict[str, str]:
    """The queue backend: ``{"backend": "sqlite", "path": ...}`` or ``{"backend": "redis", "url": ...}``."""
    environ = os.environ if environ is None else environ
    jobs = project_settings(project.config_path).section("jobs")
    name = str(jobs.get("queue") or "tms")
    url = environ.get("TMS_REDIS_URL") or jobs.get("redis_url") or ""
    if url:
        return {"backend": "redis", "url": str(url), "name": name}
    return {"backend": "sqlite", "path": str(project.state_dir / JOBS_FILE), "name": name}


def get_queue(project: Project, environ=None) -> Huey:
    """The Huey instance of the project, with the prefill task registered (one per process)."""
    config = queue_settings(project, environ)
    key = (str(project.root), tuple(sorted(config.items())))
    with _queues_lock:
        if key not in _queues:
            _queues[key] = _register(_create(config), project)
        return _queues[key]


def _create(config: dict[str, str]) -> Huey:
    if config["backend"] == "redis":
        try:
            from huey import RedisHuey
            import redis  # noqa: F401  (RedisHuey needs it at connect time; fail early and clearly)
        except ImportError:
            raise InputError("a Redis queue is configured (TMS_REDIS_URL or [jobs] redis_url) but the redis "
                             "package is missing: pip install 'tms[redis]'") from None
        return RedisHuey(config["name"], url=config["url"], results=False)
    os.makedirs(os.path.dirname(config["path"]), exist_ok=True)
    return SqliteHuey(config["name"], filename=config["path"], results=False)


def _register(huey: Huey, project: Project) -> Huey:
    @huey.task(name="prefill")
    def prefill_job(job_id: str) -> None:
        run_job(project, job_id)

    huey.tms_prefill = prefill_job
    from tms.services import notifications, webhooks    # deliveries and e-mail share the queue and its workers

    webhooks.register(huey, project)
    notifications.register(huey, project)
    return huey


def require_prefill(account: Account, langs: Sequence[str]) -> None:
    """``PermissionDenied`` unless ``account`` may edit every language of ``langs`` (every language when
    empty): a prefill writes into those catalogs."""
    for lang in langs or CODES:
        require(account, "edit", lang)


def enqueue_prefill(project: Project, ids: Sequence[str], langs: Sequence[str], engine: str | None,
                    user: str = "") -> str:
    """Check the request, record the job, queue it and return its id."""
    for lang in langs:
        get_language(lang)
    choose(project, list(ids), list(langs))
    name = ",".join(engine_names(engine or default_engine(project)))
    huey = get_queue(project)
    parameters = {"ids": list(ids), "langs": list(langs), "engine": name}
    job = Job(kind="prefill", status="queued", user=user[:64], parameters=json.dumps(parameters),
              article_id=ids[0] if len(ids) == 1 else "", lang=langs[0] if len(langs) == 1 else "")
    with get_database(project).session() as session:
        session.add(job)
        session.flush()
        job_id = str(job.id)
    try:
        huey.enqueue(huey.tms_prefill.s(job_id))
    except Exception as exc:
        _record(project, job_id, status="failed", finished=utcnow(),
                message="could not be queued; the error is in the server's log")
        raise TmsError(f"the job queue refused prefill job {job_id}: {exc}") from exc
    return job_id


def job_status(project: Project, job_id: str) -> JobStatus:
    """The recorded status of job ``job_id``; ``NotFound`` for an id never issued."""
    with get_database(project).session() as session:
        job = session.get(Job, int(job_id)) if str(job_id).isdigit() else None
        if job is None or job.kind != "prefill":
            raise NotFound(f"no prefill job {job_id!r} in this project")
        return _view(job)


def list_jobs(project: Project, *, article_id: str | None = None, lang: str | None = None,
              user: str | None = None, finished_within: timedelta | None = None,
              limit: int = 50) -> list[JobStatus]:
    """Recorded jobs, newest first: of one catalog or user if given; ``finished_within`` leaves out
    jobs that ended longer ago than that (unfinished ones are always listed)."""
    query = (select(Job).filter_by(**given(article_id=article_id, lang=lang, user=user))
             .order_by(Job.created.desc(), Job.id.desc()).limit(limit))
    if finished_within is not None:
        query = query.where(or_(Job.finished.is_(None), Job.finished >= utcnow() - finished_within))
    with get_database(project).session() as session:
        return [_view(job) for job in session.scalars(query)]


def run_job(project: Project, job_id: str) -> None:
    """Run one recorded prefill job, writing its progress and outcome to the database."""
    status = job_status(project, job_id)
    if status.is_over:
        return      # delivered twice by the queue: it ran already
    _record(project, job_id, status="running", started=utcnow(), message="starting")
    last = [time.monotonic()]

    def progress(done: int, total: int, message: str) -> None:
        if time.monotonic() - last[0] >= PROGRESS_EVERY:
            last[0] = time.monotonic()
            _record(project, job_id, done=done, total=total, message=message)

    try:
        report = prefill(project, status.ids, status.langs, status.engine, progress=progress)
    except TmsError as exc:
        if type(exc) is not TmsError:       # bad input, a broken catalog, an engine's refusal: the user's to know
            _record(project, job_id, status="failed", finished=utcnow(), message=project.without_root(str(exc)))
            return
        # a server-side failure (the database): its details (URL, SQL) are for the worker's log only
        _record(project, job_id, status="failed", finished=utcnow(), message="failed; the error is in the worker's log")
        raise
    except BaseException as exc:
        _record(project, job_id, status="failed", finished=utcnow(),
                message=f"unexpected {type(exc).__name__}; the error is in the worker's log")
        raise
    _record(project, job_id, status="done", finished=utcnow(), done=report.segments, total=report.segments,
            message=f"{report.filled} of {report.segments} entries filled", result=json.dumps(summarize(report)))


def summarize(report: PrefillReport) -> dict[str, Any]:
    """A JSON-friendly summary of a prefill report, for a job's record."""
    return {
        "engine": report.engine,
        "filled": report.filled,
        "segments": report.segments,
        "requests": report.requests,
        "saved": len(report.saved),
        "languages": {lang: {**asdict(r), "filled": r.filled} for lang, r in report.languages.items()},
        "failures": dict(report.failures),
        "rejections": [asdict(r) for r in report.rejections[:50]],
        "rejected": len(report.rejections),
    }


def _record(project: Project, job_id: str, **values) -> None:
    values["updated"] = utcnow()
    with get_database(project).transaction() as connection:
        connection.execute(update(Job).where(Job.id == int(job_id)).values(**values))


def _view(job: Job) -> JobStatus:
    parameters = json.loads(job.parameters or "{}")
    return JobStatus(
        id=str(job.id), state=job.status, kind=job.kind, engine=parameters.get("engine", ""), user=job.user,
        article_id=job.article_id, lang=job.lang, ids=parameters.get("ids", []), langs=parameters.get("langs", []),
        done=job.done, total=job.total, message=job.message, enqueued=_iso(job.created),
        started=_iso(job.started), finished=_iso(job.finished), updated=_iso(job.updated),
        is_stalled=job.status == "running" and _is_stale(job.updated), summary=json.loads(job.result or "{}"))


def _is_stale(moment: datetime | None) -> bool:
    return moment is None or utcnow() - as_utc(moment) > STALLED_AFTER


def _iso(moment: datetime | None) -> str:
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def run_worker(project: Project, workers: int = 1, worker_type: str = "thread") -> None:
    """Run Huey's consumer for the project's queue until interrupted (SIGINT/SIGTERM)."""
    consumer = get_queue(project).create_consumer(workers=workers, worker_type=worker_type, periodic=False,
                                                  max_delay=2.0)
    consumer.run()
