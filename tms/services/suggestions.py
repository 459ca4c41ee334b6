"""Suggestions for one segment in the web editor: memory matches first, then machine translations."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from tms.errors import EngineError, NotFound
from tms.memory import load_memory
from tms.storage.layout import Project
from tms.storage.pofile import load_catalog
from tms.services.prefill import open_engine

log = logging.getLogger(__name__)
MEMORY_LIMIT = 5


@dataclass(frozen=True)
class Suggestion:
    """A translation offered for a segment: its text, its score (None for raw MT) and its engine."""

    text: str
    score: float | None
    engine: str
    source: str = ""            # the memory entry's source text, to show what was matched
    origin: str = ""            # "<article id>" the memory entry comes from


def suggest(project: Project, article_id: str, lang: str, key: str, engines: Sequence[str] = ("memory",), *,
            skip_failed: bool = False) -> list[Suggestion]:
    """Suggestions for the segment ``key`` of ``article_id`` in ``lang``, in the order of ``engines``.

    Memory suggestions are the best distinct matches at or above the threshold, never the segment's own
    entry. A machine engine adds its (cached) translation. An engine that fails raises its ``EngineError``,
    unless ``skip_failed``: then it is logged and left out.
    """
    path = project.require_catalog(article_id, lang)
    catalog = load_catalog(path)
    unit = catalog.find(key)
    if unit is None:
        raise NotFound(f"no segment {key!r} in {project.relative(path)}")
    out: list[Suggestion] = []
    for name in dict.fromkeys(engines):
        try:
            out += _from_engine(project, name, unit.source, catalog.source_language, lang, article_id, key)
        except EngineError as exc:
            if not skip_failed:
                raise
            log.warning("suggestions from %s failed: %s", name, exc)
    return _distinct(out)


def _from_engine(project: Project, name: str, source: str, source_lang: str, lang: str, article_id: str,
                 key: str) -> list[Suggestion]:
    if name == "memory":
        memory = load_memory(project)[0]        # with the project's threshold
        matches = memory.lookup(source, source_lang, lang, limit=MEMORY_LIMIT, exclude={(article_id, key)})
        return [Suggestion(m.target, m.score, "memory", m.source, m.entry.article_id) for m in matches]
    engine = open_engine(project, name)
    outcome = engine.translate([source], source_lang, lang)[source]
    if outcome.text is None:
        if outcome.status == "failed":
            raise EngineError(outcome.reason)
        return []
    return [Suggestion(outcome.text, outcome.score, engine.name)]


def _distinct(suggestions: list[Suggestion]) -> list[Suggestion]:
    seen: set[str] = set()
    out = []
    for suggestion in suggestions:
        if suggestion.text not in seen:
            seen.add(suggestion.text)
            out.append(suggestion)
    return out
