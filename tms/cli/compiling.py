"""``tms compile``: every catalog into the ``.mo`` file beside it, skipping those already current."""
from __future__ import annotations

import click

from tms.cli.common import language_codes, progress_bar
from tms.cli.main import get_project
from tms.model import CatalogStats, SegmentState
from tms.services.compiling import COMPILED, CURRENT, REFUSED, compile_catalogs

SHOWN_FINDINGS = 10


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def describe_counts(stats: CatalogStats) -> str:
    """The counts in ``msgfmt --statistics`` wording."""
    def segments(*states: SegmentState) -> int:
        return sum(stats.by_state[state].segments for state in states)

    parts = [_plural(segments(SegmentState.TRANSLATED, SegmentState.APPROVED),
                     "translated message", "translated messages")]
    fuzzy = segments(SegmentState.MACHINE, SegmentState.NEEDS_EDITING)
    if fuzzy:
        parts.append(_plural(fuzzy, "fuzzy translation", "fuzzy translations"))
    untranslated = segments(SegmentState.UNTRANSLATED)
    if untranslated:
        parts.append(_plural(untranslated, "untranslated message", "untranslated messages"))
    return ", ".join(parts) + "."


@click.command("compile")
@click.argument("ids", nargs=-1)
@click.option("--lang", "langs", multiple=True, callback=language_codes,
              help="Only these languages (repeat, or ja,zh); default all.")
@click.option("--use-fuzzy", is_flag=True,
              help="Also compile machine translations and segments needing edits, as msgfmt --use-fuzzy does.")
@click.option("--statistics", is_flag=True, help="Print each catalog's counts, as msgfmt --statistics does.")
@click.option("--check", is_flag=True,
              help="Run the quality checks first (see 'tms check'); catalogs with errors are not compiled.")
@click.option("--force", is_flag=True, help="Compile catalogs whose .mo file is already current, too.")
@click.pass_context
def compile_command(ctx: click.Context, ids: tuple[str, ...], langs: list[str] | None, use_fuzzy: bool,
                    statistics: bool, check: bool, force: bool) -> None:
    """Compile catalogs into .mo files beside them (locales/LANG/LC_MESSAGES/ID.mo), as msgfmt does."""
    project = get_project(ctx)
    with progress_bar("compiling") as progress:
        results = compile_catalogs(project, ids or None, langs, use_fuzzy=use_fuzzy, check=check, force=force,
                                   statistics=statistics, progress=progress)
    for result in results:
        name = f"{result.language}/{result.article_id}"
        if result.action == COMPILED:
            click.echo(f"compiled {project.relative(result.mo_path)}")
        if statistics and result.stats is not None:
            click.echo(f"{name}: {describe_counts(result.stats)}")
        if result.action == REFUSED:
            _report_refusal(name, result.findings)
    counts = {action: sum(1 for r in results if r.action == action) for action in (COMPILED, CURRENT, REFUSED)}
    summary = f"{counts[COMPILED]} compiled, {counts[CURRENT]} already current"
    if counts[REFUSED]:
        summary += f", {counts[REFUSED]} refused by the checks"
    click.echo(summary if results else "no catalogs to compile", err=True)
    if counts[REFUSED]:
        ctx.exit(1)


def _report_refusal(name: str, findings: list) -> None:
    click.echo(f"refused {name}: {_plural(len(findings), 'error', 'errors')} (see 'tms check')", err=True)
    for finding in findings[:SHOWN_FINDINGS]:
        where = f"{finding.reference}: " if finding.reference else ""
        click.echo(f"  {where}[{finding.check_id}] {finding.message}", err=True)
    if len(findings) > SHOWN_FINDINGS:
        click.echo(f"  ... and {len(findings) - SHOWN_FINDINGS} more", err=True)



COMMANDS = (compile_command,)
