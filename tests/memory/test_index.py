"""The memory index under .tms/, refreshed when catalogs change."""
from __future__ import annotations

import os

from tests.memory.helpers import unit, write_catalog
from tms.memory import load_memory
from tms.memory.index import MemoryIndex
from tms.model import SegmentState as S
from tms.storage.pofile import load_catalog


def test_only_translated_and_approved_entries_are_remembered(project):
    write_catalog(project, "a", "ko", [unit("One.", "하나.", S.TRANSLATED), unit("Two.", "둘.", S.APPROVED),
                                       unit("Three.", "셋.", S.MACHINE), unit("Four.", "넷.", S.NEEDS_EDITING),
                                       unit("Five."), unit("Six.", "여섯.", S.TRANSLATED, is_obsolete=True)])
    memory, report = load_memory(project)
    assert report.read == 1 and report.catalogs == 1
    assert sorted(e.source for e in MemoryIndex(project).entries("en", "ko")) == ["One.", "Two."]
    assert memory.best("Two.", "en", "ko").target == "둘."
    assert (project.state_dir / "memory.sqlite3").is_file()


def test_refresh_rereads_only_changed_catalogs_and_forgets_deleted_ones(project):
    a = write_catalog(project, "a", "ko", [unit("One.", "하나.", S.TRANSLATED)])
    b = write_catalog(project, "b", "ko", [unit("Two.", "둘.", S.TRANSLATED)])
    index = MemoryIndex(project)
    assert index.refresh().read == 2
    assert index.refresh().read == 0
    write_catalog(project, "a", "ko", [unit("One.", "일.", S.TRANSLATED)])
    os.utime(a, ns=(1, 1))          # even with an old time stamp, the size changed
    assert index.refresh().read == 1
    b.unlink()
    report = index.refresh()
    assert report.removed == 1 and report.read == 0
    assert [(e.source, e.target) for e in index.entries("en", "ko")] == [("One.", "일.")]


def test_a_broken_catalog_is_reported_and_the_rest_still_serves(project):
    write_catalog(project, "a", "ko", [unit("One.", "하나.", S.TRANSLATED)])
    broken = project.po_path("b", "ko")
    broken.write_text('msgid "x"\nmsgstr "y"\nmsgid', encoding="utf-8")
    memory, report = load_memory(project)
    assert len(report.problems) == 1 and report.problems[0].startswith("locales/ko/LC_MESSAGES/b.po")
    assert memory.best("One.", "en", "ko").target == "하나."
    assert MemoryIndex(project).refresh().problems == report.problems     # still reported, not re-read


def test_note_saved_spares_a_reread(project):
    path = write_catalog(project, "a", "ko", [unit("One.", "하나.", S.TRANSLATED)])
    index = MemoryIndex(project)
    index.refresh()
    catalog = load_catalog(path)
    catalog.units.append(unit("Two.", "둘.", S.TRANSLATED))
    write_catalog(project, "a", "ko", catalog.units)
    index.note_saved([(path, path.stat().st_mtime_ns, path.stat().st_size, load_catalog(path))])
    assert index.refresh().read == 0
    assert len(index.entries("en", "ko")) == 2


def test_threshold_comes_from_tms_toml(project):
    project.config_path.write_text("[memory]\nthreshold = 90\n", encoding="utf-8")
    memory, _ = load_memory(project)
    assert memory.threshold == 90


def test_preloaded_catalogs_are_not_read_again(project, monkeypatch):
    path = write_catalog(project, "a", "ko", [unit("One.", "하나.", S.TRANSLATED)])
    catalog = load_catalog(path)
    monkeypatch.setattr("tms.memory.index.load_catalog", lambda p: (_ for _ in ()).throw(AssertionError(p)))
    st = path.stat()
    memory, report = load_memory(project, preloaded={path: (st.st_mtime_ns, st.st_size, catalog)})
    assert report.read == 1 and memory.best("One.", "en", "ko").target == "하나."
