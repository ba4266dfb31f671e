"""Stage 500 — store: the article and its raw page, committed in small batches.

Articles are written as they arrive (WAL; the write lock taken up front) inside a transaction
that is committed every ``BATCH_ITEMS`` articles, ``BATCH_SECONDS`` after it began, and when the
spider closes: a commit per article made the commit the stage's main cost, and a crawl killed
mid-run loses at most the last batch, which the next run (skipping known URLs only) fetches
again. Pages not kept are remembered in ``dropped_urls``. The rows are
``crawler.store.articles``'s; the run's own row belongs to ``crawler.store.run.RunRecorder``;
the database is the crawl's own (``crawl_run``). Items that came through a queue carry a
``delivery`` id, acknowledged to the queue only once their batch is committed.
"""

from __future__ import annotations

import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet.base import DelayedCall

from crawler.items import Article
from crawler.monitor.stats import drop_reason
from crawler.store.articles import save_article, save_drop
from crawler.store.run import CrawlRun, crawl_run

BATCH_ITEMS = 32
# Other processes wait for the write lock while a batch is open: keep it short.
BATCH_SECONDS = 0.5


class StorePipeline:
    def __init__(self, run: CrawlRun) -> None:
        self.run = run
        self.open_since: float | None = None  # when the open batch began
        self.in_batch = 0
        self.deliveries: list[str] = []  # queue messages stored in the open batch
        self.timer: DelayedCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        pipeline = cls(crawl_run(crawler))
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        return pipeline

    def _begin(self) -> Any:
        if self.open_since is None:
            self.run.storage.begin()
            self.open_since = time.monotonic()
            # Imported here: an import at load time would install a reactor of its own.
            from twisted.internet import reactor as installed

            reactor: Any = installed
            self.timer = reactor.callLater(BATCH_SECONDS, self.commit)
        return self.run.storage.db

    def _written(self, item: Article) -> None:
        self.in_batch += 1
        if item.delivery:
            self.deliveries.append(item.delivery)
        if self.in_batch >= BATCH_ITEMS:
            self.commit()

    def commit(self) -> None:
        """Commit the open batch (if any), then acknowledge its queue messages."""
        if self.timer is not None and self.timer.active():
            self.timer.cancel()
        self.timer = None
        if self.open_since is None:
            return
        self.open_since, self.in_batch = None, 0
        self.run.storage.commit()
        deliveries, self.deliveries = self.deliveries, []
        if deliveries and self.run.acknowledge is not None:
            self.run.acknowledge(deliveries)

    def process_item(self, item: Article) -> Article:
        assert self.run.id is not None, "the run row is opened when the spider opens"
        try:
            save_article(self._begin(), item, self.run.id)
        except BaseException:
            self.rollback()
            raise
        self._written(item)
        return item

    def rollback(self) -> None:
        """Give up the open batch after a failed write: its articles are not stored (and their
        queue messages not acknowledged), so the next run fetches them again."""
        if self.timer is not None and self.timer.active():
            self.timer.cancel()
        self.timer, self.open_since, self.in_batch, self.deliveries = None, None, 0, []
        self.run.storage.rollback()

    def item_dropped(self, item: Any, exception: BaseException, **kwargs: Any) -> None:
        if self.run.id is None or not isinstance(item, Article):
            return
        reason = drop_reason(exception)
        if reason != "duplicate_url":
            save_drop(self._begin(), item, reason, str(exception), self.run.id)
        elif not item.delivery:
            return  # already stored under that URL: nothing to write
        else:
            self._begin()  # nothing to write, but its message is acknowledged with the batch
        self._written(item)

    def close_spider(self) -> None:
        self.commit()
