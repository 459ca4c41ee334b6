"""Importing the real seed articles, updating them, and refusing bad input with nothing written."""
from __future__ import annotations

import random
import subprocess

import polib
import pytest

from tests.conftest import gettext_tool
from tms.errors import Conflict, InputError
from tms.languages import targets_for
from tms.model import Role, SegmentState
from tms.segmentation.segments import blocks_from_units
from tms.services.importing import import_files, update_articles
from tms.services.sources import derive_id
from tms.storage.originals import format_article, load_article
from tms.storage.pofile import load_catalog


def sources(project, article_id):
    return [(u.source, u.location.role, u.location.block) for u in load_catalog(project.pot_path(article_id)).units]


def block_of(project, article_id, starts_with):
    entries = sources(project, article_id)
    block = next(b for text, _, b in entries if text.startswith(starts_with))
    return [text for text, _, b in entries if b == block]


def test_korea_net_key_paragraphs(seeded_project):
    assert block_of(seeded_project, "korea-net", "Presided over") == [
        "Presided over by U.S. Secretary of State Rex Tillerson, the meeting brought together foreign ministers as "
        "well as high-ranking officials from a total of 65 nations to review and accelerate the campaign for the "
        "lasting defeat of ISIS.",
        "Participants adopted a joint statement that stressed the need to pursue public safety in Iraq and "
        "political transition in Syria.",
    ]
    assert block_of(seeded_project, "korea-net", "On March 22") == [
        "On March 22, Minister of Foreign Affairs Yun Byung-se stressed that the Korean government will join the "
        "international community’s efforts to repel what’s called “a grave threat to world peace” -- terrorist "
        "attacks by the ISIS group -- at a meeting of foreign ministers that was part of the Global Coalition to "
        "Counter ISIS, held in Washington, D.C."
    ]
    assert block_of(seeded_project, "korea-net", "The \"Korean Interdiction") == [
        "The \"Korean Interdiction and Modernization of Sanctions Act\" was passed in the U.S. with bipartisan "
        "support, and it's a bill with unprecedentedly strong sanctions against the North, stronger than ever before.",
        "Minister Yun said of the bill that, “This move will help to further strengthen global sanctions and "
        "pressure on the regime.”",
        "He went on to say, “In that the act has introduced more diverse and effective sanctions, and, also, firmly "
        "drives the international participation in the efforts, this move means a lot.”",
    ]
    roles = {text: role for text, role, _ in sources(seeded_project, "korea-net")}
    assert roles["By Sohn JiAe"] is Role.BYLINE
    assert roles["Photos: Ministry of Foreign Affairs"] is Role.CREDIT
    assert roles[next(t for t in roles if t.startswith("Minister of Foreign Affairs Yun Byung-se (right)"))] is Role.CAPTION
    all_text = " ".join(roles)
    for chrome in ("View this article", "한국어", "Korea_US_ISIS_Cooperation_01.jpg", "jiae5853@korea.kr", "Policies"):
        assert chrome not in all_text


def test_mofa_key_paragraphs_and_notice(seeded_project):
    catalog = load_catalog(seeded_project.pot_path("mofa"))
    first = [u for u in catalog.units if u.location.block == 2]
    assert [u.source for u in first] == [
        "Foreign Minister Yun Byung-se attended a meeting of the Ministers of the Global Coalition Working to Defeat "
        "ISIS, hosted by US Secretary of State Tillerson in Washington, D.C. on March 22.",
        "The meeting, attended by all members of the Global Coalition -- 65 countries and 3 international "
        "organizations -- brought together 52 ministerial and higher-level officials of major countries, including "
        "48 foreign ministers.",
    ]
    assert first[0].location.marker == "1." and first[0].location.role is Role.LIST_ITEM
    sub = [u for u in catalog.units if u.location.marker == "o"]
    assert len(sub) == 7 and all(u.location.level == 1 for u in sub)
    assert catalog.units[0].location.role is Role.TITLE
    assert catalog.is_source_unofficial
    text = " ".join(u.source for u in catalog.units)
    for chrome in ("unofficial translation", "바로가기", "facebook", "검색창", "REPUBLIC OF KOREA"):
        assert chrome not in text
    article, _ = load_article(seeded_project.original_path("mofa"))
    assert article.meta.is_unofficial_translation and article.meta.category == "Press Releases"


@pytest.mark.parametrize("article_id", ["korea-net", "mofa"])
def test_catalog_rebuilds_the_cleaned_article(seeded_project, article_id):
    path = seeded_project.original_path(article_id)
    article, _ = load_article(path)
    article.blocks = blocks_from_units(load_catalog(seeded_project.pot_path(article_id)).units)
    assert format_article(article)[0] == path.read_text(encoding="utf-8")


def test_catalogs_for_the_ten_other_languages(seeded_project):
    langs = seeded_project.catalog_languages("korea-net")
    assert langs == targets_for("en")
    ja = load_catalog(seeded_project.po_path("korea-net", "ja"))
    assert ja.headers["Language"] == "ja" and ja.headers["Plural-Forms"] == "nplurals=1; plural=0;"
    assert ja.headers["X-Source-Language"] == "en"
    ar = load_catalog(seeded_project.po_path("korea-net", "ar"))
    assert ar.headers["Plural-Forms"].startswith("nplurals=6;")
    assert all(u.references[0].startswith("originals/korea-net.md:") for u in ja.units)


def test_every_file_passes_msgfmt_check(seeded_project):
    msgfmt = gettext_tool("msgfmt")
    files = sorted(seeded_project.locales_dir.rglob("*.po")) + sorted(seeded_project.locales_dir.rglob("*.pot"))
    assert len(files) == 22
    for path in files:
        result = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_repeated_text_gets_a_context(project, tmp_path):
    source = tmp_path / "repeat.txt"
    source.write_text("A headline about talks\n\nThe talks went well. Officials agreed.\n\n"
                      "Later more talks were held. The talks went well.\n", encoding="utf-8")
    import_files(project, [source], lang="en", article_id="repeat")
    units = load_catalog(project.pot_path("repeat")).units
    repeated = [u for u in units if u.source == "The talks went well."]
    assert [u.context for u in repeated] == [None, "#2"]
    assert len({u.key for u in repeated}) == 2


def translate_like_poedit(path, translations: dict[str, str]):
    """Fill a PO file the way a translator's editor would: through polib, with its own wrapping."""
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
    po.save()


def test_update_keeps_every_translation(seeded_project):
    po_path = seeded_project.po_path("korea-net", "fr")
    units = load_catalog(po_path).units
    kept, edited, removed = units[1].source, units[2].source, units[3].source
    translate_like_poedit(po_path, {kept: "Traduction gardée.", edited: "Traduction à revoir.",
                                    removed: "Traduction retirée."})
    original = seeded_project.original_path("korea-net")
    text = original.read_text(encoding="utf-8")
    new_sentence = edited.replace("65 nations", "66 nations")
    text = text.replace(edited, new_sentence).replace(removed, "")
    text = text.replace("By Sohn JiAe", "By Sohn JiAe and Kim Minji")
    original.write_text(text, encoding="utf-8")

    results = update_articles(seeded_project, ["korea-net"])
    assert results[0].is_changed and results[0].merges["fr"].fuzzy >= 1
    catalog = load_catalog(po_path)
    by_source = {u.source: u for u in catalog.units if not u.is_obsolete}
    assert by_source[kept].target == "Traduction gardée." and by_source[kept].state is SegmentState.TRANSLATED
    assert by_source[new_sentence].target == "Traduction à revoir."
    assert by_source[new_sentence].state is SegmentState.NEEDS_EDITING
    assert by_source[new_sentence].previous_source == edited
    assert by_source["By Sohn JiAe and Kim Minji"].state is SegmentState.UNTRANSLATED
    obsolete = [u for u in catalog.units if u.is_obsolete]
    assert [(u.source, u.target) for u in obsolete] == [(removed, "Traduction retirée.")]
    assert "#| msgid" in po_path.read_text(encoding="utf-8") and "#~ msgid" in po_path.read_text(encoding="utf-8")
    assert update_articles(seeded_project, ["korea-net"])[0].is_changed is False


def test_derived_ids():
    assert derive_id("Korea, int'l community reconfirm will", "2017-03-27", "") == \
        "2017-03-27-korea-int-l-community-reconfirm-will"
    assert derive_id("한국 외교부 장관", "", "본문").startswith("article-")


def _snapshot(project):
    return sorted(p.relative_to(project.root).as_posix() for p in project.root.rglob("*") if p.is_file())


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    (random.Random(7).randbytes(400).translate(bytes(range(128, 256)) * 2), "encoding"),
])
def test_bad_files_write_nothing(project, tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    before = _snapshot(project)
    with pytest.raises(InputError, match=message) as caught:
        import_files(project, [bad], lang="en")
    assert "bad.txt" in str(caught.value)
    assert _snapshot(project) == before


def test_oversized_file_is_refused(project, tmp_path):
    (project.root / "tms.toml").write_text("[import]\nmax_bytes = 1000\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("The minister spoke. " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="over the import limit"):
        import_files(project, [big], lang="en")
    assert not project.originals_dir.exists()


@pytest.mark.parametrize("bad_id", ["../escape", "a/b", "UPPER", ".hidden", "x" * 130, "a..b"])
def test_unsafe_ids_are_refused(project, seed_files, bad_id):
    with pytest.raises(InputError, match="invalid article id"):
        import_files(project, [seed_files["mofa"]], lang="en", article_id=bad_id)
    assert not project.originals_dir.exists()


def test_unknown_language_is_refused(project, seed_files):
    with pytest.raises(InputError, match="unknown language code 'xx'"):
        import_files(project, [seed_files["mofa"]], lang="xx")


def test_colliding_id_is_refused_and_reimport_updates(seeded_project, seed_files):
    before = seeded_project.original_path("mofa").read_text(encoding="utf-8")
    with pytest.raises(Conflict, match="taken"):
        import_files(seeded_project, [seed_files["korea-net"]], lang="en", article_id="mofa")
    assert seeded_project.original_path("mofa").read_text(encoding="utf-8") == before
    again = import_files(seeded_project, [seed_files["mofa"]], lang="en", article_id="mofa")
    assert not again[0].is_new and not again[0].is_changed


def test_corrupt_catalog_stops_the_update_with_nothing_written(seeded_project):
    po = seeded_project.po_path("mofa", "de")
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "broken\n', encoding="utf-8")
    original = seeded_project.original_path("mofa")
    original.write_text(original.read_text(encoding="utf-8").replace("twelve speakers", "13 speakers"),
                        encoding="utf-8")
    pot_before = seeded_project.pot_path("mofa").read_text(encoding="utf-8")
    fr_before = seeded_project.po_path("mofa", "fr").read_text(encoding="utf-8")
    with pytest.raises(Exception, match=r"de/LC_MESSAGES/mofa\.po:\d+"):
        update_articles(seeded_project, ["mofa"])
    assert seeded_project.pot_path("mofa").read_text(encoding="utf-8") == pot_before
    assert seeded_project.po_path("mofa", "fr").read_text(encoding="utf-8") == fr_before
