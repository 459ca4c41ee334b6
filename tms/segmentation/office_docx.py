"""Word (.docx) files as semantic HTML: mammoth for the body, a little XML for what it leaves out.

mammoth maps styles to elements (Title to h1, headings one level down, Caption, Quote), keeps
merged cells as colspan/rowspan and footnotes. What it does not keep is added through the XML:
before mammoth reads the document, each numbered paragraph gets a marker run with the number Word
shows (so ordered lists keep their numbering and numbered headings their label), and each fully
bold paragraph at the top gets one with its font size (so a release's large bold title is found);
the markers come out of the HTML again before it is tidied. Core properties give the metadata.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections import Counter
from typing import TYPE_CHECKING

import lxml.html
import mammoth
from lxml import etree

from tms.errors import InputError
from tms.segmentation.office_html import DocumentInfo, format_number, text_of, write_document

if TYPE_CHECKING:
    from tms.segmentation.office import Package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_CORE = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
         "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}

# Marker runs, in characters of the private use area that no document shows:
# NUMBER value SEPARATOR label END, and SIZE points END.
NUMBER, SEPARATOR, END, SIZE = "\ue000", "\ue002", "\ue001", "\ue003"
_MARKER = re.compile(f"^{NUMBER}(\\d+){SEPARATOR}([^{END}]*){END}|^{SIZE}([\\d.]+){END}")
_NOTE_IDS = "tms-"
_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u4e00-\u9fff\uac00-\ud7af]")  # Hangul, kana, Han
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LEAD_PARAGRAPHS = 8

_STYLE_MAP = "\n".join([
    "p[style-name='Title'] => h1:fresh",
    "p[style-name='Subtitle'] => p:fresh",
    *(f"p[style-name='heading {n}'] => h{min(n + 1, 6)}:fresh" for n in range(1, 10)),
    "p[style-name='Caption'] => figcaption:fresh",
    "p[style-name='Quote'] => blockquote > p:fresh",
    "p[style-name='Intense Quote'] => blockquote > p:fresh",
    "r[style-name='Emphasis'] => em",
    "r[style-name='Strong'] => strong",
    "u => u",
])
_FORMATS = {"lowerLetter": "lower-latin", "upperLetter": "upper-latin", "lowerRoman": "lower-roman",
            "upperRoman": "upper-roman", "ganada": "hangul-syllable", "chosung": "hangul-jamo",
            "decimalEnclosedCircle": "circled"}
_EXTENSIONS = {"image/jpeg": "jpg", "image/x-emf": "emf", "image/x-wmf": "wmf", "image/svg+xml": "svg"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def read_docx(package: Package) -> tuple[str, dict[str, bytes]]:
    """A Word package as a whole HTML document and its images by file name."""
    for part in package.names:
        if part.endswith((".xml", ".rels")):
            package.xml(part)           # a damaged part is reported by name and line, not by mammoth
    main = _main_part(package)
    document = package.xml(main)
    styles = _Styles(_optional(package, package.resolve(main, "styles.xml")))
    numbering = _Numbering(_optional(package, package.resolve(main, "numbering.xml")), styles)
    stats = _mark_paragraphs(document, styles, numbering)
    assets: dict[str, bytes] = {}
    body = _convert(_repack(package, main, document), assets, package.name)
    _read_markers(body)
    _move_notes(body)
    info = _core_info(package)
    info.lang = info.lang or styles.language(stats)
    info.body_pt = stats["body_pt"]
    return write_document(body, info), assets


def _main_part(package: Package) -> str:
    main = "word/document.xml"
    if package.has("_rels/.rels"):
        for relation in package.xml("_rels/.rels"):
            if relation.get("Type") == _OFFICE_DOCUMENT and relation.get("TargetMode") != "External":
                main = package.resolve("", relation.get("Target", main))
    if not package.has(main):
        raise InputError(f"{package.name}: the Word file has no main document part ({main}); it is damaged or "
                         f"not a Word document: open it in Word, save it as .docx and import the new file")
    return main


def _optional(package: Package, part: str) -> etree._Element | None:
    return package.xml(part) if package.has(part) else None


def _repack(package: Package, main: str, document: etree._Element) -> bytes:
    """The package again, with the marked main document in place of the original."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for part in package.names:
            data = etree.tostring(document, xml_declaration=True, encoding="UTF-8") if part == main \
                else package.read(part)
            archive.writestr(part, data)
    return buffer.getvalue()


def _convert(data: bytes, assets: dict[str, bytes], name: str) -> etree._Element:
    digests: dict[str, str] = {}

    def write_image(image) -> dict[str, str]:
        with image.open() as stream:
            content = stream.read()
        digest = hashlib.sha256(content).hexdigest()
        if digest not in digests:
            kind = (image.content_type or "image/png").lower()
            extension = _EXTENSIONS.get(kind) or re.sub(r"[^a-z0-9]", "", kind.rpartition("/")[2]) or "bin"
            digests[digest] = f"image{len(assets) + 1}.{extension}"
            assets[digests[digest]] = content
        return {"src": digests[digest]}

    try:
        result = mammoth.convert_to_html(io.BytesIO(data), style_map=_STYLE_MAP, id_prefix=_NOTE_IDS,
                                         include_embedded_style_map=False,
                                         convert_image=mammoth.images.img_element(write_image))
    except (KeyError, ValueError, LookupError, AttributeError, TypeError, zipfile.BadZipFile) as exc:
        raise InputError(f"{name}: the Word file cannot be converted ({type(exc).__name__}: {exc}); open it in Word, "
                         f"save it again as .docx, or export it to HTML, and import the new file") from exc
    return lxml.html.fragment_fromstring(result.value or "", create_parent="body")


def _read_markers(body: etree._Element) -> None:
    """Take the marker runs out of the HTML, as list values, number labels and title sizes."""
    for element in body.iter():
        match = _MARKER.match(element.text or "") if isinstance(element.tag, str) else None
        if not match:
            continue
        element.text = element.text[match.end():]
        value, label, points = match.groups()
        if points and element.tag == "p":
            element.set("data-pt", points)
        elif value and element.tag == "li":
            element.set("data-value", value)
        elif label:
            element.text = f"{label} {element.text.lstrip()}"


def _move_notes(body: etree._Element) -> None:
    """Footnote and endnote marks become plain numbers; the notes, paragraphs at the end."""
    for anchor in list(body.iter("a")):
        anchor_id = anchor.get("id", "")
        if anchor_id.startswith(_NOTE_IDS) and "-ref-" in anchor_id:
            number = etree.Element("span")          # unwrapped by the tidying, leaving the bare number
            number.text, number.tail = text_of(anchor).strip("[]"), anchor.tail
            anchor.getparent().replace(anchor, number)
    for notes in [ol for ol in body.iter("ol") if ol.find("li") is not None
                  and ol.find("li").get("id", "").startswith((_NOTE_IDS + "footnote-", _NOTE_IDS + "endnote-"))]:
        for number, item in enumerate(notes.findall("li"), start=1):
            for back in [a for a in item.iter("a") if a.get("href", "").startswith("#" + _NOTE_IDS)]:
                back.getparent().remove(back)
            first = item.find("p")
            if first is None:
                first = etree.SubElement(body, "p")
            mark = etree.Element("sup")
            mark.text, mark.tail = str(number), " " + (first.text or "").lstrip()
            first.text = None
            first.insert(0, mark)
            for block in list(item):
                body.append(block)
        notes.getparent().remove(notes)


def _mark_paragraphs(document: etree._Element, styles: _Styles, numbering: _Numbering) -> dict:
    """Put the marker runs in; return the body text size and the counts of Hangul/CJK and Latin letters."""
    sizes: Counter = Counter()
    scripts = {"cjk": 0, "latin": 0}
    body = document.find(_w("body"))
    lead = 0
    for paragraph in document.xpath("//w:p[not(ancestor::mc:Choice)]", namespaces=_NS):
        runs = styles.runs(paragraph)
        for text, _, size in runs:
            sizes[size] += len(text)
            scripts["cjk"] += len(_CJK.findall(text))
            scripts["latin"] += len(_LATIN.findall(text))
        number = numbering.number(paragraph)
        has_text = any(text.strip() for text, _, _ in runs)
        if number:
            _insert_marker(paragraph, f"{NUMBER}{number[0]}{SEPARATOR}{number[1]}{END}")
        elif paragraph.getparent() is body and has_text and lead < _LEAD_PARAGRAPHS \
                and all(bold for text, bold, _ in runs if text.strip()):
            _insert_marker(paragraph, f"{SIZE}{max(size for text, _, size in runs if text.strip())}{END}")
        if paragraph.getparent() is body and has_text:
            lead += 1
    return {"body_pt": sizes.most_common(1)[0][0] if sizes else 0.0, **scripts}


def _insert_marker(paragraph: etree._Element, marker: str) -> None:
    run = etree.Element(_w("r"))
    text = etree.SubElement(run, _w("t"))
    text.text = marker
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    properties = paragraph.find(_w("pPr"))
    paragraph.insert(0 if properties is None else paragraph.index(properties) + 1, run)


def _on(element: etree._Element | None) -> bool:
    return element is not None and element.get(_w("val"), "true").lower() not in ("0", "false", "off", "none")


class _Styles:
    """Bold, font size, numbering and language as Word's styles give them."""

    def __init__(self, root: etree._Element | None):
        self._styles = {} if root is None else {style.get(_w("styleId")): style for style in root.iter(_w("style"))}
        defaults = None if root is None else root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        self._defaults = defaults

    def chain(self, style_id: str | None):
        """The style and the styles it is based on, nearest first."""
        seen = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            yield self._styles[style_id]
            based_on = self._styles[style_id].find(_w("basedOn"))
            style_id = based_on.get(_w("val")) if based_on is not None else None

    def _property(self, run: etree._Element, paragraph_style: str | None, tag: str) -> etree._Element | None:
        own = run.find(_w("rPr"))
        run_style = own.find(_w("rStyle")) if own is not None else None
        run_style_id = run_style.get(_w("val")) if run_style is not None else None
        sources = [own] + [style.find(_w("rPr")) for style in self.chain(run_style_id)]
        sources += [style.find(_w("rPr")) for style in self.chain(paragraph_style)] + [self._defaults]
        for source in sources:
            if source is not None and source.find(_w(tag)) is not None:
                return source.find(_w(tag))
        return None

    def runs(self, paragraph: etree._Element) -> list[tuple[str, bool, float]]:
        """The paragraph's own runs (not those of nested text boxes) as (text, is bold, size in points)."""
        style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
        style_id = style.get(_w("val")) if style is not None else None
        result = []
        for run in paragraph.iter(_w("r")):
            if next(run.iterancestors(_w("p")), None) is not paragraph:
                continue
            text = "".join((node.text or "") if node.tag == _w("t") else " " for node in run.iter(_w("t"), _w("tab")))
            size = self._property(run, style_id, "sz")
            half_points = size.get(_w("val"), "") if size is not None else ""
            points = int(half_points) / 2 if half_points.isdigit() else 10.0      # Word's size when none is set
            result.append((text, _on(self._property(run, style_id, "b")), points))
        return result

    def numbering_of(self, paragraph: etree._Element) -> tuple[str | None, int]:
        """The numbering instance and level of a paragraph, its own or its style's."""
        properties = paragraph.find(_w("pPr"))
        sources = [properties] if properties is not None else []
        style = properties.find(_w("pStyle")) if properties is not None else None
        sources += [s.find(_w("pPr")) for s in self.chain(style.get(_w("val")) if style is not None else None)]
        for source in sources:
            numbered = source.find(_w("numPr")) if source is not None else None
            if numbered is not None and numbered.find(_w("numId")) is not None:
                level = numbered.find(_w("ilvl"))
                level_value = level.get(_w("val"), "0") if level is not None else "0"
                return numbered.find(_w("numId")).get(_w("val")), int(level_value) if level_value.isdigit() else 0
        return None, 0

    def language(self, stats: dict) -> str:
        """The document's language setting: the East Asian one when most letters are Hangul or CJK."""
        lang = self._defaults.find(_w("lang")) if self._defaults is not None else None
        if lang is None:
            return ""
        east_asian = lang.get(_w("eastAsia"), "")
        if east_asian and stats["cjk"] > stats["latin"]:
            return east_asian
        return lang.get(_w("val"), "") or east_asian


class _Numbering:
    """The numbers Word shows before numbered paragraphs, counted as Word counts them."""

    def __init__(self, root: etree._Element | None, styles: _Styles):
        self._styles = styles
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._instances: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        for abstract in root.iter(_w("abstractNum")):
            for level in abstract.iter(_w("lvl")):
                start = level.find(_w("start"))
                start_value = start.get(_w("val"), "1") if start is not None else "1"
                fmt = level.find(_w("numFmt"))
                text = level.find(_w("lvlText"))
                self._levels[(abstract.get(_w("abstractNumId")), int(level.get(_w("ilvl"), "0")))] = (
                    fmt.get(_w("val"), "decimal") if fmt is not None else "decimal",
                    text.get(_w("val"), "") if text is not None else "",
                    int(start_value) if start_value.lstrip("-").isdigit() else 1)
        for instance in root.iter(_w("num")):
            abstract = instance.find(_w("abstractNumId"))
            overrides = {int(o.get(_w("ilvl"), "0")): int(o.find(_w("startOverride")).get(_w("val"), "1"))
                         for o in instance.iter(_w("lvlOverride")) if o.find(_w("startOverride")) is not None}
            if abstract is not None:
                self._instances[instance.get(_w("numId"))] = (abstract.get(_w("val")), overrides)

    def number(self, paragraph: etree._Element) -> tuple[int, str] | None:
        """The value and label ("3", "가.", "1.2") of a numbered paragraph; None if it has no number."""
        instance, level = self._styles.numbering_of(paragraph)
        if instance not in self._instances:
            return None
        abstract, overrides = self._instances[instance]
        if self._levels.get((abstract, level), ("bullet",))[0] in ("bullet", "none"):
            return None
        # Word continues a list across instances of one abstract numbering unless an instance restarts it.
        counters = self._counters.setdefault(instance if overrides else abstract, {})
        counters[level] = counters.get(level, self._start(abstract, overrides, level) - 1) + 1
        for deeper in [other for other in counters if other > level]:
            del counters[deeper]

        def shown(match: re.Match) -> str:
            shown_level = int(match.group(1)) - 1
            value = counters.get(shown_level, self._start(abstract, overrides, shown_level))
            return format_number(value, _FORMATS.get(self._levels.get((abstract, shown_level), ("decimal",))[0], ""))

        return counters[level], re.sub(r"%(\d)", shown, self._levels[(abstract, level)][1])

    def _start(self, abstract: str, overrides: dict[int, int], level: int) -> int:
        return overrides.get(level, self._levels.get((abstract, level), ("", "", 1))[2])


def _core_info(package: Package) -> DocumentInfo:
    if not package.has("docProps/core.xml"):
        return DocumentInfo()
    core = package.xml("docProps/core.xml")

    def find(path: str) -> str:
        return (core.findtext(path, default="", namespaces=_CORE) or "").strip()

    date = find("dcterms:modified") or find("dcterms:created")
    return DocumentInfo(title=find("dc:title"), author=find("dc:creator"), lang=find("dc:language"),
                        date=date[:10] if re.match(r"\d{4}-\d\d-\d\d", date) else "")
