"""The translation memory in the browser, for admins: what it holds, a concordance search, and uploads of
TMX and tab-separated memories (``tms.services.archive`` does the work)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from tms.errors import InputError
from tms.languages import CODES, get_language
from tms.services import archive
from tms.services.users import require
from tms.web import current_project, error_status
from tms.web.auth import current_account

bp = Blueprint("memory", __name__)
#: Units a search shows at most.
SEARCH_LIMIT = 50
_LANGUAGES = [SelectChoice("", "(any)")] + [SelectChoice(code, f"{get_language(code).name} ({code})")
                                            for code in CODES]


class UploadForm(FlaskForm):
    """A TMX or tab-separated memory to add, with the languages a tab-separated file needs."""

    file = FileField("Memory file (.tmx, .tsv)", validators=[FileRequired("choose a file to upload")])
    source_lang = SelectField("Source language", choices=_LANGUAGES, validators=[Optional()],
                              description="Needed for tab-separated files; for TMX, instead of its srclang.")
    target_lang = SelectField("Target language", choices=_LANGUAGES, validators=[Optional()],
                              description="Needed for tab-separated files; for TMX, import only this one.")
    submit = SubmitField("Import")


class SearchForm(FlaskForm):
    """A concordance search: text, and optionally the languages."""

    class Meta:
        csrf = False            # a GET search changes nothing

    q = StringField("Text", validators=[Length(max=200)])
    source_lang = SelectField("From", choices=_LANGUAGES, validators=[Optional()])
    target_lang = SelectField("Into", choices=_LANGUAGES, validators=[Optional()])


def _admin() -> None:
    require(current_account(), "manage-memory")


@bp.get("/memory/")
@login_required
def index():
    """What the memory holds, the search form and its results, and the upload form."""
    _admin()
    return _page(UploadForm(formdata=None))


def _page(upload: UploadForm, status: int = 200):
    project = current_project()
    search = SearchForm(request.args)
    results, search_error = None, None
    if search.q.data and search.validate():
        try:
            results = archive.search_memory(project, search.q.data, source_lang=search.source_lang.data or None,
                                            target_lang=search.target_lang.data or None, limit=SEARCH_LIMIT)
        except InputError as exc:
            search_error = str(exc)
    return render_template("memory/index.html", stats=archive.memory_stats(project), upload=upload,
                           search=search, results=results, search_error=search_error,
                           limit=SEARCH_LIMIT), status


@bp.post("/memory/")
@login_required
def upload():
    """Add an uploaded memory file; a bad file is refused with what and where, and adds nothing."""
    account = require(current_account(), "manage-memory")
    form = UploadForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    stored = form.file.data
    try:
        report = archive.import_memory_data(current_project(), stored.read(), stored.filename or "upload",
                                            source_lang=form.source_lang.data or None,
                                            target_lang=form.target_lang.data or None, by=account.name)
    except InputError as exc:
        form.form_errors.append(str(exc))
        return _page(form, error_status(exc))
    flash(f"{report.name}: {report.added} units added, {report.known} already in the memory.", "success")
    return redirect(url_for("memory.index"), 303)
