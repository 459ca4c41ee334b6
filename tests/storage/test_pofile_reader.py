"""tms's PO reader (``tms.storage.poparser``) against the polib-based reading it replaced, and against msgfmt.

``reference_read`` below is tms's reading as it was: polib's parser, with the line check and the linear
duplicate check tms put around it, and polib's entries handed to the same ``decode_entry``. Every
catalog that both read must give the same header fields and the same units, as far as polib can see them:
tms now keeps what polib dropped (empty ``#.`` lines, a ``#`` line before the first comment text, the
previous strings of obsolete entries, an empty ``msgid_plural``), so its
units are compared as polib would have read them (``as_polib_sees``).
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import polib
import pytest

from tests.conftest import gettext_tool
from tms.errors import CatalogError
from tms.model import Approval, Catalog, Location, MachineInfo, Role, SegmentState, Unit
from tms.storage.mofile import load_mo
from tms.storage.pofile import decode_entry, format_catalog, parse_catalog
from tms.storage.poparser import PoEntry, parse_entries

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: de\\n"\n\n'


# -- the reference: reading as it was before tms had its own reader -------------------------------------
_VALID_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?"(?:[^"\\]|\\.)*"[ \t]*$')


def reference_read(text: str, name: str = "x.po") -> tuple[dict[str, str], list[Unit]]:
    """Header fields and units as tms read them with polib."""
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not _VALID_LINE.match(stripped):
            raise CatalogError(name, f"invalid PO syntax: cannot read {stripped[:60]!r}", number)
    try:
        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        raise CatalogError(name, f"invalid PO syntax: {exc}") from exc
    seen: set[tuple[str | None, str]] = set()      # obsolete entries count, as for msgfmt
    for entry in po:
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            kind = "obsolete entry" if entry.obsolete else "Entry"
            raise CatalogError(name, f"invalid PO syntax: {kind} \"{entry.msgid}\" already exists", entry.linenum)
        seen.add(key)
    return dict(po.metadata), [decode_entry(_from_polib(entry), name) for entry in po]


def _from_polib(entry: polib.POEntry) -> PoEntry:
    """A polib entry with the fields ``decode_entry`` reads, converted as tms converted them."""
    ours = PoEntry(entry.linenum)
    ours.msgctxt, ours.msgid, ours.msgstr = entry.msgctxt, entry.msgid, entry.msgstr
    ours.msgid_plural = entry.msgid_plural or None     # polib cannot tell an absent msgid_plural from ""
    ours.msgstr_plural = {int(k): v for k, v in entry.msgstr_plural.items()}
    ours.previous_msgid = entry.previous_msgid
    ours.previous_msgctxt, ours.previous_msgid_plural = entry.previous_msgctxt, entry.previous_msgid_plural
    ours.references = [f"{path}:{line}" if line else path for path, line in entry.occurrences]
    ours.flags = list(entry.flags)
    ours.tcomments = entry.tcomment.split("\n") if entry.tcomment else []
    ours.extracted = entry.comment.split("\n") if entry.comment else []
    ours.is_obsolete = bool(entry.obsolete)
    return ours


def read(text: str, name: str = "x.po") -> tuple[dict[str, str], list[Unit]]:
    catalog = parse_catalog(text, name)
    return catalog.headers, [as_polib_sees(unit) for unit in catalog.units]


def as_polib_sees(unit: Unit) -> Unit:
    """The unit with only what polib's reading could hold (see the module's docstring)."""
    seen = unit.copy()
    seen.extracted = [line for line in unit.extracted if line]
    comments = list(unit.comments)
    while comments and not comments[0]:
        comments.pop(0)
    seen.comments = comments
    if unit.source_plural == "":            # polib saw a singular entry without a msgstr
        seen.source_plural, seen.state, seen.approval = None, SegmentState.UNTRANSLATED, None
    if unit.is_obsolete:
        seen.previous_source = seen.previous_context = seen.previous_source_plural = None
    return seen


def assert_same_reading(text: str) -> None:
    """Both readers give the same header and units, or refuse the text with the same error."""
    try:
        expected = reference_read(text)
    except CatalogError as exc:
        with pytest.raises(CatalogError) as caught:
            read(text)
        assert caught.value.why == exc.why
        # polib numbers an obsolete entry from another of its lines, and does not count an empty "#." line
        # (which tms keeps, as GNU does) as the start of the entry after it
        if "#~" not in text and not re.search(r"^#\.[ \t]*$", text, re.M):
            assert caught.value.line == exc.line
        return
    assert read(text) == expected


# -- real catalogs ------------------------------------------------------------------------------------
CATALOGS = sorted(p for folder in ("locales", "tests/data") if (ROOT / folder).is_dir()
                  for p in (ROOT / folder).rglob("*.po*") if p.suffix in (".po", ".pot"))


@pytest.mark.skipif(not CATALOGS, reason="no catalogs in locales/ or tests/data/")
@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_project_catalogs_read_as_with_polib(path):
    text = path.read_text(encoding="utf-8")
    headers, units = reference_read(text, str(path))
    assert read(text, str(path)) == (headers, units)
    assert units, "a catalog of the project with no entries"


# -- shapes that tms writes ----------------------------------------------------------------------------
# polib splits lines at these too, so a string holding one of them cannot be read by the reference.
POLIB_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def chars(also_excluded: str = "") -> st.SearchStrategy[str]:
    """Characters a UTF-8 PO file can hold and polib can read inside a string."""
    # and not BEL: tms writes it "\\a" as GNU does, which polib does not decode
    return st.characters(exclude_characters="\x00\x07" + POLIB_LINE_BREAKS + also_excluded, exclude_categories=("Cs",))


texts = st.text(chars() | st.sampled_from('"\\\n\t\r ä語'), max_size=40)
words = st.text(st.characters(min_codepoint=33, exclude_characters="\x00,\x85" + POLIB_LINE_BREAKS,
                              exclude_categories=("Zs", "Cs")), min_size=1, max_size=12).filter(
    lambda w: not w.endswith("\\"))
# A comment line ending in a backslash goes on on the next line for gettext (and tms), not for polib.
comments = st.text(chars("\n\r"), max_size=30).filter(lambda c: not c.endswith("\\"))


@st.composite
def units(draw) -> Unit:
    source = draw(texts)
    unit = Unit(source, context=draw(st.none() | texts))
    if draw(st.booleans()):
        unit.source_plural = draw(texts)
        unit.plural_targets = dict(enumerate(draw(st.lists(texts, min_size=1, max_size=4))))
    else:
        unit.target = draw(texts)
    unit.state = draw(st.sampled_from(SegmentState))
    if unit.state is SegmentState.MACHINE:
        unit.machine = MachineInfo(draw(words), unit.target, "2026-11-23", draw(st.none() | st.floats(0, 100)))
    elif unit.state is SegmentState.APPROVED:
        unit.approval = Approval(draw(words), "2026-11-23")
    elif unit.state is SegmentState.NEEDS_EDITING and draw(st.booleans()):
        unit.previous_source = draw(texts)
    unit.comments = draw(st.lists(comments, max_size=3))
    unit.extracted = draw(st.lists(comments, max_size=2))
    unit.references = draw(st.lists(words, max_size=3))
    unit.flags = draw(st.lists(words, max_size=2))
    if draw(st.booleans()):
        unit.location = Location(draw(st.sampled_from(Role)), draw(st.integers(0, 99)), draw(st.integers(0, 9)),
                                 marker=draw(st.sampled_from(["", "1.", "-"])), is_glued=draw(st.booleans()))
    unit.ignored_checks = set(draw(st.lists(st.sampled_from(["numbers", "length", "dates"]), max_size=2)))
    unit.is_obsolete = draw(st.integers(0, 9)) == 0
    return unit


headers = st.dictionaries(st.text("abcXYZ-", min_size=1, max_size=8),
                          st.text(chars("\n\r"), max_size=20),
                          max_size=4)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(units(), max_size=8), headers)
def test_catalogs_written_by_tms_read_as_with_polib(unit_list, extra_headers):
    # A second empty msgid without context is a duplicate of the header now; polib took it for the header.
    hypothesis.assume(not any(u.source == "" and not u.context for u in unit_list))
    catalog = Catalog("demo", "de", "en", unit_list, {"Language": "de", **extra_headers})
    assert_same_reading(format_catalog(catalog))


# -- shapes that other tools write ---------------------------------------------------------------------
ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f", "\v": "\\v"}
raw_texts = st.text(chars("\n\r") | st.sampled_from(list(ESCAPES)), max_size=30)


def escape(value: str, literal_tabs: bool = False) -> str:
    """``value`` as the inside of a quoted string, with the escapes polib knows."""
    return "".join(c if c == "\t" and literal_tabs else ESCAPES.get(c, c) for c in value)


@st.composite
def quoted(draw, keyword: str, value: str, prefix: str = "") -> str:
    """``keyword "value"`` on one or more lines, split at random, with spaces and tabs where polib allows them."""
    pieces = [value]
    if value and draw(st.booleans()):
        cut = draw(st.integers(0, len(value)))
        pieces = [value[:cut], value[cut:]]
    if draw(st.booleans()):
        pieces.insert(0, "")
    literal_tabs = draw(st.booleans())
    pieces = [escape(piece, literal_tabs) for piece in pieces]
    space = draw(st.sampled_from([" ", "\t", "  "]))
    indent = draw(st.sampled_from(["", "", " "]))
    trail = draw(st.sampled_from(["", "", " ", "\t"]))
    lines = [f'{indent}{prefix}{keyword}{space}"{pieces[0]}"{trail}']
    lines += [f'{indent}{prefix}"{piece}"{trail}' for piece in pieces[1:]]
    return "\n".join(lines)


@st.composite
def comment_lines(draw, obsolete: bool = False) -> list[str]:
    kinds = st.sampled_from(["tc", "tc", "gc", "oc", "fl", "empty", "bare", "obsolete-previous"])
    out = []
    for kind in draw(st.lists(kinds, max_size=5)):
        if kind == "tc":
            # not "##": tms reads it as GNU does ("# #" on writing), polib dropped the second "#"
            marker = draw(st.sampled_from(["# ", "#", "#  ", "#\t"]))
            text = draw(comments)
            out.append(f"{marker}{text}" if marker != "#" else "#")
        elif kind == "gc":
            out.append(draw(st.sampled_from(["#. ", "#.  ", "#.\t"])) + draw(words))
        elif kind == "oc":
            refs = draw(st.lists(st.tuples(words, st.none() | st.integers(0, 999)), min_size=1, max_size=3))
            out.append("#: " + " ".join(f"{w}:{n}" if n is not None else w for w, n in refs))
        elif kind == "fl":
            out.append("#, " + draw(st.sampled_from([", ", ",", " ,"])).join(draw(st.lists(words, min_size=1,
                                                                                               max_size=3))))
        elif kind == "empty":
            out.append(draw(st.sampled_from(["#.", "#:", "#,"])))
        elif kind == "bare":
            out.append("")
        elif obsolete:          # "#~|" before an active entry is an error (see test_previous_strings_...)
            out.append('#~| msgid "' + escape(draw(raw_texts)) + '"')
    return out


@st.composite
def raw_entries(draw, index: int) -> str:
    obsolete = draw(st.integers(0, 5)) == 0
    prefix = draw(st.sampled_from(["#~ ", "#~\t"])) if obsolete else ""
    lines = draw(comment_lines(obsolete))
    if not obsolete:
        for keyword in draw(st.lists(st.sampled_from(["msgctxt", "msgid", "msgid_plural"]), unique=True, max_size=3)):
            lines.append(draw(quoted(keyword, draw(raw_texts), "#| ")))
    if draw(st.booleans()):
        lines.append(draw(quoted("msgctxt", draw(raw_texts), prefix)))
    lines.append(draw(quoted("msgid", draw(raw_texts) + f" {index}", prefix)))
    if draw(st.booleans()):
        lines.append(draw(quoted("msgid_plural", draw(raw_texts), prefix)))
        for form in range(draw(st.integers(1, 4))):
            lines.append(draw(quoted(f"msgstr[{form}]", draw(raw_texts), prefix)))
    else:
        lines.append(draw(quoted("msgstr", draw(raw_texts), prefix)))
    return "\n".join(lines)


@st.composite
def raw_catalogs(draw) -> str:
    header = ["# SOME DESCRIPTIVE TITLE.", "#, fuzzy", 'msgid ""', 'msgstr ""']
    for key, value in draw(headers).items():
        header.append(f'"{key}: {escape(value)}\\n"')
    entries = [draw(raw_entries(index)) for index in range(draw(st.integers(0, 6)))]
    separator = draw(st.sampled_from(["\n\n", "\n", "\n \n\n"]))
    text = separator.join(["\n".join(header), *entries]) + draw(st.sampled_from(["", "\n", "\n# trailing\n"]))
    if draw(st.integers(0, 4)) == 0:
        text = text.replace("\n", "\r\n")
    return text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_catalogs())
def test_catalogs_in_other_shapes_read_as_with_polib(text):
    assert_same_reading(text)


def test_a_hand_made_catalog_of_every_shape():
    text = HEADER + "\n".join([
        "# translator's note", "#", "# second paragraph", "#. extracted one", "#.  extracted two",
        "#: a.md:1 b.md c.md:x", "#: d.md:22", "#, fuzzy, c-format,", "#| msgctxt \"old\"", "#| msgid \"\"",
        "#| \"Old \\\"text\\\"\"", "#| msgid_plural \"Olds\"", "msgctxt \"ctx\"", "msgid \"\"", "\"Line one\\n\"",
        "\"Line \\t two\"", "msgid_plural \"plural\"", "msgstr[0] \"eins\"", "msgstr[1] \"\"", "\"zwei\"", "",
        "#, fuzzy", "#~ msgctxt \"c\"", "#~ msgid \"gone\"", "#~ msgstr \"\"", "#~ \"weg\"", "",
        "#~| msgid \"older\"", "#~ msgid \"gone too\"", "#~ msgstr \"auch weg\"", ""])
    assert_same_reading(text)
    first, gone, gone_too = parse_catalog(text, "x.po").units
    assert (first.context, first.source, first.source_plural, first.plural_targets) == (
        "ctx", "Line one\nLine \t two", "plural", {0: "eins", 1: "zwei"})
    assert first.comments == ["translator's note", "", "second paragraph"]
    assert first.extracted == ["extracted one", " extracted two"]
    assert first.references == ["a.md:1", "b.md", "c.md:x", "d.md:22"]
    assert first.flags == ["c-format", ""] and first.state is SegmentState.NEEDS_EDITING
    assert first.previous_source == 'Old "text"'
    assert (gone.context, gone.source, gone.target, gone.is_obsolete) == ("c", "gone", "weg", True)
    assert (gone_too.source, gone_too.target, gone_too.is_obsolete) == ("gone too", "auch weg", True)


# -- where the reader follows gettext rather than polib --------------------------------------------------
def test_strings_with_characters_polib_took_for_line_ends_round_trip():
    odd = "a\x0bb\x0cc\x1cd\x85e\u2028f\u2029g"
    catalog = Catalog("demo", "de", "en", [Unit(odd, odd + "!", state=SegmentState.TRANSLATED)], {"Language": "de"})
    unit = parse_catalog(format_catalog(catalog), "x.po").units[0]
    assert (unit.source, unit.target, unit.state) == (odd, odd + "!", SegmentState.TRANSLATED)


any_text = st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(any_text, any_text), max_size=5))
def test_any_text_tms_writes_reads_back(pairs):
    units_in = [Unit(f"{source} {index}", target, state=SegmentState.TRANSLATED if target else SegmentState.UNTRANSLATED)
                for index, (source, target) in enumerate(pairs)]
    catalog = Catalog("demo", "de", "en", units_in, {"Language": "de"})
    again = parse_catalog(format_catalog(catalog), "x.po")
    assert [(u.source, u.target, u.state) for u in again.units] == [(u.source, u.target, u.state) for u in units_in]


def test_a_second_header_is_a_duplicate_and_an_empty_msgid_with_context_a_message():
    with pytest.raises(CatalogError, match='Entry "" already exists') as caught:
        parse_catalog(HEADER + 'msgid ""\nmsgstr "Language: fr\\n"\n', "x.po")
    assert caught.value.line == 6
    catalog = parse_catalog(HEADER + 'msgctxt ""\nmsgid ""\nmsgstr "Language: fr\\n"\n', "x.po")
    assert catalog.language == "de" and [(u.context, u.source) for u in catalog.units] == [("", "")]


def test_a_byte_order_mark_is_refused_on_line_1_as_msgfmt_refuses_it():
    with pytest.raises(CatalogError, match="byte order mark") as caught:
        parse_catalog("\ufeff# title\n" + HEADER + 'msgid "a"\nmsgstr "b"\n', "x.po")
    assert caught.value.line == 1


def test_comments_before_a_first_entry_that_is_not_the_header_belong_to_it():
    unit = parse_catalog('# note\n#. tms: role=title block=1 sentence=1\nmsgid "a"\nmsgstr "b"\n', "x.po").units[0]
    assert unit.comments == ["note"] and unit.location.role is Role.TITLE


def test_markers_without_a_space_are_read_as_gettext_reads_them():
    unit = parse_catalog(HEADER + '#note\n#.extracted\n#:a.md:3\n#,fuzzy\n#|msgid "old"\nmsgid "a"\nmsgstr "b"\n',
                         "x.po").units[0]
    assert (unit.comments, unit.extracted, unit.references) == (["note"], ["extracted"], ["a.md:3"])
    assert unit.state is SegmentState.NEEDS_EDITING and unit.previous_source == "old"


def test_plural_forms_past_nine_keep_their_index():
    forms = "".join(f'msgstr[{n}] "f{n}"\n' for n in range(12))
    unit = parse_catalog(HEADER + f'msgid "a"\nmsgid_plural "as"\n{forms}', "x.po").units[0]
    assert unit.plural_targets == {n: f"f{n}" for n in range(12)}


C_ESCAPES = [
    ('\\n\\t\\r\\"\\\\', '\n\t\r"\\'),
    ("\\a\\b\\f\\v", "\a\b\f\v"),
    ("\\101\\60\\0101", "A0\x08" + "1"),
    ("\\x41\\x4a\\x0041z", "AJAz"),
    ("\\303\\244 \\xc3\\xa4 \\xe8\\xaa\\x9e", "ä ä 語"),
]


@pytest.mark.parametrize("escaped, meant", C_ESCAPES)
def test_c_escapes_are_decoded(escaped, meant):
    unit = parse_catalog(HEADER + f'msgid "{escaped}"\nmsgstr "{escaped}!"\n', "x.po").units[0]
    assert (unit.source, unit.target) == (meant, meant + "!")


def test_a_utf8_sequence_may_be_split_across_lines_of_one_string():
    unit = parse_catalog(HEADER + 'msgid "a"\nmsgstr ""\n"\\xc3"\n"\\xa4"\n', "x.po").units[0]
    assert unit.target == "ä"


@pytest.mark.parametrize("escaped, meant", C_ESCAPES)
def test_c_escapes_mean_what_msgfmt_makes_of_them(tmp_path, escaped, meant):
    msgfmt = gettext_tool("msgfmt")
    po, mo = tmp_path / "x.po", tmp_path / "x.mo"
    po.write_text(HEADER + f'msgid "{escaped}"\nmsgstr "{escaped}"\n', encoding="utf-8")
    subprocess.run([msgfmt, "-o", str(mo), str(po)], check=True, capture_output=True)
    compiled = [(u.source, u.target) for u in load_mo(mo).units]
    unit = parse_catalog(po.read_text(encoding="utf-8"), "x.po").units[0]
    assert compiled == [(unit.source, unit.target)] == [(meant, meant)]


# -- syntax errors: what and where ---------------------------------------------------------------------
# (the text after HEADER, whose last line is line 5; the line of the error; part of its message; whether
# msgfmt refuses the text too)
ERRORS = [
    ('msgid "a"\nmsgstr "b\n', 7, "unterminated string", True),
    ('msgid "a"\nmsgstr ""\n"b"\n"c\n', 9, "unterminated string", True),
    ('#~ msgid "a"\n#~ msgstr "b\n', 7, "unterminated string", True),
    ('#| msgid "a\nmsgid "a"\nmsgstr "b"\n', 6, "unterminated string", True),
    ('msgid "a"b"\nmsgstr "b"\n', 6, "unescaped", True),
    ('msgid "a"\nmsgstring "b"\n', 7, "unknown keyword 'msgstring'", True),
    ('msgid "a"\nmsgstr unquoted\n', 7, "expected a quoted string", True),
    ('#| msgfoo "a"\nmsgid "a"\nmsgstr "b"\n', 6, "unknown keyword 'msgfoo'", True),
    ('msgid "a"\nmsgstr "b"\n\nmsgstr "c"\n', 9, "msgstr without msgid", True),
    ('# note\nmsgstr "c"\n', 7, "msgstr without msgid", True),
    ('msgctxt "a"\nmsgstr "b"\n', 7, "msgstr without msgid", True),
    ('msgid "a"\nmsgstr "b"\n\n# repeated\nmsgid "a"\nmsgstr "c"\n', 9, 'Entry "a" already exists', True),
    ('msgctxt "c"\nmsgid "a"\nmsgstr "b"\n\n#, fuzzy\nmsgctxt "c"\nmsgid "a"\nmsgstr "c"\n', 10,
     'Entry "a" already exists', True),
    ('msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 9, 'entry "a" already exists', True),
    ('#~ msgid "a"\n#~ msgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 9, 'obsolete entry "a" already exists', True),
    ('#~ msgid "a"\n#~ msgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 9, 'Entry "a" already exists', True),
    ('msgid "a\\q"\nmsgstr "b"\n', 6, "invalid escape '\\q'", True),
    ('msgid "a"\nmsgstr ""\n"b\\x"\n', 8, "invalid escape '\\x'", True),
    ('msgid "a\\xe4"\nmsgstr "b"\n', 6, "do not form UTF-8", None),
    ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 6, "missing msgstr", True),
    ('msgid "a"\nmsgstr "b"\n\nmsgid "c"\n', 9, "missing msgstr", True),
    ('msgid "a"\nmsgid_plural "as"\n', 6, "missing msgstr[0]", True),
    ('msgid "a"\n# between\nmsgstr "b"\n', 6, "missing msgstr", True),
    ('msgctxt "a"\n', 6, "msgctxt without msgid", True),
    ('msgctxt "a"\nmsgctxt "b"\nmsgid "c"\nmsgstr "d"\n', 6, "msgctxt without msgid", True),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\n', 8, "wrong index: expected msgstr[0]", True),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[2] "c"\n', 9, "wrong index: expected msgstr[1]", True),
    ('msgid "a"\nmsgstr[0] "b"\n', 7, "without msgid_plural", True),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 8, "msgid_plural needs msgstr[0]", True),
    ('msgid "a"\nmsgstr "b"\nmsgid_plural "bs"\n', 8, "msgid_plural without msgid", True),
    ('#~ msgid "a"\nmsgstr "b"\n', 7, "inconsistent use of #~", True),
    ('msgid "a"\nmsgstr ""\n#~ "b"\n', 8, "inconsistent use of #~", True),
    ('# note\n"a"\nmsgid "a"\nmsgstr "b"\n', 7, "a string with no keyword", True),
    ('#| msgid "a"\n"b"\nmsgid "a"\nmsgstr "b"\n', 7, "a string with no keyword", True),
    ('# note\n#| "a"\nmsgid "a"\nmsgstr "b"\n', 7, "no '#|' keyword", None),
    ('hello\n', 6, "unknown keyword 'hello'", True),
]


@pytest.mark.parametrize("body, line, why, msgfmt_refuses", ERRORS)
def test_syntax_errors_name_their_line(body, line, why, msgfmt_refuses):
    with pytest.raises(CatalogError) as caught:
        parse_catalog(HEADER + body, "broken.po")
    assert caught.value.line == line and why in caught.value.why, str(caught.value)
    assert caught.value.why.startswith("invalid PO syntax: ")
    assert str(caught.value).startswith(f"broken.po:{line}: ")


@pytest.mark.parametrize("body, line, why, msgfmt_refuses", [e for e in ERRORS if e[3] is not None])
def test_msgfmt_agrees_about_what_is_an_error(tmp_path, body, line, why, msgfmt_refuses):
    msgfmt = gettext_tool("msgfmt")
    path = tmp_path / "broken.po"
    path.write_text(HEADER + body, encoding="utf-8")
    result = subprocess.run([msgfmt, "-o", str(tmp_path / "x.mo"), str(path)], capture_output=True, text=True)
    assert (result.returncode != 0) is msgfmt_refuses, result.stderr


def test_a_bad_tms_mt_comment_names_its_entry():
    with pytest.raises(CatalogError, match="bad 'tms-mt' comment") as caught:
        parse_catalog(HEADER + 'msgid "a"\nmsgstr "b"\n\n# tms-mt: not json\nmsgid "c"\nmsgstr "d"\n', "x.po")
    assert caught.value.line == 9


def test_entries_keep_their_first_line():
    entries = parse_entries(HEADER + '# c\n#. e\nmsgid "a"\nmsgstr "b"\n\n\nmsgctxt "x"\nmsgid "a"\nmsgstr ""\n')
    assert [(e.line, e.msgid_line) for e in entries] == [(1, 1), (6, 8), (12, 13)]
