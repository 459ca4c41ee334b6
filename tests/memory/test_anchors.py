"""Alignment anchors: numbers, Latin words, word beginnings, name skeletons across scripts, punctuation."""
from __future__ import annotations

import pytest

from tms.memory.anchors import agreement, anchors, is_latin, skeleton


def test_numbers_latin_words_and_marked_punctuation():
    found = anchors("참석자들은 “AI 윤리” 원칙에 1,000명이 동의했다?")
    assert found["#1000"] == 1 and found["wai"] == 1 and found['p"'] == 2 and found["p?"] == 1
    assert anchors("It cost 1.000 euros.")["#1000"] == 1 and anchors("Rates rose 2.5%.")["#2.5"] == 1
    assert anchors("في عام ٢٠٢٤")["#2024"] == 1         # Arabic-Indic digits


def test_in_latin_text_only_names_past_the_first_word_count_as_words():
    found = anchors("The minister met Kim Min-su in Seoul.")
    assert {k for k in found if k[0] == "w"} == {"wkim", "wmin-su", "wseoul"}
    assert found["cminis"] == 1         # the word's beginning, for cognates between Latin-script languages


@pytest.mark.parametrize("spellings, expected", [
    (["클린턴의", "Clinton", "Клинтон", "كلينتون"], "KRNTN"),
    (["트럼프", "Trump", "Трамп", "ترامب"], "TRMP"),
    (["슐만", "Schulman", "Шульман"], "SRMN"),
])
def test_a_name_has_one_skeleton_in_every_script(spellings, expected):
    assert {skeleton(word) for word in spellings} == {expected}


def test_skeletons_of_a_korean_word_include_its_stem_without_the_ending():
    found = anchors("트럼프가 말했다.")
    assert found["sTRMP"] == 1 and found["sTRMPK"] == 1
    assert not any(k.startswith("s") and len(k) < 5 for k in found)     # three consonants match by chance


def test_agreement_weighs_anchors_by_kind():
    one, other = anchors("In 2023 Obama said: why?"), anchors("2023년 오바마는 왜냐고 말했다")
    matched, missed = agreement(one, other)
    assert matched == 1.0                           # the year; the name has too short a skeleton
    assert missed == pytest.approx(1.0 + 0.3 + sum(0.3 for k in other if k[0] == "s")
                                   + sum(0.5 for k in one if k[0] == "c"))


def test_is_latin():
    assert is_latin(["Seoul hosts the summit."]) and not is_latin(["서울이 정상회의를 연다 (Seoul)."])
