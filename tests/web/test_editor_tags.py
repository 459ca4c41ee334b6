"""Inline tags in the editor: tokens in the source column, their tooltips, and markup findings beside the segment."""
from __future__ import annotations

import html as htmllib
import re

import pytest

from tests.tagged import LOGO_SRC, STATEMENT_URL, TAGGED_JA, build_tagged_article
from tests.web.test_pages import JSON, page_token, signed_in
from tms.storage.pofile import load_catalog, save_catalog


@pytest.fixture
def tagged(web_project):
    """The web project with the tagged article in Japanese and German."""
    return build_tagged_article(web_project, langs=("ja", "de"))


def segment_html(page: str, number: int) -> str:
    start = page.index(f'id="seg-{number}"')
    end = page.find('id="seg-', start + 1)
    return page[start:end if end > 0 else len(page)]


def source_html(segment: str) -> str:
    return re.search(r'<p class="source-text"[^>]*>(.*?)</p>', segment, re.DOTALL).group(1)


def visible_text(fragment: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_tags_are_tokens_that_say_what_they_stand_for(client, users, tagged):
    signed_in(client, users.translator)
    page = client.get("/articles/tagged/ja").get_data(as_text=True)
    source = source_html(segment_html(page, 2))
    assert visible_text(source) == "Read the a1joint statement/a1 of the b265 nations/b2.↵"
    assert "&lt;a1&gt;joint" not in source
    link = re.search(r"<button [^>]*>a1</button>", source).group(0)
    assert 'type="button"' in link and 'class="tag-chip tag-open"' in link and 'data-number="1"' in link
    assert 'aria-label="Insert link 1 into segment 2"' in link
    assert f'title="link 1: {htmllib.escape(STATEMENT_URL)}"' in link
    assert 'data-insert="&lt;a1&gt;" data-closer="&lt;/a1&gt;"' in link
    assert re.search(r'<span class="tag-chip tag-close" data-number="1" title="end of link 1" '
                     r'data-insert="&lt;a1&gt;" data-closer="&lt;/a1&gt;">/a1</span>', source)
    assert re.search(r'title="bold 2"\s+aria-label="Insert bold 2 into segment 2">b2</button>', source)
    assert re.search(r'data-insert="&lt;br/&gt;" data-closer="" title="line break"\s+'
                     r'aria-label="Insert line break into segment 2">↵</button>', source)
    image = re.search(r"<button [^>]*>img1</button>", source_html(segment_html(page, 3))).group(0)
    assert f'title="image 1: {LOGO_SRC}"' in image and 'aria-label="Insert image 1 into segment 3"' in image
    plain = source_html(segment_html(page, 4))
    assert plain == "The ministers met in Seoul on Monday."
    assert "Alt+1 … Alt+9" in page


def test_the_translation_box_keeps_the_tags_written_out(client, users, tagged):
    path = tagged.po_path("tagged", "ja")
    catalog = load_catalog(path)
    catalog.active_units()[1].target = TAGGED_JA[1]
    save_catalog(path, catalog)
    signed_in(client, users.translator)
    segment = segment_html(client.get("/articles/tagged/ja").get_data(as_text=True), 2)
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", segment, re.DOTALL).group(1)
    assert htmllib.unescape(textarea) == TAGGED_JA[1]


def test_tokens_are_not_buttons_where_the_account_may_not_edit(client, users, tagged):
    signed_in(client, users.translator_de)
    source = source_html(segment_html(client.get("/articles/tagged/ja").get_data(as_text=True), 2))
    assert "<button" not in source and "data-insert" not in source
    assert f'<span class="tag-chip tag-open" title="link 1: {htmllib.escape(STATEMENT_URL)}">a1</span>' in source


def test_broken_tags_are_shown_as_markup_errors_beside_the_segment(client, users, tagged):
    signed_in(client, users.translator)
    unit = load_catalog(tagged.po_path("tagged", "ja")).active_units()[1]
    body = client.post(f"/articles/tagged/ja/segments/{unit.key}", headers=JSON, data={
        "csrf_token": page_token(client), "action": "save", "revision": unit.revision,
        "target": "<b2>65か国</b2>の</a1>共同声明<a1>を読む。<br/>"}).get_json()
    assert {"severity": "error", "check": "markup",
            "message": "the tag </a1> closes <a1> before it is opened"} in body["segment"]["checks"]
    segment = segment_html(client.get("/articles/tagged/ja").get_data(as_text=True), 2)
    assert '<li class="severity-error">the tag &lt;/a1&gt; closes &lt;a1&gt; before it is opened</li>' in segment
    assert '<li class="severity-error">the tag &lt;a1&gt; is never closed</li>' in segment


def test_the_api_says_what_each_tag_stands_for(client, users, tagged):
    signed_in(client, users.translator)
    segments = client.get("/api/articles/tagged/ja", headers=JSON).get_json()["segments"]
    assert segments[1]["tags"] == {"1": STATEMENT_URL}
    assert segments[0]["tags"] == {}
