"""Tests of tms.segmentation.metadata and of how page text and HTML give their metadata: bylines, credits,
categories, e-mail addresses, and the headline beside photos and their captions."""
from __future__ import annotations

import pytest

from tms.model import Role
from tms.segmentation.cleaning import parse_article
from tms.segmentation.metadata import (
    category_beside_date, credit_tail, is_credit, is_strict_credit, looks_like_name, names_agency,
)

BODY_ID = ("Pemerintah kota dan mitranya di Korea Selatan sepakat menggelar program pertukaran pelajar sekolah "
           "menengah kejuruan mulai Agustus tahun ini, dengan empat puluh peserta pada tahap awal.\n\n"
           "Seleksi peserta dibuka bulan depan melalui laman dinas pendidikan kota, kata kepala dinas kepada "
           "wartawan di balai kota pada Selasa siang.\n")


def roles(blocks):
    return [(b.role, b.text) for b in blocks]


# ------------------------------------------------------------------------------- page text
def test_a_photo_caption_with_its_credit_is_not_taken_for_the_headline():
    text = ("Nasional\nRegional\n\nKota dan Busan Sepakati Pertukaran Pelajar Kejuruan\n"
            "Kabar Kota - 30/04/2024, 14:22 WIB\nLihat Foto\n"
            "Wali kota (kiri) dan wakil wali kota Busan menunjukkan nota kesepahaman, Selasa (30/4/2024).\n"
            "(ANTARA/ANDI HARTANTO)\nPenulis Kontributor Kota, Andi Hartanto\nBagikan:\n\n" + BODY_ID)
    meta, blocks = parse_article(text, "text", "id")
    assert meta.title == "Kota dan Busan Sepakati Pertukaran Pelajar Kejuruan"
    assert meta.byline == "Andi Hartanto" and meta.date == "2024-04-30"
    assert "Lihat Foto" not in [b.text for b in blocks]       # the photo viewer's button
    assert (Role.CAPTION, "Wali kota (kiri) dan wakil wali kota Busan menunjukkan nota kesepahaman, "
                          "Selasa (30/4/2024).") in roles(blocks)


def test_a_name_signing_the_story_is_its_byline_but_an_agency_is_not():
    story = ("Đà Nẵng thí điểm phố đi bộ ven sông Hàn\n18/4/2024\n\n"
             "Tuyến phố đi bộ dọc đường Bạch Đằng sẽ mở cửa ba tối mỗi tuần, phục vụ người dân và du khách từ "
             "tháng năm tới, theo kế hoạch thành phố vừa công bố.\n\n"
             "Sở Du lịch sẽ lấy ý kiến người dân và doanh nghiệp đến hết ngày 25/4 trước khi trình đề án.\n\n")
    meta, blocks = parse_article(story + "Nguyễn Đông\n\nTrở lại Thời sự\nChia sẻ\n", "text", "vi")
    assert meta.byline == "Nguyễn Đông" and (Role.BYLINE, "Nguyễn Đông") in roles(blocks)
    meta, blocks = parse_article(story + "Agencia EFE\n\nChia sẻ\n", "text", "vi")
    assert meta.byline == "" and "Agencia EFE" not in [b.text for b in blocks]


def test_captions_give_up_their_credits():
    text = ("Phố đi bộ ven sông\n18/4/2024\n\n"
            "Đường Bạch Đằng nhìn từ cầu Rồng, tối 17/4. Ảnh: Nguyễn Đông\n\n"
            "Tuyến phố đi bộ dọc đường Bạch Đằng sẽ mở cửa ba tối mỗi tuần, phục vụ người dân và du khách từ "
            "tháng năm tới, theo kế hoạch thành phố vừa công bố.\n\n"
            "Sơ đồ tuyến phố và các điểm giữ xe. Đồ họa: Đăng Hiếu\n\n"
            "Sở Du lịch sẽ lấy ý kiến người dân và doanh nghiệp đến hết ngày 25/4 trước khi trình đề án.\n")
    meta, blocks = parse_article(text, "text", "vi")
    assert meta.credits == ["Ảnh: Nguyễn Đông", "Đồ họa: Đăng Hiếu"]
    assert (Role.CAPTION, "Đường Bạch Đằng nhìn từ cầu Rồng, tối 17/4.") in roles(blocks)


def test_an_agency_in_brackets_under_a_caption_is_the_photos_credit():
    text = ("هيئة المتاحف تفتتح معرضا للخط العربي بمشاركة خطاطين من اثنتي عشرة دولة\n١٥ أبريل ٢٠٢٥\n\n"
            "جانب من المعرض في المتحف الوطني بالرياض\n(واس)\n\n"
            "الرياض ١٥ أبريل (واس) - افتتحت هيئة المتاحف مساء اليوم في المتحف الوطني بالرياض معرضا للخط العربي، "
            "بمشاركة اثنين وأربعين خطاطا وخطاطة من اثنتي عشرة دولة عربية وإسلامية.\n\n"
            "ويضم المعرض أعمالا فنية موزعة على أربعة أقسام تعرض تطور الخط العربي عبر القرون حتى التجارب المعاصرة.\n")
    meta, blocks = parse_article(text, "text", "ar")
    assert meta.credits == ["(واس)"] and meta.byline == ""
    assert (Role.CAPTION, "جانب من المعرض في المتحف الوطني بالرياض") in roles(blocks)
    assert (Role.CREDIT, "(واس)") in roles(blocks)


def test_a_bylines_agency_is_kept_as_a_credit():
    text = ("Hà Nội đẩy mạnh chuyển đổi số trong dịch vụ công\n18/4/2024\n\n"
            "Thành phố đặt mục tiêu đưa toàn bộ thủ tục hành chính lên môi trường số trong năm nay, theo kế hoạch "
            "vừa được ủy ban nhân dân thành phố ban hành.\n\n"
            "Các quận, huyện phải báo cáo tiến độ hằng tháng và công khai kết quả trên cổng thông tin.\n\n"
            "Thu Phương (TTXVN/Vietnam+)\n")
    meta, _ = parse_article(text, "text", "vi")
    assert meta.byline == "Thu Phương" and "(TTXVN/Vietnam+)" in meta.credits


def test_category_from_a_trail_that_ends_with_the_headline_and_from_the_date_line():
    body = ("外務大臣は二日、ソウルで韓国の外相と会談し、両国の首脳が互いの国を行き来する外交を続けることで一致した。"
            "会談は約一時間にわたり、経済安全保障での協力についても意見を交わした。\n")
    text = "トップ > 政治 > 日韓外相、ソウルで会談　往来外交の継続で一致\n\n日韓外相、ソウルで会談　往来外交の継続で一致\n2024年5月2日\n\n" + body
    meta, _ = parse_article(text, "text", "ja")
    assert meta.category == "政治" and meta.title == "日韓外相、ソウルで会談　往来外交の継続で一致"
    text = ("Ministerium startet Förderprogramm für Fachkräfte\n25.03.2024 - Pressemitteilung\n\n"
            "Das Ministerium hat am Montag ein neues Förderprogramm vorgestellt, das kleinen Betrieben bei der "
            "Ausbildung von Fachkräften helfen soll.\n\nAnträge können ab dem ersten Mai gestellt werden.\n")
    meta, _ = parse_article(text, "text", "de")
    assert (meta.category, meta.date) == ("Pressemitteilung", "2024-03-25")


def test_the_contact_address_of_the_closing_paragraph_is_the_articles_email():
    text = ("Exports rise for the eighth month\nJune 1, 2024\n\n"
            "Exports rose 9.4 percent from a year earlier in May, led by chips and cars, the ministry said on "
            "Saturday.\n\nFor further information, please contact the Trade Statistics Division at "
            "tradestat@motie.example.go.kr.\n")
    meta, blocks = parse_article(text, "text", "en")
    assert meta.email == "tradestat@motie.example.go.kr"
    assert blocks[-1].text.endswith("tradestat@motie.example.go.kr.")     # and the sentence stays
    two = text.replace("Division at", "Division at trade@motie.example.go.kr or")
    assert parse_article(two, "text", "en")[0].email == ""                  # which one? neither


# ------------------------------------------------------------------------------- HTML
PAGE = """<!DOCTYPE html><html lang="{lang}"><head><title>{title} | Example</title>{head}</head><body>
<nav class="gnb"><ul><li><a href="/">Home</a></li><li><a href="/s">Section</a></li></ul></nav>
{crumb}<article><h1>{title}</h1>{article}</article><footer>© 2024 Example News. All rights reserved.</footer></body></html>"""


def html_page(title: str, article: str, *, lang: str = "en", head: str = "", crumb: str = "") -> str:
    return PAGE.format(title=title, article=article, lang=lang, head=head, crumb=crumb)


def test_a_caption_marked_aria_hidden_is_still_read_with_its_credit():
    article = ("<p>The port handled a record number of containers in the first quarter, the operator said on "
               "Friday, as shipping lines returned to the route after months of disruption.</p>"
               '<figure><img src="/p.jpg" alt="The terminal"><figcaption aria-hidden="true">The terminal, on April 3. '
               '<span class="credit" aria-hidden="true">PIERRE DUVAL / AFP</span></figcaption></figure>'
               "<p>Volumes are expected to keep rising through the summer, according to the port authority's "
               "latest forecast, published on Thursday.</p>")
    meta, blocks = parse_article(html_page("Port handles record volumes", article), "html", "en")
    assert "PIERRE DUVAL / AFP" in meta.credits
    assert (Role.CAPTION, "The terminal, on April 3.") in roles(blocks)


def test_a_source_line_under_a_chart_is_its_credit_and_a_reporter_under_a_photo_its_photographer():
    article = ("<p>Monthly exports rose for the eighth month in a row in May, driven by semiconductors and cars, "
               "according to figures released on Saturday.</p>"
               '<figure><img src="/chart.png" alt="Chart"><figcaption>Monthly exports, 2023 to 2024 '
               '<span class="credit">Source: Trade Ministry, Customs Service</span></figcaption></figure>'
               "<p>Shipments to the United States and the European Union grew fastest, the ministry said.</p>")
    meta, blocks = parse_article(html_page("Exports rise again", article), "html", "en")
    assert "Source: Trade Ministry, Customs Service" in meta.credits
    article = ("<p>섬 곳곳에 설치된 태양광 패널이 주민들이 쓰는 전기를 모두 만들어 내고, 남는 전기를 판 돈은 주민들에게 "
               "배당으로 돌아간다고 마을 관계자가 밝혔다.</p>"
               '<figure><img src="/p.jpg" alt="태양광 패널"><figcaption>지난 9일 마을 돌담 사이로 태양광 패널이 설치돼 있다. '
               '<span class="credit">송지유 기자</span></figcaption></figure>'
               "<p>주민들은 올해 처음으로 일인당 수십만 원의 배당을 받았으며 내년에는 더 늘어날 것으로 기대하고 있다.</p>")
    meta, blocks = parse_article(html_page("섬 전체가 발전소", article, lang="ko"), "html", "ko")
    assert meta.credits == ["송지유 기자"] and meta.byline != "송지유 기자"
    assert (Role.CREDIT, "송지유 기자") in roles(blocks)


def test_the_byline_as_the_lead_prints_it_wins_over_the_heads_bare_name():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": '
            '[{"@type": "Person", "name": "이민재"}]}</script>')
    article = ("<p>(부산=연합뉴스) 이민재 기자 = 아시아 최대 영화 축제인 부산국제영화제가 2일 오후 개막식을 열고 열흘간의 "
               "일정에 들어갔다.</p><p>올해는 63개국에서 초청된 224편의 영화가 상영된다.</p>")
    meta, _ = parse_article(html_page("부산국제영화제 개막", article, lang="ko", head=head), "html", "ko")
    assert meta.byline == "이민재 기자"


def test_a_you_are_here_trail_names_the_category():
    crumb = '<div class="curpos">当前位置：<a href="/">首页</a> &gt; <a href="/culture/">文化</a> &gt; 正文</div>'
    article = ("<p>第二十届中国国际文化产业博览交易会二日在深圳开幕，来自六十多个国家和地区的机构参展，展会为期五天。</p>"
               "<p>主办方介绍，本届展会设有数字文化、非物质文化遗产等多个展区。</p>")
    meta, _ = parse_article(html_page("文博会在深圳开幕", article, lang="zh", crumb=crumb), "html", "zh")
    assert meta.category == "文化"


# ------------------------------------------------------------------------------- small pieces
@pytest.mark.parametrize("line, category", [
    ("25.03.2024 - Pressemitteilung", "Pressemitteilung"),
    ("보도자료 | 2024.05.02", "보도자료"),
    ("25.03.2024 - Berlin", ""),
    ("Pressemitteilung", ""),
])
def test_category_beside_date(line, category):
    assert category_beside_date(line) == category


@pytest.mark.parametrize("text, caption, credit", [
    ("Đường Bạch Đằng nhìn từ cầu Rồng, tối 17/4. Ảnh: Nguyễn Đông", "Đường Bạch Đằng nhìn từ cầu Rồng, tối 17/4.",
     "Ảnh: Nguyễn Đông"),
    ("The ministers in Hanoi. (Yonhap)", "The ministers in Hanoi.", "(Yonhap)"),
    ("The talks went on until late. He said so.", "The talks went on until late. He said so.", ""),
])
def test_credit_tail(text, caption, credit):
    assert credit_tail(text) == (caption, credit)


def test_credit_forms():
    assert is_strict_credit("Ảnh: Nguyễn Đông") and is_strict_credit("Foto: dpa") and is_strict_credit("(واس)")
    assert is_credit("PIERRE-ALAIN DUVAL / AFP") and is_credit("Source: Trade Ministry")
    assert not is_strict_credit("Source: Trade Ministry")       # a story's source line, too
    assert names_agency("Agencia EFE") and names_agency("(Yonhap)") and not names_agency("Nguyễn Đông")
    assert looks_like_name("Nguyễn Đông") and not looks_like_name("Trở lại Thời sự")


# ------------------------------------------------------------------------------- more page shapes
RU_BODY = ("Впервые в истории наблюдений численность байкальской нерпы определят с помощью беспилотников, "
           "сообщили в заповеднике. Учет пройдет в мае на островах, где собирается до четырех тысяч животных.\n\n"
           "Результаты учета опубликуют осенью на сайте заповедника, добавили в пресс-службе учреждения.\n")


def test_a_print_issue_line_is_not_the_headline_and_a_section_beside_the_date_is_the_category():
    text = ("Общество\nСпорт\nКультура\n\nЭкология\n02.05.2024 18:40\nГазета - Экономика Сибири: №96(9339)\n"
            "На Байкале пересчитают нерпу с помощью беспилотников\n"
            "Текст: Анна Ковалёва (Иркутская область)\nПоделиться\n\n" + RU_BODY)
    meta, blocks = parse_article(text, "text", "ru")
    assert meta.title == "На Байкале пересчитают нерпу с помощью беспилотников"
    assert (meta.category, meta.byline) == ("Экология", "Анна Ковалёва")
    assert not any("№96" in b.text for b in blocks)


@pytest.mark.parametrize("lines, byline", [
    ("Laura Benlloch\nValència\n02.05.2024 | 13:45\n", "Laura Benlloch"),          # a place between
    ("Ouest-France\nYann LE BIHAN.\nPublié le 02/05/2024 à 18h34\n", "Yann LE BIHAN"),   # signed with a stop
    ("Dian Lestari - detikJabar\nRabu, 01 Mei 2024 14:22 WIB\n", "Dian Lestari"),         # and the outlet
])
def test_a_name_near_the_date_is_the_byline(lines, byline):
    text = ("Pemkot Bangun Jalur Sepeda Terproteksi Sepanjang Dua Belas Kilometer\n" + lines + "\n" + BODY_ID)
    assert parse_article(text, "text", "id")[0].byline == byline


def test_korean_broadcast_page_section_crew_credit_and_signature():
    text = ("뉴스 7\n남해안 고수온에 양식 어류 172만 마리 폐사…\"이번 주가 고비\"\n입력 2024.08.21 (19:27)\n사회\n"
            "페이스북\n링크복사\n읽어주기 기능은 크롬기반의\n브라우저에서만 사용하실 수 있습니다.\n\n"
            "남해안 일대에 고수온 특보가 한 달 넘게 이어지면서 양식 어류 폐사가 빠르게 늘고 있습니다.\n"
            "전라남도와 경상남도는 지금까지 172만 마리가 폐사한 것으로 집계됐다고 밝혔습니다.\n"
            "촬영기자:박준형/영상편집:이진호/그래픽:최윤아\n\n김민정 기자\nkimmj@kbs.co.kr\n\n김민정 기자의 기사 모음\n")
    meta, blocks = parse_article(text, "text", "ko")
    assert (meta.category, meta.byline, meta.email) == ("사회", "김민정 기자", "kimmj@kbs.co.kr")
    assert meta.credits == ["촬영기자:박준형/영상편집:이진호/그래픽:최윤아"]
    texts = " ".join(b.text for b in blocks)
    assert "읽어주기" not in texts and "브라우저" not in texts and "기사 모음" not in texts


def test_credits_after_a_bar_and_inside_a_caption():
    text = ("Saint-Malo : le nouveau terminal accueillera ses premiers passagers en 2026\n02/05/2024\n\n"
            "Le chantier du nouveau terminal, vu depuis la digue, le 30 avril 2024. | OUEST-FRANCE\n\n"
            "Les travaux du terminal avancent au rythme prévu et la région confirme une mise en service pour le "
            "printemps 2026, a indiqué le président du conseil portuaire.\n")
    meta, blocks = parse_article(text, "text", "fr")
    assert meta.credits == ["OUEST-FRANCE"]
    assert (Role.CAPTION, "Le chantier du nouveau terminal, vu depuis la digue, le 30 avril 2024.") in roles(blocks)
    article = ('<p>부산항 신항 7부두에 국내 첫 완전자동화 컨테이너 터미널이 5일 본격 가동에 들어갔다고 부산항만공사가 밝혔다.</p>'
               '<span class="end_photo_org"><div><img src="/p.jpg" alt="부두 전경"></div><em class="img_desc">부산항 신항 '
               '7부두 전경. (사진=부산항만공사 제공) 2024.11.05. photo@newsis.com</em></span><br><br>'
               '<p>총사업비는 약 1조2000억원이 들었으며 이 가운데 자동화 장비 구입에만 4300억원이 투입됐다고 공사는 설명했다.</p>')
    meta, blocks = parse_article(html_page("부산항 신항 완전자동화 부두 가동", article, lang="ko"), "html", "ko")
    assert meta.credits == ["(사진=부산항만공사 제공)"]
    assert [b.role for b in blocks if "7부두 전경" in b.text] == [Role.CAPTION]


def test_the_datelines_reporter_wins_over_an_editor_in_the_head():
    head = '<meta name="author" content="王琳">'
    article = ('<p>中新网昆明5月2日电 (记者 杨子涵)记者2日从大理白族自治州农业农村局获悉，当地已有3.2万户农户参与生态积分制度。</p>'
               '<div><img src="/p.jpg" alt="村民兑换生活用品"><p class="photo_desc">村民用积分兑换生活用品。'
               '<span class="photo_author">杨子涵 摄</span></p></div><p>据介绍，参与农户每减少一公斤化肥可获得相应积分，'
               '积分可在村里的积分超市兑换生活用品，流域化肥使用量同比下降12.6%。</p>')
    crumb = '<div class="bread"><a href="/">首页</a> &gt; <a href="/china/">国内新闻</a> &gt; 正文</div>'
    meta, _ = parse_article(html_page("云南洱海流域推行生态积分", article, lang="zh", head=head, crumb=crumb), "html", "zh")
    assert (meta.byline, meta.credits, meta.category) == ("记者 杨子涵", ["杨子涵 摄"], "国内新闻")


def test_credit_elements_and_metadata_rows_of_html_pages():
    article = ('<div class="meta"><span>By Jana Petersen, dpa</span><span>07.05.2024, 13:48 Uhr</span>'
               '<span>Lesedauer: 3 Minuten</span></div>'
               "<p>Every Tuesday a converted delivery van pulls out of a hospital parking lot and heads west, filling "
               "prescriptions in four towns that no longer have a pharmacy of their own.</p>"
               '<div class="bucketwrap image"><img src="/v.jpg" alt="The van"><div class="credit-caption">'
               '<div class="caption"><p>The van in Ransom on April 23.</p></div>'
               '<span class="credit">Daniel Ortiz for NPR</span><b class="hide-caption"><b>hide caption</b></b></div>'
               '<b class="toggle-caption"><b>toggle caption</b></b>'
               '<span class="credit credit--mobile">Daniel Ortiz for NPR</span></div>'
               "<p>The county's pilot has been running since January and will be reviewed by the state next spring, "
               "officials said.</p>")
    meta, blocks = parse_article(html_page("A county puts its drugstore on wheels", article), "html", "en")
    assert meta.credits == ["Daniel Ortiz for NPR"] and meta.date == "2024-05-07"
    assert meta.byline == "Jana Petersen"
    texts = [b.text for b in blocks]
    assert not any("caption" in t or "Lesedauer" in t for t in texts)
    assert texts.count("Daniel Ortiz for NPR") == 1


def test_a_portal_names_the_section_its_outlet_filed_the_story_under():
    article = "<p>부산항 신항 7부두에 국내 첫 완전자동화 컨테이너 터미널이 5일 본격 가동에 들어갔다고 밝혔다.</p>"
    page = html_page("부산항 신항 완전자동화 부두 가동", article, lang="ko").replace(
        "</article>", '</article><p class="categorize">이 기사는 언론사에서 경제 섹션으로 분류했습니다.</p>')
    assert parse_article(page, "html", "ko")[0].category == "경제"


@pytest.mark.parametrize("line", [
    "Get the morning briefing", "The day's top stories from Korea, in your inbox at 7 a.m.",
    "Enter your email address", "By signing up, you agree to our Privacy Policy and Terms of Service.",
    "Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis untuk AI di situs web ini "
    "tanpa izin tertulis dari redaksi.", "本網站之文字、圖片及影音，非經授權，不得轉載。", "Lihat Foto", "hide caption",
    "Reproducir vídeo", "SCROLL TO CONTINUE WITH CONTENT",
])
def test_more_page_furniture_is_chrome(line):
    from tms.segmentation.chrome import is_chrome_line

    assert is_chrome_line(line)
