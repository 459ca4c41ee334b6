"""Background prefill jobs: recorded in the database, queued on Huey, run by a real worker process."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta

from pathlib import Path

import pytest

import tms

from tests.memory.helpers import write_article
from tms.errors import InputError, NotFound, PermissionDenied
from tms.model import SegmentState as S
from tms.services.jobs import enqueue_prefill, get_queue, job_status, list_jobs, queue_settings, require_prefill, run_job
from tms.services.users import Account, AccountRole
from tms.storage.layout import Project
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


def test_a_job_is_checked_recorded_run_and_reported(project):
    write_article(project, "a", SENTENCES, langs=("ko", "ja"))
    with pytest.raises(InputError, match="unknown engine"):
        enqueue_prefill(project, ["a"], [], "gogle")
    with pytest.raises(NotFound):
        enqueue_prefill(project, ["nope"], [], "pseudo")
    assert list_jobs(project) == []                    # a refused request records nothing
    job_id = enqueue_prefill(project, ["a"], ["ko"], "pseudo", user="rita")
    status = job_status(project, job_id)
    assert (status.state, status.engine, status.user, status.article_id, status.lang) == (
        "queued", "pseudo", "rita", "a", "ko")
    assert status.ids == ["a"] and status.langs == ["ko"] and status.enqueued and not status.started
    assert len(get_queue(project)) == 1                # the queue carries it for a worker
    run_job(project, job_id)
    status = job_status(project, job_id)
    assert status.state == "done" and status.percent == 100.0 and status.is_over
    assert status.started and status.finished >= status.started
    assert status.summary["filled"] == 2 and status.summary["languages"]["ko"]["filled"] == 2
    assert status.message == "2 of 2 entries filled"
    assert [u.state for u in load_catalog(project.po_path("a", "ja")).units] == [S.UNTRANSLATED] * 2
    with pytest.raises(NotFound, match="no prefill job 'nope'"):
        job_status(project, "nope")
    with pytest.raises(NotFound):
        job_status(project, "999")


def test_a_job_runs_an_engine_chain(project):
    from tests.mt.apy_server import require_apertium

    require_apertium()
    write_article(project, "a", SENTENCES, langs=("es", "ko"))
    with pytest.raises(InputError, match="unknown engine 'apertum'"):
        enqueue_prefill(project, ["a"], [], "memory,apertum")
    job_id = enqueue_prefill(project, ["a"], [], " memory, apertium")
    assert job_status(project, job_id).engine == "memory,apertium"
    run_job(project, job_id)
    status = job_status(project, job_id)
    assert status.state == "done" and status.summary["languages"]["es"]["filled"] == 2
    assert status.summary["languages"]["ko"]["filled"] == 0
    assert {u.machine.engine for u in load_catalog(project.po_path("a", "es")).units} == {"apertium"}


def test_a_prefill_needs_the_right_to_edit_every_language_it_writes():
    translator = Account(1, "tina", AccountRole.TRANSLATOR, ("ja", "zh"))
    require_prefill(translator, ["ja"])
    require_prefill(translator, ["ja", "zh"])
    with pytest.raises(PermissionDenied):
        require_prefill(translator, ["ja", "de"])
    with pytest.raises(PermissionDenied):
        require_prefill(translator, [])                 # no languages: all eleven
    require_prefill(Account(2, "ada", AccountRole.ADMIN), [])


def test_a_job_delivered_twice_runs_once(project):
    write_article(project, "a", SENTENCES, langs=("ko",))
    job_id = enqueue_prefill(project, [], [], "pseudo")
    run_job(project, job_id)
    finished = job_status(project, job_id).finished
    catalog = project.po_path("a", "ko").read_text()
    run_job(project, job_id)
    assert job_status(project, job_id).finished == finished and project.po_path("a", "ko").read_text() == catalog


def test_jobs_are_listed_newest_first_by_catalog_and_user(project):
    write_article(project, "a", SENTENCES, langs=("ko", "ja"))
    write_article(project, "b", SENTENCES, langs=("ko",))
    first = enqueue_prefill(project, ["a"], ["ko"], "pseudo", user="rita")
    second = enqueue_prefill(project, ["b"], [], "pseudo", user="ada")
    third = enqueue_prefill(project, [], ["ja"], "pseudo", user="rita")
    assert [j.id for j in list_jobs(project)] == [third, second, first]
    assert [j.id for j in list_jobs(project, user="rita")] == [third, first]
    assert [j.id for j in list_jobs(project, article_id="a", lang="ko")] == [first]
    assert job_status(project, third).article_id == "" and job_status(project, third).langs == ["ja"]
    run_job(project, first)
    assert [j.id for j in list_jobs(project, finished_within=timedelta(hours=1))] == [third, second, first]
    assert [j.id for j in list_jobs(project, finished_within=timedelta(0))] == [third, second]
    assert list_jobs(project, limit=1)[0].id == third


def test_a_failing_job_records_the_error(project):
    write_article(project, "a", SENTENCES, langs=("ko",))
    job_id = enqueue_prefill(project, ["a"], [], "deepl")
    run_job(project, job_id)
    status = job_status(project, job_id)
    assert status.state == "failed" and "'deepl' does not translate en→ko" in status.message
    assert status.finished and status.summary == {}


def test_a_job_that_fails_on_a_broken_catalog_names_it_without_the_servers_path(project):
    write_article(project, "a", SENTENCES, langs=("ko",))
    path = project.po_path("a", "ko")
    path.write_text(path.read_text(encoding="utf-8") + '\ngarbage "\n', encoding="utf-8")
    job_id = enqueue_prefill(project, ["a"], ["ko"], "pseudo")
    run_job(project, job_id)
    status = job_status(project, job_id)
    assert status.state == "failed" and "locales/ko/LC_MESSAGES/a.po" in status.message
    assert str(project.root) not in status.message


def _worker(root: Path, env: dict[str, str]) -> subprocess.Popen:
    """``tms worker`` in a process of its own, on the project at ``root``."""
    env = dict(os.environ, **env, PYTHONPATH=str(Path(tms.__file__).resolve().parent.parent))
    command = [sys.executable, "-c", "from tms.cli.main import main; main()", "--root", str(root), "worker"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_until_over(project, job_id: str, worker: subprocess.Popen, seconds: float = 30) -> str:
    """Wait for the job to end, stop the worker, and return what it wrote on stderr."""
    try:
        deadline = time.monotonic() + seconds
        while not job_status(project, job_id).is_over and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        worker.send_signal(signal.SIGINT)
        _, err = worker.communicate(timeout=15)
    return err.decode()[-2000:]


def test_a_worker_process_runs_queued_jobs(project):
    write_article(project, "a", SENTENCES, langs=("ko", "ja"))
    job_id = enqueue_prefill(project, [], [], "pseudo")
    err = _wait_until_over(project, job_id, _worker(project.root, {}))
    assert job_status(project, job_id).state == "done", err
    assert all(u.state is S.MACHINE for u in load_catalog(project.po_path("a", "ja")).units)


@pytest.fixture
def redis_url(tmp_path):
    """A Redis server of its own on 127.0.0.1 (Debian's redis-server, installed by scripts/bootstrap.sh)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is missing: run scripts/bootstrap.sh --browser (Debian package redis-server)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(tmp_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail(f"redis-server did not start on port {port}")
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_workers_on_another_machine_share_the_queue_through_redis(tmp_path, redis_url, monkeypatch):
    """Two copies of the project, as on two machines, with one Redis queue and one database: a job queued
    on the first is run by a worker on the second, and its record tells the first."""
    shared = {"TMS_REDIS_URL": redis_url, "TMS_DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}"}
    for key, value in shared.items():
        monkeypatch.setenv(key, value)
    web, remote = Project(tmp_path / "web"), Project(tmp_path / "worker")
    for copy in (web, remote):
        copy.root.mkdir()
        write_article(copy, "a", SENTENCES, langs=("ko",))
    assert queue_settings(web)["backend"] == "redis" and type(get_queue(web)).__name__ == "RedisHuey"
    job_id = enqueue_prefill(web, ["a"], ["ko"], "pseudo", user="rita")
    assert len(get_queue(web)) == 1                 # waiting in Redis, not in .tms/jobs.sqlite3
    assert not (web.state_dir / "jobs.sqlite3").exists()
    err = _wait_until_over(web, job_id, _worker(remote.root, shared))
    status = job_status(web, job_id)
    assert status.state == "done" and status.summary["filled"] == 2 and status.user == "rita", err
    assert all(u.state is S.MACHINE for u in load_catalog(remote.po_path("a", "ko")).units)
    assert all(u.state is S.UNTRANSLATED for u in load_catalog(web.po_path("a", "ko")).units)
    assert len(get_queue(web)) == 0


def test_a_running_job_whose_worker_stopped_reporting_is_stalled(project):
    from sqlalchemy import update

    from tms.services.jobs import STALLED_AFTER, _record
    from tms.storage.database import Job, get_database, utcnow

    write_article(project, "a", SENTENCES, langs=("ko",))
    job_id = enqueue_prefill(project, [], [], "pseudo")
    _record(project, job_id, status="running", started=utcnow(), message="translating ko")
    status = job_status(project, job_id)
    assert status.state == "running" and status.updated and not status.is_stalled
    with get_database(project).transaction() as connection:    # as if the worker died long ago
        connection.execute(update(Job).where(Job.id == int(job_id)).values(
            updated=utcnow() - STALLED_AFTER - timedelta(seconds=1)))
    assert job_status(project, job_id).is_stalled
    assert job_status(project, job_id).to_json()["is_stalled"] is True
    run_job(project, job_id)                                   # delivered again, it runs to the end
    assert job_status(project, job_id).state == "done" and not job_status(project, job_id).is_stalled
