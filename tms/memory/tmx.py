"""Reading and writing TMX 1.4 translation memories as ``ArchiveUnit`` lists.

The reader is strict where a wrong unit would poison the memory and lenient where TMX writers differ: a
file that is not XML, a ``<tuv>`` without a language, a language tms does not work in, a unit without the
source language or with an empty segment is an error naming the file and line, and the whole file is
refused. Region subtags are dropped (``en-US`` is ``en``); inline codes (``<bpt>``, ``<ept>``, ``<ph>``,
``<it>``) hold the original format's markup and are left out of the text, the text of ``<hi>`` and ``<sub>``
is kept.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import IO

from lxml import etree

from tms import __version__
from tms.errors import InputError
from tms.languages import CODES
from tms.memory.archive import ALIGNED, IMPORTED, ArchiveUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Elements whose content is the original format's code, not text.
_CODES = {"bpt", "ept", "ph", "it", "ut"}
_TMX_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z")


def read_tmx(stream: IO[bytes], name: str, *, source_lang: str | None = None,
             date: datetime | None = None) -> list[ArchiveUnit]:
    """The units of a TMX file: each ``<tu>``'s source segment paired with each of its other languages.

    The source language is ``source_lang`` or the header's ``srclang``; ``date`` is used where neither the
    unit nor the header gives one. Raises ``InputError`` ("file:line: why") on the first problem.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        tree = etree.parse(stream, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else exc.lineno
        raise InputError(f"{name}:{line}: not a TMX file: {exc.msg}") from exc
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        # Entities declared in the file could pull in other files or swell without end: refuse them.
        raise InputError(f"{name}:1: the file declares its own entities; export the memory without it")
    root = tree.getroot()
    if root.tag != "tmx":
        raise InputError(f"{name}:{root.sourceline}: not a TMX file: the root element is <{root.tag}>, not <tmx>")
    header = root.find("header")
    if header is None:
        raise InputError(f"{name}:{root.sourceline}: not a TMX file: no <header>")
    source = _source_language(header, name, source_lang)
    default_date = _date(header.get("changedate") or header.get("creationdate")) or date
    body = root.find("body")
    if body is None:
        raise InputError(f"{name}:{root.sourceline}: not a TMX file: no <body>")
    units: list[ArchiveUnit] = []
    for tu in body.iter("tu"):
        units += _read_unit(tu, name, source, default_date)
    return units


def _source_language(header: etree._Element, name: str, given: str | None) -> str:
    if given:
        return _language(given, name, header.sourceline)
    declared = header.get("srclang", "")
    if not declared:
        raise InputError(f"{name}:{header.sourceline}: the <header> has no srclang; give the source language")
    if declared == "*all*":
        raise InputError(f"{name}:{header.sourceline}: srclang is *all*; give the source language "
                         "(--source-lang) to pair the segments")
    return _language(declared, name, header.sourceline)


def _language(code: str, name: str, line: int | None) -> str:
    base = code.strip().replace("_", "-").split("-")[0].lower()
    if base not in CODES:
        raise InputError(f"{name}:{line}: language {code!r} is not one tms works in ({', '.join(CODES)})")
    return base


def _read_unit(tu: etree._Element, name: str, source_lang: str,
               default_date: datetime | None) -> list[ArchiveUnit]:
    texts: dict[str, tuple[str, int]] = {}
    for tuv in tu.findall("tuv"):
        code = tuv.get(XML_LANG) or tuv.get("lang")     # TMX 1.1 wrote "lang"
        if not code:
            raise InputError(f"{name}:{tuv.sourceline}: a <tuv> without xml:lang")
        lang = _language(code, name, tuv.sourceline)
        seg = tuv.find("seg")
        text = _text(seg) if seg is not None else ""
        if not text.strip():
            raise InputError(f"{name}:{tuv.sourceline}: empty segment in {code}")
        texts.setdefault(lang, (text, tuv.sourceline))
    if source_lang not in texts:
        found = ", ".join(texts) or "none"
        raise InputError(f"{name}:{tu.sourceline}: the unit has no {source_lang} segment (languages: {found})")
    if len(texts) < 2:
        raise InputError(f"{name}:{tu.sourceline}: the unit has no translation, only {source_lang}")
    date = _date(tu.get("changedate") or tu.get("creationdate")) or default_date
    source = texts[source_lang][0]
    # A memory tms exported keeps each unit's own origin when it comes back.
    props = {prop.get("type"): (prop.text or "").strip() for prop in tu.findall("prop")}
    kind = ALIGNED if props.get("x-tms-kind") == ALIGNED else IMPORTED
    origin = props.get("x-tms-origin") or name
    try:
        confidence = float(props["x-tms-confidence"]) if kind == ALIGNED else None
    except (KeyError, ValueError):
        confidence = None
    return [ArchiveUnit(source_lang, lang, source, text, kind, origin, date, confidence, tu.sourceline)
            for lang, (text, _) in texts.items() if lang != source_lang]


def _text(seg: etree._Element) -> str:
    parts = [seg.text or ""]
    for child in seg:
        if child.tag not in _CODES:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts).strip()


def _date(value: str | None) -> datetime | None:
    match = _TMX_DATE.fullmatch((value or "").strip())
    if not match:
        return None
    try:
        return datetime(*map(int, match.groups()), tzinfo=timezone.utc)
    except ValueError:
        return None


def write_tmx(units: Iterable[ArchiveUnit]) -> bytes:
    """A TMX 1.4 document of ``units``, each with its origin in ``<prop>`` elements."""
    units = list(units)
    sources = {u.source_lang for u in units}
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", creationtool="tms", creationtoolversion=__version__, segtype="sentence",
                     datatype="plaintext", adminlang="en", **{"o-tmf": "tms"},
                     srclang=sources.pop() if len(sources) == 1 else "*all*")
    body = etree.SubElement(root, "body")
    for unit in units:
        tu = etree.SubElement(body, "tu")
        if unit.date:
            tu.set("creationdate", unit.date.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ"))
        for kind, value in (("x-tms-kind", unit.kind), ("x-tms-origin", unit.origin),
                            ("x-tms-confidence", None if unit.confidence is None else f"{unit.confidence:.3f}")):
            if value:
                etree.SubElement(tu, "prop", type=kind).text = value
        for lang, text in ((unit.source_lang, unit.source), (unit.target_lang, unit.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
