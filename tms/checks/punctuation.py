"""Typography checks: end punctuation of the target script, balanced brackets, the target's quotes."""
from __future__ import annotations

from collections.abc import Iterable

from tms.checks.base import Check, CheckContext, Severity
from tms.languages import get_language
from tms.model import Unit

#: The end marks of a sentence and what kind of ending each is.
END_MARKS = {
    ".": "full stop", "。": "full stop", "．": "full stop", "｡": "full stop",
    "?": "question mark", "？": "question mark", "؟": "question mark",
    "!": "exclamation mark", "！": "exclamation mark",
    ":": "colon", "：": "colon",
    ";": "semicolon", "；": "semicolon", "؛": "semicolon",
    "…": "ellipsis",
}
#: The marks each kind of ending takes, by target language; the first is the one to suggest.
_CJK_ENDS = {"full stop": "。", "question mark": "？?", "exclamation mark": "！!", "colon": "：:",
             "semicolon": "；", "ellipsis": "…"}
_LATIN_ENDS = {"full stop": ".", "question mark": "?", "exclamation mark": "!", "colon": ":",
               "semicolon": ";", "ellipsis": "…"}
END_BY_LANGUAGE = {
    "ja": _CJK_ENDS, "zh": _CJK_ENDS,
    "ar": {**_LATIN_ENDS, "question mark": "؟", "semicolon": "؛;"},
}
_SPANISH_OPENINGS = {"?": "¿", "!": "¡"}
#: Closing quotes and brackets that may follow the end mark ("…networks.”").
_CLOSERS = "\"'”’»›“」』)）]］】〉》"

#: Pairs of quotation marks each language uses, outer first (single quotes are left alone: they
#: double as apostrophes).
QUOTES: dict[str, tuple[str, ...]] = {
    "en": ("“”",), "ko": ("“”", "「」", "『』"), "ja": ("「」", "『』"), "zh": ("“”", "「」", "『』"),
    "ar": ("«»", "“”"), "es": ("«»", "“”"), "fr": ("«»", "“”"), "de": ("„“", "»«"),
    "ru": ("«»", "„“"), "vi": ("“”",), "id": ("“”",),
}
_ALL_QUOTES = frozenset("“”„«»「」『』")
BRACKETS = {"(": ")", "（": "）", "[": "]", "［": "］", "【": "】", "〔": "〕", "{": "}", "｛": "｝",
            "〈": "〉", "《": "》"}
_FAMILY = {"(": "()", "（": "()", ")": "()", "）": "()", "{": "{}", "｛": "{}", "}": "{}", "｝": "{}",
           "〈": "〈〉", "《": "〈〉", "〉": "〈〉", "》": "〈〉"}


def end_mark(text: str) -> str:
    """The punctuation that ends ``text``, looking through closing quotes and brackets ("" if none)."""
    stripped = text.rstrip()
    while stripped and stripped[-1] in _CLOSERS:
        stripped = stripped[:-1].rstrip()
    if stripped.endswith(("...", "……")):
        return "…"
    return stripped[-1] if stripped and stripped[-1] in END_MARKS else ""


class EndPunctuationCheck(Check):
    """The translation ends as the source does, with the mark of the target script."""

    check_id = "end-punctuation"
    name = "End punctuation"
    description = ("The translation ends with the same kind of punctuation as the source, written as the target "
                   "script writes it: 。 in Japanese and Chinese, . in Korean, ؟ for an Arabic question.")
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        lang = context.target_language
        language = get_language(lang).name
        ends = END_BY_LANGUAGE.get(lang, _LATIN_ENDS)
        src, tgt = end_mark(source), end_mark(target)
        messages = []
        if not src and tgt and tgt != "…":
            messages.append(f"the source has no end punctuation, the translation ends with “{tgt}”")
        elif src:
            kind = END_MARKS[src]
            wanted = ends[kind]
            if not tgt:
                messages.append(f"the source ends with a {kind}; end the translation with “{wanted[0]}”")
            elif tgt not in wanted:
                if END_MARKS[tgt] == kind:
                    messages.append(f"a {kind} in {language} is “{wanted[0]}”, not “{tgt}”")
                else:
                    messages.append(f"the source ends with a {kind}, the translation with “{tgt}”")
        opening = _SPANISH_OPENINGS.get(tgt) if lang == "es" else None
        if opening and opening not in target:
            messages.append(f"a Spanish {END_MARKS[tgt]} also opens with “{opening}”")
        return messages


def _balance(text: str, pairs: dict[str, str], family_of) -> dict[str, tuple[int, int]]:
    """Per family of marks: (closings without an opening, openings left open)."""
    closers = {close: open_ for open_, close in pairs.items()}
    stacks: dict[str, int] = {}
    stray: dict[str, int] = {}
    toggles: dict[str, int] = {}
    for char in text:
        if char in pairs and char in closers:            # the same mark opens and closes: count parity
            toggles[char] = toggles.get(char, 0) ^ 1
        elif char in pairs:
            family = family_of(char)
            stacks[family] = stacks.get(family, 0) + 1
        elif char in closers:
            family = family_of(char)
            if stacks.get(family, 0):
                stacks[family] -= 1
            else:
                stray[family] = stray.get(family, 0) + 1
    result = {f: (stray.get(f, 0), stacks.get(f, 0)) for f in set(stacks) | set(stray)}
    result.update({c: (0, n) for c, n in toggles.items()})
    return {f: v for f, v in result.items() if v != (0, 0)}


def _describe(balance: dict[str, tuple[int, int]]) -> str:
    parts = []
    for family, (stray, open_) in sorted(balance.items()):
        if stray:
            parts.append(f"{stray} “{family[-1]}” without an opening")
        if open_:
            parts.append(f"{open_} “{family[0]}” left open")
    return ", ".join(parts) or "balanced"


class BracketsCheck(Check):
    """Brackets open and close in the translation as they do in the source."""

    check_id = "brackets"
    name = "Brackets"
    description = "Round, square, curly and CJK brackets are balanced in the translation as in the source."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        def family_of(char: str) -> str:
            return _FAMILY.get(char, "[]")

        src, tgt = _balance(source, BRACKETS, family_of), _balance(target, BRACKETS, family_of)
        if _shape(src) == _shape(tgt):
            return []
        return [f"brackets: {_describe(tgt)} in the translation, {_describe(src)} in the source"]


def _shape(balance: dict[str, tuple[int, int]]) -> tuple[int, int]:
    return sum(s for s, _ in balance.values()), sum(o for _, o in balance.values())


def quote_pairs(lang: str) -> dict[str, str]:
    """Opening mark -> closing mark of the quotation marks ``lang`` uses, straight quotes included."""
    pairs = {pair[0]: pair[1] for pair in QUOTES.get(lang, ("“”",))}
    pairs['"'] = '"'
    return pairs


class QuotesCheck(Check):
    """Quotations open and close in the translation, with the quotation marks of the target language."""

    check_id = "quotes"
    name = "Quotation marks"
    description = ("Quotations are balanced as in the source, with the target language's marks: 「」 in Japanese, "
                   "« » in French and Russian, „“ in German.")
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        src_pairs, tgt_pairs = quote_pairs(context.source_language), quote_pairs(context.target_language)
        messages = []
        foreign = sorted({c for c in target if c in _ALL_QUOTES} - set(tgt_pairs) - set(tgt_pairs.values()))
        if foreign:
            usual = " or ".join(pair for pair in QUOTES.get(context.target_language, ("“”",)))
            messages.append(f"{get_language(context.target_language).name} quotes with {usual}, "
                            f"not {' '.join(foreign)}")

        def family_of(char: str) -> str:
            return "“”"

        src = _balance(source, src_pairs, family_of)
        tgt = _balance(target, tgt_pairs, family_of)
        if _shape(src) != _shape(tgt):
            messages.append(f"quotation marks: {_describe_quotes(tgt)} in the translation, "
                            f"{_describe_quotes(src)} in the source")
        return messages


def _describe_quotes(balance: dict[str, tuple[int, int]]) -> str:
    stray, open_ = _shape(balance)
    parts = ([f"{stray} closing without an opening"] if stray else []) + ([f"{open_} left open"] if open_ else [])
    return ", ".join(parts) or "balanced"
