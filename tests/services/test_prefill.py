"""Prefill: only untranslated entries are filled, with provenance; dedupe, cache, limits, dry runs, resuming."""
from __future__ import annotations

import re

import pytest

from tests.memory.helpers import SENTENCES, unit, write_article, write_catalog
from tests.tagged import TAGGED, build_tagged_article
from tms.errors import UnsupportedLanguage
from tms.model import MachineInfo, SegmentState as S
from tms.mt.registry import get_engine
from tms.services.checking import check_catalog
from tms.services.prefill import open_engine, prefill
from tms.storage.pofile import load_catalog


@pytest.fixture
def libre(project, libre_server, monkeypatch):
    """The project's libre engine pointed at the local server through the environment."""
    monkeypatch.setenv("TMS_LIBRE_URL", libre_server.url)
    monkeypatch.setenv("TMS_LIBRE_BACKOFF", "0.01")
    return libre_server


def states(project, article_id, lang):
    return {u.source: (u.state, u.target) for u in load_catalog(project.po_path(article_id, lang)).units}


# -- the seed articles ------------------------------------------------------------------------------
def test_memory_engine_on_an_empty_memory_fills_nothing_and_says_why(seeded_project):
    before = {p: p.read_bytes() for p in seeded_project.locales_dir.rglob("*.po")}
    report = prefill(seeded_project)
    assert report.engine == "memory" and report.filled == 0
    assert report.segments > 0 and sum(r.no_match for r in report.languages.values()) == report.segments
    assert set(report.memory_entries.values()) == {0} and len(report.memory_entries) == 10
    assert {p: p.read_bytes() for p in seeded_project.locales_dir.rglob("*.po")} == before


def test_pseudo_fills_every_entry_of_the_seeds_once(seeded_project):
    report = prefill(seeded_project, engine="pseudo")
    assert report.filled == report.segments > 50
    assert len(report.saved) == 20
    catalog = load_catalog(seeded_project.po_path("mofa", "ar"))
    for u in catalog.active_units():
        assert u.state is S.MACHINE and u.machine.engine == "pseudo"
        assert u.target.startswith("[!! ") and u.machine.text == u.target
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", u.machine.date)
    assert prefill(seeded_project, engine="pseudo").segments == 0


def test_dedupe_and_cache_on_the_seeds(seeded_project, libre):
    report = prefill(seeded_project, engine="libre", langs=["ko", "ja"])
    assert report.filled == report.segments
    sent = [(r.params["target"], t) for r in libre.requests for t in r.texts]
    assert len(sent) == len(set(sent))                      # no text sent twice for a language
    assert report.languages["ko"].texts == sum(1 for lang, _ in sent if lang == "ko")
    assert report.requests == len(libre.requests) < report.segments / 10     # real batches


# -- human work is never touched ----------------------------------------------------------------------
def test_only_untranslated_active_entries_are_filled(project):
    done = {"ko": {"Seoul hosts the summit.": ("서울 정상회의", S.TRANSLATED),
                   "The talks went well.": ("회담은 잘 진행됐다.", S.APPROVED),
                   "Review this one.": ("검토", S.NEEDS_EDITING)}}
    write_article(project, "a", SENTENCES + ["Review this one.", "Left empty."], langs=("ko",), done=done)
    catalog = load_catalog(project.po_path("a", "ko"))
    catalog.units.append(unit("An old sentence.", is_obsolete=True))
    write_catalog(project, "a", "ko", catalog.units)
    before = {u.source: u for u in load_catalog(project.po_path("a", "ko")).units}
    report = prefill(project, engine="pseudo")
    after = {u.source: u for u in load_catalog(project.po_path("a", "ko")).units}
    assert report.filled == 2
    for source in ("Seoul hosts the summit.", "The talks went well.", "Review this one.", "An old sentence."):
        assert after[source] == before[source]
    assert after["Left empty."].state is S.MACHINE
    assert after["Ministers met on 27 March."].target.startswith("[!! Ṁîñîšŧéŕš")


def test_a_previous_msgid_is_dropped_when_an_empty_entry_is_filled(project):
    write_article(project, "a", ["Seoul hosts the summit."], langs=())
    write_catalog(project, "a", "ko", [unit("Seoul hosts the summit.", previous_source="Seoul hosted it.")])
    prefill(project, ["a"], engine="pseudo")
    u = load_catalog(project.po_path("a", "ko")).units[0]
    assert u.state is S.MACHINE and u.previous_source is None


def _engine_while_someone_edits(project, monkeypatch, text: str):
    """The pseudo engine, which lets a person translate the first segment of ``a`` (ko) while it works."""
    engine = get_engine("pseudo")
    real = engine.translate

    def translate_while_someone_edits(texts, source, target, progress=None):
        catalog = load_catalog(project.po_path("a", "ko"))
        catalog.units[0].target, catalog.units[0].state = text, S.TRANSLATED
        write_catalog(project, "a", "ko", catalog.units)
        return real(texts, source, target, progress)

    monkeypatch.setattr(engine, "translate", translate_while_someone_edits)
    return engine


def test_an_entry_filled_meanwhile_by_a_person_is_left_alone(project, monkeypatch):
    write_article(project, "a", SENTENCES, langs=("ko",))
    engine = _engine_while_someone_edits(project, monkeypatch, "사람이 쓴 번역")
    report = prefill(project, engine_object=engine)
    assert report.changed_meanwhile == 1 and report.filled == 2
    assert states(project, "a", "ko")["Seoul hosts the summit."] == (S.TRANSLATED, "사람이 쓴 번역")


def test_a_save_hidden_behind_stale_file_attributes_is_still_seen(project, monkeypatch):
    """On NFS another machine's save can leave this machine's cached time stamp, size and inode as they
    were: the prefill must still see the person's translation under the lock and keep it."""
    from tms.services import prefill as prefill_module

    write_article(project, "a", SENTENCES, langs=("ko",))
    scanned = prefill_module._file_identity(project.po_path("a", "ko"))
    monkeypatch.setattr(prefill_module, "_file_identity", lambda path: scanned)     # attributes never revalidated
    engine = _engine_while_someone_edits(project, monkeypatch, "다른 기계에서 쓴 번역")
    report = prefill(project, engine_object=engine)
    assert report.changed_meanwhile == 1
    assert states(project, "a", "ko")["Seoul hosts the summit."] == (S.TRANSLATED, "다른 기계에서 쓴 번역")


# -- engines, memory and cache ------------------------------------------------------------------------
def test_memory_matches_are_recorded_with_their_score(project):
    done = {"ko": {"The minister visited Seoul on Monday.": ("장관은 월요일에 서울을 방문했다.", S.APPROVED)}}
    write_article(project, "old", ["The minister visited Seoul on Monday."], langs=("ko",), done=done)
    write_article(project, "new", ["The minister visited Busan on Monday.", "Something else entirely."],
                  langs=("ko",))
    report = prefill(project, ["new"])
    units = {u.source: u for u in load_catalog(project.po_path("new", "ko")).units}
    match = units["The minister visited Busan on Monday."]
    assert match.state is S.MACHINE and match.machine.engine == "memory"
    assert 75 <= match.machine.score < 100 and match.target == "장관은 월요일에 서울을 방문했다."
    assert report.languages["ko"].memory == 1 and report.languages["ko"].no_match == 1


def test_the_memory_engine_reads_each_catalog_once_and_reports_broken_ones(project, monkeypatch):
    from tms.memory import index as index_module

    done = {"ko": {"The minister visited Seoul on Monday.": ("장관은 월요일에 서울을 방문했다.", S.APPROVED)}}
    write_article(project, "old", ["The minister visited Seoul on Monday."], langs=("ko",), done=done)
    write_article(project, "new", ["The minister visited Seoul on Monday."], langs=("ko",))
    write_article(project, "broken", ["Anything."], langs=("ko",))
    project.po_path("broken", "ko").write_text('msgid "unterminated\n', encoding="utf-8")
    reads = []
    real = index_module.load_catalog
    monkeypatch.setattr(index_module, "load_catalog", lambda path: reads.append(path) or real(path))
    report = prefill(project, ["new"])
    assert report.filled == 1
    assert project.po_path("new", "ko") not in reads           # scanned once, handed to the memory's index
    assert len(report.memory_problems) == 1 and "broken.po" in report.memory_problems[0]


def test_exact_memory_matches_come_free_before_a_remote_engine(project, libre):
    done = {"ko": {"Seoul hosts the summit.": ("서울이 정상회의를 연다.", S.TRANSLATED)}}
    write_article(project, "old", ["Seoul hosts the summit."], langs=("ko",), done=done)
    write_article(project, "new", SENTENCES, langs=("ko",))
    report = prefill(project, ["new"], engine="libre")
    assert [t for r in libre.requests for t in r.texts] == ["Ministers met on [X1X] March.", "The talks went well."]
    u = load_catalog(project.po_path("new", "ko")).find(unit("Seoul hosts the summit.").key)
    assert u.machine == MachineInfo("memory", "서울이 정상회의를 연다.", u.machine.date, 100.0, origin="old")
    assert report.languages["ko"].memory == 1 and report.languages["ko"].translated == 2


def test_texts_are_sent_once_across_articles_and_cached_for_the_next_run(project, libre):
    write_article(project, "a", SENTENCES, langs=("ko", "ja", "fr"))
    write_article(project, "b", SENTENCES[:2] + ["Only in b."], langs=("ko", "ja", "fr"))
    report = prefill(project, engine="libre")
    assert len(libre.requests) == 3                        # one batch per language
    assert all(len(r.texts) == 4 for r in libre.requests)  # 4 distinct texts for 6 entries
    assert report.filled == 18 and report.languages["fr"].texts == 4
    write_article(project, "c", SENTENCES, langs=("ko", "ja", "fr"))
    again = prefill(project, ["c"], engine="libre")
    assert len(libre.requests) == 3 and again.requests == 0
    assert sum(r.cached for r in again.languages.values()) == 9


def test_a_rejected_translation_stays_untranslated_and_is_reported(project, libre):
    write_article(project, "a", SENTENCES, langs=("ko",))
    libre.script("drop")
    report = prefill(project, engine="libre")
    assert states(project, "a", "ko")["Ministers met on 27 March."] == (S.UNTRANSLATED, "")
    assert states(project, "a", "ko")["Seoul hosts the summit."][0] is S.MACHINE
    [rejection] = report.rejections
    assert rejection.where == "locales/ko/LC_MESSAGES/a.po" and rejection.reason == "placeholder lost '27'"


def test_an_engine_that_stays_down_fills_nothing_and_says_so(project, libre, monkeypatch):
    monkeypatch.setenv("TMS_LIBRE_RETRIES", "1")
    write_article(project, "a", SENTENCES, langs=("ko",))
    libre.script(*["500"] * 10)
    report = prefill(project, engine="libre")
    assert report.filled == 0 and list(report.failures.values()) == [3]
    assert "server error (HTTP 500)" in next(iter(report.failures))
    assert all(state is S.UNTRANSLATED for state, _ in states(project, "a", "ko").values())


def test_keys_never_reach_the_catalogs(project, libre, monkeypatch):
    monkeypatch.setenv("TMS_LIBRE_API_KEY", "SECRET-KEY-77")
    libre.state.api_key = "SECRET-KEY-77"
    write_article(project, "a", SENTENCES, langs=("ko",))
    assert prefill(project, engine="libre").filled == 3
    for path in project.root.rglob("*"):
        if path.is_file():
            assert b"SECRET-KEY-77" not in path.read_bytes(), path


# -- choosing, limiting, planning ---------------------------------------------------------------------
def test_limit_fills_at_most_n_entries_and_the_next_run_continues(project):
    write_article(project, "a", SENTENCES, langs=("ko", "ja"))
    first = prefill(project, engine="pseudo", limit=4)
    assert first.filled == 4 and first.languages["ja"].skipped == 2
    second = prefill(project, engine="pseudo")
    assert second.filled == 2


def test_languages_can_be_chosen(project):
    write_article(project, "a", SENTENCES, langs=("ko", "ja"))
    prefill(project, engine="pseudo", langs=["ja"])
    assert all(state is S.UNTRANSLATED for state, _ in states(project, "a", "ko").values())
    assert all(state is S.MACHINE for state, _ in states(project, "a", "ja").values())


def test_an_unsupported_pair_stops_everything_before_sending(project, libre):
    write_article(project, "a", SENTENCES, langs=("ko", "ja"))
    before = project.po_path("a", "ja").read_bytes()
    with pytest.raises(UnsupportedLanguage, match="'deepl' does not translate en→ko"):
        prefill(project, engine="deepl")
    assert project.po_path("a", "ja").read_bytes() == before


def test_dry_run_counts_without_sending_or_writing(project, libre):
    done = {"ko": {"Seoul hosts the summit.": ("서울이 정상회의를 연다.", S.TRANSLATED)}}
    write_article(project, "old", ["Seoul hosts the summit."], langs=("ko",), done=done)
    write_article(project, "a", SENTENCES + ["2017-03-27"], langs=("ko", "ja"))
    write_article(project, "b", SENTENCES, langs=("ko", "ja"))
    open_engine(project, "libre").cache.put_many(open_engine(project, "libre").identity, "en", "ja",
                                                 [("The talks went well.", "会談は順調だった。", None)])
    before = project.po_path("a", "ko").read_bytes()
    report = prefill(project, ["a", "b"], engine="libre", dry_run=True)
    ko, ja = report.languages["ko"], report.languages["ja"]
    assert (ko.segments, ko.memory, ko.cached, ko.copied, ko.translated) == (7, 2, 0, 1, 4)
    assert (ja.segments, ja.memory, ja.cached, ja.copied, ja.translated) == (7, 0, 2, 1, 4)
    assert ko.texts == 2 and ja.texts == 2
    assert ko.chars == len("Ministers met on [X1X] March.") + len("The talks went well.")
    assert ko.requests == 1
    assert libre.requests == [] and project.po_path("a", "ko").read_bytes() == before


# -- interruption -------------------------------------------------------------------------------------
def test_an_interrupted_run_keeps_finished_articles_and_the_next_run_resumes(project, libre):
    for name in ("a", "b", "c"):
        write_article(project, name, [f"{s} ({name})" for s in SENTENCES], langs=("ko",))
    engine = open_engine(project, "libre")
    real = engine._translate
    calls = []

    def fail_on_second_article(texts, source, target):
        calls.append(texts)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(texts, source, target)

    engine._translate = fail_on_second_article
    with pytest.raises(KeyboardInterrupt):
        prefill(project, engine_object=engine, chunk_segments=1)
    assert all(state is S.MACHINE for state, _ in states(project, "a", "ko").values())
    assert all(state is S.UNTRANSLATED for state, _ in states(project, "b", "ko").values())
    report = prefill(project, engine="libre")
    assert report.filled == 6 and report.languages["ko"].cached == 0
    assert all(state is S.MACHINE for n in "bc" for state, _ in states(project, n, "ko").values())


def test_pseudo_keeps_the_inline_tags_of_tagged_segments(project):
    build_tagged_article(project, langs=("ja", "ar"))
    report = prefill(project, engine="pseudo")
    assert report.filled == report.segments == 2 * len(TAGGED) and not report.rejections
    units = load_catalog(project.po_path("tagged", "ar")).active_units()
    assert units[1].target.startswith("[!! Ŕéàđ ŧĥé <a1>ĵöîñŧ šŧàŧéɱéñŧ</a1> öƒ ŧĥé <b2>65 ñàŧîöñš</b2>.<br/>")
    assert "<img1/>" in units[2].target and "<sub2>2</sub2>" in units[2].target
    assert [f for f in check_catalog(project, "tagged", "ar") if f.check_id == "markup"] == []
