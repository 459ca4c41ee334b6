"""Parsed catalogs kept per process, and edits of one catalog that rewrite only what changed.

A review server reads the same catalogs again and again, and a save of one segment reads and writes a
whole PO file. Parsing and formatting a file costs more than the rest of such a save, so this module
keeps, per process, the catalogs read last together with their text cut the way tms writes it: the
header and then one entry per chunk, the chunks separated by a blank line.

- ``read_shared`` compares the file's text with the cached one. When the file has changed since (another
  worker saved it), only the chunks that differ are parsed again; a save changes the header and one entry.
- ``CatalogDraft`` copies the catalog and each unit it hands out for changing, so the shared parse is never
  modified, and writes the file with only the header and the changed entries formatted anew; every other
  byte is kept. A file not in that layout (hand-edited, Windows line ends, a comment before the header) is
  parsed and written whole, as ``load_catalog`` and ``save_catalog`` do.

The catalogs ``read_shared`` returns are shared by every caller in the process: treat them as read-only.
The cache needs no lock on the file to stay right: it is keyed by the file's text, not by its time stamp,
so a file replaced within one clock tick by another of the same size is never taken for the old one.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path

from tms.errors import CatalogError
from tms.model import Catalog, Unit
from tms.storage.files import atomic_write
from tms.storage.pofile import (
    catalog_from,
    decode_entry,
    format_catalog,
    format_header,
    format_unit,
    parse_catalog,
    read_po_text,
)
from tms.storage.polines import GNU_WIDTH
from tms.storage.poparser import collector_paused, is_header, parse_entries, parse_header

#: How many catalogs each process keeps; a catalog of 40 segments takes about 60 kB.
CACHE_SIZE = 256

_HEADER_START = 'msgid ""\n'


@dataclass(frozen=True)
class _Parsed:
    text: str
    chunks: tuple[str, ...] | None      # None: the file is not in tms's layout
    slots: tuple[int, ...]              # for catalog.units[i], the index of its chunk
    catalog: Catalog
    header: object = None               # the header entry as parsed (a PoEntry), when chunked


_lock = threading.Lock()
_cache: OrderedDict[str, _Parsed] = OrderedDict()


def read_shared(path: Path) -> Catalog:
    """The catalog at ``path``, parsed once per version of the file in this process. Read-only."""
    return _current(Path(path)).catalog


def forget(path: Path | None = None) -> None:
    """Drop the cached parse of ``path`` (of every catalog when None)."""
    with _lock:
        if path is None:
            _cache.clear()
        else:
            _cache.pop(str(path), None)


def _current(path: Path) -> _Parsed:
    name = str(path)
    text = read_po_text(path)
    with _lock:
        old = _cache.get(name)
    if old is not None and old.text == text:
        with _lock:
            if name in _cache:
                _cache.move_to_end(name)
        return old
    parsed = _parse_chunks(text, name, old)
    if parsed is None:
        parsed = _Parsed(text, None, (), parse_catalog(text, name))
    _remember(name, parsed)
    return parsed


def _remember(name: str, parsed: _Parsed) -> None:
    with _lock:
        _cache[name] = parsed
        _cache.move_to_end(name)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def _parse_chunks(text: str, name: str, old: _Parsed | None) -> _Parsed | None:
    """The parse of ``text`` chunk by chunk, reusing the units of ``old`` whose chunk is unchanged.

    None when the text is not in tms's layout, or has an error: the caller then parses it whole, which
    also reports the error with its line.
    """
    if "\r" in text or "\x00" in text or not (text.startswith(_HEADER_START) or text.startswith("#")):
        return None
    chunks = text.split("\n\n")
    known: dict[str, Unit] = {}
    if old is not None and old.chunks is not None:
        known = {old.chunks[slot]: unit for slot, unit in zip(old.slots, old.catalog.units)}
    try:
        with collector_paused():
            if old is not None and old.chunks is not None and old.chunks[0] == chunks[0] and old.header is not None:
                header = old.header         # (a draft's save leaves it None: its header chunk is new)
            else:
                header = _header_entry(chunks[0], name)
                if header is None:
                    return None
            is_wrapped = header.is_wrapped
            units, slots = [], []
            for index in range(1, len(chunks)):
                chunk = chunks[index]
                unit = known.get(chunk)
                if unit is None:
                    if not chunk.strip():
                        continue
                    entry = _only_entry(chunk, name)
                    if entry is None or is_header(entry):
                        return None
                    is_wrapped = is_wrapped or entry.is_wrapped
                    unit = decode_entry(entry, name)
                units.append(unit)
                slots.append(index)
    except CatalogError:
        return None
    if not _has_unique_keys(units):
        return None
    if old is not None and old.chunks is not None and old.catalog.wrap_width and not is_wrapped:
        is_wrapped = True       # unchanged entries were read wrapped before
    catalog = catalog_from(parse_header(header.msgstr), units, name, header=header,
                           wrap_width=GNU_WIDTH if is_wrapped else 0)
    return _Parsed(text, tuple(chunks), tuple(slots), catalog, header)


#: Header entries parsed lately, by their text: each save rewrites a catalog's header, but only its revision
#: date (to the minute) and translator change, so the other workers mostly meet a header they have parsed.
_headers: OrderedDict[str, object] = OrderedDict()
_HEADERS_KEPT = 512


def _header_entry(chunk: str, name: str):
    """The header entry that ``chunk`` holds (shared: read-only), or None if it holds something else."""
    with _lock:
        entry = _headers.get(chunk)
    if entry is not None:
        return entry
    entry = _only_entry(chunk, name)
    if entry is None or not is_header(entry):
        return None
    with _lock:
        _headers[chunk] = entry
        while len(_headers) > _HEADERS_KEPT:
            _headers.popitem(last=False)
    return entry


def _only_entry(chunk: str, name: str):
    entries = parse_entries(chunk, name)
    return entries[0] if len(entries) == 1 else None


def _has_unique_keys(units: list[Unit]) -> bool:
    seen = {(u.context, u.source) for u in units if not u.is_obsolete}
    return len(seen) == sum(1 for u in units if not u.is_obsolete)


class CatalogDraft:
    """One change of the catalog at ``path``; hold the file's lock from reading to ``save`` (``catalogs.edit``
    does both).

    ``catalog`` is the draft's own copy: its header fields and certification may be changed, and the units
    that ``unit`` or ``units`` hand out; the other units are the shared parse's, not to be changed.
    """

    def __init__(self, path: Path, *, defer_folder_flush: bool = False):
        self.path = Path(path)
        #: with ``defer_folder_flush``, a durable ``save`` leaves flushing the folder to the owner of the lock,
        #: once it has released it (``catalogs.edit``); True here until then
        self.folder_unflushed = False
        self._defer_folder_flush = defer_folder_flush
        self._base = _current(self.path)
        shared = self._base.catalog
        self.catalog = replace(shared, units=list(shared.units), headers=dict(shared.headers),
                               certification=replace(shared.certification) if shared.certification else None)
        self._changed: dict[int, Unit] = {}
        self._replaced: str | None = None

    def unit(self, key: str) -> Unit | None:
        """The active unit with this key, as a copy the draft will write; None if there is none."""
        for index, unit in enumerate(self.catalog.units):
            if not unit.is_obsolete and unit.key == key:
                return self._take(index)
        return None

    def units(self) -> list[Unit]:
        """Every unit (obsolete ones too), each a copy the draft will write, in catalog order."""
        return [self._take(index) for index in range(len(self.catalog.units))]

    def _take(self, index: int) -> Unit:
        if index not in self._changed:
            self._changed[index] = self.catalog.units[index] = self.catalog.units[index].copy()
        return self._changed[index]

    def replace_catalog(self, catalog: Catalog, *, units_text: str | None = None) -> None:
        """Write ``catalog`` in place of the one read (a merge with a new template); ``units_text`` as for
        ``format_catalog``."""
        self.catalog = catalog
        self._replaced = format_catalog(catalog, units_text)

    @property
    def is_changed(self) -> bool:
        """True when saving would change the file: a unit, a header field or the certification differs."""
        if self._replaced is not None:
            return self._replaced != self._base.text
        base, mine = self._base.catalog, self.catalog
        if (mine.headers, mine.certification, mine.is_source_unofficial) != (
                base.headers, base.certification, base.is_source_unofficial):
            return True
        return any(unit != base.units[index] for index, unit in self._changed.items())

    def save(self, *, durable: bool = True) -> None:
        """Write the catalog to its file atomically; the draft's catalog becomes the shared one (read-only
        from then on)."""
        base = self._base
        if self._replaced is not None:
            text = self._replaced
            parsed = _Parsed(text, None, (), self.catalog)
        elif base.chunks is None:
            text = format_catalog(self.catalog)
            parsed = _Parsed(text, None, (), self.catalog)
        else:
            chunks = list(base.chunks)
            chunks[0] = _in_place_of(chunks[0], format_header(self.catalog))
            for index, unit in self._changed.items():
                if unit != base.catalog.units[index]:
                    slot = base.slots[index]
                    chunks[slot] = _in_place_of(chunks[slot], format_unit(unit, self.catalog.wrap_width))
            text = "\n\n".join(chunks)
            parsed = _Parsed(text, tuple(chunks), base.slots, self.catalog)
        atomic_write(self.path, text, durable=durable, sync_folder=not self._defer_folder_flush)
        self.folder_unflushed = self.folder_unflushed or (durable and self._defer_folder_flush)
        _remember(str(self.path), parsed)
        # The saved catalog is now the shared one: the draft is done, and ``catalogs.edit`` will not save again.
        self._base, self._changed, self._replaced = parsed, {}, None


def _in_place_of(chunk: str, entry: str) -> str:
    """``entry`` (which ends with one newline) laid out as ``chunk`` was: with the same newlines after it."""
    body = chunk.rstrip("\n")
    return entry.rstrip("\n") + chunk[len(body):]
