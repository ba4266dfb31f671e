"""Running a crawl in-process: settings, the one storage, and an honest account of the outcome.

``run_crawl`` opens the database once (``crawler.store.Storage``), hands it to the crawl and
returns a :class:`CrawlResult`; :meth:`CrawlResult.verdict` turns it into the exit status and
the one line a user (or cron) reads: finished, failed, stopped by a signal, or fetched nothing.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from twisted.python.failure import Failure

from crawler.fetch.failures import failure_reason
from crawler.monitor.figures import Figures
from crawler.outlets import Outlet
from crawler.store import Storage
from crawler.store.lock import BUSY
from crawler.store.run import attach
from spiders.outlets import OutletsSpider

# The mini-web answers in microseconds: politeness delays meant for real outlets would only
# slow the demo and tests down. AutoThrottle stays on.
LOCAL_FAST = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_START_DELAY": 0.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 8.0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
}

# Exit statuses of `prohori crawl` (listed in its --help).
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, BUSY


def check_packages() -> None:
    """``spiders`` and ``pipelines`` are generic top-level names (the project's layout fixes
    them): refuse to crawl with another distribution's module of that name in their place."""
    import pipelines
    import spiders

    home = Path(__file__).resolve().parent.parent
    for module in (spiders, pipelines):
        where = Path(module.__path__[0]).resolve().parent
        if where != home:
            raise RuntimeError(
                f"the module {module.__name__!r} comes from {where}, not from Prohori ({home}): "
                "another installed package shadows it; use Prohori's own virtual environment"
            )


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


class _OneLineNetworkErrors(logging.Filter):
    """A page the network could not fetch is counted per outlet and said in the summary; in
    the log it is one line, not the traceback Scrapy attaches (robots.txt, retries)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            if failure_reason(error) != type(error).__name__:  # a known, counted failure
                record.msg = f"{record.getMessage()} [{failure_reason(error)}]"
                record.args = None
                record.exc_info = None
        return True


_ONE_LINE = _OneLineNetworkErrors()
# Scrapy loggers that attach a traceback to a network failure.
_NOISY = (
    "scrapy.downloadermiddlewares.robotstxt",
    "scrapy.downloadermiddlewares.retry",
    "scrapy.core.scraper",
    "scrapy.core.engine",
)


class _Process(CrawlerProcess):
    """Scrapy's process, remembering which signal (SIGINT, SIGTERM) stopped it."""

    stopped_by: int | None = None

    def _signal_shutdown(self, signum: int, _: Any) -> None:
        self.stopped_by = self.stopped_by or signum
        super()._signal_shutdown(signum, _)

    def _signal_kill(self, signum: int, _: Any) -> None:
        self.stopped_by = self.stopped_by or signum
        super()._signal_kill(signum, _)


_KINDS = (
    ("challenge", ("challenge", "browser_blocked", "no_browser_for_wall")),
    ("blocked", ("http_403", "http_429", "http_503", "http_451")),
    ("not found", ("http_404", "http_410")),
    ("unreachable", ("dns", "connection_refused", "timeout", "truncated", "ConnectionLost")),
)


def failure_kind(reasons: dict[str, int]) -> str:
    """What kept an outlet out, in a word, from its failures by reason."""
    for kind, markers in _KINDS:
        if any(reason.removeprefix("source_") in markers for reason in reasons):
            return kind
    return "no answer" if not reasons else "failed"


@dataclass
class CrawlResult:
    run_id: int | None
    finish_reason: str | None
    stats: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    failure: str | None = None  # the crawl raised, or could not start
    stopped_by: int | None = None  # the signal that stopped it

    def unreachable(self) -> dict[str, str]:
        """Outlets with no successful fetch (no 2xx, 3xx or 304 response), each with why: its
        kind of failure (unreachable, blocked, challenge, not found) and the counts by reason."""
        result = {}
        for outlet, figures in Figures.per_outlet(self.stats).items():
            if outlet == "_other" or figures.answered:
                continue
            reasons = figures.error_reasons
            counts = ", ".join(f"{w} {n}" for w, n in sorted(reasons.items())) or "no answer"
            result[outlet] = f"{failure_kind(reasons)}: {counts}"
        return result

    def verdict(self) -> tuple[int, str | None]:
        """The exit status and, unless the crawl simply finished, the one line saying why."""
        if self.stopped_by is not None:
            name = signal.Signals(self.stopped_by).name
            return 128 + self.stopped_by, (
                f"crawl stopped by {name}: what it stored is kept; run the same command again "
                "to go on"
            )
        if self.failure:
            return EXIT_FAILED, f"crawl failed: {self.failure}"
        if self.problems:
            return EXIT_FAILED, f"crawl failed: {'; '.join(self.problems)}"
        if self.finish_reason != "finished":
            return EXIT_FAILED, f"crawl ended early ({self.finish_reason})"
        raised = sum(
            v for k, v in self.stats.items() if k.endswith(("/errors/pipeline", "/errors/spider"))
        )
        if raised:
            return EXIT_FAILED, (
                f"crawl failed: {raised} page(s) raised an error in the spider or a pipeline (see "
                "the log); their articles were not stored and are fetched again next run"
            )
        if not self.stats.get("downloader/request_count"):
            return EXIT_FAILED, (
                "crawl did nothing: no source to fetch (archive sources are walked only with "
                "--since)"
            )
        gone = self.unreachable()
        answered = {k for k in Figures.per_outlet(self.stats) if k != "_other"} - set(gone)
        if not answered:
            detail = "; ".join(f"{k}: {v}" for k, v in sorted(gone.items())) or "no outlet"
            return EXIT_FAILED, f"crawl failed: no outlet answered ({detail})"
        return EXIT_OK, None


def run_crawl(
    db: str | Path,
    outlets: list[Outlet],
    overrides: dict[str, Any] | None = None,
    listeners: dict[object, Listener] | None = None,
) -> CrawlResult:
    """Crawl ``outlets`` into ``db``; ``listeners`` maps Scrapy signals to callables (e.g. a
    progress display)."""
    check_packages()
    settings = project_settings({**(overrides or {}), "PROHORI_DB": str(db)})
    storage = Storage(db, settings.getfloat("PROHORI_DB_TIMEOUT"))
    try:
        # A database another writer holds is a clear error now, not at the first article.
        with storage.write():
            pass
        process = _Process(settings)
        for name in _NOISY:
            logging.getLogger(name).addFilter(_ONE_LINE)
        crawler = process.create_crawler(OutletsSpider)
        run = attach(crawler, storage)
        for signal_, handler in (listeners or {}).items():
            crawler.signals.connect(handler, signal=signal_)
        result = CrawlResult(None, None, {}, run.problems)

        def keep_stats(spider: OutletsSpider, reason: str) -> None:
            assert crawler.stats is not None
            result.stats.update(crawler.stats.get_stats())
            result.finish_reason = reason

        def failed(failure: Failure) -> None:
            result.failure = f"{type(failure.value).__name__}: {failure.value}".splitlines()[0]

        crawler.signals.connect(keep_stats, signal=signals.spider_closed)
        process.crawl(crawler, outlets=outlets).addErrback(failed)
        process.start()
        result.run_id = run.id
        result.stopped_by = process.stopped_by
        return result
    finally:
        storage.close()
