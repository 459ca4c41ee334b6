"""The cleaned source article, ``originals/<id>.md``: YAML front matter for metadata, then the blocks.

The body is Markdown with Pandoc's fenced divs for the roles Markdown has no syntax for::

    ---
    id: 2017-03-27-korea-and-the-international-community
    language: en
    date: '2017-03-27'
    ...
    ---

    # The title

    A paragraph, on one line.

    1. A list item, its marker as written.

        o A nested list item (four spaces a level).

    ::: caption
    A photo caption.
    :::

A paragraph that would read as another kind of block is written with a leading backslash.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import yaml

from tms.errors import InputError
from tms.model import Article, ArticleMeta, Block, Role
from tms.storage.files import atomic_write

# libyaml's emitter is about ten times faster than PyYAML's pure-Python one; same output.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FENCED = {Role.CAPTION, Role.BYLINE, Role.CREDIT}
_MARKER_RE = re.compile(
    r"^(?P<indent>(?: {4})*)(?P<marker>\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)]|[-*•◦▪·○ㅇo]|[가-하][.)])\s(?P<text>\S.*)$"
)
_FENCE_RE = re.compile(r"^::: (?P<role>[a-z-]+)$")
_META_KEYS = (
    ("title", "title"), ("date", "date"), ("category", "category"), ("byline", "byline"),
    ("author_role", "author_role"), ("credits", "credits"), ("captions", "captions"), ("email", "email"),
    ("unofficial_translation", "is_unofficial_translation"), ("source", "source_name"),
    ("format", "source_format"),
)


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
    for block in blocks:
        lines.append("")
        text = " ".join(block.text.split())
        if block.role is Role.TITLE:
            lines.append(f"# {text}")
        elif block.role is Role.HEADING:
            lines.append(f"{'#' * min(block.level + 2, 6)} {text}")
        elif block.role is Role.LIST_ITEM:
            lines.append(f"{'    ' * block.level}{block.marker or '-'} {text}")
        elif block.role in _FENCED:
            lines.append(f"::: {block.role.value}")
            lines.append(text)
            lines.append(":::")
            block_lines.append(len(lines) - 1)
            continue
        else:
            needs_escape = text.startswith(("#", ":::", "\\", "---")) or _MARKER_RE.match(text)
            lines.append(f"\\{text}" if needs_escape else text)
        block_lines.append(len(lines))
    return block_lines


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
    blocks, block_lines = _parse_body(lines, end + 1, name)
    return Article(str(front["id"]), str(front["language"]), meta, blocks), block_lines


def _parse_body(lines: list[str], start: int, name: str) -> tuple[list[Block], list[int]]:
    blocks: list[Block] = []
    block_lines: list[int] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        fence = _FENCE_RE.match(line)
        if fence:
            try:
                role = Role(fence["role"])
            except ValueError:
                raise InputError(f"{name}:{i + 1}: unknown block role {fence['role']!r}") from None
            try:
                close = lines.index(":::", i + 1)
            except ValueError:
                raise InputError(f"{name}:{i + 1}: '::: {role.value}' is not closed by ':::'") from None
            blocks.append(Block(role, " ".join(" ".join(lines[i + 1:close]).split())))
            block_lines.append(i + 2)
            i = close + 1
            continue
        j = i
        while j + 1 < len(lines) and lines[j + 1].strip() and not _starts_block(lines[j + 1]):
            j += 1
        blocks.append(_parse_block(" ".join(lines[i:j + 1]).rstrip()))
        block_lines.append(i + 1)
        i = j + 1
    return blocks, block_lines


def _starts_block(line: str) -> bool:
    return bool(line.startswith("#") or _FENCE_RE.match(line) or _MARKER_RE.match(line))


def _parse_block(text: str) -> Block:
    if text.startswith("\\"):
        return Block(Role.PARAGRAPH, " ".join(text[1:].split()))
    heading = re.match(r"^(#{1,6}) (.*)$", text)
    if heading:
        depth = len(heading[1])
        if depth == 1:
            return Block(Role.TITLE, " ".join(heading[2].split()))
        return Block(Role.HEADING, " ".join(heading[2].split()), level=depth - 2)
    item = _MARKER_RE.match(text)
    if item:
        return Block(Role.LIST_ITEM, " ".join(item["text"].split()), level=len(item["indent"]) // 4,
                     marker=item["marker"])
    return Block(Role.PARAGRAPH, " ".join(text.split()))


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
