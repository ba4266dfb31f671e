"""Fixture rows for the research view and the story-thread pages: stories with known months,
partners, topics, a syndicated copy, an undated story, review decisions and four story threads
(crawls fill ``thread_id`` since issue 16; the fixture replaces those threads with its own,
whose figures the tests know).

Everything is published between 2025-01-01 and 2025-03-31 (but the undated story), where the
mini-web's own flagged stories are not, so a view filtered to that window sees only these rows.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

WINDOW = {"since": "2025-01-01", "until": "2025-03-31"}
TEXT = "রাশিয়ার সঙ্গে প্রতিরক্ষা সহযোগিতা নিয়ে আলোচনা হয়েছে। দুই দেশের কর্মকর্তারা বৈঠক করেছেন।"

# key: (outlet, published, relevant, partners, topics, thread, duplicate_of, cluster)
ARTICLES: dict[str, tuple[Any, ...]] = {
    "s1": ("dainik-alo", "2025-01-05T09:00:00+06:00", 1, ["India"], ["arms"], "t1", None, "c1"),
    "s1-copy": ("sonar-desh", "2025-01-05T11:00:00+06:00", 1, ["India"], ["arms"], "t1", "s1",
                "c1"),
    "u1": ("khobor24", "2025-01-06T09:00:00+06:00", 0, [], [], "t1", None, "cu1"),
    "s2": ("khobor24", "2025-01-20T08:00:00+06:00", 1, ["India", "China"], ["exercise"], "t2",
           None, "c2"),
    "u3": ("sonar-desh", "2025-01-22T08:00:00+06:00", 0, [], [], "t2", None, "cu3"),
    "u4a": ("barta-bazar", "2025-02-10T08:00:00+06:00", 0, [], [], "t4", None, "cu4a"),
    "u4b": ("khobor24", "2025-02-11T08:00:00+06:00", 0, [], [], "t4", None, "cu4b"),
    "s3": ("barta-bazar", "2025-03-02T10:00:00+06:00", 1, ["China"], ["arms", "agreement"], "t3",
           None, "c3"),
    "u2": ("dainik-alo", "2025-03-05T10:00:00+06:00", 0, [], [], "t3", None, "cu2"),
    "s4": ("khobor24", None, 1, ["Iran"], ["aid"], None, None, "c4"),
}  # fmt: skip
# The threads table has rows for three of the four threads (t3's title comes from its first report).
THREADS = {
    "t1": "রাশিয়া থেকে অস্ত্র কিনছে ভারত",
    "t2": "ভারত ও চীনের সঙ্গে রুশ মহড়া",
    "t4": "অর্থনীতির খবর",
}
REVIEWS = [("s2", "irrelevant"), ("u1", "relevant")]


def url(key: str) -> str:
    return f"https://fixture.test/{key}"


def add_research_rows(db: Path) -> None:
    """The fixture's rows; its four threads are the only ones (the crawl's are cleared)."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("update articles set thread_id = null")
        conn.execute("delete from threads")
        for key, (
            outlet,
            published,
            relevant,
            partners,
            topics,
            thread,
            copy_of,
            cluster,
        ) in ARTICLES.items():
            conn.execute(
                """insert into articles (canonical_url, url, outlet, title, text, published,
                       relevant, score, partners, topics, thread_id, duplicate_of, cluster_id,
                       model_version, language)
                   values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'fixture', 'bn')""",
                [url(key), url(key), outlet, f"শিরোনাম {key}", TEXT, published, relevant,
                 0.9 if relevant else 0.1, json.dumps(partners), json.dumps(topics), thread,
                 url(copy_of) if copy_of else None, cluster],
            )  # fmt: skip
        for thread, title in THREADS.items():
            members = [k for k, a in ARTICLES.items() if a[5] == thread]
            conn.execute(
                "insert into threads values (?, ?, ?, ?, ?, ?, ?)",
                [thread, url(members[0]), ARTICLES[members[0]][1], ARTICLES[members[-1]][1],
                 len(members), len({ARTICLES[k][0] for k in members}), title],
            )  # fmt: skip
        for i, (key, decision) in enumerate(REVIEWS):
            conn.execute(
                "insert into reviews (canonical_url, decision, reviewer, note, decided_at)"
                " values (?, ?, 'rafiq', ?, ?)",
                [url(key), decision, f"note {key}", f"2026-11-2{i}T10:00:00+00:00"],
            )
    conn.close()


def rowid(db: Path, key: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(
            conn.execute(
                "select rowid from articles where canonical_url = ?", [url(key)]
            ).fetchone()[0]
        )
    finally:
        conn.close()
