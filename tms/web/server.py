"""Serving the application with gunicorn from ``tms serve``: the production server, on one machine.

Each worker process builds its own application (``create_app``) after the fork, so that database
connections and the statistics warm-up belong to the worker; the workers share the project through its
files, their locks and the database, as under a gunicorn started by hand.
"""
from __future__ import annotations

import os
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
