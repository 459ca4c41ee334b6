"""Glossary checks: terms translated as the project glossary says, and names left as they are."""
from __future__ import annotations

import re
from collections.abc import Iterable

from tms.checks.base import Check, CheckContext, Severity
from tms.checks.text import term_regex
from tms.model import Unit

#: Target languages whose words take endings, so a term may appear inflected ("министра").
INFLECTING = frozenset({"ru", "de", "fr", "es"})


def found_terms(source: str, context: CheckContext, *, do_not_translate: bool):
    """The glossary terms of one kind that occur in ``source``."""
    if context.glossary is None:
        return []
    terms = [t for t in context.glossary.terms_for(context.source_language)
             if t.is_do_not_translate == do_not_translate]
    flags = 0 if do_not_translate else re.IGNORECASE
    return [t for t in terms if term_regex(t.source, flags=flags).search(source)]


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
