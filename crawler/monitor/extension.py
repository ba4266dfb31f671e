"""Extension: after a crawl's run is recorded, judge each crawled outlet's health and alert.

Listens for ``crawler.store.run.run_recorded`` (sent once the run's figures are stored), so the
verdict includes this run. Alerts go to the log, ``<db>.alerts.jsonl`` and the webhook
(``crawler.monitor.alerts``).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler

from crawler.monitor.alerts import alert_unhealthy
from crawler.store.run import CrawlRun, run_recorded

logger = logging.getLogger(__name__)


class HealthAlerts:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HealthAlerts:
        extension = cls(crawler)
        crawler.signals.connect(extension.run_recorded, signal=run_recorded)
        return extension

    def run_recorded(self, run: CrawlRun, **_: Any) -> None:
        from crawler.monitor.status import rules_from, status

        settings = self.crawler.settings
        with run.storage.snapshot() as db:
            crawled = {
                r[0]
                for r in db.execute("select outlet from run_outlets where run_id = ?", [run.id])
            }
            outlets = [
                o for o in status(db, rules_from(settings))["outlets"] if o["key"] in crawled
            ]
        alert_unhealthy(
            outlets,
            run.id or 0,
            settings.get("PROHORI_ALERTS_FILE") or f"{run.storage.path}.alerts.jsonl",
            settings.get("PROHORI_ALERT_WEBHOOK") or None,
        )
