"""The ``baidu`` engine: Baidu Fanyi, through deep-translator.

Baidu has codes of its own (``kor``, ``jp``, ``fra``, ``spa``, ``ara``, ``vie``); deep-translator's table
has no Indonesian, so this engine serves ten of our eleven languages. Baidu needs an app id and key.
"""
from __future__ import annotations

from deep_translator import BaiduTranslator

from tms.mt.base import Setting
from tms.mt.deep import DeepTranslatorEngine


class BaiduEngine(DeepTranslatorEngine):
    """Baidu Fanyi."""

    name = "baidu"
    label = "Baidu Translate"
    translator_class = BaiduTranslator
    languages = {"ko": "kor", "en": "en", "ja": "jp", "zh": "zh", "ar": "ara", "es": "spa", "fr": "fra",
                 "de": "de", "ru": "ru", "vi": "vie"}
    settings_spec = {
        "appid": Setting("", str, "Baidu app id", is_secret=True, is_required=True),
        "appkey": Setting("", str, "Baidu app key", is_secret=True, is_required=True),
    }
    max_bytes_per_text = 6000

    def _make_translator(self, source_code: str, target_code: str):
        return BaiduTranslator(source=source_code, target=target_code, appid=self.settings["appid"],
                               appkey=self.settings["appkey"])
