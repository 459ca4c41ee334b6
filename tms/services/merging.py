"""Building templates and catalogs from segments, and merging a new template into a catalog as msgmerge does."""
from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tms import __version__, inline
from tms.languages import get_language
from tms.model import Article, Catalog, SegmentState, Segment, Unit

#: Lowest similarity (0-100) at which an edited segment inherits the old translation; msgmerge uses 0.6.
FUZZY_THRESHOLD = 60.0


def template_headers(article: Article, project_name: str, created: str) -> dict[str, str]:
    """The header fields of an article's POT file."""
    return {
        "Project-Id-Version": f"{project_name} {article.id}",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created,
        "PO-Revision-Date": created,
        "Last-Translator": "tms",
        "Language-Team": "none",
        "Language": article.language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": get_language(article.language).plural_forms,
        "X-Source-Language": article.language,
        "X-TMS-Article": article.id,
        "X-Generator": f"tms {__version__}",
        **({"X-TMS-Source-Unofficial": "yes"} if article.meta.is_unofficial_translation else {}),
    }


def build_template(article: Article, segments: Sequence[Segment], reference: str, headers: dict[str, str]) -> Catalog:
    """The POT catalog of an article: one empty unit per segment, with its place and a file reference."""
    units = [
        Unit(source=s.text, context=s.context, location=s.location, references=[f"{reference}:{s.location.line}"],
             extracted=inline.note_lines(s.text, s.tags) if s.tags else [])
        for s in segments
    ]
    return Catalog(article.id, None, article.language, units, dict(headers),
                   is_source_unofficial=article.meta.is_unofficial_translation)


def new_catalog(template: Catalog, lang: str, *, copy_units: bool = True) -> Catalog:
    """A fresh, untranslated catalog for ``lang`` from the template.

    Without ``copy_units`` the catalog shares the template's units: only for catalogs written as they are.
    """
    language = get_language(lang)
    headers = dict(template.headers)
    headers.update({"Language": lang, "Language-Team": f"{language.name} <{lang}@li.org>",
                    "Plural-Forms": language.plural_forms})
    units = [copy.copy(u) for u in template.units] if copy_units else template.units
    return Catalog(template.article_id, lang, template.source_language, units, headers,
                   is_source_unofficial=template.is_source_unofficial)


@dataclass
class MergeReport:
    """What a merge did to one catalog."""

    kept: int = 0
    fuzzy: int = 0
    new: int = 0
    obsoleted: int = 0
    revived: int = 0


def merge_catalog(old: Catalog, template: Catalog) -> tuple[Catalog, MergeReport]:
    """Merge the template into a catalog as ``msgmerge`` does, never losing a translation.

    Unchanged segments keep translation and state; an edited segment inherits the most similar old
    translation, needs editing, and keeps the old source as ``#| msgid``; a removed translated segment
    becomes obsolete; a new one is empty. An obsolete translation comes back if its source returns.
    """
    report = MergeReport()
    merged = new_catalog(template, old.language or "")
    merged.headers = {**old.headers, **{k: v for k, v in template.headers.items()
                                        if k.startswith(("POT-", "X-", "Project-Id"))}}
    if not template.is_source_unofficial:
        merged.headers.pop("X-TMS-Source-Unofficial", None)
    merged.certification = old.certification
    merged.header_comments, merged.header_text = list(old.header_comments), old.header_text
    merged.wrap_width = old.wrap_width
    by_id = {(u.context, u.source): u for u in old.units if not u.is_obsolete}
    obsolete = {(u.context, u.source): u for u in old.units if u.is_obsolete}
    used: set[int] = set()
    pending: list[Unit] = []
    for unit in merged.units:
        match = by_id.get((unit.context, unit.source))
        if match is not None:
            _inherit(unit, match)
            used.add(id(match))
            report.kept += 1
        elif (unit.context, unit.source) in obsolete:
            _inherit(unit, obsolete.pop((unit.context, unit.source)))
            report.revived += 1
        else:
            pending.append(unit)
    leftovers = [u for u in old.units if not u.is_obsolete and id(u) not in used and u.target]
    candidates = leftovers + [u for u in obsolete.values() if u.target]
    for unit in pending:
        best = _most_similar(unit.source, candidates)
        if best is None:
            report.new += 1
            continue
        _inherit(unit, best)
        unit.previous_source = best.source
        unit.approval = None
        unit.state = SegmentState.NEEDS_EDITING
        used.add(id(best))
        report.fuzzy += 1
    for unit in leftovers:
        if id(unit) not in used:
            gone = copy.copy(unit)
            gone.is_obsolete, gone.references, gone.location, gone.previous_source = True, [], None, None
            merged.units.append(gone)
            report.obsoleted += 1
    merged.units += [u for u in obsolete.values() if id(u) not in used and u.target]
    return merged, report


def _inherit(unit: Unit, old: Unit) -> None:
    unit.target = old.target
    unit.plural_targets = dict(old.plural_targets)
    unit.state = old.state
    unit.machine = old.machine
    unit.approval = old.approval
    unit.ignored_checks = set(old.ignored_checks)
    unit.comments = list(old.comments)
    unit.previous_source = old.previous_source if old.state is SegmentState.NEEDS_EDITING else None
    unit.flags = list(dict.fromkeys(unit.flags + old.flags))


def _most_similar(source: str, candidates: Sequence[Unit]) -> Unit | None:
    if not candidates:
        return None
    found = process.extractOne(source, [c.source for c in candidates], scorer=fuzz.ratio,
                               score_cutoff=FUZZY_THRESHOLD)
    return candidates[found[2]] if found else None
