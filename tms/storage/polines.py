"""How a PO string is laid out on lines: GNU's escapes, and GNU's wrapping at a page width (or none).

GNU ``msgcat`` and ``msgmerge`` write a string on the keyword's line when it fits in 79 columns and holds
no line break before its end; otherwise ``msgid ""`` comes first, then one quoted line per ``\\n``-ended
part, each part broken where the Unicode line-breaking rules allow (after spaces, after ``/`` and ``-``
before a letter, around CJK ideographs, kana and Hangul syllables) so that no line passes the width. A word longer than a
line stays whole. References (``#:``) are packed into lines the same way. This module follows those
rules for the scripts tms serves, so that a catalog last written by ``msgcat`` keeps its layout.
"""
from __future__ import annotations

import functools
import unicodedata

#: GNU's page width (``msgcat --width``); 0 means no wrapping (``msgcat --no-wrap``).
GNU_WIDTH = 79

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a", "\b": "\\b",
            "\f": "\\f", "\v": "\\v"}
_NEEDS_ESCAPE = frozenset(_ESCAPES)
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
#: No break before these, even after a space (UAX #14 CL, CP, EX, IS, SY).
_NO_BREAK_BEFORE_EVER = frozenset("、。，．,.:;!?！？：；)]}）］｝〕〉》」』】〙〗/")
#: No break before these but after a space (UAX #14 NS, IN, HY: small kana, iteration marks, ellipses).
_NO_BREAK_BEFORE = _NO_BREAK_BEFORE_EVER | frozenset("〟ー々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ・ゝゞヽヾ"
                                                    "‐゠–〜～…‥-")
#: Quotation marks (UAX #14 QU): no break on either side, but after a space
_QUOTES = frozenset("“”‘’«»„")
#: Closing punctuation (UAX #14 CL, CP), and numeric prefixes and postfixes (PR, PO) that stay with it.
_CLOSING = frozenset(")]}）］｝〕〉》」』】〙〗、。，．")
_NUMERIC_AFFIX = frozenset("%$€£¥₩‰")
#: No break after these (opening punctuation: UAX #14 OP, QU opening).
_NO_BREAK_AFTER = frozenset("([{（［｛〔〈《「『【〘〖〝") | _QUOTES


def escape(text: str) -> str:
    """``text`` as it goes between the quotes of a PO string: C escapes for \\\\, ", and control characters
    GNU escapes (\\a \\b \\t \\n \\v \\f \\r)."""
    if not _NEEDS_ESCAPE.intersection(text):
        return text
    return text.translate(_ESCAPE_TABLE)


def field_lines(keyword: str, value: str, prefix: str = "", width: int = 0) -> str:
    """The PO lines of one string field (``msgid "..."`` and its continuation lines), each ending in a newline.

    ``prefix``: ``"#~ "`` for obsolete entries, ``"#| "`` for previous strings; ``width``: the page width
    (0: no wrapping, lines break only after ``\\n``).
    """
    parts = value.splitlines(keepends=True) or [""]
    # ``splitlines`` also splits at \r, \v, \f and others: keep to \n, as gettext does
    if len(parts) > 1 or any(c in value for c in "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"):
        parts = _split_at_newlines(value)
    head = f"{prefix}{keyword} "
    if width:
        if len(parts) == 1:
            escaped = escape(parts[0])
            if _columns(head) + _columns(escaped) + 2 <= width or not _has_break(escaped):
                return f'{head}"{escaped}"\n'
        lines = [line for part in parts for line in _wrap(escape(part), width - len(prefix) - 2)]
    else:
        lines = [escape(part) for part in parts]
    if len(lines) == 1 and not width:
        return f'{head}"{lines[0]}"\n'
    # wrapped: what does not fit on the keyword's line starts on the next one, even when it is one line
    return f'{head}""\n' + "".join(f'{prefix}"{line}"\n' for line in lines)


def reference_lines(references: list[str], width: int = 0, prefix: str = "") -> list[str]:
    """The ``#:`` lines of an entry's references: one line without wrapping, else packed to ``width``."""
    if not references:
        return []
    if not width:
        return [f"{prefix}#: " + " ".join(references)]
    lines, line = [], f"{prefix}#:"
    for reference in references:
        if line != f"{prefix}#:" and len(line) + 1 + len(reference) > width:
            lines.append(line)
            line = f"{prefix}#:"
        line += " " + reference
    lines.append(line)
    return lines


def _split_at_newlines(value: str) -> list[str]:
    parts = value.split("\n")
    out = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out or [""]


def _columns(text: str) -> int:
    if text.isascii():                  # every ASCII character takes one column (controls are escaped first)
        return len(text)
    return sum(_width(c) for c in text)


@functools.lru_cache(maxsize=8192)
def _width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _is_wide(char: str) -> bool:
    # CJK ideographs, kana and Hangul syllables: a line may break between any two of them
    return unicodedata.east_asian_width(char) in "WF"


def _units(escaped: str) -> list[str]:
    """The escaped text cut into what may not be split: an escape sequence or one character."""
    units, index = [], 0
    while index < len(escaped):
        if escaped[index] == "\\" and index + 1 < len(escaped):
            units.append(escaped[index:index + 2])
            index += 2
        else:
            units.append(escaped[index])
            index += 1
    return units


def _may_break_before(units: list[str], index: int) -> bool:
    """Whether a line may end before ``units[index]`` (an approximation of UAX #14 as libunistring applies it)."""
    before, after = units[index - 1], units[index]
    if after == " ":
        return False
    if after in _NO_BREAK_BEFORE_EVER:
        return False
    if before == " ":
        return True
    if after in _NO_BREAK_BEFORE or after in _QUOTES or before in _NO_BREAK_AFTER:
        return False
    if after in _NUMERIC_AFFIX and (before in _CLOSING or before.isalnum()):
        return False
    if before == "-":
        return after.isalpha()
    if before in "/.,:;?!":
        return after.isalpha() or after[0] in "%([\\"
    if before in ")]}" and after in "([{":
        return True
    return len(before) == 1 and len(after) == 1 and (_is_wide(before) or _is_wide(after))


def _has_break(escaped: str) -> bool:
    units = _units(escaped)
    return any(_may_break_before(units, i) for i in range(1, len(units)))


def _wrap(escaped: str, room: int) -> list[str]:
    """``escaped`` cut into lines of at most ``room`` columns where breaks are allowed (greedy, as GNU)."""
    if _columns(escaped) <= room:
        return [escaped]
    units = _units(escaped)
    widths = [_width(u) if len(u) == 1 else 2 for u in units]
    lines, start, used = [], 0, 0
    for index in range(len(units)):
        if used + widths[index] > room and index > start:
            cut = next((i for i in range(index, start, -1) if _may_break_before(units, i)), None)
            if cut is not None:
                lines.append("".join(units[start:cut]))
                start, used = cut, sum(widths[cut:index])
        used += widths[index]
    lines.append("".join(units[start:]))
    return lines
