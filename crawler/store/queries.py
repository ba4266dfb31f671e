"""What a crawl starts from: the URLs it need not fetch again, the sources' HTTP validators."""

from __future__ import annotations

import json

import sqlite_utils

# Drop reasons that will not change on a re-fetch; other drops are retried on the next run.
PERMANENT_DROPS = ("not_bengali", "not_html", "no_text", "binary", "not_article", "too_large")


def known_urls(db: sqlite_utils.Database) -> dict[str, str | None]:
    """Canonical URLs that need no fetching — stored articles (with when they were fetched, to
    compare with an outlet's "last modified") and pages dropped for good (None)."""
    marks = ",".join("?" * len(PERMANENT_DROPS))
    known: dict[str, str | None] = {
        r[0]: None
        for r in db.execute(
            f"select canonical_url from dropped_urls where reason in ({marks})",
            list(PERMANENT_DROPS),
        )
    }
    known.update(db.execute("select canonical_url, fetched_at from articles").fetchall())
    return known


def source_state(
    db: sqlite_utils.Database,
) -> tuple[dict[str, tuple[str | None, str | None]], dict[str, list[str]]]:
    """The sources' HTTP validators (URL -> ETag, Last-Modified) kept after the last finished
    run, and each sitemap index's child sitemaps."""
    rows = list(db.table("source_state").rows)
    validators = {r["url"]: (r["etag"], r["last_modified"]) for r in rows}
    children = {r["url"]: json.loads(r["children"]) for r in rows if r.get("children")}
    return validators, children
