"""``tms memory`` (import, export, stats, search of the archive memory) and ``tms align``."""
from __future__ import annotations

import getpass
from pathlib import Path

import click

from tms.cli.main import get_project
from tms.languages import CODES
from tms.services import archive
from tms.storage.files import atomic_write

LANGUAGE = click.Choice(CODES)


@click.group("memory")
def memory_group() -> None:
    """The translation memory: import TMX and tab-separated memories, export, count and search it."""


@memory_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(archive.FORMATS),
              help="tmx or tsv (default: from the file's name, else its content).")
@click.option("--source-lang", type=LANGUAGE, help="The source language (tab-separated files; TMX: instead "
                                                   "of the header's srclang).")
@click.option("--target-lang", type=LANGUAGE, help="The target language (tab-separated files; TMX: import "
                                                   "only this one).")
@click.pass_context
def import_command(ctx: click.Context, files: tuple[Path, ...], fmt: str | None, source_lang: str | None,
                   target_lang: str | None) -> None:
    """Add the units of TMX 1.4 or tab-separated files to the memory; units it holds already are skipped."""
    project = get_project(ctx)
    for path in files:
        report = archive.import_memory(project, path, fmt=fmt, source_lang=source_lang,
                                       target_lang=target_lang, by=getpass.getuser())
        pairs = ", ".join(f"{pair} {count}" for pair, count in sorted(report.pairs.items()))
        click.echo(f"{path}: {report.added} units added, {report.known} already in the memory ({pairs})")


@memory_group.command("export")
@click.option("--source-lang", type=LANGUAGE, help="Only units from this language.")
@click.option("--target-lang", type=LANGUAGE, help="Only units into this language.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of standard output.")
@click.pass_context
def export_command(ctx: click.Context, source_lang: str | None, target_lang: str | None, out: Path | None) -> None:
    """Write the archive memory (imported and aligned units, with their origin) as TMX 1.4."""
    data, count = archive.export_memory(get_project(ctx), source_lang, target_lang)
    if out is None:
        click.echo(data, nl=False)
    else:
        atomic_write(out, data)
        click.echo(f"wrote {out}: {count} units", err=True)


@memory_group.command("stats")
@click.pass_context
def stats_command(ctx: click.Context) -> None:
    """Count the memory's units: the catalogs' by language pair, the archive's by pair, kind and file."""
    stats = archive.memory_stats(get_project(ctx))
    click.echo(f"catalogs: {sum(stats.catalogs.values())} translated entries")
    for (source, target), count in sorted(stats.catalogs.items()):
        click.echo(f"  {source}→{target}  {count}")
    click.echo(f"archive: {stats.archive.total} units")
    for (source, target), count in sorted(stats.archive.pairs.items()):
        click.echo(f"  {source}→{target}  {count}")
    for kind, count in sorted(stats.archive.kinds.items()):
        click.echo(f"  {kind}  {count}")
    for origin, count in stats.archive.origins:
        click.echo(f"  from {origin or '(no file)'}  {count}")


@memory_group.command("search")
@click.argument("text")
@click.option("--source-lang", type=LANGUAGE, help="Only units from this language.")
@click.option("--target-lang", type=LANGUAGE, help="Only units into this language.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.pass_context
def search_command(ctx: click.Context, text: str, source_lang: str | None, target_lang: str | None,
                   limit: int) -> None:
    """Show memory units whose source or translation contains TEXT (a concordance), with their origin."""
    found = archive.search_memory(get_project(ctx), text, source_lang=source_lang, target_lang=target_lang,
                                  limit=limit)
    if not found:
        click.echo(f"nothing in the memory contains {text!r}", err=True)
        return
    for unit in found:
        where = f"article {unit.origin}" if unit.kind == "catalog" else unit.describe()
        click.echo(f"{unit.source_lang}→{unit.target_lang}  {where}")
        click.echo(f"  {unit.source}")
        click.echo(f"  {unit.target}")


@click.command("align")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("translation", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--source-lang", type=LANGUAGE, help="The article's language (default: detected).")
@click.option("--target-lang", type=LANGUAGE, help="The translation's language (default: detected).")
@click.option("--import-as-translation", is_flag=True,
              help="Also import the article and make the translation its catalog: one-to-one pairs "
                   "translated, the others needing edits; entries already translated are kept.")
@click.pass_context
def align_command(ctx: click.Context, source: Path, translation: Path, source_lang: str | None,
                  target_lang: str | None, import_as_translation: bool) -> None:
    """Align an article with its translation sentence by sentence and add the pairs to the memory."""
    report = archive.align_files(get_project(ctx), source, translation, source_lang=source_lang,
                                 target_lang=target_lang, import_as_translation=import_as_translation,
                                 by=getpass.getuser())
    one_to_one = sum(1 for b in report.beads if b.is_one_to_one)
    click.echo(f"{source} ({report.source_lang}) + {translation} ({report.target_lang}): "
               f"{len(report.pairs)} pairs ({one_to_one} one-to-one), {report.omitted} "
               f"sentence{'' if report.omitted == 1 else 's'} without a counterpart; {report.added} added to the memory")
    low = [p for p in report.pairs if p.confidence is not None and p.confidence < 0.5]
    if low:
        click.echo(f"{len(low)} pairs have a confidence under 0.5: check them with tms memory search", err=True)
    if report.article_id:
        click.echo(f"{report.article_id} ({report.target_lang}): {report.translated} translated, "
                   f"{report.needs_editing} needing edits, {report.kept} kept as they were")
