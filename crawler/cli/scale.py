"""``prohori worker`` and ``prohori ingest``: the two roles of a crawl shared through Redis."""

from __future__ import annotations

import sys
from typing import Any

import click

from crawler.cli.common import (
    log_level_option,
    parse_set,
    seeds_option,
    set_option,
    settings_or_exit,
)
from crawler.cli.crawl import crawl

REDIS_HELP = "The crawl's Redis: redis://HOST:PORT/DB (one crawl per Redis database)."


@click.command()
@click.option("--redis", "redis_url", required=True, metavar="redis://HOST:PORT/DB",
              help=REDIS_HELP)  # fmt: skip
@set_option("Override a setting on this machine (repeatable), e.g. PROHORI_CONTACT.")
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=3600.0,
    show_default=True,
    help="Seconds to wait for a crawl to start before giving up.",
)
@click.option("--die-with-parent", is_flag=True, hidden=True)  # workers a writer started
@log_level_option("INFO")
def worker(
    redis_url: str, settings: tuple[str, ...], wait: float, die_with_parent: bool, log_level: str
) -> None:
    """Join a crawl shared through Redis as one more worker.

    The worker fetches pages from the crawl's shared queue (politeness per site is shared by
    all workers), extracts, keeps Bengali and classifies them, and hands each article to the
    crawl's writer ('prohori crawl --redis' or 'prohori ingest'), which stores it. It waits
    for a crawl to start, works until that crawl is done, and exits: run it as a service that
    is restarted (see the README's "Several machines") to join every crawl.

    \b
    Exit status:
        0    the crawl it joined is done
        1    no crawl started within --wait, or Redis stopped answering
        2    a bad option or setting
    \b
    Example:
        prohori worker --redis redis://10.0.0.5:6379/0
        prohori worker --redis redis://10.0.0.5:6379/0 -s PROHORI_CONTACT=mailto:me@uni.edu
    """
    from crawler.scale.join import join_crawl
    from crawler.scale.stream import RedisUnavailable, check_redis
    from crawler.scale.worker import die_with_parent as attach_to_parent

    overrides: dict[str, Any] = {"LOG_LEVEL": log_level, **parse_set(settings)}
    settings_or_exit(overrides)
    try:
        check_redis(redis_url)
    except RedisUnavailable as exc:
        click.echo(f"Error: {exc}")
        sys.exit(1)
    if die_with_parent:
        attach_to_parent()
    sys.exit(join_crawl(redis_url, overrides, wait))


@click.command()
@click.option("--redis", "redis_url", required=True, metavar="redis://HOST:PORT/DB",
              help=REDIS_HELP)  # fmt: skip
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
@seeds_option
@click.option("--outlet", default=None, help="Crawl only this outlet (name, key or domain).")
@set_option()
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Backfill: also crawl the outlets' date archives from this day on.")  # fmt: skip
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Last day of the backfill (default: today).")  # fmt: skip
@log_level_option("INFO")
@click.pass_context
def ingest(ctx: click.Context, redis_url: str, **options: Any) -> None:
    """Start a crawl shared through Redis and store what its workers fetch (the writer alone).

    The same as 'prohori crawl --redis URL --workers 0': it opens the run on the database,
    puts the crawl in Redis, and stores every article the workers ('prohori worker --redis
    URL' on any machine) hand on, until the crawl is done; exit statuses as 'prohori crawl'.
    Started again after a crash, it resumes the same crawl: items that were handed on but not
    yet stored are stored then, once.

    \b
    Example:
        prohori ingest --redis redis://10.0.0.5:6379/0 --db /srv/prohori/news.db
    """
    ctx.invoke(crawl, redis_url=redis_url, workers=0, **options)
