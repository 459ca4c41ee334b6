"""Per-language abbreviation and function-word data for the sentence splitter; data only, no logic.

Abbreviations are stored lower-case, without their final period and without inner spaces
("z. B." is ``"z.b"``), so one lookup covers "z.B.", "z. B." and "Z. B.".
"""
from __future__ import annotations

from tms.languages import CODES as LANGUAGES

# Scripts with upper and lower case: a lower-case word after a period continues the sentence.
CASED_LANGUAGES = frozenset({"en", "es", "fr", "de", "ru", "vi", "id"})

# English titles travel with English names into every language's news copy ("Ms. Clinton").
_ENGLISH_TITLES = {"mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col",
                   "capt", "sgt", "rev", "hon", "pres", "supt", "insp", "cmdr", "adm", "maj"}

# Titles and prefixes that stand before a name or a place: never the end of a sentence.
TITLES: dict[str, frozenset[str]] = {lang: frozenset(_ENGLISH_TITLES | extra) for lang, extra in {
    "en": {"mt"},
    "de": {"hr", "hrn", "fr", "frl", "hl", "st", "dipl", "ing"},
    "fr": {"m", "mm", "mme", "mmes", "mlle", "mlles", "me", "mgr", "pr", "st", "ste", "bd", "bld", "bvd", "av",
           "fg", "gal", "cne", "cdt"},
    "es": {"sr", "sra", "srta", "sres", "sras", "d", "dña", "dra", "lic", "ing", "sto", "sta",
           "excmo", "excma", "ilmo", "ilma", "gral", "pdte", "pdta", "vicepdte", "cnel", "tte", "mons",
           "avda", "pza", "sgo"},
    "ru": {"г-н", "г-жа", "тов", "проф", "акад", "ген", "им", "ул", "пр-т", "просп", "пл", "пер", "пос",
           "дер", "мкр", "наб", "пгт"},
    # Street, village and region before their names (Jl. Merdeka, Gg. Mawar, Kec. Menteng, Prov. Jawa
    # Barat), ranks and honorifics before a name (Ir., Hj. for a woman who made the hajj, AKBP.).
    "id": {"tn", "ny", "nn", "sdr", "sdri", "bpk", "ir", "hj", "drs", "dra", "drg", "jl", "jln", "gg", "kh",
           "kol", "letjen", "mayjen", "brigjen", "jend", "irjen", "kombes", "akbp", "kompol", "pol", "kec", "kab",
           "kel", "prov", "ds", "pt", "cv", "pdt", "ust"},
    # Academic and professional titles; combined ones ("GS.TS.", "PGS.TS.") are titles too (see TITLE_SEPARATOR).
    "vi": {"tp", "q", "p", "ts", "tskh", "ths", "th.s", "gs", "pgs", "bs", "ks", "ls", "ncs", "tt"},
    "ar": {"أ.د", "ا.د"},  # Prof. Dr.
    "ko": set(), "ja": set(), "zh": set(),
}.items()}

# Month abbreviations stand before a day or a year ("Jan. 5", "Okt. 2019") or a bracket ("11 Abr. (EUROPA PRESS)").
_MONTHS = {
    "en": "jan feb mar apr jun jul aug sep sept oct nov dec",
    "de": "jan feb mär apr jun jul aug sep sept okt nov dez",
    "fr": "janv févr avr juil sept oct nov déc",
    "es": "ene feb mar abr jun jul ago sep sept oct nov dic",
    "ru": "янв фев февр мар апр авг сен сент окт ноя нояб дек",
    "id": "jan feb mar apr jun jul agu agt sep okt nov des",
}

MONTHS: dict[str, frozenset[str]] = {lang: frozenset(_MONTHS.get(lang, "").split()) for lang in LANGUAGES}

# The first three letters of month names (of en, de, fr, es, ru, id), in any of their forms: a dateline
# without an agency tag is a place in capitals and a date with one of these ("МОСКВА, 8 апреля.").
MONTH_STEMS = frozenset("jan feb mar apr may jun jul aug sep oct nov dec jän mär mai okt dez fév avr jui aoû déc "
                        "ene abr ago set dic янв фев мар апр мая май июн июл авг сен окт ноя дек mei agu agt des"
                        .split())

_SHARED_BEFORE_NUMBER = {"no", "nos", "nr", "nrn", "art", "arts", "vol", "vols", "fig", "figs", "pp",
                         "ch", "chap", "sec", "ca", "approx", "tel", "ref", "para", "cf", "op"}

# Abbreviations that stand before a number ("No. 5", "Nr. 5", "ст. 5", "Jan. 5"): no break before it.
BEFORE_NUMBER: dict[str, frozenset[str]] = {
    lang: frozenset(_SHARED_BEFORE_NUMBER | extra | MONTHS[lang]) for lang, extra in {
    "en": {"ex", "ed", "eds", "pt", "pts", "ser", "mio", "bn"},
    # Gazettes before their year and page: "BGBl. 2024 I Nr. 5", "GVBl. S. 12".
    "de": {"abs", "bd", "bde", "kap", "ziff", "tab", "abb", "anm", "aufl", "jg", "hft", "lfd", "s", "mio",
           "mrd", "bzw", "ca", "spt", "str", "az", "mo", "di", "mi", "do", "bgbl", "bstbl", "gvbl", "gbl", "banz",
           "abl"},
    "fr": {"p", "n", "env", "chap", "art", "éd", "t", "vol"},
    "es": {"núm", "n", "pág", "págs", "cap", "aprox", "tfno", "nº", "art", "c", "vol"},
    "ru": {"ст", "стр", "гл", "рис", "табл", "п", "пп", "ч", "с", "т", "тел", "ок", "прим", "см", "д",
           "кв", "корп", "вып", "изд", "разд", "№"},
    "id": {"hlm", "rp", "ps", "psl", "ay", "no", "tel", "telp", "tlp", "kp", "rt", "rw", "bab", "tgl", "kav",
           "pkl", "thn"},
    "vi": {"tr", "đ", "k", "số"},
    "ar": {"ص.ب"},  # P.O. box
    "ko": set(), "ja": set(), "zh": set(),
}.items()}

# Abbreviations inside a sentence that are never its last word ("e.g.", "z. B.", "т. е.").
MIDDLE: dict[str, frozenset[str]] = {lang: frozenset({"e.g", "i.e", "vs", "viz"} | extra)
                                      for lang, extra in {
    "en": set(),
    "de": {"z.b", "d.h", "u.a", "bzw", "vgl", "sog", "o.ä", "u.ä", "z.t", "i.d.r", "ggf", "inkl", "evtl",
           "zzgl", "gem", "lt", "u.u"},
    "fr": {"c.-à-d", "p.ex", "cf", "env"},
    "es": {"p.ej", "vid", "ej"},
    "ru": {"т.е", "т.к", "т.н", "т.ч", "т.о", "напр", "см", "ср", "нач", "зам"},
    "id": {"a.n", "u.p", "s.d", "yth", "sbg", "dgn", "utk", "krn", "spt", "sbb"},
    "vi": set(), "ko": set(), "ja": set(), "zh": set(), "ar": set(),
}.items()}

# Company forms, in news copy of every language: one may follow another ("Straits Capital Pte. Ltd.",
# "Sdn. Bhd.", "Co., Ltd.") and the sentence goes on.
COMPANY_FORMS = frozenset("inc corp co ltd pte pty plc llc bhd sdn tbk gmbh s.a s.l s.p.a s.r.l n.v b.v k.k".split())

# Abbreviations that often end a sentence too: a sentence starter after them ("Apple Inc. The") decides.
# Company forms, degrees after a name (Ph.D., S.H., M.Si.) and amounts after a number ("5 Mio.",
# "5 млн руб.") belong here too.
_SHARED_ENDING = "approx ph.d " + " ".join(COMPANY_FORMS)
ENDING_ABBREVIATIONS: dict[str, frozenset[str]] = {lang: frozenset(f"{_SHARED_ENDING} {words}".split())
                                                    for lang, words in {
    "en": "bros etc esq",
    "de": "usw etc ff gmbh mio mrd tsd",
    "fr": "etc",
    "es": "etc aprox ee.uu",
    "ru": "др пр т.д т.п руб коп тыс млн млрд трлн мин сек обл р-н",
    "id": "dll dsb dst dkk tbk tsb s.pd s.h s.e s.t s.si s.kom s.sos s.ip s.ag s.psi s.hum s.ked s.kep s.farm "
          "m.si m.h m.m m.sc m.pd m.kes m.hum m.ag m.kom m.t",
    "vi": "v.v",
    "ko": "", "ja": "", "zh": "", "ar": "",
}.items()}

# Currencies and units after an amount ("300 руб.", "1,2 млн т."), and the number words an amount may end
# with: before a capital they end a sentence. (Not in German, whose nouns are capitalised: "5 Mio. Euro".)
# Unit symbols, which take no full stop of their own in any language: after an amount, a full stop
# before a capital ends the sentence ("una precisión de 2 cm. Servicios similares…").
_SI_UNITS = frozenset("cm mm km kg mg ml ha km² m² m³ kwh mwh gwh".split())
UNITS: dict[str, frozenset[str]] = {lang: _SI_UNITS for lang in LANGUAGES} | {
    "ru": _SI_UNITS | frozenset("руб коп долл т кг км м см мм га л чел шт тыс млн млрд трлн".split()),
}

# Full words that sentencex's lists take for abbreviations or prefixes: the month "May", Spanish "mar"
# (sea), "bien" (well), "contra" (against): "... en el mar. Tras ..." ends a sentence.
FULL_WORDS: dict[str, frozenset[str]] = {lang: frozenset() for lang in LANGUAGES} | {
    "en": frozenset({"may"}),
    "es": frozenset({"mar", "bien", "contra", "bis", "retro", "extra", "mini", "super", "auto", "mono"}),
}

# Name suffixes: after them a capitalised word starts a new sentence ("Martin Luther King Jr. Since").
NAME_SUFFIXES: dict[str, frozenset[str]] = {lang: frozenset({"jr"} | ({"sr"} if lang == "en" else set()))
                                            for lang in LANGUAGES}

# Era markers after a year ("700 a. C.", "1600 avant J.-C.", "в 363 году н. э."): they may end a sentence.
# Each pattern matches a marker up to, not including, its final period; inner spaces are optional.
ERA_PATTERNS: dict[str, str] = {
    "en": r"(?:\b[BC]\.\s?C|\bA\.\s?D|\bB\.\s?C\.\s?E|\bC\.\s?E)",
    "es": r"(?:\b[ad]\.\s?(?:de\s)?C|\b[ad]\.\s?n\.\s?e)",
    "fr": r"(?:\bJ\.-C|\bJ\.\s?C)",
    "de": r"(?:\b[vn]\.\s?Chr|\bv\.\s?u\.\s?Z|\bu\.\s?Z)",
    "ru": r"(?:\bн\.\s?э|\d[\d\s–—-]*(?:-х)?\s?гг?|\b[IVXLХ]+(?:[–—-][IVXLХ]+)?\sвв?)",
    "id": r"(?:\d\s?S?M)",
    "vi": r"(?:\bTCN|\bSCN)",
}

# Words for a year that end a phrase as era markers do, and are read the same way: "намеченных на сентябрь
# с.г. Отмечено, что…" ends a sentence, "В январе с.г. Россия…" does not (сего, текущего, прошлого года).
YEAR_WORDS: dict[str, frozenset[str]] = {lang: frozenset() for lang in LANGUAGES} | {
    "ru": frozenset({"с.г", "т.г", "п.г"}),
}

# A quick test that a text must pass for its era pattern to be run ("D.C." does not pass the English one).
# Each starts with a literal (the period, then a look back at the letter before it), so that the regex
# engine skips ahead to it, where the patterns' word boundaries and alternatives make it try every position.
ERA_HINTS: dict[str, str] = {
    "en": r"\.(?<=[ABC]\.)\s?[CDE]\.", "es": r"\.(?<=[ad]\.)\s?[dCn]", "fr": r"J\.",
    "de": r"\.(?<=[vnu]\.)\s?[CuZ]", "ru": r"\.(?<=[эгв]\.)", "id": r"M\.", "vi": r"CN\.",
}

# Capitalised function words that begin sentences but never continue a name or a date: after an
# ambiguous abbreviation ("U.S.", "Plan B.", "stieg auf 45.") they show that a new sentence starts.
STARTERS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in {
    "en": "The A An He She It They We I You This That These Those There Here His Her Its Their Our My "
          "But And Or So Yet If When While After Before Since As At In On For From By With Without "
          "However Meanwhile Also Still Then Now Today Yesterday Officials Some Many Most All No One",
    "de": "Die Der Das Den Dem Des Ein Eine Einen Er Sie Es Wir Ich Ihr Man Dies Diese Dieser Dieses "
          "Doch Aber Und Oder Denn Auch Damit Dann Danach Davor Dabei Deshalb Daher Trotzdem So Nun "
          "Heute Gestern Im Am In Mit Nach Seit Bei Für Von Zum Zur Auf Als Wenn Während Jedoch",
    "fr": "Le La Les Un Une Des Il Elle Ils Elles On Nous Je Ce Cette Ces Cet Mais Et Ou Donc Puis "
          "Alors Ainsi Pourtant Cependant En Au Aux Dans Pour Par Avec Selon Depuis Lors Aujourd'hui "
          "Sa Son Ses Leur Leurs Si Quand Comme Cela Ceci Tout Tous Toute Enfin Ensuite Or Ici Parmi",
    "es": "El La Los Las Un Una Unos Unas Él Ella Ellos Ellas Este Esta Estos Estas Ese Esa Pero Y O "
          "Sin Con En Por Para Según Desde Tras Durante Además También Sin Así Hoy Ayer Se Su Sus "
          "Luego Después Entonces Ahora Asimismo Mientras Cuando Si Aunque Como Esto Eso Nadie Todos "
          "Ya Hay No Al Del Lo Le Les Cada",
    "ru": "Он Она Оно Они Мы Я Вы Это Этот Эта Эти Тот Та Те Но И А Однако Также Тогда Затем Потом "
          "Сейчас Сегодня Вчера В Во На С По При После До Для Из Как Когда Если Хотя Его Ее Их "
          "Об Все Всё Там Здесь Позже Ранее Кроме Поэтому Впрочем",
    "id": "Ini Itu Dia Ia Mereka Kami Kita Saya Anda Namun Tetapi Tapi Dan Atau Sementara Selain "
          "Sejak Seperti Pada Di Dalam Dari Untuk Dengan Menurut Setelah Sebelum Saat Ketika Jika "
          "Karena Sebagai Hal Hari Kemudian Lalu Adapun Bagi Oleh Semua Para Sebanyak Hingga Akan Juga",
    "vi": "Ông Bà Anh Chị Họ Chúng Tôi Đây Đó Này Những Các Một Nhưng Và Hoặc Tuy Theo Trong Tại "
          "Khi Nếu Sau Trước Từ Với Hôm Ngày Năm Cũng Vì Do Có Hiện Ngoài Riêng Còn Về Để Đến Bên Cùng "
          "Như Mặc Dù",
}.items()} | {lang: frozenset() for lang in ("ko", "ja", "zh", "ar")}

# German month names: "am 22. März" is a date, not a sentence end after "22".
GERMAN_MONTHS = frozenset("Januar Jänner Februar März April Mai Juni Juli August September Oktober "
                          "November Dezember Jan Feb Mär Apr Jun Jul Aug Sep Sept Okt Nov Dez".split())

# Prepositions that open a fronted time phrase: "В 8 веке до н. э. Греция ..." is one sentence.
FRONTED: dict[str, frozenset[str]] = {lang: frozenset(words.lower().split()) for lang, words in {
    "en": "In By From Around Until After Before Since About Circa Between During",
    "de": "Im Am Vom Seit Ab Bis Um Gegen Nach Vor Etwa In Zwischen Während Ende Anfang Mitte",
    "fr": "Au En Vers Dès Depuis Avant Après Le À Jusqu'en Entre Durant Autour",
    "es": "En Desde Hacia Hasta Durante Alrededor Sobre Entre A Tras Hace El",
    "ru": "В Во С Со К До После Примерно Около Начиная Уже Между Приблизительно",
    "id": "Pada Sejak Dari Sekitar Hingga Sampai Di Setelah Sebelum Antara Tahun Abad",
    "vi": "Vào Từ Đến Khoảng Năm Sau Trước Trong",
}.items()} | {lang: frozenset() for lang in ("ko", "ja", "zh", "ar")}

# Time zones after "a.m." and "p.m." continue the sentence: "at 10 p.m. EST."
TIME_ZONES = frozenset("EST EDT CST CDT MST MDT PST PDT AKST HST GMT UTC BST CET CEST EET MSK IST KST JST "
                       "HKT SGT AEST AEDT ET CT MT PT".split())

# German compounds that end in an abbreviation: "Goethestr. 5" is looked up as "str".
COMPOUND_SUFFIXES: dict[str, tuple[str, ...]] = {lang: () for lang in LANGUAGES} | {"de": ("str",)}

# Japanese quotative particles after a closing bracket: 「行こう。」と言った is one sentence.
JAPANESE_QUOTATIVES = ("と", "って", "との")

# Chinese verbs of saying that close an attribution after a quotation: “……嗎？”鮑爾說。 is one sentence, and so
# is “……。”这位负责人说，“……。”
SPEECH_VERBS = ("說", "说", "道", "表示", "問", "问", "稱", "称", "指出", "寫道", "写道", "回答", "補充", "补充",
                "强调", "強調", "介绍", "介紹", "认为", "認為", "透露", "坦言", "解释", "解釋", "提到")
