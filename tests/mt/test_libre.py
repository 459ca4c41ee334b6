"""The ``libre`` engine against a LibreTranslate-compatible server on 127.0.0.1, through real HTTP."""
from __future__ import annotations

import logging
import time

import pytest

from tms.errors import UnsupportedLanguage
from tms.mt.cache import MtCache
from tms.mt.registry import get_engine


def make(server, **config):
    return get_engine("libre", url=server.url, backoff=0.01, **config)


def test_texts_go_out_as_one_batch_with_a_json_list(libre_server):
    engine = make(libre_server)
    texts = ["Seoul hosts the summit.", "Ministers met on 27 March.", "Seoul hosts the summit."]
    results = engine.translate(texts, "en", "ko")
    assert len(libre_server.requests) == 1
    request = libre_server.requests[0]
    assert request.path == "/translate" and request.method == "POST"
    assert request.params["q"] == ["Seoul hosts the summit.", "Ministers met on [X1X] March."]
    assert request.params["source"] == "en" and request.params["target"] == "ko"
    assert results["Ministers met on 27 March."].text == "ko: Ministers met on 27 March."


def test_batches_follow_the_server_limits(libre_server):
    engine = make(libre_server, batch_limit=4, char_limit=100)
    texts = [f"This is sentence number {word} of the article." for word in
             ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")]
    engine.translate(texts, "en", "fr")
    sizes = [len(r.texts) for r in libre_server.requests]
    assert sum(sizes) == 10 and max(sizes) <= 4
    assert all(sum(map(len, r.texts)) <= 100 for r in libre_server.requests)


def test_429_and_500_are_retried(libre_server):
    libre_server.script("429", "500")
    engine = make(libre_server)
    outcome = engine.translate(["A sentence to translate."], "en", "de")["A sentence to translate."]
    assert outcome.text == "de: A sentence to translate."
    assert [r.action for r in libre_server.requests] == ["429", "500", "ok"]
    assert engine.stats.retries == 2


def test_a_slow_server_times_out_and_the_text_stays_untranslated(libre_server):
    libre_server.state.slow_seconds = 1.0
    libre_server.script("slow", "slow")
    engine = make(libre_server, timeout=0.2, retries=1)
    started = time.monotonic()
    outcome = engine.translate(["A sentence to translate."], "en", "de")["A sentence to translate."]
    assert time.monotonic() - started < 1.5
    assert outcome.status == "failed"
    assert "no answer from http://127.0.0.1" in outcome.reason and "within 0.2 s" in outcome.reason


def test_a_dropped_placeholder_is_rejected_and_not_cached(libre_server, tmp_path):
    cache = MtCache(tmp_path / "cache.sqlite3")
    libre_server.script("drop")
    engine = make(libre_server, cache=cache)
    texts = ["Call 02-2100-2114 today.", "Nothing to protect here."]
    results = engine.translate(texts, "en", "ja")
    assert results[texts[0]].status == "rejected"
    assert results[texts[0]].reason == "placeholder lost '02-2100-2114'"
    assert len(cache) == 1      # only the good answer is cached
    again = make(libre_server, cache=cache).translate(texts, "en", "ja")
    assert again[texts[0]].text == "ja: Call 02-2100-2114 today."
    assert len(cache) == 2
    assert [r.texts for r in libre_server.requests][1] == ["Call [X1X] today."]


def test_an_echo_and_an_empty_answer_are_rejected(libre_server):
    libre_server.script("echo", "empty")
    engine = make(libre_server, batch_limit=1)
    results = engine.translate(["Seoul hosts the summit.", "Ministers met today."], "en", "es")
    assert results["Seoul hosts the summit."].reason == "the engine sent the source text back unchanged"
    assert results["Ministers met today."].reason == "empty translation"


def test_the_cache_means_no_text_is_sent_twice(libre_server, tmp_path):
    cache = MtCache(tmp_path / "cache.sqlite3")
    make(libre_server, cache=cache).translate(["Seoul hosts the summit."], "en", "ru")
    second = make(libre_server, cache=cache)
    results = second.translate(["Seoul hosts the summit.", "A new one."], "en", "ru")
    assert results["Seoul hosts the summit."].status == "cached"
    assert [r.texts for r in libre_server.requests] == [["Seoul hosts the summit."], ["A new one."]]


def test_the_api_key_is_sent_but_never_shown(libre_server, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    libre_server.state.api_key = "KEY-123-SECRET"
    cache = MtCache(tmp_path / "cache.sqlite3")
    engine = make(libre_server, api_key="KEY-123-SECRET", cache=cache)
    assert engine.translate(["Seoul hosts the summit."], "en", "vi")["Seoul hosts the summit."].is_filled
    assert libre_server.requests[0].params["api_key"] == "KEY-123-SECRET"
    wrong = make(libre_server, api_key="WRONG-KEY-999")
    outcome = wrong.translate(["Another sentence here."], "en", "vi")["Another sentence here."]
    assert outcome.status == "failed"
    assert "refused the API key (HTTP 403)" in outcome.reason and "TMS_LIBRE_API_KEY" in outcome.reason
    assert len(libre_server.requests) == 2          # a refused key is not retried
    for text in (outcome.reason, repr(engine), repr(wrong), caplog.text):
        assert "KEY-123-SECRET" not in text and "WRONG-KEY-999" not in text
    assert b"KEY-123-SECRET" not in (tmp_path / "cache.sqlite3").read_bytes()


def test_a_language_the_server_refuses_is_an_unsupported_language(libre_server):
    engine = make(libre_server, codes={"id": "xx"})
    outcome = engine.translate(["Seoul hosts the summit."], "en", "id")["Seoul hosts the summit."]
    assert outcome.status == "failed" and "xx is not supported" in outcome.reason
    assert len(libre_server.requests) == 1


def test_an_unreachable_server_is_reported_without_internet(libre_server):
    url = libre_server.url
    libre_server.stop()
    engine = get_engine("libre", url=url, retries=0, pause_after=1)
    outcome = engine.translate(["Seoul hosts the summit."], "en", "ko")["Seoul hosts the summit."]
    assert outcome.status == "failed" and f"cannot reach {url}" in outcome.reason


def test_unsupported_pairs_fail_before_anything_is_sent(libre_server):
    engine = make(libre_server)
    engine.languages = {"en": "en"}
    with pytest.raises(UnsupportedLanguage):
        engine.translate(["Seoul hosts the summit."], "en", "ko")
    assert libre_server.requests == []
