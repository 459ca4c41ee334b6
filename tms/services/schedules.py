"""Deadlines, priorities and assignees: when each article (or one of its languages) is due, how urgent it
is, and who translates it.

They live in the project database, not in the originals or the catalogs: they are the desk's plan for the
work, not part of the article or its translation, they change without any file changing, and the
dashboard and "my work" sort thousands of catalogs by them with one query. An article's schedule (``lang``
empty) applies to every language; a language's own deadline or priority overrides it.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, insert, select, update

from tms.errors import InputError
from tms.languages import get_language
from tms.services.users import Account, require, user_exists
from tms.storage.database import Schedule, as_utc, get_database, utcnow

#: The readers' time zone unless they choose another: the news service is in Seoul.
DEFAULT_ZONE = "Asia/Seoul"
#: Priorities run from 1 (most urgent) to 5; an article without one is "3", normal.
PRIORITIES = {1: "urgent", 2: "high", 3: "normal", 4: "low", 5: "lowest"}
NORMAL = 3


def parse_deadline(value: str | None, where: str = "deadline") -> datetime | None:
    """An ISO 8601 time with its offset ("2026-12-03T18:00+09:00") as UTC; None for no value.

    A time without an offset is refused: a desk in Seoul and a publishing system in UTC would read it
    nine hours apart.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: must be a string such as 2026-12-03T18:00:00+09:00")
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    except ValueError:
        raise InputError(f"{where}: {value!r} is not an ISO 8601 time; "
                         "use for example 2026-12-03T18:00:00+09:00") from None
    if moment.tzinfo is None:
        raise InputError(f"{where}: {value!r} has no UTC offset; add one, for example {text}+09:00 for Seoul")
    return moment.astimezone(timezone.utc)


def parse_priority(value, where: str = "priority") -> int | None:
    """A priority from 1 (urgent) to 5 (lowest), given as a number or a name; None for no value."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and not value.strip().isdigit():
        names = {name: number for number, name in PRIORITIES.items()}
        if value.strip().lower() in names:
            return names[value.strip().lower()]
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if isinstance(value, bool) or number not in PRIORITIES or str(value).strip() != str(number):
        raise InputError(f"{where}: {value!r} is not a priority; use 1 (urgent) to 5 (lowest) "
                         f"or one of: {', '.join(PRIORITIES.values())}")
    return number


def reader_zone(name: str | None) -> ZoneInfo:
    """The time zone ``name`` (an IANA name), or Seoul's when none is given."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"unknown time zone {name!r}; use an IANA name such as Asia/Seoul or Europe/Paris") from None


#: Where a plan without a deadline sorts: after every deadline.
_NO_DEADLINE = datetime.max.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Plan:
    """The schedule that applies to one catalog: the article's, with the language's own values over it."""

    article_id: str
    lang: str
    deadline: datetime | None = None
    priority: int = NORMAL
    assignee: str = ""

    def is_overdue(self, now: datetime | None = None) -> bool:
        """True once the deadline has passed."""
        return self.deadline is not None and self.deadline <= (now or utcnow())

    def seconds_left(self, now: datetime | None = None) -> float | None:
        """Seconds until the deadline (negative once overdue); None without a deadline."""
        return None if self.deadline is None else (self.deadline - (now or utcnow())).total_seconds()

    @property
    def priority_label(self) -> str:
        """The priority in words (``PRIORITIES``: urgent … lowest)."""
        return PRIORITIES[self.priority]

    def sort_key(self) -> tuple:
        """Soonest deadline first (none last), then the most urgent, then by article."""
        return (self.deadline or _NO_DEADLINE, self.priority, self.article_id, self.lang)

    def to_json(self, zone: ZoneInfo | None = None, now: datetime | None = None) -> dict:
        """The plan as JSON: the deadline in UTC and in the reader's zone, time left, overdue."""
        local = self.deadline.astimezone(zone or reader_zone(None)) if self.deadline else None
        left = self.seconds_left(now)
        return {"deadline": self.deadline.isoformat() if self.deadline else None,
                "deadline_local": local.isoformat() if local else None,
                "seconds_left": None if left is None else int(left),
                "is_overdue": self.is_overdue(now), "priority": self.priority,
                "priority_label": self.priority_label, "assignee": self.assignee}


def time_left(plan: Plan, now: datetime | None = None) -> str:
    """The time left as people say it: "2 h 05 min left", "3 days left", "overdue by 40 min"."""
    seconds = plan.seconds_left(now)
    if seconds is None:
        return ""
    span = abs(int(seconds)) // 60
    days, rest = divmod(span, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        text = f"{days} day{'s' if days != 1 else ''}" + (f" {hours} h" if hours and days < 3 else "")
    elif hours:
        text = f"{hours} h {minutes:02d} min"
    else:
        text = f"{minutes} min"
    return f"overdue by {text}" if seconds < 0 else f"{text} left"


# -- reading --------------------------------------------------------------------------------------
def all_plans(project) -> dict[tuple[str, str], Schedule]:
    """Every stored schedule row by (article id, language or "")."""
    with get_database(project).reading() as connection:
        rows = connection.execute(select(Schedule.__table__)).all()
    return {(row.article_id, row.lang): row for row in rows}


def plan_of(rows: dict[tuple[str, str], Schedule], article_id: str, lang: str) -> Plan:
    """The plan of one catalog from the rows of ``all_plans``."""
    article, own = rows.get((article_id, "")), rows.get((article_id, lang))

    def pick(name: str, empty):
        for row in (own, article):
            value = getattr(row, name, None) if row is not None else None
            if value not in (None, ""):
                return value
        return empty

    deadline = pick("deadline", None)
    return Plan(article_id, lang, as_utc(deadline), pick("priority", NORMAL), own.assignee if own else "")


def article_rows(project, article_id: str) -> dict[tuple[str, str], Schedule]:
    """The stored schedule rows of one article by (article id, language or "")."""
    table = Schedule.__table__
    with get_database(project).reading() as connection:
        rows = connection.execute(select(table).where(table.c.article_id == article_id)).all()
    return {(row.article_id, row.lang): row for row in rows}


def get_plan(project, article_id: str, lang: str) -> Plan:
    """The plan of one catalog."""
    return plan_of(article_rows(project, article_id), article_id, lang)


def article_plan(project, article_id: str) -> Plan:
    """The schedule of the article as a whole."""
    return plan_of(article_rows(project, article_id), article_id, "")


class PlanBook:
    """The plan of any catalog, from one read of the table: ``book(article_id, lang)``."""

    def __init__(self, rows: dict[tuple[str, str], Schedule]):
        self.rows = rows
        self.planned = {article_id for article_id, lang in rows if not lang}     # with an article-wide row

    def __call__(self, article_id: str, lang: str) -> Plan:
        if article_id not in self.planned and (article_id, lang) not in self.rows:
            return Plan(article_id, lang)           # most catalogs: nothing planned
        return plan_of(self.rows, article_id, lang)


def plan_lookup(project) -> PlanBook:
    """The plans of every catalog, read once."""
    return PlanBook(all_plans(project))


def by_deadline(article_ids: list[str], book: PlanBook) -> list[str]:
    """Articles with a deadline first, soonest first, then by priority; the rest keep their order."""
    keys = {article_id: book(article_id, "").sort_key()[:2] for article_id in book.planned}
    unplanned = Plan("", "").sort_key()[:2]
    return sorted(article_ids, key=lambda article_id: keys.get(article_id, unplanned))


# -- changing -------------------------------------------------------------------------------------
_UNSET = object()


def set_schedule(project, account: Account | None, article_id: str, lang: str | None = None, *,
                 deadline=_UNSET, priority=_UNSET, assignee=_UNSET) -> Plan:
    """Set the deadline, priority or assignee of an article (``lang`` None) or of one of its languages,
    as ``account`` (editors and admins only). Values left out are kept; None (or "") clears one.
    Returns the plan that now applies."""
    require(account, "publish")
    return plan_article(project, article_id, lang, by=account.name, deadline=deadline, priority=priority,
                        assignee=assignee)


def plan_article(project, article_id: str, lang: str | None = None, *, by: str, deadline=_UNSET,
                 priority=_UNSET, assignee=_UNSET) -> Plan:
    """``set_schedule`` without the permission check, for the shell (``tms import --deadline``). The
    assignee must be an account that may work in the language; a new assignee is notified."""
    project.require_article(article_id)
    code = get_language(lang).code if lang else ""
    if assignee is not _UNSET and assignee and not code:
        raise InputError("assign a person to one language of the article: give 'lang'")
    values: dict = {}
    if deadline is not _UNSET:
        values["deadline"] = deadline if isinstance(deadline, datetime) or deadline is None else parse_deadline(deadline)
    if priority is not _UNSET:
        values["priority"] = parse_priority(priority)
    if assignee is not _UNSET:
        values["assignee"] = _check_assignee(project, assignee or "", code)
    previous = get_plan(project, article_id, code).assignee if code and assignee is not _UNSET else ""
    _store(project, article_id, code, values, by)
    plan = get_plan(project, article_id, code)
    if code and plan.assignee and plan.assignee != previous:
        from tms.services.newsroom import assigned

        assigned(project, article_id, code, plan.assignee, by)
    return plan


def _check_assignee(project, name: str, lang: str) -> str:
    if not name:
        return ""
    from tms.services.users import get_user

    if not user_exists(project, name):
        raise InputError(f"assignee: no user {name!r}")
    person = get_user(project, name)
    if not person.may_work_in(lang):
        raise InputError(f"assignee: {name} may not work in {get_language(lang).name} ({lang}); "
                         f"granted: {person.languages_label or 'none'}")
    return name


def _store(project, article_id: str, lang: str, values: dict, by: str) -> None:
    if not values:
        return
    table = Schedule.__table__
    values = {**values, "updated": utcnow(), "updated_by": by}
    where = (table.c.article_id == article_id) & (table.c.lang == lang)
    # An update, else an insert, in one transaction: the plain statements cost a fraction of an ORM
    # session, and every article sent with a deadline comes through here.
    with get_database(project).transaction() as connection:
        if not connection.execute(update(table).where(where).values(**values)).rowcount:
            connection.execute(insert(table).values({"assignee": "", **values, "article_id": article_id,
                                                     "lang": lang}))


def forget_article(project, article_id: str) -> None:
    """Remove every schedule of an article (when the article itself is removed)."""
    with get_database(project).session() as session:
        session.execute(delete(Schedule).where(Schedule.article_id == article_id))


def add_plans(project, report: dict, zone: ZoneInfo | None = None) -> dict:
    """Put each article's and each catalog's plan (deadline, priority, assignee, overdue) into a status
    report (``tms status --format json``, ``GET /api/status``); returns the report."""
    plan = plan_lookup(project)
    now = utcnow()
    for article_id, entry in report.get("articles", {}).items():
        entry["schedule"] = plan(article_id, "").to_json(zone, now)
    for entry in report.get("catalogs", []):
        entry["schedule"] = plan(entry["article"], entry["language"]).to_json(zone, now)
    return report


#: The plan's columns in ``tms status --format csv``, after the statistics' (``reports.CSV_FIELDS``).
PLAN_CSV_FIELDS = ["deadline", "deadline_local", "is_overdue", "priority", "assignee"]


def add_plan_columns(project, rows: Iterable[dict], zone: ZoneInfo | None = None) -> Iterator[dict]:
    """Each catalog row of ``tms status --format csv`` with its plan: ``PLAN_CSV_FIELDS``, as in the JSON
    report's ``schedule`` (the deadline in UTC and in ``zone``, overdue as true or false)."""
    plan = plan_lookup(project)
    now = utcnow()
    for row in rows:
        shown = plan(row["article"], row["language"]).to_json(zone, now)
        shown["is_overdue"] = "true" if shown["is_overdue"] else "false"
        yield {**row, **{name: shown[name] for name in PLAN_CSV_FIELDS}}
