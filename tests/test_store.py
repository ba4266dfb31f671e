"""Schema migrations and the database helpers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crawler.items import Article
from crawler.monitor.figures import Figures
from crawler.monitor.status import runs as monitor_runs
from crawler.store import Storage, known_urls
from crawler.store.migrations import MIGRATIONS, migrate
from tests.conftest import ROOT


def test_migrations_apply_once(tmp_path: Path) -> None:
    db = Storage(tmp_path / "m.db").db
    assert {r["name"] for r in db.table("_migrations").rows} == {name for name, _ in MIGRATIONS}
    assert migrate(db) == []  # running again applies nothing
    assert db.journal_mode == "wal"
    for table in ("articles", "outlets", "crawl_runs", "run_outlets", "dropped_urls"):
        assert table in db.table_names()
    assert db.table("articles").detect_fts() == "articles_fts"


def test_known_urls_cover_articles_and_permanent_drops(tmp_path: Path) -> None:
    db = Storage(tmp_path / "k.db").db
    db.table("articles").insert({"canonical_url": "https://a.test/1", "outlet": "a", "text": "x"})
    db.table("dropped_urls").insert_all(
        [
            {"canonical_url": "https://a.test/en", "reason": "not_bengali"},
            {"canonical_url": "https://a.test/err", "reason": "http_error"},
        ]
    )
    known = known_urls(db)
    assert set(known) == {"https://a.test/1", "https://a.test/en"}
    assert known["https://a.test/en"] is None  # dropped for good: never re-fetched


def test_full_text_search_finds_stored_text(tmp_path: Path) -> None:
    db = Storage(tmp_path / "f.db").db
    db.table("articles").insert({"canonical_url": "u", "title": "রাশিয়া বৈঠক", "text": "প্রতিরক্ষা"})
    hits = list(db.table("articles").search("প্রতিরক্ষা"))
    assert [h["canonical_url"] for h in hits] == ["u"]


def test_migrations_are_frozen_sql() -> None:
    """A migration is its SQL, not a call into live code that may change."""
    source = (ROOT / "crawler" / "store" / "migrations.py").read_text(encoding="utf-8")
    assert "from crawler" not in source and "import crawler" not in source
    assert all(statements for _, statements in MIGRATIONS)


def test_run_figures_of_an_older_database_become_records(tmp_path: Path) -> None:
    """Migration 0017 turns the per-figure columns of older runs into one JSON record each."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("create table _migrations (name text primary key, applied text)")
    before = [m for m in MIGRATIONS if m[0] < "0017"]  # a database of the release before it
    for name, statements in before:
        for statement in statements:
            conn.execute(statement)
        conn.execute("insert into _migrations values (?, '2026-11-23')", [name])
    conn.execute(
        "insert into crawl_runs (id, started, finish_reason, requests, articles_new, dropped,"
        " error_reasons) values (1, '2026-11-23', 'finished', 12, 5, '{\"no_text\": 2}', '{}')"
    )
    conn.execute(
        "insert into run_outlets (run_id, outlet, requests, responses, articles_new, discovered,"
        " statuses, error_reasons, dropped) values (1, 'a', 12, 11, 5, 9, '{\"200\": 11}',"
        " '{\"source_dns\": 1}', '{\"no_text\": 2}')"
    )
    conn.commit()
    conn.close()
    db = Storage(path).db
    runs = {r.id: r for r in monitor_runs(db)}
    assert runs[1].figures == Figures(requests=12, articles_new=5, dropped={"no_text": 2})
    outlet = runs[1].outlets["a"]
    assert (outlet.requests, outlet.responses, outlet.discovered) == (12, 11, 9)
    assert outlet.statuses == {"200": 11} and outlet.errors == 1
    assert "requests" not in db.table("run_outlets").columns_dict  # one record, not columns


def test_every_field_of_an_article_row_is_written() -> None:
    """The upsert's column list and the row built from an item name the same columns (a field
    added to one and not the other would be silently lost)."""
    from crawler.store.articles import _COLUMNS, article_row

    assert set(_COLUMNS) == set(article_row(Article(url="u", outlet="o", html=""), 1))
