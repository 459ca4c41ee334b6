"""Protection of markup, URLs, e-mail addresses, numbers and placeholders."""
from __future__ import annotations

import pytest

from tms.mt.base import Engine
from tms.mt.placeholders import TOKEN_RE, PlaceholderError, placeables, protect
from tms.mt.registry import get_engine


@pytest.mark.parametrize("text, pieces", [
    ("See https://www.korea.net/NewsFocus/view?articleId=1&x=2.", ["https://www.korea.net/NewsFocus/view?articleId=1&x=2"]),
    ("Write to press@mofa.go.kr today", ["press@mofa.go.kr"]),
    ("Click <a href=\"/x\">here</a> &amp; there", ['<a href="/x">', "</a>", "&amp;"]),
    ("%s of %(count)d items, {0} and {name}, %1$s", ["%s", "%(count)d", "{0}", "{name}", "%1$s"]),
    ("On 2017-03-27, 1,000.5 tons, 50% and 10:30", ["2017-03-27", "1,000.5", "50%", "10:30"]),
    ("The G20 met about COVID-19", ["G20", "COVID-19"]),
    ("2017년 3월 27일", ["2017", "3", "27"]),
])
def test_pieces_are_found(text, pieces):
    assert placeables(text) == pieces
    protected = protect(text)
    assert protected.pieces == tuple(pieces)
    assert protected.text.count("[X") == len(pieces)
    assert protected.restore(protected.text) == text


def test_percent_after_a_number_is_not_a_printf_placeholder():
    assert placeables("50% of the vote") == ["50%"]
    assert protect("50% of the vote").text == "[X1X] of the vote"


def test_restore_puts_pieces_and_outer_whitespace_back():
    protected = protect("  Visit <b>Seoul</b> in 2017.\n")
    assert protected.text == "Visit [X1X]Seoul[X2X] in [X3X]."
    assert protected.restore("[X3X]년에 [X1X]서울[X2X]을 방문하세요.") == "  2017년에 <b>서울</b>을 방문하세요.\n"


@pytest.mark.parametrize("bent", ["[x1x] [X 2 X] ［X3X］", "[X1X][X2X][X3X]"])
def test_restore_accepts_the_ways_engines_bend_tokens(bent):
    assert protect("<i>a</i> 5").restore(bent).replace(" ", "") == "<i></i>5"


def test_a_lost_token_is_an_error_naming_the_piece():
    protected = protect("Call 02-2100-2114 now")
    with pytest.raises(PlaceholderError, match="lost '02-2100-2114'"):
        protected.restore("Appelez maintenant")


def test_a_repeated_or_invented_token_is_an_error():
    protected = protect("In 2017 it grew")
    with pytest.raises(PlaceholderError, match="repeated"):
        protected.restore("[X1X] [X1X]")
    with pytest.raises(PlaceholderError, match="invented"):
        protected.restore("[X1X] [X2X]")


def test_a_token_already_in_the_source_survives():
    protected = protect("Literal [X1X] text")
    assert protected.restore(protected.text) == "Literal [X1X] text"


def test_texts_without_words_have_nothing_to_translate():
    assert not protect("2017-03-27").has_words
    assert not protect("https://korea.net").has_words
    assert protect("Seoul 2017").has_words


# -- tms inline tags ------------------------------------------------------------------------------
TAGGED = "Read the <a1>joint statement</a1> of the <b2>65 nations</b2>.<br/>The logo: <img3/>"


def test_each_inline_tag_is_one_piece():
    assert placeables(TAGGED) == ["<a1>", "</a1>", "<b2>", "65", "</b2>", "<br/>", "<img3/>"]
    protected = protect(TAGGED)
    assert protected.text == "Read the [X1X]joint statement[X2X] of the [X3X][X4X] nations[X5X].[X6X]The logo: [X7X]"
    assert protected.has_words and not protect("<a1>2017</a1><br/><img2/>").has_words


def test_an_engine_may_move_inline_tags():
    protected = protect(TAGGED)
    moved = "[X3X][X4X]か国[X5X]の[X1X]共同声明[X2X]を読む。[X6X]ロゴ：[X7X]"
    assert protected.restore(moved) == "<b2>65か国</b2>の<a1>共同声明</a1>を読む。<br/>ロゴ：<img3/>"
    # Nesting one pair inside the other is a move too.
    inside = "[X1X]共同声明、[X3X][X4X]か国[X5X][X2X]。[X6X][X7X]"
    assert protected.restore(inside) == "<a1>共同声明、<b2>65か国</b2></a1>。<br/><img3/>"


@pytest.mark.parametrize("answer, reason", [
    ("[X3X][X4X]か国[X5X]の共同声明[X2X]を読む。[X6X]ロゴ：[X7X]", "lost '<a1>'"),
    ("[X3X][X4X]か国[X5X]の[X1X]共同声明[X2X]を読む。[X6X]ロゴ：[X7X][X7X]", "repeated '<img3/>' 2 times"),
    ("[X3X][X4X]か国[X5X]の[X1X]共同声明[X2X]を読む。[X6X]ロゴ：[X7X][X8X]", "invented placeholder [X8X]"),
    ("[X3X][X4X]か国[X5X]の[X1X]共同声明[X2X]を<i4>読む</i4>。[X6X]ロゴ：[X7X]", "invented tag '<i4>'"),
    ("[X3X][X4X]か国[X5X]の[X2X]共同声明[X1X]を読む。[X6X]ロゴ：[X7X]",
     "the tag </a1> closes <a1> before it is opened"),
    ("[X1X]共同声明[X3X][X4X][X2X]か国[X5X]。[X6X][X7X]",
     "the tag </a1> closes <a1> while <b2> inside it is still open"),
])
def test_a_translation_that_loses_repeats_invents_or_breaks_a_tag_is_refused(answer, reason):
    with pytest.raises(PlaceholderError) as caught:
        protect(TAGGED).restore(answer)
    assert str(caught.value) == reason


def test_a_source_that_does_not_nest_is_not_held_against_the_engine():
    protected = protect("<a1>one <b2>two</a1> three</b2>")
    assert protected.restore("[X1X]un [X2X]deux[X3X] trois[X4X]") == "<a1>un <b2>deux</a1> trois</b2>"


def test_the_pseudo_engine_keeps_inline_tags_as_they_are():
    outcome = get_engine("pseudo").translate([TAGGED], "en", "ja")[TAGGED]
    assert outcome.status == "translated"
    assert outcome.text.startswith("[!! Ŕéàđ ŧĥé <a1>ĵöîñŧ šŧàŧéɱéñŧ</a1> öƒ ŧĥé <b2>65 ñàŧîöñš</b2>.<br/>")
    assert "<img3/>" in outcome.text


class Shuffler(Engine):
    """Answers with the tokens of each text in reverse order, as an engine that reorders a sentence."""

    name = "shuffler"
    is_remote = False

    def _translate(self, texts, source_code, target_code):
        out = []
        for text in texts:
            tokens = TOKEN_RE.findall(text)
            out.append("訳" + "訳".join(f"[X{number}X]" for number in reversed(tokens)) + "。")
        return out


def test_an_engine_that_turns_a_pair_around_is_refused_and_one_that_keeps_pairs_is_not():
    engine = Shuffler()
    results = engine.translate([TAGGED, "Seen on <img1/> at <br/>noon"], "en", "ja")
    assert results[TAGGED].status == "rejected"
    assert results[TAGGED].reason.startswith("placeholder the tag </b2> closes <b2> before it is opened")
    assert results["Seen on <img1/> at <br/>noon"].text == "訳<br/>訳<img1/>。"
