"""What the editor shows beside one segment: its history (with revert), its comments, and suggestions.

History and comments are HTML fragments the editor's script loads into the page; opened without the
script they are pages of their own. Suggestions are JSON: translation-memory matches with their scores,
and on request the configured machine-translation engine's output.
"""
from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request
from flask_login import login_required

from tms.errors import Conflict
from tms.languages import get_language
from tms.services import review
from tms.services.comments import add_comment, list_comments
from tms.services.users import require
from tms.services.suggestions import editor_suggestions
from tms.web import current_project, wants_json
from tms.web.auth import current_account
from tms.web.diffing import diff_html
from tms.web.editor import back_to, form_withdrawal, segment_json
from tms.web.views import catalog_args

bp = Blueprint("segments", __name__)

def _segment_page(template: str, article_id: str, lang: str, key: str, name: str, listing):
    """A page (or, for the editor's script, a fragment) about one segment, with what
    ``listing(project, article_id, lang, key)`` gives as the template's ``name``."""
    article_id, lang = catalog_args(article_id, lang)
    project = current_project()
    segment = review.get_segment(project, article_id, lang, key)
    return render_template(template, article_id=article_id, lang=lang, segment=segment,
                           language=get_language(lang), **{name: listing(project, article_id, lang, key)},
                           may_edit=review.is_allowed(current_account(), "edit", lang),
                           is_fragment=request.headers.get("X-Requested-With") == "fetch")


@bp.get("/articles/<article_id>/<lang>/segments/<key>/history")
@login_required
def history(article_id: str, lang: str, key: str):
    """The changes of one segment, newest first, each with a button to go back to before it."""
    return _segment_page("segments/history.html", article_id, lang, key, "changes",
                         lambda *segment: review.history(*segment, limit=100))


@bp.post("/articles/<article_id>/<lang>/segments/<key>/history/<int:change_id>/revert")
@login_required
def revert(article_id: str, lang: str, key: str, change_id: int):
    """Put the segment back to its text and state before the change ``change_id``."""
    article_id, lang = catalog_args(article_id, lang)
    project = current_project()
    try:
        result = review.revert(project, current_account(), change_id, request.form.get("revision") or None,
                               segment=(article_id, lang, key), withdrawal=form_withdrawal())
    except Conflict as exc:
        if wants_json():
            raise
        flash(f"Not reverted: {exc}", "error")
        return redirect(back_to(article_id, lang))
    if wants_json():
        return jsonify(segment_json(project, article_id, lang, result))
    flash(f"Segment {result.segment.number} reverted.", "success")
    return redirect(back_to(article_id, lang, result.segment.number))


@bp.get("/articles/<article_id>/<lang>/segments/<key>/comments")
@login_required
def comments(article_id: str, lang: str, key: str):
    """The comments on one segment, oldest first, and a form to add one."""
    return _segment_page("segments/comments.html", article_id, lang, key, "comments", list_comments)


@bp.post("/articles/<article_id>/<lang>/segments/<key>/comments")
@login_required
def comment(article_id: str, lang: str, key: str):
    """Add a comment on one segment."""
    article_id, lang = catalog_args(article_id, lang)
    project = current_project()
    segment = review.get_segment(project, article_id, lang, key)
    added = add_comment(project, current_account(), article_id, lang, key, request.form.get("text", ""))
    if wants_json():
        count = len(list_comments(project, article_id, lang, key))
        return jsonify({"comment": added.to_json(), "count": count}), 201
    flash(f"Comment added to segment {segment.number}.", "success")
    return redirect(back_to(article_id, lang, segment.number))


@bp.get("/articles/<article_id>/<lang>/segments/<key>/suggestions")
@login_required
def suggestions(article_id: str, lang: str, key: str):
    """Translation-memory matches (with scores); with ``?mt=1`` also the configured engine's translation."""
    article_id, lang = catalog_args(article_id, lang)
    require(current_account(), "edit", lang)
    project = current_project()
    found = editor_suggestions(project, article_id, lang, key, with_machine=request.args.get("mt") == "1")
    machine = _suggestion_json(found.machine, f"machine translation ({_engine_label(found.machine)})") \
        if found.machine else None
    source = review.get_segment(project, article_id, lang, key).source
    memory = [dict(_suggestion_json(s, "translation memory"), source_diff=str(diff_html(s.source, source)))
              for s in found.memory]
    return jsonify({"memory": memory, "machine": machine, "error": found.error})


def _suggestion_json(suggestion, origin: str) -> dict:
    where = suggestion.origin
    return {"text": suggestion.text, "score": suggestion.score, "engine": suggestion.engine,
            "pivot": suggestion.pivot or None, "source": suggestion.source,
            "origin": f"{origin}, {where}" if where else origin}


def _engine_label(suggestion) -> str:
    """The engine, and the language it translated through: "apertium through Spanish"."""
    if not suggestion.pivot:
        return suggestion.engine
    return f"{suggestion.engine} through {get_language(suggestion.pivot).name}"
