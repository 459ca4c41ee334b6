"""Compiling catalogs into ``.mo`` files, as ``msgfmt`` would, skipping those that are already current.

A ``.mo`` file is current when ``.tms/compiled.json`` records that it was made from the PO file as it
is now (same modification time, size and inode), that the ``.mo`` file itself is unchanged since,
and that it was made with the same options (``use_fuzzy``; a run with ``check`` also wants it to have
been checked). Every stale catalog is read, checked and compiled in memory before the first file is
written, so a corrupt PO file stops the run with nothing changed.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tms.model import Catalog, CatalogStats
from tms.services.stats import Progress, compute_stats, select_catalogs, stat_catalogs, stats_for
from tms.storage.config import project_settings
from tms.storage.files import atomic_write, file_stamp, locked
from tms.storage.layout import Project
from tms.storage.mofile import format_mo, format_mo_from_po
from tms.storage.catalogs import load as load_catalog

MANIFEST_NAME = "compiled.json"
MANIFEST_VERSION = 1

COMPILED = "compiled"
CURRENT = "current"
REFUSED = "refused"


@dataclass
class CompileResult:
    """What compiling one catalog did: ``compiled``, ``current`` (skipped) or ``refused`` by the checks."""

    article_id: str
    language: str
    project: Project = field(repr=False, compare=False)
    action: str
    findings: list = field(default_factory=list)        # check findings of severity error, when refused
    stats: CatalogStats | None = None                   # filled when statistics were asked for

    @property
    def po_path(self) -> Path:
        """The catalog compiled."""
        return self.project.po_path(self.article_id, self.language)

    @property
    def mo_path(self) -> Path:
        """The compiled file beside it."""
        return self.project.mo_path(self.article_id, self.language)


@dataclass
class _Planned:
    result: CompileResult
    po_stat: os.stat_result
    data: bytes = b""


def manifest_path(project: Project) -> Path:
    """Where the record of compiled catalogs is kept."""
    return project.state_dir / MANIFEST_NAME


def _key(article_id: str, lang: str) -> str:
    return f"{lang}/{article_id}"


def _stamp(stat: os.stat_result) -> list[int]:
    return list(file_stamp(stat))      # a list, as the JSON manifest keeps it


def _load_manifest(project: Project) -> dict[str, dict]:
    try:
        data = json.loads(manifest_path(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}   # a missing or damaged record only means compiling everything again
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return {}
    catalogs = data.get("catalogs")
    return catalogs if isinstance(catalogs, dict) else {}


def _is_current(record: dict | None, po_stat: os.stat_result, mo_path: str, use_fuzzy: bool, check: bool) -> bool:
    if not isinstance(record, dict) or record.get("po") != _stamp(po_stat):
        return False
    if record.get("use_fuzzy") != use_fuzzy or (check and not record.get("checked")):
        return False
    try:
        return record.get("mo") == _stamp(os.stat(mo_path))
    except FileNotFoundError:
        return False


def compile_catalogs(project: Project, ids: Iterable[str] | None = None, langs: Iterable[str] | None = None, *,
                     use_fuzzy: bool = False, check: bool = False, force: bool = False, statistics: bool = False,
                     progress: Progress | None = None) -> list[CompileResult]:
    """Compile the catalogs of the given articles (default all) and languages (default all) into ``.mo`` files.

    ``use_fuzzy`` also compiles machine output and segments needing edits; ``check`` runs the quality
    checks first and refuses (does not compile) catalogs with errors; ``force`` compiles current ones too.
    """
    manifest = _load_manifest(project)
    results: list[CompileResult] = []
    stale: list[_Planned] = []
    folders: dict[str, str] = {}
    for article_id, lang, po_stat in stat_catalogs(project, select_catalogs(project, ids, langs)):
        if lang not in folders:
            folders[lang] = str(project.mo_path(article_id, lang).parent)
        result = CompileResult(article_id, lang, project, CURRENT)
        results.append(result)
        # the .mo file is <id>.mo in the catalog's folder; a string path spares pathlib 10,000 times over
        mo_path = f"{folders[lang]}/{article_id}.mo"
        if force or not _is_current(manifest.get(_key(article_id, lang)), po_stat, mo_path, use_fuzzy, check):
            stale.append(_Planned(result, po_stat))
    settings = project_settings(project.config_path) if check and stale else None
    for done, planned in enumerate(stale, start=1):
        if statistics or check:
            catalog = load_catalog(planned.result.po_path)
            _prepare(project, planned, catalog, use_fuzzy=use_fuzzy, check=check, statistics=statistics,
                     settings=settings)
        else:
            # nothing but the .mo is wanted: compile from the entries without building tms's units
            planned.data = format_mo_from_po(planned.result.po_path, use_fuzzy=use_fuzzy)
            planned.result.action = COMPILED
        if progress:
            progress(done, len(stale))
    _write(project, [p for p in stale if p.result.action == COMPILED], use_fuzzy=use_fuzzy, check=check)
    if statistics:
        _fill_statistics(project, results)
    return results


def _prepare(project: Project, planned: _Planned, catalog: Catalog, *, use_fuzzy: bool, check: bool,
             statistics: bool, settings) -> None:
    result = planned.result
    if statistics:
        result.stats = compute_stats(catalog, result.language)
        result.stats.article_id = result.article_id
    if check:
        from tms.services.checking import check_catalog, has_errors

        findings = check_catalog(project, result.article_id, result.language, settings=settings, catalog=catalog)
        if has_errors(findings):
            result.action = REFUSED
            result.findings = [f for f in findings if f.severity.is_blocking]
            return
    planned.data = format_mo(catalog, use_fuzzy=use_fuzzy)
    result.action = COMPILED


def _write(project: Project, compiled: list[_Planned], *, use_fuzzy: bool, check: bool) -> None:
    if not compiled:
        return
    records = {}
    for planned in compiled:
        result = planned.result
        atomic_write(result.mo_path, planned.data)
        records[_key(result.article_id, result.language)] = {
            "po": _stamp(planned.po_stat), "mo": _stamp(os.stat(result.mo_path)),
            "use_fuzzy": use_fuzzy, "checked": check,
        }
    path = manifest_path(project)
    with locked(path):
        catalogs = _load_manifest(project)
        catalogs.update(records)
        atomic_write(path, json.dumps({"version": MANIFEST_VERSION, "catalogs": catalogs},
                                      separators=(",", ":"), sort_keys=True))


def _fill_statistics(project: Project, results: list[CompileResult]) -> None:
    wanted = [r for r in results if r.stats is None]
    found = {(s.article_id, s.language): s for s in stats_for(project, [(r.article_id, r.language) for r in wanted])}
    for result in wanted:
        result.stats = found.get((result.article_id, result.language))
