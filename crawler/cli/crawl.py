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
    set_option,
    settings_or_exit,
    usable_model,
)
from crawler.outlets import SeedError, load_outlets
from crawler.store import DatabaseLocked, NotProhoriDatabase


@click.command()
@seeds_option
@click.option("--outlet", default=None, help="Crawl only this outlet (name, key or domain).")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
@set_option()
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
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help="Worker processes (default: one per core; 1: all in this process). Each outlet "
    "goes to one worker; with --redis they share one frontier, and 0 starts none here.",
)
@click.option(
    "--redis",
    "redis_url",
    default=None,
    metavar="redis://HOST:PORT/DB",
    help="Share the crawl through Redis: workers on other machines join it with "
    "'prohori worker --redis URL'; this process stores what they all fetch.",
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
    workers: int | None,
    redis_url: str | None,
) -> None:
    """Crawl the outlets in the seed files into a database.

    Requests go through the proxy in the standard http_proxy / https_proxy environment
    variables when they are set (as behind an institutional proxy). The last line printed says
    what this run did, or why it failed.

    Worker processes (--workers, one per core by default) fetch, extract and classify; this
    process stores what they hand on and is the only one that opens the database. With
    --redis, workers on other machines ('prohori worker --redis URL') join the crawl.

    \b
    Exit status:
        0    the crawl finished and outlets answered
        1    the crawl failed: it raised, could not store what it fetched, no outlet answered,
             a worker ended before its work was done, or Redis stopped answering
        2    a bad option or setting (nothing was written)
        75   another crawl (or demo) is running on this database: try again later
        130  stopped by SIGINT (Ctrl+C), 143 by SIGTERM: what was stored is kept
    \b
    Example:
        prohori crawl --db news.db
        prohori crawl --outlet "Prothom Alo" --db news.db -s PROHORI_CONTACT=mailto:me@uni.edu
        prohori crawl --outlet jugantor --db news.db --since 2025-09-01 --until 2025-09-30
        prohori crawl --db news.db --workers 4
        prohori crawl --db news.db --redis redis://10.0.0.5:6379/0 --workers 2
    """
    from crawler.runner import EXIT_BUSY, EXIT_FAILED, EXIT_USAGE, run_crawl
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
    scale = _scale(workers, redis_url, len(outlets))
    if scale is not None and scale.redis:
        from crawler.scale.stream import NotRedisURL, RedisUnavailable, check_redis

        try:
            check_redis(scale.redis)
        except RedisUnavailable as exc:
            click.echo(f"Error: {exc}")
            sys.exit(EXIT_USAGE if isinstance(exc, NotRedisURL) else EXIT_FAILED)
    try:
        with crawl_lock(db):
            result = run_crawl(db, outlets, overrides, scale=scale)
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


def _scale(workers: int | None, redis_url: str | None, outlets: int) -> Any:
    """How many processes this crawl runs in: None for one process (today's crawl)."""
    import os

    from crawler.runner import Scale

    wanted = (os.cpu_count() or 1) if workers is None else workers
    if redis_url:
        return Scale(wanted, redis_url)
    if wanted == 0:
        raise click.BadParameter(
            "0 workers needs --redis (workers elsewhere)", param_hint="--workers"
        )
    # Without Redis each outlet goes to one worker: more workers than outlets would idle.
    wanted = min(wanted, outlets)
    return Scale(wanted) if wanted > 1 else None


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
