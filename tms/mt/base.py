"""The engine base class: everything between a list of source texts and machine translations tms can trust.

An engine implements one hook, ``_translate(texts, source_code, target_code)``, that sends one request.
The base class owns the rest, because deep-translator leaves it to the caller: the language-code map and
a clear error for an unsupported pair before anything is sent; deduplication; the persistent cache;
protection of placeholders, markup, URLs, e-mail addresses and numbers; batching within the engine's
character and byte limits; a timeout on every request (the hook's job, with ``self.timeout``); retries with
exponential backoff and jitter on rate limits, 5xx and connection errors only; a pause of the engine after
repeated failures; and rejection of empty, ``None``, warning or placeholder-losing results.
"""
from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tms.errors import (EngineError, EngineUnavailable, InputError, InvalidTranslation, RateLimited,
                        UnsupportedLanguage)
from tms.languages import CODES
from tms.mt.placeholders import PlaceholderError, Protected, protect
from tms.mt.settings import CODES_SETTING, REQUEST_SETTINGS, Setting, cast_setting, env_variable

__all__ = ["Engine", "Outcome", "Plan", "Setting", "Stats"]

#: Bumped whenever protection or validation changes what a cached translation means.
PIPELINE_VERSION = 1


@dataclass
class Outcome:
    """What became of one source text: a translation with its provenance, or why there is none."""

    text: str | None
    engine: str
    score: float | None = None
    status: str = "translated"      # translated, cached, copied, memory, no-match, rejected, failed
    reason: str = ""
    pivot: str = ""                 # the language translated through, where there was no direct pair

    @property
    def is_filled(self) -> bool:
        """True if the outcome carries a translation."""
        return self.text is not None


@dataclass
class Stats:
    """What an engine did since it was created."""

    requests: int = 0               # every attempt, retries included
    texts_sent: int = 0             # texts of answered requests
    chars_sent: int = 0             # their characters: what a paid engine bills
    cache_hits: int = 0
    copied: int = 0
    rejected: int = 0
    failed: int = 0
    retries: int = 0
    wait_seconds: float = 0.0       # time inside requests, i.e. waiting on the engine


@dataclass
class Plan:
    """What translating some texts would cost, without sending anything."""

    statuses: dict[str, str] = field(default_factory=dict)   # text -> send, cached, copied or rejected
    chars: int = 0              # characters that would be sent: what a paid engine bills
    requests: int = 0

    def count(self, status: str) -> int:
        """How many distinct texts have ``status``."""
        return sum(1 for value in self.statuses.values() if value == status)


class Engine:
    """Base of every machine-translation engine; subclasses implement ``_translate``."""

    name: str = ""
    label: str = ""
    #: Our language code -> the engine's. A language missing here is not served.
    languages: dict[str, str] = {code: code for code in CODES}
    settings_spec: dict[str, Setting] = {}
    is_remote: bool = True                  # sends text over the network: cached, retried, billed
    max_texts_per_request: int = 1
    max_chars_per_request: int = 5000
    max_bytes_per_request: int | None = None
    max_chars_per_text: int = 5000
    max_bytes_per_text: int | None = None
    #: Answers that are messages, not translations; a quota marker also pauses the engine.
    warning_markers: tuple[str, ...] = ()
    quota_markers: tuple[str, ...] = ()
    is_copying_untranslatable: bool = True  # texts with no words (a date, a URL) are copied, not sent
    is_rejecting_unchanged: bool = True     # a sentence sent back unchanged was not translated

    # Failures and pauses are kept per engine identity for the whole process, so that a web worker's
    # next request sees that the engine is paused.
    _pause_lock = threading.Lock()
    _failures: dict[str, int] = {}
    _paused_until: dict[str, float] = {}
    _pause_reasons: dict[str, str] = {}

    def __init__(self, *, cache=None, sleep: Callable[[float], None] = time.sleep, **config: Any):
        self.settings = self._resolve(config)
        self.cache = cache if self.is_remote else None
        self.stats = Stats()
        self._sleep = sleep

    # -- settings ----------------------------------------------------------------------------------
    @classmethod
    def all_settings(cls) -> dict[str, Setting]:
        """Every setting this engine accepts."""
        common = {**REQUEST_SETTINGS, "codes": CODES_SETTING} if cls.is_remote else {"codes": CODES_SETTING}
        return {**common, **cls.settings_spec}

    @classmethod
    def _resolve(cls, config: dict[str, Any]) -> dict[str, Any]:
        spec = cls.all_settings()
        unknown = sorted(set(config) - set(spec))
        if unknown:
            raise InputError(f"unknown setting {unknown[0]!r} for engine {cls.name!r}; "
                             f"known: {', '.join(sorted(spec))}")
        values = {key: setting.default for key, setting in spec.items()}
        for key, value in config.items():
            values[key] = cast_setting(cls.name, key, spec[key], value)
        return values

    def check_ready(self) -> None:
        """Raise ``InputError`` if a required setting (an API key) is missing; call before sending."""
        for key, setting in self.all_settings().items():
            if setting.is_required and not self.settings.get(key):
                raise InputError(f"engine {self.name!r} needs {key}: set {env_variable(self.name, key)} "
                                 f"or {key} in [engines.{self.name}] of tms.toml")

    @property
    def secrets(self) -> list[str]:
        """The values of secret settings, to keep out of every message."""
        spec = self.all_settings()
        return [str(v) for k, v in self.settings.items() if spec[k].is_secret and v]

    def redact(self, text: str) -> str:
        """``text`` with every secret replaced by ``***``."""
        for secret in sorted(self.secrets, key=len, reverse=True):
            text = text.replace(secret, "***")
        return text

    @property
    def identity(self) -> str:
        """A digest of the engine and the settings that shape its output: the cache key's first part."""
        spec = self.all_settings()
        shaping = {k: v for k, v in sorted(self.settings.items())
                   if not spec[k].is_secret and not spec[k].is_operational}
        raw = json.dumps([self.name, shaping, PIPELINE_VERSION], sort_keys=True, default=str)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]

    @property
    def timeout(self) -> float:
        """Seconds to wait for one request."""
        return float(self.settings.get("timeout", 20.0))

    def __repr__(self) -> str:
        spec = self.all_settings()
        shown = {k: ("***" if spec[k].is_secret and v else v) for k, v in self.settings.items()}
        return f"<{type(self).__name__} {self.name} {shown}>"

    # -- languages ---------------------------------------------------------------------------------
    def code_for(self, lang: str) -> str | None:
        """The engine's code for our language ``lang``, or None where it does not serve it."""
        return {**self.languages, **self.settings.get("codes", {})}.get(lang)

    def supports(self, source: str, target: str) -> bool:
        """True if the engine translates ``source`` into ``target``."""
        return self.code_for(source) is not None and self.code_for(target) is not None

    def check_pair(self, source: str, target: str) -> tuple[str, str]:
        """The engine's codes for the pair; ``UnsupportedLanguage`` before anything is sent."""
        missing = [lang for lang in (source, target) if self.code_for(lang) is None]
        if missing:
            served = ", ".join(code for code in CODES if self.code_for(code)) or "none"
            raise UnsupportedLanguage(
                f"engine {self.name!r} does not translate {source}→{target}: no code for "
                f"{', '.join(missing)} (it serves {served}); choose other languages or another engine")
        return self.code_for(source), self.code_for(target)

    # -- the pipeline ------------------------------------------------------------------------------
    def plan(self, texts: Iterable[str], source: str, target: str) -> Plan:
        """What translating ``texts`` would send, cost and take from the cache; sends nothing."""
        self.check_pair(source, target)
        plan = Plan()
        outcomes: dict[str, Outcome] = {}
        prepared = self._prepare(dict.fromkeys(texts), outcomes)
        pending = self._from_cache(prepared, source, target, outcomes, count_hits=False)
        for text, outcome in outcomes.items():
            plan.statuses[text] = outcome.status if outcome.status in ("copied", "cached") else "rejected"
        to_send = []
        for text, protected in pending:
            plan.statuses[text] = "send"
            to_send.append(protected.text)
            plan.chars += len(protected.text)
        plan.requests = sum(1 for _ in self._batches(to_send, key=lambda item: item))
        return plan

    def translate(self, texts: Iterable[str], source: str, target: str,
                  progress: Callable[[int], None] | None = None) -> dict[str, Outcome]:
        """Translate each distinct text once; the outcome of every text, keyed by the text."""
        codes = self.check_pair(source, target)
        results: dict[str, Outcome] = {}
        prepared = self._prepare(dict.fromkeys(texts), results)
        self.stats.copied += sum(1 for o in results.values() if o.status == "copied")
        self.stats.rejected += len(results) - sum(1 for o in results.values() if o.status == "copied")
        pending = self._from_cache(prepared, source, target, results)
        if pending:
            self.check_ready()
        done = len(results)
        if progress and done:
            progress(done)
        for batch in self._batches(pending, key=lambda item: item[1].text):
            try:
                answers = self._request([p.text for _, p in batch], codes)
            except (RateLimited, EngineUnavailable) as exc:
                # Transient even after retries: this batch failed; the next may pass unless paused.
                self._fail_rest(batch, results, self.redact(str(exc)))
                if self._is_paused():
                    self._fail_rest(pending, results, self._pause_message())
                    break
                continue
            except EngineError as exc:
                # A refused key, language or request: every other batch would be refused too.
                self._fail_rest(pending, results, self.redact(str(exc)))
                break
            fresh = self._accept(batch, answers, results)
            if self.cache is not None and fresh:
                self.cache.put_many(self.identity, source, target, fresh)
            if progress:
                progress(len(batch))
            if self._is_paused():
                self._fail_rest(pending, results, self._pause_message())
                break
        return results

    def _prepare(self, texts: Iterable[str], results: dict[str, Outcome]) -> list[tuple[str, Protected | None]]:
        """Protect each text; empty, too-long and wordless texts get their outcome at once."""
        out: list[tuple[str, Protected | None]] = []
        for text in texts:
            if not text or not text.strip():
                results[text] = Outcome(None, self.name, status="rejected", reason="empty source text")
                continue
            protected = protect(text)
            if self.is_copying_untranslatable and not protected.has_words:
                # Recorded as engine "copy": the engine never saw it.
                results[text] = Outcome(text, "copy", status="copied", reason="nothing to translate")
                out.append((text, None))
                continue
            if self._too_long(protected.text):
                limit = self._limit_text()
                results[text] = Outcome(None, self.name, status="rejected",
                                        reason=f"too long for {self.name} ({limit})")
                continue
            out.append((text, protected))
        return out

    def _from_cache(self, prepared, source: str, target: str, results: dict[str, Outcome], *,
                    count_hits: bool = True):
        wanted = [(text, p) for text, p in prepared if p is not None]
        if self.cache is None or not wanted:
            return wanted
        hits = self.cache.get_many(self.identity, source, target, [text for text, _ in wanted])
        pending = []
        for text, protected in wanted:
            if text in hits:
                translation, score = hits[text]
                results[text] = Outcome(translation, self.name, score, status="cached")
                if count_hits:
                    self.stats.cache_hits += 1
            else:
                pending.append((text, protected))
        return pending

    def _too_long(self, text: str) -> bool:
        if len(text) > self.max_chars_per_text:
            return True
        return self.max_bytes_per_text is not None and len(text.encode("utf-8")) > self.max_bytes_per_text

    def _limit_text(self) -> str:
        if self.max_bytes_per_text is not None:
            return f"limit {self.max_bytes_per_text} bytes of UTF-8 per text"
        return f"limit {self.max_chars_per_text} characters per text"

    def _batches(self, items: Sequence, key: Callable[[Any], str]):
        """Group items into requests within the engine's text, character and byte limits."""
        batch: list = []
        chars = size = 0
        for item in items:
            text = key(item)
            n_chars = len(text)
            n_bytes = len(text.encode("utf-8")) if self.max_bytes_per_request else 0
            full = (len(batch) >= self.max_texts_per_request
                    or chars + n_chars > self.max_chars_per_request
                    or (self.max_bytes_per_request is not None and size + n_bytes > self.max_bytes_per_request))
            if batch and full:
                yield batch
                batch, chars, size = [], 0, 0
            batch.append(item)
            chars += n_chars
            size += n_bytes
        if batch:
            yield batch

    def _accept(self, batch, answers: list, results: dict[str, Outcome]) -> list[tuple[str, str, float | None]]:
        """Validate and restore each answer; return what may be cached."""
        fresh = []
        for (text, protected), answer in zip(batch, answers):
            try:
                translation = self._validate(text, protected, answer)
            except PlaceholderError as exc:
                self.stats.rejected += 1
                results[text] = Outcome(None, self.name, status="rejected", reason=f"placeholder {exc}")
                continue
            except InvalidTranslation as exc:
                self.stats.rejected += 1
                results[text] = Outcome(None, self.name, status="rejected", reason=self.redact(str(exc)))
                continue
            results[text] = Outcome(translation, self.name, None)
            fresh.append((text, translation, None))
        return fresh

    def _validate(self, source: str, protected: Protected, answer: Any) -> str:
        """The restored translation, or ``InvalidTranslation`` saying why ``answer`` is not one."""
        if answer is None or not isinstance(answer, str):
            raise InvalidTranslation(f"no translation ({type(answer).__name__})")
        if not answer.strip():
            raise InvalidTranslation("empty translation")
        upper = answer.upper()
        if any(marker in upper for marker in self.quota_markers):
            self._pause(f"a quota message ({answer.strip()[:60]!r}...)")
            raise InvalidTranslation(f"quota message instead of a translation: {answer.strip()[:120]!r}")
        if any(marker in upper for marker in self.warning_markers):
            raise InvalidTranslation(f"warning instead of a translation: {answer.strip()[:120]!r}")
        translation = protected.restore(answer)
        if self.is_rejecting_unchanged and translation.strip() == source.strip() and _word_count(source) >= 3:
            raise InvalidTranslation("the engine sent the source text back unchanged")
        return translation

    def _fail_rest(self, pending, results: dict[str, Outcome], reason: str) -> None:
        for text, _ in pending:
            if text not in results:
                self.stats.failed += 1
                results[text] = Outcome(None, self.name, status="failed", reason=reason)

    # -- requests, retries and pauses --------------------------------------------------------------
    def _request(self, texts: list[str], codes: tuple[str, str]) -> list:
        """Send one request through the hook, retrying transient failures with backoff and jitter."""
        retries = int(self.settings.get("retries", 0))
        for attempt in range(retries + 1):
            if self._is_paused():
                raise EngineUnavailable(self._pause_message())
            started = time.perf_counter()
            try:
                self.stats.requests += 1
                answers = self._translate(texts, *codes)
            except (RateLimited, EngineUnavailable) as exc:
                self.stats.wait_seconds += time.perf_counter() - started
                if attempt == retries:
                    self._record_failure()
                    raise
                self.stats.retries += 1
                self._sleep(self._delay(attempt, getattr(exc, "retry_after", None)))
                continue
            except EngineError:
                self.stats.wait_seconds += time.perf_counter() - started
                self._record_failure()
                raise
            self.stats.wait_seconds += time.perf_counter() - started
            if not isinstance(answers, list) or len(answers) != len(texts):
                self._record_failure()
                raise EngineError(f"{self.name} answered {len(answers) if isinstance(answers, list) else 0} "
                                  f"translations for {len(texts)} texts")
            self._record_success()
            self.stats.texts_sent += len(texts)
            self.stats.chars_sent += sum(len(t) for t in texts)
            return answers
        raise AssertionError("unreachable")  # pragma: no cover

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        base = float(self.settings.get("backoff", 1.0)) * (2 ** attempt)
        if retry_after:
            base = max(base, float(retry_after))
        return min(base * (0.5 + random.random()), float(self.settings.get("max_backoff", 60.0)))

    def _record_success(self) -> None:
        with self._pause_lock:
            self._failures[self.identity] = 0

    def _record_failure(self) -> None:
        with self._pause_lock:
            count = self._failures.get(self.identity, 0) + 1
            self._failures[self.identity] = count
        if count >= int(self.settings.get("pause_after", 3)):
            self._pause(f"{count} failed requests in a row")

    def _pause(self, why: str) -> None:
        with self._pause_lock:
            self._paused_until[self.identity] = time.monotonic() + float(self.settings.get("pause_seconds", 300))
            self._failures[self.identity] = 0
            self._pause_reasons[self.identity] = why

    def _is_paused(self) -> bool:
        until = self._paused_until.get(self.identity)
        return until is not None and until > time.monotonic()

    def _pause_message(self) -> str:
        left = max(0, int(self._paused_until.get(self.identity, 0) - time.monotonic()))
        why = self._pause_reasons.get(self.identity, "repeated failures")
        return f"engine {self.name!r} is paused for {left} s after {why}; nothing more was sent"

    def resume(self) -> None:
        """Lift a pause of this engine (and forget its failures)."""
        with self._pause_lock:
            self._paused_until.pop(self.identity, None)
            self._failures.pop(self.identity, None)

    # -- the hook ----------------------------------------------------------------------------------
    def _translate(self, texts: list[str], source_code: str, target_code: str) -> list[str | None]:
        """Send one request for ``texts`` (already protected) and return one answer per text.

        Raise ``RateLimited`` for 429, ``EngineUnavailable`` for 5xx, timeouts and connection errors (both
        retried), ``UnsupportedLanguage`` or ``EngineError`` otherwise (not retried). Messages must not
        contain secrets.
        """
        raise NotImplementedError


def _word_count(text: str) -> int:
    return sum(1 for word in text.split() if any(ch.isalpha() for ch in word))
