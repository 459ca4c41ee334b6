"""Dates and times as the reader reads them: in their language and their time zone (Asia/Seoul unless they
chose another on their account page), through Babel's CLDR data."""
from __future__ import annotations

from datetime import datetime, timezone

from babel.dates import format_datetime, get_timezone
from flask import g, request

from tms.languages import CODES
from tms.services.notifications import DEFAULT_TIME_ZONE, get_preferences


def reader_locale() -> str:
    """The reader's language among the eleven (from the browser's Accept-Language), English by default."""
    if "reader_locale" not in g:
        g.reader_locale = request.accept_languages.best_match(CODES) or "en"
    return g.reader_locale


def reader_time_zone() -> str:
    """The signed-in person's time zone, else Asia/Seoul."""
    if "reader_time_zone" not in g:
        from tms.web import current_project
        from tms.web.auth import current_account

        account = current_account()
        g.reader_time_zone = (get_preferences(current_project(), account.name).time_zone if account
                              else DEFAULT_TIME_ZONE)
    return g.reader_time_zone


def local_datetime(value: datetime | str | None, form: str = "medium") -> str:
    """``value`` (an aware datetime, or ISO 8601 text) in the reader's language and time zone."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    zone, locale = get_timezone(reader_time_zone()), reader_locale()
    return f"{format_datetime(value, form, tzinfo=zone, locale=locale)} {format_datetime(value, 'ZZZZ', tzinfo=zone, locale=locale)}"
