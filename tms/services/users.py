"""Accounts: roles, granted languages, passwords, API tokens, sign-in with throttling, and permission rules."""
from __future__ import annotations

import enum
import functools
import hashlib
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from tms.errors import Conflict, InputError, NotFound, PermissionDenied, Throttled
from tms.languages import CODES, get_language, parse_codes
from tms.services.inputs import check_text
from tms.services.passwords import check_password
from tms.storage.database import ApiToken, BrowserSession, LoginAttempt, User, as_utc, get_database, utcnow
from tms.storage.files import ChangeStamp, StampedCache

NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
#: Failed sign-ins allowed per user name, and per address, within ``THROTTLE_WINDOW``.
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_REMOTE = 20
THROTTLE_WINDOW = timedelta(minutes=15)
TOKEN_PREFIX = "tms_"
_ALL = "*"
#: werkzeug's password hashing method (scrypt, memory-hard); tests choose a cheaper one to run fast.
PASSWORD_METHOD = "scrypt"
#: How long a process trusts an API token it has checked, without asking the database again. A change
#: of accounts or tokens made through tms (``tms user``, the users page) ends that trust at once in every
#: process; a change made in the database by other means takes effect within this time. It is also how
#: often a token's last use is recorded.
TOKEN_TRUST_SECONDS = 60.0


class AccountRole(enum.IntEnum):
    """What an account may do; each role may do everything the roles below it may."""

    TRANSLATOR = 10     # edits segments in the granted languages
    REVIEWER = 20       # also approves segments
    APPROVER = 30       # also certifies a whole article-language official
    EDITOR = 35         # the news desk: also adds and updates articles, sets deadlines, assigns work
    ADMIN = 40          # also manages accounts; works in every language

    @property
    def slug(self) -> str:
        """The name used on the command line and in JSON ("reviewer")."""
        return self.name.lower()

    @classmethod
    def from_slug(cls, slug: str) -> "AccountRole":
        """The role named ``slug``; ``InputError`` for anything else."""
        try:
            return cls[str(slug).upper()]
        except KeyError:
            raise InputError(f"unknown role {slug!r}; expected one of: {', '.join(r.slug for r in cls)}") from None


@dataclass(frozen=True)
class Account:
    """A signed-in person as the services see them: name, role and the languages they may work in."""

    id: int
    name: str
    role: AccountRole
    languages: tuple[str, ...] | None = None     # None: every language
    is_active: bool = True

    def may_work_in(self, lang: str) -> bool:
        """True if the account has been granted ``lang`` (admins have every language)."""
        return self.role is AccountRole.ADMIN or self.languages is None or lang in self.languages

    def has(self, role: AccountRole, lang: str | None = None) -> bool:
        """True if the account has at least ``role``, and ``lang`` when one is given."""
        return self.is_active and self.role >= role and (lang is None or self.may_work_in(lang))

    @property
    def languages_label(self) -> str:
        """"all" or the granted codes ("ja,zh")."""
        return "all" if self.languages is None or self.role is AccountRole.ADMIN else ",".join(self.languages)


_ACTIONS = {
    "edit": (AccountRole.TRANSLATOR, "edit"),
    "approve": (AccountRole.REVIEWER, "approve segments in"),
    "certify": (AccountRole.APPROVER, "certify"),
    "publish": (AccountRole.EDITOR, "add or update articles, or plan the work on"),
}


#: What only admins may do, and how a refusal says it.
_ADMIN_ACTIONS = {"manage-users": "manages accounts", "manage-memory": "manages the translation memory"}


def require(account: Account | None, action: str, lang: str | None = None) -> Account:
    """Return ``account`` if it may do ``action`` (edit, approve, certify, publish, manage-users,
    manage-memory) in ``lang``."""
    if account is None or not account.is_active:
        raise PermissionDenied("sign in first")
    if action in _ADMIN_ACTIONS:
        if account.role is not AccountRole.ADMIN:
            raise PermissionDenied(f"{account.name} is {_a(account.role)}; only an admin {_ADMIN_ACTIONS[action]}")
        return account
    role, verb = _ACTIONS[action]
    if account.role < role:
        raise PermissionDenied(f"{account.name} is {_a(account.role)}; only {_a(role)} or above may {verb} "
                               f"{'a catalog' if lang is None else get_language(lang).name}")
    if lang is not None and not account.may_work_in(lang):
        raise PermissionDenied(f"{account.name} may not work in {get_language(lang).name} ({lang}); "
                               f"granted: {account.languages_label or 'none'}")
    return account


def _a(role: AccountRole) -> str:
    return f"{'an' if role.slug[0] in 'aeiou' else 'a'} {role.slug}"


# -- accounts -------------------------------------------------------------------------------------
def _to_account(user) -> Account:
    """The account of a ``User``, or of a result row with the same fields."""
    languages = None if user.languages == _ALL else tuple(c for c in user.languages.split(",") if c)
    return Account(user.id, user.name, AccountRole.from_slug(user.role), languages, user.is_active)


def check_name(name: str) -> str:
    """Return ``name`` if it is a valid account name, else raise ``InputError``."""
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise InputError(f"invalid user name {name!r}: use 1-64 letters, digits, '.', '_', '@' or '-', "
                         "starting with a letter or digit")
    return name


def _languages_value(languages) -> str:
    if languages is None or languages == _ALL:
        return _ALL
    codes = parse_codes(languages) if isinstance(languages, str) else [get_language(c).code for c in languages]
    return ",".join(c for c in CODES if c in codes)


def _role(role: AccountRole | str) -> AccountRole:
    return role if isinstance(role, AccountRole) else AccountRole.from_slug(role)


def _hash_password(password: str, name: str) -> str:
    return generate_password_hash(check_password(password, name), method=PASSWORD_METHOD)


@functools.lru_cache(maxsize=None)
def _dummy_hash(method: str) -> str:
    # Checked against when the user does not exist, so that a wrong name costs as long as a wrong password.
    return generate_password_hash(secrets.token_hex(16), method=method)


def generate_password() -> str:
    """A random password of 16 URL-safe characters, for demo accounts and resets."""
    return secrets.token_urlsafe(12)


def create_user(project, name: str, role: AccountRole | str, password: str, languages=None) -> Account:
    """Create an account; ``languages`` is None for every language, else codes ("ja,zh" or a list)."""
    check_name(name)
    role = _role(role)
    value = _languages_value(languages)
    user = User(name=name, password_hash=_hash_password(password, name),
                role=role.slug, languages=value, is_active=True)
    with get_database(project).session() as session:
        if session.scalar(select(User.id).where(User.name == name)) is not None:
            raise Conflict(f"user {name!r} already exists; choose another name")
        session.add(user)
        session.flush()
        account = _to_account(user)
    _accounts_changed(project)
    return account


def _existing_user(session: Session, name: str) -> User:
    """The account called ``name`` in ``session``; ``NotFound`` (with how to create one) if there is none."""
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"no user {name!r}; create one with: tms user add {name} --role translator")
    return user


def get_user(project, name: str) -> Account:
    """The account called ``name``; ``NotFound`` if there is none."""
    with get_database(project).session() as session:
        user = _existing_user(session, name)
        return _to_account(user)


def user_exists(project, name: str) -> bool:
    """True if there is an account called ``name``."""
    with get_database(project).session() as session:
        return session.scalar(select(User.id).where(User.name == name)) is not None


def list_users(project) -> list[Account]:
    """Every account, by name."""
    with get_database(project).session() as session:
        return [_to_account(u) for u in session.scalars(select(User).order_by(User.name))]


#: Built once, for the list every notification reads.
_ACCOUNTS_QUERY = select(User.__table__.c.id, User.__table__.c.name, User.__table__.c.role,
                         User.__table__.c.languages, User.__table__.c.is_active).order_by(User.__table__.c.name)


def known_accounts(project) -> list[Account]:
    """Every account, by name, as this process last read them: read again once any account changes through
    tms (the stamp that ends the trust in tokens), and at least every ``TOKEN_TRUST_SECONDS``. For the hot
    paths that look people up (whom to notify of a suggestion); pages that change accounts use ``list_users``.
    """
    return list(_accounts_kept.get(_stamp(project), lambda: _read_accounts(project), _clock()))


def _read_accounts(project) -> tuple[Account, ...]:
    with get_database(project).reading() as connection:
        return tuple(_to_account(row) for row in connection.execute(_ACCOUNTS_QUERY))


def update_user(project, name: str, *, role=None, languages=None, is_active: bool | None = None,
                password: str | None = None) -> Account:
    """Change an account's role, languages ("*" for all), active flag or password; a new password or
    disabling the account ends every browser session of it."""
    with get_database(project).session() as session:
        user = _existing_user(session, name)
        role = _role(role) if role is not None else None
        if (role is not None and role is not AccountRole.ADMIN) or is_active is False:
            _keep_an_admin(session, user)
        if role is not None:
            user.role = role.slug
        if languages is not None:
            user.languages = _languages_value(languages)
        if is_active is not None:
            user.is_active = is_active
        if password is not None:
            user.password_hash = _hash_password(password, user.name)
        if password is not None or is_active is False:
            session.execute(delete(BrowserSession).where(BrowserSession.user_id == user.id))
        session.flush()
        account = _to_account(user)
    _accounts_changed(project)
    return account


def delete_user(project, name: str) -> None:
    """Remove an account and its API tokens (its history and comments keep the name)."""
    with get_database(project).session() as session:
        user = _existing_user(session, name)
        _keep_an_admin(session, user)
        session.delete(user)
    _accounts_changed(project)


def _keep_an_admin(session: Session, user: User) -> None:
    """Refuse to take away the last active admin: nobody could manage accounts in the UI any more."""
    if user.role != AccountRole.ADMIN.slug or not user.is_active:
        return
    others = session.scalar(select(func.count()).select_from(User).where(
        User.role == AccountRole.ADMIN.slug, User.is_active.is_(True), User.id != user.id))
    if not others:
        raise Conflict(f"{user.name} is the last active admin; make another account admin first")


def change_password(project, name: str, current: str, new: str, remote: str = "") -> Account:
    """A person's own change of password: ``current`` must be right (a wrong one counts as a failed sign-in)."""
    check_password(new, name)
    authenticate(project, name, current, remote)
    return update_user(project, name, password=new)


# -- signing in -----------------------------------------------------------------------------------
def authenticate(project, name: str, password: str, remote: str = "") -> Account:
    """The account if ``password`` is right; failures are counted and too many are refused for a while."""
    remote = (remote or "")[:64]
    name = str(name or "")[:64]
    database = get_database(project)
    attempt = _count_attempt(database, name, remote)
    with database.session() as session:
        user = session.scalar(select(User).where(User.name == name))
        is_valid = check_password_hash(user.password_hash if user else _dummy_hash(PASSWORD_METHOD), password or "")
        if user is not None and is_valid and user.is_active:
            account = _to_account(user)
        else:
            account = None
    if account is None:
        raise PermissionDenied("wrong user name or password")
    with database.transaction() as connection:       # a success clears the name's failures
        connection.execute(delete(_ATTEMPTS).where((_ATTEMPTS.c.name == name) | (_ATTEMPTS.c.id == attempt)))
    return account


_ATTEMPTS = LoginAttempt.__table__
#: The PostgreSQL advisory lock that makes counting and recording an attempt one step (any fixed number).
_THROTTLE_LOCK = 0x746D735F6C6F67


def _count_attempt(database, name: str, remote: str) -> int:
    """Record a sign-in attempt as failed until it succeeds, and return its id; ``Throttled`` if the name or
    the address is over its limit. Counting and recording are one step for all workers (the SQLite file
    lock, a PostgreSQL advisory lock), so parallel guesses cannot all pass the count before any is recorded."""
    now = utcnow()
    since = now - THROTTLE_WINDOW
    with database.transaction() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _THROTTLE_LOCK})
        connection.execute(delete(_ATTEMPTS).where(_ATTEMPTS.c.when < since))   # first: it takes the write lock
        by_name = connection.scalar(select(func.count()).select_from(_ATTEMPTS).where(_ATTEMPTS.c.name == name))
        by_remote = connection.scalar(select(func.count()).select_from(_ATTEMPTS)
                                      .where(_ATTEMPTS.c.remote == remote)) if remote else 0
        if by_name >= MAX_FAILURES_PER_NAME or by_remote >= MAX_FAILURES_PER_REMOTE:
            minutes = int(THROTTLE_WINDOW.total_seconds() // 60)
            raise Throttled(f"too many failed sign-ins; try again in {minutes} minutes")
        return connection.execute(insert(_ATTEMPTS).values(name=name, remote=remote, when=now)
                                  .returning(_ATTEMPTS.c.id)).scalar_one()


# -- API tokens -----------------------------------------------------------------------------------
def _token_digest(token: str) -> str:
    # Tokens are 256 random bits, so a plain SHA-256 is as safe to store as a slow password hash.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(project, name: str, label: str = "") -> str:
    """A new API token for ``name``; it is returned once and only its digest is kept."""
    check_text(label, "the token's label", multiline=False)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with get_database(project).session() as session:
        user = _existing_user(session, name)
        session.add(ApiToken(user_id=user.id, digest=_token_digest(token), label=label[:64]))
    return token


#: Built once, for the check every API call makes.
_TOKENS, _USERS = ApiToken.__table__.c, User.__table__.c
_TOKEN_QUERY = (select(_TOKENS.id.label("token_id"), _TOKENS.last_used, _USERS.id, _USERS.name,
                       _USERS.role, _USERS.languages, _USERS.is_active)
                .join_from(ApiToken.__table__, User.__table__, _TOKENS.user_id == _USERS.id)
                .where(_TOKENS.digest == bindparam("digest")))


def user_for_token(project, token: str) -> Account:
    """The active account an API token belongs to; ``PermissionDenied`` for an unknown or revoked token.

    Each process remembers the tokens it has checked for ``TOKEN_TRUST_SECONDS``, so a script making many
    calls costs one database read a minute rather than one a call (see ``_accounts_changed``).
    """
    if not token or not token.startswith(TOKEN_PREFIX):
        raise PermissionDenied("invalid API token; create one with: tms user token NAME")
    digest = _token_digest(token)
    return _tokens_kept.get(_stamp(project), lambda: _checked_token(project, digest), _clock(), key=digest)


def _checked_token(project, digest: str) -> Account:
    database = get_database(project)
    with database.reading() as connection:
        row = connection.execute(_TOKEN_QUERY, {"digest": digest}).first()
    if row is None or not row.is_active:
        raise PermissionDenied("invalid API token; create one with: tms user token NAME")
    now = utcnow()
    # Recording every use would make each API call a database write; once a minute is enough.
    if row.last_used is None or now - as_utc(row.last_used) > timedelta(seconds=TOKEN_TRUST_SECONDS):
        with database.transaction() as connection:
            connection.execute(update(ApiToken.__table__).where(_TOKENS.id == row.token_id).values(last_used=now))
    return _to_account(row)


#: Checked tokens (a token's digest -> its account) and the accounts to notify, per process.
_tokens_kept = StampedCache(TOKEN_TRUST_SECONDS, max_kept=4096)
_accounts_kept = StampedCache(TOKEN_TRUST_SECONDS)
_clock = time.monotonic


def _stamp(project) -> ChangeStamp:
    return ChangeStamp(project.shared_state_dir / "accounts.stamp")


def _accounts_changed(project) -> None:
    """Tell every process that accounts or tokens changed: call it after the change is committed."""
    _stamp(project).bump()


@dataclass(frozen=True)
class TokenView:
    """One API token as its owner and the admins see it: never the token itself."""

    id: int
    label: str
    created: datetime
    last_used: datetime | None


def list_tokens(project, name: str) -> list[TokenView]:
    """The API tokens of ``name``, oldest first."""
    with get_database(project).session() as session:
        user = _existing_user(session, name)
        return [TokenView(t.id, t.label, as_utc(t.created), as_utc(t.last_used))
                for t in sorted(user.tokens, key=lambda t: t.id)]


def token_counts(project) -> dict[str, int]:
    """How many API tokens each account has, by name (accounts without any are left out)."""
    with get_database(project).session() as session:
        rows = session.execute(select(User.name, func.count(ApiToken.id))
                               .join(ApiToken, ApiToken.user_id == User.id).group_by(User.name))
        return dict(rows.all())


def revoke_token(project, name: str, token_id: int) -> None:
    """Delete one API token of ``name``; ``NotFound`` if ``name`` has no token with this id."""
    with get_database(project).session() as session:
        user = _existing_user(session, name)
        token = next((t for t in user.tokens if t.id == token_id), None)
        if token is None:
            raise NotFound(f"{name} has no API token #{token_id}")
        user.tokens.remove(token)
    _accounts_changed(project)


def revoke_tokens(project, name: str) -> int:
    """Delete every API token of ``name``; returns how many there were."""
    with get_database(project).session() as session:
        user = _existing_user(session, name)
        count = len(user.tokens)
        user.tokens.clear()
    _accounts_changed(project)
    return count
