"""Reading the shape of an article: scraped text, HTML or Markdown in, raw blocks out.

Each reader says only what the input's form tells: this is a heading, a list item with marker "o",
a paragraph, an image. Deciding what is site chrome and what is metadata is ``cleaning``'s job.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from tms import inline
from tms.errors import InputError
from tms.model import Cell

FORMATS = ("text", "html", "markdown", "docx", "hwpx")
#: Formats read from a Word or HWPX file, which ``tms.segmentation.office`` turns into HTML first.
OFFICE_FORMATS = ("docx", "hwpx")

_EXTENSIONS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
               ".md": "markdown", ".markdown": "markdown"}


@dataclass
class RawBlock:
    """A block as the input's form shows it, before chrome and metadata are taken out."""

    kind: str                       # a Role's value (title, paragraph, list-item, caption, image...)
    text: str                       # with inline markup as tags (see ``tms.inline``)
    level: int | None = None        # None: a textual list whose nesting is read from its markers
    marker: str = ""
    indent: int = 0                 # leading spaces of a text line, to tell nested textual lists
    lines: tuple[tuple[str, dict], ...] = ()    # the lines of a paragraph broken by <br>: text and tags
    tags: dict = field(default_factory=dict)
    quote: int = 0
    cell: Cell | None = None
    attrs: dict = field(default_factory=dict)
    has_soft_breaks: bool = False   # its line breaks are those of the source text, not the page's

    @property
    def plain(self) -> str:
        """The text without its inline tags."""
        return inline.plain(self.text) if "<" in self.text else self.text


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


#: The numbered paragraphs of Japanese and Chinese releases: "1 4月28日，…", "２　経済関係" (a number and a space).
_CJK_NUMBER = re.compile(r"(?P<marker>[0-9０-９]{1,2})[ \u3000]+(?=\S)")
_CJK_TEXT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def split_marker(text: str) -> tuple[str, str]:
    """The list marker a line starts with ("1.", "o", "•", "1 " in a Japanese release, or "") and the text
    after it."""
    match = _MARKER.match(text) or (_CJK_NUMBER.match(text) if _CJK_TEXT.search(text[:12]) else None)
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


def line_block(text: str, indent: int = 0) -> RawBlock:
    marker, rest = split_marker(text)
    if marker:
        return RawBlock("list-item", rest, marker=marker, indent=indent)
    return RawBlock("paragraph", text, indent=indent)


# ------------------------------------------------------------------------------------------- text

_ENDS_SENTENCE = re.compile(r"[.!?:;。！？」』”\"')\]]$")


def read_text(text: str) -> list[RawBlock]:
    """The blocks of scraped text: one a line, except lines that continue a hard-wrapped one."""
    blocks: list[RawBlock] = []
    lines = text.split("\n")
    width = wrap_width(lines)
    previous = ""       # the last non-blank line, "" after a blank one
    for line in lines:
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if stripped and previous and _continues(blocks[-1], previous, stripped, indent, width):
            blocks[-1].text += " " + stripped
        elif stripped:
            blocks.append(line_block(stripped, indent))
        previous = line.rstrip() if stripped else ""
    return blocks


def wrap_width(lines: list[str]) -> int:
    """The width a hard-wrapped text was wrapped at (a press release sent as e-mail: 72 columns), or 0.

    A wrapped text has many lines just under one width, each followed by another line, and few longer.
    """
    lengths = [len(line.rstrip()) for line in lines]
    followed = [n for n, after in zip(lengths, lengths[1:]) if 50 <= n <= 100 and after]
    if len(followed) < 5:
        return 0
    width = max(followed)
    near = sum(1 for n in followed if n >= width - 15)
    longer = sum(1 for n in lengths if n > width)
    return width if near >= 0.6 * len(followed) and longer <= 0.1 * len(followed) else 0


def _continues(block: RawBlock, previous: str, line: str, indent: int, width: int = 0) -> bool:
    """True for the next line of a hard-wrapped paragraph or list item (copied page text is not wrapped):
    an indented line under a list item; in a text wrapped at ``width``, a line whose first word would not
    have fitted on the line before; elsewhere, a line starting in lower case after a long line that does
    not end a sentence ("Photos: Ministry ...", then "jiae5853@korea.kr", is two lines)."""
    if block.kind == "list-item" and indent > block.indent + len(block.marker):
        return not split_marker(line)[0]
    if block.kind not in ("paragraph", "list-item") or split_marker(line)[0]:
        return False
    if width:
        return len(previous) + 1 + len(line.split()[0]) > width
    return (len(previous.strip()) >= 60 and line[0].islower() and " " in line
            and not _ENDS_SENTENCE.search(previous.strip()))


IMAGE_FILE_NAME = re.compile(r"^[\w\-. ()%,]+\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg)$", re.IGNORECASE)


# --------------------------------------------------------------------------------------- Markdown

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def read_markdown(text: str, name: str = "<text>") -> tuple[dict[str, Any], list[RawBlock]]:
    """The front matter (as a dict) and the blocks of a Markdown article, read as the HTML it stands for."""
    from tms.segmentation.html import read_html

    hints: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        hints = _front_matter(match.group(1), name)
        text = text[match.end():]
    _, blocks = read_html(f"<html><body>{_markdown().render(text)}</body></html>", name, is_whole=True)
    return hints, blocks


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

    parser = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    parser.normalizeLink = lambda url: url          # addresses are kept exactly as the source wrote them
    # A soft line break of the source becomes a marked <br>, so that a paragraph of metadata lines can be
    # taken apart; the cleaner turns the marks it does not need back into spaces.
    parser.add_render_rule("softbreak", lambda *args: "<br data-soft>")
    parser.add_render_rule("list_item_open", _list_item_open)
    return parser


def _list_item_open(renderer, tokens, index, options, env) -> str:
    """``<li>`` with the marker the Markdown source wrote ("-", "*", "3)"), which HTML would lose."""
    token = tokens[index]
    marker = f"{token.info}{token.markup}" if token.info else token.markup
    token.attrSet("data-marker", marker)
    return renderer.renderToken(tokens, index, options, env)
