"""The eleven languages and their codes."""
from __future__ import annotations

import pytest

from tms.errors import InputError
from tms.languages import CODES, base_code, get_language, parse_codes


@pytest.mark.parametrize("value, expected", [
    ("ja", "ja"), ("ja-JP", "ja"), ("ja_JP", "ja"), (" ZH-Hant ", "zh"), ("", ""), (None, ""),
])
def test_base_code_is_the_language_part_of_a_locale(value, expected):
    assert base_code(value) == expected


def test_the_eleven_languages_and_their_directions():
    assert CODES == ("ko", "en", "ja", "zh", "ar", "es", "fr", "de", "ru", "vi", "id")
    assert [get_language(c).direction for c in CODES].count("rtl") == 1 and get_language("ar").direction == "rtl"


def test_parse_codes_checks_every_code():
    assert parse_codes(" ja, zh ") == ["ja", "zh"] and parse_codes(None) == []
    with pytest.raises(InputError, match="unknown language code 'xx'"):
        parse_codes("ja,xx")
