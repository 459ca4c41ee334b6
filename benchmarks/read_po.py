"""Benchmark: reading a large PO file with tms's reader against polib, and the compile path against GNU msgfmt.

    .venv/bin/python benchmarks/read_po.py [--entries 100000] [--repeat 3]

The catalog is the one of ``benchmarks/compile_mo.py`` (sentences in several scripts, 10% with a context,
2% plural entries, machine output, fuzzy and untranslated entries) with what tms's own catalogs carry
besides: a ``#. tms:`` location and a ``#:`` reference on every entry, translator comments, approvals,
previous msgids, strings with quotes, backslashes, tabs and several lines, and 1% obsolete entries.
It is written with ``save_catalog`` and timed side by side (median of ``--repeat`` runs each):

* polib's parser (``polib.pofile``), which tms used before, against tms's reader
  (``tms.storage.poparser.parse_po``) and the whole ``load_catalog`` (reading, decoding, building units);
* GNU ``msgfmt`` against ``tms compile`` (``format_mo_from_po``: entries straight to ``.mo``) and against the
  path with statistics or checks (``load_catalog`` + ``save_mo``); the .mo files are compared byte for byte.

Figures go to docs/status.md by hand. Other work on a shared machine makes single figures vary: compare
figures from one run.
"""
from __future__ import annotations

import argparse
import gc
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from compile_mo import build_catalog  # noqa: E402  (benchmarks/compile_mo.py)
from status import machine  # noqa: E402  (benchmarks/status.py)

from tms.model import Approval, Catalog, Location, Role, SegmentState  # noqa: E402
from tms.storage.files import atomic_write  # noqa: E402
from tms.storage.mofile import format_mo_from_po, save_mo  # noqa: E402
from tms.storage.pofile import load_catalog, save_catalog  # noqa: E402
from tms.storage.poparser import parse_po  # noqa: E402


def bench_catalog(entries: int, seed: int = 11) -> Catalog:
    """compile_mo's catalog, with the comments, references and odd strings of real tms catalogs."""
    catalog = build_catalog(entries)
    rng = random.Random(seed)
    for index, unit in enumerate(catalog.units):
        unit.location = Location(Role.PARAGRAPH, index // 5, index % 5, line=10 + index // 5)
        unit.references = [f"originals/bench.md:{10 + index // 5}"]
        roll = index % 100
        if roll == 7:
            unit.comments = ["checked against the Korean release", "second line"]
        elif roll == 8 and unit.state is SegmentState.TRANSLATED:
            unit.state, unit.approval = SegmentState.APPROVED, Approval("alice", "2026-11-23T10:05:00Z")
        elif roll == 9 and unit.state is SegmentState.NEEDS_EDITING:
            unit.previous_source = unit.source + " (before)"
        elif roll == 11:
            unit.source = f'He said "{unit.source}"\\n\tand left.\nA second line {index}'
        elif roll == 12 and unit.source_plural is None:
            unit.is_obsolete, unit.references = True, []
        if rng.random() < 0.02:
            unit.flags = ["no-wrap"]
    return catalog


def _median(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import polib

    folder = Path(tempfile.mkdtemp(prefix="tms-read-bench-"))
    try:
        po = folder / "bench.po"
        save_catalog(po, bench_catalog(args.entries))
        text = po.read_text(encoding="utf-8")
        print(f"catalog: {args.entries:,} entries, {text.count(chr(10)):,} lines, PO file {po.stat().st_size / 1e6:.1f} MB",
              flush=True)

        headers, entries = parse_po(text, str(po))
        theirs = [e for e in polib.pofile(text, wrapwidth=0)]
        same = [(e.msgctxt, e.msgid, e.msgstr, e.obsolete) for e in theirs] == [
            (e.msgctxt, e.msgid, e.msgstr, e.is_obsolete) for e in entries]
        print(f"polib and tms's reader read the same entries: {'yes' if same else 'NO'}", flush=True)
        del theirs, entries

        polib_time = _median(lambda: polib.pofile(text, wrapwidth=0), args.repeat)
        reader = _median(lambda: parse_po(text, str(po)), args.repeat)
        load = _median(lambda: load_catalog(po), args.repeat)
        msgfmt_mo, tms_mo = folder / "msgfmt.mo", folder / "tms.mo"
        msgfmt = _median(lambda: subprocess.run(["msgfmt", "-o", str(msgfmt_mo), str(po)], check=True), args.repeat)
        full_path = _median(lambda: save_mo(tms_mo, load_catalog(po)), args.repeat)
        identical = tms_mo.read_bytes() == msgfmt_mo.read_bytes()
        writer_catalog = load_catalog(po)
        writer = _median(lambda: save_mo(tms_mo, writer_catalog), args.repeat)
        compile_path = _median(lambda: atomic_write(tms_mo, format_mo_from_po(po)), args.repeat)
        identical = identical and tms_mo.read_bytes() == msgfmt_mo.read_bytes()
        version = subprocess.run(["msgfmt", "--version"], capture_output=True, text=True).stdout.splitlines()[0]

        print(f"\n| what | seconds (median of {args.repeat}) |\n|---|---|")
        print(f"| polib's parser (`polib.pofile`) | {polib_time:.2f} |")
        print(f"| tms's reader (`parse_po`: entries and header) | {reader:.2f} |")
        print(f"| `load_catalog` (reader + tms's units and states) | {load:.2f} |")
        print(f"| GNU msgfmt ({version}) | {msgfmt:.2f} |")
        print(f"| `tms compile` (`format_mo_from_po`: reader + .mo writer, no units) | {compile_path:.2f} |")
        print(f"| `tms compile --statistics/--check` path (`load_catalog` + `save_mo`) | {full_path:.2f} |")
        print(f"| … of which `save_mo` of the catalog in memory | {writer:.2f} |")
        print(f"\nbyte-identical to msgfmt: {'yes' if identical else 'NO'}")
        print(f"machine: {machine()}; date {date.today().isoformat()}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
