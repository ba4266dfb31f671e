"""Stage 300 — dedup: exact duplicates dropped, syndicated copies kept and linked, every article
filed in a story thread.

The decisions are ``crawler.dedup.decide.Deduplicator``'s; this adapter owns the dedup index for
the crawl (``<db>-dedup``, a cache of the articles table written without a journal, caught up
with the table when opened and rebuilt when missing or damaged: ``crawler.dedup.refill``) and
checkpoints it in batches.
"""

from __future__ import annotations

from dataclasses import replace

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.dedup.copies import DEFAULT as COPY_DEFAULT
from crawler.dedup.copies import CopyThresholds
from crawler.dedup.decide import Deduplicator
from crawler.dedup.refill import close_stage, open_stage
from crawler.dedup.threads import DEFAULT as THREAD_DEFAULT
from crawler.dedup.threads import ThreadThresholds
from crawler.items import Article
from crawler.store.run import crawl_run
from crawler.store.storage import Storage

# A cache: a crash loses nothing the next run cannot file again from the articles table.
COMMIT_EVERY = 100


class DedupPipeline:
    def __init__(
        self,
        storage: Storage,
        copy_thresholds: CopyThresholds = COPY_DEFAULT,
        thread_thresholds: ThreadThresholds = THREAD_DEFAULT,
    ) -> None:
        self.storage = storage
        self.thresholds = copy_thresholds, thread_thresholds
        self.judge: Deduplicator | None = None
        self.pending = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        s = crawler.settings
        return cls(
            crawl_run(crawler).storage,
            replace(COPY_DEFAULT, containment=s.getfloat("PROHORI_COPY_CONTAINMENT")),
            replace(THREAD_DEFAULT, link=s.getfloat("PROHORI_THREAD_LINK")),
        )

    def open_spider(self) -> None:
        self.judge = Deduplicator(self.storage.conn, open_stage(self.storage, *self.thresholds))

    def close_spider(self) -> None:
        if self.judge is not None:
            close_stage(self.judge.stage, self.storage)
            self.judge = None

    def process_item(self, item: Article) -> Article:
        assert self.judge is not None
        if not self.judge.judge(item):
            raise DropItem(f"duplicate_url: {item.canonical_url}", log_level="INFO")
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            # The articles judged so far are stored (or dropped) by now, except this one.
            self.judge.stage.checkpoint()
            self.pending = 0
        return item
