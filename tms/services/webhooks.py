"""Webhooks: telling a publishing system the moment an article comes in or a translation is ready.

Each ``[[webhooks]]`` table of ``tms.toml`` names a receiver::

    [[webhooks]]
    url = "https://cms.example.org/tms-hook"
    secret = "a long random string shared with the receiver"
    events = ["catalog.translated", "catalog.certified"]     # default: every event

An event records one delivery per receiver in the database and queues it on the background queue
(``tms worker``); the save that caused it only writes that row, so a slow or dead receiver never slows a
save. The worker POSTs the JSON body, signed with ``X-TMS-Signature: sha256=<hex HMAC-SHA256 of the body
with the secret>``; an answer other than 2xx (or none) is tried again after 10 s, 20 s, 40 s... up to
``[delivery] max_attempts`` times. A delivery answered 2xx is never sent again: the worker claims it in
the database before sending, so a task the queue hands out twice finds it taken or delivered.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, insert, or_, select, update

from tms.errors import InputError, NotFound
from tms.storage.config import project_settings
from tms.storage.database import WebhookDelivery, as_utc, get_database, utcnow
from tms.storage.layout import Project

EVENTS = ("article.imported", "article.updated", "catalog.translated", "catalog.certified", "catalog.withdrawn")
SIGNATURE_HEADER = "X-TMS-Signature"
#: How long a delivery claimed by a worker stays its own: a worker that died while sending loses it then.
CLAIM_SECONDS = 300
ANSWER_KEPT = 500           # characters of the receiver's answer kept for the admin page
_DELIVERY_DEFAULTS = {"base_url": "http://127.0.0.1:5000", "retry_seconds": 10.0, "max_attempts": 6,
                      "timeout": 10.0}
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Webhook:
    """One receiver: where, the shared secret, and the events it wants."""

    url: str
    secret: str
    events: tuple[str, ...] = EVENTS


def webhooks(project: Project) -> list[Webhook]:
    """The receivers configured in ``tms.toml``; ``InputError`` naming the table and key that is wrong."""
    tables = project_settings(project.config_path).extra.get("webhooks", [])
    where = project.config_path
    if not isinstance(tables, list):
        raise InputError(f"{where}: 'webhooks' must be an array of tables: write [[webhooks]]")
    found = []
    for number, table in enumerate(tables, start=1):
        place = f"{where}: [[webhooks]] number {number}"
        if not isinstance(table, dict):
            raise InputError(f"{place} must be a table")
        url, secret, events = table.get("url"), table.get("secret"), table.get("events", list(EVENTS))
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise InputError(f"{place}: 'url' must be an http:// or https:// address (got {url!r})")
        if not isinstance(secret, str) or len(secret) < 16:
            raise InputError(f"{place}: 'secret' must be a string of at least 16 characters shared with the receiver")
        if not isinstance(events, list) or any(e not in EVENTS for e in events) or not events:
            raise InputError(f"{place}: 'events' must list some of: {', '.join(EVENTS)} (got {events!r})")
        unknown = set(table) - {"url", "secret", "events"}
        if unknown:
            raise InputError(f"{place}: unknown key {sorted(unknown)[0]!r}; expected url, secret, events")
        found.append(Webhook(url, secret, tuple(events)))
    return found


def delivery_settings(project: Project) -> dict:
    """``[delivery]`` of ``tms.toml`` over the defaults: base_url (of the links sent), retry_seconds
    (the first wait; it doubles each time), max_attempts and timeout (seconds a receiver has to answer)."""
    table = project_settings(project.config_path).extra.get("delivery", {}) or {}
    values = {**_DELIVERY_DEFAULTS, **table}
    values["base_url"] = os.environ.get("TMS_BASE_URL") or values["base_url"]
    for name in ("retry_seconds", "max_attempts", "timeout"):
        if not isinstance(values[name], (int, float)) or isinstance(values[name], bool) or values[name] <= 0:
            raise InputError(f"{project.config_path}: [delivery] {name} must be a positive number")
    return values


def sign(secret: str, body: bytes) -> str:
    """The value of ``X-TMS-Signature`` for ``body``: ``sha256=`` and the hex HMAC-SHA256."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def event_body(project: Project, event: str, article_id: str, lang: str = "", *,
               now: datetime | None = None) -> dict:
    """The JSON of one event: event, article, language, publication, render_url, time."""
    from tms.storage.originals import load_article
    from tms.storage.catalogs import read as load_catalog

    publication = None
    if lang:
        path = project.po_path(article_id, lang)
        publication = load_catalog(path).publication.value if path.exists() else None
    else:
        path = project.original_path(article_id)
        lang = load_article(path)[0].language if path.exists() else ""
    base = str(delivery_settings(project)["base_url"]).rstrip("/")
    render_url = f"{base}/api/articles/{article_id}/{lang}/render?format=html" if lang else None
    moment = (now or utcnow()).isoformat(timespec="seconds")
    return {"event": event, "article": article_id, "language": lang, "publication": publication,
            "render_url": render_url, "time": moment}


def emit(project: Project, event: str, article_id: str, lang: str = "") -> list[int]:
    """Record and queue one delivery of ``event`` per receiver that wants it; returns their ids.

    Never raises: an event is a consequence of a save that has already happened, and a broken webhook
    configuration or queue must not turn that save into an error. What went wrong is logged.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    try:
        receivers = [hook for hook in webhooks(project) if event in hook.events]
        if not receivers:
            return []
        body = json.dumps(event_body(project, event, article_id, lang), ensure_ascii=False)
        ids = []
        with get_database(project).transaction() as connection:
            for hook in receivers:
                ids.append(connection.execute(insert(WebhookDelivery).values(
                    event=event, url=hook.url, article_id=article_id, lang=lang, body=body, status="pending",
                    attempts=0, last_answer="", created=utcnow())).inserted_primary_key[0])
        for delivery_id in ids:
            _queue(project, delivery_id)
        return ids
    except Exception:       # noqa: BLE001 (see the docstring)
        log.exception("webhook event %s for %s %s could not be queued", event, article_id, lang)
        return []


def publication_changed(project: Project, article_id: str, lang: str, before, after) -> None:
    """Announce what a change of a catalog's publication status means: every segment now translated by a
    person (``catalog.translated``), certified official, or no longer official (``catalog.withdrawn``)."""
    from tms.model import PublicationStatus as P

    if before == after:
        return
    if before is P.OFFICIAL:
        emit(project, "catalog.withdrawn", article_id, lang)
    if before is P.DRAFT:
        emit(project, "catalog.translated", article_id, lang)
    if after is P.OFFICIAL:
        emit(project, "catalog.certified", article_id, lang)


def _queue(project: Project, delivery_id: int, delay: float | None = None) -> None:
    from tms.services.jobs import get_queue

    task = get_queue(project).tms_webhook
    if delay:
        task.schedule(args=(delivery_id,), delay=delay)
    else:
        task(delivery_id)


def register(huey, project: Project) -> None:
    """Register the delivery task on the project's Huey queue (``tms.services.jobs.get_queue``)."""
    @huey.task(name="webhook")
    def webhook_task(delivery_id: int) -> None:
        deliver(project, delivery_id)

    huey.tms_webhook = webhook_task


# -- delivering -----------------------------------------------------------------------------------
def deliver(project: Project, delivery_id: int, *, requeue: bool = True) -> str:
    """Send one delivery if it is still due; returns its status afterwards.

    ``requeue``: queue the next attempt after a failure (the worker does; tests may drive it by hand).
    """
    claimed = _claim(project, delivery_id)
    if claimed is None:
        return _status(project, delivery_id)
    hook = next((h for h in webhooks(project) if h.url == claimed.url), None)
    settings = delivery_settings(project)
    if hook is None:
        _finish(project, delivery_id, status="failed", last_answer="no [[webhooks]] table has this url any more")
        return "failed"
    code, answer = _post(hook, claimed.body.encode("utf-8"), float(settings["timeout"]))
    attempts = claimed.attempts + 1
    if code is not None and 200 <= code < 300:
        _finish(project, delivery_id, status="delivered", attempts=attempts, last_code=code,
                last_answer=answer, delivered=utcnow(), next_try=None)
        return "delivered"
    if attempts >= int(settings["max_attempts"]):
        _finish(project, delivery_id, status="failed", attempts=attempts, last_code=code, last_answer=answer,
                next_try=None)
        return "failed"
    wait = float(settings["retry_seconds"]) * 2 ** (attempts - 1)
    _finish(project, delivery_id, status="pending", attempts=attempts, last_code=code, last_answer=answer,
            next_try=utcnow() + timedelta(seconds=wait))
    if requeue:
        _queue(project, delivery_id, delay=wait)
    return "pending"


def _claim(project: Project, delivery_id: int):
    """Take a due delivery for this worker (pending, or claimed by a worker that has since died)."""
    table = WebhookDelivery.__table__
    now = utcnow()
    stale = now - timedelta(seconds=CLAIM_SECONDS)
    with get_database(project).transaction() as connection:
        taken = connection.execute(
            update(table).where(table.c.id == delivery_id, or_(
                table.c.status == "pending", and_(table.c.status == "sending", table.c.last_try < stale)))
            .values(status="sending", last_try=now)).rowcount
        if not taken:
            return None
        return connection.execute(select(table).where(table.c.id == delivery_id)).first()


def _finish(project: Project, delivery_id: int, **values) -> None:
    table = WebhookDelivery.__table__
    with get_database(project).transaction() as connection:
        connection.execute(update(table).where(table.c.id == delivery_id).values(**values))


def _status(project: Project, delivery_id: int) -> str:
    with get_database(project).reading() as connection:
        status = connection.execute(select(WebhookDelivery.status).where(WebhookDelivery.id == delivery_id)).scalar()
    if status is None:
        raise NotFound(f"no webhook delivery #{delivery_id}")
    return status


def _post(hook: Webhook, body: bytes, timeout: float) -> tuple[int | None, str]:
    """POST the body; the answer's status and its start, or None and why nothing came back."""
    request = urllib.request.Request(hook.url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": "tms-webhook",
        SIGNATURE_HEADER: sign(hook.secret, body)})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(ANSWER_KEPT).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, (exc.read(ANSWER_KEPT) or b"").decode("utf-8", "replace") or exc.reason
    except (OSError, ValueError) as exc:        # refused, timed out, unreachable, bad address
        return None, f"{type(exc).__name__}: {exc}"[:ANSWER_KEPT]


# -- the admin page -------------------------------------------------------------------------------
@dataclass(frozen=True)
class DeliveryView:
    """One delivery as the admin page and the API show it."""

    id: int
    event: str
    url: str
    article_id: str
    lang: str
    status: str
    attempts: int
    last_code: int | None
    last_answer: str
    created: datetime
    last_try: datetime | None
    next_try: datetime | None
    delivered: datetime | None

    def to_json(self) -> dict:
        """The delivery as JSON."""
        out = dict(self.__dict__)
        for name in ("created", "last_try", "next_try", "delivered"):
            out[name] = out[name].isoformat() if out[name] else None
        return out


def list_deliveries(project: Project, *, status: str | None = None, limit: int = 200) -> list[DeliveryView]:
    """Recorded deliveries, newest first."""
    query = select(WebhookDelivery).order_by(WebhookDelivery.id.desc()).limit(limit)
    if status:
        query = query.where(WebhookDelivery.status == status)
    with get_database(project).session() as session:
        return [DeliveryView(d.id, d.event, d.url, d.article_id, d.lang, d.status, d.attempts, d.last_code,
                             d.last_answer, as_utc(d.created), as_utc(d.last_try), as_utc(d.next_try),
                             as_utc(d.delivered)) for d in session.scalars(query)]


def retry(project: Project, delivery_id: int) -> None:
    """Queue a failed delivery again, from its first attempt (the admin page's button)."""
    table = WebhookDelivery.__table__
    with get_database(project).transaction() as connection:
        changed = connection.execute(update(table).where(table.c.id == delivery_id, table.c.status == "failed")
                                     .values(status="pending", attempts=0, next_try=None)).rowcount
    if not changed:
        raise NotFound(f"no failed webhook delivery #{delivery_id}")
    _queue(project, delivery_id)
