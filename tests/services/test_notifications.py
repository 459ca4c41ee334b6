"""Notifications: who is told of what, each person's choices, and e-mail through a real SMTP server."""
from __future__ import annotations

import signal
import socket
import time

import pytest
from aiosmtpd.controller import Controller

from tms.errors import InputError
from tms.services import review
from tms.services.comments import add_comment
from tms.services.jobs import get_queue
from tms.services.proposal_decisions import accept_proposal, reject_proposal
from tms.services.notifications import (announce_article, get_preferences, list_notifications, mark_read,
                                        mentioned, notify, send_mail, set_preferences, unread_count)
from tms.services.users import create_user, get_user
from tms.storage.database import close_databases
from tests.services.test_jobs import _worker
from tests.web.factory import HUMAN_JA, build_article


@pytest.fixture
def team(project, monkeypatch):
    from tms.services import users as user_service

    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)
    monkeypatch.setattr(user_service, "PASSWORD_METHOD", "pbkdf2:sha256:1000")
    build_article(project)
    for name, role, langs in (("tina", "translator", "ja"), ("rita", "reviewer", "ja"), ("alex", "approver", "ja"),
                              ("dirk", "translator", "de"), ("ada", "admin", None)):
        create_user(project, name, role, "correct horse battery", langs)
    yield project
    close_databases()


class Inbox:
    """What the SMTP server received."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp(team):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    team.config_path.write_text(f'[mail]\nhost = "127.0.0.1"\nport = {port}\nsender = "tms@news.example"\n'
                                'base_url = "https://tms.news.example"\n', encoding="utf-8")
    yield inbox
    controller.stop()


def _wait_for(inbox, count, timeout=5.0):
    deadline = time.monotonic() + timeout
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return inbox.messages


def _run_queued(project) -> int:
    """Do what the background worker does: run every task waiting on the project's queue."""
    queue, ran = get_queue(project), 0
    while (task := queue.dequeue()) is not None:
        queue.execute(task)
        ran += 1
    return ran


def _segments(project):
    return review.get_segments(project, "demo", "ja").segments


def test_in_the_app_by_default_and_never_to_the_actor(team):
    assert notify(team, "mention", ["tina", "rita"], "hello", actor="rita") == 1
    assert [n.text for n in list_notifications(team, "tina")] == ["hello"]
    assert unread_count(team, "tina") == 1 and unread_count(team, "rita") == 0
    assert mark_read(team, get_user(team, "tina")) == 1 and unread_count(team, "tina") == 0
    with pytest.raises(InputError, match="unknown notification 'party'"):
        notify(team, "party", ["tina"], "x")


def test_a_person_may_turn_an_event_off(team):
    set_preferences(team, "tina", choices={"mention": []})
    assert notify(team, "mention", ["tina"], "hello") == 0
    assert list_notifications(team, "tina") == []
    with pytest.raises(InputError, match="unknown way to notify 'pigeon'"):
        set_preferences(team, "tina", choices={"mention": ["pigeon"]})
    with pytest.raises(InputError, match="not an e-mail address"):
        set_preferences(team, "tina", email="tina at example")
    with pytest.raises(InputError, match="unknown time zone"):
        set_preferences(team, "tina", time_zone="Mars/Olympus")
    assert get_preferences(team, "tina").time_zone == "Asia/Seoul"


def test_choices_are_read_once_per_change_and_a_change_applies_to_the_next_notification(team):
    from sqlalchemy import event

    from tms.storage.database import get_database

    statements = []
    event.listen(get_database(team).engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    assert notify(team, "mention", ["tina"], "one") == 1
    assert notify(team, "mention", ["tina"], "two") == 1
    reads = [s for s in statements if "FROM preferences" in s]
    assert len(reads) <= 1                       # the second notification found the choices kept
    set_preferences(team, "tina", choices={"mention": []})
    assert notify(team, "mention", ["tina"], "three") == 0      # the change counts at once
    set_preferences(team, "tina", choices={"mention": ["app"]})
    assert notify(team, "mention", ["tina"], "four") == 1
    assert [n.text for n in list_notifications(team, "tina")] == ["four", "two", "one"]


def test_a_catalog_fully_translated_tells_reviewers_and_fully_approved_tells_approvers(team):
    tina, rita = get_user(team, "tina"), get_user(team, "rita")
    for segment, text in zip(_segments(team), HUMAN_JA):
        review.save_segment(team, tina, "demo", "ja", segment.key, text, None, segment.revision)
    assert [n.event for n in list_notifications(team, "rita")] == ["ready-for-review"]
    assert [n.event for n in list_notifications(team, "alex")] == ["ready-for-review"]
    assert list_notifications(team, "tina") == [] and list_notifications(team, "dirk") == []
    assert list_notifications(team, "ada") == []            # admins are told of what names them only
    for segment in _segments(team):
        review.approve(team, rita, "demo", "ja", segment.key, segment.revision)
    assert [n.event for n in list_notifications(team, "alex")] == ["ready-for-certification", "ready-for-review"]
    assert [n.event for n in list_notifications(team, "rita")] == ["ready-for-review"]


def test_a_comment_mentioning_someone_tells_them(team):
    assert mentioned("@tina and @rita. e-mail a@b.example") == ["rita", "tina"]
    key = _segments(team)[0].key
    add_comment(team, get_user(team, "rita"), "demo", "ja", key, "@tina please check the title; @nobody")
    told = list_notifications(team, "tina")
    assert [n.event for n in told] == ["mention"] and "rita mentioned you" in told[0].text
    assert told[0].link == "/articles/demo/ja#seg-1"            # opens the segment the comment is on
    assert list_notifications(team, "rita") == []
    add_comment(team, get_user(team, "rita"), "demo", "ja", "", "@tina the whole article reads well")
    assert list_notifications(team, "tina")[0].link == "/articles/demo/ja"


def _suggest(project, index=1):
    """A segment approved by rita, then a suggestion by tina for it; returns the suggestion."""
    segment = _segments(project)[index]
    approved = review.save_segment(project, get_user(project, "rita"), "demo", "ja", segment.key, HUMAN_JA[index],
                                   "approved", segment.revision).segment
    return review.save_segment(project, get_user(project, "tina"), "demo", "ja", approved.key, "日韓が合意", None,
                               approved.revision).proposal


def test_a_suggestion_tells_the_reviewers_of_its_language_with_a_link_to_the_segment(team):
    create_user(team, "rosa", "reviewer", "correct horse battery", "de")
    suggestion = _suggest(team)
    told = list_notifications(team, "rita")
    assert [n.event for n in told] == ["suggestion-made"]
    assert told[0].text == "tina suggests a translation of segment 2 of demo (Japanese): 日韓が合意"
    assert (told[0].link, told[0].article_id, told[0].lang) == ("/articles/demo/ja#seg-2", "demo", "ja")
    assert [n.event for n in list_notifications(team, "alex")] == ["suggestion-made"]    # approvers review too
    for other in ("tina", "dirk", "rosa", "ada"):           # the author, other languages, admins: not told
        assert list_notifications(team, other) == [], other
    set_preferences(team, "rita", choices={"suggestion-made": []})
    review.save_segment(team, get_user(team, "tina"), "demo", "ja", suggestion.key, "日韓が一致", None,
                        _segments(team)[1].revision)
    assert len(list_notifications(team, "rita")) == 1 and len(list_notifications(team, "alex")) == 2


def test_the_author_learns_whether_their_suggestion_was_accepted_or_rejected(team):
    rita, alex = get_user(team, "rita"), get_user(team, "alex")
    first = _suggest(team, 1)
    reject_proposal(team, rita, "demo", "ja", first.key, first.id, "the style guide says 一致")
    told = list_notifications(team, "tina")
    assert [n.event for n in told] == ["suggestion-decided"]
    assert told[0].text == "rita rejected your suggestion for segment 2 of demo (Japanese): the style guide says 一致"
    assert told[0].link == "/articles/demo/ja#seg-2"
    second = _suggest(team, 2)
    accept_proposal(team, alex, "demo", "ja", second.key, second.id)
    told = list_notifications(team, "tina")
    assert [n.event for n in told] == ["suggestion-decided", "suggestion-decided"]
    assert told[0].text == "alex accepted your suggestion for segment 3 of demo (Japanese)"
    assert told[0].link == "/articles/demo/ja#seg-3"
    assert not [n for n in list_notifications(team, "rita") if n.event == "suggestion-decided"]


def test_a_new_article_tells_the_people_of_its_languages(team):
    assert announce_article(team, "summit", "Leaders meet in Seoul", ["ja", "de"]) == 4
    assert [n.text for n in list_notifications(team, "dirk")] == ["New article to translate: Leaders meet in Seoul"]
    assert list_notifications(team, "ada") == []


def test_email_through_the_projects_smtp_server(team, smtp):
    set_preferences(team, "alex", email="alex@news.example", choices={"official-withdrawn": ["app", "email"]})
    set_preferences(team, "tina", email="tina@news.example")          # in the app only, by default
    notify(team, "official-withdrawn", ["alex", "tina"], "rita withdrew the official status of demo (Japanese)",
           link="/articles/demo/ja")
    assert len(get_queue(team)) == 1 and smtp.messages == []     # sent by the worker, not during the request
    assert _run_queued(team) == 1
    messages = _wait_for(smtp, 1)
    assert len(messages) == 1
    assert messages[0].rcpt_tos == ["alex@news.example"] and messages[0].mail_from == "tms@news.example"
    body = messages[0].content.decode()
    assert "Subject: [tms] rita withdrew the official status of demo (Japanese)" in body
    assert "https://tms.news.example/articles/demo/ja" in body
    assert unread_count(team, "alex") == 1 and unread_count(team, "tina") == 1


def test_a_worker_process_sends_the_queued_mail(team, smtp):
    set_preferences(team, "alex", email="alex@news.example", choices={"mention": ["app", "email"]})
    notify(team, "mention", ["alex"], "rita mentioned you on demo (ja): see segment 2",
           link="/articles/demo/ja#seg-2")
    worker = _worker(team.root, {})
    try:
        messages = _wait_for(smtp, 1, timeout=30)
    finally:
        worker.send_signal(signal.SIGINT)
        _, err = worker.communicate(timeout=15)
    assert len(messages) == 1, err.decode()[-2000:]
    assert messages[0].rcpt_tos == ["alex@news.example"]
    assert "https://tms.news.example/articles/demo/ja#seg-2" in messages[0].content.decode()
    assert len(get_queue(team)) == 0


def test_an_unreachable_smtp_server_does_not_undo_the_work(team):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]                  # nothing listens there once the socket closes
    team.config_path.write_text(f'[mail]\nhost = "127.0.0.1"\nport = {port}\n', encoding="utf-8")
    assert send_mail(team, "alex@news.example", "subject", "body") is False
    set_preferences(team, "alex", email="alex@news.example", choices={"mention": ["app", "email"]})
    assert notify(team, "mention", ["alex"], "hello") == 1
    assert _run_queued(team) == 1                    # the worker's attempt fails, logged, without raising
    assert unread_count(team, "alex") == 1


def test_no_mail_is_queued_without_an_smtp_server(team):
    set_preferences(team, "alex", email="alex@news.example", choices={"mention": ["app", "email"]})
    assert notify(team, "mention", ["alex"], "hello") == 1
    assert len(get_queue(team)) == 0 and unread_count(team, "alex") == 1
