"""Speed of tms.segmentation's import path: decode, detect, parse (text, HTML, Markdown).

Run from the repository root: .venv/bin/python benchmarks/bench_cleaning.py
"""
from __future__ import annotations

import statistics
import time
from pathlib import Path

from tms.segmentation.cleaning import parse_article
from tms.segmentation.detect import detect_language
from tms.segmentation.encoding import decode_bytes
from tms.segmentation.sentences import split_sentences

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def thirty_sentence_article() -> str:
    """The Korea.net seed page (menus, switcher, byline) with seven press-release items added to its body."""
    page = (DATA / "seeds" / "korea-net-article.txt").read_text(encoding="utf-8")
    release = (DATA / "seeds" / "mofa-press-release.txt").read_text(encoding="utf-8")
    extra = [line[2:] for line in release.split("\n") if line.startswith("o ")][:7]
    head, tail = page.split("By Sohn JiAe")
    return head + "\n\n".join(extra) + "\n\nBy Sohn JiAe" + tail


def measure(label: str, call, runs: int) -> None:
    call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    times.sort()
    print(f"{label:42} median {statistics.median(times) * 1e3:6.3f} ms   p90 {times[int(runs * 0.9)] * 1e3:6.3f} ms")


def main() -> None:
    article = thirty_sentence_article()
    _, blocks = parse_article(article, "text", "en")
    sentences = sum(len(split_sentences(b.text, "en")) for b in blocks)
    print(f"text article: {len(article)} characters, {len(blocks)} blocks, {sentences} sentences")
    html = (DATA / "korea-net-article.html").read_text(encoding="utf-8")
    markdown = (DATA / "mofa-press-release.md").read_text(encoding="utf-8")
    euc_kr = (DATA / "mofa-ko-press-release.euc-kr.html").read_bytes()
    measure("parse_article text (30 sentences)", lambda: parse_article(article, "text", "en"), 3000)
    measure("parse_article html (Korea.net page)", lambda: parse_article(html, "html", "en"), 1000)
    measure("parse_article markdown (press release)", lambda: parse_article(markdown, "markdown", "en"), 1000)
    measure("decode_bytes utf-8 (30 sentences)", lambda: decode_bytes(article.encode(), "a.txt"), 3000)
    measure("decode_bytes euc-kr html", lambda: decode_bytes(euc_kr, "a.html"), 200)
    measure("detect_language en (30 sentences)", lambda: detect_language(article), 1000)


if __name__ == "__main__":
    main()
