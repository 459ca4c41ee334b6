"""Prefill with an engine chain: memory first, then Apertium for the languages it serves; the seeds in
Spanish and French from a fresh install."""
from __future__ import annotations

import pytest

from tests.memory.helpers import write_article
from tests.mt.apy_server import require_apertium
from tms.errors import UnsupportedLanguage
from tms.model import SegmentState as S
from tms.services.prefill import default_engine, prefill
from tms.storage.pofile import load_catalog

NEWS = ["The government will announce new measures on Monday.", "The meeting was held in Washington.",
        "Read <a1>the full statement</a1> on the ministry's website."]


@pytest.fixture(autouse=True)
def apertium_installed():
    require_apertium()


def machine(project, article_id, lang):
    return {u.source: u for u in load_catalog(project.po_path(article_id, lang)).active_units()}


def test_the_seeds_are_prefilled_in_spanish_and_french_from_a_fresh_install(seeded_project):
    others = {p: p.read_bytes() for p in seeded_project.locales_dir.rglob("*.po")
              if p.parent.parent.name not in ("es", "fr")}
    report = prefill(seeded_project, engine="memory,apertium")
    assert report.engine == "memory,apertium"
    for article_id in ("korea-net", "mofa"):
        for lang, pivot in (("es", ""), ("fr", "es")):
            units = machine(seeded_project, article_id, lang)
            assert units and all(u.state is S.MACHINE for u in units.values()), (article_id, lang)
            assert all(u.machine.engine == "apertium" and u.machine.pivot == pivot for u in units.values())
            assert all(u.target != u.source for u in units.values())
    assert report.language("es").filled == report.language("es").segments
    assert report.language("fr").filled == report.language("fr").segments
    assert {p: p.read_bytes() for p in others} == others
    assert set(report.passed_over) == {f"en→{lang}" for lang in ("ko", "ja", "zh", "ar", "de", "ru", "vi", "id")}
    assert all(set(why) == {"apertium"} for why in report.passed_over.values())
    assert "apertium translates en into es, fr (via es); not into ko, ja, zh, ar, de, ru, vi, id" in report.coverage
    text = seeded_project.po_path("mofa", "fr").read_text(encoding="utf-8")
    assert "# tms: mt engine=apertium pivot=es date=" in text


def test_memory_matches_come_first_and_apertium_fills_the_rest(project):
    done = {"es": {NEWS[0]: ("El Gobierno anunciará nuevas medidas el lunes.", S.APPROVED),
                   "The meeting was held in Seoul.": ("La reunión se celebró en Seúl.", S.TRANSLATED)}}
    write_article(project, "old", list(done["es"]), langs=("es",), done=done)
    write_article(project, "new", NEWS, langs=("es", "fr", "ko"))
    report = prefill(project, ["new"], engine="memory,apertium")
    spanish = machine(project, "new", "es")
    assert spanish[NEWS[0]].target == "El Gobierno anunciará nuevas medidas el lunes."
    assert (spanish[NEWS[0]].machine.engine, spanish[NEWS[0]].machine.score) == ("memory", 100.0)
    fuzzy = spanish[NEWS[1]].machine
    assert fuzzy.engine == "memory" and 75 <= fuzzy.score < 100       # "Seoul" for "Washington"
    assert spanish[NEWS[2]].machine.engine == "apertium"
    assert "<a1>" in spanish[NEWS[2]].target and "</a1>" in spanish[NEWS[2]].target
    french = machine(project, "new", "fr")
    assert all(u.machine.engine == "apertium" and u.machine.pivot == "es" for u in french.values())
    assert all(u.state is S.UNTRANSLATED for u in machine(project, "new", "ko").values())
    assert report.language("ko").no_match == 3 and report.passed_over["en→ko"]["apertium"]


def test_apertium_alone_refuses_a_language_it_cannot_serve_and_writes_nothing(project):
    write_article(project, "a", NEWS, langs=("es", "de"))
    before = {p: p.read_bytes() for p in project.locales_dir.rglob("*.po")}
    with pytest.raises(UnsupportedLanguage, match="'apertium' does not translate en→de.*Debian has no Apertium pair"):
        prefill(project, engine="apertium")
    assert {p: p.read_bytes() for p in project.locales_dir.rglob("*.po")} == before


def test_languages_no_engine_of_a_chain_serves_are_reported_not_fatal(project, monkeypatch):
    monkeypatch.setenv("TMS_DEEPL_API_KEY", "not-used")     # DeepL serves neither Korean nor Vietnamese
    write_article(project, "a", NEWS, langs=("ko", "vi"))
    report = prefill(project, engine="apertium,deepl")
    assert report.language("ko").unserved == 3 and report.language("vi").unserved == 3
    assert report.filled == 0 and not report.saved and not report.failures
    assert set(report.passed_over["en→ko"]) == {"apertium", "deepl"}


def test_the_setting_takes_a_list(project):
    project.config_path.write_text('[prefill]\nengine = ["memory", "apertium"]\n', encoding="utf-8")
    assert default_engine(project) == "memory,apertium"
    write_article(project, "a", NEWS[:1], langs=("es",))
    assert prefill(project).engine == "memory,apertium"
    assert machine(project, "a", "es")[NEWS[0]].machine.engine == "apertium"
    project.config_path.write_text('[prefill]\nengine = ["memory", 3]\n', encoding="utf-8")
    with pytest.raises(Exception, match=r"tms.toml: \[prefill\] engine: an engine chain is a list of engine names"):
        default_engine(project)


def test_a_dry_run_of_the_chain_counts_and_changes_nothing(project):
    write_article(project, "a", NEWS, langs=("es", "ko"))
    before = {p: p.read_bytes() for p in project.locales_dir.rglob("*.po")}
    report = prefill(project, engine="memory,apertium", dry_run=True)
    assert report.language("es").translated == 3 and report.language("ko").no_match == 3
    assert {p: p.read_bytes() for p in project.locales_dir.rglob("*.po")} == before
