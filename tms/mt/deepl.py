"""The ``deepl`` engine: DeepL's API, through deep-translator.

deep-translator's DeepL wrapper knows no Korean, Arabic or Vietnamese code and refuses them, so this
engine serves the other eight of our languages; asking it for ``ko``, ``ar`` or ``vi`` is one clear error
before anything is sent. ``use_free_api`` picks api-free.deepl.com (keys ending in ``:fx``).
"""
from __future__ import annotations

from deep_translator import DeeplTranslator

from tms.mt.base import Setting
from tms.mt.deep import DeepTranslatorEngine


class DeeplEngine(DeepTranslatorEngine):
    """DeepL."""

    name = "deepl"
    label = "DeepL"
    translator_class = DeeplTranslator
    languages = {"en": "en", "ja": "ja", "zh": "zh", "es": "es", "fr": "fr", "de": "de", "ru": "ru", "id": "id"}
    settings_spec = {
        "api_key": Setting("", str, "DeepL authentication key", is_secret=True, is_required=True),
        "use_free_api": Setting(True, bool, "use api-free.deepl.com (free keys) rather than api.deepl.com"),
    }

    def _make_translator(self, source_code: str, target_code: str):
        return DeeplTranslator(source=source_code, target=target_code, api_key=self.settings["api_key"],
                               use_free_api=self.settings["use_free_api"])
