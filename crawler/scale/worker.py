"""A worker process: the spider with the stateless stages, its items handed to the writer.

It is an ordinary Scrapy crawl of :class:`spiders.outlets.OutletsSpider` whose pipelines stop
after classification: :class:`pipelines.handoff.HandoffPipeline` sends each finished item to
the writer, :class:`WorkerReport` sends the pages it dropped (the writer records them) and, at
the end, its figures and the validators its sources answered with. No database is opened here.

``python -m crawler.scale.worker SESSION FD`` is how a local crawl starts one (its session in a
file, its items written to the pipe on descriptor FD); ``prohori worker --redis`` starts one
that joins a crawl through Redis.
"""

from __future__ import annotations

import ctypes
import dataclasses
import importlib
import logging
import os
import pickle
import signal
import struct
import sys
import time
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from crawler.items import Article
from crawler.scale.session import HEAVY, Link, Report, Session, attach_session, worker_session

logger = logging.getLogger(__name__)

WORKER_SETTINGS: dict[str, Any] = {
    "ITEM_PIPELINES": {
        "pipelines.extract.ExtractPipeline": 100,
        "pipelines.language.LanguagePipeline": 200,
        "pipelines.classify.ClassifyPipeline": 250,
        "pipelines.handoff.HandoffPipeline": 900,
    },
    # The run's row, health and Spidermon belong to the writer, which stores the articles.
    "EXTENSIONS": {
        "crawler.store.run.RunRecorder": None,
        "crawler.monitor.extension.HealthAlerts": None,
        "spidermon.contrib.scrapy.extensions.Spidermon": None,
        "crawler.scale.worker.WorkerReport": 505,
    },
    "SPIDERMON_ENABLED": False,
}


def worker_name() -> str:
    return f"{os.uname().nodename}:{os.getpid()}"


class WorkerReport:
    """Extension: dropped pages and, when the spider closes, the worker's report."""

    def __init__(self, crawler: Crawler, link: Link) -> None:
        self.crawler = crawler
        self.link = link

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WorkerReport:
        from scrapy.exceptions import NotConfigured

        worker = worker_session(crawler)
        if worker is None:
            raise NotConfigured("only workers report to a writer")
        extension = cls(crawler, worker.link)
        crawler.signals.connect(extension.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def item_dropped(self, item: Any, exception: BaseException, **_: Any) -> None:
        if isinstance(item, Article):
            light = dataclasses.replace(
                item, **{name: type(getattr(item, name))() for name in HEAVY}
            )
            light.dropped = str(exception)
            self.link.send("drop", light)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.crawler.stats is not None
        stats = dict(self.crawler.stats.get_stats())
        stats["finish_reason"] = reason
        self.link.send(
            "done",
            Report(
                worker_name(),
                stats,
                dict(getattr(spider, "seen_validators", {})),
                dict(getattr(spider, "children", {})),
            ),
        )


def run_worker(
    session: Session, link: Link, overrides: dict[str, Any], extra: dict[str, Any] | None = None
) -> str | None:
    """Crawl as a worker until the crawl is done; the finish reason (None if it never ran).
    ``extra``: settings of the kind of worker (components are added to the crawl's)."""
    from crawler.runner import _Process, check_packages, project_settings
    from spiders.outlets import OutletsSpider

    check_packages()
    settings = project_settings({**session.settings, **overrides})
    for name, value in [*WORKER_SETTINGS.items(), *(extra or {}).items()]:
        # The stages are the worker's whole list; other components keep the crawl's settings.
        if name in ("EXTENSIONS", "DOWNLOADER_MIDDLEWARES"):
            value = {**settings.getdict(name), **value}
        settings.set(name, value, priority="cmdline")
    process = _Process(settings)
    crawler = process.create_crawler(OutletsSpider)
    attach_session(crawler, session, link)
    outcome: dict[str, str] = {}

    def closed(spider: Spider, reason: str) -> None:
        outcome["reason"] = reason

    crawler.signals.connect(closed, signal=signals.spider_closed)
    process.crawl(crawler, outlets=session.outlets)
    process.start()
    return outcome.get("reason")


class PipeLink:
    """A local worker's link: length-prefixed pickles on a pipe the writer reads."""

    shared_frontier = False

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.name = worker_name()

    def send(self, kind: str, payload: Any) -> None:
        data = pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(struct.pack("!Q", len(data)) + data)
        while view:
            # Blocks while the writer is behind: the worker waits instead of piling up items.
            try:
                written = os.write(self.fd, view)
            except BrokenPipeError:  # the writer is gone: nothing this worker does is kept
                logger.error("the writer is gone: this worker stops")
                os._exit(1)
            view = view[written:]

    def claim_seeding(self) -> bool:
        return True  # a local worker's outlets are its own


def die_with_parent() -> None:
    """Linux: be killed when the process that started us dies (a writer killed outright must
    not leave workers crawling for nobody)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:
        sys.exit(1)


def wait_for_session(path: Path, timeout: float = 300.0) -> Session:
    """The session the writer publishes once it has read the database (the worker starts
    first, to load its modules meanwhile)."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if os.getppid() == 1 or time.monotonic() > deadline:
            sys.exit(1)  # the writer is gone, or never got that far
        time.sleep(0.02)
    session: Session = pickle.loads(path.read_bytes())
    path.unlink()  # it may hold a large map of stored URLs: not left behind
    return session


def main(argv: list[str]) -> int:
    session_file, fd = Path(argv[0]), int(argv[1])
    die_with_parent()
    # Loaded while the writer prepares the session: most of a worker's start-up.
    for module in ("crawler.runner", "spiders.outlets", "pipelines.extract", "pipelines.classify"):
        importlib.import_module(module)

    session = wait_for_session(session_file)
    try:
        reason = run_worker(session, PipeLink(fd), {})
    except BrokenPipeError:
        return 1  # the writer is gone
    return 0 if reason == "finished" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
