"""The ``libre`` engine: a LibreTranslate server, typically one a government office runs on its own network.

Unlike deep-translator's ``LibreTranslator``, which posts one text per request, this engine sends real
batches: ``POST /translate`` with a JSON body whose ``q`` is a list, answered by a list in
``translatedText``. Servers started with ``--batch-limit`` or ``--char-limit`` need the same limits here
(``batch_limit``, ``char_limit``).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import requests

from tms.errors import EngineError, EngineUnavailable, RateLimited, UnsupportedLanguage
from tms.mt.base import Engine, Setting
from tms.mt.settings import env_variable


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return float(value)
    except ValueError:
        return None


def http_error(engine: str, response: requests.Response) -> EngineError:
    """The tms error for a failed HTTP answer: retried for 429 and 5xx, not for the rest."""
    status = response.status_code
    if status == 429:
        exc: EngineError = RateLimited(f"{engine}: rate limited (HTTP 429)")
        exc.retry_after = _retry_after(response)
        return exc
    if status >= 500:
        return EngineUnavailable(f"{engine}: server error (HTTP {status})")
    if status in (401, 403):
        return EngineError(f"{engine}: the server refused the API key (HTTP {status}); "
                           f"check {env_variable(engine, 'api_key')}")
    detail = ""
    try:
        detail = str(response.json().get("error", ""))[:200]
    except (ValueError, AttributeError):
        pass
    if status == 400 and "language" in detail.lower():
        return UnsupportedLanguage(f"{engine}: {detail}")
    return EngineError(f"{engine}: request refused (HTTP {status}){': ' + detail if detail else ''}")


def where(url: str) -> str:
    """Scheme, host and port of ``url``: enough to name a server without its query string."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else url


class LibreEngine(Engine):
    """LibreTranslate with batched requests."""

    name = "libre"
    label = "LibreTranslate (self-hosted)"
    settings_spec = {
        "url": Setting("http://127.0.0.1:5000", str, "address of the LibreTranslate server"),
        "api_key": Setting("", str, "API key, if the server requires one", is_secret=True),
        "batch_limit": Setting(50, int, "texts per request (the server's --batch-limit)", is_operational=True),
        "char_limit": Setting(5000, int, "characters per request (the server's --char-limit)",
                              is_operational=True),
    }

    def __init__(self, **config: Any):
        super().__init__(**config)
        self.max_texts_per_request = max(1, int(self.settings["batch_limit"]))
        self.max_chars_per_request = max(1, int(self.settings["char_limit"]))
        self.max_chars_per_text = self.max_chars_per_request
        self._session: requests.Session | None = None

    @property
    def endpoint(self) -> str:
        """The translate endpoint of the server."""
        return self.settings["url"].rstrip("/") + "/translate"

    def _translate(self, texts: list[str], source_code: str, target_code: str) -> list[str | None]:
        body: dict[str, Any] = {"q": texts, "source": source_code, "target": target_code, "format": "text"}
        if self.settings["api_key"]:
            body["api_key"] = self.settings["api_key"]
        if self._session is None:
            self._session = requests.Session()
        try:
            response = self._session.post(self.endpoint, json=body, timeout=self.timeout)
        except requests.Timeout:
            raise EngineUnavailable(f"{self.name}: no answer from {where(self.endpoint)} "
                                    f"within {self.timeout:g} s") from None
        except requests.RequestException as exc:
            raise EngineUnavailable(f"{self.name}: cannot reach {where(self.endpoint)} "
                                    f"({type(exc).__name__})") from None
        if response.status_code != 200:
            raise http_error(self.name, response)
        try:
            answer = response.json()["translatedText"]
        except (ValueError, KeyError, TypeError):
            raise EngineError(f"{self.name}: {where(self.endpoint)} did not answer as LibreTranslate does "
                              "(no translatedText)") from None
        if isinstance(answer, str) and len(texts) == 1:
            answer = [answer]
        return answer if isinstance(answer, list) else []
