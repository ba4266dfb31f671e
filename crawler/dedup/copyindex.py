"""The copy level's index: the same days' winnowed keys in memory, anchors and sketches in SQLite.

A copy published more than half a day from its source must be a republication (the same text,
or the same headline: ``crawler.dedup.copies`` rule 6), so the many winnowed keys of a text —
which find teasers, passages and re-led copies — are only looked up among the articles of the
day before, the day and the day after (:data:`WINDOW_DAYS`; further back for an undated article,
filed under the day it was fetched). Those days' postings live in memory
(``crawler.dedup.buckets``), loaded from the articles' rows of ``copy_docs`` when first needed;
nothing is looked up in a table the size of the corpus, and an article is written as one row.
Copies further apart are found through the article's few **anchors** (min-hashes of its shingles
and of its headline's word pairs, ``crawler.dedup.fingerprint``), kept for all time in
``copy_anchors``.

A key that :data:`STOP_AT` articles of those days hold becomes a **stop key** (boilerplate: a
share line, a byline, a template's fixed sentence): it is neither looked up nor posted again,
which bounds the cost of a lookup; a copy is still found through its other, rarer keys.

Rows are buffered and written by :meth:`CopyIndex.write`, inside the stage's checkpoint
transaction (``crawler.dedup.stage``).
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np

from crawler.dedup.buckets import Arrays, Window
from crawler.dedup.fingerprint import WINDOW, Fingerprint

STOP_AT = 64  # postings of a key (in the days looked at) that make it a stop key
MAX_CANDIDATES = 12  # sketches compared per article (ranked by shared-key weight)
MIN_KEY_SHARE = 0.15  # of the keys a copy's shorter text would share, at the least
WINDOW_DAYS = 1  # winnowed keys are looked up this many days either side
UNDATED_DAYS_BACK = 3  # an undated article is filed under its fetch day, often days late
DAYS_IN_MEMORY = 8
SKETCHES_IN_MEMORY = 5_000  # the candidates are mostly recent articles
FLAG_DIGEST = 1
_NO_KEYS = np.zeros(0, dtype=np.uint64)
_SKETCH = (
    "select url, hours, n_words, n_shingles, sample, numbers, title, title_numbers, series,"
    " flags from copy_docs where day = ? and doc = ?"
)


@dataclass(frozen=True)
class Stored:
    """A stored article's comparable parts."""

    url: str
    hours: float | None
    fp: Fingerprint


@dataclass(frozen=True)
class Candidate:
    """A stored article as the decision sees it."""

    doc: int
    day: int
    url: str
    hours: float | None
    fp: Fingerprint
    shared: int  # keys and text anchors shared with the new text
    weight: float  # sum over them of 1 / (articles holding the key): rare keys weigh more

    @property
    def exclusive(self) -> float:
        """Mean 1 / (articles holding the key) over the shared keys; 1 when only the headline
        found it (no shared text says it is boilerplate)."""
        return self.weight / self.shared if self.shared else 1.0


def _blob(values: frozenset[int]) -> bytes:
    return np.array(sorted(values), dtype=np.int64).tobytes()


def _set(blob: bytes) -> frozenset[int]:
    return frozenset(np.frombuffer(blob, dtype=np.int64).tolist())


class CopyIndex:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.stop: set[int] = {k for (k,) in conn.execute("select key from copy_stop_keys")}
        self.window = Window(self._load, DAYS_IN_MEMORY, self._dropping)
        self.sketches: OrderedDict[int, Stored] = OrderedDict()
        self.rows: dict[tuple[int, int], tuple[Any, ...]] = {}  # unwritten copy_docs rows
        self.anchor_rows: dict[int, list[tuple[int, int]]] = {}
        self.new_stops: list[int] = []

    def _load(self, day: int) -> Arrays:
        keys, docs, sizes = [], [], []
        for doc, blob, n in self.conn.execute(
            "select doc, keys, n_shingles from copy_docs where day = ?", [day]
        ):
            k = np.frombuffer(blob, dtype=np.int64)
            keys.append(k)
            docs.append(np.full(len(k), doc, dtype=np.int64))
            sizes.append(np.full(len(k), n, dtype=np.int64))
        if not keys:
            return _NO_KEYS.view(np.int64), _NO_KEYS.view(np.int64), _NO_KEYS.view(np.int64)
        return np.concatenate(keys), np.concatenate(docs), np.concatenate(sizes)

    def _dropping(self, day: int) -> None:
        if any(d == day for d, _ in self.rows):
            self.write()  # the day reloads from its rows

    # -- lookups -------------------------------------------------------------------------------
    def query(
        self, fp: Fingerprint, day: int, dated: bool = True
    ) -> tuple[list[Candidate], dict[int, int]]:
        """Candidates sharing keys or anchors with ``fp`` (best first), and how many articles hold
        each of its keys and anchors (for :meth:`add`)."""
        keys = fp.keys.view(np.int64)
        if self.stop:
            keys = keys[[k not in self.stop for k in keys.tolist()]]
        first = day - (WINDOW_DAYS if dated else UNDATED_DAYS_BACK)
        self.window.cover(first, day + WINDOW_DAYS)
        which, docs, days, sizes = self.window.find(keys, first, day + WINDOW_DAYS)
        per_key = np.bincount(which, minlength=len(keys))
        held = np.flatnonzero(per_key)
        counts = dict(zip(keys[held].tolist(), per_key[held].tolist(), strict=True))
        shared: dict[tuple[int, int], list[float]] = {}
        if len(docs):
            uniq, at, inverse = np.unique(docs, return_index=True, return_inverse=True)
            n_shared = np.bincount(inverse)
            weight = np.bincount(inverse, weights=1.0 / per_key[which])
            # A candidate sharing too few keys for any copy decision to accept it is dropped
            # here: a copy's shorter text shares a fair part of the keys expected from its length.
            size = np.minimum(sizes[at], fp.n_shingles).astype(np.float64)
            expected = np.where(size <= WINDOW, size, 2.0 * size / (WINDOW + 1))
            keep = np.flatnonzero(n_shared >= MIN_KEY_SHARE * expected)
            for doc, d, n, w in zip(
                uniq[keep].tolist(), days[at[keep]].tolist(), n_shared[keep].tolist(),
                weight[keep].tolist(), strict=True,
            ):  # fmt: skip
                shared[(doc, d)] = [n, w]
        text_anchors = set(fp.anchors)
        for anchor, holders in self._anchors(fp).items():
            counts[anchor] = len(holders)
            for doc, d in holders:
                entry = shared.setdefault((doc, d), [0, 0.0])
                if anchor in text_anchors:  # a headline word pair says nothing of boilerplate
                    entry[0] += 1
                    entry[1] += 1.0 / len(holders)
        best = sorted(shared.items(), key=lambda item: (-item[1][1], item[0]))[:MAX_CANDIDATES]
        out = []
        for (doc, d), (n, weight_) in best:
            stored = self._sketch(doc, d)
            if stored is not None:
                out.append(
                    Candidate(doc, d, stored.url, stored.hours, stored.fp, int(n), float(weight_))
                )
        return out, counts

    def _sketch(self, doc: int, day: int) -> Stored | None:
        found = self.sketches.get(doc)
        if found is not None:
            self.sketches.move_to_end(doc)
            return found
        row = self.rows.get((day, doc)) or self.conn.execute(_SKETCH, [day, doc]).fetchone()
        if row is None:
            return None
        url, hours, n_words, n_shingles, sample, numbers, title, title_numbers, series, flags = row[
            :10
        ]
        found = Stored(
            url,
            hours,
            Fingerprint(
                n_words=n_words,
                n_shingles=n_shingles,
                keys=_NO_KEYS,
                sample=np.frombuffer(sample, dtype=np.uint32),
                numbers=_set(numbers),
                title_words=_set(title),
                title_numbers=_set(title_numbers),
                series=series,
                digest=bool(flags & FLAG_DIGEST),
            ),
        )
        self.sketches[doc] = found
        if len(self.sketches) > SKETCHES_IN_MEMORY:
            self.sketches.popitem(last=False)
        return found

    def _anchors(self, fp: Fingerprint) -> dict[int, list[tuple[int, int]]]:
        anchors = [a for a in (*fp.anchors, *fp.title_anchors) if a not in self.stop]
        found: dict[int, list[tuple[int, int]]] = {}
        if not anchors:
            return found
        marks = ",".join("?" * len(anchors))
        for key, day, doc in self.conn.execute(
            f"select key, day, doc from copy_anchors where key in ({marks})", anchors
        ):
            found.setdefault(key, []).append((doc, day))
        for key in anchors:
            for day, doc in self.anchor_rows.get(key, ()):
                found.setdefault(key, []).append((doc, day))
        return found

    # -- writes --------------------------------------------------------------------------------
    def add(
        self,
        doc: int,
        day: int,
        hours: float | None,
        url: str,
        fp: Fingerprint,
        counts: dict[int, int],
    ) -> None:
        """File an article (after :meth:`query` for it, whose ``counts`` tell which keys reach
        ``STOP_AT`` and become stop keys instead of being posted)."""
        keys = []
        for key in fp.keys.view(np.int64).tolist():
            if key not in self.stop and not self._stops(key, counts):
                keys.append(key)
        self.window.add(keys, doc, day, fp.n_shingles)
        for anchor in (*fp.anchors, *fp.title_anchors):
            if anchor not in self.stop and not self._stops(anchor, counts):
                self.anchor_rows.setdefault(anchor, []).append((day, doc))
        self.rows[(day, doc)] = (
            url, hours, fp.n_words, fp.n_shingles, fp.sample.tobytes(), _blob(fp.numbers),
            _blob(fp.title_words), _blob(fp.title_numbers), fp.series,
            FLAG_DIGEST if fp.digest else 0, np.array(keys, dtype=np.int64).tobytes(),
        )  # fmt: skip

    def _stops(self, key: int, counts: dict[int, int]) -> bool:
        if counts.get(key, 0) + 1 < STOP_AT:
            return False
        self.stop.add(key)
        self.new_stops.append(key)
        return True

    def contains(self, doc: int, day: int) -> bool:
        if (day, doc) in self.rows:
            return True
        found = self.conn.execute("select 1 from copy_docs where day = ? and doc = ?", [day, doc])
        return found.fetchone() is not None

    def write(self) -> None:
        """Write the buffered rows (the caller commits)."""
        self.conn.executemany(
            "insert or replace into copy_docs (day, doc, url, hours, n_words, n_shingles, sample,"
            " numbers, title, title_numbers, series, flags, keys)"
            " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(day, doc, *row) for (day, doc), row in sorted(self.rows.items())],
        )
        self.conn.executemany(
            "insert or ignore into copy_anchors values (?, ?, ?)",
            sorted((key, day, doc) for key, held in self.anchor_rows.items() for day, doc in held),
        )
        self.conn.executemany(
            "insert or ignore into copy_stop_keys values (?)", [(k,) for k in self.new_stops]
        )
        self.rows, self.anchor_rows, self.new_stops = {}, {}, []
