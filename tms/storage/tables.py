"""The tables of the project database, as SQLAlchemy models: accounts, API tokens, browser sessions,
comments, the change history, suggestions, notifications and people's choices, job records, sign-in
attempts, the archive memory, articles' deadlines and assignments, and webhook deliveries.

``tms.storage.database`` connects to the database and re-exports these names; the Alembic migrations beside
it create and upgrade the schema.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


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
