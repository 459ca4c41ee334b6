"""The checks of what ``msgfmt -c`` checks agree with it: a catalog they pass, msgfmt -c passes, and each
problem msgfmt -c reports is found."""
from __future__ import annotations

import subprocess

import pytest

from tests.conftest import gettext_tool
from tms.checks.base import CheckContext
from tms.checks.gettext import FormatCheck, NewlinesCheck, PluralFormsCheck, nplurals
from tms.model import SegmentState, Unit

KO = CheckContext("en", "ko", nplurals=1)
DE = CheckContext("en", "de", nplurals=2)


def unit(source, target="", *, plural=None, forms=None, flags=()):
    return Unit(source, target, state=SegmentState.TRANSLATED, source_plural=plural, plural_targets=forms or {},
                flags=list(flags))


# (unit, context, check, is a problem) — each also run through msgfmt -c below
CASES = [
    (unit("%d file", plural="%d files", forms={0: "%d Datei", 1: "%d Dateien"}, flags=["c-format"]), DE, PluralFormsCheck, False),
    (unit("%d file", plural="%d files", forms={0: "파일 %d개", 1: "파일 %d개"}, flags=["c-format"]), KO, PluralFormsCheck, True),
    (unit("%d file", plural="%d files", forms={0: "%d Datei"}, flags=["c-format"]), DE, PluralFormsCheck, True),
    (unit("%s has %d items", "%s hat %d Dinge", flags=["c-format"]), DE, FormatCheck, False),
    (unit("%s has %d items", "%d Dinge hat %s", flags=["c-format"]), DE, FormatCheck, True),
    (unit("%s has %d items", "%s hat Dinge", flags=["c-format"]), DE, FormatCheck, True),
    (unit("%1$s has %2$d items", "%2$d Dinge hat %1$s", flags=["c-format"]), DE, FormatCheck, False),
    (unit("%(name)s has %(count)d items", "%(count)d Dinge hat %(name)s", flags=["python-format"]), DE, FormatCheck, False),
    (unit("%(name)s has %(count)d items", "%(name)s hat %(anzahl)d Dinge", flags=["python-format"]), DE, FormatCheck, True),
    (unit("%(name)s has %(count)d items", "%(name)s hat Dinge", flags=["python-format"]), DE, FormatCheck, True),
    (unit("100% sure", "100% sicher"), DE, FormatCheck, False),          # no format flag: not format text
    (unit("Hello\n", "Hallo\n"), DE, NewlinesCheck, False),
    (unit("Hello", "\nHallo"), DE, NewlinesCheck, True),
    (unit("Hello", "Hallo\n"), DE, NewlinesCheck, True),
    (unit("\nHello", "Hallo"), DE, NewlinesCheck, True),
]


@pytest.mark.parametrize("case, context, check, is_problem", CASES)
def test_findings(case, context, check, is_problem):
    assert bool(check().check_unit(case, context)) is is_problem


def _po(case: Unit, context: CheckContext) -> str:
    from tms.model import Catalog
    from tms.storage.pofile import format_catalog

    forms = "nplurals=1; plural=0;" if context.nplurals == 1 else "nplurals=2; plural=(n != 1);"
    return format_catalog(Catalog("x", "de", "en", [case], {"Content-Type": "text/plain; charset=UTF-8",
                                                            "Plural-Forms": forms}))


@pytest.mark.parametrize("case, context, check, is_problem", CASES)
def test_msgfmt_c_agrees(tmp_path, case, context, check, is_problem):
    msgfmt = gettext_tool("msgfmt")
    path = tmp_path / "x.po"
    path.write_text(_po(case, context), encoding="utf-8")
    result = subprocess.run([msgfmt, "-c", "-o", str(tmp_path / "x.mo"), str(path)], capture_output=True, text=True)
    assert (result.returncode != 0) is is_problem, result.stderr


def test_nplurals_of_a_header():
    assert nplurals("nplurals=3; plural=(n%10==1 ? 0 : 1);") == 3 and nplurals("") is None
