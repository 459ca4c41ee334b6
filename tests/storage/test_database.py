"""The project database: where it lives, its migrations, sessions and concurrent start-up."""
from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import select, text

from tms.errors import InputError, TmsError
from tms.storage import migrations
from tms.storage.database import (
    Change,
    Database,
    User,
    as_utc,
    close_databases,
    database_url,
    get_database,
)

TABLES = {"users", "api_tokens", "comments", "changes", "jobs", "login_attempts", "memory_units", "alembic_version"}


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)
    yield
    close_databases()


def test_default_database_is_sqlite_in_the_state_folder(project):
    db = get_database(project)
    assert database_url(project) == f"sqlite:///{project.state_dir / 'tms.sqlite3'}"
    assert (project.state_dir / "tms.sqlite3").is_file()
    assert TABLES <= set(db.table_names())
    assert db.is_current()


def test_database_url_from_the_environment(project, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere.sqlite3"
    monkeypatch.setenv("TMS_DATABASE_URL", f"sqlite:///{elsewhere}")
    db = get_database(project)
    assert elsewhere.is_file()
    assert not (project.state_dir / "tms.sqlite3").exists()
    assert TABLES <= set(db.table_names())


def test_get_database_opens_each_database_once(project):
    assert get_database(project) is get_database(project)


def test_unusable_url_is_a_clear_error(project, monkeypatch):
    monkeypatch.setenv("TMS_DATABASE_URL", "nosuchdialect://x/y")
    with pytest.raises(InputError, match="TMS_DATABASE_URL"):
        get_database(project)


def test_migrations_go_down_and_up_again(project):
    db = get_database(project)
    migrations.downgrade(db.engine, "base")
    assert set(db.table_names()) == {"alembic_version"}
    assert migrations.current_revision(db.engine) is None
    assert db.upgrade() == migrations.head_revision()
    assert TABLES <= set(db.table_names())


def test_schema_matches_the_models(project):
    """The migrations create exactly what the models describe (no forgotten column)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from tms.storage.database import Base

    db = get_database(project)
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_session_commits_and_rolls_back(project):
    db = get_database(project)
    with db.session() as session:
        session.add(User(name="ana", password_hash="x", role="translator"))
    with pytest.raises(TmsError, match="database error"):
        with db.session() as session:
            session.add(User(name="ana", password_hash="y", role="admin"))   # the name is unique
    with db.session() as session:
        assert session.scalars(select(User.password_hash)).all() == ["x"]


def test_timestamps_read_back_in_utc(project):
    db = get_database(project)
    with db.session() as session:
        session.add(Change(user="ana", action="save", article_id="a", lang="ja", key="k"))
    with db.session() as session:
        when = as_utc(session.scalar(select(Change.when)))
    assert when.utcoffset().total_seconds() == 0


def test_sqlite_runs_in_wal_mode_for_several_workers(project):
    db = get_database(project)
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_several_processes_starting_at_once_create_the_schema_once(project):
    code = ("import sys; from tms.storage.layout import Project; from tms.storage.database import get_database; "
            "print(get_database(Project(sys.argv[1])).is_current())")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(project.root)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in results]
    assert [out.strip() for out, _ in results] == ["True"] * 2
    assert Database(database_url(project)).is_current()


def test_the_sqlite_file_is_private_to_its_owner(project):
    import os
    import stat

    from tms.services import users

    users.PASSWORD_METHOD, method = "pbkdf2:sha256:1000", users.PASSWORD_METHOD
    try:
        users.create_user(project, "tina", "translator", "s3cret-passphrase")
    finally:
        users.PASSWORD_METHOD = method
    files = [p for p in project.state_dir.iterdir() if p.name.startswith("tms.sqlite3")]
    assert {p.name for p in files} >= {"tms.sqlite3", "tms.sqlite3-wal"}
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    close_databases()
    os.chmod(project.state_dir / "tms.sqlite3", 0o644)        # made by an older version
    get_database(project)
    assert stat.S_IMODE((project.state_dir / "tms.sqlite3").stat().st_mode) == 0o600


def test_add_row_writes_what_a_core_insert_writes(project):
    from datetime import datetime, timezone

    from sqlalchemy import insert

    db = get_database(project)
    when = datetime(2026, 12, 3, 7, 0, 1, 250000, tzinfo=timezone.utc)
    values = dict(when=when, user="ana", action="save", article_id="a", lang="ja", key="k", old_target="",
                  new_target="新しい", old_state="untranslated", new_state="translated", note="")
    first = db.add_row(Change.__table__, values)
    with db.transaction() as connection:
        second = connection.execute(insert(Change.__table__), values).inserted_primary_key[0]
    third = db.add_row(Change.__table__, dict(values, note="why"))
    assert first < second < third
    with db.reading() as connection:
        raw = connection.execute(text('SELECT "when", new_target, note FROM changes ORDER BY id')).all()
    assert raw[0] == raw[1] and raw[2][2] == "why"                  # stored alike, text and time
    with db.session() as session:
        assert [as_utc(w) for w in session.scalars(select(Change.when).order_by(Change.id))] == [when] * 3


def test_add_row_failing_is_a_database_error_and_adds_nothing(project):
    db = get_database(project)
    values = dict(user=None, action="save", article_id="a", lang="ja", key="k")     # user may not be NULL
    with pytest.raises(TmsError, match="database error"):
        db.add_row(Change.__table__, values)
    with db.reading() as connection:
        assert connection.execute(text("SELECT count(*) FROM changes")).scalar() == 0
    assert db.add_row(Change.__table__, dict(values, user="ana")) >= 1     # the connection is fine after it
