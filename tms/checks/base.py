"""The base of every quality check: a small class with an id, a severity and one ``check_single``.

A check looks at one translated unit and says what is wrong with it, as short messages a translator
can act on ("65 is missing", "write 3,5 in German"). Checks do no I/O: the project's glossary and
settings reach them through a ``CheckContext``.
"""
from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tms import inline
from tms.model import SegmentState, Unit

if TYPE_CHECKING:  # checks only read the glossary; storage owns loading it
    from tms.storage.glossary import Glossary


class Severity(str, enum.Enum):
    """How bad a finding is: errors stop ``tms check``, ``tms compile --check`` and certification."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def is_blocking(self) -> bool:
        """True for findings that must be fixed (or switched off) before publishing."""
        return self is Severity.ERROR


@dataclass(frozen=True)
class CheckContext:
    """What a check may know besides the unit: the language pair, the glossary and the settings."""

    source_language: str
    target_language: str
    glossary: "Glossary | None" = None
    max_length_ratio: float = 3.0
    nplurals: int | None = None         # the catalog's Plural-Forms nplurals, for plural entries


@dataclass(frozen=True)
class Finding:
    """One problem found in one unit of one catalog."""

    check_id: str
    severity: Severity
    message: str
    unit_key: str
    source: str
    target: str
    state: SegmentState
    article_id: str = ""
    language: str = ""
    reference: str = ""             # where the segment stands in the original ("originals/x.md:12")

    def to_dict(self) -> dict:
        """The finding as plain data for JSON output (fields documented in docs/checks.md)."""
        return {
            "article": self.article_id, "language": self.language, "check": self.check_id,
            "severity": self.severity.value, "message": self.message, "unit": self.unit_key,
            "state": self.state.slug, "reference": self.reference, "source": self.source,
            "target": self.target,
        }


class Check:
    """A quality check; subclasses set the class attributes and implement ``check_single``."""

    check_id: str = ""
    name: str = ""
    description: str = ""
    severity: Severity = Severity.WARNING
    #: False for checks of the words: they see the text without its inline tags (a number, a space or
    #: punctuation inside ``<a1>`` or beside ``<br/>`` is markup, not text).
    reads_markup: bool = False

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        """The problems of ``target`` as a translation of ``source``; nothing when it passes."""
        raise NotImplementedError

    def check_unit(self, unit: Unit, context: CheckContext) -> list[str]:
        """The problems of every form of the unit (singular and plurals) that has a translation."""
        messages: list[str] = []
        for source, target in translated_pairs(unit):
            if not self.reads_markup and (inline.has_tags(source) or inline.has_tags(target)):
                source, target = inline.plain(source).strip(), inline.plain(target).strip()
            for message in self.check_single(source, target, unit, context):
                if message not in messages:
                    messages.append(message)
        return messages


def translated_pairs(unit: Unit) -> list[tuple[str, str]]:
    """The (source, target) pairs of a unit that have a translation; plural forms pair with msgid_plural."""
    if unit.source_plural is None:
        return [(unit.source, unit.target)] if unit.target else []
    return [(unit.source if index == 0 else unit.source_plural, text)
            for index, text in sorted(unit.plural_targets.items()) if text]


@dataclass
class CheckSummary:
    """Counts of findings by severity, for reports."""

    errors: int = 0
    warnings: int = 0
    by_check: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> "CheckSummary":
        """Count ``findings``."""
        summary = cls()
        for finding in findings:
            if finding.severity.is_blocking:
                summary.errors += 1
            else:
                summary.warnings += 1
            summary.by_check[finding.check_id] = summary.by_check.get(finding.check_id, 0) + 1
        return summary
