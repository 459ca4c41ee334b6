"""Walking an HTML page into blocks: paragraphs, headings, list items, quotes, captions, images, tables
and embedded media, with the inline markup of their text (links, emphasis, line breaks, images) kept as
tms's inline tags. Hidden text, scripts and forms are skipped; with ``skips_chrome`` so are the page's
navigation, share bars and language switchers.
"""
from __future__ import annotations

import html
import re

from tms import inline
from tms.model import Cell
from tms.segmentation.structure import RawBlock, line_block, split_marker

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
#: Elements HTML writes without an end tag, which lxml's parser does not know as such: what follows one
#: in its parent is parsed as its children.
_VOID_EMBEDS = frozenset(("embed", "source", "track"))
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
#: Class, id and role words of navigation, share bars and other page furniture around an article.
CHROME_ATTR = re.compile(
    r"(?:^|[\s_-])(?:menu|gnb|lnb|snb|nav|navbar|navi|navigation|share|sharing|sns|social|lang|langs"
    r"|language|languages|breadcrumbs?|location|skip|skipnav|accessibility|search|util|utils|utility"
    r"|sitemap|pagination|paging|cookie|toolbar|tools|quick|quickmenu|topbtn|btn-top|related|banner|ad|ads)(?:$|[\s_-])",
    re.IGNORECASE,
)
CHROME_ROLES = frozenset(("navigation", "banner", "search", "contentinfo", "complementary", "menu"))
_LAZY_SOURCES = ("data-src", "data-original", "data-lazy-src", "data-url", "data-srcset")


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
        self.meta_rows = 0                      # inside a line of metadata ("article-meta"): its parts are lines

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
        is_caption = tag == "figcaption" or (self.pending is not None and self.pending.kind == "caption")
        if not tag or tag in _SKIP_TAGS or _is_hidden(el, is_caption):
            return
        if self.skips_chrome and (tag == "nav" or el.get("role") in CHROME_ROLES or (
                (el.get("class") or el.get("id")) and CHROME_ATTR.search(f"{el.get('id', '')} {el.get('class', '')}"))):
            return      # menus and share bars are never the article: not walked (a mega-menu is most of a page)
        if tag == "br":
            self._line_break(el)
        elif tag == "img":
            self._image(el)
        elif tag in _EMBED_TAGS:
            self._embed(el)
        elif tag in ("em", "span", "i", "small") and self._is_loose_caption(el):
            self.flush()        # a caption written as an inline element under its photo: <em class="img_desc">
            self.pending = RawBlock("caption", "")
            self._children(el)
            self.flush()
            self.pending = None
        elif tag in _INLINE:
            self._inline(el, _INLINE[tag])
        elif tag in ("span", "small", "div", "p", "cite") and _is_credit_element(el):
            self._credit(el)
        elif tag == "time" or tag in ("span", "small") and (self.meta_rows or _META_PART.search(el.get("class", ""))):
            # The parts of a line of metadata (author, date, reading time, views) are lines of their own,
            # however the page runs them together: the cleaner keeps each for what it is.
            self._soft_break()
            self._children(el)
            self._soft_break()
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
            is_meta_row = _META_ROW.search(el.get("class", "")) is not None
            self.meta_rows += is_meta_row
            self._children(el)
            self.meta_rows -= is_meta_row
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

    def _soft_break(self) -> None:
        parts = self.builder.parts if self.builder is not None else []
        last = next((p for p in reversed(parts) if p.strip()), "")
        if last and last != inline.BREAK:
            self.builder.line_break()
            self.has_soft_breaks = True

    def _is_loose_caption(self, el) -> bool:
        """An inline element with a caption's class right after a photo, outside any block."""
        return (_CAPTION_CLASS.search(el.get("class", "")) is not None and bool(self.blocks)
                and self.blocks[-1].kind == "image" and (self.builder is None or not "".join(self.builder.parts).strip()))

    def _credit(self, el) -> None:
        """A photo's credit the page marks as such (``class="credit"``): a block of its own."""
        pending = self.pending
        self.flush()
        self.pending = RawBlock("credit", "")
        self._children(el)
        self.flush()
        self.pending = pending

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
        if el.tag in _VOID_EMBEDS:
            self._children(el)      # the page's content after the <embed>, not inside it

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


#: Class words of the parts of a story's metadata line.
_META_PART = re.compile(r"(?:^|[\s_-])(?:date|time|datetime|published|updated|modified|author|byline|writer|reporter"
                        r"|views?|hits?|count|read-?time|reading|source|category|section)(?:$|[\s_-])", re.IGNORECASE)
_META_ROW = re.compile(r"(?:^|[\s_-])(?:meta|metadata|info|byline|dateline|datetime)(?:$|[\s_-])", re.IGNORECASE)
_CREDIT_CLASS = re.compile(r"^(?:[\w-]*__)?(?:(?:photo|image|img|media|pic)[-_]?)?(?:credit|credits|copyright"
                           r"|photographer|byline-photo)(?:--[\w-]+)?$|^(?:photo|image|img|pic|pho)[-_]?(?:author|by|source)$",
                           re.IGNORECASE)


def _is_credit_element(el) -> bool:
    """An element whose class names it a photo's credit ("credit", "article__credit", "credit--mobile"),
    short enough to be one."""
    classes = el.get("class")
    return bool(classes) and any(_CREDIT_CLASS.match(c) for c in classes.split()) and len(
        el.text_content()) <= 120


def _is_hidden(el, is_caption: bool = False) -> bool:
    """True for what a reader does not see. ``aria-hidden`` hides icons and repeated text from screen
    readers only; on a photo's caption or credit, which sites often mark so, the text is on screen."""
    if el.get("hidden") is not None or (el.get("aria-hidden") == "true" and not is_caption):
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
    # A player's <source> and <track> elements, however deep the parser has nested them in one another.
    inner = "" if tag in _VOID_EMBEDS else "".join(
        sanitized_embed(child) for child in el.iter("source", "track") if child is not el)
    has_source = has_source or bool(inner)
    if not has_source or tag in ("source", "track") and not attrs:
        return ""
    if tag in ("source", "track", "embed"):
        return f"<{tag}{''.join(attrs)}>"
    return f"<{tag}{''.join(attrs)}>{inner}</{tag}>"



def walk(root, *, skips_chrome: bool = False) -> list[RawBlock]:
    """The blocks of the page (or of one element of it), in document order."""
    walker = HtmlWalker()
    walker.skips_chrome = skips_chrome
    walker.walk(root)
    walker.flush()
    return walker.blocks
