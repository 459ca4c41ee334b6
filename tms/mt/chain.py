"""An engine chain: engines asked in order, each text filled by the first that can.

``memory,apertium`` asks the translation memory first (exact and fuzzy matches at the project's
threshold), then Apertium for the texts the memory had nothing for, in the languages Apertium serves.
An engine that does not serve a pair is passed over for it, and says why (``unsupported_reason``), so a
run goes on for the languages some engine serves and reports the others.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from tms.errors import UnsupportedLanguage
from tms.mt.base import Engine, Outcome, Plan, Stats


class EngineChain:
    """Several engines behaving as one: the same ``translate``, ``plan`` and ``check_pair``."""

    def __init__(self, engines: Sequence[Engine]):
        if not engines:
            raise ValueError("an engine chain needs at least one engine")
        self.engines = list(engines)
        self.name = ",".join(engine.name for engine in self.engines)
        memory_engines = [e for e in self.engines if e.name == "memory"]
        self.memory = getattr(memory_engines[0], "memory", None) if memory_engines else None

    @property
    def names(self) -> list[str]:
        """The engines' names, in the order they are asked."""
        return [engine.name for engine in self.engines]

    @property
    def is_remote(self) -> bool:
        """True if any engine of the chain sends requests."""
        return any(engine.is_remote for engine in self.engines)

    @property
    def stats(self) -> Stats:
        """The requests, texts and characters of every engine, added up."""
        total = Stats()
        for engine in self.engines:
            for key, value in vars(engine.stats).items():
                setattr(total, key, getattr(total, key) + value)
        return total

    def check_ready(self) -> None:
        """Raise ``InputError`` if an engine of the chain lacks a required setting."""
        for engine in self.engines:
            if engine.is_remote:
                engine.check_ready()

    def serving(self, source: str, target: str) -> list[Engine]:
        """The engines of the chain that translate ``source`` into ``target``."""
        return [engine for engine in self.engines if engine.supports(source, target)]

    def supports(self, source: str, target: str) -> bool:
        """True if some engine of the chain serves the pair."""
        return bool(self.serving(source, target))

    def unsupported(self, source: str, target: str) -> dict[str, str]:
        """Engine name -> why it does not serve ``source``→``target``, for each engine that does not."""
        out = {}
        for engine in self.engines:
            if not engine.supports(source, target):
                reason = getattr(engine, "unsupported_reason", None)
                out[engine.name] = reason(source, target) if reason else f"no code for {source} or {target}"
        return out

    def check_pair(self, source: str, target: str) -> tuple[str, str]:
        """``UnsupportedLanguage`` if no engine of the chain serves the pair."""
        if not self.supports(source, target):
            why = "; ".join(f"{name}: {reason}" for name, reason in self.unsupported(source, target).items())
            raise UnsupportedLanguage(f"no engine of {self.name} translates {source}→{target} ({why})")
        return source, target

    def translate(self, texts: Iterable[str], source: str, target: str,
                  progress: Callable[[int], None] | None = None) -> dict[str, Outcome]:
        """Each distinct text's outcome from the first engine that fills it, else the last engine's answer."""
        pending = list(dict.fromkeys(texts))
        last: dict[str, Outcome] = {}
        results: dict[str, Outcome] = {}
        for engine in self.serving(source, target):
            if not pending:
                break
            outcomes = engine.translate(pending, source, target)
            still = []
            for text in pending:
                outcome = outcomes[text]
                if outcome.is_filled:
                    results[text] = outcome
                else:
                    last[text] = outcome
                    still.append(text)
            pending = still
        for text in pending:
            results[text] = last.get(text) or Outcome(None, self.name, status="no-match",
                                                      reason=f"no engine of {self.name} serves {source}→{target}")
        if progress and results:
            progress(len(results))
        return results

    def plan(self, texts: Iterable[str], source: str, target: str) -> Plan:
        """What each engine would fill or send, in chain order; nothing is sent."""
        pending = list(dict.fromkeys(texts))
        plan = Plan()
        for engine in self.serving(source, target):
            if not pending:
                break
            part = engine.plan(pending, source, target)
            plan.chars += part.chars
            plan.requests += part.requests
            still = []
            for text in pending:
                status = part.statuses.get(text, "rejected")
                plan.statuses[text] = status
                if status in ("no-match", "rejected"):
                    still.append(text)
            pending = still
        for text in pending:
            plan.statuses.setdefault(text, "no-match")
        return plan
