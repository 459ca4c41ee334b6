"""The review web application: ``create_app()`` builds it for ``tms serve`` and for gunicorn.

    gunicorn -w 4 -b 127.0.0.1:8000 'tms.web:create_app()'

The project is ``project_root``, else ``TMS_ROOT`` in the configuration or the environment, else the current
directory. Several workers behave as one: catalogs are changed under a file lock with atomic renames,
accounts and history live in the database, and the session secret is shared through ``.tms/secret_key``.
"""
from __future__ import annotations

import os
import secrets
import uuid
from pathlib import Path

from flask import Flask, current_app, jsonify, render_template, request
from flask.sessions import SecureCookieSessionInterface
from jinja2 import TemplateNotFound
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from tms.errors import ConfirmationRequired, Conflict, InputError, NotFound, NotSaved, PermissionDenied, Throttled, TmsError
from tms.storage.database import get_database
from tms.storage.files import atomic_write, locked, remove_stale_temporaries
from tms.storage.layout import Project
from tms.services.sessions import REMEMBER_LIFETIME
from tms.web.jsonbody import SafeJSONProvider

def _web_dir() -> Path:
    """The folder of the templates and static files: ``tms/_web`` in an installed wheel (setup.py puts it
    there), else the top-level ``web/`` folder of a source checkout or an editable install."""
    installed = Path(__file__).resolve().parent.parent / "_web"
    if (installed / "templates").is_dir():
        return installed
    return Path(__file__).resolve().parent.parent.parent / "web"


#: The templates and static files.
WEB_DIR = _web_dir()

DEFAULT_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
               "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def _blueprints() -> list:
    """The blueprints of the application, in registration order."""
    from tms.web import api, api_articles, auth, dashboard, editor, jobs, memory, newsroom, preview, segments, users
    from tms.web import api_suggestions  # noqa: F401  (adds its routes to the API blueprint)
    from tms.web import bulk_pages, context_pages, notification_pages, proposal_pages, work_pages

    return [auth.bp, api.bp, api_articles.bp, dashboard.bp, editor.bp, segments.bp, jobs.bp, preview.bp, users.bp,
            memory.bp, newsroom.bp, proposal_pages.bp, notification_pages.bp, bulk_pages.bp, work_pages.bp,
            context_pages.bp]


def create_app(test_config: dict | None = None, project_root: str | Path | None = None) -> Flask:
    """Build the application for one project; ``test_config`` overrides settings in tests."""
    app = Flask(__name__, template_folder=str(WEB_DIR / "templates"), static_folder=str(WEB_DIR / "static"),
                static_url_path="/static")
    app.json = SafeJSONProvider(app)
    config = dict(test_config or {})
    root = project_root or config.get("TMS_ROOT") or os.environ.get("TMS_ROOT")
    project = Project.locate(root)
    app.config.from_mapping(
        TMS_ROOT=str(project.root),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="tms_session",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_DURATION=REMEMBER_LIFETIME,
        TRUSTED_PROXIES=os.environ.get("TMS_TRUSTED_PROXIES", ""),
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,           # the token lives as long as the session
        CONTENT_SECURITY_POLICY=DEFAULT_CSP,
        JSON_SORT_KEYS=False,
    )
    app.config.update(config)
    app.config["TRUSTED_PROXIES"] = _trusted_proxies(app.config["TRUSTED_PROXIES"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ.get("TMS_SECRET_KEY") or _shared_secret(project)
    if os.environ.get("TMS_SECURE_COOKIES") == "1":
        app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    app.session_interface = _CookieSessions()
    app.extensions["tms.project"] = project
    get_database(project)       # creates or upgrades the schema before the first request
    for folder in (project.root / "locales", project.root / "originals"):
        remove_stale_temporaries(folder)    # left by a writer that was killed

    from tms.web.auth import csrf, login_manager

    csrf.init_app(app)
    login_manager.init_app(app)
    for blueprint in _blueprints():
        app.register_blueprint(blueprint)
    _register_error_handlers(app)
    app.after_request(_security_headers)
    from tms.web.dates import local_datetime

    app.add_template_filter(local_datetime, "local_datetime")
    # Browsers ask for /favicon.ico on pages without a <link rel=icon> (JSON, files): the same icon.
    app.add_url_rule("/favicon.ico", "favicon",
                     lambda: app.send_static_file("favicon.svg"))
    return app


def current_project() -> Project:
    """The project the running application serves."""
    return current_app.extensions["tms.project"]


def _trusted_proxies(value) -> tuple:
    from tms.web.views import parse_proxies

    if not isinstance(value, str):
        return tuple(value)
    try:
        return parse_proxies(value)
    except ValueError as exc:
        raise InputError(f"bad $TMS_TRUSTED_PROXIES {value!r}: {exc}; give addresses or networks, "
                         "separated by commas (127.0.0.1, 10.0.0.0/8)") from None


def _shared_secret(project: Project) -> str:
    # Every worker of one server must sign sessions with the same key: the first one to start writes it.
    path = project.shared_state_dir / "secret_key"
    with locked(path):
        if not path.is_file() or not path.read_text(encoding="utf-8").strip():
            atomic_write(path, secrets.token_hex(32))
            os.chmod(path, 0o600)
        return path.read_text(encoding="utf-8").strip()


def wants_json() -> bool:
    """True for API calls and for pages' scripts asking for JSON."""
    if request.path.startswith("/api/") or request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


#: ``NotSaved`` is 423 (Locked): the catalog cannot be written now, so what was sent was not saved; the
#: request itself was fine and can be sent again once the folder is writable.
_STATUS = ((Throttled, 429), (NotFound, 404), (PermissionDenied, 403), (Conflict, 409), (InputError, 400),
           (NotSaved, 423))
#: What a user sees of an error that is the server's fault: its details go to the server's log only.
SERVER_ERROR = "the server could not complete this request; the error is in the server's log as {reference}"


def error_status(exc: TmsError) -> int:
    """The HTTP status of an error: 404, 403, 409, 400, 429, 423; 500 for anything else."""
    return next((status for kind, status in _STATUS if isinstance(exc, kind)), 500)


def public_message(exc: BaseException) -> str:
    """What a user may read of an error: its message with the project's paths made relative, or, for an
    error that is the server's fault, a reference to the log entry that holds its details."""
    if not isinstance(exc, TmsError) or error_status(exc) == 500:
        reference = uuid.uuid4().hex[:12]
        current_app.logger.error("error %s on %s %s", reference, request.method, request.path, exc_info=exc)
        return SERVER_ERROR.format(reference=reference)
    message = str(exc)
    if isinstance(exc, NotSaved):
        message = f"Your text was not saved: {message}"
    return current_project().without_root(message)


def error_payload(exc: TmsError) -> dict:
    """The JSON body of an error: ``error`` (the message) and, for a conflict, the ``current`` segment."""
    body: dict = {"error": public_message(exc), "status": error_status(exc)}
    if isinstance(exc, Conflict) and exc.current is not None:
        current = exc.current
        body["current"] = current.to_json() if hasattr(current, "to_json") else current
    if isinstance(exc, ConfirmationRequired):
        body["confirm"] = exc.confirm
    return body


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(TmsError)
    def handle_tms_error(exc: TmsError):
        status = error_status(exc)
        if wants_json():
            return jsonify(error_payload(exc)), status
        return _error_page(status, public_message(exc)), status

    @app.errorhandler(Exception)
    def handle_unexpected_error(exc: Exception):
        # Anything else is a bug or a broken server: never show its message (SQL, paths, settings).
        message = public_message(exc)
        if wants_json():
            return jsonify({"error": message, "status": 500}), 500
        return _error_page(500, message), 500

    @app.errorhandler(HTTPException)
    def handle_http_error(exc: HTTPException):
        if wants_json():
            return jsonify({"error": exc.description, "status": exc.code}), exc.code
        return exc


def _error_page(status: int, message: str) -> str:
    try:
        return render_template("error.html", status=status, message=message)
    except TemplateNotFound:
        return (f"<!doctype html><html lang=en><meta charset=utf-8><title>Error {status}</title>"
                f"<h1>Error {status}</h1><p>{escape(message)}</p></html>")


class _CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, without building the cookie signer for a request that sends no
    session cookie (every API call with a token): a new session is empty either way."""

    def open_session(self, app, request):
        if self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)


_PRIVATE_PATHS = ("/api/", "/users/", "/account")


_FIXED_HEADERS = (("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
                  ("Referrer-Policy", "same-origin"), ("Cross-Origin-Opener-Policy", "same-origin"))


def _security_headers(response):
    headers = response.headers
    present = {name.lower() for name, _ in headers.items()}       # one pass, not one per header set
    for name, value in _FIXED_HEADERS:
        if name.lower() not in present:
            headers.add(name, value)
    if "content-security-policy" not in present:
        headers.add("Content-Security-Policy", current_app.config["CONTENT_SECURITY_POLICY"])
    # Pages that may show a new password or API token, and answers about accounts, are never kept by a browser
    # or a proxy.
    if request.path.startswith(_PRIVATE_PATHS) or request.endpoint in ("auth.login",):
        headers["Cache-Control"] = "no-store"
    return response
