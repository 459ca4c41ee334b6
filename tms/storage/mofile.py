"""Writing and reading compiled gettext catalogs (GNU ``.mo`` files).

The writer produces what GNU ``msgfmt`` produces from the same PO file, byte for byte: the header entry
first, the messages sorted by ``msgctxt EOT msgid`` as ``strcmp`` orders them, and the hash table that
``gettext()`` uses for look-ups (size ``next_prime(4n/3)``, ``hashpjw`` with double hashing, as in GNU
gettext's ``write-mo.c``). Apart from the sort it is linear in the catalog's size, where polib's and
Babel's writers are quadratic; large catalogs are hashed with numpy.

Which entries are compiled follows ``msgfmt``: translated and approved units only, plus machine output
and segments needing edits (gettext's *fuzzy* entries) with ``use_fuzzy``; never untranslated or obsolete
units. The header entry is written whatever its fuzzy flag, as the PO file holds it (field order, odd
lines, spacing), less its first ``POT-Creation-Date`` line, which msgfmt leaves out so that builds are
reproducible. Two cases
differ on purpose: a plural entry with an empty form is untranslated to tms and left out (msgfmt keeps
it), and a catalog with neither header nor messages still gives a valid file (msgfmt writes none).
"""
from __future__ import annotations

import struct
from array import array
from itertools import accumulate
from operator import itemgetter
from pathlib import Path
from typing import IO

from tms.errors import CatalogError
from tms.model import Catalog, SegmentState, Unit
from tms.storage.files import atomic_write
from tms.storage.pofile import header_msgstr, read_po_text
from tms.storage.poparser import PoEntry, parse_header, split_header

MAGIC = 0x950412DE
_HEADER_SIZE = 28
_TRANSLATED = frozenset({SegmentState.TRANSLATED, SegmentState.APPROVED})
_FUZZY_AND_TRANSLATED = _TRANSLATED | {SegmentState.MACHINE, SegmentState.NEEDS_EDITING}
_CONTEXT_SEPARATOR = "\x04"
#: The header line msgfmt does not copy into .mo files (its first only, at the start of a line, case as is).
_LEFT_OUT_LINE = "POT-Creation-Date:"
#: Below this many key bytes, hashing in plain Python is faster than setting up numpy.
_VECTOR_THRESHOLD = 200_000


# -- writing --------------------------------------------------------------------------------------
def compiled_units(catalog: Catalog, *, use_fuzzy: bool = False) -> list[Unit]:
    """The units ``msgfmt`` would compile: translated and approved, plus fuzzy ones with ``use_fuzzy``."""
    wanted = _FUZZY_AND_TRANSLATED if use_fuzzy else _TRANSLATED
    return [unit for unit in catalog.units if unit.state in wanted and not unit.is_obsolete]


def mo_header(msgstr: str) -> str:
    """The translation of the empty msgid in the .mo file: the header's msgstr as written, less its first
    ``POT-Creation-Date:`` line, as msgfmt writes it."""
    if msgstr.startswith(_LEFT_OUT_LINE):
        start = 0
    else:
        found = msgstr.find("\n" + _LEFT_OUT_LINE)
        if found == -1:
            return msgstr
        start = found + 1
    end = msgstr.find("\n", start)
    return msgstr[:start] + ("" if end == -1 else msgstr[end + 1:])


def _message(context: str | None, source: str, source_plural: str | None, target: str,
             plural_targets: dict[int, str]) -> tuple[bytes, bytes, bytes]:
    """(lookup key, original, translation) of one message, as stored in the file."""
    key = (source if context is None else f"{context}{_CONTEXT_SEPARATOR}{source}").encode()
    if source_plural is None:
        return key, key, target.encode()
    forms = [plural_targets[index] for index in sorted(plural_targets)]
    return key, key + b"\x00" + source_plural.encode(), "\x00".join(forms).encode()


def format_mo(catalog: Catalog, *, use_fuzzy: bool = False) -> bytes:
    """The catalog compiled into the bytes of a GNU ``.mo`` file."""
    messages = [_message(u.context, u.source, u.source_plural, u.target, u.plural_targets)
                for u in compiled_units(catalog, use_fuzzy=use_fuzzy)]
    return _finish(messages, mo_header(header_msgstr(catalog)), f"{catalog.article_id} ({catalog.language})")


def format_mo_from_po(path: Path, *, use_fuzzy: bool = False) -> bytes:
    """The PO file at ``path`` compiled into ``.mo`` bytes, straight from its entries.

    The same bytes as ``format_mo(load_catalog(path))`` in about half the time: the states that decide
    what is compiled need only gettext's own fields (a translation in every form, the ``fuzzy`` flag,
    obsolescence), so tms's comments are not decoded.
    """
    header, entries = split_header(read_po_text(path), str(path))
    messages = [_message(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, e.msgstr_plural)
                for e in entries if _is_compiled(e, use_fuzzy)]
    return _finish(messages, mo_header(header.msgstr) if header is not None else "", str(path))


def _is_compiled(entry: PoEntry, use_fuzzy: bool) -> bool:
    """What ``compiled_units`` selects, read off the entry: every form translated, fuzzy only when asked."""
    if entry.is_obsolete or (not use_fuzzy and "fuzzy" in entry.flags):
        return False
    targets = entry.msgstr_plural.values() if entry.msgid_plural is not None else (entry.msgstr,)
    return bool(targets) and all(targets)


def _finish(messages: list[tuple[bytes, bytes, bytes]], header: str, label: str) -> bytes:
    if header:
        messages.append((b"", b"", header.encode()))
    # msgfmt orders by strcmp, which stops at the NUL before msgid_plural: by the key, bytewise.
    messages.sort(key=itemgetter(0))
    _refuse_duplicates(messages, label)
    return _build(messages)


def _refuse_duplicates(messages: list[tuple[bytes, bytes, bytes]], label: str) -> None:
    keys = [key for key, _, _ in messages]
    if len(set(keys)) == len(keys):
        return
    duplicate = next(after for before, after in zip(keys, keys[1:]) if before == after)
    shown = duplicate.decode().replace(_CONTEXT_SEPARATOR, " | ")
    raise CatalogError(label, f"two entries with the same msgctxt and msgid {shown[:60]!r}; remove one")


def _build(messages: list[tuple[bytes, bytes, bytes]]) -> bytes:
    count = len(messages)
    hash_size = hash_table_size(count)
    originals_at = _HEADER_SIZE
    translations_at = originals_at + 8 * count
    hash_at = translations_at + 8 * count
    strings_at = hash_at + 4 * hash_size
    strings = [original for _, original, _ in messages] + [translation for _, _, translation in messages]
    lengths = list(map(len, strings))
    # each string is followed by its NUL, so the next one starts one byte after its end
    offsets = list(accumulate((length + 1 for length in lengths[:-1]), initial=strings_at)) if strings else []
    descriptors = array("I", [0]) * (2 * len(strings))
    descriptors[0::2] = array("I", lengths)
    descriptors[1::2] = array("I", offsets)
    hash_table = _hash_table([key for key, _, _ in messages], hash_size)
    head = struct.pack("=7I", MAGIC, 0, count, originals_at, translations_at, hash_size, hash_at)
    body = b"\x00".join(strings) + b"\x00" if strings else b""
    return b"".join((head, descriptors.tobytes(), hash_table.tobytes(), body))


def hash_table_size(count: int) -> int:
    """The hash table size GNU ``msgfmt`` chooses for ``count`` messages: the next prime above 4n/3, at least 3."""
    size = _next_prime(count * 4 // 3)
    return max(size, 3)


def _next_prime(seed: int) -> int:
    candidate = seed | 1
    while not _is_prime(candidate):
        candidate += 2
    return candidate


def _is_prime(candidate: int) -> bool:
    # gettext's is_prime: trial division by odd numbers; 1 counts as prime there, as here.
    divisor = 3
    square = divisor * divisor
    while square < candidate and candidate % divisor != 0:
        divisor += 1
        square += 4 * divisor
        divisor += 1
    return candidate % divisor != 0


def hash_string(data: bytes) -> int:
    """GNU gettext's ``hashpjw`` of a message key (up to its first NUL), as computed on 64-bit hosts."""
    value = 0
    for byte in data.split(b"\x00", 1)[0]:
        value = (value << 4) + byte
        if value >= 0x10000000:
            # fold the bits above 28 back in: hval ^= g >> 24; hval ^= g
            value = (value & 0x0FFFFFFF) ^ ((value >> 24) & 0x1F0)
    return value


def _hashes(keys: list[bytes]) -> list[int]:
    """``hash_string`` of every key; vectorised over the keys for large catalogs."""
    if sum(map(len, keys)) < _VECTOR_THRESHOLD:
        return [hash_string(key) for key in keys]
    import numpy as np  # only large catalogs pay for loading it

    count = len(keys)
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=count)
    order = np.argsort(-lengths, kind="stable")
    ordered_lengths = lengths[order]
    flat = np.frombuffer(b"".join([keys[i] for i in order.tolist()]), dtype=np.uint8)
    starts = np.zeros(count, dtype=np.int64)
    np.cumsum(ordered_lengths[:-1], out=starts[1:])
    # Longest keys first, so the keys still being hashed at byte p are always a prefix.
    active = np.searchsorted(-ordered_lengths, -np.arange(int(ordered_lengths[0]) if count else 0), side="left")
    values = np.zeros(count, dtype=np.uint64)
    for position, alive in enumerate(active.tolist()):
        value = (values[:alive] << 4) + flat[starts[:alive] + position]
        values[:alive] = (value & 0x0FFFFFFF) ^ ((value >> 24) & 0x1F0)
    result = np.empty(count, dtype=np.uint64)
    result[order] = values
    return result.tolist()


def _hash_table(keys: list[bytes], size: int) -> array:
    table = [0] * size
    for index, value in enumerate(_hashes(keys), start=1):
        slot = value % size
        if table[slot]:
            step = 1 + value % (size - 2)
            while table[slot]:
                slot = slot - (size - step) if slot >= size - step else slot + step
        table[slot] = index
    return array("I", table)


def write_mo(stream: IO[bytes], catalog: Catalog, *, use_fuzzy: bool = False) -> None:
    """Write the compiled catalog to the binary ``stream``."""
    stream.write(format_mo(catalog, use_fuzzy=use_fuzzy))


def save_mo(path: Path, catalog: Catalog, *, use_fuzzy: bool = False) -> None:
    """Compile the catalog into the ``.mo`` file at ``path``, atomically."""
    atomic_write(path, format_mo(catalog, use_fuzzy=use_fuzzy))


# -- reading --------------------------------------------------------------------------------------
def parse_mo(data: bytes, name: str = "<mo>") -> Catalog:
    """The messages of a ``.mo`` file as a catalog of translated units; ``CatalogError`` if it is corrupt."""
    if len(data) < _HEADER_SIZE:
        raise CatalogError(name, f"not a gettext .mo file: only {len(data)} bytes")
    for order in "<>":
        magic, revision, count, originals_at, translations_at = struct.unpack_from(f"{order}5I", data)
        if magic == MAGIC:
            break
    else:
        raise CatalogError(name, "not a gettext .mo file (wrong magic number); compile it again with 'tms compile'")
    if revision >> 16 > 1:
        raise CatalogError(name, f"unsupported .mo format revision {revision >> 16}.{revision & 0xFFFF}")
    for table_at in (originals_at, translations_at):
        if table_at + 8 * count > len(data):
            raise CatalogError(name, f"truncated .mo file: its table at byte {table_at} runs past the end")
    originals = struct.unpack_from(f"{order}{2 * count}I", data, originals_at)
    translations = struct.unpack_from(f"{order}{2 * count}I", data, translations_at)
    catalog = Catalog(Path(name).stem, None, "")
    for index in range(count):
        original = _string(data, originals, index, name)
        translation = _string(data, translations, index, name)
        if not original:
            catalog.headers = parse_header(translation)
            continue
        catalog.units.append(_unit(original, translation))
    catalog.language = catalog.headers.get("Language") or None
    catalog.source_language = catalog.headers.get("X-Source-Language", "")
    catalog.article_id = catalog.headers.get("X-TMS-Article", catalog.article_id)
    return catalog


def _string(data: bytes, table: tuple[int, ...], index: int, name: str) -> str:
    length, offset = table[2 * index], table[2 * index + 1]
    if offset + length > len(data):
        raise CatalogError(name, f"corrupt .mo file: string {index} (at byte {offset}) runs past the end")
    try:
        return data[offset:offset + length].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogError(name, f"corrupt .mo file: string {index} at byte {offset} is not UTF-8") from exc


def _unit(original: str, translation: str) -> Unit:
    context = None
    if _CONTEXT_SEPARATOR in original:
        context, original = original.split(_CONTEXT_SEPARATOR, 1)
    source, has_plural, plural = original.partition("\x00")
    unit = Unit(source=source, context=context, state=SegmentState.TRANSLATED)
    if has_plural:
        unit.source_plural = plural
        unit.plural_targets = dict(enumerate(translation.split("\x00")))
    else:
        unit.target = translation
    return unit


def read_mo(stream: IO[bytes], name: str = "<mo>") -> Catalog:
    """Read a compiled catalog from the binary ``stream``."""
    return parse_mo(stream.read(), name)


def load_mo(path: Path) -> Catalog:
    """Read the ``.mo`` file at ``path``."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise CatalogError(path, "no such compiled catalog; run 'tms compile'") from None
    except OSError as exc:
        raise CatalogError(path, f"cannot read: {exc.strerror}") from exc
    return parse_mo(data, str(path))
