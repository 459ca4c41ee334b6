"""Separating an article from the page around it, and reading its metadata.

``structure`` reads the form of the input into raw blocks; this module decides which of them are
site chrome (skip links, menus, social links, search toggles, language switchers, site banners),
which are metadata (category, date, byline, credits, captions, email, the unofficial-translation
notice) and which are the article, and gives each kept block its role.
"""
from __future__ import annotations

import datetime
import functools
import re
from typing import Any

from babel import Locale

from tms import inline
from tms.errors import InputError
from tms.languages import CODES, get_language
from tms.model import ArticleMeta, Block, Role
from tms.segmentation.detect import is_language_name
from tms.segmentation.sentences import split_sentences
from tms.segmentation.html import read_html
from tms.segmentation.structure import FORMATS, IMAGE_FILE_NAME, RawBlock, assign_levels, read_markdown, read_text

_SHORT = 120        # metadata and chrome are short lines; longer blocks skip those checks
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
        hints, raw = {}, read_text(text)
    elif fmt == "html":
        hints, raw = read_html(text, name)
    elif fmt == "markdown":
        hints, raw = read_markdown(text, name)
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

    def clean(self, raw: list[RawBlock]) -> list[RawBlock]:
        raw = self._split_metadata_lines(raw)
        for block in raw:
            text = block.text
            if "\u200b" in text or "\ufeff" in text:
                text = _INVISIBLE.sub("", text)
            block.text = " ".join(text.split())
        plains = [b.plain for b in raw]
        is_name = [is_language_name(text) for text in plains]
        for i, block in enumerate(raw):
            if block.kind in ("image", "embed", "table-cell"):
                self._take_media(block)
                continue
            if not _WORD.search(plains[i]):
                continue        # empty bullets, lone symbols
            is_lang_run = is_name[i] and ((i and is_name[i - 1]) or (i + 1 < len(is_name) and is_name[i + 1]))
            if (is_name[i] and self.is_in_switcher) or is_lang_run:
                continue
            self.is_in_switcher = len(plains[i]) <= 80 and _is_switcher(plains[i])
            after = plains[i + 1] if i + 1 < len(raw) else ""
            if self.is_in_switcher or self._is_chrome(block) or self._take_metadata(block, after):
                continue
            block.kind = self._role(block)
            self.kept.append(block)
        return self.kept

    def _split_metadata_lines(self, raw: list[RawBlock]) -> list[RawBlock]:
        """Break a paragraph whose lines (broken by <br> or in the source) hold a byline, credits or an
        email; the line breaks of a paragraph that is not broken up are the page's, or spaces."""
        out: list[RawBlock] = []
        for block in raw:
            lines = [(text, tags, inline.plain(text)) for text, tags in block.lines]
            if block.kind != "paragraph" or not any(_is_metadata_line(p, self.lang) for _, _, p in lines):
                if block.has_soft_breaks:
                    block.text = block.text.replace(inline.BREAK, " ")
                out.append(block)
                continue
            prose: list[tuple[str, dict]] = []
            for text, tags, flat in lines + [("", {}, "")]:
                if flat and not _is_metadata_line(flat, self.lang):
                    prose.append((text, tags))
                    continue
                if prose:
                    out.append(_joined(prose, block))
                    prose = []
                if flat:
                    out.append(RawBlock("paragraph", text, tags=tags, quote=block.quote))
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
        if len(text) > _SHORT:
            return False
        key = _key(text)
        if key in _CHROME_WORDS or _SKIP_LINK.search(text):
            return True
        words = key.split()
        if all(word in _CHROME_WORDS or word in _SOCIAL or word in _SHARE_WORDS for word in words):
            return True         # "목록 인쇄", "facebook twitter": a row of buttons
        if block.kind == "list-item" and len(text) <= 80 and {words[0], words[-1]} & _SOCIAL_BRANDS:
            return True         # a list of the site's social-media links
        if not self.kept:
            # Before the article starts: the site's name or banner, and links named like
            # "Ministry of Foreign Affairs facebook" (a network's name in lower case, as link labels are).
            return _is_site_name(text) or text.split()[-1] in _SOCIAL_BRANDS
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
        if len(text) > _SHORT:
            return False
        line = f"{block.marker} {text}" if block.marker else text
        if _UNOFFICIAL.search(text):
            meta.is_unofficial_translation = True
            return True
        email = _EMAIL_LINE.match(text)
        if email:
            meta.email = meta.email or email.group("email")
            return True
        date = parse_date(line, self.lang)
        if date:
            meta.date = meta.date or date
            return True
        if len(self.kept) <= 1 and block.kind == "paragraph":
            category = _category(text)
            if not category and _is_category_like(text) and parse_date(after, self.lang):
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
        if block.kind != "paragraph" or len(text) > _SHORT:
            return block.kind
        if _CREDIT.match(text):
            self.meta.credits.append(text)
            return "credit"
        if is_after_byline and len(text) <= 60 and not _ENDS_SENTENCE.search(text):
            self.meta.author_role = self.meta.author_role or text
            return "byline"
        if _is_byline(text):
            # The page's own byline line wins over an author named in its <head> or front matter.
            self.meta.byline = text if not self.has_byline else self.meta.byline
            self.has_byline = True
            self.is_after_byline = True
            return "byline"
        return block.kind


# ----------------------------------------------------------------------------- titles and headings

_ENDS_SENTENCE = re.compile(r"[.。!！:：;]$")
_CLOSERS = "\"'”’»)）」』]"


def _is_headline(text: str) -> bool:
    return len(text) <= 200 and not _ENDS_SENTENCE.search(text.rstrip(_CLOSERS))


def _find_headings(kept: list[RawBlock]) -> None:
    """In scraped text, a short line without end punctuation before a longer paragraph is a heading."""
    for block, after in zip(kept[1:], kept[2:]):
        text = block.plain
        if (block.kind == "paragraph" and after.kind == "paragraph" and len(text) <= 80
                and len(text.split()) <= 10 and len(after.plain) > 2 * len(text)
                and not re.search(r"[.。!！?？:：;,，、]$", text.rstrip(_CLOSERS))):
            block.kind = "heading"


def _settle_title(kept: list[RawBlock], meta: ArticleMeta, lang: str) -> None:
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
    elif meta.title:
        kept.insert(0, RawBlock("title", meta.title))
    elif kept[0].kind == "heading" or (kept[0].kind == "paragraph" and len(kept) > 1 and _is_headline(kept[0].plain)):
        kept[0].kind = "title"
    if kept and kept[0].kind == "title":
        meta.title = kept[0].plain
    elif not meta.title:
        first = next((b.plain for b in kept if b.kind in ("paragraph", "list-item")), "")
        meta.title = _first_sentence(first, lang)


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
            meta.title = _page_title(str(value))
        elif key == "date":
            meta.date = value.isoformat()[:10] if hasattr(value, "isoformat") else parse_date(
                str(value), lang, is_whole_line=False)
        elif key in ("category", "categories", "section"):
            meta.category = str(value[0] if isinstance(value, list) and value else value)
        elif key in ("byline", "author") and not _is_site_name(str(value)):
            meta.byline = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        elif key in ("author_role", "role"):
            meta.author_role = str(value)
        elif key in ("credits", "credit", "photos"):
            meta.credits = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        elif key == "email":
            meta.email = str(value)
        elif key in ("unofficial_translation", "unofficial", "is_unofficial_translation"):
            meta.is_unofficial_translation = value is True or str(value).lower() in ("true", "yes", "1")
        elif isinstance(value, (str, int, float, bool, datetime.date)):
            meta.extra[key] = str(value)


_TITLE_SEPARATOR = re.compile(r"(\s+[|\-–—:<>·]\s+|\s*[|｜]\s*)")


def _page_title(title: str) -> str:
    """The headline in a page title: "Korea, int'l community ... : Korea.net : The official website ..."
    loses the site's names and sections at either end; "Korea - US talks" stays whole."""
    parts = _TITLE_SEPARATOR.split(" ".join(title.split()))     # text, separator, text, ...
    while len(parts) > 2 and _is_site_part(parts[-1]):
        del parts[-2:]
    while len(parts) > 2 and _is_site_part(parts[0]):
        del parts[:2]
    return "".join(parts).strip()


def _is_site_part(text: str) -> bool:
    return _is_site_name(text) or _key(text) in _CATEGORIES


# --------------------------------------------------------------------------------------------- dates

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_TIME = re.compile(r"\d{1,2}:\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?|[T ]\d\d:\d\d\S*", re.IGNORECASE)
_DATE_PATTERNS = (
    re.compile(r"(?P<y>\d{4})\s*(?:[-./년年]|\.\s)\s*(?P<m>\d{1,2})\s*[-./월月]\s*(?P<d>\d{1,2})(?!\d)\s*[일日.]?"),
    re.compile(r"(?P<mon>[^\W\d_]{3,})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})(?:\.|º|er)?\s+(?:de\s+)?(?P<mon>[^\W\d_]{3,})\.?,?\s+(?:de\s+|del\s+)?(?P<y>\d{4})"),
    re.compile(r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2}),?\s+(?:năm\s+)?(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?P<d>\d{1,2})\s*(?P<sep>[./-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})"),
)


def parse_date(text: str, lang: str, is_whole_line: bool = True) -> str:
    """The ISO date (2017-03-27) written in ``text``, or ""; with ``is_whole_line`` only if the line
    says nothing else ("Mar 27, 2017", "2017.03.27 (월)", "27 mars 2017", "2017년 3월 27일")."""
    text = text.translate(_DIGITS)
    if not _YEAR.search(text):
        return ""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if is_whole_line and not _is_date_rest(text[:match.start()] + " " + text[match.end():]):
                continue
            iso = _iso_date(match, lang)
            if iso:
                return iso
    return ""


def _is_date_rest(rest: str) -> bool:
    """True when what surrounds a date is only a label, a weekday or a time ("Posted", "(월)", "10:32")."""
    rest = _TIME.sub(" ", rest)
    return not re.search(r"\d", rest) and len(re.sub(r"[\W_]+", "", rest)) <= 24


def _iso_date(match: re.Match, lang: str) -> str:
    groups = match.groupdict()
    if groups.get("mon"):
        month = _month_names().get(groups["mon"].casefold())
        if not month:
            return ""
    else:
        month = int(groups["m"])
    day, year = int(groups["d"]), int(groups["y"])
    if groups.get("sep") == "/" and lang == "en" and day <= 12:
        day, month = month, day     # 03/27/2017 in English is month first
    if month > 12 >= day and not groups.get("mon"):
        day, month = month, day
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return ""


@functools.lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    """Month names and abbreviations in the eleven languages, from Babel's CLDR data."""
    names: dict[str, int] = {"sept": 9}
    for code in CODES:
        months = Locale.parse(code).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    name = name.casefold().rstrip(".")
                    if not re.search(r"\d", name):
                        names.setdefault(name, number)
    return names


# ----------------------------------------------------------------------------- recognising chrome

_WORD = re.compile(r"[^\W_]")
_PUNCT_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def _vocabulary(table: str) -> frozenset[str]:
    """A set of phrases written as "a|b|c" over several lines."""
    return frozenset(filter(None, table.replace("\n", "|").split("|")))


def _key(text: str) -> str:
    """``text`` as looked up in the vocabularies below: case-folded, without edge punctuation."""
    return " ".join(_PUNCT_EDGES.sub("", text.casefold()).split())


_CHROME_WORDS = _vocabulary("""
검색|검색창 열기|검색창 닫기|검색 열기|검색 닫기|통합검색|search|open search|close search|recherche|rechercher|suche|suchen|buscar|búsqueda
поиск|検索|搜索|搜尋|بحث|tìm kiếm|cari|pencarian|menu|메뉴|전체메뉴|전체 메뉴|주메뉴|메뉴 열기|메뉴 닫기|open menu|close menu|main menu|sitemap
site map|사이트맵|home|홈|홈으로|top|맨 위로|위로|처음으로|close|닫기|login|로그인|logout|로그아웃|sign in|회원가입|previous|next|prev|이전글|다음글|목록
back to list|list|menú|меню|メニュー|菜单|القائمة|beranda|print|인쇄|프린트|인쇄하기|url 복사|링크 복사|copy url|copy link|글자 크기|글자크기
font size|확대|축소|zoom in|zoom out|스크랩|scrap|imprimer|drucken|imprimir|печать|印刷|打印|طباعة|in|cetak|share|공유|공유하기|partager|teilen
compartir|поделиться|共有|分享|مشاركة|chia sẻ|bagikan|새창|새창 열림|새창열림|opens in a new window|new window|제목|작성일|등록일|수정일|게시일
작성자|조회수|조회|첨부파일|담당부서|담당자|연락처|title|date|writer|hits|views|attachment|attachments
""")
_SHARE_WORDS = frozenset("share on via 공유 공유하기 바로가기 새창 partager teilen compartir 分享 共有".split())
# Names that are nothing but a network's name; a list item or link label starting or ending with one
# is a social link. Names that are also words (line, band, blog, x) count only on a line of their own.
_SOCIAL_BRANDS = frozenset("""facebook instagram twitter youtube kakao kakaotalk kakaostory 카카오 카카오톡 카카오스토리
페이스북 인스타그램 트위터 유튜브 naver 네이버 weibo 微博 wechat 微信 linkedin tiktok telegram flickr pinterest whatsapp
вконтакте""".split())
_SOCIAL = _SOCIAL_BRANDS | frozenset("x line band 밴드 blog 블로그 rss vk threads".split())
_SKIP_LINK = re.compile(
    r"바로\s?가기$|^바로\s?가기|^(?:skip|jump)\s+to\b|^go\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|menu|navigation|top)"
    r"|^aller au contenu|^zum inhalt|^(?:ir|saltar) al contenido"
    r"|^перейти к|^本文へ|^メインコンテンツへ|^跳[到至]|^تخطي|^chuyển đến nội dung|^langsung ke|^lewati",
    re.IGNORECASE,
)
_SITE_NAMES = _vocabulary("""
korea.net|www.korea.net|korea.kr|www.korea.kr|정책브리핑|대한민국 정책브리핑|대한민국 정책포털|외교부|대한민국 외교부|mofa
ministry of foreign affairs|ministry of foreign affairs republic of korea|policy briefing|ministry of foreign affairs, republic of korea
korea.net - the official website of the republic of korea|the official website of the republic of korea
gateway to korea|korea.net gateway to korea""")
_BANNER = re.compile(
    r"^(?:the\s+)?(?:ministry|ministère|ministerio|(?:bundes)?ministerium|министерство|kementerian|bộ|وزارة|office"
    r"|embassy|consulate|korean cultural cent(?:er|re))\b[^.!?。]{0,80}\b(?:korea|corée|corea|кореи|корея|hàn quốc"
    r"|كوريا)$|^\S{1,10}(?:부|部)$",
    re.IGNORECASE,
)


def _is_site_name(text: str) -> bool:
    return _key(text) in _SITE_NAMES or bool(_BANNER.match(text.strip()))


_SWITCHER = re.compile(r"languages?|언어|言語|语言|語言|idiomas?|langues?|sprachen?|язык|ngôn ngữ|bahasa|لغة|لغات",
                       re.IGNORECASE)
_SWITCHER_VERB = re.compile(
    r"another|other|select|choose|다른|선택|他の|選択|其他|选择|選擇|otro|otra|selecci|autre|choisir|andere|wählen"
    r"|друг|выб|khác|chọn|lain|pilih|أخرى|اختر",
    re.IGNORECASE,
)


def _is_switcher(text: str) -> bool:
    """True for the heading of a language switcher ("View this article in another language")."""
    return bool(_SWITCHER.search(text)) and (bool(_SWITCHER_VERB.search(text)) or len(_key(text).split()) == 1)


# --------------------------------------------------------------------------- recognising metadata

_UNOFFICIAL = re.compile(
    r"unofficial translation|비공식\s?번역|非公式(?:翻訳|訳)|非官方(?:翻译|翻譯|譯文|译文)|ترجمة غير رسمية"
    r"|traducción no oficial|traduction non officielle|inoffizielle übersetzung|неофициальный перевод"
    r"|bản dịch không chính thức|terjemahan tidak resmi",
    re.IGNORECASE,
)
_EMAIL_LINE = re.compile(r"^(?:[^\W\d_]+(?:[ -][^\W\d_]+)?\s*[:：]\s*)?<?(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>?$")
_CREDIT = re.compile(
    r"^(?:photos?|photo credits?|photographs?|pictures?|images?|videos?|graphics?|illustrations?|sources?|사진|영상"
    r"|그래픽|출처|写真|映像|照片|图片|圖片|视频|صور|صورة|الصور|fotos?|fotografías?|bilder?|фото|ảnh|gambar)"
    r"(?:\s+(?:courtesy(?:\s+of)?|credits?|by|de|von|par|oleh))?\s*[:：=/]\s*\S",
    re.IGNORECASE,
)
_BYLINE_LATIN = re.compile(r"^(?:by|par|por|von|oleh|bởi|от|автор)(?:\s*[:：]\s*|\s+)(?P<name>\S.*)$", re.IGNORECASE)
_BYLINE_OTHER = re.compile(r"^(?:글|기자|文|撰稿|记者|記者|بقلم)\s*[:：/]?\s*\S|^\S+(?:\s\S+)?\s+(?:기자|記者|记者)$")
_NAME_LINKS = frozenset("and und et y e dan và и de da van von der al bin".split())


def _is_byline(text: str) -> bool:
    """True for "By Sohn JiAe", "Par Marie Dupont", "글: 손지애", "손지애 기자"; not "By contrast, ..."."""
    if len(text) > 60 or re.search(r"\d", text):
        return False
    match = _BYLINE_LATIN.match(text)
    if match:
        words = match.group("name").split()
        return len(words) <= 6 and all(not w[0].islower() or w in _NAME_LINKS for w in words)
    return bool(_BYLINE_OTHER.match(text))


def _is_metadata_line(line: str, lang: str) -> bool:
    return len(line) <= _SHORT and bool(
        _is_byline(line) or _CREDIT.match(line) or _EMAIL_LINE.match(line) or _UNOFFICIAL.search(line)
        or IMAGE_FILE_NAME.match(line) or parse_date(line, lang))


_CATEGORIES = _vocabulary("""
press releases|press release|policies|policy|news|features|feature|culture|society|economy|politics|sci-tech
science & technology|sports|travel|people|korean wave|opinion|column|columns|photo|photos|briefing|briefings|speeches
speeches & remarks|statements|announcements|spokesperson's press briefings|fact sheet|interviews|policy news
international|inter-korean relations|latest news|top news|honorary reporters|보도자료|보도참고자료|정책뉴스|뉴스|정책|브리핑룸|브리핑|연설문|공지사항
외교부 소식|사회|경제|문화|국제|정치|스포츠|대변인 브리핑|기자회견|報道資料|プレスリリース|報道発表|ニュース|文化|社会|経済|政治|国際|スポーツ|談話|新闻稿|新闻发布|新闻|新聞|新聞稿|经济|国际|体育
بيانات صحفية|بيان صحفي|أخبار|سياسات|السياسة|السياسات|ثقافة|الثقافة|المجتمع|الاقتصاد|comunicados de prensa
comunicado de prensa|noticias|políticas|política|cultura|sociedad|economía|communiqués de presse|communiqué de presse
actualités|politiques|politique|société|économie|pressemitteilungen|pressemitteilung|nachrichten|politik|kultur
gesellschaft|wirtschaft|пресс-релизы|пресс-релиз|новости|культура|общество|экономика|политика|спорт|наука
thông cáo báo chí|tin tức|chính sách|văn hóa|xã hội|kinh tế|chính trị|siaran pers|berita|kebijakan|budaya|masyarakat
ekonomi
""")
_BREADCRUMB = re.compile(r"\s+[>›»≫]\s+")
_HOME = _vocabulary("home|홈|ホーム|首页|首頁|accueil|inicio|startseite|главная|trang chủ|beranda|الرئيسية")


def _is_category_like(text: str) -> bool:
    words = text.split()
    return len(words) <= 2 and len(text) <= 24 and not _ENDS_SENTENCE.search(text)


def _category(text: str) -> str:
    """The category a line names ("Press Releases"), also as the last step of a breadcrumb trail."""
    if _key(text) in _CATEGORIES:
        return text.strip()
    steps = _BREADCRUMB.split(text)
    if (len(steps) >= 3 or _key(steps[0]) in _HOME) and all(len(step) <= 30 for step in steps):
        return steps[-1].strip()
    return ""
