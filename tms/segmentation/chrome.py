"""Recognising site chrome in the lines of a page: menus, skip links, social links, share and print
buttons, search toggles, site names and banners, language switchers. Vocabulary per language, as data."""
from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]")
_PUNCT_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def vocabulary(table: str) -> frozenset[str]:
    """A set of phrases written as "a|b|c" over several lines."""
    return frozenset(filter(None, table.replace("\n", "|").split("|")))


def lookup_key(text: str) -> str:
    """``text`` as looked up in the vocabularies below: case-folded, without edge punctuation."""
    return " ".join(_PUNCT_EDGES.sub("", text.casefold()).split())


CHROME_WORDS = vocabulary("""
검색|검색창 열기|검색창 닫기|검색 열기|검색 닫기|통합검색|search|open search|close search|recherche|rechercher|suche|suchen|buscar|búsqueda
поиск|検索|搜索|搜尋|بحث|tìm kiếm|cari|pencarian|menu|메뉴|전체메뉴|전체 메뉴|주메뉴|메뉴 열기|메뉴 닫기|open menu|close menu|main menu|sitemap
site map|사이트맵|home|홈|홈으로|top|맨 위로|위로|처음으로|close|닫기|login|로그인|logout|로그아웃|sign in|회원가입|previous|next|prev|이전글|다음글|목록
back to list|list|menú|меню|メニュー|菜单|القائمة|beranda|print|인쇄|프린트|인쇄하기|url 복사|링크 복사|copy url|copy link|글자 크기|글자크기
font size|확대|축소|zoom in|zoom out|스크랩|scrap|imprimer|drucken|imprimir|печать|印刷|打印|طباعة|in|cetak|share|공유|공유하기|partager|teilen
compartir|поделиться|共有|分享|مشاركة|chia sẻ|bagikan|새창|새창 열림|새창열림|opens in a new window|new window|제목|작성일|등록일|수정일|게시일
작성자|조회수|조회|첨부파일|담당부서|담당자|연락처|title|date|writer|hits|views|attachment|attachments
""")
SHARE_WORDS = frozenset("share on via 공유 공유하기 바로가기 새창 partager teilen compartir 分享 共有".split())
# Names that are nothing but a network's name; a list item or link label starting or ending with one
# is a social link. Names that are also words (line, band, blog, x) count only on a line of their own.
SOCIAL_BRANDS = frozenset("""facebook instagram twitter youtube kakao kakaotalk kakaostory 카카오 카카오톡 카카오스토리
페이스북 인스타그램 트위터 유튜브 naver 네이버 weibo 微博 wechat 微信 linkedin tiktok telegram flickr pinterest whatsapp
вконтакте""".split())
SOCIAL = SOCIAL_BRANDS | frozenset("x line band 밴드 blog 블로그 rss vk threads".split())
SKIP_LINK = re.compile(
    r"바로\s?가기$|^바로\s?가기|^(?:skip|jump)\s+to\b|^go\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|menu|navigation|top)"
    r"|^aller au contenu|^zum inhalt|^(?:ir|saltar) al contenido"
    r"|^перейти к|^本文へ|^メインコンテンツへ|^跳[到至]|^تخطي|^chuyển đến nội dung|^langsung ke|^lewati",
    re.IGNORECASE,
)
_SITE_NAMES = vocabulary("""
korea.net|www.korea.net|korea.kr|www.korea.kr|정책브리핑|대한민국 정책브리핑|대한민국 정책포털|외교부|대한민국 외교부|mofa
ministry of foreign affairs|ministry of foreign affairs republic of korea|policy briefing|ministry of foreign affairs, republic of korea
korea.net - the official website of the republic of korea|the official website of the republic of korea
gateway to korea|korea.net gateway to korea""")
_BANNER = re.compile(
    r"^(?:the\s+)?(?:ministry|ministère|ministerio|(?:bundes)?ministerium|министерство|kementerian|bộ|وزارة|office"
    r"|embassy|consulate|korean cultural cent(?:er|re))\b[^.!?。]{0,80}\b(?:korea|corée|corea|кореи|корея|hàn quốc"
    r"|كوريا)$|^\S{1,10}(?:부|部)$",
    re.IGNORECASE,
)


def is_site_name(text: str) -> bool:
    return lookup_key(text) in _SITE_NAMES or bool(_BANNER.match(text.strip()))


_SWITCHER = re.compile(r"languages?|언어|言語|语言|語言|idiomas?|langues?|sprachen?|язык|ngôn ngữ|bahasa|لغة|لغات",
                       re.IGNORECASE)
_SWITCHER_VERB = re.compile(
    r"another|other|select|choose|다른|선택|他の|選択|其他|选择|選擇|otro|otra|selecci|autre|choisir|andere|wählen"
    r"|друг|выб|khác|chọn|lain|pilih|أخرى|اختر",
    re.IGNORECASE,
)


def is_switcher(text: str) -> bool:
    """True for the heading of a language switcher ("View this article in another language")."""
    return bool(_SWITCHER.search(text)) and (bool(_SWITCHER_VERB.search(text)) or len(lookup_key(text).split()) == 1)


# -- widgets, advertisements, comment boxes, related lists, footers: lines that are never the story ------
_WIDGETS = vocabulary("""
font size|text size|increase|decrease|larger|smaller|a+|a-|가+|가-|글자크기조정|글자 크기 조정|글씨 크기|본문 글자 크기
文字サイズ|文字サイズ変更|標準|拡大|縮小|字号|字体|大|中|小|字體|字級|字級大小|列印|轉寄|分享至|حجم الخط|أ+|أ-|tamaño de letra|taille du texte|schriftgröße
размер шрифта|cỡ chữ|ukuran huruf|print|print this page|printer-friendly|印刷用ページ|인쇄하기|imprimer cette page
artikel drucken|версия для печати|in bài viết|cetak halaman|copy link|link copied|링크 복사|url 복사|复制链接|نسخ الرابط
copiar enlace|copier le lien|link kopieren|скопировать ссылку|sao chép liên kết|salin tautan|tweet|ツイート|シェア|いいね
like|likes|좋아요|슬퍼요|화나요|후속요청|추천|공감|추천하기|스크랩|북마크|bookmark|save|saved|저장|listen|listen to this article
기사 듣기|音声で聞く|artikel vorlesen|écouter l'article|escuchar|слушать|nghe bài viết|dengarkan|기자 페이지|기자 구독
기자페이지|구독|구독하기|follow|팔로우|フォロー|关注|متابعة|seguir|suivre|folgen|подписаться|theo dõi|ikuti|subscribe
newsletter|sign up|subscribe to our newsletter|뉴스레터|メールマガジン|订阅|اشترك|اشتراك|suscríbete|boletín|s'abonner
abonnieren|rss|e-mail|email|이메일|メール|邮件|البريد الإلكتروني|correo|courriel|электронная почта|kommentieren
comments|comment|leave a comment|post a comment|add a comment|댓글|댓글쓰기|댓글 쓰기|コメント|评论|評論|تعليقات|تعليق
comentarios|comentar|commentaires|commenter|kommentare|комментарии|комментировать|bình luận|komentar|advertisement
advertisements|ad|ads|sponsored|sponsored content|promoted|광고|広告|广告|廣告|إعلان|publicidad|anuncio|publicité
anzeige|werbung|реклама|quảng cáo|iklan|story continues below|article continues below|continue reading|더보기|もっと見る
查看更多|más|lire la suite|weiterlesen|читать далее|xem thêm|selengkapnya|tags|tag|태그|タグ|标签|標籤|الوسوم|etiquetas
mots-clés|schlagworte|теги|thẻ|kata kunci|topics|top|맨 위로|このページのトップへ|ページの先頭へ|返回顶部|回到顶部|العودة للأعلى
volver arriba|haut de page|nach oben|наверх|lên đầu trang|kembali ke atas|accept|accept all|alle akzeptieren|akzeptieren
einstellungen|settings|설정|設定|设置|aceptar|accepter|tout accepter|принять|đồng ý|setuju|오늘의 주요뉴스|헤드라인
view photo|view photos|view gallery|enlarge|enlarge image|zoom|사진 보기|사진보기|사진 크게보기|크게보기|写真を拡大|拡大する
查看大图|点击查看大图|點擊看大圖|عرض الصورة|ver foto|ver fotos|ver galería|voir la photo|voir les photos|agrandir
foto ansehen|bild vergrößern|bildergalerie|смотреть фото|фотогалерея|xem ảnh|phóng to|lihat foto|lihat video|perbesar
hide caption|toggle caption|show caption|expand caption|play video|watch video|reproducir vídeo|reproducir video
lire la vidéo|video abspielen|смотреть видео|xem video|putar video|تشغيل الفيديو|動画を再生|播放视频|동영상 재생|영상 재생
privacy policy|terms of service|terms of use|cookie policy|개인정보처리방침|이용약관|글자크기 조절|글자 크기 조절|url telah disalin|link disalin|scroll to continue with content|scroll to continue|scroll untuk melanjutkan|scroll untuk lanjut
شارك|واتساب|إكس|فيسبوك|تليجرام|읽어주기|기사 읽어주기|기자 정보|기자 구독하기|添付資料|添付ファイル|関連資料|附件|附件下载
""")
_CHROME_PATTERNS = re.compile(
    r"^(?:copyright|\(c\)|<?저작권자|all rights reserved|版权所有|版權所有|جميع الحقوق|todos los derechos"
    r"|tous droits|alle rechte|все права|bản quyền|hak cipta)"
    r"|^[©ⓒ].*(?:\d{4}|rights|rechte|droits|права|derechos|저작권|bản quyền|hak cipta|版权|版權|著作権|حقوق)"
    r"|all rights reserved|무단\s?전재|재배포\s?금지|禁止转载|未经授权|無断転載|reproduction interdite"
    r"|공식\s?전자정부\s?누리집|official (?:e-government )?website of the (?:republic of korea|korean government)"
    # view counters, reading times, attachments, licence badges, surveys, QR prompts
    r"|^(?:views?|hits?|조회수?|閲覧数?|阅读(?:量|数)?|浏览(?:量|次数)?|瀏覽(?:人次|次數)|lượt xem|dilihat|просмотр\w*|مشاهدات"
    r"|vistas|vues|aufrufe)\s*[:：]?\s*[\d.,]+(?:\s*(?:kali|lần|раз|次|회))?$|^[\d.,]+\s*(?:views|vues|aufrufe|lượt xem"
    r"|просмотр\w*|회 조회)$"
    r"|^(?:lesedauer|reading time|read time|temps de lecture|tiempo de lectura|время чтения|읽는 시간|読了時間|阅读时间)"
    r"\s*[:：]?\s*(?:ca\.\s*)?\d+\s*\w*$|^\d+\s*(?:min(?:ute)?s?|분|分钟|分)\.?\s*(?:read|lesezeit|de lecture|de lectura"
    r"|чтения|읽기)$"
    r"|\.(?:pdf|hwpx?|docx?|xlsx?|pptx?|zip)\s*(?:\(\s*[\d.,]+\s*[KMG]i?B\s*\))?(?:\s+(?:preview|download"
    r"|미리보기|다운로드|내려받기))*$"
    r"|공공누리|^KOGL\b|creative commons|만족하십니까|満足度|この情報はお役に立ちましたか|satisfied with (?:this|the)"
    r"|扫一扫|掃一掃|手机打开|手機打開"
    r"|^(?:發布單位|发布单位|新聞稿編號|新闻稿编号|最後更新日期|最后更新日期|更新日期|資料來源|资料来源)\s*[:：]"
    r"|(?:cookie|쿠키|クッキー).{0,200}(?:accept|agree|consent|website|our site|this site|akzeptier|einverstanden"
    r"|datenschutz|privacy|개인정보|동의|同意|aceptar|accepter|utilisons|usamos|verwenden|menggunakan|sử dụng|согласи)"
    r"|^(?:we|this (?:site|website)) uses? cookies|файлы cookie"
    # newsletter boxes, text-to-speech notices, the author's other stories, reuse and crawling bans
    r"|^(?:get|sign up for|subscribe to|receive)\b.{0,40}\b(?:newsletter|briefing|alerts|updates)\b|in your inbox"
    r"|^enter your e-?mail|^by (?:signing up|subscribing|clicking)\b|^읽어주기 기능|브라우저에서만 사용"
    r"|^\S+ 기자의 (?:다른 )?기사|^dilarang keras|tanpa izin tertulis|非經授權|不得轉載|不得转载"
    r"|^(?:\d+\s*)?(?:개의\s*)?댓글|^로그인\s?후|^(?:please\s+)?(?:log|sign)\s?in\s+to\b|^melden sie sich"
    r"|^제보는|^(?:▶|☞|■)\s*(?:관련|제보|기사제보|구독)|^(?:\d{1,3}\s*)?(?:views?|조회수?|閲覧|阅读|浏览)\s*[:：]?\s*[\d,]*$",
    re.IGNORECASE,
)
RELATED_HEADING = re.compile(
    r"^(?:related(?: news| articles| stories| links| content| topics)?|more (?:news|stories|from \w+)|see also"
    r"|most (?:read|popular|viewed)|popular(?: news| stories)?|trending|recommended|you (?:may|might) also like"
    r"|latest news|top stories|관련\s?(?:뉴스|기사|링크|콘텐츠)|많이\s?본\s?(?:뉴스|기사)|인기\s?(?:뉴스|기사)|주요\s?뉴스|최신\s?기사"
    r"|함께 보면 좋은 기사|이 시각 주요뉴스|최신\s?보도자료|최신\s?소식|最新新聞稿|最新新闻稿|最新消息|latest press releases|関連(?:記事|ニュース|リンク|情報)|アクセスランキング|人気記事|おすすめ|相关(?:新闻|阅读|文章|链接)"
    r"|相關(?:新聞|報導|連結)|延伸閱讀|热门(?:新闻|文章)?|熱門|推荐阅读|أخبار ذات صلة|اقرأ أيضا|الأكثر قراءة|مواضيع ذات صلة"
    r"|noticias relacionadas|lo más leído|más noticias|te puede interesar|relacionad[oa]s|articles? (?:liés|similaires)"
    r"|à lire aussi|les plus lus|sur le même sujet|dans la même rubrique|mehr zum thema|meistgelesen|weitere artikel"
    r"|das könnte sie auch interessieren|ähnliche artikel|читайте также|по теме|самое читаемое|популярное|другие новости"
    r"|tin liên quan|đọc nhiều|tin cùng chuyên mục|tin khác|xem thêm|berita terkait|terpopuler|berita lainnya|artikel terkait"
    r"|baca juga)\s*[:：]?$",
    re.IGNORECASE,
)
_INLINE_RELATED = re.compile(
    r"^(?:baca juga|read (?:also|more)|see also|related|lire aussi|à lire aussi|lea también|lee también"
    r"|читайте также|xem thêm|mehr zum thema|관련\s?기사|▶\s?관련|اقرأ أيضا|相关阅读|延伸閱讀|関連記事)\s*[:：-]",
    re.IGNORECASE,
)
_END_MARK = re.compile(
    r"^[\s\-–—=*/(（\[【<]*(?:end|끝|完|fin|конец|النهاية|انتهى|ende|hết|selesai|-0-)[\s\-–—=*/)）\]】>.]*$"
    r"|^\.\s*/\s*\.$",
    re.IGNORECASE,
)


def is_chrome_line(text: str) -> bool:
    """True for a line that is a page's furniture in any of the eleven languages: a widget, a button, an
    advertisement label, a comment box, a copyright or cookie notice, a row of such words."""
    if len(text) > 300:
        return False
    looked_up = lookup_key(text)
    if looked_up in CHROME_WORDS or looked_up in _WIDGETS or SKIP_LINK.search(text):
        return True
    if _CHROME_PATTERNS.search(text):
        return True
    words = looked_up.split()
    return bool(words) and len(words) <= 8 and all(
        w in CHROME_WORDS or w in _WIDGETS or w in SOCIAL or w in SHARE_WORDS for w in words)


def is_end_mark(text: str) -> bool:
    """True for an end-of-story mark standing on its own line: "(END)", "(끝)", "./.", "（完）", "-0-"."""
    return len(text) <= 20 and bool(_END_MARK.match(text.strip()))


def is_inline_related(text: str) -> bool:
    """True for a link to another story set in the body ("Baca juga: …", "Lire aussi : …")."""
    return bool(_INLINE_RELATED.match(text.strip()))
