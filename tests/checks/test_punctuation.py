"""End punctuation of the target script, bracket balance and the target language's quotation marks."""
from __future__ import annotations

import pytest

from tests.checks.helpers import problems
from tms.checks.punctuation import BracketsCheck, EndPunctuationCheck, QuotesCheck, end_mark

END = EndPunctuationCheck()


@pytest.mark.parametrize("lang, source, target", [
    ("ja", "The minister spoke.", "大臣が演説した。"),
    ("zh", "The minister spoke.", "部长发表了讲话。"),
    ("ko", "The minister spoke.", "장관이 연설했다."),
    ("ar", "Did the minister speak?", "هل تحدث الوزير؟"),
    ("ar", "The minister spoke.", "تحدث الوزير."),
    ("es", "Did the minister speak?", "¿Habló el ministro?"),
    ("ja", "Did the minister speak?", "大臣は演説したか？"),
    ("fr", "“We will win,” he said.", "« Nous gagnerons », a-t-il dit."),
    ("en", "우리는 이길 것이다.", "“We will win.”"),
    ("de", "Korea and ISIS", "Korea und ISIS"),
])
def test_right_end_punctuation_passes(lang, source, target):
    src = "ko" if lang == "en" else "en"
    assert problems(END, source, target, lang, src) == []


@pytest.mark.parametrize("lang, source, target, expected", [
    ("ja", "The minister spoke.", "大臣が演説した.", "a full stop in Japanese is “。”, not “.”"),
    ("zh", "The minister spoke.", "部长发表了讲话", "the source ends with a full stop; end the translation with “。”"),
    ("ko", "The minister spoke.", "장관이 연설했다。", "a full stop in Korean is “.”, not “。”"),
    ("ar", "Did the minister speak?", "هل تحدث الوزير?", "a question mark in Arabic is “؟”, not “?”"),
    ("fr", "Did the minister speak?", "Le ministre a parlé.", "the source ends with a question mark, the translation with “.”"),
    ("de", "Korea and ISIS", "Korea und ISIS.", "the source has no end punctuation, the translation ends with “.”"),
    ("es", "Did the minister speak?", "Habló el ministro?", "a Spanish question mark also opens with “¿”"),
])
def test_wrong_end_punctuation_is_reported(lang, source, target, expected):
    assert problems(END, source, target, lang) == [expected]


def test_end_mark_looks_through_closing_quotes():
    assert end_mark("“It is crucial.”") == "."
    assert end_mark("「重要だ。」") == "。"
    assert end_mark("Wait...") == "…"
    assert end_mark("No end") == ""


BRACKETS = BracketsCheck()


@pytest.mark.parametrize("lang, target", [
    ("ja", "尹炳世外相（右）とロイス委員長が会談した。"),
    ("zh", "尹炳世外长（右）与罗伊斯主席会谈。"),
    ("ar", "وزير الخارجية يون بيونغ-سي (يمين) ورئيس اللجنة إد رويس."),
    ("de", "Außenminister Yun Byung-se (rechts) und Ed Royce."),
])
def test_balanced_brackets_pass(lang, target):
    assert problems(BRACKETS, "Minister Yun Byung-se (right) and Chair Ed Royce talk.", target, lang) == []


@pytest.mark.parametrize("lang, target", [
    ("ja", "尹炳世外相（右とロイス委員長が会談した。"),
    ("fr", "Le ministre Yun Byung-se (à droite et Ed Royce."),
    ("ru", "Министр Юн Бён Се правый) и Эд Ройс."),
])
def test_unbalanced_brackets_are_reported(lang, target):
    messages = problems(BRACKETS, "Minister Yun Byung-se (right) and Chair Ed Royce talk.", target, lang)
    assert len(messages) == 1 and messages[0].startswith("brackets:")


def test_a_bracket_split_across_sentences_stays_split():
    assert problems(BRACKETS, "He said (in a speech.", "彼は（演説で述べた。", "ja") == []


QUOTES = QuotesCheck()
QUOTE_SOURCE = "“This move means a lot,” said the minister."


@pytest.mark.parametrize("lang, target", [
    ("ja", "「この動きは大きな意味がある」と大臣は述べた。"),
    ("fr", "« Cette décision compte beaucoup », a déclaré le ministre."),
    ("de", "„Dieser Schritt bedeutet viel“, sagte der Minister."),
    ("ru", "«Этот шаг много значит», — сказал министр."),
    ("zh", "“此举意义重大，”部长说。"),
    ("ar", "قال الوزير: «هذه الخطوة تعني الكثير»."),
    ("ko", "\"이번 조치는 큰 의미가 있다\"고 장관은 말했다."),
])
def test_quotes_of_the_target_language_pass(lang, target):
    assert problems(QUOTES, QUOTE_SOURCE, target, lang) == []


@pytest.mark.parametrize("lang, target, expected", [
    ("ja", "“この動きは大きな意味がある”と大臣は述べた。", "Japanese quotes with 「」 or 『』, not “ ”"),
    ("de", "“Dieser Schritt bedeutet viel”, sagte der Minister.", "German quotes with „“ or »«, not ”"),
    ("fr", "« Cette décision compte beaucoup, a déclaré le ministre.", "quotation marks: 1 left open"),
])
def test_wrong_or_unbalanced_quotes_are_reported(lang, target, expected):
    messages = problems(QUOTES, QUOTE_SOURCE, target, lang)
    assert any(expected in m for m in messages), messages


def test_a_quotation_split_across_sentences_stays_split():
    assert problems(QUOTES, "He went on to say, “In that the act has introduced", "Il a ajouté : « Dans la mesure", "fr") == []
