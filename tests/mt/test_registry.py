"""The engine registry, the settings from tms.toml and the environment, and each engine's language map."""
from __future__ import annotations

import pytest

from tms.errors import InputError
from tms.languages import CODES
from tms.mt.registry import available, engine_settings, env_variable, get_engine


def test_an_unknown_engine_names_the_available_ones():
    with pytest.raises(InputError, match=r"unknown engine 'gogle'; available: memory, pseudo, libre, google"):
        get_engine("gogle")


def test_papago_is_refused_with_the_reason():
    with pytest.raises(InputError, match="Papago wrapper sends language names"):
        get_engine("papago")


def test_every_issue_engine_is_offered():
    assert {"memory", "pseudo", "libre", "google", "microsoft", "mymemory", "deepl", "yandex", "baidu"} <= set(available())


@pytest.mark.parametrize("name, lang, code", [
    ("google", "zh", "zh-CN"), ("mymemory", "ko", "ko-KR"), ("mymemory", "zh", "zh-CN"),
    ("microsoft", "zh", "zh-Hans"), ("baidu", "ko", "kor"), ("baidu", "ja", "jp"), ("baidu", "vi", "vie"),
    ("yandex", "zh", "zh"), ("libre", "id", "id"), ("deepl", "ja", "ja"),
])
def test_language_maps(name, lang, code):
    assert get_engine(name).code_for(lang) == code


@pytest.mark.parametrize("name, missing", [("deepl", {"ko", "ar", "vi"}), ("baidu", {"id"}), ("google", set()),
                                           ("mymemory", set()), ("libre", set()), ("pseudo", set())])
def test_languages_not_served(name, missing):
    engine = get_engine(name)
    assert {code for code in CODES if engine.code_for(code) is None} == missing


def test_settings_come_from_the_table_and_the_environment_wins():
    table = {"url": "http://mt.example.internal:5000", "batch_limit": 20}
    environ = {"TMS_LIBRE_URL": "http://10.0.0.5:5000", "TMS_LIBRE_API_KEY": "k", "TMS_OTHER_URL": "x"}
    config = engine_settings("libre", table, environ)
    assert config == {"url": "http://10.0.0.5:5000", "batch_limit": 20, "api_key": "k"}
    engine = get_engine("libre", **config)
    assert engine.max_texts_per_request == 20 and engine.settings["api_key"] == "k"


def test_env_values_are_converted_and_checked():
    engine = get_engine("deepl", **engine_settings("deepl", {}, {"TMS_DEEPL_USE_FREE_API": "no",
                                                                 "TMS_DEEPL_TIMEOUT": "5"}))
    assert engine.settings["use_free_api"] is False and engine.settings["timeout"] == 5.0
    with pytest.raises(InputError, match="use_free_api = 'maybe' is not a valid bool"):
        get_engine("deepl", **engine_settings("deepl", {}, {"TMS_DEEPL_USE_FREE_API": "maybe"}))
    codes = engine_settings("libre", {}, {"TMS_LIBRE_CODES": "zh=zh-Hans, ko=ko"})
    assert get_engine("libre", **codes).code_for("zh") == "zh-Hans"


def test_an_unknown_setting_in_the_file_is_named():
    with pytest.raises(InputError, match=r"tms.toml \[engines.libre\]: unknown setting 'ulr'; known: .*url"):
        engine_settings("libre", {"ulr": "http://x"}, {})


def test_env_variable_names():
    assert env_variable("deepl", "api_key") == "TMS_DEEPL_API_KEY"
    assert env_variable("deep-libre", "url") == "TMS_DEEP_LIBRE_URL"
