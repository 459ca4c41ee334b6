"""``tms prefill`` and ``tms worker`` through click's runner."""
from __future__ import annotations

from tests.memory.helpers import SENTENCES, write_article
from tms.cli.main import cli
from tms.model import SegmentState as S
from tms.storage.pofile import load_catalog


def run(runner, project, *args, **kwargs):
    return runner.invoke(cli, ["--root", str(project.root), *args], catch_exceptions=False, **kwargs)


def test_default_engine_on_the_seeds_says_the_memory_is_empty(runner, seeded_project):
    result = run(runner, seeded_project, "prefill")
    assert result.exit_code == 0, result.output
    assert "filled 0 of" in result.output
    assert "the translation memory holds no translated or approved entry" in result.output
    assert "--engine pseudo" in result.output


def test_pseudo_prefill_fills_and_reports(runner, seeded_project):
    result = run(runner, seeded_project, "prefill", "mofa", "--engine", "pseudo", "--lang", "ko,ja")
    assert result.exit_code == 0, result.output
    assert "saved 2 catalogs" in result.output
    catalog = load_catalog(seeded_project.po_path("mofa", "ja"))
    assert all(u.state is S.MACHINE for u in catalog.active_units())
    assert all(u.state is S.UNTRANSLATED for u in load_catalog(seeded_project.po_path("mofa", "fr")).units)


def test_dry_run_prints_a_table_and_changes_nothing(runner, project, libre_server, monkeypatch):
    monkeypatch.setenv("TMS_LIBRE_URL", libre_server.url)
    write_article(project, "a", SENTENCES, langs=("ko", "ja"))
    before = project.po_path("a", "ko").read_bytes()
    result = run(runner, project, "prefill", "--engine", "libre", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "nothing was sent or changed" in result.output
    header = next(line for line in result.output.splitlines() if "lang" in line)
    row = next(line for line in result.output.splitlines() if line.strip("│ ").startswith("ko"))
    cells = dict(zip([c.strip() for c in header.split("┃")[1:-1]], [c.strip() for c in row.split("│")[1:-1]]))
    assert cells == {"lang": "ko", "entries": "3", "engine": "3", "texts": "3", "chars": "72", "requests": "1"}
    assert libre_server.requests == [] and project.po_path("a", "ko").read_bytes() == before


def test_limit_and_libre_engine(runner, project, libre_server, monkeypatch):
    monkeypatch.setenv("TMS_LIBRE_URL", libre_server.url)
    write_article(project, "a", SENTENCES, langs=("ko",))
    result = run(runner, project, "prefill", "--engine", "libre", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert "filled 2 of 3 entries" in result.output and "in 1 requests" in result.output


def test_bad_arguments_exit_2_and_bad_settings_exit_1(runner, project):
    write_article(project, "a", SENTENCES, langs=("ko",))
    result = run(runner, project, "prefill", "--engine", "gogle")
    assert result.exit_code == 2 and "unknown engine 'gogle'; available: memory" in result.output
    result = run(runner, project, "prefill", "--lang", "xx")
    assert result.exit_code == 2 and "unknown language code 'xx'" in result.output
    project.config_path.write_text("[prefill]\nengine = \"deepl\"\n")
    result = run(runner, project, "prefill")
    assert result.exit_code == 1 and "'deepl' does not translate en→ko" in result.output
    result = run(runner, project, "prefill", "nope", "--engine", "pseudo")
    assert result.exit_code == 1 and "unknown article 'nope'" in result.output


def test_engine_failures_exit_1_after_saving_the_rest(runner, project, libre_server, monkeypatch):
    monkeypatch.setenv("TMS_LIBRE_URL", libre_server.url)
    monkeypatch.setenv("TMS_LIBRE_RETRIES", "0")
    monkeypatch.setenv("TMS_LIBRE_BATCH_LIMIT", "1")
    write_article(project, "a", SENTENCES, langs=("ko",))
    libre_server.script("500", "drop", "ok")
    result = run(runner, project, "prefill", "--engine", "libre")
    assert result.exit_code == 1
    assert "error: 1 entries not filled: libre: server error (HTTP 500)" in result.output
    assert "not filled: locales/ko/LC_MESSAGES/a.po" in result.output and "placeholder lost '27'" in result.output
    assert "filled 1 of 3 entries" in result.output


def test_an_interrupted_run_says_how_to_continue(runner, project, monkeypatch):
    write_article(project, "a", SENTENCES, langs=("ko",))

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("tms.cli.prefill.prefill", interrupted)
    result = run(runner, project, "prefill", "--engine", "pseudo")
    assert result.exit_code == 130 and "run the same command to continue" in result.output


def test_worker_is_registered(runner, project):
    result = run(runner, project, "worker", "--help")
    assert result.exit_code == 0 and "background prefill jobs" in result.output


def test_a_chain_prefills_what_its_engines_serve_and_names_the_rest(runner, seeded_project):
    from tests.mt.apy_server import require_apertium

    require_apertium()
    result = run(runner, seeded_project, "prefill", "--engine", "memory,apertium")
    assert result.exit_code == 0, result.output
    assert "prefill, engine memory,apertium" in result.output
    assert "apertium does not serve en→ar, en→de, en→id, en→ja, en→ko, en→ru, en→vi, en→zh: Debian has no " \
           "Apertium pair for it" in result.output
    assert "apertium translates en into es, fr (via es); not into ko, ja, zh, ar, de, ru, vi, id" in result.output
    french = load_catalog(seeded_project.po_path("mofa", "fr"))
    assert all(u.state is S.MACHINE and u.machine.pivot == "es" for u in french.active_units())


def test_apertium_alone_on_a_language_it_cannot_serve_fails_with_the_reason(runner, project):
    from tests.mt.apy_server import require_apertium

    require_apertium()
    write_article(project, "a", SENTENCES, langs=("es", "ko"))
    before = project.po_path("a", "es").read_bytes()
    result = runner.invoke(cli, ["--root", str(project.root), "prefill", "--engine", "apertium"])
    assert result.exit_code == 1
    assert "'apertium' does not translate en→ko" in result.output and "use another engine" in result.output
    assert project.po_path("a", "es").read_bytes() == before


def test_an_unknown_engine_in_a_chain_is_a_usage_error(runner, project):
    result = runner.invoke(cli, ["--root", str(project.root), "prefill", "--engine", "memory,apertum"])
    assert result.exit_code == 2 and "unknown engine 'apertum'" in result.output
