"""Word (.docx) and HWPX press releases in, semantic HTML and their embedded images out.

Korean ministries publish releases as Word and Hancom Office (HWPX, OWPML) files. ``read_office``
turns one into a whole HTML document that uses only the structural elements the HTML reader
understands (headings, paragraphs, lists, tables, figures, quotes and inline emphasis), with the
images as separate assets; ``sniff_office`` tells the format from the bytes. The readers live beside
this module: ``office_docx`` (mammoth, with a little XML), ``office_hwpx`` (OWPML by hand) and
``office_html`` (the HTML both produce, tidied the same way).
"""
from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from lxml import etree

from tms.errors import InputError
from tms.segmentation.office_docx import read_docx
from tms.segmentation.office_hwpx import read_hwpx

MAX_UNPACKED_BYTES = 50 * 1024 * 1024     # an office file that unpacks to more is refused as a zip bomb
MAX_PARTS = 10_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SMALL_PART = 64 * 1024                     # the most sniffing reads of any one part
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_LABELS = {"docx": "Word", "hwpx": "HWPX"}


@dataclass
class OfficeDocument:
    """An office file as semantic HTML, with its embedded images by file name."""

    html: str                                   # a whole HTML document
    assets: dict[str, bytes] = field(default_factory=dict)  # "image1.png" -> bytes; <img src> names them
    kind: str = "docx"                          # "docx" or "hwpx"


def sniff_office(data: bytes) -> str | None:
    """'docx', 'hwpx', 'hwp' (binary HWP 5), 'doc' (binary Word 97-2003), or None, by content not name.

    A password-protected Word file is an OLE container holding an encrypted package; it counts as
    'docx', so that ``read_office`` can say it needs the password removed.
    """
    if data[:8] == _OLE_MAGIC:
        if b"HWP Document File" in data:
            return "hwp"
        if "WordDocument".encode("utf-16-le") in data:
            return "doc"
        if "EncryptedPackage".encode("utf-16-le") in data:
            return "docx"
        return None
    if data[:2] != b"PK":
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _sniff_zip(archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError):
        return None


def _sniff_zip(archive: zipfile.ZipFile) -> str | None:
    names = set(archive.namelist())
    if "mimetype" in names and _small_read(archive, "mimetype").strip() == b"application/hwp+zip":
        return "hwpx"
    if "Contents/content.hpf" in names or "Contents/header.xml" in names:
        return "hwpx"
    if "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names and b"wordprocessingml.document" in _small_read(archive, "[Content_Types].xml"):
        return "docx"
    return None


def _small_read(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    return archive.read(name) if info.file_size <= _SMALL_PART and not info.flag_bits & 1 else b""


def read_office(data: bytes, name: str) -> OfficeDocument:
    """Convert a .docx or .hwpx file to semantic HTML and its images.

    InputError for binary HWP and Word 97-2003 files (they must be saved as HWPX or .docx first),
    for damaged, encrypted or password-protected files (the message names the broken part), and for
    files that unpack to more than ``MAX_UNPACKED_BYTES``.
    """
    kind = sniff_office(data)
    if kind == "hwp":
        raise InputError(f"{name}: this is a binary HWP file, which tms cannot read; open it in Hancom Office "
                         f"and save it as HWPX (.hwpx), or export it to HTML, then import that file")
    if kind == "doc":
        raise InputError(f"{name}: this is a Word 97-2003 (.doc) file, which tms cannot read; open it in Word "
                         f"and save it as a Word document (.docx), or export it to HTML, then import that file")
    if kind is None:
        if data[:2] == b"PK":
            _open_zip(data, name)           # raises with what is wrong with the archive
        raise InputError(f"{name}: not a Word (.docx) or HWPX (.hwpx) file; import a .docx or .hwpx file, "
                         f"or the release as HTML or text")
    if data[:8] == _OLE_MAGIC:
        raise InputError(f"{name}: the Word file is password-protected; remove the password in Word "
                         f"(File > Info > Protect Document) and import it again")
    reader = read_docx if kind == "docx" else read_hwpx
    html, assets = reader(Package(data, name, _LABELS[kind]))
    return OfficeDocument(html=html, assets=assets, kind=kind)


def _open_zip(data: bytes, name: str, label: str = "office") -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        raise InputError(f"{name}: the {label} file is damaged: its zip container cannot be read ({exc}); "
                         f"open it in Word or Hancom Office, save it again and import the new file") from exc


class Package:
    """The parts of a zipped office file, guarded against damage, encryption and zip bombs."""

    def __init__(self, data: bytes, name: str, label: str):
        self.name = name
        self.label = label
        self._zip = _open_zip(data, name, label)
        infos = self._zip.infolist()
        unpacked = sum(info.file_size for info in infos)
        if len(infos) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
            raise InputError(f"{name}: the {label} file unpacks to {unpacked / 2**20:.0f} MB in {len(infos)} parts, "
                             f"more than the {MAX_UNPACKED_BYTES // 2**20} MB an import may take; remove large "
                             f"images or split the document, and import it again")
        if any(info.flag_bits & 1 for info in infos) or self._has_encrypted_parts(infos):
            raise InputError(f"{name}: the {label} file is encrypted (password-protected); remove the password "
                             f"in {'Word' if label == 'Word' else 'Hancom Office'} and import it again")
        self.names = [info.filename for info in infos]

    def _has_encrypted_parts(self, infos: list[zipfile.ZipInfo]) -> bool:
        """Whether an ODF-style manifest (HWPX's) lists encrypted parts."""
        manifest = next((info for info in infos if info.filename.lower() == "meta-inf/manifest.xml"), None)
        return manifest is not None and b"encryption-data" in _small_read(self._zip, manifest.filename)

    def has(self, part: str) -> bool:
        """Whether the package holds this part."""
        try:
            self._zip.getinfo(part)
        except KeyError:
            return False
        return True

    def read(self, part: str) -> bytes:
        """The bytes of a part; InputError naming the part if it is missing or damaged."""
        try:
            return self._zip.read(part)
        except KeyError as exc:
            raise InputError(f"{self.name}: the {self.label} file has no part {part}; it is damaged or not a "
                             f"{self.label} document: open it, save it again and import the new file") from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
            raise InputError(f"{self.name}: the part {part} of the {self.label} file is damaged ({exc}); open the "
                             f"file, save it again and import the new file") from exc

    def xml(self, part: str) -> etree._Element:
        """A part parsed as XML; InputError naming the part and line if it is not well-formed."""
        try:
            root = etree.fromstring(self.read(part), _XML_PARSER)
        except etree.XMLSyntaxError as exc:
            raise InputError(f"{self.name}: {part}, line {exc.lineno}: malformed XML ({exc.msg}); the {self.label} "
                             f"file is damaged: open it, save it again and import the new file") from exc
        if root.getroottree().docinfo.doctype:
            raise InputError(f"{self.name}: {part} declares a DTD, which {self.label} files never do; "
                             f"the file was not made by an office program and is refused")
        return root

    def resolve(self, base: str, target: str) -> str:
        """A relationship target, relative to the part ``base``, as a part name."""
        if target.startswith("/"):
            return target.lstrip("/")
        parts: list[str] = []
        for piece in (PurePosixPath(base).parent / target).parts:
            if piece == "..":
                if parts:
                    parts.pop()
            elif piece not in (".", ""):
                parts.append(piece)
        return "/".join(parts)
