"""Telling which of the eleven languages an article is written in, and which words name them.

The script decides first (Hangul, kana, Chinese characters, Arabic, Cyrillic, Vietnamese
diacritics); only Latin-script text goes to a statistical identifier, restricted to the Latin-script
languages we publish. ``is_language_name`` recognises the entries of a site's language menu.
"""
from __future__ import annotations

import functools
import re

from babel import Locale

from tms.errors import InputError
from tms.languages import CODES

#: Latin-script languages the statistical identifier may choose from.
LATIN_LANGUAGES = ("en", "es", "fr", "de", "id", "vi")

_SAMPLE_CHARS = 4000
_LATIN_SAMPLE_CHARS = 1500      # a few sentences already give near-certainty; more only costs time
_MIN_LATIN_LETTERS = 20         # about four words: fewer and any guess is a coin toss
_MIN_OTHER_LETTERS = 4          # Hangul syllables, Chinese characters, Arabic or Cyrillic letters
_MIN_CONFIDENCE = 0.9
_MIN_SCRIPT_SHARE = 0.5

_SCRIPTS = {
    "hangul": re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]"),
    "kana": re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]"),
    "han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]"),
}
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[!/?a-zA-Z][^>]*>", re.DOTALL | re.IGNORECASE)
# One East Asian character carries about as much as a word of three Latin letters.
_WEIGHTS = {"hangul": 3, "kana": 3, "han": 3, "arabic": 1, "cyrillic": 1, "latin": 1}
# Japanese simplified forms (shinjitai) that neither simplified nor traditional Chinese writes:
# 対 is 对/對 in Chinese, 発 is 发/發, 気 is 气/氣.
_JAPANESE_FORMS = re.compile("[対応発権総戦実帰児拡験駅図伝売読続経検単変県転鉄労営気済険辺歳斉]")
# Letters only Vietnamese uses among our languages: ă đ ơ ư and the tone-marked vowels.
_VIETNAMESE = re.compile(r"[ăĂđĐơƠưƯ\u1ea0-\u1ef9]")


def detect_language(text: str, name: str = "<text>") -> str:
    """The code of the language ``text`` is written in; ``InputError`` when it cannot be told.

    ``text`` may be a whole page: HTML markup (tags, scripts, styles) is left out of the count.
    """
    if "<" in text:
        text = _MARKUP.sub(" ", text)
    sample = text[:_SAMPLE_CHARS]
    counts = {script: len(pattern.findall(sample)) for script, pattern in _SCRIPTS.items()}
    weighted = {script: n * _WEIGHTS[script] for script, n in counts.items()}
    # Hangul, kana and Chinese characters mix within one language, so they compete as one script.
    east_asian = weighted["hangul"] + weighted["kana"] + weighted["han"]
    scores = {"east_asian": east_asian, "arabic": weighted["arabic"],
              "cyrillic": weighted["cyrillic"], "latin": weighted["latin"]}
    total = sum(scores.values())
    script = max(scores, key=scores.get)
    if scores[script] < _min_letters(script):
        raise _undecidable(name, "too little text")
    if scores[script] < total * _MIN_SCRIPT_SHARE:
        raise _undecidable(name, "it mixes scripts")
    if script == "east_asian":
        return _east_asian_language(sample, counts)
    if script == "arabic":
        return "ar"
    if script == "cyrillic":
        return "ru"
    if len(_VIETNAMESE.findall(sample)) >= max(2, counts["latin"] // 30):
        return "vi"
    return _latin_language(sample, name)


def _min_letters(script: str) -> int:
    return _MIN_LATIN_LETTERS if script == "latin" else _MIN_OTHER_LETTERS * _WEIGHTS.get(script, 3)


def _east_asian_language(sample: str, counts: dict[str, int]) -> str:
    # Korean may quote Chinese characters and Japanese uses them everywhere, so Hangul wins when it
    # outnumbers kana, and any real share of kana means Japanese rather than Chinese. Headlines
    # often have no kana at all ("韓米外相会談開催"): Japanese-only character forms tell those apart.
    if counts["hangul"] > counts["kana"]:
        return "ko"
    if counts["kana"] and counts["kana"] * 20 >= counts["han"]:
        return "ja"
    japanese_forms = len(_JAPANESE_FORMS.findall(sample))
    if japanese_forms and japanese_forms * 50 >= counts["han"]:
        return "ja"
    return "zh"


def _latin_language(sample: str, name: str) -> str:
    language, confidence = _identifier().classify(sample[:_LATIN_SAMPLE_CHARS])
    if confidence < _MIN_CONFIDENCE:
        raise _undecidable(name, f"the best guess, {language!r}, is only {confidence:.0%} sure")
    return language


@functools.lru_cache(maxsize=1)
def _identifier():
    # Loading the model takes about a second, so only the first Latin-script article pays for it;
    # a private instance keeps other users of py3langid's global one unaffected.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LATIN_LANGUAGES))
    return identifier


def _undecidable(name: str, why: str) -> InputError:
    return InputError(f"cannot tell the language of {name} ({why}); pass --lang")


@functools.lru_cache(maxsize=4096)
def is_language_name(text: str) -> bool:
    """True for the name of one of the eleven languages in any of them ("Español", "Pусский",
    "中文(简体)", "Tiếng Hàn"), and for a row of such names ("English | 한국어")."""
    if len(text) > 80:
        return False
    names = _language_names()
    return all(_skeleton(part) in names for part in _LANGUAGE_ROW.split(text))


_LANGUAGE_ROW = re.compile(r"\s*[|/·•,]\s*")
# Latin look-alikes of Cyrillic letters, which scraped language menus mix ("Pусский" with a Latin P).
_HOMOGLYPHS = str.maketrans("аеорсухкмтвні", "aeopcyxkmtbhi")


def _skeleton(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold().translate(_HOMOGLYPHS))


@functools.lru_cache(maxsize=1)
def _language_names() -> frozenset[str]:
    names = {"bahasaindonesia", "简体中文", "繁體中文", "中文简体", "中文繁體", "tiengviet"}
    for display in CODES:
        languages = Locale.parse(display).languages
        for code in (*CODES, "zh_Hans", "zh_Hant"):
            if languages.get(code):
                names.add(_skeleton(languages[code]))
    return frozenset(names)
