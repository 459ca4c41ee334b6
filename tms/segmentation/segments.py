"""From an article's blocks to translatable segments, each with its place in the article."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tms.model import Block, Location, Role, Segment
from tms.segmentation.sentences import split_spans

#: Roles whose blocks are split into sentences; the others (titles, bylines...) stay whole.
SPLIT_ROLES = frozenset({Role.PARAGRAPH, Role.LIST_ITEM, Role.CAPTION})


def segment_blocks(blocks: Sequence[Block], lang: str, block_lines: Sequence[int] = ()) -> list[Segment]:
    """Split blocks into segments in article order; repeated texts get a msgctxt ("#2", "#3"...)."""
    segments: list[Segment] = []
    seen: Counter[str] = Counter()
    for number, block in enumerate(blocks, start=1):
        line = block_lines[number - 1] if number <= len(block_lines) else 0
        text = block.text
        spans = split_spans(text, lang) if block.role in SPLIT_ROLES else _whole(text)
        previous_end = None
        for index, (start, end) in enumerate(spans, start=1):
            piece = text[start:end]
            location = Location(
                role=block.role, block=number, sentence=index, level=block.level,
                marker=block.marker if index == 1 else "",
                is_glued=previous_end is not None and previous_end == start, line=line,
            )
            seen[piece] += 1
            context = f"#{seen[piece]}" if seen[piece] > 1 else None
            segments.append(Segment(piece, location, context))
            previous_end = end
    return segments


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
