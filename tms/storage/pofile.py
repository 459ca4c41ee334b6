"""Reading and writing gettext PO and POT files as ``tms.model.Catalog``.

Segment states, provenance and certification must survive GNU ``msgmerge`` and ``msgcat``, which drop
unknown ``#,`` flags. So tms keeps gettext's own ``fuzzy`` flag for machine output and segments needing
edits, and everything else in translator comments (``# tms: ...``) and header fields (``X-TMS-...``),
which both tools keep:

    # tms: mt engine=memory date=2026-11-23T10:00:00Z score=92.0 origin=imported%20from%20archive.tmx
    # tms: mt engine=apertium pivot=es date=2026-11-23T10:00:00Z      (translated through Spanish)
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

import codecs
import json
import re
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
from tms.storage.polines import GNU_WIDTH, field_lines, reference_lines
from tms.storage.poparser import PoEntry, collector_paused, parse_entries, parse_header, split_header

_OWN = "tms:"
_OWN_MT = "tms-mt:"
_CHARSET = re.compile(rb"Content-Type:[^\n\"]*?charset=([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
_UTF8_NAMES = frozenset({"utf-8", "utf8", "charset", "ascii", "us-ascii"})


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
    return decode_po(data, path)


def decode_po(data: bytes, name="<catalog>") -> str:
    """The text of PO bytes in the charset their header declares, relabelled UTF-8 when it was another:
    tms writes UTF-8 only. ``CatalogError`` with the line for an unknown charset or bytes not in it."""
    found = _CHARSET.search(data)
    charset = found.group(1).decode("ascii") if found else "UTF-8"
    codec = "utf-8"
    if charset.lower() not in _UTF8_NAMES:
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            line = data[: found.start()].count(b"\n") + 1
            raise CatalogError(name, f"unknown charset {charset!r} in the header's Content-Type; "
                                     "convert the file to UTF-8 (msgconv --to-code=UTF-8)", line) from None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        why = "not valid UTF-8 (tms catalogs are UTF-8)" if codec == "utf-8" else f"not valid {charset} text"
        raise CatalogError(name, why, line) from exc
    if codec != "utf-8":
        start, end = found.span(1)
        text = data[:start].decode(codec) + "UTF-8" + data[end:].decode(codec)
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
        header, entries = split_header(text, name)
        units = [decode_entry(entry, name) for entry in entries]
    is_wrapped = any(entry.is_wrapped for entry in entries) or (header is not None and header.is_wrapped)
    catalog = catalog_from(parse_header(header.msgstr) if header else {}, units, name, header=header,
                           wrap_width=GNU_WIDTH if is_wrapped else 0)
    if header is not None:
        catalog.header_index = sum(1 for entry in entries if entry.line < header.line)
    return catalog


def catalog_from(headers: dict[str, str], units: list[Unit], name: str = "<catalog>", *,
                 header: PoEntry | None = None, wrap_width: int = 0) -> Catalog:
    """The catalog with these header fields and units; ``name`` ends in ``.pot`` for a template.

    ``header``: the header entry as read, whose comments and layout a save keeps.
    """
    catalog = Catalog(
        article_id=headers.get("X-TMS-Article", Path(name).stem),
        language=headers.get("Language") or None,
        source_language=headers.get("X-Source-Language", ""),
        units=units,
        headers=headers,
        certification=_decode_certification(headers.get("X-TMS-Certified", "")),
        is_source_unofficial=_is_source_unofficial(headers),
        header_comments=_entry_comment_lines(header) if header is not None else [],
        header_text=header.msgstr if header is not None else None,
        wrap_width=wrap_width,
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
        previous_source=entry.previous_msgid,
        flags=[f for f in entry.flags if f != "fuzzy"],
        source_plural=entry.msgid_plural,
        plural_targets=entry.msgstr_plural,
        is_obsolete=entry.is_obsolete,
        previous_context=entry.previous_msgctxt,
        previous_source_plural=entry.previous_msgid_plural,
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
                                           float(score) if score else None, pivot=fields.get("pivot", ""),
                                           origin=unquote(fields.get("origin", "")))
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
    unit.is_marked_fuzzy = unit.state is SegmentState.UNTRANSLATED and "fuzzy" in entry.flags
    if unit.state is not SegmentState.APPROVED:
        unit.approval = None
    return unit


def _derive_state(unit: Unit, is_fuzzy: bool, approval_digest: str | None) -> SegmentState:
    targets = [unit.target] if unit.source_plural is None else list(unit.plural_targets.values())
    if not targets or not all(targets):
        return SegmentState.UNTRANSLATED
    if is_fuzzy:
        return unit.unsure_state()
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
    if catalog.header_index and units_text is None:     # the header where the file had it
        active = [u for u in catalog.units if not u.is_obsolete]
        ordered = active + [u for u in catalog.units if u.is_obsolete]
        parts = [format_unit(unit, catalog.wrap_width) for unit in ordered]
        parts.insert(min(catalog.header_index, len(parts)), format_header(catalog))
        return "\n".join(parts)
    body = format_units(catalog.units, catalog.wrap_width) if units_text is None else units_text
    return format_header(catalog) + body


def format_header(catalog: Catalog) -> str:
    """The header entry of the catalog, followed by a blank line.

    The fields keep the order and layout they were read in (lines without a colon, a field written twice,
    spacing); a changed field is rewritten in its place, a new one is added at the end.
    """
    comments = "".join(line + "\n" for line in catalog.header_comments)
    return comments + 'msgid ""\n' + field_lines("msgstr", header_msgstr(catalog), width=catalog.wrap_width)


def header_msgstr(catalog: Catalog) -> str:
    """The header entry's msgstr as the catalog's file holds it: its fields (the certification among them)
    laid out as they were read."""
    headers = dict(catalog.headers)
    if catalog.certification:
        c = catalog.certification
        headers["X-TMS-Certified"] = f"by={c.by}; date={c.date}; digest={c.digest}"
    else:
        headers.pop("X-TMS-Certified", None)
    return header_text(headers, catalog.header_text)


def header_text(headers: dict[str, str], written: str | None = None) -> str:
    """The header's msgstr for these fields, laid out as ``written`` (the msgstr as read) where it can be."""
    if written is None:
        return "".join(f"{key}: {value}\n" for key, value in headers.items())
    if parse_header(written) == headers:
        return written
    out, seen, skipping = [], set(), False
    for line in written.splitlines(keepends=True):
        field, colon, value = line.partition(":")
        if colon and field not in seen:
            seen.add(field)
            skipping = False
            if field not in headers:
                skipping = True
            elif value.strip() == headers[field]:       # as parse_header reads a one-line field
                out.append(line)
            else:
                out.append(f"{field}: {headers[field]}\n")
                skipping = True         # the value's continuation lines, if any, are replaced too
        elif not (skipping and not colon):
            skipping = False
            out.append(line)
    if out and not out[-1].endswith("\n"):
        out[-1] += "\n"
    out += [f"{key}: {value}\n" for key, value in headers.items() if key not in seen]
    return "".join(out)


def format_units(units, width: int = 0) -> str:
    """The entries of a catalog as PO text, active ones first, each preceded by a blank line."""
    active = [u for u in units if not u.is_obsolete]
    obsolete = [u for u in units if u.is_obsolete]
    return "".join("\n" + format_unit(unit, width) for unit in active + obsolete)


def write_catalog(stream: IO[str], catalog: Catalog) -> None:
    """Write the catalog as PO text to ``stream``."""
    stream.write(format_catalog(catalog))


def save_catalog(path: Path, catalog: Catalog, *, units_text: str | None = None, durable: bool = True) -> None:
    """Write the catalog to ``path`` atomically (``durable``: flushed to disk before the rename)."""
    atomic_write(path, format_catalog(catalog, units_text), durable=durable)


def _comment(marker: str, text: str) -> str:
    return f"{marker} {text}" if text else marker


def _entry_comment_lines(entry: PoEntry) -> list[str]:
    """The comment lines of a parsed entry, as GNU writes them (the header's are kept this way)."""
    lines = [_comment("#", c) for c in entry.tcomments] + [_comment("#.", c) for c in entry.extracted]
    lines += reference_lines(entry.references)
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    return lines


def _comment_lines(unit: Unit, width: int = 0) -> list[str]:
    lines = [_comment("#", c) for c in unit.comments]
    if unit.ignored_checks:
        lines.append(f"# {_OWN} ignore={','.join(sorted(unit.ignored_checks))}")
    if unit.machine:
        m = unit.machine
        score = f" score={m.score:g}" if m.score is not None else ""
        pivot = f" pivot={m.pivot}" if m.pivot else ""
        origin = f" origin={quote(m.origin, safe=_ORIGIN_SAFE)}" if m.origin else ""
        lines.append(f"# {_OWN} mt engine={m.engine or 'unknown'}{pivot} date={m.date or '-'}{score}{origin}")
        lines.append(f"# {_OWN_MT} {json.dumps(m.text, ensure_ascii=False)}")
    if unit.state is SegmentState.APPROVED and unit.approval:
        a = unit.approval
        lines.append(f"# {_OWN} approved by={a.by or '-'} date={a.date or '-'} digest={text_digest(unit.target)}")
    lines += [_comment("#.", c) for c in unit.extracted]
    if unit.location:
        lines.append(f"#. {_OWN} {format_location(unit.location)}")
    lines += reference_lines(unit.references, width)
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


def format_unit(unit: Unit, width: int = 0) -> str:
    """One entry as PO text, ending with a newline (no blank line before it); ``width``: the page width its
    strings are wrapped at (0: not wrapped)."""
    if "no-wrap" in unit.flags:
        width = 0       # as msgcat leaves such an entry's strings unwrapped
    out = [line + "\n" for line in _comment_lines(unit, width)]
    prefix = "#~ " if unit.is_obsolete else ""
    previous = "#~| " if unit.is_obsolete else "#| "
    for keyword, value in (("msgctxt", unit.previous_context), ("msgid", unit.previous_source),
                           ("msgid_plural", unit.previous_source_plural)):
        if value is not None:
            out.append(field_lines(keyword, value, previous, width))
    if unit.context is not None:
        out.append(field_lines("msgctxt", unit.context, prefix, width))
    out.append(field_lines("msgid", unit.source, prefix, width))
    if unit.source_plural is not None:
        out.append(field_lines("msgid_plural", unit.source_plural, prefix, width))
        for index in sorted(unit.plural_targets) or [0]:
            out.append(field_lines(f"msgstr[{index}]", unit.plural_targets.get(index, ""), prefix, width))
    else:
        out.append(field_lines("msgstr", unit.target, prefix, width))
    return "".join(out)
