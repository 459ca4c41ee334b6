"""What ``msgfmt -c`` checks, so that a catalog ``tms check`` passes also passes it: plural forms in the
number the catalog's ``Plural-Forms`` declares, printf and Python format directives kept, and line breaks
at the start and end of a translation where the source has them."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from tms.checks.base import Check, CheckContext, Severity, translated_pairs
from tms.model import Unit

#: A C printf directive, as msgfmt reads it: optional position, flags, width, precision, size, conversion.
_C_DIRECTIVE = re.compile(r"%(?:(\d+)\$)?[-+ #0'I]*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d+)?)?"
                          r"(hh|h|ll|l|L|q|j|z|Z|t)?([diouxXeEfFgGaAcspnm%]|<PRI[a-zA-Z0-9]+>)")
#: A Python %-directive: ``%(name)s`` or ``%s``, with flags, width and precision.
_PY_DIRECTIVE = re.compile(r"%(?:\(([^)]*)\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])")
#: Conversions that stand for the same kind of argument.
_C_KINDS = {"i": "d", "u": "d", "o": "d", "x": "d", "X": "d", "E": "f", "F": "f", "g": "f", "G": "f", "e": "f",
            "a": "f", "A": "f"}
_PY_KINDS = {"i": "d", "u": "d", "E": "e", "F": "f", "G": "g"}


def c_directives(text: str) -> list[str] | str:
    """The argument kinds of the printf directives of ``text``, by position; a message if one is invalid."""
    found: dict[int, str] = {}
    next_position = 1
    for match in _C_DIRECTIVE.finditer(text):
        conversion = match.group(3)
        if conversion in "%m":
            continue
        position = int(match.group(1)) if match.group(1) else next_position
        next_position = position + 1
        found[position] = (match.group(2) or "") + _C_KINDS.get(conversion, conversion)
    return [found[p] for p in sorted(found)]


def python_directives(text: str) -> tuple[Counter, list[str]]:
    """The named (name -> kind) and unnamed (kinds in order) Python %-directives of ``text``."""
    named: Counter = Counter()
    unnamed: list[str] = []
    for match in _PY_DIRECTIVE.finditer(text):
        name, conversion = match.groups()
        if conversion == "%":
            continue
        kind = _PY_KINDS.get(conversion, conversion)
        if name is not None:
            named[(name, "s" if kind in "sra" else kind)] += 1
        else:
            unnamed.append(kind)
    return named, unnamed


class PluralFormsCheck(Check):
    """A plural entry has as many translations as the catalog's ``Plural-Forms`` says (``nplurals``)."""

    check_id = "plural-forms"
    name = "Plural forms"
    description = "A plural entry has exactly the number of forms the catalog's Plural-Forms header declares."
    severity = Severity.ERROR

    def check_unit(self, unit: Unit, context: CheckContext) -> list[str]:
        if unit.source_plural is None or context.nplurals is None or not any(unit.plural_targets.values()):
            return []
        count = len(unit.plural_targets)
        if count == context.nplurals:
            return []
        return [f"the catalog's Plural-Forms says nplurals={context.nplurals}, but this entry has {count} "
                f"plural form{'s' if count != 1 else ''}"]

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        return []


class FormatCheck(Check):
    """The printf (``c-format``) or Python (``python-format``) directives of the source are in the translation."""

    check_id = "format"
    name = "Format directives"
    description = ("In an entry flagged c-format or python-format, the translation has the source's format "
                   "directives (%d, %s, %(name)s…), of the same kinds, as msgfmt -c requires.")
    severity = Severity.ERROR
    reads_markup = True

    def check_unit(self, unit: Unit, context: CheckContext) -> list[str]:
        flags = set(unit.flags)
        if not flags & {"c-format", "python-format"}:
            return []
        messages: list[str] = []
        is_plural = unit.source_plural is not None
        for source, target in translated_pairs(unit):
            problems = (self._c(source, target, is_plural) if "c-format" in flags
                        else self._python(source, target, is_plural))
            messages += [p for p in problems if p not in messages]
        return messages

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        return []

    @staticmethod
    def _c(source: str, target: str, is_plural: bool) -> list[str]:
        wanted, found = c_directives(source), c_directives(target)
        if wanted == found or (is_plural and found == wanted[:len(found)] and len(found) < len(wanted)):
            return []
        if len(found) > len(wanted):
            return [f"the translation has {len(found)} printf directives, the source {len(wanted)}"]
        if len(found) < len(wanted):
            return [f"printf directive number {len(found) + 1} of the source is missing from the translation"]
        first = next(i for i, (a, b) in enumerate(zip(wanted, found)) if a != b)
        return [f"printf directive number {first + 1} is for '{wanted[first]}' in the source and "
                f"'{found[first]}' in the translation"]

    @staticmethod
    def _python(source: str, target: str, is_plural: bool) -> list[str]:
        (named_s, unnamed_s), (named_t, unnamed_t) = python_directives(source), python_directives(target)
        messages = []
        for name, kind in sorted(set(named_t) - set(named_s)):
            messages.append(f"the translation has %({name}){kind}, which the source does not have")
        if not is_plural:
            for name, kind in sorted(set(named_s) - set(named_t)):
                messages.append(f"%({name}){kind} of the source is missing from the translation")
        if unnamed_s != unnamed_t and not (is_plural and unnamed_t == unnamed_s[:len(unnamed_t)]):
            messages.append(f"the translation's unnamed directives ({' '.join('%' + k for k in unnamed_t) or 'none'})"
                            f" differ from the source's ({' '.join('%' + k for k in unnamed_s) or 'none'})")
        return messages


class NewlinesCheck(Check):
    """The translation begins and ends with a line break exactly where the source does (``msgfmt -c``)."""

    check_id = "newlines"
    name = "Line breaks at the ends"
    description = ("The translation starts and ends with a line break only where the source does: msgfmt -c "
                   "refuses the whole catalog otherwise.")
    severity = Severity.ERROR
    reads_markup = True

    def check_single(self, source: str, target: str, unit: Unit, context: CheckContext) -> Iterable[str]:
        messages = []
        if source.startswith("\n") != target.startswith("\n"):
            messages.append("the translation " + ("does not begin" if source.startswith("\n") else "begins")
                            + " with a line break, the source " + ("does" if source.startswith("\n") else "does not"))
        if source.endswith("\n") != target.endswith("\n"):
            messages.append("the translation " + ("does not end" if source.endswith("\n") else "ends")
                            + " with a line break, the source " + ("does" if source.endswith("\n") else "does not"))
        return messages


def nplurals(plural_forms: str) -> int | None:
    """The ``nplurals`` of a ``Plural-Forms`` header value; None when it has none."""
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms or "")
    return int(match.group(1)) if match else None
