"""Spidermon monitor suite run when a crawl closes; thresholds are settings.

Monitors: item count (``SPIDERMON_MIN_ITEMS``; 0 by default, since an incremental crawl of
unchanged outlets rightly stores nothing), log errors (``SPIDERMON_MAX_ERRORS``), finish reason
(``SPIDERMON_EXPECTED_FINISH_REASONS``) and field coverage of title / text / published
(``PROHORI_MIN_COVERAGE``, judged only when articles were stored). Failures are written to the
crawl's stats and to the alerts file, beside the per-outlet health alerts.
"""

from __future__ import annotations

import json
import warnings
from datetime import UTC, datetime
from pathlib import Path

from scrapy.exceptions import ScrapyDeprecationWarning
from spidermon import Monitor, MonitorSuite, monitors
from spidermon.contrib.scrapy.monitors import ErrorCountMonitor, FinishReasonMonitor
from spidermon.core.actions import Action

# Spidermon 1.27 still calls Spider.log(), deprecated since Scrapy 2.14: not ours to fix.
warnings.filterwarnings(
    "ignore", message=r"Spider\.log\(\) is deprecated", category=ScrapyDeprecationWarning
)


@monitors.name("Field coverage")
class CoverageMonitor(Monitor):
    """Share of stored articles that have a title, a text and a publication date."""

    @monitors.name("title, text and published are filled in")
    def test_coverage(self) -> None:
        stats = self.data.stats
        stored = stats.get("spidermon_item_scraped_count/Article", 0)
        if not stored:
            return  # nothing stored this run: nothing to judge
        minimum = self.data.crawler.settings.getdict("PROHORI_MIN_COVERAGE")
        low = {}
        for field, needed in minimum.items():
            share = stats.get(f"spidermon_item_scraped_count/Article/{field}", 0) / stored
            if share < float(needed):
                low[field] = round(share, 3)
        self.assertFalse(low, msg=f"fields below their coverage threshold: {low}")


@monitors.name("Extracted Items Monitor")
class ItemCountMonitor(Monitor):
    """At least ``SPIDERMON_MIN_ITEMS`` articles stored. Spidermon's own monitor fails when the
    ``item_scraped_count`` stat is missing, which is exactly a run that stored nothing: every
    incremental crawl of unchanged outlets raised a false alert."""

    @monitors.name("Should extract the minimum amount of items")
    def test_minimum_number_of_items(self) -> None:
        stored = self.data.stats.get("item_scraped_count", 0)
        minimum = self.data.crawler.settings.getint("SPIDERMON_MIN_ITEMS", 0)
        self.assertGreaterEqual(
            stored, minimum, msg=f"{stored} articles stored, at least {minimum} expected"
        )


class RecordFailures(Action):
    """Write failed monitors to the stats and the alerts file."""

    def run_action(self) -> None:
        crawler = self.data.crawler
        failed = [
            str(r.monitor.name)
            for r in self.result.monitor_results
            if r.status in ("FAIL", "ERROR")
        ]
        crawler.stats.set_value("prohori/monitors_failed", failed)
        settings = crawler.settings
        path = Path(
            settings.get("PROHORI_ALERTS_FILE") or f"{settings.get('PROHORI_DB')}.alerts.jsonl"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(
                json.dumps(
                    {
                        "time": datetime.now(UTC).isoformat(timespec="seconds"),
                        "outlet": None,
                        "monitors_failed": failed,
                    }
                )
                + "\n"
            )


class CloseMonitorSuite(MonitorSuite):
    monitors = [ItemCountMonitor, ErrorCountMonitor, FinishReasonMonitor, CoverageMonitor]  # noqa: RUF012 (spidermon's API)
    monitors_failed_actions = [RecordFailures]  # noqa: RUF012
