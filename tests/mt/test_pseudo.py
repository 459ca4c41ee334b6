"""Pseudo-translation."""
from __future__ import annotations

from tms.mt.pseudo import pseudo_translate
from tms.mt.registry import get_engine


def test_pseudo_is_accented_longer_and_bracketed():
    text = pseudo_translate("The quick brown fox")
    assert text.startswith("[!! Ŧĥé ʠûîçķ".replace("ʠ", "ǫ")) and text.endswith(" !!]")
    assert len(text) > len("The quick brown fox") * 1.3


def test_pseudo_keeps_placeholders_and_whitespace_and_serves_every_language():
    engine = get_engine("pseudo")
    text = " Read <a href=\"https://korea.net\">it</a> by 2017-03-27. "
    outcome = engine.translate([text], "en", "ar")[text]
    assert outcome.text.startswith(" [!! Ŕéàđ <a href=\"https://korea.net\">îŧ</a> ƀý 2017-03-27.")
    assert outcome.text.endswith(" !!] ") and outcome.engine == "pseudo"
    assert engine.translate(["서울"], "ko", "en")["서울"].text.startswith("[!! 서울 ")


def test_pseudo_needs_no_network_and_no_cache(tmp_path):
    engine = get_engine("pseudo", cache=object())
    assert engine.cache is None and not engine.is_remote
