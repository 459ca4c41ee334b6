"""Differences between two texts as the pages show them: what was taken out and what was put in."""
from __future__ import annotations

from markupsafe import Markup, escape

from tms.services.textdiff import word_diff

_TAGS = {"deleted": Markup("<del>%s</del>"), "inserted": Markup("<ins>%s</ins>")}


def diff_html(old: str, new: str) -> Markup:
    """``new`` as HTML, with what differs from ``old`` marked ``<del>`` (taken out) and ``<ins>`` (put in)."""
    return Markup("").join(escape(text) if op == "same" else _TAGS[op] % text
                           for op, text in word_diff(old or "", new or ""))
