"""How fast the dashboard answers with many articles: 10,000 articles x 10 languages by default.

    .venv/bin/python benchmarks/dashboard.py [--articles 10000] [--requests 20] [--write-docs]

Builds a project under benchmarks/out/ (kept between runs: generating and the cold statistics take
minutes), warms the statistics cache the way ``tms status`` does, then serves the application on
127.0.0.1 and times dashboard pages over HTTP as a signed-in browser would fetch them: the first view
after the server starts, then repeated views of page 1, a later page, filters, and views right after a
segment was saved. Target: under 300 ms. The error-level check findings each cell shows are counted
once per version of a catalog and kept; the counts kept by an earlier run are removed first, so the
server counts them all in the background after its warm-up as on a fresh install (the first view comes
while it does), and a change to the Japanese glossary has a page's Japanese catalogs counted again. "My work" is timed for a translator of Japanese (10,000 catalogs) and for an admin (every
language). ``--write-docs`` puts the figures in docs/web.md.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from tms.languages import targets_for  # noqa: E402
from tms.model import Approval, Catalog, Location, MachineInfo, Role, SegmentState, Unit  # noqa: E402
from tms.services.merging import new_catalog  # noqa: E402
from tms.storage.layout import Project  # noqa: E402
from tms.storage.pofile import format_catalog  # noqa: E402

DOCS = ROOT / "docs" / "web.md"
SECTION = "## Dashboard speed"
PASSWORD = "benchmark password"
SENTENCES = ["The ministers met in Seoul on Monday.", "They signed a memorandum on cultural exchange.",
             "The programme starts next year.", "Officials said more talks would follow.",
             "Both sides welcomed the agreement.", "The photo shows the ministers shaking hands."]


def generate(project: Project, count: int) -> None:
    """Write ``count`` articles, each a template and ten catalogs in every state (plain writes: setup only)."""
    rng = random.Random(5)
    for number in range(count):
        article_id = f"2026-{number % 12 + 1:02d}-{number % 28 + 1:02d}-article-{number:05d}"
        units = [Unit(source=f"{SENTENCES[j % len(SENTENCES)]} ({number}.{j})", location=Location(Role.PARAGRAPH, j),
                      references=[f"originals/{article_id}.md:{j + 5}"]) for j in range(rng.randint(4, 12))]
        headers = {"Project-Id-Version": f"tms {article_id}", "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit", "X-Source-Language": "en", "X-TMS-Article": article_id}
        template = Catalog(article_id, None, "en", units, headers)
        path = project.pot_path(article_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(format_catalog(template), encoding="utf-8")
        for lang in targets_for("en"):
            catalog = new_catalog(template, lang)
            level = rng.random()
            for unit in catalog.units:
                draw = rng.random()
                if draw < level * 0.5:
                    unit.target, unit.state = f"[{lang}] {unit.source}", SegmentState.APPROVED
                    unit.approval = Approval("reviewer", "2026-11-01T10:00:00Z")
                elif draw < level * 0.8:
                    unit.target, unit.state = f"[{lang}] {unit.source}", SegmentState.TRANSLATED
                elif draw < level:
                    unit.target, unit.state = f"[{lang}-mt] {unit.source}", SegmentState.MACHINE
                    unit.machine = MachineInfo("pseudo", unit.target, "2026-11-01T09:00:00Z")
            path = project.po_path(article_id, lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(format_catalog(catalog), encoding="utf-8")
        if number % 1000 == 999:
            print(f"  {number + 1} articles written", flush=True)


def serve(project: Project):
    import logging

    from tms.web import create_app

    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    app = create_app({"SECRET_KEY": "benchmark"}, project_root=project.root)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def sign_in(base: str, name: str = "bench") -> requests.Session:
    session = requests.Session()
    html = session.get(f"{base}/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    response = session.post(f"{base}/login", data={"username": name, "password": PASSWORD, "csrf_token": token},
                            allow_redirects=False)
    assert response.status_code == 302, response.text[:500]
    return session


def timed(session: requests.Session, url: str, marker: str = 'class="grid"') -> float:
    start = time.perf_counter()
    response = session.get(url)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code, response.text[:300])
    assert marker in response.text, (url, response.text[:300])
    return elapsed * 1000


def touch_one(project: Project, ids: list[str], round_: int) -> None:
    """Save one segment through the review service, as the editor does."""
    from tms.services import review
    from tms.services.users import get_user

    account = get_user(project, "bench")
    article_id = ids[round_ * 37 % len(ids)]
    segment = review.get_segments(project, article_id, "ja").segments[0]
    review.save_segment(project, account, article_id, "ja", segment.key, f"編集 {round_}", None, segment.revision)


def forget_error_counts(project: Project) -> None:
    """Remove the check-error counts an earlier run kept, so that this run counts them as a fresh install does."""
    import sqlite3

    from tms.services.stats import CACHE_NAME, COUNTS_TABLE

    with sqlite3.connect(project.state_dir / CACHE_NAME) as connection:
        connection.execute(f"DROP TABLE IF EXISTS {COUNTS_TABLE}")


def warm_up_seconds(started: float, name: str = "tms-overview-warm-up") -> float:
    """Wait for one of the server's background threads (the dashboard's warm-up, the counting of check
    errors that follows it); how long it took from ``started``."""
    for thread in threading.enumerate():
        if thread.name == name:
            thread.join()
    return time.perf_counter() - started


def measure(project: Project, base: str, ids: list[str], repeats: int, started: float) -> dict[str, list[float]]:
    session = sign_in(base)
    figures: dict[str, list[float]] = {"warm-up at server start (background, not a view)":
                                       [warm_up_seconds(started) * 1000]}
    counting = time.perf_counter()
    figures["first view after the warm-up"] = [timed(session, f"{base}/")]
    figures["counting the check errors of every catalog (background, after the warm-up)"] = [
        warm_up_seconds(counting, "tms-error-counts") * 1000]
    last_page = (len(ids) + 49) // 50
    views = {
        "page 1, all languages": "/",
        f"page {last_page // 2}": f"/?page={last_page // 2}",
        "filter: Japanese only": "/?lang=ja",
        "filter: status in review": "/?status=review",
        "filter: status official (none)": "/?status=official",
        "filter: changed in a date range": "/?changed_from=2000-01-01&changed_to=2100-01-01",
    }
    for name, path in views.items():
        figures[name] = [timed(session, base + path) for _ in range(repeats)]
    figures["page 1 right after a save"] = []
    for round_ in range(repeats):
        touch_one(project, ids, round_)
        figures["page 1 right after a save"].append(timed(session, f"{base}/"))
    figures["a page not shown before"] = [
        timed(session, f"{base}/?page={last_page // 2 + 1 + n}") for n in range(repeats)]
    figures["page 1 after the Japanese glossary changed"] = []
    glossary = project.root / "glossary" / "ja.csv"
    glossary.parent.mkdir(exist_ok=True)
    for round_ in range(repeats):
        glossary.write_text(f"source,target\nministers {round_},閣僚\n", encoding="utf-8")
        figures["page 1 after the Japanese glossary changed"].append(timed(session, f"{base}/"))
    glossary.unlink()
    translator = sign_in(base, "bench-ja")
    for name, who, path in [("My work, translator of Japanese", translator, "/my-work"),
                            ("My work, translator of Japanese, page 100", translator, "/my-work?page=100"),
                            ("My work, translator, assigned only", translator, "/my-work?mine=1"),
                            ("My work, admin (every language)", session, "/my-work"),
                            ("GET /api/my-work, translator of Japanese", translator, "/api/my-work")]:
        figures[name] = [timed(who, base + path, '"items"' if "/api/" in path else 'id="work-count"')
                         for _ in range(repeats)]
    return figures


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def report(figures: dict[str, list[float]], articles: int, setup: dict[str, float]) -> str:
    lines = [
        SECTION, "",
        f"`benchmarks/dashboard.py --articles {articles}`: {articles:,} articles x 10 languages "
        f"({articles * 10:,} catalogs), one server process on 127.0.0.1, pages fetched over HTTP by a signed-in "
        f"session. Machine: {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
        f"{datetime.now(timezone.utc).strftime('%Y-%m-%d')}. Target: under 300 ms.", "",
        "| view | requests | median ms | p95 ms | max ms |", "|---|---:|---:|---:|---:|",
    ]
    for name, values in figures.items():
        lines.append(f"| {name} | {len(values)} | {statistics.median(values):.0f} | {p95(values):.0f} | "
                     f"{max(values):.0f} |")
    lines += [
        "",
        (f"Setup, not part of any page view: writing the project took {setup['generate']:.0f} s and the first "
         f"`collect_stats` over every catalog (a cold statistics cache) {setup['cold']:.0f} s; a warm one "
         f"{setup['warm']:.1f} s." if setup["generate"] else
         f"The project and its statistics cache were kept from an earlier run under benchmarks/out/; a warm "
         f"`collect_stats` over every catalog took {setup['warm']:.1f} s."),
        "",
        "The check errors of each catalog are counted once per version of the catalog and of its language's "
        "checks and kept (in memory and in the statistics cache). After the warm-up the server counts them for "
        "every catalog in the background, the first pages first; a page counts itself only the catalogs it "
        "shows that have no count yet: the first view above, which came while the background count had "
        "just begun, and each view after a change to the Japanese glossary (its 50 Japanese catalogs).",
        "",
        "The totals per language are over every article, whatever the filters. The dashboard never asks the statistics service about every catalog on a page view. The overview "
        "(`tms/services/overview.py`) keeps each catalog's figures in memory and checks the modification time "
        "of the twelve folders (`locales/templates` and `locales/<lang>/LC_MESSAGES`): every catalog is saved "
        "by an atomic rename, which changes its folder's time. Only a changed folder is listed again, and only "
        "its changed files are asked of `tms.services.stats` again, so a view after a save costs one folder "
        "listing and one catalog. A server process gathers everything from the statistics cache once, in a "
        "background thread started with the application (the warm-up above); a view that comes before it "
        "is over waits for it.",
        "",
    ]
    return "\n".join(lines)


def write_docs(text: str) -> None:
    current = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# The review web UI\n"
    if SECTION in current:
        start = current.index(SECTION)
        following = current.find("\n## ", start + len(SECTION))
        current = current[:start] + text + (current[following + 1:] if following != -1 else "")
    else:
        current = current.rstrip("\n") + "\n\n" + text
    DOCS.write_text(current, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--root", type=Path, default=None)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    root = args.root or ROOT / "benchmarks" / "out" / f"dashboard-{args.articles}"
    os.environ.pop("TMS_DATABASE_URL", None)
    project = Project(root)
    setup = {"generate": 0.0}
    if not project.templates_dir.is_dir() or len(project.article_ids()) != args.articles:
        print(f"writing {args.articles} articles x 10 languages under {root} ...", flush=True)
        start = time.perf_counter()
        generate(project, args.articles)
        setup["generate"] = time.perf_counter() - start
    from tms.services.stats import collect_stats
    from tms.services.users import create_user, get_user
    from tms.errors import NotFound

    for key in ("cold", "warm"):
        start = time.perf_counter()
        collect_stats(project)
        setup[key] = time.perf_counter() - start
        print(f"collect_stats ({key}): {setup[key]:.1f} s", flush=True)
    for name, role, langs in (("bench", "admin", None), ("bench-ja", "translator", "ja")):
        try:
            get_user(project, name)
        except NotFound:
            create_user(project, name, role, PASSWORD, langs)
    forget_error_counts(project)
    started = time.perf_counter()
    server, base = serve(project)
    try:
        figures = measure(project, base, project.article_ids(), args.requests, started)
    finally:
        server.shutdown()
    text = report(figures, args.articles, setup)
    print(text)
    if args.write_docs:
        write_docs(text)
        print(f"written to {DOCS}")


if __name__ == "__main__":
    main()
