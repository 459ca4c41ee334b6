#!/usr/bin/env python3
"""Import fidelity on the labelled page set (tests/data/pages): chrome kept out, titles, metadata, key
sentences per language; the HTML body's extraction F1 against trafilatura, readability and jusText alone
on the same pages; and HTML import speed.

usage: benchmarks/import_fidelity.py [--split dev|holdout|all] [--verbose] [--markdown] [--repeat N]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.pageset import Totals, f1, load_pages, score_page, tokens  # noqa: E402
from tms.languages import CODES  # noqa: E402


def baselines(page) -> dict[str, tuple[float, float, float]]:
    """Body F1 of the extraction libraries alone, each as its documentation recommends for article text."""
    html = page.data.decode("utf-8", errors="replace")
    truth = tokens("\n".join(page.labelled("B")))
    out = {}
    import trafilatura

    out["trafilatura"] = f1(tokens(trafilatura.extract(html, include_comments=False, include_tables=True) or ""),
                            truth)
    try:
        from readability import Document
        import lxml.html

        summary = Document(html).summary(html_partial=True)
        out["readability"] = f1(tokens(lxml.html.fromstring(summary).text_content()), truth)
    except ImportError:
        pass
    try:
        import justext

        stoplist = _stoplist(page.language)
        paragraphs = justext.justext(html.encode("utf-8"), stoplist)
        out["jusText"] = f1(tokens("\n".join(p.text for p in paragraphs if not p.is_boilerplate)), truth)
    except ImportError:
        pass
    return out


_JUSTEXT = {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "ru": "Russian", "vi": "Vietnamese",
            "id": "Indonesian", "ar": "Arabic", "ko": "Korean", "ja": "Japanese", "zh": "Chinese"}


def _stoplist(lang: str):
    import justext

    try:
        return justext.get_stoplist(_JUSTEXT[lang])
    except (ValueError, KeyError):
        return frozenset()      # jusText has no list for the language: it judges by length and links alone


def speed(pages, repeat: int) -> tuple[float, float]:
    """HTML pages per second: tms's import (extraction, cleaning, splitting) and trafilatura alone."""
    from tests.pageset import import_page
    import trafilatura

    html_pages = [p for p in pages if p.format == "html"]
    texts = [p.data.decode("utf-8") for p in html_pages]
    best_tms = best_traf = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for page in html_pages:
            import_page(page)
        best_tms = min(best_tms, time.perf_counter() - start)
        start = time.perf_counter()
        for text in texts:
            trafilatura.extract(text, include_comments=False, include_tables=True)
        best_traf = min(best_traf, time.perf_counter() - start)
    return len(html_pages) / best_tms, len(html_pages) / best_traf


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "holdout", "all"), default="all")
    parser.add_argument("--verbose", action="store_true", help="list every miss, page by page")
    parser.add_argument("--markdown", action="store_true", help="print tables in Markdown")
    parser.add_argument("--repeat", type=int, default=3, help="speed runs (best of N); 0 skips the speed test")
    args = parser.parse_args()
    pages = [p for p in load_pages() if args.split == "all" or p.split == args.split]
    by_lang: dict[str, Totals] = defaultdict(Totals)
    overall = Totals()
    extraction: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for page in pages:
        result = score_page(page)
        by_lang[page.language].add(result)
        overall.add(result)
        if result.extraction:
            extraction["tms"].append(result.extraction)
            for name, figures in baselines(page).items():
                extraction[name].append(figures)
        if args.verbose:
            _report(result)
    print(f"{len(pages)} pages ({args.split}): {sum(p.format == 'text' for p in pages)} page text, "
          f"{sum(p.format == 'html' for p in pages)} HTML\n")
    print("| language | pages | chrome kept out | titles right | metadata kept | key sentences whole |")
    print("|---|---:|---:|---:|---:|---:|")
    for lang in [c for c in CODES if c in by_lang] + ["all"]:
        t = overall if lang == "all" else by_lang[lang]
        print(f"| {lang} | {t.titles[1]} | {_pct(t.chrome)} | {_pct(t.titles)} | {_pct(t.metadata)} "
              f"| {_pct(t.sentences)} |")
    if overall.errors:
        print(f"\n{overall.errors} page(s) failed to import (--verbose says why)")
    if extraction:
        print("\n| HTML body extraction | precision | recall | F1 (mean over pages) | lowest F1 |")
        print("|---|---:|---:|---:|---:|")
        for name, rows in extraction.items():
            p, r, f = (statistics.mean(x[i] for x in rows) for i in range(3))
            print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {min(x[2] for x in rows):.3f} |")
    if args.repeat:
        ours, theirs = speed(pages, args.repeat)
        print(f"\nHTML import: {ours:.1f} pages/s (tms: extraction, cleaning, splitting); "
              f"trafilatura.extract alone: {theirs:.1f} pages/s")
    return 0


def _pct(pair: list[int]) -> str:
    return f"{100 * Totals.share(pair):.1f}% ({pair[0]}/{pair[1]})"


def _report(result) -> None:
    page = result.page
    problems = []
    if result.error:
        problems.append(f"ERROR {result.error}")
    if not result.language_right:
        problems.append("language detected wrong")
    if not result.title:
        problems.append(f"title: got {result.title_found!r}, want {page.labels.get('title')!r}")
    problems += [f"chrome leaked: {line!r}" for line in result.leaked]
    problems += [f"metadata: {miss}" for miss in result.metadata_misses]
    problems += [f"sentence not whole: {s[:100]!r}" for s in result.sentence_misses]
    if result.body_recall < 0.99:
        problems.append(f"body recall {result.body_recall:.3f}")
    if result.extraction:
        problems.append("extraction P/R/F1 " + "/".join(f"{x:.3f}" for x in result.extraction))
    print(f"== {page.name} ({page.format}, {page.split})" + ("" if problems else ": all right"))
    for problem in problems:
        print(f"   {problem}")


if __name__ == "__main__":
    sys.exit(main())
