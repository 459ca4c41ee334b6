"""The .mo writer against GNU msgfmt and Python's gettext, and the .mo reader against corrupt files."""
from __future__ import annotations

import gettext
import io
import random
import struct
import subprocess

import pytest

from tests.conftest import gettext_tool
from tms.errors import CatalogError
from tms.model import Catalog, MachineInfo, SegmentState, Unit
from tms.storage import mofile
from tms.storage.mofile import (
    compiled_units,
    format_mo,
    format_mo_from_po,
    hash_string,
    hash_table_size,
    load_mo,
    parse_mo,
    read_mo,
    save_mo,
    write_mo,
)
from tms.storage.pofile import load_catalog, save_catalog

HEADERS = {
    "Project-Id-Version": "tms mofa",
    "POT-Creation-Date": "2026-11-23 14:10+0000",
    "Language": "ru",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "X-Source-Language": "en",
    "X-TMS-Article": "mofa",
}


def _catalog() -> Catalog:
    """A Russian catalog with every kind of entry msgfmt treats differently."""
    T, A, M, N, U = (SegmentState.TRANSLATED, SegmentState.APPROVED, SegmentState.MACHINE,
                     SegmentState.NEEDS_EDITING, SegmentState.UNTRANSLATED)
    units = [
        Unit("Foreign Minister Yun met his counterparts.", "Министр Юн встретился с коллегами.", state=T),
        Unit("March 22", "22 марта", state=A),
        Unit("Open", "Открыть", context="menu", state=T),
        Unit("Open", "Открытый", state=T),
        Unit("Machine output", "Машинный перевод", state=M, machine=MachineInfo("memory", "Машинный перевод")),
        Unit("Needs editing", "Нужна правка", state=N),
        Unit("Not yet", "", state=U),
        Unit("%d country", "", source_plural="%d countries", state=T,
             plural_targets={0: "%d страна", 1: "%d страны", 2: "%d стран"}),
        Unit("%d minister", "", source_plural="%d ministers", context="count", state=M,
             plural_targets={0: "%d министр", 1: "%d министра", 2: "%d министров"}),
        Unit("Zebra ✓ Ärger 한국어 日本語", "Зебра", state=T),
        Unit("apple", "яблоко", state=T),
        Unit("Obsolete", "Устарело", state=T, is_obsolete=True),
    ]
    return Catalog("mofa", "ru", "en", units, dict(HEADERS))


def _msgfmt(po_path, mo_path, *extra: str) -> bytes:
    subprocess.run([gettext_tool("msgfmt"), *extra, "-o", str(mo_path), str(po_path)], check=True,
                   capture_output=True)
    return mo_path.read_bytes()


def _msgunfmt(mo_path) -> str:
    return subprocess.run([gettext_tool("msgunfmt"), str(mo_path)], check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.gettext
@pytest.mark.parametrize("use_fuzzy", [False, True])
def test_writer_means_what_msgfmt_writes(tmp_path, use_fuzzy):
    catalog = _catalog()
    po = tmp_path / "mofa.po"
    save_catalog(po, catalog)
    theirs = _msgfmt(po, tmp_path / "theirs.mo", *(["--use-fuzzy"] if use_fuzzy else []))
    ours_path = tmp_path / "ours.mo"
    save_mo(ours_path, catalog, use_fuzzy=use_fuzzy)
    assert _msgunfmt(ours_path) == _msgunfmt(tmp_path / "theirs.mo")
    # the same table order and the same hash table, not merely the same meaning
    assert ours_path.read_bytes() == theirs


@pytest.mark.parametrize("use_fuzzy", [False, True])
def test_compiling_straight_from_the_po_file_gives_the_same_bytes(tmp_path, use_fuzzy):
    catalog = _catalog()
    # an approval whose digest no longer matches, and a partly translated plural, read back from the file
    catalog.units.append(Unit("Stale approval", "Старое", state=SegmentState.APPROVED))
    catalog.units.append(Unit("%d day", "", source_plural="%d days", state=SegmentState.TRANSLATED,
                              plural_targets={0: "%d день", 1: "", 2: "%d дней"}))
    po = tmp_path / "mofa.po"
    save_catalog(po, catalog)
    po.write_text(po.read_text().replace('msgstr "Старое"', 'msgstr "Старое, но правленое"'))
    lean = format_mo_from_po(po, use_fuzzy=use_fuzzy)
    assert lean == format_mo(load_catalog(po), use_fuzzy=use_fuzzy)
    assert ("Машинный перевод".encode() in lean) is use_fuzzy
    assert "Старое, но правленое".encode() in lean and b"Obsolete" not in lean and b"Not yet" not in lean


def test_compiling_a_binary_file_as_po_is_refused(tmp_path):
    po = tmp_path / "mofa.po"
    po.write_bytes(format_mo(_catalog()))
    with pytest.raises(CatalogError, match="binary data|UTF-8"):
        format_mo_from_po(po)


@pytest.mark.gettext
def test_fuzzy_entries_are_left_out_unless_asked_for(tmp_path):
    catalog = _catalog()
    plain = _msgunfmt_of(tmp_path, catalog, use_fuzzy=False)
    fuzzy = _msgunfmt_of(tmp_path, catalog, use_fuzzy=True)
    assert "Machine output" not in plain and "Needs editing" not in plain and "%d minister" not in plain
    assert "Машинный перевод" in fuzzy and "Нужна правка" in fuzzy and "%d министров" in fuzzy
    for text in (plain, fuzzy):
        assert "Not yet" not in text and "Obsolete" not in text
        assert 'msgctxt "menu"' in text and "Plural-Forms: nplurals=3" in text


def _msgunfmt_of(tmp_path, catalog: Catalog, *, use_fuzzy: bool) -> str:
    path = tmp_path / f"fuzzy-{use_fuzzy}.mo"
    save_mo(path, catalog, use_fuzzy=use_fuzzy)
    return _msgunfmt(path)


@pytest.mark.gettext
def test_large_catalog_matches_msgfmt_byte_for_byte(tmp_path):
    # over 200,000 key bytes: the vectorised hashing path, with many hash collisions
    rng = random.Random(7)
    alphabet = "abcdefghijklmnopqrstuvwxyz äöü한국어日本語ÀÉ"
    units = []
    for index in range(3000):
        source = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 150))) + str(index)
        context = f"c{index}" if index % 5 == 0 else None
        units.append(Unit(source, source.upper(), context=context, state=SegmentState.TRANSLATED))
    catalog = Catalog("big", "de", "en", units, {"Language": "de", "Content-Type": "text/plain; charset=UTF-8"})
    assert sum(len(u.source.encode()) for u in units) > mofile._VECTOR_THRESHOLD
    po = tmp_path / "big.po"
    save_catalog(po, catalog)
    assert format_mo(catalog) == _msgfmt(po, tmp_path / "big.mo")


def test_vectorised_hash_equals_gettexts_hashpjw():
    rng = random.Random(3)
    keys = [bytes(rng.randrange(1, 256) for _ in range(rng.randint(0, 90))) for _ in range(6000)]
    assert sum(map(len, keys)) > mofile._VECTOR_THRESHOLD
    assert mofile._hashes(keys) == [hash_string(key) for key in keys]


def test_hashpjw_known_values():
    # values computed by GNU gettext's hash_string
    assert hash_string(b"") == 0
    assert hash_string(b"a") == 97
    assert hash_string(b"ab") == (97 << 4) + 98
    assert hash_string(b"key\x00plural") == hash_string(b"key")
    assert all(hash_string(bytes([255]) * n) < 1 << 28 for n in range(1, 40))


def test_hash_table_size_follows_msgfmt():
    assert [hash_table_size(n) for n in (0, 1, 2, 3, 4, 9, 100)] == [3, 3, 5, 5, 5, 13, 137]


def test_python_gettext_finds_every_kind_of_message():
    translations = gettext.GNUTranslations(io.BytesIO(format_mo(_catalog())))
    assert translations.gettext("Foreign Minister Yun met his counterparts.") == "Министр Юн встретился с коллегами."
    assert translations.gettext("March 22") == "22 марта"
    assert translations.pgettext("menu", "Open") == "Открыть"
    assert translations.gettext("Open") == "Открытый"
    assert [translations.ngettext("%d country", "%d countries", n) for n in (1, 3, 5)] == [
        "%d страна", "%d страны", "%d стран"]
    assert translations.gettext("Machine output") == "Machine output"    # fuzzy: left out
    assert translations.gettext("Not yet") == "Not yet"
    assert translations.info()["language"] == "ru"


def test_selection_follows_states():
    catalog = _catalog()
    sources = [u.source for u in compiled_units(catalog)]
    assert "Machine output" not in sources and "Not yet" not in sources and "Obsolete" not in sources
    fuzzy_sources = [u.source for u in compiled_units(catalog, use_fuzzy=True)]
    assert {"Machine output", "Needs editing", "%d minister"} <= set(fuzzy_sources)
    assert "Obsolete" not in fuzzy_sources


def test_partly_translated_plural_is_left_out():
    catalog = Catalog("x", "ru", "en", [Unit("%d file", "", source_plural="%d files", state=SegmentState.UNTRANSLATED,
                                             plural_targets={0: "%d файл", 1: "", 2: ""})], dict(HEADERS))
    assert parse_mo(format_mo(catalog, use_fuzzy=True)).units == []


def test_reader_round_trip():
    data = format_mo(_catalog(), use_fuzzy=True)
    back = read_mo(io.BytesIO(data), "mofa.mo")
    assert back.headers == {key: value for key, value in HEADERS.items() if key != "POT-Creation-Date"}
    assert back.language == "ru" and back.source_language == "en" and back.article_id == "mofa"
    by_key = {(u.context, u.source): u for u in back.units}
    assert by_key[("menu", "Open")].target == "Открыть"
    plural = by_key[("count", "%d minister")]
    assert plural.source_plural == "%d ministers"
    assert plural.plural_targets == {0: "%d министр", 1: "%d министра", 2: "%d министров"}
    assert all(u.state is SegmentState.TRANSLATED for u in back.units)
    stream = io.BytesIO()
    write_mo(stream, _catalog(), use_fuzzy=True)
    assert stream.getvalue() == data


def test_a_header_value_over_several_lines_reads_back_whole(tmp_path):
    catalog = _catalog()
    catalog.headers["X-Note"] = "first line\nsecond line"
    save_catalog(tmp_path / "mofa.po", catalog)
    po_headers = load_catalog(tmp_path / "mofa.po").headers
    back = read_mo(io.BytesIO(format_mo(catalog)), "mofa.mo")
    assert back.headers["X-Note"] == po_headers["X-Note"] == "first line\nsecond line"


def test_empty_catalog_is_a_valid_file():
    data = format_mo(Catalog("x", "de", "en"))
    assert gettext.GNUTranslations(io.BytesIO(data)).gettext("a") == "a"
    assert parse_mo(data).units == []


def test_duplicate_entries_are_refused():
    units = [Unit("Same", "Gleich", state=SegmentState.TRANSLATED), Unit("Same", "Dasselbe", state=SegmentState.TRANSLATED)]
    with pytest.raises(CatalogError, match="same msgctxt and msgid 'Same'"):
        format_mo(Catalog("x", "de", "en", units, {"Language": "de"}))


@pytest.mark.parametrize("damage, message", [
    (lambda data: data[:10], "only 10 bytes"),
    (lambda data: b"\x00\x00\x00\x00" + data[4:], "wrong magic number"),
    (lambda data: data[:60], "runs past the end"),
    (lambda data: data[:8] + struct.pack("<I", 10_000) + data[12:], "runs past the end"),
    (lambda data: data[:-40], "runs past the end"),
    (lambda data: data[:4] + struct.pack("<I", 5 << 16) + data[8:], "unsupported .mo format revision 5.0"),
])
def test_corrupt_mo_is_a_catalog_error(tmp_path, damage, message):
    path = tmp_path / "mofa.mo"
    path.write_bytes(damage(format_mo(_catalog())))
    with pytest.raises(CatalogError, match=message) as caught:
        load_mo(path)
    assert caught.value.path == str(path)


def test_mo_string_that_is_not_utf8(tmp_path):
    data = bytearray(format_mo(Catalog("x", "de", "en", [Unit("a", "ä", state=SegmentState.TRANSLATED)],
                                       {"Language": "de"})))
    data[-3:-1] = b"\xff\xfe"
    with pytest.raises(CatalogError, match="is not UTF-8"):
        parse_mo(bytes(data), "x.mo")


def test_missing_mo(tmp_path):
    with pytest.raises(CatalogError, match="no such compiled catalog; run 'tms compile'"):
        load_mo(tmp_path / "nothing.mo")


def test_big_endian_files_are_read():
    little = format_mo(_catalog())
    count = struct.unpack_from("<I", little, 8)[0]
    words = len(little) // 4
    # byte-swap the header and the two tables; the strings stay as they are
    table_words = 7 + 4 * count
    swapped = struct.pack(f">{table_words}I", *struct.unpack_from(f"<{table_words}I", little)) + little[4 * table_words:]
    assert words > table_words
    assert {(u.context, u.source): u.target for u in parse_mo(swapped).units} == {
        (u.context, u.source): u.target for u in parse_mo(little).units}


@pytest.mark.gettext
@pytest.mark.parametrize("header_lines", [
    # a field written twice, spacing kept, a line without a colon
    ["Project-Id-Version: x\\n", "Content-Type: text/plain; charset=UTF-8\\n", "X-Odd:  spaced  \\n",
     "free text line\\n", "X-Odd: second\\n", "POT-Creation-Date: 2020-01-01 00:00+0000\\n", "Language: de\\n"],
    # only the first POT-Creation-Date line goes, the last line has no line break
    ["Project-Id-Version: x\\n", "POT-Creation-Date: 2020\\n", "Content-Type: text/plain; charset=UTF-8\\n",
     "POT-Creation-Date: again\\n", "Language: de"],
    # first line; look-alikes stay
    ["POT-Creation-Date: 2020\\n", "Content-Type: text/plain; charset=UTF-8\\n", "  POT-Creation-Date: 1\\n",
     "X-POT-Creation-Date: 2\\n", "pot-creation-date: 3\\n"],
    # the last line, without a line break
    ["Content-Type: text/plain; charset=UTF-8\\n", "POT-Creation-Date: 2020"],
], ids=["odd-layout", "twice", "first-line", "last-line"])
def test_the_header_is_compiled_as_written_as_msgfmt_does(tmp_path, header_lines):
    po = tmp_path / "odd.po"
    po.write_text('msgid ""\nmsgstr ""\n' + "".join(f'"{line}"\n' for line in header_lines)
                  + '\nmsgid "apple"\nmsgstr "Apfel"\n', encoding="utf-8")
    theirs = _msgfmt(po, tmp_path / "theirs.mo")
    assert format_mo_from_po(po) == theirs
    assert format_mo(load_catalog(po)) == theirs
