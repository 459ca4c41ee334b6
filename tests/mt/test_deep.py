"""deep-translator's own code paths against the local server: LibreTranslator, Google and MyMemory."""
from __future__ import annotations

import time

import pytest
import requests
from deep_translator import GoogleTranslator, LibreTranslator
from deep_translator import constants

from tms.errors import UnsupportedLanguage
from tms.mt import deep
from tms.mt.registry import get_engine


@pytest.fixture
def local_urls(monkeypatch, libre_server):
    """Point deep-translator's base-URL table at the local server."""
    monkeypatch.setitem(constants.BASE_URLS, "GOOGLE_TRANSLATE", libre_server.url + "/m")
    monkeypatch.setitem(constants.BASE_URLS, "MYMEMORY", libre_server.url + "/get")
    return libre_server


def test_deep_libre_drives_libre_translator_one_text_per_request(libre_server):
    engine = get_engine("deep-libre", url=libre_server.url, api_key="abc", backoff=0.01)
    results = engine.translate(["Seoul hosts the summit.", "Ministers met on 27 March."], "en", "ko")
    assert results["Ministers met on 27 March."].text == "ko: Ministers met on 27 March."
    assert [r.texts for r in libre_server.requests] == [["Seoul hosts the summit."], ["Ministers met on [X1X] March."]]
    assert all(r.params["api_key"] == "abc" and r.params["format"] == "text" for r in libre_server.requests)


def test_libre_translator_ignores_base_url_so_the_engine_passes_custom_url(libre_server):
    # deep-translator swallows base_url and would send the text to libretranslate.de.
    ignored = LibreTranslator(source="en", target="ko", api_key="abc", base_url=libre_server.url)
    assert ignored._base_url.startswith("https://libretranslate")
    engine = get_engine("deep-libre", url=libre_server.url)
    assert engine._translator("en", "ko")._base_url == libre_server.url + "/"


def test_deep_libre_retries_a_500_then_succeeds(libre_server):
    libre_server.script("500")
    engine = get_engine("deep-libre", url=libre_server.url, backoff=0.01)
    assert engine.translate(["Seoul hosts the summit."], "en", "ja")["Seoul hosts the summit."].is_filled
    assert [r.action for r in libre_server.requests] == ["500", "ok"]


def test_google_gets_zh_cn_and_whitespace_comes_back(local_urls):
    engine = get_engine("google", backoff=0.01)
    text = "  Seoul hosts the <b>summit</b>.\n"
    outcome = engine.translate([text], "en", "zh")[text]
    request = local_urls.requests[0]
    assert request.path == "/m" and request.params["tl"] == "zh-CN" and request.params["sl"] == "en"
    assert request.texts == ["Seoul hosts the [X1X]summit[X2X]."]
    assert outcome.text == "  zh-CN: Seoul hosts the <b>summit</b>.\n"


def test_google_rate_limit_is_retried_through_deep_translator(local_urls):
    local_urls.script("429", "429")
    engine = get_engine("google", backoff=0.01)
    assert engine.translate(["Seoul hosts the summit."], "en", "fr")["Seoul hosts the summit."].is_filled
    assert engine.stats.retries == 2


def test_google_request_gets_a_timeout(local_urls):
    local_urls.state.slow_seconds = 1.0
    local_urls.script("slow")
    engine = get_engine("google", timeout=0.2, retries=0)
    started = time.monotonic()
    outcome = engine.translate(["Seoul hosts the summit."], "en", "fr")["Seoul hosts the summit."]
    assert time.monotonic() - started < 0.9
    assert outcome.status == "failed" and "within 0.2 s" in outcome.reason


def test_google_dropped_placeholder_is_rejected(local_urls):
    local_urls.script("drop")
    engine = get_engine("google")
    outcome = engine.translate(["Call press@mofa.go.kr now."], "en", "de")["Call press@mofa.go.kr now."]
    assert outcome.status == "rejected" and outcome.reason == "placeholder lost 'press@mofa.go.kr'"


def test_mymemory_gets_locale_codes(local_urls):
    engine = get_engine("mymemory", email="me@example.org")
    assert engine.translate(["Seoul hosts the summit."], "en", "ko")["Seoul hosts the summit."].is_filled
    request = local_urls.requests[0]
    assert request.path == "/get" and request.params["langpair"] == "en-GB|ko-KR"
    assert request.params["de"] == "me@example.org"


def test_mymemory_quota_warning_is_rejected_and_pauses_the_engine(local_urls):
    local_urls.script("quota")
    engine = get_engine("mymemory")
    texts = ["Seoul hosts the summit.", "Ministers met today.", "The talks went well."]
    results = engine.translate(texts, "en", "ja")
    assert results[texts[0]].status == "rejected" and "quota message" in results[texts[0]].reason
    assert [results[t].status for t in texts[1:]] == ["failed", "failed"]
    assert "paused" in results[texts[1]].reason
    assert len(local_urls.requests) == 1


def test_mymemory_counts_its_limit_in_bytes(local_urls):
    engine = get_engine("mymemory")
    korean = "서울에서 열린 정상회의에서 양국 정상은 경제 협력을 강화하기로 합의했다. " * 4   # 164 chars, 411 bytes
    longer = korean * 2                                                          # 328 chars, 822 bytes
    results = engine.translate([korean, longer], "ko", "en")
    assert len(longer) < 499 and len(korean.strip().encode()) < 500 < len(longer.strip().encode())
    assert results[longer].status == "rejected" and "500 bytes" in results[longer].reason
    assert [r.texts for r in local_urls.requests] == [[korean.strip()]]


def test_a_refused_key_never_shows_the_key(libre_server):
    libre_server.state.api_key = "RIGHT-KEY"
    engine = get_engine("deep-libre", url=libre_server.url, api_key="WRONG-KEY-42")
    outcome = engine.translate(["Seoul hosts the summit."], "en", "ko")["Seoul hosts the summit."]
    assert outcome.status == "failed" and "HTTP 403" in outcome.reason
    assert "WRONG-KEY-42" not in outcome.reason


def test_the_stand_in_is_plain_requests_outside_an_engine(monkeypatch):
    seen = {}

    def fake_get(url, **kwargs):
        seen.update(kwargs)
        return "response"

    monkeypatch.setattr(requests, "get", fake_get)
    assert deep._SHIM.get("http://127.0.0.1:1/x", params={"a": 1}) == "response"
    assert seen == {"params": {"a": 1}}     # no timeout added, nothing changed
    assert isinstance(GoogleTranslator(source="en", target="ko"), GoogleTranslator)


def test_microsoft_needs_no_request_to_start():
    engine = get_engine("microsoft", api_key="k")
    translator = engine._translator("en", "zh-Hans")       # the no_internet fixture would refuse a request
    assert translator.target == "zh-Hans"


@pytest.mark.parametrize("name", ["microsoft", "yandex"])
def test_a_codes_override_reaches_the_wrappers_that_check_codes(name):
    engine = get_engine(name, api_key="k", codes={"zh": "zh-TW"})
    assert engine.check_pair("en", "zh") == ("en", "zh-TW")
    assert engine._translator("en", "zh-TW").target == "zh-TW"     # accepted, and no request sent


def test_deepl_refuses_korean_before_sending():
    with pytest.raises(UnsupportedLanguage, match="no code for ko"):
        get_engine("deepl", api_key="k").translate(["Seoul hosts the summit."], "en", "ko")


def test_engines_with_a_required_key_say_how_to_set_it():
    from tms.errors import InputError

    with pytest.raises(InputError, match="engine 'baidu' needs appid: set TMS_BAIDU_APPID"):
        get_engine("baidu").translate(["Seoul hosts the summit."], "en", "zh")
