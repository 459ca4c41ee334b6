"""The statistics service: word counts, machine share, per-file caching, selection and the reports."""
from __future__ import annotations

import multiprocessing
import os
import sqlite3

import pytest

from tms.errors import CatalogError, InputError, NotFound
from tms.model import Approval, Catalog, Certification, MachineInfo, PublicationStatus, SegmentState, Unit
from tms.services import stats as stats_module
from tms.services.stats import (
    catalog_stats,
    collect_stats,
    compute_stats,
    count_words,
    unmodified_share,
)
from tms.storage.pofile import load_catalog, save_catalog


def translate(project, article_id: str, lang: str, count: int, state=SegmentState.TRANSLATED, text="«{}»"):
    """Give the first ``count`` units of a catalog a target in ``state``; returns the catalog."""
    path = project.po_path(article_id, lang)
    catalog = load_catalog(path)
    for unit in catalog.active_units()[:count]:
        unit.target = text.format(unit.source)
        unit.state = state
        if state is SegmentState.MACHINE:
            unit.machine = MachineInfo("memory", unit.target)
        if state is SegmentState.APPROVED:
            unit.approval = Approval("alice", "2026-11-23")
    save_catalog(path, catalog)
    return catalog


# -- words and machine share -----------------------------------------------------------------------
@pytest.mark.parametrize("text, words", [
    ("Foreign Minister Yun attended a meeting.", 6),
    ("65 countries and 3 international organizations -- 52 officials", 8),
    ("윤병세 외교부 장관은 회의에 참석했다.", 5),                 # Korean: spaced words
    ("外務大臣が会議に出席した。", 12),                          # Japanese: one per kanji and kana
    ("外交部长出席了会议。", 9),                                 # Chinese: one per character
    ("وزير الخارجية يحضر الاجتماع", 4),
    ("Bộ trưởng Ngoại giao Yun", 5),
    ("ISIS（イスラム国）の2017年", 9),                          # mixed: ISIS, 2017 and 7 kana/kanji
    ("— • …", 0),
    ("", 0),
])
def test_count_words(text, words):
    assert count_words(text) == words


def test_unmodified_share():
    untouched = Unit("a", "Machine text.", machine=MachineInfo("memory", "Machine text."))
    assert unmodified_share(untouched) == 1.0
    edited = Unit("a", "Machine text!", machine=MachineInfo("memory", "Machine text."))
    assert 0.9 < unmodified_share(edited) < 1.0
    rewritten = Unit("a", "Völlig anders", machine=MachineInfo("memory", "Machine text."))
    assert unmodified_share(rewritten) < 0.5
    assert unmodified_share(Unit("a", "Human")) == 0.0
    cleared = Unit("a", "", machine=MachineInfo("memory", "Machine text."))
    assert unmodified_share(cleared) == 0.0
    plural = Unit("a", "", source_plural="b", plural_targets={0: "x", 1: "y"}, machine=MachineInfo("m", "x"))
    assert unmodified_share(plural) == 1.0


def test_compute_stats_counts_states_words_and_weighted_share():
    units = [
        Unit("one two three four", "eins zwei drei vier", state=SegmentState.MACHINE,
             machine=MachineInfo("memory", "eins zwei drei vier")),
        Unit("one", "ganz anders", state=SegmentState.TRANSLATED, machine=MachineInfo("memory", "eins")),
        Unit("five six", "fünf sechs", state=SegmentState.APPROVED),
        Unit("seven", "", state=SegmentState.UNTRANSLATED),
        Unit("old words here", "alt", state=SegmentState.TRANSLATED, is_obsolete=True),
    ]
    stats = compute_stats(Catalog("a", "de", "en", units))
    assert stats.by_state[SegmentState.MACHINE].segments == 1 and stats.by_state[SegmentState.MACHINE].words == 4
    assert stats.by_state[SegmentState.TRANSLATED].words == 1
    assert stats.by_state[SegmentState.UNTRANSLATED].segments == 1
    assert stats.total.segments == 4 and stats.total.words == 8
    assert stats.machine_words == 5
    share_of_edited = unmodified_share(units[1])
    assert stats.unmodified_machine_share == pytest.approx((4 * 1.0 + 1 * share_of_edited) / 5)
    assert stats.publication is PublicationStatus.DRAFT
    assert stats.source_language == "en" and stats.language == "de"


def test_publication_status_follows_the_catalog():
    units = [Unit("a", "b", state=SegmentState.TRANSLATED)]
    catalog = Catalog("a", "de", "en", units)
    assert compute_stats(catalog).publication is PublicationStatus.UNOFFICIAL
    catalog.certification = Certification("alice", "2026-11-23", catalog.translations_digest())
    assert compute_stats(catalog).publication is PublicationStatus.OFFICIAL


# -- the cache -------------------------------------------------------------------------------------
def _forbid_reading(monkeypatch):
    def refuse(path):
        raise AssertionError(f"read {path} although it is cached")
    monkeypatch.setattr(stats_module, "load_catalog", refuse)


def test_catalog_stats_are_cached_until_the_file_changes(seeded_project, monkeypatch):
    first = catalog_stats(seeded_project, "mofa", "ja")
    assert first.by_state[SegmentState.UNTRANSLATED].segments == first.total.segments > 0
    assert first.article_id == "mofa" and first.language == "ja" and first.source_language == "en"
    with monkeypatch.context() as patch:
        _forbid_reading(patch)
        assert catalog_stats(seeded_project, "mofa", "ja") == first
    translate(seeded_project, "mofa", "ja", 3)
    changed = catalog_stats(seeded_project, "mofa", "ja")
    assert changed.by_state[SegmentState.TRANSLATED].segments == 3
    assert changed.mtime >= first.mtime


def test_cache_notices_a_replaced_file_of_the_same_size_and_time(seeded_project):
    path = seeded_project.po_path("mofa", "de")
    catalog = load_catalog(path)
    first, second = catalog.active_units()[:2]
    first.target, first.state = "xx", SegmentState.TRANSLATED
    save_catalog(path, catalog)
    assert catalog_stats(seeded_project, "mofa", "de").by_state[SegmentState.TRANSLATED].segments == 1
    stat = os.stat(path)
    first.target, second.target, second.state = "x", "y", SegmentState.TRANSLATED
    save_catalog(path, catalog)          # a new file by atomic rename, as editors save
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert os.stat(path).st_size == stat.st_size and os.stat(path).st_mtime_ns == stat.st_mtime_ns
    assert catalog_stats(seeded_project, "mofa", "de").by_state[SegmentState.TRANSLATED].segments == 2


def test_a_damaged_cache_is_rebuilt(seeded_project, monkeypatch):
    expected = collect_stats(seeded_project)
    cache = seeded_project.state_dir / stats_module.CACHE_NAME
    for suffix in ("-wal", "-shm"):
        cache.with_name(cache.name + suffix).unlink(missing_ok=True)
    cache.write_bytes(b"this is not a database" * 100)
    assert collect_stats(seeded_project) == expected
    with monkeypatch.context() as patch:
        _forbid_reading(patch)
        assert collect_stats(seeded_project) == expected


def test_a_busy_cache_is_bypassed_not_deleted(seeded_project, monkeypatch):
    expected = collect_stats(seeded_project, ids=["mofa"])
    cache = seeded_project.state_dir / stats_module.CACHE_NAME

    def busy(self):
        raise sqlite3.OperationalError("database is locked")
    monkeypatch.setattr(stats_module._Cache, "_open", busy)
    assert collect_stats(seeded_project, ids=["mofa"]) == expected
    monkeypatch.undo()
    assert cache.exists()
    with monkeypatch.context() as patch:
        _forbid_reading(patch)
        assert collect_stats(seeded_project, ids=["mofa"]) == expected


def test_a_new_counting_version_recomputes(seeded_project, monkeypatch):
    collect_stats(seeded_project, ids=["mofa"])
    monkeypatch.setattr(stats_module, "STATS_VERSION", stats_module.STATS_VERSION + 1)
    calls = []
    real = stats_module.load_catalog
    monkeypatch.setattr(stats_module, "load_catalog", lambda path: calls.append(path) or real(path))
    collect_stats(seeded_project, ids=["mofa"])
    assert len(calls) == 10


def test_unwritable_state_folder_still_answers(seeded_project):
    seeded_project.state_dir.mkdir(exist_ok=True)
    (seeded_project.state_dir / stats_module.CACHE_NAME).mkdir()     # a folder where the database belongs
    assert len(collect_stats(seeded_project)) == 20


@pytest.fixture
def snapshot_from_one(monkeypatch):
    """Use the snapshot from the first catalog on (it is meant for thousands)."""
    monkeypatch.setattr(stats_module, "SNAPSHOT_FROM", 1)


def test_many_catalogs_are_read_from_the_snapshot(seeded_project, snapshot_from_one, monkeypatch):
    expected = collect_stats(seeded_project)
    snapshot = seeded_project.state_dir / stats_module.SNAPSHOT_NAME
    assert snapshot.is_file()
    written = snapshot.stat().st_mtime_ns
    with monkeypatch.context() as patch:
        _forbid_reading(patch)
        patch.setattr(stats_module._Cache, "lookup", lambda self, keys: pytest.fail(f"asked SQLite for {keys}"))
        assert collect_stats(seeded_project) == expected          # all from the snapshot, nothing else
    assert snapshot.stat().st_mtime_ns == written                 # and nothing to write back


def test_the_snapshot_never_hides_a_changed_file(seeded_project, snapshot_from_one):
    collect_stats(seeded_project)
    translate(seeded_project, "mofa", "de", 2)
    found = {(s.article_id, s.language): s for s in collect_stats(seeded_project)}
    assert found[("mofa", "de")].by_state[SegmentState.TRANSLATED].segments == 2
    # the snapshot now holds the new figures too
    again = {(s.article_id, s.language): s for s in collect_stats(seeded_project)}
    assert again == found


def test_a_snapshot_behind_the_database_is_filled_from_it(seeded_project, snapshot_from_one, monkeypatch):
    expected = collect_stats(seeded_project)
    snapshot = seeded_project.state_dir / stats_module.SNAPSHOT_NAME
    snapshot.write_bytes(b"damaged")
    with monkeypatch.context() as patch:
        _forbid_reading(patch)                                    # SQLite still has every figure
        assert collect_stats(seeded_project) == expected
    from tms.storage.snapshot import read_snapshot

    assert len(read_snapshot(snapshot, stats_module.STATS_VERSION)) == len(expected)


def _collect_in_child(root: str, queue) -> None:
    from tms.storage.layout import Project

    queue.put([(s.article_id, s.language, s.total.segments) for s in collect_stats(Project(root))])


def test_several_processes_share_the_cache(seeded_project):
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    children = [context.Process(target=_collect_in_child, args=(str(seeded_project.root), queue)) for _ in range(3)]
    for child in children:
        child.start()
    answers = [queue.get(timeout=60) for _ in children]
    for child in children:
        child.join(timeout=60)
        assert child.exitcode == 0
    assert answers[0] == answers[1] == answers[2] and len(answers[0]) == 20
    with sqlite3.connect(seeded_project.state_dir / stats_module.CACHE_NAME) as db:
        assert db.execute("SELECT count(*) FROM stats").fetchone()[0] == 20


# -- selection -------------------------------------------------------------------------------------
def test_collect_stats_selects_articles_and_languages(seeded_project):
    everything = collect_stats(seeded_project)
    assert len(everything) == 20
    assert [s.language for s in everything[:10]] == ["ko", "ja", "zh", "ar", "es", "fr", "de", "ru", "vi", "id"]
    assert [s.article_id for s in everything] == ["korea-net"] * 10 + ["mofa"] * 10
    chosen = collect_stats(seeded_project, ids=["mofa"], langs=["zh", "ja", "en"])
    assert [(s.article_id, s.language) for s in chosen] == [("mofa", "ja"), ("mofa", "zh")]


def test_many_catalogs_are_found_folder_by_folder(seeded_project):
    import shutil

    for number in range(9):     # 11 articles x 11 languages: over the threshold of the folder-wise lookup
        copy = f"copy-{number}"
        shutil.copy(seeded_project.pot_path("mofa"), seeded_project.pot_path(copy))
        for lang in seeded_project.catalog_languages("mofa"):
            if number != 3 or lang != "ja":          # one article without a Japanese catalog
                shutil.copy(seeded_project.po_path("mofa", lang), seeded_project.po_path(copy, lang))
    everything = collect_stats(seeded_project)
    assert len(everything) == 11 * 10 - 1
    assert ("copy-3", "ja") not in {(s.article_id, s.language) for s in everything}
    one_by_one = [catalog_stats(seeded_project, s.article_id, s.language) for s in everything]
    assert everything == one_by_one


def test_collect_stats_refuses_unknown_articles_and_languages(seeded_project):
    with pytest.raises(NotFound, match="unknown article 'nope'"):
        collect_stats(seeded_project, ids=["nope"])
    with pytest.raises(InputError, match="unknown language code 'xx'"):
        collect_stats(seeded_project, langs=["xx"])
    with pytest.raises(NotFound, match="has no en catalog"):
        catalog_stats(seeded_project, "mofa", "en")


def test_progress_is_reported_for_uncached_catalogs(seeded_project):
    calls = []
    collect_stats(seeded_project, ids=["mofa"], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, 10) for n in range(1, 11)]
    calls.clear()
    collect_stats(seeded_project, ids=["mofa"], progress=lambda done, total: calls.append((done, total)))
    assert calls == []


def test_corrupt_catalog_names_file_and_line(seeded_project):
    path = seeded_project.po_path("mofa", "fr")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[24] = 'msgstr "unterminated'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        collect_stats(seeded_project)
    assert caught.value.path == str(path) and caught.value.line == 25
    assert str(caught.value).startswith(f"{path}:25: ")
