"""The dedup stage's decisions: exact duplicates, updates, syndicated copies and story threads.

A URL already stored is a duplicate (not kept again). A stored article the outlet says it
changed is updated in place, keeping its cluster and thread. A text already stored under another
URL — exactly (same content hash), or as a copy found by ``crawler.dedup.stage`` (whole-text
shingles, containment, no reliance on the lead) — is kept and linked: it joins that cluster and
``duplicate_of`` points to the cluster's canonical member, the earliest published copy; when the
new copy is earlier, it takes that place (``Article.demotes``, ``Article.replaces_cluster``) and
the store relinks the cluster. Every article is then filed in a story thread (a copy in its
source's); ``Article.thread_id`` names it and ``Article.thread_renames`` the thread ids it
absorbed (a merge, or an earlier first report), which the store renames.

Every lookup of a stored article goes to the articles table (indexed): it is the one source of
truth, and the stage's index (``<db>-dedup``) is a cache of it. Items pass through the
pipelines one at a time, so each article is stored before the next is judged.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from datetime import datetime

from crawler.dedup.stage import DedupStage, doc_id, thread_name, when
from crawler.dedup.urls import canonical_url
from crawler.items import Article

_NON_WORD = re.compile(r"[\W_]+")


def content_hash(text: str) -> str:
    """Hash of the normalised text with punctuation and spacing removed."""
    return hashlib.sha1(_NON_WORD.sub(" ", text.lower()).strip().encode("utf-8")).hexdigest()


def cluster_name(canonical_member: str) -> str:
    """A cluster is named after its canonical member (the earliest published copy), so cluster
    ids do not depend on the order pages happened to arrive in."""
    return "c-" + hashlib.sha1(canonical_member.encode("utf-8")).hexdigest()[:16]


def earlier(a: str | None, b: str | None) -> bool:
    """True when date ``a`` is strictly before ``b`` (unknown dates are never earlier)."""
    if not a or not b:
        return False
    try:
        return datetime.fromisoformat(a) < datetime.fromisoformat(b)
    except ValueError:
        return a < b


def article_url(item: Article) -> str:
    """The URL an article is stored under: its own, canonicalised, or the canonical URL the
    page declares when that is on the same host."""
    url = canonical_url(item.url)
    if item.canonical_url:
        declared = canonical_url(item.canonical_url)
        if declared.split("/", 3)[-1] and declared.split("/")[2] == url.split("/")[2]:
            url = declared
    return url


class Deduplicator:
    """Judges articles against one database (its articles table) and the dedup stage's index."""

    def __init__(self, db: sqlite3.Connection, stage: DedupStage) -> None:
        self.db = db
        self.stage = stage

    def _one(self, sql: str, args: list[str]) -> tuple[str | None, ...] | None:
        row = self.db.execute(sql, args).fetchone()
        return tuple(row) if row else None

    def judge(self, item: Article) -> bool:
        """Fill the item's dedup fields; False when its URL is already stored (not kept)."""
        url = item.canonical_url = article_url(item)
        stored = self._one(
            "select cluster_id, duplicate_of, thread_id from articles where canonical_url = ?",
            [url],
        )
        if stored is not None:
            if not item.refresh:
                return False
            # The outlet changed a stored article: update it in place, in its cluster and thread.
            item.content_hash = content_hash(item.text)
            item.cluster_id, item.duplicate_of, item.thread_id = stored
            item.updated = True
            return True
        item.content_hash = digest = content_hash(item.text)
        hours, day = when(item.published, item.fetched_at)
        found = self.stage.examine(url, item.title or "", item.text, hours, day)
        cluster, copy_of = None, None
        same_text = self._one(
            "select cluster_id, canonical_url, published, fetched_at from articles"
            " where content_hash = ? limit 1",
            [digest],
        )
        if same_text is not None:
            cluster, source = same_text[0], str(same_text[1])
            copy_of = (doc_id(source), when(same_text[2], same_text[3])[1])
        else:
            for candidate in found.accepted:  # best first; the table says whether it is kept
                row = self._one(
                    "select cluster_id from articles where canonical_url = ?", [candidate.url]
                )
                if row is not None and candidate.url != url:
                    cluster, copy_of = row[0], (candidate.doc, candidate.day)
                    break
        member = (
            self._one(
                "select canonical_url, published from articles where cluster_id = ?"
                " and duplicate_of is null limit 1",
                [cluster],
            )
            if cluster
            else None
        )
        if cluster is None or member is None:
            cluster = cluster_name(url)
        elif earlier(item.published, member[1]):
            item.demotes, item.replaces_cluster = member[0], cluster
            cluster = cluster_name(url)
        else:
            item.duplicate_of = member[0]
        item.cluster_id = cluster
        filed = self.stage.file(found, copy_of)
        item.thread_id = thread_name(filed.thread)
        item.thread_renames = [thread_name(t) for t in filed.renames]
        return True
