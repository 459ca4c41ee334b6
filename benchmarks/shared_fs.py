#!/usr/bin/env python3
"""Two app machines on one shared project folder, simulated on this machine (run as root).

usage: benchmarks/shared_fs.py [--clients 32] [--saves 50] [--workers 2]

The project lives in one folder, mounted (``mount --bind``, in a private mount namespace of its own, so
nothing outside this run sees the mounts) at two different paths, as two machines would mount one NFS
export. On it run: one PostgreSQL (the database), one Redis (the queue), two ``tms serve`` instances
(gunicorn, each with ``TMS_ROOT`` on its own path and ``TMS_STATE_DIR`` on a folder of its own, as a
machine's local disk) and two ``tms worker`` processes, one on each path.

32 clients, half on each instance, save segments as fast as they are answered (each client owns its
segments, so every 409 or missing text would be a lost update); one prefill job is queued through the
first instance and run by whichever worker takes it. Then the script checks, from the PO files, that
every client's last text of every segment is there; that the history holds one change per save; and
that both instances answer the same ``/api/status`` and the same dashboard page.
"""
from __future__ import annotations

import argparse
import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

NAMESPACE_FLAG = "TMS_SHARED_FS_NAMESPACE"
LANGS = ["ja", "zh", "de", "ar"]


def in_private_namespace() -> None:
    """Run this script again in a mount namespace of its own, where its bind mounts stay private."""
    if os.environ.get(NAMESPACE_FLAG) == "1":
        return
    if os.geteuid() != 0:
        raise SystemExit("run as root: the two paths to the project are bind mounts")
    env = {**os.environ, NAMESPACE_FLAG: "1"}
    done = subprocess.run(["unshare", "--mount", "--propagation", "private", sys.executable, *sys.argv], env=env)
    raise SystemExit(done.returncode)


def start_postgres(base: Path) -> tuple[str, callable]:
    """A throwaway PostgreSQL on a unix socket in ``base`` (as the postgres account: it refuses root)."""
    from tests.storage.conftest import SUPERUSER, _free_port, postgres_bindir

    bindir = postgres_bindir()
    account = pwd.getpwnam("postgres")
    os.chown(base, account.pw_uid, account.pw_gid)
    port = _free_port()

    def run(*argv) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *map(str, argv)], check=True, cwd=base,
                       capture_output=True, timeout=120)

    run(bindir / "initdb", "-D", base / "data", "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--no-locale",
        "--no-sync")
    with open(base / "data" / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write(f"listen_addresses = ''\nunix_socket_directories = '{base}'\nport = {port}\nmax_connections = 100\n"
                   "fsync = off\nsynchronous_commit = off\n")
    run(bindir / "pg_ctl", "-D", base / "data", "-l", base / "log", "-w", "-t", "60", "start")
    url = f"postgresql+psycopg://{SUPERUSER}@/postgres?host={base}&port={port}"

    def stop() -> None:
        run(bindir / "pg_ctl", "-D", base / "data", "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)

    return url, stop


def start_redis(base: Path) -> tuple[str, subprocess.Popen]:
    from load_api import free_port

    port = free_port()
    base.mkdir()
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(base)], stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    return f"redis://127.0.0.1:{port}/0", process


def start_worker(root: Path, env: dict) -> subprocess.Popen:
    command = [sys.executable, "-c", "from tms.cli.main import main; main()", "--root", str(root), "worker"]
    return subprocess.Popen(command, env={**env, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def signed_in(base_url: str, name: str, password: str):
    """A requests session signed in through the login form."""
    import requests

    session = requests.Session()
    page = session.get(f"{base_url}/login", timeout=30).text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    session.post(f"{base_url}/login", data={"csrf_token": token, "username": name, "password": password},
                 timeout=30)
    return session


def comparable(html: str) -> str:
    """A page without what differs between two answers of the same state (CSRF tokens)."""
    html = re.sub(r'name="csrf-token" content="[^"]+"', "", html)
    return re.sub(r'name="csrf_token" type="hidden" value="[^"]+"', "", html)


def what_each_shows(ports: list[int], token: str) -> tuple[list[str], list[str]]:
    """``/api/status`` (less its time) and the dashboard page as each instance answers them."""
    import requests

    statuses, dashboards = [], []
    for port in ports:
        body = requests.get(f"http://127.0.0.1:{port}/api/status", timeout=60,
                            headers={"Authorization": f"Bearer {token}"}).json()
        body.pop("generated", None)
        statuses.append(json.dumps(body, sort_keys=True))
        session = signed_in(f"http://127.0.0.1:{port}", "bench", "benchmark-password")
        dashboards.append(comparable(session.get(f"http://127.0.0.1:{port}/", timeout=60).text))
    return statuses, dashboards


def start_machines(base: Path, args, stops: list) -> tuple[list, list, list[int], str]:
    """PostgreSQL, Redis, the project mounted at two paths, a server and a worker on each path; returns
    the two projects, the two servers, their ports and an admin's API token."""
    from load_api import build_project, free_port, start_server

    from tms.services.users import create_token, create_user
    from tms.storage.database import DATABASE_URL_ENV, close_databases
    from tms.storage.layout import Project

    shared, paths = base / "export", [base / "machine-a", base / "machine-b"]
    for folder in (shared, *paths):
        folder.mkdir()
    database_url, stop_postgres = start_postgres(Path(tempfile.mkdtemp(prefix="tms-pg-")))
    stops.append(stop_postgres)
    redis_url, redis = start_redis(base / "redis")
    stops.append(redis.terminate)
    # Each machine keeps its caches (SQLite) on a disk of its own; the session key is the deployment's.
    os.environ.update({DATABASE_URL_ENV: database_url, "TMS_REDIS_URL": redis_url,
                       "TMS_SECRET_KEY": os.urandom(32).hex()})
    # Korean is left to the prefill job, so that no client's save races the job for a segment.
    build_project(shared, args.articles, args.segments, LANGS + ["ko"])
    for target in paths:
        subprocess.run(["mount", "--bind", str(shared), str(target)], check=True)
        stops.append(lambda target=target: subprocess.run(["umount", "-l", str(target)], check=False))
    projects = [Project(path) for path in paths]
    create_user(projects[0], "bench", "admin", "benchmark-password")
    token = create_token(projects[0], "bench", "shared fs")
    close_databases()
    ports, servers = [free_port(), free_port()], []
    for number, (project, port) in enumerate(zip(projects, ports)):
        os.environ["TMS_STATE_DIR"] = str(base / f"local-{'ab'[number]}")
        servers.append(start_server(project, args.workers, 1, port))
        worker = start_worker(project.root, dict(os.environ))
        stops.append(lambda server=servers[-1], worker=worker: [(p.terminate(), p.wait(15)) for p in (server, worker)])
    os.environ.pop("TMS_STATE_DIR")
    return projects, servers, ports, token


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--saves", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of each instance")
    parser.add_argument("--articles", type=int, default=8)
    parser.add_argument("--segments", type=int, default=40)
    args = parser.parse_args()
    in_private_namespace()

    import requests
    from load_api import Client, lost_saves, run_clients, run_loop, share_segments

    from tms.services.jobs import job_status
    from tms.services.review import history
    from tms.storage.database import close_databases

    base = Path(tempfile.mkdtemp(prefix=".shared-fs-", dir=ROOT))
    stops: list = []
    try:
        (project_a, project_b), servers, ports, token = start_machines(base, args, stops)
        job = requests.post(f"http://127.0.0.1:{ports[0]}/api/jobs/prefill", timeout=30,
                            headers={"Authorization": f"Bearer {token}"},
                            json={"articles": [project_a.article_ids()[0]], "languages": ["ko"], "engine": "pseudo"})
        job_id = job.json()["id"]
        work = share_segments(project_a, LANGS, args.clients)
        clients = [Client(i, ports[i % 2], token, work[i], args.saves, 0.0) for i in range(args.clients)]
        elapsed, _, _ = run_loop(run_clients(clients, servers[0]))
        deadline = time.monotonic() + 60
        while not job_status(project_b, job_id).is_over and time.monotonic() < deadline:
            time.sleep(0.2)
        job_state = job_status(project_b, job_id).state
        errors = [e for c in clients for e in c.errors]
        lost = lost_saves(clients, project_b)
        saved = sum(c.saved for c in clients)
        changes = len([c for c in history(project_a, limit=10**9) if c.action == "save"])
        statuses, dashboards = what_each_shows(ports, token)
        print(f"two instances (gunicorn -w {args.workers} each) on two bind mounts of one folder; PostgreSQL, "
              "Redis, two workers")
        print(f"{args.clients} clients, {len(ports)} instances: {saved} saves in {elapsed:.1f} s "
              f"({saved / elapsed:.0f}/s); errors {len(errors)}; lost {len(lost)}; history {changes} for {saved} saves")
        print(f"prefill job queued on instance A: {job_state}")
        print(f"same /api/status on both: {statuses[0] == statuses[1]}; same dashboard on both: "
              f"{dashboards[0] == dashboards[1]}")
        for error in errors[:5]:
            print("  error:", error)
        ok = (not errors and not lost and changes == saved and job_state == "done"
              and statuses[0] == statuses[1] and dashboards[0] == dashboards[1])
        return 0 if ok else 1
    finally:
        close_databases()
        for stop in reversed(stops):
            try:
                stop()
            except Exception as exc:     # noqa: BLE001 (clean up what can be cleaned)
                print("cleanup:", exc)
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
