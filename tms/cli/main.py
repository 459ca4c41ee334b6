"""The ``tms`` click group: finds the project, maps errors to exit codes, and registers the commands."""
from __future__ import annotations

import importlib
import sys

import click

from tms import __version__
from tms.errors import TmsError
from tms.storage.layout import Project


#: Each command, where it lives, and the summary ``tms --help`` shows for it. Modules are imported only
#: when their command runs (or its own --help is asked for), so that a quick command, or the list of
#: commands, does not pay for Flask, SQLAlchemy or the MT engines (click's "lazy group" pattern). The
#: summaries are the first sentence of each command's docstring; a test keeps the two the same.
COMMANDS: dict[str, tuple[str, str]] = {
    "import": ("tms.cli.importing:import_command",
               "Import source articles (page text, HTML, Markdown, Word or HWPX) into catalogs for the other ten languages."),
    "update": ("tms.cli.importing:update_command",
               "Re-segment changed originals and merge their catalogs as msgmerge does."),
    "segment": ("tms.cli.importing:segment_command",
                "Print the segments of a text, one JSON object a line: text, role, block."),
    "prefill": ("tms.cli.prefill:prefill_command",
                "Fill untranslated entries with machine translation, marked as machine output."),
    "worker": ("tms.cli.prefill:worker_command",
               "Run background prefill jobs queued from the web UI, until interrupted."),
    "compile": ("tms.cli.compiling:compile_command",
                "Compile catalogs into .mo files beside them (locales/LANG/LC_MESSAGES/ID.mo), as msgfmt does."),
    "status": ("tms.cli.status:status_command",
               "Show how far each article is translated in each language, and whether it may be published."),
    "check": ("tms.cli.checking:check_command",
              "Run the quality checks over translated segments; exit 1 if any error is found."),
    "render": ("tms.cli.rendering:render_command",
               "Rebuild an article in LANG from its catalog, with the notice and the language switcher."),
    "export": ("tms.cli.interchange:export_command",
               "Export one catalog as XLIFF 1.2, or the translated segments of articles (all by default) as TMX."),
    "import-translations": ("tms.cli.interchange:import_translations_command",
                            "Merge a translated XLIFF file into its catalog; approved segments are never downgraded."),
    "serve": ("tms.cli.serve:serve_command",
              "Serve the review UI and the API (for production: gunicorn -w 4 'tms.web:create_app()')."),
    "memory": ("tms.cli.memory:memory_group",
               "The translation memory: import TMX and tab-separated memories, export, count and search it."),
    "align": ("tms.cli.memory:align_command",
              "Align an article with its translation sentence by sentence and add the pairs to the memory."),
    "db": ("tms.cli.serve:db_group", "The project database (accounts, history, comments, jobs)."),
    "user": ("tms.cli.users:user_group", "Manage the accounts of the web UI and the API."),
}


class TmsGroup(click.Group):
    """A group that loads its commands lazily and reports any ``TmsError`` on stderr with exit code 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, name: str):
        if name in self.commands or name not in COMMANDS:
            return super().get_command(ctx, name)
        module_name, _, attr = COMMANDS[name][0].partition(":")
        command = getattr(importlib.import_module(module_name), attr)
        self.add_command(command, name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands, from the summaries above: listing them imports none of them."""
        limit = formatter.width - 6 - max(len(name) for name in self.list_commands(ctx))
        rows = []
        for name in self.list_commands(ctx):
            if name in COMMANDS and name not in self.commands:
                rows.append((name, _shorten(COMMANDS[name][1], limit)))
            else:
                command = self.get_command(ctx, name)
                if command is not None and not command.hidden:
                    rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TmsError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=TmsGroup)
@click.option("--root", type=click.Path(file_okay=False, path_type=str), envvar="TMS_ROOT",
              help="Project folder (default: $TMS_ROOT or the current directory).")
@click.version_option(__version__, prog_name="tms")
@click.pass_context
def cli(ctx: click.Context, root: str | None) -> None:
    """tms: translate news articles into eleven languages through gettext catalogs."""
    ctx.ensure_object(dict)
    ctx.obj["root"] = root


def _shorten(text: str, limit: int) -> str:
    """``text`` cut at a word to fit ``limit`` characters, with "..." as click does."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 3, 0)].rsplit(" ", 1)[0].rstrip(",;:") + "..."


def get_project(ctx: click.Context) -> Project:
    """The project the command works on."""
    return Project.locate(ctx.find_root().obj.get("root"))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="tms")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
