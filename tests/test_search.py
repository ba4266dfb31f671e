"""Bengali full-text search: what FTS5's default tokenizer gets wrong, and the fixes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.store import Storage
from crawler.store.search import TOKENIZE, fts_query, search, stem
from crawler.text.bangla import normalize_text

PRECOMPOSED = "রাশি\u09dfা"  # য় as one code point
DECOMPOSED = "রাশি\u09af\u09bcা"  # য + nukta (what normalize_text writes)


def tokens(tokenize: str, text: str) -> list[str]:
    conn = sqlite3.connect(":memory:")
    conn.execute(f'create virtual table t using fts5(x, tokenize="{tokenize}")')
    conn.execute("create virtual table v using fts5vocab(t, 'row')")
    conn.execute("insert into t values (?)", [text])
    return sorted(r[0] for r in conn.execute("select term from v"))


def test_default_tokenizer_shreds_bengali_and_ours_keeps_words() -> None:
    text = normalize_text("রাশিয়ার সঙ্গে প্রতিরক্ষা চুক্তি")
    shredded = tokens("unicode61", text)
    assert "র" in shredded and "রাশিয়ার" not in shredded  # split at every vowel sign
    assert tokens(TOKENIZE, text) == sorted(text.split())


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("রাশিয়ার", "রাশিয়া"),
        ("রাশিয়াকে", "রাশিয়া"),
        ("রাশিয়ায়", "রাশিয়া"),
        ("ভারতের", "ভারত"),
        ("ভারতে", "ভারত"),
        ("সেনাবাহিনীর", "সেনাবাহিনী"),
        ("ক্ষেপণাস্ত্রগুলো", "ক্ষেপণাস্ত্র"),
        ("মস্কো", "মস্কো"),
        ("দিল্লিতে", "দিল্লি"),
        ("সাগর", "সাগর"),  # a word's own র stays
        ("ভাই", "ভাই"),  # too short to lose anything
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(normalize_text(word)) == normalize_text(expected)


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    db = Storage(tmp_path / "s.db").db
    texts = {
        "a": "রাশিয়ার সঙ্গে ভারতের প্রতিরক্ষা চুক্তি সই হয়েছে।",
        "b": "রাশিয়াকে নিয়ে আলোচনা। মস্কোয় বৈঠক হবে।",
        "c": "চীনের অর্থনীতি নিয়ে প্রতিবেদন।",
        "d": "রাশিয়া ও চীনের যৌথ মহড়া।",
    }
    for key, text in texts.items():
        db.table("articles").insert(
            # normalised on the way in, as the store pipeline does
            {
                "canonical_url": key,
                "url": key,
                "outlet": "o",
                "title": "",
                "text": normalize_text(text),
            }
        )
    return db


def found(db: sqlite_utils.Database, query: str) -> set[str]:
    return {hit.canonical_url for hit in search(db, query)[0]}


def test_either_unicode_form_finds_every_inflection(db: sqlite_utils.Database) -> None:
    for query in (PRECOMPOSED, DECOMPOSED, PRECOMPOSED + "র", DECOMPOSED + "কে"):
        assert found(db, query) == {"a", "b", "d"}, query
    assert found(db, "মস্কো") == {"b"}
    assert found(db, "চীন") == {"c", "d"}
    assert found(db, "রাশিয়া চীন") == {"d"}  # every word
    assert found(db, '"প্রতিরক্ষা চুক্তি"') == {"a"}  # a phrase as written
    assert found(db, '"চুক্তি প্রতিরক্ষা"') == set()
    assert found(db, "   ,;  ") == set() and fts_query('"') == ""


def test_or_not_and_phrases(db: sqlite_utils.Database) -> None:
    assert found(db, "মস্কো OR চীন") == {"b", "c", "d"}
    assert found(db, "মস্কো অথবা চীন") == {"b", "c", "d"}  # OR in Bengali
    assert found(db, "রাশিয়া OR চীন মহড়া") == {"d"}  # OR binds tighter than AND
    assert found(db, "রাশিয়া -চীন") == {"a", "b"}
    assert found(db, "রাশিয়া NOT চীন") == {"a", "b"}
    assert found(db, 'রাশিয়া -"প্রতিরক্ষা চুক্তি"') == {"b", "d"}
    assert found(db, '"প্রতিরক্ষা চুক্তি" OR মস্কো') == {"a", "b"}
    assert found(db, "-রাশিয়া") == set()  # only exclusions: nothing to search for
    assert found(db, "রাশিয়া-চীন") == {"d"}  # a hyphen joins words, it excludes nothing
    assert found(db, "or") == set() and found(db, "OR") == set()


def test_search_takes_the_queue_filters(db: sqlite_utils.Database) -> None:
    db.execute(
        "update articles set outlet = 'other', published = '2025-03-01T10:00:00+06:00'"
        " where canonical_url = 'b'"
    )
    db.execute("""update articles set partners = '["India"]', topics = '["arms"]',
                  published = '2024-01-01T10:00:00+06:00' where canonical_url = 'a'""")
    db.conn.commit()

    def hits(**filters: str) -> set[str]:
        return {hit.canonical_url for hit in search(db, "রাশিয়া", filters=filters)[0]}

    assert hits() == {"a", "b", "d"}
    assert hits(outlet="other") == {"b"}
    assert hits(partner="India") == {"a"} and hits(topic="arms") == {"a"}
    assert hits(since="2025-01-01") == {"b"} and hits(until="2024-12-31") == {"a"}
    assert search(db, "রাশিয়া", filters={"outlet": "other"})[1] == 1


def test_snippet_marks_matches_and_escapes_the_rest(db: sqlite_utils.Database) -> None:
    db.table("articles").update(
        "c", {"text": normalize_text("চীনের <b>অর্থনীতি</b> নিয়ে & প্রতিবেদন।")}
    )
    (hit,) = search(db, "অর্থনীতি")[0]
    assert "&lt;b&gt;<mark>অর্থনীতি</mark>&lt;/b&gt;" in hit.snippet
    assert "&amp;" in hit.snippet


def test_an_old_database_gets_the_bengali_index(tmp_path: Path) -> None:
    """A database made with the first index (default tokenizer) is migrated and re-indexed."""
    path = tmp_path / "old.db"
    db = Storage(path).db
    db.table("articles").insert(
        {"canonical_url": "x", "url": "x", "outlet": "o", "title": "", "text": "রাশিয়ার খবর"}
    )
    db.execute("drop table articles_fts")
    db.table("articles").enable_fts(["title", "text"], tokenize="unicode61", replace=True)
    db.execute("delete from _migrations where name = '0012_bengali_search'")
    db.conn.commit()
    db.close()
    reopened = Storage(path).db
    assert found(reopened, "রাশিয়া") == {"x"}
    reopened.table("articles").insert(
        {"canonical_url": "y", "url": "y", "outlet": "o", "title": "", "text": "রাশিয়াকে"}
    )
    assert found(reopened, "রাশিয়া") == {"x", "y"}  # triggers keep it current


def _query_db() -> sqlite_utils.Database:
    from crawler.store.migrations import migrate

    db = sqlite_utils.Database(memory=True)
    migrate(db)  # the real schema, triggers included
    db.table("articles").insert({"canonical_url": "x", "url": "x", "text": "রাশিয়ার খবর"})
    return db


QUERY_DB = _query_db()


@settings(max_examples=300, deadline=None)
@given(
    query=st.lists(
        st.sampled_from(
            [*'রাশিয়ার ভারত"*-+():^NEARORAND\u09bc\u200c ,.', " OR ", " NOT ", " -", "অথবা"]
        ),
        max_size=40,
    ).map("".join)
)
def test_any_query_is_safe(query: str) -> None:
    """Whatever a reader types (quotes, FTS5 operators, our OR / NOT / minus, stray marks) is a
    search, never an SQL or FTS5 syntax error, with or without filters."""
    hits, total = search(QUERY_DB, query)
    assert total == len(hits)
    hits, total = search(QUERY_DB, query, filters={"partner": "India", "since": "2020-01-01"})
    assert total == len(hits)


def test_an_empty_database_serves_every_page(tmp_path: Path) -> None:
    from crawler.review import create_app
    from crawler.review.users import add_user
    from tests.test_review_app import log_in

    db = Storage(tmp_path / "empty.db")
    add_user(db, "amina", "correct horse battery")
    db.close()
    client = create_app(tmp_path / "empty.db", testing=True).test_client()
    log_in(client)
    for path in ("/queue", "/search?q=রাশিয়া", "/dashboard", "/reviews", "/story/99"):
        response = client.get(path)
        assert response.status_code in (200, 404), path
    assert "Nothing left to review" in client.get("/queue").get_data(as_text=True)
