"""Finding the article in page text, as a browser's "select all, copy" gives it: one block a line, the site's
menus, banners, widgets, related lists and footer around the story.

The story is found by its shape, not by a site's vocabulary. Every line is weighed: prose (a long line
that reads as sentences) counts for its length, a short line without sentence punctuation (a menu entry, a
tag, a button) against it, a line that names a widget, an advertisement, a comment box or a related list
strongly against it; the run of lines with the greatest total weight is the body of the story, as in
Finn's body-text extraction. Around it:

- before the body, the headline is chosen on evidence: the line printed twice (a page-title line or a
  breadcrumb's end repeats it), the line just before the date, byline or lead, a line of headline
  length; wire tags and the site's name are cut from it ("(LEAD)", "-Xinhua", "| Yonhap"). Lines between
  the headline and the body are the standfirst, photos and captions; metadata near the headline stays for
  the cleaner (category, date, byline);
- an end-of-story mark ("(END)", "(끝)", "./.", "（完）") ends the story: after it, and after the body,
  only metadata is kept (byline, credits, e-mail, the unofficial-translation notice);
- inside the body, widget lines, advertisement labels and "related" runs ("Read more", "Baca juga: …",
  a "Related news" heading and the headlines under it) are taken out.
"""
from __future__ import annotations

import re

from tms.segmentation.chrome import (
    RELATED_HEADING, SOCIAL_BRANDS, is_chrome_line, is_end_mark, is_inline_related, is_site_name, is_switcher,
)
from tms.segmentation.detect import is_language_name
from tms.segmentation.metadata import (
    CATEGORIES, HOME_WORDS, NOT_SECTIONS, is_author_role, is_byline, is_credit, is_metadata_line, looks_like_name,
    name_and_outlet, names_agency, page_title, page_year, parse_date, squash_spaces,
)
from tms.segmentation.chrome import lookup_key
from tms.segmentation.structure import RawBlock

_SENTENCE_END = re.compile(r"[.!?。！？؟…](?:[\"'”’»)）」』\]]*)(?:\s|$)|[다요까죠음임]\.?$")
_HEAD_WINDOW = 40           # lines before the body searched for the headline
_TAIL_WINDOW = 16           # lines after the body searched for its metadata
#: A Korean release names its annexes under the text ("붙임 1. 재외 한국문화원 현황"): they are part of it.
_ANNEX = re.compile(r"^(?:붙임|별첨|첨부)\s*\d*\s*[.:：]?\s*\S.*[^\W\d_].*$")
_PROSE_LENGTH = 50          # weighted characters for a line with sentence punctuation to count as prose
_LONG_LENGTH = 140          # weighted characters for any line to count as prose
_SHORT_WEIGHT = -25
_CHROME_WEIGHT = -80

_WIRE_TAGS = re.compile(
    r"\s*(?:\((?:LEAD|URGENT|\d+(?:st|nd|rd|th)\s+LD|LD|AMBUSH|News Focus|Interview|Yonhap Feature|Update \d+"
    r"|종합\d?|\d보|속보|단독|사진|영상|포토|인터뷰|현장|르포|해설|상보|速報|更新|独家|快讯|組圖|组图|ВИДЕО|ФОТО)\)"
    r"|\[(?:속보|단독|종합|사진|포토|영상|인터뷰|르포|현장|速報|独家|快讯)\]|【(?:速報|独家|快讯|更新|动态)】)\s*",
    re.IGNORECASE,
)
_AGENCY_SUFFIX = re.compile(
    r"\s*(?:[-–—|｜:/]+\s*)?(?:Xinhua|Yonhap(?: News(?: Agency)?)?|Kyodo(?: News)?|Reuters|AFP|AP|EFE|ANTARA|Bernama"
    r"|TASS|ТАСС|РИА Новости|KUNA|WAM|SPA|VNA|TTXVN|dpa|Korea\.net|연합뉴스|뉴시스|뉴스1|新华网|新华社|人民网|中央社"
    r"|共同通信|時事通信|時事ドットコム|NHK|كونا|وام|واس)\s*$",
    re.IGNORECASE,
)


_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def weight_length(text: str) -> int:
    """The length of ``text`` with East Asian wide characters counted twice (one carries about a word)."""
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


_LINE_END = re.compile(r"(?:[.!?。！？؟…]|[다요까죠음임]\.?)[\"'”’»)）」』\]]*\s*$")


def is_prose(text: str) -> bool:
    """True for a line that reads as one or more sentences of an article: a long one, or one of some
    length that ends as a sentence does (a headline does not, even with "Dr." inside)."""
    length = weight_length(text) if len(text) < _LONG_LENGTH else _LONG_LENGTH
    return length >= _LONG_LENGTH or (length >= _PROSE_LENGTH and bool(_LINE_END.search(text[-8:])))


def find_article(blocks: list[RawBlock], lang: str) -> tuple[list[RawBlock], dict[str, str]]:
    """The blocks of the story in page text, with the headline (cleaned) as a block of kind "title" and a
    name standing beside the date as a "byline"; and what the page says of the story (its category)."""
    if not blocks:
        return blocks, {}
    texts = [b.plain for b in blocks]
    year = page_year(texts)
    chrome = [_is_chrome(t, b) for t, b in zip(texts, blocks)]
    # A date may read as a list item ("22. März 2024"): its marker is part of it.
    metadata = [not chrome[i] and is_metadata_line(f"{b.marker} {t}" if b.marker else t, lang, year)
                for i, (t, b) in enumerate(zip(texts, blocks))]
    weights = [_weight(t, c, m) for t, c, m in zip(texts, chrome, metadata)]
    start, end = _heaviest_run(weights)
    if start is None:
        return blocks, {}    # no prose at all: a short notice; the cleaner alone decides
    mark = next((i for i in range(start + 1, len(blocks)) if is_end_mark(texts[i])), None)
    if mark is not None and mark <= end:
        end = mark - 1
    while end + 1 < len(blocks) and end + 1 != mark and _is_sentence_line(texts[end + 1], chrome[end + 1],
                                                                             metadata[end + 1]):
        end += 1        # a short last sentence weighs little, but belongs to the story
    keep = set(_body(texts, chrome, start, end))
    headline = _headline(texts, chrome, metadata, start, lang)
    first = start
    bylines = _name_bylines(texts, chrome, metadata, max(0, start - _HEAD_WINDOW), start, lang, year)
    if headline is not None:
        keep.add(headline)
        keep.update(i for i in range(headline + 1, start) if not chrome[i] and (
            metadata[i] or i in bylines or weight_length(texts[i]) >= 16))
        first = headline
    keep.update(i for i in range(max(0, start - _HEAD_WINDOW), first) if metadata[i])
    keep.update(i for i in range(end + 1, min(len(blocks), end + 1 + _TAIL_WINDOW))
                if metadata[i] or (_ANNEX.match(texts[i]) and not chrome[i]))
    signature = _signature(texts, chrome, metadata, end, mark)
    if signature is not None:
        keep.add(signature)
        bylines.add(signature)
    keep.update(i for i in range(max(0, start - _HEAD_WINDOW), min(len(blocks), end + _TAIL_WINDOW))
                if i - 1 in keep and is_author_role(texts[i]) and is_byline(texts[i - 1]))
    hints = {}
    date = _nearest_date(texts, metadata, first, lang, year)
    if date:
        hints["date"] = date
    category = _category(texts, chrome, metadata, first, headline) or _section_beside_date(
        texts, chrome, metadata, first, start, bylines | {headline}, lang, year) or _category_run(
        texts, chrome, metadata, first, headline)
    if category:
        hints["category"] = category
    kept = []
    for i in sorted(keep):
        block = blocks[i]
        if i == headline:
            block.kind, block.text, block.tags = "title", clean_headline(texts[i]), {}
        elif i in bylines:
            block.kind = "byline"
        kept.append(block)
    return kept, hints


def _signature(texts: list[str], chrome: list[bool], metadata: list[bool], end: int, mark: int | None) -> int | None:
    """A name standing alone right under the story (or its end mark): the author, as papers sign stories."""
    following = [i for i in range(end + 1, min(len(texts), end + 4)) if not chrome[i] and i != mark]
    if not following or metadata[following[0]]:
        return None
    text = texts[following[0]]
    if len(text.split()) >= 2 and looks_like_name(text) and not names_agency(text) and not is_site_name(text):
        return following[0]
    return None


def _nearest_date(texts: list[str], metadata: list[bool], headline: int, lang: str, year: int | None) -> str:
    """The date printed nearest the headline, under it first: the story's, not the masthead's."""
    order = list(range(headline, min(len(texts), headline + _HEAD_WINDOW))) + list(
        range(headline - 1, max(-1, headline - _HEAD_WINDOW), -1))
    for i in order:
        if metadata[i]:
            date = parse_date(texts[i], lang, year=year)
            if date:
                return date
    return ""


def _name_bylines(texts: list[str], chrome: list[bool], metadata: list[bool], first: int, start: int,
                  lang: str, year: int | None) -> set[int]:
    """Names standing alone next to the story's date, or after a "Texte par :" label: the author."""
    found = set()
    for i in range(first, start):
        text = texts[i].strip()
        if chrome[i] or metadata[i] or lookup_key(text) in CATEGORIES or not (
                looks_like_name(text) or looks_like_name(text[:-1]) and text.endswith(".") or name_and_outlet(text)):
            continue
        # The date a line or two away: a place ("València") or a standfirst may stand between.
        neighbours = [j for j in (i - 1, i + 1, i - 2, i + 2) if 0 <= j < len(texts) and not chrome[j]][:2] + [
            j for j in (i + 2, i + 3) if j < len(texts) and metadata[j] and all(metadata[k] or weight_length(
                texts[k]) <= 24 for k in range(i + 1, j))]
        if any(parse_date(texts[j], lang, year=year) for j in neighbours) or (
                i and texts[i - 1].rstrip().endswith((":", "："))):
            found.add(i)
    return found


def _category(texts: list[str], chrome: list[bool], metadata: list[bool], first: int,
              headline: int | None) -> str:
    """The site's section the story is filed under, from a breadcrumb trail before the headline (not the
    headline itself, nor a word such as "Article")."""
    title_key = lookup_key(clean_headline(texts[headline])) if headline is not None else ""
    for i in range(first - 1, max(-1, first - _HEAD_WINDOW), -1):
        steps = [s.strip() for s in re.split(r"\s*[>›»≫]\s*|\s+/\s+", re.sub(r"^[^:：>]{1,12}[:：]\s*", "", texts[i]))
                 if s.strip()]
        if len(steps) < 2:
            continue
        steps = [s for s in steps if lookup_key(clean_headline(s)) != title_key]     # a trail may end with it
        if all(weight_length(step) <= 40 for step in steps):
            steps = [s for s in steps if lookup_key(s) not in NOT_SECTIONS]
            if len(steps) >= 2:
                return steps[-1]
    return ""


def _section_beside_date(texts: list[str], chrome: list[bool], metadata: list[bool], first: int, start: int,
                         taken: set, lang: str, year: int | None) -> str:
    """A word or two printed right above or under the story's date, near the headline ("Экология" then
    "02.05.2024 18:40"; "입력 2024.08.21 (19:27)" then "사회"): the section, even one we do not know."""
    for i in range(max(0, first - 3), start):
        if chrome[i] or metadata[i] or i in taken or not _is_category_line(texts, i, lang):
            continue
        if lookup_key(texts[i]) in NOT_SECTIONS or re.search(r"\d", texts[i]):
            continue
        if (lookup_key(texts[i]) not in CATEGORIES) and (i > first or looks_like_name(texts[i])):
            continue        # under the headline, a name or a place is the byline's, not a section
        above = lookup_key(texts[i - 1]) if i and not chrome[i - 1] else ""
        if above and _is_category_line(texts, i - 1, lang) and sum(lookup_key(t) == above for t in texts[:i]) > 1:
            return ""       # the sub-section of a trail whose top step is in the site's menu: the trail decides
        if any(0 <= j < len(texts) and metadata[j] and parse_date(texts[j], lang, year=year) for j in (i - 1, i + 1)):
            return texts[i].strip()
    return ""


def _category_run(texts: list[str], chrome: list[bool], metadata: list[bool], first: int,
                  headline: int | None) -> str:
    """The section among the short lines above the headline: the last step of a trail copied a step a
    line, a known section name, or a menu word repeated."""
    title_key = lookup_key(clean_headline(texts[headline])) if headline is not None else ""
    run = []
    for i in range(first - 1, max(-1, first - 20), -1):
        if chrome[i] or metadata[i] or (title_key and lookup_key(clean_headline(texts[i])) == title_key):
            if run:
                break
            continue        # the headline printed twice is not the section
        if weight_length(texts[i]) > 30 or is_prose(texts[i]):
            break
        run.append(i)
    run = [i for i in run if lookup_key(texts[i]) not in NOT_SECTIONS]
    home = next((k for k, i in enumerate(run) if lookup_key(texts[i]) in HOME_WORDS), None)
    trail = [i for i in run[:home] if not re.search(r"\d", texts[i])] if home else []
    if trail:
        return texts[trail[0]].strip()     # a breadcrumb trail copied a step a line: its last step
    known = [i for i in run if lookup_key(texts[i]) in CATEGORIES]
    if known:
        return texts[known[0]].strip()
    repeated = [i for i in run if sum(lookup_key(t) == lookup_key(texts[i]) for t in texts[:first]) > 1]
    if repeated:
        return texts[repeated[0]].strip()
    return texts[run[0]].strip() if len(run) == 1 else ""


def _is_sentence_line(text: str, is_chrome: bool, is_meta: bool) -> bool:
    return not is_chrome and not is_meta and weight_length(text) >= 8 and bool(_LINE_END.search(text))


def _is_chrome(text: str, block: RawBlock) -> bool:
    if len(text) > 300:
        return False        # widgets, menus and notices are short; a paragraph of the story is not chrome
    words = text.casefold().split()
    return (is_chrome_line(text) or is_switcher(text) or is_language_name(text) or is_site_name(text)
            or is_end_mark(text) or bool(RELATED_HEADING.match(text))
            or (bool(words) and len(text) <= 80 and (words[0] in SOCIAL_BRANDS or words[-1] in SOCIAL_BRANDS)))


def _weight(text: str, is_chrome: bool, is_meta: bool) -> int:
    if is_chrome:
        return _CHROME_WEIGHT
    if is_meta:
        return 0
    if is_prose(text):
        return weight_length(text)
    return _SHORT_WEIGHT


def _heaviest_run(weights: list[int]) -> tuple[int | None, int]:
    """The first and last index of the run with the greatest total weight (Kadane's algorithm)."""
    best, best_range = 0, (None, -1)
    total, start = 0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = w, i
        else:
            total += w
        if total > best:
            best, best_range = total, (start, i)
    return best_range


def _body(texts: list[str], chrome: list[bool], start: int, end: int) -> list[int]:
    """The lines of the body, without widgets, advertisements and related runs."""
    out = []
    in_related = False
    for i in range(start, end + 1):
        text = texts[i]
        if RELATED_HEADING.match(text):
            in_related = True
            continue
        if in_related:
            if is_prose(text):
                in_related = False
            else:
                continue
        if chrome[i] or is_inline_related(text):
            continue
        out.append(i)
    return out


def _headline(texts: list[str], chrome: list[bool], metadata: list[bool], start: int, lang: str) -> int | None:
    """The headline's index, from the evidence of the lines before the body.

    A line printed twice (in a page-title line, a breadcrumb's end or a second headline, not as a photo's
    alt text beside its caption) is the headline; else the first of the lines just before a date or byline
    (the headline, then the standfirst); else the body's first line when it reads as a headline, or is one
    sentence of headline length, as on pages that lose the headline and open with the lead.
    """
    first = max(0, start - _HEAD_WINDOW)
    candidates = [i for i in range(first, start)
                  if not chrome[i] and not metadata[i] and _could_be_headline(texts[i])
                  and not is_author_role(texts[i])]
    # A photo's caption reads like a headline, but its credit follows it ("(KOMPAS.com/…)", "[사진 = 외교부]").
    captions = {i for i in candidates if _is_captioned(texts, chrome, i, start)}
    if len(captions) < len(candidates):
        candidates = [i for i in candidates if i not in captions]
    # A duplicate after the story (a footer repeating the site's name) is no evidence.
    keys = {j: _headline_key(texts[j]) for j in range(start) if len(texts[j]) <= 400}
    repeated = [i for i in candidates
                if any(key == keys[i] for j, key in keys.items() if j != i) or _is_in_title_line(texts[:start], i)]
    if repeated:
        return repeated[-1]
    anchors = [i for i in range(first, start) if metadata[i] and (
        is_byline(texts[i]) or parse_date(texts[i], lang, year=_year(texts)))]
    runs = _anchor_runs(anchors, candidates)
    for anchor in reversed(runs):
        before = [c for c in candidates if anchor - 8 <= c < anchor]
        if before:
            # The headline, then the standfirst under it: the first of the last run of candidates.
            group = [before[-1]]
            for c in reversed(before[:-1]):
                if any(not chrome[j] for j in range(c + 1, group[-1])):
                    break
                group.append(c)
            return group[-1]
    if runs:
        after = [c for c in candidates if c > anchors[-1]]
        if after:
            return after[0]     # the date above the headline
    opening = texts[start]
    if weight_length(opening) <= 300 and not _LINE_END.search(opening) and _could_be_headline(opening):
        return start        # a long headline weighs as prose: the body's first line
    if candidates:
        plain = [c for c in candidates if not _LINE_END.search(texts[c])]
        if plain and start - plain[-1] <= 6:
            return plain[-1]
    previous = next((i for i in range(start - 1, first - 1, -1) if not chrome[i] and not metadata[i]), None)
    if (previous is not None and not candidates and weight_length(texts[previous]) >= 8
            and (len(texts[previous].split()) >= 2 or weight_length(texts[previous]) > len(texts[previous]))
            and lookup_key(texts[previous]) not in CATEGORIES
            and not _LINE_END.search(texts[previous]) and not is_prose(texts[previous])
            and all(chrome[i] or metadata[i] for i in range(previous + 1, start))):
        return previous     # a short headline right above the story
    if weight_length(opening) <= 260 and len(_SENTENCE_END.findall(opening.rstrip())) <= 1:
        following = next((j for j in range(start + 1, len(texts)) if not chrome[j]), None)
        if following is not None and is_prose(texts[following]):
            return start
    return None


def _is_captioned(texts: list[str], chrome: list[bool], index: int, start: int) -> bool:
    following = next((j for j in range(index + 1, start) if not chrome[j]), None)
    return following is not None and is_credit(texts[following])


def _year(texts: list[str]) -> int | None:
    return page_year(texts)


def _anchor_runs(anchors: list[int], candidates: list[int]) -> list[int]:
    """The first line of each run of metadata lines (dates, bylines) that no candidate line interrupts."""
    runs: list[int] = []
    for anchor in anchors:
        if runs and not any(runs[-1] < c < anchor for c in candidates):
            continue
        runs.append(anchor)
    return runs


def _is_in_title_line(texts: list[str], index: int) -> bool:
    """True if another line is this one with the site's name after it ("Headline | Site", "Headline - TASS")
    or a breadcrumb trail that ends with it."""
    line = " ".join(texts[index].split())
    for j, text in enumerate(texts):
        other = " ".join(text.split())
        if j == index or len(other) <= len(line):
            continue
        if other.startswith(line) and re.match(r"^\s*[|｜\-–—:·«»]{1,2}\s*\S.{0,40}$", other[len(line):]):
            return True
        if other.endswith(line) and re.search(r"[>›»≫/]\s*$", other[:-len(line)]):
            return True
    return False


def _could_be_headline(text: str) -> bool:
    length = weight_length(text)
    if length < 16 or length > 400 or text.rstrip().endswith((":", "：")) or " > " in text or " › " in text:
        return False
    return len(text.split()) >= 3 or length >= 16 and length > len(text)      # or East Asian text


def _headline_key(text: str) -> str:
    return " ".join(clean_headline(text).casefold().split())


def _title_lines(texts: list[str], index: int) -> list[str]:
    """Other lines that may hold the headline with the site's name around it (page-title lines)."""
    return [t for j, t in enumerate(texts) if j != index and len(t) > len(texts[index])
            and texts[index].strip() in t]


def clean_headline(text: str) -> str:
    """A headline without wire tags ("(LEAD)", "(종합)", "[속보]") and the agency's or site's name after it;
    a Japanese or Chinese headline keeps its ideographic spaces, which part its clauses."""
    text = squash_spaces(text)
    previous = None
    while previous != text:
        previous = text
        text = _AGENCY_SUFFIX.sub("", _WIRE_TAGS.sub(" ", text).strip()).strip()
    return page_title(text)


def _is_category_line(texts: list[str], index: int, lang: str) -> bool:
    """A word or two standing right before the headline or its date: the section of the site."""
    text = texts[index].strip()
    return 0 < len(text.split()) <= 3 and weight_length(text) <= 24 and not is_prose(text)
