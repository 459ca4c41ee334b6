"""The ``tms`` click group: finds the project, maps errors to exit codes, and registers the commands."""
from __future__ import annotations

import importlib
import sys

import click

from tms import __version__
from tms.errors import TmsError
from tms.storage.layout import Project


#: Each command and where it lives; modules are imported only when their command runs, so that a
#: quick command does not pay for Flask, SQLAlchemy or the MT engines (click's "lazy group" pattern).
COMMANDS: dict[str, str] = {
    "import": "tms.cli.importing:import_command",
    "update": "tms.cli.importing:update_command",
    "segment": "tms.cli.importing:segment_command",
    "prefill": "tms.cli.prefill:prefill_command",
    "worker": "tms.cli.prefill:worker_command",
    "compile": "tms.cli.compiling:compile_command",
    "status": "tms.cli.status:status_command",
    "check": "tms.cli.checking:check_command",
    "render": "tms.cli.rendering:render_command",
    "export": "tms.cli.interchange:export_command",
    "import-translations": "tms.cli.interchange:import_translations_command",
    "serve": "tms.cli.serve:serve_command",
    "db": "tms.cli.serve:db_group",
    "user": "tms.cli.users:user_group",
}


class TmsGroup(click.Group):
    """A group that loads its commands lazily and reports any ``TmsError`` on stderr with exit code 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, name: str):
        if name in self.commands or name not in COMMANDS:
            return super().get_command(ctx, name)
        module_name, _, attr = COMMANDS[name].partition(":")
        command = getattr(importlib.import_module(module_name), attr)
        self.add_command(command, name)
        return command

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


def get_project(ctx: click.Context) -> Project:
    """The project the command works on."""
    return Project.locate(ctx.find_root().obj.get("root"))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="tms")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
