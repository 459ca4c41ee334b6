"""Background prefill jobs on Huey: queueing, status, a real worker process, and the Redis switch."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from pathlib import Path

import pytest

import tms

from tests.memory.helpers import write_article
from tms.errors import InputError, NotFound
from tms.model import SegmentState as S
from tms.services.jobs import enqueue_prefill, get_queue, job_status, queue_settings, run_job
from tms.storage.pofile import load_catalog

SENTENCES = ["Seoul hosts the summit.", "Ministers met on 27 March."]


def test_sqlite_under_the_state_folder_by_default_and_redis_when_configured(project):
    assert queue_settings(project, environ={}) == {
        "backend": "sqlite", "path": str(project.state_dir / "jobs.sqlite3"), "name": "tms"}
    assert queue_settings(project, environ={"TMS_REDIS_URL": "redis://10.0.0.9:6379/0"})["backend"] == "redis"
    project.config_path.write_text('[jobs]\nredis_url = "redis://queue:6379/1"\nqueue = "news"\n')
    assert queue_settings(project, environ={}) == {"backend": "redis", "url": "redis://queue:6379/1", "name": "news"}


def test_a_redis_queue_without_the_client_is_a_clear_error(project, monkeypatch):
    monkeypatch.setitem(sys.modules, "redis", None)     # as if the redis package were not installed
    with pytest.raises(InputError, match="redis package is missing"):
        get_queue(project, environ={"TMS_REDIS_URL": "redis://127.0.0.1:1/0"})


def test_a_job_is_checked_queued_run_and_reported(project):
    write_article(project, "a", SENTENCES, langs=("ko", "ja"))
    with pytest.raises(InputError, match="unknown engine"):
        enqueue_prefill(project, ["a"], [], "gogle")
    with pytest.raises(NotFound):
        enqueue_prefill(project, ["nope"], [], "pseudo")
    job_id = enqueue_prefill(project, ["a"], ["ko"], "pseudo")
    status = job_status(project, job_id)
    assert status.state == "queued" and status.engine == "pseudo" and status.enqueued
    run_job(get_queue(project), project, job_id, ["a"], ["ko"], "pseudo")
    status = job_status(project, job_id)
    assert status.state == "done" and status.percent == 100.0
    assert status.summary["filled"] == 2 and status.summary["languages"]["ko"]["filled"] == 2
    assert status.message == "2 of 2 entries filled"
    with pytest.raises(NotFound, match="no prefill job 'nope'"):
        job_status(project, "nope")


def test_a_failing_job_records_the_error(project):
    write_article(project, "a", SENTENCES, langs=("ko",))
    job_id = enqueue_prefill(project, ["a"], [], "deepl")
    run_job(get_queue(project), project, job_id, ["a"], [], "deepl")
    status = job_status(project, job_id)
    assert status.state == "failed" and "'deepl' does not translate en→ko" in status.message


def test_a_worker_process_runs_queued_jobs(project):
    write_article(project, "a", SENTENCES, langs=("ko", "ja"))
    job_id = enqueue_prefill(project, [], [], "pseudo")
    env = dict(os.environ, PYTHONPATH=str(Path(tms.__file__).resolve().parent.parent))
    command = [sys.executable, "-c", "from tms.cli.main import main; main()", "--root", str(project.root), "worker"]
    worker = subprocess.Popen(command,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while job_status(project, job_id).state in ("queued", "running") and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        worker.send_signal(signal.SIGINT)
        _, err = worker.communicate(timeout=15)
    assert job_status(project, job_id).state == "done", err.decode()[-2000:]
    assert all(u.state is S.MACHINE for u in load_catalog(project.po_path("a", "ja")).units)
