"""Serving the application with gunicorn from ``tms serve``: the production server, on one machine.

Each worker process builds its own application (``create_app``) after the fork, so that database
connections and the statistics warm-up belong to the worker; the workers share the project through its
files, their locks and the database, as under a gunicorn started by hand.
"""
from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from pathlib import Path

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, project_root: Path, options: dict):
        self.project_root = project_root
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from tms.web import create_app

        return create_app(project_root=self.project_root)


#: Workers per CPU core by default: while one waits for the disk (a save flushes its PO file) or for a
#: lock, another can use the core. On two cores, four workers saved about 20% more per second than two
#: and six no more than four (benchmarks/load_api.py, docs/web.md).
WORKERS_PER_CORE = 2
MAX_DEFAULT_WORKERS = 8


def default_workers() -> int:
    """How many workers ``tms serve`` starts unless told: two per core this process may use, at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):      # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_DEFAULT_WORKERS, WORKERS_PER_CORE * cores))


def serve(project_root: Path, host: str, port: int, workers: int, *, timeout: int = 120) -> None:
    """Run gunicorn with ``workers`` sync workers on ``host:port`` until interrupted (SIGINT/SIGTERM)."""
    options = {"bind": f"{host}:{port}", "workers": workers, "worker_class": "sync", "timeout": timeout,
               "accesslog": None, "errorlog": "-", "loglevel": "warning", "proc_name": "tms"}
    _Server(project_root, options).run()


def start_job_worker(project_root: Path) -> subprocess.Popen:
    """Start ``tms worker`` for the project as a child process that ends with this one.

    On the embedded queue (SQLite under ``.tms/``) the server runs its background jobs itself, so that a
    prefill started in the browser does not wait for a second command; with Redis the workers are run
    on their own (``tms worker``), on as many machines as needed.
    """
    command = [sys.executable, "-c", "from tms.cli.main import main; main()", "--root", str(project_root), "worker"]
    return subprocess.Popen(command, preexec_fn=_end_with_parent, stdin=subprocess.DEVNULL)


def _end_with_parent() -> None:
    # Linux: the worker gets SIGTERM when the server's process ends, even if the server is killed outright.
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)     # PR_SET_PDEATHSIG
    except OSError:
        pass


def stop_job_worker(worker: subprocess.Popen | None, timeout: float = 10.0) -> None:
    """Ask the job worker to finish (SIGTERM: Huey lets the running job end) and wait for it."""
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
