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

import html
import json
import re
from typing import Any

from tms import inline
from tms.errors import InputError
from tms.model import Cell
from tms.segmentation.metadata import is_credit
from tms.segmentation.structure import RawBlock, line_block, split_marker

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SKIP_TAGS = frozenset(
    "script style noscript template svg math canvas map select input textarea button option datalist head "
    "link meta title".split()
)
_BLOCK_TAGS = frozenset(
    "p div section article main header footer nav aside ul ol li dl dt dd table thead tbody tfoot tr td th "
    "blockquote figure figcaption pre address hr center details summary caption form fieldset legend "
    "h1 h2 h3 h4 h5 h6".split()
)
_INLINE = {"a": "a", "strong": "b", "b": "b", "em": "i", "i": "i", "cite": "i", "dfn": "i", "u": "u", "ins": "u",
           "s": "s", "del": "s", "strike": "s", "sub": "sub", "sup": "sup", "code": "code", "kbd": "code",
           "samp": "code", "tt": "code"}
_EMBED_TAGS = frozenset(("iframe", "video", "audio", "embed", "object"))
_EMBED_ATTRS = {
    "iframe": ("src", "title", "width", "height", "allow", "allowfullscreen", "frameborder", "loading",
               "referrerpolicy"),
    "video": ("src", "poster", "width", "height", "controls", "preload", "title"),
    "audio": ("src", "controls", "preload", "title"),
    "source": ("src", "type", "media"),
    "track": ("src", "kind", "srclang", "label"),
    "embed": ("src", "type", "width", "height", "title"),
    "object": ("data", "type", "width", "height", "title"),
}
_HIDDEN_CLASSES = frozenset(
    "blind sr-only sr_only screen-reader-text screen_out visually-hidden visuallyhidden hidden hide offscreen "
    "skip skipnav a11y-hidden ir".split()
)
_CAPTION_CLASS = re.compile(r"(?:^|[\s_-])(?:caption|figcaption|photo-?txt|img-?txt|photo-?caption|cap|desc|descr"
                            r"|description)(?:$|[\s_-])", re.IGNORECASE)
_LAZY_SOURCES = ("data-src", "data-original", "data-lazy-src", "data-url", "data-srcset")
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
    blocks = _walk(body if body is not None else doc, skips_chrome=not is_whole)
    if not is_whole:
        headline = _headline(blocks, str(hints.get("title", "")))
        hints.update(_lines_by_headline(blocks, headline, "date" not in hints))
        if "date" not in hints:
            hints.update(_htmldate(doc))
        extracted = _extracted_text(doc)    # trafilatura changes the tree: the walk came first
        kept = _aligned(blocks, extracted) if extracted else set()
        if kept:
            blocks = _article_blocks(blocks, kept, headline)
        else:
            root = _content_root(parse_html(text, name))
            _prune(root)
            blocks = _walk(root)
    _mark_title(blocks, _headline(blocks, str(hints.get("title", ""))))
    return hints, blocks


def _walk(root, *, skips_chrome: bool = False) -> list[RawBlock]:
    walker = HtmlWalker()
    walker.skips_chrome = skips_chrome
    walker.walk(root)
    walker.flush()
    return walker.blocks


# -- the head -------------------------------------------------------------------------------------
_META_KEYS = {
    "og:title": "title", "twitter:title": "title", "title": "title",
    "og:site_name": "site_name", "application-name": "site_name",
    "article:published_time": "date", "date": "date", "pubdate": "date", "publishdate": "date",
    "dc.date": "date", "dc.date.issued": "date", "og:pubdate": "date", "parsely-pub-date": "date",
    "sailthru.date": "date", "datepublished": "date", "article.published": "date",
    "author": "byline", "article:author": "byline", "byline": "byline", "dc.creator": "byline",
    "article:section": "category", "category": "category", "og:url": "url",
}


def page_hints(doc) -> dict[str, Any]:
    """What the page's head says: title, site name, date, author, section, canonical address, language."""
    hints: dict[str, Any] = {}
    for meta in doc.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = " ".join((meta.get("content") or "").split())
        hint = _META_KEYS.get(key)
        if hint and value and not (hint == "byline" and value.startswith(("http://", "https://"))):
            hints.setdefault(hint, value)
    for link in doc.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            hints["url"] = link.get("href").strip()
    for key, value in _json_ld(doc).items():
        hints.setdefault(key, value)
    if "category" not in hints:
        section = _breadcrumb(doc, str(hints.get("title", "")))
        if section:
            hints["category"] = section
    title = doc.find(".//title")
    if "title" not in hints and title is not None and title.text_content().strip():
        hints["title"] = " ".join(title.text_content().split())
    if "date" not in hints:
        for time in doc.iter("time"):
            if time.get("datetime"):
                hints["date"] = time.get("datetime")
                break
    lang = (doc.get("lang") or doc.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    if lang:
        hints["lang"] = lang
    return hints


def _json_ld(doc) -> dict[str, str]:
    """Headline, date, author and section of a schema.org NewsArticle (or Article) in JSON-LD."""
    found: dict[str, str] = {}
    for script in doc.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in _ld_items(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                continue
            for key, hint in (("headline", "title"), ("datePublished", "date"), ("articleSection", "category")):
                value = item.get(key)
                if isinstance(value, list):
                    value = value[0] if value else ""
                if isinstance(value, str) and value.strip():
                    found.setdefault(hint, " ".join(value.split()))
            author = item.get("author")
            names = [a.get("name") if isinstance(a, dict) else a for a in (author if isinstance(author, list) else [author])]
            names = [n.strip() for n in names if isinstance(n, str) and n.strip()]
            if names:
                found.setdefault("byline", ", ".join(names))
    return found


_CRUMB_ATTRS = (re.compile(r"crumb", re.IGNORECASE),
                re.compile(r"(?:^|[\s_-])(?:location|path|navi|you-are-here)(?:$|[\s_-])", re.IGNORECASE))


def _breadcrumb(doc, title: str) -> str:
    """The last step of the page's breadcrumb trail (schema.org BreadcrumbList, else the trail's own
    markup), leaving out the home page and the story's own headline."""
    from tms.segmentation.metadata import HOME_WORDS
    from tms.segmentation.chrome import lookup_key

    steps = _ld_breadcrumb(doc)
    for pattern in _CRUMB_ATTRS if not steps else ():
        for element in doc.iter("nav", "ol", "ul", "div", "p"):
            if pattern.search(f"{element.get('class', '')} {element.get('id', '')}"):
                items = element.xpath(".//li")
                steps = ([" ".join(i.text_content().split()) for i in items] if items else
                         re.split(r"\s*[>›»≫|/]\s*", " ".join(element.text_content().split())))
                if len(steps) >= 2:
                    break
        if len(steps) >= 2:
            break
    key = _squeeze(title).casefold()
    steps = [s for s in steps if s and lookup_key(s) not in HOME_WORDS and len(s) <= 40
             and not (key and (_squeeze(s).casefold() in key or key in _squeeze(s).casefold()))]
    return steps[-1] if steps else ""


def _ld_breadcrumb(doc) -> list[str]:
    for script in doc.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in _ld_items(data):
            if item.get("@type") == "BreadcrumbList" and isinstance(item.get("itemListElement"), list):
                entries = sorted((e for e in item["itemListElement"] if isinstance(e, dict)),
                                 key=lambda e: e.get("position", 0) if isinstance(e.get("position"), int) else 0)
                return [" ".join(str(e.get("name") or (e.get("item") or {}).get("name", "")
                                     if isinstance(e.get("item"), dict) else e.get("name") or "").split())
                        for e in entries]
    return []


def _ld_items(data) -> list[dict]:
    if isinstance(data, list):
        return [item for entry in data for item in _ld_items(entry)]
    if isinstance(data, dict):
        return [data] + [item for entry in data.get("@graph", []) for item in _ld_items(entry)]
    return []


def _lines_by_headline(blocks: list[RawBlock], headline: int | None, wants_date: bool) -> dict[str, str]:
    """The byline and, if asked, the date printed in the lines around the headline (the page shows them
    even where its head does not say them, or says the author otherwise)."""
    from tms.segmentation.metadata import byline_name, email_in, is_byline, parse_date

    found: dict[str, str] = {}
    if headline is None:
        return found
    for index in sorted(range(max(0, headline - 6), min(len(blocks), headline + 12)), key=lambda i: abs(i - headline)):
        text = inline.plain(blocks[index].text).strip()
        if len(text) > 80:
            continue
        date = parse_date(text, "") if wants_date and "date" not in found else ""
        if date:
            found["date"] = date
        elif "byline" not in found and is_byline(text):
            found["byline"] = byline_name(text)
            if email_in(text):
                found["email"] = email_in(text)
    return found


def _htmldate(doc) -> dict[str, str]:
    """The publication date htmldate finds in the page's markup and text, when the head names none."""
    from htmldate import find_date

    try:
        date = find_date(doc, extensive_search=False, original_date=True)
    except Exception:   # htmldate is a heuristic over untrusted markup; no date is better than no import
        return {}
    return {"date": date} if date else {}


# -- walking the page ----------------------------------------------------------------------------
class HtmlWalker:
    """Walks an HTML tree, gathering inline text and markup into blocks at block tags."""

    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.builder: inline.Builder | None = None
        self.pending: RawBlock | None = None    # the kind, marker and level the next text gets
        self.inline_stack: list[list] = []      # [name, attrs, number in the current builder]
        self.quote = 0
        self.list_depth = 0
        self.tables = 0
        self.cell: Cell | None = None
        self.has_soft_breaks = False            # <br data-soft>: a line break of the source text, not of the page
        self.skips_chrome = False               # a web page's menus are left unwalked; a document has none

    # gathering text
    def _builder(self) -> inline.Builder:
        if self.builder is None:
            self.builder = inline.Builder()
            for entry in self.inline_stack:
                entry[2] = self.builder.open(entry[0], entry[1])
        return self.builder

    def flush(self) -> None:
        """End the block being gathered."""
        if self.builder is None:
            return
        builder, self.builder = self.builder, None
        text, tags = builder.finish()
        if not text:
            return
        if not inline.plain(text).strip() and self.cell is None:
            self._images_only(text, tags)
            return
        pending, self.pending = self.pending, None
        if pending is not None:
            block = RawBlock(pending.kind, text, pending.level, pending.marker)
        else:
            block = line_block(text)    # a list marker typed as text ("1. ", "o ") is structure
        block.tags, block.quote, block.cell = tags, self.quote, self.cell
        block.has_soft_breaks = self.has_soft_breaks
        self.has_soft_breaks = False
        if inline.BREAK in block.text and block.kind in ("paragraph", "caption"):
            block.lines = tuple(inline.split_at_breaks(block.text, tags))
        self.blocks.append(block)

    def _images_only(self, text: str, tags: inline.Tags) -> None:
        for token in inline.tokens(text):
            tag = tags.get(token.number) if token.kind == "alone" else None
            if tag is not None and tag.name == "img":
                attrs = {k: v for k, v in tag.attrs.items() if k in ("src", "title")}
                self.blocks.append(RawBlock("image", tag.attrs.get("alt", ""), attrs=attrs, quote=self.quote))
            elif tag is not None and tag.name == "x":
                self.blocks.append(RawBlock("embed", "", attrs={"html": tag.attrs.get("html", "")}, quote=self.quote))

    # walking
    def walk(self, el) -> None:
        """Gather the blocks of ``el`` and everything inside it."""
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP_TAGS or _is_hidden(el):
            return
        if self.skips_chrome and (tag == "nav" or el.get("role") in _CHROME_ROLES or (
                (el.get("class") or el.get("id")) and _CHROME_ATTR.search(f"{el.get('id', '')} {el.get('class', '')}"))):
            return      # menus and share bars are never the article: not walked (a mega-menu is most of a page)
        if tag == "br":
            self._line_break(el)
        elif tag == "img":
            self._image(el)
        elif tag in _EMBED_TAGS:
            self._embed(el)
        elif tag in _INLINE:
            self._inline(el, _INLINE[tag])
        elif tag in ("span", "small", "div") and self.pending is not None and self.pending.kind == "caption":
            # A caption's parts (its text, the photographer's credit) are lines the cleaner may part.
            if self.builder is not None and "".join(self.builder.parts).strip():
                self._builder().line_break()
                self.has_soft_breaks = True
            self._children(el)
        elif tag in ("ul", "ol"):
            self._list(el)
        elif tag == "table":
            self._table(el)
        elif tag == "blockquote":
            self.flush()
            self.quote += 1
            self._children(el)
            self.flush()
            self.quote -= 1
        elif tag in _BLOCK_TAGS:
            self.flush()
            self.pending = self._block_for(el) or self.pending
            self._children(el)
            self.flush()
            self.pending = None
        else:
            self._children(el)

    def _line_break(self, el) -> None:
        """A line break: a space in a heading; a block's end after another break or before a line that
        starts with a list marker ("1. ", "o "); else a line break inside the block."""
        if self.pending is not None and self.pending.kind in ("title", "heading"):
            self._builder().text(" ")
            return
        is_soft = el.get("data-soft") is not None
        parts = self.builder.parts if self.builder is not None else []
        while parts and not parts[-1].strip():
            parts.pop()
        if (parts and parts[-1] == inline.BREAK and not is_soft) or (
                not is_soft and split_marker((el.tail or "").strip())[0]):
            if parts and parts[-1] == inline.BREAK:
                parts.pop()
            self.flush()
            return
        self._builder().line_break()
        self.has_soft_breaks = self.has_soft_breaks or is_soft

    def _children(self, el) -> None:
        if el.text:
            self._text(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self._text(child.tail)

    def _text(self, text: str) -> None:
        if self.builder is not None or text.strip():
            self._builder().text(text)

    def _inline(self, el, name: str) -> None:
        attrs: dict[str, str] = {}
        if name == "a":
            href = inline.safe_url(el.get("href") or "")
            if not href or href.startswith("#"):
                self._children(el)      # an anchor within the page is no link worth keeping
                return
            attrs = {"href": href}
            if el.get("title"):
                attrs["title"] = el.get("title")
        entry = [name, attrs, self._builder().open(name, attrs)]
        self.inline_stack.append(entry)
        self._children(el)
        self.inline_stack.remove(entry)
        if self.builder is not None:
            self.builder.close(entry[2])

    def _block_for(self, el) -> RawBlock | None:
        tag = el.tag
        if tag == "h1":
            return RawBlock("title", "")
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            return RawBlock("heading", "", level=int(tag[1]) - 2)
        if tag in ("figcaption", "caption") or _CAPTION_CLASS.search(el.get("class", "")):
            return RawBlock("caption", "")
        return None

    def _list(self, el) -> None:
        self.flush()
        self.list_depth += 1
        start = el.get("start") or "1"
        number = int(start) if start.isdigit() else 1
        for child in el:
            if child.tag == "li":
                if (child.get("value") or "").isdigit():
                    number = int(child.get("value"))
                marker = child.get("data-marker") or (f"{number}." if el.tag == "ol" else "•")
                self.flush()
                self.pending = RawBlock("list-item", "", level=self.list_depth - 1, marker=marker)
                self._children(child)
                self.flush()
                self.pending = None
                number += 1
            else:
                self.walk(child)
        self.list_depth -= 1

    def _image(self, el) -> None:
        src = el.get("src") or ""
        if not src or src.startswith("data:") or "blank" in src.rsplit("/", 1)[-1]:
            src = next((el.get(a).split()[0] for a in _LAZY_SOURCES if (el.get(a) or "").strip()), src)
        src = inline.safe_url(src)
        if not src or src.startswith("data:") or _is_pixel(el):
            return
        attrs = {"src": src, "alt": " ".join((el.get("alt") or "").split())}
        if el.get("title"):
            attrs["title"] = el.get("title")
        self._builder().alone("img", attrs)

    def _embed(self, el) -> None:
        markup = sanitized_embed(el)
        if markup:
            self.flush()
            self.blocks.append(RawBlock("embed", "", attrs={"html": markup}, quote=self.quote))

    def _table(self, el) -> None:
        self.flush()
        if not _is_data_table(el):
            self._children(el)      # a layout table: its cells are ordinary blocks
            self.flush()
            return
        self.tables += 1
        for caption in el.iter("caption"):
            self.pending = RawBlock("caption", "")
            self._children(caption)
            self.flush()
            self.pending = None
        for row_number, row in enumerate(r for r in el.iter("tr") if _table_of(r) is el):
            for col, cell in enumerate(c for c in row if c.tag in ("td", "th")):
                self.cell = Cell(self.tables, row_number, col, cell.tag == "th",
                                 _span(cell.get("colspan")), _span(cell.get("rowspan")))
                self.pending = RawBlock("table-cell", "")
                self._children(cell)
                if self.builder is None:
                    self.builder = inline.Builder()
                self._flush_cell()
                self.cell = None
        self.pending = None

    def _flush_cell(self) -> None:
        builder, self.builder = self.builder, None
        text, tags = builder.finish()
        self.blocks.append(RawBlock("table-cell", text, tags=tags, quote=self.quote, cell=self.cell))
        self.pending = None


def _table_of(row):
    parent = row.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _span(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() and 0 < int(value) < 1000 else 1


def _is_data_table(table) -> bool:
    """A table of data, not of layout: no nested tables, and no cell holding several blocks of text."""
    for cell in table.iter("td", "th"):
        blocks = [el for el in cell.iter("p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6")]
        if any(el.tag == "table" for el in blocks) or len(blocks) > 3:
            return False
    return True


def _is_hidden(el) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    classes = el.get("class")
    return bool(classes) and not _HIDDEN_CLASSES.isdisjoint(classes.lower().split())


def _is_pixel(el) -> bool:
    sizes = [el.get("width") or "", el.get("height") or ""]
    return any(s.strip().isdigit() and int(s) <= 2 for s in sizes)


def sanitized_embed(el) -> str:
    """An embedded player (iframe, video, audio, embed, object) rewritten with only harmless attributes and
    web addresses; "" if it has no source worth keeping."""
    tag = el.tag
    allowed = _EMBED_ATTRS.get(tag, ())
    attrs = []
    has_source = False
    for key in allowed:
        value = el.get(key)
        if value is None:
            continue
        if key in ("src", "data", "poster"):
            value = value.strip()
            if not re.match(r"^(?:https?:)?//", value):
                continue
            has_source = has_source or key != "poster"
        attrs.append(f' {key}="{html.escape(value, quote=True)}"' if value != "" else f" {key}")
    inner = "".join(sanitized_embed(child) for child in el if child.tag in ("source", "track"))
    has_source = has_source or bool(inner)
    if not has_source or tag in ("source", "track") and not attrs:
        return ""
    if tag in ("source", "track", "embed"):
        return f"<{tag}{''.join(attrs)}>"
    return f"<{tag}{''.join(attrs)}>{inner}</{tag}>"


# -- choosing the article ------------------------------------------------------------------------
def _squeeze(text: str) -> str:
    return "".join(text.split())


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
                or (is_among and block.kind in ("image", "embed", "caption", "heading"))
                or (is_among and block.quote)           # a quotation's parts go together (its source line too)
                or (first < index < body and len(inline.plain(block.text)) >= 30)    # the standfirst
                or (last < index <= last + 2 and block.kind == "caption")):
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
        key = "\n".join(filter(None, map(_squeeze, inline.plain(block.text, "\n").split("\n"))))
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
    return "\n".join(squeezed for squeezed in map(_squeeze, lines) if squeezed)


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
        key = _squeeze(max(_TITLE_PARTS.split(hint), key=len)).casefold()
        score, negative = max((_likeness(_squeeze(inline.plain(blocks[i].text)).casefold(), key), -i)
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
_CHROME_ATTR = re.compile(
    r"(?:^|[\s_-])(?:menu|gnb|lnb|snb|nav|navbar|navi|navigation|share|sharing|sns|social|lang|langs"
    r"|language|languages|breadcrumbs?|location|skip|skipnav|accessibility|search|util|utils|utility"
    r"|sitemap|pagination|paging|cookie|toolbar|quick|quickmenu|topbtn|btn-top|related|banner|ad|ads)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CHROME_ROLES = frozenset(("navigation", "banner", "search", "contentinfo", "complementary", "menu"))
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
        if (tag in _CHROME_TAGS or (tag in ("header", "footer") and is_page) or el.get("role") in _CHROME_ROLES
                or _CHROME_ATTR.search(f"{el.get('id', '')} {el.get('class', '')}")):
            doomed.append(el)   # and nothing inside it needs looking at
        else:
            stack.extend(el)
    for el in doomed:
        el.drop_tree()          # keeps the tail text, which belongs to the parent
