"""List numbers and inline enumerations: a list marker is not a sentence, nor is an item of a list inside one.

"1. The first item" starts a sentence with its number; "three parts: 1. training, 2. exchanges" and
"양측은 1) 공급망 안정, 2) 기후변화 대응" are one sentence each, in every language. Items that open their own
sentences ("budget. 2. The vote") still split.
"""
from __future__ import annotations

import re

from tms.segmentation import marks  # for marks.SPACES: see sentences.py
from tms.segmentation.marks import TERMINATORS

# A list number that opens a sentence: "1.", "a)", "iv."
LIST_MARKER = re.compile(r"\s*(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})[.)]")
# A list marker inside a sentence: "tiga hal: 1) …", "양측은 1) 공급망 안정, 2) …", "(a) …", "① …".
_LIST_ITEM = re.compile(r"(?<![^\s:])(?:(?:\d{1,2}|[^\W\d_])[.)）](?=\s|[^\W\d_])|\((?:\d{1,2}|[a-z])\)|[①-⑳])")
# sentencex reads "1) …, 2) …" inside a line as a list, breaks before each item and then never inside the
# last one ("… 3) training. It starts" stays whole); it is shown these markers as "#)" instead (brackets kept,
# so that it still sees "(up 3)" as a bracket).
_INLINE_LIST_BRACKET = re.compile(r"\)(?:(?<=\S \d\))|(?<=\S \d\d\))|(?<=\S [a-z]\)))(?= )")
LIST_ITEM_CHARS = frozenset(".)）(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")  # one of them is in a list marker's first 3 characters
LIST_NUMBER_ENDS = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")  # the last character of "1", "12", "a"


def without_inline_list_numbers(text: str) -> str:
    """text with "1) ", "12) ", "a) " after a word shown as "#) ", "##) ", "#) ": the same length, so that
    offsets still hold."""
    brackets = [match.start() for match in _INLINE_LIST_BRACKET.finditer(text)]
    if not brackets:
        return text
    chars = list(text)
    for bracket in brackets:
        chars[bracket - 1] = "#"
        if chars[bracket - 2] != " ":
            chars[bracket - 2] = "#"
    return "".join(chars)


def is_before_list_item(text: str, start: int, pos: int, after_items: bool = False) -> bool:
    """True if a list marker follows pos on the same line, inside the sentence that began at start:
    "هي: 1) …", "양측은 1) …"; with after_items, only if an earlier item is in that sentence too. Items that
    open their own sentences ("1. 첫째 … 2. 둘째") are not inside one."""
    nxt = marks.SPACES.match(text, pos).end()
    if "\n" in text[pos:nxt] or not _LIST_ITEM.match(text, nxt):
        return False
    first = marks.SPACES.match(text, start).end()
    if _LIST_ITEM.match(text, first) or LIST_MARKER.match(text, first):
        return False
    return not after_items or bool(_LIST_ITEM.search(text, first, pos))


def is_inline_list_number(text: str, start: int, dot: int, nxt: int) -> bool:
    """True if the period at dot closes the number of a list inside a sentence: "three parts: 1. training,
    2. exchanges" (the number before it in the sentence, or the one after it on the line after a colon or
    before a word in lower case), not "stieg auf 45. Die Polizei" or "1. The first item"."""
    last = text[dot - 1]
    if last.isdigit():
        first = dot - 2 if dot - 2 >= start and text[dot - 2].isdigit() else dot - 1
    elif "a" <= last <= "z":
        first = dot - 1
    else:
        return False
    last = first - 1  # the space, colon or bracket before the number, then the last character before that
    if last <= start or text[last] not in " :(\t\u00a0":
        return False
    while last > start and text[last].isspace():
        last -= 1
    if text[last].isspace() or text[last] in TERMINATORS:
        return False  # the list opens the sentence
    word = text[first:dot]
    number = int(word) if word.isdigit() else ord(word) - ord("a") + 1
    label = str if word.isdigit() else (lambda n: chr(ord("a") + n - 1))
    if number > 1:  # the number before it must be in the sentence ("am 22. März" has no "21.")
        previous = label(number - 1) + "."
        return text.find(previous, start, first) >= 0 and \
            bool(re.compile(rf"[\s:(]{re.escape(previous)}\s").search(text, start, first))
    if text[last] != ":" and text[nxt].isupper():
        return False
    line_end = text.find("\n", dot, dot + 300)
    return bool(re.compile(rf"\s{label(2)}\.\s").search(text, dot, line_end if line_end > 0 else dot + 300))

