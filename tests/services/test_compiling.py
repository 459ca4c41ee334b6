"""Compiling catalogs: what is compiled, incremental runs, --check, and corrupt input."""
from __future__ import annotations

import gettext
import json
import os

import pytest

from tms.errors import CatalogError, NotFound
from tms.model import MachineInfo, SegmentState
from tms.services import compiling
from tms.services.compiling import COMPILED, CURRENT, REFUSED, compile_catalogs, manifest_path
from tms.storage.mofile import load_mo
from tms.storage.pofile import load_catalog, save_catalog

JA_CLEAN = "これに対し、ムニューシン長官は、国務省と緊密に連携していると述べた。"


def set_targets(project, article_id: str, lang: str, targets: dict[int, tuple[str, SegmentState]]) -> None:
    """Give units (by position) a target and a state."""
    path = project.po_path(article_id, lang)
    catalog = load_catalog(path)
    units = catalog.active_units()
    for index, (target, state) in targets.items():
        units[index].target, units[index].state = target, state
        if state is SegmentState.MACHINE:
            units[index].machine = MachineInfo("memory", target)
    save_catalog(path, catalog)


def _by_pair(results):
    return {(r.article_id, r.language): r for r in results}


def test_compiles_every_catalog_beside_its_po(seeded_project):
    set_targets(seeded_project, "mofa", "ja", {13: (JA_CLEAN, SegmentState.TRANSLATED),
                                               0: ("機械翻訳", SegmentState.MACHINE)})
    results = compile_catalogs(seeded_project)
    assert len(results) == 20 and {r.action for r in results} == {COMPILED}
    for result in results:
        assert result.mo_path == seeded_project.mo_path(result.article_id, result.language)
        assert result.mo_path.is_file()
    mo = seeded_project.mo_path("mofa", "ja")
    with mo.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    source = load_catalog(seeded_project.po_path("mofa", "ja")).active_units()
    assert translations.gettext(source[13].source) == JA_CLEAN
    assert translations.gettext(source[0].source) == source[0].source       # machine output left out
    assert translations.info()["language"] == "ja"
    assert [u.source for u in load_mo(mo).units] == [source[13].source]


def test_use_fuzzy_compiles_machine_output(seeded_project):
    set_targets(seeded_project, "mofa", "ja", {0: ("機械翻訳", SegmentState.MACHINE)})
    compile_catalogs(seeded_project, ["mofa"], ["ja"], use_fuzzy=True)
    assert [u.target for u in load_mo(seeded_project.mo_path("mofa", "ja")).units] == ["機械翻訳"]


def test_second_run_skips_current_catalogs(seeded_project, monkeypatch):
    compile_catalogs(seeded_project)
    monkeypatch.setattr(compiling, "load_catalog", lambda path: pytest.fail(f"read {path} again"))
    results = compile_catalogs(seeded_project)
    assert {r.action for r in results} == {CURRENT} and len(results) == 20


def test_changes_that_make_a_catalog_stale(seeded_project):
    compile_catalogs(seeded_project)
    set_targets(seeded_project, "mofa", "ja", {13: (JA_CLEAN, SegmentState.TRANSLATED)})
    seeded_project.mo_path("korea-net", "de").unlink()
    seeded_project.mo_path("korea-net", "fr").write_bytes(b"changed by hand")
    results = _by_pair(compile_catalogs(seeded_project))
    stale = {pair for pair, r in results.items() if r.action == COMPILED}
    assert stale == {("mofa", "ja"), ("korea-net", "de"), ("korea-net", "fr")}
    assert len(load_mo(seeded_project.mo_path("mofa", "ja")).units) == 1
    # other options: every catalog again
    assert {r.action for r in compile_catalogs(seeded_project, use_fuzzy=True)} == {COMPILED}
    assert {r.action for r in compile_catalogs(seeded_project, use_fuzzy=True)} == {CURRENT}
    assert {r.action for r in compile_catalogs(seeded_project, use_fuzzy=True, force=True)} == {COMPILED}


def test_a_damaged_manifest_means_compiling_again(seeded_project):
    compile_catalogs(seeded_project, ["mofa"])
    manifest_path(seeded_project).write_text("{not json", encoding="utf-8")
    assert {r.action for r in compile_catalogs(seeded_project, ["mofa"])} == {COMPILED}
    record = json.loads(manifest_path(seeded_project).read_text(encoding="utf-8"))
    assert record["version"] == 1 and set(record["catalogs"]) >= {"ja/mofa", "de/mofa"}


def test_selection_by_article_and_language(seeded_project):
    results = compile_catalogs(seeded_project, ["korea-net"], ["ja", "ar", "en"])
    assert [(r.article_id, r.language) for r in results] == [("korea-net", "ja"), ("korea-net", "ar")]
    assert not seeded_project.mo_path("mofa", "ja").exists()
    with pytest.raises(NotFound, match="unknown article 'nope'"):
        compile_catalogs(seeded_project, ["nope"])


def test_corrupt_po_stops_everything_before_writing(seeded_project):
    compile_catalogs(seeded_project, ["mofa"], ["de"])
    before = manifest_path(seeded_project).read_bytes()
    set_targets(seeded_project, "korea-net", "ja", {0: ("翻訳", SegmentState.TRANSLATED)})
    path = seeded_project.po_path("mofa", "ru")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[29] = "msgstr unquoted"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        compile_catalogs(seeded_project)
    assert caught.value.path == str(path) and caught.value.line == 30
    assert manifest_path(seeded_project).read_bytes() == before
    written = sorted(p.relative_to(seeded_project.root).as_posix() for p in seeded_project.locales_dir.rglob("*.mo"))
    assert written == ["locales/de/LC_MESSAGES/mofa.mo"]


def test_check_refuses_catalogs_with_errors(seeded_project):
    units = load_catalog(seeded_project.po_path("mofa", "ja")).active_units()
    assert "65 countries" in units[2].source
    set_targets(seeded_project, "mofa", "ja", {2: ("会議には多くの国が参加した。", SegmentState.TRANSLATED)})
    set_targets(seeded_project, "mofa", "de", {13: ("Darauf sagte Minister Mnuchin, er stimme sich eng ab.",
                                                     SegmentState.TRANSLATED)})
    results = _by_pair(compile_catalogs(seeded_project, ["mofa"], ["ja", "de"], check=True))
    refused = results[("mofa", "ja")]
    assert refused.action == REFUSED and not refused.mo_path.exists()
    assert refused.findings and all(f.severity.is_blocking for f in refused.findings)
    assert "numbers" in {f.check_id for f in refused.findings}
    assert results[("mofa", "de")].action == COMPILED
    # a catalog compiled without checks is checked when checks are asked for
    compile_catalogs(seeded_project, ["mofa"], ["fr"])
    assert _by_pair(compile_catalogs(seeded_project, ["mofa"], ["fr"], check=True))[("mofa", "fr")].action == COMPILED
    assert _by_pair(compile_catalogs(seeded_project, ["mofa"], ["fr"]))[("mofa", "fr")].action == CURRENT


def test_statistics_for_compiled_and_current_catalogs(seeded_project):
    set_targets(seeded_project, "mofa", "ja", {13: (JA_CLEAN, SegmentState.TRANSLATED),
                                               0: ("機械翻訳", SegmentState.MACHINE)})
    compile_catalogs(seeded_project, ["mofa"], ["de"])
    results = _by_pair(compile_catalogs(seeded_project, ["mofa"], ["ja", "de"], statistics=True))
    ja, de = results[("mofa", "ja")], results[("mofa", "de")]
    assert ja.action == COMPILED and de.action == CURRENT
    assert ja.stats.by_state[SegmentState.TRANSLATED].segments == 1
    assert ja.stats.by_state[SegmentState.MACHINE].segments == 1
    assert de.stats.by_state[SegmentState.UNTRANSLATED].segments == 18


def test_progress_counts_the_catalogs_compiled(seeded_project):
    calls = []
    compile_catalogs(seeded_project, ["mofa"], progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (10, 10) and len(calls) == 10


def test_mo_is_written_atomically_with_readable_permissions(seeded_project):
    compile_catalogs(seeded_project, ["mofa"], ["ja"])
    mo = seeded_project.mo_path("mofa", "ja")
    assert os.stat(mo).st_mode & 0o644 == 0o644
    assert not list(mo.parent.glob(".*.tmp"))


@pytest.mark.gettext
def test_compiled_files_equal_msgfmt_of_the_po_on_disk(seeded_project, tmp_path):
    import subprocess

    from tests.conftest import gettext_tool

    set_targets(seeded_project, "mofa", "ar", {0: ("وزير الخارجية يحضر الاجتماع", SegmentState.TRANSLATED),
                                               1: ("ترجمة آلية", SegmentState.MACHINE),
                                               2: ("تحتاج إلى تعديل", SegmentState.NEEDS_EDITING)})
    for use_fuzzy, extra in ((False, []), (True, ["--use-fuzzy"])):
        compile_catalogs(seeded_project, ["mofa"], ["ar"], use_fuzzy=use_fuzzy)
        theirs = tmp_path / f"msgfmt-{use_fuzzy}.mo"
        subprocess.run([gettext_tool("msgfmt"), *extra, "-o", str(theirs), str(seeded_project.po_path("mofa", "ar"))],
                       check=True)
        assert seeded_project.mo_path("mofa", "ar").read_bytes() == theirs.read_bytes()


def test_duplicate_entry_in_a_po_names_its_line(seeded_project):
    path = seeded_project.po_path("mofa", "es")
    text = path.read_text(encoding="utf-8")
    first_entry = text.index("#. tms:")
    duplicate = text[first_entry:text.index("\n\n", first_entry) + 1]
    path.write_text(text + "\n" + duplicate, encoding="utf-8")
    line = text.count("\n") + 2          # the first line of the repeated entry, after a blank line
    with pytest.raises(CatalogError, match="already exists") as caught:
        compile_catalogs(seeded_project, ["mofa"], ["es"])
    assert caught.value.path == str(path) and caught.value.line == line
    assert not seeded_project.mo_path("mofa", "es").exists()


def test_check_refuses_what_msgfmt_c_refuses_a_line_break_sent_from_a_text_box(seeded_project, tmp_path):
    import shutil
    import subprocess

    units = load_catalog(seeded_project.po_path("mofa", "de")).active_units()
    assert not units[0].source.endswith("\n")
    set_targets(seeded_project, "mofa", "de", {0: ("Pressemitteilung des Außenministeriums\n", SegmentState.TRANSLATED)})
    refused = _by_pair(compile_catalogs(seeded_project, ["mofa"], ["de"], check=True))[("mofa", "de")]
    assert refused.action == REFUSED and [f.check_id for f in refused.findings] == ["newlines"]
    msgfmt = shutil.which("msgfmt")
    if msgfmt:
        result = subprocess.run([msgfmt, "-c", "-o", str(tmp_path / "x.mo"), str(seeded_project.po_path("mofa", "de"))],
                                capture_output=True)
        assert result.returncode != 0
