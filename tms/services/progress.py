"""Progress over time, from the change history: segments translated and approved through tms, day by day."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import case, func, select

from tms.model import SegmentState
from tms.storage.database import Change, get_database
from tms.storage.layout import Project

_TRANSLATED = (SegmentState.TRANSLATED.slug, SegmentState.APPROVED.slug)
_APPROVED = (SegmentState.APPROVED.slug,)


@dataclass
class DayProgress:
    """One day of the history: changes made, and the running totals of people's work at its end."""

    day: date
    changes: int            # saves, approvals, reverts and certifications that day
    translated: int         # segments a person brought to translated or approved, net of undoing, so far
    approved: int           # segments approved, net of later edits, so far
    certified: int          # catalogs certified that day


def _net(states: tuple[str, ...]):
    # +1 when a change brings a segment into ``states``, -1 when it takes one out, 0 otherwise.
    entered = Change.new_state.in_(states) & Change.old_state.not_in(states)
    left = Change.old_state.in_(states) & Change.new_state.not_in(states)
    return func.sum(case((entered, 1), (left, -1), else_=0))


def progress_history(project: Project, *, langs: Sequence[str] | None = None, days: int = 30,
                     today: date | None = None) -> list[DayProgress]:
    """The last ``days`` days (UTC), oldest first; running totals count the whole history before them too."""
    if days < 1:
        raise ValueError("days must be at least 1")
    last = today or datetime.now(timezone.utc).date()
    first = last - timedelta(days=days - 1)
    start = datetime(first.year, first.month, first.day, tzinfo=timezone.utc)
    scope = [Change.lang.in_(list(langs))] if langs else []
    day = func.date(Change.when)
    per_day = (
        select(day, func.count(), _net(_TRANSLATED), _net(_APPROVED),
               func.sum(case((Change.action == "certify", 1), else_=0)))
        .where(Change.when >= start, *scope).group_by(day)
    )
    before = select(_net(_TRANSLATED), _net(_APPROVED)).where(Change.when < start, *scope)
    with get_database(project).session() as session:
        base_translated, base_approved = session.execute(before).one()
        rows = {str(r[0])[:10]: r[1:] for r in session.execute(per_day)}
    translated, approved = base_translated or 0, base_approved or 0
    out = []
    for offset in range(days):
        current = first + timedelta(days=offset)
        changes, net_translated, net_approved, certified = rows.get(current.isoformat(), (0, 0, 0, 0))
        translated += net_translated or 0
        approved += net_approved or 0
        out.append(DayProgress(current, changes or 0, translated, approved, certified or 0))
    return out
