"""Turning the bytes of an imported article into text: BOMs, UTF-8, legacy East Asian encodings.

Most articles arrive as UTF-8 and take the fast path; the rest go through an HTML ``<meta charset>``
when it decodes cleanly, then charset-normalizer restricted to the encodings our eleven languages
are still served in.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from tms.errors import InputError

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Encodings charset-normalizer may choose from: Unicode plus what Korean, Japanese, Chinese,
#: Arabic, Cyrillic, Vietnamese and Western European sites still serve. A narrow list is both
#: faster and more accurate (unrestricted, French cp1252 comes back as Hungarian cp1250).
_CANDIDATES = [
    "utf_8", "cp949", "euc_kr", "cp932", "shift_jis", "euc_jp", "iso2022_jp", "gb18030", "big5",
    "cp1252", "cp1251", "koi8_r", "cp1256", "cp1258",
]

# What browsers really use for the labels pages declare (WHATWG Encoding Standard).
_LABEL_ALIASES = {
    "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "ksc5601": "cp949", "x-windows-949": "cp949",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "ms_kanji": "cp932",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
    "big5": "big5hkscs", "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
}

_BINARY_MAGIC = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LOOKS_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|meta|body)\b", re.IGNORECASE)
# C0 controls other than tab, newline, vertical tab, form feed, carriage return and escape
# (ISO-2022-JP switches character sets with escape sequences).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b") + b"\x7f"
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def decode_bytes(data: bytes, name: str) -> str:
    """The text of ``data`` (an article file called ``name``), with \\n newlines and in NFC."""
    if not data.strip():
        raise InputError(f"{name} is empty; nothing to import")
    text = _decode_bom(data)
    if text is None:
        _reject_binary(data, name)
        text = _decode_iso2022(data) if b"\x1b$" in data else _decode_utf8(data)
    if text is None and (name.lower().endswith((".html", ".htm")) or _LOOKS_HTML.search(data[:2048])):
        text = _decode_declared(data)
    if text is None:
        text = _decode_detected(data, name)
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    if not text.strip():
        raise InputError(f"{name} is empty; nothing to import")
    if _CONTROL_CHARS.search(text) and len(_CONTROL_CHARS.findall(text)) > max(3, len(text) // 100):
        raise InputError(f"{name} does not decode to clean text (control or replacement characters); "
                         "save it as UTF-8 and import it again")
    text = text.lstrip("\ufeff")
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _decode_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _reject_binary(data: bytes, name: str) -> None:
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        raise InputError(f"{name} is a binary file, not an article; import its text, HTML or Markdown")
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > len(head) // 10:
        raise InputError(f"{name} is mostly control characters, not an article; "
                         "import its text, HTML or Markdown")


def _decode_iso2022(data: bytes) -> str | None:
    """ISO-2022-JP (old Japanese mail and pages) is 7-bit, so it would pass for UTF-8: its escape
    sequences give it away."""
    try:
        return data.decode("iso2022_jp_ext")
    except UnicodeDecodeError:
        return None


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_declared(data: bytes) -> str | None:
    """The text as the page's own ``<meta charset>`` says, when that decodes without error."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    try:
        return data.decode(_LABEL_ALIASES.get(label, label))
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_detected(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes    # only for files that are neither UTF-8 nor declared

    for match in from_bytes(data, cp_isolation=_CANDIDATES):
        text = str(match)
        if _is_plausible(text, match.encoding):
            return text
    try:
        data.decode("utf-8")
        where = ""
    except UnicodeDecodeError as exc:
        where = f" (invalid byte at offset {exc.start})"
    raise InputError(f"cannot tell the encoding of {name}: it is not UTF-8{where} and no legacy encoding "
                     "fits; save it as UTF-8 and import it again")


def _is_plausible(text: str, encoding: str) -> bool:
    """False for the classic misreading of Shift_JIS or GB18030 bytes as CP949 Korean."""

    if encoding not in ("cp949", "euc_kr"):
        return True
    hangul = len(_HANGUL.findall(text))
    # Korean separates words with spaces and uses few Chinese characters; Japanese and Chinese
    # misread as CP949 give runs of Hangul without spaces, mixed with Chinese characters.
    if hangul >= 8 and text.count(" ") * 10 < hangul:
        return False
    return len(_HAN.findall(text)) * 3 <= hangul
