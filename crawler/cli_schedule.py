"""``prohori schedule``: crawls on a schedule, never two at once."""

from __future__ import annotations

from pathlib import Path

import click


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
    from crawler.schedule import parse_interval, run_schedule

    try:
        seconds = parse_interval(every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc
    log = Path(log_file) if log_file else Path(f"{db}.schedule.log")
    run_schedule(["--db", db, *crawl_args], seconds, log, runs)
