"""Benchmark: the approver's editor page and one segment save, with how often each reads and parses the PO file.

    .venv/bin/python benchmarks/catalog_seam.py [--segments 300] [--repeat 30]

Builds a throwaway project with one article of ``--segments`` sentences (English source), its Japanese
catalog prefilled by the offline ``pseudo`` engine, and an approver. Then, in one process as a server
worker would be:

* the editor page (``GET /articles/ID/ja``, through Flask's test client, signed in as the approver), warm:
  the page has been shown once, so per-process caches hold what they hold in a running server;
* one save of a segment (``review.save_segment``), alternating two texts so that every save writes.

Each is timed ``--repeat`` times (median and 90th percentile), and the PO file reads (``Path.read_bytes``
of a ``.po``) and parses (entries read by ``tms.storage.poparser``) of one call are counted.
Figures go to docs/catalogs.md by hand; compare figures from one run of one machine.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tms.services import review  # noqa: E402
from tms.services import users as user_service  # noqa: E402
from tms.services.importing import import_files  # noqa: E402
from tms.services.prefill import prefill  # noqa: E402
from tms.services.users import create_user  # noqa: E402
from tms.storage import poparser  # noqa: E402
from tms.storage.layout import Project  # noqa: E402

PASSWORD = "benchmark password"
WORDS = ("government", "minister", "announced", "cooperation", "policy", "regional", "economic", "support",
         "citizens", "agreement", "program", "national", "development", "meeting", "officials", "today")


def article_text(sentences: int) -> str:
    """A plain-text article: a title, then paragraphs of four sentences."""
    lines = ["Ministry announces a regional cooperation program", ""]
    paragraph = []
    for number in range(sentences - 1):
        words = [WORDS[(number * 7 + i * 3) % len(WORDS)] for i in range(9 + number % 7)]
        paragraph.append(f"The {' '.join(words)} number {number + 1}.")
        if len(paragraph) == 4:
            lines += [" ".join(paragraph), ""]
            paragraph = []
    if paragraph:
        lines.append(" ".join(paragraph))
    return "\n".join(lines) + "\n"


class Counter:
    """Counts PO file reads and parses while installed."""

    def __init__(self):
        self.reads = self.parses = 0

    def __enter__(self):
        self._read_bytes = Path.read_bytes
        self._finish = poparser._Reader.finish
        counter = self

        def read_bytes(path):
            if str(path).endswith(".po"):
                counter.reads += 1
            return counter._read_bytes(path)

        def finish(reader):
            entries = counter._finish(reader)
            if len(entries) > 1:     # a whole catalog, not one chunk re-read by the cache
                counter.parses += 1
            return entries

        Path.read_bytes, poparser._Reader.finish = read_bytes, finish
        return self

    def __exit__(self, *exc):
        Path.read_bytes, poparser._Reader.finish = self._read_bytes, self._finish


def timed(call, repeat: int) -> tuple[float, float, Counter]:
    """Median and 90th percentile of ``call`` in milliseconds, and the reads and parses of one call."""
    call()
    with Counter() as counts:
        call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))], counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    user_service.PASSWORD_METHOD = "pbkdf2:sha256:1000"

    from tms.web import create_app

    with tempfile.TemporaryDirectory() as folder:
        project = Project(Path(folder))
        source = Path(folder) / "bench-article.txt"
        source.write_text(article_text(args.segments), encoding="utf-8")
        import_files(project, [source], lang="en", article_id="bench")
        prefill(project, ["bench"], ["ja"], "pseudo")
        account = create_user(project, "alex", "approver", PASSWORD, "ja")
        segments = review.get_segments(project, "bench", "ja").segments

        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False},
                         project_root=project.root)
        client = app.test_client()
        response = client.post("/login", data={"username": "alex", "password": PASSWORD})
        assert response.status_code in (200, 302), response.status_code

        def page():
            response = client.get("/articles/bench/ja")
            assert response.status_code == 200, response.status_code

        texts = ["ベンチマークの訳文その一。", "ベンチマークの訳文その二。"]
        state = {"n": 0, "revision": segments[5].revision}

        def save():
            state["n"] += 1
            result = review.save_segment(project, account, "bench", "ja", segments[5].key, texts[state["n"] % 2],
                                         "translated", state["revision"])
            state["revision"] = result.segment.revision

        print(f"catalog of {len(segments)} segments, {args.repeat} runs each")
        for name, call in (("editor page", page), ("segment save", save)):
            median, p90, counts = timed(call, args.repeat)
            print(f"{name:13} median {median:7.2f} ms  p90 {p90:7.2f} ms  "
                  f"PO reads {counts.reads}  whole parses {counts.parses}")


if __name__ == "__main__":
    main()
