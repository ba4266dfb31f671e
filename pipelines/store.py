"""Stage 500 — store: idempotent upserts of articles and their raw pages (sqlite-utils).

Each article is written as it arrives (WAL, one small transaction holding the write lock), so a
crawl killed mid-run keeps what it stored and the next run, skipping known URLs, fetches only the
rest. Pages not kept are remembered in ``dropped_urls``. The run's own row and figures belong to
``crawler.store.run.RunRecorder``; the database comes from the crawl (``crawl_run``).
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from crawler.items import Article
from crawler.stats import drop_reason
from crawler.store.run import CrawlRun, crawl_run
from crawler.urls import canonical_url


class StorePipeline:
    def __init__(self, run: CrawlRun) -> None:
        self.run = run

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        pipeline = cls(crawl_run(crawler))
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        return pipeline

    def process_item(self, item: Article) -> Article:
        run_id = self.run.id
        assert run_id is not None, "the run row is opened when the spider opens"
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
            "first_run": run_id,
            "last_run": run_id,
        }
        with self.run.storage.write() as db:
            existing = db.execute(
                "select first_run from articles where canonical_url = ?", [item.canonical_url]
            ).fetchone()
            if existing:
                row["first_run"] = existing[0]
            db.table("articles").upsert(row, pk="canonical_url")
            db.table("raw_pages").upsert(
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
                db.execute(
                    "update articles set cluster_id = ? where cluster_id = ?",
                    [item.cluster_id, old_cluster],
                )
            demote = item.extra.get("demote")
            if demote:
                db.execute(
                    "update articles set duplicate_of = ?"
                    " where canonical_url = ? or duplicate_of = ?",
                    [item.canonical_url, demote, demote],
                )
        return item

    def item_dropped(self, item: Any, exception: BaseException, **kwargs: Any) -> None:
        """Remember what was not kept, and why, so re-crawls can skip permanent drops."""
        if self.run.id is None or not isinstance(item, Article):
            return
        reason = drop_reason(exception)
        if reason == "duplicate_url":
            return  # already stored under that URL
        with self.run.storage.write() as db:
            db.execute(
                "insert into dropped_urls (canonical_url, url, outlet, reason, detail, first_run,"
                " last_run) values (?, ?, ?, ?, ?, ?, ?) on conflict(canonical_url) do update set"
                " reason = excluded.reason, detail = excluded.detail, last_run = excluded.last_run",
                [
                    canonical_url(item.url),
                    item.url,
                    item.outlet,
                    reason,
                    str(exception)[:300],
                    self.run.id,
                    self.run.id,
                ],
            )
