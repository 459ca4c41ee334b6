"""Alembic migrations of the project database, run without an ``alembic.ini``: ``tms db upgrade`` or at start."""
from __future__ import annotations

import contextlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from tms.storage.database import sqlite_file
from tms.storage.files import locked

HERE = Path(__file__).parent


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic configuration pointing at these migrations (and at ``engine`` when given)."""
    config = Config()
    config.set_main_option("script_location", str(HERE))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The newest migration."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str:
    """Upgrade the schema to ``revision``; several processes starting at once upgrade it only once."""
    target = head_revision() if revision == "head" else revision
    # The first look happens under the lock too: on a new SQLite file, the first connection switches the
    # journal to WAL, which two processes doing at the same moment may refuse ("database is locked").
    with _upgrade_lock(engine):
        if current_revision(engine) != target:
            command.upgrade(alembic_config(engine), revision)
    return target


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` ("base" empties it)."""
    command.downgrade(alembic_config(engine), revision)


@contextlib.contextmanager
def _upgrade_lock(engine: Engine):
    # SQLite: a file lock beside the database. PostgreSQL takes an advisory lock in env.py.
    database = sqlite_file(engine)
    if database is not None:
        with locked(database):
            yield
    else:
        yield
