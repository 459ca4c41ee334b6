"""The project's translation memory: every translated and approved entry of every catalog, and the archive.

``load_memory(project)`` refreshes the cached index under ``.tms/`` and returns a ``TranslationMemory``
that answers exact and fuzzy lookups over the catalogs and the archive memory (``tms.memory.archive``:
units imported from TMX or tab-separated files, or aligned from past translations); the threshold comes from
``[memory] threshold`` in ``tms.toml``.
"""
from __future__ import annotations

from tms.memory.archive import project_entries
from tms.memory.index import MemoryEntry, MemoryIndex, RefreshReport
from tms.memory.matching import Match, TranslationMemory
from tms.storage.config import project_settings
from tms.storage.layout import Project

__all__ = ["MemoryEntry", "MemoryIndex", "RefreshReport", "Match", "TranslationMemory", "load_memory",
           "memory_threshold"]


def memory_threshold(project: Project) -> float:
    """The lowest fuzzy score the memory offers, from ``[memory] threshold`` (75 by default)."""
    return project_settings(project.config_path).memory.threshold


def load_memory(project: Project, threshold: float | None = None,
                preloaded=None) -> tuple[TranslationMemory, RefreshReport]:
    """The project's memory, with its index brought up to date, and what the refresh did.

    ``preloaded``: catalogs the caller has just read, as ``MemoryIndex.refresh`` takes them.
    """
    index = MemoryIndex(project)
    report = index.refresh(preloaded)
    chosen = memory_threshold(project) if threshold is None else threshold
    def entries(source: str, target: str) -> list[MemoryEntry]:
        return index.entries(source, target) + project_entries(project, source, target)

    return TranslationMemory(entries, chosen), report
