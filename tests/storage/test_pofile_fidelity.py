"""A write changes only what changed: header comments and flags, previous strings, odd header lines, escapes,
the file's header order and line wrapping survive tms's whole-file writes and its drafts, and what msgfmt
accepts (or refuses) tms accepts (or refuses) with the file and line."""
from __future__ import annotations

import subprocess

import pytest

from tests.conftest import gettext_tool
from tms.errors import CatalogError
from tms.model import SegmentState
from tms.services.merging import merge_catalog
from tms.storage import catalogs
from tms.storage.pofile import format_catalog, load_catalog, parse_catalog, save_catalog

HEADER = ('# Korean translation of the demo.\n# Copyright (C) 2026 Korea Culture and Information Service\n'
          '# Kim Min-ji <minji@example.kr>, 2026.\n#\n#, fuzzy\nmsgid ""\nmsgstr ""\n'
          '"Project-Id-Version: demo\\n"\n"Language: ko\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n')


def write(tmp_path, text: str, name: str = "demo.po"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


@pytest.fixture(autouse=True)
def empty_cache():
    catalogs.forget()
    yield
    catalogs.forget()


# 1. header comments and the header's fuzzy flag
def test_a_whole_file_write_keeps_the_header_comments_and_fuzzy_flag():
    catalog = parse_catalog(HEADER + 'msgid "a"\nmsgstr "b"\n', "x.po")
    catalog.headers["PO-Revision-Date"] = "2026-12-01 10:00+0000"
    text = format_catalog(catalog)
    assert text.startswith(HEADER.split('msgid ""')[0] + 'msgid ""\n')
    assert "PO-Revision-Date: 2026-12-01 10:00+0000" in text


def test_a_merge_with_a_new_template_keeps_the_header_comments():
    old = parse_catalog(HEADER + 'msgid "a"\nmsgstr "b"\n', "x.po")
    template = parse_catalog('msgid ""\nmsgstr "Project-Id-Version: demo 2\\n"\n\nmsgid "a"\nmsgstr ""\n', "x.pot")
    merged, _ = merge_catalog(old, template)
    assert format_catalog(merged).startswith("# Korean translation of the demo.\n")
    assert "#, fuzzy\nmsgid \"\"\n" in format_catalog(merged)


def test_a_save_of_a_file_that_does_not_start_with_the_header_keeps_it(tmp_path):
    path = write(tmp_path, 'msgid "a"\nmsgstr "b"\n\n' + HEADER.replace("\n\n", "\n") + '\nmsgid "c"\nmsgstr ""\n')
    with catalogs.edit(path) as draft:
        draft.unit(draft.catalog.units[1].key).target = "d"
        draft.unit(draft.catalog.units[1].key).state = SegmentState.TRANSLATED
    text = path.read_text(encoding="utf-8")
    assert "# Kim Min-ji <minji@example.kr>, 2026.\n#\n#, fuzzy\nmsgid \"\"\n" in text
    assert 'msgid "c"\nmsgstr "d"\n' in text


# 2. fuzzy with an empty plural form
def test_fuzzy_with_an_empty_plural_form_keeps_its_flag():
    text = HEADER + '#, fuzzy\nmsgid "file"\nmsgid_plural "files"\nmsgstr[0] ""\n'
    catalog = parse_catalog(text, "x.po")
    assert catalog.units[0].state is SegmentState.UNTRANSLATED
    assert '#, fuzzy\nmsgid "file"' in format_catalog(catalog)


# 3. msgid_plural ""
def test_an_empty_msgid_plural_is_not_an_absent_one():
    text = HEADER + 'msgid "one"\nmsgid_plural ""\nmsgstr[0] "x"\n'
    unit = parse_catalog(text, "x.po").units[0]
    assert unit.source_plural == "" and unit.plural_targets == {0: "x"}
    assert format_catalog(parse_catalog(text, "x.po")) == text


# 4. msgctxt with an empty msgid is a message, not the header
def test_a_context_with_an_empty_msgid_is_a_message_even_first_or_without_a_header():
    text = 'msgctxt "menu"\nmsgid ""\nmsgstr "메뉴"\n\n' + HEADER.replace("\n\n", "\n")
    catalog = parse_catalog(text, "x.po")
    assert catalog.headers["Language"] == "ko"
    assert [(u.context, u.source, u.target) for u in catalog.units] == [("menu", "", "메뉴")]
    alone = parse_catalog('msgctxt "menu"\nmsgid ""\nmsgstr "메뉴"\n', "x.po")
    assert alone.headers == {} and alone.units[0].target == "메뉴"
    assert format_catalog(catalog).count('msgid ""\nmsgstr ""\n') == 1


# 5. the declared charset
def test_a_latin1_catalog_is_read_in_latin1_and_saved_as_utf8_with_its_header_updated(tmp_path):
    text = HEADER.replace("charset=UTF-8", "charset=ISO-8859-1").replace("Language: ko", "Language: fr")
    path = write(tmp_path, (text + 'msgid "cafe"\nmsgstr "café"\n').encode("latin-1"))
    assert load_catalog(path).units[0].target == "café"
    with catalogs.edit(path) as draft:
        unit = draft.unit(draft.catalog.units[0].key)
        unit.target = "café crème"
    data = path.read_bytes()
    assert "café crème".encode("utf-8") in data and b"charset=UTF-8" in data and b"ISO-8859-1" not in data
    assert "# Kim Min-ji" in data.decode("utf-8")


def test_an_unknown_charset_is_refused_with_file_and_line(tmp_path):
    path = write(tmp_path, HEADER.replace("charset=UTF-8", "charset=KLINGON-8") + 'msgid "a"\nmsgstr "b"\n')
    with pytest.raises(CatalogError, match="unknown charset 'KLINGON-8'") as caught:
        load_catalog(path)
    assert caught.value.line == 10 and str(path) in str(caught.value)


def test_bytes_not_in_the_declared_charset_are_refused_with_their_line(tmp_path):
    path = write(tmp_path, HEADER.encode("utf-8") + 'msgid "a"\nmsgstr "é"\n'.encode("latin-1"))
    with pytest.raises(CatalogError, match="UTF-8") as caught:
        load_catalog(path)
    assert caught.value.line == 14


# 6. previous strings, obsolete references, odd header lines, ## comments, empty #.
ODD = ('# credit\nmsgid ""\nmsgstr ""\n"Project-Id-Version: demo\\n"\n"Language: ko\\n"\n"a line without a colon\\n"\n'
       '"X-Repeated: one\\n"\n"X-Repeated: two\\n"\n"X-Spaced: value  \\n"\n'
       '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
       '# #double hash\n#.\n#. extracted\n#: a.c:1\n#, fuzzy, c-format\n#| msgctxt "old context"\n#| msgid "old %d file"\n'
       '#| msgid_plural "old %d files"\nmsgctxt "ctx"\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "파일 %d개"\n\n'
       '#: gone.c:3\n#~| msgid "older"\n#~ msgid "gone"\n#~ msgstr "사라짐"\n')


def test_previous_strings_odd_header_lines_and_rare_comments_survive_a_whole_write():
    catalog = parse_catalog(ODD, "x.po")
    assert format_catalog(catalog) == ODD
    catalog.headers["Project-Id-Version"] = "demo 2"
    text = format_catalog(catalog)
    assert text == ODD.replace("Project-Id-Version: demo\\n", "Project-Id-Version: demo 2\\n")
    unit, gone = catalog.units
    assert (unit.previous_context, unit.previous_source, unit.previous_source_plural) == (
        "old context", "old %d file", "old %d files")
    assert unit.comments == ["#double hash"] and unit.extracted == ["", "extracted"]
    assert (gone.references, gone.previous_source) == (["gone.c:3"], "older")


def test_odd_header_lines_survive_a_header_change_through_edit(tmp_path):
    path = write(tmp_path, ODD)
    with catalogs.edit(path) as draft:
        draft.catalog.headers["Last-Translator"] = "Alex"
    assert path.read_text(encoding="utf-8") == ODD.replace(
        '"Content-Type: text/plain; charset=UTF-8\\n"\n', '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Last-Translator: Alex\\n"\n')


# 7. \a \b \f \v escaped as GNU escapes them
def test_control_escapes_are_written_as_gnu_writes_them(tmp_path):
    text = HEADER + 'msgid "bell\\a back\\b feed\\f vtab\\v"\nmsgstr "x"\n'
    catalog = parse_catalog(text, "x.po")
    assert catalog.units[0].source == "bell\a back\b feed\f vtab\v"
    assert format_catalog(catalog) == text
    polib = pytest.importorskip("polib")
    assert polib.pofile(format_catalog(catalog)).find("x", by="msgstr") is not None


# 8. header order and wrapping
def test_the_header_keeps_the_files_field_order():
    text = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ko\\n"\n'
            '"Project-Id-Version: demo\\n"\n"MIME-Version: 1.0\\n"\n\nmsgid "a"\nmsgstr ""\n')
    catalog = parse_catalog(text, "x.po")
    catalog.headers["PO-Revision-Date"] = "2026-12-01 10:00+0000"
    assert format_catalog(catalog) == text.replace('"MIME-Version: 1.0\\n"\n', '"MIME-Version: 1.0\\n"\n'
                                                   '"PO-Revision-Date: 2026-12-01 10:00+0000\\n"\n')


WRAPPED = ('msgid ""\nmsgstr ""\n"Language: ko\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
           '#: django/contrib/admin/templates/admin/login.html:20\n'
           '#: django/contrib/admin/templates/admin/change_password.html:3\n'
           'msgid ""\n"Please enter the correct %(username)s and password for a staff account. Note "\n'
           '"that both fields may be case-sensitive."\nmsgstr ""\n'
           '"스태프 계정의 올바른 %(username)s와 비밀번호를 입력하세요. 대소문자를 구분해"\n"서 입력해주세요."\n\n'
           'msgid "Log in"\nmsgstr "로그인"\n')


def test_a_catalog_wrapped_at_79_columns_stays_wrapped_and_one_change_is_one_hunk(tmp_path):
    path = write(tmp_path, WRAPPED)
    catalog = load_catalog(path)
    assert catalog.wrap_width == 79
    assert format_catalog(catalog) == WRAPPED       # a whole write lays it out as msgcat did
    with catalogs.edit(path) as draft:
        unit = draft.unit(draft.catalog.units[1].key)
        unit.target = "로그인하기"
    assert path.read_text(encoding="utf-8") == WRAPPED.replace('msgstr "로그인"', 'msgstr "로그인하기"')
    msgcat = gettext_tool("msgcat")
    assert subprocess.run([msgcat, str(path)], capture_output=True, text=True, check=True).stdout == \
        path.read_text(encoding="utf-8")


def test_an_unwrapped_catalog_stays_unwrapped():
    long = "word " * 30
    text = f'msgid ""\nmsgstr "Language: ko\\n"\n\nmsgid "{long}"\nmsgstr "{long}"\n'
    catalog = parse_catalog(text, "x.po")
    assert catalog.wrap_width == 0 and format_catalog(catalog) == text


# 10. rare syntax, as msgfmt reads it
@pytest.mark.parametrize("body, source", [
    ('msgid "a\\101b"\nmsgstr "x"\n', "aAb"),
    ('msgid "a\\777"\nmsgstr "x"\n', None),              # one byte, 0xFF: not UTF-8 (refused below)
    ('msgid "a\\x41b"\nmsgstr "x"\n', "a\x1b"),           # hex takes every hex digit, as msgfmt does
    ('msgid "a\\0b"\nmsgstr "x"\n', "a"),                 # NUL ends the string
    ('msgid "a"\nmsgid_plural "as"\nmsgstr[ 0] "x"\nmsgstr[ 1 ] "y"\n', "a"),
    ('domain "messages"\nmsgid "a"\nmsgstr "x"\n', "a"),
    ('msgid "a"\rmsgstr "x"\r', "a"),
])
def test_rare_syntax_is_read_as_msgfmt_reads_it(tmp_path, body, source):
    text = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body
    if source is None:
        with pytest.raises(CatalogError, match="UTF-8") as caught:
            parse_catalog(text, "x.po")
        assert caught.value.line == 4
        return
    assert parse_catalog(text, "x.po").units[0].source == source
    path = write(tmp_path, text)
    msgfmt = gettext_tool("msgfmt")
    assert subprocess.run([msgfmt, "-o", str(tmp_path / "x.mo"), str(path)], capture_output=True).returncode == 0


@pytest.mark.parametrize("text, line, why", [
    ('\ufeffmsgid ""\nmsgstr ""\n', 1, "byte order mark"),
    ('#~ msgid "a"\n#~ msgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 4, 'obsolete entry "a" already exists'),
    ('#~| msgid "x"\nmsgid "a"\nmsgstr "c"\n', 2, "inconsistent use of #~"),
])
def test_what_msgfmt_refuses_is_refused_with_its_line(tmp_path, text, line, why):
    with pytest.raises(CatalogError, match=why) as caught:
        parse_catalog(text, "x.po")
    assert caught.value.line == line
    msgfmt = gettext_tool("msgfmt")
    path = write(tmp_path, text)
    assert subprocess.run([msgfmt, "-o", str(tmp_path / "x.mo"), str(path)], capture_output=True).returncode != 0


def test_a_line_ending_in_a_backslash_goes_on_on_the_next_as_for_msgfmt(tmp_path):
    head = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    text = head + '# see C:\\\n# next\nmsgid "a"\nmsgstr "x"\n\nmsgid "b\\\nc"\nmsgstr "y"\n'
    catalog = parse_catalog(text, "x.po")
    assert [(u.source, u.comments) for u in catalog.units] == [("a", ["see C:# next"]), ("bc", [])]
    msgcat = gettext_tool("msgcat")
    gnu = subprocess.run([msgcat, str(write(tmp_path, text))], capture_output=True, text=True, check=True).stdout
    assert parse_catalog(gnu, "x.po") == catalog
    broken = head + '# see C:\\\nmsgid "a"\nmsgstr "x"\n'         # the comment takes the msgid line
    with pytest.raises(CatalogError, match="msgstr without msgid") as caught:
        parse_catalog(broken, "x.po")
    assert caught.value.line == 6
    assert subprocess.run([msgcat, str(write(tmp_path, broken, "b.po"))], capture_output=True).returncode != 0
