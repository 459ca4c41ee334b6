"""The dashboard: articles as rows, the eleven languages as columns, totals, filters, and progress over time.

Every figure comes from the statistics service (``tms.services.stats``, the one ``tms status`` uses),
through the overview that keeps them current (``tms.services.overview``), which also counts the
error-level check findings of the catalogs a page shows; this page only filters, pages and lays them
out. The totals per language are over every article, whatever the filters.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import Blueprint, render_template, request
from flask_login import login_required

from tms.errors import InputError
from tms.languages import CODES, all_languages, get_language
from tms.model import SegmentState
from tms.services.overview import Entry, get_overview, warm_up
from tms.services.progress import progress_history
from tms.services.work import TO_TRANSLATE, headline, languages_of
from tms.services.schedules import Plan, by_deadline, plan_lookup, time_left
from tms.web import current_project
from tms.web.auth import current_account
from tms.web.charts import progress_chart
from tms.web.dates import reader_zone
from tms.web.jobs import job_views
from tms.web.views import BADGES, page_arg

bp = Blueprint("dashboard", __name__)
PER_PAGE = 50
CHART_DAYS = 30


@dataclass
class Cell:
    """One article in one language: its badge, the shares of the progress bar in percent, and the segments
    left to translate, to review, with error-level check findings (None: not counted) and machine output."""

    lang: str
    entry: Entry | None
    approved: float = 0.0
    translated: float = 0.0          # translated, not approved
    needs_editing: float = 0.0
    machine: float = 0.0
    to_translate: int = 0
    to_review: int = 0
    errors: int | None = None
    machine_count: int = 0

    @property
    def done(self) -> int:
        """Translated or approved, in whole percent."""
        return int(round(self.approved + self.translated))


@dataclass
class Row:
    """One article and its cells in the chosen languages."""

    article_id: str
    cells: list[Cell] = field(default_factory=list)
    headline: str = ""
    plan: Plan | None = None            # the article's deadline and priority


@dataclass
class Filters:
    """What the person asked to see."""

    langs: list[str]
    status: str = ""
    changed_from: date | None = None
    changed_to: date | None = None
    page: int = 1

    @property
    def is_filtered(self) -> bool:
        """True when anything but the defaults is chosen."""
        return bool(self.status or self.changed_from or self.changed_to or len(self.langs) != len(CODES))

    @property
    def picks_catalogs(self) -> bool:
        """True when the status or date leaves out some catalogs."""
        return bool(self.status or self.changed_from or self.changed_to)


def _date_arg(name: str) -> date | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{name}: {value!r} is not a date; use YYYY-MM-DD") from None


def read_filters() -> Filters:
    """The filters of the request; ``InputError`` (400) for an unknown language, status, date or page."""
    langs = [get_language(code).code for code in request.args.getlist("lang") if code] or _own_languages()
    status = request.args.get("status", "")
    if status and status not in BADGES:
        raise InputError(f"unknown status {status!r}; use one of: {', '.join(BADGES)}")
    return Filters([c for c in CODES if c in langs], status, _date_arg("changed_from"), _date_arg("changed_to"),
                   page_arg())


def _own_languages() -> list[str]:
    """Without a choice, the dashboard opens on the signed-in person's languages."""
    account = current_account()
    return languages_of(account) if account is not None else list(CODES)


def make_cell(lang: str, entry: Entry | None, errors: int | None = None) -> Cell:
    """The cell of one catalog (or of an article without a catalog in ``lang``: its source language)."""
    if entry is None or not entry.stats.total.segments:
        return Cell(lang, entry, errors=errors)
    stats = entry.stats
    return Cell(lang, entry, stats.percent(SegmentState.APPROVED), stats.percent(SegmentState.TRANSLATED),
                stats.percent(SegmentState.NEEDS_EDITING), stats.percent(SegmentState.MACHINE),
                stats.segments(*TO_TRANSLATE), stats.segments(SegmentState.TRANSLATED), errors,
                stats.segments(SegmentState.MACHINE))


@bp.record_once
def _warm_up(state) -> None:
    # Gathering every catalog's figures takes seconds on a large project: start when the server does.
    app = state.app
    if app.config.get("TMS_WARM_UP", not app.testing):
        warm_up(app.extensions["tms.project"])


@bp.get("/")
@login_required
def index():
    """The dashboard page."""
    project = current_project()
    filters = read_filters()
    overview = get_overview(project)
    if filters.picks_catalogs:
        kept = overview.matching(filters.langs, filters.status or None, filters.changed_from, filters.changed_to)
    else:
        kept = overview.articles()
    plans = plan_lookup(project)
    kept = by_deadline(kept, plans)
    pages = max((len(kept) + PER_PAGE - 1) // PER_PAGE, 1)
    page = min(filters.page, pages)
    shown = kept[(page - 1) * PER_PAGE: page * PER_PAGE]
    errors = overview.error_counts((a, lang) for a in shown for lang in filters.langs)
    rows = [Row(a, [make_cell(lang, overview.entry(a, lang), errors.get((a, lang))) for lang in filters.langs],
                headline(project, a), plans(a, ""))
            for a in shown]
    totals = {lang: overview.totals(lang) for lang in filters.langs}
    history = progress_history(project, langs=filters.langs if len(filters.langs) != len(CODES) else None,
                               days=CHART_DAYS)
    return render_template(
        "dashboard/index.html", rows=rows, filters=filters, languages=all_languages(),
        shown_languages=[get_language(c) for c in filters.langs], badges=BADGES, totals=totals,
        article_count=len(kept), page=page, pages=pages, chart=progress_chart(history),
        jobs=job_views(project), errors=overview.errors(), zone=reader_zone(),
        time_left=time_left,
    )
