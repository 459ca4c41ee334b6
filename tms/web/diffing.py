"""Differences between two texts as the pages show them: what was taken out and what was put in."""
from __future__ import annotations

import difflib
import re

from markupsafe import Markup, escape

#: Words, spaces and punctuation; each CJK character and Hangul syllable on its own, for those scripts do
#: not put spaces between words.
TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|\w+|\s+|[^\w\s]")


def diff_html(old: str, new: str) -> Markup:
    """``new`` as HTML, with what differs from ``old`` marked ``<del>`` (taken out) and ``<ins>`` (put in)."""
    a, b = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Markup("<del>%s</del>") % "".join(a[i1:i2]))
        if j2 > j1:
            out.append(Markup("<ins>%s</ins>") % "".join(b[j1:j2]))
    return Markup("").join(out)
