"""Signing in and out: the login form (CSRF-protected), throttled attempts, and the current account.

Sessions live on the server (``tms.services.sessions``): the cookie holds only the session's id, so signing
out, a new password or a disabled account ends a session everywhere its cookie may have been copied.
"""
from __future__ import annotations

from flask import Blueprint, flash, g, jsonify, redirect, render_template, request, url_for
from flask import session as cookie_session
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from wtforms import BooleanField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from tms.errors import PermissionDenied, Throttled
from tms.services import sessions
from tms.services.users import Account, AccountRole, authenticate
from tms.web.views import client_address, local_redirect

bp = Blueprint("auth", __name__)
csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Sign in to continue."
login_manager.session_protection = "strong"


class SessionUser(UserMixin):
    """The Flask-Login user of a browser session: the services' ``Account`` and the id of its session."""

    def __init__(self, account: Account, session_id: str):
        self.account = account
        self.session_id = session_id

    def get_id(self) -> str:
        return self.session_id

    @property
    def is_active(self) -> bool:
        return self.account.is_active

    @property
    def name(self) -> str:
        return self.account.name

    @property
    def role(self) -> AccountRole:
        return self.account.role


@login_manager.user_loader
def _load_user(session_id: str) -> SessionUser | None:
    from tms.web import current_project

    account = sessions.user_for_session(current_project(), session_id)
    return SessionUser(account, session_id) if account else None


def sign_in(account: Account, *, remember: bool = False) -> None:
    """Start a new server-side session for ``account`` in this browser."""
    from tms.web import current_project

    cookie_session.clear()          # nothing of an earlier session (its CSRF token) carries over
    session_id = sessions.start_session(current_project(), account, remember=remember)
    login_user(SessionUser(account, session_id), remember=remember)


def sign_out() -> None:
    """End this browser's session on the server and forget it in the browser."""
    from tms.web import current_project

    if current_user.is_authenticated:
        sessions.end_session(current_project(), current_user.get_id())
    logout_user()


@login_manager.unauthorized_handler
def _unauthorized():
    from tms.web import wants_json

    if wants_json():
        return unauthorized_json()
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def unauthorized_json():
    """The 401 answer to a JSON request made without credentials."""
    return (jsonify({"error": "sign in first, or send an API token as 'Authorization: Bearer TOKEN'", "status": 401}),
            401, {"WWW-Authenticate": 'Bearer realm="tms"'})


def current_account() -> Account | None:
    """The account of this request: from an API token, else from the signed-in session."""
    account = g.get("api_account")
    if account is not None:
        return account
    if current_user.is_authenticated:
        return current_user.account
    return None


class LoginForm(FlaskForm):
    """The sign-in form."""

    username = StringField("Username", validators=[DataRequired(), Length(max=64)],
                           render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField("Keep me signed in")
    submit = SubmitField("Sign in")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the sign-in form; on a right password start a session and go where the user was heading."""
    from tms.web import current_project

    if current_user.is_authenticated and request.method == "GET":
        return redirect(local_redirect(request.args.get("next"), "/"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            account = authenticate(current_project(), form.username.data.strip(), form.password.data,
                                   client_address())
        except Throttled as exc:
            form.form_errors.append(str(exc))
            status = 429
        except PermissionDenied as exc:
            form.form_errors.append(str(exc))
            status = 401
        else:
            sign_in(account, remember=bool(form.remember.data))
            return redirect(local_redirect(request.args.get("next"), "/"))
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """End the session (a POST with the CSRF token, so no other site can sign a user out)."""
    sign_out()
    flash("Signed out.")
    return redirect(url_for("auth.login"))
