"""``tms import``, ``tms update`` and ``tms segment`` as a user runs them."""
from __future__ import annotations

import json

from tms.cli.main import cli


def test_import_then_update(runner, project, seed_files):
    result = runner.invoke(cli, ["--root", str(project.root), "import", "--lang", "en",
                                 str(seed_files["korea-net"])])
    assert result.exit_code == 0, result.output
    assert "imported 2017-03-27-korea-and-the-international" in result.output
    assert (project.root / "tms.toml").is_file()
    assert len(list(project.locales_dir.rglob("*.po"))) == 10
    again = runner.invoke(cli, ["--root", str(project.root), "update"])
    assert again.exit_code == 0 and again.output.startswith("unchanged ")


def test_root_from_environment(runner, project, seed_files):
    result = runner.invoke(cli, ["import", "--id", "mofa", str(seed_files["mofa"])],
                           env={"TMS_ROOT": str(project.root)})
    assert result.exit_code == 0, result.output
    assert project.original_path("mofa").is_file()


def test_errors_exit_1_with_the_file_named(runner, project, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(cli, ["--root", str(project.root), "import", "--lang", "en", str(empty)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "Traceback" not in result.output
    assert not project.originals_dir.exists()


def test_bad_arguments_exit_2(runner, project, seed_files):
    result = runner.invoke(cli, ["--root", str(project.root), "import", "--lang", "xx", str(seed_files["mofa"])])
    assert result.exit_code == 2
    result = runner.invoke(cli, ["--root", str(project.root), "import", str(project.root / "missing.txt")])
    assert result.exit_code == 2


def test_unknown_article_in_update(runner, project):
    result = runner.invoke(cli, ["--root", str(project.root), "update", "nope"])
    assert result.exit_code == 1 and "unknown article 'nope'" in result.output


def test_segment_prints_json_lines(runner):
    text = "Seoul talks\n\nDr. Kim met U.S. officials in Washington, D.C. on Monday. They agreed.\n"
    result = runner.invoke(cli, ["segment", "--lang", "en", "-"], input=text)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows == [
        {"text": "Seoul talks", "role": "title", "block": 1},
        {"text": "Dr. Kim met U.S. officials in Washington, D.C. on Monday.", "role": "paragraph", "block": 2},
        {"text": "They agreed.", "role": "paragraph", "block": 2},
    ]


def test_segment_korean_from_file(runner, tmp_path):
    path = tmp_path / "ko.txt"
    path.write_text("외교부는 22일 회의를 열었다. 장관은 협력을 강조했다.\n", encoding="cp949")
    result = runner.invoke(cli, ["segment", str(path)])
    assert result.exit_code == 0, result.output
    # Without a headline, the first sentence is the article's title too.
    assert [json.loads(line)["text"] for line in result.output.splitlines()] == [
        "외교부는 22일 회의를 열었다.", "외교부는 22일 회의를 열었다.", "장관은 협력을 강조했다."]


def test_an_undecodable_template_stops_the_update_with_its_name(runner, seeded_project):
    pot = seeded_project.pot_path("mofa")
    pot.write_bytes(pot.read_bytes() + b"\xff\xfe")
    before = {p: p.read_bytes() for p in seeded_project.root.glob("locales/*/LC_MESSAGES/mofa.po")}
    result = runner.invoke(cli, ["--root", str(seeded_project.root), "update", "mofa"])
    assert result.exit_code == 1, result.output
    assert str(pot) in result.output and "not valid UTF-8" in result.output
    assert {p: p.read_bytes() for p in before} == before


def test_an_id_with_a_line_break_is_refused(runner, project, seed_files):
    result = runner.invoke(cli, ["--root", str(project.root), "import", "--id", "x\n", str(seed_files["mofa"])])
    assert result.exit_code == 1
    assert "invalid article id 'x\\n'" in result.output
    assert not (project.root / "originals").exists() or list((project.root / "originals").iterdir()) == []
    status = runner.invoke(cli, ["--root", str(project.root), "status", "--format", "json"])
    assert status.exit_code == 0, status.output


def test_import_with_a_deadline_and_priority_shows_them_in_status(runner, project, seed_files):
    from tms.services.schedules import article_plan

    result = runner.invoke(cli, ["--root", str(project.root), "import", "--id", "mofa", "--deadline",
                                 "2030-01-15T18:00+09:00", "--priority", "urgent", str(seed_files["mofa"])])
    assert result.exit_code == 0, result.output
    plan = article_plan(project, "mofa")
    assert plan.deadline.isoformat() == "2030-01-15T09:00:00+00:00" and plan.priority == 1
    table = runner.invoke(cli, ["--root", str(project.root), "status"], env={"COLUMNS": "220"})
    assert "due 2030-01-15 18:00 KST" in table.output and "left" in table.output
    paris = runner.invoke(cli, ["--root", str(project.root), "status", "--format", "json"],
                          env={"TMS_TIMEZONE": "Europe/Paris"})
    assert json.loads(paris.stdout)["articles"]["mofa"]["schedule"]["deadline_local"] == "2030-01-15T10:00:00+01:00"


def test_a_deadline_without_an_offset_is_refused_before_anything_is_imported(runner, project, seed_files):
    result = runner.invoke(cli, ["--root", str(project.root), "import", "--deadline", "2030-01-15T18:00",
                                 str(seed_files["mofa"])])
    assert result.exit_code == 2 and "has no UTC offset" in result.output
    assert not project.originals_dir.exists()
    result = runner.invoke(cli, ["--root", str(project.root), "import", "--priority", "7", str(seed_files["mofa"])])
    assert result.exit_code == 2 and "--priority" in result.output and "is not a priority" in result.output
