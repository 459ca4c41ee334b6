"""Tab-separated bilingual memories: a header naming the languages, blank lines, and bad lines."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from tms.errors import InputError
from tms.memory.tabular import read_tabular

DATA = Path(__file__).resolve().parent.parent / "data" / "memory"


def test_lines_become_units_and_the_language_header_is_skipped():
    with (DATA / "briefings.tsv").open("rb") as stream:
        units = read_tabular(stream, "briefings.tsv", "ko", "en")
    assert [(u.source, u.target, u.line) for u in units] == [
        ("외교부 대변인 정례 브리핑", "Regular press briefing by the MOFA spokesperson", 2),
        ("한국 정부는 깊은 유감을 표명했다.", "The Korean government expressed deep regret.", 4)]
    assert {(u.source_lang, u.target_lang, u.origin) for u in units} == {("ko", "en", "briefings.tsv")}


@pytest.mark.parametrize("data, message", [
    ("하나.\tOne.\n둘.\n".encode(), "b.tsv:2: expected 2 tab-separated columns (ko, en), found 1"),
    ("하나.\tOne.\tEins.\n".encode(), "b.tsv:1: expected 2 tab-separated columns (ko, en), found 3"),
    ("하나.\tOne.\n\t Two.\n".encode(), "b.tsv:2: empty source cell"),
    ("하나.\t\n".encode(), "b.tsv:1: empty translation cell"),
    ("하나.\tOne.\n".encode("utf-16"), "b.tsv:1: not UTF-8"),
])
def test_a_bad_line_is_named(data, message):
    with pytest.raises(InputError) as caught:
        read_tabular(io.BytesIO(data), "b.tsv", "ko", "en")
    assert str(caught.value).startswith(message)
