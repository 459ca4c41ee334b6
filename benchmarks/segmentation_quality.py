"""Sentence-splitting quality and speed on the public suites: tms against sentencex alone.

Run from the repository root:
    .venv/bin/python benchmarks/segmentation_quality.py [--suites DIR] [--markdown] [--repeat N]

Scores are those of the suites' own score.py (a case counts when the stripped sentences equal the
expected ones; boundary F1 counts sentence ends by their position among non-space characters), so
the figures here and those of ``score.py tms.segmentation.sentences:split_sentences`` agree.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sentencex

from tms.segmentation.sentences import split_sentences

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SUITES = REPO.parent / "shared" / "segmentation"
SUITES = ("ud-pud-paragraphs.jsonl", "kss-korean.jsonl", "sentencex-tests.jsonl")
NEWS_SUITE = "ud-pud-paragraphs.jsonl"  # news and Wikipedia paragraphs: the speed figure is measured here
SPLITTERS = {
    "tms": split_sentences,
    "sentencex": lambda text, lang: sentencex.segment(lang, text),
}


@dataclass
class Score:
    """Exact matches per language and boundary counts of one splitter on one suite."""

    per_language: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def exact(self) -> tuple[int, int]:
        return (sum(ok for ok, _ in self.per_language.values()), sum(n for _, n in self.per_language.values()))

    @property
    def f1(self) -> float:
        tp = self.true_positives
        return 2 * tp / (2 * tp + self.false_positives + self.false_negatives) if tp else 0.0


def load_cases(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def load_boundaries(suites: Path):
    """The suites' own boundaries() from score.py, so that both tools count the same way."""
    spec = importlib.util.spec_from_file_location("segmentation_score", suites / "score.py")
    if spec is None or not (suites / "score.py").is_file():
        raise SystemExit(f"{suites / 'score.py'}: not found; pass the suites folder with --suites DIR")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.boundaries


def score(split, cases: list[dict], boundaries) -> Score:
    result = Score()
    for case in cases:
        got = [s.strip() for s in split(case["text"], case["lang"]) if s.strip()]
        counts = result.per_language[case["lang"]]
        counts[0] += got == case["expected"]
        counts[1] += 1
        found, expected = boundaries(got), boundaries(case["expected"])
        result.true_positives += len(found & expected)
        result.false_positives += len(found - expected)
        result.false_negatives += len(expected - found)
    return result


def sentences_per_second(split, cases: list[dict], repeat: int) -> float:
    """Expected sentences split per second of wall time, best of ``repeat`` runs after one warm-up."""
    sentences = sum(len(case["expected"]) for case in cases)
    for case in cases:
        split(case["text"], case["lang"])
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for case in cases:
            split(case["text"], case["lang"])
        best = min(best, time.perf_counter() - start)
    return sentences / best


def _percent(ok: int, total: int) -> str:
    return f"{100 * ok / total:.1f}%" if total else "-"


def print_text(results: dict, speeds: dict) -> None:
    for suite, by_splitter in results.items():
        print(suite)
        for name, result in by_splitter.items():
            ok, total = result.exact
            languages = " ".join(f"{lang} {_percent(*counts)}" for lang, counts in sorted(result.per_language.items()))
            print(f"  {name:10} exact {ok}/{total} ({_percent(ok, total)})  boundary F1 {result.f1:.3f}  [{languages}]")
    for name, speed in speeds.items():
        print(f"speed {name:10} {speed:>10,.0f} sentences/s ({NEWS_SUITE})")


def print_markdown(results: dict, speeds: dict) -> None:
    print("| suite | splitter | exact | boundary F1 | exact per language |")
    print("|---|---|---|---|---|")
    for suite, by_splitter in results.items():
        for name, result in by_splitter.items():
            ok, total = result.exact
            languages = ", ".join(f"{lang} {_percent(*counts)}" for lang, counts in sorted(result.per_language.items()))
            print(f"| {suite} | {name} | {ok}/{total} ({_percent(ok, total)}) | {result.f1:.3f} | {languages} |")
    print()
    print(f"| splitter | sentences/second on {NEWS_SUITE} |")
    print("|---|---|")
    for name, speed in speeds.items():
        print(f"| {name} | {speed:,.0f} |")
    print()
    print(f"Measured {date.today().isoformat()} on {os.cpu_count()} CPU cores, Python {sys.version.split()[0]}, "
          f"sentencex {_version('sentencex')}.")


def _version(package: str) -> str:
    from importlib.metadata import version
    return version(package)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suites", type=Path, default=DEFAULT_SUITES,
                        help=f"folder holding the suites and score.py (default: {DEFAULT_SUITES})")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--repeat", type=int, default=10, help="timing runs; the best counts (default: 10)")
    args = parser.parse_args(argv)
    missing = [name for name in SUITES if not (args.suites / name).is_file()]
    if missing:
        parser.error(f"{args.suites}: missing {', '.join(missing)}; pass the suites folder with --suites DIR")
    boundaries = load_boundaries(args.suites)
    cases = {name: load_cases(args.suites / name) for name in SUITES}
    results = {name: {splitter: score(split, cases[name], boundaries) for splitter, split in SPLITTERS.items()}
               for name in SUITES}
    speeds = {splitter: sentences_per_second(split, cases[NEWS_SUITE], args.repeat)
              for splitter, split in SPLITTERS.items()}
    (print_markdown if args.markdown else print_text)(results, speeds)


if __name__ == "__main__":
    main()
