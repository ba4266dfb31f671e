"""The real dedup pairs: their counts, and the test part's labels frozen by hash (tuning happens
on the dev part; a changed test label would change every reported figure)."""

from __future__ import annotations

import gzip
import hashlib
import json

from tests.conftest import ROOT

PAIRS = ROOT / "tests/resources/dedup/real-pairs.jsonl.gz"
TEST_SHA256 = "3bbdaacceb2b119088736d70a1eda34302ed55ad797e56a599dafb10f26901ad"


def test_real_pairs_counts_and_frozen_test_part() -> None:
    with gzip.open(PAIRS, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    labels = [r["label"] for r in rows]
    assert (labels.count("copy"), labels.count("same_story"), labels.count("different")) == (
        187, 370, 310,
    )  # fmt: skip
    assert {r["split"] for r in rows} == {"dev", "test"}
    test = sorted([r["pair_id"], r["label"]] for r in rows if r["split"] == "test")
    assert hashlib.sha256(json.dumps(test).encode()).hexdigest() == TEST_SHA256
    dev_articles = {r[s]["id"] for r in rows if r["split"] == "dev" for s in "ab"}
    test_articles = {r[s]["id"] for r in rows if r["split"] == "test" for s in "ab"}
    assert not dev_articles & test_articles
