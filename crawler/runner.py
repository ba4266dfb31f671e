"""Running a crawl in-process: settings from ``crawler.settings`` plus command-line overrides."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.outlets import Outlet
from spiders.outlets import OutletsSpider

# The mini-web answers in microseconds: politeness delays meant for real outlets would only
# slow the demo and tests down. AutoThrottle stays on.
LOCAL_FAST = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_START_DELAY": 0.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 8.0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
}


def project_settings(overrides: dict[str, Any] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    contact = settings.get("PROHORI_CONTACT")
    if contact:
        settings.set("USER_AGENT", f"{settings.get('USER_AGENT')} {contact}", priority="cmdline")
    return settings


Listener = Callable[..., None]


def run_crawl(
    db: str | Path,
    outlets: list[Outlet],
    overrides: dict[str, Any] | None = None,
    listeners: dict[object, Listener] | None = None,
) -> dict[str, Any]:
    """Crawl ``outlets`` into ``db`` and return the final Scrapy stats.

    ``listeners`` maps Scrapy signals to callables (e.g. a progress display).
    """
    settings = project_settings({**(overrides or {}), "PROHORI_DB": str(db)})
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(OutletsSpider)
    for signal, handler in (listeners or {}).items():
        crawler.signals.connect(handler, signal=signal)
    result: dict[str, Any] = {}

    def keep_stats(spider: OutletsSpider, reason: str) -> None:
        assert crawler.stats is not None
        result.update(crawler.stats.get_stats())
        result["finish_reason"] = reason

    crawler.signals.connect(keep_stats, signal=signals.spider_closed)
    process.crawl(crawler, outlets=outlets)
    process.start()
    return result
