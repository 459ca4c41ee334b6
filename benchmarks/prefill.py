"""Benchmark of ``tms prefill``: 1,000 articles x 10 languages against a local LibreTranslate-compatible server.

Reports the requests sent, the cache hits of a second run, and the time per entry spent in tms itself
(wall time minus the time spent inside HTTP requests, i.e. waiting on the server), and compares the
requests with deep-translator's ``LibreTranslator.translate_batch`` called on every entry (measured on a
sample, whose count is one request per entry by construction of its loop, then scaled).

    .venv/bin/python benchmarks/prefill.py                  # print the figures
    .venv/bin/python benchmarks/prefill.py --write-docs     # and write them into docs/mt.md

The server runs in its own process (``python -m tests.mt.libre_server``), so its work is not counted
as tms's. Articles are built from the sentences of the two seed articles (imported through the real
pipeline), with numbers and names varied so that most sentences are unique, plus the boilerplate lines
(bylines, credits) that recur across a news archive.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tms.languages import targets_for  # noqa: E402
from tms.model import Catalog, Unit  # noqa: E402
from tms.services.importing import import_files  # noqa: E402
from tms.services.prefill import open_engine, prefill  # noqa: E402
from tms.storage.layout import Project  # noqa: E402
from tms.storage.pofile import load_catalog, save_catalog  # noqa: E402

SEEDS = ROOT / "tests" / "data" / "seeds"
DOC = ROOT / "docs" / "mt.md"
START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"
BOILERPLATE = ["By Kim Eun-ji", "Korea.net Staff Writer", "Photos: Yonhap News", "Unofficial translation",
               "Ministry of Foreign Affairs", "Press release", "Spokesperson's Office", "Korea.net",
               "For more information, contact the press office.", "Photo: Ministry of Foreign Affairs"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
NAMES = ["Seoul", "Busan", "Incheon", "Daegu", "Gwangju", "Daejeon", "Ulsan", "Sejong", "Jeju", "Suwon"]


def seed_sentences(work: Path) -> list[str]:
    """The segments of the two seed articles, through the real import pipeline."""
    project = Project(work / "seeds")
    project.root.mkdir(parents=True)
    import_files(project, [SEEDS / "korea-net-article.txt"], lang="en", article_id="korea-net")
    import_files(project, [SEEDS / "mofa-press-release.txt"], lang="en", article_id="mofa")
    return [u.source for article in ("korea-net", "mofa") for u in load_catalog(project.pot_path(article)).units]


def vary(sentence: str, rng: random.Random) -> str:
    """The sentence with its numbers changed and a place and date added, as another article would have it."""
    varied = re.sub(r"\d+", lambda m: str(rng.randint(1, 3000)), sentence)
    where = f" in {rng.choice(NAMES)} on {rng.choice(MONTHS)} {rng.randint(1, 28)}"
    return f"{varied[:-1]}{where}{varied[-1]}" if varied[-1:] in ".!?" else f"{varied}{where}"


def build_archive(project: Project, articles: int, per_article: int, pool: list[str]) -> int:
    """Write ``articles`` templates and ten catalogs each, straight through tms.storage; return the entries."""
    rng = random.Random(4)
    langs = targets_for("en")
    for number in range(articles):
        article_id = f"article-{number:04d}"
        sources = list(dict.fromkeys(rng.sample(BOILERPLATE, 3) +
                                     [vary(rng.choice(pool), rng) for _ in range(per_article - 3)]))
        headers = {"Content-Type": "text/plain; charset=UTF-8", "X-Source-Language": "en",
                   "X-TMS-Article": article_id}
        save_catalog(project.pot_path(article_id),
                     Catalog(article_id, None, "en", [Unit(s) for s in sources], dict(headers)))
        for lang in langs:
            catalog = Catalog(article_id, lang, "en", [Unit(s) for s in sources], {**headers, "Language": lang})
            save_catalog(project.po_path(article_id, lang), catalog)
    return sum(len(load_catalog(project.pot_path(a)).units) for a in project.article_ids()) * len(langs)


def start_server() -> tuple[subprocess.Popen, str]:
    """The LibreTranslate-compatible server in its own process, and its address."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, "-m", "tests.mt.libre_server"], env=env, stdout=subprocess.PIPE,
                              text=True)
    return server, server.stdout.readline().strip()


def server_stats(url: str) -> dict:
    """Requests and texts the server has received so far."""
    with urllib.request.urlopen(url + "/stats", timeout=10) as response:
        return json.load(response)


def timed_run(project: Project) -> dict:
    """One prefill of the whole archive with the libre engine; what it sent and how long tms worked."""
    engine = open_engine(project, "libre")
    started = time.perf_counter()
    report = prefill(project, engine="libre", engine_object=engine)
    wall = time.perf_counter() - started
    own = wall - engine.stats.wait_seconds
    return {"entries": report.segments, "filled": report.filled, "requests": engine.stats.requests,
            "texts_sent": engine.stats.texts_sent, "chars_sent": engine.stats.chars_sent,
            "cache_hits": engine.stats.cache_hits,
            "cached_entries": sum(r.cached for r in report.languages.values()),
            "memory_entries": sum(r.memory for r in report.languages.values()),
            "wall_s": round(wall, 2), "waiting_s": round(engine.stats.wait_seconds, 2),
            "own_ms_per_entry": round(1000 * own / max(report.segments, 1), 3)}


def baseline_sample(project: Project, url: str, articles: int) -> dict:
    """deep-translator's translate_batch on every entry of ``articles`` articles: requests per entry."""
    from deep_translator import LibreTranslator

    before = server_stats(url)["requests"]
    entries = 0
    for article_id in project.article_ids()[:articles]:
        for lang in targets_for("en"):
            texts = [u.source for u in load_catalog(project.po_path(article_id, lang)).units]
            LibreTranslator(source="en", target=lang, api_key="none", custom_url=url + "/").translate_batch(texts)
            entries += len(texts)
    return {"sample_entries": entries, "sample_requests": server_stats(url)["requests"] - before}


def run(articles: int, per_article: int, sample: int) -> dict:
    """Build the archive, run prefill cold and warm, measure the baseline; return every figure."""
    work = Path(tempfile.mkdtemp(prefix="tms-bench-"))
    server, url = start_server()
    os.environ["TMS_LIBRE_URL"] = url
    try:
        project = Project(work / "project")
        project.root.mkdir()
        entries = build_archive(project, articles, per_article, seed_sentences(work))
        pristine = work / "pristine"
        shutil.copytree(project.locales_dir, pristine)
        baseline = baseline_sample(project, url, sample)
        requests_before = server_stats(url)["requests"]
        cold = timed_run(project)
        cold["server_requests"] = server_stats(url)["requests"] - requests_before
        shutil.rmtree(project.locales_dir)
        shutil.copytree(pristine, project.locales_dir)      # the same archive, untranslated again
        warm = timed_run(project)
        per_entry = baseline["sample_requests"] / baseline["sample_entries"]
        return {"articles": articles, "languages": 10, "entries": entries, "cold": cold, "warm": warm,
                "baseline": {**baseline, "requests_per_entry": per_entry,
                             "requests": round(per_entry * cold["entries"])},
                "ratio": round(per_entry * cold["entries"] / max(cold["requests"], 1), 1),
                "machine": machine(), "date": datetime.now(timezone.utc).strftime("%Y-%m-%d")}
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def machine() -> str:
    """CPU model and count, and Python version."""
    model = platform.processor() or ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({model or platform.machine()}), Python {platform.python_version()}"


def as_markdown(f: dict) -> str:
    """The figures as the table docs/mt.md shows."""
    cold, warm, base = f["cold"], f["warm"], f["baseline"]
    return "\n".join([
        f"Measured {f['date']} on {f['machine']}: {f['articles']:,} articles x {f['languages']} languages, "
        f"{f['entries']:,} untranslated entries, engine `libre` against `tests/mt/libre_server.py` in its own "
        "process.",
        "",
        "| | first run (empty cache) | second run (same archive, untranslated again) |",
        "|---|---:|---:|",
        f"| entries filled | {cold['filled']:,} of {cold['entries']:,} | {warm['filled']:,} of {warm['entries']:,} |",
        f"| requests sent | {cold['requests']:,} | {warm['requests']:,} |",
        f"| distinct texts sent | {cold['texts_sent']:,} | {warm['texts_sent']:,} |",
        f"| characters sent | {cold['chars_sent']:,} | {warm['chars_sent']:,} |",
        f"| entries from the cache | {cold['cached_entries']:,} | {warm['cached_entries']:,} |",
        f"| wall time | {cold['wall_s']} s | {warm['wall_s']} s |",
        f"| of which waiting on the server | {cold['waiting_s']} s | {warm['waiting_s']} s |",
        f"| **tms's own time per entry** | **{cold['own_ms_per_entry']} ms** | **{warm['own_ms_per_entry']} ms** |",
        "",
        "Entries \"from the cache\" in the first run are texts that recur in a later chunk of the same run "
        "(bylines, credits): they were sent once.",
        "",
        f"deep-translator's `LibreTranslator.translate_batch` on every entry sent {base['sample_requests']:,} "
        f"requests for the {base['sample_entries']:,} entries of a sample (one per entry), so "
        f"{base['requests']:,} for the archive: **{f['ratio']}x** the requests of `tms prefill` "
        "(targets: under 1 ms per entry, at least 10x fewer requests).",
    ])


def write_docs(figures: dict) -> None:
    """Replace the benchmark section of docs/mt.md."""
    replace_between(DOC, START, END, as_markdown(figures))


def replace_between(path: Path, start: str, end: str, body: str) -> None:
    """Put ``body`` between the marker lines ``start`` and ``end`` of the document at ``path``."""
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    path.write_text(f"{head}{start}\n{body}\n{end}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--per-article", type=int, default=30, help="entries per article")
    parser.add_argument("--sample", type=int, default=20, help="articles sent through deep-translator")
    parser.add_argument("--write-docs", action="store_true", help="write the figures into docs/mt.md")
    args = parser.parse_args()
    figures = run(args.articles, args.per_article, args.sample)
    print(json.dumps(figures, indent=2))
    print(as_markdown(figures))
    if args.write_docs:
        write_docs(figures)


if __name__ == "__main__":
    main()
