"""Tags, web addresses and e-mail addresses survive translation."""
from __future__ import annotations

import pytest

from tests.checks.helpers import problems
from tms.checks.markup import EmailsCheck, MarkupCheck, UrlsCheck


@pytest.mark.parametrize("lang, target", [
    ("ja", "<b>外務大臣</b>が演説した。<br/>"),
    ("ar", "ألقى <b>وزير الخارجية</b> كلمة.<br/>"),
    ("de", "Der <B>Außenminister</B> sprach.<br/>"),
])
def test_markup_kept_passes(lang, target):
    assert problems(MarkupCheck(), "The <b>Foreign Minister</b> spoke.<br/>", target, lang) == []


@pytest.mark.parametrize("lang, target, expected", [
    ("ja", "外務大臣が演説した。<br/>", "the tag <b> is missing"),
    ("fr", "Le <b>ministre</b> a parlé.", "the tag <br/> is missing"),
    ("ru", "<i>Министр</i> выступил.<br/>", "the tag <i> is not in the source"),
])
def test_markup_lost_or_added_is_an_error(lang, target, expected):
    messages = problems(MarkupCheck(), "The <b>Foreign Minister</b> spoke.<br/>", target, lang)
    assert any(m.startswith(expected) for m in messages), messages


SOURCE = "Read it at https://www.korea.net/NewsFocus/view?articleId=145. Contact: jiae5853@korea.kr."


@pytest.mark.parametrize("lang, target", [
    ("ja", "https://www.korea.net/NewsFocus/view?articleId=145 で読めます。連絡先：jiae5853@korea.kr。"),
    ("ar", "اقرأه على https://www.korea.net/NewsFocus/view?articleId=145. للتواصل: jiae5853@korea.kr."),
    ("es", "Léalo en «https://www.korea.net/NewsFocus/view?articleId=145». Contacto: jiae5853@korea.kr."),
])
def test_addresses_kept_pass(lang, target):
    assert problems(UrlsCheck(), SOURCE, target, lang) == []
    assert problems(EmailsCheck(), SOURCE, target, lang) == []


def test_a_changed_url_is_an_error():
    target = "https://www.korea.net/NewsFocus/view?articleId=154 で読めます。jiae5853@korea.kr"
    assert problems(UrlsCheck(), SOURCE, target, "ja") == [
        "the address https://www.korea.net/NewsFocus/view?articleId=145 is missing from the translation",
        "the address https://www.korea.net/NewsFocus/view?articleId=154 is not in the source",
    ]


@pytest.mark.parametrize("lang, target", [
    ("ko", "https://www.korea.net/NewsFocus/view?articleId=145 에서 읽으세요. 문의: jiae5853@korea.com"),
    ("vi", "Đọc tại https://www.korea.net/NewsFocus/view?articleId=145. Liên hệ: jiae5853 @ korea.kr."),
])
def test_a_changed_or_broken_email_is_an_error(lang, target):
    assert "the e-mail address jiae5853@korea.kr is missing from the translation" in problems(
        EmailsCheck(), SOURCE, target, lang)
