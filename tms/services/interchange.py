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
from translate.storage.tmx import tmxfile
from translate.storage.xliff import Xliff1File, Xliff1Unit

from tms import __version__
from tms.errors import InputError, NotFound
from tms.languages import base_code, get_language
from tms.model import Approval, Catalog, MachineInfo, SegmentState, Unit
from tms.storage.files import locked
from tms.storage.layout import Project
from tms.storage.pofile import format_location, gettext_date, load_catalog, save_catalog

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
    catalog = load_catalog(path)
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
    target = etree.SubElement(element, xunit.namespaced("target"))
    target.text = unit.target
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
        element.set(_tms("mt-engine"), m.engine)
        element.set(_tms("mt-date"), m.date)
    if unit.ignored_checks:
        element.set(_tms("ignore"), ",".join(sorted(unit.ignored_checks)))
    if unit.location:
        element.set(_tms("location"), format_location(unit.location))
    if unit.previous_source is not None:
        element.set(_tms("previous-source"), unit.previous_source)


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
    target = (xunit.target or "") if target_node is not None else ""
    state_name = target_node.get("state") if target_node is not None else None
    qualifier = target_node.get("state-qualifier") if target_node is not None else None
    state = _import_state(target, state_name, element.get("approved") == "yes")
    has_notes = any(True for _ in element.iterchildren(xunit.namespaced("note")))
    notes = xunit.getnotes("translator")
    item = Incoming(key, xunit.source or "", target, state, qualifier in _MT_QUALIFIERS, line,
                    comments=(notes.split("\n") if notes else []) if has_notes else None)
    if element.get(_tms("ignore")) is not None:
        item.ignored_checks = {c for c in element.get(_tms("ignore")).split(",") if c}
    if state is SegmentState.APPROVED and element.get(_tms("approved-by")):
        item.approval = Approval(element.get(_tms("approved-by")), element.get(_tms("approved-date")) or "")
    alternatives = xunit.getalttrans()
    if element.get(_tms("mt-engine")) is not None and alternatives:
        score = alternatives[0].xmlelement.get("match-quality")
        item.machine = MachineInfo(element.get(_tms("mt-engine")), alternatives[0].target or "",
                                   element.get(_tms("mt-date")) or "", float(score) if score else None)
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


def import_translations(project: Project, path: Path, *, by: str = "") -> ImportReport:
    """Merge a translated XLIFF file into its catalog, by unit key, under the catalog's lock."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    article_id, lang, source_language, incoming = read_xliff(data, str(path))
    get_language(lang)
    project.require_article(article_id)
    po_path = project.po_path(article_id, lang)
    if not po_path.is_file():
        raise NotFound(f"{path}: {article_id} has no {get_language(lang).name} catalog ({project.relative(po_path)})")
    report = ImportReport(article_id, lang, project.relative(po_path))
    approver = by or f"xliff:{path.name}"
    with locked(po_path):
        catalog = load_catalog(po_path)
        if source_language and catalog.source_language and source_language != catalog.source_language:
            raise InputError(f"{path}: the file translates from {source_language!r}, "
                             f"but {article_id} is written in {catalog.source_language!r}")
        for item in incoming:
            _merge(catalog, item, report, approver)
        if report.updated:
            catalog.headers["PO-Revision-Date"] = gettext_date()
            save_catalog(po_path, catalog)
    return report


def _merge(catalog: Catalog, item: Incoming, report: ImportReport, approver: str) -> None:
    unit = catalog.find(item.key)
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
        # As the PO reader decides: machine output only while the text is still the engine's.
        is_machine = unit.machine is not None and unit.machine.text == unit.target and unit.previous_source is None
        unit.state, unit.approval = (SegmentState.MACHINE if is_machine else SegmentState.NEEDS_EDITING), None
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
    catalogs = 0
    for article_id in chosen:
        path = project.po_path(article_id, lang)
        if not path.is_file():
            continue
        catalog = load_catalog(path)
        catalogs += 1
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
    return MemoryExport(bytes(store), len(pairs), catalogs)
