"""Word, HWPX and HTML sources through the whole desk: import, catalogs, pseudo translation, render.

Each round trip compares the rendered translation with the source structurally: every link, image,
table, list and quote of the source is in the page, the headline is its <h1>, and the catalogs pass
``msgfmt -c``.
"""
from __future__ import annotations

import subprocess

import lxml.html
import pytest

from tests.conftest import gettext_tool
from tests.segmentation.test_office import OLE_MAGIC, build_docx, build_release, tiny_png
from tms.cli.main import cli
from tms.errors import InputError, PartialFailure
from tms.inline import TAG_RE
from tms.model import Role, SegmentState
from tms.services.importing import import_files
from tms.services.sources import prepare_article
from tms.services.rendering import render_article
from tms.storage.originals import load_article
from tms.storage.pofile import load_catalog, save_catalog

ARTICLE_HTML = """<!DOCTYPE html><html lang="en"><head><title>Seoul and Hanoi sign a trade pact | Example News</title>
<link rel="canonical" href="https://news.example.org/world/seoul-hanoi-pact">
<meta property="article:published_time" content="2024-05-02T09:00:00+09:00"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Seoul and Hanoi sign a trade pact</h1>
<p>The ministers signed the <a href="/docs/pact.pdf">agreement</a> on <strong>Thursday</strong> in Hanoi.
It cuts tariffs on <em>4,000 goods</em>.</p>
<figure><img src="/img/signing.jpg" alt="The two ministers shake hands"><figcaption>The ministers in Hanoi.</figcaption></figure>
<blockquote><p>“This is a good day for both nations,” the minister said.</p></blockquote>
<ul><li>Tariffs fall by 2026.</li><li>Rules of origin are simplified.<ol><li>Textiles first.</li></ol></li></ul>
<table><tr><th>Sector</th><th>Cut</th></tr><tr><td>Steel</td><td>5%</td></tr></table>
<p>Read the <a href="https://news.example.org/world/earlier-talks">earlier talks</a> for background.</p>
<iframe src="https://www.youtube.com/embed/abc123" title="Signing ceremony" onload="steal()"></iframe>
</article><footer>© Example News</footer></body></html>"""


def pseudo(project, article_id, lang):
    """Translate every segment as the pseudo engine would: the source, its letters swapped, tags kept."""
    path = project.po_path(article_id, lang)
    catalog = load_catalog(path)
    for unit in catalog.active_units():
        unit.target = TAG_RE.sub(lambda m: f"\x00{m.group(0)}\x00", unit.source)
        unit.target = "".join(part if part.startswith("<") else part.swapcase()
                              for part in unit.target.split("\x00"))
        unit.state = SegmentState.TRANSLATED
    save_catalog(path, catalog)


def article_of(page: str):
    return lxml.html.fromstring(page).find(".//article")


def counts(element) -> dict[str, int]:
    return {"links": len(element.xpath(".//a[@href]")), "images": len(element.xpath(".//img")),
            "tables": len(element.xpath(".//table")), "lists": len(element.xpath(".//ul|.//ol")),
            "quotes": len(element.xpath(".//blockquote")), "embeds": len(element.xpath(".//iframe"))}


def test_an_html_article_comes_back_with_its_links_images_tables_lists_quotes_and_media(project, tmp_path):
    source = tmp_path / "pact.html"
    source.write_text(ARTICLE_HTML, encoding="utf-8")
    (result,) = import_files(project, [source])
    article, _ = load_article(project.original_path(result.article_id))
    assert article.meta.url == "https://news.example.org/world/seoul-hanoi-pact"
    assert (article.meta.title, article.meta.date) == ("Seoul and Hanoi sign a trade pact", "2024-05-02")
    pseudo(project, result.article_id, "fr")
    page = render_article(project, result.article_id, "fr")
    body = article_of(page)
    assert body.find(".//h1").text_content() == "sEOUL AND hANOI SIGN A TRADE PACT"
    assert counts(body) == {"links": 2, "images": 1, "tables": 1, "lists": 2, "quotes": 1, "embeds": 1}
    # Relative addresses are resolved against the article's own; the embed keeps only harmless attributes.
    assert body.xpath(".//a/@href") == ["https://news.example.org/docs/pact.pdf",
                                         "https://news.example.org/world/earlier-talks"]
    assert body.find(".//img").get("src") == "https://news.example.org/img/signing.jpg"
    assert body.find(".//img").get("alt") == "tHE TWO MINISTERS SHAKE HANDS"
    assert body.find(".//figcaption").text_content() == "tHE MINISTERS IN hANOI."
    iframe = body.find(".//iframe")
    assert iframe.get("src") == "https://www.youtube.com/embed/abc123" and iframe.get("onload") is None
    assert [c.text_content() for c in body.xpath(".//th")] == ["sECTOR", "cUT"]
    assert body.find(".//a").text_content() == "AGREEMENT" and body.find(".//strong") is not None
    assert "Home" not in body.text_content() and "Example News" not in body.text_content()


def test_links_to_the_projects_own_articles_point_at_their_translation(project, tmp_path):
    earlier = tmp_path / "earlier.html"
    earlier.write_text(ARTICLE_HTML.replace("seoul-hanoi-pact", "earlier-talks").replace(
        "Seoul and Hanoi sign a trade pact", "Seoul and Hanoi open trade talks"), encoding="utf-8")
    pact = tmp_path / "pact.html"
    pact.write_text(ARTICLE_HTML, encoding="utf-8")
    first, second = import_files(project, [earlier, pact])
    pseudo(project, second.article_id, "fr")
    hrefs = article_of(render_article(project, second.article_id, "fr")).xpath(".//a/@href")
    assert hrefs[1] == "https://news.example.org/world/earlier-talks"      # not translated yet: the original
    pseudo(project, first.article_id, "fr")
    hrefs = article_of(render_article(project, second.article_id, "fr")).xpath(".//a/@href")
    assert hrefs[1] == f"{first.article_id}.fr.html"


def test_a_word_release_is_imported_with_its_images_and_rendered(project, tmp_path):
    source = tmp_path / "release.docx"
    source.write_bytes(build_docx())
    (result,) = import_files(project, [source], lang="en")
    article, _ = load_article(project.original_path(result.article_id))
    assert article.blocks[0].role is Role.TITLE and article.blocks[0].text == "Ministry launches data portal"
    assert article.meta.source_format == "docx"
    image = next(b for b in article.blocks if b.role is Role.IMAGE)
    assert image.text == "Map of the portal"
    stored = project.originals_dir / image.attrs["src"]
    assert stored.parent.name == f"{result.article_id}.files" and stored.read_bytes() == tiny_png()
    cells = [b for b in article.blocks if b.role is Role.TABLE_CELL]
    assert [c.text for c in cells][:2] == ["Region", "Figures"] and cells[1].cell.colspan == 2
    pseudo(project, result.article_id, "de")
    body = article_of(render_article(project, result.article_id, "de"))
    assert body.find(".//h1").text_content() == "mINISTRY LAUNCHES DATA PORTAL"
    found = counts(body)
    assert (found["tables"], found["images"], found["quotes"]) == (1, 1, 1) and found["lists"] >= 2
    assert body.xpath(".//a/@href") == ["https://example.org/portal?lang=en"]
    assert body.find(".//img").get("src") == f"{result.article_id}.files/{stored.name}"


def test_an_hwpx_release_is_imported_and_rendered(project, tmp_path):
    source = tmp_path / "release.hwpx"
    source.write_bytes(build_release())
    (result,) = import_files(project, [source])
    article, _ = load_article(project.original_path(result.article_id))
    assert article.language == "ko" and article.meta.source_format == "hwpx"
    assert article.blocks[0].role is Role.TITLE and article.blocks[0].text == "정부, 공공데이터 포털 개통"
    pseudo(project, result.article_id, "en")
    body = article_of(render_article(project, result.article_id, "en"))
    assert body.xpath(".//a/@href") == ["https://www.mois.go.kr/portal?id=1"]
    assert len(body.xpath(".//table")) >= 1 and len(body.xpath(".//img")) == 2
    spans = [(c.get("rowspan"), c.get("colspan")) for c in body.xpath(".//td|.//th") if c.get("rowspan") or c.get("colspan")]
    assert ("2", None) in spans and (None, "2") in spans


def test_catalogs_of_a_tagged_article_pass_msgfmt(project, tmp_path):
    msgfmt = gettext_tool("msgfmt")
    source = tmp_path / "pact.html"
    source.write_text(ARTICLE_HTML, encoding="utf-8")
    (result,) = import_files(project, [source])
    pseudo(project, result.article_id, "ja")
    for path in (project.pot_path(result.article_id), project.po_path(result.article_id, "ja")):
        check = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
    pot = project.pot_path(result.article_id).read_text(encoding="utf-8")
    assert '#. <a1>: https://news.example.org/docs/pact.pdf' not in pot        # addresses as the page wrote them
    assert '#. <a1>: /docs/pact.pdf\n' in pot
    assert 'msgid "The ministers signed the <a1>agreement</a1> on <b2>Thursday</b2> in Hanoi."' in pot


def test_binary_hwp_gets_a_clear_message_and_nothing_is_written(project, tmp_path):
    old = tmp_path / "old.hwp"
    old.write_bytes(OLE_MAGIC + b"\0" * 600 + b"HWP Document File V5.00\0" + b"\0" * 256)
    with pytest.raises(InputError, match=r"old\.hwp.*save it as HWPX"):
        import_files(project, [old])
    assert not project.originals_dir.exists()


def test_a_batch_imports_every_file_it_can_and_names_the_one_it_cannot(project, tmp_path):
    good = tmp_path / "pact.html"
    good.write_text(ARTICLE_HTML, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(PartialFailure) as caught:
        import_files(project, [empty, good])
    assert [r.article_id for r in caught.value.done] == ["2024-05-02-seoul-and-hanoi-sign-a-trade-pact"]
    assert "empty.txt" in str(caught.value) and "1 of 2 failed" in str(caught.value)
    assert project.original_path("2024-05-02-seoul-and-hanoi-sign-a-trade-pact").exists()


def test_two_pages_with_the_same_title_get_two_ids(project, tmp_path):
    one, two = tmp_path / "one.html", tmp_path / "two.html"
    one.write_text(ARTICLE_HTML, encoding="utf-8")
    two.write_text(ARTICLE_HTML.replace("4,000 goods", "5,000 goods"), encoding="utf-8")
    first, second = import_files(project, [one, two])
    assert (first.article_id, second.article_id) == ("2024-05-02-seoul-and-hanoi-sign-a-trade-pact",
                                                     "2024-05-02-seoul-and-hanoi-sign-a-trade-pact-2")
    # Importing the first again updates it, it does not make a third article.
    (again,) = import_files(project, [one])
    assert again.article_id == first.article_id and not again.is_new


def test_the_cli_reports_the_failed_file_and_exits_1(runner, project, tmp_path):
    good = tmp_path / "pact.html"
    good.write_text(ARTICLE_HTML, encoding="utf-8")
    bad = tmp_path / "old.hwp"
    bad.write_bytes(OLE_MAGIC + b"\0" * 600 + b"HWP Document File V5.00\0" + b"\0" * 256)
    result = runner.invoke(cli, ["--root", str(project.root), "import", str(bad), str(good)])
    assert result.exit_code == 1
    assert "imported 2024-05-02-seoul-and-hanoi-sign-a-trade-pact" in result.output
    assert "old.hwp" in result.output and "HWPX" in result.output


def test_segment_reads_word_files(runner, tmp_path):
    source = tmp_path / "release.docx"
    source.write_bytes(build_docx())
    article = prepare_article(source.read_bytes(), str(source), lang="en")
    assert article.blocks[0].text == "Ministry launches data portal"
    result = runner.invoke(cli, ["segment", "--lang", "en", str(source)])
    assert result.exit_code == 0, result.output
    assert '"text": "Ministry launches data portal", "role": "title"' in result.output
