"""Tests of tms.inline: reading tagged text, checking a translation's tags, cutting a block into sentences
and lines, building tagged text, writing it as HTML, and the catalog notes that say what tags stand for."""
from __future__ import annotations

import pytest

from tms.inline import (
    BREAK, Builder, Tag, concat, has_tags, nesting_problems, note_lines, plain, problems, renumber, safe_url,
    split_at_breaks, split_tagged, tag_names, tag_notes, tags_for, to_html, tokens,
)

LINK = Tag("a", {"href": "https://www.mofa.go.kr/eng/view.do?seq=321"})
PHOTO = Tag("img", {"src": "https://www.mofa.go.kr/photo.jpg", "alt": "The minister"})


def spans_of(text: str, *sentences: str) -> list[tuple[int, int]]:
    """The spans of ``sentences`` in the plain text of ``text``, as a sentence splitter gives them."""
    flat = plain(text)
    spans, start = [], 0
    for sentence in sentences:
        start = flat.index(sentence, start)
        spans.append((start, start + len(sentence)))
        start += len(sentence)
    return spans


# -- reading ---------------------------------------------------------------------------------------
def test_tokens_tell_text_tags_and_breaks_apart():
    assert [(t.kind, t.text, t.name, t.number) for t in tokens("Read <a1>this</a1>.<br/><img2/> end")] == [
        ("text", "Read ", "", 0), ("open", "<a1>", "a", 1), ("text", "this", "", 0), ("close", "</a1>", "a", 1),
        ("text", ".", "", 0), ("br", "<br/>", "br", 0), ("alone", "<img2/>", "img", 2), ("text", " end", "", 0),
    ]


def test_a_tag_written_the_wrong_way_is_bad_and_lookalikes_are_text():
    kinds = [(t.kind, t.text) for t in tokens("<img1> <b2/> </x3/> <사진> <Table 1> <a0> <p1>")]
    assert kinds == [("bad", "<img1>"), ("text", " "), ("bad", "<b2/>"), ("text", " "), ("bad", "</x3/>"),
                     ("text", " <사진> <Table 1> <a0> <p1>")]
    assert not has_tags("<사진> and <Table 1>")
    assert has_tags("H<sub1>2</sub1>O")


def test_plain_drops_tags_and_makes_line_breaks_spaces_or_what_is_asked():
    text = "Read <a1>the <b2>joint</b2> statement</a1>.<br/>Photo: <img3/>"
    assert plain(text) == "Read the joint statement. Photo: "
    assert plain(text, "\n") == "Read the joint statement.\nPhoto: "
    assert plain("1 < 2 and <Table 1>") == "1 < 2 and <Table 1>"


def test_tag_names_are_the_tags_as_written_in_order():
    assert tag_names("<b2>x</b2> <a1>y</a1><br/><img3/>") == ["<b2>", "</b2>", "<a1>", "</a1>", "<br/>", "<img3/>"]
    assert tag_names("no tags < here") == []


# -- checking a translation ------------------------------------------------------------------------
def test_a_translation_with_the_same_tags_in_another_order_has_no_problems():
    assert problems("Read the <a1>statement</a1> of <b2>65 nations</b2>.<br/>",
                    "<b2>65か国</b2>の<a1>声明</a1>を読む。<br/>") == []


def test_missing_extra_and_repeated_tags_are_named():
    source = "Read the <a1>statement</a1> of <b2>65 nations</b2>.<br/>"
    assert problems(source, "Lisez la déclaration de <b2>65 nations</b2>.") == [
        "the tag <a1> is missing from the translation", "the tag </a1> is missing from the translation",
        "the tag <br/> is missing from the translation"]
    assert problems(source, "Lisez la <a1>déclaration</a1> de <b2>65</b2> <i3>nations</i3>.<br/>") == [
        "the tag <i3> is not in the source", "the tag </i3> is not in the source"]
    assert problems(source, "<a1>Lisez</a1> la <a1>déclaration</a1> de <b2>65 nations</b2>.<br/>") == [
        "the tag <a1> appears 2 times, in the source 1", "the tag </a1> appears 2 times, in the source 1"]


def test_problems_include_the_nesting_of_the_translation():
    assert problems("<a1><b2>x</b2></a1>", "<a1><b2>x</a1></b2>") == nesting_problems("<a1><b2>x</a1></b2>") != []


def test_nesting_problems_name_misnested_unopened_unclosed_and_malformed_tags():
    assert nesting_problems("<a1>the <b2>joint</b2> statement</a1>") == []
    assert nesting_problems("<a1>the <b2>joint</a1> statement</b2>") == [
        "the tag </a1> closes <a1> while <b2> inside it is still open",
        "the tag </b2> closes <b2> before it is opened"]
    assert nesting_problems("</i1>late<i1>") == ["the tag </i1> closes <i1> before it is opened",
                                                 "the tag <i1> is never closed"]
    assert nesting_problems("<b1>bold to the end") == ["the tag <b1> is never closed"]
    assert nesting_problems("<img1> and <a2/>") == [
        "the tag <img1> is malformed: img is a standalone tag, written <img1/>",
        "the tag <a2/> is malformed: a is a paired tag, written <a2>…</a2>"]


# -- cutting a block into sentences ----------------------------------------------------------------
def test_each_sentence_has_its_own_tags_numbered_from_one():
    text = "Read the <a1>statement</a1>. It names <b2>65 nations</b2>. Photo: <img3/>"
    sentences = split_tagged(text, spans_of(text, "Read the statement.", "It names 65 nations.", "Photo:"))
    assert [(s.text, s.mapping) for s in sentences] == [
        ("Read the <a1>statement</a1>.", {1: 1}), ("It names <b1>65 nations</b1>.", {1: 2}),
        ("Photo: <img1/>", {1: 3})]


def test_a_tag_open_across_a_sentence_end_is_closed_there_and_opened_again():
    text = "See <a1>the <b2>report. It</b2> is</a1> long."
    first, second = split_tagged(text, spans_of(text, "See the report.", "It is long."))
    assert first.text == "See <a1>the <b2>report.</b2></a1>"
    assert second.text == "<a1><b2>It</b2> is</a1> long."
    assert (first.mapping, second.mapping) == ({1: 1, 2: 2}, {1: 1, 2: 2})
    assert nesting_problems(first.text) == nesting_problems(second.text) == []


def test_a_tag_that_starts_in_the_second_sentence_is_its_first():
    text = "One <i1>here</i1>. Two <b2>there</b2> and <i3>again</i3>."
    _, second = split_tagged(text, spans_of(text, "One here.", "Two there and again."))
    assert (second.text, second.mapping) == ("Two <b1>there</b1> and <i2>again</i2>.", {1: 2, 2: 3})


def test_line_breaks_between_sentences_stay_in_the_block():
    text = "First line.<br/><br/>Second line."
    first, second = split_tagged(text, spans_of(text, "First line.", "Second line."))
    assert (first.text, first.lead, first.trail) == ("First line.", "", "<br/><br/>")
    assert (second.text, second.lead, second.trail) == ("Second line.", "", "")
    text = "<br/>Opening line."
    (only,) = split_tagged(text, spans_of(text, "Opening line."))
    assert (only.lead, only.text) == ("<br/>", "Opening line.")


def test_a_line_break_inside_a_tag_at_a_sentence_end_is_at_the_edge_too():
    text = "See <a1>the report.<br/>It is</a1> long."
    first, second = split_tagged(text, spans_of(text, "See the report.", "It is long."))
    assert (first.text, first.trail) == ("See <a1>the report.</a1>", "<br/>")
    assert second.text == "<a1>It is</a1> long."
    text = "<b1><br/>Opening.</b1> Next."
    first, _ = split_tagged(text, spans_of(text, "Opening.", "Next."))
    assert (first.lead, first.text) == ("<br/>", "<b1>Opening.</b1>")


def test_a_line_break_inside_a_sentence_stays_in_it():
    text = "Tel.<br/>02-123 is the number."
    (only,) = split_tagged(text, [(0, len(plain(text)))])
    assert only.text == text


def test_an_image_after_a_sentence_keeps_the_space_before_it():
    text = "Photo: <img1/>"
    (only,) = split_tagged(text, spans_of(text, "Photo:"))
    assert only.text == "Photo: <img1/>"


def test_no_spans_no_sentences():
    assert split_tagged("<b1>x</b1>", []) == []


# -- lines, numbers and tables ---------------------------------------------------------------------
def test_split_at_breaks_gives_each_line_its_tags_and_table():
    tags = {1: LINK, 2: PHOTO}
    lines = split_at_breaks("One <a1>two<br/>three</a1><br/><br/>  four <img2/>", tags)
    assert lines == [("One <a1>two</a1>", {1: LINK}), ("<a1>three</a1>", {1: LINK}), ("four <img1/>", {1: PHOTO})]
    assert split_at_breaks("no break <b1>x</b1>", {1: Tag("b")}) == [("no break <b1>x</b1>", {1: Tag("b")})]


def test_renumber_counts_from_one_in_order_of_appearance():
    assert renumber("<b3>x</b3> <img7/> <a5>y</a5><br/>") == ("<b1>x</b1> <img2/> <a3>y</a3><br/>",
                                                              {1: 3, 2: 7, 3: 5})
    assert renumber("no tags") == ("no tags", {})


def test_concat_merges_tables_and_drops_tags_a_part_does_not_know():
    text, tags = concat([("<b2>Bold</b2> ", {2: Tag("b")}),
                         ("<a1>link</a1><i9>unknown</i9><br/>end", {1: LINK})])
    assert (text, tags) == ("<b1>Bold</b1> <a2>link</a2>unknown<br/>end", {1: Tag("b"), 2: LINK})


def test_tags_for_maps_a_sentences_numbers_to_the_blocks_table():
    block = {3: Tag("b"), 5: LINK, 7: Tag("u")}
    assert tags_for({1: 5, 2: 3, 3: 8}, block) == {1: LINK, 2: Tag("b")}


# -- building --------------------------------------------------------------------------------------
def test_builder_collapses_whitespace_and_numbers_tags_in_order():
    builder = Builder()
    builder.text("  Read\n the ")
    link = builder.open("a", {"href": " https://www.mofa.go.kr/a\n b "})
    builder.text(" joint ")
    builder.close(link)
    builder.text(" statement. ")
    builder.alone("img", {"src": "p.png", "alt": "The   minister"})
    assert builder.finish() == ("Read the <a1> joint </a1> statement. <img2/>",
                                {1: Tag("a", {"href": "https://www.mofa.go.kr/a b"}),
                                 2: Tag("img", {"src": "p.png", "alt": "The minister"})})


def test_builder_closes_inner_tags_first_and_whatever_is_left_open():
    builder = Builder()
    outer = builder.open("b")
    builder.text("bold ")
    builder.open("i")
    builder.text("both")
    builder.close(outer)
    builder.text(" after ")
    builder.open("u")
    builder.text("open")
    builder.close(99)                   # a number never opened changes nothing
    assert builder.finish()[0] == "<b1>bold <i2>both</i2></b1> after <u3>open</u3>"


def test_builder_drops_empty_pairs_and_renumbers():
    builder = Builder()
    builder.close(builder.open("b"))
    builder.text("x ")
    builder.close(builder.open("a", {"href": "/a"}))
    number = builder.open("i")
    builder.text("y")
    builder.close(number)
    assert builder.finish() == ("x <i1>y</i1>", {1: Tag("i")})


def test_builder_keeps_inner_breaks_without_spaces_and_trims_them_at_the_ends():
    builder = Builder()
    builder.line_break()
    builder.text("one ")
    builder.line_break()
    builder.text(" two")
    builder.line_break()
    builder.line_break()
    assert builder.finish() == ("one<br/>two", {})


def test_builder_keeps_the_markup_of_a_kept_element_as_it_stands():
    builder = Builder()
    builder.alone("x", {"html": "<span  class='k'>\n</span>"})
    assert builder.finish() == ("<x1/>", {1: Tag("x", {"html": "<span  class='k'>\n</span>"})})


# -- writing HTML ----------------------------------------------------------------------------------
def test_to_html_escapes_text_and_attributes():
    tags = {1: Tag("a", {"href": "https://ex.org/?a=1&b=2", "title": 'say "hi" <now>'}), 2: Tag("b")}
    assert to_html('5 < 6 & "q" <a1>link</a1> <b2>x</b2>', tags) == (
        '5 &lt; 6 &amp; &quot;q&quot; <a href="https://ex.org/?a=1&amp;b=2" title="say &quot;hi&quot; &lt;now&gt;">'
        'link</a> <strong>x</strong>')


def test_to_html_writes_images_breaks_and_kept_elements():
    tags = {1: Tag("img", {"src": "/p.png", "alt": 'A "photo"', "width": "10", "onerror": "steal()"}),
            2: Tag("x", {"html": '<span class="k">kept</span>'}), 3: Tag("sub"), 4: Tag("code")}
    assert to_html("<img1/><br/><x2/> H<sub3>2</sub3>O <code4>ls</code4>", tags) == (
        '<img src="/p.png" alt="A &quot;photo&quot;" width="10"><br><span class="k">kept</span> H<sub>2</sub>O '
        '<code>ls</code>')


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)",
                                 "\x01javascript:alert(1)", "data:text/html,<script>x()</script>", "vbscript:x"])
def test_unsafe_addresses_are_dropped(url):
    assert safe_url(url) == ""
    html = to_html("<a1>link</a1> <img2/>", {1: Tag("a", {"href": url}), 2: Tag("img", {"src": url})})
    assert html == '<a>link</a> <img src="" alt="">'


@pytest.mark.parametrize("url", ["https://ex.org/a", "HTTP://EX.ORG", "mailto:a@ex.org", "tel:+82-2-123",
                                 "/root", "page.html", "../up", "#part", "a/b:c"])
def test_web_mail_and_relative_addresses_are_kept(url):
    assert safe_url(url) == url


def test_to_html_rewrites_addresses_through_urls_but_never_unsafe_ones():
    def absolute(url: str) -> str:
        return "https://news.example.org" + url

    tags = {1: Tag("a", {"href": "/docs/pact.pdf", "hreflang": "ko", "rel": "nofollow", "onclick": "x()"}),
            2: Tag("img", {"src": "/img/a.jpg", "alt": "A"}), 3: Tag("a", {"href": "javascript:x()"})}
    assert to_html("<a1>pact</a1> <img2/> <a3>bad</a3>", tags, urls=absolute) == (
        '<a href="https://news.example.org/docs/pact.pdf" hreflang="ko" rel="nofollow">pact</a> '
        '<img src="https://news.example.org/img/a.jpg" alt="A"> <a>bad</a>')


def test_to_html_is_well_nested_whatever_the_tags():
    tags = {1: Tag("b"), 2: Tag("i"), 3: Tag("b")}
    assert to_html("<b1>bold <i2>both</b1> italic</i2> <b3>open", tags) == (
        "<strong>bold <em>both</em></strong><em> italic</em> <strong>open</strong>")
    # Tags the table does not know, or knows by another name, are left out.
    assert to_html("</b1>x <u9>y</u9> <i1>z</i1>", {1: Tag("b")}) == "x y z"


# -- notes for translators -------------------------------------------------------------------------
def test_note_lines_say_what_addresses_and_kept_elements_stand_for():
    tags = {1: LINK, 2: Tag("b"), 3: PHOTO, 4: Tag("x", {"html": "<span\n  class='k'>  v </span>"}),
            5: Tag("a", {})}
    text = "<a1>x</a1> <b2>y</b2> <img3/> <x4/> <a5>z</a5> <i6>unknown</i6>"
    assert note_lines(text, tags) == [f"<a1>: {LINK.attrs['href']}", f"<img3/>: {PHOTO.attrs['src']}",
                                      "<x4/>: <span class='k'> v </span>"]
    assert note_lines("no tags", tags) == []


def test_tag_notes_read_back_what_note_lines_wrote():
    tags = {1: LINK, 2: PHOTO}
    lines = note_lines("<a1>statement</a1> <img2/>", tags)
    assert tag_notes(lines) == {1: LINK.attrs["href"], 2: PHOTO.attrs["src"]}
    assert tag_notes(["<a1>: first", "<a1>: second", "  <img3/> :  spaced  ", "<b2>: ", BREAK]) == {
        1: "first", 3: "spaced"}
