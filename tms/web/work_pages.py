""""My work": the catalogs waiting for the signed-in person (``tms.services.work``), overdue first, with
deadline, priority, assignee and what is left in each; filters for a language and for their own
assignments."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import login_required

from tms.errors import InputError
from tms.languages import get_language
from tms.services.schedules import time_left
from tms.services.users import AccountRole
from tms.services.work import languages_of, my_work
from tms.web import current_project
from tms.web.auth import current_account
from tms.web.dates import ZONES, reader_zone
from tms.web.views import BADGES, page_arg

bp = Blueprint("work", __name__)
_YES, _NO = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


def work_query() -> dict:
    """The filters of a request for "my work": ``lang`` (repeat it, or ja,ar), ``mine`` (assigned to me
    only: 1 or 0) and ``page``; ``InputError`` (400) for anything else."""
    langs = [code.strip() for value in request.args.getlist("lang") for code in value.split(",") if code.strip()]
    mine = request.args.get("mine", "").strip().lower()
    if mine not in _YES + _NO:
        raise InputError(f"mine: {mine!r} is not 1 or 0")
    return {"langs": langs, "is_assigned_only": mine in _YES, "page": page_arg()}


@bp.get("/my-work")
@login_required
def index():
    """What waits for the person: overdue first, then by deadline, priority and the amount of work."""
    account = current_account()
    query = work_query()
    work = my_work(current_project(), account, **query)
    return render_template(
        "work/index.html", work=work, query=query, own=[get_language(c) for c in languages_of(account)],
        language=get_language, badges=BADGES, zone=reader_zone(), zones=ZONES, time_left=time_left,
        is_reviewer=account.role >= AccountRole.REVIEWER, is_approver=account.role >= AccountRole.APPROVER)
