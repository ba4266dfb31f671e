"""Helpers shared by the command modules: the console, one storage per command, options."""

from __future__ import annotations

import sys
from typing import Any

import click
from rich.console import Console

from crawler.store import DatabaseLocked, NotProhoriDatabase, Storage

# Piped into cron mail or a file, rich would wrap tables at 80 columns and cut dates and URLs.
console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True)


def parse_set(values: tuple[str, ...]) -> dict[str, str]:
    result = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep:
            raise click.BadParameter(f"{value!r}: write NAME=VALUE", param_hint="-s")
        result[name.strip()] = setting
    return result


def open_storage(db: str, create: bool = True, timeout: float = 30.0) -> Storage:
    """The command's one storage on ``db`` (or a one-line error)."""
    try:
        return Storage(db, timeout=timeout, create=create)
    except (DatabaseLocked, FileNotFoundError, NotProhoriDatabase) as exc:
        raise click.ClickException(str(exc)) from exc


def settings_or_exit(overrides: dict[str, Any]) -> Any:
    """Project settings with the overrides, checked: a bad value is a one-line error, exit 2,
    before anything is written."""
    from crawler.runner import EXIT_USAGE, project_settings
    from crawler.settings_check import SettingError, check_settings

    settings = project_settings(overrides)
    try:
        check_settings(settings)
    except SettingError as exc:
        click.echo(f"Error: {exc}")
        sys.exit(EXIT_USAGE)
    return settings


def log_level_option(default: str) -> Any:
    return click.option(
        "--log-level",
        default=default,
        show_default=True,
        type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]),
    )


def set_option(help: str = "Override a Scrapy or PROHORI_* setting (repeatable).") -> Any:
    """``-s/--set NAME=VALUE``, repeatable, read with :func:`parse_set`."""
    return click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE", help=help)


seeds_option = click.option(
    "--seeds",
    "seeds_dir",
    default="seeds",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder of outlet seed files.",
)


def usable_model(path: str | None, db: Any | None) -> Any:
    """The model a command runs with (``resolve_model``; ``db`` an open database or None), or a
    one-line error for a file that cannot be one."""
    from crawler.classify.cache import resolve_model

    try:
        return resolve_model(path, db)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"cannot use the model: {exc}") from exc
