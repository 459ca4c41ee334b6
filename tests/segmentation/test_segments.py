"""From blocks to segments: inline tags per sentence, what is not for translation, repeated texts, and the
same segments whether a long document is split in one process or several."""
from __future__ import annotations

from tms.inline import Tag
from tms.model import Block, Cell, Role
from tms.segmentation import sentences
from tms.segmentation.segments import block_segments, segment_blocks


def test_tags_go_with_their_sentence_and_are_numbered_from_one_in_each():
    link = Tag("a", {"href": "https://www.mofa.go.kr/x"})
    block = Block(Role.PARAGRAPH, "Read the <a1>statement</a1>. It names <b2>65 nations</b2>.<br/>Photo: <img3/>",
                  tags={1: link, 2: Tag("b"), 3: Tag("img", {"src": "a.jpg", "alt": "x"})})
    segments = segment_blocks([block], "en")
    assert [s.text for s in segments] == ["Read the <a1>statement</a1>.", "It names <b1>65 nations</b1>.",
                                          "Photo: <img1/>"]
    assert [s.tags for s in segments] == [{1: link}, {1: Tag("b")}, {1: block.tags[3]}]
    # The line break between two sentences stays in the block, not in either segment.
    (pairs,) = block_segments([block], "en")
    assert pairs[1][0].trail == "<br/>"


def test_images_tables_and_embeds():
    blocks = [
        Block(Role.IMAGE, "Ministers in Hanoi", attrs={"src": "a.jpg"}),
        Block(Role.IMAGE, "IMG_2041.jpg", attrs={"src": "b.jpg"}),          # a file name is not alt text
        Block(Role.TABLE_CELL, "Steel prices fell. Tariffs rose.", cell=Cell(1, 0, 0)),
        Block(Role.EMBED, "", attrs={"html": "<iframe src='https://www.youtube.com/embed/x'></iframe>"}),
        Block(Role.PARAGRAPH, "Ministers in Hanoi"),
    ]
    segments = segment_blocks(blocks, "en")
    assert [(s.text, s.location.role, s.context) for s in segments] == [
        ("Ministers in Hanoi", Role.IMAGE, None),
        ("Steel prices fell. Tariffs rose.", Role.TABLE_CELL, None),      # a cell is one segment
        ("Ministers in Hanoi", Role.PARAGRAPH, "#2"),
    ]


def test_a_long_document_split_in_several_processes_gives_the_same_segments(monkeypatch):
    monkeypatch.setattr(sentences, "_PARALLEL_CHARS", 0)
    blocks = [Block(Role.TITLE, "Trade talks")]
    blocks += [Block(Role.PARAGRAPH, f"Dr. Kim met U.S. officials on Jan. {n}. They agreed on {n % 5} points.")
               for n in range(1, 60)]
    blocks.append(Block(Role.PARAGRAPH, "They agreed on 1 points."))
    one = segment_blocks(blocks, "en", list(range(1, len(blocks) + 1)))
    two = segment_blocks(blocks, "en", list(range(1, len(blocks) + 1)), workers=2)
    assert one == two and len(one) == 1 + 2 * 59 + 1
