"""Tests of tms.segmentation.office: Word and HWPX files in, semantic HTML and images out.

Every fixture is made here: Word files with python-docx (and a little XML where it has no API),
HWPX files by a small builder that zips OWPML parts the way Hancom Office lays them out.
"""
from __future__ import annotations

import datetime
import io
import struct
import zipfile
import zlib
from xml.sax.saxutils import escape

import docx
import lxml.html
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.shared import Pt

from tms.errors import InputError
from tms.segmentation.office import MAX_UNPACKED_BYTES, read_office, sniff_office

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# ------------------------------------------------------------------------------------------ helpers

def tiny_png() -> bytes:
    """A valid one-pixel PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


def shape(element) -> tuple:
    """An element as (tag, attributes, text, children, tail), to compare trees rather than strings."""
    return (element.tag, dict(element.attrib), element.text or "", [shape(child) for child in element],
            element.tail or "")


def body_of(html: str):
    return lxml.html.document_fromstring(html).find("body")


def expected_body(*fragments: str):
    return lxml.html.fragment_fromstring("".join(fragments), create_parent="body")


def head_of(html: str) -> dict:
    root = lxml.html.document_fromstring(html)
    metas = {meta.get("name"): meta.get("content") for meta in root.iter("meta") if meta.get("name")}
    return {"lang": root.get("lang"), "title": root.findtext("head/title"), **metas}


def zip_bytes(parts: dict[str, bytes | str], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# ------------------------------------------------------------------------------------ Word builder

def add_numbering(document) -> None:
    """Two-level numbering: 90 decimal then lower letters, 91 bullets."""
    numbering = document.part.numbering_part.element
    levels = {"90": [("decimal", "%1."), ("lowerLetter", "%2)")], "91": [("bullet", "\u2022"), ("bullet", "o")]}
    for ident, formats in levels.items():
        lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                       f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(formats))
        numbering.insert(0, parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{ident}">{lvls}</w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{ident}"><w:abstractNumId w:val="{ident}"/></w:num>'))


def numbered(document, text: str, num_id: str, level: int) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def add_hyperlink(paragraph, url: str, text: str) -> None:
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    paragraph._p.append(parse_xml(f'<w:hyperlink xmlns:w="{W_NS}" xmlns:r="{R_NS}" r:id="{r_id}">'
                                  f'<w:r><w:t>{escape(text)}</w:t></w:r></w:hyperlink>'))


def add_runs(paragraph, *runs: tuple[str, dict]) -> None:
    for text, font in runs:
        run = paragraph.add_run(text)
        for name, value in font.items():
            setattr(run.font, name, value)


FOOTNOTES = (f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
             f'</w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
             f'<w:r><w:t xml:space="preserve"> Source: the ministry.</w:t></w:r></w:p></w:footnote></w:footnotes>')


def with_footnotes(data: bytes) -> bytes:
    """A saved .docx with a footnotes part added (python-docx has no API for footnotes)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: source.read(name) for name in source.namelist()}
    parts["word/footnotes.xml"] = FOOTNOTES.encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'footnotes" Target="footnotes.xml"/></Relationships>')).encode()
    return zip_bytes(parts)


def build_docx() -> bytes:
    document = docx.Document()
    document.core_properties.title = "Ministry launches data portal"
    document.core_properties.author = "Press Office"
    document.core_properties.modified = datetime.datetime(2024, 5, 2, 9, 30)
    add_numbering(document)
    document.add_heading("Ministry launches data portal", 0)
    document.add_paragraph("Open to everyone", style="Subtitle")
    document.add_heading("Background", 1)
    add_runs(document.add_paragraph(), ("The ", {}), ("dat", {"bold": True}), ("a", {"bold": True}),
             (" portal is ", {}), ("new", {"italic": True}), (", ", {}), ("free", {"underline": True}),
             (", H", {}), ("2", {"subscript": True}), ("O and E=mc", {}), ("2", {"superscript": True}),
             (", ", {}), ("old", {"strike": True}), (".", {}))
    paragraph = document.add_paragraph("Read ")
    add_hyperlink(paragraph, "https://example.org/portal?lang=en", "the announcement")
    paragraph.add_run(".")
    paragraph = document.add_paragraph()
    paragraph.add_run("First line").add_break()
    paragraph.add_run("second line")
    document.add_heading("Steps", 2)
    for text, level in (("Collect", 0), ("Clean", 1), ("Check", 1), ("Publish", 0)):
        numbered(document, text, "90", level)
    document.add_paragraph("Then, later:")
    numbered(document, "Review", "90", 0)
    for text, level in (("Apples", 0), ("Green ones", 1), ("Pears", 0)):
        numbered(document, text, "91", level)
    table = document.add_table(rows=3, cols=3)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    table.cell(0, 0).text = "Region"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Figures"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "North"
    for row, (year, value) in ((1, ("2023", "10")), (2, ("2024", "12"))):
        table.cell(row, 1).text, table.cell(row, 2).text = year, value
    picture = document.add_picture(io.BytesIO(tiny_png()))
    picture._inline.docPr.set("descr", "Map of the portal")
    document.add_paragraph("Figure 1. The portal's home page", style="Caption")
    document.add_paragraph("Data is a public good.", style="Quote")
    paragraph = document.add_paragraph("Footnoted claim")
    paragraph._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                  f'<w:footnoteReference w:id="1"/></w:r>'))
    paragraph.add_run(".")
    buffer = io.BytesIO()
    document.save(buffer)
    return with_footnotes(buffer.getvalue())


# ----------------------------------------------------------------------------------- HWPX builder

HWPX_NS = ('xmlns:ha="http://www.hancom.co.kr/hwpml/2011/app" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph" '
           'xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hc="http://www.hancom.co.kr/hwpml/2011/core" '
           'xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head" xmlns:opf="http://www.idpf.org/2007/opf/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/"')
PLAIN, BOLD, ITALIC, UNDERLINE, STRIKE, SUP, SUB, TITLE = range(8)
CHAR_PRS = {PLAIN: (1000, ""), BOLD: (1000, "<hh:bold/>"), ITALIC: (1000, "<hh:italic/>"),
            UNDERLINE: (1000, '<hh:underline type="BOTTOM" shape="SOLID" color="#000000"/>'),
            STRIKE: (1000, '<hh:strikeout shape="SOLID" color="#000000"/>'), SUP: (1000, "<hh:supscript/>"),
            SUB: (1000, "<hh:subscript/>"), TITLE: (2000, "<hh:bold/>")}
BODY, NUMBER_1, NUMBER_2, BULLET, SIGN = range(5)
PARA_PRS = {BODY: ("NONE", 0, 0), NUMBER_1: ("NUMBER", 1, 0), NUMBER_2: ("NUMBER", 1, 1), BULLET: ("BULLET", 1, 0),
            SIGN: ("NUMBER", 2, 0)}


def char_pr(ident: int, height: int, inner: str) -> str:
    defaults = "" if "underline" in inner else '<hh:underline type="NONE" shape="SOLID" color="#000000"/>'
    # Hancom writes shape="3D" for "no strikeout" in the charPr of ordinary text.
    defaults += "" if "strikeout" in inner else '<hh:strikeout shape="3D" color="#000000"/>'
    return (f'<hh:charPr id="{ident}" height="{height}" textColor="#000000" shadeColor="none" borderFillIDRef="1">'
            f'<hh:fontRef hangul="0" latin="0"/><hh:ratio hangul="100"/>{inner}{defaults}'
            f'<hh:outline type="NONE"/></hh:charPr>')


def header_xml() -> str:
    chars = "".join(char_pr(ident, height, inner) for ident, (height, inner) in CHAR_PRS.items())
    paras = "".join(f'<hh:paraPr id="{ident}" tabPrIDRef="0"><hh:align horizontal="JUSTIFY" vertical="BASELINE"/>'
                    f'<hh:heading type="{kind}" idRef="{ref}" level="{level}"/></hh:paraPr>'
                    for ident, (kind, ref, level) in PARA_PRS.items())
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><hh:head {HWPX_NS} version="1.4" secCnt="1">'
            f'<hh:refList><hh:charProperties itemCnt="{len(CHAR_PRS)}">{chars}</hh:charProperties>'
            '<hh:numberings itemCnt="2"><hh:numbering id="1" start="0">'
            '<hh:paraHead start="1" level="1" align="LEFT" numFormat="DIGIT" charPrIDRef="4294967295">^1.</hh:paraHead>'
            '<hh:paraHead start="1" level="2" align="LEFT" numFormat="LATIN_SMALL" charPrIDRef="4294967295">^2)'
            '</hh:paraHead></hh:numbering><hh:numbering id="2" start="0"><hh:paraHead start="1" level="1" '
            'align="LEFT" numFormat="DIGIT" charPrIDRef="4294967295">\u25a1</hh:paraHead></hh:numbering>'
            '</hh:numberings><hh:bullets itemCnt="1"><hh:bullet id="1" char="\u25cb" useImage="0"/></hh:bullets>'
            f'<hh:paraProperties itemCnt="{len(PARA_PRS)}">{paras}</hh:paraProperties>'
            '<hh:styles itemCnt="1"><hh:style id="0" type="PARA" name="바탕글" engName="Normal" paraPrIDRef="0" '
            'charPrIDRef="0" nextStyleIDRef="0" langID="1042"/></hh:styles></hh:refList></hh:head>')


def content_hpf(items: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><opf:package {HWPX_NS} version="" id="">'
            '<opf:metadata><opf:title>공공데이터 포털 개통</opf:title><opf:language>ko</opf:language>'
            '<opf:meta name="creator" content="text">행정안전부</opf:meta>'
            '<opf:meta name="CreatedDate" content="text">2024-05-14T08:00:00Z</opf:meta>'
            '<opf:meta name="ModifiedDate" content="text">2024-05-15T09:00:00Z</opf:meta></opf:metadata>'
            '<opf:manifest><opf:item id="header" href="Contents/header.xml" media-type="application/xml"/>'
            '<opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/>'
            f'{items}</opf:manifest><opf:spine><opf:itemref idref="header" linear="yes"/>'
            '<opf:itemref idref="section0" linear="yes"/></opf:spine></opf:package>')


def build_hwpx(section_body: str, *, binaries: dict[str, bytes] | None = None, section: str | None = None) -> bytes:
    """A minimal valid HWPX: mimetype first and stored, version, container, content.hpf, header, section."""
    binaries = {"image1.png": tiny_png()} if binaries is None else binaries
    items = "".join(f'<opf:item id="{name.rsplit(".", 1)[0]}" href="BinData/{name}" media-type="image/png" '
                    f'isEmbeded="1"/>' for name in binaries if name.startswith("image"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/hwp+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("version.xml", '<?xml version="1.0" encoding="UTF-8"?><hv:HCFVersion xmlns:hv="http://'
                                        'www.hancom.co.kr/hwpml/2011/version" tagetApplication="WORDPROCESSOR" '
                                        'major="5" minor="1" micro="0" buildNumber="1"/>')
        archive.writestr("META-INF/container.xml", '<?xml version="1.0" encoding="UTF-8"?><ocf:container xmlns:ocf='
                         '"urn:oasis:names:tc:opendocument:xmlns:container"><ocf:rootfiles><ocf:rootfile full-path='
                         '"Contents/content.hpf" media-type="application/hwpml-package+xml"/></ocf:rootfiles>'
                         '</ocf:container>')
        archive.writestr("Contents/content.hpf", content_hpf(items))
        archive.writestr("Contents/header.xml", header_xml())
        archive.writestr("Contents/section0.xml", section if section is not None else
                         f'<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><hs:sec {HWPX_NS}>{section_body}</hs:sec>')
        for name, data in binaries.items():
            archive.writestr(f"BinData/{name}", data)
    return buffer.getvalue()


def run(text: str = "", char: int = PLAIN, inner: str | None = None) -> str:
    return f'<hp:run charPrIDRef="{char}">{inner if inner is not None else f"<hp:t>{escape(text)}</hp:t>"}</hp:run>'


def para(*runs: str, pr: int = BODY) -> str:
    return (f'<hp:p id="0" paraPrIDRef="{pr}" styleIDRef="0" pageBreak="0" columnBreak="0" merged="0">{"".join(runs)}'
            '<hp:linesegarray><hp:lineseg textpos="0" vertpos="0" vertsize="1000"/></hp:linesegarray></hp:p>')


def sublist(*paragraphs: str) -> str:
    return f'<hp:subList id="" textDirection="HORIZONTAL" lineWrap="BREAK" vertAlign="TOP">{"".join(paragraphs)}</hp:subList>'


def cell(text: str, col: int, row: int, colspan: int = 1, rowspan: int = 1, header: bool = False) -> str:
    return (f'<hp:tc name="" header="{int(header)}" hasMargin="0" protect="0" editable="0" dirty="0" borderFillIDRef="1">'
            f'{sublist(para(run(text)))}<hp:cellAddr colAddr="{col}" rowAddr="{row}"/>'
            f'<hp:cellSpan colSpan="{colspan}" rowSpan="{rowspan}"/><hp:cellSz width="1000" height="1000"/></hp:tc>')


def table(*rows: str, caption: str = "") -> str:
    return (f'<hp:tbl id="1" zOrder="0" numberingType="TABLE" rowCnt="{len(rows)}" colCnt="4" repeatHeader="1">'
            '<hp:sz width="40000" height="4000"/><hp:pos treatAsChar="1"/>'
            f'{caption}{"".join(f"<hp:tr>{row}</hp:tr>" for row in rows)}</hp:tbl>')


def caption(side: str, inner: str) -> str:
    return f'<hp:caption side="{side}" fullSz="0" width="8504" gap="850">{sublist(para(run(inner=inner)))}</hp:caption>'


def picture(reference: str, comment: str, picture_caption: str = "") -> str:
    return (f'<hp:pic id="5" zOrder="1" numberingType="PICTURE" textWrap="TOP_AND_BOTTOM" href="" instid="6">'
            '<hp:offset x="0" y="0"/><hp:orgSz width="100" height="100"/><hp:curSz width="100" height="100"/>'
            f'<hc:img binaryItemIDRef="{reference}" bright="0" contrast="0" effect="REAL_PIC" alpha="0"/>'
            f'<hp:sz width="100" height="100"/><hp:pos treatAsChar="1"/>{picture_caption}'
            f'<hp:shapeComment>{escape(comment)}</hp:shapeComment></hp:pic>')


def link(url: str, text: str) -> str:
    command = url.replace(":", "\\:") + ";1;0;0;"
    return (f'<hp:run charPrIDRef="0"><hp:ctrl><hp:fieldBegin id="7" type="HYPERLINK" name="" editable="0" '
            f'dirty="0" zorder="-1" fieldid="8"><hp:parameters cnt="4" name=""><hp:integerParam name="Prop">0'
            f'</hp:integerParam><hp:stringParam name="Command">{escape(command)}</hp:stringParam>'
            f'<hp:stringParam name="Path">{escape(url)}</hp:stringParam><hp:stringParam name="Category">'
            f'HWPHYPERLINK_TYPE_URL</hp:stringParam></hp:parameters></hp:fieldBegin></hp:ctrl>'
            f'<hp:t>{escape(text)}</hp:t></hp:run>'
            '<hp:run charPrIDRef="0"><hp:ctrl><hp:fieldEnd beginIDRef="7" fieldid="8"/></hp:ctrl><hp:t/></hp:run>')


NOTE_TEXT = ('<hp:ctrl><hp:autoNum num="1" numType="FOOTNOTE"><hp:autoNumFormat type="DIGIT" suffixChar=")"/>'
             '</hp:autoNum></hp:ctrl><hp:t> 행정안전부 발표 자료.</hp:t>')
FOOTNOTE = ('<hp:ctrl><hp:footNote number="1" suffixChar="41" instId="3">' + sublist(para(run(inner=NOTE_TEXT)))
            + '</hp:footNote></hp:ctrl>')
RUNNING_HEAD = ('<hp:ctrl><hp:header id="1" applyPageType="BOTH">' + sublist(para(run("행정안전부 머리말")))
                + '</hp:header></hp:ctrl><hp:ctrl><hp:pageNum pos="BOTTOM_CENTER" formatType="DIGIT" sideChar="-"/>'
                '</hp:ctrl>')
SECTION_PROPERTIES = ('<hp:secPr id="" textDirection="HORIZONTAL" outlineShapeIDRef="1"><hp:pagePr width="59528" '
                      'height="84188"/></hp:secPr>')
PICTURE_CAPTION = caption("BOTTOM", '<hp:t>그림 </hp:t><hp:ctrl><hp:autoNum num="1" numType="PICTURE">'
                                     '<hp:autoNumFormat type="DIGIT"/></hp:autoNum></hp:ctrl><hp:t>. 포털 첫 화면</hp:t>')


def build_release() -> bytes:
    """A 보도자료: masthead, large bold title, literal markers, lists, a link, a footnote, figures, tables."""
    body = [
        para(run(inner=SECTION_PROPERTIES + RUNNING_HEAD + "<hp:t>보도자료</hp:t>")),
        para(run("정부, 공공데이터 ", TITLE), run("포털 개통", TITLE)),
        para(run("- 누구나 무료로 이용 -")),
        para(run("□ 행정안전부는 "), run("15", BOLD), run("일", BOLD), run(" 포털을 "), run("개통", UNDERLINE),
             run(inner="<hp:t>했다</hp:t>" + FOOTNOTE + "<hp:t>.</hp:t>")),
        para(run("  ○ 자세한 내용은 "), link("https://www.mois.go.kr/portal?id=1", "누리집"),
             run("에서 확인할 수 있다.")),
        para(run(inner="<hp:t>첫째 줄<hp:lineBreak/>둘째 줄 항목<hp:tab width=\"4000\" leader=\"0\" type=\"1\"/>값</hp:t>")),
        para(run("수집"), pr=NUMBER_1), para(run("정제"), pr=NUMBER_2), para(run("검증"), pr=NUMBER_2),
        para(run("공개"), pr=NUMBER_1),
        para(run("사과"), pr=BULLET),
        para(run("중간 문단")),
        para(run("검토"), pr=NUMBER_1),
        para(run("네모 표시 항목"), pr=SIGN),
        para(run("폐지", STRIKE), run(" x"), run("2", SUP), run(" H"), run("2", SUB), run("O "), run("기울임", ITALIC)),
        para(run(inner=picture("image1", "포털 첫 화면 사진", PICTURE_CAPTION) + "<hp:t/>")),
        para(run(inner=picture("photo", "그림입니다.\n원본 그림의 이름: photo.jpg\n원본 그림의 크기: 가로 10pixel")
                 + "<hp:t/>")),
        para(run(inner=table(cell("※ 참고: 붙임 자료 확인", 0, 0)) + "<hp:t/>")),
        para(run(inner=table(
            cell("구분", 0, 0, header=True) + cell("부서", 1, 0, header=True) + cell("직위", 2, 0, header=True)
            + cell("연락처", 3, 0, header=True),
            cell("담당 부서", 0, 1, rowspan=2) + cell("데이터정책과", 1, 1) + cell("책임자", 2, 1)
            + cell("과장 홍길동 (044-205-0000)", 3, 1),
            cell("데이터정책과", 1, 2) + cell("담당자", 2, 2) + cell("사무관 김철수 (044-205-0001)", 3, 2),
            cell("문의", 0, 3, colspan=2) + cell("044-205-0002", 2, 3, colspan=2),
            caption=caption("TOP", "<hp:t>담당 부서 및 연락처</hp:t>")) + "<hp:t/>")),
    ]
    return build_hwpx("".join(body), binaries={"image1.png": tiny_png(), "photo.jpg": b"\xff\xd8\xff\xe0 jpeg"})


# ------------------------------------------------------------------------------------------ sniffing

def test_sniff_office_tells_formats_by_content():
    assert sniff_office(build_docx()) == "docx"
    assert sniff_office(build_release()) == "hwpx"
    assert sniff_office(OLE_MAGIC + b"\0" * 600 + b"HWP Document File V5.00") == "hwp"
    assert sniff_office(OLE_MAGIC + b"\0" * 600 + "WordDocument".encode("utf-16-le")) == "doc"
    assert sniff_office(OLE_MAGIC + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le")) == "docx"
    assert sniff_office(zip_bytes({"notes.txt": "hello"})) is None
    assert sniff_office(b"<html><body>hi</body></html>") is None
    assert sniff_office(b"") is None


# ------------------------------------------------------------------------------------------- Word

def test_word_document_becomes_semantic_html():
    document = read_office(build_docx(), "release.docx")
    assert document.kind == "docx"
    assert shape(body_of(document.html)) == shape(expected_body(
        "<h1>Ministry launches data portal</h1>",
        "<p>Open to everyone</p>",
        "<h2>Background</h2>",
        "<p>The <strong>data</strong> portal is <em>new</em>, <u>free</u>, H<sub>2</sub>O and E=mc<sup>2</sup>, "
        "<s>old</s>.</p>",
        '<p>Read <a href="https://example.org/portal?lang=en">the announcement</a>.</p>',
        "<p>First line<br>second line</p>",
        "<h3>Steps</h3>",
        "<ol><li>Collect<ol><li>Clean</li><li>Check</li></ol></li><li>Publish</li></ol>",
        "<p>Then, later:</p>",
        '<ol start="3"><li>Review</li></ol>',
        "<ul><li>Apples<ul><li>Green ones</li></ul></li><li>Pears</li></ul>",
        '<table><thead><tr><th>Region</th><th colspan="2">Figures</th></tr></thead>'
        '<tbody><tr><td rowspan="2">North</td><td>2023</td><td>10</td></tr><tr><td>2024</td><td>12</td></tr>'
        "</tbody></table>",
        '<figure><img src="image1.png" alt="Map of the portal">'
        "<figcaption>Figure 1. The portal's home page</figcaption></figure>",
        "<blockquote><p>Data is a public good.</p></blockquote>",
        "<p>Footnoted claim<sup>1</sup>.</p>",
        "<p><sup>1</sup> Source: the ministry.</p>",
    ))
    assert document.assets == {"image1.png": tiny_png()}
    assert head_of(document.html) == {"lang": "en-US", "title": "Ministry launches data portal",
                                      "author": "Press Office", "date": "2024-05-02"}


def build_korean_docx() -> bytes:
    """A release as Korean offices write them in Word: no Title style, a large bold first line."""
    document = docx.Document()
    document.core_properties.title = ""
    language = document.styles.element.find(f".//{{{W_NS}}}docDefaults//{{{W_NS}}}lang")
    language.set(f"{{{W_NS}}}eastAsia", "ko-KR")
    add_runs(document.add_paragraph(), ("보도자료", {"bold": True, "size": Pt(16)}))
    add_runs(document.add_paragraph(), ("2024. 5. 15.(수) 배포", {"size": Pt(11)}))
    add_runs(document.add_paragraph(), ("정부, 공공데이터 ", {"bold": True, "size": Pt(18)}),
             ("포털 개통", {"bold": True, "size": Pt(18)}))
    add_runs(document.add_paragraph(), ("- 누구나 무료로 이용 -", {"size": Pt(11)}))
    document.add_heading("추진 배경", 1)
    for text in ("□ 행정안전부는 15일 공공데이터 포털을 개통했다고 밝혔다.",
                 "○ 포털에서는 누구나 정부가 보유한 데이터를 내려받을 수 있다."):
        add_runs(document.add_paragraph(), (text, {"size": Pt(11)}))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_release_takes_its_large_bold_first_line_as_title():
    document = read_office(build_korean_docx(), "보도자료.docx")
    assert shape(body_of(document.html)) == shape(expected_body(
        "<p><strong>보도자료</strong></p>",
        "<p>2024. 5. 15.(수) 배포</p>",
        "<h1>정부, 공공데이터 포털 개통</h1>",
        "<p>- 누구나 무료로 이용 -</p>",
        "<h2>추진 배경</h2>",
        "<p>□ 행정안전부는 15일 공공데이터 포털을 개통했다고 밝혔다.</p>",
        "<p>○ 포털에서는 누구나 정부가 보유한 데이터를 내려받을 수 있다.</p>",
    ))
    head = head_of(document.html)
    assert (head["lang"], head["title"]) == ("ko-KR", "정부, 공공데이터 포털 개통")


def test_word_title_over_two_paragraphs_is_one_heading():
    document = docx.Document()
    document.core_properties.title = ""
    document.add_heading("Ministry launches", 0)
    document.add_heading("a data portal", 0)
    document.add_paragraph("Text.")
    buffer = io.BytesIO()
    document.save(buffer)
    html = read_office(buffer.getvalue(), "two-lines.docx").html
    assert shape(body_of(html)) == shape(expected_body("<h1>Ministry launches<br>a data portal</h1><p>Text.</p>"))
    assert head_of(html)["title"] == "Ministry launches a data portal"


def test_word_numbered_heading_keeps_its_label():
    document = docx.Document()
    add_numbering(document)
    heading = document.add_heading("Background", 1)
    heading._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    document.add_paragraph("Text.")
    buffer = io.BytesIO()
    document.save(buffer)
    body = body_of(read_office(buffer.getvalue(), "numbered.docx").html)
    assert [(element.tag, element.text_content()) for element in body] == [("h1", "1. Background"), ("p", "Text.")]


# ------------------------------------------------------------------------------------------- HWPX

def test_hwpx_release_becomes_semantic_html():
    document = read_office(build_release(), "보도자료.hwpx")
    assert document.kind == "hwpx"
    assert shape(body_of(document.html)) == shape(expected_body(
        "<p>보도자료</p>",
        "<h1>정부, 공공데이터 포털 개통</h1>",
        "<p>- 누구나 무료로 이용 -</p>",
        "<p>□ 행정안전부는 <strong>15일</strong> 포털을 <u>개통</u>했다<sup>1</sup>.</p>",
        '<p>○ 자세한 내용은 <a href="https://www.mois.go.kr/portal?id=1">누리집</a>에서 확인할 수 있다.</p>',
        "<p>첫째 줄<br>둘째 줄 항목 값</p>",
        "<ol><li>수집<ol><li>정제</li><li>검증</li></ol></li><li>공개</li></ol>",
        "<ul><li>사과</li></ul>",
        "<p>중간 문단</p>",
        '<ol start="3"><li>검토</li></ol>',
        "<ul><li>네모 표시 항목</li></ul>",
        "<p><s>폐지</s> x<sup>2</sup> H<sub>2</sub>O <em>기울임</em></p>",
        '<figure><img src="image1.png" alt="포털 첫 화면 사진"><figcaption>그림 1. 포털 첫 화면</figcaption></figure>',
        '<figure><img src="photo.jpg" alt=""></figure>',
        "<p>※ 참고: 붙임 자료 확인</p>",
        "<p>담당 부서 및 연락처</p>",
        "<table><thead><tr><th>구분</th><th>부서</th><th>직위</th><th>연락처</th></tr></thead><tbody>"
        '<tr><td rowspan="2">담당 부서</td><td>데이터정책과</td><td>책임자</td><td>과장 홍길동 (044-205-0000)</td></tr>'
        "<tr><td>데이터정책과</td><td>담당자</td><td>사무관 김철수 (044-205-0001)</td></tr>"
        '<tr><td colspan="2">문의</td><td colspan="2">044-205-0002</td></tr></tbody></table>',
        "<p><sup>1</sup> 행정안전부 발표 자료.</p>",
    ))
    assert document.assets == {"image1.png": tiny_png(), "photo.jpg": b"\xff\xd8\xff\xe0 jpeg"}
    assert head_of(document.html) == {"lang": "ko", "title": "공공데이터 포털 개통", "author": "행정안전부",
                                      "date": "2024-05-15"}
    assert "머리말" not in document.html


def test_hwpx_without_a_title_property_takes_the_heading_text():
    section = para(run("정부, 포털 개통", TITLE)) + para(run("본문 문장입니다. " * 5))
    data = build_hwpx(section)
    parts = zipfile.ZipFile(io.BytesIO(data))
    rebuilt = {name: parts.read(name) for name in parts.namelist()}
    rebuilt["Contents/content.hpf"] = rebuilt["Contents/content.hpf"].replace(
        "<opf:title>공공데이터 포털 개통</opf:title>".encode(), b"<opf:title/>")
    html = read_office(zip_bytes(rebuilt), "untitled.hwpx").html
    assert head_of(html)["title"] == "정부, 포털 개통"
    assert [element.tag for element in body_of(html)] == ["h1", "p"]


def test_hwpx_command_only_hyperlink_is_unescaped():
    field = link("https://example.org/a", "링크").replace(
        '<hp:stringParam name="Path">https://example.org/a</hp:stringParam>', "")
    html = read_office(build_hwpx(para(field)), "link.hwpx").html
    assert [(a.get("href"), a.text) for a in body_of(html).iter("a")] == [("https://example.org/a", "링크")]


# ------------------------------------------------------------------------------------------ errors

def test_binary_hwp_is_refused_with_what_to_do():
    with pytest.raises(InputError, match=r"binary HWP.*save it as HWPX"):
        read_office(OLE_MAGIC + b"\0" * 600 + b"HWP Document File V5.00\0" + b"\0" * 256, "old.hwp")


def test_binary_word_is_refused_with_what_to_do():
    with pytest.raises(InputError, match=r"Word 97-2003.*\.docx"):
        read_office(OLE_MAGIC + b"\0" * 600 + "WordDocument".encode("utf-16-le") + b"\0" * 64, "old.doc")


def test_password_protected_word_is_refused():
    with pytest.raises(InputError, match="password"):
        read_office(OLE_MAGIC + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"), "secret.docx")


def test_encrypted_hwpx_is_refused():
    data = build_release()
    parts = zipfile.ZipFile(io.BytesIO(data))
    rebuilt = {name: parts.read(name) for name in parts.namelist()}
    rebuilt["META-INF/manifest.xml"] = ('<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                                        '<odf:file-entry full-path="Contents/section0.xml" media-type="application/xml">'
                                        '<odf:encryption-data checksum="x"/></odf:file-entry></odf:manifest>')
    with pytest.raises(InputError, match=r"locked\.hwpx: the HWPX file is encrypted.*Hancom Office"):
        read_office(zip_bytes(rebuilt), "locked.hwpx")


def test_truncated_zip_is_reported_as_damaged():
    data = build_docx()
    with pytest.raises(InputError, match=r"release\.docx: .*damaged.*zip"):
        read_office(data[: len(data) // 2], "release.docx")


def test_damaged_part_is_named():
    data = bytearray(zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml":
                                f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p>'
                                '</w:body></w:document>'}, compression=zipfile.ZIP_STORED))
    data[data.index(b"Hello")] = ord("J")
    with pytest.raises(InputError, match=r"word/document\.xml.*damaged"):
        read_office(bytes(data), "broken.docx")


def test_word_package_without_its_document_part():
    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override '
             'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/></Types>')
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>')
    data = zip_bytes({"[Content_Types].xml": types, "_rels/.rels": rels})
    assert sniff_office(data) == "docx"
    with pytest.raises(InputError, match=r"no main document part \(word/document\.xml\)"):
        read_office(data, "empty.docx")


def test_zip_bomb_is_refused():
    data = zip_bytes({"word/document.xml": f'<w:document xmlns:w="{W_NS}"/>',
                      "word/media/padding.bin": b"\0" * (MAX_UNPACKED_BYTES + 1024)})
    assert len(data) < 1024 * 1024
    with pytest.raises(InputError, match=r"unpacks to 50 MB.*more than the 50 MB"):
        read_office(data, "bomb.docx")


def test_malformed_hwpx_part_is_named_with_its_line():
    section = (f'<?xml version="1.0" encoding="UTF-8"?>\n<hs:sec {HWPX_NS}>\n'
               '<hp:p><hp:run charPrIDRef="0"><hp:t>글</hp:t>\n</hp:p>\n</hs:sec>')
    with pytest.raises(InputError, match=r"bad\.hwpx: Contents/section0\.xml, line 4: malformed XML"):
        read_office(build_hwpx("", section=section), "bad.hwpx")


def test_xml_with_a_dtd_is_refused():
    section = (f'<?xml version="1.0"?><!DOCTYPE sec [<!ENTITY a "aaaa">]><hs:sec {HWPX_NS}>'
               f'{para(run("x"))}</hs:sec>')
    with pytest.raises(InputError, match="DTD"):
        read_office(build_hwpx("", section=section), "entities.hwpx")


def test_other_files_are_refused():
    with pytest.raises(InputError, match=r"not a Word \(\.docx\) or HWPX"):
        read_office(b"plain text", "notes.txt")
