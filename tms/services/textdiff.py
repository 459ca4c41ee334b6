"""What changed between two versions of a segment's source, word by word, for the editor and the API."""
from __future__ import annotations

import difflib
import re

#: Words, runs of spaces and single punctuation marks; each CJK character and Hangul syllable on its own,
#: for those scripts put no spaces between words.
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|\w+|\s+|[^\w\s]")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The change from ``old`` to ``new`` as (op, text) pieces in order: "same", "deleted" or "inserted"."""
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            _add(pieces, "same", "".join(before[a1:a2]))
            continue
        if a2 > a1:
            _add(pieces, "deleted", "".join(before[a1:a2]))
        if b2 > b1:
            _add(pieces, "inserted", "".join(after[b1:b2]))
    return pieces


def _add(pieces: list[tuple[str, str]], op: str, text: str) -> None:
    if pieces and pieces[-1][0] == op:
        pieces[-1] = (op, pieces[-1][1] + text)
    elif text:
        pieces.append((op, text))
