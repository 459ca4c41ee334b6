""""My work": the catalogs of the signed-in person's languages with what is left in them for that person."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import login_required

from tms.languages import get_language
from tms.services.work import my_work
from tms.web import current_project
from tms.web.auth import current_account

bp = Blueprint("work", __name__)


@bp.get("/my-work")
@login_required
def index():
    """What waits for the person, most work first."""
    account = current_account()
    items = my_work(current_project(), account)
    return render_template("work/index.html", items=items, language=get_language,
                           is_reviewer=account.role.slug in ("reviewer", "approver", "admin"))
