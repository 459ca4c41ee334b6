"""XLIFF round trips for outside agencies, state mapping both ways, conflicts, and TMX memories."""
from __future__ import annotations

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from tms.errors import InputError, NotFound
from tms.model import Approval, MachineInfo, SegmentState
from tms.services.interchange import XLIFF_NS, export_tmx, export_xliff, import_translations
from tms.services.merging import new_catalog
from tms.storage.pofile import load_catalog, save_catalog

NS = {"x": XLIFF_NS}


def prepare(project, article_id="mofa", lang="ja"):
    """A catalog with every state, provenance, comments and switched-off checks."""
    path = project.po_path(article_id, lang)
    catalog = load_catalog(path)
    units = catalog.active_units()
    for index, unit in enumerate(units):
        unit.target, unit.state = f"訳文{index}。", SegmentState.TRANSLATED
    units[0].target, units[0].state = "", SegmentState.UNTRANSLATED
    units[1].state = SegmentState.MACHINE
    units[1].machine = MachineInfo("memory", units[1].target, "2026-11-23T10:00:00Z", 92.5)
    units[2].state = SegmentState.NEEDS_EDITING
    units[2].machine = MachineInfo("libre", "機械訳。", "2026-11-23T10:01:00Z")
    units[3].state, units[3].approval = SegmentState.APPROVED, Approval("alice", "2026-11-23T10:05:00Z")
    units[3].comments = ["checked against the Korean release", "second line"]
    units[4].ignored_checks = {"numbers", "length"}
    save_catalog(path, catalog)
    return path


def xliff_tree(data: bytes):
    return etree.fromstring(data)


def write_xliff(tmp_path, tree, name="back.xlf"):
    out = tmp_path / name
    out.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    return out


def unit_element(tree, key):
    return tree.find(f".//x:trans-unit[@id='{key}']", NS)


def test_export_maps_states_and_keeps_notes_and_locations(seeded_project):
    path = prepare(seeded_project)
    units = load_catalog(path).active_units()
    tree = xliff_tree(export_xliff(seeded_project, "mofa", "ja"))
    file_node = tree.find("x:file", NS)
    assert (file_node.get("source-language"), file_node.get("target-language")) == ("en", "ja")
    assert file_node.get("original") == "locales/ja/LC_MESSAGES/mofa.po"
    states = [(unit_element(tree, u.key).find("x:target", NS).get("state"),
               unit_element(tree, u.key).find("x:target", NS).get("state-qualifier")) for u in units[:6]]
    assert states == [("needs-translation", None), ("needs-review-translation", "leveraged-mt"),
                      ("needs-review-translation", None), ("signed-off", None), ("translated", None),
                      ("translated", None)]
    approved = unit_element(tree, units[3].key)
    assert approved.get("approved") == "yes"
    assert [n.text for n in approved.findall("x:note", NS)] == ["checked against the Korean release", "second line"]
    assert unit_element(tree, units[4].key).get("approved") is None
    context = unit_element(tree, units[0].key).findall("x:context-group/x:context", NS)
    assert [(c.get("context-type"), c.text) for c in context] == [("sourcefile", "originals/mofa.md"),
                                                                ("linenumber", "11")]
    alt = unit_element(tree, units[1].key).find("x:alt-trans", NS)
    assert alt.get("origin") == "memory" and alt.find("x:target", NS).text == units[1].target


def test_round_trip_into_the_same_catalog_changes_nothing(seeded_project, tmp_path):
    path = prepare(seeded_project)
    before = path.read_bytes()
    out = tmp_path / "mofa.ja.xlf"
    out.write_bytes(export_xliff(seeded_project, "mofa", "ja"))
    report = import_translations(seeded_project, out)
    assert (report.updated, report.conflicts, report.untranslated) == (0, [], 1)
    assert path.read_bytes() == before


def test_round_trip_into_an_empty_catalog_restores_everything(seeded_project, tmp_path):
    path = prepare(seeded_project)
    original = load_catalog(path)
    out = tmp_path / "mofa.ja.xlf"
    out.write_bytes(export_xliff(seeded_project, "mofa", "ja"))
    fresh = new_catalog(load_catalog(seeded_project.pot_path("mofa")), "ja")
    fresh.headers = dict(original.headers)
    save_catalog(path, fresh)
    import_translations(seeded_project, out)
    restored = load_catalog(path)
    fields = ("key", "target", "state", "machine", "approval", "comments", "ignored_checks", "location",
              "references", "context")
    assert [[getattr(u, f) for f in fields] for u in restored.units] == [[getattr(u, f) for f in fields]
                                                                       for u in original.units]


def test_an_agencys_work_is_merged_and_approved_units_are_protected(seeded_project, tmp_path):
    path = prepare(seeded_project)
    units = load_catalog(path).active_units()
    tree = xliff_tree(export_xliff(seeded_project, "mofa", "ja"))

    def set_target(key, text, state, approved=False):
        element = unit_element(tree, key)
        target = element.find("x:target", NS)
        target.text, target.attrib.clear()
        target.text = text
        target.set("state", state)
        element.attrib.pop("approved", None)
        if approved:
            element.set("approved", "yes")

    set_target(units[0].key, "新しい訳。", "translated")                # untranslated -> translated
    set_target(units[1].key, units[1].target, "final")                  # machine -> approved
    set_target(units[3].key, "代理店の訳。", "translated")               # approved, changed, not signed off
    set_target(units[4].key, "要確認の訳。", "needs-review-translation")  # translated -> needs editing
    set_target(units[5].key, "", "needs-translation")                    # emptied: never erases
    report = import_translations(seeded_project, write_xliff(tmp_path, tree), by="agency")
    assert report.updated == 3 and report.untranslated == 1
    assert report.conflicts == [f"line {unit_element(tree, units[3].key).sourceline}, unit {units[3].key}: approved in "
                                "tms, and the file's translation is not signed off; kept the approved translation"]
    after = {u.key: u for u in load_catalog(path).active_units()}
    assert (after[units[0].key].target, after[units[0].key].state) == ("新しい訳。", SegmentState.TRANSLATED)
    assert after[units[1].key].state is SegmentState.APPROVED and after[units[1].key].approval.by == "agency"
    assert (after[units[3].key].target, after[units[3].key].state) == (units[3].target, SegmentState.APPROVED)
    assert after[units[4].key].state is SegmentState.NEEDS_EDITING
    assert after[units[5].key].target == units[5].target


def test_machine_text_kept_stays_machine_and_signed_off_replaces_approved(seeded_project, tmp_path):
    path = prepare(seeded_project)
    units = load_catalog(path).active_units()
    tree = xliff_tree(export_xliff(seeded_project, "mofa", "ja"))
    unit_element(tree, units[2].key).find("x:target", NS).text = "機械訳。"   # back to the engine's text
    approved = unit_element(tree, units[3].key).find("x:target", NS)
    approved.text = "改訂された承認済みの訳。"
    report = import_translations(seeded_project, write_xliff(tmp_path, tree))
    after = {u.key: u for u in load_catalog(path).active_units()}
    assert after[units[2].key].state is SegmentState.MACHINE
    assert after[units[3].key].target == "改訂された承認済みの訳。"
    assert after[units[3].key].state is SegmentState.APPROVED and after[units[3].key].approval.by == "alice"
    assert report.updated == 2 and report.conflicts == []


def test_units_the_catalog_no_longer_has_are_reported(seeded_project, tmp_path):
    prepare(seeded_project)
    tree = xliff_tree(export_xliff(seeded_project, "mofa", "ja"))
    first = tree.find(".//x:trans-unit", NS)
    first.set("id", "000000000000")
    second = tree.findall(".//x:trans-unit", NS)[1]
    second.find("x:source", NS).text = "Edited by the agency."
    report = import_translations(seeded_project, write_xliff(tmp_path, tree))
    assert [c.split(": ", 1)[1] for c in report.conflicts] == [
        "not in the catalog (the article changed since the export); skipped",
        "the source text differs from the catalog's; skipped"]


@pytest.mark.parametrize("content, message", [
    (b"<xliff version='1.2'><file", r"back.xlf:1: not valid XML"),
    (b"<?xml version='1.0'?>\n<html><body/></html>", r"back.xlf:1: not an XLIFF document"),
    (b"<xliff xmlns='urn:oasis:names:tc:xliff:document:2.0' version='2.0' srcLang='en'><file id='f'/></xliff>",
     r"back.xlf:1: This file appears to be XLIFF 2.x"),
])
def test_bad_files_are_refused_with_file_and_line(seeded_project, tmp_path, content, message):
    path = prepare(seeded_project)
    before = path.read_bytes()
    bad = tmp_path / "back.xlf"
    bad.write_bytes(content)
    with pytest.raises(InputError, match=message):
        import_translations(seeded_project, bad)
    assert path.read_bytes() == before


def test_the_file_names_its_article_and_language(seeded_project, tmp_path):
    prepare(seeded_project)
    tree = xliff_tree(export_xliff(seeded_project, "mofa", "ja"))
    file_node = tree.find("x:file", NS)
    file_node.set("target-language", "xx")
    with pytest.raises(InputError, match="unknown language code 'xx'"):
        import_translations(seeded_project, write_xliff(tmp_path, tree))
    file_node.set("target-language", "ja-JP")
    file_node.set("{urn:x-tms:xliff:1}article", "gone")
    with pytest.raises(NotFound, match="unknown article 'gone'"):
        import_translations(seeded_project, write_xliff(tmp_path, tree))
    duplicate = tree.findall(".//x:trans-unit", NS)
    duplicate[1].set("id", duplicate[0].get("id"))
    file_node.set("{urn:x-tms:xliff:1}article", "mofa")
    with pytest.raises(InputError, match=r"back.xlf:\d+: trans-unit id '\w+' also used on line \d+"):
        import_translations(seeded_project, write_xliff(tmp_path, tree))


def test_tmx_holds_translated_and_approved_segments(seeded_project):
    prepare(seeded_project)
    path = seeded_project.po_path("korea-net", "ja")
    catalog = load_catalog(path)
    catalog.active_units()[0].target = "韓国と国際社会は決意を再確認した。"
    catalog.active_units()[0].state = SegmentState.TRANSLATED
    save_catalog(path, catalog)
    memory = export_tmx(seeded_project, [], "ja")
    # mofa's 18 segments less the untranslated, machine and needs-editing ones, and one of korea-net
    assert (memory.catalogs, memory.units) == (2, 15 + 1)
    store = tmxfile.parsestring(memory.data)
    pairs = {(u.source, u.target) for u in store.units}
    assert ("Korea and the international community have reconfirmed their common will to eradicate the "
            "extremist group known as ISIS.", "韓国と国際社会は決意を再確認した。") in pairs
    mofa = load_catalog(seeded_project.po_path("mofa", "ja")).active_units()
    assert (mofa[3].source, mofa[3].target) in pairs                  # approved
    assert (mofa[1].source, mofa[1].target) not in pairs              # machine output is not memory
    assert b'<prop type="x-tms-state">approved</prop>' in memory.data
    assert b'changedate="20261123T100500Z"' in memory.data
    only = export_tmx(seeded_project, ["korea-net"], "ja")
    assert (only.catalogs, only.units) == (1, 1)
    with pytest.raises(NotFound):
        export_tmx(seeded_project, ["nope"], "ja")
