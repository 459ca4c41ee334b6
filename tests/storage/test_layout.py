"""Where a project keeps its files, and the checks on ids, languages and catalogs."""
from __future__ import annotations

import pytest

from tms.errors import InputError, NotFound
from tms.storage.layout import check_id


def test_paths_stay_inside_the_project(project):
    assert project.po_path("mofa-2026", "ja") == project.root / "locales/ja/LC_MESSAGES/mofa-2026.po"
    assert project.pot_path("mofa-2026") == project.root / "locales/templates/mofa-2026.pot"
    for bad in ("../etc", "a/b", "Upper", ".hidden", ""):
        with pytest.raises(InputError, match="invalid article id"):
            project.po_path(bad, "ja")
    with pytest.raises(InputError, match="unknown language code"):
        project.po_path("mofa", "../../x")


def test_require_catalog_names_the_languages_the_article_has(project):
    with pytest.raises(NotFound, match="unknown article 'mofa'"):
        project.require_catalog("mofa", "ja")
    project.pot_path("mofa").parent.mkdir(parents=True)
    project.pot_path("mofa").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(NotFound, match=r"has no Japanese catalog .*; its languages: none yet"):
        project.require_catalog("mofa", "ja")
    for lang in ("ko", "de"):
        project.po_path("mofa", lang).parent.mkdir(parents=True)
        project.po_path("mofa", lang).write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(NotFound, match=r"article 'mofa' has no Japanese catalog \(locales/ja/LC_MESSAGES/mofa.po\); "
                                       r"its languages: ko, de"):
        project.require_catalog("mofa", "ja")
    assert project.require_catalog("mofa", "de") == project.po_path("mofa", "de")


@pytest.mark.parametrize("bad", ["x\n", "demo\n", "a\r", "x\ny", "\nx", "x\x00", "x ", "x/y", "..", "a..b", ""])
def test_article_ids_are_checked_whole(bad):
    with pytest.raises(InputError, match="invalid article id"):
        check_id(bad)


def test_files_with_a_line_break_in_their_name_are_not_articles(project):
    project.templates_dir.mkdir(parents=True)
    for name in ("good.pot", "bad\n.pot"):
        (project.templates_dir / name).write_text("", encoding="utf-8")
    assert project.article_ids() == ["good"]


def test_the_state_folder_can_live_apart_from_the_project(tmp_path, monkeypatch):
    from tms.storage.layout import Project

    project = Project(tmp_path / "shared")
    assert project.state_dir == project.root / ".tms"
    monkeypatch.setenv("TMS_STATE_DIR", str(tmp_path / "local" / "state"))
    assert Project(tmp_path / "shared").state_dir == (tmp_path / "local" / "state").resolve()
    # what every machine must see alike stays in the project
    assert Project(tmp_path / "shared").shared_state_dir == (tmp_path / "shared").resolve() / ".tms"
