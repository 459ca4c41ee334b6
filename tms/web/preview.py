"""The preview: an article in one language exactly as ``tms render`` publishes it, with a bar to go back.

The page is the rendering service's own HTML (notice "unofficial translation", language switcher and all),
its switcher pointing at the other previews. Untranslated segments show the source, marked, so drafts
can be previewed too.
"""
from __future__ import annotations

import re

from flask import Blueprint, abort, make_response, render_template, request, send_from_directory

from flask_login import login_required

from tms.languages import get_language
from tms.services import rendering
from tms.services.sources import assets_folder
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
    if match is not None:
        document = document[:match.end()] + "\n" + bar + document[match.end():]
    response = make_response(document)
    # The article's own photos and embedded players come from its site, as on the published page.
    response.headers["Content-Security-Policy"] = _PREVIEW_CSP
    return response


_PREVIEW_CSP = ("default-src 'self'; img-src 'self' data: https:; media-src 'self' https:; frame-src https:; "
                "style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'self'; "
                "form-action 'self'; frame-ancestors 'none'")
_ASSET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


@bp.get("/<article_id>/<folder>/<name>")
@login_required
def asset(article_id: str, folder: str, name: str):
    """A file an article embeds (a Word or HWPX file's images, kept in ``originals/<id>.files/``)."""
    project = current_project()
    project.require_article(article_id)
    if folder != assets_folder(article_id) or not _ASSET_NAME.fullmatch(name) or ".." in name:
        abort(404)
    return send_from_directory(project.originals_dir / folder, name)
