"""The cleaned article file: metadata and blocks survive a write and a read, errors name the line."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tms.errors import InputError
from tms.inline import Builder, Tag
from tms.model import Article, ArticleMeta, Block, Cell, Role
from tms.storage.originals import format_article, load_article, parse_article, save_article


def sample() -> Article:
    meta = ArticleMeta(title="Foreign Minister Attends Meeting", date="2017-03-27", category="Press Releases",
                       byline="By Sohn JiAe", author_role="Korea.net Staff Writer",
                       credits=["Photos: Ministry of Foreign Affairs"], email="jiae5853@korea.kr",
                       is_unofficial_translation=True, source_name="mofa.txt", source_format="text")
    blocks = [
        Block(Role.TITLE, "Foreign Minister Attends Meeting"),
        Block(Role.PARAGRAPH, "Korea and the international community have reconfirmed their will."),
        Block(Role.LIST_ITEM, "Foreign Minister Yun attended a meeting.", level=0, marker="1."),
        Block(Role.LIST_ITEM, "In his opening address, he spoke.", level=1, marker="o"),
        Block(Role.PARAGRAPH, "1. This paragraph only looks like a list item."),
        Block(Role.PARAGRAPH, "# not a heading"),
        Block(Role.HEADING, "Background"),
        Block(Role.CAPTION, "Minister Yun (right) and Ed Royce talk on March 22."),
        Block(Role.BYLINE, "By Sohn JiAe"),
        Block(Role.CREDIT, "Photos: Ministry of Foreign Affairs"),
    ]
    return Article("2017-03-27-foreign-minister", "en", meta, blocks)


def test_round_trip(tmp_path):
    article = sample()
    path = tmp_path / "a.md"
    lines = save_article(path, article)
    again, again_lines = load_article(path)
    assert again == article
    assert again_lines == lines
    text = path.read_text(encoding="utf-8").split("\n")
    for block, line in zip(article.blocks, lines):
        assert block.text in text[line - 1]


def test_layout_is_markdown_with_fenced_roles():
    text, _ = format_article(sample())
    assert "\n# Foreign Minister Attends Meeting\n" in text
    assert "\n1. Foreign Minister Yun attended a meeting.\n" in text
    assert "\n    o In his opening address, he spoke.\n" in text
    assert "\n\\1. This paragraph only looks like a list item.\n" in text
    assert "\n::: caption\nMinister Yun (right) and Ed Royce talk on March 22.\n:::\n" in text


@pytest.mark.parametrize("text, line, what", [
    ("id: x\n", 1, "front matter"),
    ("---\nid: x\nlanguage: en\n", 1, "not closed"),
    ("---\nid: [x\nlanguage: en\n---\n", 3, "bad front matter"),
    ("---\nid: x\nlanguage: en\n---\n\n::: sidebar\ntext\n:::\n", 6, "unknown block role"),
    ("---\nid: x\nlanguage: en\n---\n\n::: caption\ntext\n", 6, "not closed"),
])
def test_malformed_files_name_the_line(text, line, what):
    with pytest.raises(InputError, match=what) as caught:
        parse_article(text, "originals/x.md")
    assert f"originals/x.md:{line}:" in str(caught.value)


def rich() -> Article:
    link = Tag("a", {"href": "https://www.mofa.go.kr/eng/view.do?seq=321&page=2", "title": "The \"joint\" statement"})
    blocks = [
        Block(Role.TITLE, "Korea <i1>and</i1> the world", tags={1: Tag("i")}),
        Block(Role.PARAGRAPH, "Read the <a1>joint statement</a1> of the <b2>65 nations</b2>.<br/>H<sub3>2</sub3>O, "
                              "*stars*, [brackets], a_b, 1 < 2 & R&amp;D",
              tags={1: link, 2: Tag("b"), 3: Tag("sub")}),
        Block(Role.PARAGRAPH, "<b1>“강조”</b1>했다 <s2>struck</s2> <u3>under</u3> <code4>x*y</code4>",
              tags={1: Tag("b"), 2: Tag("s"), 3: Tag("u"), 4: Tag("code")}),
        Block(Role.IMAGE, "Minister Yun [right] at the meeting", attrs={"src": "https://example.org/a b.jpg",
                                                                         "title": "Photo"}),
        Block(Role.CAPTION, "Minister Yun (right) at the <a1>meeting</a1>.", tags={1: Tag("a", {"href": "/m"})}),
        Block(Role.PARAGRAPH, "A quotation, first paragraph.", quote=1),
        Block(Role.PARAGRAPH, "Its second paragraph, with <i1>emphasis</i1>.", tags={1: Tag("i")}, quote=1),
        Block(Role.LIST_ITEM, "A quoted list item.", marker="-", quote=1),
        Block(Role.TABLE_CELL, "구분", cell=Cell(1, 0, 0, True)),
        Block(Role.TABLE_CELL, "내용 | 비고", cell=Cell(1, 0, 1, True)),
        Block(Role.TABLE_CELL, "{braces} first", cell=Cell(1, 1, 0, False, 1, 2)),
        Block(Role.TABLE_CELL, "line one<br/>line <b1>two</b1>", tags={1: Tag("b")}, cell=Cell(1, 1, 1)),
        Block(Role.TABLE_CELL, "", cell=Cell(1, 2, 0)),
        Block(Role.TABLE_CELL, "A row header", cell=Cell(1, 3, 0, True, 2, 1)),
        Block(Role.PARAGRAPH, "Between the tables."),
        Block(Role.TABLE_CELL, "second table", cell=Cell(2, 0, 0)),
        Block(Role.EMBED, "", attrs={"html": '<iframe src="https://www.youtube.com/embed/x" title="v"></iframe>'}),
        Block(Role.PARAGRAPH, "!Important: # not a heading"),
        Block(Role.PARAGRAPH, "| not a table"),
        Block(Role.PARAGRAPH, "> not a quote"),
    ]
    return Article("rich", "en", ArticleMeta(title="Korea and the world", url="https://example.org/a"), blocks)


def test_inline_markup_tables_quotes_images_and_embeds_round_trip(tmp_path):
    article = rich()
    path = tmp_path / "rich.md"
    lines = save_article(path, article)
    again, again_lines = load_article(path)
    assert again.blocks == article.blocks
    assert again.meta == article.meta
    assert again_lines == lines
    text = path.read_text(encoding="utf-8")
    assert "[joint statement](https://www.mofa.go.kr/eng/view.do?seq=321&page=2 \"The \\\"joint\\\" statement\")" in text
    assert "\n| 구분 | 내용 \\| 비고 |\n| --- | --- |\n" in text
    assert "\n> A quotation, first paragraph.\n>\n> Its second paragraph, with *emphasis*.\n" in text
    assert "\n![Minister Yun \\[right\\] at the meeting](<https://example.org/a b.jpg> \"Photo\")\n" in text
    assert "\n::: embed\n<iframe" in text


@given(st.lists(st.sampled_from(["a", "b", "i", "s", "u", "sub", "sup", "code", "br", "img", "text"]), max_size=8),
       st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                                               blacklist_characters="\u0085"), max_size=12), min_size=8, max_size=8))
@settings(max_examples=300, deadline=None)
def test_any_inline_markup_survives_a_write_and_a_read(kinds, texts):
    builder = Builder()
    for kind, text in zip(kinds, texts):
        if kind == "text":
            builder.text(text)
        elif kind == "br":
            builder.line_break()
        elif kind == "img":
            builder.alone("img", {"src": "x.png", "alt": text})
        else:
            number = builder.open(kind, {"href": "https://example.org/?q=" + text} if kind == "a" else None)
            builder.text(text or "x")
            builder.close(number)
    builder.text("end")
    text, tags = builder.finish()
    article = Article("x", "en", ArticleMeta(), [Block(Role.PARAGRAPH, text, tags=tags)])
    again, _ = parse_article(format_article(article)[0], "x.md")
    assert [(b.text, b.tags) for b in again.blocks] == [(text, tags)]
