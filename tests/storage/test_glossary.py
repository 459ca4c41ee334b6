"""Reading glossaries: CSV and TBX, shared do-not-translate terms, and clear errors for bad rows."""
from __future__ import annotations

import io

import pytest

from tms.errors import InputError
from tms.storage.glossary import load_glossary, read_csv_glossary, read_tbx_glossary

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>tms test</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="t1">
      <langSet xml:lang="en"><tig><term>Minister of Foreign Affairs</term></tig></langSet>
      <langSet xml:lang="ja"><tig><term>外務大臣</term></tig><tig><term>外相</term></tig></langSet>
      <langSet xml:lang="fr"><tig><term>ministre des Affaires étrangères</term></tig></langSet>
    </termEntry>
    <termEntry id="t2">
      <descrip type="Translation needed">no</descrip>
      <langSet xml:lang="en"><tig><term>ISIS</term></tig></langSet>
    </termEntry>
    <termEntry id="t3">
      <langSet xml:lang="en"><tig><term>Secretary of State</term></tig></langSet>
      <langSet xml:lang="fr"><tig><term>secrétaire d’État</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_csv_with_translations_alternatives_and_do_not_translate():
    text = ("source,target,do_not_translate,note\n"
            "ISIS,,yes,the group's name\n"
            "\n"
            "Minister of Foreign Affairs,外務大臣|外相,,\n")
    terms = read_csv_glossary(io.StringIO(text), "glossary/ja.csv", "ja")
    assert [(t.source, t.targets, t.is_do_not_translate, t.where) for t in terms] == [
        ("ISIS", (), True, "glossary/ja.csv:2"),
        ("Minister of Foreign Affairs", ("外務大臣", "外相"), False, "glossary/ja.csv:4"),
    ]
    assert terms[0].accepted == ("ISIS",)


def test_csv_with_a_language_code_column():
    terms = read_csv_glossary(io.StringIO("term,ko\nMinister,장관\n"), "glossary/ko.csv", "ko")
    assert terms[0].targets == ("장관",)


@pytest.mark.parametrize("text, line, why", [
    ("target\n外相\n", 1, "needs a 'source' column"),
    ("source,target\nMinister\n", 2, "expected 2 columns"),
    ("source,target\nMinister,外相\n,外務\n", 3, "source term is empty"),
    ("source,target\nMinister,\n", 2, "has no translation"),
    ("source,target,dnt\nISIS,,perhaps\n", 2, "write yes or no"),
    ("source,target,dnt\nISIS,イスラム国,yes\n", 2, "marked do_not_translate"),
    ('source,target\nMinister,"外相\n', 2, "not valid CSV"),
])
def test_bad_csv_rows_name_file_and_line(text, line, why):
    with pytest.raises(InputError) as info:
        read_csv_glossary(io.StringIO(text), "glossary/ja.csv", "ja")
    assert f"glossary/ja.csv:{line}:" in str(info.value) and why in str(info.value)


def test_tbx_gives_the_target_languages_terms_and_do_not_translate_entries():
    terms = read_tbx_glossary(TBX.encode(), "glossary/all.tbx", "ja")
    # Every other language set is a source: the glossary serves French articles too.
    assert [(t.source, t.targets, t.is_do_not_translate, t.source_language) for t in terms] == [
        ("Minister of Foreign Affairs", ("外務大臣", "外相"), False, "en"),
        ("ministre des Affaires étrangères", ("外務大臣", "外相"), False, "fr"),
        ("ISIS", (), True, "en"),
    ]
    assert terms[0].where == "glossary/all.tbx:5"


def test_bad_tbx_names_file_and_line():
    with pytest.raises(InputError, match=r"glossary/ja.tbx:3: not valid TBX"):
        read_tbx_glossary(b"<martif>\n<text>\n<body></text>", "glossary/ja.tbx", "ja")


def test_load_glossary_combines_shared_and_language_files(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "all.csv").write_text("source\nISIS\nDaesh\n", encoding="utf-8")
    (folder / "ja.csv").write_text("\ufeffsource,target\nMinister,大臣\n", encoding="utf-8")
    (folder / "ja.tbx").write_text(TBX, encoding="utf-8")
    (folder / "fr.csv").write_text("source,target\nMinister,ministre\n", encoding="utf-8")
    glossary = load_glossary(folder, "ja")
    assert [t.source for t in glossary.terms] == ["ISIS", "Daesh", "Minister", "Minister of Foreign Affairs",
                                                 "ministre des Affaires étrangères", "ISIS"]
    assert all(t.is_do_not_translate for t in glossary.terms[:2])
    assert glossary.paths == ["glossary/all.csv", "glossary/ja.csv", "glossary/ja.tbx"]


def test_shared_file_refuses_translations(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "all.csv").write_text("source,target\nISIS,ISIS\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"glossary/all.csv:1: all.csv holds do-not-translate terms only"):
        load_glossary(folder, "ja")


def test_a_glossary_that_is_not_utf8_names_the_line(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "de.csv").write_bytes("source,target\nMinister,Außenminister\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"glossary/de.csv:2: not UTF-8"):
        load_glossary(folder, "de")


def test_no_glossary_folder_is_an_empty_glossary(tmp_path):
    assert load_glossary(tmp_path / "glossary", "ja").terms == []
