"""The numbers check: every number of the source appears in the translation, in the target locale's form.

Numbers are read with each locale's CLDR symbols (Babel): "3.5" in English is "3,5" in German, French,
Spanish, Russian, Indonesian and Vietnamese; "1,000" is "1.000" in German and "1 000" in French.
Arabic may use Arabic-Indic digits (٣٫٥), Chinese, Japanese and Korean full-width digits. Scale words
count: "65 million" may be "6500万", "10,000" may be "1만". Numbers that belong to a date are left to
the dates check, since "3월 22일" becomes "March 22".
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from tms.checks.base import Check, CheckContext, Severity
from tms.checks.dates import date_spans
from tms.checks.text import ascii_digits
from tms.languages import get_language
from tms.model import Unit

_SPACES = " \u00a0\u202f\u2009"

#: Words that multiply the number before them, by language (stems: Russian and Arabic inflect them).
SCALE_WORDS: dict[str, dict[str, int]] = {
    "en": {"thousand": 10**3, "million": 10**6, "mn": 10**6, "billion": 10**9, "bn": 10**9, "trillion": 10**12},
    "fr": {"mille": 10**3, "million": 10**6, "milliard": 10**9, "billion": 10**12},
    "de": {"tausend": 10**3, "million": 10**6, "mio": 10**6, "milliarde": 10**9, "mrd": 10**9, "billion": 10**12},
    "es": {"mil": 10**3, "millón": 10**6, "millon": 10**6, "millardo": 10**9, "billón": 10**12},
    "ru": {"тыс": 10**3, "тысяч": 10**3, "млн": 10**6, "миллион": 10**6, "млрд": 10**9, "миллиард": 10**9,
           "трлн": 10**12, "триллион": 10**12},
    "vi": {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9},
    "id": {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12},
    "ar": {"ألف": 10**3, "آلاف": 10**3, "مليون": 10**6, "ملايين": 10**6, "مليار": 10**9, "مليارات": 10**9},
    "ja": {"千": 10**3, "万": 10**4, "萬": 10**4, "億": 10**8, "兆": 10**12},
    "zh": {"千": 10**3, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12},
    "ko": {"천": 10**3, "만": 10**4, "억": 10**8, "조": 10**12},
}


@dataclass(frozen=True)
class NumberForm:
    """How one locale writes numbers: its decimal and grouping symbols."""

    decimals: str
    groups: str

    @functools.cached_property
    def pattern(self) -> re.Pattern:
        """A pattern matching one number written this way."""
        d, g = re.escape(self.decimals), re.escape(self.groups)
        return re.compile(rf"(?<![\d])(?:\d{{1,3}}(?:[{g}]\d{{3}})+(?:[{d}]\d+)?|\d+(?:[{d}]\d+)?)(?![\d])")

    def value(self, raw: str) -> Decimal:
        """The value of a number matched by ``pattern``."""
        text = "".join(c for c in raw if c not in self.groups)
        for mark in self.decimals:
            text = text.replace(mark, ".")
        return Decimal(text)


@functools.lru_cache(maxsize=None)
def number_form(lang: str) -> NumberForm:
    """The number form of ``lang`` from CLDR; space-grouping locales accept any kind of space."""
    decimal, group = get_decimal_symbol(lang), get_group_symbol(lang)
    groups = _SPACES if group in _SPACES else group
    return NumberForm(decimal, groups)


@dataclass(frozen=True)
class Number:
    """One number in a text: as written, where, its value and the values it may stand for."""

    raw: str
    start: int
    end: int
    value: Decimal
    values: frozenset[Decimal]


def find_numbers(text: str, lang: str, form: NumberForm | None = None) -> list[Number]:
    """The numbers of ``text`` read as ``lang`` writes them (or as ``form`` says), with scale words applied."""
    form = form or number_form(lang)
    plain = ascii_digits(text, lang)
    scales = SCALE_WORDS.get(lang, {})
    found: list[Number] = []
    for match in form.pattern.finditer(plain):
        try:
            value = form.value(match.group())
        except InvalidOperation:
            continue
        scale = _scale_after(plain, match.end(), scales)
        values = frozenset({value, value * scale} if scale else {value})
        found.append(Number(text[match.start():match.end()], match.start(), match.end(), value, values))
    if lang in ("ja", "zh", "ko"):
        found += _myriad_chains(plain, text, found, scales)
    return found


def _scale_after(text: str, end: int, scales: dict[str, int]) -> int | None:
    """The factor of a scale word right after a number; a stem match only adds a reading, never removes one."""
    rest = text[end:end + 16].lstrip(_SPACES).lower()
    return next((factor for word, factor in scales.items() if rest.startswith(word)), None)


def _myriad_chains(plain: str, text: str, numbers: list[Number], scales: dict[str, int]) -> list[Number]:
    """Sums of CJK number-and-unit runs: "6만5천" is 65,000 and "1억2000만" is 120,000,000."""
    chains: list[Number] = []
    i = 0
    while i < len(numbers):
        total, j = Decimal(0), i
        while True:
            number = numbers[j]
            scale = _scale_after(plain, number.end, scales)
            total += number.value * (scale or 1)
            end = _unit_end(plain, number.end) if scale else number.end
            j += 1
            if not scale or j >= len(numbers) or plain[end:numbers[j].start].strip(_SPACES):
                break
        if j - i > 1:
            start = numbers[i].start
            chains.append(Number(text[start:end], start, end, total, frozenset({total})))
        i = j
    return chains


def _unit_end(plain: str, end: int) -> int:
    while end < len(plain) and plain[end] in _SPACES:
        end += 1
    return end + 1


class NumbersCheck(Check):
    """Numbers of the source are kept, written as the target locale writes them."""

    check_id = "numbers"
    name = "Numbers"
    description = "Every number of the source appears in the translation, in the target locale's form."
    severity = Severity.ERROR

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        src_lang, tgt_lang = context.source_language, context.target_language
        excluded = date_spans(source, src_lang)
        wanted = [n for n in find_numbers(source, src_lang)
                  if not any(start <= n.start < end for start, end in excluded)]
        if not wanted:
            return []
        available = find_numbers(target, tgt_lang)
        foreign = _foreign_numbers(target, src_lang, tgt_lang)
        messages = []
        for number in wanted:
            match = next((n for n in available if n.values & number.values), None)
            if match is not None:
                available.remove(match)
                continue
            misread = next((n for n in foreign if n.values & number.values), None)
            if misread is not None:
                expected = format_decimal(min(number.values), locale=tgt_lang)
                messages.append(f"{misread.raw} is not how {get_language(tgt_lang).name} writes this number: "
                                f"write {expected}")
            else:
                messages.append(f"the number {number.raw} is missing from the translation")
        return messages


def _foreign_numbers(target: str, src_lang: str, tgt_lang: str) -> list[Number]:
    """Numbers of the target read in the source's form (or English), where that differs from the target's."""
    forms = {number_form(src_lang), number_form("en")} - {number_form(tgt_lang)}
    found: list[Number] = []
    for form in forms:
        found += find_numbers(target, tgt_lang, form)
    return found
