"""Sentence marks and the words before them, as every splitting rule reads them."""
from __future__ import annotations

import re

TERMINATORS = set(".!?…。！？؟۔‼⁉｡．")  # every mark that may end a sentence
CJK_FULL_STOPS = set("。！？｡")
ELLIPSIS = re.compile(r"\.{2,}|\.*…[.…]*")  # "...", "…", "……"
SPACES = re.compile(r"\s*")
LONG_WORD = 40  # the words before a period are looked for this far back


def words_before(text: str, start: int, end: int) -> tuple[str, str]:
    """The last two whitespace-separated tokens of text[start:end], looking back 40 characters at most."""
    chunk = text[max(start, end - LONG_WORD):end]
    parts = chunk.rsplit(None, 2)
    if not parts:
        return "", ""
    if chunk[-1].isspace():
        return parts[-1], ""
    return (parts[-2] if len(parts) > 1 else ""), parts[-1]
