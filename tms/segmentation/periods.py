"""What a full stop after a word means, and a mark glued to the next word.

The word before a period decides most of it: a title ("Dr.") never ends a sentence, an abbreviation that may
end one ("Inc.", "etc.") does so before a sentence starter, "No." and "Jan." go on before a number, an era
marker or a year word ends one before a capital unless it closes a time phrase that opens the sentence, a
German ordinal ("am 3. Oktober") goes on, an address ("www.mofa.go.kr.") ends one. What the rules ask about
the word is worked out once per word and language (`_word_info`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from tms.segmentation import marks  # for marks.SPACES: see sentences.py
from tms.segmentation.abbreviations import (
    BEFORE_NUMBER, CASED_LANGUAGES, COMPANY_FORMS, COMPOUND_SUFFIXES, ENDING_ABBREVIATIONS, FRONTED, FULL_WORDS,
    GERMAN_MONTHS, LANGUAGES, MIDDLE, MONTHS, NAME_SUFFIXES, STARTERS, TIME_ZONES, TITLES, UNITS, YEAR_WORDS,
)
from tms.segmentation.enumerations import is_inline_list_number
from tms.segmentation.marks import CJK_FULL_STOPS, LONG_WORD, words_before

# URLs and e-mail addresses end at a space, a quote or, in unspaced text, at the first CJK character.
_NOT_IN_URL = r"\s<>\"'“”\u3000-\u30ff\u3400-\u9fff\uac00-\ud7a3\uff00-\uffef"
URL_OR_EMAIL = re.compile(rf"(?:https?://|ftp://|www\.)[^{_NOT_IN_URL}]*[^{_NOT_IN_URL}.,;:!?)\]»]"
                          r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# A bare domain, which is an address only as a whole word ("whitehouse.gov", "mofa.go.kr").
_TLDS = ("com|net|org|gov|edu|int|mil|info|biz|io|co|uk|kr|jp|cn|de|fr|ru|vn|id|es|eu|us|ca|au|in|br|it|nl|"
         "ch|at|be|se|no|dk|fi|pl|tw|hk|sg|my|th|ph|sa|ae|eg|qa|tr|mx|ar|cl|kz|ua")
_DOMAIN = re.compile(rf"[A-Za-z0-9-]{{2,}}(?:\.[A-Za-z0-9-]{{2,}})*\.(?:{_TLDS})(?:/\S*)?", re.IGNORECASE)  # "VOV.VN"
# A news-agency tag after a dateline: "МОСКВА, 8 апреля. /ТАСС/. Президент ..."
_AGENCY_TAG = re.compile(r"/[^\W\d_]+(?:[ -][^\W\d_]+)*/")
_OPENING_QUOTES = set("“‘«„‚‹\"'")
_ELISION = re.compile(r"[^\W\d_]{1,2}['’]")
_COMPOUND = re.compile(r"[-/–]")
_AMOUNT = re.compile(r"[^\w\s]{0,2}\d[\d.,]*$")  # "600", "1,2", "$140"
_INITIALISM = re.compile(r"(?:\w\.){2,}$")
_NUMBER = re.compile(r"\d[\d.,º°ª%-]*$|.*-\d+$")
_WORD = re.compile(r"[^\W\d_]{2,}$")
_SPACE_OR_END = re.compile(r"\s|$")
_OPENERS = "(\"'“‘«"
_WORD_CHARS = re.compile(r"[\w'’-]*")
# Every abbreviation a language's tables know, for the rules that only ask whether a word is one.
_KNOWN = {lang: TITLES[lang] | MIDDLE[lang] | ENDING_ABBREVIATIONS[lang] | BEFORE_NUMBER[lang] | NAME_SUFFIXES[lang]
          for lang in LANGUAGES}
# Every ending of a dotted abbreviation ("b" of "z.b", "d" and ".d" of "т.д"): only such a word can
# complete an abbreviation written with a space inside ("z. B.", "т. д.").
_PAIR_ENDINGS = {lang: frozenset(abbreviation[i:]
                                 for abbreviation in MIDDLE[lang] | ENDING_ABBREVIATIONS[lang] | YEAR_WORDS[lang]
                                 if "." in abbreviation for i in range(1, len(abbreviation)))
                 for lang in LANGUAGES}
# Words some rule is about; any other word of four letters or more is a plain word (see _word_info).
_SPECIAL = {lang: _KNOWN[lang] | FULL_WORDS[lang] | _PAIR_ENDINGS[lang] | UNITS[lang] for lang in LANGUAGES}


def decide_glued(text: str, lang: str, start: int, mark: int, nxt: int) -> bool | None:
    """A mark with no space after it: "3.5", "E.ON", "J.-C.", "B.C.的", "U.S.のAWS", "world.Today"."""
    following, term = text[nxt], text[mark]
    if term in CJK_FULL_STOPS:
        return None
    if lang in ("zh", "ja"):
        return False if term in ".．" else None
    if following.isupper():
        word = _COMPOUND.split(words_before(text, start, mark)[1])[-1]  # "China-U.S.", "ROK-U.S."
        if len(word) == 1 or _INITIALISM.match(word + "."):
            return False
        token = text[mark - len(word):_SPACE_OR_END.search(text, mark).start()].rstrip(".").lower()
        if token in _KNOWN[lang] or _is_combined_title(token, lang):
            return False  # "EE.UU.", "Th.S", "GS.TS."
        if _DOMAIN.fullmatch(token.rstrip(",;:")):
            return False  # a site's name in capitals: "VOV.VN - Sáng 2/5"
        return None
    if following.isalnum() or following in "-–,;:/@_'’°º":
        return False
    return None


def decide_period(text: str, lang: str, start: int, dot: int, nxt: int, era_ends: set[int]) -> bool | None:
    """Decide a single period from the word before it and the word after it (era_ends: those of era markers)."""
    low = max(start, dot - LONG_WORD)
    word = text[text.rfind(" ", low, dot) + 1 or low:dot]  # the word before the period, on the fast path
    if not word.isprintable():  # a word with other whitespace in it
        word = words_before(text, start, dot)[1]
    info = _word_info(word, lang)
    following = text[nxt]
    if dot in era_ends or info.is_year_word:
        return _decide_after_era(text, start, dot, nxt, lang)
    if info.is_plain:
        # Most last words of sentences ("percent", "Regierung"): every table flag is False, so of the rules below
        # only those about any word apply, in the same order.
        if following == "/" and _AGENCY_TAG.match(text, nxt):
            return False
        if following.isdigit():
            return _decide_before_number(info.key, lang, text, start, dot)
        return True if following in _OPENING_QUOTES and _opens_quoted_sentence(text, nxt, info.key) else None
    if info.is_address:
        # The period after a web or e-mail address ends the sentence ("at www.mofa.go.kr. The ministry").
        return not (lang in CASED_LANGUAGES and following.islower())
    if info.goes_on_before_lower and following.islower():
        return False  # "т. е. налог", "J.-C. apparaissent", "млрд. руб.": an abbreviation inside the sentence
    if following == "/" and _AGENCY_TAG.match(text, nxt):
        return False  # the dateline goes on to its agency tag: "МОСКВА, 8 апреля. /ТАСС/."
    if info.never_ends:
        return False
    may_end = info.may_end
    if info.may_end_a_pair:
        pair = (words_before(text, start, dot)[0] + word).lower()  # "z. B." is looked up as "z.b"
        if pair in MIDDLE[lang]:
            return False
        if pair in YEAR_WORDS[lang]:
            return _decide_after_era(text, start, dot, nxt, lang)  # "на сентябрь с. г. Отмечено"
        may_end = may_end or pair in ENDING_ABBREVIATIONS[lang]
    if may_end and following.isupper():
        return _decide_ending_abbreviation(info, text, lang, start, dot, nxt)
    key = info.key
    if following.isdigit():
        return _decide_before_number(key, lang, text, start, dot)
    if info.is_list_number and is_inline_list_number(text, start, dot, nxt):
        return False  # "three parts: 1. training, 2. exchanges"
    if info.is_ordinal:
        return _decide_german_ordinal(words_before(text, start, dot)[0], _next_word(text, nxt))
    if info.is_letter:
        if _NUMBER.match(words_before(text, start, dot)[0]):
            # A unit after a number: "2 °C.", "5 m."; Arabic has no capitals, and "632 م." ends a sentence.
            return True if lang == "ar" else following.isupper() or None
        return False if lang == "ar" else None
    if info.ends_before_capital and following.isupper():
        return True  # "Martin Luther King Jr. Since the 1960s", "in May. Analysts"
    if info.is_initialism:
        next_word = _next_word(text, nxt)
        if next_word in STARTERS[lang]:
            return True  # "in the U.S. The rest", "China-U.S. The talks"
        if key in ("a.m", "p.m") and next_word in TIME_ZONES:
            return False  # "at 10 p.m. EST."
    if following == "(" and key in MONTHS[lang]:
        return False  # "MADRID, 11 Abr. (EUROPA PRESS)"
    return True if following in _OPENING_QUOTES and _opens_quoted_sentence(text, nxt, key) else None


def _decide_ending_abbreviation(info: _Word, text: str, lang: str, start: int, dot: int, nxt: int) -> bool | None:
    """An abbreviation that may end a sentence, before a capital: "Apple Inc. The company" ends one, "Apple Inc.
    Chairman" is left to sentencex."""
    if info.is_unit:
        before = words_before(text, start, dot)[0]
        if _AMOUNT.match(before) or before.lower().rstrip(".") in UNITS[lang]:
            return True  # "— 300 руб. Дети до 14 лет", "до 1,2 млн т. Как уточнил"
    next_word = _next_word(text, nxt)
    if info.key in COMPANY_FORMS and next_word.lower() in COMPANY_FORMS:
        return False  # "Straits Capital Pte. Ltd. said", "Sdn. Bhd."
    return next_word in STARTERS[lang] or None  # "Apple Inc. The company", "и т. д. Потом"


def _opens_quoted_sentence(text: str, nxt: int, key: str) -> bool:
    """True if the opening quote at nxt starts a sentence after a full word: 'School of Art. “I loved'."""
    after = _skip_space(text, nxt + 1)
    return bool(_WORD.match(key)) and text[after:after + 1].isupper()


def _decide_after_era(text: str, start: int, dot: int, nxt: int, lang: str) -> bool | None:
    """An era marker or a year word ends the sentence before a capital, unless it closes a fronted time
    phrase ("En el siglo 8 a. C. Grecia…", "В январе с.г. Россия…") or an initial follows."""
    following = text[nxt]
    if not following.isupper():
        return False if following.islower() else None
    next_word = _next_word(text, nxt)
    if len(next_word) == 1:
        return None  # a single capital may be an initial: "1898 г. В. И. Ленин"
    return not _is_fronted(text[start:dot], lang, next_word)


def _is_fronted(sentence: str, lang: str, next_word: str) -> bool:
    """A short clause opening with a preposition or a number is a fronted time phrase; so is a clause of a
    preposition and a number after a comma ("По словам замминистра, в 2024 г. Россия…") unless a sentence
    starter follows ("Он родился в Москве, в 1960 г. Потом…")."""
    words = re.split(r"[:;]\s", sentence)[-1].lower().split()
    if 0 < len(words) <= 7 and (words[0][0].isdigit() or any(w in FRONTED[lang] for w in words[:2])):
        return True
    clause = sentence.rpartition(",")[2].lower().split()
    return 1 < len(clause) <= 4 and clause[0] in FRONTED[lang] and clause[1][0].isdigit() \
        and next_word not in STARTERS[lang]


def _next_word(text: str, pos: int) -> str:
    return _WORD_CHARS.match(text, pos).group()


def _skip_space(text: str, pos: int) -> int:
    return marks.SPACES.match(text, pos).end()


class _Word:
    """What the period rules ask about the word before a period, worked out once per word and language."""

    is_plain = False

    __slots__ = ("key", "is_address", "goes_on_before_lower", "never_ends", "may_end_a_pair", "may_end",
                 "is_ordinal", "is_letter", "ends_before_capital", "is_initialism", "is_unit", "is_list_number",
                 "is_year_word")

    def __init__(self, word: str, lang: str):
        key = self.key = _abbreviation(word, lang)
        dotted = "." in key
        self.is_address = (dotted or "@" in key) and _is_address(word.lstrip(_OPENERS))
        self.goes_on_before_lower = lang in CASED_LANGUAGES and key[-1:].isalpha() and \
            (len(key) <= 3 or dotted or key in _KNOWN[lang])
        self.never_ends = key in TITLES[lang] or key in MIDDLE[lang] or dotted and _is_combined_title(key, lang)
        # Only a word that ends a dotted abbreviation ("B" of "z. B.") can make one with the word before it.
        self.may_end_a_pair = word.lower() in _PAIR_ENDINGS[lang]
        self.is_unit = key in UNITS[lang]  # may end a sentence; after an amount before a capital it does
        self.may_end = key in ENDING_ABBREVIATIONS[lang] or self.is_unit
        self.is_ordinal = lang == "de" and key.isdigit() and len(key) <= 3
        self.is_letter = len(key) == 1 and key.isalpha()
        self.ends_before_capital = key in NAME_SUFFIXES[lang] or key in FULL_WORDS[lang]
        self.is_initialism = dotted and bool(_INITIALISM.match(key + "."))
        self.is_list_number = key.isdigit() and len(key) <= 2 or len(key) == 1 and "a" <= key <= "z"
        self.is_year_word = key in YEAR_WORDS[lang]


class _PlainWord:
    """A word of four letters or more that no table knows ("percent", "Regierung"): no rule is about it."""

    __slots__ = ("key",)
    is_plain = True
    is_address = goes_on_before_lower = never_ends = may_end_a_pair = may_end = is_ordinal = is_letter = False
    ends_before_capital = is_initialism = is_unit = is_list_number = is_year_word = False

    def __init__(self, key: str):
        self.key = key


def _word_info(word: str, lang: str) -> _Word | _PlainWord:
    """What the rules ask about the word before a period."""
    if len(word) > 3 and word.isalpha():
        key = word.lower()
        if key not in _SPECIAL[lang] and not (COMPOUND_SUFFIXES[lang] and key.endswith(COMPOUND_SUFFIXES[lang])):
            return _PlainWord(key)  # most last words of sentences: cheaper to classify than to cache
    return _known_word_info(word, lang)


# Abbreviations and short words repeat (Mr, Inc, U.S, No): a bounded cache of a pure function of the word
# and the constant tables, so no invalidation.
_known_word_info = lru_cache(maxsize=1 << 12)(_Word)


def _is_combined_title(key: str, lang: str) -> bool:
    """True if a dotted word joins titles of two letters or more: Vietnamese "GS.TS", "PGS.TS", "ThS.BS"."""
    parts = key.split(".")
    return len(parts) > 1 and all(len(part) > 1 and part in TITLES[lang] for part in parts)


def _is_address(word: str) -> bool:
    """True if the whole word is a web or e-mail address, bare domains included."""
    return bool(URL_OR_EMAIL.fullmatch(word) or _DOMAIN.fullmatch(word))


def _abbreviation(word: str, lang: str) -> str:
    """The lookup key of the word before a period: lower case, without opening quotes and brackets,
    without an elided article ("l'art" is "art") and, in a compound, the abbreviation it ends with
    ("China-U.S" is "u.s", German "Goethestr" is "str")."""
    key = word.lower().lstrip(_OPENERS)
    known = _KNOWN[lang]
    if key in known or len(key) < 3:
        return key
    if not key.isalpha():
        if "'" in key or "’" in key:
            elided = _ELISION.match(key)
            if elided and key[elided.end():] in known:
                return key[elided.end():]
        if "-" in key or "/" in key or "–" in key:
            tail = _COMPOUND.split(key)[-1]
            if tail in known or "." in tail and _INITIALISM.match(tail + "."):
                return tail
    for suffix in COMPOUND_SUFFIXES[lang]:
        if key.endswith(suffix) and key[:-len(suffix)].isalpha():
            return suffix
    return key


def _decide_before_number(key: str, lang: str, text: str, start: int, dot: int) -> bool | None:
    """A period before a number: "No. 5" and "Jan. 5" go on, "unbelievable. 5,000 dollars" starts anew."""
    if key in BEFORE_NUMBER[lang]:
        return False
    if len(key) == 1 or not _WORD.match(key) or len(key) <= 3 and _NUMBER.match(words_before(text, start, dot)[0]):
        return None  # an initial, a number, or a unit after a number: "2 lb. 4 oz."
    return True


def _decide_german_ordinal(before: str, next_word: str) -> bool | None:
    """German writes ordinals with a period: "am 3. Oktober", "im 20. Jahrhundert", "den 45. Präsidenten"."""
    if next_word in GERMAN_MONTHS:
        return False
    if next_word in STARTERS["de"]:
        return True  # "stieg auf 45. Die Polizei"
    if before[:1].islower() or before.lower() in FRONTED["de"]:
        return False
    return None
