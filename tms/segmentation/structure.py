"""Reading the shape of an article: scraped text, HTML or Markdown in, raw blocks out.

Each reader says only what the input's form tells: this is a heading, a list item with marker "o",
a paragraph, an image. Deciding what is site chrome and what is metadata is ``cleaning``'s job.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from tms.errors import InputError

FORMATS = ("text", "html", "markdown")

_EXTENSIONS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
               ".md": "markdown", ".markdown": "markdown"}


@dataclass
class RawBlock:
    """A block as the input's form shows it, before chrome and metadata are taken out."""

    kind: str                       # a Role's value (title, paragraph, list-item, caption...) or image
    text: str
    level: int | None = None        # None: a textual list whose nesting is read from its markers
    marker: str = ""
    indent: int = 0                 # leading spaces of a text line, to tell nested textual lists
    lines: tuple[str, ...] = ()     # the soft-broken lines of a Markdown paragraph


def guess_format(name: str, text: str) -> str:
    """The format of an article ("text", "html" or "markdown"), by file extension, else by content."""
    dot = name.rfind(".")
    if dot >= 0 and name[dot:].lower() in _EXTENSIONS:
        return _EXTENSIONS[name[dot:].lower()]
    head = text[:8192]
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 3:
        return "html"
    if _MARKDOWN_SIGN.search(head):
        return "markdown"
    return "text"


_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html|head|body|article|main|div|p|meta)\b",
                         re.IGNORECASE)
_HTML_TAG = re.compile(r"</(?:p|div|h[1-6]|li|span|a|article|section|td)>|<br\s*/?>", re.IGNORECASE)
_MARKDOWN_SIGN = re.compile(
    r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*$"       # YAML front matter
    r"|^#{1,6}[ \t]+\S"                              # ATX heading
    r"|!?\[[^\]\n]*\]\([^)\s]+[^)\n]*\)"            # link or image
    r"|^\S[^\n]*\n(?:=+|-{3,})[ \t]*$",              # setext heading
    re.MULTILINE | re.DOTALL,
)

# ---------------------------------------------------------------------------------------- markers

# A list marker as people type it: 1.  1)  (1)  a)  가.  ①  •  -  o  ㅇ  □  ※ ...; "o" only before a word
# that does not start in lower case, so that Spanish "o" (or) at a line start is left alone.
_MARKER = re.compile(
    r"(?P<marker>\(\d{1,2}\)|\d{1,2}[.)](?!\d)|\(?[a-z][)]|[가나다라마바사아자차카타파하][.)]"
    r"|\([가나다라마바사아자차카타파하]\)|[\u2460-\u2473\u3260-\u327b]|[•◦▪▫■□◆◇○●◎▶▷►※ㅇ\-*·∙‣⁃]"
    r"|o(?=\s+[^\sa-z]))\s+(?=\S)"
)


def split_marker(text: str) -> tuple[str, str]:
    """The list marker a line starts with ("1.", "o", "•", or "") and the text after it."""
    match = _MARKER.match(text)
    if not match:
        return "", text
    return match.group("marker"), text[match.end():]


@functools.lru_cache(maxsize=256)
def marker_style(marker: str) -> str:
    """The kind of a marker, the same for "1." and "12.", for "a)" and "b)", for "가." and "나."."""
    style = re.sub(r"\d+", "1", marker)
    style = re.sub(r"[a-z]", "a", style)
    style = re.sub(r"[가나다라마바사아자차카타파하]", "가", style)
    return re.sub(r"[\u2460-\u2473]", "①", style)


def assign_levels(blocks: list[RawBlock]) -> None:
    """Give textual list items a nesting level from the order their marker styles appear in.

    The first style seen is level 0, a new style under it level 1; returning to a style seen
    before closes the levels opened since ("1." → "o" → "o" → "2." gives 0, 1, 1, 0).
    """
    stack: list[tuple[str, int]] = []
    for block in blocks:
        if block.kind in ("title", "heading"):
            stack.clear()
        if block.kind != "list-item" or block.level is not None:
            continue
        key = (marker_style(block.marker), block.indent)
        if key in stack:
            del stack[stack.index(key) + 1:]
        else:
            while stack and stack[-1][1] > block.indent:
                stack.pop()
            stack.append(key)
        block.level = len(stack) - 1


def _line_block(text: str, indent: int = 0) -> RawBlock:
    marker, rest = split_marker(text)
    if marker:
        return RawBlock("list-item", rest, marker=marker, indent=indent)
    return RawBlock("paragraph", text, indent=indent)


# ------------------------------------------------------------------------------------------- text

_ENDS_SENTENCE = re.compile(r"[.!?:;。！？」』”\"')\]]$")


def read_text(text: str) -> list[RawBlock]:
    """The blocks of scraped text: one a line, except lines that continue a hard-wrapped one."""
    blocks: list[RawBlock] = []
    previous = ""       # the last non-blank line, "" after a blank one
    for line in text.split("\n"):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if stripped and previous and _continues(blocks[-1], previous, stripped, indent):
            blocks[-1].text += " " + stripped
        elif stripped:
            blocks.append(_line_block(stripped, indent))
        previous = stripped
    return blocks


def _continues(block: RawBlock, previous: str, line: str, indent: int) -> bool:
    """True for the next line of a hard-wrapped paragraph or list item (scraped text is not wrapped):
    an indented line under a list item, or a line starting in lower case after a long line that
    does not end a sentence ("Photos: Ministry ...", then "jiae5853@korea.kr", is two lines)."""
    if block.kind == "list-item" and indent > block.indent + len(block.marker):
        return not split_marker(line)[0]
    return (block.kind in ("paragraph", "list-item") and len(previous) >= 60 and line[0].islower()
            and " " in line and not _ENDS_SENTENCE.search(previous) and not split_marker(line)[0])


# ------------------------------------------------------------------------------------------- HTML

_BLOCK_TAGS = frozenset(
    "p div section article main header footer h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead tbody "
    "tfoot tr td th blockquote figure figcaption pre address hr center details summary caption".split()
)
_DROP_TAGS = frozenset(
    "script style noscript template nav aside form button iframe svg select input textarea label "
    "object embed canvas map dialog menu head".split()
)
_CHROME_ATTR = re.compile(
    r"(?:^|[\s_-])(?:menu|gnb|lnb|snb|nav|navbar|navi|navigation|share|sharing|sns|social|lang|langs"
    r"|language|languages|breadcrumbs?|location|skip|skipnav|accessibility|search|util|utils|utility"
    r"|sitemap|pagination|paging|cookie|blind|sr-only|screen-reader-text|visually-hidden|toolbar"
    r"|quick|quickmenu|topbtn|btn-top)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CHROME_ROLES = frozenset(("navigation", "banner", "search", "contentinfo", "complementary", "menu"))
_CAPTION_ATTR = re.compile(r"(?:^|[\s_-])(?:caption|figcaption|photo-?txt|img-?txt|photo-?caption|cap)(?:$|[\s_-])",
                           re.IGNORECASE)
_CONTENT_ATTR = re.compile(r"(?:^|[\s_-])(?:article|content|contents|view|post|entry|story)(?:$|[\s_-])",
                           re.IGNORECASE)
IMAGE_FILE_NAME = re.compile(r"^[\w\-. ()%,]+\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg)$", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def read_html(text: str, name: str = "<text>") -> tuple[dict[str, Any], list[RawBlock]]:
    """The metadata hints (title, date, ...) and the blocks of the main content of an HTML page."""
    import lxml.html  # 40 ms of import time that text and Markdown imports need not pay

    try:
        doc = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text))
    except Exception as exc:   # lxml raises several types for hopeless input (ParserError, ValueError)
        raise InputError(f"cannot read {name} as HTML: {exc}; import it as text instead") from exc
    hints = _html_hints(doc)
    root = _content_root(doc)      # nothing outside it is read, so page-level chrome is gone with it
    _prune(root)
    walker = _HtmlWalker()
    walker.walk(root)
    walker.flush()
    return hints, walker.blocks


def _html_hints(doc) -> dict[str, Any]:
    hints: dict[str, Any] = {}
    for meta in doc.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        value = (meta.get("content") or "").strip()
        if not value:
            continue
        if key in ("og:title", "title", "twitter:title"):
            hints.setdefault("title", value)
        elif key in ("article:published_time", "date", "pubdate", "publishdate", "dc.date", "og:pubdate"):
            hints.setdefault("date", value)
        elif key in ("author", "article:author", "byline"):
            hints.setdefault("byline", value)
        elif key in ("article:section", "category"):
            hints.setdefault("category", value)
    title = doc.find(".//title")
    if "title" not in hints and title is not None and title.text_content().strip():
        hints["title"] = title.text_content().strip()
    for time in doc.iter("time"):
        if time.get("datetime"):
            hints.setdefault("date", time.get("datetime"))
            break
    return hints


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
    # Inside an <article>, <main> or content box, <header> holds the headline and <footer> the
    # byline; only when the article is the whole <body> are they the page's own.
    is_page = root.tag in ("body", "html")
    doomed, stack = [], list(root)
    while stack:
        el = stack.pop()
        if _is_chrome_element(el, is_page):
            doomed.append(el)   # and nothing inside it needs looking at
        else:
            stack.extend(el)
    for el in doomed:
        el.drop_tree()          # keeps the tail text, which belongs to the parent


def _is_chrome_element(el, is_page: bool) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if not tag or tag in _DROP_TAGS:
        return True     # comments and processing instructions have a non-string tag
    if tag in ("header", "footer"):
        return is_page
    if el.get("hidden") is not None or el.get("aria-hidden") == "true" or el.get("role") in _CHROME_ROLES:
        return True
    if "display:none" in (el.get("style") or "").replace(" ", ""):
        return True
    return bool(_CHROME_ATTR.search(f"{el.get('id', '')} {el.get('class', '')}"))


class _HtmlWalker:
    """Walks the content tree, gathering inline text into blocks at block tags and <br>."""

    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.parts: list[str] = []
        self.pending: RawBlock | None = None    # the kind, marker and level the next text gets
        self.list_depth = 0
        self.has_title = False

    def flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        self.parts = []
        if not text:
            return
        if self.pending is not None:
            self.pending.text = text
            self.blocks.append(self.pending)
            self.pending = None
        else:
            self.blocks.append(_line_block(text))

    def walk(self, el) -> None:
        tag = el.tag
        if tag == "br":
            if self.pending is not None and self.pending.kind in ("title", "heading"):
                self.parts.append(" ")
            else:
                self.flush()
        elif tag == "img":
            self._image(el)
        elif tag in ("ul", "ol"):
            self._list(el)
        elif tag in _BLOCK_TAGS:
            self.flush()
            self.pending = self._block_for(el)
            self._children(el)
            self.flush()
            self.pending = None
        else:
            self._children(el)

    def _children(self, el) -> None:
        if el.text:
            self.parts.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self.parts.append(child.tail)

    def _block_for(self, el) -> RawBlock | None:
        tag = el.tag
        if tag == "h1" and not self.has_title:
            self.has_title = True
            return RawBlock("title", "")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return RawBlock("heading", "")
        if tag == "figcaption" or _CAPTION_ATTR.search(el.get("class", "")):
            return RawBlock("caption", "")
        return self.pending if tag in ("p", "div") else None     # a <p> inside an <li> is the item

    def _list(self, el) -> None:
        self.flush()
        self.list_depth += 1
        start = el.get("start") or "1"
        number = int(start) if start.isdigit() else 1
        for child in el:
            if child.tag == "li":
                if (child.get("value") or "").isdigit():
                    number = int(child.get("value"))
                marker = f"{number}." if el.tag == "ol" else "•"
                self.flush()
                self.pending = RawBlock("list-item", "", level=self.list_depth - 1, marker=marker)
                self._children(child)
                self.flush()
                number += 1
            else:
                self.walk(child)
        self.list_depth -= 1

    def _image(self, el) -> None:
        # Only an image announced by its file name, as in scraped pages, marks the next block as its
        # caption; descriptive alt text is not shown on the page and is not part of the article.
        label = (el.get("alt") or el.get("title") or "").strip()
        if IMAGE_FILE_NAME.match(label):
            self.flush()
            self.blocks.append(RawBlock("image", label))


# --------------------------------------------------------------------------------------- Markdown

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def read_markdown(text: str, name: str = "<text>") -> tuple[dict[str, Any], list[RawBlock]]:
    """The front matter (as a dict) and the blocks of a Markdown article."""
    hints: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        hints = _front_matter(match.group(1), name)
        text = text[match.end():]
    return hints, _MarkdownWalker().walk(_markdown().parse(text))


def _front_matter(source: str, name: str) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: the front matter is not valid YAML: {exc}; fix it or remove it") from exc
    if not isinstance(data, dict):
        raise InputError(f"{name}: the front matter is not a set of 'key: value' lines; fix it or remove it")
    return {str(key).lower(): value for key, value in data.items()}


@functools.lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


class _MarkdownWalker:
    """Turns markdown-it's token stream into raw blocks."""

    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.pending: RawBlock | None = None
        self.list_depth = 0
        self.has_title = False

    def walk(self, tokens) -> list[RawBlock]:
        for token in tokens:
            kind = token.type
            if kind == "heading_open":
                is_title = token.tag == "h1" and not self.has_title
                self.has_title = self.has_title or is_title
                self.pending = RawBlock("title" if is_title else "heading", "")
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
            elif kind == "list_item_open":
                marker = f"{token.info}{token.markup}" if token.info else token.markup
                self.pending = RawBlock("list-item", "", level=self.list_depth - 1, marker=marker)
            elif kind == "inline":
                self._inline(token.children or [])
            elif kind == "html_block":
                self._add_lines([" ".join(re.sub(r"<[^>]*>", " ", token.content).split())], [])
            elif kind in ("heading_close", "list_item_close"):
                self.pending = None
        return self.blocks

    def _inline(self, children) -> None:
        lines, parts, images = [], [], []
        for child in children:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                lines.append("".join(parts))
                parts = []
            elif child.type == "image":
                images.append(child.content)
        lines.append("".join(parts))
        self._add_lines(lines, images)

    def _add_lines(self, lines: list[str], images: list[str]) -> None:
        lines = [" ".join(line.split()) for line in lines]
        lines = [line for line in lines if line]
        pending, self.pending = self.pending, None
        if lines:
            text = " ".join(lines)
            block = RawBlock(pending.kind, text, pending.level, pending.marker) if pending else _line_block(text)
            if len(lines) > 1:
                block.lines = tuple(lines)
            self.blocks.append(block)
        for alt in images:
            alt = " ".join(alt.split())
            if alt:
                self.blocks.append(RawBlock("image" if IMAGE_FILE_NAME.match(alt) else "caption", alt))
