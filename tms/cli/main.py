"""The ``tms`` click group: finds the project, maps errors to exit codes, and registers the commands."""
from __future__ import annotations

import sys

import click

from tms import __version__
from tms.errors import TmsError
from tms.storage.layout import Project


class TmsGroup(click.Group):
    """A group that reports any ``TmsError`` as one line on stderr with exit code 1."""

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


def _register() -> None:
    from tms.cli import importing

    for module in (importing,):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="tms")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
