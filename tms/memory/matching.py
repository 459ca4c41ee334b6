"""Looking up the translation memory: exact matches, then fuzzy matches scored by rapidfuzz.

The fuzzy score is rapidfuzz's normalized Indel similarity (``fuzz.ratio``, 0-100), the measure
translate-toolkit's and Weblate's memories use; 75 is their default threshold. A fuzzy match is offered
only if its numbers, URLs and other protected pieces can be trusted: the same as in the new text, or
different but each found exactly once in the old translation, where they are replaced by the new ones
("In 2017 ..." -> "In 2018 ..."). Otherwise the match would carry a wrong number into the translation.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tms.memory.index import MemoryEntry
from tms.mt.placeholders import placeables

DEFAULT_THRESHOLD = 75.0
EXACT = 100.0


@dataclass(frozen=True)
class Match:
    """A memory match: the translation to offer, its score, and the entry it comes from."""

    target: str
    score: float
    source: str
    entry: MemoryEntry

    @property
    def is_exact(self) -> bool:
        """True for a match of the very same source text."""
        return self.score >= EXACT


class _Pair:
    """The entries of one language pair, arranged for lookups."""

    def __init__(self, entries: Iterable[MemoryEntry]):
        by_source: dict[str, list[MemoryEntry]] = {}
        for entry in entries:
            by_source.setdefault(entry.source, []).append(entry)
        for group in by_source.values():
            # Approved before translated, the catalogs before the archive; among equals, the translation
            # most entries agree on.
            votes = Counter(e.target for e in group)
            group.sort(key=lambda e: (-e.state, e.is_archived, -votes[e.target], e.article_id, e.key))
        self.by_source = by_source
        self.sources = list(by_source)
        self.size = sum(len(group) for group in by_source.values())


class TranslationMemory:
    """The project's translation memory for every language pair, loaded pair by pair on demand."""

    def __init__(self, loader: Callable[[str, str], Iterable[MemoryEntry]], threshold: float = DEFAULT_THRESHOLD):
        self._loader = loader
        self.threshold = float(threshold)
        self._pairs: dict[tuple[str, str], _Pair] = {}

    @classmethod
    def from_entries(cls, entries: dict[tuple[str, str], list[MemoryEntry]],
                     threshold: float = DEFAULT_THRESHOLD) -> "TranslationMemory":
        """A memory over fixed entries, keyed by language pair."""
        return cls(lambda s, t: entries.get((s, t), []), threshold)

    def _pair(self, source: str, target: str) -> _Pair:
        key = (source, target)
        if key not in self._pairs:
            self._pairs[key] = _Pair(self._loader(source, target))
        return self._pairs[key]

    def size(self, source: str, target: str) -> int:
        """How many entries the memory holds for the pair."""
        return self._pair(source, target).size

    def exact(self, text: str, source: str, target: str) -> Match | None:
        """The best entry with exactly this source text, or None."""
        group = self._pair(source, target).by_source.get(text)
        if not group:
            return None
        return Match(group[0].target, EXACT, text, group[0])

    def lookup(self, text: str, source: str, target: str, *, limit: int = 5, threshold: float | None = None,
               exclude: set[tuple[str, str]] | frozenset = frozenset()) -> list[Match]:
        """Up to ``limit`` matches, best first, each a distinct translation scoring ``threshold`` or more.

        ``exclude`` holds ``(article_id, key)`` of entries not to offer (the segment being edited).
        """
        pair = self._pair(source, target)
        cutoff = self.threshold if threshold is None else float(threshold)
        found: list[Match] = []
        seen: set[str] = set()
        for entry in pair.by_source.get(text, []):
            if (entry.article_id, entry.key) not in exclude and entry.target not in seen:
                seen.add(entry.target)
                found.append(Match(entry.target, EXACT, text, entry))
        if len(found) < limit and pair.sources:
            candidates = process.extract(text, pair.sources, scorer=fuzz.ratio, score_cutoff=cutoff,
                                         limit=limit * 4 + 1)
            for source_text, score, _ in candidates:
                if source_text == text:
                    continue
                for entry in pair.by_source[source_text]:
                    if (entry.article_id, entry.key) in exclude:
                        continue
                    adapted = adapt(text, source_text, entry.target)
                    if adapted is not None and adapted not in seen:
                        seen.add(adapted)
                        found.append(Match(adapted, round(min(score, EXACT - 1), 1), source_text, entry))
                    break
        found.sort(key=lambda m: -m.score)
        return found[:limit]

    def best(self, text: str, source: str, target: str, *, threshold: float | None = None) -> Match | None:
        """The best match scoring ``threshold`` or more, or None."""
        exact = self.exact(text, source, target)
        if exact is not None:
            return exact
        matches = self.lookup(text, source, target, limit=1, threshold=threshold)
        return matches[0] if matches else None


def adapt(text: str, old_source: str, old_target: str) -> str | None:
    """``old_target`` made fit for ``text``: protected pieces swapped where they differ, else None."""
    new, old = placeables(text), placeables(old_source)
    if new == old:
        return old_target
    if len(new) != len(old):
        return None
    swaps = [(o, n) for o, n in zip(old, new) if o != n]
    if any(old.count(o) != 1 for o, _ in swaps):
        return None
    patterns = [re.compile(rf"(?<![A-Za-z0-9.,]){re.escape(o)}(?![A-Za-z0-9]|[.,]\d)") for o, _ in swaps]
    if any(len(pattern.findall(old_target)) != 1 for pattern in patterns):
        return None
    # Swap through markers so that a new piece equal to another old one is not swapped twice.
    adapted = old_target
    for number, pattern in enumerate(patterns):
        adapted = pattern.sub(f"\x00{number}\x00", adapted)
    for number, (_, n) in enumerate(swaps):
        adapted = adapted.replace(f"\x00{number}\x00", n)
    return adapted
