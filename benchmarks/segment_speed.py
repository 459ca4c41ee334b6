"""Sentence-splitting speed on a long English news-like document full of abbreviations.

Run from the repository root:
    .venv/bin/python benchmarks/segment_speed.py [--sentences N] [--repeat N] [--seed N] [--keep FILE] [--skip-cli]

Generates (seeded, so every run splits the same text) a document of news sentences in paragraphs of 3
to 8, with titles, company suffixes, initialisms, dates, times, numbers, decimals and quotations (about
120 characters and 2 to 3 abbreviations a sentence), writes it to a temporary file and reports sentences
per second, best of ``--repeat`` runs, for:

- ``tms segment FILE --lang en``, the installed CLI run as a subprocess with stdout to /dev/null,
  timed as a whole command (start-up included; ``tms --help`` is timed alone for the start-up share), with
  its default of one process per usable core and with ``--workers 1``;
- ``tms.segmentation.sentences.split_sentences`` alone, called on each paragraph;
- ``sentencex.segment`` alone, called on each paragraph.

It also counts the paragraphs that tms splits exactly as they were generated, as a check that the speed
does not come from splitting wrongly.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import sentencex

from tms.segmentation.sentences import split_sentences

REPO = Path(__file__).resolve().parent.parent
TMS = Path(sys.executable).with_name("tms")

_NAMES = ["Smith", "Johnson", "Lee", "Kim", "Park", "Garcia", "Müller", "Dubois", "Tanaka", "Chen", "Nguyen",
          "Brown", "Wilson", "Moore", "Taylor", "Clark", "Lewis", "Walker", "Hall", "Young"]
_TITLES = ["Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Gen.", "Sen.", "Gov.", "Rep.", "Lt. Col."]
_FIRMS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Cyberdyne", "Tyrell"]
_SUFFIXES = ["Inc.", "Corp.", "Co.", "Ltd.", "Bros."]
_MONTHS = ["Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
_PLACES = ["Washington, D.C.", "the U.S.", "the U.K.", "the U.N. headquarters", "St. Louis", "Mt. Vernon",
           "New York", "Seoul", "the E.U. summit"]

# Fields in braces are drawn from the lists above or are numbers; " | " separates two sentences of one template.
_TEMPLATES = [
    "{title} {name} of {firm} {suffix} said on {month} {day} that the U.S. economy grew {pct} percent in the third "
    "quarter, faster than the {pct2} percent that economists polled by the firm had expected.",
    "The U.N. Security Council met at {hour} p.m. in {place} to discuss the proposal, which would extend the "
    "mission by six months and add {votes} troops.",
    "Shares of {firm} {suffix} rose {pct}% to ${price} in early trading at {hour} a.m. on Tuesday after the company "
    "raised its forecast for the year.",
    "\"We will not back down,\" {title} {name} told reporters in {place} on {month} {day}, a day after the talks "
    "with {firm} {suffix} collapsed.",
    "Officials cited several factors, e.g. higher interest rates, weaker demand from China and a strong dollar, in "
    "the report released on {month} {day}.",
    "{title} {name} met {title} {name} at {hour} a.m. to review the plan, i.e. the new budget that the Senate "
    "passed by {votes2} votes last week.",
    "The bill, known as Resolution No. {number}, passed by a vote of {votes} to {votes2} after {title} {name} "
    "dropped a demand for new spending cuts.",
    "Analysts at {firm} {suffix} expect growth of about {pct} percent next year, down from {pct2} percent, as "
    "higher prices weigh on consumers in the U.S. and Europe.",
    "\"It is too early to say. We need more data,\" {title} {name} said in an interview at the U.N. "
    "headquarters in New York.",
    "Inflation in the U.S. rose {pct} percent in the year to {month} {day}, the highest since 1982, the Labor "
    "Department in Washington, D.C. said on Friday.",
    "{firm} {suffix} and {firm} {suffix} agreed to merge in a deal worth ${price} billion, the companies said in "
    "a joint statement on {month} {day}.",
    "The meeting, set for {month} {day} at {hour} p.m., will include food, water, tents, etc. for the camps "
    "near the border, a U.N. spokesman said.",
    "According to {title} {name}, about {votes} people attended the rally in {place} on Sunday, many of them "
    "carrying U.S. flags and signs.",
    "Why did {title} {name} vote for the bill on {month} {day}, when {firm} {suffix} had warned that it would "
    "cost {votes} jobs?",
    "The company moved its headquarters to No. {number} Main St. in {place} last year and plans to hire "
    "{votes} engineers by {month} {day}, 2027.",
    "Sales fell {pct}% in Q{quarter}, vs. {pct2}% a year earlier, the firm said, blaming a strike at its "
    "plant in St. Louis.",
    "The U.S. Department of Justice in Washington, D.C. fined {firm} {suffix} ${price} million on {month} "
    "{day} for misleading investors about its U.K. unit.",
    "{title} {name} Jr., a former U.N. envoy, arrived at {hour}:30 a.m. and left at {hour} p.m. the same day "
    "without speaking to the press.",
    "The report (pp. {number}-{votes}) compares the U.S., the U.K. and Japan, among others, and finds that "
    "wages rose {pct}% on average.",
    "The deal was signed by {firm} {suffix} | The shares rose {pct} percent on the news, while the wider "
    "market fell {pct2} percent.",
    "The new plant will be built in the U.S. | It will employ {votes} people by {month} {day}, 2027, "
    "{title} {name} said at a news conference.",
    "\"Prices rose {pct}%.\" | That was the quarter's largest gain, {title} {name} of {firm} {suffix} said in "
    "a note to clients on {month} {day}.",
]


def _decimal(rng: random.Random) -> str:
    return f"{rng.randint(0, 9)}.{rng.randint(0, 9)}"


_FIELD = re.compile(r"\{(\w+)\}")
_FIELDS: dict[str, Callable[[random.Random], object]] = {
    "title": lambda rng: rng.choice(_TITLES), "name": lambda rng: rng.choice(_NAMES),
    "firm": lambda rng: rng.choice(_FIRMS), "suffix": lambda rng: rng.choice(_SUFFIXES),
    "month": lambda rng: rng.choice(_MONTHS), "day": lambda rng: rng.randint(1, 28),
    "place": lambda rng: rng.choice(_PLACES), "pct": _decimal, "pct2": _decimal,
    "price": lambda rng: f"{rng.randint(1, 999)}.{rng.randint(10, 99)}", "hour": lambda rng: rng.randint(1, 12),
    "number": lambda rng: rng.randint(1, 99), "votes": lambda rng: rng.randint(100, 999),
    "votes2": lambda rng: rng.randint(10, 99), "quarter": lambda rng: rng.randint(1, 4),
}


def generate_document(sentences: int, seed: int) -> list[list[str]]:
    """``sentences`` sentences in paragraphs of 3 to 8: the sentences of each paragraph."""
    rng = random.Random(seed)
    paragraphs: list[list[str]] = []
    written = 0
    while written < sentences:
        count = min(rng.randint(3, 8), sentences - written)
        paragraph: list[str] = []
        while len(paragraph) < count:
            template = rng.choice(_TEMPLATES)
            if len(paragraph) + template.count(" | ") < count:
                paragraph += _FIELD.sub(lambda m: str(_FIELDS[m.group(1)](rng)), template).split(" | ")
        paragraphs.append(paragraph)
        written += count
    return paragraphs


def best_time(run: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` runs of ``run``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def run_cli(*args: str) -> None:
    subprocess.run([str(TMS), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True, cwd=REPO)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=60_000, help="sentences to generate (default: 60,000)")
    parser.add_argument("--repeat", type=int, default=5, help="timing runs; the best counts (default: 5)")
    parser.add_argument("--seed", type=int, default=20261202, help="seed of the generator")
    parser.add_argument("--keep", type=Path, help="also write the document to this file")
    parser.add_argument("--skip-cli", action="store_true", help="time the functions only")
    args = parser.parse_args(argv)
    if not args.skip_cli and not TMS.is_file():
        parser.error(f"{TMS}: no tms command beside this Python; install the project (pip install -e .) or "
                     "pass --skip-cli")

    expected = generate_document(args.sentences, args.seed)
    paragraphs = [" ".join(sentences) for sentences in expected]
    text = "\n\n".join(paragraphs) + "\n"
    if args.keep:
        args.keep.write_text(text, encoding="utf-8")
    right = sum(split_sentences(p, "en") == e for p, e in zip(paragraphs, expected))

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "news.txt"
        path.write_text(text, encoding="utf-8")
        if not args.skip_cli:
            startup = best_time(lambda: run_cli("--help"), args.repeat)
            whole = best_time(lambda: run_cli("segment", str(path), "--lang", "en"), args.repeat)
            cores = len(os.sched_getaffinity(0))
            rows.append((f"`tms segment FILE --lang en` (end to end; {cores} processes, one per core)", whole))
            single = best_time(lambda: run_cli("segment", str(path), "--lang", "en", "--workers", "1"), args.repeat)
            rows.append(("`tms segment FILE --lang en --workers 1` (end to end, one process)", single))
    rows.append(("`split_sentences` per paragraph", best_time(
        lambda: [split_sentences(p, "en") for p in paragraphs], args.repeat)))
    rows.append(("`sentencex.segment` per paragraph", best_time(
        lambda: [sentencex.segment("en", p) for p in paragraphs], args.repeat)))

    print(f"{args.sentences:,} sentences in {len(paragraphs):,} paragraphs ({len(text) / 1e6:.1f} million "
          f"characters); tms splits {right:,} of the paragraphs exactly right; best of {args.repeat} runs\n")
    print("| what | seconds | sentences/s |")
    print("|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.3f} | {args.sentences / seconds:,.0f} |")
    if not args.skip_cli:
        print(f"| `tms --help` (process start-up) | {startup:.3f} | |")
    print(f"\nMeasured {date.today().isoformat()} on {os.cpu_count()} CPU cores, Python {sys.version.split()[0]}, "
          f"sentencex {_version('sentencex')}.")


def _version(package: str) -> str:
    from importlib.metadata import version
    return version(package)


if __name__ == "__main__":
    main()
