"""Stage 300 — dedup: exact (canonical URL, content hash) and near-duplicate (MinHash LSH).

A URL already stored is dropped (``duplicate_url``). A text already stored under another URL —
exactly, or as a copy with a new headline, trimmed or added paragraphs, credit lines, other
boilerplate or a few words changed (``crawler.neardup``) — is kept and linked: it joins the
stored text's cluster, and ``duplicate_of`` points to the cluster's canonical member, the
earliest published copy. When the new copy is the earlier one, the store pipeline relinks the
cluster to it (``extra["demote"]``). The LSH index lives in the same SQLite database, so a story
is matched against everything stored in earlier runs.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from datetime import datetime

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import Article
from crawler.neardup import NearDuplicateIndex
from crawler.store import open_db
from crawler.urls import canonical_url

_NON_WORD = re.compile(r"[\W_]+")


def content_hash(text: str) -> str:
    """Hash of the normalised text with punctuation and spacing removed."""
    return hashlib.sha1(_NON_WORD.sub(" ", text.lower()).strip().encode("utf-8")).hexdigest()


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
        db_path: str,
        timeout: float,
        threshold: float,
        lead: float,
        shingle: int,
        num_perm: int,
    ) -> None:
        self.db_path, self.timeout = db_path, timeout
        self.params = {
            "threshold": threshold,
            "lead_threshold": lead,
            "shingle_size": shingle,
            "num_perm": num_perm,
        }
        self.urls: set[str] = set()
        self.hashes: dict[str, str] = {}  # content hash -> cluster id
        self.canonical: dict[str, tuple[str, str | None]] = {}  # cluster -> (url, published)
        self.conn: sqlite3.Connection | None = None
        self.index: NearDuplicateIndex | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        s = crawler.settings
        return cls(
            s.get("PROHORI_DB"),
            s.getfloat("PROHORI_DB_TIMEOUT"),
            s.getfloat("PROHORI_NEAR_THRESHOLD"),
            s.getfloat("PROHORI_NEAR_LEAD"),
            s.getint("PROHORI_SHINGLE_SIZE"),
            s.getint("PROHORI_MINHASH_PERM"),
        )

    def open_spider(self) -> None:
        open_db(self.db_path, self.timeout).close()  # schema and migrations
        self.conn = sqlite3.connect(self.db_path, timeout=self.timeout)
        self.conn.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoints, fast commits
        self.index = NearDuplicateIndex(self.conn, **self.params)  # type: ignore[arg-type]
        rows = self.conn.execute(
            "select canonical_url, content_hash, cluster_id, duplicate_of, published, text"
            " from articles"
        ).fetchall()
        indexed = {r[0] for r in self.conn.execute("select canonical_url from minhashes")}
        for url, digest, cluster, duplicate_of, published, text in rows:
            self.urls.add(url)
            if digest and cluster:
                self.hashes.setdefault(digest, cluster)
            if cluster and not duplicate_of:
                self.canonical[cluster] = (url, published)
            if url not in indexed and cluster:  # stored before the near layer existed
                self.index.insert(url, cluster, published, self.index.fingerprint(text or ""))
        self.conn.commit()

    def close_spider(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def process_item(self, item: Article) -> Article:
        assert self.index is not None and self.conn is not None
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
        fingerprint = self.index.fingerprint(item.text, normalized=True)  # extract normalised it
        cluster = self.hashes.get(digest)
        if cluster is None:
            matches = [m for m in self.index.query(fingerprint) if m.canonical_url != url]
            cluster = matches[0].cluster_id if matches else None
        if cluster is None or cluster not in self.canonical:
            cluster = item.cluster_id = f"c-{digest[:16]}"
            self.canonical[cluster] = (url, item.published)
        else:
            item.cluster_id = cluster
            first_url, first_published = self.canonical[cluster]
            if _earlier(item.published, first_published):
                item.extra["demote"] = first_url  # this copy is older: it becomes canonical
                self.canonical[cluster] = (url, item.published)
            else:
                item.duplicate_of = first_url
        self.hashes.setdefault(digest, cluster)
        self.index.insert(url, cluster, item.published, fingerprint)
        self.conn.commit()
        return item
