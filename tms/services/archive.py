"""The archive memory as users run it: importing TMX and tab-separated memories, exporting, counting,
searching, and aligning past articles with their translations.

Units imported or aligned here join the catalogs' entries in the translation memory (``tms.memory``):
prefill and the editor's suggestions then offer them, with their origin.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tms.errors import InputError
from tms.languages import get_language
from tms.memory import MemoryIndex
from tms.memory.align import Bead, align
from tms.memory.archive import ALIGNED, ArchiveStats, ArchiveStore, ArchiveUnit
from tms.memory.tabular import read_tabular
from tms.memory.tmx import read_tmx, write_tmx
from tms.model import SegmentState
from tms.services.importing import import_files, read_source
from tms.services.sources import segment_source
from tms.storage.layout import Project
from tms.storage import catalogs
from tms.storage.config import project_settings
from tms.storage.pofile import gettext_date

FORMATS = ("tmx", "tsv")
_TABULAR_SUFFIXES = {".tsv", ".tab", ".txt"}


@dataclass
class MemoryImport:
    """What importing one memory file did."""

    name: str
    units: int          # units read from the file
    added: int          # of which were new to the memory
    pairs: dict[str, int] = field(default_factory=dict)    # "ko→en" -> units read

    @property
    def known(self) -> int:
        """Units the memory held already."""
        return self.units - self.added


def guess_format(name: str, data: bytes) -> str:
    """``tmx`` or ``tsv``, from the file's name, else from its first bytes."""
    suffix = Path(name).suffix.lower()
    if suffix == ".tmx":
        return "tmx"
    if suffix in _TABULAR_SUFFIXES:
        return "tsv"
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "tmx" if head.startswith(b"<") else "tsv"


def import_memory_data(project: Project, data: bytes, name: str, *, fmt: str | None = None,
                       source_lang: str | None = None, target_lang: str | None = None,
                       date: datetime | None = None, by: str = "") -> MemoryImport:
    """Add the units of a TMX or tab-separated file (its bytes and name) to the archive memory.

    The whole file is read and checked first: a problem anywhere adds nothing.
    """
    for code in (source_lang, target_lang):
        if code:
            get_language(code)
    kind = fmt or guess_format(name, data)
    if kind not in FORMATS:
        raise InputError(f"unknown memory format {kind!r}; expected one of: {', '.join(FORMATS)}")
    if kind == "tmx":
        units = read_tmx(io.BytesIO(data), name, source_lang=source_lang, date=date)
        if target_lang:
            found = sorted({u.target_lang for u in units})
            units = [u for u in units if u.target_lang == target_lang]
            if not units:
                raise InputError(f"{name}: no unit has a {target_lang} translation (found: {', '.join(found)})")
    else:
        if not (source_lang and target_lang):
            raise InputError(f"{name}: a tab-separated memory needs its languages: give the source and "
                             "target language (--source-lang ko --target-lang en)")
        units = read_tabular(io.BytesIO(data), name, source_lang, target_lang, date=date)
    if not units:
        raise InputError(f"{name}: no translation units in the file")
    pairs: dict[str, int] = {}
    for unit in units:
        key = f"{unit.source_lang}→{unit.target_lang}"
        pairs[key] = pairs.get(key, 0) + 1
    added = ArchiveStore.for_project(project).add(units, by=by)
    return MemoryImport(name, len(units), added, pairs)


def import_memory(project: Project, path: Path, **options) -> MemoryImport:
    """Add the units of a TMX or tab-separated file to the archive memory (see ``import_memory_data``)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    date = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    options.setdefault("date", date)
    return import_memory_data(project, path.read_bytes(), path.name, **options)


def export_memory(project: Project, source_lang: str | None = None,
                  target_lang: str | None = None) -> tuple[bytes, int]:
    """The archive memory (or one language pair of it) as TMX 1.4, and how many units it holds."""
    units = list(ArchiveStore.for_project(project).units(source_lang, target_lang))
    return write_tmx(units), len(units)


@dataclass
class MemoryStats:
    """The whole translation memory: the catalogs' entries and the archive's units."""

    catalogs: dict[tuple[str, str], int]
    archive: ArchiveStats


def memory_stats(project: Project) -> MemoryStats:
    """Entries by language pair in the catalogs, and the archive's units by pair, kind and file."""
    index = MemoryIndex(project)
    index.refresh()
    return MemoryStats(index.counts(), ArchiveStore.for_project(project).stats())


def search_memory(project: Project, text: str, *, source_lang: str | None = None,
                  target_lang: str | None = None, limit: int = 50) -> list[ArchiveUnit]:
    """A concordance: memory units whose source or translation contains ``text``, catalogs first."""
    if not text.strip():
        raise InputError("give some text to search the memory for")
    for code in (source_lang, target_lang):
        if code:
            get_language(code)
    index = MemoryIndex(project)
    index.refresh()
    found = index.search(text, source_lang=source_lang, target_lang=target_lang, limit=limit)
    rest = limit - len(found)
    if rest > 0:
        found += ArchiveStore.for_project(project).search(text, source_lang=source_lang,
                                                          target_lang=target_lang, limit=rest)
    return found


# -- aligning ---------------------------------------------------------------------------------------
@dataclass
class AlignReport:
    """What aligning an article with its translation did."""

    source_lang: str
    target_lang: str
    beads: list[Bead]
    pairs: list[ArchiveUnit]
    added: int
    article_id: str | None = None       # with --import-as-translation
    translated: int = 0                 # catalog entries filled as translated
    needs_editing: int = 0              # catalog entries filled as needing edits
    kept: int = 0                       # entries left alone: someone's work was there

    @property
    def omitted(self) -> int:
        """Sentences of either text aligned with nothing."""
        return sum(1 for b in self.beads if not b.is_pair)


def align_files(project: Project, source: Path, translation: Path, *, source_lang: str | None = None,
                target_lang: str | None = None, import_as_translation: bool = False, by: str = "") -> AlignReport:
    """Align an article with its translation sentence by sentence and add the pairs to the archive memory.

    ``import_as_translation``: also import the article and make the translation its catalog in the target
    language; entries someone translated already are kept.
    """
    source, translation = Path(source), Path(translation)
    article, segments = segment_source(read_source(project, source), str(source), source_lang)
    other, other_segments = segment_source(read_source(project, translation), str(translation), target_lang)
    if article.language == other.language:
        raise InputError(f"{source} and {translation} are both in {article.language}; give the languages "
                         "with --source-lang and --target-lang if one was detected wrongly")
    sources = [s.text for s in segments]
    targets = [s.text for s in other_segments]
    beads = align(sources, targets)
    date = datetime.fromtimestamp(translation.stat().st_mtime, timezone.utc)
    origin = f"{source.name} + {translation.name}"
    pairs = [ArchiveUnit(article.language, other.language, " ".join(sources[i] for i in bead.source),
                         _join(other.language, [targets[j] for j in bead.target]), ALIGNED, origin, date,
                         bead.confidence)
             for bead in beads if bead.is_pair]
    added = ArchiveStore.for_project(project).add(pairs, by=by)
    report = AlignReport(article.language, other.language, beads, pairs, added)
    if import_as_translation:
        _import_as_translation(project, source, article.language, beads, sources, targets, origin, report)
    return report


def _join(lang: str, sentences: Sequence[str]) -> str:
    return ("" if lang in ("zh", "ja") else " ").join(sentences)


def _import_as_translation(project: Project, source: Path, source_lang: str, beads: list[Bead],
                           sources: list[str], targets: list[str], origin: str, report: AlignReport) -> None:
    """Make the aligned translation the catalog of the imported article, without touching anyone's work."""
    result = import_files(project, [source], lang=source_lang)[0]
    report.article_id = result.article_id
    path = project.po_path(result.article_id, report.target_lang)
    with catalogs.edit(path, wrap=project_settings(project.config_path).catalogs.wrap) as draft:
        catalog = draft.catalog
        waiting: dict[str, list] = {}
        for unit in draft.units():
            if not unit.is_obsolete:
                waiting.setdefault(unit.source, []).append(unit)
        changed = False
        for bead in beads:
            if not bead.is_pair:
                continue
            units = [waiting[sources[i]].pop(0) for i in bead.source if waiting.get(sources[i])]
            if not units:
                continue
            if any(unit.state > SegmentState.MACHINE for unit in units):
                report.kept += 1        # someone's work: the whole bead stays as it is
                continue
            # One segment translated in one or more sentences takes them all, a whole translation. Segments
            # translated together cannot be cut at the right place: the first takes the whole translation,
            # to be edited, and the others stay empty, each saying where its text went.
            first = units[0]
            first.target = _join(report.target_lang, [targets[j] for j in bead.target])
            is_whole = len(units) == 1
            first.state = SegmentState.TRANSLATED if is_whole else SegmentState.NEEDS_EDITING
            first.machine = None
            first.previous_source = None
            first.comments.append(f"aligned from {origin} (confidence {bead.confidence:.2f})")
            if is_whole:
                report.translated += 1
            else:
                first.comments.append(f"translates {len(units)} segments together: move the part of each into it")
                for other in units[1:]:
                    other.comments.append(f"translated together with the segment before, whose translation "
                                          f"holds this one's text (aligned from {origin})")
                report.needs_editing += 1
            changed = True
        if changed:
            catalog.headers["PO-Revision-Date"] = gettext_date()
