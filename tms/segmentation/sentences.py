"""Language-aware sentence splitting: sentencex proposes, our rules veto or add boundaries.

Every run of sentence punctuation is a candidate boundary. A chain of small rules (abbreviations,
initials, ordinals, era markers, quotations, CJK punctuation, Korean endings) may decide it; when
none does, sentencex's own decision stands. Korean also gets candidates at spaces after a final
predicate or an emoticon, because informal Korean often ends sentences without punctuation.
"""
from __future__ import annotations

import multiprocessing
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache

import sentencex

from tms.errors import InputError
from tms.segmentation import korean
from tms.segmentation.abbreviations import (
    BEFORE_NUMBER, CASED_LANGUAGES, COMPANY_FORMS, COMPOUND_SUFFIXES, ENDING_ABBREVIATIONS, ERA_HINTS, ERA_PATTERNS,
    FRONTED, FULL_WORDS, GERMAN_MONTHS, JAPANESE_QUOTATIVES, LANGUAGES, MIDDLE, MONTH_STEMS, MONTHS, NAME_SUFFIXES,
    SPEECH_VERBS, STARTERS, TIME_ZONES, TITLES, UNITS, YEAR_WORDS,
)

__all__ = ["split_sentences", "split_spans"]

_TERMINATORS = set(".!?…。！？؟۔‼⁉｡．")
_CJK_FULL_STOPS = set("。！？｡")
_DOUBLE_QUOTES, _SINGLE_QUOTES = set("\"“”„"), set("'‘’‚`")
_QUOTES = _DOUBLE_QUOTES | _SINGLE_QUOTES
_CLOSERS_AND_SPACES = ")]}）］」』》〉】\"'`”’“‘»«›‹ \t\n\r\u00a0\u202f\u3000"
_OPENING_QUOTES = set("“‘«„‚‹\"'")
_CLOSING_BRACKETS = {")": "(", "]": "[", "}": "{", "）": "（", "］": "［", "」": "「", "』": "『",
                     "》": "《", "〉": "〈", "】": "【"}

# A run of sentence marks ("?!", ". . .") and the closing quotes and brackets glued to it.
# (Starting with a single character class, not a repeated one, lets the regex engine skip ahead fast.)
_RUN = r"[.!?…。！？؟۔‼⁉｡．]*(?: [.!?…]+)*)"
_CLOSE = r"(?P<close>(?:[ \u00a0\u202f]?[)\]}）］」』》〉】\"'`”’“‘»«›‹]|[.!?…。！？])*)"
# Most periods in news text are inside a sentence, and some are plain to see: glued to a digit or a
# lower-case letter ("3.5", "e.g"), between a one-letter word and a capital ("U.S", "China-U.S"), or in a
# cased language after an abbreviation-like word (dotted, or of one to three letters) and before a
# lower-case word ("U.S. economy", "Inc. said"). The rules would answer no to each of them (outside
# Korean, whose rules read a glued period differently), so they are left out of the candidates rather
# than asked one by one. The tests follow the first mark, so that the regex engine still skips ahead to it.
_GLUED_INSIDE = r"(?<=\.)[0-9a-z]|(?<=[A-Za-z]\.)(?<![^\s/–-][A-Za-z]\.)[A-Z]"
_LETTER, _LOWER = "A-Za-zÀ-ÖØ-öø-ÿА-яЁё", "a-zß-öø-ÿа-яё"
_SHORT_OR_DOTTED = (rf"(?:(?<=\.[{_LETTER}])|(?<=(?<!\S)[{_LETTER}])|(?<=(?<!\S)[{_LETTER}]{{2}})"
                    rf"|(?<=(?<!\S)[{_LETTER}]{{3}}))")
_BEFORE_LOWER = rf"(?<=\.)(?<={_SHORT_OR_DOTTED}\.) +[{_LOWER}]"
_CANDIDATE = re.compile(r"(?P<term>[.!?…。！？؟۔‼⁉｡．]" + _RUN + _CLOSE)
_CANDIDATE_UNLESS_GLUED = re.compile(rf"(?P<term>[.!?…。！？؟۔‼⁉｡．](?!{_GLUED_INSIDE})" + _RUN + _CLOSE)
_CANDIDATE_UNLESS_INSIDE = re.compile(rf"(?P<term>[.!?…。！？؟۔‼⁉｡．](?!{_GLUED_INSIDE}|{_BEFORE_LOWER})"
                                      + _RUN + _CLOSE)
_CANDIDATES = {lang: _CANDIDATE if lang == "ko" else
               _CANDIDATE_UNLESS_INSIDE if lang in CASED_LANGUAGES else _CANDIDATE_UNLESS_GLUED for lang in LANGUAGES}
# URLs and e-mail addresses end at a space, a quote or, in unspaced text, at the first CJK character.
_NOT_IN_URL = r"\s<>\"'“”\u3000-\u30ff\u3400-\u9fff\uac00-\ud7a3\uff00-\uffef"
_URL_OR_EMAIL = re.compile(rf"(?:https?://|ftp://|www\.)[^{_NOT_IN_URL}]*[^{_NOT_IN_URL}.,;:!?)\]»]"
                           r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# A bare domain, which is an address only as a whole word ("whitehouse.gov", "mofa.go.kr").
_TLDS = ("com|net|org|gov|edu|int|mil|info|biz|io|co|uk|kr|jp|cn|de|fr|ru|vn|id|es|eu|us|ca|au|in|br|it|nl|"
         "ch|at|be|se|no|dk|fi|pl|tw|hk|sg|my|th|ph|sa|ae|eg|qa|tr|mx|ar|cl|kz|ua")
_DOMAIN = re.compile(rf"[A-Za-z0-9-]{{2,}}(?:\.[A-Za-z0-9-]{{2,}})*\.(?:{_TLDS})(?:/\S*)?")
# A news-agency tag after a dateline: "МОСКВА, 8 апреля. /ТАСС/. Президент ..."
_AGENCY_TAG = re.compile(r"/[^\W\d_]+(?:[ -][^\W\d_]+)*/")
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
    rf"|(?P<untagged>\.))"  # "МОСКВА, 8 апреля.": only a place in capitals and a month (see _dateline_end)
    rf"|\s?{_TAG}(?:\.-|\s?{_DASH}))"  # "Berlin (dpa) -"
    r"|[(\[][^()\[\]\n=]{1,12}=[^()\[\]\n=]{1,12}[)\]](?:\s[^\s=]{1,10}(?:\s[^\s=]{1,10})?\s?=)?"
    r"|【[^】\n]{1,20}】"
    r"|[\u4e00-\u9fff]{2,20}?\d{1,2}月\d{1,2}日[电讯電訊]\s?(?:[（(][^（）()\n]{1,20}[）)])?)")
_DATELINE_REACH = 120  # no dateline is longer
_MONTH_WORD = re.compile(r"[^\W\d_]{3,}")
# Korean dates: "2017. 4. 8." (the final period too) is one date, not three sentences; so are "2017. 4."
# and "1987. 6월".
_KOREAN_DATE = re.compile(r"(?:1[89]|20)(?<!\d..)\d\d\. ?(?:1[0-2]|0?[1-9])"
                          r"(?:\. ?(?:3[01]|[12]\d|0?[1-9])\.|\.|월)(?!\d)")
_ELISION = re.compile(r"[^\W\d_]{1,2}['’]")
_COMPOUND = re.compile(r"[-/–]")
_ERA = {lang: re.compile(pattern + r"\.") for lang, pattern in ERA_PATTERNS.items()}
_ERA_HINT = {lang: re.compile(hint) for lang, hint in ERA_HINTS.items()}
_LIST_MARKER = re.compile(r"\s*(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})[.)]")
# A list marker inside a sentence: "tiga hal: 1) …", "양측은 1) 공급망 안정, 2) …", "(a) …", "① …".
_LIST_ITEM = re.compile(r"(?<![^\s:])(?:(?:\d{1,2}|[^\W\d_])[.)）](?=\s|[^\W\d_])|\((?:\d{1,2}|[a-z])\)|[①-⑳])")
# sentencex reads "1) …, 2) …" inside a line as a list, breaks before each item and then never inside the
# last one ("… 3) training. It starts" stays whole); it is shown these markers as "#)" instead (brackets kept,
# so that it still sees "(up 3)" as a bracket).
_INLINE_LIST_BRACKET = re.compile(r"\)(?:(?<=\S \d\))|(?<=\S \d\d\))|(?<=\S [a-z]\)))(?= )")
_LIST_ITEM_CHARS = frozenset(".)）(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")  # one of them is in a list marker's first 3 characters
_LIST_NUMBER_ENDS = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
_AMOUNT = re.compile(r"[^\w\s]{0,2}\d[\d.,]*$")  # "600", "1,2", "$140"
_INITIALISM = re.compile(r"(?:\w\.){2,}$")
_NUMBER = re.compile(r"\d[\d.,º°ª%-]*$|.*-\d+$")
_WORD = re.compile(r"[^\W\d_]{2,}$")
_ASCII_DIGITS = frozenset("0123456789")
# A date that opens a Japanese sentence: "3月22日、", "13日には", "20日夜" (but not "2日間", "1日目", "3日後").
_JAPANESE_DATE = re.compile(r"(?:\d{1,2}月)?\d{1,2}日(?=[にはのもまか、，夜朝昼夕午未深早付正（(])")
# A quotation's attribution that goes on to a second quotation or ends the sentence: subject, verb of saying,
# then "，“" or "：“" or "。": “……。”陕西省考古研究院研究员、石峁考古队领队王宏伟说，“……。”
_ATTRIBUTION_TO_QUOTE = re.compile(rf"[^，。！？；,;“”「」\n]{{0,25}}?(?:{'|'.join(SPEECH_VERBS)})(?:[，：,:]\s*[“「\"]|。)")
_ELLIPSIS = re.compile(r"\.{2,}|\.*…[.…]*")
# A quotation still open this far back is taken as a missing closing quote, not one long quotation.
_QUOTATION_REACH = 1000
_QUOTE_OR_BRACKET = re.compile(r"[\"“”„«»()\[\]{}（）［］「」『』《》〈〉【】]")
_SPACES = re.compile(r"\s*")
_SPACE_OR_END = re.compile(r"\s|$")
_LONG_WORD = 40  # the words before a period are looked for this far back
_OPENERS = "(\"'“‘«"
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
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_WORD_CHARS = re.compile(r"[\w'’-]*")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3130-\u318f]")
_DECORATION = f"[{korean.DECORATION_CHARS}]"
# A Korean word that may end a sentence without punctuation, or a token ending in an emoticon.
_KOREAN_WORD_END = re.compile(rf"(?>[가-힣]+)(?<=[{korean.FINAL_SYLLABLES}])"
                              rf"(?P<decor>[~{korean.DECORATION_CHARS}]*)(?=\s+\S)")
_KOREAN_EMOTICON_END = re.compile(rf"{_DECORATION}+(?=\s+\S)")
# What trails a Korean sentence: emoticons, stray marks, a short note in brackets ("(출처 구글)", "[4]").
_KOREAN_TRAILER = re.compile(rf"(?:\s*(?:[~{korean.DECORATION_CHARS}]+|(?:하|히|크|엉){{2,}}(?=\s|$)"
                             rf"|\([^()\n]{{0,40}}\)|\[[^\[\]\n]{{0,20}}\]|[.!?…]+))+")


def split_sentences(text: str, lang: str) -> list[str]:
    """Split text into sentences, each stripped of surrounding whitespace."""
    return [text[start:end] for start, end in split_spans(text, lang)]


def split_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of each sentence in text, in order and stripped of whitespace."""
    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r} for sentence splitting; use one of: {', '.join(LANGUAGES)}")
    spans: list[tuple[int, int]] = []
    # No sentence crosses a blank line; splitting there first also keeps sentencex, which slows down
    # on very long paragraphs, working on one paragraph at a time.
    breaks = [m.start() for m in _BLANK_LINE.finditer(text)] if "\n" in text else []
    start = 0
    for end in breaks + [len(text)]:
        if breaks:
            cuts = [start + cut for cut in _cuts(_Text(text[start:end], lang))]
        else:
            cuts = _cuts(_Text(text, lang))
        _add_stripped_spans(text, [start] + cuts, cuts + [end], spans)
        start = end
    return spans


#: Below this much text, splitting in several processes costs more (a fork, a pipe) than it saves.
_PARALLEL_CHARS = 1_000_000


def split_spans_many(texts: Sequence[str], lang: str, workers: int = 1) -> list[list[tuple[int, int]]]:
    """``split_spans`` of each text. With ``workers`` above 1 and a long document, the texts are shared out
    between this process and ``workers - 1`` forked ones (the spans are the same either way); where fork
    is not available, or a worker fails, the rest is split here."""
    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r} for sentence splitting; use one of: {', '.join(LANGUAGES)}")
    if workers <= 1 or len(texts) < 2 * workers or sum(map(len, texts)) < _PARALLEL_CHARS:
        return [split_spans(text, lang) for text in texts]
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        return [split_spans(text, lang) for text in texts]
    bounds = _share(texts, workers)
    children = []
    for low, high in bounds[1:]:
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_split_part, args=(texts, low, high, lang, sender), daemon=True)
        child.start()
        sender.close()
        children.append((low, high, receiver, child))
    low, high = bounds[0]
    spans = [split_spans(text, lang) for text in texts[low:high]]
    for low, high, receiver, child in children:
        try:
            part = receiver.recv()
        except (EOFError, OSError):      # the worker died: its share is split here instead
            part = [split_spans(text, lang) for text in texts[low:high]]
        receiver.close()
        child.join()
        spans += part
    return spans


def _share(texts: Sequence[str], workers: int) -> list[tuple[int, int]]:
    """Consecutive ranges of ``texts`` with about the same number of characters each."""
    total = sum(map(len, texts))
    bounds, low, size = [], 0, 0
    for index, text in enumerate(texts):
        size += len(text)
        if size >= total * (len(bounds) + 1) / workers and len(bounds) < workers - 1:
            bounds.append((low, index + 1))
            low = index + 1
    bounds.append((low, len(texts)))
    return bounds


def _split_part(texts: Sequence[str], low: int, high: int, lang: str, sender) -> None:
    """A forked worker: split ``texts[low:high]`` and send the spans back."""
    sender.send([split_spans(text, lang) for text in texts[low:high]])
    sender.close()


def _add_stripped_spans(text: str, starts: list[int], ends: list[int], spans: list[tuple[int, int]]) -> None:
    """Append (start, end) for each non-blank piece, whitespace stripped from both ends."""
    for left, right in zip(starts, ends):
        while left < right and text[left].isspace():  # usually the one space after the previous sentence
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        if right > left:
            spans.append((left, right))


class _Text:
    """One text being split, with the lookups every rule needs."""

    __slots__ = ("text", "lang", "sx_ends", "protected", "era_ends", "dateline_end")

    def __init__(self, text: str, lang: str):
        self.text, self.lang = text, lang
        self.sx_ends = _sentencex_ends(text, lang)
        self.protected, self.era_ends = [], set()
        self.dateline_end = _dateline_end(text)
        if self.dateline_end:
            self.protected.append((0, self.dateline_end + 1))  # no break inside nor right after it
        if "@" in text or "://" in text or "www." in text:
            self.protected = [m.span() for m in _URL_OR_EMAIL.finditer(text)]
        if lang == "ko" and ". " in text:
            # The span reaches one past the date's last period, so that no break falls after it either.
            self.protected += [(m.start(), m.end() + 1) for m in _KOREAN_DATE.finditer(text)]
        if lang in _ERA and _ERA_HINT[lang].search(text):
            for match in _ERA[lang].finditer(text):
                self.protected.append(match.span())  # "a. C.", "v. Chr.": no break inside
                self.era_ends.add(match.end() - 1)

    def is_protected(self, pos: int) -> bool:
        return any(start <= pos < end - 1 for start, end in self.protected)


def _without_inline_list_numbers(text: str) -> str:
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


def _dateline_end(text: str) -> int:
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


def _sentencex_ends(text: str, lang: str) -> list[int]:
    """Where sentencex ends each sentence but the last, trailing whitespace excluded."""
    if ")" in text:
        text = _without_inline_list_numbers(text)
    pieces = sentencex.segment(lang, text)
    ends, pos = [], 0
    for piece in pieces[:-1]:
        ends.append(pos + len(piece.rstrip()))
        pos += len(piece)
    return ends


def _cuts(doc: _Text) -> list[int]:
    """Positions where one sentence ends and the next begins, in increasing order."""
    text, size, protected, sx_ends, is_korean = doc.text, len(doc.text), doc.protected, doc.sx_ends, doc.lang == "ko"
    cuts, start = [], 0
    for candidate in _candidates(doc):
        mark, close_end = candidate.span()
        # the end of the marks themselves (group 1), asked for only when the match is more than one mark
        term_end = candidate.end(1) if close_end - mark > 1 else close_end
        if mark < start or protected and doc.is_protected(mark):
            continue
        cut = _attach_closers(doc, start, term_end, close_end) if close_end > term_end else term_end
        if cut + 1 < size and text[cut] == " " and text[cut + 1] != " ":
            nxt = cut + 1  # the usual single space, without a regex call
            if text[nxt].isspace():
                nxt = _SPACES.match(text, nxt).end()
        else:
            nxt = _SPACES.match(text, cut).end()
        if nxt >= size:
            break
        decision = _decide(doc, start, mark, term_end, cut, nxt)
        if decision is None:
            decision = _approved(sx_ends, mark + 1, nxt + 1)
        if decision:
            if is_korean:
                trailer = _KOREAN_TRAILER.match(text, cut)
                cut = trailer.end() if trailer else cut
            cuts.append(cut)
            start = cut
    # sentencex also breaks where there is no punctuation at all: blank lines, headlines; but not inside a
    # dateline, nor before a list marker on the same line ("ثلاثة محاور هي: 1) … 2) …", "양측은 1) …").
    unpunctuated = [end for end in sx_ends if text[end - 1] not in _TERMINATORS
                    and text[max(0, end - 8):end].rstrip(_CLOSERS_AND_SPACES)[-1:] not in _TERMINATORS
                    and end > doc.dateline_end and not _is_before_list_item(text, _last_cut(cuts, end), end)]
    return sorted(set(cuts).union(unpunctuated)) if unpunctuated else cuts


def _last_cut(cuts: list[int], pos: int) -> int:
    """Where the sentence that holds pos begins: the last cut before pos, or 0."""
    i = bisect_left(cuts, pos)
    return cuts[i - 1] if i else 0


def _candidates(doc: _Text) -> Iterable[re.Match | _Bare]:
    """The candidate boundaries in order: a match of the marks (group 1) and the closers glued to them."""
    found = _CANDIDATES[doc.lang].finditer(doc.text)
    if doc.lang == "ko":
        ends = {m.end() for m in _KOREAN_EMOTICON_END.finditer(doc.text)}
        for match in _KOREAN_WORD_END.finditer(doc.text):
            word = doc.text[match.start():match.start("decor")]
            if match.group("decor").strip("~") or korean.is_final_word(word):
                ends.add(match.end())
        return sorted([*found, *map(_Bare, ends)], key=lambda m: (m.start(), m.end(1)))
    return found


class _Bare:
    """A candidate without marks, like an empty match: a space after a Korean final predicate or emoticon."""

    __slots__ = ("pos",)

    def __init__(self, pos: int):
        self.pos = pos

    def start(self, group: int = 0) -> int:
        return self.pos

    end = start

    def span(self) -> tuple[int, int]:
        return self.pos, self.pos


def _approved(ends: list[int], low: int, high: int) -> bool:
    """True if sentencex ends a sentence between low and high."""
    i = bisect_left(ends, low)
    return i < len(ends) and ends[i] <= high


def _skip_space(text: str, pos: int) -> int:
    return _SPACES.match(text, pos).end()


def _attach_closers(doc: _Text, start: int, term_end: int, close_end: int) -> int:
    """Keep with the sentence the quotes and brackets that close it, not those that open the next one.

    A mark glued to the punctuation and followed by a space closes ('go." Then'); in unspaced
    Chinese and Japanese, and for a mark after a space, quote parity in the sentence decides.
    """
    text, pos = doc.text, term_end
    while pos < close_end:
        ch = text[pos]
        if ch in _TERMINATORS:
            pos += 1
        elif ch.isspace():
            after = pos + 1
            while after < close_end and text[after] in _QUOTES:
                after += 1
            # Quotes standing alone between spaces ("went through. ' The") are ambiguous: sentencex decides.
            alone = after >= len(text) or text[after].isspace()
            if after > pos + 1 and alone and after in doc.sx_ends:
                pos = after
            elif (alone or text[after] not in _QUOTES and not text[after].isalnum()) and \
                    _closes_by_parity(text, start, pos + 1, text[pos + 1]):
                pos += 2
            else:
                break
        elif _is_followed_by_gap(doc, pos, close_end) or _closes_by_parity(text, start, pos, ch):
            pos += 1
        else:
            break
    return pos


def _is_followed_by_gap(doc: _Text, pos: int, close_end: int) -> bool:
    """A mark glued to the end of the sentence and followed by a space (or another mark) closes it."""
    if doc.lang in ("zh", "ja") or doc.text[pos - 1].isspace():
        return False
    after = pos + 1
    if after < len(doc.text) and doc.lang == "ko" and _HANGUL.match(doc.text[after]):
        return True  # a quotative follows: '알아차렸어?\'라고'
    return after >= len(doc.text) or after < close_end or doc.text[after].isspace()


def _closes_by_parity(text: str, start: int, pos: int, ch: str) -> bool:
    """True if ch closes a quotation or bracket left open in text[start:pos]."""
    sentence = text[max(start, pos - _QUOTATION_REACH):pos]
    if ch in _CLOSING_BRACKETS:
        return sentence.count(_CLOSING_BRACKETS[ch]) > sentence.count(ch)
    if ch in _DOUBLE_QUOTES:
        return sum(sentence.count(q) for q in _DOUBLE_QUOTES) % 2 == 1
    if ch in _SINGLE_QUOTES:
        quotes = sum(1 for i, c in enumerate(sentence) if c in _SINGLE_QUOTES and not _is_apostrophe(sentence, i))
        return quotes % 2 == 1
    if ch in "»›":
        return sentence.count("«") > sentence.count("»")
    if ch in "«‹":
        return sentence.count("»") > sentence.count("«")  # German »…«
    return False


def _is_apostrophe(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


def _decide(doc: _Text, start: int, mark: int, term_end: int, cut: int, nxt: int) -> bool | None:
    """True or False if a rule knows whether the marks text[mark:term_end] (closed at cut, the next
    sentence at nxt) end a sentence; None to ask sentencex."""
    text, lang = doc.text, doc.lang
    if term_end - start < 8 and _LIST_MARKER.fullmatch(text, start, term_end):
        return False  # "1. The first item": a list number is not a sentence of its own
    if lang == "ko":
        return _decide_korean(doc, start, (mark, term_end, cut), nxt)
    if cut == term_end == nxt:
        glued = _decide_glued(doc, start, mark, nxt)
        if glued is not None:
            return glued
    following = text[nxt]
    if following in ",;:)]}":
        return False  # "н. э., которое"
    if cut > term_end and lang in ("zh", "ja") and _is_attribution(text, nxt, lang):
        return False
    if term_end - mark == 1 and text[mark] == ".":
        return _decide_period(doc, start, mark, nxt)
    term = text[mark:term_end]
    if lang == "ar" and _ELLIPSIS.fullmatch(term):
        return False  # Arabic has no capitals to tell a pause from the end of a sentence
    if lang in CASED_LANGUAGES and term == "…" and following.isupper() or lang == "zh" and term[-1] in "。！？…":
        return not _inside_quotation(text, start, cut)
    if lang == "ja" and term[-1] in "。！？" and following in _ASCII_DIGITS:
        # sentencex never breaks before an ASCII digit (its own tests keep "開発した。1999年、…" whole);
        # a date that opens the next sentence is common enough in news to break there: "会談した。3月22日、",
        # "初めて。13日には"
        return True if _JAPANESE_DATE.match(text, nxt) and not _inside_quotation(text, start, cut) else None
    return None


def _decide_glued(doc: _Text, start: int, mark: int, nxt: int) -> bool | None:
    """A mark with no space after it: "3.5", "E.ON", "J.-C.", "B.C.的", "U.S.のAWS", "world.Today"."""
    text, following, term = doc.text, doc.text[nxt], doc.text[mark]
    if term in _CJK_FULL_STOPS:
        return None
    if doc.lang in ("zh", "ja"):
        return False if term in ".．" else None
    if following.isupper():
        word = _COMPOUND.split(_words_before(text, start, mark)[1])[-1]  # "China-U.S.", "ROK-U.S."
        if len(word) == 1 or _INITIALISM.match(word + "."):
            return False
        token = text[mark - len(word):_SPACE_OR_END.search(text, mark).start()].rstrip(".").lower()
        if token in _KNOWN[doc.lang] or _is_combined_title(token, doc.lang):
            return False  # "EE.UU.", "Th.S", "GS.TS."
        return None
    if following.isalnum() or following in "-–,;:/@_'’°º":
        return False
    return None


def _decide_period(doc: _Text, start: int, dot: int, nxt: int) -> bool | None:
    """Decide a single period from the word before it and the word after it."""
    text, lang = doc.text, doc.lang
    low = max(start, dot - _LONG_WORD)
    word = text[text.rfind(" ", low, dot) + 1 or low:dot]  # the word before the period, on the fast path
    if not word.isprintable():  # a word with other whitespace in it
        word = _words_before(text, start, dot)[1]
    info = _word_info(word, lang)
    following = text[nxt]
    if dot in doc.era_ends or info.is_year_word:
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
        pair = (_words_before(text, start, dot)[0] + word).lower()  # "z. B." is looked up as "z.b"
        if pair in MIDDLE[lang]:
            return False
        if pair in YEAR_WORDS[lang]:
            return _decide_after_era(text, start, dot, nxt, lang)  # "на сентябрь с. г. Отмечено"
        may_end = may_end or pair in ENDING_ABBREVIATIONS[lang]
    if may_end and following.isupper():
        if info.is_unit:
            before = _words_before(text, start, dot)[0]
            if _AMOUNT.match(before) or before.lower().rstrip(".") in UNITS[lang]:
                return True  # "— 300 руб. Дети до 14 лет", "до 1,2 млн т. Как уточнил"
        next_word = _next_word(text, nxt)
        if info.key in COMPANY_FORMS and next_word.lower() in COMPANY_FORMS:
            return False  # "Straits Capital Pte. Ltd. said", "Sdn. Bhd."
        return next_word in STARTERS[lang] or None  # "Apple Inc. The company", "и т. д. Потом"
    key = info.key
    if following.isdigit():
        return _decide_before_number(key, lang, text, start, dot)
    if info.is_list_number and _is_inline_list_number(text, start, dot, nxt):
        return False  # "three parts: 1. training, 2. exchanges"
    if info.is_ordinal:
        return _decide_german_ordinal(_words_before(text, start, dot)[0], _next_word(text, nxt))
    if info.is_letter:
        if _NUMBER.match(_words_before(text, start, dot)[0]):
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
    return bool(_URL_OR_EMAIL.fullmatch(word) or _DOMAIN.fullmatch(word))


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
    if len(key) == 1 or not _WORD.match(key) or len(key) <= 3 and _NUMBER.match(_words_before(text, start, dot)[0]):
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


def _decide_korean(doc: _Text, start: int, candidate: tuple[int, int, int], nxt: int) -> bool | None:
    """Korean: quotatives continue the sentence, final predicates end it, one-syllable pieces do not."""
    text = doc.text
    mark, term_end, cut = candidate
    term, following = text[mark:term_end], text[nxt:nxt + 6]
    if not term:  # a space after a final predicate or an emoticon, no punctuation
        # "양측은 1) 공급망을 강화한다 2) 기후변화에 …": a final predicate inside an inline list goes on
        return not korean.continues(following) and (_LIST_ITEM_CHARS.isdisjoint(following[:3])
                                                    or not _is_before_list_item(text, start, mark, after_items=True))
    if korean.is_quotative(following) or following[0] in ",;:)]}":
        return False
    token = _words_before(text, start, mark)[1]
    is_final = korean.is_final_word(korean.final_hangul(token))
    if cut == term_end == nxt:  # "게임이다.이런게", "반.전.매.력", "넣었다.2014년"
        if len(token) == 1 or not is_final and not _HANGUL.match(following):
            return False if term == "." else None
        return True if is_final else None
    if cut > term_end:  # a closed quotation: '"그러면 원빈아." 원빈', but '"가자."라고'
        if text[term_end] in ")]" and _is_bracketed_term(text, start, mark):
            return False  # "한미(ROK-U.S.) 동맹": a term in brackets, not a sentence
        return not (cut == nxt and _HANGUL.match(following))
    if term == "." and len(token) == 1 and _HANGUL.match(token):
        return False  # "전. 부. 다. 요!!!" spells one word out
    if term == "." and len(token) <= 2 and token[-1] in _LIST_NUMBER_ENDS \
            and _is_inline_list_number(text, start, mark, nxt):
        return False  # "양측은 1. 공급망 안정, 2. 기후변화 대응"
    if _inside_quotation(text, start, mark):
        return None  # a quotation of several sentences: sentencex keeps it whole
    if _ELLIPSIS.fullmatch(term):
        return is_final
    return True if term[-1] in _CJK_FULL_STOPS or is_final else None


def _is_bracketed_term(text: str, start: int, mark: int) -> bool:
    """True if the brackets closing after mark hold a single term with no space ("(ROK-U.S.)")."""
    opening = max(text.rfind("(", start, mark), text.rfind("[", start, mark))
    if opening < 0:
        return False
    return not any(ch.isspace() for ch in text[opening:mark]) and not _HANGUL.search(text, opening, mark)


def _is_before_list_item(text: str, start: int, pos: int, after_items: bool = False) -> bool:
    """True if a list marker follows pos on the same line, inside the sentence that began at start:
    "هي: 1) …", "양측은 1) …"; with after_items, only if an earlier item is in that sentence too. Items that
    open their own sentences ("1. 첫째 … 2. 둘째") are not inside one."""
    nxt = _SPACES.match(text, pos).end()
    if "\n" in text[pos:nxt] or not _LIST_ITEM.match(text, nxt):
        return False
    first = _SPACES.match(text, start).end()
    if _LIST_ITEM.match(text, first) or _LIST_MARKER.match(text, first):
        return False
    return not after_items or bool(_LIST_ITEM.search(text, first, pos))


def _is_inline_list_number(text: str, start: int, dot: int, nxt: int) -> bool:
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
    if text[last].isspace() or text[last] in _TERMINATORS:
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


def _words_before(text: str, start: int, end: int) -> tuple[str, str]:
    """The last two whitespace-separated tokens of text[start:end], looking back 40 characters at most."""
    chunk = text[max(start, end - _LONG_WORD):end]
    parts = chunk.rsplit(None, 2)
    if not parts:
        return "", ""
    if chunk[-1].isspace():
        return parts[-1], ""
    return (parts[-2] if len(parts) > 1 else ""), parts[-1]


def _next_word(text: str, pos: int) -> str:
    return _WORD_CHARS.match(text, pos).group()


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


def _inside_quotation(text: str, start: int, end: int) -> bool:
    """True if a quotation or a bracket opened in text[start:end] is still open."""
    sentence = text[max(start, end - _QUOTATION_REACH):end]
    if not _QUOTE_OR_BRACKET.search(sentence):
        return False
    if sum(sentence.count(q) for q in _DOUBLE_QUOTES) % 2 or sentence.count("«") != sentence.count("»"):
        return True
    return any(sentence.count(opening) > sentence.count(closing) for closing, opening in _CLOSING_BRACKETS.items())


def _is_attribution(text: str, pos: int, lang: str) -> bool:
    """After a closing quote, a quotative particle (「行こう。」と言った) or a short clause ending in a
    verb of saying (“……嗎？”鮑爾說。, “……。”王宏伟说，“……”) belongs to the quotation."""
    if lang == "ja" and text.startswith(JAPANESE_QUOTATIVES, pos):
        return True
    clause_end = text.find("。", pos, pos + 12)
    if clause_end > 0 and text[pos:clause_end].endswith(SPEECH_VERBS):
        return True
    # a longer subject, or a second quotation after the verb: “……。”这位负责人说，“……”
    return lang == "zh" and bool(_ATTRIBUTION_TO_QUOTE.match(text, pos))
