"""What changed between two versions of a segment's source, word by word, for the editor and the API."""
from __future__ import annotations

import difflib
import re

#: Words with the spaces after them, or single characters of scripts written without spaces.
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\s\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+\s*|\s+")


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
