"""``tms status``: where each article stands in each language, as a terminal dashboard, JSON or CSV."""
from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Sequence

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tms.cli.common import language_codes, progress_bar
from tms.cli.main import get_project
from tms.languages import CODES, get_language
from tms.model import CatalogStats, PublicationStatus, SegmentState
from tms.services.reports import (
    CSV_FIELDS, catalog_entry, csv_rows, status_report, summarize, translated_coverage,
)
from tms.services.schedules import PLAN_CSV_FIELDS, add_plan_columns, add_plans, plan_lookup, reader_zone, time_left
from tms.services.stats import collect_stats

BAR_WIDTH = 8
#: Colours of the bar, in the order its parts are drawn.
BAR_COLOURS = (
    (SegmentState.APPROVED, "green"),
    (SegmentState.TRANSLATED, "cyan"),
    (SegmentState.NEEDS_EDITING, "yellow"),
    (SegmentState.MACHINE, "magenta"),
)
PUBLICATION_STYLES = {"official": "bold green", "unofficial": "yellow", "draft": "dim"}
# -- the table ------------------------------------------------------------------------------------
WIDE_CELL = 12          # columns a language needs in the wide layout (bar, percentage, label)
ARTICLE_WIDTH = 16


def _bar(figures: dict, width: int) -> Text:
    total = figures["segments"]["total"]
    text = Text()
    used = 0
    for state, colour in BAR_COLOURS:
        part = round(width * figures["segments"][state.slug] / total) if total else 0
        part = min(part, width - used)
        text.append("█" * part, style=colour)
        used += part
    text.append("░" * (width - used), style="dim")
    return text


class _Layout:
    """Wide cells (bar, percentage, status label) where the terminal allows, else compact ones."""

    def __init__(self, columns: int, width: int):
        self.is_wide = width >= ARTICLE_WIDTH + columns * WIDE_CELL
        self.bar = BAR_WIDTH if self.is_wide else max(3, min(BAR_WIDTH, (width - ARTICLE_WIDTH) // columns - 2))

    def cell(self, figures: dict, label: str, style: str) -> Text:
        text = _bar(figures, self.bar)
        percent = f"{figures['translated_percent']:.0f}%"
        if not self.is_wide:
            text.append(f"\n{percent}", style=style)
            return text
        text.append(f"\n{percent}\n")
        text.append(label, style=style)
        if figures["machine_output_words"]:
            text.append(f"\nmt {figures['unmodified_machine_percent']:.0f}% kept", style="dim")
        return text

    def totals(self, figures: dict) -> Text:
        ready = figures[PublicationStatus.OFFICIAL.value] + figures[PublicationStatus.UNOFFICIAL.value]
        style = "green" if ready == figures["catalogs"] else "dim"
        return self.cell(figures, f"{ready}/{figures['catalogs']} ready", style)


def build_table(stats: Sequence[CatalogStats], langs: Sequence[str], width: int = 200,
                limit: int | None = None, plans=None) -> Table:
    """The dashboard: articles as rows, the languages as columns, totals in the last row and column.

    With ``limit``, only that many articles get a row: those whose catalogs changed last, newest first;
    the totals are still over every article. ``plans``: the schedule of an article by id, whose deadline
    is shown under it (in ``$TMS_TIMEZONE``, Seoul's by default), in red once overdue.
    """
    layout = _Layout(len(langs) + 1, width)
    legend = ("[green]█[/] approved  [cyan]█[/] translated  [yellow]█[/] needs editing  [magenta]█[/] machine  "
              "[dim]░[/] untranslated · % = translated or approved segments")
    if not layout.is_wide:
        legend += " · [bold green]official[/] [yellow]unofficial[/] [dim]draft[/]"
    articles = {item.article_id for item in stats}
    shown = _shown_articles(stats, limit)
    if len(shown) < len(articles):
        legend = (f"[bold]{len(shown):,} of {len(articles):,} articles shown, the last changed first[/] "
                  f"(--limit 0 shows all; the totals are over all)\n") + legend
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), title="Translation status", caption=legend)
    table.add_column("article", overflow="fold", style="bold", min_width=8)
    for code in langs:
        table.add_column(f"{code}\n{get_language(code).native_name}" if layout.is_wide else code, no_wrap=True)
    table.add_column("all", no_wrap=True)
    by_article: dict[str, dict[str, CatalogStats]] = {article_id: {} for article_id in shown}
    source: dict[str, str] = {}
    for item in stats:
        if item.article_id in by_article:
            by_article[item.article_id][item.language] = item
            source.setdefault(item.article_id, item.source_language)
    for article_id, cells in by_article.items():
        row: list = [_article_cell(article_id, plans(article_id) if plans else None)]
        for code in langs:
            item = cells.get(code)
            if item is None:
                is_source = source.get(article_id) == code
                row.append(Text(("source" if layout.is_wide else "src") if is_source else "—", style="dim"))
            else:
                row.append(layout.cell(catalog_entry(item), item.publication.label,
                                       PUBLICATION_STYLES[item.publication.value]))
        row.append(layout.totals(summarize(cells.values())))
        table.add_row(*row)
    table.add_section()
    footer: list = [Text(f"all {len(articles):,}")]
    for code in langs:
        items = [item for item in stats if item.language == code]
        footer.append(layout.totals(summarize(items)) if items else Text("—", style="dim"))
    footer.append(layout.totals(summarize(stats)))
    table.add_row(*footer, style="bold")
    return table


def _article_cell(article_id: str, plan) -> Text:
    text = Text(article_id)
    if plan is not None and plan.deadline is not None:
        local = plan.deadline.astimezone(reader_zone(os.environ.get("TMS_TIMEZONE")))
        text.append(f"\ndue {local:%Y-%m-%d %H:%M %Z}, {time_left(plan)}",
                    style="bold red" if plan.is_overdue() else "not bold")
    return text


def _shown_articles(stats: Sequence[CatalogStats], limit: int | None) -> list[str]:
    """The articles that get a row: all in the order given, or the ``limit`` last changed, newest first."""
    order = list(dict.fromkeys(item.article_id for item in stats))
    if not limit or len(order) <= limit:
        return order
    changed: dict[str, float] = {}
    for item in stats:
        changed[item.article_id] = max(changed.get(item.article_id, 0.0), item.mtime)
    return sorted(order, key=lambda article_id: (-changed[article_id], article_id))[:limit]


# -- the command ----------------------------------------------------------------------------------
def _write_csv(project, stats: Sequence[CatalogStats]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS + PLAN_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(add_plan_columns(project, csv_rows(stats), reader_zone(os.environ.get("TMS_TIMEZONE"))))


@click.command("status")
@click.argument("ids", nargs=-1)
@click.option("--lang", "langs", multiple=True, callback=language_codes,
              help="Only these languages (repeat, or ja,zh); default all eleven.")
@click.option("--format", "output", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="A dashboard for the terminal, or JSON or CSV for other programs (fields in docs/status.md).")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, metavar="N",
              help="Rows of the table: the N articles changed last (0: all). Articles named as IDs are all shown.")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PCT",
              help="Exit 1 when translated coverage (translated or approved segments) is below PCT percent.")
@click.pass_context
def status_command(ctx: click.Context, ids: tuple[str, ...], langs: list[str] | None, output: str,
                   limit: int, fail_under: float | None) -> None:
    """Show how far each article is translated in each language, and whether it may be published."""
    project = get_project(ctx)
    errors: dict[tuple[str, str], str] = {}
    with progress_bar("reading catalogs") as progress:
        stats = collect_stats(project, ids or None, langs, progress=progress, errors=errors)
    if output == "json":
        # indented for a person at a terminal, compact (a third smaller and faster) for programs
        layout = {"indent": 2} if sys.stdout.isatty() else {"separators": (",", ":")}
        report = add_plans(project, status_report(stats, errors), reader_zone(os.environ.get("TMS_TIMEZONE")))
        click.echo(json.dumps(report, ensure_ascii=False, **layout))
    elif output == "csv":
        _write_csv(project, stats)
    elif stats:
        console = Console(highlight=False)
        plans = plan_lookup(project)
        console.print(build_table(stats, langs or CODES, console.width, limit=None if ids else limit,
                                  plans=lambda article_id: plans(article_id, "")))
    else:
        hint = "" if project.article_ids() else ": import an article first ('tms import FILE')"
        click.echo(f"no catalogs to show{hint}", err=True)
    for message in errors.values():
        click.echo(f"skipped a catalog that cannot be read: {message}", err=True)
    coverage = translated_coverage(stats)
    if fail_under is not None and coverage < fail_under:
        click.echo(f"translated coverage {coverage:.2f}% is below {fail_under:g}%", err=True)
        ctx.exit(1)
    if errors:
        ctx.exit(1)



COMMANDS = (status_command,)
