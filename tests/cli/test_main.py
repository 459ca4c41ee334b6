"""The tms group: lazy loading of commands, their list in --help, and the summaries kept in step."""
from __future__ import annotations

import importlib
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tms.cli.main import COMMANDS, cli


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_summary_is_the_first_sentence_of_its_command(name):
    module_name, _, attr = COMMANDS[name][0].partition(":")
    command = getattr(importlib.import_module(module_name), attr)
    assert command.get_short_help_str(limit=1000) == COMMANDS[name][1]


def test_help_lists_every_command_without_importing_any():
    code = ("import sys; from tms.cli.main import main; sys.argv = ['tms', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'huey', "
            "'deep_translator', 'translate', 'rich') or m.startswith('tms.cli.') and m != 'tms.cli.main')\n"
            "print('IMPORTED', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("IMPORTED []"), out
    for name in COMMANDS:
        assert f"\n  {name} " in out


def test_a_command_is_loaded_when_it_runs_and_its_own_help_is_complete():
    result = CliRunner().invoke(cli, ["status", "--help"])
    assert result.exit_code == 0
    assert "--fail-under" in result.output and "--format" in result.output


def test_an_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(cli, ["statu"])
    assert result.exit_code == 2 and "No such command 'statu'" in result.output
