"""Reading an HTML page: what its head says (title, date, author, address, language), and the blocks of
the article in it, with their inline markup (links, emphasis, images, tables, quotes, embedded media).

Which part of a page is the article is decided by trafilatura, a library made for that job, in the
measurements of ``benchmarks/import_fidelity.py`` the most accurate of those tried. tms walks the page
itself to keep what trafilatura's output drops (markup, captions, image sources, table structure), and
keeps the blocks whose text trafilatura kept, in the same order; captions, images, embedded media and whole
tables standing among them come along. ``tms.segmentation.cleaning`` then applies the news rules
(headline, date, byline, credits, end-of-story marks). A document that is all article (Markdown, Word,
HWPX) is read whole.
"""
from __future__ import annotations

import re
from typing import Any

from tms import inline
from tms.errors import InputError
from tms.segmentation.html_head import htmldate_hint, lines_by_headline, page_hints, squeeze
from tms.segmentation.html_walk import CHROME_ATTR, CHROME_ROLES, walk
from tms.segmentation.metadata import is_credit
from tms.segmentation.structure import RawBlock

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: How far (in characters of the extracted text) a block may stand past the last one matched and still
#: count as the next of the extracted article.
_SLACK = 400


def parse_html(text: str, name: str):
    """The page as an lxml document; ``InputError`` if it cannot be read as HTML."""
    import lxml.html  # 40 ms of import time that text and Markdown imports need not pay

    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", text))
    except Exception as exc:   # lxml raises several types for hopeless input (ParserError, ValueError)
        raise InputError(f"cannot read {name} as HTML: {exc}; import it as text instead") from exc


def read_html(text: str, name: str = "<text>", *, is_whole: bool = False) -> tuple[dict[str, Any], list[RawBlock]]:
    """The metadata hints and the article's blocks of an HTML page (``is_whole``: every block of it)."""
    doc = parse_html(text, name)
    hints = page_hints(doc)
    body = doc.find("body")
    blocks = walk(body if body is not None else doc, skips_chrome=not is_whole)
    if not is_whole:
        headline = _headline(blocks, str(hints.get("title", "")))
        hints.update(lines_by_headline(blocks, headline, "date" not in hints))
        if "date" not in hints:
            hints.update(htmldate_hint(doc))
        extracted = _extracted_text(doc)    # trafilatura changes the tree: the walk came first
        kept = _aligned(blocks, extracted) if extracted else set()
        if kept:
            blocks = _article_blocks(blocks, kept, headline)
        else:
            root = _content_root(parse_html(text, name))
            _prune(root)
            blocks = walk(root)
    _mark_title(blocks, _headline(blocks, str(hints.get("title", ""))))
    return hints, blocks


# -- choosing the article ------------------------------------------------------------------------
def _article_blocks(blocks: list[RawBlock], kept: set[int], headline: int | None) -> list[RawBlock]:
    """The blocks trafilatura takes for the article, with the headline, and the captions, images, media and
    tables among them or between the headline and them."""
    if headline is not None:
        kept = kept | {headline}
    kept = kept | {i for i, b in enumerate(blocks) if b.kind == "paragraph" and is_credit(inline.plain(b.text))
                   and any(0 <= j < len(blocks) and blocks[j].kind in ("image", "caption") for j in (i - 1, i + 1))}
    first, last = min(kept), max(kept)
    tables = {b.cell.table for i, b in enumerate(blocks) if i in kept and b.cell is not None}
    while last + 1 < len(blocks) and blocks[last + 1].kind in ("image", "embed"):
        last += 1       # a photo or a video right under the last paragraph closes the story
    kept = kept | {i for i in range(last + 1, min(len(blocks), last + 6))
                   if blocks[i].kind == "paragraph" and _is_signature(inline.plain(blocks[i].text))}
    body = min(kept - {headline}) if headline is not None and kept - {headline} else first
    chosen = []
    for index, block in enumerate(blocks):
        is_among = first <= index <= last
        if (index in kept
                or (block.cell is not None and block.cell.table in tables)
                or (is_among and block.kind in ("image", "embed", "caption", "credit", "heading"))
                or (is_among and block.quote)           # a quotation's parts go together (its source line too)
                or (first < index < body and len(inline.plain(block.text)) >= 30)    # the standfirst
                or (last < index <= last + 2 and block.kind in ("caption", "credit"))):
            chosen.append(block)
    return chosen


def _is_signature(text: str) -> bool:
    """A byline, e-mail or credit line under a story, which extraction often leaves out."""
    from tms.segmentation.metadata import EMAIL_LINE, email_in, is_byline

    return len(text) <= 80 and bool(is_byline(text) or EMAIL_LINE.match(text) or email_in(text) or is_credit(text))


def _aligned(blocks: list[RawBlock], extracted: str) -> set[int]:
    """The indexes of the blocks found, in order, in trafilatura's text (its lines joined by newlines).

    A long block may stand anywhere near where the last one ended; a short one (a heading, a list item, a
    byline) must be a whole line of the extracted text, or a line's end after a list marker, so that a menu
    entry is not taken for the part of a sentence or a breadcrumb trail that repeats it.
    """
    kept: set[int] = set()
    cursor = 0
    for index, block in enumerate(blocks):
        key = "\n".join(filter(None, map(squeeze, inline.plain(block.text, "\n").split("\n"))))
        if not key or block.kind in ("image", "embed"):
            continue
        position = extracted.find(key, cursor)
        while position >= 0 and position - cursor <= _SLACK and len(key) < _LONG and not _is_line(extracted, position, key):
            position = extracted.find(key, position + 1)
        if position < 0:
            continue
        if position - cursor <= _SLACK or (not kept and len(key) >= _LONG):
            kept.add(index)
            cursor = position + len(key)
    return kept


_LONG = 40


def _is_line(extracted: str, position: int, key: str) -> bool:
    end = position + len(key)
    if end < len(extracted) and extracted[end] != "\n":
        return False
    line_start = extracted.rfind("\n", 0, position) + 1
    return position - line_start <= 3


_LINE_TAGS = frozenset("p head item cell row list quote lb table code graphic".split())


def _extracted_text(doc) -> str:
    """The article's text as trafilatura extracts it, a line per block, without other whitespace; "" if
    it finds none."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(doc, fast=True, include_comments=False, include_tables=True,
                                               include_images=False, include_formatting=False,
                                               include_links=False, with_metadata=False, deduplicate=False)
    except Exception:   # a heuristic over untrusted markup: without its answer the page is read another way
        return ""
    if document is None or document.body is None:
        return ""
    parts: list[str] = []
    for element in document.body.iter():
        if element.tag in _LINE_TAGS:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        if element is not document.body and element.tail:
            if element.tag in _LINE_TAGS:
                parts.append("\n")
            parts.append(element.tail)
    lines = ("".join(parts)).split("\n")
    return "\n".join(squeezed for squeezed in map(squeeze, lines) if squeezed)


_TITLE_PARTS = re.compile(r"\s+[|｜\-–—:·«»]{1,2}\s+|\s*[|｜]\s*|\s*::\s*")


def _likeness(heading: str, title: str) -> float:
    """How alike a heading and the page's title are (0-100); a heading of some length may be the title
    without the site's name around it."""
    from rapidfuzz import fuzz

    if len(heading) >= 8 and heading in title and len(heading) >= 0.6 * len(title):
        return 100.0
    return fuzz.ratio(heading, title)


def _headline(blocks: list[RawBlock], hint: str) -> int | None:
    """The index of the headline among the page's headings: the one most like the page's title, else the
    first <h1>; None if there is no heading."""
    candidates = [i for i, b in enumerate(blocks) if b.kind in ("title", "heading") and b.text]
    if hint and candidates:
        # The page's title names the site too ("Headline - Ministry of Trade"): its longest part is the
        # headline, and a heading that is the site's name is no match for it.
        key = squeeze(max(_TITLE_PARTS.split(hint), key=len)).casefold()
        score, negative = max((_likeness(squeeze(inline.plain(blocks[i].text)).casefold(), key), -i)
                              for i in candidates)
        if score >= 80:
            return -negative
    return next((i for i in candidates if blocks[i].kind == "title"), None)


def _mark_title(blocks: list[RawBlock], headline: int | None) -> None:
    """The headline becomes the title; other <h1> headings are headings."""
    for index, block in enumerate(blocks):
        if index == headline:
            block.kind, block.level = "title", 0
        elif block.kind == "title":
            block.kind, block.level = "heading", 0


# -- when trafilatura finds no article: the largest content box, without its chrome ----------------
_CHROME_TAGS = frozenset(("nav", "aside", "form", "button", "menu", "dialog"))
_CONTENT_ATTR = re.compile(r"(?:^|[\s_-])(?:article|content|contents|view|post|entry|story)(?:$|[\s_-])",
                           re.IGNORECASE)


def _content_root(doc):
    """The element holding the article: the largest <article>, else <main>, else a content box."""
    articles = list(doc.iter("article"))
    if articles:
        return max(articles, key=lambda el: len(el.text_content()))
    for el in doc.iter("main", "div", "section"):
        if el.tag == "main" or el.get("role") == "main":
            return el
    for el in doc.iter("div", "section"):
        if _CONTENT_ATTR.search(f"{el.get('id', '')} {el.get('class', '')}") and len(el.text_content()) > 200:
            return el
    body = doc.find("body")
    return body if body is not None else doc


def _prune(root) -> None:
    """Drop the chrome inside the content root. Inside an <article>, <main> or content box, <header>
    holds the headline and <footer> the byline; only when the root is the whole <body> are they the page's."""
    is_page = root.tag in ("body", "html")
    doomed, stack = [], list(root)
    while stack:
        el = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if (tag in _CHROME_TAGS or (tag in ("header", "footer") and is_page) or el.get("role") in CHROME_ROLES
                or CHROME_ATTR.search(f"{el.get('id', '')} {el.get('class', '')}")):
            doomed.append(el)   # and nothing inside it needs looking at
        else:
            stack.extend(el)
    for el in doomed:
        el.drop_tree()          # keeps the tail text, which belongs to the parent
