""""Queue": the catalogs of the signed-in person's languages with what is left in them for that person."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import login_required

from tms.languages import get_language
from tms.services.work import error_counts, my_work
from tms.web import current_project
from tms.web.auth import current_account

bp = Blueprint("work", __name__)
#: The catalogs listed, most work first; their checks run for each view, to count the errors.
SHOWN = 100


@bp.get("/my-work")
@login_required
def index():
    """What waits for the person, most work first."""
    account = current_account()
    project = current_project()
    items = my_work(project, account)
    shown = items[:SHOWN]
    return render_template("work/index.html", items=shown, total=len(items), language=get_language,
                           errors=error_counts(project, shown),
                           is_reviewer=account.role.slug in ("reviewer", "approver", "admin"))
