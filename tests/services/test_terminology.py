"""Glossary terms shown beside each segment: which terms, matched how, and for which segments."""
from __future__ import annotations

import pytest

from tests.web.factory import build_article, unit_keys
from tms.errors import NotFound
from tms.services.terminology import segment_terms, terms_by_key
from tms.storage.database import close_databases

GLOSSARY_JA = """source,target,do_not_translate,note
minister,大臣|閣僚,,"the person, not the ministry"
Seoul,,yes,a city name
memorandum,覚書,,
"""


@pytest.fixture
def demo(project, monkeypatch):
    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)
    build_article(project)
    (project.root / "glossary").mkdir()
    (project.root / "glossary" / "ja.csv").write_text(GLOSSARY_JA, encoding="utf-8")
    yield project
    close_databases()


def test_each_segment_gets_the_terms_its_source_contains(demo):
    keys = unit_keys(demo)
    found = terms_by_key(demo, "en", "ja", [(k, s) for k, s in zip(keys, [
        "Korea and Japan agree", "The ministers met in Seoul on Monday.", "They signed a MEMORANDUM.",
        "The Minister shakes hands in seoul."])])
    assert keys[0] not in found                                  # no term in the title
    met = found[keys[1]]
    assert [t.source for t in met] == ["Seoul"]                  # "ministers" is not the term "minister"
    assert met[0].is_do_not_translate and met[0].translations == () and met[0].where == "glossary/ja.csv:3"
    assert [t.source for t in found[keys[2]]] == ["memorandum"]  # any case for a term to translate
    last = found[keys[3]]
    assert [t.source for t in last] == ["minister"]              # a name must keep its case: not "seoul"
    assert last[0].translations == ("大臣", "閣僚") and last[0].note == "the person, not the ministry"


def test_a_language_without_a_glossary_has_no_terms(demo):
    assert terms_by_key(demo, "en", "de", [("k", "The minister in Seoul")]) == {}


def test_one_segments_terms_and_its_json(demo):
    keys = unit_keys(demo)
    terms = segment_terms(demo, "demo", "ja", keys[2])
    assert [t.to_json() for t in terms] == [{"source": "memorandum", "translations": ["覚書"],
                                             "do_not_translate": False, "note": "", "where": "glossary/ja.csv:4"}]
    with pytest.raises(NotFound, match="no segment"):
        segment_terms(demo, "demo", "ja", "0" * 12)
    with pytest.raises(NotFound, match="has no Russian catalog"):
        segment_terms(demo, "demo", "ru", keys[2])
