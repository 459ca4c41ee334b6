"""White-space checks: the translation starts, ends and separates words as the source does."""
from __future__ import annotations

import re
from collections.abc import Iterable

from tms.checks.base import Check, CheckContext, Severity
from tms.model import Unit

_DOUBLE_SPACE_RE = re.compile(r"[ \u00a0\u3000]{2,}")


def _edge(text: str, at_start: bool) -> str:
    stripped = text.lstrip() if at_start else text.rstrip()
    return text[: len(text) - len(stripped)] if at_start else text[len(stripped):]


class LeadingSpaceCheck(Check):
    """The translation starts with white space only where the source does."""

    check_id = "leading-space"
    name = "Leading space"
    description = "The translation begins with the same white space as the source (usually none)."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        src, tgt = _edge(source, True), _edge(target, True)
        if src == tgt:
            return []
        return [f"the translation starts with {len(tgt)} space(s), the source with {len(src)}"]


class TrailingSpaceCheck(Check):
    """The translation ends with white space only where the source does."""

    check_id = "trailing-space"
    name = "Trailing space"
    description = "The translation ends with the same white space as the source (usually none)."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        src, tgt = _edge(source, False), _edge(target, False)
        if src == tgt:
            return []
        return [f"the translation ends with {len(tgt)} space(s), the source with {len(src)}"]


class DoubleSpaceCheck(Check):
    """The translation has no doubled spaces the source does not have."""

    check_id = "double-space"
    name = "Double space"
    description = "Words are separated by one space: a doubled space in the translation is a typing slip."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        if _DOUBLE_SPACE_RE.search(source.strip()):
            return []
        found = _DOUBLE_SPACE_RE.search(target.strip())
        if not found:
            return []
        before = target.strip()[max(0, found.start() - 12):found.start()]
        return [f"a doubled space after “{before}”"]
