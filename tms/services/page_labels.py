"""The few words a rendered article page says in its own language, in each of the eleven languages."""
from __future__ import annotations

from tms.languages import get_language

#: The notice on every translation that no authority has certified.
UNOFFICIAL_TRANSLATION = {
    "ko": "비공식 번역",
    "en": "Unofficial translation",
    "ja": "非公式翻訳",
    "zh": "非官方译文",
    "ar": "ترجمة غير رسمية",
    "es": "Traducción no oficial",
    "fr": "Traduction non officielle",
    "de": "Nichtamtliche Übersetzung",
    "ru": "Неофициальный перевод",
    "vi": "Bản dịch không chính thức",
    "id": "Terjemahan tidak resmi",
}

#: The notice on a translation published with machine output no person has reviewed
#: (``[publication] publish_machine_translation = true``).
MACHINE_TRANSLATION = {
    "ko": "기계 번역",
    "en": "Machine translation",
    "ja": "機械翻訳",
    "zh": "机器翻译",
    "ar": "ترجمة آلية",
    "es": "Traducción automática",
    "fr": "Traduction automatique",
    "de": "Maschinelle Übersetzung",
    "ru": "Машинный перевод",
    "vi": "Bản dịch máy",
    "id": "Terjemahan mesin",
}

#: The heading of the language switcher.
OTHER_LANGUAGES = {
    "ko": "다른 언어로 이 기사 보기",
    "en": "View this article in another language",
    "ja": "この記事を他の言語で読む",
    "zh": "以其他语言阅读本文",
    "ar": "اقرأ هذا المقال بلغة أخرى",
    "es": "Ver este artículo en otro idioma",
    "fr": "Lire cet article dans une autre langue",
    "de": "Diesen Artikel in einer anderen Sprache lesen",
    "ru": "Читать эту статью на другом языке",
    "vi": "Xem bài viết này bằng ngôn ngữ khác",
    "id": "Baca artikel ini dalam bahasa lain",
}

#: The tooltip of source text that stands in for a missing translation.
NOT_YET_TRANSLATED = {
    "ko": "아직 번역되지 않음",
    "en": "Not yet translated",
    "ja": "未翻訳",
    "zh": "尚未翻译",
    "ar": "لم يُترجم بعد",
    "es": "Aún sin traducir",
    "fr": "Pas encore traduit",
    "de": "Noch nicht übersetzt",
    "ru": "Ещё не переведено",
    "vi": "Chưa được dịch",
    "id": "Belum diterjemahkan",
}


def label(table: dict[str, str], lang: str) -> str:
    """The entry of ``table`` for ``lang`` (every table covers the eleven languages)."""
    get_language(lang)
    return table[lang]
