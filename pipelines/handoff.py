"""Both ends of a scaled-out crawl's hand-over (``crawler.scale``).

In a worker, stage 900 — handoff: the finished item (extracted, Bengali, classified) goes to
the writer through the worker's link. In the writer, stage 10 — replay: a page the worker
dropped arrives with its drop message and is dropped again here, so the writer counts it and
remembers it in ``dropped_urls`` like a one-process crawl.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from crawler.items import Article
from crawler.scale.session import Link, worker_session


class HandoffPipeline:
    def __init__(self, link: Link) -> None:
        self.link = link

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HandoffPipeline:
        worker = worker_session(crawler)
        if worker is None:
            raise NotConfigured("only a worker of a scaled-out crawl hands items on")
        return cls(worker.link)

    def process_item(self, item: Article) -> Article:
        self.link.send("item", item)
        return item


class ReplayDropsPipeline:
    def process_item(self, item: Article) -> Article:
        if item.dropped:
            raise DropItem(item.dropped, log_level="INFO")
        return item
