"""The eleven languages of the news service, described by Babel's CLDR data."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from babel import Locale

from tms.errors import InputError

#: The languages every article is published in, in the order the site lists them.
CODES: tuple[str, ...] = ("ko", "en", "ja", "zh", "ar", "es", "fr", "de", "ru", "vi", "id")


@dataclass(frozen=True)
class Language:
    """One language: its code, names, script direction and gettext plural rule."""

    code: str
    name: str               # English name ("Korean")
    native_name: str        # the name in the language itself ("한국어")
    direction: str          # "ltr" or "rtl"
    nplurals: int
    plural_expr: str

    @property
    def plural_forms(self) -> str:
        """The value of the PO header ``Plural-Forms``."""
        return f"nplurals={self.nplurals}; plural={self.plural_expr};"

    @property
    def is_rtl(self) -> bool:
        """True for right-to-left scripts (Arabic)."""
        return self.direction == "rtl"

    @property
    def locale(self) -> Locale:
        """The Babel locale, for dates, numbers and plural rules."""
        return Locale.parse(self.code)


@functools.lru_cache(maxsize=None)
def get_language(code: str) -> Language:
    """The language with this code; ``InputError`` for any code outside the eleven."""
    if code not in CODES:
        raise InputError(f"unknown language code {code!r}; expected one of: {', '.join(CODES)}")
    from babel.messages.plurals import get_plural  # babel's catalog modules: 20 ms that most commands never need

    locale = Locale.parse(code)
    plural = get_plural(code)
    native = locale.get_display_name(code) or code
    return Language(
        code=code,
        name=locale.get_display_name("en") or code,
        native_name=native[:1].upper() + native[1:],
        direction="rtl" if locale.character_order == "right-to-left" else "ltr",
        nplurals=plural.num_plurals,
        plural_expr=plural.plural_expr,
    )


def base_code(value: str | None) -> str:
    """The language part of a locale code, lower-cased: "ja" for "ja-JP", "ja_JP" or " JA "; "" for None."""
    return (value or "").strip().replace("_", "-").split("-")[0].lower()


def all_languages() -> list[Language]:
    """The eleven languages in site order."""
    return [get_language(code) for code in CODES]


def targets_for(source: str) -> list[str]:
    """The codes an article written in ``source`` is translated into: the other ten."""
    get_language(source)
    return [code for code in CODES if code != source]


def parse_codes(value: str | None) -> list[str]:
    """Parse a comma-separated list of codes ("ja,zh"); every code is checked."""
    if not value:
        return []
    codes = [part.strip() for part in value.split(",") if part.strip()]
    for code in codes:
        get_language(code)
    return codes
