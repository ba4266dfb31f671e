"""Stage 300 — dedup: exact (canonical URL, content hash) and near-duplicate (MinHash LSH).

A URL already stored is dropped (``duplicate_url``). A text already stored under another URL —
exactly, or as a copy with a new headline, trimmed or added paragraphs, credit lines, other
boilerplate or a few words changed (``crawler.neardup``) — is kept and linked: it joins the
stored text's cluster, and ``duplicate_of`` points to the cluster's canonical member, the
earliest published copy. When the new copy is the earlier one, the store pipeline relinks the
cluster to it (``extra["demote"]``).

Lookups go to the database (indexed), not to memory, so the stage stays small however large the
corpus grows; only this run's articles are also kept in memory (they may not be stored yet).
The LSH index is a cache beside the database (``<db>-lsh``, see ``crawler.neardup``): it is
written without a journal and rebuilt from the articles table if a crash damaged it.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import Article
from crawler.neardup import NearDuplicateIndex, open_index
from crawler.store.run import crawl_run
from crawler.urls import canonical_url

_NON_WORD = re.compile(r"[\W_]+")
# The index is committed in batches (it is a cache: a crash loses nothing that the next run
# cannot re-index from the articles table).
COMMIT_EVERY = 100


def content_hash(text: str) -> str:
    """Hash of the normalised text with punctuation and spacing removed."""
    return hashlib.sha1(_NON_WORD.sub(" ", text.lower()).strip().encode("utf-8")).hexdigest()


def cluster_name(canonical_member: str) -> str:
    """A cluster is named after its canonical member (the earliest published copy)."""
    return "c-" + hashlib.sha1(canonical_member.encode("utf-8")).hexdigest()[:16]


def _earlier(a: str | None, b: str | None) -> bool:
    """True when date ``a`` is strictly before ``b`` (unknown dates are never earlier)."""
    if not a or not b:
        return False
    try:
        return datetime.fromisoformat(a) < datetime.fromisoformat(b)
    except ValueError:
        return a < b


class DedupPipeline:
    def __init__(
        self,
        conn: sqlite3.Connection,
        db_path: Path,
        threshold: float,
        lead: float,
        shingle: int,
        num_perm: int,
    ) -> None:
        self.db_path = db_path
        self.params = {
            "threshold": threshold,
            "lead_threshold": lead,
            "shingle_size": shingle,
            "num_perm": num_perm,
        }
        # This run's articles (the store stage may not have written them yet).
        self.urls: set[str] = set()
        self.hashes: dict[str, str] = {}  # content hash -> cluster id
        self.canonical: dict[str, tuple[str, str | None]] = {}  # cluster -> (url, published)
        self.db = conn  # the crawl's own connection (crawl_run): lookups only
        self.index: NearDuplicateIndex | None = None
        self.pending = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        s = crawler.settings
        storage = crawl_run(crawler).storage
        return cls(
            storage.conn,
            storage.path,
            s.getfloat("PROHORI_NEAR_THRESHOLD"),
            s.getfloat("PROHORI_NEAR_LEAD"),
            s.getint("PROHORI_SHINGLE_SIZE"),
            s.getint("PROHORI_MINHASH_PERM"),
        )

    def open_spider(self) -> None:
        self.index = open_index(f"{self.db_path}-lsh", **self.params)
        self.index.catch_up(self.db)

    def close_spider(self) -> None:
        if self.index is not None:
            self.index.close()
            self.index = None

    def _stored(self, url: str) -> bool:
        row = self.db.execute("select 1 from articles where canonical_url = ?", [url]).fetchone()
        return row is not None

    def _cluster_of_hash(self, digest: str) -> str | None:
        if digest in self.hashes:
            return self.hashes[digest]
        row = self.db.execute(
            "select cluster_id from articles where content_hash = ? limit 1", [digest]
        ).fetchone()
        return row[0] if row else None

    def _canonical(self, cluster: str) -> tuple[str, str | None] | None:
        if cluster in self.canonical:
            return self.canonical[cluster]
        row = self.db.execute(
            "select canonical_url, published from articles where cluster_id = ?"
            " and duplicate_of is null limit 1",
            [cluster],
        ).fetchone()
        return (row[0], row[1]) if row else None

    def _refreshed(self, item: Article, url: str) -> Article:
        """A stored article the outlet changed: it is updated in place, keeping its cluster."""
        self.urls.add(url)
        cluster, duplicate_of = self.db.execute(
            "select cluster_id, duplicate_of from articles where canonical_url = ?", [url]
        ).fetchone()
        item.canonical_url, item.content_hash = url, content_hash(item.text)
        item.cluster_id, item.duplicate_of = cluster, duplicate_of
        item.extra["updated"] = True
        return item

    def process_item(self, item: Article) -> Article:
        assert self.index is not None
        url = canonical_url(item.url)
        if item.canonical_url and canonical_url(item.canonical_url).split("/", 3)[-1]:
            declared = canonical_url(item.canonical_url)
            if declared.split("/")[2] == url.split("/")[2]:  # trust it only on the same host
                url = declared
        if url not in self.urls and item.extra.get("refresh") and self._stored(url):
            return self._refreshed(item, url)
        if url in self.urls or self._stored(url):
            raise DropItem(f"duplicate_url: {url}", log_level="INFO")
        self.urls.add(url)
        item.canonical_url = url
        item.content_hash = digest = content_hash(item.text)
        fingerprint = self.index.fingerprint(item.text, normalized=True)  # extract normalised it
        cluster = self._cluster_of_hash(digest)
        if cluster is None:
            matches = [m for m in self.index.query(fingerprint) if m.canonical_url != url]
            cluster = matches[0].cluster_id if matches else None
        member = self._canonical(cluster) if cluster else None
        if cluster is None or member is None:
            cluster = cluster_name(url)
            self.canonical[cluster] = (url, item.published)
        elif _earlier(item.published, member[1]):
            # This copy is older: it becomes the canonical member, and the cluster takes its
            # name, so that cluster ids do not depend on the order pages happened to arrive in.
            old, cluster = cluster, cluster_name(url)
            item.extra["demote"] = member[0]
            item.extra["recluster"] = old
            self.canonical.pop(old, None)
            self.canonical[cluster] = (url, item.published)
            self.hashes = {h: (cluster if c == old else c) for h, c in self.hashes.items()}
            self.index.rename_cluster(old, cluster)
        else:
            item.duplicate_of = member[0]
            self.canonical.setdefault(cluster, member)
        item.cluster_id = cluster
        self.hashes.setdefault(digest, cluster)
        self.index.insert(url, cluster, item.published, fingerprint)
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.index.conn.commit()
            self.pending = 0
        return item
