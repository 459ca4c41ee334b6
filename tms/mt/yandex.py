"""The ``yandex`` engine: Yandex Translate's key-based API, through deep-translator.

deep-translator checks Yandex codes against Google's table, where Chinese is ``zh-CN``; Yandex wants
``zh``, so this engine hands the wrapper its own table. The API answers a list of texts.
"""
from __future__ import annotations

from typing import Any

from deep_translator import YandexTranslator

from tms.mt.base import Setting
from tms.mt.deep import DeepTranslatorEngine

class YandexEngine(DeepTranslatorEngine):
    """Yandex Translate."""

    name = "yandex"
    label = "Yandex Translate"
    translator_class = YandexTranslator
    settings_spec = {
        "api_key": Setting("", str, "Yandex Translate API key", is_secret=True, is_required=True),
    }
    max_chars_per_text = 10_000

    def _make_translator(self, source_code: str, target_code: str):
        return YandexTranslator(source=source_code, target=target_code, api_key=self.settings["api_key"],
                                languages=self._wrapper_languages())

    def _answer(self, value: Any) -> Any:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return "".join(value)
        return value
