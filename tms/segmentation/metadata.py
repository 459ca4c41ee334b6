"""Recognising an article's metadata in the lines of a page: dates in the eleven languages' forms,
bylines, photo credits, e-mail addresses, categories and breadcrumbs, the unofficial-translation notice."""
from __future__ import annotations

import datetime
import functools
import re

from babel import Locale

from tms.languages import CODES
from tms.segmentation.chrome import is_site_name, lookup_key, vocabulary
from tms.segmentation.structure import IMAGE_FILE_NAME

SHORT = 120        # metadata and chrome are short lines; longer blocks skip those checks
ENDS_SENTENCE = re.compile(r"[.。!！:：;]$")

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_TIME = re.compile(
    r"\d{1,2}[:.]\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?(?=\D|$)|[T ]\d\d:\d\d\S*|\d{1,2}\s*時\s*\d{1,2}\s*分|\d{1,2}\s*시\s*\d{1,2}\s*분"
    r"|\d{1,2}h\d\d|(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d\d)?|\b(?:GMT|UTC|WIB|WITA|WIT|KST|JST|CST|CEST|CET|MSK|ICT|EDT|EST"
    r"|PDT|PST|BST)\b",
    re.IGNORECASE,
)
#: A date in another calendar written beside the Gregorian one ("١٧ شوال ١٤٤٦ هـ"); Japanese eras are read.
_HIJRI = re.compile(r"\d{1,2}\s+\S+\s+1[34]\d\d\s*هـ")
_ERA = re.compile(r"(?P<era>令和|平成|昭和)\s*(?P<y>\d{1,2}|元)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_ERA_START = {"令和": 2019, "平成": 1989, "昭和": 1926}
_NO_YEAR = (re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+(?P<mon>[^\W\d_]{3,})\.?(?=[\s,]|$)"),
            re.compile(r"(?<![^\W\d_])(?P<mon>[^\W\d_]{3,})\.?\s+(?P<d>\d{1,2})(?=[\s,]|$)"))
_DATE_PATTERNS = (
    re.compile(r"(?P<y>\d{4})\s*(?:[-./년年]|\.\s)\s*(?P<m>\d{1,2})\s*[-./월月]\s*(?P<d>\d{1,2})(?!\d)\s*[일日.]?"),
    re.compile(r"(?P<mon>[^\W\d_]{3,})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})(?:\.|º|er)?\s+(?:de\s+)?(?P<mon>[^\W\d_]{3,})\.?,?\s+(?:de\s+|del\s+)?(?P<y>\d{4})"),
    re.compile(r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2}),?\s+(?:năm\s+)?(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?P<d>\d{1,2})\s*(?P<sep>[./-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})"),
)


def parse_date(text: str, lang: str, is_whole_line: bool = True, year: int | None = None) -> str:
    """The ISO date (2017-03-27) written in ``text``, or ""; with ``is_whole_line`` only if the line
    says nothing else ("Mar 27, 2017", "2017.03.27 (월)", "27 mars 2017", "2017년 3월 27일", "平成29年4月28日").

    A line that gives day and month alone ("8 апреля, 14:35") is read in ``year``, when the page says
    which year it is.
    """
    if IMAGE_FILE_NAME.match(text.strip()):
        return ""           # "kuna-2025-04-08-mou.jpg" is a photo's name, not the story's date
    text = text.translate(_DIGITS)
    era = _ERA.search(text)
    if era and (not is_whole_line or _is_date_rest(text[:era.start()] + " " + text[era.end():])):
        number = 1 if era["y"] == "元" else int(era["y"])
        try:
            return datetime.date(_ERA_START[era["era"]] + number - 1, int(era["m"]), int(era["d"])).isoformat()
        except ValueError:
            return ""
    if not _YEAR.search(text):
        return _date_without_year(text, year) if year and is_whole_line else ""
    text = _HIJRI.sub(" ", text)
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if is_whole_line and not _is_date_rest(text[:match.start()] + " " + text[match.end():]):
                continue
            iso = _iso_date(match, lang)
            if iso:
                return iso
    return ""


_MACHINE_DATE = re.compile(r"^\s*(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s_])")


def machine_date(value: str, lang: str = "") -> str:
    """The ISO date of a date as pages' heads write it ("2025-04-10T11:24:00+03:00", "20250410T1124"),
    or of one written for people."""
    match = _MACHINE_DATE.match(value)
    if match:
        try:
            return datetime.date(*map(int, match.groups())).isoformat()
        except ValueError:
            pass
    return parse_date(value, lang, is_whole_line=False)


def _date_without_year(text: str, year: int) -> str:
    for pattern in _NO_YEAR:
        for match in pattern.finditer(text):
            month = _month_names().get(match["mon"].casefold())
            if not month or not _is_date_rest(text[:match.start()] + " " + text[match.end():]):
                continue
            try:
                return datetime.date(year, month, int(match["d"])).isoformat()
            except ValueError:
                return ""
    return ""


def _is_date_rest(rest: str) -> bool:
    """True when what surrounds a date is only a label, a weekday or a time ("Posted", "(월)", "10:32")."""
    rest = _TIME.sub(" ", rest)
    words = [w for w in re.split(r"[\W_]+", rest) if w]
    return not re.search(r"\d", rest) and len("".join(words)) <= 24 and len(words) <= 4


_COPYRIGHT = re.compile(r"©|\(c\)|copyright|ⓒ|版权|版權|حقوق|derechos|droits|rechte|права|bản quyền|hak cipta|저작권",
                        re.IGNORECASE)


def page_year(texts: list[str]) -> int | None:
    """The year of a page, for dates written without one: the latest year of its copyright lines, else the
    year its short lines (dates, captions) name most often, else the one its text names most often."""
    short = [t for t in texts if len(t) <= 200]
    copyright_years = [int(m.group()) for t in short if _COPYRIGHT.search(t)
                       for m in _YEAR.finditer(t.translate(_DIGITS))]
    if copyright_years:
        return max(copyright_years)
    for pool in ([t for t in short if len(t) <= 60], [t[:2000] for t in texts[:50]]):
        counts: dict[int, int] = {}
        for text in pool:
            for match in _YEAR.finditer(text.translate(_DIGITS)):
                counts[int(match.group())] = counts.get(int(match.group()), 0) + 1
        if counts:
            return max(counts, key=lambda y: (counts[y], y))
    return None


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
    names: dict[str, int] = {"sept": 9, **{name: number for number, name in enumerate(
        "كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول".split("|"), start=1)}}
    for code in CODES:
        months = Locale.parse(code).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    name = name.casefold().rstrip(".")
                    if not re.search(r"\d", name):
                        names.setdefault(name, number)
    return names


UNOFFICIAL = re.compile(
    r"unofficial translation|비공식\s?번역|非公式(?:翻訳|訳)|非官方(?:翻译|翻譯|譯文|译文)|ترجمة غير رسمية"
    r"|traducción no oficial|traduction non officielle|inoffizielle übersetzung|неофициальный перевод"
    r"|bản dịch không chính thức|terjemahan tidak resmi",
    re.IGNORECASE,
)
EMAIL_LINE = re.compile(r"^(?:[^\W\d_]+(?:[ -][^\W\d_]+)?\s*[:：]\s*)?<?(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>?$")
CREDIT = re.compile(
    r"^(?:photos?|photo credits?|photographs?|pictures?|images?|graphics?|illustrations?|sources?|사진"
    r"|그래픽|출처|写真|照片|图片|圖片|صور|صورة|الصور|fotos?|fotografías?|bilder?|bildquelle|quelle|фото|ảnh|đồ họa"
    r"|gambar|crédits?(?: photo)?|crédito|تصوير|촬영기자|영상기자|영상편집|영상취재|촬영|撮影|摄影|攝影)"
    r"(?:\s+(?:courtesy(?:\s+of)?|credits?|by|de|von|par|oleh))?\s*[:：=/]\s*\S",
    re.IGNORECASE,
)
WORD_CHAR = re.compile(r"[^\W\d_]")
#: Who took or gave a photo, as agencies and papers print it beside a caption or under it.
_AGENCIES = (r"Yonhap|Xinhua|Reuters|AFP|AP|EPA|EFE|Getty Images|Bloomberg|Kyodo|Jiji|TASS|ТАСС|РИА Новости|Sputnik"
             r"|ANTARA(?: FOTO)?|KOMPAS\.com|TTXVN|Vietnam\+|VNA|dpa|picture alliance|Europa Press|EUROPA PRESS|KUNA"
             r"|WAM|SPA|واس|كونا|وام|연합뉴스|뉴시스|뉴스1|新华社|中新社|中央社|共同|時事")
_AGENCY_NAME = re.compile(r"(?<!\w)(?:" + _AGENCIES + r"|Agencia|Agence|Agentur|Agency|Agenzia)(?!\w)", re.IGNORECASE)


def names_agency(text: str) -> bool:
    """True for text that names a news or photo agency ("Agencia EFE", "Yonhap", "ТАСС")."""
    return bool(_AGENCY_NAME.search(text))


_CREDIT_FORMS = re.compile(
    r"^\s*(?:"
    r"©\s*[^\d©]{2,60}"                                                      # © Сергей Бобылев/ТАСС
    r"|[(（\[]\s*(?:사진\s*=|사진제공|그래픽\s*=|자료사진|ảnh\s*:|foto\s*:|photo\s*:)[^)）\]]{1,60}[)）\]]"    # [사진 = 외교부]
    r"|[(（\[][^)）\]]{1,60}(?:제공|摄|撮影|提供|照片|写真|檔案照片|資料照片|資料写真)[^)）\]]{0,30}[)）\]]"   # [… 제공. 재판매 …]
    r"|[(（]\s*(?:" + _AGENCIES + r")(?:\s*/\s*[^)）]{1,40})?\s*[)）]"          # (Xinhua/Li Mingze), (Yonhap)
    r"|[(（][^)）]{1,40}/\s*(?:" + _AGENCIES + r")\s*[)）]"                      # (Ảnh: …/TTXVN)
    r"|(?:" + _AGENCIES + r")\s*/\s*[^/\n]{1,40}(?:/[^/\n]{1,20})?"            # ANTARA/HO-Kemendag
    r"|[^/\n]{1,40}\s*/\s*(?:" + _AGENCIES + r")"                              # PIERRE-ALAIN DUVAL / AFP
    r"|(?:\S+\s*)?记者\s*\S{1,10}\s*摄"                                          # 新华社记者 刘洋 摄
    r"|Dok\.\s*\S.{0,40}"                                                    # Dok. Pemkot Surabaya
    r")\s*$",
    re.IGNORECASE,
)
_BYLINE_LATIN = re.compile(
    r"^(?:by|par|por|von|oleh|bởi|от|автор|texte par|reporting by|pewarta|penulis|reporter|redacción|текст"
    r"|autor(?:es)?|autora|بقلم)(?:\s*[:：]\s*|\s+)(?P<name>\S.*)$", re.IGNORECASE)
_BYLINE_OTHER = re.compile(
    r"^(?:기자|撰稿|记者|記者|بقلم)\s*[:：/]?\s*\S|^(?:글|文)\s*[:：/]\s*\S"
    r"|^[^\d()（）:：]{2,40}?\s*[(（](?:" + _AGENCIES + r")(?:\s*/\s*[^)）]{1,30})?[)）]$"
    r"|^\S+(?:\s\S+)?\s+(?:기자|特派員|記者|记者|특파원|선임기자|객원기자)(?:\s+\S+@\S+)?$"
    r"|^(?:редакция|redaktion|rédaction|redacción|redaksi)(?:\s+сайта)?\s+\S+"
    r"|^\S*(?:記者|记者)\S{2,4}$"
    r"|^[(（](?:" + _AGENCIES + r")[)）]$", re.IGNORECASE)
_NAME_LINKS = frozenset("and und et y e dan và и de da van von der al bin".split())
_DATELINE_BYLINE = re.compile(
    r"\(\S+=\S+\)\s*(?P<ko>\S{2,4}(?:\s\S{2,4})?\s(?:기자|특파원))\s*="              # (서울=연합뉴스) 김해원 기자 =
    r"|[(（](?P<zh>(?:\S*记者|\S*記者)\s*[^)）,，]{2,12})[)）]"                       # （记者 张晓宁）
    r"|^(?:\S{2,10})?[(（](?P<zh2>中央社記者\S{2,4}?)\S{0,12}電[)）]")                  # （中央社記者林佳穎台北21日電）


#: Lines that say who edited a story or where it came from: kept out of the text, like a byline.
SIGNOFF = re.compile(
    r"^[|｜]?\s*(?:editor|editing by|edited by|producer|责任编辑|責任編輯|编辑|編輯|来源|來源|source|sumber|nguồn|источник"
    r"|avec|with|mit|con|com|bersama|theo|according to|redaktion|rédaction|édité par|bearbeitet von)"
    r"(?:\s*[:：]\s*|\s+)\S.{0,60}$|^[(（](?:編輯|编辑|責任編輯|责任编辑)\s*[:：]\s*[^)）]{1,20}[)）]\S{0,10}$",
    re.IGNORECASE,
)
_ROLE_WORDS = re.compile(
    r"writer|reporter|correspondent|editor|staff|columnist|contributor|journalist|기자|특파원|記者|特派員|记者"
    r"|корреспондент|обозреватель|журналист|redakteur|korrespondent|journaliste|envoyé|rédacteur|periodista"
    r"|corresponsal|redactor|redactora|rédactrice|correspondante|phóng viên|biên tập|wartawan|kontributor|penulis"
    r"|مراسل|مراسلة|محرر|محررة|корреспондентка|редактор|journalistin|korrespondentin|redakteurin",
    re.IGNORECASE,
)


def is_author_role(text: str) -> bool:
    """True for the line under a byline that says what the author is ("Korea.net Staff Writer")."""
    return len(text) <= 60 and not ENDS_SENTENCE.search(text) and bool(_ROLE_WORDS.search(text))


_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ɏА-ЯЁḀ-Ỹ][\w'’.-]*|[\u3131-\ud7a3\u4e00-\u9fff]{2,4})$")


def looks_like_name(text: str) -> bool:
    """True for a line that is a person's or an outlet's name alone: "Lucía Ferrández", "Nguyễn Đông",
    "FRANCE 24", "김해원"."""
    words = text.split()
    if not 1 <= len(words) <= 4 or len(text) > 40 or ENDS_SENTENCE.search(text):
        return False
    if len(words) == 1 and not re.fullmatch(r"[\u3131-\ud7a3\u4e00-\u9fff]{2,4}", text):
        return False
    return all(_NAME_WORD.match(w) or w.isdigit() or w.lower() in _NAME_LINKS for w in words)


def is_byline(text: str) -> bool:
    """True for "By Sohn JiAe", "Par Marie Dupont", "글: 손지애", "손지애 기자", "Редакция сайта ТАСС";
    not "By contrast, ..."."""
    if len(text) > 60 or re.search(r"\d", text):
        return False
    match = _BYLINE_LATIN.match(text)
    if match:
        name = _BYLINE_TAIL.sub("", match.group("name"))     # "… (Иркутская область)", "…, dpa"
        words = name.replace(";", " ").split()
        return (0 < len(words) <= 8 and bool(WORD_CHAR.search(name))
                and all(not w[0].islower() or w in _NAME_LINKS for w in words))
    return bool(_BYLINE_OTHER.match(text))


#: What may follow the author's name on a byline line: a place in brackets, the agency after a comma.
_BYLINE_TAIL = re.compile(r"\s*[(（][^)）]*[)）]$|,\s*(?:" + _AGENCIES + r")$", re.IGNORECASE)
#: A name, then the outlet or desk it writes for: "Dian Lestari - detikJabar".
_NAME_AND_OUTLET = re.compile(r"^(?P<name>[^-–—|/]{3,40}?)\s+[-–—|]\s+(?P<outlet>\S{2,30})$")


def name_and_outlet(text: str) -> str:
    """The name of a "Name - Outlet" line ("Dian Lestari - detikJabar"), or ""."""
    match = _NAME_AND_OUTLET.match(text.strip())
    return match.group("name") if match and looks_like_name(match.group("name")) else ""


#: A newspaper's print-issue line: "Российская газета - Экономика Сибири: №96(9339)", "№78 от 05.05.2024".
PRINT_ISSUE = re.compile(r"№\s?\d{1,5}\s?\(\d{3,6}\)|№\s?\d{1,5}\s+от\s+\d")


def byline_name(text: str) -> str:
    """The author as a byline line names them: "By Sohn JiAe" gives "Sohn JiAe", "Reporting by A; Editing by
    B" gives "A", "김해원 기자 kim@yna.co.kr" gives "김해원 기자", "Thu Phương (TTXVN/Vietnam+)" gives "Thu Phương"."""
    text = " ".join(text.split())
    match = _BYLINE_LATIN.match(text)
    if match:
        name = re.split(r"\s*[;|]\s*|\s+[-–]\s+", _BYLINE_TAIL.sub("", match.group("name")))[0].strip()
        role, comma, rest = name.rpartition(",")
        if comma and _ROLE_WORDS.search(role):
            return rest.strip()         # "Kontributor Surabaya, Andi Hartanto"
        parts = [p.strip() for p in name.split(",")]
        names = [p for p in parts if looks_like_name(p)]
        return ", ".join(names) if names and names[0] == parts[0] else name    # "Julia Berger, ARD-Studio"
    text = re.sub(r"\s+\S+@\S+$", "", text)
    text = re.sub(r"^(?:[^/\s]{1,12}/)?(?:글\s*·\s*사진|글|사진)\s+", "", text)      # "가파도/글·사진 송지유 기자"
    named = re.sub(r"\s*[(（][^)）]*[)）]$", "", text)
    named = name_and_outlet(named) or named
    if named.endswith(".") and not named.endswith("..") and looks_like_name(named[:-1]):
        named = named[:-1]          # "Yann LE BIHAN." signing a story
    return (named or text).strip("()（） ")


def email_in(text: str) -> str:
    """The e-mail address a short metadata line ends with ("김해원 기자 kim@yna.co.kr"), or ""."""
    match = re.search(r"(?<![\w.+-])([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*$", text)
    return match.group(1) if match else ""


def dateline_byline(text: str) -> str:
    """The reporter named in a wire story's dateline: "(서울=연합뉴스) 김해원 기자 =", "（记者 张晓宁）"."""
    match = _DATELINE_BYLINE.search(text[:160])
    if not match:
        return ""
    name = match["ko"] or match["zh"] or match["zh2"]
    return " ".join(re.sub(r"\S{2,4}?\d{1,2}日[電电]$", "", name).split())


def is_credit(text: str) -> bool:
    """True for a photo credit as agencies and papers print it: "Foto: EFE/…", "© Сергей Бобылев/ТАСС",
    "[사진 = 외교부]", "(Xinhua/Li Mingze)", "(Ảnh: …/TTXVN)", "新华社记者 刘洋 摄", "（代表撮影）"."""
    if len(text) > SHORT:
        return False
    text = text.strip()
    if text.startswith("©") and (re.search(r"\d{4}|rights|rechte|droits|права|derechos|권리", text, re.IGNORECASE)):
        return False        # a site's copyright line, not a photographer's
    return bool(CREDIT.match(text) or _CREDIT_FORMS.match(text))


_STRICT_CREDIT = re.compile(
    r"^[(（\[]\s*(?:사진\s*=|ảnh\s*:|foto\s*:|photo\s*:|(?:" + _AGENCIES + r")\b)|(?:" + _AGENCIES + r")\s*[)）\]]$"
    r"|^(?:" + _AGENCIES + r")\s*/"
    r"|^(?:ảnh|đồ họa|photo|foto|fotos|grafik|graphic|gráfico|infographic|infografis)\s*:\s*\S"
    r"|(?:记者|記者)\s*\S{1,10}\s*[摄攝]$|제공|撮影|提供|[摄攝][)）]|照片[)）]|写真[)）]", re.IGNORECASE)


def is_strict_credit(text: str) -> bool:
    """True for a credit that can end nothing but a caption: an agency or photographer in brackets."""
    return is_credit(text) and bool(_STRICT_CREDIT.search(text.strip()))


def credit_tail(text: str) -> tuple[str, str]:
    """A caption and the credit printed at its end, or ``text`` and "": in brackets ("… in Seoul. (Yonhap)",
    "…（代表撮影）", "… [사진 = 외교부]"), after a copyright sign ("© Julien de Rosa, AFP"), or after the
    caption's last sentence ("… Rabu (24/4/2024). ANTARA/HO-Kemendag", "…。新华社记者 陶明 摄",
    "… in Madrid. Foto: EFE/…")."""
    stripped = text.rstrip()
    starts = []
    closer = stripped[-1:]
    if closer in _BRACKETS:
        starts.append(stripped.rfind(_BRACKETS[closer]))
    starts.append(stripped.rfind("©"))
    window = max(0, len(stripped) - 72)
    for mark in (". ", "。", "! ", "? ", ") ", "） "):
        found = stripped.find(mark, window)
        while found >= 0:
            starts.append(found + len(mark))
            found = stripped.find(mark, found + 1)
    for start in sorted({s for s in starts if 0 < s and len(stripped) - s <= 70}):
        credit = stripped[start:].strip()
        if credit and is_credit(credit):
            return stripped[:start].rstrip(), credit
    bar = _BAR_CREDIT.search(stripped)
    if bar:
        return stripped[:bar.start()].rstrip(), bar.group("credit")
    return text, ""


#: A credit after a bar at a caption's end, in capitals or naming an agency: "… le 30 avril 2024. | OUEST-FRANCE".
_BAR_CREDIT = re.compile(r"\s+[|｜]\s+(?P<credit>(?:[^\W\d_a-z][\w.'’-]*)(?:[ /][^\W\d_a-z][\w.'’-]*){0,4}"
                         r"|[^|｜]{2,40}/\s*(?:" + _AGENCIES + r"))$")
def is_bar_credit(caption: str) -> bool:
    """True for a caption that ends with a credit after a bar ("… | OUEST-FRANCE")."""
    return bool(_BAR_CREDIT.search(caption.rstrip()))


#: A credit in brackets inside a caption, before its date or the photographer's address:
#: "… 7부두 전경. (사진=부산항만공사 제공) 2024.11.05. photo@newsis.com".
INNER_CREDIT = re.compile(r"[(（\[]\s*(?:사진\s*=|사진제공|ảnh\s*:|foto\s*:|photo\s*:)[^)）\]]{1,60}[)）\]]"
                          r"|[(（\[][^()（）\[\]]{1,40}제공[)）\]]", re.IGNORECASE)


_BRACKETS = {")": "(", "）": "（", "]": "["}


def is_metadata_line(line: str, lang: str, year: int | None = None) -> bool:
    """True for a line that holds a date, a byline, a credit, an e-mail address or the notice only."""
    return len(line) <= SHORT and bool(
        is_byline(line) or is_credit(line) or EMAIL_LINE.match(line) or UNOFFICIAL.search(line)
        or SIGNOFF.match(line) or IMAGE_FILE_NAME.match(line) or PRINT_ISSUE.search(line)
        or parse_date(line, lang, year=year))


#: Breadcrumb steps and labels that name a page, not a section.
NOT_SECTIONS = frozenset(
    "article artikel articles view detail details 본문 내용 상세 기사 記事 本文 正文 详情 詳情 內文 نص المقال el artículo "
    "artículo noticia l'article texte текст статья chi tiết bài viết isi berita".split()
) | frozenset(("el artículo", "la noticia", "l'article", "bài viết", "isi berita", "chi tiết"))
CATEGORIES = vocabulary("""
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
HOME_WORDS = vocabulary("home|홈|ホーム|首页|首頁|accueil|inicio|startseite|главная|trang chủ|beranda|الرئيسية")


def is_category_like(text: str) -> bool:
    words = text.split()
    return len(words) <= 2 and len(text) <= 24 and not ENDS_SENTENCE.search(text)


def category_of(text: str) -> str:
    """The category a line names ("Press Releases"), also as the last step of a breadcrumb trail."""
    if lookup_key(text) in CATEGORIES:
        return text.strip()
    steps = _BREADCRUMB.split(text)
    if (len(steps) >= 3 or lookup_key(steps[0]) in HOME_WORDS) and all(len(step) <= 30 for step in steps):
        return steps[-1].strip()
    return ""


def category_beside_date(line: str) -> str:
    """The known category printed beside a date on one line ("25.03.2024 - Pressemitteilung",
    "정책 | 2024.05.02"), or ""."""
    parts = [p for p in re.split(r"\s+[|\-–—·/]\s+|\s*[|｜]\s*", line) if p.strip()]
    return next((p.strip() for p in parts if len(parts) >= 2 and lookup_key(p) in CATEGORIES), "")


_SPACES = re.compile(r"[^\S\u3000]+")


def squash_spaces(text: str) -> str:
    """Runs of whitespace as one space; a Japanese or Chinese ideographic space, which parts a headline's
    clauses, is kept."""
    return _SPACES.sub(" ", text).strip()


_TITLE_SEPARATOR = re.compile(r"(\s+[|\-–—:<>·]\s+|\s*[|｜]\s*)")


def page_title(title: str) -> str:
    """The headline in a page title: "Korea, int'l community ... : Korea.net : The official website ..."
    loses the site's names and sections at either end; "Korea - US talks" stays whole."""
    parts = _TITLE_SEPARATOR.split(squash_spaces(title))     # text, separator, text, ...
    while len(parts) > 2 and _is_site_part(parts[-1]):
        del parts[-2:]
    while len(parts) > 2 and _is_site_part(parts[0]):
        del parts[:2]
    return "".join(parts).strip()


def _is_site_part(text: str) -> bool:
    return is_site_name(text) or lookup_key(text) in CATEGORIES
