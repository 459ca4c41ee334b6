"""Reading JSON request bodies safely: too deep a nesting or a lone surrogate is bad input (400), never a
crash (a recursion error) or a string the database cannot store."""
from __future__ import annotations

from flask.json.provider import DefaultJSONProvider

#: How deep objects and arrays may nest in a request body; tms's own API needs 3.
MAX_DEPTH = 64


def check_json_value(value) -> None:
    """Raise ``ValueError`` if ``value`` nests deeper than ``MAX_DEPTH`` or holds a lone surrogate."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            _check_text(item)
        elif isinstance(item, (dict, list)):
            if depth > MAX_DEPTH:
                raise ValueError(f"JSON nested deeper than {MAX_DEPTH} levels")
            if isinstance(item, dict):
                for key, child in item.items():
                    _check_text(key)
                    stack.append((child, depth + 1))
            else:
                stack.extend((child, depth + 1) for child in item)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"JSON string with a lone surrogate (\\u{ord(text[exc.start]):04x}) at character "
                         f"{exc.start}: send UTF-8 text") from None


class SafeJSONProvider(DefaultJSONProvider):
    """Flask's JSON, whose ``loads`` raises ``ValueError`` (which Flask answers with 400) for a body nested too
    deep for the parser or for ``MAX_DEPTH``, or holding a lone surrogate."""

    def loads(self, s, **kwargs):
        try:
            value = super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError(f"JSON nested deeper than {MAX_DEPTH} levels") from None
        check_json_value(value)
        return value
