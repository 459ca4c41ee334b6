"""``tms status`` through the click runner: table, JSON, CSV and --fail-under."""
from __future__ import annotations

import csv
import io
import json

import pytest
from rich.console import Console

from tms.cli.main import cli
from tms.cli.status import build_table
from tms.model import Approval, MachineInfo, SegmentState
from tms.services.reports import CSV_FIELDS
from tms.services.schedules import PLAN_CSV_FIELDS
from tms.services.stats import collect_stats
from tms.storage.pofile import load_catalog, save_catalog


def _translate(project, article_id: str, lang: str, count: int, state=SegmentState.TRANSLATED) -> None:
    path = project.po_path(article_id, lang)
    catalog = load_catalog(path)
    for unit in catalog.active_units()[:count]:
        unit.target, unit.state = f"[{lang}] {unit.source}", state
        if state is SegmentState.MACHINE:
            unit.machine = MachineInfo("memory", unit.target)
        if state is SegmentState.APPROVED:
            unit.approval = Approval("alice", "2026-11-23")
    save_catalog(path, catalog)


@pytest.fixture
def worked_project(seeded_project):
    """mofa fully approved in Japanese, half translated in German, machine output in Korean."""
    _translate(seeded_project, "mofa", "ja", 18, SegmentState.APPROVED)
    _translate(seeded_project, "mofa", "de", 9)
    _translate(seeded_project, "korea-net", "ko", 4, SegmentState.MACHINE)
    return seeded_project


def _run(runner, project, *args, **kwargs):
    return runner.invoke(cli, ["--root", str(project.root), "status", *args], **kwargs)


def test_table_has_languages_as_columns_and_totals(runner, worked_project):
    result = _run(runner, worked_project, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    header = next(line for line in out.splitlines() if " ko " in f" {line} " and " id " in f" {line} ")
    codes = header.split()
    assert codes[codes.index("ko"):codes.index("id") + 1] == ["ko", "en", "ja", "zh", "ar", "es", "fr", "de", "ru",
                                                               "vi", "id"]
    assert "日本語" in out and "العربية" in out                # native names in the wide layout
    assert "korea-net" in out and "mofa" in out and "all 2" in out
    assert "source" in out                                      # en is the source of both seeds
    assert "unofficial translation" in out and "draft" in out
    assert "100%" in out and "50%" in out
    assert "mt 100% kept" in out
    assert "1/10 ready" in out and "1/20 ready" in out


def test_narrow_terminal_gets_the_compact_layout(worked_project):
    console = Console(width=80, record=True, color_system=None)
    console.print(build_table(collect_stats(worked_project), ["ko", "en", "ja", "zh", "ar", "es", "fr", "de", "ru",
                                                              "vi", "id"], 80))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "src" in text and "日本語" not in text and "100%" in text


def test_json_document(runner, worked_project):
    result = _run(runner, worked_project, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["format"] == "tms-status" and len(report["catalogs"]) == 20
    ja = next(c for c in report["catalogs"] if c["article"] == "mofa" and c["language"] == "ja")
    assert ja["approved_percent"] == 100.0 and ja["publication"] == "unofficial"
    assert report["articles"]["mofa"]["segments"]["total"] == 180
    assert report["languages"]["ko"]["segments"]["machine"] == 4


def test_json_for_one_article_and_language(runner, worked_project):
    result = _run(runner, worked_project, "mofa", "--lang", "de", "--format", "json")
    report = json.loads(result.stdout)
    assert [(c["article"], c["language"]) for c in report["catalogs"]] == [("mofa", "de")]
    assert report["coverage"] == 50.0


def test_csv(runner, worked_project):
    result = _run(runner, worked_project, "--format", "csv", "--lang", "ja,de")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == CSV_FIELDS + PLAN_CSV_FIELDS and len(rows) == 4
    de = next(r for r in rows if r["article"] == "mofa" and r["language"] == "de")
    assert de["translated_segments"] == "9" and de["translated_percent"] == "50.0"


def test_csv_has_the_plan_of_each_catalog_as_json_has(runner, worked_project):
    from tms.services.schedules import plan_article
    from tms.services.users import create_user

    create_user(worked_project, "dirk", "translator", "a long password", "de")
    plan_article(worked_project, "mofa", deadline="2030-01-15T09:00Z", priority="high", by="eddie")
    plan_article(worked_project, "mofa", "de", deadline="2001-01-01T00:00Z", assignee="dirk", by="eddie")
    result = _run(runner, worked_project, "--format", "csv", "--lang", "ja,de", env={"TMS_TIMEZONE": "Europe/Paris"})
    assert result.exit_code == 0, result.output
    rows = {(r["article"], r["language"]): r for r in csv.DictReader(io.StringIO(result.stdout))}
    plan = {name: rows[("mofa", "ja")][name] for name in PLAN_CSV_FIELDS}
    assert plan == {"deadline": "2030-01-15T09:00:00+00:00", "deadline_local": "2030-01-15T10:00:00+01:00",
                    "is_overdue": "false", "priority": "2", "assignee": ""}
    late = rows[("mofa", "de")]
    assert (late["deadline"], late["is_overdue"], late["priority"], late["assignee"]) == (
        "2001-01-01T00:00:00+00:00", "true", "2", "dirk")
    unplanned = rows[("korea-net", "ja")]
    assert (unplanned["deadline"], unplanned["is_overdue"], unplanned["priority"]) == ("", "false", "3")
    report = json.loads(_run(runner, worked_project, "--format", "json", "--lang", "ja",
                             env={"TMS_TIMEZONE": "Europe/Paris"}).stdout)
    ja = next(c for c in report["catalogs"] if c["article"] == "mofa")
    assert ja["schedule"]["deadline_local"] == plan["deadline_local"]       # the same plan as the JSON


@pytest.mark.parametrize("threshold, code", [("50", 0), ("50.01", 1), ("0", 0)])
def test_fail_under(runner, worked_project, threshold, code):
    result = _run(runner, worked_project, "mofa", "--lang", "de", "--format", "json", "--fail-under", threshold)
    assert result.exit_code == code
    if code:
        assert "translated coverage 50.00% is below 50.01%" in result.stderr


def test_fail_under_over_everything(runner, worked_project):
    result = _run(runner, worked_project, "--fail-under", "10")
    assert result.exit_code == 1 and "is below 10%" in result.stderr
    assert _run(runner, worked_project, "mofa", "--lang", "ja", "--fail-under", "100").exit_code == 0


def test_bad_arguments_exit_2(runner, seeded_project):
    assert _run(runner, seeded_project, "--fail-under", "120").exit_code == 2
    assert _run(runner, seeded_project, "--format", "xml").exit_code == 2
    result = _run(runner, seeded_project, "--lang", "klingon")
    assert result.exit_code == 2 and "unknown language code 'klingon'" in result.stderr


def test_unknown_article_and_corrupt_catalog_exit_1(runner, seeded_project):
    result = _run(runner, seeded_project, "nope")
    assert result.exit_code == 1 and "unknown article 'nope'" in result.stderr
    path = seeded_project.po_path("korea-net", "vi")
    path.write_text(path.read_text(encoding="utf-8") + 'msgid "dangling\n', encoding="utf-8")
    result = _run(runner, seeded_project, "--format", "json")
    assert result.exit_code == 1 and "locales/vi/LC_MESSAGES/korea-net.po:" in result.stderr
    assert json.loads(result.stdout)["errors"][0]["language"] == "vi"       # the others are still reported


def test_empty_project(runner, project):
    result = _run(runner, project)
    assert result.exit_code == 0 and "no catalogs" in result.stderr
    assert json.loads(_run(runner, project, "--format", "json").stdout)["catalogs"] == []


def test_selection_without_catalogs(runner, seeded_project):
    result = _run(runner, seeded_project, "--lang", "en")         # the source language of both seeds
    assert result.exit_code == 0
    assert "no catalogs to show" in result.stderr and "import" not in result.stderr


def test_a_large_table_shows_the_articles_changed_last_and_totals_over_all(runner, worked_project):
    import os
    import time

    stamp = time.time() - 3600
    for path in worked_project.root.glob("locales/*/LC_MESSAGES/korea-net.po"):
        os.utime(path, (stamp, stamp))                 # korea-net changed an hour ago, mofa just now
    result = _run(runner, worked_project, "--limit", "1", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "mofa" in out and "korea-net" not in out
    assert "1 of 2 articles shown, the last changed first" in out and "all 2" in out
    assert "1/20 ready" in out                          # the totals count korea-net's catalogs too
    everything = _run(runner, worked_project, "--limit", "0", env={"COLUMNS": "200"}).stdout
    assert "korea-net" in everything and "articles shown" not in everything
    named = _run(runner, worked_project, "korea-net", "mofa", "--limit", "1", env={"COLUMNS": "200"}).stdout
    assert "korea-net" in named and "mofa" in named     # articles asked for by name are all shown


def test_a_catalog_that_cannot_be_read_is_reported_and_the_others_shown(runner, worked_project):
    broken = worked_project.po_path("mofa", "de")
    broken.write_text(broken.read_text(encoding="utf-8") + '\ngarbage "\n', encoding="utf-8")
    table = _run(runner, worked_project, env={"COLUMNS": "200"})
    assert table.exit_code == 1
    assert "korea-net" in table.stdout and "mofa" in table.stdout
    assert "skipped a catalog that cannot be read: locales/de/LC_MESSAGES/mofa.po:" in table.stderr
    assert str(worked_project.root) not in table.stderr
    report = json.loads(_run(runner, worked_project, "--format", "json").stdout)
    assert [(e["article"], e["language"]) for e in report["errors"]] == [("mofa", "de")]
    assert "invalid PO syntax" in report["errors"][0]["error"]
    assert len(report["catalogs"]) == 19 and report["articles"]["mofa"]["catalogs"] == 9
