#!/usr/bin/env python3
"""Import benchmark: generate N news-like articles of about 30 sentences and import them.

usage: benchmarks/import_articles.py [--articles 1000] [--sentences 30] [--keep DIR]

Reports articles per second for ``tms import`` (cleaning, language-aware splitting, the cleaned
original, one POT and ten PO files per article) and for a no-change ``tms update`` over all of them.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tms.services.importing import import_files, update_articles  # noqa: E402
from tms.storage.layout import Project  # noqa: E402

SUBJECTS = ["The minister", "Officials", "The committee", "The government", "Seoul", "The delegation",
            "Foreign Minister Yun Byung-se", "U.S. Secretary of State Rex Tillerson", "Dr. Kim", "The ministry"]
VERBS = ["stressed", "announced", "reaffirmed", "discussed", "reviewed", "welcomed", "highlighted", "agreed on"]
OBJECTS = ["the importance of regional stability", "a joint statement on security", "new sanctions",
           "the 65 nations of the coalition", "humanitarian aid worth 3.5 million dollars",
           "closer cooperation with Washington, D.C.", "the summit on March 22", "public safety in Iraq"]
TAILS = ["", " on Monday", " at a meeting in Washington", " in a press release", ", officials said",
         " after two days of talks", " according to the statement"]


def sentence(rng: random.Random, n: int) -> str:
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)} ({n})."
    return f"“{text[:-1]},” said a spokesperson." if rng.random() < 0.1 else text


def make_article(rng: random.Random, index: int, sentences: int) -> str:
    lines = ["Policies", "", f"Mar {1 + index % 28}, 2017", "",
             f"Headline number {index} on regional cooperation and sanctions", ""]
    written = 0
    while written < sentences:
        count = min(rng.randint(2, 5), sentences - written)
        lines.append(" ".join(sentence(rng, written + k) for k in range(count)))
        lines.append("")
        written += count
    lines += ["By Sohn JiAe", "Korea.net Staff Writer", "jiae5853@korea.kr", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sentences", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="build the project here and keep it")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="tms-bench-"))
    sources, root = base / "sources", base / "project"
    sources.mkdir(parents=True, exist_ok=True)
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    paths = []
    for index in range(args.articles):
        path = sources / f"article-{index:05d}.txt"
        path.write_text(make_article(rng, index, args.sentences), encoding="utf-8")
        paths.append(path)
    project = Project(root)
    started = time.perf_counter()
    results = import_files(project, paths, lang="en")
    elapsed = time.perf_counter() - started
    segments = sum(r.segments for r in results)
    catalogs = sum(1 for _ in project.locales_dir.rglob("*.po"))
    print(f"import: {len(results)} articles, {segments} segments, {catalogs} PO files "
          f"in {elapsed:.2f} s = {len(results) / elapsed:.0f} articles/s, {segments / elapsed:.0f} segments/s")
    started = time.perf_counter()
    update_articles(project)
    elapsed = time.perf_counter() - started
    print(f"update with nothing changed: {len(results) / elapsed:.0f} articles/s ({elapsed:.2f} s)")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if not args.keep:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
