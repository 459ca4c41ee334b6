"""The preview: an article in one language exactly as ``tms render`` publishes it, with a bar to go back.

The page is the rendering service's own HTML (notice "unofficial translation", language switcher and all),
its switcher pointing at the other previews. Untranslated segments show the source, marked, so drafts
can be previewed too.
"""
from __future__ import annotations

import re

from flask import Blueprint, render_template, request

from flask_login import login_required

from tms.languages import get_language
from tms.services import rendering
from tms.services.page_html import render_html
from tms.web import current_project
from tms.web.views import catalog_args

bp = Blueprint("preview", __name__, url_prefix="/preview")
_BODY = re.compile(r"<body[^>]*>")


@bp.get("/<article_id>/<lang>")
@login_required
def page(article_id: str, lang: str):
    """The rendered article in ``lang`` (the source language shows the original)."""
    article_id, lang = catalog_args(article_id, lang)
    project = current_project()
    project.require_article(article_id)
    pattern = request.script_root + "/preview/{id}/{lang}"
    page_data = rendering.build_page(project, article_id, lang, allow_partial=True, links=pattern)
    document = render_html(page_data)
    bar = render_template("preview/bar.html", page=page_data, language=get_language(lang),
                          article_id=article_id, lang=lang)
    match = _BODY.search(document)
    if match is None:       # not a document this page knows how to frame: show it as it is
        return document
    return document[:match.end()] + "\n" + bar + document[match.end():]
