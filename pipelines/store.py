"""Stage 500 — store: idempotent upserts into SQLite (sqlite-utils), one run row per crawl.

Each article is written as it arrives (WAL, one small transaction), so a crawl killed mid-run
keeps what it stored and the next run, skipping known URLs, fetches only the rest. At the end the
run's figures per outlet go to ``run_outlets`` and the totals to ``crawl_runs``.
"""

from __future__ import annotations

import json
import zlib
from datetime import UTC, datetime
from typing import Any

import sqlite_utils
from scrapy import Spider, signals
from scrapy.crawler import Crawler

from crawler.items import Article
from crawler.stats import drop_reason, outlet_figures
from crawler.store import open_db
from crawler.urls import canonical_url


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class StorePipeline:
    def __init__(self, crawler: Crawler, db_path: str, timeout: float) -> None:
        self.crawler = crawler
        self.db_path, self.timeout = db_path, timeout
        self.db: sqlite_utils.Database | None = None
        self.run_id = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        s = crawler.settings
        pipeline = cls(crawler, s.get("PROHORI_DB"), s.getfloat("PROHORI_DB_TIMEOUT"))
        # The run row is finished on spider_closed (not close_spider) to learn the finish reason.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        return pipeline

    def open_spider(self) -> None:
        self.db = db = open_db(self.db_path, self.timeout)
        outlets = getattr(self.crawler.spider, "outlets", [])
        with db.conn:
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
            table = db.table("crawl_runs")
            table.insert(
                {
                    "started": _now(),
                    "finish_reason": "running",
                    "outlets": json.dumps([o.key for o in outlets]),
                }
            )
            self.run_id = int(table.last_pk or 0)
            for o in outlets:
                db.execute(
                    "update outlets set first_seen = coalesce(first_seen, ?) where key = ?",
                    [_now(), o.key],
                )

    def process_item(self, item: Article) -> Article:
        assert self.db is not None
        row = {
            "canonical_url": item.canonical_url,
            "url": item.url,
            "outlet": item.outlet,
            "title": item.title,
            "text": item.text,
            "published": item.published,
            "modified": item.modified,
            "authors": json.dumps(item.authors, ensure_ascii=False),
            "section": item.section,
            "language": item.language,
            "bengali_share": item.bengali_share,
            "content_hash": item.content_hash,
            "duplicate_of": item.duplicate_of,
            "cluster_id": item.cluster_id,
            "relevant": int(item.relevant),
            "score": item.score,
            "partners": json.dumps(item.partners),
            "topics": json.dumps(item.topics),
            "evidence": item.evidence,
            "model_version": item.model_version,
            "extraction_version": item.extraction_version,
            "source_type": item.source_type,
            "source_url": item.source_url,
            "fetched_at": item.fetched_at,
            "first_run": self.run_id,
            "last_run": self.run_id,
        }
        with self.db.conn:
            existing = self.db.execute(
                "select first_run from articles where canonical_url = ?", [item.canonical_url]
            ).fetchone()
            if existing:
                row["first_run"] = existing[0]
            self.db.table("articles").upsert(row, pk="canonical_url")
            self.db.table("raw_pages").upsert(
                {
                    "canonical_url": item.canonical_url,
                    "url": item.url,
                    "status": item.status,
                    "request_headers": json.dumps(item.extra.get("request_headers", [])),
                    "response_headers": json.dumps(item.extra.get("response_headers", [])),
                    "body": zlib.compress(item.body or item.html.encode("utf-8"), 6),
                    "fetched_at": item.fetched_at,
                },
                pk="canonical_url",
            )
            old_cluster = item.extra.get("recluster")
            if old_cluster:
                self.db.execute(
                    "update articles set cluster_id = ? where cluster_id = ?",
                    [item.cluster_id, old_cluster],
                )
            demote = item.extra.get("demote")
            if demote:
                self.db.execute(
                    "update articles set duplicate_of = ?"
                    " where canonical_url = ? or duplicate_of = ?",
                    [item.canonical_url, demote, demote],
                )
        return item

    def item_dropped(self, item: Any, exception: BaseException, **kwargs: Any) -> None:
        """Remember what was not kept, and why, so re-crawls can skip permanent drops."""
        if self.db is None or not isinstance(item, Article):
            return
        reason = drop_reason(exception)
        if reason == "duplicate_url":
            return  # already stored under that URL
        with self.db.conn:
            self.db.execute(
                "insert into dropped_urls (canonical_url, url, outlet, reason, detail, first_run,"
                " last_run) values (?, ?, ?, ?, ?, ?, ?) on conflict(canonical_url) do update set"
                " reason = excluded.reason, detail = excluded.detail, last_run = excluded.last_run",
                [
                    canonical_url(item.url),
                    item.url,
                    item.outlet,
                    reason,
                    str(exception)[:300],
                    self.run_id,
                    self.run_id,
                ],
            )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.db is None:
            return
        stats: dict[str, Any] = self.crawler.stats.get_stats() if self.crawler.stats else {}
        figures = outlet_figures(stats)
        db, run = self.db, self.run_id
        new = {
            r[0]: r[1:]
            for r in db.execute(
                "select outlet, sum(duplicate_of is null), sum(duplicate_of is not null),"
                " sum(relevant)"
                " from articles where first_run = ? group by outlet",
                [run],
            )
        }
        totals = {
            "requests": 0,
            "responses": 0,
            "articles_new": 0,
            "articles_duplicate": 0,
            "flagged": 0,
            "skipped_known": 0,
            "not_modified": 0,
            "articles_updated": 0,
            "errors": 0,
        }
        dropped_total: dict[str, int] = {}
        reasons_total: dict[str, int] = {}
        rows = []
        for key in sorted(set(figures) | set(new)):
            f = figures.get(key, {})
            fresh, dup, flagged = new.get(key, (0, 0, 0))
            errors = sum(f.get("errors", {}).values()) if isinstance(f.get("errors"), dict) else 0
            row = {
                "run_id": run,
                "outlet": key,
                "requests": f.get("requests", 0),
                "responses": f.get("responses", 0),
                "articles_new": fresh or 0,
                "articles_duplicate": dup or 0,
                "flagged": flagged or 0,
                "dropped": json.dumps(f.get("dropped", {}), sort_keys=True),
                "skipped_known": f.get("skipped_known", 0),
                "discovered": f.get("discovered", 0),
                "not_modified": f.get("not_modified", 0),
                "articles_updated": f.get("articles_updated", 0),
                "robots_forbidden": f.get("robots_forbidden", 0),
                "error_reasons": json.dumps(
                    f["errors"] if isinstance(f.get("errors"), dict) else {}, sort_keys=True
                ),
                "errors": errors,
                "statuses": json.dumps(f.get("status", {}), sort_keys=True),
            }
            rows.append(row)
            for name in totals:
                totals[name] += int(row.get(name) or 0)
            for why, count in f.get("dropped", {}).items():
                dropped_total[why] = dropped_total.get(why, 0) + count
            for why, count in json.loads(row["error_reasons"]).items():
                reasons_total[why] = reasons_total.get(why, 0) + count
        with db.conn:
            db.table("run_outlets").upsert_all(rows, pk=("run_id", "outlet"))
            db.table("crawl_runs").update(
                run,
                {
                    **totals,
                    "finished": _now(),
                    "finish_reason": str(reason),
                    "dropped": json.dumps(dropped_total, sort_keys=True),
                    "error_reasons": json.dumps(reasons_total, sort_keys=True),
                    "stats": json.dumps(
                        {k: v for k, v in stats.items() if not k.startswith("prohori/outlet/")},
                        default=str,
                    ),
                },
            )
        self._alert(db, [row["outlet"] for row in rows])
        db.close()
        self.db = None

    def _alert(self, db: sqlite_utils.Database, crawled: list[str]) -> None:
        from crawler.monitor import alert_unhealthy
        from crawler.status import rules_from, status

        settings = self.crawler.settings
        outlets = [o for o in status(db, rules_from(settings))["outlets"] if o["key"] in crawled]
        alert_unhealthy(
            outlets,
            self.run_id,
            settings.get("PROHORI_ALERTS_FILE") or f"{self.db_path}.alerts.jsonl",
            settings.get("PROHORI_ALERT_WEBHOOK") or None,
        )
