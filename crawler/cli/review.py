"""``prohori serve`` (the review app) and ``prohori users`` (its accounts)."""

from __future__ import annotations

import ipaddress
import sys

import click

from crawler.cli.common import open_storage


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8080,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port (0: any free port, printed at start).",
)
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64))
def serve(db: str, host: str, port: int, threads: int) -> None:
    """Serve the review web app: the queue of flagged stories, search and the dashboard.

    Every page needs a login (see `prohori users add`). It listens on the loopback address
    unless told otherwise; put it behind a TLS proxy before opening it to a network.

    \b
    Example:
        prohori users add amina --db news.db
        prohori serve --db news.db            # then open http://127.0.0.1:8080/
        prohori serve --db news.db --port 9000
    """
    from waitress.server import create_server

    from crawler.review import create_app
    from crawler.review.users import list_users

    storage = open_storage(db, create=False)
    if not list_users(storage.db):
        click.echo(f"No users yet: add one with `prohori users add NAME --db {db}`.", err=True)
    storage.close()
    if not _loopback(host):
        click.echo(
            f"Warning: listening on {host}, reachable from the network; use TLS in front.",
            err=True,
        )
    from crawler.runner import project_settings

    timeout = project_settings().getfloat("PROHORI_DB_TIMEOUT")
    try:
        server = create_server(
            create_app(db, db_timeout=timeout), host=host, port=port, threads=threads
        )
    except OSError as exc:  # port taken, an address not on this machine, a port < 1024 ...
        raise click.ClickException(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}; try another --port"
        ) from exc
    click.echo(f"Serving the review app on http://{host}:{server.effective_port}/ (Ctrl+C stops)")
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


@click.group()
def users() -> None:
    """Accounts of the review app (stored in the database, passwords hashed).

    \b
    Example:
        prohori users add amina --db news.db
        prohori users list --db news.db
    """


@users.command("add")
@click.argument("name")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of stdin (for scripts) instead of a prompt.",
)
@click.option("--replace", is_flag=True, help="Set a new password for an existing user.")
def users_add(name: str, db: str, password_stdin: bool, replace: bool) -> None:
    """Add a reviewer (or, with --replace, reset a password).

    \b
    Example:
        prohori users add amina --db news.db
        printf '%s\\n' "$PASSWORD" | prohori users add amina --db news.db --password-stdin
    """
    from crawler.review.users import UserError, add_user, check_new

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        check_new(name, password)  # before the database is created: a refusal leaves no file
        add_user(open_storage(db), name, password, replace=replace)
    except UserError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{'updated' if replace else 'added'} user {name}")


@users.command("list")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
def users_list(db: str) -> None:
    """List the reviewers.

    \b
    Example:
        prohori users list --db news.db
    """
    from crawler.review.users import list_users

    for user in list_users(open_storage(db, create=False).db):
        click.echo(f"{user['name']}\t{user['created']}")


@users.command("remove")
@click.argument("name")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
def users_remove(name: str, db: str) -> None:
    """Remove a reviewer; their open sessions end, their decisions stay.

    \b
    Example:
        prohori users remove amina --db news.db
    """
    from crawler.review.users import remove_user

    if not remove_user(open_storage(db, create=False), name):
        raise click.ClickException(f"no user {name!r}")
    click.echo(f"removed user {name}")
