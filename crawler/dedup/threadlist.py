"""Story threads read back from the database (``prohori threads``).

A thread is the same event across outlets (``articles.thread_id``, filed by the dedup stage); its
first report is its earliest published member. Each member carries its copy cluster, so a reader
sees both levels: who ran a copy of one text, and who covered the event in their own words.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils


def threads(
    db: sqlite_utils.Database,
    since: str | None = None,
    partner: str | None = None,
    include_single: bool = False,
) -> list[dict[str, Any]]:
    """Threads with their first report and every member, earliest first (undated last).

    ``since``: threads with a member published on or after that day (YYYY-MM-DD);
    ``partner``: threads with a member naming that partner country (as stored, e.g. India)."""
    chosen = ["thread_id is not null"]
    args: list[str] = []
    if since:
        chosen.append("published >= ?")
        args.append(since)
    if partner:
        chosen.append("exists (select 1 from json_each(articles.partners) where value = ?)")
        args.append(partner)
    having = "" if include_single else "having count(*) > 1"
    rows = db.execute(
        f"""select thread_id, url, outlet, published, cluster_id from articles
            where thread_id in (select thread_id from articles where {" and ".join(chosen)})
              and thread_id in (select thread_id from articles where thread_id is not null
                                group by thread_id {having})
            order by thread_id, published is null, published, rowid""",
        args,
    ).fetchall()
    result: dict[str, dict[str, Any]] = {}
    for thread_id, url, outlet, published, cluster_id in rows:
        entry = result.setdefault(
            thread_id, {"thread_id": thread_id, "first_url": url, "members": []}
        )
        entry["members"].append(
            {"url": url, "outlet": outlet, "published": published, "cluster_id": cluster_id}
        )
    return sorted(
        result.values(),
        key=lambda t: (t["members"][0]["published"] is None, t["members"][0]["published"] or ""),
    )
