"""Notifications: what each person is told in the app and, if they choose, by e-mail.

``notify(project, event, recipients, text, ...)`` is the one way to tell people something; every feature
that has news for someone (a catalog ready for review, official status withdrawn, a mention in a comment,
an assignment) calls it. Each person chooses per event whether to be told in the app, by e-mail, both or
not at all (``set_preferences``); e-mail goes through the SMTP server of ``[mail]`` in ``tms.toml``, sent
by the background queue's worker (``tms serve`` runs one on the embedded queue; else ``tms worker``).
"""
from __future__ import annotations

import json
import logging
import os
import re
import smtplib
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, insert, select, update

from tms.errors import InputError
from tms.services.users import Account, AccountRole, known_accounts
from tms.storage.config import project_settings
from tms.storage.database import Notification, Preference, as_utc, database_url, get_database, utcnow
from tms.storage.files import ChangeStamp, StampedCache
from tms.storage.layout import Project

log = logging.getLogger(__name__)

#: The events, in the order the account page lists them, with what the choice is called there.
EVENTS = {
    "new-article": "A new article in my languages",
    "ready-for-review": "A catalog in my languages is ready for review",
    "ready-for-certification": "A catalog in my languages is ready for certification",
    "official-withdrawn": "Official status of a translation I certified is withdrawn",
    "mention": "A comment mentions me (@name)",
    "assigned": "Work is assigned to me",
    "suggestion-made": "Someone suggests a translation in a language I review",
    "suggestion-decided": "My suggestion is accepted or rejected",
}
CHANNELS = ("app", "email")
#: Unless a person chooses otherwise: every event in the app, none by e-mail.
DEFAULT_CHANNELS = ("app",)
DEFAULT_TIME_ZONE = "Asia/Seoul"
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MENTION_PATTERN = re.compile(r"(?<![\w@])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})")


@dataclass
class Preferences:
    """One person's choices: e-mail address, time zone, and the channels of each event."""

    user: str
    email: str = ""
    time_zone: str = DEFAULT_TIME_ZONE
    choices: dict[str, list[str]] = field(default_factory=dict)

    def channels(self, event: str) -> tuple[str, ...]:
        """How this person is told of ``event``: ("app",), ("app", "email"), () ..."""
        chosen = self.choices.get(event)
        return DEFAULT_CHANNELS if chosen is None else tuple(chosen)


@dataclass
class NotificationView:
    """One notification as the pages and the API show it."""

    id: int
    event: str
    text: str
    link: str
    article_id: str
    lang: str
    created: datetime
    is_read: bool

    def to_json(self) -> dict:
        """The JSON object of the API."""
        return {"id": self.id, "event": self.event, "text": self.text, "link": self.link,
                "article": self.article_id, "language": self.lang, "created": self.created.isoformat(),
                "read": self.is_read}


# -- preferences ----------------------------------------------------------------------------------
def get_preferences(project: Project, user: str) -> Preferences:
    """The choices of ``user`` (the defaults until they make some)."""
    with get_database(project).session() as session:
        row = session.get(Preference, user)
        if row is None:
            return Preferences(user)
        return Preferences(user, row.email, row.time_zone or DEFAULT_TIME_ZONE, json.loads(row.choices or "{}"))


def set_preferences(project: Project, user: str, *, email: str | None = None, time_zone: str | None = None,
                    choices: dict[str, Iterable[str]] | None = None) -> Preferences:
    """Change the choices of ``user``; what is not given stays as it was."""
    if email is not None:
        email = email.strip()
        if email and not EMAIL_PATTERN.match(email):
            raise InputError(f"{email!r} is not an e-mail address (name@example.org)")
    if time_zone is not None:
        time_zone = check_time_zone(time_zone)
    if choices is not None:
        choices = _check_choices(choices)
    with get_database(project).session() as session:
        row = session.get(Preference, user)
        if row is None:
            row = Preference(user=user, email="", time_zone="", choices="{}")
            session.add(row)
        if email is not None:
            row.email = email
        if time_zone is not None:
            row.time_zone = time_zone
        if choices is not None:
            row.choices = json.dumps(choices, sort_keys=True)
    _preferences_stamp(project).bump()
    return get_preferences(project, user)


def check_time_zone(name: str) -> str:
    """Return ``name`` if it is an IANA time zone ("Asia/Seoul"), else raise ``InputError``."""
    name = (name or "").strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"unknown time zone {name!r}; use an IANA name such as 'Asia/Seoul'") from None
    return name


def _check_choices(choices: dict[str, Iterable[str]]) -> dict[str, list[str]]:
    out = {}
    for event, channels in choices.items():
        if event not in EVENTS:
            raise InputError(f"unknown notification {event!r}; use: {', '.join(EVENTS)}")
        channels = list(channels)
        unknown = [c for c in channels if c not in CHANNELS]
        if unknown:
            raise InputError(f"unknown way to notify {unknown[0]!r}; use: {', '.join(CHANNELS)}")
        out[event] = [c for c in CHANNELS if c in channels]
    return out


# -- telling people -------------------------------------------------------------------------------
def people_in(project: Project, lang: str, role: AccountRole = AccountRole.TRANSLATOR, *,
              exact: bool = False) -> list[str]:
    """The names of active accounts with at least ``role`` (exactly ``role`` when ``exact``) in ``lang``.

    Admins work in every language but are told only of what names them, not of every catalog.
    """
    return [a.name for a in known_accounts(project)
            if a.is_active and a.role is not AccountRole.ADMIN and a.has(role, lang)
            and (not exact or a.role is role)]


def has_accounts(project: Project) -> bool:
    """False for a project without a database yet (nobody to tell), so that commands such as ``tms import``
    do not create one just to find that out."""
    url = database_url(project)
    return not url.startswith("sqlite:///") or os.path.exists(url[len("sqlite:///"):])


def announce_article(project: Project, article_id: str, title: str, langs: Iterable[str]) -> int:
    """Tell everyone who works in one of ``langs`` that a new article waits for translation."""
    if not has_accounts(project):
        return 0
    langs = list(langs)
    people = {name for lang in langs for name in people_in(project, lang)}
    return notify(project, "new-article", people, f"New article to translate: {title or article_id}",
                  link="/", article_id=article_id)


def segment_link(article_id: str, lang: str, number: int | None = None) -> str:
    """The editor's address of a catalog, at segment ``number`` (its place in the editor, from 1) if given."""
    link = f"/articles/{article_id}/{lang}"
    return f"{link}#seg-{number}" if number else link


def excerpt(text: str, limit: int = 120) -> str:
    """``text`` cut to ``limit`` characters for a notification, with an ellipsis if it was cut."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def announce_mentions(project: Project, author: str, article_id: str, lang: str, text: str, *,
                      number: int | None = None) -> int:
    """Tell the people a comment mentions as ``@name`` about it; the link opens segment ``number`` if the
    comment is on one."""
    names = mentioned(text)
    if not names:
        return 0
    known = {a.name for a in known_accounts(project) if a.is_active}
    return notify(project, "mention", [n for n in names if n in known],
                  f"{author} mentioned you on {article_id} ({lang}): {excerpt(text)}",
                  link=segment_link(article_id, lang, number), article_id=article_id, lang=lang, actor=author)


def notify(project: Project, event: str, recipients: Iterable[str], text: str, *, link: str = "",
           article_id: str = "", lang: str = "", actor: str = "") -> int:
    """Tell ``recipients`` (account names) of ``event``, each in the ways they chose; returns how many
    were told. ``actor``, the person whose action this is, is not told of it."""
    if event not in EVENTS:
        raise InputError(f"unknown notification {event!r}; use: {', '.join(EVENTS)}")
    names = sorted({r for r in recipients if r and r != actor})
    if not names:
        return 0
    preferences = _preferences_of(project, names)
    in_app = [n for n in names if "app" in preferences[n].channels(event)]
    by_mail = [preferences[n] for n in names if "email" in preferences[n].channels(event) and preferences[n].email]
    if in_app:
        now = utcnow()
        rows = [dict(user=n, event=event, text=text, link=link, article_id=article_id, lang=lang, created=now)
                for n in in_app]
        with get_database(project).transaction() as connection:
            connection.execute(insert(Notification), rows)
    if by_mail and mail_settings(project).get("host"):
        for person in by_mail:
            queue_mail(project, person.email, f"[tms] {text}", _mail_body(text, link, event))
    return len(set(in_app) | {p.user for p in by_mail})


def _preferences_of(project: Project, names: list[str]) -> dict[str, Preferences]:
    chosen = _preferences_kept.get(_preferences_stamp(project), lambda: _read_preferences(project), time.monotonic())
    return {n: chosen.get(n) or Preferences(n) for n in names}


def _read_preferences(project: Project) -> dict[str, Preferences]:
    columns = Preference.__table__.c
    query = select(columns.user, columns.email, columns.time_zone, columns.choices)
    with get_database(project).reading() as connection:
        return {r.user: Preferences(r.user, r.email, r.time_zone or DEFAULT_TIME_ZONE, json.loads(r.choices or "{}"))
                for r in connection.execute(query)}


#: Everybody's choices, kept in each process until somebody changes theirs (a notification is written on
#: every suggestion); a minute at most, for changes made straight in the database.
_preferences_kept = StampedCache(60.0)


def _preferences_stamp(project: Project) -> ChangeStamp:
    return ChangeStamp(project.shared_state_dir / "preferences.stamp")


def _mail_body(text: str, link: str, event: str) -> str:
    lines = [text, ""]
    if link:
        lines += [f"Open it: {link}", ""]
    lines.append(f"You receive this because you chose e-mail for “{EVENTS[event]}” on your tms account page.")
    return "\n".join(lines)


def mail_settings(project: Project) -> dict:
    """``[mail]`` of ``tms.toml``: host, port, sender, username, password (or ``TMS_MAIL_PASSWORD``),
    starttls, base_url (for links in messages). No host: no e-mail."""
    mail = dict(project_settings(project.config_path).extra.get("mail", {}) or {})
    mail.setdefault("port", 25)
    mail.setdefault("sender", "tms@localhost")
    mail.setdefault("starttls", False)
    mail["password"] = os.environ.get("TMS_MAIL_PASSWORD") or mail.get("password", "")
    if not isinstance(mail["port"], int) or isinstance(mail["port"], bool) or not 0 < mail["port"] < 65536:
        raise InputError(f"{project.config_path}: [mail] port must be a port number, not {mail['port']!r}")
    return mail


def send_mail(project: Project, to: str, subject: str, body: str) -> bool:
    """Send one plain-text message through the project's SMTP server; False (and a log line) if it failed,
    for a notification must never undo the work it reports."""
    settings = mail_settings(project)
    if not settings.get("host"):
        return False
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings["sender"], to, subject
    base = str(settings.get("base_url", "")).rstrip("/")
    message.set_content(body.replace("Open it: /", f"Open it: {base}/") if base else body)
    try:
        with smtplib.SMTP(settings["host"], settings["port"], timeout=10) as smtp:
            if settings.get("starttls"):
                smtp.starttls()
            if settings.get("username"):
                smtp.login(settings["username"], settings["password"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("could not send mail to %s through %s:%s: %s", to, settings["host"], settings["port"], exc)
        return False
    return True


def queue_mail(project: Project, to: str, subject: str, body: str) -> bool:
    """Hand one message to the background queue (``tms.services.jobs``), whose worker sends it, so that a
    slow SMTP server never slows the save that caused it; False (and a log line) if the queue refused it."""
    from tms.services.jobs import get_queue           # the queue's tasks tell people: import when needed

    try:
        get_queue(project).tms_mail(to, subject, body)
    except Exception:       # noqa: BLE001 (a notification must never undo the work it reports)
        log.exception("could not queue mail to %s", to)
        return False
    return True


def register(huey, project: Project) -> None:
    """Register the mail task on the project's Huey queue (``tms.services.jobs.get_queue``)."""
    @huey.task(name="mail")
    def mail_task(to: str, subject: str, body: str) -> None:
        send_mail(project, to, subject, body)

    huey.tms_mail = mail_task


def mentioned(text: str) -> list[str]:
    """The account names a text mentions as ``@name``."""
    return sorted({m.rstrip(".") for m in MENTION_PATTERN.findall(text or "")})


# -- reading them ---------------------------------------------------------------------------------
def list_notifications(project: Project, user: str, *, limit: int = 50, unread_only: bool = False
                       ) -> list[NotificationView]:
    """The notifications of ``user``, newest first."""
    query = select(Notification).where(Notification.user == user)
    if unread_only:
        query = query.where(Notification.read.is_(None))
    query = query.order_by(Notification.created.desc(), Notification.id.desc()).limit(limit)
    with get_database(project).session() as session:
        return [NotificationView(n.id, n.event, n.text, n.link, n.article_id, n.lang, as_utc(n.created),
                                 n.read is not None) for n in session.scalars(query)]


def unread_count(project: Project, user: str) -> int:
    """How many notifications ``user`` has not read."""
    query = select(func.count()).select_from(Notification).where(Notification.user == user,
                                                                  Notification.read.is_(None))
    with get_database(project).reading() as connection:
        return connection.execute(query).scalar_one()


def mark_read(project: Project, account: Account, ids: Iterable[int] | None = None) -> int:
    """Mark the person's notifications ``ids`` (all when None) read; returns how many changed."""
    query = update(Notification).where(Notification.user == account.name, Notification.read.is_(None))
    if ids is not None:
        query = query.where(Notification.id.in_([int(i) for i in ids]))
    with get_database(project).transaction() as connection:
        return connection.execute(query.values(read=utcnow())).rowcount
