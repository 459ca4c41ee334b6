"""Running the checks over catalogs: findings, per-project and per-unit switches, glossaries, bad input."""
from __future__ import annotations

import pytest

from tms.checks.base import CheckContext, Severity
from tms.errors import CatalogError, InputError, NotFound
from tms.model import SegmentState
from tms.services.checking import check_catalog, check_project, findings_for, glossary_problems, has_errors, project_checks
from tms.storage.pofile import load_catalog, save_catalog

SIXTY_FIVE = "65 nations"
JA_65 = "ティラーソン米国務長官が主宰した会合には、計65か国の外相や高官が集まり、ISISの永続的な打倒に向けた作戦を検討し、加速させた。"
JA_56 = "ティラーソン米国務長官が主宰した会合には、計56か国の外相や高官が集まり、ISISの永続的な打倒に向けた作戦を検討し、加速させた。"
JA_56_NO_STOP = JA_56.rstrip("。")


def translate(project, article_id, lang, targets: dict[str, str]) -> dict[str, str]:
    """Give the units whose source contains a key of ``targets`` that translation; returns their unit keys."""
    path = project.po_path(article_id, lang)
    catalog = load_catalog(path)
    keys = {}
    for unit in catalog.active_units():
        for needle, target in targets.items():
            if needle in unit.source and needle not in keys:
                unit.target, unit.state = target, SegmentState.TRANSLATED
                keys[needle] = unit.key
    save_catalog(path, catalog)
    assert set(keys) == set(targets), "a needle matched no segment of the seed"
    return keys


def test_an_untranslated_catalog_has_no_findings(seeded_project):
    assert check_catalog(seeded_project, "korea-net", "ja") == []


def test_findings_name_check_unit_and_reference(seeded_project):
    keys = translate(seeded_project, "korea-net", "ja", {
        SIXTY_FIVE: JA_56,
        "Participants adopted": "参加者は、イラクの治安とシリアの政治移行を追求する必要性を強調した共同声明を採択した。",
    })
    findings = check_catalog(seeded_project, "korea-net", "ja")
    numbers = [f for f in findings if f.check_id == "numbers"]
    assert len(numbers) == 1
    finding = numbers[0]
    assert finding.unit_key == keys[SIXTY_FIVE] and finding.severity is Severity.ERROR
    assert finding.message == "the number 65 is missing from the translation"
    assert finding.reference.startswith("originals/korea-net.md:")
    assert (finding.article_id, finding.language, finding.state) == ("korea-net", "ja", SegmentState.TRANSLATED)
    assert not [f for f in findings if f.unit_key == keys["Participants adopted"]]
    assert has_errors(findings)


def test_a_unit_switches_a_check_off(seeded_project):
    keys = translate(seeded_project, "korea-net", "ja", {SIXTY_FIVE: JA_56})
    path = seeded_project.po_path("korea-net", "ja")
    catalog = load_catalog(path)
    catalog.find(keys[SIXTY_FIVE]).ignored_checks = {"numbers"}
    save_catalog(path, catalog)
    assert "# tms: ignore=numbers" in path.read_text(encoding="utf-8")
    assert not [f for f in check_catalog(seeded_project, "korea-net", "ja") if f.check_id == "numbers"]


def test_the_project_switches_checks_off(seeded_project):
    translate(seeded_project, "korea-net", "ja", {SIXTY_FIVE: JA_56_NO_STOP})
    seeded_project.config_path.write_text('[checks]\ndisabled = ["numbers", "end-punctuation"]\n', encoding="utf-8")
    assert check_catalog(seeded_project, "korea-net", "ja") == []


def test_an_unknown_check_in_the_settings_names_the_file(seeded_project):
    seeded_project.config_path.write_text('[checks]\ndisabled = ["nubmers"]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"tms.toml: unknown check 'nubmers' in \[checks\] disabled"):
        check_catalog(seeded_project, "korea-net", "ja")
    seeded_project.config_path.write_text('[checks]\ndisabled = "numbers"\n', encoding="utf-8")
    with pytest.raises(InputError, match="must be a list of check ids"):
        project_checks(seeded_project)


def test_the_length_ratio_comes_from_the_settings(seeded_project):
    translate(seeded_project, "korea-net", "fr", {"Participants adopted": "Les participants ont adopté une déclaration commune."})
    assert not [f for f in check_catalog(seeded_project, "korea-net", "fr") if f.check_id == "length"]
    seeded_project.config_path.write_text("[checks]\nmax_length_ratio = 1.5\n", encoding="utf-8")
    assert [f.check_id for f in check_catalog(seeded_project, "korea-net", "fr")] == ["length"]
    seeded_project.config_path.write_text("[checks]\nmax_length_ratio = 0.5\n", encoding="utf-8")
    with pytest.raises(InputError, match="max_length_ratio must be a number above 1"):
        check_catalog(seeded_project, "korea-net", "fr")


def test_the_projects_glossary_is_used(seeded_project):
    glossary = seeded_project.root / "glossary"
    glossary.mkdir()
    (glossary / "all.csv").write_text("source,note\nISIS,the group's name\n", encoding="utf-8")
    (glossary / "ja.csv").write_text("source,target\njoint statement,共同声明\n", encoding="utf-8")
    translate(seeded_project, "korea-net", "ja", {
        "Participants adopted": "参加者は共同の文書を採択し、イラクの治安とシリアの政治移行の必要性を強調した。",
        "The statement also focused": "声明はまた、イスラム国が戦闘員を分散させるのを防ぐ決意に焦点を当てた。",
    })
    found = {(f.check_id, f.message) for f in check_catalog(seeded_project, "korea-net", "ja")}
    assert ("glossary", "“joint statement” should be translated as “共同声明” (see glossary/ja.csv:2)") in found
    assert ("do-not-translate", "“ISIS” must stay as it is (do not translate; see glossary/all.csv:2)") in found
    # An edited glossary is read again.
    (glossary / "ja.csv").write_text("source,target\njoint statement,共同の文書\n", encoding="utf-8")
    assert "glossary" not in {f.check_id for f in check_catalog(seeded_project, "korea-net", "ja")}


def test_a_bad_glossary_row_names_file_and_line(seeded_project):
    glossary = seeded_project.root / "glossary"
    glossary.mkdir()
    (glossary / "ja.csv").write_text("source,target\nISIS,ISIS\nMinister\n", encoding="utf-8")
    # The broken file is named with its line, and left out: the other checks still run.
    assert glossary_problems(seeded_project, ["ja"]) == ["glossary/ja.csv:3: expected 2 columns as in the header, "
                                                         "found 1"]
    translate(seeded_project, "korea-net", "ja", {SIXTY_FIVE: JA_56})
    assert [f.check_id for f in check_catalog(seeded_project, "korea-net", "ja")] == ["numbers"]


def test_check_project_covers_articles_and_languages(seeded_project):
    translate(seeded_project, "korea-net", "ja", {SIXTY_FIVE: JA_56})
    translate(seeded_project, "mofa", "de", {"65 countries": "An der Sitzung nahmen alle Mitglieder der Globalen Koalition teil – 56 Länder und 3 "
                                                   "internationale Organisationen –, darunter 52 Minister und ranghöhere "
                                                   "Vertreter wichtiger Länder, unter ihnen 48 Außenminister."})
    found = {(f.article_id, f.language) for f in check_project(seeded_project) if f.check_id == "numbers"}
    assert found == {("korea-net", "ja"), ("mofa", "de")}
    assert {f.language for f in check_project(seeded_project, langs=["de"])} == {"de"}
    assert {f.article_id for f in check_project(seeded_project, ["korea-net"])} == {"korea-net"}


def test_unknown_article_or_language(seeded_project):
    with pytest.raises(NotFound, match="unknown article 'nope'"):
        check_project(seeded_project, ["nope"])
    with pytest.raises(InputError, match="unknown language code 'xx'"):
        check_project(seeded_project, langs=["xx"])


def test_a_corrupt_catalog_names_file_and_line(seeded_project):
    path = seeded_project.po_path("korea-net", "ja")
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "broken\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        check_catalog(seeded_project, "korea-net", "ja")
    assert "korea-net.po:" in str(info.value) and info.value.line


def test_findings_for_one_unit_as_the_editor_asks(seeded_project):
    catalog = load_catalog(seeded_project.po_path("korea-net", "ko"))
    unit = next(u for u in catalog.active_units() if SIXTY_FIVE in u.source)
    unit.target = ("렉스 틸러슨 미 국무장관이 주재한 이번 회의에는 총 56개국 외교장관과 고위 관계자들이 모여 "
                   "ISIS의 지속적 격퇴를 위한 작전을 점검하고 가속화했다")
    context = CheckContext("en", "ko")
    found = findings_for(unit, context, project_checks(seeded_project), "korea-net")
    assert {f.check_id for f in found} == {"numbers", "end-punctuation"}
    assert {f.severity for f in found} == {Severity.ERROR, Severity.WARNING}


def test_the_checks_stamp_changes_with_what_the_findings_depend_on(project):
    from tms.services.checking import checks_stamp

    ja, de = checks_stamp(project, "ja"), checks_stamp(project, "de")
    assert checks_stamp(project, "ja") == ja
    (project.root / "glossary").mkdir()
    (project.root / "glossary" / "ja.csv").write_text("source,target\nministers,閣僚\n", encoding="utf-8")
    assert checks_stamp(project, "ja") != ja and checks_stamp(project, "de") == de
    ja = checks_stamp(project, "ja")
    (project.root / "glossary" / "all.csv").write_text("source,target,dnt\nSeoul,,yes\n", encoding="utf-8")
    assert checks_stamp(project, "ja") != ja and checks_stamp(project, "de") != de
    ja = checks_stamp(project, "ja")
    project.config_path.write_text("[checks]\nmax_length_ratio = 2.0\n", encoding="utf-8")
    assert checks_stamp(project, "ja") != ja
    ja = checks_stamp(project, "ja")
    project.config_path.write_text('[checks]\nmax_length_ratio = 2.0\ndisabled = ["length"]\n', encoding="utf-8")
    assert checks_stamp(project, "ja") != ja
