"""The archive memory's operations: importing memories, exporting, counting and searching them, aligning
articles with their translations, and the memory then filling and suggesting with its origin."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from translate.storage.tmx import tmxfile

from tests.memory.helpers import write_article
from tms.errors import InputError
from tms.memory.archive import ArchiveStore
from tms.model import SegmentState as S
from tms.services import archive
from tms.services.prefill import prefill
from tms.services.suggestions import suggest
from tms.storage.pofile import load_catalog, save_catalog

DATA = Path(__file__).resolve().parent.parent / "data"
TMX = DATA / "memory" / "archive-2024.tmx"
TSV = DATA / "memory" / "briefings.tsv"
KO = DATA / "align" / "release-ko.txt"
EN = DATA / "align" / "release-en.txt"


def _total(project) -> int:
    return archive.memory_stats(project).archive.total


def test_importing_the_same_file_twice_adds_nothing_twice(project):
    first = archive.import_memory(project, TMX)
    assert (first.units, first.added, first.pairs) == (4, 4, {"ko→en": 3, "ko→ja": 1})
    again = archive.import_memory(project, TMX)
    assert (again.added, again.known) == (0, 4)
    assert _total(project) == 4


def test_a_tab_separated_file_needs_its_languages(project):
    with pytest.raises(InputError, match="--source-lang ko --target-lang en"):
        archive.import_memory(project, TSV)
    report = archive.import_memory(project, TSV, source_lang="ko", target_lang="en")
    assert (report.added, report.pairs) == (2, {"ko→en": 2})


def test_a_bad_file_adds_nothing(project, tmp_path):
    bad = tmp_path / "bad.tmx"
    good = TMX.read_text(encoding="utf-8")
    bad.write_text(good.replace('<tuv xml:lang="en"><seg>Contact: <hi>ASEAN</hi> Cooperation Division</seg></tuv>',
                                '<tuv xml:lang="en"><seg></seg></tuv>'), encoding="utf-8")
    with pytest.raises(InputError, match=r"^bad.tmx:18: empty segment in en"):
        archive.import_memory(project, bad)
    assert _total(project) == 0


def test_tmx_choosing_one_target_language(project):
    report = archive.import_memory(project, TMX, target_lang="ja")
    assert (report.added, report.pairs) == (1, {"ko→ja": 1})


def test_export_round_trips_through_translate_toolkit(project):
    archive.import_memory(project, TMX)
    archive.import_memory(project, TSV, source_lang="ko", target_lang="en")
    data, count = archive.export_memory(project, "ko", "en")
    assert count == 5
    store = tmxfile.parsestring(data)
    assert {(u.source, u.target) for u in store.units} == \
        {(u.source, u.target) for u in ArchiveStore.for_project(project).units("ko", "en")}
    # ... and back into another project, origins intact.
    other = project.root.parent / "other"
    other.mkdir()
    exported = other / "export.tmx"
    exported.write_bytes(data)
    from tms.storage.layout import Project

    assert archive.import_memory(Project(other), exported).added == 5
    origins = {u.origin for u in ArchiveStore.for_project(Project(other)).units()}
    assert origins == {"archive-2024.tmx", "briefings.tsv"}


def test_search_covers_the_catalogs_and_the_archive(project):
    write_article(project, "old", ["The ministry hosted a meeting."], langs=("ko",),
                  done={"ko": {"The ministry hosted a meeting.": ("외교부가 회의를 주최했다.", S.TRANSLATED)}})
    ArchiveStore.for_project(project)
    archive.import_memory(project, TSV, source_lang="ko", target_lang="en")
    found = archive.search_memory(project, "회의")
    assert [(u.kind, u.origin) for u in found] == [("catalog", "old")]
    found = archive.search_memory(project, "regret")
    assert [u.describe().split(",")[0] for u in found] == ["imported from briefings.tsv"]
    with pytest.raises(InputError):
        archive.search_memory(project, "  ")


def test_align_adds_pairs_marked_aligned_with_their_confidence(project):
    report = archive.align_files(project, KO, EN, source_lang="ko", target_lang="en")
    shapes = [(len(b.source), len(b.target)) for b in report.beads]
    assert shapes == [(1, 1), (2, 1), (1, 1), (1, 0), (1, 1), (1, 2), (1, 1), (1, 1)]
    assert report.added == len(report.pairs) == 7 and report.omitted == 1
    units = list(ArchiveStore.for_project(project).units())
    assert {u.kind for u in units} == {"aligned"} and all(0 < u.confidence <= 1 for u in units)
    assert units[1].source.startswith("외교부는 2026년") and "이번 회의에는" in units[1].source
    assert units[4].target == ("He announced that Korea plans to provide 300 million dollars to the ASEAN Digital "
                               "Fund by 2027. Korea will also expand its training courses.")
    assert archive.align_files(project, KO, EN, source_lang="ko", target_lang="en").added == 0


def test_align_refuses_two_texts_in_one_language(project):
    with pytest.raises(InputError, match="both in ko"):
        archive.align_files(project, KO, KO, source_lang="ko", target_lang="ko")


def test_import_as_translation_fills_the_catalog_and_keeps_human_work(project, tmp_path):
    source = tmp_path / "release-ko.txt"
    shutil.copy(KO, source)
    first = archive.align_files(project, source, EN, source_lang="ko", target_lang="en",
                                import_as_translation=True)
    catalog = load_catalog(project.po_path(first.article_id, "en"))
    by_source = {u.source: u for u in catalog.active_units()}
    title = by_source["외교부, 제3차 한-아세안 디지털 협력 회의 개최"]
    assert title.state is S.TRANSLATED and title.target.startswith("Ministry of Foreign Affairs Hosts")
    merged = by_source["외교부는 2026년 3월 27일 서울에서 제3차 한-아세안 디지털 협력 회의를 개최했다."]
    assert merged.state is S.NEEDS_EDITING and merged.target.endswith("10 ASEAN member states.")
    assert any(c.startswith("translates 2 segments together") for c in merged.comments)
    second_of_merge = catalog.active_units()[catalog.active_units().index(merged) + 1]
    assert second_of_merge.state is S.UNTRANSLATED and not second_of_merge.target
    assert any(c.startswith("translated together with the segment before") for c in second_of_merge.comments)
    split = next(u for u in catalog.active_units() if u.target.startswith("He announced that Korea plans"))
    assert split.state is S.TRANSLATED and split.target.endswith("Korea will also expand its training courses.")
    assert by_source["회의 자료는 외교부 누리집에서 한국어로만 제공된다."].state is S.UNTRANSLATED
    assert (first.translated, first.needs_editing, first.kept) == (6, 1, 0)
    assert any(c.startswith("aligned from release-ko.txt + release-en.txt") for c in title.comments)

    # Someone translates the title; aligning again keeps their work.
    title.target, title.state = "A reviewer's own title", S.TRANSLATED
    save_catalog(project.po_path(first.article_id, "en"), catalog)
    second = archive.align_files(project, source, EN, source_lang="ko", target_lang="en",
                                 import_as_translation=True)
    assert second.article_id == first.article_id and second.kept == 7
    again = {u.source: u for u in load_catalog(project.po_path(first.article_id, "en")).active_units()}
    assert again["외교부, 제3차 한-아세안 디지털 협력 회의 개최"].target == "A reviewer's own title"


def test_prefill_fills_from_archive_units_and_marks_their_origin(project):
    archive.import_memory(project, TSV, source_lang="ko", target_lang="en")
    write_article(project, "new", ["한국 정부는 깊은 유감을 표명했다.", "한국 정부는 깊은 유감을 표명했다고 말했다.",
                                   "전혀 다른 문장이다."], langs=("en",), source_lang="ko")
    report = prefill(project, engine="memory")
    assert report.language("en").memory == 2 and report.language("en").no_match == 1
    units = {u.source: u for u in load_catalog(project.po_path("new", "en")).units}
    exact = units["한국 정부는 깊은 유감을 표명했다."]
    assert exact.state is S.MACHINE and exact.machine.score == 100.0
    assert exact.machine.origin.startswith("imported from briefings.tsv")
    fuzzy = units["한국 정부는 깊은 유감을 표명했다고 말했다."]
    assert fuzzy.machine.score < 100 and fuzzy.machine.origin == exact.machine.origin
    text = project.po_path("new", "en").read_text(encoding="utf-8")
    assert "origin=imported%20from%20briefings.tsv," in text


def test_editor_suggestions_name_the_archive_file(project):
    archive.align_files(project, KO, EN, source_lang="ko", target_lang="en")
    write_article(project, "new", ["참석자들은 AI 윤리 원칙에 대해서도 의견을 교환했다."], langs=("en",), source_lang="ko")
    from tests.memory.helpers import unit

    [found] = suggest(project, "new", "en", unit("참석자들은 AI 윤리 원칙에 대해서도 의견을 교환했다.").key)
    assert found.text == "The participants also exchanged views on principles of AI ethics."
    assert found.origin.startswith("aligned from release-ko.txt + release-en.txt (")


def test_tmx_without_the_target_language_asked_for(project):
    with pytest.raises(InputError, match=r"archive-2024.tmx: no unit has a de translation \(found: en, ja\)"):
        archive.import_memory(project, TMX, target_lang="de")
