"""A small article whose segments carry inline tags (``<a1>…</a1>``, ``<br/>``, ``<img1/>``), written as
the importer writes it: tagged msgids, and one extracted comment per tag saying what it stands for."""
from __future__ import annotations

from tms.model import Article, ArticleMeta, Block, Location, Role, Segment
from tms.services.merging import build_template, new_catalog, template_headers
from tms.storage.layout import Project
from tms.storage.pofile import save_catalog

STATEMENT_URL = "https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=321"
LOGO_SRC = "https://www.mofa.go.kr/images/logo.png"

#: role, tagged source, the extracted comments that describe its tags
TAGGED = [
    (Role.TITLE, "Korea joins the <b1>coalition</b1> meeting", []),
    (Role.PARAGRAPH, "Read the <a1>joint statement</a1> of the <b2>65 nations</b2>.<br/>",
     [f"<a1>: {STATEMENT_URL}"]),
    (Role.PARAGRAPH, "The ministry’s logo: <img1/> and the formula H<sub2>2</sub2>O.", [f"<img1/>: {LOGO_SRC}"]),
    (Role.PARAGRAPH, "The ministers met in Seoul on Monday.", []),
]
#: Correct Japanese translations of ``TAGGED``.
TAGGED_JA = [
    "韓国、<b1>有志連合</b1>会合に参加",
    "<b2>65か国</b2>の<a1>共同声明</a1>を読む。<br/>",
    "外務省のロゴ：<img1/>、化学式H<sub2>2</sub2>O。",
    "両大臣は月曜日、ソウルで会談した。",
]


def build_tagged_article(project: Project, article_id: str = "tagged", langs=("ja",)) -> Project:
    """Write the POT and one empty PO per language of the four-segment tagged article."""
    article = Article(article_id, "en", ArticleMeta(title=TAGGED[0][1]), [Block(r, t) for r, t, _ in TAGGED])
    segments = [Segment(text, Location(role, block=i, line=i + 3)) for i, (role, text, _) in enumerate(TAGGED)]
    template = build_template(article, segments, f"originals/{article_id}.md",
                              template_headers(article, "tms", "2026-11-23 10:00+0000"))
    for unit, (_, _, notes) in zip(template.units, TAGGED):
        unit.extracted = [line for line in unit.extracted if not line.startswith("<")] + list(notes)
    save_catalog(project.pot_path(article_id), template)
    for lang in langs:
        save_catalog(project.po_path(article_id, lang), new_catalog(template, lang))
    return project
