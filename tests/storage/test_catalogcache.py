"""The per-process catalog cache and drafts: the same catalogs as a whole parse, fewer entries parsed,
and files written as a whole rewrite would write them."""
from __future__ import annotations

import subprocess

import pytest

from tests.conftest import gettext_tool
from tests.storage.test_pofile import sample_catalog
from tms.errors import CatalogError
from tms.model import Approval, Certification, MachineInfo, PublicationStatus, SegmentState
from tms.storage import catalogcache, pofile
from tms.storage.catalogcache import CatalogDraft, read_shared
from tms.storage.files import atomic_write
from tms.storage.pofile import format_catalog, load_catalog, save_catalog


@pytest.fixture(autouse=True)
def empty_cache():
    catalogcache.forget()
    yield
    catalogcache.forget()


@pytest.fixture
def decoded(monkeypatch):
    """The msgids of the entries decoded from now on."""
    seen = []
    real = catalogcache.decode_entry
    monkeypatch.setattr(catalogcache, "decode_entry", lambda entry, name: seen.append(entry.msgid) or real(entry, name))
    return seen


@pytest.fixture
def po(tmp_path):
    path = tmp_path / "demo.po"
    save_catalog(path, sample_catalog())
    return path


def test_a_shared_read_equals_a_whole_parse_and_is_parsed_once(po, decoded):
    first = read_shared(po)
    assert first == load_catalog(po)
    assert len(decoded) == len(first.units)
    assert read_shared(po) is first and len(decoded) == len(first.units)


def test_a_file_changed_elsewhere_has_only_its_changed_entries_parsed_again(po, decoded):
    read_shared(po)
    decoded.clear()
    other = load_catalog(po)                        # another worker saves one segment
    other.units[0].target, other.units[0].state = "韓国とISIS。", SegmentState.TRANSLATED
    other.headers["Last-Translator"] = "bob"
    save_catalog(po, other)
    again = read_shared(po)
    assert decoded == ["Korea and ISIS."]
    assert again == load_catalog(po) and again.headers["Last-Translator"] == "bob"


def draft_edits():
    """Edits as the review services make them, each applied to a draft's copy of a unit."""
    def translate(unit):
        unit.target, unit.state, unit.approval = "新しい訳。", SegmentState.TRANSLATED, None

    def approve(unit):
        unit.target = unit.target or "承認した訳。"
        unit.state, unit.approval = SegmentState.APPROVED, Approval("rita", "2026-11-23T11:00:00Z")
        unit.previous_source = None

    def needs_editing(unit):
        unit.target, unit.state, unit.approval = "直すべき訳。", SegmentState.NEEDS_EDITING, None

    def empty(unit):
        unit.target, unit.state, unit.approval = "", SegmentState.UNTRANSLATED, None

    def multiline(unit):
        unit.target, unit.state = 'line "one"\nline two\tend', SegmentState.TRANSLATED
        unit.approval = None
    return [translate, approve, needs_editing, empty, multiline]


@pytest.mark.parametrize("edit", draft_edits(), ids=lambda f: f.__name__)
@pytest.mark.parametrize("index", [0, 1, 2, 3, 4])
def test_a_draft_writes_what_a_whole_rewrite_writes_and_reads_back_as_it_holds(po, edit, index):
    shared = read_shared(po)
    draft = CatalogDraft(po)
    unit = draft.unit(shared.units[index].key)
    edit(unit)
    draft.catalog.headers["PO-Revision-Date"] = "2026-11-23 11:00+0000"
    draft.save()
    text = po.read_text(encoding="utf-8")
    assert text == format_catalog(draft.catalog)
    assert load_catalog(po) == draft.catalog        # the cached catalog is what any other process reads
    assert read_shared(po) is draft.catalog


def test_a_file_after_many_drafts_is_valid_for_msgfmt(po):
    msgfmt = gettext_tool("msgfmt")
    keys = [u.key for u in read_shared(po).active_units()]
    for round_, edit in enumerate(draft_edits()):
        for key in keys:
            draft = CatalogDraft(po)
            edit(draft.unit(key))
            draft.catalog.headers["PO-Revision-Date"] = f"2026-11-23 11:{round_:02d}+0000"
            draft.save()
    result = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert load_catalog(po) == read_shared(po)


def test_a_draft_never_changes_the_shared_catalog(po):
    shared = read_shared(po)
    before = load_catalog(po)
    draft = CatalogDraft(po)
    unit = draft.unit(shared.units[2].key)
    unit.target, unit.comments = "変えた", unit.comments + ["added"]
    draft.catalog.headers["Last-Translator"] = "mallory"
    assert shared == before                         # abandoned draft: nothing leaks into the cache
    assert read_shared(po) is shared


def test_a_draft_hands_out_one_copy_per_unit_and_none_for_unknown_or_obsolete_keys(po):
    shared = read_shared(po)
    draft = CatalogDraft(po)
    key = shared.units[1].key
    assert draft.unit(key) is draft.unit(key) is not shared.units[1]
    assert draft.unit("0" * 12) is None
    assert draft.unit(shared.units[5].key) is None   # "Gone." is obsolete


def test_a_hand_edited_file_keeps_its_other_entries_byte_for_byte(po):
    text = po.read_text(encoding="utf-8")
    wrapped = text.replace('msgid "It met on March 22."', 'msgid ""\n"It met on "\n"March 22."')
    assert wrapped != text
    atomic_write(po, wrapped)
    shared = read_shared(po)
    assert shared == load_catalog(po)
    draft = CatalogDraft(po)
    draft.unit(shared.units[4].key).target = "繰り返した。"
    draft.save()
    written = po.read_text(encoding="utf-8")
    assert 'msgid ""\n"It met on "\n"March 22."' in written          # untouched entry, its layout kept
    assert 'msgstr "繰り返した。"' in written
    assert load_catalog(po) == draft.catalog


@pytest.mark.parametrize("change", [
    lambda t: "# a translator's note before the header\n" + t,
    lambda t: t.replace("\n", "\r\n"),
    lambda t: t.replace('\n\nmsgid "Korea', '\n\n\n#, c-format\n\nmsgid "Korea'),
], ids=["header-comment", "crlf", "blank-lines-inside"])
def test_files_not_in_tms_layout_are_parsed_and_written_whole(po, change):
    atomic_write(po, change(po.read_text(encoding="utf-8")))
    try:
        expected = load_catalog(po)
    except CatalogError:
        with pytest.raises(CatalogError):
            read_shared(po)
        return
    shared = read_shared(po)
    assert shared == expected
    draft = CatalogDraft(po)
    draft.unit(shared.units[0].key).target = "題"
    draft.save()
    assert po.read_text(encoding="utf-8") == format_catalog(draft.catalog)


def test_bad_syntax_is_reported_with_its_line_as_by_a_whole_parse(po):
    read_shared(po)
    lines = po.read_text(encoding="utf-8").split("\n")
    bad = next(i for i, line in enumerate(lines) if line.startswith('msgstr "彼は'))
    lines[bad] = 'msgstr "unterminated'
    atomic_write(po, "\n".join(lines))
    with pytest.raises(CatalogError) as caught:
        read_shared(po)
    assert caught.value.line == bad + 1 and "demo.po" in str(caught.value)


def test_a_duplicate_entry_is_refused_as_by_a_whole_parse(po):
    text = po.read_text(encoding="utf-8")
    entry = text.split("\n\n")[1]
    atomic_write(po, text + "\n" + entry + "\n")
    with pytest.raises(CatalogError, match="already exists"):
        read_shared(po)


def test_certification_and_machine_output_survive_a_draft(po):
    catalog = load_catalog(po)
    catalog.certification = Certification("ana", "2026-11-23", catalog.translations_digest())
    catalog.units[1].machine = MachineInfo("libretranslate", catalog.units[1].target, "2026-11-23T09:00:00Z")
    save_catalog(po, catalog)
    draft = CatalogDraft(po)
    assert draft.catalog.certification == catalog.certification
    unit = draft.unit(catalog.units[4].key)
    unit.target = "変更。"
    draft.save()
    again = load_catalog(po)
    assert again == draft.catalog and again.units[1].machine.engine == "libretranslate"
    assert again.publication is not PublicationStatus.OFFICIAL     # an edit ends the certification


def test_the_cache_keeps_the_catalogs_read_last(tmp_path, monkeypatch, decoded):
    monkeypatch.setattr(catalogcache, "CACHE_SIZE", 2)
    paths = []
    for name in "abc":
        path = tmp_path / f"{name}.po"
        save_catalog(path, sample_catalog())
        paths.append(path)
        read_shared(path)
    per_file = len(sample_catalog().units)
    decoded.clear()
    read_shared(paths[2]), read_shared(paths[1])
    assert decoded == []                            # the two read last are kept
    read_shared(paths[0])
    assert len(decoded) == per_file                 # the first was dropped and is parsed again


def test_whole_parse_is_the_fallback_and_gives_the_same_catalog(po, monkeypatch):
    read_shared(po)
    calls = []
    real = pofile.parse_catalog
    monkeypatch.setattr(catalogcache, "parse_catalog", lambda text, name: calls.append(name) or real(text, name))
    atomic_write(po, po.read_text(encoding="utf-8").replace("\n", "\r\n"))
    assert read_shared(po) == load_catalog(po) and calls == [str(po)]
