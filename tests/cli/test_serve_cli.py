"""``tms serve``: the real server answers on loopback; bad options exit 2."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time

import requests

from tms.cli.main import cli
from tms.web import server
from tms.web.server import default_workers


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_on_loopback(project):
    port = _free_port()
    env = {**os.environ, "TMS_ROOT": str(project.root)}
    env.pop("TMS_DATABASE_URL", None)
    command = [sys.executable, "-c", "from tms.cli.main import main; main()", "serve", "--port", str(port)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                # gunicorn listens before its workers have built the application: a first request may wait
                response = requests.get(f"http://127.0.0.1:{port}/login", timeout=10)
                break
            except (requests.ConnectionError, requests.Timeout):
                assert proc.poll() is None, proc.communicate()[1]
                assert time.monotonic() < deadline, "server did not start in 60 s"
                time.sleep(0.2)
        assert response.status_code == 200 and "Sign in" in response.text
        assert requests.get(f"http://127.0.0.1:{port}/api/openapi.json", timeout=5).json()["openapi"] == "3.1.0"
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert "no accounts yet" in err and f"http://127.0.0.1:{port}/" in err
    assert f"with {default_workers()} worker processes" in err


def _all_children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as handle:
        return [int(child) for child in handle.read().split()]


def _arguments(pid: int) -> list[str]:
    with open(f"/proc/{pid}/cmdline", "rb") as handle:
        return handle.read().decode().split("\0")


def _job_workers(pid: int) -> list[int]:
    """The server's child that runs background jobs (``tms worker``)."""
    return [child for child in _all_children(pid) if "worker" in _arguments(child)]


def _children(pid: int) -> list[int]:
    """The server's web worker processes."""
    return [child for child in _all_children(pid) if child not in _job_workers(pid)]


def test_serve_runs_worker_processes_that_share_the_project(project):
    """Two gunicorn workers: a sign-in on one is known to the other, and both answer."""
    port = _free_port()
    env = {**os.environ, "TMS_ROOT": str(project.root)}
    env.pop("TMS_DATABASE_URL", None)
    subprocess.run([sys.executable, "-c", "from tms.cli.main import main; main()", "user", "add", "ada", "--role",
                    "admin", "--password-stdin"], input="correct horse battery\n", env=env, check=True,
                   capture_output=True, text=True)
    command = [sys.executable, "-c", "from tms.cli.main import main; main()", "serve", "--port", str(port),
               "--workers", "2"]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while len(_children(proc.pid)) < 2 or not _answers(port):
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() < deadline, "server did not start in 60 s"
            time.sleep(0.2)
        assert len(_children(proc.pid)) == 2
        assert len(_job_workers(proc.pid)) == 1          # and one for the background jobs
        session = requests.Session()
        page = session.get(f"http://127.0.0.1:{port}/login", timeout=5).text
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        signed_in = session.post(f"http://127.0.0.1:{port}/login", timeout=5, allow_redirects=False,
                                 data={"csrf_token": token, "username": "ada", "password": "correct horse battery"})
        assert signed_in.status_code == 302
        # sync workers close every connection, so these requests are spread over both processes
        for _ in range(6):
            assert session.get(f"http://127.0.0.1:{port}/api/me", timeout=5).json()["name"] == "ada"
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=15)
    assert "2 worker processes" in err


def _answers(port: int) -> bool:
    try:
        return requests.get(f"http://127.0.0.1:{port}/login", timeout=10).status_code == 200
    except (requests.ConnectionError, requests.Timeout):
        return False


def test_bad_port_is_a_usage_error(runner, project):
    result = runner.invoke(cli, ["--root", str(project.root), "serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "70000" in result.output


def test_default_workers_are_two_per_usable_core_at_most_eight(monkeypatch):
    for cores, expected in ((1, 2), (2, 4), (3, 6), (4, 8), (32, 8)):
        monkeypatch.setattr(server.os, "sched_getaffinity", lambda _pid, n=cores: set(range(n)), raising=False)
        assert default_workers() == expected
    monkeypatch.delattr(server.os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(server.os, "cpu_count", lambda: None)
    assert default_workers() == 2


def _started(project, workers: int, extra_env: dict | None = None) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    env = {**os.environ, "TMS_ROOT": str(project.root), **(extra_env or {})}
    env.pop("TMS_DATABASE_URL", None)
    command = [sys.executable, "-c", "from tms.cli.main import main; main()", "serve", "--port", str(port),
               "--workers", str(workers)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(_children(proc.pid)) < workers or not _answers(port):
        assert proc.poll() is None, proc.communicate()[1]
        assert time.monotonic() < deadline, "server did not start in 60 s"
        time.sleep(0.2)
    return proc, port


def test_forty_parallel_guesses_at_a_real_server_get_five_password_checks(project):
    """40 clients guess one account's password at the same moment, spread over 4 gunicorn workers: 5 guesses
    are checked, the 35 others are refused unchecked."""
    import threading

    from tms.services.users import MAX_FAILURES_PER_NAME

    env = {**os.environ, "TMS_ROOT": str(project.root)}
    env.pop("TMS_DATABASE_URL", None)
    subprocess.run([sys.executable, "-c", "from tms.cli.main import main; main()", "user", "add", "ada", "--role",
                    "admin", "--password-stdin"], input="correct horse battery\n", env=env, check=True,
                   capture_output=True, text=True)
    proc, port = _started(project, 4)
    try:
        clients = []
        for _ in range(40):
            session = requests.Session()
            page = session.get(f"http://127.0.0.1:{port}/login", timeout=10).text
            clients.append((session, re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)))
        barrier, statuses = threading.Barrier(40), [0] * 40

        def guess(index: int) -> None:
            session, token = clients[index]
            barrier.wait()
            statuses[index] = session.post(f"http://127.0.0.1:{port}/login", timeout=60, allow_redirects=False,
                                           data={"csrf_token": token, "username": "ada",
                                                 "password": f"guess number {index}"}).status_code

        threads = [threading.Thread(target=guess, args=(i,)) for i in range(40)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(statuses) == [401] * MAX_FAILURES_PER_NAME + [429] * (40 - MAX_FAILURES_PER_NAME)
    finally:
        proc.terminate()
        proc.communicate(timeout=15)

def test_serve_runs_a_prefill_started_in_the_browser_without_a_second_command(seeded_project):
    """On the embedded queue, a job queued through the API is run by the server's own job worker."""
    from tms.services.jobs import enqueue_prefill, job_status

    seeded_project.config_path.write_text('[prefill]\nengine = "pseudo"\n', encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "TMS_ROOT": str(seeded_project.root)}
    env.pop("TMS_DATABASE_URL", None)
    env.pop("TMS_REDIS_URL", None)
    command = [sys.executable, "-c", "from tms.cli.main import main; main()", "serve", "--port", str(port),
               "--workers", "1"]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() < deadline, "server did not start in 60 s"
            time.sleep(0.2)
        job_id = enqueue_prefill(seeded_project, ["korea-net"], ["ja"], None, user="test")
        while job_status(seeded_project, job_id).state not in ("done", "failed"):
            assert time.monotonic() < deadline + 60, f"job still {job_status(seeded_project, job_id).state}"
            time.sleep(0.3)
        assert job_status(seeded_project, job_id).state == "done"
        workers = _job_workers(proc.pid)
        assert len(workers) == 1
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert "running background jobs" in err
    assert not os.path.exists(f"/proc/{workers[0]}") or open(f"/proc/{workers[0]}/stat").read().split()[2] == "Z"


def test_serve_leaves_jobs_to_tms_worker_when_told(runner, project, monkeypatch):
    started = []
    monkeypatch.setattr(server, "serve", lambda *args: None)
    monkeypatch.setattr(server, "start_job_worker", lambda root: started.append(root))
    result = runner.invoke(cli, ["--root", str(project.root), "serve", "--no-jobs"])
    assert result.exit_code == 0, result.output
    assert started == [] and "background jobs wait for  tms worker" in result.output
    result = runner.invoke(cli, ["--root", str(project.root), "serve"])
    assert started == [project.root] and "running background jobs" in result.output
