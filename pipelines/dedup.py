"""Stage 300 — dedup: exact duplicates dropped, syndicated copies kept and linked.

The decisions are ``crawler.dedup.decide.Deduplicator``'s; this adapter owns the near-duplicate
index for the crawl (``<db>-lsh``, a cache of the articles table written without a journal,
refilled from the table when missing or damaged) and commits it in batches.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.dedup.decide import Deduplicator
from crawler.dedup.index import open_index
from crawler.items import Article
from crawler.store.run import crawl_run
from crawler.store.storage import Storage

# A cache: a crash loses nothing the next run cannot re-index from the articles table.
COMMIT_EVERY = 100


class DedupPipeline:
    def __init__(self, storage: Storage, params: dict[str, float]) -> None:
        self.storage = storage
        self.params = params
        self.judge: Deduplicator | None = None
        self.pending = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        s = crawler.settings
        params = {
            "threshold": s.getfloat("PROHORI_NEAR_THRESHOLD"),
            "lead_threshold": s.getfloat("PROHORI_NEAR_LEAD"),
            "shingle_size": s.getint("PROHORI_SHINGLE_SIZE"),
            "num_perm": s.getint("PROHORI_MINHASH_PERM"),
        }
        return cls(crawl_run(crawler).storage, params)

    def open_spider(self) -> None:
        index = open_index(f"{self.storage.path}-lsh", **self.params)
        index.catch_up(self.storage.conn)
        self.judge = Deduplicator(self.storage.conn, index)

    def close_spider(self) -> None:
        if self.judge is not None:
            self.judge.index.close()
            self.judge = None

    def process_item(self, item: Article) -> Article:
        assert self.judge is not None
        if not self.judge.judge(item):
            raise DropItem(f"duplicate_url: {item.canonical_url}", log_level="INFO")
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.judge.index.conn.commit()
            self.pending = 0
        return item
