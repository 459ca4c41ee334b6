"""From an article's blocks to translatable segments, each with its place in the article."""
from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from tms import inline
from tms.model import Block, Location, Role, Segment
from tms.segmentation.sentences import split_spans, split_spans_many
from tms.segmentation.structure import IMAGE_FILE_NAME

#: Roles whose blocks are split into sentences; the others (titles, bylines, table cells...) stay whole.
SPLIT_ROLES = frozenset({Role.PARAGRAPH, Role.LIST_ITEM, Role.CAPTION})
#: Roles whose blocks have nothing to translate.
OPAQUE_ROLES = frozenset({Role.EMBED})


def segment_blocks(blocks: Sequence[Block], lang: str, block_lines: Sequence[int] = (), *,
                   workers: int = 1) -> list[Segment]:
    """Split blocks into segments in article order; repeated texts get a msgctxt ("#2", "#3"...).

    Inline tags go with the sentence they stand in, and are numbered from 1 in each segment. ``workers``
    above 1 lets a long document be split in that many processes (``split_spans_many``).
    """
    known: dict[int, list[tuple[int, int]]] = {}
    if workers > 1:
        split = [i for i, b in enumerate(blocks) if b.role in SPLIT_ROLES and not b.tags and "<br/>" not in b.text]
        known = dict(zip(split, split_spans_many([blocks[i].text for i in split], lang, workers)))
    seen: dict[str, int] = {}
    segments: list[Segment] = []
    for number, block in enumerate(blocks, start=1):
        line = block_lines[number - 1] if number <= len(block_lines) else 0
        pairs = _block_segments(block, number, lang, line, seen, known.get(number - 1))
        segments.extend(segment for _, segment in pairs)
    return segments


def block_segments(blocks: Sequence[Block], lang: str,
                   block_lines: Sequence[int] = ()) -> list[list[tuple["Piece", Segment]]]:
    """For each block, its pieces and the segments they give, as ``segment_blocks`` numbers them."""
    seen: dict[str, int] = {}
    return [_block_segments(block, number, lang, block_lines[number - 1] if number <= len(block_lines) else 0, seen)
            for number, block in enumerate(blocks, start=1)]


def _block_segments(block: Block, number: int, lang: str, line: int, seen: dict[str, int],
                    spans: list[tuple[int, int]] | None = None) -> list[tuple["Piece", Segment]]:
    """The pieces of one block and their segments; ``seen`` counts each text over the article so far."""
    role, level = block.role, block.level
    pairs = []
    previous_end = -1
    for index, piece in enumerate(block_pieces(block, lang, spans), start=1):
        text = piece.text
        count = seen.get(text, 0) + 1
        seen[text] = count
        location = Location(role, number, index, level, block.marker if index == 1 else "",
                            previous_end == piece.start, line)
        pairs.append((piece, Segment(text, location, f"#{count}" if count > 1 else None, piece.tags)))
        previous_end = piece.end
    return pairs


class Piece(NamedTuple):
    """One segment of a block: its text and tag table, where it stands in the block's plain text, and the
    standalone tags and line breaks before and after it that stay in the block (in the block's numbers)."""

    text: str
    tags: dict
    start: int = 0
    end: int = 0
    lead: str = ""
    trail: str = ""


def block_pieces(block: Block, lang: str, spans: list[tuple[int, int]] | None = None) -> list[Piece]:
    """The segments of one block, in order (``spans``: its sentences, when they are already known)."""
    if block.role in OPAQUE_ROLES or (block.role is Role.IMAGE and IMAGE_FILE_NAME.match(block.text)):
        return []
    text = block.text
    if not block.tags and "<br/>" not in text:
        if spans is None:
            spans = split_spans(text, lang) if block.role in SPLIT_ROLES else _whole(text)
        return [Piece(text[start:end], {}, start, end) for start, end in spans]
    flat = inline.plain(text)
    spans = split_spans(flat, lang) if block.role in SPLIT_ROLES else _whole(flat)
    return [Piece(s.text, inline.tags_for(s.mapping, block.tags), start, end, s.lead, s.trail)
            for s, (start, end) in zip(inline.split_tagged(text, spans), spans)]


def _whole(text: str) -> list[tuple[int, int]]:
    stripped = text.strip()
    if not stripped:
        return []
    start = text.index(stripped[0])
    return [(start, start + len(stripped))]


def join_sentences(pieces: Sequence[tuple[str, bool]]) -> str:
    """Rebuild a block's text from (sentence, is_glued) pairs, the inverse of splitting."""
    out = []
    for index, (text, is_glued) in enumerate(pieces):
        if index and not is_glued:
            out.append(" ")
        out.append(text)
    return "".join(out)


def blocks_from_units(units: Sequence) -> list[Block]:
    """Rebuild an article's blocks from catalog units (``tms.model.Unit``) in order, the inverse of
    ``segment_blocks``: the source sentences of each block joined again as they stood, markers and levels
    restored. (A translation is rebuilt by ``tms.services.rendering``, spaced as its language writes.)
    """
    located = sorted((u for u in units if u.location and not u.is_obsolete),
                     key=lambda u: (u.location.block, u.location.sentence))
    blocks: list[Block] = []
    current: list = []

    def flush() -> None:
        if current:
            first = current[0].location
            pieces = [(u.source, u.location.is_glued) for u in current]
            blocks.append(Block(first.role, join_sentences(pieces), level=first.level, marker=first.marker))

    for unit in located:
        if current and unit.location.block != current[0].location.block:
            flush()
            current = []
        current.append(unit)
    flush()
    return blocks
