"""Suggestions for one segment: memory matches, machine translations, and errors."""
from __future__ import annotations

import pytest

from tests.memory.helpers import unit, write_article
from tms.errors import EngineError, NotFound
from tms.model import SegmentState as S
from tms.services.suggestions import Suggestion, editor_suggestions, suggest



@pytest.fixture
def memory_project(project):
    done = {"ko": {"The minister visited Seoul on Monday.": ("장관은 월요일에 서울을 방문했다.", S.APPROVED),
                   "Exports rose in 2016.": ("2016년 수출이 늘었다.", S.TRANSLATED)}}
    write_article(project, "old", list(done["ko"]), langs=("ko",), done=done)
    write_article(project, "new", ["The minister visited Busan on Monday.", "Exports rose in 2017.",
                                   "Exports rose in 2016.", "Nothing like it at all."], langs=("ko",))
    return project


def key(source):
    return unit(source).key


def test_memory_suggestions_with_scores(memory_project):
    [s] = suggest(memory_project, "new", "ko", key("The minister visited Busan on Monday."))
    assert s.engine == "memory" and 75 <= s.score < 100
    assert s.text == "장관은 월요일에 서울을 방문했다." and s.source == "The minister visited Seoul on Monday."
    assert s.origin == "old"
    assert suggest(memory_project, "new", "ko", key("Exports rose in 2016.")) == [
        Suggestion("2016년 수출이 늘었다.", 100.0, "memory", "Exports rose in 2016.", "old")]
    assert suggest(memory_project, "new", "ko", key("Exports rose in 2017."))[0].text == "2017년 수출이 늘었다."
    assert suggest(memory_project, "new", "ko", key("Nothing like it at all.")) == []


def test_a_segment_is_not_suggested_to_itself(memory_project):
    assert suggest(memory_project, "old", "ko", key("Exports rose in 2016.")) == []


def test_machine_suggestions_come_after_memory(memory_project, libre_server, monkeypatch):
    monkeypatch.setenv("TMS_LIBRE_URL", libre_server.url)
    found = suggest(memory_project, "new", "ko", key("Exports rose in 2016."), engines=("memory", "libre", "pseudo"))
    assert [s.engine for s in found] == ["memory", "libre", "pseudo"]
    assert found[1] == Suggestion("ko: Exports rose in 2016.", None, "libre")
    again = suggest(memory_project, "new", "ko", key("Exports rose in 2016."), engines=("libre",))
    assert again == [found[1]] and len(libre_server.requests) == 1     # the second came from the cache


def test_a_failing_engine_raises_or_is_skipped(memory_project, libre_server, monkeypatch):
    monkeypatch.setenv("TMS_LIBRE_URL", libre_server.url)
    monkeypatch.setenv("TMS_LIBRE_RETRIES", "0")
    libre_server.script("500", "500")
    with pytest.raises(EngineError, match="HTTP 500"):
        suggest(memory_project, "new", "ko", key("Exports rose in 2016."), engines=("libre",))
    found = suggest(memory_project, "new", "ko", key("Exports rose in 2016."), engines=("memory", "libre"),
                    skip_failed=True)
    assert [s.engine for s in found] == ["memory"]


def test_the_editor_gets_memory_matches_and_on_request_the_projects_engine(memory_project, libre_server,
                                                                          monkeypatch):
    segment = key("Exports rose in 2016.")
    plain = editor_suggestions(memory_project, "new", "ko", segment)
    assert [s.text for s in plain.memory] == ["2016년 수출이 늘었다."] and plain.machine is None
    assert plain.error is None and plain.engine == "memory"
    asked = editor_suggestions(memory_project, "new", "ko", segment, with_machine=True)
    assert asked.machine is None and asked.error.startswith("no machine-translation engine is configured")
    memory_project.config_path.write_text('[prefill]\nengine = "libre"\n', encoding="utf-8")
    monkeypatch.setenv("TMS_LIBRE_URL", libre_server.url)
    monkeypatch.setenv("TMS_LIBRE_RETRIES", "0")
    asked = editor_suggestions(memory_project, "new", "ko", segment, with_machine=True)
    assert asked.machine == Suggestion("ko: Exports rose in 2016.", None, "libre") and asked.error is None
    libre_server.script("500")
    failed = editor_suggestions(memory_project, "new", "ko", key("Exports rose in 2017."), with_machine=True)
    assert failed.machine is None and failed.error.startswith("libre: ") and "HTTP 500" in failed.error
    assert [s.text for s in failed.memory] == ["2017년 수출이 늘었다."]   # a failing engine keeps the memory's answer


def test_unknown_segments_and_catalogs_are_not_found(memory_project):
    with pytest.raises(NotFound, match="no segment 'nope'"):
        suggest(memory_project, "new", "ko", "nope")
    with pytest.raises(NotFound, match="article .new. has no Japanese catalog"):
        suggest(memory_project, "new", "ja", key("Exports rose in 2016."))
    with pytest.raises(NotFound, match="unknown article 'gone'"):
        suggest(memory_project, "gone", "ko", "x")


def test_with_a_chain_the_machine_suggestion_comes_from_the_engines_after_the_memory(memory_project):
    from tests.mt.apy_server import require_apertium

    require_apertium()
    memory_project.config_path.write_text('[prefill]\nengine = ["memory", "apertium"]\n', encoding="utf-8")
    write_article(memory_project, "es-article", ["The government will announce new measures."], langs=("es",))
    found = editor_suggestions(memory_project, "es-article", "es", key("The government will announce new measures."),
                               with_machine=True)
    assert found.engine == "memory,apertium" and found.error is None
    assert found.machine.engine == "apertium" and "gobierno" in found.machine.text and found.machine.pivot == ""
    write_article(memory_project, "fr-article", ["The government will announce new measures."], langs=("fr",))
    french = editor_suggestions(memory_project, "fr-article", "fr", key("The government will announce new measures."),
                                with_machine=True)
    assert french.machine.engine == "apertium" and french.machine.pivot == "es"    # en→es→fr: no en-fr pair
    korean = editor_suggestions(memory_project, "new", "ko", key("Nothing like it at all."), with_machine=True)
    assert korean.machine is None
    assert korean.error.startswith("apertium: engine 'apertium' does not translate en→ko")
