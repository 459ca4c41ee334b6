"""Suggestions for one segment in the web editor: memory matches first, then machine translations."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from tms.errors import EngineError, NotFound
from tms.memory import load_memory
from tms.storage.layout import Project
from tms.storage import catalogs
from tms.services.prefill import default_engine, open_engine

log = logging.getLogger(__name__)
MEMORY_LIMIT = 5
#: The engine name of the project's translation memory; every other engine is a machine translator.
MEMORY = "memory"


@dataclass(frozen=True)
class Suggestion:
    """A translation offered for a segment: its text, its score (None for raw MT) and its engine."""

    text: str
    score: float | None
    engine: str
    source: str = ""            # the memory entry's source text, to show what was matched
    origin: str = ""            # where the memory entry comes from: its article, or its archive file
    pivot: str = ""             # the language a machine translation went through, where no direct pair exists


def suggest(project: Project, article_id: str, lang: str, key: str, engines: Sequence[str] = (MEMORY,), *,
            skip_failed: bool = False) -> list[Suggestion]:
    """Suggestions for the segment ``key`` of ``article_id`` in ``lang``, in the order of ``engines``.

    Memory suggestions are the best distinct matches at or above the threshold, never the segment's own
    entry. A machine engine adds its (cached) translation. An engine that fails raises its ``EngineError``,
    unless ``skip_failed``: then it is logged and left out.
    """
    segment = _segment(project, article_id, lang, key)
    out: list[Suggestion] = []
    for name in dict.fromkeys(engines):
        try:
            out += _from_engine(project, name, *segment)
        except EngineError as exc:
            if not skip_failed:
                raise
            log.warning("suggestions from %s failed: %s", name, exc)
    return _distinct(out)


@dataclass(frozen=True)
class EditorSuggestions:
    """What the editor offers for one segment: memory matches and, when asked, the project engine's output."""

    memory: list[Suggestion]
    engine: str                     # the project's engine ([prefill] engine)
    machine: Suggestion | None = None
    error: str | None = None        # why there is no machine suggestion, when one was asked for


def editor_suggestions(project: Project, article_id: str, lang: str, key: str, *,
                       with_machine: bool = False) -> EditorSuggestions:
    """Memory matches for a segment and, with ``with_machine``, the translation of the project's engine.

    An engine that fails or is not configured does not fail the call: ``error`` says why.
    """
    segment = _segment(project, article_id, lang, key)
    memory = _distinct(_from_engine(project, MEMORY, *segment))
    engine = default_engine(project)
    # the memory's matches are listed already; the machine suggestion comes from the rest of the chain
    machine = ",".join(name for name in engine.split(",") if name != MEMORY)
    if not with_machine:
        return EditorSuggestions(memory, engine)
    if not machine:
        return EditorSuggestions(memory, engine, error=(
            "no machine-translation engine is configured: set [prefill] engine in tms.toml "
            "(for example [\"memory\", \"apertium\"], libre, deepl or pseudo)"))
    try:
        found = _from_engine(project, machine, *segment)
    except EngineError as exc:
        return EditorSuggestions(memory, engine, error=f"{machine}: {exc}")
    if not found:
        return EditorSuggestions(memory, engine, error=f"{machine} returned no translation for this segment")
    return EditorSuggestions(memory, engine, machine=found[0])


def _segment(project: Project, article_id: str, lang: str, key: str) -> tuple[str, str, str, str, str]:
    """What an engine needs of a segment: its source, source language, language, article id and key."""
    path = project.require_catalog(article_id, lang)
    catalog = catalogs.read(path)
    unit = catalog.find(key)
    if unit is None:
        raise NotFound(f"no segment {key!r} in {project.relative(path)}")
    return unit.source, catalog.source_language, lang, article_id, key


def _from_engine(project: Project, name: str, source: str, source_lang: str, lang: str, article_id: str,
                 key: str) -> list[Suggestion]:
    if name == MEMORY:
        memory = load_memory(project)[0]        # with the project's threshold
        matches = memory.lookup(source, source_lang, lang, limit=MEMORY_LIMIT, exclude={(article_id, key)})
        return [Suggestion(m.target, m.score, MEMORY, m.source, m.entry.origin or m.entry.article_id)
                for m in matches]
    engine = open_engine(project, name)
    outcome = engine.translate([source], source_lang, lang)[source]
    if outcome.text is None:
        if outcome.status == "failed":
            raise EngineError(outcome.reason)
        return []
    # a chain's suggestion is named after the engine of the chain that gave it
    return [Suggestion(outcome.text, outcome.score, engine.name if outcome.engine == "copy" else outcome.engine,
                       pivot=outcome.pivot)]


def _distinct(suggestions: list[Suggestion]) -> list[Suggestion]:
    seen: set[str] = set()
    out = []
    for suggestion in suggestions:
        if suggestion.text not in seen:
            seen.add(suggestion.text)
            out.append(suggestion)
    return out
