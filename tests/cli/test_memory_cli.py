"""``tms memory import/export/stats/search`` and ``tms align`` through click's runner."""
from __future__ import annotations

from pathlib import Path

from translate.storage.tmx import tmxfile

from tms.cli.main import cli

DATA = Path(__file__).resolve().parent.parent / "data"
TMX = DATA / "memory" / "archive-2024.tmx"
TSV = DATA / "memory" / "briefings.tsv"


def run(runner, project, *args):
    return runner.invoke(cli, ["--root", str(project.root), *args])


def test_import_twice_then_stats_search_and_export(runner, project, tmp_path):
    result = run(runner, project, "memory", "import", str(TMX))
    assert result.exit_code == 0, result.output
    assert "4 units added, 0 already in the memory (ko→en 3, ko→ja 1)" in result.output
    assert "0 units added, 4 already in the memory" in run(runner, project, "memory", "import", str(TMX)).output
    result = run(runner, project, "memory", "import", str(TSV), "--source-lang", "ko", "--target-lang", "en")
    assert "2 units added" in result.output

    stats = run(runner, project, "memory", "stats").output
    assert "archive: 6 units" in stats and "ko→en  5" in stats and "from archive-2024.tmx  4" in stats

    found = run(runner, project, "memory", "search", "regret")
    assert found.exit_code == 0
    assert "imported from briefings.tsv" in found.output and "The Korean government expressed deep regret." in found.output
    nothing = run(runner, project, "memory", "search", "zebra")
    assert nothing.exit_code == 0 and "nothing in the memory contains 'zebra'" in nothing.output

    out = tmp_path / "out.tmx"
    result = run(runner, project, "memory", "export", "--target-lang", "en", "--out", str(out))
    assert result.exit_code == 0 and f"wrote {out}: 5 units" in result.output
    assert len(tmxfile.parsestring(out.read_bytes()).units) == 5


def test_a_bad_file_exits_1_with_file_and_line(runner, project, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("하나.\tOne.\n둘.\n", encoding="utf-8")
    result = run(runner, project, "memory", "import", str(bad), "--source-lang", "ko", "--target-lang", "en")
    assert result.exit_code == 1
    assert "bad.tsv:2: expected 2 tab-separated columns" in result.output
    assert "archive: 0 units" in run(runner, project, "memory", "stats").output


def test_an_unknown_language_is_a_usage_error(runner, project):
    result = run(runner, project, "memory", "import", str(TSV), "--source-lang", "xx", "--target-lang", "en")
    assert result.exit_code == 2


def test_align_with_import_as_translation(runner, project):
    result = run(runner, project, "align", str(DATA / "align" / "release-ko.txt"),
                 str(DATA / "align" / "release-en.txt"), "--source-lang", "ko", "--target-lang", "en",
                 "--import-as-translation")
    assert result.exit_code == 0, result.output
    assert "7 pairs (5 one-to-one), 1 sentence without a counterpart; 7 added to the memory" in result.output
    assert "(en): 6 translated, 1 needing edits, 0 kept as they were" in result.output
    assert "aligned  7" in run(runner, project, "memory", "stats").output
