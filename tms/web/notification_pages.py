"""Notifications in the app: the list, the unread count in the top bar, and each person's choices on their
account page (e-mail address, time zone, which events by which way)."""
from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import login_required

from tms.errors import InputError
from tms.services import notifications as service
from tms.web import current_project, wants_json
from tms.web.auth import current_account

bp = Blueprint("notifications", __name__)


@bp.app_context_processor
def _unread():
    """``unread_notifications()`` and ``notification_choices()`` for the templates."""
    def unread_notifications() -> int:
        account = current_account()
        return service.unread_count(current_project(), account.name) if account else 0

    def notification_choices():
        account = current_account()
        return service.get_preferences(current_project(), account.name) if account else None

    return {"unread_notifications": unread_notifications, "notification_choices": notification_choices,
            "notification_events": service.EVENTS}


@bp.get("/notifications")
@login_required
def index():
    """The signed-in person's notifications, newest first, unread ones marked."""
    account = current_account()
    found = service.list_notifications(current_project(), account.name, limit=100)
    return render_template("notifications/index.html", notifications=found)


@bp.get("/notifications/count")
@login_required
def count():
    """The unread count, for the top bar's script."""
    return jsonify({"unread": service.unread_count(current_project(), current_account().name)})


@bp.post("/notifications/read")
@login_required
def read():
    """Mark one notification (``id``) or all of them read."""
    raw = request.form.get("id")
    if raw is not None and not raw.isdigit():
        raise InputError("'id' must be a notification id")
    account = current_account()
    service.mark_read(current_project(), account, None if raw is None else [int(raw)])
    if wants_json():
        return jsonify({"unread": service.unread_count(current_project(), account.name)})
    return redirect(url_for("notifications.index"))


@bp.post("/account/notifications")
@login_required
def choose():
    """Save the person's e-mail address, time zone and notification choices."""
    choices = {event: request.form.getlist(f"event-{event}") for event in service.EVENTS}
    service.set_preferences(current_project(), current_account().name, email=request.form.get("email", ""),
                            time_zone=request.form.get("time_zone", service.DEFAULT_TIME_ZONE), choices=choices)
    flash("Your notification choices are saved.", "success")
    return redirect(url_for("users.account"))
