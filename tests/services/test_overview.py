"""The dashboard's overview: statistics of every catalog, refreshed only where folders changed."""
from __future__ import annotations

import os
from datetime import date, datetime, timezone

import pytest

from tms.model import Approval, CatalogStats, PublicationStatus, SegmentState, StateCounts
from tms.services import overview as overview_module
from tms.services.overview import Overview, stage
from tms.services.reports import summarize
from tms.services.stats import collect_stats
from tms.storage.pofile import load_catalog, save_catalog
from tests.web.factory import build_article


def _stats(publication=PublicationStatus.DRAFT, **segments) -> CatalogStats:
    by_state = {s: StateCounts(segments.get(s.name.lower(), 0), 0) for s in SegmentState}
    return CatalogStats("a", "ja", by_state, publication)


@pytest.mark.parametrize("stats, expected", [
    (_stats(untranslated=4), "draft"),
    (_stats(untranslated=2, machine=2), "machine"),
    (_stats(needs_editing=1, untranslated=3), "machine"),
    (_stats(machine=3, translated=1), "review"),
    (_stats(untranslated=3, approved=1), "review"),
    (_stats(PublicationStatus.UNOFFICIAL, translated=4), "unofficial"),
    (_stats(PublicationStatus.OFFICIAL, approved=4), "official"),
])
def test_stages(stats, expected):
    assert stage(stats) == expected


@pytest.fixture
def projects(project):
    build_article(project, "alpha", langs=("ja", "de"))
    build_article(project, "beta", langs=("ja",), machine=False)
    return project


def _age_folders(project):
    # Folder times well in the past, as on a server where nothing changed for a while.
    past = datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp()
    for folder in [project.templates_dir] + [p.parent for p in project.locales_dir.glob("*/LC_MESSAGES/*.po")]:
        os.utime(folder, (past, past))


def test_overview_matches_the_statistics_service(projects):
    view = Overview(projects)
    view.refresh()
    assert view.articles() == ["alpha", "beta"]
    assert set(view.entries("ja")) == {"alpha", "beta"} and set(view.entries("de")) == {"alpha"}
    assert view.entries("ar") == {}
    assert view.entry("alpha", "ja").stage == "machine" and view.entry("beta", "ja").stage == "draft"
    assert view.totals("ja") == summarize(collect_stats(projects, langs=["ja"]))
    assert view.entry("alpha", "ja").day == datetime.now(timezone.utc).date()


def test_only_changed_folders_are_listed_again(projects, monkeypatch):
    _age_folders(projects)
    view = Overview(projects)
    view.refresh()
    listed = []
    real = overview_module._listing
    monkeypatch.setattr(overview_module, "_listing", lambda folder, suffix: listed.append(folder) or real(folder, suffix))
    view.refresh()
    assert listed == []
    path = projects.po_path("beta", "ja")
    catalog = load_catalog(path)
    for unit in catalog.units:
        unit.target, unit.state = "訳", SegmentState.APPROVED
        unit.approval = Approval("rita", "2026-11-23T10:00:00Z")
    save_catalog(path, catalog)
    view.refresh()
    assert listed == [path.parent]
    assert view.entry("beta", "ja").stage == "unofficial"
    assert view.totals("ja")["unofficial"] == 1
    assert view.matching(["ja"], "unofficial") == ["beta"]


def test_new_and_removed_articles(projects):
    view = Overview(projects)
    view.refresh()
    build_article(projects, "gamma", langs=("ja",))
    view.refresh()
    assert view.articles() == ["alpha", "beta", "gamma"]
    for path in [projects.pot_path("alpha"), projects.po_path("alpha", "ja"), projects.po_path("alpha", "de")]:
        path.unlink()
    view.refresh()
    assert view.articles() == ["beta", "gamma"] and view.entry("alpha", "ja") is None
    assert view.entries("de") == {}


def test_a_corrupt_catalog_is_reported_not_fatal(projects):
    projects.po_path("beta", "ja").write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    view = Overview(projects)
    view.refresh()
    assert view.entry("alpha", "ja") is not None and view.entry("beta", "ja") is None
    (error,) = view.errors()
    assert error.startswith("locales/ja/LC_MESSAGES/beta.po:") and str(projects.root) not in error
    build_article(projects, "beta", langs=("ja",), machine=False)
    view.refresh()
    assert view.errors() == [] and view.entry("beta", "ja").stage == "draft"


def test_matching_by_stage_and_day(projects):
    view = Overview(projects)
    view.refresh()
    today = datetime.now(timezone.utc).date()
    assert view.matching(["ja"], "machine") == ["alpha"]
    assert view.matching(["ja", "de"], "draft") == ["alpha", "beta"]      # alpha's German is a draft
    assert view.matching(["de"], "machine") == []
    assert view.matching(["ja"], None, today, today) == ["alpha", "beta"]
    assert view.matching(["ja"], None, date(2000, 1, 1), date(2000, 1, 2)) == []
    assert view.matching(["ja"], "draft", first=today) == ["beta"]


def test_warm_up_gathers_in_the_background(projects):
    overview_module.warm_up(projects).join(timeout=30)
    view = overview_module._OVERVIEWS[str(projects.root)]
    assert view.articles() == ["alpha", "beta"] and view.entry("alpha", "de") is not None


# -- error counts ---------------------------------------------------------------------------------
@pytest.fixture
def checked(monkeypatch):
    """The catalogs the checks run over, in order."""
    from tms.services import checking

    runs = []
    real = checking.check_catalog
    monkeypatch.setattr(checking, "check_catalog",
                        lambda project, article_id, lang, **options: runs.append((article_id, lang))
                        or real(project, article_id, lang, **options))
    return runs


PAIRS = [("alpha", "ja"), ("alpha", "de"), ("beta", "ja"), ("beta", "de")]


def test_error_counts_are_counted_once_per_version_of_a_catalog(projects, checked):
    view = Overview(projects)
    view.refresh()
    # the pseudo engine's two machine translations are errors; beta has no German catalog
    assert view.error_counts(PAIRS) == {("alpha", "ja"): 2, ("alpha", "de"): 0, ("beta", "ja"): 0}
    assert sorted(checked) == [("alpha", "de"), ("alpha", "ja"), ("beta", "ja")]
    checked.clear()
    assert view.error_counts(PAIRS)[("alpha", "ja")] == 2 and checked == []          # kept
    path = projects.po_path("alpha", "ja")
    catalog = load_catalog(path)
    catalog.units[0].target, catalog.units[0].state, catalog.units[0].machine = "日韓、合意", SegmentState.TRANSLATED, None
    save_catalog(path, catalog)
    view.refresh()
    assert view.error_counts(PAIRS)[("alpha", "ja")] == 1 and checked == [("alpha", "ja")]   # only what changed


def test_error_counts_follow_the_checks_settings_and_the_glossary(projects, checked):
    view = Overview(projects)
    view.refresh()
    assert view.error_counts([("alpha", "ja"), ("alpha", "de")]) == {("alpha", "ja"): 2, ("alpha", "de"): 0}
    projects.config_path.write_text('[checks]\ndisabled = ["pseudo"]\n', encoding="utf-8")
    checked.clear()
    assert view.error_counts([("alpha", "ja"), ("alpha", "de")]) == {("alpha", "ja"): 0, ("alpha", "de"): 0}
    assert sorted(checked) == [("alpha", "de"), ("alpha", "ja")]
    (projects.root / "glossary").mkdir()
    (projects.root / "glossary" / "ja.csv").write_text("source,target\nministers,閣僚\n", encoding="utf-8")
    checked.clear()
    view.error_counts([("alpha", "ja"), ("alpha", "de")])
    assert checked == [("alpha", "ja")]                          # a Japanese glossary: German counts still hold


def test_error_counts_are_kept_for_the_next_process(projects, checked):
    Overview(projects).refresh()
    first = Overview(projects)
    first.refresh()
    assert first.error_counts([("alpha", "ja")]) == {("alpha", "ja"): 2}
    checked.clear()
    later = Overview(projects)                                   # as after a restart, or in another worker
    later.refresh()
    assert later.error_counts([("alpha", "ja")]) == {("alpha", "ja"): 2} and checked == []


def test_a_catalog_that_cannot_be_checked_has_no_count(projects, checked):
    view = Overview(projects)
    view.refresh()
    projects.config_path.write_text('[checks]\ndisabled = ["no-such-check"]\n', encoding="utf-8")
    assert view.error_counts([("alpha", "ja")]) == {}
    projects.config_path.unlink()
    for path in (projects.pot_path("beta"), projects.po_path("beta", "ja")):      # no source language left
        catalog = load_catalog(path)
        del catalog.headers["X-Source-Language"]
        catalog.source_language = ""
        save_catalog(path, catalog)
    view.refresh(full=True)
    assert view.entry("beta", "ja") is not None
    assert view.error_counts([("alpha", "ja"), ("beta", "ja")]) == {("alpha", "ja"): 2}
    assert ("beta", "ja") in checked


def test_the_warm_up_counts_every_catalogs_errors_in_the_background(projects, checked):
    import threading

    overview_module.warm_up(projects).join(timeout=30)
    for thread in threading.enumerate():
        if thread.name == "tms-error-counts":
            thread.join(timeout=30)
    assert sorted(checked) == [("alpha", "de"), ("alpha", "ja"), ("beta", "ja")]
    checked.clear()
    view = overview_module.get_overview(projects)
    assert view.error_counts(PAIRS) == {("alpha", "ja"): 2, ("alpha", "de"): 0, ("beta", "ja"): 0}
    assert checked == []
    Overview(projects).count_every_error()                       # another process: every count is kept
    assert checked == []
