"""The ``microsoft`` engine: Azure AI Translator, through deep-translator.

deep-translator's wrapper asks Microsoft for its language list in its constructor, over the network and
without a timeout; this engine passes its own map instead (Microsoft calls simplified Chinese
``zh-Hans``), so nothing is sent before the first translation.
"""
from __future__ import annotations

from deep_translator import MicrosoftTranslator

from tms.mt.base import Setting
from tms.mt.deep import DeepTranslatorEngine

LANGUAGES = {"ko": "ko", "en": "en", "ja": "ja", "zh": "zh-Hans", "ar": "ar", "es": "es", "fr": "fr",
             "de": "de", "ru": "ru", "vi": "vi", "id": "id"}


class _MicrosoftTranslator(MicrosoftTranslator):
    def __init__(self, *args, languages: dict[str, str], **kwargs):
        self._languages = languages
        super().__init__(*args, **kwargs)

    def _get_supported_languages(self):
        return self._languages


class MicrosoftEngine(DeepTranslatorEngine):
    """Microsoft (Azure AI) Translator."""

    name = "microsoft"
    label = "Microsoft Translator"
    translator_class = _MicrosoftTranslator
    languages = LANGUAGES
    settings_spec = {
        "api_key": Setting("", str, "Azure subscription key", is_secret=True, is_required=True),
        "region": Setting("", str, "Azure region of the resource, e.g. koreacentral"),
    }
    max_chars_per_text = 10_000

    def _make_translator(self, source_code: str, target_code: str):
        return _MicrosoftTranslator(source=source_code, target=target_code, api_key=self.settings["api_key"],
                                    region=self.settings["region"] or None, languages=self._wrapper_languages())
