"""Running deep-translator's translators safely: a timeout on each request and one kind of error.

deep-translator calls ``requests.get``/``requests.post`` with no timeout, lets HTTP failures surface as a
dozen unrelated exceptions (some with the API key in their message) and sometimes as data. So each of its
modules sees, instead of ``requests``, a stand-in that behaves exactly like ``requests`` except while a
tms engine is calling on the same thread: then every request gets the engine's timeout, and a timeout,
connection error, 429, 5xx or refused key becomes the matching ``EngineError`` before deep-translator's
own code looks at the answer.
"""
from __future__ import annotations

import contextlib
import threading
from typing import Any

import requests
from deep_translator import baidu, deepl, google, libre, microsoft, mymemory, yandex
from deep_translator import exceptions as dt_errors

from tms.errors import EngineError, EngineUnavailable, RateLimited, TmsError, UnsupportedLanguage
from tms.languages import CODES
from tms.mt.base import Engine
from tms.mt.libre import http_error, where

_calling = threading.local()


class _TimedRequests:
    """Stands in for the ``requests`` module inside deep-translator (see the module docstring)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(requests, name)

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        """``requests.get``, with the calling engine's timeout and errors."""
        return self._call(requests.get, url, kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        """``requests.post``, with the calling engine's timeout and errors."""
        return self._call(requests.post, url, kwargs)

    @staticmethod
    def _call(method, url: str, kwargs: dict[str, Any]) -> requests.Response:
        engine: Engine | None = getattr(_calling, "engine", None)
        if engine is None:
            return method(url, **kwargs)
        kwargs.setdefault("timeout", engine.timeout)
        try:
            response = method(url, **kwargs)
        except requests.Timeout:
            raise EngineUnavailable(f"{engine.name}: no answer from {where(url)} "
                                    f"within {engine.timeout:g} s") from None
        except requests.RequestException as exc:
            raise EngineUnavailable(f"{engine.name}: cannot reach {where(url)} ({type(exc).__name__})") from None
        if response.status_code == 429 or response.status_code >= 400:
            raise http_error(engine.name, response)
        return response


_SHIM = _TimedRequests()
for _module in (baidu, deepl, google, libre, microsoft, mymemory, yandex):
    _module.requests = _SHIM


@contextlib.contextmanager
def calling(engine: Engine):
    """Mark the current thread as running ``engine``'s request, for the stand-in above."""
    previous = getattr(_calling, "engine", None)
    _calling.engine = engine
    try:
        yield
    finally:
        _calling.engine = previous


def _server_code(exc: Exception) -> int | None:
    message = exc.args[0] if exc.args else ""
    for code, name in dt_errors.ServerException.errors.items():
        if name == message:
            return code
    return None


class DeepTranslatorEngine(Engine):
    """An engine backed by one of deep-translator's translators; one text per request, as it sends."""

    translator_class: type = type(None)

    def __init__(self, **config: Any):
        super().__init__(**config)
        self._translators: dict[tuple[str, str], Any] = {}

    def _make_translator(self, source_code: str, target_code: str) -> Any:
        """The deep-translator object for the pair; subclasses pass their keys and options."""
        return self.translator_class(source=source_code, target=target_code)

    def _wrapper_languages(self) -> dict[str, str]:
        """The engine's codes (``codes`` overrides included) as the table deep-translator checks them
        against, for the wrappers that take one instead of their own."""
        codes = (self.code_for(lang) for lang in CODES)
        return {code: code for code in codes if code}

    def _translator(self, source_code: str, target_code: str) -> Any:
        pair = (source_code, target_code)
        if pair not in self._translators:
            try:
                self._translators[pair] = self._make_translator(source_code, target_code)
            except TmsError:
                raise
            except dt_errors.LanguageNotSupportedException:
                raise UnsupportedLanguage(f"{self.name}: deep-translator refuses {source_code}→{target_code}") from None
            except Exception as exc:  # deep-translator's errors share no base class
                raise EngineError(self.redact(f"{self.name}: {type(exc).__name__}: {exc}".strip())) from None
        return self._translators[pair]

    def _translate(self, texts: list[str], source_code: str, target_code: str) -> list[str | None]:
        translator = self._translator(source_code, target_code)
        answers: list[str | None] = []
        for text in texts:
            with calling(self):
                try:
                    answers.append(self._answer(translator.translate(text)))
                except TmsError:
                    raise
                except dt_errors.TranslationNotFound:
                    answers.append(None)
                except Exception as exc:  # deep-translator's errors share no base class
                    raise self._wrap(exc) from None
        return answers

    def _answer(self, value: Any) -> Any:
        """Hook for engines whose translator returns something other than a string."""
        return value

    def _wrap(self, exc: Exception) -> EngineError:
        message = self.redact(f"{self.name}: {type(exc).__name__}: {exc}".strip())
        if isinstance(exc, dt_errors.TooManyRequests):
            return RateLimited(f"{self.name}: rate limited")
        if isinstance(exc, dt_errors.ServerException):
            code = _server_code(exc)
            if code == 429:
                return RateLimited(message)
            if code is None or code >= 500:
                return EngineUnavailable(message)
        if isinstance(exc, dt_errors.LanguageNotSupportedException):
            return UnsupportedLanguage(message)
        return EngineError(message)
