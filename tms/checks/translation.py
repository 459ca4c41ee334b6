"""Checks on the translation as a whole: not a copy of the source, not far longer or shorter."""
from __future__ import annotations

import re
from collections.abc import Iterable

from tms.checks.base import Check, CheckContext, Severity
from tms.checks.markup import EMAIL_RE, URL_RE
from tms.checks.terms import found_terms
from tms.checks.text import LATIN_SCRIPT, normalized
from tms.model import Unit

#: Characters a language usually needs for what English says in one: CJK scripts are denser.
CHARACTERS_PER_ENGLISH = {"en": 1.0, "de": 1.2, "fr": 1.2, "es": 1.2, "ru": 1.1, "vi": 1.1, "id": 1.15,
                          "ar": 0.95, "ko": 0.6, "ja": 0.55, "zh": 0.35}
#: Below this many characters of source, lengths vary too much to judge.
MIN_LENGTH_SOURCE = 20
#: A copied segment of at most this many capitalised words reads as a name ("Sohn JiAe").
MAX_NAME_WORDS = 4

_WORD_RE = re.compile(r"[^\W\d_][\w’'.-]*")


def _needs_translation(source: str, context: CheckContext) -> bool:
    """False when the source holds nothing a translator would change: names, terms, addresses, numbers."""
    rest = URL_RE.sub(" ", EMAIL_RE.sub(" ", source))
    terms = found_terms(source, context, do_not_translate=True) + [
        t for t in found_terms(source, context, do_not_translate=False) if t.source in t.targets]
    for term in sorted(terms, key=lambda t: len(t.source), reverse=True):
        rest = rest.replace(term.source, " ")
    words = _WORD_RE.findall(rest)
    if not words:
        return False
    is_name = len(words) <= MAX_NAME_WORDS and all(w[:1].isupper() for w in words)
    return not (is_name and context.target_language in LATIN_SCRIPT)


class SameCheck(Check):
    """The translation is not the source copied unchanged."""

    check_id = "same"
    name = "Untranslated copy"
    description = ("The translation is not the source text copied as it is, unless the source is only names, "
                   "do-not-translate terms, numbers or addresses.")
    severity = Severity.ERROR

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        if context.source_language == context.target_language or normalized(source) != normalized(target):
            return []
        if not _needs_translation(source, context):
            return []
        return ["the translation is the source text copied unchanged"]


class LengthCheck(Check):
    """The translation is not far longer or shorter than translations into its language usually are."""

    check_id = "length"
    name = "Length"
    description = ("The translation's length is within the project's ratio ([checks] max_length_ratio, 3 by default) "
                   "of the usual length for the language pair; Chinese, Japanese and Korean are shorter.")
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        if len(source.strip()) < MIN_LENGTH_SOURCE:
            return []
        factor = (CHARACTERS_PER_ENGLISH.get(context.target_language, 1.0)
                  / CHARACTERS_PER_ENGLISH.get(context.source_language, 1.0))
        usual = len(source.strip()) * factor
        ratio = len(target.strip()) / usual
        limit = context.max_length_ratio
        if 1 / limit <= ratio <= limit:
            return []
        word = "longer" if ratio > 1 else "shorter"
        times = ratio if ratio > 1 else 1 / ratio
        return [f"the translation has {len(target.strip())} characters, {times:.1f} times {word} than the "
                f"usual {round(usual)} for this source"]


class PseudoCheck(Check):
    """The translation is not pseudo-translation left in place."""

    check_id = "pseudo"
    name = "Pseudo-translation"
    description = ("The translation is not the output of the pseudo engine (accented, lengthened, bracketed "
                   "text for checking layouts), which must never be published as a translation.")
    severity = Severity.ERROR

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        machine = unit.machine
        if machine and machine.engine == "pseudo" and machine.text and machine.text in target:
            return ["the translation is pseudo-translation for layout checks, not a translation"]
        return []
