"""Small projects built straight from the model, so web and review tests need no article import."""
from __future__ import annotations

from tms.model import Article, ArticleMeta, Block, Location, MachineInfo, Role, Segment, SegmentState
from tms.services.merging import build_template, new_catalog, template_headers
from tms.storage.layout import Project
from tms.storage.pofile import load_catalog, save_catalog

#: The demo article: a title, two paragraphs (one with markup that must be shown as text) and a caption.
SOURCES = [
    (Role.TITLE, "Korea and Japan agree on a new exchange programme"),
    (Role.PARAGRAPH, "The ministers met in Seoul on Monday."),
    (Role.PARAGRAPH, "They signed <script>alert('x')</script> a memorandum."),
    (Role.CAPTION, "The ministers shake hands."),
]
#: Human Japanese translations of the demo article (the third keeps the source's markup, as text).
HUMAN_JA = ["日韓、新しい交流プログラムで一致", "両大臣は月曜日、ソウルで会談した。",
            "両者は<script>alert('x')</script>覚書に署名した。", "握手する両大臣。"]
#: Machine translations prefilled into the Japanese catalog.
MACHINE_JA = ["日韓が新たな交流計画で合意", "閣僚たちは月曜日にソウルで会談した。", "", ""]


def build_article(project: Project, article_id: str = "demo", langs=("ja", "ar", "de"),
                  machine: bool = True) -> Project:
    """Write the POT and one PO per language of a four-segment article; Japanese gets machine output."""
    article = Article(article_id, "en", ArticleMeta(title=SOURCES[0][1]), [Block(r, t) for r, t in SOURCES])
    segments = [Segment(text, Location(role, block=i, line=i + 3)) for i, (role, text) in enumerate(SOURCES)]
    template = build_template(article, segments, f"originals/{article_id}.md",
                              template_headers(article, "tms", "2026-11-23 10:00+0000"))
    save_catalog(project.pot_path(article_id), template)
    for lang in langs:
        catalog = new_catalog(template, lang)
        if lang == "ja" and machine:
            for unit, text in zip(catalog.units, MACHINE_JA):
                if text:
                    unit.target, unit.state = text, SegmentState.MACHINE
                    unit.machine = MachineInfo("pseudo", text, "2026-11-23T10:00:00Z", 80.0)
        save_catalog(project.po_path(article_id, lang), catalog)
    return project


def unit_keys(project: Project, article_id: str = "demo", lang: str = "ja") -> list[str]:
    """The keys of a catalog's units in article order."""
    return [u.key for u in load_catalog(project.po_path(article_id, lang)).active_units()]
