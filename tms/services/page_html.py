"""A rendered article as a complete HTML document: headline, date, notice, body with its inline markup,
lists, quotes, tables, figures and embedded media, and the language switcher. Every text is escaped; the
only markup that is not tms's own is embedded media, sanitised again here."""
from __future__ import annotations

import html
from itertools import groupby

from tms import inline
from tms.model import Role
from tms.services.page_labels import NOT_YET_TRANSLATED, OTHER_LANGUAGES, label
from tms.services.rendering import Marker, Page, PageBlock, Piece, is_numbered

_STYLE = """\
body{max-width:42em;margin:0 auto;padding:1em;font-family:sans-serif;line-height:1.6;overflow-wrap:break-word}
.notice{border:1px solid #b58900;background:#fdf6e3;padding:.4em .8em;font-weight:bold}
.untranslated{background:#fff3cd;outline:1px dashed #b58900}
.languages ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1em}
li[data-marker]::marker{content:attr(data-marker) " "}
.byline,.credit,.date{color:#555}
figure{margin:1em 0}figure img{max-width:100%;height:auto}figcaption{color:#555;font-size:.9em}
blockquote{margin:1em 0;padding-left:1em;border-left:3px solid #ccc}
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _marker(page: Page) -> Marker:
    """Source text standing in for a translation, in a span that says so in the page's language."""
    source = page.source_language
    direction = f' dir="{source.direction}"' if source.direction != page.language.direction else ""
    opening = (f'<span class="untranslated" lang="{source.code}"{direction} '
               f'title="{_esc(label(NOT_YET_TRANSLATED, page.language.code))}">')

    def mark(piece: Piece):
        return ("<x1/>", {1: inline.Tag("x", {"html": opening})}), ("<x1/>", {1: inline.Tag("x", {"html": "</span>"})})

    return mark


def _inline_html(block: PageBlock, page: Page) -> str:
    text, tags = block.content(_marker(page))
    return inline.to_html(text, tags, urls=page.urls)


def _html_date(page: Page) -> str:
    return f'<p class="date"><time datetime="{_esc(page.date_iso)}">{_esc(page.date_text)}</time></p>'


def _html_block(block: PageBlock, page: Page) -> str:
    text = _inline_html(block, page)
    if block.role is Role.TITLE:
        date = f"\n{_html_date(page)}" if page.date_text else ""
        return f"<header>\n<h1>{text}</h1>{date}\n</header>"
    if block.role is Role.HEADING:
        depth = min(block.level + 2, 6)
        return f"<h{depth}>{text}</h{depth}>"
    if block.role in (Role.CAPTION, Role.BYLINE, Role.CREDIT):
        return f'<p class="{block.role.value}">{text}</p>'
    if block.role is Role.EMBED:
        return embed_html(block.attrs.get("html", ""))
    return f"<p>{text}</p>"


def embed_html(markup: str) -> str:
    """Embedded media as stored in the original, rebuilt with only the elements and attributes tms keeps."""
    from lxml import html as lxml_html

    from tms.segmentation.html_walk import sanitized_embed

    try:
        fragments = lxml_html.fragments_fromstring(markup) if markup.strip() else []
    except Exception:   # a hand-edited original may hold anything; what cannot be read is left out
        return ""
    return "".join(sanitized_embed(f) for f in fragments if not isinstance(f, str))


def _figure(image: PageBlock, caption: PageBlock | None, page: Page) -> str:
    alt = image.text if image.pieces else image.attrs.get("alt", "")
    src = page.urls(inline.safe_url(image.attrs.get("src", "")))
    title = f' title="{_esc(image.attrs["title"])}"' if image.attrs.get("title") else ""
    figcaption = f"\n<figcaption>{_inline_html(caption, page)}</figcaption>" if caption else ""
    return f'<figure>\n<img src="{_esc(src)}" alt="{_esc(alt)}"{title}>{figcaption}\n</figure>'


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
            tag = "ol" if is_numbered(item.marker) else "ul"
            out.append(f"<{tag}>")
            open_lists.append((item.level, tag))
        number = is_numbered(item.marker)
        attribute = (f' value="{number.group(1)}"' if number and open_lists[-1][1] == "ol"
                     else f' data-marker="{_esc(item.marker)}"' if item.marker else "")
        out.append(f"<li{attribute}>{_inline_html(item, page)}")
    while open_lists:
        out.append(f"</li></{open_lists.pop()[1]}>")
    return out


def _html_table(cells: list[PageBlock], page: Page) -> list[str]:
    """A table: the rows of header cells at its top in ``<thead>``, spans as the source had them."""
    rows = [list(row) for _, row in groupby(cells, key=lambda b: b.cell.row)]
    headers = 0
    while headers < len(rows) and all(b.cell.is_header for b in rows[headers]):
        headers += 1
    out = ["<table>"]
    for number, row in enumerate(rows):
        if number == 0 and headers:
            out.append("<thead>")
        if number == headers:
            out.append("<tbody>")
        out.append("<tr>" + "".join(_html_cell(cell, page) for cell in row) + "</tr>")
        if number == headers - 1:
            out.append("</thead>")
    if len(rows) > headers:
        out.append("</tbody>")
    out.append("</table>")
    return out


def _html_cell(block: PageBlock, page: Page) -> str:
    cell = block.cell
    tag = "th" if cell.is_header else "td"
    spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
        f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
    return f"<{tag}{spans}>{_inline_html(block, page)}</{tag}>"


def _body(page: Page) -> list[str]:
    """The article's blocks: lists, tables and figures gathered, block quotes opened and closed."""
    out: list[str] = []
    depth = 0
    blocks = page.blocks
    index = 0
    while index < len(blocks):
        block = blocks[index]
        while depth < block.quote:
            out.append("<blockquote>")
            depth += 1
        while depth > block.quote:
            out.append("</blockquote>")
            depth -= 1
        run = _run(blocks, index)
        if block.role is Role.LIST_ITEM:
            out += _html_list(run, page)
        elif block.role is Role.TABLE_CELL:
            out += _html_table(run, page)
        elif block.role is Role.IMAGE:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            caption = following if following and following.role is Role.CAPTION and following.quote == block.quote else None
            out.append(_figure(block, caption, page))
            run = [block, caption] if caption else [block]
        else:
            out.append(_html_block(block, page))
        index += len(run)
    out += ["</blockquote>"] * depth
    return out


def _run(blocks: list[PageBlock], index: int) -> list[PageBlock]:
    """The block at ``index`` and those after it that belong to the same list or table."""
    first = blocks[index]
    end = index + 1
    if first.role is Role.LIST_ITEM:
        while end < len(blocks) and blocks[end].role is Role.LIST_ITEM and blocks[end].quote == first.quote:
            end += 1
    elif first.role is Role.TABLE_CELL:
        while (end < len(blocks) and blocks[end].role is Role.TABLE_CELL and blocks[end].cell
               and blocks[end].cell.table == first.cell.table):
            end += 1
    return blocks[index:end]


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
    body += _body(page)
    if page.byline:
        body.append(f'<p class="byline">{_esc(page.byline)}</p>')
    body.append("</article>")
    switcher = _html_switcher(page)
    if switcher:
        body.append(switcher)
    return (f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}">\n<head>\n' + "\n".join(head)
            + "\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")
