"""Alembic environment: runs the migrations on the engine tms hands over (see ``__init__.py``)."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, text

from tms.storage.database import Base

config = context.config
target_metadata = Base.metadata
# Any number, constant across processes: serialises concurrent upgrades on PostgreSQL.
_PG_LOCK_ID = 0x746D73


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
