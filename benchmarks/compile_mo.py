"""Benchmark: the .mo writer against GNU msgfmt on one large catalog, and a compile run with nothing to do.

    .venv/bin/python benchmarks/compile_mo.py [--entries 100000] [--repeat 3] [--polib]
                                              [--noop-articles 1000] [--noop-root DIR]

Part 1 builds a catalog of ``--entries`` entries (sentences in several scripts, contexts, plural
entries, machine output, untranslated entries), writes it as a PO file, and times side by side:
GNU ``msgfmt`` on that file; tms's writer (``save_mo``) on the catalog in memory; and the whole
``tms compile`` path for the file (reading the PO with ``load_catalog``, then writing). The outputs are
compared byte for byte. ``--polib`` also times polib's writer (quadratic: minutes).

Part 2 generates a project of ``--noop-articles`` articles (ten catalogs each), compiles it once, and
times ``compile_catalogs`` and ``tms compile`` when every ``.mo`` is current.
"""
from __future__ import annotations

import argparse
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

from status import generate_project, machine  # noqa: E402  (benchmarks/status.py)

from tms.languages import CODES  # noqa: E402
from tms.model import Catalog, MachineInfo, SegmentState, Unit  # noqa: E402
from tms.services.compiling import compile_catalogs  # noqa: E402
from tms.storage.mofile import save_mo  # noqa: E402
from tms.storage.pofile import load_catalog, save_catalog  # noqa: E402

SCRIPTS = {
    "latin": "abcdefghijklmnopqrstuvwxyzäöüéèàç",
    "cyrillic": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "hangul": "가나다라마바사아자차카타파하한국어외교부",
    "cjk": "日本語外務省会議中文部长出席了",
}


def _text(rng: random.Random, script: str, words: int) -> str:
    letters = SCRIPTS[script]
    return " ".join("".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(words))


def build_catalog(entries: int, seed: int = 5) -> Catalog:
    """A catalog with every kind of entry msgfmt treats differently."""
    rng = random.Random(seed)
    units = []
    for index in range(entries):
        source = f"{_text(rng, 'latin', rng.randint(4, 30))} {index}"
        target = f"{_text(rng, rng.choice(list(SCRIPTS)), rng.randint(4, 30))} {index}"
        unit = Unit(source, target, state=SegmentState.TRANSLATED)
        if index % 10 == 0:
            unit.context = f"block {index}"
        if index % 50 == 1:
            unit.source_plural, unit.target = source + "s", ""
            unit.plural_targets = {0: target, 1: target + "s"}
        roll = index % 20
        if roll == 3:
            unit.state, unit.machine = SegmentState.MACHINE, MachineInfo("memory", target)
        elif roll == 4:
            unit.state = SegmentState.NEEDS_EDITING
        elif roll == 5 and unit.source_plural is None:
            unit.target, unit.state = "", SegmentState.UNTRANSLATED
        units.append(unit)
    headers = {"Project-Id-Version": "tms bench", "Language": "de", "MIME-Version": "1.0",
               "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
               "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    return Catalog("bench", "de", "en", units, headers)


def _median(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def writer_versus_msgfmt(folder: Path, entries: int, repeat: int, with_polib: bool) -> None:
    """Part 1: one large catalog."""
    catalog = build_catalog(entries)
    po = folder / "bench.po"
    save_catalog(po, catalog)
    size = po.stat().st_size
    print(f"catalog: {entries:,} entries, PO file {size / 1e6:.1f} MB", flush=True)
    theirs, ours, full = folder / "msgfmt.mo", folder / "tms.mo", folder / "tms-full.mo"
    msgfmt = _median(lambda: subprocess.run(["msgfmt", "-o", str(theirs), str(po)], check=True), repeat)
    writer = _median(lambda: save_mo(ours, catalog), repeat)
    whole = _median(lambda: save_mo(full, load_catalog(po)), 1)
    same = ours.read_bytes() == theirs.read_bytes() == full.read_bytes()
    version = subprocess.run(["msgfmt", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    print(f"| what | seconds (median of {repeat}) |\n|---|---|")
    print(f"| GNU msgfmt ({version}) | {msgfmt:.2f} |")
    print(f"| tms writer (save_mo of the catalog in memory) | {writer:.2f} |")
    print(f"| tms compile path (load_catalog + save_mo, 1 run) | {whole:.2f} |")
    if with_polib:
        import polib

        po_file = polib.pofile(str(po))
        slow = _median(lambda: po_file.save_as_mofile(str(folder / "polib.mo")), 1)
        print(f"| polib save_as_mofile (1 run) | {slow:.2f} |")
    print(f"byte-identical to msgfmt: {'yes' if same else 'NO'}", flush=True)


def noop_compile(root: Path, articles: int, repeat: int) -> None:
    """Part 2: a compile run that has nothing to do."""
    project = generate_project(root, articles, 20)
    catalogs = articles * (len(CODES) - 1)
    start = time.perf_counter()
    results = compile_catalogs(project)
    print(f"first compile of {catalogs:,} catalogs: {time.perf_counter() - start:.1f} s", flush=True)
    assert len(results) == catalogs
    service = _median(lambda: compile_catalogs(project), repeat)
    tms = Path(sys.executable).with_name("tms")
    command = [str(tms)] if tms.exists() else [sys.executable, "-m", "tms.cli.main"]
    cli = _median(lambda: subprocess.run([*command, "--root", str(root), "compile"], check=True,
                                         capture_output=True), repeat)
    startup = _median(lambda: subprocess.run([*command, "--help"], check=True, capture_output=True), repeat)
    print(f"no-op compile_catalogs over {catalogs:,} catalogs: {service:.2f} s (median of {repeat})")
    print(f"no-op `tms compile` process: {cli:.2f} s, of which CLI start-up (`tms --help`) {startup:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--polib", action="store_true", help="also time polib's (quadratic) writer")
    parser.add_argument("--noop-articles", type=int, default=1000, help="0 skips part 2")
    parser.add_argument("--noop-root", type=Path, help="project folder for part 2 (default: temporary)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tms-compile-bench-"))
    try:
        writer_versus_msgfmt(folder, args.entries, args.repeat, args.polib)
        if args.noop_articles:
            root = args.noop_root or folder / "project"
            root.mkdir(parents=True, exist_ok=True)
            noop_compile(root, args.noop_articles, args.repeat)
        print(f"machine: {machine()}; date {date.today().isoformat()}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
