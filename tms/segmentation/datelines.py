"""Wire datelines: the place, date and agency tag that open a news paragraph are part of its first sentence,
whatever their punctuation ("МОСКВА, 8 апреля. /ТАСС/. Россия…", "(서울=연합뉴스) 김해원 기자 = …")."""
from __future__ import annotations

import re

from tms.segmentation.abbreviations import MONTH_STEMS

# A wire dateline at the start of a paragraph is part of the first sentence, whatever its punctuation: a place
# (a capitalised name, or one in Arabic script), a date, an agency tag in slashes or brackets or after a dash,
# then a dash, "=" or ".-". "МОСКВА, 8 апреля. /ТАСС/.", "КАЗАНЬ, 10 апр — РИА Новости.", "MADRID, 11 Abr.
# (EUROPA PRESS) -", "Madrid, 8 abr (EFE).-", "Berlin (dpa) -", "Москва. 8 апреля. INTERFAX.RU -"; without a
# tag, a place in capitals and a date ("МОСКВА, 8 апреля."). Korean, Japanese and Chinese wire heads too:
# "(서울=연합뉴스) 김해원 기자 =", "【ソウル共同】", "新华社北京4月8日电（记者 张晓宁）".
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ɏΆ-ΫЀ-ЯḀ-ỿ"  # capitals of Latin, Greek and Cyrillic (both cases in the extended blocks)
# (possessive and atomic: a paragraph that opens with no dateline, "The company said", fails at once)
_CAPITALISED = rf"[{_UPPER}][^\W\d_]*+(?:['’.-][^\W\d_]++)*+"
_PARTICLES = ("de ", "del ", "la ", "el ", "do ", "da ", "dos ", "das ", "di ", "du ", "des ", "am ", "an ", "im ",
              "upon ", "on ", "sur ", "al ")  # inside a place name: "Rio de Janeiro"
_PLACE = rf"{_CAPITALISED}(?>\s(?:(?:{'|'.join(_PARTICLES)})?){_CAPITALISED}){{0,3}}+"
_DATE = (r"(?:\d{1,2}\.?\s[^\W\d_]{3,10}\.?(?:\s\d{4})?|[^\W\d_]{3,10}\.?\s\d{1,2}(?:,\s\d{4})?"
         r"|\d{1,2}\s?[/.-]\s?\d{1,2}(?:\s?[/.-]\s?\d{2,4})?|\d{1,2})")
_TAG = r"(?:/[^/\n]{2,30}/|\([^()\n]{2,40}\)|（[^（）\n]{2,40}）)"
_DASH = r"(?:-{1,2}|[–—])"
_AGENCY = rf"(?:{_CAPITALISED}(?:\s{_CAPITALISED}){{0,2}}|[{_UPPER}]+\.[^\W\d_]{{2,3}})"  # "РИА Новости", "INTERFAX.RU"
_DATELINE = re.compile(
    rf"\s*+(?:(?P<place>{_PLACE}|[\u0600-\u06ff]++(?:\s[\u0600-\u06ff]++){{0,2}}+)"
    rf"(?:(?:[,،.]|\s[-–—])\s(?P<date>{_DATE})"
    rf"(?:\.?\s?{_TAG}(?:\.-|\.|\s?{_DASH})?"  # "МОСКВА, 8 апреля. /ТАСС/.", "SEOUL, April 8 (Yonhap) --"
    rf"|\s[-–—]\s{_AGENCY}(?:\.(?=\s)|\s{_DASH})"  # "КАЗАНЬ, 10 апр — РИА Новости."
    rf"|\.\s{_AGENCY}\s{_DASH}"  # "Москва. 8 апреля. INTERFAX.RU -"
    rf"|(?P<untagged>\.))"  # "МОСКВА, 8 апреля.": only a place in capitals and a month (see dateline_end)
    rf"|\s?{_TAG}(?:\.-|\s?{_DASH}))"  # "Berlin (dpa) -"
    r"|[(\[][^()\[\]\n=]{1,12}=[^()\[\]\n=]{1,12}[)\]](?:\s[^\s=]{1,10}(?:\s[^\s=]{1,10})?\s?=)?"
    r"|【[^】\n]{1,20}】"
    r"|[\u4e00-\u9fff]{2,20}?\d{1,2}月\d{1,2}日[电讯電訊]\s?(?:[（(][^（）()\n]{1,20}[）)])?)")
_DATELINE_REACH = 120  # no dateline is longer
_MONTH_WORD = re.compile(r"[^\W\d_]{3,}")


def dateline_end(text: str) -> int:
    """Where the wire dateline that opens the text ends (its final mark included), or 0."""
    # Quick answers for most paragraphs: a dateline opens with a capital, a bracket or a letter of Arabic or
    # Chinese script, never with Hangul ("(서울=연합뉴스)" opens with the bracket); and no word in lower case
    # follows its first word, unless in a place name ("The deal was …", but "Rio de Janeiro, 8 abr").
    if "가" <= text[:1] <= "힣":
        return 0
    space = text.find(" ", 1, 40)
    if space > 0 and text[space + 1:space + 2].islower() and text[space - 1].isalpha() \
            and not text.startswith(_PARTICLES, space + 1):
        return 0
    match = _DATELINE.match(text, 0, _DATELINE_REACH)
    if not match:
        return 0
    if match.group("untagged"):  # "МОСКВА, 8 апреля." but not "NATO, 75 years."
        month = _MONTH_WORD.search(match.group("date"))
        if not (match.group("place").isupper() and month and month.group()[:3].lower() in MONTH_STEMS):
            return 0
    return match.end()
