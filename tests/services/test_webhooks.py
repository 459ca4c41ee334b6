"""Webhooks: configuration, signed JSON deliveries to a receiver on 127.0.0.1, retries with backoff, never
a second delivery after a 2xx, and events raised by saves, certification and imports."""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.memory.helpers import write_article
from tests.services.test_jobs import _worker
from tms.errors import InputError
from tms.model import PublicationStatus
from tms.services import review
from tms.services.users import Account, AccountRole
from tms.services.webhooks import deliver, emit, list_deliveries, publication_changed, sign, webhooks

SECRET = "s3cret-shared-with-the-cms"
SENTENCES = ["Seoul hosts the summit.", "Ministers met on 27 March."]


class Receiver:
    """An HTTP receiver on 127.0.0.1 answering each POST with the next status of ``answers`` (then 200)."""

    def __init__(self, answers=(), hang: threading.Event | None = None):
        self.answers = list(answers)
        self.requests: list[tuple] = []
        self.hang = hang
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append((self.headers, body))
                if receiver.hang is not None:
                    receiver.hang.wait(10)
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok" if status < 300 else b"try later")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        if self.hang is not None:
            self.hang.set()
        self.server.shutdown()
        self.server.server_close()


def _configure(project, url: str, events=None, **delivery) -> None:
    lines = ["[[webhooks]]", f'url = "{url}"', f'secret = "{SECRET}"']
    if events is not None:
        lines.append(f"events = {json.dumps(events)}")
    if delivery:
        lines.append("[delivery]")
        lines += [f"{name} = {json.dumps(value)}" for name, value in delivery.items()]
    project.config_path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _original(project, article_id: str) -> None:
    """An original for the helper's article, so that events can name its language."""
    project.original_path(article_id).parent.mkdir(parents=True, exist_ok=True)
    project.original_path(article_id).write_text(
        f"---\nid: {article_id}\nlanguage: en\ntitle: Summit\n---\n\n" + "\n\n".join(SENTENCES) + "\n", encoding="utf-8")


def test_configuration_is_checked_with_where_and_what(project):
    assert webhooks(project) == []
    project.config_path.write_text('[[webhooks]]\nurl = "ftp://cms"\nsecret = "x"\n')
    with pytest.raises(InputError, match=r"\[\[webhooks\]\] number 1: 'url' must be an http"):
        webhooks(project)
    project.config_path.write_text('[[webhooks]]\nurl = "https://cms/h"\nsecret = "short"\n')
    with pytest.raises(InputError, match="'secret' must be a string of at least 16"):
        webhooks(project)
    project.config_path.write_text(f'[[webhooks]]\nurl = "https://cms/h"\nsecret = "{SECRET}"\nevents = ["catalog.done"]\n')
    with pytest.raises(InputError, match="'events' must list some of: article.imported"):
        webhooks(project)
    _configure(project, "https://cms.example.org/h", ["catalog.certified"])
    assert [(h.url, h.events) for h in webhooks(project)] == [("https://cms.example.org/h", ("catalog.certified",))]


def test_a_delivery_is_signed_json_and_never_sent_twice_after_a_2xx(project):
    write_article(project, "a", SENTENCES, langs=("ko",))
    _original(project, "a")
    with Receiver() as receiver:
        _configure(project, receiver.url, base_url="https://tms.example.org")
        [delivery_id] = emit(project, "catalog.translated", "a", "ko")
        assert list_deliveries(project)[0].status == "pending" and not receiver.requests
        assert deliver(project, delivery_id, requeue=False) == "delivered"
        assert deliver(project, delivery_id, requeue=False) == "delivered"   # the queue handing it out again
    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-TMS-Signature"] == expected == sign(SECRET, body)
    assert headers["Content-Type"].startswith("application/json")
    payload = json.loads(body)
    assert payload["event"] == "catalog.translated" and payload["article"] == "a" and payload["language"] == "ko"
    assert payload["publication"] == "draft"
    assert payload["render_url"] == "https://tms.example.org/api/articles/a/ko/render?format=html"
    assert payload["time"].endswith("+00:00")
    [view] = list_deliveries(project)
    assert (view.status, view.attempts, view.last_code, view.last_answer) == ("delivered", 1, 200, "ok")


def test_failed_answers_are_retried_with_growing_waits_then_given_up(project):
    write_article(project, "a", SENTENCES, langs=("ko",))
    _original(project, "a")
    with Receiver([500, 500, 503, 500]) as receiver:
        _configure(project, receiver.url, retry_seconds=10, max_attempts=3)
        [delivery_id] = emit(project, "article.imported", "a")
        assert deliver(project, delivery_id, requeue=False) == "pending"
        first = list_deliveries(project)[0]
        assert deliver(project, delivery_id, requeue=False) == "pending"
        second = list_deliveries(project)[0]
        assert deliver(project, delivery_id, requeue=False) == "failed"
        assert deliver(project, delivery_id, requeue=False) == "failed"      # given up: not sent again
    assert len(receiver.requests) == 3
    assert (first.attempts, first.last_code, first.last_answer) == (1, 500, "try later")
    wait_first = (first.next_try - first.last_try).total_seconds()
    wait_second = (second.next_try - second.last_try).total_seconds()
    assert 9 < wait_first < 11 and 19 < wait_second < 21                    # 10 s, then twice as long
    final = list_deliveries(project)[0]
    assert (final.status, final.attempts, final.last_code, final.next_try) == ("failed", 3, 503, None)
    assert json.loads(receiver.requests[0][1])["language"] == "en"         # an article event: its language


def test_a_dead_receiver_is_recorded_as_such(project):
    write_article(project, "a", SENTENCES, langs=("ko",))
    _configure(project, "http://127.0.0.1:9/hook", max_attempts=1)           # the discard port: nothing listens
    [delivery_id] = emit(project, "catalog.certified", "a", "ko")
    assert deliver(project, delivery_id, requeue=False) == "failed"
    view = list_deliveries(project)[0]
    assert view.last_code is None and "refused" in view.last_answer.lower()


def test_only_the_events_a_receiver_wants_are_sent_and_a_broken_configuration_never_breaks_a_save(project):
    write_article(project, "a", SENTENCES, langs=("ko",))
    _configure(project, "https://cms.example.org/h", ["catalog.certified"])
    assert emit(project, "catalog.translated", "a", "ko") == []
    assert len(emit(project, "catalog.certified", "a", "ko")) == 1
    project.config_path.write_text("[[webhooks]]\nurl = 3\n")
    assert emit(project, "catalog.certified", "a", "ko") == []              # logged, not raised


def test_publication_changes_become_events(project, monkeypatch):
    seen = []
    monkeypatch.setattr("tms.services.webhooks.emit", lambda p, event, a, lang="": seen.append((event, lang)))
    P = PublicationStatus
    publication_changed(project, "a", "ko", P.DRAFT, P.UNOFFICIAL)
    publication_changed(project, "a", "ko", P.UNOFFICIAL, P.OFFICIAL)
    publication_changed(project, "a", "ko", P.OFFICIAL, P.UNOFFICIAL)
    publication_changed(project, "a", "ko", P.OFFICIAL, P.DRAFT)
    publication_changed(project, "a", "ko", P.DRAFT, P.DRAFT)
    assert seen == [("catalog.translated", "ko"), ("catalog.certified", "ko"), ("catalog.withdrawn", "ko"),
                    ("catalog.withdrawn", "ko")]


def test_the_last_save_of_a_catalog_queues_catalog_translated_without_waiting_for_the_receiver(project):
    write_article(project, "a", SENTENCES, langs=("ko",))
    _original(project, "a")
    hang = threading.Event()
    with Receiver(hang=hang) as receiver:          # accepts, then never answers while the test runs
        _configure(project, receiver.url)
        translator = Account(1, "tina", AccountRole.TRANSLATOR)
        view = review.get_segments(project, "a", "ko")
        first = review.save_segment(project, translator, "a", "ko", view.segments[0].key, "서울", None,
                                    view.segments[0].revision)
        assert first.publication is PublicationStatus.DRAFT and list_deliveries(project) == []
        last = review.save_segment(project, translator, "a", "ko", view.segments[1].key, "장관들", None,
                                   view.segments[1].revision)
        assert last.publication is PublicationStatus.UNOFFICIAL
        [delivery] = list_deliveries(project)
        # the save returned with the delivery only queued: no connection was made to the receiver
        assert (delivery.event, delivery.status, delivery.attempts) == ("catalog.translated", "pending", 0)
        assert receiver.requests == []


def test_a_worker_process_retries_after_500_twice_and_delivers_once(project):
    write_article(project, "a", SENTENCES, langs=("ko",))
    _original(project, "a")
    with Receiver([500, 500]) as receiver:
        _configure(project, receiver.url, retry_seconds=0.2)
        [delivery_id] = emit(project, "catalog.translated", "a", "ko")
        worker = _worker(project.root, {})
        try:
            deadline = time.monotonic() + 40
            while list_deliveries(project)[0].status != "delivered" and time.monotonic() < deadline:
                time.sleep(0.1)
            from tms.services.webhooks import _queue

            _queue(project, delivery_id)           # the queue handing the delivered task out again
            time.sleep(1.5)
        finally:
            worker.terminate()
            _, err = worker.communicate(timeout=15)
    view = list_deliveries(project)[0]
    assert view.status == "delivered", err.decode()[-2000:]
    assert view.attempts == 3 and len(receiver.requests) == 3
    bodies = {body for _, body in receiver.requests}
    assert len(bodies) == 1                        # the same event each time, as recorded
