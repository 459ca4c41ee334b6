"""Deadlines, priorities and assignees: parsing, what applies to a catalog, time left, who may set them."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.memory.helpers import write_article
from tms.errors import InputError, PermissionDenied
from tms.services import schedules
from tms.services.schedules import Plan, parse_deadline, parse_priority, time_left
from tms.services.users import Account, AccountRole, create_user

EDITOR = Account(1, "eddie", AccountRole.EDITOR)


@pytest.fixture
def planned(project):
    write_article(project, "a", ["One.", "Two."], langs=("ko", "ja"))
    return project


def test_a_deadline_needs_its_offset():
    assert parse_deadline("2026-12-03T18:00:00+09:00") == datetime(2026, 12, 3, 9, tzinfo=timezone.utc)
    assert parse_deadline("2026-12-03T09:00Z") == datetime(2026, 12, 3, 9, tzinfo=timezone.utc)
    assert parse_deadline("") is None and parse_deadline(None) is None
    with pytest.raises(InputError, match="has no UTC offset; add one, for example 2026-12-03T18:00\\+09:00"):
        parse_deadline("2026-12-03T18:00")
    with pytest.raises(InputError, match="is not an ISO 8601 time"):
        parse_deadline("next Tuesday")
    with pytest.raises(InputError, match="must be a string"):
        parse_deadline(20261203)


def test_priorities_by_number_or_name():
    assert [parse_priority(v) for v in (1, "2", "normal", "LOW", 5, None, "")] == [1, 2, 3, 4, 5, None, None]
    for bad in (0, 6, "2.5", True, "soon", 1.5):
        with pytest.raises(InputError, match="is not a priority"):
            parse_priority(bad)


def test_time_left_as_people_say_it():
    now = datetime(2026, 12, 3, tzinfo=timezone.utc)
    plan = lambda **delta: Plan("a", "ko", now + timedelta(**delta))       # noqa: E731
    assert time_left(plan(hours=2, minutes=5), now) == "2 h 05 min left"
    assert time_left(plan(days=3, hours=4), now) == "3 days left"
    assert time_left(plan(days=1, hours=4), now) == "1 day 4 h left"
    assert time_left(plan(minutes=-40), now) == "overdue by 40 min"
    assert time_left(Plan("a", "ko"), now) == ""
    assert plan(minutes=-1).is_overdue(now) and not plan(minutes=1).is_overdue(now)


def test_a_language_overrides_the_article_and_the_assignee_is_the_language_s(planned):
    create_user(planned, "tina", "translator", "a long password", "ja")
    schedules.set_schedule(planned, EDITOR, "a", deadline="2030-01-02T00:00Z", priority=2)
    schedules.set_schedule(planned, EDITOR, "a", "ja", deadline="2030-01-01T00:00Z", assignee="tina")
    ja, ko = schedules.get_plan(planned, "a", "ja"), schedules.get_plan(planned, "a", "ko")
    assert (ja.deadline.day, ja.priority, ja.assignee) == (1, 2, "tina")
    assert (ko.deadline.day, ko.priority, ko.assignee) == (2, 2, "")
    schedules.set_schedule(planned, EDITOR, "a", "ja", deadline=None)
    assert schedules.get_plan(planned, "a", "ja").deadline.day == 2          # back to the article's
    with pytest.raises(InputError, match="tina may not work in Korean"):
        schedules.set_schedule(planned, EDITOR, "a", "ko", assignee="tina")
    with pytest.raises(InputError, match="give 'lang'"):
        schedules.set_schedule(planned, EDITOR, "a", assignee="tina")
    with pytest.raises(PermissionDenied, match="only an editor or above"):
        schedules.set_schedule(planned, Account(2, "alex", AccountRole.APPROVER), "a", priority=1)


def test_a_new_assignee_goes_through_the_notification_seam(planned, monkeypatch):
    create_user(planned, "tina", "translator", "a long password", "ja")
    heard = []
    monkeypatch.setattr("tms.services.newsroom.assigned", lambda *args: heard.append(args))
    schedules.set_schedule(planned, EDITOR, "a", "ja", assignee="tina")
    schedules.set_schedule(planned, EDITOR, "a", "ja", assignee="tina", priority=1)     # not new: no second call
    assert heard == [(planned, "a", "ja", "tina", "eddie")]


def test_articles_sort_by_deadline_then_priority(planned):
    write_article(planned, "b", ["One."], langs=("ko",))
    write_article(planned, "c", ["One."], langs=("ko",))
    schedules.set_schedule(planned, EDITOR, "b", deadline="2030-01-01T00:00Z")
    schedules.set_schedule(planned, EDITOR, "c", priority=1)
    write_article(planned, "d", ["One."], langs=("ko",))
    schedules.set_schedule(planned, EDITOR, "d", priority=5)
    assert schedules.by_deadline(["a", "b", "c", "d"], schedules.plan_lookup(planned)) == ["b", "c", "a", "d"]
