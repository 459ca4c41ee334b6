"""A rendered article as plain text, and as Markdown in the block syntax of ``originals/<id>.md``."""
from __future__ import annotations

import yaml

from tms import inline, inline_markdown
from tms.model import Block, Role
from tms.services.page_labels import OTHER_LANGUAGES, label
from tms.services.rendering import Page, PageBlock, Piece
from tms.storage.originals import format_blocks


def _plain(block: PageBlock, source: str) -> str:
    def mark(piece: Piece):
        return (f"[[{source}: ", {}), ("]]", {})

    return inline.plain(block.content(mark)[0])


def render_text(page: Page) -> str:
    """The page as plain text: notice, title, date, then one block a paragraph (a table row a line,
    its cells between bars; an image by its alt text in brackets), and the switcher."""
    parts = [f"* {page.notice}"] if page.notice else []
    if page.date_text and not page.has_title_block:
        parts.append(page.date_text)
    source = page.source_language.code
    for index, block in enumerate(page.blocks):
        text = _plain(block, source)
        previous = page.blocks[index - 1] if index else None
        if block.role is Role.TABLE_CELL:
            is_same_row = (previous is not None and previous.cell is not None and previous.cell.table == block.cell.table
                           and previous.cell.row == block.cell.row)
            if is_same_row:
                parts[-1] += f" | {text}"
                continue
            text = f"| {text}"
        elif block.role is Role.IMAGE:
            alt = text if block.pieces else block.attrs.get("alt", "")
            text = f"[{alt}]" if alt else ""
        elif block.role is Role.EMBED:
            text = ""
        elif block.role is Role.LIST_ITEM:
            text = f"{'    ' * block.level}{block.marker or '-'} {text}"
        if not text:
            continue
        parts.append(f"{'> ' * block.quote}{text}")
        if block.role is Role.TITLE and page.date_text:
            parts.append(page.date_text)
    if page.byline:
        parts.append(page.byline)
    if len(page.links) > 1:
        names = " | ".join(link.native_name for link in page.links)
        parts.append(f"{label(OTHER_LANGUAGES, page.language.code)}: {names}")
    return "\n\n".join(parts) + "\n"


def render_markdown(page: Page) -> str:
    """The page as Markdown with YAML front matter, in the block syntax of ``originals/<id>.md``."""
    opening = f'<span class="untranslated" lang="{page.source_language.code}">'

    def mark(piece: Piece):
        return ("<x1/>", {1: inline.Tag("x", {"html": opening})}), ("<x1/>", {1: inline.Tag("x", {"html": "</span>"})})

    blocks = []
    for block in page.blocks:
        text, tags = block.content(mark)
        tags = {number: _with_address(tag, page) for number, tag in tags.items()}
        attrs = dict(block.attrs)
        if block.role is Role.IMAGE:
            attrs["src"] = page.urls(attrs.get("src", ""))
            text = inline.plain(text) if block.pieces else attrs.get("alt", "")
        blocks.append(Block(block.role, text, block.level, block.marker, tags, block.quote, block.cell, attrs))
    if page.byline:
        blocks.append(Block(Role.BYLINE, page.byline))
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
        parts.append(f"**{inline_markdown.markdown_escape(page.notice)}**")
    parts.append(body.rstrip("\n"))
    if len(page.links) > 1:
        links = " · ".join(f"[{inline_markdown.markdown_escape(link.native_name)}](<{link.href}>)" for link in page.links)
        parts.append(f"{inline_markdown.markdown_escape(label(OTHER_LANGUAGES, page.language.code))}: {links}")
    return "\n\n".join(parts) + "\n"


def _with_address(tag: inline.Tag, page: Page) -> inline.Tag:
    """A link or image tag with its address as the page publishes it."""
    key = "href" if tag.name == "a" else "src" if tag.name == "img" else ""
    if not key or not tag.attrs.get(key):
        return tag
    return inline.Tag(tag.name, {**tag.attrs, key: page.urls(tag.attrs[key])})
