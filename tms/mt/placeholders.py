"""Protecting what an engine must not change: markup, URLs, e-mail addresses, numbers and placeholders.

Before a text is sent, every such piece is replaced by a numbered token ``[X1X]``; after the answer comes
back, every token must be there exactly once and is replaced by the original piece. The token form is the
one Weblate settled on for plain-text engines: bracketed, Latin, with no word an engine would translate.
Engines do bend it (``[X 1 X]``, lower case, full-width brackets from CJK output), so the restore accepts
those spellings. Leading and trailing whitespace is cut before sending and put back afterwards, because
Google and MyMemory strip it.

Each inline tag of ``tms.inline`` (``<a1>``, ``</a1>``, ``<img3/>``, ``<br/>``) is one piece, so an engine
may move the tags but not change them. A translation that writes a tag of its own, or whose tags no longer
nest (``</a1>`` before ``<a1>``, two pairs crossing), is refused too, unless the source's did not nest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tms import inline

#: A token as engines may give it back: ``[X1X]``, ``[x 1 x]``, ``［X1X］``.
TOKEN_RE = re.compile(r"[\[［]\s*[Xx×]\s*(\d+)\s*[Xx×]\s*[\]］]")

_PIECES = [
    ("token", TOKEN_RE.pattern),
    ("inline", inline.TAG_RE.pattern),
    ("url", r"\b(?:https?|ftp)://[^\s<>\"'“”«»]*[^\s<>\"'“”«».,;:!?)\]]"
            r"|\bwww\.[^\s<>\"'“”«»]*[^\s<>\"'“”«».,;:!?)\]]"),
    ("email", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    ("tag", r"</?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?/?>"),
    ("entity", r"&(?:[A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9A-Fa-f]+);"),
    ("brace", r"\{\{?[\w.:!\[\]-]*\}?\}"),
    ("printf", r"%(?:\d+\$|\(\w+\))?[-+#0]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]"),
    # Codes such as G20, COVID-19, H5N1: names that no language translates.
    ("code", r"\b[A-Z]+-?\d[A-Za-z0-9]*\b"),
    # Digits are protected even when a Hangul or kana letter follows them (2017년, 3月).
    ("number", r"(?<![A-Za-z\d])[-+]?\d+(?:[.,:/-]\d+)*%?(?![A-Za-z\d])"),
]
PLACEABLE_RE = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _PIECES))
# Every piece above contains one of these; most sentences contain none and skip the long pattern.
_MAYBE_RE = re.compile(r"[\d<&%{\[［@]|://|www\.")


def token(number: int) -> str:
    """The token that stands for the ``number``-th protected piece."""
    return f"[X{number}X]"


class PlaceholderError(ValueError):
    """A translation lost, repeated or invented a protected piece."""


@dataclass(frozen=True)
class Protected:
    """A source text ready to send: the tokenized core, the pieces it hides, and the outer whitespace."""

    text: str
    pieces: tuple[str, ...]
    lead: str = ""
    trail: str = ""

    @property
    def has_words(self) -> bool:
        """True if anything is left to translate once the protected pieces are taken out."""
        text = TOKEN_RE.sub("", self.text) if self.pieces else self.text
        return any(ch.isalpha() for ch in text)

    def restore(self, translated: str) -> str:
        """Put the pieces and the whitespace back; ``PlaceholderError`` if a token is lost or doubled, or
        if the inline tags are invented or no longer nest."""
        seen: dict[int, int] = {}
        for match in TOKEN_RE.finditer(translated):
            number = int(match.group(1))
            seen[number] = seen.get(number, 0) + 1
        for number, piece in enumerate(self.pieces, start=1):
            count = seen.pop(number, 0)
            if count == 0:
                raise PlaceholderError(f"lost {piece!r}")
            if count > 1:
                raise PlaceholderError(f"repeated {piece!r} {count} times")
        if seen:
            raise PlaceholderError(f"invented placeholder {token(min(seen))}")

        def put_back(match: re.Match) -> str:
            return self.pieces[int(match.group(1)) - 1]

        core = TOKEN_RE.sub(put_back, translated.strip()) if self.pieces else translated.strip()
        if "<" in core:
            self._check_tags(core, put_back)
        return f"{self.lead}{core}{self.trail}"

    def _check_tags(self, core: str, put_back) -> None:
        """Refuse inline tags the engine wrote itself, and tags it moved out of their nesting."""
        protected = [piece for piece in self.pieces if inline.TAG_RE.fullmatch(piece)]
        invented = inline.tag_names(core)
        for piece in protected:
            invented.remove(piece)
        if invented:
            raise PlaceholderError(f"invented tag {invented[0]!r}")
        broken = inline.nesting_problems(core) if protected else []
        if broken and not inline.nesting_problems(TOKEN_RE.sub(put_back, self.text)):
            raise PlaceholderError(broken[0])


def protect(text: str) -> Protected:
    """Replace the protected pieces of ``text`` with tokens and cut its outer whitespace."""
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):] if core else ""
    pieces: list[str] = []

    def to_token(match: re.Match) -> str:
        pieces.append(match.group(0))
        return token(len(pieces))

    if not _MAYBE_RE.search(core):
        return Protected(core, (), lead, trail)
    return Protected(PLACEABLE_RE.sub(to_token, core), tuple(pieces), lead, trail)


def placeables(text: str) -> list[str]:
    """The protected pieces of ``text`` in order (numbers, URLs, tags...), as the memory compares them."""
    if not _MAYBE_RE.search(text):
        return []
    return [match.group(0) for match in PLACEABLE_RE.finditer(text)]
