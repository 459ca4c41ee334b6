"""HWPX files (Hancom Office, OWPML) as semantic HTML, read from their XML.

An HWPX file is a zip: ``Contents/content.hpf`` lists the parts and holds the metadata,
``Contents/header.xml`` the character and paragraph properties (bold, italic, underline,
strikeout, superscript, subscript, size; numbering and bullets), and ``Contents/section0.xml``...
the text as paragraphs (``p``) of runs (``run``) of text (``t``), with tables (``tbl``/``tr``/``tc``
with ``cellSpan``), pictures (``pic`` whose ``img`` names a ``BinData/`` item), hyperlinks
(a ``fieldBegin`` of type HYPERLINK up to its ``fieldEnd``) and footnotes. Elements are matched by
local name, so files of either OWPML namespace generation (2011 and 2024) read the same.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from tms.errors import InputError
from tms.segmentation.office_html import DocumentInfo, Piece, append_pieces, append_text, write_document

if TYPE_CHECKING:
    from tms.segmentation.office import Package

_CONTENT = "Contents/content.hpf"
_SPECIAL_TEXT = {"tab": " ", "nbSpace": "\u00a0", "fwSpace": " ", "hyphen": "-"}
_SHAPES = ("rect", "ellipse", "arc", "polygon", "curve", "connectLine")     # drawings that may hold a text box
_NOTES = ("footNote", "endNote")
_CAPTION_NUMBERS = ("PICTURE", "TABLE", "EQUATION")
_AUTOMATIC_ALT = re.compile(r"^\s*그림입니다\.")   # Hancom fills a picture's comment with its file name and size


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _sublist_paragraphs(element: etree._Element) -> list[etree._Element]:
    """The paragraphs of the first text list (cell, caption, text box, note) under an element."""
    for descendant in element.iter():
        if _local(descendant) == "subList":
            return _children(descendant, "p")
    return []


def read_hwpx(package: Package) -> tuple[str, dict[str, bytes]]:
    """An HWPX package as a whole HTML document and its images by file name."""
    manifest, sections, info = _read_content(package)
    if not package.has("Contents/header.xml"):
        raise InputError(f"{package.name}: the HWPX file has no Contents/header.xml; it is damaged: open it in "
                         f"Hancom Office, save it again as HWPX and import the new file")
    walker = _Walker(_Header(package.xml("Contents/header.xml")), package, manifest)
    body = etree.Element("body")
    for part in sections:
        walker.blocks(_children(package.xml(part), "p"), body)
    walker.append_notes(body)
    info.body_pt = walker.body_pt()
    return write_document(body, info), walker.assets


def _read_content(package: Package) -> tuple[dict[str, str], list[str], DocumentInfo]:
    """The manifest (item id to part), the section parts in reading order, and the metadata."""
    manifest: dict[str, str] = {}
    spine: list[str] = []
    meta: dict[str, str] = {}
    info = DocumentInfo()
    if package.has(_CONTENT):
        for element in package.xml(_CONTENT).iter():
            name, text = _local(element), (element.text or "").strip()
            if name == "item":
                manifest[element.get("id", "")] = element.get("href", "")
            elif name == "itemref":
                spine.append(element.get("idref", ""))
            elif name in ("title", "language", "creator", "date"):
                meta.setdefault(name, text)
            elif name == "meta":
                meta.setdefault(element.get("name", "").lower(), text)
    sections = [manifest[ref] for ref in spine if re.search(r"section\d+\.xml$", manifest.get(ref, ""))]
    if not sections:
        found = [part for part in package.names if re.fullmatch(r"Contents/section\d+\.xml", part)]
        sections = sorted(found, key=lambda part: int(re.sub(r"\D", "", part)))
    if not sections:
        raise InputError(f"{package.name}: the HWPX file has no text section (Contents/section0.xml); it is "
                         f"damaged: open it in Hancom Office, save it again as HWPX and import the new file")
    date = next((meta[key] for key in ("date", "modifieddate", "createddate") if meta.get(key)), "")
    info.title, info.author, info.lang = meta.get("title", ""), meta.get("creator", ""), meta.get("language", "")
    info.date = date[:10] if re.match(r"\d{4}-\d\d-\d\d", date) else ""
    return manifest, sections, info


class _CharStyle(NamedTuple):
    marks: tuple
    size: float


class _Header:
    """The character properties, paragraph heading kinds, numberings and bullets of header.xml."""

    def __init__(self, root: etree._Element):
        self.chars: dict[str, _CharStyle] = {}
        self.paras: dict[str, tuple[str, str, int]] = {}
        self.numberings: dict[str, dict[int, tuple[int, str]]] = {}
        for element in root.iter():
            name = _local(element)
            if name == "charPr":
                self.chars[element.get("id", "")] = self._char(element)
            elif name == "paraPr":
                heading = next((h for h in element.iter() if _local(h) == "heading"), None)
                if heading is not None:
                    level = heading.get("level", "0")
                    self.paras[element.get("id", "")] = (heading.get("type", "NONE"), heading.get("idRef", ""),
                                                         int(level) if level.isdigit() else 0)
            elif name == "numbering":
                heads = {}
                for head in _children(element, "paraHead"):
                    level, start = head.get("level", "1"), head.get("start", "1")
                    heads[int(level) if level.isdigit() else 1] = (int(start) if start.isdigit() else 1,
                                                                   head.text or "")
                self.numberings[element.get("id", "")] = heads

    @staticmethod
    def _char(element: etree._Element) -> _CharStyle:
        parts = {_local(child): child for child in element.iter() if child is not element}
        underline = parts["underline"].get("type", "NONE") if "underline" in parts else "NONE"
        strike = parts["strikeout"].get("shape", "NONE") if "strikeout" in parts else "NONE"
        flags = {"strong": "bold" in parts, "em": "italic" in parts, "u": underline == "BOTTOM",
                 "s": strike not in ("NONE", "3D", "") or underline == "CENTER",
                 "sub": "subscript" in parts, "sup": "supscript" in parts}
        height = element.get("height", "1000")
        return _CharStyle(tuple((tag, "") for tag, on in flags.items() if on),
                          int(height) / 100 if height.isdigit() else 10.0)


_PLAIN = _CharStyle((), 10.0)


class _Inline:
    """What a paragraph's runs carry from one to the next: open fields (links) and deleted text."""

    def __init__(self):
        self.links: list[str | None] = []
        self.deleting = False

    def marks(self, style: _CharStyle) -> tuple:
        href = next((link for link in reversed(self.links) if link), None)
        return ((("a", href),) if href else ()) + style.marks


class _Walker:
    """Turns OWPML paragraphs into HTML blocks, collecting images and notes on the way."""

    def __init__(self, header: _Header, package: Package, manifest: dict[str, str]):
        self.header, self.package, self.manifest = header, package, manifest
        self.assets: dict[str, bytes] = {}
        self.notes: list[etree._Element] = []
        self._counters: dict[str, dict[int, int]] = {}
        self._sizes: Counter = Counter()
        self._outline = ""

    def body_pt(self) -> float:
        """The size of most of the text."""
        return self._sizes.most_common(1)[0][0] if self._sizes else 0.0

    def blocks(self, paragraphs: list[etree._Element], parent: etree._Element) -> None:
        """Append the blocks of a run of paragraphs (a section, a cell, a note), lists nested."""
        pending: list[tuple] = []
        for paragraph in paragraphs:
            for element, item in self._paragraph(paragraph):
                if item:
                    pending.append((*item, element))
                    continue
                parent.extend(_nest(pending))
                pending = []
                parent.append(element)
        parent.extend(_nest(pending))

    def append_notes(self, body: etree._Element) -> None:
        """The footnotes and endnotes at the end, each starting with its number."""
        for number, holder in enumerate(self.notes, start=1):
            blocks = list(holder)
            if not blocks or blocks[0].tag != "p":
                blocks.insert(0, etree.Element("p"))
            mark = etree.Element("sup")
            mark.text, mark.tail = str(number), " " + (blocks[0].text or "").lstrip()
            blocks[0].text = None
            blocks[0].insert(0, mark)
            body.extend(blocks)

    def _paragraph(self, paragraph: etree._Element) -> list[tuple[etree._Element, tuple | None]]:
        item = self._list_item(paragraph)
        out: list[tuple[etree._Element, tuple | None]] = []
        pieces: list[Piece] = []
        state = _Inline()
        for run in _children(paragraph, "run"):
            style = self.header.chars.get(run.get("charPrIDRef", ""), _PLAIN)
            for child in run:
                name = _local(child)
                if name == "t":
                    pieces += self._text(child, style, state)
                elif name in _SPECIAL_TEXT or name == "lineBreak":
                    pieces += self._special(name, style, state)
                elif name == "ctrl":
                    pieces += self._control(child, style, state)
                elif name == "secPr":
                    self._outline = child.get("outlineShapeIDRef", "")
                elif name in ("deleteBegin", "deleteEnd"):    # tracked deletions, when marked between texts
                    state.deleting = name == "deleteBegin"
                elif name in ("tbl", "pic", "container") + _SHAPES:
                    blocks = self._object(child)
                    if blocks and pieces:
                        out.append((self._block(pieces, item), item))
                        pieces, item = [], None
                    out += [(block, None) for block in blocks]
        if pieces:
            out.append((self._block(pieces, item), item))
        return out

    def _block(self, pieces: list[Piece], item: tuple | None) -> etree._Element:
        element = etree.Element("li" if item else "p")
        append_pieces(element, pieces)
        texts = [piece for piece in pieces if piece.kind == "text" and piece.text.strip()]
        if texts and all(("strong", "") in piece.marks for piece in texts):
            element.set("data-pt", str(max(piece.size for piece in texts)))
        return element

    def _text(self, element: etree._Element, style: _CharStyle, state: _Inline) -> list[Piece]:
        pieces = self._special("", style, state, element.text or "")
        for child in element:
            name = _local(child)
            if name == "deleteBegin":
                state.deleting = True
            elif name == "deleteEnd":
                state.deleting = False
            pieces += self._special(name, style, state, child.tail or "")
        return pieces

    def _special(self, name: str, style: _CharStyle, state: _Inline, tail: str = "") -> list[Piece]:
        """A line break or special space, then the text after it; nothing inside tracked deletions."""
        if state.deleting:
            return []
        marks = state.marks(style)
        pieces = [Piece("", marks, "br")] if name == "lineBreak" else []
        text = _SPECIAL_TEXT.get(name, "") + tail
        if text:
            pieces.append(Piece(text, marks, "text", style.size))
            self._sizes[style.size] += len(text.strip())
        return pieces

    def _control(self, control: etree._Element, style: _CharStyle, state: _Inline) -> list[Piece]:
        pieces = []
        for child in control:
            name = _local(child)
            if name == "fieldBegin":
                state.links.append(_hyperlink(child) if child.get("type") == "HYPERLINK" else None)
            elif name == "fieldEnd" and state.links:
                state.links.pop()
            elif name in _NOTES:
                holder = etree.Element("body")
                self.notes.append(holder)
                pieces.append(Piece(str(len(self.notes)), (), "note"))
                self.blocks(_sublist_paragraphs(child), holder)
            elif name == "autoNum" and child.get("numType") in _CAPTION_NUMBERS and not state.deleting:
                pieces.append(Piece(child.get("num", ""), state.marks(style), "text", style.size))
        return pieces      # headers, footers, page numbers, bookmarks and the like are left out

    def _list_item(self, paragraph: etree._Element) -> tuple[int, str, int | None] | None:
        """(level, "ol" or "ul", number) for a paragraph with automatic numbering or a bullet."""
        kind, ref, level = self.header.paras.get(paragraph.get("paraPrIDRef", ""), ("NONE", "", 0))
        if kind == "BULLET":
            return level, "ul", None
        if kind not in ("NUMBER", "OUTLINE"):
            return None
        ident = (self._outline or ref) if kind == "OUTLINE" else ref
        heads = self.header.numberings.get(ident)
        if not heads:
            return None
        start, text = heads.get(level + 1, (1, "^1."))
        if "^" not in text:             # a numbering whose level shows a fixed sign is a bullet
            return level, "ul", None
        counters = self._counters.setdefault(ident, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [other for other in counters if other > level]:
            del counters[deeper]
        return level, "ol", counters[level]

    def _object(self, element: etree._Element) -> list[etree._Element]:
        name = _local(element)
        if name == "tbl":
            return self._table(element)
        if name == "pic":
            return self._figure(element)
        if name == "container":
            return [block for child in element for block in self._object(child)]
        text_box = next((child for child in element if _local(child) == "drawText"), None)
        holder = etree.Element("body")
        if text_box is not None:
            self.blocks(_sublist_paragraphs(text_box), holder)
        return list(holder)

    def _table(self, table: etree._Element) -> list[etree._Element]:
        rows = _children(table, "tr")
        head = 0
        while head < len(rows) and _children(rows[head], "tc") and \
                all(tc.get("header") in ("1", "true") for tc in _children(rows[head], "tc")):
            head += 1
        head = 0 if head == len(rows) else head
        element = etree.Element("table")
        thead = etree.SubElement(element, "thead") if head else None
        tbody = etree.SubElement(element, "tbody") if head else element
        for index, row in enumerate(rows):
            tr = etree.SubElement(thead if index < head else tbody, "tr")
            for tc in _children(row, "tc"):
                cell = etree.SubElement(tr, "th" if index < head else "td")
                for span in _children(tc, "cellSpan"):
                    for attribute in ("colSpan", "rowSpan"):
                        if span.get(attribute, "1") not in ("", "0", "1"):
                            cell.set(attribute.lower(), span.get(attribute))
                self.blocks(_children(next(iter(_children(tc, "subList")), tc), "p"), cell)
        side, caption = self._caption(table, "p")
        if caption is None:
            return [element]
        return [caption, element] if side == "TOP" else [element, caption]

    def _figure(self, picture: etree._Element) -> list[etree._Element]:
        reference = next((img.get("binaryItemIDRef") for img in picture.iter() if _local(img) == "img"), None)
        source = self._asset(reference)
        side, caption = self._caption(picture, "figcaption")
        if source is None:
            return [] if caption is None else [_retag(caption, "p")]
        comment = "".join(child.text or "" for child in picture if _local(child) == "shapeComment").strip()
        figure = etree.Element("figure")
        etree.SubElement(figure, "img", src=source, alt="" if _AUTOMATIC_ALT.match(comment) else comment)
        if caption is not None:
            figure.insert(0 if side == "TOP" else 1, caption)
        return [figure]

    def _caption(self, owner: etree._Element, tag: str) -> tuple[str, etree._Element | None]:
        """A table's or picture's caption as one element, its paragraphs joined by line breaks."""
        caption = next(iter(_children(owner, "caption")), None)
        if caption is None:
            return "", None
        holder = etree.Element("body")
        self.blocks(_sublist_paragraphs(caption), holder)
        joined = etree.Element(tag)
        for index, block in enumerate(list(holder.iter("p", "li"))):
            if index:
                etree.SubElement(joined, "br")
            append_text(joined, block.text or "")
            joined.extend(list(block))
        return caption.get("side", "BOTTOM"), joined

    def _asset(self, reference: str | None) -> str | None:
        """Store a BinData item as an asset and return its file name; None if the file lacks it."""
        if not reference:
            return None
        part = self.manifest.get(reference, "")
        if not self.package.has(part):
            part = next((name for name in self.package.names
                         if re.fullmatch(rf"(Contents/)?BinData/{re.escape(reference)}(\.\w+)?", name)), "")
        if not part:
            return None
        name = re.sub(r"[^\w.-]", "_", PurePosixPath(part).name)
        if name not in self.assets:
            self.assets[name] = self.package.read(part)
        return name


def _retag(element: etree._Element, tag: str) -> etree._Element:
    element.tag = tag
    return element


def _hyperlink(field: etree._Element) -> str | None:
    """The address of a HYPERLINK field: its Path, else its Command without Hancom's escapes and flags."""
    params = {param.get("name"): (param.text or "").strip() for param in field.iter() if _local(param) == "stringParam"}
    address = params.get("Path") or re.sub(r"(;\d+)+;?$", "", params.get("Command", ""))
    address = re.sub(r"\\(.)", r"\1", address).strip()
    return address if address and not address.startswith(("#", "?")) else None


def _nest(items: list[tuple]) -> list[etree._Element]:
    """Nest list items, given as (level, "ol"/"ul", number, li), into lists; numbers kept as data-value."""
    roots: list[etree._Element] = []
    stack: list[tuple[int, etree._Element]] = []
    for level, tag, number, item in items:
        while stack and stack[-1][0] > level:
            stack.pop()
        if stack and stack[-1][0] == level and stack[-1][1].tag != tag:
            stack.pop()
        if not stack or stack[-1][0] < level:
            new_list = etree.Element(tag)
            if stack:
                parent = stack[-1][1]
                host = parent[-1] if len(parent) else etree.SubElement(parent, "li")
                host.append(new_list)
            else:
                roots.append(new_list)
            stack.append((level, new_list))
        if number is not None:
            item.set("data-value", str(number))
        stack[-1][1].append(item)
    return roots
