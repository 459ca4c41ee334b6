"""Rebuilding an article in one language from its original and its catalog, as HTML, plain text or Markdown.

``originals/<id>.md`` is the skeleton: its blocks, segmented again exactly as at import, give the structure
(headings, lists, quotes, tables, images, embedded media) and the inline markup's attributes (link
addresses, image sources); each segment's translation comes from the catalog by its msgid and msgctxt,
and its inline tags are put back with the attributes of the source's tags. Sentences join as
``tms.segmentation.segments.join_sentences`` joins them, spaced as the target language writes. Every
translation that is not certified official carries the notice "unofficial translation" in its own
language, and the language switcher lists the languages with a publishable translation (unofficial or
official) plus the source. Links to other articles of the project (by the address in their front matter)
point at their translation in the page's language where it is publishable (``link_pattern``), as
Wikipedia's Content Translation adapts links; other relative links and image sources are resolved
against the article's own address.
"""
from __future__ import annotations

import datetime
import functools
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin

from babel.dates import format_date

from tms import inline
from tms.checks.text import is_unspaced_char
from tms.errors import CatalogError, InputError
from tms.languages import CODES, Language, get_language
from tms.model import (Article, ArticleMeta, Catalog, Cell, PublicationStatus, Role, SegmentState, StateCounts, Unit,
                       unit_key)
from tms.segmentation.segments import block_segments
from tms.services.page_labels import MACHINE_TRANSLATION, UNOFFICIAL_TRANSLATION, label
from tms.services.stats import stats_for
from tms.storage.config import project_settings
from tms.storage.layout import Project
from tms.storage.originals import load_article, read_front_matter
from tms.storage import catalogs

FORMATS = ("html", "text", "markdown")
#: Languages written without spaces between sentences.
UNSPACED_LANGUAGES = frozenset({"ja", "zh"})
DEFAULT_LINK_PATTERN = "{id}.{lang}.html"
#: How many untranslated segments the refusal quotes.
SHOWN_UNTRANSLATED = 3


@dataclass
class Piece:
    """One sentence of a block: its tagged text (the translation, or the source standing in for it), its
    tag table, and the standalone tags and line breaks before and after it (in the block's numbers)."""

    text: str
    tags: inline.Tags = field(default_factory=dict)
    is_glued: bool = False
    is_untranslated: bool = False
    lead: str = ""
    trail: str = ""


#: How a renderer marks source text standing in for a translation: the parts before and after it.
Marker = Callable[[Piece], tuple[tuple[str, inline.Tags], tuple[str, inline.Tags]]]


@dataclass
class PageBlock:
    """One block of the rendered article."""

    role: Role
    level: int = 0
    marker: str = ""
    pieces: list[Piece] = field(default_factory=list)
    tags: inline.Tags = field(default_factory=dict)     # the block's own table (leads, trails, ``source``)
    source: str = ""            # the block's tagged text in the source, shown where it has no segment
    quote: int = 0
    cell: Cell | None = None
    attrs: dict[str, str] = field(default_factory=dict)

    def content(self, mark: Marker | None = None) -> tuple[str, inline.Tags]:
        """The block's tagged text, sentences joined, and one table for all its tags."""
        if not self.pieces:
            return self.source, self.tags
        parts: list[tuple[str, inline.Tags]] = []
        for index, piece in enumerate(self.pieces):
            if index and not piece.is_glued:
                parts.append((" ", {}))
            parts.append((piece.lead, self.tags))
            before, after = mark(piece) if mark and piece.is_untranslated else (("", {}), ("", {}))
            parts += [before, (piece.text, piece.tags), after, (piece.trail, self.tags)]
        return inline.concat(parts)

    @property
    def text(self) -> str:
        """The block's text without markup."""
        return inline.plain(self.content()[0])


def _glue_unspaced(pieces: list[Piece]) -> None:
    """Japanese and Chinese put no space between sentences: glue those that meet at a CJK character."""
    for previous, piece in zip(pieces, pieces[1:]):
        before, after = inline.plain(previous.text), inline.plain(piece.text)
        if before and after and (_is_cjk(before[-1]) or _is_cjk(after[0])):
            piece.is_glued = True


def _is_cjk(char: str) -> bool:
    return is_unspaced_char(char) or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"


@dataclass
class LanguageLink:
    """One entry of the language switcher."""

    code: str
    native_name: str
    href: str
    direction: str
    is_current: bool = False


@dataclass
class Page:
    """Everything a renderer needs: the language, the blocks, the date, the notice and the switcher."""

    article_id: str
    language: Language
    source_language: Language
    blocks: list[PageBlock]
    date_iso: str = ""
    date_text: str = ""
    byline: str = ""                      # from the metadata, when no byline block was segmented
    publication: PublicationStatus | None = None   # None for the source itself
    notice: str = ""                      # "unofficial translation" in the page's language, or ""
    links: list[LanguageLink] = field(default_factory=list)
    untranslated: int = 0
    title: str = ""
    urls: Callable[[str], str] = str      # rewrites a link's or an image's address for this page

    @property
    def has_title_block(self) -> bool:
        """True if the article has a title block."""
        return any(b.role is Role.TITLE for b in self.blocks)


# -- building the page ------------------------------------------------------------------------------
def link_pattern(project: Project, override: str | None = None) -> str:
    """The switcher's link pattern: ``override``, else ``[render] link_pattern`` in tms.toml, else the default."""
    pattern = override or project_settings(project.config_path).section("render").get("link_pattern") \
        or DEFAULT_LINK_PATTERN
    where = "--link-pattern" if override else f"{project.config_path}: [render] link_pattern"
    if not isinstance(pattern, str):
        raise InputError(f"{where} must be a string such as {DEFAULT_LINK_PATTERN!r}")
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        raise InputError(f"{where}: {pattern!r} is not a valid pattern ({exc})") from None
    if "lang" not in fields or fields - {"id", "lang"}:
        raise InputError(f"{where}: {pattern!r} must contain {{lang}} and no fields but {{id}} and {{lang}}")
    return pattern


def build_page(project: Project, article_id: str, lang: str, *, allow_partial: bool = False,
               links: str | None = None) -> Page:
    """The article in ``lang`` as a ``Page``; ``InputError`` if segments are untranslated and not allowed."""
    project.require_article(article_id)
    language = get_language(lang)
    article, block_lines = load_article(project.original_path(article_id))
    source = get_language(article.language)
    pattern = link_pattern(project, links)
    if lang == article.language:
        path = project.pot_path(article_id)
        catalog = catalogs.read(path)
        publication = None
    else:
        path = project.require_catalog(article_id, lang)
        catalog = catalogs.read(path)
        publication = catalog.publication
    machine_allowed = publishes_machine_output(project)
    blocks, missing = _blocks(project, article, block_lines, catalog, path, is_source=publication is None,
                              is_machine_text=machine_allowed)
    if missing and not allow_partial:
        raise InputError(_refusal(project, path, missing, len(catalog.active_units()), machine_allowed))
    page = Page(article_id, language, source, blocks, publication=publication, untranslated=len(missing))
    _add_metadata(page, article.meta, blocks)
    page.title = next((b.text for b in blocks if b.role is Role.TITLE), "") or article.meta.title or article_id
    is_unofficial = (publication is not PublicationStatus.OFFICIAL) if publication else article.meta.is_unofficial_translation
    page.notice = label(UNOFFICIAL_TRANSLATION, lang) if is_unofficial else ""
    if publication is not None and any(u.state is SegmentState.MACHINE for u in catalog.active_units()):
        page.notice = label(MACHINE_TRANSLATION, lang)       # only where machine output may be published
    page.links = _links(project, article_id, article.language, lang, pattern)
    page.urls = _address_rewriter(project, article, lang, pattern)
    return page


def publishes_machine_output(project: Project) -> bool:
    """True if the project publishes machine output no person reviewed (``[publication]
    publish_machine_translation``); by default it does not: such a segment counts as untranslated."""
    return project_settings(project.config_path).publication.publish_machine_translation


def _blocks(project: Project, article: Article, block_lines: list[int], catalog: Catalog, path, *,
            is_source: bool, is_machine_text: bool = False) -> tuple[list[PageBlock], list[Unit]]:
    """The blocks of the original with each segment's text from the catalog, and the units without one
    (untranslated, or unreviewed machine output unless ``is_machine_text`` lets it stand)."""
    units = {unit.key: unit for unit in catalog.active_units()}
    original = project.relative(project.original_path(article.id))
    blocks: list[PageBlock] = []
    missing: list[Unit] = []
    for block, pairs in zip(article.blocks, block_segments(article.blocks, article.language, block_lines)):
        page_block = PageBlock(block.role, block.level, block.marker, tags=block.tags, source=block.text,
                               quote=block.quote, cell=block.cell, attrs=block.attrs)
        for piece, segment in pairs:
            unit = units.get(unit_key(segment.text, segment.context))
            if unit is None:
                raise CatalogError(path, f"has no entry for “{_short(segment.text)}” ({original}:"
                                         f"{segment.location.line}); run tms update to bring it up to date")
            text = unit.source if is_source else unit.target
            if unit.state is SegmentState.MACHINE and not is_source and not is_machine_text:
                text = ""
            if not text:
                missing.append(unit)
            page_block.pieces.append(Piece(text or unit.source, segment.tags, segment.location.is_glued,
                                           not text, piece.lead, piece.trail))
        blocks.append(page_block)
    if not is_source:
        _space_for_target(blocks, catalog.source_language, catalog.language or "")
    return blocks, missing


def _space_for_target(blocks: list[PageBlock], source_language: str, lang: str) -> None:
    """Sentences of a translation meet as the target language writes them, not as the source did."""
    for block in blocks:
        if lang in UNSPACED_LANGUAGES:
            _glue_unspaced(block.pieces)
        elif source_language in UNSPACED_LANGUAGES:
            for piece in block.pieces:
                piece.is_glued = False


def _refusal(project: Project, path, missing: list[Unit], total: int, machine_allowed: bool) -> str:
    quoted = ", ".join(
        f"“{_short(u.source)}” ({u.references[0] if u.references else u.key})" for u in missing[:SHOWN_UNTRANSLATED])
    more = f" and {len(missing) - SHOWN_UNTRANSLATED} more" if len(missing) > SHOWN_UNTRANSLATED else ""
    machine = sum(1 for u in missing if u.state is SegmentState.MACHINE)
    what = "untranslated" if not machine else (
        "unreviewed machine translation" if machine == len(missing) else
        f"untranslated or unreviewed machine translation ({machine} machine)")
    advice = "translate them" if not machine else "have a person translate or review them"
    if machine and not machine_allowed:
        advice += " (or set [publication] publish_machine_translation = true in tms.toml to publish machine output)"
    return (f"{project.relative(path)}: {len(missing)} of {total} segments are {what}: {quoted}{more}; "
            f"{advice}, or render with --allow-partial to show the source text in their place")


def _short(text: str, width: int = 50) -> str:
    text = inline.plain(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _add_metadata(page: Page, meta: ArticleMeta, blocks: list[PageBlock]) -> None:
    page.date_iso = meta.date
    try:
        date = datetime.date.fromisoformat(meta.date) if meta.date else None
    except ValueError:
        date = None
    page.date_text = format_date(date, "long", locale=page.language.code) if date else meta.date
    if meta.byline and not any(b.role is Role.BYLINE for b in blocks):
        page.byline = meta.byline


def publishable_languages(project: Project, article_id: str, source_language: str) -> list[str]:
    """The source language and every language whose catalog is publishable (unofficial or official; with
    unreviewed machine output only where the project publishes it)."""
    # The statistics service caches each catalog's publication status, as the dashboard shows it.
    pairs = [(article_id, code) for code in project.catalog_languages(article_id)]
    machine_allowed = publishes_machine_output(project)
    publishable = {s.language for s in stats_for(project, pairs) if s.publication is not PublicationStatus.DRAFT
                   and (machine_allowed or not s.by_state.get(SegmentState.MACHINE, StateCounts()).segments)}
    found = {source_language} | publishable
    return [code for code in CODES if code in found]


def _links(project: Project, article_id: str, source_language: str, lang: str, pattern: str) -> list[LanguageLink]:
    codes = publishable_languages(project, article_id, source_language)
    if lang not in codes:
        codes = [code for code in CODES if code in codes or code == lang]
    return [LanguageLink(code, get_language(code).native_name, pattern.format(id=article_id, lang=code),
                         get_language(code).direction, code == lang) for code in codes]


# -- addresses ---------------------------------------------------------------------------------------
def _address_rewriter(project: Project, article: Article, lang: str, pattern: str) -> Callable[[str], str]:
    """Resolve relative addresses against the article's own, and point links to another article of the
    project at its version in ``lang`` when that one is publishable."""
    base = article.meta.url
    known = _article_addresses(project.originals_dir, _folder_stamp(project.originals_dir))

    def rewrite(address: str) -> str:
        absolute = urljoin(base, address) if base else address
        other = known.get(_address_key(absolute))
        if other and other[0] != article.id and (
                lang == other[1] or lang in publishable_languages(project, other[0], other[1])):
            return pattern.format(id=other[0], lang=lang)
        return absolute

    return rewrite


def _address_key(address: str) -> str:
    """An address as compared with the articles' own: without fragment, scheme or trailing slash."""
    address = urldefrag(address.strip())[0]
    return re.sub(r"^https?://(?:www\.)?", "", address, flags=re.IGNORECASE).rstrip("/")


def _folder_stamp(folder: Path) -> tuple[int, int]:
    try:
        stat = folder.stat()
    except FileNotFoundError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_ino)


@functools.lru_cache(maxsize=8)
def _article_addresses(folder: Path, stamp: tuple[int, int]) -> dict[str, tuple[str, str]]:
    """The address of every original that has one, to its id and language (``stamp`` keys the cache: an
    article imported or removed changes the folder's time)."""
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        front = read_front_matter(path)
        if front.get("url") and front.get("id"):
            found[_address_key(str(front["url"]))] = (str(front["id"]), str(front.get("language", "")))
    return found


_NUMBERED = re.compile(r"^\(?(\d{1,3})[.)]?$")


def is_numbered(marker: str) -> re.Match | None:
    """The number of a list marker that is one ("3.", "(3)", "3)"), as a match; None otherwise."""
    return _NUMBERED.match(marker)


def render_article(project: Project, article_id: str, lang: str, fmt: str = "html", *,
                   allow_partial: bool = False, links: str | None = None) -> str:
    """The article rendered in ``lang`` as ``fmt`` (html, text or markdown)."""
    from tms.services.page_html import render_html
    from tms.services.page_text import render_markdown, render_text

    renderers = {"html": render_html, "text": render_text, "markdown": render_markdown}
    if fmt not in renderers:
        raise InputError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    return renderers[fmt](build_page(project, article_id, lang, allow_partial=allow_partial, links=links))
