"""Separating an article from the page around it, and reading its metadata.

``structure`` reads the form of the input into raw blocks; this module decides which of them are
site chrome (skip links, menus, social links, search toggles, language switchers, site banners),
which are metadata (category, date, byline, credits, captions, email, the unofficial-translation
notice) and which are the article, and gives each kept block its role.
"""
from __future__ import annotations

import datetime
import re
from typing import Any

from tms import inline
from tms.errors import InputError
from tms.languages import get_language
from tms.model import ArticleMeta, Block, Role
from tms.segmentation.chrome import (
    CHROME_WORDS, RELATED_HEADING, SHARE_WORDS, SKIP_LINK, SOCIAL, SOCIAL_BRANDS, WORD, is_chrome_line, is_end_mark,
    is_inline_related, is_site_name, is_switcher, lookup_key,
)
from tms.segmentation.detect import is_language_name
from tms.segmentation.metadata import (
    EMAIL_LINE, ENDS_SENTENCE, INNER_CREDIT, PRINT_ISSUE, SHORT, SIGNOFF, UNOFFICIAL, byline_name,
    category_beside_date, category_of, credit_tail, dateline_byline, email_in, is_author_role, is_bar_credit,
    is_byline, is_category_like, is_credit, is_metadata_line, is_strict_credit, machine_date, page_title, page_year, parse_date, squash_spaces,
)
from tms.segmentation.pagetext import clean_headline, find_article, is_prose
from tms.segmentation.sentences import split_sentences
from tms.segmentation.structure import (
    FORMATS, IMAGE_FILE_NAME, OFFICE_FORMATS, RawBlock, assign_levels, read_markdown, read_text,
)

_INVISIBLE = re.compile("[\u200b\ufeff]")     # zero-width space and stray BOMs: noise of copy and paste


def parse_article(text: str, fmt: str, lang: str, name: str = "<text>") -> tuple[ArticleMeta, list[Block]]:
    """The metadata and the blocks of an article given as scraped text, HTML or Markdown.

    The title block comes first. It is the first <h1> (HTML) or "# " heading (Markdown); failing
    that, a block repeating the page's <title> or front-matter title, else a block made from it;
    failing that, a heading that opens the article; in scraped text, where the form says nothing,
    the first block when it reads as a headline: at most 200 characters, not ending like a
    sentence (".", "。", "!"). Korea.net pages scrape without their headline, and their first
    paragraph is a full sentence: then there is no title block, and ``meta.title`` is the first
    sentence of the first paragraph, so that every article still has a title to show.
    """
    get_language(lang)
    if fmt == "text":
        raw, hints = find_article(read_text(text), lang)
    elif fmt == "html":
        from tms.segmentation.html import read_html     # lxml and trafilatura: only for web pages

        hints, raw = read_html(text, name)
    elif fmt == "markdown":
        hints, raw = read_markdown(text, name)
    elif fmt in OFFICE_FORMATS:
        from tms.segmentation.html import read_html

        hints, raw = read_html(text, name, is_whole=True)     # a Word or HWPX file is the article alone
    else:
        raise InputError(f"unknown format {fmt!r} for {name}; expected one of: {', '.join(FORMATS)}")
    meta = ArticleMeta(source_name=name, source_format=fmt)
    _apply_hints(meta, hints, lang)
    kept = _Cleaner(meta, lang).clean(raw)
    if not kept:
        raise InputError(f"{name} holds no article text once site menus and links are taken out; "
                         "check that it is the article page")
    if fmt == "text":
        _find_headings(kept)
    _settle_title(kept, meta, lang)
    assign_levels(kept)
    return meta, [Block(Role(b.kind), b.text, b.level or 0, b.marker, b.tags, b.quote, b.cell, b.attrs)
                  for b in kept]


def _joined(lines: list[tuple[str, dict]], block: RawBlock) -> RawBlock:
    """One paragraph from several lines of ``block``, with their line breaks kept unless they were soft."""
    parts: list[str] = []
    merged: dict = {}
    for text, tags in lines:
        offset = len(merged)
        parts.append(inline.TAG_RE.sub(
            lambda m: m.group(0) if m.group(0) == inline.BREAK
            else f"<{m.group(1)}{m.group(2)}{int(m.group(3)) + offset}{m.group(4)}>", text))
        merged.update({number + offset: tag for number, tag in tags.items()})
    separator = " " if block.has_soft_breaks else inline.BREAK
    return RawBlock("paragraph", separator.join(parts), tags=merged, quote=block.quote)


class _Cleaner:
    """One pass over the raw blocks that drops chrome, takes metadata out and gives roles."""

    def __init__(self, meta: ArticleMeta, lang: str) -> None:
        self.meta = meta
        self.lang = lang
        self.kept: list[RawBlock] = []
        self.is_in_switcher = False
        self.is_caption_next = False
        self.is_after_byline = False
        self.has_byline = False
        self.is_in_related = False
        self.year: int | None = None

    def clean(self, raw: list[RawBlock]) -> list[RawBlock]:
        raw = self._split_metadata_lines(raw)
        for block in raw:
            text = block.text
            if "\u200b" in text or "\ufeff" in text:
                text = _INVISIBLE.sub("", text)
            block.text = squash_spaces(text)
        plains = [b.plain for b in raw]
        self.year = page_year(plains)
        is_name = [len(text) <= 40 and is_language_name(text) for text in plains]
        for i, block in enumerate(raw):
            if block.kind in ("image", "embed", "table-cell"):
                self._take_media(block)
                continue
            if len(plains[i]) > 400 and block.kind == "paragraph" and not self.is_caption_next:
                self.is_in_switcher = self.is_after_byline = False
                self.kept.append(block)     # a long paragraph is neither chrome nor metadata nor a caption
                continue
            if not WORD.search(plains[i]):
                continue        # empty bullets, lone symbols
            is_lang_run = is_name[i] and ((i and is_name[i - 1]) or (i + 1 < len(is_name) and is_name[i + 1]))
            if (is_name[i] and self.is_in_switcher) or is_lang_run:
                continue
            self.is_in_switcher = len(plains[i]) <= 80 and is_switcher(plains[i])
            after = plains[i + 1] if i + 1 < len(raw) else ""
            if block.kind == "credit" and any(k.kind == "credit" and k.plain == plains[i] for k in self.kept[-3:]):
                continue        # the same credit again, as sites print it for small screens
            if self.is_in_switcher or self._is_chrome(block) or (
                    block.kind != "credit" and self._take_metadata(block, after)):
                continue
            credit = self._credit_of_caption(block)
            block.kind = self._role(block)
            self.kept.append(block)
            if credit:
                self.meta.credits.append(credit)
                self.kept.append(RawBlock("credit", credit, quote=block.quote))
        if not self.meta.email:
            self.meta.email = _contact_address(self.kept)
        if not self.has_byline:
            # The lead's dateline names the author as the story prints it ("(부산=연합뉴스) 이민재 기자 = …",
            # "中新网昆明5月2日电 (记者 杨子涵)"): that wins over the page's head, which may name an editor.
            leads = [b.plain for b in self.kept if b.kind in ("paragraph", "list-item")][:3]
            printed = next(filter(None, map(dateline_byline, leads)), "")
            if printed:
                self.meta.byline = printed
        return self.kept

    def _credit_of_caption(self, block: RawBlock) -> str:
        """A caption's credit printed at its end ("… talk in Seoul. (Yonhap)"), cut from it; a paragraph
        that ends with one is a caption."""
        if block.kind not in ("caption", "paragraph") or block.tags or len(block.text) > 400 or is_byline(block.text):
            return ""
        text, credit = credit_tail(block.text)
        if not credit and (block.kind == "caption" or self.is_caption_next):
            inner = INNER_CREDIT.search(block.plain)
            if inner:
                self.meta.credits.append(inner.group(0))    # kept in the caption's text, where it stands
            return ""
        if not credit or (block.kind == "paragraph" and not self.is_caption_next and not is_strict_credit(credit)
                          and not is_bar_credit(block.text)):
            return ""
        block.text = text
        if block.kind == "paragraph":
            self.is_caption_next = True     # _role makes it the caption it is
        return credit

    def _split_metadata_lines(self, raw: list[RawBlock]) -> list[RawBlock]:
        """Break a paragraph whose lines (broken by <br> or in the source) hold a byline, credits or an
        email; the line breaks of a paragraph that is not broken up are the page's, or spaces."""
        out: list[RawBlock] = []
        for block in raw:
            lines = [(text, tags, inline.plain(text)) for text, tags in block.lines]
            if block.kind not in ("paragraph", "caption") or not any(is_metadata_line(p, self.lang)
                                                                      for _, _, p in lines):
                if block.has_soft_breaks:
                    block.text = block.text.replace(inline.BREAK, " ")
                out.append(block)
                continue
            prose: list[tuple[str, dict]] = []
            for text, tags, flat in lines + [("", {}, "")]:
                if flat and not is_metadata_line(flat, self.lang):
                    prose.append((text, tags))
                    continue
                if prose:
                    out.append(_joined(prose, block))
                    out[-1].kind = block.kind
                    prose = []
                if flat:
                    # Under a caption, a name is the photographer's ("… 설치돼 있다. / 송지유 기자").
                    is_credit_line = block.kind == "caption" and (is_credit(flat) or is_byline(flat))
                    out.append(RawBlock("credit" if is_credit_line else "paragraph", text, tags=tags,
                                        quote=block.quote))
        return out

    def _take_media(self, block: RawBlock) -> None:
        """Images, embedded media and table cells are the article's when they stand in it."""
        if block.kind == "image":
            alt = " ".join(block.text.split())
            # An image shown by its file name, as scraped text and some sites' CMS give it, has its
            # caption in the next paragraph.
            self.is_caption_next = bool(IMAGE_FILE_NAME.match(alt))
            block.text = "" if IMAGE_FILE_NAME.match(alt) else alt
            if block.text != alt:
                block.attrs = {**block.attrs, "alt": alt}
        self.kept.append(block)

    def _is_chrome(self, block: RawBlock) -> bool:
        text = block.plain
        if self.is_in_related:
            if block.kind in ("title", "heading") or is_prose(text):
                self.is_in_related = False
            else:
                return True         # the headlines listed under "Related news"
        if RELATED_HEADING.match(text):
            self.is_in_related = True
            return True
        if len(text) > SHORT:
            return False
        if is_chrome_line(text) or is_end_mark(text) or is_inline_related(text):
            return True
        looked_up = lookup_key(text)
        if looked_up in CHROME_WORDS or SKIP_LINK.search(text):
            return True
        words = looked_up.split()
        if all(word in CHROME_WORDS or word in SOCIAL or word in SHARE_WORDS for word in words):
            return True         # "목록 인쇄", "facebook twitter": a row of buttons
        if block.kind == "list-item" and len(text) <= 80 and {words[0], words[-1]} & SOCIAL_BRANDS:
            return True         # a list of the site's social-media links
        if not self.kept:
            # Before the article starts: the site's name or banner, and links named like
            # "Ministry of Foreign Affairs facebook" (a network's name in lower case, as link labels are).
            return is_site_name(text) or text.split()[-1] in SOCIAL_BRANDS
        return False

    def _take_metadata(self, block: RawBlock, after: str) -> bool:
        """Read metadata that is not part of the article's text; True when ``block`` was such.

        ``after`` is the next block's text: a word or two right before the date, at the top of the
        page, is the category even when it is not one we know ("Политика", then "27 марта 2017 г.").
        """
        meta, text = self.meta, block.plain
        if IMAGE_FILE_NAME.match(text):
            self.is_caption_next = True     # scraped text: an image's file name, then its caption
            return True
        if len(text) > SHORT:
            return False
        line = f"{block.marker} {text}" if block.marker else text
        if UNOFFICIAL.search(text):
            meta.is_unofficial_translation = True
            return True
        email = EMAIL_LINE.match(text)
        if email:
            meta.email = meta.email or email.group("email")
            return True
        date = parse_date(line, self.lang, year=self.year)
        if date:
            meta.date = meta.date or date
            meta.category = meta.category or category_beside_date(line)
            return True
        if PRINT_ISSUE.search(text):
            return True         # the print edition's issue number: the paper's, not the story's
        if SIGNOFF.match(text) and not (self.kept and self.kept[-1].kind in ("caption", "image") and is_credit(text)):
            return True         # "Editor: …", "来源：新华网": who edited the story (under a photo: its credit)
        if len(self.kept) <= 1 and block.kind == "paragraph":
            category = category_of(text)
            if not category and is_category_like(text) and parse_date(after, self.lang):
                category = text
            if category:
                meta.category = meta.category or category
                return True
        return False

    def _role(self, block: RawBlock) -> str:
        is_caption, self.is_caption_next = self.is_caption_next, False
        is_after_byline, self.is_after_byline = self.is_after_byline, False
        text = block.plain
        if block.kind == "caption" or (is_caption and block.kind == "paragraph"):
            self.meta.captions.append(text)
            return "caption"
        if block.kind == "credit" or (block.kind == "paragraph" and self._is_photo_credit(text)):
            if block.kind == "credit":
                self.meta.credits.append(text)
            return "credit"
        if block.kind == "byline" or (block.kind == "paragraph" and len(text) <= SHORT and is_byline(text)):
            # The page's own byline line wins over an author named in its <head> or front matter.
            self.meta.byline = byline_name(text) if not self.has_byline else self.meta.byline
            source = credit_tail(text)[1]
            if source and source != text and is_strict_credit(source):
                self.meta.credits.append(source)    # "Thu Phương (TTXVN/Vietnam+)": the agency too
            self.meta.email = self.meta.email or email_in(text)
            self.has_byline = True
            self.is_after_byline = True
            return "byline"
        if block.kind != "paragraph" or len(text) > SHORT:
            return block.kind
        if is_credit(text):
            self.meta.credits.append(text)
            return "credit"
        if is_after_byline and is_author_role(text):
            self.meta.author_role = self.meta.author_role or text
            return "byline"
        return block.kind


    def _is_photo_credit(self, text: str) -> bool:
        """An agency in brackets under a photo or a caption ("(واس)", "(Yonhap)") is the photo's credit, not
        the story's byline; the line above it, without a full stop, is the caption."""
        previous = self.kept[-1] if self.kept else None
        if previous is None or not is_strict_credit(text) or len(text) > SHORT:
            return False
        # A caption may end with a full stop; the line of a story cannot be followed by a photographer.
        if previous.kind == "paragraph" and len(previous.plain) <= 250 and (
                "/" in text or not ENDS_SENTENCE.search(previous.plain)):
            previous.kind = "caption"
            self.meta.captions.append(previous.plain)
        elif previous.kind not in ("image", "caption"):
            return False
        self.meta.credits.append(text)
        return True


_ADDRESS = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")


def _contact_address(kept: list[RawBlock]) -> str:
    """The e-mail address a story's closing paragraphs give for enquiries ("… please contact the Trade
    Statistics Division at tradestat@…"), when they give exactly one."""
    closing = [b.plain for b in kept if b.kind == "paragraph"][-3:]
    found = {address.rstrip(".") for text in closing for address in _ADDRESS.findall(text)}
    return found.pop() if len(found) == 1 else ""


# ----------------------------------------------------------------------------- titles and headings

_CLOSERS = "\"'”’»)）」』]"


def _is_headline(text: str) -> bool:
    return len(text) <= 200 and not ENDS_SENTENCE.search(text.rstrip(_CLOSERS))


def _find_headings(kept: list[RawBlock]) -> None:
    """In scraped text, a short line without end punctuation before a longer paragraph is a heading."""
    for block, after in zip(kept[1:], kept[2:]):
        text = block.plain
        if (block.kind == "paragraph" and after.kind == "paragraph" and len(text) <= 80
                and len(text.split()) <= 10 and len(after.plain) > 2 * len(text)
                and not re.search(r"[.。!！?？:：;,，、]$", text.rstrip(_CLOSERS))):
            block.kind = "heading"


def _settle_title(kept: list[RawBlock], meta: ArticleMeta, lang: str) -> None:
    """Make sure the article opens with its title block: the headline found, else one repeating the page's
    title, else the page's title itself; failing those, a heading or a one-sentence paragraph that opens the
    article (the lead, on pages that lose their headline), else the first sentence of the first paragraph."""
    titles = [b for b in kept if b.kind == "title"]
    for extra in titles[1:]:
        extra.kind = "heading"
    if not titles and meta.title:
        # The page title or front matter names the headline; a heading near the top may repeat it.
        titles = [b for b in kept[:3] if b.plain == meta.title and b.kind in ("heading", "paragraph")]
    if titles:
        titles[0].kind = "title"
        kept.remove(titles[0])
        kept.insert(0, titles[0])
        if not titles[0].tags:
            titles[0].text = clean_headline(titles[0].text)       # "(LEAD)", "(종합)", "-Xinhua" are not the title
    elif meta.title:
        kept.insert(0, RawBlock("title", meta.title))
    elif kept[0].kind == "heading" or (kept[0].kind == "paragraph" and _is_headline(kept[0].plain)) or (
            kept[0].kind == "paragraph" and len(_first_sentence(kept[0].plain, lang)) == len(kept[0].plain)
            and len(kept[0].plain) <= 250):
        kept[0].kind = "title"
    else:
        first = next((b.plain for b in kept if b.kind in ("paragraph", "list-item")), kept[0].plain)
        kept.insert(0, RawBlock("title", _first_sentence(first, lang)))
    meta.title = kept[0].plain


def _first_sentence(text: str, lang: str) -> str:
    sentences = split_sentences(text, lang) if text else []
    return sentences[0] if sentences else text


# ------------------------------------------------------------------------------------ metadata hints

def _apply_hints(meta: ArticleMeta, hints: dict[str, Any], lang: str) -> None:
    """Fill ``meta`` from what the page's <head> or the front matter says."""
    for key, value in hints.items():
        if value is None or value == "":
            continue
        if key == "title":
            meta.title = page_title(str(value))
        elif key == "date":
            meta.date = value.isoformat()[:10] if hasattr(value, "isoformat") else machine_date(str(value), lang)
        elif key in ("category", "categories", "section"):
            meta.category = str(value[0] if isinstance(value, list) and value else value)
        elif key in ("byline", "author") and not is_site_name(str(value)):
            meta.byline = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        elif key in ("author_role", "role"):
            meta.author_role = str(value)
        elif key in ("credits", "credit", "photos"):
            meta.credits = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        elif key == "email":
            meta.email = str(value)
        elif key == "url":
            meta.url = str(value)
        elif key in ("site_name", "lang"):
            continue        # used where the page is read; not the article's metadata
        elif key in ("unofficial_translation", "unofficial", "is_unofficial_translation"):
            meta.is_unofficial_translation = value is True or str(value).lower() in ("true", "yes", "1")
        elif isinstance(value, (str, int, float, bool, datetime.date)):
            meta.extra[key] = str(value)
