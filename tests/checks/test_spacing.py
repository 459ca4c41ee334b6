"""Leading, trailing and doubled spaces."""
from __future__ import annotations

import pytest

from tests.checks.helpers import problems
from tms.checks.spacing import DoubleSpaceCheck, LeadingSpaceCheck, TrailingSpaceCheck


@pytest.mark.parametrize("lang, target", [("ja", "大臣が演説した。"), ("fr", "Le ministre a parlé."),
                                          ("ar", "تحدث الوزير.")])
def test_clean_spacing_passes(lang, target):
    for check in (LeadingSpaceCheck(), TrailingSpaceCheck(), DoubleSpaceCheck()):
        assert problems(check, "The minister spoke.", target, lang) == []


@pytest.mark.parametrize("lang, target", [("ja", " 大臣が演説した。"), ("de", "\u00a0Der Minister sprach.")])
def test_a_leading_space_is_reported(lang, target):
    assert problems(LeadingSpaceCheck(), "The minister spoke.", target, lang) == [
        "the translation starts with 1 space(s), the source with 0"]


@pytest.mark.parametrize("lang, target", [("ko", "장관이 연설했다. "), ("es", "El ministro habló.  ")])
def test_a_trailing_space_is_reported(lang, target):
    messages = problems(TrailingSpaceCheck(), "The minister spoke.", target, lang)
    assert len(messages) == 1 and "ends with" in messages[0]


def test_a_trailing_space_of_the_source_is_expected():
    assert problems(TrailingSpaceCheck(), "Label: ", "Libellé :", "fr") == [
        "the translation ends with 0 space(s), the source with 1"]


@pytest.mark.parametrize("lang, target", [("ru", "Министр  выступил."), ("ja", "大臣が\u3000\u3000演説した。"),
                                          ("vi", "Bộ trưởng đã  phát biểu.")])
def test_a_doubled_space_is_reported(lang, target):
    messages = problems(DoubleSpaceCheck(), "The minister spoke.", target, lang)
    assert len(messages) == 1 and messages[0].startswith("a doubled space after")


def test_a_doubled_space_of_the_source_may_stay():
    assert problems(DoubleSpaceCheck(), "Name:  Yun", "이름:  윤", "ko") == []
