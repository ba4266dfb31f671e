"""``prohori clusters`` and ``prohori export``: the corpus, as clusters or as files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table


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
    from crawler.cli import _open
    from crawler.clusters import clusters as read_clusters

    found = read_clusters(_open(db, create=False), include_single)
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
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["jsonl", "csv", "parquet", "warc"]),
    help="File format: rows (jsonl, csv, parquet) or the raw pages (warc).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the rows, README.md (datasheet) and MANIFEST.",
)
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before.")
@click.option("--outlet", help="Only this outlet (key).")
@click.option("--partner", help="Only stories naming this partner (e.g. India).")
@click.option("--reviewed-only", is_flag=True, help="Only stories a reviewer decided on.")
@click.option("--include-duplicates", is_flag=True, help="Also the later copies of a story.")
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
) -> None:
    """Export the corpus for research, with a datasheet and a checksum manifest.

    One row per article with url, outlet, title, published, text, language, cluster, relevance
    fields, review decision, crawl time, extraction and model versions.

    \b
    Example:
        prohori export --db news.db --format parquet --out export/
        prohori export --db news.db --format csv --out india/ --partner India --since 2025-01-01
        prohori export --db news.db --format warc --out archive/
        cd export && sha256sum -c MANIFEST
    """
    from rich.progress import Progress

    from crawler.cli import _open
    from crawler.export import Filters
    from crawler.export import export as write_export

    database = _open(db, create=False)
    filters = Filters(
        since.date().isoformat() if since else None,
        until.date().isoformat() if until else None,
        outlet,
        partner,
        reviewed_only,
        include_duplicates,
    )
    total = database.execute("select count(*) from articles").fetchone()[0]
    with Progress(transient=True) as progress:
        task = progress.add_task("exporting", total=total)
        path, count = write_export(
            database, fmt, Path(out), filters, lambda: progress.advance(task)
        )
    click.echo(f"{count} articles -> {path} (datasheet README.md, checksums MANIFEST)")
