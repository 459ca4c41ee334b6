"""``tms export`` and ``tms import-translations`` through click's runner."""
from __future__ import annotations

from lxml import etree

from tests.services.test_interchange import NS, prepare, translate_tagged, unit_element, write_xliff, xliff_tree
from tests.tagged import build_tagged_article
from tms.services.interchange import export_xliff
from tms.cli.main import cli
from tms.model import SegmentState
from tms.storage.pofile import load_catalog


def run(runner, project, *args):
    return runner.invoke(cli, ["--root", str(project.root), *args])


def test_export_xliff_and_import_it_back(runner, seeded_project, tmp_path):
    path = prepare(seeded_project)
    before = path.read_bytes()
    out = tmp_path / "mofa.ja.xlf"
    result = run(runner, seeded_project, "export", "mofa", "--lang", "ja", "--format", "xliff", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"wrote {out}: mofa (ja)" in result.output
    tree = etree.fromstring(out.read_bytes())
    first = tree.find(".//x:trans-unit", NS)
    first.find("x:target", NS).text = "外相、会合に出席。"
    first.find("x:target", NS).set("state", "translated")
    out.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    result = run(runner, seeded_project, "import-translations", str(out))
    assert result.exit_code == 0, result.output
    assert "locales/ja/LC_MESSAGES/mofa.po: 1 updated, 17 unchanged, 0 untranslated in the file, 0 conflicts" \
        in result.output
    assert load_catalog(path).active_units()[0].state is SegmentState.TRANSLATED
    assert path.read_bytes() != before


def test_export_to_standard_output(runner, seeded_project):
    prepare(seeded_project)
    result = run(runner, seeded_project, "export", "mofa", "--lang", "ja")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff')


def test_export_tmx(runner, seeded_project, tmp_path):
    prepare(seeded_project)
    out = tmp_path / "ja.tmx"
    result = run(runner, seeded_project, "export", "--lang", "ja", "--format", "tmx", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "15 segments from 2 catalogs (ja)" in result.output
    assert b'<tmx version="1.4">' in out.read_bytes()


def test_conflicts_are_reported(runner, seeded_project, tmp_path):
    prepare(seeded_project)
    out = tmp_path / "mofa.ja.xlf"
    out.write_bytes(run(runner, seeded_project, "export", "mofa", "--lang", "ja").stdout_bytes)
    tree = etree.fromstring(out.read_bytes())
    approved = tree.find(".//x:trans-unit[@approved='yes']", NS)
    approved.attrib.pop("approved")
    approved.find("x:target", NS).text = "別の訳。"
    approved.find("x:target", NS).set("state", "translated")
    out.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    result = run(runner, seeded_project, "import-translations", str(out))
    assert result.exit_code == 0
    assert "1 conflicts" in result.stdout
    assert "kept the approved translation" in result.stderr


def test_bad_arguments_and_files(runner, seeded_project, tmp_path):
    assert run(runner, seeded_project, "export", "--lang", "ja").exit_code == 2
    assert run(runner, seeded_project, "export", "mofa", "korea-net", "--lang", "ja").exit_code == 2
    assert run(runner, seeded_project, "export", "mofa", "--lang", "xx").exit_code == 2
    result = run(runner, seeded_project, "export", "nope", "--lang", "ja")
    assert result.exit_code == 1 and "unknown article 'nope'" in result.output
    bad = tmp_path / "bad.xlf"
    bad.write_text("<xliff><file>", encoding="utf-8")
    result = run(runner, seeded_project, "import-translations", str(bad))
    assert result.exit_code == 1 and f"{bad}:1: not valid XML" in result.output
    result = run(runner, seeded_project, "import-translations", str(tmp_path / "missing.xlf"))
    assert result.exit_code == 1 and "no such file" in result.output


def test_tags_that_differ_from_the_source_are_reported(runner, project, tmp_path):
    build_tagged_article(project)
    path = translate_tagged(project)
    key = load_catalog(path).active_units()[1].key
    tree = xliff_tree(export_xliff(project, "tagged", "ja"))
    target = unit_element(tree, key).find("x:target", NS)
    target.remove(target[0])                     # the bold pair dropped by the agency
    result = run(runner, project, "import-translations", str(write_xliff(tmp_path, tree)))
    assert result.exit_code == 0, result.output
    assert f"unit {key}: the tag <b2> is missing from the translation" in result.output
