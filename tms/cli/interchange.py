"""``tms export`` (XLIFF for agencies, TMX memories) and ``tms import-translations``."""
from __future__ import annotations

from pathlib import Path

import click

from tms.cli.main import get_project
from tms.languages import CODES
from tms.services.interchange import export_tmx, export_xliff, import_translations
from tms.storage.files import atomic_write


@click.command("export")
@click.argument("ids", nargs=-1)
@click.option("--lang", required=True, type=click.Choice(CODES), help="The target language.")
@click.option("--format", "fmt", type=click.Choice(["xliff", "tmx"]), default="xliff", show_default=True,
              help="xliff: one catalog for an outside agency; tmx: a translation memory of translated segments.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of standard output.")
@click.pass_context
def export_command(ctx: click.Context, ids: tuple[str, ...], lang: str, fmt: str, out: Path | None) -> None:
    """Export one catalog as XLIFF 1.2, or the translated segments of articles (all by default) as TMX."""
    project = get_project(ctx)
    if fmt == "xliff":
        if len(ids) != 1:
            raise click.UsageError("--format xliff exports one article: give exactly one ID", ctx=ctx)
        data = export_xliff(project, ids[0], lang)
        summary = f"{ids[0]} ({lang})"
    else:
        memory = export_tmx(project, ids, lang)
        data = memory.data
        summary = f"{memory.units} segments from {memory.catalogs} catalogs ({lang})"
    if out is None:
        click.echo(data, nl=False)      # bytes go to the binary stream unchanged
    else:
        atomic_write(out, data)
        click.echo(f"wrote {out}: {summary}", err=True)


@click.command("import-translations")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--by", default="", help="Who signed off approved segments that do not name an approver "
                                       "(default: the file's name).")
@click.option("--withdraw-official", "withdraw_reason", default=None, metavar="REASON",
              help="Why the file may change a certified catalog and so withdraw its official status "
                   "(without it, such a file is refused).")
@click.pass_context
def import_translations_command(ctx: click.Context, file: Path, by: str, withdraw_reason: str | None) -> None:
    """Merge a translated XLIFF file into its catalog; approved segments are never downgraded."""
    report = import_translations(get_project(ctx), file, by=by, withdraw_reason=withdraw_reason)
    click.echo(f"{report.path}: {report.updated} updated, {report.unchanged} unchanged, "
               f"{report.untranslated} untranslated in the file, {len(report.conflicts)} conflicts")
    for conflict in report.conflicts:
        click.echo(f"{file}: {conflict}", err=True)
    for problem in report.tag_problems:
        click.echo(f"{file}: {problem}", err=True)


COMMANDS = (export_command, import_translations_command)
