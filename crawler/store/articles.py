"""Writing one article (and its raw page) or one dropped page: the rows the store stage keeps.

Called inside a write transaction (``Storage.write``): the article, its raw response and the
relinking of its syndication cluster are one unit.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from crawler.dedup.urls import canonical_url
from crawler.items import Article


def article_row(item: Article, run_id: int) -> dict[str, Any]:
    return {
        "canonical_url": item.canonical_url,
        "url": item.url,
        "outlet": item.outlet,
        "title": item.title,
        "text": item.text,
        "published": item.published,
        "modified": item.modified,
        "authors": json.dumps(item.authors, ensure_ascii=False),
        "section": item.section,
        "language": item.language,
        "bengali_share": item.bengali_share,
        "content_hash": item.content_hash,
        "duplicate_of": item.duplicate_of,
        "cluster_id": item.cluster_id,
        "thread_id": item.thread_id,
        "relevant": int(item.relevant),
        "score": item.score,
        "partners": json.dumps(item.partners),
        "topics": json.dumps(item.topics),
        "evidence": item.evidence,
        "model_version": item.model_version,
        "extraction_version": item.extraction_version,
        "source_type": item.source_type,
        "source_url": item.source_url,
        "fetched_at": item.fetched_at,
        "first_run": run_id,
        "last_run": run_id,
    }


# The article's columns in insert order; an upsert rewrites all of them but ``first_run``.
_COLUMNS = (
    "canonical_url", "url", "outlet", "title", "text", "published", "modified", "authors",
    "section", "language", "bengali_share", "content_hash", "duplicate_of", "cluster_id",
    "thread_id", "relevant", "score", "partners", "topics", "evidence", "model_version",
    "extraction_version", "source_type", "source_url", "fetched_at", "first_run", "last_run",
)  # fmt: skip
# Plain SQL rather than sqlite-utils' upsert, which inspects the table's columns on every call:
# the store stage runs once per article, so that inspection was most of its cost.
_UPSERT_ARTICLE = (
    f"insert into articles ({', '.join(_COLUMNS)}) values ({', '.join('?' * len(_COLUMNS))})"
    " on conflict(canonical_url) do update set "
    + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c not in ("canonical_url", "first_run"))
)
_RAW_COLUMNS = (
    "canonical_url", "url", "status", "request_headers", "response_headers", "body", "fetched_at",
)  # fmt: skip
_UPSERT_RAW = (
    f"insert into raw_pages ({', '.join(_RAW_COLUMNS)}) values"
    f" ({', '.join('?' * len(_RAW_COLUMNS))}) on conflict(canonical_url) do update set "
    + ", ".join(f"{c} = excluded.{c}" for c in _RAW_COLUMNS if c != "canonical_url")
)
# zlib's fastest level: the archive copy is written for every page and read only by exports,
# and level 1 compresses HTML to nearly the same size for a fraction of level 6's time.
RAW_COMPRESSION = 1


def save_article(db: Any, item: Article, run_id: int) -> None:
    """Upsert the article and its raw page; relink its cluster when it became canonical.
    (A stored article keeps its ``first_run``: the upsert leaves that column alone.)"""
    row = article_row(item, run_id)
    db.execute(_UPSERT_ARTICLE, [row[c] for c in _COLUMNS])
    db.execute(
        _UPSERT_RAW,
        [
            item.canonical_url,
            item.url,
            item.status,
            json.dumps(item.request_headers),
            json.dumps(item.response_headers),
            zlib.compress(item.body or item.html.encode("utf-8"), RAW_COMPRESSION),
            item.fetched_at,
        ],
    )
    if item.replaces_cluster:
        db.execute(
            "update articles set cluster_id = ? where cluster_id = ?",
            [item.cluster_id, item.replaces_cluster],
        )
    if item.demotes:
        db.execute(
            "update articles set duplicate_of = ? where canonical_url = ? or duplicate_of = ?",
            [item.canonical_url, item.demotes, item.demotes],
        )
    if item.thread_id:
        rename_threads(db, item.thread_id, item.thread_renames)


def rename_threads(db: Any, thread: str, renames: list[str]) -> None:
    """Move the members of the absorbed threads into ``thread`` and write its summary row."""
    for old in renames:
        if old != thread:
            db.execute("update articles set thread_id = ? where thread_id = ?", [thread, old])
            db.execute("delete from threads where thread_id = ?", [old])
    summarize_thread(db, thread)


def summarize_thread(db: Any, thread: str) -> None:
    """The ``threads`` row of one thread, from its members: the first report is the earliest
    published member (undated members count only when none is dated)."""
    rows = db.execute(
        "select canonical_url, published, outlet, title from articles where thread_id = ?"
        " order by published is null, published, rowid",
        [thread],
    ).fetchall()
    if not rows:
        db.execute("delete from threads where thread_id = ?", [thread])
        return
    dated = [r[1] for r in rows if r[1]]
    db.execute(
        "insert or replace into threads (thread_id, first_url, first_published, last_published,"
        " articles, outlets, title) values (?, ?, ?, ?, ?, ?, ?)",
        [thread, rows[0][0], rows[0][1], max(dated) if dated else None, len(rows),
         len({r[2] for r in rows}), rows[0][3]],
    )  # fmt: skip


def save_drop(db: Any, item: Article, reason: str, detail: str, run_id: int) -> None:
    """Remember a page not kept, and why (re-crawls skip the permanent reasons)."""
    db.execute(
        "insert into dropped_urls (canonical_url, url, outlet, reason, detail, first_run,"
        " last_run) values (?, ?, ?, ?, ?, ?, ?) on conflict(canonical_url) do update set"
        " reason = excluded.reason, detail = excluded.detail, last_run = excluded.last_run",
        [canonical_url(item.url), item.url, item.outlet, reason, detail[:300], run_id, run_id],
    )
