"""XLIFF round trips for outside agencies, state mapping both ways, conflicts, and TMX memories."""
from __future__ import annotations

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile
from translate.storage.xliff import Xliff1File

from tests.tagged import LOGO_SRC, STATEMENT_URL, TAGGED, TAGGED_JA, build_tagged_article
from tms.errors import InputError, NotFound
from tms.model import Approval, MachineInfo, SegmentState
from tms.services.checking import check_catalog
from tms.services.interchange import (XLIFF_NS, export_tmx, export_xliff, import_translations, read_inline,
                                      write_inline)
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


# -- inline tags ------------------------------------------------------------------------------------
def translate_tagged(project, lang="ja"):
    """The tagged article translated into ``lang``: TAGGED_JA, the second segment machine output."""
    path = project.po_path("tagged", lang)
    catalog = load_catalog(path)
    units = catalog.active_units()
    for unit, text in zip(units, TAGGED_JA):
        unit.target, unit.state = text, SegmentState.TRANSLATED
    units[1].state = SegmentState.MACHINE
    units[1].machine = MachineInfo("pseudo", units[1].target, "2026-11-23T10:00:00Z")
    save_catalog(path, catalog)
    return path


def inline_children(node):
    return [(etree.QName(child).localname, dict(child.attrib)) for child in node.iter() if child is not node]


def test_export_writes_inline_tags_as_xliff_elements(project):
    build_tagged_article(project)
    translate_tagged(project)
    data = export_xliff(project, "tagged", "ja")
    assert b"&lt;a1&gt;</" not in data and b"<source>Read the &lt;a1&gt;" not in data
    tree = xliff_tree(data)
    units = load_catalog(project.po_path("tagged", "ja")).active_units()
    statement = unit_element(tree, units[1].key)
    source = statement.find("x:source", NS)
    assert inline_children(source) == [
        ("g", {"id": "1", "ctype": "x-html-a", "equiv-text": STATEMENT_URL}),
        ("g", {"id": "2", "ctype": "bold"}),
        ("x", {"id": "br1", "ctype": "lb"}),
    ]
    assert source.text == "Read the " and source[0].text == "joint statement" and source[0].tail == " of the "
    target = statement.find("x:target", NS)
    assert [(name, attrs["id"]) for name, attrs in inline_children(target)] == [("g", "2"), ("g", "1"), ("x", "br1")]
    alt = statement.find("x:alt-trans/x:target", NS)
    assert [name for name, _ in inline_children(alt)] == ["g", "g", "x"]
    logo = unit_element(tree, units[2].key).find("x:source", NS)
    assert inline_children(logo) == [("x", {"id": "1", "ctype": "image", "equiv-text": LOGO_SRC}),
                                     ("g", {"id": "2", "ctype": "subscript"})]


def test_exported_inline_markup_is_xliff_1_2(project):
    build_tagged_article(project)
    translate_tagged(project)
    data = export_xliff(project, "tagged", "ja")
    store = Xliff1File.parsestring(data)
    assert len(store.units) == len(TAGGED)
    # translate-toolkit reads the text of the inline elements, as any XLIFF 1.2 tool would
    assert store.units[1].source == "Read the joint statement of the 65 nations."
    allowed_inline = {"g", "x", "bx", "ex"}
    ctypes = {"x-html-a", "bold", "italic", "underlined", "x-html-s", "superscript", "subscript", "x-html-code",
              "lb", "image"}
    root = store.document.getroot()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        assert etree.QName(element).namespace == XLIFF_NS, element.tag
        parent = element.getparent()
        if parent is not None and etree.QName(parent).localname in ("source", "target", "g"):
            assert etree.QName(element).localname in allowed_inline
            assert element.get("id")
            assert element.get("ctype") is None or element.get("ctype") in ctypes
            assert all(etree.QName(a).namespace is None for a in element.attrib)


EVERY_TAG = ("<a1>a</a1> <b2>b</b2> <i3>i</i3> <u4>u</u4> <s5>s</s5> H<sub6>2</sub6>O x<sup7>2</sup7> "
             "<code8>c</code8><br/>line two<br/><img9/> <x10/>")


@pytest.mark.parametrize("text", [
    EVERY_TAG,
    "<a1>outer <b2>inner</b2> still</a1>",
    "</a1>closed first<a1>",                # badly nested targets survive the trip for the markup check
    "<a1>crossing <b2>pairs</a1> here</b2>",
    "<a1/>malformed</a1>",
    "  spaces  kept\n",
    "plain <사진> text & <Table 1>",
])
def test_inline_tags_survive_write_and_read(text):
    nodes = []
    for content in (EVERY_TAG, text):
        node = etree.Element(f"{{{XLIFF_NS}}}source")
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        write_inline(node, content)
        nodes.append(etree.fromstring(etree.tostring(node)))
    assert read_inline(*nodes) == (EVERY_TAG, text, [])


def test_white_space_is_collapsed_unless_preserved():
    node = etree.fromstring(f'<source xmlns="{XLIFF_NS}">\n  Read the <g id="1" ctype="x-html-a">joint\n'
                            f'  statement</g> now.\n</source>')
    assert read_inline(node)[0] == "Read the <a1>joint statement</a1> now."


def test_tags_moved_by_the_agency_come_back_as_tms_tags(project, tmp_path):
    build_tagged_article(project)
    path = translate_tagged(project)
    units = load_catalog(path).active_units()
    tree = xliff_tree(export_xliff(project, "tagged", "ja"))
    target = unit_element(tree, units[1].key).find("x:target", NS)
    for child in list(target):
        target.remove(child)
    # "<a1>共同声明</a1>を<b2>65か国</b2>と読む。<br/>": the agency moved the link before the bold text
    target.text = ""
    link = etree.SubElement(target, f"{{{XLIFF_NS}}}g", id="1", ctype="x-html-a")
    link.text, link.tail = "共同声明", "を"
    bold = etree.SubElement(target, f"{{{XLIFF_NS}}}g", id="2", ctype="bold")
    bold.text, bold.tail = "65か国", "と読む。"
    etree.SubElement(target, f"{{{XLIFF_NS}}}x", id="br1", ctype="lb")
    target.set("state", "translated")
    report = import_translations(project, write_xliff(tmp_path, tree))
    assert (report.updated, report.conflicts, report.tag_problems) == (1, [], [])
    after = load_catalog(path).active_units()
    assert after[1].target == "<a1>共同声明</a1>を<b2>65か国</b2>と読む。<br/>"
    assert after[1].state is SegmentState.TRANSLATED
    assert 'msgstr "<a1>共同声明</a1>を<b2>65か国</b2>と読む。<br/>"' in path.read_text(encoding="utf-8")


def test_a_tagged_round_trip_changes_nothing_and_restores_everything(project, tmp_path):
    build_tagged_article(project)
    path = translate_tagged(project)
    before = path.read_bytes()
    out = tmp_path / "tagged.ja.xlf"
    out.write_bytes(export_xliff(project, "tagged", "ja"))
    report = import_translations(project, out)
    assert (report.updated, report.conflicts, report.tag_problems) == (0, [], [])
    assert path.read_bytes() == before
    original = load_catalog(path)
    fresh = new_catalog(load_catalog(project.pot_path("tagged")), "ja")
    fresh.headers = dict(original.headers)
    save_catalog(path, fresh)
    import_translations(project, out)
    restored = load_catalog(path)
    assert [(u.target, u.state, u.machine) for u in restored.units] == [(u.target, u.state, u.machine)
                                                                       for u in original.units]


def test_other_tools_inline_elements_are_read(project, tmp_path):
    build_tagged_article(project)
    path = translate_tagged(project)
    units = load_catalog(path).active_units()
    tree = xliff_tree(export_xliff(project, "tagged", "ja"))
    statement = unit_element(tree, units[1].key).find("x:target", NS)
    logo = unit_element(tree, units[2].key).find("x:target", NS)
    title = unit_element(tree, units[0].key).find("x:target", NS)

    def fill(node, xml):
        for child in list(node):
            node.remove(child)
        fragment = etree.fromstring(f'<t xmlns="{XLIFF_NS}">{xml}</t>')
        node.text = fragment.text
        node.extend(list(fragment))
        node.set("state", "translated")

    # bpt/ept with the tags as native code, a ph line break, ctype-less g resolved by the source's numbers
    fill(statement, '<bpt id="1">&lt;a1&gt;</bpt>共同声明<ept id="1">&lt;/a1&gt;</ept>と<g id="2">65か国</g>'
                    '<mrk mtype="term">を</mrk>読む。<ph id="br1" ctype="lb">&lt;br&gt;</ph>')
    fill(logo, '外務省のロゴ：<ph id="1" ctype="image"/>、化学式H<bx id="2" rid="2" ctype="subscript"/>2'
               '<ex id="2" rid="2"/>O。')
    fill(title, '韓国、<it id="1" pos="open" ctype="bold"/>有志連合<it id="1" pos="close"/>会合に参加')
    report = import_translations(project, write_xliff(tmp_path, tree))
    assert report.tag_problems == [] and report.conflicts == []
    after = load_catalog(path).active_units()
    assert after[1].target == "<a1>共同声明</a1>と<b2>65か国</b2>を読む。<br/>"
    assert after[2].target == "外務省のロゴ：<img1/>、化学式H<sub2>2</sub2>O。"
    assert after[0].target == "韓国、<b1>有志連合</b1>会合に参加"


def test_a_target_whose_tags_differ_is_imported_and_reported(project, tmp_path):
    build_tagged_article(project)
    path = translate_tagged(project)
    units = load_catalog(path).active_units()
    tree = xliff_tree(export_xliff(project, "tagged", "ja"))
    target = unit_element(tree, units[1].key).find("x:target", NS)
    target.remove(target[0])                     # the bold pair dropped, with its text and the "の" after it
    unknown = etree.SubElement(target, f"{{{XLIFF_NS}}}g", id="9")
    unknown.text = "追記"
    target.set("state", "translated")
    report = import_translations(project, write_xliff(tmp_path, tree))
    where = f"line {unit_element(tree, units[1].key).sourceline}, unit {units[1].key}"
    assert report.updated == 1
    assert report.tag_problems == [
        f'{where}: the inline element <g id="9"> stands for no tag tms knows; kept its text only',
        f"{where}: the tag <b2> is missing from the translation",
        f"{where}: the tag </b2> is missing from the translation",
    ]
    after = load_catalog(path).active_units()
    assert after[1].target == "<a1>共同声明</a1>を読む。<br/>追記"
    markup = [f.message for f in check_catalog(project, "tagged", "ja") if f.check_id == "markup"]
    assert markup == ["the tag <b2> is missing from the translation", "the tag </b2> is missing from the translation"]


def test_a_file_that_would_withdraw_official_status_needs_a_reason(seeded_project, tmp_path, monkeypatch):
    from tms.errors import ConfirmationRequired
    from tms.model import Certification, PublicationStatus
    from tms.services.review import history
    from tms.storage.database import close_databases

    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)
    path = seeded_project.po_path("mofa", "ja")
    catalog = load_catalog(path)
    for index, unit in enumerate(catalog.active_units()):
        unit.target, unit.state = f"訳文{index}。", SegmentState.APPROVED
        unit.approval = Approval("alice", "2026-11-23T10:05:00Z")
    catalog.certification = Certification("alex", "2026-11-24T09:00:00Z", catalog.translations_digest())
    save_catalog(path, catalog)
    assert load_catalog(path).publication is PublicationStatus.OFFICIAL
    key = catalog.active_units()[1].key
    tree = xliff_tree(export_xliff(seeded_project, "mofa", "ja"))
    unit_element(tree, key).find("x:target", NS).text = "改訂された訳。"
    file = write_xliff(tmp_path, tree)
    with pytest.raises(ConfirmationRequired, match="would withdraw its official status. Nothing was imported"):
        import_translations(seeded_project, file)
    assert load_catalog(path).publication is PublicationStatus.OFFICIAL
    report = import_translations(seeded_project, file, by="agency", withdraw_reason="the agency's revision")
    assert report.updated == 1 and load_catalog(path).publication is PublicationStatus.UNOFFICIAL
    entry = history(seeded_project, "mofa", "ja")[0]
    assert (entry.action, entry.user, entry.note) == ("withdraw", "agency", "the agency's revision")
    close_databases()
