"""The dedup index file beside the database (``<db>-dedup``): a rebuildable cache.

It holds what the two levels look up — the copy level's sketches, winnowed keys and anchors, the
thread level's profiles, thread centroids and document frequencies — and nothing that is not
also in the articles table: an article's copy cluster and thread are columns of ``articles``,
and every row here can be computed again from the stored texts (``crawler.dedup.refill``). So
the file is written without a journal or fsync, and a file that is missing, damaged (not closed
cleanly and failing ``quick_check``), of another scheme, or built for another database is
deleted and refilled.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

logger = logging.getLogger(__name__)

SUFFIX = "-dedup"
# Changes whenever what is stored changes meaning: a file of another scheme is rebuilt.
SCHEME = "winnow12-anchors-profiles48-v1"
CACHE_KB = 16 * 1024  # SQLite page cache for the file

SCHEMA = """
create table if not exists state (key text primary key, value);
create table if not exists copy_docs (
    day integer not null,
    doc integer not null,
    url text not null,
    hours real,
    n_words integer not null,
    n_shingles integer not null,
    keys blob not null,
    sample blob not null,
    numbers text not null,
    title text not null,
    title_numbers text not null,
    series integer not null,
    flags integer not null
);
create unique index if not exists copy_docs_day on copy_docs (day, doc);
create table if not exists copy_anchors (
    key integer not null,
    day integer not null,
    doc integer not null,
    primary key (key, day, doc)
) without rowid;
create table if not exists copy_stop_keys (key integer primary key);
create table if not exists thread_docs (
    day integer not null,
    doc integer not null,
    thread integer not null,
    hours real,
    flags integer not null,
    series integer not null,
    terms blob not null,
    weights blob not null,
    posted blob not null,
    places text not null,
    title_dates text not null
);
create unique index if not exists thread_docs_day on thread_docs (day, doc);
create table if not exists threads (
    thread integer primary key,
    first_doc integer not null,
    first_day integer not null,
    first_hours real,
    size integer not null,
    centroid_terms blob not null,
    centroid_weights blob not null
);
create table if not exists thread_alias (old integer primary key, new integer not null);
"""


def cache_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}{SUFFIX}")


def get_state(conn: sqlite3.Connection, key: str) -> object:
    row = conn.execute("select value from state where key = ?", [key]).fetchone()
    return row[0] if row else None


def set_state(conn: sqlite3.Connection, key: str, value: object) -> None:
    conn.execute("insert or replace into state values (?, ?)", [key, value])


def _usable(conn: sqlite3.Connection, database: str) -> str | None:
    """Why an existing file cannot be used as it is, or None."""
    conn.executescript(SCHEMA)
    scheme = get_state(conn, "scheme")
    if scheme is not None and scheme != SCHEME:
        return f"built with another scheme ({scheme})"
    owner = get_state(conn, "database")
    if owner is not None and owner != database:
        return "built for another database"
    crashed = get_state(conn, "clean") is None and get_state(conn, "scheme") is not None
    if crashed and conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        return "damaged (not closed cleanly)"
    return None


def open_cache(path: str | Path, database: str) -> sqlite3.Connection:
    """Open the index file, or a new empty one when it cannot be used. ``database`` identifies
    the database it belongs to (``database_identity``)."""
    path = Path(path)
    legacy = Path(str(path)[: -len(SUFFIX)] + "-lsh") if str(path).endswith(SUFFIX) else None
    if legacy is not None and legacy.is_file():
        legacy.unlink()  # the MinHash index this file replaces
    for attempt in range(2):
        conn = sqlite3.connect(str(path))
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute(f"PRAGMA cache_size=-{CACHE_KB}")
            problem = _usable(conn, database)
            if problem is None:
                set_state(conn, "scheme", SCHEME)
                set_state(conn, "database", database)
                conn.execute("delete from state where key = 'clean'")
                conn.commit()
                return conn
        except sqlite3.DatabaseError as exc:
            problem = f"unreadable ({exc})"
        conn.close()
        if attempt:
            raise sqlite3.DatabaseError(f"cannot create the dedup index {path}: {problem}")
        logger.warning("dedup index %s %s: rebuilding it from the articles", path, problem)
        os.remove(path)
    raise AssertionError("unreachable")


def close_cache(conn: sqlite3.Connection) -> None:
    set_state(conn, "clean", 1)
    conn.commit()
    conn.close()


def database_identity(db: sqlite3.Connection) -> str:
    """What tells this database from another one at the same path: when its first migration
    ran."""
    row = db.execute("select applied from _migrations order by name limit 1").fetchone()
    return str(row[0]) if row else ""
