"""The ``mymemory`` engine: MyMemory's free API, through deep-translator.

MyMemory wants locale codes (``ko-KR``, ``zh-CN``), counts its limit of 500 per text in bytes of UTF-8
(a Korean sentence of 170 characters is already over), and answers an exhausted daily quota with a
warning in place of the translation and HTTP 200. Such an answer is rejected and pauses the engine.
An ``email`` raises the free quota from 5,000 to 50,000 characters a day.
"""
from __future__ import annotations

from deep_translator import MyMemoryTranslator

from tms.mt.base import Setting
from tms.mt.deep import DeepTranslatorEngine


class MyMemoryEngine(DeepTranslatorEngine):
    """MyMemory (translated.net)."""

    name = "mymemory"
    label = "MyMemory"
    translator_class = MyMemoryTranslator
    languages = {"ko": "ko-KR", "en": "en-GB", "ja": "ja-JP", "zh": "zh-CN", "ar": "ar-SA", "es": "es-ES",
                 "fr": "fr-FR", "de": "de-DE", "ru": "ru-RU", "vi": "vi-VN", "id": "id-ID"}
    settings_spec = {
        "email": Setting("", str, "your e-mail address, for the larger free quota", is_secret=True),
    }
    max_chars_per_text = 499        # deep-translator refuses 500 characters and more
    max_bytes_per_text = 500
    quota_markers = ("MYMEMORY WARNING", "YOU USED ALL AVAILABLE FREE TRANSLATIONS")
    warning_markers = ("QUERY LENGTH LIMIT EXCEEDED", "INVALID LANGUAGE PAIR", "PLEASE SELECT TWO DISTINCT",
                       "IS AN INVALID TARGET LANGUAGE", "IS AN INVALID SOURCE LANGUAGE", "NO QUERY SPECIFIED")

    def _make_translator(self, source_code: str, target_code: str):
        email = self.settings["email"] or None
        return MyMemoryTranslator(source=source_code, target=target_code, email=email)
