"""Reading a source file into its article, without writing anything: what ``tms segment`` shows and what
``tms import`` then writes (``tms.services.importing``).

A source is page text, HTML, Markdown, Word or HWPX, recognised by content, in any of the eleven languages
(detected when not given); the article gets an id from its date and headline.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from tms.languages import get_language
from tms.model import Article, Segment
from tms.segmentation.cleaning import parse_article as clean_article
from tms.segmentation.detect import detect_language
from tms.segmentation.encoding import decode_bytes
from tms.segmentation.segments import segment_blocks
from tms.segmentation.structure import guess_format
from tms.storage.layout import check_id


@dataclass
class Source:
    """What a source file gives: its article, and the files it embeds (a Word file's images) by name."""

    article: Article
    assets: dict[str, bytes] = field(default_factory=dict)


#: Words an id should not end with ("...-meeting-of").
_TRAILING_WORDS = frozenset("a an and at by for from in of on or the to with".split())


def derive_id(title: str, date: str, text: str) -> str:
    """An id from the article's date and title ("2017-03-27-korea-and-the-international"), else a digest."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_title)
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 40:
            break
        slug = f"{slug}-{word}" if slug else word
    words_kept = slug.split("-")
    while len(words_kept) > 1 and words_kept[-1] in _TRAILING_WORDS:
        words_kept.pop()
    slug = "-".join(words_kept)
    if len(slug) < 8:
        slug = "article-" + hashlib.sha1((title or text).encode("utf-8")).hexdigest()[:8]
    day = date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date or "") else ""
    return check_id(f"{day}-{slug}" if day else slug)


def prepare_article(data: bytes, name: str, *, lang: str | None = None, article_id: str | None = None) -> Article:
    """Decode, clean and structure a source file into an ``Article``, without writing anything."""
    return prepare_source(data, name, lang=lang, article_id=article_id).article


def prepare_source(data: bytes, name: str, *, lang: str | None = None, article_id: str | None = None) -> Source:
    """Read a source file (page text, HTML, Markdown, Word or HWPX, recognised by content) into its article
    and embedded files, without writing anything."""
    if lang is not None:
        get_language(lang)
    assets: dict[str, bytes] = {}
    kind = None
    if data[:2] == b"PK" or data[:4] == b"\xd0\xcf\x11\xe0":     # a zip or an OLE file: maybe Word or HWPX
        from tms.segmentation.office import read_office, sniff_office   # mammoth is for them alone

        kind = sniff_office(data)
    if kind:
        document = read_office(data, name)      # refuses binary HWP and .doc with what to do instead
        text, fmt, assets = document.html, document.kind, _safe_names(document.assets)
    else:
        text = decode_bytes(data, name)
        fmt = guess_format(name, text)
    language = lang or detect_language(text, name)
    meta, blocks = clean_article(text, fmt, language, name)     # refuses a file with no article text left
    meta.source_name = Path(name).name
    first = next((b.text for b in blocks), "")
    chosen = check_id(article_id) if article_id else derive_id(meta.title or first, meta.date, text)
    article = Article(chosen, language, meta, blocks)
    if assets:
        _file_assets(article, assets)
    return Source(article, assets)


_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def _safe_names(assets: dict[str, bytes]) -> dict[str, bytes]:
    """Embedded files under names that are safe as file names (no folders, no dots in front)."""
    return {name: data for name, data in assets.items() if _SAFE_NAME.fullmatch(name) and ".." not in name}


def assets_folder(article_id: str) -> str:
    """Where an article's embedded files are kept, beside ``originals/<id>.md`` (and beside a rendered page)."""
    return f"{article_id}.files"


def _file_assets(article: Article, assets: dict[str, bytes]) -> None:
    """Point the article's images at their files in its assets folder."""
    folder = assets_folder(article.id)

    def place(src: str) -> str:
        return f"{folder}/{src}" if src in assets else src

    for block in article.blocks:
        if block.attrs.get("src"):
            block.attrs["src"] = place(block.attrs["src"])
        for tag in block.tags.values():
            if tag.name == "img" and tag.attrs.get("src"):
                tag.attrs["src"] = place(tag.attrs["src"])


def segment_source(data: bytes, name: str, lang: str | None = None, *,
                   workers: int = 1) -> tuple[Article, list[Segment]]:
    """Clean and split a source text, as ``tms segment`` shows it; nothing is written. ``workers``: processes
    a long document may be split in."""
    article = prepare_article(data, name, lang=lang, article_id="preview")
    return article, segment_blocks(article.blocks, article.language, workers=workers)
