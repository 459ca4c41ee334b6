"""The cleaned source article, ``originals/<id>.md``: YAML front matter for metadata, then the blocks.

The body is Markdown: CommonMark inline markup (links, emphasis, images, ``~~struck~~``, and HTML for
underline, sub- and superscripts), block quotes (``> ``), pipe tables, and Pandoc's fenced divs for the
roles Markdown has no syntax for::

    ---
    id: 2017-03-27-korea-and-the-international-community
    language: en
    date: '2017-03-27'
    ...
    ---

    # The title

    A paragraph, on one line, with a [link](https://www.korea.net/) and **strong** words.

    1. A list item, its marker as written.

        o A nested list item (four spaces a level).

    > A quoted paragraph.

    ![The alt text of an image](https://www.korea.net/photo.jpg "its title")

    ::: caption
    A photo caption.
    :::

    | Division | Contact |
    | --- | --- |
    | {colspan=2} A cell over two columns |

    ::: embed
    <iframe src="https://www.youtube.com/embed/xyz" title="video"></iframe>
    :::

A paragraph that would read as another kind of block is written with a leading backslash. A table
cell may start with ``{colspan=N rowspan=M th}``; the rows before the ``| --- |`` line are header rows.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

import yaml

from tms import inline, inline_markdown
from tms.errors import InputError
from tms.model import LIST_MARKER, Article, ArticleMeta, Block, Cell, Role
from tms.storage.files import atomic_write

# libyaml's emitter is about ten times faster than PyYAML's pure-Python one; same output.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FENCED = {Role.CAPTION, Role.BYLINE, Role.CREDIT}
_MARKER_RE = re.compile(rf"^(?P<indent>(?: {{4}})*)(?P<marker>{LIST_MARKER})\s(?P<text>\S.*)$")
_FENCE_RE = re.compile(r"^::: (?P<role>[a-z-]+)$")
_META_KEYS = (
    ("title", "title"), ("date", "date"), ("category", "category"), ("byline", "byline"),
    ("author_role", "author_role"), ("credits", "credits"), ("captions", "captions"), ("email", "email"),
    ("unofficial_translation", "is_unofficial_translation"), ("source", "source_name"),
    ("format", "source_format"), ("url", "url"),
)
_IMAGE_LINE = re.compile(r"^!\[(?:[^\]\\]|\\.)*\]\((?:<[^>]*>|[^\s)]*)(?:\s+\"(?:[^\"\\]|\\.)*\")?\)$")
_CELL_ATTRS = re.compile(r"^\{((?:colspan=\d+|rowspan=\d+|th)(?:\s+(?:colspan=\d+|rowspan=\d+|th))*)\}\s?")
_INLINE_SPECIALS = re.compile(r"[\\`*_\[\]<>~|&!]")


def format_article(article: Article) -> tuple[str, list[int]]:
    """The article as text, and the 1-based line where each block's text stands."""
    front: dict = {"id": article.id, "language": article.language}
    for key, attr in _META_KEYS:
        value = getattr(article.meta, attr)
        if value or key == "unofficial_translation":
            front[key] = value
    front.update(article.meta.extra)
    lines = ["---", *yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000).splitlines(), "---"]
    block_lines = _append_blocks(lines, article.blocks)
    return "\n".join(lines) + "\n", block_lines


def format_blocks(blocks: Sequence[Block]) -> str:
    """The blocks alone in the Markdown of ``format_article``, without front matter."""
    lines: list[str] = []
    _append_blocks(lines, blocks)
    return ("\n".join(lines) + "\n").lstrip("\n")


def _append_blocks(lines: list[str], blocks: Sequence[Block]) -> list[int]:
    """Add the blocks to ``lines``, each after a blank line; returns the (1-based) line of each block."""
    block_lines: list[int] = []
    previous: Block | None = None
    index = 0
    while index < len(blocks):
        block = blocks[index]
        is_quoted = block.quote and previous is not None and previous.quote
        lines.append(">" * min(block.quote, previous.quote) if is_quoted else "")
        prefix = "> " * block.quote
        if block.cell is not None:
            end = index + 1
            while end < len(blocks) and blocks[end].cell is not None and blocks[end].cell.table == block.cell.table:
                end += 1
            for text, members in _table_lines(blocks[index:end]):
                lines.append(prefix + text)
                block_lines.extend([len(lines)] * members)
            previous, index = blocks[end - 1], end
            continue
        body = _block_lines(block)
        first = len(lines) + 1
        lines.extend(prefix + line if line else prefix.rstrip() for line in body)
        block_lines.append(first + 1 if len(body) > 1 else first)
        previous, index = block, index + 1
    return block_lines


def _markdown(block: Block) -> str:
    text = " ".join(block.text.split())
    return inline_markdown.to_markdown(text, block.tags) if block.tags or _INLINE_SPECIALS.search(text) else text


def _block_lines(block: Block) -> list[str]:
    """The lines of one block that is not a table cell."""
    role = block.role
    if role is Role.IMAGE:
        attrs = {"src": block.attrs.get("src", ""), "alt": " ".join(block.text.split())}
        if block.attrs.get("title"):
            attrs["title"] = block.attrs["title"]
        return [inline_markdown.to_markdown("<img1/>", {1: inline.Tag("img", attrs)})]
    if role is Role.EMBED:
        return ["::: embed", " ".join(block.attrs.get("html", "").split()), ":::"]
    text = _markdown(block)
    if role is Role.TITLE:
        return [f"# {text}"]
    if role is Role.HEADING:
        return [f"{'#' * min(block.level + 2, 6)} {text}"]
    if role is Role.LIST_ITEM:
        return [f"{'    ' * block.level}{block.marker or '-'} {text}"]
    if role in _FENCED:
        return [f"::: {role.value}", text, ":::"]
    needs_escape = text.startswith(("#", ":::", "\\", "---", "|", ">", "!")) or _MARKER_RE.match(text)
    return [f"\\{text}" if needs_escape else text]


def _table_lines(cells: Sequence[Block]) -> list[tuple[str, int]]:
    """The lines of one table, each with the number of cells it holds; header rows first, then ``| --- |``."""
    rows: list[list[Block]] = []
    for block in cells:
        if rows and rows[-1][0].cell.row == block.cell.row:
            rows[-1].append(block)
        else:
            rows.append([block])
    headers = 0
    while headers < len(rows) and all(b.cell.is_header for b in rows[headers]):
        headers += 1
    columns = max(sum(b.cell.colspan for b in row) for row in rows)
    out: list[tuple[str, int]] = []
    for number, row in enumerate(rows):
        texts = [_cell_text(b, is_header_row=number < headers) for b in row]
        out.append(("| " + " | ".join(texts) + " |", len(row)))
        if number == headers - 1:
            out.append(("|" + " --- |" * columns, 0))
    return out


def _cell_text(block: Block, *, is_header_row: bool) -> str:
    cell = block.cell
    options = [f"colspan={cell.colspan}"] if cell.colspan > 1 else []
    options += [f"rowspan={cell.rowspan}"] if cell.rowspan > 1 else []
    options += ["th"] if cell.is_header and not is_header_row else []
    text = _markdown(block)
    if text.startswith("{"):
        text = "\\" + text
    return (f"{{{' '.join(options)}}} " if options else "") + text


def parse_article(text: str, name: str) -> tuple[Article, list[int]]:
    """Read an article written by ``format_article``; ``InputError`` naming file and line if malformed."""
    lines = text.split("\n")
    if not lines or lines[0] != "---":
        raise InputError(f"{name}:1: expected '---' to open the front matter")
    try:
        end = lines.index("---", 1)
    except ValueError:
        raise InputError(f"{name}:1: the front matter is not closed by '---'") from None
    try:
        front = yaml.load("\n".join(lines[1:end]), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise InputError(f"{name}:{line}: bad front matter: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(front, dict) or not front.get("id") or not front.get("language"):
        raise InputError(f"{name}:1: the front matter needs 'id' and 'language'")
    meta = ArticleMeta()
    known = {"id", "language"}
    for key, attr in _META_KEYS:
        known.add(key)
        if key in front:
            value = front[key]
            setattr(meta, attr, [str(v) for v in value] if isinstance(value, list) else
                    (bool(value) if key == "unofficial_translation" else str(value)))
    meta.extra = {str(k): str(v) for k, v in front.items() if k not in known}
    blocks, block_lines = _BodyReader(lines, end + 1, name).read()
    return Article(str(front["id"]), str(front["language"]), meta, blocks), block_lines


_TABLE_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")


class _BodyReader:
    """Reads the blocks of an article's body, each with the (1-based) line where its text stands."""

    def __init__(self, lines: list[str], start: int, name: str) -> None:
        self.name = name
        self.start = start
        self.depths: list[int] = []
        self.lines: list[str] = []
        for line in lines[start:]:
            depth, line = _unquote(line)
            self.depths.append(depth)
            self.lines.append(line)
        self.blocks: list[Block] = []
        self.block_lines: list[int] = []
        self.tables = 0

    def read(self) -> tuple[list[Block], list[int]]:
        """The blocks and their lines."""
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            if not line.strip():
                i += 1
            elif _FENCE_RE.match(line):
                i = self._fenced(i)
            elif line.startswith("|"):
                i = self._table(i)
            else:
                i = self._block(i)
        return self.blocks, self.block_lines

    def _add(self, block: Block, i: int) -> None:
        block.quote = self.depths[i]
        self.blocks.append(block)
        self.block_lines.append(self.start + i + 1)

    def _fenced(self, i: int) -> int:
        line_number = self.start + i + 1
        role_name = _FENCE_RE.match(self.lines[i])["role"]
        try:
            role = Role(role_name)
        except ValueError:
            raise InputError(f"{self.name}:{line_number}: unknown block role {role_name!r}") from None
        try:
            close = self.lines.index(":::", i + 1)
        except ValueError:
            raise InputError(f"{self.name}:{line_number}: '::: {role.value}' is not closed by ':::'") from None
        content = " ".join(" ".join(self.lines[i + 1:close]).split())
        if role is Role.EMBED:
            block = Block(role, "", attrs={"html": content})
        else:
            text, tags = _inline(content)
            block = Block(role, text, tags=tags)
        self._add(block, i + 1 if close > i + 1 else i)
        return close + 1

    def _block(self, i: int) -> int:
        j = i
        while (j + 1 < len(self.lines) and self.lines[j + 1].strip() and self.depths[j + 1] == self.depths[i]
               and not _starts_block(self.lines[j + 1])):
            j += 1
        self._add(_parse_block(" ".join(self.lines[i:j + 1]).rstrip()), i)
        return j + 1

    def _table(self, i: int) -> int:
        self.tables += 1
        rows: list[tuple[int, list[str]]] = []
        headers = 0
        j = i
        while j < len(self.lines) and self.lines[j].startswith("|") and self.depths[j] == self.depths[i]:
            if _TABLE_RULE.match(self.lines[j]):
                headers = len(rows)
            else:
                rows.append((j, _split_row(self.lines[j])))
            j += 1
        for number, (line, cells) in enumerate(rows):
            for col, raw in enumerate(cells):
                cell, text, tags = _parse_cell(raw, self.tables, number, col, is_header_row=number < headers)
                self._add(Block(Role.TABLE_CELL, text, tags=tags, cell=cell), line)
        return j


def _unquote(line: str) -> tuple[int, str]:
    """The block-quote depth of a line and the line without its ``>`` markers."""
    depth = 0
    while line.startswith(">"):
        depth += 1
        line = line[2:] if line.startswith("> ") else line[1:]
    return depth, line


def _split_row(line: str) -> list[str]:
    """The cells of a table row, split at the pipes that are not escaped."""
    cells, current, i = [], [], 1
    while i < len(line):
        char = line[i]
        if char == "\\" and i + 1 < len(line):
            current.append(line[i:i + 2])
            i += 2
            continue
        if char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    if "".join(current).strip():
        cells.append("".join(current))
    return [cell.strip() for cell in cells]


def _parse_cell(raw: str, table: int, row: int, col: int, *, is_header_row: bool) -> tuple[Cell, str, dict]:
    options = _CELL_ATTRS.match(raw)
    settings: dict[str, int] = {}
    is_header = is_header_row
    if options:
        for option in options.group(1).split():
            key, _, value = option.partition("=")
            if key == "th":
                is_header = True
            else:
                settings[key] = int(value)
        raw = raw[options.end():]
    text, tags = _inline(raw)
    cell = Cell(table, row, col, is_header, settings.get("colspan", 1), settings.get("rowspan", 1))
    return cell, text, tags


def _starts_block(line: str) -> bool:
    return bool(line.startswith(("#", "|")) or _FENCE_RE.match(line) or _MARKER_RE.match(line))


def _parse_block(text: str) -> Block:
    if text.startswith("\\"):
        return _with_inline(Role.PARAGRAPH, text[1:])
    heading = re.match(r"^(#{1,6}) (.*)$", text)
    if heading:
        depth = len(heading[1])
        if depth == 1:
            return _with_inline(Role.TITLE, heading[2])
        return _with_inline(Role.HEADING, heading[2], level=depth - 2)
    item = _MARKER_RE.match(text)
    if item:
        return _with_inline(Role.LIST_ITEM, item["text"], level=len(item["indent"]) // 4, marker=item["marker"])
    if _IMAGE_LINE.match(text):
        _, tags = _inline(text)
        image = tags.get(1)
        if image is not None and image.name == "img" and len(tags) == 1:
            attrs = {"src": image.attrs.get("src", "")}
            if image.attrs.get("title"):
                attrs["title"] = image.attrs["title"]
            return Block(Role.IMAGE, image.attrs.get("alt", ""), attrs=attrs)
    return _with_inline(Role.PARAGRAPH, text)


def _with_inline(role: Role, markdown: str, **fields) -> Block:
    text, tags = _inline(" ".join(markdown.split()))
    return Block(role, text, tags=tags, **fields)


def _inline(markdown: str) -> tuple[str, dict]:
    """The tagged text and tag table of a line of inline Markdown."""
    if not _INLINE_SPECIALS.search(markdown):
        return markdown, {}
    tokens = _parser().parseInline(markdown)
    return inline_markdown.from_markdown(tokens[0].children if tokens else [])


@functools.lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("strikethrough")
    parser.normalizeLink = lambda url: url          # addresses are kept exactly as the source wrote them
    parser.normalizeLinkText = lambda url: url
    return parser


def read_front_matter(path: Path) -> dict:
    """The front matter of ``originals/<id>.md`` alone, read without the body; {} if it has none."""
    lines: list[str] = []
    with open(path, encoding="utf-8", errors="replace") as stream:
        if stream.readline().rstrip("\n") != "---":
            return {}
        for line in stream:
            if line.rstrip("\n") == "---":
                break
            lines.append(line)
    try:
        front = yaml.load("".join(lines), Loader=_Loader)
    except yaml.YAMLError:
        return {}
    return front if isinstance(front, dict) else {}


def load_article(path: Path) -> tuple[Article, list[int]]:
    """Read ``originals/<id>.md``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such original") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    return parse_article(text, str(path))


def save_article(path: Path, article: Article) -> list[int]:
    """Write the article atomically; returns the line of each block."""
    text, block_lines = format_article(article)
    atomic_write(path, text)
    return block_lines
