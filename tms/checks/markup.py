"""Checks that what a reader's browser or mail client acts on survives translation: tags, URLs, e-mails, and
that no invisible direction control changes how the text is shown."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from tms import inline
from tms.checks.base import Check, CheckContext, Severity
from tms.model import Unit

TAG_RE = re.compile(r"<(/?)([A-Za-z][\w:.-]*)(?:\s[^<>]*)?\s*(/?)>")
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"“”‘’'()\[\]{}「」«»]+", re.IGNORECASE)
EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", re.ASCII)


def tags(text: str) -> Counter[str]:
    """The tags of ``text`` by name and kind ("<b>", "</b>", "<br/>"); attributes may be translated."""
    return Counter(f"<{m.group(1)}{m.group(2).lower()}{m.group(3)}>" for m in TAG_RE.finditer(text))


def urls(text: str) -> Counter[str]:
    """The web addresses of ``text``, without the punctuation of the sentence around them."""
    return Counter(m.group().rstrip(".,;:!?。、") for m in URL_RE.finditer(text))


def emails(text: str) -> Counter[str]:
    """The e-mail addresses of ``text``."""
    return Counter(m.group().rstrip(".") for m in EMAIL_RE.finditer(text))


def _compare(source: Counter[str], target: Counter[str], what: str) -> list[str]:
    missing = source - target
    added = target - source
    messages = [f"{what} {item} is missing from the translation" for item in missing]
    messages += [f"{what} {item} is not in the source" for item in added]
    return messages


class MarkupCheck(Check):
    """Inline tags (``<a1>…</a1>``, ``<br/>``) and other HTML or XML tags of the source are kept."""

    check_id = "markup"
    name = "Markup"
    description = ("Every inline tag of the source (<a1>, </a1>, <br/>, <img3/>) appears once in the translation, "
                   "well nested, and no other; other tags (<b>, </b>) are kept too.")
    severity = Severity.ERROR
    reads_markup = True

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        messages: list[str] = []
        if inline.has_tags(source) or inline.has_tags(target):
            messages = inline.problems(source, target)
            # What is left once the inline tags are out is compared as before: "<b>" typed into a
            # translation of a tagged source is still a tag the source does not have.
            source, target = inline.TAG_RE.sub("", source), inline.TAG_RE.sub("", target)
        return messages + _compare(tags(source), tags(target), "the tag")


class UrlsCheck(Check):
    """Web addresses of the source are kept exactly."""

    check_id = "urls"
    name = "URLs"
    description = "Every web address of the source appears unchanged in the translation."
    severity = Severity.ERROR

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        return _compare(urls(source), urls(target), "the address")


class EmailsCheck(Check):
    """E-mail addresses of the source are kept exactly."""

    check_id = "emails"
    name = "E-mail addresses"
    description = "Every e-mail address of the source appears unchanged in the translation."
    severity = Severity.ERROR

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        return _compare(emails(source), emails(target), "the e-mail address")


#: Embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069): they reorder what follows them on
#: screen, so that a text can show something other than what it says ("Trojan Source"). The marks U+200E and
#: U+200F, which Arabic text uses, do not reorder and are not among them.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


class BidiControlsCheck(Check):
    """No direction control (embedding, override, isolate) that the source does not have."""

    check_id = "bidi-controls"
    name = "Direction controls"
    description = ("The translation holds no invisible direction control (U+202A-U+202E, U+2066-U+2069) that the "
                   "source does not: they make a text display differently from how it reads.")
    severity = Severity.ERROR

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        allowed = Counter(BIDI_CONTROLS.findall(source))
        messages = []
        for match in BIDI_CONTROLS.finditer(target):
            char = match.group()
            if allowed[char]:
                allowed[char] -= 1
                continue
            messages.append(f"the invisible direction control U+{ord(char):04X} ({unicodedata.name(char).lower()}) "
                            f"at character {match.start() + 1} changes how the text is shown; remove it")
        return messages
