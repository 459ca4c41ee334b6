"""Untranslated copies of the source, and translations far longer or shorter than usual."""
from __future__ import annotations

import pytest

from tests.checks.helpers import problems
from tms.checks.translation import LengthCheck, SameCheck
from tms.storage.glossary import Glossary, Term

SAME = SameCheck()
SOURCE = "The statement also focused on their commitment to prevent ISIS from dispersing its fighters."


@pytest.mark.parametrize("lang", ["ja", "fr", "ar", "ko"])
def test_a_copied_source_is_an_error(lang):
    assert problems(SAME, SOURCE, SOURCE, lang) == ["the translation is the source text copied unchanged"]
    assert problems(SAME, SOURCE, "  " + SOURCE.upper(), lang)


@pytest.mark.parametrize("lang, source", [
    ("fr", "ISIS"),
    ("ja", "https://www.korea.net"),
    ("ja", "jiae5853@korea.kr"),
    ("ko", "65"),
    ("de", "Sohn JiAe"),
    ("id", "Yun Byung-se"),
])
def test_names_terms_and_addresses_may_be_copied(lang, source):
    glossary = Glossary(lang, [Term("ISIS", (), True, None)])
    assert problems(SAME, source, source, lang, glossary=glossary) == []


def test_a_name_copied_into_another_script_is_reported():
    assert problems(SAME, "Sohn JiAe", "Sohn JiAe", "ru")


def test_a_term_whose_translation_is_itself_may_be_copied():
    glossary = Glossary("de", [Term("Korea.net", ("Korea.net",), False, "en")])
    assert problems(SAME, "Korea.net", "Korea.net", "de", glossary=glossary) == []


def test_a_translation_differing_from_the_source_passes():
    assert problems(SAME, SOURCE, "Die Erklärung konzentrierte sich auch auf ISIS.", "de") == []


LENGTH = LengthCheck()


@pytest.mark.parametrize("lang, target", [
    ("ja", "声明はまた、ISISが戦闘員を分散させるのを防ぐという彼らの決意に焦点を当てた。"),
    ("zh", "声明还重点阐述了他们防止ISIS分散其战斗人员的承诺。"),
    ("de", "Die Erklärung konzentrierte sich auch auf ihre Verpflichtung, ISIS daran zu hindern, seine Kämpfer zu zerstreuen."),
    ("ar", "وركز البيان أيضا على التزامهم بمنع داعش من تفريق مقاتليه."),
])
def test_usual_lengths_pass(lang, target):
    assert problems(LENGTH, SOURCE, target, lang) == []


@pytest.mark.parametrize("lang, target, word", [
    ("ja", "声明。", "shorter"),
    ("fr", "La déclaration.", "shorter"),
    ("zh", "声明还重点阐述了他们防止ISIS分散其战斗人员的承诺。" * 4, "longer"),
])
def test_far_longer_or_shorter_is_reported(lang, target, word):
    messages = problems(LENGTH, SOURCE, target, lang)
    assert len(messages) == 1 and word in messages[0]


def test_the_ratio_is_the_projects_setting():
    target = "La déclaration portait aussi sur leur engagement."
    assert problems(LENGTH, SOURCE, target, "fr") == []
    assert problems(LENGTH, SOURCE, target, "fr", ratio=1.5)


def test_short_sources_are_not_judged():
    assert problems(LENGTH, "ISIS", "Организация «Исламское государство»", "ru") == []


def test_pseudo_translation_is_an_error_until_a_person_replaces_it():
    from tms.checks.base import CheckContext
    from tms.checks.translation import PseudoCheck
    from tms.model import MachineInfo, SegmentState, Unit
    from tms.mt.pseudo import pseudo_translate

    text = pseudo_translate(SOURCE)
    unit = Unit(SOURCE, text, state=SegmentState.TRANSLATED, machine=MachineInfo("pseudo", text))
    context = CheckContext("en", "fr", None, 3.0)
    assert PseudoCheck().check_unit(unit, context) == [
        "the translation is pseudo-translation for layout checks, not a translation"]
    unit.target = "La déclaration portait aussi sur leur engagement."
    assert PseudoCheck().check_unit(unit, context) == []
    unit.machine = MachineInfo("memory", unit.target)
    assert PseudoCheck().check_unit(unit, context) == []
