"""Small text helpers the checks share: digits of other scripts, word boundaries, script families."""
from __future__ import annotations

import functools
import re
import unicodedata

#: Languages written in the Latin alphabet, where a name keeps its spelling.
LATIN_SCRIPT = frozenset({"en", "es", "fr", "de", "vi", "id"})

_FULLWIDTH = range(0xFF10, 0xFF1A)
_ARABIC_INDIC = (range(0x0660, 0x066A), range(0x06F0, 0x06FA))


def accepted_digit(char: str, lang: str) -> bool:
    """True if ``char`` is a digit a text in ``lang`` may use besides 0-9 (٠-٩ in Arabic, ０-９ in CJK)."""
    code = ord(char)
    if lang == "ar":
        return any(code in block for block in _ARABIC_INDIC)
    if lang in ("ja", "zh", "ko"):
        return code in _FULLWIDTH
    return False


def ascii_digits(text: str, lang: str) -> str:
    """``text`` with the digits ``lang`` may use mapped to 0-9, one character for one (offsets stay valid)."""
    if text.isascii():
        return text
    out = []
    for char in text:
        if accepted_digit(char, lang):
            out.append(str(unicodedata.decimal(char)))
        elif lang == "ar" and char == "\u066b":       # Arabic decimal separator
            out.append(".")
        elif lang == "ar" and char == "\u066c":       # Arabic thousands separator
            out.append(",")
        else:
            out.append(char)
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def term_regex(term: str, *, inflected: bool = False, flags: int = re.IGNORECASE) -> re.Pattern:
    """A pattern finding ``term`` as a whole expression: not inside a longer word of a spaced script.

    With ``inflected``, each word may carry a short ending (Russian cases, German plurals), so that
    "министра иностранных дел" is found for the term "министр иностранных дел".
    """
    words = term.split()
    ending = r"\w{0,3}" if inflected else ""
    body = r"\s+".join(re.escape(w) + (ending if w[-1:].isalpha() else "") for w in words)
    before = f"(?<!{_SPACED_LETTER})" if _is_spaced_letter(term[:1]) else ""
    after = f"(?!{_SPACED_LETTER})" if _is_spaced_letter(term[-1:]) else ""
    return re.compile(before + body + after, flags)


# A letter of a script that separates words with spaces: Korean and Japanese particles glued to a
# Latin name ("ISIS는", "ISISの") do not make the name part of a longer word.
_UNSPACED_RANGES = "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_SPACED_LETTER = f"(?![{_UNSPACED_RANGES}])[^\\W\\d_]"


def _is_spaced_letter(char: str) -> bool:
    return bool(char) and char.isalpha() and not is_unspaced_char(char)


def is_unspaced_char(char: str) -> bool:
    """True for letters of scripts written without spaces (Han, Kana) and Hangul syllables."""
    name = unicodedata.name(char, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))


def normalized(text: str) -> str:
    """``text`` case-folded with runs of white space as one space, for comparing copies."""
    return " ".join(text.split()).casefold()
