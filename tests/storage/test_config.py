"""Project settings: defaults, merging, errors, and one parse per version of the file."""
from __future__ import annotations

import pytest

from tms.errors import InputError
from tms.storage import config
from tms.storage.config import Settings, project_settings, write_default_settings
from tms.storage.files import atomic_write


def test_missing_file_means_defaults_and_the_template_says_the_same(tmp_path):
    path = tmp_path / "tms.toml"
    assert project_settings(path) == Settings()
    assert write_default_settings(path) and not write_default_settings(path)
    assert project_settings(path) == Settings()


def test_settings_merge_over_the_defaults(tmp_path):
    path = tmp_path / "tms.toml"
    path.write_text('[memory]\nthreshold = 80\n[engines.libre]\nurl = "http://127.0.0.1:5000"\n', encoding="utf-8")
    settings = project_settings(path)
    assert settings.memory.threshold == 80 and settings.prefill == Settings().prefill
    assert settings.engines == {"libre": {"url": "http://127.0.0.1:5000"}}


def test_each_version_is_parsed_once(tmp_path, monkeypatch):
    path = tmp_path / "tms.toml"
    path.write_text("[memory]\nthreshold = 80\n", encoding="utf-8")
    parsed = []
    real = config.tomllib.loads
    monkeypatch.setattr(config.tomllib, "loads", lambda text: parsed.append(text) or real(text))
    assert project_settings(path).memory.threshold == 80 and project_settings(path).memory.threshold == 80
    assert len(parsed) == 1
    atomic_write(path, "[memory]\nthreshold = 90\n")
    assert project_settings(path).memory.threshold == 90 and len(parsed) == 2


@pytest.mark.parametrize("text, message", [("[memory\n", "fix the TOML syntax"), (b"\xff\xfe", "not UTF-8")])
def test_bad_files_say_what_and_where(tmp_path, text, message):
    path = tmp_path / "tms.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(InputError, match=message) as caught:
        project_settings(path)
    assert str(path) in str(caught.value)


def test_settings_are_one_typed_object_built_once_per_version(tmp_path):
    path = tmp_path / "tms.toml"
    assert project_settings(path) == Settings() and project_settings(path).memory.threshold == 75.0
    path.write_text('[memory]\nthreshold = 80\n[publication]\nmax_unmodified_machine_percent_by_language = '
                    '{ ja = 50 }\n[catalogs]\nwrap = 79\n[render]\nlink_pattern = "/{lang}/{id}"\n', encoding="utf-8")
    settings = project_settings(path)
    assert project_settings(path) is settings                   # built once for this text
    assert settings.memory.threshold == 80.0 and settings.catalogs.wrap == 79
    assert settings.publication.machine_limit("ja") == 50.0 and settings.publication.machine_limit("de") == 95.0
    assert settings.section("render") == {"link_pattern": "/{lang}/{id}"}
    assert settings.checks.disabled == () and settings.checks.max_length_ratio == 3.0


@pytest.mark.parametrize("text, message", [
    ("[memory]\nthreshold = 150\n", r"\[memory\] threshold must be a number from 0 to 100, not 150"),
    ("[memory]\nthreshold = 'high'\n", r"\[memory\] threshold must be a number"),
    ("[memory]\nthreshhold = 80\n", r"unknown setting 'threshhold' in \[memory\]; known: threshold"),
    ("[checks]\nmax_length_ratio = 1\n", r"\[checks\] max_length_ratio must be a number above 1"),
    ("[checks]\ndisabled = 'length'\n", r"\[checks\] disabled must be a list of check ids"),
    ("[publication]\nmax_unmodified_machine_percent_by_language = { ja = 120 }\n", r"by_language.ja must be"),
    ("[catalogs]\nwrap = 5\n", r"\[catalogs\] wrap must be 79"),
    ("[import]\nmax_bytes = true\n", r"\[import\] max_bytes must be a number"),
    ("memory = 3\n", r"\[memory\] must be a table"),
])
def test_bad_values_are_refused_once_with_file_section_and_key(tmp_path, text, message):
    path = tmp_path / "tms.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        project_settings(path)
    assert str(caught.value).startswith(f"{path}: ")
