"""A worker joining a crawl shared through Redis (``prohori worker --redis URL``).

It waits for a crawl to be running, takes its session (outlets, validators, model; stored URLs
are looked up in Redis), and crawls with the shared frontier until the crawl is done: while
other workers still hold requests that may list new ones, an idle worker stays open and keeps
asking the queue. A heartbeat tells the others it is alive. A lost connection to Redis ends the
worker with one clear line (exit status 1); what it handed on is stored, and the next run
fetches what it held.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import redis
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from twisted.internet.task import LoopingCall

from crawler.scale import keys
from crawler.scale.session import worker_session
from crawler.scale.stream import RedisLink, lost_redis, wait_for_crawl

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 1.0


def frontier_settings(url: str) -> dict[str, Any]:
    return {
        "SCHEDULER": "crawler.scale.frontier.SharedScheduler",
        "REDIS_URL": url,
        "DOWNLOADER_MIDDLEWARES": {"crawler.scale.frontier.SharedPoliteness": 590},
        "EXTENSIONS": {"crawler.scale.join.SharedCrawl": 506},
    }


class SharedCrawl:
    """Extension: heartbeats, staying open until the whole crawl is done, and a clean stop
    when Redis goes away."""

    def __init__(self, crawler: Crawler, link: RedisLink, url: str) -> None:
        self.crawler = crawler
        self.link = link
        self.url = url
        self.timeout_ms = int(crawler.settings.getfloat("PROHORI_WORKER_TIMEOUT") * 1000)
        self.beats = LoopingCall(self.beat)
        self.failed = False
        self.closing: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedCrawl:
        worker = worker_session(crawler)
        if worker is None or not isinstance(worker.link, RedisLink):
            raise NotConfigured("only workers of a --redis crawl share it")
        extension = cls(crawler, worker.link, crawler.settings.get("REDIS_URL"))
        worker.link.on_lost = extension.fail
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def fail(self, exc: BaseException) -> None:
        """Redis went away: say so once and close the spider (its report cannot be sent)."""
        if self.failed:
            return
        self.failed = True
        logger.error("%s", lost_redis(self.url, exc))
        assert self.crawler.engine is not None
        self.closing = asyncio.ensure_future(
            self.crawler.engine.close_spider_async(reason="redis_lost")
        )

    def beat(self) -> None:
        try:
            self.link.heartbeat()
        except redis.RedisError as exc:
            self.fail(exc)

    def opened(self, spider: Spider) -> None:
        self.beats.start(HEARTBEAT_SECONDS, now=True)

    def idle(self, spider: Spider) -> None:
        if self.failed:
            return
        try:
            self.link.set_state("idle")
            if self.link.crawl_done(self.timeout_ms):
                return  # the spider closes: its report goes to the writer
        except redis.RedisError as exc:
            self.fail(exc)
            return
        raise DontCloseSpider

    def closed(self, spider: Spider, reason: str) -> None:
        if self.beats.running:
            self.beats.stop()
        if not self.failed:
            try:
                self.link.set_state("done")
            except redis.RedisError as exc:
                logger.error("%s", lost_redis(self.url, exc))


def join_crawl(url: str, overrides: dict[str, Any], wait: float) -> int:
    """Join the crawl running on ``url`` (waiting up to ``wait`` seconds for one) and work
    until it is done; the exit status (0: done, 1: failed or no crawl came)."""
    from crawler.scale.worker import run_worker, worker_name

    server = keys.redis_client(url)
    try:
        found = wait_for_crawl(server, wait)
        if found is None:
            print(f"no crawl is running on {keys.describe(url)} (waited {wait:g}s)")
            return 1
        session, _ = found
        link = RedisLink(server, worker_name())
        link.set_state("busy")
        link.heartbeat()
    except redis.RedisError as exc:
        print(f"Error: {lost_redis(url, exc)}")
        return 1
    reason = run_worker(session, link, overrides, frontier_settings(url))
    if reason == "redis_lost":
        print(f"Error: {lost_redis(url, ConnectionError('connection lost'))}")
    return 0 if reason == "finished" else 1
