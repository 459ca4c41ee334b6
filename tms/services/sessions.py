"""Browser sessions kept on the server: signing in records one, signing out deletes it.

The cookie carries ``<user id>.<random key>``; the database keeps only the key's SHA-256 digest, like an API
token's. A session ends when it is signed out, when it expires, when the account's password changes, when the
account is disabled or deleted, and when its owner signs out everywhere: from then on a copy of its cookie,
and of the "keep me signed in" cookie that carries the same id, is refused.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, select

from tms.services.users import Account, _existing_user, _to_account
from tms.storage.database import BrowserSession, User, get_database, utcnow

#: How long a session lasts without "keep me signed in" (the browser also forgets its cookie when closed).
SESSION_LIFETIME = timedelta(days=14)
#: How long a "keep me signed in" session lasts; the remember-me cookie is made to last as long.
REMEMBER_LIFETIME = timedelta(days=365)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def start_session(project, account: Account, *, remember: bool = False) -> str:
    """Record a new session of ``account`` and return its id, for the cookie."""
    key = secrets.token_urlsafe(32)
    now = utcnow()
    with get_database(project).session() as session:
        session.execute(delete(BrowserSession).where(BrowserSession.expires < now))
        session.add(BrowserSession(user_id=account.id, digest=_digest(key), created=now,
                                   expires=now + (REMEMBER_LIFETIME if remember else SESSION_LIFETIME)))
    return f"{account.id}.{key}"


def _parse(session_id) -> tuple[int, str] | None:
    user_id, _, key = str(session_id or "").partition(".")
    if not user_id.isdigit() or not key or len(key) > 128:
        return None
    return int(user_id), key


def user_for_session(project, session_id: str) -> Account | None:
    """The active account of a session, or None if the session has ended, expired or never was."""
    parsed = _parse(session_id)
    if parsed is None:
        return None
    user_id, key = parsed
    with get_database(project).session() as session:
        user = session.scalar(select(User).join(BrowserSession).where(
            BrowserSession.digest == _digest(key), BrowserSession.user_id == user_id,
            BrowserSession.expires > utcnow()))
        if user is None or not user.is_active:
            return None
        return _to_account(user)


def end_session(project, session_id: str) -> None:
    """End one session (signing out); nothing happens for one that has already ended."""
    parsed = _parse(session_id)
    if parsed is None:
        return
    user_id, key = parsed
    with get_database(project).session() as session:
        session.execute(delete(BrowserSession).where(BrowserSession.digest == _digest(key),
                                                     BrowserSession.user_id == user_id))


def end_sessions(project, name: str) -> int:
    """End every session of the account ``name`` ("sign out everywhere"); returns how many there were."""
    with get_database(project).session() as session:
        user = _existing_user(session, name)
        return session.execute(delete(BrowserSession).where(BrowserSession.user_id == user.id)).rowcount


def count_sessions(project, name: str) -> int:
    """How many unexpired sessions the account ``name`` has."""
    with get_database(project).session() as session:
        user = _existing_user(session, name)
        return len(session.scalars(select(BrowserSession.id).where(
            BrowserSession.user_id == user.id, BrowserSession.expires > utcnow())).all())
