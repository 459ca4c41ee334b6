"""Text people type that tms stores in the database (comments, token labels): printable text only.

A NUL is refused by PostgreSQL, other control characters hide text from readers, and a lone surrogate
(possible in a Python string, never in UTF-8) cannot be stored at all: all are bad input, said as such.
"""
from __future__ import annotations

import re

from tms.errors import InputError

#: C0 controls except tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: The same and the line breaks, for one-line values.
_CONTROL_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def check_text(text, what: str, *, multiline: bool = True) -> str:
    """Return ``text`` if it holds no control character (tabs and line breaks allowed when ``multiline``) and
    no lone surrogate, else raise ``InputError`` saying which character and where."""
    if not isinstance(text, str):
        raise InputError(f"{what} must be text")
    found = (_CONTROL if multiline else _CONTROL_ONE_LINE).search(text)
    if found:
        allowed = "text, tabs and line breaks" if multiline else "text on one line"
        raise InputError(f"{what} contains the control character U+{ord(found.group()):04X} at character "
                         f"{found.start() + 1}; only {allowed} are allowed")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"{what} contains a lone surrogate (U+{ord(text[exc.start]):04X}) at character "
                         f"{exc.start + 1}; send UTF-8 text") from None
    return text
