"""What waits for each person: the catalogs of their languages with what is left to translate, to review
and to decide, as Weblate's and Pontoon's dashboards open on one's own languages."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from tms.errors import TmsError
from tms.languages import CODES
from tms.model import SegmentState
from tms.services.checking import check_catalog
from tms.services.overview import get_overview
from tms.services.users import Account, AccountRole
from tms.storage.database import Proposal, get_database
from tms.storage.layout import Project
from tms.storage.originals import read_front_matter


@dataclass(frozen=True)
class WorkItem:
    """One catalog and what is left in it for the person."""

    article_id: str
    headline: str
    lang: str
    to_translate: int       # untranslated, machine output, needing edits
    to_review: int          # translated, not approved (for reviewers)
    machine: int            # machine output no person has touched
    suggestions: int        # open suggestions (for reviewers)

    @property
    def total(self) -> int:
        """Everything the person could do here."""
        return self.to_translate + self.to_review + self.suggestions


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


def my_work(project: Project, account: Account) -> list[WorkItem]:
    """The catalogs of the person's languages with something left for them, most work first."""
    is_reviewer = account.has(AccountRole.REVIEWER)
    overview = get_overview(project)
    open_suggestions = _open_suggestions(project) if is_reviewer else {}
    items = []
    for lang in languages_of(account):
        for article_id, entry in overview.entries(lang).items():
            counts = {state: entry.stats.by_state[state].segments for state in entry.stats.by_state}
            item = WorkItem(
                article_id, headline(project, article_id), lang,
                to_translate=sum(counts.get(s, 0) for s in (SegmentState.UNTRANSLATED, SegmentState.MACHINE,
                                                            SegmentState.NEEDS_EDITING)),
                to_review=counts.get(SegmentState.TRANSLATED, 0) if is_reviewer else 0,
                machine=counts.get(SegmentState.MACHINE, 0),
                suggestions=open_suggestions.get((article_id, lang), 0))
            if item.total:
                items.append(item)
    return sorted(items, key=lambda i: (-i.total, i.article_id, i.lang))


def error_counts(project: Project, items: list[WorkItem]) -> dict[tuple[str, str], int]:
    """How many error-level findings each catalog of ``items`` has (the checks run now: keep ``items`` short)."""
    counts = {}
    for item in items:
        try:
            findings = check_catalog(project, item.article_id, item.lang)
        except TmsError:
            continue            # a catalog that cannot be read or checked: its editor page says why
        counts[(item.article_id, item.lang)] = sum(1 for f in findings if f.severity.is_blocking)
    return counts


def _open_suggestions(project: Project) -> dict[tuple[str, str], int]:
    query = select(Proposal.article_id, Proposal.lang, func.count()).filter_by(status="open").group_by(
        Proposal.article_id, Proposal.lang)
    with get_database(project).reading() as connection:
        return {(a, lang): n for a, lang, n in connection.execute(query)}
