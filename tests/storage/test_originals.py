"""The cleaned article file: metadata and blocks survive a write and a read, errors name the line."""
from __future__ import annotations

import pytest

from tms.errors import InputError
from tms.model import Article, ArticleMeta, Block, Role
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
