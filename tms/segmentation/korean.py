"""Korean sentence endings: which eojeol (space-separated word) can close a sentence.

Informal Korean often ends a sentence without punctuation ("구글일 것이다 물론 다음도 있지만"), so the
splitter asks these rules whether the word before a space is a final predicate. They look only at the
last syllables and their final consonant (batchim): no dictionary, no morphological analyser.
"""
from __future__ import annotations

import re

# Batchim (final consonant) indices in the Unicode Hangul syllable block.
_NONE, _RIEUL, _MIEUM, _BIEUP = 0, 8, 16, 17
# Stems whose nominal form in -음 ends a sentence: 있음 없음 않음 좋음 같음 싶음 맞음 앉음 (ㅆ ㅄ ㄶ ㅎ ㅌ ㅍ ㅈ ㄵ).
_NOMINAL_BATCHIM = {20, 18, 6, 27, 25, 26, 22, 5}

# Words ending in 다 that are not predicates: "than", "each", "all", place names, contracted -다가.
_DA_NOT_FINAL = ("보다", "마다", "에다", "바다", "가져다", "갖다", "캐나다", "플로리다", "네바다", "우간다", "르완다",
                 "그라나다")
# Syllables before 다 without batchim that still make a plain-style predicate: 습니다, 아니다, 이다, 하다, 크다.
_DA_OPEN_STEMS = set("니이하쁘프크르")
# Nouns ending in 요 (필요 "need", 주요 "main") that do not end a polite sentence.
_YO_NOUNS = ("필요", "중요", "주요", "수요", "소요", "강요", "동요", "개요", "요요")
# 임 closes a sentence after these only: most words in 임 are nouns (게임 "game", 배임 "breach of trust").
_IM_ENDINGS = ("것임", "때문임", "뿐임", "거임", "중임")
# Nouns ending in 함 (잠수함 "submarine") rather than the nominal ending of 하다.
_HAM_NOUNS = ("포함", "잠수함", "군함", "전함", "구축함", "호위함", "모함", "사서함")
# Endings recognised by their last syllables alone.
_FINAL_SUFFIXES = ("죠", "쥬", "구나", "구먼", "는군", "니당", "거든", "했냐", "있냐", "하냐", "이냐", "뭐냐",
                   "됨", "웃김")
# Polite endings with a cute spelling (했어용, 네용): 용 after these syllables, never after 사/이/내 (사용, 이용).
_YONG_AFTER = set("어아에예세네게래해줘워와봐져셔데")
# Promises (할게 "I will"); 알게/살게 are left out because they also precede 되다 ("알게 되었다").
_PROMISES = ("할게", "줄게", "볼게", "갈게", "올게", "드릴게", "을게", "할께", "줄께", "릴께")

# What continues a sentence after a quotation or an exclamation: '"가자."라고', '뭐지?? 하고 검색'.
_QUOTATIVES = ("라고", "라는", "라며", "라면서", "라던", "란 ", "이라고", "이라는", "이란 ", "하고", "하는",
               "하며", "하면서", "하곤", "하던", "했다", "했고", "했는데", "한다", "싶", "고 ", "며 ")
# After a bare predicate, auxiliary and quoting verbs continue it: "흐르다 못해", "있다 보니", "간다 하드라고".
# "강화한다 등의 내용": a clause listed with 등 ("and so on") is not a sentence.
_CONTINUATIONS = _QUOTATIVES + ("보니", "보면", "못해", "못하", "쳐 ", "하겠", "하더", "하드", "한대", "해도",
                                "해서", "하니", "생각", "등 ", "등의", "등을", "등이", "등에", "등도", "등으로", "등과")

# The last syllables that is_final_word can accept: a cheap filter before calling it.
FINAL_SYLLABLES = "다요까용게음임함줌짐됨김죠쥬나먼군당든냐"

# A Hangul syllable or compatibility jamo (ㅋ, ㅎ).
HANGUL = re.compile(r"[\uac00-\ud7a3\u3130-\u318f]")
# Laughter, crying, emoticons and emoji that trail an informal sentence ("맛있어요 ㅎㅎ", "했음😊").
DECORATION_CHARS = r"ㄱ-ㅎㅏ-ㅣ^♡♥☆★※♪\u2600-\u27bf\ufe0f\u200d\U0001f000-\U0001faff"
_TRAILING_HANGUL = re.compile(rf"([가-힣]+)[~{DECORATION_CHARS}]*$")


def _batchim(syllable: str) -> int:
    code = ord(syllable) - 0xAC00
    return code % 28 if 0 <= code < 11172 else -1


def _ends_in_da(word: str) -> bool:
    if len(word) < 2 or word.endswith(_DA_NOT_FINAL):
        return False
    stem = word[-2]
    return _batchim(stem) != _NONE or stem in _DA_OPEN_STEMS


def _ends_in_nominal(word: str) -> bool:
    """Informal written style closes with a nominalised predicate: 했음, 없음, 짱임, 권장함, 보여줌."""
    last = word[-1]
    if last == "음":
        return _batchim(word[-2]) in _NOMINAL_BATCHIM
    if last == "임":
        return word.endswith(_IM_ENDINGS)
    if last == "함":
        return not word.endswith(_HAM_NOUNS)
    if last in "줌짐":
        return len(word) > 2
    return word.endswith(_FINAL_SUFFIXES)


def is_final_word(word: str) -> bool:
    """True if this Hangul word is a predicate form that ends a sentence (했다, 좋아요, 할까, 했음)."""
    if len(word) < 2:
        return word in ("됨", "함")  # "익혀야 됨", "해야 함"
    last = word[-1]
    if last == "다":
        return _ends_in_da(word)
    if last == "요":
        return not word.endswith(_YO_NOUNS)
    if last == "까":
        return _batchim(word[-2]) == _RIEUL or word.endswith("니까") and _batchim(word[-3:-2] or "가") == _BIEUP
    if last == "용":
        return word[-2] in _YONG_AFTER
    if last == "게":
        return word.endswith(_PROMISES)
    if _batchim(last) == _MIEUM:
        return _ends_in_nominal(word)
    return word.endswith(_FINAL_SUFFIXES)


def final_hangul(token: str) -> str:
    """The Hangul run that ends a token, ignoring trailing tildes, laughter, emoticons and emoji."""
    match = _TRAILING_HANGUL.search(token)
    return match.group(1) if match else ""


def is_quotative(following: str) -> bool:
    """True if the text after a sentence mark continues the sentence: a quotative or a 하고-clause."""
    return following.startswith(_QUOTATIVES)


def continues(following: str) -> bool:
    """True if the word after a bare predicate is an auxiliary or quoting verb that continues it."""
    return following.startswith(_CONTINUATIONS)
