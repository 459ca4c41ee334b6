"""The dates check: "March 22" must read as the target locale writes it (CLDR patterns through Babel)."""
from __future__ import annotations

import pytest

from tests.checks.helpers import problems
from tms.checks.dates import DatesCheck, find_dates

CHECK = DatesCheck()
SOURCE = "On March 22, Minister Yun spoke in Washington."


@pytest.mark.parametrize("lang, target", [
    ("ja", "3月22日、尹外相はワシントンで演説した。"),
    ("zh", "3月22日，尹部长在华盛顿发表讲话。"),
    ("ko", "3월 22일 윤 장관은 워싱턴에서 연설했다."),
    ("ko", "3월22일 윤 장관은 워싱턴에서 연설했다."),
    ("fr", "Le 22 mars, le ministre Yun a pris la parole à Washington."),
    ("de", "Am 22. März sprach Minister Yun in Washington."),
    ("ru", "22 марта министр Юн выступил в Вашингтоне."),
    ("es", "El 22 de marzo, el ministro Yun habló en Washington."),
    ("id", "Pada 22 Maret, Menteri Yun berbicara di Washington."),
    ("vi", "Ngày 22 tháng 3, Bộ trưởng Yun phát biểu tại Washington."),
    ("ar", "في 22 مارس، تحدث الوزير يون في واشنطن."),
    ("ar", "في ٢٢ آذار، تحدث الوزير يون في واشنطن."),
])
def test_the_date_in_the_target_locales_form_passes(lang, target):
    assert problems(CHECK, SOURCE, target, lang) == []


@pytest.mark.parametrize("lang, target, expected", [
    ("ja", "March 22、尹外相はワシントンで演説した。", "3月22日"),
    ("ko", "3월 23일 윤 장관은 워싱턴에서 연설했다.", "3월 22일"),
    ("fr", "Le 22 March, le ministre Yun a pris la parole.", "22 mars"),
    ("de", "Am 22. Mai sprach Minister Yun in Washington.", "22. März"),
    ("ru", "22 мая министр Юн выступил в Вашингтоне.", "22 марта"),
    ("es", "El 22 de mayo, el ministro Yun habló.", "22 de marzo"),
])
def test_a_wrong_or_untranslated_date_names_the_expected_form(lang, target, expected):
    messages = problems(CHECK, SOURCE, target, lang)
    assert len(messages) == 1 and f"“{expected}”" in messages[0], messages


def test_a_date_with_a_year_needs_the_year():
    source = "The act was passed on March 22, 2017."
    assert problems(CHECK, source, "法案は2017年3月22日に可決された。", "ja") == []
    assert problems(CHECK, source, "Закон принят 22 марта 2017 года.", "ru") == []
    assert problems(CHECK, source, "法案は2016年3月22日に可決された。", "ja")


def test_month_and_year():
    assert problems(CHECK, "It began in March 2017.", "2017年3月に始まった。", "ja") == []
    assert problems(CHECK, "It began in March 2017.", "Cela a commencé en mars 2017.", "fr") == []
    assert problems(CHECK, "It began in March 2017.", "2017年4月に始まった。", "ja")


def test_korean_source_to_english():
    assert problems(CHECK, "3월 22일 회의", "The meeting on March 22", "en", "ko") == []
    assert problems(CHECK, "3월 22일 회의", "The meeting on 22 March", "en", "ko") == []
    assert problems(CHECK, "3월 22일 회의", "The meeting on March 2", "en", "ko")


def test_find_dates_reads_cldr_forms():
    found = find_dates("On March 22, 2017, in March 2017 and on 22 March", "en")
    assert [(d.month, d.day, d.year) for d in found] == [(3, 22, 2017), (3, None, 2017), (3, 22, None)]
    assert [(d.month, d.day) for d in find_dates("２０１７年３月２２日", "ja")] == [(3, 22)]


def test_a_month_alone_or_a_modal_may_is_not_a_date():
    assert find_dates("The march was long and they may 5 times", "en") == []
    assert find_dates("He arrived in March.", "en") == []
