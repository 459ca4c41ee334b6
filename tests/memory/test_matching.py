"""Exact and fuzzy memory lookups."""
from __future__ import annotations

import pytest

from tms.memory.index import MemoryEntry
from tms.memory.matching import TranslationMemory, adapt

T, A = 20, 30       # translated, approved


def memory(*rows, threshold=75):
    entries = [MemoryEntry(source, target, article, key, state) for source, target, article, key, state in rows]
    return TranslationMemory.from_entries({("en", "ko"): entries}, threshold)


def test_exact_match_scores_100_and_prefers_approved_then_majority():
    tm = memory(("Hello.", "안녕.", "a", "k1", T), ("Hello.", "안녕하세요.", "b", "k2", A),
                ("Hello.", "안녕.", "c", "k3", T))
    match = tm.best("Hello.", "en", "ko")
    assert match.target == "안녕하세요." and match.score == 100 and match.is_exact
    assert [m.target for m in tm.lookup("Hello.", "en", "ko")] == ["안녕하세요.", "안녕."]


def test_fuzzy_match_above_the_threshold_with_its_score():
    tm = memory(("The minister visited Seoul on Monday.", "장관은 월요일에 서울을 방문했다.", "a", "k", T))
    match = tm.best("The minister visited Busan on Monday.", "en", "ko")
    assert match is not None and 75 <= match.score < 100
    assert match.source == "The minister visited Seoul on Monday."
    assert tm.best("Completely different words entirely.", "en", "ko") is None


def test_threshold_is_respected():
    tm = memory(("The minister visited Seoul on Monday.", "장관은 월요일에 서울을 방문했다.", "a", "k", T), threshold=95)
    assert tm.best("The minister visited Busan on Monday.", "en", "ko") is None
    assert tm.best("The minister visited Busan on Monday.", "en", "ko", threshold=80) is not None


def test_fuzzy_match_swaps_differing_numbers():
    tm = memory(("Exports rose 5.2% in 2016.", "2016년 수출은 5.2% 증가했다.", "a", "k", T))
    match = tm.best("Exports rose 6.1% in 2017.", "en", "ko")
    assert match.target == "2017년 수출은 6.1% 증가했다."


def test_fuzzy_match_with_numbers_it_cannot_place_is_not_offered():
    tm = memory(("Exports rose in 2016 and 2016.", "2016년 수출 증가", "a", "k", T))
    assert tm.best("Exports rose in 2017 and 2016.", "en", "ko") is None


def test_the_segment_itself_is_excluded_and_pairs_are_separate():
    tm = memory(("Hello.", "안녕.", "a", "k1", T))
    assert tm.lookup("Hello.", "en", "ko", exclude={("a", "k1")}) == []
    assert tm.best("Hello.", "en", "ja") is None
    assert tm.size("en", "ko") == 1 and tm.size("en", "ja") == 0


@pytest.mark.parametrize("new, old, target, expected", [
    ("In 2018.", "In 2017.", "2017년.", "2018년."),
    ("1 and 2", "2 and 1", "2 et 1", "1 et 2"),
    ("No numbers", "No numbers here", "숫자 없음", "숫자 없음"),
    ("Page 3 of 10", "Page 3 of 12", "12쪽 중 3쪽, 2013년", "10쪽 중 3쪽, 2013년"),
])
def test_adapt(new, old, target, expected):
    assert adapt(new, old, target) == expected
