"""Load test of the JSON API: concurrent clients saving segments against gunicorn on loopback.

    .venv/bin/python benchmarks/load_api.py                  # 32 clients, 4 workers, 100 saves each
    .venv/bin/python benchmarks/load_api.py --clients 32 --workers 4 --saves 100 --think 0

Builds a throwaway project (articles x languages x segments), creates an account with an API token, starts
``gunicorn -w N 'tms.web:create_app()'``, and lets every client save its own segments (spread over all
catalogs, so clients contend for the same PO files) as fast as the server answers, or with a pause
between saves (``--think``, seconds). Reports p50/p95/p99 latency of the saves and the throughput, then
checks from the PO files that every client's last text of every segment is there (no save lost) and that
the history holds one change per save.
"""
from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tms.model import Approval, Article, ArticleMeta, Block, Location, Role, Segment, SegmentState  # noqa: E402
from tms.services.merging import build_template, new_catalog, template_headers  # noqa: E402
from tms.services.notifications import unread_count  # noqa: E402
from tms.services.proposals import list_proposals  # noqa: E402
from tms.services.review import history  # noqa: E402
from tms.services.users import create_token, create_user  # noqa: E402
from tms.storage.database import DATABASE_URL_ENV, close_databases, get_database  # noqa: E402
from tms.storage.layout import Project  # noqa: E402
from tms.storage.pofile import load_catalog, save_catalog  # noqa: E402

WORDS = ("the ministry said on monday that talks with the delegation would continue next week in seoul "
         "after both sides agreed on a framework for cooperation in trade energy culture and education").split()


def build_project(root: Path, articles: int, segments: int, langs: list[str]) -> Project:
    """A project of synthetic articles with one untranslated PO per language."""
    project = Project(root)
    rng = random.Random(7)
    for a in range(articles):
        article_id = f"article-{a:03d}"
        texts = [" ".join(rng.choices(WORDS, k=rng.randint(8, 24))).capitalize() + f" ({a}.{s})."
                 for s in range(segments)]
        blocks = [Block(Role.PARAGRAPH, t) for t in texts]
        article = Article(article_id, "en", ArticleMeta(title=texts[0]), blocks)
        segs = [Segment(t, Location(Role.PARAGRAPH, block=i, line=i + 3)) for i, t in enumerate(texts)]
        template = build_template(article, segs, f"originals/{article_id}.md",
                                  template_headers(article, "bench", "2026-11-23 10:00+0000"))
        save_catalog(project.pot_path(article_id), template)
        for lang in langs:
            save_catalog(project.po_path(article_id, lang), new_catalog(template, lang))
    return project


APPROVED_TEXT = "approved before the run"


def approve_slots(project: Project, slots: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    """Approve the segments of ``slots`` in their PO files; the slots with their new revisions."""
    out = []
    for article_id, lang, key, _ in slots:
        path = project.po_path(article_id, lang)
        catalog = load_catalog(path)
        unit = catalog.find(key)
        unit.target, unit.state = APPROVED_TEXT, SegmentState.APPROVED
        unit.approval = Approval("bench-reviewer", "2026-11-23T10:00:00Z")
        save_catalog(path, catalog)
        out.append((article_id, lang, key, load_catalog(path).find(key).revision))
    return out


def share_segments(project: Project, langs: list[str], clients: int) -> list[list[tuple[str, str, str, str]]]:
    """Every segment of every catalog, shuffled and dealt to the clients: all clients share the catalogs
    (and their locks) but never a segment, so any 409 would be a lost update in the making."""
    slots = []
    for article_id in project.article_ids():
        for lang in langs:
            for unit in load_catalog(project.po_path(article_id, lang)).active_units():
                slots.append((article_id, lang, unit.key, unit.revision))
    random.Random(1).shuffle(slots)
    return [slots[i::clients] for i in range(clients)]


def lost_saves(clients, project: Project) -> list[tuple[str, str, str]]:
    """The segments whose last text saved by a client is not in the PO file."""
    lost = []
    for client in clients:
        for (article_id, lang, key), text in client.last.items():
            unit = load_catalog(project.po_path(article_id, lang)).find(key)
            if unit is None or unit.target != text:
                lost.append((article_id, lang, key))
    return lost


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(project: Project, workers: int, threads: int, port: int) -> subprocess.Popen:
    env = {**os.environ, "TMS_ROOT": str(project.root)}
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    command = [gunicorn, "-w", str(workers), "--threads", str(threads), "-b", f"127.0.0.1:{port}",
               "--backlog", "256", "--log-level", "warning", "tms.web:create_app()"]
    proc = subprocess.Popen(command, env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/openapi.json")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("gunicorn did not start within 60 s")


class Client:
    """One translator saving their own segments, one after another, over HTTP/1.1 on its own connection.

    The clients run as coroutines of one event loop (uvloop when installed), so that the load script takes
    as little of the two cores the server runs on as it can: a thread per client with ``http.client`` took
    0.45 ms of CPU per save, asyncio's loop 0.40 ms, uvloop 0.25 ms.
    """

    def __init__(self, number: int, port: int, token: str, work: list[tuple[str, str, str, str]],
                 saves: int, think: float, warmup: int = 2):
        self.warmup, self.saved = warmup, 0
        self.number, self.port, self.token = number, port, token
        self.work = {(a, lang, key): rev for a, lang, key, rev in work}
        self.saves, self.think = saves, think
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.last: dict[tuple[str, str, str], str] = {}

    async def run(self, warmed: asyncio.Event, all_warm: asyncio.Event, pending: list[int]) -> None:
        rng = random.Random(self.number)
        slots = list(self.work)
        connection = None
        for n in range(-self.warmup, self.saves):
            if n == 0:
                # Warm-up saves (every worker has loaded its code and opened its database) are not timed.
                pending[0] -= 1
                if pending[0] == 0:
                    warmed.set()
                await all_warm.wait()
            article_id, lang, key = slot = rng.choice(slots)
            text = f"client {self.number} save {n}: {' '.join(rng.choices(WORDS, k=8))}"
            body = json.dumps({"target": text, "revision": self.work[slot]}).encode()
            request = (f"PUT /api/articles/{article_id}/{lang}/segments/{key} HTTP/1.1\r\n"
                       f"Host: 127.0.0.1:{self.port}\r\nAuthorization: Bearer {self.token}\r\n"
                       f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
            began = time.perf_counter()
            try:
                if connection is None:
                    connection = await asyncio.open_connection("127.0.0.1", self.port)
                reader, writer = connection
                writer.write(request)
                status, headers, payload = await read_response(reader)
                if headers.get("connection", "").lower() == "close":
                    # Close at once: gunicorn's sync worker waits for the client to close before it
                    # takes the next request.
                    writer.close()
                    connection = None
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                self.errors.append(f"{type(exc).__name__}: {exc}")
                if connection is not None:
                    connection[1].close()
                connection = None
                continue
            if n >= 0:
                self.latencies.append(time.perf_counter() - began)
            if status not in (200, 202):        # 202: a translator's change to an approved segment, a suggestion
                self.errors.append(f"{status}: {payload[:200]!r}")
                continue
            self.work[slot] = json.loads(payload)["segment"]["revision"]
            self.last[slot] = text
            self.saved += 1
            if self.think and n >= 0:
                await asyncio.sleep(rng.uniform(0, 2 * self.think))
        if connection is not None:
            connection[1].close()


async def read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-cased names) and body of one HTTP/1.1 response with a Content-Length."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers, body


async def run_clients(clients: list[Client], server: subprocess.Popen) -> tuple[float, float, float]:
    """Run the clients; the wall time, server CPU and client CPU of their timed saves."""
    warmed, all_warm, pending = asyncio.Event(), asyncio.Event(), [len(clients)]
    tasks = [asyncio.create_task(c.run(warmed, all_warm, pending)) for c in clients]
    await warmed.wait()
    began, server_began, client_began = time.perf_counter(), server_cpu_seconds(server), time.process_time()
    all_warm.set()
    await asyncio.gather(*tasks)
    return (time.perf_counter() - began, server_cpu_seconds(server) - server_began,
            time.process_time() - client_began)


def run_loop(coroutine):
    """Run ``coroutine`` on uvloop when it is installed (``pip install -e '.[bench]'``), else on asyncio's loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def loop_name() -> str:
    try:
        import uvloop
    except ImportError:
        return "asyncio"
    return f"uvloop {uvloop.__version__}"


def server_cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time (user + system) used so far by the gunicorn master and its workers, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    pids = [server.pid]
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])      # utime, stime
    return total / tick


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--saves", type=int, default=100, help="timed saves per client")
    parser.add_argument("--think", type=float, default=0.0, help="mean pause between a client's saves, seconds")
    parser.add_argument("--warmup", type=int, default=2, help="untimed saves per client before the timed ones")
    parser.add_argument("--articles", type=int, default=8)
    parser.add_argument("--segments", type=int, default=40)
    parser.add_argument("--langs", default="ja,zh,de,ar")
    parser.add_argument("--suggesters", type=int, default=4,
                        help="clients that are translators saving over approved segments: each save is kept as "
                             "a suggestion for review (202)")
    parser.add_argument("--keep", action="store_true", help="keep the project folder")
    parser.add_argument("--database-url", default="",
                        help="an empty database for accounts and history (default: SQLite in the project)")
    args = parser.parse_args()
    langs = args.langs.split(",")

    if args.database_url:
        os.environ[DATABASE_URL_ENV] = args.database_url    # for this process and the server it starts
    else:
        os.environ.pop(DATABASE_URL_ENV, None)
    folder = Path(tempfile.mkdtemp(prefix="tms-load-"))
    project = build_project(folder, args.articles, args.segments, langs)
    create_user(project, "bench", "admin", "benchmark-password")
    token = create_token(project, "bench", "load test")
    create_user(project, "bench-translator", "translator", "benchmark-password", "*")
    translator_token = create_token(project, "bench-translator", "load test")
    # People to notify when catalogs become ready for review or certification during the run.
    create_user(project, "bench-reviewer", "reviewer", "benchmark-password", "*")
    create_user(project, "bench-approver", "approver", "benchmark-password", "*")
    close_databases()

    work = share_segments(project, langs, args.clients)
    suggesters = set(range(min(args.suggesters, args.clients)))
    work = [approve_slots(project, work[i]) if i in suggesters else work[i] for i in range(args.clients)]

    port = free_port()
    server = start_server(project, args.workers, args.threads, port)
    try:
        clients = [Client(i, port, translator_token if i in suggesters else token, work[i], args.saves, args.think,
                          args.warmup) for i in range(args.clients)]
        elapsed, server_cpu, client_cpu = run_loop(run_clients(clients, server))
    finally:
        server.terminate()
        server.wait(15)

    latencies = [x for c in clients for x in c.latencies]
    errors = [e for c in clients for e in c.errors]
    lost = []
    for client in clients:
        for (article_id, lang, key), text in client.last.items():
            if client.number in suggesters:       # the approved text stands; the suggestion holds the change
                unit = load_catalog(project.po_path(article_id, lang)).find(key)
                mine = [p.target for p in list_proposals(project, article_id, lang, key)
                        if p.author == "bench-translator"]
                if unit is None or unit.target != APPROVED_TEXT or mine != [text]:
                    lost.append((article_id, lang, key))
                continue
            unit = load_catalog(project.po_path(article_id, lang)).find(key)
            if unit is None or unit.target != text:
                lost.append((article_id, lang, key))
    saved = sum(c.saved for c in clients if c.number not in suggesters)
    suggested = sum(c.saved for c in clients if c.number in suggesters)
    notified = sum(unread_count(project, name) for name in ("bench-reviewer", "bench-approver"))
    changes = len(history(project, limit=10**9))
    database = get_database(project).engine.url.get_backend_name()
    close_databases()

    ms = [x * 1000 for x in latencies]
    print(f"machine: {os.cpu_count()} cores, {sys.platform}; python {sys.version.split()[0]}")
    print(f"setup: {args.clients} clients, gunicorn -w {args.workers} --threads {args.threads}, think "
          f"{args.think:g} s, clients on {loop_name()}, {args.articles} articles x {len(langs)} languages x "
          f"{args.segments} segments; database {database}")
    print(f"saves: {len(latencies)} in {elapsed:.1f} s = {len(latencies) / elapsed:.0f}/s; errors: {len(errors)}")
    if ms:
        print(f"latency ms: p50 {percentile(ms, 50):.1f}  p95 {percentile(ms, 95):.1f}  "
              f"p99 {percentile(ms, 99):.1f}  max {max(ms):.1f}  mean {statistics.mean(ms):.1f}")
    if latencies:
        print(f"cpu: server {server_cpu / len(latencies) * 1000:.2f} ms per save ({server_cpu / elapsed:.2f} cores), "
              f"clients {client_cpu / len(latencies) * 1000:.2f} ms per save ({client_cpu / elapsed:.2f} cores)")
    print(f"verified from the PO files and the suggestions: {sum(len(c.last) for c in clients)} segments, "
          f"{len(lost)} lost; history entries {changes} for {saved} saves (warm-up included); "
          f"{suggested} saves kept as suggestions; {notified} notifications")
    for error in errors[:5]:
        print("  error:", error)
    if args.keep:
        print("project kept at", folder)
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if lost or errors or changes != saved else 0


if __name__ == "__main__":
    sys.exit(main())
