"""The project database: accounts, API tokens, comments, the change history, job records, sign-in attempts,
the archive memory (translation units imported from TMX or tab-separated files, or aligned from past
articles and their translations), articles' deadlines and assignments, and webhook deliveries.

The catalogs under ``locales/`` stay the source of truth for translations; the database only holds what
gettext files have no place for. SQLite in ``.tms/tms.sqlite3`` by default, any SQLAlchemy URL (PostgreSQL)
from ``$TMS_DATABASE_URL``. The schema is created and upgraded by the Alembic migrations beside this module.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    insert,
    inspect,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, sessionmaker

from tms.errors import InputError, TmsError
from tms.storage.files import locked

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
DATABASE_URL_ENV = "TMS_DATABASE_URL"


def utcnow() -> datetime:
    """The current time in UTC, as every timestamp in the database is kept."""
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    """Base of every table."""


class User(Base):
    """An account: a name, a password hash, one role and the languages it may work in."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    languages: Mapped[str] = mapped_column(String(64), default="*")   # "*" or "ja,zh"
    is_active: Mapped[bool] = mapped_column(default=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    tokens: Mapped[list["ApiToken"]] = relationship(back_populates="user", cascade="all, delete-orphan")
    sessions: Mapped[list["BrowserSession"]] = relationship(back_populates="user", cascade="all, delete-orphan")


class ApiToken(Base):
    """An API token; only its SHA-256 digest is stored, the token itself is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(64), default="")
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    user: Mapped[User] = relationship(back_populates="tokens")


class BrowserSession(Base):
    """A signed-in browser: the cookie holds a random key, the database its digest; signing out deletes the row,
    so a copied cookie stops working the moment its session ends."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    user: Mapped[User] = relationship(back_populates="sessions")


class Comment(Base):
    """A comment on one segment (or, with an empty key, on a whole article-language)."""

    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_segment", "article_id", "lang", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(String(120))
    lang: Mapped[str] = mapped_column(String(8))
    key: Mapped[str] = mapped_column(String(16), default="")
    author: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Change(Base):
    """One change to a catalog made through tms: who, when, which segment, the text and state before and after."""

    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_segment", "article_id", "lang", "key"),
        Index("ix_changes_when", "when"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    when: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))     # save, approve, revert, certify
    article_id: Mapped[str] = mapped_column(String(120))
    lang: Mapped[str] = mapped_column(String(8))
    key: Mapped[str] = mapped_column(String(16), default="")
    old_target: Mapped[str] = mapped_column(Text, default="")
    new_target: Mapped[str] = mapped_column(Text, default="")
    old_state: Mapped[str] = mapped_column(String(16), default="")
    new_state: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(Text, default="", server_default="")   # why (a withdrawal, a dismissal)


class Proposal(Base):
    """A suggested translation of one segment, waiting for a reviewer to accept or reject it.

    The pages and the API call these "suggestions"; in code they are proposals, apart from the
    memory and machine suggestions of ``tms.services.suggestions``.
    """

    __tablename__ = "proposals"
    __table_args__ = (Index("ix_proposals_segment", "article_id", "lang", "key", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(String(120))
    lang: Mapped[str] = mapped_column(String(8))
    key: Mapped[str] = mapped_column(String(16))
    author: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(Text)
    base_target: Mapped[str] = mapped_column(Text, default="")      # the translation it proposes to replace
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, accepted, rejected
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    decided: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")


class Notification(Base):
    """Something a person is told in the app (and perhaps by e-mail): an event about a catalog."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_read", "user", "read"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user: Mapped[str] = mapped_column(String(64))
    event: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(400), default="")
    article_id: Mapped[str] = mapped_column(String(120), default="")
    lang: Mapped[str] = mapped_column(String(8), default="")
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    read: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Preference(Base):
    """A person's choices beyond the account: e-mail address, time zone, which notifications by which way."""

    __tablename__ = "preferences"

    user: Mapped[str] = mapped_column(String(64), primary_key=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    time_zone: Mapped[str] = mapped_column(String(64), default="")
    choices: Mapped[str] = mapped_column(Text, default="{}")         # JSON: event -> ["app", "email"]


class Job(Base):
    """A background job (a prefill run): what it does, where it stands, what came of it."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="queued")   # queued, running, done, failed
    user: Mapped[str] = mapped_column(String(64), default="")
    article_id: Mapped[str] = mapped_column(String(120), default="")
    lang: Mapped[str] = mapped_column(String(8), default="")
    parameters: Mapped[str] = mapped_column(Text, default="{}")        # JSON
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="", server_default="")   # JSON summary once done
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)  # last report

    __table_args__ = (Index("ix_jobs_created", "created"),)


class LoginAttempt(Base):
    """A failed sign-in, kept for a while to throttle password guessing."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_name_when", "name", "when"),
                      Index("ix_login_attempts_remote_when", "remote", "when"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    remote: Mapped[str] = mapped_column(String(64), default="")
    when: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MemoryUnit(Base):
    """A unit of the archive memory: a source sentence and its translation, with where they came from.

    ``digest`` identifies the pair of languages and texts: the same translation from a second file, or the
    same file imported twice, adds nothing.
    """

    __tablename__ = "memory_units"
    __table_args__ = (UniqueConstraint("digest", name="uq_memory_units_digest"),
                      Index("ix_memory_units_pair", "source_lang", "target_lang"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    source_lang: Mapped[str] = mapped_column(String(8))
    target_lang: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))                   # imported, aligned
    origin: Mapped[str] = mapped_column(String(255), default="")     # the file's name
    origin_date: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True)   # aligned units: 0-1
    added: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    added_by: Mapped[str] = mapped_column(String(64), default="")


class Schedule(Base):
    """When an article is due, how urgent it is and who works on it: for the whole article (``lang`` empty)
    or for one of its languages, which then overrides the article's deadline and priority."""

    __tablename__ = "schedules"
    __table_args__ = (Index("ix_schedules_deadline", "deadline"),)

    article_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    lang: Mapped[str] = mapped_column(String(8), primary_key=True, default="")
    deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    priority: Mapped[int | None] = mapped_column(Integer, nullable=True)
    assignee: Mapped[str] = mapped_column(String(64), default="")
    updated: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")


class WebhookDelivery(Base):
    """One event for one webhook receiver: its signed body, and how delivering it went."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_created", "created"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event: Mapped[str] = mapped_column(String(32))
    url: Mapped[str] = mapped_column(Text)
    article_id: Mapped[str] = mapped_column(String(120), default="")
    lang: Mapped[str] = mapped_column(String(8), default="")
    body: Mapped[str] = mapped_column(Text)                                  # the JSON sent, as signed
    status: Mapped[str] = mapped_column(String(16), default="pending")      # pending, sending, delivered, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_code: Mapped[int | None] = mapped_column(Integer, nullable=True)   # HTTP status of the last answer
    last_answer: Mapped[str] = mapped_column(Text, default="")              # its start, or the connection error
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_try: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    next_try: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    delivered: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


def given(**values) -> dict:
    """The keyword arguments that are not None, for ``select(...).filter_by(**given(lang=lang, key=key))``:
    a filter left as None selects everything."""
    return {name: value for name, value in values.items() if value is not None}


def as_utc(value: datetime | None) -> datetime | None:
    """``value`` as an aware UTC datetime (SQLite returns naive ones, other servers their own zone's)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


# -- connecting -----------------------------------------------------------------------------------
def sqlite_file(engine: Engine) -> Path | None:
    """The file of an SQLite database (None for an in-memory one or another server)."""
    name = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    return Path(name) if name and name != ":memory:" else None


class Database:
    """An engine and a session factory for one database URL."""

    def __init__(self, url: str):
        self.url = url
        self.engine = _create_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._sqlite_file = sqlite_file(self.engine)
        self._plans: dict = {}
        self._local = threading.local()

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits when the block ends normally and rolls back otherwise."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise TmsError(f"database error on {self.display_url}: {exc.__class__.__name__}: {exc}") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """A plain connection for reads on the hot paths; it takes no lock, so readers never queue."""
        try:
            with self.engine.connect() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise TmsError(f"database error on {self.display_url}: {exc.__class__.__name__}: {exc}") from exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A plain connection in a transaction, for the hot paths where an ORM session costs too much.

        On SQLite the transaction holds a file lock: writers from several workers then queue and wake the
        moment the lock is free, where SQLite's own busy handler would sleep for up to 100 ms at a time.
        """
        guard = locked(self._sqlite_file) if self._sqlite_file else contextlib.nullcontext()
        try:
            with guard, self.engine.begin() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise TmsError(f"database error on {self.display_url}: {exc.__class__.__name__}: {exc}") from exc

    def add_row(self, table: Table, values: dict) -> int:
        """Add one row to ``table`` in a transaction of its own, as a Core insert would (columns left out
        get their defaults); returns the new row's id.

        On an SQLite file the row goes through the driver's cursor with the statement built once per table
        and set of columns, which costs a fifth of the CPU of a Core insert (the change history adds a row
        on every save); elsewhere it is a Core insert.
        """
        if self._sqlite_file is None:
            with self.transaction() as connection:
                return connection.execute(insert(table), values).inserted_primary_key[0]
        sql, names, processors, defaults = self._insert_plan(table, tuple(values))
        row = {**{name: default() for name, default in defaults}, **values}
        params = [value if process is None else process(value)
                  for value, process in zip((row[n] for n in names), processors)]
        try:
            with locked(self._sqlite_file):
                raw = self._own_connection()
                try:
                    cursor = raw.execute(sql, params)
                    row_id = cursor.lastrowid
                    raw.commit()
                except BaseException:
                    raw.rollback()
                    raise
        except sqlite3.Error as exc:
            raise TmsError(f"database error on {self.display_url}: {exc.__class__.__name__}: {exc}") from exc
        return row_id

    def _own_connection(self) -> sqlite3.Connection:
        """This thread's own connection to the SQLite file, kept open for ``add_row`` (a pool's checkout
        and return cost as much as the insert). Opened as the engine opens its connections."""
        raw = getattr(self._local, "connection", None)
        if raw is None or getattr(self._local, "pid", None) != os.getpid():
            raw = sqlite3.connect(str(self._sqlite_file), timeout=30, check_same_thread=False)
            _sqlite_pragmas(raw, None)
            self._local.connection, self._local.pid = raw, os.getpid()
        return raw

    def _insert_plan(self, table: Table, given: tuple[str, ...]):
        plan = self._plans.get((table.name, given))
        if plan is None:
            dialect = self.engine.dialect
            defaults = [(c.name, _default_maker(c.default)) for c in table.columns
                        if c.name not in given and c.default is not None and not c.primary_key]
            columns = [table.c[name] for name in given] + [table.c[name] for name, _ in defaults]
            quote = dialect.identifier_preparer
            sql = (f"INSERT INTO {quote.format_table(table)} ({', '.join(quote.format_column(c) for c in columns)}) "
                   f"VALUES ({', '.join('?' for _ in columns)})")
            processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
            plan = self._plans[(table.name, given)] = (sql, [c.name for c in columns], processors, defaults)
        return plan

    @property
    def display_url(self) -> str:
        """The URL without its password, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def is_current(self) -> bool:
        """True if the schema is at the newest migration."""
        from tms.storage.migrations import current_revision, head_revision

        return current_revision(self.engine) == head_revision()

    def upgrade(self) -> str:
        """Create or upgrade the schema to the newest migration; returns the revision reached."""
        from tms.storage.migrations import upgrade

        return upgrade(self.engine)

    def table_names(self) -> list[str]:
        """The tables present in the database."""
        return inspect(self.engine).get_table_names()


def _default_maker(default):
    """A function giving a column's Python-side default (a value, or a function of no argument)."""
    if default.is_callable:
        return lambda: default.arg(None)
    return lambda: default.arg


def _create_engine(url: str) -> Engine:
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        engine = create_engine(url, pool_pre_ping=True)
        if engine.url.get_backend_name() == "postgresql":
            event.listen(engine, "connect", _postgresql_in_utc)
        return engine
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise InputError(f"cannot use database {url!r} from ${DATABASE_URL_ENV}: {exc}") from exc


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the workers of a server read while one writes; the busy timeout makes writers wait in turn.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _postgresql_in_utc(dbapi_connection, _record) -> None:
    # Every session in UTC, whatever the server's own time zone: times then come back as stored, and SQL
    # date() groups changes by the UTC day, as on SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("SET TIME ZONE 'UTC'")
    cursor.close()
    dbapi_connection.commit()


def database_url(project) -> str:
    """``$TMS_DATABASE_URL`` if set, else the SQLite file ``.tms/tms.sqlite3`` of the project."""
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        return url
    return f"sqlite:///{os.path.join(project.state_dir, 'tms.sqlite3')}"


def _private_file(path: Path) -> None:
    """Create the SQLite file readable by its owner only (it holds password hashes and token digests), and
    make an existing one so; SQLite gives its -wal and -shm files the same permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        if os.stat(path).st_mode & 0o077 and os.stat(path).st_uid == os.geteuid():
            os.chmod(path, 0o600)
    except OSError as exc:
        raise InputError(f"cannot open the database file {path.name} in {path.parent.name}/: "
                         f"{exc.strerror or exc}") from exc


_OPEN: dict[str, Database] = {}
_UPGRADED: set[str] = set()
_OPEN_LOCK = threading.Lock()


def get_database(project, *, upgrade: bool = True) -> Database:
    """The database of ``project``, opened once per process; its schema is upgraded on first use."""
    url = database_url(project)
    with _OPEN_LOCK:
        db = _OPEN.get(url)
        if db is None:
            db = _OPEN[url] = Database(url)     # an engine connects only when first used
            if db._sqlite_file is not None:
                _private_file(db._sqlite_file)
        if upgrade and url not in _UPGRADED:
            db.upgrade()
            _UPGRADED.add(url)
        return db


def close_databases() -> None:
    """Dispose of every engine opened by ``get_database`` (tests, and forked workers)."""
    with _OPEN_LOCK:
        for db in _OPEN.values():
            db.engine.dispose()
            own = getattr(db._local, "connection", None)
            if own is not None:
                own.close()
                db._local.connection = None
        _OPEN.clear()
        _UPGRADED.clear()
