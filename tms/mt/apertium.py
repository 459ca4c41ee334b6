"""The ``apertium`` engine: Apertium's rule-based translation, offline, through the Debian packages.

Apertium runs on the machine itself (the ``apertium`` command and pairs such as ``apertium-eng-spa`` and
``apertium-fr-es``) or behind an APy server (``[engines.apertium] url``); which one is used follows from
whether a url is set. The engine discovers the installed pairs on first use and translates a pair of
languages directly or, where no direct pair is installed and ``pivot`` is on (the default), through a
pivot language: English → Spanish → French with the Debian pairs. A pivoted translation carries its
pivot in its outcome, and so in the catalog's machine-output marker (``engine=apertium pivot=es``).

A pair that is not installed is refused before anything is sent, with the Debian package to install.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from tms.errors import EngineError, UnsupportedLanguage
from tms.mt.apertium_pairs import (Direction, Route, coverage, describe_coverage, directions_from, find_route,
                                   missing_advice)
from tms.mt.apertium_transport import ApyServer, LocalCommand
from tms.mt.base import Engine, Outcome, Setting

#: Statuses of the engine's own outcomes that carry its translation (and so its route).
_OWN_FILLED = ("translated", "cached")


class ApertiumEngine(Engine):
    """Apertium through the local command or an APy server, with pivoting through a third language."""

    name = "apertium"
    label = "Apertium (offline, rule-based)"
    settings_spec = {
        "url": Setting("", str, "address of an APy server; empty: the local apertium command"),
        "command": Setting("apertium", str, "the apertium command", is_operational=True),
        "data_dir": Setting("/usr/share/apertium", str, "where the installed pairs' modes/ folder is"),
        "pivot": Setting(True, bool, "translate through a third language where no direct pair is installed"),
    }
    max_texts_per_request = 200
    max_chars_per_request = 40_000
    max_chars_per_text = 10_000

    def __init__(self, **config: Any):
        super().__init__(**config)
        url = self.settings["url"].strip()
        self.transport = ApyServer(url) if url else LocalCommand(self.settings["command"],
                                                                 self.settings["data_dir"])
        if url:
            self.max_texts_per_request = 1
        self._directions: dict[tuple[str, str], Direction] | None = None

    # -- the installed pairs -----------------------------------------------------------------------
    @property
    def directions(self) -> dict[tuple[str, str], Direction]:
        """The installed directions between two of our languages, read once per engine."""
        if self._directions is None:
            self._directions = directions_from(self.transport.modes(self.timeout))
        return self._directions

    @property
    def is_pivoting(self) -> bool:
        """True if a pair may be translated through a third language."""
        return bool(self.settings["pivot"])

    def route(self, source: str, target: str) -> Route | None:
        """How ``source``→``target`` is translated, or None if no installed pair serves it."""
        return find_route(self.directions, source, target, is_pivoting=self.is_pivoting)

    def coverage(self, source: str) -> tuple[dict[str, Route], list[str]]:
        """The languages this installation translates ``source`` into (with their route), and the rest."""
        return coverage(self.directions, source, is_pivoting=self.is_pivoting)

    def describe_coverage(self, source: str) -> str:
        """One line saying which of the eleven languages ``source`` is translated into, and which not."""
        return describe_coverage(self.directions, source, is_pivoting=self.is_pivoting)

    @property
    def identity(self) -> str:
        """The base identity and the installed pairs: a pair installed later changes cached routes."""
        if self._directions is None:
            return super().identity
        installed = sorted(f"{d.source}-{d.target}:{d.mode}" for d in self._directions.values())
        raw = super().identity + "|" + ",".join(installed)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]

    def supports(self, source: str, target: str) -> bool:
        """True if an installed pair, or two through a pivot, translate ``source`` into ``target``."""
        try:
            return self.route(source, target) is not None
        except EngineError:
            return False

    def check_pair(self, source: str, target: str) -> tuple[str, str]:
        """Our codes for the pair; ``UnsupportedLanguage`` naming the package to install otherwise."""
        if self.route(source, target) is None:
            advice = missing_advice(self.directions, source, target, is_pivoting=self.is_pivoting)
            raise UnsupportedLanguage(
                f"engine 'apertium' does not translate {source}→{target}: no Apertium pair for it is installed "
                f"in {self.transport.where}; {advice}. ({self.describe_coverage(source)})")
        return source, target

    def unsupported_reason(self, source: str, target: str) -> str:
        """Why the pair is not served, and what to install: for reports that go on without it."""
        try:
            if self.route(source, target) is not None:
                return ""
            return missing_advice(self.directions, source, target, is_pivoting=self.is_pivoting)
        except EngineError as exc:
            return str(exc)

    # -- translating -------------------------------------------------------------------------------
    def translate(self, texts: Iterable[str], source: str, target: str,
                  progress: Callable[[int], None] | None = None) -> dict[str, Outcome]:
        """The base pipeline; each of the engine's own translations carries the pivot of its route."""
        outcomes = super().translate(texts, source, target, progress)
        route = self.route(source, target)
        if route is not None and route.pivot:
            for outcome in outcomes.values():
                if outcome.engine == self.name and outcome.status in _OWN_FILLED:
                    outcome.pivot = route.pivot
        return outcomes

    def _translate(self, texts: list[str], source_code: str, target_code: str) -> list[str | None]:
        route = self.route(source_code, target_code)
        if route is None:
            raise UnsupportedLanguage(f"apertium: no pair for {source_code}→{target_code} any more")
        answers: list[str] = texts
        for leg in route.legs:
            answers = self.transport.translate(answers, leg.mode, self.timeout)
        return list(answers)
