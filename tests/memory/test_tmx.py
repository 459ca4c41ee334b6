"""TMX 1.4 reading and writing: languages, dates, inline codes, bad files, and a round trip through
translate-toolkit's own TMX reader."""
from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

import pytest
from translate.storage.tmx import tmxfile

from tms.errors import InputError
from tms.memory.archive import ALIGNED, IMPORTED, ArchiveUnit
from tms.memory.tmx import read_tmx, write_tmx

DATA = Path(__file__).resolve().parent.parent / "data" / "memory"


def _read(text: str, **options) -> list[ArchiveUnit]:
    return read_tmx(io.BytesIO(text.encode("utf-8")), "bad.tmx", **options)


def _tmx(body: str, srclang: str = "ko") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            f'<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
            f'srclang="{srclang}" datatype="plaintext"/>\n<body>\n{body}\n</body>\n</tmx>\n')


def test_units_pair_the_source_with_each_other_language():
    with (DATA / "archive-2024.tmx").open("rb") as stream:
        units = read_tmx(stream, "archive-2024.tmx")
    assert [(u.source_lang, u.target_lang) for u in units] == [("ko", "en"), ("ko", "en"), ("ko", "ja"), ("ko", "en")]
    assert units[0].date == datetime(2024, 5, 1, 9, tzinfo=timezone.utc)         # the header's date
    assert units[1].date == datetime(2024, 6, 2, 10, tzinfo=timezone.utc)        # the unit's own
    # Inline codes hold the original's markup and are left out; highlighted text is kept.
    assert units[1].source == "양국은 협력을 강화하기로 했다."
    assert units[3].target == "Contact: ASEAN Cooperation Division"
    assert {u.kind for u in units} == {IMPORTED} and {u.origin for u in units} == {"archive-2024.tmx"}


def test_the_source_language_can_be_given_instead_of_the_header():
    units = _read(_tmx('<tu><tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="ko"><seg>안녕.</seg></tuv></tu>',
                       srclang="*all*"), source_lang="en")
    assert [(u.source, u.target, u.target_lang) for u in units] == [("Hello.", "안녕.", "ko")]


@pytest.mark.parametrize("text, where, why", [
    ("this is not XML", "bad.tmx:1:", "not a TMX file"),
    ('<?xml version="1.0"?>\n<tmx version="1.4">\n<header srclang="ko"/>\n<body>\n<tu>\n</body></tmx>',
     "bad.tmx:6:", "not a TMX file"),
    ('<?xml version="1.0"?>\n<xliff version="1.2"/>', "bad.tmx:2:", "<xliff>"),
    (_tmx('<tu>\n<tuv xml:lang="ko"><seg>하나.</seg></tuv>\n<tuv xml:lang="it"><seg>Uno.</seg></tuv>\n</tu>'),
     "bad.tmx:7:", "language 'it' is not one tms works in"),
    (_tmx('<tu>\n<tuv xml:lang="ko"><seg>하나.</seg></tuv>\n<tuv><seg>One.</seg></tuv>\n</tu>'),
     "bad.tmx:7:", "without xml:lang"),
    (_tmx('<tu>\n<tuv xml:lang="ko"><seg>하나.</seg></tuv>\n<tuv xml:lang="en"><seg>  </seg></tuv>\n</tu>'),
     "bad.tmx:7:", "empty segment in en"),
    (_tmx('<tu>\n<tuv xml:lang="ja"><seg>一つ。</seg></tuv>\n<tuv xml:lang="en"><seg>One.</seg></tuv>\n</tu>'),
     "bad.tmx:5:", "no ko segment"),
    (_tmx('<tu>\n<tuv xml:lang="ko"><seg>하나.</seg></tuv>\n</tu>'), "bad.tmx:5:", "no translation"),
    (_tmx("", srclang="*all*"), "bad.tmx:3:", "--source-lang"),
])
def test_a_bad_file_names_the_line_and_what_is_wrong(text, where, why):
    with pytest.raises(InputError) as caught:
        _read(text)
    assert str(caught.value).startswith(where) and why in str(caught.value)


def test_entities_are_not_expanded():
    evil = ('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            + _tmx('<tu><tuv xml:lang="ko"><seg>&x;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>')
            .split("\n", 1)[1])
    with pytest.raises(InputError, match="declares its own entities"):
        _read(evil)


def test_written_memories_read_back_in_translate_toolkit_and_in_tms():
    date = datetime(2025, 2, 3, 4, 5, 6, tzinfo=timezone.utc)
    units = [ArchiveUnit("ko", "en", "외교부는 회의를 열었다.", 'The ministry held a "meeting" <today> & more.',
                         IMPORTED, "old.tmx", date),
             ArchiveUnit("ko", "en", "참석자는 45명이었다.", "45 people attended.", ALIGNED, "a.txt + b.txt", None, 0.875)]
    data = write_tmx(units)
    store = tmxfile.parsestring(data)
    assert [(u.source, u.target) for u in store.units] == [(u.source, u.target) for u in units]
    assert store.units[0].xmlelement.get("creationdate") == "20250203T040506Z"
    again = read_tmx(io.BytesIO(data), "export.tmx")
    assert [(u.source, u.target, u.kind, u.origin, u.date, u.confidence) for u in again] == \
        [(u.source, u.target, u.kind, u.origin, u.date, u.confidence) for u in units]


def test_a_memory_written_by_translate_toolkit_reads_in_tms():
    store = tmxfile(sourcelanguage="en", targetlanguage="ko")
    store.addsourceunit("Seoul hosts the summit.").settarget("서울이 정상회의를 연다.", "ko")
    units = read_tmx(io.BytesIO(bytes(store)), "ttk.tmx")
    assert [(u.source_lang, u.target_lang, u.source, u.target) for u in units] == \
        [("en", "ko", "Seoul hosts the summit.", "서울이 정상회의를 연다.")]
