"""The engine base class: batching, dedupe, cache, retries, pauses and validation, with a scripted engine."""
from __future__ import annotations

from collections import deque

import pytest

from tms.errors import EngineError, EngineUnavailable, InputError, RateLimited, UnsupportedLanguage
from tms.mt.base import Engine, Setting
from tms.mt.cache import MtCache


class Scripted(Engine):
    """Answers ``<target>: <text>``, or follows a script of exceptions and callables, one per request."""

    name = "scripted"
    languages = {"en": "en", "ko": "ko", "ja": "ja-JP"}
    max_texts_per_request = 3
    max_chars_per_request = 60
    settings_spec = {"api_key": Setting("", str, "key", is_secret=True),
                     "model": Setting("base", str, "model")}

    def __init__(self, *script, **config):
        self.sleeps: list[float] = []
        super().__init__(sleep=self.sleeps.append, **config)
        self.script = deque(script)
        self.calls: list[list[str]] = []

    def _translate(self, texts, source_code, target_code):
        self.calls.append(list(texts))
        action = self.script.popleft() if self.script else None
        if isinstance(action, Exception):
            raise action
        if callable(action):
            return action(texts)
        return [f"{target_code}: {text}" for text in texts]


def test_identical_texts_are_sent_once():
    engine = Scripted()
    results = engine.translate(["One here.", "Two here.", "One here."], "en", "ko")
    assert engine.calls == [["One here.", "Two here."]]
    assert results["One here."].text == "ko: One here."
    assert results["One here."].status == "translated"


def test_batches_respect_text_and_character_limits():
    engine = Scripted()
    texts = [f"Sentence number {word}." for word in ("one", "two", "three", "four", "five")]
    engine.translate(texts, "en", "ko")
    assert [len(call) for call in engine.calls] == [2, 2, 1]    # 60 characters hold two of these
    assert all(sum(map(len, call)) <= 60 for call in engine.calls)


def test_byte_limits_count_utf8_bytes():
    class Bytes(Scripted):
        max_texts_per_request = 10
        max_chars_per_request = 10_000
        max_bytes_per_request = 100
        max_bytes_per_text = 60

    engine = Bytes()
    first, second = "가나다라마바사아자차" * 2, "차자아사바마라다나가" * 2     # 20 characters, 60 bytes each
    results = engine.translate([first, first + "카", second, "한국어"], "ko", "en")
    assert results[first + "카"].status == "rejected"
    assert "limit 60 bytes of UTF-8 per text" in results[first + "카"].reason
    assert engine.calls == [[first], [second, "한국어"]]     # 120 bytes would pass 100; 60 + 9 do not


def test_language_codes_are_mapped_and_unsupported_pairs_fail_before_sending():
    engine = Scripted()
    assert engine.translate(["Good morning all."], "en", "ja")["Good morning all."].text == "ja-JP: Good morning all."
    with pytest.raises(UnsupportedLanguage, match=r"does not translate en→ar: no code for ar \(it serves ko, en, ja\)"):
        engine.translate(["Hello there friend."], "en", "ar")
    assert len(engine.calls) == 1


def test_code_overrides_from_settings():
    engine = Scripted(codes={"ar": "ar-EG"})
    assert engine.supports("en", "ar")
    engine.translate(["Hello there friend."], "en", "ar")
    assert engine.check_pair("en", "ar") == ("en", "ar-EG")


def test_rate_limits_and_server_errors_are_retried_with_growing_delays():
    engine = Scripted(RateLimited("slow down"), EngineUnavailable("HTTP 502"), backoff=1.0, max_backoff=60)
    results = engine.translate(["Hello there friend."], "en", "ko")
    assert results["Hello there friend."].text == "ko: Hello there friend."
    assert engine.stats.requests == 3 and engine.stats.retries == 2
    assert 0.5 <= engine.sleeps[0] <= 1.5 and 1.0 <= engine.sleeps[1] <= 3.0   # 1 s, 2 s, with jitter


def test_retry_after_is_honoured():
    limited = RateLimited("429")
    limited.retry_after = 10
    engine = Scripted(limited, backoff=0.1)
    engine.translate(["Hello there friend."], "en", "ko")
    assert engine.sleeps[0] >= 5


def test_other_errors_are_not_retried_and_leave_texts_failed():
    engine = Scripted(EngineError("HTTP 400: bad request"))
    results = engine.translate(["Hello there friend.", "Another sentence here."], "en", "ko")
    assert engine.stats.requests == 1 and not engine.sleeps
    assert {o.status for o in results.values()} == {"failed"}
    assert results["Hello there friend."].reason == "HTTP 400: bad request"


def test_repeated_failures_pause_the_engine():
    down = [EngineUnavailable("HTTP 503")] * 20
    engine = Scripted(*down, retries=1, backoff=0, pause_after=2, pause_seconds=600)
    texts = [f"Sentence number {n} here." for n in range(10)]
    results = engine.translate(texts, "en", "ko")
    assert engine.stats.requests == 4            # two batches, each tried twice, then the pause
    assert all(o.status == "failed" for o in results.values())
    assert "paused" in results[texts[-1]].reason
    again = Scripted(retries=1, pause_after=2)   # same identity: the pause holds in this process
    assert again.translate(["New text to send."], "en", "ko")["New text to send."].status == "failed"
    assert again.calls == []
    again.resume()
    assert again.translate(["New text to send."], "en", "ko")["New text to send."].status == "translated"


@pytest.mark.parametrize("answer, reason", [
    (None, "no translation (NoneType)"),
    ("   ", "empty translation"),
    ("Hello there friend.", "unchanged"),
    ("ko: [X2X] lost", "placeholder lost '2017'"),
])
def test_bad_answers_are_rejected_with_a_reason(answer, reason):
    text = "Hello there friend." if answer in (None, "   ", "Hello there friend.") else "In 2017 it grew."
    engine = Scripted(lambda texts: [answer])
    outcome = engine.translate([text], "en", "ko")[text]
    assert outcome.text is None and outcome.status == "rejected"
    assert reason in outcome.reason


def test_warning_markers_reject_and_quota_markers_pause():
    class Warned(Scripted):
        warning_markers = ("INVALID LANGUAGE PAIR",)
        quota_markers = ("QUOTA EXCEEDED",)

    engine = Warned(lambda texts: ["Invalid language pair specified"] * len(texts))
    assert engine.translate(["Hello there friend."], "en", "ko")["Hello there friend."].status == "rejected"
    engine = Warned(lambda texts: ["Daily quota exceeded"] * len(texts), pause_seconds=600)
    texts = [f"Sentence number {n} here." for n in range(6)]
    results = engine.translate(texts, "en", "ko")
    assert [results[t].status for t in texts] == ["rejected"] * 2 + ["failed"] * 4
    assert len(engine.calls) == 1


def test_a_wrong_number_of_answers_fails_the_batch():
    engine = Scripted(lambda texts: ["only one"])
    results = engine.translate(["First sentence here.", "Second sentence here."], "en", "ko")
    assert {o.status for o in results.values()} == {"failed"}
    assert "answered 1 translations for 2 texts" in results["First sentence here."].reason


def test_texts_without_words_are_copied_and_empty_ones_rejected():
    engine = Scripted()
    results = engine.translate(["2017-03-27", "https://korea.net", "", "Words 2017."], "en", "ko")
    assert results["2017-03-27"].status == "copied" and results["2017-03-27"].text == "2017-03-27"
    assert results["2017-03-27"].engine == "copy"
    assert results[""].status == "rejected"
    assert engine.calls == [["Words [X1X]."]]


def test_the_cache_answers_the_second_time(tmp_path):
    cache = MtCache(tmp_path / "cache.sqlite3")
    first = Scripted(cache=cache)
    first.translate(["Hello there friend.", "Another one here."], "en", "ko")
    second = Scripted(cache=MtCache(tmp_path / "cache.sqlite3"))
    results = second.translate(["Hello there friend.", "Third one here."], "en", "ko")
    assert results["Hello there friend."].status == "cached"
    assert second.calls == [["Third one here."]]
    assert second.stats.cache_hits == 1
    plan = second.plan(["Hello there friend.", "Fourth one.", "2017"], "en", "ko")
    assert plan.statuses == {"Hello there friend.": "cached", "Fourth one.": "send", "2017": "copied"}
    assert plan.chars == len("Fourth one.") and plan.requests == 1


def test_cache_identity_ignores_keys_and_operational_settings_but_not_the_model(tmp_path):
    base = Scripted(api_key="SECRET-1").identity
    assert Scripted(api_key="SECRET-2", timeout=3, retries=0).identity == base
    assert Scripted(model="large").identity != base
    cache = MtCache(tmp_path / "cache.sqlite3")
    Scripted(cache=cache, api_key="SECRET-1").translate(["Hello there friend."], "en", "ko")
    assert b"SECRET" not in (tmp_path / "cache.sqlite3").read_bytes()


def test_secrets_are_redacted_from_reasons_and_repr():
    engine = Scripted(EngineError("refused key SECRET-1 for you"), api_key="SECRET-1")
    outcome = engine.translate(["Hello there friend."], "en", "ko")["Hello there friend."]
    assert "SECRET-1" not in outcome.reason and "***" in outcome.reason
    assert "SECRET-1" not in repr(engine)


def test_settings_are_checked():
    with pytest.raises(InputError, match="unknown setting 'modle' for engine 'scripted'; known: .*model"):
        Scripted(modle="x")
    with pytest.raises(InputError, match="setting timeout = 'soon' is not a valid float"):
        Scripted(timeout="soon")
    with pytest.raises(InputError, match=r"setting api_key = \*\*\* is not a valid"):
        Scripted(api_key=object.__new__(type("Bad", (), {"__str__": None})))


def test_progress_is_reported_per_batch():
    seen = []
    Scripted().translate([f"Sentence number {n}." for n in range(5)], "en", "ko", progress=seen.append)
    assert sum(seen) == 5 and len(seen) == 3
