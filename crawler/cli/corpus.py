"""``prohori clusters``, ``prohori threads`` and ``prohori export``: the corpus, as copy clusters,
story threads or files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from crawler.cli.common import open_storage


@click.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--all", "include_single", is_flag=True, help="Include one-member clusters.")
def clusters(db: str, as_json: bool, include_single: bool) -> None:
    """List syndication clusters: one story with every outlet that ran it.

    With --json, one object per line: cluster_id, canonical_url (the earliest published copy)
    and members (url, outlet, published).

    \b
    Example:
        prohori clusters --db news.db
        prohori clusters --db news.db --json | jq -c '[.cluster_id, (.members | length)]'
    """
    from crawler.dedup.clusters import clusters as read_clusters

    storage = open_storage(db, create=False)
    with storage.snapshot() as database:
        found = read_clusters(database, include_single)
    if as_json:
        for cluster in found:
            click.echo(json.dumps(cluster, ensure_ascii=False))
        return
    table = Table(title=f"{len(found)} clusters")
    for column in ("cluster", "outlets", "canonical (earliest copy)", "copies"):
        table.add_column(column)
    for cluster in found:
        outlets = sorted({m["outlet"] for m in cluster["members"]})
        table.add_row(
            cluster["cluster_id"],
            ", ".join(outlets),
            cluster["canonical_url"] or "",
            str(len(cluster["members"]) - 1),
        )
    Console().print(table)


@click.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option(
    "--since", type=click.DateTime(["%Y-%m-%d"]), help="Threads with a member published since."
)
@click.option("--partner", help="Threads with a member naming this partner (e.g. India).")
@click.option("--all", "include_single", is_flag=True, help="Include one-article threads.")
@click.option(
    "--rebuild",
    is_flag=True,
    help="First file every stored article again, in publication order (index and thread ids).",
)
def threads(
    db: str,
    as_json: bool,
    since: Any,
    partner: str | None,
    include_single: bool,
    rebuild: bool,
) -> None:
    """List story threads: one event across outlets, first report first.

    A thread groups the articles that report the same event within a few days, copies
    (syndication clusters) and write-ups in an outlet's own words alike; its first report is
    the earliest published member. With --json, one object per line: thread_id, first_url and
    members (url, outlet, published, cluster_id). --rebuild refiles every stored article (the
    dedup index beside the database is a cache of it) and writes the threads again.

    \b
    Example:
        prohori threads --db news.db --since 2026-01-01 --partner India
        prohori threads --db news.db --json | jq -c '[.first_url, (.members | length)]'
        prohori threads --db news.db --rebuild
    """
    from crawler.dedup.threadlist import threads as read_threads

    storage = open_storage(db, create=False)
    if rebuild:
        from crawler.dedup.refill import rebuild as rebuild_threads
        from crawler.store.lock import CrawlRunning, crawl_lock

        try:
            with crawl_lock(db):
                count = rebuild_threads(storage)
        except CrawlRunning as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"{count} articles filed again", err=True)
    with storage.snapshot() as database:
        chosen = _partner_name(database, partner) if partner else None
        day = since.date().isoformat() if since else None
        found = read_threads(database, day, chosen, include_single)
    if as_json:
        for thread in found:
            click.echo(json.dumps(thread, ensure_ascii=False))
        return
    table = Table(title=f"{len(found)} threads")
    for column in ("thread", "first report", "published", "articles", "outlets"):
        table.add_column(column)
    for thread in found:
        first = thread["members"][0]
        table.add_row(
            thread["thread_id"],
            thread["first_url"],
            first["published"] or "",
            str(len(thread["members"])),
            ", ".join(sorted({m["outlet"] for m in thread["members"]})),
        )
    Console().print(table)


@click.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["jsonl", "csv", "parquet", "warc", "wacz"]),
    help="File format: rows (jsonl, csv, parquet) or the raw pages (warc; wacz for "
    "ReplayWeb.page).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the data, reviews, README.md (datasheet), datapackage.json, CITATION.cff, "
    "relevance-guideline.md and MANIFEST.",
)
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before.")
@click.option("--outlet", help="Only this outlet (key, name or domain).")
@click.option("--partner", help="Only stories naming this partner (e.g. India).")
@click.option("--reviewed-only", is_flag=True, help="Only stories a reviewer decided on.")
@click.option("--include-duplicates", is_flag=True, help="Also the later copies of a story.")
@click.option(
    "--no-text",
    is_flag=True,
    help="Leave out the article text and evidence sentence (metadata, URLs, labels only): "
    "for exports that may be shared publicly.",
)
@click.option("--excel", is_flag=True, help="CSV files start with a byte-order mark (for Excel).")
@click.option(
    "--pseudonymise",
    is_flag=True,
    help="Replace reviewer names with stable pseudonyms (the same in every export).",
)
@click.option(
    "--overwrite", is_flag=True, help="Replace an earlier export in --out (nothing else there)."
)
def export(
    db: str,
    fmt: str,
    out: str,
    since: Any,
    until: Any,
    outlet: str | None,
    partner: str | None,
    reviewed_only: bool,
    include_duplicates: bool,
    no_text: bool,
    excel: bool,
    pseudonymise: bool,
    overwrite: bool,
) -> None:
    """Export the corpus for research, with a datasheet and a checksum manifest.

    One row per article with url, outlet, title, published, text, language, cluster, thread,
    relevance fields, review decision, crawl time, extraction and model versions; the review
    decisions with their notes; a datasheet (README.md), datapackage.json, CITATION.cff and
    the relevance definition.

    \b
    Example:
        prohori export --db news.db --format parquet --out export/
        prohori export --db news.db --format csv --excel --out india/ --partner India
        prohori export --db news.db --format csv --no-text --pseudonymise --out public/
        prohori export --db news.db --format wacz --out archive/   # for ReplayWeb.page
        cd export && sha256sum -c MANIFEST
    """
    from rich.progress import Progress

    from crawler.export import ExportError, Filters, Options, check_options
    from crawler.export import export as write_export
    from crawler.export.reviews import ensure_key

    if since and until and since > until:
        raise click.BadParameter("--since is after --until", param_hint="--since")
    options = Options(no_text=no_text, excel=excel, pseudonymise=pseudonymise)
    try:
        check_options(fmt, options)
    except ExportError as exc:
        raise click.UsageError(str(exc)) from exc
    storage = open_storage(db, create=False)
    if pseudonymise:
        ensure_key(storage)
    database = storage.db
    filters = Filters(
        since.date().isoformat() if since else None,
        until.date().isoformat() if until else None,
        _outlet_key(database, outlet) if outlet else None,
        _partner_name(database, partner) if partner else None,
        reviewed_only,
        include_duplicates,
    )
    try:
        # One snapshot: rows, counts and the datasheet agree, whatever a crawl adds meanwhile.
        with storage.snapshot(), Progress(transient=True) as progress:
            total = database.execute("select count(*) from articles").fetchone()[0]
            task = progress.add_task("exporting", total=total)
            path, count = write_export(
                database,
                fmt,
                Path(out),
                filters,
                lambda: progress.advance(task),
                overwrite,
                options,
            )
    except ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    noun = "article" if count == 1 else "articles"
    click.echo(
        f"{count} {noun} -> {path} (datasheet README.md, datapackage.json, checksums MANIFEST)"
    )
    if not count:
        click.echo("Warning: no article matches these filters.", err=True)


def _outlet_key(database: Any, given: str) -> str:
    """An outlet's key from its key, name or domain, as `prohori crawl --outlet` takes them."""
    for key, name, domain in database.execute("select key, name, domain from outlets"):
        if given.casefold() in {str(x).casefold() for x in (key, name, domain) if x}:
            return str(key)
    keys = [k for (k,) in database.execute("select key from outlets order by key")]
    raise click.BadParameter(
        f"no outlet {given!r} in this database; outlets: {', '.join(keys) or 'none yet'}",
        param_hint="--outlet",
    )


def _partner_name(database: Any, given: str) -> str:
    """The partner as stored (English short name, e.g. India), whatever the case given."""
    from crawler.classify.lexicon import PARTNERS

    known = set(PARTNERS.values()) | {
        p for (p,) in database.execute("select distinct value from articles, json_each(partners)")
    }
    for name in known:
        if name.casefold() == given.casefold():
            return name
    raise click.BadParameter(
        f"{given!r} is not a partner name (English short names: India, Iran, North Korea ...)",
        param_hint="--partner",
    )
