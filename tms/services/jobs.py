"""Background prefill jobs on Huey: SQLite under ``.tms/`` by default, Redis when configured.

The web UI calls ``enqueue_prefill`` and polls ``job_status``; ``tms worker`` runs Huey's consumer. With
the SQLite backend every worker on the machine shares ``.tms/jobs.sqlite3``; with Redis
(``TMS_REDIS_URL`` or ``[jobs] redis_url`` in ``tms.toml``) workers on several machines share the queue,
each working on its own copy of the project folder (``tms --root``), so a job names no path.

A job's status lives in Huey's key-value store under ``tms-job:<id>``: queued, running (with progress),
done (with a summary of the report) or failed (with the error message).
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

from huey import Huey, SqliteHuey

from tms.errors import InputError, NotFound, TmsError
from tms.languages import get_language
from tms.mt.registry import engine_class
from tms.services.prefill import PrefillReport, choose, prefill
from tms.storage.config import load_settings
from tms.storage.layout import Project

JOBS_FILE = "jobs.sqlite3"
PROGRESS_EVERY = 0.5            # seconds between progress updates in the store
_queues: dict[tuple, Huey] = {}
_queues_lock = threading.Lock()


@dataclass
class JobStatus:
    """Where a background job stands."""

    id: str
    state: str                  # queued, running, done, failed
    engine: str = ""
    done: int = 0               # entries handled so far
    total: int = 0              # entries to handle
    message: str = ""           # the current step, or the error of a failed job
    enqueued: str = ""
    finished: str = ""
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def percent(self) -> float:
        """Progress in percent (100 once done)."""
        if self.state == "done":
            return 100.0
        return 100.0 * self.done / self.total if self.total else 0.0


def queue_settings(project: Project, environ=None) -> dict[str, str]:
    """The queue backend: ``{"backend": "sqlite", "path": ...}`` or ``{"backend": "redis", "url": ...}``."""
    environ = os.environ if environ is None else environ
    jobs = load_settings(project.config_path).get("jobs", {}) or {}
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
    @huey.task(context=True, name="prefill")
    def prefill_job(ids: list[str], langs: list[str], engine: str, task=None) -> None:
        run_job(huey, project, task.id, ids, langs, engine)

    huey.tms_prefill = prefill_job
    return huey


def enqueue_prefill(project: Project, ids: Sequence[str], langs: Sequence[str], engine: str | None) -> str:
    """Check the request, queue a prefill job and return its id."""
    for lang in langs:
        get_language(lang)
    choose(project, list(ids), list(langs))
    name = engine or load_settings(project.config_path).get("prefill", {}).get("engine", "memory")
    engine_class(name)
    huey = get_queue(project)
    task = huey.tms_prefill.s(list(ids), list(langs), name)
    _put(huey, task.id, JobStatus(task.id, "queued", engine=name, enqueued=_now()))
    huey.enqueue(task)
    return task.id


def job_status(project: Project, job_id: str) -> JobStatus:
    """The status of job ``job_id``; ``NotFound`` for an id this queue never issued."""
    data = get_queue(project).get(_key(job_id), peek=True)
    if not data:
        raise NotFound(f"no prefill job {job_id!r} in this project's queue")
    return JobStatus(**data)


def run_job(huey: Huey, project: Project, job_id: str, ids: list[str], langs: list[str], engine: str) -> None:
    """Run one prefill job, recording progress and outcome in the queue's store."""
    status = job_status_or_new(huey, job_id, engine)
    status.state, status.message = "running", "starting"
    _put(huey, job_id, status)
    last = [0.0]

    def progress(done: int, total: int, message: str) -> None:
        status.done, status.total, status.message = done, total, message
        if time.monotonic() - last[0] >= PROGRESS_EVERY:
            last[0] = time.monotonic()
            _put(huey, job_id, status)

    try:
        report = prefill(project, ids, langs, engine, progress=progress)
    except TmsError as exc:
        status.state, status.message, status.finished = "failed", str(exc), _now()
        _put(huey, job_id, status)
        return
    except BaseException as exc:
        status.state, status.finished = "failed", _now()
        status.message = f"unexpected {type(exc).__name__}: {exc}; see the worker's log"
        _put(huey, job_id, status)
        raise
    status.state, status.finished = "done", _now()
    status.done = status.total = report.segments
    status.message = f"{report.filled} of {report.segments} entries filled"
    status.summary = summarize(report)
    _put(huey, job_id, status)


def job_status_or_new(huey: Huey, job_id: str, engine: str) -> JobStatus:
    """The stored status of a job, or a fresh one (a job queued by an older tms)."""
    data = huey.get(_key(job_id), peek=True)
    return JobStatus(**data) if data else JobStatus(job_id, "queued", engine=engine, enqueued=_now())


def summarize(report: PrefillReport) -> dict[str, Any]:
    """A JSON-friendly summary of a prefill report, for a job's status."""
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


def _key(job_id: str) -> str:
    return f"tms-job:{job_id}"


def _put(huey: Huey, job_id: str, status: JobStatus) -> None:
    huey.put(_key(job_id), asdict(status))


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def run_worker(project: Project, workers: int = 1, worker_type: str = "thread") -> None:
    """Run Huey's consumer for the project's queue until interrupted (SIGINT/SIGTERM)."""
    consumer = get_queue(project).create_consumer(workers=workers, worker_type=worker_type, periodic=False,
                                                  max_delay=2.0)
    consumer.run()
