"""``prohori clusters``: the syndication clusters of a database."""

from __future__ import annotations

import json

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
