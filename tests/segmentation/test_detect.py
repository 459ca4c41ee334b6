"""Tests of tms.segmentation.detect: the eleven languages, and text too short or too mixed to tell."""
from __future__ import annotations

from pathlib import Path

import pytest

from tms.errors import InputError
from tms.segmentation.detect import detect_language, is_language_name

DATA = Path(__file__).resolve().parent.parent / "data"

NEWS = {
    "ko": "윤병세 외교부 장관은 3월 22일 워싱턴에서 열린 ISIS 격퇴 글로벌연합 외교장관회의에 참석했다. "
          "윤 장관은 이라크와 시리아의 안정화가 중요하다고 강조했다.",
    "en": "Foreign Minister Yun Byung-se attended a meeting of the Global Coalition to Defeat ISIS in Washington on "
          "March 22. He stressed the importance of stabilizing Iraq and Syria.",
    "ja": "尹炳世外交部長官は3月22日、ワシントンで開かれたISIS打倒グローバル連合の外相会合に出席した。"
          "尹長官はイラクとシリアの安定化が重要だと強調した。",
    "zh": "韩国外交部长官尹炳世3月22日出席了在华盛顿举行的打击“伊斯兰国”全球联盟外长会议。尹炳世强调了稳定伊拉克和叙利亚局势的重要性。",
    "ar": "شارك وزير الخارجية الكوري يون بيونغ سي في اجتماع وزراء التحالف الدولي لهزيمة داعش في واشنطن يوم 22 مارس. "
          "وأكد أهمية تحقيق الاستقرار في العراق وسوريا.",
    "es": "El ministro de Asuntos Exteriores, Yun Byung-se, asistió el 22 de marzo en Washington a la reunión de la "
          "Coalición Global contra el EI. Destacó la importancia de estabilizar Irak y Siria.",
    "fr": "Le ministre des Affaires étrangères, Yun Byung-se, a participé le 22 mars à Washington à la réunion de la "
          "Coalition mondiale contre Daech. Il a souligné l’importance de stabiliser l’Irak et la Syrie.",
    "de": "Außenminister Yun Byung-se nahm am 22. März in Washington an einem Treffen der Globalen Koalition gegen "
          "den IS teil. Er betonte, wie wichtig die Stabilisierung des Irak und Syriens sei.",
    "ru": "Министр иностранных дел Юн Бён Се 22 марта принял участие во встрече министров Глобальной коалиции по "
          "борьбе с ИГИЛ в Вашингтоне. Он подчеркнул важность стабилизации Ирака и Сирии.",
    "vi": "Ngày 22/3, Bộ trưởng Ngoại giao Yun Byung-se đã tham dự cuộc họp của Liên minh toàn cầu chống IS tại "
          "Washington. Ông nhấn mạnh tầm quan trọng của việc ổn định Iraq và Syria.",
    "id": "Menteri Luar Negeri Yun Byung-se menghadiri pertemuan Koalisi Global untuk Mengalahkan ISIS di Washington "
          "pada tanggal 22 Maret. Ia menekankan pentingnya stabilisasi Irak dan Suriah.",
}


@pytest.mark.parametrize("lang", sorted(NEWS))
def test_each_of_the_eleven_languages(lang):
    assert detect_language(NEWS[lang]) == lang


def test_short_headlines_in_non_latin_scripts():
    assert detect_language("윤병세 외교장관, ISIS 격퇴 회의 참석") == "ko"
    assert detect_language("外相会合に出席") == "ja"
    assert detect_language("外长会议在华盛顿举行") == "zh"


def test_japanese_heavy_in_chinese_characters_is_still_japanese():
    assert detect_language("韓米外相会談開催、北朝鮮核問題対応協議") == "ja"


def test_a_scraped_page_with_a_language_menu_is_told_by_its_body():
    text = (DATA / "seeds" / "korea-net-article.txt").read_text(encoding="utf-8")
    assert detect_language(text) == "en"


def test_html_markup_is_not_counted_as_latin_text():
    script = "<script>var settings = {theme: 'dark', language: 'english', analytics: true};</script>" * 20
    page = (f"<html><head>{script}<style>.view {{ margin: 0 auto; }}</style></head><body><div class=\"view\">"
            "<p>윤병세 외교부 장관은 워싱턴에서 열린 회의에 참석했다.</p></div></body></html>")
    assert detect_language(page) == "ko"


@pytest.mark.parametrize("text, why", [
    ("", "too little text"),
    ("OK", "too little text"),
    ("2017.03.27 10:32 — 65 / 48", "too little text"),
    ("Seoul, Korea", "too little text"),
    ("Yun Byung-se Tillerson Mattis Mnuchin", "sure"),
    ("Seoul Busan Incheon Daegu Москва Петербург Казань القاهرة دبي الرياض", "mixes scripts"),
])
def test_undecidable_text_is_an_input_error(text, why):
    with pytest.raises(InputError, match=rf"cannot tell the language of x\.txt \(.*{why}.*\); pass --lang"):
        detect_language(text, "x.txt")


@pytest.mark.parametrize("text", ["한국어", "English", "Pусский", "中文(简体)", "Bahasa Indonesia", "Tiếng Hàn", "Coréen",
                                  "العربية", "English | 한국어"])
def test_language_names(text):
    assert is_language_name(text)


@pytest.mark.parametrize("text", ["Seoul", "Policies", "Seoul | Busan", ""])
def test_words_that_are_not_language_names(text):
    assert not is_language_name(text)
