"""Accounts in the browser: the admins' users page, and each person's own password and API tokens.

A generated password or a new API token is shown once, on the page that answers the request that made
it; it is never put in a redirect, a flashed message or the session cookie.
"""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_required
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, SelectMultipleField, StringField, SubmitField, widgets
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from tms.errors import Conflict, InputError, NotFound, PermissionDenied, Throttled
from tms.languages import CODES, get_language
from tms.services import users as user_service
from tms.services import sessions
from tms.services.passwords import MAX_PASSWORD, MIN_PASSWORD
from tms.services.users import Account, AccountRole, require
from tms.web import current_project, error_status
from tms.web.auth import current_account, sign_in, sign_out
from tms.web.views import client_address

bp = Blueprint("users", __name__)


class _Checkboxes(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes, each with its own label."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class AccountForm(FlaskForm):
    """An account's role, languages and whether it may sign in."""

    role = SelectField("Role", choices=[SelectChoice(r.slug, r.slug.capitalize()) for r in AccountRole])
    all_languages = BooleanField("Every language")
    languages = _Checkboxes("Languages", choices=[SelectChoice(c, f"{get_language(c).name} ({c})") for c in CODES])
    is_active = BooleanField("May sign in", default=True)
    submit = SubmitField("Save")

    def chosen_languages(self) -> str:
        """"*" for every language, else the ticked codes; ``InputError`` when none is chosen."""
        if self.all_languages.data or self.role.data == AccountRole.ADMIN.slug:
            return "*"
        if not self.languages.data:
            raise InputError("choose the languages the account may work in, or 'Every language'")
        return ",".join(self.languages.data)


class NewAccountForm(AccountForm):
    """A new account: its name besides what every account has; the password is generated."""

    name = StringField("Username", validators=[DataRequired(), Length(max=64)], render_kw={"autocomplete": "off"})
    submit = SubmitField("Add account")


class PasswordForm(FlaskForm):
    """A person's change of their own password."""

    current = PasswordField("Current password", validators=[DataRequired()],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField("New password", validators=[DataRequired(), Length(min=MIN_PASSWORD, max=MAX_PASSWORD)],
                        render_kw={"autocomplete": "new-password"},
                        description=f"At least {MIN_PASSWORD} characters and hard to guess: a few uncommon words "
                                    "work well; common and leaked passwords are refused.")
    confirm = PasswordField("New password again", validators=[EqualTo("new", message="the two new passwords differ")],
                            render_kw={"autocomplete": "new-password"})
    submit = SubmitField("Change password")


class TokenForm(FlaskForm):
    """A new API token of one's own."""

    label = StringField("Label", validators=[Length(max=64)], description="To tell your tokens apart, e.g. 'laptop'")
    submit = SubmitField("Create token")


# -- the admins' pages ----------------------------------------------------------------------------
def _admin() -> Account:
    return require(current_account(), "manage-users")


@bp.get("/users/")
@login_required
def index():
    """Every account with its role, languages, state and API tokens, and the form to add one."""
    _admin()
    return _index_page(NewAccountForm(formdata=None))


def _index_page(form: NewAccountForm, status: int = 200):
    project = current_project()
    page = render_template("users/index.html", accounts=user_service.list_users(project),
                           tokens=user_service.token_counts(project), form=form)
    return page, status


@bp.post("/users/")
@login_required
def add():
    """Create an account with a generated password, shown once on the account's page."""
    _admin()
    form = NewAccountForm()
    if not form.validate_on_submit():
        return _index_page(form, 400)
    password = user_service.generate_password()
    try:
        account = user_service.create_user(current_project(), form.name.data.strip(), form.role.data, password,
                                           form.chosen_languages())
    except (InputError, Conflict) as exc:
        form.form_errors.append(str(exc))
        return _index_page(form, error_status(exc))
    return _account_page(account, secret=password, created=True), 201


@bp.get("/users/<name>")
@login_required
def edit(name: str):
    """One account: its role, languages and state, its API tokens, and what an admin can do to it."""
    _admin()
    return _account_page(user_service.get_user(current_project(), name))


def _account_page(account: Account, form: AccountForm | None = None, *, secret: str = "", created: bool = False):
    if form is None:
        form = AccountForm(formdata=None, role=account.role.slug, all_languages=account.languages is None,
                           languages=list(account.languages or ()), is_active=account.is_active)
    return render_template("users/edit.html", account=account, form=form, secret=secret, created=created,
                           session_count=sessions.count_sessions(current_project(), account.name),
                           tokens=user_service.list_tokens(current_project(), account.name))


@bp.post("/users/<name>")
@login_required
def update(name: str):
    """Save an account's role, languages and state."""
    _admin()
    project = current_project()
    form = AccountForm()
    status = 400
    if form.validate_on_submit():
        try:
            user_service.update_user(project, name, role=form.role.data, languages=form.chosen_languages(),
                                     is_active=form.is_active.data)
        except (InputError, Conflict) as exc:
            form.form_errors.append(str(exc))
            status = error_status(exc)
        else:
            flash(f"Saved {name}.", "success")
            return redirect(url_for("users.edit", name=name))
    return _account_page(user_service.get_user(project, name), form), status


@bp.post("/users/<name>/password")
@login_required
def new_password(name: str):
    """Give the account a new generated password, shown once; its browser sessions end."""
    _admin()
    project = current_project()
    password = user_service.generate_password()
    account = user_service.update_user(project, name, password=password)
    return _account_page(account, secret=password)


@bp.post("/users/<name>/sessions/end")
@login_required
def end_account_sessions(name: str):
    """Sign the account out everywhere (its API tokens keep working)."""
    _admin()
    count = sessions.end_sessions(current_project(), name)
    flash(f"Ended {count} session{'' if count == 1 else 's'} of {name}.", "success")
    return redirect(url_for("users.edit", name=name))


@bp.post("/users/<name>/tokens/revoke")
@login_required
def revoke_tokens(name: str):
    """Delete every API token of the account."""
    _admin()
    count = user_service.revoke_tokens(current_project(), name)
    flash(f"Revoked {count} API token{'' if count == 1 else 's'} of {name}.", "success")
    return redirect(url_for("users.edit", name=name))


@bp.post("/users/<name>/delete")
@login_required
def delete(name: str):
    """Delete the account (its history and comments keep the name); the form must confirm it."""
    _admin()
    if request.form.get("confirm") != name:
        raise InputError(f"to delete the account, type its name ({name}) in the box beside the button")
    user_service.delete_user(current_project(), name)
    flash(f"Deleted the account {name}.", "success")
    return redirect(url_for("users.index"))


# -- one's own account ----------------------------------------------------------------------------
@bp.get("/account")
@login_required
def account():
    """The signed-in person's account: password and API tokens."""
    return _own_page()


def _own_page(password_form: PasswordForm | None = None, token_form: TokenForm | None = None, *, secret: str = ""):
    me = current_account()
    return render_template("users/account.html", account=me, secret=secret, min_password=MIN_PASSWORD,
                           session_count=sessions.count_sessions(current_project(), me.name),
                           password_form=password_form or PasswordForm(formdata=None),
                           token_form=token_form or TokenForm(formdata=None),
                           tokens=user_service.list_tokens(current_project(), me.name))


@bp.post("/account/password")
@login_required
def change_password():
    """Change one's own password; every session of the account ends, and this browser gets a new one."""
    me, form = current_account(), PasswordForm()
    if not form.validate_on_submit():
        return _own_page(password_form=form), 400
    try:
        account = user_service.change_password(current_project(), me.name, form.current.data, form.new.data,
                                               client_address())
    except InputError as exc:
        form.new.errors = [str(exc)]
        return _own_page(password_form=form), 400
    except (PermissionDenied, Throttled) as exc:
        form.current.errors = [str(exc) if isinstance(exc, Throttled) else "the current password is not right"]
        return _own_page(password_form=form), 429 if isinstance(exc, Throttled) else 400
    sign_in(account)
    flash("Password changed. Your other sessions have ended.", "success")
    return redirect(url_for("users.account"))


@bp.post("/account/sessions/end")
@login_required
def end_sessions():
    """Sign out everywhere: end every session of one's own account, this one included."""
    sessions.end_sessions(current_project(), current_account().name)
    sign_out()
    flash("Signed out everywhere. Sign in again to continue.", "success")
    return redirect(url_for("auth.login"))


@bp.post("/account/tokens")
@login_required
def create_token():
    """Make a new API token of one's own, shown once."""
    me, form = current_account(), TokenForm()
    if not form.validate_on_submit():
        return _own_page(token_form=form), 400
    token = user_service.create_token(current_project(), me.name, form.label.data.strip())
    return _own_page(secret=token), 201


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    """Delete one API token of one's own."""
    try:
        user_service.revoke_token(current_project(), current_account().name, token_id)
    except NotFound:
        raise NotFound(f"you have no API token #{token_id}") from None
    flash("Token revoked.", "success")
    return redirect(url_for("users.account"))
