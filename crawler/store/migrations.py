"""The schema migrations: the SQL each one ran, frozen.

Each migration is a name and its SQL statements, applied in order and recorded in
``_migrations`` (by ``crawler.store.storage.Storage``, inside one write transaction holding the
write lock), so running them twice is safe. A migration never imports live code: editing a
module must not change what an old migration does to a new database.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import sqlite_utils

MIGRATIONS: list[tuple[str, list[str]]] = []


def migration(name: str, *scripts: str) -> None:
    """Register a migration: SQL scripts, split into statements (triggers kept whole)."""
    statements: list[str] = []
    for script in scripts:
        script = script if script.rstrip().endswith(";") else script + ";"
        pending = ""
        for line in script.splitlines(keepends=True):
            pending += line
            if sqlite3.complete_statement(pending):
                statements.append(pending.strip())
                pending = ""
        if pending.strip():
            raise ValueError(f"migration {name}: an unfinished statement: {pending.strip()!r}")
    MIGRATIONS.append((name, statements))


migration(
    "0001_initial",
    """
    CREATE TABLE IF NOT EXISTS "outlets" (
       "key" TEXT PRIMARY KEY,
       "name" TEXT,
       "domain" TEXT,
       "country" TEXT,
       "timezone" TEXT,
       "render" INTEGER,
       "verified" INTEGER,
       "seed_path" TEXT,
       "first_seen" TEXT
    );
    CREATE TABLE IF NOT EXISTS "articles" (
       "canonical_url" TEXT PRIMARY KEY,
       "url" TEXT,
       "outlet" TEXT,
       "title" TEXT,
       "text" TEXT,
       "published" TEXT,
       "modified" TEXT,
       "authors" TEXT,
       "section" TEXT,
       "language" TEXT,
       "bengali_share" REAL,
       "content_hash" TEXT,
       "duplicate_of" TEXT,
       "cluster_id" TEXT,
       "relevant" INTEGER,
       "score" REAL,
       "partners" TEXT,
       "topics" TEXT,
       "evidence" TEXT,
       "model_version" TEXT,
       "extraction_version" TEXT,
       "source_type" TEXT,
       "source_url" TEXT,
       "fetched_at" TEXT,
       "first_run" INTEGER,
       "last_run" INTEGER
    );
    CREATE INDEX IF NOT EXISTS "idx_articles_outlet"
        ON "articles" ("outlet");
    CREATE INDEX IF NOT EXISTS "idx_articles_content_hash"
        ON "articles" ("content_hash");
    CREATE INDEX IF NOT EXISTS "idx_articles_relevant_published"
        ON "articles" ("relevant", "published");
    CREATE TABLE IF NOT EXISTS "crawl_runs" (
       "id" INTEGER PRIMARY KEY,
       "started" TEXT,
       "finished" TEXT,
       "finish_reason" TEXT,
       "outlets" TEXT,
       "requests" INTEGER,
       "responses" INTEGER,
       "articles_new" INTEGER,
       "articles_duplicate" INTEGER,
       "flagged" INTEGER,
       "dropped" TEXT,
       "skipped_known" INTEGER,
       "errors" INTEGER,
       "stats" TEXT
    );
    CREATE TABLE IF NOT EXISTS "run_outlets" (
       "run_id" INTEGER REFERENCES "crawl_runs"("id"),
       "outlet" TEXT,
       "requests" INTEGER,
       "responses" INTEGER,
       "articles_new" INTEGER,
       "articles_duplicate" INTEGER,
       "flagged" INTEGER,
       "dropped" TEXT,
       "skipped_known" INTEGER,
       "discovered" INTEGER,
       "errors" INTEGER,
       "statuses" TEXT,
       PRIMARY KEY ("run_id", "outlet")
    );
    """,
)

# Full-text search over title and text, kept current by triggers.
migration(
    "0002_fts",
    """
    CREATE VIRTUAL TABLE "articles_fts" USING FTS5 (
        "title", "text",
        tokenize='unicode61',
        content="articles"
    );
    INSERT INTO "articles_fts" (rowid, "title", "text")
        SELECT rowid, "title", "text" FROM "articles";
    CREATE TRIGGER "articles_ai" AFTER INSERT ON "articles" BEGIN
      INSERT INTO "articles_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", new."text");
    END;
    CREATE TRIGGER "articles_ad" AFTER DELETE ON "articles" BEGIN
      INSERT INTO "articles_fts" ("articles_fts", rowid, "title", "text") VALUES('delete', old.rowid, old."title", old."text");
    END;
    CREATE TRIGGER "articles_au" AFTER UPDATE ON "articles" BEGIN
      INSERT INTO "articles_fts" ("articles_fts", rowid, "title", "text") VALUES('delete', old.rowid, old."title", old."text");
      INSERT INTO "articles_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", new."text");
    END;
    """,
)

# Pages fetched but not kept (English, galleries, ...): remembered so that re-crawls do not
# fetch them again, and so that a researcher can see what was left out and why.
migration(
    "0003_dropped_urls",
    """
    CREATE TABLE IF NOT EXISTS "dropped_urls" (
       "canonical_url" TEXT PRIMARY KEY,
       "url" TEXT,
       "outlet" TEXT,
       "reason" TEXT,
       "detail" TEXT,
       "first_run" INTEGER,
       "last_run" INTEGER
    );
    """,
)

# Review decisions sit beside the machine label, never over it; `prohori train` learns from
# them. `models` records every trained model so a crawl on this database uses it.
migration(
    "0004_reviews_models",
    """
    CREATE TABLE IF NOT EXISTS "reviews" (
       "id" INTEGER PRIMARY KEY,
       "canonical_url" TEXT,
       "decision" TEXT,
       "reviewer" TEXT,
       "note" TEXT,
       "decided_at" TEXT
    );
    CREATE INDEX IF NOT EXISTS "idx_reviews_canonical_url"
        ON "reviews" ("canonical_url");
    CREATE TABLE IF NOT EXISTS "models" (
       "version" TEXT PRIMARY KEY,
       "path" TEXT,
       "trained_at" TEXT,
       "threshold" REAL,
       "examples" INTEGER,
       "reviews" INTEGER,
       "metrics" TEXT
    );
    """,
)

# The near-duplicate index moved to its own file (<db>-lsh), a rebuildable cache.
migration(
    "0005_cluster_index",
    """
    CREATE INDEX IF NOT EXISTS "idx_articles_cluster_id"
        ON "articles" ("cluster_id");
    DROP TABLE IF EXISTS lsh_bands;
    DROP TABLE IF EXISTS minhashes;
    """,
)

# HTTP validators of feeds, sitemaps and listing pages, for conditional GET. Written only when a
# crawl finishes normally, so a crashed run's sources are fetched in full again.
migration(
    "0006_source_state",
    """
    CREATE TABLE IF NOT EXISTS "source_state" (
       "url" TEXT PRIMARY KEY,
       "outlet" TEXT,
       "etag" TEXT,
       "last_modified" TEXT,
       "fetched_at" TEXT
    );
    """,
)

migration(
    "0007_not_modified",
    """
    ALTER TABLE "run_outlets" ADD COLUMN "not_modified" INTEGER;
    ALTER TABLE "crawl_runs" ADD COLUMN "not_modified" INTEGER;
    """,
)

migration(
    "0008_error_reasons",
    """
    ALTER TABLE "run_outlets" ADD COLUMN "error_reasons" TEXT;
    ALTER TABLE "run_outlets" ADD COLUMN "robots_forbidden" INTEGER;
    """,
)

migration(
    "0009_articles_updated",
    """
    ALTER TABLE "run_outlets" ADD COLUMN "articles_updated" INTEGER;
    ALTER TABLE "crawl_runs" ADD COLUMN "articles_updated" INTEGER;
    """,
)

migration(
    "0010_source_children",
    """
    ALTER TABLE "source_state" ADD COLUMN "children" TEXT;
    """,
)

# The response each stored article was extracted from (zlib-compressed), for the WARC export
# and for re-extraction with a newer extractor.
migration(
    "0011_raw_pages",
    """
    CREATE TABLE IF NOT EXISTS "raw_pages" (
       "canonical_url" TEXT PRIMARY KEY,
       "url" TEXT,
       "status" INTEGER,
       "request_headers" TEXT,
       "response_headers" TEXT,
       "body" BLOB,
       "fetched_at" TEXT
    );
    """,
)

# The first index used FTS5's default tokenizer, which splits Bengali words at every vowel
# sign (see crawler.store.search); rebuilt with the mark categories kept.
migration(
    "0012_bengali_search",
    """
    drop trigger if exists articles_ai;
    drop trigger if exists articles_ad;
    drop trigger if exists articles_au;
    drop table if exists articles_fts;
    create virtual table articles_fts using fts5(
                title, text, content=[articles], content_rowid=[rowid], tokenize="unicode61 categories 'L* N* Co M*' remove_diacritics 0");
    create trigger articles_ai after insert on articles begin
                insert into articles_fts(rowid, title, text) values (new.rowid, new.title, new.text);
            end;
    create trigger articles_ad after delete on articles begin
                insert into articles_fts(articles_fts, rowid, title, text)
                values ('delete', old.rowid, old.title, old.text);
            end;
    create trigger articles_au after update on articles begin
                insert into articles_fts(articles_fts, rowid, title, text)
                values ('delete', old.rowid, old.title, old.text);
                insert into articles_fts(rowid, title, text) values (new.rowid, new.title, new.text);
            end;
    insert into articles_fts(articles_fts) values ('rebuild');
    """,
)

# Reviewers of the web app (`prohori users add`); passwords are stored as salted scrypt hashes
# only. `app_secrets` keeps the session-signing key across restarts of the server.
migration(
    "0013_users",
    """
    CREATE TABLE IF NOT EXISTS "users" (
       "name" TEXT PRIMARY KEY,
       "password_hash" TEXT,
       "created" TEXT,
       "disabled" INTEGER
    );
    CREATE TABLE IF NOT EXISTS "app_secrets" (
       "name" TEXT PRIMARY KEY,
       "value" TEXT
    );
    """,
)

# The dashboard reads each outlet's last runs; without this index that is a scan and a sort of
# every run's figures.
migration(
    "0014_run_outlets_by_outlet",
    """
    create index if not exists run_outlets_by_outlet on run_outlets (outlet, run_id desc);
    """,
)

# Indexes made before this re-indexed an article on any update (a verdict, last_run).
migration(
    "0015_fts_on_text_only",
    """
    drop trigger if exists articles_au;
    create trigger articles_au after update of title, text on articles begin
                insert into articles_fts(articles_fts, rowid, title, text)
                values ('delete', old.rowid, old.title, old.text);
                insert into articles_fts(rowid, title, text) values (new.rowid, new.title, new.text);
            end;
    """,
)

# The run's failures by reason, summed over outlets (run_outlets has them per outlet).
migration(
    "0016_run_error_reasons",
    """
    ALTER TABLE "crawl_runs" ADD COLUMN "error_reasons" TEXT;
    """,
)

# Run figures as one JSON record per outlet and per run (``crawler.monitor.figures.Figures``):
# a new figure no longer needs a column, a migration and edits in every reader.
_RUN_OUTLET_FIGURES = (
    "requests", "responses", "discovered", "skipped_known", "not_modified", "robots_forbidden",
    "articles_new", "articles_duplicate", "articles_updated", "flagged",
)  # fmt: skip
_RUN_FIGURES = (
    "requests", "responses", "skipped_known", "not_modified", "articles_new",
    "articles_duplicate", "articles_updated", "flagged",
)  # fmt: skip
migration(
    "0017_run_figures_record",
    'ALTER TABLE "run_outlets" ADD COLUMN "figures" TEXT',
    "UPDATE run_outlets SET figures = json_object("
    + ", ".join(f"'{n}', coalesce({n}, 0)" for n in _RUN_OUTLET_FIGURES)
    + ", 'dropped', json(coalesce(dropped, '{}')), 'error_reasons',"
    " json(coalesce(error_reasons, '{}')), 'statuses', json(coalesce(statuses, '{}')))",
    *(
        f'ALTER TABLE "run_outlets" DROP COLUMN "{n}"'
        for n in (*_RUN_OUTLET_FIGURES, "dropped", "error_reasons", "statuses", "errors")
    ),
    'ALTER TABLE "crawl_runs" ADD COLUMN "figures" TEXT',
    "UPDATE crawl_runs SET figures = json_object("
    + ", ".join(f"'{n}', coalesce({n}, 0)" for n in _RUN_FIGURES)
    + ", 'dropped', json(coalesce(dropped, '{}')), 'error_reasons',"
    " json(coalesce(error_reasons, '{}')))",
    *(
        f'ALTER TABLE "crawl_runs" DROP COLUMN "{n}"'
        for n in (*_RUN_FIGURES, "dropped", "error_reasons", "errors")
    ),
)


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations in the caller's transaction; returns the names applied now.
    (``Storage`` calls it under the write lock; tests call it on an in-memory database.)"""
    db.execute("create table if not exists _migrations (name text primary key, applied text)")
    done = {r[0] for r in db.execute("select name from _migrations")}
    applied = []
    for name, statements in MIGRATIONS:
        if name in done:
            continue
        for statement in statements:
            db.conn.execute(statement)
        db.execute("insert into _migrations values (?, ?)", [name, datetime.now(UTC).isoformat()])
        applied.append(name)
    return applied


# Story threads (issue 16): the same event across outlets, a level above copy clusters. An
# article's thread is articles.thread_id; threads holds each thread's first report (the earliest
# published member) and its size.
migration(
    "0018_story_threads",
    """
    ALTER TABLE "articles" ADD COLUMN "thread_id" TEXT;
    CREATE INDEX IF NOT EXISTS "idx_articles_thread_id" ON "articles" ("thread_id");
    CREATE TABLE IF NOT EXISTS "threads" (
       "thread_id" TEXT PRIMARY KEY,
       "first_url" TEXT,
       "first_published" TEXT,
       "last_published" TEXT,
       "articles" INTEGER,
       "outlets" INTEGER,
       "title" TEXT
    );
    """,
)
