"""Stage 500 — store: the article and its raw page, one small write transaction each.

Each article is written as it arrives (WAL; the write lock taken up front), so a crawl killed
mid-run keeps what it stored and the next run, skipping known URLs, fetches only the rest. Pages
not kept are remembered in ``dropped_urls``. The rows are ``crawler.store.articles``'s; the
run's own row belongs to ``crawler.store.run.RunRecorder``; the database is the crawl's own
(``crawl_run``).
"""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from crawler.items import Article
from crawler.monitor.stats import drop_reason
from crawler.store.articles import save_article, save_drop
from crawler.store.run import CrawlRun, crawl_run


class StorePipeline:
    def __init__(self, run: CrawlRun) -> None:
        self.run = run

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        pipeline = cls(crawl_run(crawler))
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        return pipeline

    def process_item(self, item: Article) -> Article:
        assert self.run.id is not None, "the run row is opened when the spider opens"
        with self.run.storage.write() as db:
            save_article(db, item, self.run.id)
        return item

    def item_dropped(self, item: Any, exception: BaseException, **kwargs: Any) -> None:
        if self.run.id is None or not isinstance(item, Article):
            return
        reason = drop_reason(exception)
        if reason == "duplicate_url":
            return  # already stored under that URL
        with self.run.storage.write() as db:
            save_drop(db, item, reason, str(exception), self.run.id)
