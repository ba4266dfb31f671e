"""The near-duplicate and thread stage for one article: tokens, fingerprint, copy candidates and
decision, thread filing, index writes.

Two steps, so that the caller (``crawler.dedup.decide``) can check a candidate against the
articles table before the thread level relies on it: :meth:`DedupStage.examine` finds the
stored articles the new one copies, :meth:`DedupStage.file` files it (as a copy of the chosen one,
or on its own) in both levels. :meth:`DedupStage.adopt` files an article the database already
judged, in the thread it has there (refilling a lost index). Writes are buffered;
:meth:`DedupStage.checkpoint` writes and commits them with the document frequencies and the
articles-table position they cover, in one transaction.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime

from crawler.dedup import copies
from crawler.dedup.cache import get_state, set_state
from crawler.dedup.copyindex import Candidate, CopyIndex
from crawler.dedup.fingerprint import Fingerprint, fingerprint_tokens
from crawler.dedup.text import Tokens, tokenize
from crawler.dedup.threadindex import Filed, ThreadIndex
from crawler.dedup.threads import DEFAULT as THREAD_DEFAULT
from crawler.dedup.threads import ThreadThresholds, profile_tokens

FREQUENCIES_EVERY = 10_000  # articles between two writes of the document frequencies


def doc_id(url: str) -> int:
    """An article's id in the index: 63 bits of the SHA-1 of its canonical URL (stable, and
    needs no table to map)."""
    return int.from_bytes(hashlib.sha1(url.encode("utf-8")).digest()[:8], "big") >> 1


def thread_name(thread: int) -> str:
    return f"t-{thread:016x}"


def thread_number(name: str) -> int:
    return int(name[2:], 16)


def _hours(value: str | None) -> float | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() / 3600.0


def when(published: str | None, fetched_at: str | None) -> tuple[float | None, int]:
    """Publication time (epoch hours, None when unknown) and the day the article is filed under:
    its publication day, else the day it was fetched."""
    hours = _hours(published)
    basis = hours if hours is not None else _hours(fetched_at)
    if basis is None:
        basis = datetime.now(UTC).timestamp() / 3600.0
    return hours, int(basis // 24)


@dataclass
class Examined:
    """An article examined but not yet filed."""

    doc: int
    url: str
    day: int
    hours: float | None
    tokens: Tokens
    fingerprint: Fingerprint
    counts: dict[int, int]
    accepted: list[Candidate]  # stored articles it copies, best first
    features: dict[int, copies.CopyFeatures] = field(default_factory=dict)  # per candidate


class DedupStage:
    def __init__(
        self,
        conn: sqlite3.Connection,
        copy_thresholds: copies.CopyThresholds = copies.DEFAULT,
        thread_thresholds: ThreadThresholds = THREAD_DEFAULT,
    ) -> None:
        self.conn = conn
        self.copies = CopyIndex(conn)
        self.threads = ThreadIndex(conn, thread_thresholds)
        self.copy_t = copy_thresholds
        self.saved_docs = self.threads.df.n_docs

    def examine(self, url: str, title: str, text: str, hours: float | None, day: int) -> Examined:
        """Tokens, fingerprint and the stored articles this one copies (texts in the canonical
        form of ``normalize_text``, as the pipeline's are)."""
        doc = doc_id(url)
        tokens = tokenize(title, text)
        fp = fingerprint_tokens(tokens)
        candidates, counts = self.copies.query(fp, day, hours is not None)
        found = Examined(doc, url, day, hours, tokens, fp, counts, [])
        scored = []
        for c in candidates:
            if c.doc == doc:
                continue
            f = copies.features(fp, hours, c.fp, c.hours, c.exclusive, self.copy_t)
            found.features[c.doc] = f
            if copies.is_copy(f, self.copy_t):
                scored.append(((f.resemblance, f.containment), c))
        found.accepted = [c for _, c in sorted(scored, key=lambda s: s[0], reverse=True)]
        return found

    def file(self, article: Examined, copy_of: tuple[int, int] | None) -> Filed:
        """File the article in both levels; ``copy_of``: (doc, day) of the stored article it is a
        copy of (it joins that article's thread)."""
        self.copies.add(
            article.doc, article.day, article.hours, article.url, article.fingerprint,
            article.counts,
        )  # fmt: skip
        profile, vocabulary = profile_tokens(article.tokens, self.threads.df)
        return self.threads.file(
            article.doc, article.day, article.hours, profile, vocabulary, copy_of
        )

    def adopt(
        self, url: str, title: str, text: str, hours: float | None, day: int, thread: int
    ) -> None:
        """File an article the database already judged, in its stored thread."""
        doc = doc_id(url)
        tokens = tokenize(title, text)
        fp = fingerprint_tokens(tokens)
        _, counts = self.copies.query(fp, day, hours is not None)
        self.copies.add(doc, day, hours, url, fp, counts)
        profile, vocabulary = profile_tokens(tokens, self.threads.df)
        self.threads.adopt(doc, day, hours, profile, vocabulary, thread)

    def contains(self, url: str, day: int) -> bool:
        return self.copies.contains(doc_id(url), day)

    def checkpoint(self, covered: int | None = None, frequencies: bool = False) -> None:
        """Write what is buffered and commit; ``covered``: the last articles-table row this
        index now reflects (refilling starts after it). The document frequencies (a 16 MB
        table) are written every :data:`FREQUENCIES_EVERY` articles and when ``frequencies``
        (at close): a crash loses only the counts since, which nudge a few weights."""
        self.copies.write()
        self.threads.write()
        if frequencies or self.threads.df.n_docs - self.saved_docs >= FREQUENCIES_EVERY:
            self.threads.save_frequencies()
            self.saved_docs = self.threads.df.n_docs
        if covered is not None:
            set_state(self.conn, "covered", covered)
        self.conn.commit()

    @property
    def covered(self) -> int:
        value = get_state(self.conn, "covered")
        return int(value) if isinstance(value, int) else 0
