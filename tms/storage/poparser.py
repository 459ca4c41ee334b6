"""A linear reader of gettext PO and POT syntax, into plain entries; ``tms.storage.pofile`` gives them meaning.

It replaces polib's parser on tms's read path: polib's is a pure-Python state machine that took about
6.5 s for a 100,000-entry catalog. This reader looks at each line once, recognises a keyword line with
one regular expression, and decodes escapes only in strings that have a backslash.

What it accepts follows GNU gettext's lexer and grammar (``po-lex.c``, ``po-gram-gen.y``); where polib
differed, gettext wins:

* Escapes are C's, as gettext reads them: ``\\n \\t \\r \\" \\\\ \\a \\b \\f \\v``, octal (up to three
  digits) and hexadecimal (every hex digit), each kept to one byte as msgfmt keeps it (``\\777`` is 0xFF),
  and a NUL ends the string. A numeric escape stands for one byte of the UTF-8 text, so ``\\303\\244`` is
  "ä"; bytes that do not form UTF-8 and any other escape are errors (polib kept unknown escapes, octal and
  hex as written and dropped ``\\a``).
* Lines end at ``\\n``, and a carriage return alone separates tokens (polib also split lines at ``\\v``,
  ``\\f``, U+2028 and similar characters, so a string holding one of them broke). A byte order mark is
  refused, as msgfmt refuses it.
* Comments before the first entry belong to it (polib gave them to the file when that entry was not
  the header). ``#,fuzzy``, ``#.text``, ``#:file`` and ``#text`` need no space after the marker; a
  translator comment is what follows the ``#`` less one space (``## x`` is the comment ``# x``), and empty
  ``#.`` lines are kept.
* An entry is ``#|`` lines (``#~|`` for an obsolete one) and comments, then ``msgctxt``, ``msgid``, and
  either ``msgstr`` or ``msgid_plural`` with ``msgstr[0]``, ``msgstr[1]``... in order (``msgstr[ 0]``
  too); ``domain`` lines are read and skipped. A comment inside an entry, a missing msgstr (also at the
  end of the file), ``msgstr[n]`` without ``msgid_plural``, a plural form out of order, a string with no
  keyword before it, ``#~`` on some lines of an entry but not others and two entries, active or obsolete,
  with the same msgctxt and msgid are errors, as they are for msgfmt (polib accepted them, or read
  ``msgstr[10]`` as form 1).
* ``msgid_plural ""`` is a plural entry; no ``msgid_plural`` line is ``None``.

Kept from polib: the header is the first active entry whose msgid is empty and that has no msgctxt, and
its fields are read as ``polib.POFile.metadata`` reads them; flags and references are split as polib
splits them.
"""
from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator

from tms.errors import CatalogError

_STRING = r'"([^"\\]*(?:\\.[^"\\]*)*)"'
_KEYWORD_LINE = re.compile(r'(?:(msgctxt|msgid|msgid_plural|msgstr|domain)|msgstr\[[ \t]*(\d+)[ \t]*\])[ \t]*' + _STRING
                           + r"\Z").match
_STRING_LINE = re.compile(_STRING + r"\Z").match
_PLURAL_FORM = re.compile(r"msgstr\[[ \t]*(\d+)[ \t]*\]\Z").match
_PREVIOUS_LINE = re.compile(r"(msgctxt|msgid|msgid_plural)[ \t]*" + _STRING + r"\Z").match
_ESCAPE = re.compile(r'\\(?:([ntrbfva"\\])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))')
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "a": "\a", '"': '"', "\\": "\\"}
_RAW_BYTE = re.compile("[\udc80-\udcff]").search
_KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr", "domain")
_PREVIOUS_FIELDS = frozenset({"previous_msgctxt", "previous_msgid", "previous_msgid_plural"})

# Where the reader stands in an entry; an entry is complete from _STR on.
_BETWEEN, _CTXT, _ID, _PLURAL, _STR, _STRN = range(6)


class PoEntry:
    """One entry as written: strings decoded, comments split, nothing interpreted."""

    __slots__ = ("line", "msgid_line", "msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr_plural",
                 "previous_msgctxt", "previous_msgid", "previous_msgid_plural", "tcomments", "extracted",
                 "references", "flags", "is_obsolete", "raw_bytes_line", "is_wrapped",
                 "previous_is_obsolete")

    def __init__(self, line: int):
        self.line = line                    # the entry's first line
        self.msgid_line = line              # the msgid's line (the msgctxt's until msgid is read)
        self.msgctxt: str | None = None
        self.msgid = ""
        self.msgid_plural: str | None = None    # None: no msgid_plural line ("" is a valid msgid_plural)
        self.msgstr = ""
        self.msgstr_plural: dict[int, str] = {}
        self.previous_msgctxt: str | None = None
        self.previous_msgid: str | None = None
        self.previous_msgid_plural: str | None = None
        self.tcomments: list[str] = []      # translator comments (``# ``), one a line
        self.extracted: list[str] = []      # extracted comments (``#.``), one a line, empty ones too
        self.references: list[str] = []     # ``#:`` tokens, ``file:line`` or ``file``
        self.flags: list[str] = []          # ``#,`` flags, fuzzy included
        self.is_obsolete = False
        self.raw_bytes_line = 0             # first line with a byte escape (\\ooo or \\xhh above 127)
        self.previous_is_obsolete: bool | None = None    # previous strings read from ``#~|`` (or ``#|``)
        self.is_wrapped = False             # a string continues on a new line without a \\n before the break


_NUL = "\x00"


class _BadEscape(Exception):
    pass


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while building many small objects that form no cycles.

    Otherwise it runs over the growing heap again and again: about 40% of the time of reading a large
    catalog, three times the cost of gathering statistics over 100,000 catalogs.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_po(text: str, name: str = "<catalog>") -> tuple[dict[str, str], list[PoEntry]]:
    """The header fields and the other entries of PO ``text``; ``CatalogError`` with the line on bad syntax."""
    header, entries = split_header(text, name)
    return (parse_header(header.msgstr) if header is not None else {}), entries


def split_header(text: str, name: str = "<catalog>") -> tuple[PoEntry | None, list[PoEntry]]:
    """The header entry (None if there is none) and the other entries of PO ``text``."""
    if "\x00" in text:
        raise CatalogError(name, "binary data where a PO file was expected (is it an .mo file?)")
    with collector_paused():
        entries = parse_entries(text, name)
    refuse_duplicates(entries, name)
    for index, entry in enumerate(entries):
        if is_header(entry):
            del entries[index]
            return entry, entries
    return None, entries


def is_header(entry: PoEntry) -> bool:
    """True for the header entry: active, with an empty msgid and no msgctxt (with one, it is a message)."""
    return entry.msgid == "" and entry.msgctxt is None and not entry.is_obsolete


def refuse_duplicates(entries: list[PoEntry], name: str = "<catalog>") -> None:
    """Refuse an entry with the msgctxt and msgid of an earlier one, active or obsolete, as msgfmt does.

    The header entry counts: a second ``msgid ""`` is a duplicate, as for msgfmt.
    """
    seen: set[tuple[str | None, str]] = set()
    for entry in entries:
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            kind = "obsolete entry" if entry.is_obsolete else "Entry"
            raise CatalogError(name, f"invalid PO syntax: {kind} \"{entry.msgid}\" already exists", entry.line)
        seen.add(key)


def parse_header(msgstr: str) -> dict[str, str]:
    """The fields of a header entry's msgstr, as polib reads them: a line without a colon continues the field,
    and of a field written twice the first counts (as for msgfmt).

    The msgstr itself is kept as written (``tms.model.Catalog.header_text``): odd lines and trailing spaces
    survive a save.
    """
    headers: dict[str, str] = {}
    key = None
    for line in msgstr.splitlines():
        field, colon, value = line.partition(":")
        if colon:
            if field in headers:
                key = None
                continue
            key = field
            headers[key] = value.strip()
        elif key is not None:
            headers[key] += "\n" + line.strip()
    return headers


def parse_entries(text: str, name: str = "<catalog>") -> list[PoEntry]:
    """Every entry of PO ``text`` in file order, the header entry included."""
    reader = _Reader(name)
    if text.startswith("\ufeff"):
        raise _syntax(name, "the file starts with a byte order mark, which msgfmt refuses; save it as UTF-8 "
                            "without BOM", 1)
    lines = text.split("\n")
    for number, line in _lines(lines):
        first = line[0]
        is_obsolete_line = False
        if first == "#" and line[1:2] == "~":
            line = line[2:].lstrip()
            if not line:
                continue
            if line[0] == "|":                      # ``#~|``: a previous string of an obsolete entry
                reader.comment("#" + line, number, is_obsolete_line=True)
                continue
            first = line[0]
            is_obsolete_line = True
        if first == "#":
            reader.comment(line, number)
            continue

        # A quoted string: most have neither quote nor backslash inside, and need no regular expression.
        quote = line.find('"')
        value = line[quote + 1:-1]
        has_raw_bytes = False
        if quote < 0 or line[-1] != '"' or quote == len(line) - 1 or '"' in value or "\\" in value:
            match = (_STRING_LINE if quote == 0 else _KEYWORD_LINE)(line)
            if match is None:
                raise _string_error(line, line, name, number) if quote == 0 else _keyword_error(line, name, number)
            value = _unescape(match.group(match.lastindex), name, number)
            has_raw_bytes = _RAW_BYTE(value) is not None
        if quote == 0:
            reader.continuation(value, is_obsolete_line, line, number)
        else:
            reader.keyword(line[:quote].rstrip(" \t"), value, is_obsolete_line, line, number)
        if has_raw_bytes and not reader.entry.raw_bytes_line:
            reader.entry.raw_bytes_line = number
    return reader.finish()


def _lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """The non-blank lines with their numbers, stripped. A carriage return alone ends a line too, as it
    separates tokens for msgfmt (a comment still runs to the line feed); a line ending in a backslash
    goes on on the next (numbered as the last of them)."""
    joined = ""
    for number, line in enumerate(lines, 1):
        if line.endswith("\\") and (len(line) - len(line.rstrip("\\"))) % 2:
            # a backslash before the line feed joins the next line to this one, as msgfmt reads it
            joined += line[:-1]
            continue
        if joined:
            line, joined = joined + line, ""
        line = line.strip()
        if not line:
            continue
        if "\r" in line and line[0] != "#":
            for part in line.split("\r"):
                part = part.strip()
                if part:
                    yield number, part
            continue
        yield number, line


class _Reader:
    """Where one pass over a PO text stands: the entries read, the one being read, and what it has so far.

    ``state`` follows an entry through msgctxt, msgid, msgid_plural and its msgstr; ``field`` is what a
    string on a line of its own adds to (a field name, or a plural form's number).
    """

    __slots__ = ("name", "entries", "entry", "state", "field")

    def __init__(self, name: str):
        self.name = name
        self.entries: list[PoEntry] = []
        self.entry: PoEntry | None = None
        self.state = _BETWEEN
        self.field: str | int | None = None

    def comment(self, line: str, number: int, *, is_obsolete_line: bool = False) -> None:
        """A line starting with ``#`` (``#~`` taken off): comments, flags, references, previous strings."""
        kind = line[1:2]
        if len(line) == 2 and kind in ":,":         # an empty reference or flags line
            return
        if self.state >= _STR:
            self.entries.append(self.entry)
            self.entry = None
            self.state = _BETWEEN
        elif self.state != _BETWEEN:
            raise _incomplete(self.entry, self.state, self.name)
        entry = self.entry
        if entry is None:
            entry = self.entry = PoEntry(number)
        if kind == "|":
            if entry.previous_is_obsolete not in (None, is_obsolete_line):
                raise _syntax(self.name, "inconsistent use of #~ within one entry", number)
            entry.previous_is_obsolete = is_obsolete_line
            self.field = _previous(line[2:].lstrip(), entry, self.field, self.name, number)
            return
        self.field = None
        if kind == ".":
            comment = line[2:]
            entry.extracted.append(comment[1:] if comment[:1].isspace() else comment)
        elif kind == ":":
            if entry.references:
                entry.is_wrapped = True     # references on several lines: packed to a width, as msgcat does
            entry.references += line[2:].split()
        elif kind == ",":
            entry.flags += [flag.strip() for flag in line[2:].split(",")]
        else:
            # as GNU reads it: what follows the "#", less one space ("## x" is the comment "# x")
            comment = line[1:]
            if comment[:1] == " ":
                comment = comment[1:]
            entry.tcomments.append(comment)

    def continuation(self, value: str, is_obsolete_line: bool, line: str, number: int) -> None:
        """A string on a line of its own, continuing the field of the line before."""
        field, entry = self.field, self.entry
        if field is None or field in _PREVIOUS_FIELDS:
            raise _syntax(self.name, f"a string with no keyword before it: {line[:60]!r}", number)
        if is_obsolete_line != entry.is_obsolete:
            raise _syntax(self.name, "inconsistent use of #~ within one entry", number)
        if value and not entry.is_wrapped:
            before = getattr(entry, field) if isinstance(field, str) else entry.msgstr_plural[field]
            entry.is_wrapped = bool(before) and not before.endswith("\n")
        if field == "msgstr":
            entry.msgstr += value
        elif field == "msgid":
            entry.msgid += value
        elif field == "msgctxt":
            entry.msgctxt += value
        elif field == "msgid_plural":
            entry.msgid_plural += value
        else:
            entry.msgstr_plural[field] += value

    def keyword(self, keyword: str, value: str, is_obsolete_line: bool, line: str, number: int) -> None:
        """A keyword line: ``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr`` or ``msgstr[n]``."""
        state, name = self.state, self.name
        if keyword == "domain":
            # msgfmt takes the following messages into that domain; tms's catalogs are one domain each
            if state != _BETWEEN and state < _STR:
                raise _incomplete(self.entry, state, name)
            if state >= _STR:
                self.entries.append(self.entry)
                self.entry, self.state = None, _BETWEEN
            self.field = None
            return
        if keyword == "msgid" or keyword == "msgctxt":
            if state >= _STR:
                self.entries.append(self.entry)
                self.entry = None
            elif state == _ID or state == _PLURAL or (keyword == "msgctxt" and state == _CTXT):
                raise _incomplete(self.entry, state, name)
            entry = self.entry
            if entry is None:
                entry = self.entry = PoEntry(number)
            elif state == _CTXT and is_obsolete_line != entry.is_obsolete:
                raise _syntax(name, "inconsistent use of #~ within one entry", number)
            if entry.previous_is_obsolete not in (None, is_obsolete_line):
                raise _syntax(name, "inconsistent use of #~ within one entry", number)
            entry.is_obsolete = is_obsolete_line
            entry.msgid_line = number
            if keyword == "msgid":
                entry.msgid = value
                self.state, self.field = _ID, "msgid"
            else:
                entry.msgctxt = value
                self.state, self.field = _CTXT, "msgctxt"
            return
        entry = self.entry
        if keyword == "msgstr":
            if state != _ID:
                raise _syntax(name, "msgid_plural needs msgstr[0], msgstr[1]... instead of msgstr" if state == _PLURAL
                              else "msgstr without msgid", number)
            field, new_state = "msgstr", _STR
        elif keyword == "msgid_plural":
            if state != _ID:
                raise _syntax(name, "msgid_plural without msgid just before it", number)
            field, new_state = "msgid_plural", _PLURAL
        else:
            field, new_state = self._plural_form(keyword, line, number), _STRN
        if is_obsolete_line != entry.is_obsolete:
            raise _syntax(name, "inconsistent use of #~ within one entry", number)
        if new_state == _STRN:
            entry.msgstr_plural[field] = value
        else:
            setattr(entry, field, value)
        self.state, self.field = new_state, field

    def _plural_form(self, keyword: str, line: str, number: int) -> int:
        """The number of a ``msgstr[n]`` keyword, if it is the form due next."""
        match = _PLURAL_FORM(keyword)
        if match is None:
            raise _keyword_error(line, self.name, number)
        form = int(match.group(1))
        if self.state == _PLURAL or self.state == _STRN:
            expected = len(self.entry.msgstr_plural)
            if form != expected:
                raise _syntax(self.name, f"plural form has wrong index: expected msgstr[{expected}]", number)
        elif self.state == _ID:
            raise _syntax(self.name, f"{keyword} without msgid_plural", number)
        else:
            raise _syntax(self.name, "msgstr without msgid", number)
        return form

    def finish(self) -> list[PoEntry]:
        """The entries, once the last line is read; an entry cut short at the end is an error."""
        if self.state >= _STR:
            self.entries.append(self.entry)
        elif self.state != _BETWEEN:
            raise _incomplete(self.entry, self.state, self.name)
        for entry in self.entries:
            if entry.raw_bytes_line:
                _join_raw_bytes(entry, self.name)
        return self.entries


def _previous(rest: str, entry: PoEntry, field, name: str, number: int) -> str:
    """Read a ``#|`` line (``rest`` follows the marker) that continues ``field``; the field the next one continues."""
    if rest[:1] == '"':
        if field not in _PREVIOUS_FIELDS:
            raise _syntax(name, f"a '#|' string with no '#|' keyword before it: {rest[:60]!r}", number)
        match = _STRING_LINE(rest)
        if match is None:
            raise _string_error(rest, "#| " + rest, name, number)
        value = getattr(entry, field) + _unescape(match.group(1), name, number)
    else:
        match = _PREVIOUS_LINE(rest)
        if match is None:
            word = rest.split(None, 1)[0] if rest else ""
            if word not in ("msgctxt", "msgid", "msgid_plural"):
                raise _syntax(name, f"unknown keyword {word!r} after '#|'" if word else "'#|' without a keyword",
                              number)
            raise _string_error(rest[len(word):].lstrip(), "#| " + rest, name, number)
        keyword, value = match.groups()
        field = "previous_" + keyword
        value = _unescape(value, name, number)
    setattr(entry, field, value)
    if not entry.raw_bytes_line and _RAW_BYTE(value):
        entry.raw_bytes_line = number
    return field


def _unescape(raw: str, name: str, number: int) -> str:
    """Decode the escapes of one quoted string (without its quotes); bytes above 127 stay surrogates."""
    if "\\" not in raw:
        return raw
    if _RAW_BYTE(raw):      # a str can hold one; a UTF-8 file cannot, and it would pass for an escaped byte
        raise _syntax(name, "a lone surrogate character, which is not text", number)
    try:
        value = _ESCAPE.sub(_escaped, raw)
    except _BadEscape as exc:
        raise _syntax(name, str(exc), number) from None
    return value.partition(_NUL)[0]


def _escaped(match: re.Match) -> str:
    which = match.lastindex
    if which == 1:
        return _SIMPLE_ESCAPES[match.group(1)]
    if which == 4:
        raise _BadEscape(f"invalid escape '\\{match.group(4)}' (a backslash is written '\\\\')")
    # As msgfmt reads them: the value is kept to one byte (\\777 is 0xFF), and NUL ends the string.
    value = (int(match.group(2), 8) if which == 2 else int(match.group(3), 16)) & 0xFF
    if value == 0:
        return _NUL
    # A byte above 127 is part of a UTF-8 sequence: keep it as a surrogate until the string is whole.
    return chr(value) if value < 0x80 else chr(0xDC00 + value)


def _join_raw_bytes(entry: PoEntry, name: str) -> None:
    """Turn the bytes written as escapes into the characters they encode with their neighbours."""
    for field in ("msgctxt", "msgid", "msgid_plural", "msgstr", "previous_msgctxt", "previous_msgid",
                  "previous_msgid_plural"):
        value = getattr(entry, field)
        if value and _RAW_BYTE(value):
            setattr(entry, field, _utf8(value, entry, name))
    for form, value in entry.msgstr_plural.items():
        if _RAW_BYTE(value):
            entry.msgstr_plural[form] = _utf8(value, entry, name)


def _utf8(value: str, entry: PoEntry, name: str) -> str:
    try:
        return value.encode("utf-8", "surrogateescape").decode("utf-8")
    except UnicodeDecodeError:
        raise _syntax(name, "byte escapes (\\ooo or \\xhh) that do not form UTF-8 text", entry.raw_bytes_line) from None


def _syntax(name: str, why: str, line: int) -> CatalogError:
    return CatalogError(name, f"invalid PO syntax: {why}", line)


def _incomplete(entry: PoEntry, state: int, name: str) -> CatalogError:
    """The error for an entry cut short: it names the entry's msgctxt or msgid line."""
    if state == _CTXT:
        return _syntax(name, "msgctxt without msgid", entry.msgid_line)
    keyword = "msgstr[0]" if state == _PLURAL else "msgstr"
    return _syntax(name, f"missing {keyword} after the msgid on this line", entry.msgid_line)


def _string_error(rest: str, line: str, name: str, number: int) -> CatalogError:
    """Why ``rest``, which should be one quoted string, is not."""
    shown = repr(line[:60])
    if not rest.startswith('"'):
        return _syntax(name, f"expected a quoted string: {shown}", number)
    match = re.match(_STRING, rest)
    if match is None:
        return _syntax(name, f"unterminated string: {shown}", number)
    return _syntax(name, f"text after the closing quote (an unescaped '\"'?): {shown}", number)


def _keyword_error(line: str, name: str, number: int) -> CatalogError:
    word = re.match(r"[^\s\"]*", line).group()
    keyword = word.partition("[")[0]
    if keyword not in _KEYWORDS or ("[" in word and not _PLURAL_FORM(word)):
        return _syntax(name, f"unknown keyword {word[:30]!r}: {line[:60]!r}", number)
    rest = line[len(word):]
    if rest[:1] not in (" ", "\t", '"'):
        return _syntax(name, f"unexpected character after {word!r}: {line[:60]!r}", number)
    return _string_error(rest.lstrip(" \t"), line, name, number)
