"""The memory search (concordance) of the editor: a fragment the editor's script loads into its side
panel, or a page of its own without the script."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import login_required

from tms.languages import get_language
from tms.services import review
from tms.services.context import concordance
from tms.web import current_project
from tms.web.views import catalog_args

bp = Blueprint("context", __name__)


@bp.get("/articles/<article_id>/<lang>/concordance")
@login_required
def search(article_id: str, lang: str):
    """Translated segments of the whole project whose source or translation contains ``q``."""
    article_id, lang = catalog_args(article_id, lang)
    project = current_project()
    view = review.get_segments(project, article_id, lang)
    query = request.args.get("q", "")
    hits = concordance(project, view.source_language, lang, query)
    return render_template("context/concordance.html", article_id=article_id, lang=lang, query=query, hits=hits,
                           language=get_language(lang), source_language=get_language(view.source_language),
                           is_fragment=request.headers.get("X-Requested-With") == "fetch")
