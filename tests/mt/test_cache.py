"""The persistent machine-translation cache."""
from __future__ import annotations

import pytest

from tms.errors import TmsError
from tms.mt.cache import MtCache, cache_key


def test_rows_persist_across_instances(tmp_path):
    path = tmp_path / "state" / "mt.sqlite3"
    MtCache(path).put_many("engine-a", "en", "ko", [("Hello.", "안녕하세요.", None), ("Bye.", "안녕.", 90.0)])
    cache = MtCache(path)
    assert cache.get_many("engine-a", "en", "ko", ["Hello.", "Bye.", "Other."]) == {
        "Hello.": ("안녕하세요.", None), "Bye.": ("안녕.", 90.0)}
    assert len(cache) == 2


def test_keys_separate_engines_and_languages(tmp_path):
    cache = MtCache(tmp_path / "mt.sqlite3")
    cache.put_many("engine-a", "en", "ko", [("Hello.", "안녕하세요.", None)])
    assert cache.get_many("engine-b", "en", "ko", ["Hello."]) == {}
    assert cache.get_many("engine-a", "en", "ja", ["Hello."]) == {}
    assert cache_key("a", "en", "ko", "x") != cache_key("a", "en", "ko", "x ")


def test_many_lookups_at_once(tmp_path):
    cache = MtCache(tmp_path / "mt.sqlite3")
    cache.put_many("e", "en", "fr", [(f"text {n}", f"texte {n}", None) for n in range(1200)])
    found = cache.get_many("e", "en", "fr", [f"text {n}" for n in range(0, 1300, 1)])
    assert len(found) == 1200


def test_a_broken_cache_file_is_a_clear_error(tmp_path):
    path = tmp_path / "mt.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(TmsError, match="cannot open the translation cache"):
        MtCache(path).get_many("e", "en", "fr", ["x"])
