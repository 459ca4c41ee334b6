"""The dates check: a date of the source ("March 22") appears as the target locale writes it.

Dates are found and expected through CLDR's date patterns (Babel): the month-and-day skeletons
``MMMMd``/``MMMd``, the same with a year, and month with year (``yMMMM``). "March 22" must read
"3月22日" in Japanese and Chinese, "3월 22일" in Korean, "22 mars" in French, "22. März" in German,
"22 марта" in Russian, "22 de marzo" in Spanish, "22 Maret" in Indonesian, "22 tháng 3" in
Vietnamese and "22 مارس" (or "٢٢ آذار") in Arabic. Any CLDR name of the month is accepted (wide or
abbreviated, format or stand-alone), and for Arabic the Levantine names as well.
"""
from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_date, format_skeleton, tokenize_pattern

from tms.checks.base import Check, CheckContext, Severity
from tms.checks.text import ascii_digits, is_unspaced_char
from tms.languages import get_language
from tms.model import Unit

_DAY_SKELETONS = ("MMMMd", "MMMd")
_YEAR_DAY_SKELETONS = ("yMMMMd", "yMMMd")
_MONTH_YEAR_SKELETONS = ("yMMMM",)
#: Orders CLDR does not list but that newspapers use ("22 March 2017" in English).
_EXTRA_PATTERNS = {"en": ("d MMMM", "d MMM", "d MMMM y", "d MMM y")}
#: Regional locales whose month names are also right: Levantine and Iraqi Arabic say "آذار" for March.
_MONTH_LOCALES = {"ar": ("ar", "ar_SY", "ar_IQ")}


@dataclass(frozen=True)
class DateMention:
    """A date found in a text: its span and what it says."""

    start: int
    end: int
    month: int
    day: int | None
    year: int | None


@functools.lru_cache(maxsize=None)
def month_names(lang: str) -> dict[str, int]:
    """Every CLDR name of every month in ``lang``, mapped to the month's number."""
    names: dict[str, int] = {}
    for code in _MONTH_LOCALES.get(lang, (lang,)):
        months = Locale.parse(code).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    # Babel falls back to the root locale's "3月" for some stand-alone forms of
                    # non-CJK locales; those are not names a French or Arabic text would use.
                    if "月" in name and lang not in ("ja", "zh"):
                        continue
                    names.setdefault(name, number)
                    names.setdefault(name[:1].upper() + name[1:], number)
    return names


@functools.lru_cache(maxsize=None)
def date_patterns(lang: str) -> tuple[str, ...]:
    """The CLDR patterns of dates with a month name in ``lang``, those with more fields first."""
    locale = Locale.parse(lang)
    found: list[str] = []
    for skeleton in _YEAR_DAY_SKELETONS + _DAY_SKELETONS + _MONTH_YEAR_SKELETONS:
        if skeleton in locale.datetime_skeletons:
            found.append(locale.datetime_skeletons[skeleton].pattern)
    found += [locale.date_formats[width].pattern for width in ("long", "medium")]
    found += _EXTRA_PATTERNS.get(lang, ())
    unique = list(dict.fromkeys(found))
    return tuple(sorted(unique, key=lambda p: -sum(1 for kind, _ in tokenize_pattern(p) if kind == "field")))


def _name_pattern(names: Iterable[str]) -> str:
    parts = []
    for name in sorted(set(names), key=len, reverse=True):
        piece = re.escape(name)
        if name[:1].isdigit():
            piece = r"(?<!\d)" + piece
        elif name[:1].isalpha() and not is_unspaced_char(name[0]):
            piece = r"(?<![^\W\d_])" + piece
        if name[-1:].isdigit():
            piece += r"(?!\d)"
        elif name[-1:].isalpha() and not is_unspaced_char(name[-1]):
            piece += r"\.?(?![^\W\d_])"
        parts.append(piece)
    return "(?:" + "|".join(parts) + ")"


def _pattern_regex(pattern: str, fields: dict[str, str]) -> str | None:
    """A regex for a CLDR date pattern, each field replaced from ``fields`` (None if a field is unknown)."""
    out = []
    for kind, value in tokenize_pattern(pattern):
        if kind == "chars":
            for char in value:
                if char.isspace() or char == "\u200f":
                    out.append(r"\s*")
                elif char in ",.":
                    out.append(re.escape(char) + "?")
                else:
                    out.append(re.escape(char))
            continue
        letter, count = value
        key = {"M": "month", "L": "month", "d": "day", "y": "year"}.get(letter)
        if key is None:
            return None
        if key == "month":
            key = "month_name" if count >= 3 else "month_number"
        out.append(fields[key])
    return "".join(out)


@functools.lru_cache(maxsize=None)
def _finders(lang: str) -> tuple[re.Pattern, ...]:
    names = _name_pattern(month_names(lang))
    fields = {"month_name": f"(?P<name>{names})", "month_number": r"(?<!\d)(?P<mnum>\d{1,2})(?!\d)",
              "day": r"(?<!\d)(?P<day>\d{1,2})(?!\d)", "year": r"(?<!\d)(?P<year>\d{4})(?!\d)"}
    regexes = (_pattern_regex(p, fields) for p in date_patterns(lang))
    return tuple(re.compile(r) for r in regexes if r and ("(?P<day>" in r or "(?P<year>" in r))


def find_dates(text: str, lang: str) -> list[DateMention]:
    """The dates with a month (and a day or a year) written in ``text`` the way ``lang`` writes them."""
    return list(_find_dates(text, lang))


@functools.lru_cache(maxsize=4096)
def _find_dates(text: str, lang: str) -> tuple[DateMention, ...]:
    # Remembered: every source text is searched by two checks, once for each of the ten target languages.
    plain = ascii_digits(text, lang)
    names = month_names(lang)
    found: list[DateMention] = []
    for regex in _finders(lang):
        for match in regex.finditer(plain):
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            groups = match.groupdict()
            month = names.get((groups.get("name") or "").rstrip(".")) or names.get(groups.get("name") or "")
            if month is None and groups.get("mnum"):
                month = int(groups["mnum"])
            day = int(groups["day"]) if groups.get("day") else None
            year = int(groups["year"]) if groups.get("year") else None
            if month and 1 <= month <= 12 and (day is None or 1 <= day <= 31) and (day or year):
                found.append(DateMention(match.start(), match.end(), month, day, year))
    return tuple(sorted(found, key=lambda m: m.start))


def date_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Where ``text`` mentions dates, for checks that leave dates to this one."""
    return [(m.start, m.end) for m in find_dates(text, lang)]


def _digits(number: int) -> str:
    forms = {str(number), f"{number:02d}"}
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


def expected_regex(mention: DateMention, lang: str) -> re.Pattern:
    """A pattern accepting ``mention`` written in any of ``lang``'s CLDR forms."""
    names = [n for n, number in month_names(lang).items() if number == mention.month]
    fields = {
        "month_name": _name_pattern(names),
        "month_number": r"(?<!\d)" + _digits(mention.month) + r"(?!\d)",
        "day": r"(?<!\d)" + _digits(mention.day or 0) + r"(?!\d)",
        "year": r"(?<!\d)" + str(mention.year or 0) + r"(?!\d)",
    }
    wanted = {"day": mention.day is not None, "year": mention.year is not None}
    options = []
    for pattern in date_patterns(lang):
        kinds = {v[0] for k, v in tokenize_pattern(pattern) if k == "field"}
        if {"day": "d" in kinds, "year": "y" in kinds} == wanted:
            regex = _pattern_regex(pattern, fields)
            if regex:
                options.append(regex)
    return re.compile("|".join(f"(?:{o})" for o in options), re.IGNORECASE)


def render_date(mention: DateMention, lang: str) -> str:
    """How ``lang`` writes the date, for messages ("3月22日")."""
    date = datetime.date(mention.year or 2000, mention.month, mention.day or 1)
    if mention.day is None:
        return format_skeleton("yMMMM", date, locale=lang)
    if mention.year is None:
        return format_skeleton("MMMMd", date, locale=lang)
    return format_date(date, "long", locale=lang)


def _is_written(mention: DateMention, target: str, lang: str) -> bool:
    if expected_regex(mention, lang).search(target):
        return True
    # The year may stand apart from the day and month ("22 марта 2017 года", "2017年、3月22日に").
    if mention.year is not None and mention.day is not None and re.search(rf"(?<!\d){mention.year}(?!\d)", target):
        return bool(expected_regex(DateMention(0, 0, mention.month, mention.day, None), lang).search(target))
    return False


class DatesCheck(Check):
    """Dates of the source are written as the target locale writes dates."""

    check_id = "dates"
    name = "Dates"
    description = "A date of the source (\"March 22\") appears in the target locale's form (\"3月22日\", \"22 mars\")."
    severity = Severity.ERROR

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        messages = []
        plain_target = ascii_digits(target, context.target_language)
        for mention in find_dates(source, context.source_language):
            try:
                expected = render_date(mention, context.target_language)
            except ValueError:
                continue  # not a real date (February 30): the numbers are all a check can compare
            if not _is_written(mention, plain_target, context.target_language):
                written = source[mention.start:mention.end]
                language = get_language(context.target_language).name
                messages.append(f"the date “{written}” should read “{expected}” in {language}")
        return messages
