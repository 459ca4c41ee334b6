"""``tms import``, ``tms update`` and ``tms segment``."""
from __future__ import annotations

import gc
import json
import os
import sys
from pathlib import Path

import click

from tms.cli.main import get_project
from tms.errors import InputError, PartialFailure
from tms.languages import CODES
from tms.services.sources import segment_source

LANG = click.Choice(CODES)


def _describe(result) -> str:
    if result.is_new:
        return f"imported {result.article_id} ({result.language}, {result.segments} segments) -> {result.original}"
    if not result.is_changed:
        return f"unchanged {result.article_id}"
    merged = next(iter(result.merges.values()), None)
    detail = (f": {merged.kept} kept, {merged.fuzzy} need review, {merged.new} new, {merged.obsoleted} obsolete"
              if merged else "")
    return f"updated {result.article_id} ({result.segments} segments){detail}"


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", type=LANG, help="Language of the articles (default: detected from the text).")
@click.option("--id", "article_id", help="Id of the article (default: from its date and title).")
@click.option("--deadline", help="When the translations are due: ISO 8601 with a UTC offset (2026-12-03T18:00+09:00).")
@click.option("--priority", help="1 (urgent) to 5 (lowest), or urgent, high, normal, low, lowest.")
@click.pass_context
def import_command(ctx: click.Context, files: tuple[Path, ...], lang: str | None, article_id: str | None,
                   deadline: str | None, priority: str | None) -> None:
    """Import source articles (page text, HTML, Markdown, Word or HWPX) into catalogs for the other ten languages.

    A file that cannot be imported is reported and the others are imported; the exit code is then 1.
    """
    from tms.services.importing import import_files     # the catalogs' machinery, which segment needs not
    from tms.services.schedules import parse_deadline, parse_priority
    from tms.storage.config import write_default_settings

    try:        # checked before anything is imported
        due, urgency = parse_deadline(deadline, "--deadline"), parse_priority(priority, "--priority")
    except InputError as exc:
        raise click.BadParameter(str(exc).partition(": ")[2], param_hint="--deadline" if "deadline" in str(exc)
                                 else "--priority") from None
    project = get_project(ctx)
    write_default_settings(project.config_path)
    try:
        results = import_files(project, list(files), lang=lang, article_id=article_id)
    except PartialFailure as failure:
        for result in failure.done:
            click.echo(_describe(result))
        _plan(project, failure.done, due, urgency)
        raise
    for result in results:
        click.echo(_describe(result))
    _plan(project, results, due, urgency)


def _plan(project, results, due, urgency) -> None:
    from tms.services.schedules import plan_article
    from tms.services.webhooks import emit

    for result in results:
        if due is not None or urgency is not None:
            plan_article(project, result.article_id, by=os.environ.get("USER", "shell"),
                         **({"deadline": due} if due is not None else {}),
                         **({"priority": urgency} if urgency is not None else {}))
        if result.is_changed:
            emit(project, "article.imported" if result.is_new else "article.updated", result.article_id)


@click.command("update")
@click.argument("ids", nargs=-1)
@click.option("--force", is_flag=True, help="Rewrite templates and merge even where nothing changed.")
@click.pass_context
def update_command(ctx: click.Context, ids: tuple[str, ...], force: bool) -> None:
    """Re-segment changed originals and merge their catalogs as msgmerge does."""
    from tms.services.importing import update_articles

    from tms.services.webhooks import emit

    project = get_project(ctx)
    for result in update_articles(project, ids, force=force):
        click.echo(_describe(result))
        if result.is_changed:
            emit(project, "article.updated", result.article_id)


@click.command("segment")
@click.argument("file", required=False, default="-", type=click.File("rb"))
@click.option("--lang", type=LANG, help="Language of the text (default: detected).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes a long text is split in (default: one per usable CPU core).")
def segment_command(file, lang: str | None, workers: int | None) -> None:
    """Print the segments of a text, one JSON object a line: text, role, block."""
    name = getattr(file, "name", "-")
    name = "<stdin>" if name in ("<stdin>", "-") else name
    # A long document makes hundreds of thousands of small objects and no reference cycles: the cyclic
    # collector would only rescan them, again and again, for this short-lived process.
    gc.disable()
    _, segments = segment_source(file.read(), name, lang, workers=workers or len(os.sched_getaffinity(0)))
    quote = json.encoder.encode_basestring      # JSON's own string quoting, non-ASCII kept as it is
    sys.stdout.write("".join(f'{{"text": {quote(s.text)}, "role": "{s.location.role.value}", '
                             f'"block": {s.location.block}}}\n' for s in segments))


COMMANDS = (import_command, update_command, segment_command)
