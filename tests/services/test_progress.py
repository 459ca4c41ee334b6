"""Progress over time from the change history."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from tms.services.progress import progress_history
from tms.storage.database import Change, close_databases, get_database


@pytest.fixture
def history(project, monkeypatch):
    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)

    def add(day: int, old: str, new: str, lang: str = "ja", action: str = "save"):
        with get_database(project).session() as session:
            session.add(Change(when=datetime(2026, 11, day, 12, tzinfo=timezone.utc), user="tina", action=action,
                               article_id="demo", lang=lang, key="k", old_state=old, new_state=new))

    yield project, add
    close_databases()


def test_running_totals_by_day(history):
    project, add = history
    add(1, "machine", "translated")                 # before the window: counts in the running total
    add(20, "untranslated", "translated")
    add(20, "translated", "approved")
    add(21, "approved", "needs-editing")            # an edit undoes both
    add(21, "", "", action="certify")
    add(22, "machine", "translated", lang="de")
    days = progress_history(project, days=3, today=date(2026, 11, 22))
    assert [d.day for d in days] == [date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)]
    assert [d.changes for d in days] == [2, 2, 1]
    assert [d.translated for d in days] == [2, 1, 2]
    assert [d.approved for d in days] == [1, 0, 0]
    assert [d.certified for d in days] == [0, 1, 0]
    japanese = progress_history(project, langs=["ja"], days=3, today=date(2026, 11, 22))
    assert [d.translated for d in japanese] == [2, 1, 1]


def test_empty_history(history):
    project, _ = history
    days = progress_history(project, days=30)
    assert len(days) == 30 and all(d.changes == d.translated == 0 for d in days)
    with pytest.raises(ValueError):
        progress_history(project, days=0)
