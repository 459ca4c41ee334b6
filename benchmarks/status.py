"""Benchmark: ``collect_stats`` cold and warm over a generated project (default 10,000 articles x 11 languages).

    .venv/bin/python benchmarks/status.py [--articles 10000] [--segments 25] [--root DIR] [--keep]

Each article gets a template and ten catalogs written with ``tms.storage.pofile.format_catalog``, in a
mix of states (untouched, machine output, partly translated, approved). The script times a cold run
(no cache), warm runs (every figure cached), the JSON report built from the warm figures, and
``tms status --format json`` as a user would run it. Figures go to docs/status.md by hand.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tms.languages import CODES, get_language  # noqa: E402
from tms.model import Approval, Catalog, Location, MachineInfo, Role, SegmentState, Unit  # noqa: E402
from tms.services.reports import status_report  # noqa: E402
from tms.services.stats import CACHE_NAME, collect_stats  # noqa: E402
from tms.storage.layout import Project  # noqa: E402
from tms.storage.pofile import format_catalog  # noqa: E402

WORDS = ("minister", "meeting", "coalition", "foreign", "international", "security", "alliance", "talks",
         "government", "cooperation", "Korea", "Washington", "March", "officials", "agreed", "peace")


def _sentence(rng: random.Random, index: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize() + f" ({index})."


def _catalog(article_id: str, lang: str, sources: list[str], rng: random.Random) -> Catalog:
    """A catalog whose progress is drawn at random: from untouched to approved."""
    kind = rng.random()
    translated = len(sources) if kind > 0.7 else rng.randint(0, len(sources))
    units = []
    for index, source in enumerate(sources):
        location = Location(Role.PARAGRAPH, index + 1, 1, line=2 * index + 5)
        unit = Unit(source, location=location, references=[f"originals/{article_id}.md:{2 * index + 5}"])
        if kind < 0.2 and index < translated:
            unit.target, unit.state = f"[{lang}] {source}", SegmentState.MACHINE
            unit.machine = MachineInfo("memory", unit.target, "2026-11-23T10:00:00Z", 90.0)
        elif index < translated:
            unit.target = f"[{lang}] {source}"
            unit.state = SegmentState.APPROVED if kind > 0.9 else SegmentState.TRANSLATED
            if unit.state is SegmentState.APPROVED:
                unit.approval = Approval("alice", "2026-11-23T10:05:00Z")
        units.append(unit)
    language = get_language(lang)
    headers = {"Project-Id-Version": f"tms {article_id}", "Language": lang, "MIME-Version": "1.0",
               "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
               "Plural-Forms": language.plural_forms, "X-Source-Language": "en", "X-TMS-Article": article_id}
    return Catalog(article_id, lang, "en", units, headers)


def generate_project(root: Path, articles: int, segments: int, seed: int = 1) -> Project:
    """A project of ``articles`` English articles, each with a template and ten catalogs."""
    project = Project(root)
    rng = random.Random(seed)
    for code in CODES[:1] + CODES[2:]:
        (project.locales_dir / code / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    project.templates_dir.mkdir(parents=True, exist_ok=True)
    for number in range(articles):
        article_id = f"article-{number:05d}"
        sources = [_sentence(rng, i) for i in range(segments)]
        template = _catalog(article_id, "en", sources, random.Random(0))
        template.language, template.headers["Language"] = None, ""
        for unit in template.units:
            unit.target, unit.state, unit.machine, unit.approval = "", SegmentState.UNTRANSLATED, None, None
        project.pot_path(article_id).write_text(format_catalog(template), encoding="utf-8")
        for code in CODES:
            if code != "en":
                text = format_catalog(_catalog(article_id, code, sources, rng))
                project.po_path(article_id, code).write_text(text, encoding="utf-8")
    return project


def _timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def machine() -> str:
    """A one-line description of this machine, for the figures."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--segments", type=int, default=25, help="segments per article")
    parser.add_argument("--root", type=Path, help="project folder to create (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the generated project")
    args = parser.parse_args()
    root = args.root or Path(tempfile.mkdtemp(prefix="tms-status-bench-")) / "project"
    root.mkdir(parents=True, exist_ok=True)
    try:
        seconds, project = _timed(lambda: generate_project(root, args.articles, args.segments))
        catalogs = args.articles * (len(CODES) - 1)
        print(f"generated {args.articles:,} articles, {catalogs:,} catalogs in {seconds:.1f} s", flush=True)
        (project.state_dir / CACHE_NAME).unlink(missing_ok=True)
        cold, stats = _timed(lambda: collect_stats(project))
        assert len(stats) == catalogs, len(stats)
        print(f"cold collect_stats: {cold:.1f} s ({1000 * cold / catalogs:.2f} ms a catalog)", flush=True)
        warm = [_timed(lambda: collect_stats(project))[0] for _ in range(3)]
        print(f"warm collect_stats: median {statistics.median(warm):.2f} s (runs: "
              + ", ".join(f"{w:.2f}" for w in warm) + ")", flush=True)
        report_time, report = _timed(lambda: json.dumps(status_report(stats)))
        print(f"status_report + json.dumps: {report_time:.2f} s ({len(report) / 1e6:.0f} MB)", flush=True)
        tms = Path(sys.executable).with_name("tms")
        command = [str(tms)] if tms.exists() else [sys.executable, "-m", "tms.cli.main"]
        cli, _ = _timed(lambda: subprocess.run([*command, "--root", str(root), "status", "--format", "json"],
                                               check=True, stdout=subprocess.DEVNULL))
        startup, _ = _timed(lambda: subprocess.run([*command, "--help"], check=True, stdout=subprocess.DEVNULL))
        print(f"tms status --format json (warm, whole process): {cli:.2f} s, of which CLI start-up "
              f"(tms --help) {startup:.2f} s", flush=True)
        print(f"machine: {machine()}; date {date.today().isoformat()}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
