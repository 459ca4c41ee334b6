"""``tms user`` and ``tms db upgrade`` through the click runner."""
from __future__ import annotations

import json

import pytest

from tms.cli.main import cli
from tms.services import users as user_service
from tms.storage.database import close_databases


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)
    monkeypatch.setattr(user_service, "PASSWORD_METHOD", "pbkdf2:sha256:1000")   # fast hashing for tests
    yield
    close_databases()


def _run(runner, project, *args, input=None):
    return runner.invoke(cli, ["--root", str(project.root), *args], input=input)


def test_add_with_password_on_stdin(runner, project):
    result = _run(runner, project, "user", "add", "tina", "--role", "translator", "--lang", "ja,zh",
                  "--password-stdin", input="a long passphrase\n")
    assert result.exit_code == 0, result.output
    assert "created translator tina (languages: ja,zh)" in result.output
    assert "a long passphrase" not in result.output
    assert user_service.authenticate(project, "tina", "a long passphrase").languages == ("ja", "zh")


def test_add_with_a_prompted_password(runner, project):
    result = _run(runner, project, "user", "add", "rita", "--role", "reviewer",
                  input="a long passphrase\na long passphrase\n")
    assert result.exit_code == 0, result.output
    assert user_service.authenticate(project, "rita", "a long passphrase").role.slug == "reviewer"


def test_demo_admin_with_a_generated_password(runner, project):
    result = _run(runner, project, "user", "add", "admin", "--role", "admin", "--generate-password")
    assert result.exit_code == 0, result.output
    password = result.output.split("password: ")[1].strip()
    assert len(password) >= 16
    assert user_service.authenticate(project, "admin", password).role.slug == "admin"


@pytest.mark.parametrize("args, code, message", [
    (["--role", "boss"], 2, "Invalid value for '--role'"),
    (["--role", "translator", "--lang", "ja,xx"], 2, "unknown language code 'xx'"),
    (["--role", "translator", "--password-stdin", "--generate-password"], 2, "either"),
])
def test_bad_arguments_exit_2(runner, project, args, code, message):
    result = _run(runner, project, "user", "add", "tina", *args, input="a long passphrase\n")
    assert result.exit_code == code
    assert message in result.output
    assert user_service.list_users(project) == []


def test_bad_values_exit_1_with_a_message(runner, project):
    short = _run(runner, project, "user", "add", "tina", "--role", "translator", "--password-stdin", input="short\n")
    assert short.exit_code == 1 and "password too short" in short.output
    common = _run(runner, project, "user", "add", "tina", "--role", "translator", "--password-stdin",
                  input="password123\n")
    assert common.exit_code == 1 and "common password" in common.output
    spaces = _run(runner, project, "user", "add", "tina", "--role", "translator", "--password-stdin",
                  input=" " * 12 + "\n")
    assert spaces.exit_code == 1 and "only spaces" in spaces.output
    assert user_service.list_users(project) == []
    bad_name = _run(runner, project, "user", "add", "a b", "--role", "translator", "--generate-password")
    assert bad_name.exit_code == 1 and "invalid user name" in bad_name.output
    _run(runner, project, "user", "add", "tina", "--role", "translator", "--generate-password")
    again = _run(runner, project, "user", "add", "tina", "--role", "admin", "--generate-password")
    assert again.exit_code == 1 and "already exists" in again.output


def test_token_list_set_passwd_remove(runner, project):
    _run(runner, project, "user", "add", "tina", "--role", "translator", "--lang", "ja", "--generate-password")
    token = _run(runner, project, "user", "token", "tina").output.strip()
    assert user_service.user_for_token(project, token).name == "tina"
    assert _run(runner, project, "user", "token", "nobody").exit_code == 1

    table = _run(runner, project, "user", "list").output
    assert "tina" in table and "translator" in table and "ja" in table
    listed = json.loads(_run(runner, project, "user", "list", "--format", "json").output)
    assert listed == [{"name": "tina", "role": "translator", "active": True, "languages": ["ja"]}]

    changed = _run(runner, project, "user", "set", "tina", "--role", "reviewer", "--lang", "all", "--disabled")
    assert changed.exit_code == 0 and "tina: reviewer, languages: all, disabled" in changed.output
    result = _run(runner, project, "user", "passwd", "tina", "--password-stdin", input="brand new passphrase\n")
    assert result.exit_code == 0
    _run(runner, project, "user", "set", "tina", "--active")
    assert user_service.authenticate(project, "tina", "brand new passphrase").role.slug == "reviewer"

    assert "revoked 1 token" in _run(runner, project, "user", "token", "tina", "--revoke").output
    assert _run(runner, project, "user", "remove", "tina").exit_code == 0
    assert "no accounts" in _run(runner, project, "user", "list").output


def test_db_upgrade(runner, project):
    result = _run(runner, project, "db", "upgrade")
    assert result.exit_code == 0, result.output
    from tms.storage.migrations import head_revision

    assert f"is at revision {head_revision()}" in result.output and head_revision() == "0007"
    assert (project.state_dir / "tms.sqlite3").is_file()


def test_if_missing_makes_the_demo_admin_once(runner, project):
    first = _run(runner, project, "user", "add", "admin", "--role", "admin", "--generate-password", "--if-missing")
    assert first.exit_code == 0 and "password: " in first.output
    password = first.output.split("password: ")[1].strip()
    again = _run(runner, project, "user", "add", "admin", "--role", "admin", "--generate-password", "--if-missing")
    assert again.exit_code == 0, again.output
    assert "exists; its password is unchanged" in again.output and "password: " not in again.output
    assert user_service.authenticate(project, "admin", password).role.slug == "admin"


def test_signout_ends_every_session_of_the_account(runner, project):
    from tms.services import sessions

    _run(runner, project, "user", "add", "tina", "--role", "translator", "--generate-password")
    account = user_service.get_user(project, "tina")
    ids = [sessions.start_session(project, account) for _ in range(2)]
    result = _run(runner, project, "user", "signout", "tina")
    assert result.exit_code == 0 and "ended 2 sessions of tina" in result.output
    assert all(sessions.user_for_session(project, i) is None for i in ids)
    assert _run(runner, project, "user", "signout", "nobody").exit_code == 1
