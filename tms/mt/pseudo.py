"""Pseudo-translation for checking layouts: accented, a third longer, and bracketed.

``[!! Ŧĥé ƣûîçķ ƀŕöŵñ ƒöẋ ~~~ !!]`` cannot be mistaken for a translation, yet shows at once where a
layout clips long text, where a string was never extracted, and where an encoding breaks.
"""
from __future__ import annotations

from tms.mt.base import Engine
from tms.mt.placeholders import TOKEN_RE

_ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþǫŕšŧûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŦÛṼŴẊÝŽ",
)
OPEN, CLOSE = "[!! ", " !!]"
EXPANSION = 0.35    # translations run up to a third longer than English


def pseudo_translate(text: str) -> str:
    """The pseudo-translation of ``text``; tokens ``[X1X]`` pass through untouched."""
    out: list[str] = []
    position = 0
    for match in TOKEN_RE.finditer(text):
        out.append(text[position:match.start()].translate(_ACCENTS))
        out.append(match.group(0))
        position = match.end()
    out.append(text[position:].translate(_ACCENTS))
    body = "".join(out)
    padding = "~" * max(1, round(len(TOKEN_RE.sub("", text)) * EXPANSION))
    return f"{OPEN}{body} {padding}{CLOSE}"


class PseudoEngine(Engine):
    """Pseudo-translation: never sends anything, serves every language."""

    name = "pseudo"
    label = "Pseudo-translation (layout check)"
    is_remote = False
    max_texts_per_request = 10_000
    max_chars_per_request = 10_000_000
    max_chars_per_text = 1_000_000
    is_copying_untranslatable = False
    is_rejecting_unchanged = False

    def _translate(self, texts: list[str], source_code: str, target_code: str) -> list[str | None]:
        return [pseudo_translate(text) for text in texts]
