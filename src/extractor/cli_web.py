"""The web application's commands: `serve` and `user add|list|remove|passwd`. Registered on the
CLI by `register(app)`; FastAPI, uvicorn and argon2 are imported inside the commands only."""

from __future__ import annotations

import getpass
import os
import sys
from enum import Enum
from typing import Optional

import typer

from .errors import ExtractorError
from .i18n import t

_DB_HELP = "Archive: SQLAlchemy URL (postgresql://...) or SQLite file; default EXTRACTOR_DB or the user data folder"


class Role(str, Enum):
    admin = "admin"
    reviewer = "reviewer"
    viewer = "viewer"


def _lang() -> str:
    from .cli import _state

    return _state["lang"]


def _fail(err: ExtractorError) -> None:
    from .cli import fail

    fail(err)


def _who() -> str:
    """The audit's name for a change made from the command line."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _password(name: str) -> str:
    lang = _lang()
    if sys.stdin.isatty():
        first = getpass.getpass(t("web.user.prompt", lang, name=name))
        if first != getpass.getpass(t("web.user.again", lang)):
            typer.echo(t("web.user.mismatch", lang), err=True)
            raise typer.Exit(2)
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _archive(db: Optional[str], create: bool):
    from .cli import _archive as open_archive

    return open_archive(db, create=create)


user_app = typer.Typer(help="Accounts of the web application (admin, reviewer, viewer)", no_args_is_help=True)


@user_app.command("add")
def user_add(
    name: str = typer.Argument(..., help="User name"),
    role: Role = typer.Option(..., "--role", help="admin: manages users; reviewer: uploads and reviews; viewer: reads"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Add a user; the password is read from standard input."""
    from .web import accounts

    password = _password(name)
    with _archive(db, create=True) as archive:
        try:
            accounts.add_user(archive, name, role.value, password, _who())
        except ExtractorError as err:
            _fail(err)
    typer.echo(t("web.user.added", _lang(), name=name, role=role.value))


@user_app.command("list")
def user_list(db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP)) -> None:
    """List the users and their roles."""
    from .web import accounts

    with _archive(db, create=False) as archive:
        users = accounts.list_users(archive)
    if not users:
        typer.echo(t("web.user.none", _lang()))
    for u in users:
        typer.echo(f"{u['name']}\t{u['role']}\t{u['created_at']:%Y-%m-%d %H:%M}")


@user_app.command("remove")
def user_remove(
    name: str = typer.Argument(..., help="User name"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Remove a user (their audit rows stay)."""
    from .web import accounts

    with _archive(db, create=False) as archive:
        try:
            accounts.remove_user(archive, name, _who())
        except ExtractorError as err:
            _fail(err)
    typer.echo(t("web.user.removed", _lang(), name=name))


@user_app.command("passwd")
def user_passwd(
    name: str = typer.Argument(..., help="User name"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Set a user's password (read from standard input); their sessions end."""
    from .web import accounts

    password = _password(name)
    with _archive(db, create=False) as archive:
        try:
            accounts.set_password(archive, name, password, _who())
        except ExtractorError as err:
            _fail(err)
    typer.echo(t("web.user.changed", _lang(), name=name))


def serve(
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8080, "--port", min=1, max=65535),
    workers: int = typer.Option(max(1, (os.cpu_count() or 2) - 1), "--workers", "-w", min=0,
                                help="Processes that read the uploaded reports (0: a thread of the server)"),
    max_upload_mb: int = typer.Option(50, "--max-upload-mb", min=1, help="Largest file accepted"),
    secure_cookies: bool = typer.Option(False, "--secure-cookies", help="Mark cookies Secure (serving behind HTTPS)"),
) -> None:
    """Serve the web review application over the archive (log-in, upload, review, search, charts)."""
    from .web import accounts
    from .web.app import MB, Config, serve as run

    lang = _lang()
    with _archive(db, create=True) as archive:
        location = archive.location
        if not accounts.list_users(archive):
            typer.echo(t("web.serve.no_users", lang), err=True)
    config = Config(db=db, workers=workers, upload_limit=max_upload_mb * MB, secure_cookies=secure_cookies)
    typer.echo(t("web.serve.listening", lang, host=host, port=port, db=location), err=True)
    try:
        run(config, host, port)
    except ExtractorError as err:
        _fail(err)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(user_app, name="user")
