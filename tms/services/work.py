"""What waits for each person ("My work"): the catalogs of their languages with something in them for that
person, with the desk's plan for each, as Weblate's and Pontoon's dashboards open on one's own work.

By role: translators see what is left to translate; reviewers also what is translated but not approved
and the open suggestions; approvers (and editors and admins) also what is approved throughout and waits
for certification. A catalog assigned to someone else is theirs to translate: others see it only for
what they review or certify in it. A catalog assigned to the person is listed until it is official,
whatever is left in it. Overdue work comes first, then the soonest deadline, the most urgent, the
person's own assignments, and the most work.
"""
from __future__ import annotations

import functools
import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from tms.errors import InputError, TmsError
from tms.languages import CODES, get_language
from tms.model import PublicationStatus, SegmentState
from tms.services.overview import Entry, get_overview
from tms.services.schedules import Plan, plan_lookup
from tms.services.users import Account, AccountRole
from tms.storage.database import Proposal, get_database, utcnow
from tms.storage.layout import Project
from tms.storage.originals import read_front_matter

#: Catalogs on one page of "My work" (and one answer of ``GET /api/my-work``).
PER_PAGE = 50
#: The segment states a translator still has to work on, as the editor's filters name them.
TO_TRANSLATE = (SegmentState.UNTRANSLATED, SegmentState.MACHINE, SegmentState.NEEDS_EDITING)


@dataclass(frozen=True)
class WorkItem:
    """One catalog and what is in it: the figures are the catalog's, ``amount`` what of it is the person's."""

    plan: Plan
    stage: str              # draft, machine, review, unofficial, official (``overview.stage``)
    percent: float          # translated or approved, of the segments
    to_translate: int       # untranslated, machine output, needing edits
    to_review: int          # translated, not approved
    machine: int            # machine output no person has touched
    suggestions: int        # open suggestions
    is_ready_for_certification: bool    # approved throughout, not yet official
    amount: int             # what the person could do here, by their role
    headline: str = ""
    errors: int | None = None           # error-level check findings; None where not counted

    @property
    def article_id(self) -> str:
        """The article's id."""
        return self.plan.article_id

    @property
    def lang(self) -> str:
        """The catalog's language."""
        return self.plan.lang

    def to_json(self, zone: ZoneInfo | None = None, now: datetime | None = None) -> dict:
        """The item as JSON (``GET /api/my-work``): the catalog, its plan and its figures."""
        return {"article": self.article_id, "language": self.lang, "stage": self.stage,
                "percent": round(self.percent, 1), **self.plan.to_json(zone, now), "headline": self.headline,
                "to_translate": self.to_translate, "to_review": self.to_review, "machine": self.machine,
                "suggestions": self.suggestions, "errors": self.errors,
                "ready_for_certification": self.is_ready_for_certification}


@dataclass(frozen=True)
class WorkPage:
    """One page of what waits for a person, and how many catalogs wait in all."""

    items: list[WorkItem]
    total: int
    page: int
    pages: int
    langs: list[str]        # the languages looked at: the person's, or those of the filter


def headline(project: Project, article_id: str) -> str:
    """The article's headline in its own language (the title of its original), else its id."""
    path = project.original_path(article_id)
    try:
        status = path.stat()
    except OSError:
        return article_id
    return _headline(str(path), status.st_mtime_ns, status.st_size) or article_id


@functools.lru_cache(maxsize=4096)
def _headline(path: str, mtime_ns: int, size: int) -> str:
    # Keyed by the file's stamp: a dashboard page asks for fifty headlines, and reads none that it read before.
    try:
        title = read_front_matter(Path(path)).get("title", "")
    except (OSError, TmsError):
        return ""
    return title if isinstance(title, str) else ""


def languages_of(account: Account) -> list[str]:
    """The languages a person works in, in the project's order (every one for admins and the unrestricted)."""
    if account.role is AccountRole.ADMIN or account.languages is None:
        return list(CODES)
    return [code for code in CODES if code in account.languages]


def chosen_languages(account: Account, codes: Sequence[str]) -> list[str]:
    """The languages of a filter, which must be the person's; all of theirs when none is chosen."""
    own = languages_of(account)
    chosen = []
    for code in codes:
        language = get_language(code)
        if language.code not in own:
            raise InputError(f"you do not work in {language.name} ({language.code}); "
                             f"your languages: {', '.join(own) or 'none'}")
        chosen.append(language.code)
    return [code for code in own if code in chosen] if chosen else own


def my_work(project: Project, account: Account, *, langs: Sequence[str] = (), is_assigned_only: bool = False,
            page: int = 1, per_page: int = PER_PAGE) -> WorkPage:
    """One page of the catalogs waiting for ``account`` (see the module), in ``langs`` (all of theirs by
    default), only those assigned to them with ``is_assigned_only``; a page past the end is the last."""
    if page < 1:
        raise InputError(f"page: {page} is not a page number")
    chosen = chosen_languages(account, langs)
    overview = get_overview(project)
    plans = plan_lookup(project)
    suggestions = _open_suggestions(project)
    now = utcnow()
    # An admin's work may be every catalog of the project: only the page's items are built in full.
    found: list[tuple] = []
    for lang in chosen:
        order = CODES.index(lang)
        for article_id, entry in overview.entries(lang).items():
            plan = plans(article_id, lang)
            if is_assigned_only and plan.assignee != account.name:
                continue
            waiting = suggestions.get((article_id, lang), 0)
            amount = _amount(account, plan, entry, waiting)
            if amount is not None:
                key = (not plan.is_overdue(now), *plan.sort_key()[:2], plan.assignee != account.name, -amount,
                       article_id, order)
                found.append((key, plan, entry, waiting, amount))
    pages = max((len(found) + per_page - 1) // per_page, 1)
    page = min(page, pages)
    shown = heapq.nsmallest(page * per_page, found, key=itemgetter(0))[(page - 1) * per_page:]
    errors = overview.error_counts((plan.article_id, plan.lang) for _, plan, *_ in shown)
    items = [_item(plan, entry, waiting, amount, headline(project, plan.article_id),
                   errors.get((plan.article_id, plan.lang))) for _, plan, entry, waiting, amount in shown]
    return WorkPage(items, len(found), page, pages, chosen)


def _amount(account: Account, plan: Plan, entry: Entry, suggestions: int) -> int | None:
    """What in the catalog is the person's to do, by their role; None when it is not their work at all."""
    stats = entry.stats
    amount = 0
    if not plan.assignee or plan.assignee == account.name:
        amount += stats.segments(*TO_TRANSLATE)
    if account.role >= AccountRole.REVIEWER:
        amount += suggestions + stats.segments(SegmentState.TRANSLATED)
        if account.role >= AccountRole.APPROVER and _is_ready(entry):
            amount += 1
    if amount or (plan.assignee == account.name and entry.stats.publication is not PublicationStatus.OFFICIAL):
        return amount
    return None


def _is_ready(entry: Entry) -> bool:
    """Approved throughout and not yet official: waiting for an approver to certify it."""
    stats = entry.stats
    if stats.publication is not PublicationStatus.UNOFFICIAL or SegmentState.APPROVED not in stats.by_state:
        return False
    return stats.by_state[SegmentState.APPROVED].segments == stats.total.segments


def _item(plan: Plan, entry: Entry, suggestions: int, amount: int, title: str, errors: int | None) -> WorkItem:
    stats = entry.stats
    return WorkItem(plan, entry.stage, stats.percent(SegmentState.TRANSLATED, SegmentState.APPROVED),
                    stats.segments(*TO_TRANSLATE), stats.segments(SegmentState.TRANSLATED),
                    stats.segments(SegmentState.MACHINE), suggestions, _is_ready(entry), amount, title, errors)


def _open_suggestions(project: Project) -> dict[tuple[str, str], int]:
    query = select(Proposal.article_id, Proposal.lang, func.count()).filter_by(status="open").group_by(
        Proposal.article_id, Proposal.lang)
    with get_database(project).reading() as connection:
        return {(a, lang): n for a, lang, n in connection.execute(query)}
