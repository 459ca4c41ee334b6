"""Sentence splitting in the eleven languages: tricky news sentences with the exact expected split."""
from __future__ import annotations

import random
import re

import pytest

from tms.errors import InputError
from tms.segmentation import abbreviations, korean, periods, sentences
from tms.segmentation.sentences import split_sentences, split_spans

# Written for these tests (not taken from the public suites): abbreviations, numbers, dates, quotations,
# ellipses, URLs, e-mail addresses, CJK and Arabic punctuation, Korean endings.
CASES: dict[str, list[tuple[str, list[str]]]] = {
    "ko": [
        ("정부는 3일 새 정책을 발표했다. 이번 조치는 다음 달부터 시행된다.",
         ["정부는 3일 새 정책을 발표했다.", "이번 조치는 다음 달부터 시행된다."]),
        ('장관은 "경제가 회복되고 있다"라고 말했다. 시장은 긍정적으로 반응했다.',
         ['장관은 "경제가 회복되고 있다"라고 말했다.', "시장은 긍정적으로 반응했다."]),
        ('그는 "가자."라고 말했다. 그리고 떠났다.', ['그는 "가자."라고 말했다.', "그리고 떠났다."]),
        ("소비자물가가 3.5% 올랐습니다. 기준금리는 2.75%로 동결됐습니다.",
         ["소비자물가가 3.5% 올랐습니다.", "기준금리는 2.75%로 동결됐습니다."]),
        ("정말 그럴까? 전문가들은 신중한 입장이다.", ["정말 그럴까?", "전문가들은 신중한 입장이다."]),
        ("자세한 내용은 https://www.korea.kr/news/view.do?id=3.5 에서 확인할 수 있다. 문의는 press@korea.kr 로 하면 된다.",
         ["자세한 내용은 https://www.korea.kr/news/view.do?id=3.5 에서 확인할 수 있다.",
          "문의는 press@korea.kr 로 하면 된다."]),
        ("오늘 날씨가 정말 좋다 내일은 비가 온다고 한다", ["오늘 날씨가 정말 좋다", "내일은 비가 온다고 한다"]),
        ("회의는 오후 2시에 열립니다 참석 여부를 알려 주세요", ["회의는 오후 2시에 열립니다", "참석 여부를 알려 주세요"]),
        ("떡볶이가 정말 맛있어요 ㅎㅎ 다음에 또 올게요", ["떡볶이가 정말 맛있어요 ㅎㅎ", "다음에 또 올게요"]),
        ("1. 첫 번째 안건을 논의했다. 2. 두 번째 안건은 보류됐다.",
         ["1. 첫 번째 안건을 논의했다.", "2. 두 번째 안건은 보류됐다."]),
        ("그는 잠시 망설였다... 그리고 입을 열었다.", ["그는 잠시 망설였다...", "그리고 입을 열었다."]),
        ("이게 뭐지?? 하고 검색해 봤다. 결과는 놀라웠다.", ["이게 뭐지?? 하고 검색해 봤다.", "결과는 놀라웠다."]),
        ("2024년 3월 1일 기념식이 열렸다. 1,000여 명이 참석했다.",
         ["2024년 3월 1일 기념식이 열렸다.", "1,000여 명이 참석했다."]),
        ("왜 그랬을까요? 이유는 간단합니다.", ["왜 그랬을까요?", "이유는 간단합니다."]),
    ],
    "en": [
        ("The U.S. Treasury issued new guidance on Monday. Officials in Washington, D.C. welcomed it.",
         ["The U.S. Treasury issued new guidance on Monday.", "Officials in Washington, D.C. welcomed it."]),
        ("Dr. Smith met Mr. Jones at No. 10 Downing St. on Tuesday. They spoke for an hour.",
         ["Dr. Smith met Mr. Jones at No. 10 Downing St. on Tuesday.", "They spoke for an hour."]),
        ("Inflation rose 3.5 percent in May. Analysts had expected 3.2 percent.",
         ["Inflation rose 3.5 percent in May.", "Analysts had expected 3.2 percent."]),
        ('He said, "This is it. We go." Then he left the room.',
         ['He said, "This is it. We go."', "Then he left the room."]),
        ("Prices rose in many sectors, e.g. food and energy. Wages did not keep up.",
         ["Prices rose in many sectors, e.g. food and energy.", "Wages did not keep up."]),
        ("Visit https://www.korea.net/News/index.html?id=3.5 for details. Questions can be sent to "
         "press.office@korea.kr. The office opens at 9 a.m.",
         ["Visit https://www.korea.net/News/index.html?id=3.5 for details.",
          "Questions can be sent to press.office@korea.kr.", "The office opens at 9 a.m."]),
        ("He paused… Then he continued.", ["He paused…", "Then he continued."]),
        ("1. The committee approved the budget. 2. The vote was unanimous.",
         ["1. The committee approved the budget.", "2. The vote was unanimous."]),
        ("The company was founded in the U.S. The headquarters moved to Seoul in 2010.",
         ["The company was founded in the U.S.", "The headquarters moved to Seoul in 2010."]),
        ("Where will the summit be held? Officials have not said!",
         ["Where will the summit be held?", "Officials have not said!"]),
        ("The minister met Gen. Park in St. Petersburg. The talks lasted two days.",
         ["The minister met Gen. Park in St. Petersburg.", "The talks lasted two days."]),
        ("Martin Luther King Jr. gave the speech in 1963. It is still quoted today.",
         ["Martin Luther King Jr. gave the speech in 1963.", "It is still quoted today."]),
        ("The deal was signed by Samsung Electronics Co. The shares rose 2 percent.",
         ["The deal was signed by Samsung Electronics Co.", "The shares rose 2 percent."]),
    ],
    "de": [
        ("Die Regierung beschloss das Gesetz am 22. März 2017 in Berlin. Es tritt im Sommer in Kraft.",
         ["Die Regierung beschloss das Gesetz am 22. März 2017 in Berlin.", "Es tritt im Sommer in Kraft."]),
        ("Am 3. Oktober feiert Deutschland die Einheit. Viele Städte laden zu Festen ein.",
         ["Am 3. Oktober feiert Deutschland die Einheit.", "Viele Städte laden zu Festen ein."]),
        ("Das gilt z. B. für Schulen und Kitas. Ausnahmen regelt Nr. 5 bzw. Nr. 6 der Verordnung.",
         ["Das gilt z. B. für Schulen und Kitas.", "Ausnahmen regelt Nr. 5 bzw. Nr. 6 der Verordnung."]),
        ("Die Inflation lag bei 3,5 Prozent. Im Vorjahr waren es 2,1 Prozent.",
         ["Die Inflation lag bei 3,5 Prozent.", "Im Vorjahr waren es 2,1 Prozent."]),
        ("Der Minister sagte: „Wir sind bereit. Die Gespräche beginnen morgen.“ Danach verließ er den Saal.",
         ["Der Minister sagte: „Wir sind bereit. Die Gespräche beginnen morgen.“", "Danach verließ er den Saal."]),
        ("Dr. Müller leitet das Institut seit 2015. Sie ist Expertin für Klimafragen.",
         ["Dr. Müller leitet das Institut seit 2015.", "Sie ist Expertin für Klimafragen."]),
        ("Im 20. Jahrhundert wuchs die Stadt stark. Heute leben hier 300.000 Menschen.",
         ["Im 20. Jahrhundert wuchs die Stadt stark.", "Heute leben hier 300.000 Menschen."]),
        ("Die Zahl der Toten stieg auf 45. Die Polizei ermittelt weiter.",
         ["Die Zahl der Toten stieg auf 45.", "Die Polizei ermittelt weiter."]),
        ("Weitere Informationen unter www.bundesregierung.de. Anfragen bitte an presse@bund.de senden.",
         ["Weitere Informationen unter www.bundesregierung.de.", "Anfragen bitte an presse@bund.de senden."]),
        ("Er zögerte … Dann sprach er weiter.", ["Er zögerte …", "Dann sprach er weiter."]),
        ("Das Treffen findet vom 1. bis 3. Juni statt. Anmeldungen sind bis Freitag möglich.",
         ["Das Treffen findet vom 1. bis 3. Juni statt.", "Anmeldungen sind bis Freitag möglich."]),
        ("Die Stadt wurde um 700 v. Chr. gegründet. Sie war lange ein Handelszentrum.",
         ["Die Stadt wurde um 700 v. Chr. gegründet.", "Sie war lange ein Handelszentrum."]),
        ("Die Einweihung fand am 30. April 1955 statt. 1882 war das Telegrafennetz eröffnet worden.",
         ["Die Einweihung fand am 30. April 1955 statt.", "1882 war das Telegrafennetz eröffnet worden."]),
    ],
    "fr": [
        ("M. Dupont et Mme Martin sont arrivés à Paris. Ils rencontreront le ministre demain.",
         ["M. Dupont et Mme Martin sont arrivés à Paris.", "Ils rencontreront le ministre demain."]),
        ("Le taux de chômage est passé à 7,5 % au premier trimestre. Il était de 7,1 % un an plus tôt.",
         ["Le taux de chômage est passé à 7,5 % au premier trimestre.", "Il était de 7,1 % un an plus tôt."]),
        ("« Nous sommes prêts », a déclaré le ministre. Les négociations reprendront lundi.",
         ["« Nous sommes prêts », a déclaré le ministre.", "Les négociations reprendront lundi."]),
        ("Il a dit : « C’est fini. » Puis il est parti.", ["Il a dit : « C’est fini. »", "Puis il est parti."]),
        ("La ville fut fondée vers 600 av. J.-C. par des colons grecs. Elle devint un grand port.",
         ["La ville fut fondée vers 600 av. J.-C. par des colons grecs.", "Elle devint un grand port."]),
        ("Le sommet aura lieu le 3 juin. Plus d’informations sur https://www.elysee.fr/actualites. "
         "Contact : presse@elysee.fr.",
         ["Le sommet aura lieu le 3 juin.", "Plus d’informations sur https://www.elysee.fr/actualites.",
          "Contact : presse@elysee.fr."]),
        ("Est-ce la fin ? Personne ne le sait.", ["Est-ce la fin ?", "Personne ne le sait."]),
        ("Il hésita… Puis il reprit la parole.", ["Il hésita…", "Puis il reprit la parole."]),
        ("Dr. Martin a présenté l’étude. Les résultats sont encourageants.",
         ["Dr. Martin a présenté l’étude.", "Les résultats sont encourageants."]),
        ("Le texte a été adopté par 300 voix contre 200. Le Sénat doit encore se prononcer.",
         ["Le texte a été adopté par 300 voix contre 200.", "Le Sénat doit encore se prononcer."]),
        ("L’entreprise emploie 5 000 personnes, c.-à-d. deux fois plus qu’en 2010. Son siège est à Lyon.",
         ["L’entreprise emploie 5 000 personnes, c.-à-d. deux fois plus qu’en 2010.", "Son siège est à Lyon."]),
    ],
    "es": [
        ("El Sr. García y la Sra. López llegaron a Madrid. Se reunirán con el presidente.",
         ["El Sr. García y la Sra. López llegaron a Madrid.", "Se reunirán con el presidente."]),
        ("La inflación subió un 3,5 % en mayo. Los analistas esperaban un 3,2 %.",
         ["La inflación subió un 3,5 % en mayo.", "Los analistas esperaban un 3,2 %."]),
        ("¿Cuándo se celebrará la cumbre? Nadie lo sabe todavía.",
         ["¿Cuándo se celebrará la cumbre?", "Nadie lo sabe todavía."]),
        ("La ciudad fue fundada hacia el año 700 a. C. Los romanos llegaron mucho después.",
         ["La ciudad fue fundada hacia el año 700 a. C.", "Los romanos llegaron mucho después."]),
        ("En el siglo 8 a. C. Grecia comenzó a crecer. Las ciudades se multiplicaron.",
         ["En el siglo 8 a. C. Grecia comenzó a crecer.", "Las ciudades se multiplicaron."]),
        ('El ministro dijo: "Estamos preparados". La reunión terminó a las 18.00 horas.',
         ['El ministro dijo: "Estamos preparados".', "La reunión terminó a las 18.00 horas."]),
        ("Más información en https://www.lamoncloa.gob.es/paginas/index.aspx. Escriba a prensa@mpr.es si tiene dudas.",
         ["Más información en https://www.lamoncloa.gob.es/paginas/index.aspx.",
          "Escriba a prensa@mpr.es si tiene dudas."]),
        ("Él dudó… Luego siguió hablando.", ["Él dudó…", "Luego siguió hablando."]),
        ("El Dr. Pérez presentó el informe el 5 de marzo. El documento tiene 120 páginas.",
         ["El Dr. Pérez presentó el informe el 5 de marzo.", "El documento tiene 120 páginas."]),
        ("El acuerdo, firmado por EE. UU. y México, entra en vigor hoy. Las empresas celebran la noticia.",
         ["El acuerdo, firmado por EE. UU. y México, entra en vigor hoy.", "Las empresas celebran la noticia."]),
        ("1. Aprobar el presupuesto. 2. Convocar elecciones.", ["1. Aprobar el presupuesto.", "2. Convocar elecciones."]),
        ("Gran parte del plástico acaba en el mar. Tras años de debate, la ley fue aprobada.",
         ["Gran parte del plástico acaba en el mar.", "Tras años de debate, la ley fue aprobada."]),
    ],
    "ru": [
        ("Это, т. е. налог на прибыль, вырос в 2016 г. Потом он снизился.",
         ["Это, т. е. налог на прибыль, вырос в 2016 г.", "Потом он снизился."]),
        ("Он живёт в г. Москве. Его брат живёт в Санкт-Петербурге.",
         ["Он живёт в г. Москве.", "Его брат живёт в Санкт-Петербурге."]),
        ("Инфляция составила 3,5 %. Аналитики ожидали 3,2 %.", ["Инфляция составила 3,5 %.", "Аналитики ожидали 3,2 %."]),
        ("«Мы готовы», — сказал министр. Переговоры продолжатся в понедельник.",
         ["«Мы готовы», — сказал министр.", "Переговоры продолжатся в понедельник."]),
        ("Город был основан в 700 г. до н. э. греческими колонистами. Позже он стал крупным портом.",
         ["Город был основан в 700 г. до н. э. греческими колонистами.", "Позже он стал крупным портом."]),
        ("В 1990-х гг. экономика страны выросла. Сегодня она одна из крупнейших.",
         ["В 1990-х гг. экономика страны выросла.", "Сегодня она одна из крупнейших."]),
        ("Подробности на сайте https://www.kremlin.ru/events/president/news. Вопросы направляйте на press@gov.ru.",
         ["Подробности на сайте https://www.kremlin.ru/events/president/news.", "Вопросы направляйте на press@gov.ru."]),
        ("Что будет дальше? Никто не знает.", ["Что будет дальше?", "Никто не знает."]),
        ("Он замолчал… Потом продолжил.", ["Он замолчал…", "Потом продолжил."]),
        ("Юлиан был убит в 363 году н. э. Его преемником стал Иовиан.",
         ["Юлиан был убит в 363 году н. э.", "Его преемником стал Иовиан."]),
        ("Заседание прошло 5 марта, т. е. в четверг. На нём присутствовали 120 человек.",
         ["Заседание прошло 5 марта, т. е. в четверг.", "На нём присутствовали 120 человек."]),
        ("В магазине продают хлеб, молоко и т. д. Потом открылся второй магазин.",
         ["В магазине продают хлеб, молоко и т. д.", "Потом открылся второй магазин."]),
    ],
    "ar": [
        ("قال الوزير إن الاقتصاد يتعافى. وأضاف أن التضخم انخفض إلى 3.5 في المئة.",
         ["قال الوزير إن الاقتصاد يتعافى.", "وأضاف أن التضخم انخفض إلى 3.5 في المئة."]),
        ("هل ستعقد القمة في موعدها؟ لم يؤكد المسؤولون ذلك بعد.",
         ["هل ستعقد القمة في موعدها؟", "لم يؤكد المسؤولون ذلك بعد."]),
        ("وصل الرئيس إلى الرياض، والتقى بولي العهد. ثم عقد مؤتمرا صحفيا.",
         ["وصل الرئيس إلى الرياض، والتقى بولي العهد.", "ثم عقد مؤتمرا صحفيا."]),
        ("قال المتحدث: «سنواصل العمل». وانتهى الاجتماع مساء الأحد.",
         ["قال المتحدث: «سنواصل العمل».", "وانتهى الاجتماع مساء الأحد."]),
        ("عاش الملك حوالي عام 700 ق.م في هذه المنطقة. ثم انتقل إلى الشمال.",
         ["عاش الملك حوالي عام 700 ق.م في هذه المنطقة.", "ثم انتقل إلى الشمال."]),
        ("لمزيد من المعلومات زوروا https://www.spa.gov.sa/news. أو راسلونا على info@spa.gov.sa.",
         ["لمزيد من المعلومات زوروا https://www.spa.gov.sa/news.", "أو راسلونا على info@spa.gov.sa."]),
        ("التقى الوزير مع د. أحمد خالد في القاهرة. وناقشا التعاون الثقافي.",
         ["التقى الوزير مع د. أحمد خالد في القاهرة.", "وناقشا التعاون الثقافي."]),
        ("ارتفعت الأسعار بنسبة 2,5 بالمئة. وتراجعت البطالة.", ["ارتفعت الأسعار بنسبة 2,5 بالمئة.", "وتراجعت البطالة."]),
        ("انتهت الجلسة۔ وغادر الوفد.", ["انتهت الجلسة۔", "وغادر الوفد."]),
        ("قال إن ما حدث... في الواقع أمر لا يصدق.", ["قال إن ما حدث... في الواقع أمر لا يصدق."]),
        ("بدأ المؤتمر يوم 12 مارس 2024. وشارك فيه 500 شخص.", ["بدأ المؤتمر يوم 12 مارس 2024.", "وشارك فيه 500 شخص."]),
    ],
    "zh": [
        ("国务院今天发布了新规定。该规定将于明年1月1日起施行。", ["国务院今天发布了新规定。", "该规定将于明年1月1日起施行。"]),
        ("他说：“我们已经做好准备。”随后离开了会场。", ["他说：“我们已经做好准备。”", "随后离开了会场。"]),
        ("“你们注意到了吗？”鲍尔说。记者们都笑了。", ["“你们注意到了吗？”鲍尔说。", "记者们都笑了。"]),
        ("今年GDP增长了5.2%。2023年增长了3.0%。", ["今年GDP增长了5.2%。", "2023年增长了3.0%。"]),
        ("这是真的吗？是的！大家都很高兴。", ["这是真的吗？", "是的！", "大家都很高兴。"]),
        ("详情请访问https://www.gov.cn/zhengce/。咨询邮箱为press@gov.cn。",
         ["详情请访问https://www.gov.cn/zhengce/。", "咨询邮箱为press@gov.cn。"]),
        ("我们明天一起去看《摔跤吧！爸爸》好吗？好！", ["我们明天一起去看《摔跤吧！爸爸》好吗？", "好！"]),
        ("我不知道为什么……两年后，他回来了。", ["我不知道为什么……", "两年后，他回来了。"]),
        ("美国(U.S.)政府表示支持。欧盟尚未表态。", ["美国(U.S.)政府表示支持。", "欧盟尚未表态。"]),
        ("B.C.省警方表示，案件仍在调查中。目前没有人被捕。", ["B.C.省警方表示，案件仍在调查中。", "目前没有人被捕。"]),
        ("会议于下午3点结束，共有120人参加。下一次会议定于5月举行。",
         ["会议于下午3点结束，共有120人参加。", "下一次会议定于5月举行。"]),
    ],
    "ja": [
        ("これはペンです。それはマーカーです。", ["これはペンです。", "それはマーカーです。"]),
        ("彼は「行こう。」と言った。そして去った。", ["彼は「行こう。」と言った。", "そして去った。"]),
        ("物価は3.5%上昇した。政府は対策を検討している。", ["物価は3.5%上昇した。", "政府は対策を検討している。"]),
        ("本当ですか？はい、本当です！", ["本当ですか？", "はい、本当です！"]),
        ("詳しくはhttps://www.kantei.go.jp/をご覧ください。問い合わせはinfo@kantei.go.jpまで。",
         ["詳しくはhttps://www.kantei.go.jp/をご覧ください。", "問い合わせはinfo@kantei.go.jpまで。"]),
        ("U.S.のAWSを使います。", ["U.S.のAWSを使います。"]),
        ("Dr. 田中が来ます。それは良いです。", ["Dr. 田中が来ます。", "それは良いです。"]),
        ("会議は午後3時に終わった。参加者は120人だった。", ["会議は午後3時に終わった。", "参加者は120人だった。"]),
        ("「準備はできています」と大臣は述べた。会議は明日再開される。",
         ["「準備はできています」と大臣は述べた。", "会議は明日再開される。"]),
        ("株価は１．５％下落した。市場は動揺している。", ["株価は１．５％下落した。", "市場は動揺している。"]),
        ("外務大臣は会談した。3月22日には声明を出した。", ["外務大臣は会談した。", "3月22日には声明を出した。"]),
        ("会議は2日間。１日目は開会式。", ["会議は2日間。", "１日目は開会式。"]),
        ("まあ…いいか。次に行こう。", ["まあ…いいか。", "次に行こう。"]),
    ],
    "vi": [
        ("Ông Nguyễn Văn An cho biết TP. Hồ Chí Minh sẽ tăng ngân sách. Kế hoạch được công bố hôm qua.",
         ["Ông Nguyễn Văn An cho biết TP. Hồ Chí Minh sẽ tăng ngân sách.", "Kế hoạch được công bố hôm qua."]),
        ("Lạm phát tăng 3,5% trong tháng 5. Các chuyên gia dự báo mức 3,2%.",
         ["Lạm phát tăng 3,5% trong tháng 5.", "Các chuyên gia dự báo mức 3,2%."]),
        ("Bộ trưởng nói: “Chúng tôi đã sẵn sàng.” Cuộc họp kết thúc lúc 17 giờ.",
         ["Bộ trưởng nói: “Chúng tôi đã sẵn sàng.”", "Cuộc họp kết thúc lúc 17 giờ."]),
        ("TS. Lê Văn B. trình bày báo cáo. Hội nghị kéo dài hai ngày.",
         ["TS. Lê Văn B. trình bày báo cáo.", "Hội nghị kéo dài hai ngày."]),
        ("Liệu kế hoạch có thành công? Chưa ai biết.", ["Liệu kế hoạch có thành công?", "Chưa ai biết."]),
        ("Thông tin chi tiết tại https://chinhphu.vn/tin-tuc. Liên hệ: baochi@chinhphu.vn.",
         ["Thông tin chi tiết tại https://chinhphu.vn/tin-tuc.", "Liên hệ: baochi@chinhphu.vn."]),
        ("Ông ấy ngập ngừng… Rồi ông nói tiếp.", ["Ông ấy ngập ngừng…", "Rồi ông nói tiếp."]),
        ("Hội nghị diễn ra tại Q. 1, TP. HCM vào ngày 5/3. Có 200 đại biểu tham dự.",
         ["Hội nghị diễn ra tại Q. 1, TP. HCM vào ngày 5/3.", "Có 200 đại biểu tham dự."]),
        ("GS. Trần Văn Cường đã nhận giải thưởng. Đây là lần thứ hai ông được vinh danh.",
         ["GS. Trần Văn Cường đã nhận giải thưởng.", "Đây là lần thứ hai ông được vinh danh."]),
        ("Giá vàng tăng lên 75,5 triệu đồng/lượng. Giá USD ổn định.",
         ["Giá vàng tăng lên 75,5 triệu đồng/lượng.", "Giá USD ổn định."]),
        ("1. Thông qua ngân sách. 2. Bầu ban lãnh đạo mới.", ["1. Thông qua ngân sách.", "2. Bầu ban lãnh đạo mới."]),
    ],
    "id": [
        ("Tn. Budi dan Ny. Ani tiba di Jakarta. Mereka akan bertemu presiden.",
         ["Tn. Budi dan Ny. Ani tiba di Jakarta.", "Mereka akan bertemu presiden."]),
        ("Inflasi naik 3,5 persen pada Mei. Para analis memperkirakan 3,2 persen.",
         ["Inflasi naik 3,5 persen pada Mei.", "Para analis memperkirakan 3,2 persen."]),
        ("Dr. Siti memimpin penelitian itu sejak 2015. Hasilnya diumumkan kemarin.",
         ["Dr. Siti memimpin penelitian itu sejak 2015.", "Hasilnya diumumkan kemarin."]),
        ("Kasus itu akhirnya masuk ke Mahkamah Agung A.S. Seperti diketahui, prosesnya panjang.",
         ["Kasus itu akhirnya masuk ke Mahkamah Agung A.S.", "Seperti diketahui, prosesnya panjang."]),
        ("Harga naik menjadi Rp 5.000 per kilogram. Pemerintah akan turun tangan.",
         ["Harga naik menjadi Rp 5.000 per kilogram.", "Pemerintah akan turun tangan."]),
        ("Informasi lebih lanjut di https://www.kemlu.go.id/berita. Pertanyaan dapat dikirim ke humas@kemlu.go.id.",
         ["Informasi lebih lanjut di https://www.kemlu.go.id/berita.", "Pertanyaan dapat dikirim ke humas@kemlu.go.id."]),
        ('"Kami siap," kata menteri. Perundingan dimulai besok.', ['"Kami siap," kata menteri.', "Perundingan dimulai besok."]),
        ("Apakah rencana itu berhasil? Belum ada yang tahu.", ["Apakah rencana itu berhasil?", "Belum ada yang tahu."]),
        ("Ia terdiam… Lalu ia melanjutkan.", ["Ia terdiam…", "Lalu ia melanjutkan."]),
        ("Kota itu didirikan pada abad ke-6 M. Di akhir abad ke-8, kota itu berkembang pesat.",
         ["Kota itu didirikan pada abad ke-6 M.", "Di akhir abad ke-8, kota itu berkembang pesat."]),
        ("Pertemuan berlangsung di Jl. Sudirman No. 5 Jakarta. Sebanyak 100 orang hadir.",
         ["Pertemuan berlangsung di Jl. Sudirman No. 5 Jakarta.", "Sebanyak 100 orang hadir."]),
    ],
}

# Splitting errors found on real pages, one group per cause; each case failed before its fix.
FOUND_ON_PAGES: dict[str, list[tuple[str, str, list[str]]]] = {
    "indonesian-abbreviations": [
        ("id", "Rumahnya di Gg. Mawar No. 5 dekat pasar. Ia tinggal di sana sejak 2010.",
         ["Rumahnya di Gg. Mawar No. 5 dekat pasar.", "Ia tinggal di sana sejak 2010."]),
        ("id", "Surat itu bertanggal tgl. 5 Mei 2020. Isinya singkat.",
         ["Surat itu bertanggal tgl. 5 Mei 2020.", "Isinya singkat."]),
        ("id", "Kantor itu terletak di Jl. Merdeka No. 10, Kab. Bogor, Prov. Jawa Barat. Kantor buka setiap hari.",
         ["Kantor itu terletak di Jl. Merdeka No. 10, Kab. Bogor, Prov. Jawa Barat.", "Kantor buka setiap hari."]),
        ("id", "Kantor berada di Jln. Sudirman Kav. 52-53 Jakarta. Kantor buka setiap hari.",
         ["Kantor berada di Jln. Sudirman Kav. 52-53 Jakarta.", "Kantor buka setiap hari."]),
        ("id", "Menurut Kapolres AKBP. Budi, kasus itu sudah ditangani. Polisi masih menyelidiki.",
         ["Menurut Kapolres AKBP. Budi, kasus itu sudah ditangani.", "Polisi masih menyelidiki."]),
        ("id", "Ia bekerja di PT. Pertamina sejak 2010. Semua warga hadir.",
         ["Ia bekerja di PT. Pertamina sejak 2010.", "Semua warga hadir."]),
        ("id", "Hal itu disampaikan Kombes. Pol. Yusri Yunus. Semua warga hadir.",
         ["Hal itu disampaikan Kombes. Pol. Yusri Yunus.", "Semua warga hadir."]),
        ("id", "Ia dilantik oleh Dr. H. Anies Baswedan, S.E., M.P.P., Ph.D. Semua warga hadir.",
         ["Ia dilantik oleh Dr. H. Anies Baswedan, S.E., M.P.P., Ph.D.", "Semua warga hadir."]),
    ],
    "address-then-full-stop": [
        ("en", "See www.whitehouse.gov. Biden spoke on Monday.", ["See www.whitehouse.gov.", "Biden spoke on Monday."]),
        ("en", "Details are at whitehouse.gov. Biden spoke on Monday.",
         ["Details are at whitehouse.gov.", "Biden spoke on Monday."]),
        ("fr", "Voir www.elysee.fr. Le ministre a parlé.", ["Voir www.elysee.fr.", "Le ministre a parlé."]),
        ("id", "Lihat www.kemlu.go.id. Kementerian menyatakan.", ["Lihat www.kemlu.go.id.", "Kementerian menyatakan."]),
    ],
    "compound-ending-in-an-abbreviation": [
        ("en", "China-U.S. trade talks resumed. The talks lasted two days.",
         ["China-U.S. trade talks resumed.", "The talks lasted two days."]),
        ("en", "The ROK-U.S. alliance is strong. Both sides agreed.",
         ["The ROK-U.S. alliance is strong.", "Both sides agreed."]),
        ("en", "The EU-U.S. deal was signed. Trade rose.", ["The EU-U.S. deal was signed.", "Trade rose."]),
        ("en", "The Japan-U.S.-ROK summit was held. Leaders spoke.",
         ["The Japan-U.S.-ROK summit was held.", "Leaders spoke."]),
        ("en", "The talks were about China-U.S. The trade war dominated.",
         ["The talks were about China-U.S.", "The trade war dominated."]),
        ("de", "Die China-U.S.-Gespräche wurden fortgesetzt. Sie dauerten zwei Tage.",
         ["Die China-U.S.-Gespräche wurden fortgesetzt.", "Sie dauerten zwei Tage."]),
        ("es", "Las negociaciones China-EE.UU. se reanudaron. Duraron dos días.",
         ["Las negociaciones China-EE.UU. se reanudaron.", "Duraron dos días."]),
        ("ko", "한미(ROK-U.S.) 동맹은 굳건하다. 양측은 합의했다.", ["한미(ROK-U.S.) 동맹은 굳건하다.", "양측은 합의했다."]),
    ],
    "other-news-text": [
        ("en", "The talks ended at 10 p.m. EST. They resume tomorrow.",
         ["The talks ended at 10 p.m. EST.", "They resume tomorrow."]),
        ("de", "Die Kosten stiegen auf 5 Mio. Die Regierung reagierte.",
         ["Die Kosten stiegen auf 5 Mio.", "Die Regierung reagierte."]),
        ("de", "Sie wohnt in der Goethestr. 5 in Berlin. Ihr Mann auch.",
         ["Sie wohnt in der Goethestr. 5 in Berlin.", "Ihr Mann auch."]),
        ("de", "Das Urteil (Az. 5 StR 123/20) ist rechtskräftig. Der Angeklagte schwieg.",
         ["Das Urteil (Az. 5 StR 123/20) ist rechtskräftig.", "Der Angeklagte schwieg."]),
        ("de", "Am Mo. 5. Juni beginnt der Kurs. Er dauert zwei Wochen.",
         ["Am Mo. 5. Juni beginnt der Kurs.", "Er dauert zwei Wochen."]),
        ("es", "El producto cuesta 5 € aprox. El precio sube.", ["El producto cuesta 5 € aprox.", "El precio sube."]),
        ("es", "Compraron pan, leche, etc. Luego volvieron a casa.",
         ["Compraron pan, leche, etc.", "Luego volvieron a casa."]),
        ("es", "Lo firmó el Pdte. de la Generalitat. Nadie respondió.",
         ["Lo firmó el Pdte. de la Generalitat.", "Nadie respondió."]),
        ("fr", "L’art. 5 de la loi le prévoit. Le juge l’a confirmé.",
         ["L’art. 5 de la loi le prévoit.", "Le juge l’a confirmé."]),
        ("fr", "Il habite au 5, bd. Saint-Michel à Paris. Sa sœur aussi.",
         ["Il habite au 5, bd. Saint-Michel à Paris.", "Sa sœur aussi."]),
        ("ru", "Это стоило 5 млн руб. Его брат тоже.", ["Это стоило 5 млн руб.", "Его брат тоже."]),
        ("ru", "Это стоило 5 млрд. руб. в год. Его брат тоже.", ["Это стоило 5 млрд. руб. в год.", "Его брат тоже."]),
        ("ru", "Это было в XX в. Потом всё изменилось.", ["Это было в XX в.", "Потом всё изменилось."]),
        ("ru", "Это было в нач. XX в. в Москве. Иван тоже.", ["Это было в нач. XX в. в Москве.", "Иван тоже."]),
        ("ru", "Он живёт в пос. Горки Московской обл. с 2010 г. Иван тоже.",
         ["Он живёт в пос. Горки Московской обл. с 2010 г.", "Иван тоже."]),
        ("vi", "Th.S Nguyễn Văn A phát biểu. Có 200 đại biểu tham dự.",
         ["Th.S Nguyễn Văn A phát biểu.", "Có 200 đại biểu tham dự."]),
        ("vi", "Hàng hóa gồm gạo, cà phê, v.v. Có 200 đại biểu tham dự.",
         ["Hàng hóa gồm gạo, cà phê, v.v.", "Có 200 đại biểu tham dự."]),
        ("ar", "قال أ.د. محمد علي إن الوضع مستقر. وأضاف أن الحكومة تعمل.",
         ["قال أ.د. محمد علي إن الوضع مستقر.", "وأضاف أن الحكومة تعمل."]),
        ("ar", "توفي عام 632 م. وأضاف أن الحكومة تعمل.", ["توفي عام 632 م.", "وأضاف أن الحكومة تعمل."]),
        ("ko", "이 법은 2017. 4. 8. 시행되었다. 정부는 후속 조치를 발표했다.",
         ["이 법은 2017. 4. 8. 시행되었다.", "정부는 후속 조치를 발표했다."]),
        ("ko", "회의는 2024. 5. 2.(목) 오후 2시에 열린다. 많은 참석 바랍니다.",
         ["회의는 2024. 5. 2.(목) 오후 2시에 열린다.", "많은 참석 바랍니다."]),
        ("ko", "그는 1987. 6월에 태어났다. 이후 서울로 이사했다.", ["그는 1987. 6월에 태어났다.", "이후 서울로 이사했다."]),
    ],
    # A wire dateline at the start of a paragraph is part of the first sentence, whatever its punctuation.
    "wire-datelines": [
        ("ru", "МОСКВА, 8 апреля. /ТАСС/. Россия и Индонезия договорились о поставках. "
               "Потом стороны подписали меморандум.",
         ["МОСКВА, 8 апреля. /ТАСС/. Россия и Индонезия договорились о поставках.",
          "Потом стороны подписали меморандум."]),
        ("ru", "КАЗАНЬ, 10 апр — РИА Новости. Государственный Эрмитаж откроет выставку. Она продлится до осени.",
         ["КАЗАНЬ, 10 апр — РИА Новости. Государственный Эрмитаж откроет выставку.", "Она продлится до осени."]),
        ("ru", "Москва. 8 апреля. INTERFAX.RU - Россия и Индонезия договорились. Потом стороны подписали меморандум.",
         ["Москва. 8 апреля. INTERFAX.RU - Россия и Индонезия договорились.", "Потом стороны подписали меморандум."]),
        ("ru", "МОСКВА, 8 апреля. Президент РФ подписал указ. Он вступит в силу сразу.",
         ["МОСКВА, 8 апреля. Президент РФ подписал указ.", "Он вступит в силу сразу."]),
        ("en", "MOSCOW, April 8. /TASS/. Russia and Indonesia agreed on wheat. The deal runs to 2030.",
         ["MOSCOW, April 8. /TASS/. Russia and Indonesia agreed on wheat.", "The deal runs to 2030."]),
        ("en", "KAZAN, April 10 - RIA Novosti. The State Hermitage will open a show. It runs until autumn.",
         ["KAZAN, April 10 - RIA Novosti. The State Hermitage will open a show.", "It runs until autumn."]),
        ("en", "WASHINGTON, April 8. (Reuters) - The Fed held rates. Markets rose.",
         ["WASHINGTON, April 8. (Reuters) - The Fed held rates.", "Markets rose."]),
        ("en", "SEOUL, April 8 (Yonhap) -- South Korea and Chile signed a pact. The deal takes effect in May.",
         ["SEOUL, April 8 (Yonhap) -- South Korea and Chile signed a pact.", "The deal takes effect in May."]),
        ("en", "BEIJING, May 16 (Xinhua) -- China opened a new rail line. It links two provinces.",
         ["BEIJING, May 16 (Xinhua) -- China opened a new rail line.", "It links two provinces."]),
        ("es", "MADRID, 11 Abr. (EUROPA PRESS) - España recibió a 5 millones de turistas. Luego llegaron más.",
         ["MADRID, 11 Abr. (EUROPA PRESS) - España recibió a 5 millones de turistas.", "Luego llegaron más."]),
        ("es", "Madrid, 8 abr (EFE).- Los Gobiernos firmaron el acuerdo. Luego hablaron los ministros.",
         ["Madrid, 8 abr (EFE).- Los Gobiernos firmaron el acuerdo.", "Luego hablaron los ministros."]),
        ("fr", "PARIS, 8 avr. (AFP) - Le gouvernement a présenté son plan. Il sera voté en mai.",
         ["PARIS, 8 avr. (AFP) - Le gouvernement a présenté son plan.", "Il sera voté en mai."]),
        ("fr", "Paris (AFP) – Le gouvernement a présenté son plan. Il sera voté en mai.",
         ["Paris (AFP) – Le gouvernement a présenté son plan.", "Il sera voté en mai."]),
        ("de", "MOSKAU, 8. April. /TASS/. Russland und Indonesien haben sich geeinigt. "
               "Die Lieferungen beginnen im Mai.",
         ["MOSKAU, 8. April. /TASS/. Russland und Indonesien haben sich geeinigt.",
          "Die Lieferungen beginnen im Mai."]),
        ("de", "Berlin (dpa) - Die Regierung hat das Gesetz beschlossen. Die Opposition kritisiert es.",
         ["Berlin (dpa) - Die Regierung hat das Gesetz beschlossen.", "Die Opposition kritisiert es."]),
        ("id", "Jakarta (ANTARA) - Pemerintah menyatakan siap. Semua menteri hadir.",
         ["Jakarta (ANTARA) - Pemerintah menyatakan siap.", "Semua menteri hadir."]),
        ("ar", "الكويت - 8 - 4 (كونا) -- وقعت الكويت واليابان مذكرة تفاهم. وأضاف أن الحكومة تعمل.",
         ["الكويت - 8 - 4 (كونا) -- وقعت الكويت واليابان مذكرة تفاهم.", "وأضاف أن الحكومة تعمل."]),
        ("ko", "(서울=연합뉴스) 김해원 기자 = 정부는 새 정책을 발표했다. 이번 조치는 다음 달부터 시행된다.",
         ["(서울=연합뉴스) 김해원 기자 = 정부는 새 정책을 발표했다.", "이번 조치는 다음 달부터 시행된다."]),
        ("zh", "新华社北京4月8日电（记者 张晓宁）国务院今天发布了新规定。该规定将于明年施行。",
         ["新华社北京4月8日电（记者 张晓宁）国务院今天发布了新规定。", "该规定将于明年施行。"]),
        # not datelines: a place and a full stop only; a name in capitals and a number that is no date
        ("ru", "Москва. Это столица России.", ["Москва.", "Это столица России."]),
        ("en", "NATO, 75 years. The alliance met in Washington.",
         ["NATO, 75 years.", "The alliance met in Washington."]),
    ],
    # An inline enumeration "1) … 2) …" is part of its sentence, in every language.
    "inline-enumerations": [
        ("ar", "وأوضح أن المذكرة تشمل ثلاثة محاور رئيسية هي: 1) تبادل الخبرات في تشغيل محطات الطاقة الشمسية 2) تطوير "
               "تقنيات تحلية المياه 3) تدريب الكوادر الوطنية. وأضاف أن الحكومة تعمل.",
         ["وأوضح أن المذكرة تشمل ثلاثة محاور رئيسية هي: 1) تبادل الخبرات في تشغيل محطات الطاقة الشمسية 2) تطوير "
          "تقنيات تحلية المياه 3) تدريب الكوادر الوطنية.", "وأضاف أن الحكومة تعمل."]),
        ("ko", "양측은 1) 공급망 안정, 2) 기후변화 대응, 3) 인적 교류 확대 분야에서 협력을 강화해 나가기로 하였다. 이번 조치는 시행된다.",
         ["양측은 1) 공급망 안정, 2) 기후변화 대응, 3) 인적 교류 확대 분야에서 협력을 강화해 나가기로 하였다.",
          "이번 조치는 시행된다."]),
        ("ko", "문체부는 1) 한국어 학습 수요, 2) 한류 콘텐츠 소비 증가율, 3) 현지 문화 교류 기반 등을 종합적으로 평가했다.",
         ["문체부는 1) 한국어 학습 수요, 2) 한류 콘텐츠 소비 증가율, 3) 현지 문화 교류 기반 등을 종합적으로 평가했다."]),
        ("ko", "양측은 1) 공급망을 강화한다 2) 기후변화에 대응한다 등에 합의했다.",
         ["양측은 1) 공급망을 강화한다 2) 기후변화에 대응한다 등에 합의했다."]),
        ("ko", "양측은 1. 공급망 안정, 2. 기후변화 대응 분야에서 협력하기로 했다. 이번 조치는 시행된다.",
         ["양측은 1. 공급망 안정, 2. 기후변화 대응 분야에서 협력하기로 했다.", "이번 조치는 시행된다."]),
        ("en", "The plan has three parts: 1. training, 2. exchanges and 3. research. It starts soon.",
         ["The plan has three parts: 1. training, 2. exchanges and 3. research.", "It starts soon."]),
        ("en", "The plan has three parts: 1. Training, 2. Exchanges. It starts soon.",
         ["The plan has three parts: 1. Training, 2. Exchanges.", "It starts soon."]),
        ("de", "Der Plan umfasst: 1. Ausbildung, 2. Austausch und 3. Forschung. Er beginnt bald.",
         ["Der Plan umfasst: 1. Ausbildung, 2. Austausch und 3. Forschung.", "Er beginnt bald."]),
        # a number at the end of a sentence, and a list that opens its sentences, still split
        ("de", "Die Zahl der Toten stieg auf 2. Die Polizei ermittelt. Es gab 3. Opfer nicht.",
         ["Die Zahl der Toten stieg auf 2.", "Die Polizei ermittelt.", "Es gab 3. Opfer nicht."]),
        ("en", "Three steps follow. 1. The committee approves. 2. The board votes.",
         ["Three steps follow.", "1. The committee approves.", "2. The board votes."]),
        # a number closing a bracket is no list marker, and sentencex still sees the bracket
        ("en", "The index rose (up 3) and fell. Then it rose (a) again. Later it rained.",
         ["The index rose (up 3) and fell.", "Then it rose (a) again.", "Later it rained."]),
    ],
    "abbreviations-in-news": [
        ("de", "Einzelheiten regelt eine Verordnung, die im Bundesgesetzblatt (BGBl. 2024 I Nr. 5) veröffentlicht "
               "wird. Sie gilt ab Mai.",
         ["Einzelheiten regelt eine Verordnung, die im Bundesgesetzblatt (BGBl. 2024 I Nr. 5) veröffentlicht wird.",
          "Sie gilt ab Mai."]),
        ("en", "Analysts at Straits Capital Pte. Ltd. said the deal could lower costs. The shares rose.",
         ["Analysts at Straits Capital Pte. Ltd. said the deal could lower costs.", "The shares rose."]),
        ("en", "The plant is run by Sime Darby Sdn. Bhd. The company is based in Malaysia.",
         ["The plant is run by Sime Darby Sdn. Bhd.", "The company is based in Malaysia."]),
        ("id", "Saham PT Bank Central Asia Tbk. Semua investor menunggu.",
         ["Saham PT Bank Central Asia Tbk.", "Semua investor menunggu."]),
        ("vi", "Cùng ngày, GS.TS. Lê Quang Huy, Hiệu trưởng Đại học Bách khoa Hà Nội, đã ký biên bản. Có 200 đại biểu.",
         ["Cùng ngày, GS.TS. Lê Quang Huy, Hiệu trưởng Đại học Bách khoa Hà Nội, đã ký biên bản.", "Có 200 đại biểu."]),
        ("vi", "PGS.TS. Trần Thị Mai, Viện Khảo cổ học, cho rằng việc phục dựng có ý nghĩa. Có 200 đại biểu.",
         ["PGS.TS. Trần Thị Mai, Viện Khảo cổ học, cho rằng việc phục dựng có ý nghĩa.", "Có 200 đại biểu."]),
        ("vi", "Theo ThS. Nguyễn Văn An và KS. Lê Văn Bình, BS. Trần Thị Hoa, dự án khả thi. Có 200 đại biểu.",
         ["Theo ThS. Nguyễn Văn An và KS. Lê Văn Bình, BS. Trần Thị Hoa, dự án khả thi.", "Có 200 đại biểu."]),
        ("vi", "“Du khách không thiếu chỗ ăn uống. Nếu chỉ bán đồ ăn thì không ai quay lại”, TS. Võ Thị Hạnh nói.",
         ["“Du khách không thiếu chỗ ăn uống. Nếu chỉ bán đồ ăn thì không ai quay lại”, TS. Võ Thị Hạnh nói."]),
        ("es", "MADRID, 11 Abr. (EUROPA PRESS) - El Gobierno aprobó el plan. Luego habló el ministro.",
         ["MADRID, 11 Abr. (EUROPA PRESS) - El Gobierno aprobó el plan.", "Luego habló el ministro."]),
        ("es", "La feria abre el 11 Abr. (viernes) en Madrid. Luego viaja a Sevilla.",
         ["La feria abre el 11 Abr. (viernes) en Madrid.", "Luego viaja a Sevilla."]),
    ],
    "russian-years-and-amounts": [
        ("ru", "По словам замминистра, в 2024 г. Россия отгрузила в Индонезию 1,8 млн т пшеницы. Иван тоже.",
         ["По словам замминистра, в 2024 г. Россия отгрузила в Индонезию 1,8 млн т пшеницы.", "Иван тоже."]),
        ("ru", "Он родился в Москве, в 1960 г. Потом семья переехала в Казань.",
         ["Он родился в Москве, в 1960 г.", "Потом семья переехала в Казань."]),
        ("ru", "Билет для взрослых будет стоить 600 руб., для студентов и пенсионеров — 300 руб. Дети до 14 лет "
               "смогут посетить выставку бесплатно.",
         ["Билет для взрослых будет стоить 600 руб., для студентов и пенсионеров — 300 руб.",
          "Дети до 14 лет смогут посетить выставку бесплатно."]),
        ("ru", "Стороны обсудили создание хаба мощностью до 1,2 млн т. Как уточнил Воронцов, стоимость оценивается "
               "в $140 млн. Иван тоже.",
         ["Стороны обсудили создание хаба мощностью до 1,2 млн т.",
          "Как уточнил Воронцов, стоимость оценивается в $140 млн.", "Иван тоже."]),
        ("ru", "Дни культуры намечены на сентябрь с.г. Отмечено, что в прошлом году прошло 30 мероприятий.",
         ["Дни культуры намечены на сентябрь с.г.", "Отмечено, что в прошлом году прошло 30 мероприятий."]),
        ("ru", "Дни культуры намечены на сентябрь с. г. Отмечено, что в прошлом году прошло 30 мероприятий.",
         ["Дни культуры намечены на сентябрь с. г.", "Отмечено, что в прошлом году прошло 30 мероприятий."]),
        ("ru", "В январе с.г. Россия нарастила экспорт. Иван тоже.", ["В январе с.г. Россия нарастила экспорт.", "Иван тоже."]),
        ("ru", "Он заплатил 5 руб. 50 коп. за билет. Иван тоже.",
         ["Он заплатил 5 руб. 50 коп. за билет.", "Иван тоже."]),
    ],
    "japanese-day-dates": [
        ("ja", "高畑氏の訪韓は外相就任後初めて。13日には韓国の首相を表敬訪問し、14日に帰国する予定だ。",
         ["高畑氏の訪韓は外相就任後初めて。", "13日には韓国の首相を表敬訪問し、14日に帰国する予定だ。"]),
        ("ja", "会談は約1時間行われた。２０日夜には夕食会が開かれる。",
         ["会談は約1時間行われた。", "２０日夜には夕食会が開かれる。"]),
        ("ja", "会議は終わった。2日間の日程だった。", ["会議は終わった。2日間の日程だった。"]),
    ],
    # A quotation, its attribution and the quotation it goes on to are one segment.
    "chinese-attributions": [
        ("zh", "“10年前，一列班列从重庆到杜伊斯堡要跑将近20天。现在最快只要11天左右。”这位负责人说，"
               "“运输时间缩短了，企业的资金周转也就更快了。”",
         ["“10年前，一列班列从重庆到杜伊斯堡要跑将近20天。现在最快只要11天左右。”这位负责人说，"
          "“运输时间缩短了，企业的资金周转也就更快了。”"]),
        ("zh", "“祭坛的营建需要大量人力和统一的组织调度。”陕西省考古研究院研究员、石峁考古队领队王宏伟说，"
               "“这说明当时的石峁已经形成了相当成熟的社会管理体系。它对于研究中华文明起源具有重要意义。”",
         ["“祭坛的营建需要大量人力和统一的组织调度。”陕西省考古研究院研究员、石峁考古队领队王宏伟说，"
          "“这说明当时的石峁已经形成了相当成熟的社会管理体系。它对于研究中华文明起源具有重要意义。”"]),
        ("zh", "“合作前景广阔。”商务部新闻发言人强调：“双方将继续扩大贸易。”会议随后结束。",
         ["“合作前景广阔。”商务部新闻发言人强调：“双方将继续扩大贸易。”", "会议随后结束。"]),
        ("zh", "“我们已经做好准备。”随后代表团离开了会场。", ["“我们已经做好准备。”", "随后代表团离开了会场。"]),
    ],
}

_PARAMS = [pytest.param(lang, text, expected, id=f"{lang}-{number}")
           for lang, cases in CASES.items() for number, (text, expected) in enumerate(cases, start=1)]
_PAGE_PARAMS = [pytest.param(lang, text, expected, id=f"{cause}-{lang}-{number}")
                for cause, cases in FOUND_ON_PAGES.items()
                for number, (lang, text, expected) in enumerate(cases, start=1)]


@pytest.mark.parametrize(("lang", "text", "expected"), _PARAMS)
def test_split_sentences(lang, text, expected):
    assert split_sentences(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), _PAGE_PARAMS)
def test_errors_found_on_pages_stay_fixed(lang, text, expected):
    assert split_sentences(text, lang) == expected


def test_every_language_has_ten_cases():
    assert sorted(CASES) == sorted(["ko", "en", "ja", "zh", "ar", "es", "fr", "de", "ru", "vi", "id"])
    assert all(len(cases) >= 10 for cases in CASES.values())


_EXTRA_TEXTS = [
    ("en", "  Title line\n\nFirst paragraph. Second sentence!  \n\n  Last one?  "),
    ("ko", "  맛있어요😊  다음에 또 올게요 (사진=연합뉴스)  "),
    ("zh", "第一句。第二句！\n\n第三句？"),
    ("de", "\tAm 3. Oktober …  Dann.  "),
    ("en", ""),
    ("en", "   \n\t  "),
    ("en", "no punctuation at all"),
]


@pytest.mark.parametrize(("lang", "text"), [(lang, text) for lang, cases in CASES.items() for text, _ in cases]
                         + [(lang, text) for cases in FOUND_ON_PAGES.values() for lang, text, _ in cases]
                         + _EXTRA_TEXTS)
def test_spans_cover_every_non_space_character_and_are_stripped(lang, text):
    spans = split_spans(text, lang)
    covered = set()
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        covered.update(range(start, end))
        previous_end = end
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    assert split_sentences(text, lang) == [text[start:end] for start, end in spans]


@pytest.mark.parametrize("lang", ["", "xx", "EN", "en-US", "kr", None])
def test_unknown_language_is_an_input_error(lang):
    with pytest.raises(InputError, match="unknown language"):
        split_spans("Hello. World.", lang)


@pytest.mark.parametrize("word", ["발표했다", "시행된다", "없다", "중요하다", "합니다", "좋아요", "할까", "합니까",
                                  "있음", "했음", "것임", "권장함", "됨", "했어용", "해줄게", "그렇죠"])
def test_korean_final_predicates(word):
    assert korean.is_final_word(word)
    assert word[-1] in korean.FINAL_SYLLABLES


@pytest.mark.parametrize("word", ["다", "생각보다", "날마다", "바다", "캐나다", "필요", "주요", "게임", "배임", "다음",
                                  "사용", "알게", "하니까", "아까", "잠수함", "포함"])
def test_korean_words_that_do_not_end_a_sentence(word):
    assert not korean.is_final_word(word)


def test_every_case_of_sentencex_s_own_suite_still_passes():
    import json
    from pathlib import Path

    suite = Path(__file__).resolve().parents[1] / "data" / "suites" / "sentencex-tests.jsonl"
    cases = [json.loads(line) for line in suite.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(cases) == 317
    failures = [(c["lang"], c["text"][:60]) for c in cases
                if [s.strip() for s in split_sentences(c["text"], c["lang"])] != c["expected"]]
    assert failures == []


@pytest.mark.parametrize("lang", [lang for lang in sorted(CASES) if lang not in ("ko", "ja", "zh")])
def test_every_abbreviation_in_the_tables_does_what_its_table_says(lang):
    starter = min(abbreviations.STARTERS[lang], default="")
    expectations = [(abbreviations.TITLES, "Xyz {}. Santoso abc. Qwe rty.", 2),
                    (abbreviations.MIDDLE, "Xyz {}. Santoso abc. Qwe rty.", 2),
                    (abbreviations.BEFORE_NUMBER, "Xyz {}. 5 abc. Qwe rty.", 2)]
    if lang in abbreviations.CASED_LANGUAGES:
        expectations.append((abbreviations.ENDING_ABBREVIATIONS, "Xyz {}. abc def. Qwe rty.", 2))
    if starter:
        expectations.append((abbreviations.ENDING_ABBREVIATIONS, "Xyz {}. " + starter + " abc. Qwe rty.", 3))
    wrong = [text for table, template, count in expectations for abbreviation in sorted(table[lang])
             if len(split_sentences(text := template.format(abbreviation[:1].upper() + abbreviation[1:]), lang))
             != count]
    assert wrong == []


# The splitter's shortcuts must not change a single boundary: each is checked here against the long way
# round, on the cases above and on seeded random texts made of the tokens the rules care about.
_TOKENS = ["U.S.", "a.m.", "Inc.", "(Inc.", "x(Inc.", "3.5", "e.g.", "Dr.", "Mr.", "the", "The", "word.", "Word.",
           '"Quote."', "(U.S.)", "U.S.-China", "China-U.S.", "1.", "a)", "St.", "www.x.com.", "a@b.co.", "…", "?", "!",
           "«Да.»", "т.е.", "т. е.", "г.", "z. B.", "EE.UU.", "Th.S", "l'art.", "No.", "Jan.", "5", "ß.", "ça.", "À.",
           "Él.", "v.v.", "TP.HCM", "dll.", "S.H.", "x.Y", "Ph.D.", "p.m.", "EST.", "Corp.", "über", "été", "ёж", "Ёж",
           "B.C.", "A. D.", "a. C.", "J.-C.", "v. Chr.", "н. э.", "2017 г.", "XX в.", "TCN.", "Mio.", "Goethestr.",
           "2017.", "4.", "했다.", "“", "”", "(", ")", "Jr.", "May.", "/ТАСС/.", "Semua", "PT.", "أ.د.", "م.", "。", "？",
           "「", "」", "と", "他說", "3月22日", "\n", "\n\n", "\u00a0", "с.г.", "руб.", "млн", "т.", "1)", "2)", "1.", "2.",
           "GS.TS.", "Pte.", "Ltd.", "МОСКВА,", "8", "апреля.", "(AFP)", "-", "13日には", "说，“", "Abr."]


def _random_texts(count: int) -> list[tuple[str, str]]:
    rng = random.Random(20261202)
    languages = sorted(CASES)
    return [(rng.choice(languages), "".join(rng.choice(_TOKENS) + rng.choice(["", " ", " ", "  "])
                                            for _ in range(rng.randint(3, 20)))) for _ in range(count)]


def _all_texts() -> list[tuple[str, str]]:
    return ([(lang, text) for lang, cases in CASES.items() for text, _ in cases]
            + [(lang, text) for cases in FOUND_ON_PAGES.values() for lang, text, _ in cases] + _random_texts(3000))


def test_candidates_left_out_are_ones_the_rules_reject(monkeypatch):
    texts = _all_texts()
    fast = [split_spans(text, lang) for lang, text in texts]
    for lang in sentences._CANDIDATES:
        monkeypatch.setitem(sentences._CANDIDATES, lang, sentences._CANDIDATE)
    assert [split_spans(text, lang) for lang, text in texts] == fast


def test_era_hints_let_through_every_text_with_an_era_marker(monkeypatch):
    texts = _all_texts()
    fast = [split_spans(text, lang) for lang, text in texts]
    for lang in sentences._ERA_HINT:
        monkeypatch.setitem(sentences._ERA_HINT, lang, re.compile(""))
    assert [split_spans(text, lang) for lang, text in texts] == fast


@pytest.mark.parametrize("lang", sorted(CASES))
def test_plain_words_are_classified_as_the_full_way_would(lang):
    words = {word for text in [text for text, _ in CASES[lang]] + [t for _, t in _random_texts(300)]
             for word in text.split()} | {"Goethestr", "farm", "Regierung", "İstanbul", "percent"}
    fields = list(periods._Word.__slots__)
    for word in words:
        quick, full = periods._word_info(word, lang), periods._Word(word, lang)
        assert [getattr(quick, name) for name in fields] == [getattr(full, name) for name in fields], word


def test_splitting_in_several_processes_gives_the_same_spans(monkeypatch):
    import tms.segmentation.sentences as sentences

    monkeypatch.setattr(sentences, "_PARALLEL_CHARS", 0)        # small texts take the parallel path too
    texts = [f"Dr. Kim met U.S. officials on Jan. {n}. They agreed. “Good,” he said." for n in range(1, 40)]
    texts += ["", "한국과 일본이 회의를 열었다. 협력을 강화했다.", "Seoul"]
    serial = [sentences.split_spans(text, "en") for text in texts]
    assert sentences.split_spans_many(texts, "en", workers=3) == serial
    assert sentences.split_spans_many(texts, "en", workers=1) == serial


def test_a_failed_worker_share_is_split_in_the_parent(monkeypatch):
    import tms.segmentation.sentences as sentences

    monkeypatch.setattr(sentences, "_PARALLEL_CHARS", 0)
    monkeypatch.setattr(sentences, "_split_part", lambda *args: (_ for _ in ()).throw(SystemExit(3)))
    texts = [f"Sentence {n}. Another one." for n in range(10)]
    assert sentences.split_spans_many(texts, "en", workers=2) == [sentences.split_spans(t, "en") for t in texts]


@pytest.mark.parametrize("text, lang, expected", [
    # a unit symbol takes no stop of its own: after an amount, before a capital, the stop ends the sentence
    ("Tiene una precisión de 2 cm. Servicios similares funcionan en EE.UU. y Japón.", "es",
     ["Tiene una precisión de 2 cm.", "Servicios similares funcionan en EE.UU. y Japón."]),
    ("Das Grundstück misst 500 m². Die Stadt zahlt.", "de", ["Das Grundstück misst 500 m².", "Die Stadt zahlt."]),
    ("Le réservoir contient 40 kg. de sel.", "fr", ["Le réservoir contient 40 kg. de sel."]),
    # a site's name in capitals is a domain, not two sentences
    ("VOV.VN - Sáng 2/5, UBND TP. Cần Thơ đưa trạm vào vận hành.", "vi",
     ["VOV.VN - Sáng 2/5, UBND TP. Cần Thơ đưa trạm vào vận hành."]),
    ("Theo VOV.VN, trạm đã hoạt động. Sáng nay trời mưa.", "vi",
     ["Theo VOV.VN, trạm đã hoạt động.", "Sáng nay trời mưa."]),
])
def test_units_and_site_names(text, lang, expected):
    assert split_sentences(text, lang) == expected
