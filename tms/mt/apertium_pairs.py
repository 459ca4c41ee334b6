"""Which Apertium pairs are installed, how they serve the eleven languages, and what to install for the rest.

Apertium names a translation direction by its mode, ``eng-spa`` or ``es-fr``: ISO 639-3 codes for newer
pairs, ISO 639-1 for older ones, and sometimes a variant (``spa-eng_US``). This module maps both forms to
tms's codes, finds a route for a pair of languages (the direct mode, or two modes through a pivot
language where pivoting is allowed) and says what is missing in words a person can act on: the Debian
package that brings a pair, or that Debian has none.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tms.languages import CODES

#: Our code -> the codes Apertium's mode names use for the language (ISO 639-3 first, then 639-1 and
#: the bibliographic or macrolanguage forms some pairs use).
APERTIUM_CODES: dict[str, tuple[str, ...]] = {
    "ko": ("kor", "ko"), "en": ("eng", "en"), "ja": ("jpn", "ja"), "zh": ("zho", "zh", "cmn", "chi"),
    "ar": ("ara", "ar"), "es": ("spa", "es"), "fr": ("fra", "fr", "fre"), "de": ("deu", "de", "ger"),
    "ru": ("rus", "ru"), "vi": ("vie", "vi"), "id": ("ind", "id"),
}
_OURS = {code: ours for ours, codes in APERTIUM_CODES.items() for code in codes}

#: The Debian packages that translate between two of the eleven languages (each serves both directions).
#: Debian has no Apertium pair for Korean, Japanese, Chinese, Arabic, German, Russian, Vietnamese or
#: Indonesian with another of these languages.
DEBIAN_PACKAGES: dict[frozenset[str], str] = {
    frozenset({"en", "es"}): "apertium-eng-spa",
    frozenset({"es", "fr"}): "apertium-fr-es",
}

# A pair's mode name as APy reads it: two codes, each with an optional variant.
_MODE_RE = re.compile(r"^([a-z]{2,3})(?:_([A-Za-z0-9]+))?-([a-z]{2,3})(?:_([A-Za-z0-9]+))?$")


def our_code(apertium_code: str) -> str | None:
    """Our code for an Apertium language code (``eng``, ``en``, ``eng_US``), or None if not one of ours."""
    return _OURS.get(apertium_code.split("_", 1)[0].lower())


@dataclass(frozen=True)
class Direction:
    """One installed translation direction: our languages and the name the transport uses for it."""

    source: str
    target: str
    mode: str           # "eng-spa" for the command, "eng|spa" for an APy server
    variant: str = ""   # a target variant such as "US" in spa-eng_US


@dataclass(frozen=True)
class Route:
    """How one pair of languages is translated: one direction, or two through a pivot language."""

    legs: tuple[Direction, ...]

    @property
    def pivot(self) -> str:
        """The pivot language ("es"), or "" for a direct pair."""
        return self.legs[0].target if len(self.legs) > 1 else ""

    def describe(self) -> str:
        """``"es"`` or ``"fr (via es)"``: the target, and the pivot if there is one."""
        target = self.legs[-1].target
        return f"{target} (via {self.pivot})" if self.pivot else target


def parse_mode(name: str) -> tuple[str, str, str] | None:
    """(our source, our target, target variant) of a mode name such as ``eng-spa``; None if it is not a
    translation mode between two of our languages (an analyser, a debug mode, another language)."""
    match = _MODE_RE.match(name)
    if not match:
        return None
    source, target = our_code(match.group(1)), our_code(match.group(3))
    if source is None or target is None or source == target:
        return None
    return source, target, match.group(4) or ""


def directions_from(entries: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Direction]:
    """The usable direction for each pair of our languages, from (mode name, transport id) entries.

    Where a pair has several modes (``spa-eng`` and ``spa-eng_US``), the one without a variant wins.
    """
    found: dict[tuple[str, str], Direction] = {}
    for name, mode in sorted(entries):
        parsed = parse_mode(name)
        if parsed is None:
            continue
        source, target, variant = parsed
        current = found.get((source, target))
        if current is None or (current.variant and not variant):
            found[(source, target)] = Direction(source, target, mode, variant)
    return found


def find_route(directions: dict[tuple[str, str], Direction], source: str, target: str, *,
               is_pivoting: bool) -> Route | None:
    """The direct route from ``source`` to ``target``, else (``is_pivoting``) one through a pivot language."""
    direct = directions.get((source, target))
    if direct is not None:
        return Route((direct,))
    if not is_pivoting:
        return None
    for pivot in CODES:
        first, second = directions.get((source, pivot)), directions.get((pivot, target))
        if first is not None and second is not None:
            return Route((first, second))
    return None


def missing_advice(directions: dict[tuple[str, str], Direction], source: str, target: str, *,
                   is_pivoting: bool) -> str:
    """What to install for ``source``→``target``: the Debian package(s), or that Debian has none."""
    direct = DEBIAN_PACKAGES.get(frozenset({source, target}))
    if direct:
        return f"install the Debian package {direct} (apt-get install {direct})"
    for pivot in CODES:
        first = DEBIAN_PACKAGES.get(frozenset({source, pivot}))
        second = DEBIAN_PACKAGES.get(frozenset({pivot, target}))
        if pivot in (source, target) or not first or not second:
            continue
        if not is_pivoting:
            return (f"Debian has no direct pair for it; set pivot = true in [engines.apertium] to translate "
                    f"through {pivot} with {first} and {second}")
        wanted = [p for p, (a, b) in ((first, (source, pivot)), (second, (pivot, target)))
                  if (a, b) not in directions]
        return (f"install the Debian package{'s' if len(wanted) > 1 else ''} {' and '.join(wanted)} "
                f"(apt-get install {' '.join(wanted)}) to translate through {pivot}")
    return "Debian has no Apertium pair for it; use another engine for it (libre, deepl, google, microsoft)"


def coverage(directions: dict[tuple[str, str], Direction], source: str, *,
             is_pivoting: bool) -> tuple[dict[str, Route], list[str]]:
    """For ``source``: the route to each of the eleven languages it serves, and the languages it does not."""
    served: dict[str, Route] = {}
    missing: list[str] = []
    for target in CODES:
        if target == source:
            continue
        route = find_route(directions, source, target, is_pivoting=is_pivoting)
        if route is None:
            missing.append(target)
        else:
            served[target] = route
    return served, missing


def describe_coverage(directions: dict[tuple[str, str], Direction], source: str, *, is_pivoting: bool) -> str:
    """One line: which of the eleven languages Apertium translates ``source`` into, and which not."""
    served, missing = coverage(directions, source, is_pivoting=is_pivoting)
    can = ", ".join(route.describe() for route in served.values()) or "none"
    cannot = ", ".join(missing) or "none"
    return f"apertium translates {source} into {can}; not into {cannot}"
