"""Serving the application with gunicorn from ``tms serve``: the production server, on one machine.

Each worker process builds its own application (``create_app``) after the fork, so that database
connections and the statistics warm-up belong to the worker; the workers share the project through its
files, their locks and the database, as under a gunicorn started by hand.
"""
from __future__ import annotations

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


def serve(project_root: Path, host: str, port: int, workers: int, *, timeout: int = 120) -> None:
    """Run gunicorn with ``workers`` sync workers on ``host:port`` until interrupted (SIGINT/SIGTERM)."""
    options = {"bind": f"{host}:{port}", "workers": workers, "worker_class": "sync", "timeout": timeout,
               "accesslog": None, "errorlog": "-", "loglevel": "warning", "proc_name": "tms"}
    _Server(project_root, options).run()
