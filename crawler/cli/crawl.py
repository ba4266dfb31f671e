"""``prohori crawl`` and ``prohori demo``: crawls of the real outlets or of the mini-web."""

from __future__ import annotations

import sys
from typing import Any

import click

from crawler.cli.common import (
    console,
    log_level_option,
    open_storage,
    parse_set,
    seeds_option,
    settings_or_exit,
    usable_model,
)
from crawler.outlets import SeedError, load_outlets
from crawler.store import DatabaseLocked, NotProhoriDatabase


@click.command()
@seeds_option
@click.option("--outlet", default=None, help="Crawl only this outlet (name, key or domain).")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
@click.option(
    "-s",
    "--set",
    "settings",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Scrapy or PROHORI_* setting (repeatable).",
)
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Backfill: also crawl the outlets' date archives from this day on.",
)
@click.option(
    "--until",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Last day of the backfill (default: today).",
)
@log_level_option("INFO")
def crawl(
    seeds_dir: str,
    outlet: str | None,
    db: str,
    settings: tuple[str, ...],
    log_level: str,
    since: Any,
    until: Any,
) -> None:
    """Crawl the outlets in the seed files into a database.

    Requests go through the proxy in the standard http_proxy / https_proxy environment
    variables when they are set (as behind an institutional proxy). The last line printed says
    what this run did, or why it failed.

    \b
    Exit status:
        0    the crawl finished and outlets answered
        1    the crawl failed: it raised, could not store what it fetched, or no outlet answered
        2    a bad option or setting (nothing was written)
        75   another crawl (or demo) is running on this database: try again later
        130  stopped by SIGINT (Ctrl+C), 143 by SIGTERM: what was stored is kept
    \b
    Example:
        prohori crawl --db news.db
        prohori crawl --outlet "Prothom Alo" --db news.db -s PROHORI_CONTACT=mailto:me@uni.edu
        prohori crawl --outlet jugantor --db news.db --since 2025-09-01 --until 2025-09-30
    """
    from crawler.runner import EXIT_BUSY, EXIT_FAILED, run_crawl
    from crawler.store.lock import CrawlRunning, crawl_lock

    overrides: dict[str, Any] = {
        "LOG_LEVEL": log_level,
        "PROHORI_SEEDS_DIR": seeds_dir,
        **({"PROHORI_SINCE": since.date().isoformat()} if since else {}),
        **({"PROHORI_UNTIL": until.date().isoformat()} if until else {}),
        **parse_set(settings),
    }
    project = settings_or_exit(overrides)
    try:
        outlets = load_outlets(seeds_dir, outlet)
    except SeedError as exc:
        raise click.ClickException(str(exc)) from exc
    if project.get("PROHORI_MODEL"):
        usable_model(project.get("PROHORI_MODEL"), None)
    undated = [o.key for o in outlets if not o.dated_sources]
    if since and undated:
        click.echo(
            "Note: --since walks only dated sources (archive, daily_sitemap); these outlets "
            f"have none, so only their current sources are read: {', '.join(undated)}"
        )
    try:
        with crawl_lock(db):
            result = run_crawl(db, outlets, overrides)
    except CrawlRunning as exc:
        click.echo(f"Error: {exc}")
        sys.exit(EXIT_BUSY)
    except (DatabaseLocked, NotProhoriDatabase) as exc:
        click.echo(f"Error: {exc}")
        sys.exit(EXIT_FAILED)
    code, why = result.verdict()
    if result.run_id is not None:
        _print_run_summary(db, result.run_id)
    gone = result.unreachable()
    if gone and code == 0:  # some outlets answered: say which did not, and why
        click.echo(
            f"no successful fetch from {len(gone)} outlet(s): "
            + "; ".join(f"{key} ({why})" for key, why in sorted(gone.items()))
        )
    if why:
        click.echo(why)
    sys.exit(code)


@click.command()
@click.option(
    "--db",
    default="prohori-demo.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite database for the demo crawl.",
)
@log_level_option("WARNING")
def demo(db: str, log_level: str) -> None:
    """Crawl the bundled offline mini-web and show the flagged stories.

    Starts a local replay of four fictional Bengali outlets on 127.0.0.1, crawls them through
    the full pipeline and prints the stories flagged as Russia's military ties. Run it twice
    with the same --db to see an incremental re-crawl.

    \b
    Example:
        prohori demo
        prohori demo --db /tmp/demo.db
    """
    from crawler.demo import run_demo
    from crawler.runner import EXIT_BUSY
    from crawler.store.lock import CrawlRunning

    try:
        code = run_demo(db, log_level, console)
    except CrawlRunning as exc:
        click.echo(f"Error: {exc}")
        sys.exit(EXIT_BUSY)
    except (DatabaseLocked, NotProhoriDatabase, SeedError) as exc:
        raise click.ClickException(str(exc)) from exc
    sys.exit(code)


def _print_run_summary(db: str, run_id: int) -> None:
    from crawler.monitor.status import run_figures

    storage = open_storage(db)
    try:
        run = run_figures(storage.db, run_id)
    finally:
        storage.close()
    if run is None:
        return
    f = run.figures
    console.print(
        f"run {run.id}: {f.requests} requests, {f.articles_new} new articles, "
        f"{f.articles_duplicate} copies, {f.flagged} flagged, "
        f"dropped {f.dropped or 'none'}, {f.skipped_known} known URLs skipped"
    )
