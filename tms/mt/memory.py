"""The ``memory`` engine: the project's own translation memory, offline and free.

It answers from the translated and approved entries of every catalog and from the archive memory (see
``tms.memory``): an exact match scores 100, a fuzzy match its similarity, and nothing below the threshold is
offered. Each answer says where the unit came from (``MemoryOutcome.origin``), for the machine-output
marker. The memory object is
handed in by the caller, so this module needs neither the project nor the network.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from tms.mt.base import Engine, Outcome, Plan, Setting


class MemoryLookup(Protocol):
    """What the engine needs from a translation memory."""

    def best(self, text: str, source: str, target: str, *, threshold: float | None = None) -> Any:
        """The best match (with ``target`` and ``score``) at or above ``threshold``, or None."""

    def size(self, source: str, target: str) -> int:
        """How many entries the memory holds for the pair."""


@dataclass
class MemoryOutcome(Outcome):
    """A memory match as an outcome, with the origin of the unit it comes from."""

    origin: str = ""

    @classmethod
    def of(cls, match: Any, engine: str = "memory") -> "MemoryOutcome":
        """The outcome of a match (``target``, ``score`` and ``entry.origin``)."""
        entry = getattr(match, "entry", None)
        return cls(match.target, engine, match.score, status="memory", origin=getattr(entry, "origin", ""))


class MemoryEngine(Engine):
    """Answers from the translation memory: exact matches, then fuzzy ones above the threshold."""

    name = "memory"
    label = "Translation memory"
    is_remote = False
    max_score = 100.0
    settings_spec = {
        "threshold": Setting(75.0, float, "lowest fuzzy-match score offered (0-100)"),
    }

    def __init__(self, *, memory: MemoryLookup | None = None, **config: Any):
        super().__init__(**config)
        if memory is None:
            raise ValueError("the memory engine needs a translation memory (memory=...)")
        self.memory = memory

    def plan(self, texts: Iterable[str], source: str, target: str) -> Plan:
        """Nothing is ever sent: each text is looked up, for free."""
        outcomes = self.translate(texts, source, target)
        return Plan({text: o.status for text, o in outcomes.items()})

    def translate(self, texts: Iterable[str], source: str, target: str,
                  progress: Callable[[int], None] | None = None) -> dict[str, Outcome]:
        """The best memory match of each distinct text, or a ``no-match`` outcome."""
        self.check_pair(source, target)
        threshold = float(self.settings["threshold"])
        results: dict[str, Outcome] = {}
        for text in dict.fromkeys(texts):
            match = self.memory.best(text, source, target, threshold=threshold) if text.strip() else None
            if match is None:
                results[text] = Outcome(None, self.name, status="no-match",
                                        reason=f"no memory match of {threshold:g}% or more")
            else:
                results[text] = MemoryOutcome.of(match, self.name)
        if progress and results:
            progress(len(results))
        return results
