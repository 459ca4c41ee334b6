"""The registry of checks: unique ids, switching checks off per project and per unit."""
from __future__ import annotations

import pytest

from tms.checks.base import CheckContext, Severity
from tms.checks.registry import CHECKS, check_ids, enabled_checks, get_check, run_checks
from tms.errors import InputError
from tms.model import SegmentState, Unit


def test_every_check_has_a_unique_id_a_name_and_a_severity():
    assert len(set(check_ids())) == len(CHECKS) >= 15
    for check in CHECKS:
        assert check.check_id and check.name and check.description
        assert isinstance(check.severity, Severity)


def test_get_check_and_unknown_ids():
    assert get_check("numbers").check_id == "numbers"
    with pytest.raises(InputError, match="unknown check 'nubmers'; available: same, numbers"):
        get_check("nubmers")


def test_enabled_checks_leaves_out_the_disabled_and_refuses_unknown_ids():
    assert "length" not in [c.check_id for c in enabled_checks(["length"])]
    with pytest.raises(InputError, match=r"tms.toml: unknown check 'lenght' in \[checks\] disabled"):
        enabled_checks(["lenght"], "tms.toml")


def test_a_unit_switches_checks_off_for_itself():
    unit = Unit("65 nations met on March 22.", "56か国が会合した.", state=SegmentState.TRANSLATED)
    context = CheckContext("en", "ja")
    found = {check.check_id for check, _ in run_checks(unit, context)}
    assert {"numbers", "dates", "end-punctuation"} <= found
    unit.ignored_checks = {"numbers", "dates"}
    assert {check.check_id for check, _ in run_checks(unit, context)} == found - {"numbers", "dates"}


def test_plural_forms_are_checked_against_their_source():
    unit = Unit("%d nation met.", source_plural="%d nations met.", plural_targets={0: "%d か国が会合した。"},
                state=SegmentState.TRANSLATED)
    assert run_checks(unit, CheckContext("en", "ja")) == []
    unit.plural_targets = {0: "%d か国が会合した."}
    assert [c.check_id for c, _ in run_checks(unit, CheckContext("en", "ja"))] == ["end-punctuation"]
