"""The ``deep-libre`` engine: deep-translator's own ``LibreTranslator``, one text per request.

For LibreTranslate servers that refuse batches, and as the yardstick the ``libre`` engine is measured
against. The server address goes in ``custom_url``: deep-translator silently ignores ``base_url`` and
would send the text to libretranslate.de instead. deep-translator also insists on a key even where the
server needs none; then a placeholder key is sent, which such servers ignore.
"""
from __future__ import annotations

from deep_translator import LibreTranslator

from tms.mt.base import Setting
from tms.mt.deep import DeepTranslatorEngine

_NO_KEY = "none"


class DeepLibreEngine(DeepTranslatorEngine):
    """LibreTranslate through deep-translator (one text per request)."""

    name = "deep-libre"
    label = "LibreTranslate (deep-translator, unbatched)"
    translator_class = LibreTranslator
    settings_spec = {
        "url": Setting("http://127.0.0.1:5000", str, "address of the LibreTranslate server"),
        "api_key": Setting("", str, "API key, if the server requires one", is_secret=True),
    }

    def _make_translator(self, source_code: str, target_code: str):
        url = self.settings["url"].rstrip("/") + "/"
        return LibreTranslator(source=source_code, target=target_code,
                               api_key=self.settings["api_key"] or _NO_KEY, custom_url=url)
