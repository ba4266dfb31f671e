"""The writer: the one process that opens the database, fed by the workers' items.

:class:`IngestSpider` is a spider that fetches nothing: its ``start()`` yields the items that
workers finished (through a :class:`Source`: local pipes or a Redis stream), and the writer's
pipelines are the stateful stages — dedup with its index, store with the search index. The
run recorder, per-outlet figures, health alerts and Spidermon run here as in a one-process
crawl: each worker's figures are added to this crawl's stats when its report arrives, and the
validators its sources answered with are kept by the run recorder (after a complete run only).
A worker that ended without its report — killed, or cut off — leaves the run incomplete: it
closes as ``worker_lost`` and keeps no validators, so the next run fetches its sources in full
and finds what that worker had taken but not finished.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Protocol

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from twisted.internet import task

from crawler.outlets import Outlet
from crawler.scale.session import Report

WRITER_SETTINGS: dict[str, Any] = {
    "ITEM_PIPELINES": {
        "pipelines.handoff.ReplayDropsPipeline": 10,
        "pipelines.dedup.DedupPipeline": 300,
        "pipelines.store.StorePipeline": 500,
    },
}
# Figures the writer counts itself, from the items it stores or drops: a worker's own count of
# them (it "scraped" every item it handed on) would count them twice.
_WRITER_COUNTS = ("/articles_new", "/articles_duplicate", "/articles_updated", "/flagged")


class SourceError(RuntimeError):
    """The queue between workers and writer failed (Redis unreachable, ...): one line."""


class Source(Protocol):
    """Where the writer's items come from."""

    lost: list[str]  # workers that ended without their report, and why

    def publish(self, session: Any) -> None:
        """The crawl's session, for the workers (started before it was ready)."""

    def messages(self, spider: IngestSpider) -> AsyncIterator[tuple[str, Any, str | None]]:
        """``(kind, payload, delivery)`` until the crawl is done; kinds: item, drop, done."""

    def acknowledge(self, deliveries: list[str]) -> None:
        """The items of these deliveries are stored (or dropped and recorded)."""

    def stop(self) -> None:
        """The writer's crawl is closing: stop what it started."""


def merge_stats(stats: Any, worker: dict[str, Any]) -> None:
    for key, value in worker.items():
        if not isinstance(value, int) or isinstance(value, bool):
            continue  # times and reasons are the writer's own
        if key.startswith("item_") or "/dropped/" in key or key.endswith(_WRITER_COUNTS):
            continue
        stats.inc_value(key, value)


class IngestSpider(scrapy.Spider):
    name = "ingest"

    def __init__(
        self, *args: Any, outlets: list[Outlet] | None = None, source: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.outlets: list[Outlet] = outlets or []
        self.by_key = {o.key: o for o in self.outlets}
        self.source: Source = source
        self.seen_validators: dict[str, tuple[str, str | None, str | None]] = {}
        self.children: dict[str, list[str]] = {}
        self.incomplete: list[str] = []  # workers that did not finish normally
        self.failure: str | None = None  # the queue failed: the crawl could not go on
        self.closing_check = task.LoopingCall(self._closable)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> IngestSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.closed_, signal=signals.spider_closed)
        crawler.signals.connect(spider.opened, signal=signals.spider_opened)
        return spider

    def opened(self, spider: scrapy.Spider) -> None:
        # Scrapy 2.19 counts an item from start() as in progress but, once it is done (or its
        # task cancelled by a stop), does not look again whether a closing spider can now
        # close (scrapy/scrapy#7029): a writer stopped by SIGTERM while storing an item waited
        # forever. Look again every second.
        self.closing_check.start(1.0, now=False)

    def _closable(self) -> None:
        scraper = self.crawler.engine.scraper if self.crawler.engine else None
        if scraper is None or scraper.slot is None:
            return
        if scraper.slot.closing is not None and not scraper.slot.closing.called:
            scraper._check_if_closing()

    async def start(self) -> AsyncIterator[Any]:
        try:
            async for kind, payload, delivery in self.source.messages(self):
                if kind in ("item", "drop"):
                    payload.delivery = delivery
                    yield payload
                elif kind == "done":
                    self.merge(payload)
                    if delivery:
                        self.source.acknowledge([delivery])
        except SourceError as exc:
            self.failure = str(exc)
            self.logger.error("%s", exc)

    def merge(self, report: Report) -> None:
        assert self.crawler.stats is not None
        merge_stats(self.crawler.stats, report.stats)
        self.seen_validators.update(report.seen_validators)
        for url, children in report.children.items():
            self.children[url] = children
        reason = report.stats.get("finish_reason")
        if reason != "finished":
            self.incomplete.append(f"worker {report.worker} ended with {reason}")

    def idle(self, spider: scrapy.Spider) -> None:
        if self.failure:
            raise CloseSpider("queue_failed")
        if self.incomplete or self.source.lost:
            raise CloseSpider("worker_lost")

    def closed_(self, spider: scrapy.Spider, reason: str) -> None:
        if self.closing_check.running:
            self.closing_check.stop()
        self.source.stop()

    def problems(self) -> list[str]:
        return [*self.source.lost, *self.incomplete]


def writer_session(
    storage: Any, outlets: list[Outlet], settings: Any, overrides: dict[str, Any]
) -> Any:
    """The session the writer hands its workers: what a one-process crawl's spider and
    classify stage read from the database, read once here."""
    import uuid

    from crawler.classify.cache import resolve_model
    from crawler.scale.session import Session
    from crawler.store import known_urls
    from crawler.store.queries import source_state

    with storage.snapshot() as db:
        known = known_urls(db) if settings.getbool("PROHORI_SKIP_KNOWN") else {}
        validators, children = source_state(db)
        model = resolve_model(settings.get("PROHORI_MODEL") or None, db)
    return Session(
        token=uuid.uuid4().hex,
        outlets=outlets,
        validators=validators,
        children=children,
        model=model,
        settings=overrides,
        known=known,
    )
