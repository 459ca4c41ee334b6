"""Tags, web addresses and e-mail addresses survive translation."""
from __future__ import annotations

import json

import pytest

from tests.checks.helpers import problems
from tests.tagged import TAGGED_JA, build_tagged_article
from tms.checks.base import CheckContext
from tms.checks.markup import BidiControlsCheck, EmailsCheck, MarkupCheck, UrlsCheck
from tms.checks.registry import run_checks
from tms.inline import tag_notes
from tms.cli.main import cli
from tms.model import SegmentState, Unit
from tms.storage.pofile import load_catalog, save_catalog


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


# -- tms inline tags ------------------------------------------------------------------------------
TAGGED_SOURCE = "Read the <a1>joint statement</a1> of the <b2>65 nations</b2>.<br/>The logo: <img3/>"


@pytest.mark.parametrize("lang, target", [
    ("ja", "<b2>65か国</b2>の<a1>共同声明</a1>を読む。<br/>ロゴ：<img3/>"),          # tags moved: fine
    ("ar", "اقرأ <a1>البيان المشترك</a1> لـ<b2>65 دولة</b2>.<br/>الشعار: <img3/>"),
    ("de", "Lesen Sie die <a1>gemeinsame Erklärung der <b2>65 Staaten</b2></a1>.<br/>Das Logo: <img3/>"),
])
def test_inline_tags_kept_in_any_order_pass(lang, target):
    assert problems(MarkupCheck(), TAGGED_SOURCE, target, lang) == []


@pytest.mark.parametrize("target, expected", [
    ("<b2>65か国</b2>の共同声明を読む。<br/>ロゴ：<img3/>",
     ["the tag <a1> is missing from the translation", "the tag </a1> is missing from the translation"]),
    ("<b2>65か国</b2>の<a1>共同声明</a1>を読む。ロゴ：<img3/>", ["the tag <br/> is missing from the translation"]),
    ("<b2>65か国</b2>の<a1>共同声明</a1>を<i4>読む</i4>。<br/>ロゴ：<img3/>",
     ["the tag <i4> is not in the source", "the tag </i4> is not in the source"]),
    ("<b2>65か国</b2>の<a1>共同声明</a1>を読む。<br/>ロゴ：<img3/><img3/>",
     ["the tag <img3/> appears 2 times, in the source 1"]),
])
def test_inline_tags_missing_extra_or_repeated_are_errors(target, expected):
    assert problems(MarkupCheck(), TAGGED_SOURCE, target) == expected


@pytest.mark.parametrize("target, expected", [
    ("</a1>共同声明<a1>と<b2>65か国</b2>。<br/><img3/>", "the tag </a1> closes <a1> before it is opened"),
    ("<a1>共同声明<b2>と</a1>65か国</b2>。<br/><img3/>",
     "the tag </a1> closes <a1> while <b2> inside it is still open"),
    ("<a1>共同声明と<b2>65か国</b2>。<br/><img3/>", "the tag <a1> is never closed"),
    ("<a1/>共同声明</a1>と<b2>65か国</b2>。<br/><img3/>", "the tag <a1/> is malformed: a is a paired tag"),
    ("<a1>共同声明</a1>と<b2>65か国</b2>。<br/><img3>", "the tag <img3> is malformed: img is a standalone tag"),
])
def test_badly_nested_or_malformed_inline_tags_are_errors(target, expected):
    messages = problems(MarkupCheck(), TAGGED_SOURCE, target)
    assert any(m.startswith(expected) for m in messages), messages


def test_html_typed_into_a_tagged_translation_is_still_reported():
    messages = problems(MarkupCheck(), TAGGED_SOURCE, "<b2>65か国</b2>の<a1>共同声明</a1>を<b>読む</b>。<br/><img3/>")
    assert messages == ["the tag <b> is not in the source", "the tag </b> is not in the source"]


def test_text_that_only_looks_like_a_tag_is_text():
    source = "The photo <사진> shows <Table 1> and <a1>more</a1>."
    assert problems(MarkupCheck(), source, "写真<사진>は<Table 1>と<a1>その他</a1>を示す。") == []
    assert problems(MarkupCheck(), source, "写真<사진>は<a1>その他</a1>を示す。") == [
        "the tag <table> is missing from the translation"]


def test_tag_notes_read_the_extracted_comments():
    assert tag_notes(["<a1>: https://www.mofa.go.kr/x?seq=1", "<img3/>: logo.png", "Note: not a tag",
                      "<a5>:", "<zz2>: nothing"]) == {1: "https://www.mofa.go.kr/x?seq=1", 3: "logo.png"}


def test_tms_check_reports_broken_inline_tags(runner, project):
    build_tagged_article(project)
    path = project.po_path("tagged", "ja")
    catalog = load_catalog(path)
    for unit, text in zip(catalog.active_units(), TAGGED_JA):
        unit.target, unit.state = text, SegmentState.TRANSLATED
    catalog.active_units()[1].target = "<b2>65か国</b2>の</a1>共同声明<a1>を読む。<br/>"
    save_catalog(path, catalog)
    result = runner.invoke(cli, ["--root", str(project.root), "check", "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["findings"]
    assert {(f["check"], f["severity"]) for f in findings} == {("markup", "error")}
    assert [f["message"] for f in findings] == [
        "the tag </a1> closes <a1> before it is opened",
        "the tag <a1> is never closed",
    ]


def test_checks_of_the_words_do_not_read_the_tags():
    # Without the tags' text taken out, "1" and "2" of <a1> and <b2> would be numbers missing from a translation
    # that moved them, and the full stop before <br/> would not end the sentence.
    unit = Unit(source="Read the <a1>statement</a1> of <b2>65 nations</b2>.<br/>",
                target="<b2>65か国</b2>の<a1>声明</a1>を読む。<br/>", state=SegmentState.TRANSLATED)
    context = CheckContext("en", "ja")
    found = [(check.check_id, message) for check, message in run_checks(unit, context)]
    assert found == []
    unit.target = "<b2>65か国</b2>の声明を読む。<br/>"
    assert [c.check_id for c, _ in run_checks(unit, context)] == ["markup", "markup"]


# -- direction controls ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang, source, target", [
    ("ar", "The minister spoke.", "تحدث الوزير."),
    ("ar", "Call 02-123-4567.", "اتصل على \u200e02-123-4567\u200e."),          # marks are not controls
    ("ja", "Name: \u2067محمد\u2069 spoke.", "\u2067محمد\u2069氏が発言した。"),   # an isolate the source has too
])
def test_text_without_new_direction_controls_passes(lang, source, target):
    assert problems(BidiControlsCheck(), source, target, lang) == []


@pytest.mark.parametrize("control", [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))])
def test_every_direction_control_the_source_lacks_is_an_error(control):
    found = problems(BidiControlsCheck(), "The price is $100.", f"価格は{control}001$です。", "ja")
    assert len(found) == 1
    assert f"U+{ord(control):04X}" in found[0] and "at character 4" in found[0]


def test_a_hidden_override_is_found_by_tms_check_as_an_error():
    from tms.checks.registry import get_check

    check = get_check("bidi-controls")
    assert check.severity.is_blocking
    found = problems(check, "Transfer to account 12345.", "Überweisung auf Konto \u202e54321\u202c.", "de")
    assert [m.split(" (")[0] for m in found] == ["the invisible direction control U+202E",
                                                 "the invisible direction control U+202C"]
