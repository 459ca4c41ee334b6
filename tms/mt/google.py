"""The ``google`` engine: Google Translate's free web endpoint, through deep-translator.

Google wants ``zh-CN`` for simplified Chinese. The endpoint is the public mobile page, not the paid Cloud
API: there is no key, a text may have up to 5,000 characters, and Google limits how fast one address may
ask, so rate limits are retried with backoff and the cache matters most here.
"""
from __future__ import annotations

from deep_translator import GoogleTranslator

from tms.mt.deep import DeepTranslatorEngine


class GoogleEngine(DeepTranslatorEngine):
    """Google Translate (web endpoint)."""

    name = "google"
    label = "Google Translate"
    translator_class = GoogleTranslator
    languages = {"ko": "ko", "en": "en", "ja": "ja", "zh": "zh-CN", "ar": "ar", "es": "es", "fr": "fr",
                 "de": "de", "ru": "ru", "vi": "vi", "id": "id"}
    max_chars_per_text = 4999       # deep-translator refuses 5,000 and more
