"""Where Korean sentences end: at a mark read the Korean way, and at a space with no mark at all.

Informal Korean often ends a sentence without punctuation, so a space after a final predicate or after
laughter, emoticons or emoji is a candidate too. A quotative after a mark continues the sentence ('"가자."라고'),
a final predicate ends it, and dates ("2017. 4. 8."), words spelled out ("전. 부. 다.") and terms in brackets
("한미(ROK-U.S.) 동맹") are not split. `korean` says which words are final predicates.
"""
from __future__ import annotations

import re

from tms.segmentation import enumerations, korean, marks  # for their regexes and sets: see sentences.py
from tms.segmentation.enumerations import LIST_NUMBER_ENDS, is_before_list_item, is_inline_list_number
from tms.segmentation.marks import CJK_FULL_STOPS, words_before
from tms.segmentation.quotes import inside_quotation

# Korean dates: "2017. 4. 8." (the final period too) is one date, not three sentences; so are "2017. 4."
# and "1987. 6월".
DATE = re.compile(r"(?:1[89]|20)(?<!\d..)\d\d\. ?(?:1[0-2]|0?[1-9])"
                  r"(?:\. ?(?:3[01]|[12]\d|0?[1-9])\.|\.|월)(?!\d)")
_DECORATION = f"[{korean.DECORATION_CHARS}]"
# A Korean word that may end a sentence without punctuation, or a token ending in an emoticon.
_WORD_END = re.compile(rf"(?>[가-힣]+)(?<=[{korean.FINAL_SYLLABLES}])"
                       rf"(?P<decor>[~{korean.DECORATION_CHARS}]*)(?=\s+\S)")
_EMOTICON_END = re.compile(rf"{_DECORATION}+(?=\s+\S)")
# What trails a Korean sentence: emoticons, stray marks, a short note in brackets ("(출처 구글)", "[4]").
TRAILER = re.compile(rf"(?:\s*(?:[~{korean.DECORATION_CHARS}]+|(?:하|히|크|엉){{2,}}(?=\s|$)"
                     rf"|\([^()\n]{{0,40}}\)|\[[^\[\]\n]{{0,20}}\]|[.!?…]+))+")


def unpunctuated_ends(text: str) -> set[int]:
    """The spaces where a Korean sentence may end without punctuation: after a final predicate, or after
    laughter, emoticons or emoji."""
    ends = {m.end() for m in _EMOTICON_END.finditer(text)}
    for match in _WORD_END.finditer(text):
        word = text[match.start():match.start("decor")]
        if match.group("decor").strip("~") or korean.is_final_word(word):
            ends.add(match.end())
    return ends


def decide_korean(text: str, start: int, candidate: tuple[int, int, int], nxt: int) -> bool | None:
    """Korean: quotatives continue the sentence, final predicates end it, one-syllable pieces do not."""
    mark, term_end, cut = candidate
    term, following = text[mark:term_end], text[nxt:nxt + 6]
    if not term:  # a space after a final predicate or an emoticon, no punctuation
        # "양측은 1) 공급망을 강화한다 2) 기후변화에 …": a final predicate inside an inline list goes on
        return not korean.continues(following) and (enumerations.LIST_ITEM_CHARS.isdisjoint(following[:3])
                                                    or not is_before_list_item(text, start, mark, after_items=True))
    if korean.is_quotative(following) or following[0] in ",;:)]}":
        return False
    token = words_before(text, start, mark)[1]
    is_final = korean.is_final_word(korean.final_hangul(token))
    if cut == term_end == nxt:  # "게임이다.이런게", "반.전.매.력", "넣었다.2014년"
        if len(token) == 1 or not is_final and not korean.HANGUL.match(following):
            return False if term == "." else None
        return True if is_final else None
    if cut > term_end:  # a closed quotation: '"그러면 원빈아." 원빈', but '"가자."라고'
        if text[term_end] in ")]" and _is_bracketed_term(text, start, mark):
            return False  # "한미(ROK-U.S.) 동맹": a term in brackets, not a sentence
        return not (cut == nxt and korean.HANGUL.match(following))
    if term == "." and len(token) == 1 and korean.HANGUL.match(token):
        return False  # "전. 부. 다. 요!!!" spells one word out
    if term == "." and len(token) <= 2 and token[-1] in LIST_NUMBER_ENDS \
            and is_inline_list_number(text, start, mark, nxt):
        return False  # "양측은 1. 공급망 안정, 2. 기후변화 대응"
    if inside_quotation(text, start, mark):
        return None  # a quotation of several sentences: sentencex keeps it whole
    if marks.ELLIPSIS.fullmatch(term):
        return is_final
    return True if term[-1] in CJK_FULL_STOPS or is_final else None


def _is_bracketed_term(text: str, start: int, mark: int) -> bool:
    """True if the brackets closing after mark hold a single term with no space ("(ROK-U.S.)")."""
    opening = max(text.rfind("(", start, mark), text.rfind("[", start, mark))
    if opening < 0:
        return False
    return not any(ch.isspace() for ch in text[opening:mark]) and not korean.HANGUL.search(text, opening, mark)
