"""Browser sessions on the server: started, looked up, ended one by one or all at once, and expired."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from tms.errors import NotFound
from tms.services import sessions, users
from tms.storage.database import BrowserSession, close_databases, get_database, utcnow

PASSWORD = "s3cret-passphrase"


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)
    monkeypatch.setattr(users, "PASSWORD_METHOD", "pbkdf2:sha256:1000")
    yield
    close_databases()


@pytest.fixture
def tina(project):
    return users.create_user(project, "tina", "translator", PASSWORD, "ja")


def test_a_session_belongs_to_its_account_until_it_is_ended(project, tina):
    first = sessions.start_session(project, tina)
    second = sessions.start_session(project, tina, remember=True)
    assert first != second and first.startswith(f"{tina.id}.")
    assert sessions.user_for_session(project, first) == tina
    sessions.end_session(project, first)
    assert sessions.user_for_session(project, first) is None          # a copy of the cookie is now worthless
    assert sessions.user_for_session(project, second) == tina         # the other session goes on
    sessions.end_session(project, first)                              # ending it again is harmless


def test_the_database_keeps_only_a_digest_of_the_session_key(project, tina):
    session_id = sessions.start_session(project, tina)
    key = session_id.partition(".")[2]
    with get_database(project).session() as session:
        digests = session.scalars(select(BrowserSession.digest)).all()
    assert len(digests) == 1 and key not in digests[0] and len(digests[0]) == 64


@pytest.mark.parametrize("bad", ["", "garbage", "1.", ".abc", "x.abc", "1.nokey", None, "1." + "a" * 500])
def test_forged_session_ids_belong_to_nobody(project, tina, bad):
    sessions.start_session(project, tina)
    assert sessions.user_for_session(project, bad) is None


def test_a_session_id_with_another_accounts_number_is_refused(project, tina):
    rita = users.create_user(project, "rita", "reviewer", PASSWORD)
    key = sessions.start_session(project, tina).partition(".")[2]
    assert sessions.user_for_session(project, f"{rita.id}.{key}") is None


def test_sessions_expire(project, tina):
    short, remembered = sessions.start_session(project, tina), sessions.start_session(project, tina, remember=True)
    with get_database(project).session() as session:
        rows = {row.expires - row.created for row in session.scalars(select(BrowserSession))}
    assert rows == {sessions.SESSION_LIFETIME, sessions.REMEMBER_LIFETIME}
    with get_database(project).session() as session:
        session.execute(update(BrowserSession).values(expires=utcnow() - timedelta(seconds=1)))
    assert sessions.user_for_session(project, short) is None
    assert sessions.user_for_session(project, remembered) is None
    sessions.start_session(project, tina)                             # a new sign-in clears the expired ones
    assert sessions.count_sessions(project, "tina") == 1


def test_signing_out_everywhere_ends_every_session_of_the_account_only(project, tina):
    rita = users.create_user(project, "rita", "reviewer", PASSWORD)
    mine = [sessions.start_session(project, tina, remember=i % 2 == 0) for i in range(3)]
    hers = sessions.start_session(project, rita)
    assert sessions.end_sessions(project, "tina") == 3
    assert all(sessions.user_for_session(project, s) is None for s in mine)
    assert sessions.user_for_session(project, hers) == rita
    with pytest.raises(NotFound):
        sessions.end_sessions(project, "nobody")


@pytest.mark.parametrize("change", [
    {"password": "another passphrase"},
    {"is_active": False},
])
def test_a_new_password_or_a_disabled_account_ends_every_session(project, tina, change):
    session_id = sessions.start_session(project, tina, remember=True)
    users.update_user(project, "tina", **change)
    assert sessions.count_sessions(project, "tina") == 0
    assert sessions.user_for_session(project, session_id) is None


def test_a_role_change_keeps_the_sessions(project, tina):
    session_id = sessions.start_session(project, tina)
    users.update_user(project, "tina", role="reviewer")
    assert sessions.user_for_session(project, session_id).role.slug == "reviewer"


def test_a_disabled_account_has_no_session_even_if_one_is_left(project, tina):
    session_id = sessions.start_session(project, tina)
    with get_database(project).session() as session:            # disabled behind tms's back
        from tms.storage.database import User
        session.execute(update(User).values(is_active=False))
    assert sessions.user_for_session(project, session_id) is None


def test_deleting_an_account_deletes_its_sessions(project, tina):
    users.create_user(project, "ada", "admin", PASSWORD)
    sessions.start_session(project, tina)
    users.delete_user(project, "tina")
    with get_database(project).session() as session:
        assert session.scalars(select(BrowserSession)).all() == []
