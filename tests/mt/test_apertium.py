"""The apertium engine through Debian's real Apertium: the local command, an APy server, pivots, markup,
missing pairs and what a fresh install serves."""
from __future__ import annotations

import os
import shutil
import time

import pytest

from tests.mt.apy_server import DATA_DIR, apy_server, free_port, require_apertium  # noqa: F401 (fixture)
from tms import inline
from tms.errors import EngineUnavailable, UnsupportedLanguage
from tms.mt.apertium import ApertiumEngine
from tms.mt.apertium_pairs import directions_from, find_route, parse_mode
from tms.mt.apertium_transport import deformat, reformat
from tms.mt.cache import MtCache

NEWS = [
    "The government will announce new measures on Monday.",
    "The minister said that the economy grew by 3 percent in 2016.",
    "The meeting was held in Washington.",
]


@pytest.fixture
def local(tmp_path):
    require_apertium()
    return ApertiumEngine(cache=MtCache(tmp_path / "cache.sqlite3"))


def modes_dir(tmp_path, *modes):
    """A data directory with only some of the installed modes (the pipelines stay Debian's)."""
    folder = tmp_path / "apertium" / "modes"
    folder.mkdir(parents=True)
    for mode in modes:
        shutil.copy(DATA_DIR / "modes" / f"{mode}.mode", folder / f"{mode}.mode")
    return folder.parent


# -- the stream format and the mode names (no Apertium needed) ------------------------------------
def test_stream_format_escapes_what_apertium_reserves_and_keeps_tokens_as_superblanks():
    text = "A [b] {c} ^d$ e/f \\ g@h <i> ~ [X1X]j  k\tl"
    stream = deformat(text)
    assert stream.endswith(".[]") and "[X1X]" in stream and "\\[b\\]" in stream and "[~]" in stream
    assert reformat(stream) == text


def test_mode_names_in_both_code_forms_map_to_our_languages():
    assert parse_mode("eng-spa") == ("en", "es", "")
    assert parse_mode("es-fr") == ("es", "fr", "")
    assert parse_mode("spa-eng_US") == ("es", "en", "US")
    assert parse_mode("eco-es-fr") is None and parse_mode("eng-cat") is None and parse_mode("eng-morph") is None
    found = directions_from([("spa-eng_US", "a"), ("spa-eng", "b"), ("eng-spa", "c"), ("fr-es", "d")])
    assert found[("es", "en")].mode == "b"
    assert find_route(found, "en", "fr", is_pivoting=True) is None
    assert find_route(found, "fr", "en", is_pivoting=True).pivot == "es"
    assert find_route(found, "fr", "en", is_pivoting=False) is None


# -- the local command ----------------------------------------------------------------------------
def test_the_local_command_translates_english_into_spanish(local):
    outcomes = local.translate(NEWS, "en", "es")
    texts = {source: outcome.text for source, outcome in outcomes.items()}
    assert all(o.status == "translated" and o.engine == "apertium" and o.pivot == "" for o in outcomes.values())
    assert "gobierno" in texts[NEWS[0]] and "lunes" in texts[NEWS[0]]
    assert "3" in texts[NEWS[1]] and "2016" in texts[NEWS[1]] and "economía" in texts[NEWS[1]]
    assert "Washington" in texts[NEWS[2]] and texts[NEWS[2]] != NEWS[2]


def test_a_batch_is_one_run_and_each_text_is_translated_on_its_own(local):
    texts = [f"The minister visited school number {i} on Monday." for i in range(250)] + NEWS
    outcomes = local.translate(texts, "en", "es")
    assert local.stats.requests == 2    # 253 texts in runs of at most 200
    alone = ApertiumEngine().translate([NEWS[0]], "en", "es")[NEWS[0]].text
    assert outcomes[NEWS[0]].text == alone
    assert all(str(i) in outcomes[f"The minister visited school number {i} on Monday."].text for i in range(250))


def test_english_to_french_goes_through_spanish_and_says_so(local):
    outcomes = local.translate(NEWS, "en", "fr")
    assert all(o.status == "translated" and o.pivot == "es" for o in outcomes.values())
    assert "gouvernement" in outcomes[NEWS[0]].text and "lundi" in outcomes[NEWS[0]].text
    assert local.route("en", "fr").describe() == "fr (via es)"
    again = ApertiumEngine(cache=local.cache).translate(NEWS, "en", "fr")
    assert all(o.status == "cached" and o.pivot == "es" for o in again.values())


def test_without_pivoting_english_to_french_is_refused_before_anything_runs(tmp_path):
    require_apertium()
    engine = ApertiumEngine(pivot=False)
    with pytest.raises(UnsupportedLanguage, match=r"does not translate en→fr.*set pivot = true in \[engines.apertium\] "
                                                  r"to translate through es with apertium-eng-spa and apertium-fr-es"):
        engine.translate(NEWS, "en", "fr")
    assert engine.stats.requests == 0


def test_inline_tags_links_and_urls_survive(local):
    text = ("Visit <a1>the new website</a1> of the <b2>ministry</b2> at https://www.korea.net/News "
            "for the details.")
    for target in ("es", "fr"):
        outcome = local.translate([text], "en", target)[text]
        assert outcome.status == "translated", outcome.reason
        for piece in ("<a1>", "</a1>", "<b2>", "</b2>", "https://www.korea.net/News"):
            assert outcome.text.count(piece) == 1, (target, outcome.text)
        assert not inline.nesting_problems(outcome.text)


def test_a_fresh_install_serves_spanish_and_french_from_english(local):
    served, missing = local.coverage("en")
    assert {lang: route.pivot for lang, route in served.items()} == {"es": "", "fr": "es"}
    assert missing == ["ko", "ja", "zh", "ar", "de", "ru", "vi", "id"]
    assert local.describe_coverage("en") == ("apertium translates en into es, fr (via es); "
                                             "not into ko, ja, zh, ar, de, ru, vi, id")
    assert set(local.coverage("ko")[0]) == set()


def test_a_language_debian_has_no_pair_for_is_refused_with_what_to_do(local):
    with pytest.raises(UnsupportedLanguage, match=r"en→de.*Debian has no Apertium pair for it; use another engine"):
        local.translate(NEWS, "en", "de")
    assert local.stats.requests == 0


def test_a_missing_pair_names_the_debian_package_to_install(tmp_path):
    require_apertium()
    engine = ApertiumEngine(data_dir=str(modes_dir(tmp_path, "fr-es", "es-fr")))
    with pytest.raises(UnsupportedLanguage, match=r"en→es: no Apertium pair for it is installed.*"
                                                  r"install the Debian package apertium-eng-spa "
                                                  r"\(apt-get install apertium-eng-spa\)"):
        engine.translate(NEWS, "en", "es")
    with pytest.raises(UnsupportedLanguage, match=r"install the Debian package apertium-eng-spa .* through es"):
        engine.check_pair("en", "fr")
    french = "Le gouvernement annoncera des mesures."
    assert "anunciará medidas" in engine.translate([french], "fr", "es")[french].text


def test_a_missing_command_says_which_package_to_install(tmp_path):
    engine = ApertiumEngine(command="apertium-not-installed-here")
    assert not engine.supports("en", "es")
    with pytest.raises(EngineUnavailable, match=r"not installed; install the Debian package apertium"):
        engine.check_pair("en", "es")


def test_a_pipeline_that_hangs_is_ended_at_the_timeout(tmp_path):
    require_apertium()
    script = tmp_path / "apertium"
    script.write_text("#!/bin/sh\nsleep 30 | cat\n")
    script.chmod(0o755)
    engine = ApertiumEngine(command=str(script), timeout=0.5, retries=0)
    started = time.monotonic()
    outcome = engine.translate([NEWS[0]], "en", "es")[NEWS[0]]
    assert time.monotonic() - started < 10
    assert outcome.status == "failed" and "no answer within 0.5 s" in outcome.reason


# -- an APy server --------------------------------------------------------------------------------
def test_an_apy_server_lists_its_pairs_and_translates_as_the_command_does(apy_server, local):
    engine = ApertiumEngine(url=apy_server.url)
    assert set(engine.coverage("en")[0]) == {"es", "fr"}
    over_http = engine.translate(NEWS, "en", "es")
    assert engine.stats.requests == len(NEWS)       # one text per request
    on_machine = local.translate(NEWS, "en", "es")
    assert {t: o.text for t, o in over_http.items()} == {t: o.text for t, o in on_machine.items()}


def test_an_apy_server_pivots_and_keeps_markup(apy_server):
    engine = ApertiumEngine(url=apy_server.url)
    text = "Read <a1>the statement</a1> of the government."
    outcome = engine.translate([text], "en", "fr")[text]
    assert outcome.status == "translated" and outcome.pivot == "es", outcome.reason
    assert outcome.text.count("<a1>") == 1 and outcome.text.count("</a1>") == 1
    assert "gouvernement" in outcome.text


def test_an_apy_server_without_the_pair_names_the_package(apy_server):
    engine = ApertiumEngine(url=apy_server.url)
    with pytest.raises(UnsupportedLanguage, match=rf"en→de: .*the APy server at {apy_server.url}; "
                                                  r"Debian has no Apertium pair"):
        engine.check_pair("en", "de")


def test_an_apy_server_that_is_down_serves_nothing_and_says_where(tmp_path):
    engine = ApertiumEngine(url=f"http://127.0.0.1:{free_port()}", timeout=2)
    assert not engine.supports("en", "es")
    assert "cannot reach the APy server at http://127.0.0.1" in engine.unsupported_reason("en", "es")
    with pytest.raises(EngineUnavailable, match="cannot reach the APy server"):
        engine.check_pair("en", "es")


def test_the_url_comes_from_the_environment_as_for_every_engine(monkeypatch):
    from tms.mt.registry import engine_settings

    monkeypatch.setenv("TMS_APERTIUM_URL", "http://127.0.0.1:2737")
    monkeypatch.setenv("TMS_APERTIUM_PIVOT", "no")
    settings = engine_settings("apertium", {}, os.environ)
    engine = ApertiumEngine(**settings)
    assert engine.settings["url"] == "http://127.0.0.1:2737" and engine.is_pivoting is False
