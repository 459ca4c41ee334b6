#!/usr/bin/env python3
"""Import through the API: N generated articles sent by C clients at once to gunicorn on loopback.

usage: benchmarks/api_import.py [--articles 1000] [--clients 4] [--workers 4] [--sentences 30] [--keep DIR]

Builds an empty project (under ``--keep DIR``, else a temporary folder in the work tree, removed after), creates
an editor with an API token, starts ``gunicorn -w N 'tms.web:create_app()'`` and lets each client POST
its share of the articles (``/api/articles``, JSON ``content`` as page text, a deadline and a priority) one
after another. Reports articles per second over the wall time and the latency of the imports, then checks
that no article was lost or duplicated: every answer is 201 with its own id, the project holds exactly
those originals, each with its template and ten catalogs, and each has the deadline it was sent with.
"""
from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from import_articles import make_article  # noqa: E402
from load_api import free_port, server_cpu_seconds, start_server  # noqa: E402

from tms.services.schedules import plan_lookup  # noqa: E402
from tms.services.users import create_token, create_user  # noqa: E402
from tms.storage.database import close_databases  # noqa: E402
from tms.storage.layout import Project  # noqa: E402

DEADLINE = "2030-01-15T18:00:00+09:00"


class Client(threading.Thread):
    """One publishing system posting its articles one after another on one connection."""

    def __init__(self, port: int, token: str, articles: list[tuple[int, str]]):
        super().__init__(daemon=True)
        self.port, self.token, self.articles = port, token, articles
        self.latencies: list[float] = []
        self.ids: dict[int, str] = {}
        self.errors: list[str] = []

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        for index, text in self.articles:
            body = json.dumps({"content": text, "format": "text", "lang": "en", "deadline": DEADLINE,
                               "priority": 1 + index % 5})
            began = time.perf_counter()
            try:
                connection.request("POST", "/api/articles", body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
            except (OSError, http.client.HTTPException) as exc:
                self.errors.append(f"article {index}: {type(exc).__name__}: {exc}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                continue
            self.latencies.append(time.perf_counter() - began)
            if response.status != 201:
                self.errors.append(f"article {index}: {response.status} {payload[:200]!r}")
                continue
            self.ids[index] = json.loads(payload)["id"]
        connection.close()


def check(project: Project, ids: dict[int, str], expected: int) -> list[str]:
    """What is wrong with the project after the run: lost, duplicated or incomplete articles."""
    problems = []
    if len(ids) != expected:
        problems.append(f"{expected - len(ids)} articles got no 201")
    if len(set(ids.values())) != len(ids):
        problems.append("two articles were given the same id")
    stored = {p.stem for p in project.originals_dir.glob("*.md")}
    if stored != set(ids.values()):
        problems.append(f"originals differ from the answers: {len(stored - set(ids.values()))} extra, "
                        f"{len(set(ids.values()) - stored)} missing")
    plans = plan_lookup(project)
    for article_id in ids.values():
        catalogs = len(project.catalog_languages(article_id))
        if catalogs != 10 or not project.pot_path(article_id).is_file():
            problems.append(f"{article_id}: {catalogs} catalogs")
        if plans(article_id, "").deadline is None:
            problems.append(f"{article_id}: no deadline")
    return problems[:20]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--sentences", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="build the project here and keep it")
    args = parser.parse_args()
    # Beside the work tree rather than in /tmp, where creating files is far slower on this machine.
    base = args.keep or Path(tempfile.mkdtemp(prefix=".api-import-", dir=ROOT))
    root = base / "project"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    project = Project(root)
    create_user(project, "desk", "editor", "benchmark password")
    token = create_token(project, "desk", "benchmark")
    close_databases()
    rng = random.Random(11)
    texts = [(i, make_article(rng, i, args.sentences)) for i in range(args.articles)]
    shares = [texts[c::args.clients] for c in range(args.clients)]
    port = free_port()
    server = start_server(project, args.workers, 1, port)
    try:
        clients = [Client(port, token, share) for share in shares]
        began, cpu_began = time.perf_counter(), server_cpu_seconds(server)
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        wall, cpu = time.perf_counter() - began, server_cpu_seconds(server) - cpu_began
    finally:
        server.terminate()
        server.wait(timeout=30)
    ids = {index: article_id for client in clients for index, article_id in client.ids.items()}
    latencies = sorted(latency for client in clients for latency in client.latencies)
    errors = [error for client in clients for error in client.errors]
    problems = check(project, ids, args.articles)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    print(f"{args.articles} articles of {args.sentences} sentences, {args.clients} clients, "
          f"gunicorn -w {args.workers}: {wall:.1f} s, {len(ids) / wall:.1f} articles/s; "
          f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; "
          f"server CPU {cpu:.1f} s ({cpu / max(len(ids), 1) * 1000:.1f} ms an article)")
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    print("no article lost or duplicated" if not problems else "PROBLEMS: " + "; ".join(problems))
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    sys.exit(1 if problems or errors else 0)


if __name__ == "__main__":
    main()
