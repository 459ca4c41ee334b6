"""Rendering articles: both seeds in Arabic and Japanese, the source back from its template, partial catalogs."""
from __future__ import annotations

import re

import pytest

from tms.errors import CatalogError, InputError, NotFound
from tms.model import Approval, Certification, Role, SegmentState
from tms.services.rendering import build_page, render_article
from tms.storage.originals import load_article
from tms.storage.pofile import load_catalog, save_catalog

MARK = {"ja": "訳", "ar": "ترجمة"}


def fill(project, article_id, lang, *, skip: int = 0, text=None):
    """Translate every unit (but the first ``skip``) with a recognisable target: "〔ja 3.1〕訳。"."""
    path = project.po_path(article_id, lang)
    catalog = load_catalog(path)
    for index, unit in enumerate(catalog.active_units()):
        if index < skip:
            continue
        loc = unit.location
        unit.target = text(unit) if text else f"〔{lang} {loc.block}.{loc.sentence}〕{MARK.get(lang, lang)}。"
        unit.state = SegmentState.TRANSLATED
    save_catalog(path, catalog)
    return catalog


@pytest.fixture
def translated(seeded_project):
    for article_id in ("korea-net", "mofa"):
        for lang in ("ja", "ar"):
            fill(seeded_project, article_id, lang)
    return seeded_project


@pytest.mark.parametrize("article_id", ["korea-net", "mofa"])
@pytest.mark.parametrize("lang, direction, notice, heading, names", [
    ("ar", "rtl", "ترجمة غير رسمية", "اقرأ هذا المقال بلغة أخرى", ["English", "日本語", "العربية"]),
    ("ja", "ltr", "非公式翻訳", "この記事を他の言語で読む", ["English", "日本語", "العربية"]),
])
def test_both_seeds_render_in_arabic_and_japanese(translated, article_id, lang, direction, notice, heading, names):
    page = render_article(translated, article_id, lang, "html")
    assert page.startswith(f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}">')
    assert f'<p class="notice" role="note">{notice}</p>' in page
    assert f'<nav class="languages" aria-label="{heading}">' in page
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+"[^>]*>([^<]+)</a>', page)
    assert [(href, code, name) for href, code, name in links] == [
        (f"{article_id}.en.html", "en", names[0]), (f"{article_id}.ja.html", "ja", names[1]),
        (f"{article_id}.ar.html", "ar", names[2])]
    assert f'hreflang="{lang}" lang="{lang}" aria-current="page"' in page
    assert f'<link rel="alternate" hreflang="en" href="{article_id}.en.html">' in page
    # Every segment's translation is there, in the order of the catalog.
    catalog = load_catalog(translated.po_path(article_id, lang))
    positions = [page.index(u.target.replace("。", "")) for u in catalog.active_units()]
    assert positions == sorted(positions)
    assert "Minister" not in page.split("<body>")[1]


def test_korea_net_structure(translated):
    page = render_article(translated, "korea-net", "ja", "html")
    assert '<p class="date"><time datetime="2017-03-27">2017年3月27日</time></p>' in page
    assert '<p class="caption">〔ja 6.1〕訳。</p>' in page
    assert '<p class="byline">〔ja 11.1〕訳。</p>' in page and '<p class="credit">〔ja 13.1〕訳。</p>' in page
    # Japanese sentences meet without a space.
    assert "<p>〔ja 3.1〕訳。〔ja 3.2〕訳。</p>" in page
    arabic = render_article(translated, "korea-net", "ar", "html")
    assert '<time datetime="2017-03-27">27 مارس 2017</time>' in arabic
    assert "<p>〔ar 3.1〕ترجمة。 〔ar 3.2〕ترجمة。</p>" in arabic


def test_mofa_structure(translated):
    page = render_article(translated, "mofa", "ar", "html")
    assert "<h1>〔ar 1.1〕ترجمة。</h1>" in page
    body = page.split("<article", 1)[1].split("</article>")[0]
    assert body.count("<ol>") == 1 and body.count("<ul>") == 3
    assert re.findall(r'<li value="(\d)">', body) == ["1", "2", "3"]
    assert body.count('<li data-marker="o">') == 7
    # The nested list sits inside the numbered item it belongs to.
    assert re.search(r'<li value="1">[^<]*\n<ul>\n<li data-marker="o">', body)
    assert "<title>〔ar 1.1〕ترجمة。</title>" in page


def test_the_source_rendered_from_its_template_is_the_cleaned_article(seeded_project):
    article, _ = load_article(seeded_project.original_path("korea-net"))
    text = render_article(seeded_project, "korea-net", "en", "text")
    blocks = [b.text for b in article.blocks]
    assert article.blocks[0].role is Role.TITLE
    assert text == "\n\n".join([blocks[0], "March 27, 2017", *blocks[1:]]) + "\n"
    mofa, _ = load_article(seeded_project.original_path("mofa"))
    lines = [f"{'    ' * b.level}{b.marker} {b.text}" if b.marker else b.text for b in mofa.blocks]
    assert render_article(seeded_project, "mofa", "en", "text") == "\n\n".join(
        ["* Unofficial translation", *lines]) + "\n"


def test_the_source_as_markdown_has_the_originals_body(seeded_project):
    original = seeded_project.original_path("mofa").read_text(encoding="utf-8")
    rendered = render_article(seeded_project, "mofa", "en", "markdown")
    body = original.split("\n---\n", 1)[1].strip()
    assert rendered.endswith(body + "\n")
    assert "notice: Unofficial translation" in rendered and "**Unofficial translation**" in rendered


def test_the_source_page_has_no_notice_unless_the_source_is_unofficial(seeded_project):
    assert 'class="notice"' not in render_article(seeded_project, "korea-net", "en")
    assert '<p class="notice" role="note">Unofficial translation</p>' in render_article(seeded_project, "mofa", "en")


def test_a_certified_translation_has_no_notice(translated):
    path = translated.po_path("korea-net", "ja")
    catalog = load_catalog(path)
    for unit in catalog.active_units():
        unit.state, unit.approval = SegmentState.APPROVED, Approval("approver", "2026-11-23T09:00:00Z")
    catalog.certification = Certification("approver", "2026-11-23T10:00:00Z", catalog.translations_digest())
    save_catalog(path, catalog)
    page = render_article(translated, "korea-net", "ja")
    assert 'class="notice"' not in page and 'data-publication="official"' in page
    assert 'data-publication="unofficial"' in render_article(translated, "korea-net", "ar")


def test_drafts_are_not_offered_in_the_switcher(translated):
    fill(translated, "korea-net", "ko", skip=1)
    page = render_article(translated, "korea-net", "ja")
    assert 'hreflang="ko"' not in page
    partial = render_article(translated, "korea-net", "ko", allow_partial=True)
    assert 'hreflang="ko" lang="ko" aria-current="page"' in partial


def test_untranslated_segments_are_refused_with_their_count(seeded_project):
    fill(seeded_project, "mofa", "ja", skip=2)
    with pytest.raises(InputError) as info:
        render_article(seeded_project, "mofa", "ja")
    message = str(info.value)
    assert message.startswith("locales/ja/LC_MESSAGES/mofa.po: 2 of 18 segments are untranslated: “Foreign Minister")
    assert "(originals/mofa.md:11)" in message and "--allow-partial" in message


def test_allow_partial_marks_the_source_standing_in(seeded_project):
    fill(seeded_project, "mofa", "ar", skip=2)
    page = render_article(seeded_project, "mofa", "ar", allow_partial=True)
    assert re.search(r'<h1><span class="untranslated" lang="en" dir="ltr" title="لم يُترجم بعد">Foreign Minister '
                     r'Attends[^<]*</span></h1>', page)
    text = render_article(seeded_project, "mofa", "ar", "text", allow_partial=True)
    assert "[[en: Foreign Minister Attends" in text
    markdown = render_article(seeded_project, "mofa", "ar", "markdown", allow_partial=True)
    assert '<span class="untranslated" lang="en">Foreign Minister Attends' in markdown
    assert build_page(seeded_project, "mofa", "ar", allow_partial=True).untranslated == 2


def test_all_text_is_escaped(seeded_project):
    fill(seeded_project, "korea-net", "fr", text=lambda u: '<script>alert("x")</script> & *gras* [lien]')
    page = render_article(seeded_project, "korea-net", "fr")
    assert "<script>" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in page
    markdown = render_article(seeded_project, "korea-net", "fr", "markdown")
    body = markdown.split("\n---\n", 1)[1]     # the front matter is YAML data, quoted as YAML
    assert "<script>" not in body and r"\*gras\* \[lien\]" in body


def test_text_and_markdown_carry_notice_and_switcher(translated):
    text = render_article(translated, "korea-net", "ja", "text")
    assert text.startswith("* 非公式翻訳\n\n〔ja 1.1〕訳。\n\n2017年3月27日\n\n〔ja 2.1〕訳。")
    assert text.endswith("この記事を他の言語で読む: English | 日本語 | العربية\n")
    markdown = render_article(translated, "korea-net", "ar", "markdown")
    assert "language: ar\ndirection: rtl\n" in markdown and "notice: ترجمة غير رسمية" in markdown
    assert "[English](<korea-net.en.html>)" in markdown


def test_link_pattern_from_settings_or_option(translated):
    translated.config_path.write_text('[render]\nlink_pattern = "/{lang}/news/{id}.html"\n', encoding="utf-8")
    assert 'href="/en/news/mofa.html" hreflang="en"' in render_article(translated, "mofa", "ja")
    assert 'href="mofa-ar.htm"' in render_article(translated, "mofa", "ja", links="{id}-{lang}.htm")
    with pytest.raises(InputError, match=r"must contain \{lang\}"):
        render_article(translated, "mofa", "ja", links="{id}.html")
    with pytest.raises(InputError, match="no fields but"):
        render_article(translated, "mofa", "ja", links="{id}.{lang}.{year}.html")


def test_unknown_article_language_catalog_or_format(seeded_project):
    with pytest.raises(NotFound, match="unknown article 'nope'"):
        render_article(seeded_project, "nope", "ja")
    with pytest.raises(InputError, match="unknown language code 'xx'"):
        render_article(seeded_project, "mofa", "xx")
    seeded_project.po_path("mofa", "vi").unlink()
    with pytest.raises(NotFound, match=r"article 'mofa' has no Vietnamese catalog \(locales/vi/LC_MESSAGES/mofa.po\)"):
        render_article(seeded_project, "mofa", "vi")
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        render_article(seeded_project, "mofa", "en", "pdf")


def test_a_catalog_behind_its_original_is_a_catalog_error(seeded_project):
    fill(seeded_project, "mofa", "ja")
    original = seeded_project.original_path("mofa")
    original.write_text(original.read_text(encoding="utf-8").replace("Foreign Minister Attends", "Minister Attends"),
                        encoding="utf-8")
    with pytest.raises(CatalogError, match=r"has no entry for “Minister Attends .*\(originals/mofa.md:\d+\); "
                                           r"run tms update"):
        render_article(seeded_project, "mofa", "ja")
