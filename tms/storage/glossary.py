"""The project glossary: per-language term lists in CSV or TBX under ``glossary/`` at the project root.

Files read for target language ``ja`` (each is optional; all that exist are combined):

* ``glossary/all.csv`` -- do-not-translate terms that hold for every language (names such as "ISIS");
* ``glossary/ja.csv`` -- terms and their Japanese translations;
* ``glossary/all.tbx`` and ``glossary/ja.tbx`` -- TBX (martif) term bases; the ``ja`` language set gives
  the translations, every other language set the source terms.

A CSV glossary has a header row. Recognised columns (case-insensitive): ``source`` (or ``term``),
``target`` (or ``translation``, or the language code), ``do_not_translate`` (``yes``/``no``; also
``dnt``), ``note`` and ``source_language``. Several accepted translations are separated by ``|``::

    source,target,do_not_translate,note
    ISIS,,yes,name of the group
    Minister of Foreign Affairs,外務大臣|外相,,
    Global Coalition to Counter ISIS,対ISIS有志連合,,

In TBX a term entry is do-not-translate when it carries ``<descrip type="Translation needed">no</descrip>``
(the convention of Weblate and translate-toolkit); deprecated terms are not offered as translations.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from tms.errors import InputError
from tms.languages import base_code, get_language

#: The folder, relative to the project root, that holds glossaries.
GLOSSARY_DIR = "glossary"
#: The file stem of terms shared by every language.
SHARED_STEM = "all"

_SOURCE_COLUMNS = ("source", "term", "source term", "source_term")
_TARGET_COLUMNS = ("target", "translation", "target term", "target_term")
_DNT_COLUMNS = ("do_not_translate", "do-not-translate", "do not translate", "dnt", "untranslatable")
_NOTE_COLUMNS = ("note", "notes", "comment", "comments", "description")
_SOURCE_LANGUAGE_COLUMNS = ("source_language", "source-language", "source language")
_TRUE = {"yes", "y", "true", "1", "x", "dnt"}
_FALSE = {"", "no", "n", "false", "0"}


@dataclass(frozen=True)
class Term:
    """One glossary term: a source expression and how it must appear in the translation."""

    source: str
    targets: tuple[str, ...] = ()           # accepted translations; empty for do-not-translate terms
    is_do_not_translate: bool = False
    source_language: str | None = None      # None: the term applies whatever the article's language
    note: str = ""
    where: str = ""                         # "glossary/ja.csv:4", for messages

    @property
    def accepted(self) -> tuple[str, ...]:
        """The forms a translation may use: the source itself for do-not-translate terms."""
        return (self.source,) if self.is_do_not_translate else self.targets


@dataclass
class Glossary:
    """The terms that apply to one target language."""

    language: str
    terms: list[Term] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)    # "glossary/ja.csv:3: why", one per unreadable file

    def terms_for(self, source_language: str) -> list[Term]:
        """The terms that apply to articles written in ``source_language``."""
        return [t for t in self.terms if t.source_language in (None, source_language)]


# -- CSV --------------------------------------------------------------------------------------------
def read_csv_glossary(stream: IO[str], name: str, lang: str, *, is_shared: bool = False) -> list[Term]:
    """Terms from a CSV glossary; ``InputError`` naming file and line for a bad header or row."""
    reader = csv.reader(stream, strict=True)
    try:
        header = next(_nonblank(reader), None)
    except csv.Error as exc:
        raise InputError(f"{name}:{reader.line_num}: not valid CSV ({exc})") from exc
    if header is None:
        return []
    columns = _map_columns([c.strip().lower() for c in header], name, reader.line_num, lang, is_shared)
    terms: list[Term] = []
    try:
        for row in _nonblank(reader):
            terms.append(_csv_term(row, columns, len(header), f"{name}:{reader.line_num}", is_shared))
    except csv.Error as exc:
        raise InputError(f"{name}:{reader.line_num}: not valid CSV ({exc})") from exc
    return terms


def _nonblank(reader):
    for row in reader:
        if any(cell.strip() for cell in row) and not row[0].lstrip().startswith("#"):
            yield row


def _map_columns(header: list[str], name: str, line: int, lang: str, is_shared: bool) -> dict[str, int]:
    def find(names: tuple[str, ...]) -> int | None:
        return next((i for i, column in enumerate(header) if column in names), None)

    columns = {"source": find(_SOURCE_COLUMNS), "target": find(_TARGET_COLUMNS + (lang,)),
               "dnt": find(_DNT_COLUMNS), "note": find(_NOTE_COLUMNS),
               "source_language": find(_SOURCE_LANGUAGE_COLUMNS)}
    if columns["source"] is None:
        raise InputError(f"{name}:{line}: the header needs a 'source' column (found: {', '.join(header)})")
    if columns["target"] is None and columns["dnt"] is None and not is_shared:
        raise InputError(f"{name}:{line}: the header needs a 'target' or a 'do_not_translate' column "
                         f"(found: {', '.join(header)})")
    if is_shared and columns["target"] is not None:
        raise InputError(f"{name}:{line}: {SHARED_STEM}.csv holds do-not-translate terms only; "
                         "put translations in glossary/<lang>.csv")
    return {key: index for key, index in columns.items() if index is not None}


def _csv_term(row: list[str], columns: dict[str, int], width: int, where: str, is_shared: bool) -> Term:
    if len(row) != width:
        raise InputError(f"{where}: expected {width} columns as in the header, found {len(row)}")

    def cell(key: str) -> str:
        return row[columns[key]].strip() if key in columns else ""

    source = cell("source")
    if not source:
        raise InputError(f"{where}: the source term is empty")
    flag = cell("dnt").lower()
    if flag not in _TRUE | _FALSE:
        raise InputError(f"{where}: do_not_translate is {cell('dnt')!r}; write yes or no")
    is_dnt = flag in _TRUE or is_shared
    targets = tuple(t.strip() for t in cell("target").split("|") if t.strip())
    if not targets and not is_dnt:
        raise InputError(f"{where}: {source!r} has no translation; fill the target or mark it do_not_translate")
    if is_dnt and targets and any(t != source for t in targets):
        raise InputError(f"{where}: {source!r} is marked do_not_translate but has the translation {targets[0]!r}")
    source_language = cell("source_language")
    if source_language:
        source_language = _checked_code(source_language, where)
    return Term(source, () if is_dnt else targets, is_dnt, source_language or None, cell("note"), where)


def _checked_code(value: str, where: str) -> str:
    code = base_code(value)
    try:
        get_language(code)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    return code


# -- TBX --------------------------------------------------------------------------------------------
def read_tbx_glossary(data: bytes, name: str, lang: str) -> list[Term]:
    """Terms from a TBX (martif) term base for target ``lang``; ``InputError`` with line on bad XML."""
    from lxml import etree
    from translate.misc.xml_helpers import getXMLlang
    from translate.storage.tbx import tbxfile

    try:
        store = tbxfile.parsestring(data)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}:{exc.lineno}: not valid TBX ({exc.msg})") from exc
    except (AssertionError, ValueError) as exc:
        raise InputError(f"{name}:1: not a TBX term base (expected a <martif> document)") from exc
    terms: list[Term] = []
    for unit in store.units:
        where = f"{name}:{unit.xmlelement.sourceline or 0}"
        is_dnt = not unit.istranslatable()
        sources: list[tuple[str, str]] = []
        targets: list[str] = []
        for node in unit.getlanguageNodes():
            code_attr = getXMLlang(node) or ""
            code = base_code(code_attr)
            if not code:
                raise InputError(f"{name}:{node.sourceline}: a langSet without xml:lang")
            texts = [t.text.strip() for t in unit.get_target_terms(code_attr) if t.text.strip() and not t.deprecated]
            if code == lang:
                targets += texts
            else:
                sources += [(code, text) for text in texts]
        if not sources or (not targets and not is_dnt):
            continue  # an entry with nothing to say about this language
        note = "; ".join(n.text for n in unit.get_common_notes(source=True) if n.text)
        for code, text in sources:
            accepted = () if is_dnt else tuple(dict.fromkeys(targets))
            terms.append(Term(text, accepted, is_dnt, code, note, where))
    return terms


# -- loading ----------------------------------------------------------------------------------------
def glossary_files(folder: Path, lang: str) -> list[Path]:
    """The glossary files that apply to ``lang``, shared ones first."""
    folder = Path(folder)
    names = [f"{SHARED_STEM}.csv", f"{SHARED_STEM}.tbx", f"{lang}.csv", f"{lang}.tbx"]
    return [folder / n for n in names if (folder / n).is_file()]


def load_glossary(folder: Path, lang: str, *, keep_going: bool = False) -> Glossary:
    """The glossary of ``lang`` from every file in ``folder`` that applies to it.

    A file that cannot be read raises ``InputError`` naming file and line; with ``keep_going`` it is left
    out instead and its error recorded in ``Glossary.problems``, so that one broken file does not stop
    the work that does not need it.
    """
    get_language(lang)
    glossary = Glossary(lang)
    for path in glossary_files(folder, lang):
        name = f"{GLOSSARY_DIR}/{path.name}"
        try:
            glossary.terms += _read_file(path, name, lang)
        except InputError as exc:
            if not keep_going:
                raise
            glossary.problems.append(str(exc))
            continue
        glossary.paths.append(name)
    return glossary


def _read_file(path: Path, name: str, lang: str) -> list[Term]:
    data = path.read_bytes()
    if path.suffix == ".tbx":
        return read_tbx_glossary(data, name, lang)
    return read_csv_glossary(io.StringIO(_decode(data, name), newline=""), name, lang,
                             is_shared=path.stem == SHARED_STEM)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{name}:{line}: not UTF-8 text; save the glossary as UTF-8 CSV") from exc
