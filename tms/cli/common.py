"""Helpers shared by ``tms compile`` and ``tms status``: the ``--lang`` option and progress bars."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from tms.errors import InputError
from tms.languages import parse_codes

#: Runs over at least this many catalogs to read show a progress bar.
PROGRESS_THRESHOLD = 50


def language_codes(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str] | None:
    """Click callback: ``--lang ja --lang zh`` or ``--lang ja,zh``; an unknown code is a usage error (exit 2)."""
    try:
        codes = [code for value in values for code in parse_codes(value)]
    except InputError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    return codes or None


@contextlib.contextmanager
def progress_bar(description: str) -> Iterator:
    """A ``progress(done, total)`` callback that shows a rich bar on a terminal once the work is long."""
    console = Console(stderr=True)
    shown: dict = {}

    def report(done: int, total: int) -> None:
        if total < PROGRESS_THRESHOLD or not console.is_terminal:
            return
        if not shown:
            bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                           TimeRemainingColumn(), console=console, transient=True)
            bar.start()
            shown.update(bar=bar, task=bar.add_task(description, total=total))
        shown["bar"].update(shown["task"], completed=done, total=total)

    try:
        yield report
    finally:
        if shown:
            shown["bar"].stop()
