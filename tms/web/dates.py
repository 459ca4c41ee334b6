"""Dates and times as the reader reads them: in their language and their time zone (Asia/Seoul unless they
chose another on their account page), through Babel's CLDR data."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from babel.dates import format_datetime, get_timezone
from flask import g, request

from tms.errors import InputError
from tms.languages import CODES
from tms.services import schedules
from tms.services.notifications import DEFAULT_TIME_ZONE, get_preferences

#: The cookie that keeps the time zone a reader chose for deadlines on "My work".
ZONE_COOKIE = "tms_tz"
#: The zones offered on "My work" (any IANA name works in ``?tz=``): the service's readers' own.
ZONES = ("Asia/Seoul", "Asia/Tokyo", "Asia/Shanghai", "Asia/Jakarta", "Asia/Ho_Chi_Minh", "Asia/Riyadh",
         "Europe/Moscow", "Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/London", "UTC",
         "America/New_York", "America/Mexico_City")


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


def reader_zone() -> ZoneInfo:
    """The time zone deadlines are shown in: ``?tz=``, else the one chosen on "My work" (a cookie), else
    the person's own (``reader_time_zone``); ``InputError`` for an unknown ``?tz=``."""
    chosen = request.values.get("tz") or request.cookies.get(ZONE_COOKIE)
    try:
        return schedules.reader_zone(chosen or reader_time_zone())
    except InputError:
        if request.values.get("tz"):
            raise
        return schedules.reader_zone(reader_time_zone())     # a stale cookie is no reason to refuse a page


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
