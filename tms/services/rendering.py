"""Rebuilding an article in one language from its catalog, as HTML, plain text or Markdown.

Each segment's location (role, block, sentence, list level and marker, glued or not) puts it back in
its block, and sentences join as ``tms.segmentation.segments.join_sentences`` joins them; the date,
and a byline known only from the page's metadata, come from ``originals/<id>.md``. Every translation
that is not certified official carries the notice "unofficial translation" in its own language, and
the language switcher lists the languages with a publishable translation (unofficial or official)
plus the source.
"""
from __future__ import annotations

import datetime
import html
import re
import string
from dataclasses import dataclass, field

import yaml
from babel.dates import format_date

from tms.checks.text import is_unspaced_char
from tms.errors import CatalogError, InputError
from tms.languages import CODES, Language, get_language
from tms.model import ArticleMeta, Block, Catalog, PublicationStatus, Role, Unit
from tms.segmentation.segments import join_sentences
from tms.services.page_labels import NOT_YET_TRANSLATED, OTHER_LANGUAGES, UNOFFICIAL_TRANSLATION, label
from tms.services.stats import stats_for
from tms.storage.config import load_settings
from tms.storage.layout import Project
from tms.storage.originals import format_blocks, load_article
from tms.storage.pofile import load_catalog

FORMATS = ("html", "text", "markdown")
#: Languages written without spaces between sentences.
UNSPACED_LANGUAGES = frozenset({"ja", "zh"})
DEFAULT_LINK_PATTERN = "{id}.{lang}.html"
#: How many untranslated segments the refusal quotes.
SHOWN_UNTRANSLATED = 3

_NUMBERED = re.compile(r"^\(?(\d{1,3})[.)]?$")


@dataclass
class Piece:
    """One sentence of a block: its text, and whether it is the source standing in for a translation."""

    text: str
    is_glued: bool = False
    is_untranslated: bool = False


@dataclass
class PageBlock:
    """One block of the rendered article."""

    role: Role
    level: int = 0
    marker: str = ""
    pieces: list[Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The block's text with its sentences joined."""
        return join_sentences([(p.text, p.is_glued) for p in self.pieces])


def _glue_unspaced(pieces: list[Piece]) -> None:
    """Japanese and Chinese put no space between sentences: glue those that meet at a CJK character."""
    for previous, piece in zip(pieces, pieces[1:]):
        if previous.text and piece.text and (_is_cjk(previous.text[-1]) or _is_cjk(piece.text[0])):
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

    @property
    def has_title_block(self) -> bool:
        """True if the article has a title block; some open with a lead paragraph that doubles as title."""
        return any(b.role is Role.TITLE for b in self.blocks)


# -- building the page ------------------------------------------------------------------------------
def link_pattern(project: Project, override: str | None = None) -> str:
    """The switcher's link pattern: ``override``, else ``[render] link_pattern`` in tms.toml, else the default."""
    settings = load_settings(project.config_path)
    pattern = override or settings.get("render", {}).get("link_pattern") or DEFAULT_LINK_PATTERN
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
    article, _ = load_article(project.original_path(article_id))
    source = get_language(article.language)
    pattern = link_pattern(project, links)
    if lang == article.language:
        path = project.pot_path(article_id)
        catalog = load_catalog(path)
        publication = None
    else:
        path = project.require_catalog(article_id, lang)
        catalog = load_catalog(path)
        publication = catalog.publication
    blocks, missing = _blocks(catalog, path, is_source=publication is None)
    if missing and not allow_partial:
        raise InputError(_refusal(project, path, missing, len(catalog.active_units())))
    page = Page(article_id, language, source, blocks, publication=publication, untranslated=len(missing))
    _add_metadata(page, article.meta, blocks)
    page.title = _title(catalog, article.meta, blocks, is_source=publication is None) or article_id
    is_unofficial = (publication is not PublicationStatus.OFFICIAL) if publication else article.meta.is_unofficial_translation
    page.notice = label(UNOFFICIAL_TRANSLATION, lang) if is_unofficial else ""
    page.links = _links(project, article_id, article.language, lang, pattern)
    return page


def _blocks(catalog: Catalog, path, *, is_source: bool) -> tuple[list[PageBlock], list[Unit]]:
    """The blocks rebuilt from the units' locations, and the units that have no translation."""
    units = catalog.active_units()
    for unit in units:
        if unit.location is None:
            raise CatalogError(path, f"the segment {unit.source[:40]!r} has no '#. tms:' location comment; "
                                     "run tms update to restore it")
    blocks: dict[int, PageBlock] = {}
    missing: list[Unit] = []
    for unit in sorted(units, key=lambda u: (u.location.block, u.location.sentence)):
        loc = unit.location
        block = blocks.setdefault(loc.block, PageBlock(loc.role, loc.level, loc.marker))
        block.marker = block.marker or loc.marker
        text = unit.source if is_source else unit.target
        if not text:
            missing.append(unit)
        block.pieces.append(Piece(text or unit.source, loc.is_glued, is_untranslated=not text))
    ordered = [blocks[number] for number in sorted(blocks)]
    if not is_source:
        _space_for_target(ordered, catalog.source_language, catalog.language or "")
    return ordered, missing


def _space_for_target(blocks: list[PageBlock], source_language: str, lang: str) -> None:
    """Sentences of a translation meet as the target language writes them, not as the source did."""
    for block in blocks:
        if lang in UNSPACED_LANGUAGES:
            _glue_unspaced(block.pieces)
        elif source_language in UNSPACED_LANGUAGES:
            for piece in block.pieces:
                piece.is_glued = False


def _refusal(project: Project, path, missing: list[Unit], total: int) -> str:
    quoted = ", ".join(
        f"“{_short(u.source)}” ({u.references[0] if u.references else u.key})" for u in missing[:SHOWN_UNTRANSLATED])
    more = f" and {len(missing) - SHOWN_UNTRANSLATED} more" if len(missing) > SHOWN_UNTRANSLATED else ""
    return (f"{project.relative(path)}: {len(missing)} of {total} segments are untranslated: {quoted}{more}; "
            "translate them, or render with --allow-partial to show the source text in their place")


def _short(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _title(catalog: Catalog, meta: ArticleMeta, blocks: list[PageBlock], *, is_source: bool) -> str:
    """The title block's text; else the translation of the segment that is the title; else the title as is."""
    title = next((b.text for b in blocks if b.role is Role.TITLE), "")
    if title or not meta.title:
        return title
    unit = next((u for u in catalog.active_units() if u.source == meta.title), None)
    if unit is not None and (unit.target or is_source):
        return unit.source if is_source else unit.target
    return meta.title


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
    """The source language and every language whose catalog is publishable (unofficial or official)."""
    # The statistics service caches each catalog's publication status, as the dashboard shows it.
    pairs = [(article_id, code) for code in project.catalog_languages(article_id)]
    publishable = {s.language for s in stats_for(project, pairs) if s.publication is not PublicationStatus.DRAFT}
    found = {source_language} | publishable
    return [code for code in CODES if code in found]


def _links(project: Project, article_id: str, source_language: str, lang: str, pattern: str) -> list[LanguageLink]:
    codes = publishable_languages(project, article_id, source_language)
    if lang not in codes:
        codes = [code for code in CODES if code in codes or code == lang]
    return [LanguageLink(code, get_language(code).native_name, pattern.format(id=article_id, lang=code),
                         get_language(code).direction, code == lang) for code in codes]


# -- HTML -------------------------------------------------------------------------------------------
_STYLE = """\
body{max-width:42em;margin:0 auto;padding:1em;font-family:sans-serif;line-height:1.6;overflow-wrap:break-word}
.notice{border:1px solid #b58900;background:#fdf6e3;padding:.4em .8em;font-weight:bold}
.untranslated{background:#fff3cd;outline:1px dashed #b58900}
.languages ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1em}
li[data-marker]::marker{content:attr(data-marker) " "}
.byline,.credit,.date{color:#555}"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _html_text(block: PageBlock, page: Page) -> str:
    out = []
    for index, piece in enumerate(block.pieces):
        if index and not piece.is_glued:
            out.append(" ")
        if piece.is_untranslated:
            source = page.source_language
            direction = f' dir="{source.direction}"' if source.direction != page.language.direction else ""
            out.append(f'<span class="untranslated" lang="{source.code}"{direction} '
                       f'title="{_esc(label(NOT_YET_TRANSLATED, page.language.code))}">{_esc(piece.text)}</span>')
        else:
            out.append(_esc(piece.text))
    return "".join(out)


def _html_date(page: Page) -> str:
    return f'<p class="date"><time datetime="{_esc(page.date_iso)}">{_esc(page.date_text)}</time></p>'


def _html_block(block: PageBlock, page: Page) -> str:
    text = _html_text(block, page)
    if block.role is Role.TITLE:
        date = f"\n{_html_date(page)}" if page.date_text else ""
        return f"<header>\n<h1>{text}</h1>{date}\n</header>"
    if block.role is Role.HEADING:
        depth = min(block.level + 2, 6)
        return f"<h{depth}>{text}</h{depth}>"
    if block.role in (Role.CAPTION, Role.BYLINE, Role.CREDIT):
        return f'<p class="{block.role.value}">{text}</p>'
    return f"<p>{text}</p>"


def _html_list(items: list[PageBlock], page: Page) -> list[str]:
    """Nested lists: ``<ol>`` keeps the numbers as written, ``<ul>`` shows other markers through CSS."""
    out: list[str] = []
    open_lists: list[tuple[int, str]] = []
    for item in items:
        while open_lists and open_lists[-1][0] > item.level:
            out.append(f"</li></{open_lists.pop()[1]}>")
        if open_lists and open_lists[-1][0] == item.level:
            out.append("</li>")
        else:
            tag = "ol" if _NUMBERED.match(item.marker) else "ul"
            out.append(f"<{tag}>")
            open_lists.append((item.level, tag))
        number = _NUMBERED.match(item.marker)
        attribute = (f' value="{number.group(1)}"' if number and open_lists[-1][1] == "ol"
                     else f' data-marker="{_esc(item.marker)}"' if item.marker else "")
        out.append(f"<li{attribute}>{_html_text(item, page)}")
    while open_lists:
        out.append(f"</li></{open_lists.pop()[1]}>")
    return out


def _html_switcher(page: Page) -> str:
    if len(page.links) < 2:
        return ""
    heading = label(OTHER_LANGUAGES, page.language.code)
    items = []
    for link in page.links:
        direction = f' dir="{link.direction}"' if link.direction != page.language.direction else ""
        current = ' aria-current="page"' if link.is_current else ""
        items.append(f'<li><a href="{_esc(link.href)}" hreflang="{link.code}" lang="{link.code}"{direction}'
                     f'{current}>{_esc(link.native_name)}</a></li>')
    return (f'<nav class="languages" aria-label="{_esc(heading)}">\n<p>{_esc(heading)}</p>\n<ul>\n'
            + "\n".join(items) + "\n</ul>\n</nav>")


def render_html(page: Page) -> str:
    """The page as a complete HTML document; every text is escaped."""
    lang, direction = page.language.code, page.language.direction
    head = ['<meta charset="utf-8">', f"<title>{_esc(page.title)}</title>",
            '<meta name="viewport" content="width=device-width, initial-scale=1">']
    head += [f'<link rel="alternate" hreflang="{link.code}" href="{_esc(link.href)}">' for link in page.links]
    head.append(f"<style>\n{_STYLE}\n</style>")
    status = page.publication.value if page.publication else "source"
    body = [f'<article data-article="{_esc(page.article_id)}" data-publication="{status}">']
    if page.notice:
        body.append(f'<p class="notice" role="note">{_esc(page.notice)}</p>')
    if page.date_text and not page.has_title_block:
        body.append(f"<header>\n{_html_date(page)}\n</header>")
    index = 0
    while index < len(page.blocks):
        block = page.blocks[index]
        if block.role is Role.LIST_ITEM:
            run = []
            while index < len(page.blocks) and page.blocks[index].role is Role.LIST_ITEM:
                run.append(page.blocks[index])
                index += 1
            body += _html_list(run, page)
            continue
        body.append(_html_block(block, page))
        index += 1
    if page.byline:
        body.append(f'<p class="byline">{_esc(page.byline)}</p>')
    body.append("</article>")
    switcher = _html_switcher(page)
    if switcher:
        body.append(switcher)
    return (f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}">\n<head>\n' + "\n".join(head)
            + "\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


# -- text and Markdown --------------------------------------------------------------------------------
def _plain(block: PageBlock, source: str) -> str:
    return join_sentences([(f"[[{source}: {p.text}]]" if p.is_untranslated else p.text, p.is_glued)
                           for p in block.pieces])


def render_text(page: Page) -> str:
    """The page as plain text: notice, title, date, then one block a paragraph, and the switcher."""
    parts = [f"* {page.notice}"] if page.notice else []
    if page.date_text and not page.has_title_block:
        parts.append(page.date_text)
    for block in page.blocks:
        text = _plain(block, page.source_language.code)
        if block.role is Role.LIST_ITEM:
            text = f"{'    ' * block.level}{block.marker or '-'} {text}"
        parts.append(text)
        if block.role is Role.TITLE and page.date_text:
            parts.append(page.date_text)
    if page.byline:
        parts.append(page.byline)
    if len(page.links) > 1:
        names = " | ".join(link.native_name for link in page.links)
        parts.append(f"{label(OTHER_LANGUAGES, page.language.code)}: {names}")
    return "\n\n".join(parts) + "\n"


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]])")


def _markdown_escape(text: str) -> str:
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))


def render_markdown(page: Page) -> str:
    """The page as Markdown with YAML front matter, in the block syntax of ``originals/<id>.md``."""
    source = page.source_language.code

    def inline(block: PageBlock) -> str:
        return join_sentences([(f'<span class="untranslated" lang="{source}">{_markdown_escape(p.text)}</span>'
                                if p.is_untranslated else _markdown_escape(p.text), p.is_glued)
                               for p in block.pieces])

    blocks = [Block(b.role, inline(b), b.level, b.marker) for b in page.blocks]
    if page.byline:
        blocks.append(Block(Role.BYLINE, _markdown_escape(page.byline)))
    body = format_blocks(blocks)
    front = {"id": page.article_id, "language": page.language.code, "direction": page.language.direction,
             "title": page.title, "date": page.date_iso, "date_text": page.date_text,
             "publication": page.publication.value if page.publication else "source"}
    if page.notice:
        front["notice"] = page.notice
    front["translations"] = [{"language": link.code, "name": link.native_name, "href": link.href}
                             for link in page.links]
    parts = ["---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000) + "---"]
    if page.notice:
        parts.append(f"**{_markdown_escape(page.notice)}**")
    parts.append(body.rstrip("\n"))
    if len(page.links) > 1:
        links = " · ".join(f"[{_markdown_escape(link.native_name)}](<{link.href}>)" for link in page.links)
        parts.append(f"{_markdown_escape(label(OTHER_LANGUAGES, page.language.code))}: {links}")
    return "\n\n".join(parts) + "\n"


_RENDERERS = {"html": render_html, "text": render_text, "markdown": render_markdown}


def render_article(project: Project, article_id: str, lang: str, fmt: str = "html", *,
                   allow_partial: bool = False, links: str | None = None) -> str:
    """The article rendered in ``lang`` as ``fmt`` (html, text or markdown)."""
    if fmt not in _RENDERERS:
        raise InputError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    return _RENDERERS[fmt](build_page(project, article_id, lang, allow_partial=allow_partial, links=links))
