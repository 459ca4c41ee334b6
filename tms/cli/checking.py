"""``tms check``: the quality checks over catalogs, as text for people or JSON for programs."""
from __future__ import annotations

import json

import click

from tms.checks.base import CheckSummary, Severity
from tms.cli.common import language_codes
from tms.cli.main import get_project
from tms.services.checking import check_project, glossary_problems, has_errors


def _excerpt(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command("check")
@click.argument("ids", nargs=-1)
@click.option("--lang", "langs", multiple=True, callback=language_codes,
              help="Only these languages (repeat, or separate with commas).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for other programs.")
@click.pass_context
def check_command(ctx: click.Context, ids: tuple[str, ...], langs: list[str] | None, fmt: str) -> None:
    """Run the quality checks over translated segments; exit 1 if any error is found."""
    project = get_project(ctx)
    findings = check_project(project, ids, langs or ())
    broken = glossary_problems(project, langs or ())
    summary = CheckSummary.of(findings)
    summary.errors += len(broken)
    if broken:
        summary.by_check["glossary"] = len(broken)
    if fmt == "json":
        click.echo(json.dumps({"findings": [f.to_dict() for f in findings],
                               "glossary_errors": broken,
                               "summary": {"errors": summary.errors, "warnings": summary.warnings,
                                           "by_check": summary.by_check}},
                              ensure_ascii=False, indent=2))
    else:
        for problem in broken:
            where, _, why = problem.partition(": ")
            click.echo(f"{where}: {click.style('error', fg='red')} [glossary] {why} (the file is left out of "
                       "the checks until it is fixed)")
        for f in findings:
            colour = "red" if f.severity is Severity.ERROR else "yellow"
            where = project.relative(project.po_path(f.article_id, f.language))
            click.echo(f"{where}: {click.style(f.severity.value, fg=colour)} [{f.check_id}] "
                       f"{f.reference or f.unit_key}: {f.message}")
            click.echo(f"    source: {_excerpt(f.source)}")
            click.echo(f"    target: {_excerpt(f.target)}")
        if findings or broken:
            click.echo(f"{summary.errors} error(s), {summary.warnings} warning(s)")
        else:
            click.echo("no problems found")
    if has_errors(findings) or broken:
        ctx.exit(1)


COMMANDS = (check_command,)
