"""``prohori status`` and ``prohori schedule``: outlet health and crawls on a schedule."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from crawler.cli.common import console, open_storage


@click.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
@click.option("--json", "as_json", is_flag=True, help="Print runs and outlets as JSON.")
def status(db: str, as_json: bool) -> None:
    """Show each outlet's health and the figures of every crawl run.

    Exits with status 1 when an outlet that was crawled is unhealthy (handy for cron mail).

    \b
    Example:
        prohori status --db news.db
        prohori status --db news.db --json | jq '.outlets[] | {name, health}'
    """
    from crawler.classify.cache import resolve_model
    from crawler.monitor.status import rules_from, verdict_models
    from crawler.monitor.status import status as read_status
    from crawler.runner import project_settings

    storage = open_storage(db, create=False)
    with storage.snapshot() as database:
        data = read_status(database, rules_from(project_settings()))
        threshold = project_settings().get("PROHORI_RELEVANCE_THRESHOLD")
        model = resolve_model(None, database)
        data["model"] = verdict_models(
            database, model.label_version(float(threshold) if threshold else None)
        )
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_status(data)
        if data["model"]["stale"]:
            console.print(
                f"[yellow]{data['model']['stale']} articles carry another model's verdict than "
                f"{data['model']['current']}: run prohori reclassify --db {db}[/]"
            )
    unhealthy = [o for o in data["outlets"] if o["health"] not in ("ok", "never crawled")]
    if unhealthy:
        sys.exit(1)


def _print_status(data: dict[str, Any]) -> None:
    table = Table(title="Outlet health")
    for column in ("outlet", "health", "browser", "last run", "articles", "flagged", "newest"):
        table.add_column(column)
    for o in data["outlets"]:
        style = "green" if o["health"] == "ok" else "red"
        table.add_row(
            o["name"],
            f"[{style}]{o['health']}[/]",
            o.get("browser") or "",
            str(o["last_run"] or "-"),
            str(o["articles"]),
            str(o["flagged"]),
            (o["newest_published"] or "-")[:10],
        )
    console.print(table)
    runs_table = Table(title="Crawl runs")
    for column in ("run", "started", "finish", "requests", "new", "copies", "flagged", "dropped"):
        runs_table.add_column(column)
    for r in data["runs"][-10:]:
        runs_table.add_row(
            str(r["id"]),
            (r["started"] or "")[:19],
            str(r["finish_reason"]),
            str(r["requests"]),
            str(r["articles_new"]),
            str(r["articles_duplicate"]),
            str(r["flagged"]),
            ", ".join(f"{k} {v}" for k, v in sorted(r["dropped"].items())) or "-",
        )
    console.print(runs_table)


@click.command(context_settings={"ignore_unknown_options": True})
@click.option("--every", required=True, help="Interval: 90s, 30m, 1h, 1h30m ...")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
@click.option(
    "--runs",
    type=click.IntRange(min=1),
    default=None,
    help="Stop after this many runs (default: run until stopped).",
)
@click.option(
    "--log",
    "log_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Schedule log (default: <db>.schedule.log).",
)
@click.argument("crawl_args", nargs=-1, type=click.UNPROCESSED)
def schedule(
    every: str, db: str, runs: int | None, log_file: str | None, crawl_args: tuple[str, ...]
) -> None:
    """Run `prohori crawl` every interval, logging each run.

    Arguments after the options go to `prohori crawl` (seeds, outlet, -s settings). A run that
    finds another crawl on the database (from cron, say) is skipped and logged, not doubled.

    \b
    Example:
        prohori schedule --every 30m --db news.db
        prohori schedule --every 1h --db news.db --seeds seeds -s PROHORI_CONTACT=mailto:me@x.org
    """
    from crawler.monitor.schedule import parse_interval, run_schedule

    try:
        seconds = parse_interval(every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc
    log = Path(log_file) if log_file else Path(f"{db}.schedule.log")
    run_schedule(["--db", db, *crawl_args], seconds, log, runs)
