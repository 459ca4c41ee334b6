"""PO reading and writing: states, provenance and certification survive our own and GNU's tools."""
from __future__ import annotations

import subprocess

import pytest

from tests.conftest import gettext_tool
from tms.errors import CatalogError
from tms.model import (
    Approval,
    Catalog,
    Certification,
    Location,
    MachineInfo,
    PublicationStatus,
    Role,
    SegmentState,
    Unit,
)
from tms.storage.pofile import format_catalog, load_catalog, parse_catalog, save_catalog

HEADERS = {
    "Project-Id-Version": "tms demo",
    "Report-Msgid-Bugs-To": "",
    "POT-Creation-Date": "2026-11-23 10:00+0000",
    "PO-Revision-Date": "2026-11-23 10:00+0000",
    "Last-Translator": "tms",
    "Language-Team": "Japanese <ja@li.org>",
    "Language": "ja",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
    "X-Source-Language": "en",
    "X-TMS-Article": "demo",
}


def loc(block, sentence=1, role=Role.PARAGRAPH, **kw):
    return Location(role=role, block=block, sentence=sentence, line=10 + block, **kw)


def sample_catalog() -> Catalog:
    units = [
        Unit("Korea and ISIS.", location=loc(1, role=Role.TITLE), references=["originals/demo.md:11"]),
        Unit("It met on March 22.", "3月22日に会合した。", state=SegmentState.MACHINE, location=loc(2),
             references=["originals/demo.md:12"],
             machine=MachineInfo("memory", "3月22日に会合した。", "2026-11-23T10:00:00Z", 92.5)),
        Unit("He said \"yes\".", "彼は「はい」と言った。", state=SegmentState.APPROVED, location=loc(2, 2, is_glued=True),
             references=["originals/demo.md:12"], approval=Approval("alice", "2026-11-23T10:05:00Z"),
             comments=["checked against the Korean release"]),
        Unit("New text.", "古い訳。", state=SegmentState.NEEDS_EDITING, previous_source="Old text.",
             location=loc(3, role=Role.LIST_ITEM, marker="1.", level=0), references=["originals/demo.md:13"]),
        Unit("Repeated.", "繰り返し。", context="#2", state=SegmentState.TRANSLATED, location=loc(4),
             references=["originals/demo.md:14"], ignored_checks={"numbers", "length"}),
        Unit("Gone.", "消えた。", state=SegmentState.TRANSLATED, is_obsolete=True),
    ]
    return Catalog("demo", "ja", "en", units, dict(HEADERS))


def test_round_trip_keeps_states_provenance_and_locations():
    original = sample_catalog()
    again = parse_catalog(format_catalog(original), "demo.po")
    assert [(u.source, u.target, u.state, u.context, u.is_obsolete) for u in again.units] == [
        (u.source, u.target, u.state, u.context, u.is_obsolete) for u in original.units
    ]
    machine = again.units[1].machine
    assert (machine.engine, machine.text, machine.score) == ("memory", "3月22日に会合した。", 92.5)
    assert again.units[2].approval.by == "alice"
    assert again.units[2].comments == ["checked against the Korean release"]
    assert again.units[2].location.is_glued and again.units[2].location.sentence == 2
    assert again.units[3].previous_source == "Old text."
    assert again.units[3].location.marker == "1." and again.units[3].location.role is Role.LIST_ITEM
    assert again.units[4].ignored_checks == {"numbers", "length"}
    assert again.units[0].location.line == 11
    assert format_catalog(again) == format_catalog(original)


def test_a_pivot_is_recorded_in_the_machine_output_marker_and_read_back():
    catalog = sample_catalog()
    catalog.units[1].machine = MachineInfo("apertium", "3月22日に会合した。", "2026-11-23T10:00:00Z", pivot="es")
    text = format_catalog(catalog)
    assert "# tms: mt engine=apertium pivot=es date=2026-11-23T10:00:00Z\n" in text
    again = parse_catalog(text, "demo.po")
    assert again.units[1].machine.pivot == "es" and again.units[1].state is SegmentState.MACHINE
    assert again.units[2].machine is None
    assert "pivot=" not in format_catalog(sample_catalog())


def test_edits_made_outside_tms_are_honoured():
    text = format_catalog(sample_catalog())
    # A translator changes the approved text in Poedit: no longer approved, just translated.
    edited = text.replace('msgstr "彼は「はい」と言った。"', 'msgstr "彼は「はい」と答えた。"')
    assert parse_catalog(edited, "x.po").units[2].state is SegmentState.TRANSLATED
    # ...or edits the machine output and keeps it fuzzy: it needs editing, no longer pure machine output.
    edited = text.replace('msgstr "3月22日に会合した。"', 'msgstr "3月22日に会談した。"')
    assert parse_catalog(edited, "x.po").units[1].state is SegmentState.NEEDS_EDITING
    # ...or accepts it by clearing the fuzzy flag: translated, with the MT provenance still known.
    unit = parse_catalog(edited.replace("#, fuzzy\nmsgid \"It met", "msgid \"It met"), "x.po").units[1]
    assert unit.state is SegmentState.TRANSLATED and unit.machine.engine == "memory"


def test_publication_follows_certification_digest():
    catalog = sample_catalog()
    catalog.units = [u for u in catalog.units if u.is_obsolete or u.state.is_translated]
    for unit in catalog.active_units():
        unit.state, unit.approval = SegmentState.APPROVED, Approval("amy", "2026-11-23")
    assert catalog.publication is PublicationStatus.UNOFFICIAL
    catalog.certification = Certification("amy", "2026-11-23", catalog.translations_digest())
    again = parse_catalog(format_catalog(catalog), "x.po")
    assert again.publication is PublicationStatus.OFFICIAL
    again.units[0].target = "変更"
    assert again.publication is PublicationStatus.UNOFFICIAL


def test_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "broken.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b\n',
                    encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert str(path) in str(caught.value)
    assert caught.value.line is not None


def test_binary_and_non_utf8_files_are_refused(tmp_path):
    mo = tmp_path / "x.po"
    mo.write_bytes(b"\xde\x12\x04\x95\x00\x00\x00\x00")
    with pytest.raises(CatalogError, match="UTF-8|binary"):
        load_catalog(mo)
    with pytest.raises(CatalogError, match="binary"):
        parse_catalog("msgid \"a\x00\"", "y.po")


def _run(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def test_files_pass_msgfmt_check(tmp_path):
    msgfmt = gettext_tool("msgfmt")
    path = tmp_path / "demo.po"
    save_catalog(path, sample_catalog())
    _run(msgfmt, "-c", "-o", str(tmp_path / "demo.mo"), str(path))


def test_states_survive_gnu_msgcat_and_msgmerge(tmp_path):
    msgcat, msgmerge = gettext_tool("msgcat"), gettext_tool("msgmerge")
    catalog = sample_catalog()
    catalog.certification = Certification("amy", "2026-11-23", "0123456789abcdef")
    path = tmp_path / "demo.po"
    save_catalog(path, catalog)
    template = Catalog("demo", None, "en", [Unit(u.source, context=u.context, location=u.location,
                                                 references=u.references)
                                            for u in catalog.active_units()], dict(HEADERS, Language=""))
    pot = tmp_path / "demo.pot"
    save_catalog(pot, template)
    catted = tmp_path / "catted.po"
    _run(msgcat, "-o", str(catted), str(path))
    merged = tmp_path / "merged.po"
    _run(msgmerge, "--quiet", "--previous", "-o", str(merged), str(catted), str(pot))
    for result in (load_catalog(catted), load_catalog(merged)):
        active = [u for u in result.units if not u.is_obsolete]
        assert [u.state for u in active] == [u.state for u in catalog.active_units()]
        assert active[1].machine.engine == "memory"
        assert active[2].approval.by == "alice"
        assert active[3].previous_source == "Old text."
        assert active[4].ignored_checks == {"numbers", "length"}
        assert result.certification.digest == "0123456789abcdef"
        assert active[0].location.role is Role.TITLE


def test_a_memory_matchs_origin_survives_with_spaces_and_percent_signs():
    catalog = sample_catalog()
    origin = "imported from 2024 archive (50% done).tmx, 2024-06-02"
    catalog.units[1].machine.origin = origin
    text = format_catalog(catalog)
    assert "score=92.5 origin=imported%20from%202024%20archive%20(50%25%20done).tmx,%202024-06-02\n" in text
    again = parse_catalog(text, "demo.po").units[1]
    assert again.machine.origin == origin and again.state is SegmentState.MACHINE
