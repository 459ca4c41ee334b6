"""``tms check`` through click's runner: text and JSON, exit codes, bad arguments and bad files."""
from __future__ import annotations

import json

from tests.services.test_checking import JA_56, JA_65, SIXTY_FIVE, translate
from tms.cli.main import cli


def run(runner, project, *args):
    return runner.invoke(cli, ["--root", str(project.root), "check", *args])


def test_nothing_translated_nothing_found(runner, seeded_project):
    result = run(runner, seeded_project)
    assert result.exit_code == 0, result.output
    assert result.output == "no problems found\n"


def test_errors_exit_1_with_file_check_and_reference(runner, seeded_project):
    translate(seeded_project, "korea-net", "ja", {SIXTY_FIVE: JA_56})
    result = run(runner, seeded_project)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("locales/ja/LC_MESSAGES/korea-net.po: error [numbers] originals/korea-net.md:")
    assert lines[0].endswith(": the number 65 is missing from the translation")
    assert lines[1].startswith("    source: Presided over by U.S. Secretary of State")
    assert lines[2] == f"    target: {JA_56}"
    assert lines[-1] == "1 error(s), 0 warning(s)"


def test_warnings_alone_exit_0(runner, seeded_project):
    translate(seeded_project, "korea-net", "ja", {SIXTY_FIVE: JA_65.rstrip("。")})
    result = run(runner, seeded_project)
    assert result.exit_code == 0, result.output
    assert "warning [end-punctuation]" in result.output and "0 error(s), 1 warning(s)" in result.output


def test_json_for_other_programs(runner, seeded_project):
    keys = translate(seeded_project, "korea-net", "ja", {SIXTY_FIVE: JA_56})
    translate(seeded_project, "mofa", "fr", {"65 countries": "Ceci n'a rien à voir."})
    result = run(runner, seeded_project, "--format", "json", "--lang", "ja")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["summary"] == {"errors": 1, "warnings": 0, "by_check": {"numbers": 1}}
    finding = data["findings"][0]
    assert set(finding) == {"article", "language", "check", "severity", "message", "unit", "state", "reference",
                            "source", "target"}
    assert (finding["article"], finding["language"], finding["unit"], finding["state"]) == (
        "korea-net", "ja", keys[SIXTY_FIVE], "translated")
    only_mofa = json.loads(run(runner, seeded_project, "mofa", "--format", "json").output)
    assert {f["article"] for f in only_mofa["findings"]} == {"mofa"}


def test_bad_arguments_exit_2(runner, seeded_project):
    result = run(runner, seeded_project, "--lang", "xx")
    assert result.exit_code == 2 and "unknown language code 'xx'" in result.output
    assert run(runner, seeded_project, "--format", "xml").exit_code == 2


def test_unknown_article_and_corrupt_catalog_exit_1(runner, seeded_project):
    result = run(runner, seeded_project, "nope")
    assert result.exit_code == 1 and "unknown article 'nope'" in result.output
    path = seeded_project.po_path("mofa", "ja")
    path.write_text(path.read_text(encoding="utf-8").replace('msgstr ""\n\n#.', 'msgstr "unterminated\n\n#.', 1),
                    encoding="utf-8")
    result = run(runner, seeded_project, "mofa")
    assert result.exit_code == 1
    assert "locales/ja/LC_MESSAGES/mofa.po:" in result.output and "invalid PO syntax" in result.output


def test_a_broken_glossary_is_an_error_with_file_and_line_and_the_other_checks_still_run(runner, seeded_project):
    translate(seeded_project, "korea-net", "ja", {SIXTY_FIVE: JA_56})
    folder = seeded_project.root / "glossary"
    folder.mkdir()
    (folder / "ja.csv").write_text("source,target\nMinister,大臣\nSecretary of State,国務長官,extra\n",
                                   encoding="utf-8")
    result = run(runner, seeded_project)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == ("glossary/ja.csv:3: error [glossary] expected 2 columns as in the header, found 3 "
                        "(the file is left out of the checks until it is fixed)")
    assert any("error [numbers]" in line for line in lines)          # the other checks ran
    assert lines[-1] == "2 error(s), 0 warning(s)"
    data = json.loads(run(runner, seeded_project, "--format", "json").output)
    assert data["glossary_errors"] == ["glossary/ja.csv:3: expected 2 columns as in the header, found 3"]
    assert data["summary"]["errors"] == 2 and data["findings"]
