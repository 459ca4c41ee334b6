"""Glossary checks: terms translated as the project glossary says, and names left as they are."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tms.checks.base import Check, CheckContext, Severity
from tms.checks.text import term_regex
from tms.model import Unit

if TYPE_CHECKING:  # checks only read the glossary; storage owns loading it
    from tms.storage.glossary import Glossary, Term

#: Target languages whose words take endings, so a term may appear inflected ("министра").
INFLECTING = frozenset({"ru", "de", "fr", "es"})


def terms_in(source: str, glossary: Glossary | None, source_language: str) -> list[Term]:
    """The glossary terms that occur in ``source``, in glossary order.

    Do-not-translate terms (names) must match their case; the others match in any case, as the first
    word of a sentence is capitalised.
    """
    if glossary is None:
        return []
    return [t for t in glossary.terms_for(source_language)
            if term_regex(t.source, flags=0 if t.is_do_not_translate else re.IGNORECASE).search(source)]


def found_terms(source: str, context: CheckContext, *, do_not_translate: bool) -> list[Term]:
    """The glossary terms of one kind that occur in ``source``."""
    return [t for t in terms_in(source, context.glossary, context.source_language)
            if t.is_do_not_translate == do_not_translate]


class GlossaryCheck(Check):
    """Terms of the glossary are translated as the glossary says."""

    check_id = "glossary"
    name = "Glossary terms"
    description = "A term of the project glossary is translated with one of its glossary translations."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        inflected = context.target_language in INFLECTING
        messages = []
        for term in found_terms(source, context, do_not_translate=False):
            if not any(term_regex(t, inflected=inflected).search(target) for t in term.targets):
                wanted = " or ".join(f"“{t}”" for t in term.targets)
                messages.append(f"“{term.source}” should be translated as {wanted} (see {term.where})")
        return messages


class DoNotTranslateCheck(Check):
    """Names and terms the glossary marks do-not-translate appear unchanged."""

    check_id = "do-not-translate"
    name = "Do-not-translate terms"
    description = "A term the glossary marks do-not-translate (such as “ISIS”) appears in the translation as written."
    severity = Severity.ERROR

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        return [f"“{term.source}” must stay as it is (do not translate; see {term.where})"
                for term in found_terms(source, context, do_not_translate=True)
                if not term_regex(term.source, flags=0).search(target)]
