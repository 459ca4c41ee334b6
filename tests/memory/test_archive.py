"""The archive memory store: units added once whatever the origin, concurrent writers, and the archive
serving the translation memory beside the catalogs."""
from __future__ import annotations

from datetime import datetime, timezone

from tests.concurrency import at_once, in_processes
from tests.memory.helpers import unit, write_catalog
from tms.memory import load_memory
from tms.memory.archive import ALIGNED, ArchiveStore, ArchiveUnit
from tms.model import SegmentState as S
from tms.storage.layout import Project

DATE = datetime(2024, 6, 2, tzinfo=timezone.utc)


def _unit(source: str, target: str, **extra) -> ArchiveUnit:
    return ArchiveUnit("en", "ko", source, target, **extra)


def test_a_unit_is_added_once_whatever_file_it_comes_from(project):
    store = ArchiveStore.for_project(project)
    assert store.add([_unit("One.", "하나.", origin="a.tmx"), _unit("Two.", "둘.", origin="a.tmx"),
                      _unit("One.", "하나.", origin="a.tmx")]) == 2
    assert store.add([_unit("One.", "하나.", origin="b.tmx"), _unit("One.", "일.", origin="b.tmx")]) == 1
    assert sorted((u.source, u.target, u.origin) for u in store.units()) == [
        ("One.", "일.", "b.tmx"), ("One.", "하나.", "a.tmx"), ("Two.", "둘.", "a.tmx")]
    stats = store.stats()
    assert (stats.total, stats.pairs, stats.origins) == (3, {("en", "ko"): 3}, [("a.tmx", 2), ("b.tmx", 1)])


def test_search_finds_either_side_case_blind_and_takes_wildcards_literally(project):
    store = ArchiveStore.for_project(project)
    store.add([_unit("Seoul hosts the SUMMIT.", "서울이 정상회의를 연다."), _unit("Rates rose 5%.", "금리가 5% 올랐다."),
               _unit("Rates rose 55 points.", "금리가 55포인트 올랐다.")])
    assert [u.source for u in store.search("summit")] == ["Seoul hosts the SUMMIT."]
    assert [u.target for u in store.search("정상회의")] == ["서울이 정상회의를 연다."]
    assert [u.source for u in store.search("5%")] == ["Rates rose 5%."]
    assert store.search("summit", source_lang="ko") == []


def _add_in_process(root: str, start: int) -> None:
    store = ArchiveStore.for_project(Project(root))
    for offset in range(0, 200, 50):
        store.add([_unit(f"Sentence {n}.", f"문장 {n}.") for n in range(start + offset, start + offset + 50)])


def test_concurrent_importers_lose_and_double_nothing(project):
    ArchiveStore.for_project(project)       # the schema, before the writers race
    root = str(project.root)
    assert in_processes(_add_in_process, [(root, 0), (root, 100), (root, 150)]) == [0, 0, 0]
    units = list(ArchiveStore.for_project(project).units())
    assert sorted(u.source for u in units) == sorted(f"Sentence {n}." for n in range(350))


def test_threads_adding_the_same_units_add_them_once(project):
    store = ArchiveStore.for_project(project)
    batch = [_unit(f"Line {n}.", f"줄 {n}.") for n in range(300)]
    added = at_once(store.add, [(batch,)] * 4)
    assert sum(added) == 300 and store.stats().total == 300


def test_the_memory_offers_archive_units_with_their_origin_after_the_catalogs(project):
    write_catalog(project, "a", "ko", [unit("Two.", "둘.", S.TRANSLATED)])
    ArchiveStore.for_project(project).add([
        _unit("One.", "하나.", origin="old.tmx", date=DATE),
        _unit("Two.", "이.", origin="old.tmx"),
        _unit("Three people came.", "세 사람이 왔다.", kind=ALIGNED, origin="a.txt + b.txt", confidence=0.8)])
    memory, _ = load_memory(project)
    one = memory.best("One.", "en", "ko")
    assert (one.target, one.score, one.entry.origin) == ("하나.", 100.0, "imported from old.tmx, 2024-06-02")
    assert memory.best("Two.", "en", "ko").target == "둘."          # the catalog's, before the archive's
    fuzzy = memory.best("Three people came!", "en", "ko")
    assert fuzzy.target == "세 사람이 왔다." and fuzzy.score < 100
    assert fuzzy.entry.origin == "aligned from a.txt + b.txt (0.80)" and fuzzy.entry.kind == ALIGNED
    assert memory.size("en", "ko") == 4


def test_a_project_without_a_database_gets_none_from_the_memory(project):
    write_catalog(project, "a", "ko", [unit("Two.", "둘.", S.TRANSLATED)])
    memory, _ = load_memory(project)
    assert memory.size("en", "ko") == 1
    assert not (project.state_dir / "tms.sqlite3").exists()


def test_describe_says_kind_file_confidence_and_date():
    assert _unit("a", "b", origin="x.tmx", date=DATE).describe() == "imported from x.tmx, 2024-06-02"
    assert _unit("a", "b", kind=ALIGNED, origin="k.html + e.html", confidence=0.5).describe() == \
        "aligned from k.html + e.html (0.50)"
