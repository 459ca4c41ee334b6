"""Tagged text (see ``tms.inline``) written as CommonMark inline markup and read back from it.

``to_markdown`` writes links, emphasis, struck-out text, code and images in Markdown's own syntax and the
tags Markdown lacks (underline, sub- and superscripts, kept elements) as inline HTML; ``from_markdown``
reads a Markdown parser's inline tokens back to the same text and tag table. Text that Markdown would
read as markup is escaped by ``markdown_escape``.

Nothing here does I/O or imports a third-party package: the parsing is the caller's.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable

from tms.inline import HTML_NAMES, Builder, Tag, Tags, Token, tokens

# -- writing Markdown -----------------------------------------------------------------------------
_MD_SPECIALS = re.compile(r"([\\`*_\[\]<>~|])|(&(?=#?\w+;))|(!(?=\[))")


def markdown_escape(text: str) -> str:
    """``text`` with every character that Markdown would read as markup escaped by a backslash."""
    return _MD_SPECIALS.sub(lambda m: "\\" + m.group(0), text)


def to_markdown(text: str, tags: Tags) -> str:
    """Tagged text as CommonMark inline markup (with ``~~`` for struck-out text and HTML for the tags
    Markdown lacks); what ``from_markdown`` reads back to the same text and tags."""
    return "".join(_markdown_parts(tokens(text), tags))


def _markdown_parts(items: list[Token], tags: Tags) -> Iterable[str]:
    closers: dict[int, str] = {}
    for index, token in enumerate(items):
        if token.kind == "text":
            text = markdown_escape(token.text)
            yield text[:-1] + "\\!" if text.endswith("!") and _is_link_next(items, index, tags) else text
        elif token.kind == "br":
            yield "<br>"
        elif token.kind == "alone" and token.number in tags:
            yield _markdown_alone(tags[token.number])
        elif token.kind == "open" and token.number in tags:
            inner, is_apart = _surroundings(items, index)
            opener, closers[token.number] = _markdown_pair(tags[token.number], inner, is_apart)
            yield opener
        elif token.kind == "close" and token.number in closers:
            yield closers.pop(token.number)


def _is_link_next(items: list[Token], index: int, tags: Tags) -> bool:
    """True if a link's "[" is the next thing written after ``items[index]``: a "!" just before it would
    make the link an image."""
    for token in items[index + 1:]:
        if token.kind in ("open", "close", "alone") and token.number in tags:
            return token.kind == "open" and tags[token.number].name == "a"
        if token.kind in ("text", "br"):
            return False
    return False


def _surroundings(items: list[Token], index: int) -> tuple[str, bool]:
    """The text between the opening tag at ``index`` and its closing tag (other tags as NUL), and whether
    plain text, not another tag or a delimiter character, stands on both sides of the pair."""
    opener = items[index]
    inner = []
    close = len(items)
    for position in range(index + 1, len(items)):
        token = items[position]
        if token.kind == "close" and token.number == opener.number:
            close = position
            break
        inner.append(token.text if token.kind == "text" else "\x00")
    before = items[index - 1] if index else None
    after = items[close + 1] if close + 1 < len(items) else None
    is_apart = ((before is None or (before.kind == "text" and before.text[-1] not in "*~"))
                and (after is None or (after.kind == "text" and after.text[0] not in "*~")))
    return "".join(inner), is_apart


def _markdown_pair(tag: Tag, inner: str, is_apart: bool) -> tuple[str, str]:
    if tag.name == "a":
        return "[", f"]({_destination(tag.attrs.get('href', ''))}{_title(tag.attrs.get('title', ''))})"
    delimiters = {"b": "**", "i": "*", "s": "~~"}.get(tag.name)
    if delimiters and is_apart and _flanks_cleanly(inner):
        return delimiters, delimiters
    if tag.name == "code" and inner and "\x00" not in inner and "`" not in inner:
        return "<code>", "</code>"
    name = HTML_NAMES[tag.name]
    return f"<{name}>", f"</{name}>"


def _flanks_cleanly(inner: str) -> bool:
    """True if ``**inner**`` is emphasis for CommonMark whatever stands around it: the inner text starts
    and ends with a letter or digit (punctuation there, common in CJK text, defeats the flanking rules)."""
    return bool(inner) and inner[0].isalnum() and inner[-1].isalnum()


def _markdown_alone(tag: Tag) -> str:
    if tag.name == "img":
        destination = _destination(tag.attrs.get("src", ""))
        return f"![{markdown_escape(tag.attrs.get('alt', ''))}]({destination}{_title(tag.attrs.get('title', ''))})"
    return tag.attrs.get("html", "")


def _destination(url: str) -> str:
    """A link destination as Markdown writes it: in angle brackets where it has spaces or brackets."""
    url = " ".join(url.split())
    if not url or re.search(r"[\s()<>]", url):
        return "<" + re.sub(r"([\\<>])", r"\\\1", url) + ">"
    return url.replace("\\", "\\\\")


def _title(title: str) -> str:
    return ' "' + re.sub(r'([\\"])', r"\\\1", title) + '"' if title else ""


# -- reading Markdown -----------------------------------------------------------------------------
_HTML_INLINE = re.compile(r"^<(/?)([A-Za-z][A-Za-z0-9]*)\b([^>]*?)(/?)>$", re.DOTALL)
_HTML_TAG_NAMES = {"strong": "b", "b": "b", "em": "i", "i": "i", "u": "u", "ins": "u", "s": "s", "del": "s",
                   "strike": "s", "sub": "sub", "sup": "sup", "code": "code", "kbd": "code", "a": "a"}
_HTML_ATTR = re.compile(r"""([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


def from_markdown(children: Iterable) -> tuple[str, Tags]:
    """Tagged text and its table from the inline tokens of a Markdown parser (markdown-it's ``inline``
    token children: ``text``, ``softbreak``, ``link_open``, ``strong_open``, ``image``, ``html_inline``...)."""
    builder = Builder()
    open_by_kind: dict[str, list[int]] = {}
    for token in children:
        kind = token.type
        if kind in ("text", "text_special"):
            builder.text(token.content)
        elif kind == "softbreak":
            builder.text(" ")
        elif kind == "hardbreak":
            builder.line_break()
        elif kind == "code_inline":
            number = builder.open("code")
            builder.text(token.content)
            builder.close(number)
        elif kind == "image":
            alt = "".join(child.content for child in (token.children or []))
            attrs = {"src": token.attrGet("src") or "", "alt": alt}
            if token.attrGet("title"):
                attrs["title"] = token.attrGet("title")
            builder.alone("img", attrs)
        elif kind.endswith("_open") or kind.endswith("_close"):
            _markdown_pair_token(builder, open_by_kind, token)
        elif kind == "html_inline":
            _html_inline(builder, open_by_kind, token.content)
    return builder.finish()


_PAIR_TOKENS = {"link": "a", "strong": "b", "em": "i", "s": "s"}


def _markdown_pair_token(builder: Builder, open_by_kind: dict[str, list[int]], token) -> None:
    base, _, side = token.type.rpartition("_")
    name = _PAIR_TOKENS.get(base)
    if name is None:
        return
    if side == "open":
        attrs = {}
        if name == "a":
            attrs = {"href": token.attrGet("href") or ""}
            if token.attrGet("title"):
                attrs["title"] = token.attrGet("title")
        open_by_kind.setdefault(name, []).append(builder.open(name, attrs))
    elif open_by_kind.get(name):
        builder.close(open_by_kind[name].pop())


def _html_inline(builder: Builder, open_by_kind: dict[str, list[int]], raw: str) -> None:
    match = _HTML_INLINE.match(raw.strip())
    if not match:
        builder.alone("x", {"html": raw})
        return
    closing, element, rest, _ = match.groups()
    element = element.lower()
    if element == "br":
        builder.line_break()
        return
    name = _HTML_TAG_NAMES.get(element)
    if name is None:
        builder.alone("x", {"html": raw})
    elif closing:
        if open_by_kind.get(name):
            builder.close(open_by_kind[name].pop())
    else:
        attrs = {}
        if name == "a":
            found = {m.group(1).lower(): next(v for v in m.groups()[1:] if v is not None)
                     for m in _HTML_ATTR.finditer(rest)}
            attrs = {k: html.unescape(v) for k, v in found.items() if k in ("href", "title")}
        open_by_kind.setdefault(name, []).append(builder.open(name, attrs))
