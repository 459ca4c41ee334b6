"""The data model: what its methods promise."""
from __future__ import annotations

import copy
import dataclasses

from tms.model import Approval, Location, MachineInfo, Role, SegmentState, Unit


def full_unit() -> Unit:
    return Unit("Source.", "訳。", "ctx", SegmentState.APPROVED, Location(Role.CAPTION, 2, 1, line=9),
                ["originals/a.md:9"], "Old source.", MachineInfo("memory", "機械訳。", "2026-11-23", 88.0),
                Approval("rita", "2026-11-23T10:00:00Z"), {"numbers"}, ["note"], ["extracted"], ["c-format"],
                "Sources.", {0: "訳。", 1: "訳たち。"}, False)


def test_a_unit_copy_equals_the_unit_and_shares_nothing_changeable():
    unit = full_unit()
    twin = unit.copy()
    assert twin == unit == copy.deepcopy(unit)
    for field in dataclasses.fields(Unit):
        value = getattr(unit, field.name)
        changeable = isinstance(value, (list, set, dict)) or (
            dataclasses.is_dataclass(value) and not value.__dataclass_params__.frozen)
        if changeable:
            assert getattr(twin, field.name) is not value, field.name


def test_changing_a_copy_leaves_the_unit_alone():
    unit = full_unit()
    twin = unit.copy()
    twin.flags.append("no-wrap"), twin.comments.append("more"), twin.ignored_checks.add("dates")
    twin.plural_targets[1] = "別"
    twin.machine.text = "changed"
    twin.approval.by = "someone"
    assert unit == full_unit()


def test_the_unsure_state_rule_lives_on_the_unit():
    from tms.model import MachineInfo, SegmentState, Unit

    unit = Unit("Hello.", "こんにちは。", machine=MachineInfo("pseudo", "こんにちは。"))
    assert unit.unsure_state() is SegmentState.MACHINE
    unit.target = "やあ。"
    assert unit.unsure_state() is SegmentState.NEEDS_EDITING
    unit.target, unit.previous_source = "こんにちは。", "Hi."        # the source changed under the machine's text
    assert unit.unsure_state() is SegmentState.NEEDS_EDITING
    assert Unit("Hello.", "やあ。").unsure_state() is SegmentState.NEEDS_EDITING
