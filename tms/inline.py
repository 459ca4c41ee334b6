"""Inline markup inside an article's text: links, emphasis, line breaks, sub- and superscripts, code.

A block's or a segment's text carries its inline markup as short numbered tags, as CAT tools show it to
translators::

    Read the <a1>joint statement</a1> of the <b2>65 nations</b2>.<br/>The ministry’s logo: <img3/>

The name says what a tag is, the number which one; what a browser needs (a link's address, an image's
source) is kept outside the text, in a ``Tags`` table by number, so that a translator never retypes a
URL and may move or reorder the tags. The tags:

========  =====================================================
paired    ``a`` link, ``b`` strong, ``i`` emphasis, ``u`` underline, ``s`` struck out, ``sub``, ``sup``,
          ``code``
alone     ``br`` line break (written ``<br/>``, without a number), ``img`` inline image, ``x`` an inline
          element kept as it stands (an embedded widget, a formula)
========  =====================================================

Numbers are unique within a text and count from 1 in order of appearance. Text that merely looks like a
tag but names none of these ("<사진>", "<Table 1>") is ordinary text.

Tagged text is written as HTML here (``to_html``) and as Markdown in ``tms.inline_markdown``. Nothing here
does I/O or imports a third-party package.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

PAIRED = ("a", "b", "i", "u", "s", "sub", "sup", "code")
ALONE = ("img", "x")
BREAK = "<br/>"

#: One tag: group 1 "/" for a closing tag, 2 the name, 3 the number, 4 "/" for a standalone tag.
TAG_RE = re.compile(r"<(/?)(sub|sup|code|img|a|b|i|u|s|x)([1-9]\d{0,3})(/?)>|<br/>")

#: The HTML element each paired tag is written as.
HTML_NAMES = {"a": "a", "b": "strong", "i": "em", "u": "u", "s": "s", "sub": "sub", "sup": "sup", "code": "code"}
_SAFE_URL = re.compile(r"^(?:https?:|mailto:|tel:|ftp:|#|/|\./|\.\./|[^:/?#]+(?:[/?#]|$))", re.IGNORECASE)


@dataclass
class Tag:
    """What a numbered tag stands for: its kind and the attributes kept outside the text."""

    name: str                                   # one of PAIRED or ALONE
    attrs: dict[str, str] = field(default_factory=dict)


Tags = dict[int, Tag]


@dataclass(frozen=True)
class Token:
    """A piece of tagged text: ``text``, or a tag (``open``, ``close``, ``alone``, ``br``)."""

    kind: str
    text: str = ""          # the characters of a text token, the tag as written otherwise
    name: str = ""
    number: int = 0


def has_tags(text: str) -> bool:
    """True if ``text`` holds at least one tag."""
    return "<" in text and TAG_RE.search(text) is not None


def tokens(text: str) -> list[Token]:
    """The text and tags of ``text`` in order."""
    out: list[Token] = []
    position = 0
    for match in TAG_RE.finditer(text):
        if match.start() > position:
            out.append(Token("text", text[position:match.start()]))
        out.append(_tag_token(match))
        position = match.end()
    if position < len(text):
        out.append(Token("text", text[position:]))
    return out


def _tag_token(match: re.Match) -> Token:
    raw = match.group(0)
    if raw == BREAK:
        return Token("br", raw, "br")
    closing, name, number, alone = match.groups()
    if name in ALONE:
        kind = "alone" if alone and not closing else "bad"
    elif closing:
        kind = "close" if not alone else "bad"
    else:
        kind = "open" if not alone else "bad"
    return Token(kind, raw, name, int(number))


def plain(text: str, line_break: str = " ") -> str:
    """``text`` without its tags; a line break becomes ``line_break``."""
    if "<" not in text:
        return text
    return TAG_RE.sub(lambda m: line_break if m.group(0) == BREAK else "", text)


def tag_names(text: str) -> list[str]:
    """The tags of ``text`` as written, in order ("<a1>", "</a1>", "<br/>")."""
    return [m.group(0) for m in TAG_RE.finditer(text)] if "<" in text else []


# -- checking -------------------------------------------------------------------------------------
def problems(source: str, target: str) -> list[str]:
    """What is wrong with the tags of a translation: missing, extra, repeated or badly nested ones."""
    wanted, found = _tag_counts(source), _tag_counts(target)
    messages = [f"the tag {tag} is missing from the translation" for tag in wanted if found.get(tag, 0) < wanted[tag]]
    messages += [f"the tag {tag} is not in the source" for tag in found if tag not in wanted]
    messages += [f"the tag {tag} appears {found[tag]} times, in the source {wanted[tag]}"
                 for tag in found if tag in wanted and found[tag] > wanted[tag]]
    return messages + nesting_problems(target)


def _tag_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for tag in tag_names(text):
        counts[tag] = counts.get(tag, 0) + 1
    return counts


def nesting_problems(text: str) -> list[str]:
    """Tags closed before they are opened, closed across another tag, or never closed."""
    messages: list[str] = []
    stack: list[Token] = []
    for token in tokens(text):
        if token.kind == "bad":
            messages.append(f"the tag {token.text} is malformed: {token.name} is "
                            + ("a standalone tag, written <" + f"{token.name}{token.number}/>" if token.name in ALONE
                               else f"a paired tag, written <{token.name}{token.number}>…</{token.name}{token.number}>"))
        elif token.kind == "open":
            stack.append(token)
        elif token.kind == "close":
            opener = f"<{token.name}{token.number}>"
            if not any(t.text == opener for t in stack):
                messages.append(f"the tag {token.text} closes {opener} before it is opened")
            elif stack[-1].text != opener:
                messages.append(f"the tag {token.text} closes {opener} while {stack[-1].text} inside it is still open")
                del stack[[t.text for t in stack].index(opener):]
            else:
                stack.pop()
    messages += [f"the tag {t.text} is never closed" for t in stack]
    return messages


# -- telling translators what the tags stand for ---------------------------------------------------
#: An extracted comment that says what an inline tag stands for: "<a1>: https://…", "<img3/>: logo.png".
_NOTE_RE = re.compile(r"^\s*<([a-z]+)([1-9]\d{0,3})/?>\s*:\s*(.*?)\s*$")


def note_lines(text: str, tags: Tags) -> list[str]:
    """One line a tag that stands for an address or a kept element, as catalogs show it to translators
    (``#. <a1>: https://…``, ``#. <img2/>: photo.jpg``)."""
    lines = []
    for token in tokens(text) if "<" in text else []:
        tag = tags.get(token.number) if token.kind in ("open", "alone") else None
        if tag is None:
            continue
        what = tag.attrs.get("href") or tag.attrs.get("src") or " ".join(tag.attrs.get("html", "").split())[:120]
        if what:
            lines.append(f"{token.text}: {what}")
    return lines


def tag_notes(extracted: Iterable[str]) -> dict[int, str]:
    """What the extracted comments of a unit (``#. <a1>: https://…``) say about its inline tags, by number."""
    notes: dict[int, str] = {}
    for line in extracted:
        match = _NOTE_RE.match(line)
        if match and match.group(1) in PAIRED + ALONE and match.group(3):
            notes.setdefault(int(match.group(2)), match.group(3))
    return notes


# -- splitting a block into sentences ------------------------------------------------------------
@dataclass(frozen=True)
class Sentence:
    """One sentence cut from tagged text: its text with tags numbered from 1, the map from those numbers to
    the numbers in the whole text, and the line breaks just before and after it, which stay in the block
    rather than in the sentence."""

    text: str
    mapping: dict[int, int]
    lead: str = ""
    trail: str = ""


def split_tagged(text: str, spans: Sequence[tuple[int, int]]) -> list[Sentence]:
    """Cut tagged ``text`` at sentence ``spans`` measured on ``plain(text)``.

    Each sentence gets the tags inside it, opening tags just before it and closing tags just after it; a
    paired tag that runs over a sentence end is closed there and opened again in the next sentence.
    Line breaks at a sentence's edges stay outside it (``lead``, ``trail``).
    """
    pieces: list[list[Token]] = [[] for _ in spans]
    if not spans:
        return []
    position = 0
    for token in tokens(text):
        if token.kind == "text":
            end = position + len(token.text)
            for k, (start, stop) in enumerate(spans):
                lo, hi = max(start, position), min(stop, end)
                if lo < hi:
                    pieces[k].append(Token("text", token.text[lo - position:hi - position]))
            position = end
            continue
        if token.kind == "br":
            inside = next((k for k, (s, e) in enumerate(spans) if s <= position < e), None)
            pieces[inside if inside is not None else _after(spans, position)].append(token)
            position += 1
            continue
        k = _before(spans, position) if token.kind == "open" else _after(spans, position)
        if token.kind == "alone" and position > spans[k][1] and pieces[k] and pieces[k][-1].kind == "text":
            pieces[k].append(Token("text", " "))      # "Photo: <img1/>": the space before an image is kept
        pieces[k].append(token)
    out: list[Sentence] = []
    carried: list[Token] = []
    for piece in pieces:
        balanced, carried = _balance(piece, carried)
        lead, core, trail = _edges(balanced)
        sentence, mapping = renumber("".join(t.text for t in core))
        out.append(Sentence(sentence, mapping, "".join(t.text for t in lead), "".join(t.text for t in trail)))
    return out


def _edges(items: list[Token]) -> tuple[list[Token], list[Token], list[Token]]:
    """Line breaks before the first and after the last other piece, and the rest: a break between two
    sentences is the block's layout, not part of either (an image stays where it stands, for the
    translator to move). A break inside a tag that runs over the sentence's edge ("<a1>end.<br/>Next</a1>")
    is at that edge too: the tags close before it and open after it."""
    lead: list[Token] = []
    trail: list[Token] = []
    core = list(items)
    while True:
        first = next((k for k, t in enumerate(core) if t.kind != "open"), None)
        if first is None or core[first].kind != "br":
            break
        lead.append(core.pop(first))
    while True:
        last = next((k for k in range(len(core) - 1, -1, -1) if core[k].kind != "close"), None)
        if last is None or core[last].kind != "br":
            break
        trail.insert(0, core.pop(last))
    return lead, _drop_empty_pairs(core) if lead or trail else core, trail


def _before(spans: Sequence[tuple[int, int]], position: int) -> int:
    """The sentence an opening tag at ``position`` belongs to: the first that ends after it."""
    return next((k for k, (_, stop) in enumerate(spans) if position < stop), len(spans) - 1)


def _after(spans: Sequence[tuple[int, int]], position: int) -> int:
    """The sentence a closing or standalone tag at ``position`` belongs to: the last that starts before it."""
    return next((k for k in range(len(spans) - 1, -1, -1) if position > spans[k][0]), 0)


def _balance(piece: list[Token], carried: list[Token]) -> tuple[list[Token], list[Token]]:
    """The piece with the tags left open by the previous sentence opened first and its own open tags
    closed at its end, empty pairs dropped; and the tags still open for the next sentence."""
    stack = list(carried)
    out: list[Token] = list(carried)
    for token in piece:
        if token.kind == "open":
            stack.append(token)
        elif token.kind == "close":
            opener = next((t for t in reversed(stack) if t.name == token.name and t.number == token.number), None)
            if opener is None:
                continue
            stack.remove(opener)
        elif token.kind == "bad":
            continue
        out.append(token)
    open_now = list(stack)
    for token in reversed(stack):
        out.append(Token("close", f"</{token.name}{token.number}>", token.name, token.number))
    return _drop_empty_pairs(out), open_now


def _drop_empty_pairs(out: list[Token]) -> list[Token]:
    changed = True
    while changed:
        changed = False
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if a.kind == "open" and b.kind == "close" and a.number == b.number and a.name == b.name:
                del out[i:i + 2]
                changed = True
                break
    return out


def split_at_breaks(text: str, tags: Tags) -> list[tuple[str, Tags]]:
    """The lines of tagged ``text`` broken at its line breaks, each with its own tags and table."""
    if BREAK not in text:
        return [(text, tags)]
    spans: list[tuple[int, int]] = []
    flat = plain(text)
    start = 0
    position = 0
    for token in tokens(text):
        if token.kind == "br":
            spans.append((start, position))
            start = position + 1
            position += 1
        elif token.kind == "text":
            position += len(token.text)
    spans.append((start, len(flat)))
    trimmed = []
    for lo, hi in spans:
        piece = flat[lo:hi]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            trimmed.append((lo + lead, lo + lead + len(piece.strip())))
    lines = []
    for sentence in split_tagged(text, trimmed):
        whole, mapping = renumber(sentence.lead.replace(BREAK, "") + _with_old_numbers(sentence)
                                  + sentence.trail.replace(BREAK, ""))
        lines.append((whole, tags_for(mapping, tags)))
    return lines


def _with_old_numbers(sentence: Sentence) -> str:
    """A sentence's text with its tags numbered as in the text it was cut from."""
    return TAG_RE.sub(lambda m: m.group(0) if m.group(0) == BREAK else
                      f"<{m.group(1)}{m.group(2)}{sentence.mapping[int(m.group(3))]}{m.group(4)}>", sentence.text)


def renumber(text: str) -> tuple[str, dict[int, int]]:
    """``text`` with its tags numbered 1, 2, 3... in order of appearance, and a map new number -> old."""
    if "<" not in text:
        return text, {}
    new_of: dict[int, int] = {}

    def replace(match: re.Match) -> str:
        if match.group(0) == BREAK:
            return BREAK
        old = int(match.group(3))
        if old not in new_of:
            new_of[old] = len(new_of) + 1
        return f"<{match.group(1)}{match.group(2)}{new_of[old]}{match.group(4)}>"

    text = TAG_RE.sub(replace, text)
    return text, {new: old for old, new in new_of.items()}


def concat(parts: Iterable[tuple[str, Tags]]) -> tuple[str, Tags]:
    """Tagged texts joined as they stand, each with its own table, as one text whose tags are numbered
    1, 2, 3... and one table; tags a part's table does not know are left out."""
    out: list[str] = []
    merged: Tags = {}
    for text, tags in parts:
        numbers: dict[int, int] = {}

        def replace(match: re.Match) -> str:
            if match.group(0) == BREAK:
                return BREAK
            old = int(match.group(3))
            if old not in tags:
                return ""
            if old not in numbers:
                numbers[old] = len(merged) + 1
                merged[numbers[old]] = tags[old]
            return f"<{match.group(1)}{match.group(2)}{numbers[old]}{match.group(4)}>"

        out.append(TAG_RE.sub(replace, text) if "<" in text else text)
    return "".join(out), merged


def tags_for(mapping: dict[int, int], tags: Tags) -> Tags:
    """The tag table of a sentence cut by ``split_tagged``, from its map and the block's table."""
    return {new: tags[old] for new, old in mapping.items() if old in tags}


# -- building tagged text -------------------------------------------------------------------------
class Builder:
    """Builds tagged text and its tag table piece by piece, as a reader walks a document."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.tags: Tags = {}
        self._open: list[int] = []

    def text(self, text: str) -> None:
        """Add ordinary text."""
        if text:
            self.parts.append(text)

    def open(self, name: str, attrs: dict[str, str] | None = None) -> int:
        """Open a paired tag; returns its number, which ``close`` takes."""
        number = len(self.tags) + 1
        self.tags[number] = Tag(name, _clean_attrs(attrs))
        self.parts.append(f"<{name}{number}>")
        self._open.append(number)
        return number

    def close(self, number: int) -> None:
        """Close the paired tag ``number`` (and, first, any tag opened inside it and still open)."""
        if number not in self._open:
            return
        while self._open:
            inner = self._open.pop()
            self.parts.append(f"</{self.tags[inner].name}{inner}>")
            if inner == number:
                break

    def alone(self, name: str, attrs: dict[str, str] | None = None) -> None:
        """Add a standalone tag (``img``, ``x``)."""
        number = len(self.tags) + 1
        self.tags[number] = Tag(name, _clean_attrs(attrs))
        self.parts.append(f"<{name}{number}/>")

    def line_break(self) -> None:
        """Add a line break."""
        self.parts.append(BREAK)

    def finish(self) -> tuple[str, Tags]:
        """The text, whitespace collapsed, empty pairs dropped and tags renumbered, and its table."""
        while self._open:
            self.close(self._open[-1])
        text = " ".join("".join(self.parts).split())
        if not self.tags and BREAK not in text:
            return text, {}
        text = re.sub(r"\s*<br/>\s*", BREAK, text)
        pieces = _drop_empty_pairs(tokens(text))
        text, mapping = renumber("".join(t.text for t in pieces))
        return _trim_breaks(text), tags_for(mapping, self.tags)


def _clean_attrs(attrs: dict[str, str] | None) -> dict[str, str]:
    """Attributes with their whitespace collapsed, as HTML and Markdown read them."""
    return {key: " ".join(value.split()) for key, value in (attrs or {}).items() if key != "html"} | (
        {"html": attrs["html"]} if attrs and "html" in attrs else {})


def _trim_breaks(text: str) -> str:
    while text.startswith(BREAK):
        text = text[len(BREAK):]
    while text.endswith(BREAK):
        text = text[:-len(BREAK)]
    return text


# -- writing HTML ---------------------------------------------------------------------------------
def to_html(text: str, tags: Tags, *, urls=None) -> str:
    """Tagged text as HTML; tags the table does not know are left out, and the result is always well
    nested (a tag closed across another is closed and reopened). ``urls`` may rewrite link and image
    addresses."""
    out: list[str] = []
    stack: list[int] = []
    for token in tokens(text):
        if token.kind == "text":
            out.append(html.escape(token.text, quote=True))
        elif token.kind == "br":
            out.append("<br>")
        elif token.kind in ("open", "close", "alone"):
            tag = tags.get(token.number)
            if tag is None or tag.name != token.name:
                continue
            if token.kind == "alone":
                out.append(_html_alone(tag, urls))
            elif token.kind == "open":
                out.append(_html_open(tag, urls))
                stack.append(token.number)
            elif token.number in stack:
                reopen = []
                while stack:
                    inner = stack.pop()
                    out.append(f"</{HTML_NAMES[tags[inner].name]}>")
                    if inner == token.number:
                        break
                    reopen.append(inner)
                for inner in reversed(reopen):
                    out.append(_html_open(tags[inner], urls))
                    stack.append(inner)
    out += [f"</{HTML_NAMES[tags[n].name]}>" for n in reversed(stack)]
    return "".join(out)


def _attr(name: str, value: str) -> str:
    return f' {name}="{html.escape(value, quote=True)}"'


def safe_url(url: str) -> str:
    """``url`` if it is a web, mail or relative address; "" for ``javascript:`` and other schemes."""
    url = url.strip()
    return url if _SAFE_URL.match(url) else ""


def _html_open(tag: Tag, urls=None) -> str:
    if tag.name == "a":
        href = safe_url(tag.attrs.get("href", ""))
        if urls is not None and href:
            href = urls(href)
        attrs = (_attr("href", href) if href else "") + "".join(
            _attr(k, v) for k, v in tag.attrs.items() if k in ("title", "hreflang", "rel") and v)
        return f"<a{attrs}>"
    return f"<{HTML_NAMES[tag.name]}>"


def _html_alone(tag: Tag, urls=None) -> str:
    if tag.name == "img":
        src = safe_url(tag.attrs.get("src", ""))
        if urls is not None and src:
            src = urls(src)
        attrs = _attr("src", src) + _attr("alt", tag.attrs.get("alt", "")) + "".join(
            _attr(k, v) for k, v in tag.attrs.items() if k in ("title", "width", "height") and v)
        return f"<img{attrs}>"
    return tag.attrs.get("html", "")
