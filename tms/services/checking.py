"""Running the quality checks over catalogs, as ``tms check``, ``tms compile --check`` and the editor do.

A project switches checks off in ``tms.toml`` (``[checks] disabled = ["length"]``); a translator
switches one off for one segment with ``# tms: ignore=<ids>`` in the PO file. Findings of severity
``error`` block certification.
"""
from __future__ import annotations

import functools
import hashlib
from collections.abc import Container, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from tms import __version__
from tms.checks.base import Check, CheckContext, Finding
from tms.checks.gettext import nplurals
from tms.checks.registry import enabled_checks, run_checks
from tms.errors import CatalogError, TmsError
from tms.languages import CODES, get_language
from tms.model import Catalog, Unit
from tms.storage.config import Settings, project_settings
from tms.storage.glossary import GLOSSARY_DIR, Glossary, glossary_files, load_glossary
from tms.storage.layout import Project
from tms.storage import catalogs
from tms.services.stats import kept_counts


def project_checks(project: Project, settings: Settings | None = None) -> list[Check]:
    """The checks the project has switched on."""
    settings = settings if settings is not None else project_settings(project.config_path)
    return enabled_checks(settings.checks.disabled, str(project.config_path))


def project_glossary(project: Project, lang: str) -> Glossary:
    """The glossary of ``lang``, read again only when one of its files changes. A file that cannot be
    read is left out and named, with its line, in ``Glossary.problems``."""
    folder = project.root / GLOSSARY_DIR
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in glossary_files(folder, lang))
    return _cached_glossary(folder, lang, stamp)


@functools.lru_cache(maxsize=64)
def _cached_glossary(folder: Path, lang: str, stamp: tuple) -> Glossary:
    return load_glossary(folder, lang, keep_going=True)


def check_context(project: Project, source_language: str, lang: str, settings: Settings | None = None) -> CheckContext:
    """What the checks need to know about the project for one language pair."""
    settings = settings if settings is not None else project_settings(project.config_path)
    get_language(lang)
    return CheckContext(source_language, lang, project_glossary(project, lang), settings.checks.max_length_ratio)


def _source_language(project: Project, catalog: Catalog, path: Path) -> str:
    source = catalog.source_language or catalogs.read(project.pot_path(catalog.article_id)).source_language
    if not source:
        raise CatalogError(path, "no X-Source-Language header; run tms update to restore it")
    return source


def findings_for(unit: Unit, context: CheckContext, checks: Iterable[Check], article_id: str = "") -> list[Finding]:
    """The findings of one unit, for the editor to show while a segment is being written."""
    return [
        Finding(check.check_id, check.severity, message, unit.key, unit.source, unit.target, unit.state,
                article_id, context.target_language, unit.references[0] if unit.references else "")
        for check, message in run_checks(unit, context, checks)
    ]


def check_catalog(project: Project, article_id: str, lang: str, *, settings: Settings | None = None,
                  catalog: Catalog | None = None, keys: Container[str] | None = None) -> list[Finding]:
    """The findings of every translated unit of one catalog, in catalog order.

    ``catalog``: the catalog when the caller has just read or saved it (else it is read); ``keys``: only
    the units with these keys.
    """
    project.require_article(article_id)
    path = project.po_path(article_id, lang)
    settings = settings if settings is not None else project_settings(project.config_path)
    checks = project_checks(project, settings)
    catalog = catalog if catalog is not None else catalogs.read(path)
    context = replace(check_context(project, _source_language(project, catalog, path), lang, settings),
                      nplurals=nplurals(catalog.headers.get("Plural-Forms", "")))
    findings: list[Finding] = []
    for unit in catalog.active_units():
        if keys is None or unit.key in keys:
            findings += findings_for(unit, context, checks, article_id)
    return findings


def check_project(project: Project, ids: Sequence[str] = (), langs: Sequence[str] = ()) -> list[Finding]:
    """The findings of the catalogs of the articles named (all by default) in the languages named (all)."""
    settings = project_settings(project.config_path)
    for lang in langs:
        get_language(lang)
    chosen = list(ids) or project.article_ids()
    for article_id in chosen:
        project.require_article(article_id)
    findings: list[Finding] = []
    for article_id in chosen:
        for lang in project.catalog_languages(article_id):
            if not langs or lang in langs:
                findings += check_catalog(project, article_id, lang, settings=settings)
    return findings


def glossary_problems(project: Project, langs: Sequence[str] = ()) -> list[str]:
    """What is wrong with the glossary files of ``langs`` (all languages by default), each as
    "glossary/ja.csv:3: why", once per file."""
    problems: list[str] = []
    for lang in langs or CODES:
        for problem in project_glossary(project, lang).problems:
            if problem not in problems:
                problems.append(problem)
    return problems


def has_errors(findings: Iterable[Finding]) -> bool:
    """True if any finding is an error (which blocks publishing)."""
    return any(f.severity.is_blocking for f in findings)


def checks_stamp(project: Project, lang: str, settings: Settings | None = None) -> str:
    """What the findings of a catalog in ``lang`` depend on besides the catalog: the checks (tms's version),
    the ``[checks]`` settings and the glossary files of the language. A change to any of them changes it."""
    settings = settings if settings is not None else project_settings(project.config_path)
    glossary = []
    for path in glossary_files(project.root / GLOSSARY_DIR, lang):
        status = path.stat()
        glossary.append((path.name, status.st_mtime_ns, status.st_size))
    text = repr((__version__, [c.check_id for c in project_checks(project, settings)], settings.checks, glossary))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def error_counts(project: Project, catalogs: Sequence[tuple[str, str, tuple[int, int, int]]],
                 stamps: dict[str, str]) -> dict[tuple[str, str], int]:
    """How many error-level findings each catalog has, counted once per version of its PO file and of its
    language's ``checks_stamp`` (``stamps``), and kept beside its statistics. ``catalogs``: (article id,
    language, ``file_stamp`` of the PO file). A catalog that cannot be read or checked is left out: its
    editor page says why."""
    settings = project_settings(project.config_path)

    def count(article_id: str, lang: str) -> int | None:
        try:
            return sum(1 for f in check_catalog(project, article_id, lang, settings=settings) if f.severity.is_blocking)
        except TmsError:
            return None

    return kept_counts(project, catalogs, stamps, count)
