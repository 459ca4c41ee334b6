"""``tms render``: the article in one language as HTML, plain text or Markdown."""
from __future__ import annotations

from pathlib import Path

import click

from tms.cli.main import get_project
from tms.languages import CODES
from tms.services.rendering import FORMATS, render_article
from tms.storage.files import atomic_write


@click.command("render")
@click.argument("article_id", metavar="ID")
@click.option("--lang", required=True, type=click.Choice(CODES), help="The language to render.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of standard output.")
@click.option("--allow-partial", is_flag=True,
              help="Render even with untranslated segments, showing their source text, marked.")
@click.option("--link-pattern", help="Links of the language switcher, e.g. '/{lang}/{id}.html' "
                                     "(default: [render] link_pattern in tms.toml, else '{id}.{lang}.html').")
@click.pass_context
def render_command(ctx: click.Context, article_id: str, lang: str, fmt: str, out: Path | None,
                   allow_partial: bool, link_pattern: str | None) -> None:
    """Rebuild an article in LANG from its catalog, with the notice and the language switcher."""
    text = render_article(get_project(ctx), article_id, lang, fmt, allow_partial=allow_partial, links=link_pattern)
    if out is None:
        click.echo(text, nl=False)
    else:
        atomic_write(out, text)
        click.echo(f"wrote {out}", err=True)


COMMANDS = (render_command,)
