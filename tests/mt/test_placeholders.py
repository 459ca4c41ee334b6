"""Protection of markup, URLs, e-mail addresses, numbers and placeholders."""
from __future__ import annotations

import pytest

from tms.mt.placeholders import PlaceholderError, placeables, protect


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
