"""What an HTML page says about its article outside the article's text: the head's title, site name,
date, author, section, canonical address and language (meta tags, JSON-LD, breadcrumbs), and the byline
and date printed around the headline.
"""
from __future__ import annotations

import json
import re
from typing import Any

from tms import inline
from tms.segmentation.structure import RawBlock

def squeeze(text: str) -> str:
    """The text without any whitespace, to compare texts however they are wrapped and spaced."""
    return "".join(text.split())


_META_KEYS = {
    "og:title": "title", "twitter:title": "title", "title": "title",
    "og:site_name": "site_name", "application-name": "site_name",
    "article:published_time": "date", "date": "date", "pubdate": "date", "publishdate": "date",
    "dc.date": "date", "dc.date.issued": "date", "og:pubdate": "date", "parsely-pub-date": "date",
    "sailthru.date": "date", "datepublished": "date", "article.published": "date",
    "author": "byline", "article:author": "byline", "byline": "byline", "dc.creator": "byline",
    "article:section": "category", "category": "category", "og:url": "url",
}


def page_hints(doc) -> dict[str, Any]:
    """What the page's head says: title, site name, date, author, section, canonical address, language."""
    hints: dict[str, Any] = {}
    for meta in doc.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = " ".join((meta.get("content") or "").split())
        hint = _META_KEYS.get(key)
        if hint and value and not (hint == "byline" and value.startswith(("http://", "https://"))):
            hints.setdefault(hint, value)
    for link in doc.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            hints["url"] = link.get("href").strip()
    for key, value in _json_ld(doc).items():
        hints.setdefault(key, value)
    title = doc.find(".//title")
    if "title" not in hints and title is not None and title.text_content().strip():
        hints["title"] = " ".join(title.text_content().split())
    if "category" not in hints:     # after the title, which the trail's last step may repeat
        section = _breadcrumb(doc, str(hints.get("title", ""))) or _portal_section(doc)
        if section:
            hints["category"] = section
    if "date" not in hints:
        for time in doc.iter("time"):
            if time.get("datetime"):
                hints["date"] = time.get("datetime")
                break
    lang = (doc.get("lang") or doc.get("xml:lang") or "").strip()     # lxml.html keeps "xml:" in the name
    if lang:
        hints["lang"] = lang
    return hints


def _json_ld(doc) -> dict[str, str]:
    """Headline, date, author and section of a schema.org NewsArticle (or Article) in JSON-LD."""
    found: dict[str, str] = {}
    for item in _ld_items(doc):
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and k.endswith("Article") for k in kinds):
            continue
        for key, hint in (("headline", "title"), ("datePublished", "date"), ("articleSection", "category")):
            value = item.get(key)
            if isinstance(value, list):
                value = value[0] if value else ""
            if isinstance(value, str) and value.strip():
                found.setdefault(hint, " ".join(value.split()))
        author = item.get("author")
        names = [a.get("name") if isinstance(a, dict) else a for a in (author if isinstance(author, list) else [author])]
        names = [n.strip() for n in names if isinstance(n, str) and n.strip()]
        if names:
            found.setdefault("byline", ", ".join(names))
    return found


_CRUMB_ATTRS = (re.compile(r"crumb", re.IGNORECASE),
                re.compile(r"(?:^|[\s_-])(?:location|path|navi|you-are-here|curpos|position|where|bread)(?:$|[\s_-])",
                           re.IGNORECASE))


def _breadcrumb(doc, title: str) -> str:
    """The last step of the page's breadcrumb trail (schema.org BreadcrumbList, else the trail's own
    markup), leaving out the home page and the story's own headline."""
    from tms.segmentation.metadata import HOME_WORDS, NOT_SECTIONS
    from tms.segmentation.chrome import lookup_key

    steps = _ld_breadcrumb(doc)
    for pattern in _CRUMB_ATTRS if not steps else ():
        for element in doc.iter("nav", "ol", "ul", "div", "p"):
            if pattern.search(f"{element.get('class', '')} {element.get('id', '')}"):
                items = element.xpath(".//li")
                trail = re.sub(r"^[^:：>›»]{1,16}[:：]\s*", "", " ".join(element.text_content().split()))    # "当前位置："
                steps = ([" ".join(i.text_content().split()) for i in items] if items else
                         re.split(r"\s*[>›»≫|/]\s*", trail))
                if len(steps) >= 2:
                    break
        if len(steps) >= 2:
            break
    key = squeeze(title).casefold()
    steps = [s for s in steps if s and lookup_key(s) not in HOME_WORDS | NOT_SECTIONS and len(s) <= 40
             and not (key and (squeeze(s).casefold() in key or key in squeeze(s).casefold()))]
    return steps[-1] if steps else ""


#: How a news portal says which section the outlet filed a story under (Naver: "이 기사는 언론사에서 경제
#: 섹션으로 분류했습니다.").
_FILED_UNDER = re.compile(r"이 기사는 언론사에서\s*(?P<section>[^\s.]{1,20})\s*섹션으로 분류")


def _portal_section(doc) -> str:
    for element in doc.xpath("//p[contains(., '섹션으로 분류')]"):
        match = _FILED_UNDER.search(element.text_content())
        if match:
            return match.group("section")
    return ""


def _ld_breadcrumb(doc) -> list[str]:
    for item in _ld_items(doc):
        if item.get("@type") == "BreadcrumbList" and isinstance(item.get("itemListElement"), list):
            entries = sorted((e for e in item["itemListElement"] if isinstance(e, dict)),
                             key=lambda e: e.get("position", 0) if isinstance(e.get("position"), int) else 0)
            return [" ".join(str(e.get("name") or (e.get("item") or {}).get("name", "")
                                 if isinstance(e.get("item"), dict) else e.get("name") or "").split())
                    for e in entries]
    return []


def _ld_items(doc) -> list[dict]:
    """The schema.org objects of the page's JSON-LD scripts, those of an ``@graph`` included; a script that
    is not valid JSON is passed over."""
    items: list[dict] = []
    for script in doc.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            items.extend(_flattened(json.loads(script.text)))
        except ValueError:
            continue
    return items


def _flattened(data) -> list[dict]:
    if isinstance(data, list):
        return [item for entry in data for item in _flattened(entry)]
    if isinstance(data, dict):
        return [data] + [item for entry in data.get("@graph", []) for item in _flattened(entry)]
    return []


def lines_by_headline(blocks: list[RawBlock], headline: int | None, wants_date: bool) -> dict[str, str]:
    """The byline and, if asked, the date printed in the lines around the headline (the page shows them
    even where its head does not say them, or says the author otherwise)."""
    from tms.segmentation.metadata import byline_name, email_in, is_byline, parse_date

    found: dict[str, str] = {}
    if headline is None:
        return found
    for index in sorted(range(max(0, headline - 6), min(len(blocks), headline + 12)), key=lambda i: abs(i - headline)):
        if blocks[index].kind in ("caption", "credit"):
            continue        # a photographer named under a photo is not the story's author
        text = inline.plain(blocks[index].text).strip()
        if len(text) > 80:
            continue
        date = parse_date(text, "") if wants_date and "date" not in found else ""
        if date:
            found["date"] = date
        elif "byline" not in found and is_byline(text):
            found["byline"] = byline_name(text)
            if email_in(text):
                found["email"] = email_in(text)
    return found


def htmldate_hint(doc) -> dict[str, str]:
    """The publication date htmldate finds in the page's markup and text, when the head names none."""
    from htmldate import find_date

    try:
        date = find_date(doc, extensive_search=False, original_date=True)
    except Exception:   # htmldate is a heuristic over untrusted markup; no date is better than no import
        return {}
    return {"date": date} if date else {}

