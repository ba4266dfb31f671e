"""Schema migrations and the database helpers."""

from __future__ import annotations

from pathlib import Path

from crawler.store import Storage, known_urls
from crawler.store.db import MIGRATIONS, migrate


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
