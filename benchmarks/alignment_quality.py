"""Quality of tms's sentence aligner on the parallel sentences of the Universal Dependencies PUD treebanks.

The 1,000 PUD sentences exist in the same order in every language. For each pair of languages they are
joined into documents of 5 to 15 sentences; then, on one side of each document (chosen at random), one or
two sentences are dropped (a 1-0 bead) or two neighbours merged into one (a 2-1 bead). The aligner sees the
two lists of sentences; a pair it finds counts if it is exactly a pair of the truth (sentences left out
do not count either way). Seeded, so every run measures the same documents; the figures pool five seeds
(15-19), since one cut of 1,000 sentences moves a pair's F1 by a point or two.

Run from the repository root:
    .venv/bin/python benchmarks/alignment_quality.py [--data FILE] [--seed N] [--runs N] [--pairs ko-en,en-fr]
"""
from __future__ import annotations

import argparse
import json
import random
import time
from collections import defaultdict
from pathlib import Path

from tms.memory.align import align

DATA = Path("/work/shared/segmentation/ud-pud-paragraphs.jsonl")
#: Every pair with Korean and every pair with English.
HUBS = ("ko", "en")


def load(path: Path) -> dict[str, list[str]]:
    """Each language's sentences, in the treebank's order."""
    sentences: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            sentences[row["lang"]].extend(row["expected"])
    return sentences


def documents(count: int, rng: random.Random) -> list[range]:
    """Consecutive runs of 5 to 15 sentence numbers covering ``count`` sentences."""
    out, start = [], 0
    while start < count:
        size = rng.randint(5, 15)
        out.append(range(start, min(start + size, count)))
        start += size
    return out


def perturb(source: list[str], target: list[str], lang_s: str, lang_t: str,
            rng: random.Random) -> tuple[list[str], list[str], set]:
    """Drop or merge one or two sentences on one side; returns the two sides and the true pairs."""
    beads = [((i,), (i,)) for i in range(len(source))]
    side = rng.choice((0, 1))
    for _ in range(rng.choice((1, 1, 2))):
        index = rng.randrange(len(beads))
        if rng.random() < 0.5:          # drop the sentence of this bead on one side
            s, t = beads[index]
            if len(s) == 1 and len(t) == 1:
                beads[index] = ((), t) if side == 0 else (s, ())
        elif index + 1 < len(beads):    # merge two neighbours on one side
            (s1, t1), (s2, t2) = beads[index], beads[index + 1]
            if all(len(x) == 1 for x in (s1, t1, s2, t2)):
                beads[index:index + 2] = [(s1 + s2, t1 + t2)]
    joiner = {0: "" if lang_s == "zh" else " ", 1: "" if lang_t == "zh" else " "}
    new_source, new_target, truth = [], [], set()
    for s, t in beads:
        if side == 0 and len(s) == 2:
            s_text, t_texts = [joiner[0].join(source[i] for i in s)], [target[i] for i in t]
        elif side == 1 and len(t) == 2:
            s_text, t_texts = [source[i] for i in s], [joiner[1].join(target[i] for i in t)]
        else:
            s_text, t_texts = [source[i] for i in s], [target[i] for i in t]
        s_ids = tuple(range(len(new_source), len(new_source) + len(s_text)))
        t_ids = tuple(range(len(new_target), len(new_target) + len(t_texts)))
        new_source += s_text
        new_target += t_texts
        if s_ids and t_ids:
            truth.add((s_ids, t_ids))
    return new_source, new_target, truth


def measure(sentences: dict[str, list[str]], lang_s: str, lang_t: str, seed: int, runs: int = 1) -> dict:
    """Precision, recall and F1 of the pairs found for one language pair, pooled over ``runs`` seeds
    from ``seed`` on (each run cuts and changes the documents differently)."""
    found = correct = expected = 0
    started = time.perf_counter()
    for run in range(runs):
        rng = random.Random(f"{seed + run}-{lang_s}-{lang_t}")
        for doc in documents(len(sentences[lang_s]), rng):
            source = [sentences[lang_s][i] for i in doc]
            target = [sentences[lang_t][i] for i in doc]
            source, target, truth = perturb(source, target, lang_s, lang_t, rng)
            pairs = {(b.source, b.target) for b in align(source, target) if b.is_pair}
            found += len(pairs)
            expected += len(truth)
            correct += len(pairs & truth)
    precision = correct / found if found else 0.0
    recall = correct / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pair": f"{lang_s}-{lang_t}", "precision": precision, "recall": recall, "f1": f1,
            "pairs": expected, "seconds": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=15, help="the first seed (default 15)")
    parser.add_argument("--runs", type=int, default=5, help="seeds to pool, from --seed on (default 5)")
    parser.add_argument("--pairs", help="comma-separated pairs such as ko-en,en-fr (default: every pair "
                                        "with ko and with en)")
    args = parser.parse_args()
    sentences = load(args.data)
    if args.pairs:
        pairs = [tuple(p.split("-")) for p in args.pairs.split(",")]
    else:
        langs = sorted(sentences)
        pairs = [(hub, other) for hub in HUBS for other in langs if other != hub and not (hub == "en" and other == "ko")]
    print("| pair | pairs | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|")
    worst = 1.0
    for lang_s, lang_t in pairs:
        row = measure(sentences, lang_s, lang_t, args.seed, args.runs)
        worst = min(worst, row["f1"])
        print(f"| {row['pair']} | {row['pairs']} | {row['precision']:.1%} | {row['recall']:.1%} | {row['f1']:.1%} |",
              flush=True)
    print(f"\nlowest F1: {worst:.1%}")


if __name__ == "__main__":
    main()
