"""Unreviewed machine output is not a translation: render refuses it unless the project publishes it, and
then the page says that it is machine translated."""
from __future__ import annotations

import pytest

from tms.errors import InputError
from tms.model import MachineInfo, SegmentState
from tms.services.rendering import build_page, render_article
from tms.storage.pofile import load_catalog, save_catalog
from tests.services.test_rendering import fill


def machine_fill(project, article_id="korea-net", lang="ja", *, keep_human: int = 0):
    """Every unit machine-translated and left untouched, but the first ``keep_human`` (a person's text)."""
    fill(project, article_id, lang)
    path = project.po_path(article_id, lang)
    catalog = load_catalog(path)
    for index, unit in enumerate(catalog.active_units()):
        if index >= keep_human:
            unit.machine = MachineInfo("libre", unit.target, "2026-11-23T10:00:00Z")
            unit.state = SegmentState.MACHINE
    save_catalog(path, catalog)
    return catalog


def test_render_refuses_a_catalog_of_untouched_machine_output(seeded_project):
    catalog = machine_fill(seeded_project)
    total = len(catalog.active_units())
    with pytest.raises(InputError, match=rf"{total} of {total} segments are unreviewed machine translation: .*"
                                         r"publish_machine_translation = true"):
        render_article(seeded_project, "korea-net", "ja")


def test_one_untouched_machine_segment_is_enough_to_refuse(seeded_project):
    catalog = machine_fill(seeded_project, keep_human=3)
    machine = len(catalog.active_units()) - 3
    with pytest.raises(InputError, match=rf"{machine} of {machine + 3} segments are unreviewed machine"):
        render_article(seeded_project, "korea-net", "ja")


def test_a_partial_render_shows_the_source_in_place_of_machine_output(seeded_project):
    catalog = machine_fill(seeded_project, keep_human=1)
    page = build_page(seeded_project, "korea-net", "ja", allow_partial=True)
    assert page.untranslated == len(catalog.active_units()) - 1
    html = render_article(seeded_project, "korea-net", "ja", allow_partial=True)
    assert catalog.active_units()[1].target.rstrip("。") not in html
    assert 'class="untranslated"' in html


def test_the_project_may_publish_machine_output_and_the_page_says_so(seeded_project):
    catalog = machine_fill(seeded_project)
    seeded_project.config_path.write_text("[publication]\npublish_machine_translation = true\n", encoding="utf-8")
    html = render_article(seeded_project, "korea-net", "ja")
    assert '<p class="notice" role="note">機械翻訳</p>' in html
    assert "非公式翻訳" not in html
    assert catalog.active_units()[1].target.rstrip("。") in html


def test_the_language_switcher_leaves_out_machine_output(seeded_project):
    fill(seeded_project, "korea-net", "ar")
    machine_fill(seeded_project)
    html = render_article(seeded_project, "korea-net", "ar")
    assert 'hreflang="ar"' in html and 'href="korea-net.ja.html"' not in html


def test_a_setting_that_is_not_a_boolean_is_refused(seeded_project):
    fill(seeded_project, "korea-net", "ja")
    seeded_project.config_path.write_text('[publication]\npublish_machine_translation = "yes"\n', encoding="utf-8")
    with pytest.raises(InputError, match="publish_machine_translation must be true or false"):
        render_article(seeded_project, "korea-net", "ja")
