"""``tms user``: add accounts, set passwords and roles, issue API tokens, list accounts."""
from __future__ import annotations

import json
import sys

import click

from tms.cli.main import get_project
from tms.errors import InputError
from tms.languages import parse_codes
from tms.services import users as user_service
from tms.services.users import AccountRole

ROLE = click.Choice([r.slug for r in AccountRole])


def _languages(ctx, param, value: str | None):
    if value is None or value in ("*", "all"):
        return None if value is None else "*"
    try:
        return ",".join(parse_codes(value))
    except InputError as exc:
        raise click.BadParameter(str(exc)) from None


def _password_options(command):
    """The two ways besides the prompt of giving a password, shared by ``add`` and ``passwd``."""
    command = click.option("--generate-password", is_flag=True, help="Make up a random password and print it.")(command)
    return click.option("--password-stdin", is_flag=True,
                        help="Read the password from the first line of standard input.")(command)


def _read_password(from_stdin: bool, generate: bool) -> str:
    if from_stdin and generate:
        raise click.UsageError("use either --password-stdin or --generate-password")
    if generate:
        return user_service.generate_password()
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@click.group("user")
def user_group() -> None:
    """Manage the accounts of the web UI and the API."""


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=ROLE, required=True, help="translator, reviewer, approver, editor or admin.")
@click.option("--lang", "languages", callback=_languages,
              help="Languages the account may work in, e.g. ja,zh (default: all).")
@_password_options
@click.option("--if-missing", is_flag=True, help="Do nothing (and succeed) if the account already exists.")
@click.pass_context
def add_command(ctx, name: str, role: str, languages: str | None, password_stdin: bool,
                generate_password: bool, if_missing: bool) -> None:
    """Create an account; the password is prompted for unless given on stdin or generated."""
    project = get_project(ctx)
    user_service.check_name(name)
    if if_missing and user_service.user_exists(project, name):
        click.echo(f"account {name} exists; its password is unchanged "
                   f"(set a new one with: tms user passwd {name} --generate-password)")
        return
    password = _read_password(password_stdin, generate_password)
    account = user_service.create_user(project, name, role, password, languages)
    click.echo(f"created {account.role.slug} {account.name} (languages: {account.languages_label})")
    if generate_password:
        click.echo(f"password: {password}")


@user_group.command("passwd")
@click.argument("name")
@_password_options
@click.pass_context
def passwd_command(ctx, name: str, password_stdin: bool, generate_password: bool) -> None:
    """Set a new password; the account's browser sessions end."""
    project = get_project(ctx)
    user_service.get_user(project, name)
    password = _read_password(password_stdin, generate_password)
    user_service.update_user(project, name, password=password)
    click.echo(f"password of {name} changed")
    if generate_password:
        click.echo(f"password: {password}")


@user_group.command("set")
@click.argument("name")
@click.option("--role", type=ROLE, help="New role.")
@click.option("--lang", "languages", callback=_languages, help="New languages (ja,zh or 'all').")
@click.option("--active/--disabled", "is_active", default=None, help="Enable or disable the account.")
@click.pass_context
def set_command(ctx, name: str, role: str | None, languages: str | None, is_active: bool | None) -> None:
    """Change an account's role, languages or whether it may sign in."""
    account = user_service.update_user(get_project(ctx), name, role=role, languages=languages, is_active=is_active)
    state = "active" if account.is_active else "disabled"
    click.echo(f"{account.name}: {account.role.slug}, languages: {account.languages_label}, {state}")


@user_group.command("remove")
@click.argument("name")
@click.pass_context
def remove_command(ctx, name: str) -> None:
    """Delete an account and its API tokens (its history and comments stay)."""
    user_service.delete_user(get_project(ctx), name)
    click.echo(f"removed {name}")


@user_group.command("signout")
@click.argument("name")
@click.pass_context
def signout_command(ctx, name: str) -> None:
    """End every browser session of NAME (sign out everywhere); its API tokens keep working."""
    from tms.services.sessions import end_sessions

    count = end_sessions(get_project(ctx), name)
    click.echo(f"ended {count} session{'' if count == 1 else 's'} of {name}")


@user_group.command("token")
@click.argument("name")
@click.option("--label", default="", help="A note to tell tokens apart.")
@click.option("--revoke", is_flag=True, help="Delete every token of the account instead.")
@click.pass_context
def token_command(ctx, name: str, label: str, revoke: bool) -> None:
    """Print a new API token for NAME (shown once; send it as 'Authorization: Bearer TOKEN')."""
    project = get_project(ctx)
    if revoke:
        click.echo(f"revoked {user_service.revoke_tokens(project, name)} token(s) of {name}")
        return
    click.echo(user_service.create_token(project, name, label))


@user_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def list_command(ctx, fmt: str) -> None:
    """List the accounts with their roles and languages."""
    accounts = user_service.list_users(get_project(ctx))
    if fmt == "json":
        click.echo(json.dumps([{"name": a.name, "role": a.role.slug, "active": a.is_active,
                                "languages": None if a.languages is None else list(a.languages)}
                               for a in accounts], ensure_ascii=False, indent=2))
        return
    if not accounts:
        click.echo("no accounts; create one with: tms user add NAME --role admin")
        return
    width = max(len(a.name) for a in accounts)
    for a in accounts:
        flag = "" if a.is_active else "  (disabled)"
        click.echo(f"{a.name:<{width}}  {a.role.slug:<10}  {a.languages_label}{flag}")


COMMANDS = (user_group,)
