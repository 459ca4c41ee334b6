"""Importing source articles and updating their catalogs when the originals change."""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tms.errors import Conflict, InputError, PartialFailure, TmsError
from tms.languages import get_language, targets_for
from tms.model import Article, Catalog
from tms.segmentation.segments import segment_blocks
from tms.services.merging import MergeReport, build_template, merge_catalog, new_catalog, template_headers
from tms.services.notifications import announce_article
from tms.storage import catalogs
from tms.storage.config import project_settings
from tms.storage.files import atomic_write, locked
from tms.storage.layout import Project, check_id
from tms.storage.originals import format_article, load_article, parse_article
from tms.storage.pofile import format_units, gettext_date, has_same_units
from tms.services.sources import Source, assets_folder, prepare_source


@dataclass
class ImportResult:
    """What importing or updating one article did."""

    article_id: str
    language: str
    original: str
    segments: int
    is_new: bool = True
    is_changed: bool = True
    merges: dict[str, MergeReport] = field(default_factory=dict)


def read_source(project: Project, path: Path) -> bytes:
    """The bytes of a source file, refusing missing, non-regular and oversized files."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    check_size(project, path.stat().st_size, str(path))
    return path.read_bytes()


def import_limit(project: Project) -> int:
    """The largest source file the project imports, in bytes (``[import] max_bytes``)."""
    return project_settings(project.config_path).import_.max_bytes


def check_size(project: Project, size: int, name: str) -> None:
    """``InputError`` if a source of ``size`` bytes is over the project's import limit."""
    limit = import_limit(project)
    if size > limit:
        raise InputError(f"{name}: {size:,} bytes is over the import limit of {limit:,} bytes "
                         "(raise [import] max_bytes in tms.toml if this is really one article)")


def import_source(project: Project, source: Source, *, keep_id: bool = False,
                  now: datetime | None = None) -> ImportResult:
    """Write one prepared source as a new article (the API's and the browser's import): an id derived from
    the title that is already an article's gets a number ("-2"); an id the caller chose (``keep_id``) that
    is already an article's is a ``Conflict`` (a new version goes through ``update_source``).

    Imports of different articles run side by side; two that want one id take turns on its lock, and the
    second finds it taken. The files are flushed to disk together before returning.
    """
    article = source.article
    while True:
        original = project.original_path(article.id)
        with locked(original):
            if not original.exists():
                result = write_article(project, article, now=now, assets=source.assets, durable=False)
                break
            if keep_id:
                raise Conflict(f"article {article.id!r} exists; send a new version of it as an update "
                               "(PUT /api/articles/ID/source) or choose another id")
        _make_unique(project, source, Path(article.id), {},
                     is_taken=lambda a, _path: project.original_path(a.id).exists())
    os.sync()   # one flush for the dozen files of the article instead of one each
    return result


def import_files(project: Project, paths: Sequence[Path], *, lang: str | None = None,
                 article_id: str | None = None, now: datetime | None = None) -> list[ImportResult]:
    """Import source files. A file that cannot be imported does not stop the others: they are written,
    and ``PartialFailure`` then names each file that failed and why. An id derived from a title that is
    already another article's, or another file's of the batch, gets a number ("-2"); an id given with
    ``article_id`` is never changed."""
    if article_id and len(paths) > 1:
        raise InputError("--id names one article; import one file at a time with it")
    failures: list[tuple[str, TmsError]] = []
    sources: list[tuple[Path, Source]] = []
    for path in paths:
        try:
            sources.append((path, prepare_source(read_source(project, path), str(path), lang=lang,
                                                 article_id=article_id)))
        except TmsError as exc:
            failures.append((str(path), exc))
    results: list[ImportResult] = []
    taken: dict[str, str] = {}
    for path, source in sources:
        try:
            if not article_id:
                _make_unique(project, source, path, taken)
            _check_collision(project, source.article, path)
            taken[source.article.id] = str(path)
            results.append(write_article(project, source.article, now=now, durable=False, assets=source.assets))
        except TmsError as exc:
            failures.append((str(path), exc))
    os.sync()  # one flush for the whole batch instead of one per file
    if failures:
        if len(paths) == 1:
            raise failures[0][1]
        raise PartialFailure(results, failures)
    return results


def _make_unique(project: Project, source: Source, path: Path, taken: dict[str, str], *,
                 is_taken=None) -> None:
    """Give a derived id a number when another file of the batch, or another source, already has it."""
    article = source.article
    is_taken = is_taken or (lambda a, p: _is_taken(project, a, p))
    base, number = article.id, 1
    while article.id in taken or is_taken(article, path):
        number += 1
        article.id = check_id(f"{base[:116]}-{number}")
    if article.id != base and source.assets:
        for block in article.blocks:
            for attrs in [block.attrs] + [t.attrs for t in block.tags.values()]:
                if attrs.get("src", "").startswith(f"{assets_folder(base)}/"):
                    attrs["src"] = assets_folder(article.id) + attrs["src"][len(assets_folder(base)):]


def _is_taken(project: Project, article: Article, path: Path) -> bool:
    try:
        _check_collision(project, article, path)
    except Conflict:
        return True
    return False


def _check_collision(project: Project, article: Article, path: Path) -> None:
    existing = project.original_path(article.id)
    if not existing.exists():
        return
    old, _ = load_article(existing)
    if old.meta.source_name != article.meta.source_name or old.language != article.language:
        raise Conflict(
            f"{path}: id {article.id!r} is taken by {project.relative(existing)} "
            f"(imported from {old.meta.source_name or 'another file'}); choose another with --id"
        )


def write_article(project: Project, article: Article, *, now: datetime | None = None,
                  block_lines: Sequence[int] | None = None, force: bool = False,
                  durable: bool = True, assets: dict[str, bytes] | None = None) -> ImportResult:
    """Write the cleaned original, its template and one catalog per target language, merging old ones.

    Every catalog is read and merged before the first file is written, so a corrupt catalog stops the
    import with nothing changed; the catalogs stay locked until all are written.
    """
    original = project.original_path(article.id)
    pot_path = project.pot_path(article.id)
    is_new = not pot_path.exists()
    text, lines = format_article(article)
    # Segments come from the original as it is stored, so that rendering and updating, which read it
    # back, find the very same segments.
    stored = article if block_lines is not None else parse_article(text, str(original))[0]
    segments = segment_blocks(stored.blocks, article.language, block_lines or lines)
    settings = project_settings(project.config_path)
    created = gettext_date(now)
    reference = project.relative(original)
    template = build_template(article, segments, reference,
                              template_headers(article, settings.project.name, created))
    template.wrap_width = settings.catalogs.wrap or 0
    units_text = format_units(template.units, template.wrap_width)
    result = ImportResult(article.id, article.language, reference, len(segments), is_new=is_new)
    if not is_new and not force and has_same_units(pot_path, units_text, template.is_source_unofficial):
        result.is_changed = False
    po_paths = {lang: project.po_path(article.id, lang) for lang in targets_for(article.language)}
    with contextlib.ExitStack() as stack:
        drafts: dict[str, catalogs.CatalogDraft] = {}
        fresh: dict[str, Catalog] = {}
        for lang in sorted(po_paths):
            po_path = po_paths[lang]
            if not po_path.exists():
                stack.enter_context(locked(po_path))
                fresh[lang] = new_catalog(template, lang, copy_units=False)
            elif result.is_changed:
                drafts[lang] = draft = stack.enter_context(catalogs.edit(po_path, durable=durable,
                                                                         wrap=settings.catalogs.wrap))
                merged, report = merge_catalog(draft.catalog, template)
                merged.headers["PO-Revision-Date"] = created
                if settings.catalogs.wrap is not None:
                    merged.wrap_width = settings.catalogs.wrap
                result.merges[lang] = report
                draft.replace_catalog(merged)
        for name, data in (assets or {}).items():
            atomic_write(original.parent / assets_folder(article.id) / name, data, durable=durable)
        if block_lines is None and (is_new or not original.exists()
                                    or original.read_text(encoding="utf-8") != text):
            atomic_write(original, text, durable=durable)
        if result.is_changed:
            catalogs.create(pot_path, template, units_text=units_text, durable=durable)
        for lang, catalog in fresh.items():
            catalogs.create(po_paths[lang], catalog, units_text=units_text, durable=durable)
        # the merged catalogs are written as their drafts are closed, before the locks are let go
    if is_new:
        announce_article(project, article.id, article.meta.title, po_paths)
    return result


def update_articles(project: Project, ids: Iterable[str] = (), *, now: datetime | None = None,
                    force: bool = False) -> list[ImportResult]:
    """Re-segment the originals (all, or those named) and merge every catalog whose article changed."""
    chosen = list(ids) or _original_ids(project)
    results = []
    for article_id in chosen:
        path = project.original_path(article_id)
        if not path.exists():
            raise InputError(f"unknown article {article_id!r}: no {project.relative(path)}")
        article, block_lines = load_article(path)
        if article.id != article_id:
            raise InputError(f"{project.relative(path)}:2: front matter says id {article.id!r}, "
                             f"but the file is named for {article_id!r}")
        get_language(article.language)
        results.append(write_article(project, article, now=now, block_lines=block_lines, force=force,
                                     durable=False))
    os.sync()
    return results


def _original_ids(project: Project) -> list[str]:
    if not project.originals_dir.is_dir():
        return []
    return sorted(p.stem for p in project.originals_dir.glob("*.md"))
