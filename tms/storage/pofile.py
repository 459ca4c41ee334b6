"""Reading and writing gettext PO and POT files as ``tms.model.Catalog``.

Segment states, provenance and certification must survive GNU ``msgmerge`` and ``msgcat``, which drop
unknown ``#,`` flags. So tms keeps gettext's own ``fuzzy`` flag for machine output and segments needing
edits, and everything else in translator comments (``# tms: ...``) and header fields (``X-TMS-...``),
which both tools keep:

    # tms: mt engine=memory date=2026-11-23T10:00:00Z score=92.0 origin=imported%20from%20archive.tmx
    # tms-mt: "the machine's translation, JSON-quoted"
    # tms: approved by=alice date=2026-11-23T10:05:00Z digest=1a2b3c4d5e
    # tms: ignore=numbers,dates
    #. tms: role=paragraph block=3 sentence=1
    #: originals/<id>.md:12

A state is derived when a file is read, so edits made in Poedit or by the GNU tools are honoured: an
approval whose digest no longer matches the text is a plain translation; machine output a person has
changed, or that ``msgmerge`` matched to an edited source, needs editing.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import IO
from urllib.parse import quote, unquote

from tms.errors import CatalogError
from tms.model import (
    Approval,
    Catalog,
    Certification,
    Location,
    MachineInfo,
    Role,
    SegmentState,
    Unit,
    text_digest,
)
from tms.storage.files import atomic_write
from tms.storage.poparser import PoEntry, collector_paused, parse_entries, parse_header, parse_po

_OWN = "tms:"
_OWN_MT = "tms-mt:"
_HEADER_ORDER = (
    "Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
    "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
    "Content-Transfer-Encoding", "Plural-Forms",
)


# -- reading --------------------------------------------------------------------------------------
def read_catalog(stream: IO[str], name: str = "<catalog>") -> Catalog:
    """Parse PO or POT text from ``stream``; ``CatalogError`` with file and line on bad syntax."""
    return parse_catalog(stream.read(), name)


def load_catalog(path: Path) -> Catalog:
    """Read the PO or POT file at ``path``."""
    return parse_catalog(read_po_text(path), str(path))


def read_po_text(path: Path) -> str:
    """The text of the PO or POT file at ``path``; ``CatalogError`` (with the line) if it is not UTF-8."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError(path, "no such catalog") from None
    except OSError as exc:
        raise CatalogError(path, f"cannot read: {exc.strerror}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError(path, "not valid UTF-8 (tms catalogs are UTF-8)", line) from exc
    return text


def has_same_units(path: Path, units_text: str, is_source_unofficial: bool) -> bool:
    """True when the catalog at ``path`` holds exactly the entries of ``units_text`` (as ``format_units``
    writes them) and says the same of its source being an unofficial translation.

    The entries are compared as text, without being parsed: a cheap test for an import that changes nothing.
    """
    header, _, body = read_po_text(path).partition("\n\n")
    entries = parse_entries(header, str(path))
    headers = parse_header(entries[0].msgstr) if entries and entries[0].msgid == "" else {}
    return body == units_text.lstrip("\n") and _is_source_unofficial(headers) == is_source_unofficial


def _is_source_unofficial(headers: dict[str, str]) -> bool:
    return headers.get("X-TMS-Source-Unofficial", "").lower() == "yes"


def gettext_date(now: datetime | None = None) -> str:
    """A timestamp in the form gettext headers use ("2026-11-23 14:10+0000")."""
    return (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M%z")


def parse_catalog(text: str, name: str = "<catalog>") -> Catalog:
    """Parse the PO or POT ``text``; ``name`` is used in error messages."""
    with collector_paused():
        headers, entries = parse_po(text, name)
        units = [decode_entry(entry, name) for entry in entries]
    return catalog_from(headers, units, name)


def catalog_from(headers: dict[str, str], units: list[Unit], name: str = "<catalog>") -> Catalog:
    """The catalog with these header fields and units; ``name`` ends in ``.pot`` for a template."""
    catalog = Catalog(
        article_id=headers.get("X-TMS-Article", Path(name).stem),
        language=headers.get("Language") or None,
        source_language=headers.get("X-Source-Language", ""),
        units=units,
        headers=headers,
        certification=_decode_certification(headers.get("X-TMS-Certified", "")),
        is_source_unofficial=_is_source_unofficial(headers),
    )
    if name.endswith(".pot"):
        catalog.language = None
    return catalog


#: Characters an origin keeps as they are in the ``# tms: mt`` comment; spaces and the rest are %-escaped.
_ORIGIN_SAFE = "/:.,()+-_@"


def _fields(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for token in text.split():
        key, sep, value = token.partition("=")
        out[key] = value if sep else ""
    return out


def decode_entry(entry: PoEntry, name: str = "<catalog>") -> Unit:
    """The unit of one parsed PO entry, its tms comments decoded and its state derived."""
    unit = Unit(
        source=entry.msgid,
        target=entry.msgstr,
        context=entry.msgctxt,
        references=entry.references,
        previous_source=entry.previous_msgid or None,
        flags=[f for f in entry.flags if f != "fuzzy"],
        source_plural=entry.msgid_plural or None,
        plural_targets=entry.msgstr_plural,
        is_obsolete=entry.is_obsolete,
    )
    approval_digest = None
    for line in entry.tcomments:
        if line.startswith(_OWN_MT):
            raw = line[len(_OWN_MT):].strip()
            try:
                text = json.loads(raw)
            except ValueError:
                raise CatalogError(name, f"entry {entry.msgid[:40]!r}: bad 'tms-mt' comment", entry.line) from None
            unit.machine = unit.machine or MachineInfo(engine="", text="")
            unit.machine.text = text
        elif line.startswith(_OWN):
            kind, _, rest = line[len(_OWN):].strip().partition(" ")
            fields = _fields(rest)
            if kind == "mt":
                score = fields.get("score")
                text = unit.machine.text if unit.machine else ""
                unit.machine = MachineInfo(fields.get("engine", ""), text, fields.get("date", ""),
                                           float(score) if score else None, unquote(fields.get("origin", "")))
            elif kind == "approved":
                unit.approval = Approval(fields.get("by", ""), fields.get("date", ""))
                approval_digest = fields.get("digest", "")
            elif kind.startswith("ignore="):
                unit.ignored_checks |= {c for c in kind[len("ignore="):].split(",") if c}
        else:
            unit.comments.append(line)
    for line in entry.extracted:
        if line.startswith(_OWN):
            unit.location = _decode_location(_fields(line[len(_OWN):]), unit.references)
        else:
            unit.extracted.append(line)
    unit.state = _derive_state(unit, "fuzzy" in entry.flags, approval_digest)
    if unit.state is not SegmentState.APPROVED:
        unit.approval = None
    return unit


def _derive_state(unit: Unit, is_fuzzy: bool, approval_digest: str | None) -> SegmentState:
    targets = [unit.target] if unit.source_plural is None else list(unit.plural_targets.values())
    if not targets or not all(targets):
        return SegmentState.UNTRANSLATED
    if is_fuzzy:
        if unit.machine and unit.machine.text == unit.target and unit.previous_source is None:
            return SegmentState.MACHINE
        return SegmentState.NEEDS_EDITING
    if unit.approval and approval_digest == text_digest(unit.target):
        return SegmentState.APPROVED
    return SegmentState.TRANSLATED


def _decode_location(fields: dict[str, str], references: list[str]) -> Location | None:
    try:
        role = Role(fields.get("role", "paragraph"))
        line = 0
        if references:
            _, _, tail = references[0].rpartition(":")
            line = int(tail) if tail.isdigit() else 0
        return Location(
            role=role,
            block=int(fields.get("block", 0)),
            sentence=int(fields.get("sentence", 0)),
            level=int(fields.get("level", 0)),
            marker=fields.get("marker", ""),
            is_glued="glued" in fields,
            line=line,
        )
    except ValueError:
        return None


def _decode_certification(value: str) -> Certification | None:
    if not value:
        return None
    fields = {k.strip(): v.strip() for k, _, v in (p.partition("=") for p in value.split(";")) if k.strip()}
    if not fields.get("digest"):
        return None
    return Certification(fields.get("by", ""), fields.get("date", ""), fields["digest"])


# -- writing --------------------------------------------------------------------------------------
def format_catalog(catalog: Catalog, units_text: str | None = None) -> str:
    """The catalog as PO (or POT) text, with tms's states encoded as described above.

    ``units_text``, from ``format_units``, saves formatting the same units again for each language.
    """
    body = format_units(catalog.units) if units_text is None else units_text
    return format_header(catalog) + body


def format_header(catalog: Catalog) -> str:
    """The header entry of the catalog, followed by a blank line."""
    headers = dict(catalog.headers)
    if catalog.certification:
        c = catalog.certification
        headers["X-TMS-Certified"] = f"by={c.by}; date={c.date}; digest={c.digest}"
    else:
        headers.pop("X-TMS-Certified", None)
    ordered = [k for k in _HEADER_ORDER if k in headers] + [k for k in headers if k not in _HEADER_ORDER]
    header_text = "".join(f"{key}: {headers[key]}\n" for key in ordered)
    return 'msgid ""\n' + _field("msgstr", header_text)


def format_units(units) -> str:
    """The entries of a catalog as PO text, active ones first, each preceded by a blank line."""
    active = [u for u in units if not u.is_obsolete]
    obsolete = [u for u in units if u.is_obsolete]
    return "".join("\n" + format_unit(unit) for unit in active + obsolete)


def write_catalog(stream: IO[str], catalog: Catalog) -> None:
    """Write the catalog as PO text to ``stream``."""
    stream.write(format_catalog(catalog))


def save_catalog(path: Path, catalog: Catalog, *, units_text: str | None = None, durable: bool = True) -> None:
    """Write the catalog to ``path`` atomically (``durable``: flushed to disk before the rename)."""
    atomic_write(path, format_catalog(catalog, units_text), durable=durable)


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\t", "\\t").replace("\r", "\\r"))


def _field(keyword: str, value: str, prefix: str = "") -> str:
    if "\n" in value[:-1]:
        parts = value.splitlines(keepends=True)
        body = "".join(f'{prefix}"{_escape(p)}"\n' for p in parts)
        return f'{prefix}{keyword} ""\n{body}'
    return f'{prefix}{keyword} "{_escape(value)}"\n'


def _comment_lines(unit: Unit) -> list[str]:
    lines = [f"# {c}".rstrip() for c in unit.comments]
    if unit.ignored_checks:
        lines.append(f"# {_OWN} ignore={','.join(sorted(unit.ignored_checks))}")
    if unit.machine:
        m = unit.machine
        score = f" score={m.score:g}" if m.score is not None else ""
        origin = f" origin={quote(m.origin, safe=_ORIGIN_SAFE)}" if m.origin else ""
        lines.append(f"# {_OWN} mt engine={m.engine or 'unknown'} date={m.date or '-'}{score}{origin}")
        lines.append(f"# {_OWN_MT} {json.dumps(m.text, ensure_ascii=False)}")
    if unit.state is SegmentState.APPROVED and unit.approval:
        a = unit.approval
        lines.append(f"# {_OWN} approved by={a.by or '-'} date={a.date or '-'} digest={text_digest(unit.target)}")
    lines += [f"#. {c}".rstrip() for c in unit.extracted]
    if unit.location:
        lines.append(f"#. {_OWN} {format_location(unit.location)}")
    if unit.references and not unit.is_obsolete:
        lines.append("#: " + " ".join(unit.references))
    flags = (["fuzzy"] if unit.is_fuzzy else []) + unit.flags
    if flags:
        lines.append("#, " + ", ".join(flags))
    return lines


def format_location(loc: Location) -> str:
    """The ``#. tms:`` comment that records where a segment stands."""
    parts = [f"role={loc.role.value}", f"block={loc.block}", f"sentence={loc.sentence}"]
    if loc.level:
        parts.append(f"level={loc.level}")
    if loc.marker:
        parts.append(f"marker={loc.marker}")
    if loc.is_glued:
        parts.append("glued")
    return " ".join(parts)


def format_unit(unit: Unit) -> str:
    """One entry as PO text, ending with a newline (no blank line before it)."""
    out = [line + "\n" for line in _comment_lines(unit)]
    prefix = "#~ " if unit.is_obsolete else ""
    if unit.previous_source is not None and not unit.is_obsolete:
        out.append(_field("msgid", unit.previous_source, "#| "))
    if unit.context is not None:
        out.append(_field("msgctxt", unit.context, prefix))
    out.append(_field("msgid", unit.source, prefix))
    if unit.source_plural is not None:
        out.append(_field("msgid_plural", unit.source_plural, prefix))
        for index in sorted(unit.plural_targets) or [0]:
            out.append(_field(f"msgstr[{index}]", unit.plural_targets.get(index, ""), prefix))
    else:
        out.append(_field("msgstr", unit.target, prefix))
    return "".join(out)
