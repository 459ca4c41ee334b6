"""Quotations and brackets around sentence marks: which closing quotes stay with the sentence they close, whether
a quotation is still open at a mark, and which words after a quotation still belong to it.
"""
from __future__ import annotations

import re

from tms.segmentation import korean  # for korean.HANGUL: see sentences.py
from tms.segmentation.abbreviations import JAPANESE_QUOTATIVES, SPEECH_VERBS
from tms.segmentation.marks import TERMINATORS

_DOUBLE_QUOTES, _SINGLE_QUOTES = set("\"“”„"), set("'‘’‚`")
_QUOTES = _DOUBLE_QUOTES | _SINGLE_QUOTES
_CLOSING_BRACKETS = {")": "(", "]": "[", "}": "{", "）": "（", "］": "［", "」": "「", "』": "『",
                     "》": "《", "〉": "〈", "】": "【"}
# A quotation's attribution that goes on to a second quotation or ends the sentence: subject, verb of saying,
# then "，“" or "：“" or "。": “……。”陕西省考古研究院研究员、石峁考古队领队王宏伟说，“……。”
_ATTRIBUTION_TO_QUOTE = re.compile(rf"[^，。！？；,;“”「」\n]{{0,25}}?(?:{'|'.join(SPEECH_VERBS)})(?:[，：,:]\s*[“「\"]|。)")
# A quotation still open this far back is taken as a missing closing quote, not one long quotation.
_QUOTATION_REACH = 1000
_QUOTE_OR_BRACKET = re.compile(r"[\"“”„«»()\[\]{}（）［］「」『』《》〈〉【】]")


def attach_closers(text: str, lang: str, sx_ends: list[int], start: int, term_end: int, close_end: int) -> int:
    """Keep with the sentence the quotes and brackets that close it, not those that open the next one.

    A mark glued to the punctuation and followed by a space closes ('go." Then'); in unspaced
    Chinese and Japanese, and for a mark after a space, quote parity in the sentence decides. Quotes
    standing alone between spaces go where sentencex, whose sentence ends are sx_ends, puts them.
    """
    pos = term_end
    while pos < close_end:
        ch = text[pos]
        if ch in TERMINATORS:
            pos += 1
        elif ch.isspace():
            after = pos + 1
            while after < close_end and text[after] in _QUOTES:
                after += 1
            # Quotes standing alone between spaces ("went through. ' The") are ambiguous: sentencex decides.
            alone = after >= len(text) or text[after].isspace()
            if after > pos + 1 and alone and after in sx_ends:
                pos = after
            elif (alone or text[after] not in _QUOTES and not text[after].isalnum()) and \
                    _closes_by_parity(text, start, pos + 1, text[pos + 1]):
                pos += 2
            else:
                break
        elif _is_followed_by_gap(text, lang, pos, close_end) or _closes_by_parity(text, start, pos, ch):
            pos += 1
        else:
            break
    return pos


def _is_followed_by_gap(text: str, lang: str, pos: int, close_end: int) -> bool:
    """A mark glued to the end of the sentence and followed by a space (or another mark) closes it."""
    if lang in ("zh", "ja") or text[pos - 1].isspace():
        return False
    after = pos + 1
    if after < len(text) and lang == "ko" and korean.HANGUL.match(text[after]):
        return True  # a quotative follows: '알아차렸어?\'라고'
    return after >= len(text) or after < close_end or text[after].isspace()


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


def inside_quotation(text: str, start: int, end: int) -> bool:
    """True if a quotation or a bracket opened in text[start:end] is still open."""
    sentence = text[max(start, end - _QUOTATION_REACH):end]
    if not _QUOTE_OR_BRACKET.search(sentence):
        return False
    if sum(sentence.count(q) for q in _DOUBLE_QUOTES) % 2 or sentence.count("«") != sentence.count("»"):
        return True
    return any(sentence.count(opening) > sentence.count(closing) for closing, opening in _CLOSING_BRACKETS.items())


def is_attribution(text: str, pos: int, lang: str) -> bool:
    """After a closing quote, a quotative particle (「行こう。」と言った) or a short clause ending in a
    verb of saying (“……嗎？”鮑爾說。, “……。”王宏伟说，“……”) belongs to the quotation."""
    if lang == "ja" and text.startswith(JAPANESE_QUOTATIVES, pos):
        return True
    clause_end = text.find("。", pos, pos + 12)
    if clause_end > 0 and text[pos:clause_end].endswith(SPEECH_VERBS):
        return True
    # a longer subject, or a second quotation after the verb: “……。”这位负责人说，“……”
    return lang == "zh" and bool(_ATTRIBUTION_TO_QUOTE.match(text, pos))
