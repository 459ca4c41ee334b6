"""The segment editor of one article and language: the page, saving and approving segments, certifying.

Every form here works without the page's script (it posts and comes back to the segment); the script sends
the same forms with ``fetch`` and gets JSON. Both reach the same review service as the JSON API.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import login_required

from tms import inline
from tms.errors import ConfirmationRequired, Conflict, InputError, NotSaved
from tms.languages import get_language
from tms.model import PublicationStatus, SegmentState
from tms.services import certification, review, terminology
from tms.services.checking import project_glossary
from tms.services.comments import list_comments
from tms.services.proposals import open_counts
from tms.web import current_project, public_message, wants_json
from tms.web.auth import current_account
from tms.web.jobs import job_views
from tms.web.views import badge_for_publication, catalog_args, catalog_findings, local_redirect, source_title

bp = Blueprint("editor", __name__)

#: The editor's filters: the segment states plus segments with quality-check findings.
FILTERS = [(s.slug, s.label) for s in SegmentState] + [("failing", "with check failures"),
                                                        ("errors", "with check errors"),
                                                        ("suggested", "with suggestions")]
SHORTCUTS = [
    ("Ctrl+Enter", "Save and go to the next segment (in a segment's text box, as every shortcut)"),
    ("Ctrl+Shift+Enter", "Approve and go to the next segment"),
    ("Alt+↓ / Alt+↑", "Go to the next / previous segment"),
    ("Ctrl+M", "Copy the machine translation into the segment"),
    ("Alt+1 … Alt+9", "Insert tag 1 … 9 of the source (a pair around the selected text)"),
]
#: The shortcuts shown only to those who may approve.
APPROVER_SHORTCUTS = {"Ctrl+Shift+Enter"}
#: What each inline tag is called on its token in the source column.
TAG_LABELS = {"a": "link", "b": "bold", "i": "italic", "u": "underline", "s": "strikethrough", "sub": "subscript",
              "sup": "superscript", "code": "code", "img": "image", "x": "embedded element", "br": "line break"}


@dataclass(frozen=True)
class SourcePart:
    """A piece of a segment's source as the editor shows it: text, or an inline tag shown as a token."""

    text: str                   # the text, or the tag as written ("<a1>", "</a1>", "<br/>")
    kind: str = "text"          # text, open, close, alone, br (as ``tms.inline.Token``)
    number: int = 0
    label: str = ""             # "link 1", "line break"
    title: str = ""             # the tooltip: what the tag stands for ("link 1: https://…")
    insert: str = ""            # what a click inserts: the tag, or "<a1>" + "</a1>" for a pair
    closer: str = ""

    @property
    def short(self) -> str:
        """The token's visible text: "a1", "/a1", "img3", "↵"."""
        return "↵" if self.kind == "br" else self.text.strip("<>").rstrip("/")


def source_parts(source: str, notes: dict[int, str]) -> list[SourcePart]:
    """The source as text and tag tokens, each token saying what it stands for (from ``#. <a1>: …``)."""
    parts: list[SourcePart] = []
    for token in inline.tokens(source):
        if token.kind in ("text", "bad"):
            parts.append(SourcePart(token.text))
            continue
        name = TAG_LABELS.get(token.name, token.name)
        label = name if token.kind == "br" else f"{name} {token.number}"
        title = f"{label}: {notes[token.number]}" if token.number in notes else label
        if token.kind == "close":
            parts.append(SourcePart(token.text, "close", token.number, label, f"end of {label}",
                                    f"<{token.name}{token.number}>", token.text))
        elif token.kind == "open":
            parts.append(SourcePart(token.text, "open", token.number, label, title, token.text,
                                    f"</{token.name}{token.number}>"))
        else:
            parts.append(SourcePart(token.text, token.kind, token.number, label, title, token.text))
    return parts


@dataclass
class SegmentRow:
    """One segment as the editor page shows it."""

    view: review.SegmentView
    findings: list = field(default_factory=list)
    comments: int = 0
    is_block_start: bool = True
    terms: list = field(default_factory=list)       # glossary terms in the source (TermView)
    source_parts: list[SourcePart] = field(default_factory=list)
    proposals: int = 0                              # open suggestions for review


    def __getattr__(self, name):
        return getattr(self.view, name)

    @property
    def role_label(self) -> str:
        """"title", "paragraph", "list item", ..."""
        return self.view.role.replace("-", " ")

    @property
    def unmodified_percent(self) -> int | None:
        """How much of the machine translation no person changed, in percent."""
        share = self.view.unmodified_share
        return None if share is None else round(100 * share)


def _selected_filters() -> list[str]:
    known = {slug for slug, _ in FILTERS}
    chosen = request.args.getlist("state")
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise InputError(f"unknown filter {unknown[0]!r}; use: {', '.join(sorted(known))}")
    return chosen


def _matches(row: SegmentRow, states: list[str], query: str) -> bool:
    if states:
        wanted = (row.view.state.slug in states or ("failing" in states and row.findings)
                  or ("errors" in states and any(f.severity.is_blocking for f in row.findings))
                  or ("suggested" in states and row.proposals))
        if not wanted:
            return False
    if query:
        needle = query.casefold()
        return needle in row.view.source.casefold() or needle in row.view.target.casefold()
    return True


def _rows(project, view: review.CatalogView, findings: dict[str, list]) -> list[SegmentRow]:
    counts: dict[str, int] = {}
    for comment in list_comments(project, view.article_id, view.lang):
        counts[comment.key] = counts.get(comment.key, 0) + 1
    terms = terminology.terms_by_key(project, view.source_language, view.lang,
                                     [(s.key, s.source) for s in view.segments])
    proposals = open_counts(project, view.article_id, view.lang)
    rows, previous_block = [], None
    for segment in view.segments:
        rows.append(SegmentRow(segment, findings.get(segment.key, []), counts.get(segment.key, 0),
                               segment.block != previous_block, terms.get(segment.key, []),
                               source_parts(segment.source, segment.tag_notes), proposals.get(segment.key, 0)))
        previous_block = segment.block
    return rows


def progress_text(view: review.CatalogView) -> str:
    """"3 of 4 translated, 1 approved"."""
    total = len(view.segments)
    translated = sum(1 for s in view.segments if s.state.is_translated)
    approved = sum(1 for s in view.segments if s.state is SegmentState.APPROVED)
    return f"{translated} of {total} translated, {approved} approved"


@bp.get("/articles/<article_id>/<lang>")
@login_required
def page(article_id: str, lang: str):
    """The editor: source and target side by side in article order, with filters and search."""
    article_id, lang = catalog_args(article_id, lang)
    project, account = current_project(), current_account()
    view = review.get_segments(project, article_id, lang)
    states, query = _selected_filters(), request.args.get("q", "").strip()[:200]
    findings = catalog_findings(project, article_id, lang)
    rows = _rows(project, view, findings)
    shown = [row for row in rows if _matches(row, states, query)]
    share = certification.catalog_unmodified_percent(project, article_id, lang)
    return render_template(
        "editor/page.html", view=view, rows=shown, total=len(rows), language=get_language(lang),
        source_language=get_language(view.source_language), title=source_title(view),
        filters=FILTERS, states=states, query=query,
        shortcuts=[s for s in SHORTCUTS if s[0] not in APPROVER_SHORTCUTS or review.is_allowed(account, "approve", lang)],
        badge=badge_for_publication(view.publication), progress=progress_text(view),
        may_edit=review.is_allowed(account, "edit", lang), may_approve=review.is_allowed(account, "approve", lang),
        may_suggest=account is not None and account.is_active,
        may_certify=review.is_allowed(account, "certify", lang),
        blockers=_blockers(project, view, account, findings), machine_share=share,
        threshold=certification.machine_threshold(project, lang),
        glossary_problems=project_glossary(project, lang).problems,
        withdrawal=certification.last_withdrawal(project, article_id, lang)
        if view.publication is not PublicationStatus.OFFICIAL else None,
        jobs=job_views(project, article_id=article_id, lang=lang),
    )


def _blockers(project, view: review.CatalogView, account, findings: dict[str, list]) -> list[dict]:
    if view.publication is PublicationStatus.OFFICIAL or not review.is_allowed(account, "certify", view.lang):
        return []
    every = [f for found in findings.values() for f in found]
    reasons = certification.certification_reasons(project, view.article_id, view.lang, findings=every)
    return [dict(r.to_json(), href=filter_url(view.article_id, view.lang, r.filter)) for r in reasons]


def segment_json(project, article_id: str, lang: str, result: review.SaveResult) -> dict:
    """The JSON answer the editor's script applies to a segment after a save, approval or revert."""
    view = review.catalog_view(result.catalog, article_id, lang)
    findings = catalog_findings(project, article_id, lang, catalog=result.catalog,
                                keys={result.segment.key}).get(result.segment.key, [])
    segment = result.segment.to_json()
    segment.update(
        state_label=result.segment.state.label,
        checks=[{"severity": f.severity.value, "message": f.message, "check": f.check_id} for f in findings],
    )
    badge = badge_for_publication(view.publication)
    answer = {"segment": segment, "progress": progress_text(view),
              "publication": {"value": view.publication.value, "label": badge.label, "badge": badge.css},
              "machine_share": round(certification.unmodified_text_percent(result.catalog, lang), 1),
              "certified": {"by": view.certified_by, "date": view.certified_date} if view.certified_by else None}
    if result.proposal is not None:
        answer["suggestion"] = result.proposal.to_json()
        answer["suggestions"] = open_counts(project, article_id, lang).get(result.segment.key, 0)
    account = current_account()
    if view.publication is not PublicationStatus.OFFICIAL and review.is_allowed(account, "approve", lang):
        withdrawn = certification.last_withdrawal(project, article_id, lang)
        if withdrawn is not None:
            answer["withdrawn"] = {"by": withdrawn.user, "when": withdrawn.when.isoformat(), "reason": withdrawn.note}
    return answer


def filter_url(article_id: str, lang: str, states) -> str:
    """The editor showing only the segments in ``states`` (editor filters); "" for none."""
    return url_for("editor.page", article_id=article_id, lang=lang, state=list(states)) if states else ""


def form_withdrawal() -> review.Withdrawal | None:
    """The confirmation to withdraw official status a form carries (``withdraw_official=1`` and ``reason``)."""
    return review.Withdrawal.confirmed(request.form.get("withdraw_official") == "1", request.form.get("reason", ""))


def back_to(article_id: str, lang: str, number: int | None = None) -> str:
    """The editor URL to return to after a form: the ``next`` field if it is a local path, else the editor."""
    fallback = url_for("editor.page", article_id=article_id, lang=lang)
    target = local_redirect(request.form.get("next"), fallback)
    return f"{target}#seg-{number}" if number else target


@bp.post("/articles/<article_id>/<lang>/segments/<key>")
@login_required
def save(article_id: str, lang: str, key: str):
    """Save (``action=save``) or approve (``action=approve``) one segment as of ``revision``."""
    article_id, lang = catalog_args(article_id, lang)
    project = current_project()
    action = request.form.get("action", "save")
    if action not in ("save", "approve"):
        raise InputError(f"unknown action {action!r}; use 'save' or 'approve'")
    target = request.form.get("target", "").replace("\r\n", "\n")
    if action == "approve":
        state = SegmentState.APPROVED
    elif not target:
        state = SegmentState.UNTRANSLATED
    else:
        state = SegmentState.NEEDS_EDITING if request.form.get("needs_editing") else SegmentState.TRANSLATED
    withdrawal = form_withdrawal()
    try:
        if action == "approve" and request.form.get("confirm_errors") != "1":
            _warn_of_errors(project, article_id, lang, key, target)
        result = review.save_segment(project, current_account(), article_id, lang, key, target, state,
                                     request.form.get("revision", ""), withdrawal=withdrawal)
    except Conflict as exc:
        if wants_json():
            raise
        flash(f"Not saved: {exc}. Your text was: {target}", "error")
        return redirect(back_to(article_id, lang, exc.current.number if exc.current else None))
    except NotSaved as exc:
        if wants_json():
            raise
        flash(f"{public_message(exc)}. Your text was: {target}", "error")
        return redirect(back_to(article_id, lang))
    if result.proposal is not None:
        if wants_json():
            return jsonify(segment_json(project, article_id, lang, result)), 202
        flash(f"Segment {result.segment.number} is approved: your text was kept as a suggestion for a reviewer.",
              "success")
        return redirect(back_to(article_id, lang, result.segment.number))
    if wants_json():
        return jsonify(segment_json(project, article_id, lang, result))
    verb = "approved" if action == "approve" else "saved"
    flash(f"Segment {result.segment.number} {verb}.", "success")
    return redirect(back_to(article_id, lang, result.segment.number))


def _warn_of_errors(project, article_id: str, lang: str, key: str, target: str) -> None:
    """Ask before approving a text with error-level findings (``confirm_errors=1`` approves anyway)."""
    errors = certification.errors_in(project, article_id, lang, key, target)
    if errors:
        raise ConfirmationRequired(
            f"this text has {len(errors)} error-level quality check{'s' if len(errors) > 1 else ''}: "
            + "; ".join(f.message for f in errors) + ". Approve it anyway?", confirm="approve_with_errors")


@bp.get("/articles/<article_id>/<lang>/certification")
@login_required
def certification_panel(article_id: str, lang: str):
    """What the certification panel shows now: the reasons against certifying, each with the editor
    filtered to the segments it concerns (the editor's script asks after every change)."""
    article_id, lang = catalog_args(article_id, lang)
    project, account = current_project(), current_account()
    view = review.get_segments(project, article_id, lang)
    reasons = _blockers(project, view, account, catalog_findings(project, article_id, lang))
    return jsonify({"official": view.publication is PublicationStatus.OFFICIAL, "reasons": reasons})


@bp.post("/articles/<article_id>/<lang>/certify")
@login_required
def certify(article_id: str, lang: str):
    """Certify the catalog as the official translation (approvers)."""
    article_id, lang = catalog_args(article_id, lang)
    view = certification.certify(current_project(), current_account(), article_id, lang)
    if wants_json():
        return jsonify(view.to_json())
    flash(f"{article_id} is now the official {get_language(lang).name} translation.", "success")
    return redirect(url_for("editor.page", article_id=article_id, lang=lang))
