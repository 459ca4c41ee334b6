"""Benchmark of the ``apertium`` engine: segments per second through tms against Apertium alone.

On the same segments, in the same process, it times:

* **Apertium alone**: the ``apertium`` command run once over all segments, one per line
  (``apertium -u eng-spa``; for English → French, ``eng-spa`` then ``es-fr``, as tms pivots);
* **tms, no cache**: ``ApertiumEngine.translate`` on the same segments: placeholder protection,
  Apertium's stream format, batches of 200 segments per run of the pipeline in null-flush mode, and the
  checks of every answer;
* **tms, fresh cache**: the same with the persistent cache, as ``tms prefill`` runs it (every answer
  written to SQLite);
* and, where ``apertium-apy`` is installed, an APy server on 127.0.0.1 asked one segment per request by
  plain ``requests`` calls and by the engine with ``url`` set.

Two figures for tms's overhead per segment: its **own time** (the engine's wall time minus the time
spent waiting on Apertium's runs or APy's answers, measured inside the same run, so it holds on a busy
machine), and the **difference in wall time** against Apertium alone, which also counts the different
number of Apertium runs (one over everything against one per 200 segments) and the machine's noise. The
three ways take turns, five times; each figure is the median. Segments are the sentences of the two seed articles (through the real import pipeline) with
their numbers, places and dates varied, so that most are distinct.

    .venv/bin/python benchmarks/apertium_speed.py                  # print the figures
    .venv/bin/python benchmarks/apertium_speed.py --write-docs     # and write them into docs/mt.md
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.prefill import replace_between, seed_sentences, vary  # noqa: E402
from tests.mt.apy_server import start_apy, stop_apy  # noqa: E402
from tms.mt.apertium import ApertiumEngine  # noqa: E402
from tms.mt.cache import MtCache  # noqa: E402

DOC = ROOT / "docs" / "mt.md"
START, END = "<!-- apertium-benchmark:start -->", "<!-- apertium-benchmark:end -->"
REPEATS = 5


def segments(count: int, work: Path) -> list[str]:
    """``count`` distinct news sentences built from the seed articles."""
    rng = random.Random(15)
    pool = [s for s in seed_sentences(work) if len(s.split()) >= 3]
    out: dict[str, None] = {}
    while len(out) < count:
        out[vary(rng.choice(pool), rng)] = None
    return list(out)


def timed(run) -> tuple[float, float]:
    """Wall time of ``run()`` and the part of it spent in tms (what ``run`` returns as time outside Apertium)."""
    started = time.perf_counter()
    waiting = run()
    wall = time.perf_counter() - started
    return wall, wall - (waiting if waiting is not None else wall)


def interleaved(runs: dict, repeats: int = REPEATS) -> dict[str, tuple[float, float]]:
    """The median wall time and median own time of each run, the runs taking turns so that a busy spell of
    the machine falls on all of them alike."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            times[name].append(timed(run))
    return {name: (statistics.median(w for w, _ in got), statistics.median(o for _, o in got))
            for name, got in times.items()}


def apertium_alone(texts: list[str], modes: list[str]) -> None:
    """The apertium command over the texts, one per line, through each mode in turn."""
    data = "\n".join(texts) + "\n"
    for mode in modes:
        data = subprocess.run(["apertium", "-u", mode], input=data, capture_output=True, text=True,
                              check=True).stdout
    if data.count("\n") < len(texts):
        raise RuntimeError(f"apertium {modes} lost lines")


def through_tms(texts: list[str], target: str, work: Path | None, **settings) -> float:
    """The engine on the texts, with a fresh cache in ``work`` or none; the seconds spent inside Apertium."""
    cache = MtCache(work / f"cache-{time.perf_counter_ns()}.sqlite3") if work else None
    engine = ApertiumEngine(cache=cache, **settings)
    outcomes = engine.translate(texts, "en", target)
    filled = sum(1 for o in outcomes.values() if o.is_filled)
    if filled < 0.95 * len(texts):
        raise RuntimeError(f"only {filled} of {len(texts)} segments translated")
    if cache is not None:
        cache.close()
    return engine.stats.wait_seconds


def apy_alone(url: str, texts: list[str], modes: list[str]) -> None:
    """Plain requests to an APy server: one per segment and mode, every segment through a mode before the
    next mode, as the engine does."""
    with requests.Session() as session:
        for mode in modes:
            answers = []
            for text in texts:
                response = session.post(url + "/translate", timeout=30, data={
                    "langpair": mode, "q": text, "markUnknown": "no", "format": "txt"})
                response.raise_for_status()
                answers.append(response.json()["responseData"]["translatedText"])
            texts = answers


def measure(count: int, apy_count: int) -> dict:
    """Every figure of the benchmark."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        texts = segments(count, work)
        words = sum(len(t.split()) for t in texts)
        for target, modes in (("es", ["eng-spa"]), ("fr", ["eng-spa", "es-fr"])):
            got = interleaved({"alone": lambda: apertium_alone(texts, modes),
                               "tms": lambda: through_tms(texts, target, None),
                               "tms_cache": lambda: through_tms(texts, target, work)})
            rows.append(_row(target, "command", len(texts), got))
        if apy_count:
            server = start_apy()
            try:
                sample = texts[:apy_count]
                apy_alone(server.url, sample[:5], ["eng|spa", "spa|fra"])      # starts APy's pipelines
                for target, modes in (("es", ["eng|spa"]), ("fr", ["eng|spa", "spa|fra"])):
                    got = interleaved({"alone": lambda: apy_alone(server.url, sample, modes),
                                       "tms": lambda: through_tms(sample, target, None, url=server.url)})
                    rows.append(_row(target, "APy", len(sample), got))
            finally:
                stop_apy(server)
    return {"rows": rows, "words_per_segment": round(words / len(texts), 1),
            "machine": f"{platform.machine()}, {platform.python_version()}, apertium {_version()}"}


def _row(target: str, transport: str, segments: int, got: dict) -> dict:
    return {"pair": f"en→{target}" + (" (via es)" if target == "fr" else ""), "transport": transport,
            "segments": segments, "alone": got["alone"][0], "tms": got["tms"][0], "own": got["tms"][1],
            "tms_cache": got["tms_cache"][0] if "tms_cache" in got else None,
            "own_cache": got["tms_cache"][1] if "tms_cache" in got else None}


def _version() -> str:
    return subprocess.run(["apertium", "-V"], capture_output=True, text=True).stdout.strip() or "?"


def as_markdown(figures: dict) -> str:
    """The figures as the table in docs/mt.md."""
    lines = ["| pair | transport | segments | Apertium alone (seg/s) | tms (seg/s) | tms + cache (seg/s) | "
             "tms's own time per segment (+ cache) | difference in wall time per segment |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for row in figures["rows"]:
        n = row["segments"]
        cache = f"{n / row['tms_cache']:,.0f}" if row["tms_cache"] else "–"
        own = f"{1000 * row['own'] / n:.2f} ms"
        if row["own_cache"] is not None:
            own += f" ({1000 * row['own_cache'] / n:.2f} ms)"
        difference = 1000 * (row["tms"] - row["alone"]) / n
        lines.append(f"| {row['pair']} | {row['transport']} | {n:,} | {n / row['alone']:,.0f} | "
                     f"{n / row['tms']:,.0f} | {cache} | {own} | {difference:+.2f} ms |")
    lines.append("")
    lines.append(f"Segments of {figures['words_per_segment']} words on average; medians of {REPEATS} runs taking "
                 f"turns; {figures['machine']}; {figures['date']}, 2 cores shared with other work "
                 f"(load average {figures['load']}).")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=1000, help="segments through the command")
    parser.add_argument("--apy-segments", type=int, default=200, help="segments through APy (0: skip APy)")
    parser.add_argument("--write-docs", action="store_true", help="write the figures into docs/mt.md")
    args = parser.parse_args()
    apy = args.apy_segments if shutil.which("apertium-apy") else 0
    figures = measure(args.segments, apy)
    figures["date"] = time.strftime("%Y-%m-%d", time.gmtime())
    figures["load"] = f"{os.getloadavg()[0]:.1f}"
    print(as_markdown(figures))
    if args.write_docs:
        replace_between(DOC, START, END, as_markdown(figures))


if __name__ == "__main__":
    main()
