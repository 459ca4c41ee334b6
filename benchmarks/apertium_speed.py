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

tms's overhead per segment is (tms's time - Apertium's time) / segments. Each figure is the best of
three runs. Segments are the sentences of the two seed articles (through the real import pipeline) with
their numbers, places and dates varied, so that most are distinct.

    .venv/bin/python benchmarks/apertium_speed.py                  # print the figures
    .venv/bin/python benchmarks/apertium_speed.py --write-docs     # and write them into docs/mt.md
"""
from __future__ import annotations

import argparse
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.prefill import seed_sentences, vary  # noqa: E402
from tests.mt.apy_server import start_apy, stop_apy  # noqa: E402
from tms.mt.apertium import ApertiumEngine  # noqa: E402
from tms.mt.cache import MtCache  # noqa: E402

DOC = ROOT / "docs" / "mt.md"
START, END = "<!-- apertium-benchmark:start -->", "<!-- apertium-benchmark:end -->"
REPEATS = 3


def segments(count: int, work: Path) -> list[str]:
    """``count`` distinct news sentences built from the seed articles."""
    rng = random.Random(15)
    pool = [s for s in seed_sentences(work) if len(s.split()) >= 3]
    out: dict[str, None] = {}
    while len(out) < count:
        out[vary(rng.choice(pool), rng)] = None
    return list(out)


def best(run, repeats: int = REPEATS) -> float:
    """The shortest of ``repeats`` timings of ``run()``, in seconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def apertium_alone(texts: list[str], modes: list[str]) -> None:
    """The apertium command over the texts, one per line, through each mode in turn."""
    data = "\n".join(texts) + "\n"
    for mode in modes:
        data = subprocess.run(["apertium", "-u", mode], input=data, capture_output=True, text=True,
                              check=True).stdout
    if data.count("\n") < len(texts):
        raise RuntimeError(f"apertium {modes} lost lines")


def through_tms(texts: list[str], target: str, work: Path | None, **settings) -> None:
    """The engine on the texts, with a fresh cache in ``work`` or none."""
    cache = MtCache(work / f"cache-{time.perf_counter_ns()}.sqlite3") if work else None
    engine = ApertiumEngine(cache=cache, **settings)
    outcomes = engine.translate(texts, "en", target)
    filled = sum(1 for o in outcomes.values() if o.is_filled)
    if filled < 0.95 * len(texts):
        raise RuntimeError(f"only {filled} of {len(texts)} segments translated")
    if cache is not None:
        cache.close()


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
            alone = best(lambda: apertium_alone(texts, modes))
            bare = best(lambda: through_tms(texts, target, None))
            cached = best(lambda: through_tms(texts, target, work))
            rows.append({"pair": f"en→{target}" + (" (via es)" if target == "fr" else ""),
                         "transport": "command", "segments": len(texts), "alone": alone, "tms": bare,
                         "tms_cache": cached})
        if apy_count:
            server = start_apy()
            try:
                sample = texts[:apy_count]
                apy_alone(server.url, sample[:5], ["eng|spa"])      # starts APy's pipeline
                for target, modes in (("es", ["eng|spa"]), ("fr", ["eng|spa", "spa|fra"])):
                    alone = best(lambda: apy_alone(server.url, sample, modes))
                    bare = best(lambda: through_tms(sample, target, None, url=server.url))
                    rows.append({"pair": f"en→{target}" + (" (via es)" if target == "fr" else ""),
                                 "transport": "APy", "segments": len(sample), "alone": alone, "tms": bare,
                                 "tms_cache": None})
            finally:
                stop_apy(server)
    return {"rows": rows, "words_per_segment": round(words / len(texts), 1),
            "machine": f"{platform.machine()}, {platform.python_version()}, apertium {_version()}"}


def _version() -> str:
    return subprocess.run(["apertium", "-V"], capture_output=True, text=True).stdout.strip() or "?"


def as_markdown(figures: dict) -> str:
    """The figures as the table in docs/mt.md."""
    lines = ["| pair | transport | segments | Apertium alone (seg/s) | tms (seg/s) | tms + cache (seg/s) | "
             "tms overhead per segment |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for row in figures["rows"]:
        n = row["segments"]
        cache = f"{n / row['tms_cache']:,.0f}" if row["tms_cache"] else "–"
        overhead = 1000 * (row["tms"] - row["alone"]) / n
        lines.append(f"| {row['pair']} | {row['transport']} | {n:,} | {n / row['alone']:,.0f} | "
                     f"{n / row['tms']:,.0f} | {cache} | {overhead:+.2f} ms |")
    lines.append("")
    lines.append(f"Segments of {figures['words_per_segment']} words on average; best of {REPEATS} runs; "
                 f"{figures['machine']}; 2 cores shared with other work.")
    return "\n".join(lines)


def write_docs(figures: dict) -> None:
    """Replace the table between the markers in docs/mt.md."""
    text = DOC.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    DOC.write_text(f"{head}{START}\n{as_markdown(figures)}\n{END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=1000, help="segments through the command")
    parser.add_argument("--apy-segments", type=int, default=200, help="segments through APy (0: skip APy)")
    parser.add_argument("--write-docs", action="store_true", help="write the figures into docs/mt.md")
    args = parser.parse_args()
    apy = args.apy_segments if shutil.which("apertium-apy") else 0
    figures = measure(args.segments, apy)
    print(as_markdown(figures))
    if args.write_docs:
        write_docs(figures)


if __name__ == "__main__":
    main()
