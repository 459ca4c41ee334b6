"""The one way in and out of a catalog for the services: ``read`` a shared view, or ``edit`` under the lock.

    catalog = catalogs.read(path)               # read-only, shared by every caller in the process
    catalog = catalogs.load(path)               # a private parse, for a pass over many catalogs

    with catalogs.edit(path) as draft:          # the file's lock is held for the block
        unit = draft.unit(key)                  # a private copy, free to change
        unit.target = "..."
        draft.catalog.headers["PO-Revision-Date"] = gettext_date()
    # written (atomically, only the changed entries formatted anew) if anything changed; the shared
    # view is current

Leaving the block with an exception writes nothing. ``read`` parses a file once per version of its text
(see ``tms.storage.catalogcache``), so a page that needs the catalog several times costs one parse.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from tms.model import Catalog
from tms.storage import catalogcache
from tms.storage.catalogcache import CatalogDraft
from tms.storage.files import flush_folder, locked
from tms.storage.pofile import load_catalog, save_catalog

__all__ = ["CatalogDraft", "create", "edit", "forget", "load", "read"]


def read(path: Path) -> Catalog:
    """The catalog at ``path`` as a view shared in this process: never change it (``edit`` to change)."""
    return catalogcache.read_shared(Path(path))


@contextlib.contextmanager
def edit(path: Path, *, durable: bool = True, wrap: int | None = None) -> Iterator[CatalogDraft]:
    """Lock the catalog at ``path``, yield a draft of it, and save the draft on leaving if it changed.

    ``durable``: flush the file to disk before the rename, and the folder after it once the lock is released
    (bulk jobs turn it off and sync once at the end);
    ``wrap``: the page width the changed entries are written at (``[catalogs] wrap``); None keeps the file's.
    """
    path = Path(path)
    draft = None
    try:
        with locked(path):
            draft = CatalogDraft(path, defer_folder_flush=True)
            if wrap is not None:
                draft.catalog.wrap_width = wrap
            yield draft
            if draft.is_changed:
                draft.save(durable=durable)
    finally:
        if draft is not None and draft.folder_unflushed:
            # After the lock: the next writer of the catalog need not wait for the disk; the caller still does.
            flush_folder(path.parent)


def load(path: Path) -> Catalog:
    """A private parse of the catalog at ``path``, not kept: for a pass over many catalogs (statistics,
    compiling, an export), which would only push the catalogs being edited out of the shared cache."""
    return load_catalog(Path(path))


def create(path: Path, catalog: Catalog, *, units_text: str | None = None, durable: bool = True) -> None:
    """Write a new catalog (or template) to ``path``; the caller holds its lock. ``units_text``: the entries
    already formatted (``tms.storage.pofile.format_units``), shared by the catalogs of one import."""
    save_catalog(Path(path), catalog, units_text=units_text, durable=durable)
    catalogcache.forget(Path(path))


def forget(path: Path | None = None) -> None:
    """Drop what this process keeps of ``path`` (of every catalog when None)."""
    catalogcache.forget(path)
