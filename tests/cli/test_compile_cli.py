"""``tms compile`` through the click runner."""
from __future__ import annotations

from tms.cli.main import cli
from tms.model import SegmentState
from tms.storage.mofile import load_mo
from tms.storage.pofile import load_catalog, save_catalog

JA_CLEAN = "これに対し、ムニューシン長官は、国務省と緊密に連携していると述べた。"


def _translate(project, index: int, target: str, state=SegmentState.TRANSLATED, lang="ja") -> None:
    path = project.po_path("mofa", lang)
    catalog = load_catalog(path)
    unit = catalog.active_units()[index]
    unit.target, unit.state = target, state
    save_catalog(path, catalog)


def _run(runner, project, *args):
    return runner.invoke(cli, ["--root", str(project.root), "compile", *args])


def test_compile_and_nothing_to_do(runner, seeded_project):
    _translate(seeded_project, 13, JA_CLEAN)
    result = _run(runner, seeded_project)
    assert result.exit_code == 0, result.output
    assert "compiled locales/ja/LC_MESSAGES/mofa.mo" in result.stdout
    assert "20 compiled, 0 already current" in result.stderr
    assert [u.target for u in load_mo(seeded_project.mo_path("mofa", "ja")).units] == [JA_CLEAN]
    again = _run(runner, seeded_project)
    assert again.exit_code == 0 and again.stdout == ""
    assert "0 compiled, 20 already current" in again.stderr


def test_statistics_in_msgfmt_wording(runner, seeded_project):
    _translate(seeded_project, 13, JA_CLEAN)
    _translate(seeded_project, 0, "機械翻訳", SegmentState.NEEDS_EDITING)
    result = _run(runner, seeded_project, "mofa", "--lang", "ja,de", "--statistics")
    assert result.exit_code == 0, result.output
    assert "ja/mofa: 1 translated message, 1 fuzzy translation, 16 untranslated messages." in result.stdout
    assert "de/mofa: 0 translated messages, 18 untranslated messages." in result.stdout


def test_use_fuzzy(runner, seeded_project):
    _translate(seeded_project, 0, "機械翻訳", SegmentState.NEEDS_EDITING)
    assert _run(runner, seeded_project, "mofa", "--lang", "ja", "--use-fuzzy").exit_code == 0
    assert [u.target for u in load_mo(seeded_project.mo_path("mofa", "ja")).units] == ["機械翻訳"]


def test_check_refuses_and_exits_1(runner, seeded_project):
    _translate(seeded_project, 2, "会議には多くの国が参加した。")
    result = _run(runner, seeded_project, "mofa", "--lang", "ja", "--lang", "de", "--check")
    assert result.exit_code == 1
    assert "refused ja/mofa:" in result.stderr and "[numbers]" in result.stderr
    assert "originals/mofa.md:" in result.stderr
    assert "1 compiled, 0 already current, 1 refused by the checks" in result.stderr
    assert not seeded_project.mo_path("mofa", "ja").exists()
    assert seeded_project.mo_path("mofa", "de").exists()


def test_corrupt_po_is_one_message_and_exit_1(runner, seeded_project):
    path = seeded_project.po_path("mofa", "ru")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[29] = "msgstr unquoted"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _run(runner, seeded_project)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"Error: {path}:30: {result.stderr.split(':30: ', 1)[1].strip()}"]
    assert "invalid PO syntax" in result.stderr
    assert not list(seeded_project.locales_dir.rglob("*.mo"))


def test_bad_arguments_exit_2(runner, seeded_project):
    result = _run(runner, seeded_project, "--lang", "xx")
    assert result.exit_code == 2 and "unknown language code 'xx'" in result.stderr


def test_unknown_article_exits_1(runner, seeded_project):
    result = _run(runner, seeded_project, "nope")
    assert result.exit_code == 1 and "unknown article 'nope'" in result.stderr


def test_empty_project(runner, project):
    result = _run(runner, project)
    assert result.exit_code == 0 and "no catalogs to compile" in result.stderr
