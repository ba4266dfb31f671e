"""The batching stages: classify judges pending items together, store commits in batches and
acknowledges queue messages only once their batch is committed."""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crawler.items import Article
from crawler.store import Storage
from crawler.store.run import CrawlRun
from pipelines import classify, store


@dataclass
class Verdict:
    relevant: bool
    score: float
    partners: list[str]
    topics: list[str]
    evidence: str | None
    model_version: str


class CountingModel:
    """Scores a text by its length; remembers the size of every batch it was asked for."""

    def __init__(self, fail: bool = False) -> None:
        self.batches: list[int] = []
        self.fail = fail

    def judge_many(self, stories: list[tuple[str, str]], threshold: float | None) -> list[Any]:
        self.batches.append(len(stories))
        if self.fail:
            raise ValueError("the model broke")
        return [Verdict(len(text) > 5, len(text) / 10, [], [], None, "m-1") for _, text in stories]


def article(n: int, text: str = "text") -> Article:
    return Article(url=f"http://a.test/{n}", outlet="a", html="", text=text,
                   canonical_url=f"http://a.test/{n}")  # fmt: skip


def test_classify_judges_the_items_pending_together_and_each_gets_its_own_verdict() -> None:
    model = CountingModel()
    stage = classify.ClassifyPipeline(model, None)  # type: ignore[arg-type]

    async def crawl() -> list[Article]:
        items = [article(1, "short"), article(2, "a longer text"), article(3, "tiny")]
        return list(await asyncio.gather(*(stage.process_item(i) for i in items)))

    judged = asyncio.run(crawl())
    assert model.batches == [3]  # one call for the three, after the batch wait
    assert [(i.relevant, i.score) for i in judged] == [(False, 0.5), (True, 1.3), (False, 0.4)]
    assert {i.model_version for i in judged} == {"m-1"}


def test_a_full_batch_is_judged_at_once_and_a_failure_fails_each_of_its_items() -> None:
    model = CountingModel(fail=True)
    stage = classify.ClassifyPipeline(model, None)  # type: ignore[arg-type]

    async def crawl() -> list[Any]:
        items = [article(n) for n in range(classify.BATCH_ITEMS)]
        return list(
            await asyncio.gather(*(stage.process_item(i) for i in items), return_exceptions=True)
        )

    outcomes = asyncio.run(crawl())
    assert model.batches == [classify.BATCH_ITEMS]
    assert all(isinstance(o, ValueError) for o in outcomes)


def stored_elsewhere(db: Path) -> int:
    """Articles another connection sees (only committed ones)."""
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("select count(*) from articles").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def run(tmp_path: Path) -> Any:
    storage = Storage(tmp_path / "batch.db")
    with storage.write() as db:
        run_id = db.execute(
            "insert into crawl_runs (started, finish_reason) values ('now', 'running')"
        ).lastrowid
    yield CrawlRun(storage, run_id)
    storage.close()


def test_store_commits_in_batches_and_acknowledges_after_the_commit(run: CrawlRun) -> None:
    acknowledged: list[str] = []
    run.acknowledge = acknowledged.extend
    stage = store.StorePipeline(run)
    for n in range(store.BATCH_ITEMS - 1):
        item = article(n)
        item.delivery = f"m-{n}"
        stage.process_item(item)
    assert stored_elsewhere(run.storage.path) == 0 and acknowledged == []  # not committed yet
    last = article(store.BATCH_ITEMS)
    last.delivery = "m-last"
    stage.process_item(last)  # the batch is full: committed, then acknowledged
    assert stored_elsewhere(run.storage.path) == store.BATCH_ITEMS
    assert acknowledged == [*(f"m-{n}" for n in range(store.BATCH_ITEMS - 1)), "m-last"]
    stage.process_item(article(999))
    stage.close_spider()  # the spider closes: what is pending is committed
    assert stored_elsewhere(run.storage.path) == store.BATCH_ITEMS + 1


def test_a_failed_write_gives_up_its_batch_unacknowledged(run: CrawlRun) -> None:
    acknowledged: list[str] = []
    run.acknowledge = acknowledged.extend
    stage = store.StorePipeline(run)
    first = article(1)
    first.delivery = "m-1"
    stage.process_item(first)
    broken = article(2)
    broken.authors = [object()]  # type: ignore[list-item]  # cannot be written: the write fails
    with pytest.raises(TypeError):
        stage.process_item(broken)
    stage.close_spider()
    assert stored_elsewhere(run.storage.path) == 0 and acknowledged == []
