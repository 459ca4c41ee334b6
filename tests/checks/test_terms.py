"""The glossary and do-not-translate checks."""
from __future__ import annotations

import pytest

from tests.checks.helpers import problems
from tms.checks.terms import DoNotTranslateCheck, GlossaryCheck
from tms.storage.glossary import Glossary, Term

DNT = DoNotTranslateCheck()
GLOSSARY = GlossaryCheck()


def glossary(lang: str, *terms: Term) -> Glossary:
    return Glossary(lang, list(terms))


ISIS = Term("ISIS", (), True, None, "", "glossary/all.csv:2")
SOURCE = "Korea will join the Global Coalition to defeat ISIS, said the Minister of Foreign Affairs."


@pytest.mark.parametrize("lang, target", [
    ("ja", "韓国はISISを打倒する有志連合に参加すると外務大臣は述べた。"),
    ("ko", "한국은 ISIS 격퇴를 위한 국제연합에 동참하겠다고 외교부 장관이 밝혔다."),
    ("ko", "한국은 ISIS를 격퇴하기 위한 국제연합에 동참하겠다고 밝혔다."),
    ("fr", "La Corée rejoindra la coalition mondiale pour vaincre l’ISIS, a déclaré le ministre."),
    ("ar", "قال وزير الخارجية إن كوريا ستنضم إلى التحالف العالمي لهزيمة ISIS."),
])
def test_do_not_translate_terms_kept_pass(lang, target):
    assert problems(DNT, SOURCE, target, lang, glossary=glossary(lang, ISIS)) == []


@pytest.mark.parametrize("lang, target", [
    ("ja", "韓国はイスラム国を打倒する有志連合に参加すると述べた。"),
    ("ru", "Корея присоединится к коалиции для победы над ИГИЛ, заявил министр."),
    ("ar", "قال وزير الخارجية إن كوريا ستنضم إلى التحالف العالمي لهزيمة داعش."),
    ("de", "Korea wird der Koalition gegen Isis beitreten, sagte der Minister."),
])
def test_a_translated_do_not_translate_term_is_an_error(lang, target):
    messages = problems(DNT, SOURCE, target, lang, glossary=glossary(lang, ISIS))
    assert messages == ["“ISIS” must stay as it is (do not translate; see glossary/all.csv:2)"]


def test_without_a_glossary_nothing_is_checked():
    assert problems(DNT, SOURCE, "イスラム国", "ja") == []
    assert problems(GLOSSARY, SOURCE, "外相", "ja") == []


MINISTER = {
    "ja": Term("Minister of Foreign Affairs", ("外務大臣", "外相"), False, "en", "", "glossary/ja.csv:3"),
    "ru": Term("Minister of Foreign Affairs", ("министр иностранных дел",), False, "en", "", "glossary/ru.csv:3"),
    "de": Term("Minister of Foreign Affairs", ("Außenminister",), False, "en", "", "glossary/de.csv:3"),
    "es": Term("Minister of Foreign Affairs", ("ministro de Asuntos Exteriores",), False, "en", "", "glossary/es.csv:3"),
}


@pytest.mark.parametrize("lang, target", [
    ("ja", "韓国は有志連合に参加すると外相は述べた。"),
    ("ru", "Корея присоединится к коалиции, заявил министра иностранных дел Юн."),
    ("de", "Korea wird der Koalition beitreten, sagte der Außenminister."),
    ("es", "Corea se unirá a la coalición, dijo el Ministro de Asuntos Exteriores."),
])
def test_glossary_translation_used_passes(lang, target):
    assert problems(GLOSSARY, SOURCE, target, lang, glossary=glossary(lang, MINISTER[lang])) == []


@pytest.mark.parametrize("lang, target", [
    ("ja", "韓国は有志連合に参加すると外交部長官は述べた。"),
    ("ru", "Корея присоединится к коалиции, заявил глава МИД."),
    ("de", "Korea wird der Koalition beitreten, sagte der Minister für auswärtige Angelegenheiten."),
])
def test_another_translation_of_a_glossary_term_is_reported(lang, target):
    messages = problems(GLOSSARY, SOURCE, target, lang, glossary=glossary(lang, MINISTER[lang]))
    assert len(messages) == 1 and MINISTER[lang].targets[0] in messages[0]


def test_a_term_for_another_source_language_does_not_apply():
    korean_only = Term("Minister of Foreign Affairs", ("外務大臣",), False, "ko", "", "glossary/ja.csv:4")
    assert problems(GLOSSARY, SOURCE, "外交部長官", "ja", glossary=glossary("ja", korean_only)) == []


def test_terms_match_whole_words_only():
    term = Term("ROK", ("韓国",), False, None, "", "glossary/ja.csv:5")
    assert problems(GLOSSARY, "The BROKEN bridge.", "壊れた橋。", "ja", glossary=glossary("ja", term)) == []
