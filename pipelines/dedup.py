"""Stage 300 — dedup: canonical URL and content hash (the exact layer).

A URL already stored is dropped (``duplicate_url``). A text already stored under another URL —
a syndicated copy — is kept and linked: ``duplicate_of`` points to the cluster's canonical member,
the earliest published copy, and both share a ``cluster_id``. When a copy turns out to be older
than the stored member, the store pipeline relinks the member (``extra["demote"]``).
"""

from __future__ import annotations

import hashlib
import re

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import Article
from crawler.store import open_db
from crawler.urls import canonical_url

_NON_WORD = re.compile(r"[\W_]+")


def content_hash(text: str) -> str:
    """Hash of the normalised text with punctuation and spacing removed."""
    return hashlib.sha1(_NON_WORD.sub(" ", text.lower()).strip().encode("utf-8")).hexdigest()


class DedupPipeline:
    def __init__(self, db_path: str, timeout: float) -> None:
        self.db_path, self.timeout = db_path, timeout
        self.urls: set[str] = set()
        self.hashes: dict[str, tuple[str, str, str]] = {}  # hash -> (url, published, cluster)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        s = crawler.settings
        return cls(s.get("PROHORI_DB"), s.getfloat("PROHORI_DB_TIMEOUT"))

    def open_spider(self) -> None:
        db = open_db(self.db_path, self.timeout)
        for url, digest, published, cluster, dup in db.execute(
            "select canonical_url, content_hash, published, cluster_id, duplicate_of from articles"
        ):
            self.urls.add(url)
            if digest and not dup:
                self.hashes[digest] = (url, published or "", cluster)
        db.close()

    def process_item(self, item: Article) -> Article:
        url = canonical_url(item.url)
        if item.canonical_url and canonical_url(item.canonical_url).split("/", 3)[-1]:
            declared = canonical_url(item.canonical_url)
            if declared.split("/")[2] == url.split("/")[2]:  # trust it only on the same host
                url = declared
        if url in self.urls:
            raise DropItem(f"duplicate_url: {url}", log_level="INFO")
        self.urls.add(url)
        item.canonical_url = url
        item.content_hash = digest = content_hash(item.text)
        if digest not in self.hashes:
            item.cluster_id = f"c-{digest[:16]}"
            self.hashes[digest] = (url, item.published or "", item.cluster_id)
            return item
        first_url, first_published, cluster = self.hashes[digest]
        item.cluster_id = cluster
        if item.published and first_published and item.published < first_published:
            # This copy is older: it becomes the cluster's canonical member.
            item.extra["demote"] = first_url
            self.hashes[digest] = (url, item.published, cluster)
        else:
            item.duplicate_of = first_url
        return item
