"""Catalogs written by others, in GNU's canonical form, survive tms unchanged.

The catalogs are polib's and Babel's test files and Django's catalogs in tms's eleven languages, taken at
test time from the packages on PyPI (``pip download``, cached under the pytest cache folder; the tests are
skipped, saying why, where PyPI cannot be reached). Each file ``msgcat`` accepts is put in GNU's canonical
form by ``msgcat``; tms must then read it and write it back byte for byte, both whole (``format_catalog``)
and through a draft that changes one header field (only that line may differ). A property test writes
random catalogs and checks that ``msgcat`` leaves tms's output as it is and tms reads back what it wrote.
"""
from __future__ import annotations

import difflib
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import gettext_tool
from tms.model import Catalog, SegmentState, Unit
from tms.storage import catalogs
from tms.storage.pofile import decode_po, format_catalog, parse_catalog

#: name, version, pip options; pinned so that the set of catalogs does not change under the tests
PACKAGES = [("polib", "1.2.0", "--no-binary=:all:"), ("babel", "2.16.0", "--no-binary=:all:"),
            ("django", "5.1.4", "--only-binary=:all:")]
LANGUAGES = ("ko", "en", "ja", "zh_Hans", "ar", "es", "fr", "de", "ru", "vi", "id")


def _cache_folder(config) -> Path:
    cache = getattr(config, "cache", None)
    if cache is not None:
        return Path(cache.mkdir("tms-conformance"))
    folder = Path(tempfile.gettempdir()) / "tms-pytest-cache" / "conformance"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _download(folder: Path) -> list[Path]:
    archives = []
    for name, version, option in PACKAGES:
        found = [p for p in folder.iterdir() if p.name.lower().startswith(f"{name}-{version}")]
        if not found:
            result = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", option,
                                     f"{name}=={version}", "-d", str(folder)], capture_output=True, text=True,
                                    timeout=300)
            found = [p for p in folder.iterdir() if p.name.lower().startswith(f"{name}-{version}")]
            if result.returncode or not found:
                pytest.skip(f"cannot download {name} {version} from PyPI (offline?): "
                            f"{(result.stderr or result.stdout).strip().splitlines()[-1:]}")
        archives += found
    return archives


def _catalogs_in(archive: Path, out: Path) -> list[Path]:
    """The .po files of polib's and Babel's tests and of Django's catalogs in tms's languages."""
    wanted = []
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as whl:
            for name in whl.namelist():
                parts = name.split("/")
                if (name.endswith("/LC_MESSAGES/django.po") and parts[-3] in LANGUAGES
                        and (name.startswith("django/conf/locale/") or "/contrib/admin/locale/" in name)):
                    target = out / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(whl.read(name))
                    wanted.append(target)
    else:
        with tarfile.open(archive) as sdist:
            for member in sdist.getmembers():
                if member.isfile() and member.name.endswith(".po") and "/tests/" in member.name:
                    target = out / member.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(sdist.extractfile(member).read())
                    wanted.append(target)
    return wanted


@pytest.fixture(scope="module")
def canonical(request, tmp_path_factory) -> list[tuple[str, bytes]]:
    """(name, msgcat's output) of every outside catalog msgcat accepts."""
    msgcat = gettext_tool("msgcat")
    folder = _cache_folder(request.config)
    out = tmp_path_factory.mktemp("outside")
    files = [p for archive in _download(folder) for p in _catalogs_in(archive, out)]
    found = []
    for path in sorted(files):
        result = subprocess.run([msgcat, str(path)], capture_output=True)
        if result.returncode == 0 and result.stdout:
            found.append((str(path.relative_to(out)), result.stdout))
    assert len(found) > 40, f"only {len(found)} outside catalogs"
    return found


def test_outside_catalogs_in_gnu_form_are_written_back_byte_for_byte(canonical):
    wrong = []
    for name, data in canonical:
        text = decode_po(data, name)        # in its declared charset, relabelled UTF-8 where it was another
        if format_catalog(parse_catalog(text, name)) != text:
            wrong.append(name)
        elif b"charset=UTF-8" in data:
            assert text.encode("utf-8") == data
    assert not wrong, f"{len(wrong)} of {len(canonical)} changed by a read and a write: {wrong}"
    assert any(b"charset=UTF-8" not in data for _, data in canonical)     # polib's Latin-9 catalog, say


def test_outside_catalogs_change_by_one_line_when_one_header_field_changes(canonical, tmp_path):
    catalogs.forget()
    for index, (name, data) in enumerate(canonical):
        text = data.decode("utf-8", "replace")
        if "charset=UTF-8" not in text or "\nLast-Translator: " in text or '"Last-Translator: ' not in text:
            continue
        path = tmp_path / f"{index}.po"
        path.write_bytes(data)
        with catalogs.edit(path) as draft:
            draft.catalog.headers["Last-Translator"] = "Kim Min-ji <minji@example.kr>"
        before, after = text.splitlines(), path.read_text(encoding="utf-8").splitlines()
        hunks = list(difflib.SequenceMatcher(None, before, after, autojunk=False).get_grouped_opcodes(0))
        assert len(hunks) == 1, name                                # one change, one hunk
        (_, first, last, new_first, new_last), = [op for op in hunks[0] if op[0] != "equal"]
        changed = before[first:last] + after[new_first:new_last]
        assert all(line.startswith('"') for line in changed), name   # and it is in the header's msgstr
        assert '"Last-Translator: Kim Min-ji <minji@example.kr>\\n"' in after[new_first:new_last], name


def test_every_entry_comment_and_flag_of_outside_catalogs_survives_a_save_through_msgcat(canonical, tmp_path):
    msgcat = gettext_tool("msgcat")
    for index, (name, data) in enumerate(canonical[::4]):
        if b"charset=UTF-8" not in data:
            continue
        catalog = parse_catalog(data.decode("utf-8"), name)
        catalog.headers["PO-Revision-Date"] = "2026-12-03 10:00+0000"
        path = tmp_path / f"{index}.po"
        path.write_text(format_catalog(catalog), encoding="utf-8")
        again = subprocess.run([msgcat, str(path)], capture_output=True, check=True).stdout.decode("utf-8")
        assert parse_catalog(again, name) == catalog, name


# -- random catalogs -----------------------------------------------------------------------------------
hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_text = st.text(st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from('"\\\n\t ä語한글'), max_size=120)
_word = st.text(st.characters(min_codepoint=33, max_codepoint=0x2FFF, exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")) ,
                min_size=1, max_size=14).filter(lambda w: "," not in w)
# (not ending in a backslash: for GNU's reader that joins the next line to the comment)
_comment = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40).map(
    lambda c: c.strip().rstrip("\\").strip())


@st.composite
def _units(draw, index: int) -> Unit:
    unit = Unit(draw(_text) + f" {index}", context=draw(st.none() | _text))
    if draw(st.booleans()):
        unit.source_plural = draw(_text)
        unit.plural_targets = dict(enumerate(draw(st.lists(_text, min_size=1, max_size=3))))
        filled = all(unit.plural_targets.values())
    else:
        unit.target = draw(_text)
        filled = bool(unit.target)
    unit.state = draw(st.sampled_from([SegmentState.TRANSLATED, SegmentState.NEEDS_EDITING])) if filled \
        else SegmentState.UNTRANSLATED
    if unit.state is SegmentState.NEEDS_EDITING and draw(st.booleans()):
        unit.previous_source = draw(_text)
        unit.previous_context = draw(st.none() | _text)
    unit.comments = draw(st.lists(_comment, max_size=3))
    unit.extracted = draw(st.lists(_comment, max_size=2))
    # msgcat drops a repeated reference and rewrites "file:01" as "file:1": references are unique file names
    # (and none ends in a backslash, which GNU's reader takes for a line continuation, as for comments)
    unit.references = draw(st.lists(_word.filter(lambda w: ":" not in w and not w.endswith("\\")), unique=True,
                                    max_size=4))
    # in the order msgcat writes them (it sorts format flags)
    unit.flags = draw(st.sampled_from([[], ["c-format"], ["python-format"], ["no-wrap"], ["python-format", "no-wrap"]]))
    return unit


@st.composite
def _catalogs(draw) -> Catalog:
    units = [draw(_units(index)) for index in range(draw(st.integers(0, 6)))]
    headers = {"Project-Id-Version": "demo", "Language": "ko", "X-Source-Language": "en", "X-TMS-Article": "demo",
               "MIME-Version": "1.0",
               "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}
    catalog = Catalog("demo", "ko", "en", units, headers, header_comments=draw(st.lists(
        _comment.map(lambda c: f"# {c}" if c else "#"), max_size=3)), wrap_width=draw(st.sampled_from([0, 79])))
    return catalog


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_catalogs())
def test_random_catalogs_survive_read_write_and_msgcat(catalog):
    msgcat = gettext_tool("msgcat")
    text = format_catalog(catalog)
    again = parse_catalog(text, "x.po")
    assert again == catalog and format_catalog(again) == text
    if not catalog.units:
        return          # msgcat writes nothing for a catalog without messages
    options = [] if catalog.wrap_width else ["--no-wrap"]
    fd, name = tempfile.mkstemp(suffix=".po")
    try:
        os.write(fd, text.encode("utf-8"))
        os.close(fd)
        result = subprocess.run([msgcat, *options, name], capture_output=True)
    finally:
        os.unlink(name)
    assert result.returncode == 0, result.stderr.decode()
    assert parse_catalog(result.stdout.decode("utf-8"), "x.po") == catalog


def test_outside_catalogs_change_by_one_hunk_when_one_translation_changes(canonical, tmp_path):
    catalogs.forget()
    tried = 0
    for index, (name, data) in enumerate(canonical):
        if b"charset=UTF-8" not in data:
            continue
        path = tmp_path / f"{index}.po"
        path.write_bytes(data)
        catalog = catalogs.read(path)
        unit = next((u for u in catalog.active_units() if u.target and u.source_plural is None
                     and u.state is SegmentState.TRANSLATED and len(u.target) > 60), None)
        if unit is None:
            continue
        tried += 1
        with catalogs.edit(path) as draft:
            mine = draft.unit(unit.key)
            mine.target = mine.target[:40] + " (révisé) " + mine.target[40:]
        before, after = data.decode("utf-8").splitlines(), path.read_text(encoding="utf-8").splitlines()
        hunks = list(difflib.SequenceMatcher(None, before, after, autojunk=False).get_grouped_opcodes(0))
        assert len(hunks) == 1, name
        assert catalogs.read(path).find(unit.key).target.count(" (révisé) ") == 1
    assert tried > 20
