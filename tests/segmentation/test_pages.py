"""The importer held to its targets on the labelled page set (tests/data/pages): site chrome kept out,
headlines, metadata, key sentences whole, the body of HTML pages extracted at least as well as trafilatura
alone; and every page imported, rendered and checked without error.

The figures per language are reported by ``benchmarks/import_fidelity.py``.
"""
from __future__ import annotations

import statistics

import pytest
import trafilatura

from tests.pageset import Totals, f1, load_pages, score_page, tokens

PAGES = load_pages()


@pytest.fixture(scope="module")
def scores():
    return {page.name: score_page(page) for page in PAGES}


def test_the_set_covers_the_eleven_languages_in_both_forms():
    languages = {page.language for page in PAGES}
    assert languages == {"ko", "en", "ja", "zh", "ar", "es", "fr", "de", "ru", "vi", "id"}
    assert len(PAGES) >= 40
    assert {page.format for page in PAGES if page.language == "ko"} == {"text", "html"}


def test_every_page_imports_in_its_own_language(scores):
    failed = {name: s.error for name, s in scores.items() if s.error}
    assert failed == {}
    assert [name for name, s in scores.items() if not s.language_right] == []


def test_the_four_targets(scores):
    totals = Totals()
    for score in scores.values():
        totals.add(score)
    assert Totals.share(totals.chrome) >= 0.95, f"chrome kept out: {totals.chrome}"
    assert Totals.share(totals.titles) >= 0.90, f"titles right: {totals.titles}"
    assert Totals.share(totals.metadata) >= 0.90, f"metadata kept: {totals.metadata}"
    assert Totals.share(totals.sentences) >= 0.97, f"key sentences whole: {totals.sentences}"


def test_html_body_extraction_is_at_least_trafilaturas(scores):
    ours, theirs = [], []
    for page in PAGES:
        if page.format != "html":
            continue
        ours.append(scores[page.name].extraction[2])
        truth = tokens("\n".join(page.labelled("B")))
        html = page.data.decode("utf-8")
        theirs.append(f1(tokens(trafilatura.extract(html, include_comments=False, include_tables=True) or ""),
                         truth)[2])
    assert statistics.mean(ours) >= 0.96
    assert statistics.mean(ours) >= statistics.mean(theirs)


def test_no_page_loses_body_text(scores):
    # Every word of the article's text (the B lines of page text, the body of HTML pages) is in a segment.
    low = {name: round(s.body_recall, 3) for name, s in scores.items() if s.body_recall < 0.97}
    assert low == {}


def test_every_link_image_table_list_quote_and_embed_of_an_html_page_is_in_its_rendered_translation(project):
    import lxml.html

    from tests.services.test_import_documents import counts, pseudo
    from tms.services.importing import import_files
    from tms.services.rendering import render_article

    short = {}
    for page in PAGES:
        if page.format != "html":
            continue
        source = project.root / f"{page.language}-{page.path.name}"
        source.write_bytes(page.data)
        (result,) = import_files(project, [source])
        target = "en" if page.language != "en" else "fr"
        pseudo(project, result.article_id, target)
        article = lxml.html.fromstring(render_article(project, result.article_id, target)).find(".//article")
        found = counts(article)
        wanted = {key: int(value) for key, value in (page.labels.get("markup") or {}).items()}
        missing = {key: (found.get(key, 0), value) for key, value in wanted.items() if found.get(key, 0) < value}
        if missing:
            short[page.name] = missing
    assert short == {}
