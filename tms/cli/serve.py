"""``tms serve`` (the web UI on one machine) and ``tms db upgrade`` (the database schema)."""
from __future__ import annotations

import os

import click

from tms.cli.main import get_project
from tms.services.users import list_users
from tms.storage.database import close_databases, get_database


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=5000, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, show_default="2 per CPU core, at most 8",
              help="Worker processes (gunicorn); they share the project safely.")
@click.option("--debug", is_flag=True,
              help="Flask's development server instead: one process, reloads on code changes, shows tracebacks.")
@click.option("--jobs/--no-jobs", "run_jobs", default=None,
              help="Run background jobs (prefill) in a child process. Default: yes on the embedded SQLite "
                   "queue, no with Redis (run tms worker there).")
@click.pass_context
def serve_command(ctx, host: str, port: int, workers: int, debug: bool, run_jobs: bool | None) -> None:
    """Serve the review UI and the API (for production: gunicorn -w 4 'tms.web:create_app()')."""
    from tms.services.jobs import queue_settings
    from tms.web.server import default_workers, serve, start_job_worker, stop_job_worker

    project = get_project(ctx)
    workers = workers or default_workers()
    get_database(project)       # create or upgrade the schema once, before any worker starts
    if not list_users(project):
        click.echo("no accounts yet: create one with  tms user add NAME --role admin", err=True)
    embedded = queue_settings(project)["backend"] == "sqlite"
    run_jobs = embedded if run_jobs is None else run_jobs
    click.echo(f"serving {project.root} on http://{host}:{port}/ with "
               f"{'the development server' if debug else f'{workers} worker processes'}"
               f"{', running background jobs' if run_jobs else ''}  (Ctrl+C to stop)", err=True)
    if not run_jobs:
        click.echo("background jobs wait for  tms worker" if embedded else
                   "background jobs are queued on Redis: run  tms worker  where they should run", err=True)
    close_databases()           # the workers open their own connections after the fork
    # Under --debug the reloader runs this command again in a child: the job worker belongs to the first.
    is_reloaded = os.environ.get("WERKZEUG_RUN_MAIN") == "true"
    job_worker = start_job_worker(project.root) if run_jobs and not is_reloaded else None
    try:
        if debug:
            from tms.web import create_app

            create_app(project_root=project.root).run(host=host, port=port, debug=True, use_reloader=True,
                                                      threaded=True)
            return
        serve(project.root, host, port, workers)
    finally:
        stop_job_worker(job_worker)


@click.group("db")
def db_group() -> None:
    """The project database (accounts, history, comments, jobs)."""


@db_group.command("upgrade")
@click.pass_context
def upgrade_command(ctx) -> None:
    """Create the database or bring its schema up to date (servers also do this when they start)."""
    db = get_database(get_project(ctx), upgrade=False)
    revision = db.upgrade()
    click.echo(f"database {db.display_url} is at revision {revision}")


COMMANDS = (serve_command, db_group)
