"""Engine chains: each text filled by the first engine of the chain that can, with real engines."""
from __future__ import annotations

import pytest

from tests.mt.apy_server import require_apertium
from tms.errors import InputError, UnsupportedLanguage
from tms.mt.apertium import ApertiumEngine
from tms.mt.chain import EngineChain
from tms.mt.pseudo import PseudoEngine, pseudo_translate
from tms.mt.registry import engine_names

TEXTS = ["The government will announce new measures on Monday.", "The meeting was held in Seoul."]


@pytest.fixture
def chain():
    require_apertium()
    return EngineChain([ApertiumEngine(), PseudoEngine()])


def test_the_first_engine_that_serves_a_pair_fills_it(chain):
    spanish = chain.translate(TEXTS, "en", "es")
    assert {o.engine for o in spanish.values()} == {"apertium"}
    assert "gobierno" in spanish[TEXTS[0]].text
    korean = chain.translate(TEXTS, "en", "ko")
    assert {o.engine for o in korean.values()} == {"pseudo"}
    assert korean[TEXTS[0]].text == pseudo_translate(TEXTS[0])
    assert chain.name == "apertium,pseudo" and chain.supports("en", "ko")


def test_a_text_the_first_engine_refuses_goes_to_the_next(chain):
    # Five words Apertium cannot translate come back unchanged, which the base class refuses.
    names = "Yun Byung-se Tillerson Mattis Mnuchin"
    outcomes = chain.translate([names, TEXTS[0]], "en", "es")
    assert outcomes[names].engine == "pseudo" and outcomes[TEXTS[0]].engine == "apertium"


def test_the_engines_that_pass_a_pair_over_say_why(chain):
    assert chain.unsupported("en", "es") == {}
    why = chain.unsupported("en", "ko")
    assert list(why) == ["apertium"] and "Debian has no Apertium pair" in why["apertium"]


def test_a_chain_no_engine_of_which_serves_a_pair_refuses_it():
    require_apertium()
    lonely = EngineChain([ApertiumEngine(pivot=False), ApertiumEngine(data_dir="/nonexistent")])
    with pytest.raises(UnsupportedLanguage, match=r"no engine of apertium,apertium translates en→fr"):
        lonely.check_pair("en", "fr")
    outcome = lonely.translate(TEXTS, "en", "fr")[TEXTS[0]]
    assert outcome.text is None and outcome.status == "no-match"


def test_a_dry_run_plan_follows_the_chain(chain):
    plan = chain.plan(TEXTS, "en", "ko")
    assert plan.count("send") == 2       # pseudo would "send" both; Apertium does not serve ko
    assert chain.plan(TEXTS, "en", "es").chars == sum(len(t) for t in TEXTS)


def test_chain_names_are_checked():
    assert engine_names("memory, apertium") == ["memory", "apertium"]
    assert engine_names(["memory", "apertium"]) == ["memory", "apertium"]
    with pytest.raises(InputError, match="unknown engine 'apertum'"):
        engine_names("memory,apertum")
    with pytest.raises(InputError, match="names 'memory' twice"):
        engine_names("memory,apertium,memory")
    with pytest.raises(InputError, match="empty name"):
        engine_names("memory,,apertium")
