"""Tests of tms.segmentation.encoding: BOMs, UTF-8, legacy East Asian encodings and unreadable input."""
from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from tms.errors import InputError
from tms.segmentation.encoding import decode_bytes

DATA = Path(__file__).resolve().parent.parent / "data"

KOREAN = ("윤병세 외교부 장관은 3월 22일 워싱턴에서 열린 ISIS 격퇴 글로벌연합 외교장관회의에 참석하여 "
          "이라크와 시리아 내 탈환 지역의 안정화가 중요하다고 강조하였다.")
JAPANESE = "尹炳世外交部長官は３月２２日、ワシントンで開かれたＩＳＩＳ打倒グローバル連合外相会合に出席した。"
SIMPLIFIED = "韩国外交部长官尹炳世3月22日出席了在华盛顿举行的打击“伊斯兰国”全球联盟外长会议，并强调了稳定伊拉克和叙利亚的重要性。"
TRADITIONAL = "韓國外交部長官尹炳世3月22日出席了在華盛頓舉行的打擊伊斯蘭國全球聯盟外長會議，並強調了穩定伊拉克和敘利亞的重要性。"
FRENCH = "Le ministre des Affaires étrangères a assisté à la réunion à Washington, où il a souligné l’importance."


@pytest.mark.parametrize("bom, encoding", [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_byte_order_marks(bom, encoding):
    assert decode_bytes(bom + KOREAN.encode(encoding), "a.txt") == KOREAN


def test_utf8_with_windows_and_old_mac_newlines():
    assert decode_bytes("Policies\r\n\r\nMar 27, 2017\rEnd".encode(), "a.txt") == "Policies\n\nMar 27, 2017\nEnd"


def test_text_is_normalised_to_nfc():
    assert decode_bytes("Franc\u0327ais \u1100\u1161".encode(), "a.txt") == "Français 가"


@pytest.mark.parametrize("text, encoding", [
    (KOREAN, "euc_kr"),
    (KOREAN, "cp949"),
    (JAPANESE, "shift_jis"),
    (JAPANESE, "euc_jp"),
    (SIMPLIFIED, "gb18030"),
    (TRADITIONAL, "big5"),
    (FRENCH.replace("’", "'"), "cp1252"),
])
def test_legacy_encodings_are_detected(text, encoding):
    assert decode_bytes(text.encode(encoding), "a.txt") == text


def test_iso_2022_jp_is_not_taken_for_ascii():
    assert decode_bytes(JAPANESE.encode("iso2022_jp"), "a.txt") == JAPANESE


def test_korean_euc_kr_html_file():
    text = decode_bytes((DATA / "mofa-ko-press-release.euc-kr.html").read_bytes(), "ko.html")
    assert "윤병세 외교장관, ISIS 격퇴 글로벌연합 외교장관회의 참석" in text
    assert "\r" not in text


def test_japanese_shift_jis_text_file():
    text = decode_bytes((DATA / "mofa-ja-press-release.shift_jis.txt").read_bytes(), "ja.txt")
    assert text.startswith("本文へ移動\nメニュー\n")
    assert "マティス長官は、米国は常に韓国と共にあると述べ" in text


def test_html_meta_charset_is_honoured():
    page = f'<html><head><meta charset="shift_jis"></head><body><p>{JAPANESE}</p></body></html>'
    assert decode_bytes(page.encode("shift_jis"), "page.html") == page


def test_html_meta_charset_that_does_not_decode_is_ignored():
    page = f'<html><head><meta charset="utf-8"></head><body><p>{KOREAN}</p></body></html>'
    assert decode_bytes(page.encode("cp949"), "page.html") == page


@pytest.mark.parametrize("data", [b"", b" \n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")])
def test_empty_input_is_an_input_error(data):
    with pytest.raises(InputError, match="empty.txt is empty"):
        decode_bytes(data, "empty.txt")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    b"Policies\x00\x00\x00Mar 27, 2017",
    bytes(range(1, 9)) * 40 + b"text",
])
def test_binary_input_is_an_input_error(data):
    with pytest.raises(InputError, match="photo.jpg is .*(binary|control characters)"):
        decode_bytes(data, "photo.jpg")


def test_undecodable_input_is_an_input_error():
    rng = random.Random(7)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(400))
    with pytest.raises(InputError, match="cannot tell the encoding of noise.txt"):
        decode_bytes(noise, "noise.txt")
