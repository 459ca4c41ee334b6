"""Tests of tms.segmentation.cleaning and tms.segmentation.structure: chrome out, metadata and blocks."""
from __future__ import annotations

from pathlib import Path

import pytest

from tms.errors import InputError
from tms.model import Role
from tms.segmentation.cleaning import parse_article, parse_date
from tms.segmentation.encoding import decode_bytes
from tms.segmentation.structure import guess_format, split_marker

DATA = Path(__file__).resolve().parent.parent / "data"

TITLE, HEADING, PARAGRAPH, LIST_ITEM = Role.TITLE, Role.HEADING, Role.PARAGRAPH, Role.LIST_ITEM
CAPTION, BYLINE, CREDIT, IMAGE = Role.CAPTION, Role.BYLINE, Role.CREDIT, Role.IMAGE


def read(name: str) -> str:
    return decode_bytes((DATA / name).read_bytes(), name)


def parse(name: str, lang: str):
    text = read(name)
    return parse_article(text, guess_format(name, text), lang, name)


def rows(blocks):
    return [(b.role, b.marker, b.level, b.text) for b in blocks]


KOREA_NET_BODY = [
    (PARAGRAPH, "", 0, "Korea and the international community have reconfirmed their common will to eradicate the "
                       "extremist group known as ISIS."),
    (PARAGRAPH, "", 0, "On March 22, Minister of Foreign Affairs Yun Byung-se stressed that the Korean government "
                       "will join the international community’s efforts to repel what’s called “a grave threat to "
                       "world peace” -- terrorist attacks by the ISIS group -- at a meeting of foreign ministers that "
                       "was part of the Global Coalition to Counter ISIS, held in Washington, D.C."),
    (PARAGRAPH, "", 0, "Presided over by U.S. Secretary of State Rex Tillerson, the meeting brought together foreign "
                       "ministers as well as high-ranking officials from a total of 65 nations to review and "
                       "accelerate the campaign for the lasting defeat of ISIS. Participants adopted a joint statement "
                       "that stressed the need to pursue public safety in Iraq and political transition in Syria."),
    (PARAGRAPH, "", 0, "The statement also focused on their commitment to prevent ISIS from dispersing its fighters, "
                       "weapons or resources within Iraq, Syria and elsewhere. In addition, they reiterated their "
                       "commitment to “an integrated, multidimensional and comprehensive approach to defeating ISIS "
                       "and its global networks.”"),
    (PARAGRAPH, "", 0, "“It’s crucial to continue support for stabilization and public safety in liberated "
                       "communities within Iraq and Syria, and, also, to deter ISIS terrorists from traveling out of "
                       "the countries,” said Minister Yun in his speech. He continued to mention the importance of "
                       "stopping such extremists from getting their hands on weapons of mass destruction."),
    (CAPTION, "", 0, "Minister of Foreign Affairs Yun Byung-se (right) and Chair of the House Foreign Affairs "
                     "Committee Ed Royce talk on March 22 in Washington, D.C., to discuss issues involving North "
                     "Korea’s nuclear weapons and missiles."),
    (PARAGRAPH, "", 0, "Following the meeting, the foreign minister held a series of talks with officials from the "
                       "U.S. government, including Secretary of Defense James Mattis, Secretary of the Treasury Steven "
                       "Mnuchin, and Chair of the House Foreign Affairs Committee Ed Royce. The talks focused on the "
                       "reaffirmation of the Seoul-Washington alliance in terms of North Korean issues, as well as in "
                       "terms of overall safety on the Korean Peninsula."),
    (PARAGRAPH, "", 0, "“The U.S. has been and will be with Korea, undoubtedly,” vowed Secretary Mattis as he "
                       "emphasized the firm alliance between the two nations, as well as his country’s unwavering "
                       "defense commitment to Seoul."),
    (PARAGRAPH, "", 0, "“It’s the true, enduring nature of our alliance that the two countries keep working together "
                       "to pursue sustainable development of the alliance,” said the chair of the House Foreign "
                       "Affairs Committee."),
    (PARAGRAPH, "", 0, "The \"Korean Interdiction and Modernization of Sanctions Act\" was passed in the U.S. with "
                       "bipartisan support, and it's a bill with unprecedentedly strong sanctions against the North, "
                       "stronger than ever before. Minister Yun said of the bill that, “This move will help to further "
                       "strengthen global sanctions and pressure on the regime.” He went on to say, “In that the act "
                       "has introduced more diverse and effective sanctions, and, also, firmly drives the "
                       "international participation in the efforts, this move means a lot.”"),
    (BYLINE, "", 0, "By Sohn JiAe"),
    (BYLINE, "", 0, "Korea.net Staff Writer"),
    (CREDIT, "", 0, "Photos: Ministry of Foreign Affairs"),
]

MOFA_BLOCKS = [
    (TITLE, "", 0, "Foreign Minister Attends Meeting of Ministers of Global Coalition Working to Defeat ISIS and "
                   "Meets with US Secretaries of State, Defense and Treasury"),
    (LIST_ITEM, "1.", 0, "Foreign Minister Yun Byung-se attended a meeting of the Ministers of the Global Coalition "
                         "Working to Defeat ISIS, hosted by US Secretary of State Tillerson in Washington, D.C. on "
                         "March 22. The meeting, attended by all members of the Global Coalition -- 65 countries and "
                         "3 international organizations -- brought together 52 ministerial and higher-level officials "
                         "of major countries, including 48 foreign ministers."),
    (LIST_ITEM, "o", 1, "In his opening address, US Secretary of State Tillerson reaffirmed the Trump administration’s "
                        "strong willingness to completely eliminate ISIS. Minister Yun, designated as one of twelve "
                        "speakers at the plenary meeting, stressed the importance of stabilizing areas recaptured "
                        "from ISIS in Iraq and Syria and preventing the flow of foreign terrorist fighters into other "
                        "regions. Mentioning the incident at a Malaysian airport where a chemical weapon was used, "
                        "Minister Yun also highlighted the need to deter violent extremists from obtaining weapons of "
                        "mass destruction."),
    (LIST_ITEM, "o", 1, "In its joint statement, the Global Coalition reaffirmed the need for stabilization in Iraq "
                        "and a political transition in Syria, and agreed to make joint efforts to prevent ISIS from "
                        "dispersing its fighters, weapons, or resources and provide humanitarian support, to disrupt "
                        "ISIS networks, and to discredit ISIS’s propaganda."),
    (LIST_ITEM, "2.", 0, "On the sidelines of the meeting, Minister Yun met separately with his counterparts from "
                         "about 30 countries. Minister Yun especially met with US key officials handling its policy "
                         "towards the Korean Peninsula, including Secretary of State Rex Tillerson, Secretary of "
                         "Defense James Mattis, and Secretary of the Treasury Steven Mnuchin."),
    (LIST_ITEM, "o", 1, "Secretary Tillerson expressed appreciation to Minister Yun for attending the counter-ISIS "
                        "ministerial meeting. The two sides shared the view that Secretary Tillerson’s visit to the "
                        "ROK last week was very successful."),
    (LIST_ITEM, "o", 1, "Secretary Mattis said that though the ROK is going through a somewhat difficult period "
                        "domestically, the US will always be with the ROK, and stressed once again the solid ROK-US "
                        "alliance and the firm US commitment to the defense of the ROK."),
    (LIST_ITEM, "o", 1, "Minister Yun emphasized to Secretary Mnuchin that as the US is reviewing its North Korea "
                        "policy, the role of Secretary Mnuchin and the Department of the Treasury is very important in "
                        "strengthening sanctions against North Korea. In response, Secretary Mnuchin said that he and "
                        "his Department are closely coordinating on the issue with Secretary Tillerson and the "
                        "Department of State."),
    (LIST_ITEM, "3.", 0, "The US government placed great importance on the meeting of the Ministers of the Global "
                         "Coalition Working to Defeat ISIS, the first large-scale international meeting hosted by "
                         "Secretary Tillerson since his inauguration, as demonstrated by the fact that it was attended "
                         "by a number of secretaries of the Trump administration, including the Secretaries of State, "
                         "Defense, and the Treasury."),
    (LIST_ITEM, "o", 1, "The meeting served as an opportunity to reaffirm the international community’s strong "
                        "willingness to collaborate to completely eliminate ISIS, which, along with North Korea’s "
                        "nuclear program, poses a grave threat to the international community. The meeting was also "
                        "an opportunity to reaffirm the strong and firm ROK-US alliance, a comprehensive strategic "
                        "alliance which addresses the international community’s common security issues, including "
                        "violent extremism, refugees and humanitarian aid."),
    (LIST_ITEM, "o", 1, "It is especially significant that on the sidelines of the meeting, the ROK side met with key "
                        "US officials as part of high-level consultations between the two countries to reaffirm once "
                        "again their common view on the way forward for advancing the ROK-US alliance and resolving "
                        "the North Korean nuclear issue."),
]


# ------------------------------------------------------------------------------------------ seeds

def test_korea_net_seed_blocks():
    meta, blocks = parse("seeds/korea-net-article.txt", "en")
    # The scraped page lost its headline; its first line, one sentence, stands for it.
    assert rows(blocks) == [(TITLE, *KOREA_NET_BODY[0][1:])] + KOREA_NET_BODY[1:]


def test_korea_net_seed_metadata():
    meta, _ = parse("seeds/korea-net-article.txt", "en")
    assert meta.title == ("Korea and the international community have reconfirmed their common will to eradicate "
                          "the extremist group known as ISIS.")
    assert (meta.category, meta.date) == ("Policies", "2017-03-27")
    assert (meta.byline, meta.author_role) == ("Sohn JiAe", "Korea.net Staff Writer")
    assert meta.credits == ["Photos: Ministry of Foreign Affairs"]
    assert meta.captions == [KOREA_NET_BODY[5][3]]
    assert meta.email == "jiae5853@korea.kr"
    assert not meta.is_unofficial_translation
    assert (meta.source_name, meta.source_format) == ("seeds/korea-net-article.txt", "text")


def test_mofa_seed_blocks():
    _, blocks = parse("seeds/mofa-press-release.txt", "en")
    assert rows(blocks) == MOFA_BLOCKS


def test_mofa_seed_metadata():
    meta, _ = parse("seeds/mofa-press-release.txt", "en")
    assert meta.title == MOFA_BLOCKS[0][3]
    assert meta.category == "Press Releases"
    assert meta.is_unofficial_translation
    assert (meta.date, meta.byline, meta.email, meta.credits, meta.captions) == ("", "", "", [], [])


# ------------------------------------------------------------------------------------------- HTML

def test_html_article_gives_the_seed_blocks_under_its_headline():
    meta, blocks = parse("korea-net-article.html", "en")
    # The photo itself is a block of the article now; its alt text, a file name, is not for translation.
    image = [(IMAGE, "", 0, "")]
    title = [(TITLE, "", 0, "Korea, int'l community reconfirm will to defeat ISIS")]
    assert rows(blocks) == title + KOREA_NET_BODY[:5] + image + KOREA_NET_BODY[5:]
    assert blocks[5 + 1].attrs == {"src": "/upload/2017/03/Korea_US_ISIS_Cooperation_01.jpg",
                                   "alt": "Korea_US_ISIS_Cooperation_01.jpg"}
    assert meta.title == "Korea, int'l community reconfirm will to defeat ISIS"
    assert (meta.category, meta.date, meta.email) == ("Policies", "2017-03-27", "jiae5853@korea.kr")
    assert (meta.byline, meta.author_role) == ("Sohn JiAe", "Korea.net Staff Writer")
    assert meta.captions == [KOREA_NET_BODY[5][3]]
    assert meta.source_format == "html"


def test_korean_euc_kr_html_press_release():
    meta, blocks = parse("mofa-ko-press-release.euc-kr.html", "ko")
    assert rows(blocks) == [
        (TITLE, "", 0, "윤병세 외교장관, ISIS 격퇴 글로벌연합 외교장관회의 참석"),
        (LIST_ITEM, "□", 0, "윤병세 외교부 장관은 3.22.(수) 워싱턴에서 틸러슨 미 국무장관 주최로 개최된 ISIS 격퇴 "
                            "글로벌연합 외교장관회의에 참석하였다."),
        (LIST_ITEM, "ㅇ", 1, "윤 장관은 전체회의 발언을 통해 이라크와 시리아 내 ISIS 탈환 지역의 안정화와 외국인 테러 "
                            "전투원의 이동 차단이 중요하다고 강조하였다."),
        (LIST_ITEM, "-", 2, "아울러 말레이시아 공항에서의 화학무기 사용 사건을 언급하며 대량살상무기 확산 방지 필요성도 "
                            "제기하였다."),
        (LIST_ITEM, "ㅇ", 1, "글로벌연합은 공동성명을 통해 ISIS 네트워크 와해와 인도적 지원 제공을 위해 공동 노력해 "
                            "나가기로 하였다."),
        (IMAGE, "", 0, ""),
        (CAPTION, "", 0, "윤병세 외교부 장관이 3월 22일 워싱턴에서 열린 ISIS 격퇴 글로벌연합 외교장관회의에서 발언하고 "
                         "있다."),
        (LIST_ITEM, "□", 0, "윤 장관은 회의 계기에 틸러슨 국무장관, 매티스 국방장관, 므누신 재무장관과 각각 면담하였다."),
        (LIST_ITEM, "ㅇ", 1, "매티스 장관은 미국이 언제나 한국과 함께할 것이라면서 굳건한 한미동맹을 재확인하였다."),
        (CREDIT, "", 0, "사진: 외교부"),
    ]
    assert (meta.title, meta.date, meta.category) == (blocks[0].text, "2017-03-23", "보도자료")
    assert meta.credits == ["사진: 외교부"]


def test_html_without_article_element_uses_the_body_and_drops_its_chrome():
    page = """<html><head><title>Seoul hosts forum | Korea.net</title></head><body>
      <nav><a>Home</a><a>News</a></nav>
      <div class="sns-share"><a>facebook</a><a>twitter</a></div>
      <p>The forum opened in Seoul on Tuesday.<br>Delegates from 20 countries attended.</p>
      <ul><li>Climate</li><li>Trade<ol><li>Tariffs</li><li>Quotas</li></ol></li></ul>
      <footer>Copyright</footer></body></html>"""
    meta, blocks = parse_article(page, "html", "en", "page.html")
    assert rows(blocks) == [
        (TITLE, "", 0, "Seoul hosts forum"),
        (PARAGRAPH, "", 0, "The forum opened in Seoul on Tuesday.<br/>Delegates from 20 countries attended."),
        (LIST_ITEM, "•", 0, "Climate"),
        (LIST_ITEM, "•", 0, "Trade"),
        (LIST_ITEM, "1.", 1, "Tariffs"),
        (LIST_ITEM, "2.", 1, "Quotas"),
    ]


def test_html_content_box_with_br_lines_and_typed_markers():
    page = """<html><body><div id="gnb"><a>News</a></div>
      <div id="content">
        <header><h2>Foreign Minister Meets US Secretaries</h2><span>2017-03-23</span></header>
        <div class="view_cont">1. Minister Yun met Secretary Tillerson.<br><br>
          o The two sides discussed North Korea.<br>
          o They agreed to meet again.<br><br>
          2. Minister Yun met Secretary Mattis.<br>
          <p>Photo: Ministry of Foreign Affairs</p>
        </div>
        <div class="btn_area"><a>List</a> <a>Print</a></div>
      </div></body></html>"""
    meta, blocks = parse_article(page, "html", "en", "release.html")
    assert rows(blocks) == [
        (TITLE, "", 0, "Foreign Minister Meets US Secretaries"),
        (LIST_ITEM, "1.", 0, "Minister Yun met Secretary Tillerson."),
        (LIST_ITEM, "o", 1, "The two sides discussed North Korea."),
        (LIST_ITEM, "o", 1, "They agreed to meet again."),
        (LIST_ITEM, "2.", 0, "Minister Yun met Secretary Mattis."),
        (CREDIT, "", 0, "Photo: Ministry of Foreign Affairs"),
    ]
    assert meta.date == "2017-03-23"


def test_unreadable_html_is_an_input_error():
    with pytest.raises(InputError, match="cannot read empty.html as HTML"):
        parse_article("   ", "html", "en", "empty.html")


# --------------------------------------------------------------------------------------- Markdown

def test_markdown_press_release():
    meta, blocks = parse("mofa-press-release.md", "en")
    assert rows(blocks) == [
        (TITLE, "", 0, "Foreign Minister Attends Meeting of Ministers of Global Coalition Working to Defeat ISIS"),
        (LIST_ITEM, "1.", 0, "Foreign Minister Yun Byung-se attended a meeting of the Ministers of the <a1>Global "
                             "Coalition Working to Defeat ISIS</a1>, hosted by US Secretary of State Tillerson in "
                             "Washington, D.C. on March 22."),
        (LIST_ITEM, "-", 1, "In his opening address, US Secretary of State Tillerson reaffirmed the Trump "
                            "administration’s <i1>strong willingness</i1> to completely eliminate ISIS."),
        (LIST_ITEM, "-", 1, "In its joint statement, the Global Coalition reaffirmed the need for stabilization in "
                            "Iraq and a political transition in Syria."),
        (LIST_ITEM, "2.", 0, "On the sidelines of the meeting, Minister Yun met separately with his counterparts from "
                             "about 30 countries."),
        (HEADING, "", 0, "Meetings with US Secretaries"),
        (PARAGRAPH, "", 0, "<b1>Secretary Mattis</b1> said that the US will always be with the ROK, and stressed "
                           "once again the solid ROK-US alliance."),
        (IMAGE, "", 0, "Foreign Minister Yun Byung-se speaks at the plenary meeting in Washington, D.C."),
        (CREDIT, "", 0, "Photos: Ministry of Foreign Affairs"),
    ]
    assert blocks[7].attrs == {"src": "yun-plenary-2017-03-22.jpg"}
    assert (meta.date, meta.category, meta.email) == ("2017-03-23", "Press Releases", "press@mofa.go.kr")
    assert meta.is_unofficial_translation
    assert meta.extra == {"source_url": "https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=318465"}
    assert meta.captions == []


def test_markdown_title_from_front_matter_when_there_is_no_heading():
    text = "---\ntitle: Seoul hosts forum\nauthor: Kim Minji\n---\nThe forum opened in Seoul on Tuesday.\n"
    meta, blocks = parse_article(text, "markdown", "en")
    assert rows(blocks) == [(TITLE, "", 0, "Seoul hosts forum"),
                            (PARAGRAPH, "", 0, "The forum opened in Seoul on Tuesday.")]
    assert meta.byline == "Kim Minji"


def test_markdown_bad_front_matter_is_an_input_error():
    with pytest.raises(InputError, match="bad.md.*front matter"):
        parse_article("---\ntitle: [unclosed\n---\nText.\n", "markdown", "en", "bad.md")


# ---------------------------------------------------------------------------- other languages

def test_japanese_shift_jis_press_release():
    meta, blocks = parse("mofa-ja-press-release.shift_jis.txt", "ja")
    assert rows(blocks) == [
        (TITLE, "", 0, "尹炳世外交部長官、ISIS打倒グローバル連合外相会合に出席"),
        (LIST_ITEM, "1.", 0, "尹炳世外交部長官は3月22日、ワシントンでティラーソン米国務長官が主催したISIS打倒グローバル連合"
                             "外相会合に出席した。"),
        (LIST_ITEM, "○", 1, "尹長官は全体会合での発言で、イラクとシリアにおけるISISからの奪還地域の安定化と、外国人テロ戦闘員の"
                            "移動阻止の重要性を強調した。"),
        (LIST_ITEM, "○", 1, "グローバル連合は共同声明で、ISISのネットワークを弱体化させ、人道支援を提供するため共同で取り組む"
                            "ことで一致した。"),
        (LIST_ITEM, "2.", 0, "尹長官は会合の機会に、ティラーソン国務長官、マティス国防長官、ムニューシン財務長官とそれぞれ会談"
                             "した。"),
        (LIST_ITEM, "○", 1, "マティス長官は、米国は常に韓国と共にあると述べ、強固な韓米同盟を改めて確認した。"),
    ]
    assert (meta.date, meta.category, meta.is_unofficial_translation) == ("2017-03-23", "報道資料", True)


@pytest.mark.parametrize("heading, names", [
    ("다른 언어로 보기", ["한국어", "English", "日本語", "中文", "Русский"]),
    ("Lire cet article dans une autre langue", ["Coréen", "Anglais", "Japonais", "Chinois", "Espagnol"]),
    ("Diesen Artikel in einer anderen Sprache lesen", ["Koreanisch", "Englisch", "Deutsch"]),
    ("Xem bài viết bằng ngôn ngữ khác", ["Tiếng Hàn", "Tiếng Anh", "Tiếng Việt"]),
])
def test_language_switchers_in_other_wordings_are_dropped(heading, names):
    text = "\n".join([heading] + [f"  • {name}" for name in names] + ["", "Seoul hosted the forum on Tuesday."])
    _, blocks = parse_article(text, "text", "en")
    assert [b.text for b in blocks] == ["Seoul hosted the forum on Tuesday."]


@pytest.mark.parametrize("notice", [
    "* unofficial translation", "※ 비공식 번역", "（非公式翻訳）", "* 非官方翻译", "Traduction non officielle",
    "* Неофициальный перевод",
])
def test_unofficial_translation_notice_is_metadata_not_a_block(notice):
    meta, blocks = parse_article(f"The forum opened in Seoul.\n\n{notice}\n", "text", "en")
    assert meta.is_unofficial_translation
    assert [b.text for b in blocks] == ["The forum opened in Seoul."]


LANGUAGE_MENU = "".join(f"  • {name}\n" for name in (
    "한국어", "English", "日本語", "中文", "العربية", "Español", "Français", "Deutsch", "Pусский", "Tiếng Việt",
    "Indonesian"))


@pytest.mark.parametrize("lang, page, meta_fields, body", [
    ("ko",
     "정책뉴스\n\n2017.03.27\n\n다른 언어로 보기\n" + LANGUAGE_MENU + "한국과 국제사회가 ISIS 격퇴 의지를 재확인했다.\n\n"
     "Korea_US_ISIS_Cooperation_01.jpg\n\n윤병세 외교부 장관(오른쪽)과 에드 로이스 하원 외교위원장이 대화하고 있다.\n\n"
     "코리아넷 손지애 기자\n사진: 외교부\njiae5853@korea.kr",
     ("정책뉴스", "2017-03-27", "코리아넷 손지애 기자", "", ["사진: 외교부"]),
     [TITLE, CAPTION, BYLINE, CREDIT]),
    ("fr",
     "Politique\n\n27 mars 2017\n\nVoir cet article dans une autre langue\n" + LANGUAGE_MENU +
     "La Corée et la communauté internationale ont réaffirmé leur volonté commune d’éradiquer le groupe "
     "extrémiste connu sous le nom d’EI.\n\nPar Sohn JiAe\nRédactrice de Korea.net\n"
     "Photos : ministère des Affaires étrangères\njiae5853@korea.kr",
     ("Politique", "2017-03-27", "Sohn JiAe", "Rédactrice de Korea.net",
      ["Photos : ministère des Affaires étrangères"]),
     [TITLE, BYLINE, BYLINE, CREDIT]),
    ("ru",
     "Политика\n\n27 марта 2017 г.\n\nПрочитать статью на другом языке\n" + LANGUAGE_MENU +
     "Корея и международное сообщество подтвердили общую волю к уничтожению ИГИЛ.\n\n"
     "Автор: Сон Джи Э\nКорреспондент Korea.net\nФото: МИД РК\njiae5853@korea.kr",
     ("Политика", "2017-03-27", "Сон Джи Э", "Корреспондент Korea.net", ["Фото: МИД РК"]),
     [TITLE, BYLINE, BYLINE, CREDIT]),
    ("ar",
     "سياسات\n\n27 مارس 2017\n\nاقرأ هذا المقال بلغة أخرى\n" + LANGUAGE_MENU +
     "أكدت كوريا والمجتمع الدولي عزمهما المشترك على القضاء على تنظيم داعش المتطرف.\n\n"
     "بقلم سون جي آي\nمراسلة كوريا نت\nصور: وزارة الخارجية\njiae5853@korea.kr",
     ("سياسات", "2017-03-27", "سون جي آي", "مراسلة كوريا نت", ["صور: وزارة الخارجية"]),
     [TITLE, BYLINE, BYLINE, CREDIT]),
])
def test_korea_net_pages_in_other_languages(lang, page, meta_fields, body):
    meta, blocks = parse_article(page, "text", lang)
    assert (meta.category, meta.date, meta.byline, meta.author_role, meta.credits) == meta_fields
    assert meta.email == "jiae5853@korea.kr"
    assert [b.role for b in blocks] == body
    assert meta.title == blocks[0].text     # the first paragraph, one sentence, stands for the lost headline


def test_by_contrast_is_a_paragraph_not_a_byline():
    _, blocks = parse_article("Exports rose.\n\nBy contrast, imports fell.\n", "text", "en")
    assert [b.role for b in blocks][1:] == [PARAGRAPH]


def test_hard_wrapped_text_is_joined_into_paragraphs():
    text = ("The forum opened in Seoul on Tuesday with delegates from twenty\n"
            "countries, who discussed trade and climate policy.\n\nIt closes on Friday.\n")
    _, blocks = parse_article(text, "text", "en")
    assert [b.text for b in blocks] == [
        "The forum opened in Seoul on Tuesday with delegates from twenty countries, who discussed trade and "
        "climate policy.", "It closes on Friday."]


def test_short_line_before_a_paragraph_is_a_heading_in_text():
    text = "Seoul hosts forum\n\nThe forum opened on Tuesday.\n\nTrade talks\n\nDelegates discussed tariffs at length."
    _, blocks = parse_article(text, "text", "en")
    assert [b.role for b in blocks] == [TITLE, PARAGRAPH, HEADING, PARAGRAPH]


# ------------------------------------------------------------------------------- small pieces

@pytest.mark.parametrize("line, lang, iso", [
    ("Mar 27, 2017", "en", "2017-03-27"),
    ("March 27th, 2017", "en", "2017-03-27"),
    ("2017.03.27", "ko", "2017-03-27"),
    ("2017. 3. 27.", "ko", "2017-03-27"),
    ("2017-03-27 10:32", "en", "2017-03-27"),
    ("2017년 3월 27일 (월)", "ko", "2017-03-27"),
    ("２０１７年３月２７日", "ja", "2017-03-27"),
    ("27 mars 2017", "fr", "2017-03-27"),
    ("27. März 2017", "de", "2017-03-27"),
    ("27 de marzo de 2017", "es", "2017-03-27"),
    ("27 марта 2017 г.", "ru", "2017-03-27"),
    ("27 Maret 2017", "id", "2017-03-27"),
    ("ngày 27 tháng 3 năm 2017", "vi", "2017-03-27"),
    ("٢٧ مارس ٢٠١٧", "ar", "2017-03-27"),
    ("03/27/2017", "en", "2017-03-27"),
    ("04/03/2017", "fr", "2017-03-04"),
    ("Posted : Monday, March 27, 2017", "en", "2017-03-27"),
    ("On March 22, 2017, the minister met his counterparts in Washington.", "en", ""),
    ("2017.02.30", "ko", ""),
    ("Policies", "en", ""),
])
def test_parse_date(line, lang, iso):
    assert parse_date(line, lang) == iso


@pytest.mark.parametrize("name, text, fmt", [
    ("a.txt", "<p>x</p>", "text"),
    ("a.HTM", "plain", "html"),
    ("a.markdown", "plain", "markdown"),
    ("upload", "<!DOCTYPE html><html><body>x</body></html>", "html"),
    ("upload", "<div><p>One</p><p>Two</p><br></div>", "html"),
    ("upload", "---\ntitle: X\n---\nBody", "markdown"),
    ("upload", "# Title\n\nBody with a [link](https://korea.net).", "markdown"),
    ("upload", "Policies\n\nMar 27, 2017\n\n  1. Item\n* unofficial translation", "text"),
])
def test_guess_format(name, text, fmt):
    assert guess_format(name, text) == fmt


@pytest.mark.parametrize("line, marker, rest", [
    ("1. Foreign Minister", "1.", "Foreign Minister"),
    ("o In his address", "o", "In his address"),
    ("o sea, nada", "", "o sea, nada"),
    ("• 한국어", "•", "한국어"),
    ("ㅇ 윤 장관은", "ㅇ", "윤 장관은"),
    ("(2) Second", "(2)", "Second"),
    ("가. 개요", "가.", "개요"),
    ("2017. 3. 27.", "", "2017. 3. 27."),
])
def test_split_marker(line, marker, rest):
    assert split_marker(line) == (marker, rest)


def test_unknown_language_is_an_input_error():
    with pytest.raises(InputError, match="unknown language code 'pt'"):
        parse_article("Text.", "text", "pt", "a.txt")


def test_unknown_format_is_an_input_error():
    with pytest.raises(InputError, match="unknown format 'pdf' for a.pdf"):
        parse_article("text", "pdf", "en", "a.pdf")


def test_page_with_nothing_but_chrome_is_an_input_error():
    with pytest.raises(InputError, match="menu.txt holds no article text"):
        parse_article("본문 바로가기\n검색창 열기\nfacebook\n", "text", "ko", "menu.txt")
