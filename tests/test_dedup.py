"""Exact and near-duplicate detection: evaluation set, persistence, clusters."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from crawler.cli import main
from crawler.dedup.decide import Deduplicator
from crawler.dedup.index import NearDuplicateIndex, is_copy, open_index
from crawler.items import Article
from crawler.store import Storage
from crawler.store.articles import save_article
from tests.conftest import ROOT

EVAL = [
    json.loads(line)
    for line in (ROOT / "tests/resources/dedup/eval.jsonl").read_text(encoding="utf-8").splitlines()
]


def test_evaluation_set_precision_and_recall() -> None:
    """Copies with realistic edits are found; look-alike different stories are not."""
    tp = fp = fn = 0
    for pair in EVAL:
        found = is_copy(pair["a"]["text"], pair["b"]["text"])
        duplicate = pair["label"] == "duplicate"
        tp += found and duplicate
        fp += found and not duplicate
        fn += duplicate and not found
    assert sum(p["label"] == "duplicate" for p in EVAL) >= 250
    assert sum(p["label"] == "distinct" for p in EVAL) >= 250
    assert tp / (tp + fp) >= 0.99
    assert tp / (tp + fn) >= 0.98


def test_index_persists_in_the_database(tmp_path: Path) -> None:
    pair = next(p for p in EVAL if p["label"] == "duplicate")
    db = tmp_path / "index.db"
    conn = sqlite3.connect(db)
    first = NearDuplicateIndex(conn)
    first.insert("https://a.test/1", "c-1", "2025-01-01", first.fingerprint(pair["a"]["text"]))
    conn.commit()
    conn.close()
    later = NearDuplicateIndex(sqlite3.connect(db))  # a later run, a new process
    matches = later.query(later.fingerprint(pair["b"]["text"]))
    assert [m.canonical_url for m in matches] == ["https://a.test/1"]
    assert matches[0].cluster_id == "c-1"


class Stages:
    """The dedup stage and the store stage over one database, as a crawl runs them."""

    def __init__(self, db_path: Path) -> None:
        self.storage = Storage(db_path)
        index = open_index(f"{db_path}-lsh")
        index.catch_up(self.storage.conn)
        self.dedup = Deduplicator(self.storage.conn, index)

    def __call__(self, item: Article) -> Article:
        assert self.dedup.judge(item)
        with self.storage.write() as db:
            save_article(db, item, run_id=1)
        return item

    def close(self) -> None:
        self.dedup.index.close()
        self.storage.close()


def _item(url: str, published: str, text: str) -> Article:
    return Article(url=url, outlet="x", html="", text=text, published=published)


def test_earliest_copy_becomes_canonical(tmp_path: Path) -> None:
    text = "\n".join(next(p for p in EVAL if p["label"] == "duplicate")["a"]["text"].split("\n"))
    stages = Stages(tmp_path / "d.db")
    later = stages(_item("https://a.test/later", "2025-01-02T10:00:00+06:00", text))
    earlier = stages(
        _item("https://b.test/early", "2025-01-01T10:00:00+06:00", text + "\nসূত্র: বাসস")
    )
    third = stages(_item("https://c.test/third", "2025-01-03T10:00:00+06:00", text))
    stored = dict(stages.storage.conn.execute("select canonical_url, duplicate_of from articles"))
    stages.close()
    assert later.duplicate_of is None  # canonical until an earlier copy turns up
    assert earlier.duplicate_of is None and earlier.demotes == "https://a.test/later"
    assert third.duplicate_of == "https://b.test/early"
    # The cluster is renamed after its new canonical member (the store stage renames the
    # stored rows), so cluster ids do not depend on arrival order.
    assert earlier.replaces_cluster == later.cluster_id
    assert third.cluster_id == earlier.cluster_id != later.cluster_id
    assert stored["https://a.test/later"] == "https://b.test/early"  # relinked when stored


def test_clusters_command_on_the_crawled_mini_web(crawled: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["clusters", "--db", str(crawled["db"]), "--json"])
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in result.output.splitlines()]
    assert len(found) == 2
    rows = {r["canonical_url"]: r for r in crawled["first"]}
    hashes = set()
    for cluster in found:
        assert {"cluster_id", "canonical_url", "members"} <= set(cluster)
        outlets = {m["outlet"] for m in cluster["members"]}
        assert len(outlets) == 2  # syndicated across two outlets
        earliest = min(cluster["members"], key=lambda m: m["published"])
        assert cluster["canonical_url"] == earliest["canonical_url"]
        hashes.add(len({rows[m["canonical_url"]]["content_hash"] for m in cluster["members"]}))
    assert hashes == {1, 2}  # one exact copy, one edited copy found by the near layer


@pytest.mark.parametrize("flag", [[], ["--all"]])
def test_clusters_table(crawled: dict[str, Any], flag: list[str]) -> None:
    result = CliRunner().invoke(main, ["clusters", "--db", str(crawled["db"]), *flag])
    assert result.exit_code == 0 and "clusters" in result.output


@pytest.mark.parametrize("damage", ["deleted", "garbage"])
def test_lost_or_damaged_index_is_rebuilt_from_the_articles(tmp_path: Path, damage: str) -> None:
    pair = next(p for p in EVAL if p["label"] == "duplicate")
    db_path = tmp_path / "news.db"
    first = Stages(db_path)
    original = first(_item("https://a.test/1", "2025-01-01T10:00:00+06:00", pair["a"]["text"]))
    first.close()
    index_file = Path(f"{db_path}-lsh")
    if damage == "deleted":
        index_file.unlink()
    else:
        index_file.write_bytes(b"not a database" * 100)
    second = Stages(db_path)
    copy = second(_item("https://b.test/2", "2025-01-02T10:00:00+06:00", pair["b"]["text"]))
    second.close()
    assert copy.duplicate_of == "https://a.test/1"
    assert copy.cluster_id == original.cluster_id


def test_index_of_another_signature_scheme_is_rebuilt(tmp_path: Path) -> None:
    """Signatures of an older scheme would never match new ones: such an index is discarded
    (and refilled from the articles table by the dedup stage's catch-up)."""
    from crawler.dedup.index import SCHEME, open_index

    path = str(tmp_path / "x.db-lsh")
    index = open_index(path)
    text = "রাশিয়ার সঙ্গে প্রতিরক্ষা সহযোগিতা নিয়ে আলোচনা হয়েছে " * 5
    index.insert("https://a.test/1", "c-1", None, index.fingerprint(text))
    index.close()
    reopened = open_index(path)
    assert reopened.query(reopened.fingerprint(text))  # same scheme: kept, and it matches
    reopened.conn.execute("update index_state set value = 'minhash-old' where key = 'scheme'")
    reopened.close()
    rebuilt = open_index(path)
    assert rebuilt.conn.execute("select count(*) from minhashes").fetchone() == (0,)
    assert (
        rebuilt.conn.execute("select value from index_state where key = 'scheme'").fetchone()[0]
        == SCHEME
    )
    rebuilt.close()
