"""``tms render`` through click's runner."""
from __future__ import annotations

from tests.services.test_rendering import fill
from tms.cli.main import cli


def run(runner, project, *args):
    return runner.invoke(cli, ["--root", str(project.root), "render", *args])


def test_render_to_standard_output(runner, seeded_project):
    fill(seeded_project, "mofa", "ar")
    result = run(runner, seeded_project, "mofa", "--lang", "ar")
    assert result.exit_code == 0, result.output
    assert result.output.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')
    text = run(runner, seeded_project, "mofa", "--lang", "ar", "--format", "text")
    assert text.output.startswith("* ترجمة غير رسمية\n\n〔ar 1.1〕ترجمة。")


def test_render_to_a_file(runner, seeded_project, tmp_path):
    fill(seeded_project, "korea-net", "ja")
    out = tmp_path / "site" / "korea-net.ja.md"
    result = run(runner, seeded_project, "korea-net", "--lang", "ja", "--format", "markdown", "--out", str(out),
                 "--link-pattern", "/{lang}/{id}/")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("---\nid: korea-net\nlanguage: ja\n")
    assert "href: /en/korea-net/" in out.read_text(encoding="utf-8")


def test_untranslated_segments_exit_1_unless_allowed(runner, seeded_project, tmp_path):
    out = tmp_path / "mofa.ja.html"
    result = run(runner, seeded_project, "mofa", "--lang", "ja", "--out", str(out))
    assert result.exit_code == 1
    assert "locales/ja/LC_MESSAGES/mofa.po: 18 of 18 segments are untranslated" in result.output
    assert not out.exists()
    result = run(runner, seeded_project, "mofa", "--lang", "ja", "--allow-partial", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count('class="untranslated" lang="en"') == 18


def test_bad_arguments(runner, seeded_project):
    assert run(runner, seeded_project, "mofa", "--lang", "xx").exit_code == 2
    assert run(runner, seeded_project, "mofa").exit_code == 2
    assert run(runner, seeded_project, "mofa", "--lang", "en", "--format", "pdf").exit_code == 2
    result = run(runner, seeded_project, "nope", "--lang", "en")
    assert result.exit_code == 1 and "unknown article 'nope'" in result.output
    result = run(runner, seeded_project, "mofa", "--lang", "en", "--link-pattern", "{id}.html")
    assert result.exit_code == 1 and "must contain {lang}" in result.output
