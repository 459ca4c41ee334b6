"""A LibreTranslate-compatible HTTP server on 127.0.0.1 for tests and benchmarks.

It answers the three request shapes tms sends: LibreTranslate's ``POST /translate`` (one text or a JSON
list in ``q``, form, query or JSON body), Google's mobile page ``GET /m`` (deep-translator's
``GoogleTranslator``) and MyMemory's ``GET /get``. Its "translation" is ``<target>: <text>`` with every
placeholder token left alone, so tests can predict it.

A test scripts misbehaviour by queueing actions, consumed one per request: ``"429"``, ``"500"``,
``"slow"`` (answers after ``slow_seconds``), ``"drop"`` (loses the first placeholder token), ``"quota"``
(MyMemory's daily-quota warning as the translation, HTTP 200), ``"echo"`` (the source unchanged),
``"empty"`` and ``"ok"``. Every request is logged.

Run ``python -m tests.mt.libre_server`` to serve on a free port (printed on the first line) in its own
process, as the benchmark does.
"""
from __future__ import annotations

import html
import json
import re
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

QUOTA_WARNING = ("MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN  "
                 "10 HOURS 20 MINUTES 05 SECONDS VISIT HTTPS://MYMEMORY.TRANSLATED.NET/DOC/USAGELIMITS.PHP "
                 "TO TRANSLATE MORE")
_TOKEN = re.compile(r"\[X\d+X\]")


def fake_translate(text: str, target: str) -> str:
    """The server's translation of ``text``: predictable, and different from the source."""
    return f"{target}: {text}"


@dataclass
class Request:
    """One request the server received."""

    method: str
    path: str
    params: dict
    texts: list[str]
    action: str


@dataclass
class ServerState:
    """What the server has been told to do and what it has seen."""

    actions: deque = field(default_factory=deque)
    requests: list[Request] = field(default_factory=list)
    slow_seconds: float = 2.0
    api_key: str | None = None          # if set, LibreTranslate requests must carry it
    delay_seconds: float = 0.0          # added to every answer, as a real engine's think time
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_action(self) -> str:
        with self.lock:
            return self.actions.popleft() if self.actions else "ok"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True      # headers and body go in two writes: no 40 ms delayed-ACK stall
    state: ServerState

    def log_message(self, format, *args):  # keep test output clean
        pass

    def _params(self) -> tuple[dict, bytes]:
        query = {k: v if len(v) > 1 else v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if body:
            kind = self.headers.get("Content-Type", "")
            if "json" in kind:
                query.update(json.loads(body))
            else:
                query.update({k: v if len(v) > 1 else v[0] for k, v in parse_qs(body.decode()).items()})
        return query, body

    def _send(self, status: int, payload: bytes, kind: str = "application/json", headers=None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass    # the client gave up waiting (a timeout test)

    def _json(self, status: int, data, headers=None) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode(), headers=headers)

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        params, _ = self._params()
        path = urlsplit(self.path).path.rstrip("/")
        if path == "/stats":        # not a LibreTranslate endpoint: the benchmark's request counter
            with self.state.lock:
                texts = sum(len(r.texts) for r in self.state.requests)
                return self._json(200, {"requests": len(self.state.requests), "texts": texts})
        texts = params.get("q", [])
        texts = texts if isinstance(texts, list) else [texts]
        action = self.state.next_action()
        with self.state.lock:
            self.state.requests.append(Request(method, path, params, list(texts), action))
        if action == "429":
            return self._json(429, {"error": "Slowdown: too many requests"}, {"Retry-After": "0"})
        if action == "500":
            return self._json(500, {"error": "internal error"})
        if action == "slow":
            time.sleep(self.state.slow_seconds)
        elif self.state.delay_seconds:
            time.sleep(self.state.delay_seconds)
        if path.endswith("/translate"):
            return self._libre(params, texts, action)
        if path.endswith("/m"):
            return self._google(params, texts, action)
        if path.endswith("/get"):
            return self._mymemory(params, texts, action)
        return self._json(404, {"error": f"no such endpoint {path}"})

    def _answer(self, text: str, target: str, action: str) -> str:
        if action == "drop":
            return fake_translate(_TOKEN.sub("", text, count=1), target)
        if action == "echo":
            return text
        if action == "empty":
            return ""
        if action == "quota":
            return QUOTA_WARNING
        return fake_translate(text, target)

    def _libre(self, params: dict, texts: list[str], action: str) -> None:
        if self.state.api_key is not None and params.get("api_key") != self.state.api_key:
            return self._json(403, {"error": "Invalid API key"})
        target = params.get("target", "")
        if target in ("xx", "zz"):
            return self._json(400, {"error": f"{target} is not supported"})
        answers = [self._answer(text, target, action) for text in texts]
        is_list = isinstance(params.get("q"), list)
        self._json(200, {"translatedText": answers if is_list else answers[0]})

    def _google(self, params: dict, texts: list[str], action: str) -> None:
        text = self._answer(texts[0], params.get("tl", ""), action)
        page = f'<html><body><div class="result-container">{html.escape(text)}</div></body></html>'
        self._send(200, page.encode(), "text/html; charset=utf-8")

    def _mymemory(self, params: dict, texts: list[str], action: str) -> None:
        target = params.get("langpair", "|").split("|")[1]
        text = self._answer(texts[0], target, action)
        self._json(200, {"responseData": {"translatedText": text, "match": 1},
                         "responseStatus": 429 if action == "quota" else 200, "matches": []})


class LibreServer:
    """A running server: its ``url``, its ``state`` (actions, requests) and ``stop()``."""

    def __init__(self, state: ServerState | None = None, port: int = 0):
        self.state = state or ServerState()
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                       daemon=True)
        self.thread.start()

    def script(self, *actions: str) -> None:
        """Queue actions for the next requests."""
        self.state.actions.extend(actions)

    @property
    def requests(self) -> list[Request]:
        """Every request received so far."""
        return self.state.requests

    def stop(self) -> None:
        """Stop serving."""
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def libre_server():
    """A LibreTranslate-compatible server on 127.0.0.1, stopped after the test."""
    server = LibreServer()
    yield server
    server.stop()


def main() -> None:
    """Serve until killed; print the address first."""
    server = LibreServer(port=int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(server.url, flush=True)
    try:
        server.thread.join()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
