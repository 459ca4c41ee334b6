"""Every quality check tms runs, by id, and the choice of those a project has switched on."""
from __future__ import annotations

from collections.abc import Iterable

from tms.checks.base import Check, CheckContext
from tms.checks.dates import DatesCheck
from tms.checks.gettext import FormatCheck, NewlinesCheck, PluralFormsCheck
from tms.checks.markup import BidiControlsCheck, EmailsCheck, MarkupCheck, UrlsCheck
from tms.checks.numbers import NumbersCheck
from tms.checks.punctuation import BracketsCheck, EndPunctuationCheck, QuotesCheck
from tms.checks.spacing import DoubleSpaceCheck, LeadingSpaceCheck, TrailingSpaceCheck
from tms.checks.terms import DoNotTranslateCheck, GlossaryCheck
from tms.checks.translation import LengthCheck, PseudoCheck, SameCheck
from tms.errors import InputError
from tms.model import Unit

#: The checks in the order their findings are reported: errors first, then typography.
CHECKS: tuple[Check, ...] = (
    SameCheck(), NumbersCheck(), DatesCheck(), DoNotTranslateCheck(), GlossaryCheck(), MarkupCheck(),
    UrlsCheck(), EmailsCheck(), BidiControlsCheck(), PseudoCheck(), PluralFormsCheck(), FormatCheck(), NewlinesCheck(),
    EndPunctuationCheck(), BracketsCheck(), QuotesCheck(), LeadingSpaceCheck(),
    TrailingSpaceCheck(), DoubleSpaceCheck(), LengthCheck(),
)
_BY_ID = {check.check_id: check for check in CHECKS}


def check_ids() -> list[str]:
    """The ids of every check, in report order."""
    return [check.check_id for check in CHECKS]


def get_check(check_id: str) -> Check:
    """The check with this id; ``InputError`` naming the available ids otherwise."""
    try:
        return _BY_ID[check_id]
    except KeyError:
        raise InputError(f"unknown check {check_id!r}; available: {', '.join(check_ids())}") from None


def enabled_checks(disabled: Iterable[str] = (), where: str = "") -> list[Check]:
    """The checks not in ``disabled``; an unknown id is an ``InputError`` (``where`` names the setting)."""
    disabled = set(disabled)
    unknown = sorted(disabled - set(_BY_ID))
    if unknown:
        prefix = f"{where}: " if where else ""
        raise InputError(f"{prefix}unknown check {unknown[0]!r} in [checks] disabled; "
                         f"available: {', '.join(check_ids())}")
    return [check for check in CHECKS if check.check_id not in disabled]


def run_checks(unit: Unit, context: CheckContext, checks: Iterable[Check] = CHECKS) -> list[tuple[Check, str]]:
    """The problems of one unit as (check, message) pairs, skipping the checks the unit switches off."""
    problems: list[tuple[Check, str]] = []
    for check in checks:
        if check.check_id in unit.ignored_checks:
            continue
        problems += [(check, message) for message in check.check_unit(unit, context)]
    return problems
