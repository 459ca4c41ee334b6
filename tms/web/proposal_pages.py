"""Suggestions beside a segment in the editor: each with a diff against the current text, accepted or
rejected (with a reason) by reviewers. A fragment the editor's script loads, or a page of its own."""
from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request
from flask_login import login_required

from tms.errors import Conflict
from tms.languages import get_language
from tms.services import review
from tms.services.certification import dismiss_check
from tms.services.proposal_decisions import accept_proposal, reject_proposal
from tms.services.proposals import list_proposals
from tms.web import current_project, wants_json
from tms.web.auth import current_account
from tms.web.diffing import diff_html
from tms.web.editor import back_to, form_withdrawal, segment_json
from tms.web.views import catalog_args

bp = Blueprint("proposals", __name__)


@bp.get("/articles/<article_id>/<lang>/segments/<key>/proposals")
@login_required
def listing(article_id: str, lang: str, key: str):
    """The open suggestions of one segment, each with what it changes in the current text."""
    article_id, lang = catalog_args(article_id, lang)
    project = current_project()
    segment = review.get_segment(project, article_id, lang, key)
    proposals = [(p, diff_html(segment.target, p.target)) for p in list_proposals(project, article_id, lang, key)]
    return render_template("proposals/list.html", article_id=article_id, lang=lang, segment=segment,
                           language=get_language(lang), proposals=proposals,
                           may_decide=review.is_allowed(current_account(), "approve", lang),
                           is_fragment=request.headers.get("X-Requested-With") == "fetch")


@bp.post("/articles/<article_id>/<lang>/segments/<key>/proposals/<int:proposal_id>/accept")
@login_required
def accept(article_id: str, lang: str, key: str, proposal_id: int):
    """Make the suggestion the segment's approved translation."""
    article_id, lang = catalog_args(article_id, lang)
    project = current_project()
    withdrawal = form_withdrawal()
    try:
        result = accept_proposal(project, current_account(), article_id, lang, key, proposal_id,
                                 withdrawal=withdrawal)
    except Conflict as exc:
        if wants_json():
            raise
        flash(f"Not accepted: {exc}", "error")
        return redirect(back_to(article_id, lang))
    if wants_json():
        return jsonify(segment_json(project, article_id, lang, result))
    flash(f"Suggestion by {result.proposal.author} accepted in segment {result.segment.number}.", "success")
    return redirect(back_to(article_id, lang, result.segment.number))


@bp.post("/articles/<article_id>/<lang>/segments/<key>/proposals/<int:proposal_id>/reject")
@login_required
def reject(article_id: str, lang: str, key: str, proposal_id: int):
    """Turn the suggestion down with a reason."""
    article_id, lang = catalog_args(article_id, lang)
    proposal = reject_proposal(current_project(), current_account(), article_id, lang, key, proposal_id,
                               request.form.get("reason", ""))
    if wants_json():
        return jsonify({"suggestion": proposal.to_json()})
    flash(f"Suggestion by {proposal.author} rejected.", "success")
    return redirect(back_to(article_id, lang))


@bp.post("/articles/<article_id>/<lang>/segments/<key>/checks/<check_id>/dismiss")
@login_required
def dismiss(article_id: str, lang: str, key: str, check_id: str):
    """Dismiss a check's finding on the segment as a false positive, with a reason (approvers)."""
    article_id, lang = catalog_args(article_id, lang)
    change = dismiss_check(current_project(), current_account(), article_id, lang, key, check_id,
                           request.form.get("reason", ""))
    if wants_json():
        return jsonify({"change": change, "check": check_id})
    flash(f"Check {check_id} dismissed for this segment.", "success")
    return redirect(back_to(article_id, lang))
