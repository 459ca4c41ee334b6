"""``tms prefill`` and ``tms worker``."""
from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tms.cli.common import language_codes
from tms.cli.main import get_project
from tms.errors import InputError
from tms.mt.registry import available, engine_class, engine_names
from tms.services.jobs import run_worker
from tms.services.prefill import PrefillReport, prefill

SHOWN_REJECTIONS = 20


def _engine(ctx, param, value: str | None) -> str | None:
    if value is not None:
        try:
            return ",".join(engine_names(value))
        except InputError as exc:
            raise click.BadParameter(str(exc)) from None
    return value


@click.command("prefill")
@click.argument("ids", nargs=-1)
@click.option("--lang", "langs", multiple=True, callback=language_codes,
              help="Target language (repeat, or ja,zh); default: every catalog of the articles.")
@click.option("--engine", callback=_engine,
              help=f"Engine, or a chain asked in order such as memory,apertium: {', '.join(available())} "
                   "(default: [prefill] engine in tms.toml, else memory).")
@click.option("--dry-run", is_flag=True, help="Count what would be sent and what comes free; change nothing.")
@click.option("--limit", type=click.IntRange(min=0), help="Fill at most N entries in this run.")
@click.option("--no-memory", is_flag=True, help="Do not take exact memory matches before asking the engine.")
@click.pass_context
def prefill_command(ctx: click.Context, ids: tuple[str, ...], langs: list[str] | None, engine: str | None,
                    dry_run: bool, limit: int | None, no_memory: bool) -> None:
    """Fill untranslated entries with machine translation, marked as machine output."""
    project = get_project(ctx)
    out = Console(highlight=False, soft_wrap=True)
    if dry_run:
        report = prefill(project, ids, langs or (), engine, limit=limit, dry_run=True, use_memory=not no_memory)
        _show_plan(out, report)
        return
    err = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=err, transient=True) as bar:
            task = bar.add_task("prefill", total=None)

            def progress(done: int, total: int, message: str) -> None:
                bar.update(task, completed=done, total=total, description=message[:60])

            report = prefill(project, ids, langs or (), engine, limit=limit, use_memory=not no_memory,
                             progress=progress)
    except KeyboardInterrupt:
        click.echo("interrupted: the catalogs finished so far are saved; run the same command to continue",
                   err=True)
        sys.exit(130)
    _show_run(out, report, any(engine_class(name).is_remote for name in report.engine.split(",")))
    if report.failures:
        ctx.exit(1)


def _table(title: str, rows: dict[str, list[int | str]], columns: list[str], always: int) -> Table:
    """A table of the columns that have something to say: the first ``always`` columns, then non-zero ones."""
    keep = [i for i, _ in enumerate(columns)
            if i < always or any(str(row[i]) not in ("0", "") for row in rows.values())]
    table = Table(title=title, title_justify="left")
    table.add_column("lang", no_wrap=True)
    for i in keep:
        table.add_column(columns[i], justify="right", no_wrap=True, min_width=len(columns[i]))
    for lang, row in sorted(rows.items()):
        table.add_row(lang, *(str(row[i]) for i in keep))
    return table


def _show_plan(out: Console, report: PrefillReport) -> None:
    if not report.languages:
        out.print("nothing to prefill: every entry of the chosen catalogs is filled")
        return
    columns = ["entries", "memory", "cache", "copied", "engine", "texts", "chars", "requests", "no match",
               "refused"]
    rows = {lang: [r.segments - r.skipped, r.memory, r.cached, r.copied, r.translated, r.texts, f"{r.chars:,}",
                   r.requests, r.no_match, r.rejected] for lang, r in report.languages.items()}
    out.print(_table(f"dry run, engine {report.engine}: nothing was sent or changed", rows, columns, 1))
    out.print("memory, cache, copied: entries filled for free; engine: entries left for the engine; "
              "texts, chars: what would be sent, each distinct text once (chars are what a paid engine bills)")
    _show_passed_over(out, report)
    _show_memory_note(out, report)


def _show_run(out: Console, report: PrefillReport, is_remote: bool) -> None:
    if not report.languages:
        out.print("nothing to prefill: every entry of the chosen catalogs is filled")
        return
    columns = ["entries", "filled", "memory", "cache", "engine", "copied", "no match", "rejected", "failed",
               "skipped", "no engine"]
    rows = {lang: [r.segments + r.unserved, r.filled, r.memory, r.cached, r.translated, r.copied, r.no_match,
                   r.rejected, r.failed, r.skipped, r.unserved] for lang, r in report.languages.items()}
    out.print(_table(f"prefill, engine {report.engine}", rows, columns, 2))
    line = f"filled {report.filled} of {report.segments} entries; saved {len(report.saved)} catalogs"
    if is_remote:
        sent = sum(r.texts for r in report.languages.values())
        chars = sum(r.chars for r in report.languages.values())
        line += f"; sent {sent} texts ({chars:,} characters) in {report.requests} requests"
    out.print(line)
    if report.changed_meanwhile:
        out.print(f"{report.changed_meanwhile} entries were filled by someone else meanwhile and left alone")
    for rejection in report.rejections[:SHOWN_REJECTIONS]:
        out.print(f"not filled: {rejection.where}: {rejection.source[:60]!r}: {rejection.reason}")
    if len(report.rejections) > SHOWN_REJECTIONS:
        out.print(f"... and {len(report.rejections) - SHOWN_REJECTIONS} more entries not filled")
    for reason, count in report.failures.items():
        click.echo(f"error: {count} entries not filled: {reason}", err=True)
    _show_passed_over(out, report)
    _show_memory_note(out, report)


def _show_passed_over(out: Console, report: PrefillReport) -> None:
    """Per engine of a chain, the pairs it did not serve and why; then what each engine serves."""
    by_reason: dict[tuple[str, str], list[str]] = {}
    for pair, engines in report.passed_over.items():
        for name, why in engines.items():
            by_reason.setdefault((name, why), []).append(pair)
    for (name, why), pairs in by_reason.items():
        out.print(f"{name} does not serve {', '.join(pairs)}: {why}")
    for line in report.coverage:
        out.print(line)
    unserved = sorted(lang for lang, r in report.languages.items() if r.unserved)
    if unserved:
        out.print(f"no engine of {report.engine} serves {', '.join(unserved)}: those entries stay untranslated")


def _show_memory_note(out: Console, report: PrefillReport) -> None:
    for problem in report.memory_problems:
        out.print(f"warning: the memory skipped {problem}")
    no_match = sum(r.no_match for r in report.languages.values())
    if "memory" not in report.engine.split(",") or not no_match:
        return
    if not any(report.memory_entries.values()):
        out.print(f"the translation memory holds no translated or approved entry for these languages yet, so "
                  f"it matched none of the {no_match} entries; translate or approve some segments first, or "
                  "prefill with --engine pseudo (layout check) or --engine libre (a LibreTranslate server)")
    else:
        sizes = ", ".join(f"{pair}: {n}" for pair, n in report.memory_entries.items())
        out.print(f"{no_match} entries had no memory match at or above the threshold (memory entries {sizes})")


@click.command("worker")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Jobs run at the same time.")
@click.option("--worker-type", type=click.Choice(["thread", "process"]), default="thread", show_default=True)
@click.pass_context
def worker_command(ctx: click.Context, workers: int, worker_type: str) -> None:
    """Run background prefill jobs queued from the web UI, until interrupted."""
    project = get_project(ctx)
    click.echo(f"tms worker: {workers} {worker_type} worker(s) for {project.root}; Ctrl-C stops", err=True)
    run_worker(project, workers=workers, worker_type=worker_type)


COMMANDS = (prefill_command, worker_command)
