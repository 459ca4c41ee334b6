"""Translations out: the published page of a catalog, a zip of every publishable language of an article,
and a catalog as a file (PO, MO or XLIFF) for people and programs outside tms."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from tms.errors import InputError
from tms.languages import get_language
from tms.model import PublicationStatus, SegmentState
from tms.services.rendering import publishable_languages, render_article
from tms.services.sources import assets_folder
from tms.storage.layout import Project
from tms.storage.originals import load_article
from tms.storage.catalogs import read as load_catalog

#: What a page is sent as, by ``format``.
PAGE_TYPES = {"html": ("text/html; charset=utf-8", "html"), "markdown": ("text/markdown; charset=utf-8", "md"),
              "text": ("text/plain; charset=utf-8", "txt")}
#: What a catalog is sent as, by ``format``.
CATALOG_TYPES = {"po": "text/x-gettext-translation; charset=utf-8", "mo": "application/x-gettext-translation",
                 "xliff": "application/x-xliff+xml"}
SHOWN_BLOCKERS = 5


def page_format(fmt: str | None) -> str:
    """``fmt`` if it is a page format (html by default); ``InputError`` otherwise."""
    fmt = fmt or "html"
    if fmt not in PAGE_TYPES:
        raise InputError(f"unknown format {fmt!r}; expected one of: {', '.join(PAGE_TYPES)}")
    return fmt


def publish_blockers(project: Project, article_id: str, lang: str) -> list[str]:
    """Why the catalog cannot be published yet (none for a publishable catalog or the source language):
    each segment no person has translated yet."""
    project.require_article(article_id)
    article, _ = load_article(project.original_path(article_id))
    if lang == article.language:
        return []
    catalog = load_catalog(project.require_catalog(article_id, lang))
    if catalog.publication is not PublicationStatus.DRAFT:
        return []
    waiting = [u for u in catalog.active_units() if not u.state.is_translated]
    reasons = []
    for state in (SegmentState.UNTRANSLATED, SegmentState.MACHINE, SegmentState.NEEDS_EDITING):
        count = sum(1 for u in waiting if u.state is state)
        if count:
            reasons.append(f"{count} of {len(catalog.active_units())} segments are {state.label}")
    for unit in waiting[:SHOWN_BLOCKERS]:
        reasons.append(f"segment {unit.key} ({unit.state.label}): {unit.source[:80]}")
    return reasons or [f"{article_id} ({lang}) has no segments"]


def render_published(project: Project, article_id: str, lang: str, fmt: str = "html") -> str:
    """The published page, as ``tms render`` writes it; the caller checks ``publish_blockers`` first."""
    return render_article(project, article_id, lang, page_format(fmt))


def bundle(project: Project, article_id: str, fmt: str = "html") -> tuple[bytes, list[str]]:
    """A zip of the article in every publishable language (``{id}.{lang}.{ext}``, as the language
    switcher links them) with its embedded files; returns it and the languages in it."""
    project.require_article(article_id)
    fmt = page_format(fmt)
    article, _ = load_article(project.original_path(article_id))
    langs = [lang for lang in publishable_languages(project, article_id, article.language)
             if not publish_blockers(project, article_id, lang)]
    extension = PAGE_TYPES[fmt][1]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for lang in langs:
            archive.writestr(f"{article_id}.{lang}.{extension}", render_published(project, article_id, lang, fmt))
        folder = project.originals_dir / assets_folder(article_id)
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.is_file():
                    archive.write(path, f"{assets_folder(article_id)}/{path.name}")
    return buffer.getvalue(), langs


@dataclass(frozen=True)
class CatalogFile:
    """A catalog as a file to download."""

    data: bytes
    filename: str
    mimetype: str


def catalog_file(project: Project, article_id: str, lang: str, fmt: str) -> CatalogFile:
    """The catalog of ``article_id`` in ``lang`` as PO (as stored), MO (as ``tms compile`` writes it,
    machine output and segments needing edits left out) or XLIFF 1.2 (as ``tms export`` writes it)."""
    if fmt not in CATALOG_TYPES:
        raise InputError(f"unknown catalog format {fmt!r}; expected one of: {', '.join(CATALOG_TYPES)}")
    get_language(lang)
    path = project.require_catalog(article_id, lang)
    if fmt == "po":
        data = path.read_bytes()
    elif fmt == "mo":
        from tms.storage.mofile import format_mo

        data = format_mo(load_catalog(path))
    else:
        from tms.services.interchange import export_xliff

        data = export_xliff(project, article_id, lang)
    extension = "xlf" if fmt == "xliff" else fmt
    return CatalogFile(data, f"{article_id}.{lang}.{extension}", CATALOG_TYPES[fmt])
