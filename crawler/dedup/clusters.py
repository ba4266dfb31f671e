"""Syndication clusters read back from the database (``prohori clusters``)."""

from __future__ import annotations

from typing import Any

import sqlite_utils


def clusters(db: sqlite_utils.Database, include_single: bool = False) -> list[dict[str, Any]]:
    """Clusters with their canonical member (the earliest published copy) and every member."""
    having = "" if include_single else "having count(*) > 1"
    rows = db.execute(
        f"""select cluster_id, canonical_url, url, outlet, published, duplicate_of
            from articles where cluster_id in
              (select cluster_id from articles group by cluster_id {having})
            order by cluster_id, published, canonical_url"""
    ).fetchall()
    result: dict[str, dict[str, Any]] = {}
    for cluster_id, canonical, url, outlet, published, duplicate_of in rows:
        entry = result.setdefault(
            cluster_id, {"cluster_id": cluster_id, "canonical_url": None, "members": []}
        )
        if duplicate_of is None:
            entry["canonical_url"] = canonical
        entry["members"].append(
            {"url": url, "canonical_url": canonical, "outlet": outlet, "published": published}
        )
    return list(result.values())
