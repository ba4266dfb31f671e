"""A crawl's storage and its run row: handed to every component, recorded by one extension.

The runner (``prohori crawl``, ``prohori demo``) opens the :class:`Storage` once and attaches it
to the crawler (:func:`attach`); the spider, the pipelines and the monitors take it from there
(:func:`crawl_run`) instead of opening the database themselves. Under ``scrapy crawl outlets``
nobody attached one, so the first component to ask opens it and it is closed when the engine
stops.

:class:`RunRecorder` owns the ``crawl_runs`` / ``run_outlets`` rows: it opens the run when the
spider opens and, when it closes, writes the run's figures and the sources' HTTP validators,
then sends :data:`run_recorded` for the monitors (health and alerts).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from weakref import WeakKeyDictionary

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from crawler.monitor.figures import PREFIX, Figures
from crawler.store.storage import Storage

logger = logging.getLogger(__name__)

# Sent after the run's row is written at spider close, with ``run`` (the CrawlRun).
run_recorded = object()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class CrawlRun:
    storage: Storage
    id: int | None = None
    # Storage failures during the run (a run row not written, ...): the crawl did not do all it
    # says, so the command must not exit 0.
    problems: list[str] = field(default_factory=list)
    # Called with the queue messages (``Article.delivery``) whose articles a commit made
    # durable, when items come through a queue (``crawler.scale``).
    acknowledge: Callable[[list[str]], None] | None = None


_RUNS: WeakKeyDictionary[Crawler, CrawlRun] = WeakKeyDictionary()


def attach(crawler: Crawler, storage: Storage) -> CrawlRun:
    run = CrawlRun(storage)
    _RUNS[crawler] = run
    return run


def crawl_run(crawler: Crawler) -> CrawlRun:
    """The crawl's run (and storage), opening the database once if no runner attached one."""
    run = _RUNS.get(crawler)
    if run is None:
        settings = crawler.settings
        storage = Storage(settings.get("PROHORI_DB"), settings.getfloat("PROHORI_DB_TIMEOUT"))
        run = attach(crawler, storage)

        def close(**_: Any) -> None:
            storage.close()

        crawler.signals.connect(close, signal=signals.engine_stopped, weak=False)
    return run


class RunRecorder:
    """Extension: the run's row in ``crawl_runs``, its figures per outlet in ``run_outlets``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.run = crawl_run(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecorder:
        recorder = cls(crawler)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self, spider: Spider) -> None:
        outlets = getattr(spider, "outlets", [])
        with self.run.storage.write() as db:
            # Only one crawl runs on a database at a time (the crawl lock), so a run still
            # marked running was killed before it could say so.
            db.execute(
                "update crawl_runs set finish_reason = 'killed' where finish_reason = 'running'"
            )
            db.table("outlets").upsert_all(
                [
                    {
                        "key": o.key,
                        "name": o.name,
                        "domain": o.domain,
                        "country": o.country,
                        "timezone": o.timezone,
                        "render": int(o.render),
                        "verified": int(o.verified),
                        "seed_path": o.path,
                    }
                    for o in outlets
                ],
                pk="key",
            )
            for o in outlets:
                db.execute(
                    "update outlets set first_seen = coalesce(first_seen, ?) where key = ?",
                    [now(), o.key],
                )
            cursor = db.execute(
                "insert into crawl_runs (started, finish_reason, outlets) values (?, ?, ?)",
                [now(), "running", json.dumps([o.key for o in outlets])],
            )
            self.run.id = int(cursor.lastrowid or 0)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.run.id is None:
            return
        stats: dict[str, Any] = self.crawler.stats.get_stats() if self.crawler.stats else {}
        try:
            with self.run.storage.write() as db:
                self._write_figures(db, stats, reason)
                if reason == "finished" and not _callback_errors(stats):
                    _keep_validators(db, spider)
        except Exception as exc:  # the run's figures are lost, not its articles: say so
            logger.exception("could not record run %s", self.run.id)
            self.run.problems.append(f"the run's figures could not be stored ({exc})")
            return
        self.crawler.signals.send_catch_log(run_recorded, run=self.run)

    def _write_figures(self, db: Any, stats: dict[str, Any], reason: str) -> None:
        run = self.run.id
        per_outlet = Figures.per_outlet(stats)
        # What was stored comes from the articles table itself, not from the counters.
        for outlet, fresh, copies, flagged in db.execute(
            "select outlet, sum(duplicate_of is null), sum(duplicate_of is not null),"
            " sum(relevant) from articles where first_run = ? group by outlet",
            [run],
        ):
            figures = per_outlet.setdefault(outlet, Figures())
            figures.articles_new, figures.articles_duplicate = fresh or 0, copies or 0
            figures.flagged = flagged or 0
        total = Figures()
        for figures in per_outlet.values():
            total.add(figures)
        db.table("run_outlets").upsert_all(
            [
                {"run_id": run, "outlet": outlet, "figures": figures.to_json()}
                for outlet, figures in sorted(per_outlet.items())
            ],
            pk=("run_id", "outlet"),
        )
        db.table("crawl_runs").update(
            run,
            {
                "finished": now(),
                "finish_reason": str(reason),
                "figures": total.to_json(),
                "stats": json.dumps(
                    {k: v for k, v in stats.items() if not k.startswith(PREFIX + "/")},
                    default=str,
                ),
            },
        )


def _callback_errors(stats: dict[str, Any]) -> int:
    """Pages whose callback raised (a feed parser, say): their links may never have been
    followed, so their sources must be fetched in full next time."""
    return sum(v for k, v in stats.items() if k.endswith("/errors/spider"))


def _keep_validators(db: Any, spider: Spider) -> None:
    """Keep the sources' validators only after a normal finish: a run that died part-way must
    fetch its sources in full next time, or articles it never reached would be skipped."""
    seen: dict[str, tuple[str, str | None, str | None]] = getattr(spider, "seen_validators", {})
    children: dict[str, list[str]] = getattr(spider, "children", {})
    if not seen:
        return
    stamp = now()
    db.table("source_state").upsert_all(
        [
            {
                "url": url,
                "outlet": outlet,
                "etag": etag,
                "last_modified": modified,
                "fetched_at": stamp,
                "children": json.dumps(children[url]) if url in children else None,
            }
            for url, (outlet, etag, modified) in seen.items()
        ],
        pk="url",
    )
