"""Tests of the HTML reader: tms.segmentation.html (choosing the article), html_head (what the page says
about it) and html_walk (the blocks and their inline markup).

Whole pages through ``parse_article`` are tested in test_cleaning.py; these test the reader's parts."""
from __future__ import annotations

import pytest
import trafilatura

from tms.errors import InputError
from tms.inline import Tag
from tms.model import Cell
from tms.segmentation.html import parse_html, read_html
from tms.segmentation.html_head import lines_by_headline, page_hints
from tms.segmentation.html_walk import walk
from tms.segmentation.structure import RawBlock


def hints_of(head: str, body: str = "", html_attrs: str = "") -> dict:
    return page_hints(parse_html(f"<html{html_attrs}><head>{head}</head><body>{body}</body></html>", "t.html"))


def blocks_of(body: str, *, skips_chrome: bool = False) -> list[RawBlock]:
    doc = parse_html(f"<html><body>{body}</body></html>", "t.html")
    return walk(doc.find("body"), skips_chrome=skips_chrome)


def rows(blocks: list[RawBlock]) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in blocks]


# -- the page's head -------------------------------------------------------------------------------
def test_meta_tags_canonical_link_and_language():
    hints = hints_of("""<title>Title tag | Site</title>
        <meta property="og:title" content="Seoul  and Hanoi sign a pact">
        <meta name="twitter:title" content="Twitter title">
        <meta property="og:site_name" content="Example News">
        <meta property="article:published_time" content="2024-05-02T09:00:00+09:00">
        <meta name="author" content="https://www.facebook.com/examplenews">
        <meta name="byline" content="Kim Minji">
        <meta property="article:section" content="Politics">
        <meta property="og:url" content="https://news.example.org/og">
        <link rel="Canonical" href=" https://news.example.org/world/pact ">""",
                     body='<time datetime="2020-01-01">1 January</time>', html_attrs=' lang="ko"')
    assert hints == {"title": "Seoul and Hanoi sign a pact", "site_name": "Example News",
                     "date": "2024-05-02T09:00:00+09:00", "byline": "Kim Minji", "category": "Politics",
                     "url": "https://news.example.org/world/pact", "lang": "ko"}


def test_json_ld_news_article_in_a_graph_with_author_objects():
    hints = hints_of("""<script type="application/ld+json">{not json at all</script>
        <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
          {"@type": "WebPage", "name": "Not the article"},
          {"@type": ["NewsArticle"], "headline": " Port of  Busan opens a terminal ",
           "datePublished": "2023-03-04T08:00:00Z", "articleSection": ["Economy", "Asia"],
           "author": [{"@type": "Person", "name": "Lee Jiyoon"}, "Park Sora", {"name": " "}]}]}</script>""")
    assert hints == {"title": "Port of Busan opens a terminal", "date": "2023-03-04T08:00:00Z",
                     "category": "Economy", "byline": "Lee Jiyoon, Park Sora"}


def test_meta_tags_come_before_json_ld():
    hints = hints_of("""<meta property="og:title" content="From the meta tag">
        <script type="application/ld+json">{"@type": "Article", "headline": "From JSON-LD",
          "author": {"name": "Park Sora"}}</script>""")
    assert (hints["title"], hints["byline"]) == ("From the meta tag", "Park Sora")


def test_breadcrumb_gives_the_section_without_home_and_the_headline():
    hints = hints_of("<title>Port of Busan opens a terminal - Harbour Times</title>", """
        <ol class="breadcrumb"><li>Home</li><li>News</li><li>Economy</li>
        <li>Port of Busan opens a terminal</li></ol>""")
    assert hints["category"] == "Economy"
    hints = hints_of("<title>Notice</title>", '<div class="location">Home &gt; Press &gt; Releases</div>')
    assert hints["category"] == "Releases"


def test_json_ld_breadcrumb_in_order_of_position():
    hints = hints_of("""<title>Minister meets envoys</title>
        <script type="application/ld+json">{"@type": "BreadcrumbList",
        "itemListElement": [{"position": 3, "name": "Daily briefings"}, {"position": 1, "name": "Home"},
                            {"position": 2, "item": {"name": "Press"}}]}</script>""")
    assert hints["category"] == "Daily briefings"


def test_a_time_element_dates_a_page_whose_head_does_not():
    body = '<p>Posted <time>yesterday</time></p><p><time datetime="2021-06-07T10:00">7 June</time></p>'
    assert hints_of("<title>T</title>", body)["date"] == "2021-06-07T10:00"
    head = '<title>T</title><meta name="date" content="2021-06-01">'
    assert hints_of(head, body)["date"] == "2021-06-01"


def test_the_language_of_an_xhtml_page():
    doc = parse_html('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
                     'xml:lang="fr"><head><title>Bonjour</title></head><body><p>Bonjour</p></body></html>', "fr.xhtml")
    assert page_hints(doc) == {"title": "Bonjour", "lang": "fr"}


# -- the lines around the headline ---------------------------------------------------------------
def paragraphs(*texts: str) -> list[RawBlock]:
    return [RawBlock("paragraph", text) for text in texts]


def test_byline_date_and_email_printed_near_the_headline():
    blocks = paragraphs("Menu") + [RawBlock("title", "Port of Busan opens a terminal")] + paragraphs(
        "March 27, 2017", "김해원 기자 kim@yna.co.kr", "The port opened a terminal on Monday. " * 3)
    assert lines_by_headline(blocks, 1, True) == {"date": "2017-03-27", "byline": "김해원 기자",
                                                  "email": "kim@yna.co.kr"}
    assert lines_by_headline(blocks, 1, False) == {"byline": "김해원 기자", "email": "kim@yna.co.kr"}
    assert lines_by_headline(blocks, None, True) == {}


def test_the_nearest_byline_wins_and_far_or_long_lines_do_not_count():
    headline = [RawBlock("title", "Headline")]
    assert lines_by_headline(paragraphs("By Park Sora") + headline + paragraphs("x", "By Lee Jiyoon"), 1, True) == {
        "byline": "Park Sora"}
    filler = paragraphs("The port opened a terminal.") * 12
    assert lines_by_headline(headline + filler + paragraphs("By Park Sora"), 0, True) == {}
    assert lines_by_headline(headline + filler[:10] + paragraphs("By <b1>Park Sora</b1>"), 0, True) == {
        "byline": "Park Sora"}
    assert lines_by_headline(headline + paragraphs("By " + "Park Sora Lee " * 6), 0, True) == {}


# -- walking the page into blocks ------------------------------------------------------------------
def test_hidden_text_scripts_and_styles_are_skipped():
    blocks = blocks_of("""<p>Visible <span class="blind">hidden words</span><span class="sr-only">for readers</span>
        <span aria-hidden="true">icon</span><span hidden>gone</span><span style="display: none">none</span>
        <span style="visibility:hidden">invisible</span> text.</p><div class="Hide">whole block</div>
        <script>var x = 1;</script><style>p {}</style><noscript>Enable scripts</noscript>""")
    assert rows(blocks) == [("paragraph", "Visible text.")]


def test_lazy_images_use_their_real_source_and_pixels_are_dropped():
    (block,) = blocks_of("""<p>Photos: <img src="data:image/gif;base64,R0lGOD" data-src="https://ex.org/real.jpg"
        alt=" The  minister "> <img src="/img/blank.gif" data-original="/img/b.jpg 2x">
        <img src="/track.gif" width="1" height="1"> <img src="javascript:alert(1)"></p>""")
    assert block.text == "Photos: <img1/> <img2/>"
    assert block.tags == {1: Tag("img", {"src": "https://ex.org/real.jpg", "alt": "The minister"}),
                          2: Tag("img", {"src": "/img/b.jpg", "alt": ""})}


def test_a_figure_is_an_image_block_and_its_caption():
    blocks = blocks_of('<figure><img src="/a.jpg" alt="Cranes" title="Busan"><figcaption>Cranes at the '
                       '<b>new</b> terminal.</figcaption></figure>')
    assert rows(blocks) == [("image", "Cranes"), ("caption", "Cranes at the <b1>new</b1> terminal.")]
    assert blocks[0].attrs == {"src": "/a.jpg", "title": "Busan"}


def test_a_caption_box_keeps_its_credit_on_a_line_of_its_own():
    (caption,) = blocks_of('<div class="photo-caption">Cranes in Busan <span>Photo: Yonhap</span></div>')
    assert (caption.kind, caption.text) == ("caption", "Cranes in Busan<br/>Photo: Yonhap")
    assert caption.lines == (("Cranes in Busan", {}), ("Photo: Yonhap", {}))


def test_a_data_table_gives_cells_with_their_spans():
    blocks = blocks_of("""<table><caption>Trade in 2023</caption>
        <thead><tr><th colspan="2">Sector</th></tr></thead>
        <tbody><tr><td rowspan="2">Steel</td><td><b>5%</b></td></tr><tr><td></td></tr>
        <tr><td colspan="wide">x</td><td rowspan="5000">y</td></tr></tbody></table>""")
    assert [(b.kind, b.text, b.cell) for b in blocks] == [
        ("caption", "Trade in 2023", None),
        ("table-cell", "Sector", Cell(1, 0, 0, True, 2, 1)),
        ("table-cell", "Steel", Cell(1, 1, 0, False, 1, 2)),
        ("table-cell", "<b1>5%</b1>", Cell(1, 1, 1)),
        ("table-cell", "", Cell(1, 2, 0)),
        ("table-cell", "x", Cell(1, 3, 0)),
        ("table-cell", "y", Cell(1, 3, 1)),
    ]


def test_a_layout_table_gives_ordinary_blocks():
    blocks = blocks_of("<table><tr><td><p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p></td><td>Side</td></tr>"
                       "</table>")
    assert [(b.kind, b.text, b.cell) for b in blocks] == [
        ("paragraph", "One.", None), ("paragraph", "Two.", None), ("paragraph", "Three.", None),
        ("paragraph", "Four.", None), ("paragraph", "Side", None)]
    # A table holding a table is layout; the inner one is the data.
    (inner,) = blocks_of("<table><tr><td><table><tr><td>Inner</td></tr></table></td></tr></table>")
    assert (inner.kind, inner.text, inner.cell) == ("table-cell", "Inner", Cell(1, 0, 0))


def test_blockquotes_mark_their_blocks_as_quoted():
    blocks = blocks_of("<p>Before.</p><blockquote><p>Quoted.</p><blockquote>Deeper.</blockquote>"
                       "<p>Quoted again.</p></blockquote><p>After.</p>")
    assert [(b.text, b.quote) for b in blocks] == [("Before.", 0), ("Quoted.", 1), ("Deeper.", 2),
                                                  ("Quoted again.", 1), ("After.", 0)]


def test_embedded_players_keep_only_harmless_attributes_and_web_sources():
    blocks = blocks_of("""<iframe src="https://www.youtube.com/embed/x" title="v" onload="steal()" style="x"
        width="560" allowfullscreen></iframe><iframe src="javascript:alert(1)"></iframe>
        <video src="/local.mp4" poster="https://ex.org/p.jpg"></video><object data="javascript:1"></object>""")
    assert [(b.kind, b.attrs) for b in blocks] == [
        ("embed", {"html": '<iframe src="https://www.youtube.com/embed/x" title="v" width="560" allowfullscreen>'
                           "</iframe>"})]


def test_a_video_keeps_every_source_and_track():
    (video,) = blocks_of("""<video controls onplay="steal()"><source src="https://ex.org/v.webm" type="video/webm">
        <source src="javascript:alert(1)"><source src="//cdn.ex.org/v.mp4" type="video/mp4" onerror="x()">
        <track src="https://ex.org/en.vtt" kind="subtitles" srclang="en">Your browser has no video.</video>""")
    assert video.attrs["html"] == (
        '<video controls><source src="https://ex.org/v.webm" type="video/webm">'
        '<source src="//cdn.ex.org/v.mp4" type="video/mp4"><track src="https://ex.org/en.vtt" kind="subtitles" '
        'srclang="en"></video>')


def test_the_text_after_an_embed_element_is_kept():
    blocks = blocks_of('<p>Before.</p><embed src="https://ex.org/f.swf" type="application/x-shockwave-flash" '
                       'onclick="x()"><p>After the embed.</p><p>Last.</p>')
    assert rows(blocks) == [("paragraph", "Before."), ("embed", ""), ("paragraph", "After the embed."),
                            ("paragraph", "Last.")]
    assert blocks[1].attrs == {"html": '<embed src="https://ex.org/f.swf" type="application/x-shockwave-flash">'}


def test_links_keep_web_addresses_only():
    (block,) = blocks_of('<p>Read <a href="javascript:alert(1)" onclick="x()">this</a>, <a href="#top">top</a> '
                         'and <a href=" https://ex.org/a?b=1&amp;c=2 " title="The report">that</a> '
                         '<em>now</em>.</p>')
    assert block.text == "Read this, top and <a1>that</a1> <i2>now</i2>."
    assert block.tags == {1: Tag("a", {"href": "https://ex.org/a?b=1&c=2", "title": "The report"}), 2: Tag("i")}


CHROME = """<nav><a href="/">Home</a></nav><div class="sns-share"><a href="https://facebook.com/x">Facebook</a></div>
<ul role="navigation"><li>Menu item</li></ul><div id="lang-select">English</div>
<div class="article-body"><p>The port opened.</p></div><div class="shared-memory">Shared memory is a term.</div>"""


def test_navigation_and_share_bars_are_skipped_on_a_web_page():
    assert rows(blocks_of(CHROME, skips_chrome=True)) == [("paragraph", "The port opened."),
                                                           ("paragraph", "Shared memory is a term.")]


def test_a_document_keeps_what_looks_like_chrome():
    assert [b.plain for b in blocks_of(CHROME)] == ["Home", "Facebook", "Menu item", "English", "The port opened.",
                                                    "Shared memory is a term."]


def test_headings_lists_and_line_breaks():
    blocks = blocks_of("<h1>Head<br>line</h1><h3>Sub</h3><ol start='3'><li>Three</li><li value='7'>Seven"
                       "<ul><li>dot</li></ul></li></ol><p>a<br>b</p>")
    assert [(b.kind, b.text, b.marker, b.level) for b in blocks] == [
        ("title", "Head line", "", None), ("heading", "Sub", "", 1), ("list-item", "Three", "3.", 0),
        ("list-item", "Seven", "7.", 0), ("list-item", "dot", "•", 1), ("paragraph", "a<br/>b", "", None)]
    assert blocks[-1].lines == (("a", {}), ("b", {}))


# -- choosing the article --------------------------------------------------------------------------
PORT_STORY = """<!DOCTYPE html><html lang="en"><head><title>Port of Busan opens new terminal | Harbour Times</title>
</head><body>
<header class="site-header"><h1 class="logo"><a href="/">Harbour Times</a></h1>
<ul class="gnb"><li><a href="/news">News</a></li>
<li><a href="/sports">Sports</a></li></ul></header>
<div class="sns-share"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
<div class="layout"><div class="main-col">
<h2 class="headline">Port of Busan opens new terminal</h2>
<p class="byline">By Park Sora</p>
<p>The Port of Busan opened its new container terminal on Monday, adding capacity for two million boxes a year
to the country's largest harbour.</p>
<figure><img src="/img/terminal.jpg" alt="Cranes at the new terminal"><figcaption>Cranes at the new terminal in
Busan.</figcaption></figure>
<p>Officials said the terminal would cut waiting times for ships by a third, and that automated cranes would handle
most of the work from next spring onwards.</p>
<p>The project cost 1.2 trillion won and took six years to build, according to the Ministry of Oceans and
Fisheries, which oversaw the construction.</p>
</div>
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Baseball season opens with a record crowd in
Seoul</a></li><li><a href="/b">Weather: heavy rain expected across the south this weekend</a></li></ul></aside>
</div>
<footer><p>Copyright 2024 Harbour Times. All rights reserved. Contact us for reprint permissions.</p></footer>
</body></html>"""


def test_read_html_keeps_the_article_among_the_pages_chrome():
    hints, blocks = read_html(PORT_STORY, "busan.html")
    assert [(b.kind, b.plain[:40]) for b in blocks] == [
        ("title", "Port of Busan opens new terminal"),
        ("paragraph", "The Port of Busan opened its new contain"),
        ("image", "Cranes at the new terminal"),
        ("caption", "Cranes at the new terminal in Busan."),
        ("paragraph", "Officials said the terminal would cut wa"),
        ("paragraph", "The project cost 1.2 trillion won and to"),
    ]
    assert blocks[2].attrs == {"src": "/img/terminal.jpg"}
    assert (hints["title"], hints["lang"], hints["byline"]) == (
        "Port of Busan opens new terminal | Harbour Times", "en", "Park Sora")


def test_read_html_whole_keeps_every_block_and_takes_the_heading_like_the_pages_title_for_its_title():
    _, blocks = read_html(PORT_STORY, "busan.html", is_whole=True)
    texts = [b.plain for b in blocks]
    assert "Most read" in texts and "By Park Sora" in texts and "Facebook Twitter" in texts
    # The site's name in an <h1> is no headline: the <h2> the page's <title> names is.
    assert [(b.kind, b.plain) for b in blocks if b.kind in ("title", "heading")] == [
        ("heading", "Harbour Times"), ("title", "Port of Busan opens new terminal"), ("heading", "Most read")]


@pytest.fixture
def finds_nothing(monkeypatch):
    """trafilatura finds no article in the page."""
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)


def test_without_trafilatura_the_largest_article_is_read_without_its_chrome(finds_nothing):
    page = """<html><head><title>Office closed</title></head><body>
        <nav><a href="/">Home</a> <a href="/about">About</a></nav>
        <article class="teaser"><h2>Another story</h2><p>Teaser.</p></article>
        <article><header><h1>Office closed</h1><p>By Kim Minji</p></header>
        <p>The office is closed on Friday.</p>
        <div class="share-tools"><a href="#">Share</a></div>for the holiday.
        <aside>See also: the holiday list.</aside><form><p>Search</p></form>
        <p>It opens again on Monday.</p><footer>Kim Minji, Staff Writer</footer></article>
        <footer>Site footer</footer></body></html>"""
    _, blocks = read_html(page, "closed.html")
    assert rows(blocks) == [("title", "Office closed"), ("paragraph", "By Kim Minji"),
                            ("paragraph", "The office is closed on Friday."), ("paragraph", "for the holiday."),
                            ("paragraph", "It opens again on Monday."), ("paragraph", "Kim Minji, Staff Writer")]


def test_without_trafilatura_main_or_a_content_box_is_read(finds_nothing):
    page = """<html><head><title>Notice</title></head><body><header>Site header</header><nav>Menu</nav>
        <div class="wrap"><div role="main"><h1>Notice</h1><p>Closed on Friday.</p><button>Print</button></div></div>
        <footer>Footer</footer></body></html>"""
    assert rows(read_html(page, "n.html")[1]) == [("title", "Notice"), ("paragraph", "Closed on Friday.")]
    notice = "Closed on Friday for the holiday. " * 8
    page = f"""<html><head><title>Notice</title></head><body><div id="gnb"><a>Menu</a></div>
        <div class="sidebar"><p>{"A sidebar of links to other pages of the site. " * 6}</p></div>
        <div id="contents"><h1>Notice</h1><p>{notice}</p><div class="btn_util"><a>Print</a></div></div></body></html>"""
    assert rows(read_html(page, "n.html")[1]) == [("title", "Notice"), ("paragraph", notice.strip())]


def test_without_trafilatura_or_a_content_box_the_body_is_read_without_its_chrome(finds_nothing):
    page = """<html><head><title>Notice</title></head><body><header>Site header</header><nav>Menu</nav>
        <div class="lang-select">English</div><p>Closed on Friday.</p><div role="contentinfo">Info</div>
        <footer>Footer</footer></body></html>"""
    assert rows(read_html(page, "n.html")[1]) == [("paragraph", "Closed on Friday.")]


def test_a_failing_trafilatura_is_no_failed_import(monkeypatch):
    def fail(*args, **kwargs):
        raise ValueError("bad markup")

    monkeypatch.setattr(trafilatura, "bare_extraction", fail)
    page = "<html><body><nav>Menu</nav><main><h1>Notice</h1><p>Closed on Friday.</p></main></body></html>"
    assert rows(read_html(page, "n.html")[1]) == [("title", "Notice"), ("paragraph", "Closed on Friday.")]


# -- errors ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "   \n", "<!-- only a comment -->"])
def test_a_page_that_is_no_html_is_an_input_error_that_names_the_file(text):
    with pytest.raises(InputError, match="cannot read releases/notice.html as HTML") as caught:
        parse_html(text, "releases/notice.html")
    assert "import it as text instead" in str(caught.value)
    assert caught.value.__cause__ is not None
