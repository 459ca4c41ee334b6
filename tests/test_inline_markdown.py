"""Tests of tms.inline_markdown: tagged text written as CommonMark inline markup and read back the same."""
from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from tms.inline import Tag
from tms.inline_markdown import from_markdown, markdown_escape, to_markdown


def parser() -> MarkdownIt:
    """A Markdown parser set up as ``tms.storage.originals`` reads an original: addresses kept as written."""
    md = MarkdownIt("commonmark").enable("strikethrough")
    md.normalizeLink = lambda url: url
    md.normalizeLinkText = lambda url: url
    return md


PARSER = parser()


def read(markdown: str):
    tokens = PARSER.parseInline(markdown)
    return from_markdown(tokens[0].children if tokens else [])


def link(href: str, **attrs: str) -> Tag:
    return Tag("a", {"href": href, **attrs})


ROUND_TRIPS = {
    "link with a title": ("Read the <a1>joint statement</a1>.",
                          {1: link("https://www.mofa.go.kr/eng/view.do?seq=321&page=2", title='The "joint" one')}),
    "parentheses in the address": ("See <a1>Seoul</a1>.", {1: link("https://en.wikipedia.org/wiki/Seoul_(city)")}),
    "an unbalanced parenthesis": ("See <a1>this</a1>.", {1: link("https://ex.org/a)b")}),
    "spaces, brackets, backslash": ("A <a1>b</a1>", {1: link("https://ex.org/a b\\c<d>", title="a\\b")}),
    "an empty address": ("<a1>nowhere</a1>", {1: link("")}),
    "bold around italic": ("<b1>bold <i2>both</i2> more</b1> end", {1: Tag("b"), 2: Tag("i")}),
    "italic around bold, touching": ("<i1><b2>both</b2></i1>", {1: Tag("i"), 2: Tag("b")}),
    "emphasis inside a word": ("a<i1>b</i1>c", {1: Tag("i")}),
    "two bolds side by side": ("<b1>a</b1><b2>b</b2>", {1: Tag("b"), 2: Tag("b")}),
    "bold on CJK punctuation": ("<b1>“강조”</b1>했다", {1: Tag("b")}),
    "bold in a link": ("<a1>a <b2>b</b2></a1>", {1: link("/h"), 2: Tag("b")}),
    "image with specials": ("Logo: <img1/> here", {1: Tag("img", {"src": "https://ex.org/logo (1).png",
                                                                   "alt": "The [logo] *", "title": "T"})}),
    "code with specials": ("Run <code1>a*b `c` _d_</code1> now", {1: Tag("code")}),
    "Markdown specials as text": ("Specials * _ [ ] < > ` | ~ \\ &amp; &#39; &copy; R&D 1 < 2", {}),
    "a leading image sign": ("![not an image](x.png) and a!b", {}),
    "an exclamation before a link": ("Wow!<a1>link</a1>", {1: link("photo.png")}),
    "HTML-only tags": ("H<sub1>2</sub1>O E=mc<sup2>2</sup2> <u3>under</u3> <s4>gone</s4>",
                       {1: Tag("sub"), 2: Tag("sup"), 3: Tag("u"), 4: Tag("s")}),
    "a line break": ("line<br/>break", {}),
    "a kept element": ("Video <x1/> here", {1: Tag("x", {"html": '<span class="k">'})}),
}


@pytest.mark.parametrize("text, tags", ROUND_TRIPS.values(), ids=ROUND_TRIPS.keys())
def test_to_markdown_reads_back_to_the_same_text_and_tags(text, tags):
    assert read(to_markdown(text, tags)) == (text, tags)


def test_links_are_written_in_markdown_with_their_address_bracketed_when_needed():
    assert to_markdown("Read the <a1>statement</a1>.", {1: link("https://ex.org/a?b=1", title='The "one"')}) == (
        'Read the [statement](https://ex.org/a?b=1 "The \\"one\\"").')
    assert to_markdown("<a1>Seoul</a1>", {1: link("https://ex.org/Seoul_(city)")}) == (
        "[Seoul](<https://ex.org/Seoul_(city)>)")
    assert to_markdown("<a1>x</a1>", {1: link("https://ex.org/a b<c>")}) == "[x](<https://ex.org/a b\\<c\\>>)"


def test_emphasis_is_markdown_where_it_flanks_cleanly_and_html_elsewhere():
    assert to_markdown("<b1>bold</b1> and <i2>it</i2> <s3>gone</s3>", {1: Tag("b"), 2: Tag("i"), 3: Tag("s")}) == (
        "**bold** and *it* ~~gone~~")
    # Delimiters next to another tag could pair up otherwise: the safe form is HTML.
    assert to_markdown("<b1>bold <i2>both</i2></b1>", {1: Tag("b"), 2: Tag("i")}) == (
        "<strong>bold <em>both</em></strong>")
    assert to_markdown("<b1>“강조”</b1>했다", {1: Tag("b")}) == "<strong>“강조”</strong>했다"
    assert to_markdown("<i1>it</i1><b2>bo</b2>", {1: Tag("i"), 2: Tag("b")}) == "<em>it</em><strong>bo</strong>"
    assert to_markdown("<b1>x</b1>*y", {1: Tag("b")}) == "<strong>x</strong>\\*y"


def test_images_code_and_tags_markdown_lacks():
    photo = Tag("img", {"src": "https://ex.org/a.jpg", "alt": "The [minister]", "title": "Photo"})
    assert to_markdown("<img1/>", {1: photo}) == '![The \\[minister\\]](https://ex.org/a.jpg "Photo")'
    assert to_markdown("<code1>a*b</code1> H<sub2>2</sub2>O<br/>x<sup3>2</sup3> <u4>u</u4>",
                       {1: Tag("code"), 2: Tag("sub"), 3: Tag("sup"), 4: Tag("u")}) == (
        "<code>a\\*b</code> H<sub>2</sub>O<br>x<sup>2</sup> <u>u</u>")


def test_tags_the_table_does_not_know_are_left_out():
    assert to_markdown("<b1>known</b1> <i2>unknown</i2> <img3/>", {1: Tag("b")}) == "**known** unknown "


def test_markdown_escape_escapes_what_markdown_would_read_as_markup():
    assert markdown_escape("*a* _b_ [c] <d> `e` ~f~ g|h \\") == (
        "\\*a\\* \\_b\\_ \\[c\\] \\<d\\> \\`e\\` \\~f\\~ g\\|h \\\\")
    assert markdown_escape("R&amp;D &#39; &copy; R&D") == "R\\&amp;D \\&#39; \\&copy; R&D"
    assert markdown_escape("![x] a! b!") == "\\!\\[x\\] a! b!"
    assert markdown_escape("Plain text, 100% (yes).") == "Plain text, 100% (yes)."


def test_from_markdown_reads_inline_html():
    text, tags = read("<u>u</u> <ins>i</ins> <del>d</del> <strike>s</strike> <kbd>k</kbd> <em>e</em> "
                      "<strong>b</strong> <sub>2</sub><sup>3</sup>")
    assert text == ("<u1>u</u1> <u2>i</u2> <s3>d</s3> <s4>s</s4> <code5>k</code5> <i6>e</i6> <b7>b</b7> "
                    "<sub8>2</sub8><sup9>3</sup9>")
    assert [tag.name for tag in tags.values()] == ["u", "u", "s", "s", "code", "i", "b", "sub", "sup"]


def test_from_markdown_reads_an_html_link_without_its_other_attributes():
    text, tags = read("""<a href='https://ex.org/?a=1&amp;b=2' title="T &amp; U" onclick=steal()>here</a>""")
    assert (text, tags) == ("<a1>here</a1>", {1: link("https://ex.org/?a=1&b=2", title="T & U")})


def test_from_markdown_breaks_code_and_unknown_html():
    assert read("one<br>two  \nthree\nfour") == ("one<br/>two<br/>three four", {})
    assert read("Run `ls *.md` now") == ("Run <code1>ls *.md</code1> now", {1: Tag("code")})
    assert read("<span>kept</span>") == ("<x1/>kept<x2/>", {1: Tag("x", {"html": "<span>"}),
                                                            2: Tag("x", {"html": "</span>"})})


def test_from_markdown_images_and_links():
    assert read('![The *minister*](a.jpg "Photo") [x](https://ex.org/a "T")') == (
        "<img1/> <a2>x</a2>", {1: Tag("img", {"src": "a.jpg", "alt": "The minister", "title": "Photo"}),
                               2: link("https://ex.org/a", title="T")})


def test_from_markdown_leaves_unmatched_markup_as_it_reads():
    assert read("**unclosed and </u> stray") == ("**unclosed and stray", {})
