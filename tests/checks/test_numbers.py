"""The numbers check: kept, and written in the target locale's form."""
from __future__ import annotations

import pytest

from tests.checks.helpers import problems
from tms.checks.numbers import NumbersCheck, find_numbers

CHECK = NumbersCheck()
SOURCE = "Officials from a total of 65 nations met; trade grew 3.5 percent to 1,200 tonnes."


@pytest.mark.parametrize("lang, target", [
    ("ja", "計65か国の当局者が会合し、貿易は3.5%増の1,200トンとなった。"),
    ("zh", "共有65个国家的官员出席；贸易增长3.5%，达到1200吨。"),
    ("ko", "총 65개국 관계자가 모였고 교역은 3.5% 늘어 1,200톤이 되었다."),
    ("de", "Vertreter aus insgesamt 65 Ländern trafen sich; der Handel wuchs um 3,5 Prozent auf 1.200 Tonnen."),
    ("fr", "Des représentants de 65 pays se sont réunis ; le commerce a progressé de 3,5 % à 1\u202f200 tonnes."),
    ("ru", "Собрались представители 65 стран; торговля выросла на 3,5 процента до 1 200 тонн."),
    ("es", "Se reunieron representantes de 65 países; el comercio creció un 3,5 % hasta 1200 toneladas."),
    ("id", "Pejabat dari 65 negara bertemu; perdagangan tumbuh 3,5 persen menjadi 1.200 ton."),
    ("vi", "Quan chức của 65 quốc gia đã họp; thương mại tăng 3,5 phần trăm lên 1.200 tấn."),
    ("ar", "اجتمع مسؤولون من ٦٥ دولة؛ ونمت التجارة بنسبة ٣٫٥ في المئة إلى ١٬٢٠٠ طن."),
    ("ar", "اجتمع مسؤولون من 65 دولة؛ ونمت التجارة بنسبة 3.5 في المئة إلى 1200 طن."),
])
def test_numbers_in_the_target_locales_form_pass(lang, target):
    assert problems(CHECK, SOURCE, target, lang) == []


@pytest.mark.parametrize("lang, target, expected", [
    ("de", "Vertreter aus 65 Ländern; der Handel wuchs um 3.5 Prozent auf 1.200 Tonnen.", "write 3,5"),
    ("fr", "Des représentants de 65 pays ; le commerce a progressé de 3.5 % à 1 200 tonnes.", "write 3,5"),
    ("ru", "Представители 65 стран; рост на 3.5 процента до 1200 тонн.", "write 3,5"),
    ("es", "Representantes de 65 países; el comercio creció un 3,5 % hasta 1,200 toneladas.", "write 1.200"),
])
def test_a_number_in_the_source_form_names_the_right_form(lang, target, expected):
    messages = problems(CHECK, SOURCE, target, lang)
    assert len(messages) == 1 and expected in messages[0], messages


@pytest.mark.parametrize("lang, target", [
    ("ja", "計56か国の当局者が会合し、貿易は3.5%増の1,200トンとなった。"),
    ("ko", "총 65개국 관계자가 모였고 교역은 늘어 1,200톤이 되었다."),
    ("ar", "اجتمع مسؤولون من ٦٥ دولة؛ ونمت التجارة إلى ١٢٠٠ طن."),
])
def test_a_missing_number_is_an_error(lang, target):
    messages = problems(CHECK, SOURCE, target, lang)
    assert messages and "missing" in messages[0]


@pytest.mark.parametrize("lang, source, target", [
    ("ja", "It will cost 65 million dollars.", "費用は6500万ドルになる。"),
    ("ko", "About 10,000 people came.", "약 1만 명이 왔다."),
    ("ko", "About 65,000 people came.", "약 6만5천 명이 왔다."),
    ("zh", "About 120 million people live there.", "那里约有1.2亿人。"),
    ("ru", "It will cost 65 million dollars.", "Это обойдётся в 65 миллионов долларов."),
    ("de", "It will cost 2 billion dollars.", "Es kostet 2 Mrd. Dollar."),
])
def test_scale_words_and_myriads_count(lang, source, target):
    assert problems(CHECK, source, target, lang) == []


def test_numbers_of_a_date_are_left_to_the_dates_check():
    assert problems(CHECK, "3월 22일 회의에 65개국이 참석했다.", "On March 22, 65 countries attended.", "en", "ko") == []


def test_full_width_digits_count_in_japanese():
    assert problems(CHECK, "65 nations attended.", "６５か国が参加した。", "ja") == []


def test_find_numbers_reads_grouping_and_decimals():
    values = [min(n.values) for n in find_numbers("1,234.5 and 2017 and 3,5", "en")]
    assert [str(v) for v in values] == ["1234.5", "2017", "3", "5"]
