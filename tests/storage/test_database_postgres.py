"""The project database on PostgreSQL: the migrations on an empty database, and the services that use it.

Every test gets an empty database on the session's throwaway server (see ``conftest.py``) through
``$TMS_DATABASE_URL``, the way a deployment points tms at PostgreSQL.
"""
from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, text

from tms.errors import Conflict, NotFound, PermissionDenied, Throttled, TmsError
from tms.services import comments, review, sessions, users
from tms.services.progress import progress_history
from tms.services.users import Account, AccountRole
from tms.storage import migrations
from tms.storage.database import (
    ApiToken,
    Change,
    Comment,
    Database,
    LoginAttempt,
    User,
    close_databases,
    database_url,
    get_database,
    utcnow,
)
from tms.storage.layout import Project
from tests.concurrency import at_once, in_processes, save_in_process
from tests.web.factory import HUMAN_JA, build_article

TABLES = {"users", "api_tokens", "comments", "changes", "jobs", "login_attempts", "memory_units", "alembic_version"}
PASSWORD = "s3cret-passphrase"
FAST_HASH = "pbkdf2:sha256:1000"
TRANSLATOR = Account(1, "tina", AccountRole.TRANSLATOR, ("ja",))
REVIEWER = Account(2, "rita", AccountRole.REVIEWER, ("ja", "ar"))
GERMAN = Account(4, "dirk", AccountRole.TRANSLATOR, ("de",))


@pytest.fixture(autouse=True)
def _fast_hashing(monkeypatch):
    monkeypatch.setattr(users, "PASSWORD_METHOD", FAST_HASH)


@pytest.fixture
def db(project, postgres_url) -> Database:
    """The project's database, on PostgreSQL, migrated."""
    return get_database(project)


@pytest.fixture
def demo(project, postgres_url) -> Project:
    """The four-segment demo article (Japanese with machine output), its database on PostgreSQL."""
    return build_article(project)


def _count(db: Database, model, *where) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def _segments(project, lang="ja"):
    return review.get_segments(project, "demo", lang).segments


# -- migrations -----------------------------------------------------------------------------------
def test_migrations_create_the_schema_on_an_empty_database(project, postgres_url):
    assert Database(postgres_url).table_names() == []
    db = get_database(project)
    assert database_url(project) == postgres_url
    assert db.engine.dialect.name == "postgresql"
    assert TABLES <= set(db.table_names())
    assert migrations.current_revision(db.engine) == migrations.head_revision()
    assert db.is_current()
    assert not (project.state_dir / "tms.sqlite3").exists()


def test_upgrade_is_idempotent_and_keeps_the_data(project, db):
    users.create_user(project, "tina", "translator", PASSWORD)
    assert db.upgrade() == migrations.head_revision()
    assert migrations.upgrade(db.engine) == migrations.head_revision()
    close_databases()                          # a new process: upgrades again on first use
    again = get_database(project)
    assert again is not db and again.is_current()
    with again.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == \
            [migrations.head_revision()]
    assert [a.name for a in users.list_users(project)] == ["tina"]


def test_migrations_go_down_and_up_again(db):
    migrations.downgrade(db.engine, "base")
    assert set(db.table_names()) == {"alembic_version"}
    assert migrations.current_revision(db.engine) is None
    assert db.upgrade() == migrations.head_revision()
    assert TABLES <= set(db.table_names())


def test_schema_matches_the_models(db):
    """On PostgreSQL too, the migrations create exactly what the models describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from tms.storage.database import Base

    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_several_processes_starting_at_once_create_the_schema_once(project, postgres_url):
    code = ("import sys; from tms.storage.layout import Project; from tms.storage.database import get_database; "
            "print(get_database(Project(sys.argv[1])).is_current())")
    # Four at once, each with $TMS_DATABASE_URL from the fixture: the advisory lock in env.py lets one create.
    procs = [subprocess.Popen([sys.executable, "-c", code, str(project.root)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [err for _, err in results]
    assert [out.strip() for out, _ in results] == ["True"] * 4
    db = Database(postgres_url)
    assert db.is_current() and TABLES <= set(db.table_names())
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    db.engine.dispose()


# -- sessions -------------------------------------------------------------------------------------
def test_session_commits_and_rolls_back(db):
    with db.session() as session:
        session.add(User(name="ana", password_hash="x", role="translator"))
    with pytest.raises(TmsError, match="database error.*UniqueViolation"):
        with db.session() as session:
            session.add(User(name="ana", password_hash="y", role="admin"))   # the name is unique
    with db.session() as session:
        assert session.scalars(select(User.password_hash)).all() == ["x"]


def test_over_long_values_are_an_error_not_truncated(db):
    # SQLite ignores VARCHAR lengths; PostgreSQL enforces them, so the services must keep within them.
    with pytest.raises(TmsError, match="StringDataRightTruncation"):
        with db.session() as session:
            session.add(User(name="a" * 65, password_hash="x", role="translator"))
    assert _count(db, User) == 0


# -- accounts -------------------------------------------------------------------------------------
def test_accounts(project, db):
    users.create_user(project, "tina", "translator", PASSWORD, "zh,ja")
    users.create_user(project, "ada", AccountRole.ADMIN, PASSWORD)
    with pytest.raises(Conflict, match="already exists"):
        users.create_user(project, "tina", "admin", PASSWORD)
    listed = {a.name: a for a in users.list_users(project)}
    assert list(listed) == ["ada", "tina"]
    assert listed["tina"].role is AccountRole.TRANSLATOR and listed["tina"].languages == ("ja", "zh")
    assert listed["ada"].languages is None
    updated = users.update_user(project, "tina", role="reviewer", languages="ar", is_active=False)
    assert (updated.role, updated.languages, updated.is_active) == (AccountRole.REVIEWER, ("ar",), False)
    with db.session() as session:
        row = session.scalar(select(User).where(User.name == "tina"))
        assert (row.role, row.languages, row.is_active) == ("reviewer", "ar", False)
        assert row.created.tzinfo is not None and abs(utcnow() - row.created) < timedelta(minutes=1)
    with pytest.raises(Conflict, match="ada is the last active admin"):
        users.delete_user(project, "ada")
    users.create_user(project, "bob", "admin", PASSWORD)
    users.delete_user(project, "ada")
    with pytest.raises(NotFound):
        users.get_user(project, "ada")


def test_authenticate_and_sessions(project, db):
    account = users.create_user(project, "tina", "translator", PASSWORD)
    assert users.authenticate(project, "tina", PASSWORD, "127.0.0.1") == account
    with pytest.raises(PermissionDenied, match="wrong user name or password"):
        users.authenticate(project, "tina", "wrong password", "127.0.0.1")
    with pytest.raises(PermissionDenied, match="wrong user name or password"):
        users.authenticate(project, "nobody", PASSWORD, "127.0.0.1")
    assert _count(db, LoginAttempt) == 2
    users.authenticate(project, "tina", PASSWORD)
    assert _count(db, LoginAttempt, LoginAttempt.name == "tina") == 0        # success clears its failures
    assert _count(db, LoginAttempt, LoginAttempt.name == "nobody") == 1
    session_id = sessions.start_session(project, account)
    assert sessions.user_for_session(project, session_id) == account
    users.update_user(project, "tina", password="another passphrase")
    assert sessions.user_for_session(project, session_id) is None


def test_failed_sign_ins_are_throttled_per_name_and_address(project, db, monkeypatch):
    monkeypatch.setattr(users, "MAX_FAILURES_PER_NAME", 2)
    monkeypatch.setattr(users, "MAX_FAILURES_PER_REMOTE", 3)
    users.create_user(project, "tina", "translator", PASSWORD)
    users.create_user(project, "tom", "translator", PASSWORD)
    for remote in ("10.0.0.1", "10.0.0.2"):
        with pytest.raises(PermissionDenied):
            users.authenticate(project, "tina", "wrong password", remote)
    with pytest.raises(Throttled, match="too many failed sign-ins"):
        users.authenticate(project, "tina", PASSWORD, "10.0.0.3")      # even the right password, for a while
    for name in ("x", "y"):                                            # other names, the same address
        with pytest.raises(PermissionDenied):
            users.authenticate(project, name, "wrong password", "10.0.0.1")
    with pytest.raises(Throttled):
        users.authenticate(project, "tom", PASSWORD, "10.0.0.1")       # three failures from this address
    assert users.authenticate(project, "tom", PASSWORD, "10.0.0.9").name == "tom"


def test_forty_parallel_guesses_get_exactly_five_password_checks(project, db):
    users.create_user(project, "tina", "translator", PASSWORD)
    outcomes = at_once(users.authenticate, [(project, "tina", f"guess {i}", f"10.0.1.{i}") for i in range(40)])
    checked = [o for o in outcomes if isinstance(o, PermissionDenied) and not isinstance(o, Throttled)]
    assert len(checked) == users.MAX_FAILURES_PER_NAME
    assert sum(isinstance(o, Throttled) for o in outcomes) == 40 - users.MAX_FAILURES_PER_NAME


def test_old_failed_sign_ins_no_longer_count_and_are_purged(project, db, monkeypatch):
    monkeypatch.setattr(users, "MAX_FAILURES_PER_NAME", 2)
    users.create_user(project, "tina", "translator", PASSWORD)
    long_ago = utcnow() - users.THROTTLE_WINDOW - timedelta(minutes=1)
    with db.session() as session:
        session.add_all([LoginAttempt(name="tina", remote="10.0.0.1", when=long_ago) for _ in range(5)])
    with pytest.raises(PermissionDenied):
        users.authenticate(project, "tina", "wrong password", "10.0.0.1")
    assert _count(db, LoginAttempt) == 1                                  # the old ones went, the new one stays
    assert users.authenticate(project, "tina", PASSWORD, "10.0.0.1").name == "tina"


def test_over_long_name_and_address_of_a_failed_sign_in_fit_the_columns(project, db):
    with pytest.raises(PermissionDenied):
        users.authenticate(project, "n" * 200, PASSWORD, "r" * 200)
    with db.session() as session:
        attempt = session.scalar(select(LoginAttempt))
    assert (attempt.name, attempt.remote) == ("n" * 64, "r" * 64)


def test_api_tokens(project, db):
    users.create_user(project, "tina", "translator", PASSWORD, "ja")
    token = users.create_token(project, "tina", "ci")
    assert users.user_for_token(project, token).name == "tina"
    with db.session() as session:
        stored = session.scalar(select(ApiToken))
    assert stored.digest != token and len(stored.digest) == 64 and stored.label == "ci"
    assert abs(utcnow() - stored.last_used) < timedelta(minutes=1)        # the use was recorded
    with pytest.raises(PermissionDenied, match="invalid API token"):
        users.user_for_token(project, token + "x")
    assert users.revoke_tokens(project, "tina") == 1
    with pytest.raises(PermissionDenied):
        users.user_for_token(project, token)
    users.create_token(project, "tina")
    users.delete_user(project, "tina")
    assert _count(db, ApiToken) == 0


# -- review and history ---------------------------------------------------------------------------
def test_save_approve_and_history(demo):
    segment = _segments(demo)[1]
    saved = review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, HUMAN_JA[1], None, segment.revision)
    approved = review.approve(demo, REVIEWER, "demo", "ja", segment.key, saved.segment.revision)
    assert approved.segment.state.slug == "approved"
    changes = review.history(demo, "demo", "ja", segment.key)
    assert [c.id for c in changes] == [approved.change_id, saved.change_id]
    assert [(c.user, c.action, c.old_state, c.new_state) for c in changes] == [
        ("rita", "approve", "translated", "approved"), ("tina", "save", "machine", "translated")]
    assert (changes[1].old_target, changes[1].new_target) == (segment.target, HUMAN_JA[1])
    assert all(abs(utcnow() - c.when) < timedelta(minutes=1) for c in changes)
    with get_database(demo).session() as session:
        assert session.scalar(select(func.count()).select_from(Change)) == 2


def test_revert(demo):
    segment = _segments(demo)[1]
    first = review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, "一", None, segment.revision)
    review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, "二", None, first.segment.revision)
    newest = review.history(demo, "demo", "ja", segment.key)[0]
    assert newest.new_target == "二"
    reverted = review.revert(demo, TRANSLATOR, newest.id)
    assert reverted.segment.target == "一" and _segments(demo)[1].target == "一"
    assert [c.action for c in review.history(demo, "demo", "ja", segment.key)] == ["revert", "save", "save"]
    with pytest.raises(PermissionDenied):
        review.revert(demo, GERMAN, newest.id)
    with pytest.raises(NotFound):
        review.revert(demo, TRANSLATOR, 99999)


def test_concurrent_saves_are_all_recorded(demo):
    # Database.transaction takes no file lock on PostgreSQL: the server alone keeps the inserts apart.
    segments = _segments(demo)

    def save(segment, target):
        return review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, target, None, segment.revision)

    outcomes = at_once(save, list(zip(segments, HUMAN_JA)))
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    changes = review.history(demo, "demo", "ja")
    assert sorted(c.new_target for c in changes) == sorted(HUMAN_JA)
    assert len({c.id for c in changes}) == len(HUMAN_JA)


def test_saves_from_several_processes_are_all_recorded(demo):
    saves = [(s.key, s.revision, target) for s, target in zip(_segments(demo), HUMAN_JA)]
    # The children inherit $TMS_DATABASE_URL, so they record to the same PostgreSQL database.
    assert in_processes(save_in_process, [(str(demo.root), TRANSLATOR, saves[i::2]) for i in range(2)]) == [0, 0]
    assert [s.target for s in _segments(demo)] == HUMAN_JA
    assert sorted(c.new_target for c in review.history(demo, "demo", "ja")) == sorted(HUMAN_JA)


# -- comments -------------------------------------------------------------------------------------
def test_comments(demo):
    key = _segments(demo)[0].key
    on_segment = comments.add_comment(demo, TRANSLATOR, "demo", "ja", key, "  check the name  ")
    on_catalog = comments.add_comment(demo, REVIEWER, "demo", "ja", "", "ソウルの表記を統一して")
    assert (on_segment.author, on_segment.text, on_segment.key) == ("tina", "check the name", key)
    assert abs(utcnow() - on_segment.created) < timedelta(minutes=1)
    assert [c.id for c in comments.list_comments(demo, "demo", "ja")] == [on_segment.id, on_catalog.id]
    assert [c.text for c in comments.list_comments(demo, "demo", "ja", key)] == ["check the name"]
    assert [c.text for c in comments.list_comments(demo, "demo", "ja", "")] == ["ソウルの表記を統一して"]
    with pytest.raises(PermissionDenied, match="only tina or an admin"):
        comments.delete_comment(demo, REVIEWER, on_segment.id)
    comments.delete_comment(demo, TRANSLATOR, on_segment.id)
    with pytest.raises(NotFound):
        comments.delete_comment(demo, TRANSLATOR, on_segment.id)
    with get_database(demo).session() as session:
        assert session.scalars(select(Comment.text)).all() == ["ソウルの表記を統一して"]


# -- time zones -----------------------------------------------------------------------------------
# The throwaway server runs in Asia/Seoul, as a distribution-installed server in local time would.
def test_times_read_back_in_utc_whatever_the_server_time_zone(demo):
    segment = _segments(demo)[1]
    review.save_segment(demo, TRANSLATOR, "demo", "ja", segment.key, HUMAN_JA[1], None, segment.revision)
    comment = comments.add_comment(demo, TRANSLATOR, "demo", "ja", segment.key, "check")
    change = review.history(demo, "demo", "ja")[0]
    listed = comments.list_comments(demo, "demo", "ja")[0]
    # The history and comment templates print these with strftime() followed by "UTC".
    assert change.when.utcoffset() == timedelta(0), change.to_json()["when"]
    assert listed.created.utcoffset() == timedelta(0), listed.to_json()["created"]
    assert comment.created.utcoffset() == timedelta(0)


def test_progress_counts_utc_days_whatever_the_server_time_zone(project, db):
    # 20:00 UTC on the 20th is already the 21st in Seoul; progress_history promises UTC days.
    with db.session() as session:
        session.add(Change(when=datetime(2026, 11, 20, 20, tzinfo=timezone.utc), user="tina", action="save",
                           article_id="demo", lang="ja", key="k", old_state="machine", new_state="translated"))
    days = progress_history(project, days=2, today=date(2026, 11, 21))
    assert [(d.day, d.changes) for d in days] == [(date(2026, 11, 20), 1), (date(2026, 11, 21), 0)]


# -- the archive memory ---------------------------------------------------------------------------
def _import_units(root: str, start: int) -> None:
    """In a child process: add units 0-199 shifted by ``start``, in two batches, to the archive memory."""
    from tms.memory.archive import ArchiveStore, ArchiveUnit

    store = ArchiveStore.for_project(Project(root))
    units = [ArchiveUnit("ko", "en", f"문장 {n}.", f"Sentence {n}.", origin=f"file-{start}.tmx")
             for n in range(start, start + 200)]
    store.add(units[:100])
    store.add(units[100:])


def test_concurrent_archive_imports_lose_and_double_nothing(project, db):
    from tms.memory.archive import ArchiveStore

    # Three processes, overlapping ranges: 0-199, 100-299, 150-349.
    assert in_processes(_import_units, [(str(project.root), 0), (str(project.root), 100),
                                        (str(project.root), 150)]) == [0, 0, 0]
    store = ArchiveStore(db)
    sources = sorted(u.source for u in store.units())
    assert sources == sorted(f"문장 {n}." for n in range(350))
    assert store.stats().pairs == {("ko", "en"): 350}
    assert sorted(u.source for u in store.search("문장 34", limit=20)) == \
        sorted(["문장 34."] + [f"문장 34{d}." for d in range(10)])
