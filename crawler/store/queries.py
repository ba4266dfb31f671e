"""What a crawl starts from: the URLs it need not fetch again."""

from __future__ import annotations

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
