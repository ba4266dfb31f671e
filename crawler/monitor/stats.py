"""Per-outlet crawl figures, collected from Scrapy signals into the stats collector.

Pipelines only raise ``DropItem("reason: detail")``; this extension counts every request,
response status, stored item and drop (by the reason before the colon) per outlet, under keys
``prohori/outlet/<key>/<figure>`` (``crawler.monitor.figures`` names them all); the run recorder
stores them when the spider closes.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.monitor.figures import PREFIX


def drop_reason(exception: BaseException) -> str:
    """The machine-readable part of a DropItem message ("not_bengali: en" -> "not_bengali")."""
    text = str(exception).strip() or type(exception).__name__
    return text.split(":", 1)[0].strip().replace(" ", "_")


class OutletStats:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.hosts: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OutletStats:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.request_reached, signal=signals.request_reached_downloader)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        crawler.signals.connect(ext.spider_error, signal=signals.spider_error)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        for outlet in getattr(spider, "outlets", []):
            self.hosts[outlet.domain] = outlet.key

    def _outlet(self, request: Request | None, url: str = "") -> str:
        if request is not None and "outlet" in request.meta:
            return str(request.meta["outlet"])
        host = (urlsplit(url or (request.url if request else "")).hostname or "").lower()
        while host:
            if host in self.hosts:
                return self.hosts[host]
            host = host.partition(".")[2]
        return "_other"

    def _inc(self, outlet: str, figure: str, count: int = 1) -> None:
        assert self.stats is not None
        self.stats.inc_value(f"{PREFIX}/{outlet}/{figure}", count)

    def request_reached(self, request: Request, spider: Spider) -> None:
        self._inc(self._outlet(request), "requests")

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        outlet = self._outlet(request, response.url)
        self._inc(outlet, "responses")
        self._inc(outlet, f"status/{response.status}")
        self._inc(outlet, "bytes", len(response.body))
        if response.status < 400 and not urlsplit(response.url).path.endswith("/robots.txt"):
            self._inc(outlet, "answered")

    def item_scraped(self, item: Any, response: Response, spider: Spider) -> None:
        outlet = getattr(item, "outlet", "_other")
        if getattr(item, "updated", False):
            self._inc(outlet, "articles_updated")
        elif getattr(item, "duplicate_of", None):
            self._inc(outlet, "articles_duplicate")
        else:
            self._inc(outlet, "articles_new")
        if getattr(item, "relevant", False):
            self._inc(outlet, "flagged")

    def item_dropped(
        self, item: Any, response: Response, exception: BaseException, spider: Spider
    ) -> None:
        outlet = getattr(item, "outlet", "_other")
        self._inc(outlet, f"dropped/{drop_reason(exception)}")

    def item_error(self, item: Any, response: Response, spider: Spider, failure: Failure) -> None:
        self._inc(getattr(item, "outlet", "_other"), "errors/pipeline")

    def spider_error(self, failure: Failure, response: Response, spider: Spider) -> None:
        self._inc(self._outlet(response.request, response.url), "errors/spider")
