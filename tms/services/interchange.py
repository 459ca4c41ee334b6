"""Exchanging translations with outside agencies: XLIFF 1.2 both ways, and TMX translation memories.

The formats are read and written with translate-toolkit. Segment states map to XLIFF 1.2's ``state``
attribute of ``<target>``:

==================  ==============================================================  =====================
tms state           exported as                                                     imported from
==================  ==============================================================  =====================
untranslated        ``needs-translation`` (empty target)                            no target, ``new``,
                                                                                    ``needs-translation``
machine             ``needs-review-translation``, ``state-qualifier="leveraged-mt"``  any ``needs-*`` state:
needs editing       ``needs-review-translation``                                    machine while the text
                                                                                    is the engine's
translated          ``translated``                                                  ``translated``
approved            ``signed-off``, ``approved="yes"``                              ``signed-off``, ``final``
==================  ==============================================================  =====================

Inline tags (``tms.inline``) travel as XLIFF inline elements, in ``<source>``, ``<target>`` and the
machine translation's ``<alt-trans>``, with the tag's number as ``id``:

=================================  ==========================================================================
tms tag                            XLIFF 1.2
=================================  ==========================================================================
``<a1>…</a1>``                     ``<g id="1" ctype="x-html-a">…</g>``; likewise ``b`` ``bold``, ``i``
                                   ``italic``, ``u`` ``underlined``, ``s`` ``x-html-s``, ``sup``
                                   ``superscript``, ``sub`` ``subscript``, ``code`` ``x-html-code``
``<br/>``                          ``<x id="br1" ctype="lb"/>`` (``br2``… for the next ones)
``<img3/>``, ``<x4/>``             ``<x id="3" ctype="image"/>``, ``<x id="4"/>``
pairs that do not nest             ``<bx id="1" rid="1" ctype="x-html-a"/>`` … ``<ex id="1" rid="1"/>``
                                   (in a target the markup check flags)
=================================  ==========================================================================

A link's address or an image's source (the entry's ``#. <a1>: …`` comment) rides in the element's
``equiv-text``, which CAT tools show beside the tag; it is never read back, since the catalog owns it.
Reading accepts the same elements, and ``<ph>``, ``<bpt>``/``<ept>``, ``<it>`` and ``<mrk>`` as other tools
write them; a target whose tags differ from the source's is still imported, and listed in the report.

Translator comments travel as ``<note from="translator">``, extracted comments as
``<note from="developer">``, file references as location context groups, the machine translation as
``<alt-trans origin="engine">``; what XLIFF has no place for (approver, machine provenance, switched-off
checks, the segment's place in the article) rides in ``tms:`` attributes, which XLIFF 1.2 allows.
Importing merges by unit key under the catalog's lock and never replaces an approved translation with
one that is not approved: such units are reported as conflicts and kept.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree
from translate.misc.xml_helpers import getXMLspaceInherited
from translate.storage.tmx import tmxfile
from translate.storage.xliff import Xliff1File, Xliff1Unit

from tms import __version__, inline
from tms.errors import ConfirmationRequired, InputError, NotFound
from tms.languages import base_code, get_language
from tms.model import Approval, MachineInfo, PublicationStatus, SegmentState, Unit
from tms.services.review import record_withdrawal
from tms.services.webhooks import publication_changed
from tms.storage.layout import Project
from tms.storage import catalogs
from tms.storage.config import project_settings
from tms.storage.catalogs import CatalogDraft
from tms.storage.pofile import format_location, gettext_date

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
TMS_NS = "urn:x-tms:xliff:1"
_FUZZY_STATES = {"needs-review-translation", "needs-review-adaptation", "needs-review-l10n", "needs-adaptation",
                 "needs-l10n"}
_MT_QUALIFIERS = {"leveraged-mt", "mt-suggestion"}
_ISO_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


class _Unit(Xliff1Unit):
    namespace = XLIFF_NS


class _Xliff(Xliff1File):
    """XLIFF 1.2 with the tms namespace declared once at the root."""

    UnitClass = _Unit
    namespace = XLIFF_NS
    XMLskeleton = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="{XLIFF_NS}" xmlns:tms="{TMS_NS}">
<file original="NoName" source-language="en" datatype="plaintext">
<body>
</body>
</file>
</xliff>"""


def _tms(name: str) -> str:
    return f"{{{TMS_NS}}}{name}"


def _iso_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- XLIFF export -----------------------------------------------------------------------------------
_EXPORT_STATE = {
    SegmentState.UNTRANSLATED: "needs-translation",
    SegmentState.MACHINE: "needs-review-translation",
    SegmentState.NEEDS_EDITING: "needs-review-translation",
    SegmentState.TRANSLATED: "translated",
    SegmentState.APPROVED: "signed-off",
}


def export_xliff(project: Project, article_id: str, lang: str) -> bytes:
    """One catalog as an XLIFF 1.2 document."""
    path = project.require_catalog(article_id, lang)
    catalog = catalogs.read(path)
    store = _Xliff(sourcelanguage=catalog.source_language, targetlanguage=lang)
    original = project.relative(path)
    store.switchfile(original, createifmissing=True)
    file_node = store.getfilenode(original)
    file_node.set(_tms("article"), article_id)
    file_node.set("tool-id", "tms")
    file_node.set("date", _iso_now())
    for unit in catalog.active_units():
        _export_unit(store.addsourceunit(unit.source, filename=original), unit)
    return bytes(store)


def _export_unit(xunit: Xliff1Unit, unit: Unit) -> None:
    xunit.setid(unit.key)
    element = xunit.xmlelement
    notes = inline.tag_notes(unit.extracted) if inline.has_tags(unit.source) else {}
    write_inline(xunit.getlanguageNode(lang=None, index=0), unit.source, notes)
    target = etree.SubElement(element, xunit.namespaced("target"))
    write_inline(target, unit.target, notes)
    target.set("state", _EXPORT_STATE[unit.state])
    if unit.state is SegmentState.MACHINE:
        target.set("state-qualifier", "leveraged-mt")
    if unit.state is SegmentState.APPROVED:
        element.set("approved", "yes")
        if unit.approval:
            element.set(_tms("approved-by"), unit.approval.by)
            element.set(_tms("approved-date"), unit.approval.date)
    if unit.context is not None:
        xunit.createcontextgroup("po-entry", [("x-po-msgctxt", unit.context)], "information")
    for comment in unit.comments:
        xunit.addnote(comment, origin="translator")
    for comment in unit.extracted:
        xunit.addnote(comment, origin="developer")
    for reference in unit.references:
        xunit.addlocation(reference)
    if unit.machine:
        m = unit.machine
        xunit.addalttrans(m.text, origin=m.engine or "mt",
                          matchquality=f"{m.score:g}" if m.score is not None else None)
        write_inline(element.findall(f"{_x('alt-trans')}/{_x('target')}")[-1], m.text, notes)
        element.set(_tms("mt-engine"), m.engine)
        element.set(_tms("mt-date"), m.date)
        if m.pivot:
            element.set(_tms("mt-pivot"), m.pivot)
    if unit.ignored_checks:
        element.set(_tms("ignore"), ",".join(sorted(unit.ignored_checks)))
    if unit.location:
        element.set(_tms("location"), format_location(unit.location))
    if unit.previous_source is not None:
        element.set(_tms("previous-source"), unit.previous_source)


# -- inline tags in XLIFF ---------------------------------------------------------------------------
_CTYPES = {"a": "x-html-a", "b": "bold", "i": "italic", "u": "underlined", "s": "x-html-s", "sup": "superscript",
           "sub": "subscript", "code": "x-html-code"}
#: What other tools write for the same tags, besides the ctypes tms writes.
_NAMES_BY_CTYPE = {**{ctype: name for name, ctype in _CTYPES.items()},
                   "link": "a", "x-html-strong": "b", "x-html-b": "b", "x-html-em": "i", "x-html-i": "i",
                   "x-html-u": "u", "x-html-strike": "s", "x-html-del": "s", "x-html-sup": "sup",
                   "x-html-sub": "sub", "x-html-tt": "code", "image": "img", "x-html-img": "img", "lb": "br",
                   "x-html-br": "br"}
_DIGITS = re.compile(r"(\d+)$")
_XML_SPACES = re.compile(r"[ \t\r\n]+")


def _x(name: str) -> str:
    return f"{{{XLIFF_NS}}}{name}"


def _append_text(node: etree._Element, text: str) -> None:
    if len(node):
        node[-1].tail = (node[-1].tail or "") + text
    else:
        node.text = (node.text or "") + text


def write_inline(node: etree._Element, text: str, notes: dict[int, str] | None = None) -> None:
    """Fill an XLIFF ``<source>`` or ``<target>`` with ``text``, its tags as inline elements (see above)."""
    for child in list(node):
        node.remove(child)
    node.text = None
    if not inline.has_tags(text):
        node.text = text
        return
    notes = notes or {}
    nests = not inline.nesting_problems(text)
    stack, breaks = [node], 0
    for token in inline.tokens(text):
        parent = stack[-1]
        if token.kind in ("text", "bad"):       # a malformed tag stays as written, for the markup check
            _append_text(parent, token.text)
        elif token.kind == "br":
            breaks += 1
            etree.SubElement(parent, _x("x"), id=f"br{breaks}", ctype="lb")
        elif token.kind == "alone":
            element = etree.SubElement(parent, _x("x"), id=str(token.number))
            if token.name == "img":
                element.set("ctype", "image")
            if token.number in notes:
                element.set("equiv-text", notes[token.number])
        elif nests and token.kind == "open":
            element = etree.SubElement(parent, _x("g"), id=str(token.number), ctype=_CTYPES[token.name])
            if token.number in notes:
                element.set("equiv-text", notes[token.number])
            stack.append(element)
        elif nests:
            stack.pop()
        else:
            element = etree.SubElement(parent, _x("bx" if token.kind == "open" else "ex"), id=str(token.number),
                                       rid=str(token.number))
            if token.kind == "open":
                element.set("ctype", _CTYPES[token.name])


@dataclass
class _InlineReader:
    """Reads the content of a ``<source>`` or ``<target>`` back into tagged text."""

    names: dict[int, str] = field(default_factory=dict)     # number -> tag name, from the source
    problems: list[str] = field(default_factory=list)

    def read(self, node: etree._Element | None) -> str:
        """The tagged text of ``node`` ("" for none), its white space collapsed unless ``xml:space`` preserves
        it (as translate-toolkit reads plain text)."""
        if node is None:
            return ""
        parts: list[str] = []
        self._content(node, parts)
        text = "".join(parts)
        if getXMLspaceInherited(node, "default") == "default":
            text = _XML_SPACES.sub(" ", text).strip(" ")
        return text

    def _content(self, node: etree._Element, parts: list[str]) -> None:
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                self._element(child, parts)
            parts.append(child.tail or "")

    def _element(self, element: etree._Element, parts: list[str]) -> None:
        kind = etree.QName(element).localname
        if kind == "mrk":
            self._content(element, parts)
            return
        if kind in ("ph", "bpt", "ept", "it"):
            native = "".join(element.itertext())
            if inline.TAG_RE.fullmatch(native):      # a tool that turned our tags into native codes
                parts.append(native)
                return
        tag = self._tag(element, kind)
        if tag is None:
            kept = "kept its text only" if kind == "g" else "left out"
            self.problems.append(f"the inline element <{kind} id=\"{element.get('id', '')}\"> stands for no tag "
                                 f"tms knows; {kept}")
            if kind == "g":
                self._content(element, parts)
            return
        name, number = tag
        if name == "br":
            parts.append(inline.BREAK)
            return
        self.names.setdefault(number, name)      # an <ex> or <ept> names no tag: its opener did
        if name in inline.ALONE:
            parts.append(f"<{name}{number}/>")
        elif kind == "g":
            parts.append(f"<{name}{number}>")
            self._content(element, parts)
            parts.append(f"</{name}{number}>")
        elif kind in ("bx", "bpt") or (kind == "it" and element.get("pos") == "open"):
            parts.append(f"<{name}{number}>")
        else:
            parts.append(f"</{name}{number}>")

    def _tag(self, element: etree._Element, kind: str) -> tuple[str, int] | None:
        """The name and number of the tag an inline element stands for: the source's tag of that number,
        else the one its ``ctype`` names; None if neither fits the element's kind."""
        ctype = _NAMES_BY_CTYPE.get(element.get("ctype") or "")
        is_alone = kind in ("x", "ph")
        if ctype == "br" or (is_alone and (element.get("id") or "").startswith("br")):
            return "br", 0
        match = _DIGITS.search(element.get("rid") or element.get("id") or "")
        if match is None:
            return None
        number = int(match.group(1))
        for name in (self.names.get(number), ctype, "x" if kind == "x" else None):
            if name is not None and name != "br" and (name in inline.ALONE) == is_alone:
                return name, number
        return None


def read_inline(source: etree._Element | None, target: etree._Element | None = None) -> tuple[str, str, list[str]]:
    """The tagged text of an XLIFF ``<source>`` and ``<target>``, and what could not be read as a tag."""
    reader = _InlineReader()
    source_text = reader.read(source)
    reader.names = {t.number: t.name for t in inline.tokens(source_text) if t.kind in ("open", "alone")}
    return source_text, reader.read(target), reader.problems


# -- XLIFF import -----------------------------------------------------------------------------------
@dataclass
class Incoming:
    """One translation read from an XLIFF file."""

    key: str
    source: str
    target: str
    state: SegmentState
    is_machine: bool
    line: int
    comments: list[str] | None = None     # None: the file says nothing about comments
    ignored_checks: set[str] | None = None
    approval: Approval | None = None
    machine: MachineInfo | None = None
    tag_problems: list[str] = field(default_factory=list)    # inline elements that name no tag


@dataclass
class ImportReport:
    """What importing a translated XLIFF file did to its catalog."""

    article_id: str
    language: str
    path: str
    updated: int = 0
    unchanged: int = 0
    untranslated: int = 0
    conflicts: list[str] = field(default_factory=list)
    #: Translations imported whose inline tags differ from the source's (the markup check flags them too).
    tag_problems: list[str] = field(default_factory=list)


def read_xliff(data: bytes, name: str) -> tuple[str, str, str, list[Incoming]]:
    """The article id, target and source language, and the translations of an XLIFF 1.2 file."""
    try:
        store = Xliff1File.parsestring(data)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}:{exc.lineno}: not valid XML ({exc.msg})") from exc
    except (AssertionError, StopIteration) as exc:
        raise InputError(f"{name}:1: not an XLIFF document (expected <xliff> with a <file>)") from exc
    except ValueError as exc:
        raise InputError(f"{name}:1: {exc}") from exc
    files = list(store.document.getroot().iterchildren(store.namespaced("file")))
    if len(files) != 1:
        raise InputError(f"{name}:1: expected one <file> element (one catalog), found {len(files)}")
    file_node = files[0]
    original = file_node.get("original") or ""
    article_id = file_node.get(_tms("article")) or Path(original).stem
    lang = base_code(file_node.get("target-language"))
    if not lang:
        raise InputError(f"{name}:{file_node.sourceline}: the <file> has no target-language")
    source_language = base_code(file_node.get("source-language"))
    seen: dict[str, int] = {}
    incoming = []
    for xunit in store.units:
        item = _read_unit(xunit, name)
        if item.key in seen:
            raise InputError(f"{name}:{item.line}: trans-unit id {item.key!r} also used on line {seen[item.key]}")
        seen[item.key] = item.line
        incoming.append(item)
    return article_id, lang, source_language, incoming


def _read_unit(xunit: Xliff1Unit, name: str) -> Incoming:
    element = xunit.xmlelement
    line = element.sourceline or 0
    key = element.get("id")
    if not key:
        raise InputError(f"{name}:{line}: a trans-unit without an id")
    target_node = xunit.getlanguageNode(lang=None, index=1)
    source, target, tag_problems = read_inline(xunit.getlanguageNode(lang=None, index=0), target_node)
    state_name = target_node.get("state") if target_node is not None else None
    qualifier = target_node.get("state-qualifier") if target_node is not None else None
    state = _import_state(target, state_name, element.get("approved") == "yes")
    has_notes = any(True for _ in element.iterchildren(xunit.namespaced("note")))
    notes = xunit.getnotes("translator")
    item = Incoming(key, source, target, state, qualifier in _MT_QUALIFIERS, line,
                    comments=(notes.split("\n") if notes else []) if has_notes else None, tag_problems=tag_problems)
    if element.get(_tms("ignore")) is not None:
        item.ignored_checks = {c for c in element.get(_tms("ignore")).split(",") if c}
    if state is SegmentState.APPROVED and element.get(_tms("approved-by")):
        item.approval = Approval(element.get(_tms("approved-by")), element.get(_tms("approved-date")) or "")
    alternatives = xunit.getalttrans()
    if element.get(_tms("mt-engine")) is not None and alternatives:
        score = alternatives[0].xmlelement.get("match-quality")
        _, machine_text, _ = read_inline(xunit.getlanguageNode(lang=None, index=0),
                                         alternatives[0].xmlelement.find(_x("target")))
        item.machine = MachineInfo(element.get(_tms("mt-engine")), machine_text,
                                   element.get(_tms("mt-date")) or "", float(score) if score else None,
                                   element.get(_tms("mt-pivot")) or "")
    return item


def _import_state(target: str, state: str | None, is_approved: bool) -> SegmentState:
    if not target:
        return SegmentState.UNTRANSLATED
    if state in ("signed-off", "final"):
        return SegmentState.APPROVED
    if state == "translated" or (state is None and is_approved):
        return SegmentState.TRANSLATED
    # needs-review-*, needs-adaptation, needs-l10n, new, needs-translation with a text, or no state
    return SegmentState.NEEDS_EDITING


def import_translations(project: Project, path: Path, *, by: str = "",
                        withdraw_reason: str | None = None) -> ImportReport:
    """Merge a translated XLIFF file into its catalog, by unit key, under the catalog's lock.

    A file that would change a certified catalog's translations is refused (``ConfirmationRequired``, nothing
    written) unless ``withdraw_reason`` says why its official status may end; the withdrawal is then
    recorded in the history and told to the approver who certified it.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    return merge_xliff(project, data, path, by=by, withdraw_reason=withdraw_reason)


def merge_xliff(project: Project, data: bytes, path: Path, *, by: str = "",
                expected: tuple[str, str] | None = None, withdraw_reason: str | None = None) -> ImportReport:
    """Merge translated XLIFF ``data`` (read from ``path``, or uploaded under that name) into its catalog;
    ``expected``: the (article id, language) the file must be for, when it is uploaded to one catalog."""
    path = Path(path)
    article_id, lang, source_language, incoming = read_xliff(data, str(path))
    if expected is not None and (article_id, lang) != expected:
        raise InputError(f"{path}: the file is for {article_id} ({lang}), not {expected[0]} ({expected[1]})")
    get_language(lang)
    project.require_article(article_id)
    po_path = project.po_path(article_id, lang)
    if not po_path.is_file():
        raise NotFound(f"{path}: {article_id} has no {get_language(lang).name} catalog ({project.relative(po_path)})")
    report = ImportReport(article_id, lang, project.relative(po_path))
    approver = by or f"xliff:{path.name}"
    with catalogs.edit(po_path, wrap=project_settings(project.config_path).catalogs.wrap) as draft:
        catalog = draft.catalog
        if source_language and catalog.source_language and source_language != catalog.source_language:
            raise InputError(f"{path}: the file translates from {source_language!r}, "
                             f"but {article_id} is written in {catalog.source_language!r}")
        before = catalog.publication
        was_official, certification = catalog.publication is PublicationStatus.OFFICIAL, catalog.certification
        for item in incoming:
            _merge(draft, item, report, approver)
        is_withdrawn = was_official and catalog.publication is not PublicationStatus.OFFICIAL
        if is_withdrawn and not (withdraw_reason or "").strip():
            raise ConfirmationRequired(
                f"{path}: {article_id} ({lang}) is the official translation, certified by {certification.by}; "
                f"this file changes it and would withdraw its official status. Nothing was imported; import "
                "again with a reason (tms import-translations --withdraw-official REASON) to go ahead",
                confirm="withdraw_official")
        if report.updated:
            catalog.headers["PO-Revision-Date"] = gettext_date()
    if is_withdrawn:
        record_withdrawal(project, approver, article_id, lang, certification, withdraw_reason.strip())
    publication_changed(project, article_id, lang, before, catalog.publication)
    return report


def _merge(draft: CatalogDraft, item: Incoming, report: ImportReport, approver: str) -> None:
    unit = draft.unit(item.key)
    where = f"line {item.line}, unit {item.key}"
    if unit is None:
        report.conflicts.append(f"{where}: not in the catalog (the article changed since the export); skipped")
        return
    if unit.source != item.source:
        report.conflicts.append(f"{where}: the source text differs from the catalog's; skipped")
        return
    if item.state is SegmentState.UNTRANSLATED:
        report.untranslated += 1
        return
    if unit.state is SegmentState.APPROVED and item.state is not SegmentState.APPROVED:
        if unit.target != item.target:
            report.conflicts.append(f"{where}: approved in tms, and the file's translation is not signed off; "
                                    "kept the approved translation")
        else:
            report.unchanged += 1
        return
    report.tag_problems += [f"{where}: {problem}" for problem in item.tag_problems]
    if inline.has_tags(unit.source) or inline.has_tags(item.target):
        report.tag_problems += [f"{where}: {problem}" for problem in inline.problems(unit.source, item.target)]
    before = (unit.target, unit.state, unit.comments, unit.ignored_checks, unit.approval, unit.machine)
    _apply(unit, item, approver)
    if (unit.target, unit.state, unit.comments, unit.ignored_checks, unit.approval, unit.machine) == before:
        report.unchanged += 1
    else:
        report.updated += 1


def _apply(unit: Unit, item: Incoming, approver: str) -> None:
    is_same_text = unit.target == item.target
    unit.target = item.target
    if item.machine and unit.machine is None:
        unit.machine = item.machine
    if item.comments is not None:
        unit.comments = list(item.comments)
    if item.ignored_checks is not None:
        unit.ignored_checks = set(item.ignored_checks)
    if item.state is SegmentState.APPROVED:
        if item.approval:
            unit.approval = item.approval
        elif not (unit.state is SegmentState.APPROVED and is_same_text and unit.approval):
            unit.approval = Approval(approver, _iso_now())
        unit.state = SegmentState.APPROVED
    elif item.state is SegmentState.TRANSLATED:
        unit.state, unit.approval = SegmentState.TRANSLATED, None
    else:
        unit.state, unit.approval = unit.unsure_state(), None
    if unit.state.is_translated:
        unit.previous_source = None


# -- TMX --------------------------------------------------------------------------------------------
@dataclass
class MemoryExport:
    """A TMX document and what went into it."""

    data: bytes
    units: int
    catalogs: int


def export_tmx(project: Project, ids: Sequence[str], lang: str) -> MemoryExport:
    """The translated and approved segments of the articles named (all by default) in ``lang``, as TMX."""
    get_language(lang)
    chosen = list(ids) or project.article_ids()
    for article_id in chosen:
        project.require_article(article_id)
    pairs: dict[tuple[str, str, str], tuple[str, Unit]] = {}
    source_languages: set[str] = set()
    read = 0
    for article_id in chosen:
        path = project.po_path(article_id, lang)
        if not path.is_file():
            continue
        catalog = catalogs.load(path)
        read += 1
        source_languages.add(catalog.source_language)
        for unit in catalog.active_units():
            if unit.state.is_translated and unit.target:
                pairs.setdefault((catalog.source_language, unit.source, unit.target), (article_id, unit))
    store = tmxfile(sourcelanguage=source_languages.pop() if len(source_languages) == 1 else "*all*",
                    targetlanguage=lang)
    header = store.document.getroot().find("header")
    store.addheader()
    header.set("creationtool", "tms")
    header.set("creationtoolversion", __version__)
    for (source_language, source, target), (article_id, unit) in pairs.items():
        tu = store.addsourceunit(source, source_language)
        tu.settarget(target, lang, append=True)
        for kind, value in (("x-tms-article", article_id), ("x-tms-state", unit.state.slug)):
            prop = etree.Element("prop", type=kind)
            prop.text = value
            tu.xmlelement.insert(len(tu.xmlelement.findall("prop")), prop)
        if unit.approval and _ISO_UTC.fullmatch(unit.approval.date):
            # TMX writes dates as 20261123T100500Z.
            tu.xmlelement.set("changedate", unit.approval.date.replace("-", "").replace(":", ""))
    return MemoryExport(bytes(store), len(pairs), read)
