"""The frontier shared by workers on several machines: scrapy-redis, thinly adapted.

:class:`SharedScheduler` is scrapy-redis's scheduler (a priority queue of serialised requests in
Redis, ``SCHEDULER_PERSIST`` on: the crawl outlives any one worker) with two changes: popping a
request marks the worker busy in the same atomic step (how the crawl knows when it is done,
``crawler.scale.keys.DONE``), and its stats calls leave out the ``spider`` argument that this
Scrapy version no longer takes. :class:`SharedDupeFilter` is scrapy-redis's duplicate filter on
the article's canonical URL, so each article is fetched by one worker, once; a redirect is
never filtered (a loop must end in a counted error, as in one process).
:class:`SharedPoliteness` spaces the requests to each host by ``DOWNLOAD_DELAY`` across all
workers together, not per worker.
"""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any
from urllib.parse import urlsplit

import redis
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from crawler.dedup.urls import canonical_url
from crawler.scale import keys
from crawler.scale.session import worker_session

# How often an idle worker asks the shared queue for work (Scrapy's own idle poll is 5 s).
POLL_SECONDS = 0.2


class SharedDupeFilter(RFPDupeFilter):
    def request_fingerprint(self, request: Request) -> str:
        return hashlib.sha1(canonical_url(request.url).encode("utf-8")).hexdigest()

    def request_seen(self, request: Request) -> bool:
        if request.meta.get("redirect_times"):
            return False
        return bool(super().request_seen(request))


class SharedScheduler(Scheduler):
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScheduler:
        worker = worker_session(crawler)
        if worker is None:
            raise NotConfigured("the shared scheduler is for workers of a --redis crawl")
        server = keys.redis_client(crawler.settings.get("REDIS_URL"))
        scheduler = cls(
            server=server,
            persist=True,
            queue_key=keys.QUEUE,
            dupefilter=SharedDupeFilter(server, keys.DUPES),
            idle_before_close=0,
        )
        scheduler.stats = crawler.stats
        scheduler.name = worker.link.name
        scheduler.crawler = crawler
        scheduler.pop = server.register_script(keys.POP)
        scheduler.link = worker.link
        return scheduler

    def _lost(self, exc: redis.RedisError) -> None:
        # Raised here, it would be a traceback in an engine timer and the worker would poll a
        # dead queue forever: the worker's crawl closes instead, with one line.
        if self.link.on_lost is None:
            raise exc
        self.link.on_lost(exc)

    def open(self, spider: Any) -> None:
        # scrapy-redis's open(), less its call of the deprecated Spider.log().
        self.spider = spider
        self.queue = PriorityQueue(server=self.server, spider=spider, key=self.queue_key)
        # Before the engine starts its idle poll (private, but the only knob for it).
        self.crawler.engine._SLOT_HEARTBEAT_INTERVAL = POLL_SECONDS

    def enqueue_request(self, request: Request) -> bool:
        try:
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            self.queue.push(request)
        except redis.RedisError as exc:
            self._lost(exc)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        try:
            data = self.pop(keys=[keys.QUEUE, keys.WORKER_STATES], args=[self.name])
        except redis.RedisError as exc:
            self._lost(exc)
            return None
        if not data:
            return None
        self.stats.inc_value("scheduler/dequeued/redis")
        return self.queue._decode_request(data)


class SharedPoliteness:
    """Downloader middleware: at least ``DOWNLOAD_DELAY`` between two requests to one host,
    counted over every worker of the crawl (each worker's own Scrapy slot still applies)."""

    def __init__(self, server: Any, delay: float) -> None:
        self.slot = server.register_script(keys.POLITE_SLOT)
        self.delay_ms = int(delay * 1000)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedPoliteness:
        worker = worker_session(crawler)
        delay = crawler.settings.getfloat("DOWNLOAD_DELAY")
        if worker is None or not worker.link.shared_frontier or delay <= 0:
            raise NotConfigured  # no delay to share (no message: Scrapy would log a warning)
        return cls(keys.redis_client(crawler.settings.get("REDIS_URL")), delay)

    async def process_request(self, request: Request) -> None:
        host = (urlsplit(request.url).hostname or "").lower()
        try:
            wait = self.slot(keys=[keys.POLITE + host], args=[self.delay_ms])
        except redis.RedisError:
            return  # the frontier's next call ends the crawl, with one line
        if wait > 0:
            await asyncio.sleep(wait / 1000)
