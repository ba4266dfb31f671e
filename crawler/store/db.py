"""The schema migrations, and the queries on stored URLs that a crawl starts from.

Migrations are registered functions applied in order and recorded in ``_migrations`` (by
``crawler.store.storage.Storage``, under the write lock), so running them twice is safe (the
sqlite-utils / sqlite-migrate pattern).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(name: str) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        MIGRATIONS.append((name, fn))
        return fn

    return register


@migration("0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    db.table("outlets").create(
        {
            "key": str,
            "name": str,
            "domain": str,
            "country": str,
            "timezone": str,
            "render": int,
            "verified": int,
            "seed_path": str,
            "first_seen": str,
        },
        pk="key",
        if_not_exists=True,
    )
    db.table("articles").create(
        {
            "canonical_url": str,
            "url": str,
            "outlet": str,
            "title": str,
            "text": str,
            "published": str,
            "modified": str,
            "authors": str,
            "section": str,
            "language": str,
            "bengali_share": float,
            "content_hash": str,
            "duplicate_of": str,
            "cluster_id": str,
            "relevant": int,
            "score": float,
            "partners": str,
            "topics": str,
            "evidence": str,
            "model_version": str,
            "extraction_version": str,
            "source_type": str,
            "source_url": str,
            "fetched_at": str,
            "first_run": int,
            "last_run": int,
        },
        pk="canonical_url",
        if_not_exists=True,
    )
    db.table("articles").create_index(["outlet"], if_not_exists=True)
    db.table("articles").create_index(["content_hash"], if_not_exists=True)
    db.table("articles").create_index(["relevant", "published"], if_not_exists=True)
    db.table("crawl_runs").create(
        {
            "id": int,
            "started": str,
            "finished": str,
            "finish_reason": str,
            "outlets": str,
            "requests": int,
            "responses": int,
            "articles_new": int,
            "articles_duplicate": int,
            "flagged": int,
            "dropped": str,
            "skipped_known": int,
            "errors": int,
            "stats": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("run_outlets").create(
        {
            "run_id": int,
            "outlet": str,
            "requests": int,
            "responses": int,
            "articles_new": int,
            "articles_duplicate": int,
            "flagged": int,
            "dropped": str,
            "skipped_known": int,
            "discovered": int,
            "errors": int,
            "statuses": str,
        },
        pk=("run_id", "outlet"),
        foreign_keys=[("run_id", "crawl_runs", "id")],
        if_not_exists=True,
    )


@migration("0002_fts")
def _fts(db: sqlite_utils.Database) -> None:
    if not db.table("articles").detect_fts():
        db.table("articles").enable_fts(
            ["title", "text"], create_triggers=True, tokenize="unicode61"
        )


@migration("0003_dropped_urls")
def _dropped_urls(db: sqlite_utils.Database) -> None:
    # Pages fetched but not kept (English, galleries, ...): remembered so that re-crawls do not
    # fetch them again, and so that a researcher can see what was left out and why.
    db.table("dropped_urls").create(
        {
            "canonical_url": str,
            "url": str,
            "outlet": str,
            "reason": str,
            "detail": str,
            "first_run": int,
            "last_run": int,
        },
        pk="canonical_url",
        if_not_exists=True,
    )


@migration("0004_reviews_models")
def _reviews_models(db: sqlite_utils.Database) -> None:
    # Review decisions sit beside the machine label, never over it; `prohori train` learns
    # from them. `models` records every trained model so a crawl on this database uses it.
    db.table("reviews").create(
        {
            "id": int,
            "canonical_url": str,
            "decision": str,
            "reviewer": str,
            "note": str,
            "decided_at": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("reviews").create_index(["canonical_url"], if_not_exists=True)
    db.table("models").create(
        {
            "version": str,
            "path": str,
            "trained_at": str,
            "threshold": float,
            "examples": int,
            "reviews": int,
            "metrics": str,
        },
        pk="version",
        if_not_exists=True,
    )


@migration("0005_cluster_index")
def _cluster_index(db: sqlite_utils.Database) -> None:
    db.table("articles").create_index(["cluster_id"], if_not_exists=True)
    # The near-duplicate index moved to its own file (<db>-lsh), a rebuildable cache.
    for table in ("lsh_bands", "minhashes"):
        if table in db.table_names():
            db.table(table).drop()


@migration("0006_source_state")
def _source_state(db: sqlite_utils.Database) -> None:
    # HTTP validators of feeds, sitemaps and listing pages, for conditional GET. Written only
    # when a crawl finishes normally, so a crashed run's sources are fetched in full again.
    db.table("source_state").create(
        {"url": str, "outlet": str, "etag": str, "last_modified": str, "fetched_at": str},
        pk="url",
        if_not_exists=True,
    )


def _add_column(db: sqlite_utils.Database, table: str, column: str, kind: type) -> None:
    if column not in db.table(table).columns_dict:  # safe to run twice
        db.table(table).add_column(column, kind)


@migration("0007_not_modified")
def _not_modified(db: sqlite_utils.Database) -> None:
    for table in ("run_outlets", "crawl_runs"):
        _add_column(db, table, "not_modified", int)


@migration("0008_error_reasons")
def _error_reasons(db: sqlite_utils.Database) -> None:
    _add_column(db, "run_outlets", "error_reasons", str)
    _add_column(db, "run_outlets", "robots_forbidden", int)


@migration("0009_articles_updated")
def _articles_updated(db: sqlite_utils.Database) -> None:
    for table in ("run_outlets", "crawl_runs"):
        _add_column(db, table, "articles_updated", int)


@migration("0010_source_children")
def _source_children(db: sqlite_utils.Database) -> None:
    _add_column(db, "source_state", "children", str)


@migration("0011_raw_pages")
def _raw_pages(db: sqlite_utils.Database) -> None:
    # The response each stored article was extracted from (zlib-compressed), for the WARC
    # export and for re-extraction with a newer extractor.
    db.table("raw_pages").create(
        {
            "canonical_url": str,
            "url": str,
            "status": int,
            "request_headers": str,
            "response_headers": str,
            "body": bytes,
            "fetched_at": str,
        },
        pk="canonical_url",
        if_not_exists=True,
    )


@migration("0012_bengali_search")
def _bengali_search(db: sqlite_utils.Database) -> None:
    # The first index used FTS5's default tokenizer, which splits Bengali words at every vowel
    # sign (see crawler.search); rebuilt with the mark categories kept.
    from crawler.search import create_index

    create_index(db)


@migration("0013_users")
def _users(db: sqlite_utils.Database) -> None:
    # Reviewers of the web app (`prohori users add`); passwords are stored as salted scrypt
    # hashes only. `app_secrets` keeps the session-signing key across restarts of the server.
    db.table("users").create(
        {"name": str, "password_hash": str, "created": str, "disabled": int},
        pk="name",
        if_not_exists=True,
    )
    db.table("app_secrets").create({"name": str, "value": str}, pk="name", if_not_exists=True)


@migration("0014_run_outlets_by_outlet")
def _run_outlets_by_outlet(db: sqlite_utils.Database) -> None:
    # The dashboard reads each outlet's last runs; without this index that is a scan and a sort
    # of every run's figures (a second at 20,000 runs of 22 outlets).
    db.execute(
        "create index if not exists run_outlets_by_outlet on run_outlets (outlet, run_id desc)"
    )


@migration("0015_fts_on_text_only")
def _fts_on_text_only(db: sqlite_utils.Database) -> None:
    # Indexes made before this re-indexed an article on any update (a verdict, last_run).
    from crawler.search import UPDATE_TRIGGER

    db.execute("drop trigger if exists articles_au")
    db.execute(UPDATE_TRIGGER)


@migration("0016_run_error_reasons")
def _run_error_reasons(db: sqlite_utils.Database) -> None:
    # The run's failures by reason, summed over outlets (run_outlets has them per outlet).
    _add_column(db, "crawl_runs", "error_reasons", str)


# Drop reasons that will not change on a re-fetch; other drops are retried on the next run.
PERMANENT_DROPS = ("not_bengali", "not_html", "no_text", "binary", "not_article", "too_large")


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations in the caller's transaction; returns the names applied now.
    (``Storage`` calls it under the write lock; tests call it on an in-memory database.)"""
    db.execute("create table if not exists _migrations (name text primary key, applied text)")
    done = {r[0] for r in db.execute("select name from _migrations")}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        fn(db)
        db.execute("insert into _migrations values (?, ?)", [name, datetime.now(UTC).isoformat()])
        applied.append(name)
    return applied


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
