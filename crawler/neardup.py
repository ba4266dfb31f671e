"""Near-duplicate detection: MinHash LSH (datasketch) with the index kept in SQLite.

An in-memory datasketch ``MinHashLSH`` of 200k articles already takes about 0.9 GB, so the LSH
bands live in an indexed SQLite table instead: one row per (band key, article), where a band key
is a 63-bit hash of the band number and its ``r`` hash values. A query is one indexed ``IN``
lookup of the article's ``b`` band keys; candidates are then checked against their stored
signatures (estimated Jaccard similarity ≥ threshold). The index grows with the database, so
today's story is matched against last month's, and memory stays flat whatever the corpus size.

Shingles are word n-grams of the canonical text (``crawler.bangla.normalize_text``) with
punctuation removed, so dari variants and spacing do not matter.

Body similarity alone cannot tell a copy from an outlet's follow-up: the daily dengue report or
the gold-price notice reuses most of yesterday's wording, and a live story grows around its
earlier version. What a follow-up changes is the lead, so a match also needs the lead (first
``LEAD_WORDS`` words) of one text to be contained in the opening (first ``HEAD_WORDS`` words) of
the other — which survives a credit line or a read-more insert at the top of a copy.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from crawler.bangla import normalize_text

_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
LEAD_WORDS = 40
HEAD_WORDS = 120
SCHEMA = """
create table if not exists minhashes (
    id integer primary key,
    canonical_url text not null unique,
    cluster_id text not null,
    published text,
    signature blob not null,
    head blob not null
);
create table if not exists lsh_bands (
    key integer not null,
    article integer not null,
    primary key (key, article)
) without rowid;
"""


def words_of(text: str) -> list[str]:
    # Words keep their combining marks (Bengali vowel signs are marks, not letters).
    return _WORDS.findall(normalize_text(text).lower())


def shingle_list(words: list[str], size: int) -> list[bytes]:
    if len(words) < size:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


def shingles(text: str, size: int) -> set[bytes]:
    return set(shingle_list(words_of(text), size))


@dataclass(frozen=True)
class Fingerprint:
    signature: np.ndarray  # MinHash values (uint32) of all shingles
    head: np.ndarray  # CRC32 (uint32) of the opening's shingles, in text order


def lead_containment(a: np.ndarray, b: np.ndarray, lead: int) -> float:
    """How much of one text's lead appears in the other's opening (the larger way round)."""
    best = 0.0
    for x, y in ((a, b), (b, a)):
        first = set(x[:lead].tolist())
        if first:
            best = max(best, len(first & set(y.tolist())) / len(first))
    return best


@dataclass(frozen=True)
class Match:
    canonical_url: str
    cluster_id: str
    published: str | None
    similarity: float


class NearDuplicateIndex:
    """MinHash LSH over an open SQLite connection (the articles database)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        threshold: float = 0.5,
        num_perm: int = 128,
        shingle_size: int = 3,
        lead_threshold: float = 0.7,
        seed: int = 1,
    ) -> None:
        self.conn = conn
        self.threshold = threshold
        self.lead_threshold = lead_threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.seed = seed
        self.bands, self.rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
        # CRC32 is enough as the base hash (the permutations randomise it) and is several times
        # faster than datasketch's default SHA-1.
        self._template = MinHash(num_perm=num_perm, seed=seed, hashfunc=zlib.crc32)
        conn.executescript(SCHEMA)

    def fingerprint(self, text: str) -> Fingerprint:
        words = words_of(text)
        grams = shingle_list(words, self.shingle_size)
        minhash = self._template.copy()
        minhash.clear()
        if grams:
            minhash.update_batch(list(set(grams)))
        head = shingle_list(words[:HEAD_WORDS], self.shingle_size)
        return Fingerprint(
            minhash.hashvalues.astype(np.uint32),
            np.asarray([zlib.crc32(g) for g in head], dtype=np.uint32),
        )

    def band_keys(self, signature: np.ndarray) -> list[int]:
        keys = []
        for band in range(self.bands):
            chunk = signature[band * self.rows : (band + 1) * self.rows].tobytes()
            digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
            keys.append(int.from_bytes(digest, "little") >> 1)  # fits SQLite's signed integer
        return keys

    def query(self, fingerprint: Fingerprint) -> list[Match]:
        """Stored articles that are copies of this text, most similar first."""
        keys = self.band_keys(fingerprint.signature)
        marks = ",".join("?" * len(keys))
        rows = self.conn.execute(
            "select canonical_url, cluster_id, published, signature, head from minhashes where id"
            f" in (select distinct article from lsh_bands where key in ({marks}))",
            keys,
        ).fetchall()
        lead = LEAD_WORDS - self.shingle_size + 1
        matches = []
        for url, cluster, published, blob, head in rows:
            similarity = float(
                np.mean(np.frombuffer(blob, dtype=np.uint32) == fingerprint.signature)
            )
            if similarity < self.threshold:
                continue
            other_head = np.frombuffer(head, dtype=np.uint32)
            if lead_containment(fingerprint.head, other_head, lead) >= self.lead_threshold:
                matches.append(Match(url, cluster, published, similarity))
        return sorted(matches, key=lambda m: -m.similarity)

    def insert(
        self, canonical_url: str, cluster_id: str, published: str | None, fingerprint: Fingerprint
    ) -> None:
        cursor = self.conn.execute(
            "insert into minhashes (canonical_url, cluster_id, published, signature, head)"
            " values (?, ?, ?, ?, ?) on conflict(canonical_url) do update set"
            " cluster_id = excluded.cluster_id",
            [
                canonical_url,
                cluster_id,
                published,
                fingerprint.signature.tobytes(),
                fingerprint.head.tobytes(),
            ],
        )
        article = (
            cursor.lastrowid
            or self.conn.execute(
                "select id from minhashes where canonical_url = ?", [canonical_url]
            ).fetchone()[0]
        )
        self.conn.executemany(
            "insert or ignore into lsh_bands (key, article) values (?, ?)",
            [(key, article) for key in self.band_keys(fingerprint.signature)],
        )
