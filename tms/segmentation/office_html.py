"""The semantic HTML that the office readers produce, tidied one way for Word and HWPX alike.

The readers build a ``<body>`` from the document; ``write_document`` tidies it (only the allowed
elements and attributes, adjacent runs with the same formatting merged, no empty blocks, images as
figures with their captions, ordered lists numbered as in the source, one ``h1`` for the title)
and wraps it in a whole document with the metadata.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

INLINE = ("a", "strong", "em", "u", "s", "sub", "sup")     # the order inline elements nest in, outermost first
BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
          "figure", "figcaption", "blockquote")
ALLOWED = frozenset(INLINE + BLOCKS + ("br", "img", "body"))
_ATTRIBUTES = {"a": ("href",), "img": ("src", "alt"), "td": ("colspan", "rowspan"), "th": ("colspan", "rowspan"),
               "ol": ("start",), "li": ("value", "data-value"), "p": ("data-pt",)}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_TRIMMED = ("p", "li", "td", "th", "figcaption") + _HEADINGS
_DROPPED_WHEN_EMPTY = ("p", "li", "figcaption", "blockquote", "ul", "ol", "figure") + _HEADINGS
_LEAD_BLOCKS = 4            # a title is among the first few text blocks
_TITLE_SCALE = 1.2          # ... and set at least this much larger than the body text
_MASTHEADS = {"보도자료", "보도참고자료", "설명자료", "해명자료",       # the word over a release, not its title
              "pressrelease", "mediarelease", "newsrelease"}


@dataclass
class DocumentInfo:
    """What the file's properties say about the document; empty strings where they say nothing."""

    title: str = ""
    author: str = ""
    date: str = ""          # YYYY-MM-DD
    lang: str = ""          # BCP 47
    body_pt: float = 0.0    # the size of most of the text, to tell a title set larger than the body


class Piece(NamedTuple):
    """A stretch of inline content with its formatting: text, a line break or a footnote mark."""

    text: str
    marks: tuple = ()       # (tag, href-or-"") pairs in INLINE order
    kind: str = "text"      # "text", "br" or "note"
    size: float = 0.0       # font size in points, to tell a title set larger than the body


def append_pieces(parent: etree._Element, pieces: list[Piece], depth: int = 0) -> None:
    """Append pieces to an element, nesting their marks so that adjacent runs share one element."""
    i = 0
    while i < len(pieces):
        mark = pieces[i].marks[depth] if len(pieces[i].marks) > depth else None
        if mark is None:
            _append_piece(parent, pieces[i])
            i += 1
            continue
        j = i
        while j < len(pieces) and len(pieces[j].marks) > depth and pieces[j].marks[depth] == mark:
            j += 1
        element = etree.SubElement(parent, mark[0], {"href": mark[1]} if mark[0] == "a" else {})
        append_pieces(element, pieces[i:j], depth + 1)
        i = j


def _append_piece(parent: etree._Element, piece: Piece) -> None:
    if piece.kind == "br":
        etree.SubElement(parent, "br")
    elif piece.kind == "note":
        etree.SubElement(parent, "sup").text = piece.text
    else:
        append_text(parent, piece.text)


def append_text(parent: etree._Element, text: str) -> None:
    """Append text after the last child of an element (or as its text when it has none)."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def text_of(element: etree._Element) -> str:
    """The text of an element and its descendants."""
    return "".join(element.itertext())


def _spoken_text(element: etree._Element) -> str:
    """The text of an element with its line breaks as spaces."""
    parts = [element.text or ""]
    for child in element:
        parts += [" " if child.tag == "br" else _spoken_text(child), child.tail or ""]
    return "".join(parts)


def format_number(value: int, style: str) -> str:
    """A list number as the source shows it: decimal, latin, roman, hangul, circled."""
    if style in ("lower-latin", "upper-latin"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if style == "upper-latin" else letters
    if style in ("lower-roman", "upper-roman"):
        roman = ""
        for amount, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            count, value = divmod(value, amount)
            roman += numeral * count
        return roman.upper() if style == "upper-roman" else roman
    if style == "hangul-syllable" and 1 <= value <= 14:
        return "가나다라마바사아자차카타파하"[value - 1]
    if style == "hangul-jamo" and 1 <= value <= 14:
        return "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"[value - 1]
    if style == "circled" and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    return str(value)


def write_document(body: etree._Element, info: DocumentInfo) -> str:
    """Tidy a body built by a reader and return the whole HTML document with its metadata."""
    tidy(body, info.body_pt)
    html = etree.Element("html", {"lang": info.lang} if info.lang else {})
    head = etree.SubElement(html, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    h1 = body.find(".//h1")
    title = info.title.strip() or (" ".join(_spoken_text(h1).split()) if h1 is not None else "")
    etree.SubElement(head, "title").text = title
    if info.author.strip():
        etree.SubElement(head, "meta", name="author", content=info.author.strip())
    if info.date:
        etree.SubElement(head, "meta", name="date", content=info.date)
    html.append(body)
    return "<!DOCTYPE html>\n" + etree.tostring(html, method="html", encoding="unicode")


def tidy(body: etree._Element, body_pt: float = 0.0) -> None:
    """Bring a body to the house form: allowed markup only, merged runs, no empties, figures, one h1."""
    _keep_allowed(body)
    _merge_adjacent(body)
    for _ in range(2):          # dropping a blank run at an edge can bare whitespace to trim
        _trim_blocks(body)
        _drop_empty(body)
    _make_figures(body)
    _unwrap_tables(body)
    _number_lists(body)
    _promote_title(body, body_pt)
    for element in body.iter():
        element.attrib.pop("data-pt", None)
        element.attrib.pop("data-value", None)


def _keep_allowed(body: etree._Element) -> None:
    for element in list(body.iter()):
        if not isinstance(element.tag, str):            # comments, processing instructions
            _unwrap(element)
            continue
        href = element.get("href", "").strip()
        nested = element.tag in INLINE and any(ancestor.tag == element.tag for ancestor in element.iterancestors())
        if element.tag not in ALLOWED or nested or (element.tag == "a" and (not href or href.startswith("#"))):
            _unwrap(element)
            continue
        keep = _ATTRIBUTES.get(element.tag, ())
        for name in [name for name in element.attrib if name not in keep]:
            del element.attrib[name]
        if element.tag == "img":
            element.set("alt", " ".join(element.get("alt", "").split()))


def _unwrap(element: etree._Element) -> None:
    """Replace an element by its content."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    text, tail = (element.text or "") if isinstance(element.tag, str) else "", element.tail or ""
    children = list(element) if isinstance(element.tag, str) else []
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + text
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    parent.remove(element)
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
    elif index == 0:
        parent.text = (parent.text or "") + tail
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + tail


def _merge_adjacent(element: etree._Element) -> None:
    child = element[0] if len(element) else None
    while child is not None:
        following = child.getnext()
        if (following is not None and following.tag in INLINE and following.tag == child.tag
                and dict(following.attrib) == dict(child.attrib) and not child.tail):
            append_text(child, following.text or "")
            for grandchild in list(following):
                child.append(grandchild)
            child.tail = following.tail
            element.remove(following)
            continue                    # the merged run may match its new neighbour too
        _merge_adjacent(child)
        child = following


def _trim_blocks(body: etree._Element) -> None:
    for block in body.iter(*_TRIMMED):
        while len(block) and block[0].tag == "br" and not (block.text or "").strip():
            block.text = (block.text or "") + (block[0].tail or "")
            block.remove(block[0])
        while len(block) and block[-1].tag == "br" and not (block[-1].tail or "").strip():
            block.remove(block[-1])
        _strip_edge(block, leading=True)
        _strip_edge(block, leading=False)


def _strip_edge(element: etree._Element, leading: bool) -> None:
    """Strip whitespace at the start or the end of an element's text, through inline descendants."""
    if leading:
        if element.text and element.text.strip():
            element.text = element.text.lstrip()
        elif len(element) and element[0].tag in INLINE:
            element.text = None
            _strip_edge(element[0], leading=True)
        else:
            element.text = None if not element.text else element.text.lstrip() or None
        return
    if len(element) == 0:
        element.text = (element.text or "").rstrip() or None
        return
    last = element[-1]
    if last.tail and last.tail.strip():
        last.tail = last.tail.rstrip()
    else:
        last.tail = None
        if last.tag in INLINE:
            _strip_edge(last, leading=False)


def _is_empty(element: etree._Element) -> bool:
    return not text_of(element).strip() and element.find(".//img") is None and element.tag != "img"


def _drop_empty(body: etree._Element) -> None:
    for element in reversed(list(body.iter())):
        if element is body:
            continue
        if element.tag in _DROPPED_WHEN_EMPTY and _is_empty(element):
            _remove_keeping_tail(element)
        elif element.tag in INLINE and not text_of(element) and element.find(".//img") is None \
                and element.find(".//br") is None:
            _remove_keeping_tail(element)


def _remove_keeping_tail(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _make_figures(body: etree._Element) -> None:
    for paragraph in list(body.iter("p")):
        if paragraph.find("img") is not None and not text_of(paragraph).strip() and \
                all(child.tag in ("img", "br") for child in paragraph):
            paragraph.tag = "figure"
            for br in paragraph.findall("br"):
                paragraph.remove(br)
    for caption in list(body.iter("figcaption")):
        if caption.getparent().tag == "figure":
            continue
        images = caption.findall(".//img")
        if images:                      # an image in the caption paragraph itself
            figure = etree.Element("figure")
            caption.addprevious(figure)
            for image in images:
                _remove_keeping_tail(image)
                image.tail = None
                figure.append(image)
            figure.append(caption)
            continue
        previous, following = caption.getprevious(), caption.getnext()
        if previous is not None and previous.tag == "figure" and previous.find("figcaption") is None:
            previous.append(caption)
        elif following is not None and following.tag == "figure" and following.find("figcaption") is None:
            following.insert(0, caption)
        else:
            caption.tag = "p"           # a caption with no image beside it, such as a table's
    for caption in body.iter("figcaption"):
        caption.tail = None


def _unwrap_tables(body: etree._Element) -> None:
    """A one-cell table is a box around text, not data: keep its text. A cell's only paragraph goes."""
    for table in list(body.iter("table")):
        cells = table.findall(".//td") + table.findall(".//th")
        if len(cells) == 1 and table.find(".//table") is None:
            cell = cells[0]
            if cell.text and cell.text.strip():
                paragraph = etree.Element("p")
                paragraph.text, cell.text = cell.text, None
                for child in list(cell):
                    if child.tag in BLOCKS:
                        break
                    paragraph.append(child)
                cell.insert(0, paragraph)
            for child in list(cell):
                table.addprevious(child)
            _remove_keeping_tail(table)
    for cell in list(body.iter("td", "th")):
        if len(cell) == 1 and cell[0].tag == "p" and not (cell.text or "").strip() and not (cell[0].tail or "").strip():
            cell.text = None
            _unwrap(cell[0])


def _number_lists(body: etree._Element) -> None:
    for ordered in body.iter("ol"):
        items = [child for child in ordered if child.tag == "li"]
        values = [int(item.get("data-value")) if (item.get("data-value") or "").isdigit() else None for item in items]
        if not items:
            continue
        expected = values[0] or 1
        if expected != 1:
            ordered.set("start", str(expected))
        for item, value in zip(items, values):
            if value is not None and value != expected:
                item.set("value", str(value))
                expected = value
            expected += 1


def _promote_title(body: etree._Element, body_pt: float) -> None:
    titles = [element for element in body.iter("h1")]
    if titles:
        _merge_title_lines(titles[0])
        for extra in titles[1:]:
            extra.tag = "h2"
    else:
        title = _find_title(body, body_pt)
        if title is not None:
            title.tag = "h1"
            for bold in list(title.iter("strong")):     # the title's bold is what made it a title
                _unwrap(bold)
    levels = [int(h.tag[1]) for h in body.iter(*_HEADINGS[1:])]
    shift = min(levels) - 2 if levels else 0
    if shift > 0:
        for heading in list(body.iter(*_HEADINGS[1:])):
            heading.tag = f"h{int(heading.tag[1]) - shift}"


def _merge_title_lines(title: etree._Element) -> None:
    """Title paragraphs one after another are one title over several lines."""
    following = title.getnext()
    while following is not None and following.tag == "h1":
        etree.SubElement(title, "br").tail = following.text
        for child in list(following):
            title.append(child)
        title.getparent().remove(following)
        following = title.getnext()


def _find_title(body: etree._Element, body_pt: float) -> etree._Element | None:
    seen = 0
    for block in body:
        if block.tag in ("table", "figure"):
            continue
        if block.tag in _HEADINGS:
            return block
        if block.tag != "p" or seen >= _LEAD_BLOCKS:
            return None
        seen += 1
        text = " ".join(text_of(block).split())
        if re.sub(r"[\s\W_]", "", text).lower() in _MASTHEADS or len(text) > 200:
            continue
        point = float(block.get("data-pt") or 0)
        if point and (point >= _TITLE_SCALE * body_pt if body_pt else point >= 14):
            return block
    return None
