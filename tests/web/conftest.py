"""Fixtures of the web tests: ``app``, ``client``, ``runner``, and an account of each role with an API token."""
from __future__ import annotations

import secrets
import shutil
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from itsdangerous import URLSafeTimedSerializer

from tms.services import users as user_service
from tms.services.users import create_token, create_user
from tms.storage.database import close_databases
from tms.storage.layout import Project
from tests.web.factory import build_article

PASSWORD = "correct horse battery"
#: Cheap password hashing for the tests (production keeps scrypt).
FAST_HASH = "pbkdf2:sha256:1000"

#: name, role, languages (None: all)
ACCOUNTS = {
    "translator": ("tina", "translator", "ja"),
    "reviewer": ("rita", "reviewer", "ja,ar"),
    "approver": ("alex", "approver", "ja"),
    "admin": ("ada", "admin", None),
    "translator_de": ("dirk", "translator", "de"),
}


@dataclass
class WebUser:
    """An account the tests sign in as."""

    name: str
    role: str
    password: str
    token: str


@pytest.fixture(scope="session")
def _accounts_db(tmp_path_factory):
    # The accounts (and the migrated schema) are made once; every test gets a copy of their database.
    root = tmp_path_factory.mktemp("accounts")
    project = Project(root)
    users = {}
    method, user_service.PASSWORD_METHOD = user_service.PASSWORD_METHOD, FAST_HASH
    try:
        for key, (name, role, langs) in ACCOUNTS.items():
            create_user(project, name, role, PASSWORD, langs)
            users[key] = WebUser(name, role, PASSWORD, create_token(project, name, "tests"))
    finally:
        user_service.PASSWORD_METHOD = method
        close_databases()
    return project.state_dir / "tms.sqlite3", users


@pytest.fixture
def web_project(project, _accounts_db, monkeypatch) -> Project:
    """A project with the four-segment article ``demo`` in ja, ar and de, and the test accounts."""
    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)
    monkeypatch.setattr(user_service, "PASSWORD_METHOD", FAST_HASH)
    monkeypatch.delenv("TMS_ROOT", raising=False)
    source, _ = _accounts_db
    project.state_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, project.state_dir / "tms.sqlite3")
    build_article(project)
    yield project
    close_databases()


@pytest.fixture
def users(_accounts_db) -> SimpleNamespace:
    """The accounts: translator (ja), reviewer (ja, ar), approver (ja), admin, translator_de (de)."""
    return SimpleNamespace(**_accounts_db[1])


@pytest.fixture
def app(web_project):
    """The application serving ``web_project``, with CSRF protection on as in production."""
    from tms.web import create_app

    return create_app({"TESTING": True, "SECRET_KEY": "test-secret"}, project_root=web_project.root)


@pytest.fixture
def client(app):
    """A test client of ``app``."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A runner for the application's Flask CLI commands."""
    return app.test_cli_runner()


def csrf_token(client) -> str:
    """A valid CSRF token for the client's session, as the pages embed it in their forms."""
    with client.session_transaction() as session:
        raw = session.setdefault("csrf_token", secrets.token_hex(20))
    return URLSafeTimedSerializer(client.application.secret_key, salt="wtf-csrf-token").dumps(raw)


def login(client, user: WebUser, password: str | None = None, headers: dict | None = None, **extra):
    """Sign in through the login form; returns the response."""
    token = csrf_token(client)
    return client.post("/login", data={"username": user.name, "password": password or user.password,
                                       "csrf_token": token, **extra}, headers=headers or {})


def bearer(user: WebUser) -> dict:
    """The Authorization header of ``user``'s API token."""
    return {"Authorization": f"Bearer {user.token}"}


# The throwaway PostgreSQL server of the storage tests, for the web tests that run on both databases.
from tests.storage.conftest import postgres_server, postgres_url  # noqa: E402,F401


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_app(request, web_project):
    """The application of ``web_project`` on SQLite, and again on a fresh PostgreSQL database with the same
    accounts (their API tokens are new: see ``any_db_tokens``)."""
    from tms.web import create_app

    tokens = {}
    if request.param == "postgresql":
        request.getfixturevalue("postgres_url")
        for key, (name, role, langs) in ACCOUNTS.items():
            create_user(web_project, name, role, PASSWORD, langs)
            tokens[key] = create_token(web_project, name, "tests")
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret"}, project_root=web_project.root)
    app.extensions["tests.tokens"] = tokens
    return app


def token_of(app, user: WebUser) -> dict:
    """The Authorization header of ``user`` in ``app`` (from ``any_db_app``)."""
    key = next(k for k, (name, *_rest) in ACCOUNTS.items() if name == user.name)
    return {"Authorization": f"Bearer {app.extensions['tests.tokens'].get(key, user.token)}"}
