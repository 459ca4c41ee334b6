"""Checks that what a reader's browser or mail client acts on survives translation: tags, URLs, e-mails."""
from __future__ import annotations

import re
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
