"""Near-duplicate detection: MinHash LSH (datasketch) with the index kept in SQLite.

An in-memory datasketch ``MinHashLSH`` grows with the corpus until it no longer fits (README,
"Dependencies and why"), so the LSH bands live in an indexed SQLite table instead: one row per
(band key, article), where a band key is a 63-bit hash of the band number and its ``r`` hash
values. (datasketch chooses the bands and rows for the threshold; its ``MinHash.update_batch``
hashes shingle by shingle, slower than the vectorised signatures here.) A query is one indexed
``IN`` lookup of the article's ``b`` band keys; candidates are then checked against their stored
signatures (estimated Jaccard similarity ≥ threshold). The index grows with the database, so
today's story is matched against last month's, and memory stays flat whatever the corpus size.

Shingles are word n-grams of the canonical text (``crawler.text.bangla.normalize_text``) with
punctuation removed, so dari variants and spacing do not matter.

Body similarity alone cannot tell a copy from an outlet's follow-up: the daily dengue report or
the gold-price notice reuses most of yesterday's wording, and a live story grows around its
earlier version. What a follow-up changes is the lead, so a match also needs the lead (first
``LEAD_WORDS`` words) of one text to be contained in the opening (first ``HEAD_WORDS`` words) of
the other — which survives a credit line or a read-more insert at the top of a copy.
"""

from __future__ import annotations

import os
import re
import sqlite3
import zlib
from dataclasses import dataclass

import numpy as np
from datasketch.lsh import _optimal_param

from crawler.text.bangla import normalize_text

# Bengali vowel signs are combining marks, which \w does not match: the whole block counts.
_WORDS = re.compile(r"[\u0980-\u09ff\w]+")
LEAD_WORDS = 40
HEAD_WORDS = 120
CACHE_KB = 64 * 1024  # SQLite page cache for the index: 64 MB
SCHEMA = """
create table if not exists index_state (key text primary key, value text);
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
    # Whole Bengali words, vowel signs included.
    return _WORDS.findall(normalize_text(text).lower())


def shingle_list(words: list[str], size: int) -> list[bytes]:
    if len(words) < size:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


def shingles(text: str, size: int) -> set[bytes]:
    return set(shingle_list(words_of(text), size))


_SHIFT = np.uint64(32)
# Changes whenever signatures or band keys change: an index of another scheme is rebuilt.
SCHEME = "minhash-crc32words-mulshift-v2"
_MAX_HASH = np.uint64((1 << 32) - 1)
_MIX = np.uint64(0x9E3779B1)


def _shingle_hashes(words: list[str], size: int) -> np.ndarray:
    """32-bit hashes of the word n-grams, in text order: CRC32 per word, combined by position
    (vectorised, so an article of a thousand words costs a fraction of a millisecond)."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    word_hashes = np.fromiter(
        (zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words)
    )
    if len(words) < size:
        size = len(words)
    combined = word_hashes[: len(words) - size + 1].copy()
    for offset in range(1, size):
        combined = (combined * _MIX + word_hashes[offset : len(words) - size + 1 + offset]) & (
            _MAX_HASH
        )
    return combined


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
        rng = np.random.default_rng(seed)  # same seed, same signatures, in every process
        self._mul = rng.integers(1, 2**64, size=num_perm, dtype=np.uint64, endpoint=False) | 1
        self._add = rng.integers(0, 2**64, size=num_perm, dtype=np.uint64, endpoint=False)
        self._band_mul = rng.integers(0, 2**64, size=self.rows, dtype=np.uint64) | 1
        self._band_salt = rng.integers(0, 2**64, size=self.bands, dtype=np.uint64)
        conn.executescript(SCHEMA)

    def fingerprint(self, text: str, normalized: bool = False) -> Fingerprint:
        """MinHash signature and opening of a text (pass ``normalized=True`` for text already
        in canonical form, as the pipeline's is)."""
        words = _WORDS.findall((text if normalized else normalize_text(text)).lower())
        hashes = _shingle_hashes(words, self.shingle_size)
        if len(hashes):
            # Multiply-shift hashing (Dietzfelbinger): the high 32 bits of a·x + b mod 2⁶⁴,
            # for all shingles and permutations at once. As min-wise as datasketch's
            # mod-prime scheme on the evaluation set, and no division, so cheaper.
            # (Repeated shingles need no np.unique: they cannot change a minimum.)
            products = np.multiply.outer(hashes, self._mul)
            products += self._add
            products >>= _SHIFT
            signature = products.min(axis=0).astype(np.uint32)
        else:
            signature = np.full(self.num_perm, _MAX_HASH, dtype=np.uint32)
        # The opening's shingles are the first ones of the text's.
        head = hashes[: HEAD_WORDS - self.shingle_size + 1].astype(np.uint32)
        return Fingerprint(signature, head)

    def band_keys(self, signature: np.ndarray) -> list[int]:
        """One 63-bit key per band: a random linear hash of the band's values (with a salt per
        band), so equal bands of two texts meet in the index. Keys of different values collide
        rarely, and a collision only adds a candidate that the signature check then drops."""
        bands = signature[: self.bands * self.rows].reshape(self.bands, self.rows)
        mixed = (bands.astype(np.uint64) * self._band_mul).sum(axis=1, dtype=np.uint64)
        return ((mixed + self._band_salt) >> np.uint64(1)).tolist()  # fits SQLite's int64

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

    def catch_up(self, db: sqlite3.Connection, batch: int = 1000) -> int:
        """Index stored articles the index lacks (stored before it existed, or lost in a
        crash). Streams rows: memory stays flat whatever the corpus size."""
        index_file = self.conn.execute("PRAGMA database_list").fetchone()[2]
        db.execute("attach database ? as lsh", [index_file])
        try:
            rows = db.execute(
                "select canonical_url, cluster_id, published, text from articles a"
                " where cluster_id is not null and not exists"
                " (select 1 from lsh.minhashes m where m.canonical_url = a.canonical_url)"
            ).fetchall()
        finally:
            db.execute("detach database lsh")
        added = 0
        for url, cluster, published, text in rows:
            self.insert(url, cluster, published, self.fingerprint(text or "", normalized=True))
            added += 1
            if added % batch == 0:
                self.conn.commit()
        self.conn.commit()
        return added

    def rename_cluster(self, old: str, new: str) -> None:
        self.conn.execute("update minhashes set cluster_id = ? where cluster_id = ?", [new, old])

    def close(self) -> None:
        self.conn.execute("insert or replace into index_state values ('clean', '1')")
        self.conn.commit()
        self.conn.close()


def is_copy(first: str, second: str) -> bool:
    """Whether the second text would be found as a copy of the first (the dedup stage's
    decision on one pair, with the default settings; used by the evaluation set)."""
    index = NearDuplicateIndex(sqlite3.connect(":memory:"))
    try:
        index.insert("first", "c-first", None, index.fingerprint(first))
        return bool(index.query(index.fingerprint(second)))
    finally:
        index.conn.close()


def open_index(path: str, **params: float) -> NearDuplicateIndex:
    """Open the index file beside the database, rebuilding it when a crash damaged it.

    The index is a cache of the articles table, so it is written without a journal or fsync
    (much faster); an index not closed cleanly is checked, and deleted if damaged.
    """
    for attempt in range(2):
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute(f"PRAGMA cache_size=-{CACHE_KB}")
            index = NearDuplicateIndex(conn, **params)  # type: ignore[arg-type]
            scheme = conn.execute("select value from index_state where key = 'scheme'").fetchone()
            if scheme is not None and scheme[0] != SCHEME:
                raise sqlite3.DatabaseError("index built with another signature scheme")
            conn.execute("insert or replace into index_state values ('scheme', ?)", [SCHEME])
            clean = conn.execute("select value from index_state where key = 'clean'").fetchone()
            crashed = clean is None and conn.execute("select count(*) from minhashes").fetchone()[0]
            if crashed and conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("index damaged")
            conn.execute("delete from index_state where key = 'clean'")
            conn.commit()
            return index
        except sqlite3.DatabaseError:
            conn.close()
            if attempt:
                raise
            os.remove(path)  # rebuilt from the articles table by catch_up()
    raise AssertionError("unreachable")
