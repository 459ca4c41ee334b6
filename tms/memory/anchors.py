"""Anchors for sentence alignment: what a sentence and its translation keep in common whatever the languages.

Numbers (``1,000`` is ``1.000`` is ``1000``); Latin-script words (names and acronyms in a Korean, Chinese or
Arabic text; capitalised words in a Latin-script one); the first five letters of long words between
Latin-script languages ("government", "gouvernement"); the consonant skeletons of names across scripts
("클린턴", "Clinton", "Клинтон", "كلينتون" are all KRNTN); and question marks, exclamation marks, quotes,
parentheses and percent signs. Each kind has a weight: the surer it is, the more it counts.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Z]")
#: Words of Latin-script languages, whose first letters serve as cognates ("government", "gouvernement").
_WORD = re.compile(r"[^\W\d_]{5,}")
COGNATE = 0.5
#: What an anchor of each kind weighs: numbers and Latin words are surest; the first letters of words
#: ("c"), name skeletons ("s") and punctuation ("p") less, since translations reword and repunctuate.
WEIGHTS = {"#": 1.0, "w": 1.0, "c": COGNATE, "p": 0.3, "s": 0.3}
_WORD_CHARS = re.compile(r"[^\W\d_]")
_PUNCT = {"?": "?", "？": "?", "!": "!", "！": "!", "(": "(", "（": "(", ")": ")", "）": ")",
          "\"": "\"", "“": "\"", "”": "\"", "«": "\"", "»": "\"", "「": "\"", "」": "\"", "„": "\"",
          "%": "%", "％": "%"}


#: Names are spelled in each script by sound, so their consonants mostly survive: a Korean, Russian or
#: Arabic name and its Latin spelling share a consonant skeleton. The tables give each letter's class.
_INITIALS = ["K", "K", "N", "T", "T", "R", "M", "P", "P", "S", "S", "", "S", "S", "S", "K", "T", "P", ""]
_FINALS = ["", "K", "K", "KS", "N", "NS", "N", "T", "R", "RK", "RM", "RP", "RS", "RT", "RP", "R", "M", "P", "PS",
           "S", "S", "N", "S", "S", "K", "T", "P", ""]
_LATIN = {"b": "P", "p": "P", "f": "P", "v": "P", "c": "K", "k": "K", "q": "K", "g": "K", "x": "KS",
          "d": "T", "t": "T", "s": "S", "z": "S", "j": "S", "l": "R", "r": "R", "m": "M", "n": "N"}
_CYRILLIC = {"б": "P", "п": "P", "ф": "P", "в": "P", "к": "K", "г": "K", "х": "", "д": "T", "т": "T", "с": "S",
             "з": "S", "ж": "S", "ш": "S", "щ": "S", "ч": "S", "ц": "S", "л": "R", "р": "R", "м": "M", "н": "N"}
_ARABIC = {"ب": "P", "ف": "P", "ك": "K", "ق": "K", "ج": "S", "غ": "K", "د": "T", "ت": "T", "ط": "T", "ض": "T",
           "س": "S", "ز": "S", "ش": "S", "ص": "S", "ث": "S", "ذ": "S", "ظ": "S", "ل": "R", "ر": "R", "م": "M", "ن": "N"}
_LETTERS = {**_LATIN, **_CYRILLIC, **_ARABIC}
_DIGRAPHS = (("sch", "S"), ("sh", "S"), ("ch", "S"), ("ph", "P"), ("th", "T"))
_DOUBLED = re.compile(r"(.)\1+")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_NAME_WORD = re.compile(r"[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё'-]+")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")
#: The Arabic article and the conjunctions and prepositions written onto it ("al-", "wa-l-", "bi-l-").
_ARTICLE = re.compile(r"^(?:[وفبكل]?ال|لل)")
#: Skeletons shorter than this match too much by chance.
SKELETON_MIN = 4


def skeleton(word: str) -> str:
    """The consonants of a word, by class (b/p/f/v are P, l/r are R, ...), doubled ones once: "클린턴",
    "Clinton", "Клинтон" and "كلينتون" are all KRNTN."""
    out: list[str] = []
    lower = word.lower()
    i = 0
    while i < len(lower):
        code = ord(lower[i])
        if 0xAC00 <= code <= 0xD7A3:            # a Hangul syllable: its first and last consonant
            out += (_INITIALS[(code - 0xAC00) // 588], _FINALS[(code - 0xAC00) % 28])
            i += 1
            continue
        digraph = next((pair for pair in _DIGRAPHS if lower.startswith(pair[0], i)), None)
        if digraph:
            out.append(digraph[1])
            i += len(digraph[0])
            continue
        out.append(_LETTERS.get(lower[i], ""))
        i += 1
    return _DOUBLED.sub(r"\1", "".join(out))


def _skeletons(text: str) -> list[str]:
    """The skeletons of the words that may be names: Hangul and Arabic words, capitalised Latin and Cyrillic
    ones past the first; each with its shorter forms, since Korean and Russian add endings to names."""
    words = _HANGUL_WORD.findall(text) + [_ARTICLE.sub("", w) for w in _ARABIC_WORD.findall(text)]
    words += [m.group() for m in _NAME_WORD.finditer(text) if m.start() > 0]
    found = []
    for word in words:
        full = skeleton(word)
        found += [full[:end] for end in range(SKELETON_MIN, len(full) + 1)]
    return found


def anchors(text: str) -> Counter:
    """The anchors of a sentence: numbers, Latin-script words, marked punctuation."""
    found: Counter = Counter()
    for number in _NUMBER.findall(text):
        number = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in number)   # ٢٠٢٤ is 2024
        digits = re.sub(r"[.,](?=\d{3}\b)", "", number)         # 1,000 and 1.000 are one number
        found["#" + digits.replace(",", ".")] += 1
    words = _LATIN_WORD.findall(text)
    # In a Latin-script sentence only names and acronyms stand out; in another script every Latin word.
    is_latin = sum(map(len, words)) * 2 > len(_WORD_CHARS.findall(text))
    for position, word in enumerate(words):
        if (not is_latin or (word[0].isupper() and position > 0)) and (len(word) > 1 or word.isupper()):
            found["w" + word.lower()] += 1
    if is_latin:
        for word in _WORD.findall(text):
            found["c" + word[:5].lower()] += 1
    for form in _skeletons(text):
        found["s" + form] += 1
    for char in text:
        if char in _PUNCT:
            found["p" + _PUNCT[char]] += 1
    return found


def agreement(one: Counter, other: Counter) -> tuple[float, float]:
    """Anchors found on both sides and on one side only, cognates weighing less than names and numbers."""
    both = one & other
    matched = sum(n * WEIGHTS[k[0]] for k, n in both.items())
    total = sum(n * WEIGHTS[k[0]] for bag in (one, other) for k, n in bag.items())
    return matched, total - 2 * matched


def is_latin(sentences: Sequence[str]) -> bool:
    """True for text mostly in Latin letters."""
    text = "".join(sentences)
    letters = _WORD_CHARS.findall(text)
    return sum(1 for c in letters if c.isascii()) * 2 > len(letters)
