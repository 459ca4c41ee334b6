"""The project database: accounts, API tokens, comments, the change history, job records, sign-in attempts,
the archive memory (translation units imported from TMX or tab-separated files, or aligned from past
articles and their translations), articles' deadlines and assignments, and webhook deliveries. The tables
are in ``tms.storage.tables``; this module connects to the database and re-exports them.

The catalogs under ``locales/`` stay the source of truth for translations; the database only holds what
gettext files have no place for. SQLite in ``.tms/tms.sqlite3`` by default, any SQLAlchemy URL (PostgreSQL)
from ``$TMS_DATABASE_URL``. The schema is created and upgraded by the Alembic migrations beside this module.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import Iterator

from sqlalchemy import Table, create_engine, event, insert, inspect
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from tms.errors import InputError, TmsError
from tms.storage.files import locked
from tms.storage.tables import (  # the schema, re-exported: importers name it from here
    ApiToken,
    Base,
    BrowserSession,
    Change,
    Comment,
    Job,
    LoginAttempt,
    MemoryUnit,
    Notification,
    Preference,
    Proposal,
    Schedule,
    User,
    WebhookDelivery,
    as_utc,
    given,
    utcnow,
)

__all__ = [
    "ApiToken",
    "Base",
    "BrowserSession",
    "Change",
    "Comment",
    "DATABASE_URL_ENV",
    "Database",
    "Job",
    "LoginAttempt",
    "MIGRATIONS_DIR",
    "MemoryUnit",
    "Notification",
    "Preference",
    "Proposal",
    "Schedule",
    "User",
    "WebhookDelivery",
    "as_utc",
    "close_databases",
    "database_url",
    "get_database",
    "given",
    "sqlite_file",
    "utcnow",
]

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
DATABASE_URL_ENV = "TMS_DATABASE_URL"


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
            raise self.error(exc) from exc
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
            raise self.error(exc) from exc

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
            raise self.error(exc) from exc

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
            raise self.error(exc) from exc
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

    def _insert_plan(self, table: Table, named: tuple[str, ...]):
        plan = self._plans.get((table.name, named))
        if plan is None:
            dialect = self.engine.dialect
            defaults = [(c.name, _default_maker(c.default)) for c in table.columns
                        if c.name not in named and c.default is not None and not c.primary_key]
            columns = [table.c[name] for name in named] + [table.c[name] for name, _ in defaults]
            quote = dialect.identifier_preparer
            sql = (f"INSERT INTO {quote.format_table(table)} ({', '.join(quote.format_column(c) for c in columns)}) "
                   f"VALUES ({', '.join('?' for _ in columns)})")
            processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
            plan = self._plans[(table.name, named)] = (sql, [c.name for c in columns], processors, defaults)
        return plan

    def error(self, exc: Exception) -> TmsError:
        """The ``TmsError`` that reports a failure of this database (SQLAlchemy's or the driver's)."""
        return TmsError(f"database error on {self.display_url}: {exc.__class__.__name__}: {exc}")

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
