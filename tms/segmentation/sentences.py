"""Language-aware sentence splitting: sentencex proposes, our rules veto or add boundaries.

Every run of sentence punctuation is a candidate boundary. A chain of small rules (abbreviations,
initials, ordinals, era markers, quotations, CJK punctuation, Korean endings) may decide it; when
none does, sentencex's own decision stands. Korean also gets candidates at spaces after a final
predicate or an emoticon, because informal Korean often ends sentences without punctuation.

This module finds the candidates, asks the rules in order and falls back on sentencex. The rules live
beside it: a period after a word and a mark glued to the next one in `periods`, Korean in
`korean_boundaries`, quotations and closing quotes in `quotes`, list numbers in `enumerations`, wire
datelines in `datelines`.
"""
from __future__ import annotations

import multiprocessing
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence

import sentencex

from tms.errors import InputError
# The rules' functions are imported by name; the regexes whose methods the loop calls are reached through their
# modules (`marks.SPACES.match`): CPython compiles a method call on a name imported with `from … import` as an
# attribute load that makes a bound method at every call, which costs more than the module lookup.
from tms.segmentation import enumerations, korean_boundaries, marks, periods
from tms.segmentation.abbreviations import CASED_LANGUAGES, ERA_HINTS, ERA_PATTERNS, LANGUAGES
from tms.segmentation.datelines import dateline_end
from tms.segmentation.enumerations import is_before_list_item, without_inline_list_numbers
from tms.segmentation.korean_boundaries import decide_korean, unpunctuated_ends
from tms.segmentation.marks import TERMINATORS
from tms.segmentation.periods import decide_glued, decide_period
from tms.segmentation.quotes import attach_closers, inside_quotation, is_attribution

__all__ = ["split_sentences", "split_spans"]

_CLOSERS_AND_SPACES = ")]}）］」』》〉】\"'`”’“‘»«›‹ \t\n\r\u00a0\u202f\u3000"

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
_ERA = {lang: re.compile(pattern + r"\.") for lang, pattern in ERA_PATTERNS.items()}
_ERA_HINT = {lang: re.compile(hint) for lang, hint in ERA_HINTS.items()}
_ASCII_DIGITS = frozenset("0123456789")
# A date that opens a Japanese sentence: "3月22日、", "13日には", "20日夜" (but not "2日間", "1日目", "3日後").
_JAPANESE_DATE = re.compile(r"(?:\d{1,2}月)?\d{1,2}日(?=[にはのもまか、，夜朝昼夕午未深早付正（(])")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


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
        self.dateline_end = dateline_end(text)
        if self.dateline_end:
            self.protected.append((0, self.dateline_end + 1))  # no break inside nor right after it
        if "@" in text or "://" in text or "www." in text:
            self.protected = [m.span() for m in periods.URL_OR_EMAIL.finditer(text)]
        if lang == "ko" and ". " in text:
            # The span reaches one past the date's last period, so that no break falls after it either.
            self.protected += [(m.start(), m.end() + 1) for m in korean_boundaries.DATE.finditer(text)]
        if lang in _ERA and _ERA_HINT[lang].search(text):
            for match in _ERA[lang].finditer(text):
                self.protected.append(match.span())  # "a. C.", "v. Chr.": no break inside
                self.era_ends.add(match.end() - 1)

    def is_protected(self, pos: int) -> bool:
        return any(start <= pos < end - 1 for start, end in self.protected)


def _sentencex_ends(text: str, lang: str) -> list[int]:
    """Where sentencex ends each sentence but the last, trailing whitespace excluded."""
    if ")" in text:
        text = without_inline_list_numbers(text)
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
        cut = attach_closers(text, doc.lang, sx_ends, start, term_end, close_end) if close_end > term_end else term_end
        if cut + 1 < size and text[cut] == " " and text[cut + 1] != " ":
            nxt = cut + 1  # the usual single space, without a regex call
            if text[nxt].isspace():
                nxt = marks.SPACES.match(text, nxt).end()
        else:
            nxt = marks.SPACES.match(text, cut).end()
        if nxt >= size:
            break
        decision = _decide(doc, start, mark, term_end, cut, nxt)
        if decision is None:
            decision = _approved(sx_ends, mark + 1, nxt + 1)
        if decision:
            if is_korean:
                trailer = korean_boundaries.TRAILER.match(text, cut)
                cut = trailer.end() if trailer else cut
            cuts.append(cut)
            start = cut
    # sentencex also breaks where there is no punctuation at all: blank lines, headlines; but not inside a
    # dateline, nor before a list marker on the same line ("ثلاثة محاور هي: 1) … 2) …", "양측은 1) …").
    unpunctuated = [end for end in sx_ends if text[end - 1] not in TERMINATORS
                    and text[max(0, end - 8):end].rstrip(_CLOSERS_AND_SPACES)[-1:] not in TERMINATORS
                    and end > doc.dateline_end and not is_before_list_item(text, _last_cut(cuts, end), end)]
    return sorted(set(cuts).union(unpunctuated)) if unpunctuated else cuts


def _last_cut(cuts: list[int], pos: int) -> int:
    """Where the sentence that holds pos begins: the last cut before pos, or 0."""
    i = bisect_left(cuts, pos)
    return cuts[i - 1] if i else 0


def _candidates(doc: _Text) -> Iterable[re.Match | _Bare]:
    """The candidate boundaries in order: a match of the marks (group 1) and the closers glued to them."""
    found = _CANDIDATES[doc.lang].finditer(doc.text)
    if doc.lang == "ko":
        return sorted([*found, *map(_Bare, unpunctuated_ends(doc.text))], key=lambda m: (m.start(), m.end(1)))
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


def _decide(doc: _Text, start: int, mark: int, term_end: int, cut: int, nxt: int) -> bool | None:
    """True or False if a rule knows whether the marks text[mark:term_end] (closed at cut, the next
    sentence at nxt) end a sentence; None to ask sentencex."""
    text, lang = doc.text, doc.lang
    if term_end - start < 8 and enumerations.LIST_MARKER.fullmatch(text, start, term_end):
        return False  # "1. The first item": a list number is not a sentence of its own
    if lang == "ko":
        return decide_korean(text, start, (mark, term_end, cut), nxt)
    if cut == term_end == nxt:
        glued = decide_glued(text, lang, start, mark, nxt)
        if glued is not None:
            return glued
    following = text[nxt]
    if following in ",;:)]}":
        return False  # "н. э., которое"
    if cut > term_end and lang in ("zh", "ja") and is_attribution(text, nxt, lang):
        return False
    if term_end - mark == 1 and text[mark] == ".":
        return decide_period(text, lang, start, mark, nxt, doc.era_ends)
    term = text[mark:term_end]
    if lang == "ar" and marks.ELLIPSIS.fullmatch(term):
        return False  # Arabic has no capitals to tell a pause from the end of a sentence
    if lang in CASED_LANGUAGES and term == "…" and following.isupper() or lang == "zh" and term[-1] in "。！？…":
        return not inside_quotation(text, start, cut)
    if lang == "ja" and term[-1] in "。！？" and following in _ASCII_DIGITS:
        # sentencex never breaks before an ASCII digit (its own tests keep "開発した。1999年、…" whole);
        # a date that opens the next sentence is common enough in news to break there: "会談した。3月22日、",
        # "初めて。13日には"
        return True if _JAPANESE_DATE.match(text, nxt) and not inside_quotation(text, start, cut) else None
    return None
