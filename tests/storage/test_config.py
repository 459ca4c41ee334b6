"""Project settings: defaults, merging, errors, and one parse per version of the file."""
from __future__ import annotations

import pytest

from tms.errors import InputError
from tms.storage import config
from tms.storage.config import DEFAULTS, load_settings, write_default_settings
from tms.storage.files import atomic_write


def test_missing_file_means_defaults_and_the_template_says_the_same(tmp_path):
    path = tmp_path / "tms.toml"
    assert load_settings(path) == DEFAULTS
    assert write_default_settings(path) and not write_default_settings(path)
    assert load_settings(path) == DEFAULTS


def test_settings_merge_over_the_defaults(tmp_path):
    path = tmp_path / "tms.toml"
    path.write_text('[memory]\nthreshold = 80\n[engines.libre]\nurl = "http://127.0.0.1:5000"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings["memory"]["threshold"] == 80 and settings["prefill"] == DEFAULTS["prefill"]
    assert settings["engines"] == {"libre": {"url": "http://127.0.0.1:5000"}}


def test_each_version_is_parsed_once_and_callers_get_their_own_copy(tmp_path, monkeypatch):
    path = tmp_path / "tms.toml"
    path.write_text("[memory]\nthreshold = 80\n", encoding="utf-8")
    parsed = []
    real = config.tomllib.loads
    monkeypatch.setattr(config.tomllib, "loads", lambda text: parsed.append(text) or real(text))
    first = load_settings(path)
    first["memory"]["threshold"] = 1                     # a caller changing its copy
    assert load_settings(path)["memory"]["threshold"] == 80
    assert len(parsed) == 1
    atomic_write(path, "[memory]\nthreshold = 90\n")
    assert load_settings(path)["memory"]["threshold"] == 90 and len(parsed) == 2


@pytest.mark.parametrize("text, message", [("[memory\n", "fix the TOML syntax"), (b"\xff\xfe", "not UTF-8")])
def test_bad_files_say_what_and_where(tmp_path, text, message):
    path = tmp_path / "tms.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(InputError, match=message) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)
